//! `all-about-me` (VN107): an interaction's notes are all about you.
//! Compares first-person words with words about the other person in
//! one interaction's text; `vault::gist` counts them while reading.

use serde::Deserialize;

use super::{Context, Finding, Place};
use crate::lint::diagnostic::Level;
use crate::lint::registry::RuleInfo;
use crate::lint::settings::{Count, Factor};
use crate::lint::starter::interest_or_fact;
use crate::model::{Interaction, InteractionSource, Person};

pub static INFO: RuleInfo = RuleInfo {
    code: "VN107",
    name: "all-about-me",
    default_level: Level::Info,
    summary: "an interaction's notes are all about you",
    docs: DOCS,
};

const DOCS: &str = r#"## What it does

In each interaction (not after today), counts first-person words (`I`,
`me`, `my`, `mine`, `myself`) and words about the other person (any word
of their name or aliases, `he`, `she`, `they`, `him`, `her`, `them`,
`his`, `hers`, `their`, `theirs`), case-insensitively. Inline fields
(`by:: me`, `[ask:: …]`) are not counted, and neither are words in block
quotes (`> …`) or quotation marks (`"…"`, `“…”`, `„…“`, `«…»`): those are
their words, or someone else's, not yours. Reports the interaction when
the first-person words number at least `min_first_person` and at least
`ratio` times the words about them.

A journal note is your diary, where "I" is natural: a journal
interaction is judged only when it records a conversation with them,
that is when it carries `by::` or the note is a 1:1 (it names exactly
one person besides you). Paused, archived, deceased, reference and
snoozed people are skipped.

## Why it matters

A conversation where you did all the talking teaches you nothing about
the other person, and notes that only record your side suggest it went
that way. Asking about them is what builds the relationship; the help
names something the notes already know about them to ask after.

## Example

Fires (6 first-person words, none about them):

```markdown
### 2026-10-03 Lunch
I talked about my project, my deadline and my move. I think I need a
break.
```

Does not fire (2 first-person words, 4 about her):

```markdown
### 2026-10-03 Lunch
She is training for the Lisbon marathon; her knee is better. I told
her about my trip.
```

Does not fire (the first-person words are hers, quoted):

```markdown
### 2026-10-05 Voice message
> I got the job! I start in March, my team is lovely, I can't believe it
```

Does not fire (a diary paragraph that mentions her, no `by::`, in a
journal note naming several people):

```markdown
# 2026-10-07
I slept badly and my back hurts; I think I need a new mattress. I saw
[[Ada Lovelace]] and [[Bob]] at the market.
```

## Options

- `min_first_person` (default `5`): the fewest first-person words before
  the rule looks at the balance.
- `ratio` (default `3`): how many times the words about them the
  first-person words must number.
"#;

/// Options of `all-about-me`.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    pub min_first_person: Count,
    pub ratio: Factor,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_first_person: Count(5),
            ratio: Factor(3.0),
        }
    }
}

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, person) in ctx.linted() {
        check_person(ctx, index, person, out);
    }
}

fn check_person(ctx: &Context<'_>, index: usize, person: &Person, out: &mut Vec<Finding>) {
    let options = ctx.options.all_about_me;
    for interaction in ctx.past_interactions(person) {
        if !records_a_conversation(interaction) {
            continue;
        }
        // The words were counted while reading (`vault::gist`).
        let (mine, theirs) = (interaction.gist.first_person, interaction.gist.about_them);
        if mine < options.min_first_person.0
            || (mine as f64) + 1e-9 < options.ratio.0 * theirs as f64
        {
            continue;
        }
        let message = format!(
            "the {} entry on {} is mostly about you: {mine} first-person words, {theirs} about them",
            interaction.date, person.name
        );
        let help = match interest_or_fact(person) {
            Some(idea) => format!(
                "next time {} and write down what you learn",
                idea.suggestion
            ),
            None => format!(
                "next time ask {} about themselves (work, family, travel) and write down what you learn",
                person.name
            ),
        };
        out.push(
            Finding::about(&INFO, index, Place::interaction(interaction), message).with_help(help),
        );
    }
}

/// Whether the interaction's text is an account of a conversation with
/// them. A log entry in their note is; a journal note is a diary, whose
/// "I" is natural, unless it says who reached out or is a 1:1.
fn records_a_conversation(interaction: &Interaction) -> bool {
    interaction.source != InteractionSource::Journal
        || interaction.by.is_some()
        || interaction.one_on_one
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::sample::{self, ago, fact, log, person};
    use crate::lint::rules::RuleOptions;

    fn entry(text: &str) -> Vec<Finding> {
        let mut p = person("Ada Lovelace");
        p.aliases = vec![fact("Countess".to_string(), 3)];
        log(&mut p, ago(3), text);
        sample::run(check, vec![p])
    }

    #[test]
    fn fires_at_five_first_person_words() {
        let f = entry("I told my story, my plans, I guess me");
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].message,
            format!("the {} entry on Ada Lovelace is mostly about you: 5 first-person words, 0 about them", ago(3))
        );
        assert!(
            entry("I told my story, my plans").is_empty(),
            "3 is below min_first_person"
        );
        assert_eq!(entry("I I I I I").len(), 1);
    }

    #[test]
    fn ratio_edge() {
        // 6 first-person words, 2 about her: exactly 3 times.
        assert_eq!(entry("I me my mine myself I; she Ada").len(), 1);
        // 6 against 3 is only twice.
        assert!(entry("I me my mine myself I; she Ada countess").is_empty());
        let mut options = RuleOptions::default();
        options.all_about_me.ratio = Factor(1.5);
        let mut p = person("Ada");
        log(&mut p, ago(3), "I me my mine myself I; she Ada her");
        assert_eq!(sample::run_with(check, vec![p], &options).len(), 1);
    }

    #[test]
    fn inline_fields_do_not_count() {
        assert!(entry("I told my story [by:: me] (ask:: my me) \nby:: me\n- give:: me").is_empty());
    }

    #[test]
    fn journal_entries_count_only_when_they_record_a_conversation() {
        let text = "I slept badly and my back hurts; I think I need my mattress";
        let mut p = person("Ada Lovelace");
        let diary = log(&mut p, ago(3), text);
        diary.source = InteractionSource::Journal;
        assert!(
            sample::run(check, vec![p.clone()]).is_empty(),
            "a diary paragraph"
        );
        p.interactions[0].one_on_one = true;
        assert_eq!(sample::run(check, vec![p.clone()]).len(), 1, "a 1:1 note");
        p.interactions[0].one_on_one = false;
        p.interactions[0].by = Some(crate::model::By::Me);
        assert_eq!(
            sample::run(check, vec![p]).len(),
            1,
            "by:: says it was a talk"
        );
    }

    #[test]
    fn help_names_an_interest_or_a_fact() {
        let mut p = person("Ada Lovelace");
        log(&mut p, ago(3), "I told my story, my plans, I guess me");
        p.interests = vec![fact("analytical engines".to_string(), 4)];
        assert_eq!(
            sample::run(check, vec![p.clone()])[0].help.as_deref(),
            Some("next time ask about analytical engines and write down what you learn")
        );
        p.interests.clear();
        p.pets = vec!["a cat called Babbage".into()];
        assert_eq!(
            sample::run(check, vec![p])[0].help.as_deref(),
            Some("next time ask after a cat called Babbage and write down what you learn")
        );
    }

    #[test]
    fn quoted_words_are_not_counted() {
        assert!(entry("> I got the job, I start Monday, my boss is kind, I am happy").is_empty());
        assert!(entry("she said \"I quit, I am done, my boss, my rules, me first\"").is_empty());
    }

    #[test]
    fn contractions_count_as_i() {
        assert_eq!(entry("I'm sure I've said I'd go, I'll, I").len(), 1);
    }
}
