//! `future-date` (VN005): an interaction dated after today, usually a
//! typo in the year or a plan written down as if it had happened.

use super::{days, Context, Finding, Place};
use crate::lint::diagnostic::Level;
use crate::lint::registry::RuleInfo;

pub static INFO: RuleInfo = RuleInfo {
    code: "VN005",
    name: "future-date",
    default_level: Level::Warning,
    summary: "an interaction is dated after today",
    docs: DOCS,
};

const DOCS: &str = r"## What it does

Reports every interaction dated after today: a dated heading or log item
in a person note, a front-matter `interactions` entry, or a journal note
dated in the future that mentions the person. It applies to everyone
but the owner, whatever their status. The finding points at the
interaction.

## Why it matters

An interaction in the future does not count as contact, so it does not
stop `stale-relationship` either; if it is a typo (`2062` for `2026`), a
real contact is lost. Plans belong in an unchecked task (`- [ ] …`) or a
`scheduled::` field, which vaultnet reads as plans.

## Example

Fires (today 2026-11-25):

```markdown
## Log
- 2026-12-24: Christmas dinner
```

Does not fire:

```markdown
## Log
- [ ] 2026-12-24: Christmas dinner
- 2026-11-20: call about the dinner
```

## Options

None besides `level`.
";

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, person) in ctx.others() {
        for interaction in person.interactions.iter().filter(|i| i.date > ctx.today) {
            let ahead = (interaction.date - ctx.today).num_days();
            let message = format!(
                "interaction with {} is dated {}, {} after today",
                person.name,
                interaction.date,
                days(ahead)
            );
            let help = "fix the date if it is a typo; write plans as an unchecked task (`- [ ] …`) or with a `scheduled::` field";
            out.push(
                Finding::about(&INFO, index, Place::interaction(interaction), message)
                    .with_help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::sample::{self, ago, log, person};
    use crate::model::Status;

    #[test]
    fn fires_from_tomorrow_on() {
        let mut p = person("Fay");
        log(&mut p, ago(0), "today");
        log(&mut p, ago(-1), "tomorrow");
        let f = sample::run(check, vec![p]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span.line, 12);
        assert_eq!(
            f[0].message,
            format!(
                "interaction with Fay is dated {}, 1 day after today",
                ago(-1)
            )
        );
    }

    #[test]
    fn applies_to_paused_people_but_not_the_owner() {
        let mut paused = person("Paused");
        paused.status = Status::Paused;
        log(&mut paused, ago(-30), "later");
        let mut owner = person("Me");
        owner.is_owner = true;
        log(&mut owner, ago(-30), "later");
        let f = sample::run(check, vec![paused, owner]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].person, Some(0));
    }
}
