//! `vaultnet log PERSON TEXT…`: append an interaction to a person's
//! note, in the note's own style ([`crate::edit::log_entry`]).
//!
//! PERSON is matched the way the reader matches names (SPEC §1): name,
//! aliases, slug and file stem, case-insensitive, accents folded, also
//! in slug form. When nothing matches a whole name, one word of a name
//! does (`log Ada …` finds `Ada Lovelace` when she is the only Ada). Two
//! or more people matching, or none, is an error (exit 2) listing the
//! candidates: a log entry written to the wrong person is worse than
//! none.

use std::fmt::Write as _;

use super::write::finish;
use super::{today, vault_settings, Outcome, Streams};
use crate::cli::{ByArg, GlobalArgs, LogArgs};
use crate::edit::log_entry::{plan, Entry, Placement};
use crate::edit::{Action, Change, Original};
use crate::error::{Error, Result};
use crate::model::{By, Person, Status, Vault};
use crate::vault::names::{fold, slug_form};
use crate::vault::{load, LoadOptions};

pub fn run(args: &LogArgs, global: &GlobalArgs, streams: &mut Streams<'_>) -> Result<Outcome> {
    let root = super::vault_target(None, global)?.root;
    let (settings, _) = vault_settings(&root, global)?;
    let vault = load(&settings, LoadOptions::default());
    let person = resolve(&vault, &args.person)?;
    let text = args.text.join(" ");
    if text.trim().is_empty() {
        return Err(Error::Usage(
            "log: say what happened (TEXT is empty)".into(),
        ));
    }
    let entry = Entry {
        date: args.date.unwrap_or_else(|| today(global)),
        text,
        by: args.by.map(|b| match b {
            ByArg::Me => By::Me,
            ByArg::Them => By::Them,
            ByArg::Both => By::Both,
        }),
        asks: args.ask.clone(),
        gives: args.give.clone(),
        learned: args.learned.clone(),
    };
    let path = root.join(&person.path);
    let original = Original::read(&path)?;
    let planned = plan(original.text(&path)?, &entry, &settings);
    let summary = match planned.placement {
        Placement::Log => format!("{} entry for {}", entry.date, person.name),
        Placement::EmptySection => {
            format!(
                "{} entry for {} (first in its log)",
                entry.date, person.name
            )
        }
        Placement::NewSection => format!(
            "{} entry for {} (in a new `## Conversations` section)",
            entry.date, person.name
        ),
    };
    let change = Change::edit(
        path,
        person.path.clone(),
        Action::Appended,
        original,
        vec![planned.edit],
    )
    .with_summary(summary);
    finish(&[change], args.dry_run, args.format, streams)?;
    // The user asked, so the entry is written; these say why vaultnet
    // may not read it the way they expect.
    for warning in warnings(person, entry.date, today(global)) {
        writeln!(streams.err, "warning: {warning}").map_err(super::stdout_error)?;
    }
    Ok(Outcome::Success)
}

/// What is odd about logging on `date` to `person`: a date after today
/// (counted as contact only from that day), or a person whose status
/// keeps them out of the relationship rules.
fn warnings(person: &Person, date: chrono::NaiveDate, today: chrono::NaiveDate) -> Vec<String> {
    let mut out = Vec::new();
    if date > today {
        out.push(format!(
            "{date} is after today; vaultnet counts it as contact only from that day"
        ));
    }
    let why = match person.status {
        Status::Active => None,
        Status::Deceased => Some("marked deceased"),
        Status::Archived => Some("archived"),
        Status::Paused => Some("paused"),
        Status::Reference => Some("a reference person (someone you know of)"),
    };
    if let Some(why) = why {
        out.push(format!(
            "{} is {why}; the relationship rules leave them out",
            person.name
        ));
    } else if let Some(until) = person.snooze_until.filter(|u| *u > today) {
        out.push(format!(
            "{} is snoozed until {until}; the relationship rules leave them out until then",
            person.name
        ));
    }
    out
}

/// The person `written` names; an error listing candidates when it
/// names none or several.
pub fn resolve<'v>(vault: &'v Vault, written: &str) -> Result<&'v Person> {
    let wanted = fold(written.trim().trim_start_matches('@'));
    let wanted = wanted
        .trim_start_matches("[[")
        .trim_end_matches("]]")
        .trim()
        .to_string();
    let wanted_slug = slug_form(&wanted);
    let people: Vec<&Person> = vault.others().collect();
    let full: Vec<&Person> = people
        .iter()
        .copied()
        .filter(|p| {
            p.names().any(|n| {
                let n = fold(n.trim());
                !n.is_empty()
                    && (n == wanted || (!wanted_slug.is_empty() && slug_form(&n) == wanted_slug))
            })
        })
        .collect();
    let matches = if full.is_empty() {
        // One word of a name: `Ada` for `Ada Lovelace`.
        people
            .iter()
            .copied()
            .filter(|p| {
                !wanted_slug.is_empty()
                    && !wanted_slug.contains('-')
                    && p.names()
                        .any(|n| slug_form(&fold(n)).split('-').any(|w| w == wanted_slug))
            })
            .collect()
    } else {
        full
    };
    match matches.as_slice() {
        [one] => Ok(one),
        [] => {
            let mut near: Vec<(usize, &Person)> = people
                .iter()
                .filter_map(|p| {
                    let best = p
                        .names()
                        .map(|n| strsim::levenshtein(&slug_form(&fold(n)), &wanted_slug))
                        .min()?;
                    let limit = if wanted_slug.chars().count() <= 5 {
                        1
                    } else {
                        2
                    };
                    let prefix = p.names().any(|n| {
                        let n = slug_form(&fold(n));
                        wanted_slug.len() >= 3 && n.starts_with(&wanted_slug)
                    });
                    (best <= limit || prefix).then_some((best, *p))
                })
                .collect();
            near.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
            let mut message = format!("log: no person is called `{}`", written.trim());
            if near.is_empty() {
                message.push_str(
                    " (`vaultnet people` lists everyone; `vaultnet new NAME` adds someone)",
                );
            } else {
                message.push_str("; did you mean:");
                for (_, p) in near.iter().take(5) {
                    let _ = write!(message, "\n  {} ({})", p.name, p.path);
                }
            }
            Err(Error::Usage(message))
        }
        many => {
            let mut message = format!(
                "log: `{}` names {} people; say which one (their full name, an alias or the note's file name):",
                written.trim(),
                many.len()
            );
            let mut sorted: Vec<&&Person> = many.iter().collect();
            sorted.sort_by(|a, b| a.path.cmp(&b.path));
            for p in sorted {
                let _ = write!(message, "\n  {} ({})", p.name, p.path);
            }
            Err(Error::Usage(message))
        }
    }
}
