//! `vaultnet completions SHELL` and `vaultnet man`: shell completions
//! (`clap_complete`) and the man page (`clap_mangen`), both generated from
//! the clap definitions in [`crate::cli`], so they cannot drift from
//! `--help` (ripgrep and clap ship theirs the same way).

use std::path::Path;

use clap::CommandFactory;

use super::{stdout_error, Outcome, Streams};
use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::error::{Error, Result};

/// Prints the completion script for one shell.
pub fn completions(args: &CompletionsArgs, streams: &mut Streams<'_>) -> Result<Outcome> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "vaultnet", streams.out);
    streams.out.flush().map_err(stdout_error)?;
    Ok(Outcome::Success)
}

/// Prints `vaultnet.1`, or writes it and a page per subcommand into
/// `--dir`.
pub fn man(args: &ManArgs, streams: &mut Streams<'_>) -> Result<Outcome> {
    let command = Cli::command();
    match &args.dir {
        None => clap_mangen::Man::new(command)
            .render(streams.out)
            .map_err(stdout_error)?,
        Some(dir) => write_pages(command, dir)?,
    }
    Ok(Outcome::Success)
}

/// `vaultnet.1` and `vaultnet-<command>.1` for each subcommand, in `dir`.
fn write_pages(command: clap::Command, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    clap_mangen::generate_to(command, dir).map_err(|e| Error::io(dir, e))
}
