//! End-to-end tests of how person notes' fields and bodies are read
//! (SPEC rev. 2 §2.1–§2.2): the real binary on the vaults under
//! `tests/fixtures/fields/`, `people --format json` compared exactly and
//! `check` findings asserted, with a healthy look-alike beside each case.

use assert_cmd::Command;
use serde_json::{json, Value};

const TODAY: &str = "2026-11-25";

fn vaultnet() -> Command {
    let mut cmd = Command::cargo_bin("vaultnet").unwrap();
    cmd.env_remove("VAULTNET_TODAY")
        .env_remove("VAULTNET_FORMAT")
        .env("NO_COLOR", "1");
    cmd
}

fn people(case: &str) -> Vec<Value> {
    let output = vaultnet()
        .args(["people", &format!("tests/fixtures/fields/{case}")])
        .args(["--today", TODAY, "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

fn person<'a>(people: &'a [Value], name: &str) -> &'a Value {
    people
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {people:#?}"))
}

/// `(path, line, rule, help)` of every finding of `check`.
fn findings(case: &str) -> Vec<(String, u64, String, String)> {
    let output = vaultnet()
        .args(["check", &format!("tests/fixtures/fields/{case}")])
        .args(["--today", TODAY, "--format", "json", "--exit-zero"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let found: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    found
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or("").to_string(),
                f["line"].as_u64().unwrap_or(0),
                f["rule"].as_str().unwrap_or("").to_string(),
                f["help"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// `find QUERY` on a copy of the fixture (the index is written inside
/// the vault): `(kind, path)` of each hit, best first.
fn find(case: &str, query: &str) -> Vec<(String, String)> {
    find_json(case, query)
        .iter()
        .map(|h| {
            (
                h["kind"].as_str().unwrap_or("").to_string(),
                h["path"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// The JSON hits of `find QUERY` on a copy of the fixture.
fn find_json(case: &str, query: &str) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        std::path::Path::new(&format!("tests/fixtures/fields/{case}")),
        dir.path(),
    );
    let output = vaultnet()
        .args(["find", query, "--format", "json"])
        .arg(dir.path())
        .env_remove("VAULTNET_INDEX_DIR")
        .output()
        .unwrap();
    let found: Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|_| panic!("{output:?}"));
    found
        .as_array()
        .or_else(|| found["hits"].as_array())
        .cloned()
        .unwrap_or_default()
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn rules_of(found: &[(String, u64, String, String)], path: &str) -> Vec<(u64, String)> {
    found
        .iter()
        .filter(|f| f.0 == path)
        .map(|f| (f.1, f.2.clone()))
        .collect()
}

#[test]
fn normalised_keys_and_new_aliases_are_read() {
    let people = people("keys");
    let maggie = person(&people, "Marguerite Okafor");
    assert_eq!(maggie["aliases"], json!(["Maggie"]));
    assert_eq!(maggie["last_contact"], "2026-10-02");
    let tobias = person(&people, "Tobias Lindqvist");
    assert_eq!(tobias["cadence_days"], 60);
    assert_eq!(
        find("keys", "company:Halden"),
        [(
            "profile".to_string(),
            "People/Marguerite Okafor.md".to_string()
        )]
    );
    assert_eq!(
        find("keys", "location:Gothenburg"),
        [(
            "profile".to_string(),
            "People/Tobias Lindqvist.md".to_string()
        )]
    );
}

#[test]
fn only_near_misses_of_person_keys_are_unknown_fields() {
    let found = findings("keys");
    let maggie: Vec<_> = found
        .iter()
        .filter(|f| f.0 == "People/Marguerite Okafor.md" && f.2 == "unknown-field")
        .collect();
    assert_eq!(maggie.len(), 1, "{found:#?}");
    assert_eq!(maggie[0].1, 8);
    assert!(maggie[0].3.contains("`interests`"), "{}", maggie[0].3);
    // `Given Name`, `familyName`, `cssclasses`, `publish`, `created`,
    // `favourite_food`, `state`: all silent.
    assert!(
        !found.iter().any(|f| f.2 == "unknown-field" && f.1 != 8),
        "{found:#?}"
    );
}

#[test]
fn vcard_keys_are_read_and_never_typos() {
    let people = people("vcard");
    let rosa = person(&people, "Rosa Delgado");
    assert_eq!(rosa["tags"], json!(["climbing", "friends"]));
    assert_eq!(
        find("vcard", "location:Valencia company:Albufera"),
        [(
            "profile".to_string(),
            "Contacts/Rosa Delgado.md".to_string()
        )]
    );
    let found = findings("vcard");
    assert!(
        !found
            .iter()
            .any(|f| matches!(f.2.as_str(), "unknown-field" | "invalid-value")),
        "TZ:, X-SOCIAL:, TEL.CELL: and EMAIL[home]: are vCard keys: {found:#?}"
    );
}

#[test]
fn front_matter_without_its_opening_fence_is_reported_and_read() {
    let people = people("lost-fence");
    let priya = person(&people, "Priya Raman");
    assert_eq!(priya["last_contact"], "2026-08-19");
    let found = findings("lost-fence");
    let syntax: Vec<_> = found
        .iter()
        .filter(|f| f.2 == "front-matter-syntax")
        .collect();
    assert_eq!(syntax.len(), 1, "{found:#?}");
    assert_eq!(
        (syntax[0].0.as_str(), syntax[0].1),
        ("People/Priya Raman.md", 1)
    );
    assert!(syntax[0].3.contains("add `---` as the first line"));
    // One key above a `---` is a setext heading: Anders has no fields.
    let anders = person(&people, "Anders Holm");
    assert_eq!(anders["last_contact"], Value::Null);
}

#[test]
fn a_person_with_only_body_fields() {
    let people = people("body");
    let hannah = person(&people, "Hannah Whitcombe");
    assert_eq!(hannah["last_contact"], "2025-03-03");
    // `Life events` is not a log: the wedding is not contact.
    assert_eq!(hannah["interactions"], json!([]));
    assert_eq!(
        find("body", "role:design company:Brightwater location:Bristol"),
        [(
            "profile".to_string(),
            "People/Hannah Whitcombe.md".to_string()
        )]
    );
    let found = findings("body");
    let hannah_rules = rules_of(&found, "People/Hannah Whitcombe.md");
    assert!(
        !hannah_rules.iter().any(|(_, r)| matches!(
            r.as_str(),
            "no-interests" | "unknown-field" | "invalid-value"
        )),
        "{hannah_rules:?}"
    );
}

#[test]
fn catch_ups_with_long_dates_and_a_dated_table_are_a_log() {
    let people = people("logs");
    let dmitri = person(&people, "Dmitri Volkov");
    // Two `**Mar 3, 2025**`-style items, two table rows (header skipped)
    // and the dated heading under `Meeting Notes`.
    let dates: Vec<&str> = dmitri["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        dates,
        [
            "2025-03-03",
            "2025-06-18",
            "2025-09-02",
            "2025-11-27",
            "2026-01-12"
        ]
    );
    assert_eq!(dmitri["last_contact"], "2026-01-12");
    let gives: Vec<&Value> = dmitri["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|i| i["gives"].as_array().unwrap())
        .collect();
    assert_eq!(gives, [&json!("feedback on his talk")]);
}

#[test]
fn a_query_naming_a_person_puts_their_profile_first() {
    let hits = find("search", "Ada Lovelace");
    assert_eq!(
        hits.first(),
        Some(&("profile".to_string(), "People/Ada Lovelace.md".to_string())),
        "{hits:#?}"
    );
    assert!(hits.len() > 5, "the journal notes still match: {hits:#?}");
    let hits = find("search", "Ada");
    assert_eq!(hits[0].1, "People/Ada Lovelace.md", "{hits:#?}");
}

#[test]
fn a_profile_snippet_is_a_fact_not_the_first_key() {
    let output = find_json("search", "Lovelace");
    let profile = output
        .iter()
        .find(|h| h["kind"] == "profile")
        .expect("a profile hit");
    let snippet = profile["snippet"].as_str().unwrap();
    assert!(
        snippet.starts_with("company: Analytical Engines"),
        "{snippet}"
    );
}

#[test]
fn the_first_line_of_a_note_without_front_matter_is_searchable() {
    let hits = find("search", "nanoseconds");
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert_eq!(hits[0].1, "People/Grace Hopper.md");
    let hits = find("search", "compiler workshop");
    assert_eq!(hits.len(), 1, "{hits:#?}");
}
