//! End-to-end tests of the daily loop (SPEC §5): `agenda`, `new`, `init`
//! and `check --fix`/`--diff`, the real binary on copies of fixture
//! vaults, asserting the output and the exact bytes written. One test
//! binary, so CI links it once; `log` has its own, `tests/log.rs`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

mod common;
use common::copy_dir;

const AGENDA: &str = "tests/fixtures/agenda";
const TODAY: &str = "2027-02-24";

/// A copy of a fixture vault in a temporary folder.
fn copy(fixture: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("vault");
    copy_dir(Path::new(fixture), &root);
    (dir, root)
}

fn vaultnet(root: &Path) -> Command {
    let mut cmd = Command::cargo_bin("vaultnet").unwrap();
    cmd.env_remove("VAULTNET_FORMAT")
        .env("NO_COLOR", "1")
        .env("VAULTNET_TODAY", TODAY)
        .current_dir(root);
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// Every file under `root` and its bytes, but `.git` and vaultnet's own
/// state (`.vaultnet/`, a cache any read may refresh).
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            if entry.file_name() == ".git" || entry.file_name() == ".vaultnet" {
                continue;
            }
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// The lines of `after` that are not in `before`, as a diff would show
/// them, asserting that nothing else changed (`before` is `after` with
/// one contiguous range removed).
fn inserted(before: &str, after: &str) -> String {
    let prefix = before
        .bytes()
        .zip(after.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let suffix = before
        .bytes()
        .rev()
        .zip(after.bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    assert!(
        prefix + suffix >= before.len(),
        "changed outside one insertion:\n{before}\n---\n{after}"
    );
    let suffix = suffix.min(before.len() - prefix);
    after[prefix..after.len() - suffix].to_string()
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

mod agenda {
    use super::*;

    fn agenda(root: &Path, extra: &[&str]) -> String {
        let mut cmd = vaultnet(root);
        cmd.arg("agenda").args(extra);
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    }

    #[test]
    fn json_for_the_coming_week() {
        let (_dir, root) = copy(AGENDA);
        let out = agenda(&root, &["--format", "json"]);
        let doc = json(&out);
        assert_eq!(doc["from"], "2027-02-24");
        assert_eq!(doc["to"], "2027-03-02");
        let items = doc["items"].as_array().unwrap();
        let listed: Vec<(String, String, String)> = items
            .iter()
            .map(|i| {
                (
                    i["date"].as_str().unwrap().to_string(),
                    i["person"].as_str().unwrap().to_string(),
                    i["kind"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let s = |d: &str, p: &str, k: &str| (d.to_string(), p.to_string(), k.to_string());
        assert_eq!(
            listed,
            vec![
                // Overdue: fell due on the last contact plus the cadence.
                s("2026-12-01", "Dan Moreau", "overdue"),
                // A plan before the window, never done (and past the cadence).
                s("2027-02-10", "Finn Walsh", "follow-up"),
                // Overdue against 14 days; the journal note is contact.
                s("2027-02-15", "Bea Santos", "overdue"),
                // Met once, the follow-up was due before the window.
                s("2027-02-19", "Hana Ito", "new-contact"),
                s("2027-02-26", "Ada Lovelace", "birthday"),
                // A `next_contact` inside the window.
                s("2027-02-26", "Eve Adams", "follow-up"),
                // Met once, the follow-up falls inside the window.
                s("2027-02-26", "Ivo Petrov", "new-contact"),
                s("2027-02-27", "Bea Santos", "birthday"),
                // February 29 outside a leap year.
                s("2027-02-28", "Dan Moreau", "birthday"),
                // A dated unchecked task in his note.
                s("2027-02-28", "Gus Horta", "follow-up"),
                s("2027-03-01", "Cleo Park", "birthday"),
                // Coming due inside the window.
                s("2027-03-01", "Cleo Park", "due"),
                s("2027-03-02", "Eve Adams", "birthday"),
            ]
        );
        // The paused, the reference person and the owner, all with
        // birthdays and cadences in the window, are not on it; Ada is
        // not due (contact nine days ago, every 30 days).
        for absent in ["Pia Ruiz", "Rex Moon", "Alex Kim"] {
            assert!(!out.contains(absent), "{absent}: {out}");
        }
        assert!(!listed
            .iter()
            .any(|l| l.1 == "Ada Lovelace" && l.2 != "birthday"));
        insta::assert_snapshot!("agenda_json", out);
    }

    #[test]
    fn ages_and_days() {
        let (_dir, root) = copy(AGENDA);
        let doc = json(&agenda(&root, &["--format", "json"]));
        let find = |person: &str, kind: &str| {
            doc["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["person"] == person && i["kind"] == kind)
                .unwrap()
                .clone()
        };
        assert_eq!(
            find("Ada Lovelace", "birthday")["message"],
            "turns 37 on 2027-02-26"
        );
        assert_eq!(find("Ada Lovelace", "birthday")["days"], 2);
        assert_eq!(
            find("Dan Moreau", "birthday")["message"],
            "turns 31 on 2027-02-28"
        );
        // Year-less forms: `--MM-DD`, `XXXX-MM-DD`, `MM-DD`.
        assert_eq!(
            find("Bea Santos", "birthday")["message"],
            "birthday on 2027-02-27"
        );
        assert_eq!(
            find("Cleo Park", "birthday")["message"],
            "birthday on 2027-03-01"
        );
        assert_eq!(
            find("Eve Adams", "birthday")["message"],
            "birthday on 2027-03-02"
        );
        assert_eq!(find("Dan Moreau", "overdue")["days"], -85);
        assert_eq!(find("Finn Walsh", "follow-up")["days"], -14);
        // Starters come from the notes.
        assert_eq!(
            find("Finn Walsh", "follow-up")["path"],
            "People/Finn Walsh.md"
        );
        assert!(find("Hana Ito", "new-contact")["message"]
            .as_str()
            .unwrap()
            .contains("the climbing gym"));
    }

    #[test]
    fn days_narrows_the_window() {
        let (_dir, root) = copy(AGENDA);
        let doc = json(&agenda(&root, &["--format", "json", "--days", "3"]));
        assert_eq!(doc["from"], "2027-02-24");
        assert_eq!(doc["to"], "2027-02-26");
        let listed: Vec<String> = doc["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                format!(
                    "{} {} {}",
                    i["date"].as_str().unwrap(),
                    i["person"].as_str().unwrap(),
                    i["kind"].as_str().unwrap()
                )
            })
            .collect();
        assert_eq!(
            listed,
            [
                "2026-12-01 Dan Moreau overdue",
                "2027-02-10 Finn Walsh follow-up",
                "2027-02-15 Bea Santos overdue",
                "2027-02-19 Hana Ito new-contact",
                "2027-02-26 Ada Lovelace birthday",
                "2027-02-26 Eve Adams follow-up",
                "2027-02-26 Ivo Petrov new-contact",
            ]
        );
        let one = json(&agenda(&root, &["--format", "json", "--days", "1"]));
        assert_eq!(one["to"], "2027-02-24");
    }

    #[test]
    fn follow_up_comes_from_the_no_follow_up_rule_options() {
        let (_dir, root) = copy(AGENDA);
        let mut config = std::fs::read_to_string(root.join("vaultnet.toml")).unwrap();
        config.push_str("\n[rules.no-follow-up]\nfollow_up = \"21d\"\n");
        std::fs::write(root.join("vaultnet.toml"), config).unwrap();
        let doc = json(&agenda(&root, &["--format", "json"]));
        let new: Vec<(String, String)> = doc["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["kind"] == "new-contact")
            .map(|i| {
                (
                    i["person"].as_str().unwrap().to_string(),
                    i["date"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        // Hana (met 02-05) is due on 02-26 now; Ivo (met 02-12) on 03-05,
        // after the window.
        assert_eq!(
            new,
            vec![("Hana Ito".to_string(), "2027-02-26".to_string())]
        );

        std::fs::write(
            root.join("vaultnet.toml"),
            "[rules.no-follow-up]\nfollow_up = \"soon\"\n",
        )
        .unwrap();
        vaultnet(&root)
            .args(["agenda"])
            .assert()
            .code(2)
            .stderr(predicates::str::contains("follow_up"));
    }

    #[test]
    fn text_and_markdown() {
        let (_dir, root) = copy(AGENDA);
        insta::assert_snapshot!("agenda_text", agenda(&root, &[]));
        insta::assert_snapshot!("agenda_markdown", agenda(&root, &["--format", "markdown"]));
    }

    #[test]
    fn a_pasted_checklist_is_read_as_plans_not_contact() {
        let (_dir, root) = copy(AGENDA);
        let markdown = agenda(&root, &["--format", "markdown"]);
        assert!(markdown.contains("- [ ] "), "{markdown}");
        let people = || stdout(vaultnet(&root).args(["people", "--format", "json"]));
        let check = || stdout(vaultnet(&root).args(["check", "--format", "json"]));
        let (people_before, check_before) = (people(), check());
        std::fs::write(
            root.join(format!("Daily/{TODAY}.md")),
            format!("# {TODAY}\n\n{markdown}"),
        )
        .unwrap();
        // No one's contact changed: the same people, the same last
        // contacts and interactions, and no new finding.
        assert_eq!(json(&people()), json(&people_before));
        assert_eq!(json(&check()), json(&check_before));
        let doc = json(&agenda(&root, &["--format", "json"]));
        assert!(doc["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["person"] == "Dan Moreau" && i["kind"] == "overdue"));
    }
}

mod new {
    use super::*;

    fn new(root: &Path, args: &[&str]) -> std::process::Output {
        vaultnet(root).arg("new").args(args).output().unwrap()
    }

    /// The person `name` as `people --format json` reads them.
    fn person(root: &Path, name: &str) -> serde_json::Value {
        let doc = json(&stdout(vaultnet(root).args(["people", "--format", "json"])));
        doc.as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{name} not among {doc}"))
            .clone()
    }

    #[test]
    fn from_an_obsidian_template() {
        let (_dir, root) = copy(AGENDA);
        std::fs::create_dir_all(root.join("Templates")).unwrap();
        std::fs::write(
            root.join("Templates/Person.md"),
            "---\ntags: [person]\ncreated: \"{{date}}\"\n---\n# {{title}}\n\n## Conversations\n\n",
        )
        .unwrap();
        let out = new(&root, &["Jo Park", "--tag", "climbing"]);
        assert!(out.status.success(), "{out:?}");
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            "created People/Jo Park.md: person note for Jo Park\n"
        );
        let text = std::fs::read_to_string(root.join("People/Jo Park.md")).unwrap();
        insta::assert_snapshot!("new_obsidian_template", text);
        assert!(text.contains("# Jo Park\n"));
        assert!(text.contains("2027-02-24"));
        assert!(!text.contains("{{"));
        let jo = person(&root, "Jo Park");
        assert_eq!(jo["path"], "People/Jo Park.md");
        assert!(jo["tags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "climbing"));
    }

    #[test]
    fn from_a_templater_template() {
        let (_dir, root) = copy(AGENDA);
        std::fs::create_dir_all(root.join("Templates")).unwrap();
        std::fs::write(
            root.join("Templates/New person.md"),
            "---\ntype: person\nmet: <% tp.date.now(\"YYYY-MM-DD\") %>\n---\n# <% tp.file.title %>\n\n## Log\n\n",
        )
        .unwrap();
        let out = new(&root, &["Kai Berg", "--cadence", "30d"]);
        assert!(out.status.success(), "{out:?}");
        let text = std::fs::read_to_string(root.join("People/Kai Berg.md")).unwrap();
        insta::assert_snapshot!("new_templater_template", text);
        assert!(!text.contains("<%"));
        let kai = person(&root, "Kai Berg");
        assert_eq!(kai["cadence_days"], 30);
        assert_eq!(kai["last_contact"], "2027-02-24");
    }

    #[test]
    fn the_built_in_template_with_flags() {
        let (_dir, root) = copy(AGENDA);
        let out = new(
            &root,
            &[
                "Lea Roth",
                "--tag",
                "work",
                "--met",
                "2027-02-20",
                "--cadence",
                "monthly",
            ],
        );
        assert!(out.status.success(), "{out:?}");
        let text = std::fs::read_to_string(root.join("People/Lea Roth.md")).unwrap();
        insta::assert_snapshot!("new_built_in", text);
        let lea = person(&root, "Lea Roth");
        assert_eq!(lea["cadence_days"], 30);
        assert_eq!(lea["last_contact"], "2027-02-20");
        assert!(lea["tags"].as_array().unwrap().iter().any(|t| t == "work"));
        // The built-in note is not a template and has no finding.
        vaultnet(&root)
            .args(["check", "People/Lea Roth.md", "--select", "VN0"])
            .assert()
            .success();
    }

    #[test]
    fn never_overwrites_and_dry_run_writes_nothing() {
        let (_dir, root) = copy(AGENDA);
        let before = files(&root);
        let out = new(&root, &["Ada Lovelace"]);
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
        assert_eq!(files(&root), before);

        let out = new(&root, &["Mo Diaz", "--dry-run"]);
        assert!(out.status.success());
        assert!(String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("would have created People/Mo Diaz.md"));
        assert_eq!(files(&root), before);

        let out = new(&root, &["../Outside"]);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(files(&root), before);
    }

    #[test]
    fn json_lists_the_change() {
        let (_dir, root) = copy(AGENDA);
        let out = new(&root, &["Mo Diaz", "--format", "json"]);
        assert!(out.status.success());
        assert_eq!(
            json(&String::from_utf8(out.stdout).unwrap()),
            serde_json::json!({"changed": [{"path": "People/Mo Diaz.md", "action": "created"}]})
        );
    }

    #[test]
    fn folder_rules() {
        // The first `people` glob's folder.
        let (_dir, root) = copy(AGENDA);
        std::fs::write(
            root.join("vaultnet.toml"),
            "people = [\"Contacts/Friends/**\", \"People/**\"]\n",
        )
        .unwrap();
        assert!(new(&root, &["Mo Diaz"]).status.success());
        assert!(root.join("Contacts/Friends/Mo Diaz.md").is_file());

        // Without a config: the folder holding most person notes.
        let (_dir, root) = copy(AGENDA);
        std::fs::remove_file(root.join("vaultnet.toml")).unwrap();
        std::fs::create_dir_all(root.join("Crew")).unwrap();
        std::fs::write(
            root.join("Crew/Zed.md"),
            "---\ntags: [person]\n---\n# Zed\n",
        )
        .unwrap();
        std::fs::write(root.join(".vaultnet.toml"), "").unwrap();
        assert!(new(&root, &["Mo Diaz"]).status.success());
        assert!(root.join("People/Mo Diaz.md").is_file());

        // An empty vault: `People/`.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("vaultnet.toml"), "").unwrap();
        assert!(new(dir.path(), &["Mo Diaz"]).status.success());
        assert!(dir.path().join("People/Mo Diaz.md").is_file());
    }
}

mod init {
    use super::*;

    /// The agenda vault without its config.
    fn bare() -> (tempfile::TempDir, PathBuf) {
        let (dir, root) = copy(AGENDA);
        std::fs::remove_file(root.join("vaultnet.toml")).unwrap();
        (dir, root)
    }

    #[test]
    fn writes_a_config_that_reads_back() {
        let (_dir, root) = bare();
        let out = vaultnet(&root).arg("init").output().unwrap();
        assert!(out.status.success(), "{out:?}");
        let config = std::fs::read_to_string(root.join("vaultnet.toml")).unwrap();
        insta::assert_snapshot!("init_config", config);
        let live: Vec<&str> = config
            .lines()
            .filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
            .collect();
        assert!(
            live.iter()
                .any(|l| l.starts_with("people") && l.contains("People/")),
            "{config}"
        );
        assert!(
            live.iter()
                .any(|l| l.starts_with("journals") && l.contains("Daily/")),
            "{config}"
        );
        let shown = vaultnet(&root)
            .args(["check", "--show-settings"])
            .output()
            .unwrap();
        assert_ne!(shown.status.code(), Some(2), "{shown:?}");
        let checked = vaultnet(&root).arg("check").output().unwrap();
        assert_ne!(checked.status.code(), Some(2), "{checked:?}");
        assert_eq!(
            std::fs::read_to_string(root.join(".gitignore")).unwrap(),
            ".vaultnet/\n"
        );
    }

    #[test]
    fn gitignore_keeps_its_bytes_and_is_not_duplicated() {
        let (_dir, root) = bare();
        std::fs::write(root.join(".gitignore"), "*.tmp\r\n.obsidian/").unwrap();
        vaultnet(&root).arg("init").assert().success();
        assert_eq!(
            std::fs::read_to_string(root.join(".gitignore")).unwrap(),
            "*.tmp\r\n.obsidian/\r\n.vaultnet/\r\n"
        );

        let (_dir, root) = bare();
        std::fs::write(root.join(".gitignore"), "# mine\n.vaultnet/\n").unwrap();
        vaultnet(&root).arg("init").assert().success();
        assert_eq!(
            std::fs::read_to_string(root.join(".gitignore")).unwrap(),
            "# mine\n.vaultnet/\n"
        );
    }

    #[test]
    fn refuses_to_overwrite_a_config_or_a_hook() {
        let (_dir, root) = bare();
        std::fs::write(root.join("vaultnet.toml"), "# mine\n").unwrap();
        let before = files(&root);
        vaultnet(&root).arg("init").assert().code(2);
        assert_eq!(files(&root), before);

        let (_dir, root) = bare();
        std::fs::create_dir_all(root.join(".git/hooks")).unwrap();
        std::fs::write(root.join(".git/hooks/pre-commit"), "#!/bin/sh\nexit 0\n").unwrap();
        let before = files(&root);
        vaultnet(&root)
            .args(["init", "--hook", "git"])
            .assert()
            .code(2);
        assert_eq!(files(&root), before);
        assert_eq!(
            std::fs::read_to_string(root.join(".git/hooks/pre-commit")).unwrap(),
            "#!/bin/sh\nexit 0\n"
        );
    }

    #[test]
    fn dry_run_writes_nothing() {
        let (_dir, root) = bare();
        let before = files(&root);
        let out = vaultnet(&root)
            .args(["init", "--dry-run"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("would have created vaultnet.toml"), "{text}");
        assert_eq!(files(&root), before);
    }

    #[test]
    fn pre_commit_prints_the_entry() {
        let (_dir, root) = bare();
        let out = vaultnet(&root)
            .args(["init", "--hook", "pre-commit"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("entry: vaultnet check --select VN0"),
            "{text}"
        );
        assert!(text.contains("- repo: local"), "{text}");
        assert!(!root.join(".pre-commit-config.yaml").exists());
    }

    #[cfg(unix)]
    #[test]
    fn the_git_hook_fails_a_commit_with_a_bad_note() {
        use std::os::unix::fs::PermissionsExt;
        let git = |root: &Path, args: &[&str]| {
            std::process::Command::new("git")
                .args(args)
                .current_dir(root)
                .env("GIT_AUTHOR_NAME", "t")
                .env("GIT_AUTHOR_EMAIL", "t@example.com")
                .env("GIT_COMMITTER_NAME", "t")
                .env("GIT_COMMITTER_EMAIL", "t@example.com")
                .output()
        };
        let (_dir, root) = bare();
        if git(&root, &["init", "-q"]).is_err() {
            eprintln!("git is not installed; skipping");
            return;
        }
        vaultnet(&root)
            .args(["init", "--hook", "git"])
            .assert()
            .success();
        let hook = root.join(".git/hooks/pre-commit");
        let mode = std::fs::metadata(&hook).unwrap().permissions().mode();
        assert_ne!(mode & 0o111, 0, "{mode:o}");

        let bin = Path::new(env!("CARGO_BIN_EXE_vaultnet")).parent().unwrap();
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let run_hook = || {
            std::process::Command::new(&hook)
                .current_dir(&root)
                .env("PATH", &path)
                .env("VAULTNET_TODAY", TODAY)
                .output()
                .unwrap()
        };
        // Good notes pass.
        git(&root, &["add", "People/Ada Lovelace.md"]).unwrap();
        let good = run_hook();
        assert!(good.status.success(), "{good:?}");
        // A staged note with broken front matter fails the hook.
        std::fs::write(
            root.join("People/Broken.md"),
            "---\nname: \"Broken\n---\n# Broken\n",
        )
        .unwrap();
        git(&root, &["add", "People/Broken.md"]).unwrap();
        let bad = run_hook();
        assert!(!bad.status.success(), "{bad:?}");
        assert!(
            String::from_utf8_lossy(&bad.stdout).contains("Broken.md"),
            "{bad:?}"
        );
    }
}

mod fix {
    use super::*;

    /// A vault with a typo'd key, a note that lost its opening `---`,
    /// a near-miss link with one candidate and one with two, in LF, CRLF
    /// and BOM notes.
    fn vault() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("vault");
        for (rel, text) in [
            ("vaultnet.toml", "people = [\"People/**\"]\njournals = [\"Daily/**\"]\n"),
            (
                "People/Priya Raman.md",
                "---\ntags: [person]\n# her words\nintrests: [chess, \"go\"]\ncadence: 30d\n---\n# Priya Raman\n\n## Log\n\n- 2027-02-20: Coffee\n",
            ),
            (
                "People/Jo Park.md",
                "\u{feff}---\r\ntags: [person]\r\nbirthdy: 1990-05-01\r\n---\r\n# Jo Park\r\n\r\n## Log\r\n\r\n- 2027-02-20: Call\r\n",
            ),
            (
                "People/Tom Berg.md",
                "tags: [person]\r\ncadence: 30d\r\n---\r\n# Tom Berg\r\n\r\n## Log\r\n\r\n- 2027-02-20: Walk\r\n",
            ),
            (
                "People/Jan Kerr.md",
                "---\ntags: [person]\n---\n# Jan Kerr\n\n## Log\n\n- 2027-02-20: Lunch\n",
            ),
            (
                "People/Jon Kerr.md",
                "---\ntags: [person]\n---\n# Jon Kerr\n\n## Log\n\n- 2027-02-20: Lunch\n",
            ),
            (
                "Daily/2027-02-22.md",
                "\u{feff}# 2027-02-22\r\n\r\n- Lunch with [[Priya Ramen]] and [[Jen Kerr]]\r\n",
            ),
        ] {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        (dir, root)
    }

    fn read(root: &Path, rel: &str) -> String {
        std::fs::read_to_string(root.join(rel)).unwrap()
    }

    #[test]
    fn diff_prints_the_fixes_and_changes_nothing() {
        let (_dir, root) = vault();
        let before = files(&root);
        let out = vaultnet(&root).args(["check", "--diff"]).output().unwrap();
        assert!(out.status.success(), "{out:?}");
        let diff = String::from_utf8(out.stdout).unwrap();
        insta::assert_snapshot!("fix_diff", diff.replace('\r', "␍"));
        assert_eq!(files(&root), before);
    }

    #[test]
    fn fix_changes_only_the_fixed_bytes() {
        let (_dir, root) = vault();
        let before = files(&root);
        let out = vaultnet(&root)
            .args(["check", "--fix", "--format", "concise"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stderr.contains("fixes applied in"), "{stderr}");

        // VN003: the key renamed, the comment, order and quoting kept.
        assert_eq!(
            read(&root, "People/Priya Raman.md"),
            "---\ntags: [person]\n# her words\ninterests: [chess, \"go\"]\ncadence: 30d\n---\n# Priya Raman\n\n## Log\n\n- 2027-02-20: Coffee\n"
        );
        // In a BOM + CRLF note.
        assert_eq!(
            read(&root, "People/Jo Park.md"),
            "\u{feff}---\r\ntags: [person]\r\nbirthday: 1990-05-01\r\n---\r\n# Jo Park\r\n\r\n## Log\r\n\r\n- 2027-02-20: Call\r\n"
        );
        // VN001: the opening `---` added, with the note's line ending.
        let tom = read(&root, "People/Tom Berg.md");
        assert_eq!(
            inserted(
                std::str::from_utf8(&before["People/Tom Berg.md"]).unwrap(),
                &tom
            ),
            "---\r\n"
        );
        // VN010: one candidate replaced; two candidates (Jan, Jon) left.
        assert_eq!(
            read(&root, "Daily/2027-02-22.md"),
            "\u{feff}# 2027-02-22\r\n\r\n- Lunch with [[Priya Raman]] and [[Jen Kerr]]\r\n"
        );
        // Nothing else changed.
        let after = files(&root);
        for (rel, bytes) in &before {
            if ![
                "People/Priya Raman.md",
                "People/Jo Park.md",
                "People/Tom Berg.md",
                "Daily/2027-02-22.md",
            ]
            .contains(&rel.as_str())
            {
                assert_eq!(&after[rel], bytes, "{rel}");
            }
        }
        // What remains is reported after the fix.
        assert!(stdout.contains("Jen Kerr"), "{stdout}");
        assert!(!stdout.contains("Priya Ramen"), "{stdout}");
        assert!(!stdout.contains("intrests"), "{stdout}");
        // A second run finds nothing more to fix.
        let again = files(&root);
        let out = vaultnet(&root).args(["check", "--diff"]).output().unwrap();
        assert!(out.stdout.is_empty(), "{out:?}");
        vaultnet(&root).args(["check", "--fix"]).output().unwrap();
        assert_eq!(files(&root), again);
    }

    #[test]
    fn json_lists_the_changes() {
        let (_dir, root) = vault();
        let out = vaultnet(&root)
            .args(["check", "--fix", "--format", "json"])
            .output()
            .unwrap();
        let doc = json(&String::from_utf8(out.stdout).unwrap());
        let mut changed: Vec<String> = doc["changed"]
            .as_array()
            .unwrap_or_else(|| panic!("{doc}"))
            .iter()
            .map(|c| {
                assert_eq!(c["action"], "fixed");
                c["path"].as_str().unwrap().to_string()
            })
            .collect();
        changed.sort();
        assert_eq!(
            changed,
            [
                "Daily/2027-02-22.md",
                "People/Jo Park.md",
                "People/Priya Raman.md",
                "People/Tom Berg.md"
            ]
        );
    }
}

/// Follow-ups of a newcomer trial on real vaults (issue #14): vaults
/// built in a temporary folder in the shapes those vaults have.
mod trial {
    use super::*;

    /// A vault of `(path, text)` notes in a temporary folder.
    fn vault(notes: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("vault");
        std::fs::create_dir_all(&root).unwrap();
        for (rel, text) in notes {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        (dir, root)
    }

    fn run(root: &Path, args: &[&str]) -> (bool, String, String) {
        let out = vaultnet(root).args(args).output().unwrap();
        (
            out.status.success(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    fn names(root: &Path) -> Vec<(String, String)> {
        let doc = json(&stdout(vaultnet(root).args(["people", "--format", "json"])));
        let mut out: Vec<(String, String)> = doc
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["name"].as_str().unwrap().to_string(),
                    p["path"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        out.sort();
        out
    }

    const ADA: (&str, &str) = (
        "People/Ada Lovelace.md",
        "---\ntags: [person]\n---\n# Ada Lovelace\n\n## Log\n\n- 2027-02-20: Tea\n",
    );

    #[test]
    fn new_prefers_the_template_named_for_people() {
        // Every template says `categories: "[[People]]"`; only the file
        // name tells the people template from the actor one.
        let (_dir, root) = vault(&[
            ADA,
            (
                "Templates/Actor Template.md",
                "---\ncategories: \"[[People]]\"\ntype:\n  - \"[[Actors]]\"\n---\n## Films\n",
            ),
            (
                "Templates/Contact Template.md",
                "---\ncategories:\n  - \"[[People]]\"\nphone:\n---\n",
            ),
            (
                "Templates/People Template.md",
                "---\ncategories:\n  - \"[[People]]\"\nbirthday:\ncreated: {{date}}\n---\n## Meetings\n",
            ),
        ]);
        let (ok, out, err) = run(&root, &["new", "Jo Park"]);
        assert!(ok, "{err}");
        assert_eq!(out, "created People/Jo Park.md: person note for Jo Park\n");
        assert_eq!(
            std::fs::read_to_string(root.join("People/Jo Park.md")).unwrap(),
            "---\ncategories:\n  - \"[[People]]\"\nbirthday:\ncreated: 2027-02-24\n---\n## Meetings\n"
        );
    }

    #[test]
    fn new_uses_a_template_whose_name_says_people() {
        // No person sign in its front matter: the file name says it.
        let (_dir, root) = vault(&[
            ADA,
            (
                "Misc/Templates/People Template.md",
                "---\nName: <% tp.file.title %>\nCompany: \nCreated: <% tp.file.creation_date() %>\n---\n",
            ),
            (
                "Misc/Templates/Company Template.md",
                "---\nName: <% tp.file.title %>\n---\n",
            ),
        ]);
        let (ok, _, err) = run(&root, &["new", "Jo Park"]);
        assert!(ok, "{err}");
        assert_eq!(
            std::fs::read_to_string(root.join("People/Jo Park.md")).unwrap(),
            "---\nName: Jo Park\nCompany: \nCreated: 2027-02-24\n---\n"
        );
    }

    #[test]
    fn new_replaces_a_fixed_heading_with_the_name() {
        let (_dir, root) = vault(&[
            ADA,
            (
                "templates/Person.md",
                "---\ntags:\n  - person\nslug:\n---\n\n# Person\n\n## Bio\n\n> \n",
            ),
        ]);
        let (ok, _, err) = run(&root, &["new", "Jo Park"]);
        assert!(ok, "{err}");
        let text = std::fs::read_to_string(root.join("People/Jo Park.md")).unwrap();
        assert_eq!(
            text,
            "---\ntags:\n  - person\nslug:\n---\n\n# Jo Park\n\n## Bio\n\n> \n"
        );
        assert!(names(&root).contains(&("Jo Park".into(), "People/Jo Park.md".into())));
    }

    /// One folder per person, dated notes about a person beside them.
    fn own_folders() -> (tempfile::TempDir, PathBuf) {
        let person = |name: &str| {
            format!("---\ntags:\n  - person\n---\n\n# {name}\n\n## Notes\n\n- 2027-02-01: Call\n")
        };
        let (ada, alan, grace) = (
            person("Ada Lovelace"),
            person("Alan Turing"),
            person("Grace Hopper"),
        );
        vault(&[
            ("people/ada-lovelace/Ada Lovelace.md", &ada),
            (
                "people/ada-lovelace/2027-01-15.md",
                "Met [[Ada Lovelace]].\n",
            ),
            ("people/alan-turing/Alan Turing.md", &alan),
            ("people/grace-hopper/Grace Hopper.md", &grace),
            (
                "people/grace-hopper/2027-01-10.md",
                "Lunch with [[Grace Hopper]].\n",
            ),
            ("2027-02-02.md", "# 2027-02-02\n"),
        ])
    }

    #[test]
    fn new_gives_a_person_their_own_folder() {
        let (_dir, root) = own_folders();
        let (ok, out, err) = run(&root, &["new", "Jo Park"]);
        assert!(ok, "{err}");
        assert_eq!(
            out,
            "created people/jo-park/Jo Park.md: person note for Jo Park\n"
        );
        assert!(names(&root).contains(&("Jo Park".into(), "people/jo-park/Jo Park.md".into())));
    }

    #[test]
    fn init_names_the_common_parent_of_own_folders() {
        let (_dir, root) = own_folders();
        let before = names(&root);
        assert_eq!(before.len(), 3);
        let (ok, _, err) = run(&root, &["init"]);
        assert_eq!(names(&root), before);
        assert!(ok, "{err}");
        let config = std::fs::read_to_string(root.join("vaultnet.toml")).unwrap();
        // `people/**` would read the dated notes about Ada and Grace as
        // people: the glob leaves them out.
        assert!(
            config.contains("\npeople = [\"people/*/[!0-9]*.md\"]\n"),
            "{config}"
        );
        assert!(!config.contains("ada-lovelace"), "{config}");
        assert!(!config.contains("grace-hopper"), "{config}");
        assert!(
            !config.lines().any(|l| l.starts_with("journals")),
            "{config}"
        );
    }

    #[test]
    fn init_needs_real_journal_signs() {
        let (_dir, root) = vault(&[
            ADA,
            ("Daily/2027-02-01.md", "# 2027-02-01\n"),
            ("Daily/2027-02-02.md", "# 2027-02-02\n"),
            ("Examples/20210417_a long file name -- suffix.md", "text\n"),
            ("Examples/20220529_another file name -- suffix.md", "text\n"),
            ("Examples/20230207_a third file name.md", "text\n"),
            ("Guides/Dates/Dates.md", "How to write dates.\n"),
            ("Guides/Dates/2022-02-17.md", "example\n"),
            ("Guides/Dates/2022-09-30.md", "example\n"),
        ]);
        let (ok, out, err) = run(&root, &["init", "--dry-run"]);
        assert!(ok, "{err}");
        let journals: Vec<&str> = out
            .lines()
            .filter(|l| l.trim_start_matches('+').starts_with("journals"))
            .collect();
        assert_eq!(journals, ["+journals = [\"Daily/**\"]"], "{out}");
    }

    /// Ada is stale (error), nothing can be fixed.
    fn stale() -> (tempfile::TempDir, PathBuf) {
        vault(&[(
            "People/Ada Lovelace.md",
            "---\ntags: [person]\ncadence: 30d\n---\n# Ada Lovelace\n\n## Log\n\n- 2026-05-01: Call\n- 2026-06-01: Tea\n",
        )])
    }

    #[test]
    fn diff_exits_as_check_does() {
        let (_dir, root) = stale();
        let before = files(&root);
        let (ok, _, _) = run(&root, &["check"]);
        assert!(!ok);
        let out = vaultnet(&root).args(["check", "--diff"]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        assert_eq!(String::from_utf8(out.stdout).unwrap(), "");
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            "no fixes available; 2 findings remain\n"
        );
        let (ok, _, _) = run(&root, &["check", "--diff", "--exit-zero"]);
        assert!(ok);
        let (ok, _, _) = run(&root, &["check", "--diff", "--ignore", "VN101"]);
        assert!(ok);
        assert_eq!(files(&root), before);
    }

    #[test]
    fn diff_exit_follows_what_remains_after_its_fixes() {
        // A typo'd key (VN003, a warning) is fixed by the diff; the
        // stale relationship (an error) remains.
        let (_dir, root) = vault(&[(
            "People/Ada Lovelace.md",
            "---\ntags: [person]\ncadence: 30d\nintrests: [chess]\n---\n# Ada Lovelace\n\n## Log\n\n- 2026-05-01: Call\n- 2026-06-01: Tea\n",
        )]);
        let out = vaultnet(&root).args(["check", "--diff"]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        assert!(String::from_utf8(out.stdout)
            .unwrap()
            .contains("+interests: [chess]"));
        let out = vaultnet(&root)
            .args([
                "check",
                "--diff",
                "--select",
                "VN003",
                "--fail-on",
                "warning",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
    }

    #[test]
    fn agenda_says_why_it_is_empty() {
        let (_dir, root) = vault(&[("Notes/Recipe.md", "# Bread\n")]);
        let (ok, out, err) = run(&root, &["agenda"]);
        assert!(ok);
        assert!(
            out.ends_with("\nNothing due: no person notes were found.\n"),
            "{out}"
        );
        assert!(err.starts_with("no person notes found\n"), "{err}");

        let (_dir, root) = vault(&[
            (
                "People/Ada Lovelace.md",
                "---\ntags: [person]\n---\n# Ada Lovelace\n",
            ),
            (
                "People/Alan Turing.md",
                "---\ntags: [person]\n---\n# Alan Turing\n",
            ),
        ]);
        let (ok, out, _) = run(&root, &["agenda"]);
        assert!(ok);
        assert!(
            out.ends_with("\nNothing due in the next 7 days. 2 people have no contact recorded yet (vaultnet check --select no-interactions).\n"),
            "{out}"
        );
        let (_, out, _) = run(&root, &["agenda", "--format", "markdown"]);
        assert!(
            out.contains("2 people have no contact recorded yet"),
            "{out}"
        );

        let (_dir, root) = vault(&[(
            "People/Kevin Kelly.md",
            "---\ntags: [person]\nstatus: reference\n---\n# Kevin Kelly\n",
        )]);
        let (_, out, err) = run(&root, &["agenda"]);
        assert!(
            out.ends_with("\nNothing due: 1 person is left out (the owner and paused, archived, deceased, reference and snoozed people are not followed).\n"),
            "{out}"
        );
        assert_eq!(err, "");

        let (_dir, root) = vault(&[ADA]);
        let (_, out, _) = run(&root, &["agenda"]);
        assert!(
            out.ends_with("\nNothing due in the next 7 days: everyone is within their cadence.\n"),
            "{out}"
        );
    }

    #[test]
    fn log_warns_but_writes() {
        let (_dir, root) = vault(&[
            ADA,
            (
                "People/Alan Turing.md",
                "---\ntags: [person]\nstatus: deceased\n---\n# Alan Turing\n\n## Log\n\n- 2027-02-20: Read his paper\n",
            ),
        ]);
        let (ok, out, err) = run(&root, &["log", "Ada", "--date", "2027-03-01", "Dinner"]);
        assert!(ok, "{err}");
        assert!(out.starts_with("appended"), "{out}");
        assert_eq!(
            err,
            "warning: 2027-03-01 is after today; vaultnet counts it as contact only from that day\n"
        );
        assert!(std::fs::read_to_string(root.join(ADA.0))
            .unwrap()
            .contains("- 2027-03-01: Dinner\n"));
        let (ok, _, err) = run(&root, &["log", "Alan Turing", "Visited Bletchley"]);
        assert!(ok);
        assert_eq!(
            err,
            "warning: Alan Turing is marked deceased; the relationship rules leave them out\n"
        );
        let (ok, _, err) = run(&root, &["log", "Ada", "Call"]);
        assert!(ok);
        assert_eq!(err, "");
        std::fs::write(
            root.join("People/Grace Hopper.md"),
            "---\ntags: [person]\nsnooze_until: 2027-06-01\n---\n# Grace Hopper\n",
        )
        .unwrap();
        let (ok, _, err) = run(&root, &["log", "Grace", "Call"]);
        assert!(ok);
        assert_eq!(
            err,
            "warning: Grace Hopper is snoozed until 2027-06-01; the relationship rules leave them out until then\n"
        );
    }
}
