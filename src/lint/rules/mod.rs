//! The rules, one file each, named for the smell they find. Each file
//! holds the rule's [`RuleInfo`] (code, name, level and the docs that
//! `vaultnet rule` and SARIF print), its options, its check function and
//! its unit tests. This module holds what every rule shares: the
//! `Finding` a check produces (the engine turns it into a
//! [`crate::lint::Diagnostic`] once suppressions and levels are known),
//! the `Context` a check reads, and the table of options per rule.

pub mod all_about_me;
pub mod conflicting_date;
pub mod duplicate_person;
pub mod early_ask;
pub mod front_matter_syntax;
pub mod future_date;
pub mod invalid_date;
pub mod invalid_value;
pub mod no_follow_up;
pub mod no_interactions;
pub mod no_interests;
pub mod one_sided_outreach;
pub mod stale_relationship;
pub mod taking_not_giving;
pub mod unknown_field;
pub mod unknown_person;
pub mod unordered_log;
pub mod unreadable_note;
pub mod unused_suppression;

#[cfg(test)]
pub(crate) mod sample;

use chrono::NaiveDate;
use serde::Deserialize;

use super::registry::RuleInfo;
use super::settings::parse_options;
use crate::model::{Interaction, NoteKind, Person, ProblemKind, Span, Vault};

/// A check function: reads the vault through the context and pushes
/// what it finds.
pub(crate) type Check = fn(&Context<'_>, &mut Vec<Finding>);

/// Every rule that runs over the vault, with its check. `unused-suppression`
/// is not here: it runs after suppressions are applied.
pub(crate) static CHECKS: &[(&RuleInfo, Check)] = &[
    (&front_matter_syntax::INFO, front_matter_syntax::check),
    (&invalid_value::INFO, invalid_value::check),
    (&unknown_field::INFO, unknown_field::check),
    (&invalid_date::INFO, invalid_date::check),
    (&future_date::INFO, future_date::check),
    (&duplicate_person::INFO, duplicate_person::check),
    (&unordered_log::INFO, unordered_log::check),
    (&unreadable_note::INFO, unreadable_note::check),
    (&unknown_person::INFO, unknown_person::check),
    (&conflicting_date::INFO, conflicting_date::check),
    (&stale_relationship::INFO, stale_relationship::check),
    (&no_follow_up::INFO, no_follow_up::check),
    (&one_sided_outreach::INFO, one_sided_outreach::check),
    (&taking_not_giving::INFO, taking_not_giving::check),
    (&early_ask::INFO, early_ask::check),
    (&no_interests::INFO, no_interests::check),
    (&all_about_me::INFO, all_about_me::check),
    (&no_interactions::INFO, no_interactions::check),
];

/// One thing a rule found, before suppressions and levels apply.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub rule: &'static RuleInfo,
    /// Past the point where the rule's default level rises to `error`
    /// (`stale-relationship` past twice the cadence).
    pub escalated: bool,
    pub message: String,
    pub help: Option<String>,
    pub path: String,
    pub span: Span,
    /// Index of the person the finding is about in `Vault::people`.
    pub person: Option<usize>,
    /// Reported as a warning when the rule's default level is higher (a
    /// `status` near miss of `invalid-value`).
    pub lowered: bool,
}

impl Finding {
    pub fn new(
        rule: &'static RuleInfo,
        path: impl Into<String>,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            rule,
            escalated: false,
            message: message.into(),
            help: None,
            path: path.into(),
            span,
            person: None,
            lowered: false,
        }
    }

    /// A finding about a person, at the given place.
    pub fn about(
        rule: &'static RuleInfo,
        person: usize,
        place: Place,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            person: Some(person),
            ..Finding::new(rule, place.path, place.span, message)
        }
    }

    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    #[must_use]
    pub fn escalated(mut self, escalated: bool) -> Self {
        self.escalated = escalated;
        self
    }
}

/// Where a finding points: a note and a place in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Place {
    pub path: String,
    pub span: Span,
}

impl Place {
    /// The interaction itself (its note may be a journal note).
    pub fn interaction(interaction: &Interaction) -> Self {
        Place {
            path: interaction.path.clone(),
            span: interaction.span,
        }
    }

    /// A place in the person's own note.
    pub fn in_note(person: &Person, span: Span) -> Self {
        Place {
            path: person.path.clone(),
            span,
        }
    }

    /// The person's front matter (line 1).
    pub fn front_matter(person: &Person) -> Self {
        Place::in_note(person, person.front_matter_span)
    }

    /// What to look at for a contact on `date`: the latest interaction
    /// on that day, else the `last_contact` field, else `met`, else the
    /// front matter.
    pub fn contact(person: &Person, date: NaiveDate) -> Self {
        if let Some(found) = person
            .interactions_by_date()
            .into_iter()
            .rev()
            .find(|i| i.date == date)
        {
            return Place::interaction(found);
        }
        let field = [&person.last_contact, &person.met]
            .into_iter()
            .flatten()
            .find(|f| f.value == date);
        match field {
            Some(fact) => Place::in_note(person, fact.span),
            None => Place::front_matter(person),
        }
    }
}

/// What a check reads.
pub(crate) struct Context<'a> {
    pub vault: &'a Vault,
    pub options: &'a RuleOptions,
    pub today: NaiveDate,
    /// Whether `no-follow-up` runs: a person it reports is its own, and
    /// `stale-relationship` stays silent about them (one problem is
    /// reported once); with it off, staleness is reported as usual.
    pub no_follow_up_on: bool,
}

impl Context<'_> {
    /// People the relationship rules (`VN1xx`) apply to today, with their
    /// index: active, not snoozed, not the owner.
    pub fn linted(&self) -> impl Iterator<Item = (usize, &Person)> {
        let today = self.today;
        self.vault
            .people
            .iter()
            .enumerate()
            .filter(move |(_, p)| p.is_linted(today))
    }

    /// Every person but the owner, with their index, for the hygiene
    /// rules that read people (their status does not matter there).
    pub fn others(&self) -> impl Iterator<Item = (usize, &Person)> {
        self.vault
            .people
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.is_owner)
    }

    /// Interactions that count as contact (not after today), by date.
    pub fn past_interactions<'p>(&self, person: &'p Person) -> Vec<&'p Interaction> {
        let mut list = person.interactions_by_date();
        list.retain(|i| i.date <= self.today);
        list
    }

    /// Turns the note problems of one kind into findings of `rule`.
    pub fn problems(&self, kind: ProblemKind, rule: &'static RuleInfo, out: &mut Vec<Finding>) {
        for note in &self.vault.notes {
            let person = match note.kind {
                NoteKind::Person(index) => Some(index),
                _ => None,
            };
            for problem in note.problems.iter().filter(|p| p.kind == kind) {
                let mut finding = Finding::new(
                    rule,
                    note.path.clone(),
                    problem.span,
                    problem.message.clone(),
                );
                finding.help.clone_from(&problem.help);
                finding.person = person;
                finding.lowered = problem.warning;
                out.push(finding);
            }
        }
    }
}

/// Options of a rule that takes none but `level`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoOptions {}

/// Every rule's options, defaults from SPEC §3.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleOptions {
    pub no_follow_up: no_follow_up::Options,
    pub one_sided_outreach: one_sided_outreach::Options,
    pub taking_not_giving: taking_not_giving::Options,
    pub early_ask: early_ask::Options,
    pub no_interests: no_interests::Options,
    pub all_about_me: all_about_me::Options,
}

impl RuleOptions {
    /// Reads the options of `rule` from its `[rules.<name>]` table, the
    /// `level` key already taken out. `key` is the table's dotted name
    /// for messages (`rules.no-follow-up`). Err is a message naming the
    /// key at fault.
    pub(crate) fn configure(
        &mut self,
        rule: &RuleInfo,
        key: &str,
        table: &toml::Table,
    ) -> Result<(), String> {
        let is = |info: &RuleInfo| std::ptr::eq(rule, info);
        if is(&no_follow_up::INFO) {
            self.no_follow_up = parse_options(key, table)?;
        } else if is(&one_sided_outreach::INFO) {
            self.one_sided_outreach = parse_options(key, table)?;
        } else if is(&taking_not_giving::INFO) {
            self.taking_not_giving = parse_options(key, table)?;
        } else if is(&early_ask::INFO) {
            self.early_ask = parse_options(key, table)?;
        } else if is(&no_interests::INFO) {
            self.no_interests = parse_options(key, table)?;
        } else if is(&all_about_me::INFO) {
            self.all_about_me = parse_options(key, table)?;
        } else {
            parse_options::<NoOptions>(key, table)?;
        }
        Ok(())
    }

    /// The option names `rule` takes (besides `level`).
    #[must_use]
    pub fn names(rule: &RuleInfo) -> &'static [&'static str] {
        use super::settings::field_names;
        let is = |info: &RuleInfo| std::ptr::eq(rule, info);
        if is(&no_follow_up::INFO) {
            field_names::<no_follow_up::Options>()
        } else if is(&one_sided_outreach::INFO) {
            field_names::<one_sided_outreach::Options>()
        } else if is(&taking_not_giving::INFO) {
            field_names::<taking_not_giving::Options>()
        } else if is(&early_ask::INFO) {
            field_names::<early_ask::Options>()
        } else if is(&no_interests::INFO) {
            field_names::<no_interests::Options>()
        } else if is(&all_about_me::INFO) {
            field_names::<all_about_me::Options>()
        } else {
            &[]
        }
    }
}

/// `1 day`, `5 days`.
pub(crate) fn days(n: i64) -> String {
    if n == 1 || n == -1 {
        format!("{n} day")
    } else {
        format!("{n} days")
    }
}

/// `1 thing`, `3 things` for any noun with a plain `s` plural.
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// User text made fit to quote in a message: one line, no trailing
/// period, at most `max` chars, cut at a word boundary with `…`.
pub(crate) fn quote_text(text: &str, max: usize) -> String {
    crate::lint::starter::quote(text, max)
}
