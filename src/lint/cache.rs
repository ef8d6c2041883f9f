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
//! [`crate::vault::cache`]) and lints it. An edit in the same clock tick
//! as the run keeps size and mtime, so a note modified within
//! [`RACY_NANOS`] of the run that looked at it ("racy", as git says) is
//! also recorded by the xxh3 of its bytes, and hashed again before its
//! report is used; once such notes have settled, the report is stored
//! again without them.
//!
//! The file is state of the vault's, so it is not trusted (SPEC §6.1):
//! it is read under a size cap, dropped whole when its checksum, format
//! or key does not hold, and a finding that names a rule vaultnet does
//! not have or a path that is not one of the vault's notes drops it too.
//! At worst it costs a full run, never a wrong answer of vaultnet's own.

use std::collections::{HashMap, HashSet};
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
    is_note_path, nanos, read_state_file, write_cache_file_with, MAX_CACHE_BYTES, RACY_NANOS,
};
use crate::vault::walk::Walked;
use crate::vault::MAX_NOTE_BYTES;

/// The report file's name, beside the cache of parsed notes.
pub const FILE_NAME: &str = "report.bin";
/// Bumped whenever what is stored changes shape.
const FORMAT: u32 = 1;

/// What a stored report must have been made from to be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    digest: u64,
    /// The racy notes (path and xxh3 of their bytes now) of the run.
    racy: Vec<(String, u64)>,
    /// A note could not be looked at or read: no report is stored.
    storable: bool,
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
    /// The notes that were racy when the report was made, each with the
    /// xxh3 of the bytes it was made from.
    racy: Vec<(String, u64)>,
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
        let stats: Vec<(u64, u64, u64)> = walked
            .files
            .par_iter()
            .map(|file| stat_of(&file.abs))
            .collect();
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        hasher.update(&FORMAT.to_le_bytes());
        crate::vault::cache::hash_binary(&mut hasher);
        hasher.update(&settings.config_fingerprint().to_le_bytes());
        hasher.update(format!("{rules:?}").as_bytes());
        hasher.update(today.to_string().as_bytes());
        let mut storable = true;
        let mut racy = Vec::new();
        for (file, (size, mtime, change)) in walked.files.iter().zip(&stats) {
            hasher.update(file.rel.as_bytes());
            hasher.update(&[0]);
            hasher.update(&size.to_le_bytes());
            hasher.update(&mtime.to_le_bytes());
            hasher.update(&change.to_le_bytes());
            // A file gone since the walk (mtime 0) is read as a vanished
            // note: that report is never stored.
            storable &= *mtime != 0;
            if mtime.saturating_add(RACY_NANOS) >= started {
                racy.push(file);
            }
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
        // Hashed before the vault is read: a note edited in between
        // makes the stored hash that of older bytes, which the next run
        // does not find again, so it reads the vault; never the reverse.
        let racy: Vec<(String, u64)> = racy
            .par_iter()
            .map(|file| (file.rel.clone(), hash_file(&file.abs)))
            .collect();
        storable &= racy.iter().all(|(_, hash)| *hash != 0);
        Key {
            digest: hasher.digest(),
            racy,
            storable,
        }
    }
}

/// A note's size, mtime, and (on Unix) a digest of its inode number
/// and status-change time, as git's index keeps them: a note made
/// unreadable (`chmod`), or replaced by another file of the same size
/// and mtime, is not the note the report was made from. Zeros when it
/// is gone.
fn stat_of(path: &Path) -> (u64, u64, u64) {
    let Ok(meta) = std::fs::metadata(path) else {
        return (0, 0, 0);
    };
    if !meta.is_file() {
        return (0, 0, 0);
    }
    #[cfg(unix)]
    let change = {
        use std::os::unix::fs::MetadataExt;
        meta.ino()
            ^ (meta.ctime() as u64).rotate_left(32)
            ^ (meta.ctime_nsec() as u64).rotate_left(7)
    };
    #[cfg(not(unix))]
    let change = 0;
    (meta.len(), nanos(meta.modified().ok()), change)
}

/// The xxh3 of a note's bytes; 0 when it cannot be read (never equal
/// to a recorded hash, since a key with one is not stored).
fn hash_file(path: &Path) -> u64 {
    crate::vault::walk::open_regular(path)
        .and_then(|(file, size)| crate::vault::walk::read_bounded(file, size, MAX_NOTE_BYTES))
        .map_or(0, |bytes| xxhash_rust::xxh3::xxh3_64(&bytes))
}

/// Where the report of the vault at `root` is kept; None when neither
/// the vault nor the user cache directory can hold it.
fn location(root: &Path) -> Option<PathBuf> {
    crate::vault::cache::location(root).map(|notes| notes.with_file_name(FILE_NAME))
}

/// The report stored for `key`, if there is one and it holds. A report
/// recorded with racy notes that have settled since is stored again
/// without them, so later runs need not read them.
#[must_use]
pub fn load(settings: &VaultSettings, key: &Key, walked: &Walked) -> Option<Stored> {
    let bytes = read_state_file(&location(&settings.root)?, MAX_CACHE_BYTES).ok()?;
    let (stored, recorded_racy) = decode(&bytes, key, walked)?;
    if recorded_racy != key.racy {
        store(settings, key, &stored.report, &stored.notices);
    }
    Some(stored)
}

/// The report in `bytes` if it holds for `key`, with the racy notes it
/// was recorded with.
fn decode(bytes: &[u8], key: &Key, walked: &Walked) -> Option<(Stored, Vec<(String, u64)>)> {
    let (body, sum) = bytes.split_last_chunk::<8>()?;
    if xxhash_rust::xxh3::xxh3_64(body) != u64::from_le_bytes(*sum) {
        return None;
    }
    let file: File = postcard::from_bytes(body).ok()?;
    if file.format != FORMAT || file.digest != key.digest {
        return None;
    }
    let files: HashMap<&str, &Path> = walked
        .files
        .iter()
        .map(|f| (f.rel.as_str(), f.abs.as_path()))
        .collect();
    // Each note racy when the report was made must hold the same bytes
    // now: hashed by this run's key if it is still racy, else read now.
    let now: HashMap<&str, u64> = key.racy.iter().map(|(rel, h)| (rel.as_str(), *h)).collect();
    let holds = file.racy.par_iter().all(|(rel, hash)| {
        let current = match now.get(rel.as_str()) {
            Some(current) => *current,
            None => files.get(rel.as_str()).map_or(0, |abs| hash_file(abs)),
        };
        *hash != 0 && current == *hash
    });
    if !holds {
        return None;
    }
    let notes: HashSet<&str> = files
        .keys()
        .copied()
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
    let stored = Stored {
        report: Report {
            diagnostics,
            people: usize::try_from(file.people).ok()?,
            notes: usize::try_from(file.notes).ok()?,
        },
        notices: file.notices,
    };
    Some((stored, file.racy))
}

/// Stores `report` (the whole vault's, before any scope) for `key`, when
/// the key allows it. Best-effort: a report that cannot be written only
/// costs a full run next time.
pub fn store(settings: &VaultSettings, key: &Key, report: &Report, notices: &[String]) {
    if !key.storable {
        return;
    }
    let Some(path) = location(&settings.root) else {
        return;
    };
    if let Some(bytes) = encode(key, report, notices) {
        let _ = write_cache_file_with(&path, |out| out.write_all(&bytes));
    }
}

fn encode(key: &Key, report: &Report, notices: &[String]) -> Option<Vec<u8>> {
    let file = File {
        format: FORMAT,
        digest: key.digest,
        racy: key.racy.clone(),
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
        let (stored, racy) = decode(&bytes, &key(), &walked).unwrap();
        assert!(racy.is_empty());
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
        let key = |walked: &Walked| Key::new(&settings, walked, (None, None), today);
        let walked = walk_notes(dir.path(), &settings.exclude, false);
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
            ..key(&walked)
        };
        assert!(decode(&bytes, &same_tick, &walked).is_none());
        let file = std::fs::File::options().write(true).open(&note).unwrap();
        // Settled: no longer racy, and the mtime is part of the digest.
        let old = SystemTime::now() - std::time::Duration::from_secs(60);
        file.set_modified(old).unwrap();
        let settled = key(&walked);
        assert!(settled.racy.is_empty());
        assert_ne!(first.digest, settled.digest);
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

    #[test]
    fn a_report_made_while_notes_were_racy_holds_once_they_settle() {
        let (dir, note, settings, today) = one_note_vault();
        let walked = walk_notes(dir.path(), &settings.exclude, false);
        let old = SystemTime::now() - std::time::Duration::from_secs(60);
        let file = std::fs::File::options().write(true).open(&note).unwrap();
        file.set_modified(old).unwrap();
        // Recorded as racy (as a run right after the write would), read
        // by a run that finds it settled: the bytes are hashed and hold.
        let mut made = Key::new(&settings, &walked, (None, None), today);
        let hash = xxhash_rust::xxh3::xxh3_64(b"---\nname: Ada\n---\n");
        made.racy = vec![("Ada.md".to_string(), hash)];
        let bytes = encode(&made, &Report::default(), &[]).unwrap();
        let later = Key::new(&settings, &walked, (None, None), today);
        let (_, racy) = decode(&bytes, &later, &walked).unwrap();
        assert_eq!(racy, made.racy, "recorded racy: stored again without");
        std::fs::write(&note, "---\nname: Bob\n---\n").unwrap();
        file.set_modified(old).unwrap();
        assert!(decode(&bytes, &later, &walked).is_none());
    }
}
