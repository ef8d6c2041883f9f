//! `unordered-log` (VN007): a note's interactions are neither oldest
//! first nor newest first, which hides the latest contact from a reader.

use std::collections::BTreeMap;

use super::{Context, Finding, Place};
use crate::lint::diagnostic::Level;
use crate::lint::registry::RuleInfo;
use crate::model::{Interaction, InteractionSource};

pub static INFO: RuleInfo = RuleInfo {
    code: "VN007",
    name: "unordered-log",
    default_level: Level::Info,
    summary: "a note's interactions are not in date order",
    docs: DOCS,
};

const DOCS: &str = r"## What it does

Takes the interactions written in one note, in the order they appear,
and reports when their dates are neither ascending nor descending
(equal dates are fine either way). The front-matter `interactions` list
and the body's log are checked separately. The finding points at the
first interaction that breaks the order the log started with. It
applies to everyone but the owner, whatever their status.

## Why it matters

A reader (you, before a meeting) looks at the top or the bottom of a
log for the latest contact. An entry out of place is easy to miss, and
often it is a mistyped date.

## Example

Fires:

```markdown
## Log
- 2026-03-01: lunch
- 2026-05-01: call
- 2026-04-01: coffee
```

Does not fire (newest first):

```markdown
## Log
- 2026-05-01: call
- 2026-04-01: coffee
- 2026-03-01: lunch
```

## Options

None besides `level`.
";

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, person) in ctx.others() {
        let mut logs: BTreeMap<(&str, bool), Vec<&Interaction>> = BTreeMap::new();
        for interaction in &person.interactions {
            let front_matter = interaction.source == InteractionSource::FrontMatter;
            logs.entry((interaction.path.as_str(), front_matter))
                .or_default()
                .push(interaction);
        }
        for mut log in logs.into_values() {
            log.sort_by_key(|i| i.span);
            let Some((culprit, previous, ascending)) = first_out_of_order(&log) else {
                continue;
            };
            let order = if ascending {
                "oldest first"
            } else {
                "newest first"
            };
            let message = format!(
                "log of {} is out of order: {} comes after {} in a log that runs {order}",
                person.name, culprit.date, previous.date
            );
            let help = format!("move this entry, or fix its date, to keep the log {order}");
            out.push(
                Finding::about(&INFO, index, Place::interaction(culprit), message).with_help(help),
            );
        }
    }
}

/// The first entry against the order set by the first change of date,
/// the entry before it, and whether that order is ascending.
fn first_out_of_order<'a>(
    log: &[&'a Interaction],
) -> Option<(&'a Interaction, &'a Interaction, bool)> {
    let mut ascending = None;
    for pair in log.windows(2) {
        let (before, after) = (pair[0], pair[1]);
        if before.date == after.date {
            continue;
        }
        let up = after.date > before.date;
        match ascending {
            None => ascending = Some(up),
            Some(direction) if direction != up => return Some((after, before, direction)),
            Some(_) => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::sample::{self, ago, log, person};
    use crate::model::Person;

    fn logged(days_ago: &[i64]) -> Person {
        let mut p = person("Una");
        for d in days_ago {
            log(&mut p, ago(*d), "entry");
        }
        p
    }

    #[test]
    fn fires_at_the_first_entry_out_of_order() {
        let f = sample::run(check, vec![logged(&[30, 20, 20, 25, 10])]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span.line, 16);
        assert_eq!(
            f[0].message,
            format!(
                "log of Una is out of order: {} comes after {} in a log that runs oldest first",
                ago(25),
                ago(20)
            )
        );
    }

    #[test]
    fn either_order_and_equal_dates_are_fine() {
        for dates in [
            &[30, 20, 20, 10][..],
            &[10, 20, 20, 30],
            &[5, 5, 5],
            &[1, 2],
            &[],
        ] {
            assert!(
                sample::run(check, vec![logged(dates)]).is_empty(),
                "{dates:?}"
            );
        }
        let f = sample::run(check, vec![logged(&[10, 20, 15])]);
        assert!(f[0].message.ends_with("newest first"));
    }

    #[test]
    fn notes_and_front_matter_are_separate_logs() {
        let mut p = logged(&[30, 20]);
        p.interactions[0].source = InteractionSource::FrontMatter;
        p.interactions[0].span = crate::model::Span::line(3);
        log(&mut p, ago(40), "entry");
        p.interactions[2].path = "Daily/x.md".into();
        assert!(sample::run(check, vec![p]).is_empty());
    }
}
