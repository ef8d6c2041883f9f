//! A finding: what the linter reports and every renderer prints.

use serde::Serialize;

use crate::model::Span;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Warning,
    Error,
}

impl Level {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }

    /// Reads `error`, `warning`, `info`; `off` is None inside Some.
    #[must_use]
    pub fn parse(text: &str) -> Option<Option<Level>> {
        match text.trim().to_lowercase().as_str() {
            "error" => Some(Some(Level::Error)),
            "warning" | "warn" => Some(Some(Level::Warning)),
            "info" => Some(Some(Level::Info)),
            "off" => Some(None),
            _ => None,
        }
    }
}

/// One finding, with everything a renderer needs. `path` is relative to
/// the vault with `/` separators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// `VN101`
    pub code: &'static str,
    /// `stale-relationship`
    pub rule: &'static str,
    pub level: Level,
    /// Starts lowercase, no trailing period.
    pub message: String,
    pub path: String,
    pub span: Span,
    /// The person the finding is about, if any.
    pub person: Option<String>,
    /// What to do next; starts lowercase, no trailing period.
    pub help: Option<String>,
}
