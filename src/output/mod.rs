//! Rendering results for people and machines. One renderer per format;
//! renderers write to a `Write` and may emit ANSI styles, which the
//! binary's stream strips when colour is off (`--color`, `NO_COLOR`, not
//! a terminal).

pub mod agenda;
pub mod changes;
pub mod concise;
pub mod files;
pub mod find;
pub mod full;
pub mod github;
pub mod json;
pub mod junit;
pub mod people;
pub mod sarif;
pub mod settings;

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use crate::lint::registry::{RuleInfo, RULES};
use crate::lint::{Diagnostic, Level, Report};

/// Styles shared by the text renderers.
pub mod style {
    use super::{AnsiColor, Style};

    pub const BOLD: Style = Style::new().bold();
    pub const DIM: Style = Style::new().dimmed();
    pub const ERROR: Style = Style::new()
        .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)))
        .bold();
    pub const WARNING: Style = Style::new()
        .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)))
        .bold();
    pub const INFO: Style = Style::new()
        .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan)))
        .bold();
    pub const GOOD: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)));
    pub const PATH: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Blue)));
    pub const MATCH: Style = Style::new()
        .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)))
        .bold();
}

/// Text padded with spaces to `width` characters (by char count, so
/// names in any script line up as well as a terminal allows).
#[must_use]
pub fn pad(text: &str, width: usize) -> String {
    let len = text.chars().count();
    let mut out = text.to_string();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(len)));
    out
}

/// `n thing` or `n things`.
#[must_use]
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

// ---------------------------------------------------------------------------
// Shared by the `check` renderers (full, concise, json, sarif, github, junit).

/// Lines of notes, keyed by vault-relative path, for renderers that show
/// the line at fault. Text is normalised the way the parser reads it
/// (byte-order mark removed, CRLF and CR turned into LF) so line numbers
/// agree with the findings. Only the lines a report points at are kept
/// ([`Sources::insert_lines`]): the notes of a report of 10k people are
/// as large as the vault.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources {
    notes: HashMap<String, BTreeMap<usize, String>>,
}

impl Sources {
    #[must_use]
    pub fn new() -> Self {
        Sources::default()
    }

    /// Adds every line of a note's raw text under its vault-relative
    /// path.
    pub fn insert(&mut self, path: impl Into<String>, text: &str) {
        let text = crate::vault::normalize(text.to_string());
        let lines = text
            .split('\n')
            .enumerate()
            .map(|(i, line)| (i + 1, line.to_string()))
            .collect();
        self.notes.insert(path.into(), lines);
    }

    /// Adds the 1-based `lines` of a note's raw text (sorted, without
    /// repeats) under its vault-relative path.
    pub fn insert_lines(&mut self, path: impl Into<String>, text: &str, lines: &[usize]) {
        let text = crate::vault::normalize(text.to_string());
        let mut kept = BTreeMap::new();
        let mut wanted = lines.iter().copied().peekable();
        for (i, line) in text.split('\n').enumerate() {
            let Some(&next) = wanted.peek() else { break };
            if next == i + 1 {
                kept.insert(next, line.to_string());
                wanted.next();
            }
        }
        self.notes.insert(path.into(), kept);
    }

    /// A 1-based line of a note, without its line end.
    #[must_use]
    pub fn line(&self, path: &str, line: usize) -> Option<&str> {
        self.notes.get(path)?.get(&line).map(String::as_str)
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.notes.is_empty()
    }

    /// Takes in the notes of `other` (one vault's) with `prefix` (its
    /// path prefix) before each path, as a report of several vaults
    /// names them.
    pub fn absorb(&mut self, prefix: &str, other: Sources) {
        for (path, note) in other.notes {
            self.notes.insert(format!("{prefix}{path}"), note);
        }
    }

    /// Every line held, by path then line: the stored form.
    #[must_use]
    pub fn rows(&self) -> Vec<(&str, u64, &str)> {
        let mut rows: Vec<(&str, u64, &str)> = self
            .notes
            .iter()
            .flat_map(|(path, lines)| {
                lines
                    .iter()
                    .map(move |(line, text)| (path.as_str(), *line as u64, text.as_str()))
            })
            .collect();
        rows.sort_unstable();
        rows
    }

    /// The lines of [`Sources::rows`] back; None when a path is not one
    /// `holds` accepts.
    pub fn from_rows<'a>(
        rows: impl IntoIterator<Item = (&'a str, u64, &'a str)>,
        holds: impl Fn(&str) -> bool,
    ) -> Option<Sources> {
        let mut sources = Sources::new();
        for (path, line, text) in rows {
            if !holds(path) {
                return None;
            }
            let line = usize::try_from(line).ok()?;
            sources
                .notes
                .entry(path.to_string())
                .or_default()
                .insert(line, text.to_string());
        }
        Some(sources)
    }
}

/// What every `check` renderer is told besides the report.
#[derive(Debug, Clone, Copy)]
pub struct RenderContext<'a> {
    /// Note text for the snippets of `full`; a missing note renders
    /// without its snippet.
    pub sources: &'a Sources,
    /// Joined before each vault-relative path in the human and CI formats
    /// (all but `json`), so paths resolve from where the command ran or
    /// from the repository root: `vault-example/` or empty. Ends in `/`
    /// when not empty.
    pub path_prefix: &'a str,
    /// The rules SARIF describes in `tool.driver.rules`.
    pub rules: &'a [&'a RuleInfo],
    /// Leave out the summary line.
    pub quiet: bool,
    /// Draw with colour; false when the output would strip it anyway.
    pub colored: bool,
}

impl<'a> RenderContext<'a> {
    /// A context with no sources, no prefix, the registry's rules and a
    /// summary line.
    #[must_use]
    pub fn new(sources: &'a Sources) -> Self {
        RenderContext {
            sources,
            path_prefix: "",
            rules: RULES,
            quiet: false,
            colored: true,
        }
    }

    /// A finding's path as the human and CI formats show it.
    #[must_use]
    pub fn display_path(&self, diagnostic: &Diagnostic) -> String {
        format!("{}{}", self.path_prefix, diagnostic.path)
    }
}

/// `3 errors, 5 warnings, 2 infos in 24 people`, or
/// `no problems found in 24 people`; counts of zero are left out.
#[must_use]
pub fn summary(report: &Report) -> String {
    let people = plural(report.people, "person", "people");
    let counts = level_counts(&report.diagnostics);
    let parts: Vec<String> = [
        (counts[2], "error", "errors"),
        (counts[1], "warning", "warnings"),
        (counts[0], "info", "infos"),
    ]
    .iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| plural(*n, one, many))
    .collect();
    if parts.is_empty() {
        format!("no problems found in {people}")
    } else {
        format!("{} in {people}", parts.join(", "))
    }
}

/// The summary line with each count in its level's colour.
pub fn write_summary(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let counts = level_counts(&report.diagnostics);
    let people = plural(report.people, "person", "people");
    let mut parts = Vec::new();
    for (n, one, many, st) in [
        (counts[2], "error", "errors", style::ERROR),
        (counts[1], "warning", "warnings", style::WARNING),
        (counts[0], "info", "infos", style::INFO),
    ] {
        if n > 0 {
            parts.push(format!(
                "{}{}{}",
                st.render(),
                plural(n, one, many),
                st.render_reset()
            ));
        }
    }
    if parts.is_empty() {
        writeln!(
            out,
            "{}no problems found{} in {people}",
            style::GOOD.render(),
            style::GOOD.render_reset()
        )
    } else {
        writeln!(out, "{} in {people}", parts.join(", "))
    }
}

/// Findings per level: `[info, warning, error]`.
fn level_counts(diagnostics: &[Diagnostic]) -> [usize; 3] {
    let mut counts = [0; 3];
    for d in diagnostics {
        counts[match d.level {
            Level::Info => 0,
            Level::Warning => 1,
            Level::Error => 2,
        }] += 1;
    }
    counts
}

/// `--statistics`: findings per rule, most first, then by code, as
/// `  5  VN101  stale-relationship` with the columns aligned.
pub fn write_statistics(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let mut per_rule: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for d in &report.diagnostics {
        *per_rule.entry((d.code, d.rule)).or_default() += 1;
    }
    let mut rows: Vec<((&str, &str), usize)> = per_rule.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let count_width = rows
        .iter()
        .map(|r| r.1.to_string().len())
        .max()
        .unwrap_or(1);
    let code_width = rows.iter().map(|r| r.0 .0.len()).max().unwrap_or(0);
    for ((code, rule), n) in rows {
        writeln!(
            out,
            "  {n:>count_width$}  {}{}{}  {rule}",
            style::BOLD.render(),
            pad(code, code_width),
            style::BOLD.render_reset()
        )?;
    }
    Ok(())
}

/// Text on one line, for formats that are read line by line: line ends
/// become spaces and other control characters (which could drive a
/// terminal) become U+FFFD.
#[must_use]
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect()
}
