//! The server loop: capabilities, dispatch, debounced re-analysis.
//!
//! One thread owns all state and answers every request from what it
//! holds, so a request never waits for a read of the vault: vaults load
//! on threads of their own and join the state when ready (until then a
//! hover or completion in that vault is empty). Edits to an open note
//! are queued; when no edit has come for [`DEBOUNCE`], the queued notes
//! are re-read from their text, the vault is linted again, and the
//! notes whose findings changed are published. A panic in a handler is
//! caught, logged to the client with `window/logMessage`, answered with
//! an error, and the loop goes on.

use std::collections::{BTreeSet, HashMap};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use crossbeam_channel::{select, unbounded, Receiver, Sender};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, LogMessage, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, GotoDefinition, HoverRequest, RegisterCapability, Request as _,
};
use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidChangeWatchedFilesRegistrationOptions,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    FileSystemWatcher, GlobPattern, HoverProviderCapability, InitializeParams, LogMessageParams,
    MessageType, OneOf, PublishDiagnosticsParams, Registration, RegistrationParams, SaveOptions,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Url,
};
use serde_json::Value;

use super::document::{Document, Encoding};
use super::workspace::{find_root, Workspace};
use super::{code_action, completion, definition, diagnostics, hover};

/// How long edits to a note are gathered before it is re-read.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// How the server was started.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--config FILE`: one config for every vault.
    pub config: Option<PathBuf>,
    /// `--today` or `VAULTNET_TODAY`; `initializationOptions.today` wins.
    pub today: Option<NaiveDate>,
}

/// A vault read on its own thread.
type Loaded = (PathBuf, crate::error::Result<Workspace>);

struct Server<'a> {
    conn: &'a Connection,
    options: Options,
    today: Option<NaiveDate>,
    /// Vaults ready, by root.
    vaults: HashMap<PathBuf, Workspace>,
    /// Vaults being read.
    loading: BTreeSet<PathBuf>,
    /// Roots of the editor's workspace folders.
    folders: Vec<PathBuf>,
    docs: HashMap<Url, Document>,
    /// Open notes edited since they were last read, and when the last
    /// edit came.
    pending: BTreeSet<Url>,
    deadline: Option<Instant>,
    /// Vaults to lint again at the deadline (a file changed on disk).
    dirty: BTreeSet<PathBuf>,
    /// Whether the client watches files for us; else saves sweep.
    watching: bool,
    loaded_tx: Sender<Loaded>,
    loaded_rx: Receiver<Loaded>,
    next_request: i32,
    /// When the last analysis ran: typing is analysed at most once per
    /// [`DEBOUNCE`].
    last_flush: Option<Instant>,
    /// `VAULTNET_LSP_TRACE`: log what each analysis did and took.
    trace: bool,
}

/// Runs the server on `conn` until the client says `exit`.
pub fn run(conn: &Connection, options: Options) -> Result<(), Box<dyn std::error::Error>> {
    let (id, params) = conn.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let encoding = Encoding::negotiate(
        params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    );
    encoding.set();
    conn.initialize_finish(id, initialize_result(encoding))?;

    let today = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("today"))
        .and_then(Value::as_str)
        .and_then(|s| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok())
        .or(options.today);
    let (loaded_tx, loaded_rx) = unbounded();
    let mut server = Server {
        conn,
        options,
        today,
        vaults: HashMap::new(),
        loading: BTreeSet::new(),
        folders: folders(&params),
        docs: HashMap::new(),
        pending: BTreeSet::new(),
        deadline: None,
        dirty: BTreeSet::new(),
        watching: false,
        loaded_tx,
        loaded_rx,
        next_request: 0,
        last_flush: None,
        trace: std::env::var_os("VAULTNET_LSP_TRACE").is_some(),
    };
    let can_watch = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    if can_watch {
        server.register_watcher()?;
    }
    for folder in server.folders.clone() {
        let root = find_root(&folder).unwrap_or(folder);
        server.start_loading(root);
    }
    server.main_loop()
}

fn initialize_result(encoding: Encoding) -> Value {
    let capabilities = ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["[".into(), ":".into(), " ".into(), ",".into()]),
            ..CompletionOptions::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": ServerInfo {
            name: "vaultnet".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        },
    })
}

/// The folders the client opened: its workspace folders, else its root.
fn folders(params: &InitializeParams) -> Vec<PathBuf> {
    let from_folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().ok())
        .collect();
    if !from_folders.is_empty() {
        return from_folders;
    }
    #[allow(deprecated)] // Older clients send only `rootUri`.
    let root = params.root_uri.as_ref().and_then(|u| u.to_file_path().ok());
    root.into_iter().collect()
}

impl Server<'_> {
    fn main_loop(&mut self) -> Result<(), Box<dyn std::error::Error>> {
        loop {
            let timeout = self.deadline.map_or(Duration::from_secs(3600), |d| {
                d.saturating_duration_since(Instant::now())
            });
            select! {
                recv(self.conn.receiver) -> msg => {
                    let Ok(msg) = msg else { return Ok(()) };
                    match msg {
                        Message::Request(req) => {
                            if self.conn.handle_shutdown(&req)? {
                                return Ok(());
                            }
                            self.request(req);
                        }
                        Message::Notification(not) => {
                            if not.method == "exit" {
                                return Ok(());
                            }
                            self.guarded(&not.method.clone(), |s| s.notification(not));
                        }
                        Message::Response(_) => {}
                    }
                }
                recv(self.loaded_rx) -> loaded => {
                    if let Ok((root, result)) = loaded {
                        self.guarded("load", |s| s.loaded(root, result));
                    }
                }
                default(timeout) => {}
            }
            // Edits still queued behind this message join the analysis.
            let now = Instant::now();
            if self
                .deadline
                .is_some_and(|d| now >= d && (self.conn.receiver.is_empty() || now >= d + DEBOUNCE))
            {
                self.deadline = None;
                self.guarded("analysis", Server::flush);
            }
        }
    }

    /// Runs `work`, turning a panic into a log message for the client.
    fn guarded(&mut self, what: &str, work: impl FnOnce(&mut Self)) -> bool {
        match catch_unwind(AssertUnwindSafe(|| work(self))) {
            Ok(()) => true,
            Err(panic) => {
                let reason = panic_text(&*panic);
                self.log(
                    MessageType::ERROR,
                    format!(
                        "vaultnet: internal error in {what} (a bug, please report it): {reason}"
                    ),
                );
                false
            }
        }
    }

    fn request(&mut self, req: Request) {
        let id = req.id.clone();
        let method = req.method.clone();
        let mut result = None;
        let answered = self.guarded(&method, |s| result = Some(s.answer(req)));
        let response = match result {
            Some(Ok(value)) => Response::new_ok(id, value),
            Some(Err((code, message))) => Response::new_err(id, code as i32, message),
            None if answered => Response::new_ok(id, Value::Null),
            None => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                format!("vaultnet: internal error answering {method}"),
            ),
        };
        let _ = self.conn.sender.send(Message::Response(response));
    }

    fn answer(&mut self, req: Request) -> Result<Value, (ErrorCode, String)> {
        fn parse<T: serde::de::DeserializeOwned>(params: Value) -> Result<T, (ErrorCode, String)> {
            serde_json::from_value(params).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
        }
        let today = self.today();
        let json = |v: serde_json::Result<Value>| v.unwrap_or(Value::Null);
        match req.method.as_str() {
            HoverRequest::METHOD => {
                let p: lsp_types::HoverParams = parse(req.params)?;
                let doc = &p.text_document_position_params;
                let found = self.at(&doc.text_document.uri, false, |ws, rel, text| {
                    hover::hover(ws, rel, text, doc.position, today)
                });
                Ok(json(serde_json::to_value(found.flatten())))
            }
            Completion::METHOD => {
                let p: lsp_types::CompletionParams = parse(req.params)?;
                let doc = &p.text_document_position;
                let found = self.at(&doc.text_document.uri, false, |ws, _, text| {
                    completion::complete(ws, text, doc.position)
                });
                Ok(json(serde_json::to_value(found.flatten())))
            }
            GotoDefinition::METHOD => {
                let p: lsp_types::GotoDefinitionParams = parse(req.params)?;
                let doc = &p.text_document_position_params;
                let found = self.at(&doc.text_document.uri, false, |ws, _, text| {
                    definition::definition(ws, text, doc.position)
                });
                Ok(json(serde_json::to_value(found.flatten())))
            }
            CodeActionRequest::METHOD => {
                let p: lsp_types::CodeActionParams = parse(req.params)?;
                let uri = p.text_document.uri.clone();
                let found = self.at(&uri, true, |ws, rel, text| {
                    code_action::actions(ws, rel, &uri, text, p.range, today)
                });
                Ok(json(serde_json::to_value(found.unwrap_or_default())))
            }
            "vaultnet/panic" if std::env::var_os("VAULTNET_LSP_TEST_PANIC").is_some() => {
                panic!("a panic asked for by the test suite")
            }
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("vaultnet does not answer {}", req.method),
            )),
        }
    }

    /// Runs `f` with the vault, vault-relative path and current text of
    /// the note at `uri`, when it is a note of a loaded vault. The text
    /// is always the editor's latest; the vault is as last analysed,
    /// unless `fresh` (code actions, whose edits must match the findings
    /// of this very text): then an open note whose edits are still
    /// queued is analysed first — one note's analysis, never a read of
    /// the vault. Hover and completion never wait for an analysis.
    fn at<T>(
        &mut self,
        uri: &Url,
        fresh: bool,
        f: impl FnOnce(&Workspace, &str, &str) -> T,
    ) -> Option<T> {
        if fresh && self.pending.contains(uri) {
            self.deadline = None;
            self.flush();
        }
        let path = uri.to_file_path().ok()?;
        let (root, rel) = self.locate(&path)?;
        let ws = self.vaults.get(&root)?;
        let text = match self.docs.get(uri) {
            Some(doc) => doc.text.clone(),
            None => std::fs::read_to_string(&path).ok()?,
        };
        Some(f(ws, &rel, &text))
    }

    /// The loaded vault holding `path`, and the note's path in it.
    fn locate(&self, path: &Path) -> Option<(PathBuf, String)> {
        self.vaults
            .iter()
            .filter_map(|(root, ws)| Some((root, ws.relative(path)?)))
            // The innermost vault wins when one lies inside another.
            .max_by_key(|(root, _)| root.components().count())
            .map(|(root, rel)| (root.clone(), rel))
    }

    fn notification(&mut self, not: Notification) {
        match not.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(not.params) else {
                    return;
                };
                let uri = p.text_document.uri;
                self.docs.insert(
                    uri.clone(),
                    Document {
                        text: p.text_document.text,
                        version: p.text_document.version,
                    },
                );
                if let Ok(path) = uri.to_file_path() {
                    self.ensure_vault_for(&path);
                }
                self.pending.insert(uri);
                // Opening shows findings at once; only typing is debounced.
                self.deadline = Some(Instant::now());
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(not.params)
                else {
                    return;
                };
                let uri = p.text_document.uri;
                if let Some(doc) = self.docs.get_mut(&uri) {
                    doc.apply(p.content_changes, p.text_document.version);
                    self.pending.insert(uri);
                    self.deadline = Some(self.next_analysis());
                }
            }
            DidSaveTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(not.params) else {
                    return;
                };
                self.pending.insert(p.text_document.uri);
                if !self.watching {
                    let open: Vec<PathBuf> = self
                        .docs
                        .keys()
                        .filter_map(|u| u.to_file_path().ok())
                        .collect();
                    for ws in self.vaults.values_mut() {
                        let open_rels: Vec<String> =
                            open.iter().filter_map(|p| ws.relative(p)).collect();
                        if ws.sweep(&|rel| open_rels.iter().any(|o| o == rel)) {
                            self.dirty.insert(ws.root.clone());
                        }
                    }
                }
                self.deadline = Some(Instant::now());
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(not.params) else {
                    return;
                };
                let uri = p.text_document.uri;
                self.docs.remove(&uri);
                self.pending.remove(&uri);
                // The note on disk is the truth again; its findings are
                // the editor's to forget.
                if let Ok(path) = uri.to_file_path() {
                    if let Some((root, rel)) = self.locate(&path) {
                        if let Some(ws) = self.vaults.get_mut(&root) {
                            ws.reread(&rel);
                            self.dirty.insert(root);
                            self.deadline = Some(Instant::now());
                        }
                    }
                }
                self.publish(uri, Vec::new(), None);
            }
            DidChangeWatchedFiles::METHOD => {
                let Ok(p) = serde_json::from_value::<DidChangeWatchedFilesParams>(not.params)
                else {
                    return;
                };
                for change in p.changes {
                    if self.docs.contains_key(&change.uri) {
                        continue;
                    }
                    let Ok(path) = change.uri.to_file_path() else {
                        continue;
                    };
                    if let Some((root, rel)) = self.locate(&path) {
                        if let Some(ws) = self.vaults.get_mut(&root) {
                            ws.reread(&rel);
                            self.dirty.insert(root);
                        }
                    }
                }
                if !self.dirty.is_empty() {
                    self.deadline = Some(self.deadline.map_or(Instant::now() + DEBOUNCE, |d| {
                        d.min(Instant::now() + DEBOUNCE)
                    }));
                }
            }
            _ => {}
        }
    }

    /// Starts reading the vault of a note opened outside every loaded
    /// or loading vault.
    fn ensure_vault_for(&mut self, path: &Path) {
        if self.locate(path).is_some() {
            return;
        }
        let root = find_root(path)
            .or_else(|| {
                self.folders
                    .iter()
                    .filter(|f| path.starts_with(f))
                    .max_by_key(|f| f.components().count())
                    .cloned()
            })
            .or_else(|| path.parent().map(Path::to_path_buf));
        if let Some(root) = root {
            self.start_loading(root);
        }
    }

    fn start_loading(&mut self, root: PathBuf) {
        if self.vaults.contains_key(&root) || !self.loading.insert(root.clone()) {
            return;
        }
        let tx = self.loaded_tx.clone();
        let config = self.options.config.clone();
        std::thread::spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(|| {
                Workspace::load(&root, config.as_deref())
            }));
            let result = result.unwrap_or_else(|panic| {
                Err(crate::Error::Usage(format!(
                    "internal error reading the vault: {}",
                    panic_text(&*panic)
                )))
            });
            let _ = tx.send((root, result));
        });
    }

    fn loaded(&mut self, root: PathBuf, result: crate::error::Result<Workspace>) {
        self.loading.remove(&root);
        match result {
            Ok(ws) => {
                self.vaults.insert(root.clone(), ws);
                // Open notes of this vault: their text is the editor's.
                for uri in self.docs.keys() {
                    if let Ok(path) = uri.to_file_path() {
                        if path.starts_with(&root) {
                            self.pending.insert(uri.clone());
                        }
                    }
                }
                self.dirty.insert(root);
                self.deadline = Some(Instant::now());
            }
            Err(error) => self.log(
                MessageType::ERROR,
                format!(
                    "vaultnet: cannot read the vault {}: {error}",
                    root.display()
                ),
            ),
        }
    }

    /// Re-reads the queued notes from their text, lints the vaults they
    /// belong to, and publishes what changed.
    fn flush(&mut self) {
        self.last_flush = Some(Instant::now());
        let today = self.today();
        let mut touched: BTreeSet<PathBuf> = std::mem::take(&mut self.dirty);
        let edited = std::mem::take(&mut self.pending);
        for uri in &edited {
            let Some(doc) = self.docs.get(uri) else {
                continue;
            };
            let Ok(path) = uri.to_file_path() else {
                continue;
            };
            let Some((root, rel)) = self.locate(&path) else {
                continue;
            };
            if let Some(ws) = self.vaults.get_mut(&root) {
                ws.set_text(&rel, &doc.text);
                touched.insert(root);
            }
        }
        for root in touched {
            let Some(ws) = self.vaults.get_mut(&root) else {
                continue;
            };
            let started = Instant::now();
            let analysis = ws.analyze(today);
            if let Some(mismatch) = &analysis.mismatch {
                let message =
                    format!("vaultnet: internal error (a bug, please report it): {mismatch}");
                self.log(MessageType::ERROR, message);
            }
            if self.trace {
                let message = format!(
                    "vaultnet: linted {} {} in {:.1} ms; {} notes changed",
                    analysis.linted,
                    if analysis.whole {
                        "people (the whole vault)"
                    } else {
                        "people"
                    },
                    started.elapsed().as_secs_f64() * 1000.0,
                    analysis.changed.len()
                );
                self.log(MessageType::LOG, message);
            }
            let changed = analysis.changed;
            let Some(ws) = self.vaults.get(&root) else {
                continue;
            };
            // Open notes are published when their findings changed, and
            // each time they were (re)opened or loaded.
            let open: Vec<(Url, String)> = self
                .docs
                .keys()
                .filter_map(|uri| {
                    let rel = ws.relative(&uri.to_file_path().ok()?)?;
                    Some((uri.clone(), rel))
                })
                .collect();
            for (uri, rel) in open {
                if edited.contains(&uri) || changed.binary_search(&rel).is_ok() {
                    self.publish_note(&root, &uri, &rel);
                }
            }
        }
    }

    fn publish_note(&self, root: &Path, uri: &Url, rel: &str) {
        let Some(ws) = self.vaults.get(root) else {
            return;
        };
        let Some(doc) = self.docs.get(uri) else {
            return;
        };
        let url_of = |path: &str| Url::from_file_path(root.join(path)).ok();
        let other_text = |path: &str| {
            let url = url_of(path)?;
            match self.docs.get(&url) {
                Some(d) => Some(d.text.clone()),
                None => std::fs::read_to_string(root.join(path)).ok(),
            }
        };
        let found = ws
            .findings(rel)
            .iter()
            .map(|d| diagnostics::to_lsp(d, &doc.text, &url_of, &other_text))
            .collect();
        self.publish(uri.clone(), found, Some(doc.version));
    }

    fn publish(&self, uri: Url, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        let _ = self
            .conn
            .sender
            .send(Message::Notification(Notification::new(
                PublishDiagnostics::METHOD.to_string(),
                params,
            )));
    }

    fn log(&self, typ: MessageType, message: String) {
        let _ = self
            .conn
            .sender
            .send(Message::Notification(Notification::new(
                LogMessage::METHOD.to_string(),
                LogMessageParams { typ, message },
            )));
    }

    fn register_watcher(&mut self) -> Result<(), Box<dyn std::error::Error>> {
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String("**/*.md".into()),
                kind: None,
            }],
        };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "vaultnet-notes".into(),
                method: DidChangeWatchedFiles::METHOD.into(),
                register_options: Some(serde_json::to_value(options)?),
            }],
        };
        self.next_request += 1;
        let id = RequestId::from(format!("vaultnet-{}", self.next_request));
        self.conn.sender.send(Message::Request(Request::new(
            id,
            RegisterCapability::METHOD.into(),
            params,
        )))?;
        self.watching = true;
        Ok(())
    }

    /// When an edit that just came is analysed: once the messages already
    /// queued are read, when nothing was analysed in the last
    /// [`DEBOUNCE`] (the first keystroke after a pause shows at once);
    /// else [`DEBOUNCE`] after the last analysis, so that a burst of
    /// typing is analysed at most once per [`DEBOUNCE`], with all of it.
    fn next_analysis(&self) -> Instant {
        let now = Instant::now();
        let at = match self.last_flush {
            Some(last) if now < last + DEBOUNCE => last + DEBOUNCE,
            _ => now,
        };
        self.deadline.map_or(at, |d| d.min(at))
    }

    fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}
