//! `textDocument/completion`: people's names after `[[`, in front-matter
//! participant fields (`people`, `attendees`, `with`, …) and in
//! `person::`/`with::`/`met::` values, and `me`/`them`/`both` after
//! `by::`.
//!
//! A link is completed the way Obsidian resolves it, by file name:
//! `[[Ada Lovelace]]` when the note is `Ada Lovelace.md`, else
//! `[[ada-lovelace|Ada Lovelace]]`, closed with `]]` unless the editor
//! already closed it. A participant value is the person's name. With a
//! large vault only the best [`MAX_ITEMS`] matches are sent and the list
//! is marked incomplete, so the editor asks again as you type.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionTextEdit, Position, Range,
    TextEdit,
};

use super::document::{self, PERSON_FIELDS};
use super::workspace::Workspace;
use crate::model::Person;

/// The most names sent at once.
pub const MAX_ITEMS: usize = 50;

const BY_FIELDS: &[&str] = &["by", "initiated", "initiator"];

/// What is being typed at the cursor.
#[derive(Debug, PartialEq, Eq)]
enum Slot {
    /// After `[[`; `closed` when `]]` already follows the cursor.
    Link { closed: bool },
    /// A participant or person field's value.
    Name,
    /// A `by::` value.
    By,
}

/// The completions at `position` of `text`.
#[must_use]
pub fn complete(ws: &Workspace, text: &str, position: Position) -> Option<CompletionList> {
    let line_no = position.line as usize;
    let line = document::line_text(text, line_no);
    let line_start = document::offset(text, Position::new(position.line, 0));
    let cursor = (document::offset(text, position) - line_start).min(line.len());
    let (slot, typed_from) = slot_at(text, line_no, line, cursor)?;
    let typed = &line[typed_from..cursor];
    let range = Range::new(
        Position::new(position.line, document::column(line, typed_from)),
        position,
    );
    let items = match slot {
        Slot::By => ["me", "them", "both"]
            .iter()
            .filter(|v| v.starts_with(&typed.trim().to_lowercase()))
            .map(|v| CompletionItem {
                label: (*v).to_string(),
                kind: Some(CompletionItemKind::VALUE),
                detail: Some(by_detail(v).to_string()),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                    range,
                    (*v).to_string(),
                ))),
                ..CompletionItem::default()
            })
            .collect(),
        Slot::Link { .. } | Slot::Name => {
            let mut found: Vec<(u8, &Person)> = ws
                .vault
                .people
                .iter()
                .filter(|p| !p.is_owner)
                .filter_map(|p| Some((rank(p, typed.trim())?, p)))
                .collect();
            found.sort_by(|a, b| (a.0, &a.1.name).cmp(&(b.0, &b.1.name)));
            let incomplete = found.len() > MAX_ITEMS;
            let items = found
                .into_iter()
                .take(MAX_ITEMS)
                .map(|(_, p)| item(p, &slot, range))
                .collect();
            return Some(CompletionList {
                is_incomplete: incomplete,
                items,
            });
        }
    };
    Some(CompletionList {
        is_incomplete: false,
        items,
    })
}

fn by_detail(value: &str) -> &'static str {
    match value {
        "me" => "you reached out",
        "them" => "they reached out",
        _ => "you both did",
    }
}

/// How well a person matches what was typed (lower is better), or None.
fn rank(person: &Person, typed: &str) -> Option<u8> {
    if typed.is_empty() {
        return Some(2);
    }
    let typed = typed.to_lowercase();
    let mut best = None;
    for name in person.names() {
        let name = name.to_lowercase();
        let score = if name.starts_with(&typed) {
            0
        } else if name.split_whitespace().any(|w| w.starts_with(&typed)) {
            1
        } else if name.contains(&typed) {
            2
        } else {
            continue;
        };
        best = Some(best.map_or(score, |b: u8| b.min(score)));
    }
    best
}

fn item(person: &Person, slot: &Slot, range: Range) -> CompletionItem {
    let insert = match slot {
        Slot::Link { closed } => {
            let target = if person.stem.eq_ignore_ascii_case(&person.name) {
                person.stem.clone()
            } else {
                format!("{}|{}", person.stem, person.name)
            };
            if *closed {
                target
            } else {
                format!("{target}]]")
            }
        }
        _ => person.name.clone(),
    };
    let aliases: Vec<&str> = person.aliases.iter().map(|a| a.value.as_str()).collect();
    CompletionItem {
        label: person.name.clone(),
        kind: Some(CompletionItemKind::REFERENCE),
        detail: Some(person.path.clone()),
        filter_text: Some(
            std::iter::once(person.name.as_str())
                .chain(aliases)
                .collect::<Vec<_>>()
                .join(" "),
        ),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, insert))),
        ..CompletionItem::default()
    }
}

/// The slot at byte `cursor` of line `line_no`, and the byte where the
/// value being typed starts.
fn slot_at(text: &str, line_no: usize, line: &str, cursor: usize) -> Option<(Slot, usize)> {
    let before = &line[..cursor];
    if let Some(open) = before.rfind("[[") {
        if !before[open..].contains("]]") {
            let closed = line[cursor..].starts_with("]]");
            return Some((Slot::Link { closed }, open + 2));
        }
    }
    let in_front_matter = document::front_matter_lines(text)
        .is_some_and(|(start, end)| line_no > start && line_no < end);
    if in_front_matter {
        let key = document::front_matter_key(text, line_no)?;
        if !document::is_participant_key(&key) {
            return None;
        }
        let after = if line.trim_start().starts_with('-') {
            line.find('-')? + 1
        } else {
            line.find(':')? + 1
        };
        if cursor < after {
            return None;
        }
        return Some((Slot::Name, value_start(line, after, cursor)));
    }
    let (value_from, key) = document::inline_key_before(line, cursor)?;
    if BY_FIELDS.contains(&key.as_str()) {
        return Some((Slot::By, value_start(line, value_from, cursor)));
    }
    if PERSON_FIELDS.contains(&key.as_str()) {
        return Some((Slot::Name, value_start(line, value_from, cursor)));
    }
    None
}

/// Where the value being typed starts: after the last separator
/// (`,`, `[`, a quote) and spaces between `from` and `cursor`.
fn value_start(line: &str, from: usize, cursor: usize) -> usize {
    let part = &line[from..cursor];
    let start = part
        .rfind([',', '[', '"', '\''])
        .map_or(from, |i| from + i + 1);
    start + line[start..cursor].len() - line[start..cursor].trim_start().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots() {
        let text =
            "---\nattendees: [Ada, Gr\ntags: x\n---\nLunch with [[Ad\n- by:: th\n- with:: To\n";
        let at = |line: usize, ch: usize| {
            let l = document::line_text(text, line);
            slot_at(text, line, l, ch)
        };
        assert_eq!(at(1, 19), Some((Slot::Name, 17)));
        assert_eq!(at(2, 7), None);
        assert_eq!(at(4, 15), Some((Slot::Link { closed: false }, 13)));
        assert_eq!(at(5, 9), Some((Slot::By, 7)));
        assert_eq!(at(6, 11), Some((Slot::Name, 9)));
    }
}
