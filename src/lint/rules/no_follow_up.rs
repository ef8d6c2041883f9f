//! `no-follow-up` (VN102): you met someone once and never followed up.
//! Exactly one distinct logged contact date (an interaction or `met`),
//! older than `follow_up`, for someone with a cadence in force.

use chrono::NaiveDate;
use serde::Deserialize;

use super::{days, quote_text, Context, Finding, Place};
use crate::lint::diagnostic::Level;
use crate::lint::registry::RuleInfo;
use crate::lint::settings::Days;
use crate::lint::starter::starter;
use crate::model::Person;

pub static INFO: RuleInfo = RuleInfo {
    code: "VN102",
    name: "no-follow-up",
    default_level: Level::Warning,
    summary: "you met someone once and never followed up",
    docs: DOCS,
};

const DOCS: &str = r#"## What it does

Reports a person with exactly one distinct logged contact date (an
interaction or `met`, not after today) when that date is more than
`follow_up` days ago. The finding points at that one contact; when the
contact is also older than the person's cadence, the message says so,
and `stale-relationship` stays silent about them: it is one problem,
reported once.

A hand-kept `last_contact` says when you were last in touch, not how
often: a person whose only date is `last_contact`, or whose
`last_contact` is later than the one logged contact, has been followed
up and is not reported. Nor is a person with cadence `none` (you do not
mean to keep in touch), and paused, archived, deceased, reference and
snoozed people are skipped.

## Why it matters

A first meeting is the start of a relationship, not a relationship. The
days after it are when a short note ("good to meet you, here is the
article I mentioned") turns a contact into someone who remembers you.
The help names something from the notes to write about.

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

Does not fire (no cadence is wanted: the plumber you met once):

```markdown
---
met: 2026-10-01
cadence: none
---
```

Does not fire (the only date is a hand-kept `last_contact`):

```markdown
---
last_contact: 2026-10-01
---
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
        let Some(only) = single_contact(person, ctx.today, follow_up) else {
            continue;
        };
        let age = (ctx.today - only).num_days();
        let how = person
            .met_at
            .as_deref()
            .map(|at| quote_text(at, 60))
            .filter(|at| !at.is_empty());
        let at = how
            .as_ref()
            .map(|at| format!(" ({at})"))
            .unwrap_or_default();
        let past_cadence = person
            .cadence_days
            .filter(|c| age > i64::from(*c))
            .map(|c| format!("; that is also past the {c}-day cadence"))
            .unwrap_or_default();
        let message = format!(
            "the only contact with {} was on {only}{at}, {} ago, with no follow-up since{past_cadence}",
            person.name,
            days(age)
        );
        let wait = days(follow_up.get());
        let help = match (starter(person, ctx.today), how) {
            (Some(idea), _) => format!(
                "send a short follow-up and {}, then log it; the rule waits {wait} after a first contact",
                idea.suggestion
            ),
            (None, Some(at)) => format!(
                "send a short follow-up that recalls {at}, and log it; the rule waits {wait} after a first contact"
            ),
            (None, None) => format!(
                "send a short follow-up and log it; the rule waits {wait} after a first contact"
            ),
        };
        out.push(
            Finding::about(&INFO, index, Place::contact(person, only), message).with_help(help),
        );
    }
}

/// The one logged contact date of a person this rule reports, if it
/// reports them: a cadence in force, exactly one distinct logged date
/// (interactions not after today, and `met`) older than `follow_up`, and
/// no hand-kept `last_contact` after it. `stale-relationship` asks this
/// too, to leave such a person to this rule.
pub(crate) fn single_contact(
    person: &Person,
    today: NaiveDate,
    follow_up: Days,
) -> Option<NaiveDate> {
    person.cadence_days?;
    let mut logged = person.logged_contact_dates(today).into_iter();
    let (Some(only), None) = (logged.next(), logged.next()) else {
        return None;
    };
    if person.last_contact.as_ref().is_some_and(|l| l.value > only) {
        return None;
    }
    ((today - only).num_days() > follow_up.get()).then_some(only)
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
    fn only_logged_contacts_count() {
        let mut hand_kept = person("Lou");
        hand_kept.last_contact = Some(fact(ago(40), 4));
        assert!(found(hand_kept.clone()).is_empty(), "last_contact alone");
        hand_kept.met = Some(fact(ago(200), 5));
        assert!(
            found(hand_kept.clone()).is_empty(),
            "a later last_contact says there was a follow-up"
        );
        hand_kept.last_contact = Some(fact(ago(200), 4));
        assert_eq!(found(hand_kept).len(), 1, "the same day is the one contact");
    }

    #[test]
    fn no_cadence_means_no_follow_up_is_wanted() {
        let mut p = person("Plumber");
        p.met = Some(fact(ago(40), 4));
        p.cadence_days = None;
        assert!(found(p).is_empty());
    }

    #[test]
    fn says_when_the_one_contact_is_also_past_the_cadence() {
        let mut p = person("Old");
        p.met = Some(fact(ago(100), 4));
        let f = found(p);
        assert!(
            f[0].message
                .ends_with("; that is also past the 90-day cadence"),
            "{}",
            f[0].message
        );
        let mut q = person("New");
        q.met = Some(fact(ago(30), 4));
        assert!(!found(q)[0].message.contains("cadence"));
    }

    #[test]
    fn help_names_something_from_the_notes() {
        let mut p = person("Ann");
        p.met = Some(fact(ago(30), 4));
        p.met_at = Some("PyCon".into());
        p.interests = vec![fact("rust".to_string(), 6)];
        assert!(found(p)[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("send a short follow-up and ask about rust, then log it"));
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
