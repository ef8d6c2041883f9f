//! Turning parsed notes into index documents (SPEC §6): a profile per
//! person note, one document per interaction, and one per section of
//! text that no other document already covers.
//!
//! Every document is keyed by the note it was read from, so a changed
//! note re-emits exactly the documents it is the source of: a journal
//! note owns the interactions its mentions create, whoever they name.
//! Each document also records the line ranges of its source text, from
//! which the snippet of a hit is cut at query time; the text itself is
//! not stored.

use std::collections::HashMap;

use tantivy::TantivyDocument;

use super::schema::{date_number, DocKind, Fields};
use crate::model::{Interaction, InteractionSource, Note, NoteKind, Person, Vault};
use crate::vault::names::slug_form;

/// Front-matter keys left out of a profile's text: they are indexed as
/// documents of their own (interactions) or are vaultnet's settings.
const SKIPPED_KEYS: [&str; 2] = ["interactions", "vaultnet"];

/// Longest block of lines an interaction's snippet is looked for in.
const MAX_BLOCK_LINES: usize = 200;

/// A 1-based, inclusive range of lines.
pub type LineRange = (usize, usize);

/// The lines of a note's text, as the parser numbers them.
pub struct NoteText<'a> {
    lines: Vec<&'a str>,
    /// Line of the closing front-matter marker, if the note has one.
    front_matter_end: Option<usize>,
}

impl<'a> NoteText<'a> {
    /// Splits text already normalised (no BOM, `\n` line ends).
    #[must_use]
    pub fn new(text: &'a str) -> Self {
        let lines: Vec<&str> = text.split('\n').collect();
        let front_matter_end = front_matter_end(&lines);
        NoteText {
            lines,
            front_matter_end,
        }
    }

    fn len(&self) -> usize {
        self.lines.len()
    }

    /// A 1-based line, empty past the end.
    fn line(&self, number: usize) -> &'a str {
        number
            .checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .copied()
            .unwrap_or("")
    }

    fn in_front_matter(&self, line: usize) -> bool {
        self.front_matter_end.is_some_and(|end| line <= end)
    }

    /// The block of lines an interaction starting at `line` spans: a
    /// heading up to the next heading of the same or a higher level, a
    /// list item with its nested and continuation lines, a paragraph up
    /// to a blank line, a front-matter entry with its indented lines.
    fn block(&self, line: usize) -> LineRange {
        let start = line.clamp(1, self.len().max(1));
        let first = self.line(start);
        let cap = (start + MAX_BLOCK_LINES).min(self.len());
        let mut end = start;
        if self.in_front_matter(start) {
            let indent = indent_of(first);
            for n in start + 1..=cap.min(self.front_matter_end.unwrap_or(0).saturating_sub(1)) {
                let text = self.line(n);
                if !text.trim().is_empty() && indent_of(text) <= indent {
                    break;
                }
                end = n;
            }
        } else if let Some(level) = heading_level(first) {
            for n in start + 1..=cap {
                if heading_level(self.line(n)).is_some_and(|l| l <= level) {
                    break;
                }
                end = n;
            }
        } else if is_list_item(first) {
            let indent = indent_of(first);
            let mut blank = false;
            for n in start + 1..=cap {
                let text = self.line(n);
                if text.trim().is_empty() {
                    blank = true;
                    continue;
                }
                let deeper = indent_of(text) > indent;
                if !deeper && (blank || is_list_item(text) || heading_level(text).is_some()) {
                    break;
                }
                blank = false;
                end = n;
            }
        } else {
            for n in start + 1..=cap {
                let text = self.line(n);
                if text.trim().is_empty() || heading_level(text).is_some() {
                    break;
                }
                end = n;
            }
        }
        (start, end)
    }

    /// The body of the note (after any front matter), whole.
    fn body(&self) -> LineRange {
        let start = self.front_matter_end.map_or(1, |end| end + 1);
        (start.min(self.len()).max(1), self.len().max(1))
    }
}

/// Documents for the notes of `vault` whose paths are in `texts` (a
/// vault read by `vault::load_files` holds only those notes, plus
/// people known from the manifest). Notes are returned in vault order.
#[must_use]
pub fn documents<S: std::hash::BuildHasher + Sync>(
    vault: &Vault,
    texts: &HashMap<String, String, S>,
    fields: &Fields,
) -> Vec<(String, Vec<TantivyDocument>)> {
    use rayon::prelude::*;
    let mut interactions: HashMap<&str, Vec<(&Person, &Interaction)>> = HashMap::new();
    for person in &vault.people {
        for interaction in &person.interactions {
            interactions
                .entry(interaction.path.as_str())
                .or_default()
                .push((person, interaction));
        }
    }
    vault
        .notes
        .par_iter()
        .map(|note| {
            let text = texts.get(&note.path).map_or("", String::as_str);
            let own = interactions
                .get(note.path.as_str())
                .map_or(&[][..], Vec::as_slice);
            let docs = note_documents(vault, note, &NoteText::new(text), own, fields);
            (note.path.clone(), docs)
        })
        .collect()
}

/// The documents one note is the source of.
fn note_documents(
    vault: &Vault,
    note: &Note,
    text: &NoteText<'_>,
    interactions: &[(&Person, &Interaction)],
    fields: &Fields,
) -> Vec<TantivyDocument> {
    if matches!(note.kind, NoteKind::Template) {
        return Vec::new();
    }
    let person = match note.kind {
        NoteKind::Person(i) => vault.people.get(i),
        _ => None,
    };
    let title = note.title.clone().unwrap_or_else(|| note.stem.clone());
    let mut docs = Vec::new();
    // Lines some document already holds; sections index only the rest,
    // so a hit is not shown twice.
    let mut covered: Vec<LineRange> = Vec::new();
    if let Some(person) = person {
        let ranges = profile_ranges(person, text);
        // A profile read from no line still shows the note's first.
        let shown = if ranges.is_empty() {
            vec![(1, 1)]
        } else {
            ranges.clone()
        };
        docs.push(profile_document(person, &note.path, &shown, fields));
        covered.extend(ranges);
    }
    for (who, interaction) in interactions {
        let range = if interaction.source == InteractionSource::Journal
            && text.in_front_matter(interaction.span.line)
        {
            // Front-matter participants: the whole note is the text.
            text.body()
        } else {
            text.block(interaction.span.line)
        };
        docs.push(interaction_document(who, interaction, range, fields));
        covered.push(range);
    }
    if person.is_none() {
        if let Some(end) = text.front_matter_end {
            let range = (1, end);
            let raw = lines_text(text, &[(2, end.saturating_sub(1))]);
            if !raw.trim().is_empty() {
                docs.push(note_document(
                    None,
                    &note.path,
                    &title,
                    &raw,
                    &[range],
                    fields,
                ));
                covered.push(range);
            }
        }
    }
    let mut sections: Vec<_> = note.sections.iter().collect();
    sections.sort_by_key(|s| s.line);
    for (i, section) in sections.iter().enumerate() {
        let end = sections
            .get(i + 1)
            .map_or(text.len(), |next| next.line.saturating_sub(1))
            .max(section.line);
        let overlapping = covered.iter().any(|r| r.0 <= end && r.1 >= section.line);
        if !overlapping {
            let mut body = section.heading.clone();
            if !body.is_empty() && !section.text.is_empty() {
                body.push('\n');
            }
            body.push_str(&section.text);
            // A heading alone in a person note (`# Name`) says nothing
            // the profile does not; elsewhere it is the note's title.
            if body.trim().is_empty() || (person.is_some() && section.text.trim().is_empty()) {
                continue;
            }
            let range = [(section.line, end)];
            docs.push(note_document(
                person, &note.path, &title, &body, &range, fields,
            ));
            continue;
        }
        // Part of the section is covered: index the lines left over,
        // unless only the heading is.
        let rest: Vec<LineRange> = uncovered(section.line, end, &covered)
            .into_iter()
            .filter(|r| {
                (r.0..=r.1).any(|n| {
                    let line = text.line(n).trim();
                    !line.is_empty() && (n != section.line || heading_level(line).is_none())
                })
            })
            .collect();
        if rest.is_empty() {
            continue;
        }
        let mut ranges = rest.clone();
        if !section.heading.is_empty() && !ranges.iter().any(|r| r.0 == section.line) {
            ranges.insert(0, (section.line, section.line));
        }
        let body = lines_text(text, &ranges);
        docs.push(note_document(
            person, &note.path, &title, &body, &ranges, fields,
        ));
    }
    docs
}

/// Lines of a profile: the front matter, the name line, interest items.
fn profile_ranges(person: &Person, text: &NoteText<'_>) -> Vec<LineRange> {
    let mut ranges = Vec::new();
    if let Some(end) = text.front_matter_end {
        ranges.push((1, end));
    }
    let mut single = |line: usize| {
        if !ranges
            .iter()
            .any(|r: &LineRange| r.0 <= line && line <= r.1)
        {
            ranges.push((line, line));
        }
    };
    // The name line, when the name is written there (front matter or a
    // heading): a name taken from the file stem points at line 1, which
    // may be prose the sections must index.
    let name_line = person.name_span.line.max(1);
    if text.in_front_matter(name_line) || heading_level(text.line(name_line)).is_some() {
        single(name_line);
    }
    for interest in &person.interests {
        single(interest.span.line.max(1));
    }
    ranges.sort_unstable();
    ranges
}

fn profile_document(
    person: &Person,
    path: &str,
    ranges: &[LineRange],
    fields: &Fields,
) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    common(&mut doc, fields, DocKind::Profile, path, Some(person));
    doc.add_text(fields.name, &person.name);
    for alias in &person.aliases {
        doc.add_text(fields.aliases, &alias.value);
    }
    for other in person.slug.iter().chain(std::iter::once(&person.stem)) {
        if !other.eq_ignore_ascii_case(&person.name) {
            doc.add_text(fields.aliases, other);
        }
    }
    for interest in &person.interests {
        doc.add_text(fields.interest, &interest.value);
    }
    for tag in &person.tags {
        doc.add_text(fields.tag, tag);
    }
    for (field, values) in [
        (fields.company, &person.company),
        (fields.role, &person.role),
        (fields.location, &person.location),
    ] {
        for value in values {
            doc.add_text(field, value);
        }
    }
    let mut text = String::new();
    for (key, value) in &person.extra {
        // An empty field says nothing: `pets:` left blank must not make
        // this person a hit for `pets`.
        if value.trim().is_empty() || SKIPPED_KEYS.iter().any(|k| key.eq_ignore_ascii_case(k)) {
            continue;
        }
        text.push_str(key);
        text.push_str(": ");
        text.push_str(value);
        text.push('\n');
    }
    for learned in &person.learned {
        text.push_str(learned);
        text.push('\n');
    }
    doc.add_text(fields.text, &text);
    doc.add_u64(fields.line, person.name_span.line.max(1) as u64);
    doc.add_text(fields.lines, format_ranges(ranges));
    doc
}

fn interaction_document(
    person: &Person,
    interaction: &Interaction,
    range: LineRange,
    fields: &Fields,
) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    common(
        &mut doc,
        fields,
        DocKind::Interaction,
        &interaction.path,
        Some(person),
    );
    doc.add_text(fields.text, &interaction.text);
    doc.add_u64(fields.date, date_number(interaction.date));
    doc.add_u64(fields.line, interaction.span.line.max(1) as u64);
    doc.add_text(fields.lines, format_ranges(&[range]));
    doc
}

fn note_document(
    person: Option<&Person>,
    path: &str,
    title: &str,
    body: &str,
    ranges: &[LineRange],
    fields: &Fields,
) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    common(&mut doc, fields, DocKind::Note, path, person);
    doc.add_text(fields.text, body);
    doc.add_text(fields.title, title);
    doc.add_u64(fields.line, ranges.first().map_or(1, |r| r.0) as u64);
    doc.add_text(fields.lines, format_ranges(ranges));
    doc
}

/// Fields every document has: path, kind and the person it is about.
fn common(
    doc: &mut TantivyDocument,
    fields: &Fields,
    kind: DocKind,
    path: &str,
    person: Option<&Person>,
) {
    doc.add_text(fields.path, path);
    doc.add_u64(fields.kind, kind.as_u64());
    let Some(person) = person else { return };
    doc.add_text(fields.person, &person.name);
    for alias in &person.aliases {
        doc.add_text(fields.person, &alias.value);
    }
    let mut keys: Vec<String> = person.names().map(slug_form).collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys.iter().filter(|k| !k.is_empty()) {
        doc.add_text(fields.person_key, key);
    }
}

/// `3-9,12-12`: how line ranges are stored.
#[must_use]
pub fn format_ranges(ranges: &[LineRange]) -> String {
    ranges
        .iter()
        .map(|(a, b)| format!("{a}-{b}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Reads what [`format_ranges`] wrote; bad parts are skipped.
#[must_use]
pub fn parse_ranges(text: &str) -> Vec<LineRange> {
    text.split(',')
        .filter_map(|part| {
            let (a, b) = part.split_once('-')?;
            let (a, b) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
            (a >= 1 && a <= b).then_some((a, b))
        })
        .collect()
}

/// The parts of `start..=end` outside every range of `covered`.
fn uncovered(start: usize, end: usize, covered: &[LineRange]) -> Vec<LineRange> {
    let mut out = Vec::new();
    let mut run: Option<usize> = None;
    for n in start..=end {
        let is_covered = covered.iter().any(|r| r.0 <= n && n <= r.1);
        match (is_covered, run) {
            (false, None) => run = Some(n),
            (true, Some(from)) => {
                out.push((from, n - 1));
                run = None;
            }
            _ => {}
        }
    }
    if let Some(from) = run {
        out.push((from, end));
    }
    out
}

fn lines_text(text: &NoteText<'_>, ranges: &[LineRange]) -> String {
    let mut out = String::new();
    for &(a, b) in ranges {
        for n in a..=b {
            out.push_str(text.line(n));
            out.push('\n');
        }
    }
    out
}

/// Line of the closing front-matter marker, when the note opens with
/// `---` (as the front-matter reader decides it).
fn front_matter_end(lines: &[&str]) -> Option<usize> {
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return None;
    }
    lines
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, l)| matches!(l.trim_end(), "---" | "..."))
        .map(|(i, _)| i + 1)
}

/// The level of an ATX heading line (`## Log` is 2).
#[must_use]
pub fn heading_level(line: &str) -> Option<usize> {
    let trimmed = line.trim_start();
    if indent_of(line) > 3 {
        return None;
    }
    let level = trimmed.chars().take_while(|c| *c == '#').count();
    let rest = &trimmed[level..];
    ((1..=6).contains(&level) && (rest.is_empty() || rest.starts_with([' ', '\t'])))
        .then_some(level)
}

fn is_list_item(line: &str) -> bool {
    let trimmed = line.trim_start();
    if trimmed.starts_with("- ") || trimmed.starts_with("* ") || trimmed.starts_with("+ ") {
        return true;
    }
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && (trimmed[digits..].starts_with(". ") || trimmed[digits..].starts_with(") "))
}

fn indent_of(line: &str) -> usize {
    line.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_of_headings_items_and_paragraphs() {
        let text = "---\nname: Ada\ninteractions:\n  - date: 2026-01-01\n    text: hi\nx: 1\n---\n\
                    # Ada\n## Log\n- 2026-01-02 lunch\n  more\n  - nested\n- 2026-01-03 call\n\n\
                    ### 2026-01-04 walk\ntext\n#### sub\nmore\n### 2026-01-05\npara\ncont\n\nnext";
        let t = NoteText::new(text);
        assert_eq!(t.front_matter_end, Some(7));
        assert_eq!(t.block(4), (4, 5));
        assert_eq!(t.block(10), (10, 12));
        assert_eq!(t.block(13), (13, 13));
        assert_eq!(t.block(15), (15, 18));
        assert_eq!(t.block(20), (20, 21));
        assert_eq!(t.body(), (8, 23));
    }

    #[test]
    fn ranges_round_trip_and_bad_parts_are_skipped() {
        assert_eq!(format_ranges(&[(1, 3), (5, 5)]), "1-3,5-5");
        assert_eq!(parse_ranges("1-3,5-5,x,9-2,0-1"), [(1, 3), (5, 5)]);
    }

    #[test]
    fn uncovered_lines() {
        assert_eq!(uncovered(1, 10, &[(3, 4), (8, 12)]), [(1, 2), (5, 7)]);
        assert_eq!(uncovered(1, 3, &[(1, 3)]), []);
    }

    #[test]
    fn headings() {
        assert_eq!(heading_level("## Log"), Some(2));
        assert_eq!(heading_level("#tag"), None);
        assert_eq!(heading_level("    # code"), None);
        assert_eq!(heading_level("#"), Some(1));
    }
}
