//! Temporary stand-in for `vault::dates` until that module lands; same
//! signatures. To be deleted.

use chrono::NaiveDate;

pub(super) enum DateValue {
    Date(NaiveDate),
    Invalid,
    #[allow(dead_code)]
    NotDate,
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

pub(super) fn leading_date(text: &str) -> Option<(DateValue, &str)> {
    let t = text.trim_start();
    let (inner, after) = if let Some(r) = t.strip_prefix("[[") {
        let end = r.find("]]")?;
        (&r[..end], &r[end + 2..])
    } else if let Some(r) = t.strip_prefix("**") {
        let end = r.find("**")?;
        (&r[..end], &r[end + 2..])
    } else {
        let b = t.as_bytes();
        if b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[7] == b'-' {
            (&t[..10], &t[10..])
        } else {
            return long(t);
        }
    };
    let b = inner.as_bytes();
    if b.len() != 10 || !b[..4].iter().all(u8::is_ascii_digit) {
        return long(inner).map(|(v, _)| (v, sep(after)));
    }
    let value = match NaiveDate::parse_from_str(inner, "%Y-%m-%d") {
        Ok(d) => DateValue::Date(d),
        Err(_) => DateValue::Invalid,
    };
    Some((value, sep(after)))
}

fn long(t: &str) -> Option<(DateValue, &str)> {
    let mut words = t.split_whitespace();
    let mut first = words.next()?;
    let mut skip = 0;
    if first.ends_with(',') {
        skip = first.len();
        first = words.next()?;
    }
    let month = MONTHS
        .iter()
        .position(|m| first.to_lowercase().starts_with(m))? as u32
        + 1;
    let d = words.next()?.trim_end_matches(',');
    let y = words.next()?;
    let date = NaiveDate::from_ymd_opt(y.get(..4)?.parse().ok()?, month, d.parse().ok()?)?;
    let pos = t[skip..].find(y)? + skip + 4;
    Some((DateValue::Date(date), sep(&t[pos..])))
}

fn sep(s: &str) -> &str {
    s.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '—' | '–' | ','))
}
