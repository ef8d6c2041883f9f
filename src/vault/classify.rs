//! Deciding what a note is (SPEC §1): a template, a person, a journal
//! note, or something else. Every sign comes from real public vaults;
//! a note is never taken for a person without one.

use crate::config::VaultSettings;
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

const PERSON_WORDS: &[&str] = &["person", "people", "persons", "contact", "contacts"];
const PERSON_FOLDER_WORDS: &[&str] = &["people", "persons", "contacts", "friends"];
const NOT_PERSON_WORDS: &[&str] = &[
    "org",
    "orgs",
    "organization",
    "organizations",
    "organisation",
    "organisations",
    "company",
    "companies",
    "location",
    "locations",
    "place",
    "places",
];
const JOURNAL_FOLDER_WORDS: &[&str] = &[
    "daily",
    "dailies",
    "dailys",
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
];
const TYPE_KEYS: &[&str] = &["type", "category", "categories", "kind"];

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

/// The type-like values of the front matter, reduced to last parts.
fn type_values(fm: Option<&FrontMatter>) -> Vec<String> {
    let Some(fm) = fm else { return Vec::new() };
    fm.fields
        .iter()
        .filter(|f| TYPE_KEYS.iter().any(|k| f.key.eq_ignore_ascii_case(k)))
        .filter_map(|f| value_strings(&f.value, true))
        .flatten()
        .map(|v| last_part(&v))
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

/// Classifies one note.
#[must_use]
pub fn classify(signs: &Signs<'_>, settings: &VaultSettings) -> Class {
    let (folders, file) = match signs.rel.rsplit_once('/') {
        Some((dir, file)) => (dir.split('/').collect::<Vec<_>>(), file),
        None => (Vec::new(), signs.rel),
    };
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    if folders
        .iter()
        .any(|f| has_word(f, &["template", "templates"]))
        || stem.to_lowercase().contains("template")
        || signs
            .raw_front_matter
            .is_some_and(|raw| raw.contains("{{") || raw.contains("<%"))
    {
        return Class::Template;
    }
    let types = type_values(signs.front_matter);
    let not_person = types.iter().any(|t| NOT_PERSON_WORDS.contains(&t.as_str()));
    if !not_person && is_person(signs, settings, &folders, stem, &types) {
        return Class::Person;
    }
    let is_journal = settings
        .journals
        .as_ref()
        .is_some_and(|g| g.is_match(signs.rel))
        || folders.iter().any(|f| has_word(f, JOURNAL_FOLDER_WORDS))
        || find_iso_date(stem).is_some()
        || types.iter().any(|t| JOURNAL_TYPES.contains(&t.as_str()));
    if is_journal {
        Class::Journal
    } else {
        Class::Other
    }
}

fn is_person(
    signs: &Signs<'_>,
    settings: &VaultSettings,
    folders: &[&str],
    stem: &str,
    types: &[String],
) -> bool {
    if let Some(globs) = &settings.people {
        if globs.is_match(signs.rel) {
            return true;
        }
    }
    if types.iter().any(|t| PERSON_WORDS.contains(&t.as_str())) {
        return true;
    }
    if signs
        .tags
        .iter()
        .chain(&front_matter_tags(signs.front_matter))
        .any(|t| PERSON_WORDS.contains(&last_part(t).as_str()))
    {
        return true;
    }
    if settings.people.is_some() {
        return false;
    }
    let root_name = settings
        .root
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("");
    let in_people_folder = std::iter::once(root_name)
        .chain(folders.iter().copied())
        .any(|f| has_word(f, PERSON_FOLDER_WORDS));
    in_people_folder && !starts_with_date(stem)
}

/// Whether a file name starts with a date (`2026-03-01 call`), making it
/// a journal note about someone rather than their person note.
fn starts_with_date(stem: &str) -> bool {
    let head: String = stem.chars().take(10).collect();
    head.len() == 10 && find_iso_date(&head).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn class(rel: &str, yaml: &str, tags: &[&str], settings: &VaultSettings) -> Class {
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
    fn root_folder_name_counts() {
        let s = VaultSettings::defaults(Path::new("/home/me/people"));
        assert_eq!(class("Ada.md", "", &[], &s), Class::Person);
    }
}
