//! End-to-end tests of how notes are read (SPEC rev. 2 §1, §2.3): who is
//! a person, a reference person or the owner, which notes are journals
//! and their dates, whose fields are whose in a meeting note — through
//! the real binary on fixture vaults under `tests/fixtures/reading/`.

use std::path::Path;

use assert_cmd::Command;

const TODAY: &str = "2026-11-25";

fn vaultnet() -> Command {
    let mut cmd = Command::cargo_bin("vaultnet").unwrap();
    cmd.env_remove("VAULTNET_TODAY")
        .env_remove("VAULTNET_FORMAT")
        .env("VAULTNET_NO_CACHE", "1")
        .env("NO_COLOR", "1");
    cmd
}

fn json(args: &[&str], vault: &Path) -> serde_json::Value {
    let output = vaultnet()
        .args(args)
        .arg(vault)
        .args(["--today", TODAY, "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.code().is_some_and(|c| c < 2), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

fn expected(name: &str) -> serde_json::Value {
    let path = format!("tests/fixtures/reading/{name}.expected.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A project in `Contacts/`, a README, a `status: lead` person, a
/// dentist under `People/Providers/`, a public figure, a person who is
/// also an author but has coffee with you, a 1:1 named by `mentor:`, a
/// meeting note whose `ask::` sits in one attendee's bullet, `about::`,
/// `**Attendees**:` and the config's `owner`.
#[test]
fn people_of_a_mixed_crm_vault() {
    let got = json(&["people"], Path::new("tests/fixtures/reading/crm"));
    assert_eq!(got, expected("crm"));
}

/// `Tagebuch/` holds journals by `.obsidian/daily-notes.json`, dated
/// `DD.MM.YYYY`; an inline `date::` dates a note without one in its name;
/// a planned dinner is not contact.
#[test]
fn daily_notes_settings_date_journals() {
    let got = json(
        &["people"],
        Path::new("tests/fixtures/reading/daily-format"),
    );
    assert_eq!(got, expected("daily-format"));
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Only folders inside the vault are signs: a clone called `friends-crm`
/// (a people word) or `starter-template` (a template word) reads exactly
/// as the same vault called `notes`.
#[test]
fn the_root_folder_name_is_never_a_sign() {
    let dir = tempfile::tempdir().unwrap();
    let mut people = Vec::new();
    let mut findings = Vec::new();
    for name in ["notes", "friends-crm", "starter-template", "daily"] {
        let root = dir.path().join(name);
        copy_dir(Path::new("tests/fixtures/reading/crm"), &root);
        // A loose note at the root: no sign inside the vault.
        std::fs::write(root.join("Groceries.md"), "- oat milk\n- lentils\n").unwrap();
        people.push(json(&["people"], &root));
        let check = json(&["check"], &root);
        let keys: Vec<(String, u64, String)> = check
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["path"].as_str().unwrap().to_string(),
                    d["line"].as_u64().unwrap(),
                    d["rule"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        findings.push(keys);
    }
    assert_eq!(people[0], expected("crm"));
    for (i, got) in people.iter().enumerate() {
        assert_eq!(got, &people[0], "vault {i}");
        assert_eq!(findings[i], findings[0], "vault {i}");
    }
}

/// `--show-files` says what each note was read as and why.
#[test]
fn show_files_names_the_deciding_sign() {
    let output = vaultnet()
        .args(["check", "tests/fixtures/reading/crm", "--show-files"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    for (path, read_as, sign) in [
        (
            "Contacts/Website relaunch.md",
            "other",
            "type: project (vetoes folder `Contacts`)",
        ),
        (
            "Contacts/README.md",
            "other",
            "`README` file without a person sign",
        ),
        ("Contacts/Sam Rivera.md", "owner", "tag #person"),
        (
            "Library/Octavia Butler.md",
            "reference",
            "type: public-figure",
        ),
        (
            "People/Providers/Dr Lena Brandt.md",
            "reference",
            "reference: folder `Providers`",
        ),
        (
            "Meetings/Standup 20261116.md",
            "journal 2026-11-16",
            "folder `Meetings`",
        ),
        (
            "Library/Rust reading list.md",
            "other",
            "no person or journal sign",
        ),
    ] {
        let line = text
            .lines()
            .find(|l| l.starts_with(path))
            .unwrap_or_else(|| panic!("{path} missing:\n{text}"));
        let rest = line[path.len()..].trim_start();
        assert!(rest.starts_with(read_as), "{line}");
        assert!(rest.ends_with(sign), "{line}");
    }
    let listed = json(
        &["check", "--show-files"],
        Path::new("tests/fixtures/reading/daily-format"),
    );
    let notes = listed.as_array().unwrap();
    let wochenplan = notes
        .iter()
        .find(|n| n["path"] == "Tagebuch/Wochenplan.md")
        .unwrap();
    assert_eq!(wochenplan["read_as"], "journal");
    assert_eq!(wochenplan["date"], "2026-11-16");
}
