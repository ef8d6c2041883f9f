//! `front-matter-syntax` (VN001): the front matter is not valid YAML or is not closed. The reader records these as
//! note problems ([`ProblemKind::FrontMatterSyntax`]); this rule reports them.

use super::{Context, Finding};
use crate::lint::diagnostic::Level;
use crate::lint::registry::RuleInfo;
use crate::model::ProblemKind;

pub static INFO: RuleInfo = RuleInfo {
    code: "VN001",
    name: "front-matter-syntax",
    default_level: Level::Error,
    summary: "the front matter is not valid YAML or is not closed",
    docs: DOCS,
};

const DOCS: &str = r"## What it does

Reports front matter (the YAML between `---` lines at the very top of a
note) that is not valid YAML, is not a map of keys, or is never closed.
The finding points at the line and column of the YAML error.

## Why it matters

A note whose front matter cannot be read loses every field in it:
vaultnet cannot tell who the person is, when you last spoke or how
often you want to. Obsidian shows such notes without their properties,
so the mistake is easy to miss.

## Example

Fires: the list is never closed.

```markdown
---
name: Ada Lovelace
tags: [person, friend
---
```

Does not fire:

```markdown
---
name: Ada Lovelace
tags: [person, friend]
---
```

## Options

None besides `level`.
";

/// Reports every note problem of this kind.
pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    ctx.problems(ProblemKind::FrontMatterSyntax, &INFO, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::sample;

    #[test]
    fn reports_only_its_own_problems() {
        let findings = sample::problem_findings(check, ProblemKind::FrontMatterSyntax);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].rule.code, INFO.code);
        assert_eq!(findings[0].span.line, 3);
        assert_eq!(findings[0].person, Some(0));
    }

    #[test]
    fn a_clean_note_gives_nothing() {
        let findings = sample::run(check, vec![sample::person("Ada")]);
        assert!(findings.is_empty(), "{findings:?}");
    }
}
