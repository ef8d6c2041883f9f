//! One module per subcommand. Each turns its raw arguments into settings,
//! does the work through the library, and renders with [`crate::output`].

pub mod check;
pub mod find;
pub mod index;
pub mod lsp;
pub mod people;
pub mod rule;

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::cli::{Cli, Command, GlobalArgs};
use crate::config::VaultSettings;
use crate::error::{Error, Result};

/// What a command tells the binary about how it went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1: findings at or above `--fail-on`, or no search hit.
    Failure,
}

/// Where a command writes: the report, and messages for the person.
pub struct Streams<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

/// Runs the parsed command line.
pub fn run(cli: &Cli, streams: &mut Streams<'_>) -> Result<Outcome> {
    match &cli.command {
        Command::Check(args) => check::run(args, &cli.global, streams),
        Command::Find(args) => find::run(args, &cli.global, streams),
        Command::Index(args) => index::run(args, &cli.global, streams),
        Command::People(args) => people::run(args, &cli.global, streams),
        Command::Rule(args) => rule::run(args, &cli.global, streams),
        Command::Lsp(args) => lsp::run(args, &cli.global),
    }
}

/// `--today`, else `VAULTNET_TODAY` (both read by clap), else the local date.
#[must_use]
pub fn today(global: &GlobalArgs) -> NaiveDate {
    global
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// The vault root from an optional PATH argument: it must be a directory.
pub fn vault_root(path: Option<&Path>) -> Result<PathBuf> {
    let path = match path {
        Some(p) => p.to_path_buf(),
        None => std::env::current_dir().map_err(|e| Error::io(".", e))?,
    };
    let meta = std::fs::metadata(&path).map_err(|e| Error::io(&path, e))?;
    if !meta.is_dir() {
        return Err(Error::Usage(format!(
            "{}: not a directory (give the vault folder)",
            path.display()
        )));
    }
    Ok(path)
}

/// Vault settings for a root, with `--config` honoured.
pub fn vault_settings(root: &Path, global: &GlobalArgs) -> Result<(VaultSettings, toml::Table)> {
    VaultSettings::load(root, global.config.as_deref())
}

/// Maps a write failure on stdout to an error (broken pipe included:
/// the binary exits 0 for that).
pub(crate) fn stdout_error(e: std::io::Error) -> Error {
    Error::io("<stdout>", e)
}
