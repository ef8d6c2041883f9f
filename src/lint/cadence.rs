//! How a person stands against their cadence today: the one place the
//! days since contact and the days overdue are computed, read by
//! `stale-relationship`, `people` and the agenda so they cannot drift.

use chrono::NaiveDate;

use crate::model::Person;

/// A person's standing against the cadence in force, on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    /// The latest contact date (SPEC §2.4), not after today.
    pub last_contact: NaiveDate,
    /// Days from the last contact to today.
    pub days_since: i64,
    /// The cadence in force (`Person::cadence_days`).
    pub cadence_days: u32,
    /// Days past the cadence: positive when overdue, zero or negative
    /// (days left) when not.
    pub overdue_days: i64,
}

impl Due {
    /// Whether the cadence has passed (VN101 fires).
    #[must_use]
    pub fn is_overdue(&self) -> bool {
        self.overdue_days > 0
    }

    /// Past twice the cadence (VN101 rises to an error).
    #[must_use]
    pub fn is_past_twice(&self) -> bool {
        self.days_since > 2 * i64::from(self.cadence_days)
    }

    /// Days overdue relative to the cadence: 0.5 is half a cadence late.
    /// Ten days late on a weekly cadence (1.43) is further behind than
    /// thirty days late on a yearly one (0.08): sort by this, not by days.
    #[must_use]
    #[allow(clippy::cast_precision_loss)] // day counts are far below 2^52
    pub fn relative_overdue(&self) -> f64 {
        self.overdue_days as f64 / f64::from(self.cadence_days.max(1))
    }
}

/// The person's standing today; None when no cadence is in force
/// (`none`) or there is no contact date at all.
#[must_use]
pub fn due(person: &Person, today: NaiveDate) -> Option<Due> {
    let cadence_days = person.cadence_days?;
    let last_contact = person.last_contact_date(today)?;
    let days_since = (today - last_contact).num_days();
    Some(Due {
        last_contact,
        days_since,
        cadence_days,
        overdue_days: days_since - i64::from(cadence_days),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::sample::{ago, fact, person, today};

    #[test]
    fn overdue_is_days_past_the_cadence() {
        let mut p = person("Ann");
        p.cadence_days = Some(7);
        p.last_contact = Some(fact(ago(17), 3));
        let d = due(&p, today()).unwrap();
        assert_eq!((d.days_since, d.overdue_days), (17, 10));
        assert!(d.is_overdue() && d.is_past_twice());
        assert!((d.relative_overdue() - 10.0 / 7.0).abs() < 1e-9);
        p.last_contact = Some(fact(ago(7), 3));
        assert!(!due(&p, today()).unwrap().is_overdue());
        p.cadence_days = None;
        assert!(due(&p, today()).is_none());
        assert!(due(&person("Never"), today()).is_none());
    }
}
