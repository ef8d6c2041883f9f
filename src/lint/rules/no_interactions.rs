//! `no-interactions` (VN108): a person note with no contact date at all,
//! so no other relationship rule can say anything about them.

use super::{Context, Finding, Place};
use crate::lint::diagnostic::Level;
use crate::lint::registry::RuleInfo;

pub static INFO: RuleInfo = RuleInfo {
    code: "VN108",
    name: "no-interactions",
    default_level: Level::Info,
    summary: "a person note records no contact at all",
    docs: DOCS,
};

const DOCS: &str = r"## What it does

Reports a person note with no contact date at all: no interaction (in
the note or in a journal note) dated today or earlier, no `last_contact`
and no `met`. The finding points at the front matter (line 1). Paused,
archived, deceased and snoozed people are skipped.

## Why it matters

Without a single date vaultnet cannot tell whether you are in touch:
`stale-relationship` and `no-follow-up` stay silent. Often the note was
made for someone you meant to meet, or the contact was kept elsewhere.

## Example

Fires:

```markdown
---
type: person
company: Acme
---
# Iris Idle
```

Does not fire:

```markdown
---
type: person
met: 2026-05-04
---
# Iris Idle
```

## Options

None besides `level`.
";

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, person) in ctx.linted() {
        if person.contact_dates(ctx.today).next().is_some() {
            continue;
        }
        let message = format!(
            "no contact with {} is recorded: no interaction, `last_contact` or `met`",
            person.name
        );
        let help = format!(
            "if you have been in touch, log it (`vaultnet log \"{}\" \"coffee\"`) or set `last_contact`; if you have not met yet, set `met` once you do, or `status: reference` if you do not mean to keep in touch",
            person.name
        );
        out.push(
            Finding::about(&INFO, index, Place::front_matter(person), message).with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::sample::{self, ago, fact, log, person};
    use crate::model::Status;

    #[test]
    fn fires_without_any_contact_date() {
        let f = sample::run(check, vec![person("Iris Idle")]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span.line, 1);
        assert_eq!(
            f[0].message,
            "no contact with Iris Idle is recorded: no interaction, `last_contact` or `met`"
        );
    }

    #[test]
    fn any_contact_date_is_enough() {
        let mut p = person("A");
        p.met = Some(fact(ago(500), 3));
        let mut q = person("B");
        q.last_contact = Some(fact(ago(1), 3));
        let mut r = person("C");
        log(&mut r, ago(0), "today");
        assert!(sample::run(check, vec![p, q, r]).is_empty());
    }

    #[test]
    fn a_future_interaction_is_not_contact_and_paused_people_are_skipped() {
        let mut p = person("Planned");
        log(&mut p, ago(-1), "tomorrow");
        assert_eq!(sample::run(check, vec![p]).len(), 1);
        let mut q = person("Paused");
        q.status = Status::Paused;
        assert!(sample::run(check, vec![q]).is_empty());
    }
}
