//! `vaultnet.toml` and command-line flags, turned into one validated
//! settings value before any work starts (ripgrep's two-stage
//! arguments): a bad key or value fails early, naming the key and file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::Cadence;
use crate::vault::daily_notes::DailyNotes;
use crate::vault::dates::parse_duration;

/// Config file names looked for at the vault root, in order.
pub const CONFIG_FILES: &[&str] = &["vaultnet.toml", ".vaultnet.toml"];

/// Log section names used when the config sets none (SPEC §2.2).
pub const DEFAULT_LOG_SECTIONS: &[&str] = &[
    "Conversations",
    "Log",
    "Contact log",
    "Interactions",
    "Meetings",
    "Activities",
    "History",
    "Timeline",
    "Notes",
];

/// Tiers known without config (SPEC §2.1), in days.
pub const DEFAULT_TIERS: &[(&str, u32)] = &[
    ("inner", 14),
    ("close", 30),
    ("casual", 90),
    ("warm", 180),
    ("dormant", 365),
];

/// The default `default_cadence`, in days.
pub const DEFAULT_CADENCE_DAYS: u32 = 90;

/// The config file as written. Unknown keys are errors.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    exclude: Option<Vec<String>>,
    people: Option<Vec<String>>,
    journals: Option<Vec<String>>,
    log_sections: Option<Vec<String>>,
    default_cadence: Option<toml::Value>,
    cadence: Option<CadenceConfig>,
    rules: Option<toml::Table>,
    owner: Option<toml::Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CadenceConfig {
    tags: Option<toml::Table>,
    tiers: Option<toml::Table>,
}

/// Everything a run needs to read a vault, validated.
#[derive(Debug, Clone)]
pub struct VaultSettings {
    pub root: PathBuf,
    /// The config file read, if any.
    pub config_path: Option<PathBuf>,
    pub exclude: GlobSet,
    /// `people` globs; when set, folder names no longer make people.
    pub people: Option<GlobSet>,
    pub journals: Option<GlobSet>,
    pub log_sections: Vec<String>,
    /// Headings whose words are log words are logs too (SPEC §2.2);
    /// false once the config sets `log_sections` (exact names then).
    pub log_words: bool,
    pub default_cadence: Cadence,
    /// Tag (lowercase, no `#`) -> cadence, first match wins.
    pub tag_cadences: Vec<(String, Cadence)>,
    /// Tier name (lowercase) -> cadence, defaults included.
    pub tiers: BTreeMap<String, Cadence>,
    /// `owner`: the name (or alias or slug) of the note that is the user.
    pub owner: Option<String>,
    /// The vault's Obsidian daily-notes settings, read at the root.
    pub daily_notes: Option<DailyNotes>,
}

impl VaultSettings {
    /// A hash of the configuration file (its path and bytes): what was
    /// read with other settings must be read again.
    #[must_use]
    pub fn config_fingerprint(&self) -> u64 {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        // Everything that changes how a note is read: the root (a moved
        // or renamed vault is read afresh), the daily-notes settings and
        // the config file.
        let root = std::fs::canonicalize(&self.root).unwrap_or_else(|_| self.root.clone());
        hasher.update(root.to_string_lossy().as_bytes());
        hasher.update(&[0]);
        if let Some(daily) = &self.daily_notes {
            for part in [daily.source, &daily.folder, &daily.format_text] {
                hasher.update(part.as_bytes());
                hasher.update(&[0]);
            }
        }
        hasher.update(&[0xff]);
        if let Some(path) = &self.config_path {
            hasher.update(path.to_string_lossy().as_bytes());
            hasher.update(&[0]);
            hasher.update(&std::fs::read(path).unwrap_or_default());
        }
        hasher.digest()
    }

    /// Settings with every default, for a vault without config.
    #[must_use]
    pub fn defaults(root: &Path) -> Self {
        VaultSettings {
            root: root.to_path_buf(),
            config_path: None,
            exclude: GlobSet::empty(),
            people: None,
            journals: None,
            log_sections: DEFAULT_LOG_SECTIONS
                .iter()
                .map(|s| (*s).to_string())
                .collect(),
            log_words: true,
            default_cadence: Cadence::Days(DEFAULT_CADENCE_DAYS),
            tag_cadences: Vec::new(),
            tiers: DEFAULT_TIERS
                .iter()
                .map(|(name, days)| ((*name).to_string(), Cadence::Days(*days)))
                .collect(),
            owner: None,
            daily_notes: None,
        }
    }

    /// Reads the config (`explicit`, else `vaultnet.toml` or
    /// `.vaultnet.toml` at `root`) and returns the vault settings and the
    /// raw `[rules]` table.
    pub fn load(root: &Path, explicit: Option<&Path>) -> Result<(Self, toml::Table)> {
        let mut settings = VaultSettings::defaults(root);
        settings.daily_notes = DailyNotes::read(root);
        let path = match explicit {
            Some(path) => Some(path.to_path_buf()),
            None => CONFIG_FILES
                .iter()
                .map(|name| root.join(name))
                .find(|p| p.is_file()),
        };
        let Some(path) = path else {
            return Ok((settings, toml::Table::new()));
        };
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        let file: FileConfig =
            toml::from_str(&text).map_err(|e| Error::config(&path, toml_message(&e, &text)))?;
        settings.apply(file.exclude, file.people, file.journals, &path)?;
        if let Some(sections) = file.log_sections {
            settings.log_sections = sections;
            settings.log_words = false;
        }
        if let Some(value) = file.default_cadence {
            settings.default_cadence = cadence_value(&value, "default_cadence", &path)?;
        }
        if let Some(cadence) = file.cadence {
            for (tag, value) in cadence.tags.unwrap_or_default() {
                let key = format!("cadence.tags.{tag}");
                let cadence = cadence_value(&value, &key, &path)?;
                settings
                    .tag_cadences
                    .push((tag.trim_start_matches('#').to_lowercase(), cadence));
            }
            for (tier, value) in cadence.tiers.unwrap_or_default() {
                let key = format!("cadence.tiers.{tier}");
                let cadence = cadence_value(&value, &key, &path)?;
                settings.tiers.insert(tier.to_lowercase(), cadence);
            }
        }
        if let Some(value) = file.owner {
            settings.owner = Some(owner_value(&value, &path)?);
        }
        settings.config_path = Some(path);
        Ok((settings, file.rules.unwrap_or_default()))
    }

    fn apply(
        &mut self,
        exclude: Option<Vec<String>>,
        people: Option<Vec<String>>,
        journals: Option<Vec<String>>,
        path: &Path,
    ) -> Result<()> {
        if let Some(globs) = exclude {
            self.exclude = glob_set(&globs, "exclude", path)?;
        }
        if let Some(globs) = people {
            self.people = Some(glob_set(&globs, "people", path)?);
        }
        if let Some(globs) = journals {
            self.journals = Some(glob_set(&globs, "journals", path)?);
        }
        Ok(())
    }

    /// The cadence that applies to a tag set, if any tag has one.
    #[must_use]
    pub fn tag_cadence<'a>(&'a self, tags: &[String]) -> Option<(&'a str, Cadence)> {
        self.tag_cadences.iter().find_map(|(tag, cadence)| {
            tags.iter()
                .any(|t| t.trim_start_matches('#').eq_ignore_ascii_case(tag))
                .then_some((tag.as_str(), *cadence))
        })
    }
}

/// Message of a TOML error on one line, with its line, no period.
fn toml_message(error: &toml::de::Error, text: &str) -> String {
    let message = error.message().trim().trim_end_matches('.');
    match error.span() {
        Some(span) => {
            let line = text
                .get(..span.start)
                .map_or(1, |s| s.matches('\n').count() + 1);
            format!("line {line}: {message}")
        }
        None => message.to_string(),
    }
}

/// `owner`: a non-empty name.
fn owner_value(value: &toml::Value, path: &Path) -> Result<String> {
    match value {
        toml::Value::String(s) if !s.trim().is_empty() => Ok(s.trim().to_string()),
        toml::Value::String(_) => Err(Error::config(
            path,
            "`owner` must name the note that is you, like \"Alex Kim\", not an empty string",
        )),
        other => Err(Error::config(
            path,
            format!(
                "`owner` must name the note that is you, like \"Alex Kim\", not {}",
                other.type_str()
            ),
        )),
    }
}

fn cadence_value(value: &toml::Value, key: &str, path: &Path) -> Result<Cadence> {
    let text = match value {
        toml::Value::String(s) => s.clone(),
        toml::Value::Integer(n) => n.to_string(),
        other => {
            return Err(Error::config(
                path,
                format!(
                    "`{key}` must be a duration like \"30d\", not {}",
                    other.type_str()
                ),
            ))
        }
    };
    parse_duration(&text).map_err(|message| Error::config(path, format!("`{key}`: {message}")))
}

fn glob_set(globs: &[String], key: &str, path: &Path) -> Result<GlobSet> {
    let mut builder = GlobSetBuilder::new();
    let build = |pattern: &str| {
        GlobBuilder::new(pattern)
            .case_insensitive(true)
            .literal_separator(false)
            .build()
            .map_err(|e| Error::config(path, format!("`{key}`: invalid glob `{pattern}`: {e}")))
    };
    for glob in globs {
        builder.add(build(glob)?);
        // `People` or `People/` means the folder's contents too.
        if !glob.contains('*') {
            builder.add(build(&format!("{}/**", glob.trim_end_matches('/')))?);
        }
    }
    builder
        .build()
        .map_err(|e| Error::config(path, format!("`{key}`: {e}")))
}

/// Parses `--today` / `VAULTNET_TODAY`.
pub fn parse_today(text: &str) -> std::result::Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("invalid date `{text}`: expected YYYY-MM-DD"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, text: &str) {
        std::fs::write(dir.join("vaultnet.toml"), text).unwrap();
    }

    #[test]
    fn no_config_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let (settings, rules) = VaultSettings::load(dir.path(), None).unwrap();
        assert!(settings.config_path.is_none());
        assert_eq!(settings.default_cadence, Cadence::Days(90));
        assert_eq!(settings.tiers["close"], Cadence::Days(30));
        assert!(rules.is_empty());
    }

    #[test]
    fn reads_every_section() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            r#"
exclude = ["Templates/**"]
people = ["People"]
log_sections = ["Log"]
default_cadence = "60d"
[cadence.tags]
mentor = "monthly"
close-friend = 14
[cadence.tiers]
family = "7d"
[rules]
select = ["ALL"]
"#,
        );
        let (s, rules) = VaultSettings::load(dir.path(), None).unwrap();
        assert!(s.exclude.is_match("Templates/Person.md"));
        assert!(s.people.as_ref().unwrap().is_match("People/Ada.md"));
        assert!(s.people.as_ref().unwrap().is_match("people/sub/Ada.md"));
        assert_eq!(s.log_sections, vec!["Log"]);
        assert_eq!(s.default_cadence, Cadence::Days(60));
        assert_eq!(s.tag_cadences[0], ("mentor".into(), Cadence::Days(30)));
        assert_eq!(
            s.tag_cadences[1],
            ("close-friend".into(), Cadence::Days(14))
        );
        assert_eq!(s.tiers["family"], Cadence::Days(7));
        assert_eq!(s.tiers["inner"], Cadence::Days(14));
        assert!(rules.contains_key("select"));
        assert_eq!(
            s.tag_cadence(&["#Mentor".into()]),
            Some(("mentor", Cadence::Days(30)))
        );
    }

    #[test]
    fn unknown_key_names_key_and_file() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "exclud = []\n");
        let err = VaultSettings::load(dir.path(), None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("vaultnet.toml"), "{err}");
        assert!(err.contains("exclud"), "{err}");
    }

    #[test]
    fn bad_cadence_names_key() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "[cadence.tags]\nmentor = \"soon\"\n");
        let err = VaultSettings::load(dir.path(), None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("cadence.tags.mentor"), "{err}");
    }

    #[test]
    fn dot_config_is_found() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(".vaultnet.toml"),
            "default_cadence = \"weekly\"",
        )
        .unwrap();
        let (s, _) = VaultSettings::load(dir.path(), None).unwrap();
        assert_eq!(s.default_cadence, Cadence::Days(7));
    }
}
