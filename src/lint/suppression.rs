//! Suppressions written in notes (SPEC §4), gathered once per run and
//! applied to the findings, remembering which of them silenced
//! something so `unused-suppression` can report the rest.
//!
//! - Front matter `vaultnet: {ignore, until, reason}` silences the listed
//!   rules for findings in that note or about that person, until the day
//!   `until` names (inclusive); after that it silences nothing.
//! - `<!-- vaultnet-ignore RULE… -->` on the line before an interaction
//!   silences those rules for findings located at that interaction.
//! - A `vaultnet-ignore` comment before no interaction silences findings
//!   on the line right after it (a heading whose date is not a real
//!   date, say); usually it silences nothing and is reported.
//!
//! Rules are named by name or code. A suppression that lists no rule
//! silences every rule (like a bare `# noqa`).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::registry::{self, RuleInfo};
use super::rules::Finding;
use crate::model::{NoteKind, Span, Vault};

/// Where a suppression is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `vaultnet:` in a person's front matter.
    FrontMatter,
    /// A `vaultnet-ignore` comment before an interaction.
    Comment,
    /// A `vaultnet-ignore` comment before no interaction.
    Stray,
}

/// What a suppression covers.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Scope {
    /// A note, and findings about its person (anywhere).
    Person { path: String, person: usize },
    /// Findings at one line of one note.
    Line { path: String, line: usize },
}

/// One rule as a suppression names it.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// As written (`stale-relationship`, `VN101`).
    pub written: String,
    /// The rule it names; None when it names no rule.
    pub rule: Option<&'static RuleInfo>,
    /// Whether it silenced a finding.
    pub used: bool,
}

/// One suppression and what it did in this run.
#[derive(Debug, Clone)]
pub(crate) struct Suppression {
    pub kind: Kind,
    /// Where it is written.
    pub path: String,
    pub span: Span,
    /// The person whose note holds it.
    pub person: Option<usize>,
    /// Empty: every rule.
    pub entries: Vec<Entry>,
    /// For a suppression of every rule: whether it silenced a finding.
    pub used_all: bool,
    pub until: Option<NaiveDate>,
    pub reason: Option<String>,
    /// `until` has passed: it silences nothing.
    pub expired: bool,
    scope: Scope,
}

impl Suppression {
    fn new(
        kind: Kind,
        path: &str,
        span: Span,
        person: Option<usize>,
        rules: &[String],
        scope: Scope,
    ) -> Self {
        Suppression {
            kind,
            path: path.to_string(),
            span,
            person,
            entries: rules
                .iter()
                .map(|written| Entry {
                    written: written.clone(),
                    rule: registry::find(written.trim()),
                    used: false,
                })
                .collect(),
            used_all: false,
            until: None,
            reason: None,
            expired: false,
            scope,
        }
    }

    /// Whether the finding lies where this suppression applies.
    fn covers(&self, finding: &Finding) -> bool {
        match &self.scope {
            Scope::Person { path, person } => {
                finding.path == *path || finding.person == Some(*person)
            }
            Scope::Line { path, line } => finding.path == *path && finding.span.line == *line,
        }
    }

    /// Silences the finding if it can, remembering that it did.
    fn silence(&mut self, finding: &Finding) -> bool {
        if self.expired || !self.covers(finding) {
            return false;
        }
        if self.entries.is_empty() {
            self.used_all = true;
            return true;
        }
        let mut silenced = false;
        for entry in &mut self.entries {
            if entry.rule.is_some_and(|r| r.code == finding.rule.code) {
                entry.used = true;
                silenced = true;
            }
        }
        silenced
    }
}

/// Every suppression written in the vault, in note order.
pub(crate) fn collect(vault: &Vault, today: NaiveDate) -> Vec<Suppression> {
    let mut out = Vec::new();
    for note in &vault.notes {
        let person = match note.kind {
            NoteKind::Person(index) => Some(index),
            _ => None,
        };
        if let Some(p) = person.and_then(|i| vault.people.get(i).map(|p| (i, p))) {
            let (index, who) = p;
            if let Some(fm) = &who.suppression {
                let scope = Scope::Person {
                    path: who.path.clone(),
                    person: index,
                };
                let mut s = Suppression::new(
                    Kind::FrontMatter,
                    &who.path,
                    fm.span,
                    person,
                    &fm.rules,
                    scope,
                );
                s.until = fm.until;
                s.reason.clone_from(&fm.reason);
                s.expired = fm.until.is_some_and(|until| until < today);
                out.push(s);
            }
            for interaction in &who.interactions {
                let Some(comment) = &interaction.ignore else {
                    continue;
                };
                let scope = Scope::Line {
                    path: interaction.path.clone(),
                    line: interaction.span.line,
                };
                out.push(Suppression::new(
                    Kind::Comment,
                    &interaction.path,
                    comment.span,
                    person,
                    &comment.rules,
                    scope,
                ));
            }
        }
        for (span, rules) in &note.stray_ignores {
            let scope = Scope::Line {
                path: note.path.clone(),
                line: span.end_line.unwrap_or(span.line).max(span.line) + 1,
            };
            out.push(Suppression::new(
                Kind::Stray,
                &note.path,
                *span,
                person,
                rules,
                scope,
            ));
        }
    }
    out
}

/// Drops the findings some suppression silences; every suppression that
/// matches a finding is marked used. A finding may come with the index
/// of a suppression that may not silence it (its own
/// `unused-suppression` report).
pub(crate) fn apply(
    suppressions: &mut [Suppression],
    findings: Vec<(Option<usize>, Finding)>,
) -> Vec<Finding> {
    // Suppressions by the note they cover and by the person they are
    // about, so a large vault does not compare every pair.
    let mut by_path: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_person: HashMap<usize, Vec<usize>> = HashMap::new();
    for (index, suppression) in suppressions.iter().enumerate() {
        match &suppression.scope {
            Scope::Person { path, person } => {
                by_path.entry(path.clone()).or_default().push(index);
                by_person.entry(*person).or_default().push(index);
            }
            Scope::Line { path, .. } => by_path.entry(path.clone()).or_default().push(index),
        }
    }
    let none = Vec::new();
    findings
        .into_iter()
        .filter_map(|(skip, finding)| {
            let mut candidates: Vec<usize> = by_path
                .get(&finding.path)
                .unwrap_or(&none)
                .iter()
                .chain(
                    finding
                        .person
                        .and_then(|p| by_person.get(&p))
                        .unwrap_or(&none),
                )
                .copied()
                .filter(|index| Some(*index) != skip)
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            let mut silenced = false;
            for index in candidates {
                if suppressions[index].silence(&finding) {
                    silenced = true;
                }
            }
            (!silenced).then_some(finding)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::sample::{self, ago, day, log, person};
    use crate::lint::rules::{future_date, stale_relationship};
    use crate::model::Suppression as Written;

    fn finding(
        rule: &'static RuleInfo,
        path: &str,
        line: usize,
        person: Option<usize>,
    ) -> (Option<usize>, Finding) {
        let mut f = Finding::new(rule, path, Span::line(line), "x");
        f.person = person;
        (None, f)
    }

    #[test]
    fn front_matter_covers_the_note_and_the_person_until_it_expires() {
        let mut p = person("Ada");
        p.suppression = Some(Written {
            rules: vec!["VN101".into()],
            until: Some(day("2026-11-25")),
            reason: None,
            span: Span::line(4),
        });
        let vault = sample::vault(vec![p, person("Bob")]);
        let mut s = collect(&vault, sample::today());
        assert_eq!(s.len(), 1);
        assert!(!s[0].expired, "until today is still in force");
        let kept = apply(
            &mut s,
            vec![
                finding(&stale_relationship::INFO, "People/Ada.md", 1, Some(0)),
                finding(&stale_relationship::INFO, "Daily/x.md", 3, Some(0)),
                finding(&stale_relationship::INFO, "People/Bob.md", 1, Some(1)),
                finding(&future_date::INFO, "People/Ada.md", 9, Some(0)),
            ],
        );
        assert_eq!(kept.len(), 2);
        assert!(s[0].entries[0].used);
        let s = collect(&vault, day("2026-11-26"));
        assert!(s[0].expired);
    }

    #[test]
    fn comments_cover_their_interaction_and_stray_ones_the_next_line() {
        let mut p = person("Ada");
        let i = log(&mut p, ago(1), "x");
        i.ignore = Some(Box::new(crate::model::IgnoreComment {
            rules: vec![],
            span: Span::line(9),
        }));
        let mut vault = sample::vault(vec![p]);
        vault.notes[0]
            .stray_ignores
            .push((Span::line(20), vec!["nonsense".into()]));
        let mut s = collect(&vault, sample::today());
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].kind, Kind::Comment);
        assert!(s[1].entries[0].rule.is_none());
        let kept = apply(
            &mut s,
            vec![
                finding(&future_date::INFO, "People/Ada.md", 10, Some(0)),
                finding(&future_date::INFO, "People/Ada.md", 11, Some(0)),
                finding(&future_date::INFO, "People/Ada.md", 21, Some(0)),
            ],
        );
        assert_eq!(kept.len(), 2, "an empty list silences every rule");
        assert!(s[0].used_all);
        assert!(!s[1].entries[0].used);
    }
}
