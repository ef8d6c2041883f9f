//! Hostile vaults (SPEC §7): every bad file on disk gets a finding or a
//! clear message naming it, nothing panics or hangs, and the healthy
//! notes beside it are still judged correctly.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

const TODAY: &str = "2026-11-25";

fn write(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// A person with recent, balanced contact: must fire nothing.
const HEALTHY: &str = "---
name: Healthy Helen
interests: [rowing]
cadence: 30d
---
## Log
- 2026-11-01: coffee [by:: me]
- 2026-11-20: she called [by:: them]
";

/// A person last seen long ago: must fire stale-relationship.
const STALE: &str = "---
name: Stale Steve
interests: [chess]
cadence: 30d
---
## Log
- 2026-01-01: lunch [by:: me]
- 2026-02-01: call [by:: them]
";

fn hostile_vault() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "People/Healthy.md", HEALTHY);
    write(root, "People/Stale.md", STALE);
    write(
        root,
        "People/Unclosed quote.md",
        "---\nname: \"Bob\ncadence: 30d\n---\n",
    );
    write(
        root,
        "People/Tabs.md",
        "---\nname: Tab\n\tcadence: 30d\n---\n",
    );
    write(
        root,
        "People/Unclosed front matter.md",
        "---\nname: Open\n\nno closing line\n",
    );
    write(
        root,
        "People/List front matter.md",
        "---\n- a\n- b\n---\n# List\n",
    );
    write(
        root,
        "People/Scalar front matter.md",
        "---\njust text\n---\n# Scalar\n",
    );
    write(
        root,
        "People/Duplicate keys.md",
        "---\nname: A\nname: B\n---\n",
    );
    write(
        root,
        "People/Latin1.md",
        b"---\nname: Jos\xe9\n---\n".as_slice(),
    );
    write(root, "People/Binary.md", [0u8, 159, 146, 150, 0, 1, 2, 3]);
    write(root, "People/Empty.md", "");
    write(
        root,
        "People/Bom crlf.md",
        "\u{feff}---\r\nname: Crlf Carla\r\ninterests: [go]\r\ncadence: 30d\r\n---\r\n## Log\r\n- 2026-11-01: tea [by:: me]\r\n- 2026-11-20: call [by:: them]\r\n",
    );
    write(
        root,
        "People/Lone cr.md",
        "---\rname: Cr Cora\rinterests: [go]\rcadence: 30d\r---\r## Log\r- 2026-11-01: tea [by:: me]\r- 2026-11-20: call [by:: them]\r",
    );
    let deep = format!(
        "---\nname: {}{}\n---\n",
        "[".repeat(20_000),
        "]".repeat(20_000)
    );
    write(root, "People/Deep.md", deep);
    let laughs = "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n---\n";
    write(root, "People/Laughs.md", laughs);
    write(
        root,
        "People/Bad dates.md",
        "---\nname: Bad Dates\nmet: 2026-13-45\nlast_contact: 0000-00-00\nsnooze_until: 99999-01-01\n---\n",
    );
    write(
        root,
        "People/Negative cadence.md",
        "---\nname: Neg\ncadence: -5d\n---\n",
    );
    write(
        root,
        "People/Absurd cadence.md",
        "---\nname: Absurd\ncadence: 99999999y\n---\n",
    );
    write(
        root,
        "People/Scripts.md",
        "---\nname: 李小龍\ninterests: [功夫]\naliases: [Брюс, ब्रूस, 🐉, بروس]\ncadence: 30d\n---\n## Log\n- 2026-11-20: 🍜 ramen [by:: them]\n",
    );
    write(
        root,
        "Daily/2026-11-21.md",
        "Tea with [[🐉]] and [[Брюс]]. [by:: me]\n",
    );
    // A 20 MB note: long, but readable.
    let mut big = String::from("---\nname: Big Bertha\ncadence: 30d\n---\n## Log\n");
    big.push_str("- 2026-11-20: call [by:: them]\n");
    let line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.\n";
    while big.len() < 20 * 1024 * 1024 {
        big.push_str(line);
    }
    write(root, "People/Big.md", big);
    // Past the limits that keep memory bounded: a 40 MiB note (sparse, so
    // the test writes nothing), a log of more than 100,000 entries, and
    // front matter of more than 1 MiB whose body is still read.
    std::fs::create_dir_all(root.join("Notes")).unwrap();
    std::fs::File::create(root.join("Notes/Too big.md"))
        .and_then(|f| f.set_len(40 * 1024 * 1024))
        .unwrap();
    let mut many = String::from("---\nname: Many Entries\n---\n## Log\n");
    for _ in 0..100_001 {
        many.push_str("- 2026-11-20: x\n");
    }
    write(root, "People/Many entries.md", many);
    let huge_front = format!(
        "---\nname: Huge Front\nnotes: \"{}\"\n---\n## Log\n- 2026-11-20: call [by:: them]\n",
        "x".repeat(1100 * 1024)
    );
    write(root, "People/Huge front matter.md", huge_front);
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(root.join("nowhere.md"), root.join("People/Dangling.md")).unwrap();
        symlink(root.join("People"), root.join("People/Loop")).unwrap();
        let _ = std::process::Command::new("mkfifo")
            .arg(root.join("People/Fifo.md"))
            .status();
    }
    dir
}

fn run(root: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("vaultnet")
        .unwrap()
        .env_remove("VAULTNET_FORMAT")
        .env("NO_COLOR", "1")
        .args(args)
        .arg(root)
        .args(["--today", TODAY])
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap()
}

fn findings(root: &Path) -> Vec<Value> {
    let output = run(root, &["check", "--format", "json"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    serde_json::from_slice(&output.stdout).unwrap()
}

fn rules_for<'a>(findings: &'a [Value], path: &str) -> Vec<&'a str> {
    findings
        .iter()
        .filter(|f| f["path"] == path)
        .map(|f| f["rule"].as_str().unwrap())
        .collect()
}

#[test]
fn every_bad_file_is_named_and_the_rest_still_judged() {
    let dir = hostile_vault();
    let all = findings(dir.path());
    let expect = |path: &str, rule: &str| {
        let rules = rules_for(&all, path);
        assert!(
            rules.contains(&rule),
            "{path}: expected {rule}, got {rules:?}"
        );
    };
    expect("People/Unclosed quote.md", "front-matter-syntax");
    expect("People/Tabs.md", "front-matter-syntax");
    expect("People/Unclosed front matter.md", "front-matter-syntax");
    expect("People/List front matter.md", "front-matter-syntax");
    expect("People/Scalar front matter.md", "front-matter-syntax");
    expect("People/Duplicate keys.md", "front-matter-syntax");
    expect("People/Latin1.md", "unreadable-note");
    expect("People/Binary.md", "unreadable-note");
    expect("People/Deep.md", "front-matter-syntax");
    expect("People/Laughs.md", "front-matter-syntax");
    expect("People/Bad dates.md", "invalid-date");
    expect("People/Negative cadence.md", "invalid-value");
    expect("People/Absurd cadence.md", "invalid-value");
    expect("People/Stale.md", "stale-relationship");
    expect("Notes/Too big.md", "unreadable-note");
    expect("People/Many entries.md", "unreadable-note");
    expect("People/Huge front matter.md", "front-matter-syntax");
    for clean in [
        "People/Healthy.md",
        "People/Bom crlf.md",
        "People/Lone cr.md",
        "People/Scripts.md",
        "People/Big.md",
    ] {
        assert_eq!(rules_for(&all, clean), Vec::<&str>::new(), "{clean}");
    }
    // Every finding points inside its file.
    for f in &all {
        assert!(f["line"].as_u64().unwrap() >= 1, "{f}");
    }
}

#[test]
fn bom_crlf_and_lone_cr_read_like_plain_notes() {
    let dir = hostile_vault();
    let output = run(dir.path(), &["people", "--format", "json"]);
    assert!(output.status.success());
    let people: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    for name in ["Crlf Carla", "Cr Cora"] {
        let p = people.iter().find(|p| p["name"] == name).unwrap();
        assert_eq!(p["interests"], serde_json::json!(["go"]), "{name}");
        assert_eq!(p["last_contact"], "2026-11-20", "{name}");
        assert_eq!(p["interactions"].as_array().unwrap().len(), 2, "{name}");
        assert_eq!(p["interactions"][1]["line"], 8, "{name}");
    }
    let scripts = people.iter().find(|p| p["name"] == "李小龍").unwrap();
    assert_eq!(scripts["last_contact"], "2026-11-21");
}

#[test]
fn no_command_panics_or_hangs() {
    let dir = hostile_vault();
    for args in [
        &["people"][..],
        &["people", "--format", "json"],
        &["check", "--format", "full"],
        &["check", "--format", "sarif"],
        &["check", "--format", "github"],
        &["check", "--format", "junit"],
    ] {
        let output = run(dir.path(), args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{args:?}: {stderr}"
        );
    }
}

/// Every entry below `root` except the index folder `.vaultnet`: its
/// kind, and a file's bytes or a link's target.
fn vault_snapshot(root: &Path) -> Vec<(String, String, Vec<u8>)> {
    let mut entries: Vec<_> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_entry(|e| e.depth() != 1 || e.file_name() != ".vaultnet")
        .map(Result::unwrap)
        .map(|e| {
            let path = e.path().display().to_string();
            let kind = e.file_type();
            if kind.is_file() {
                (path, "file".to_string(), std::fs::read(e.path()).unwrap())
            } else if kind.is_symlink() {
                let target = std::fs::read_link(e.path()).unwrap();
                (
                    path,
                    "link".to_string(),
                    target.display().to_string().into_bytes(),
                )
            } else {
                (path, format!("{kind:?}"), Vec::new())
            }
        })
        .collect();
    entries.sort();
    entries
}

#[test]
fn notes_are_never_changed() {
    let dir = hostile_vault();
    let root = dir.path();
    let before = vault_snapshot(root);
    let mut commands: Vec<Vec<&str>> = vec![
        vec!["people"],
        vec!["people", "--format", "json"],
        vec!["find", "lorem"],
        vec!["find", "rowing", "--format", "json"],
        vec!["index"],
        vec!["index", "--rebuild"],
        vec!["index", "--format", "json"],
    ];
    for format in ["full", "concise", "json", "sarif", "github", "junit"] {
        commands.push(vec!["check", "--format", format]);
    }
    commands.push(vec!["check", "--statistics"]);
    for args in &commands {
        let output = run(root, args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{args:?}: {stderr}"
        );
        assert!(
            before == vault_snapshot(root),
            "`vaultnet {}` changed the vault outside .vaultnet/",
            args.join(" ")
        );
    }
    // `rule` reads no vault; run from inside one, it writes nothing.
    for args in [&["rule", "--all"][..], &["rule", "stale-relationship"]] {
        let output = Command::cargo_bin("vaultnet")
            .unwrap()
            .args(args)
            .current_dir(root)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}");
    }
    assert!(before == vault_snapshot(root), "`rule` changed the vault");
    // The index went where it should, and nowhere else.
    assert!(root.join(".vaultnet/index/CURRENT").is_file());
}

/// Notes created and deleted while `check` and `find` run (SPEC §7:
/// files that vanish mid-run): each run ends normally, and the notes
/// that stay are judged and found as ever.
#[test]
fn notes_vanishing_mid_run_break_nothing() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    write(&root, "People/Healthy.md", HEALTHY);
    write(&root, "People/Stale.md", STALE);
    let stop = Arc::new(AtomicBool::new(false));
    let churn = {
        let (root, stop) = (root.clone(), Arc::clone(&stop));
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                for i in 0..100 {
                    let note = format!("---\nname: Churn {i}\n---\n## Log\n- 2026-11-01: rowing\n");
                    write(&root, &format!("People/Churn {i}.md"), note);
                }
                for i in 0..100 {
                    let _ = std::fs::remove_file(root.join(format!("People/Churn {i}.md")));
                }
            }
        })
    };
    for _ in 0..4 {
        let output = run(&root, &["check", "--format", "json"]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(matches!(output.status.code(), Some(0 | 1)), "{stderr}");
        let all: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(rules_for(&all, "People/Stale.md"), ["stale-relationship"]);
        assert!(rules_for(&all, "People/Healthy.md").is_empty());

        let output = run(&root, &["find", "name:helen", "--format", "json"]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{stderr}");
        let hits: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(hits[0]["person"], "Healthy Helen", "{hits:?}");
    }
    stop.store(true, Ordering::Relaxed);
    churn.join().unwrap();
}

/// vaultnet's own files in a vault someone else made: a cache and an
/// index `CURRENT` that are links to an endless device are not read;
/// `check` parses the notes, `find` rebuilds the index, neither hangs.
#[cfg(unix)]
#[test]
fn hostile_state_files_are_not_read() {
    use std::os::unix::fs::symlink;

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "People/Healthy.md", HEALTHY);
    write(root, "People/Stale.md", STALE);
    std::fs::create_dir_all(root.join(".vaultnet/cache")).unwrap();
    std::fs::create_dir_all(root.join(".vaultnet/index")).unwrap();
    symlink("/dev/zero", root.join(".vaultnet/cache/notes.bin")).unwrap();
    symlink("/dev/zero", root.join(".vaultnet/index/CURRENT")).unwrap();

    let all = findings(root);
    assert_eq!(rules_for(&all, "People/Stale.md"), ["stale-relationship"]);
    let output = run(root, &["find", "rowing", "--format", "json"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let hits: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(hits[0]["person"], "Healthy Helen");
}
