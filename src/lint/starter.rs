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
    Some(quote(&speakable(line), QUOTE_MAX)).filter(|t| !t.is_empty())
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

/// A pending plan: the nearest one not yet due (today or later), else
/// the latest that passed with no contact since (it is still owed).
/// A plan a later contact overtook is not pending.
fn plan(person: &Person, today: NaiveDate) -> Option<Starter> {
    let last = person.last_contact_date(today);
    let upcoming = person
        .plans
        .iter()
        .filter(|p| p.date >= today)
        .min_by_key(|p| p.date);
    let owed = || {
        person
            .plans
            .iter()
            .filter(|p| p.date < today && last.is_none_or(|last| last < p.date))
            .max_by_key(|p| p.date)
    };
    let plan = upcoming.or_else(owed)?;
    let words = quote(&speakable(&plan.text), QUOTE_MAX);
    let date = plan.date;
    let (text, suggestion) = match (words.is_empty(), date >= today) {
        (false, true) => (
            format!("{words} (planned for {date})"),
            format!("confirm \"{words}\", planned for {date}"),
        ),
        (false, false) => (
            format!("{words} (planned for {date})"),
            format!("pick up \"{words}\", planned for {date}"),
        ),
        (true, true) => (
            format!("a contact planned for {date}"),
            format!("confirm the contact you planned for {date}"),
        ),
        (true, false) => (
            format!("a contact planned for {date}"),
            format!("make the contact you planned for {date}"),
        ),
    };
    Some(Starter {
        text,
        kind: StarterKind::Plan,
        date: Some(date),
        suggestion,
    })
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
        .map(|i| quote(&value_words(&i.value), VALUE_MAX))
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
            .map(|v| quote(&value_words(&speakable(v)), VALUE_MAX))
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

/// Inline-field keys that say something about the contact, not what it
/// was about: dropped from a quote, value and all. The reader's own
/// lists (who started it, plans, `about::`) plus the fields of an
/// exchange and dates.
fn is_meta_key(key: &str) -> bool {
    use crate::vault::markdown::{BY_KEYS, NOT_CONTACT_KEYS, PLAN_KEYS};
    BY_KEYS.contains(&key)
        || PLAN_KEYS.contains(&key)
        || NOT_CONTACT_KEYS.contains(&key)
        || ["ask", "give", "learned", "date", "due"].contains(&key)
}

/// Whole-line field keys whose value is the words of the entry
/// (`met:: Went to a lecture with [[Ana]]`): the value is kept. The
/// reader's mention keys, and the keys of a summary.
fn is_words_key(key: &str) -> bool {
    crate::vault::markdown::MENTION_KEYS.contains(&key)
        || ["summary", "topic", "note", "notes"].contains(&key)
}

/// A title or topic made fit to say: inline fields in brackets
/// (`[by:: me]`, `(ask:: an intro)`) dropped when they are about the
/// contact and replaced by their value otherwise (`I talked to
/// (person:: [[Elias]])` → `I talked to Elias`); a bare `key:: value`
/// keeps its value when the key holds the entry's words (`met::`,
/// `with::`), else is cut with its key; links read as their label or
/// the note's name.
pub(crate) fn speakable(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut rest = title;
    while let Some(open) = rest.find(['[', '(']) {
        let close_char = if rest[open..].starts_with('[') {
            ']'
        } else {
            ')'
        };
        // `[[link]]` is a link, not a field.
        if rest[open..].starts_with("[[") {
            let Some(end) = rest[open..].find("]]") else {
                break;
            };
            out.push_str(&rest[..open]);
            out.push_str(link_words(&rest[open + 2..open + end]));
            rest = &rest[open + end + 2..];
            continue;
        }
        let body_start = open + 1;
        let Some(close) = field_close(&rest[body_start..], close_char) else {
            out.push_str(&rest[..body_start]);
            rest = &rest[body_start..];
            continue;
        };
        let body = &rest[body_start..body_start + close];
        match body.split_once("::") {
            Some((key, value)) if is_key(key) => {
                out.push_str(&rest[..open]);
                if !is_meta_key(&key.trim().to_lowercase()) {
                    out.push_str(&speakable(value.trim()));
                }
            }
            _ => out.push_str(&rest[..=open + close + 1]),
        }
        rest = &rest[body_start + close + 1..];
    }
    out.push_str(rest);
    let text = match out.find("::") {
        Some(at) => {
            let key_start = out[..at]
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            let key = out[key_start..at]
                .trim_start_matches(['-', '*'])
                .to_lowercase();
            if is_words_key(&key) {
                format!("{}{}", &out[..key_start], out[at + 2..].trim_start())
            } else {
                out[..key_start].to_string()
            }
        }
        None => out,
    };
    // Dropped fields leave doubled spaces and a space before punctuation;
    // the result is trimmed.
    let mut squeezed = String::with_capacity(text.len());
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let glue = word.starts_with(['.', ',', ';', ':', '!', '?']);
        if !squeezed.is_empty() && !glue {
            squeezed.push(' ');
        }
        squeezed.push_str(word);
    }
    squeezed.trim().to_string()
}

/// The end of a bracketed field's body (its closing bracket), allowing
/// one `[[link]]` inside (`(person:: [[Elias]])`).
fn field_close(body: &str, close: char) -> Option<usize> {
    let mut at = 0;
    while at < body.len() {
        let rest = &body[at..];
        if rest.starts_with("[[") {
            at += rest.find("]]")? + 2;
            continue;
        }
        let c = rest.chars().next()?;
        if c == close {
            return Some(at);
        }
        at += c.len_utf8();
    }
    None
}

/// A Dataview field key: one word of letters, digits, `-` or `_`.
fn is_key(key: &str) -> bool {
    let key = key.trim();
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
        && key.split_whitespace().count() == 1
}

/// How a link reads in a sentence: its label, else the linked note's
/// name without folders or a heading.
fn link_words(inner: &str) -> &str {
    if let Some((_, label)) = inner.split_once('|') {
        return label.trim();
    }
    let target = inner.split('#').next().unwrap_or(inner);
    target.rsplit('/').next().unwrap_or(target).trim()
}

/// A short value as it reads in a sentence: a tag-like slug
/// (`machine-learning`, `interaction_design`) with spaces for its
/// separators; anything else as written.
fn value_words(value: &str) -> String {
    let slug = !value.contains(' ')
        && value.contains(['-', '_'])
        && value
            .split(['-', '_'])
            .all(|w| w.len() >= 2 && w.chars().all(|c| c.is_lowercase() || c.is_ascii_digit()));
    if slug {
        value.replace(['-', '_'], " ")
    } else {
        value.to_string()
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
    fn a_pending_plan_comes_first() {
        use crate::model::{Plan, PlanSource, Span};
        let mut p = person("Bo");
        log(&mut p, ago(20), "Lunch").learned = vec!["new job at Acme".into()];
        for (date, text) in [
            (ago(30), "overtaken by the lunch"),
            (ago(-45), "coffee"),
            (ago(-10), "call about the offer [by:: me]"),
        ] {
            p.plans.push(Plan {
                date,
                text: text.into(),
                path: "People/Bo.md".into(),
                span: Span::line(9),
                source: PlanSource::Task,
            });
        }
        let s = starter(&summarized(p.clone()), today()).unwrap();
        assert_eq!(s.kind, StarterKind::Plan);
        assert_eq!(
            s.text,
            format!("call about the offer (planned for {})", ago(-10))
        );
        assert_eq!(
            s.suggestion,
            format!("confirm \"call about the offer\", planned for {}", ago(-10))
        );
        p.plans.retain(|plan| plan.date < today());
        let s = starter(&summarized(p.clone()), today()).unwrap();
        assert_eq!(
            s.kind,
            StarterKind::Learned,
            "a plan before the last contact is done"
        );
        p.plans[0].date = ago(5);
        p.plans[0].text = String::new();
        let s = starter(&summarized(p), today()).unwrap();
        assert_eq!(
            s.suggestion,
            format!("make the contact you planned for {}", ago(5))
        );
    }

    #[test]
    fn titles_lose_dates_and_inline_fields() {
        assert_eq!(speakable("Coffee [by:: me]"), "Coffee");
        assert_eq!(speakable("Coffee by:: me"), "Coffee");
        assert_eq!(speakable("Coffee (at noon)"), "Coffee (at noon)");
        assert_eq!(speakable("ask:: intro"), "");
        assert_eq!(speakable("Café\u{a0}by:: me"), "Café");
        assert_eq!(
            speakable("I talked to (person:: [[Elias]]) on the train."),
            "I talked to Elias on the train."
        );
        assert_eq!(
            speakable("met:: A lecture on architecture and [[People/AB|Abe]] was there"),
            "A lecture on architecture and Abe was there"
        );
        assert_eq!(
            speakable("Lunch (ask:: an intro to Dana) at noon [give:: a book]"),
            "Lunch at noon"
        );
        assert_eq!(
            speakable("Call [[Ana Silva#Work]] (re: offer"),
            "Call Ana Silva (re: offer"
        );
        assert_eq!(value_words("machine-learning"), "machine learning");
        assert_eq!(value_words("T-shirts"), "T-shirts");
        assert_eq!(value_words("e-mail"), "e-mail");
        let mut p = person("Bo");
        log(&mut p, ago(3), "— Call about the offer");
        let p = summarized(p);
        assert_eq!(
            topic(&p.interactions[0]).as_deref(),
            Some("Call about the offer")
        );
    }
}
