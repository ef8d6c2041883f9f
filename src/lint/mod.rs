//! The relationship linter. [`check`] runs every enabled rule of
//! [`registry::RULES`] over a parsed vault, drops what the notes'
//! suppressions silence, reports suppressions that silenced nothing
//! (`unused-suppression`), gives each finding its level from
//! [`settings::LintSettings`], and sorts the result into a [`Report`].
//! Each rule lives in its own file under [`rules`], docs beside code.

pub mod cache;
pub mod cadence;
pub mod diagnostic;
pub mod registry;
pub mod rules;
pub mod settings;
pub mod starter;
pub(crate) mod suppression;

pub use diagnostic::{Diagnostic, Level};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::model::Vault;
use rules::{unused_suppression, Context, Finding, CHECKS};
use settings::LintSettings;

/// What a lint run found, with the counts the summary line needs.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Sorted by path, then line, then column, then code.
    pub diagnostics: Vec<Diagnostic>,
    /// People linted (the owner excluded).
    pub people: usize,
    /// Notes read.
    pub notes: usize,
}

/// Runs every enabled rule, applies suppressions, adds
/// `unused-suppression` findings, and sorts by path, line, column, code.
#[must_use]
pub fn check(vault: &Vault, settings: &LintSettings, today: NaiveDate) -> Report {
    let mut diagnostics: Vec<Diagnostic> = check_by_person(vault, settings, today)
        .into_iter()
        .map(|(_, d)| d)
        .collect();
    sort(&mut diagnostics);
    Report {
        diagnostics,
        people: vault.others().count(),
        notes: vault.notes.len(),
    }
}

/// What [`check`] reports, unsorted, each finding with the index in
/// `vault.people` of the person it is about (None for a note's own
/// problem). The language server lints a part of a vault with this and
/// keeps each person's findings apart, so one edit re-lints only the
/// people it can affect.
#[must_use]
pub fn check_by_person(
    vault: &Vault,
    settings: &LintSettings,
    today: NaiveDate,
) -> Vec<(Option<usize>, Diagnostic)> {
    let ctx = Context {
        vault,
        options: &settings.options,
        today,
        no_follow_up_on: settings.is_enabled(&rules::no_follow_up::INFO),
    };
    // Rules are independent readers of the vault: run them in parallel,
    // then concatenate in table order so the result is deterministic.
    let found: Vec<_> = CHECKS
        .par_iter()
        .filter(|(rule, _)| settings.is_enabled(rule))
        .map(|(_, run)| {
            let mut found = Vec::new();
            run(&ctx, &mut found);
            found
        })
        .flatten_iter()
        .collect();
    let mut suppressions = suppression::collect(vault, today);
    let mut kept = suppression::apply(
        &mut suppressions,
        found.into_iter().map(|f| (None, f)).collect(),
    );
    if settings.is_enabled(&unused_suppression::INFO) {
        let unused = unused_suppression::findings(&suppressions, vault, settings);
        kept.extend(suppression::apply(&mut suppressions, unused));
    }
    kept.into_iter()
        .filter_map(|finding| {
            let person = finding.person;
            Some((person, diagnostic(finding, vault, settings)?))
        })
        .collect()
}

/// The order [`check`] reports in: path, line, column, code, message;
/// repeats dropped.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.span.line, a.span.column, a.code, &a.message).cmp(&(
            &b.path,
            b.span.line,
            b.span.column,
            b.code,
            &b.message,
        ))
    });
    diagnostics.dedup();
}

/// A finding as reported: its level, the person's name, and text in
/// house style (lowercase first, no trailing period).
fn diagnostic(finding: Finding, vault: &Vault, settings: &LintSettings) -> Option<Diagnostic> {
    let mut level = settings.level_of(finding.rule, finding.escalated)?;
    if finding.lowered && level == finding.rule.default_level && level > Level::Warning {
        level = Level::Warning;
    }
    Some(Diagnostic {
        code: finding.rule.code,
        rule: finding.rule.name,
        level,
        message: house_style(&finding.message),
        path: finding.path,
        // Lines are 1-based; a place the reader could not pin down is
        // shown at the top of the note rather than at a line 0.
        span: crate::model::Span {
            line: finding.span.line.max(1),
            ..finding.span
        },
        person: finding
            .person
            .and_then(|i| vault.people.get(i))
            .map(|p| p.name.clone()),
        help: finding
            .help
            .as_deref()
            .map(house_style)
            .filter(|h| !h.is_empty()),
    })
}

/// Lowercases the first letter unless the word is an acronym (`YAML`),
/// and drops a trailing period: messages can quote what notes say.
fn house_style(text: &str) -> String {
    let text = text.trim().trim_end_matches('.').trim_end();
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), second)
            if first.is_uppercase() && !second.is_some_and(char::is_uppercase) =>
        {
            first
                .to_lowercase()
                .chain(text[first.len_utf8()..].chars())
                .collect()
        }
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn house_style_lowercases_words_not_acronyms() {
        assert_eq!(house_style("Cannot read."), "cannot read");
        assert_eq!(house_style("YAML error..."), "YAML error");
        assert_eq!(house_style("é"), "é");
        assert_eq!(house_style(""), "");
    }
}
