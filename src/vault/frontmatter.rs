//! Splitting a note into its YAML front matter and its Markdown body,
//! and parsing the front matter into keys with the lines they were
//! written on (SPEC §2.1). `serde_yaml` gives values but no spans, so the
//! top-level key lines are found by a light scan of the YAML text; every
//! finding can then point at the field it is about. Broken front matter
//! is a finding (`front-matter-syntax`), never an error: the body is
//! still read. `serde_yaml`'s recursion and repetition limits stop alias
//! bombs and deep nesting, and a cheap bracket count in front of it keeps
//! pathologically deep flow collections from costing seconds in libyaml.

use serde_yaml::Value;

use crate::model::{Edit, Problem, ProblemKind, Span};

/// Parsed front matter: its top-level keys in the order written.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    pub fields: Vec<Field>,
    /// 1-based line of the closing `---`.
    pub end_line: usize,
}

/// One top-level front-matter key and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The key as written (numbers and booleans as their text).
    pub key: String,
    pub value: Value,
    /// Line of the key (1-based, in the whole file); the column range
    /// covers the key as written when its line was found.
    pub span: Span,
    /// Lines (1-based, in the whole file) of the `- ` entries when the
    /// value is written as a block list, in order; empty otherwise.
    /// Lets list items such as interests or interactions point at their
    /// own line.
    pub item_lines: Vec<usize>,
}

impl FrontMatter {
    /// The field of the first of `keys` that is present, compared
    /// case-insensitively; earlier keys win over later ones.
    #[must_use]
    pub fn get(&self, keys: &[&str]) -> Option<&Field> {
        keys.iter()
            .find_map(|key| self.fields.iter().find(|f| f.key.eq_ignore_ascii_case(key)))
    }
}

/// A note split into front matter and body.
#[derive(Debug, Clone)]
pub struct Parsed<'a> {
    /// The front matter when the note has a closed `---` block. It is
    /// present (with no fields) when the block's YAML is broken or is
    /// not a map, so `end_line` still says where the body starts.
    pub front_matter: Option<FrontMatter>,
    pub body: &'a str,
    /// 1-based line number of the first body line in the file.
    pub body_line: usize,
    pub problems: Vec<Problem>,
    /// The raw YAML between the `---` lines of a closed block, for
    /// checks that look at the text itself (template placeholders).
    pub yaml: Option<&'a str>,
}

/// Flow collections nested deeper than this are refused before libyaml
/// sees them. `serde_yaml` stops at depth 128 anyway, but libyaml's scanner
/// is quadratic in flow depth, so 20,000 `[` would take seconds first.
const MAX_FLOW_DEPTH: usize = 256;

/// Front matter larger than this is reported, not parsed: a YAML value
/// costs many times its text in memory, and facts about a person fit in
/// a few KiB.
pub const MAX_FRONT_MATTER_BYTES: usize = 1024 * 1024;

/// Splits `text` (a whole file, UTF-8, BOM already removed; LF, CRLF or
/// lone CR line ends) into front matter and body.
#[must_use]
pub fn parse(text: &str) -> Parsed<'_> {
    let mut lines = Lines::new(text);
    let no_front_matter = |problems| Parsed {
        front_matter: None,
        body: text,
        body_line: 1,
        problems,
        yaml: None,
    };
    let Some(first) = lines.next() else {
        return no_front_matter(Vec::new());
    };
    if first.text.trim_end() != "---" {
        return lost_opening(text).unwrap_or_else(|| no_front_matter(Vec::new()));
    }
    let mut line_number = 1;
    let closing = lines.find(|line| {
        line_number += 1;
        matches!(line.text.trim_end(), "---" | "...")
    });
    let Some(closing) = closing else {
        let problem = Problem::new(
            ProblemKind::FrontMatterSyntax,
            Span::line(1),
            "front matter is not closed",
        )
        .with_help("add a `---` line after the last front-matter key");
        return no_front_matter(vec![problem]);
    };
    let yaml = text.get(first.next..closing.start).unwrap_or("");
    let mut problems = Vec::new();
    let fields = read_fields(yaml, &mut problems);
    Parsed {
        front_matter: Some(FrontMatter {
            fields,
            end_line: line_number,
        }),
        body: text.get(closing.next..).unwrap_or(""),
        body_line: line_number + 1,
        problems,
        yaml: Some(yaml),
    }
}

/// Lines looked at for the closing `---` of front matter that lost its
/// opening one: front matter is a few dozen keys at most.
const LOST_OPENING_LINES: usize = 200;

/// Front matter that lost its opening `---` (SPEC §2.1): the note starts
/// with a `key: value` line, a `---` line follows, and everything above
/// it is a YAML map of at least two keys (one `key: value` line above a
/// `---` is a Markdown setext heading). Reported by
/// `front-matter-syntax`, with the edit that adds the `---`, and read.
fn lost_opening(text: &str) -> Option<Parsed<'_>> {
    let mut lines = Lines::new(text);
    let first = lines.next()?;
    line_key(first.text)?;
    let mut line_number = 1;
    let closing = lines.take(LOST_OPENING_LINES).find(|line| {
        line_number += 1;
        line.text.trim_end() == "---"
    })?;
    let yaml = text.get(..closing.start)?;
    let mut problems = Vec::new();
    let mut fields = read_fields(yaml, &mut problems);
    if !problems.is_empty() || fields.len() < 2 {
        return None;
    }
    // `read_fields` counts lines from after an opening `---`.
    for field in &mut fields {
        if field.span.column.is_some() || field.span.line > 1 {
            field.span.line = field.span.line.saturating_sub(1).max(1);
            field.span.end_line = field.span.end_line.map(|l| l.saturating_sub(1).max(1));
        }
        for line in &mut field.item_lines {
            *line = line.saturating_sub(1).max(1);
        }
    }
    let mut problem = Problem::new(
        ProblemKind::FrontMatterSyntax,
        Span::line(1),
        "front matter has no opening `---`",
    )
    .with_help(
        "add `---` as the first line, so the keys above the closing `---` are read as front matter",
    );
    problem.fix = Some(Edit {
        span: Span::on_line(1, 1, 1),
        text: "---\n".to_string(),
    });
    Some(Parsed {
        front_matter: Some(FrontMatter {
            fields,
            end_line: line_number,
        }),
        body: text.get(closing.next..).unwrap_or(""),
        body_line: line_number + 1,
        problems: vec![problem],
        yaml: Some(yaml),
    })
}

/// The front matter's fields, or none with a problem when the YAML is
/// broken or not a map.
fn read_fields(yaml: &str, problems: &mut Vec<Problem>) -> Vec<Field> {
    if yaml.len() > MAX_FRONT_MATTER_BYTES {
        problems.push(
            Problem::new(
                ProblemKind::FrontMatterSyntax,
                Span::line(1),
                format!(
                    "front matter is too large to read ({} KiB; the limit is {} KiB)",
                    yaml.len() / 1024,
                    MAX_FRONT_MATTER_BYTES / 1024
                ),
            )
            .with_help("keep facts in the front matter and long text in the note body"),
        );
        return Vec::new();
    }
    let keys = scan_keys(yaml);
    if let Some(span) = too_deep(yaml) {
        problems.push(
            Problem::new(
                ProblemKind::FrontMatterSyntax,
                span,
                "front matter is nested too deeply",
            )
            .with_help("front matter holds flat `key: value` lines, not deeply nested lists"),
        );
        return Vec::new();
    }
    let value = match serde_yaml::from_str::<Value>(yaml) {
        Ok(value) => value,
        Err(error) => {
            problems.push(yaml_problem(&error, &keys));
            return Vec::new();
        }
    };
    let mapping = match value {
        Value::Mapping(mapping) => mapping,
        Value::Null => return Vec::new(),
        _ => {
            let line = first_content_line(yaml);
            problems.push(
                Problem::new(
                    ProblemKind::FrontMatterSyntax,
                    Span::line(line),
                    "front matter is not a map of keys",
                )
                .with_help("write front matter as `key: value` lines"),
            );
            return Vec::new();
        }
    };
    let mut used = vec![false; keys.len()];
    let mut fields = Vec::with_capacity(mapping.len());
    for (key, value) in mapping {
        let Some(key) = key_text(&key) else {
            continue;
        };
        let found = keys
            .iter()
            .enumerate()
            .find(|(i, k)| !used[*i] && k.key == key)
            .or_else(|| {
                keys.iter()
                    .enumerate()
                    .find(|(i, k)| !used[*i] && k.key.to_lowercase() == key.to_lowercase())
            });
        let (span, item_lines) = match found {
            Some((i, k)) => {
                used[i] = true;
                (Span::on_line(k.line, 1, 1 + k.width), k.item_lines.clone())
            }
            None => (Span::line(1), Vec::new()),
        };
        fields.push(Field {
            key,
            value,
            span,
            item_lines,
        });
    }
    fields
}

/// A finding for a YAML error, its place moved into file coordinates.
fn yaml_problem(error: &serde_yaml::Error, keys: &[KeyLine]) -> Problem {
    let message = yaml_message(&error.to_string());
    // The YAML starts on the line after the opening `---`, line 2.
    let mut span = error.location().map_or(Span::line(1), |location| Span {
        line: location.line() + 1,
        column: Some(location.column().max(1)),
        end_line: None,
        end_column: None,
    });
    let mut help = "fix the YAML between the `---` lines; quoting a value often helps";
    if let Some((line, column)) = quote_opening(&error.to_string()) {
        // An unclosed quote runs on to the end of the front matter, where
        // serde_yaml notices; the place to fix is where the quote opens.
        span = Span::on_line(line + 1, column.max(1), column.max(1) + 1);
        help = "close the quote opened here, or remove it";
    } else if message.starts_with("duplicate entry") {
        help = "remove or rename one of the keys";
        // serde_yaml points at the start of the map; the second
        // occurrence of a top-level key is the more useful place.
        let duplicate = keys.iter().enumerate().find_map(|(i, later)| {
            keys[..i]
                .iter()
                .any(|earlier| earlier.key == later.key)
                .then_some(later)
        });
        if let Some(key) = duplicate {
            span = Span::on_line(key.line, 1, 1 + key.width);
        }
    }
    Problem::new(ProblemKind::FrontMatterSyntax, span, message).with_help(help)
}

/// Where the quoted scalar of a "while scanning a quoted scalar at line
/// L column C" error opens, in YAML coordinates (1-based).
fn quote_opening(raw: &str) -> Option<(usize, usize)> {
    let (_, rest) = raw.split_once("while scanning a quoted scalar at line ")?;
    let digits = |s: &str| -> Option<(usize, usize)> {
        let len = s.bytes().take_while(u8::is_ascii_digit).count();
        Some((s.get(..len)?.parse().ok()?, len))
    };
    let (line, len) = digits(rest)?;
    let rest = rest.get(len..)?.strip_prefix(" column ")?;
    let (column, _) = digits(rest)?;
    Some((line, column))
}

/// A YAML error message in house style: its own line and column marks
/// (which count from the YAML, not the file) removed, lowercase first,
/// no trailing period.
fn yaml_message(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find(" at ") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 4..];
        let mark = mark_len(after);
        if mark == 0 {
            out.push_str(" at ");
        }
        rest = &after[mark..];
    }
    out.push_str(rest);
    let trimmed = out.trim().trim_end_matches('.').trim_end();
    let mut chars = trimmed.chars();
    match (chars.next(), chars.next()) {
        // Keep acronyms such as `EOF` as they are.
        (Some(first), second)
            if first.is_uppercase() && !second.is_some_and(char::is_uppercase) =>
        {
            first
                .to_lowercase()
                .chain(trimmed[first.len_utf8()..].chars())
                .collect()
        }
        _ => trimmed.to_string(),
    }
}

/// The length of `line N column M` or `position N` at the start of
/// `text`, 0 when neither is there.
fn mark_len(text: &str) -> usize {
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    if let Some(rest) = text.strip_prefix("line ") {
        let line = digits(rest);
        if line > 0 {
            if let Some(after) = rest[line..].strip_prefix(" column ") {
                let column = digits(after);
                if column > 0 {
                    return text.len() - after.len() + column;
                }
            }
        }
    } else if let Some(rest) = text.strip_prefix("position ") {
        let position = digits(rest);
        if position > 0 {
            return text.len() - rest.len() + position;
        }
    }
    0
}

/// The place where flow collections (`[`, `{`) nest deeper than
/// [`MAX_FLOW_DEPTH`], if they do. Brackets inside quotes count too; a
/// note would need hundreds of unclosed ones for that to matter.
fn too_deep(yaml: &str) -> Option<Span> {
    let mut depth = 0_usize;
    for (index, line) in Lines::new(yaml).enumerate() {
        for (column, c) in line.text.chars().enumerate() {
            match c {
                '[' | '{' => depth += 1,
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            if depth > MAX_FLOW_DEPTH {
                return Some(Span::on_line(index + 2, column + 1, column + 2));
            }
        }
    }
    None
}

/// The file line of the first YAML line that is not blank or a comment.
fn first_content_line(yaml: &str) -> usize {
    Lines::new(yaml)
        .position(|line| {
            let text = line.text.trim();
            !text.is_empty() && !text.starts_with('#')
        })
        .map_or(1, |index| index + 2)
}

/// The text of a map key: strings as they are, numbers and booleans as
/// written by YAML; `None` for lists and maps used as keys.
fn key_text(key: &Value) -> Option<String> {
    let key = match key {
        Value::Tagged(tagged) => &tagged.value,
        other => other,
    };
    match key {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Null => Some("null".to_string()),
        Value::Sequence(_) | Value::Mapping(_) | Value::Tagged(_) => None,
    }
}

/// A top-level key found in the YAML text.
#[derive(Debug)]
struct KeyLine {
    /// The key, quotes removed.
    key: String,
    /// 1-based line in the file.
    line: usize,
    /// Width in chars of the key as written (quotes included).
    width: usize,
    /// Lines of the outermost `- ` entries below the key.
    item_lines: Vec<usize>,
}

/// Finds the top-level keys (`key:`, `"key":`, `'key':` at indent 0)
/// and the `- ` entry lines under each.
fn scan_keys(yaml: &str) -> Vec<KeyLine> {
    let mut keys: Vec<KeyLine> = Vec::new();
    // (indent, line) of dash lines under the current key.
    let mut dashes: Vec<(usize, usize)> = Vec::new();
    let mut current: Option<usize> = None;
    let finish =
        |keys: &mut Vec<KeyLine>, current: Option<usize>, dashes: &mut Vec<(usize, usize)>| {
            if let Some(key) = current.and_then(|i| keys.get_mut(i)) {
                let outer = dashes.iter().map(|(indent, _)| *indent).min();
                key.item_lines = dashes
                    .iter()
                    .filter(|(indent, _)| Some(*indent) == outer)
                    .map(|(_, line)| *line)
                    .collect();
            }
            dashes.clear();
        };
    for (index, line) in Lines::new(yaml).enumerate() {
        let number = index + 2;
        let text = line.text;
        let content = text.trim_start_matches(' ');
        if content.trim().is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = text.len() - content.len();
        if content == "-" || content.starts_with("- ") || content.starts_with("-\t") {
            dashes.push((indent, number));
            continue;
        }
        if indent > 0 {
            continue;
        }
        finish(&mut keys, current, &mut dashes);
        current = line_key(content).map(|(key, width)| {
            keys.push(KeyLine {
                key,
                line: number,
                width,
                item_lines: Vec::new(),
            });
            keys.len() - 1
        });
    }
    finish(&mut keys, current, &mut dashes);
    keys
}

/// The key of a `key: value` line and its width in chars as written.
fn line_key(line: &str) -> Option<(String, usize)> {
    let first = line.chars().next()?;
    if first == '"' || first == '\'' {
        let mut key = String::new();
        let mut chars = line.char_indices().skip(1);
        let end = loop {
            let (at, c) = chars.next()?;
            if c == first {
                // `''` is a quote inside a single-quoted key.
                if first == '\'' && line[at + 1..].starts_with('\'') {
                    chars.next();
                    key.push('\'');
                    continue;
                }
                break at + 1;
            }
            if c == '\\' && first == '"' {
                let (_, escaped) = chars.next()?;
                key.push(escaped);
                continue;
            }
            key.push(c);
        };
        line[end..].trim_start().starts_with(':').then(|| {
            let width = line[..end].chars().count();
            (key, width)
        })
    } else {
        if matches!(
            first,
            '-' | '[' | '{' | '?' | ':' | '&' | '*' | '!' | '|' | '>' | '%' | '@' | '`' | ','
        ) {
            return None;
        }
        let colon = line.char_indices().find_map(|(at, c)| {
            (c == ':'
                && line[at + 1..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace))
            .then_some(at)
        })?;
        let key = line[..colon].trim_end();
        (!key.is_empty()).then(|| (key.to_string(), key.chars().count()))
    }
}

/// One line of text: its content without the line end, where it starts
/// and where the next line starts (byte offsets).
struct Line<'a> {
    text: &'a str,
    start: usize,
    next: usize,
}

/// Lines split at LF, CRLF or a lone CR, as YAML counts them.
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines { text, pos: 0 }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        let rest = self.text.get(self.pos..)?;
        if rest.is_empty() {
            return None;
        }
        let start = self.pos;
        let (len, ending) = match rest.find(['\n', '\r']) {
            Some(at) if rest[at..].starts_with("\r\n") => (at, 2),
            Some(at) => (at, 1),
            None => (rest.len(), 0),
        };
        self.pos = start + len + ending;
        Some(Line {
            text: &rest[..len],
            start,
            next: self.pos,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(parsed: &Parsed<'_>) -> Vec<(String, usize)> {
        parsed
            .front_matter
            .as_ref()
            .map(|fm| {
                fm.fields
                    .iter()
                    .map(|f| (f.key.clone(), f.span.line))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn only_problem(parsed: &Parsed<'_>) -> Problem {
        assert_eq!(parsed.problems.len(), 1, "{:?}", parsed.problems);
        parsed.problems[0].clone()
    }

    fn assert_house_style(message: &str) {
        assert!(
            message.starts_with(|c: char| !c.is_uppercase()),
            "{message}"
        );
        assert!(!message.ends_with('.'), "{message}");
        assert!(!message.contains(" at line "), "{message}");
    }

    #[test]
    fn no_front_matter_means_the_whole_file_is_body() {
        for text in ["", "# Ada\n", "text\n---\nmore\n---\n", " ---\na: 1\n---\n"] {
            let parsed = parse(text);
            assert!(parsed.front_matter.is_none(), "{text:?}");
            assert_eq!(parsed.body, text);
            assert_eq!(parsed.body_line, 1);
            assert!(parsed.problems.is_empty());
            assert_eq!(parsed.yaml, None);
        }
    }

    #[test]
    fn reads_keys_values_lines_and_body() {
        let text = "---\nname: Ada Lovelace\n\n# a comment\ncompany: \"[[Acme]]\"\ntags: [person]\n---\n# Ada\nbody\n";
        let parsed = parse(text);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        assert_eq!(
            fields(&parsed),
            [
                ("name".to_string(), 2),
                ("company".to_string(), 5),
                ("tags".to_string(), 6)
            ]
        );
        let fm = parsed.front_matter.as_ref().expect("front matter");
        assert_eq!(fm.end_line, 7);
        assert_eq!(fm.fields[0].value, Value::String("Ada Lovelace".into()));
        assert_eq!(fm.fields[0].span, Span::on_line(2, 1, 5));
        assert_eq!(parsed.body, "# Ada\nbody\n");
        assert_eq!(parsed.body_line, 8);
        assert_eq!(
            parsed.yaml,
            Some("name: Ada Lovelace\n\n# a comment\ncompany: \"[[Acme]]\"\ntags: [person]\n")
        );
    }

    #[test]
    fn handles_crlf_and_lone_cr_line_ends() {
        for end in ["\r\n", "\r"] {
            let text = ["---", "name: Ada", "met: 2026-03-01", "---", "# Ada", "x"].join(end);
            let parsed = parse(&text);
            assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
            assert_eq!(
                fields(&parsed),
                [("name".to_string(), 2), ("met".to_string(), 3)]
            );
            let fm = parsed.front_matter.as_ref().expect("front matter");
            assert_eq!(fm.fields[0].value, Value::String("Ada".into()));
            assert_eq!(fm.end_line, 4);
            assert_eq!(parsed.body, ["# Ada", "x"].join(end));
            assert_eq!(parsed.body_line, 5);
        }
    }

    #[test]
    fn fences_may_have_trailing_spaces_and_close_with_dots() {
        let parsed = parse("---  \nname: Ada\n...\nbody");
        assert!(parsed.problems.is_empty());
        assert_eq!(fields(&parsed), [("name".to_string(), 2)]);
        assert_eq!(parsed.body, "body");
        assert_eq!(parsed.body_line, 4);
        let parsed = parse("---\nname: Ada\n--- \nbody");
        assert_eq!(parsed.body, "body");
    }

    #[test]
    fn front_matter_without_its_opening_fence_is_reported_and_read() {
        let text = "name: Ada Lovelace\nlast_contact: 2026-03-01\ntags: [friend]\n---\n# Ada\n";
        let parsed = parse(text);
        assert_eq!(
            fields(&parsed),
            [
                ("name".to_string(), 1),
                ("last_contact".to_string(), 2),
                ("tags".to_string(), 3)
            ]
        );
        assert_eq!(parsed.body, "# Ada\n");
        assert_eq!(parsed.body_line, 5);
        let problem = only_problem(&parsed);
        assert_eq!(problem.kind, ProblemKind::FrontMatterSyntax);
        assert_eq!(problem.span.line, 1);
        assert_house_style(&problem.message);
        let fix = problem.fix.expect("an edit adds the fence");
        assert_eq!((fix.span.line, fix.text.as_str()), (1, "---\n"));
    }

    #[test]
    fn a_setext_heading_or_prose_is_not_lost_front_matter() {
        for text in [
            "Status: draft\n---\nBody.\n",
            "Note: we met at the fair\nand talked for hours\n---\n",
            "# Ada\nname: x\nrole: y\n---\n",
            "name: Ada\nrole: CTO\n\nNo fence anywhere.\n",
        ] {
            let parsed = parse(text);
            assert!(parsed.front_matter.is_none(), "{text}");
            assert!(parsed.problems.is_empty(), "{text}");
        }
    }

    #[test]
    fn empty_front_matter_is_fine() {
        for text in [
            "---\n---\n",
            "---\n---",
            "---\n\n# just a comment\n---\nbody",
        ] {
            let parsed = parse(text);
            assert!(parsed.problems.is_empty(), "{text:?}");
            let fm = parsed.front_matter.expect("front matter");
            assert!(fm.fields.is_empty());
        }
        let parsed = parse("---\n---\nbody\n");
        assert_eq!(parsed.body, "body\n");
        assert_eq!(parsed.body_line, 3);
    }

    #[test]
    fn unclosed_front_matter_is_reported_and_read_as_body() {
        for text in ["---\nname: Ada\n# Ada\n", "---", "---\n"] {
            let parsed = parse(text);
            let problem = only_problem(&parsed);
            assert_eq!(problem.kind, ProblemKind::FrontMatterSyntax);
            assert_eq!(problem.span.line, 1);
            assert_eq!(problem.message, "front matter is not closed");
            assert!(problem.help.as_deref().unwrap_or("").contains("---"));
            assert!(parsed.front_matter.is_none());
            assert_eq!(parsed.body, text);
            assert_eq!(parsed.body_line, 1);
        }
    }

    #[test]
    fn invalid_yaml_is_reported_in_file_coordinates() {
        let text = "---\nname: Ada\ncompany: [Acme\nrole: x\n---\n# Ada\n";
        let parsed = parse(text);
        let problem = only_problem(&parsed);
        assert_eq!(problem.kind, ProblemKind::FrontMatterSyntax);
        // serde_yaml says line 3 column 5 of the YAML: file line 4.
        assert_eq!(problem.span.line, 4);
        assert_eq!(problem.span.column, Some(5));
        assert_house_style(&problem.message);
        assert!(
            problem.message.contains("flow sequence"),
            "{}",
            problem.message
        );
        // The body is still there.
        assert_eq!(parsed.body, "# Ada\n");
        assert_eq!(parsed.body_line, 6);
        assert!(parsed.front_matter.expect("front matter").fields.is_empty());
    }

    #[test]
    fn an_unclosed_quote_is_pointed_at_where_it_opens() {
        let text = "---\ntags: [person]\nrole: \"woodturner\ncadence: 60d\n---\n# Jun\n";
        let problem = only_problem(&parse(text));
        assert_eq!(problem.kind, ProblemKind::FrontMatterSyntax);
        // File line 3, the column of the opening `"`, not the closing `---`.
        assert_eq!(problem.span.line, 3);
        assert_eq!(problem.span.column, Some(7));
        assert!(
            problem.message.contains("quoted scalar"),
            "{}",
            problem.message
        );
        assert!(problem.help.as_deref().unwrap().contains("quote"));
        // Single quotes too.
        let problem = only_problem(&parse("---\nname: 'Jun\n---\n"));
        assert_eq!((problem.span.line, problem.span.column), (2, Some(7)));
    }

    #[test]
    fn yaml_error_columns_are_kept() {
        let parsed = parse("---\nname: a: b\n---\n");
        let problem = only_problem(&parsed);
        assert_eq!(problem.span.line, 2);
        assert_eq!(problem.span.column, Some(8));
        assert_eq!(
            problem.message,
            "mapping values are not allowed in this context"
        );
    }

    #[test]
    fn yaml_messages_lose_marks_and_periods() {
        assert_eq!(
            yaml_message("did not find expected key at line 3 column 2, while parsing a block mapping at line 1 column 1"),
            "did not find expected key, while parsing a block mapping"
        );
        assert_eq!(
            yaml_message("Something broke at position 12."),
            "something broke"
        );
        assert_eq!(
            yaml_message("EOF while parsing a value"),
            "EOF while parsing a value"
        );
        assert_eq!(yaml_message("look at this"), "look at this");
        assert_eq!(yaml_message("at line x"), "at line x");
        assert_eq!(yaml_message(""), "");
    }

    #[test]
    fn non_map_front_matter_is_reported() {
        for (text, line) in [
            ("---\n- a\n- b\n---\n", 2),
            ("---\n# note\njust text\n---\n", 3),
            ("---\n42\n---\n", 2),
        ] {
            let parsed = parse(text);
            let problem = only_problem(&parsed);
            assert_eq!(problem.kind, ProblemKind::FrontMatterSyntax);
            assert_eq!(problem.message, "front matter is not a map of keys");
            assert_eq!(problem.span.line, line, "{text:?}");
            assert!(parsed.front_matter.expect("front matter").fields.is_empty());
        }
    }

    #[test]
    fn duplicate_keys_point_at_the_second_one() {
        let parsed = parse("---\nname: Ada\nrole: x\nname: Bob\n---\n");
        let problem = only_problem(&parsed);
        assert_eq!(problem.kind, ProblemKind::FrontMatterSyntax);
        assert_eq!(problem.span.line, 4);
        assert!(
            problem.message.starts_with("duplicate entry"),
            "{}",
            problem.message
        );
        assert_house_style(&problem.message);
    }

    #[test]
    fn key_lines_of_quoted_numeric_and_odd_keys() {
        let text = "---\n\"quoted key\": 1\n'single ''q''': 2\n2024: 3\ntrue: 4\nspaced  : 5\nurl: http://x.y/z\nnested:\n  inner: 6\n\"esc\\\"aped\": 7\n---\n";
        let parsed = parse(text);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        assert_eq!(
            fields(&parsed),
            [
                ("quoted key".to_string(), 2),
                ("single 'q'".to_string(), 3),
                ("2024".to_string(), 4),
                ("true".to_string(), 5),
                ("spaced".to_string(), 6),
                ("url".to_string(), 7),
                ("nested".to_string(), 8),
                ("esc\"aped".to_string(), 10),
            ]
        );
        let fm = parsed.front_matter.expect("front matter");
        assert_eq!(fm.fields[0].span, Span::on_line(2, 1, 13));
    }

    #[test]
    fn keys_whose_line_cannot_be_found_fall_back_to_line_one() {
        let parsed = parse("---\n{a: 1, b: 2}\n---\n");
        assert!(parsed.problems.is_empty());
        assert_eq!(
            fields(&parsed),
            [("a".to_string(), 1), ("b".to_string(), 1)]
        );
        // A list used as a key has no text: it is skipped.
        let parsed = parse("---\n? [a]\n: x\nb: 1\n---\n");
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        assert_eq!(fields(&parsed), [("b".to_string(), 4)]);
    }

    #[test]
    fn item_lines_follow_block_lists() {
        let text = "---\ninterests:\n  - chess\n  # a comment\n  - go\ninteractions:\n- date: 2026-03-01\n  text: hi\n  ask:\n    - intro\n- date: 2026-03-02\nflow: [a, b]\n---\n";
        let parsed = parse(text);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let fm = parsed.front_matter.expect("front matter");
        assert_eq!(fm.fields[0].item_lines, [3, 5]);
        assert_eq!(fm.fields[1].item_lines, [7, 11]);
        assert!(fm.fields[2].item_lines.is_empty());
    }

    #[test]
    fn get_is_case_insensitive_and_prefers_earlier_keys() {
        let parsed = parse("---\nFull_Name: Ada L\nName: Ada\n---\n");
        let fm = parsed.front_matter.expect("front matter");
        assert_eq!(fm.get(&["name"]).map(|f| f.span.line), Some(3));
        assert_eq!(fm.get(&["name", "full_name"]).map(|f| f.span.line), Some(3));
        assert_eq!(fm.get(&["full_name", "name"]).map(|f| f.span.line), Some(2));
        assert!(fm.get(&["company"]).is_none());
        assert!(fm.get(&[]).is_none());
    }

    #[test]
    fn alias_bombs_are_refused_quickly() {
        use std::fmt::Write as _;
        let mut yaml = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        for pair in names.windows(2) {
            let (earlier, name) = (pair[0], pair[1]);
            let refs = vec![format!("*{earlier}"); 9].join(",");
            writeln!(yaml, "{name}: &{name} [{refs}]").expect("write to a String");
        }
        let text = format!("---\n{yaml}---\nbody\n");
        let parsed = parse(&text);
        let problem = only_problem(&parsed);
        assert_eq!(problem.kind, ProblemKind::FrontMatterSyntax);
        assert_eq!(problem.message, "repetition limit exceeded");
        assert_eq!(parsed.body, "body\n");
    }

    #[test]
    fn deep_flow_nesting_neither_hangs_nor_overflows() {
        for (open, close) in [("[", "]"), ("{a: ", "}")] {
            let text = format!(
                "---\nx: {}{}\n---\nbody\n",
                open.repeat(20_000),
                close.repeat(20_000)
            );
            let parsed = parse(&text);
            let problem = only_problem(&parsed);
            assert_eq!(problem.kind, ProblemKind::FrontMatterSyntax);
            assert_eq!(problem.message, "front matter is nested too deeply");
            assert_eq!(problem.span.line, 2);
            assert_eq!(parsed.body, "body\n");
        }
    }

    #[test]
    fn nesting_beyond_the_yaml_limit_is_reported() {
        // Deeper than serde_yaml's limit of 128, below our bracket guard.
        let text = format!("---\nx: {}{}\n---\n", "[".repeat(200), "]".repeat(200));
        let problem = only_problem(&parse(&text));
        assert_eq!(problem.message, "recursion limit exceeded");
        assert_eq!(problem.span.line, 2);
        // Deep block nesting (indentation) too.
        let mut yaml = String::new();
        for depth in 0..300 {
            yaml.push_str(&" ".repeat(depth));
            yaml.push_str("k:\n");
        }
        let problem = only_problem(&parse(&format!("---\n{yaml}---\n")));
        assert_eq!(problem.message, "recursion limit exceeded");
    }

    #[test]
    fn self_references_do_not_loop() {
        let parsed = parse("---\na: &a [*a]\n---\n");
        let problem = only_problem(&parsed);
        assert_eq!(problem.kind, ProblemKind::FrontMatterSyntax);
        assert_house_style(&problem.message);
    }

    #[test]
    fn odd_text_never_panics() {
        let samples = [
            "---\n\"unterminated: 1\n---\n",
            "---\n'it''s: 1\n---\n",
            "---\n\"a\\\n---\n",
            "---\n\u{0}: x\n---\n",
            "---\n\t- x\n---\n",
            "---\nää: ü\n€: 1\n---\n",
            "---\r\n\r\n---\r\n",
            "---\r---\r",
            "---\n:\n---\n",
            "---\n- \n---\n",
            "---\nkey: !!binary aGVsbG8=\n---\n",
            "---\n!tag key: v\n---\n",
            "---\na: *unknown\n---\n",
        ];
        for text in samples {
            let parsed = parse(text);
            for problem in &parsed.problems {
                assert_house_style(&problem.message);
            }
            for (i, _) in text.char_indices() {
                let _ = parse(&text[..i]);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_notes_never_panic(body in "[-.:a-z \\[\\]{}&*!|>'\"#\\r\\n]{0,80}") {
            let text = format!("---\n{body}");
            let parsed = parse(&text);
            proptest::prop_assert!(text.ends_with(parsed.body));
            for problem in &parsed.problems {
                proptest::prop_assert!(problem.span.line >= 1);
            }
        }
    }
}
