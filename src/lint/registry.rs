//! The one table of rules: code, name, default level, summary and docs.
//! Codes appear only here; everything else names rules through this
//! table, so `vaultnet rule`, SARIF `rules[]` and the docs cannot drift.

use super::diagnostic::Level;
use super::rules::{
    all_about_me, duplicate_person, early_ask, front_matter_syntax, future_date, invalid_date,
    invalid_value, no_follow_up, no_interactions, no_interests, one_sided_outreach,
    stale_relationship, taking_not_giving, unknown_field, unordered_log, unreadable_note,
    unused_suppression,
};
use super::rules::{conflicting_date, unknown_person};

/// What the registry knows about one rule.
#[derive(Debug)]
pub struct RuleInfo {
    /// `VN101`
    pub code: &'static str,
    /// `stale-relationship`
    pub name: &'static str,
    pub default_level: Level,
    /// One line, lowercase first, no period.
    pub summary: &'static str,
    /// Markdown with the sections `## What it does`, `## Why it matters`,
    /// `## Example`, `## Options`, kept beside the rule's code.
    pub docs: &'static str,
}

/// Every rule, in code order.
pub static RULES: &[&RuleInfo] = &[
    &front_matter_syntax::INFO,
    &invalid_value::INFO,
    &unknown_field::INFO,
    &invalid_date::INFO,
    &future_date::INFO,
    &duplicate_person::INFO,
    &unordered_log::INFO,
    &unused_suppression::INFO,
    &unreadable_note::INFO,
    &unknown_person::INFO,
    &conflicting_date::INFO,
    &stale_relationship::INFO,
    &no_follow_up::INFO,
    &one_sided_outreach::INFO,
    &taking_not_giving::INFO,
    &early_ask::INFO,
    &no_interests::INFO,
    &all_about_me::INFO,
    &no_interactions::INFO,
];

/// A rule by name or code, case-insensitively.
#[must_use]
pub fn find(name_or_code: &str) -> Option<&'static RuleInfo> {
    RULES.iter().copied().find(|r| {
        r.name.eq_ignore_ascii_case(name_or_code) || r.code.eq_ignore_ascii_case(name_or_code)
    })
}
