//! Plain data for a parsed vault: notes, people, interactions and the
//! per-note problems found while reading. No I/O lives here; `vault`
//! fills these values and `lint`, `search` and `output` read them.

mod person;

pub use person::{
    By, Cadence, Fact, Gist, IgnoreComment, Interaction, InteractionSource, Person, Plan,
    PlanSource, Status, Suppression,
};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A place in a note: 1-based line, and 1-based columns where known.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    pub line: usize,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
}

impl Span {
    /// A whole line, no column.
    #[must_use]
    pub fn line(line: usize) -> Self {
        Span {
            line: line.max(1),
            ..Span::default()
        }
    }

    /// A range on one line, columns 1-based and `end_column` exclusive.
    #[must_use]
    pub fn on_line(line: usize, column: usize, end_column: usize) -> Self {
        Span {
            line: line.max(1),
            column: Some(column.max(1)),
            end_line: Some(line.max(1)),
            end_column: Some(end_column.max(column.max(1))),
        }
    }
}

/// What kind of problem reading a note turned up. Each maps to one
/// hygiene rule (`VN00x`) in `lint::registry`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProblemKind {
    /// VN001: front matter is not valid YAML or is not closed.
    FrontMatterSyntax,
    /// VN002: a known field or inline field has a value of the wrong kind.
    InvalidValue,
    /// VN003: a key close to a known key but not itself known.
    UnknownField,
    /// VN004: a date-shaped value that is not a real date.
    InvalidDate,
    /// VN009: the note could not be read or is not UTF-8.
    UnreadableNote,
    /// VN010: a link or participant of a journal note that names no note
    /// and no person but nearly names a person.
    UnknownPerson,
    /// VN011: a journal note's front-matter date and file-name date differ.
    ConflictingDate,
}

/// A problem found while reading one note. Problems are data: the run
/// goes on and the linter reports them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub kind: ProblemKind,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    /// The edit that fixes it, for `check --fix`, when one is certain:
    /// a misspelt key's replacement, the missing opening `---`.
    #[serde(default)]
    pub fix: Option<Edit>,
    /// The one replacement a fix would write (VN010: the person's name
    /// for a near-miss link), when there is exactly one.
    #[serde(default)]
    pub suggestion: Option<String>,
    /// Reported as a warning even though the rule's default level is
    /// higher (a `status` near miss, VN002), unless the config sets the
    /// rule's level.
    #[serde(default)]
    pub warning: bool,
}

/// A change to a note's text: `span` (one line, 1-based columns, end
/// exclusive) is replaced by `text`; an empty span (`column ==
/// end_column`) inserts `text` there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

impl Problem {
    #[must_use]
    pub fn new(kind: ProblemKind, span: Span, message: impl Into<String>) -> Self {
        Problem {
            kind,
            span,
            message: message.into(),
            help: None,
            fix: None,
            suggestion: None,
            warning: false,
        }
    }

    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// What a note is, as SPEC §1 decides it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoteKind {
    /// A person note; the index is into `Vault::people`.
    Person(usize),
    /// A dated note that can record contact; `date` is None when no date
    /// could be found for it.
    Journal { date: Option<NaiveDate> },
    /// A template: never a person or a journal.
    Template,
    /// Anything else: indexed for search, not linted as a person.
    Other,
}

/// A block of a note's text under one heading, for the search index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The heading text, empty for text before the first heading.
    pub heading: String,
    /// 1-based line of the heading (or of the first text line).
    pub line: usize,
    /// Plain text of the section (Markdown markup removed).
    pub text: String,
}

/// One Markdown file of the vault.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Note {
    /// Path relative to the vault root, with `/` separators.
    pub path: String,
    /// File stem (file name without `.md`).
    pub stem: String,
    pub kind: NoteKind,
    /// Front-matter title or first heading, for search results.
    pub title: Option<String>,
    /// Sections of plain text, for the search index.
    pub sections: Vec<Section>,
    /// Problems found while reading, in line order.
    pub problems: Vec<Problem>,
    /// Rules silenced for the next interaction by a
    /// `<!-- vaultnet-ignore RULE… -->` comment that precedes no
    /// interaction, kept so `unused-suppression` can report them.
    pub stray_ignores: Vec<(Span, Vec<String>)>,
    /// What the note was read as and the sign that decided it, for
    /// `check --show-files` (for example `type: meeting`).
    #[serde(default)]
    pub sign: String,
}

/// A parsed vault.
#[derive(Debug, Clone, Default)]
pub struct Vault {
    pub root: std::path::PathBuf,
    pub notes: Vec<Note>,
    pub people: Vec<Person>,
    /// Things to tell the user on the error stream that are not findings:
    /// a note that is a link leaving the vault (not read), a note that
    /// vanished while the vault was read (skipped).
    pub notices: Vec<String>,
}

impl Vault {
    /// People who are not the owner (the user themself).
    pub fn others(&self) -> impl Iterator<Item = &Person> {
        self.people.iter().filter(|p| !p.is_owner)
    }

    /// The note a person was read from.
    #[must_use]
    pub fn note_of(&self, person: &Person) -> Option<&Note> {
        self.notes.get(person.note)
    }
}
