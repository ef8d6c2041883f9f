//! `unused-suppression` (VN008): a suppression that silenced nothing,
//! names no rule, or whose `until` has passed. Runs after the other
//! rules, over what `lint::suppression` recorded.

use super::{Finding, Place};
use crate::lint::diagnostic::Level;
use crate::lint::registry::{RuleInfo, RULES};
use crate::lint::settings::{did_you_mean, LintSettings};
use crate::lint::suppression::{Kind, Suppression};
use crate::model::Vault;

pub static INFO: RuleInfo = RuleInfo {
    code: "VN008",
    name: "unused-suppression",
    default_level: Level::Warning,
    summary: "a suppression silences nothing or has expired",
    docs: DOCS,
};

const DOCS: &str = r#"## What it does

Reports a suppression that no longer does anything, at the suppression:

- a front-matter `vaultnet: {ignore: […]}` or a
  `<!-- vaultnet-ignore RULE… -->` comment naming a rule that found
  nothing there (rules turned off in the config are not reported: the
  suppression may matter when they are on);
- a suppression naming a rule that does not exist;
- a `vaultnet-ignore` comment that is not on the line before an
  interaction (nor before anything with a finding);
- a front-matter suppression whose `until` date has passed (it then
  silences nothing).

A suppression without any rule silences every rule; it is reported
when it silenced nothing. A suppression that names `unused-suppression`
itself is never reported for that name.

## Why it matters

Suppressions are promises ("I know, she is on sabbatical"). Once the
reason is gone, a stale suppression hides the next real finding:
when Ada is back and you stop calling, nothing will tell you.

## Example

Fires (today 2026-11-25, the sabbatical ended):

```markdown
---
vaultnet:
  ignore: [stale-relationship]
  until: 2026-10-01
  reason: on sabbatical
---
```

Does not fire (still in force, and Ada is stale):

```markdown
---
last_contact: 2026-01-10
vaultnet:
  ignore: [stale-relationship]
  until: 2027-01-31
  reason: on sabbatical
---
```

## Options

None besides `level`.
"#;

/// The findings for every suppression that did nothing, each with the
/// index of its suppression (which may not silence its own report).
pub(crate) fn findings(
    suppressions: &[Suppression],
    vault: &Vault,
    settings: &LintSettings,
) -> Vec<(Option<usize>, Finding)> {
    let mut out = Vec::new();
    for (index, s) in suppressions.iter().enumerate() {
        let person = s.person.and_then(|i| vault.people.get(i));
        let name = person.map_or("this note", |p| p.name.as_str());
        let place = Place {
            path: s.path.clone(),
            span: s.span,
        };
        let mut push = |message: String, help: String| {
            let mut finding =
                Finding::new(&INFO, place.path.clone(), place.span, message).with_help(help);
            finding.person = s.person;
            out.push((Some(index), finding));
        };
        let listed = |entries: &[&str]| {
            entries
                .iter()
                .map(|e| format!("`{e}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let what = match s.kind {
            Kind::FrontMatter => "`vaultnet.ignore`",
            Kind::Comment | Kind::Stray => "`vaultnet-ignore` comment",
        };

        if s.expired {
            let rules: Vec<&str> = s.entries.iter().map(|e| e.written.as_str()).collect();
            let rules = if rules.is_empty() {
                "every rule".to_string()
            } else {
                listed(&rules)
            };
            let until = s.until.map(|d| d.to_string()).unwrap_or_default();
            let reason = s
                .reason
                .as_deref()
                .map(|r| format!(" ({})", super::quote_text(r, 60)))
                .unwrap_or_default();
            push(
                format!("suppression of {rules} for {name} expired on {until}{reason}"),
                "remove the `vaultnet` entry, or move `until` to a later date if the reason still holds".to_string(),
            );
            continue;
        }

        let unknown: Vec<&str> = s
            .entries
            .iter()
            .filter(|e| e.rule.is_none())
            .map(|e| e.written.as_str())
            .collect();
        for written in &unknown {
            let mut candidates: Vec<&str> = RULES.iter().map(|r| r.name).collect();
            candidates.extend(RULES.iter().map(|r| r.code));
            let help = match did_you_mean(written, &candidates) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "`vaultnet rule --all` lists every rule".to_string(),
            };
            push(format!("{what} names an unknown rule `{written}`"), help);
        }

        let unused: Vec<&str> = s
            .entries
            .iter()
            .filter(|e| {
                e.rule.is_some_and(|rule| {
                    !e.used && rule.code != INFO.code && settings.is_enabled(rule)
                })
            })
            .map(|e| e.written.as_str())
            .collect();
        let all_unused = !s.entries.is_empty() && unused.len() == s.entries.len();
        let nothing_silenced = (s.entries.is_empty() && !s.used_all) || all_unused;

        if s.kind == Kind::Stray && nothing_silenced {
            push(
                format!("{what} is not on the line before an interaction, so it silences nothing"),
                "move it to the line right before the dated heading or log item, or remove it"
                    .to_string(),
            );
            continue;
        }
        if s.entries.is_empty() {
            if !s.used_all {
                let message = match s.kind {
                    Kind::FrontMatter => {
                        format!("`vaultnet` suppression of every rule for {name} silences nothing")
                    }
                    Kind::Comment | Kind::Stray => {
                        format!(
                            "{what} silences nothing: there is no finding at the interaction below"
                        )
                    }
                };
                push(message, "remove it".to_string());
            }
            continue;
        }
        if unused.is_empty() {
            continue;
        }
        let (message, whole) = match s.kind {
            Kind::FrontMatter => (
                format!(
                    "{what} of {} silences nothing: no such finding in this note or about {name}",
                    listed(&unused)
                ),
                "remove the `vaultnet` entry",
            ),
            Kind::Comment | Kind::Stray => (
                format!(
                    "{what} of {} silences nothing: no such finding at the interaction below",
                    listed(&unused)
                ),
                "remove the comment",
            ),
        };
        let help = if all_unused && unknown.is_empty() {
            whole.to_string()
        } else {
            format!("remove {} from it", listed(&unused))
        };
        push(message, help);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::sample::{self, day, person};
    use crate::lint::settings::LintSettings;
    use crate::lint::suppression;
    use crate::model::{Span, Suppression as Written};

    fn written(rules: &[&str], until: Option<&str>) -> Written {
        Written {
            rules: rules.iter().map(|r| (*r).to_string()).collect(),
            until: until.map(day),
            reason: Some("on sabbatical".into()),
            span: Span::line(4),
        }
    }

    fn report(vault: &Vault, settings: &LintSettings) -> Vec<Finding> {
        let suppressions = suppression::collect(vault, sample::today());
        findings(&suppressions, vault, settings)
            .into_iter()
            .map(|(_, f)| f)
            .inspect(|f| {
                sample::assert_house_style(&f.message);
                sample::assert_house_style(f.help.as_deref().unwrap_or("x"));
            })
            .collect()
    }

    #[test]
    fn expired_unknown_and_unused() {
        let mut a = person("Ada");
        a.suppression = Some(written(&["stale-relationship"], Some("2026-11-24")));
        let mut b = person("Bob");
        b.suppression = Some(written(
            &["stale-relatinship", "VN101", "unused-suppression"],
            None,
        ));
        let vault = sample::vault(vec![a, b]);
        let f = report(&vault, &LintSettings::default());
        assert_eq!(f.len(), 3, "{f:#?}");
        assert_eq!(
            f[0].message,
            "suppression of `stale-relationship` for Ada expired on 2026-11-24 (on sabbatical)"
        );
        assert_eq!(f[0].span.line, 4);
        assert_eq!(
            f[1].message,
            "`vaultnet.ignore` names an unknown rule `stale-relatinship`"
        );
        assert_eq!(
            f[1].help.as_deref(),
            Some("did you mean `stale-relationship`?")
        );
        assert_eq!(
            f[2].message,
            "`vaultnet.ignore` of `VN101` silences nothing: no such finding in this note or about Bob"
        );
        assert_eq!(f[2].help.as_deref(), Some("remove `VN101` from it"));
    }

    #[test]
    fn not_expired_on_the_until_day_and_rules_turned_off_are_not_reported() {
        let mut a = person("Ada");
        a.suppression = Some(written(&["stale-relationship"], Some("2026-11-25")));
        let vault = sample::vault(vec![a]);
        let mut rules = toml::Table::new();
        rules.insert("ignore".into(), toml::Value::Array(vec!["VN1".into()]));
        let settings = LintSettings::new(&rules, None, None, None).unwrap();
        assert!(report(&vault, &settings).is_empty());
        assert_eq!(report(&vault, &LintSettings::default()).len(), 1);
    }

    #[test]
    fn stray_comments_are_reported() {
        let mut vault = sample::vault(vec![person("Ada")]);
        vault.notes[0]
            .stray_ignores
            .push((Span::line(7), vec!["early-ask".into()]));
        let f = report(&vault, &LintSettings::default());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span.line, 7);
        assert!(f[0]
            .message
            .contains("is not on the line before an interaction"));
    }
}
