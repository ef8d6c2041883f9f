//! `check --format json`: the SPEC §5.1 array, one JSON document and
//! nothing else, so scripts can pipe it straight into `jq`.

use std::io::{self, Write};

use serde::Serialize;

use crate::lint::{Diagnostic, Level, Report};

/// One finding as `check --format json` prints it (SPEC §5.1). Paths are
/// vault-relative with `/` separators; unknown values are `null`.
#[derive(Debug, Serialize)]
pub struct DiagnosticRow<'a> {
    pub code: &'a str,
    pub rule: &'a str,
    pub level: Level,
    pub message: &'a str,
    pub path: &'a str,
    pub line: usize,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    pub person: Option<&'a str>,
    pub help: Option<&'a str>,
    /// The vault root as given (SPEC §5.1): relative to the current
    /// directory where it lies below it, `"."` for the current directory.
    pub vault: &'a str,
}

impl<'a> From<&'a Diagnostic> for DiagnosticRow<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        DiagnosticRow {
            code: d.code,
            rule: d.rule,
            level: d.level,
            message: &d.message,
            path: &d.path,
            line: d.span.line,
            column: d.span.column,
            end_line: d.span.end_line,
            end_column: d.span.end_column,
            person: d.person.as_deref(),
            help: d.help.as_deref(),
            vault: ".",
        }
    }
}

/// Rows sorted by path then line (stable, so the report's own order
/// breaks ties).
#[must_use]
pub fn rows(report: &Report) -> Vec<DiagnosticRow<'_>> {
    let mut rows: Vec<DiagnosticRow<'_>> = report.diagnostics.iter().map(Into::into).collect();
    rows.sort_by(|a, b| a.path.cmp(b.path).then(a.line.cmp(&b.line)));
    rows
}

/// Rows of several vaults, each `(vault, report)`, sorted by vault,
/// path then line (SPEC §5.1).
#[must_use]
pub fn vault_rows<'a>(vaults: &[(&'a str, &'a Report)]) -> Vec<DiagnosticRow<'a>> {
    let mut rows: Vec<DiagnosticRow<'a>> = vaults
        .iter()
        .flat_map(|(vault, report)| {
            report.diagnostics.iter().map(|d| DiagnosticRow {
                vault,
                ..DiagnosticRow::from(d)
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        a.vault
            .cmp(b.vault)
            .then(a.path.cmp(b.path))
            .then(a.line.cmp(&b.line))
    });
    rows
}

/// Writes the array of one vault, the current directory, pretty-printed,
/// with a final newline.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    render_vaults(&[(".", report)], out)
}

/// Writes one array for several vaults, each `(vault, report)`.
pub fn render_vaults(vaults: &[(&str, &Report)], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &vault_rows(vaults))?;
    writeln!(out)
}
