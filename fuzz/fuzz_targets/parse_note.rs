//! Fuzzes the whole per-note pipeline on arbitrary bytes: decoding
//! (BOM, CRLF, NUL, UTF-8), front matter, body, classification, fields,
//! dates, journal mentions, then every lint rule over the result.
//!
//! The first byte picks where the note lives (which decides what it is
//! classified as); a fixed person note sits beside it so journal
//! mentions have someone to resolve to.

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
        },
    );
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let _ = lint::check(&vault, &LintSettings::default(), today);
});
