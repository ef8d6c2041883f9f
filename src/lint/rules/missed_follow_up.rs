//! `missed-follow-up` (VN109): a contact you planned quietly passed. A
//! plan (`next_contact` or an unchecked dated task in the person's note,
//! read into `Person.plans`) whose date is more than `grace` days ago,
//! with no contact on or after it.

use serde::Deserialize;

use super::{days, quote_text, Context, Finding};
use crate::lint::diagnostic::Level;
use crate::lint::registry::RuleInfo;
use crate::lint::settings::Days;
use crate::lint::starter::speakable;
use crate::model::{Person, Plan, PlanSource, Span};

pub static INFO: RuleInfo = RuleInfo {
    code: "VN109",
    name: "missed-follow-up",
    default_level: Level::Warning,
    summary: "a planned contact passed with no contact since",
    docs: DOCS,
};

const DOCS: &str = r#"## What it does

Reports a planned contact whose date passed more than `grace` days ago
with no contact (an interaction, `last_contact` or `met`, not after
today) on or after that date. A plan is the person's `next_contact`
field or one of its aliases (`next_follow_up`, `follow_up_date`,
`next_action_date`, `next_meeting`, `reconnect_on`), or an unchecked
dated task in their own note (`- [ ] 2026-11-01 call about the offer`).
One finding per person, for the latest such plan, pointing at it; the
help quotes the plan.

A plan is not missed when a contact came on or after its date (the plan
was kept, or overtaken), when its date has not passed by more than
`grace` (a plan for next week, or yesterday's), or when the person is
paused, archived, deceased, reference or snoozed.

## Why it matters

Writing down "call her after the interview" is a promise to yourself,
and the day it passes unnoticed is the day the thread drops. A friend
who saw the note would say: you meant to call, it is not too late.

## Example

Fires (today 2026-11-25; the call was planned for 2026-11-01 and
nothing is logged since):

```markdown
---
next_follow_up: 2026-11-01
---
## Log
- 2026-10-12: lunch, she is interviewing at Acme
- [ ] 2026-11-01 call about the Acme offer
```

Does not fire (a contact on 2026-11-03 came after the plan):

```markdown
---
next_follow_up: 2026-11-01
---
## Log
- 2026-11-03: call, she took the Acme offer
```

Does not fire (the plan is for next week):

```markdown
- [ ] 2026-12-02 coffee before the holidays
```

## Options

- `grace` (default `"3d"`): how long after a plan's date the rule waits
  for the contact to be logged; a duration (`"3d"`, `"1w"`) or a number
  of days.
"#;

/// Options of `missed-follow-up`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    pub grace: Days,
}

impl Default for Options {
    fn default() -> Self {
        Options { grace: Days(3) }
    }
}

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let grace = ctx.options.missed_follow_up.grace;
    for (index, person) in ctx.linted() {
        let Some(plan) = missed_plan(person, ctx.today, grace) else {
            continue;
        };
        let late = (ctx.today - plan.date).num_days();
        let what = plan_words(plan);
        let message = match &what {
            Some(what) => format!(
                "a plan for {} passed {} ago with no contact with {} since: \"{what}\"",
                plan.date,
                days(late),
                person.name
            ),
            None => format!(
                "a contact with {} planned for {} passed {} ago with none since",
                person.name,
                plan.date,
                days(late)
            ),
        };
        let help = match (&what, plan.source) {
            (Some(what), PlanSource::Task) => format!(
                "get in touch about \"{what}\" and log it, or move the task's date if the plan changed"
            ),
            (Some(what), PlanSource::Field) => format!(
                "get in touch about \"{what}\" and log it, then set the next date in `next_contact`"
            ),
            (None, _) => format!(
                "get in touch as you planned on {} and log it, then set the next date in `next_contact`",
                plan.date
            ),
        };
        let span = Span {
            line: plan.span.line.max(1),
            ..plan.span
        };
        out.push(Finding {
            person: Some(index),
            ..Finding::new(&INFO, plan.path.clone(), span, message).with_help(help)
        });
    }
}

/// The latest plan of `person` whose date passed more than `grace` days
/// before `today` with no contact on or after it. A later contact
/// covers every earlier plan, so only plans after the last contact can
/// be missed.
pub(crate) fn missed_plan(person: &Person, today: chrono::NaiveDate, grace: Days) -> Option<&Plan> {
    let last = person.last_contact_date(today);
    person
        .plans
        .iter()
        .filter(|p| (today - p.date).num_days() > grace.get())
        .filter(|p| last.is_none_or(|last| last < p.date))
        // On a tie, the plan that says what it was for, then the first.
        .max_by_key(|p| {
            (
                p.date,
                !speakable(&p.text).trim().is_empty(),
                std::cmp::Reverse(p.span.line),
            )
        })
}

/// The plan's words fit to quote, or None for a bare date.
fn plan_words(plan: &Plan) -> Option<String> {
    Some(quote_text(&speakable(&plan.text), 60)).filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::sample::{self, ago, fact, log, person};
    use crate::lint::rules::RuleOptions;
    use crate::model::Status;

    fn plan(p: &mut Person, date_ago: i64, text: &str, source: PlanSource, line: usize) {
        p.plans.push(Plan {
            date: ago(date_ago),
            text: text.into(),
            path: p.path.clone(),
            span: Span::line(line),
            source,
        });
    }

    fn with_plan(date_ago: i64) -> Person {
        let mut p = person("Ana Silva");
        p.met = Some(fact(ago(400), 4));
        log(&mut p, ago(40), "lunch, she is interviewing at Acme");
        plan(
            &mut p,
            date_ago,
            "call about the Acme offer",
            PlanSource::Task,
            20,
        );
        p
    }

    #[test]
    fn fires_past_the_grace_with_no_contact_since() {
        let f = sample::run(check, vec![with_plan(24)]);
        assert_eq!(f.len(), 1);
        assert_eq!(
            (f[0].path.as_str(), f[0].span.line),
            ("People/Ana Silva.md", 20)
        );
        assert_eq!(
            f[0].message,
            format!("a plan for {} passed 24 days ago with no contact with Ana Silva since: \"call about the Acme offer\"", ago(24))
        );
        assert_eq!(
            f[0].help.as_deref(),
            Some("get in touch about \"call about the Acme offer\" and log it, or move the task's date if the plan changed")
        );
    }

    #[test]
    fn grace_and_upcoming_plans_are_not_missed() {
        assert!(
            sample::run(check, vec![with_plan(3)]).is_empty(),
            "3 days is the grace"
        );
        assert_eq!(sample::run(check, vec![with_plan(4)]).len(), 1);
        assert!(
            sample::run(check, vec![with_plan(-7)]).is_empty(),
            "next week"
        );
        let mut options = RuleOptions::default();
        options.missed_follow_up.grace = Days(7);
        assert!(sample::run_with(check, vec![with_plan(5)], &options).is_empty());
    }

    #[test]
    fn a_contact_on_or_after_the_plan_keeps_it() {
        let mut p = with_plan(24);
        log(&mut p, ago(24), "called her, she took it");
        assert!(sample::run(check, vec![p]).is_empty());
        let mut q = with_plan(24);
        q.last_contact = Some(fact(ago(10), 5));
        assert!(
            sample::run(check, vec![q]).is_empty(),
            "a hand-kept last_contact counts"
        );
        let mut r = with_plan(24);
        log(&mut r, ago(-2), "dinner planned");
        assert_eq!(
            sample::run(check, vec![r]).len(),
            1,
            "a future entry is not contact"
        );
    }

    #[test]
    fn one_finding_for_the_latest_missed_plan() {
        let mut p = with_plan(24);
        plan(&mut p, 10, "", PlanSource::Field, 3);
        plan(&mut p, 30, "send the article", PlanSource::Task, 22);
        let f = sample::run(check, vec![p]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span.line, 3);
        assert_eq!(
            f[0].message,
            format!(
                "a contact with Ana Silva planned for {} passed 10 days ago with none since",
                ago(10)
            )
        );
        assert!(f[0]
            .help
            .as_deref()
            .unwrap()
            .contains("set the next date in `next_contact`"));
    }

    #[test]
    fn on_the_same_day_the_plan_with_words_wins() {
        let mut p = with_plan(24);
        plan(&mut p, 24, "", PlanSource::Field, 3);
        assert_eq!(sample::run(check, vec![p])[0].span.line, 20);
    }

    #[test]
    fn people_not_linted_are_skipped() {
        for status in [Status::Paused, Status::Archived, Status::Deceased] {
            let mut p = with_plan(24);
            p.status = status;
            assert!(sample::run(check, vec![p]).is_empty());
        }
        let mut snoozed = with_plan(24);
        snoozed.snooze_until = Some(ago(-10));
        assert!(sample::run(check, vec![snoozed]).is_empty());
    }
}
