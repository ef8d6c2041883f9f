//! Conversation starters: something concrete to talk about with a
//! person, taken from what the notes know about them.
//!
//! SPEC §3 asks every relationship help to name something to do or say
//! from the vault ("the newest `learned::`, a pending plan, an interest,
//! the last topic"), and the agenda and the language server's hover say
//! the same things. They all read this one module, so a help, an agenda
//! line and a hover never disagree about what to bring up.
//!
//! Quoted text is cut at a word boundary (`…` marks the cut): a starter
//! is read at a glance, and half a word reads as a typo.

use chrono::NaiveDate;

use crate::model::{Interaction, Person};
use crate::vault::dates::leading_date;

/// Longest quote of a note's words (a learned fact, a topic, a plan).
const QUOTE_MAX: usize = 60;
/// Longest quote of a short value (an interest, a company, a pet).
const VALUE_MAX: usize = 40;

/// Where a starter comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StarterKind {
    /// A planned contact (`next_contact`, an unchecked dated task).
    Plan,
    /// The newest `learned::` fact.
    Learned,
    /// One of their interests.
    Interest,
    /// What the last conversation was about.
    Topic,
    /// A fact about them: family, pets, work, where they live.
    Fact,
}

/// Something concrete to talk about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Starter {
    /// The words from the notes, one line, cut at a word boundary
    /// (`moving to Lisbon in March`, `sailing`, `Coffee at Blue Bottle`).
    pub text: String,
    pub kind: StarterKind,
    /// The date the text belongs to, where it has one: the plan's date,
    /// the interaction the fact was learned in or the topic comes from.
    pub date: Option<NaiveDate>,
    /// A phrase to put after "reach out and" or "next time": an
    /// imperative in lowercase (`ask about "moving to Lisbon", noted on
    /// 2026-09-01`).
    pub suggestion: String,
}

/// The best thing to talk about: a pending plan, else the newest
/// `learned::` (from any interaction, then the note's own), else an
/// interest, else the last conversation's topic, else a fact (family,
/// pets, work, place). None when the notes know nothing about them.
#[must_use]
pub fn starter(person: &Person, today: NaiveDate) -> Option<Starter> {
    starters(person, today).into_iter().next()
}

/// Every kind of starter the notes offer, best first, at most one of
/// each kind: for a caller that wants a second idea, or one of a kind.
#[must_use]
pub fn starters(person: &Person, today: NaiveDate) -> Vec<Starter> {
    let past = past_interactions(person, today);
    [
        plan(person, today),
        learned(person, &past),
        interest(person),
        topic_of_last(&past),
        fact(person),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// One of their interests, else a fact about them: what the helps of
/// `early-ask`, `all-about-me`, `one-sided-outreach` and
/// `taking-not-giving` name ("ask about sailing").
#[must_use]
pub fn interest_or_fact(person: &Person) -> Option<Starter> {
    interest(person).or_else(|| fact(person))
}

/// The topic of one interaction: its topic line (read by `vault::gist`;
/// for a journal note, the sentence that mentions them) without the
/// date and inline fields, cut at a word boundary.
#[must_use]
pub fn topic(interaction: &Interaction) -> Option<String> {
    let line = interaction.gist.topic.as_str();
    let line = leading_date(line).map_or(line, |(_, rest)| rest);
    let line = line.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '-' | '—' | '–' | '|' | ',' | '*')
    });
    Some(quote(strip_fields(line), QUOTE_MAX)).filter(|t| !t.is_empty())
}

/// User text made fit to quote: its first non-empty line, without
/// trailing punctuation, at most `max` characters, cut at a word
/// boundary with `…` (a single word longer than `max` is cut inside).
#[must_use]
pub fn quote(text: &str, max: usize) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let line = line.trim_end_matches(['.', ' ', ':', ';', ',']);
    if line.chars().count() <= max {
        return line.to_string();
    }
    let room = max.saturating_sub(1);
    let end = line
        .char_indices()
        .nth(room)
        .map_or(line.len(), |(at, _)| at);
    let head = &line[..end];
    // Cut before the word the limit falls in, unless the limit falls
    // just after a word or the head is a single word.
    let at_word_end = !line[end..].starts_with(char::is_alphanumeric);
    let cut = if at_word_end {
        head
    } else {
        head.rfind(char::is_whitespace)
            .map_or(head, |space| &head[..space])
    };
    let cut = cut.trim_end_matches(|c: char| c.is_whitespace() || ",;:-—–(".contains(c));
    format!("{cut}…")
}

fn past_interactions(person: &Person, today: NaiveDate) -> Vec<&Interaction> {
    let mut list = person.interactions_by_date();
    list.retain(|i| i.date <= today);
    list
}

/// A pending plan. Plans are read by the fields reader into
/// `Person.plans`; until a person has one, there is none to offer.
fn plan(_person: &Person, _today: NaiveDate) -> Option<Starter> {
    None
}

/// The newest `learned::` of any interaction (not after today), else the
/// last one written outside the log.
fn learned(person: &Person, past: &[&Interaction]) -> Option<Starter> {
    let dated = past.iter().rev().find_map(|i| {
        let text = i
            .learned
            .iter()
            .rev()
            .map(|l| quote(l, QUOTE_MAX))
            .find(|l| !l.is_empty())?;
        Some((text, Some(i.date)))
    });
    let (text, date) = dated.or_else(|| {
        person
            .learned
            .iter()
            .rev()
            .map(|l| quote(l, QUOTE_MAX))
            .find(|l| !l.is_empty())
            .map(|l| (l, None))
    })?;
    let suggestion = match date {
        Some(date) => format!("ask about \"{text}\", noted on {date}"),
        None => format!("ask about \"{text}\""),
    };
    Some(Starter {
        text,
        kind: StarterKind::Learned,
        date,
        suggestion,
    })
}

fn interest(person: &Person) -> Option<Starter> {
    let text = person
        .interests
        .iter()
        .map(|i| quote(&i.value, VALUE_MAX))
        .find(|i| !i.is_empty())?;
    Some(Starter {
        suggestion: format!("ask about {text}"),
        text,
        kind: StarterKind::Interest,
        date: None,
    })
}

fn topic_of_last(past: &[&Interaction]) -> Option<Starter> {
    let (interaction, text) = past.iter().rev().find_map(|i| Some((*i, topic(i)?)))?;
    Some(Starter {
        suggestion: format!("follow up on \"{text}\" from {}", interaction.date),
        text,
        kind: StarterKind::Topic,
        date: Some(interaction.date),
    })
}

/// A fact to ask after: family and pets first (what a friend asks
/// about), then work, then where they live.
fn fact(person: &Person) -> Option<Starter> {
    let first = |values: &[String]| {
        values
            .iter()
            .map(|v| quote(v, VALUE_MAX))
            .find(|v| !v.is_empty())
    };
    let (text, suggestion) = if let Some(family) = first(&person.family) {
        (family.clone(), format!("ask after {family}"))
    } else if let Some(pet) = first(&person.pets) {
        (pet.clone(), format!("ask after {pet}"))
    } else if let Some(company) = first(&person.company) {
        (company.clone(), format!("ask how things are at {company}"))
    } else if let Some(role) = first(&person.role) {
        (role.clone(), format!("ask how the work as {role} is going"))
    } else if let Some(place) = first(&person.location) {
        (place.clone(), format!("ask how life in {place} is"))
    } else {
        return None;
    };
    Some(Starter {
        text,
        kind: StarterKind::Fact,
        date: None,
        suggestion,
    })
}

/// A title without inline fields (`[by:: me]`) or what follows `key::`.
pub(crate) fn strip_fields(title: &str) -> &str {
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
    use crate::lint::rules::sample::{ago, fact as fact_at, log, person, today};
    use crate::model::InteractionSource;

    fn summarized(mut p: Person) -> Person {
        crate::vault::gist::summarize_person(&mut p, true);
        p
    }

    #[test]
    fn quotes_are_cut_at_a_word_boundary() {
        assert_eq!(quote("moving to Lisbon.", 60), "moving to Lisbon");
        assert_eq!(
            quote("she starts at a new studio in March", 20),
            "she starts at a new…"
        );
        assert_eq!(quote("she starts at a", 14), "she starts at…");
        assert_eq!(quote("supercalifragilistic", 6), "super…");
        assert_eq!(quote("  \n second line", 60), "second line");
        assert_eq!(quote("café au lait, très bien", 13), "café au lait…");
        assert_eq!(quote("", 5), "");
    }

    #[test]
    fn the_newest_learned_of_any_interaction_comes_first() {
        let mut p = person("Bo");
        log(&mut p, ago(90), "Coffee").learned = vec!["has a new puppy".into()];
        log(&mut p, ago(30), "Call").learned = vec!["moving to Lisbon".into()];
        log(&mut p, ago(5), "Lunch");
        log(&mut p, ago(-5), "Dinner").learned = vec!["planned".into()];
        p.interests = vec![fact_at("sailing".to_string(), 4)];
        let s = starter(&summarized(p), today()).unwrap();
        assert_eq!(s.kind, StarterKind::Learned);
        assert_eq!(s.text, "moving to Lisbon");
        assert_eq!(s.date, Some(ago(30)));
        assert_eq!(
            s.suggestion,
            format!("ask about \"moving to Lisbon\", noted on {}", ago(30))
        );
    }

    #[test]
    fn falls_back_to_interest_then_topic_then_fact() {
        let mut p = person("Bo");
        p.interests = vec![fact_at("sailing".to_string(), 4)];
        log(&mut p, ago(40), "Coffee at Blue Bottle [by:: me]");
        let p = summarized(p);
        let all = starters(&p, today());
        let kinds: Vec<_> = all.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [StarterKind::Interest, StarterKind::Topic]);
        assert_eq!(all[0].suggestion, "ask about sailing");
        assert_eq!(
            all[1].suggestion,
            format!("follow up on \"Coffee at Blue Bottle\" from {}", ago(40))
        );

        let mut q = person("Cy");
        q.pets = vec!["Biscuit the beagle".into()];
        q.company = vec!["Acme".into()];
        let s = starter(&q, today()).unwrap();
        assert_eq!(
            (s.kind, s.suggestion.as_str()),
            (StarterKind::Fact, "ask after Biscuit the beagle")
        );
        assert_eq!(interest_or_fact(&q).unwrap().text, "Biscuit the beagle");
        assert!(starter(&person("Nobody"), today()).is_none());
    }

    #[test]
    fn journal_topics_are_the_sentence_that_mentions_them() {
        let mut p = person("Bo Lind");
        let i = log(&mut p, ago(10), "x");
        i.source = InteractionSource::Journal;
        i.text = "Slept badly and the train was late again. Lunch with Bo Lind at the \
                  noodle place, he is thinking about a sabbatical. Then groceries."
            .into();
        let p = summarized(p);
        assert_eq!(
            topic(&p.interactions[0]).as_deref(),
            Some("Lunch with Bo Lind at the noodle place, he is thinking…")
        );
    }

    #[test]
    fn titles_lose_dates_and_inline_fields() {
        assert_eq!(strip_fields("Coffee [by:: me]"), "Coffee ");
        assert_eq!(strip_fields("Coffee by:: me"), "Coffee ");
        assert_eq!(strip_fields("Coffee (at noon)"), "Coffee (at noon)");
        assert_eq!(strip_fields("ask:: intro"), "");
        assert_eq!(strip_fields("Café\u{a0}by:: me"), "Café\u{a0}");
        let mut p = person("Bo");
        log(&mut p, ago(3), "— Call about the offer");
        let p = summarized(p);
        assert_eq!(
            topic(&p.interactions[0]).as_deref(),
            Some("Call about the offer")
        );
    }
}
