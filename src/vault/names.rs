//! Matching names written in links, participant lists and inline fields
//! to people (SPEC §1): case-insensitive against name, aliases, slug and
//! file stem, also in slug form (`ada-lovelace` matches `Ada Lovelace`).

use std::collections::HashMap;

use crate::model::Person;

/// The slug form of a name: lowercase words joined by `-`.
#[must_use]
pub fn slug_form(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// A lookup from every name form to the person it names.
#[derive(Debug, Default)]
pub struct NameIndex {
    exact: HashMap<String, usize>,
    slugs: HashMap<String, usize>,
}

impl NameIndex {
    /// Builds the index; the first person (in path order) wins a name
    /// that two people share (`duplicate-person` reports that).
    #[must_use]
    pub fn new(people: &[Person]) -> Self {
        let mut index = NameIndex::default();
        for (i, person) in people.iter().enumerate() {
            for name in person.names() {
                let name = name.trim();
                if name.is_empty() {
                    continue;
                }
                index.exact.entry(name.to_lowercase()).or_insert(i);
                let slug = slug_form(name);
                if !slug.is_empty() {
                    index.slugs.entry(slug).or_insert(i);
                }
            }
        }
        index
    }

    /// The person a written name refers to. Accepts link targets with a
    /// folder (`People/Ada Lovelace`) or `.md` suffix.
    #[must_use]
    pub fn resolve(&self, written: &str) -> Option<usize> {
        let mut name = written.trim().trim_start_matches('@');
        name = name.strip_suffix(".md").unwrap_or(name);
        if let Some(i) = self.exact.get(&name.to_lowercase()) {
            return Some(*i);
        }
        if let Some((_, last)) = name.rsplit_once('/') {
            if let Some(i) = self.exact.get(&last.trim().to_lowercase()) {
                return Some(*i);
            }
            name = last;
        }
        let slug = slug_form(name);
        (!slug.is_empty())
            .then(|| self.slugs.get(&slug).copied())
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Fact;

    fn person(name: &str, aliases: &[&str], slug: Option<&str>, stem: &str) -> Person {
        Person {
            name: name.into(),
            aliases: aliases
                .iter()
                .map(|a| Fact::new((*a).to_string(), crate::model::Span::line(1)))
                .collect(),
            slug: slug.map(Into::into),
            stem: stem.into(),
            ..Person::default()
        }
    }

    #[test]
    fn resolves_every_name_form() {
        let people = vec![
            person("Ada Lovelace", &["Countess"], Some("ada"), "ada-lovelace"),
            person("Grace Hopper", &[], None, "Grace Hopper"),
        ];
        let index = NameIndex::new(&people);
        for written in [
            "Ada Lovelace",
            "ada lovelace",
            "countess",
            "ada",
            "ada-lovelace",
            "People/Ada Lovelace",
            "Ada Lovelace.md",
            "ADA_LOVELACE",
        ] {
            assert_eq!(index.resolve(written), Some(0), "{written}");
        }
        assert_eq!(index.resolve("grace-hopper"), Some(1));
        assert_eq!(index.resolve("Alan Turing"), None);
        assert_eq!(index.resolve(""), None);
    }

    #[test]
    fn slug_form_of_any_script() {
        assert_eq!(slug_form("Zoë  O'Brien"), "zoë-o-brien");
        assert_eq!(slug_form("李 小龙"), "李-小龙");
        assert_eq!(slug_form("🙂"), "");
    }
}
