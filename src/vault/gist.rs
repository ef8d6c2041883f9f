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

use super::markdown::floor_boundary;
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
#[derive(Debug, Clone)]
pub struct NameWords {
    words: Vec<String>,
    /// Whole names, lowercase, for finding the journal line about them.
    names: Vec<String>,
    /// The first bytes (ASCII lowercase) of `words`: most words of a
    /// text are rejected by their first byte alone.
    firsts: [bool; 256],
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
        let mut firsts = [false; 256];
        for word in &words {
            if let Some(first) = word.bytes().next() {
                firsts[usize::from(first.to_ascii_lowercase())] = true;
            }
        }
        NameWords {
            words,
            names,
            firsts,
        }
    }

    fn contains(&self, word: &str) -> bool {
        let Some(first) = word.bytes().next() else {
            return false;
        };
        if !self.firsts[usize::from(first.to_ascii_lowercase())] {
            return false;
        }
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
        text.lines().find_map(|line| sentence_naming(line, names))
    } else {
        text.lines().next()
    };
    line.unwrap_or_default()
}

/// The sentence of `line` that names the person, if any: a diary line
/// often opens with the weather or someone else, and a help quoting its
/// start would not say what was talked about with them.
fn sentence_naming<'t>(line: &'t str, names: &NameWords) -> Option<&'t str> {
    let names_them = |text: &str| {
        let text = text.to_lowercase();
        names.names.iter().any(|n| text.contains(n.as_str()))
    };
    if !names_them(line) {
        return None;
    }
    let mut start = 0;
    let bytes = line.as_bytes();
    for (at, c) in line.char_indices() {
        let ends =
            matches!(c, '.' | '!' | '?') && bytes.get(at + 1).is_some_and(u8::is_ascii_whitespace);
        if ends {
            let sentence = &line[start..=at];
            if names_them(sentence) {
                return Some(sentence.trim());
            }
            start = at + 1;
        }
    }
    let rest = line[start..].trim();
    Some(if names_them(rest) { rest } else { line })
}

fn cap(line: &str) -> &str {
    &line[..floor_boundary(line, TOPIC_CAP)]
}

/// First-person words and words about them, inline fields not counted.
/// Reads the text once, without copying it: this runs over every word a
/// vault holds.
fn count_voice(text: &str, names: &NameWords) -> (usize, usize) {
    let mut counts = (0, 0);
    for line in text.lines() {
        // A block quote is their words (a voice message, an email), not
        // yours: its "I" is them speaking.
        if line.trim_start().starts_with('>') {
            continue;
        }
        if !line.contains("::") {
            count_words(line, names, &mut counts);
            continue;
        }
        // A whole `key:: value` line, and `[key:: value]` or
        // `(key:: value)` inside text, are fields, not words.
        let bare = line.trim_start().trim_start_matches(['-', '*', '+', ' ']);
        if is_field(bare) {
            continue;
        }
        let mut rest = line;
        while let Some(open) = rest.find(['[', '(']) {
            let close = if rest[open..].starts_with('[') {
                ']'
            } else {
                ')'
            };
            let Some(len) = rest[open + 1..].find(close) else {
                break;
            };
            count_words(&rest[..open], names, &mut counts);
            let bracketed = &rest[open..=open + 1 + len];
            if !is_field(&bracketed[1..bracketed.len() - 1]) {
                count_words(bracketed, names, &mut counts);
            }
            rest = &rest[open + 2 + len..];
        }
        count_words(rest, names, &mut counts);
    }
    counts
}

/// Counts the words of `text` (runs of letters and digits: `I'm` gives
/// `I`, `m`) into `counts`. ASCII is read byte by byte; other characters
/// are decoded only where they occur.
fn count_words(text: &str, names: &NameWords, counts: &mut (usize, usize)) {
    let mut rest = text;
    // Words inside quotation marks are someone else's (`she said "I
    // quit"`); a mark that is never closed on the line quotes nothing.
    while let Some((open, close)) = next_quote(rest) {
        let after = open + rest[open..].chars().next().map_or(1, char::len_utf8);
        let Some(len) = rest[after..].find(close) else {
            break;
        };
        count_plain_words(&rest[..open], names, counts);
        rest = &rest[after + len + close.len_utf8()..];
    }
    count_plain_words(rest, names, counts);
}

/// The first opening quotation mark of `text` and the mark that closes
/// it: `"…"`, `“…”`, `„…“` (or `„…”`), `«…»`.
fn next_quote(text: &str) -> Option<(usize, char)> {
    // Found by their first byte, which no continuation byte equals: the
    // text is not decoded character by character (this runs over every
    // line of every interaction).
    let bytes = text.as_bytes();
    let mut from = 0;
    let (at, open) = loop {
        let at = from
            + bytes[from..]
                .iter()
                .position(|b| matches!(b, b'"' | 0xC2 | 0xE2))?;
        let open = text[at..].chars().next().unwrap_or_default();
        if matches!(open, '"' | '“' | '„' | '«') {
            break (at, open);
        }
        from = at + 1;
    };
    let close = match open {
        '“' => '”',
        '„' => {
            // German closes with “, some writers with ”: whichever comes.
            let rest = &text[at + open.len_utf8()..];
            return Some((
                at,
                match (rest.find('“'), rest.find('”')) {
                    (Some(a), Some(b)) if b < a => '”',
                    (None, Some(_)) => '”',
                    _ => '“',
                },
            ));
        }
        '«' => '»',
        _ => '"',
    };
    Some((at, close))
}

fn count_plain_words(text: &str, names: &NameWords, counts: &mut (usize, usize)) {
    let bytes = text.as_bytes();
    let mut word_start = None;
    let mut i = 0;
    while i < bytes.len() {
        let (is_word, width) = if bytes[i].is_ascii() {
            (bytes[i].is_ascii_alphanumeric(), 1)
        } else {
            text[i..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8()))
        };
        match (is_word, word_start) {
            (true, None) => word_start = Some(i),
            (false, Some(start)) => {
                tally(&text[start..i], names, counts);
                word_start = None;
            }
            _ => {}
        }
        i += width;
    }
    if let Some(start) = word_start {
        tally(&text[start..], names, counts);
    }
}

fn tally(word: &str, names: &NameWords, counts: &mut (usize, usize)) {
    // First-person words start with `i` or `m`, the pronouns with `h`,
    // `s` or `t`: the first byte spares most words the list lookups.
    let first = word.as_bytes().first().map(u8::to_ascii_lowercase);
    if matches!(first, Some(b'i' | b'm')) && is_one_of(word, FIRST_PERSON) {
        counts.0 += 1;
    } else if (matches!(first, Some(b'h' | b's' | b't')) && is_one_of(word, ABOUT_THEM))
        || names.contains(word)
    {
        counts.1 += 1;
    }
}

/// Words as written: runs of letters and digits.
fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Whether `word` is one of the (ASCII, lowercase) `list`, ignoring case.
fn is_one_of(word: &str, list: &[&str]) -> bool {
    word.len() <= 6 && list.iter().any(|w| w.eq_ignore_ascii_case(word))
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
            count_voice("me [b:: me] me (me) [me]\nk:: me\n", &names),
            (4, 0)
        );
        assert_eq!(count_voice("I [half open:: me", &names), (2, 0));
        assert_eq!(count_voice("I’m — I,她 my", &names), (3, 0));
    }

    #[test]
    fn quoted_words_are_theirs() {
        let names = ada();
        assert_eq!(
            count_voice(
                "She sent a voice note:\n> I got the job, I start Monday, my boss is kind\nI replied",
                &names
            ),
            (1, 1)
        );
        assert_eq!(
            count_voice(
                "she said \"I quit my job, I am free\" and I laughed",
                &names
            ),
            (1, 1)
        );
        assert_eq!(count_voice("„Ich bin müde“ I me", &names), (2, 0));
        assert_eq!(count_voice("“I, me, my” — «je, me» I", &names), (1, 0));
        assert_eq!(count_voice("a 5\" screen, I think my", &names), (2, 0));
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
        assert_eq!(
            topic_line(
                "- Rain all day. Tea with Ada Lovelace, she loves engines! Then home.",
                InteractionSource::Journal,
                &names
            ),
            "Tea with Ada Lovelace, she loves engines!"
        );
        let long = "é".repeat(200);
        assert!(cap(&long).len() <= TOPIC_CAP && long.starts_with(cap(&long)));
    }

    fn entry(text: &str) -> Interaction {
        let date = chrono::NaiveDate::default();
        let source = InteractionSource::Heading;
        Interaction::new(
            date,
            "People/Ada.md".into(),
            Span::line(5),
            source,
            text.into(),
        )
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
