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

use std::io::{self, Write};
use std::ops::Range;

use annotate_snippets::{
    normalize_untrusted_str, AnnotationKind, Group, Level as SnippetLevel, Origin, Renderer,
    Snippet,
};

use super::{style, write_summary, RenderContext};
use crate::lint::{Diagnostic, Level, Report};

/// Writes every finding with a blank line after it, then the summary
/// unless quiet.
pub fn render(report: &Report, ctx: &RenderContext<'_>, out: &mut dyn Write) -> io::Result<()> {
    let renderer = Renderer::styled()
        .error(style::ERROR)
        .warning(style::WARNING)
        .info(style::INFO);
    for d in &report.diagnostics {
        let path = ctx.display_path(d);
        let source = ctx.sources.line(&d.path, d.span.line);
        let group = group(d, &path, source);
        writeln!(out, "{}\n", renderer.render(&[group]))?;
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
        return content_start..content_end;
    };
    let start = byte_at(line, column);
    let end = match (d.span.end_line, d.span.end_column) {
        // A range ending later in the note: underline to the end of this line.
        (Some(end_line), _) if end_line > d.span.line => content_end,
        (_, Some(end_column)) => byte_at(line, end_column),
        _ => content_end,
    };
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
        assert_eq!(underline(&diagnostic(Span::line(1)), line), 2..16);
        assert_eq!(underline(&diagnostic(Span::on_line(1, 3, 8)), line), 2..8);
        let open_ended = Span {
            column: Some(10),
            ..Span::line(1)
        };
        assert_eq!(underline(&diagnostic(open_ended), line), 10..16);
        // Past the end of the line: an empty range at the end.
        assert_eq!(
            underline(&diagnostic(Span::on_line(1, 40, 41)), line),
            line.len()..line.len()
        );
    }
}
