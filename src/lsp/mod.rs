//! `vaultnet lsp`: a Language Server Protocol server on stdio (SPEC §8).
//!
//! The server is a thin layer over the same analysis `check` runs: a
//! [`workspace::Workspace`] per vault holds the notes read by
//! [`crate::vault`] and the findings of [`crate::lint::check`], kept
//! current note by note as the editor changes them. [`server`] runs the
//! loop (rust-analyzer's `lsp-server`, synchronous, no async runtime);
//! each request kind has its own file. The server never writes a file:
//! code actions are workspace edits the editor applies.

pub mod code_action;
pub mod completion;
pub mod definition;
pub mod diagnostics;
pub mod document;
pub mod hover;
pub mod server;
pub mod workspace;

pub use server::Options;

/// Serves on stdin and stdout until the client exits.
pub fn serve_stdio(options: Options) -> crate::Result<()> {
    let (connection, io_threads) = lsp_server::Connection::stdio();
    let failed = server::run(&connection, options)
        .err()
        .map(|e| e.to_string());
    // The writer thread ends when the last sender is gone.
    drop(connection);
    let joined = io_threads.join().err().map(|e| e.to_string());
    match failed.or(joined) {
        Some(message) => Err(crate::Error::Usage(format!("lsp: {message}"))),
        None => Ok(()),
    }
}
