//! End-to-end tests of `vaultnet find` and `vaultnet index`: the real
//! binary on copies of the fixture vaults in `tests/fixtures/search/`
//! (copies, since the index is written into the vault).

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, SystemTime};

use assert_cmd::Command;
use serde_json::Value;

mod common;
use common::copy_dir;

const BASIC: &str = "tests/fixtures/search/basic";

fn vaultnet() -> Command {
    let mut cmd = Command::cargo_bin("vaultnet").unwrap();
    cmd.env_remove("VAULTNET_TODAY")
        .env_remove("VAULTNET_FORMAT")
        .env_remove("VAULTNET_INDEX_DIR")
        .env("NO_COLOR", "1");
    cmd
}

/// A copy of a fixture vault in a temporary directory.
struct Vault {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Vault {
    fn new(fixture: &str) -> Vault {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("vault");
        copy_dir(Path::new(fixture), &root);
        Vault { _dir: dir, root }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn find(&self, args: &[&str]) -> Output {
        vaultnet()
            .arg("find")
            .args(args)
            .arg(&self.root)
            .output()
            .unwrap()
    }

    /// `find --format json`, parsed, with the exit code.
    fn find_json(&self, args: &[&str]) -> (Value, Option<i32>) {
        let output = self.find(&[args, &["--format", "json"]].concat());
        let value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
            panic!(
                "{e}: {}\n{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            )
        });
        (value, output.status.code())
    }

    fn index(&self, args: &[&str]) -> Output {
        vaultnet()
            .arg("index")
            .arg(&self.root)
            .args(args)
            .output()
            .unwrap()
    }

    fn index_dir(&self) -> PathBuf {
        self.path(".vaultnet/index")
    }

    fn current_generation(&self) -> PathBuf {
        let name = std::fs::read_to_string(self.index_dir().join("CURRENT")).unwrap();
        self.index_dir().join(name.trim())
    }
}

fn people(hits: &Value) -> Vec<Option<String>> {
    hits.as_array()
        .unwrap()
        .iter()
        .map(|h| h["person"].as_str().map(str::to_string))
        .collect()
}

fn first_person(hits: &Value) -> Option<String> {
    people(hits).into_iter().next().flatten()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

// ---- ranking ----------------------------------------------------------

#[test]
fn interest_queries_put_the_person_first() {
    let vault = Vault::new(BASIC);
    for (query, person) in [
        ("sailing", "Ada Lovelace"),
        ("knitting", "Grace Hopper"),
        ("marathon", "Alan Turing"),
        ("interest:chess", "Ada Lovelace"),
    ] {
        let (hits, code) = vault.find_json(&[query]);
        assert_eq!(code, Some(0), "{query}");
        assert_eq!(
            first_person(&hits).as_deref(),
            Some(person),
            "{query}: {hits}"
        );
        assert_eq!(hits[0]["kind"], "profile", "{query}");
    }
}

#[test]
fn field_queries_find_the_person_whose_field_is_filled() {
    let vault = Vault::new(BASIC);
    // Grace has an empty `pets:` and the template one unfilled: only Ada.
    let (hits, _) = vault.find_json(&["pets"]);
    assert_eq!(people(&hits), [Some("Ada Lovelace".to_string())]);
    assert_eq!(hits[0]["path"], "People/Ada Lovelace.md");
    assert_eq!(hits[0]["line"], 7);
    let (hits, _) = vault.find_json(&["beagle"]);
    assert_eq!(first_person(&hits).as_deref(), Some("Ada Lovelace"));
    let (hits, _) = vault.find_json(&["admiral"]);
    assert_eq!(first_person(&hits).as_deref(), Some("Grace Hopper"));
}

#[test]
fn conversation_queries_find_the_interaction() {
    let vault = Vault::new(BASIC);
    let (hits, _) = vault.find_json(&["COBOL"]);
    assert_eq!(hits[0]["person"], "Grace Hopper");
    assert_eq!(hits[0]["kind"], "interaction");
    assert_eq!(hits[0]["date"], "2026-02-10");
    assert_eq!(hits[0]["line"], 12);
    // Logged in a heading; the snippet is the line that matched.
    let (hits, _) = vault.find_json(&["zebras"]);
    assert_eq!(hits[0]["person"], "Alan Turing");
    assert_eq!(hits[0]["date"], "2026-04-18");
    assert_eq!(hits[0]["line"], 8);
    assert!(hits[0]["snippet"]
        .as_str()
        .unwrap()
        .contains("zebras have stripes"));
    assert_eq!(
        hits.as_array().unwrap().len(),
        1,
        "the template is not indexed"
    );
}

#[test]
fn journal_mentions_are_interactions_of_the_person_named() {
    let vault = Vault::new(BASIC);
    let (hits, _) = vault.find_json(&["boat"]);
    assert_eq!(hits[0]["person"], "Ada Lovelace");
    assert_eq!(hits[0]["path"], "Daily/2026-03-01.md");
    assert_eq!(hits[0]["line"], 4);
    assert_eq!(hits[0]["date"], "2026-03-01");
    // The rest of the journal is still found, about no one.
    let (hits, _) = vault.find_json(&["laundry"]);
    assert_eq!(hits[0]["person"], Value::Null);
    assert_eq!(hits[0]["kind"], "note");
}

#[test]
fn date_queries_and_shorthands() {
    let vault = Vault::new(BASIC);
    let (hits, _) = vault.find_json(&["date:[2026-06-01 TO 2026-06-30]"]);
    assert_eq!(people(&hits), [Some("Grace Hopper".to_string())]);
    let (hits, _) = vault.find_json(&["coffee date:2026-02"]);
    assert_eq!(people(&hits), [Some("Grace Hopper".to_string())]);
    let (hits, _) = vault.find_json(&["coffee", "--until", "2026-01-31"]);
    assert_eq!(people(&hits), [Some("Ada Lovelace".to_string())]);
    let (hits, _) = vault.find_json(&["lunch", "--since", "2026-04-01"]);
    assert_eq!(people(&hits), [Some("Grace Hopper".to_string())]);
    let (hits, _) = vault.find_json(&["coffee", "--person", "amazing grace"]);
    assert_eq!(people(&hits), [Some("Grace Hopper".to_string())]);
}

#[test]
fn stemming_matches_word_forms() {
    let vault = Vault::new(BASIC);
    for (query, word) in [("pet", "pets"), ("sail", "sailing"), ("stripe", "stripes")] {
        let (hits, code) = vault.find_json(&[query]);
        assert_eq!(code, Some(0), "{query}");
        let snippet = hits[0]["snippet"].as_str().unwrap();
        let [a, b] = [0, 1].map(|i| hits[0]["highlights"][0][i].as_u64().unwrap() as usize);
        assert_eq!(snippet[a..b].to_lowercase(), word, "{query}: {snippet}");
    }
}

#[test]
fn query_language() {
    let vault = Vault::new(BASIC);
    let (hits, _) = vault.find_json(&["knitting OR chess"]);
    let found: std::collections::BTreeSet<_> = people(&hits).into_iter().flatten().collect();
    assert_eq!(found.len(), 2, "{hits}");
    assert_eq!(hits.as_array().unwrap().len(), 3, "{hits}");
    let (hits, _) = vault.find_json(&["coffee -harbour"]);
    assert_eq!(people(&hits), [Some("Ada Lovelace".to_string())]);
    let (hits, _) = vault.find_json(&["\"new boat\""]);
    assert_eq!(first_person(&hits).as_deref(), Some("Ada Lovelace"));
    let (_, code) = vault.find_json(&["\"boat new\""]);
    assert_eq!(code, Some(1));
    let (hits, _) = vault.find_json(&["name:grace"]);
    assert_eq!(hits.as_array().unwrap().len(), 1);
    let (hits, _) = vault.find_json(&["tag:mentor"]);
    assert_eq!(people(&hits), [Some("Ada Lovelace".to_string())]);
    let (hits, _) = vault.find_json(&["person:ada coffee"]);
    assert_eq!(people(&hits), [Some("Ada Lovelace".to_string())]);
    let (hits, _) = vault.find_json(&["text:morphogenesis"]);
    assert_eq!(people(&hits), [Some("Alan Turing".to_string())]);
    let (hits, _) = vault.find_json(&["library", "--limit", "1"]);
    assert_eq!(hits.as_array().unwrap().len(), 1);
}

#[test]
fn bad_queries_are_usage_errors_that_say_what_is_wrong() {
    let vault = Vault::new(BASIC);
    for (query, message) in [
        ("\"unclosed", "never closed"),
        ("colour:red", "unknown field `colour:`"),
        ("date:2026-02-30", "not a real date"),
        ("date:[2026-05-01 TO 2026-01-01]", "ends before it starts"),
        ("sailing OR", "needs a word on both sides"),
        ("(sailing", "never closed"),
        ("", "empty"),
    ] {
        let output = vault.find(&[query]);
        assert_eq!(output.status.code(), Some(2), "{query}");
        assert!(
            stderr(&output).contains(message),
            "{query}: {}",
            stderr(&output)
        );
        assert!(stdout(&output).is_empty());
    }
}

#[test]
fn no_match_exits_1_and_suggests_a_near_spelling() {
    let vault = Vault::new(BASIC);
    let output = vault.find(&["marathin"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).is_empty());
    assert!(
        stderr(&output).contains("did you mean `marathon`?"),
        "{}",
        stderr(&output)
    );
    let (hits, code) = vault.find_json(&["xylophone"]);
    assert_eq!((hits, code), (serde_json::json!([]), Some(1)));
    let output = vault.find(&["coffee", "--person", "Grase Hopper"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("did you mean `Grace Hopper`?"));
}

// ---- output -----------------------------------------------------------

#[test]
fn json_shape_is_exact() {
    let vault = Vault::new(BASIC);
    let (hits, _) = vault.find_json(&["coffee OR boat OR pets OR reading"]);
    let hits = hits.as_array().unwrap();
    assert!(hits.len() >= 4);
    let mut kinds = std::collections::BTreeSet::new();
    for hit in hits {
        let object = hit.as_object().unwrap();
        let keys: Vec<&str> = object.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "person",
                "path",
                "line",
                "date",
                "kind",
                "score",
                "snippet",
                "highlights"
            ]
        );
        assert!(hit["person"].is_string() || hit["person"].is_null());
        assert!(Path::new(hit["path"].as_str().unwrap())
            .extension()
            .is_some_and(|e| e == "md"));
        assert!(!hit["path"].as_str().unwrap().contains('\\'));
        assert!(hit["line"].as_u64().unwrap() >= 1);
        assert!(hit["score"].is_f64());
        let kind = hit["kind"].as_str().unwrap();
        kinds.insert(kind.to_string());
        assert_eq!(hit["date"].is_string(), kind == "interaction", "{hit}");
        let snippet = hit["snippet"].as_str().unwrap();
        assert!(!snippet.is_empty());
        for range in hit["highlights"].as_array().unwrap() {
            let [a, b] = [0, 1].map(|i| range[i].as_u64().unwrap() as usize);
            assert!(a < b && b <= snippet.len());
            let word = snippet[a..b].to_lowercase();
            assert!(
                ["coffee", "boat", "pets", "reading"].contains(&word.as_str()),
                "{word} in {snippet}"
            );
        }
    }
    assert_eq!(kinds.len(), 3, "{kinds:?}");
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first");
}

#[test]
fn text_output_reads_well() {
    let vault = Vault::new(BASIC);
    let output = vault.find(&["COBOL"]);
    let text = stdout(&output);
    let mut lines = text.lines();
    let head = lines.next().unwrap();
    assert!(head.starts_with("Grace Hopper  "), "{text}");
    assert!(head.contains("People/Grace Hopper.md:12"), "{text}");
    assert!(head.ends_with("2026-02-10"), "{text}");
    assert_eq!(
        lines.next().unwrap(),
        "    2026-02-10: Coffee at the harbour café, talked about her COBOL book and nanoseconds. (by:: them)"
    );
    assert!(!text.contains('\u{1b}'), "no colour on a pipe");
    let output = vault.find(&["COBOL", "--color", "always"]);
    assert!(
        stdout(&output).contains("\u{1b}["),
        "highlighted on request"
    );
}

// ---- freshness --------------------------------------------------------

#[test]
fn edits_and_deletions_show_up_in_the_next_find() {
    let vault = Vault::new(BASIC);
    let (hits, _) = vault.find_json(&["sailing"]);
    assert_eq!(first_person(&hits).as_deref(), Some("Ada Lovelace"));

    // An edit a moment ago is found.
    let alan = vault.path("People/Alan Turing.md");
    let text = std::fs::read_to_string(&alan).unwrap();
    std::fs::write(
        &alan,
        text.replace("cryptography", "cryptography, kayaking"),
    )
    .unwrap();
    let (hits, code) = vault.find_json(&["kayaking"]);
    assert_eq!(code, Some(0));
    assert_eq!(first_person(&hits).as_deref(), Some("Alan Turing"));

    // A new note is found; a deleted one is gone.
    vault.write(
        "People/Hedy Lamarr.md",
        "---\ntags: [person]\ninterests: [kayaking, inventing]\n---\n# Hedy Lamarr\n",
    );
    let (hits, _) = vault.find_json(&["inventing"]);
    assert_eq!(first_person(&hits).as_deref(), Some("Hedy Lamarr"));
    std::fs::remove_file(vault.path("People/Ada Lovelace.md")).unwrap();
    let (hits, _) = vault.find_json(&["sailing"]);
    assert!(
        !people(&hits).contains(&Some("Ada Lovelace".into())),
        "{hits}"
    );
    // Her journal interaction is now a note about no one.
    let (hits, _) = vault.find_json(&["boat"]);
    assert_eq!(people(&hits), [None]);
}

#[test]
fn an_edit_in_the_same_clock_tick_is_still_seen() {
    let vault = Vault::new(BASIC);
    let note = vault.path("People/Alan Turing.md");
    let (hits, _) = vault.find_json(&["zebras"]);
    assert_eq!(hits.as_array().unwrap().len(), 1);
    // Same size, same mtime: only the content hash can tell.
    let mtime = std::fs::metadata(&note).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(&note).unwrap();
    std::fs::write(&note, text.replace("zebras", "quaggas")).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&note)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    let (hits, code) = vault.find_json(&["quaggas"]);
    assert_eq!(code, Some(0), "{hits}");
    assert_eq!(first_person(&hits).as_deref(), Some("Alan Turing"));
}

#[test]
fn renaming_people_re_resolves_journal_mentions() {
    let vault = Vault::new(BASIC);
    let (hits, _) = vault.find_json(&["lighthouse painted"]);
    assert_eq!(people(&hits), [None], "no one is called Lady L yet");
    let ada = vault.path("People/Ada Lovelace.md");
    let text = std::fs::read_to_string(&ada).unwrap();
    std::fs::write(
        &ada,
        text.replace("aliases: [Ada]", "aliases: [Ada, Lady L]"),
    )
    .unwrap();
    let (hits, _) = vault.find_json(&["lighthouse painted"]);
    assert_eq!(people(&hits), [Some("Ada Lovelace".to_string())]);
    assert_eq!(hits[0]["kind"], "interaction");
    assert_eq!(hits[0]["date"], "2026-04-01");
    let output = vault.index(&["--format", "json"]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["changed"], 0);
}

/// Adds a note and a journal that mentions several names, and syncs.
fn vault_with_mentions() -> Vault {
    let vault = Vault::new(BASIC);
    vault.write(
        "Daily/2026-05-02.md",
        "# 2026-05-02\n\nKayak trip with [[Robert Noyce]], who fixed the quokka rudder.\n",
    );
    vault.write(
        "Daily/2026-05-03.md",
        "# 2026-05-03\n\nChess with [[Grace Hopper]]; she won with a wombat gambit.\n",
    );
    vault.find_json(&["sailing"]);
    vault
}

fn sync_report(vault: &Vault) -> Value {
    let output = vault.index(&["--format", "json"]);
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn a_renamed_person_takes_the_journal_mentions_of_the_new_name_and_drops_the_old() {
    let vault = vault_with_mentions();
    let (hits, _) = vault.find_json(&["quokka"]);
    assert_eq!(people(&hits), [None], "no Robert Noyce yet");
    // Alan's note becomes Robert Noyce's: file and name.
    let text = std::fs::read_to_string(vault.path("People/Alan Turing.md")).unwrap();
    std::fs::remove_file(vault.path("People/Alan Turing.md")).unwrap();
    vault.write(
        "People/Robert Noyce.md",
        &text
            .replace("Alan Turing", "Robert Noyce")
            .replace("marathon", "semiconductor"),
    );
    let report = sync_report(&vault);
    assert_eq!(report["changed"], 1, "{report}");
    assert_eq!(report["removed"], 1, "{report}");
    // Only the journal naming the new name is read again: the one
    // naming Grace, and those naming Ada, are not.
    assert_eq!(report["reresolved"], 1, "{report}");
    let (hits, _) = vault.find_json(&["quokka"]);
    assert_eq!(people(&hits), [Some("Robert Noyce".to_string())]);
    assert_eq!(hits[0]["path"], "Daily/2026-05-02.md");
    assert_eq!(hits[0]["kind"], "interaction");
    let (hits, _) = vault.find_json(&["person:robert"]);
    assert!(!hits.as_array().unwrap().is_empty(), "{hits}");
    // The old person's profile and interactions are gone.
    let (hits, code) = vault.find_json(&["person:alan"]);
    assert_eq!(code, Some(1), "{hits}");
    let (hits, _) = vault.find_json(&["marathon"]);
    assert!(hits.as_array().unwrap().is_empty(), "{hits}");
    let (hits, _) = vault.find_json(&["wombat"]);
    assert_eq!(people(&hits), [Some("Grace Hopper".to_string())]);
}

#[test]
fn deleting_a_person_leaves_their_journal_mentions_about_no_one() {
    let vault = vault_with_mentions();
    let (hits, _) = vault.find_json(&["wombat"]);
    assert_eq!(people(&hits), [Some("Grace Hopper".to_string())]);
    std::fs::remove_file(vault.path("People/Grace Hopper.md")).unwrap();
    let report = sync_report(&vault);
    assert_eq!(report["removed"], 1, "{report}");
    assert!(report["reresolved"].as_u64().unwrap() >= 1, "{report}");
    let (hits, _) = vault.find_json(&["wombat"]);
    assert_eq!(people(&hits), [None], "{hits}");
    assert_eq!(hits[0]["path"], "Daily/2026-05-03.md");
    let (hits, _) = vault.find_json(&["person:grace"]);
    assert!(hits.as_array().unwrap_or(&Vec::new()).is_empty(), "{hits}");
}

#[test]
fn adding_a_person_re_reads_only_the_journals_that_name_them() {
    let vault = vault_with_mentions();
    vault.write(
        "People/Robert Noyce.md",
        "---\nname: Robert Noyce\ntags: [person]\n---\n# Robert Noyce\n",
    );
    let report = sync_report(&vault);
    assert_eq!(report["changed"], 1, "{report}");
    assert_eq!(report["reresolved"], 1, "{report}");
    let (hits, _) = vault.find_json(&["quokka"]);
    assert_eq!(people(&hits), [Some("Robert Noyce".to_string())]);
    // A person no journal names re-reads no journal.
    vault.write(
        "People/Nobody Named.md",
        "---\nname: Nobody Named\ntags: [person]\n---\n# Nobody Named\n",
    );
    let report = sync_report(&vault);
    assert_eq!(report["changed"], 1, "{report}");
    assert_eq!(report["reresolved"], 0, "{report}");
    // Rebuilt from scratch, the same hits (scores may differ: deleted
    // documents count in term statistics until segments merge).
    let hits = |vault: &Vault| {
        let (hits, _) = vault.find_json(&["quokka OR wombat OR boat"]);
        let mut found: Vec<(Value, Value)> = hits
            .as_array()
            .unwrap()
            .iter()
            .map(|h| (h["person"].clone(), h["path"].clone()))
            .collect();
        found.sort_by_key(|(_, path)| path.to_string());
        found
    };
    let before = hits(&vault);
    assert_eq!(before.len(), 3);
    vault.index(&["--rebuild"]);
    assert_eq!(hits(&vault), before);
}

#[test]
fn concurrent_finds_after_an_edit_agree() {
    let vault = Vault::new(BASIC);
    vault.find_json(&["sailing"]);
    let alan = vault.path("People/Alan Turing.md");
    let text = std::fs::read_to_string(&alan).unwrap();
    std::fs::write(&alan, text.replace("cryptography", "cryptography, origami")).unwrap();
    let children: Vec<_> = (0..4)
        .map(|_| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("vaultnet"))
                .args(["find", "origami OR sailing", "--format", "json"])
                .arg(&vault.root)
                .env("NO_COLOR", "1")
                .env_remove("VAULTNET_INDEX_DIR")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<Output> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    for output in &outputs {
        assert_eq!(output.status.code(), Some(0), "{}", stderr(output));
        assert_eq!(output.stdout, outputs[0].stdout);
    }
    let hits: Value = serde_json::from_slice(&outputs[0].stdout).unwrap();
    assert!(people(&hits).contains(&Some("Alan Turing".to_string())));
}

#[test]
fn index_reports_what_it_did() {
    let vault = Vault::new(BASIC);
    let output = vault.index(&["--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["notes"], 8);
    assert_eq!(report["changed"], 8);
    assert_eq!(report["rebuilt"], true);
    assert!(report["seconds"].is_f64());

    vault.write("Notes/New.md", "# New\nsomething");
    std::fs::remove_file(vault.path("Notes/Reading list.md")).unwrap();
    let output = vault.index(&[]);
    let text = stdout(&output);
    assert!(
        text.starts_with("updated the index: 8 notes seen (1 changed, 1 removed) in "),
        "{text}"
    );

    let output = vault.index(&["--format", "json"]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        (report["changed"].as_u64(), report["removed"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(report["rebuilt"], false);

    let output = vault.index(&["--rebuild", "--format", "json"]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["rebuilt"], true);
    assert_eq!(report["reason"], "asked to rebuild");
    // Only the new generation is left.
    let generations = std::fs::read_dir(vault.index_dir())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("gen-")
        })
        .count();
    assert_eq!(generations, 1);
}

// ---- the index directory ----------------------------------------------

#[test]
fn index_lives_in_a_private_ignored_folder() {
    let vault = Vault::new(BASIC);
    vault.find_json(&["sailing"]);
    let base = vault.path(".vaultnet");
    assert_eq!(
        std::fs::read_to_string(base.join(".gitignore")).unwrap(),
        "*\n"
    );
    assert!(vault.current_generation().join("meta.json").is_file());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for dir in [base.clone(), vault.index_dir(), vault.current_generation()] {
            let mode = std::fs::metadata(&dir).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700, "{}", dir.display());
        }
    }
}

#[test]
fn index_dir_flag_and_environment() {
    let vault = Vault::new(BASIC);
    let elsewhere = tempfile::tempdir().unwrap();
    let dir = elsewhere.path().join("idx");
    let output = vault.find(&["sailing", "--index-dir", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(dir.join("CURRENT").is_file());
    assert!(!vault.path(".vaultnet").exists());

    let env_dir = elsewhere.path().join("from-env");
    let output = vaultnet()
        .args(["find", "sailing"])
        .arg(&vault.root)
        .env("VAULTNET_INDEX_DIR", &env_dir)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(env_dir.join("CURRENT").is_file());
    assert!(!vault.path(".vaultnet").exists());
}

#[test]
fn a_vault_that_cannot_hold_the_index_uses_the_cache_directory() {
    let vault = Vault::new(BASIC);
    // A file where the index folder would go: the vault cannot take it
    // (this works as root too, unlike a read-only folder).
    std::fs::write(vault.path(".vaultnet"), "not a folder").unwrap();
    let cache = tempfile::tempdir().unwrap();
    let run = || {
        vaultnet()
            .args(["find", "sailing", "--format", "json"])
            .arg(&vault.root)
            .env("XDG_CACHE_HOME", cache.path())
            .output()
            .unwrap()
    };
    let output = run();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("not writable"),
        "{}",
        stderr(&output)
    );
    let hits: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(first_person(&hits).as_deref(), Some("Ada Lovelace"));
    assert!(cache.path().join("vaultnet").is_dir());
    // The second run finds the cached index and says nothing.
    let output = run();
    assert_eq!(output.status.code(), Some(0));
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
}

#[test]
fn garbage_in_the_index_is_rebuilt_with_a_warning() {
    let vault = Vault::new(BASIC);
    vault.find_json(&["sailing"]);
    let generation = vault.current_generation();
    std::fs::write(generation.join("meta.json"), b"\x00garbage{").unwrap();
    let output = vault.find(&["sailing"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("warning: the index could not be opened"));
    assert!(stdout(&output).starts_with("Ada Lovelace"));

    // A damaged manifest, a CURRENT naming nothing, stray files.
    std::fs::write(
        vault.current_generation().join("vaultnet-manifest.bin"),
        "{",
    )
    .unwrap();
    let output = vault.find(&["sailing"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stderr(&output).contains("manifest is damaged"),
        "{}",
        stderr(&output)
    );
    std::fs::write(vault.index_dir().join("CURRENT"), "../../etc").unwrap();
    std::fs::write(vault.index_dir().join("meta.json"), "junk").unwrap();
    std::fs::create_dir_all(vault.index_dir().join("gen-99")).unwrap();
    let output = vault.find(&["sailing"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stderr(&output).contains("warning"));
    let output = vault.find(&["sailing"]);
    assert!(
        stderr(&output).is_empty(),
        "healthy again: {}",
        stderr(&output)
    );
}

#[test]
fn stale_lock_files_do_not_block() {
    let vault = Vault::new(BASIC);
    vault.find_json(&["sailing"]);
    // Lock files left by a process that died: only their locks count.
    std::fs::write(vault.current_generation().join(".tantivy-writer.lock"), "").unwrap();
    std::fs::write(vault.current_generation().join(".tantivy-meta.lock"), "").unwrap();
    std::fs::write(vault.index_dir().join("lock"), "12345").unwrap();
    vault.write("Notes/Fresh.md", "# Fresh\nbrand new words: quokka");
    // A lock still held would make `find` wait and then fail (exit 2).
    let (hits, code) = vault.find_json(&["quokka"]);
    assert_eq!(code, Some(0), "{hits}");
    assert_eq!(hits[0]["path"], "Notes/Fresh.md");
}

#[test]
fn a_held_lock_is_waited_for() {
    let vault = Vault::new(BASIC);
    vault.find_json(&["sailing"]);
    vault.write("Notes/Later.md", "# Later\nwombat");
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(vault.index_dir().join("lock"))
        .unwrap();
    fs4::fs_std::FileExt::lock_exclusive(&lock).unwrap();
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("vaultnet"))
        .args(["find", "wombat", "--format", "json"])
        .arg(&vault.root)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let held = SystemTime::now();
    std::thread::sleep(Duration::from_millis(700));
    drop(lock);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(held.elapsed().unwrap() >= Duration::from_millis(700));
    let hits: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(hits[0]["path"], "Notes/Later.md");
}

#[test]
fn another_schema_version_forces_a_rebuild() {
    let vault = Vault::new(BASIC);
    vault.find_json(&["sailing"]);
    let path = vault.current_generation().join("vaultnet-manifest.bin");
    let mut manifest = vaultnet::search::manifest::Manifest::read(&path).unwrap();
    manifest.schema = 0;
    manifest.write(&path).unwrap();
    let output = vault.index(&["--format", "json"]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["rebuilt"], true);
    assert!(report["reason"]
        .as_str()
        .unwrap()
        .contains("another version"));
    assert!(
        stderr(&output).is_empty(),
        "a planned rebuild is no warning"
    );
}

#[test]
fn a_config_change_rebuilds_and_is_honoured() {
    let vault = Vault::new(BASIC);
    let (hits, _) = vault.find_json(&["lighthouse"]);
    assert_eq!(hits.as_array().unwrap().len(), 2);
    vault.write("vaultnet.toml", "exclude = [\"Notes/**\"]\n");
    let (hits, _) = vault.find_json(&["lighthouse"]);
    assert_eq!(hits.as_array().unwrap().len(), 1, "{hits}");
}

#[test]
fn a_large_vault_is_indexed_in_chunks_without_a_bar_on_a_pipe() {
    let vault = Vault::new(BASIC);
    // More notes than one chunk; the journal (read first) names a person
    // read in the last chunk.
    for i in 0..1100 {
        vault.write(
            &format!("People/Person {i:04}.md"),
            &format!("---\ntags: [person]\ninterests: [topic{i}]\n---\n# Person {i:04}\n"),
        );
    }
    vault.write(
        "Daily/2026-01-02.md",
        "# 2026-01-02\n\nBirdwatching with [[Person 1099]] at the estuary.\n",
    );
    let output = vault.index(&[]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
    let (hits, _) = vault.find_json(&["topic1099"]);
    assert_eq!(first_person(&hits).as_deref(), Some("Person 1099"));
    let (hits, _) = vault.find_json(&["birdwatching"]);
    assert_eq!(people(&hits), [Some("Person 1099".to_string())]);
    assert_eq!(hits[0]["kind"], "interaction");
    // The same after a rebuild, and after every note changed at once.
    let output = vault.index(&["--rebuild"]);
    assert_eq!(output.status.code(), Some(0));
    for i in 0..1100 {
        let path = vault.path(&format!("People/Person {i:04}.md"));
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("interests: [", "interests: [kites, ")).unwrap();
    }
    let (hits, _) = vault.find_json(&["birdwatching"]);
    assert_eq!(people(&hits), [Some("Person 1099".to_string())]);
    let (hits, _) = vault.find_json(&["kites", "--limit", "2000"]);
    assert_eq!(hits.as_array().unwrap().len(), 1100);
}
