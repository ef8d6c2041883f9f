//! Reading a vault from disk into the [`crate::model`] types.
//!
//! [`load`] walks the vault ([`walk`]), reads every note in parallel
//! (front matter with [`frontmatter`] and [`fields`], body with
//! [`markdown`]), decides what each note is ([`classify`](mod@classify)), and then
//! joins the notes: journal mentions become interactions of the people
//! they name ([`names`]). A bad note becomes problems on that note; it
//! never stops the rest of the vault being read.

pub mod answer;
pub mod cache;
pub mod classify;
pub mod daily_notes;
pub mod dates;
pub mod fields;
pub mod frontmatter;
pub mod gist;
pub mod journal;
pub mod markdown;
pub mod names;
#[cfg(test)]
mod properties;
pub mod status;
pub mod walk;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use crate::config::VaultSettings;
use crate::model::{
    Cadence, Interaction, Note, NoteKind, Person, Problem, ProblemKind, Span, Status, Vault,
};
use classify::{classify, Class, Signs};
use fields::value_strings;
use gist::NameWords;
use journal::{journal_date, names_a_note, Journal};
use markdown::{parse_body, Body, BodyOptions, Mention, MAX_ENTRIES};
use names::NameIndex;

/// Notes larger than this are reported, not loaded.
pub const MAX_NOTE_BYTES: u64 = 32 * 1024 * 1024;

/// What to keep while reading.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Keep each note's plain-text sections and each interaction's text
    /// (the search index needs them). The linter reads only each
    /// interaction's [`crate::model::Gist`], so without this a vault's
    /// memory stays near the size of its facts, not of its notes.
    pub keep_text: bool,
    /// Take unchanged notes from the cache of parsed notes and refresh
    /// it ([`cache`]); only [`load`] uses it.
    pub cache: bool,
}

/// A note read on its own, before the vault's notes are joined.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
struct ReadNote {
    note: Note,
    /// Boxed: most notes of a large vault are people, and the list of
    /// notes read is held whole until they are joined.
    person: Option<Box<Person>>,
    journal: Option<Journal>,
}

/// Reads the whole vault.
#[must_use]
pub fn load(settings: &VaultSettings, options: LoadOptions) -> Vault {
    let walked = walk::walk_notes(&settings.root, &settings.exclude, settings.follow_links);
    load_walked(settings, walked, options)
}

/// [`load`] of the notes a walk found: `check` walks first to see
/// whether its stored report still holds ([`crate::lint::cache`]).
#[must_use]
pub fn load_walked(settings: &VaultSettings, walked: walk::Walked, options: LoadOptions) -> Vault {
    let (read, notices) = read_walked(settings, walked, options);
    let mut vault = join(settings, read, Vec::new(), options);
    vault.notices = notices;
    vault
}

/// Reads every note a walk found (through the cache when
/// `options.cache`), each walk error as an unreadable note, and the
/// notices to say: links leaving the vault, notes that vanished.
fn read_walked(
    settings: &VaultSettings,
    walked: walk::Walked,
    options: LoadOptions,
) -> (Vec<ReadNote>, Vec<String>) {
    let files = walked.files;
    let mut notices: Vec<String> = walked
        .outside
        .iter()
        .map(|rel| outside_notice(rel))
        .collect();
    let mut read: Vec<ReadNote> = if options.cache {
        cache::read_all(settings, &files, options)
    } else {
        files
            .par_iter()
            .map(|file| {
                let (text, _permit) = read_text(&file.abs);
                read_note(&file.rel, text, settings, options)
            })
            .collect()
    };
    for error in walked.errors {
        read.push(ReadNote {
            note: unreadable_note(&error.rel, &error.message),
            person: None,
            journal: None,
        });
    }
    // A note deleted or renamed while the vault was read is not a
    // problem of the vault: skipped, and said.
    read.retain(|r| {
        let gone = vanished(&r.note);
        if gone {
            notices.push(format!(
                "{}: the note vanished while it was read; skipped",
                r.note.path
            ));
        }
        !gone
    });
    (read, notices)
}

/// What is said of a note that is a link leaving the vault.
#[must_use]
pub fn outside_notice(rel: &str) -> String {
    format!(
        "{rel}: skipped, a link to a file outside the vault \
         (set `follow_links = true` in vaultnet.toml to read it)"
    )
}

/// The message of a note that was listed but is gone when read.
const VANISHED: &str = "the note vanished";

/// Whether `note` stands for a note that vanished while it was read.
fn vanished(note: &Note) -> bool {
    note.problems.len() == 1
        && note.problems[0].kind == ProblemKind::UnreadableNote
        && note.problems[0].message.ends_with(VANISHED)
}

/// A note parsed on its own from bytes already read, not yet joined
/// into a vault: the search index reads and parses each note once, and
/// joins journals only when every person's names are known.
#[derive(Clone)]
pub struct Parsed(ReadNote);

impl Parsed {
    /// Parses `bytes` (or the message of why they could not be read) as
    /// [`load`] would parse a file at `rel` holding them.
    #[must_use]
    pub fn new(
        rel: &str,
        bytes: Result<Vec<u8>, String>,
        settings: &VaultSettings,
        options: LoadOptions,
    ) -> Parsed {
        let text = bytes.and_then(|bytes| {
            if bytes.len() as u64 > MAX_NOTE_BYTES {
                Err(too_large(bytes.len() as u64))
            } else {
                decode(bytes)
            }
        });
        Parsed(read_note(rel, text, settings, options))
    }

    /// Whether the note is a journal note (its mentions name people).
    #[must_use]
    pub fn is_journal(&self) -> bool {
        self.0.journal.is_some()
    }

    /// The names a journal note's mentions are written as, resolved or
    /// not: the search index's table of mentions.
    pub fn mention_targets(&self) -> impl Iterator<Item = &str> {
        self.0
            .journal
            .iter()
            .flat_map(|j| j.mentions.iter().chain(&j.roles))
            .map(|m| m.target.as_str())
    }

    /// Joins parsed notes into a vault as [`load_files`] does, resolving
    /// journal mentions against them and `known`.
    #[must_use]
    pub fn join(
        settings: &VaultSettings,
        parsed: Vec<Parsed>,
        known: Vec<Person>,
        options: LoadOptions,
    ) -> Vault {
        join(
            settings,
            parsed.into_iter().map(|p| p.0).collect(),
            known,
            options,
        )
    }
}

/// Reads only `files`, as [`load`] reads the whole vault: the search
/// index re-reads just the notes that changed. Journal mentions are
/// resolved against the people read and against `known`, people whose
/// notes were not re-read (only their names, path and `is_owner` count).
/// Known people follow the people read in [`Vault::people`], with `note`
/// set to `usize::MAX`, and collect the journal interactions naming them.
#[must_use]
pub fn load_files(
    settings: &VaultSettings,
    files: &[walk::NoteFile],
    options: LoadOptions,
    known: Vec<Person>,
) -> Vault {
    let read: Vec<ReadNote> = files
        .par_iter()
        .map(|file| {
            let (text, _permit) = read_text(&file.abs);
            read_note(&file.rel, text, settings, options)
        })
        .collect();
    join(settings, read, known, options)
}

/// Reads notes held in memory, each `(rel, bytes)` as [`load`] would
/// read a file at `rel` holding those bytes: the same decoding, parse
/// and joining, with no file system. The fuzz target and its regression
/// tests drive the whole note pipeline through it.
#[must_use]
pub fn load_bytes(
    settings: &VaultSettings,
    notes: &[(&str, &[u8])],
    options: LoadOptions,
) -> Vault {
    let read: Vec<ReadNote> = notes
        .par_iter()
        .map(|(rel, bytes)| {
            let text = if bytes.len() as u64 > MAX_NOTE_BYTES {
                Err(too_large(bytes.len() as u64))
            } else {
                decode(bytes.to_vec())
            };
            read_note(rel, text, settings, options)
        })
        .collect();
    join(settings, read, Vec::new(), options)
}

/// A vault's notes read one by one and kept apart, so that one note can
/// be read again (from an editor's unsaved text or from disk) and the
/// vault joined anew without reading the others: the language server
/// holds one of these per vault. [`Notes::vault`] gives exactly what
/// [`load`] would give for the same files.
#[derive(Clone, Default)]
pub struct Notes {
    read: std::collections::BTreeMap<String, ReadNote>,
}

impl Notes {
    /// Reads the whole vault as [`load`] does (through the cache of
    /// parsed notes when `options.cache` is set).
    #[must_use]
    pub fn read(settings: &VaultSettings, options: LoadOptions) -> Notes {
        let walked = walk::walk_notes(&settings.root, &settings.exclude, settings.follow_links);
        let (read, _notices) = read_walked(settings, walked, options);
        let mut notes = Notes::default();
        for item in read {
            notes.read.insert(item.note.path.clone(), item);
        }
        notes
    }

    /// Reads the note at vault-relative `rel` from `text` (an editor's
    /// buffer), replacing what was read for it before.
    pub fn set_text(
        &mut self,
        settings: &VaultSettings,
        rel: &str,
        text: &str,
        options: LoadOptions,
    ) {
        let text = if text.len() as u64 > MAX_NOTE_BYTES {
            Err(too_large(text.len() as u64))
        } else {
            decode(text.as_bytes().to_vec())
        };
        let item = read_note(rel, text, settings, options);
        self.read.insert(rel.to_string(), item);
    }

    /// Reads the note at `rel` again from disk; a note that is gone (or
    /// no longer a regular file) is dropped.
    pub fn reread(&mut self, settings: &VaultSettings, rel: &str, options: LoadOptions) {
        let abs = settings.root.join(rel);
        match std::fs::symlink_metadata(&abs) {
            Ok(meta) if meta.is_file() => {
                let (text, _permit) = read_text(&abs);
                let item = read_note(rel, text, settings, options);
                self.read.insert(rel.to_string(), item);
            }
            _ => {
                self.read.remove(rel);
            }
        }
    }

    /// Forgets the note at `rel`.
    pub fn remove(&mut self, rel: &str) {
        self.read.remove(rel);
    }

    /// Whether a note at `rel` was read.
    #[must_use]
    pub fn contains(&self, rel: &str) -> bool {
        self.read.contains_key(rel)
    }

    /// The notes joined into a vault, as [`load`] joins them.
    #[must_use]
    pub fn vault(&self, settings: &VaultSettings, options: LoadOptions) -> Vault {
        join(
            settings,
            self.read.values().cloned().collect(),
            Vec::new(),
            options,
        )
    }
}

fn too_large(size: u64) -> String {
    format!(
        "note is too large to read ({} MiB; the limit is {} MiB)",
        size / (1024 * 1024),
        MAX_NOTE_BYTES / (1024 * 1024)
    )
}

/// Reads a note file as UTF-8 text, BOM removed, line ends made `\n`.
/// Err holds the message of an `unreadable-note` finding.
fn read_text(path: &Path) -> (Result<String, String>, Option<LargeNote>) {
    let (bytes, permit) = read_bytes(path);
    (bytes.and_then(decode), permit)
}

/// Notes larger than this are read and parsed one at a time: their
/// cost (bytes, then the parse) must not multiply by the thread count.
const LARGE_NOTE: u64 = 4 * 1024 * 1024;

/// The right to hold one large note in memory; dropped when its parse
/// is done.
pub(crate) type LargeNote = std::sync::MutexGuard<'static, ()>;

fn large_note_permit(size: u64) -> Option<LargeNote> {
    static LARGE: std::sync::Mutex<()> = std::sync::Mutex::new(());
    (size > LARGE_NOTE).then(|| {
        LARGE
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    })
}

/// A note file's bytes, unless it is too large to read. Err holds the
/// message of an `unreadable-note` finding.
/// A note file's bytes, unless it is too large to read, with the permit
/// a large note is held under (keep it until the note is parsed). Err
/// holds the message of an `unreadable-note` finding.
fn read_bytes(path: &Path) -> (Result<Vec<u8>, String>, Option<LargeNote>) {
    // The walk lists only regular files; one replaced since by a FIFO or
    // a link to a device would block or never end: opened without
    // waiting, checked on the handle.
    let (file, size) = match walk::open_regular(path) {
        Ok(opened) => opened,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return (Err(VANISHED.to_string()), None)
        }
        Err(e) => return (Err(e.to_string()), None),
    };
    if size > MAX_NOTE_BYTES {
        return (Err(too_large(size)), None);
    }
    let permit = large_note_permit(size);
    let bytes = match walk::read_bounded(file, size, MAX_NOTE_BYTES + 1) {
        Ok(bytes) if bytes.len() as u64 > MAX_NOTE_BYTES => Err(too_large(bytes.len() as u64)),
        Ok(bytes) => Ok(bytes),
        Err(e) => Err(e.to_string()),
    };
    (bytes, permit)
}

/// A note's bytes as text; Err holds the `unreadable-note` message.
fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.iter().take(8192).any(|b| *b == 0) {
        return Err("note looks like a binary file (it holds NUL bytes)".into());
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..valid].split(|b| *b == b'\n').count();
        format!("note is not valid UTF-8 (first bad byte on line {line})")
    })?;
    Ok(normalize(text))
}

/// Removes a byte-order mark and turns CRLF and lone CR into `\n`, so
/// every later stage counts lines the same way.
#[must_use]
pub fn normalize(text: String) -> String {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

fn stem_of(rel: &str) -> String {
    let file = rel.rsplit('/').next().unwrap_or(rel);
    file.rsplit_once('.')
        .map_or(file, |(stem, _)| stem)
        .to_string()
}

fn unreadable_note(rel: &str, message: &str) -> Note {
    Note {
        path: rel.to_string(),
        stem: stem_of(rel),
        kind: NoteKind::Other,
        title: None,
        sections: Vec::new(),
        problems: vec![Problem::new(
            ProblemKind::UnreadableNote,
            Span::line(1),
            format!("cannot read note: {message}"),
        )],
        stray_ignores: Vec::new(),
        sign: "unreadable".to_string(),
    }
}

fn read_note(
    rel: &str,
    text: Result<String, String>,
    settings: &VaultSettings,
    options: LoadOptions,
) -> ReadNote {
    let text = match text {
        Ok(text) => text,
        Err(message) => {
            return ReadNote {
                note: unreadable_note(rel, &message),
                person: None,
                journal: None,
            }
        }
    };
    let stem = stem_of(rel);
    let parsed = frontmatter::parse(&text);
    let fm = parsed.front_matter.as_ref();
    let mut body = parse_body(
        parsed.body,
        parsed.body_line,
        rel,
        &BodyOptions {
            log_sections: &settings.log_sections,
            log_words: settings.log_words,
        },
    );
    if body.too_many_entries {
        let message = format!(
            "note holds more than {MAX_ENTRIES} entries (dated entries, links, headings, \
             list items); split it into smaller notes"
        );
        return ReadNote {
            note: unreadable_note(rel, &message),
            person: None,
            journal: None,
        };
    }
    let reading = classify(
        &Signs {
            rel,
            front_matter: fm,
            raw_front_matter: parsed.yaml,
            tags: &body.tags,
        },
        settings,
    );
    let title = fm
        .and_then(|fm| fm.get(&["title", "name"]))
        .and_then(|f| value_strings(&f.value, false))
        .and_then(|v| v.into_iter().next())
        .or_else(|| body.title.clone());
    let mut note = Note {
        path: rel.to_string(),
        stem: stem.clone(),
        kind: NoteKind::Other,
        title,
        sections: Vec::new(),
        problems: Vec::new(),
        stray_ignores: Vec::new(),
        sign: reading.sign,
    };
    let mut person = None;
    let mut journal = None;
    match reading.class {
        Class::Template => note.kind = NoteKind::Template,
        Class::Other => {
            note.problems = syntax_problems(parsed.problems);
        }
        Class::Journal => {
            let mut problems = syntax_problems(parsed.problems);
            let (date, date_problems) = journal_date(
                fm,
                rel,
                &stem,
                parsed.body,
                &body,
                settings.daily_notes.as_ref(),
            );
            problems.extend(date_problems);
            problems.append(&mut body.problems);
            note.problems = problems;
            note.kind = NoteKind::Journal { date };
            if let Some(date) = date {
                journal = Some(Journal::read(date, fm, &body));
            }
        }
        Class::Person => {
            let mut problems = parsed.problems;
            let mut p = Person {
                path: rel.to_string(),
                stem: stem.clone(),
                front_matter_span: Span::line(1),
                ..Person::default()
            };
            if let Some(fm) = fm {
                problems.extend(fields::read_person(fm, rel, &settings.tiers, &mut p));
                problems.extend(fields::unknown_fields(fm));
            }
            problems.extend(fields::read_body_fields(
                &body.fields,
                rel,
                &settings.tiers,
                &mut p,
            ));
            if p.status != Status::Deceased && status::death_in_life_events(parsed.body) {
                p.status = Status::Deceased;
            }
            fill_from_body(&mut p, &mut body);
            if let Some(reference) = &reading.reference {
                let keeps_contact = reference.yields_to_contact && !p.interactions.is_empty();
                if !keeps_contact && matches!(p.status, Status::Active | Status::Reference) {
                    p.status = Status::Reference;
                    if reference.sign != note.sign {
                        note.sign = format!("{}; reference: {}", note.sign, reference.sign);
                    }
                }
            }
            resolve_cadence(&mut p, settings);
            gist::summarize_person(&mut p, options.keep_text);
            p.shrink_to_fit();
            problems.append(&mut body.problems);
            note.stray_ignores = std::mem::take(&mut body.stray_ignores);
            note.problems = problems;
            person = Some(Box::new(p));
        }
    }
    note.problems.sort_by_key(|p| p.span);
    if options.keep_text {
        note.sections = body.sections;
    }
    ReadNote {
        note,
        person,
        journal,
    }
}

/// Only syntax problems count for notes that are not people: their
/// fields are not vaultnet's to judge.
fn syntax_problems(problems: Vec<Problem>) -> Vec<Problem> {
    problems
        .into_iter()
        .filter(|p| p.kind == ProblemKind::FrontMatterSyntax)
        .collect()
}

/// Moves what the body says about the person into it.
fn fill_from_body(person: &mut Person, body: &mut Body) {
    if person.name.trim().is_empty() {
        person.name = body
            .title
            .clone()
            .unwrap_or_else(|| stem_name(&person.stem, &person.aliases));
    }
    for tag in &body.tags {
        if !person.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            person.tags.push(tag.clone());
        }
    }
    move_into(&mut person.interests, &mut body.interests);
    move_into(&mut person.interactions, &mut body.interactions);
    move_into(&mut person.learned, &mut body.learned);
    person.plans.append(&mut body.plans);
    move_into(&mut person.knowledge, &mut body.knowledge);
}

/// The name a file stem gives: the stem, except that a `Last, First`
/// stem reads as `First Last` when an alias says so (SPEC §2.1), as
/// contact exports name their files.
fn stem_name(stem: &str, aliases: &[crate::model::Fact<String>]) -> String {
    if let Some((last, first)) = stem.split_once(", ") {
        let turned = format!("{} {}", first.trim(), last.trim());
        if let Some(alias) = aliases
            .iter()
            .find(|a| a.value.trim().eq_ignore_ascii_case(&turned))
        {
            return alias.value.trim().to_string();
        }
    }
    stem.to_string()
}

/// Appends `from` to `to`, taking `from`'s buffer when `to` is empty
/// (the usual case) rather than copying a long log.
fn move_into<T>(to: &mut Vec<T>, from: &mut Vec<T>) {
    if to.is_empty() {
        std::mem::swap(to, from);
    } else {
        to.append(from);
    }
}

/// The cadence in force: own `cadence`, else `tier`, else a tag
/// cadence, else `default_cadence`.
fn resolve_cadence(person: &mut Person, settings: &VaultSettings) {
    let (cadence, origin) = if let Some(c) = &person.cadence {
        (c.value, "cadence".to_string())
    } else if let Some(c) = person
        .tier
        .as_ref()
        .and_then(|t| settings.tiers.get(&t.value.to_lowercase()).map(|c| (t, c)))
    {
        (*c.1, format!("tier `{}`", c.0.value))
    } else if let Some((tag, c)) = settings.tag_cadence(&person.tags) {
        (c, format!("tag `{tag}`"))
    } else {
        (settings.default_cadence, "default_cadence".to_string())
    };
    person.cadence_days = match cadence {
        Cadence::Days(days) => Some(days),
        Cadence::Never => None,
    };
    person.cadence_origin = origin;
}

/// Joins the notes read one by one into a vault: people get their index,
/// journal mentions become interactions.
fn join(
    settings: &VaultSettings,
    mut read: Vec<ReadNote>,
    known: Vec<Person>,
    options: LoadOptions,
) -> Vault {
    read.sort_by(|a, b| a.note.path.cmp(&b.note.path));
    let mut vault = Vault {
        root: settings.root.clone(),
        ..Vault::default()
    };
    let mut journals = Vec::new();
    let people = read.iter().filter(|r| r.person.is_some()).count();
    vault.people.reserve_exact(people + known.len());
    vault.notes.reserve_exact(read.len());
    for (i, item) in read.into_iter().enumerate() {
        let mut note = item.note;
        if let Some(mut person) = item.person.map(|p| *p) {
            person.note = i;
            note.kind = NoteKind::Person(vault.people.len());
            vault.people.push(person);
        }
        if let Some(journal) = item.journal {
            journals.push((note.path.clone(), journal));
        }
        vault.notes.push(note);
    }
    for mut person in known {
        person.note = usize::MAX;
        vault.people.push(person);
    }
    mark_owner(&mut vault.people, settings.owner.as_deref());
    let index = NameIndex::new(&vault.people);
    let note_names: HashSet<String> = vault
        .notes
        .iter()
        .flat_map(|n| {
            let path = n.path.strip_suffix(".md").unwrap_or(&n.path);
            [names::fold(path), names::fold(&n.stem)]
        })
        .collect();
    let note_of_path: HashMap<String, usize> = vault
        .notes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.path.clone(), i))
        .collect();
    // Journals are resolved and summarised in parallel, then their
    // interactions given to people in path order, as one at a time would.
    let people = &vault.people;
    let mut resolved: Vec<Resolved> = journals
        .into_par_iter()
        .map(|(path, journal)| {
            let (interactions, unresolved) =
                journal.resolve(&path, &index, |who| people[who].is_owner);
            (path, interactions, unresolved)
        })
        .collect();
    // Only the people journals name need their name words.
    let mut named: Vec<usize> = resolved
        .iter()
        .flat_map(|(_, interactions, _)| interactions.iter().map(|(who, _)| *who))
        .collect();
    named.sort_unstable();
    named.dedup();
    let name_words: HashMap<usize, NameWords> = named
        .into_par_iter()
        .map(|who| (who, NameWords::of(&people[who])))
        .collect();
    resolved.par_iter_mut().for_each(|(_, interactions, _)| {
        for (who, interaction) in interactions {
            gist::summarize(interaction, &name_words[who], options.keep_text);
            dedup_in_order(&mut interaction.asks);
            dedup_in_order(&mut interaction.gives);
            dedup_in_order(&mut interaction.learned);
        }
    });
    for (path, interactions, unresolved) in resolved {
        for (who, interaction) in interactions {
            vault.people[who].interactions.push(interaction);
        }
        let Some(&note) = note_of_path.get(&path) else {
            continue;
        };
        let mut reported = HashSet::new();
        for mention in unresolved {
            if names_a_note(&mention.target, &note_names)
                || !reported.insert(mention.target.clone())
            {
                continue;
            }
            let candidates = index.near(&mention.target);
            if let Some(problem) = unknown_person(&mention.target, mention.span, &candidates) {
                vault.notes[note].problems.push(problem);
            }
        }
        vault.notes[note].problems.sort_by_key(|p| p.span);
    }
    vault
}

/// A journal note's path, its interactions by person, and the mentions
/// that named no one.
type Resolved = (String, Vec<(usize, Interaction)>, Vec<Mention>);

/// Marks the person the config's `owner` names as the owner.
fn mark_owner(people: &mut [Person], owner: Option<&str>) {
    let Some(owner) = owner else { return };
    let index = NameIndex::new(people);
    if let Some(who) = index.resolve(owner) {
        people[who].is_owner = true;
    }
}

/// The `unknown-person` problem for a name that names no note and no
/// person, when it nearly names someone.
fn unknown_person(target: &str, span: Span, candidates: &[(usize, String)]) -> Option<Problem> {
    let names: Vec<String> = candidates.iter().map(|(_, n)| format!("`{n}`")).collect();
    let (first, rest) = names.split_first()?;
    let guess = match names.split_last() {
        Some((last, before)) if !before.is_empty() => format!("{} or {last}", before.join(", ")),
        _ => first.clone(),
    };
    let mut problem = Problem::new(
        ProblemKind::UnknownPerson,
        span,
        format!("`{target}` matches no note — did you mean {guess}?"),
    )
    .with_help(if rest.is_empty() {
        format!("write {first} so the contact is counted for them")
    } else {
        format!("write the name of the one you mean ({guess}) so the contact is counted")
    });
    if let [(_, only)] = candidates {
        problem.suggestion = Some(only.clone());
    }
    Some(problem)
}

fn dedup_in_order(items: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    items.retain(|item| seen.insert(item.clone()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_last_first_stem_reads_as_first_last_when_an_alias_says_so() {
        let settings = VaultSettings::defaults(Path::new("/vault"));
        let notes: [(&str, &[u8]); 2] = [
            (
                "People/Lovelace, Ada.md",
                b"---\naliases: [Ada Lovelace]\n---\nMet at the salon.\n",
            ),
            (
                "People/Hopper, Grace.md",
                b"---\naliases: [Amazing Grace]\n---\n",
            ),
        ];
        let vault = load_bytes(&settings, &notes, LoadOptions::default());
        let names: Vec<&str> = vault.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Hopper, Grace", "Ada Lovelace"]);
    }

    #[test]
    fn notes_in_memory_read_like_notes_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let notes: [(&str, &[u8]); 4] = [
            (
                "People/Ada.md",
                b"\xef\xbb\xbf---\r\nname: Ada\r\ncadence: 30d\r\n---\r\n## Log\r\n- 2026-01-01: tea [by:: me]\r\n",
            ),
            ("Daily/2026-03-01.md", b"Sailing with [[Ada]]. [by:: them]\n"),
            ("Notes/Binary.md", b"\0\x01\x02"),
            ("Notes/Latin1.md", b"caf\xe9\n"),
        ];
        for (rel, bytes) in notes {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        let settings = VaultSettings::defaults(dir.path());
        let options = LoadOptions {
            keep_text: true,
            ..LoadOptions::default()
        };
        let from_disk = load(&settings, options);
        let from_memory = load_bytes(&settings, &notes, options);
        assert_eq!(format!("{from_disk:?}"), format!("{from_memory:?}"));
        assert_eq!(from_memory.people[0].interactions.len(), 2);
    }

    #[test]
    fn a_note_that_vanishes_while_the_vault_is_read_is_skipped_and_said() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("People")).unwrap();
        std::fs::write(dir.path().join("People/Ada.md"), "---\nname: Ada\n---\n").unwrap();
        std::fs::write(dir.path().join("People/Gone.md"), "---\nname: Gone\n---\n").unwrap();
        let settings = VaultSettings::defaults(dir.path());
        let walked = walk::walk_notes(&settings.root, &settings.exclude, false);
        std::fs::remove_file(dir.path().join("People/Gone.md")).unwrap();
        for cache in [false, true] {
            let options = LoadOptions {
                cache,
                ..LoadOptions::default()
            };
            let walked = walk::Walked {
                files: walked.files.clone(),
                ..walk::Walked::default()
            };
            let vault = load_walked(&settings, walked, options);
            let paths: Vec<&str> = vault.notes.iter().map(|n| n.path.as_str()).collect();
            assert_eq!(paths, ["People/Ada.md"], "cache: {cache}");
            assert_eq!(vault.notices.len(), 1);
            assert!(vault.notices[0].contains("People/Gone.md: the note vanished"));
        }
    }

    #[test]
    fn a_note_that_vanishes_after_listing_is_reported_and_the_rest_read() {
        let dir = tempfile::tempdir().unwrap();
        for (rel, text) in [
            (
                "People/Ada.md",
                "---\nname: Ada\n---\n## Log\n- 2026-01-01: tea\n",
            ),
            ("People/Gone.md", "---\nname: Gone\n---\n"),
        ] {
            std::fs::create_dir_all(dir.path().join("People")).unwrap();
            std::fs::write(dir.path().join(rel), text).unwrap();
        }
        let settings = VaultSettings::defaults(dir.path());
        let (files, errors) = walk::walk(&settings.root, &settings.exclude);
        assert!(errors.is_empty());
        assert_eq!(files.len(), 2);
        std::fs::remove_file(dir.path().join("People/Gone.md")).unwrap();
        let vault = load_files(&settings, &files, LoadOptions::default(), Vec::new());
        let gone = vault
            .notes
            .iter()
            .find(|n| n.path == "People/Gone.md")
            .unwrap();
        assert_eq!(gone.problems.len(), 1);
        assert_eq!(gone.problems[0].kind, ProblemKind::UnreadableNote);
        assert!(gone.problems[0].message.starts_with("cannot read note: "));
        assert_eq!(vault.people.len(), 1);
        assert_eq!(vault.people[0].name, "Ada");
        assert_eq!(vault.people[0].interactions.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_note_replaced_by_a_link_to_a_device_after_listing_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("People")).unwrap();
        std::fs::write(dir.path().join("People/Ada.md"), "---\nname: Ada\n---\n").unwrap();
        let settings = VaultSettings::defaults(dir.path());
        let (files, _) = walk::walk(&settings.root, &settings.exclude);
        std::fs::remove_file(dir.path().join("People/Ada.md")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("People/Ada.md")).unwrap();
        let vault = load_files(&settings, &files, LoadOptions::default(), Vec::new());
        let problem = &vault.notes[0].problems[0];
        assert_eq!(problem.kind, ProblemKind::UnreadableNote);
        assert!(problem.message.contains("no longer a regular file"));
    }

    #[test]
    fn notes_with_too_many_entries_are_reported_not_loaded() {
        let mut text = String::from("---\nname: Many\n---\n## Log\n");
        for _ in 0..=markdown::MAX_ENTRIES {
            text.push_str("- 2026-01-01: x\n");
        }
        let settings = VaultSettings::defaults(Path::new("/vault"));
        let notes: [(&str, &[u8]); 2] = [
            ("People/Many.md", text.as_bytes()),
            ("People/Ada.md", b"---\nname: Ada\n---\n"),
        ];
        let vault = load_bytes(&settings, &notes, LoadOptions::default());
        let many = vault
            .notes
            .iter()
            .find(|n| n.path == "People/Many.md")
            .unwrap();
        assert_eq!(many.problems[0].kind, ProblemKind::UnreadableNote);
        assert!(many.problems[0]
            .message
            .contains("more than 100000 entries"));
        assert_eq!(vault.people.len(), 1, "only Ada is a person read");
    }

    #[test]
    fn the_linter_keeps_a_gist_and_the_index_the_text() {
        let settings = VaultSettings::defaults(Path::new("/vault"));
        let notes: [(&str, &[u8]); 2] = [
            (
                "People/Ada.md",
                b"---\nname: Ada\n---\n## Log\n- 2026-01-01: I and my tea\n",
            ),
            (
                "Daily/2026-02-01.md",
                b"Walk with [[Ada]]; I told her my news.\n",
            ),
        ];
        let lint = load_bytes(&settings, &notes, LoadOptions::default());
        let index = load_bytes(
            &settings,
            &notes,
            LoadOptions {
                keep_text: true,
                ..LoadOptions::default()
            },
        );
        for (a, b) in lint.people[0]
            .interactions
            .iter()
            .zip(&index.people[0].interactions)
        {
            assert!(a.text.is_empty());
            assert!(!b.text.is_empty());
            assert_eq!(a.gist, b.gist);
        }
        let journal = &lint.people[0].interactions[1].gist;
        assert_eq!((journal.first_person, journal.about_them), (2, 2));
        assert_eq!(journal.topic, "Walk with Ada; I told her my news.");
    }
}
