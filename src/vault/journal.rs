//! What a journal note says about contact (SPEC §1, §2.3): its date, the
//! people it mentions, and whose `by::`/`ask::`/`give::`/`learned::`
//! fields are whose.
//!
//! A note is read on its own (in parallel, and cached); names are only
//! resolved once every note is read, in [`Journal::resolve`].
//!
//! Decisions where the spec is silent:
//! - Role keys (`mentor: jo-park`) are read from every front-matter key
//!   but those that hold the note's own metadata (dates, type, tags,
//!   title, status, aliases, links to sources): a value there is never a
//!   participant, even when it happens to be someone's name.
//! - A role-key value that names no one is silently ignored (it is
//!   usually text: `project: Apollo`); only a participant key's value or
//!   a link is checked for near misses (VN010).
//! - Mentions of the owner neither make a note a 1:1 nor claim a
//!   paragraph's fields.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::daily_notes::{find_compact_date, DailyNotes};
use super::dates::{find_iso_date, leading_date, parse_date, DateValue};
use super::fields::{link_text, value_strings};
use super::frontmatter::FrontMatter;
use super::markdown::{inline_fields, Body, ContactFields, Mention};
use super::names::NameIndex;
use crate::model::{Interaction, InteractionSource, Problem, ProblemKind};

/// Front-matter keys that list participants (SPEC §2.3).
pub const PARTICIPANT_KEYS: &[&str] = &[
    "people",
    "person",
    "participants",
    "participant",
    "attendees",
    "attendee",
    "with",
    "contact",
    "contacts",
];
/// Keys whose values are never participants, normalised (lowercase,
/// letters and digits only): the spec's list, and the note's own
/// metadata.
const NOT_ROLE_KEYS: &[&str] = &[
    "author",
    "authors",
    "creator",
    "createdby",
    "source",
    "about",
    "subject",
    "topic",
    "date",
    "meetingdate",
    "created",
    "updated",
    "modified",
    "type",
    "kind",
    "category",
    "categories",
    "tags",
    "tag",
    "title",
    "summary",
    "description",
    "status",
    "aliases",
    "alias",
    "cssclasses",
    "cssclass",
    "publish",
    "permalink",
    "id",
    "uid",
    "url",
    "link",
    "links",
    "vaultnet",
    "owner",
];
/// Front-matter keys holding a journal note's date.
const DATE_KEYS: &[&str] = &["date", "meeting_date", "meeting-date", "meetingdate"];
/// Keys whose text is part of a front-matter participant's interaction.
const TEXT_KEYS: &[&str] = &["summary", "title", "description"];
/// Mentions from the front matter are one block of their own.
const FRONT_MATTER_BLOCK: usize = usize::MAX;
/// How many body lines an inline `date::` may be found in.
const DATE_FIELD_LINES: usize = 20;

fn normal_key(key: &str) -> String {
    key.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A journal note read on its own, before names are resolved.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Journal {
    pub date: NaiveDate,
    /// Body mentions and front-matter participants.
    pub mentions: Vec<Mention>,
    /// Values of other front-matter keys: participants only when they
    /// name a person exactly.
    pub roles: Vec<Mention>,
    /// Fields outside any block that mentions someone.
    pub note_fields: ContactFields,
}

/// The date of a journal note and the problems in finding it: front
/// matter `date`/`meeting_date`, else an inline `date::` in the first 20
/// body lines, else the file name (ISO, compact `YYYYMMDD`, or the
/// daily-notes format), else the first heading's date. A front-matter
/// date that differs from a real file-name date is `conflicting-date`.
#[must_use]
pub fn journal_date(
    fm: Option<&FrontMatter>,
    rel: &str,
    stem: &str,
    body_text: &str,
    body: &Body,
    daily: Option<&DailyNotes>,
) -> (Option<NaiveDate>, Vec<Problem>) {
    let file_date = daily
        .and_then(|d| d.date_of(rel))
        .or_else(|| find_iso_date(stem))
        .or_else(|| find_compact_date(stem));
    if let Some(field) = fm.and_then(|fm| fm.get(DATE_KEYS)) {
        let text = value_strings(&field.value, false)
            .and_then(|v| v.into_iter().next())
            .unwrap_or_default();
        match parse_date(&text) {
            DateValue::Date(date) => {
                let mut problems = Vec::new();
                if let Some(named) = file_date.filter(|d| *d != date) {
                    problems.push(
                        Problem::new(
                            ProblemKind::ConflictingDate,
                            field.span,
                            format!(
                                "`{}` says {date} but the file name says {named}; {date} is used",
                                field.key
                            ),
                        )
                        .with_help(format!(
                            "correct whichever is wrong: set `{}: {named}` or rename the note",
                            field.key
                        )),
                    );
                }
                return (Some(date), problems);
            }
            DateValue::Invalid => {
                let problem = Problem::new(
                    ProblemKind::InvalidDate,
                    field.span,
                    format!("invalid date `{text}` in `{}`", field.key),
                )
                .with_help(crate::vault::dates::invalid_date_help(&text));
                return (file_date, vec![problem]);
            }
            DateValue::NotDate => {}
        }
    }
    if let Some(date) = inline_date(body_text) {
        return (Some(date), Vec::new());
    }
    if file_date.is_some() {
        return (file_date, Vec::new());
    }
    let first_heading = body.sections.iter().find(|s| !s.heading.is_empty());
    let date = first_heading.and_then(|s| match leading_date(&s.heading) {
        Some((DateValue::Date(date), _)) => Some(date),
        _ => None,
    });
    (date, Vec::new())
}

/// A `date::` field in the first lines of the body.
fn inline_date(body_text: &str) -> Option<NaiveDate> {
    body_text.lines().take(DATE_FIELD_LINES).find_map(|line| {
        inline_fields(line)
            .into_iter()
            .filter(|(key, _)| key.eq_ignore_ascii_case("date"))
            .find_map(|(_, value)| match parse_date(&value) {
                DateValue::Date(date) => Some(date),
                _ => None,
            })
    })
}

impl Journal {
    /// Gathers a journal note's mentions: the body's, front-matter
    /// participants (whose text is the `summary`/`title`/`description`
    /// and the body), and role-key values.
    #[must_use]
    pub fn read(date: NaiveDate, fm: Option<&FrontMatter>, body: &Body) -> Journal {
        let mut journal = Journal {
            date,
            mentions: body.mentions.clone(),
            roles: Vec::new(),
            note_fields: body.note_fields.clone(),
        };
        let Some(fm) = fm else { return journal };
        let mut text: Vec<String> = TEXT_KEYS
            .iter()
            .filter_map(|k| fm.get(&[k]))
            .filter_map(|f| value_strings(&f.value, false))
            .flatten()
            .collect();
        text.extend(body.sections.iter().map(|s| s.text.clone()));
        let text = text.join("\n");
        for field in &fm.fields {
            let key = normal_key(&field.key);
            let participant = PARTICIPANT_KEYS.iter().any(|k| normal_key(k) == key);
            if !participant && NOT_ROLE_KEYS.contains(&key.as_str()) {
                continue;
            }
            let Some(values) = value_strings(&field.value, true) else {
                continue;
            };
            for value in values {
                let target = link_text(&value).trim().trim_start_matches('@').to_string();
                if target.is_empty() || target.len() > 200 {
                    continue;
                }
                let mention = Mention {
                    target,
                    span: field.span,
                    text: text.clone(),
                    by: None,
                    asks: Vec::new(),
                    gives: Vec::new(),
                    learned: Vec::new(),
                    block: FRONT_MATTER_BLOCK,
                };
                if participant {
                    journal.mentions.push(mention);
                } else {
                    journal.roles.push(mention);
                }
            }
        }
        journal
    }

    /// Turns the mentions into one interaction per person named, with
    /// each field given to the people of its paragraph or item, the
    /// note-level fields to front-matter participants, and every field
    /// to the one participant of a 1:1. Returns the interactions and the
    /// mentions that named no one (for `unknown-person`).
    pub fn resolve(
        self,
        path: &str,
        index: &NameIndex,
        is_owner: impl Fn(usize) -> bool,
    ) -> (Vec<(usize, Interaction)>, Vec<Mention>) {
        let mut unresolved = Vec::new();
        let mut found: Vec<(usize, Mention)> = Vec::new();
        for mention in self.mentions {
            match index.resolve(&mention.target) {
                Some(who) => found.push((who, mention)),
                None => unresolved.push(mention),
            }
        }
        for mention in self.roles {
            if let Some(who) = index.resolve(&mention.target) {
                found.push((who, mention));
            }
        }
        // Blocks that mention someone own their fields; the fields of
        // blocks that name only notes or nobody are note-level.
        let person_blocks: HashSet<usize> = found
            .iter()
            .filter(|(who, _)| !is_owner(*who))
            .map(|(_, m)| m.block)
            .collect();
        let mut note_fields = self.note_fields;
        let mut all_fields = note_fields.clone();
        let mut seen_blocks = HashSet::new();
        for mention in found.iter().map(|(_, m)| m).chain(&unresolved) {
            if mention.block == FRONT_MATTER_BLOCK || !seen_blocks.insert(mention.block) {
                continue;
            }
            add_fields(&mut all_fields, mention);
            if !person_blocks.contains(&mention.block) {
                add_fields(&mut note_fields, mention);
            }
        }
        let participants: HashSet<usize> = found
            .iter()
            .map(|(who, _)| *who)
            .filter(|who| !is_owner(*who))
            .collect();
        let one_on_one = participants.len() == 1;
        let mut per_person: BTreeMap<usize, Interaction> = BTreeMap::new();
        for (who, mention) in found {
            if is_owner(who) {
                continue;
            }
            let interaction = per_person.entry(who).or_insert_with(|| {
                let mut interaction = Interaction::new(
                    self.date,
                    path.to_string(),
                    mention.span,
                    InteractionSource::Journal,
                    mention.text.clone(),
                );
                interaction.one_on_one = one_on_one;
                interaction
            });
            if !one_on_one {
                if mention.block == FRONT_MATTER_BLOCK {
                    merge(interaction, &note_fields);
                } else {
                    interaction.by = interaction.by.or(mention.by);
                    interaction.asks.extend(mention.asks);
                    interaction.gives.extend(mention.gives);
                    interaction.learned.extend(mention.learned);
                }
            }
        }
        if one_on_one {
            for interaction in per_person.values_mut() {
                merge(interaction, &all_fields);
            }
        }
        (per_person.into_iter().collect(), unresolved)
    }
}

fn add_fields(fields: &mut ContactFields, mention: &Mention) {
    fields.by = fields.by.or(mention.by);
    fields.asks.extend(mention.asks.iter().cloned());
    fields.gives.extend(mention.gives.iter().cloned());
    fields.learned.extend(mention.learned.iter().cloned());
}

fn merge(interaction: &mut Interaction, fields: &ContactFields) {
    interaction.by = interaction.by.or(fields.by);
    interaction.asks.extend(fields.asks.iter().cloned());
    interaction.gives.extend(fields.gives.iter().cloned());
    interaction.learned.extend(fields.learned.iter().cloned());
}

/// Whether a written link target names a note of the vault: its stem or
/// its path without `.md`, case and accents folded, or any file with an
/// extension other than `.md` (an attachment).
#[must_use]
pub fn names_a_note<S: std::hash::BuildHasher>(target: &str, notes: &HashSet<String, S>) -> bool {
    let target = target.trim();
    let target = target.strip_suffix(".md").unwrap_or(target);
    if target
        .rsplit_once('.')
        .is_some_and(|(_, ext)| !ext.is_empty() && ext.len() <= 5 && !ext.contains(' '))
    {
        return true;
    }
    let folded = super::names::fold(target);
    let last = folded.rsplit('/').next().unwrap_or(&folded);
    notes.contains(&folded) || notes.contains(last)
}
