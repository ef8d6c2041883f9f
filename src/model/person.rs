//! A person and the interactions logged with them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Span;

/// Who started an interaction (`by::`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum By {
    Me,
    Them,
    Both,
}

impl By {
    /// Reads `me`, `them` or `both` (case-insensitive; `i`/`self`, `they`
    /// and `mutual` too, as people write them).
    #[must_use]
    pub fn parse(text: &str) -> Option<By> {
        match text
            .trim()
            .trim_matches(|c| c == '"' || c == '\'')
            .to_lowercase()
            .as_str()
        {
            "me" | "i" | "self" | "myself" => Some(By::Me),
            "them" | "they" | "him" | "her" | "other" => Some(By::Them),
            "both" | "mutual" | "us" | "we" => Some(By::Both),
            _ => None,
        }
    }

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            By::Me => "me",
            By::Them => "them",
            By::Both => "both",
        }
    }
}

/// The relationship status (`status:`, SPEC §2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Status {
    #[default]
    Active,
    Paused,
    Archived,
    Deceased,
    /// Someone you know *of* (an author, a character, your dentist):
    /// listed and indexed, never linted by the relationship rules.
    Reference,
}

/// The status words and their synonyms.
const STATUS_WORDS: &[(&str, Status)] = &[
    ("active", Status::Active),
    ("paused", Status::Paused),
    ("pause", Status::Paused),
    ("on hold", Status::Paused),
    ("inactive", Status::Paused),
    ("archived", Status::Archived),
    ("archive", Status::Archived),
    ("former", Status::Archived),
    ("deceased", Status::Deceased),
    ("dead", Status::Deceased),
    ("died", Status::Deceased),
    ("reference", Status::Reference),
];

impl Status {
    /// A status word or synonym (`inactive` is paused, `former`
    /// archived, `dead` deceased); None for any other value.
    #[must_use]
    pub fn parse(text: &str) -> Option<Status> {
        let text = text.trim().to_lowercase();
        let text = text.replace(['-', '_'], " ");
        STATUS_WORDS
            .iter()
            .find(|(word, _)| *word == text)
            .map(|(_, status)| *status)
    }

    /// The status word a value nearly spells (`archvied`): a slip worth
    /// a warning. Values that are no near miss (`lead`, `draft`, `won`)
    /// are another workflow's statuses and mean active.
    #[must_use]
    pub fn near_miss(text: &str) -> Option<&'static str> {
        let text = text.trim().to_lowercase();
        if text.chars().count() < 4 || Status::parse(&text).is_some() {
            return None;
        }
        ["active", "paused", "archived", "deceased", "reference"]
            .into_iter()
            .find(|word| {
                let distance = strsim::osa_distance(&text, word);
                distance >= 1 && distance <= if word.len() <= 6 { 1 } else { 2 }
            })
    }

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Paused => "paused",
            Status::Archived => "archived",
            Status::Deceased => "deceased",
            Status::Reference => "reference",
        }
    }
}

/// A wanted contact cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Cadence {
    /// Every N days.
    Days(u32),
    /// `none`: no cadence wanted, never stale.
    Never,
}

/// A front-matter value with the line it was written on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Fact<T> {
    pub fn new(value: T, span: Span) -> Self {
        Fact { value, span }
    }
}

/// Where an interaction was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InteractionSource {
    /// A heading that starts with a date.
    Heading,
    /// A dated list item in a log section.
    ListItem,
    /// An entry of the front-matter `interactions` list.
    FrontMatter,
    /// A mention in a journal note.
    Journal,
}

/// What the linter needs of an interaction's text, kept when the text
/// itself is not (see `vault::gist`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gist {
    /// The line that says what it was about: a log entry's first line,
    /// or the line of a journal note naming the person (capped).
    pub topic: String,
    /// First-person words (`I`, `me`, `my`, `mine`, `myself`), inline
    /// fields not counted.
    pub first_person: usize,
    /// Words about the other person: their name and alias words and
    /// third-person pronouns.
    pub about_them: usize,
}

/// One contact with a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interaction {
    pub date: NaiveDate,
    /// The note it was logged in (the person note or a journal note),
    /// relative to the vault with `/` separators.
    pub path: String,
    /// Where in that note: the heading, item or front-matter entry.
    pub span: Span,
    pub source: InteractionSource,
    /// Plain text of the interaction (title and content). Empty unless
    /// the vault was read with `keep_text` (the search index needs it);
    /// [`Gist`] holds what the linter reads.
    pub text: String,
    pub gist: Gist,
    pub by: Option<By>,
    pub asks: Vec<String>,
    pub gives: Vec<String>,
    pub learned: Vec<String>,
    /// A journal note with exactly one participant besides the owner: it
    /// records a conversation with them (VN107).
    pub one_on_one: bool,
    /// The `<!-- vaultnet-ignore … -->` on the line before, if any.
    /// Boxed: few interactions have one, and a vault holds every
    /// interaction at once (an unboxed rule list and place were 88 of
    /// an interaction's 304 bytes).
    pub ignore: Option<Box<IgnoreComment>>,
}

/// A `<!-- vaultnet-ignore … -->` comment: the rules it silences, and
/// its place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IgnoreComment {
    pub rules: Vec<String>,
    pub span: Span,
}

impl Interaction {
    /// An interaction with nothing read from it yet: no `by`, asks,
    /// gives, learned facts, suppressions or gist.
    #[must_use]
    pub fn new(
        date: NaiveDate,
        path: String,
        span: Span,
        source: InteractionSource,
        text: String,
    ) -> Self {
        Interaction {
            date,
            path,
            span,
            source,
            text,
            gist: Gist::default(),
            by: None,
            asks: Vec::new(),
            gives: Vec::new(),
            learned: Vec::new(),
            one_on_one: false,
            ignore: None,
        }
    }
}

/// A planned contact (VN109 `missed-follow-up`, `agenda`): a `next_contact`
/// field, or an unchecked dated task in the person's own note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub date: NaiveDate,
    /// What is planned, as written (the task's text without its date; for
    /// the field, empty or the field's text).
    pub text: String,
    /// The note it is written in, vault-relative, `/` separators.
    pub path: String,
    pub span: Span,
    pub source: PlanSource,
}

/// Where a [`Plan`] was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlanSource {
    /// `next_contact` or an alias (front matter or a body field).
    Field,
    /// An unchecked dated task: `- [ ] 2026-11-01 call about the offer`,
    /// `- [ ] [[2026-11-01]] …`, `- [ ] call Ada 📅 2026-11-01`.
    Task,
}

/// Per-note lint settings (`vaultnet: {ignore, until, reason}`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Suppression {
    /// Rule names or codes as written.
    pub rules: Vec<String>,
    pub until: Option<NaiveDate>,
    pub reason: Option<String>,
    pub span: Span,
}

/// A person note, read into typed facts.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Person {
    /// Index of the note in `Vault::notes`.
    pub note: usize,
    /// Note path relative to the vault, `/` separators.
    pub path: String,
    pub name: String,
    /// Where the name comes from (front-matter key, heading or line 1).
    pub name_span: Span,
    pub aliases: Vec<Fact<String>>,
    pub slug: Option<String>,
    /// File stem.
    pub stem: String,
    /// Tags without `#`, as written (nested tags keep their `/`).
    pub tags: Vec<String>,
    /// The owner note: the user themself (alias `me` or `self: true`).
    pub is_owner: bool,
    pub met: Option<Fact<NaiveDate>>,
    pub met_at: Option<String>,
    pub cadence: Option<Fact<Cadence>>,
    pub tier: Option<Fact<String>>,
    pub last_contact: Option<Fact<NaiveDate>>,
    pub interests: Vec<Fact<String>>,
    pub company: Vec<String>,
    pub role: Vec<String>,
    pub location: Vec<String>,
    pub relationship: Vec<String>,
    pub family: Vec<String>,
    pub pets: Vec<String>,
    /// Birthday as written (`1990-04-02`, `--04-02`, …) when valid.
    pub birthday: Option<String>,
    pub status: Status,
    pub snooze_until: Option<NaiveDate>,
    /// `learned::` fields outside any interaction.
    pub learned: Vec<String>,
    /// What the note's knowledge sections say about them (SPEC §2.2:
    /// items and paragraphs under `Family`, `Background`, `Things to
    /// remember`, …; interests sections go to `interests`). Counts as
    /// knowing them (VN106).
    pub knowledge: Vec<Fact<String>>,
    /// Every front-matter key and value as text, for the search index.
    pub extra: Vec<(String, String)>,
    /// In note order as written; journal interactions appended.
    pub interactions: Vec<Interaction>,
    /// Planned contacts: the `next_contact` field (or an alias), then the
    /// unchecked dated tasks of the person's own note, in note order.
    pub plans: Vec<Plan>,
    pub suppression: Option<Suppression>,
    /// Span of the whole front matter (line 1), or line 1 without one.
    pub front_matter_span: Span,
    /// The cadence in force in days (own `cadence`, else `tier`, else a
    /// tag cadence, else `default_cadence`); None for `none`.
    pub cadence_days: Option<u32>,
    /// Where `cadence_days` comes from, for messages: `cadence`,
    /// ``tier `close` ``, ``tag `mentor` `` or `default_cadence`.
    pub cadence_origin: String,
}

impl Person {
    /// Frees the spare room of the lists read into the person: a large
    /// vault keeps every person in memory at once.
    pub fn shrink_to_fit(&mut self) {
        self.interactions.shrink_to_fit();
        self.interests.shrink_to_fit();
        self.learned.shrink_to_fit();
        self.tags.shrink_to_fit();
    }

    /// Every name this person answers to: name, aliases, slug, stem.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.aliases.iter().map(|a| a.value.as_str()))
            .chain(self.slug.as_deref())
            .chain(std::iter::once(self.stem.as_str()))
    }

    /// Dates of contact (SPEC §2.4): interactions not after `today`,
    /// `last_contact` and `met`.
    pub fn contact_dates(&self, today: NaiveDate) -> impl Iterator<Item = NaiveDate> + '_ {
        self.interactions
            .iter()
            .map(|i| i.date)
            .filter(move |d| *d <= today)
            .chain(self.last_contact.as_ref().map(|f| f.value))
            .chain(self.met.as_ref().map(|f| f.value))
    }

    /// Logged contacts (SPEC §2.4): the distinct dates of interactions
    /// not after `today`, and `met`, in order; `last_contact` alone says
    /// when, not how often, so it is not one of them.
    #[must_use]
    pub fn logged_contact_dates(&self, today: NaiveDate) -> std::collections::BTreeSet<NaiveDate> {
        self.interactions
            .iter()
            .map(|i| i.date)
            .filter(|d| *d <= today)
            .chain(self.met.as_ref().map(|m| m.value))
            .collect()
    }

    /// The latest contact date, if any.
    #[must_use]
    pub fn last_contact_date(&self, today: NaiveDate) -> Option<NaiveDate> {
        self.contact_dates(today).max()
    }

    /// Whether relationship rules apply today (active, not snoozed).
    #[must_use]
    pub fn is_linted(&self, today: NaiveDate) -> bool {
        !self.is_owner
            && self.status == Status::Active
            && self.snooze_until.is_none_or(|until| until <= today)
    }

    /// Interactions sorted by date (stable: same-day keep note order).
    #[must_use]
    pub fn interactions_by_date(&self) -> Vec<&Interaction> {
        let mut list: Vec<&Interaction> = self.interactions.iter().collect();
        list.sort_by_key(|i| i.date);
        list
    }
}
