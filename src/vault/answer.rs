//! Stored answers: a command whose answer depends only on the vault's
//! notes (`check`'s report, `people`'s rows) keeps the answer of its last
//! run in `<state>/cache/`, and a run over a vault where no note changed
//! prints it without parsing anything.
//!
//! The key is the whole vault: every note's path, size and modification
//! time, the walk's errors and skipped links, the configuration, the
//! question (the command and its options), the date and the vaultnet
//! binary. One note changed, added or removed and the key differs: the
//! run reads the vault (through the cache of parsed notes,
//! [`super::cache`]). An edit in the same clock tick as the run keeps
//! size and mtime, so a note modified within [`RACY_NANOS`] of the run
//! that looked at it ("racy", as git says) is also recorded by the xxh3
//! of its bytes, and hashed again before its answer is used; once such
//! notes have settled, the answer is stored again without them.
//!
//! The files are state of the vault's, so they are not trusted (SPEC
//! §6.1): read under a size cap, dropped whole when the checksum, format
//! or key does not hold; each answer's own checks ([`notes`]) drop it
//! when it names a path that is not one of the vault's notes. At worst
//! that costs a full run, never a wrong answer of vaultnet's own.

use std::collections::{HashMap, HashSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::config::VaultSettings;
use crate::state::{
    is_note_path, nanos, read_state_file_when, write_cache_file_with, MAX_CACHE_BYTES, RACY_NANOS,
};
use crate::vault::cache::Summed;
use crate::vault::walk::Walked;
use crate::vault::MAX_NOTE_BYTES;

/// Bumped whenever the envelope changes shape.
const FORMAT: u32 = 1;

/// What a stored answer must have been made from to be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub(crate) digest: u64,
    /// The racy notes (path and xxh3 of their bytes now) of the run.
    pub(crate) racy: Vec<(String, u64)>,
    /// A note could not be looked at or read: no answer is stored.
    pub(crate) storable: bool,
}

/// An answer on disk, with what it was made from. Read back as its
/// [`Head`], then the answer.
#[derive(Serialize)]
struct Envelope<T> {
    format: u32,
    /// The answer's own format, bumped when its shape changes.
    shape: u32,
    digest: u64,
    /// The notes that were racy when the answer was made, each with the
    /// xxh3 of the bytes it was made from.
    racy: Vec<(String, u64)>,
    answer: T,
}

impl Key {
    /// The key of the vault `walked` found, read with `settings`, of the
    /// answer to `question` (the command and what on its command line
    /// shapes the answer) for `today`: one `stat` of every note, in
    /// parallel.
    #[must_use]
    pub fn new(settings: &VaultSettings, walked: &Walked, question: &str, today: NaiveDate) -> Key {
        let started = nanos(Some(SystemTime::now()));
        crate::vault::walk::stat_all(&walked.files);
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        hasher.update(&FORMAT.to_le_bytes());
        crate::vault::cache::hash_binary(&mut hasher);
        hasher.update(&settings.config_fingerprint().to_le_bytes());
        hasher.update(question.as_bytes());
        hasher.update(&[0]);
        hasher.update(today.to_string().as_bytes());
        let mut storable = true;
        let mut racy = Vec::new();
        for file in &walked.files {
            let stat = file.stat();
            hasher.update(file.rel.as_bytes());
            hasher.update(&[0]);
            hasher.update(&stat.size.to_le_bytes());
            hasher.update(&stat.mtime.to_le_bytes());
            hasher.update(&stat.change.to_le_bytes());
            // A file gone since the walk is read as a vanished note:
            // that report is never stored.
            storable &= stat.found;
            if stat.mtime.saturating_add(RACY_NANOS) >= started.min(stat.at) {
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

/// The xxh3 of a note's bytes; 0 when it cannot be read (never equal
/// to a recorded hash, since a key with one is not stored).
fn hash_file(path: &Path) -> u64 {
    crate::vault::walk::open_regular(path)
        .and_then(|(file, size)| crate::vault::walk::read_bounded(file, size, MAX_NOTE_BYTES))
        .map_or(0, |bytes| xxhash_rust::xxh3::xxh3_64(&bytes))
}

/// Where the answer `name` of the vault at `root` is kept, beside the
/// cache of parsed notes; None when neither the vault nor the user cache
/// directory can hold it.
fn location(root: &Path, name: &str) -> Option<PathBuf> {
    super::cache::location(root).map(|notes| notes.with_file_name(name))
}

/// How much of a stored answer is read first to see whether it is of
/// this vault state: its [`Head`], unless many notes were racy.
const FRONT_BYTES: u64 = 4096;

/// The bytes of the stored answer `name`, under the size cap, when its
/// front says it is of shape `shape` and made for `key` (an answer of
/// another vault state is not read past its front); the answer is
/// [`decode`]d from them (it may borrow from them), which checks it all.
#[must_use]
pub fn read(root: &Path, name: &str, shape: u32, key: &Key) -> Option<Vec<u8>> {
    let path = location(root, name)?;
    read_state_file_when(&path, MAX_CACHE_BYTES, FRONT_BYTES, |front| {
        // A front too short for the whole head: decoding decides.
        postcard::take_from_bytes::<Head>(front).map_or(true, |(head, _)| head.holds(shape, key))
    })
    .ok()
    .flatten()
}

/// The answer of shape `shape` in `bytes` if it holds for `key`, and
/// whether it was recorded with racy notes that have settled since (the
/// caller then [`store`]s it again, so later runs need not read them).
#[must_use]
pub fn decode<'a, T: Deserialize<'a>>(
    bytes: &'a [u8],
    shape: u32,
    key: &Key,
    walked: &Walked,
) -> Option<(T, bool)> {
    let (body, sum) = bytes.split_last_chunk::<8>()?;
    // The answer of another vault state is told by its front alone:
    // after an edit, hashing and decoding the whole stored report of
    // 100k people only to find it stale was 2 % of the run.
    let (head, answer) = postcard::take_from_bytes::<Head>(body).ok()?;
    if !head.holds(shape, key) {
        return None;
    }
    if xxhash_rust::xxh3::xxh3_64(body) != u64::from_le_bytes(*sum) {
        return None;
    }
    let answer: T = postcard::from_bytes(answer).ok()?;
    // Each note racy when the answer was made must hold the same bytes
    // now: hashed by this run's key if it is still racy, else read now.
    // Most answers were made with none: then no table is built.
    let files: HashMap<&str, &Path> = if head.racy.is_empty() {
        HashMap::new()
    } else {
        walked
            .files
            .iter()
            .map(|f| (f.rel.as_str(), f.abs.as_path()))
            .collect()
    };
    let now: HashMap<&str, u64> = key.racy.iter().map(|(rel, h)| (rel.as_str(), *h)).collect();
    let holds = head.racy.par_iter().all(|(rel, hash)| {
        let current = match now.get(rel.as_str()) {
            Some(current) => *current,
            None => files.get(rel.as_str()).map_or(0, |abs| hash_file(abs)),
        };
        *hash != 0 && current == *hash
    });
    holds.then(|| (answer, head.racy != key.racy))
}

/// Stores `answer` as `name` for `key`, when the key allows it.
/// Best-effort: an answer that cannot be written only costs a full run
/// next time. Encoded straight into the file: the report of 100k people
/// is 30 MB, and a copy in memory came on top of the run's peak.
pub fn store<T: Serialize>(root: &Path, name: &str, shape: u32, key: &Key, answer: &T) {
    if !key.storable {
        return;
    }
    let Some(path) = location(root, name) else {
        return;
    };
    let _ = write_cache_file_with(&path, |out| write_encoded(out, shape, key, answer));
}

/// The bytes [`store`] writes.
#[must_use]
pub fn encode<T: Serialize>(shape: u32, key: &Key, answer: &T) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    write_encoded(&mut bytes, shape, key, answer).ok()?;
    Some(bytes)
}

fn write_encoded<T: Serialize>(
    out: &mut dyn std::io::Write,
    shape: u32,
    key: &Key,
    answer: &T,
) -> std::io::Result<()> {
    let file = Envelope {
        format: FORMAT,
        shape,
        digest: key.digest,
        racy: key.racy.clone(),
        answer,
    };
    let summed = Summed {
        inner: out,
        hasher: xxhash_rust::xxh3::Xxh3::new(),
    };
    let Summed { inner, hasher } = postcard::to_io(&file, summed).map_err(std::io::Error::other)?;
    inner.write_all(&hasher.digest().to_le_bytes())
}

/// The front of an [`Envelope`], before its answer: postcard lays a
/// struct out field after field, so these are the envelope's first
/// bytes and the answer's bytes follow.
#[derive(Serialize, Deserialize)]
struct Head {
    format: u32,
    shape: u32,
    digest: u64,
    racy: Vec<(String, u64)>,
}

impl Head {
    /// Whether the answer behind this head is of `shape`, for `key`.
    fn holds(&self, shape: u32, key: &Key) -> bool {
        self.format == FORMAT && self.shape == shape && self.digest == key.digest
    }
}

/// Stores again, for `key`, the answer `bytes` held (read and decoded
/// by this run, so sound) when its racy notes have settled: only the
/// front is written anew, the answer's bytes are copied as they are.
/// Encoding a stored report of 100k people again cost 90 MB more than
/// the run that read it.
pub fn restamp(root: &Path, name: &str, key: &Key, bytes: &[u8]) {
    if !key.storable {
        return;
    }
    if let Some(path) = location(root, name) {
        let _ = write_cache_file_with(&path, |out| write_restamped(out, key, bytes));
    }
}

fn write_restamped(out: &mut dyn std::io::Write, key: &Key, bytes: &[u8]) -> std::io::Result<()> {
    let damaged = || std::io::Error::other("not a stored answer");
    let (body, _) = bytes.split_last_chunk::<8>().ok_or_else(damaged)?;
    let (head, answer) = postcard::take_from_bytes::<Head>(body).map_err(|_| damaged())?;
    let head = Head {
        digest: key.digest,
        racy: key.racy.clone(),
        ..head
    };
    let summed = Summed {
        inner: out,
        hasher: xxhash_rust::xxh3::Xxh3::new(),
    };
    let mut summed = postcard::to_io(&head, summed).map_err(std::io::Error::other)?;
    summed.write_all(answer)?;
    let Summed { inner, hasher } = summed;
    inner.write_all(&hasher.digest().to_le_bytes())
}

/// The vault's notes as a stored answer may name them: the notes the
/// walk found and those it could not read.
#[must_use]
pub fn notes(walked: &Walked) -> Notes<'_> {
    Notes(
        walked
            .files
            .iter()
            .map(|f| f.rel.as_str())
            .chain(walked.errors.iter().map(|e| e.rel.as_str()))
            .collect(),
    )
}

/// See [`notes`].
pub struct Notes<'a>(HashSet<&'a str>);

impl Notes<'_> {
    /// Whether a stored `path` is one of the vault's notes, written as
    /// vaultnet writes them.
    #[must_use]
    pub fn holds(&self, path: &str) -> bool {
        is_note_path(path) && self.0.contains(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An answer, and a key made while one of its notes was racy.
    fn answer_and_racy_key() -> ((String, Vec<u64>), Key) {
        let key = Key {
            digest: 7,
            racy: vec![("People/Ada.md".into(), 99)],
            storable: true,
        };
        (("rows".to_string(), vec![1, 2, 3]), key)
    }

    #[test]
    fn an_answer_streamed_to_its_file_is_laid_out_as_one_encoding() {
        let (answer, key) = answer_and_racy_key();
        let file = Envelope {
            format: FORMAT,
            shape: 4,
            digest: key.digest,
            racy: key.racy.clone(),
            answer: &answer,
        };
        let mut whole = postcard::to_stdvec(&file).unwrap();
        let sum = xxhash_rust::xxh3::xxh3_64(&whole);
        whole.extend_from_slice(&sum.to_le_bytes());
        assert_eq!(encode(4, &key, &answer).unwrap(), whole);
    }

    #[test]
    fn a_restamped_answer_is_the_answer_stored_for_the_new_key() {
        let (answer, racy) = answer_and_racy_key();
        let settled = Key {
            racy: Vec::new(),
            ..racy.clone()
        };
        let bytes = encode(4, &racy, &answer).unwrap();
        let mut out = Vec::new();
        write_restamped(&mut out, &settled, &bytes).unwrap();
        assert_eq!(out, encode(4, &settled, &answer).unwrap());
        let mut out = Vec::new();
        assert!(write_restamped(&mut out, &settled, b"short").is_err());
    }
}
