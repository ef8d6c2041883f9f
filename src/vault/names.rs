//! Matching names written in links, participant lists and inline fields
//! to people (SPEC §1): case-insensitive against name, aliases, slug and
//! file stem, also in slug form (`ada-lovelace` matches `Ada Lovelace`),
//! with accents folded (`tomas-oliveira` matches `Tomás Oliveira`).
//! Names that match nobody but nearly match someone are found here too,
//! for `unknown-person` (VN010).

use std::collections::HashMap;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::model::Person;

/// A name with case and accents folded: `Tomás` -> `tomas`. Letters
/// that decompose (é, ñ, ö) lose their marks; the Latin letters that do
/// not decompose are spelled the way people type them without the key
/// (ø -> o, ł -> l, đ -> d, ß -> ss, æ -> ae, œ -> oe, þ -> th); other
/// scripts (李) stay.
#[must_use]
pub fn fold(name: &str) -> String {
    // Most names are ASCII: nothing to decompose or spell out, and the
    // Unicode path costs several times as much (a tenth of `find`).
    if name.is_ascii() {
        return name.to_ascii_lowercase();
    }
    fold_unicode(name)
}

fn fold_unicode(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
    {
        match c {
            'ø' => out.push('o'),
            'ł' => out.push('l'),
            'đ' | 'ð' => out.push('d'),
            'ı' => out.push('i'),
            'ħ' => out.push('h'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'þ' => out.push_str("th"),
            _ => out.push(c),
        }
    }
    out
}

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
        out.push_str(&fold(word));
    }
    out
}

/// Whether `fold(form) == folded`, without a copy for an ASCII `form`.
fn folds_to(form: &str, folded: &str) -> bool {
    if form.is_ascii() {
        form.eq_ignore_ascii_case(folded)
    } else {
        fold(form) == folded
    }
}

/// Whether `slug_form(form) == slug`, without a copy for an ASCII `form`.
fn slugs_to(form: &str, slug: &str) -> bool {
    if !form.is_ascii() {
        return slug_form(form) == slug;
    }
    let mut rest = slug.as_bytes();
    let mut first = true;
    for word in form
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !first {
            let Some(tail) = rest.strip_prefix(b"-") else {
                return false;
            };
            rest = tail;
        }
        first = false;
        let Some(head) = rest.get(..word.len()) else {
            return false;
        };
        if !head.eq_ignore_ascii_case(word.as_bytes()) {
            return false;
        }
        rest = &rest[word.len()..];
    }
    rest.is_empty() && !first
}

/// A lookup from every name form to the person it names.
#[derive(Debug, Default)]
pub struct NameIndex {
    exact: HashMap<String, usize>,
    slugs: HashMap<String, usize>,
    /// Each person's display name, for suggestions.
    display: Vec<String>,
}

impl NameIndex {
    /// Builds the index; the first person (in path order) wins a name
    /// that two people share (`duplicate-person` reports that).
    #[must_use]
    pub fn new(people: &[Person]) -> Self {
        use rayon::prelude::*;
        // Folding is most of the cost and each person's is their own:
        // done in parallel, then entered in path order, so the first
        // person still wins a shared name (joining a vault of 100k
        // people spent 6 % of a run here, on one core).
        let forms: Vec<Vec<(String, String)>> = people
            .par_iter()
            .map(|person| {
                person
                    .names()
                    .map(str::trim)
                    .filter(|name| !name.is_empty())
                    .map(|name| (fold(name), slug_form(name)))
                    .collect()
            })
            .collect();
        let mut index = NameIndex::default();
        for (i, (person, forms)) in people.iter().zip(forms).enumerate() {
            index.display.push(person.name.clone());
            for (folded, slug) in forms {
                index.exact.entry(folded).or_insert(i);
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
        if let Some(i) = self.exact.get(&fold(name)) {
            return Some(*i);
        }
        if let Some((_, last)) = name.rsplit_once('/') {
            if let Some(i) = self.exact.get(&fold(last.trim())) {
                return Some(*i);
            }
            name = last;
        }
        let slug = slug_form(name);
        (!slug.is_empty())
            .then(|| self.slugs.get(&slug).copied())
            .flatten()
    }

    /// What [`NameIndex::new`]`(people).resolve(written)` gives, in one
    /// pass over each person's name forms (`forms(i)`, in the order of
    /// [`Person::names`]) and without building the index: `find` asks
    /// whether its query names a person once per run, and building the
    /// whole index for that was a third of a warm `find`.
    #[must_use]
    pub fn resolve_once<'a, F, I>(count: usize, forms: F, written: &str) -> Option<usize>
    where
        F: Fn(usize) -> I,
        I: Iterator<Item = &'a str>,
    {
        let mut name = written.trim().trim_start_matches('@');
        name = name.strip_suffix(".md").unwrap_or(name);
        let whole = fold(name);
        let last = name.rsplit_once('/').map(|(_, last)| last);
        let folded_last = last.map(|l| fold(l.trim()));
        let slug = slug_form(last.unwrap_or(name));
        let slug = (!slug.is_empty()).then_some(slug);
        let (mut by_last, mut by_slug) = (None, None);
        for i in 0..count {
            for form in forms(i) {
                let form = form.trim();
                if form.is_empty() {
                    continue;
                }
                if folds_to(form, &whole) {
                    return Some(i);
                }
                if by_last.is_none() && folded_last.as_deref().is_some_and(|l| folds_to(form, l)) {
                    by_last = Some(i);
                }
                if by_slug.is_none() && slug.as_deref().is_some_and(|s| slugs_to(form, s)) {
                    by_slug = Some(i);
                }
            }
        }
        by_last.or(by_slug)
    }

    /// The people a written name nearly names, for a name that
    /// [`resolve`](Self::resolve) does not match: each name form within
    /// a distance that grows with its length (none for names of up to 4
    /// letters, where one letter makes another name: `Tom` and `Tim`; 1
    /// up to 8 letters; 2 beyond), after folding case and accents. The
    /// closest people, with the name form that matched, best first.
    #[must_use]
    pub fn near(&self, written: &str) -> Vec<(usize, String)> {
        let name = written.trim().trim_start_matches('@');
        let name = name.strip_suffix(".md").unwrap_or(name);
        let name = name.rsplit_once('/').map_or(name, |(_, last)| last);
        let folded = fold(name.trim());
        let slug = slug_form(name);
        let allowed = match folded.chars().filter(|c| c.is_alphanumeric()).count() {
            0..=4 => return Vec::new(),
            5..=8 => 1,
            _ => 2,
        };
        let mut best: Vec<(usize, usize, String)> = Vec::new();
        let exact = self.exact.iter().map(|(form, who)| (form, who, &folded));
        let slugs = self.slugs.iter().map(|(form, who)| (form, who, &slug));
        for (form, &who, written) in exact.chain(slugs) {
            let distance = strsim::osa_distance(written, form);
            let shortest = written.chars().count().min(form.chars().count());
            // Both names must be long enough that the difference is a slip,
            // not another name.
            if distance == 0 || distance > allowed || shortest <= 4 {
                continue;
            }
            best.push((distance, who, self.display[who].clone()));
        }
        best.sort();
        let Some(&(closest, _, _)) = best.first() else {
            return Vec::new();
        };
        let mut out: Vec<(usize, String)> = Vec::new();
        for (distance, who, display) in best {
            if distance == closest && !out.iter().any(|(w, _)| *w == who) {
                out.push((who, display));
            }
        }
        out
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
    fn resolving_once_agrees_with_the_index() {
        let people = vec![
            person(
                "Ada Lovelace",
                &["Countess", " "],
                Some("ada"),
                "ada-lovelace",
            ),
            person("Grace Hopper", &["Amazing Grace"], None, "Grace Hopper"),
            person("Tomás Oliveira", &["Tom"], None, "People/Tomás"),
            person("ada", &[], None, "ada-2"),
            person("Zoë O'Brien", &[], Some("zob"), "Zoë O'Brien"),
            person("Jo Park", &["Jo-Park Jr"], Some("jo-park"), "jo park"),
        ];
        let index = NameIndex::new(&people);
        let forms = |i: usize| people[i].names();
        for written in [
            "Ada Lovelace",
            "ada",
            "ADA_LOVELACE",
            "People/Ada Lovelace",
            "x/countess",
            "Grace Hopper.md",
            "grace-hopper",
            "amazing grace",
            "@Tom",
            "tomas oliveira",
            "TOMÁS-OLIVEIRA",
            "People/Tomás",
            "zoe-o-brien",
            "Zoë O’Brien",
            "zob",
            "jo-park",
            "jo park jr",
            "Jo Park Jr",
            "a/b/jo park",
            "",
            " ",
            "/",
            "-",
            "Alan Turing",
            "People/",
            "🙂",
            "李 小龙",
        ] {
            assert_eq!(
                NameIndex::resolve_once(people.len(), forms, written),
                index.resolve(written),
                "{written:?}"
            );
        }
    }

    #[test]
    fn the_ascii_path_folds_as_the_unicode_one() {
        let every: String = (0u8..128).map(char::from).collect();
        assert_eq!(fold(&every), fold_unicode(&every));
        assert_eq!(fold("Ada LOVELACE"), "ada lovelace");
    }

    #[test]
    fn accents_are_folded() {
        let people = vec![person("Tomás Oliveira", &[], None, "Tomás Oliveira")];
        let index = NameIndex::new(&people);
        for written in ["tomas-oliveira", "Tomas Oliveira", "TOMÁS OLIVEIRA"] {
            assert_eq!(index.resolve(written), Some(0), "{written}");
        }
    }

    #[test]
    fn near_misses_are_found_for_long_enough_names() {
        let people = vec![
            person("Priya Raman", &[], None, "Priya Raman"),
            person("Tim", &[], None, "Tim"),
            person("Jo Park", &[], Some("jo-park"), "Jo Park"),
        ];
        let index = NameIndex::new(&people);
        assert_eq!(
            index.near("Priya Ramen"),
            vec![(0, "Priya Raman".to_string())]
        );
        assert_eq!(
            index.near("People/priya-ramen"),
            vec![(0, "Priya Raman".to_string())]
        );
        assert!(
            index.near("Priya Raman").is_empty(),
            "an exact match is no near miss"
        );
        assert!(index.near("Tom").is_empty());
        assert_eq!(index.near("Jo Pork"), vec![(2, "Jo Park".to_string())]);
        assert!(
            index.near("Jo Pirk Xu").is_empty(),
            "too far for its length"
        );
        assert!(index.near("Marcus Webb").is_empty());
    }

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Tomás Oliveira"), "tomas oliveira");
        assert_eq!(fold("ZOË"), "zoe");
        assert_eq!(fold("Søren Łukasz Straße"), "soren lukasz strasse");
        assert_eq!(fold("Æsa Œil Þóra Đorđe"), "aesa oeil thora dorde");
        assert_eq!(fold("李 小龙"), "李 小龙");
    }

    #[test]
    fn slug_form_of_any_script() {
        assert_eq!(slug_form("Zoë  O'Brien"), "zoe-o-brien");
        assert_eq!(slug_form("李 小龙"), "李-小龙");
        assert_eq!(slug_form("🙂"), "");
    }
}
