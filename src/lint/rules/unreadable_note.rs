//! `unreadable-note` (VN009): a note cannot be read or is not UTF-8. The reader records these as
//! note problems ([`ProblemKind::UnreadableNote`]); this rule reports them.

use super::{Context, Finding};
use crate::lint::diagnostic::Level;
use crate::lint::registry::RuleInfo;
use crate::model::ProblemKind;

pub static INFO: RuleInfo = RuleInfo {
    code: "VN009",
    name: "unreadable-note",
    default_level: Level::Error,
    summary: "a note cannot be read or is not UTF-8",
    docs: DOCS,
};

const DOCS: &str = r"## What it does

Reports a note that cannot be read: a permission error, a file that
vanished mid-run, bytes that are not UTF-8, a binary file named `.md`,
or a note too large to read. The rest of the vault is still checked.

## Why it matters

An unreadable note is invisible to every other rule and to search, so
the person it describes silently drops out of your network.

## Example

Fires: a `People/Ada.md` saved in Latin-1 with `café` in it.

Does not fire: the same note saved as UTF-8.

## Options

None besides `level`.
";

/// Reports every note problem of this kind.
pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let from = out.len();
    ctx.problems(ProblemKind::UnreadableNote, &INFO, out);
    for finding in &mut out[from..] {
        if finding.help.is_none() {
            finding.help = Some(
                "save the note as UTF-8 text and check that it can be read, or leave it out with `exclude` in vaultnet.toml"
                    .to_string(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::sample;

    #[test]
    fn reports_only_its_own_problems() {
        let findings = sample::problem_findings(check, ProblemKind::UnreadableNote);
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
