//! `check --show-settings`: each vault's resolved settings, one a line as
//! `key = value  # source`, the values in TOML syntax where they are
//! TOML, so a line can be pasted into `vaultnet.toml`.

use std::io::{self, Write};

use super::{pad, style};

/// Where a setting's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// vaultnet's built-in default.
    Default,
    /// The vault's config file.
    File,
    /// A command-line flag or its environment variable.
    Flag,
}

impl Source {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Default => "default",
            Source::File => "file",
            Source::Flag => "flag",
        }
    }
}

/// One resolved setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    pub key: String,
    pub value: String,
    pub source: Source,
}

impl Setting {
    #[must_use]
    pub fn new(key: impl Into<String>, value: impl Into<String>, source: Source) -> Self {
        Setting {
            key: key.into(),
            value: value.into(),
            source,
        }
    }
}

/// The settings of one vault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VaultSettingsView {
    /// The vault as `check` names it (SPEC §5.1 `vault`).
    pub vault: String,
    pub settings: Vec<Setting>,
}

/// Writes each vault's settings under a `# vault: …` header, with the
/// `# source` comments aligned.
pub fn write_settings(out: &mut dyn Write, vaults: &[VaultSettingsView]) -> io::Result<()> {
    for (i, view) in vaults.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(
            out,
            "{}# vault: {}{}",
            style::BOLD.render(),
            view.vault,
            style::BOLD.render_reset()
        )?;
        let width = view
            .settings
            .iter()
            .map(|s| s.key.chars().count() + s.value.chars().count() + 3)
            .max()
            .unwrap_or(0);
        for setting in &view.settings {
            let line = format!("{} = {}", setting.key, setting.value);
            writeln!(
                out,
                "{}  {}# {}{}",
                pad(&line, width),
                style::DIM.render(),
                setting.source.as_str(),
                style::DIM.render_reset()
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_aligned_comments() {
        let view = VaultSettingsView {
            vault: "notes".into(),
            settings: vec![
                Setting::new("exclude", "[\"Templates/**\"]", Source::File),
                Setting::new("cache", "true", Source::Default),
            ],
        };
        let mut out = Vec::new();
        write_settings(&mut out, &[view]).unwrap();
        let text = String::from_utf8(anstream::adapter::strip_bytes(&out).into_vec()).unwrap();
        assert_eq!(
            text,
            "# vault: notes\nexclude = [\"Templates/**\"]  # file\ncache = true                # default\n"
        );
    }
}
