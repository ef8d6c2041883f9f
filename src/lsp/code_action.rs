//! `textDocument/codeAction`: quick fixes for the findings on the lines
//! asked about, "suppress RULE for this note", and "log an interaction
//! today" on a person note.
//!
//! Every action is a set of text edits against the editor's text, sent
//! as a `WorkspaceEdit` for the editor to apply: the server never writes
//! a file, and never re-serialises YAML — an entry is inserted as lines,
//! every other byte stays as it was (line ends follow the note's own).
//!
//! The quick fixes are `check --fix`'s safe fixes: a misspelled key
//! renamed to the key the help names (`unknown-field`), and the missing
//! opening `---` added (`front-matter-syntax`).

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Position, Range, TextEdit, Url, WorkspaceEdit,
};

use super::diagnostics;
use super::document;
use super::workspace::Workspace;
use crate::lint::Diagnostic;

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
    for d in &here {
        if let Some((title, edits)) = quick_fix(d, text, eol) {
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
        let edits = log_today(text, eol, today, &ws.settings.log_sections);
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

/// `check --fix`'s fix for a finding, if it has one.
fn quick_fix(d: &Diagnostic, text: &str, eol: &str) -> Option<(String, Vec<TextEdit>)> {
    let help = d.help.as_deref().unwrap_or("");
    match d.rule {
        "unknown-field" => {
            let key = d.message.split('`').nth(1)?;
            let known = help.split('`').nth(1)?;
            let line_no = d.span.line.saturating_sub(1);
            let line = document::line_text(text, line_no);
            let start = line.find(key)?;
            // Only the key itself, never a value that happens to match.
            if !line[start + key.len()..].trim_start().starts_with(':') {
                return None;
            }
            let range = Range::new(
                Position::new(line_no as u32, document::utf16_column(line, start)),
                Position::new(
                    line_no as u32,
                    document::utf16_column(line, start + key.len()),
                ),
            );
            Some((
                format!("Rename `{key}` to `{known}`"),
                vec![TextEdit::new(range, known.to_string())],
            ))
        }
        "front-matter-syntax" if help.contains("`---`") && help.contains("first line") => {
            let at = Position::new(0, 0);
            Some((
                "Add the opening `---`".to_string(),
                vec![TextEdit::new(Range::new(at, at), format!("---{eol}"))],
            ))
        }
        _ => None,
    }
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

/// A dated entry for today in the note's log: a list item at the end of
/// its log section (at the top when the log runs newest first), a
/// `### date` heading when the log is dated headings, or a new
/// `## Conversations` section at the end of the note.
fn log_today(text: &str, eol: &str, today: NaiveDate, log_sections: &[String]) -> Vec<TextEdit> {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let heading = |l: &str| -> Option<(usize, String)> {
        let level = l.chars().take_while(|c| *c == '#').count();
        (level > 0 && l[level..].starts_with(' ')).then(|| (level, l[level..].trim().to_string()))
    };
    let body_from = document::front_matter_lines(text).map_or(0, |(_, end)| end + 1);
    let log = (body_from..lines.len()).find_map(|i| {
        let (level, name) = heading(lines[i])?;
        let name = name.trim_end_matches(':').trim().to_lowercase();
        log_sections
            .iter()
            .any(|s| s.trim().trim_end_matches(':').trim().to_lowercase() == name)
            .then_some((i, level))
    });
    let Some((start, level)) = log else {
        let last = lines.len().saturating_sub(1);
        let at = Position::new(
            last as u32,
            document::utf16_column(lines[last], lines[last].len()),
        );
        let lead = if text.ends_with("\n\n") || text.is_empty() {
            String::new()
        } else if text.ends_with('\n') {
            eol.to_string()
        } else {
            format!("{eol}{eol}")
        };
        return vec![TextEdit::new(
            Range::new(at, at),
            format!("{lead}## Conversations{eol}{eol}- {today}: {eol}"),
        )];
    };
    let end = (start + 1..lines.len())
        .find(|i| heading(lines[*i]).is_some_and(|(l, _)| l <= level))
        .unwrap_or(lines.len());
    let dated = |l: &str| {
        let l = l.trim_start_matches(['-', '*', '#', ' ', '[', 'x', ']']);
        matches!(
            crate::vault::dates::leading_date(l),
            Some((crate::vault::dates::DateValue::Date(_), _))
        )
    };
    let entries: Vec<usize> = (start + 1..end)
        .filter(|i| dated(lines[*i]) && !lines[*i].starts_with(' '))
        .collect();
    let as_headings = entries.first().is_some_and(|i| lines[*i].starts_with('#'));
    let entry = if as_headings {
        format!("{} {today} {eol}{eol}", "#".repeat(level + 1))
    } else {
        format!("- {today}: {eol}")
    };
    let newest_first = entries.len() >= 2 && {
        let date = |i: usize| {
            let l = lines[i].trim_start_matches(['-', '*', '#', ' ', '[', 'x', ']']);
            match crate::vault::dates::leading_date(l) {
                Some((crate::vault::dates::DateValue::Date(d), _)) => Some(d),
                _ => None,
            }
        };
        date(entries[0]) > date(entries[entries.len() - 1])
    };
    let at_line = if newest_first {
        entries[0]
    } else {
        // After the last non-blank line of the section.
        let mut l = end;
        while l > start + 1 && lines[l - 1].trim().is_empty() {
            l -= 1;
        }
        l
    };
    if at_line >= lines.len() {
        let last = lines.len() - 1;
        let at = Position::new(
            last as u32,
            document::utf16_column(lines[last], lines[last].len()),
        );
        return vec![TextEdit::new(Range::new(at, at), format!("{eol}{entry}"))];
    }
    let at = Position::new(at_line as u32, 0);
    vec![TextEdit::new(Range::new(at, at), entry)]
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

    fn logs() -> Vec<String> {
        crate::config::DEFAULT_LOG_SECTIONS
            .iter()
            .map(|s| (*s).to_string())
            .collect()
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
            apply(oldest_first, &log_today(oldest_first, "\n", today(), &logs())),
            "# Ada\n\n## Log\n- 2026-01-01: tea\n- 2026-02-01: call\n- 2026-03-10: \n\n## Family\n- a cat\n"
        );
        let newest_first = "## Log\n- 2026-02-01: call\n- 2026-01-01: tea\n";
        assert_eq!(
            apply(
                newest_first,
                &log_today(newest_first, "\n", today(), &logs())
            ),
            "## Log\n- 2026-03-10: \n- 2026-02-01: call\n- 2026-01-01: tea\n"
        );
        let none = "# Ada\nLikes boats.\n";
        assert_eq!(
            apply(none, &log_today(none, "\n", today(), &logs())),
            "# Ada\nLikes boats.\n\n## Conversations\n\n- 2026-03-10: \n"
        );
    }
}
