//! The vault's own daily-notes settings (SPEC §1): Obsidian's core
//! Daily notes plugin (`.obsidian/daily-notes.json`, keys `folder` and
//! `format`) and the Periodic Notes plugin
//! (`.obsidian/plugins/periodic-notes/data.json`, `daily.folder` and
//! `daily.format`). The folder holds journal notes; the format, a
//! moment.js pattern, dates their file names.
//!
//! Decisions where the spec is silent:
//! - Periodic Notes wins when both are present and its daily notes are
//!   not switched off (`daily.enabled: false`): it replaces the core
//!   plugin when installed.
//! - A missing or empty `format` is Obsidian's default, `YYYY-MM-DD`.
//! - A format holding a token other than `YYYY YY MM M DD D MMM MMMM ddd
//!   dddd` (a week number, an hour) is not used for dates; the folder
//!   still counts.
//! - A format with `/` (`YYYY/MM/YYYY-MM-DD`) is matched against as many
//!   trailing path parts as it has.
//! - Settings files over 1 MiB or that are not JSON are ignored: they
//!   are the editor's, not ours to report.

use std::path::Path;

use chrono::{Datelike, NaiveDate};

/// Settings files larger than this are not read.
const MAX_SETTINGS_BYTES: u64 = 1024 * 1024;
/// The most tokens a format may hold: real formats hold under ten.
const MAX_PARTS: usize = 64;

/// Where the vault's daily notes live and how they are named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyNotes {
    /// Folder relative to the root, `/` separators, no leading or
    /// trailing `/`; empty for the root itself.
    pub folder: String,
    /// The file-name format, when every token in it is understood.
    pub format: Option<DateFormat>,
    /// The format as written, for `--show-files` and the cache key.
    pub format_text: String,
    /// Which settings file said so (`.obsidian/daily-notes.json`).
    pub source: &'static str,
}

const CORE: &str = ".obsidian/daily-notes.json";
const PERIODIC: &str = ".obsidian/plugins/periodic-notes/data.json";

impl DailyNotes {
    /// Reads the vault's daily-notes settings, if it has any.
    #[must_use]
    pub fn read(root: &Path) -> Option<DailyNotes> {
        let periodic = read_json(&root.join(PERIODIC)).and_then(|json| {
            let daily = json.get("daily")?;
            if daily.get("enabled").and_then(serde_json::Value::as_bool) == Some(false) {
                return None;
            }
            Some(DailyNotes::from_json(daily, PERIODIC))
        });
        periodic.or_else(|| read_json(&root.join(CORE)).map(|j| DailyNotes::from_json(&j, CORE)))
    }

    fn from_json(json: &serde_json::Value, source: &'static str) -> DailyNotes {
        let text = |key: &str| {
            json.get(key)
                .and_then(serde_json::Value::as_str)
                .map(str::trim)
                .unwrap_or_default()
                .to_string()
        };
        let folder = text("folder")
            .replace('\\', "/")
            .trim_matches('/')
            .to_string();
        let mut format_text = text("format");
        if format_text.is_empty() {
            format_text = "YYYY-MM-DD".to_string();
        }
        DailyNotes {
            folder,
            format: DateFormat::parse(&format_text),
            format_text,
            source,
        }
    }

    /// Whether a vault-relative path lies in the daily-notes folder. A
    /// folder of the root itself holds nothing by folder alone: only the
    /// format then decides.
    #[must_use]
    pub fn holds(&self, rel: &str) -> bool {
        !self.folder.is_empty()
            && rel.len() > self.folder.len()
            && rel.as_bytes()[self.folder.len()] == b'/'
            && rel[..self.folder.len()].eq_ignore_ascii_case(&self.folder)
    }

    /// The date a vault-relative path's file name carries in this format.
    #[must_use]
    pub fn date_of(&self, rel: &str) -> Option<NaiveDate> {
        let format = self.format.as_ref()?;
        let without_ext = rel.strip_suffix(".md").unwrap_or(rel);
        let parts = format.slashes + 1;
        let tail = without_ext
            .rmatch_indices('/')
            .nth(parts - 1)
            .map_or(without_ext, |(at, _)| &without_ext[at + 1..]);
        format.parse_name(tail)
    }
}

fn read_json(path: &Path) -> Option<serde_json::Value> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_SETTINGS_BYTES {
        return None;
    }
    serde_json::from_slice(&std::fs::read(path).ok()?).ok()
}

/// One token of a moment.js format.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Year4,
    Year2,
    Month2,
    Month1,
    Day2,
    Day1,
    MonthShort,
    MonthLong,
    WeekdayShort,
    WeekdayLong,
    Literal(String),
}

/// A moment.js date format: `YYYY-MM-DD`, `DD.MM.YYYY`,
/// `YYYY-MM-DD dddd`, `[Journal] YYYYMMDD`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateFormat {
    parts: Vec<Part>,
    slashes: usize,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

impl DateFormat {
    /// Reads a format; None when it holds a token we do not understand
    /// or no year, month and day.
    #[must_use]
    pub fn parse(text: &str) -> Option<DateFormat> {
        let mut parts = Vec::new();
        let mut rest = text;
        let tokens: [(&str, Part); 10] = [
            ("YYYY", Part::Year4),
            ("YY", Part::Year2),
            ("MMMM", Part::MonthLong),
            ("MMM", Part::MonthShort),
            ("MM", Part::Month2),
            ("M", Part::Month1),
            ("DD", Part::Day2),
            ("D", Part::Day1),
            ("dddd", Part::WeekdayLong),
            ("ddd", Part::WeekdayShort),
        ];
        while let Some(c) = rest.chars().next() {
            if parts.len() > MAX_PARTS {
                return None;
            }
            if c == '[' {
                let end = rest.find(']')?;
                parts.push(Part::Literal(rest[1..end].to_string()));
                rest = &rest[end + 1..];
                continue;
            }
            if let Some((token, part)) = tokens.iter().find(|(t, _)| rest.starts_with(t)) {
                parts.push(part.clone());
                rest = &rest[token.len()..];
                continue;
            }
            if c.is_ascii_alphabetic() {
                // Another moment token (`Do`, `ww`, `HH`): not ours to read.
                return None;
            }
            parts.push(Part::Literal(c.to_string()));
            rest = &rest[c.len_utf8()..];
        }
        let has = |wanted: &[Part]| parts.iter().any(|p| wanted.contains(p));
        if !(has(&[Part::Year4, Part::Year2])
            && has(&[
                Part::Month2,
                Part::Month1,
                Part::MonthShort,
                Part::MonthLong,
            ])
            && has(&[Part::Day2, Part::Day1]))
        {
            return None;
        }
        let slashes = parts
            .iter()
            .map(|p| match p {
                Part::Literal(text) => text.matches('/').count(),
                _ => 0,
            })
            .sum();
        Some(DateFormat { parts, slashes })
    }

    /// The date a name written in this format holds, when all of it
    /// matches and the date is real (and its weekday, when written, right).
    #[must_use]
    pub fn parse_name(&self, name: &str) -> Option<NaiveDate> {
        let mut found = Found::default();
        matches(&self.parts, name, &mut found)
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Found {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    weekday: Option<u32>,
}

/// Backtracking match of `parts` against the whole of `text`; depth is
/// bounded by the number of parts.
fn matches(parts: &[Part], text: &str, found: &mut Found) -> Option<NaiveDate> {
    let Some((part, rest)) = parts.split_first() else {
        if !text.is_empty() {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(found.year?, found.month?, found.day?)?;
        if found
            .weekday
            .is_some_and(|w| w != date.weekday().num_days_from_monday())
        {
            return None;
        }
        return (1900..=2100).contains(&date.year()).then_some(date);
    };
    let digits = |n: usize| {
        (text.len() >= n && text.as_bytes()[..n].iter().all(u8::is_ascii_digit))
            .then(|| (text[..n].parse::<u32>().ok(), &text[n..]))
    };
    let try_with = |update: &dyn Fn(&mut Found), remaining: &str| {
        let mut next = *found;
        update(&mut next);
        matches(rest, remaining, &mut next)
    };
    match part {
        Part::Literal(lit) => {
            let head = text.get(..lit.len())?;
            head.eq_ignore_ascii_case(lit)
                .then(|| matches(rest, &text[lit.len()..], found))
                .flatten()
        }
        Part::Year4 => {
            let (n, remaining) = digits(4)?;
            let year = i32::try_from(n?).ok()?;
            try_with(&|f| f.year = Some(year), remaining)
        }
        Part::Year2 => {
            let (n, remaining) = digits(2)?;
            let year = 2000 + i32::try_from(n?).ok()?;
            try_with(&|f| f.year = Some(year), remaining)
        }
        Part::Month2 | Part::Day2 => {
            let (n, remaining) = digits(2)?;
            let n = n?;
            let is_month = *part == Part::Month2;
            try_with(
                &|f| {
                    if is_month {
                        f.month = Some(n);
                    } else {
                        f.day = Some(n);
                    }
                },
                remaining,
            )
        }
        Part::Month1 | Part::Day1 => {
            let is_month = *part == Part::Month1;
            [2, 1].into_iter().find_map(|len| {
                let (n, remaining) = digits(len)?;
                let n = n?;
                if len == 2 && text.starts_with('0') {
                    return None;
                }
                try_with(
                    &|f| {
                        if is_month {
                            f.month = Some(n);
                        } else {
                            f.day = Some(n);
                        }
                    },
                    remaining,
                )
            })
        }
        Part::MonthShort | Part::MonthLong => {
            let long = *part == Part::MonthLong;
            MONTHS.iter().zip(1..).find_map(|(name, n)| {
                let written = if long { name } else { &name[..3] };
                let head = text.get(..written.len())?;
                if !head.eq_ignore_ascii_case(written) {
                    return None;
                }
                try_with(&|f| f.month = Some(n), &text[written.len()..])
            })
        }
        Part::WeekdayShort | Part::WeekdayLong => {
            let long = *part == Part::WeekdayLong;
            WEEKDAYS.iter().zip(0..).find_map(|(name, n)| {
                let written = if long { name } else { &name[..3] };
                let head = text.get(..written.len())?;
                if !head.eq_ignore_ascii_case(written) {
                    return None;
                }
                try_with(&|f| f.weekday = Some(n), &text[written.len()..])
            })
        }
    }
}

/// A compact `YYYYMMDD` date anywhere in a file name: eight digits not
/// part of a longer number, a real date between 1900 and 2100
/// (`Standup 20240115`, `Journal-20250302`).
#[must_use]
pub fn find_compact_date(stem: &str) -> Option<NaiveDate> {
    let bytes = stem.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i - start == 8 {
            let run = &stem[start..i];
            let (y, m, d) = (&run[..4], &run[4..6], &run[6..]);
            if let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse(), d.parse()) {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    if (1900..=2100).contains(&y) {
                        return Some(date);
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn formats_date_file_names() {
        let cases = [
            ("YYYY-MM-DD", "2024-06-14", date(2024, 6, 14)),
            ("DD.MM.YYYY", "14.06.2024", date(2024, 6, 14)),
            ("YYYY-MM-DD dddd", "2024-06-14 Friday", date(2024, 6, 14)),
            ("YYYY-MM-DD dddd", "2024-06-14 Monday", None),
            ("ddd, MMM D, YYYY", "Fri, Jun 14, 2024", date(2024, 6, 14)),
            ("MMMM D YY", "June 4 24", date(2024, 6, 4)),
            ("[Journal] YYYYMMDD", "Journal 20240614", date(2024, 6, 14)),
            ("YYYY-MM-DD", "2024-02-30", None),
            ("YYYY-MM-DD", "2024-06-14 extra", None),
            ("D.M.YYYY", "4.6.2024", date(2024, 6, 4)),
        ];
        for (format, name, want) in cases {
            let parsed = DateFormat::parse(format).unwrap();
            assert_eq!(parsed.parse_name(name), want, "{format} {name}");
        }
        assert!(DateFormat::parse("gggg-[W]ww").is_none());
        assert!(DateFormat::parse("[unclosed").is_none());
        assert!(DateFormat::parse("Notes").is_none());
    }

    #[test]
    fn folders_and_nested_formats() {
        let daily = DailyNotes {
            folder: "Journal/Daily".into(),
            format: DateFormat::parse("YYYY/MM/YYYY-MM-DD"),
            format_text: "YYYY/MM/YYYY-MM-DD".into(),
            source: CORE,
        };
        assert!(daily.holds("journal/daily/2024/06/2024-06-14.md"));
        assert!(!daily.holds("Journal/Dailyish/x.md"));
        assert_eq!(
            daily.date_of("Journal/Daily/2024/06/2024-06-14.md"),
            date(2024, 6, 14)
        );
    }

    #[test]
    fn settings_are_read_from_the_vault() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(DailyNotes::read(dir.path()), None);
        std::fs::create_dir_all(dir.path().join(".obsidian/plugins/periodic-notes")).unwrap();
        std::fs::write(
            dir.path().join(CORE),
            r#"{"folder": "/Dailies/", "format": "DD.MM.YYYY"}"#,
        )
        .unwrap();
        let core = DailyNotes::read(dir.path()).unwrap();
        assert_eq!(core.folder, "Dailies");
        assert_eq!(core.date_of("Dailies/14.06.2024.md"), date(2024, 6, 14));
        std::fs::write(
            dir.path().join(PERIODIC),
            r#"{"daily": {"enabled": true, "folder": "Log", "format": ""}}"#,
        )
        .unwrap();
        let periodic = DailyNotes::read(dir.path()).unwrap();
        assert_eq!(
            (periodic.folder.as_str(), periodic.source),
            ("Log", PERIODIC)
        );
        assert_eq!(periodic.date_of("Log/2024-06-14.md"), date(2024, 6, 14));
        std::fs::write(dir.path().join(PERIODIC), "not json").unwrap();
        assert_eq!(DailyNotes::read(dir.path()).unwrap().source, CORE);
    }

    #[test]
    fn compact_dates() {
        assert_eq!(find_compact_date("Standup 20240115"), date(2024, 1, 15));
        assert_eq!(find_compact_date("Journal-20250302"), date(2025, 3, 2));
        assert_eq!(find_compact_date("id 202401150"), None);
        assert_eq!(find_compact_date("20241315"), None);
        assert_eq!(find_compact_date("phone 55512345"), None);
        assert_eq!(
            find_compact_date("x 12345678 y 20240115"),
            date(2024, 1, 15)
        );
    }
}
