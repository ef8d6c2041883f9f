//! The library's error type. Per-note problems are findings, not errors
//! (see [`crate::model::Problem`]); an `Error` means the run itself
//! cannot go on, and always names the file or value at fault. Only the
//! binary turns it into text and exit code 2.

use std::path::PathBuf;

/// A failure to run: bad usage, bad config, or an I/O failure outside
/// the notes themselves.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A bad value or key in a config file.
    #[error("{path}: {message}")]
    Config { path: PathBuf, message: String },
    /// A bad command-line value.
    #[error("{0}")]
    Usage(String),
    /// An I/O failure on a path vaultnet needs (vault root, output file).
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The search index could not be opened, built or queried.
    #[error("index at {path}: {message}")]
    Index { path: PathBuf, message: String },
    /// A search query that cannot be parsed.
    #[error("invalid query: {0}")]
    Query(String),
    /// A note could not be written; nothing was written to it.
    #[error(transparent)]
    Edit(#[from] crate::edit::EditError),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn config(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::Config {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
