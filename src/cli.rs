//! Command-line arguments (clap derive). These are the raw arguments;
//! [`crate::config`] and the commands turn them into validated settings
//! before any work starts.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::parse_today;

/// Lint and search a vault of per-person Markdown notes.
///
/// vaultnet reads a folder of notes about the people in your life (often
/// an Obsidian vault), lints the relationships they record — who you are
/// losing touch with, who you only ask favours of — and searches
/// everything you know about people.
#[derive(Debug, Parser)]
#[command(name = "vaultnet", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub global: GlobalArgs,
}

/// Flags every command takes.
#[derive(Debug, Args, Clone)]
pub struct GlobalArgs {
    /// Config file to use instead of `vaultnet.toml` at the vault root
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The date to judge against (default: the local date)
    #[arg(long, global = true, env = "VAULTNET_TODAY", value_name = "YYYY-MM-DD", value_parser = parse_today)]
    pub today: Option<NaiveDate>,
    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print only what was asked for: no summaries or progress
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint the vault's relationships and notes
    Check(CheckArgs),
    /// Search everything you know about people
    Find(FindArgs),
    /// Build or refresh the search index
    Index(IndexArgs),
    /// List people with last contact, cadence and days overdue
    People(PeopleArgs),
    /// Print a rule's documentation
    Rule(RuleArgs),
    /// Run a language server on stdio: the linter, hovers and completions in any editor
    Lsp(LspArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Full,
    Concise,
    Json,
    Sarif,
    Github,
    Junit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum FailOn {
    Info,
    Warning,
    Error,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The vault directory, or note files to report on (the whole vault
    /// is still read)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, env = "VAULTNET_FORMAT", default_value_t = CheckFormat::Full)]
    pub format: CheckFormat,
    /// Rules to enable: names, codes or prefixes (`VN1`, `ALL`); comma-separated
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,
    /// Rules to disable: names, codes or prefixes; comma-separated
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Option<Vec<String>>,
    /// Lowest level that makes the exit code 1
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Exit 0 even when there are findings
    #[arg(long)]
    pub exit_zero: bool,
    /// Print the number of findings per rule
    #[arg(long)]
    pub statistics: bool,
    /// Write the report to FILE instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Parse every note, neither reading nor writing the cache of parsed
    /// notes in `.vaultnet/cache`
    #[arg(long, env = "VAULTNET_NO_CACHE", value_parser = clap::builder::FalseyValueParser::new())]
    pub no_cache: bool,
    /// The vault root when PATHs are files
    #[arg(long, value_name = "DIR")]
    pub vault: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Human-readable text
    #[value(alias = "table", alias = "full")]
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct FindArgs {
    /// The query: words (joined with AND), "phrases", -word, OR,
    /// name:, interest:, tag:, person:, text:, date:[2026-01-01 TO 2026-06-30]
    pub query: String,
    /// The vault directory (default: the current directory)
    pub path: Option<PathBuf>,
    /// Most results to show
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Only results about this person
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Only interactions on or after this date
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    pub since: Option<NaiveDate>,
    /// Only interactions on or before this date
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    pub until: Option<NaiveDate>,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    /// Where the index lives (default: `<vault>/.vaultnet/index`)
    #[arg(long, env = "VAULTNET_INDEX_DIR", value_name = "DIR")]
    pub index_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// The vault directory (default: the current directory)
    pub path: Option<PathBuf>,
    /// Build the index from scratch
    #[arg(long)]
    pub rebuild: bool,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    /// Where the index lives (default: `<vault>/.vaultnet/index`)
    #[arg(long, env = "VAULTNET_INDEX_DIR", value_name = "DIR")]
    pub index_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct PeopleArgs {
    /// The vault directory (default: the current directory)
    pub path: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    /// Parse every note, neither reading nor writing the cache of parsed
    /// notes in `.vaultnet/cache`
    #[arg(long, env = "VAULTNET_NO_CACHE", value_parser = clap::builder::FalseyValueParser::new())]
    pub no_cache: bool,
}

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// A rule name or code (`stale-relationship`, `VN101`)
    #[arg(required_unless_present = "all")]
    pub name: Option<String>,
    /// List every rule
    #[arg(long, conflicts_with = "name")]
    pub all: bool,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

/// `vaultnet lsp`: takes only the shared flags (`--config`, `--today`).
#[derive(Debug, Args)]
pub struct LspArgs {
    /// Accepted and ignored: editors pass `--stdio` to servers; vaultnet
    /// only speaks over stdio
    #[arg(long)]
    pub stdio: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn today_is_validated() {
        assert!(Cli::try_parse_from(["vaultnet", "people", "--today", "2026-02-30"]).is_err());
        let cli = Cli::try_parse_from(["vaultnet", "people", "--today", "2026-02-28"]).unwrap();
        assert_eq!(cli.global.today, NaiveDate::from_ymd_opt(2026, 2, 28));
    }
}
