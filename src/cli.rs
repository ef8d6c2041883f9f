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

impl Cli {
    /// Whether standard output carries only JSON (`check`, `find` and
    /// `people` with `--format json`, `check --format sarif`). `serde_json`
    /// escapes every control character, so there is no escape sequence
    /// for the colour adapter to strip: the binary writes such output
    /// straight through rather than scan megabytes of it byte by byte.
    #[must_use]
    pub fn prints_only_json(&self) -> bool {
        match &self.command {
            Command::Check(args) => {
                matches!(args.format, CheckFormat::Json | CheckFormat::Sarif)
                    && !(args.fix || args.diff || args.statistics || args.show_settings)
            }
            Command::Find(args) => args.format == ListFormat::Json,
            Command::People(args) => args.format == ListFormat::Json,
            _ => false,
        }
    }
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
    /// The vault root, named outright (default: found by climbing from
    /// PATH, or the current directory, to the nearest folder holding
    /// `vaultnet.toml`, `.vaultnet.toml` or `.obsidian/`)
    #[arg(long, global = true, value_name = "DIR")]
    pub vault: Option<PathBuf>,
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
    /// Who to reach out to in the coming days, and what to talk about
    Agenda(AgendaArgs),
    /// Append an interaction to a person's note
    Log(LogArgs),
    /// Create a person note
    New(NewArgs),
    /// Write a starting `vaultnet.toml` (and, on request, a git hook)
    Init(InitArgs),
    /// Print shell completions (bash, zsh, fish, elvish, powershell)
    Completions(CompletionsArgs),
    /// Print the man page (roff), generated from the same definitions
    Man(ManArgs),
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

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Vault folders, or folders and notes inside vaults to report on
    /// (each vault is still read whole); several vaults are checked
    /// together
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
    /// Print the resolved settings of each vault, with where each value
    /// came from (default, file or flag), and check nothing
    #[arg(long)]
    pub show_settings: bool,
    /// List each note, what it was read as (person, reference, owner,
    /// journal and its date, other, excluded, template) and the sign that
    /// decided it, instead of checking
    #[arg(long)]
    pub show_files: bool,
    /// Apply the safe fixes, then report what remains
    #[arg(long)]
    pub fix: bool,
    /// Print the safe fixes as a unified diff and change nothing
    #[arg(long)]
    pub diff: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write `vaultnet.1` and one page per command (`vaultnet-check.1`, …)
    /// into DIR instead of printing `vaultnet.1`
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
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
    /// A vault, or a folder or note inside one to limit what is shown
    /// (default: the current directory)
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
    /// A vault, or a folder or note inside one (the whole vault is indexed)
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
    /// A vault, or a folder or note inside one to limit what is shown
    /// (default: the current directory)
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AgendaFormat {
    /// Grouped for reading in a terminal
    Text,
    Json,
    /// A checklist to paste into a daily note
    Markdown,
}

#[derive(Debug, Args)]
pub struct AgendaArgs {
    /// The vault directory (default: the current directory)
    pub path: Option<PathBuf>,
    /// How many days ahead to look, today included
    #[arg(long, default_value_t = 7, value_parser = clap::value_parser!(u32).range(1..=366))]
    pub days: u32,
    #[arg(long, value_enum, default_value_t = AgendaFormat::Text)]
    pub format: AgendaFormat,
}

/// Who started an interaction, for `log --by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    Me,
    Them,
    Both,
}

/// How commands that write report what they changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WriteFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// The person: a name, alias or slug
    pub person: String,
    /// What happened (several words are joined with spaces)
    #[arg(required = true, num_args = 1..)]
    pub text: Vec<String>,
    /// The day it happened (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    pub date: Option<NaiveDate>,
    /// Who reached out
    #[arg(long, value_enum)]
    pub by: Option<ByArg>,
    /// Something you asked of them (repeatable)
    #[arg(long, value_name = "TEXT")]
    pub ask: Vec<String>,
    /// Something you gave or offered them (repeatable)
    #[arg(long, value_name = "TEXT")]
    pub give: Vec<String>,
    /// Something you learned about them (repeatable)
    #[arg(long, value_name = "TEXT")]
    pub learned: Vec<String>,
    /// Print what would change and write nothing
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long, value_enum, default_value_t = WriteFormat::Text)]
    pub format: WriteFormat,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The person's name; the note is `NAME.md`
    pub name: String,
    /// A tag for the note (repeatable)
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
    /// When you met
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    pub met: Option<NaiveDate>,
    /// How often you want to be in touch (`30d`, `monthly`, `none`)
    #[arg(long, value_name = "DURATION")]
    pub cadence: Option<String>,
    /// Print what would be created and write nothing
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long, value_enum, default_value_t = WriteFormat::Text)]
    pub format: WriteFormat,
}

/// Which hook `init --hook` sets up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HookKind {
    /// Print the `.pre-commit-config.yaml` entry
    PreCommit,
    /// Install `.git/hooks/pre-commit`
    Git,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The vault directory (default: the current directory)
    pub path: Option<PathBuf>,
    /// Also set up a hook that checks staged notes
    #[arg(long, value_enum)]
    pub hook: Option<HookKind>,
    /// Print what would be written and write nothing
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long, value_enum, default_value_t = WriteFormat::Text)]
    pub format: WriteFormat,
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
    fn an_impossible_today_is_called_so() {
        let err = Cli::try_parse_from(["vaultnet", "check", "--today", "2026-02-30"])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("not a real date: that month has 28 days"),
            "{err}"
        );
        let err = Cli::try_parse_from(["vaultnet", "check", "--today", "2026-13-01"])
            .unwrap_err()
            .to_string();
        assert!(err.contains("no month 13"), "{err}");
        let err = Cli::try_parse_from(["vaultnet", "check", "--today", "tomorrow"])
            .unwrap_err()
            .to_string();
        assert!(err.contains("expected YYYY-MM-DD"), "{err}");
    }

    #[test]
    fn completions_and_man_page_generate() {
        for shell in clap_complete::Shell::value_variants() {
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "vaultnet", &mut out);
            let text = String::from_utf8(out).unwrap();
            assert!(text.contains("vaultnet"), "{shell}");
            assert!(text.contains("show-settings"), "{shell}");
        }
        let mut out = Vec::new();
        clap_mangen::Man::new(Cli::command())
            .render(&mut out)
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with(".ie"), "{}", &text[..40]);
        assert!(text.contains(".TH vaultnet 1"), "{text}");
    }

    #[test]
    fn today_is_validated() {
        assert!(Cli::try_parse_from(["vaultnet", "people", "--today", "2026-02-30"]).is_err());
        let cli = Cli::try_parse_from(["vaultnet", "people", "--today", "2026-02-28"]).unwrap();
        assert_eq!(cli.global.today, NaiveDate::from_ymd_opt(2026, 2, 28));
    }
}
