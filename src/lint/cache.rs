//! The stored report of `check` ([`crate::vault::answer`]): a `check` of
//! a vault where no note changed since the last run (a git hook run
//! twice, CI on a cached checkout, an editor's save of another file)
//! prints the findings that run stored in `<state>/cache/report.bin`
//! without parsing or linting.
//!
//! A relationship's findings cross notes (journals, duplicates), so the
//! key is the whole vault's, with the rules chosen on the command line.
//! Beside the checks of every stored answer, a finding that names a rule
//! vaultnet does not have or a path that is not one of the vault's notes
//! drops the report.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::registry::RULES;
use super::{Diagnostic, Level, Report};
use crate::config::VaultSettings;
use crate::model::Span;
use crate::output::Sources;
use crate::vault::answer;
pub use crate::vault::answer::Key;
use crate::vault::walk::Walked;

/// The report file's name, beside the cache of parsed notes.
pub const FILE_NAME: &str = "report.bin";
/// Bumped whenever what is stored changes shape.
const SHAPE: u32 = 1;

/// A report as a run stored it, with what that run said on stderr.
#[derive(Debug, Clone, Default)]
pub struct Stored {
    /// The whole vault's findings, sorted as [`super::check`] sorts.
    pub report: Report,
    /// Notes skipped while reading (SPEC §1), said again on a hit.
    pub notices: Vec<String>,
}

/// The stored report, as written: rows borrow from the report.
#[derive(Serialize)]
struct Body<'a> {
    people: u64,
    notes: u64,
    notices: &'a [String],
    diagnostics: Vec<Row<'a>>,
}

/// [`Body`] as read back: each row becomes a finding as it is decoded,
/// so that no second copy of every finding is made on the way. postcard
/// reads fields by position: these are `Body`'s, in its order.
#[derive(Deserialize)]
struct Read {
    people: u64,
    notes: u64,
    notices: Vec<String>,
    diagnostics: Findings,
}

/// One finding on disk: the rule by code, looked up again on reading.
#[derive(Serialize, Deserialize)]
struct Row<'a> {
    code: &'a str,
    level: u8,
    message: &'a str,
    path: &'a str,
    span: Span,
    #[serde(borrow)]
    person: Option<&'a str>,
    #[serde(borrow)]
    help: Option<&'a str>,
}

impl Row<'_> {
    /// The finding, if it names a rule and a level vaultnet has.
    fn finding(&self) -> Option<Diagnostic> {
        let rule = RULES.iter().find(|r| r.code == self.code)?;
        let level = match self.level {
            0 => Level::Info,
            1 => Level::Warning,
            2 => Level::Error,
            _ => return None,
        };
        Some(Diagnostic {
            code: rule.code,
            rule: rule.name,
            level,
            message: self.message.to_string(),
            path: self.path.to_string(),
            span: self.span,
            person: self.person.map(str::to_string),
            help: self.help.map(str::to_string),
        })
    }
}

/// Findings decoded row by row ([`Read`]).
struct Findings(Vec<Diagnostic>);

impl<'de> Deserialize<'de> for Findings {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Rows;
        impl<'de> serde::de::Visitor<'de> for Rows {
            type Value = Findings;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a sequence of findings")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Findings, A::Error> {
                // The length is the stored one (checksummed), bounded
                // all the same.
                let mut found = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 20));
                while let Some(row) = seq.next_element::<Row<'de>>()? {
                    let finding = row
                        .finding()
                        .ok_or_else(|| serde::de::Error::custom("an unknown rule or level"))?;
                    found.push(finding);
                }
                Ok(Findings(found))
            }
        }
        deserializer.deserialize_seq(Rows)
    }
}

/// The key of the report of the vault `walked` found, linted with
/// `settings` and the command line's `select` and `ignore` for `today`.
#[must_use]
pub fn key(
    settings: &VaultSettings,
    walked: &Walked,
    rules: (Option<&[String]>, Option<&[String]>),
    today: NaiveDate,
) -> Key {
    Key::new(settings, walked, &format!("check {rules:?}"), today)
}

/// The report stored for `key`, if there is one and it holds.
#[must_use]
pub fn load(settings: &VaultSettings, key: &Key, walked: &Walked) -> Option<Stored> {
    let bytes = answer::read(&settings.root, FILE_NAME, SHAPE, key)?;
    let (stored, settled) = decode(&bytes, key, walked)?;
    if settled {
        answer::restamp(&settings.root, FILE_NAME, key, &bytes);
    }
    Some(stored)
}

/// The report in `bytes` if it holds for `key`, and whether racy notes
/// it was recorded with have settled since.
fn decode(bytes: &[u8], key: &Key, walked: &Walked) -> Option<(Stored, bool)> {
    let (read, settled) = answer::decode::<Read>(bytes, SHAPE, key, walked)?;
    let notes = answer::notes(walked);
    let Findings(diagnostics) = read.diagnostics;
    if !diagnostics.iter().all(|d| notes.holds(&d.path)) {
        return None;
    }
    let stored = Stored {
        report: Report {
            diagnostics,
            people: usize::try_from(read.people).ok()?,
            notes: usize::try_from(read.notes).ok()?,
        },
        notices: read.notices,
    };
    Some((stored, settled))
}

/// Stores `report` (the whole vault's, before any scope) for `key`.
pub fn store(settings: &VaultSettings, key: &Key, report: &Report, notices: &[String]) {
    answer::store(
        &settings.root,
        FILE_NAME,
        SHAPE,
        key,
        &body(report, notices),
    );
}

fn body<'a>(report: &'a Report, notices: &'a [String]) -> Body<'a> {
    Body {
        people: report.people as u64,
        notes: report.notes as u64,
        notices,
        diagnostics: report
            .diagnostics
            .iter()
            .map(|d| Row {
                code: d.code,
                level: match d.level {
                    Level::Info => 0,
                    Level::Warning => 1,
                    Level::Error => 2,
                },
                message: &d.message,
                path: &d.path,
                span: d.span,
                person: d.person.as_deref(),
                help: d.help.as_deref(),
            })
            .collect(),
    }
}

/// The lines the `full` format shows of a stored report, beside it:
/// reading them again from every note with a finding was most of a
/// `check` that printed a stored report of 10k people.
pub const LINES_FILE_NAME: &str = "lines.bin";
/// Bumped whenever the stored lines change shape.
const LINES_SHAPE: u32 = 1;

/// The lines stored with the report for `key`, if they are there and
/// hold; a path that is not one of the vault's notes drops them.
#[must_use]
pub fn load_lines(settings: &VaultSettings, key: &Key, walked: &Walked) -> Option<Sources> {
    let bytes = answer::read(&settings.root, LINES_FILE_NAME, LINES_SHAPE, key)?;
    let (rows, settled) =
        answer::decode::<Vec<(&str, u64, &str)>>(&bytes, LINES_SHAPE, key, walked)?;
    let notes = answer::notes(walked);
    let sources = Sources::from_rows(rows, |path| notes.holds(path))?;
    if settled {
        answer::restamp(&settings.root, LINES_FILE_NAME, key, &bytes);
    }
    Some(sources)
}

/// Stores the lines of the whole vault's report for `key`.
pub fn store_lines(settings: &VaultSettings, key: &Key, sources: &Sources) {
    answer::store(
        &settings.root,
        LINES_FILE_NAME,
        LINES_SHAPE,
        key,
        &sources.rows(),
    );
}

#[cfg(test)]
fn encode(key: &Key, report: &Report, notices: &[String]) -> Option<Vec<u8>> {
    answer::encode(SHAPE, key, &body(report, notices))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;
    use std::time::SystemTime;

    use crate::vault::walk::{walk_notes, NoteFile, WalkError};

    fn walked(rels: &[&str]) -> Walked {
        Walked {
            files: rels
                .iter()
                .map(|rel| {
                    NoteFile::new(PathBuf::from("/nonexistent").join(rel), (*rel).to_string())
                })
                .collect(),
            errors: vec![WalkError {
                rel: "Locked".into(),
                message: "permission denied".into(),
            }],
            outside: Vec::new(),
        }
    }

    fn report() -> Report {
        Report {
            diagnostics: vec![Diagnostic {
                code: "VN101",
                rule: "stale-relationship",
                level: Level::Warning,
                message: "no contact with Ada in 200 days".into(),
                path: "People/Ada.md".into(),
                span: Span::line(3),
                person: Some("Ada".into()),
                help: None,
            }],
            people: 1,
            notes: 2,
        }
    }

    fn key() -> Key {
        Key {
            digest: 7,
            racy: Vec::new(),
            storable: true,
        }
    }

    #[test]
    fn a_stored_report_reads_back_whole() {
        let walked = walked(&["People/Ada.md", "Daily/2026-01-01.md"]);
        let bytes = encode(&key(), &report(), &["a notice".into()]).unwrap();
        let (stored, settled) = decode(&bytes, &key(), &walked).unwrap();
        assert!(!settled);
        assert_eq!(stored.report.diagnostics, report().diagnostics);
        assert_eq!((stored.report.people, stored.report.notes), (1, 2));
        assert_eq!(stored.notices, ["a notice"]);
    }

    #[test]
    fn another_key_damage_or_a_foreign_finding_is_no_report() {
        let walked = walked(&["People/Ada.md"]);
        let bytes = encode(&key(), &report(), &[]).unwrap();
        let other = Key { digest: 8, ..key() };
        assert!(decode(&bytes, &other, &walked).is_none());
        for at in [0, bytes.len() / 2, bytes.len() - 1] {
            let mut damaged = bytes.clone();
            damaged[at] ^= 1;
            assert!(decode(&damaged, &key(), &walked).is_none(), "byte {at}");
        }
        // A finding on a path that is not one of the vault's notes, or of
        // a rule vaultnet does not have: the whole report is dropped.
        let mut foreign = report();
        foreign.diagnostics[0].path = "../../etc/passwd".into();
        let bytes = encode(&key(), &foreign, &[]).unwrap();
        assert!(decode(&bytes, &key(), &walked).is_none());
        let mut unknown = report();
        unknown.diagnostics[0].code = "VN999";
        let bytes = encode(&key(), &unknown, &[]).unwrap();
        assert!(decode(&bytes, &key(), &walked).is_none());
        assert!(decode(b"", &key(), &walked).is_none());
    }

    /// A vault of one note, `Ada.md`, just written.
    fn one_note_vault() -> (tempfile::TempDir, PathBuf, VaultSettings, NaiveDate) {
        let dir = tempfile::tempdir().unwrap();
        let note = dir.path().join("Ada.md");
        std::fs::write(&note, "---\nname: Ada\n---\n").unwrap();
        let settings = VaultSettings::defaults(dir.path());
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        (dir, note, settings, today)
    }

    #[test]
    fn a_key_changes_with_any_note_and_hashes_racy_ones() {
        let (dir, note, settings, today) = one_note_vault();
        let key = |walked: &Walked| super::key(&settings, walked, (None, None), today);
        // A walk stats each note once (`NoteFile::stat`): every look
        // after a change is a new walk, as every run is.
        let walk = || walk_notes(dir.path(), &settings.exclude, false);
        let walked = walk();
        let first = key(&walked);
        assert!(first.storable);
        let hash = xxhash_rust::xxh3::xxh3_64(b"---\nname: Ada\n---\n");
        assert_eq!(
            first.racy,
            [("Ada.md".to_string(), hash)],
            "written just now"
        );
        // The same size and mtime with other bytes (an edit in the same
        // clock tick): the report made from the first bytes is no answer.
        let bytes = encode(&first, &Report::default(), &[]).unwrap();
        assert!(decode(&bytes, &first, &walked).is_some());
        std::fs::write(&note, "---\nname: Bob\n---\n").unwrap();
        // The clock did not move (size, mtime and ctime as before): only
        // the bytes tell.
        let same_tick = Key {
            digest: first.digest,
            ..key(&walk())
        };
        assert!(decode(&bytes, &same_tick, &walked).is_none());
        let file = std::fs::File::options().write(true).open(&note).unwrap();
        // Settled: no longer racy, and the mtime is part of the digest.
        let old = SystemTime::now() - std::time::Duration::from_secs(60);
        file.set_modified(old).unwrap();
        let settled = key(&walk());
        assert!(settled.racy.is_empty());
        assert_ne!(first.digest, settled.digest);
        assert_eq!(settled, key(&walk()));
        let tomorrow = super::key(&settings, &walk(), (None, None), today.succ_opt().unwrap());
        assert_ne!(settled.digest, tomorrow.digest);
        let selected = ["VN1".to_string()];
        let chosen = super::key(&settings, &walk(), (Some(&selected), None), today);
        assert_ne!(settled.digest, chosen.digest);
        std::fs::write(dir.path().join("Grace.md"), "").unwrap();
        let grown = walk_notes(dir.path(), &settings.exclude, false);
        assert_ne!(settled.digest, key(&grown).digest);
    }

    #[test]
    fn a_report_made_while_notes_were_racy_holds_once_they_settle() {
        let (dir, note, settings, today) = one_note_vault();
        let walked = walk_notes(dir.path(), &settings.exclude, false);
        let old = SystemTime::now() - std::time::Duration::from_secs(60);
        let file = std::fs::File::options().write(true).open(&note).unwrap();
        file.set_modified(old).unwrap();
        // Recorded as racy (as a run right after the write would), read
        // by a run that finds it settled: the bytes are hashed and hold.
        let mut made = super::key(&settings, &walked, (None, None), today);
        let hash = xxhash_rust::xxh3::xxh3_64(b"---\nname: Ada\n---\n");
        made.racy = vec![("Ada.md".to_string(), hash)];
        let bytes = encode(&made, &Report::default(), &[]).unwrap();
        let later = super::key(&settings, &walked, (None, None), today);
        let (_, settled) = decode(&bytes, &later, &walked).unwrap();
        assert!(settled, "recorded racy: stored again without");
        std::fs::write(&note, "---\nname: Bob\n---\n").unwrap();
        file.set_modified(old).unwrap();
        assert!(decode(&bytes, &later, &walked).is_none());
    }
}
