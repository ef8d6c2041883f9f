//! The cache of parsed notes, as ruff keeps one: `check` and `people`
//! parse only the notes that changed since the last run and take the
//! rest from `<vault>/.vaultnet/cache/notes.bin` (or the user cache
//! directory when the vault is not writable).
//!
//! A note is taken from the cache when its size and modification time
//! are those recorded; a note modified within `RACY_NANOS` of the run
//! that recorded it is hashed again, since an edit in the same clock
//! tick keeps the mtime (git's "racily clean" entries). The cache is
//! thrown away whole when the configuration, the vaultnet binary or the
//! cache format changes, and when it cannot be read or fails its
//! checksum: it only ever costs a full parse, never a wrong answer.
//! Writing it is best-effort.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::walk::{FileStat, NoteFile};
use super::{decode, read_bytes, read_note, LoadOptions, ReadNote};
use crate::config::VaultSettings;
use crate::state::{
    nanos, read_state_file, state_dir, write_cache_file_with, MAX_CACHE_BYTES, RACY_NANOS,
};

/// The cache's file name in its folder.
pub const FILE_NAME: &str = "notes.bin";
/// Bumped whenever what is cached changes shape.
const FORMAT: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Header {
    format: u32,
    /// [`stamp`] of the run that wrote the cache.
    stamp: u64,
    /// When that run looked at the files, nanoseconds since the epoch.
    written_at: u64,
}

/// One note: what `stat` and xxh3 said of its file, and its parse,
/// encoded on its own so that notes are decoded in parallel and an
/// unchanged note is written back without encoding it again.
#[derive(Serialize, Deserialize)]
struct Entry<'a> {
    size: u64,
    mtime: u64,
    /// xxh3 of the file's bytes.
    hash: u64,
    /// Written as bytes, not as a sequence of `u8` (serde's default for
    /// a slice): postcard lays both out alike, but a sequence goes
    /// through the writer (and its checksum) one byte at a time, which
    /// was a fifth of a run that rewrote the cache.
    #[serde(borrow, serialize_with = "as_bytes")]
    note: &'a [u8],
}

fn as_bytes<S: serde::Serializer>(bytes: &&[u8], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_bytes(bytes)
}

/// The cache as read from disk: entries by relative path, borrowing the
/// file's bytes.
#[derive(Default)]
struct Cached<'a> {
    written_at: u64,
    notes: HashMap<&'a str, Entry<'a>>,
}

/// A note as this run has it.
struct Fresh<'a> {
    size: u64,
    mtime: u64,
    /// 0 when the file could not be read: such a note is not cached.
    hash: u64,
    note: ReadNote,
    /// Its encoding in the old cache, when it is still right.
    encoded: Option<&'a [u8]>,
    /// The cache must be written again for it.
    changed: bool,
}

/// Where the cache of the vault at `root` lives; None when neither the
/// vault nor the user cache directory can hold it.
#[must_use]
pub fn location(root: &Path) -> Option<PathBuf> {
    state_dir(root, "cache", |_| Ok(()))
        .ok()
        .map(|state| state.dir.join(FILE_NAME))
}

/// Reads `files` as [`super::load`] does, parsing only those that changed
/// since the cache was written, and writes the cache again if anything
/// changed.
pub(super) fn read_all(
    settings: &VaultSettings,
    files: &[NoteFile],
    options: LoadOptions,
) -> Vec<ReadNote> {
    let stamp = stamp(settings, options);
    let path = location(&settings.root);
    let bytes = path
        .as_deref()
        .and_then(|p| read_state_file(p, MAX_CACHE_BYTES).ok())
        .unwrap_or_default();
    let mut cached = decode_cache(&bytes, stamp);
    // The run looked at the files from the first stat of any of them
    // (a stored answer's key may have taken them before this).
    let now = nanos(Some(SystemTime::now()));
    super::walk::stat_all(files);
    let started = files
        .iter()
        .map(|file| file.stat().at)
        .min()
        .map_or(now, |at| at.min(now));
    let work: Vec<(&NoteFile, Option<Entry<'_>>)> = files
        .iter()
        .map(|file| (file, cached.notes.remove(file.rel.as_str())))
        .collect();
    let removed = !cached.notes.is_empty();
    let written_at = cached.written_at;
    let fresh: Vec<Fresh<'_>> = work
        .into_par_iter()
        .map(|(file, old)| refresh(settings, options, file, old, (written_at, started)))
        .collect();
    if let (true, Some(path)) = (removed || fresh.iter().any(|f| f.changed), path) {
        // Best-effort: a cache that cannot be written is read in full
        // next time, nothing worse.
        let _ = write(&path, stamp, started, files, &fresh);
    }
    fresh.into_iter().map(|f| f.note).collect()
}

/// The note at `file`: from `old` when its file is unchanged, else
/// parsed. `times`: when the cache was written, and when this run began.
fn refresh<'a>(
    settings: &VaultSettings,
    options: LoadOptions,
    file: &NoteFile,
    old: Option<Entry<'a>>,
    (written_at, started): (u64, u64),
) -> Fresh<'a> {
    let FileStat { size, mtime, .. } = file.stat();
    // An entry that does not decode is no entry.
    let decoded = |entry: &Entry<'_>| decode_note(entry.note, &file.rel);
    if let Some(entry) = &old {
        let settled = entry.mtime.saturating_add(RACY_NANOS) < written_at;
        if entry.size == size && entry.mtime == mtime && settled {
            if let Some(note) = decoded(entry) {
                let encoded = Some(entry.note);
                let hash = entry.hash;
                return Fresh {
                    size,
                    mtime,
                    hash,
                    note,
                    encoded,
                    changed: false,
                };
            }
        }
    }
    // Held until the note is parsed: large notes go one at a time.
    let (bytes, _permit) = read_bytes(&file.abs);
    let hash = bytes.as_ref().map_or(0, |b| xxhash_rust::xxh3::xxh3_64(b));
    // Same bytes: a touched file, or a racy entry that holds.
    if let Some(entry) = old.filter(|entry| hash != 0 && entry.hash == hash) {
        if let Some(note) = decoded(&entry) {
            return Fresh {
                size,
                mtime,
                hash,
                note,
                encoded: Some(entry.note),
                // A racy entry that held and has settled since: written
                // again, so that later runs need not hash it.
                changed: entry.mtime != mtime
                    || entry.size != size
                    || mtime.saturating_add(RACY_NANOS) < started,
            };
        }
    }
    Fresh {
        size,
        mtime,
        hash,
        note: read_note(&file.rel, bytes.and_then(decode), settings, options),
        encoded: None,
        changed: true,
    }
}

/// What the cache holds for this vaultnet binary, these settings and
/// these options: anything else is not used.
fn stamp(settings: &VaultSettings, options: LoadOptions) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(&FORMAT.to_le_bytes());
    hash_binary(&mut hasher);
    hasher.update(&settings.config_fingerprint().to_le_bytes());
    hasher.update(&[u8::from(options.keep_text)]);
    hasher.digest()
}

/// Hashes what tells this vaultnet binary from another: its version,
/// and its size and mtime, since a rebuilt binary may parse and lint
/// differently. Every cache's key starts with it.
pub(crate) fn hash_binary(hasher: &mut xxhash_rust::xxh3::Xxh3) {
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    if let Ok(meta) = std::env::current_exe().and_then(std::fs::metadata) {
        hasher.update(&meta.len().to_le_bytes());
        hasher.update(&nanos(meta.modified().ok()).to_le_bytes());
    }
}

/// The parse of the note at `rel` cached in `bytes`, if it decodes and
/// is of that note. The cache may have been written by someone else (a
/// checksum proves no authorship): a parse claiming another path would
/// make later stages read that path, so it is no entry.
fn decode_note(bytes: &[u8], rel: &str) -> Option<ReadNote> {
    let note = postcard::from_bytes::<ReadNote>(bytes).ok()?;
    let ours = note.note.path == rel && note.person.as_ref().is_none_or(|p| p.path == rel);
    ours.then_some(note)
}

/// The cache in `bytes` if it was written with `stamp`; empty otherwise.
fn decode_cache(bytes: &[u8], stamp: u64) -> Cached<'_> {
    // The file ends with the xxh3 of everything before it: a cache
    // damaged on disk is dropped, never trusted.
    let Some((body, sum)) = bytes.split_last_chunk::<8>() else {
        return Cached::default();
    };
    if xxhash_rust::xxh3::xxh3_64(body) != u64::from_le_bytes(*sum) {
        return Cached::default();
    }
    decode_body(body, Some(stamp))
}

/// Decodes a cache file's bytes before its checksum, as a run would
/// (with any stamp), and every note in it: the fuzz target's way in.
/// Returns how many notes decoded.
#[doc(hidden)]
#[must_use]
pub fn decode_for_fuzz(body: &[u8]) -> usize {
    let cached = decode_body(body, None);
    cached
        .notes
        .iter()
        .filter(|(rel, entry)| decode_note(entry.note, rel).is_some())
        .count()
}

/// The entries of a cache body (header, then notes) written with
/// `stamp` (any stamp when None); empty when it does not decode.
fn decode_body(body: &[u8], stamp: Option<u64>) -> Cached<'_> {
    let Ok((header, rest)) = postcard::take_from_bytes::<Header>(body) else {
        return Cached::default();
    };
    if header.format != FORMAT || stamp.is_some_and(|stamp| header.stamp != stamp) {
        return Cached::default();
    }
    match postcard::from_bytes::<Vec<(&str, Entry<'_>)>>(rest) {
        Ok(notes) => Cached {
            written_at: header.written_at,
            notes: notes.into_iter().collect(),
        },
        Err(_) => Cached::default(),
    }
}

/// Writes the cache atomically: a temporary file renamed over it.
fn write(
    path: &Path,
    stamp: u64,
    written_at: u64,
    files: &[NoteFile],
    fresh: &[Fresh<'_>],
) -> std::io::Result<()> {
    let header = Header {
        format: FORMAT,
        stamp,
        written_at,
    };
    let encoded: Vec<Option<Cow<'_, [u8]>>> = fresh
        .par_iter()
        .map(|f| match (f.hash, f.encoded) {
            // A note that could not be read is read again next time.
            (0, _) => None,
            (_, Some(old)) => Some(Cow::Borrowed(old)),
            (_, None) => postcard::to_stdvec(&f.note).ok().map(Cow::Owned),
        })
        .collect();
    let notes: Vec<(&str, Entry<'_>)> = files
        .iter()
        .zip(fresh)
        .zip(&encoded)
        .filter_map(|((file, f), note)| {
            let entry = Entry {
                size: f.size,
                mtime: f.mtime,
                hash: f.hash,
                note: note.as_deref()?,
            };
            Some((file.rel.as_str(), entry))
        })
        .collect();
    write_cache_file_with(path, |out| {
        let file = Summed {
            inner: out,
            hasher: xxhash_rust::xxh3::Xxh3::new(),
        };
        let file = postcard::to_io(&header, file).map_err(std::io::Error::other)?;
        let Summed { inner, hasher } =
            postcard::to_io(&notes, file).map_err(std::io::Error::other)?;
        inner.write_all(&hasher.digest().to_le_bytes())
    })
}

/// A writer that hashes what passes through it: vaultnet's state files
/// end with the xxh3 of everything before it.
pub(crate) struct Summed<W> {
    pub(crate) inner: W,
    pub(crate) hasher: xxhash_rust::xxh3::Xxh3,
}

impl<W: std::io::Write> std::io::Write for Summed<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::vault::load;

    fn write_note(root: &Path, rel: &str, text: &str, age: Duration) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(SystemTime::now() - age).unwrap();
    }

    /// Rewrites a note (same size here) and gives it back its mtime.
    fn edit_keeping_mtime(path: &Path, text: &str) {
        let mtime = std::fs::metadata(path).unwrap().modified().unwrap();
        std::fs::write(path, text).unwrap();
        let file = std::fs::File::options().write(true).open(path).unwrap();
        file.set_modified(mtime).unwrap();
    }

    const HOUR: Duration = Duration::from_secs(3600);
    const ADA: &str = "---\nname: Ada\n---\n## Log\n- 2026-01-01: tea [by:: me]\n";

    fn cached() -> LoadOptions {
        LoadOptions {
            cache: true,
            ..LoadOptions::default()
        }
    }

    fn vault_text(settings: &VaultSettings, options: LoadOptions) -> String {
        format!("{:?}", load(settings, options))
    }

    #[test]
    fn a_note_is_written_as_bytes_in_the_layout_of_a_sequence() {
        #[derive(Serialize)]
        struct AsSequence<'a> {
            size: u64,
            mtime: u64,
            hash: u64,
            note: &'a [u8],
        }
        let note: &[u8] = &[0, 1, 200, 255, 7];
        let encoded = postcard::to_stdvec(&Entry {
            size: 1,
            mtime: 2,
            hash: 3,
            note,
        })
        .unwrap();
        let sequence = AsSequence {
            size: 1,
            mtime: 2,
            hash: 3,
            note,
        };
        assert_eq!(encoded, postcard::to_stdvec(&sequence).unwrap());
        let back: Entry<'_> = postcard::from_bytes(&encoded).unwrap();
        assert_eq!(back.note, note);
    }

    #[test]
    fn a_cached_read_is_the_same_as_a_fresh_one() {
        let dir = tempfile::tempdir().unwrap();
        write_note(dir.path(), "People/Ada.md", ADA, HOUR);
        write_note(
            dir.path(),
            "Daily/2026-02-01.md",
            "Tea with [[Ada]].\n",
            HOUR,
        );
        write_note(dir.path(), "People/Bin.md", "\0\0", HOUR);
        let settings = VaultSettings::defaults(dir.path());
        let fresh = vault_text(&settings, LoadOptions::default());
        assert_eq!(
            vault_text(&settings, cached()),
            fresh,
            "first run fills the cache"
        );
        let path = location(dir.path()).unwrap();
        assert!(path.starts_with(dir.path().join(".vaultnet/cache")));
        let written = std::fs::read(&path).unwrap();
        assert_eq!(
            vault_text(&settings, cached()),
            fresh,
            "second run reads it"
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            written,
            "nothing changed: not rewritten"
        );
    }

    #[test]
    fn edits_additions_and_removals_are_seen() {
        let dir = tempfile::tempdir().unwrap();
        write_note(dir.path(), "People/Ada.md", ADA, HOUR);
        write_note(dir.path(), "People/Bob.md", "---\nname: Bob\n---\n", HOUR);
        let settings = VaultSettings::defaults(dir.path());
        let _ = load(&settings, cached());
        write_note(
            dir.path(),
            "People/Ada.md",
            &ADA.replace("tea", "coffee"),
            Duration::ZERO,
        );
        std::fs::remove_file(dir.path().join("People/Bob.md")).unwrap();
        write_note(
            dir.path(),
            "People/Cy.md",
            "---\nname: Cy\n---\n",
            Duration::ZERO,
        );
        let vault = load(&settings, cached());
        assert_eq!(
            vault_text(&settings, LoadOptions::default()),
            format!("{vault:?}")
        );
        let names: Vec<&str> = vault.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Ada", "Cy"]);
        assert_eq!(
            vault.people[0].interactions[0].gist.topic,
            "2026-01-01: coffee [by:: me]"
        );
    }

    #[test]
    fn an_edit_in_the_same_clock_tick_is_seen() {
        // Written just now: the entry is racy, so its bytes are hashed
        // again even though size and mtime did not move.
        let dir = tempfile::tempdir().unwrap();
        write_note(dir.path(), "People/Ada.md", ADA, Duration::ZERO);
        let settings = VaultSettings::defaults(dir.path());
        let _ = load(&settings, cached());
        edit_keeping_mtime(
            &dir.path().join("People/Ada.md"),
            &ADA.replace("tea", "gin"),
        );
        let vault = load(&settings, cached());
        assert!(vault.people[0].interactions[0].gist.topic.contains("gin"));
    }

    #[test]
    fn a_settled_note_is_taken_from_the_cache_unread() {
        // Same size and mtime, long after the cache was written: trusted
        // without reading, as git and ruff trust them.
        let dir = tempfile::tempdir().unwrap();
        write_note(dir.path(), "People/Ada.md", ADA, HOUR);
        let settings = VaultSettings::defaults(dir.path());
        let _ = load(&settings, cached());
        edit_keeping_mtime(
            &dir.path().join("People/Ada.md"),
            &ADA.replace("tea", "gin"),
        );
        let topic = |options| {
            load(&settings, options).people[0].interactions[0]
                .gist
                .topic
                .clone()
        };
        assert!(topic(cached()).contains("tea"));
        assert!(topic(LoadOptions::default()).contains("gin"));
    }

    #[test]
    fn a_damaged_or_foreign_cache_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        write_note(dir.path(), "People/Ada.md", ADA, HOUR);
        let settings = VaultSettings::defaults(dir.path());
        let fresh = vault_text(&settings, LoadOptions::default());
        let _ = load(&settings, cached());
        let path = location(dir.path()).unwrap();
        let good = std::fs::read(&path).unwrap();
        let mut flipped = good.clone();
        let middle = flipped.len() / 2;
        flipped[middle] ^= 0x20;
        for bad in [
            b"garbage".to_vec(),
            Vec::new(),
            good[..good.len() / 2].to_vec(),
            [&[FORMAT as u8 + 1][..], &good[1..]].concat(),
            flipped,
        ] {
            std::fs::write(&path, &bad).unwrap();
            assert_eq!(vault_text(&settings, cached()), fresh);
        }
    }
}
