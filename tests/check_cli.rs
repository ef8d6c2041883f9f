//! `vaultnet check` and `vaultnet rule` end to end: the real binary on
//! the fixture vault `tests/fixtures/check-basic` (one finding per level:
//! an error for Ada, a warning for Bob, an info for Carol), checking exit
//! codes, the report's destination, scoping by file, and each format's
//! outer shape. Rendering details are pinned in `tests/output.rs`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

const TODAY: &str = "2026-06-01";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// `vaultnet` run from `tests/fixtures`, with a fixed today and none of
/// the environment that would change the output.
fn vaultnet() -> Command {
    let mut cmd = Command::cargo_bin("vaultnet").unwrap();
    cmd.current_dir(fixtures())
        .env("VAULTNET_TODAY", TODAY)
        .env_remove("VAULTNET_FORMAT")
        .env_remove("GITHUB_WORKSPACE")
        .env_remove("VAULTNET_INDEX_DIR")
        .env_remove("VAULTNET_NO_CACHE")
        .env("NO_COLOR", "1");
    cmd
}

fn json_of(output: &[u8]) -> serde_json::Value {
    serde_json::from_slice(output).expect("stdout is one JSON document")
}

fn codes(report: &serde_json::Value) -> Vec<String> {
    report
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn default_fails_on_an_error() {
    vaultnet()
        .args(["check", "check-basic"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[VN101/stale-relationship]: last contact with Ada Lovelace",
        ))
        .stdout(predicate::str::contains(
            " --> check-basic/People/Ada Lovelace.md:13:3",
        ))
        .stdout(predicate::str::ends_with(
            "1 error, 1 warning, 1 info in 3 people\n",
        ))
        .stderr("");
}

#[test]
fn concise_lines_and_summary() {
    vaultnet()
        .args(["check", "check-basic", "--format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "check-basic/People/Bob.md:3:1: warning[VN102/no-follow-up] ",
        ))
        .stdout(predicate::str::contains(
            "check-basic/People/Carol.md:1: info[VN108/no-interactions] ",
        ));
}

#[test]
fn quiet_drops_the_summary() {
    let output = vaultnet()
        .args(["check", "check-basic", "--format", "concise", "--quiet"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 3, "{stdout}");
    assert!(!stdout.contains("in 3 people"));
}

#[test]
fn fail_on_and_exit_zero() {
    let check = |extra: &[&str]| {
        let mut cmd = vaultnet();
        cmd.args(["check", "check-basic", "--ignore", "stale-relationship"])
            .args(extra);
        cmd.assert()
    };
    check(&[]).code(0);
    check(&["--fail-on", "warning"]).code(1);
    check(&["--fail-on", "info", "--ignore", "no-follow-up"]).code(1);
    check(&["--fail-on", "warning", "--ignore", "no-follow-up"]).code(0);
    check(&["--fail-on", "info", "--exit-zero"]).code(0);
    vaultnet()
        .args(["check", "check-basic", "--exit-zero"])
        .assert()
        .code(0);
}

#[test]
fn select_limits_the_rules() {
    let output = vaultnet()
        .args([
            "check",
            "check-basic",
            "--format",
            "json",
            "--select",
            "VN1",
        ])
        .output()
        .unwrap();
    let report = json_of(&output.stdout);
    assert_eq!(codes(&report), ["VN101", "VN102", "VN108"]);
}

#[test]
fn json_is_the_only_thing_on_stdout() {
    let output = vaultnet()
        .args(["check", "check-basic", "--format", "json", "--statistics"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report = json_of(&output.stdout);
    let ada = &report[0];
    assert_eq!(ada["code"], "VN101");
    assert_eq!(ada["rule"], "stale-relationship");
    assert_eq!(ada["level"], "error");
    // SPEC §5.1: vault-relative, whatever the command line said.
    assert_eq!(ada["path"], "People/Ada Lovelace.md");
    assert_eq!(ada["person"], "Ada Lovelace");
    // Statistics go to stderr so stdout stays one document.
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("VN101  stale-relationship"), "{stderr}");
}

#[test]
fn format_comes_from_the_environment() {
    let output = vaultnet()
        .env("VAULTNET_FORMAT", "json")
        .args(["check", "check-basic"])
        .output()
        .unwrap();
    assert_eq!(codes(&json_of(&output.stdout)).len(), 3);
    // The flag wins over the variable.
    vaultnet()
        .env("VAULTNET_FORMAT", "json")
        .args(["check", "check-basic", "--format", "concise"])
        .assert()
        .stdout(predicate::str::starts_with("check-basic/"));
}

#[test]
fn files_limit_what_is_reported() {
    // From the vault's parent, as pre-commit passes them: the vault is
    // found by its `vaultnet.toml`.
    let output = vaultnet()
        .args([
            "check",
            "--format",
            "json",
            "check-basic/People/Carol.md",
            "check-basic/People/Bob.md",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(codes(&json_of(&output.stdout)), ["VN102", "VN108"]);

    // From inside the vault, with a folder as the scope.
    let output = vaultnet()
        .current_dir(fixtures().join("check-basic"))
        .args(["check", "--format", "json", "--vault", ".", "People"])
        .output()
        .unwrap();
    assert_eq!(codes(&json_of(&output.stdout)).len(), 3);

    vaultnet()
        .current_dir(fixtures().join("check-basic/People"))
        .args(["check", "--fail-on", "info", "Carol.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(" --> ../People/Carol.md:1"))
        .stdout(predicate::str::contains("Ada").not());
}

#[test]
fn output_file_gets_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.txt");
    vaultnet()
        .args(["check", "check-basic", "--color", "always", "-o"])
        .arg(&file)
        .assert()
        .code(1)
        .stdout("");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("error[VN101/stale-relationship]"), "{text}");
    assert!(!text.contains('\u{1b}'), "a file gets no colour: {text:?}");
    assert!(text.ends_with("in 3 people\n"));
}

#[test]
fn github_paths_resolve_from_the_repository() {
    let output = vaultnet()
        .args(["check", "check-basic", "--format", "github"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].starts_with("::error file=check-basic/People/Ada Lovelace.md,line=13,col=3,"),
        "{stdout}"
    );
    assert!(lines[0].contains(",title=VN101 stale-relationship::last contact"));
    assert!(lines[2].starts_with("::notice file=check-basic/People/Carol.md,line=1,"));
    assert_eq!(lines[3], "1 error, 1 warning, 1 info in 3 people");

    // GITHUB_WORKSPACE is the root annotations resolve against.
    let output = vaultnet()
        .env("GITHUB_WORKSPACE", fixtures().parent().unwrap())
        .args(["check", "check-basic", "--format", "github"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.starts_with("::error file=fixtures/check-basic/People/Ada Lovelace.md,"),
        "{stdout}"
    );
}

#[test]
fn sarif_is_a_log_with_every_rule() {
    let output = vaultnet()
        .args(["check", "check-basic", "--format", "sarif"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let log = json_of(&output.stdout);
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), vaultnet::lint::registry::RULES.len());
    assert!(rules.iter().all(|r| r["help"]["markdown"].is_string()));
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    // Valid against the official schema, with the real rule docs in it
    // (see tests/output.rs for the schema's provenance and its one mend).
    let schema = include_str!("sarif-schema-2.1.0.json").replace(
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
        r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#,
    );
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let validator = jsonschema::draft4::new(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "check-basic/People/Ada%20Lovelace.md"
    );
}

#[test]
fn junit_is_xml() {
    vaultnet()
        .args(["check", "check-basic", "--format", "junit"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        ))
        .stdout(predicate::str::contains(
            "<testsuites name=\"vaultnet\" tests=\"3\" failures=\"3\" errors=\"0\">",
        ));
}

#[test]
fn statistics_follow_the_report() {
    vaultnet()
        .args([
            "check",
            "check-basic",
            "--format",
            "concise",
            "--statistics",
        ])
        .assert()
        .stdout(predicate::str::contains(
            "in 3 people\n  1  VN101  stale-relationship\n",
        ));
}

#[test]
fn a_vault_without_people_says_how_to_mark_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Ideas.md"), "# Ideas\n").unwrap();
    vaultnet()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout("no problems found in 0 people\n")
        .stderr(predicate::str::contains("no person notes found"))
        .stderr(predicate::str::contains("type: person"));
}

#[test]
fn failures_to_run_exit_2() {
    vaultnet()
        .args(["check", "no-such-vault"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-vault"));

    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("People")).unwrap();
    std::fs::write(dir.path().join("vaultnet.toml"), "exclud = []\n").unwrap();
    vaultnet()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("vaultnet.toml"))
        .stderr(predicate::str::contains("exclud"));

    // A file outside the vault named by --vault.
    vaultnet()
        .args([
            "check",
            "--vault",
            "check-basic/People",
            "people-basic/Daily/2026-10-01.md",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not inside the vault"));

    vaultnet()
        .args(["check", "check-basic", "--format", "xml"])
        .assert()
        .code(2);
}

#[test]
fn rule_prints_docs_by_name_or_code() {
    vaultnet()
        .args(["rule", "VN101"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "VN101 stale-relationship (default: warning)\n\n## What it does\n",
        ));
    let by_name = vaultnet()
        .args(["rule", "stale-relationship"])
        .output()
        .unwrap();
    let by_code = vaultnet().args(["rule", "vn101"]).output().unwrap();
    assert_eq!(by_name.stdout, by_code.stdout);
}

#[test]
fn unknown_rule_suggests_one() {
    vaultnet()
        .args(["rule", "stale-relationships"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "unknown rule `stale-relationships`",
        ))
        .stderr(predicate::str::contains(
            "did you mean `stale-relationship` (VN101)?",
        ));
}

#[test]
fn rule_all_lists_every_rule() {
    let output = vaultnet().args(["rule", "--all"]).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        stdout.lines().count(),
        vaultnet::lint::registry::RULES.len()
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("VN101  stale-relationship ") && l.contains(" warning ")),
        "{stdout}"
    );

    let output = vaultnet()
        .args(["rule", "--all", "--format", "json"])
        .output()
        .unwrap();
    let rules = json_of(&output.stdout);
    let rules = rules.as_array().unwrap();
    assert_eq!(rules.len(), vaultnet::lint::registry::RULES.len());
    for rule in rules {
        let mut keys: Vec<&str> = rule
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, ["code", "default_level", "docs", "name", "summary"]);
    }

    let output = vaultnet()
        .args(["rule", "no-follow-up", "--format", "json"])
        .output()
        .unwrap();
    let rule = json_of(&output.stdout);
    assert_eq!(rule["code"], "VN102");
    assert_eq!(rule["default_level"], "warning");
}

/// The cache of parsed notes (`.vaultnet/cache`): a second run reads it
/// and reports the same, an edit is seen, and `--no-cache` writes none.
#[test]
fn the_cache_of_parsed_notes_changes_nothing_but_speed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("People")).unwrap();
    let ada = "---\nname: Ada\ncadence: 30d\n---\n## Log\n- 2026-01-01: tea [by:: me]\n";
    std::fs::write(root.join("People/Ada.md"), ada).unwrap();
    let check = |extra: &[&str]| {
        let output = vaultnet()
            .current_dir(root)
            .args(["check", "--format", "json", "--exit-zero"])
            .args(extra)
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    let uncached = check(&["--no-cache"]);
    assert!(
        !root.join(".vaultnet").exists(),
        "--no-cache writes nothing"
    );
    let with_env = vaultnet()
        .current_dir(root)
        .env("VAULTNET_NO_CACHE", "1")
        .args(["check", "--format", "json", "--exit-zero"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(with_env.stdout).unwrap(), uncached);
    assert!(
        !root.join(".vaultnet").exists(),
        "VAULTNET_NO_CACHE=1 writes nothing"
    );
    assert_eq!(check(&[]), uncached);
    assert!(root.join(".vaultnet/cache/notes.bin").is_file());
    assert_eq!(check(&[]), uncached, "read from the cache");
    let edited = ada.replace("2026-01-01", "2026-05-30");
    std::fs::write(root.join("People/Ada.md"), edited).unwrap();
    let after_edit = check(&[]);
    assert_ne!(after_edit, uncached);
    assert_eq!(after_edit, check(&["--no-cache"]));
}
