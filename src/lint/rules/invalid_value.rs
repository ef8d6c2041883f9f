//! `invalid-value` (VN002): a known field or inline field has a value of the wrong kind. The reader records these as
//! note problems ([`ProblemKind::InvalidValue`]); this rule reports them.

use super::{Context, Finding};
use crate::lint::diagnostic::Level;
use crate::lint::registry::RuleInfo;
use crate::model::ProblemKind;

pub static INFO: RuleInfo = RuleInfo {
    code: "VN002",
    name: "invalid-value",
    default_level: Level::Error,
    summary: "a known field or inline field has a value of the wrong kind",
    docs: DOCS,
};

const DOCS: &str = r"## What it does

Reports a known front-matter field or inline field whose value is of the
wrong kind: a cadence that is not a duration (`cadence: soon`), an
initiator that is not `me`, `them` or `both` (`by:: maybe`), a number
where a list of interests belongs (`interests: 5`).

## Why it matters

vaultnet ignores a value it cannot read, so a typo silently turns a
rule off for that person: a bad `cadence` falls back to the default,
a bad `by::` no longer counts towards `one-sided-outreach`.

## Example

Fires:

```markdown
---
cadence: soon
---
```

Does not fire:

```markdown
---
cadence: 2w
---
```

## Options

None besides `level`.
";

/// Reports every note problem of this kind.
pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    ctx.problems(ProblemKind::InvalidValue, &INFO, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::sample;

    #[test]
    fn reports_only_its_own_problems() {
        let findings = sample::problem_findings(check, ProblemKind::InvalidValue);
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
