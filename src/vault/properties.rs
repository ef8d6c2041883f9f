//! Properties of the whole reading pipeline (front matter, Markdown body,
//! classification, journal joining) and of the linter on top of it, over
//! arbitrary bytes and over note-like text built from the constructs real
//! vaults use: nothing panics, every place reported lies inside its file,
//! and reading is deterministic, whatever order the notes come in.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use proptest::prelude::*;

use super::{decode, load_bytes, LoadOptions};
use crate::config::VaultSettings;
use crate::lint::{self, settings::LintSettings};
use crate::model::{Span, Vault};

/// Pieces of notes: front-matter lines, body lines and the hostile bits
/// between them. Joined at random, they make notes that are nearly right,
/// which is where parsers go wrong.
const PIECES: &[&str] = &[
    "---\n",
    "---\r\n",
    "...\n",
    "\u{feff}",
    "name: Ada Lovelace\n",
    "Name: \"[[Bob]]\"\n",
    "aliases: [Ada, \"Countess\"]\n",
    "alias: me\n",
    "tags: person, friend\n",
    "type: person\n",
    "kind: org\n",
    "cadence: 30d\n",
    "cadence: soon\n",
    "cadance: 3w\n",
    "tier: inner\n",
    "met: 2026-02-30\n",
    "met: 2025-01-01\n",
    "last_contact: [[2026-03-01]]\n",
    "interests:\n  - rowing\n  - 5\n",
    "birthday: --12-10\n",
    "status: paused\n",
    "snooze_until: 99999-01-01\n",
    "participants: [Ada, \"[[Bob]]\"]\n",
    "interactions:\n  - date: 2026-01-05\n    text: tea\n    by: me\n",
    "interactions: 7\n",
    "vaultnet: {ignore: [stale-relationship], until: 2026-01-01}\n",
    "x: &a [*a, *a]\n",
    "x: [[[[[[\n",
    "\t- tab\n",
    "# Ada\n",
    "## Log\n",
    "## Interests\n",
    "## Life events\n",
    "### 2026-03-01 Coffee [by:: me]\n",
    "## November 27, 2023\n",
    "- 2026-03-02: lunch (ask:: an intro) [give:: a book]\n",
    "- [x] 2026-04-01 call by:: them\n",
    "- [ ] 2026-05-01 plan\n",
    "- 2026-13-45 bad day\n",
    "  - nested learned:: she rows\n",
    "- sailing\n",
    "Met [[Ada Lovelace|Ada]] and [[Bob#Work]] today. I told my story.\n",
    "![[Ada]]\n",
    "> [[Bob]] quoted\n",
    "```\n[[Ada]]\n",
    "```\n",
    "Attendees: [[Ada]], [[Bob]]\n",
    "person:: Bob\n",
    "appointment:: 2026-06-01\n",
    "<!-- vaultnet-ignore all-about-me -->\n",
    "<!-- vaultnet-ignore\n",
    "by:: maybe\n",
    "#person #type/contact\n",
    "| a | b |\n|---|---|\n| [[Ada]] | 2026-01-01 |\n",
    "é李🐉\u{200b}\n",
    "\r",
    "\r\n",
    "\n",
    "\n\n",
    "    indented code [[Bob]]\n",
    "<div>\n[[Ada]]\n</div>\n",
    "[^1]: note\n",
];

fn pieces(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|p| p.concat())
}

/// Any mix of pieces, or one shaped like a note: front matter, then body.
fn note_text() -> impl Strategy<Value = String> {
    prop_oneof![
        pieces(24),
        (pieces(8), pieces(16)).prop_map(|(front, body)| format!("---\n{front}---\n{body}")),
    ]
}

/// Where the generated notes live: two people and a journal note.
const PATHS: [&str; 3] = [
    "People/Ada Lovelace.md",
    "People/Bob.md",
    "Daily/2026-03-01.md",
];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("a real date")
}

/// Reads the notes as a vault with every rule on, and checks each place
/// reported: the finding's note exists and its lines hold the span.
fn check_vault(notes: &[(&str, &[u8])]) -> Result<(Vault, String), TestCaseError> {
    let settings = VaultSettings::defaults(Path::new("/vault"));
    let options = LoadOptions {
        keep_text: true,
        ..LoadOptions::default()
    };
    let vault = load_bytes(&settings, notes, options);
    // Each note's lines, as the reader sees them (an unreadable note
    // has one, empty: its findings point at line 1).
    let texts: HashMap<&str, Vec<String>> = notes
        .iter()
        .map(|(path, bytes)| {
            let text = decode(bytes.to_vec()).unwrap_or_default();
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            if lines.is_empty() {
                lines.push(String::new());
            }
            (*path, lines)
        })
        .collect();
    let report = lint::check(&vault, &LintSettings::default(), today());
    for d in &report.diagnostics {
        let Some(lines) = texts.get(d.path.as_str()) else {
            return Err(TestCaseError::fail(format!("unknown path in {d:?}")));
        };
        inside(d.span, lines, &format!("{d:?}"))?;
    }
    for person in &vault.people {
        for i in &person.interactions {
            let lines = &texts[i.path.as_str()];
            inside(i.span, lines, &format!("{i:?}"))?;
            if let Some(comment) = &i.ignore {
                inside(comment.span, lines, &format!("{i:?}"))?;
            }
        }
    }
    for note in &vault.notes {
        for section in &note.sections {
            prop_assert!((1..=texts[note.path.as_str()].len()).contains(&section.line));
        }
    }
    Ok((vault, format!("{:?}", report.diagnostics)))
}

/// The span lies inside `lines`: its lines exist, and its columns
/// (1-based, in characters; an end column is exclusive) lie on them.
fn inside(span: Span, lines: &[String], what: &str) -> Result<(), TestCaseError> {
    let count = lines.len();
    let width = |line: usize| lines[line - 1].chars().count() + 1;
    prop_assert!(
        (1..=count).contains(&span.line),
        "line outside the file ({count} lines): {what}"
    );
    if let Some(column) = span.column {
        prop_assert!(
            (1..=width(span.line)).contains(&column),
            "column outside its line: {what}"
        );
    }
    if let Some(end) = span.end_line {
        prop_assert!(
            (span.line..=count).contains(&end),
            "end line outside the file ({count} lines): {what}"
        );
        if let Some(column) = span.end_column {
            prop_assert!(
                (1..=width(end)).contains(&column),
                "end column outside its line: {what}"
            );
        }
    }
    Ok(())
}

/// Reads the notes in the given order and in reverse: the vault and the
/// findings must come out the same.
fn check_deterministic(notes: &[(&str, &[u8])]) -> Result<(), TestCaseError> {
    let (first, findings) = check_vault(notes)?;
    let reversed: Vec<(&str, &[u8])> = notes.iter().rev().copied().collect();
    let (second, findings_again) = check_vault(&reversed)?;
    prop_assert_eq!(format!("{first:?}"), format!("{second:?}"));
    prop_assert_eq!(findings, findings_again);
    Ok(())
}

// 256 cases by default; `PROPTEST_CASES=20000` for a longer hunt.
proptest! {
    #[test]
    fn arbitrary_bytes_are_read_and_placed_inside_their_file(
        notes in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..300), 3)
    ) {
        let notes: Vec<(&str, &[u8])> =
            PATHS.iter().zip(&notes).map(|(p, b)| (*p, b.as_slice())).collect();
        check_deterministic(&notes)?;
    }

    #[test]
    fn note_like_text_is_read_and_placed_inside_its_file(
        notes in prop::collection::vec(note_text(), 3)
    ) {
        let notes: Vec<(&str, &[u8])> =
            PATHS.iter().zip(&notes).map(|(p, t)| (*p, t.as_bytes())).collect();
        check_deterministic(&notes)?;
    }
}
