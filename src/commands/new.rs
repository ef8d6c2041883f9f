//! `vaultnet new NAME`: create a person note.
//!
//! The note goes in the vault's people folder: the folder of the first
//! `people` glob of the config, else the folder holding most person
//! notes, else `People/`. Its text is the vault's own person template
//! when it has one — a template note whose front matter marks a person
//! (`type: person`, `tags: [person]`, …) — with Obsidian's `{{title}}`,
//! `{{name}}`, `{{date}}`, `{{date:FORMAT}}`, `{{time}}` and Templater's
//! `<% tp.file.title %>`, `<% tp.date.now(…) %>` filled in (any other
//! placeholder is emptied: a note still holding one would be read as a
//! template); else a built-in note that shows the fields a person note
//! can have. `--tag`, `--met` and `--cadence` are written into the front
//! matter as text. It never overwrites a note, and refuses a name that
//! is not a plain file name.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use chrono::{Datelike, NaiveDate};

use super::write::finish;
use super::{today, vault_settings, Outcome, Streams};
use crate::cli::{GlobalArgs, NewArgs};
use crate::edit::{line_ending, Change};
use crate::error::{Error, Result};
use crate::model::NoteKind;
use crate::vault::dates::parse_duration;
use crate::vault::frontmatter;
use crate::vault::names::slug_form;
use crate::vault::{load, LoadOptions};

pub fn run(args: &NewArgs, global: &GlobalArgs, streams: &mut Streams<'_>) -> Result<Outcome> {
    let name = checked_name(&args.name)?;
    if let Some(cadence) = &args.cadence {
        parse_duration(cadence)
            .map_err(|e| Error::Usage(format!("new: --cadence {cadence}: {e}")))?;
    }
    let root = super::vault_target(None, global)?.root;
    let (settings, _) = vault_settings(&root, global)?;
    let vault = load(&settings, LoadOptions::default());
    // One folder per person (`people/ada-lovelace/Ada Lovelace.md`): the
    // new person gets a folder of their own beside the others'.
    let folder = match own_folders(&vault) {
        Some(layout) => layout.folder_for(name),
        None => people_folder(&root, settings.config_path.as_deref(), &vault),
    };
    let rel = if folder.is_empty() {
        format!("{name}.md")
    } else {
        format!("{folder}/{name}.md")
    };
    let path = root.join(&rel);
    if std::fs::symlink_metadata(&path).is_ok() {
        return Err(Error::Usage(format!(
            "new: {rel} already exists; vaultnet never overwrites a note"
        )));
    }
    let today = today(global);
    // Fields first, so a `met: "{{date}}"` placeholder is replaced by
    // `--met` rather than filled with today.
    let text = match person_template(&root, &vault) {
        Some(template) => fill(&title_heading(&set_fields(&template, args)), name, today),
        None => set_fields(&builtin(name), args),
    };
    let change = Change::create(path, rel, text).with_summary(format!("person note for {name}"));
    finish(&[change], args.dry_run, args.format, streams)?;
    Ok(Outcome::Success)
}

/// The name as a file stem, or why it cannot be one.
fn checked_name(name: &str) -> Result<&str> {
    let name = name.trim();
    let name = name.strip_suffix(".md").unwrap_or(name).trim();
    let bad = name.is_empty()
        || name == "."
        || name.contains("..")
        || name.starts_with('.')
        || name.chars().any(|c| {
            c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
        });
    if bad {
        return Err(Error::Usage(format!(
            "new: `{name}` cannot be a note's file name (no path separators, `..`, leading `.` or any of : * ? \" < > |)"
        )));
    }
    Ok(name)
}

/// The folder new person notes go in, relative to the root (empty for
/// the root itself).
fn people_folder(root: &Path, config: Option<&Path>, vault: &crate::model::Vault) -> String {
    let first_glob = config
        .or(Some(&root.join("vaultnet.toml")))
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|t| t.parse::<toml::Table>().ok())
        .and_then(|t| {
            t.get("people")
                .and_then(|p| p.as_array())
                .and_then(|a| a.first())
                .and_then(|v| v.as_str())
                .map(str::to_string)
        });
    if let Some(glob) = first_glob {
        // The literal folders before the first glob character.
        let literal: Vec<&str> = glob
            .split('/')
            .take_while(|part| !part.contains(['*', '?', '[', '{']))
            .collect();
        let whole = literal.len() == glob.split('/').count();
        let folders = if whole
            && Path::new(&glob)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("md"))
        {
            &literal[..literal.len().saturating_sub(1)]
        } else {
            &literal[..]
        };
        return folders.join("/");
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for person in vault.people.iter().filter(|p| !p.is_owner) {
        let folder = person.path.rsplit_once('/').map_or("", |(f, _)| f);
        *counts.entry(folder).or_default() += 1;
    }
    // Most notes wins; on a tie the first folder in name order.
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map_or_else(|| "People".to_string(), |(f, _)| (*f).to_string())
}

/// A vault that keeps one folder per person, under a common parent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OwnFolders {
    /// The folder holding the people's folders (empty for the root).
    pub parent: String,
    /// Whether the folders are named like the note (`Ada Lovelace/`)
    /// rather than in slug form (`ada-lovelace/`).
    pub named: bool,
}

impl OwnFolders {
    /// The folder a new person's note goes in.
    fn folder_for(&self, name: &str) -> String {
        let own = if self.named {
            name.to_string()
        } else {
            slug_form(name)
        };
        if self.parent.is_empty() {
            own
        } else {
            format!("{}/{own}", self.parent)
        }
    }
}

/// Whether `folder` is a person's own folder: named like their slug,
/// file stem or name.
fn named_for(folder: &str, person: &crate::model::Person) -> bool {
    let last = folder.rsplit('/').next().unwrap_or(folder);
    let want = slug_form(last);
    !want.is_empty()
        && (want == slug_form(&person.stem)
            || want == slug_form(&person.name)
            || person.slug.as_deref().is_some_and(|s| slug_form(s) == want))
}

/// The folders that are one person's own: holding exactly one person
/// note, named for that person (their other notes there are dated notes
/// about them).
pub(crate) fn own_folder_set(vault: &crate::model::Vault) -> BTreeMap<String, usize> {
    let mut by_folder: BTreeMap<String, Vec<&crate::model::Person>> = BTreeMap::new();
    for person in vault
        .people
        .iter()
        .filter(|p| !p.is_owner && p.note != usize::MAX)
    {
        if let Some((folder, _)) = person.path.rsplit_once('/') {
            by_folder
                .entry(folder.to_string())
                .or_default()
                .push(person);
        }
    }
    by_folder
        .into_iter()
        .filter(|(folder, people)| people.len() == 1 && named_for(folder, people[0]))
        .map(|(folder, people)| (folder, people[0].note))
        .collect()
}

/// The one-folder-per-person layout, when most person notes sit alone
/// in a folder named for them under one common parent.
pub(crate) fn own_folders(vault: &crate::model::Vault) -> Option<OwnFolders> {
    let people = vault
        .people
        .iter()
        .filter(|p| !p.is_owner && p.note != usize::MAX)
        .count();
    let own = own_folder_set(vault);
    if own.is_empty() || own.len() * 2 <= people {
        return None;
    }
    let mut parents: BTreeMap<&str, usize> = BTreeMap::new();
    for folder in own.keys() {
        let parent = folder.rsplit_once('/').map_or("", |(p, _)| p);
        *parents.entry(parent).or_default() += 1;
    }
    let (parent, _) = parents
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))?;
    // Slug-named folders (`ada-lovelace`) unless most are named as the
    // note itself is (`Ada Lovelace`).
    let named = own
        .keys()
        .filter(|f| {
            let last = f.rsplit('/').next().unwrap_or(f);
            last.chars().any(|c| c.is_uppercase() || c == ' ')
        })
        .count()
        * 2
        > own.len();
    Some(OwnFolders {
        parent: (*parent).to_string(),
        named,
    })
}

/// The text of the vault's person template, if it has one: a template
/// whose front matter marks a person, or whose file name says person,
/// people or contact. When several qualify, one whose file name says so
/// wins (`People Template` over `Actor Template`, both `categories:
/// [[People]]`), then `person` over `people` over `contact`, then the
/// shortest path.
fn person_template(root: &Path, vault: &crate::model::Vault) -> Option<String> {
    /// Name rank, no front-matter sign, depth, length, path.
    type Rank<'a> = (usize, usize, usize, usize, &'a str);
    let mut found: Vec<(Rank<'_>, String)> = vault
        .notes
        .iter()
        .filter(|n| n.kind == NoteKind::Template)
        .filter_map(|n| {
            let rel = n.path.as_str();
            let text = std::fs::read_to_string(root.join(rel)).ok()?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
            let name_rank = name_rank(rel);
            let marked = marks_person(&text);
            if !marked && name_rank.is_none() {
                return None;
            }
            let key = (
                name_rank.unwrap_or(usize::MAX),
                usize::from(!marked),
                rel.matches('/').count(),
                rel.len(),
                rel,
            );
            Some((key, text))
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found.into_iter().next().map(|(_, text)| text)
}

/// Where a template's file name says it makes person notes: 0 for
/// `person`, 1 `people`, 2 `contact`; None when it does not.
fn name_rank(rel: &str) -> Option<usize> {
    const WORDS: [&[&str]; 3] = [&["person"], &["people"], &["contact", "contacts"]];
    let file = rel.rsplit('/').next().unwrap_or(rel);
    let stem = file
        .rsplit_once('.')
        .map_or(file, |(s, _)| s)
        .to_lowercase();
    let words: Vec<&str> = stem
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    WORDS
        .iter()
        .position(|group| words.iter().any(|w| group.contains(w)))
}

/// The template with its first H1 made the new note's title: a fixed
/// heading (`# Person`) would be read as the person's name, so it
/// becomes `{{title}}`; a heading with placeholders is left to `fill`.
fn title_heading(template: &str) -> String {
    let eol = line_ending(template).as_str();
    let body_start = frontmatter::parse(template)
        .yaml
        .and_then(|_| {
            let after = template.strip_prefix("---")?;
            let close = after.find("\n---")?;
            let rest = &after[close + 4..];
            Some(template.len() - rest.len())
        })
        .unwrap_or(0);
    let (head, body) = template.split_at(body_start);
    let mut out = String::with_capacity(template.len());
    out.push_str(head);
    let mut done = false;
    let mut fence = false;
    for (i, line) in body.split(eol).enumerate() {
        if i > 0 {
            out.push_str(eol);
        }
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = !fence;
        }
        if !done && !fence && (trimmed.starts_with("# ") || trimmed == "#") {
            done = true;
            if !(line.contains("{{") || line.contains("<%")) {
                out.push_str("# {{title}}");
                continue;
            }
        }
        out.push_str(line);
    }
    out
}

/// Whether a template's front matter says it makes person notes.
fn marks_person(text: &str) -> bool {
    const KEYS: [&str; 6] = [
        "type",
        "category",
        "categories",
        "kind",
        "template-type",
        "tags",
    ];
    const VALUES: [&str; 4] = ["person", "people", "contact", "contacts"];
    let parsed = frontmatter::parse(text);
    let Some(yaml) = parsed.yaml else {
        return false;
    };
    yaml.lines().any(|line| {
        let Some((key, value)) = line.split_once(':') else {
            // A block list item under `tags:`.
            let item = line.trim().trim_start_matches('-').trim();
            return line.trim_start().starts_with('-') && is_person_word(item, &VALUES);
        };
        let key = key.trim().to_lowercase();
        KEYS.contains(&key.as_str())
            && value
                .split(|c: char| c == ',' || c == '[' || c == ']' || c.is_whitespace())
                .any(|v| is_person_word(v, &VALUES))
    })
}

fn is_person_word(value: &str, values: &[&str]) -> bool {
    let value = value
        .trim()
        .trim_matches(|c| c == '"' || c == '\'' || c == '#')
        .trim_start_matches("[[")
        .trim_end_matches("]]");
    let last = value
        .rsplit(['/', '-'])
        .next()
        .unwrap_or(value)
        .to_lowercase();
    values.contains(&last.as_str())
}

/// Fills Obsidian core-template and Templater placeholders.
fn fill(template: &str, name: &str, today: NaiveDate) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    loop {
        let curly = rest.find("{{");
        let templater = rest.find("<%");
        let (start, open, close) = match (curly, templater) {
            (Some(c), Some(t)) if t < c => (t, "<%", "%>"),
            (Some(c), _) => (c, "{{", "}}"),
            (None, Some(t)) => (t, "<%", "%>"),
            (None, None) => break,
        };
        let Some(len) = rest[start + 2..].find(close) else {
            break;
        };
        out.push_str(&rest[..start]);
        let inner = rest[start + 2..start + 2 + len].trim();
        out.push_str(&placeholder(open, inner, name, today));
        rest = &rest[start + 2 + len + 2..];
    }
    out.push_str(rest);
    out
}

fn placeholder(open: &str, inner: &str, name: &str, today: NaiveDate) -> String {
    if open == "{{" {
        let lower = inner.to_lowercase();
        return match lower.as_str() {
            "title" | "name" => name.to_string(),
            "date" => today.to_string(),
            "time" => chrono::Local::now().format("%H:%M").to_string(),
            _ => match inner.split_once(':') {
                Some((key, format)) if key.trim().eq_ignore_ascii_case("date") => {
                    moment(format.trim(), today)
                }
                _ => String::new(),
            },
        };
    }
    let inner = inner.trim_start_matches(['*', '-', '_', '=']).trim();
    if inner.starts_with("tp.file.title") {
        return name.to_string();
    }
    if let Some(args) = inner
        .strip_prefix("tp.date.now")
        .or_else(|| inner.strip_prefix("tp.file.creation_date"))
    {
        let format = args
            .trim()
            .trim_start_matches('(')
            .trim_end_matches(')')
            .split(',')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches(|c| c == '"' || c == '\'' || c == '`');
        return if format.is_empty() {
            today.to_string()
        } else {
            moment(format, today)
        };
    }
    String::new()
}

/// Formats a date with moment.js tokens (`YYYY YY MM M DD D MMM MMMM
/// ddd dddd`, `[literal]`); other characters are kept.
fn moment(format: &str, date: NaiveDate) -> String {
    const TOKENS: [&str; 10] = [
        "YYYY", "MMMM", "dddd", "MMM", "ddd", "YY", "MM", "DD", "M", "D",
    ];
    let mut out = String::new();
    let mut rest = format;
    while !rest.is_empty() {
        if let Some(literal) = rest.strip_prefix('[') {
            let end = literal.find(']').unwrap_or(literal.len());
            out.push_str(&literal[..end]);
            rest = literal.get(end + 1..).unwrap_or("");
            continue;
        }
        if let Some(token) = TOKENS.iter().find(|t| rest.starts_with(**t)) {
            let text = match *token {
                "YYYY" => format!("{:04}", date.year()),
                "YY" => format!("{:02}", date.year() % 100),
                "MMMM" => date.format("%B").to_string(),
                "MMM" => date.format("%b").to_string(),
                "MM" => format!("{:02}", date.month()),
                "M" => date.month().to_string(),
                "dddd" => date.format("%A").to_string(),
                "ddd" => date.format("%a").to_string(),
                "DD" => format!("{:02}", date.day()),
                _ => date.day().to_string(),
            };
            out.push_str(&text);
            rest = &rest[token.len()..];
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The built-in person note: the fields a person note can have, those
/// not given commented out so the note reads clean.
fn builtin(name: &str) -> String {
    let mut text = String::new();
    let _ = write!(
        text,
        "---\n\
         tags: [person]\n\
         aliases: []\n\
         # met: 2026-01-31            # when you first met\n\
         # met_at: where or how you met\n\
         # cadence: 30d               # how often to be in touch: 2w, monthly, none\n\
         # company: \n\
         # role: \n\
         # location: \n\
         # birthday: 1990-04-02       # or --04-02 without the year\n\
         # interests: [climbing, jazz]\n\
         # family: \n\
         # pets: \n\
         # next_contact: 2026-02-14   # a planned contact\n\
         ---\n\
         # {name}\n\
         \n\
         ## Interests\n\
         \n\
         ## Conversations\n\
         \n\
         <!-- One dated item per contact, newest last, for example:\n\
         - 2026-01-31: Coffee at the station; she starts at the studio in March [by:: me] [learned:: moving to Lisbon]\n\
         `vaultnet log \"{name}\" TEXT…` adds one. -->\n"
    );
    text
}

/// Writes `--tag`, `--met` and `--cadence` into the note's front matter
/// as text: a key already there (commented or not) is replaced, a missing one added
/// before the closing `---`; a note without front matter gets one.
fn set_fields(text: &str, args: &NewArgs) -> String {
    let eol = line_ending(text).as_str();
    let mut fields: Vec<(&str, String)> = Vec::new();
    if let Some(met) = args.met {
        fields.push(("met", met.to_string()));
    }
    if let Some(cadence) = &args.cadence {
        fields.push(("cadence", cadence.trim().to_string()));
    }
    let tags: Vec<String> = args
        .tag
        .iter()
        .map(|t| t.trim().trim_start_matches('#').to_string())
        .filter(|t| !t.is_empty())
        .collect();
    if fields.is_empty() && tags.is_empty() {
        return text.to_string();
    }
    let mut lines: Vec<String> = text.split(eol).map(str::to_string).collect();
    let has_front_matter = lines.first().is_some_and(|l| l.trim_end() == "---")
        && lines.iter().skip(1).any(|l| l.trim_end() == "---");
    if !has_front_matter {
        lines.splice(0..0, ["---".to_string(), "---".to_string()]);
    }
    let mut close = lines
        .iter()
        .skip(1)
        .position(|l| l.trim_end() == "---")
        .map_or(1, |p| p + 1);
    for (key, value) in fields {
        let found = (1..close).find(|&i| {
            let l = lines[i].trim_start_matches('#').trim_start();
            l.split_once(':')
                .is_some_and(|(k, _)| k.trim().eq_ignore_ascii_case(key))
        });
        let line = format!("{key}: {value}");
        if let Some(i) = found {
            lines[i] = line;
        } else {
            lines.insert(close, line);
            close += 1;
        }
    }
    if !tags.is_empty() {
        let found = (1..close).find(|&i| {
            lines[i]
                .split_once(':')
                .is_some_and(|(k, _)| k.trim().eq_ignore_ascii_case("tags"))
        });
        match found {
            Some(i) => {
                let value = lines[i]
                    .split_once(':')
                    .map_or("", |(_, v)| v)
                    .trim()
                    .to_string();
                if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
                    let mut items: Vec<String> = inner
                        .split(',')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect();
                    items.extend(
                        tags.iter()
                            .filter(|t| !items.contains(t))
                            .cloned()
                            .collect::<Vec<_>>(),
                    );
                    lines[i] = format!("tags: [{}]", items.join(", "));
                } else if value.is_empty() {
                    // A block list follows (or nothing): add items after it.
                    let mut j = i + 1;
                    while j < close && lines[j].trim_start().starts_with('-') {
                        j += 1;
                    }
                    let indent = if j > i + 1 {
                        lines[i + 1][..lines[i + 1].len() - lines[i + 1].trim_start().len()]
                            .to_string()
                    } else {
                        "  ".to_string()
                    };
                    for (n, tag) in tags.iter().enumerate() {
                        lines.insert(j + n, format!("{indent}- {tag}"));
                    }
                } else {
                    let mut items = vec![value];
                    items.extend(tags.iter().cloned());
                    lines[i] = format!("tags: [{}]", items.join(", "));
                }
            }
            None => lines.insert(close, format!("tags: [{}]", tags.join(", "))),
        }
    }
    lines.join(eol)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_placeholders() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(
            fill("# {{title}} {{date}} {{date:DD MMM YYYY}} <% tp.file.title %> <% tp.date.now(\"YYYY/MM/DD\") %> <% tp.file.cursor() %>|", "Ada", today),
            "# Ada 2026-11-25 25 Nov 2026 Ada 2026/11/25 |"
        );
    }

    #[test]
    fn refuses_unsafe_names() {
        assert!(checked_name("../x").is_err());
        assert!(checked_name("a/b").is_err());
        assert!(checked_name(".hidden").is_err());
        assert_eq!(checked_name("Ada Lovelace.md").unwrap(), "Ada Lovelace");
    }

    #[test]
    fn fixed_heading_becomes_the_title() {
        assert_eq!(
            title_heading("---\ntags: [person]\n---\n\n# Person\n\n## Bio\n"),
            "---\ntags: [person]\n---\n\n# {{title}}\n\n## Bio\n"
        );
        assert_eq!(
            title_heading("# <% tp.file.title %>\n"),
            "# <% tp.file.title %>\n"
        );
        assert_eq!(title_heading("```\n# x\n```\n"), "```\n# x\n```\n");
    }

    #[test]
    fn template_names() {
        assert_eq!(name_rank("Templates/People Template.md"), Some(1));
        assert_eq!(name_rank("Templates/Contact Template.md"), Some(2));
        assert_eq!(name_rank("Templates/Actor Template.md"), None);
        assert_eq!(name_rank("templates/Person.md"), Some(0));
    }

    #[test]
    fn marks_person_templates() {
        assert!(marks_person("---\ntype: person\n---\n"));
        assert!(marks_person("---\ntags:\n  - crm/contact\n---\n"));
        assert!(!marks_person("---\ntype: meeting\n---\n"));
    }
}
