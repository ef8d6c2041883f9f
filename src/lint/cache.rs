//! The cache of whole reports: a `check` of a vault where no note
//! changed since the last run (a git hook run twice, CI on a cached
//! checkout, an editor's save of another file) prints the findings that
//! run stored in `<state>/cache/report.bin` without parsing or linting.
//!
//! A relationship's findings cross notes (journals, duplicates), so the
//! key is the whole vault: every note's path, size and modification
//! time, the walk's errors and skipped links, the configuration, the
//! rules chosen on the command line, the date linted for and the
//! vaultnet binary. One note changed, added or removed and the key
//! differs: the run reads the vault (through the cache of parsed notes,
//! [`crate::vault::cache`]) and lints it. A report is stored only when
//! every note was last modified more than [`RACY_NANOS`] before the run
//! looked at it, so an edit in the same clock tick (which keeps size and
//! mtime) can never be answered from a stale report.
//!
//! The file is state of the vault's, so it is not trusted (SPEC §6.1):
//! it is read under a size cap, dropped whole when its checksum, format
//! or key does not hold, and a finding that names a rule vaultnet does
//! not have or a path that is not one of the vault's notes drops it too.
//! At worst it costs a full run, never a wrong answer of vaultnet's own.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::registry::RULES;
use super::{Diagnostic, Level, Report};
use crate::config::VaultSettings;
use crate::model::Span;
use crate::state::{
    is_note_path, nanos, read_state_file, stat, state_dir, write_state_file, MAX_CACHE_BYTES,
    RACY_NANOS,
};
use crate::vault::walk::Walked;

/// The report file's name, beside the cache of parsed notes.
pub const FILE_NAME: &str = "report.bin";
/// Bumped whenever what is stored changes shape.
const FORMAT: u32 = 1;

/// What a stored report must have been made from to be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    digest: u64,
    /// Every note settled: a report made now may be stored.
    settled: bool,
}

/// A report as a run stored it, with what that run said on stderr.
#[derive(Debug, Clone, Default)]
pub struct Stored {
    /// The whole vault's findings, sorted as [`super::check`] sorts.
    pub report: Report,
    /// Notes skipped while reading (SPEC §1), said again on a hit.
    pub notices: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct File {
    format: u32,
    digest: u64,
    people: u64,
    notes: u64,
    notices: Vec<String>,
    diagnostics: Vec<Row>,
}

/// One finding on disk: the rule by code, looked up again on reading.
#[derive(Serialize, Deserialize)]
struct Row {
    code: String,
    level: u8,
    message: String,
    path: String,
    span: Span,
    person: Option<String>,
    help: Option<String>,
}

impl Key {
    /// The key of the vault `walked` found, linted with `settings` and
    /// the command line's `select` and `ignore` for `today`: one `stat`
    /// of every note, in parallel.
    #[must_use]
    pub fn new(
        settings: &VaultSettings,
        walked: &Walked,
        rules: (Option<&[String]>, Option<&[String]>),
        today: NaiveDate,
    ) -> Key {
        let started = nanos(Some(SystemTime::now()));
        let stats: Vec<(u64, u64)> = walked
            .files
            .par_iter()
            .map(|file| stat(&file.abs).unwrap_or_default())
            .collect();
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        hasher.update(&FORMAT.to_le_bytes());
        crate::vault::cache::hash_binary(&mut hasher);
        hasher.update(&settings.config_fingerprint().to_le_bytes());
        hasher.update(format!("{rules:?}").as_bytes());
        hasher.update(today.to_string().as_bytes());
        let mut settled = true;
        for (file, (size, mtime)) in walked.files.iter().zip(&stats) {
            hasher.update(file.rel.as_bytes());
            hasher.update(&[0]);
            hasher.update(&size.to_le_bytes());
            hasher.update(&mtime.to_le_bytes());
            // A file gone since the walk (mtime 0) is read as a vanished
            // note: that report is never stored.
            settled &= *mtime != 0 && mtime.saturating_add(RACY_NANOS) < started;
        }
        hasher.update(&[0xff]);
        for error in &walked.errors {
            for part in [&error.rel, &error.message] {
                hasher.update(part.as_bytes());
                hasher.update(&[0]);
            }
        }
        hasher.update(&[0xff]);
        for rel in &walked.outside {
            hasher.update(rel.as_bytes());
            hasher.update(&[0]);
        }
        Key {
            digest: hasher.digest(),
            settled,
        }
    }
}

/// Where the report of the vault at `root` is kept; None when neither
/// the vault nor the user cache directory can hold it.
fn location(root: &Path) -> Option<PathBuf> {
    state_dir(root, "cache", |_| Ok(()))
        .ok()
        .map(|state| state.dir.join(FILE_NAME))
}

/// The report stored for `key`, if there is one and it holds.
#[must_use]
pub fn load(settings: &VaultSettings, key: Key, walked: &Walked) -> Option<Stored> {
    let bytes = read_state_file(&location(&settings.root)?, MAX_CACHE_BYTES).ok()?;
    decode(&bytes, key, walked)
}

fn decode(bytes: &[u8], key: Key, walked: &Walked) -> Option<Stored> {
    let (body, sum) = bytes.split_last_chunk::<8>()?;
    if xxhash_rust::xxh3::xxh3_64(body) != u64::from_le_bytes(*sum) {
        return None;
    }
    let file: File = postcard::from_bytes(body).ok()?;
    if file.format != FORMAT || file.digest != key.digest {
        return None;
    }
    let notes: HashSet<&str> = walked
        .files
        .iter()
        .map(|f| f.rel.as_str())
        .chain(walked.errors.iter().map(|e| e.rel.as_str()))
        .collect();
    let diagnostics = file
        .diagnostics
        .into_iter()
        .map(|row| {
            let rule = RULES.iter().find(|r| r.code == row.code)?;
            let level = match row.level {
                0 => Level::Info,
                1 => Level::Warning,
                2 => Level::Error,
                _ => return None,
            };
            (is_note_path(&row.path) && notes.contains(row.path.as_str())).then_some(Diagnostic {
                code: rule.code,
                rule: rule.name,
                level,
                message: row.message,
                path: row.path,
                span: row.span,
                person: row.person,
                help: row.help,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Stored {
        report: Report {
            diagnostics,
            people: usize::try_from(file.people).ok()?,
            notes: usize::try_from(file.notes).ok()?,
        },
        notices: file.notices,
    })
}

/// Stores `report` (the whole vault's, before any scope) for `key`, when
/// the key allows it. Best-effort: a report that cannot be written only
/// costs a full run next time.
pub fn store(settings: &VaultSettings, key: Key, report: &Report, notices: &[String]) {
    if !key.settled {
        return;
    }
    let Some(path) = location(&settings.root) else {
        return;
    };
    if let Some(bytes) = encode(key, report, notices) {
        let _ = write_state_file(&path, &bytes);
    }
}

fn encode(key: Key, report: &Report, notices: &[String]) -> Option<Vec<u8>> {
    let file = File {
        format: FORMAT,
        digest: key.digest,
        people: report.people as u64,
        notes: report.notes as u64,
        notices: notices.to_vec(),
        diagnostics: report
            .diagnostics
            .iter()
            .map(|d| Row {
                code: d.code.to_string(),
                level: match d.level {
                    Level::Info => 0,
                    Level::Warning => 1,
                    Level::Error => 2,
                },
                message: d.message.clone(),
                path: d.path.clone(),
                span: d.span,
                person: d.person.clone(),
                help: d.help.clone(),
            })
            .collect(),
    };
    let mut bytes = postcard::to_stdvec(&file).ok()?;
    let sum = xxhash_rust::xxh3::xxh3_64(&bytes);
    bytes.extend_from_slice(&sum.to_le_bytes());
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::walk::{walk_notes, NoteFile, WalkError};

    fn walked(rels: &[&str]) -> Walked {
        Walked {
            files: rels
                .iter()
                .map(|rel| NoteFile {
                    abs: PathBuf::from("/nonexistent").join(rel),
                    rel: (*rel).to_string(),
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

    const KEY: Key = Key {
        digest: 7,
        settled: true,
    };

    #[test]
    fn a_stored_report_reads_back_whole() {
        let walked = walked(&["People/Ada.md", "Daily/2026-01-01.md"]);
        let bytes = encode(KEY, &report(), &["a notice".into()]).unwrap();
        let stored = decode(&bytes, KEY, &walked).unwrap();
        assert_eq!(stored.report.diagnostics, report().diagnostics);
        assert_eq!((stored.report.people, stored.report.notes), (1, 2));
        assert_eq!(stored.notices, ["a notice"]);
    }

    #[test]
    fn another_key_damage_or_a_foreign_finding_is_no_report() {
        let walked = walked(&["People/Ada.md"]);
        let bytes = encode(KEY, &report(), &[]).unwrap();
        let other = Key { digest: 8, ..KEY };
        assert!(decode(&bytes, other, &walked).is_none());
        for at in [0, bytes.len() / 2, bytes.len() - 1] {
            let mut damaged = bytes.clone();
            damaged[at] ^= 1;
            assert!(decode(&damaged, KEY, &walked).is_none(), "byte {at}");
        }
        // A finding on a path that is not one of the vault's notes, or of
        // a rule vaultnet does not have: the whole report is dropped.
        let mut foreign = report();
        foreign.diagnostics[0].path = "../../etc/passwd".into();
        let bytes = encode(KEY, &foreign, &[]).unwrap();
        assert!(decode(&bytes, KEY, &walked).is_none());
        let mut unknown = report();
        unknown.diagnostics[0].code = "VN999";
        let bytes = encode(KEY, &unknown, &[]).unwrap();
        assert!(decode(&bytes, KEY, &walked).is_none());
        assert!(decode(b"", KEY, &walked).is_none());
    }

    #[test]
    fn a_key_changes_with_any_note_and_waits_for_notes_to_settle() {
        let dir = tempfile::tempdir().unwrap();
        let note = dir.path().join("Ada.md");
        std::fs::write(&note, "---\nname: Ada\n---\n").unwrap();
        let settings = VaultSettings::defaults(dir.path());
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let key = |walked: &Walked| Key::new(&settings, walked, (None, None), today);
        let walked = walk_notes(dir.path(), &settings.exclude, false);
        let first = key(&walked);
        assert!(!first.settled, "a note written just now is racy");
        let old = SystemTime::now() - std::time::Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&note)
            .unwrap()
            .set_modified(old)
            .unwrap();
        let settled = key(&walked);
        assert!(settled.settled);
        assert_ne!(first.digest, settled.digest, "the mtime is part of it");
        assert_eq!(settled, key(&walked));
        let tomorrow = Key::new(&settings, &walked, (None, None), today.succ_opt().unwrap());
        assert_ne!(settled.digest, tomorrow.digest);
        let selected = ["VN1".to_string()];
        let chosen = Key::new(&settings, &walked, (Some(&selected), None), today);
        assert_ne!(settled.digest, chosen.digest);
        std::fs::write(dir.path().join("Grace.md"), "").unwrap();
        let grown = walk_notes(dir.path(), &settings.exclude, false);
        assert_ne!(settled.digest, key(&grown).digest);
    }
}
