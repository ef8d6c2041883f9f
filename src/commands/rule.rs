//! `vaultnet rule NAME|CODE` and `vaultnet rule --all`: a rule's
//! documentation, or the table of every rule. The text is the registry's
//! `RuleInfo.docs`, the same that SARIF `rules[].help` carries, so the
//! two cannot drift.

use std::io::{self, Write};

use serde::Serialize;

use super::{stdout_error, Outcome, Streams};
use crate::cli::{GlobalArgs, ListFormat, RuleArgs};
use crate::error::{Error, Result};
use crate::lint::registry::{RuleInfo, RULES};
use crate::lint::Level;
use crate::output::{pad, style};

pub fn run(args: &RuleArgs, _global: &GlobalArgs, streams: &mut Streams<'_>) -> Result<Outcome> {
    let out = &mut *streams.out;
    match (&args.name, args.format) {
        (Some(name), format) => {
            let rule = lookup(name, RULES)?;
            match format {
                ListFormat::Json => write_json(out, &RuleRow::from(rule)),
                ListFormat::Text => write_rule(out, rule),
            }
        }
        (None, ListFormat::Json) => {
            let rows: Vec<RuleRow> = RULES.iter().map(|r| RuleRow::from(*r)).collect();
            write_json(out, &rows)
        }
        (None, ListFormat::Text) => write_table(out, RULES),
    }
    .map_err(stdout_error)?;
    Ok(Outcome::Success)
}

/// One rule as `rule --format json` prints it.
#[derive(Debug, Serialize)]
pub struct RuleRow {
    pub code: &'static str,
    pub name: &'static str,
    pub default_level: Level,
    pub summary: &'static str,
    pub docs: &'static str,
}

impl From<&'static RuleInfo> for RuleRow {
    fn from(rule: &'static RuleInfo) -> Self {
        RuleRow {
            code: rule.code,
            name: rule.name,
            default_level: rule.default_level,
            summary: rule.summary,
            docs: rule.docs,
        }
    }
}

/// A rule by name or code, case-insensitively; an unknown one is a usage
/// error that suggests the nearest rule.
pub fn lookup(name: &str, rules: &[&'static RuleInfo]) -> Result<&'static RuleInfo> {
    let wanted = name.trim();
    if let Some(rule) = rules
        .iter()
        .copied()
        .find(|r| r.name.eq_ignore_ascii_case(wanted) || r.code.eq_ignore_ascii_case(wanted))
    {
        return Ok(rule);
    }
    let hint = match suggest(wanted, rules) {
        Some(rule) => format!("; did you mean `{}` ({})?", rule.name, rule.code),
        None => String::new(),
    };
    Err(Error::Usage(format!(
        "unknown rule `{wanted}`{hint}\n  `vaultnet rule --all` lists every rule"
    )))
}

/// The rule whose name or code is closest to `wanted`, if any is close:
/// a name that holds it as a word, or one a few edits away.
#[must_use]
pub fn suggest(wanted: &str, rules: &[&'static RuleInfo]) -> Option<&'static RuleInfo> {
    let wanted = wanted.to_lowercase().replace(['_', ' '], "-");
    if wanted.is_empty() {
        return None;
    }
    let mut best: Option<(f64, &'static RuleInfo)> = None;
    for rule in rules.iter().copied() {
        let name = rule.name;
        let code = rule.code.to_lowercase();
        let mut score =
            strsim::jaro_winkler(&wanted, name).max(strsim::jaro_winkler(&wanted, &code));
        if wanted.len() >= 3 && name.split('-').any(|word| word.starts_with(&wanted)) {
            score = score.max(0.9);
        }
        if strsim::levenshtein(&wanted, name) <= 2 || strsim::levenshtein(&wanted, &code) <= 1 {
            score = score.max(0.95);
        }
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, rule));
        }
    }
    best.filter(|(score, _)| *score >= 0.85)
        .map(|(_, rule)| rule)
}

/// The header line, a blank line and the docs.
pub fn write_rule(out: &mut dyn Write, rule: &RuleInfo) -> io::Result<()> {
    writeln!(
        out,
        "{}{} {}{} (default: {})\n",
        style::BOLD.render(),
        rule.code,
        rule.name,
        style::BOLD.render_reset(),
        rule.default_level.as_str()
    )?;
    let docs = rule.docs.trim_end();
    if docs.is_empty() {
        writeln!(out, "{}", rule.summary)
    } else {
        writeln!(out, "{docs}")
    }
}

/// Code, name, default level and summary in aligned columns.
pub fn write_table(out: &mut dyn Write, rules: &[&RuleInfo]) -> io::Result<()> {
    let code_width = rules.iter().map(|r| r.code.len()).max().unwrap_or(0);
    let name_width = rules.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let level_width = rules
        .iter()
        .map(|r| r.default_level.as_str().len())
        .max()
        .unwrap_or(0);
    for rule in rules {
        let line = format!(
            "{}{}{}  {}  {}  {}",
            style::BOLD.render(),
            pad(rule.code, code_width),
            style::BOLD.render_reset(),
            pad(rule.name, name_width),
            pad(rule.default_level.as_str(), level_width),
            rule.summary
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn write_json<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    static STALE: RuleInfo = RuleInfo {
        code: "VN101",
        name: "stale-relationship",
        default_level: Level::Warning,
        summary: "no contact for longer than the cadence",
        docs: "## What it does\n\nFinds people you are losing touch with.\n",
    };
    static NO_INTERESTS: RuleInfo = RuleInfo {
        code: "VN106",
        name: "no-interests",
        default_level: Level::Warning,
        summary: "nothing known about them",
        docs: "",
    };
    static ABOUT_ME: RuleInfo = RuleInfo {
        code: "VN107",
        name: "all-about-me",
        default_level: Level::Info,
        summary: "an interaction that is all about you",
        docs: "## What it does\n\nCounts words.",
    };
    static TABLE: &[&RuleInfo] = &[&STALE, &NO_INTERESTS, &ABOUT_ME];

    fn text(write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        write(&mut out).unwrap();
        anstream::adapter::strip_str(&String::from_utf8(out).unwrap()).to_string()
    }

    #[test]
    fn finds_by_name_or_code_in_any_case() {
        assert_eq!(lookup("VN101", TABLE).unwrap().name, "stale-relationship");
        assert_eq!(lookup("vn107", TABLE).unwrap().name, "all-about-me");
        assert_eq!(lookup("Stale-Relationship", TABLE).unwrap().code, "VN101");
    }

    #[test]
    fn unknown_rule_suggests_the_nearest() {
        let err = lookup("stale-relationships", TABLE)
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown rule `stale-relationships`"), "{err}");
        assert!(
            err.contains("did you mean `stale-relationship` (VN101)?"),
            "{err}"
        );
        assert_eq!(suggest("stale", TABLE).unwrap().code, "VN101");
        assert_eq!(suggest("all_about_me", TABLE).unwrap().code, "VN107");
        assert_eq!(suggest("VN10", TABLE).unwrap().code, "VN101");
        assert!(suggest("birthday-reminder", TABLE).is_none());
        let err = lookup("zzz", TABLE).unwrap_err().to_string();
        assert!(!err.contains("did you mean"), "{err}");
        assert!(err.contains("vaultnet rule --all"), "{err}");
    }

    #[test]
    fn prints_header_and_docs() {
        assert_eq!(
            text(|out| write_rule(out, &STALE)),
            "VN101 stale-relationship (default: warning)\n\n## What it does\n\nFinds people you are losing touch with.\n"
        );
        assert_eq!(
            text(|out| write_rule(out, &NO_INTERESTS)),
            "VN106 no-interests (default: warning)\n\nnothing known about them\n"
        );
    }

    #[test]
    fn table_columns_line_up() {
        assert_eq!(
            text(|out| write_table(out, TABLE)),
            "VN101  stale-relationship  warning  no contact for longer than the cadence\n\
             VN106  no-interests        warning  nothing known about them\n\
             VN107  all-about-me        info     an interaction that is all about you\n"
        );
    }

    #[test]
    fn json_rows_have_the_documented_keys() {
        let row = RuleRow::from(&STALE as &'static RuleInfo);
        let value = serde_json::to_value(&row).unwrap();
        assert_eq!(
            value,
            serde_json::json!({
                "code": "VN101",
                "name": "stale-relationship",
                "default_level": "warning",
                "summary": "no contact for longer than the cadence",
                "docs": "## What it does\n\nFinds people you are losing touch with.\n",
            })
        );
    }
}
