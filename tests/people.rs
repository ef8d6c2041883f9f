//! End-to-end tests of `vaultnet people`: the real binary on fixture
//! vaults, output compared exactly.

use assert_cmd::Command;

fn vaultnet() -> Command {
    let mut cmd = Command::cargo_bin("vaultnet").unwrap();
    cmd.env_remove("VAULTNET_TODAY")
        .env_remove("VAULTNET_FORMAT")
        .env("NO_COLOR", "1");
    cmd
}

const FIXTURE: &str = "tests/fixtures/people-basic";

#[test]
fn json_matches_spec_shape_exactly() {
    let expected = std::fs::read_to_string("tests/fixtures/people-basic.expected.json").unwrap();
    let output = vaultnet()
        .args([
            "people",
            FIXTURE,
            "--today",
            "2026-11-25",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let got: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let want: serde_json::Value = serde_json::from_str(&expected).unwrap();
    assert_eq!(got, want);
}

#[test]
fn json_keys_are_exact() {
    let output = vaultnet()
        .args([
            "people",
            FIXTURE,
            "--format",
            "json",
            "--today",
            "2026-11-25",
        ])
        .output()
        .unwrap();
    let people: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let first = people[0].as_object().unwrap();
    let keys: Vec<&str> = first.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "name",
            "path",
            "aliases",
            "tags",
            "interests",
            "cadence_days",
            "last_contact",
            "days_since_contact",
            "overdue_days",
            "status",
            "interactions"
        ]
    );
    let interaction = people[0]["interactions"][0].as_object().unwrap();
    let keys: Vec<&str> = interaction.keys().map(String::as_str).collect();
    assert_eq!(keys, ["date", "by", "asks", "gives", "path", "line"]);
}

#[test]
fn today_comes_from_the_environment_too() {
    let flag = vaultnet()
        .args([
            "people",
            FIXTURE,
            "--format",
            "json",
            "--today",
            "2026-12-01",
        ])
        .output()
        .unwrap();
    let env = vaultnet()
        .args(["people", FIXTURE, "--format", "json"])
        .env("VAULTNET_TODAY", "2026-12-01")
        .output()
        .unwrap();
    assert_eq!(flag.stdout, env.stdout);
}

#[test]
fn table_is_sorted_most_overdue_first() {
    let output = vaultnet()
        .args(["people", FIXTURE, "--today", "2026-11-25"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        text,
        "NAME           LAST CONTACT  SINCE    CADENCE  OVERDUE
Ada Lovelace   2026-10-01    55d ago  30d      25 days overdue
Bob Stale      2026-10-01    55d ago  30d      25 days overdue
Carol Danvers  -             -        90d      never contacted

3 people: 2 overdue, 1 never contacted
"
    );
}

#[test]
fn empty_vault_explains_how_to_mark_people() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("note.md"), "# Just a note\n").unwrap();
    let output = vaultnet()
        .args([
            "people",
            dir.path().to_str().unwrap(),
            "--today",
            "2026-11-25",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    // Issue 13: the explanation is a message for the person, on stderr as
    // `check` has it; stdout (the table) is empty.
    assert!(output.stdout.is_empty(), "{output:?}");
    let text = String::from_utf8(output.stderr).unwrap();
    assert!(text.contains("no person notes found"), "{text}");
    assert!(text.contains("type: person"), "{text}");
}

#[test]
fn missing_vault_is_exit_2_naming_the_path() {
    let output = vaultnet()
        .args(["people", "no/such/vault", "--today", "2026-11-25"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(err.contains("no/such/vault"), "{err}");
}

#[test]
fn bad_config_is_exit_2_naming_key_and_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("vaultnet.toml"),
        "default_cadence = \"soon\"\n",
    )
    .unwrap();
    let output = vaultnet()
        .args(["people", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(
        err.contains("vaultnet.toml") && err.contains("default_cadence"),
        "{err}"
    );
}

#[test]
fn closed_pipe_is_not_an_error() {
    // `vaultnet people | head -0`: stdout closes early.
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "{} people {FIXTURE} --today 2026-11-25 --format json | head -c 1 >/dev/null; exit ${{PIPESTATUS[0]:-0}}",
            assert_cmd::cargo::cargo_bin("vaultnet").display()
        ))
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
}
