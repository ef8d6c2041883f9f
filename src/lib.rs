//! vaultnet reads a folder of per-person Markdown notes, lints the
//! relationships they record the way a code linter lints code, and
//! searches everything you know about people with a tantivy index.
//!
//! Data flows one way: files -> [`vault`] (parse) -> [`model`] ->
//! [`lint`] or search -> [`output`]. [`commands`] drives one
//! subcommand through that line. The library never prints; it writes to
//! the streams the binary hands it.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod agenda;
pub mod cli;
pub mod commands;
pub mod config;
pub mod edit;
pub mod error;
pub mod lint;
pub mod lsp;
pub mod model;
pub mod output;
pub mod search;
pub mod state;
pub mod vault;

pub use commands::{run, Outcome, Streams};
pub use error::{Error, Result};
