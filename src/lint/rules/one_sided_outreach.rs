//! `one-sided-outreach` (VN103): one side starts nearly every contact.
//! Looks at the last `window` interactions whose initiator (`by::`) is
//! known and reports when `me` or `them` started at least `min_count`
//! and at least `ratio` of them.

use serde::Deserialize;

use super::{Context, Finding, Place};
use crate::lint::diagnostic::Level;
use crate::lint::registry::RuleInfo;
use crate::lint::settings::{Count, Share};
use crate::lint::starter::interest_or_fact;
use crate::model::By;

pub static INFO: RuleInfo = RuleInfo {
    code: "VN103",
    name: "one-sided-outreach",
    default_level: Level::Warning,
    summary: "one side starts nearly every contact",
    docs: DOCS,
};

const DOCS: &str = r"## What it does

Takes the last `window` interactions (by date, not after today) whose
initiator is known (`by:: me`, `by:: them` or `by:: both`) and reports
when one side, `me` or `them`, started at least `min_count` of them and
at least `ratio` of them. The message says which side. The finding
points at the latest interaction of the window. Paused, archived,
deceased and snoozed people are skipped.

## Why it matters

A relationship needs both people to invest. If you always reach out,
ask whether the other person values the contact as you do; if they
always do, they may feel they carry the relationship alone.

## Example

Fires (you started 4 of the last 4):

```markdown
## Log
- 2026-05-01: lunch [by:: me]
- 2026-07-01: call [by:: me]
- 2026-09-01: coffee [by:: me]
- 2026-11-01: drinks [by:: me]
```

Does not fire (2 of 4 each way):

```markdown
## Log
- 2026-05-01: lunch [by:: me]
- 2026-07-01: call [by:: them]
- 2026-09-01: coffee [by:: me]
- 2026-11-01: drinks [by:: them]
```

## Options

- `window` (default `6`): how many of the latest interactions with a
  known initiator are looked at.
- `min_count` (default `4`): the fewest interactions one side must have
  started.
- `ratio` (default `0.8`): the smallest share of the window one side
  must have started (above 0, at most 1).
";

/// Options of `one-sided-outreach`.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    pub window: Count,
    pub min_count: Count,
    pub ratio: Share,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            window: Count(6),
            min_count: Count(4),
            ratio: Share(0.8),
        }
    }
}

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let options = ctx.options.one_sided_outreach;
    for (index, person) in ctx.linted() {
        let known: Vec<_> = ctx
            .past_interactions(person)
            .into_iter()
            .filter(|i| i.by.is_some())
            .collect();
        let window = &known[known.len().saturating_sub(options.window.0)..];
        let Some(latest) = window.last() else {
            continue;
        };
        let total = window.len();
        let started = |side: By| window.iter().filter(|i| i.by == Some(side)).count();
        let (mine, theirs) = (started(By::Me), started(By::Them));
        // A small tolerance keeps 4 of 5 at `ratio = 0.8` a match.
        let enough = |n: usize| {
            n >= options.min_count.0 && n as f64 + 1e-9 >= options.ratio.0 * total as f64
        };
        let name = &person.name;
        let idea = interest_or_fact(person);
        let (message, help) = if enough(mine) {
            let ask = idea.map_or_else(String::new, |idea| {
                format!(" and {} to hear what is on their mind", idea.suggestion)
            });
            (
                format!("only you reach out: you started {mine} of the last {total} interactions with {name}"),
                format!(
                    "leave room for {name} to reach out, or ask whether the rhythm suits them{ask}; they started {theirs} of the last {total}"
                ),
            )
        } else if enough(theirs) {
            let about = idea.map_or_else(String::new, |idea| format!(" and {}", idea.suggestion));
            (
                format!(
                    "only they reach out: {name} started {theirs} of the last {total} interactions"
                ),
                format!(
                    "reach out to {name} first next time{about}; you started {mine} of the last {total}"
                ),
            )
        } else {
            continue;
        };
        out.push(Finding::about(&INFO, index, Place::of(person, latest), message).with_help(help));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::sample::{self, ago, log, log_by, person};
    use crate::lint::rules::RuleOptions;
    use crate::model::Person;

    fn with(bys: &[By]) -> Person {
        let mut p = person("Olive");
        for (k, by) in bys.iter().enumerate() {
            log_by(&mut p, ago(100 - 10 * k as i64), *by);
        }
        p
    }

    #[test]
    fn fires_at_four_of_five_and_names_the_side() {
        use By::{Me, Them};
        let f = sample::run(check, vec![with(&[Me, Me, Them, Me, Me])]);
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].message,
            "only you reach out: you started 4 of the last 5 interactions with Olive"
        );
        assert_eq!(f[0].span.line, 18, "the latest interaction");
        let f = sample::run(check, vec![with(&[Them, Them, Them, Them])]);
        assert_eq!(
            f[0].message,
            "only they reach out: Olive started 4 of the last 4 interactions"
        );
        assert!(f[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("reach out to Olive first"));
    }

    #[test]
    fn needs_min_count_and_ratio() {
        use By::{Both, Me, Them};
        assert!(
            sample::run(check, vec![with(&[Me, Me, Me])]).is_empty(),
            "3 < min_count"
        );
        assert!(
            sample::run(check, vec![with(&[Me, Me, Me, Me, Them, Both])]).is_empty(),
            "4 of 6 is below 0.8"
        );
        assert_eq!(
            sample::run(check, vec![with(&[Me, Me, Me, Me, Me, Them])]).len(),
            1
        );
    }

    #[test]
    fn only_the_last_window_counts() {
        use By::{Me, Them};
        let p = with(&[Them, Them, Them, Them, Them, Me, Me, Me, Me, Me, Me]);
        let f = sample::run(check, vec![p]);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("you started 6 of the last 6"));
    }

    #[test]
    fn unknown_initiators_and_future_interactions_are_left_out() {
        use By::Me;
        let mut p = with(&[Me, Me, Me]);
        log(&mut p, ago(5), "no by");
        log_by(&mut p, ago(-5), Me);
        assert!(sample::run(check, vec![p]).is_empty());
    }

    #[test]
    fn options_change_the_thresholds() {
        use By::{Me, Them};
        let mut options = RuleOptions::default();
        options.one_sided_outreach.min_count = Count(2);
        options.one_sided_outreach.ratio = Share(0.6);
        options.one_sided_outreach.window = Count(3);
        let f = sample::run_with(
            check,
            vec![with(&[Them, Them, Them, Me, Me, Them])],
            &options,
        );
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message.contains("you started 2 of the last 3"),
            "{}",
            f[0].message
        );
    }
}
