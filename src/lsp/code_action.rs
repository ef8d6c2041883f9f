//! `textDocument/codeAction`: quick fixes for the findings on the lines
//! asked about, "suppress RULE for this note", and "log an interaction
//! today" on a person note.
//!
//! Every action is a set of text edits against the editor's text, sent
//! as a `WorkspaceEdit` for the editor to apply: the server never writes
//! a file, and never re-serialises YAML — an entry is inserted as lines,
//! every other byte stays as it was (line ends follow the note's own).
//!
//! The quick fixes are `check --fix`'s safe fixes, built from the same
//! fix each problem carries (`Problem::fix`, `Problem::suggestion`, as
//! `commands::fix` reads them): a misspelled key renamed to the key the
//! help names (`unknown-field`), the missing opening `---` added
//! (`front-matter-syntax`), and a near-miss name replaced by the one
//! person it is close to (`unknown-person`). "Log an interaction today"
//! inserts the entry `vaultnet log` would write ([`log_entry::plan`]).

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Position, Range, TextEdit, Url, WorkspaceEdit,
};

use super::diagnostics;
use super::document;
use super::workspace::Workspace;
use crate::edit::log_entry::{self, Entry};
use crate::lint::Diagnostic;
use crate::model::{Problem, ProblemKind};

/// How long a suppression added from the editor lasts before
/// `unused-suppression` asks about it again.
pub const SUPPRESS_DAYS: i64 = 30;

/// The actions for `range` of the note at `rel` (text `text`, at `uri`).
#[must_use]
pub fn actions(
    ws: &Workspace,
    rel: &str,
    uri: &Url,
    text: &str,
    range: Range,
    today: NaiveDate,
) -> Vec<CodeActionOrCommand> {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let first = range.start.line as usize + 1;
    let last = range.end.line as usize + 1;
    let here: Vec<&Diagnostic> = ws
        .findings(rel)
        .iter()
        .filter(|d| d.span.line <= last && d.span.end_line.unwrap_or(d.span.line) >= first)
        .collect();
    let mut out = Vec::new();
    let problems: &[Problem] = ws
        .vault
        .notes
        .iter()
        .find(|n| n.path == rel)
        .map_or(&[], |n| n.problems.as_slice());
    for d in &here {
        if let Some((title, edits)) = quick_fix(d, problems, text, eol) {
            out.push(action(title, uri, edits, Some(d), text, true));
        }
    }
    let mut suppressed: Vec<&str> = Vec::new();
    for d in &here {
        if suppressed.contains(&d.rule) || d.rule == "unused-suppression" {
            continue;
        }
        suppressed.push(d.rule);
        if let Some(edits) = suppress(d.rule, text, eol, today) {
            let title = format!("Suppress {} for this note", d.rule);
            out.push(action(title, uri, edits, Some(d), text, false));
        }
    }
    if ws.person_of_note(rel).is_some() {
        let edits = log_today(text, today, &ws.settings);
        out.push(action(
            "Log an interaction today".to_string(),
            uri,
            edits,
            None,
            text,
            false,
        ));
    }
    out
}

fn action(
    title: String,
    uri: &Url,
    edits: Vec<TextEdit>,
    diagnostic: Option<&Diagnostic>,
    text: &str,
    preferred: bool,
) -> CodeActionOrCommand {
    let kind = if diagnostic.is_some() {
        CodeActionKind::QUICKFIX
    } else {
        CodeActionKind::REFACTOR_REWRITE
    };
    let diagnostics = diagnostic.map(|d| vec![diagnostics::to_lsp(d, text, &|_| None, &|_| None)]);
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        diagnostics,
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    })
}

/// `check --fix`'s fix for a finding, if it has one: the fix recorded
/// on the note's problem of the same kind and line.
fn quick_fix(
    d: &Diagnostic,
    problems: &[Problem],
    text: &str,
    eol: &str,
) -> Option<(String, Vec<TextEdit>)> {
    let kind = match d.rule {
        "unknown-field" => ProblemKind::UnknownField,
        "front-matter-syntax" => ProblemKind::FrontMatterSyntax,
        "unknown-person" => ProblemKind::UnknownPerson,
        _ => return None,
    };
    let problem = problems
        .iter()
        .find(|p| p.kind == kind && p.span.line == d.span.line)?;
    let line_no = problem.span.line.checked_sub(1)?;
    let line = document::line_text(text, line_no);
    if let Some(fix) = &problem.fix {
        let line_no = fix.span.line.checked_sub(1)?;
        let line = document::line_text(text, line_no);
        // Columns count characters of the note as read, without a BOM.
        let bom = usize::from(line_no == 0 && line.starts_with('\u{feff}'));
        let column = fix.span.column.unwrap_or(1) + bom;
        let end_column = fix.span.end_column.map_or(column, |c| c + bom);
        let range = document::range(text, fix.span.line, Some(column), None, Some(end_column));
        let chars: Vec<char> = line.chars().collect();
        let was: String = chars
            .get(column - 1..(end_column - 1).min(chars.len()))
            .map(|c| c.iter().collect())
            .unwrap_or_default();
        let title = if was.is_empty() && kind == ProblemKind::FrontMatterSyntax {
            format!("Add the opening `{}`", fix.text.trim())
        } else if was.is_empty() {
            format!("Add `{}`", fix.text.trim())
        } else {
            format!("Rename `{was}` to `{}`", fix.text)
        };
        return Some((
            title,
            vec![TextEdit::new(range, fix.text.replace('\n', eol))],
        ));
    }
    let name = problem.suggestion.as_ref()?;
    let written = problem.message.split('`').nth(1)?;
    let at = line.find(written)?;
    let range = Range::new(
        Position::new(line_no as u32, document::column(line, at)),
        Position::new(line_no as u32, document::column(line, at + written.len())),
    );
    Some((
        format!("Replace `{written}` with `{name}`"),
        vec![TextEdit::new(range, name.clone())],
    ))
}

/// A `vaultnet:` front-matter entry silencing `rule` in this note, with
/// an `until` a month away and a `reason` to fill in. None when the note
/// already has a `vaultnet:` entry (editing it in place could break what
/// is there; the user extends it by hand) or front matter that does not
/// close.
fn suppress(rule: &str, text: &str, eol: &str, today: NaiveDate) -> Option<Vec<TextEdit>> {
    let until = today + Duration::days(SUPPRESS_DAYS);
    let entry = format!(
        "vaultnet:{eol}  ignore: [{rule}]{eol}  until: {until}{eol}  reason: \"why it does not apply\"{eol}"
    );
    if let Some((_, end)) = document::front_matter_lines(text) {
        let has_entry = (1..end).any(|l| {
            let line = document::line_text(text, l);
            line.split(':')
                .next()
                .is_some_and(|k| k.trim_end() == "vaultnet")
                && !line.starts_with(' ')
        });
        if has_entry {
            return None;
        }
        let at = Position::new(end as u32, 0);
        return Some(vec![TextEdit::new(Range::new(at, at), entry)]);
    }
    if text.starts_with("---") {
        return None;
    }
    let at = Position::new(0, 0);
    Some(vec![TextEdit::new(
        Range::new(at, at),
        format!("---{eol}{entry}---{eol}"),
    )])
}

/// The entry `vaultnet log` would write for today, with no text yet:
/// where and how [`log_entry::plan`] puts it (the log's order, style and
/// line ends; a new `## Conversations` section when there is no log).
fn log_today(
    text: &str,
    today: NaiveDate,
    settings: &crate::config::VaultSettings,
) -> Vec<TextEdit> {
    let entry = Entry {
        date: today,
        text: String::new(),
        by: None,
        asks: Vec::new(),
        gives: Vec::new(),
        learned: Vec::new(),
    };
    let planned = log_entry::plan(text, &entry, settings).edit;
    let range = Range::new(
        document::position(text, planned.range.start),
        document::position(text, planned.range.end),
    );
    vec![TextEdit::new(range, planned.replacement)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, edits: &[TextEdit]) -> String {
        let mut doc = document::Document {
            text: text.to_string(),
            version: 0,
        };
        let mut edits = edits.to_vec();
        edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        for e in edits {
            doc.apply(
                vec![lsp_types::TextDocumentContentChangeEvent {
                    range: Some(e.range),
                    range_length: None,
                    text: e.new_text,
                }],
                0,
            );
        }
        doc.text
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 10).unwrap()
    }

    fn settings() -> crate::config::VaultSettings {
        crate::config::VaultSettings::defaults(std::path::Path::new("/vault"))
    }

    #[test]
    fn suppression_goes_into_the_front_matter_as_lines() {
        let text = "---\nname: Ada # the sailor\n---\nBody\n";
        let edits = suppress("no-interests", text, "\n", today()).unwrap();
        assert_eq!(
            apply(text, &edits),
            "---\nname: Ada # the sailor\nvaultnet:\n  ignore: [no-interests]\n  until: 2026-04-09\n  reason: \"why it does not apply\"\n---\nBody\n"
        );
        let bare = suppress("no-interests", "Body\n", "\n", today()).unwrap();
        assert!(apply("Body\n", &bare).starts_with("---\nvaultnet:\n"));
        assert!(suppress("x", "---\nvaultnet:\n  ignore: [y]\n---\n", "\n", today()).is_none());
    }

    #[test]
    fn a_log_entry_keeps_the_log_order_and_style() {
        let oldest_first =
            "# Ada\n\n## Log\n- 2026-01-01: tea\n- 2026-02-01: call\n\n## Family\n- a cat\n";
        assert_eq!(
            apply(oldest_first, &log_today(oldest_first, today(), &settings())),
            "# Ada\n\n## Log\n- 2026-01-01: tea\n- 2026-02-01: call\n- 2026-03-10: \n\n## Family\n- a cat\n"
        );
        let newest_first = "## Log\n- 2026-02-01: call\n- 2026-01-01: tea\n";
        assert_eq!(
            apply(newest_first, &log_today(newest_first, today(), &settings())),
            "## Log\n- 2026-03-10: \n- 2026-02-01: call\n- 2026-01-01: tea\n"
        );
        let none = "# Ada\nLikes boats.\n";
        assert_eq!(
            apply(none, &log_today(none, today(), &settings())),
            "# Ada\nLikes boats.\n\n## Conversations\n\n- 2026-03-10: \n"
        );
    }
}
