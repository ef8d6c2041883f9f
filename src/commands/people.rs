//! `vaultnet people`: everyone in the vault with their last contact,
//! cadence and days overdue.

use super::{stdout_error, today, vault_settings, vault_target, Outcome, Streams};
use crate::cli::{GlobalArgs, ListFormat, PeopleArgs};
use crate::error::Result;
use crate::output::people::{rows, write_json, write_table, Answer, NO_PEOPLE_HELP};
use crate::vault::answer::Key;
use crate::vault::{load_walked, walk, LoadOptions};

pub fn run(args: &PeopleArgs, global: &GlobalArgs, streams: &mut Streams<'_>) -> Result<Outcome> {
    let target = vault_target(args.path.as_deref(), global)?;
    let (settings, _) = vault_settings(&target.root, global)?;
    let options = LoadOptions {
        cache: !args.no_cache,
        ..LoadOptions::default()
    };
    let today = today(global);
    let walked = walk::walk_notes(&settings.root, &settings.exclude, settings.follow_links);
    // No note changed since a run that stored its answer: that answer,
    // without reading a note (checked as all state is, SPEC §6.1).
    let key = (!args.no_cache).then(|| Key::new(&settings, &walked, "people", today));
    let bytes = key
        .as_ref()
        .and_then(|key| Answer::read(&settings.root, key));
    let stored = bytes
        .as_deref()
        .zip(key.as_ref())
        .and_then(|(bytes, key)| Answer::stored(&settings.root, bytes, key, &walked));
    let mut vault = None;
    let answer = if let Some(answer) = stored {
        answer
    } else {
        let vault = vault.insert(load_walked(&settings, walked, options));
        let answer = Answer::new(&vault.notices, rows(vault, today));
        if let Some(key) = &key {
            answer.store(&settings.root, key);
        }
        answer
    };
    for notice in answer.notices.iter().filter(|_| !global.quiet) {
        writeln!(streams.err, "note: {notice}").map_err(stdout_error)?;
    }
    let mut rows = answer.rows;
    // A folder below the root lists the people whose notes lie in it;
    // their dates still come from the whole vault.
    rows.retain(|row| target.reports(row.path));
    match args.format {
        ListFormat::Json => write_json(streams.out, &rows).map_err(stdout_error)?,
        // The table of nobody is nothing: the explanation is a message
        // for the person, on stderr as `check` has it.
        ListFormat::Text if rows.is_empty() => {}
        ListFormat::Text => write_table(streams.out, &rows, global.quiet).map_err(stdout_error)?,
    }
    if rows.is_empty() && !global.quiet {
        writeln!(streams.err, "{NO_PEOPLE_HELP}").map_err(stdout_error)?;
    }
    // As in `check`: the process ends soon; skip freeing the vault.
    std::mem::forget(rows);
    std::mem::forget(vault);
    Ok(Outcome::Success)
}
