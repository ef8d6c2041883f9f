//! `taking-not-giving` (VN104): you ask more of someone than you give.
//! Counts `ask::` and `give::` fields over the whole log.

use std::fmt::Write;

use serde::Deserialize;

use super::{count, quote_text, Context, Finding, Place};
use crate::lint::diagnostic::Level;
use crate::lint::registry::RuleInfo;
use crate::lint::settings::Count;
use crate::lint::starter::interest_or_fact;

pub static INFO: RuleInfo = RuleInfo {
    code: "VN104",
    name: "taking-not-giving",
    default_level: Level::Warning,
    summary: "you ask more of someone than you give",
    docs: DOCS,
};

const DOCS: &str = r#"## What it does

Counts the `ask::` fields (favours, intros, referrals you asked for) and
the `give::` fields (what you gave or offered) over every interaction
with a person that is not after today, and reports when there are at
least `min_asks` asks and more asks than gives. The finding points at
the latest interaction with an ask. Asks are the person's own (SPEC
§2.3): an ask in another attendee's bullet of a meeting note is not
theirs, and an ask written once for a whole group meeting (given to
every participant) is an ask of the room, not of each person in it, and
is not counted. The help names one of their interests or a fact from
the notes to give something about. Paused, archived, deceased,
reference and snoozed people are skipped.

## Why it matters

Both people need to benefit. Someone you only ever contact when you need
something learns to expect a request with every message. Giving first
(an intro, a referral, an article, your time) is what makes asking
later easy.

## Example

Fires (2 asks, no gives):

```markdown
## Log
- 2026-06-01: coffee [ask:: intro to Acme]
- 2026-09-01: call [ask:: read my résumé]
```

Does not fire (2 asks, 2 gives):

```markdown
## Log
- 2026-06-01: coffee [ask:: intro to Acme] [give:: intro to my editor]
- 2026-09-01: call [ask:: read my résumé] [give:: book on sailing]
```

Does not fire (the asks were made of the whole planning group, in a
journal note naming four people, not of her):

```markdown
---
date: 2026-10-02
attendees: ["[[Ada]]", "[[Bob]]", "[[Cleo]]", "[[Dev]]"]
---
ask:: feedback on the roadmap
ask:: a volunteer for the offsite
```

## Options

- `min_asks` (default `2`): the fewest asks before the rule looks at the
  balance.
"#;

/// Options of `taking-not-giving`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    pub min_asks: Count,
}

impl Default for Options {
    fn default() -> Self {
        Options { min_asks: Count(2) }
    }
}

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let min_asks = ctx.options.taking_not_giving.min_asks.0;
    let group = ctx.group_asks();
    for (index, person) in ctx.linted() {
        let past = ctx.past_interactions(person);
        let asks: Vec<&str> = past
            .iter()
            .flat_map(|i| group.own(i))
            .map(String::as_str)
            .collect();
        let gives: Vec<&str> = past
            .iter()
            .flat_map(|i| i.gives.iter().map(String::as_str))
            .collect();
        if asks.len() < min_asks || asks.len() <= gives.len() {
            continue;
        }
        let Some(latest) = past.iter().rev().find(|i| !group.own(i).is_empty()) else {
            continue;
        };
        let message = format!(
            "you asked {} for {} and gave {} in return",
            person.name,
            count(asks.len(), "thing"),
            gives.len()
        );
        let listed = |items: &[&str]| {
            items
                .iter()
                .take(3)
                .map(|a| quote_text(a, 40))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let mut help = format!("{} ({})", count(asks.len(), "ask"), listed(&asks));
        if gives.is_empty() {
            help.push_str(" and no gives");
        } else {
            let _ = write!(
                help,
                " and {} ({})",
                count(gives.len(), "give"),
                listed(&gives)
            );
        }
        let idea = interest_or_fact(person).map_or_else(
            || "an intro, a referral or your time".to_string(),
            |idea| format!("an intro, a referral or something about {}", idea.text),
        );
        let _ = write!(
            help,
            "; give before you ask again, such as {idea}, and log it with `give::`"
        );
        out.push(Finding::about(&INFO, index, Place::of(person, latest), message).with_help(help));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::sample::{self, ago, fact, log, person};
    use crate::lint::rules::RuleOptions;
    use crate::model::Person;

    fn taker(asks: usize, gives: usize) -> Person {
        let mut p = person("Tom Taker");
        for k in 0..asks {
            log(&mut p, ago(100 - k as i64), "ask").asks = vec![format!("favour {k}")];
        }
        for k in 0..gives {
            log(&mut p, ago(50 - k as i64), "give").gives = vec![format!("gift {k}")];
        }
        p
    }

    #[test]
    fn fires_at_two_asks_and_no_gives() {
        let f = sample::run(check, vec![taker(2, 0)]);
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].message,
            "you asked Tom Taker for 2 things and gave 0 in return"
        );
        assert_eq!(f[0].span.line, 12, "the latest ask");
        assert_eq!(
            f[0].help.as_deref(),
            Some("2 asks (favour 0; favour 1) and no gives; give before you ask again, such as an intro, a referral or your time, and log it with `give::`")
        );
    }

    #[test]
    fn thresholds() {
        assert!(
            sample::run(check, vec![taker(1, 0)]).is_empty(),
            "below min_asks"
        );
        assert!(sample::run(check, vec![taker(2, 2)]).is_empty(), "balanced");
        assert_eq!(
            sample::run(check, vec![taker(3, 2)]).len(),
            1,
            "more asks than gives"
        );
        let mut options = RuleOptions::default();
        options.taking_not_giving.min_asks = Count(4);
        assert!(sample::run_with(check, vec![taker(3, 0)], &options).is_empty());
    }

    #[test]
    fn help_names_an_interest_and_future_asks_do_not_count() {
        let mut p = taker(1, 0);
        log(&mut p, ago(-10), "planned").asks = vec!["intro".into()];
        assert!(sample::run(check, vec![p.clone()]).is_empty());
        log(&mut p, ago(1), "ask").asks = vec!["intro".into()];
        p.interests = vec![fact("sailing".into(), 5)];
        let f = sample::run(check, vec![p]);
        assert!(f[0]
            .help
            .as_deref()
            .unwrap()
            .contains("something about sailing"));
    }
}
