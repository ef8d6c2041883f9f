//! Where the index lives, and keeping it in step with the notes.
//!
//! Layout of an index directory (`<vault>/.vaultnet/index` by default):
//!
//! ```text
//! lock                  advisory lock held by whoever writes (never deleted)
//! CURRENT               the name of the generation in use, replaced atomically
//! gen-<n>/              a tantivy index plus its `vaultnet-manifest.bin`
//! build-<pid>-<nanos>/  a full rebuild in progress, renamed to gen-<n+1>
//! ```
//!
//! [`sync`] walks the vault and compares every note with the manifest
//! (size and mtime, then the xxh3 hash when those differ or the note was
//! written in the same moment as the last sync). With nothing changed it
//! answers without any lock. Otherwise it takes the lock, looks again
//! (another process may have done the work meanwhile), deletes the
//! documents of every changed or deleted note, re-reads the changed
//! notes, and commits. A full rebuild (first run, `--rebuild`, another
//! schema or config, an index that will not open) is built in a new
//! generation beside the old one and swapped in, so readers never see a
//! half-built index.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use rayon::prelude::*;
use tantivy::directory::error::LockError;
use tantivy::schema::Term;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError};

use super::documents::documents;
use super::manifest::{Entry, EntryKind, Manifest, PersonNames, Unusable, FILE_NAME};
use super::schema::{build_schema, register_analyzer, Fields, SCHEMA_VERSION};
use crate::config::VaultSettings;
use crate::error::{Error, Result};
use crate::model::{NoteKind, Person, ProblemKind, Vault};
use crate::state::{
    nanos, open_lock_file, private_dir_all, private_subdir, read_state_file, stat, state_dir,
    write_state_file, MAX_MANIFEST_BYTES, MAX_SMALL_BYTES, RACY_NANOS,
};
use crate::vault::names::NameIndex;
use crate::vault::walk::{walk_notes, FileStat, NoteFile};
use crate::vault::{normalize, LoadOptions, Parsed, MAX_NOTE_BYTES};

/// How long a writer waits for another process's lock while that
/// process shows no sign of life (its heartbeat) before failing. While
/// the holder beats, waiters keep waiting.
const LOCK_WAIT: Duration = Duration::from_secs(20);
/// `VAULTNET_LOCK_WAIT_MS` replaces [`LOCK_WAIT`] (tests of the lock
/// use a short one, so that a wait bounded by it and not by the
/// holder's heartbeat shows).
fn lock_wait() -> Duration {
    std::env::var("VAULTNET_LOCK_WAIT_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(LOCK_WAIT, Duration::from_millis)
}

/// How often the holder of the lock shows it is alive.
const HEARTBEAT: Duration = Duration::from_millis(500);
/// After this long waiting, a waiter says what it waits for.
const LOCK_TELL: Duration = Duration::from_secs(3);
/// How often a waiting writer tries the lock again.
const LOCK_POLL: Duration = Duration::from_millis(25);
/// Notes read and indexed per step of a large sync (progress updates).
const CHUNK: usize = 1024;
/// Memory budget of one indexing thread.
const THREAD_BUDGET: usize = 48_000_000;
const CURRENT: &str = "CURRENT";
/// In each generation: [`crate::state::origin_mark`] of its path, so
/// only generations vaultnet made here are opened (and committed into).
const ORIGIN: &str = "vaultnet-origin";
const LOCK_FILE: &str = "lock";

/// Where an index lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexLocation {
    pub dir: PathBuf,
    /// True when the vault was not writable and the index went to the
    /// user cache directory.
    pub in_cache: bool,
    /// Why the vault's `.vaultnet` was not used, when it was not.
    pub why: Option<String>,
}

/// Told how far a long sync has come; `commands` shows a progress bar.
pub trait Progress: Sync {
    /// Work on `total` notes starts.
    fn start(&self, total: u64);
    fn advance(&self, notes: u64);
    fn finish(&self);
    /// Another process holds the index lock and is still working: this
    /// one has waited a while and goes on waiting.
    fn waiting(&self) {}
}

/// How to sync.
#[derive(Default, Clone, Copy)]
pub struct SyncOptions<'a> {
    /// Build from scratch even when the index is usable.
    pub rebuild: bool,
    pub progress: Option<&'a dyn Progress>,
}

/// What a sync did.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncReport {
    /// Notes found in the vault.
    pub seen: usize,
    /// Notes new or changed since the last sync, re-read.
    pub changed: usize,
    /// Notes deleted since the last sync.
    pub removed: usize,
    /// Other notes re-read because the people they mention changed.
    pub reresolved: usize,
    /// Documents in the index afterwards.
    pub documents: u64,
    /// Why the index was built from scratch, if it was.
    pub rebuilt: Option<String>,
    /// Problems worth telling the user (an index that would not open).
    pub warnings: Vec<String>,
    /// Notes not read, said on stderr (links leaving the vault).
    pub notices: Vec<String>,
    pub elapsed: Duration,
    pub dir: PathBuf,
}

/// An index in step with the vault, ready to search.
pub struct SearchIndex {
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    pub(crate) root: PathBuf,
    /// The config's `follow_links`: snippets read notes as the walk does.
    pub(crate) follow_links: bool,
    /// Every person, for `--person` and suggestions.
    pub(crate) people: Vec<(String, PersonNames)>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("root", &self.root)
            .field("people", &self.people.len())
            .finish_non_exhaustive()
    }
}

/// The index directory for a vault: `explicit` (`--index-dir`,
/// `VAULTNET_INDEX_DIR`), else `<root>/.vaultnet/index` with a
/// `.gitignore` of `*`, else — when the vault is not writable — a folder
/// of the user cache directory named for the vault. Created owner-only.
pub fn locate(root: &Path, explicit: Option<&Path>) -> Result<IndexLocation> {
    if let Some(dir) = explicit {
        private_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        check_writable(dir).map_err(|e| Error::io(dir, e))?;
        return Ok(IndexLocation {
            dir: dir.to_path_buf(),
            in_cache: false,
            why: None,
        });
    }
    let state = state_dir(root, "index", check_writable).map_err(|(at, e)| Error::io(at, e))?;
    Ok(IndexLocation {
        dir: state.dir,
        in_cache: state.in_cache,
        why: state.why,
    })
}

fn check_writable(dir: &Path) -> std::io::Result<()> {
    open_lock_file(&dir.join(LOCK_FILE)).map(drop)
}

/// The advisory write lock of an index directory; released when
/// dropped (or when the process dies, so it can never go stale). While
/// it is held a thread touches the lock file's mtime every
/// [`HEARTBEAT`]: waiters wait as long as it beats, so a long first
/// build of a big vault does not make them fail.
struct DirLock {
    _file: File,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    beat: Option<std::thread::JoinHandle<()>>,
}

impl Drop for DirLock {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(beat) = self.beat.take() {
            beat.thread().unpark();
            let _ = beat.join();
        }
    }
}

impl DirLock {
    /// Waits for the lock while its holder shows signs of life; fails
    /// after [`LOCK_WAIT`] without one.
    fn acquire(dir: &Path, progress: Option<&dyn Progress>) -> Result<DirLock> {
        let started = Instant::now();
        let wait = lock_wait();
        let mut beat = lock_beat(dir);
        let mut beat_seen = Instant::now();
        let mut told = false;
        loop {
            if let Some(lock) = DirLock::try_acquire(dir)? {
                return Ok(lock);
            }
            let now = lock_beat(dir);
            if now != beat {
                beat = now;
                beat_seen = Instant::now();
            }
            if beat_seen.elapsed() >= wait {
                return Err(Error::Index {
                    path: dir.to_path_buf(),
                    message: format!(
                        "another vaultnet process holds the index lock and has shown no \
                         sign of progress for {:.1} s; try again",
                        wait.as_secs_f64()
                    ),
                });
            }
            if !told && started.elapsed() >= LOCK_TELL {
                told = true;
                if let Some(progress) = progress {
                    progress.waiting();
                }
            }
            std::thread::sleep(LOCK_POLL);
        }
    }

    fn try_acquire(dir: &Path) -> Result<Option<DirLock>> {
        let path = dir.join(LOCK_FILE);
        let file = open_lock_file(&path).map_err(|e| Error::io(&path, e))?;
        match fs4::fs_std::FileExt::try_lock_exclusive(&file) {
            Ok(true) => {}
            Ok(false) => return Ok(None),
            Err(e) if e.kind() == ErrorKind::WouldBlock => return Ok(None),
            Err(e) => return Err(Error::io(&path, e)),
        }
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let beat = file.try_clone().ok().map(|beat_file| {
            let stop = stop.clone();
            std::thread::spawn(move || {
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let _ = beat_file.set_modified(SystemTime::now());
                    std::thread::park_timeout(HEARTBEAT);
                }
            })
        });
        Ok(Some(DirLock {
            _file: file,
            stop,
            beat,
        }))
    }
}

/// The lock file's mtime: the holder's heartbeat.
fn lock_beat(dir: &Path) -> Option<SystemTime> {
    std::fs::symlink_metadata(dir.join(LOCK_FILE))
        .ok()?
        .modified()
        .ok()
}

/// A note found on disk, with what `stat` said.
#[derive(Debug, Clone)]
struct Scanned {
    file: NoteFile,
    size: u64,
    mtime: u64,
}

/// The notes on disk, and what is said of links leaving the vault.
fn scan(settings: &VaultSettings) -> (Vec<Scanned>, Vec<String>) {
    let walked = walk_notes(&settings.root, &settings.exclude, settings.follow_links);
    let outside = walked
        .outside
        .iter()
        .map(|rel| crate::vault::outside_notice(rel))
        .collect();
    crate::vault::walk::stat_all(&walked.files);
    let scanned = walked
        .files
        .into_par_iter()
        .filter_map(|file| {
            // A note that vanished since the walk is simply not there.
            let FileStat {
                found, size, mtime, ..
            } = file.stat();
            found.then_some(Scanned { file, size, mtime })
        })
        .collect::<Vec<Scanned>>();
    // Compared with the manifest as two lists in path order.
    let mut scanned = scanned;
    if !scanned.windows(2).all(|w| w[0].file.rel < w[1].file.rel) {
        scanned.par_sort_unstable_by(|a, b| a.file.rel.cmp(&b.file.rel));
    }
    (scanned, outside)
}

/// A note's bytes and their xxh3. A note too large to read has no bytes
/// and its size stands in for its content; an unreadable one hashes to
/// 0, which never matches, so it is tried again. Err holds why it could
/// not be read, as the note's `unreadable-note` problem says.
fn note_bytes(scanned: &Scanned) -> (u64, std::result::Result<Vec<u8>, String>) {
    if scanned.size > MAX_NOTE_BYTES {
        return (
            scanned.size ^ 0x5eed,
            Err(format!(
                "note is too large to read (the limit is {} MiB)",
                MAX_NOTE_BYTES / (1024 * 1024)
            )),
        );
    }
    // Opened without waiting on a FIFO, read within the size limit.
    let read = crate::vault::walk::open_regular(&scanned.file.abs)
        .and_then(|(file, size)| crate::vault::walk::read_bounded(file, size, MAX_NOTE_BYTES));
    match read {
        Ok(bytes) => (xxhash_rust::xxh3::xxh3_64(&bytes), Ok(bytes)),
        Err(e) => (0, Err(e.to_string())),
    }
}

/// The hash [`read_note`] would give, without keeping the text:
/// deciding what changed must not hold a whole vault.
fn hash_note(scanned: &Scanned) -> u64 {
    note_bytes(scanned).0
}

/// A note read once and parsed: its hash, its text as snippets and
/// line ranges see it, and what the vault reader made of it.
struct Read {
    hash: u64,
    text: String,
    parsed: Parsed,
    /// The note changed while it was read: recorded so that the next
    /// sync reads it again.
    moved: bool,
}

fn read_note(scanned: &Scanned, settings: &VaultSettings) -> Read {
    let (hash, bytes) = note_bytes(scanned);
    let text = bytes
        .as_ref()
        .map(|b| normalize(String::from_utf8_lossy(b).into_owned()))
        .unwrap_or_default();
    let parsed = Parsed::new(&scanned.file.rel, bytes, settings, KEEP_TEXT);
    let moved = stat(&scanned.file.abs) != Some((scanned.size, scanned.mtime));
    Read {
        hash,
        text,
        parsed,
        moved,
    }
}

const KEEP_TEXT: LoadOptions = LoadOptions {
    keep_text: true,
    cache: false,
};

/// What changed since the manifest was written.
#[derive(Default)]
struct Diff {
    /// Indexes into the scan of the notes to read and index again.
    changed: Vec<usize>,
    /// Notes whose mtime moved but whose bytes did not: only their
    /// manifest entry is updated.
    touched: Vec<usize>,
    removed: Vec<String>,
    /// Notes hashed only because they were written close to the last
    /// sync, found unchanged: a manifest written now no longer needs to
    /// hash them.
    racy: usize,
}

impl Diff {
    /// Both lists are in path order (the scan is sorted, the manifest
    /// is a `BTreeMap`): one merge pairs each note with its entry.
    fn compute(scan: &[Scanned], manifest: &Manifest) -> Diff {
        let mut removed = Vec::new();
        let mut pairs: Vec<(usize, Option<&Entry>)> = Vec::with_capacity(scan.len());
        let mut entries = manifest.notes.iter().peekable();
        for (i, s) in scan.iter().enumerate() {
            while let Some((path, _)) =
                entries.next_if(|(path, _)| path.as_str() < s.file.rel.as_str())
            {
                removed.push(path.clone());
            }
            let entry = entries
                .next_if(|(path, _)| path.as_str() == s.file.rel.as_str())
                .map(|(_, entry)| entry);
            pairs.push((i, entry));
        }
        removed.extend(entries.map(|(path, _)| path.clone()));
        // Per note: None unchanged, Some(true) changed, Some(false) touched
        // (same bytes, new mtime); racy entries that hold count as None.
        let checked: Vec<(usize, Option<Option<bool>>)> = pairs
            .into_par_iter()
            .filter_map(|(i, entry)| {
                let s = &scan[i];
                let Some(entry) = entry else {
                    return Some((i, Some(Some(true))));
                };
                let same_stat = entry.size == s.size && entry.mtime == s.mtime;
                let racy = entry.mtime.saturating_add(RACY_NANOS) >= manifest.synced_at;
                if same_stat && !racy && entry.hash != 0 {
                    return None;
                }
                if hash_note(s) == entry.hash && entry.hash != 0 {
                    // Same bytes: a touch, or a racy entry that holds.
                    return Some((i, if same_stat { None } else { Some(Some(false)) }));
                }
                Some((i, Some(Some(true))))
            })
            .collect();
        let mut diff = Diff {
            removed,
            ..Diff::default()
        };
        for (i, read) in checked {
            match read {
                Some(Some(true)) => diff.changed.push(i),
                Some(Some(false)) => diff.touched.push(i),
                _ => diff.racy += 1,
            }
        }
        diff
    }

    fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.touched.is_empty() && self.removed.is_empty()
    }
}

/// One index generation, open.
struct Generation {
    path: PathBuf,
    index: Index,
    /// Opened with the generation: opening every segment is what finds
    /// a segment file missing or cut short. Reloaded after a sync.
    reader: IndexReader,
    fields: Fields,
    manifest: Manifest,
    /// What the manifest file looked like when read.
    stamp: Option<Stamp>,
}

/// Size and modification time of a manifest file: if they are the same
/// after taking the lock, no one synced in between.
type Stamp = (u64, SystemTime);

fn stamp_of(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path.join(FILE_NAME)).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// Whether `generation` is still the current one, its manifest untouched.
fn still_current(dir: &Path, generation: &Generation) -> bool {
    let current = read_current(dir).unwrap_or_default();
    generation.stamp.is_some()
        && dir.join(current.trim()) == generation.path
        && stamp_of(&generation.path) == generation.stamp
}

/// The name of the current generation, as `CURRENT` holds it.
fn read_current(dir: &Path) -> std::io::Result<String> {
    let bytes = read_state_file(&dir.join(CURRENT), MAX_SMALL_BYTES)?;
    String::from_utf8(bytes).map_err(|e| std::io::Error::new(ErrorKind::InvalidData, e))
}

/// The state of an index directory.
enum State {
    /// No index yet.
    Missing,
    /// There is one, but it cannot be opened.
    Broken(String),
    /// There is one, written with another schema: rebuilt, no warning.
    Outdated,
    /// There is one, but vaultnet did not make it in this folder (a
    /// `.vaultnet/` cloned with the vault, copied or planted): rebuilt,
    /// never opened, no warning.
    Foreign,
    Ready(Box<Generation>),
}

fn open_current(dir: &Path) -> State {
    // A reader can race a rebuild that swaps generations and deletes the
    // old one; looking again finds the new one.
    let mut last = State::Missing;
    for _ in 0..3 {
        let name = match read_current(dir) {
            Ok(name) => name.trim().to_string(),
            Err(e) if e.kind() == ErrorKind::NotFound => return State::Missing,
            Err(e) => return State::Broken(format!("cannot read {CURRENT}: {e}")),
        };
        if !is_generation_name(&name) {
            return State::Broken(format!("{CURRENT} names no index generation"));
        }
        match open_generation(&dir.join(&name)) {
            Ok(generation) => return State::Ready(Box::new(generation)),
            Err(state) => last = state,
        }
        let again = read_current(dir).unwrap_or_default();
        if again.trim() == name {
            break;
        }
    }
    last
}

/// Runs `work`, which drives the search library over an index that may
/// be damaged or planted; a panic in it becomes Err. The panic message
/// is kept off the error stream: the caller rebuilds and says so.
pub(crate) fn guarded<T>(work: impl FnOnce() -> T) -> std::result::Result<T, String> {
    thread_local! {
        static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    static HOOK: std::sync::Once = std::sync::Once::new();
    // One hook for the whole process, installed once, silent only on a
    // thread inside `guarded`: swapping hooks per call would race.
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    let outer = GUARDED.with(|g| g.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
    GUARDED.with(|g| g.set(outer));
    result.map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(ToString::to_string)
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!(
            "the search library failed on it: {}",
            what.chars().take(200).collect::<String>()
        )
    })
}

/// Whether the generation at `path` can be handed to the search
/// library. It may come from someone else's `.vaultnet/`: it must be a
/// real folder holding only regular files, and the library's own list
/// of the files it manages (`.managed.json`, whose entries its garbage
/// collector deletes) must name only files inside it.
fn check_generation(path: &Path) -> std::result::Result<(), String> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_dir() {
        return Err("the index generation is not a folder".into());
    }
    for entry in std::fs::read_dir(path).map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            return Err(format!(
                "the index holds {:?}, which is not a regular file",
                entry.file_name()
            ));
        }
    }
    let managed = match read_state_file(&path.join(".managed.json"), MAX_SMALL_BYTES) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(format!("cannot read .managed.json: {e}")),
    };
    let names: Vec<String> =
        serde_json::from_slice(&managed).map_err(|e| format!(".managed.json is damaged: {e}"))?;
    let plain = |name: &String| {
        !name.is_empty() && name != ".." && name != "." && !name.contains(['/', '\\', '\0', ':'])
    };
    if !names.iter().all(plain) {
        return Err(".managed.json names files outside the index".into());
    }
    if read_state_file(&path.join("meta.json"), MAX_MANIFEST_BYTES)
        .is_err_and(|e| e.kind() != ErrorKind::NotFound)
    {
        return Err("meta.json is not a regular file of a sane size".into());
    }
    Ok(())
}

fn is_generation_name(name: &str) -> bool {
    name.strip_prefix("gen-")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

fn open_generation(path: &Path) -> std::result::Result<Generation, State> {
    check_generation(path).map_err(State::Broken)?;
    if let Some(mark) = crate::state::origin_mark(path) {
        let found = read_state_file(&path.join(ORIGIN), MAX_SMALL_BYTES).unwrap_or_default();
        if found != mark.as_bytes() {
            return Err(State::Foreign);
        }
    }
    // The manifest first: an index of another schema is not broken, just
    // old, and may not even have the fields this version expects.
    let stamp = stamp_of(path);
    let manifest = Manifest::read(&path.join(FILE_NAME)).map_err(|why| match why {
        Unusable::Outdated => State::Outdated,
        Unusable::Damaged(why) => State::Broken(why),
    })?;
    if manifest.schema != SCHEMA_VERSION {
        return Err(State::Outdated);
    }
    // A damaged segment can make the search library panic: that is a
    // broken index, rebuilt, not a crash.
    let (index, fields, reader) = guarded(|| {
        let index = Index::open_in_dir(path).map_err(|e| e.to_string())?;
        register_analyzer(&index);
        let fields = Fields::of(&index.schema())?;
        let reader: IndexReader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e: TantivyError| e.to_string())?;
        Ok::<_, String>((index, fields, reader))
    })
    .map_err(State::Broken)?
    .map_err(State::Broken)?;
    Ok(Generation {
        path: path.to_path_buf(),
        index,
        reader,
        fields,
        manifest,
        stamp,
    })
}

/// What the notes were read with: an index read with other settings
/// (config, vaultnet version) is rebuilt.
fn settings_fingerprint(settings: &VaultSettings) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.update(&SCHEMA_VERSION.to_le_bytes());
    hasher.update(&settings.config_fingerprint().to_le_bytes());
    hasher.digest()
}

fn canonical_root(settings: &VaultSettings) -> String {
    std::fs::canonicalize(&settings.root)
        .unwrap_or_else(|_| settings.root.clone())
        .to_string_lossy()
        .into_owned()
}

/// Why a usable generation must still be rebuilt, if it must.
fn stale_reason(manifest: &Manifest, root: &str, fingerprint: u64) -> Option<String> {
    if manifest.schema != SCHEMA_VERSION {
        Some("the index was written by another version of vaultnet".into())
    } else if manifest.root != root {
        Some(format!(
            "the index was built for another vault ({})",
            manifest.root
        ))
    } else if manifest.settings != fingerprint {
        Some("the configuration or vaultnet version changed".into())
    } else {
        None
    }
}

/// Brings the index of a vault in step with its notes and opens it. A
/// panic inside the search library (a damaged or planted index) means
/// the index is rebuilt from the notes, with a warning.
pub fn sync(
    settings: &VaultSettings,
    location: &IndexLocation,
    options: SyncOptions<'_>,
) -> Result<(SyncReport, SearchIndex)> {
    let why = match guarded(|| sync_once(settings, location, options)) {
        Ok(result) => return result,
        Err(why) => why,
    };
    let rebuild = SyncOptions {
        rebuild: true,
        ..options
    };
    let (mut report, index) =
        guarded(|| sync_once(settings, location, rebuild)).map_err(|message| Error::Index {
            path: location.dir.clone(),
            message,
        })??;
    report
        .warnings
        .push(format!("the index could not be used ({why}); rebuilt it"));
    Ok((report, index))
}

fn sync_once(
    settings: &VaultSettings,
    location: &IndexLocation,
    options: SyncOptions<'_>,
) -> Result<(SyncReport, SearchIndex)> {
    let started = Instant::now();
    let dir = &location.dir;
    let root = canonical_root(settings);
    let fingerprint = settings_fingerprint(settings);
    let mut report = SyncReport {
        seen: 0,
        changed: 0,
        removed: 0,
        reresolved: 0,
        documents: 0,
        rebuilt: None,
        warnings: Vec::new(),
        notices: Vec::new(),
        elapsed: Duration::ZERO,
        dir: dir.clone(),
    };

    // Most runs change nothing: answer without taking the lock.
    let mut held = None;
    let mut prepared = None;
    if !options.rebuild {
        // Opening the index (reading its manifest) and looking at the
        // notes are independent: do both at once.
        let scanned_at = nanos(Some(SystemTime::now()));
        let (current, (scan, outside)) = rayon::join(|| open_current(dir), || scan(settings));
        report.notices = outside;
        if let State::Ready(generation) = current {
            if stale_reason(&generation.manifest, &root, fingerprint).is_none() {
                let diff = Diff::compute(&scan, &generation.manifest);
                if diff.is_empty() {
                    // Notes written just before the last sync are hashed
                    // on every run until a newer manifest vouches for
                    // them; write one if no one else is writing.
                    let settled = generation.manifest.synced_at.saturating_add(RACY_NANOS);
                    if diff.racy > 0 && scanned_at > settled {
                        held = DirLock::try_acquire(dir)?;
                    }
                    if held.is_none() {
                        report.seen = scan.len();
                        return finish(report, *generation, settings, started);
                    }
                }
                prepared = Some((generation, scan, scanned_at, diff));
            }
        }
    }

    let _lock = match held {
        Some(lock) => lock,
        None => DirLock::acquire(dir, options.progress)?,
    };
    if let Some((generation, scan, scanned_at, diff)) = prepared {
        // No one synced while this process waited: what it saw holds.
        if still_current(dir, &generation) {
            report.seen = scan.len();
            let generation = update(
                *generation,
                &scan,
                (scanned_at, diff),
                settings,
                options,
                &mut report,
            )?;
            return finish(report, generation, settings, started);
        }
    }
    // Look again under the lock: another process may have synced.
    let scanned_at = nanos(Some(SystemTime::now()));
    let (scan, outside) = scan(settings);
    report.notices = outside;
    report.seen = scan.len();
    let reason = if options.rebuild {
        Some("asked to rebuild".to_string())
    } else {
        match open_current(dir) {
            State::Missing => Some("there was no index yet".to_string()),
            State::Foreign => Some("the index was not built here by vaultnet".to_string()),
            State::Outdated => {
                Some("the index was written by another version of vaultnet".to_string())
            }
            State::Broken(message) => {
                report.warnings.push(format!(
                    "the index could not be opened ({message}); rebuilding it"
                ));
                Some(format!("the index could not be opened ({message})"))
            }
            State::Ready(generation) => {
                if let Some(reason) = stale_reason(&generation.manifest, &root, fingerprint) {
                    Some(reason)
                } else {
                    let diff = Diff::compute(&scan, &generation.manifest);
                    let generation = update(
                        *generation,
                        &scan,
                        (scanned_at, diff),
                        settings,
                        options,
                        &mut report,
                    )?;
                    return finish(report, generation, settings, started);
                }
            }
        }
    };
    let identity = Identity {
        root,
        fingerprint,
        scanned_at,
    };
    let generation = rebuild(dir, &scan, &identity, settings, options, &mut report)?;
    report.rebuilt = reason;
    finish(report, generation, settings, started)
}

fn finish(
    mut report: SyncReport,
    generation: Generation,
    settings: &VaultSettings,
    started: Instant,
) -> Result<(SyncReport, SearchIndex)> {
    let reader = generation.reader;
    reader
        .reload()
        .map_err(|e| index_error(&generation.path, &e))?;
    report.documents = reader.searcher().num_docs();
    report.elapsed = started.elapsed();
    let people = generation
        .manifest
        .notes
        .into_iter()
        .filter_map(|(path, entry)| entry.person.map(|p| (path, p)))
        .collect();
    Ok((
        report,
        SearchIndex {
            reader,
            fields: generation.fields,
            root: settings.root.clone(),
            follow_links: settings.follow_links,
            people,
        },
    ))
}

fn index_error(path: &Path, error: &TantivyError) -> Error {
    Error::Index {
        path: path.to_path_buf(),
        message: error.to_string(),
    }
}

/// An incremental sync of an open generation, under the lock.
fn update(
    mut generation: Generation,
    scan: &[Scanned],
    (scanned_at, diff): (u64, Diff),
    settings: &VaultSettings,
    options: SyncOptions<'_>,
    report: &mut SyncReport,
) -> Result<Generation> {
    if diff.is_empty() && diff.racy == 0 {
        return Ok(generation);
    }
    report.changed = diff.changed.len();
    report.removed = diff.removed.len();
    let old = generation.manifest.clone();
    let mut manifest = generation.manifest.clone();
    manifest.synced_at = scanned_at;
    for path in &diff.removed {
        manifest.notes.remove(path);
    }
    for &i in &diff.touched {
        if let Some(entry) = manifest.notes.get_mut(&scan[i].file.rel) {
            entry.size = scan[i].size;
            entry.mtime = scan[i].mtime;
        }
    }
    if !diff.changed.is_empty() || !diff.removed.is_empty() {
        let threads = if diff.changed.len() > 2 * CHUNK {
            writer_threads()
        } else {
            1
        };
        let mut writer = open_writer(&generation.index, &generation.path, threads)?;
        for path in &diff.removed {
            writer.delete_term(Term::from_field_text(generation.fields.path, path));
        }
        let job = Job {
            writer: &writer,
            fields: &generation.fields,
            settings,
            progress: options.progress,
            delete_first: true,
        };
        report.reresolved = job.index(scan, &diff.changed, &old, &mut manifest)?;
        commit(&mut writer, &generation.path)?;
        writer
            .wait_merging_threads()
            .map_err(|e| index_error(&generation.path, &e))?;
    }
    manifest
        .write(&generation.path.join(FILE_NAME))
        .map_err(|e| Error::io(generation.path.join(FILE_NAME), e))?;
    generation.manifest = manifest;
    Ok(generation)
}

/// A full build in a new generation, swapped in when committed.
/// What a new manifest records about the vault and the scan.
struct Identity {
    root: String,
    fingerprint: u64,
    /// When the files were looked at.
    scanned_at: u64,
}

fn rebuild(
    dir: &Path,
    scan: &[Scanned],
    identity: &Identity,
    settings: &VaultSettings,
    options: SyncOptions<'_>,
    report: &mut SyncReport,
) -> Result<Generation> {
    let synced_at = identity.scanned_at;
    let build = dir.join(format!("build-{}-{synced_at}", std::process::id()));
    private_subdir(&build).map_err(|e| Error::io(&build, e))?;
    let result = (|| {
        let index =
            Index::create_in_dir(&build, build_schema()).map_err(|e| index_error(&build, &e))?;
        register_analyzer(&index);
        let fields = Fields::of(&index.schema()).map_err(|message| Error::Index {
            path: build.clone(),
            message,
        })?;
        let every: Vec<usize> = (0..scan.len()).collect();
        report.changed = every.len();
        let empty = Manifest {
            schema: SCHEMA_VERSION,
            root: identity.root.clone(),
            settings: identity.fingerprint,
            synced_at,
            notes: std::collections::BTreeMap::new(),
        };
        let mut manifest = empty.clone();
        let mut writer = open_writer(&index, &build, writer_threads())?;
        let job = Job {
            writer: &writer,
            fields: &fields,
            settings,
            progress: options.progress,
            delete_first: false,
        };
        job.index(scan, &every, &empty, &mut manifest)?;
        commit(&mut writer, &build)?;
        writer
            .wait_merging_threads()
            .map_err(|e| index_error(&build, &e))?;
        manifest
            .write(&build.join(FILE_NAME))
            .map_err(|e| Error::io(build.join(FILE_NAME), e))?;
        Ok::<_, Error>(())
    })();
    if let Err(error) = result {
        let _ = std::fs::remove_dir_all(&build);
        return Err(error);
    }
    let name = format!("gen-{}", next_generation(dir));
    let path = dir.join(&name);
    // Marked for the path it is about to take.
    let marked = crate::state::origin_mark(&dir.join(&name)).map_or(Ok(()), |mark| {
        write_state_file(&build.join(ORIGIN), mark.as_bytes())
    });
    if let Err(e) = marked {
        let _ = std::fs::remove_dir_all(&build);
        return Err(Error::io(build.join(ORIGIN), e));
    }
    std::fs::rename(&build, &path).map_err(|e| Error::io(&path, e))?;
    write_state_file(&dir.join(CURRENT), format!("{name}\n").as_bytes())
        .map_err(|e| Error::io(dir.join(CURRENT), e))?;
    remove_old_generations(dir, &name);
    open_generation(&path).map_err(|state| Error::Index {
        message: match state {
            State::Broken(message) => message,
            _ => "the new index could not be opened".to_string(),
        },
        path,
    })
}

fn next_generation(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.strip_prefix("gen-")?.parse::<u64>().ok()
        })
        .max()
        .map_or(1, |n| n + 1)
}

/// Removes every generation but `keep` that vaultnet made here (it
/// carries the mark; one planted or cloned is left alone) and every
/// build of a process that is gone. A reader still using an old
/// generation keeps its open files; a removal that fails (a file in use
/// on Windows) is tried again after the next rebuild.
fn remove_old_generations(dir: &Path, keep: &str) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        // `DirEntry::file_type` does not follow links: a link is left.
        if !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let path = entry.path();
        let old = if is_generation_name(&name) {
            name != keep && made_here(&path)
        } else if let Some(rest) = name.strip_prefix("build-") {
            let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
            let parts = rest.split('-').count() == 2
                && rest.bytes().all(|b| b.is_ascii_digit() || b == b'-');
            parts
                && pid
                    .is_some_and(|pid| pid != std::process::id() && crate::state::process_gone(pid))
        } else {
            false
        };
        if old {
            let _ = std::fs::remove_dir_all(path);
        }
    }
}

/// Whether the generation at `path` carries vaultnet's mark for it (any
/// generation counts when there is no user key to mark with).
fn made_here(path: &Path) -> bool {
    match crate::state::origin_mark(path) {
        Some(mark) => read_state_file(&path.join(ORIGIN), MAX_SMALL_BYTES)
            .is_ok_and(|found| found == mark.as_bytes()),
        None => true,
    }
}

fn writer_threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        // tantivy takes at most 8 indexing threads.
        .clamp(1, 8)
}

/// Opens a writer; a writer lock held elsewhere (a vaultnet without the
/// directory lock, say) is waited for, never broken.
fn open_writer(index: &Index, path: &Path, threads: usize) -> Result<IndexWriter> {
    let deadline = Instant::now() + LOCK_WAIT;
    loop {
        match index.writer_with_num_threads(threads, threads * THREAD_BUDGET) {
            Ok(writer) => return Ok(writer),
            Err(TantivyError::LockFailure(LockError::LockBusy, _)) if Instant::now() < deadline => {
                std::thread::sleep(LOCK_POLL);
            }
            Err(e) => return Err(index_error(path, &e)),
        }
    }
}

fn commit(writer: &mut IndexWriter, path: &Path) -> Result<()> {
    writer.commit().map(drop).map_err(|e| index_error(path, &e))
}

/// Re-reading notes into a writer.
struct Job<'a> {
    writer: &'a IndexWriter,
    fields: &'a Fields,
    settings: &'a VaultSettings,
    progress: Option<&'a dyn Progress>,
    /// Delete the documents of a note before adding its new ones (not
    /// needed in a fresh index).
    delete_first: bool,
}

/// Text of journal notes held, parsed, until every person is known;
/// journals past it are read again at the end instead.
const JOURNAL_BUDGET: usize = 64 * 1024 * 1024;

/// Journals read so far, held parsed until every person is known, and
/// those past [`JOURNAL_BUDGET`], to be read again.
#[derive(Default)]
struct Held {
    journals: Vec<(String, String, Parsed)>,
    journal_paths: Vec<String>,
    /// Bytes of text in `journals`.
    bytes: usize,
}

impl Job<'_> {
    /// Reads `changed` notes once each and records them in `manifest`.
    /// Returns how many other notes were re-read to resolve names again.
    ///
    /// Journal mentions need every person's names, so journals are
    /// joined last, against the people of the new manifest: the journals
    /// that changed, and the unchanged ones whose table of mentions
    /// holds a name that a person added, removed or renamed had or has
    /// now — nothing else can resolve differently.
    fn index(
        &self,
        scan: &[Scanned],
        changed: &[usize],
        old: &Manifest,
        manifest: &mut Manifest,
    ) -> Result<usize> {
        let changed_paths: HashSet<&str> =
            changed.iter().map(|i| scan[*i].file.rel.as_str()).collect();
        if let Some(progress) = self.progress {
            progress.start(changed.len() as u64);
        }
        let mut held = Held::default();
        let read_chunk = |chunk: &[usize]| -> Vec<(usize, Read)> {
            chunk
                .par_iter()
                .map(|&i| (i, read_note(&scan[i], self.settings)))
                .collect()
        };
        // A pipeline of chunks: the next chunk is read and parsed while
        // this one is joined and handed to the writer (whose own threads
        // index the one before); at most two chunks' text is held.
        let mut chunks = changed.chunks(CHUNK);
        let mut next = chunks.next().map(read_chunk);
        while let Some(read) = next.take() {
            let following = chunks.next();
            let count = read.len() as u64;
            let (ahead, taken) = rayon::join(
                || following.map(read_chunk),
                || self.take_chunk(scan, read, manifest, &mut held),
            );
            taken?;
            if let Some(progress) = self.progress {
                progress.advance(count);
            }
            next = ahead;
        }
        let Held {
            journals,
            mut journal_paths,
            ..
        } = held;
        let affected = affected_journals(old, manifest, &changed_paths);
        let reresolved = affected.len();
        journal_paths.extend(affected);
        if !journals.is_empty() || !journal_paths.is_empty() {
            self.join_journals(journals, &journal_paths, manifest)?;
        }
        if let Some(progress) = self.progress {
            progress.finish();
        }
        Ok(reresolved)
    }

    /// Records a chunk of notes read in `manifest` and indexes its
    /// person and other notes; its journals are kept in `held` (or their
    /// paths, past the budget) until every person is known.
    fn take_chunk(
        &self,
        scan: &[Scanned],
        read: Vec<(usize, Read)>,
        manifest: &mut Manifest,
        held: &mut Held,
    ) -> Result<()> {
        let mut parsed = Vec::with_capacity(read.len());
        let mut texts = HashMap::with_capacity(read.len());
        let mut stats = HashMap::with_capacity(read.len());
        for (i, read) in read {
            let s = &scan[i];
            let entry = Entry {
                size: s.size,
                mtime: if read.moved { 0 } else { s.mtime },
                hash: if read.moved { 0 } else { read.hash },
                kind: EntryKind::Unreadable,
                person: None,
                mentions: Vec::new(),
            };
            if read.parsed.is_journal() {
                let mut mentions: Vec<String> =
                    read.parsed.mention_targets().map(str::to_string).collect();
                mentions.sort_unstable();
                mentions.dedup();
                let entry = Entry {
                    kind: EntryKind::Journal,
                    mentions,
                    ..entry
                };
                manifest.notes.insert(s.file.rel.clone(), entry);
                if held.bytes + read.text.len() <= JOURNAL_BUDGET {
                    held.bytes += read.text.len();
                    held.journals
                        .push((s.file.rel.clone(), read.text, read.parsed));
                } else {
                    held.journal_paths.push(s.file.rel.clone());
                }
                continue;
            }
            stats.insert(s.file.rel.as_str(), entry);
            texts.insert(s.file.rel.clone(), read.text);
            parsed.push(read.parsed);
        }
        let vault = Parsed::join(self.settings, parsed, Vec::new(), KEEP_TEXT);
        for note in &vault.notes {
            if let Some(entry) = stats.remove(note.path.as_str()) {
                let (kind, person) = entry_kind(&vault, note);
                manifest.notes.insert(
                    note.path.clone(),
                    Entry {
                        kind,
                        person,
                        ..entry
                    },
                );
            }
        }
        // A note the reader dropped stays on record as unreadable.
        for (path, entry) in stats {
            manifest.notes.insert(path.to_string(), entry);
        }
        self.add_only(&vault, &texts, self.delete_first)
    }

    /// Indexes journal notes against every person of `manifest`: those
    /// already parsed, then those at `paths`, read now. Names are
    /// resolved once: each chunk is joined with the stand-ins of only
    /// the people its mentions name (resolution against them is the
    /// same as against everyone, since it takes the first person in
    /// path order that a name form matches).
    fn join_journals(
        &self,
        parsed: Vec<(String, String, Parsed)>,
        paths: &[String],
        manifest: &Manifest,
    ) -> Result<()> {
        let people: Vec<Person> = manifest.known_people().collect();
        let names = NameIndex::new(&people);
        let join = |batch: Vec<(String, String, Parsed)>| -> Result<()> {
            let mut who: Vec<usize> = batch
                .iter()
                .flat_map(|(_, _, p)| p.mention_targets())
                .filter_map(|target| names.resolve(target))
                .collect();
            who.sort_unstable();
            who.dedup();
            let known = who.into_iter().map(|i| people[i].clone()).collect();
            let mut texts = HashMap::with_capacity(batch.len());
            let mut notes = Vec::with_capacity(batch.len());
            for (path, text, parsed) in batch {
                texts.insert(path, text);
                notes.push(parsed);
            }
            let vault = Parsed::join(self.settings, notes, known, KEEP_TEXT);
            self.add_only(&vault, &texts, self.delete_first)
        };
        let mut parsed = parsed;
        while !parsed.is_empty() {
            let rest = parsed.split_off(parsed.len().min(CHUNK));
            join(std::mem::replace(&mut parsed, rest))?;
        }
        for chunk in paths.chunks(CHUNK) {
            let batch = chunk
                .par_iter()
                .map(|rel| {
                    let abs = crate::vault::walk::note_path(&self.settings.root, rel);
                    let file = NoteFile::new(abs, rel.clone());
                    let FileStat { size, mtime, .. } = file.stat();
                    let scanned = Scanned { file, size, mtime };
                    let read = read_note(&scanned, self.settings);
                    (rel.clone(), read.text, read.parsed)
                })
                .collect();
            join(batch)?;
        }
        Ok(())
    }

    /// Adds the documents of the notes of `vault`, deleting their old
    /// ones first when `delete` is set.
    fn add_only(&self, vault: &Vault, texts: &HashMap<String, String>, delete: bool) -> Result<()> {
        for (path, docs) in documents(vault, texts, self.fields) {
            if delete {
                self.writer
                    .delete_term(Term::from_field_text(self.fields.path, &path));
            }
            for doc in docs {
                add(self.writer, doc)?;
            }
        }
        Ok(())
    }
}

/// The unchanged journal notes of `new` whose mentions could resolve
/// differently than when they were indexed: a mention resolves to
/// another person only if the person it named or now names is one whose
/// names changed (added, removed, renamed, owner or not). Each mention
/// recorded in the table is looked up among just those people, as they
/// were and as they are.
fn affected_journals(old: &Manifest, new: &Manifest, changed: &HashSet<&str>) -> Vec<String> {
    // A build from scratch reads every journal anyway.
    if changed.len() == new.notes.len() {
        return Vec::new();
    }
    let before = old.people();
    let after = new.people();
    let gone: Vec<Person> = before
        .iter()
        .filter(|(path, names)| after.get(*path) != Some(names))
        .map(|(path, names)| names.to_person(path))
        .collect();
    let came: Vec<Person> = after
        .iter()
        .filter(|(path, names)| before.get(*path) != Some(names))
        .map(|(path, names)| names.to_person(path))
        .collect();
    if gone.is_empty() && came.is_empty() {
        return Vec::new();
    }
    let (gone, came) = (NameIndex::new(&gone), NameIndex::new(&came));
    new.notes
        .par_iter()
        .filter(|(path, entry)| {
            entry.kind == EntryKind::Journal
                && !changed.contains(path.as_str())
                && entry
                    .mentions
                    .iter()
                    .any(|m| gone.resolve(m).is_some() || came.resolve(m).is_some())
        })
        .map(|(path, _)| path.clone())
        .collect()
}

fn add(writer: &IndexWriter, doc: TantivyDocument) -> Result<()> {
    writer
        .add_document(doc)
        .map(drop)
        .map_err(|e| Error::Index {
            path: PathBuf::new(),
            message: e.to_string(),
        })
}

fn entry_kind(vault: &Vault, note: &crate::model::Note) -> (EntryKind, Option<PersonNames>) {
    match note.kind {
        NoteKind::Person(i) => (EntryKind::Person, vault.people.get(i).map(PersonNames::of)),
        NoteKind::Journal { .. } => (EntryKind::Journal, None),
        NoteKind::Template => (EntryKind::Template, None),
        NoteKind::Other
            if note
                .problems
                .iter()
                .any(|p| p.kind == ProblemKind::UnreadableNote) =>
        {
            (EntryKind::Unreadable, None)
        }
        NoteKind::Other => (EntryKind::Other, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn scanned(dir: &Path, rel: &str, text: &str) -> Scanned {
        let abs = dir.join(rel);
        std::fs::write(&abs, text).unwrap();
        let (size, mtime) = stat(&abs).unwrap();
        Scanned {
            file: NoteFile::new(abs, rel.to_string()),
            size,
            mtime,
        }
    }

    fn entry(s: &Scanned, hash: u64) -> Entry {
        Entry {
            size: s.size,
            mtime: s.mtime,
            hash,
            kind: EntryKind::Other,
            person: None,
            mentions: Vec::new(),
        }
    }

    #[test]
    fn diff_tells_changed_touched_racy_and_removed_apart() {
        let dir = tempfile::tempdir().unwrap();
        let same = scanned(dir.path(), "same.md", "same");
        let edited = scanned(dir.path(), "edited.md", "new text");
        let touched = scanned(dir.path(), "touched.md", "touched");
        let added = scanned(dir.path(), "added.md", "added");
        let settings = VaultSettings::defaults(dir.path());
        let hash = |s: &Scanned| {
            assert_eq!(hash_note(s), read_note(s, &settings).hash);
            hash_note(s)
        };
        let mut notes = BTreeMap::new();
        notes.insert("same.md".into(), entry(&same, hash(&same)));
        let mut old_edit = entry(&edited, 1);
        old_edit.size -= 1;
        notes.insert("edited.md".into(), old_edit);
        let mut old_touch = entry(&touched, hash(&touched));
        old_touch.mtime -= 5;
        notes.insert("touched.md".into(), old_touch);
        notes.insert("gone.md".into(), entry(&same, 2));
        let mut manifest = Manifest {
            schema: SCHEMA_VERSION,
            root: String::new(),
            settings: 0,
            synced_at: same.mtime + 3 * RACY_NANOS,
            notes,
        };
        let scan = vec![added, edited, same, touched];
        let diff = Diff::compute(&scan, &manifest);
        let changed: Vec<&str> = diff
            .changed
            .iter()
            .map(|i| scan[*i].file.rel.as_str())
            .collect();
        assert_eq!(changed, ["added.md", "edited.md"]);
        assert_eq!(diff.touched, [3]);
        assert_eq!(diff.removed, ["gone.md"]);
        assert_eq!(diff.racy, 0, "written long before the last sync");
        // Written just before the last sync: hashed again, and it holds.
        manifest.synced_at = scan[2].mtime + 1;
        assert_eq!(Diff::compute(&scan, &manifest).racy, 1);
    }

    #[test]
    fn generation_names_are_checked() {
        assert!(is_generation_name("gen-12"));
        for bad in ["gen-", "gen-1a", "../gen-1", "build-1-2", ""] {
            assert!(!is_generation_name(bad), "{bad}");
        }
    }

    #[test]
    fn the_index_folder_is_made_in_the_vault_with_a_gitignore() {
        let dir = tempfile::tempdir().unwrap();
        let location = locate(dir.path(), None).unwrap();
        assert_eq!(location.dir, dir.path().join(".vaultnet/index"));
        assert!(!location.in_cache);
        assert_eq!(
            std::fs::read_to_string(dir.path().join(".vaultnet/.gitignore")).unwrap(),
            "*\n"
        );
        let explicit = dir.path().join("elsewhere/index");
        assert_eq!(locate(dir.path(), Some(&explicit)).unwrap().dir, explicit);
    }
}
