//! `early-ask` (VN105): you asked for something before the relationship
//! had a chance to form: within `days` of first contact, the earliest of
//! `met` and the first interaction.

use serde::Deserialize;

use super::{days, quote_text, Context, Finding, Place};
use crate::lint::diagnostic::Level;
use crate::lint::registry::RuleInfo;
use crate::lint::settings::Days;
use crate::lint::starter::interest_or_fact;

pub static INFO: RuleInfo = RuleInfo {
    code: "VN105",
    name: "early-ask",
    default_level: Level::Warning,
    summary: "you asked for something too early in the relationship",
    docs: DOCS,
};

const DOCS: &str = r#"## What it does

Reports the earliest interaction with an `ask::` field within `days`
days of first contact. First contact is the earlier of `met` and the
first interaction (interactions after today do not count): a vault
started years into a friendship, with `met` set to when you met, has no
early asks, however early in the log the ask is. The message quotes the
ask as written. One finding per person, at that interaction. Asks are
the person's own: an ask written in another attendee's bullet of a
meeting note is not theirs (SPEC §2.3). Paused, archived, deceased,
reference and snoozed people are skipped.

## Why it matters

Asking a favour of someone you just met treats them as a contact, not a
relationship. Give first, learn what they care about (the help names
one of their interests or a fact from the notes), and the ask will come
more naturally later, if it is still needed.

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

Does not fire (an old friend: the vault started last year, but `met`
says you have known each other since 2011):

```markdown
---
met: 2011-09-01
---
## Log
- 2026-03-13: coffee [ask:: be a reference for my application]
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
    let group = ctx.group_asks();
    for (index, person) in ctx.linted() {
        let past = ctx.past_interactions(person);
        let Some(first_interaction) = past.first().map(|i| i.date) else {
            continue;
        };
        let met = person.met.as_ref().map(|m| m.value);
        let first_contact = met.map_or(first_interaction, |m| m.min(first_interaction));
        let early = past.iter().find_map(|i| {
            if (i.date - first_contact).num_days() > window {
                return None;
            }
            let ask = group
                .own(i)
                .into_iter()
                .map(|a| quote_text(a, 60))
                .find(|a| !a.is_empty())?;
            Some((*i, ask))
        });
        let Some((early, ask)) = early else { continue };
        let after = (early.date - first_contact).num_days();
        let when = if after > 0 {
            format!(
                "on {}, {} after first contact on {first_contact}",
                early.date,
                days(after)
            )
        } else if met == Some(first_contact) {
            format!("on {}, the day you first met", early.date)
        } else {
            format!("on {}, at your first logged contact", early.date)
        };
        let message = format!("you asked {} for: {ask} ({when})", person.name);
        let help = match interest_or_fact(person) {
            Some(idea) => format!(
                "build the relationship before asking again: {}, and give first (an intro, an article, your time)",
                idea.suggestion
            ),
            None => "build the relationship before asking again: give first (an intro, an article, your time) and learn what they care about".to_string(),
        };
        out.push(Finding::about(&INFO, index, Place::of(person, early), message).with_help(help));
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
                "you asked Eve Early for: intro to Acme (on {}, 30 days after first contact on {})",
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
    fn an_old_friend_met_long_ago_has_no_early_ask() {
        let mut p = person("Sam");
        p.met = Some(fact(ago(4000), 4));
        log(&mut p, ago(10), "lunch").asks = vec!["be a reference for my application.".into()];
        assert!(sample::run(check, vec![p.clone()]).is_empty());
        p.met = None;
        let f = sample::run(check, vec![p]);
        assert_eq!(
            f[0].message,
            format!(
                "you asked Sam for: be a reference for my application (on {}, at your first logged contact)",
                ago(10)
            )
        );
    }

    #[test]
    fn the_day_you_met_and_the_help_names_an_interest() {
        let mut p = met_then_ask(100, 100);
        p.interests = vec![fact("bouldering".to_string(), 6)];
        let f = sample::run(check, vec![p]);
        assert!(
            f[0].message.ends_with("the day you first met)"),
            "{}",
            f[0].message
        );
        assert_eq!(
            f[0].help.as_deref(),
            Some("build the relationship before asking again: ask about bouldering, and give first (an intro, an article, your time)")
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
