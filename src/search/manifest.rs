//! The manifest kept beside each index generation: what every note was
//! (size, modification time, xxh3 content hash, kind) when it was last
//! indexed, the names of every person, and for every journal note the
//! names its mentions are written as (the table of mentions), so an
//! incremental sync re-reads only what changed, and re-resolves only the
//! journals that mention a name that changed.
//!
//! The manifest may lag behind the index (a crash between commit and
//! manifest write) but never run ahead of it: re-indexing a note is
//! idempotent (delete by path, add again), so a lagging manifest costs a
//! redundant re-index, never a stale answer.
//!
//! It is read on every `find`, so it is a compact binary file laid out
//! by hand (little-endian integers, length-prefixed UTF-8 strings, a
//! magic number and format version in front, an xxh3 of the rest at the
//! end). It comes from a folder anyone may have written (SPEC §6.1):
//! every length is checked against the bytes left before anything is
//! allocated, every path must be a note path of the vault, and anything
//! else — a short file, a bad checksum, another format — is refused
//! whole, and the index rebuilt.

use std::collections::BTreeMap;
use std::path::Path;

use crate::model::{Fact, Person, Span};

/// The manifest's file name inside an index generation.
pub const FILE_NAME: &str = "vaultnet-manifest.bin";
/// The file name of the JSON manifest of earlier versions: a generation
/// holding one is outdated, not broken.
pub const OLD_FILE_NAME: &str = "vaultnet-manifest.json";
/// First bytes of a manifest.
const MAGIC: &[u8; 8] = b"VNMANIF\0";
/// Layout version of the file; another one is rebuilt, not read.
const FORMAT: u32 = 2;

/// What a note was when indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    Person,
    Journal,
    Other,
    Template,
    Unreadable,
}

impl EntryKind {
    fn code(self) -> u8 {
        match self {
            EntryKind::Person => 0,
            EntryKind::Journal => 1,
            EntryKind::Other => 2,
            EntryKind::Template => 3,
            EntryKind::Unreadable => 4,
        }
    }

    fn of_code(code: u8) -> Option<EntryKind> {
        Some(match code {
            0 => EntryKind::Person,
            1 => EntryKind::Journal,
            2 => EntryKind::Other,
            3 => EntryKind::Template,
            4 => EntryKind::Unreadable,
            _ => return None,
        })
    }
}

/// The names of a person, enough to resolve mentions of them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PersonNames {
    pub name: String,
    pub aliases: Vec<String>,
    pub slug: Option<String>,
    pub owner: bool,
}

impl PersonNames {
    #[must_use]
    pub fn of(person: &Person) -> Self {
        PersonNames {
            name: person.name.clone(),
            aliases: person.aliases.iter().map(|a| a.value.clone()).collect(),
            slug: person.slug.clone(),
            owner: person.is_owner,
        }
    }

    /// The name forms of the person whose note is at `path`, in the
    /// order of [`Person::names`]: name, aliases, slug, file stem.
    pub fn forms<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a str> {
        std::iter::once(self.name.as_str())
            .chain(self.aliases.iter().map(String::as_str))
            .chain(self.slug.as_deref())
            .chain(std::iter::once(stem_of(path)))
    }

    /// A stand-in person for name resolution (`vault::Parsed::join`).
    #[must_use]
    pub fn to_person(&self, path: &str) -> Person {
        let stem = stem_of(path);
        Person {
            path: path.to_string(),
            name: self.name.clone(),
            aliases: self
                .aliases
                .iter()
                .map(|a| Fact::new(a.clone(), Span::line(1)))
                .collect(),
            slug: self.slug.clone(),
            stem: stem.to_string(),
            is_owner: self.owner,
            ..Person::default()
        }
    }
}

/// A note's file name without its extension.
fn stem_of(path: &str) -> &str {
    let file = path.rsplit('/').next().unwrap_or(path);
    file.rsplit_once('.').map_or(file, |(stem, _)| stem)
}

/// One note as last indexed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch.
    pub mtime: u64,
    /// xxh3 of the file's bytes; 0 forces a re-read next time.
    pub hash: u64,
    pub kind: EntryKind,
    pub person: Option<PersonNames>,
    /// A journal note's mentions as written (link targets and field
    /// values, resolved or not), sorted and without repeats.
    pub mentions: Vec<String>,
}

/// Everything known about an index generation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    /// [`super::schema::SCHEMA_VERSION`] of the index.
    pub schema: u32,
    /// The vault root it was built from, canonical.
    pub root: String,
    /// Fingerprint of the settings the notes were read with.
    pub settings: u64,
    /// When the last sync looked at the files, nanoseconds since the
    /// epoch: notes modified within a moment of it are hashed again
    /// (an edit in the same clock tick keeps the mtime).
    pub synced_at: u64,
    pub notes: BTreeMap<String, Entry>,
}

/// Why a manifest cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    /// Written by another version of vaultnet: rebuilt without a warning.
    Outdated,
    /// Missing, unreadable, damaged or planted: rebuilt with a warning.
    Damaged(String),
}

impl std::fmt::Display for Unusable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unusable::Outdated => f.write_str("the manifest was written by another version"),
            Unusable::Damaged(why) => f.write_str(why),
        }
    }
}

fn damaged(what: &str) -> Unusable {
    Unusable::Damaged(format!("the manifest is damaged ({what})"))
}

/// Reads the manifest's fields in order; every read checks the bytes left.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Unusable> {
        if n > self.bytes.len() {
            return Err(damaged("cut short"));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    fn u8(&mut self) -> Result<u8, Unusable> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32, Unusable> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&mut self) -> Result<u64, Unusable> {
        let mut b = [0; 8];
        b.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(b))
    }

    /// A count of items each at least `min` bytes long: a count the
    /// bytes left cannot hold is damage, caught before allocating.
    fn count(&mut self, min: usize) -> Result<usize, Unusable> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min) > self.bytes.len() {
            return Err(damaged("a count larger than the file"));
        }
        Ok(n)
    }

    fn str(&mut self) -> Result<String, Unusable> {
        let n = self.u32()? as usize;
        let bytes = self.take(n)?;
        std::str::from_utf8(bytes)
            .map(str::to_string)
            .map_err(|_| damaged("a name that is not UTF-8"))
    }

    fn strs(&mut self) -> Result<Vec<String>, Unusable> {
        let n = self.count(4)?;
        (0..n).map(|_| self.str()).collect()
    }
}

fn put_u32(out: &mut Vec<u8>, n: usize) {
    // Lengths and counts past u32 cannot occur (notes are capped at
    // 32 MiB); saturate rather than wrap, which reads back as damage.
    out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn put_strs(out: &mut Vec<u8>, items: &[String]) {
    put_u32(out, items.len());
    for item in items {
        put_str(out, item);
    }
}

impl Manifest {
    /// Reads a manifest; Err says why it cannot be used.
    pub fn read(path: &Path) -> Result<Manifest, Unusable> {
        match crate::state::read_state_file(path, crate::state::MAX_MANIFEST_BYTES) {
            Ok(bytes) => Manifest::decode(&bytes),
            Err(e)
                if e.kind() == std::io::ErrorKind::NotFound
                    && path
                        .parent()
                        .is_some_and(|dir| dir.join(OLD_FILE_NAME).exists()) =>
            {
                Err(Unusable::Outdated)
            }
            Err(e) => Err(Unusable::Damaged(format!("cannot read the manifest: {e}"))),
        }
    }

    /// A manifest from its bytes. It comes from a file anyone may have
    /// written: every path it records must be a note path of the vault,
    /// or the manifest is not used at all.
    pub fn decode(bytes: &[u8]) -> Result<Manifest, Unusable> {
        let Some(body) = bytes.len().checked_sub(8).map(|n| &bytes[..n]) else {
            return Err(damaged("cut short"));
        };
        if body.len() < MAGIC.len() + 4 || &body[..MAGIC.len()] != MAGIC {
            return Err(damaged("not a vaultnet manifest"));
        }
        let mut r = Reader {
            bytes: &body[MAGIC.len()..],
        };
        if r.u32()? != FORMAT {
            return Err(Unusable::Outdated);
        }
        let mut sum = [0; 8];
        sum.copy_from_slice(&bytes[body.len()..]);
        if u64::from_le_bytes(sum) != xxhash_rust::xxh3::xxh3_64(body) {
            return Err(damaged("its checksum does not match"));
        }
        let schema = r.u32()?;
        let root = r.str()?;
        let settings = r.u64()?;
        let synced_at = r.u64()?;
        // An entry takes at least its path length, three numbers, a kind
        // and a flag, and a count of mentions.
        let count = r.count(4 + 24 + 2 + 4)?;
        let mut notes = Vec::with_capacity(count);
        for _ in 0..count {
            let path = r.str()?;
            if !crate::state::is_note_path(&path) {
                return Err(Unusable::Damaged(format!(
                    "the manifest names a path outside the vault ({:?})",
                    path.chars().take(80).collect::<String>()
                )));
            }
            let size = r.u64()?;
            let mtime = r.u64()?;
            let hash = r.u64()?;
            let kind = EntryKind::of_code(r.u8()?).ok_or_else(|| damaged("an unknown kind"))?;
            let person = match r.u8()? {
                0 => None,
                1 => {
                    let name = r.str()?;
                    let aliases = r.strs()?;
                    let slug = match r.u8()? {
                        0 => None,
                        1 => Some(r.str()?),
                        _ => return Err(damaged("a bad flag")),
                    };
                    let owner = match r.u8()? {
                        0 => false,
                        1 => true,
                        _ => return Err(damaged("a bad flag")),
                    };
                    Some(PersonNames {
                        name,
                        aliases,
                        slug,
                        owner,
                    })
                }
                _ => return Err(damaged("a bad flag")),
            };
            let mentions = r.strs()?;
            notes.push((
                path,
                Entry {
                    size,
                    mtime,
                    hash,
                    kind,
                    person,
                    mentions,
                },
            ));
        }
        if !r.bytes.is_empty() {
            return Err(damaged("bytes after the last entry"));
        }
        // Written in path order; a file out of order or with a path
        // twice was not written by vaultnet.
        if !notes.windows(2).all(|w| w[0].0 < w[1].0) {
            return Err(damaged("paths out of order"));
        }
        Ok(Manifest {
            schema,
            root,
            settings,
            synced_at,
            notes: notes.into_iter().collect(),
        })
    }

    /// The manifest's bytes.
    #[must_use]
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 + self.notes.len() * 96);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT.to_le_bytes());
        out.extend_from_slice(&self.schema.to_le_bytes());
        put_str(&mut out, &self.root);
        out.extend_from_slice(&self.settings.to_le_bytes());
        out.extend_from_slice(&self.synced_at.to_le_bytes());
        put_u32(&mut out, self.notes.len());
        for (path, entry) in &self.notes {
            put_str(&mut out, path);
            out.extend_from_slice(&entry.size.to_le_bytes());
            out.extend_from_slice(&entry.mtime.to_le_bytes());
            out.extend_from_slice(&entry.hash.to_le_bytes());
            out.push(entry.kind.code());
            match &entry.person {
                None => out.push(0),
                Some(person) => {
                    out.push(1);
                    put_str(&mut out, &person.name);
                    put_strs(&mut out, &person.aliases);
                    match &person.slug {
                        None => out.push(0),
                        Some(slug) => {
                            out.push(1);
                            put_str(&mut out, slug);
                        }
                    }
                    out.push(u8::from(person.owner));
                }
            }
            put_strs(&mut out, &entry.mentions);
        }
        let sum = xxhash_rust::xxh3::xxh3_64(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Writes the manifest atomically: a temporary file renamed over it.
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        crate::state::write_state_file(path, &self.encode())
    }

    /// Every person's names, by path.
    #[must_use]
    pub fn people(&self) -> BTreeMap<&str, &PersonNames> {
        self.notes
            .iter()
            .filter_map(|(path, entry)| Some((path.as_str(), entry.person.as_ref()?)))
            .collect()
    }

    /// Stand-ins for every person, in path order.
    pub fn known_people(&self) -> impl Iterator<Item = Person> + '_ {
        self.notes
            .iter()
            .filter_map(|(path, entry)| Some(entry.person.as_ref()?.to_person(path)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> Manifest {
        let mut notes = BTreeMap::new();
        notes.insert(
            "People/Ada.md".to_string(),
            Entry {
                size: 10,
                mtime: 5,
                hash: 7,
                kind: EntryKind::Person,
                person: Some(PersonNames {
                    name: "Ada Lovelace".into(),
                    aliases: vec!["Ada".into()],
                    slug: None,
                    owner: false,
                }),
                mentions: Vec::new(),
            },
        );
        notes.insert(
            "Journal/2026-11-01.md".to_string(),
            Entry {
                size: 3,
                mtime: 4,
                hash: 1,
                kind: EntryKind::Journal,
                person: None,
                mentions: vec!["Ada".into(), "Bob".into()],
            },
        );
        Manifest {
            schema: 1,
            root: "/v".into(),
            settings: 3,
            synced_at: 9,
            notes,
        }
    }

    #[test]
    fn round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let m = manifest();
        m.write(&path).unwrap();
        assert_eq!(Manifest::read(&path).unwrap(), m);
        std::fs::write(&path, "{garbage").unwrap();
        let Err(Unusable::Damaged(why)) = Manifest::read(&path) else {
            panic!("garbage read as a manifest");
        };
        assert!(why.contains("damaged"), "{why}");
    }

    #[test]
    fn every_cut_and_every_flipped_byte_is_refused_never_a_panic() {
        let bytes = manifest().encode();
        for n in 0..bytes.len() {
            assert!(Manifest::decode(&bytes[..n]).is_err(), "cut at {n}");
            let mut flipped = bytes.clone();
            flipped[n] ^= 0x41;
            assert!(Manifest::decode(&flipped).is_err(), "byte {n} flipped");
        }
    }

    /// A file that passes the checksum (re-signed by whoever planted
    /// it) is still checked field by field.
    fn signed(mut body: Vec<u8>) -> Vec<u8> {
        body.truncate(body.len() - 8);
        let sum = xxhash_rust::xxh3::xxh3_64(&body);
        body.extend_from_slice(&sum.to_le_bytes());
        body
    }

    #[test]
    fn planted_paths_counts_and_versions_are_refused() {
        let mut m = manifest();
        let entry = m.notes["People/Ada.md"].clone();
        m.notes.insert("../etc/passwd.md".into(), entry);
        assert!(matches!(
            Manifest::decode(&m.encode()),
            Err(Unusable::Damaged(why)) if why.contains("outside the vault")
        ));
        // A huge count is damage, found before anything is allocated.
        let mut bytes = manifest().encode();
        let at = MAGIC.len() + 4 + 4 + 4 + 2 + 8 + 8;
        bytes[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(
            Manifest::decode(&signed(bytes)),
            Err(Unusable::Damaged(why)) if why.contains("count")
        ));
        let mut bytes = manifest().encode();
        bytes[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&(FORMAT + 1).to_le_bytes());
        assert_eq!(Manifest::decode(&signed(bytes)), Err(Unusable::Outdated));
    }

    #[test]
    fn a_json_manifest_of_an_earlier_version_is_outdated_not_damaged() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(OLD_FILE_NAME), "{}").unwrap();
        assert_eq!(
            Manifest::read(&dir.path().join(FILE_NAME)),
            Err(Unusable::Outdated)
        );
    }

    #[test]
    fn stand_ins_carry_names_and_stem() {
        let m = manifest();
        let people: Vec<Person> = m.known_people().collect();
        assert_eq!(people[0].stem, "Ada");
        assert_eq!(people[0].names().count(), 3);
    }
}
