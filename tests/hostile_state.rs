//! Hostile `.vaultnet/` folders (SPEC §6.1): a vault cloned from someone
//! else may ship its own state — links, FIFOs, huge files, a planted
//! index. Each test plants one attack in a temp vault beside a decoy
//! folder, runs the real binary under a watchdog (a hang fails the test,
//! not CI), and checks that nothing outside the vault changed, nothing
//! from outside was printed, and the answer is still right.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::io::Read as _;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const TODAY: &str = "2026-11-25";
/// Generous: a run here takes well under a second; only a hang is this slow.
const WATCHDOG: Duration = Duration::from_secs(60);
/// Written in every decoy file: it must never be printed.
const SECRET: &str = "DECOY-SECRET-7f3a";

/// A vault with two people and a decoy folder beside it, and a user
/// cache directory of its own.
struct Sandbox {
    _dir: tempfile::TempDir,
    root: PathBuf,
    decoy: PathBuf,
    cache: PathBuf,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("vault");
        let decoy = dir.path().join("decoy");
        let cache = dir.path().join("user-cache");
        for d in [&root, &decoy, &cache] {
            std::fs::create_dir_all(d).unwrap();
        }
        write(
            &root,
            "People/Ada Lovelace.md",
            "---\nname: Ada Lovelace\ninterests: [sailing]\ncadence: 30d\n---\n\
             ## Log\n- 2026-11-01: sailing on the lake [by:: me]\n\
             - 2026-11-20: she called about the regatta [by:: them]\n",
        );
        write(
            &root,
            "People/Stale Steve.md",
            "---\nname: Stale Steve\ninterests: [chess]\ncadence: 30d\n---\n\
             ## Log\n- 2026-01-01: lunch, talked chess openings [by:: me]\n\
             - 2026-02-01: he called back [by:: them]\n",
        );
        for name in ["secret.md", "passwd", "notes.bin", "CURRENT"] {
            write(&decoy, name, format!("{SECRET}\nsailing\n"));
        }
        Sandbox {
            _dir: dir,
            root,
            decoy,
            cache,
        }
    }

    fn state(&self) -> PathBuf {
        self.root.join(".vaultnet")
    }

    /// Every entry of the decoy folder: kind and bytes.
    fn decoy_sums(&self) -> BTreeMap<PathBuf, (bool, Vec<u8>)> {
        let mut sums = BTreeMap::new();
        for entry in walk(&self.decoy) {
            let meta = std::fs::symlink_metadata(&entry).unwrap();
            let bytes = if meta.is_file() {
                std::fs::read(&entry).unwrap()
            } else {
                Vec::new()
            };
            sums.insert(entry, (meta.is_dir(), bytes));
        }
        sums
    }

    /// Runs vaultnet with `args`, the vault last, under the watchdog.
    fn run(&self, args: &[&str]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_vaultnet"));
        command
            .args(args)
            .arg(&self.root)
            .env("VAULTNET_TODAY", TODAY)
            .env("XDG_CACHE_HOME", &self.cache)
            .env("HOME", self.cache.parent().unwrap())
            .env_remove("VAULTNET_INDEX_DIR")
            .env_remove("GITHUB_ACTIONS");
        run_watched(command)
    }

    /// Runs `args` and checks what every attack must leave alone.
    fn run_clean(&self, args: &[&str]) -> Output {
        let before = self.decoy_sums();
        let output = self.run(args);
        assert_eq!(before, self.decoy_sums(), "the decoy folder changed");
        let printed = format!("{}{}", text(&output.stdout), text(&output.stderr));
        assert!(
            !printed.contains(SECRET),
            "printed a file outside the vault: {printed}"
        );
        assert!(!printed.contains("panicked"), "{printed}");
        output
    }
}

fn write(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            out.extend(walk(&path));
        }
        out.push(path);
    }
    out
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Spawns `command` and kills it if it runs past [`WATCHDOG`].
fn run_watched(mut command: Command) -> Output {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = out.read_to_end(&mut bytes);
        bytes
    });
    let err_reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = err.read_to_end(&mut bytes);
        bytes
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > WATCHDOG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("vaultnet hung: killed after {} s", WATCHDOG.as_secs());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out_reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
    }
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            text(&output.stdout),
            text(&output.stderr)
        )
    })
}

/// The rules `check --format json` found, as (path, rule) pairs.
fn findings(output: &Output) -> Vec<(String, String)> {
    let value = json(output);
    let mut found: Vec<(String, String)> = value
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    found.sort();
    found
}

fn assert_check_is_right(output: &Output) {
    assert_eq!(
        output.status.code(),
        Some(1),
        "stderr: {}",
        text(&output.stderr)
    );
    let found = findings(output);
    assert!(
        found.contains(&(
            "People/Stale Steve.md".to_string(),
            "stale-relationship".to_string()
        )),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .all(|(path, _)| path != "People/Ada Lovelace.md"),
        "{found:?}"
    );
}

/// `find sailing` must answer with Ada's note only.
fn assert_find_is_right(output: &Output) {
    assert_eq!(
        output.status.code(),
        Some(0),
        "stderr: {}",
        text(&output.stderr)
    );
    let hits = json(output);
    let paths: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["path"].as_str().unwrap())
        .collect();
    assert!(!paths.is_empty());
    assert!(
        paths.iter().all(|p| *p == "People/Ada Lovelace.md"),
        "{paths:?}"
    );
}

fn check(sandbox: &Sandbox) -> Output {
    sandbox.run_clean(&["check", "--format", "json"])
}

fn find(sandbox: &Sandbox) -> Output {
    sandbox.run_clean(&["find", "sailing", "--format", "json"])
}

fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path)
        .unwrap()
        .permissions()
        .mode()
        & 0o777
}

fn current_generation(index: &Path) -> PathBuf {
    let name = std::fs::read_to_string(index.join("CURRENT")).unwrap();
    index.join(name.trim())
}

#[test]
fn links_planted_at_every_temporary_and_state_file_write_nothing_outside() {
    let sandbox = Sandbox::new();
    let cache = sandbox.state().join("cache");
    let index = sandbox.state().join("index");
    std::fs::create_dir_all(&cache).unwrap();
    std::fs::create_dir_all(&index).unwrap();
    // The names older versions used, one link per likely pid, and links
    // at the files themselves.
    for pid in 1..=3000 {
        symlink(
            sandbox.decoy.join("notes.bin"),
            cache.join(format!("notes.tmp-{pid}")),
        )
        .unwrap();
        symlink(
            sandbox.decoy.join("CURRENT"),
            index.join(format!("CURRENT.tmp-{pid}")),
        )
        .unwrap();
    }
    symlink(sandbox.decoy.join("notes.bin"), cache.join("notes.bin")).unwrap();
    symlink(sandbox.decoy.join("notes.bin"), cache.join("report.bin")).unwrap();
    symlink(sandbox.decoy.join("CURRENT"), index.join("CURRENT")).unwrap();
    symlink(
        sandbox.decoy.join("passwd"),
        sandbox.state().join(".gitignore"),
    )
    .unwrap();
    assert_check_is_right(&check(&sandbox));
    assert_find_is_right(&find(&sandbox));
    // The files are vaultnet's own now, owner-only; the links it did
    // not make are still there, untouched.
    for file in [cache.join("notes.bin"), index.join("CURRENT")] {
        let meta = std::fs::symlink_metadata(&file).unwrap();
        assert!(meta.is_file(), "{}", file.display());
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
    assert!(std::fs::symlink_metadata(cache.join("notes.tmp-7")).is_ok());
    // A second run reads its own state back.
    assert_check_is_right(&check(&sandbox));
    assert_find_is_right(&find(&sandbox));
}

#[test]
fn a_linked_state_folder_moves_the_state_to_the_user_cache() {
    for linked in [".vaultnet", ".vaultnet/index", ".vaultnet/cache"] {
        let sandbox = Sandbox::new();
        let at = sandbox.root.join(linked);
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        symlink(&sandbox.decoy, &at).unwrap();
        assert_check_is_right(&check(&sandbox));
        assert_find_is_right(&find(&sandbox));
        assert_find_is_right(&find(&sandbox));
        // Nothing was written through the link (the decoy sums hold),
        // and the state went to the user cache instead.
        let moved = if linked.ends_with("cache") {
            "notes.bin"
        } else {
            "CURRENT"
        };
        assert!(
            walk(&sandbox.cache).iter().any(|p| p.ends_with(moved)),
            "{linked}: no {moved} in the user cache"
        );
    }
}

#[test]
fn a_state_folder_writable_by_others_is_not_used() {
    let sandbox = Sandbox::new();
    std::fs::create_dir_all(sandbox.state()).unwrap();
    std::fs::set_permissions(sandbox.state(), std::fs::Permissions::from_mode(0o777)).unwrap();
    assert_find_is_right(&find(&sandbox));
    assert!(!sandbox.state().join("index").exists());
    assert!(walk(&sandbox.cache).iter().any(|p| p.ends_with("CURRENT")));
}

#[test]
fn a_shipped_generation_listing_outside_files_deletes_nothing() {
    let sandbox = Sandbox::new();
    assert_find_is_right(&find(&sandbox));
    let index = sandbox.state().join("index");
    let generation = current_generation(&index);
    // The search library's garbage collector deletes what this lists
    // and no longer uses: outside paths, absolute and relative.
    let managed = generation.join(".managed.json");
    let mut names: Vec<String> = serde_json::from_slice(&std::fs::read(&managed).unwrap()).unwrap();
    names.push(sandbox.decoy.join("secret.md").display().to_string());
    names.push("../../../decoy/passwd".to_string());
    std::fs::write(&managed, serde_json::to_vec(&names).unwrap()).unwrap();
    // A change makes the next find commit.
    write(
        &sandbox.root,
        "People/Bea.md",
        "---\nname: Bea\n---\n## Log\n- 2026-11-02: chess club [by:: me]\n",
    );
    let output = find(&sandbox);
    assert_find_is_right(&output);
    assert!(
        text(&output.stderr).contains("rebuilding"),
        "{}",
        text(&output.stderr)
    );
    assert!(sandbox.decoy.join("secret.md").exists());
}

#[test]
fn an_index_entry_naming_an_outside_path_is_never_read_or_printed() {
    let sandbox = Sandbox::new();
    assert_find_is_right(&find(&sandbox));
    let generation = current_generation(&sandbox.state().join("index"));
    let index = tantivy::Index::open_in_dir(&generation).unwrap();
    vaultnet::search::schema::register_analyzer(&index);
    let schema = index.schema();
    let field = |name: &str| schema.get_field(name).unwrap();
    let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
    let fifo = sandbox.decoy.join("pipe");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    for path in [
        sandbox.decoy.join("secret.md").display().to_string(),
        "../decoy/secret.md".to_string(),
        "/dev/zero".to_string(),
        fifo.display().to_string(),
    ] {
        let mut doc = tantivy::TantivyDocument::default();
        doc.add_text(field("path"), &path);
        doc.add_text(field("text"), "sailing sailing sailing");
        doc.add_u64(field("kind"), 2);
        doc.add_text(field("lines"), "1-2");
        writer.add_document(doc).unwrap();
    }
    writer.commit().unwrap();
    drop(writer);
    let output = find(&sandbox);
    assert_find_is_right(&output);
}

#[test]
fn a_fifo_or_link_at_the_lock_does_not_hang() {
    let sandbox = Sandbox::new();
    let index = sandbox.state().join("index");
    std::fs::create_dir_all(&index).unwrap();
    assert!(Command::new("mkfifo")
        .arg(index.join("lock"))
        .status()
        .unwrap()
        .success());
    assert_find_is_right(&find(&sandbox));
    assert_find_is_right(&find(&sandbox));

    let sandbox = Sandbox::new();
    let index = sandbox.state().join("index");
    std::fs::create_dir_all(&index).unwrap();
    symlink(sandbox.decoy.join("passwd"), index.join("lock")).unwrap();
    assert_find_is_right(&find(&sandbox));
}

#[test]
fn fifos_and_links_to_devices_in_the_state_folder_do_not_hang() {
    let sandbox = Sandbox::new();
    let cache = sandbox.state().join("cache");
    let index = sandbox.state().join("index");
    std::fs::create_dir_all(&cache).unwrap();
    std::fs::create_dir_all(index.join("gen-1")).unwrap();
    assert!(Command::new("mkfifo")
        .arg(cache.join("notes.bin"))
        .status()
        .unwrap()
        .success());
    symlink("/dev/zero", index.join("CURRENT")).unwrap();
    symlink("/dev/zero", index.join("gen-1/vaultnet-manifest.bin")).unwrap();
    assert_check_is_right(&check(&sandbox));
    assert_find_is_right(&find(&sandbox));
}

#[test]
fn huge_sparse_state_files_are_dropped_not_read() {
    let sandbox = Sandbox::new();
    assert_find_is_right(&find(&sandbox));
    assert_check_is_right(&check(&sandbox));
    let index = sandbox.state().join("index");
    let generation = current_generation(&index);
    for file in [
        sandbox.state().join("cache/notes.bin"),
        index.join("CURRENT"),
        generation.join("vaultnet-manifest.bin"),
    ] {
        std::fs::OpenOptions::new()
            .write(true)
            .open(&file)
            .unwrap()
            .set_len(2 << 30)
            .unwrap();
    }
    let started = Instant::now();
    assert_check_is_right(&check(&sandbox));
    assert_find_is_right(&find(&sandbox));
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn notes_that_are_links_leave_the_vault_only_when_asked() {
    let sandbox = Sandbox::new();
    symlink(
        sandbox.decoy.join("secret.md"),
        sandbox.root.join("People/Eve.md"),
    )
    .unwrap();
    symlink("/proc/kmsg", sandbox.root.join("People/Kmsg.md")).unwrap();
    symlink("/dev/zero", sandbox.root.join("People/Zero.md")).unwrap();
    assert!(Command::new("mkfifo")
        .arg(sandbox.root.join("People/Pipe.md"))
        .status()
        .unwrap()
        .success());
    // A link inside the vault is read as the note it points to.
    write(
        &sandbox.root,
        "Shared/Carol.txt",
        "---\nname: Carol\ncadence: 30d\n---\n## Log\n- 2026-01-03: dinner [by:: me]\n\
         - 2026-02-03: she wrote back [by:: them]\n",
    );
    symlink("../Shared/Carol.txt", sandbox.root.join("People/Carol.md")).unwrap();
    let output = check(&sandbox);
    assert_check_is_right(&output);
    let found = findings(&output);
    assert!(found.iter().all(|(p, _)| p != "People/Eve.md"), "{found:?}");
    assert!(
        found.contains(&(
            "People/Carol.md".to_string(),
            "stale-relationship".to_string()
        )),
        "{found:?}"
    );
    let stderr = text(&output.stderr);
    assert_eq!(stderr.matches("People/Eve.md").count(), 1, "{stderr}");
    assert!(stderr.contains("outside the vault"), "{stderr}");
    let output = sandbox.run_clean(&["find", "sailing OR chess", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(!text(&output.stdout).contains("Eve.md"));
    let stderr = text(&output.stderr);
    assert_eq!(stderr.matches("People/Eve.md").count(), 1, "{stderr}");

    // With `follow_links = true` the link is read (the decoy is a note).
    write(&sandbox.root, "vaultnet.toml", "follow_links = true\n");
    let output = sandbox.run(&["check", "--format", "json"]);
    let found = findings(&output);
    assert!(found.iter().any(|(p, _)| p == "People/Eve.md"), "{found:?}");
}

#[test]
fn check_full_reads_no_flagged_note_past_the_size_limit() {
    let sandbox = Sandbox::new();
    let huge = sandbox.root.join("People/Huge.md");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    let started = Instant::now();
    let output = sandbox.run_clean(&["check", "--format", "full"]);
    assert_eq!(output.status.code(), Some(1));
    let out = text(&output.stdout);
    assert!(out.contains("People/Huge.md"), "{out}");
    assert!(out.contains("too large"), "{out}");
    assert!(out.contains("stale-relationship"), "{out}");
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn temporaries_left_by_a_killed_run_are_removed_and_only_they() {
    let sandbox = Sandbox::new();
    let cache = sandbox.state().join("cache");
    std::fs::create_dir_all(&cache).unwrap();
    let left = cache.join(".vaultnet-tmp-999999999-notes.bin.Ab3dEf");
    std::fs::write(&left, "half written").unwrap();
    let linked = cache.join(".vaultnet-tmp-999999998-notes.bin.Zz9yXw");
    symlink(sandbox.decoy.join("notes.bin"), &linked).unwrap();
    let theirs = cache.join("someone-elses.tmp");
    std::fs::write(&theirs, "x").unwrap();
    assert_check_is_right(&check(&sandbox));
    assert!(!left.exists(), "an abandoned temporary is removed");
    assert!(
        std::fs::symlink_metadata(&linked).is_ok(),
        "a link is never removed"
    );
    assert!(theirs.exists(), "a file of another name is never removed");
}

#[test]
fn state_files_and_folders_are_owner_only() {
    let sandbox = Sandbox::new();
    assert_check_is_right(&check(&sandbox));
    assert_find_is_right(&find(&sandbox));
    let index = sandbox.state().join("index");
    let generation = current_generation(&index);
    for dir in [sandbox.state(), index.clone(), generation.clone()] {
        assert_eq!(mode(&dir), 0o700, "{}", dir.display());
    }
    for file in [
        sandbox.state().join("cache/notes.bin"),
        index.join("CURRENT"),
        index.join("lock"),
        generation.join("vaultnet-manifest.bin"),
    ] {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
}

#[test]
fn flipped_bytes_in_the_index_never_crash_find() {
    let sandbox = Sandbox::new();
    assert_find_is_right(&find(&sandbox));
    let generation = current_generation(&sandbox.state().join("index"));
    let mut files: Vec<PathBuf> = walk(&generation)
        .into_iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            !name.starts_with('.') && !name.ends_with(".json")
        })
        .collect();
    files.sort();
    // A byte flipped at a few places of every segment file: each run
    // answers right (rebuilding as needed), never panics.
    for file in files {
        let generation = current_generation(&sandbox.state().join("index"));
        let Ok(mut bytes) = std::fs::read(generation.join(file.file_name().unwrap())) else {
            continue;
        };
        if bytes.is_empty() {
            continue;
        }
        for at in [0, bytes.len() / 2, bytes.len() - 1] {
            bytes[at] ^= 0xff;
        }
        std::fs::write(generation.join(file.file_name().unwrap()), &bytes).unwrap();
        assert_find_is_right(&find(&sandbox));
    }
}

#[test]
fn queries_too_deep_or_too_long_are_errors_not_crashes() {
    let sandbox = Sandbox::new();
    let nots = "NOT ".repeat(1000) + "sailing";
    let parens = "(".repeat(10_000) + "sailing" + &")".repeat(10_000);
    let nested = "(".repeat(1000) + "sailing" + &")".repeat(1000);
    for query in [nots, parens, nested] {
        let output = sandbox.run_clean(&["find", &query]);
        assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains("64 deep") || stderr.contains("bytes long"),
            "{stderr}"
        );
    }
}

#[test]
fn parallel_finds_wait_for_a_first_build_that_makes_progress() {
    let sandbox = Sandbox::new();
    for i in 0..3000 {
        write(
            &sandbox.root,
            &format!("Notes/Note {i:04}.md"),
            format!(
                "# Note {i}\n\nA paragraph about nothing much, number {i}.\n\nMore words here.\n"
            ),
        );
    }
    // Waiters give up after 1.5 s without a sign of life from the
    // holder: the build takes longer, but beats.
    let children: Vec<_> = (0..6)
        .map(|_| {
            let mut command = Command::new(env!("CARGO_BIN_EXE_vaultnet"));
            command
                .args(["find", "sailing", "--format", "json"])
                .arg(&sandbox.root)
                .env("VAULTNET_TODAY", TODAY)
                .env("XDG_CACHE_HOME", &sandbox.cache)
                .env("VAULTNET_LOCK_WAIT_MS", "1500");
            std::thread::spawn(move || run_watched(command))
        })
        .collect();
    for child in children {
        let output = child.join().unwrap();
        assert_find_is_right(&output);
    }
}

#[test]
fn names_that_are_not_utf8_are_shown_without_loss_and_searched_with_snippets() {
    use std::os::unix::ffi::OsStrExt;
    let sandbox = Sandbox::new();
    let name = std::ffi::OsStr::from_bytes(b"Jos\xe9 Perez.md");
    std::fs::write(
        sandbox.root.join("People").join(name),
        "---\nname: Jose Perez\ncadence: 30d\n---\n## Log\n\
         - 2026-01-05: kayaking on the river [by:: me]\n\
         - 2026-02-05: he sent photos [by:: them]\n",
    )
    .unwrap();
    let output = check(&sandbox);
    let found = findings(&output);
    assert!(
        found.contains(&(
            "People/Jos\\xE9 Perez.md".to_string(),
            "stale-relationship".to_string()
        )),
        "{found:?}"
    );
    // `check --format full` shows the note's lines too.
    let full = sandbox.run_clean(&["check", "--format", "full"]);
    assert!(
        text(&full.stdout).contains("he sent photos"),
        "{}",
        text(&full.stdout)
    );
    let output = sandbox.run_clean(&["find", "kayaking", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let hits = json(&output);
    assert_eq!(hits[0]["path"], "People/Jos\\xE9 Perez.md");
    assert!(
        hits[0]["snippet"].as_str().unwrap().contains("kayaking"),
        "{hits}"
    );
}

#[test]
fn an_index_shipped_with_the_vault_is_rebuilt_not_trusted() {
    // Someone builds an index of their copy of the vault, plants a
    // document in it, and ships `.vaultnet/` with the vault, its
    // manifest rewritten for the path the victim will clone to.
    let theirs = Sandbox::new();
    assert_find_is_right(&find(&theirs));
    let generation = current_generation(&theirs.state().join("index"));
    let index = tantivy::Index::open_in_dir(&generation).unwrap();
    vaultnet::search::schema::register_analyzer(&index);
    let schema = index.schema();
    let field = |name: &str| schema.get_field(name).unwrap();
    let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
    let mut doc = tantivy::TantivyDocument::default();
    doc.add_text(field("path"), "People/Stale Steve.md");
    doc.add_text(field("text"), "sailing");
    doc.add_u64(field("kind"), 2);
    doc.add_text(field("lines"), "1-1");
    writer.add_document(doc).unwrap();
    writer.commit().unwrap();
    drop(writer);

    let ours = Sandbox::new();
    let copy = Command::new("cp")
        .arg("-a")
        .arg(theirs.state())
        .arg(&ours.root)
        .status()
        .unwrap();
    assert!(copy.success());
    let ours_generation = current_generation(&ours.state().join("index"));
    let path = ours_generation.join("vaultnet-manifest.bin");
    let mut manifest = vaultnet::search::manifest::Manifest::read(&path).unwrap();
    manifest.root = std::fs::canonicalize(&ours.root)
        .unwrap()
        .display()
        .to_string();
    manifest.write(&path).unwrap();
    // Another user's key marks their generations, not ours.
    let output = ours.run_clean(&["index", "--format", "json"]);
    let report = json(&output);
    assert_eq!(report["rebuilt"], true, "{report}");
    assert!(
        report["reason"]
            .as_str()
            .unwrap()
            .contains("not built here"),
        "{report}"
    );
    assert_find_is_right(&find(&ours));
}

#[test]
fn the_first_line_of_a_person_note_without_front_matter_or_title_is_searched() {
    let sandbox = Sandbox::new();
    write(
        &sandbox.root,
        "People/Bob.md",
        "Loves kayaking and sourdough.\n\n## Log\n- 2026-11-01: lunch [by:: me]\n",
    );
    let output = sandbox.run_clean(&["find", "kayaking", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let hits = json(&output);
    assert_eq!(hits[0]["path"], "People/Bob.md");
    assert!(
        hits[0]["snippet"].as_str().unwrap().contains("kayaking"),
        "{hits}"
    );
}
