//! A person's `status` (SPEC §2.1): the values and synonyms of
//! [`Status`], the near misses worth a warning, and a death recorded in
//! the `Life events` prose.
//!
//! Any value that is not a status word means `active`: vaults use
//! `status` for their own workflows (`lead`, `draft`, `won`,
//! `in-progress`), and a linter that calls those errors gets switched off.
//! Only a value that nearly spells a status word (`archvied`) is
//! reported, as a warning.

use crate::model::{Problem, ProblemKind, Status};
use crate::vault::dates::{leading_date, DateValue};
use crate::vault::fields::value_strings;
use crate::vault::frontmatter::Field;

/// Reads a `status` field into `status`; a near miss of a status word is
/// returned as a warning-level `invalid-value` problem.
pub fn read_value(field: &Field, status: &mut Status) -> Option<Problem> {
    let values = value_strings(&field.value, false)?;
    let text = values.first()?.trim();
    if let Some(parsed) = Status::parse(text) {
        *status = parsed;
        return None;
    }
    let word = Status::near_miss(text)?;
    let mut problem = Problem::new(
        ProblemKind::InvalidValue,
        field.span,
        format!("status `{text}` looks like a misspelling of `{word}`"),
    )
    .with_help(format!(
        "write `{}: {word}`; until then the person is treated as active",
        field.key
    ));
    problem.warning = true;
    Some(problem)
}

/// Whether the body's `Life events` section holds a dated entry (a
/// heading or list item starting with a date) that says they died or
/// passed away.
#[must_use]
pub fn death_in_life_events(body: &str) -> bool {
    // Most notes have no such section: one pass for its name first.
    if !holds_ignoring_ascii_case(body.as_bytes(), b"life events") {
        return false;
    }
    let mut in_life_events = false;
    let mut level = 0;
    let mut fence = false;
    for line in body.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = !fence;
            continue;
        }
        if fence {
            continue;
        }
        let hashes = trimmed.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
            let heading = trimmed[hashes..].trim().trim_end_matches(':');
            if heading.eq_ignore_ascii_case("life events") {
                in_life_events = true;
                level = hashes;
                continue;
            }
            if in_life_events && hashes <= level {
                in_life_events = false;
            }
            if in_life_events && says_died(heading) {
                return true;
            }
            continue;
        }
        if !in_life_events {
            continue;
        }
        let item = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
            .or_else(|| trimmed.strip_prefix("+ "));
        if let Some(item) = item {
            let item = item.trim_start_matches("[x] ").trim_start_matches("**");
            if says_died(item) {
                return true;
            }
        }
    }
    false
}

/// Whether `text` holds `word` (ASCII, lowercase), ASCII case ignored.
/// Looked for by its rarest letter (`v` of `life events`), with memchr:
/// the byte loop it replaced was 3 % of a `check --no-cache`.
fn holds_ignoring_ascii_case(text: &[u8], word: &[u8]) -> bool {
    /// Letters from the most to the least common in English text.
    const BY_FREQUENCY: &[u8] = b"etaoinshrdlcumwfgypbvkjxqz";
    let rarity = |b: &u8| BY_FREQUENCY.iter().position(|c| c == b).unwrap_or(0);
    let Some((anchor, &rare)) = word.iter().enumerate().max_by_key(|(_, b)| rarity(b)) else {
        return true;
    };
    memchr::memchr2_iter(rare, rare.to_ascii_uppercase(), text).any(|at| {
        at.checked_sub(anchor)
            .and_then(|start| text.get(start..start + word.len()))
            .is_some_and(|found| found.eq_ignore_ascii_case(word))
    })
}

/// A dated entry whose words say a death. A life event is often dated
/// by its year alone (`- 1998: passed away at 55`).
fn says_died(entry: &str) -> bool {
    let rest = match leading_date(entry) {
        Some((DateValue::Date(_), rest)) => rest,
        _ => match leading_year(entry) {
            Some(rest) => rest,
            None => return false,
        },
    };
    let words: Vec<String> = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let at = words.iter().position(|w| w == "died").or_else(|| {
        words
            .windows(2)
            .position(|pair| pair[0] == "passed" && pair[1] == "away")
    });
    // `her father died`, `their dog passed away`: someone else's death.
    at.is_some_and(|at| {
        !words[..at]
            .iter()
            .any(|w| SOMEONE_ELSE.contains(&w.as_str()))
    })
}

/// The text after a leading year (`1998:`, `1998 -`, `**1998**`), a
/// plausible year between 1800 and 2100 standing alone.
fn leading_year(entry: &str) -> Option<&str> {
    let entry = entry.trim_start().trim_start_matches("**");
    let digits = entry.bytes().take_while(u8::is_ascii_digit).count();
    if digits != 4 {
        return None;
    }
    let year: u32 = entry[..4].parse().ok()?;
    let rest = entry[4..].trim_start_matches("**");
    let separated =
        rest.is_empty() || rest.starts_with([':', ' ', '-', '\u{2013}', '\u{2014}', ',', '.', ')']);
    ((1800..=2100).contains(&year) && separated).then_some(rest)
}

/// Words before `died` that make it someone else's death.
const SOMEONE_ELSE: &[&str] = &[
    "his",
    "her",
    "their",
    "my",
    "our",
    "whose",
    "father",
    "mother",
    "dad",
    "mum",
    "mom",
    "husband",
    "wife",
    "partner",
    "brother",
    "sister",
    "son",
    "daughter",
    "grandma",
    "grandpa",
    "grandmother",
    "grandfather",
    "uncle",
    "aunt",
    "friend",
    "dog",
    "cat",
    "pet",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dated_death_in_life_events_is_read() {
        let body = "# Gran\n\n## Life events\n- 1950-04-02 born in Porto\n- 2024-11-03 passed away at home\n";
        assert!(death_in_life_events(body));
        let died_heading = "## Life events\n### 2024-11-03 She died\n";
        assert!(death_in_life_events(died_heading));
        assert!(death_in_life_events(
            "## Life Events\n- 1943-08-06: born\n- 1998: Tragically passed away at 55.\n"
        ));
        assert!(!death_in_life_events(
            "## Life Events\n- 1998: his mother passed away\n"
        ));
        assert!(!death_in_life_events(
            "## Life Events\n- 19981: passed away\n- 3000 died\n"
        ));
        assert!(!death_in_life_events(
            "## Life events\n- 2020-01-01 her father died\n## Log\n"
        ));
        assert!(!death_in_life_events(
            "## Log\n- 2024-11-03 talked about how his dog died\n"
        ));
        assert!(!death_in_life_events(
            "## Life events\n- Moved to Lisbon; nobody died\n"
        ));
        assert!(death_in_life_events("# LIFE EVENTS:\n- 2001 died\n"));
    }

    #[test]
    fn the_section_name_is_found_in_any_ascii_case() {
        assert!(holds_ignoring_ascii_case(b"x Life Events", b"life events"));
        assert!(holds_ignoring_ascii_case(b"LIFE EVENTS", b"life events"));
        assert!(!holds_ignoring_ascii_case(b"life even", b"life events"));
        assert!(!holds_ignoring_ascii_case(b"lifeevents", b"life events"));
        assert!(!holds_ignoring_ascii_case(b"v", b"life events"));
        assert!(holds_ignoring_ascii_case(b"vv life eVents", b"life events"));
        assert!(holds_ignoring_ascii_case(b"", b""));
    }

    #[test]
    fn statuses_of_other_workflows_are_active_and_near_misses_warn() {
        for (text, want) in [
            ("inactive", Some(Status::Paused)),
            ("former", Some(Status::Archived)),
            ("dead", Some(Status::Deceased)),
            ("Reference", Some(Status::Reference)),
            ("on-hold", Some(Status::Paused)),
            ("lead", None),
        ] {
            assert_eq!(Status::parse(text), want, "{text}");
        }
        assert_eq!(Status::near_miss("archvied"), Some("archived"));
        assert_eq!(Status::near_miss("pased"), Some("paused"));
        for workflow in [
            "lead",
            "draft",
            "won",
            "in-progress",
            "done",
            "new",
            "prospect",
        ] {
            assert_eq!(Status::near_miss(workflow), None, "{workflow}");
        }
    }
}
