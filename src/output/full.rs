//! `check --format full` (the default): rustc-style findings drawn with
//! annotate-snippets —
//!
//! ```text
//! warning[VN101/stale-relationship]: no contact with Ada Lovelace for 120 days
//!  --> People/Ada Lovelace.md:3:1
//!   |
//! 3 | cadence: 30d
//!   | ^^^^^^^^^^^^
//!   |
//!   = help: get in touch, or set a longer `cadence`
//! ```
//!
//! — then the summary line. The snippet needs the note's text
//! ([`Sources`](super::Sources)); without it the finding is drawn with
//! the arrow alone. Columns are character columns, 1-based, the end
//! exclusive; with no column the whole line, trimmed, is underlined.
//!
//! A finding about a whole entry (a log line, a dated heading, a field)
//! underlines the entry's leading date or key rather than the whole
//! entry, and a long line is cut around that place to the terminal width
//! (`COLUMNS`, else the terminal's width, else rustc's default of 140
//! for pipes and files), so a 180-character log line in a 60-column
//! terminal stays one row with a short underline.

use std::io::{self, Write};
use std::ops::Range;

use rayon::prelude::*;

use annotate_snippets::{
    normalize_untrusted_str, AnnotationKind, Group, Level as SnippetLevel, Origin, Renderer,
    Snippet,
};

use super::{style, write_summary, RenderContext};
use crate::lint::{Diagnostic, Level, Report};

/// The width long source lines are cut to when no terminal says (rustc's
/// and annotate-snippets' default).
pub const DEFAULT_WIDTH: usize = 140;

/// The width to draw for: `COLUMNS` when it is a number (as rustc, ls and
/// ruff's pager honour it), else the width of the terminal on stdout,
/// else [`DEFAULT_WIDTH`].
#[must_use]
pub fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
        .or_else(|| {
            terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| usize::from(w.0))
        })
        .unwrap_or(DEFAULT_WIDTH)
}

/// Findings drawn at once before they are written: enough to keep every
/// core busy, few enough that memory stays that of a slice of the report.
const RENDER_CHUNK: usize = 1024;

/// Writes every finding with a blank line after it, then the summary
/// unless quiet, with long lines cut to [`DEFAULT_WIDTH`].
pub fn render(report: &Report, ctx: &RenderContext<'_>, out: &mut dyn Write) -> io::Result<()> {
    render_width(report, ctx, DEFAULT_WIDTH, out)
}

/// [`render`] with long source lines cut around the underline to `width`
/// columns.
pub fn render_width(
    report: &Report,
    ctx: &RenderContext<'_>,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    // Without colour the styles would only be drawn to be stripped again.
    let renderer = if ctx.colored {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let renderer = renderer
        .term_width(width.max(20))
        .error(style::ERROR)
        .warning(style::WARNING)
        .info(style::INFO);
    // Drawn in parallel, a slice at a time, and written in order: a
    // report of 10k people was most of a `check` that printed it.
    for chunk in report.diagnostics.chunks(RENDER_CHUNK) {
        let drawn: Vec<String> = chunk
            .par_iter()
            .map(|d| {
                let path = ctx.display_path(d);
                let source = ctx.sources.line(&d.path, d.span.line);
                renderer.render(&[group(d, &path, source)])
            })
            .collect();
        for text in drawn {
            writeln!(out, "{text}\n")?;
        }
    }
    if !ctx.quiet {
        write_summary(out, report)?;
    }
    Ok(())
}

fn group<'a>(d: &'a Diagnostic, path: &'a str, source: Option<&'a str>) -> Group<'a> {
    let level = match d.level {
        Level::Error => SnippetLevel::ERROR,
        Level::Warning => SnippetLevel::WARNING,
        Level::Info => SnippetLevel::INFO,
    };
    let title = level
        .primary_title(d.message.as_str())
        .id(format!("{}/{}", d.code, d.rule));
    let mut group = if let Some(text) = source {
        title.element(
            Snippet::source(text)
                .line_start(d.span.line)
                .path(path)
                .annotation(AnnotationKind::Primary.span(underline(d, text))),
        )
    } else {
        let mut origin = Origin::path(path).line(d.span.line);
        if let Some(column) = d.span.column {
            origin = origin.char_column(column);
        }
        title.element(origin)
    };
    if let Some(help) = &d.help {
        group = group.element(SnippetLevel::HELP.message(normalize_untrusted_str(help)));
    }
    group
}

/// The byte range of `line` to underline.
fn underline(d: &Diagnostic, line: &str) -> Range<usize> {
    let content_start = line.len() - line.trim_start().len();
    let content_end = line.trim_end().len().max(content_start);
    let Some(column) = d.span.column else {
        return entry_head(line, content_start, content_end);
    };
    let start = byte_at(line, column);
    let end = match (d.span.end_line, d.span.end_column) {
        // A range ending later in the note: underline to the end of this line.
        (Some(end_line), _) if end_line > d.span.line => content_end,
        (_, Some(end_column)) => byte_at(line, end_column),
        _ => content_end,
    };
    if end >= content_end && end > start {
        // The rest of the line: the entry. Its date or key says which.
        return entry_head(line, start, end);
    }
    if end > start {
        return start..end;
    }
    // An empty or backwards range: a caret under one character.
    let next = line[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    start..next
}

/// The leading date or key of the entry in `line[start..end]` (list
/// marker, task box, heading hashes, `**` and `[[` skipped), else the
/// whole range.
fn entry_head(line: &str, start: usize, end: usize) -> Range<usize> {
    let text = &line[start..end];
    let mut at = 0;
    loop {
        let rest = &text[at..];
        let skip = ["- [x] ", "- [X] ", "- [ ] ", "- ", "* ", "+ ", "**", "[["]
            .iter()
            .find(|m| rest.starts_with(**m))
            .map(|m| m.len())
            .or_else(|| {
                let hashes = rest.bytes().take_while(|&b| b == b'#').count();
                (hashes > 0 && rest[hashes..].starts_with(' ')).then_some(hashes + 1)
            });
        match skip {
            Some(n) => at += n,
            None => break,
        }
    }
    let rest = &text[at..];
    let bytes = rest.as_bytes();
    let is_date = bytes.len() >= 10
        && bytes[..10].iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-' || *b == b'/',
            _ => b.is_ascii_digit(),
        });
    if is_date {
        return start + at..start + at + 10;
    }
    // A key: `cadence: 30d`, `by:: me`, `**Role:** …` (a word, then `:`).
    let key = rest.find(':').filter(|&colon| {
        colon > 0
            && rest[..colon]
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ' '))
            && !rest[..colon].ends_with(' ')
    });
    match key {
        Some(colon) if at + colon < text.len() => start + at..start + at + colon,
        _ => start..end,
    }
}

/// The byte offset of a 1-based character column, clamped to the line.
fn byte_at(line: &str, column: usize) -> usize {
    line.char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    #[test]
    fn whole_entries_underline_their_date_or_key() {
        let item = "- 2026-09-18: Chidi's ninth birthday party; met Daniel's parents [by:: them]";
        let whole = Span::on_line(1, 3, item.chars().count() + 1);
        assert_eq!(&item[underline(&diagnostic(whole), item)], "2026-09-18");
        let heading = "### 2026-02-10 Founders' meetup at Factory";
        let whole = Span::on_line(1, 5, heading.chars().count() + 1);
        assert_eq!(
            &heading[underline(&diagnostic(whole), heading)],
            "2026-02-10"
        );
        for (line, head) in [
            ("- [x] **2026-03-01** call", "2026-03-01"),
            ("- [[2026-03-01]] call", "2026-03-01"),
            ("cadence: soon", "cadence"),
            ("- **Role:** Head of Design", "Role"),
        ] {
            assert_eq!(
                &line[underline(&diagnostic(Span::line(1)), line)],
                head,
                "{line}"
            );
        }
        // A narrow underline is kept as the reader made it.
        let field = "by:: maybe";
        assert_eq!(
            underline(&diagnostic(Span::on_line(1, 6, 11)), field),
            5..10
        );
    }

    #[test]
    fn long_lines_are_cut_to_the_width_around_the_underline() {
        let text = format!(
            "- 2026-03-01: {}",
            "a long story about the weekend ".repeat(6)
        );
        let mut sources = super::super::Sources::new();
        sources.insert("a.md", &text);
        let report = Report {
            diagnostics: vec![Diagnostic {
                span: Span::on_line(1, 3, text.chars().count() + 1),
                ..diagnostic(Span::line(1))
            }],
            people: 1,
            notes: 1,
        };
        let ctx = RenderContext::new(&sources);
        let mut out = Vec::new();
        render_width(&report, &ctx, 60, &mut out).unwrap();
        let plain = String::from_utf8(anstream::adapter::strip_bytes(&out).into_vec()).unwrap();
        for row in plain.lines() {
            assert!(row.chars().count() <= 60, "{row:?} is wider than 60");
        }
        assert!(plain.contains("^^^^^^^^^^\n"), "{plain}");
        assert!(!plain.contains("^^^^^^^^^^^"), "{plain}");
    }

    fn diagnostic(span: Span) -> Diagnostic {
        Diagnostic {
            code: "VN101",
            rule: "stale-relationship",
            level: Level::Warning,
            message: "m".into(),
            path: "a.md".into(),
            span,
            person: None,
            help: None,
        }
    }

    #[test]
    fn underlines_by_character_column() {
        let line = "  héllo: wörld  ";
        // A whole line that is a field: its key.
        assert_eq!(underline(&diagnostic(Span::line(1)), line), 2..8);
        assert_eq!(underline(&diagnostic(Span::on_line(1, 3, 8)), line), 2..8);
        let open_ended = Span {
            column: Some(10),
            ..Span::line(1)
        };
        assert_eq!(underline(&diagnostic(open_ended), line), 10..16);
        let prose = "  just some words here  ";
        assert_eq!(underline(&diagnostic(Span::line(1)), prose), 2..22);
        // Past the end of the line: an empty range at the end.
        assert_eq!(
            underline(&diagnostic(Span::on_line(1, 40, 41)), line),
            line.len()..line.len()
        );
    }
}
