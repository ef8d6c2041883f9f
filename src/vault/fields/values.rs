//! Value readers (SPEC §2.1): a front-matter (or body-field) value read
//! as text, a list of text, a date, a duration, a tier, a birthday or a
//! yes/no, links (`"[[Acme]]"`, even unquoted `[[Acme]]`, which YAML
//! reads as a nested list) read as their text. A value of the wrong kind
//! becomes a problem at the key's line, never a stop.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_yaml::Value;

use crate::model::{Cadence, Problem, ProblemKind, Span};
use crate::vault::dates::{
    parse_birthday, parse_date, parse_duration, DateValue, DURATION_FORMS, NOT_A_REAL_DATE,
};
use crate::vault::frontmatter::Field;

/// How deep [`value_strings`] and the text of a value look into nested
/// lists and maps. `serde_yaml` stops at 128 levels already; nothing a
/// person writes needs more than a few.
const MAX_DEPTH: usize = 16;

/// Longest value quoted in a message, in chars.
const QUOTE_CHARS: usize = 60;

/// The tags of one `tags` value: split on commas and white space, `#`
/// optional.
pub fn tag_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .map(|t| t.trim_start_matches('#'))
        .filter(|t| !t.is_empty())
}

/// Reads a value as a list of strings: a string (split at commas outside
/// links when `split_commas`), a number or boolean as its text, or a list
/// of those; links (`"[[Acme]]"`, `[[Acme|Label]]`, and unquoted
/// `[[Acme]]`, which YAML reads as a list in a list) as their text.
/// Empty values give an empty list; `None` when the value holds a map.
#[must_use]
pub fn value_strings(value: &Value, split_commas: bool) -> Option<Vec<String>> {
    let mut out = Vec::new();
    collect_strings(value, split_commas, 0, &mut out).then_some(out)
}

/// The text of a link-or-text value: `[[People]]` -> `People`,
/// `[[a/b|c]]` -> `a/b`, `[[Ada#Work]]` -> `Ada`; other text is returned
/// trimmed.
#[must_use]
pub fn link_text(text: &str) -> &str {
    let text = text.trim();
    match text.strip_prefix("[[").and_then(|t| t.strip_suffix("]]")) {
        Some(inner) => link_target(inner),
        None => text,
    }
}

/// The target of a link's inside: `a/b|c` -> `a/b`, `Ada#Work` -> `Ada`.
pub(crate) fn link_target(inner: &str) -> &str {
    let target = inner.split('|').next().unwrap_or(inner);
    match target.split_once('#') {
        Some((page, _)) if !page.trim().is_empty() => page.trim(),
        _ => target.trim(),
    }
}

/// The text of an unquoted `[[x]]`, which YAML reads as `[["x"]]`.
pub(crate) fn nested_link(value: &Value) -> Option<&str> {
    let Value::Sequence(outer) = value else {
        return None;
    };
    let [Value::Sequence(inner)] = outer.as_slice() else {
        return None;
    };
    match inner.as_slice() {
        [Value::String(text)] => Some(link_target(text)),
        _ => None,
    }
}

pub(crate) fn collect_strings(
    value: &Value,
    split_commas: bool,
    depth: usize,
    out: &mut Vec<String>,
) -> bool {
    if let Some(link) = nested_link(value) {
        if !link.is_empty() {
            out.push(link.to_string());
        }
        return true;
    }
    let mut push = |text: &str| {
        let text = link_text(text);
        if !text.is_empty() {
            out.push(text.to_string());
        }
    };
    match value {
        Value::Null => true,
        Value::String(text) if split_commas => {
            split_outside_links(text).into_iter().for_each(push);
            true
        }
        Value::String(text) => {
            push(text);
            true
        }
        Value::Number(number) => {
            push(&number.to_string());
            true
        }
        Value::Bool(flag) => {
            push(&flag.to_string());
            true
        }
        Value::Sequence(items) => {
            depth < MAX_DEPTH
                && items
                    .iter()
                    .all(|item| collect_strings(item, split_commas, depth + 1, out))
        }
        Value::Mapping(_) => false,
        Value::Tagged(tagged) => {
            depth < MAX_DEPTH && collect_strings(&tagged.value, split_commas, depth + 1, out)
        }
    }
}

/// Splits at commas that are not inside `[[…]]`, so `[[Acme, Inc]]`
/// stays one value.
pub(crate) fn split_outside_links(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0_usize;
    let mut start = 0;
    let bytes = text.as_bytes();
    for (at, c) in text.char_indices() {
        match c {
            '[' if bytes.get(at + 1) == Some(&b'[') => depth += 1,
            ']' if bytes.get(at + 1) == Some(&b']') => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&text[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// The one text of a value, links read as their text; `None` for lists
/// of several values, maps and empty values.
pub(crate) fn single_text(value: &Value) -> Option<String> {
    let mut strings = value_strings(value, false)?;
    (strings.len() == 1).then(|| strings.remove(0))
}

/// Whether a value holds nothing (`key:`, `key: ""`, `key: []`).
pub(crate) fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.trim().is_empty(),
        Value::Sequence(items) => items.iter().all(is_empty),
        Value::Mapping(map) => map.is_empty(),
        Value::Number(_) | Value::Bool(_) | Value::Tagged(_) => false,
    }
}

/// One text value, or a problem when the field holds a list or map.
pub(crate) fn single_text_or_report(field: &Field, out: &mut Vec<Problem>) -> Option<String> {
    if is_empty(&field.value) {
        return None;
    }
    let text = single_text(&field.value);
    if text.is_none() {
        out.push(
            invalid_value(field, &field.key)
                .with_help(format!("`{}` takes one text value", field.key)),
        );
    }
    text
}

/// The strings of a field with the line of each (a block list item's
/// own line when it can be told, else the key's); a problem and nothing
/// when the field holds a map (unless `maps` allows `key: value` pairs).
pub(crate) fn strings_or_report(
    field: &Field,
    split_commas: bool,
    maps: bool,
    out: &mut Vec<Problem>,
) -> Vec<(String, Span)> {
    let found = match &field.value {
        Value::Mapping(map) if maps => Some(
            map.iter()
                .map(|(key, value)| {
                    let pair = format!("{}: {}", value_text(key, 0), value_text(value, 0));
                    (pair, field.span)
                })
                .collect(),
        ),
        Value::Sequence(items) if nested_link(&field.value).is_none() => {
            let own_lines = field.item_lines.len() == items.len();
            items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let span = match field.item_lines.get(i) {
                        Some(line) if own_lines => Span::line(*line),
                        _ => field.span,
                    };
                    value_strings(item, split_commas)
                        .map(|strings| strings.into_iter().map(move |text| (text, span)))
                })
                .collect::<Option<Vec<_>>>()
                .map(|lists| lists.into_iter().flatten().collect())
        }
        value => value_strings(value, split_commas)
            .map(|strings| strings.into_iter().map(|text| (text, field.span)).collect()),
    };
    found.unwrap_or_else(|| {
        out.push(
            invalid_value(field, &field.key)
                .with_help(format!("`{}` takes text or a list of text", field.key)),
        );
        Vec::new()
    })
}

/// A date field's date; a problem for an impossible date (`invalid-date`)
/// or a value that is no date (`invalid-value`).
pub(crate) fn date_or_report(field: &Field, out: &mut Vec<Problem>) -> Option<NaiveDate> {
    date_value(&field.value, &field.key, field.span, out)
}

pub(crate) fn date_value(
    value: &Value,
    key: &str,
    span: Span,
    out: &mut Vec<Problem>,
) -> Option<NaiveDate> {
    if is_empty(value) {
        return None;
    }
    let Some(text) = single_text(value) else {
        out.push(
            Problem::new(
                ProblemKind::InvalidValue,
                span,
                format!("expected a date in `{key}`, found {}", describe(value)),
            )
            .with_help("write one date as `YYYY-MM-DD`"),
        );
        return None;
    };
    match parse_date(&text) {
        DateValue::Date(date) => Some(date),
        DateValue::Invalid => {
            out.push(invalid_date(&text, key, span));
            None
        }
        DateValue::NotDate => {
            out.push(
                Problem::new(
                    ProblemKind::InvalidValue,
                    span,
                    format!("expected a date in `{key}`, found `{}`", quote(&text)),
                )
                .with_help("write dates as `YYYY-MM-DD`"),
            );
            None
        }
    }
}

pub(crate) fn invalid_date(text: &str, key: &str, span: Span) -> Problem {
    Problem::new(
        ProblemKind::InvalidDate,
        span,
        format!("invalid date `{}` in `{key}`", quote(text)),
    )
    .with_help(crate::vault::dates::invalid_date_help(text))
}

pub(crate) fn cadence_or_report(field: &Field, out: &mut Vec<Problem>) -> Option<Cadence> {
    if is_empty(&field.value) {
        return None;
    }
    let parsed = match &field.value {
        Value::String(_) | Value::Number(_) => single_text(&field.value)
            .ok_or_else(String::new)
            .and_then(|text| parse_duration(&text)),
        _ => Err(String::new()),
    };
    match parsed {
        Ok(cadence) => Some(cadence),
        Err(reason) => {
            let help = if reason.is_empty() {
                DURATION_FORMS.to_string()
            } else {
                reason
            };
            out.push(invalid_value(field, "cadence").with_help(help));
            None
        }
    }
}

pub(crate) fn tier_or_report(
    field: &Field,
    tiers: &BTreeMap<String, Cadence>,
    out: &mut Vec<Problem>,
) -> Option<String> {
    let tier = single_text_or_report(field, out)?.to_lowercase();
    if tiers.contains_key(&tier) {
        return Some(tier);
    }
    let known: Vec<String> = tiers.keys().map(|name| format!("`{name}`")).collect();
    let help = if known.is_empty() {
        "no tiers are defined; add them under `[cadence.tiers]` in vaultnet.toml".to_string()
    } else {
        format!(
            "known tiers: {}; add more under `[cadence.tiers]` in vaultnet.toml",
            known.join(", ")
        )
    };
    out.push(
        Problem::new(
            ProblemKind::InvalidValue,
            field.span,
            format!("unknown tier `{}`", quote(&tier)),
        )
        .with_help(help),
    );
    None
}

pub(crate) fn birthday_or_report(field: &Field, out: &mut Vec<Problem>) -> Option<String> {
    let text = single_text_or_report(field, out)?;
    let shaped = match parse_birthday(&text) {
        Ok(birthday) => return Some(birthday),
        Err(reason) => reason.ends_with(NOT_A_REAL_DATE),
    };
    if shaped {
        out.push(invalid_date(&text, &field.key, field.span));
    } else {
        out.push(
            invalid_value(field, "birthday").with_help(
                "write a birthday as `YYYY-MM-DD`, or `--MM-DD` when the year is unknown",
            ),
        );
    }
    None
}

/// A yes/no value: booleans, `yes`/`no`, `on`/`off`, `1`/`0`.
pub(crate) fn truth(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(flag) => Some(*flag),
        Value::Number(number) => match number.as_i64() {
            Some(1) => Some(true),
            Some(0) => Some(false),
            _ => None,
        },
        Value::String(text) => match text.trim().to_lowercase().as_str() {
            "true" | "yes" | "y" | "on" | "1" => Some(true),
            "false" | "no" | "n" | "off" | "0" => Some(false),
            _ => None,
        },
        Value::Tagged(tagged) => match &tagged.value {
            Value::Tagged(_) => None,
            inner => truth(inner),
        },
        Value::Null | Value::Sequence(_) | Value::Mapping(_) => None,
    }
}

/// An `invalid-value` problem at the field's line, naming the value.
pub(crate) fn invalid_value(field: &Field, what: &str) -> Problem {
    Problem::new(
        ProblemKind::InvalidValue,
        field.span,
        format!("invalid {what} {}", describe(&field.value)),
    )
}

/// A value as a message shows it: scalars quoted in backticks, lists and
/// maps named.
pub(crate) fn describe(value: &Value) -> String {
    match value {
        Value::Sequence(_) if nested_link(value).is_none() => "(a list)".to_string(),
        Value::Mapping(_) => "(a map)".to_string(),
        Value::Null => "(empty)".to_string(),
        other => format!("`{}`", quote(&value_text(other, 0))),
    }
}

/// Text cut to a length fit for a message.
pub(crate) fn quote(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= QUOTE_CHARS {
        text.replace('`', "'")
    } else {
        let cut: String = text.chars().take(QUOTE_CHARS).collect();
        format!("{}…", cut.replace('`', "'"))
    }
}

/// Any value as plain text for search: scalars as written, lists joined
/// with `, `, maps as `key: value` pairs joined with `; `, links as
/// their text.
pub(crate) fn value_text(value: &Value, depth: usize) -> String {
    if let Some(link) = nested_link(value) {
        return link.to_string();
    }
    match value {
        Value::Null => String::new(),
        Value::String(text) => link_text(text).to_string(),
        Value::Number(number) => number.to_string(),
        Value::Bool(flag) => flag.to_string(),
        _ if depth >= MAX_DEPTH => String::new(),
        Value::Sequence(items) => items
            .iter()
            .map(|item| value_text(item, depth + 1))
            .filter(|text| !text.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        Value::Mapping(map) => map
            .iter()
            .map(|(key, value)| {
                format!(
                    "{}: {}",
                    value_text(key, depth + 1),
                    value_text(value, depth + 1)
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        Value::Tagged(tagged) => value_text(&tagged.value, depth + 1),
    }
}
