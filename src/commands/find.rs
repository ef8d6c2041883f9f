//! `vaultnet find QUERY [PATH]`: bring the index in step with the notes,
//! search it, and print the hits best first. Exit 1 when nothing matches,
//! with a spelling suggestion when a word is close to one in the notes.

use std::io::IsTerminal;

use super::index::sync_vault;
use super::{stdout_error, vault_target, Outcome, Streams};
use crate::cli::{CheckFormat, FindArgs, GlobalArgs, ListFormat};
use crate::error::{Error, Result};
use crate::output::find::{write_json, write_text};
use crate::search::{self, SearchOptions};

pub fn run(args: &FindArgs, global: &GlobalArgs, streams: &mut Streams<'_>) -> Result<Outcome> {
    // A bad query fails before any work.
    let query = search::parse(&args.query)?;
    if let (Some(since), Some(until)) = (args.since, args.until) {
        if since > until {
            return Err(Error::Usage(format!(
                "--since {since} is after --until {until}"
            )));
        }
    }
    if args.limit == 0 {
        return Err(Error::Usage("--limit must be at least 1".into()));
    }
    let target = vault_target(args.path.as_deref(), global)?;
    let root = target.root.clone();
    let (_, mut index) = sync_vault(&root, args.index_dir.as_deref(), false, global, streams)?;
    let mut options = SearchOptions {
        limit: args.limit,
        person: args.person.clone(),
        since: args.since,
        until: args.until,
    };
    let mut found = match search::search_guarded(&index, &query, &options) {
        Ok(found) => found?,
        // A damaged index that opened but fails when searched: rebuilt
        // from the notes, then asked again.
        Err(why) => {
            writeln!(
                streams.err,
                "warning: the index could not be searched ({why}); rebuilding it"
            )
            .map_err(stdout_error)?;
            drop(index);
            index = sync_vault(&root, args.index_dir.as_deref(), true, global, streams)?.1;
            search::search_guarded(&index, &query, &options).map_err(|message| Error::Index {
                path: root.clone(),
                message,
            })??
        }
    };
    if target.only.is_some() {
        // A folder or note below the root shows the hits inside it, best
        // first, counted right: the vault's best `limit` may hold few of
        // them, so all matches are asked for and those inside kept.
        if found.total > found.hits.len() {
            options.limit = found.total;
            found = search::search_guarded(&index, &query, &options).map_err(|message| {
                Error::Index {
                    path: root.clone(),
                    message,
                }
            })??;
        }
        found.hits.retain(|hit| target.reports(&hit.path));
        found.total = found.hits.len();
        found.hits.truncate(args.limit);
    }
    match args.format {
        ListFormat::Json => write_json(streams.out, &found.hits),
        ListFormat::Text => {
            let cwd = std::env::current_dir().unwrap_or_else(|_| root.clone());
            let prefix = super::check::path_prefix(&root, &cwd, None, CheckFormat::Full);
            write_text(streams.out, &found.hits, &prefix)
        }
    }
    .map_err(stdout_error)?;
    if let Some(closest) = &found.unknown_person {
        let name = args.person.as_deref().unwrap_or_default();
        // No name is close: say where the names are, rather than nothing.
        let hint = closest.as_ref().map_or_else(
            || "; `vaultnet people` lists everyone".to_string(),
            |c| format!("; did you mean `{c}`?"),
        );
        writeln!(streams.err, "no person named `{name}` in the vault{hint}")
            .map_err(stdout_error)?;
        return Ok(Outcome::Failure);
    }
    if found.hits.is_empty() {
        if !global.quiet {
            let hint = found
                .suggestion
                .as_ref()
                .map(|(_, word)| format!("; did you mean `{word}`?"))
                .unwrap_or_default();
            writeln!(streams.err, "no match for `{}`{hint}", args.query).map_err(stdout_error)?;
        }
        return Ok(Outcome::Failure);
    }
    // Said only to a person at a terminal, never into a pipe or a log.
    let chatty = !global.quiet && std::io::stderr().is_terminal();
    if found.total > found.hits.len() && chatty && args.format == ListFormat::Text {
        writeln!(
            streams.err,
            "\n{} more; use --limit to see them",
            found.total - found.hits.len()
        )
        .map_err(stdout_error)?;
    }
    Ok(Outcome::Success)
}
