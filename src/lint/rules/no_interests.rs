//! `no-interests` (VN106): you keep meeting someone but know nothing
//! about them: no interests, no knowledge section, no `learned::`, no
//! family, no pets.

use serde::Deserialize;

use super::{count, Context, Finding, Place};
use crate::lint::diagnostic::Level;
use crate::lint::registry::RuleInfo;
use crate::lint::settings::Count;
use crate::lint::starter::starter;
use crate::model::Person;

pub static INFO: RuleInfo = RuleInfo {
    code: "VN106",
    name: "no-interests",
    default_level: Level::Warning,
    summary: "you keep meeting someone but know nothing about them",
    docs: DOCS,
};

const DOCS: &str = r"## What it does

Reports a person with at least `min_interactions` interactions (not after
today) about whom nothing personal is recorded: no interests (front
matter `interests`, `hobbies`, `passions` or `skills`, or an `Interests`,
`Passions`, `Hobbies` or `Likes` section), no knowledge section (a
heading such as `Family`, `Background`, `About` or `Things to remember`
with something under it), no `learned::` field anywhere, no `family` or
`pets`. Facts about their work (`company`, `role`) and a log that
mentions them do not count: knowing where someone works is not knowing
them. The finding points at the front matter (line 1).
Paused, archived, deceased, reference and snoozed people are skipped.

## Why it matters

Knowing someone means knowing their work, family, pets, travel, reading
and passions, not only what you talked about. Writing it down is what
lets you ask about the marathon or the new puppy next time.

## Example

Fires (two meetings, nothing known):

```markdown
# Nora Nothing

## Log
- 2026-09-01: coffee
- 2026-10-01: lunch
```

Does not fire:

```markdown
# Nora Nothing

## Interests
- trail running

## Log
- 2026-09-01: coffee
- 2026-10-01: lunch
```

Does not fire (a knowledge section says what matters to her):

```markdown
# Nora Nothing

## Things to remember
- her brother Tom is recovering from knee surgery

## Log
- 2026-09-01: coffee
- 2026-10-01: lunch
```

## Options

- `min_interactions` (default `2`): the fewest interactions before the
  rule expects you to know something about them.
";

/// Options of `no-interests`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    pub min_interactions: Count,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_interactions: Count(2),
        }
    }
}

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let min = ctx.options.no_interests.min_interactions.0;
    for (index, person) in ctx.linted() {
        let logged = ctx.past_interactions(person).len();
        if logged < min || knows_something(person) {
            continue;
        }
        let message = format!(
            "you have logged {} with {} but know nothing about them: no interests, family, pets or `learned::` notes",
            count(logged, "interaction"),
            person.name
        );
        let help = match starter(person, ctx.today) {
            Some(idea) => format!(
                "{}, and this time ask about their life outside it (family, pets, travel); note it under `## Interests` or as `learned::`",
                idea.suggestion
            ),
            None => "next time ask about their work, family, pets or travel, and note it under `## Interests` or as `learned::`".to_string(),
        };
        out.push(
            Finding::about(&INFO, index, Place::front_matter(person), message).with_help(help),
        );
    }
}

fn knows_something(person: &Person) -> bool {
    let filled = |items: &[String]| items.iter().any(|s| !s.trim().is_empty());
    person.interests.iter().any(|i| !i.value.trim().is_empty())
        || filled(&person.learned)
        || filled(&person.family)
        || filled(&person.pets)
        || person.knowledge.iter().any(|k| !k.value.trim().is_empty())
        || person.interactions.iter().any(|i| filled(&i.learned))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::sample::{self, ago, fact, log, person};
    use crate::lint::rules::RuleOptions;

    fn met(times: usize) -> Person {
        let mut p = person("Nora Nothing");
        for k in 0..times {
            log(&mut p, ago(50 - k as i64), "coffee");
        }
        p
    }

    #[test]
    fn fires_at_two_interactions() {
        let f = sample::run(check, vec![met(2)]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span.line, 1);
        assert_eq!(f[0].path, "People/Nora Nothing.md");
        assert!(f[0]
            .message
            .starts_with("you have logged 2 interactions with Nora Nothing"));
    }

    #[test]
    fn does_not_fire_below_min_interactions() {
        assert!(sample::run(check, vec![met(1)]).is_empty());
        let mut options = RuleOptions::default();
        options.no_interests.min_interactions = Count(3);
        assert!(sample::run_with(check, vec![met(2)], &options).is_empty());
    }

    #[test]
    fn any_personal_fact_is_enough() {
        let mut p = met(3);
        p.interests = vec![fact("chess".into(), 4)];
        assert!(sample::run(check, vec![p]).is_empty());
        let mut p = met(3);
        p.pets = vec!["a dog".into()];
        assert!(sample::run(check, vec![p]).is_empty());
        let mut p = met(3);
        p.family = vec!["two kids".into()];
        assert!(sample::run(check, vec![p]).is_empty());
        let mut p = met(3);
        p.learned = vec!["likes jazz".into()];
        assert!(sample::run(check, vec![p]).is_empty());
        let mut p = met(3);
        p.interactions[1].learned = vec!["runs marathons".into()];
        assert!(sample::run(check, vec![p]).is_empty());
    }

    #[test]
    fn a_knowledge_section_is_enough_and_work_facts_are_not() {
        let mut p = met(3);
        p.knowledge = vec![fact("grew up in Porto".into(), 8)];
        assert!(sample::run(check, vec![p]).is_empty());
        let mut p = met(2);
        p.company = vec!["Acme".into()];
        p.role = vec!["CTO".into()];
        assert_eq!(sample::run(check, vec![p]).len(), 1);
    }

    #[test]
    fn future_interactions_do_not_count() {
        let mut p = met(1);
        log(&mut p, ago(-5), "planned");
        assert!(sample::run(check, vec![p]).is_empty());
    }
}
