//! The README cannot drift: every command in it is run here, the way
//! trycmd runs console blocks (and ripgrep and clap test their docs).
//!
//! Each ```` ```console ```` block is a session: `$ COMMAND` lines, each
//! followed by the output it must print (stdout, then stderr), where a
//! `...` line stands for any number of lines and a final `? N` gives the
//! exit code (default 0). `vaultnet …` runs the binary built for the
//! tests; `cargo run --release -- …` is the same binary with those
//! arguments. Blocks of the "your own vault" section run in a copy of `tests/fixtures/readme-notes`, the small
//! vault the README's "your own vault" output comes from, with today
//! pinned to 2026-11-25; the others run from the repository root.
//!
//! Two commands are checked rather than run: `cargo test --locked` is
//! this very run, and `cargo install --locked --path .` needs the
//! package's binary target and its lock file, which are checked.
//!
//! A block marked ```` ```console,pending ```` shows a command that lands
//! with another branch (`init`, `agenda`); it is skipped while that
//! subcommand does not exist, and the test fails as soon as it does, so
//! the marker is removed and the block runs from then on.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const TODAY: &str = "2026-11-25";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One console block: its commands with their expected output.
struct Block {
    pending: bool,
    line: usize,
    steps: Vec<Step>,
}

struct Step {
    command: String,
    expected: Vec<String>,
    code: i32,
}

fn blocks(readme: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines = readme.lines().enumerate();
    while let Some((number, line)) = lines.next() {
        let Some(info) = line.strip_prefix("```") else {
            continue;
        };
        let words: Vec<&str> = info.split([',', ' ']).collect();
        let body: Vec<&str> = lines
            .by_ref()
            .map(|(_, l)| l)
            .take_while(|l| !l.starts_with("```"))
            .collect();
        if words.first() != Some(&"console") {
            continue;
        }
        let mut steps: Vec<Step> = Vec::new();
        for line in body {
            if let Some(command) = line.strip_prefix("$ ") {
                steps.push(Step {
                    command: command.to_string(),
                    expected: Vec::new(),
                    code: 0,
                });
            } else if let Some(code) = line.strip_prefix("? ") {
                steps.last_mut().expect("output after a command").code =
                    code.parse().expect("`? N` is an exit code");
            } else {
                let step = steps.last_mut().expect("a console block starts with `$ `");
                step.expected.push(line.to_string());
            }
        }
        blocks.push(Block {
            pending: words.contains(&"pending"),
            line: number + 1,
            steps,
        });
    }
    blocks
}

/// Shell words, with '…' and "…" quoting (all the README needs).
fn words(command: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut started = false;
    for c in command.chars() {
        match (quote, c) {
            (None, '\'' | '"') => {
                quote = Some(c);
                started = true;
            }
            (Some(q), c) if c == q => quote = None,
            (None, c) if c.is_whitespace() => {
                if started {
                    out.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            (_, c) => {
                word.push(c);
                started = true;
            }
        }
    }
    assert!(quote.is_none(), "unclosed quote in `{command}`");
    if started {
        out.push(word);
    }
    out
}

/// Whether `actual` matches `expected`, where `...` matches any lines.
fn matches(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first == "..." => {
            (0..=actual.len()).any(|skip| matches(rest, &actual[skip..]))
        }
        Some((first, rest)) => actual
            .split_first()
            .is_some_and(|(line, more)| line.trim_end() == first.trim_end() && matches(rest, more)),
    }
}

fn subcommands() -> Vec<String> {
    let output = Command::cargo_bin("vaultnet")
        .unwrap()
        .arg("help")
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            if entry.file_name() != ".vaultnet" {
                copy_dir(&entry.path(), &target);
            }
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn run(step: &Step, cwd: &Path) -> (Vec<String>, i32) {
    let mut args = words(&step.command);
    let program = args.remove(0);
    let args = match program.as_str() {
        "vaultnet" => args,
        "cargo" if args.starts_with(&["run".into(), "--release".into(), "--".into()]) => {
            args[3..].to_vec()
        }
        "cargo" => {
            match args.join(" ").as_str() {
                // This run.
                "test --locked" => {}
                "install --locked --path ." => {
                    let manifest = std::fs::read_to_string(repo().join("Cargo.toml")).unwrap();
                    assert!(manifest.contains("[[bin]]\nname = \"vaultnet\""));
                    assert!(repo().join("Cargo.lock").is_file());
                }
                other => panic!("README: `cargo {other}` is neither run nor checked here"),
            }
            return (Vec::new(), 0);
        }
        other => panic!("README: `{other}` is not a command this test knows"),
    };
    let output = Command::cargo_bin("vaultnet")
        .unwrap()
        .args(&args)
        .current_dir(cwd)
        .env("VAULTNET_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .env("VAULTNET_NO_CACHE", "1")
        .env_remove("VAULTNET_FORMAT")
        .env_remove("VAULTNET_INDEX_DIR")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (
        text.lines().map(str::to_string).collect(),
        output.status.code().unwrap_or(-1),
    )
}

#[test]
fn every_command_in_the_readme_runs_as_shown() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    // The lines of the "Your own vault" section: its blocks run in the
    // copy of the small vault, every other block from the repository.
    let start = readme
        .find("## Your own vault")
        .expect("the README has a \"Your own vault\" section");
    let end = readme[start + 3..]
        .find("\n## ")
        .map_or(readme.len(), |at| start + 3 + at);
    let own_vault = readme[..start].lines().count()..readme[..end].lines().count();
    let blocks = blocks(&readme);
    assert!(
        blocks.len() >= 5,
        "the README's console blocks were not found"
    );
    let available = subcommands();
    let vault = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/readme-notes"), vault.path());
    let mut ran = 0;
    for block in &blocks {
        let cwd = if own_vault.contains(&block.line) {
            vault.path().to_path_buf()
        } else {
            repo()
        };
        for step in &block.steps {
            if block.pending {
                let sub = words(&step.command).get(1).cloned().unwrap_or_default();
                assert!(
                    !available.contains(&sub),
                    "README line {}: `{sub}` exists now; drop `pending` from the block",
                    block.line
                );
                eprintln!(
                    "README line {}: `{}` is skipped until `vaultnet {sub}` is built",
                    block.line, step.command
                );
                continue;
            }
            let (actual, code) = run(step, &cwd);
            let actual: Vec<&str> = actual.iter().map(String::as_str).collect();
            assert!(
                matches(&step.expected, &actual),
                "README line {}: `{}` printed\n{}\n--- but the README shows\n{}",
                block.line,
                step.command,
                actual.join("\n"),
                step.expected.join("\n")
            );
            assert_eq!(
                code, step.code,
                "README line {}: `{}` exit code",
                block.line, step.command
            );
            ran += 1;
        }
    }
    assert!(ran >= 10, "only {ran} README commands ran");
}

#[test]
fn the_matcher_is_strict_but_for_ellipses() {
    let lines = |s: &[&str]| s.iter().map(|l| (*l).to_string()).collect::<Vec<_>>();
    assert!(matches(&lines(&["a", "...", "d"]), &["a", "b", "c", "d"]));
    assert!(matches(&lines(&["a", "..."]), &["a"]));
    assert!(!matches(&lines(&["a", "d"]), &["a", "b", "d"]));
    assert!(!matches(&lines(&["a"]), &["a", "b"]));
    assert_eq!(
        words(r#"find '"spring regatta" -porto' --person "Priya Raman" x"#),
        [
            "find",
            "\"spring regatta\" -porto",
            "--person",
            "Priya Raman",
            "x"
        ]
    );
}
