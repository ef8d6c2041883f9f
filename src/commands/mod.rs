//! One module per subcommand. Each turns its raw arguments into settings,
//! does the work through the library, and renders with [`crate::output`].

pub mod agenda;
pub mod check;
pub mod completions;
pub mod find;
pub mod fix;
pub mod index;
pub mod init;
pub mod log;
pub mod lsp;
pub mod new;
pub mod people;
pub mod rule;
pub mod settings;
mod write;

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use chrono::NaiveDate;

use crate::cli::{Cli, Command, GlobalArgs};
use crate::config::{VaultSettings, CONFIG_FILES};
use crate::error::{Error, Result};

/// What a command tells the binary about how it went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1: findings at or above `--fail-on`, or no search hit.
    Failure,
}

/// Where a command writes: the report, and messages for the person.
pub struct Streams<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    /// Whether `out` shows colour. Colour written to an `out` that does
    /// not is stripped on the way, so writing it is always right; a
    /// renderer may leave it out when this is false, to save the work.
    pub colored: bool,
}

/// Runs the parsed command line.
pub fn run(cli: &Cli, streams: &mut Streams<'_>) -> Result<Outcome> {
    match &cli.command {
        Command::Check(args) => check::run(args, &cli.global, streams),
        Command::Find(args) => find::run(args, &cli.global, streams),
        Command::Index(args) => index::run(args, &cli.global, streams),
        Command::People(args) => people::run(args, &cli.global, streams),
        Command::Rule(args) => rule::run(args, &cli.global, streams),
        Command::Log(args) => log::run(args, &cli.global, streams),
        Command::New(args) => new::run(args, &cli.global, streams),
        Command::Init(args) => init::run(args, &cli.global, streams),
        Command::Agenda(args) => agenda::run(args, &cli.global, streams),
        Command::Completions(args) => completions::completions(args, streams),
        Command::Man(args) => completions::man(args, streams),
        Command::Lsp(args) => lsp::run(args, &cli.global),
    }
}

/// `--today`, else `VAULTNET_TODAY` (both read by clap), else the local date.
#[must_use]
pub fn today(global: &GlobalArgs) -> NaiveDate {
    global
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// A vault and what of it to report: the answer to "which vault does
/// this path mean" (SPEC rev. 2 §1), shared by every command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VaultTarget {
    /// The vault root, absolute, with `.` and `..` folded away, so that
    /// `check .` and `check ../notes` name the same vault.
    pub root: PathBuf,
    /// The notes or folders to report on, vault-relative; `None`:
    /// everything.
    pub only: Option<Vec<Scope>>,
}

impl VaultTarget {
    /// Whether a finding, person or hit at this vault-relative path is
    /// reported.
    #[must_use]
    pub fn reports(&self, path: &str) -> bool {
        self.only
            .as_ref()
            .is_none_or(|only| only.iter().any(|scope| scope.holds(path)))
    }
}

/// A vault-relative note or folder whose findings are reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// `People/Ada.md`
    File(String),
    /// `People` (never empty: the vault root means no limit).
    Folder(String),
}

impl Scope {
    /// Whether a vault-relative path falls in this scope.
    #[must_use]
    pub fn holds(&self, path: &str) -> bool {
        match self {
            Scope::File(file) => path == file,
            Scope::Folder(folder) => path
                .strip_prefix(folder.as_str())
                .is_some_and(|rest| rest.starts_with('/')),
        }
    }
}

/// The vault of one PATH argument (or of the current directory when
/// there is none) and the part of it to report — the one root lookup
/// every command uses (SPEC rev. 2 §1):
///
/// - `--vault DIR` (`vault`) names the root outright; the path must lie
///   inside it;
/// - else the root is the nearest directory at or above the path that
///   holds `vaultnet.toml`, `.vaultnet.toml` or `.obsidian/` (climbing
///   as git, ruff and zk do);
/// - else the path itself when it is a directory, else the current
///   directory.
///
/// A path must be a directory or a note (a `.md` file); anything else,
/// or a path that does not exist, is an error naming it. With no path,
/// `--vault DIR` alone means the whole of that vault, wherever the
/// command runs from (else the current directory).
pub fn resolve_vault(path: Option<&Path>, vault: Option<&Path>, cwd: &Path) -> Result<VaultTarget> {
    let given = path.or(vault).unwrap_or(Path::new("."));
    let absolute_path = absolute(given, cwd);
    let meta = std::fs::metadata(&absolute_path).map_err(|e| Error::io(given, e))?;
    let is_dir = meta.is_dir();
    if !is_dir && !is_note(&absolute_path) {
        return Err(Error::Usage(format!(
            "{}: not a note or a folder (vaultnet reads `.md` notes)",
            given.display()
        )));
    }
    let root = match vault {
        Some(dir) => {
            let root = absolute(dir, cwd);
            let meta = std::fs::metadata(&root).map_err(|e| Error::io(dir, e))?;
            if !meta.is_dir() {
                return Err(Error::Usage(format!(
                    "{}: not a directory (--vault names the vault folder)",
                    dir.display()
                )));
            }
            root
        }
        None => find_root(&absolute_path).unwrap_or_else(|| {
            if is_dir {
                absolute_path.clone()
            } else {
                absolute(cwd, cwd)
            }
        }),
    };
    let relative = relative_to(&absolute_path, &root)
        .or_else(|| {
            // Symlinked folders (`/tmp` on macOS): compare real paths.
            let real = std::fs::canonicalize(&absolute_path).ok()?;
            let real_root = std::fs::canonicalize(&root).ok()?;
            relative_to(&real, &real_root)
        })
        .ok_or_else(|| {
            Error::Usage(format!(
                "{}: not inside the vault {} (use --vault DIR to name the vault)",
                given.display(),
                root.display()
            ))
        })?;
    let only = if relative.is_empty() {
        None
    } else if is_dir {
        Some(vec![Scope::Folder(relative)])
    } else {
        Some(vec![Scope::File(relative)])
    };
    Ok(VaultTarget { root, only })
}

/// [`resolve_vault`] for the one optional PATH of `find`, `index`,
/// `people` (and the other single-path commands), from the process's
/// current directory and the shared `--vault` flag.
pub fn vault_target(path: Option<&Path>, global: &GlobalArgs) -> Result<VaultTarget> {
    let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
    resolve_vault(path, global.vault.as_deref(), &cwd)
}

/// [`resolve_vault`] for several paths (`check A B …`): one target per
/// vault, in the order the vaults were first named, each with the union
/// of its paths' scopes (a path that is the vault itself reports it
/// all). No path means the current directory. Nothing is dropped: every
/// path either lands in a target or is an error.
pub fn resolve_vaults(
    paths: &[PathBuf],
    vault: Option<&Path>,
    cwd: &Path,
) -> Result<Vec<VaultTarget>> {
    if paths.is_empty() {
        return Ok(vec![resolve_vault(None, vault, cwd)?]);
    }
    let mut targets: Vec<VaultTarget> = Vec::new();
    for path in paths {
        let target = resolve_vault(Some(path), vault, cwd)?;
        match targets.iter_mut().find(|t| t.root == target.root) {
            Some(existing) => match (&mut existing.only, target.only) {
                (Some(only), Some(more)) => {
                    for scope in more {
                        if !only.contains(&scope) {
                            only.push(scope);
                        }
                    }
                }
                (only, None) => *only = None,
                (None, Some(_)) => {}
            },
            None => targets.push(target),
        }
    }
    Ok(targets)
}

/// The nearest folder at or above `path` (a file's own folder for a
/// file) that holds `vaultnet.toml`, `.vaultnet.toml` or `.obsidian/`.
#[must_use]
pub fn find_root(path: &Path) -> Option<PathBuf> {
    let start = if path.is_dir() { path } else { path.parent()? };
    start
        .ancestors()
        .find(|dir| {
            CONFIG_FILES.iter().any(|name| dir.join(name).is_file())
                || dir.join(".obsidian").is_dir()
        })
        .map(Path::to_path_buf)
}

/// Whether a file is a note: its name ends in `.md` (any case).
fn is_note(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("md"))
        && path.file_stem().is_some_and(|stem| !stem.is_empty())
}

/// `path` made absolute against `cwd`, with `.` and `..` folded away
/// lexically (the way a shell user reads the path).
#[must_use]
pub fn absolute(path: &Path, cwd: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` below `base` as `/`-separated text (empty for `base` itself).
#[must_use]
pub fn relative_to(path: &Path, base: &Path) -> Option<String> {
    let rest = path.strip_prefix(base).ok()?;
    let parts: Vec<String> = rest
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}

/// Vault settings for a root, with `--config` honoured.
pub fn vault_settings(root: &Path, global: &GlobalArgs) -> Result<(VaultSettings, toml::Table)> {
    VaultSettings::load(root, global.config.as_deref())
}

/// Maps a write failure on stdout to an error (broken pipe included:
/// the binary exits 0 for that).
pub(crate) fn stdout_error(e: std::io::Error) -> Error {
    Error::io("<stdout>", e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "x").unwrap();
    }

    #[test]
    fn scopes_hold_their_paths() {
        let file = Scope::File("People/Ada.md".into());
        assert!(file.holds("People/Ada.md"));
        assert!(!file.holds("People/Ada.md.bak"));
        let folder = Scope::Folder("People".into());
        assert!(folder.holds("People/Ada.md"));
        assert!(folder.holds("People/Sub/Ada.md"));
        assert!(!folder.holds("Peoplex/Ada.md"));
        assert!(!folder.holds("People"));
    }

    #[test]
    fn a_folder_without_markers_is_its_own_vault() {
        let dir = tempfile::tempdir().unwrap();
        let target = resolve_vault(Some(dir.path()), None, Path::new("/")).unwrap();
        assert_eq!(target.root, dir.path());
        assert_eq!(target.only, None);
        // No path: the current directory.
        let target = resolve_vault(None, None, dir.path()).unwrap();
        assert_eq!(target.root, dir.path());
        assert!(target.reports("anything.md"));
    }

    #[test]
    fn paths_climb_to_the_nearest_marker() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("notes");
        std::fs::create_dir_all(vault.join(".obsidian")).unwrap();
        touch(&vault.join("People/Ada.md"));
        touch(&vault.join("Daily/2026-03-01.md"));
        let people = vault.join("People");
        // From a subfolder, with no path: the root above, reporting the
        // subfolder only.
        let target = resolve_vault(None, None, &people).unwrap();
        assert_eq!(target.root, vault);
        assert_eq!(target.only, Some(vec![Scope::Folder("People".into())]));
        assert!(target.reports("People/Ada.md"));
        assert!(!target.reports("Daily/2026-03-01.md"));
        // `.` from the root and `../notes` from the root name one vault.
        let here = resolve_vault(Some(Path::new(".")), None, &vault).unwrap();
        let there = resolve_vault(Some(Path::new("../notes")), None, &vault).unwrap();
        assert_eq!(here, there);
        assert_eq!(here.only, None);
        // A config file is a marker too, and the nearest marker wins.
        touch(&vault.join("Projects/inner/vaultnet.toml"));
        touch(&vault.join("Projects/inner/a.md"));
        let inner = resolve_vault(Some(&vault.join("Projects/inner/a.md")), None, dir.path());
        assert_eq!(inner.unwrap().root, vault.join("Projects/inner"));
    }

    #[test]
    fn several_paths_group_by_vault() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a", "b"] {
            std::fs::create_dir_all(dir.path().join(name).join(".obsidian")).unwrap();
            touch(&dir.path().join(name).join("People/Ada.md"));
            touch(&dir.path().join(name).join("Daily/2026-03-01.md"));
        }
        let targets = resolve_vaults(
            &[
                PathBuf::from("a/People/Ada.md"),
                PathBuf::from("b/People/Ada.md"),
                PathBuf::from("./a/Daily/../Daily"),
                PathBuf::from("a/People/Ada.md"),
            ],
            None,
            dir.path(),
        )
        .unwrap();
        assert_eq!(targets.len(), 2);
        assert_eq!(targets[0].root, dir.path().join("a"));
        assert_eq!(
            targets[0].only,
            Some(vec![
                Scope::File("People/Ada.md".into()),
                Scope::Folder("Daily".into())
            ])
        );
        assert_eq!(targets[1].root, dir.path().join("b"));
        assert_eq!(
            targets[1].only,
            Some(vec![Scope::File("People/Ada.md".into())])
        );
        // Naming the vault itself among its files reports all of it.
        let targets = resolve_vaults(
            &[PathBuf::from("a/People/Ada.md"), PathBuf::from("a")],
            None,
            dir.path(),
        )
        .unwrap();
        assert_eq!(targets.len(), 1);
        assert_eq!(targets[0].only, None);
    }

    #[test]
    fn vault_flag_names_the_root_and_rejects_outsiders() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("v");
        touch(&vault.join("People/Ada.md"));
        touch(&dir.path().join("other/Bob.md"));
        let target =
            resolve_vault(Some(&vault.join("People/Ada.md")), Some(&vault), dir.path()).unwrap();
        assert_eq!(target.root, vault);
        assert_eq!(target.only, Some(vec![Scope::File("People/Ada.md".into())]));
        let err = resolve_vault(
            Some(&dir.path().join("other/Bob.md")),
            Some(&vault),
            dir.path(),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("not inside the vault"), "{err}");
        // `--vault` with no path is the whole vault, from anywhere.
        let target = resolve_vault(None, Some(&vault), &dir.path().join("other")).unwrap();
        assert_eq!(target.root, vault);
        assert_eq!(target.only, None);
    }

    #[test]
    fn missing_paths_and_non_notes_are_errors_naming_them() {
        let dir = tempfile::tempdir().unwrap();
        touch(&dir.path().join("notes.txt"));
        for name in ["nope.md", "notes.txt"] {
            let err = resolve_vault(Some(Path::new(name)), None, dir.path())
                .unwrap_err()
                .to_string();
            assert!(err.contains(name), "{err}");
        }
        let err = resolve_vaults(&[dir.path().to_path_buf(), "gone".into()], None, dir.path())
            .unwrap_err()
            .to_string();
        assert!(err.contains("gone"), "{err}");
    }
}
