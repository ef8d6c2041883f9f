//! Dataview inline fields (`key:: value`) found by hand-written scanning,
//! with byte offsets so callers can point at the field.
//!
//! Three Dataview forms are read: `key:: value` at the start of a line
//! (after any quote, list or task marker), `[key:: value]` and
//! `(key:: value)` anywhere in a line. One more form is read because
//! people write it in log lines: a single-word key in the middle of a
//! line, after a space (`- 2026-03-01 coffee by:: me`); its value runs
//! to the next field or the end of the line. Inline code spans and
//! wikilinks never hold a field.

use std::borrow::Cow;
use std::ops::Range;

/// Keys vaultnet reads: when a line-start "key" with spaces ends in one
/// of these, that word is the key (`- 2026-03-01 coffee by:: me`).
const KNOWN_KEYS: [&str; 15] = [
    "by",
    "initiated",
    "initiator",
    "ask",
    "give",
    "learned",
    "person",
    "people",
    "with",
    "met",
    "attendees",
    "participants",
    "appointment",
    "scheduled",
    "planned",
];

/// Longest bracketed value looked for, in bytes.
const MAX_VALUE_LEN: usize = 1024;

/// Longest key accepted, in bytes: longer "keys" are prose with `::` in it.
const MAX_KEY_LEN: usize = 64;

/// One inline field: lowercased key, trimmed value, and where it sits in
/// the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FieldHit<'a> {
    pub key: Cow<'a, str>,
    pub value: &'a str,
    /// From the key's first byte to the value's last byte (exclusive).
    pub range: Range<usize>,
}

/// Every inline field of `text`, in order. Lines inside fenced code
/// blocks are skipped.
pub(super) fn scan_fields(text: &str) -> Vec<FieldHit<'_>> {
    let mut out = Vec::new();
    // Most text holds no field at all; one fast check saves the line walk.
    let Some(first) = double_colons(text, 0).next() else {
        return out;
    };
    let mut code = Vec::new();
    if !has_fence(text) {
        // No fence: visit only the lines that hold a `::`.
        let mut at = Some(first);
        while let Some(colon) = at {
            let start = text[..colon].rfind('\n').map_or(0, |p| p + 1);
            let end = text[colon..].find('\n').map_or(text.len(), |p| colon + p);
            let line = &text[start..end];
            let line = line.strip_suffix('\r').unwrap_or(line);
            scan_line(line, start, &mut code, &mut out);
            at = double_colons(text, end).next();
        }
        return out;
    }
    let mut fence: Option<(u8, usize)> = None;
    let mut offset = 0;
    for line in text.split('\n') {
        let base = offset;
        offset += line.len() + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if let Some(marker) = fence_marker(line) {
            match fence {
                None => fence = Some(marker),
                Some((ch, len)) if marker.0 == ch && marker.1 >= len => fence = None,
                Some(_) => {}
            }
            continue;
        }
        if fence.is_some() || double_colons(line, 0).next().is_none() {
            continue;
        }
        scan_line(line, base, &mut code, &mut out);
    }
    out
}

/// Whether `text` may hold a code fence (a run of three backticks or
/// tildes). Byte search: block texts are many and short.
fn has_fence(text: &str) -> bool {
    let b = text.as_bytes();
    [b'`', b'~'].into_iter().any(|ch| {
        let mut from = 0;
        // `find` with a `char` jumps with `memchr`.
        while let Some(p) = text.get(from..).and_then(|rest| rest.find(char::from(ch))) {
            let at = from + p;
            if b.get(at + 1) == Some(&ch) && b.get(at + 2) == Some(&ch) {
                return true;
            }
            from = at + 1;
        }
        false
    })
}

/// Where each `::` at or after `from` starts, left to right, not
/// overlapping. `str::find` with a `char` jumps with `memchr`.
fn double_colons(text: &str, from: usize) -> impl Iterator<Item = usize> + '_ {
    let mut i = from;
    std::iter::from_fn(move || {
        while let Some(p) = text.get(i..).and_then(|rest| rest.find(':')) {
            let colon = i + p;
            if text.as_bytes().get(colon + 1) == Some(&b':') {
                i = colon + 2;
                return Some(colon);
            }
            i = colon + 1;
        }
        None
    })
}

/// A fence line (three or more backticks or tildes after at most three
/// spaces, possibly behind quote/list markers): the fence character and
/// its run length.
fn fence_marker(line: &str) -> Option<(u8, usize)> {
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t' || b[i] == b'>') {
        i += 1;
    }
    let ch = *b.get(i)?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let run = b[i..].iter().take_while(|&&c| c == ch).count();
    (run >= 3).then_some((ch, run))
}

/// Where a line's content starts: after indentation, block-quote
/// markers, a list marker and a task box.
fn content_start(b: &[u8]) -> usize {
    let mut i = 0;
    let skip_spaces = |i: &mut usize| {
        while *i < b.len() && (b[*i] == b' ' || b[*i] == b'\t') {
            *i += 1;
        }
    };
    skip_spaces(&mut i);
    while i < b.len() && b[i] == b'>' {
        i += 1;
        skip_spaces(&mut i);
    }
    // Bullet or ordered list marker, followed by a space.
    if i < b.len()
        && matches!(b[i], b'-' | b'*' | b'+')
        && b.get(i + 1).is_some_and(|c| *c == b' ' || *c == b'\t')
    {
        i += 1;
        skip_spaces(&mut i);
    } else {
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if (1..=9).contains(&digits)
            && matches!(b.get(i + digits), Some(b'.' | b')'))
            && b.get(i + digits + 1)
                .is_some_and(|c| *c == b' ' || *c == b'\t')
        {
            i += digits + 1;
            skip_spaces(&mut i);
        }
    }
    // Task box `[ ]`, `[x]`, … followed by a space.
    if b.get(i) == Some(&b'[')
        && b.get(i + 2) == Some(&b']')
        && b.get(i + 3).is_some_and(|c| *c == b' ' || *c == b'\t')
        && b[i + 1].is_ascii()
    {
        i += 3;
        skip_spaces(&mut i);
    }
    i
}

/// Byte ranges of inline code spans (matching backtick runs) in a line.
fn code_spans(b: &[u8], spans: &mut Vec<Range<usize>>) {
    spans.clear();
    if !b.contains(&b'`') {
        return;
    }
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'`' {
            i += 1;
            continue;
        }
        let run = b[i..].iter().take_while(|&&c| c == b'`').count();
        let open = i;
        let mut j = i + run;
        let mut closed = None;
        while j < b.len() {
            if b[j] == b'`' {
                let other = b[j..].iter().take_while(|&&c| c == b'`').count();
                if other == run {
                    closed = Some(j + other);
                    break;
                }
                j += other;
            } else {
                j += 1;
            }
        }
        match closed {
            Some(end) => {
                spans.push(open..end);
                i = end;
            }
            None => i = open + run,
        }
    }
}

/// A key (the text before `::`) read from `b[start..]`: returns the
/// normalized key and the index just after `::`.
///
/// `spaces` allows spaces inside the key (line-start and bracketed
/// forms); the mid-line form takes one word only.
fn key_at(line: &str, start: usize, spaces: bool) -> Option<(Cow<'_, str>, usize)> {
    let b = line.as_bytes();
    let mut i = start;
    while i < b.len() && i - start <= MAX_KEY_LEN {
        match b[i] {
            b':' => {
                if b.get(i + 1) != Some(&b':') {
                    return None;
                }
                let key = normalize_key(&line[start..i])?;
                return Some((key, i + 2));
            }
            b'[' | b']' | b'(' | b')' | b'`' | b'|' => return None,
            b' ' | b'\t' if !spaces => return None,
            c if !(spaces || is_word_byte(c)) => return None,
            _ => i += 1,
        }
    }
    None
}

/// A byte of a one-word key: ASCII letters, digits, `_`, `-`, `*`
/// (emphasis) and any byte of a non-ASCII character.
fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'*') || c >= 0x80
}

/// Lowercased key without emphasis markers around it; `None` when it
/// holds no letter or digit.
fn normalize_key(raw: &str) -> Option<Cow<'_, str>> {
    let key = raw.trim().trim_matches('*').trim();
    let key = key
        .strip_prefix("__")
        .and_then(|k| k.strip_suffix("__"))
        .unwrap_or(key);
    if key.is_empty()
        || !key.chars().any(char::is_alphanumeric)
        || key.starts_with(char::is_whitespace)
    {
        return None;
    }
    Some(lowercase(key))
}

/// `text` in lowercase, borrowed when it already is.
fn lowercase(text: &str) -> Cow<'_, str> {
    if text.chars().any(char::is_uppercase) {
        Cow::Owned(text.to_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// A bracketed field opening at `b[open]` (`[` or `(`): key, value range
/// and the index after the closing bracket.
fn bracket_field(line: &str, open: usize) -> Option<(Cow<'_, str>, Range<usize>, usize)> {
    let b = line.as_bytes();
    let (close, opener) = if b[open] == b'[' {
        (b']', b'[')
    } else {
        (b')', b'(')
    };
    let mut start = open + 1;
    while start < b.len() && (b[start] == b' ' || b[start] == b'\t') {
        start += 1;
    }
    let (key, after) = key_at(line, start, true)?;
    let mut depth = 0usize;
    let mut j = after;
    // Values are short; an unclosed bracket must not make a line quadratic.
    let limit = b.len().min(after + MAX_VALUE_LEN);
    while j < limit {
        let c = b[j];
        if c == opener {
            depth += 1;
        } else if c == close {
            if depth == 0 {
                return Some((key, after..j, j + 1));
            }
            depth -= 1;
        }
        j += 1;
    }
    None
}

/// A field key starting here, not yet given its value.
#[derive(Debug)]
struct Bare<'a> {
    key: Cow<'a, str>,
    start: usize,
    value_start: usize,
}

/// Fields of one line (without its line break) starting at byte `base`
/// of the scanned text. `code` is scratch space for code span ranges.
fn scan_line<'a>(
    line: &'a str,
    base: usize,
    code: &mut Vec<Range<usize>>,
    out: &mut Vec<FieldHit<'a>>,
) {
    let b = line.as_bytes();
    code_spans(b, code);
    let code = &*code;
    // Code spans are sorted and disjoint.
    let in_code = |i: usize| {
        let k = code.partition_point(|r| r.end <= i);
        code.get(k).is_some_and(|r| r.contains(&i))
    };
    // A bare field waits for the next field (or the line end) to know
    // where its value ends.
    let mut pending: Option<Bare<'a>> = None;
    let finish = |field: Bare<'a>, end: usize, out: &mut Vec<FieldHit<'a>>| {
        let (value, value_end) = trimmed(line, field.value_start..end.max(field.value_start));
        out.push(FieldHit {
            key: field.key,
            value,
            range: base + field.start..base + value_end.max(field.value_start),
        });
    };
    let content = content_start(b);
    let mut consumed = content;
    let mut found = false;
    // Work from each `::` back to its key: lines are long, fields few.
    for colon in double_colons(line, 0) {
        if colon < consumed || in_code(colon) {
            continue;
        }
        // Back over what a key with spaces may hold.
        let mut start = colon;
        while start > content
            && colon - start <= MAX_KEY_LEN
            && !matches!(b[start - 1], b'[' | b']' | b'(' | b')' | b'`' | b'|' | b':')
        {
            start -= 1;
        }
        let opener = (start > content).then(|| (start - 1, b[start - 1]));
        let mut key_here = None;
        match opener {
            None if start == content && !found => key_here = line_start_key(line, content),
            Some((i, b'[')) if i > 0 && b[i - 1] == b'[' => continue,
            Some((i, b'[' | b'(')) if !in_code(i) => {
                if let Some((key, value, end)) = bracket_field(line, i) {
                    if let Some(prev) = pending.take() {
                        finish(prev, i, out);
                    }
                    let (value, _) = trimmed(line, value);
                    out.push(FieldHit {
                        key,
                        value,
                        range: base + i..base + end,
                    });
                    found = true;
                    consumed = end;
                    continue;
                }
            }
            _ => {}
        }
        let key_here = key_here
            .or_else(|| mid_line_key(line, colon, content).filter(|field| !in_code(field.start)));
        if let Some(field) = key_here {
            if let Some(prev) = pending.take() {
                finish(prev, field.start, out);
            }
            found = true;
            consumed = field.value_start;
            pending = Some(field);
        }
    }
    if let Some(prev) = pending {
        finish(prev, b.len(), out);
    }
}

/// Whether the (first) line is one `key:: value` field.
pub(super) fn is_field_line(text: &str) -> bool {
    let line = text.lines().next().unwrap_or_default();
    line_start_key(line, 0).is_some_and(|bare| bare.start == 0)
}

/// A `key:: value` field starting the line's content.
fn line_start_key(line: &str, content: usize) -> Option<Bare<'_>> {
    let (key, after) = key_at(line, content, true)?;
    // `2026-03-01 coffee by:: me`: a known key ending a longer "key" is
    // the mid-line form, not a key with spaces.
    let (key, start) = match key.rsplit_once(char::is_whitespace) {
        Some((_, last)) if KNOWN_KEYS.contains(&last) => {
            let at = line[..after]
                .rfind(char::is_whitespace)
                .map_or(content, |p| p + 1);
            (Cow::Owned(last.to_string()), at)
        }
        _ => (key, content),
    };
    Some(Bare {
        key,
        start,
        value_start: after,
    })
}

/// A one-word key after a space, ending at the `::` at `colon`, with a
/// space or the line end after the `::`.
fn mid_line_key(line: &str, colon: usize, content: usize) -> Option<Bare<'_>> {
    let b = line.as_bytes();
    let mut start = colon;
    while start > content && colon - start <= MAX_KEY_LEN && is_word_byte(b[start - 1]) {
        start -= 1;
    }
    let after_ok = b.get(colon + 2).is_none_or(|c| *c == b' ' || *c == b'\t');
    let before_ok = start > content && matches!(b[start - 1], b' ' | b'\t');
    if !after_ok || !before_ok || start == colon {
        return None;
    }
    let (key, after) = key_at(line, start, false)?;
    (after == colon + 2).then_some(Bare {
        key,
        start,
        value_start: after,
    })
}

/// The trimmed text of `line[range]` and where its last byte ends.
fn trimmed(line: &str, range: Range<usize>) -> (&str, usize) {
    let text = line.get(range.clone()).unwrap_or("");
    let lead = text.len() - text.trim_start().len();
    let value = text.trim();
    (value, range.start + lead + value.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        scan_fields(text)
            .into_iter()
            .map(|h| (h.key.into_owned(), h.value.to_string()))
            .collect()
    }

    fn pair(key: &str, value: &str) -> (String, String) {
        (key.to_string(), value.to_string())
    }

    #[test]
    fn whole_line_field() {
        assert_eq!(pairs("by:: me"), vec![pair("by", "me")]);
        assert_eq!(
            pairs("  Learned::  likes jazz  "),
            vec![pair("learned", "likes jazz")]
        );
    }

    #[test]
    fn whole_line_field_in_list_item_task_and_quote() {
        assert_eq!(pairs("- ask:: an intro"), vec![pair("ask", "an intro")]);
        assert_eq!(pairs("1. give:: a book"), vec![pair("give", "a book")]);
        assert_eq!(pairs("- [x] by:: them"), vec![pair("by", "them")]);
        assert_eq!(
            pairs("> learned:: has a cat"),
            vec![pair("learned", "has a cat")]
        );
    }

    #[test]
    fn key_with_spaces_and_bold_key() {
        assert_eq!(
            pairs("Met At:: the conference"),
            vec![pair("met at", "the conference")]
        );
        assert_eq!(pairs("**by**:: me"), vec![pair("by", "me")]);
        assert_eq!(pairs("__by__:: me"), vec![pair("by", "me")]);
    }

    #[test]
    fn bracket_forms_inside_text() {
        assert_eq!(
            pairs("coffee [by:: me] and (ask:: intro) later"),
            vec![pair("by", "me"), pair("ask", "intro")]
        );
        assert_eq!(pairs("[ by :: both ]"), vec![pair("by", "both")]);
    }

    #[test]
    fn bracket_value_with_links() {
        assert_eq!(
            pairs("[with:: [[Ada]], [[Bob|B]]]"),
            vec![pair("with", "[[Ada]], [[Bob|B]]")]
        );
        assert_eq!(
            pairs("(met:: Ada (the engineer))"),
            vec![pair("met", "Ada (the engineer)")]
        );
    }

    #[test]
    fn whole_line_value_stops_at_bracket_field() {
        assert_eq!(
            pairs("by:: me [ask:: intro]"),
            vec![pair("by", "me"), pair("ask", "intro")]
        );
    }

    #[test]
    fn mid_line_word_key() {
        assert_eq!(pairs("- 2026-03-01 coffee by:: me"), vec![pair("by", "me")]);
        assert_eq!(
            pairs("coffee by:: me ask:: an intro"),
            vec![pair("by", "me"), pair("ask", "an intro")]
        );
    }

    #[test]
    fn known_key_ending_a_spaced_key_is_the_key() {
        assert_eq!(pairs("Lunch by:: me"), vec![pair("by", "me")]);
        assert_eq!(pairs("Meeting with:: Ada"), vec![pair("with", "Ada")]);
        assert_eq!(pairs("Basic Field:: x"), vec![pair("basic field", "x")]);
        let hits = scan_fields("Lunch by:: me");
        assert_eq!(hits[0].range, 6..13);
    }

    #[test]
    fn not_fields() {
        assert!(pairs("call it: std::vector").is_empty());
        assert!(pairs("x (see: a::b)").is_empty());
        assert!(pairs("time 10:30: fine").is_empty());
        assert!(pairs("[[Note:: odd]]").is_empty());
        assert!(pairs("use `by:: me` here").is_empty());
        assert!(pairs("`by:: me`").is_empty());
        assert!(pairs("[unclosed:: value").is_empty());
        assert!(pairs(":: value").is_empty());
        assert!(pairs("**:: value").is_empty());
        assert!(pairs("address: fe80::1 here").is_empty());
    }

    #[test]
    fn fenced_code_is_skipped() {
        let text =
            "```\nby:: me\n```\nask:: intro\n~~~~\ngive:: x\n~~~\ngive:: y\n~~~~\nlearned:: z";
        assert_eq!(
            pairs(text),
            vec![pair("ask", "intro"), pair("learned", "z")]
        );
    }

    #[test]
    fn empty_value_is_kept() {
        assert_eq!(pairs("by::"), vec![pair("by", "")]);
    }

    #[test]
    fn offsets_point_at_the_field() {
        let text = "one\r\nsay [by:: me] ok\nask:: intro  ";
        let hits = scan_fields(text);
        assert_eq!(&text[hits[0].range.clone()], "[by:: me]");
        assert_eq!(&text[hits[1].range.clone()], "ask:: intro");
    }

    #[test]
    fn crlf_lines() {
        assert_eq!(
            pairs("by:: me\r\nask:: x\r\n"),
            vec![pair("by", "me"), pair("ask", "x")]
        );
    }

    #[test]
    fn unicode_keys_and_values() {
        assert_eq!(pairs("Ort:: Zürich"), vec![pair("ort", "Zürich")]);
        assert_eq!(
            pairs("été:: café [vu:: Éloïse]"),
            vec![pair("été", "café"), pair("vu", "Éloïse")]
        );
    }

    #[test]
    fn arbitrary_text_never_panics() {
        for text in [
            "::",
            "[::",
            "(::)",
            "[a::",
            "a::\u{e9}",
            "- [\u{e9}] a:: b",
            "`a:: b",
            "[[a:: b",
            "\u{1F600}:: x",
            "- [x]",
            "1.",
            "(((a:: b)))",
        ] {
            let _ = scan_fields(text);
        }
    }
}
