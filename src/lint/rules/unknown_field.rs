//! `unknown-field` (VN003): a front-matter key is a near miss of a known key. The reader records these as
//! note problems ([`ProblemKind::UnknownField`]); this rule reports them.

use super::{Context, Finding};
use crate::lint::diagnostic::Level;
use crate::lint::registry::RuleInfo;
use crate::model::ProblemKind;

pub static INFO: RuleInfo = RuleInfo {
    code: "VN003",
    name: "unknown-field",
    default_level: Level::Warning,
    summary: "a front-matter key is a near miss of a known key",
    docs: DOCS,
};

const DOCS: &str = r"## What it does

Reports a front-matter key that is within two edits of a known key but
is not itself known (`cadance`, `last_contcat`). The help names the
known key. Keys far from every known key are kept and indexed as text;
only near misses are reported.

## Why it matters

A misspelt key is read as free text, so the fact it holds is lost to
the rules: a misspelt `last_contact` makes a friend look stale.

## Example

Fires:

```markdown
---
cadance: 30d
---
```

Does not fire:

```markdown
---
cadence: 30d
favourite_band: Low
---
```

## Options

None besides `level`.
";

/// Reports every note problem of this kind.
pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    ctx.problems(ProblemKind::UnknownField, &INFO, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::sample;

    #[test]
    fn reports_only_its_own_problems() {
        let findings = sample::problem_findings(check, ProblemKind::UnknownField);
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
