//! One vault held in memory by the language server, kept current note by
//! note.
//!
//! The vault is read once ([`Notes::read`], through the cache of parsed
//! notes `check` uses), then each change re-reads only the note that
//! changed: an open note from the editor's text, any other from disk.
//! After a change the notes are joined again ([`crate::vault::Notes::vault`],
//! what `check` runs) and only the people the change can affect are
//! linted again, with the entry point `check` itself goes through
//! ([`lint::check_by_person`]) run on the part of the vault those people
//! live in ([`Workspace::analyze`]). So a note's diagnostics in the
//! editor are its findings from `check` on the same text — one analysis,
//! no second parser. The server then publishes only the notes whose
//! findings changed.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::NaiveDate;

use crate::config::VaultSettings;
use crate::error::Result;
use crate::lint::settings::LintSettings;
use crate::lint::{self, Diagnostic};
use crate::model::{NoteKind, Person, Vault};
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
    /// Findings of the last lint, by vault-relative path, in `check`'s
    /// order.
    findings: HashMap<String, Vec<Diagnostic>>,
    /// The same findings by whom they are about, and which of those
    /// have findings in each note: what an edit replaces.
    by_key: HashMap<Key, Vec<Diagnostic>>,
    keys_of_path: HashMap<String, BTreeSet<Key>>,
    /// Notes re-read since the last lint; None: lint the whole vault.
    touched: Option<BTreeSet<String>>,
    /// Size and mtime of each note on disk when it was last read.
    stamps: BTreeMap<String, Stamp>,
}

/// Whom a finding is about: a person (by the path of their note, which
/// survives the re-indexing of a new join) or a note's own problem.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Key {
    Person(String),
    Note(String),
}

/// What one lint run did.
#[derive(Debug, Default)]
pub struct Analysis {
    /// Notes whose findings changed, sorted.
    pub changed: Vec<String>,
    /// People linted (all of them when the whole vault was).
    pub linted: usize,
    pub whole: bool,
    /// With `VAULTNET_LSP_VERIFY` set: how the findings differ from a
    /// lint of the whole vault (a bug when Some).
    pub mismatch: Option<String>,
}

/// More notes changed at once than this: the whole vault is linted.
const MANY: usize = 64;

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
            by_key: HashMap::new(),
            keys_of_path: HashMap::new(),
            touched: None,
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
        self.touch(rel);
    }

    fn touch(&mut self, rel: &str) {
        if let Some(touched) = &mut self.touched {
            touched.insert(rel.to_string());
        }
    }

    /// Re-reads the note at `rel` from disk (gone: forgotten).
    pub fn reread(&mut self, rel: &str) {
        self.notes.reread(&self.settings, rel, options(false));
        self.touch(rel);
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
            self.touch(rel);
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
            self.touch(&rel);
            changed = true;
        }
        self.stamps = now;
        changed
    }

    /// Joins the vault again and lints what the notes re-read since the
    /// last lint can affect; returns the notes whose findings changed (a
    /// note whose findings all went away included).
    ///
    /// An edit of a note re-lints the people whose findings can change:
    /// the person of the note, everyone it mentions before and after the
    /// edit, and — so that each of their findings is computed from all it
    /// depends on — the people of every note those findings can land in
    /// or be suppressed from. They are linted as a vault of their own
    /// holding exactly their notes. A change to who is called what (a
    /// person note added, removed or renamed, an alias: links resolve
    /// differently, duplicate names and near-miss candidates change
    /// anywhere) lints the whole vault, as does the first lint.
    pub fn analyze(&mut self, today: NaiveDate) -> Analysis {
        let old = std::mem::take(&mut self.vault);
        self.vault = self.notes.vault(&self.settings, options(false));
        self.names = NameIndex::new(&self.vault.people);
        let touched = self.touched.replace(BTreeSet::new());
        let part = touched
            .filter(|t| t.len() <= MANY && !names_changed(&old, &self.vault, t))
            .map(|t| (affected(&old, &self.vault, &t), t));
        let mut analysis = match part {
            Some((people, touched)) => self.lint_part(&people, &touched, today),
            None => self.lint_whole(today),
        };
        if std::env::var_os("VAULTNET_LSP_VERIFY").is_some() && !analysis.whole {
            analysis.mismatch = self.verify(today);
        }
        analysis
    }

    fn lint_whole(&mut self, today: NaiveDate) -> Analysis {
        let found = lint::check_by_person(&self.vault, &self.lint, today);
        let linted = self.vault.people.len();
        let mut by_key: HashMap<Key, Vec<Diagnostic>> = HashMap::new();
        for (person, d) in found {
            by_key
                .entry(key(&self.vault, person, &d))
                .or_default()
                .push(d);
        }
        let mut affected: BTreeSet<String> = self.findings.keys().cloned().collect();
        self.by_key.clear();
        self.keys_of_path.clear();
        for (k, found) in by_key {
            self.insert(k, found, &mut affected);
        }
        Analysis {
            changed: self.regroup(affected),
            linted,
            whole: true,
            mismatch: None,
        }
    }

    /// Lints `people` (indices into the new vault) as a vault of their
    /// own: their notes, every note their interactions are in, and the
    /// `touched` notes (whose own problems may have changed).
    fn lint_part(
        &mut self,
        people: &BTreeSet<usize>,
        touched: &BTreeSet<String>,
        today: NaiveDate,
    ) -> Analysis {
        let vault = &self.vault;
        let mut notes: BTreeSet<&str> = touched.iter().map(String::as_str).collect();
        for &i in people {
            let p = &vault.people[i];
            notes.insert(p.path.as_str());
            notes.extend(p.interactions.iter().map(|x| x.path.as_str()));
        }
        let index: HashMap<&str, usize> = vault
            .notes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.path.as_str(), i))
            .collect();
        let mut part = Vault {
            root: vault.root.clone(),
            ..Vault::default()
        };
        let mut person_of: HashMap<usize, usize> = HashMap::new();
        for &i in people {
            person_of.insert(i, person_of.len());
        }
        part.people = people.iter().map(|&i| vault.people[i].clone()).collect();
        for path in &notes {
            let Some(&n) = index.get(path) else { continue };
            let mut note = vault.notes[n].clone();
            if let NoteKind::Person(i) = note.kind {
                match person_of.get(&i) {
                    Some(&j) => {
                        note.kind = NoteKind::Person(j);
                        part.people[j].note = part.notes.len();
                    }
                    // Cannot happen: [`affected`] closes over person notes.
                    None => return self.lint_whole(today),
                }
            }
            part.notes.push(note);
        }
        let found = lint::check_by_person(&part, &self.lint, today);
        let mut by_key: HashMap<Key, Vec<Diagnostic>> = HashMap::new();
        for &i in people {
            by_key.insert(Key::Person(vault.people[i].path.clone()), Vec::new());
        }
        for path in &notes {
            by_key.insert(Key::Note((*path).to_string()), Vec::new());
        }
        for (person, d) in found {
            by_key.entry(key(&part, person, &d)).or_default().push(d);
        }
        let mut affected = BTreeSet::new();
        for (k, found) in by_key {
            self.insert(k, found, &mut affected);
        }
        Analysis {
            changed: self.regroup(affected),
            linted: people.len(),
            whole: false,
            mismatch: None,
        }
    }

    /// Replaces the findings of `k`; the notes they were or are in go
    /// into `affected`.
    fn insert(&mut self, k: Key, found: Vec<Diagnostic>, affected: &mut BTreeSet<String>) {
        if let Some(before) = self.by_key.remove(&k) {
            for d in &before {
                affected.insert(d.path.clone());
                if let Some(keys) = self.keys_of_path.get_mut(&d.path) {
                    keys.remove(&k);
                }
            }
        }
        if found.is_empty() {
            return;
        }
        for d in &found {
            affected.insert(d.path.clone());
            self.keys_of_path
                .entry(d.path.clone())
                .or_default()
                .insert(k.clone());
        }
        self.by_key.insert(k, found);
    }

    /// Gathers the findings of each `affected` note again from
    /// [`Self::by_key`]; returns those that changed.
    fn regroup(&mut self, affected: BTreeSet<String>) -> Vec<String> {
        let mut changed = Vec::new();
        for path in affected {
            let mut now: Vec<Diagnostic> = self
                .keys_of_path
                .get(&path)
                .into_iter()
                .flatten()
                .filter_map(|k| self.by_key.get(k))
                .flatten()
                .filter(|d| d.path == path)
                .cloned()
                .collect();
            lint::sort(&mut now);
            if self.findings.get(&path).map_or(&[][..], Vec::as_slice) != now.as_slice() {
                changed.push(path.clone());
            }
            if now.is_empty() {
                self.findings.remove(&path);
                self.keys_of_path.remove(&path);
            } else {
                self.findings.insert(path, now);
            }
        }
        changed
    }

    /// How the findings held differ from a lint of the whole vault.
    fn verify(&self, today: NaiveDate) -> Option<String> {
        let report = lint::check(&self.vault, &self.lint, today);
        let mut whole: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
        for d in &report.diagnostics {
            whole.entry(d.path.as_str()).or_default().push(d);
        }
        let mut paths: BTreeSet<&str> = whole.keys().copied().collect();
        paths.extend(self.findings.keys().map(String::as_str));
        let differ: Vec<&str> = paths
            .into_iter()
            .filter(|p| {
                let held: Vec<&Diagnostic> = self.findings(p).iter().collect();
                whole.get(p).map_or(&[][..], Vec::as_slice) != held.as_slice()
            })
            .collect();
        let first = differ.first()?;
        let show = |found: &[&Diagnostic]| {
            found
                .iter()
                .map(|d| format!("{}:{} {}", d.span.line, d.code, d.message))
                .collect::<Vec<_>>()
        };
        let held: Vec<&Diagnostic> = self.findings(first).iter().collect();
        Some(format!(
            "findings differ from check in {differ:?}; {first}: held {:?}, check {:?}",
            show(&held),
            show(whole.get(first).map_or(&[][..], Vec::as_slice))
        ))
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

/// Whom a finding of a lint of `vault` is about.
fn key(vault: &Vault, person: Option<usize>, d: &Diagnostic) -> Key {
    match person.and_then(|i| vault.people.get(i)) {
        Some(p) => Key::Person(p.path.clone()),
        None => Key::Note(d.path.clone()),
    }
}

/// The names a person answers to, as `duplicate-person` and links
/// compare them (the slug too: a link may name them by it; the file
/// stem is their path's), and whether they are the owner.
fn names_of(p: &Person) -> (bool, Vec<String>) {
    let mut names: Vec<String> = std::iter::once(p.name.as_str())
        .chain(p.aliases.iter().map(|a| a.value.as_str()))
        .chain(p.slug.as_deref())
        .map(|n| n.trim().to_lowercase())
        .collect();
    names.sort();
    (p.is_owner, names)
}

/// Whether a re-read note changed who is called what: a person note
/// came or went, or a person's name or aliases changed.
fn names_changed(old: &Vault, new: &Vault, touched: &BTreeSet<String>) -> bool {
    if old.people.len() != new.people.len() || old.notes.len() != new.notes.len() {
        return true;
    }
    let named = |v: &Vault, rel: &str| v.people.iter().find(|p| p.path == rel).map(names_of);
    touched.iter().any(|rel| named(old, rel) != named(new, rel))
}

/// The people (indices into `new`) whose findings an edit of the
/// `touched` notes can change, closed so that each one's findings can be
/// computed from their notes alone: the person of every note in play,
/// everyone sharing a name or alias with someone in play, and everyone with an interaction in a note in play that holds an
/// ignore comment (it may silence their findings, or theirs it).
fn affected(old: &Vault, new: &Vault, touched: &BTreeSet<String>) -> BTreeSet<usize> {
    let by_path: HashMap<&str, usize> = new
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.path.as_str(), i))
        .collect();
    let mut in_note: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in new.people.iter().enumerate() {
        for x in &p.interactions {
            in_note.entry(x.path.as_str()).or_default().push(i);
        }
    }
    let ignores: HashSet<&str> = new
        .notes
        .iter()
        .filter(|n| !n.stray_ignores.is_empty())
        .map(|n| n.path.as_str())
        .chain(
            new.people
                .iter()
                .flat_map(|p| &p.interactions)
                .filter(|x| x.ignore.is_some())
                .map(|x| x.path.as_str()),
        )
        .collect();
    // Who answers to each name: a person's `duplicate-person` findings
    // need everyone sharing a name with them.
    let mut named: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in new.people.iter().enumerate() {
        for name in names_of(p).1 {
            named.entry(name).or_default().push(i);
        }
    }
    let mut people: BTreeSet<usize> = BTreeSet::new();
    // Who the touched notes mentioned before the edit.
    for p in &old.people {
        if touched.contains(&p.path) || p.interactions.iter().any(|x| touched.contains(&x.path)) {
            if let Some(&i) = by_path.get(p.path.as_str()) {
                people.insert(i);
            }
        }
    }
    for p in &new.people {
        if p.is_owner {
            people.extend(by_path.get(p.path.as_str()));
        }
    }
    let mut seen: HashSet<&str> = HashSet::new();
    let mut queue: Vec<&str> = touched.iter().map(String::as_str).collect();
    let mut queued: BTreeSet<usize> = BTreeSet::new();
    loop {
        let mut partners = Vec::new();
        for &i in &people {
            if queued.insert(i) {
                let p = &new.people[i];
                queue.push(p.path.as_str());
                queue.extend(p.interactions.iter().map(|x| x.path.as_str()));
                for name in names_of(p).1 {
                    partners.extend(named.get(&name).into_iter().flatten().copied());
                }
            }
        }
        people.extend(partners);
        let Some(path) = queue.pop() else {
            if people.iter().all(|i| queued.contains(i)) {
                break;
            }
            continue;
        };
        if !seen.insert(path) {
            continue;
        }
        people.extend(by_path.get(path));
        let mentioned = in_note.get(path).map_or(&[][..], Vec::as_slice);
        if touched.contains(path) || ignores.contains(path) {
            people.extend(mentioned.iter().copied());
        }
    }
    people
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
