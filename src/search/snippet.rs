//! Snippets of search hits, cut from the note on disk at query time.
//!
//! The index stores only the line ranges a document was read from; the
//! snippet is the line (or up to three lines) among them holding the
//! most query words, as written in the note, with list markers and
//! heading hashes taken off. Matched words are found by analysing the
//! line the way the index does, so `pets` is highlighted for `pet`.
//! `find` syncs before it searches, so the note on disk is the note that
//! was indexed.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Term, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, TantivyDocument};

use super::documents::{heading_level, parse_ranges, LineRange};
use super::schema::{analyzer, Fields};

/// Longest snippet, in bytes (before the `…` marks).
const MAX_SNIPPET: usize = 240;
/// Bytes of context kept before the first match when a line is cut.
const LEAD: usize = 60;
/// Most lines joined into one snippet.
const MAX_LINES: usize = 3;
/// Most lines of a document looked at.
const MAX_SCAN: usize = 2000;

/// A snippet: the line it points at, its text and matched byte ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    pub line: usize,
    pub text: String,
    pub highlights: Vec<(usize, usize)>,
}

/// Cuts snippets for one search, reading each note once.
pub struct Snippets {
    root: PathBuf,
    terms: HashSet<String>,
    analyzer: TextAnalyzer,
    notes: HashMap<String, Option<String>>,
    follow_links: bool,
}

impl Snippets {
    /// `terms` are analysed query words.
    #[must_use]
    pub fn new(root: &Path, terms: HashSet<String>) -> Self {
        Snippets {
            root: root.to_path_buf(),
            terms,
            analyzer: analyzer(),
            notes: HashMap::new(),
            follow_links: false,
        }
    }

    /// Reads notes that are links leaving the vault, as the walk does
    /// with `follow_links = true`.
    #[must_use]
    pub fn following_links(mut self, follow: bool) -> Self {
        self.follow_links = follow;
        self
    }

    /// The snippet of a document of note `path` read from `ranges`;
    /// None when the note cannot be read.
    pub fn cut(&mut self, path: &str, ranges: &[LineRange]) -> Option<Cut> {
        let root = &self.root;
        let text = self
            .notes
            .entry(path.to_string())
            .or_insert_with(|| read_normalized(root, path, self.follow_links))
            .as_deref()?;
        Some(cut_lines(text, ranges, &self.terms, &mut self.analyzer))
    }
}

/// The note at `rel` (a path read back from the index), as text: opened
/// only as the walk would open it (no path leaving the vault, no FIFO,
/// no device) and only within the note size limit.
fn read_normalized(root: &Path, rel: &str, follow_links: bool) -> Option<String> {
    let (file, size) = crate::vault::walk::open_note(root, rel, follow_links).ok()?;
    if size > crate::vault::MAX_NOTE_BYTES {
        return None;
    }
    let bytes = crate::vault::walk::read_bounded(file, size, crate::vault::MAX_NOTE_BYTES).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Some(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// A line's matches: byte ranges in its display text and the terms.
struct Candidate<'a> {
    line: usize,
    text: &'a str,
    matches: Vec<(usize, usize, String)>,
}

impl Candidate<'_> {
    fn distinct(&self) -> HashSet<&str> {
        self.matches.iter().map(|m| m.2.as_str()).collect()
    }
}

fn cut_lines(
    text: &str,
    ranges: &[LineRange],
    terms: &HashSet<String>,
    analyzer: &mut TextAnalyzer,
) -> Cut {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut candidates = Vec::new();
    for &(from, to) in ranges {
        for number in from..=to.min(lines.len()) {
            if candidates.len() >= MAX_SCAN {
                break;
            }
            let raw = lines[number - 1];
            if matches!(raw.trim(), "" | "---" | "...") {
                continue;
            }
            let shown = display(raw);
            if shown.is_empty() {
                continue;
            }
            let mut matches = Vec::new();
            let mut stream = analyzer.token_stream(shown);
            while let Some(token) = stream.next() {
                if terms.contains(&token.text) {
                    matches.push((token.offset_from, token.offset_to, token.text.clone()));
                }
            }
            candidates.push(Candidate {
                line: number,
                text: shown,
                matches,
            });
        }
    }
    let Some(best) = candidates
        .iter()
        .enumerate()
        .max_by_key(|(i, c)| (c.distinct().len(), c.matches.len(), std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
    else {
        let first = ranges.first().map_or(1, |r| r.0);
        return Cut {
            line: first,
            text: String::new(),
            highlights: Vec::new(),
        };
    };
    // Add lines that hold query words the best line lacks.
    let mut chosen = vec![best];
    let mut seen: HashSet<&str> = candidates[best].distinct();
    for (i, candidate) in candidates.iter().enumerate() {
        if chosen.len() >= MAX_LINES {
            break;
        }
        let new = candidate.distinct();
        if i != best && new.iter().any(|t| !seen.contains(t)) {
            seen.extend(new);
            chosen.push(i);
        }
    }
    chosen.sort_unstable();
    let mut out = String::new();
    let mut highlights = Vec::new();
    for (n, &i) in chosen.iter().enumerate() {
        if n > 0 {
            out.push_str(" … ");
        }
        let base = out.len();
        out.push_str(candidates[i].text);
        highlights.extend(
            candidates[i]
                .matches
                .iter()
                .map(|m| (base + m.0, base + m.1)),
        );
    }
    let (text, highlights) = window(&out, &highlights);
    Cut {
        line: candidates[best].line,
        text,
        highlights,
    }
}

/// A line as shown: indentation, heading hashes, quote marks, list
/// markers and task boxes taken off the front.
fn display(line: &str) -> &str {
    let mut s = line.trim();
    if heading_level(s).is_some() {
        s = s.trim_start_matches('#').trim_start();
    }
    while let Some(rest) = s.strip_prefix('>') {
        s = rest.trim_start();
    }
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = s.strip_prefix(marker) {
            s = rest.trim_start();
            break;
        }
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && (s[digits..].starts_with(". ") || s[digits..].starts_with(") ")) {
        s = s[digits + 2..].trim_start();
    }
    for task in ["[ ] ", "[x] ", "[X] "] {
        if let Some(rest) = s.strip_prefix(task) {
            s = rest.trim_start();
            break;
        }
    }
    s
}

/// Cuts long text to about [`MAX_SNIPPET`] bytes around the first
/// highlight, on word boundaries, marking cuts with `…`.
fn window(text: &str, highlights: &[(usize, usize)]) -> (String, Vec<(usize, usize)>) {
    if text.len() <= MAX_SNIPPET {
        return (text.to_string(), highlights.to_vec());
    }
    let anchor = highlights.first().map_or(0, |h| h.0);
    let mut start = floor(text, anchor.saturating_sub(LEAD));
    if start > 0 {
        // Start at a word.
        if let Some(space) = text[start..anchor.max(start)].find(char::is_whitespace) {
            start += space + 1;
        }
    }
    let mut end = floor(text, (start + MAX_SNIPPET).min(text.len()));
    if end < text.len() {
        if let Some(space) = text[start..end].rfind(char::is_whitespace) {
            if start + space > anchor {
                end = start + space;
            }
        }
    }
    let prefix = if start > 0 { "…" } else { "" };
    let suffix = if end < text.len() { "…" } else { "" };
    let body = text[start..end].trim_end();
    let out = format!("{prefix}{body}{suffix}");
    let shift = prefix.len();
    let kept = highlights
        .iter()
        .filter(|h| h.0 >= start && h.1 <= start + body.len())
        .map(|h| (h.0 - start + shift, h.1 - start + shift))
        .collect();
    (out, kept)
}

fn floor(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A word as the notes write it whose analysed form is `term` (the
/// index holds stems: `marathon` for a suggestion reads better than
/// `marathon`'s stem `marathon`, but `cantones` does not).
#[must_use]
pub fn surface_word(
    searcher: &Searcher,
    fields: &Fields,
    term: &str,
    root: &Path,
) -> Option<String> {
    let mut analyzer = analyzer();
    for field in [fields.text, fields.interest, fields.name, fields.aliases] {
        let query = TermQuery::new(Term::from_field_text(field, term), IndexRecordOption::Basic);
        let Ok(top) = searcher.search(&query, &TopDocs::with_limit(3).order_by_score()) else {
            continue;
        };
        for (_, address) in top {
            let Ok(doc) = searcher.doc::<TantivyDocument>(address) else {
                continue;
            };
            let path = doc
                .get_first(fields.path)
                .and_then(|v| v.as_str().map(str::to_string));
            let ranges = doc
                .get_first(fields.lines)
                .and_then(|v| v.as_str().map(parse_ranges))
                .unwrap_or_default();
            let Some(text) = path.and_then(|p| read_normalized(root, &p, false)) else {
                continue;
            };
            let lines: Vec<&str> = text.split('\n').collect();
            // Ranges come from the index: as many as a real note has.
            for &(from, to) in ranges.iter().take(256) {
                for number in from.max(1)..=to.min(lines.len()) {
                    let line = lines[number - 1];
                    let mut stream = analyzer.token_stream(line);
                    while let Some(token) = stream.next() {
                        if token.text == term {
                            return Some(line[token.offset_from..token.offset_to].to_lowercase());
                        }
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(words: &[&str]) -> HashSet<String> {
        words.iter().map(|w| (*w).to_string()).collect()
    }

    #[test]
    fn best_line_with_highlights() {
        let text = "---\nname: Ada\npets: [Biscuit the beagle]\n---\n# Ada\n";
        let cut = cut_lines(text, &[(1, 4)], &terms(&["pet"]), &mut analyzer());
        assert_eq!(cut.line, 3);
        assert_eq!(cut.text, "pets: [Biscuit the beagle]");
        assert_eq!(cut.highlights, [(0, 4)]);
    }

    #[test]
    fn lines_with_other_words_are_joined() {
        let text = "- 2026-01-01 sailing in Kiel\n  with the kids\n  then lunch";
        let cut = cut_lines(text, &[(1, 3)], &terms(&["sail", "lunch"]), &mut analyzer());
        assert_eq!(cut.text, "2026-01-01 sailing in Kiel … then lunch");
        assert_eq!(cut.line, 1);
        let words: Vec<&str> = cut.highlights.iter().map(|h| &cut.text[h.0..h.1]).collect();
        assert_eq!(words, ["sailing", "lunch"]);
    }

    #[test]
    fn long_lines_are_cut_around_the_match() {
        let text = format!("{} marathon {}", "word ".repeat(100), "tail ".repeat(100));
        let cut = cut_lines(&text, &[(1, 1)], &terms(&["marathon"]), &mut analyzer());
        assert!(cut.text.starts_with('…') && cut.text.ends_with('…'));
        assert!(cut.text.len() <= MAX_SNIPPET + 6);
        let (a, b) = cut.highlights[0];
        assert_eq!(&cut.text[a..b], "marathon");
    }

    #[test]
    fn no_match_shows_the_first_line() {
        let cut = cut_lines(
            "\n# Title\nbody",
            &[(1, 3)],
            &terms(&["x"]),
            &mut analyzer(),
        );
        assert_eq!((cut.line, cut.text.as_str()), (2, "Title"));
    }

    #[test]
    fn markers_are_taken_off() {
        assert_eq!(display("  - [x] done"), "done");
        assert_eq!(display("### 2026-01-01 walk"), "2026-01-01 walk");
        assert_eq!(display("> quoted"), "quoted");
        assert_eq!(display("12. item"), "item");
    }
}
