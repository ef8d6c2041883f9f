//! Fuzzes the whole per-note pipeline on arbitrary bytes: decoding
//! (BOM, CRLF, NUL, UTF-8), front matter, body, classification, fields,
//! dates, journal mentions, then every lint rule over the result.
//!
//! The first byte picks where the note lives (which decides what it is
//! classified as); a fixed person note sits beside it so journal
//! mentions have someone to resolve to. Besides not panicking, every
//! place reported must lie inside its note, and reading the notes again
//! (in the other order) must give the same vault.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use vaultnet::config::VaultSettings;
use vaultnet::lint::{self, settings::LintSettings};
use vaultnet::vault::{load_bytes, LoadOptions};

const PATHS: [&str; 6] = [
    "People/Fuzz.md",
    "Daily/2026-03-01.md",
    "Notes/Fuzz.md",
    "Templates/Fuzz.md",
    "Fuzz.md",
    "Meetings/Meeting - 2024-06-14 2247.md",
];

const ADA: &[u8] = b"---\nname: Ada Lovelace\naliases: [Ada]\ncadence: 30d\n---\n## Log\n- 2026-01-01: tea [by:: me]\n";

fuzz_target!(|data: &[u8]| {
    let Some((&first, note)) = data.split_first() else {
        return;
    };
    let settings = VaultSettings::defaults(Path::new("/fuzz"));
    let path = PATHS[usize::from(first) % PATHS.len()];
    let vault = load_bytes(
        &settings,
        &[(path, note), ("People/Ada Lovelace.md", ADA)],
        LoadOptions {
            keep_text: true,
            ..LoadOptions::default()
        },
    );
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let report = lint::check(&vault, &LintSettings::default(), today);
    // Every place reported lies inside its note.
    let lines = |bytes: &[u8]| {
        let text = String::from_utf8_lossy(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes))
            .replace("\r\n", "\n")
            .replace('\r', "\n");
        text.lines().count().max(1)
    };
    for d in &report.diagnostics {
        let count = if d.path == path {
            lines(note)
        } else {
            lines(ADA)
        };
        assert!(
            d.span.line >= 1 && d.span.line <= count,
            "{d:?} ({count} lines)"
        );
        if let Some(end) = d.span.end_line {
            assert!(end >= d.span.line && end <= count, "{d:?} ({count} lines)");
        }
    }
    // Reading is deterministic.
    let again = load_bytes(
        &settings,
        &[("People/Ada Lovelace.md", ADA), (path, note)],
        LoadOptions {
            keep_text: true,
            ..LoadOptions::default()
        },
    );
    assert_eq!(format!("{vault:?}"), format!("{again:?}"));
});
