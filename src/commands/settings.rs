//! `check --show-settings`: the settings a run would use for each vault,
//! each with where it came from — the built-in default, the config file
//! or a command-line flag (or its environment variable) — as ruff's
//! `--show-settings` has it. Nothing is checked.
//!
//! Values from the file are shown as written there (globs keep their
//! text); keys of the file this module does not know by name are still
//! listed, from the file, so a new config key never goes missing here.

use std::path::Path;

use crate::cli::{CheckArgs, GlobalArgs};
use crate::config::{VaultSettings, DEFAULT_CADENCE_DAYS, DEFAULT_LOG_SECTIONS, DEFAULT_TIERS};
use crate::error::{Error, Result};
use crate::lint::registry::RULES;
use crate::lint::settings::LintSettings;
use crate::model::Cadence;
use crate::output::settings::{Setting, Source, VaultSettingsView};

/// Keys listed by name below; any other top-level key of the file is
/// listed as the file has it.
const KNOWN: &[&str] = &[
    "exclude",
    "people",
    "journals",
    "log_sections",
    "default_cadence",
    "cadence",
    "rules",
];

/// The settings view of one vault.
pub fn view(
    root: &Path,
    label: &str,
    args: &CheckArgs,
    global: &GlobalArgs,
) -> Result<VaultSettingsView> {
    let (settings, rules) = VaultSettings::load(root, global.config.as_deref())?;
    let file = match &settings.config_path {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
            toml::from_str::<toml::Table>(&text).map_err(|e| Error::config(path, e.message()))?
        }
        None => toml::Table::new(),
    };
    let mut out = Vec::new();
    let flag_or_default = |set: bool| if set { Source::Flag } else { Source::Default };

    let config = match (&settings.config_path, &global.config) {
        (Some(path), Some(_)) => (path.display().to_string(), Source::Flag),
        (Some(path), None) => (path.display().to_string(), Source::Default),
        (None, _) => ("none".to_string(), Source::Default),
    };
    out.push(Setting::new("config", config.0, config.1));
    out.push(Setting::new(
        "today",
        global.today.map_or_else(
            || format!("{} (the local date)", chrono::Local::now().date_naive()),
            |d| d.to_string(),
        ),
        flag_or_default(global.today.is_some()),
    ));
    let format = format!("{:?}", args.format).to_lowercase();
    let format_set = args.format != crate::cli::CheckFormat::Full
        || std::env::var_os("VAULTNET_FORMAT").is_some();
    out.push(Setting::new("format", format, flag_or_default(format_set)));
    out.push(Setting::new(
        "fail_on",
        format!("{:?}", args.fail_on).to_lowercase(),
        flag_or_default(args.fail_on != crate::cli::FailOn::Error),
    ));
    out.push(Setting::new(
        "cache",
        (!args.no_cache).to_string(),
        flag_or_default(args.no_cache),
    ));

    let from_file = |key: &str, default: String| match file.get(key) {
        Some(value) => Setting::new(key, value.to_string(), Source::File),
        None => Setting::new(key, default, Source::Default),
    };
    out.push(from_file("exclude", "[]".into()));
    out.push(from_file(
        "people",
        "(none: folders named like People, Contacts, Friends)".into(),
    ));
    out.push(from_file(
        "journals",
        "(none: folders named like Daily, Journal, Meetings; dated file names)".into(),
    ));
    out.push(from_file(
        "log_sections",
        format!("{DEFAULT_LOG_SECTIONS:?} (and headings with their words)"),
    ));
    out.push(from_file(
        "default_cadence",
        format!("\"{DEFAULT_CADENCE_DAYS}d\""),
    ));
    for (key, value) in &file {
        if !KNOWN.contains(&key.as_str()) {
            out.push(Setting::new(key, value.to_string(), Source::File));
        }
    }
    for (tag, cadence) in &settings.tag_cadences {
        out.push(Setting::new(
            format!("cadence.tags.{tag}"),
            cadence_text(*cadence),
            Source::File,
        ));
    }
    for (tier, cadence) in &settings.tiers {
        let default = DEFAULT_TIERS
            .iter()
            .any(|(name, days)| name == tier && *cadence == Cadence::Days(*days));
        out.push(Setting::new(
            format!("cadence.tiers.{tier}"),
            cadence_text(*cadence),
            if default {
                Source::Default
            } else {
                Source::File
            },
        ));
    }

    // A rule's level: compared with the defaults alone and with the file
    // alone, to tell which of them set it.
    let path = settings.config_path.as_deref();
    let defaults = LintSettings::new(&toml::Table::new(), None, None, None)?;
    let file_only = LintSettings::new(&rules, path, None, None)?;
    let full = LintSettings::new(&rules, path, args.select.as_deref(), args.ignore.as_deref())?;
    for rule in RULES {
        let level = |s: &LintSettings| s.level(rule).map_or("off", |l| l.as_str());
        let source = if level(&full) != level(&file_only) {
            Source::Flag
        } else if level(&file_only) != level(&defaults) {
            Source::File
        } else {
            Source::Default
        };
        out.push(Setting::new(
            format!("rules.{}", rule.name),
            format!("{} ({})", level(&full), rule.code),
            source,
        ));
        if let Some(toml::Value::Table(options)) =
            rules.get(rule.name).or_else(|| rules.get(rule.code))
        {
            for (key, value) in options.iter().filter(|(k, _)| k.as_str() != "level") {
                out.push(Setting::new(
                    format!("rules.{}.{key}", rule.name),
                    value.to_string(),
                    Source::File,
                ));
            }
        }
    }
    Ok(VaultSettingsView {
        vault: label.to_string(),
        settings: out,
    })
}

fn cadence_text(cadence: Cadence) -> String {
    match cadence {
        Cadence::Days(days) => format!("\"{days}d\""),
        Cadence::Never => "\"none\"".to_string(),
    }
}
