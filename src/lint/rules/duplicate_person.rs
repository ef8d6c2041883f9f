//! `duplicate-person` (VN006): two person notes answer to the same name
//! or alias, so links and journal mentions cannot tell them apart. Both
//! places are shown: one finding in each note, naming the other.

use std::collections::BTreeMap;

use super::{Context, Finding, Place};
use crate::lint::diagnostic::Level;
use crate::lint::registry::RuleInfo;
use crate::model::Span;

pub static INFO: RuleInfo = RuleInfo {
    code: "VN006",
    name: "duplicate-person",
    default_level: Level::Error,
    summary: "two person notes share a name or alias",
    docs: DOCS,
};

const DOCS: &str = r"## What it does

Reports two person notes that share a name or an alias, compared
case-insensitively. Each note gets one finding per other note it
collides with, at its name (the `name` field or heading) or at the
alias, naming the other note's path.

## Why it matters

Links (`[[Ada]]`) and journal mentions are matched to people by name
and alias. When two notes answer to the same name, a mention goes to
one of them and the other silently misses the contact, so it looks
stale. Often the two notes are the same person written down twice.

## Example

Fires (`People/Ada.md` and `Contacts/Ada Lovelace.md`):

```markdown
---
name: Ada Lovelace
---
```

```markdown
---
aliases: [ada lovelace]
---
```

Does not fire: the second note's alias is `Ada Byron`.

## Options

None besides `level`.
";

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    // Every name and alias, lowercased, with who uses it and where.
    let mut by_name: BTreeMap<String, Vec<(usize, Span, &str)>> = BTreeMap::new();
    for (index, person) in ctx.vault.people.iter().enumerate() {
        // A name taken from the file stem has no line of its own.
        let name_span = if person.name_span.line == 0 {
            person.front_matter_span
        } else {
            person.name_span
        };
        let written = std::iter::once((person.name.as_str(), name_span))
            .chain(person.aliases.iter().map(|a| (a.value.as_str(), a.span)));
        for (name, span) in written {
            let key = name.trim().to_lowercase();
            if key.is_empty() {
                continue;
            }
            let users = by_name.entry(key).or_default();
            if !users.iter().any(|(i, _, _)| *i == index) {
                users.push((index, span, name.trim()));
            }
        }
    }
    // One finding per ordered pair of people, at the first shared name.
    let mut pairs: BTreeMap<(usize, usize), (Span, &str)> = BTreeMap::new();
    for users in by_name.values() {
        for (a, span, name) in users {
            for (b, _, _) in users.iter().filter(|(b, _, _)| b != a) {
                pairs.entry((*a, *b)).or_insert((*span, name));
            }
        }
    }
    for ((a, b), (span, name)) in pairs {
        let (this, other) = (&ctx.vault.people[a], &ctx.vault.people[b]);
        let message = format!("`{name}` also names the person in {}", other.path);
        let help = format!(
            "merge {} and {} if they are one person, or give each a distinct name and alias",
            this.path, other.path
        );
        out.push(Finding::about(&INFO, a, Place::in_note(this, span), message).with_help(help));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::sample::{self, fact, person};

    #[test]
    fn both_notes_are_shown() {
        let ada = person("Ada Lovelace");
        let mut other = person("Countess");
        other.aliases = vec![fact("ada lovelace".to_string(), 3)];
        let f = sample::run(check, vec![ada, other]);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].path, "People/Ada Lovelace.md");
        assert_eq!(f[0].span.line, 2);
        assert_eq!(
            f[0].message,
            "`Ada Lovelace` also names the person in People/Countess.md"
        );
        assert_eq!(f[1].path, "People/Countess.md");
        assert_eq!(f[1].span.line, 3, "at the alias");
        assert_eq!(
            f[1].message,
            "`ada lovelace` also names the person in People/Ada Lovelace.md"
        );
    }

    #[test]
    fn one_finding_per_pair_and_none_for_distinct_names() {
        let mut a = person("Ada");
        a.aliases = vec![fact("Countess".to_string(), 3)];
        let mut b = person("ADA");
        b.path = "Contacts/ADA.md".into();
        b.aliases = vec![fact("countess".to_string(), 3)];
        let c = person("Bob");
        let f = sample::run(check, vec![a, b, c]);
        assert_eq!(f.len(), 2, "{f:?}");
        let mut self_alias = person("Cy");
        self_alias.aliases = vec![fact("cy".to_string(), 3)];
        assert!(sample::run(check, vec![self_alias, person("Di")]).is_empty());
    }
}
