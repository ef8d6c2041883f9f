//! `vaultnet lsp`: runs the language server ([`crate::lsp`]) on stdio.
//! The binary calls [`serve`] before it takes hold of stdout, which the
//! server's writer thread needs for itself.

use super::Outcome;
use crate::cli::{Cli, GlobalArgs, LspArgs};
use crate::error::Result;
use crate::lsp::{serve_stdio, Options};

/// Serves until the client exits.
pub fn serve(cli: &Cli) -> Result<()> {
    serve_stdio(options(&cli.global))
}

/// The same, through [`super::run`] (for callers that did not lock
/// stdout).
pub fn run(_args: &LspArgs, global: &GlobalArgs) -> Result<Outcome> {
    serve_stdio(options(global)).map(|()| Outcome::Success)
}

fn options(global: &GlobalArgs) -> Options {
    Options {
        config: global.config.clone(),
        today: global.today,
    }
}
