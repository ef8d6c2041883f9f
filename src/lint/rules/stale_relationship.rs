//! `stale-relationship` (VN101): you are losing touch with someone. The
//! days since the last contact exceed the person's cadence; past twice
//! the cadence the finding is an error. The help offers a conversation
//! starter taken from what the vault knows about them.

use super::no_follow_up::single_contact;
use super::{days, Context, Finding, Place};
use crate::lint::cadence::due;
use crate::lint::diagnostic::Level;
use crate::lint::registry::RuleInfo;
use crate::lint::starter::starter;
use crate::model::Person;

pub static INFO: RuleInfo = RuleInfo {
    code: "VN101",
    name: "stale-relationship",
    default_level: Level::Warning,
    summary: "the last contact with someone is older than their cadence",
    docs: DOCS,
};

const DOCS: &str = r"## What it does

Reports a person whose last contact (the latest interaction, `last_contact`
or `met`, none of them after today) is more days ago than their cadence.
The cadence is the person's own `cadence`, else their `tier`, else the
cadence of their first tag listed under `[cadence.tags]`, else
`default_cadence` (90 days). A cadence of `none` never goes stale.

The finding is a warning, and an error once the silence is longer than
twice the cadence (unless `level` is set for the rule, which then holds
for every finding). It points at the last contact: the interaction
(possibly in a journal note), else the `last_contact` or `met` field.
People with no contact date at all are `no-interactions`' business, and
a person met once and never again is `no-follow-up`'s (its message says
when the cadence has passed too): one problem is reported once. Paused,
archived, deceased, reference and snoozed people are skipped, and so is
anyone whose cadence is `none`.

## Why it matters

Relationships need contact that continues over time. Most fade not by
decision but by drift: nobody noticed that six months had gone by. The
help suggests something to talk about, taken from the notes (a pending
plan, the newest `learned::`, an interest, the last conversation's
topic), so reaching out is easy.

## Example

Fires (today 2026-11-25; 85 days is past the 30-day cadence, and past
60, so it is an error):

```markdown
---
cadence: 30d
---
# Bob Stale

### 2026-09-01 Coffee at Blue Bottle
He is moving to Lisbon.
learned:: moving to Lisbon
```

Does not fire (the last contact was 20 days ago):

```markdown
---
cadence: 30d
last_contact: 2026-11-05
---
```

Does not fire (no contact is wanted: a reference person, or cadence
`none`):

```markdown
---
status: reference
last_contact: 2024-03-01
---
```

Does not fire (met once, 200 days ago, and never again: that is
`no-follow-up`, which says the cadence has passed too):

```markdown
---
met: 2026-05-09
---
```

## Options

None besides `level`. The cadence itself is set per person (`cadence`,
`tier`) or in the config (`default_cadence`, `[cadence.tags]`,
`[cadence.tiers]`).
";

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, person) in ctx.linted() {
        let Some(due) = due(person, ctx.today) else {
            continue;
        };
        if !due.is_overdue() {
            continue;
        }
        // Met once and never again is `no-follow-up`'s to report, and
        // its message says the cadence has passed too.
        let follow_up = ctx.options.no_follow_up.follow_up;
        if ctx.no_follow_up_on && single_contact(person, ctx.today, follow_up).is_some() {
            continue;
        }
        let origin = match person.cadence_origin.as_str() {
            "" | "cadence" => String::new(),
            origin => format!(" from {origin}"),
        };
        let last = due.last_contact;
        let message = format!(
            "last contact with {} was {last}, {} ago (cadence {}{origin})",
            person.name,
            days(due.days_since),
            days(i64::from(due.cadence_days)),
        );
        out.push(
            Finding::about(&INFO, index, Place::contact(person, last), message)
                .with_help(conversation_starter(person, ctx))
                .escalated(due.is_past_twice()),
        );
    }
}

/// Something to reach out about, from the one source of starters.
fn conversation_starter(person: &Person, ctx: &Context<'_>) -> String {
    match starter(person, ctx.today) {
        Some(s) => format!("reach out and {}", s.suggestion),
        None => "reach out with a short message, and note what you learn about them for next time"
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::sample::{self, ago, fact, log, person};
    use crate::model::{Cadence, InteractionSource, Status};

    fn stale(person: Person) -> Vec<Finding> {
        sample::run(check, vec![person])
    }

    fn with_cadence(days: u32) -> Person {
        let mut p = person("Bob Stale");
        p.cadence = Some(fact(Cadence::Days(days), 3));
        p.cadence_days = Some(days);
        p.cadence_origin = "cadence".to_string();
        // Friends for years: one recent contact is not a first one.
        p.met = Some(fact(ago(1000), 5));
        p
    }

    #[test]
    fn fires_one_day_past_the_cadence() {
        let mut p = with_cadence(30);
        log(&mut p, ago(31), "Coffee at Blue Bottle");
        let found = stale(p);
        assert_eq!(found.len(), 1);
        let f = &found[0];
        assert_eq!(f.span.line, 10);
        assert_eq!(f.person, Some(0));
        assert!(!f.escalated);
        assert_eq!(
            f.message,
            format!(
                "last contact with Bob Stale was {}, 31 days ago (cadence 30 days)",
                ago(31)
            )
        );
        assert_eq!(
            f.help.as_deref(),
            Some(
                format!(
                    "reach out and follow up on \"Coffee at Blue Bottle\" from {}",
                    ago(31)
                )
                .as_str()
            )
        );
    }

    #[test]
    fn does_not_fire_on_the_cadence_day() {
        let mut p = with_cadence(30);
        log(&mut p, ago(30), "call");
        assert!(stale(p).is_empty());
    }

    #[test]
    fn escalates_past_twice_the_cadence() {
        let mut p = with_cadence(30);
        log(&mut p, ago(60), "call");
        assert!(!stale(p.clone())[0].escalated);
        p.interactions[0].date = ago(61);
        assert!(stale(p)[0].escalated);
    }

    #[test]
    fn the_latest_contact_counts_and_future_ones_do_not() {
        let mut p = with_cadence(30);
        log(&mut p, ago(100), "old");
        log(&mut p, ago(-5), "planned");
        p.last_contact = Some(fact(ago(40), 4));
        let found = stale(p);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.line, 4, "points at last_contact");
        assert!(found[0].message.contains("40 days ago"));
    }

    #[test]
    fn names_the_origin_of_a_default_cadence() {
        let mut p = person("Ann");
        p.met = Some(fact(ago(91), 5));
        log(&mut p, ago(400), "an old call");
        let found = stale(p);
        assert!(found[0]
            .message
            .ends_with("(cadence 90 days from default_cadence)"));
        assert_eq!(found[0].span.line, 5, "points at met");
    }

    #[test]
    fn skips_no_contact_no_cadence_and_people_not_linted() {
        let mut no_contact = with_cadence(30);
        no_contact.met = None;
        assert!(stale(no_contact).is_empty());
        let mut never = person("Never");
        never.cadence_days = None;
        log(&mut never, ago(400), "call");
        assert!(stale(never).is_empty());
        for status in [Status::Paused, Status::Archived, Status::Deceased] {
            let mut p = with_cadence(30);
            log(&mut p, ago(100), "call");
            p.status = status;
            assert!(stale(p).is_empty());
        }
        let mut snoozed = with_cadence(30);
        log(&mut snoozed, ago(100), "call");
        snoozed.snooze_until = Some(ago(-1));
        assert!(stale(snoozed.clone()).is_empty());
        snoozed.snooze_until = Some(ago(0));
        assert_eq!(stale(snoozed).len(), 1, "a snooze ending today is over");
        let mut owner = with_cadence(30);
        owner.is_owner = true;
        log(&mut owner, ago(100), "call");
        assert!(stale(owner).is_empty());
    }

    #[test]
    fn met_once_is_left_to_no_follow_up() {
        let mut p = with_cadence(30);
        p.met = None;
        log(&mut p, ago(100), "the only coffee");
        assert!(stale(p.clone()).is_empty());
        let vault = sample::vault(vec![p]);
        let options = crate::lint::rules::RuleOptions::default();
        let ctx = Context {
            vault: &vault,
            options: &options,
            today: sample::today(),
            no_follow_up_on: false,
        };
        let mut out = Vec::new();
        check(&ctx, &mut out);
        assert_eq!(out.len(), 1, "with no-follow-up off, staleness is reported");
    }

    #[test]
    fn help_uses_what_was_learned_and_interests() {
        let mut p = with_cadence(30);
        log(&mut p, ago(85), "Coffee").learned = vec!["the Lisbon move".into()];
        p.interests = vec![fact("sailing".to_string(), 6)];
        assert_eq!(
            stale(p)[0].help.as_deref(),
            Some(
                format!(
                    "reach out and ask about \"the Lisbon move\", noted on {}",
                    ago(85)
                )
                .as_str()
            )
        );
        let mut bare = with_cadence(30);
        bare.last_contact = Some(fact(ago(85), 4));
        assert!(stale(bare)[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("reach out with"));
    }

    #[test]
    fn journal_topics_come_from_the_line_that_mentions_them() {
        let mut p = with_cadence(30);
        let i = log(&mut p, ago(40), "x");
        i.source = InteractionSource::Journal;
        i.text = "Met Bob for a walk.\nLunch with Bob Stale at noon".into();
        let help = stale(p.clone())[0].help.clone().unwrap();
        assert!(help.contains("\"Lunch with Bob Stale at noon\""), "{help}");
        p.interactions[0].text = "Met Carol for a walk".into();
        assert!(stale(p)[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("reach out with"));
    }
}
