//! The bundled example vault is what a newcomer runs first: every rule
//! it was written to show (all but `unreadable-note`, which git cannot
//! hold) fires exactly where intended, and the healthy relationships
//! fire nothing.

use assert_cmd::Command;

const TODAY: &str = "2026-11-25";

/// (path, line, rule) of every finding the example vault is written to
/// produce at 2026-11-25; see each note's story.
const EXPECTED: &[(&str, u64, &str)] = &[
    ("Daily/2026-11-23.md", 3, "unknown-person"),
    (
        "Meetings/2026-11-16 Berlin data meetup.md",
        3,
        "conflicting-date",
    ),
    ("People/Chloé Dubois.md", 10, "unused-suppression"),
    ("People/Chloé Dubois.md", 20, "early-ask"),
    ("People/Daniel Okafor.md", 23, "stale-relationship"),
    ("People/Daniel Okafor.md", 24, "future-date"),
    ("People/Elena Petrova.md", 24, "unordered-log"),
    ("People/Elena Petrova.md", 26, "one-sided-outreach"),
    ("People/Hannah Schulz.md", 11, "unknown-field"),
    ("People/Hannah Schulz.md", 29, "stale-relationship"),
    ("People/Lucas Ferreira.md", 4, "invalid-value"),
    ("People/Lucas Ferreira.md", 17, "no-follow-up"),
    ("People/Marcus Lindqvist.md", 7, "invalid-date"),
    ("People/Marcus Lindqvist.md", 31, "taking-not-giving"),
    ("People/Nadia Karimi.md", 30, "missed-follow-up"),
    // SPEC rev. 2 VN001: an unclosed quote is pointed at where it opens.
    ("People/Oliver Brennan.md", 8, "front-matter-syntax"),
    ("People/Ravi Subramanian.md", 23, "all-about-me"),
    ("People/Ravi Subramanian.md", 24, "one-sided-outreach"),
    ("People/Sam Goldberg.md", 1, "no-interests"),
    ("People/Sam Goldberg.md", 3, "duplicate-person"),
    ("People/Samira Haddad.md", 1, "no-interactions"),
    ("People/Samira Haddad.md", 2, "duplicate-person"),
    ("People/Theo Brandt.md", 9, "missed-follow-up"),
];

const HEALTHY: &[&str] = &[
    "Priya Raman",
    "Tomás Oliveira",
    "Mei Chen",
    "Kwame Mensah",
    "Sofia Marchetti",
    "Jonas Weber",
    "Bartek Nowak",
    "Leila Ahmadi",
    "Ines Carvalho",
];

fn check_json() -> Vec<serde_json::Value> {
    let output = Command::cargo_bin("vaultnet")
        .unwrap()
        .env_remove("VAULTNET_FORMAT")
        .args([
            "check",
            "vault-example",
            "--today",
            TODAY,
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    // Errors are present, so the default --fail-on error exits 1.
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn every_designed_finding_and_nothing_else() {
    let findings = check_json();
    let got: Vec<(String, u64, String)> = findings
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(String, u64, String)> = EXPECTED
        .iter()
        .map(|(p, l, r)| ((*p).to_string(), *l, (*r).to_string()))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn healthy_relationships_are_not_flagged() {
    for finding in check_json() {
        let person = finding["person"].as_str().unwrap_or("");
        assert!(
            !HEALTHY.contains(&person),
            "healthy {person} was flagged: {finding}"
        );
    }
}

#[test]
fn every_rule_but_unreadable_note_is_shown() {
    let findings = check_json();
    let output = Command::cargo_bin("vaultnet")
        .unwrap()
        .args(["rule", "--all", "--format", "json"])
        .output()
        .unwrap();
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    for rule in rules {
        let name = rule["name"].as_str().unwrap();
        if name == "unreadable-note" {
            continue;
        }
        assert!(
            findings.iter().any(|f| f["rule"] == name),
            "the example vault does not show {name}"
        );
    }
}

#[test]
fn people_lists_everyone_but_the_owner() {
    let output = Command::cargo_bin("vaultnet")
        .unwrap()
        .args([
            "people",
            "vault-example",
            "--today",
            TODAY,
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let people: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(people.len(), 22);
    assert!(people.iter().all(|p| p["name"] != "Me"));
}

/// The wording of every finding of the example vault, as `check` prints
/// it by default: message and help changes are reviewed in the
/// snapshot's diff.
#[test]
fn full_output_is_pinned() {
    let output = Command::cargo_bin("vaultnet")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "check",
            "vault-example",
            "--today",
            "2026-11-25",
            "--no-cache",
        ])
        .args(["--format", "full", "--color", "never"])
        .env("COLUMNS", "100")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(String::from_utf8(output.stdout).unwrap());
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The cache of parsed notes changes nothing but speed: on a copy of
/// the example vault, `check` and `people` print byte for byte the same
/// with no cache, filling it, and reading it back.
#[test]
fn a_cold_and_a_warm_cache_give_the_same_output() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    copy_tree(std::path::Path::new("vault-example"), &vault);
    let run = |args: &[&str]| {
        let output = Command::cargo_bin("vaultnet")
            .unwrap()
            .env_remove("VAULTNET_FORMAT")
            .env_remove("VAULTNET_NO_CACHE")
            .current_dir(&vault)
            .args(args)
            .args(["--today", TODAY, "--format", "json"])
            .output()
            .unwrap();
        assert!(output.status.code().is_some_and(|c| c <= 1), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    for command in ["check", "people"] {
        let uncached = run(&[command, "--no-cache"]);
        assert!(!uncached.is_empty());
        let filling = run(&[command]);
        let cache = vault.join(".vaultnet/cache/notes.bin");
        assert!(cache.is_file(), "{command} filled the cache");
        let warm = run(&[command]);
        assert_eq!(filling, uncached, "{command}: a cold cache");
        assert_eq!(warm, uncached, "{command}: a warm cache");
    }
}

/// Every note of the tree at `root` last modified an hour ago: settled,
/// as a vault is between two runs of a hook.
fn age_notes(root: &std::path::Path) {
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "md") {
            std::fs::File::options()
                .write(true)
                .open(entry.path())
                .unwrap()
                .set_modified(old)
                .unwrap();
        }
    }
}

/// A vault where no note changed is answered from the stored report,
/// byte for byte what a full run prints; any change (a note edited or
/// added, another date, other rules, a narrower path) is seen.
#[test]
fn a_stored_report_is_used_only_while_nothing_changed() {
    let cases: [&[&str]; 4] = [
        &["--today", TODAY],
        &["--today", "2027-03-01"],
        &["--today", TODAY, "--select", "VN1"],
        &["--today", TODAY, "People"],
    ];
    a_stored_answer_is_used_only_while_nothing_changed("check", "report.bin", &cases);
}

#[test]
fn a_stored_people_list_is_used_only_while_nothing_changed() {
    let cases: [&[&str]; 3] = [
        &["--today", TODAY],
        &["--today", "2027-03-01"],
        &["--today", TODAY, "People"],
    ];
    a_stored_answer_is_used_only_while_nothing_changed("people", "people.bin", &cases);
}

/// A copy of the example vault whose notes all settled long ago.
fn aged_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    copy_tree(std::path::Path::new("vault-example"), &vault);
    age_notes(&vault);
    (dir, vault)
}

/// vaultnet run in `vault`, with no setting from the environment.
fn vaultnet_in(vault: &std::path::Path) -> Command {
    let mut command = Command::cargo_bin("vaultnet").unwrap();
    command
        .env_remove("VAULTNET_FORMAT")
        .env_remove("VAULTNET_NO_CACHE")
        .env_remove("VAULTNET_TODAY")
        .current_dir(vault);
    command
}

/// `command`'s stored answer (in `.vaultnet/cache/<file>`) prints what a
/// `--no-cache` run prints, for each of `cases`, and an edit or a new
/// person is seen by the next run.
fn a_stored_answer_is_used_only_while_nothing_changed(
    command: &str,
    file: &str,
    cases: &[&[&str]],
) {
    let (_dir, vault) = aged_copy();
    let run = |args: &[&str]| {
        let output = vaultnet_in(&vault)
            .arg(command)
            .args(args)
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert!(output.status.code().is_some_and(|c| c <= 1), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let stored = vault.join(".vaultnet/cache").join(file);
    for args in cases {
        let full = run(&[args, &["--no-cache"][..]].concat());
        assert_eq!(run(args), full, "{args:?}: filling");
        assert!(stored.is_file(), "{args:?}: the answer is stored");
        assert_eq!(run(args), full, "{args:?}: stored");
    }
    // An edit the stored answer does not know of: the next run sees it.
    let before = run(&["--today", TODAY]);
    let note = vault.join("People/Daniel Okafor.md");
    let text = std::fs::read_to_string(&note).unwrap();
    std::fs::write(&note, text.replacen("---\n", "---\nmet: 2026-02-30\n", 1)).unwrap();
    let edited = run(&["--today", TODAY]);
    assert_eq!(edited, run(&["--today", TODAY, "--no-cache"]));
    if command == "check" {
        assert_ne!(edited, before, "the bad date is a finding");
    }
    std::fs::write(vault.join("People/Zed New.md"), "---\nname: Zed New\n---\n").unwrap();
    let added = run(&["--today", TODAY]);
    assert_eq!(added, run(&["--today", TODAY, "--no-cache"]));
    assert!(added.contains("Zed New"));
}

/// The `full` format of a stored report shows the lines stored beside
/// it (`lines.bin`), the same as a run that reads the notes; damaged or
/// stale stored lines are read again from the notes.
#[test]
fn a_stored_report_is_drawn_with_its_stored_lines() {
    let (_dir, vault) = aged_copy();
    let run = |args: &[&str]| {
        let output = vaultnet_in(&vault)
            .args(["check", "--today", TODAY])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let full = run(&["--no-cache", "--color", "never"]);
    assert!(full.contains(" | "), "snippets are drawn: {full}");
    let lines = vault.join(".vaultnet/cache/lines.bin");
    assert_eq!(run(&["--color", "never"]), full, "filling");
    assert!(lines.is_file(), "the lines are stored");
    assert_eq!(run(&["--color", "never"]), full, "stored");
    let mut bytes = std::fs::read(&lines).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x20;
    std::fs::write(&lines, &bytes).unwrap();
    assert_eq!(
        run(&["--color", "never"]),
        full,
        "damaged lines are read again"
    );
    assert_eq!(run(&["--color", "never"]), full, "and stored again");
    assert_ne!(std::fs::read(&lines).unwrap(), bytes);
    // A narrower path reads only its own notes' lines and stores none.
    let people = run(&["--no-cache", "--color", "never", "People"]);
    std::fs::remove_file(&lines).unwrap();
    assert_eq!(run(&["--color", "never", "People"]), people);
    assert!(!lines.exists());
    // Colour drawn and stripped is the same text as no colour drawn.
    let colored = run(&["--color", "always"]);
    let stripped = anstream::adapter::strip_str(&colored).to_string();
    assert_eq!(stripped, full);
}
