//! Deciding what a note is (SPEC §1): a template, a person (perhaps a
//! reference person), a journal note, or something else. Every sign comes
//! from real public vaults; a note is never taken for a person without
//! one, and the sign that decided is returned with the class so
//! `check --show-files` can say *why*.
//!
//! Only folders inside the vault are signs: the root's own name (a clone
//! called `friends-crm` or `vault-template`) says nothing about a note.
//!
//! Decisions where the spec is silent:
//! - Relationship words as a type (`friend`, `colleague`, `client`,
//!   `family`, `mentor`, …) neither make a person nor veto one: a note
//!   `type: friend` in `People/` is a person, in `Notes/` is not.
//! - `categories` acts as tags (vCard notes write `categories: [Friends]`)
//!   and so never vetoes; `type`, `kind` and `category` do.
//! - A reference type or tag (`author`, `public-figure`) is itself a
//!   person sign: `type: author` names a person you know of.
//! - A reference folder word (`Vendors/`) only makes a reference person
//!   of a note that is a person by another sign; a `Vendors` folder alone
//!   holds companies as often as people.

use crate::config::VaultSettings;
use crate::vault::daily_notes::find_compact_date;
use crate::vault::dates::find_iso_date;
use crate::vault::fields::{link_text, tag_words, value_strings};
use crate::vault::frontmatter::FrontMatter;

/// What the signs say a note is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Template,
    Person,
    Journal,
    Other,
}

/// A note's class, the sign that decided it, and for a person whether
/// they are a reference person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub class: Class,
    /// The sign that decided, as `--show-files` prints it:
    /// ``folder `People` ``, `type: meeting`, `date in file name`.
    pub sign: String,
    pub reference: Option<Reference>,
}

/// Why a person is a reference person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub sign: String,
    /// The note is marked both a person and a reference
    /// (`categories: [People, Authors]`): it is a reference person only
    /// while it records no interaction.
    pub yields_to_contact: bool,
}

const PERSON_WORDS: &[&str] = &["person", "people", "persons", "contact", "contacts"];
const PERSON_FOLDER_WORDS: &[&str] = &["people", "persons", "contacts", "friends"];
/// Type values that say "a person, in some relationship" without being
/// a person sign of the spec: they never veto.
const NEUTRAL_TYPES: &[&str] = &[
    "friend",
    "friends",
    "colleague",
    "colleagues",
    "coworker",
    "coworkers",
    "family",
    "relative",
    "relatives",
    "client",
    "clients",
    "customer",
    "customers",
    "mentor",
    "mentors",
    "mentee",
    "acquaintance",
    "acquaintances",
    "lead",
    "leads",
    "prospect",
    "prospects",
    "human",
    "individual",
    "profile",
    "crm",
    "vcard",
];
const REFERENCE_WORDS: &[&str] = &[
    "author",
    "authors",
    "writer",
    "writers",
    "musician",
    "musicians",
    "artist",
    "artists",
    "creator",
    "creators",
    "character",
    "characters",
    "celebrity",
    "celebrities",
    "public-figure",
    "public-figures",
    "historical-figure",
    "historical-figures",
    "reference",
    "references",
];
/// Reference words that are also person signs on their own: not
/// `reference`, a tag real vaults give to clipped articles and docs.
const REFERENCE_PERSON_WORDS: &[&str] = &[
    "author",
    "authors",
    "writer",
    "writers",
    "musician",
    "musicians",
    "artist",
    "artists",
    "creator",
    "creators",
    "character",
    "characters",
    "celebrity",
    "celebrities",
    "public-figure",
    "public-figures",
    "historical-figure",
    "historical-figures",
];
const REFERENCE_FOLDER_WORDS: &[&str] = &[
    "authors",
    "creators",
    "characters",
    "services",
    "vendors",
    "providers",
    "suppliers",
];
const REFERENCE_RELATIONSHIPS: &[&str] = &["service", "vendor", "provider", "supplier"];
const JOURNAL_FOLDER_WORDS: &[&str] = &[
    "daily",
    "dailies",
    "dailys",
    "diary",
    "journal",
    "journals",
    "meeting",
    "meetings",
    "interactions",
    "calls",
    "chats",
];
const JOURNAL_TYPES: &[&str] = &[
    "meeting",
    "meetings",
    "journal",
    "journals",
    "daily",
    "call",
    "calls",
    "chat",
    "chats",
    "interaction",
    "interactions",
    "one_on_one",
    "one-on-one",
    "1:1",
    "1-1",
    "1on1",
];
/// Keys whose values say what a note is (rule 2), normalised.
const TYPE_KEYS: &[&str] = &["type", "category", "categories", "kind", "templatetype"];
/// Keys whose non-person value vetoes a person (rule 5), normalised.
const VETO_KEYS: &[&str] = &["type", "category", "kind", "templatetype"];
/// File names that describe a folder or a project, not a person.
const PROJECT_FILES: &[&str] = &[
    "readme",
    "index",
    "_index",
    "changelog",
    "license",
    "contributing",
];

/// Words of a folder note or a listing inside a people folder
/// (`People.md`, `peoples.md`, `Contacts overview.md`, `People
/// dashboard.md`): a note named only with these lists people, it is not
/// one.
const LISTING_WORDS: &[&str] = &[
    "people",
    "peoples",
    "persons",
    "contacts",
    "friends",
    "list",
    "directory",
    "overview",
    "dashboard",
    "database",
    "all",
    "my",
];

/// Whether a file stem names a listing of people rather than a person.
fn is_listing(stem: &str) -> bool {
    let mut any = false;
    for word in words(stem) {
        if !LISTING_WORDS.contains(&word.as_str()) {
            return false;
        }
        any = true;
    }
    any
}

/// The words of a file or folder name: split on anything that is not a
/// letter or digit, lowercased.
pub fn words(name: &str) -> impl Iterator<Item = String> + '_ {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

fn has_word(name: &str, wanted: &[&str]) -> bool {
    words(name).any(|w| wanted.contains(&w.as_str()))
}

/// A folder word of `wanted`, with the folder it is in, when any.
fn folder_with<'a>(folders: &[&'a str], wanted: &[&str]) -> Option<&'a str> {
    folders.iter().copied().find(|f| has_word(f, wanted))
}

/// `folder` words also match joined (`1-1s` is one word to a reader).
fn is_one_on_one_folder(folder: &str) -> bool {
    let lower = folder.to_lowercase();
    let joined: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
    matches!(joined.as_str(), "11s" | "1on1s" | "oneonones") || lower.contains("1:1")
}

/// A key as compared here: lowercase letters and digits only.
fn normal_key(key: &str) -> String {
    key.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The last part of a type value or nested tag: `[[People]]` -> `people`,
/// `crm/person` -> `person`, `#type/person` -> `person`.
fn last_part(value: &str) -> String {
    let text = link_text(value.trim().trim_start_matches('#'));
    text.rsplit('/')
        .next()
        .unwrap_or(text)
        .trim()
        .to_lowercase()
}

/// Whether a type value (already a last part) is one of `wanted`, alone
/// or as the last word of a hyphenated value (`crm-person`).
fn is_value(value: &str, wanted: &[&str]) -> bool {
    let spaced = value.replace([' ', '_'], "-");
    wanted.contains(&value)
        || wanted.contains(&spaced.as_str())
        || spaced
            .rsplit_once('-')
            .is_some_and(|(_, last)| wanted.contains(&last))
}

/// The type-like values of the front matter, as `(key, last part)`.
fn type_values(fm: Option<&FrontMatter>, keys: &[&str]) -> Vec<(String, String)> {
    let Some(fm) = fm else { return Vec::new() };
    fm.fields
        .iter()
        .filter(|f| keys.contains(&normal_key(&f.key).as_str()))
        .filter_map(|f| Some((f.key.clone(), value_strings(&f.value, true)?)))
        .flat_map(|(key, values)| {
            values
                .into_iter()
                .map(move |v| (key.clone(), last_part(&v)))
        })
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

/// Front-matter `tags`: a list, or a space- or comma-separated string,
/// `#` optional.
#[must_use]
pub fn front_matter_tags(fm: Option<&FrontMatter>) -> Vec<String> {
    fm.and_then(|fm| fm.get(&["tags", "tag"]))
        .and_then(|f| value_strings(&f.value, true))
        .unwrap_or_default()
        .iter()
        .flat_map(|v| tag_words(v))
        .map(ToString::to_string)
        .collect()
}

/// Everything the classifier looks at for one note.
pub struct Signs<'a> {
    /// Path relative to the vault root, `/` separators.
    pub rel: &'a str,
    pub front_matter: Option<&'a FrontMatter>,
    /// The raw front-matter text, to spot unfilled placeholders even
    /// when it is not valid YAML.
    pub raw_front_matter: Option<&'a str>,
    /// Tags from front matter and body, without `#`.
    pub tags: &'a [String],
}

fn reading(class: Class, sign: impl Into<String>) -> Reading {
    Reading {
        class,
        sign: sign.into(),
        reference: None,
    }
}

/// Classifies one note.
#[must_use]
pub fn classify(signs: &Signs<'_>, settings: &VaultSettings) -> Reading {
    let (folders, file) = match signs.rel.rsplit_once('/') {
        Some((dir, file)) => (dir.split('/').collect::<Vec<_>>(), file),
        None => (Vec::new(), signs.rel),
    };
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    if let Some(folder) = folder_with(&folders, &["template", "templates"]) {
        return reading(Class::Template, format!("template folder `{folder}`"));
    }
    if stem.to_lowercase().contains("template") {
        return reading(Class::Template, "`template` in the file name");
    }
    if signs
        .raw_front_matter
        .is_some_and(|raw| raw.contains("{{") || raw.contains("<%"))
    {
        return reading(Class::Template, "unfilled placeholder in the front matter");
    }
    let types = type_values(signs.front_matter, TYPE_KEYS);
    let tags: Vec<String> = signs
        .tags
        .iter()
        .chain(&front_matter_tags(signs.front_matter))
        .map(|t| last_part(t))
        .collect();
    let veto = type_values(signs.front_matter, VETO_KEYS)
        .into_iter()
        .find(|(_, v)| {
            !is_value(v, PERSON_WORDS)
                && !is_value(v, REFERENCE_WORDS)
                && !NEUTRAL_TYPES.contains(&v.as_str())
        });
    let person = person_sign(signs, settings, &folders, stem, &types, &tags);
    match (&person, &veto) {
        (Some(PersonSign::Explicit(sign)), _) | (Some(PersonSign::Place(sign)), None) => {
            let mut read = reading(Class::Person, sign.clone());
            read.reference = reference_sign(signs.front_matter, &folders, &types, &tags);
            return read;
        }
        _ => {}
    }
    let daily = settings.daily_notes.as_ref();
    let journal_sign = if settings
        .journals
        .as_ref()
        .is_some_and(|g| g.is_match(signs.rel))
    {
        Some("`journals` glob".to_string())
    } else if let Some(daily) = daily.filter(|d| settings.journals.is_none() && d.holds(signs.rel))
    {
        Some(format!(
            "daily-notes folder `{}` ({})",
            daily.folder, daily.source
        ))
    } else if let Some((key, value)) = types.iter().find(|(_, v)| is_value(v, JOURNAL_TYPES)) {
        Some(format!("{key}: {value}"))
    } else if let Some(folder) = folders
        .iter()
        .find(|f| has_word(f, JOURNAL_FOLDER_WORDS) || is_one_on_one_folder(f))
    {
        Some(format!("folder `{folder}`"))
    } else if daily.and_then(|d| d.date_of(signs.rel)).is_some() {
        Some("file name in the daily-notes format".to_string())
    } else if find_iso_date(stem).is_some() || find_compact_date(stem).is_some() {
        Some("date in the file name".to_string())
    } else {
        None
    };
    let project_file = PROJECT_FILES.contains(&stem.to_lowercase().as_str());
    if let Some(sign) = journal_sign.filter(|_| !project_file) {
        return reading(Class::Journal, sign);
    }
    match (person, veto) {
        (Some(PersonSign::Place(place)), Some((key, value))) => {
            reading(Class::Other, format!("{key}: {value} (vetoes {place})"))
        }
        _ if project_file => reading(Class::Other, format!("`{stem}` file without a person sign")),
        _ => reading(Class::Other, "no person or journal sign"),
    }
}

/// A person sign: an explicit one (a glob, a type, a tag) that no type
/// vetoes, or a place (a people folder) that a type or file name can.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PersonSign {
    Explicit(String),
    Place(String),
}

fn person_sign(
    signs: &Signs<'_>,
    settings: &VaultSettings,
    folders: &[&str],
    stem: &str,
    types: &[(String, String)],
    tags: &[String],
) -> Option<PersonSign> {
    if let Some(globs) = &settings.people {
        if globs.is_match(signs.rel) {
            return Some(PersonSign::Explicit("`people` glob".into()));
        }
    }
    if let Some((key, value)) = types
        .iter()
        .find(|(_, v)| is_value(v, PERSON_WORDS) || is_value(v, REFERENCE_PERSON_WORDS))
    {
        return Some(PersonSign::Explicit(format!("{key}: {value}")));
    }
    if let Some(tag) = tags
        .iter()
        .find(|t| is_value(t, PERSON_WORDS) || is_value(t, REFERENCE_PERSON_WORDS))
    {
        return Some(PersonSign::Explicit(format!("tag #{tag}")));
    }
    if settings.people.is_some() {
        return None;
    }
    let folder = folder_with(folders, PERSON_FOLDER_WORDS)?;
    if PROJECT_FILES.contains(&stem.to_lowercase().as_str()) || is_listing(stem) {
        return None;
    }
    if starts_with_date(stem) {
        return None;
    }
    Some(PersonSign::Place(format!("folder `{folder}`")))
}

/// Whether a person is a reference person, and the sign that says so.
fn reference_sign(
    fm: Option<&FrontMatter>,
    folders: &[&str],
    types: &[(String, String)],
    tags: &[String],
) -> Option<Reference> {
    let field_text = |keys: &[&str]| {
        fm.and_then(|fm| fm.get(keys))
            .and_then(|f| value_strings(&f.value, true))
            .unwrap_or_default()
    };
    if field_text(&["status"])
        .iter()
        .any(|s| s.trim().eq_ignore_ascii_case("reference"))
    {
        return Some(Reference {
            sign: "status: reference".into(),
            yields_to_contact: false,
        });
    }
    let marked_person = types.iter().any(|(_, v)| is_value(v, PERSON_WORDS))
        || tags.iter().any(|t| is_value(t, PERSON_WORDS));
    if let Some((key, value)) = types.iter().find(|(_, v)| is_value(v, REFERENCE_WORDS)) {
        return Some(Reference {
            sign: format!("{key}: {value}"),
            yields_to_contact: marked_person,
        });
    }
    if let Some(tag) = tags.iter().find(|t| is_value(t, REFERENCE_WORDS)) {
        return Some(Reference {
            sign: format!("tag #{tag}"),
            yields_to_contact: marked_person,
        });
    }
    if let Some(folder) = folder_with(folders, REFERENCE_FOLDER_WORDS) {
        return Some(Reference {
            sign: format!("folder `{folder}`"),
            yields_to_contact: false,
        });
    }
    let relationship = field_text(&["relationship", "relation", "prm-relationship"]);
    if let Some(value) = relationship.iter().map(|r| last_part(r)).find(|r| {
        REFERENCE_RELATIONSHIPS
            .iter()
            .any(|w| r == w || r.strip_suffix('s') == Some(w))
    }) {
        return Some(Reference {
            sign: format!("relationship: {value}"),
            yields_to_contact: false,
        });
    }
    None
}

/// Whether a file name starts with a date (`2026-03-01 call`,
/// `20260301 call`), making it a journal note about someone rather than
/// their person note.
fn starts_with_date(stem: &str) -> bool {
    let head: String = stem.chars().take(10).collect();
    if head.len() == 10 && find_iso_date(&head).is_some() {
        return true;
    }
    let compact: String = stem.chars().take(9).collect();
    let digits = compact.chars().take_while(char::is_ascii_digit).count();
    digits == 8 && find_compact_date(&compact).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn class(rel: &str, yaml: &str, tags: &[&str], settings: &VaultSettings) -> Class {
        read(rel, yaml, tags, settings).class
    }

    fn read(rel: &str, yaml: &str, tags: &[&str], settings: &VaultSettings) -> Reading {
        let text = if yaml.is_empty() {
            String::new()
        } else {
            format!("---\n{yaml}\n---\n")
        };
        let parsed = crate::vault::frontmatter::parse(&text);
        let tags: Vec<String> = tags.iter().map(|t| (*t).to_string()).collect();
        classify(
            &Signs {
                rel,
                front_matter: parsed.front_matter.as_ref(),
                raw_front_matter: (!yaml.is_empty()).then_some(yaml),
                tags: &tags,
            },
            settings,
        )
    }

    fn defaults() -> VaultSettings {
        VaultSettings::defaults(Path::new("/tmp/vault"))
    }

    #[test]
    fn folder_words_make_people() {
        let s = defaults();
        for rel in [
            "People/Ada.md",
            "10 Example Data/people/Ada.md",
            "people_notes/Ada.md",
            "Team Manager/People/Ada.md",
            "CRM/Contacts/Ada.md",
            "Friends/Ada.md",
        ] {
            assert_eq!(class(rel, "", &[], &s), Class::Person, "{rel}");
        }
        assert_eq!(class("Peoples/Ada.md", "", &[], &s), Class::Other);
        assert_eq!(class("Ada.md", "", &[], &s), Class::Other);
    }

    #[test]
    fn dated_file_in_people_folder_is_journal() {
        let s = defaults();
        assert_eq!(
            class("People/Ada/2026-03-01 call.md", "", &[], &s),
            Class::Journal
        );
    }

    #[test]
    fn front_matter_types_make_people() {
        let s = defaults();
        for yaml in [
            "type: person",
            "category: \"[[People]]\"",
            "categories:\n  - \"[[People]]\"",
            "kind: contact",
            "type: crm/person",
            "type: type/person",
            "tags: [person]",
            "tags: \"#work #person\"",
            "tags: friend, contact",
            "tags:\n  - type/person",
        ] {
            assert_eq!(class("Ada.md", yaml, &[], &s), Class::Person, "{yaml}");
        }
        assert_eq!(class("Ada.md", "", &["person"], &s), Class::Person);
    }

    #[test]
    fn orgs_and_templates_are_not_people() {
        let s = defaults();
        assert_eq!(
            class("People/Acme.md", "type: company", &[], &s),
            Class::Other
        );
        assert_eq!(class("People/Acme.md", "kind: org", &[], &s), Class::Other);
        assert_eq!(
            class("Templates/Person.md", "type: person", &[], &s),
            Class::Template
        );
        assert_eq!(
            class("People/Person Template.md", "", &[], &s),
            Class::Template
        );
        assert_eq!(
            class("People/x.md", "name: \"{{title}}\"", &[], &s),
            Class::Template
        );
        assert_eq!(
            class("People/x.md", "met: <% tp.date.now() %>", &[], &s),
            Class::Template
        );
    }

    #[test]
    fn people_glob_replaces_folder_words() {
        let mut s = defaults();
        let mut b = globset::GlobSetBuilder::new();
        b.add(globset::Glob::new("Crm/**").unwrap());
        s.people = Some(b.build().unwrap());
        assert_eq!(class("Crm/Ada.md", "", &[], &s), Class::Person);
        assert_eq!(class("People/Ada.md", "", &[], &s), Class::Other);
        assert_eq!(
            class("People/Ada.md", "type: person", &[], &s),
            Class::Person
        );
    }

    #[test]
    fn journals() {
        let s = defaults();
        for (rel, yaml) in [
            ("Daily/anything.md", ""),
            ("Journal/x.md", ""),
            ("Meetings/Standup.md", ""),
            ("2026-03-01.md", ""),
            ("Meeting - 2024-06-14 2247.md", ""),
            ("notes/x.md", "type: meeting"),
            ("notes/x.md", "type: call"),
        ] {
            assert_eq!(class(rel, yaml, &[], &s), Class::Journal, "{rel}");
        }
        assert_eq!(class("notes/x.md", "", &[], &s), Class::Other);
    }

    #[test]
    fn the_root_folder_name_never_counts() {
        for root in [
            "/home/me/people",
            "/src/friends-crm",
            "/src/starter-template",
            "/j/daily",
        ] {
            let s = VaultSettings::defaults(Path::new(root));
            assert_eq!(class("Ada.md", "", &[], &s), Class::Other, "{root}");
            assert_eq!(class("People/Ada.md", "", &[], &s), Class::Person, "{root}");
        }
    }

    #[test]
    fn vetoes_beat_the_folder() {
        let s = defaults();
        for yaml in [
            "type: project",
            "kind: goal",
            "category: \"[[Books]]\"",
            "type: meeting",
        ] {
            let r = read("Contacts/Website relaunch.md", yaml, &[], &s);
            assert_ne!(r.class, Class::Person, "{yaml}");
            assert!(
                r.sign.contains("vetoes") || r.class == Class::Journal,
                "{yaml}: {}",
                r.sign
            );
        }
        assert_eq!(
            class("Contacts/Ada.md", "type: friend", &[], &s),
            Class::Person
        );
        assert_eq!(
            class("Contacts/Ada.md", "categories: [Work]", &[], &s),
            Class::Person
        );
        for stem in ["People", "peoples", "Contacts overview", "My friends"] {
            let rel = format!("People/{stem}.md");
            assert_eq!(class(&rel, "", &[], &s), Class::Other, "{stem}");
        }
        assert_eq!(class("People/Ada Lovelace.md", "", &[], &s), Class::Person);
        for stem in [
            "README",
            "index",
            "_index",
            "CHANGELOG",
            "LICENSE",
            "CONTRIBUTING",
        ] {
            let rel = format!("People/{stem}.md");
            assert_eq!(class(&rel, "", &[], &s), Class::Other, "{stem}");
            assert_eq!(
                class(&rel, "type: person", &[], &s),
                Class::Person,
                "{stem}"
            );
        }
    }

    #[test]
    fn hyphenated_and_template_type_markers() {
        let s = defaults();
        assert_eq!(
            class("x/Ada.md", "type: crm-person", &[], &s),
            Class::Person
        );
        assert_eq!(
            class("x/Ada.md", "template-type: person", &[], &s),
            Class::Person
        );
        assert_eq!(
            class("x/Sync.md", "type: crm-interaction", &[], &s),
            Class::Journal
        );
        assert_eq!(class("x/Sync.md", "type: 1:1", &[], &s), Class::Journal);
        assert_eq!(
            class("x/Sync.md", "type: one_on_one", &[], &s),
            Class::Journal
        );
    }

    #[test]
    fn reference_people() {
        let s = defaults();
        let reference = |rel: &str, yaml: &str, tags: &[&str]| {
            let r = read(rel, yaml, tags, &s);
            assert_eq!(r.class, Class::Person, "{rel} {yaml}");
            r.reference
        };
        assert!(reference("People/Ada.md", "status: reference", &[]).is_some());
        assert!(reference("Notes/Le Guin.md", "type: author", &[]).is_some());
        assert!(reference("Notes/Le Guin.md", "type: \"[[Writers]]\"", &[]).is_some());
        assert!(reference("Notes/Lincoln.md", "type: historical-figure", &[]).is_some());
        assert!(reference("Notes/Bowie.md", "", &["music/musician"]).is_some());
        assert!(reference("People/Providers/Dr Lee.md", "", &[]).is_some());
        assert!(reference("People/Lee.md", "relationship: vendor", &[]).is_some());
        let both = reference("Notes/Ana.md", "categories: [People, Authors]", &[]).unwrap();
        assert!(both.yields_to_contact);
        assert!(reference("People/Ada.md", "status: active", &[]).is_none());
        assert_eq!(class("Vendors/Acme.md", "", &[], &s), Class::Other);
        assert_eq!(
            class("Clips/Rust book.md", "", &["reference"], &s),
            Class::Other
        );
        assert_eq!(
            class("Clips/Rust book.md", "type: reference", &[], &s),
            Class::Other
        );
    }

    #[test]
    fn journal_signs() {
        let s = defaults();
        for rel in [
            "Standup 20240115.md",
            "Journal-20250302.md",
            "Diary/Thoughts.md",
            "Work/1-1s/Ana.md",
            "People/Ada/20260301 call.md",
        ] {
            assert_eq!(class(rel, "", &[], &s), Class::Journal, "{rel}");
        }
        assert_eq!(class("Ids/Order 202401150.md", "", &[], &s), Class::Other);
        assert_eq!(class("Daily/README.md", "", &[], &s), Class::Other);
    }
}
