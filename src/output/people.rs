//! `vaultnet people`: a table for the terminal and the SPEC §5.1 JSON.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};

use super::{pad, plural, style};
use crate::model::{By, Person, Status, Vault};
use crate::vault::answer::{self, Key};
use crate::vault::walk::Walked;

/// One person as `people --format json` prints it (SPEC §5.1). Rows
/// borrow from the vault, or from the bytes of a stored answer
/// ([`crate::vault::answer`]): a vault of 100,000 people is not copied.
#[derive(Debug, Serialize, Deserialize)]
pub struct PersonRow<'a> {
    pub name: &'a str,
    pub path: &'a str,
    #[serde(borrow)]
    pub aliases: Vec<&'a str>,
    #[serde(borrow)]
    pub tags: Vec<&'a str>,
    #[serde(borrow)]
    pub interests: Vec<&'a str>,
    pub cadence_days: Option<u32>,
    pub last_contact: Option<IsoDate>,
    pub days_since_contact: Option<i64>,
    pub overdue_days: Option<i64>,
    #[serde(deserialize_with = "status_word")]
    pub status: Word,
    #[serde(borrow)]
    pub interactions: Interactions<'a>,
    /// Shown in the table; not part of the JSON shape.
    #[serde(skip)]
    pub snoozed_until: Option<NaiveDate>,
}

/// A word of vaultnet's own (a status, who started), read back from a
/// stored answer as one of the words it writes. Named so that serde does
/// not borrow it from the stored bytes as it would a `&str`.
pub type Word = &'static str;

/// One interaction in [`PersonRow`].
#[derive(Debug, Serialize, Deserialize)]
pub struct InteractionRow<'a> {
    pub date: IsoDate,
    #[serde(deserialize_with = "by_word")]
    pub by: Option<Word>,
    #[serde(borrow)]
    pub asks: Vec<&'a str>,
    #[serde(borrow)]
    pub gives: Vec<&'a str>,
    pub path: &'a str,
    pub line: usize,
}

/// A person's interactions: made from the vault, or still encoded in a
/// stored answer. Most of a stored answer is interactions (a long log
/// each, at 100,000 people), which only the JSON prints: a stored row
/// keeps them as its bytes, decoded one person at a time as they are
/// written, so a run holds no more than one person's.
#[derive(Debug)]
pub enum Interactions<'a> {
    Rows(Vec<InteractionRow<'a>>),
    /// postcard bytes of a `Vec<InteractionRow>`, checked when the
    /// answer was read ([`Answer::stored`]).
    Encoded(&'a [u8]),
}

impl Interactions<'_> {
    /// Calls `each` with the interactions, decoded if need be; None if the
    /// stored bytes do not decode.
    fn with<R>(&self, each: impl FnOnce(&[InteractionRow<'_>]) -> R) -> Option<R> {
        match self {
            Interactions::Rows(rows) => Some(each(rows)),
            Interactions::Encoded(bytes) => {
                let rows: Vec<InteractionRow<'_>> = postcard::from_bytes(bytes).ok()?;
                Some(each(&rows))
            }
        }
    }
}

impl Serialize for Interactions<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The stored answer (postcard, not human-readable) keeps them as
        // one block of bytes, so that reading it back need not decode them.
        if !serializer.is_human_readable() {
            return match self {
                Interactions::Encoded(bytes) => serializer.serialize_bytes(bytes),
                Interactions::Rows(rows) => {
                    let bytes = postcard::to_allocvec(rows).map_err(serde::ser::Error::custom)?;
                    serializer.serialize_bytes(&bytes)
                }
            };
        }
        self.with(|rows| serializer.collect_seq(rows))
            .unwrap_or_else(|| Err(serde::ser::Error::custom("a stored answer is damaged")))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Interactions<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <&'de [u8]>::deserialize(deserializer).map(Interactions::Encoded)
    }
}

/// A date written `YYYY-MM-DD`, in JSON and in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IsoDate(pub NaiveDate);

impl std::fmt::Display for IsoDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // By hand: chrono's `format` parses its pattern on every call,
        // a tenth of a `people` run that prints everyone's dates.
        use chrono::Datelike;
        let date = self.0;
        write!(
            f,
            "{:04}-{:02}-{:02}",
            date.year(),
            date.month(),
            date.day()
        )
    }
}

impl Serialize for IsoDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <&str>::deserialize(deserializer)?;
        // What `Display` writes, read back without chrono's pattern parser.
        let field = |range: std::ops::Range<usize>| text.get(range)?.parse::<u32>().ok();
        let date = (text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-')
            .then(|| {
                let year = i32::try_from(field(0..4)?).ok()?;
                NaiveDate::from_ymd_opt(year, field(5..7)?, field(8..10)?)
            })
            .flatten();
        date.map(IsoDate)
            .ok_or_else(|| serde::de::Error::custom("not a YYYY-MM-DD date"))
    }
}

/// A stored status read back as one of the words vaultnet writes.
fn status_word<'de, D: Deserializer<'de>>(deserializer: D) -> Result<&'static str, D::Error> {
    let text = <&str>::deserialize(deserializer)?;
    [
        Status::Active,
        Status::Paused,
        Status::Archived,
        Status::Deceased,
        Status::Reference,
    ]
    .into_iter()
    .map(Status::as_str)
    .find(|word| *word == text)
    .ok_or_else(|| serde::de::Error::custom("not a status"))
}

/// A stored `by` read back as one of the words vaultnet writes.
fn by_word<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<&'static str>, D::Error> {
    let Some(text) = Option::<&str>::deserialize(deserializer)? else {
        return Ok(None);
    };
    [By::Me, By::Them, By::Both]
        .into_iter()
        .map(By::as_str)
        .find(|word| *word == text)
        .map(Some)
        .ok_or_else(|| serde::de::Error::custom("not a by"))
}

impl<'a> PersonRow<'a> {
    #[must_use]
    pub fn new(person: &'a Person, today: NaiveDate) -> Self {
        let last = person.last_contact_date(today);
        let days_since = last.map(|d| (today - d).num_days());
        // The one computation of overdue, shared with the rules and the
        // agenda.
        let overdue = crate::lint::cadence::due(person, today).map(|due| due.overdue_days);
        let mut interests: Vec<&str> = Vec::new();
        for interest in &person.interests {
            if !interests
                .iter()
                .any(|i| i.eq_ignore_ascii_case(&interest.value))
            {
                interests.push(&interest.value);
            }
        }
        PersonRow {
            name: &person.name,
            path: &person.path,
            aliases: person.aliases.iter().map(|a| a.value.as_str()).collect(),
            tags: person.tags.iter().map(String::as_str).collect(),
            interests,
            cadence_days: person.cadence_days,
            last_contact: last.map(IsoDate),
            days_since_contact: days_since,
            overdue_days: overdue,
            status: person.status.as_str(),
            interactions: Interactions::Rows(
                person
                    .interactions_by_date()
                    .into_iter()
                    .map(|i| InteractionRow {
                        date: IsoDate(i.date),
                        by: i.by.map(By::as_str),
                        asks: i.asks.iter().map(String::as_str).collect(),
                        gives: i.gives.iter().map(String::as_str).collect(),
                        path: &i.path,
                        line: i.span.line,
                    })
                    .collect(),
            ),
            snoozed_until: person.snooze_until.filter(|until| *until > today),
        }
    }
}

/// Rows for everyone but the owner, sorted by name.
#[must_use]
pub fn rows(vault: &Vault, today: NaiveDate) -> Vec<PersonRow<'_>> {
    let mut rows: Vec<PersonRow<'_>> = vault.others().map(|p| PersonRow::new(p, today)).collect();
    rows.sort_by_cached_key(|r| (r.name.to_lowercase(), r.path));
    rows
}

/// The stored answer of `people` ([`crate::vault::answer`]): everyone's
/// rows, before any scope, and what the run said on stderr.
#[derive(Serialize, Deserialize)]
pub struct Answer<'a> {
    #[serde(borrow)]
    pub notices: Vec<&'a str>,
    #[serde(borrow)]
    pub rows: Vec<PersonRow<'a>>,
    /// Each row's [`PersonRow::snoozed_until`], which the JSON skips.
    snoozed: Vec<Option<NaiveDate>>,
}

/// The file `people`'s answer is stored in, beside `check`'s report.
const ANSWER_FILE: &str = "people.bin";
/// Bumped whenever [`Answer`] changes shape.
const ANSWER_SHAPE: u32 = 2;

impl<'a> Answer<'a> {
    #[must_use]
    pub fn new(notices: &'a [String], rows: Vec<PersonRow<'a>>) -> Self {
        Answer {
            notices: notices.iter().map(String::as_str).collect(),
            snoozed: rows.iter().map(|row| row.snoozed_until).collect(),
            rows,
        }
    }

    /// The answer stored in `bytes` ([`answer::read`]) if it holds for
    /// `key` and names only the vault's notes; stored again when racy
    /// notes it was made with have settled.
    #[must_use]
    pub fn stored(root: &Path, bytes: &'a [u8], key: &Key, walked: &Walked) -> Option<Self> {
        let (mut stored, settled) = answer::decode::<Answer<'a>>(bytes, ANSWER_SHAPE, key, walked)?;
        let notes = answer::notes(walked);
        let sound = stored.snoozed.len() == stored.rows.len()
            && stored.rows.iter().all(|row| {
                notes.holds(row.path)
                    && row
                        .interactions
                        .with(|each| each.iter().all(|i| notes.holds(i.path)))
                        .unwrap_or(false)
            });
        if !sound {
            return None;
        }
        for (row, until) in stored.rows.iter_mut().zip(&stored.snoozed) {
            row.snoozed_until = *until;
        }
        if settled {
            answer::restamp(root, ANSWER_FILE, key, bytes);
        }
        Some(stored)
    }

    /// Stores the answer for `key` (best-effort).
    pub fn store(&self, root: &Path, key: &Key) {
        answer::store(root, ANSWER_FILE, ANSWER_SHAPE, key, self);
    }

    /// The bytes of the answer stored for the vault at `root`, when it
    /// was made for `key`.
    #[must_use]
    pub fn read(root: &Path, key: &Key) -> Option<Vec<u8>> {
        answer::read(root, ANSWER_FILE, ANSWER_SHAPE, key)
    }
}

/// The JSON document: an array sorted by name.
pub fn write_json(out: &mut dyn Write, rows: &[PersonRow<'_>]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, rows)?;
    writeln!(out)
}

/// How to tell vaultnet who is a person, for a vault with none.
pub const NO_PEOPLE_HELP: &str = "no person notes found
  vaultnet treats a note as a person when any of these holds:
  - it lies in a folder named like `People`, `Contacts` or `Friends`
  - its front matter says `type: person` (or `category`/`kind`: person, contact)
  - it is tagged `#person`, `#people` or `#contact`
  - it matches a `people` glob in vaultnet.toml, e.g. people = [\"CRM/**\"]";

/// The terminal table, most overdue first.
pub fn write_table(out: &mut dyn Write, rows: &[PersonRow<'_>], quiet: bool) -> io::Result<()> {
    if rows.is_empty() {
        return writeln!(out, "{NO_PEOPLE_HELP}");
    }
    let mut order: Vec<&PersonRow<'_>> = rows.iter().collect();
    // Active people with a known overdue first (most overdue on top),
    // then those never contacted, then the snoozed, paused and cadence-less.
    let group = |r: &PersonRow<'_>| match (r.status, r.snoozed_until, r.overdue_days) {
        ("active", None, Some(_)) => 0,
        ("active", None, None) if r.last_contact.is_none() && r.cadence_days.is_some() => 1,
        _ => 2,
    };
    // How far behind, relative to the cadence: ten days late on a weekly
    // cadence is further behind than thirty on a yearly one.
    let behind = |r: &PersonRow<'_>| {
        r.overdue_days.zip(r.cadence_days).map(|(over, cadence)| {
            #[allow(clippy::cast_precision_loss)] // day counts are small
            let over = over as f64;
            over / f64::from(cadence.max(1))
        })
    };
    order.sort_by(|a, b| {
        group(a)
            .cmp(&group(b))
            .then_with(|| {
                behind(b)
                    .unwrap_or(f64::NEG_INFINITY)
                    .total_cmp(&behind(a).unwrap_or(f64::NEG_INFINITY))
            })
            .then_with(|| b.overdue_days.cmp(&a.overdue_days))
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    let cells: Vec<[String; 5]> = order.iter().map(|r| cells(r)).collect();
    let headers = ["NAME", "LAST CONTACT", "SINCE", "CADENCE", "OVERDUE"];
    let widths: Vec<usize> = (0..5)
        .map(|c| {
            cells
                .iter()
                .map(|row| row[c].chars().count())
                .chain(std::iter::once(headers[c].len()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let header: Vec<String> = headers
        .iter()
        .zip(&widths)
        .map(|(h, w)| pad(h, *w))
        .collect();
    writeln!(
        out,
        "{}{}{}",
        style::BOLD.render(),
        header.join("  ").trim_end(),
        style::BOLD.render_reset()
    )?;
    for (row, cell) in order.iter().zip(&cells) {
        let line_style = match (row.status, row.overdue_days) {
            _ if row.snoozed_until.is_some() => style::DIM,
            ("active", Some(d)) if d > i64::from(row.cadence_days.unwrap_or(0)) => style::ERROR,
            ("active", Some(d)) if d > 0 => style::WARNING,
            ("active", Some(_)) => style::GOOD,
            _ => style::DIM,
        };
        let mut line = String::new();
        for (c, text) in cell.iter().enumerate() {
            if c > 0 {
                line.push_str("  ");
            }
            if c == 4 {
                let _ = write!(
                    line,
                    "{}{}{}",
                    line_style.render(),
                    text,
                    line_style.render_reset()
                );
            } else {
                line.push_str(&pad(text, widths[c]));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    if !quiet {
        let overdue = rows
            .iter()
            .filter(|r| {
                r.status == "active"
                    && r.snoozed_until.is_none()
                    && r.overdue_days.is_some_and(|d| d > 0)
            })
            .count();
        // Only people you keep in touch with can be "never contacted":
        // not an author or your dentist (reference people).
        let never = rows
            .iter()
            .filter(|r| r.last_contact.is_none() && r.status == "active")
            .count();
        writeln!(
            out,
            "\n{}: {} overdue, {} never contacted",
            plural(rows.len(), "person", "people"),
            overdue,
            never
        )?;
    }
    Ok(())
}

/// `1 day`, `0 days`, `12 days`.
fn day_count(n: i64) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

fn cells(row: &PersonRow<'_>) -> [String; 5] {
    let dash = || "-".to_string();
    let overdue = match (row.status, row.overdue_days) {
        ("active", _) if row.snoozed_until.is_some() => row
            .snoozed_until
            .map(|d| format!("snoozed until {d}"))
            .unwrap_or_default(),
        ("active", Some(d)) if d > 0 => format!("{} overdue", day_count(d)),
        ("active", Some(d)) => format!("{} left", day_count(-d)),
        ("active", None) if row.cadence_days.is_none() => "no cadence".to_string(),
        ("active", None) => "never contacted".to_string(),
        (status, _) => status.to_string(),
    };
    [
        row.name.to_string(),
        row.last_contact.map_or_else(dash, |d| d.to_string()),
        row.days_since_contact
            .map_or_else(dash, |d| format!("{d}d ago")),
        row.cadence_days
            .map_or_else(|| "none".into(), |d| format!("{d}d")),
        overdue,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Fact;

    fn someone(name: &str, cadence: u32, days_ago: i64, today: NaiveDate) -> Person {
        let mut talk = crate::model::Interaction::new(
            today - chrono::Duration::days(days_ago),
            format!("People/{name}.md"),
            crate::model::Span::line(8),
            crate::model::InteractionSource::ListItem,
            String::new(),
        );
        talk.asks.push("an intro".into());
        Person {
            name: name.into(),
            path: format!("People/{name}.md"),
            interactions: vec![talk],
            cadence_days: Some(cadence),
            last_contact: Some(Fact::new(
                today - chrono::Duration::days(days_ago),
                crate::model::Span::line(3),
            )),
            ..Person::default()
        }
    }

    fn table(people: &[Person], today: NaiveDate) -> String {
        let rows: Vec<PersonRow<'_>> = people.iter().map(|p| PersonRow::new(p, today)).collect();
        let mut out = Vec::new();
        write_table(&mut out, &rows, true).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn overdue_people_sort_by_how_far_past_their_cadence_they_are() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let people = [
            // 30 days late on a yearly cadence: 0.08 of a cadence.
            someone("Yearly", 365, 395, today),
            // 10 days late on a weekly cadence: 1.4 cadences.
            someone("Weekly", 7, 17, today),
            // 1 day late on a monthly cadence, and 1 day left on another.
            someone("Monthly", 30, 31, today),
            someone("Soon", 30, 29, today),
        ];
        let names: Vec<String> = table(&people, today)
            .lines()
            .skip(1)
            .map(|l| l.split_whitespace().next().unwrap().to_string())
            .collect();
        assert_eq!(names, ["Weekly", "Yearly", "Monthly", "Soon"]);
        let text = table(&people, today);
        assert!(text.contains("1 day overdue"), "{text}");
        assert!(text.contains("1 day left"), "{text}");
        assert!(text.contains("30 days overdue"), "{text}");
    }

    #[test]
    fn a_stored_people_list_reads_back_or_is_dropped() {
        use crate::vault::walk::NoteFile;
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let mut ada = someone("Ada", 30, 40, today);
        ada.snooze_until = today.succ_opt();
        let people = [ada];
        let walked = Walked {
            files: vec![NoteFile::new(
                "/nonexistent/People/Ada.md".into(),
                "People/Ada.md".into(),
            )],
            errors: Vec::new(),
            outside: Vec::new(),
        };
        let key = Key {
            digest: 7,
            racy: Vec::new(),
            storable: true,
        };
        let notices = vec!["skipped a note".to_string()];
        let rows = people.iter().map(|p| PersonRow::new(p, today)).collect();
        let made = Answer::new(&notices, rows);
        let bytes = answer::encode(ANSWER_SHAPE, &key, &made).unwrap();
        let (back, settled) =
            answer::decode::<Answer<'_>>(&bytes, ANSWER_SHAPE, &key, &walked).unwrap();
        assert!(!settled);
        let json = |rows: &[PersonRow<'_>]| serde_json::to_string(rows).unwrap();
        assert_eq!(json(&back.rows), json(&made.rows));
        let root = Path::new("/nonexistent");
        let stored = Answer::stored(root, &bytes, &key, &walked).unwrap();
        assert_eq!(stored.rows[0].snoozed_until, today.succ_opt());
        assert_eq!(stored.notices, ["skipped a note"]);
        for at in [0, bytes.len() / 2, bytes.len() - 1] {
            let mut damaged = bytes.clone();
            damaged[at] ^= 1;
            assert!(Answer::stored(root, &damaged, &key, &walked).is_none());
        }
        // A row naming a file that is not one of the vault's notes.
        let mut foreign = Answer::new(&notices, made.rows);
        foreign.rows[0].path = "../../etc/passwd";
        let bytes = answer::encode(ANSWER_SHAPE, &key, &foreign).unwrap();
        assert!(Answer::stored(root, &bytes, &key, &walked).is_none());
        // An interaction naming one, inside a row's encoded interactions.
        foreign.rows[0].path = "People/Ada.md";
        let Interactions::Rows(each) = &mut foreign.rows[0].interactions else {
            panic!("rows made from a vault hold their interactions");
        };
        each[0].path = "/etc/passwd";
        let bytes = answer::encode(ANSWER_SHAPE, &key, &foreign).unwrap();
        assert!(Answer::stored(root, &bytes, &key, &walked).is_none());
    }

    #[test]
    fn stored_interactions_print_as_the_vaults_do() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let people = [someone("Ada", 30, 40, today)];
        let made = PersonRow::new(&people[0], today);
        let Interactions::Rows(each) = &made.interactions else {
            panic!("rows made from a vault hold their interactions");
        };
        assert_eq!(each.len(), 1);
        let bytes = postcard::to_allocvec(&made).unwrap();
        let back: PersonRow<'_> = postcard::from_bytes(&bytes).unwrap();
        assert!(matches!(back.interactions, Interactions::Encoded(_)));
        assert_eq!(
            serde_json::to_value(&back).unwrap(),
            serde_json::to_value(&made).unwrap()
        );
        let json = serde_json::to_value(&back).unwrap();
        assert_eq!(json["interactions"][0]["path"], "People/Ada.md");
        // Bytes that do not decode fail the JSON, never print half a row.
        let damaged = PersonRow {
            interactions: Interactions::Encoded(&[0xff, 0xff]),
            ..back
        };
        assert!(serde_json::to_string(&damaged).is_err());
    }
}
