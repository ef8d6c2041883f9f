//! vaultnet's own files beside a vault, and the one place that decides
//! how far they are trusted (SPEC §6.1).
//!
//! The search index and the cache of parsed notes live in
//! `<vault>/.vaultnet/`, which holds a `.gitignore` of `*` so they are
//! never committed, and is owner-only, since notes about people are
//! private. A vault is often a git repository cloned from someone else,
//! so that folder may have been written by someone else, damaged or
//! planted: everything in it is input from a stranger. Hence:
//!
//! - the folder is used only when it is a real directory (not a link,
//!   nor below one), owned by the current user and not writable by
//!   others; otherwise the state goes to a folder of the user cache
//!   directory named for the vault ([`state_dir`]);
//! - state files are opened with `O_NOFOLLOW` and `O_NONBLOCK` and
//!   checked to be regular files on the opened handle, so a link, FIFO,
//!   device or socket planted there is refused, never followed, never
//!   waited on ([`open_state_file`]);
//! - every read is bounded by a size cap per kind of file
//!   ([`read_state_file`]);
//! - files are written through a temporary with an unpredictable name
//!   made with exclusive creation, then renamed into place (a rename
//!   replaces a planted link instead of writing through it)
//!   ([`write_state_file`]); temporaries a killed run left behind are
//!   removed, and only those ([`clean_temporaries`]);
//! - paths read back from a state file are vault-relative note paths or
//!   nothing ([`is_note_path`]).

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read as _, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Notes modified this close to the run that recorded them are read
/// again before a record of them is trusted: on a file system with
/// coarse timestamps an edit in the same tick keeps the mtime (git's
/// "racily clean" entries). Shared by the index and the cache.
pub const RACY_NANOS: u64 = 2_000_000_000;

/// The largest cache of parsed notes read (about 5 KiB per note of a
/// 100,000-note vault); a larger one is dropped and rebuilt.
pub const MAX_CACHE_BYTES: u64 = 512 * 1024 * 1024;
/// The largest index manifest read.
pub const MAX_MANIFEST_BYTES: u64 = 256 * 1024 * 1024;
/// The largest small state file read (`CURRENT`, `.gitignore`, a
/// tantivy `.managed.json`, …).
pub const MAX_SMALL_BYTES: u64 = 1024 * 1024;

/// How every temporary vaultnet writes starts: [`clean_temporaries`]
/// removes only names of this scheme.
const TEMP_PREFIX: &str = ".vaultnet-tmp-";
/// A temporary older than this is abandoned even if its process id is
/// in use again.
const TEMP_MAX_AGE: Duration = Duration::from_secs(24 * 3600);

/// A time as nanoseconds since the Unix epoch; 0 when unknown.
#[must_use]
pub fn nanos(time: Option<SystemTime>) -> u64 {
    time.and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

/// A note file's size and modification time (nanoseconds), as the
/// index and the cache record them; None when it is gone or is no
/// longer a regular file.
#[must_use]
pub fn stat(path: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(path)
        .ok()
        .filter(std::fs::Metadata::is_file)?;
    Some((meta.len(), nanos(meta.modified().ok())))
}

fn invalid(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.to_string())
}

/// Open options that never follow a link at the last component and
/// never wait on a FIFO or device; files created are owner-only.
fn no_follow() -> OpenOptions {
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
        options.mode(0o600);
    }
    options
}

/// The handle must be a regular file: checked on the handle itself, so
/// nothing can be swapped in between the check and the read.
fn regular(file: File) -> io::Result<(File, Metadata)> {
    let meta = file.metadata()?;
    if meta.is_file() {
        Ok((file, meta))
    } else {
        Err(invalid("not a regular file"))
    }
}

/// Opens one of vaultnet's own files for reading: never through a link,
/// and only a regular file (a FIFO would block, a link to `/dev/zero`
/// would never end).
pub fn open_state_file(path: &Path) -> io::Result<(File, Metadata)> {
    regular(no_follow().read(true).open(path)?)
}

/// Reads one of vaultnet's own files, at most `cap` bytes: a larger one
/// is an error, never read.
pub fn read_state_file(path: &Path, cap: u64) -> io::Result<Vec<u8>> {
    read_state_file_when(path, cap, 0, |_| true).map(Option::unwrap_or_default)
}

/// [`read_state_file`], deciding from the file's first `front` bytes
/// whether to read the rest: None, and the rest left unread, when
/// `wanted` of them says no. A stored answer of another vault state is
/// told by its front, and reading the 30 MB report of 100k people only
/// to drop it was most of the cost of finding it stale.
pub fn read_state_file_when(
    path: &Path,
    cap: u64,
    front: u64,
    wanted: impl FnOnce(&[u8]) -> bool,
) -> io::Result<Option<Vec<u8>>> {
    let (file, meta) = open_state_file(path)?;
    if meta.len() > cap {
        return Err(invalid("too large"));
    }
    let mut bytes = Vec::new();
    // The length may grow after the check: the read is bounded too.
    let mut file = file.take(cap + 1);
    (&mut file).take(front).read_to_end(&mut bytes)?;
    if !wanted(&bytes) {
        return Ok(None);
    }
    bytes.reserve_exact(
        usize::try_from(meta.len())
            .unwrap_or(0)
            .saturating_sub(bytes.len()),
    );
    file.read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(invalid("too large"));
    }
    Ok(Some(bytes))
}

/// Opens (creating it, owner-only) the lock file `path`: never through a
/// link, and only a regular file, so a FIFO planted there cannot hang.
pub fn open_lock_file(path: &Path) -> io::Result<File> {
    no_follow()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .and_then(regular)
        .map(|(file, _)| file)
}

/// Writes `path` atomically: `fill` writes into a temporary of the same
/// folder with an unpredictable name, created exclusively and
/// owner-only, which is then renamed over `path` (replacing whatever is
/// there, a planted link included, without writing through it). The
/// temporary is removed when anything fails.
pub fn write_state_file_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    write_atomically(path, true, fill)
}

/// [`write_state_file_with`] without waiting for the disk, for a cache
/// that ends with a checksum of its bytes: after a crash it may be
/// short or empty, which its reader drops as damaged and rebuilds, so
/// an `fsync` (tens of milliseconds for a large cache) buys nothing.
pub fn write_cache_file_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    write_atomically(path, false, fill)
}

fn write_atomically(
    path: &Path,
    sync: bool,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-{name}.", std::process::id()))
        .tempfile_in(dir)?;
    {
        let mut out = io::BufWriter::new(tmp.as_file());
        fill(&mut out)?;
        out.flush()?;
    }
    if sync {
        tmp.as_file().sync_all()?;
    }
    tmp.persist(path).map(drop).map_err(|e| e.error)
}

/// [`write_state_file_with`] of bytes in memory.
pub fn write_state_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_state_file_with(path, |out| out.write_all(bytes))
}

/// Removes the temporaries a killed vaultnet left in `dir`: only names
/// of vaultnet's scheme, only regular files (never a link, never a
/// folder), only of a process that is gone (or a day old).
pub fn clean_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(TEMP_PREFIX)) else {
            continue;
        };
        // `DirEntry::file_type` does not follow links.
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        let old = entry
            .metadata()
            .ok()
            .and_then(|m| m.modified().ok())
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age > TEMP_MAX_AGE);
        let abandoned = match pid {
            Some(pid) if pid == std::process::id() => false,
            Some(pid) => old || !process_alive(pid),
            None => old,
        };
        if abandoned {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether the process with this id is known to be gone (never on a
/// platform that does not say).
#[must_use]
pub fn process_gone(pid: u32) -> bool {
    !process_alive(pid)
}

/// Whether a process with this id runs; unknown (true) where the
/// platform does not say, so only age removes a temporary there.
fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

/// Whether `rel`, read back from a state file, can name a note of the
/// vault as the walk lists them: relative, `/`-separated, no empty,
/// `.`, `..` or hidden component, no NUL (nor, on Windows, a backslash
/// or colon), ending in `.md`.
#[must_use]
pub fn is_note_path(rel: &str) -> bool {
    // A backslash is a separator on Windows; on Unix it is part of a
    // name (and of the `\xNN` escapes of names that are not UTF-8).
    let bad_char = rel.contains('\0') || (cfg!(windows) && rel.contains(['\\', ':']));
    let plain = rel.split('/').all(|c| !c.is_empty() && !c.starts_with('.'));
    let md = rel.len() > 3 && rel.as_bytes()[rel.len() - 3..].eq_ignore_ascii_case(b".md");
    rel.len() <= 4096 && !bad_char && !rel.starts_with('/') && plain && md
}

/// This user's secret key, kept owner-only in the user cache directory
/// (`vaultnet/key`, made on first use); None when there is no cache
/// directory. It marks what vaultnet itself made: a mark in a cloned
/// `.vaultnet/` cannot be forged without it.
#[must_use]
pub fn user_key() -> Option<[u8; 16]> {
    static KEY: std::sync::OnceLock<Option<[u8; 16]>> = std::sync::OnceLock::new();
    *KEY.get_or_init(|| {
        let dir = dirs::cache_dir()?.join("vaultnet");
        private_dir_all(&dir).ok()?;
        let path = dir.join("key");
        if let Ok(bytes) = read_state_file(&path, 16) {
            return bytes.try_into().ok();
        }
        // Randomness from the standard library's hash seeds (drawn from
        // the operating system), no extra crate needed.
        let mut key = [0u8; 16];
        for half in key.chunks_mut(8) {
            use std::hash::{BuildHasher, Hasher};
            let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
            hasher.write_u128(u128::from(nanos(Some(SystemTime::now()))));
            half.copy_from_slice(&hasher.finish().to_le_bytes());
        }
        let tmp = tempfile::Builder::new()
            .prefix(&format!("{TEMP_PREFIX}{}-key.", std::process::id()))
            .tempfile_in(&dir)
            .ok()?;
        tmp.as_file().write_all(&key).ok()?;
        // Another process may have been quicker: its key holds.
        let _ = tmp.persist_noclobber(&path);
        read_state_file(&path, 16).ok()?.try_into().ok()
    })
}

/// The mark of something vaultnet made at `path`: a keyed hash of the
/// path. None without a user key.
#[must_use]
pub fn origin_mark(path: &Path) -> Option<String> {
    let key = user_key()?;
    // The folder it lies in, canonical: the same before and after the
    // thing at `path` is made or renamed into place.
    let canonical = match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => std::fs::canonicalize(parent)
            .unwrap_or_else(|_| parent.to_path_buf())
            .join(name),
        _ => path.to_path_buf(),
    };
    let mut hasher = xxhash_rust::xxh3::Xxh3::with_secret(expand(&key));
    hasher.update(canonical.as_os_str().as_encoded_bytes());
    Some(format!("{:032x}\n", hasher.digest128()))
}

/// A secret of the length xxh3 needs, from the 16-byte key.
fn expand(key: &[u8; 16]) -> [u8; 192] {
    let mut secret = [0u8; 192];
    for (i, chunk) in secret.chunks_mut(16).enumerate() {
        let block = xxhash_rust::xxh3::xxh3_128_with_seed(key, i as u64);
        chunk.copy_from_slice(&block.to_le_bytes());
    }
    secret
}

/// The user id files this process creates are owned by.
#[cfg(unix)]
fn current_uid() -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    static UID: std::sync::OnceLock<Option<u32>> = std::sync::OnceLock::new();
    // A file just made is owned by the effective user: no unsafe call
    // to geteuid needed.
    *UID.get_or_init(|| {
        tempfile::tempfile()
            .and_then(|f| f.metadata())
            .ok()
            .map(|m| m.uid())
    })
}

/// Why the folder at `path` (as `symlink_metadata` saw it) cannot hold
/// vaultnet's state, if it cannot.
fn distrust(meta: &Metadata) -> Option<&'static str> {
    if meta.file_type().is_symlink() {
        return Some("is a symbolic link");
    }
    if !meta.is_dir() {
        return Some("is not a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if current_uid().is_some_and(|uid| uid != meta.uid()) {
            return Some("belongs to another user");
        }
        if meta.mode() & 0o002 != 0 {
            return Some("is writable by others");
        }
    }
    None
}

/// Makes `dir` (one level) owner-only, or checks that the folder there
/// can be trusted: a real folder, the user's, not writable by others.
/// A folder that is trusted but readable by others is made owner-only.
fn private_dir(dir: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let mut builder = std::fs::DirBuilder::new();
            #[cfg(unix)]
            {
                use std::os::unix::fs::DirBuilderExt;
                builder.mode(0o700);
            }
            match builder.create(dir) {
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
                _ => {}
            }
        }
        Err(e) => return Err(e),
        Ok(_) => {}
    }
    // Looked at again after making it: someone may have been quicker.
    let meta = std::fs::symlink_metadata(dir)?;
    if let Some(why) = distrust(&meta) {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!("{} {why}", dir.display()),
        ));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        }
    }
    Ok(())
}

/// Where a piece of state lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateDir {
    pub dir: PathBuf,
    /// In the user cache directory: the vault was not writable, or its
    /// `.vaultnet` could not be trusted.
    pub in_cache: bool,
    /// Why the vault's own state folder was not trusted, when that is
    /// why it was not used (None when the vault is only not writable).
    pub why: Option<String>,
}

/// `<root>/.vaultnet/<name>` when that folder can be trusted, else
/// `<user cache>/vaultnet/<id>/<name>`, created owner-only. `usable`
/// says whether a folder can be used (written to); Err holds the
/// vault's error when neither place works.
pub fn state_dir(
    root: &Path,
    name: &str,
    usable: impl Fn(&Path) -> io::Result<()>,
) -> Result<StateDir, (PathBuf, io::Error)> {
    let base = root.join(".vaultnet");
    let in_vault = (|| {
        private_dir(&base)?;
        let ignore = base.join(".gitignore");
        if !open_state_file(&ignore).is_ok_and(|(_, m)| m.len() > 0) {
            write_state_file(&ignore, b"*\n")?;
        }
        let dir = base.join(name);
        private_dir(&dir)?;
        usable(&dir)?;
        Ok::<_, io::Error>(dir)
    })();
    let vault_error = match in_vault {
        Ok(dir) => {
            clean_temporaries(&base);
            clean_temporaries(&dir);
            return Ok(StateDir {
                dir,
                in_cache: false,
                why: None,
            });
        }
        Err(e) => e,
    };
    let Some(dir) = user_cache_dir(root, name) else {
        return Err((base, vault_error));
    };
    match private_dir_all(&dir).and_then(|()| usable(&dir)) {
        Ok(()) => {
            clean_temporaries(&dir);
            Ok(StateDir {
                dir,
                in_cache: true,
                // Said only of a folder that is there but not trusted; a
                // vault that cannot be written is the usual case.
                why: vault_error
                    .raw_os_error()
                    .is_none()
                    .then(|| vault_error.to_string()),
            })
        }
        Err(_) => Err((base, vault_error)),
    }
}

/// `<user cache>/vaultnet/<xxh3 of the canonical vault path>/<name>`.
fn user_cache_dir(root: &Path, name: &str) -> Option<PathBuf> {
    let cache = dirs::cache_dir()?;
    let canonical = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let id = xxhash_rust::xxh3::xxh3_64(canonical.as_os_str().as_encoded_bytes());
    Some(cache.join("vaultnet").join(format!("{id:016x}")).join(name))
}

/// Creates `dir` and its parents, owner-only on Unix: for folders the
/// user named (`--index-dir`) or that are the user's own (the user
/// cache directory), and below a trusted state folder.
pub fn private_dir_all(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Makes one folder inside a trusted state folder (an index
/// generation), owner-only; an existing one must be a real folder.
pub fn private_subdir(dir: &Path) -> io::Result<()> {
    private_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn state_files_must_be_regular_files() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        let link = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        if made.is_ok_and(|s| s.success()) {
            assert!(read_state_file(&fifo, 10).is_err());
            assert!(open_lock_file(&fifo).is_err());
        }
        assert!(read_state_file(&link, 10).is_err());
        assert!(open_lock_file(&link).is_err());
        let file = dir.path().join("file");
        std::fs::write(&file, "x").unwrap();
        assert_eq!(read_state_file(&file, 10).unwrap(), b"x");
        // A link to a regular file is not followed either.
        let to_file = dir.path().join("to-file");
        std::os::unix::fs::symlink(&file, &to_file).unwrap();
        assert!(read_state_file(&to_file, 10).is_err());
    }

    #[test]
    fn reads_are_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("big");
        std::fs::write(&file, vec![b'x'; 100]).unwrap();
        assert!(read_state_file(&file, 99).is_err());
        assert_eq!(read_state_file(&file, 100).unwrap().len(), 100);
    }

    #[test]
    fn a_file_whose_front_is_not_wanted_is_not_read_further() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("answer");
        std::fs::write(&file, b"head:rest of it").unwrap();
        let seen = std::cell::RefCell::new(Vec::new());
        let seen = &seen;
        let front = |wanted: bool| {
            move |bytes: &[u8]| {
                seen.borrow_mut().push(bytes.to_vec());
                wanted
            }
        };
        assert_eq!(
            read_state_file_when(&file, 99, 5, front(false)).unwrap(),
            None
        );
        let whole = read_state_file_when(&file, 99, 5, front(true)).unwrap();
        assert_eq!(whole.as_deref(), Some(&b"head:rest of it"[..]));
        // A front longer than the file is the whole file.
        let whole = read_state_file_when(&file, 99, 4096, front(true)).unwrap();
        assert_eq!(whole.as_deref(), Some(&b"head:rest of it"[..]));
        assert_eq!(seen.borrow()[0], b"head:");
        assert_eq!(seen.borrow()[2], b"head:rest of it");
        // The cap holds before the front is looked at.
        assert!(read_state_file_when(&file, 3, 2, front(true)).is_err());
        assert_eq!(seen.borrow().len(), 3);
    }

    #[cfg(unix)]
    #[test]
    fn writes_replace_a_planted_link_instead_of_following_it() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let state = dir.path().join("state");
        std::os::unix::fs::symlink(&victim, &state).unwrap();
        write_state_file(&state, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert!(!std::fs::symlink_metadata(&state)
            .unwrap()
            .file_type()
            .is_symlink());
        let mode = std::fs::metadata(&state).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 2, "no temporary left behind");
    }

    #[cfg(unix)]
    #[test]
    fn only_abandoned_temporaries_of_our_scheme_are_cleaned() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dir
            .path()
            .join(format!("{TEMP_PREFIX}999999999-notes.bin.abc"));
        let live = dir
            .path()
            .join(format!("{TEMP_PREFIX}{}-x.abc", std::process::id()));
        let other = dir.path().join("notes.tmp-1");
        let link = dir.path().join(format!("{TEMP_PREFIX}999999998-y.abc"));
        let target = dir.path().join("target");
        for path in [&dead, &live, &other, &target] {
            std::fs::write(path, "x").unwrap();
        }
        std::os::unix::fs::symlink(&target, &link).unwrap();
        clean_temporaries(dir.path());
        assert!(!dead.exists());
        assert!(live.exists() && other.exists() && target.exists());
        assert!(std::fs::symlink_metadata(&link).is_ok(), "links are left");
    }

    #[test]
    fn note_paths_stay_in_the_vault() {
        for good in ["Ada.md", "People/Ada Lovelace.MD", "a/b/c.md"] {
            assert!(is_note_path(good), "{good}");
        }
        for bad in [
            "",
            "/etc/passwd.md",
            "../x.md",
            "a/../x.md",
            "./x.md",
            "a//x.md",
            ".vaultnet/x.md",
            "x\0.md",
            "etc/passwd",
        ] {
            assert!(!is_note_path(bad), "{bad:?}");
        }
    }

    #[test]
    fn state_goes_in_the_vault_with_a_gitignore() {
        let dir = tempfile::tempdir().unwrap();
        let state = state_dir(dir.path(), "cache", |_| Ok(())).unwrap();
        assert_eq!(state.dir, dir.path().join(".vaultnet/cache"));
        assert!(!state.in_cache);
        let ignore = std::fs::read_to_string(dir.path().join(".vaultnet/.gitignore")).unwrap();
        assert_eq!(ignore, "*\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&state.dir).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700);
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_or_shared_state_folder_is_not_trusted() {
        use std::os::unix::fs::PermissionsExt;
        let elsewhere = tempfile::tempdir().unwrap();
        let vault = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), vault.path().join(".vaultnet")).unwrap();
        assert!(private_dir(&vault.path().join(".vaultnet")).is_err());
        let shared = tempfile::tempdir().unwrap();
        let dir = shared.path().join(".vaultnet");
        std::fs::create_dir(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
        assert!(private_dir(&dir).is_err());
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        private_dir(&dir).unwrap();
        let mode = std::fs::metadata(&dir).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700, "tightened to owner-only");
    }
}
