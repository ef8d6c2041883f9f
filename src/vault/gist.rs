//! The gist of an interaction: what the linter needs from its text,
//! taken while the text is at hand so the text itself can be dropped.
//!
//! A vault of years of notes holds far more interaction text than any
//! rule reads. `check` and `people` keep only this gist (a topic line
//! and two word counts), which keeps memory near the size of the facts
//! rather than of the notes; the search index, which needs every word,
//! keeps the text too ([`super::LoadOptions::keep_text`]).
//!
//! The counts are the ones `all-about-me` (VN107) compares; its
//! documentation lists the same words.

use crate::model::{Gist, Interaction, InteractionSource, Person};

/// First-person words.
const FIRST_PERSON: &[&str] = &["i", "me", "my", "mine", "myself"];
/// Pronouns about the other person; their name words count too.
const ABOUT_THEM: &[&str] = &[
    "he", "she", "they", "him", "her", "them", "his", "hers", "their", "theirs",
];
/// Longest topic kept, in bytes: enough for any title a message quotes.
const TOPIC_CAP: usize = 240;

/// The words that name a person, lowercase: every word of their name and
/// aliases of two letters or more, less first-person words (an alias
/// `me` is not about them).
#[derive(Debug, Clone, Default)]
pub struct NameWords {
    words: Vec<String>,
    /// Whole names, lowercase, for finding the journal line about them.
    names: Vec<String>,
}

impl NameWords {
    #[must_use]
    pub fn of(person: &Person) -> Self {
        let mut words: Vec<String> = std::iter::once(person.name.as_str())
            .chain(person.aliases.iter().map(|a| a.value.as_str()))
            .flat_map(raw_words)
            .map(str::to_lowercase)
            .filter(|w| w.chars().count() >= 2 && !FIRST_PERSON.contains(&w.as_str()))
            .collect();
        words.sort();
        words.dedup();
        let names = person
            .names()
            .map(|n| n.trim().to_lowercase())
            .filter(|n| !n.is_empty())
            .collect();
        NameWords { words, names }
    }

    fn contains(&self, word: &str) -> bool {
        if word.is_ascii() {
            self.words.iter().any(|n| n.eq_ignore_ascii_case(word))
        } else {
            self.words.contains(&word.to_lowercase())
        }
    }
}

/// Fills `interaction.gist` from its text, as an interaction with the
/// person `names` describes; then drops the text unless `keep_text`.
pub fn summarize(interaction: &mut Interaction, names: &NameWords, keep_text: bool) {
    interaction.gist = gist(&interaction.text, interaction.source, names);
    if !keep_text {
        interaction.text = String::new();
    }
}

/// Summarizes every interaction of `person`.
pub fn summarize_person(person: &mut Person, keep_text: bool) {
    let names = NameWords::of(person);
    for interaction in &mut person.interactions {
        summarize(interaction, &names, keep_text);
    }
}

fn gist(text: &str, source: InteractionSource, names: &NameWords) -> Gist {
    let (first_person, about_them) = count_voice(text, names);
    Gist {
        topic: cap(topic_line(text, source, names)).to_string(),
        first_person,
        about_them,
    }
}

/// The line saying what it was about: a log entry's first line, or the
/// line of a journal note that names the person (its first line may be
/// about someone else).
fn topic_line<'t>(text: &'t str, source: InteractionSource, names: &NameWords) -> &'t str {
    let line = if source == InteractionSource::Journal {
        text.lines().find(|line| {
            let line = line.to_lowercase();
            names.names.iter().any(|n| line.contains(n.as_str()))
        })
    } else {
        text.lines().next()
    };
    line.unwrap_or_default()
}

fn cap(line: &str) -> &str {
    if line.len() <= TOPIC_CAP {
        return line;
    }
    let mut end = TOPIC_CAP;
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    &line[..end]
}

/// First-person words and words about them, inline fields not counted.
fn count_voice(text: &str, names: &NameWords) -> (usize, usize) {
    // Most entries hold no inline field; skip the copy for them.
    let stripped;
    let text = if text.contains("::") {
        stripped = strip_inline_fields(text);
        stripped.as_str()
    } else {
        text
    };
    let (mut mine, mut theirs) = (0, 0);
    for word in raw_words(text) {
        if is_one_of(word, FIRST_PERSON) {
            mine += 1;
        } else if is_one_of(word, ABOUT_THEM) || names.contains(word) {
            theirs += 1;
        }
    }
    (mine, theirs)
}

/// Words as written: runs of letters and digits (`I'm` gives `I`, `m`).
fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Whether `word` is one of the (ASCII, lowercase) `list`, ignoring case.
fn is_one_of(word: &str, list: &[&str]) -> bool {
    word.len() <= 6 && list.iter().any(|w| w.eq_ignore_ascii_case(word))
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
    use crate::model::{Fact, Span};

    fn ada() -> NameWords {
        let person = Person {
            name: "Ada Lovelace".into(),
            stem: "Ada Lovelace".into(),
            aliases: vec![Fact::new("Countess".into(), Span::line(3))],
            ..Person::default()
        };
        NameWords::of(&person)
    }

    #[test]
    fn counts_first_person_and_words_about_them() {
        let names = ada();
        assert_eq!(
            count_voice("I told my story, my plans, I guess me", &names),
            (5, 0)
        );
        assert_eq!(
            count_voice("I me my mine myself I; she Ada countess", &names),
            (6, 3)
        );
        assert_eq!(count_voice("I'm sure I've said I'd go", &names), (3, 0));
        assert_eq!(count_voice("LOVELACE, Ælfgifu", &names), (0, 1));
    }

    #[test]
    fn inline_fields_do_not_count() {
        let names = ada();
        assert_eq!(
            count_voice(
                "I told my story [by:: me] (ask:: my me) \nby:: me\n- give:: me",
                &names
            ),
            (2, 0)
        );
        assert_eq!(
            strip_inline_fields("a [b:: c] d (e) [f]\nk:: v\n"),
            "a  d (e) [f]\n"
        );
    }

    #[test]
    fn alias_me_is_not_about_them() {
        let person = Person {
            name: "Me".into(),
            aliases: vec![Fact::new("my".into(), Span::line(3))],
            ..Person::default()
        };
        assert_eq!(count_voice("me my", &NameWords::of(&person)), (2, 0));
    }

    #[test]
    fn topic_is_the_first_line_or_the_journal_line_naming_them() {
        let names = ada();
        let text = "Met Bob for a walk.\nLunch with ada lovelace at noon";
        assert_eq!(
            topic_line(text, InteractionSource::Heading, &names),
            "Met Bob for a walk."
        );
        assert_eq!(
            topic_line(text, InteractionSource::Journal, &names),
            "Lunch with ada lovelace at noon"
        );
        assert_eq!(
            topic_line("Met Bob", InteractionSource::Journal, &names),
            ""
        );
        let long = "é".repeat(200);
        assert!(cap(&long).len() <= TOPIC_CAP && long.starts_with(cap(&long)));
    }

    fn entry(text: &str) -> Interaction {
        Interaction {
            date: chrono::NaiveDate::default(),
            path: "People/Ada.md".into(),
            span: Span::line(5),
            source: InteractionSource::Heading,
            text: text.into(),
            gist: Gist::default(),
            by: None,
            asks: Vec::new(),
            gives: Vec::new(),
            learned: Vec::new(),
            ignore: Vec::new(),
            ignore_span: None,
        }
    }

    #[test]
    fn summarize_drops_the_text_unless_kept() {
        let mut interaction = entry("I and my tea");
        summarize(&mut interaction, &ada(), false);
        assert_eq!(interaction.text, "");
        assert_eq!(interaction.gist.first_person, 2);
        assert_eq!(interaction.gist.topic, "I and my tea");
        let mut kept = entry("tea");
        summarize(&mut kept, &ada(), true);
        assert_eq!(kept.text, "tea");
    }
}
