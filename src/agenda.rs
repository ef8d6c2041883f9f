//! The agenda: who to reach out to in the coming days, and what to talk
//! about. A pure function of the vault and today, beside [`crate::lint`]:
//! it reads the same cadence standing ([`crate::lint::cadence::due`]) and
//! the same conversation starters ([`crate::lint::starter`]), so an
//! agenda line, a finding's help and a hover never disagree.
//!
//! What goes on it, for the window `today ..= today + days - 1`, and
//! only for people relationship rules look at (active, not snoozed, not
//! the owner, not reference people):
//!
//! - `overdue`: past their cadence today; dated the day it fell due.
//! - `due`: their cadence comes due inside the window.
//! - `follow-up`: a planned contact (`next_contact`, an unchecked dated
//!   task in their note) inside the window, else the latest one that has
//!   passed with no contact on or after it.
//! - `birthday`: a birthday inside the window, with the age they turn
//!   when the year is known. A February 29 birthday falls on February 28
//!   in other years (the day before the missing one, as most people born
//!   on it celebrate, and as `date` arithmetic on "one year older" does).
//! - `new-contact`: met once (one logged contact date, SPEC §2.4), within
//!   the last [`RECENT_DAYS`] days, with the follow-up falling due
//!   (the `no-follow-up` rule's `follow_up`, 14 days by default) inside the window or before it:
//!   the `no-follow-up` idea, for people met recently. Someone met once
//!   long ago is a stale relationship, not a new contact.
//!
//! One problem is said once: a person with a plan is listed for the plan
//! (its message says when they are also past their cadence), not a second
//! time as overdue; a new contact is not also listed as overdue or due.
//! Items are sorted by date, then person.

use std::fmt::Write as _;

use chrono::{Datelike, Days, NaiveDate};

use crate::lint::cadence::due;
use crate::lint::starter::{starters, StarterKind};
use crate::model::{Person, Plan, Vault};

/// How far back a single contact still makes someone a new contact.
pub const RECENT_DAYS: i64 = 90;

/// What an item asks of you.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Overdue,
    FollowUp,
    Birthday,
    NewContact,
    Due,
}

impl Kind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Overdue => "overdue",
            Kind::Due => "due",
            Kind::FollowUp => "follow-up",
            Kind::Birthday => "birthday",
            Kind::NewContact => "new-contact",
        }
    }
}

/// One thing to do.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub kind: Kind,
    /// The person's display name.
    pub person: String,
    /// The file stem, for `[[links]]`.
    pub stem: String,
    /// Where to look: the plan, the last contact, the person note.
    pub path: String,
    pub line: usize,
    /// The day it falls due.
    pub date: NaiveDate,
    /// `date` minus today (negative: past).
    pub days: i64,
    pub message: String,
    /// Something to talk about, from the notes.
    pub starter: Option<String>,
    /// How far past their cadence, relative to it (overdue items), for
    /// the text output's order.
    pub relative_overdue: f64,
    /// The plan's words (follow-up items).
    pub plan: Option<String>,
}

/// The agenda for a window.
#[derive(Debug, Clone, PartialEq)]
pub struct Agenda {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub items: Vec<Item>,
    /// People the agenda looked at (the owner, paused, archived and
    /// reference people left out), so an empty agenda can say why.
    pub people: usize,
    /// Of those, people with no contact recorded at all: no cadence can
    /// be due for them, and `no-interactions` (VN108) names them.
    pub uncontacted: usize,
    /// People in the vault at all, those left out included.
    pub known: usize,
}

/// Builds the agenda for `days` days from `today` (at least one).
/// `follow_up_days` is the `no-follow-up` rule's `follow_up` option
/// (`[rules.no-follow-up]` in the config, 14 days by default), so the
/// agenda and the rule agree on when a first meeting wants a follow-up.
#[must_use]
pub fn agenda(vault: &Vault, today: NaiveDate, days: u32, follow_up_days: u32) -> Agenda {
    let to = today
        .checked_add_days(Days::new(u64::from(days.max(1) - 1)))
        .unwrap_or(today);
    let mut items = Vec::new();
    let (mut people, mut uncontacted) = (0, 0);
    for person in &vault.people {
        if person.note == usize::MAX || !person.is_linted(today) {
            continue;
        }
        people += 1;
        if person.last_contact_date(today).is_none() {
            uncontacted += 1;
        }
        person_items(person, today, to, follow_up_days, &mut items);
    }
    items.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| a.person.cmp(&b.person))
            .then_with(|| a.kind.cmp(&b.kind))
    });
    Agenda {
        from: today,
        to,
        items,
        people,
        uncontacted,
        known: vault.people.iter().filter(|p| p.note != usize::MAX).count(),
    }
}

fn days_word(n: i64) -> String {
    if n.abs() == 1 {
        format!("{n} day")
    } else {
        format!("{n} days")
    }
}

fn person_items(
    person: &Person,
    today: NaiveDate,
    to: NaiveDate,
    follow_up_days: u32,
    out: &mut Vec<Item>,
) {
    let ideas = starters(person, today);
    let best = ideas.first().map(|s| s.suggestion.clone());
    let not_plan = ideas
        .iter()
        .find(|s| s.kind != StarterKind::Plan)
        .map(|s| s.suggestion.clone());
    let item = |kind: Kind, date: NaiveDate, message: String, path: &str, line: usize| Item {
        kind,
        person: person.name.clone(),
        stem: person.stem.clone(),
        path: path.to_string(),
        line,
        date,
        days: (date - today).num_days(),
        message,
        starter: best.clone(),
        relative_overdue: 0.0,
        plan: None,
    };
    let standing = due(person, today);
    let cadence_note = |d: &crate::lint::cadence::Due| {
        format!(
            "last contact {} ({} ago, every {})",
            d.last_contact,
            days_word(d.days_since),
            days_word(i64::from(d.cadence_days))
        )
    };

    // A new contact: one logged contact date, recent.
    let logged: Vec<NaiveDate> = person.logged_contact_dates(today).into_iter().collect();
    let mut new_contact = false;
    if let ([only], Some(_)) = (logged.as_slice(), person.cadence_days) {
        let age = (today - *only).num_days();
        let follow = only
            .checked_add_days(Days::new(u64::from(follow_up_days)))
            .unwrap_or(*only);
        let later_contact = person
            .last_contact
            .as_ref()
            .is_some_and(|l| l.value > *only);
        if age <= RECENT_DAYS && follow <= to && !later_contact {
            new_contact = true;
            let how = person
                .met_at
                .as_deref()
                .map(|at| format!(" ({})", crate::lint::starter::quote(at, 40)))
                .unwrap_or_default();
            let message = if follow < today {
                format!("met once, on {only}{how}; the follow-up was due {follow}")
            } else {
                format!("met once, on {only}{how}; follow up by {follow}")
            };
            let (path, line) = person.interactions.iter().find(|i| i.date == *only).map_or(
                (
                    person.path.as_str(),
                    person.met.as_ref().map_or(1, |m| m.span.line),
                ),
                |i| (i.path.as_str(), i.span.line),
            );
            out.push(item(Kind::NewContact, follow, message, path, line));
        }
    }

    // Plans: the first inside the window, else the latest missed one.
    let contact_on_or_after = |date: NaiveDate| person.contact_dates(today).any(|d| d >= date);
    let upcoming: Option<&Plan> = person
        .plans
        .iter()
        .filter(|p| p.date >= today && p.date <= to)
        .min_by_key(|p| p.date);
    let missed: Option<&Plan> = person
        .plans
        .iter()
        .filter(|p| p.date < today && !contact_on_or_after(p.date))
        .max_by_key(|p| p.date);
    let plan = upcoming.or(missed);
    if let Some(plan) = plan {
        let what = if plan.text.trim().is_empty() {
            String::new()
        } else {
            format!(": {}", crate::lint::starter::quote(&plan.text, 60))
        };
        let mut message = match plan.date.cmp(&today) {
            std::cmp::Ordering::Less => format!(
                "planned for {}{what}, not done yet ({} ago)",
                plan.date,
                days_word((today - plan.date).num_days())
            ),
            std::cmp::Ordering::Equal => format!("planned for today{what}"),
            std::cmp::Ordering::Greater => format!("planned for {}{what}", plan.date),
        };
        if let Some(d) = standing.filter(|d| d.is_overdue() && !new_contact) {
            let _ = write!(
                message,
                "; also {} past the {}-day cadence",
                days_word(d.overdue_days),
                d.cadence_days
            );
        }
        let mut it = item(
            Kind::FollowUp,
            plan.date,
            message,
            &plan.path,
            plan.span.line,
        );
        it.starter.clone_from(&not_plan);
        it.plan = Some(plan.text.clone());
        out.push(it);
    }

    // Cadence, unless a plan or a new contact already says it.
    if plan.is_none() && !new_contact {
        if let Some(d) = standing {
            let fell_due = d
                .last_contact
                .checked_add_days(Days::new(u64::from(d.cadence_days)))
                .unwrap_or(d.last_contact);
            let (path, line) = person
                .interactions
                .iter()
                .filter(|i| i.date == d.last_contact)
                .max_by_key(|i| i.date)
                .map_or_else(
                    || {
                        let line = person
                            .last_contact
                            .as_ref()
                            .filter(|l| l.value == d.last_contact)
                            .map(|l| l.span.line)
                            .or_else(|| person.met.as_ref().map(|m| m.span.line))
                            .unwrap_or(1);
                        (person.path.as_str(), line)
                    },
                    |i| (i.path.as_str(), i.span.line),
                );
            if d.is_overdue() {
                let message = format!(
                    "{} overdue: {}",
                    days_word(d.overdue_days),
                    cadence_note(&d)
                );
                let mut it = item(Kind::Overdue, fell_due, message, path, line);
                it.relative_overdue = d.relative_overdue();
                out.push(it);
            } else if fell_due <= to {
                let message = if fell_due == today {
                    format!("due today: {}", cadence_note(&d))
                } else {
                    format!("due on {fell_due}: {}", cadence_note(&d))
                };
                out.push(item(Kind::Due, fell_due, message, path, line));
            }
        }
    }

    if let Some(birthday) = person.birthday.as_deref() {
        if let Some((date, age)) = next_birthday(birthday, today, to) {
            let message = match age {
                Some(age) if date == today => format!("turns {age} today"),
                Some(age) => format!("turns {age} on {date}"),
                None if date == today => "birthday today".to_string(),
                None => format!("birthday on {date}"),
            };
            let line = person.front_matter_span.line.max(1);
            out.push(item(Kind::Birthday, date, message, &person.path, line));
        }
    }
}

/// The first birthday inside `from ..= to` and the age turned on it
/// when the year is known. `birthday` is the reader's normal form:
/// `YYYY-MM-DD` or `--MM-DD`.
#[must_use]
pub fn next_birthday(
    birthday: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Option<(NaiveDate, Option<i32>)> {
    let (year, rest) = if let Some(rest) = birthday.strip_prefix("--") {
        (None, rest)
    } else {
        let (y, rest) = birthday.split_once('-')?;
        (Some(y.parse::<i32>().ok()?), rest)
    };
    let (m, d) = rest.split_once('-')?;
    let (month, day) = (m.parse::<u32>().ok()?, d.parse::<u32>().ok()?);
    for y in from.year()..=to.year() {
        let date = NaiveDate::from_ymd_opt(y, month, day).or_else(|| {
            // February 29 outside a leap year: February 28.
            (month == 2 && day == 29)
                .then(|| NaiveDate::from_ymd_opt(y, 2, 28))
                .flatten()
        })?;
        if date >= from && date <= to {
            let age = year.map(|born| y - born).filter(|age| *age >= 0);
            return Some((date, age));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn birthdays_with_and_without_a_year() {
        assert_eq!(
            next_birthday("1990-11-27", d("2026-11-25"), d("2026-12-01")),
            Some((d("2026-11-27"), Some(36)))
        );
        assert_eq!(
            next_birthday("--12-01", d("2026-11-25"), d("2026-12-01")),
            Some((d("2026-12-01"), None))
        );
        assert_eq!(
            next_birthday("--12-02", d("2026-11-25"), d("2026-12-01")),
            None
        );
        // Across the new year.
        assert_eq!(
            next_birthday("2000-01-02", d("2026-12-30"), d("2027-01-05")),
            Some((d("2027-01-02"), Some(27)))
        );
    }

    #[test]
    fn february_29_falls_on_the_28th_outside_leap_years() {
        assert_eq!(
            next_birthday("1996-02-29", d("2027-02-25"), d("2027-03-03")),
            Some((d("2027-02-28"), Some(31)))
        );
        assert_eq!(
            next_birthday("--02-29", d("2028-02-25"), d("2028-03-03")),
            Some((d("2028-02-29"), None))
        );
    }
}
