//! The edit `vaultnet log` makes: one new interaction in a person note,
//! written in the style the note already uses (SPEC §5).
//!
//! The note is read by the same body parser the linter uses, so "its
//! log" is exactly what vaultnet reads as its log: the dated list items
//! or dated headings of the note itself. The new entry copies a
//! neighbour's form — indent, list marker, checked-task box, how the
//! date is written (`2026-03-01:`, `[[2026-03-01]] —`, `**2026-03-01**`)
//! and how fields are written (`[by:: me]`, `(by:: me)` or `by::` lines)
//! — and goes where it keeps the log's order: after the last entry not
//! newer than it in an ascending log, before the first entry not newer
//! than it in a descending one (so today's entry lands at the end that
//! is the log's newest end). A note whose log section has no entries
//! gets a list item at the end of that section; a note with no log gets
//! a `## Conversations` section at its end. The edit is a single
//! insertion: every byte of the note outside it is kept.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::text::{line_ending, LineEnding};
use super::TextEdit;
use crate::config::VaultSettings;
use crate::model::{By, InteractionSource};
use crate::vault::dates::leading_date;
use crate::vault::markdown::{parse_body, BodyOptions};

/// What to log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub date: NaiveDate,
    pub text: String,
    pub by: Option<By>,
    pub asks: Vec<String>,
    pub gives: Vec<String>,
    pub learned: Vec<String>,
}

impl Entry {
    fn fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = Vec::new();
        if let Some(by) = self.by {
            fields.push(("by", by.as_str().to_string()));
        }
        fields.extend(self.asks.iter().map(|a| ("ask", one_line(a))));
        fields.extend(self.gives.iter().map(|g| ("give", one_line(g))));
        fields.extend(self.learned.iter().map(|l| ("learned", one_line(l))));
        fields.retain(|(_, v)| !v.is_empty());
        fields
    }
}

/// Where the new entry goes, for the message: at the log's end, or in a
/// section added for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Into the note's existing log.
    Log,
    /// Into a log section that had no entries yet.
    EmptySection,
    /// A `## Conversations` section was added.
    NewSection,
}

/// The planned insertion and where it went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEdit {
    pub edit: TextEdit,
    pub placement: Placement,
}

/// How a log writes its inline fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FieldStyle {
    /// `[by:: me]` after the text.
    Bracket,
    /// `(by:: me)` after the text.
    Paren,
    /// `by:: me` on lines of their own (nested `- by:: me` items when
    /// `dashed`).
    Lines { dashed: bool },
}

/// One line of the raw note: byte offsets of its start, the end of its
/// text, and the end including its line break.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    next: usize,
}

/// Splits raw text into lines on `\n`, `\r\n` and a lone `\r`, as the
/// reader's `normalize` does, so line numbers agree with its spans.
fn raw_lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(Line {
                    start,
                    end: i,
                    next: i + 1,
                });
                start = i + 1;
            }
            b'\r' => {
                let next = if bytes.get(i + 1) == Some(&b'\n') {
                    i + 2
                } else {
                    i + 1
                };
                lines.push(Line {
                    start,
                    end: i,
                    next,
                });
                start = next;
                i = next;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if start < bytes.len() {
        lines.push(Line {
            start,
            end: bytes.len(),
            next: bytes.len(),
        });
    }
    lines
}

/// Text on one line: runs of whitespace (line breaks included) become
/// one space, so an argument can never break the list item it goes in.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A Markdown heading's level and text, when `line` is one.
fn heading(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.strip_prefix("   ").or_else(|| line.strip_prefix("  "));
    let trimmed = trimmed.or_else(|| line.strip_prefix(' ')).unwrap_or(line);
    let level = trimmed.bytes().take_while(|b| *b == b'#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = &trimmed[level..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some((level, rest.trim().trim_end_matches('#').trim_end()))
}

fn indent_of(line: &str) -> usize {
    line.chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// A list item's indent, marker and the text after it.
fn list_item(line: &str) -> Option<(&str, &str, &str)> {
    let body = line.trim_start_matches([' ', '\t']);
    let indent = &line[..line.len() - body.len()];
    let marker_len = if body.starts_with(['-', '*', '+']) {
        1
    } else {
        let digits = body.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 9 || !body[digits..].starts_with(['.', ')']) {
            return None;
        }
        digits + 1
    };
    let rest = &body[marker_len..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    Some((indent, &body[..marker_len], rest.trim_start()))
}

/// The note's lines with what the writer needs to know about each.
struct Note<'a> {
    text: &'a str,
    lines: Vec<Line>,
    /// 0-based index of the first body line (after front matter).
    body_start: usize,
    /// Whether each line lies in a fenced code block (fence included).
    in_code: Vec<bool>,
    eol: LineEnding,
}

impl<'a> Note<'a> {
    fn new(text: &'a str) -> Self {
        let lines = raw_lines(text);
        let eol = line_ending(text);
        let line_text = |l: &Line| &text[l.start..l.end];
        let first = lines
            .first()
            .map(|l| line_text(l).trim_start_matches('\u{feff}'));
        let mut body_start = 0;
        if first.is_some_and(|f| f.trim_end() == "---") {
            if let Some(close) = lines
                .iter()
                .skip(1)
                .position(|l| matches!(line_text(l).trim_end(), "---" | "..."))
            {
                body_start = close + 2;
            }
        }
        let mut in_code = vec![false; lines.len()];
        let mut fence: Option<(char, usize)> = None;
        for (i, line) in lines.iter().enumerate().skip(body_start) {
            let t = line_text(line).trim_start();
            let ch = t.chars().next();
            let run = |c: char| t.chars().take_while(|x| *x == c).count();
            match fence {
                Some((c, n)) => {
                    in_code[i] = true;
                    if ch == Some(c) && run(c) >= n && t.trim_start_matches(c).trim().is_empty() {
                        fence = None;
                    }
                }
                None => {
                    if let Some(c @ ('`' | '~')) = ch {
                        if run(c) >= 3 {
                            fence = Some((c, run(c)));
                            in_code[i] = true;
                        }
                    }
                }
            }
        }
        Note {
            text,
            lines,
            body_start,
            in_code,
            eol,
        }
    }

    fn line(&self, i: usize) -> &'a str {
        let l = self.lines[i];
        let text = &self.text[l.start..l.end];
        if i == 0 {
            text.trim_start_matches('\u{feff}')
        } else {
            text
        }
    }

    fn heading(&self, i: usize) -> Option<(usize, &'a str)> {
        if i < self.body_start || self.in_code[i] {
            return None;
        }
        heading(self.line(i))
    }

    fn is_blank(&self, i: usize) -> bool {
        self.line(i).trim().is_empty()
    }

    /// Index just past a list item's block: its nested items, its
    /// continuation lines and indented paragraphs after blank lines.
    fn item_end(&self, i: usize) -> usize {
        let indent = indent_of(self.line(i));
        let mut j = i + 1;
        let mut after_blank = false;
        while j < self.lines.len() {
            if self.is_blank(j) {
                after_blank = true;
                j += 1;
                continue;
            }
            let line = self.line(j);
            if self.heading(j).is_some() {
                break;
            }
            let deeper = indent_of(line) > indent;
            if !deeper && (after_blank || list_item(line).is_some()) {
                break;
            }
            after_blank = false;
            j += 1;
        }
        // Trailing blank lines belong to what follows.
        while j > i + 1 && self.is_blank(j - 1) {
            j -= 1;
        }
        j
    }

    /// Index of the next heading of `level` or higher after `i`, or the
    /// end of the note.
    fn section_end(&self, i: usize, level: usize) -> usize {
        (i + 1..self.lines.len())
            .find(|&j| self.heading(j).is_some_and(|(l, _)| l <= level))
            .unwrap_or(self.lines.len())
    }

    /// The byte offset where line `i` starts (the end of the note for
    /// `i` past the last line).
    fn start_of(&self, i: usize) -> usize {
        self.lines.get(i).map_or(self.text.len(), |l| l.start)
    }

    /// Whether the note ends without a line break.
    fn ends_open(&self) -> bool {
        self.lines.last().is_some_and(|l| l.next == l.end)
    }
}

/// Plans the insertion of `entry` into the person note `text` (raw
/// bytes as text: BOM and CRLF kept), with the vault's settings (its
/// log sections, as the reader takes them).
#[must_use]
pub fn plan(text: &str, entry: &Entry, settings: &VaultSettings) -> LogEdit {
    let note = Note::new(text);
    let eol = note.eol.as_str();
    let entries = own_entries(&note, settings);
    let headings = entries
        .iter()
        .filter(|e| e.1 == InteractionSource::Heading)
        .count();
    let items = entries.len() - headings;
    if headings > items {
        let list: Vec<(usize, NaiveDate)> = entries
            .iter()
            .filter(|e| e.1 == InteractionSource::Heading)
            .map(|e| (e.0, e.2))
            .collect();
        return LogEdit {
            edit: heading_entry(&note, &list, entry),
            placement: Placement::Log,
        };
    }
    if items > 0 {
        let list: Vec<(usize, NaiveDate)> = entries
            .iter()
            .filter(|e| e.1 == InteractionSource::ListItem)
            .map(|e| (e.0, e.2))
            .collect();
        return LogEdit {
            edit: list_entry(&note, &list, entry),
            placement: Placement::Log,
        };
    }
    let line = item_line(
        "",
        "-",
        "",
        &format!("{}: ", entry.date),
        entry,
        FieldStyle::Bracket,
    );
    if let Some(section) = empty_log_section(&note, settings) {
        let (level, _) = note.heading(section).unwrap_or((2, ""));
        let end = note.section_end(section, level);
        // After the section's last non-blank line, so the blank lines
        // before the next heading stay where they are.
        let mut last = end;
        while last > section + 1 && note.is_blank(last - 1) {
            last -= 1;
        }
        let mut insert = String::new();
        let at = if last == note.lines.len() && note.ends_open() {
            insert.push_str(eol);
            note.text.len()
        } else {
            note.start_of(last)
        };
        let previous = note.line(last - 1);
        if last - 1 == section || list_item(previous).is_none() {
            insert.push_str(eol);
        }
        insert.push_str(&line);
        insert.push_str(eol);
        if last < note.lines.len() && last == end {
            insert.push_str(eol);
        }
        return LogEdit {
            edit: TextEdit::insert(at, insert),
            placement: Placement::EmptySection,
        };
    }
    let mut insert = String::new();
    if note.ends_open() {
        insert.push_str(eol);
    }
    if note.lines.len() > note.body_start && !note.is_blank(note.lines.len() - 1) {
        insert.push_str(eol);
    }
    let _ = write!(insert, "## Conversations{eol}{eol}{line}{eol}");
    LogEdit {
        edit: TextEdit::insert(text.len(), insert),
        placement: Placement::NewSection,
    }
}

/// The note's own dated entries: 0-based line, kind and date, in note
/// order, read by the linter's body parser.
fn own_entries(
    note: &Note<'_>,
    settings: &VaultSettings,
) -> Vec<(usize, InteractionSource, NaiveDate)> {
    let body_offset = note.start_of(note.body_start);
    let normalized = crate::vault::normalize(note.text[body_offset..].to_string());
    let body = parse_body(&normalized, note.body_start + 1, "", &options(settings));
    body.interactions
        .iter()
        .filter(|i| {
            matches!(
                i.source,
                InteractionSource::Heading | InteractionSource::ListItem
            )
        })
        .map(|i| (i.span.line.saturating_sub(1), i.source, i.date))
        .filter(|(line, source, _)| {
            *line < note.lines.len()
                && match source {
                    InteractionSource::Heading => note.heading(*line).is_some(),
                    _ => list_item(note.line(*line)).is_some(),
                }
        })
        .collect()
}

/// The first heading of a log section with no entries, found by asking
/// the reader whether a dated item under a heading of that name would
/// be an interaction.
fn empty_log_section(note: &Note<'_>, settings: &VaultSettings) -> Option<usize> {
    (note.body_start..note.lines.len()).find(|&i| {
        note.heading(i)
            .is_some_and(|(_, name)| is_log_heading(name, settings))
    })
}

fn options(settings: &VaultSettings) -> BodyOptions<'_> {
    BodyOptions {
        log_sections: &settings.log_sections,
        log_words: settings.log_words,
    }
}

/// Whether the reader takes a heading named `name` for a log section:
/// a dated item under it would be an interaction.
#[must_use]
pub fn is_log_heading(name: &str, settings: &VaultSettings) -> bool {
    let probe = format!("## {name}\n\n- 2000-01-01: probe\n");
    parse_body(&probe, 1, "", &options(settings))
        .interactions
        .len()
        == 1
}

/// Whether dates in note order only go down (and at least once).
fn descending(dates: &[NaiveDate]) -> bool {
    let down = dates.windows(2).any(|w| w[0] > w[1]);
    let up = dates.windows(2).any(|w| w[0] < w[1]);
    down && !up
}

/// For an entry dated `date` among `entries` (note order): the entry it
/// goes next to and whether it goes after it.
fn neighbour(entries: &[(usize, NaiveDate)], date: NaiveDate) -> (usize, bool) {
    let dates: Vec<NaiveDate> = entries.iter().map(|e| e.1).collect();
    if descending(&dates) {
        match entries.iter().position(|e| e.1 <= date) {
            Some(i) => (i, false),
            None => (entries.len() - 1, true),
        }
    } else {
        match entries.iter().rposition(|e| e.1 <= date) {
            Some(i) => (i, true),
            None => (0, false),
        }
    }
}

/// How the neighbour writes its date: what comes before it (wrappers
/// such as `[[` or `**`), after it, and the separator before the text;
/// rebuilt around the new date.
fn date_prefix(after_marker: &str, date: NaiveDate) -> String {
    let Some((_, rest)) = leading_date(after_marker) else {
        return format!("{date}: ");
    };
    let written = &after_marker[..after_marker.len() - rest.len()];
    let core = written.trim_end_matches([':', '-', '—', '–', '|', ',', ' ', '\t']);
    let separator = &written[core.len()..];
    let separator = if separator.is_empty() { " " } else { separator };
    let (open, close) = [
        ("[[", "]]"),
        ("**", "**"),
        ("__", "__"),
        ("*", "*"),
        ("_", "_"),
    ]
    .into_iter()
    .find(|(o, c)| core.starts_with(o) && core.ends_with(c) && core.len() >= o.len() + c.len())
    .unwrap_or(("", ""));
    format!("{open}{date}{close}{separator}")
}

/// How the log's entries write their fields.
fn field_style(note: &Note<'_>, blocks: &[(usize, usize)], default: FieldStyle) -> FieldStyle {
    const KEYS: [&str; 6] = ["by", "ask", "give", "learned", "initiated", "initiator"];
    for &(from, to) in blocks.iter().rev() {
        for i in from..to {
            let line = note.line(i);
            let lower = line.to_lowercase();
            for key in KEYS {
                if lower.contains(&format!("[{key}::")) {
                    return FieldStyle::Bracket;
                }
                if lower.contains(&format!("({key}::")) {
                    return FieldStyle::Paren;
                }
                let bare = lower.trim_start();
                if bare.starts_with(&format!("{key}::")) {
                    return FieldStyle::Lines { dashed: false };
                }
                if let Some((_, _, rest)) = list_item(&lower) {
                    if rest.starts_with(&format!("{key}::")) && i > from {
                        return FieldStyle::Lines { dashed: true };
                    }
                }
            }
        }
    }
    default
}

/// A value safe inside `[key:: …]` or `(key:: …)`.
fn inline_value(value: &str, style: FieldStyle) -> String {
    match style {
        FieldStyle::Bracket => value.replace('[', "(").replace(']', ")"),
        FieldStyle::Paren => value.replace('(', "[").replace(')', "]"),
        FieldStyle::Lines { .. } => value.to_string(),
    }
}

/// The list item's text (without line break; field lines joined by
/// `\n`, turned into the note's line ending by the caller).
fn item_line(
    indent: &str,
    marker: &str,
    task: &str,
    prefix: &str,
    entry: &Entry,
    style: FieldStyle,
) -> String {
    let mut line = format!("{indent}{marker} {task}{prefix}{}", one_line(&entry.text));
    let fields = entry.fields();
    match style {
        FieldStyle::Bracket | FieldStyle::Paren => {
            let (open, close) = if style == FieldStyle::Bracket {
                ('[', ']')
            } else {
                ('(', ')')
            };
            for (key, value) in fields {
                let _ = write!(
                    line,
                    " {open}{key}:: {}{close}",
                    inline_value(&value, style)
                );
            }
        }
        FieldStyle::Lines { dashed } => {
            let child = format!("{indent}{}", " ".repeat(marker.chars().count() + 1));
            for (key, value) in fields {
                let dash = if dashed { "- " } else { "" };
                let _ = write!(line, "\n{child}{dash}{key}:: {value}");
            }
        }
    }
    line
}

fn with_eol(text: &str, eol: &str) -> String {
    if eol == "\n" {
        text.to_string()
    } else {
        text.replace('\n', eol)
    }
}

fn list_entry(note: &Note<'_>, entries: &[(usize, NaiveDate)], entry: &Entry) -> TextEdit {
    let eol = note.eol.as_str();
    let (index, after) = neighbour(entries, entry.date);
    let line_index = entries[index].0;
    let (indent, marker, rest) = list_item(note.line(line_index)).unwrap_or(("", "-", ""));
    let (task, rest) = match rest.get(..3) {
        Some("[x]" | "[X]") => (format!("{} ", &rest[..3]), rest[3..].trim_start()),
        _ => (String::new(), rest),
    };
    let prefix = date_prefix(rest, entry.date);
    let blocks: Vec<(usize, usize)> = entries
        .iter()
        .map(|(i, _)| (*i, note.item_end(*i)))
        .collect();
    let style = field_style(note, &blocks, FieldStyle::Bracket);
    let line = with_eol(
        &item_line(indent, marker, &task, &prefix, entry, style),
        eol,
    );
    if after {
        let end = note.item_end(line_index);
        if end == note.lines.len() && note.ends_open() {
            TextEdit::insert(note.text.len(), format!("{eol}{line}"))
        } else {
            TextEdit::insert(note.start_of(end), format!("{line}{eol}"))
        }
    } else {
        TextEdit::insert(note.start_of(line_index), format!("{line}{eol}"))
    }
}

fn heading_entry(note: &Note<'_>, entries: &[(usize, NaiveDate)], entry: &Entry) -> TextEdit {
    let eol = note.eol.as_str();
    let (index, after) = neighbour(entries, entry.date);
    let line_index = entries[index].0;
    let (level, title) = note.heading(line_index).unwrap_or((3, ""));
    let hashes = "#".repeat(level);
    let prefix = date_prefix(title, entry.date);
    let blocks: Vec<(usize, usize)> = entries
        .iter()
        .map(|(i, _)| {
            let level = note.heading(*i).map_or(6, |h| h.0);
            (*i, note.section_end(*i, level))
        })
        .collect();
    let style = field_style(note, &blocks, FieldStyle::Lines { dashed: false });
    let text = one_line(&entry.text);
    // A short entry is its heading, as `### 2026-03-01 Coffee at Blue
    // Bottle`; a longer one goes in a paragraph under the date.
    let (title, paragraph) = if text.chars().count() <= 80 {
        (format!("{hashes} {prefix}{text}"), String::new())
    } else {
        (format!("{hashes} {}", prefix.trim_end()), text)
    };
    let mut body_lines: Vec<String> = Vec::new();
    let mut paragraph = paragraph;
    let fields = entry.fields();
    match style {
        FieldStyle::Bracket | FieldStyle::Paren => {
            let (open, close) = if style == FieldStyle::Bracket {
                ('[', ']')
            } else {
                ('(', ')')
            };
            let inline: Vec<String> = fields
                .iter()
                .map(|(k, v)| format!("{open}{k}:: {}{close}", inline_value(v, style)))
                .collect();
            if !inline.is_empty() {
                if !paragraph.is_empty() {
                    paragraph.push(' ');
                }
                paragraph.push_str(&inline.join(" "));
            }
            if !paragraph.is_empty() {
                body_lines.push(paragraph);
            }
        }
        FieldStyle::Lines { dashed } => {
            if !paragraph.is_empty() {
                body_lines.push(paragraph);
                body_lines.push(String::new());
            }
            let dash = if dashed { "- " } else { "" };
            body_lines.extend(fields.iter().map(|(k, v)| format!("{dash}{k}:: {v}")));
        }
    }
    let mut block = title;
    block.push_str(eol);
    if !body_lines.is_empty() {
        block.push_str(eol);
        for line in &body_lines {
            block.push_str(line);
            block.push_str(eol);
        }
    }
    if after {
        let end = note.section_end(line_index, level);
        if end == note.lines.len() {
            let mut insert = String::new();
            if note.ends_open() {
                insert.push_str(eol);
            }
            if !note.is_blank(end - 1) {
                insert.push_str(eol);
            }
            insert.push_str(&block);
            TextEdit::insert(note.text.len(), insert)
        } else {
            let mut insert = String::new();
            if !note.is_blank(end - 1) {
                insert.push_str(eol);
            }
            insert.push_str(&block);
            insert.push_str(eol);
            TextEdit::insert(note.start_of(end), insert)
        }
    } else {
        block.push_str(eol);
        TextEdit::insert(note.start_of(line_index), block)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logs() -> VaultSettings {
        VaultSettings::defaults(std::path::Path::new("/vault"))
    }

    fn entry(date: &str, text: &str) -> Entry {
        Entry {
            date: date.parse().unwrap(),
            text: text.into(),
            by: Some(By::Me),
            asks: Vec::new(),
            gives: Vec::new(),
            learned: Vec::new(),
        }
    }

    fn applied(text: &str, entry: &Entry) -> String {
        let planned = plan(text, entry, &logs());
        let out = super::super::apply(text.as_bytes(), &[planned.edit]).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn appends_to_an_ascending_list_log() {
        let note = "# Ada\n\n## Conversations\n\n- 2026-01-02: Coffee\n  - she moved\n- 2026-02-03: Call [by:: them]\n\n## Other\n\ntext\n";
        assert_eq!(
            applied(note, &entry("2026-03-01", "Lunch")),
            "# Ada\n\n## Conversations\n\n- 2026-01-02: Coffee\n  - she moved\n- 2026-02-03: Call [by:: them]\n- 2026-03-01: Lunch [by:: me]\n\n## Other\n\ntext\n"
        );
    }

    #[test]
    fn prepends_to_a_descending_log_in_its_date_form() {
        let note = "## Log\r\n\r\n* [[2026-02-03]] — Call\r\n* [[2026-01-02]] — Coffee\r\n";
        assert_eq!(
            applied(note, &entry("2026-03-01", "Lunch")),
            "## Log\r\n\r\n* [[2026-03-01]] — Lunch [by:: me]\r\n* [[2026-02-03]] — Call\r\n* [[2026-01-02]] — Coffee\r\n"
        );
    }

    #[test]
    fn adds_a_dated_heading_to_a_heading_log() {
        let note = "# Ada\n\n### 2026-01-02 Coffee\n\nShe moved.\nby:: them\n\n### 2026-02-03 Call\n\nTalked.";
        assert_eq!(
            applied(note, &entry("2026-03-01", "Lunch at Rosa's")),
            "# Ada\n\n### 2026-01-02 Coffee\n\nShe moved.\nby:: them\n\n### 2026-02-03 Call\n\nTalked.\n\n### 2026-03-01 Lunch at Rosa's\n\nby:: me\n"
        );
    }

    #[test]
    fn adds_conversations_to_a_note_without_a_log() {
        let note = "\u{feff}---\nname: Ada\n---\n# Ada\n\nLikes tea.";
        assert_eq!(
            applied(note, &entry("2026-03-01", "Lunch")),
            "\u{feff}---\nname: Ada\n---\n# Ada\n\nLikes tea.\n\n## Conversations\n\n- 2026-03-01: Lunch [by:: me]\n"
        );
    }

    #[test]
    fn fills_an_empty_log_section() {
        let note = "# Ada\n\n## Conversations\n\n## Interests\n\n- tea\n";
        assert_eq!(
            applied(note, &entry("2026-03-01", "Lunch")),
            "# Ada\n\n## Conversations\n\n- 2026-03-01: Lunch [by:: me]\n\n## Interests\n\n- tea\n"
        );
    }

    #[test]
    fn an_older_date_goes_where_it_keeps_the_order() {
        let note = "## Log\n- 2026-01-02: a\n- 2026-03-02: c\n";
        assert_eq!(
            applied(note, &entry("2026-02-01", "b")),
            "## Log\n- 2026-01-02: a\n- 2026-02-01: b [by:: me]\n- 2026-03-02: c\n"
        );
    }

    #[test]
    fn copies_field_lines_and_checked_tasks() {
        let note = "## Log\n- [x] **2026-01-02** Coffee\n  - by:: them\n";
        let mut e = entry("2026-03-01", "Lunch");
        e.asks.push("intro to [Sam]".into());
        assert_eq!(
            applied(note, &e),
            "## Log\n- [x] **2026-01-02** Coffee\n  - by:: them\n- [x] **2026-03-01** Lunch\n  - by:: me\n  - ask:: intro to [Sam]\n"
        );
    }
}
