//! `check --format github`: GitHub Actions workflow commands, so each
//! finding becomes an annotation on the pull request's diff —
//! `::warning file=…,line=…,col=…,title=VN101 stale-relationship::message` —
//! then a plain summary line for the log (GitHub shows only the first
//! few annotations of a step).
//!
//! Paths must be relative to the repository root, so the caller sets
//! [`RenderContext::path_prefix`] to the vault's folder inside it. Values
//! are escaped as the workflow-command parser expects: `%`, CR and LF in
//! the message, and also `:` and `,` in properties.

use std::io::{self, Write};

use super::{summary, RenderContext};
use crate::lint::{Diagnostic, Level, Report};

/// Writes one workflow command per finding, then the summary unless quiet.
pub fn render(report: &Report, ctx: &RenderContext<'_>, out: &mut dyn Write) -> io::Result<()> {
    for d in &report.diagnostics {
        writeln!(out, "{}", command(d, ctx))?;
    }
    if !ctx.quiet {
        writeln!(out, "{}", summary(report))?;
    }
    Ok(())
}

/// The workflow command for one finding.
#[must_use]
pub fn command(d: &Diagnostic, ctx: &RenderContext<'_>) -> String {
    let kind = match d.level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "notice",
    };
    let mut properties = vec![
        ("file", ctx.display_path(d)),
        ("line", d.span.line.to_string()),
    ];
    if let Some(column) = d.span.column {
        properties.push(("col", column.to_string()));
    }
    if let Some(end_line) = d.span.end_line {
        properties.push(("endLine", end_line.to_string()));
        // GitHub honours endColumn only on a one-line range.
        if let (Some(end_column), true) = (d.span.end_column, end_line == d.span.line) {
            properties.push(("endColumn", end_column.to_string()));
        }
    }
    properties.push(("title", format!("{} {}", d.code, d.rule)));
    let properties: Vec<String> = properties
        .iter()
        .map(|(key, value)| format!("{key}={}", escape_property(value)))
        .collect();
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    format!(
        "::{kind} {}::{}",
        properties.join(","),
        escape_data(&message)
    )
}

/// Escapes a message (`%`, CR, LF), as `@actions/core` does.
#[must_use]
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: the message escapes plus `:` and `,`.
#[must_use]
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_actions_core() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a,b: 100%\n"), "a%2Cb%3A 100%25%0A");
    }
}
