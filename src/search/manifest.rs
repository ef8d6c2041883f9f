//! The manifest kept beside each index generation: what every note was
//! (size, modification time, xxh3 content hash, kind) when it was last
//! indexed, and the names of every person, so an incremental sync can
//! re-read only what changed and still resolve journal mentions.
//!
//! The manifest may lag behind the index (a crash between commit and
//! manifest write) but never run ahead of it: re-indexing a note is
//! idempotent (delete by path, add again), so a lagging manifest costs a
//! redundant re-index, never a stale answer.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::{Fact, Person, Span};

/// The manifest's file name inside an index generation.
pub const FILE_NAME: &str = "vaultnet-manifest.json";

/// What a note was when indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    Person,
    Journal,
    Other,
    Template,
    Unreadable,
}

/// The names of a person, enough to resolve mentions of them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PersonNames {
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
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

    /// A stand-in person for name resolution (`vault::load_files`).
    #[must_use]
    pub fn to_person(&self, path: &str) -> Person {
        let file = path.rsplit('/').next().unwrap_or(path);
        let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
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

/// One note as last indexed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch.
    pub mtime: u64,
    /// xxh3 of the file's bytes; 0 forces a re-read next time.
    pub hash: u64,
    pub kind: EntryKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<PersonNames>,
}

/// Everything known about an index generation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

impl Manifest {
    /// Reads a manifest; Err says why it cannot be used.
    pub fn read(path: &Path) -> Result<Manifest, String> {
        let bytes = crate::state::read_state_file(path, crate::state::MAX_MANIFEST_BYTES)
            .map_err(|e| format!("cannot read the manifest: {e}"))?;
        Manifest::decode(&bytes)
    }

    /// A manifest from its bytes. It comes from a file anyone may have
    /// written: every path it records must be a note path of the vault,
    /// or the manifest is not used at all.
    pub fn decode(bytes: &[u8]) -> Result<Manifest, String> {
        let manifest: Manifest =
            serde_json::from_slice(bytes).map_err(|e| format!("the manifest is damaged: {e}"))?;
        if let Some(bad) = manifest
            .notes
            .keys()
            .find(|path| !crate::state::is_note_path(path))
        {
            return Err(format!(
                "the manifest names a path outside the vault ({:?})",
                bad.chars().take(80).collect::<String>()
            ));
        }
        Ok(manifest)
    }

    /// Writes the manifest atomically: a temporary file renamed over it.
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        crate::state::write_state_file_with(path, |out| {
            serde_json::to_writer(out, self).map_err(std::io::Error::other)
        })
    }

    /// A fingerprint of every person's names, in path order: when it
    /// changes, journal mentions must be resolved again.
    #[must_use]
    pub fn people_signature(&self) -> u64 {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for (path, entry) in &self.notes {
            if let Some(person) = &entry.person {
                hasher.update(path.as_bytes());
                hasher.update(&[0]);
                for name in std::iter::once(&person.name)
                    .chain(&person.aliases)
                    .chain(&person.slug)
                {
                    hasher.update(name.as_bytes());
                    hasher.update(&[1]);
                }
                hasher.update(&[u8::from(person.owner), 2]);
            }
        }
        hasher.digest()
    }

    /// Stand-ins for the people whose notes are not in `skip`.
    pub fn known_people<'a>(
        &'a self,
        skip: &'a std::collections::HashSet<String>,
    ) -> impl Iterator<Item = Person> + 'a {
        self.notes.iter().filter_map(move |(path, entry)| {
            let person = entry.person.as_ref()?;
            (!skip.contains(path)).then(|| person.to_person(path))
        })
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
    fn round_trips_and_signs_people() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let m = manifest();
        m.write(&path).unwrap();
        assert_eq!(Manifest::read(&path).unwrap(), m);
        let mut renamed = m.clone();
        renamed
            .notes
            .get_mut("People/Ada.md")
            .unwrap()
            .person
            .as_mut()
            .unwrap()
            .aliases
            .push("Countess".into());
        assert_ne!(m.people_signature(), renamed.people_signature());
        std::fs::write(&path, "{garbage").unwrap();
        assert!(Manifest::read(&path).unwrap_err().contains("damaged"));
    }

    #[test]
    fn stand_ins_carry_names_and_stem() {
        let m = manifest();
        let skip = std::collections::HashSet::new();
        let people: Vec<Person> = m.known_people(&skip).collect();
        assert_eq!(people[0].stem, "Ada");
        assert_eq!(people[0].names().count(), 3);
    }
}
