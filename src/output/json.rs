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

/// Writes the array, pretty-printed, with a final newline.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &rows(report))?;
    writeln!(out)
}
