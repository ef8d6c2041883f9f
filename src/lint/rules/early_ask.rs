//! `early-ask` (VN105): you asked for something before the relationship
//! had a chance to form — in the first interaction, or within `days` of
//! first contact.

use serde::Deserialize;

use super::{days, quote_text, Context, Finding, Place};
use crate::lint::diagnostic::Level;
use crate::lint::registry::RuleInfo;
use crate::lint::settings::Days;

pub static INFO: RuleInfo = RuleInfo {
    code: "VN105",
    name: "early-ask",
    default_level: Level::Warning,
    summary: "you asked for something too early in the relationship",
    docs: DOCS,
};

const DOCS: &str = r#"## What it does

Reports the earliest interaction with an `ask::` field that is either on
the day of the first interaction, or within `days` days of first
contact. First contact is the earlier of `met` and the first interaction
(interactions after today do not count). One finding per person, at
that interaction. Paused, archived, deceased and snoozed people are
skipped.

## Why it matters

Asking a favour of someone you just met treats them as a contact, not a
relationship. Give first, learn what they care about, and the ask will
come more naturally later, if it is still needed.

## Example

Fires (an ask 12 days after meeting):

```markdown
---
met: 2026-03-01
---
## Log
- 2026-03-13: coffee [ask:: intro to Acme]
```

Does not fire (the ask came 4 months in):

```markdown
---
met: 2026-03-01
---
## Log
- 2026-03-13: coffee [give:: book on sailing]
- 2026-07-01: lunch [ask:: intro to Acme]
```

## Options

- `days` (default `"30d"`): how long after first contact an ask counts
  as early; a duration (`"30d"`, `"6w"`) or a number of days.
"#;

/// Options of `early-ask`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    pub days: Days,
}

impl Default for Options {
    fn default() -> Self {
        Options { days: Days(30) }
    }
}

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let window = ctx.options.early_ask.days.get();
    for (index, person) in ctx.linted() {
        let past = ctx.past_interactions(person);
        let Some(first_interaction) = past.first().map(|i| i.date) else {
            continue;
        };
        let first_contact = person
            .met
            .as_ref()
            .map_or(first_interaction, |m| m.value.min(first_interaction));
        let early = past.iter().find(|i| {
            !i.asks.is_empty()
                && (i.date == first_interaction || (i.date - first_contact).num_days() <= window)
        });
        let Some(early) = early else { continue };
        let ask = quote_text(&early.asks[0], 60);
        let after = (early.date - first_contact).num_days();
        let message = if early.date == first_interaction && after > window {
            format!(
                "you asked {} for {ask} in your first logged interaction, on {}",
                person.name, early.date
            )
        } else if after == 0 {
            format!(
                "you asked {} for {ask} on the day you first met, {}",
                person.name, early.date
            )
        } else {
            format!(
                "you asked {} for {ask} on {}, {} after first contact on {first_contact}",
                person.name,
                early.date,
                days(after)
            )
        };
        let help = "build the relationship before asking: give first (an intro, an article, your time) and learn what they care about";
        out.push(Finding::about(&INFO, index, Place::interaction(early), message).with_help(help));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::sample::{self, ago, fact, log, person};
    use crate::lint::rules::RuleOptions;
    use crate::model::Person;

    fn met_then_ask(met: i64, ask: i64) -> Person {
        let mut p = person("Eve Early");
        p.met = Some(fact(ago(met), 4));
        log(&mut p, ago(met - 2), "coffee");
        log(&mut p, ago(ask), "call").asks = vec!["intro to Acme".into()];
        p
    }

    #[test]
    fn fires_within_thirty_days_of_meeting() {
        let f = sample::run(check, vec![met_then_ask(100, 70)]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span.line, 12);
        assert_eq!(
            f[0].message,
            format!(
                "you asked Eve Early for intro to Acme on {}, 30 days after first contact on {}",
                ago(70),
                ago(100)
            )
        );
    }

    #[test]
    fn does_not_fire_past_thirty_days() {
        assert!(sample::run(check, vec![met_then_ask(100, 69)]).is_empty());
    }

    #[test]
    fn the_first_interaction_is_always_early() {
        let mut p = person("Eve");
        p.met = Some(fact(ago(400), 4));
        log(&mut p, ago(10), "lunch").asks = vec!["a job".into()];
        let f = sample::run(check, vec![p]);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message.contains("in your first logged interaction"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn one_finding_per_person_and_days_is_configurable() {
        let mut p = met_then_ask(100, 90);
        log(&mut p, ago(85), "again").asks = vec!["another".into()];
        let f = sample::run(check, vec![p.clone()]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span.line, 12);
        let mut options = RuleOptions::default();
        options.early_ask.days = Days(5);
        assert!(sample::run_with(check, vec![p], &options).is_empty());
    }

    #[test]
    fn no_ask_no_finding() {
        let mut p = person("Gina");
        log(&mut p, ago(10), "lunch").gives = vec!["a book".into()];
        assert!(sample::run(check, vec![p]).is_empty());
    }
}
