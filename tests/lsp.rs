//! `vaultnet lsp` driven over a pipe with real JSON-RPC messages, the
//! way an editor drives it: initialize, didOpen, didChange, hover,
//! completion, definition, codeAction, shutdown and exit. The vault is
//! `tests/fixtures/lsp`, copied to a temporary folder (the server keeps
//! its cache of parsed notes under `.vaultnet/` there).

// JSON values are built in place at each call; taking them by value reads best.
#![allow(clippy::needless_pass_by_value)]

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const TODAY: &str = "2026-03-01";

/// A minimal LSP client: frames messages, reads them on a thread.
struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Messages read while waiting for something else.
    seen: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start(root: &Path, envs: &[(&str, &str)]) -> Client {
        Client::start_on(root, envs, TODAY)
    }

    fn start_on(root: &Path, envs: &[(&str, &str)], today: &str) -> Client {
        let mut command = Command::new(env!("CARGO_BIN_EXE_vaultnet"));
        command
            .arg("lsp")
            .env_remove("VAULTNET_TODAY")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        for (k, v) in envs {
            command.env(k, v);
        }
        let mut child = command.spawn().expect("vaultnet lsp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            incoming,
            seen: Vec::new(),
            next_id: 0,
        };
        let init = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": url(root),
                "capabilities": {},
                "initializationOptions": {"today": today},
            }),
        );
        assert_eq!(init["result"]["serverInfo"]["name"], "vaultnet");
        assert_eq!(
            init["result"]["capabilities"]["definitionProvider"],
            json!(true)
        );
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, message: &Value) {
        let body = serde_json::to_string(message).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m["id"] == json!(id) && m.get("method").is_none())
    }

    /// The first message (seen before or arriving within 20 s) that
    /// `matches`; the messages before it stay for later waits.
    fn wait(&mut self, matches: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.seen.iter().position(&matches) {
            return self.seen.remove(i);
        }
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .incoming
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no matching message; seen: {:#?}", self.seen));
            if matches(&message) {
                return message;
            }
            self.seen.push(message);
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let message = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    fn shutdown(mut self) {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "vaultnet lsp exits 0 after exit");
                return;
            }
            assert!(Instant::now() < deadline, "vaultnet lsp did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn url(path: &Path) -> String {
    let path = path.to_str().unwrap();
    let mut out = String::from("file://");
    for c in path.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '/' | '-' | '_' | '.' | '~' => out.push(c),
            c => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "%{b:02X}");
                }
            }
        }
    }
    out
}

/// The fixture vault copied into a fresh temporary folder.
fn vault() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("vault");
    copy(Path::new("tests/fixtures/lsp"), &root);
    (dir, root)
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// `check --format json` on the vault, as (path, line, code, message).
fn check(root: &Path) -> Vec<(String, u64, String, String)> {
    check_on(root, TODAY)
}

fn check_on(root: &Path, today: &str) -> Vec<(String, u64, String, String)> {
    let output = Command::new(env!("CARGO_BIN_EXE_vaultnet"))
        .args(["check", "--format", "json", "--no-cache", "--today", today])
        .arg(root)
        .output()
        .unwrap();
    let found: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    found
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                format!(
                    "{} ({})",
                    d["rule"].as_str().unwrap(),
                    d["code"].as_str().unwrap()
                ),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap()
}

/// The LSP diagnostics as (line 1-based, code, first line of message).
fn summary(diagnostics: &[Value]) -> Vec<(u64, String, String)> {
    diagnostics
        .iter()
        .map(|d| {
            (
                d["range"]["start"]["line"].as_u64().unwrap() + 1,
                d["code"].as_str().unwrap().to_string(),
                d["message"]
                    .as_str()
                    .unwrap()
                    .lines()
                    .next()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect()
}

fn of_note(check: &[(String, u64, String, String)], rel: &str) -> Vec<(u64, String, String)> {
    check
        .iter()
        .filter(|d| d.0 == rel)
        .map(|d| (d.1, d.2.clone(), d.3.clone()))
        .collect()
}

#[test]
fn diagnostics_match_check_and_follow_edits() {
    let (_dir, root) = vault();
    let expected = check(&root);
    let mut client = Client::start(&root, &[]);
    let priya = url(&root.join("People/Priya Raman.md"));
    client.open(&priya, &read(&root, "People/Priya Raman.md"));
    let found = client.diagnostics(&priya);
    assert_eq!(summary(&found), of_note(&expected, "People/Priya Raman.md"));
    assert!(!found.is_empty(), "Priya is out of touch on {TODAY}");
    let stale = &found[0];
    assert_eq!(stale["code"], "stale-relationship (VN101)");
    assert_eq!(stale["severity"], 2);
    assert_eq!(stale["source"], "vaultnet");
    assert_eq!(
        stale["codeDescription"]["href"],
        "https://docs.rs/vaultnet/latest/vaultnet/lint/rules/stale_relationship/index.html"
    );
    assert_eq!(stale["range"]["start"]["line"], 17);

    // A new mention in today's daily note is contact: Priya's note is
    // published again, no longer stale.
    let daily = url(&root.join("Daily/2026-02-27.md"));
    let text = read(&root, "Daily/2026-02-27.md");
    client.open(&daily, &text);
    assert_eq!(summary(&client.diagnostics(&daily)), vec![]);
    let lines = text.lines().count() as u64;
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": daily, "version": 2},
            "contentChanges": [{
                "range": {"start": {"line": lines, "character": 0}, "end": {"line": lines, "character": 0}},
                "text": "\nCoffee with [[Priya Raman]] about the studio open day. [by:: them]\n",
            }],
        }),
    );
    let after = client.diagnostics(&priya);
    let mut edited = text.clone();
    edited.push_str("\nCoffee with [[Priya Raman]] about the studio open day. [by:: them]\n");
    std::fs::write(root.join("Daily/2026-02-27.md"), &edited).unwrap();
    assert_eq!(
        summary(&after),
        of_note(&check(&root), "People/Priya Raman.md")
    );
    assert!(summary(&after)
        .iter()
        .all(|d| d.1 != "stale-relationship (VN101)"));
    client.shutdown();
}

#[test]
fn hover_completion_definition_and_code_actions() {
    let (_dir, root) = vault();
    let mut client = Client::start(&root, &[]);
    let daily = url(&root.join("Daily/2026-02-27.md"));
    let text = read(&root, "Daily/2026-02-27.md");
    client.open(&daily, &text);
    client.diagnostics(&daily);

    // Hover on the link to Tomás (line 7, inside `[[Tomás Oliveira]]`).
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": daily}, "position": {"line": 7, "character": 30}}),
    );
    assert_eq!(hover["result"]["contents"]["kind"], "markdown");
    assert_eq!(
        hover["result"]["contents"]["value"],
        "**Tomás Oliveira** — `People/Tomás Oliveira.md`\n\n\
         - last contact: 2026-02-27 (2 days ago)\n\
         - cadence: every 60 days (cadence) — due in 58 days\n\
         - interests: cycling\n\
         - last conversation: 2026-02-27 — Rode out to the coast with Tomás Oliveira, he is training for the Porto ride.\n\
         - next time: ask about cycling\n"
    );

    // Hover on the participant slug in the front matter.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": daily}, "position": {"line": 1, "character": 11}}),
    );
    assert!(hover["result"]["contents"]["value"]
        .as_str()
        .unwrap()
        .starts_with("**Jo Park** — `People/Jo Park.md`\n"));

    // Go to definition on the link.
    let definition = client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": daily}, "position": {"line": 7, "character": 30}}),
    );
    assert_eq!(
        definition["result"]["uri"],
        url(&root.join("People/Tomás Oliveira.md"))
    );

    // Completion after `[[Pri`, and of `by::`.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": daily, "version": 2},
            "contentChanges": [{"text": format!("{text}\nLunch with [[Pri\n- by:: t\n")}],
        }),
    );
    let line = text.lines().count() as u64 + 1;
    let completion = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": daily}, "position": {"line": line, "character": 16}}),
    );
    let items = completion["result"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{items:#?}");
    assert_eq!(items[0]["label"], "Priya Raman");
    assert_eq!(
        items[0]["textEdit"],
        json!({
            "range": {"start": {"line": line, "character": 13}, "end": {"line": line, "character": 16}},
            "newText": "Priya Raman]]",
        })
    );
    let by = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": daily}, "position": {"line": line + 1, "character": 8}}),
    );
    let labels: Vec<&str> = by["result"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, vec!["them"]);

    // Code actions on Jo's misspelled `cadance`.
    let jo = url(&root.join("People/Jo Park.md"));
    client.open(&jo, &read(&root, "People/Jo Park.md"));
    let found = client.diagnostics(&jo);
    assert_eq!(found[0]["code"], "unknown-field (VN003)");
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": jo},
            "range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 0}},
            "context": {"diagnostics": []},
        }),
    );
    let actions = actions["result"].as_array().unwrap();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        vec![
            "Rename `cadance` to `cadence`",
            "Suppress unknown-field for this note",
            "Log an interaction today",
        ]
    );
    assert_eq!(
        actions[0]["edit"]["changes"][jo.as_str()],
        json!([{
            "range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 7}},
            "newText": "cadence",
        }])
    );
    assert_eq!(
        actions[1]["edit"]["changes"][jo.as_str()],
        json!([{
            "range": {"start": {"line": 4, "character": 0}, "end": {"line": 4, "character": 0}},
            "newText": "vaultnet:\n  ignore: [unknown-field]\n  until: 2026-03-31\n  reason: \"why it does not apply\"\n",
        }])
    );
    assert_eq!(
        actions[2]["edit"]["changes"][jo.as_str()],
        json!([{
            "range": {"start": {"line": 12, "character": 0}, "end": {"line": 12, "character": 0}},
            "newText": "- 2026-03-01: \n",
        }])
    );
    // The server wrote nothing.
    assert_eq!(
        read(&root, "People/Jo Park.md"),
        std::fs::read_to_string("tests/fixtures/lsp/People/Jo Park.md").unwrap()
    );
    client.shutdown();
}

#[test]
fn a_panic_in_a_handler_is_logged_and_the_server_goes_on() {
    let (_dir, root) = vault();
    let mut client = Client::start(&root, &[("VAULTNET_LSP_TEST_PANIC", "1")]);
    let response = client.request("vaultnet/panic", json!({}));
    assert_eq!(response["error"]["code"], -32603);
    let log = client.wait(|m| m["method"] == "window/logMessage");
    assert_eq!(log["params"]["type"], 1);
    assert!(log["params"]["message"]
        .as_str()
        .unwrap()
        .starts_with("vaultnet: internal error in vaultnet/panic"));
    let priya = url(&root.join("People/Priya Raman.md"));
    client.open(&priya, &read(&root, "People/Priya Raman.md"));
    assert!(!client.diagnostics(&priya).is_empty());
    client.shutdown();
}

#[test]
fn broken_and_vanished_notes_do_not_stop_the_server() {
    let (_dir, root) = vault();
    let mut client = Client::start(&root, &[]);
    let broken = url(&root.join("People/Broken.md"));
    client.open(&broken, "---\nname: [unclosed\n---\n\u{0}\u{1}");
    let found = client.diagnostics(&broken);
    assert!(!found.is_empty());
    // A note that is open but not on disk, then closed.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": broken}}),
    );
    assert_eq!(client.diagnostics(&broken), Vec::<Value>::new());
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": broken}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(hover["result"], Value::Null);
    client.shutdown();
}

/// The example vault, every note of it open, edited step by step — a
/// new journal mention, a mention taken away, a misspelt key, its fix, a
/// rename — and after each step the diagnostics last published for each
/// open note are exactly `check --format json` on the same text written
/// to disk. `VAULTNET_LSP_VERIFY` makes the server compare each partial
/// re-lint with a lint of the whole vault and log any difference.
#[test]
fn partial_relints_equal_check_after_each_edit() {
    const EXAMPLE_TODAY: &str = "2026-11-25";
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("vault");
    copy(Path::new("vault-example"), &root);
    let mut client = Client::start_on(
        &root,
        &[("VAULTNET_LSP_VERIFY", "1"), ("VAULTNET_LSP_TRACE", "1")],
        EXAMPLE_TODAY,
    );
    let notes: Vec<String> = [
        "Daily/2026-11-21.md",
        "Daily/2026-11-23.md",
        "Meetings/2026-11-16 Berlin data meetup.md",
        "People/Priya Raman.md",
        "People/Mei Chen.md",
        "People/Jonas Weber.md",
        "People/Nadia Karimi.md",
        "People/Sam Goldberg.md",
    ]
    .iter()
    .map(|s| (*s).to_string())
    .collect();
    let mut latest: std::collections::HashMap<String, Vec<Value>> =
        std::collections::HashMap::new();
    for rel in &notes {
        let uri = url(&root.join(rel));
        client.open(&uri, &read(&root, rel));
        latest.insert(uri.clone(), client.diagnostics(&uri));
    }
    let mut version = 1;
    let mut step = |client: &mut Client, rel: &str, text: &str, what: &str| {
        version += 1;
        let uri = url(&root.join(rel));
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": text}],
            }),
        );
        let v = version;
        let published = client.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri.as_str()
                && m["params"]["version"] == json!(v)
        });
        latest.insert(
            uri.clone(),
            published["params"]["diagnostics"]
                .as_array()
                .unwrap()
                .clone(),
        );
        // Answered after every publish of that analysis.
        client.request("shutdown-probe", json!({}));
        for m in std::mem::take(&mut client.seen) {
            if m["method"] == "textDocument/publishDiagnostics" {
                let uri = m["params"]["uri"].as_str().unwrap().to_string();
                latest.insert(uri, m["params"]["diagnostics"].as_array().unwrap().clone());
            } else if m["method"] == "window/logMessage" {
                let message = m["params"]["message"].as_str().unwrap();
                assert!(!message.contains("internal error"), "{what}: {message}");
            }
        }
        std::fs::write(root.join(rel), text).unwrap();
        let expected = check_on(&root, EXAMPLE_TODAY);
        for rel in &notes {
            let uri = url(&root.join(rel));
            assert_eq!(
                summary(&latest[&uri]),
                of_note(&expected, rel),
                "{what}: {rel}"
            );
        }
    };

    let daily = "Daily/2026-11-23.md";
    let original = read(&root, daily);
    let mentioned = format!(
        "{original}\nLunch with [[Priya Raman]] and [[Mei Chen]], talked about the studio.\n"
    );
    step(&mut client, daily, &mentioned, "a new journal mention");
    step(&mut client, daily, &original, "the mention taken away");
    let mei = "People/Mei Chen.md";
    let mei_text = read(&root, mei);
    let typo = mei_text.replacen("\nlocation:", "\nlocaton:", 1);
    assert_ne!(typo, mei_text, "Mei's note has a location");
    step(&mut client, mei, &typo, "a misspelt key");
    step(&mut client, mei, &mei_text, "the key fixed");
    let near = format!("{original}\nCall with [[Priya Rman]].\n");
    step(&mut client, daily, &near, "a near-miss link");
    // A link that names no one but nearly names Priya (`unknown-person`),
    // then Mei's by a slug she is given, then no one's again when the
    // slug goes: the journal's finding comes and goes with it.
    let slugged = format!("{original}\nCall with [[Priya Ramn]].\n");
    step(&mut client, daily, &slugged, "a link naming no one");
    let mei_slug = mei_text.replacen("name: Mei Chen", "name: Mei Chen\nslug: priya-ramn", 1);
    assert_ne!(mei_slug, mei_text, "Mei's note has a name");
    step(&mut client, mei, &mei_slug, "a slug that link names");
    step(&mut client, mei, &mei_text, "the slug taken away");
    step(&mut client, daily, &original, "the link taken away");
    let renamed = mei_text.replacen("name: Mei Chen", "name: Mei Chen-Li", 1);
    step(&mut client, mei, &renamed, "a person renamed");
    step(&mut client, mei, &mei_text, "the name back");
    client.shutdown();
}
