//! vaultnet's own files beside a vault: the search index and the cache of
//! parsed notes live in `<vault>/.vaultnet/`, which holds a `.gitignore`
//! of `*` so they are never committed, and is made owner-only, since
//! notes about people are private. When the vault is not writable they go
//! to a folder of the user cache directory named for the vault. Both
//! record what the notes were (size, mtime) the same way.

use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// Notes modified this close to the run that recorded them are read
/// again before a record of them is trusted: on a file system with
/// coarse timestamps an edit in the same tick keeps the mtime (git's
/// "racily clean" entries). Shared by the index and the cache.
pub const RACY_NANOS: u64 = 2_000_000_000;

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

/// Reads one of vaultnet's own files. It must be a regular file, not a
/// symlink, FIFO or device (a vault shared by someone else may hold a
/// `.vaultnet/` of their making: reading a FIFO would block, and a link
/// to `/dev/zero` would never end).
pub fn read_state_file(path: &Path) -> io::Result<Vec<u8>> {
    let meta = std::fs::symlink_metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "not a regular file",
        ));
    }
    std::fs::read(path)
}

/// Where a piece of state lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateDir {
    pub dir: PathBuf,
    /// In the user cache directory, because the vault was not writable.
    pub in_cache: bool,
}

/// `<root>/.vaultnet/<name>`, else `<user cache>/vaultnet/<id>/<name>`,
/// created owner-only. `usable` says whether a made folder can be used
/// (written to); Err holds the vault's error when neither place works.
pub fn state_dir(
    root: &Path,
    name: &str,
    usable: impl Fn(&Path) -> io::Result<()>,
) -> Result<StateDir, (PathBuf, io::Error)> {
    let base = root.join(".vaultnet");
    let in_vault = (|| {
        private_dir_all(&base)?;
        let ignore = base.join(".gitignore");
        if !ignore.exists() {
            std::fs::write(&ignore, "*\n")?;
        }
        let dir = base.join(name);
        private_dir_all(&dir)?;
        usable(&dir)?;
        Ok::<_, io::Error>(dir)
    })();
    let vault_error = match in_vault {
        Ok(dir) => {
            return Ok(StateDir {
                dir,
                in_cache: false,
            })
        }
        Err(e) => e,
    };
    let Some(cache) = dirs::cache_dir() else {
        return Err((base, vault_error));
    };
    let canonical = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let id = xxhash_rust::xxh3::xxh3_64(canonical.to_string_lossy().as_bytes());
    let dir = cache.join("vaultnet").join(format!("{id:016x}")).join(name);
    match private_dir_all(&dir).and_then(|()| usable(&dir)) {
        Ok(()) => Ok(StateDir {
            dir,
            in_cache: true,
        }),
        Err(_) => Err((base, vault_error)),
    }
}

/// Creates `dir` and its parents, owner-only on Unix.
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
            assert!(read_state_file(&fifo).is_err());
        }
        assert!(read_state_file(&link).is_err());
        let file = dir.path().join("file");
        std::fs::write(&file, "x").unwrap();
        assert_eq!(read_state_file(&file).unwrap(), b"x");
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
}
