//! Faults around the search index (SPEC §6–§7): a process killed
//! mid-write, damaged index files, several processes at once, a vault
//! that cannot be written, and who may read the index directory. Every
//! case checks that `find` still gives *complete* answers: the set of
//! notes holding a word, as the test wrote them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use serde_json::Value;

/// Notes in the generated vault; every tenth is a person.
const NOTES: usize = 2000;
/// Notes fall into this many groups, each with its own word.
const GROUPS: usize = 10;

fn vaultnet() -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("vaultnet"));
    cmd.env_remove("VAULTNET_TODAY")
        .env_remove("VAULTNET_FORMAT")
        .env_remove("VAULTNET_INDEX_DIR")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The note at index `i` of a generated vault, and its text. `word`
/// tells one version of the vault from the next.
fn note(i: usize, word: &str) -> (String, String) {
    let group = i % GROUPS;
    if i % 10 == 0 {
        (
            format!("People/Person {i:04}.md"),
            format!(
                "---\ntags: [person]\ninterests: [{word}{group}]\n---\n# Person {i:04}\n\nMet at the {word}{group} club.\n"
            ),
        )
    } else {
        (
            format!("Notes/Note {i:04}.md"),
            format!("# Note {i:04}\n\nSomething about {word}{group} and more.\n"),
        )
    }
}

/// Writes (or rewrites) `count` notes holding `word<group>`.
fn write_vault(root: &Path, count: usize, word: &str) {
    std::fs::create_dir_all(root.join("People")).unwrap();
    std::fs::create_dir_all(root.join("Notes")).unwrap();
    for i in 0..count {
        let (rel, text) = note(i, word);
        std::fs::write(root.join(rel), text).unwrap();
    }
}

/// The notes that hold `word<group>`: what a complete answer lists.
fn expected(count: usize, word: &str, group: usize) -> BTreeSet<String> {
    (0..count)
        .filter(|i| i % GROUPS == group)
        .map(|i| note(i, word).0)
        .collect()
}

fn find_args(root: &Path, query: &str, extra: &[&str]) -> Command {
    let mut cmd = vaultnet();
    cmd.args(["find", query, "--format", "json", "--limit", "100000"])
        .args(extra)
        .arg(root);
    cmd
}

/// The paths `find` answers with; the exit code must be 0 (1 when
/// nothing matched).
fn hit_paths(output: &Output) -> BTreeSet<String> {
    let hits: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", stderr(output)));
    let paths: BTreeSet<String> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["path"].as_str().unwrap().to_string())
        .collect();
    let code = i32::from(paths.is_empty());
    assert_eq!(output.status.code(), Some(code), "{}", stderr(output));
    paths
}

fn find(root: &Path, query: &str, extra: &[&str]) -> (BTreeSet<String>, Output) {
    let output = find_args(root, query, extra).output().unwrap();
    (hit_paths(&output), output)
}

/// Every file below `root`, with its bytes.
fn snapshot(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(root)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

fn kill(mut child: Child) {
    // SIGKILL: no destructor, no cleanup, as a power cut or `kill -9`.
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn find_after_an_index_killed_mid_write_is_complete() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("vault");
    write_vault(&root, NOTES, "alpha");
    let index_dir = root.join(".vaultnet/index");
    // Killed during the first full build, at several points in it.
    for delay in [20, 100, 250] {
        let child = vaultnet().arg("index").arg(&root).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        kill(child);
        let (paths, _) = find(&root, "alpha3", &[]);
        assert_eq!(
            paths,
            expected(NOTES, "alpha", 3),
            "killed after {delay} ms"
        );
        // Start from nothing again for the next delay.
        std::fs::remove_dir_all(&index_dir).unwrap();
    }
    // Killed during an incremental update of every note, and during a
    // rebuild beside a good index: never an answer from the old notes.
    find(&root, "alpha3", &[]);
    for (delay, word) in [(20, "beta"), (100, "gamma"), (250, "delta")] {
        write_vault(&root, NOTES, word);
        let child = vaultnet().arg("index").arg(&root).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        kill(child);
        let (paths, _) = find(&root, &format!("{word}7"), &[]);
        assert_eq!(paths, expected(NOTES, word, 7), "killed after {delay} ms");
        let (paths, _) = find(&root, "alpha7", &[]);
        assert!(paths.is_empty(), "old words are gone: {paths:?}");

        let child = vaultnet()
            .args(["index", "--rebuild"])
            .arg(&root)
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        kill(child);
        let (paths, output) = find(&root, &format!("{word}2"), &[]);
        assert_eq!(paths, expected(NOTES, word, 2), "killed after {delay} ms");
        assert!(stderr(&output).is_empty(), "{}", stderr(&output));
    }
    // What is left behind is cleaned up by the next rebuild: one
    // generation, no abandoned builds.
    let output = vaultnet()
        .args(["index", "--rebuild"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let mut dirs: Vec<String> = std::fs::read_dir(&index_dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    assert_eq!(dirs.len(), 1, "{dirs:?}");
    assert!(dirs[0].starts_with("gen-"), "{dirs:?}");
}

/// A small vault with an index built, and its current generation.
fn indexed_vault(count: usize) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("vault");
    write_vault(&root, count, "alpha");
    find(&root, "alpha1", &[]);
    let index = root.join(".vaultnet/index");
    let name = std::fs::read_to_string(index.join("CURRENT")).unwrap();
    let generation = index.join(name.trim());
    (dir, root, generation)
}

/// The largest file of a tantivy segment in `generation`.
fn largest_segment_file(generation: &Path) -> PathBuf {
    std::fs::read_dir(generation)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            // Segment files are named `<uuid>.<component>`.
            name.len() > 33 && name.as_bytes()[32] == b'.'
        })
        .max_by_key(|p| std::fs::metadata(p).unwrap().len())
        .expect("a segment file")
}

#[test]
fn damaged_index_files_are_rebuilt_with_a_warning() {
    let count = 200;
    let want = expected(count, "alpha", 4);

    // meta.json cut short.
    let (_dir, root, generation) = indexed_vault(count);
    let meta = generation.join("meta.json");
    let bytes = std::fs::read(&meta).unwrap();
    std::fs::write(&meta, &bytes[..bytes.len() / 2]).unwrap();
    let (paths, output) = find(&root, "alpha4", &[]);
    assert_eq!(paths, want);
    assert!(
        stderr(&output).contains("warning: the index could not be opened"),
        "{}",
        stderr(&output)
    );
    let (_, output) = find(&root, "alpha4", &[]);
    assert!(
        stderr(&output).is_empty(),
        "healthy again: {}",
        stderr(&output)
    );

    // meta.json naming a segment that is not there.
    let (_dir, root, generation) = indexed_vault(count);
    let meta = generation.join("meta.json");
    let mut value: Value = serde_json::from_slice(&std::fs::read(&meta).unwrap()).unwrap();
    value["segments"][0]["segment_id"] = Value::from("0123456789abcdef0123456789abcdef");
    std::fs::write(&meta, serde_json::to_vec(&value).unwrap()).unwrap();
    let (paths, output) = find(&root, "alpha4", &[]);
    assert_eq!(paths, want);
    assert!(stderr(&output).contains("warning"), "{}", stderr(&output));

    // A segment file truncated, to half and to nothing.
    for divisor in [2, usize::MAX] {
        let (_dir, root, generation) = indexed_vault(count);
        let file = largest_segment_file(&generation);
        let bytes = std::fs::read(&file).unwrap();
        let cut = bytes.len() / divisor;
        std::fs::write(&file, &bytes[..cut]).unwrap();
        let (paths, output) = find(&root, "alpha4", &[]);
        assert_eq!(paths, want, "{}", file.display());
        assert!(
            stderr(&output).contains("warning: the index could not be opened"),
            "{}: {}",
            file.display(),
            stderr(&output)
        );
        // `index` says the same, and is then healthy.
        let (_, output) = find(&root, "alpha4", &[]);
        assert!(stderr(&output).is_empty(), "{}", stderr(&output));
    }

    // Every segment file removed.
    let (_dir, root, generation) = indexed_vault(count);
    for entry in std::fs::read_dir(&generation).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.len() > 33 && name.as_bytes()[32] == b'.' {
            std::fs::remove_file(path).unwrap();
        }
    }
    let output = vaultnet()
        .args(["index", "--format", "json"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("warning"), "{}", stderr(&output));
    let (paths, _) = find(&root, "alpha4", &[]);
    assert_eq!(paths, want);
}

#[test]
fn two_indexers_and_four_finders_at_once_all_succeed_and_agree() {
    let count = 400;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("vault");
    write_vault(&root, count, "alpha");
    // From no index; then after every note changed; then with rebuilds
    // swapping generations under the readers.
    for (word, rebuild) in [("alpha", false), ("beta", false), ("beta", true)] {
        write_vault(&root, count, word);
        let mut children = Vec::new();
        for _ in 0..2 {
            let mut cmd = vaultnet();
            cmd.arg("index").arg(&root);
            if rebuild {
                cmd.arg("--rebuild");
            }
            children.push(("index", cmd.spawn().unwrap()));
        }
        for _ in 0..4 {
            let child = find_args(&root, &format!("{word}5"), &[]).spawn().unwrap();
            children.push(("find", child));
        }
        let want = expected(count, word, 5);
        for (what, child) in children {
            let output = child.wait_with_output().unwrap();
            assert_eq!(
                output.status.code(),
                Some(0),
                "{what} ({word}, rebuild {rebuild}): {}",
                stderr(&output)
            );
            assert!(
                stderr(&output).is_empty(),
                "{what} ({word}, rebuild {rebuild}): {}",
                stderr(&output)
            );
            if what == "find" {
                assert_eq!(hit_paths(&output), want, "{word}, rebuild {rebuild}");
            }
        }
    }
}

/// Makes every file and folder below `root` read-only (or writable
/// again).
#[cfg(unix)]
fn set_read_only(root: &Path, read_only: bool) {
    use std::os::unix::fs::PermissionsExt;
    for entry in walkdir::WalkDir::new(root).into_iter().map(Result::unwrap) {
        let mode = match (entry.file_type().is_dir(), read_only) {
            (true, true) => 0o555,
            (true, false) => 0o755,
            (false, true) => 0o444,
            (false, false) => 0o644,
        };
        std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode)).unwrap();
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_vault_is_searched_with_the_index_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("vault");
    write_vault(&root, 100, "alpha");
    set_read_only(&root, true);
    let before = snapshot(&root);
    let want = expected(100, "alpha", 6);

    // --index-dir and VAULTNET_INDEX_DIR outside the vault.
    let outside = dir.path().join("index");
    let (paths, output) = find(&root, "alpha6", &["--index-dir", outside.to_str().unwrap()]);
    assert_eq!(paths, want);
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
    let env_dir = dir.path().join("env-index");
    let output = find_args(&root, "alpha6", &[])
        .env("VAULTNET_INDEX_DIR", &env_dir)
        .output()
        .unwrap();
    assert_eq!(hit_paths(&output), want);
    let output = vaultnet()
        .args(["index", "--rebuild"])
        .arg(&root)
        .env("VAULTNET_INDEX_DIR", &env_dir)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(env_dir.join("CURRENT").is_file());

    // Without one: the user cache directory, when the permissions hold
    // (they do not for root, who may write anyway; then the index goes
    // to the vault as usual, and this part proves nothing more).
    let enforced = std::fs::write(root.join("probe"), "").is_err();
    let cache = dir.path().join("cache");
    let output = find_args(&root, "alpha6", &[])
        .env("XDG_CACHE_HOME", &cache)
        .output()
        .unwrap();
    assert_eq!(hit_paths(&output), want);
    if enforced {
        assert!(
            stderr(&output).contains("not writable"),
            "{}",
            stderr(&output)
        );
        assert!(cache.join("vaultnet").is_dir());
        assert_eq!(snapshot(&root), before, "a note or file was written");
    } else {
        let _ = std::fs::remove_file(root.join("probe"));
        set_read_only(&root, false);
        std::fs::remove_dir_all(root.join(".vaultnet")).unwrap();
        assert_eq!(snapshot(&root), before, "a note was written");
    }
    set_read_only(&root, false);
}

#[cfg(unix)]
#[test]
fn index_folders_are_created_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("vault");
    write_vault(&root, 20, "alpha");
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;

    // In the vault, at a nested --index-dir, and in the cache directory.
    let nested = dir.path().join("a/b/index");
    let cache = dir.path().join("cache");
    find(&root, "alpha1", &[]);
    find(&root, "alpha1", &["--index-dir", nested.to_str().unwrap()]);
    let blocked = dir.path().join("blocked-vault");
    write_vault(&blocked, 20, "alpha");
    std::fs::write(blocked.join(".vaultnet"), "a file, not a folder").unwrap();
    let output = find_args(&blocked, "alpha1", &[])
        .env("XDG_CACHE_HOME", &cache)
        .output()
        .unwrap();
    assert_eq!(hit_paths(&output).len(), 2);

    let mut dirs = vec![
        root.join(".vaultnet"),
        root.join(".vaultnet/index"),
        dir.path().join("a"),
        dir.path().join("a/b"),
        nested.clone(),
        cache.join("vaultnet"),
    ];
    for index in [root.join(".vaultnet/index"), nested] {
        let name = std::fs::read_to_string(index.join("CURRENT")).unwrap();
        dirs.push(index.join(name.trim()));
    }
    for entry in walkdir::WalkDir::new(cache.join("vaultnet")) {
        let entry = entry.unwrap();
        if entry.file_type().is_dir() {
            dirs.push(entry.path().to_path_buf());
        }
    }
    for dir in dirs {
        assert_eq!(mode(&dir), 0o700, "{}", dir.display());
    }
}
