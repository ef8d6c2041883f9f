//! Dates and durations as people write them in notes (SPEC §2.1): ISO
//! dates, `YYYY/MM/DD`, wiki-linked daily notes (`[[2026-03-01]]`), YAML
//! timestamps and long English dates, cadences such as `2w` or
//! `monthly`, and birthdays with or without a year. These are pure
//! functions shared by the front-matter reader, the Markdown reader, the
//! note classifier and the config, so every part agrees on what a date
//! is. They tell a date-shaped value that is not a real date
//! (`2026-02-30`, reported as `invalid-date`) apart from text that is no
//! date at all, and they never panic: input is scanned by bytes and
//! chars, and only ever sliced after ASCII bytes.

use chrono::NaiveDate;

use crate::model::Cadence;

/// What a piece of text holds, read as a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateValue {
    /// A real calendar date.
    Date(NaiveDate),
    /// Date-shaped but not a real date (`2026-02-30`, `2026-13-45`,
    /// `0000-00-00`, a year out of range).
    Invalid,
    /// Not a date at all.
    NotDate,
}

impl DateValue {
    /// The date, when it is one.
    #[must_use]
    pub fn date(self) -> Option<NaiveDate> {
        match self {
            DateValue::Date(date) => Some(date),
            DateValue::Invalid | DateValue::NotDate => None,
        }
    }
}

/// The longest cadence accepted, in days (100 years): anything longer is
/// a typo, not a wish.
const MAX_DURATION_DAYS: u64 = 36_500;

/// How a birthday error ends when the value is date-shaped but names no
/// real day, so callers can report it as an invalid date.
pub(crate) const NOT_A_REAL_DATE: &str = "is not a real date";

/// Help text naming every accepted duration form.
pub(crate) const DURATION_FORMS: &str =
    "use days (`30`, `30d`), weeks (`2w`), months (`3m`), years (`1y`), \
     `weekly`, `biweekly`, `monthly`, `quarterly`, `yearly` or `none`";

/// Reads a whole value as a date: `YYYY-MM-DD`, `YYYY/MM/DD`,
/// `[[YYYY-MM-DD]]` (also with `|alias`), YAML timestamps
/// (`2026-03-01T10:00:00`, `2026-03-01 21:10`, `…Z`, `…+02:00`) and long
/// English dates (`November 27, 2023`, `27 Nov 2023`,
/// `Monday, November 27, 2023`, `Nov 27 2023`). Surrounding whitespace
/// and quotes are ignored.
#[must_use]
pub fn parse_date(text: &str) -> DateValue {
    let text = strip_quotes(text.trim());
    let text = match text.strip_prefix("[[").and_then(|t| t.strip_suffix("]]")) {
        Some(inner) => inner.split('|').next().unwrap_or(inner).trim(),
        None => text,
    };
    match scan_date(text) {
        Some((value, len)) => {
            let rest = text.get(len..).unwrap_or("");
            let rest = rest.get(time_len(rest)..).unwrap_or("");
            if rest.trim().is_empty() {
                value
            } else {
                DateValue::NotDate
            }
        }
        None => DateValue::NotDate,
    }
}

/// Reads a date at the start of heading or list-item text:
/// `2026-03-01 Coffee`, `[[2026-03-01]] — call`, `**2026-03-01** …`,
/// `2026-03-01: Lunch`, `November 27, 2023 lunch`. Returns the value
/// (`Date` or `Invalid`) and the text after the date and any separator
/// (`:`, `-`, `—`, `–`, `|`, `,`, whitespace); `None` when the text does
/// not start with a date shape.
#[must_use]
pub fn leading_date(text: &str) -> Option<(DateValue, &str)> {
    let text = text.trim_start();
    for (open, close) in [
        ("[[", "]]"),
        ("**", "**"),
        ("__", "__"),
        ("*", "*"),
        ("_", "_"),
    ] {
        let Some(inner) = text.strip_prefix(open) else {
            continue;
        };
        let (value, len) = scan_date(inner)?;
        let mut rest = inner.get(len..)?;
        rest = rest.get(time_len(rest)..)?;
        if open == "[[" {
            if let Some(alias) = rest.strip_prefix('|') {
                rest = alias.get(alias.find("]]")?..)?;
            }
        }
        let rest = rest.strip_prefix(close)?;
        return Some((value, skip_separators(rest)));
    }
    let (value, len) = scan_date(text)?;
    let rest = text.get(len..)?;
    let rest = rest.get(time_len(rest)..)?;
    if rest.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some((value, skip_separators(rest)))
}

/// The first real ISO date (`YYYY-MM-DD`, not part of a longer run of
/// digits) anywhere in a file name or stem: `Meeting - 2024-06-14 2247`.
#[must_use]
pub fn find_iso_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let digits = |from: usize, to: usize| bytes[from..to].iter().all(u8::is_ascii_digit);
    let number = |from: usize, to: usize| {
        bytes[from..to]
            .iter()
            .fold(0_u32, |acc, b| acc * 10 + u32::from(b - b'0'))
    };
    (0..bytes.len().saturating_sub(9)).find_map(|i| {
        let shaped = digits(i, i + 4)
            && bytes[i + 4] == b'-'
            && digits(i + 5, i + 7)
            && bytes[i + 7] == b'-'
            && digits(i + 8, i + 10)
            && (i == 0 || !bytes[i - 1].is_ascii_digit())
            && bytes.get(i + 10).is_none_or(|b| !b.is_ascii_digit());
        if !shaped {
            return None;
        }
        real_date(
            number(i, i + 4),
            number(i + 5, i + 7),
            number(i + 8, i + 10),
        )
    })
}

/// Reads a cadence (SPEC §2.1): integer days (`30`), `Nd`, `Nw`, `Nm`
/// (30 days), `Ny` (365 days), `weekly`, `biweekly`, `monthly`,
/// `quarterly`, `yearly`/`annually`, or `none` for no cadence.
/// Case-insensitive; spaces and unit words (`2 weeks`, `30 days`,
/// `every 3 months`) are fine. Zero, negative and absurd (over 100 years)
/// durations are errors; the message says why and lists the forms.
pub fn parse_duration(text: &str) -> Result<Cadence, String> {
    let written = strip_quotes(text.trim());
    let lower = written.to_lowercase();
    let lower = lower.trim();
    let lower = lower.strip_prefix("every ").map_or(lower, str::trim_start);
    let named = match lower {
        "none" | "never" => return Ok(Cadence::Never),
        "daily" | "day" => Some(1),
        "weekly" | "week" => Some(7),
        "biweekly" | "bi-weekly" | "fortnightly" | "fortnight" => Some(14),
        "monthly" | "month" => Some(30),
        "quarterly" | "quarter" => Some(91),
        "yearly" | "annually" | "annual" | "year" => Some(365),
        _ => None,
    };
    if let Some(days) = named {
        return Ok(Cadence::Days(days));
    }
    let not_duration = || format!("`{written}` is not a duration: {DURATION_FORMS}");
    let (negative, unsigned) = match lower.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, lower.strip_prefix('+').unwrap_or(lower).trim_start()),
    };
    let digit_count = unsigned.bytes().take_while(u8::is_ascii_digit).count();
    if digit_count == 0 {
        return Err(not_duration());
    }
    let (digits, unit) = unsigned.split_at(digit_count);
    let per_unit: u64 = match unit.trim() {
        "" | "d" | "day" | "days" => 1,
        "w" | "wk" | "wks" | "week" | "weeks" => 7,
        "m" | "mo" | "mos" | "month" | "months" => 30,
        "y" | "yr" | "yrs" | "year" | "years" => 365,
        _ => return Err(not_duration()),
    };
    if negative {
        return Err(format!("a duration cannot be negative: `{written}`"));
    }
    let too_long = || {
        format!(
            "`{written}` is too long: a duration is at most {MAX_DURATION_DAYS} days (100 years)"
        )
    };
    let count: u64 = digits.parse().map_err(|_| too_long())?;
    if count == 0 {
        return Err(format!(
            "a duration must be at least one day, not `{written}` (use `none` for no cadence)"
        ));
    }
    let days = count.checked_mul(per_unit).ok_or_else(too_long)?;
    if days > MAX_DURATION_DAYS {
        return Err(too_long());
    }
    Ok(Cadence::Days(days as u32))
}

/// Reads a birthday: a full date (any [`parse_date`] form), or a
/// year-less `XXXX-MM-DD`, `--MM-DD`, `MM-DD` or English `April 2`.
/// Returns it normalized (`1990-04-02`, or `--04-02` without a year);
/// an error for anything else, including impossible days (month 13,
/// February 30).
pub fn parse_birthday(text: &str) -> Result<String, String> {
    let written = strip_quotes(text.trim());
    match parse_date(written) {
        DateValue::Date(date) => return Ok(date.format("%Y-%m-%d").to_string()),
        DateValue::Invalid => return Err(format!("`{written}` {NOT_A_REAL_DATE}")),
        DateValue::NotDate => {}
    }
    let year_less = written
        .strip_prefix("--")
        .or_else(|| {
            let (head, rest) = (written.get(..4)?, written.get(4..)?);
            head.eq_ignore_ascii_case("xxxx")
                .then_some(rest)?
                .strip_prefix('-')
        })
        .unwrap_or(written);
    let month_day = scan_month_day(year_less).or_else(|| {
        let (parts, len) = scan_english(year_less)?;
        (parts.year.is_none() && year_less.get(len..)?.trim().is_empty())
            .then_some((parts.month, parts.day))
    });
    let Some((month, day)) = month_day else {
        return Err(format!(
            "`{written}` is not a birthday: use `YYYY-MM-DD`, or `--MM-DD` when the year is unknown"
        ));
    };
    // 2000 is a leap year, so February 29 is a fine year-less birthday.
    if real_date(2000, month, day).is_none() {
        return Err(format!("`{written}` {NOT_A_REAL_DATE}"));
    }
    Ok(format!("--{month:02}-{day:02}"))
}

/// `MM-DD` and nothing else, month and day one or two digits.
fn scan_month_day(text: &str) -> Option<(u32, u32)> {
    let (month, rest) = scan_number(text, 2)?;
    let rest = rest.strip_prefix('-')?;
    let (day, rest) = scan_number(rest, 2)?;
    rest.is_empty().then_some((month, day))
}

/// Leading ASCII digits, at most `max` of them (more is no match), as a
/// number and the rest of the text.
fn scan_number(text: &str, max: usize) -> Option<(u32, &str)> {
    let count = text.bytes().take_while(u8::is_ascii_digit).count();
    if count == 0 || count > max {
        return None;
    }
    let (digits, rest) = text.split_at(count);
    Some((digits.parse().ok()?, rest))
}

/// A date shape at the very start of `text`: the value (`Date` or
/// `Invalid`) and how many bytes it took; `None` when no date shape
/// starts there.
fn scan_date(text: &str) -> Option<(DateValue, usize)> {
    if let Some(found) = scan_numeric(text) {
        return Some(found);
    }
    let (parts, len) = scan_english(text)?;
    let year = parts.year?;
    let value = match real_date(year, parts.month, parts.day) {
        Some(date) => DateValue::Date(date),
        None => DateValue::Invalid,
    };
    Some((value, len))
}

/// `YYYY-MM-DD` or `YYYY/MM/DD` (month and day one or two digits) at the
/// start of `text`. A year of five or more digits is date-shaped but out
/// of range, so `Invalid`.
fn scan_numeric(text: &str) -> Option<(DateValue, usize)> {
    let bytes = text.as_bytes();
    let year_len = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if year_len < 4 {
        return None;
    }
    let separator = *bytes.get(year_len)?;
    if separator != b'-' && separator != b'/' {
        return None;
    }
    let month_len = bytes[year_len + 1..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if !(1..=2).contains(&month_len) || bytes.get(year_len + 1 + month_len) != Some(&separator) {
        return None;
    }
    let day_start = year_len + 2 + month_len;
    let day_len = bytes[day_start..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if !(1..=2).contains(&day_len) {
        return None;
    }
    let len = day_start + day_len;
    if year_len > 4 {
        return Some((DateValue::Invalid, len));
    }
    let year = text.get(..4)?.parse().ok()?;
    let month = text
        .get(year_len + 1..year_len + 1 + month_len)?
        .parse()
        .ok()?;
    let day = text.get(day_start..len)?.parse().ok()?;
    let value = match real_date(year, month, day) {
        Some(date) => DateValue::Date(date),
        None => DateValue::Invalid,
    };
    Some((value, len))
}

/// The parts of an English date; the year is missing in `April 2`.
struct EnglishDate {
    month: u32,
    day: u32,
    year: Option<u32>,
}

/// A long English date at the start of `text`, with an optional weekday
/// in front: `November 27, 2023`, `Nov. 27th 2023`, `27 Nov 2023`,
/// `Monday, November 27, 2023`, and year-less `April 2`. Returns the
/// parts and the bytes taken.
fn scan_english(text: &str) -> Option<(EnglishDate, usize)> {
    let mut cursor = Cursor { text, pos: 0 };
    if let Some(word) = cursor.peek_word() {
        if weekday(word) {
            cursor.pos += word.len();
            cursor.eat('.');
            cursor.eat(',');
            if cursor.spaces() == 0 {
                return None;
            }
        }
    }
    let (month, day) = if let Some(word) = cursor.peek_word() {
        let month = month_number(word)?;
        cursor.pos += word.len();
        cursor.eat('.');
        if cursor.spaces() == 0 {
            return None;
        }
        (month, cursor.day()?)
    } else {
        let day = cursor.day()?;
        if cursor.spaces() == 0 {
            return None;
        }
        let word = cursor.peek_word()?;
        let month = month_number(word)?;
        cursor.pos += word.len();
        cursor.eat('.');
        (month, day)
    };
    let after_day = cursor.pos;
    let comma = cursor.eat(',');
    let spaced = cursor.spaces() > 0;
    let year = if spaced || comma { cursor.year() } else { None };
    if year.is_none() {
        cursor.pos = after_day;
    }
    Some((EnglishDate { month, day, year }, cursor.pos))
}

/// A position in text being scanned; only ever moved past whole chars.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or("")
    }

    /// The ASCII letters at the cursor, if any (not consumed).
    fn peek_word(&self) -> Option<&'a str> {
        let rest = self.rest();
        let len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        // A letter run glued to more letters or digits is no word here.
        if len == 0
            || rest[len..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            return None;
        }
        Some(&rest[..len])
    }

    fn eat(&mut self, c: char) -> bool {
        if self.rest().starts_with(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    /// Spaces and tabs skipped.
    fn spaces(&mut self) -> usize {
        let count = self
            .rest()
            .bytes()
            .take_while(|b| *b == b' ' || *b == b'\t')
            .count();
        self.pos += count;
        count
    }

    /// A day of one or two digits with an optional `st`/`nd`/`rd`/`th`.
    fn day(&mut self) -> Option<u32> {
        let (day, rest) = scan_number(self.rest(), 2)?;
        let mut len = self.rest().len() - rest.len();
        let lower = rest.get(..2).map(str::to_ascii_lowercase);
        if matches!(lower.as_deref(), Some("st" | "nd" | "rd" | "th")) {
            len += 2;
        }
        if self.rest()[len..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
        {
            return None;
        }
        self.pos += len;
        Some(day)
    }

    /// A four-digit year not followed by more digits or letters.
    fn year(&mut self) -> Option<u32> {
        let rest = self.rest();
        let count = rest.bytes().take_while(u8::is_ascii_digit).count();
        if count != 4 || rest[4..].chars().next().is_some_and(char::is_alphanumeric) {
            return None;
        }
        self.pos += 4;
        rest[..4].parse().ok()
    }
}

fn weekday(word: &str) -> bool {
    const DAYS: &[&str] = &[
        "monday",
        "mon",
        "tuesday",
        "tue",
        "tues",
        "wednesday",
        "wed",
        "thursday",
        "thu",
        "thur",
        "thurs",
        "friday",
        "fri",
        "saturday",
        "sat",
        "sunday",
        "sun",
    ];
    DAYS.iter().any(|d| d.eq_ignore_ascii_case(word))
}

fn month_number(word: &str) -> Option<u32> {
    const MONTHS: &[(&str, &str)] = &[
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may", "may"),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sep"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ];
    if word.eq_ignore_ascii_case("sept") {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|(full, short)| {
            full.eq_ignore_ascii_case(word) || short.eq_ignore_ascii_case(word)
        })
        .map(|i| i as u32 + 1)
}

/// The help of an `invalid-date` finding: the nearest real form of a
/// numeric date that does not exist. An unknown month and day
/// (`2003-00-00`) leaves the year alone (`2003`); a day past the month's
/// end becomes its last day (`2026-02-30` → `2026-02-28`); a month past
/// 12 or a zero day is clamped (`2026-13-01` → `2026-12-01`).
#[must_use]
pub fn invalid_date_help(written: &str) -> String {
    const GENERIC: &str = "this day does not exist; write a real date as `YYYY-MM-DD`";
    let text = strip_quotes(written.trim()).trim_start_matches("[[");
    let mut parts = text.splitn(3, ['-', '/']);
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return GENERIC.to_string();
    };
    let d: String = d.chars().take_while(char::is_ascii_digit).collect();
    let (Ok(year), Ok(month), Ok(day)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>())
    else {
        return GENERIC.to_string();
    };
    if y.len() != 4 || !(1..=9999).contains(&year) {
        return GENERIC.to_string();
    }
    if month == 0 && day == 0 {
        return format!("the month and day are unknown: write the year alone, `{year}`");
    }
    let month = month.clamp(1, 12);
    let last = (28..=31)
        .rev()
        .find(|&day| real_date(year, month, day).is_some())
        .unwrap_or(28);
    let day = day.clamp(1, last);
    format!("this day does not exist; did you mean `{year:04}-{month:02}-{day:02}`?")
}

/// A real date with a year from 1 to 9999; `None` for anything else.
fn real_date(year: u32, month: u32, day: u32) -> Option<NaiveDate> {
    if !(1..=9999).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// The length of a time of day right after a date, as YAML timestamps
/// write it: `T10:00:00`, ` 21:10`, `T10:00:00.5Z`, ` 10:00 +02:00`;
/// 0 when none follows.
fn time_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut pos = 0;
    if bytes.first().is_some_and(|b| *b == b'T' || *b == b't') {
        pos = 1;
    } else {
        pos += bytes
            .iter()
            .take_while(|b| **b == b' ' || **b == b'\t')
            .count();
        if pos == 0 {
            return 0;
        }
    }
    let digits_at = |at: usize| {
        bytes[at.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let hours = digits_at(pos);
    if !(1..=2).contains(&hours)
        || bytes.get(pos + hours) != Some(&b':')
        || digits_at(pos + hours + 1) != 2
    {
        return 0;
    }
    pos += hours + 3;
    if bytes.get(pos) == Some(&b':') && digits_at(pos + 1) == 2 {
        pos += 3;
        if bytes.get(pos) == Some(&b'.') && digits_at(pos + 1) > 0 {
            pos += 1 + digits_at(pos + 1);
        }
    }
    let zone_start = pos + bytes[pos..].iter().take_while(|b| **b == b' ').count();
    match bytes.get(zone_start) {
        Some(b'Z' | b'z') => zone_start + 1,
        Some(b'+' | b'-') => {
            let digits = digits_at(zone_start + 1);
            let end = zone_start + 1 + digits;
            match digits {
                // `+02:00`
                1 | 2 if bytes.get(end) == Some(&b':') && digits_at(end + 1) == 2 => end + 3,
                // `+02` or `+0200`
                1 | 2 | 4 => end,
                _ => pos,
            }
        }
        _ => pos,
    }
}

/// Skips what separates a leading date from the text after it.
fn skip_separators(text: &str) -> &str {
    text.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '-' | '—' | '–' | '|' | ',')
    })
}

/// Removes one pair of matching surrounding quotes.
fn strip_quotes(text: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(quote).and_then(|t| t.strip_suffix(quote)) {
            return inner.trim();
        }
    }
    text
}

#[cfg(test)]
mod tests {
    #[test]
    fn invalid_dates_get_the_nearest_real_form() {
        use super::invalid_date_help as help;
        assert!(
            help("2003-00-00").contains("`2003`"),
            "{}",
            help("2003-00-00")
        );
        assert!(help("2026-02-30").contains("`2026-02-28`"));
        assert!(help("2024-02-30").contains("`2024-02-29`"));
        assert!(help("2026-13-01").contains("`2026-12-01`"));
        assert!(help("2026-04-00").contains("`2026-04-01`"));
        assert!(help("[[2026-06-31]]").contains("`2026-06-30`"));
        assert!(help("soon").contains("YYYY-MM-DD"));
    }

    use super::*;

    fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("test date")
    }

    fn date(year: i32, month: u32, day: u32) -> DateValue {
        DateValue::Date(ymd(year, month, day))
    }

    #[test]
    fn parse_date_reads_iso_and_slashes() {
        assert_eq!(parse_date("2026-03-01"), date(2026, 3, 1));
        assert_eq!(parse_date("2026/03/01"), date(2026, 3, 1));
        assert_eq!(parse_date("2026-3-1"), date(2026, 3, 1));
        assert_eq!(parse_date("  '2026-03-01'  "), date(2026, 3, 1));
        assert_eq!(parse_date("\"2026-03-01\""), date(2026, 3, 1));
    }

    #[test]
    fn parse_date_reads_wiki_links() {
        assert_eq!(parse_date("[[2026-03-01]]"), date(2026, 3, 1));
        assert_eq!(parse_date("[[2026-03-01|Sunday]]"), date(2026, 3, 1));
        assert_eq!(parse_date("\"[[2026-03-01]]\""), date(2026, 3, 1));
    }

    #[test]
    fn parse_date_reads_yaml_timestamps() {
        for text in [
            "2026-03-01T10:00:00",
            "2026-03-01 21:10",
            "2026-03-01T10:00:00Z",
            "2026-03-01T10:00:00+02:00",
            "2026-03-01T10:00:00.123-0500",
            "2026-03-01 10:00:00 +02:00",
            "2026-03-01t10:00",
        ] {
            assert_eq!(parse_date(text), date(2026, 3, 1), "{text}");
        }
    }

    #[test]
    fn parse_date_reads_long_english_dates() {
        for text in [
            "November 27, 2023",
            "27 Nov 2023",
            "Monday, November 27, 2023",
            "Nov 27 2023",
            "Nov. 27th, 2023",
            "27th November 2023",
            "mon 27 nov 2023",
            "Mon, 27 Nov, 2023",
            "NOVEMBER 27,2023",
        ] {
            assert_eq!(parse_date(text), date(2023, 11, 27), "{text}");
        }
        assert_eq!(parse_date("Sept 1, 2024"), date(2024, 9, 1));
    }

    #[test]
    fn parse_date_tells_invalid_from_not_a_date() {
        for text in [
            "2026-02-30",
            "2026-13-45",
            "0000-00-00",
            "0000-01-01",
            "99999-01-01",
            "[[2026-02-30]]",
            "February 30, 2024",
            "32 Jan 2024",
            "2026-02-30T10:00",
        ] {
            assert_eq!(parse_date(text), DateValue::Invalid, "{text}");
        }
        for text in [
            "",
            "   ",
            "soon",
            "2026",
            "2026-03",
            "26-03-01",
            "2026-03-011",
            "2026-03/01",
            "2026-03-01 and more",
            "November 2023",
            "May 5",
            "Monday",
            "[[People]]",
            "2026-03-01T25",
            "2026年3月1日",
        ] {
            assert_eq!(parse_date(text), DateValue::NotDate, "{text}");
        }
    }

    #[test]
    fn date_value_gives_the_date() {
        assert_eq!(date(2026, 3, 1).date(), Some(ymd(2026, 3, 1)));
        assert_eq!(DateValue::Invalid.date(), None);
        assert_eq!(DateValue::NotDate.date(), None);
    }

    #[test]
    fn leading_date_reads_heading_and_item_starts() {
        let cases = [
            ("2026-03-01 Coffee", "Coffee"),
            ("[[2026-03-01]] — call", "call"),
            ("[[2026-03-01|Sunday]] – call", "call"),
            ("**2026-03-01** met at the café", "met at the café"),
            ("__2026-03-01__ walk", "walk"),
            ("*2026-03-01* walk", "walk"),
            ("2026-03-01: Lunch", "Lunch"),
            ("2026-03-01 - Lunch", "Lunch"),
            ("2026-03-01 | Lunch", "Lunch"),
            ("  2026/03/01 Lunch", "Lunch"),
            ("2026-03-01", ""),
            ("2026-03-01T10:00 standup", "standup"),
            ("2026-03-01 10:00 standup", "standup"),
        ];
        for (text, rest) in cases {
            assert_eq!(leading_date(text), Some((date(2026, 3, 1), rest)), "{text}");
        }
        let english = [
            ("November 27, 2023 lunch", "lunch"),
            ("Monday, November 27, 2023", ""),
            ("27 Nov 2023: dinner", "dinner"),
            ("**Nov 27, 2023** dinner", "dinner"),
        ];
        for (text, rest) in english {
            assert_eq!(
                leading_date(text),
                Some((date(2023, 11, 27), rest)),
                "{text}"
            );
        }
    }

    #[test]
    fn leading_date_reports_invalid_dates_with_the_rest() {
        assert_eq!(
            leading_date("2026-02-30 Coffee"),
            Some((DateValue::Invalid, "Coffee"))
        );
        assert_eq!(
            leading_date("[[2026-13-01]] call"),
            Some((DateValue::Invalid, "call"))
        );
    }

    #[test]
    fn leading_date_ignores_text_that_does_not_start_with_a_date() {
        for text in [
            "Coffee on 2026-03-01",
            "About",
            "",
            "2026-03-01abc",
            "May 5 things to do",
            "Monday meeting",
            "**Note** 2026-03-01",
            "[[Ada]] 2026-03-01",
            "2026 plans",
            "12 monkeys",
            "3 May",
            "[[2026-03-01",
            "**2026-03-01 no closing",
            "Mayor 5, 2023",
            "é",
        ] {
            assert_eq!(leading_date(text), None, "{text}");
        }
    }

    #[test]
    fn find_iso_date_finds_the_first_real_date_anywhere() {
        assert_eq!(find_iso_date("2026-03-01"), Some(ymd(2026, 3, 1)));
        assert_eq!(
            find_iso_date("Meeting - 2024-06-14 2247"),
            Some(ymd(2024, 6, 14))
        );
        assert_eq!(
            find_iso_date("x2026-02-30 then 2026-03-02"),
            Some(ymd(2026, 3, 2))
        );
        assert_eq!(find_iso_date("Ada Lovelace"), None);
        assert_eq!(find_iso_date("12026-03-01"), None);
        assert_eq!(find_iso_date("2026-03-011"), None);
        assert_eq!(find_iso_date("2026-3-1"), None);
        assert_eq!(find_iso_date("0000-00-00"), None);
        assert_eq!(find_iso_date("ééé 2026-03-01 ééé"), Some(ymd(2026, 3, 1)));
        assert_eq!(find_iso_date(""), None);
    }

    #[test]
    fn parse_duration_reads_every_form() {
        let cases = [
            ("30", 30),
            ("30d", 30),
            ("30 days", 30),
            ("1 day", 1),
            ("2w", 14),
            ("2 weeks", 14),
            ("3m", 90),
            ("3 months", 90),
            ("1y", 365),
            ("2 years", 730),
            ("weekly", 7),
            ("biweekly", 14),
            ("fortnightly", 14),
            ("monthly", 30),
            ("quarterly", 91),
            ("yearly", 365),
            ("annually", 365),
            ("daily", 1),
            ("Weekly", 7),
            ("  90D ", 90),
            ("\"14d\"", 14),
            ("every 2 weeks", 14),
            ("every month", 30),
            ("+7", 7),
            ("36500", 36_500),
            ("100y", 36_500),
        ];
        for (text, days) in cases {
            assert_eq!(parse_duration(text), Ok(Cadence::Days(days)), "{text}");
        }
        assert_eq!(parse_duration("none"), Ok(Cadence::Never));
        assert_eq!(parse_duration("NONE"), Ok(Cadence::Never));
        assert_eq!(parse_duration("never"), Ok(Cadence::Never));
    }

    #[test]
    fn parse_duration_rejects_nonsense_with_a_reason() {
        for text in [
            "soon",
            "",
            "d",
            "1.5w",
            "2 fortnights",
            "ten days",
            "30x",
            "3 m s",
        ] {
            let message = parse_duration(text).expect_err(text);
            assert!(message.contains("is not a duration"), "{text}: {message}");
            assert!(message.contains("weekly"), "{text}: {message}");
        }
        let zero = parse_duration("0d").expect_err("zero");
        assert!(zero.contains("at least one day"), "{zero}");
        let negative = parse_duration("-5d").expect_err("negative");
        assert!(negative.contains("negative"), "{negative}");
        for text in ["36501", "101y", "99999999999999999999999", "4294967296w"] {
            let message = parse_duration(text).expect_err(text);
            assert!(message.contains("too long"), "{text}: {message}");
        }
    }

    #[test]
    fn duration_messages_follow_house_style() {
        for text in ["soon", "0", "-1", "500y"] {
            let message = parse_duration(text).expect_err(text);
            assert!(
                message.starts_with(|c: char| !c.is_uppercase()),
                "{message}"
            );
            assert!(!message.ends_with('.'), "{message}");
        }
    }

    #[test]
    fn parse_birthday_normalizes_full_and_year_less_forms() {
        let cases = [
            ("1990-04-02", "1990-04-02"),
            ("1990/4/2", "1990-04-02"),
            ("April 2, 1990", "1990-04-02"),
            ("[[1990-04-02]]", "1990-04-02"),
            ("XXXX-04-02", "--04-02"),
            ("xxxx-4-2", "--04-02"),
            ("--04-02", "--04-02"),
            ("04-02", "--04-02"),
            ("4-2", "--04-02"),
            ("April 2", "--04-02"),
            ("2 Apr", "--04-02"),
            ("'--02-29'", "--02-29"),
        ];
        for (text, normal) in cases {
            assert_eq!(parse_birthday(text), Ok(normal.to_string()), "{text}");
        }
    }

    #[test]
    fn parse_birthday_rejects_impossible_and_unknown_values() {
        for text in [
            "1990-13-01",
            "1990-02-30",
            "--13-01",
            "--02-30",
            "XXXX-02-30",
            "13-45",
            "soon",
            "",
            "--",
            "xxxx",
            "04-02-03",
            "April 31",
            "1990",
            "ééééé",
        ] {
            let message = parse_birthday(text).expect_err(text);
            assert!(!message.ends_with('.'), "{message}");
        }
    }

    #[test]
    fn no_input_panics() {
        let samples = [
            "",
            "-",
            "--",
            "[[",
            "]]",
            "[[]]",
            "**",
            "*",
            "_",
            "T",
            " T1",
            "2026-",
            "2026-0",
            "2026-01-",
            "2026-01-0",
            "2026-01-01T",
            "2026-01-01T1",
            "2026-01-01T10:",
            "2026-01-01T10:00:",
            "2026-01-01T10:00:00.",
            "2026-01-01T10:00+",
            "2026-01-01T10:00 -1",
            "Nov",
            "Nov ",
            "Nov 2",
            "Nov 2,",
            "Nov 2, ",
            "2 ",
            "2 N",
            "Monday,",
            "Monday, ",
            "1st",
            "é2026-01-01",
            "2026-01-01é",
            "Nov 2é",
            "2é",
            "Nové",
            "—",
            "99999999999-99-99",
            "2026-99999-1",
            "--é",
            "xxxxé",
            "XXXX-",
            "ǅ",
            "\u{feff}2026-01-01",
        ];
        for text in samples {
            let _ = parse_date(text);
            let _ = leading_date(text);
            let _ = find_iso_date(text);
            let _ = parse_duration(text);
            let _ = parse_birthday(text);
            // Every prefix and suffix, at char boundaries.
            for (i, _) in text.char_indices() {
                let _ = parse_date(&text[i..]);
                let _ = leading_date(&text[..i]);
                let _ = parse_birthday(&text[..i]);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_text_never_panics(text in "[0-9xX\\-/: T.+Zz\\[\\]|*_,a-zA-Z—é]{0,40}") {
            let _ = parse_date(&text);
            let _ = find_iso_date(&text);
            let _ = parse_duration(&text);
            let _ = parse_birthday(&text);
            if let Some((_, rest)) = leading_date(&text) {
                proptest::prop_assert!(text.ends_with(rest));
            }
        }

        #[test]
        fn every_real_date_reads_back(days in 0_i64..3_000_000) {
            let date = ymd(1, 1, 1) + chrono::Duration::days(days);
            let iso = date.format("%Y-%m-%d").to_string();
            proptest::prop_assert_eq!(parse_date(&iso), DateValue::Date(date));
            proptest::prop_assert_eq!(find_iso_date(&format!("x {iso} y")), Some(date));
            let long = date.format("%A, %B %-d, %Y").to_string();
            proptest::prop_assert_eq!(leading_date(&long), Some((DateValue::Date(date), "")));
        }
    }
}
