//! `all-about-me` (VN107): an interaction's notes are all about you.
//! Counts first-person words against words about the other person in
//! one interaction's text.

use rayon::prelude::*;
use serde::Deserialize;

use super::{Context, Finding, Place};
use crate::lint::diagnostic::Level;
use crate::lint::registry::RuleInfo;
use crate::lint::settings::{Count, Factor};
use crate::model::Person;

pub static INFO: RuleInfo = RuleInfo {
    code: "VN107",
    name: "all-about-me",
    default_level: Level::Info,
    summary: "an interaction's notes are all about you",
    docs: DOCS,
};

const DOCS: &str = r"## What it does

In each interaction (not after today), counts first-person words (`I`,
`me`, `my`, `mine`, `myself`) and words about the other person (any word
of their name or aliases, `he`, `she`, `they`, `him`, `her`, `them`,
`his`, `hers`, `their`, `theirs`), case-insensitively. Inline fields
(`by:: me`, `[ask:: …]`) are not counted. Reports the interaction when
the first-person words number at least `min_first_person` and at least
`ratio` times the words about them. Paused, archived, deceased and
snoozed people are skipped.

## Why it matters

A conversation where you did all the talking teaches you nothing about
the other person, and notes that only record your side suggest it went
that way. Asking about them is what builds the relationship.

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

## Options

- `min_first_person` (default `5`): the fewest first-person words before
  the rule looks at the balance.
- `ratio` (default `3`): how many times the words about them the
  first-person words must number.
";

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

const FIRST_PERSON: &[&str] = &["i", "me", "my", "mine", "myself"];
const ABOUT_THEM: &[&str] = &[
    "he", "she", "they", "him", "her", "them", "his", "hers", "their", "theirs",
];

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    // The one rule that reads every word of every entry: spread people
    // over the cores.
    let people: Vec<(usize, &Person)> = ctx.linted().collect();
    let found: Vec<Finding> = people
        .par_iter()
        .flat_map_iter(|(index, person)| check_person(ctx, *index, person))
        .collect();
    out.extend(found);
}

fn check_person(ctx: &Context<'_>, index: usize, person: &Person) -> Vec<Finding> {
    let options = ctx.options.all_about_me;
    let mut out = Vec::new();
    let names = name_words(person);
    for interaction in ctx.past_interactions(person) {
        // Most entries hold no inline field; skip the copy for them.
        let stripped;
        let text = if interaction.text.contains("::") {
            stripped = strip_inline_fields(&interaction.text);
            stripped.as_str()
        } else {
            interaction.text.as_str()
        };
        let (mut mine, mut theirs) = (0_usize, 0_usize);
        for word in raw_words(text) {
            if is_one_of(word, FIRST_PERSON) {
                mine += 1;
            } else if is_one_of(word, ABOUT_THEM) || is_name(word, &names) {
                theirs += 1;
            }
        }
        if mine < options.min_first_person.0
            || (mine as f64) + 1e-9 < options.ratio.0 * theirs as f64
        {
            continue;
        }
        let message = format!(
            "the {} entry on {} is mostly about you: {mine} first-person words, {theirs} about them",
            interaction.date, person.name
        );
        let help = format!(
            "next time ask {} about themselves (work, family, pets, travel) and write down what you learn",
            person.name
        );
        out.push(
            Finding::about(&INFO, index, Place::interaction(interaction), message).with_help(help),
        );
    }
    out
}

/// Lowercase words of the person's name and aliases (two letters or
/// more, and not first-person words: an alias `me` is not about them).
fn name_words(person: &Person) -> Vec<String> {
    let mut out: Vec<String> = std::iter::once(person.name.as_str())
        .chain(person.aliases.iter().map(|a| a.value.as_str()))
        .flat_map(words)
        .filter(|w| w.chars().count() >= 2 && !FIRST_PERSON.contains(&w.as_str()))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Lowercase words: runs of letters and digits (`I'm` gives `i`, `m`).
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    raw_words(text).map(str::to_lowercase)
}

/// Words as written; the hot loop compares them without allocating.
fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Whether `word` is one of the (ASCII, lowercase) `list`, ignoring case.
fn is_one_of(word: &str, list: &[&str]) -> bool {
    word.len() <= 6 && list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether `word` is one of the person's lowercase name words.
fn is_name(word: &str, names: &[String]) -> bool {
    if word.is_ascii() {
        names.iter().any(|n| n.eq_ignore_ascii_case(word))
    } else {
        names.contains(&word.to_lowercase())
    }
}

/// The text without Dataview inline fields: whole `key:: value` lines,
/// and `[key:: value]` / `(key:: value)` inside text.
fn strip_inline_fields(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let bare = line.trim_start().trim_start_matches(['-', '*', '+', ' ']);
        if is_field(bare) {
            continue;
        }
        let mut rest = line;
        while let Some(open) = rest.find(['[', '(']) {
            let close_char = if rest[open..].starts_with('[') {
                ']'
            } else {
                ')'
            };
            let Some(len) = rest[open + 1..].find(close_char) else {
                break;
            };
            let inner = &rest[open + 1..open + 1 + len];
            out.push_str(&rest[..open]);
            if !is_field(inner) {
                out.push_str(&rest[open..=open + 1 + len]);
            }
            rest = &rest[open + 2 + len..];
        }
        out.push_str(rest);
        out.push('\n');
    }
    out
}

/// `key:: value`: a key of word characters, then `::`.
fn is_field(text: &str) -> bool {
    text.split_once("::").is_some_and(|(key, _)| {
        let key = key.trim();
        !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == ' ')
    })
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
        assert_eq!(
            strip_inline_fields("a [b:: c] d (e) [f]\nk:: v\n"),
            "a  d (e) [f]\n"
        );
    }

    #[test]
    fn contractions_count_as_i() {
        assert_eq!(entry("I'm sure I've said I'd go, I'll, I").len(), 1);
    }
}
