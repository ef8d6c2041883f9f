//! `conflicting-date` (VN011): a journal note whose front-matter date
//! and file-name date are both real and differ. The reader records these
//! as note problems ([`ProblemKind::ConflictingDate`]); this rule
//! reports them.

use super::{Context, Finding};
use crate::lint::diagnostic::Level;
use crate::lint::registry::RuleInfo;
use crate::model::ProblemKind;

pub static INFO: RuleInfo = RuleInfo {
    code: "VN011",
    name: "conflicting-date",
    default_level: Level::Warning,
    summary: "a journal note's front-matter date and file-name date differ",
    docs: DOCS,
};

const DOCS: &str = r"## What it does

Reports a journal note whose front-matter `date` (or `meeting_date`)
and the date in its file name (`2024-06-14`, `20240614`, or the vault's
daily-notes format) are both real dates and differ. The front matter
wins; the message says which date was used.

## Why it matters

A note copied from yesterday's with its `date:` left unchanged, or
renamed without its front matter, moves every contact it records to
the wrong day: last contact, staleness and follow-ups are computed from
a date you did not mean.

## Example

Fires, in `Daily/2024-06-14.md`:

```markdown
---
date: 2024-06-13
---
Lunch with [[Ana Silva]].
```

Does not fire, in `Daily/2024-06-14.md`:

```markdown
---
date: 2024-06-14
---
Lunch with [[Ana Silva]].
```

## Options

None besides `level`.
";

/// Reports every note problem of this kind.
pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    ctx.problems(ProblemKind::ConflictingDate, &INFO, out);
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
    fn differing_dates_are_reported_and_the_front_matter_wins() {
        let settings = VaultSettings::defaults(std::path::Path::new("/vault"));
        let notes: [(&str, &[u8]); 3] = [
            ("People/Ana Silva.md", b"# Ana Silva\n"),
            (
                "Daily/2024-06-14.md",
                b"---\ndate: 2024-06-13\n---\nLunch with [[Ana Silva]].\n",
            ),
            (
                "Daily/2024-06-15.md",
                b"---\ndate: 2024-06-15\n---\nTea with [[Ana Silva]].\n",
            ),
        ];
        let vault = load_bytes(&settings, &notes, LoadOptions::default());
        let findings = run(&vault);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].path, "Daily/2024-06-14.md");
        assert!(findings[0].message.contains("2024-06-13 is used"));
        let dates: Vec<String> = vault.people[0]
            .interactions
            .iter()
            .map(|i| i.date.to_string())
            .collect();
        assert_eq!(dates, ["2024-06-13", "2024-06-15"]);
    }
}
