//! Which rules run, at what level, with which options: the `[rules]`
//! section of `vaultnet.toml` and the `--select`/`--ignore` flags, read
//! into one validated [`LintSettings`] before any note is linted
//! (ripgrep's two-stage arguments). A bad key or value fails here, naming
//! `rules.<name>.<key>` and the file, with "did you mean" for near names.
//!
//! Selection works like ruff's: `select` and `ignore` hold rule names,
//! codes, code prefixes (`VN1`) or `ALL`; for each rule the most specific
//! matching selector wins (a name or code beats a prefix, a longer prefix
//! beats a shorter one, any prefix beats `ALL`), and `ignore` wins a tie.
//! `--select` replaces the file's `select`; `--ignore` adds to its
//! `ignore`. `level = "off"` in `[rules.<name>]` turns a rule off
//! whatever the selection says.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde::Deserialize;

use super::diagnostic::Level;
use super::registry::{RuleInfo, RULES};
use super::rules::RuleOptions;
use crate::error::{Error, Result};
use crate::model::Cadence;
use crate::vault::dates::parse_duration;

/// Lint settings, validated: every rule's state and options.
#[derive(Debug, Clone)]
pub struct LintSettings {
    /// Parallel to [`RULES`].
    rules: Vec<RuleState>,
    /// Every rule's options.
    pub options: RuleOptions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RuleState {
    enabled: bool,
    /// A level set in `[rules.<name>]`; pins the level (no escalation).
    level: Option<Level>,
}

impl Default for LintSettings {
    /// Every rule on at its default level, with default options.
    fn default() -> Self {
        LintSettings {
            rules: vec![
                RuleState {
                    enabled: true,
                    level: None,
                };
                RULES.len()
            ],
            options: RuleOptions::default(),
        }
    }
}

impl LintSettings {
    /// `rules` is the raw `[rules]` table of the config file (empty when
    /// none); `config_path` names the file in errors. `select`/`ignore`
    /// are the command-line flags (names, codes, prefixes like `VN1`,
    /// `ALL`; commas also separate): `--select` replaces the file's
    /// select; `--ignore` adds to the file's ignore. Unknown keys, bad
    /// values and unknown rule names are [`Error::Config`] naming the key
    /// and file (or [`Error::Usage`] for a bad flag), with "did you mean"
    /// for near names.
    pub fn new(
        rules: &toml::Table,
        config_path: Option<&Path>,
        select: Option<&[String]>,
        ignore: Option<&[String]>,
    ) -> Result<Self> {
        let file = config_path.map_or_else(|| PathBuf::from("vaultnet.toml"), Path::to_path_buf);
        let config_error = |message: String| Error::config(&file, message);
        let mut settings = LintSettings::default();
        let mut file_select: Option<Vec<Selector>> = None;
        let mut ignore_list: Vec<Selector> = Vec::new();
        // The key that configured each rule, to catch `[rules.VN101]`
        // next to `[rules.stale-relationship]`.
        let mut configured: Vec<Option<&str>> = vec![None; RULES.len()];

        for (key, value) in rules {
            match key.as_str() {
                "select" => {
                    file_select =
                        Some(config_selectors(value, "rules.select").map_err(config_error)?);
                }
                "ignore" => {
                    ignore_list = config_selectors(value, "rules.ignore").map_err(config_error)?;
                }
                _ => {
                    let Some(index) = rule_index(key) else {
                        let mut candidates: Vec<&str> = vec!["select", "ignore"];
                        candidates.extend(RULES.iter().map(|r| r.name));
                        return Err(config_error(format!(
                            "unknown key `rules.{key}`{}",
                            did_you_mean(key, &candidates)
                                .map(|s| format!("; did you mean `rules.{s}`?"))
                                .unwrap_or_default()
                        )));
                    };
                    let rule = RULES[index];
                    if let Some(earlier) = configured[index] {
                        return Err(config_error(format!(
                            "`rules.{key}` and `rules.{earlier}` both configure `{}` ({}); keep one",
                            rule.name, rule.code
                        )));
                    }
                    configured[index] = Some(key.as_str());
                    let toml::Value::Table(table) = value else {
                        return Err(config_error(format!(
                            "`rules.{key}` must be a table, like `[rules.{}]` with `level = \"warning\"`",
                            rule.name
                        )));
                    };
                    settings
                        .configure(index, key, table)
                        .map_err(config_error)?;
                }
            }
        }

        let selects = match select {
            Some(flags) => flag_selectors(flags, "--select")?,
            None => file_select.unwrap_or_else(|| vec![Selector::All]),
        };
        if let Some(flags) = ignore {
            ignore_list.extend(flag_selectors(flags, "--ignore")?);
        }
        for (index, rule) in RULES.iter().enumerate() {
            let selected = specificity(&selects, rule);
            let ignored = specificity(&ignore_list, rule);
            let chosen = match (selected, ignored) {
                (Some(s), Some(i)) => s > i,
                (Some(_), None) => true,
                (None, _) => false,
            };
            let state = &mut settings.rules[index];
            state.enabled = state.enabled && chosen;
        }
        Ok(settings)
    }

    /// Reads one `[rules.<name>]` table: `level`, then the rule's options.
    fn configure(&mut self, index: usize, key: &str, table: &toml::Table) -> Result<(), String> {
        let rule = RULES[index];
        let mut options = table.clone();
        if let Some(value) = options.remove("level") {
            let level = value.as_str().and_then(Level::parse).ok_or_else(|| {
                format!(
                    "invalid `rules.{key}.level` {}: use `error`, `warning`, `info` or `off`",
                    show_value(&value)
                )
            })?;
            let state = &mut self.rules[index];
            match level {
                Some(level) => state.level = Some(level),
                None => state.enabled = false,
            }
        }
        self.options
            .configure(rule, &format!("rules.{key}"), &options)
    }

    /// Whether a rule runs.
    #[must_use]
    pub fn is_enabled(&self, rule: &RuleInfo) -> bool {
        position(rule).is_some_and(|i| self.rules[i].enabled)
    }

    /// The level a rule's findings get (before escalation), None when it
    /// is off.
    #[must_use]
    pub fn level(&self, rule: &RuleInfo) -> Option<Level> {
        self.level_of(rule, false)
    }

    /// The level of one finding: the level set in the config when there
    /// is one, else `error` for an escalated finding, else the default.
    pub(crate) fn level_of(&self, rule: &RuleInfo, escalated: bool) -> Option<Level> {
        let state = self.rules[position(rule)?];
        if !state.enabled {
            return None;
        }
        Some(match state.level {
            Some(level) => level,
            None if escalated => Level::Error,
            None => rule.default_level,
        })
    }

    /// The rules that run, in code order.
    pub fn enabled_rules(&self) -> impl Iterator<Item = &'static RuleInfo> + '_ {
        RULES
            .iter()
            .zip(&self.rules)
            .filter(|(_, state)| state.enabled)
            .map(|(rule, _)| *rule)
    }
}

fn position(rule: &RuleInfo) -> Option<usize> {
    RULES.iter().position(|r| r.code == rule.code)
}

fn rule_index(name_or_code: &str) -> Option<usize> {
    RULES.iter().position(|r| {
        r.name.eq_ignore_ascii_case(name_or_code) || r.code.eq_ignore_ascii_case(name_or_code)
    })
}

/// One entry of `select` or `ignore`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Selector {
    All,
    /// An upper-case code prefix such as `VN1`.
    Prefix(String),
    Rule(usize),
}

impl Selector {
    /// Reads a name, code, code prefix or `ALL`. Err is a message with a
    /// suggestion when one is near.
    fn parse(text: &str) -> Result<Selector, String> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("all") {
            return Ok(Selector::All);
        }
        if let Some(index) = rule_index(text) {
            return Ok(Selector::Rule(index));
        }
        let upper = text.to_ascii_uppercase();
        if !upper.is_empty() && RULES.iter().any(|r| r.code.starts_with(&upper)) {
            return Ok(Selector::Prefix(upper));
        }
        let mut candidates: Vec<&str> = RULES.iter().map(|r| r.name).collect();
        candidates.extend(RULES.iter().map(|r| r.code));
        let hint = did_you_mean(text, &candidates).map_or_else(
            || "; `vaultnet rule --all` lists every rule".to_string(),
            |s| format!("; did you mean `{s}`?"),
        );
        Err(format!("unknown rule `{text}`{hint}"))
    }

    /// How specifically this selector names `rule`, None if not at all.
    fn specificity(&self, rule: &RuleInfo) -> Option<usize> {
        match self {
            Selector::All => Some(0),
            Selector::Prefix(prefix) => rule
                .code
                .starts_with(prefix.as_str())
                .then_some(prefix.len()),
            Selector::Rule(index) => (RULES[*index].code == rule.code).then_some(usize::MAX),
        }
    }
}

/// The most specific selector in `list` that names `rule`.
fn specificity(list: &[Selector], rule: &RuleInfo) -> Option<usize> {
    list.iter().filter_map(|s| s.specificity(rule)).max()
}

/// `select`/`ignore` in the file: a list of strings (one string is fine).
fn config_selectors(value: &toml::Value, key: &str) -> Result<Vec<Selector>, String> {
    let items: Vec<&toml::Value> = match value {
        toml::Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    items
        .into_iter()
        .map(|item| {
            let text = item.as_str().ok_or_else(|| {
                format!(
                    "invalid `{key}` entry {}: list rule names, codes, prefixes like `VN1`, or `ALL`",
                    show_value(item)
                )
            })?;
            Selector::parse(text).map_err(|message| format!("`{key}`: {message}"))
        })
        .collect()
}

/// `--select`/`--ignore` values; each may hold several, comma-separated.
fn flag_selectors(values: &[String], flag: &str) -> Result<Vec<Selector>> {
    values
        .iter()
        .flat_map(|v| v.split(','))
        .filter(|v| !v.trim().is_empty())
        .map(|v| Selector::parse(v).map_err(|message| Error::Usage(format!("{flag}: {message}"))))
        .collect()
}

/// A TOML value as a message shows it: `"loud"`, `5`.
fn show_value(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => format!("`{s}`"),
        toml::Value::Table(_) => "(a table)".to_string(),
        toml::Value::Array(_) => "(a list)".to_string(),
        other => format!("`{other}`"),
    }
}

/// The candidate nearest to `wanted`, if one is near: a few edits away
/// (case-insensitive), else one that holds it as a part.
pub(crate) fn did_you_mean<'a>(wanted: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let wanted = wanted.trim().to_lowercase();
    if wanted.is_empty() {
        return None;
    }
    let limit = (wanted.chars().count() / 3).max(2);
    let near = candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(&wanted, &c.to_lowercase()), *c))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c);
    near.or_else(|| {
        (wanted.len() >= 3)
            .then(|| {
                candidates.iter().copied().find(|c| {
                    c.to_lowercase()
                        .split(|ch: char| !ch.is_alphanumeric())
                        .any(|part| part == wanted)
                })
            })
            .flatten()
    })
}

/// Reads a rule's options table into `T` (serde, `deny_unknown_fields`,
/// every field defaulted). Every key is checked on its own first, so the
/// message names `rules.<name>.<key>`.
pub(crate) fn parse_options<T: DeserializeOwned>(
    prefix: &str,
    table: &toml::Table,
) -> Result<T, String> {
    let known = field_names::<T>();
    for (key, value) in table {
        if !known.contains(&key.as_str()) {
            let mut candidates = known.to_vec();
            candidates.push("level");
            let hint = match did_you_mean(key, &candidates) {
                Some(near) => format!("; did you mean `{near}`?"),
                None if known.is_empty() => format!("; `{prefix}` takes only `level`"),
                None => format!(
                    "; `{prefix}` takes `level`, {}",
                    known
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            return Err(format!("unknown key `{prefix}.{key}`{hint}"));
        }
        let mut single = toml::Table::new();
        single.insert(key.clone(), value.clone());
        if let Err(error) = toml::Value::Table(single).try_into::<T>() {
            return Err(format!(
                "invalid `{prefix}.{key}` {}: {}",
                show_value(value),
                error.message().trim()
            ));
        }
    }
    toml::Value::Table(table.clone())
        .try_into::<T>()
        .map_err(|error| format!("invalid `{prefix}`: {}", error.message().trim()))
}

/// The field names of a struct that derives `Deserialize`, read from
/// what its `deserialize` asks for (so the list cannot drift from the
/// struct). Empty for anything that is not a struct.
#[must_use]
pub fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldNames(&mut fields));
    fields
}

/// A deserializer that records the fields a struct asks for, then stops.
struct FieldNames<'a>(&'a mut &'static [&'static str]);

impl<'de> Deserializer<'de> for FieldNames<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(de::Error::custom("fields read"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// A duration option in days: `"21d"`, `"3w"`, `"monthly"` or an integer
/// number of days (SPEC §2.1 forms; `none` is not a duration here).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Days(pub u32);

impl Days {
    #[must_use]
    pub fn get(self) -> i64 {
        i64::from(self.0)
    }
}

impl<'de> Deserialize<'de> for Days {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DaysVisitor;
        impl Visitor<'_> for DaysVisitor {
            type Value = Days;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a duration such as \"21d\", \"3w\" or a number of days")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Days, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Days, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Days, E> {
                match parse_duration(v) {
                    Ok(Cadence::Days(days)) => Ok(Days(days)),
                    Ok(Cadence::Never) => Err(E::custom(format!(
                        "`{v}` is not allowed here: give a number of days, such as \"21d\""
                    ))),
                    Err(message) => Err(E::custom(message)),
                }
            }
        }
        deserializer.deserialize_any(DaysVisitor)
    }
}

/// A whole-number option of at least 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count(pub usize);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = i64::deserialize(deserializer)?;
        if value < 1 {
            return Err(de::Error::custom(format!(
                "`{value}` is too small: give a whole number of at least 1"
            )));
        }
        usize::try_from(value)
            .map(Count)
            .map_err(|_| de::Error::custom(format!("`{value}` is too large")))
    }
}

/// A share between 0 (exclusive) and 1 (inclusive), such as `0.8`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Share(pub f64);

impl<'de> Deserialize<'de> for Share {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = f64::deserialize(deserializer)?;
        if value.is_finite() && value > 0.0 && value <= 1.0 {
            Ok(Share(value))
        } else {
            Err(de::Error::custom(format!(
                "`{value}` is not a share: give a number above 0 and at most 1, such as 0.8"
            )))
        }
    }
}

/// A positive factor, such as `3` (three times as many).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Factor(pub f64);

impl<'de> Deserialize<'de> for Factor {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = f64::deserialize(deserializer)?;
        if value.is_finite() && value > 0.0 {
            Ok(Factor(value))
        } else {
            Err(de::Error::custom(format!(
                "`{value}` is not a factor: give a number above 0, such as 3"
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::{all_about_me, no_follow_up, stale_relationship};

    /// The `[rules]` table of a config holding `text` under `[rules]`.
    fn table(text: &str) -> toml::Table {
        let config = toml::from_str::<toml::Table>(&format!("[rules]\n{text}")).expect("test toml");
        match config.get("rules") {
            Some(toml::Value::Table(rules)) => rules.clone(),
            _ => toml::Table::new(),
        }
    }

    fn rules(text: &str) -> Result<LintSettings> {
        LintSettings::new(
            &table(text),
            Some(Path::new("vault/vaultnet.toml")),
            None,
            None,
        )
    }

    fn flags(select: Option<&[&str]>, ignore: Option<&[&str]>) -> Result<LintSettings> {
        let own = |list: &[&str]| list.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        let select = select.map(own);
        let ignore = ignore.map(own);
        LintSettings::new(
            &toml::Table::new(),
            None,
            select.as_deref(),
            ignore.as_deref(),
        )
    }

    fn enabled(settings: &LintSettings) -> Vec<&'static str> {
        settings.enabled_rules().map(|r| r.code).collect()
    }

    fn config_message(result: Result<LintSettings>) -> String {
        match result {
            Err(Error::Config { path, message }) => {
                assert_eq!(path, Path::new("vault/vaultnet.toml"));
                message
            }
            other => panic!("expected a config error, got {other:?}"),
        }
    }

    #[test]
    fn defaults_enable_every_rule_at_its_level() {
        let settings = LintSettings::default();
        assert_eq!(enabled(&settings).len(), RULES.len());
        assert_eq!(settings.level(&all_about_me::INFO), Some(Level::Info));
        assert_eq!(
            settings.level_of(&stale_relationship::INFO, true),
            Some(Level::Error)
        );
        assert_eq!(settings.options, RuleOptions::default());
    }

    #[test]
    fn select_and_ignore_by_name_code_prefix_and_all() {
        let s = rules("select = [\"stale-relationship\", \"VN005\"]").unwrap();
        assert_eq!(enabled(&s), ["VN005", "VN101"]);
        let s = rules("select = [\"vn1\"]\nignore = [\"all-about-me\", \"VN108\"]").unwrap();
        assert_eq!(
            enabled(&s),
            ["VN101", "VN102", "VN103", "VN104", "VN105", "VN106", "VN109"]
        );
        let s = rules("select = [\"ALL\"]\nignore = [\"VN0\"]").unwrap();
        assert!(enabled(&s).iter().all(|c| c.starts_with("VN1")));
        let s = rules("ignore = \"ALL\"").unwrap();
        assert!(enabled(&s).is_empty());
    }

    #[test]
    fn the_most_specific_selector_wins_and_ignore_wins_ties() {
        let s = rules("select = [\"VN101\"]\nignore = [\"VN1\"]").unwrap();
        assert_eq!(enabled(&s), ["VN101"]);
        let s = rules("select = [\"VN1\"]\nignore = [\"VN10\"]").unwrap();
        assert!(enabled(&s).is_empty());
        let s = rules("select = [\"VN101\"]\nignore = [\"stale-relationship\"]").unwrap();
        assert!(enabled(&s).is_empty());
    }

    #[test]
    fn flags_replace_select_and_add_to_ignore() {
        let file = table("select = [\"VN0\"]\nignore = [\"VN102\"]");
        let select = vec!["VN1".to_string()];
        let ignore = vec!["VN103,all-about-me".to_string()];
        let s = LintSettings::new(&file, None, Some(&select), Some(&ignore)).unwrap();
        assert_eq!(
            enabled(&s),
            ["VN101", "VN104", "VN105", "VN106", "VN108", "VN109"]
        );
        let s = flags(None, Some(&["VN0"])).unwrap();
        assert_eq!(enabled(&s).len(), 9);
    }

    #[test]
    fn level_override_and_off() {
        let s =
            rules("[rules.stale-relationship]\nlevel = \"info\"\n[rules.VN107]\nlevel = \"off\"")
                .unwrap();
        assert_eq!(s.level(&stale_relationship::INFO), Some(Level::Info));
        assert_eq!(
            s.level_of(&stale_relationship::INFO, true),
            Some(Level::Info),
            "a set level is not escalated"
        );
        assert!(!s.is_enabled(&all_about_me::INFO));
        assert_eq!(s.level(&all_about_me::INFO), None);
        let message = config_message(rules("[rules.no-follow-up]\nlevel = \"loud\""));
        assert!(message.contains("`rules.no-follow-up.level`"), "{message}");
        assert!(message.contains("`loud`"), "{message}");
    }

    #[test]
    fn options_are_read_and_checked() {
        let s = rules("[rules.no-follow-up]\nfollow_up = \"21d\"\n[rules.one-sided-outreach]\nwindow = 8\nratio = 0.75\n[rules.all-about-me]\nratio = 2").unwrap();
        assert_eq!(s.options.no_follow_up.follow_up, Days(21));
        assert_eq!(s.options.one_sided_outreach.window, Count(8));
        assert_eq!(s.options.one_sided_outreach.min_count, Count(4));
        assert!((s.options.all_about_me.ratio.0 - 2.0).abs() < f64::EPSILON);
        let s = rules("[rules.early-ask]\ndays = 45").unwrap();
        assert_eq!(s.options.early_ask.days, Days(45));
        for (text, key) in [
            (
                "[rules.no-follow-up]\nfollow_up = \"soon\"",
                "rules.no-follow-up.follow_up",
            ),
            (
                "[rules.no-follow-up]\nfollow_up = \"none\"",
                "rules.no-follow-up.follow_up",
            ),
            (
                "[rules.one-sided-outreach]\nratio = 1.5",
                "rules.one-sided-outreach.ratio",
            ),
            (
                "[rules.one-sided-outreach]\nwindow = 0",
                "rules.one-sided-outreach.window",
            ),
            (
                "[rules.taking-not-giving]\nmin_asks = \"two\"",
                "rules.taking-not-giving.min_asks",
            ),
        ] {
            let message = config_message(rules(text));
            assert!(message.contains(&format!("`{key}`")), "{message}");
        }
    }

    #[test]
    fn unknown_option_key_names_the_key_and_suggests() {
        let message = config_message(rules("[rules.no-follow-up]\nfolow_up = \"21d\""));
        assert_eq!(
            message,
            "unknown key `rules.no-follow-up.folow_up`; did you mean `follow_up`?"
        );
        let message = config_message(rules("[rules.stale-relationship]\ncadence = 3"));
        assert_eq!(
            message,
            "unknown key `rules.stale-relationship.cadence`; `rules.stale-relationship` takes only `level`"
        );
        let error = rules("[rules.VN102]\nwhatever = 1")
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("vault/vaultnet.toml: "), "{error}");
        assert!(error.contains("`rules.VN102.whatever`"), "{error}");
    }

    #[test]
    fn unknown_rules_suggest_the_nearest() {
        let message = config_message(rules("[rules.stale-relationshp]\nlevel = \"info\""));
        assert_eq!(
            message,
            "unknown key `rules.stale-relationshp`; did you mean `rules.stale-relationship`?"
        );
        let message = config_message(rules("select = [\"no-folow-up\"]"));
        assert_eq!(
            message,
            "`rules.select`: unknown rule `no-folow-up`; did you mean `no-follow-up`?"
        );
        let message = config_message(rules("selct = [\"ALL\"]"));
        assert!(
            message.contains("did you mean `rules.select`?"),
            "{message}"
        );
        match flags(Some(&["stale"]), None) {
            Err(Error::Usage(message)) => assert_eq!(
                message,
                "--select: unknown rule `stale`; did you mean `stale-relationship`?"
            ),
            other => panic!("{other:?}"),
        }
        assert!(matches!(flags(None, Some(&["VN9"])), Err(Error::Usage(_))));
        assert!(
            matches!(flags(None, Some(&["XYZ123"])), Err(Error::Usage(m)) if m.contains("rule --all"))
        );
    }

    #[test]
    fn bad_shapes_are_errors() {
        assert!(config_message(rules("select = [5]")).contains("`rules.select`"));
        assert!(config_message(rules("no-follow-up = 3")).contains("must be a table"));
        let message = config_message(rules(
            "[rules.VN101]\nlevel = \"info\"\n[rules.stale-relationship]\nlevel = \"error\"",
        ));
        assert!(message.contains("both configure"), "{message}");
    }

    #[test]
    fn field_names_come_from_the_struct() {
        assert_eq!(field_names::<no_follow_up::Options>(), ["follow_up"]);
        assert!(field_names::<crate::lint::rules::NoOptions>().is_empty());
        assert!(field_names::<u32>().is_empty());
    }
}
