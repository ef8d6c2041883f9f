//! Finding the notes of a vault: every `*.md` below the root, except
//! hidden files and folders and `exclude` globs. Only regular files are
//! returned (a FIFO named `.md` would block a reader), and symlinked
//! folders are not entered, so a symlink loop cannot trap the walk.

use std::path::{Path, PathBuf};

use globset::GlobSet;
use walkdir::WalkDir;

/// A note file found by the walk.
#[derive(Debug, Clone)]
pub struct NoteFile {
    pub abs: PathBuf,
    /// Relative to the vault root, `/` separators.
    pub rel: String,
}

/// A path the walk could not look into (permission denied, vanished).
#[derive(Debug, Clone)]
pub struct WalkError {
    pub rel: String,
    pub message: String,
}

/// Lists the vault's notes, sorted by relative path.
#[must_use]
pub fn walk(root: &Path, exclude: &GlobSet) -> (Vec<NoteFile>, Vec<WalkError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
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
                errors.push(WalkError {
                    rel,
                    message: err
                        .io_error()
                        .map_or_else(|| err.to_string(), ToString::to_string),
                });
                continue;
            }
        };
        if !has_md_extension(entry.file_name()) {
            continue;
        }
        let path = entry.path();
        let file_type = entry.file_type();
        let is_regular = if file_type.is_symlink() {
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
        files.push(NoteFile {
            abs: path.to_path_buf(),
            rel,
        });
    }
    // Sorted once here rather than per folder by walkdir, whose sort
    // re-parses both paths at every comparison.
    files.sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
    errors.sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
    (files, errors)
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
        rel.to_string_lossy().into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
