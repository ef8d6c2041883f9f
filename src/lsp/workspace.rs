//! One vault held in memory by the language server, kept current note by
//! note.
//!
//! The vault is read once ([`Notes::read`], through the cache of parsed
//! notes `check` uses), then each change re-reads only the note that
//! changed: an open note from the editor's text, any other from disk.
//! After a change the notes are joined and linted again with the very
//! functions `check` runs ([`crate::vault::Notes::vault`],
//! [`lint::check`]), so a note's diagnostics in the editor are its
//! findings from `check` on the same text — one analysis, no second
//! parser. The server then publishes only the notes whose findings
//! changed.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::NaiveDate;

use crate::config::VaultSettings;
use crate::error::Result;
use crate::lint::settings::LintSettings;
use crate::lint::{self, Diagnostic};
use crate::model::Vault;
use crate::vault::names::NameIndex;
use crate::vault::{walk, LoadOptions, Notes};

/// A file's size and modification time: what the stat sweep compares.
type Stamp = (u64, Option<SystemTime>);

/// A vault in memory: its settings, its notes as read, the joined vault
/// and the findings of the last lint, by note.
pub struct Workspace {
    pub root: PathBuf,
    pub settings: VaultSettings,
    lint: LintSettings,
    notes: Notes,
    /// The notes joined, as `check` sees them now.
    pub vault: Vault,
    /// Every name form of every person, for hover, completion and
    /// definition.
    pub names: NameIndex,
    /// Findings of the last lint, by vault-relative path.
    findings: HashMap<String, Vec<Diagnostic>>,
    /// Size and mtime of each note on disk when it was last read.
    stamps: BTreeMap<String, Stamp>,
}

impl Workspace {
    /// Reads the vault at `root` with its config (or `config`, when the
    /// server was started with `--config`). The slow part of the server:
    /// it runs off the main loop.
    pub fn load(root: &Path, config: Option<&Path>) -> Result<Workspace> {
        let (settings, rules) = VaultSettings::load(root, config)?;
        let lint = LintSettings::new(&rules, settings.config_path.as_deref(), None, None)?;
        let notes = Notes::read(&settings, options(true));
        let stamps = stamps(&settings);
        Ok(Workspace {
            root: root.to_path_buf(),
            settings,
            lint,
            notes,
            vault: Vault::default(),
            names: NameIndex::default(),
            findings: HashMap::new(),
            stamps,
        })
    }

    /// The vault-relative path of `path` when it is a note of this vault
    /// (a `.md` file below the root, not hidden, not excluded).
    #[must_use]
    pub fn relative(&self, path: &Path) -> Option<String> {
        let rest = path.strip_prefix(&self.root).ok()?;
        let parts: Vec<&str> = rest
            .components()
            .map(|c| c.as_os_str().to_str())
            .collect::<Option<_>>()?;
        let last = parts.last()?;
        let is_note = Path::new(last)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"));
        if !is_note || parts.iter().any(|p| p.starts_with('.')) {
            return None;
        }
        let rel = parts.join("/");
        (!self.settings.exclude.is_match(&rel)).then_some(rel)
    }

    /// Re-reads the note at `rel` from an editor's text.
    pub fn set_text(&mut self, rel: &str, text: &str) {
        self.notes
            .set_text(&self.settings, rel, text, options(false));
    }

    /// Re-reads the note at `rel` from disk (gone: forgotten).
    pub fn reread(&mut self, rel: &str) {
        self.notes.reread(&self.settings, rel, options(false));
        match stat(&self.root.join(rel)) {
            Some(stamp) => self.stamps.insert(rel.to_string(), stamp),
            None => self.stamps.remove(rel),
        };
    }

    /// The cheap sweep for clients that cannot watch files: lists the
    /// vault, stats each note and re-reads the ones whose size or mtime
    /// changed, that appeared or that vanished — except `open` notes,
    /// whose text is the editor's. Returns whether anything changed.
    pub fn sweep(&mut self, open: &dyn Fn(&str) -> bool) -> bool {
        let now = stamps(&self.settings);
        let mut changed = false;
        for (rel, stamp) in &now {
            if open(rel) || self.stamps.get(rel) == Some(stamp) {
                continue;
            }
            self.notes.reread(&self.settings, rel, options(false));
            changed = true;
        }
        let gone: Vec<String> = self
            .stamps
            .keys()
            .filter(|rel| !now.contains_key(*rel) && !open(rel))
            .cloned()
            .collect();
        for rel in gone {
            self.notes.remove(&rel);
            changed = true;
        }
        self.stamps = now;
        changed
    }

    /// Joins and lints the vault again. Returns the paths whose findings
    /// changed (a path whose findings all went away included).
    pub fn analyze(&mut self, today: NaiveDate) -> Vec<String> {
        self.vault = self.notes.vault(&self.settings, options(false));
        self.names = NameIndex::new(&self.vault.people);
        let report = lint::check(&self.vault, &self.lint, today);
        let mut findings: HashMap<String, Vec<Diagnostic>> = HashMap::new();
        for diagnostic in report.diagnostics {
            findings
                .entry(diagnostic.path.clone())
                .or_default()
                .push(diagnostic);
        }
        let mut changed: Vec<String> = findings
            .iter()
            .filter(|(path, now)| self.findings.get(*path) != Some(now))
            .map(|(path, _)| path.clone())
            .collect();
        changed.extend(
            self.findings
                .keys()
                .filter(|path| !findings.contains_key(*path))
                .cloned(),
        );
        changed.sort();
        self.findings = findings;
        changed
    }

    /// The findings of the last lint for the note at `rel`.
    #[must_use]
    pub fn findings(&self, rel: &str) -> &[Diagnostic] {
        self.findings.get(rel).map_or(&[], Vec::as_slice)
    }

    /// The person a written name (a link target, a slug) refers to.
    #[must_use]
    pub fn person(&self, written: &str) -> Option<&crate::model::Person> {
        let written = written.split(['|', '#']).next().unwrap_or(written);
        self.names
            .resolve(written)
            .and_then(|i| self.vault.people.get(i))
    }

    /// The person whose note is at `rel`.
    #[must_use]
    pub fn person_of_note(&self, rel: &str) -> Option<&crate::model::Person> {
        self.vault.people.iter().find(|p| p.path == rel)
    }
}

/// The linter reads only each interaction's gist; hover shows topics,
/// which the gist holds. The cache is used for the first read only: it
/// is keyed by files on disk, and later reads are of single notes.
fn options(cache: bool) -> LoadOptions {
    LoadOptions {
        keep_text: false,
        cache,
    }
}

fn stat(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

fn stamps(settings: &VaultSettings) -> BTreeMap<String, Stamp> {
    let (files, _) = walk::walk(&settings.root, &settings.exclude);
    files
        .into_iter()
        .filter_map(|file| Some((file.rel, stat(&file.abs)?)))
        .collect()
}

/// The vault root for a folder or note at `path` (SPEC §1), found as
/// every command finds it.
pub use crate::commands::find_root;
