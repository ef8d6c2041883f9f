//! Vault roots and several vaults at once (SPEC rev. 2 §1, §5.1), end to
//! end: the real binary on `tests/fixtures/two-vaults`, which holds two
//! vaults — `garden` (marked by `.obsidian/`, one warning) and `workshop`
//! (marked by `vaultnet.toml`, an error and a warning). Every run over
//! several vaults, a subfolder or files is compared with what each vault
//! alone gives.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{json, Value};

const TODAY: &str = "2026-06-01";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/two-vaults")
}

/// `vaultnet` run from `dir`, with a fixed today, no cache and none of
/// the environment that would change the output.
fn vaultnet_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("vaultnet").unwrap();
    cmd.current_dir(dir)
        .env("VAULTNET_TODAY", TODAY)
        .env("VAULTNET_NO_CACHE", "1")
        .env_remove("VAULTNET_FORMAT")
        .env_remove("GITHUB_WORKSPACE")
        .env_remove("VAULTNET_INDEX_DIR")
        .env("NO_COLOR", "1");
    cmd
}

fn vaultnet() -> Command {
    vaultnet_in(&fixtures())
}

/// `check --format json ARGS…` from `dir`: the rows and the exit code.
fn check_json(dir: &Path, args: &[&str]) -> (Vec<Value>, i32) {
    let output = vaultnet_in(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.stderr.is_empty() || output.status.code() != Some(2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let rows: Value = serde_json::from_slice(&output.stdout).expect("one JSON document");
    (
        rows.as_array().unwrap().clone(),
        output.status.code().unwrap(),
    )
}

/// `(vault, path, code)` of each row.
fn keys(rows: &[Value]) -> Vec<(String, String, String)> {
    rows.iter()
        .map(|r| {
            (
                r["vault"].as_str().unwrap().to_string(),
                r["path"].as_str().unwrap().to_string(),
                r["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn two_vaults_report_what_each_gives_alone_in_one_output() {
    let (garden, garden_code) = check_json(&fixtures(), &["garden"]);
    let (workshop, workshop_code) = check_json(&fixtures(), &["workshop"]);
    assert_eq!(garden_code, 0, "garden has only a warning");
    assert_eq!(workshop_code, 1, "workshop has a YAML error");
    assert!(!garden.is_empty() && !workshop.is_empty());

    let (both, code) = check_json(&fixtures(), &["workshop", "garden"]);
    // Sorted by vault, then path and line; the worst exit code.
    let mut expected = garden.clone();
    expected.extend(workshop.clone());
    assert_eq!(both, expected);
    assert_eq!(code, 1);

    // One summary line counting everything.
    vaultnet()
        .args(["check", "--format", "concise", "garden", "workshop"])
        .assert()
        .code(1)
        .stdout(predicate::str::ends_with(
            "1 error, 2 warnings in 4 people\n",
        ))
        .stdout(predicate::str::contains(
            "garden/People/Mira Okafor.md:17:3: warning[VN101/stale-relationship]",
        ))
        .stdout(predicate::str::contains(
            "workshop/Contacts/Jun Park.md:3:7: error[VN001/front-matter-syntax]",
        ));
}

#[test]
fn json_rows_carry_their_vault_exactly() {
    let (rows, _) = check_json(&fixtures(), &["garden", "workshop/Contacts/Jun Park.md"]);
    assert_eq!(
        Value::Array(rows),
        json!([
            {
                "code": "VN101",
                "rule": "stale-relationship",
                "level": "warning",
                "message": "last contact with Mira Okafor was 2026-03-01, 92 days ago (cadence 60 days)",
                "path": "People/Mira Okafor.md",
                "line": 17,
                "column": 3,
                "end_line": 17,
                "end_column": 65,
                "person": "Mira Okafor",
                "help": rows_help(),
                "vault": "garden"
            },
            {
                "code": "VN001",
                "rule": "front-matter-syntax",
                "level": "error",
                "message": "found unexpected end of stream, while scanning a quoted scalar",
                "path": "Contacts/Jun Park.md",
                "line": 3,
                "column": 7,
                "end_line": 3,
                "end_column": 8,
                "person": "Jun Park",
                "help": "close the quote opened here, or remove it",
                "vault": "workshop"
            },
            {
                "code": "VN102",
                "rule": "no-follow-up",
                "level": "warning",
                "message": "the only contact with Jun Park was on 2026-05-14, 18 days ago, with no follow-up since",
                "path": "Contacts/Jun Park.md",
                "line": 11,
                "column": 3,
                "end_line": 11,
                "end_column": 64,
                "person": "Jun Park",
                "help": jun_help(),
                "vault": "workshop"
            }
        ])
    );
}

/// The help lines belong to the rules; this test pins where findings
/// are, not what the rules say, so it reads them from a run alone.
fn rows_help() -> Value {
    help_of(&["garden"], "VN101")
}

fn jun_help() -> Value {
    help_of(&["workshop"], "VN102")
}

fn help_of(args: &[&str], code: &str) -> Value {
    let (rows, _) = check_json(&fixtures(), args);
    rows.iter()
        .find(|r| r["code"] == code)
        .map(|r| r["help"].clone())
        .unwrap()
}

#[test]
fn sarif_has_one_run_per_vault() {
    let output = vaultnet()
        .args(["check", "--format", "sarif", "garden", "workshop"])
        .output()
        .unwrap();
    let log: Value = serde_json::from_slice(&output.stdout).unwrap();
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 2);
    let uris = |run: &Value| -> Vec<String> {
        run["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    assert_eq!(uris(&runs[0]), ["garden/People/Mira%20Okafor.md"]);
    assert_eq!(
        uris(&runs[1]),
        [
            "workshop/Contacts/Jun%20Park.md",
            "workshop/Contacts/Jun%20Park.md"
        ]
    );
}

#[test]
fn from_a_subfolder_the_vault_is_found_above_and_the_folder_limits_the_report() {
    let people = fixtures().join("garden/People");
    let state = people.join(".vaultnet");
    let _ = std::fs::remove_dir_all(&state);
    let (from_root, _) = check_json(&fixtures().join("garden"), &[]);
    let (from_people, code) = check_json(&people, &[]);
    assert_eq!(code, 0);
    let inside: Vec<Value> = from_root
        .iter()
        .filter(|r| r["path"].as_str().unwrap().starts_with("People/"))
        .map(|r| {
            let mut r = r.clone();
            r["vault"] = json!("..");
            r
        })
        .collect();
    assert!(!inside.is_empty());
    assert_eq!(from_people, inside);
    // The same people and dates as from the root.
    let people_of = |dir: &Path| {
        let output = vaultnet_in(dir)
            .args(["people", "--format", "json"])
            .output()
            .unwrap();
        serde_json::from_slice::<Value>(&output.stdout).unwrap()
    };
    assert_eq!(people_of(&people), people_of(&fixtures().join("garden")));
    // Running with the cache on creates no second `.vaultnet/` there.
    vaultnet_in(&people)
        .env_remove("VAULTNET_NO_CACHE")
        .arg("check")
        .assert()
        .code(0);
    assert!(!state.exists(), "a .vaultnet/ was created in People/");
}

#[test]
fn dot_equals_the_same_vault_by_another_path() {
    let garden = fixtures().join("garden");
    let dot = vaultnet_in(&garden)
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    let other = vaultnet_in(&garden)
        .args(["check", "--format", "json", "../garden"])
        .output()
        .unwrap();
    assert_eq!(dot.stdout, other.stdout);
    assert!(String::from_utf8_lossy(&dot.stdout).contains(r#""vault": ".""#));
    let full = |arg: &str| {
        vaultnet_in(&garden)
            .args(["check", arg])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(full("."), full("../garden"));
}

#[test]
fn files_of_two_vaults_report_those_files() {
    let (rows, code) = check_json(
        &fixtures(),
        &[
            "garden/People/Tomás Reyes.md",
            "workshop/Contacts/Lena Fischer.md",
            "garden/Daily/2026-05-20.md",
        ],
    );
    assert_eq!(rows, Vec::<Value>::new(), "healthy notes: nothing to say");
    assert_eq!(code, 0);
    let (rows, code) = check_json(
        &fixtures(),
        &[
            "garden/People/Mira Okafor.md",
            "workshop/Contacts/Jun Park.md",
        ],
    );
    assert_eq!(
        keys(&rows),
        [
            (
                "garden".into(),
                "People/Mira Okafor.md".into(),
                "VN101".into()
            ),
            (
                "workshop".into(),
                "Contacts/Jun Park.md".into(),
                "VN001".into()
            ),
            (
                "workshop".into(),
                "Contacts/Jun Park.md".into(),
                "VN102".into()
            ),
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn a_path_that_is_not_a_note_is_an_error_naming_it() {
    for path in ["garden/notes.txt", "garden/People/Nobody.md"] {
        vaultnet()
            .args(["check", "workshop", path])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(path));
    }
}

#[test]
fn every_command_climbs_to_the_root() {
    let people = fixtures().join("garden/People");
    // `people` from a subfolder lists the people in it.
    vaultnet_in(&fixtures())
        .args(["people", "--format", "json", "garden/People/Mira Okafor.md"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Mira Okafor"))
        .stdout(predicate::str::contains("Tomás").not());
    // `--vault` is a flag of every command.
    vaultnet_in(&people)
        .args(["people", "--vault", "..", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Tomás Reyes"));
}

#[test]
fn find_below_the_root_shows_the_hits_inside() {
    let index = tempfile::tempdir().unwrap();
    let find = |dir: &Path, args: &[&str]| {
        let output = vaultnet_in(dir)
            .env("VAULTNET_INDEX_DIR", index.path())
            .args(["find", "--format", "json"])
            .args(args)
            .output()
            .unwrap();
        let hits: Value = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
        (hits, output.status.code().unwrap())
    };
    let garden = fixtures().join("garden");
    let (all, code) = find(&garden, &["seeds"]);
    assert_eq!(code, 0);
    let paths = |hits: &Value| -> Vec<String> {
        hits.as_array()
            .map(|a| {
                a.iter()
                    .map(|h| h["path"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    assert!(paths(&all).iter().any(|p| p.starts_with("Daily/")), "{all}");
    let (inside, _) = find(&garden.join("People"), &["seeds"]);
    let expected: Vec<String> = paths(&all)
        .into_iter()
        .filter(|p| p.starts_with("People/"))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(paths(&inside), expected);
}

#[test]
fn small_items_of_the_command_line() {
    // `--today` with the right form but no such day says so.
    vaultnet()
        .args(["check", "garden", "--today", "2026-02-30"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a real date"))
        .stderr(predicate::str::contains("expected YYYY-MM-DD").not());
    // `--person` with no near name still says what to do.
    vaultnet()
        .env("VAULTNET_INDEX_DIR", tempfile::tempdir().unwrap().path())
        .args(["find", "seeds", "--person", "Nobody", "garden"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no person named `Nobody`"))
        .stderr(predicate::str::contains("vaultnet people"));
    // CLICOLOR_FORCE colours a pipe; NO_COLOR still wins over it.
    vaultnet()
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .args(["check", "garden"])
        .assert()
        .stdout(predicate::str::contains("\u{1b}["));
    vaultnet()
        .env("CLICOLOR_FORCE", "1")
        .args(["check", "garden"])
        .assert()
        .stdout(predicate::str::contains("\u{1b}[").not());
    // `people` on a vault without people explains on stderr, as `check`.
    let empty = tempfile::tempdir().unwrap();
    std::fs::write(empty.path().join("Shopping.md"), "# Shopping\n\n- eggs\n").unwrap();
    for command in ["people", "check"] {
        vaultnet_in(empty.path())
            .arg(command)
            .assert()
            .stderr(predicate::str::contains("no person notes found"))
            .stdout(predicate::str::contains("no person notes found").not());
    }
}

#[test]
fn completions_and_the_man_page_are_generated() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        vaultnet()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("vaultnet"))
            .stdout(predicate::str::contains("show-settings"));
    }
    // bash parses its script (when bash is there to ask).
    let script = vaultnet()
        .args(["completions", "bash"])
        .output()
        .unwrap()
        .stdout;
    if let Ok(output) = std::process::Command::new("bash")
        .args(["-n", "-c", &String::from_utf8(script).unwrap()])
        .output()
    {
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    vaultnet()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(".ie"))
        .stdout(predicate::str::contains(".TH vaultnet 1"));
    let dir = tempfile::tempdir().unwrap();
    vaultnet()
        .args(["man", "--dir"])
        .arg(dir.path())
        .assert()
        .success();
    assert!(dir.path().join("vaultnet.1").is_file());
    assert!(dir.path().join("vaultnet-check.1").is_file());
}

#[test]
fn show_settings_says_where_each_value_came_from() {
    vaultnet()
        .args([
            "check",
            "--show-settings",
            "--select",
            "VN0",
            "garden",
            "workshop",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("# vault: garden\n"))
        .stdout(predicate::str::contains("# vault: workshop\n"))
        .stdout(predicate::str::is_match(r#"default_cadence = "90d" +# default"#).unwrap())
        .stdout(predicate::str::is_match(r#"default_cadence = "60d" +# file"#).unwrap())
        .stdout(
            predicate::str::is_match(r"rules.stale-relationship = off \(VN101\) +# flag").unwrap(),
        )
        .stdout(
            predicate::str::is_match(r"rules.invalid-date = error \(VN004\) +# default").unwrap(),
        )
        .stdout(predicate::str::is_match(r"today = 2026-06-01 +# flag").unwrap());
}
