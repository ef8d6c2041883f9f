//! `no-follow-up` (VN102): you met someone once and never followed up.
//! Exactly one distinct contact date, older than `follow_up`.

use std::collections::BTreeSet;

use serde::Deserialize;

use super::{days, quote_text, Context, Finding, Place};
use crate::lint::diagnostic::Level;
use crate::lint::registry::RuleInfo;
use crate::lint::settings::Days;

pub static INFO: RuleInfo = RuleInfo {
    code: "VN102",
    name: "no-follow-up",
    default_level: Level::Warning,
    summary: "you met someone once and never followed up",
    docs: DOCS,
};

const DOCS: &str = r#"## What it does

Reports a person with exactly one distinct contact date (an interaction,
`last_contact` or `met`, not after today) when that date is more than
`follow_up` days ago. The finding points at that one contact. Paused,
archived, deceased and snoozed people are skipped.

## Why it matters

A first meeting is the start of a relationship, not a relationship. The
days after it are when a short note ("good to meet you, here is the
article I mentioned") turns a contact into someone who remembers you.
Once the one contact is also older than the cadence,
`stale-relationship` reports it as well.

## Example

Fires (today 2026-11-25, met 55 days ago, nothing since):

```markdown
---
met: 2026-10-01
met_at: PyCon
---
```

Does not fire (a second contact followed):

```markdown
---
met: 2026-10-01
---
## Log
- 2026-10-05: sent the article I mentioned
```

## Options

- `follow_up` (default `"14d"`): how long after the only contact the rule
  fires; a duration (`"21d"`, `"3w"`) or a number of days.
"#;

/// Options of `no-follow-up`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    pub follow_up: Days,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            follow_up: Days(14),
        }
    }
}

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let follow_up = ctx.options.no_follow_up.follow_up;
    for (index, person) in ctx.linted() {
        let dates: BTreeSet<_> = person.contact_dates(ctx.today).collect();
        let mut dates = dates.into_iter();
        let (Some(only), None) = (dates.next(), dates.next()) else {
            continue;
        };
        let age = (ctx.today - only).num_days();
        if age <= follow_up.get() {
            continue;
        }
        let how = person
            .met_at
            .as_deref()
            .map(|at| quote_text(at, 60))
            .filter(|at| !at.is_empty());
        let message = match &how {
            Some(at) => format!(
                "the only contact with {} was on {only} ({at}), {} ago, with no follow-up since",
                person.name,
                days(age)
            ),
            None => format!(
                "the only contact with {} was on {only}, {} ago, with no follow-up since",
                person.name,
                days(age)
            ),
        };
        let interest = person
            .interests
            .iter()
            .map(|i| quote_text(&i.value, 40))
            .find(|i| !i.is_empty());
        let help = match (interest, how) {
            (Some(interest), _) => format!(
                "send a short follow-up, for example about {interest}, and log it; the rule waits {} after a first contact",
                days(follow_up.get())
            ),
            (None, Some(at)) => format!(
                "send a short follow-up that recalls {at}, and log it; the rule waits {} after a first contact",
                days(follow_up.get())
            ),
            (None, None) => format!(
                "send a short follow-up and log it; the rule waits {} after a first contact",
                days(follow_up.get())
            ),
        };
        out.push(
            Finding::about(&INFO, index, Place::contact(person, only), message).with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::sample::{self, ago, fact, log, person};
    use crate::lint::rules::RuleOptions;
    use crate::model::Person;

    fn found(p: Person) -> Vec<Finding> {
        sample::run(check, vec![p])
    }

    #[test]
    fn fires_the_day_after_follow_up() {
        let mut p = person("Ann Once");
        p.met = Some(fact(ago(15), 4));
        p.met_at = Some("PyCon".into());
        let f = found(p);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span.line, 4);
        assert_eq!(
            f[0].message,
            format!("the only contact with Ann Once was on {} (PyCon), 15 days ago, with no follow-up since", ago(15))
        );
        assert!(f[0].help.as_deref().unwrap().contains("recalls PyCon"));
    }

    #[test]
    fn does_not_fire_on_the_follow_up_day() {
        let mut p = person("Ann Once");
        p.met = Some(fact(ago(14), 4));
        assert!(found(p).is_empty());
    }

    #[test]
    fn the_same_day_twice_is_one_date() {
        let mut p = person("Ann Once");
        p.met = Some(fact(ago(40), 4));
        log(&mut p, ago(40), "first coffee");
        let f = found(p);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span.line, 10, "points at the interaction");
    }

    #[test]
    fn two_dates_or_none_do_not_fire() {
        let mut p = person("Two");
        p.met = Some(fact(ago(40), 4));
        log(&mut p, ago(30), "second");
        assert!(found(p).is_empty());
        assert!(found(person("None")).is_empty());
    }

    #[test]
    fn a_future_interaction_is_not_a_follow_up() {
        let mut p = person("Planned");
        p.met = Some(fact(ago(40), 4));
        log(&mut p, ago(-3), "planned");
        assert_eq!(found(p).len(), 1);
    }

    #[test]
    fn follow_up_is_configurable() {
        let mut p = person("Ann");
        p.met = Some(fact(ago(20), 4));
        let mut options = RuleOptions::default();
        options.no_follow_up.follow_up = Days(21);
        assert!(sample::run_with(check, vec![p.clone()], &options).is_empty());
        options.no_follow_up.follow_up = Days(19);
        assert_eq!(sample::run_with(check, vec![p], &options).len(), 1);
    }
}
