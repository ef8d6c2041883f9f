//! End-to-end tests of `vaultnet log`: the real binary on copies of
//! `tests/fixtures/daily/log`, asserting the exact bytes written.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

mod common;
use common::copy_dir;

const FIXTURE: &str = "tests/fixtures/daily/log";

/// A copy of the fixture vault (with a `vaultnet.toml`, so it is the
/// root wherever the command runs from).
fn vault() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("vault");
    copy_dir(Path::new(FIXTURE), &root);
    std::fs::write(root.join("vaultnet.toml"), "").unwrap();
    (dir, root)
}

fn vaultnet(root: &Path) -> Command {
    let mut cmd = Command::cargo_bin("vaultnet").unwrap();
    cmd.env_remove("VAULTNET_TODAY")
        .env_remove("VAULTNET_FORMAT")
        .env("NO_COLOR", "1")
        .env("VAULTNET_TODAY", "2026-11-25")
        .current_dir(root);
    cmd
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap()
}

/// Asserts that `after` is `before` with exactly `inserted` added at one
/// place, and returns that place.
fn only_inserted(before: &str, after: &str, inserted: &str) -> usize {
    assert_eq!(after.len(), before.len() + inserted.len(), "{after}");
    let at = before
        .bytes()
        .zip(after.bytes())
        .position(|(a, b)| a != b)
        .unwrap_or(before.len());
    // The insertion may start earlier when it begins like the text after it.
    (0..=at)
        .rev()
        .find(|&i| {
            after[i..].starts_with(inserted)
                && after[..i] == before[..i]
                && after[i + inserted.len()..] == before[i..]
        })
        .expect("the note changed outside the inserted text")
}

#[test]
fn appends_to_an_ascending_list_log_with_fields() {
    let (_dir, root) = vault();
    let before = read(&root, "People/Ada Lovelace.md");
    vaultnet(&root)
        .args([
            "log",
            "Ada",
            "Lunch",
            "at",
            "Rosa's",
            "--by",
            "me",
            "--ask",
            "a review of my talk",
            "--learned",
            "moving to Lisbon",
        ])
        .assert()
        .success()
        .stdout("appended People/Ada Lovelace.md: 2026-11-25 entry for Ada Lovelace\n");
    let after = read(&root, "People/Ada Lovelace.md");
    let line = "- 2026-11-25: Lunch at Rosa's [by:: me] [ask:: a review of my talk] [learned:: moving to Lisbon]\n";
    let at = only_inserted(&before, &after, line);
    assert!(after[..at].ends_with("- 2026-10-14: Call about the workshop [by:: them]\n"));
}

#[test]
fn keeps_crlf_and_the_byte_order_mark() {
    let (_dir, root) = vault();
    let path = root.join("People/Ada Lovelace.md");
    let lf = std::fs::read_to_string(&path).unwrap();
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    std::fs::write(&path, &crlf).unwrap();
    vaultnet(&root)
        .args(["log", "Ada Lovelace", "Video call", "--date", "2026-11-20"])
        .assert()
        .success();
    let after = std::fs::read_to_string(&path).unwrap();
    only_inserted(&crlf, &after, "- 2026-11-20: Video call\r\n");
    assert!(after.starts_with('\u{feff}'));
}

#[test]
fn prepends_to_a_descending_log_in_its_date_form() {
    let (_dir, root) = vault();
    let before = read(&root, "People/Bea Santos.md");
    vaultnet(&root)
        .args(["log", "bea-santos", "Walk by the river", "--by", "them"])
        .assert()
        .success();
    let after = read(&root, "People/Bea Santos.md");
    let at = only_inserted(
        &before,
        &after,
        "* [[2026-11-25]] — Walk by the river [by:: them]\n",
    );
    assert!(after[at..].contains("* [[2026-10-30]]"));
    assert!(after[..at].ends_with("## Log\n\n"));
}

#[test]
fn adds_a_dated_heading_to_a_heading_log() {
    let (_dir, root) = vault();
    let before = read(&root, "People/Cleo Park.md");
    vaultnet(&root)
        .args([
            "log",
            "Cleo",
            "Coffee after her team move",
            "--by",
            "both",
            "--give",
            "intro to Ana",
        ])
        .assert()
        .success();
    let after = read(&root, "People/Cleo Park.md");
    let block = "### 2026-11-25 Coffee after her team move\n\nby:: both\ngive:: intro to Ana\n\n";
    let at = only_inserted(&before, &after, block);
    assert!(after[at + block.len()..].starts_with("## Family"));
}

#[test]
fn adds_conversations_to_a_note_without_a_log() {
    let (_dir, root) = vault();
    let before = read(&root, "People/Dan Moreau.md");
    vaultnet(&root)
        .args(["log", "Dan Moreau", "He fixed the gate"])
        .assert()
        .success()
        .stdout(predicates::str::contains("new `## Conversations` section"));
    let after = read(&root, "People/Dan Moreau.md");
    assert_eq!(
        after,
        format!("{before}\n## Conversations\n\n- 2026-11-25: He fixed the gate\n")
    );
}

#[test]
fn finds_people_by_alias_slug_and_folded_accents() {
    let (_dir, root) = vault();
    for who in ["Tom", "tomas oliveira", "tomas-oliveira", "Tomás Oliveira"] {
        vaultnet(&root)
            .args(["log", who, "Climbed", "--dry-run"])
            .assert()
            .success()
            .stdout(predicates::str::contains("People/tomas-oliveira.md"));
    }
}

#[test]
fn an_ambiguous_or_unknown_name_lists_candidates() {
    let (_dir, root) = vault();
    vaultnet(&root)
        .args(["log", "Sam", "Coffee"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("Sam Lee (People/Sam Lee.md)"))
        .stderr(predicates::str::contains("Sam Ortiz (People/Sam Ortiz.md)"));
    vaultnet(&root)
        .args(["log", "Cleo Prak", "Coffee"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean"))
        .stderr(predicates::str::contains("Cleo Park"));
    assert_eq!(
        read(&root, "People/Sam Lee.md"),
        "---\ntags: [person]\n---\n# Sam Lee\n"
    );
}

fn checksums(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file()
            && !entry
                .path()
                .components()
                .any(|c| c.as_os_str() == ".vaultnet")
        {
            out.push((
                entry.path().to_path_buf(),
                std::fs::read(entry.path()).unwrap(),
            ));
        }
    }
    out
}

#[test]
fn dry_run_writes_nothing() {
    let (_dir, root) = vault();
    let before = checksums(&root);
    vaultnet(&root)
        .args(["log", "Ada", "Lunch", "--dry-run"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "would have appended People/Ada Lovelace.md",
        ))
        .stdout(predicates::str::contains("+- 2026-11-25: Lunch"));
    assert_eq!(checksums(&root), before);
}

#[test]
fn json_lists_what_changed() {
    let (_dir, root) = vault();
    let out = vaultnet(&root)
        .args(["log", "Ada", "Lunch", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        got,
        serde_json::json!({"changed": [{"path": "People/Ada Lovelace.md", "action": "appended"}]})
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_note_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, root) = vault();
    let path = root.join("People/Ada Lovelace.md");
    let before = std::fs::read(&path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    vaultnet(&root)
        .args(["log", "Ada", "Lunch"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("read-only"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(
        std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
        7,
        "no temporary file left"
    );
}

#[test]
fn a_note_changed_during_the_write_is_refused() {
    let (_dir, root) = vault();
    let path = root.join("People/Ada Lovelace.md");
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_vaultnet"))
        .args(["log", "Ada", "Lunch"])
        .env("VAULTNET_TODAY", "2026-11-25")
        .env("VAULTNET_TEST_WRITE_PAUSE_MS", "1500")
        .current_dir(&root)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(600));
    let edited = format!(
        "{}\nA line typed in the editor meanwhile.\n",
        read(&root, "People/Ada Lovelace.md")
    );
    std::fs::write(&path, &edited).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("changed on disk"));
    assert_eq!(read(&root, "People/Ada Lovelace.md"), edited);
}

#[cfg(unix)]
#[test]
fn a_kill_during_the_write_leaves_the_old_or_the_new_note() {
    let (_dir, root) = vault();
    let path = root.join("People/Bea Santos.md");
    let old = std::fs::read(&path).unwrap();
    let new_line = "* [[2026-11-25]] — Walk [by:: me]\n";
    for delay in [5_u64, 40, 120, 300, 700] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_vaultnet"))
            .args(["log", "Bea Santos", "Walk", "--by", "me"])
            .env("VAULTNET_TODAY", "2026-11-25")
            .env("VAULTNET_TEST_WRITE_PAUSE_MS", "200")
            .current_dir(&root)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read(&path).unwrap();
        let now = String::from_utf8(now).unwrap();
        let old_text = String::from_utf8(old.clone()).unwrap();
        assert!(
            now == old_text
                || now
                    == old_text.replacen(
                        "* [[2026-10-30]]",
                        &format!("{new_line}* [[2026-10-30]]"),
                        1
                    ),
            "delay {delay}: {now}"
        );
        std::fs::write(&path, &old).unwrap();
        // Only hidden temporaries may be left by a kill, never a file
        // the reader would take for a note.
        for entry in std::fs::read_dir(path.parent().unwrap()).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().to_string();
            assert!(
                Path::new(&name)
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("md"))
                    || name.starts_with(".vaultnet-"),
                "{name}"
            );
        }
    }
}

#[test]
fn the_entry_is_read_back_as_one_more_interaction() {
    let (_dir, root) = vault();
    let people = |root: &Path| -> serde_json::Value {
        let out = vaultnet(root)
            .args(["people", "--format", "json"])
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let count = |v: &serde_json::Value, name: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap()["interactions"]
            .as_array()
            .unwrap()
            .len()
    };
    let before = people(&root);
    for (who, name) in [
        ("Ada", "Ada Lovelace"),
        ("Bea", "Bea Santos"),
        ("Cleo", "Cleo Park"),
        ("Dan", "Dan Moreau"),
        ("Tom", "Tomás Oliveira"),
    ] {
        vaultnet(&root)
            .args(["log", who, "Caught up", "--by", "me"])
            .assert()
            .success();
        let after = people(&root);
        assert_eq!(count(&after, name), count(&before, name) + 1, "{name}");
        let p = after
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap();
        assert_eq!(p["last_contact"], "2026-11-25", "{name}");
    }
}

/// Random person notes and random `log` calls: the note after the edit
/// parses (through the reader `check` uses) to the same person plus
/// exactly one new interaction carrying the call's fields, and the old
/// bytes are the new bytes with one contiguous range removed.
mod property {
    use std::fmt::Write as _;
    use std::path::Path;

    use chrono::NaiveDate;
    use proptest::prelude::*;
    use vaultnet::config::VaultSettings;
    use vaultnet::edit::apply;
    use vaultnet::edit::log_entry::{plan, Entry};
    use vaultnet::model::{By, Interaction, Person};
    use vaultnet::vault::{load_bytes, LoadOptions};

    const WORDS: &[&str] = &[
        "coffee", "lunch", "call", "walk", "talked", "about", "the", "new", "job", "garden",
        "trip", "Lisbon", "books", "kids", "move", "studio",
    ];
    const REL: &str = "People/Ada Lovelace.md";

    #[derive(Debug, Clone)]
    enum Log {
        None,
        /// List items under this heading, ascending or descending.
        List {
            heading: &'static str,
            descending: bool,
            marker: &'static str,
        },
        /// Dated `### ` headings under `## Conversations`.
        Headings {
            descending: bool,
        },
        /// A log heading with nothing under it yet.
        Empty,
    }

    #[derive(Debug, Clone)]
    struct Note {
        front_matter: bool,
        crlf: bool,
        bom: bool,
        before: bool,
        after: bool,
        trailing_newline: bool,
        log: Log,
        dates: Vec<NaiveDate>,
    }

    fn words(max: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(WORDS), 1..=max).prop_map(|w| w.join(" "))
    }

    fn date() -> impl Strategy<Value = NaiveDate> {
        (0_u64..2500).prop_map(|d| {
            NaiveDate::from_ymd_opt(2020, 1, 1)
                .unwrap()
                .checked_add_days(chrono::Days::new(d))
                .unwrap()
        })
    }

    fn log_style() -> impl Strategy<Value = Log> {
        prop_oneof![
            Just(Log::None),
            Just(Log::Empty),
            (
                prop::sample::select(&["Conversations", "Log", "Meeting notes"][..]),
                any::<bool>(),
                prop::sample::select(&["-", "*"][..]),
            )
                .prop_map(|(heading, descending, marker)| Log::List {
                    heading,
                    descending,
                    marker
                }),
            any::<bool>().prop_map(|descending| Log::Headings { descending }),
        ]
    }

    fn note() -> impl Strategy<Value = Note> {
        (
            (
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
            ),
            log_style(),
            prop::collection::vec(date(), 1..6),
        )
            .prop_map(
                |((front_matter, crlf, bom, before, after, trailing_newline), log, dates)| Note {
                    front_matter,
                    crlf,
                    bom,
                    before,
                    after,
                    trailing_newline,
                    log,
                    dates,
                },
            )
    }

    fn entry() -> impl Strategy<Value = Entry> {
        (
            date(),
            words(6),
            prop::option::of(prop::sample::select(&[By::Me, By::Them, By::Both][..])),
            prop::collection::vec(words(3), 0..3),
            prop::collection::vec(words(3), 0..3),
            prop::collection::vec(words(3), 0..3),
        )
            .prop_map(|(date, text, by, asks, gives, learned)| Entry {
                date,
                text,
                by,
                asks,
                gives,
                learned,
            })
    }

    fn render(note: &Note) -> String {
        let mut out = String::new();
        if note.front_matter {
            out.push_str("---\ntags: [person]\n# where we met\nmet_at: \"a conference\"\n---\n");
        }
        out.push_str("# Ada Lovelace\n\n");
        if note.before {
            out.push_str("Works on engines.\n\n## Interests\n\n- chess\n- poetry\n\n");
        }
        let mut dates = note.dates.clone();
        dates.sort();
        match &note.log {
            Log::None => {}
            Log::Empty => out.push_str("## Conversations\n\n"),
            Log::List {
                heading,
                descending,
                marker,
            } => {
                if *descending {
                    dates.reverse();
                }
                let _ = write!(out, "## {heading}\n\n");
                for (i, d) in dates.iter().enumerate() {
                    let _ = writeln!(out, "{marker} {d}: {} talk", WORDS[i % WORDS.len()]);
                }
                out.push('\n');
            }
            Log::Headings { descending } => {
                if *descending {
                    dates.reverse();
                }
                out.push_str("## Conversations\n\n");
                for (i, d) in dates.iter().enumerate() {
                    let _ = write!(
                        out,
                        "### {d} {}\n\nWe talked about {}.\n\n",
                        WORDS[i % WORDS.len()],
                        WORDS[(i + 3) % WORDS.len()]
                    );
                }
            }
        }
        if note.after {
            out.push_str("## Family\n\nPartner Jo, a daughter.\n");
        }
        if !note.trailing_newline {
            while out.ends_with('\n') {
                out.pop();
            }
        }
        if note.crlf {
            out = out.replace('\n', "\r\n");
        }
        if note.bom {
            out.insert(0, '\u{feff}');
        }
        out
    }

    fn person(bytes: &[u8]) -> Person {
        let settings = VaultSettings::defaults(Path::new("/vault"));
        let options = LoadOptions {
            keep_text: true,
            ..LoadOptions::default()
        };
        let vault = load_bytes(&settings, &[(REL, bytes)], options);
        let mut people = vault.people.into_iter().filter(|p| p.path == REL);
        let person = people.next().expect("the note is read as a person");
        assert!(people.next().is_none());
        person
    }

    /// What an interaction says, without where it sits.
    fn said(i: &Interaction) -> (NaiveDate, Option<By>, Vec<String>, Vec<String>, Vec<String>) {
        (
            i.date,
            i.by,
            i.asks.clone(),
            i.gives.clone(),
            i.learned.clone(),
        )
    }

    /// Everything about the person that is not their log.
    fn profile(p: &Person) -> String {
        format!(
            "{} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            p.name,
            p.aliases.iter().map(|a| &a.value).collect::<Vec<_>>(),
            p.tags,
            p.interests.iter().map(|a| &a.value).collect::<Vec<_>>(),
            p.family,
            p.met_at,
            p.status,
            p.plans.len(),
            p.knowledge.iter().map(|a| &a.value).collect::<Vec<_>>(),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn log_adds_one_interaction_and_keeps_every_other_byte(note in note(), entry in entry()) {
            let old = render(&note);
            let settings = VaultSettings::defaults(Path::new("/vault"));
            let edit = plan(&old, &entry, &settings).edit;
            let new = apply(old.as_bytes(), &[edit]).expect("the edit applies");

            // One contiguous insertion: a common prefix and suffix that
            // together are the whole old note.
            let prefix = old.bytes().zip(new.iter()).take_while(|(a, b)| a == *b).count();
            let suffix = old
                .bytes()
                .rev()
                .zip(new.iter().rev())
                .take_while(|(a, b)| a == *b)
                .count();
            prop_assert!(new.len() > old.len());
            prop_assert!(prefix + suffix >= old.len(), "bytes outside the insertion changed");
            let new_text = String::from_utf8(new.clone()).unwrap();
            if old.contains("\r\n") {
                prop_assert!(!new_text.replace("\r\n", "").contains('\n'), "a bare LF: {new_text:?}");
            }
            prop_assert_eq!(new_text.starts_with('\u{feff}'), note.bom);

            let before = person(old.as_bytes());
            let after = person(&new);
            prop_assert_eq!(profile(&before), profile(&after));
            prop_assert_eq!(after.interactions.len(), before.interactions.len() + 1, "{}", new_text);
            let mut left: Vec<_> = after.interactions.iter().map(said).collect();
            for i in &before.interactions {
                let at = left.iter().position(|s| *s == said(i));
                prop_assert!(at.is_some(), "an old interaction changed: {:?}\n{}", i, new_text);
                left.remove(at.unwrap());
            }
            let clean = |v: &[String]| v.iter().map(|s| s.trim().to_string()).collect::<Vec<_>>();
            prop_assert_eq!(
                left,
                vec![(entry.date, entry.by, clean(&entry.asks), clean(&entry.gives), clean(&entry.learned))],
                "{}",
                new_text
            );
            let wanted = (entry.date, entry.by, clean(&entry.asks), clean(&entry.gives), clean(&entry.learned));
            let added = after
                .interactions
                .iter()
                .filter(|i| said(i) == wanted)
                .map(|i| i.text.clone())
                .find(|t| t.contains(&entry.text))
                .unwrap_or_default();
            prop_assert!(added.contains(&entry.text), "{:?} not in {:?}", entry.text, added);
        }
    }
}
