//! The agenda's renderers: JSON (SPEC §5.1), text grouped by kind for a
//! terminal, and a Markdown checklist to paste into a daily note.

use std::io::{self, Write};

use crate::agenda::{Agenda, Item, Kind};

use super::style;

/// `{"from","to","items":[…]}`, one document.
pub fn write_json(out: &mut dyn Write, agenda: &Agenda) -> io::Result<()> {
    let items: Vec<serde_json::Value> = agenda
        .items
        .iter()
        .map(|i| {
            serde_json::json!({
                "kind": i.kind.as_str(),
                "person": i.person,
                "path": i.path,
                "line": i.line,
                "date": i.date.to_string(),
                "days": i.days,
                "message": i.message,
                "starter": i.starter,
            })
        })
        .collect();
    let doc = serde_json::json!({
        "from": agenda.from.to_string(),
        "to": agenda.to.to_string(),
        "items": items,
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// The groups of the text and Markdown output, in the order a person
/// acts on them.
const GROUPS: [(Kind, &str); 5] = [
    (Kind::Overdue, "Overdue"),
    (Kind::FollowUp, "Planned"),
    (Kind::NewContact, "New contacts to follow up"),
    (Kind::Birthday, "Birthdays"),
    (Kind::Due, "Coming due"),
];

/// Items of one kind in reading order: overdue people most behind
/// their cadence first (relative to it), the others by date.
fn group(agenda: &Agenda, kind: Kind) -> Vec<&Item> {
    let mut items: Vec<&Item> = agenda.items.iter().filter(|i| i.kind == kind).collect();
    if kind == Kind::Overdue {
        items.sort_by(|a, b| {
            b.relative_overdue
                .total_cmp(&a.relative_overdue)
                .then_with(|| a.person.cmp(&b.person))
        });
    }
    items
}

/// What an empty agenda says: true of the vault it was built from (no
/// person notes, people never contacted, or everyone within cadence).
fn nothing_due(agenda: &Agenda) -> String {
    let window = if agenda.from == agenda.to {
        "today".to_string()
    } else {
        format!(
            "in the next {} days",
            (agenda.to - agenda.from).num_days() + 1
        )
    };
    if agenda.people == 0 && agenda.known > 0 {
        return format!(
            "Nothing due: {} left out (the owner and paused, archived, deceased, reference and snoozed people are not followed).",
            super::plural(agenda.known, "person is", "people are")
        );
    }
    if agenda.people == 0 {
        // How to mark people follows on stderr (`NO_PEOPLE_HELP`).
        return "Nothing due: no person notes were found.".to_string();
    }
    match agenda.uncontacted {
        0 => format!("Nothing due {window}: everyone is within their cadence."),
        n if n == agenda.people => format!(
            "Nothing due {window}. {} no contact recorded yet (vaultnet check --select no-interactions).",
            super::plural(n, "person has", "people have")
        ),
        n => format!(
            "Nothing due {window}; the others are within their cadence. {} no contact recorded yet (vaultnet check --select no-interactions).",
            super::plural(n, "person has", "people have")
        ),
    }
}

/// Text for a terminal, grouped by kind.
pub fn write_text(out: &mut dyn Write, agenda: &Agenda, quiet: bool) -> io::Result<()> {
    if !quiet {
        writeln!(
            out,
            "{}Agenda {} to {}{}",
            style::BOLD.render(),
            agenda.from.format("%a %Y-%m-%d"),
            agenda.to.format("%a %Y-%m-%d"),
            style::BOLD.render_reset()
        )?;
    }
    if agenda.items.is_empty() {
        if !quiet {
            writeln!(out, "\n{}", nothing_due(agenda))?;
        }
        return Ok(());
    }
    for (kind, title) in GROUPS {
        let items = group(agenda, kind);
        if items.is_empty() {
            continue;
        }
        writeln!(
            out,
            "\n{}{title}{}",
            style::BOLD.render(),
            style::BOLD.render_reset()
        )?;
        for item in items {
            writeln!(
                out,
                "  {}{}{}  {}",
                style::BOLD.render(),
                item.person,
                style::BOLD.render_reset(),
                item.message
            )?;
            if let Some(starter) = &item.starter {
                writeln!(
                    out,
                    "    {}→ {starter}{}",
                    style::DIM.render(),
                    style::DIM.render_reset()
                )?;
            }
        }
    }
    Ok(())
}

/// `[[stem]]`, or `[[stem|Name]]` when the file is named otherwise.
fn link(item: &Item) -> String {
    if item.stem == item.person {
        format!("[[{}]]", item.stem)
    } else {
        format!("[[{}|{}]]", item.stem, item.person)
    }
}

/// A checklist for a daily note: `- [ ] Call [[Ada]] — ask about …`.
/// Unchecked tasks are plans, not contact, so pasting it changes no
/// one's last contact.
pub fn write_markdown(out: &mut dyn Write, agenda: &Agenda) -> io::Result<()> {
    writeln!(out, "## Agenda {} to {}", agenda.from, agenda.to)?;
    writeln!(out)?;
    if agenda.items.is_empty() {
        writeln!(out, "{}", nothing_due(agenda))?;
        return Ok(());
    }
    for (kind, _) in GROUPS {
        for item in group(agenda, kind) {
            let link = link(item);
            let what = match item.kind {
                Kind::Birthday => format!("Wish {link} a happy birthday ({})", item.message),
                Kind::FollowUp => match item
                    .plan
                    .as_deref()
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                {
                    Some(plan) => format!(
                        "Follow up with {link}: {}",
                        crate::lint::starter::quote(plan, 60)
                    ),
                    None => format!("Follow up with {link} (planned for {})", item.date),
                },
                Kind::NewContact => format!("Follow up with {link}, met recently"),
                Kind::Overdue | Kind::Due => format!("Reach out to {link}"),
            };
            match &item.starter {
                Some(starter) => writeln!(out, "- [ ] {what} — {starter}")?,
                None => writeln!(out, "- [ ] {what}")?,
            }
        }
    }
    Ok(())
}
