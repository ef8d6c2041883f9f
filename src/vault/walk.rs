//! Finding the notes of a vault: every `*.md` below the root, except
//! hidden files and folders and `exclude` globs. Only regular files are
//! returned (a FIFO named `.md` would block a reader), and symlinked
//! folders are not entered, so a symlink loop cannot trap the walk. A
//! note that is a symbolic link is read only when its target lies inside
//! the vault, unless the config's `follow_links = true` says to follow
//! links anywhere (SPEC §1): a cloned vault must not make vaultnet read
//! `~/.ssh` into a snippet.
//!
//! [`open_note`] opens a note again by its relative path under the same
//! rules, for every reader that gets a path from elsewhere (the index,
//! the cache, a finding): a path that the walk could not have listed is
//! never opened.

use std::fs::File;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use globset::GlobSet;
use walkdir::WalkDir;

/// A note file found by the walk.
#[derive(Debug, Clone)]
pub struct NoteFile {
    pub abs: PathBuf,
    /// Relative to the vault root, `/` separators.
    pub rel: String,
    /// What the first [`NoteFile::stat`] saw.
    seen: OnceLock<FileStat>,
}

/// What one `stat` said of a note file: size, modification time
/// (nanoseconds since the epoch) and, on Unix, a digest of its inode
/// number and status-change time, as git's index keeps them. Zeros when
/// it is gone or is no longer a regular file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FileStat {
    /// It is there and is a regular file (a link to one included).
    pub found: bool,
    pub size: u64,
    pub mtime: u64,
    pub change: u64,
    /// When the stat was taken (nanoseconds since the epoch): a record
    /// made from it is as old as this, however late the file was read.
    pub at: u64,
}

impl NoteFile {
    #[must_use]
    pub fn new(abs: PathBuf, rel: String) -> NoteFile {
        NoteFile {
            abs,
            rel,
            seen: OnceLock::new(),
        }
    }

    /// The file's [`FileStat`], looked up once: a run's stored-answer key
    /// and its cache of parsed notes both need it, and a second `stat`
    /// of every note was a sixth of a run after one edit. Each reader
    /// still reads the file after this, so what it reads is never older
    /// than what the stat describes; a file edited in between differs
    /// from this stat next run and is read again.
    pub fn stat(&self) -> FileStat {
        *self.seen.get_or_init(|| FileStat::of(&self.abs))
    }
}

/// Stats every file of `files` not looked at yet, in parallel.
///
/// Tried and measured: a stat by name relative to each folder, opened
/// once, rather than by full path made warm `find` no faster (29.4
/// against 29.2 ms over 10k notes in one folder, 76.7 against 73.0 ms
/// over 70 folders): the kernel has the folders of the path cached, and
/// looks up the last component either way.
pub fn stat_all(files: &[NoteFile]) {
    use rayon::prelude::*;
    files.par_iter().for_each(|file| {
        file.stat();
    });
}

impl FileStat {
    fn of(path: &Path) -> FileStat {
        let at = crate::state::nanos(Some(std::time::SystemTime::now()));
        let gone = FileStat {
            at,
            ..FileStat::default()
        };
        let Ok(meta) = std::fs::metadata(path) else {
            return gone;
        };
        if !meta.is_file() {
            return gone;
        }
        #[cfg(unix)]
        #[allow(clippy::cast_sign_loss)]
        let change = {
            use std::os::unix::fs::MetadataExt;
            meta.ino()
                ^ (meta.ctime() as u64).rotate_left(32)
                ^ (meta.ctime_nsec() as u64).rotate_left(7)
        };
        #[cfg(not(unix))]
        let change = 0;
        FileStat {
            found: true,
            size: meta.len(),
            mtime: crate::state::nanos(meta.modified().ok()),
            change,
            at,
        }
    }
}

/// A path the walk could not look into (permission denied, vanished).
#[derive(Debug, Clone)]
pub struct WalkError {
    pub rel: String,
    pub message: String,
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walked {
    pub files: Vec<NoteFile>,
    pub errors: Vec<WalkError>,
    /// Notes that are links to files outside the vault, not read
    /// (relative paths).
    pub outside: Vec<String>,
}

/// Lists the vault's notes, sorted by relative path; links leaving the
/// vault are left out.
#[must_use]
pub fn walk(root: &Path, exclude: &GlobSet) -> (Vec<NoteFile>, Vec<WalkError>) {
    let walked = walk_notes(root, exclude, false);
    (walked.files, walked.errors)
}

/// Lists the vault's notes, sorted by relative path. Links to files
/// outside the vault are listed in `outside` and not read, unless
/// `follow_links`.
#[must_use]
pub fn walk_notes(root: &Path, exclude: &GlobSet, follow_links: bool) -> Walked {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut outside = Vec::new();
    let inside = Inside::new(root);
    let walker = WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let rel = err.path().map(|p| relative(root, p)).unwrap_or_default();
                // A vanished or unreadable `.md` file is reported; an
                // unreadable folder is reported too, since notes may hide there.
                let message = match err.io_error() {
                    // Deleted or renamed between listing and looking:
                    // the reader skips it and says so (SPEC §7).
                    Some(io) if io.kind() == std::io::ErrorKind::NotFound => {
                        "the note vanished".to_string()
                    }
                    Some(io) => io.to_string(),
                    None => err.to_string(),
                };
                errors.push(WalkError { rel, message });
                continue;
            }
        };
        if !has_md_extension(entry.file_name()) {
            continue;
        }
        let path = entry.path();
        let file_type = entry.file_type();
        let is_link = file_type.is_symlink();
        let is_regular = if is_link {
            // A symlink to a regular file is read; to anything else, not.
            std::fs::metadata(path).is_ok_and(|m| m.is_file())
        } else {
            file_type.is_file()
        };
        if !is_regular {
            continue;
        }
        let rel = relative(root, path);
        if exclude.is_match(&rel) {
            continue;
        }
        if is_link && !follow_links && !inside.holds(path) {
            outside.push(rel);
            continue;
        }
        files.push(NoteFile::new(path.to_path_buf(), rel));
    }
    // Sorted once here rather than per folder by walkdir, whose sort
    // re-parses both paths at every comparison.
    files.sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
    errors.sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
    outside.sort_unstable();
    Walked {
        files,
        errors,
        outside,
    }
}

/// The vault's canonical root, to tell whether a link's target lies
/// inside it.
struct Inside(Option<PathBuf>);

impl Inside {
    fn new(root: &Path) -> Self {
        Inside(std::fs::canonicalize(root).ok())
    }

    fn holds(&self, path: &Path) -> bool {
        match (&self.0, std::fs::canonicalize(path)) {
            (Some(root), Ok(target)) => target.starts_with(root),
            _ => false,
        }
    }
}

/// Opens the note at `rel` (a relative path from the index, the cache or
/// a finding) under the rules of the walk: `rel` must be a note path
/// ([`crate::state::is_note_path`]), every folder on the way a real
/// folder (the walk enters no linked folder), the note a regular file
/// or a link to one inside the vault (anywhere with `follow_links`).
/// Opened without waiting on a FIFO or device, and checked on the
/// handle, so nothing swapped in meanwhile is read.
pub fn open_note(root: &Path, rel: &str, follow_links: bool) -> std::io::Result<(File, u64)> {
    let refuse = |why: &str| std::io::Error::new(std::io::ErrorKind::InvalidInput, why.to_string());
    if !crate::state::is_note_path(rel) {
        return Err(refuse("not a note path of the vault"));
    }
    let target = note_path(root, rel);
    let inner = target.strip_prefix(root).unwrap_or(&target);
    let mut at = root.to_path_buf();
    let parts: Vec<_> = inner.components().collect();
    for part in &parts[..parts.len().saturating_sub(1)] {
        at.push(part);
        if !std::fs::symlink_metadata(&at)?.is_dir() {
            return Err(refuse("a folder on the way is a link"));
        }
    }
    at = target;
    if std::fs::symlink_metadata(&at)?.file_type().is_symlink()
        && !follow_links
        && !Inside::new(root).holds(&at)
    {
        return Err(refuse("a link to a file outside the vault"));
    }
    open_regular(&at)
}

/// Opens `path` for reading without waiting on a FIFO or device (a
/// note replaced by one after the walk), and checks on the handle that
/// it is a regular file. Returns the file and its size.
pub fn open_regular(path: &Path) -> std::io::Result<(File, u64)> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "note is no longer a regular file",
        ));
    }
    Ok((file, meta.len()))
}

/// Reads at most `cap` bytes of an opened note: a note that grew past
/// its size since it was looked at is still bounded.
pub fn read_bounded(file: File, size: u64, cap: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(usize::try_from(size.min(cap)).unwrap_or(0));
    file.take(cap).read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// Whether a file name ends in `.md` (any case) after a stem. Reads the
/// name's bytes: the walk asks this of every file in the vault.
fn has_md_extension(name: &std::ffi::OsStr) -> bool {
    let name = name.as_encoded_bytes();
    name.len() > 3 && name[name.len() - 3..].eq_ignore_ascii_case(b".md")
}

/// `path` relative to `root` with `/` separators.
#[must_use]
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    if cfg!(windows) {
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    } else {
        // Already `/`-separated; a walked path holds no `.` or `..`.
        escaped(rel.as_os_str().as_encoded_bytes())
    }
}

/// A file name's bytes as text: UTF-8 as is, every other byte as
/// `\xNN`, so a name that is not UTF-8 is shown without loss (as git
/// quotes such names) and [`note_path`] finds the file again.
fn escaped(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for byte in chunk.invalid() {
            let _ = write!(out, "\\x{byte:02X}");
        }
    }
    out
}

/// The file of the note at `rel` (as [`relative`] wrote it) in the vault
/// at `root`: a name holding `\xNN` escapes is looked for as written
/// first, then with the escapes turned back into bytes.
#[must_use]
pub fn note_path(root: &Path, rel: &str) -> PathBuf {
    let literal = root.join(rel);
    if !cfg!(unix) || !rel.contains("\\x") || std::fs::symlink_metadata(&literal).is_ok() {
        return literal;
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = rel.as_bytes();
        let mut raw = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let hex = bytes
                .get(i + 2..i + 4)
                .filter(|_| bytes[i] == b'\\' && bytes.get(i + 1) == Some(&b'x'))
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(byte) = hex {
                raw.push(byte);
                i += 4;
            } else {
                raw.push(bytes[i]);
                i += 1;
            }
        }
        return root.join(std::ffi::OsStr::from_bytes(&raw));
    }
    #[allow(unreachable_code)]
    literal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_is_statted_once_per_walk() {
        let dir = tempfile::tempdir().unwrap();
        let note = dir.path().join("Ada.md");
        std::fs::write(&note, "ab").unwrap();
        let walked = walk_notes(dir.path(), &GlobSet::empty(), false);
        stat_all(&walked.files);
        let first = walked.files[0].stat();
        assert!(first.found && first.size == 2 && first.mtime > 0 && first.at > 0);
        std::fs::write(&note, "abcd").unwrap();
        assert_eq!(walked.files[0].stat(), first, "the run's one look");
        let again = walk_notes(dir.path(), &GlobSet::empty(), false);
        assert_eq!(again.files[0].stat().size, 4);
        std::fs::remove_file(&note).unwrap();
        let gone = NoteFile::new(note, "Ada.md".into()).stat();
        assert!(!gone.found && gone.size == 0 && gone.mtime == 0);
    }

    #[test]
    fn skips_hidden_non_md_and_excluded() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for p in [
            "People/Ada.md",
            "People/notes.txt",
            ".obsidian/x.md",
            ".hidden.md",
            "Templates/Person.md",
            "Daily/2026-01-01.MD",
        ] {
            let path = root.join(p);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let mut b = globset::GlobSetBuilder::new();
        b.add(globset::Glob::new("Templates/**").unwrap());
        let (files, errors) = walk(root, &b.build().unwrap());
        let rels: Vec<_> = files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, ["Daily/2026-01-01.MD", "People/Ada.md"]);
        assert!(errors.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_and_fifos_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("a")).unwrap();
        std::fs::write(root.join("a/Ada.md"), "x").unwrap();
        std::os::unix::fs::symlink(root, root.join("a/loop")).unwrap();
        std::os::unix::fs::symlink(root.join("missing.md"), root.join("dangling.md")).unwrap();
        std::os::unix::fs::symlink(root.join("a/Ada.md"), root.join("link.md")).unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(root.join("pipe.md"))
            .status();
        let (files, _) = walk(root, &GlobSet::empty());
        let rels: Vec<_> = files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, ["a/Ada.md", "link.md"], "fifo made: {status:?}");
    }

    #[cfg(unix)]
    #[test]
    fn links_leaving_the_vault_are_read_only_when_asked() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.md"), "x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("Ada.md"), "x").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.md"), root.join("Eve.md")).unwrap();
        std::os::unix::fs::symlink(root.join("Ada.md"), root.join("Ada2.md")).unwrap();
        let walked = walk_notes(root, &GlobSet::empty(), false);
        let rels: Vec<_> = walked.files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, ["Ada.md", "Ada2.md"]);
        assert_eq!(walked.outside, ["Eve.md"]);
        assert!(open_note(root, "Eve.md", false).is_err());
        assert!(open_note(root, "Ada2.md", false).is_ok());
        assert!(open_note(root, "../secret.md", true).is_err());
        let followed = walk_notes(root, &GlobSet::empty(), true);
        assert_eq!(followed.files.len(), 3);
        assert!(followed.outside.is_empty());
        assert!(open_note(root, "Eve.md", true).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_are_escaped_and_found_again() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("People")).unwrap();
        let name = std::ffi::OsStr::from_bytes(b"Jos\xe9.md");
        std::fs::write(root.join("People").join(name), "x").unwrap();
        let (files, _) = walk(root, &GlobSet::empty());
        assert_eq!(files[0].rel, "People/Jos\\xE9.md");
        assert_eq!(note_path(root, &files[0].rel), files[0].abs);
        assert!(open_note(root, &files[0].rel, false).is_ok());
    }
}
