//! Fields written in a person note's body (SPEC §2.2): a whole-line
//! Dataview field (`role:: CTO`, `- company:: [[Initech]]`) or a bold
//! label (`**Role:** Head of Design`, `- **How we met**: …`), read from
//! the source line so the bold markers can be told apart from prose
//! (`Role: CTO` in a sentence is not a field), and the words of a heading
//! that make it a log or a knowledge section.

use std::ops::Range;

/// How a body field was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    /// `key:: value` on its own line or list item.
    Dataview,
    /// `**Key:** value`, `**Key**: value`, `__Key:__ value`.
    Bold,
    /// A two-cell table row `| Key | value |`.
    Table,
}

/// A field read from one source line: the key as written, the value
/// (raw Markdown: links kept) and the key's byte range in the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label<'a> {
    pub key: &'a str,
    pub value: &'a str,
    pub key_range: Range<usize>,
    pub kind: LabelKind,
}

/// Longest key read: longer "keys" are sentences.
const MAX_KEY_CHARS: usize = 40;

/// The field a source line writes, if it is a whole-line Dataview field
/// or a bold label. List markers are skipped; tasks, quotes and
/// headings are not fields.
#[must_use]
pub fn label(line: &str) -> Option<Label<'_>> {
    let start = content_start(line)?;
    let rest = &line[start..];
    if let Some(bold) = bold_label(rest) {
        return Some(shift(bold, start));
    }
    let colons = rest.find("::")?;
    let key = rest[..colons].trim();
    if !is_key(key) {
        return None;
    }
    let value = rest[colons + 2..].trim();
    let key_start = start + (rest.len() - rest.trim_start().len());
    Some(Label {
        key,
        value,
        key_range: key_start..key_start + key.len(),
        kind: LabelKind::Dataview,
    })
}

fn shift(mut label: Label<'_>, by: usize) -> Label<'_> {
    label.key_range = label.key_range.start + by..label.key_range.end + by;
    label
}

/// `**Key:** value` / `**Key**: value` (also `__…__`).
fn bold_label(rest: &str) -> Option<Label<'_>> {
    let marker = if rest.starts_with("**") {
        "**"
    } else if rest.starts_with("__") {
        "__"
    } else {
        return None;
    };
    let inner_start = marker.len();
    let close = rest[inner_start..].find(marker)? + inner_start;
    let inner = &rest[inner_start..close];
    let after = &rest[close + marker.len()..];
    let (key, value) = if let Some(key) = inner.trim_end().strip_suffix(':') {
        (key.trim_end_matches(':').trim(), after)
    } else if let Some(value) = after.trim_start().strip_prefix(':') {
        (inner.trim(), value.trim_start_matches(':'))
    } else {
        return None;
    };
    if !is_key(key) {
        return None;
    }
    let key_start = inner_start + (inner.len() - inner.trim_start().len());
    Some(Label {
        key,
        value: value.trim(),
        key_range: key_start..key_start + key.len(),
        kind: LabelKind::Bold,
    })
}

/// Where a line's content starts after indentation and one list marker;
/// None for tasks, quotes, headings, tables and blank lines.
fn content_start(line: &str) -> Option<usize> {
    let trimmed = line.trim_start();
    let mut at = line.len() - trimmed.len();
    let rest = trimmed;
    let marker = if rest.starts_with("- ") || rest.starts_with("* ") || rest.starts_with("+ ") {
        2
    } else {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0
            && matches!(rest.as_bytes().get(digits), Some(b'.' | b')'))
            && rest.as_bytes().get(digits + 1) == Some(&b' ')
        {
            digits + 2
        } else {
            0
        }
    };
    at += marker;
    let rest = line[at..].trim_start();
    at = line.len() - rest.len();
    if rest.is_empty() || rest.starts_with(['>', '#', '|', '[']) {
        return None;
    }
    Some(at)
}

/// A key: words of letters, digits, spaces, `-`, `_`, `.`, `'`, `/`,
/// starting with a letter, not too long.
fn is_key(key: &str) -> bool {
    key.chars().next().is_some_and(char::is_alphabetic)
        && key.chars().count() <= MAX_KEY_CHARS
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '\'' | '/'))
}

/// Heading words that make a section a log (SPEC §2.2).
pub const LOG_WORDS: &[&str] = &[
    "conversations",
    "conversation",
    "log",
    "logs",
    "interactions",
    "interaction",
    "meetings",
    "meeting",
    "activities",
    "activity",
    "history",
    "timeline",
    "notes",
    "calls",
    "touchpoints",
    "catchups",
];

/// Heading words of sections whose list items are interests.
pub const INTEREST_WORDS: &[&str] = &["interests", "passions", "hobbies", "likes"];

/// Heading words of sections that hold what you know about someone
/// (SPEC §2.2), besides the interest words.
pub const KNOWLEDGE_WORDS: &[&str] = &[
    "about",
    "personal",
    "family",
    "kids",
    "children",
    "partner",
    "pets",
    "travel",
    "reading",
    "books",
    "background",
    "bio",
    "matters",
    "remember",
    "related",
];

/// Knowledge words that keep a section from being a log even when it
/// also holds a log word: `Family history` is about their family, and
/// dated items there are their life, not contact with them.
const LIFE_WORDS: &[&str] = &["family", "kids", "children", "partner", "pets"];

/// The words of a heading, lowercase, with each pair of neighbours also
/// joined (`Catch-ups` -> `catch`, `ups`, `catchups`; `Touch points` ->
/// `touchpoints`).
#[must_use]
pub fn heading_words(heading: &str) -> Vec<String> {
    let words: Vec<String> = heading
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut out = words.clone();
    out.extend(words.windows(2).map(<[String]>::concat));
    out
}

fn has_any(words: &[String], list: &[&str]) -> bool {
    words.iter().any(|w| list.contains(&w.as_str()))
}

/// Whether a heading's words make it an interests section.
#[must_use]
pub fn is_interest_heading(words: &[String]) -> bool {
    has_any(words, INTEREST_WORDS)
}

/// Whether a heading's words make it a knowledge section (interests
/// sections not included).
#[must_use]
pub fn is_knowledge_heading(words: &[String]) -> bool {
    has_any(words, KNOWLEDGE_WORDS)
}

/// Whether a heading's words make it a log section: a log word, and no
/// interest or family word (`Life events` is decided by the caller).
#[must_use]
pub fn is_log_heading(words: &[String]) -> bool {
    has_any(words, LOG_WORDS) && !has_any(words, INTEREST_WORDS) && !has_any(words, LIFE_WORDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str) -> Option<(&str, &str, LabelKind)> {
        label(line).map(|l| (l.key, l.value, l.kind))
    }

    #[test]
    fn reads_dataview_fields_and_bold_labels() {
        use LabelKind::{Bold, Dataview};
        assert_eq!(read("role:: CTO"), Some(("role", "CTO", Dataview)));
        assert_eq!(
            read("- company:: [[Initech]]"),
            Some(("company", "[[Initech]]", Dataview))
        );
        assert_eq!(
            read("**Role:** Head of Design"),
            Some(("Role", "Head of Design", Bold))
        );
        assert_eq!(
            read("- **How we met**: at the climbing gym"),
            Some(("How we met", "at the climbing gym", Bold))
        );
        assert_eq!(
            read("  * __Last contact:__ Mar 3, 2025"),
            Some(("Last contact", "Mar 3, 2025", Bold))
        );
        let found = label("- **Role:** CTO").unwrap();
        assert_eq!(&"- **Role:** CTO"[found.key_range], "Role");
    }

    #[test]
    fn prose_tasks_and_quotes_are_not_fields() {
        for line in [
            "Role: CTO, she said",
            "**Important** — call her back",
            "- [ ] role:: CTO",
            "> role:: CTO",
            "## role:: CTO",
            "We talked about the move. Then she said: x:: y",
            "**Remember to ask about the book she mentioned at dinner last week:** x",
        ] {
            assert_eq!(label(line), None, "{line}");
        }
    }

    #[test]
    fn heading_words_decide_logs_and_knowledge() {
        for heading in [
            "Catch-ups",
            "Touch points",
            "Contact log",
            "Meeting Notes",
            "Our History",
            "Calls",
        ] {
            assert!(is_log_heading(&heading_words(heading)), "{heading}");
        }
        for heading in ["Family history", "Interests and notes", "Blog", "Notebook"] {
            assert!(!is_log_heading(&heading_words(heading)), "{heading}");
        }
        assert!(is_interest_heading(&heading_words("Hobbies & Interests")));
        assert!(is_knowledge_heading(&heading_words("Things to remember")));
        assert!(is_knowledge_heading(&heading_words("Kids")));
        assert!(!is_knowledge_heading(&heading_words("Log")));
    }
}
