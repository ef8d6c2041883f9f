//! `check --format concise`: one finding per line, as compilers and
//! editors' problem matchers read them —
//! `path:line:col: level[code/name] message` (`:col` left out when the
//! column is unknown) — then the summary line.

use std::io::{self, Write};

use super::{one_line, style, write_summary, RenderContext};
use crate::lint::{Diagnostic, Level, Report};

/// Writes every finding on its own line, then the summary unless quiet.
pub fn render(report: &Report, ctx: &RenderContext<'_>, out: &mut dyn Write) -> io::Result<()> {
    for d in &report.diagnostics {
        write_line(out, d, ctx)?;
    }
    if !ctx.quiet {
        write_summary(out, report)?;
    }
    Ok(())
}

fn write_line(out: &mut dyn Write, d: &Diagnostic, ctx: &RenderContext<'_>) -> io::Result<()> {
    let level_style = level_style(d.level);
    let column = d.span.column.map(|c| format!(":{c}")).unwrap_or_default();
    writeln!(
        out,
        "{}{}:{}{column}{}: {}{}[{}/{}]{} {}",
        style::BOLD.render(),
        ctx.display_path(d),
        d.span.line,
        style::BOLD.render_reset(),
        level_style.render(),
        d.level.as_str(),
        d.code,
        d.rule,
        level_style.render_reset(),
        one_line(&d.message)
    )
}

/// The colour of a level's name in the text formats.
pub(crate) fn level_style(level: Level) -> anstyle::Style {
    match level {
        Level::Error => style::ERROR,
        Level::Warning => style::WARNING,
        Level::Info => style::INFO,
    }
}
