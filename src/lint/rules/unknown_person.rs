//! `unknown-person` (VN010): a link or participant in a journal note
//! that names no note and no person, but nearly names a person. The
//! reader records these as note problems ([`ProblemKind::UnknownPerson`])
//! once every note is read; this rule reports them.

use super::{Context, Finding};
use crate::lint::diagnostic::Level;
use crate::lint::registry::RuleInfo;
use crate::model::ProblemKind;

pub static INFO: RuleInfo = RuleInfo {
    code: "VN010",
    name: "unknown-person",
    default_level: Level::Warning,
    summary: "a link or participant in a journal note nearly names a person but matches no note",
    docs: DOCS,
};

const DOCS: &str = r"## What it does

Reports a link (`[[Priya Ramen]]`) or a participant (`attendees:`,
`with::`, an `Attendees:` line) in a journal note that matches no note
and no person, but lies within a small edit distance of a person's
name, alias or slug, after folding case and accents. The help names the
person it probably means.

The distance allowed grows with the name: none for names of up to four
letters (`[[Tom]]` is not a slip for `Tim`), one letter for names of up
to eight, two beyond. An exact match after folding (`[[tomas oliveira]]`
for `Tomás Oliveira`) is a match, not a finding, and a link to a note
that exists and is not a person (`[[Acme Corp]]`) is never reported.

## Why it matters

A misspelled name is a contact that silently does not count: the
person's last contact stays where it was, and `stale-relationship`
nags about someone you saw yesterday. The contact is counted once the
name is fixed.

## Example

Fires, with a person note `People/Priya Raman.md`:

```markdown
Coffee with [[Priya Ramen]] about the Berlin move.
```

Does not fire:

```markdown
Coffee with [[Priya Raman]] about the Berlin move, then lunch at [[Acme Corp]].
```

## Options

None besides `level`.
";

/// Reports every note problem of this kind.
pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    ctx.problems(ProblemKind::UnknownPerson, &INFO, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::VaultSettings;
    use crate::lint::rules::RuleOptions;
    use crate::vault::{load_bytes, LoadOptions};

    fn run(vault: &crate::model::Vault) -> Vec<Finding> {
        crate::lint::rules::sample::run_on(check, vault, &RuleOptions::default())
    }

    #[test]
    fn a_near_miss_link_is_reported_with_the_candidate() {
        let settings = VaultSettings::defaults(std::path::Path::new("/vault"));
        let notes: [(&str, &[u8]); 4] = [
            ("People/Priya Raman.md", b"---\nname: Priya Raman\n---\n"),
            ("People/Tim.md", b"# Tim\n"),
            ("Acme Corps.md", b"A company.\n"),
            (
                "Daily/2026-03-01.md",
                b"Coffee with [[Priya Ramen]], then [[Tom]] and [[Acme Corps]] and [[Acme Corp]].\n",
            ),
        ];
        let vault = load_bytes(&settings, &notes, LoadOptions::default());
        let findings = run(&vault);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(findings[0].message.contains("`Priya Ramen`"));
        assert!(findings[0].message.contains("`Priya Raman`"));
        let note = vault
            .notes
            .iter()
            .find(|n| n.path.starts_with("Daily"))
            .unwrap();
        assert_eq!(note.problems[0].suggestion.as_deref(), Some("Priya Raman"));
        assert!(
            vault.people[0].interactions.is_empty(),
            "not counted until fixed"
        );
    }
}
