//! `stale-relationship` (VN101): you are losing touch with someone. The
//! days since the last contact exceed the person's cadence; past twice
//! the cadence the finding is an error. The help offers a conversation
//! starter taken from what the vault knows about them.

use super::{days, quote_text, Context, Finding, Place};
use crate::lint::diagnostic::Level;
use crate::lint::registry::RuleInfo;
use crate::model::{Interaction, Person};
use crate::vault::dates::leading_date;

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
People with no contact date at all are `no-interactions`' business.
Paused, archived, deceased and snoozed people are skipped.

## Why it matters

Relationships need contact that continues over time. Most fade not by
decision but by drift: nobody noticed that six months had gone by. The
help suggests something to talk about, taken from their interests or
your last conversation, so reaching out is easy.

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

## Options

None besides `level`. The cadence itself is set per person (`cadence`,
`tier`) or in the config (`default_cadence`, `[cadence.tags]`,
`[cadence.tiers]`).
";

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, person) in ctx.linted() {
        let Some(cadence) = person.cadence_days else {
            continue;
        };
        let Some(last) = person.last_contact_date(ctx.today) else {
            continue;
        };
        let cadence = i64::from(cadence);
        let silent = (ctx.today - last).num_days();
        if silent <= cadence {
            continue;
        }
        let origin = match person.cadence_origin.as_str() {
            "" | "cadence" => String::new(),
            origin => format!(" from {origin}"),
        };
        let message = format!(
            "last contact with {} was {last}, {} ago (cadence {}{origin})",
            person.name,
            days(silent),
            days(cadence),
        );
        out.push(
            Finding::about(&INFO, index, Place::contact(person, last), message)
                .with_help(conversation_starter(person, ctx))
                .escalated(silent > 2 * cadence),
        );
    }
}

/// Something to reach out about: what you learned last time (or the
/// last conversation's topic), and one of their interests.
fn conversation_starter(person: &Person, ctx: &Context<'_>) -> String {
    let mut ideas = Vec::new();
    let past = ctx.past_interactions(person);
    let last = past.last();
    let learned = last
        .and_then(|i| i.learned.last())
        .or_else(|| person.learned.last())
        .map(|l| quote_text(l, 60))
        .filter(|l| !l.is_empty());
    if let Some(learned) = learned {
        ideas.push(format!("ask how {learned} went"));
    } else if let Some((last, topic)) = last.and_then(|l| Some((l, topic(l)?))) {
        ideas.push(format!("follow up on \"{topic}\" from {}", last.date));
    }
    if let Some(interest) = person
        .interests
        .iter()
        .map(|i| quote_text(&i.value, 40))
        .find(|i| !i.is_empty())
    {
        ideas.push(format!("ask about {interest}"));
    }
    if ideas.is_empty() {
        "reach out with a short message, and note what you learn about them for next time"
            .to_string()
    } else {
        format!("reach out and {}", ideas.join(", or "))
    }
}

/// What an interaction was about, in a few words: its topic line (read
/// by `vault::gist`) without the date and inline fields.
fn topic(interaction: &Interaction) -> Option<String> {
    let line = interaction.gist.topic.as_str();
    let line = leading_date(line).map_or(line, |(_, rest)| rest);
    Some(quote_text(strip_fields(line), 60)).filter(|t| !t.is_empty())
}

/// A title without inline fields (`[by:: me]`) or what follows `key::`.
fn strip_fields(title: &str) -> &str {
    let cut = ["[", "(", "::"]
        .iter()
        .filter_map(|marker| {
            let at = title.find(marker)?;
            (*marker == "::" || title[at..].contains("::")).then_some(at)
        })
        .min();
    match cut {
        // A bare `key:: value` title: drop the key too.
        Some(at) if title[at..].starts_with("::") => {
            let key_start = title[..at]
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            &title[..key_start]
        }
        Some(at) => &title[..at],
        None => title,
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
        let found = stale(p);
        assert!(found[0]
            .message
            .ends_with("(cadence 90 days from default_cadence)"));
        assert_eq!(found[0].span.line, 5, "points at met");
    }

    #[test]
    fn skips_no_contact_no_cadence_and_people_not_linted() {
        assert!(stale(with_cadence(30)).is_empty());
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
    fn help_uses_what_was_learned_and_interests() {
        let mut p = with_cadence(30);
        log(&mut p, ago(85), "Coffee").learned = vec!["the Lisbon move".into()];
        p.interests = vec![fact("sailing".to_string(), 6)];
        assert_eq!(
            stale(p)[0].help.as_deref(),
            Some("reach out and ask how the Lisbon move went, or ask about sailing")
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

    #[test]
    fn titles_lose_inline_fields() {
        assert_eq!(strip_fields("Coffee [by:: me]"), "Coffee ");
        assert_eq!(strip_fields("Coffee by:: me"), "Coffee ");
        assert_eq!(strip_fields("Coffee (at noon)"), "Coffee (at noon)");
        assert_eq!(strip_fields("ask:: intro"), "");
        assert_eq!(strip_fields("Café\u{a0}by:: me"), "Café\u{a0}");
    }
}
