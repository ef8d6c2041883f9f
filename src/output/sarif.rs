//! `check --format sarif`: a SARIF 2.1.0 log for GitHub code scanning
//! and other SARIF viewers. `tool.driver.rules` describes every rule with
//! its documentation (the same text `vaultnet rule` prints), and each
//! result points at the note, line and column at fault.
//!
//! Artifact URIs are relative references, percent-encoded, joined to
//! [`RenderContext::path_prefix`] so they resolve from the repository
//! root as code scanning expects. Columns count Unicode code points, as
//! the run's `columnKind` says.

use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;

use super::RenderContext;
use crate::lint::registry::RuleInfo;
use crate::lint::{Diagnostic, Level, Report};

/// The schema URI written into `$schema`.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Writes the SARIF log, pretty-printed, with a final newline.
pub fn render(report: &Report, ctx: &RenderContext<'_>, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(report, ctx))?;
    writeln!(out)
}

/// The SARIF log as a JSON value.
#[must_use]
pub fn to_value(report: &Report, ctx: &RenderContext<'_>) -> serde_json::Value {
    serde_json::to_value(log(report, ctx)).unwrap_or_default()
}

/// Writes one SARIF log with a run per vault, each `(report, context)`
/// (the context gives the vault's path prefix).
pub fn render_runs(vaults: &[(&Report, RenderContext<'_>)], out: &mut dyn Write) -> io::Result<()> {
    let mut runs = Vec::with_capacity(vaults.len());
    for (report, ctx) in vaults {
        runs.extend(log(report, ctx).runs);
    }
    let log = Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs,
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn log<'a>(report: &'a Report, ctx: &RenderContext<'a>) -> Log<'a> {
    let mut rules: Vec<SarifRule<'a>> = ctx.rules.iter().map(|r| SarifRule::from_info(r)).collect();
    // A finding from a rule the table does not list still needs a
    // descriptor for its `ruleIndex`.
    for d in &report.diagnostics {
        if !rules.iter().any(|r| r.id == d.code) {
            rules.push(SarifRule::bare(d));
        }
    }
    let results = report
        .diagnostics
        .iter()
        .map(|d| SarifResult {
            rule_id: d.code,
            rule_index: rules.iter().position(|r| r.id == d.code).unwrap_or(0),
            level: level(d.level),
            message: Text {
                text: message_text(d),
            },
            locations: vec![Location {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation {
                        uri: uri_reference(&ctx.display_path(d)),
                    },
                    // SARIF lines and columns start at 1.
                    region: Region {
                        start_line: d.span.line.max(1),
                        start_column: d.span.column.map(|c| c.max(1)),
                        end_line: d.span.end_line.map(|l| l.max(d.span.line.max(1))),
                        end_column: d.span.end_column.map(|c| c.max(1)),
                    },
                },
            }],
        })
        .collect();
    let information_uri = [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
        .into_iter()
        .find(|u| !u.is_empty());
    Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "vaultnet",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri,
                    rules,
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    }
}

/// SARIF's name for a level.
fn level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "note",
    }
}

/// The result message: the finding, and what to do about it.
fn message_text(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    }
}

/// A relative path as a URI reference: unreserved characters and `/`
/// stay, every other byte is percent-encoded (spaces, `#`, `%`, `:`,
/// non-ASCII).
#[must_use]
pub fn uri_reference(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// The first paragraph under `## What it does`, else the summary.
fn full_description(rule: &RuleInfo) -> String {
    let mut lines = rule.docs.lines().skip_while(|l| {
        !l.trim_start_matches('#')
            .trim()
            .eq_ignore_ascii_case("what it does")
    });
    if lines.next().is_none() {
        return rule.summary.to_string();
    }
    let paragraph: Vec<&str> = lines
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::trim)
        .collect();
    if paragraph.is_empty() {
        rule.summary.to_string()
    } else {
        paragraph.join(" ")
    }
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<SarifRule<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRule<'a> {
    id: &'a str,
    name: &'a str,
    short_description: Text,
    full_description: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<Help<'a>>,
    default_configuration: Configuration,
}

impl<'a> SarifRule<'a> {
    fn from_info(rule: &'a RuleInfo) -> Self {
        SarifRule {
            id: rule.code,
            name: rule.name,
            short_description: Text {
                text: rule.summary.to_string(),
            },
            full_description: Text {
                text: full_description(rule),
            },
            help: Some(Help {
                text: rule.docs,
                markdown: rule.docs,
            }),
            default_configuration: Configuration {
                level: level(rule.default_level),
            },
        }
    }

    fn bare(d: &'a Diagnostic) -> Self {
        SarifRule {
            id: d.code,
            name: d.rule,
            short_description: Text {
                text: d.rule.to_string(),
            },
            full_description: Text {
                text: d.rule.to_string(),
            },
            help: None,
            default_configuration: Configuration {
                level: level(d.level),
            },
        }
    }
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help<'a> {
    text: &'a str,
    markdown: &'a str,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            uri_reference("vault/People/Zoë O'Brien #2.md"),
            "vault/People/Zo%C3%AB%20O%27Brien%20%232.md"
        );
    }

    #[test]
    fn full_description_is_the_first_paragraph() {
        let rule = RuleInfo {
            code: "VN999",
            name: "x",
            default_level: Level::Info,
            summary: "sum",
            docs: "## What it does\n\nFinds a\nthing.\n\n## Why it matters\n\nBecause.",
        };
        assert_eq!(full_description(&rule), "Finds a thing.");
        let bare = RuleInfo { docs: "", ..rule };
        assert_eq!(full_description(&bare), "sum");
    }
}
