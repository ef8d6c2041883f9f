//! `textDocument/hover`: on a `[[Person]]` link, a participant value or
//! a person note's title, what a friend would want to recall before
//! writing to them — last contact, cadence and how overdue, interests,
//! the last conversation's topic, the conversation starter, asks and gives — as Markdown, from the
//! same person model `check` and `people` read.

use chrono::NaiveDate;
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::document::{self, Target};
use super::workspace::Workspace;
use crate::model::Person;

/// At most this many asks, gives or interests are listed: a hover is a
/// glance, not the note.
const LIST: usize = 5;

/// The hover at `position` of the note at `rel` whose text is `text`.
#[must_use]
pub fn hover(
    ws: &Workspace,
    rel: &str,
    text: &str,
    position: Position,
    today: NaiveDate,
) -> Option<Hover> {
    let person = match document::target_at(text, position)? {
        Target::Name(name) => ws.person(&name)?,
        Target::Title => ws.person_of_note(rel)?,
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: card(person, today),
        }),
        range: None,
    })
}

/// The Markdown card for a person.
#[must_use]
pub fn card(person: &Person, today: NaiveDate) -> String {
    let mut out = format!("**{}** — `{}`\n", person.name, person.path);
    let mut facts: Vec<String> = Vec::new();
    if person.status != crate::model::Status::Active {
        facts.push(format!("status: {}", person.status.as_str()));
    }
    if let Some(until) = person.snooze_until.filter(|d| *d > today) {
        facts.push(format!("snoozed until {until}"));
    }
    let last = person.last_contact_date(today);
    facts.push(match last {
        Some(date) => format!("last contact: {date} ({})", ago((today - date).num_days())),
        None => "last contact: none recorded".to_string(),
    });
    match (person.cadence_days, last) {
        (Some(cadence), Some(date)) => {
            let overdue = (today - date).num_days() - i64::from(cadence);
            let state = match overdue {
                o if o > 0 => format!("{} overdue", days(o)),
                0 => "due today".to_string(),
                o => format!("due in {}", days(-o)),
            };
            facts.push(format!(
                "cadence: every {} ({}) — {state}",
                days(i64::from(cadence)),
                person.cadence_origin
            ));
        }
        (Some(cadence), None) => facts.push(format!(
            "cadence: every {} ({})",
            days(i64::from(cadence)),
            person.cadence_origin
        )),
        (None, _) => facts.push("cadence: none".to_string()),
    }
    if !person.interests.is_empty() {
        let interests: Vec<&str> = person
            .interests
            .iter()
            .take(LIST)
            .map(|i| i.value.as_str())
            .collect();
        facts.push(format!("interests: {}", interests.join(", ")));
    }
    let by_date = person.interactions_by_date();
    if let Some(last) = by_date.iter().rev().find(|i| i.date <= today) {
        let topic = last.gist.topic.trim();
        if topic.is_empty() {
            facts.push(format!(
                "last conversation: {} in `{}`",
                last.date, last.path
            ));
        } else {
            facts.push(format!("last conversation: {} — {topic}", last.date));
        }
    }
    let asks: Vec<&str> = by_date
        .iter()
        .rev()
        .flat_map(|i| i.asks.iter().map(String::as_str))
        .collect();
    let gives: Vec<&str> = by_date
        .iter()
        .rev()
        .flat_map(|i| i.gives.iter().map(String::as_str))
        .collect();
    // The conversation starter `check`'s helps and `agenda` offer.
    if let Some(starter) = crate::lint::starter::starter(person, today) {
        facts.push(format!("next time: {}", starter.suggestion));
    }
    if !asks.is_empty() {
        facts.push(format!("asks ({}): {}", asks.len(), list(&asks)));
    }
    if !gives.is_empty() {
        facts.push(format!("gives ({}): {}", gives.len(), list(&gives)));
    }
    for fact in facts {
        out.push_str("\n- ");
        out.push_str(&fact);
    }
    out.push('\n');
    out
}

fn list(items: &[&str]) -> String {
    let mut shown: Vec<String> = items.iter().take(LIST).map(|s| format!("“{s}”")).collect();
    if items.len() > LIST {
        shown.push("…".into());
    }
    shown.join(", ")
}

fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

fn ago(n: i64) -> String {
    match n {
        0 => "today".to_string(),
        n => format!("{} ago", days(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::VaultSettings;
    use crate::vault::{load_bytes, LoadOptions};

    #[test]
    fn the_card_says_when_what_and_how_overdue() {
        let settings = VaultSettings::defaults(std::path::Path::new("/vault"));
        let notes: [(&str, &[u8]); 1] = [(
            "People/Ada.md",
            b"---\nname: Ada\ncadence: 30d\ninterests: [sailing, chess]\n---\n## Log\n- 2026-01-01: tea at the pier [by:: me] [ask:: an intro to Tom]\n",
        )];
        let vault = load_bytes(&settings, &notes, LoadOptions::default());
        let today = NaiveDate::from_ymd_opt(2026, 2, 15).unwrap();
        let card = card(&vault.people[0], today);
        assert_eq!(
            card,
            "**Ada** — `People/Ada.md`\n\n- last contact: 2026-01-01 (45 days ago)\n\
             - cadence: every 30 days (cadence) — 15 days overdue\n- interests: sailing, chess\n\
             - last conversation: 2026-01-01 — 2026-01-01: tea at the pier [by:: me] [ask:: an intro to Tom]\n\
             - next time: ask about sailing\n- asks (1): “an intro to Tom”\n"
        );
    }
}
