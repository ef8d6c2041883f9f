//! Writing notes: the one module every writer goes through (`log`,
//! `new`, `init`, `check --fix`; the language server turns the same
//! plans into `WorkspaceEdit`s).
//!
//! A writer never re-serialises anything. It reads a note's bytes
//! ([`Original::read`]), builds a [`Change`] — a list of [`TextEdit`]s,
//! byte ranges of those exact bytes and their replacements — and hands
//! it to [`write`], the one atomic writer. So every byte outside an edit
//! is kept as it was: line endings, a byte-order mark, front-matter key
//! order, comments and quoting.
//!
//! [`write`] re-checks the note right before writing (size, mtime and a
//! hash of its bytes) and refuses when it changed since it was read;
//! then writes a temporary file in the same folder (exclusive creation,
//! unpredictable hidden name, the note's permissions), `fsync`s it,
//! renames it over the note and `fsync`s the folder. A crash at any
//! moment leaves the old note or the new one, never a mix.

pub mod log_entry;
mod text;

pub use text::{line_ending, line_starts, LineEnding};

use std::fs::File;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use xxhash_rust::xxh3::xxh3_64;

/// Notes larger than this are not edited (the reader's limit).
pub const MAX_EDIT_BYTES: u64 = crate::vault::MAX_NOTE_BYTES;

/// One replacement in a file's bytes: `range` is a byte range of the
/// bytes that were read (empty for an insertion), `replacement` the
/// text that takes its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub range: Range<usize>,
    pub replacement: String,
}

impl TextEdit {
    /// Inserts `text` at byte offset `at`.
    #[must_use]
    pub fn insert(at: usize, text: impl Into<String>) -> Self {
        TextEdit {
            range: at..at,
            replacement: text.into(),
        }
    }

    /// Replaces `range` with `text`.
    #[must_use]
    pub fn replace(range: Range<usize>, text: impl Into<String>) -> Self {
        TextEdit {
            range,
            replacement: text.into(),
        }
    }
}

/// What a change does to its file, as `--format json` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Created,
    Appended,
    Fixed,
}

impl Action {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Created => "created",
            Action::Appended => "appended",
            Action::Fixed => "fixed",
        }
    }
}

/// A file's bytes as they were read, with what identifies that version.
#[derive(Debug, Clone)]
pub struct Original {
    pub bytes: Vec<u8>,
    len: u64,
    modified: Option<SystemTime>,
    hash: u64,
}

impl Original {
    /// Reads a note to edit it. Only regular files are read, up to
    /// [`MAX_EDIT_BYTES`].
    pub fn read(path: &Path) -> Result<Self, EditError> {
        let meta = std::fs::symlink_metadata(path).map_err(|e| EditError::io(path, e))?;
        let meta = if meta.file_type().is_symlink() {
            std::fs::metadata(path).map_err(|e| EditError::io(path, e))?
        } else {
            meta
        };
        if !meta.is_file() {
            return Err(EditError::NotAFile(path.to_path_buf()));
        }
        if meta.len() > MAX_EDIT_BYTES {
            return Err(EditError::TooLarge(path.to_path_buf()));
        }
        let bytes = std::fs::read(path).map_err(|e| EditError::io(path, e))?;
        Ok(Original {
            len: meta.len(),
            modified: meta.modified().ok(),
            hash: xxh3_64(&bytes),
            bytes,
        })
    }

    /// The bytes as text; a note that is not UTF-8 is not edited.
    pub fn text(&self, path: &Path) -> Result<&str, EditError> {
        std::str::from_utf8(&self.bytes).map_err(|_| EditError::NotUtf8(path.to_path_buf()))
    }

    /// Whether the file on disk is still this version.
    fn still_on_disk(&self, path: &Path) -> Result<bool, EditError> {
        let meta = std::fs::metadata(path).map_err(|e| EditError::io(path, e))?;
        if meta.len() != self.len || meta.modified().ok() != self.modified {
            return Ok(false);
        }
        let bytes = std::fs::read(path).map_err(|e| EditError::io(path, e))?;
        Ok(bytes.len() as u64 == self.len && xxh3_64(&bytes) == self.hash)
    }
}

/// A planned change to one file: edits against the bytes read, or a new
/// file when `original` is None (then the one edit's replacement is the
/// whole file).
#[derive(Debug, Clone)]
pub struct Change {
    /// The file on disk.
    pub path: PathBuf,
    /// The path to show: relative to the vault, `/` separators.
    pub rel: String,
    pub action: Action,
    pub original: Option<Original>,
    pub edits: Vec<TextEdit>,
    /// What the change does, in words, for the listing (`log: added
    /// 2026-11-30 entry`); may be empty.
    pub summary: String,
}

impl Change {
    /// A new file holding `text`.
    #[must_use]
    pub fn create(path: PathBuf, rel: String, text: String) -> Self {
        Change {
            path,
            rel,
            action: Action::Created,
            original: None,
            edits: vec![TextEdit::insert(0, text)],
            summary: String::new(),
        }
    }

    /// Edits of an existing file read as `original`.
    #[must_use]
    pub fn edit(
        path: PathBuf,
        rel: String,
        action: Action,
        original: Original,
        edits: Vec<TextEdit>,
    ) -> Self {
        Change {
            path,
            rel,
            action,
            original: Some(original),
            edits,
            summary: String::new(),
        }
    }

    #[must_use]
    pub fn with_summary(mut self, summary: impl Into<String>) -> Self {
        self.summary = summary.into();
        self
    }

    /// The bytes before the change (empty for a new file).
    #[must_use]
    pub fn old_bytes(&self) -> &[u8] {
        self.original.as_ref().map_or(&[], |o| &o.bytes)
    }

    /// The bytes after the change.
    pub fn new_bytes(&self) -> Result<Vec<u8>, EditError> {
        apply(self.old_bytes(), &self.edits).ok_or_else(|| EditError::BadEdit(self.path.clone()))
    }

    /// A unified diff of the change, paths `a/REL` and `b/REL`.
    pub fn diff(&self) -> Result<String, EditError> {
        let new = self.new_bytes()?;
        let old = String::from_utf8_lossy(self.old_bytes());
        let new = String::from_utf8_lossy(&new);
        let old_name = if self.original.is_some() {
            format!("a/{}", self.rel)
        } else {
            "/dev/null".to_string()
        };
        Ok(similar::TextDiff::from_lines(old.as_ref(), new.as_ref())
            .unified_diff()
            .context_radius(3)
            .header(&old_name, &format!("b/{}", self.rel))
            .to_string())
    }
}

/// Applies edits to bytes. None when an edit is out of range, splits a
/// UTF-8 character, or overlaps another. Edits may come in any order;
/// two insertions at one offset keep their order.
#[must_use]
pub fn apply(bytes: &[u8], edits: &[TextEdit]) -> Option<Vec<u8>> {
    let mut order: Vec<&TextEdit> = edits.iter().collect();
    order.sort_by_key(|e| (e.range.start, e.range.end));
    let text = std::str::from_utf8(bytes).ok();
    let mut out =
        Vec::with_capacity(bytes.len() + edits.iter().map(|e| e.replacement.len()).sum::<usize>());
    let mut at = 0;
    for edit in order {
        let Range { start, end } = edit.range.clone();
        if start < at || end < start || end > bytes.len() {
            return None;
        }
        if let Some(text) = text {
            if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                return None;
            }
        }
        out.extend_from_slice(&bytes[at..start]);
        out.extend_from_slice(edit.replacement.as_bytes());
        at = end;
    }
    out.extend_from_slice(&bytes[at..]);
    Some(out)
}

/// Why a change could not be written. Nothing was written when one of
/// these is returned.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("{path}: {source}", path = .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: changed on disk since vaultnet read it; nothing was written (run the command again)", .0.display())]
    ChangedOnDisk(PathBuf),
    #[error("{}: the note is read-only; nothing was written", .0.display())]
    ReadOnly(PathBuf),
    #[error("{}: already exists; vaultnet never overwrites a note", .0.display())]
    Exists(PathBuf),
    #[error("{}: not a regular file; nothing was written", .0.display())]
    NotAFile(PathBuf),
    #[error("{}: too large to edit", .0.display())]
    TooLarge(PathBuf),
    #[error("{}: not valid UTF-8; vaultnet edits only text notes", .0.display())]
    NotUtf8(PathBuf),
    #[error("{}: internal error: overlapping or out-of-range edits", .0.display())]
    BadEdit(PathBuf),
}

impl EditError {
    fn io(path: &Path, source: std::io::Error) -> Self {
        if source.kind() == std::io::ErrorKind::PermissionDenied {
            return EditError::ReadOnly(path.to_path_buf());
        }
        EditError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Writes one change atomically (see the module docs). A new file is
/// created only when nothing is at its path; an edited file must be
/// unchanged since it was read and writable.
pub fn write(change: &Change) -> Result<(), EditError> {
    let path = &change.path;
    let new = change.new_bytes()?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let permissions = match &change.original {
        None => {
            if std::fs::symlink_metadata(path).is_ok() {
                return Err(EditError::Exists(path.clone()));
            }
            std::fs::create_dir_all(&dir).map_err(|e| EditError::io(&dir, e))?;
            None
        }
        Some(original) => {
            let meta = std::fs::metadata(path).map_err(|e| EditError::io(path, e))?;
            if meta.permissions().readonly() {
                return Err(EditError::ReadOnly(path.clone()));
            }
            Some((original, meta.permissions()))
        }
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".vaultnet-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| EditError::io(&dir, e))?;
    temp.write_all(&new)
        .map_err(|e| EditError::io(temp.path(), e))?;
    if let Some((_, permissions)) = &permissions {
        std::fs::set_permissions(temp.path(), permissions.clone())
            .map_err(|e| EditError::io(temp.path(), e))?;
    }
    temp.as_file()
        .sync_all()
        .map_err(|e| EditError::io(temp.path(), e))?;
    test_pause();
    match permissions {
        None => {
            // `persist_noclobber` refuses when a file appeared meanwhile.
            temp.persist_noclobber(path).map_err(|e| {
                if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                    EditError::Exists(path.clone())
                } else {
                    EditError::io(path, e.error)
                }
            })?;
        }
        Some((original, _)) => {
            // Checked last, right before the rename: the window in which
            // an editor's save could be lost is as small as it can be.
            if !original.still_on_disk(path)? {
                return Err(EditError::ChangedOnDisk(path.clone()));
            }
            temp.persist(path)
                .map_err(|e| EditError::io(path, e.error))?;
        }
    }
    sync_dir(&dir);
    Ok(())
}

/// Writes every change, stopping at the first failure (the changes
/// before it are written; each is whole).
pub fn write_all(changes: &[Change]) -> Result<(), EditError> {
    changes.iter().try_for_each(write)
}

/// Makes the rename durable. Not every platform can open a folder;
/// failing here loses nothing already renamed.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// In debug builds, `VAULTNET_TEST_WRITE_PAUSE_MS` holds the writer
/// between writing the temporary file and renaming it, so the end-to-end
/// tests can kill a write in the middle or change the note under it.
fn test_pause() {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("VAULTNET_TEST_WRITE_PAUSE_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms.min(10_000)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_keeps_bytes_outside_edits() {
        let bytes = "\u{feff}a\r\nb\r\nc\r\n".as_bytes();
        let out = apply(bytes, &[TextEdit::insert(bytes.len(), "d\r\n")]).unwrap();
        assert_eq!(out, "\u{feff}a\r\nb\r\nc\r\nd\r\n".as_bytes());
        let out = apply(bytes, &[TextEdit::replace(6..7, "B")]).unwrap();
        assert_eq!(out, "\u{feff}a\r\nB\r\nc\r\n".as_bytes());
    }

    #[test]
    fn apply_refuses_overlaps_and_split_characters() {
        let bytes = "héllo".as_bytes();
        assert!(apply(bytes, &[TextEdit::insert(2, "x")]).is_none());
        assert!(apply(
            bytes,
            &[TextEdit::replace(0..3, "a"), TextEdit::replace(1..4, "b")]
        )
        .is_none());
        assert!(apply(bytes, &[TextEdit::insert(99, "x")]).is_none());
        let two = apply(b"ab", &[TextEdit::insert(1, "1"), TextEdit::insert(1, "2")]).unwrap();
        assert_eq!(two, b"a12b");
    }

    #[test]
    fn write_replaces_atomically_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Ada.md");
        std::fs::write(&path, "# Ada\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        let original = Original::read(&path).unwrap();
        let change = Change::edit(
            path.clone(),
            "Ada.md".into(),
            Action::Appended,
            original,
            vec![TextEdit::insert(6, "more\n")],
        );
        write(&change).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "# Ada\nmore\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn write_refuses_a_note_changed_since_it_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Ada.md");
        std::fs::write(&path, "# Ada\n").unwrap();
        let original = Original::read(&path).unwrap();
        // Same length, so only the hash can tell.
        std::fs::write(&path, "# Bob\n").unwrap();
        let change = Change::edit(
            path.clone(),
            "Ada.md".into(),
            Action::Appended,
            original,
            vec![TextEdit::insert(6, "more\n")],
        );
        assert!(matches!(write(&change), Err(EditError::ChangedOnDisk(_))));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "# Bob\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn create_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("People/Ada.md");
        let change = Change::create(path.clone(), "People/Ada.md".into(), "# Ada\n".into());
        write(&change).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "# Ada\n");
        let again = Change::create(path.clone(), "People/Ada.md".into(), "# Other\n".into());
        assert!(matches!(write(&again), Err(EditError::Exists(_))));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "# Ada\n");
    }

    #[test]
    fn diff_is_unified() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Ada.md");
        std::fs::write(&path, "a\nb\n").unwrap();
        let original = Original::read(&path).unwrap();
        let change = Change::edit(
            path,
            "Ada.md".into(),
            Action::Fixed,
            original,
            vec![TextEdit::replace(2..3, "c")],
        );
        let diff = change.diff().unwrap();
        assert!(diff.starts_with("--- a/Ada.md\n+++ b/Ada.md\n"), "{diff}");
        assert!(diff.contains("-b\n+c\n"), "{diff}");
    }
}
