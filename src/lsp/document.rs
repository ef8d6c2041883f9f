//! An open note as the editor holds it: its text, kept current from
//! `didChange` edits, and the two conversions every request needs —
//! LSP positions to byte offsets and back, and "what is under the
//! cursor": a `[[link]]`, a participant value or a person note's title.
//!
//! A position's `character` counts UTF-16 code units unless the client
//! offered UTF-8 at `initialize` (LSP 3.17 `positionEncodings`), which
//! the server then prefers ([`Encoding::negotiate`]). Every conversion
//! counts a character's width through one function, [`units`].

use std::cell::Cell;

use lsp_types::{Position, PositionEncodingKind, Range, TextDocumentContentChangeEvent};

use crate::vault::fields::PARTICIPANT_KEYS;

/// Inline fields whose value names a person (SPEC §2.3).
pub const PERSON_FIELDS: &[&str] = &["person", "people", "with", "participants", "met"];

/// What a position's `character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-16 code units: what every client understands.
    #[default]
    Utf16,
    /// Bytes of UTF-8, when the client offers it.
    Utf8,
}

thread_local! {
    /// The encoding agreed at `initialize`, for the thread that serves
    /// the client (each server loop, and each unit test, has its own).
    static ENCODING: Cell<Encoding> = const { Cell::new(Encoding::Utf16) };
}

impl Encoding {
    /// UTF-8 when the client lists it, else UTF-16 (which the protocol
    /// requires every server to support).
    #[must_use]
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    #[must_use]
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf8 => PositionEncodingKind::UTF8,
        }
    }

    /// Makes `self` the encoding of every conversion on this thread.
    pub fn set(self) {
        ENCODING.with(|e| e.set(self));
    }

    #[must_use]
    pub fn current() -> Encoding {
        ENCODING.with(Cell::get)
    }
}

/// How many units of the agreed encoding `c` takes: the one place a
/// position's width is counted.
#[must_use]
pub fn units(c: char) -> usize {
    match Encoding::current() {
        Encoding::Utf16 => c.len_utf16(),
        Encoding::Utf8 => c.len_utf8(),
    }
}

/// The text of an open note and its version.
#[derive(Debug, Clone)]
pub struct Document {
    pub text: String,
    pub version: i32,
}

impl Document {
    /// Applies the edits of one `didChange`, in order. An edit whose
    /// range lies outside the text is clamped to it: the editor is the
    /// source of truth and a bad range must not bring the server down.
    pub fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, version: i32) {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let start = offset(&self.text, range.start);
                    let end = offset(&self.text, range.end).max(start);
                    self.text.replace_range(start..end, &change.text);
                }
            }
        }
        self.version = version;
    }
}

/// The byte offset of an LSP position in `text`, clamped to the text
/// and to a character boundary.
#[must_use]
pub fn offset(text: &str, position: Position) -> usize {
    let mut line_start = 0;
    for _ in 0..position.line {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let mut counted = 0;
    for (i, c) in text[line_start..line_end].char_indices() {
        if counted >= position.character as usize {
            return line_start + i;
        }
        counted += units(c);
    }
    line_end
}

/// The line of `text` at 0-based `line` (without its line end).
#[must_use]
pub fn line_text(text: &str, line: usize) -> &str {
    text.split('\n')
        .nth(line)
        .map_or("", |l| l.strip_suffix('\r').unwrap_or(l))
}

/// An LSP range for a 1-based line and 1-based code-point columns
/// (`end_column` exclusive), as the linter reports places; without
/// columns, the whole line.
#[must_use]
pub fn range(
    text: &str,
    line: usize,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
) -> Range {
    let start_line = line.saturating_sub(1);
    let first = line_text(text, start_line);
    let Some(column) = column else {
        return Range::new(
            Position::new(start_line as u32, 0),
            Position::new(start_line as u32, units_len(first) as u32),
        );
    };
    let end_line = end_line.map_or(start_line, |l| l.saturating_sub(1).max(start_line));
    let last = line_text(text, end_line);
    let start = units_at(first, column.saturating_sub(1));
    let end = end_column.map_or(units_len(last), |c| units_at(last, c.saturating_sub(1)));
    let end = if end_line == start_line {
        end.max(start)
    } else {
        end
    };
    Range::new(
        Position::new(start_line as u32, start as u32),
        Position::new(end_line as u32, end as u32),
    )
}

fn units_len(text: &str) -> usize {
    text.chars().map(units).sum()
}

/// Units before the `chars`-th character of `line` (clamped).
fn units_at(line: &str, chars: usize) -> usize {
    line.chars().take(chars).map(units).sum()
}

/// The LSP position of byte offset `byte` of `text`.
#[must_use]
pub fn position(text: &str, byte: usize) -> Position {
    let byte = floor_boundary(text, byte);
    let line_start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..byte].matches('\n').count();
    Position::new(line as u32, column(&text[line_start..], byte - line_start))
}

/// The LSP column of byte offset `byte` in `line`.
#[must_use]
pub fn column(line: &str, byte: usize) -> u32 {
    let byte = floor_boundary(line, byte);
    units_len(&line[..byte]) as u32
}

fn floor_boundary(text: &str, mut byte: usize) -> usize {
    byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

/// What the cursor is on, as far as people go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A name as written: a link target, a participant value or an
    /// inline person field's value.
    Name(String),
    /// The title of the note itself (its `# ` heading or `name:`).
    Title,
}

/// What lies under the cursor at `position` of `text`, if it can name a
/// person.
#[must_use]
pub fn target_at(text: &str, position: Position) -> Option<Target> {
    let line_no = position.line as usize;
    let line = line_text(text, line_no);
    let cursor = offset(text, position) - offset(text, Position::new(position.line, 0));
    if let Some(name) = link_at(line, cursor) {
        return Some(Target::Name(name));
    }
    let in_front_matter = front_matter_lines(text).is_some_and(|(_, end)| line_no < end);
    if in_front_matter {
        if let Some(name) = participant_value_at(text, line_no, cursor) {
            return Some(Target::Name(name));
        }
        let key = line.split(':').next().unwrap_or("").trim();
        if matches!(key.to_lowercase().as_str(), "name" | "title" | "full_name") {
            return Some(Target::Title);
        }
        return None;
    }
    if let Some(name) = inline_field_at(line, cursor) {
        return Some(Target::Name(name));
    }
    line.trim_start().strip_prefix("# ").map(|_| Target::Title)
}

/// The target of the `[[…]]` link around byte `cursor` of `line`.
fn link_at(line: &str, cursor: usize) -> Option<String> {
    let mut from = 0;
    while let Some(open) = line[from..].find("[[") {
        let start = from + open;
        let close = line[start + 2..].find("]]").map(|i| start + 2 + i)?;
        if cursor >= start && cursor <= close + 2 {
            let inner = &line[start + 2..close];
            let target = inner.split(['|', '#']).next().unwrap_or(inner).trim();
            return (!target.is_empty()).then(|| target.to_string());
        }
        from = close + 2;
    }
    None
}

/// The 0-based lines of the front matter: the opening `---` and the
/// closing one (exclusive end).
#[must_use]
pub fn front_matter_lines(text: &str) -> Option<(usize, usize)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split('\n');
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    lines
        .position(|l| matches!(l.trim_end(), "---" | "..."))
        .map(|i| (0, i + 1))
}

/// The front-matter key whose value holds line `line_no`: the key on
/// that line, or the key of the list the line is an item of.
#[must_use]
pub fn front_matter_key(text: &str, line_no: usize) -> Option<String> {
    for l in (1..=line_no).rev() {
        let line = line_text(text, l);
        if line.starts_with(' ') || line.starts_with('\t') || line.starts_with('-') {
            if l == line_no || line.trim_start().starts_with('-') || line.trim().is_empty() {
                continue;
            }
            return None;
        }
        let key = line.split(':').next()?.trim();
        return line.contains(':').then(|| key.to_string());
    }
    None
}

/// Whether a front-matter key names participants (SPEC §2.3).
#[must_use]
pub fn is_participant_key(key: &str) -> bool {
    PARTICIPANT_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key))
}

/// The participant value under the cursor on a front-matter line.
fn participant_value_at(text: &str, line_no: usize, cursor: usize) -> Option<String> {
    let key = front_matter_key(text, line_no)?;
    if !is_participant_key(&key) {
        return None;
    }
    let line = line_text(text, line_no);
    let values_from = if line.trim_start().starts_with('-') {
        line.find('-')? + 1
    } else {
        line.find(':')? + 1
    };
    value_at(line, values_from, cursor)
}

/// The comma-separated value of `line[from..]` around `cursor`, with
/// YAML quotes, brackets and link brackets taken off.
fn value_at(line: &str, from: usize, cursor: usize) -> Option<String> {
    if cursor < from {
        return None;
    }
    let mut start = from;
    for part in line[from..].split(',') {
        let end = start + part.len();
        if cursor >= start && cursor <= end {
            let value = part
                .trim()
                .trim_matches(|c: char| matches!(c, '[' | ']' | '"' | '\'' | ' '));
            let value = value.split('|').next().unwrap_or(value).trim();
            return (!value.is_empty()).then(|| value.to_string());
        }
        start = end + 1;
    }
    None
}

/// The value of a `person::`-like inline field around `cursor`.
fn inline_field_at(line: &str, cursor: usize) -> Option<String> {
    let (key_end, key) = inline_key_before(line, cursor)?;
    if !PERSON_FIELDS.iter().any(|k| k.eq_ignore_ascii_case(&key)) {
        return None;
    }
    let end = line[key_end..]
        .find([']', ')'])
        .map_or(line.len(), |i| key_end + i);
    if cursor > end {
        return None;
    }
    value_at(&line[..end], key_end, cursor)
}

/// The inline field (`key::`) that the text before `cursor` is the value
/// of: its key and the byte after its `::`.
#[must_use]
pub fn inline_key_before(line: &str, cursor: usize) -> Option<(usize, String)> {
    let cursor = floor_boundary(line, cursor);
    let before = &line[..cursor];
    let colons = before.rfind("::")?;
    let value = &before[colons + 2..];
    if value.contains(['[', ']', '(', ')']) && !value.trim_start().starts_with("[[") {
        return None;
    }
    let key_start = before[..colons]
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .map_or(0, |i| i + 1);
    let key = before[key_start..colons].trim();
    (!key.is_empty()).then(|| (colons + 2, key.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_utf16_units() {
        let text = "héllo 😀 x\nsecond";
        assert_eq!(offset(text, Position::new(0, 2)), 3);
        // The emoji is two UTF-16 units.
        assert_eq!(offset(text, Position::new(0, 8)), text.find(" x").unwrap());
        assert_eq!(offset(text, Position::new(1, 3)), text.find("ond").unwrap());
        assert_eq!(offset(text, Position::new(7, 0)), text.len());
    }

    #[test]
    fn incremental_edits_apply_in_order() {
        let mut doc = Document {
            text: "Tea with [[Ada]].\n".into(),
            version: 1,
        };
        doc.apply(
            vec![TextDocumentContentChangeEvent {
                range: Some(Range::new(Position::new(0, 11), Position::new(0, 14))),
                range_length: None,
                text: "Grace".into(),
            }],
            2,
        );
        assert_eq!(doc.text, "Tea with [[Grace]].\n");
        assert_eq!(doc.version, 2);
    }

    #[test]
    fn targets_under_the_cursor() {
        let text = "---\npeople: [ada-lovelace, \"[[Grace Hopper]]\"]\nwith:\n  - Tom\n---\n# Day\nLunch with [[Ada Lovelace|Ada]].\n- met:: Linus\n";
        let at = |line, ch| target_at(text, Position::new(line, ch));
        assert_eq!(at(1, 10), Some(Target::Name("ada-lovelace".into())));
        assert_eq!(at(1, 30), Some(Target::Name("Grace Hopper".into())));
        assert_eq!(at(3, 5), Some(Target::Name("Tom".into())));
        assert_eq!(at(6, 14), Some(Target::Name("Ada Lovelace".into())));
        assert_eq!(at(6, 2), None);
        assert_eq!(at(7, 10), Some(Target::Name("Linus".into())));
        assert_eq!(at(5, 3), Some(Target::Title));
    }

    #[test]
    fn ranges_of_findings() {
        let text = "a😀bc\nline two\n";
        let r = range(text, 1, Some(2), Some(1), Some(4));
        assert_eq!(r.start, Position::new(0, 1));
        assert_eq!(r.end, Position::new(0, 4));
        let whole = range(text, 2, None, None, None);
        assert_eq!(whole.end, Position::new(1, 8));
    }
}
