//! `invalid-date` (VN004): a date-shaped value is not a real date. The reader records these as
//! note problems ([`ProblemKind::InvalidDate`]); this rule reports them.

use super::{Context, Finding};
use crate::lint::diagnostic::Level;
use crate::lint::registry::RuleInfo;
use crate::model::ProblemKind;

pub static INFO: RuleInfo = RuleInfo {
    code: "VN004",
    name: "invalid-date",
    default_level: Level::Error,
    summary: "a date-shaped value is not a real date",
    docs: DOCS,
};

const DOCS: &str = r"## What it does

Reports a date-shaped value that is not a real calendar date
(`2026-02-30`, `2026-13-01`) in a front-matter field, a heading or a list
item.

## Why it matters

An impossible date drops the interaction or field that carries it:
the contact it records no longer counts, and a relationship may look
stale or never started.

## Example

Fires:

```markdown
## Log
- 2026-02-30: lunch
```

Does not fire:

```markdown
## Log
- 2026-02-28: lunch
```

## Options

None besides `level`.
";

/// Reports every note problem of this kind.
pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    ctx.problems(ProblemKind::InvalidDate, &INFO, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::sample;

    #[test]
    fn reports_only_its_own_problems() {
        let findings = sample::problem_findings(check, ProblemKind::InvalidDate);
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
