//! `mtlint server`: a Language Server Protocol server over standard input and output, for
//! editors. Documents are linted as `mtlint check` lints files (the configuration found from the
//! file's folder upwards, the format from the language or the extension), on open and, debounced,
//! on change; each fix is a quick fix, all safe fixes one source action, and a finding's hover is
//! its lint's explanation. Messages are read and written with `lsp-server`'s framing, on a
//! thread of our own so that a malformed message is answered and skipped, not the end.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{self as lsp, Url};
use serde_json::{Value, json};

use crate::config::{self, Config, ConfigError, Configs};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Level};
use crate::formats::Format;
use crate::pipeline::Profile;
use crate::source::Source;
use crate::{Linter, fix};

/// A change is linted once the typing pauses this long; the latest version wins.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// What the reading threads hand the server.
enum Incoming {
    Message(Message),
    /// A message that is not JSON-RPC: answered with a parse error, then skipped.
    Malformed(String),
    /// Standard input ended, or the client's process is gone.
    Closed,
}

/// Runs the server until `exit` (or the client is gone). The exit code: 0 after `shutdown`, 1
/// otherwise, as the specification asks.
pub fn run() -> u8 {
    let (sender, incoming) = mpsc::channel();
    let reader = sender.clone();
    std::thread::spawn(move || {
        let stdin = io::stdin();
        let mut input = stdin.lock();
        loop {
            let next = match Message::read(&mut input) {
                Ok(Some(message)) => Incoming::Message(message),
                Ok(None) => Incoming::Closed,
                // The framing was read whole: the next message can still be read.
                Err(error) if error.kind() == io::ErrorKind::InvalidData => Incoming::Malformed(error.to_string()),
                Err(_) => Incoming::Closed,
            };
            let closed = matches!(next, Incoming::Closed);
            if reader.send(next).is_err() || closed {
                return;
            }
        }
    });
    let mut server = Server::new(sender);
    server.serve(incoming)
}

/// How positions count characters: UTF-16 code units (the protocol's default) or bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Utf16,
    Utf8,
}

struct Document {
    version: i32,
    text: String,
    language: String,
    /// The findings of the version they were made on, and its text as linted.
    findings: Option<Linted>,
}

struct Linted {
    version: i32,
    source: Source,
    diagnostics: Vec<Diagnostic>,
    /// What linted it, for the fixes.
    linter: Linter,
    format: Format,
}

struct Server {
    /// To watch the client's process from another thread.
    sender: mpsc::Sender<Incoming>,
    out: io::Stdout,
    encoding: Encoding,
    root: PathBuf,
    configs: Configs,
    /// Levels from `initializationOptions.levels`, over every configuration's.
    overrides: Vec<(Level, String)>,
    documents: HashMap<Url, Document>,
    /// Documents to lint, and when.
    due: HashMap<Url, Instant>,
    /// Configuration files shown with an error.
    broken_configs: HashSet<Url>,
    initialized: bool,
    shut_down: bool,
    next_request: i32,
}

impl Server {
    fn new(sender: mpsc::Sender<Incoming>) -> Self {
        let root = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
        Server {
            sender,
            out: io::stdout(),
            encoding: Encoding::Utf16,
            configs: Configs::discovered(root.clone()),
            root,
            overrides: Vec::new(),
            documents: HashMap::new(),
            due: HashMap::new(),
            broken_configs: HashSet::new(),
            initialized: false,
            shut_down: false,
            next_request: 0,
        }
    }

    fn serve(&mut self, incoming: mpsc::Receiver<Incoming>) -> u8 {
        loop {
            let next = match self.due.values().min() {
                Some(&when) => incoming.recv_timeout(when.saturating_duration_since(Instant::now())),
                None => incoming.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            match next {
                Ok(Incoming::Message(Message::Request(request))) => self.request(request),
                Ok(Incoming::Message(Message::Notification(notification))) => {
                    if notification.method == "exit" {
                        return u8::from(!self.shut_down);
                    }
                    self.notification(notification);
                }
                // Answers to our requests (registering the file watcher): nothing to do.
                Ok(Incoming::Message(Message::Response(_))) => {}
                Ok(Incoming::Malformed(error)) => {
                    eprintln!("mtlint server: {error}");
                    // Its id cannot be read: JSON-RPC answers such a message with a null id.
                    let answer = json!({
                        "jsonrpc": "2.0",
                        "id": null,
                        "error": { "code": ErrorCode::ParseError as i32, "message": "a message that is not JSON-RPC was skipped" },
                    })
                    .to_string();
                    let mut out = self.out.lock();
                    let _ = write!(out, "Content-Length: {}\r\n\r\n{answer}", answer.len()).and_then(|()| out.flush());
                }
                Ok(Incoming::Closed) | Err(RecvTimeoutError::Disconnected) => return 1,
                Err(RecvTimeoutError::Timeout) => {}
            }
            let now = Instant::now();
            let ready: Vec<Url> = self
                .due
                .iter()
                .filter(|&(_, &when)| when <= now)
                .map(|(url, _)| url.clone())
                .collect();
            for url in ready {
                self.due.remove(&url);
                self.publish(&url);
            }
        }
    }

    fn send(&mut self, message: Message) {
        let mut out = self.out.lock();
        // The client is gone if this fails: the read side will end the loop.
        let _ = message.write(&mut out).and_then(|()| out.flush());
    }

    fn notify(&mut self, method: &str, params: impl serde::Serialize) {
        self.send(Message::Notification(Notification::new(method.to_owned(), params)));
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        let answer = if request.method == "initialize" {
            self.initialize(request.params)
        } else if !self.initialized {
            Err((ErrorCode::ServerNotInitialized, "initialize first".to_owned()))
        } else if self.shut_down {
            Err((ErrorCode::InvalidRequest, "the server is shut down".to_owned()))
        } else {
            match request.method.as_str() {
                "shutdown" => {
                    self.shut_down = true;
                    Ok(Value::Null)
                }
                "textDocument/codeAction" => parse(request.params).map(|params| self.code_actions(params)),
                "textDocument/hover" => parse(request.params).map(|params| self.hover(params)),
                method => Err((ErrorCode::MethodNotFound, format!("mtlint does not answer `{method}`"))),
            }
        };
        let response = match answer {
            Ok(result) => Response::new_ok(id, result),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(Message::Response(response));
    }

    fn initialize(&mut self, params: Value) -> Result<Value, (ErrorCode, String)> {
        let params: lsp::InitializeParams = parse(params)?;
        let utf8 = params
            .capabilities
            .general
            .as_ref()
            .and_then(|general| general.position_encodings.as_ref())
            .is_some_and(|encodings| encodings.contains(&lsp::PositionEncodingKind::UTF8));
        self.encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
        #[allow(deprecated)] // `root_uri` is what older clients send
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|folders| folders.first())
            .map(|folder| folder.uri.clone())
            .or(params.root_uri.clone())
            .and_then(|uri| uri.to_file_path().ok());
        if let Some(root) = root {
            self.root = root;
        }
        self.configs = Configs::discovered(self.root.clone());
        if let Some(levels) = params
            .initialization_options
            .as_ref()
            .and_then(|options| options.get("levels"))
            .and_then(Value::as_object)
        {
            for (name, level) in levels {
                match level.as_str().and_then(Level::parse) {
                    Some(level) => self.overrides.push((level, name.clone())),
                    None => {
                        return Err((
                            ErrorCode::InvalidParams,
                            format!("initializationOptions.levels.{name}: `allow`, `warn` or `deny`, not {level}"),
                        ));
                    }
                }
            }
        }
        if let Some(pid) = params.process_id {
            watch_client(pid, self.sender.clone());
        }
        self.initialized = true;
        let capabilities = lsp::ServerCapabilities {
            position_encoding: Some(match self.encoding {
                Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
                Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
            }),
            text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                ..lsp::TextDocumentSyncOptions::default()
            })),
            code_action_provider: Some(lsp::CodeActionProviderCapability::Options(lsp::CodeActionOptions {
                code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX, fix_all_kind()]),
                ..lsp::CodeActionOptions::default()
            })),
            hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
            ..lsp::ServerCapabilities::default()
        };
        Ok(json!({
            "capabilities": capabilities,
            "serverInfo": { "name": "mtlint", "version": env!("CARGO_PKG_VERSION") },
        }))
    }

    fn notification(&mut self, notification: Notification) {
        if !self.initialized {
            return;
        }
        match notification.method.as_str() {
            "initialized" => self.watch_configs(),
            "textDocument/didOpen" => {
                let Ok(params) = parse::<lsp::DidOpenTextDocumentParams>(notification.params) else {
                    return;
                };
                let document = params.text_document;
                self.documents.insert(
                    document.uri.clone(),
                    Document {
                        version: document.version,
                        text: document.text,
                        language: document.language_id,
                        findings: None,
                    },
                );
                self.due.insert(document.uri, Instant::now());
            }
            "textDocument/didChange" => {
                let Ok(params) = parse::<lsp::DidChangeTextDocumentParams>(notification.params) else {
                    return;
                };
                let encoding = self.encoding;
                let Some(document) = self.documents.get_mut(&params.text_document.uri) else {
                    return;
                };
                for change in params.content_changes {
                    match change.range {
                        Some(range) => {
                            let source = Source::new(String::new(), std::mem::take(&mut document.text));
                            let start = offset(&source, range.start, encoding);
                            let end = offset(&source, range.end, encoding).max(start);
                            document.text = source.into_text();
                            document.text.replace_range(start..end, &change.text);
                        }
                        None => document.text = change.text,
                    }
                }
                document.version = params.text_document.version;
                self.due.insert(params.text_document.uri, Instant::now() + DEBOUNCE);
            }
            "textDocument/didClose" => {
                let Ok(params) = parse::<lsp::DidCloseTextDocumentParams>(notification.params) else {
                    return;
                };
                let url = params.text_document.uri;
                self.documents.remove(&url);
                self.due.remove(&url);
                self.publish_findings(url, Vec::new(), None);
            }
            "textDocument/didSave" => {
                let Ok(params) = parse::<lsp::DidSaveTextDocumentParams>(notification.params) else {
                    return;
                };
                if is_config(&params.text_document.uri) {
                    self.reload_configs();
                }
            }
            "workspace/didChangeWatchedFiles" => {
                let Ok(params) = parse::<lsp::DidChangeWatchedFilesParams>(notification.params) else {
                    return;
                };
                if params.changes.iter().any(|change| is_config(&change.uri)) {
                    self.reload_configs();
                }
            }
            // `$/cancelRequest` among them: every request is answered before the next is read.
            _ => {}
        }
    }

    /// Asks the client to say when a configuration file changes.
    fn watch_configs(&mut self) {
        let watchers: Vec<lsp::FileSystemWatcher> = config::FILE_NAMES
            .iter()
            .map(|name| lsp::FileSystemWatcher {
                glob_pattern: lsp::GlobPattern::String(format!("**/{name}")),
                kind: None,
            })
            .collect();
        let registration = lsp::Registration {
            id: "mtlint-configuration".to_owned(),
            method: "workspace/didChangeWatchedFiles".to_owned(),
            register_options: Some(json!(lsp::DidChangeWatchedFilesRegistrationOptions { watchers })),
        };
        self.next_request += 1;
        let id = RequestId::from(format!("mtlint-{}", self.next_request));
        let params = lsp::RegistrationParams {
            registrations: vec![registration],
        };
        self.send(Message::Request(Request::new(
            id,
            "client/registerCapability".to_owned(),
            params,
        )));
    }

    fn reload_configs(&mut self) {
        self.configs = Configs::discovered(self.root.clone());
        for url in std::mem::take(&mut self.broken_configs) {
            self.publish_findings(url, Vec::new(), None);
        }
        let now = Instant::now();
        for (url, document) in &mut self.documents {
            document.findings = None;
            self.due.insert(url.clone(), now);
        }
    }

    /// The linter and format for a document: its configuration (a broken one is shown on its
    /// file, and the built-in defaults used meanwhile), its format by language or extension.
    fn linter_for(&mut self, url: &Url, language: &str) -> (Linter, Format, PathBuf) {
        let path = url
            .to_file_path()
            .unwrap_or_else(|()| self.root.join(url.path().trim_start_matches('/')));
        let config = match self.configs.index_for(&path, false) {
            Ok(index) => self.configs.loaded()[index].clone(),
            Err(error) => {
                self.show_config_error(&error);
                std::sync::Arc::new(Config::builtin(self.root.clone()))
            }
        };
        let cli_levels = match config::cli_levels(&config.ruleset, &self.overrides) {
            Ok(levels) => levels,
            Err(error) => {
                eprintln!("mtlint server: initializationOptions: {error}");
                config::LevelSettings::default()
            }
        };
        let mut linter = Profile { config, cli_levels }.linter(Some(&path), None);
        if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pot")) {
            // A template is untranslated by design, as on the command line.
            if let Some(index) = linter.ruleset().index_of("untranslated-segment") {
                let mut levels = linter.levels().to_vec();
                levels[index] = Level::Allow;
                linter = linter.with_levels(levels);
            }
        }
        let format = format_of(language, &path);
        (linter, format, path)
    }

    fn show_config_error(&mut self, error: &ConfigError) {
        let Some((file, text)) = error.place.as_deref().and_then(|place| place.file.as_ref()) else {
            eprintln!("mtlint server: {error}");
            return;
        };
        let Ok(url) = Url::from_file_path(std::path::absolute(file).unwrap_or_else(|_| file.clone())) else {
            return;
        };
        let span = error.place.as_deref().map_or(0..0, |place| place.span.clone());
        let source = Source::new(file.display().to_string(), text.clone());
        let diagnostic = lsp::Diagnostic {
            range: range_of(
                &source,
                span.start.min(text.len())..span.end.min(text.len()),
                self.encoding,
            ),
            severity: Some(lsp::DiagnosticSeverity::ERROR),
            source: Some("mtlint".to_owned()),
            message: format!("{error}"),
            ..lsp::Diagnostic::default()
        };
        self.broken_configs.insert(url.clone());
        self.publish_findings(url, vec![diagnostic], None);
    }

    /// The document's findings on its current version, made if they are not.
    fn findings(&mut self, url: &Url) -> Option<&Linted> {
        let (version, language) = {
            let document = self.documents.get(url)?;
            if document
                .findings
                .as_ref()
                .is_some_and(|linted| linted.version == document.version)
            {
                return self.documents.get(url)?.findings.as_ref();
            }
            (document.version, document.language.clone())
        };
        let (linter, format, path) = self.linter_for(url, &language);
        let document = self.documents.get_mut(url)?;
        let source = Source::new(path.display().to_string(), document.text.clone());
        let diagnostics = match crate::formats::malformed(format, source.text()) {
            // Not linted, as on the command line: the error at its place.
            Some(broken) => {
                let mut diagnostic = Diagnostic::new("mtlint", broken.offset..broken.offset, broken.message);
                diagnostic.level = Level::Deny;
                vec![diagnostic]
            }
            None => linter.check(&source, format),
        };
        document.findings = Some(Linted {
            version,
            source,
            diagnostics,
            linter,
            format,
        });
        document.findings.as_ref()
    }

    fn publish(&mut self, url: &Url) {
        let encoding = self.encoding;
        let Some(linted) = self.findings(url) else { return };
        let shown = linted
            .diagnostics
            .iter()
            .map(|d| to_lsp(d, url, &linted.source, encoding))
            .collect();
        let version = linted.version;
        self.publish_findings(url.clone(), shown, Some(version));
    }

    fn publish_findings(&mut self, uri: Url, diagnostics: Vec<lsp::Diagnostic>, version: Option<i32>) {
        let params = lsp::PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.notify("textDocument/publishDiagnostics", params);
    }

    fn code_actions(&mut self, params: lsp::CodeActionParams) -> Value {
        let url = params.text_document.uri;
        let encoding = self.encoding;
        let wants = |kind: &lsp::CodeActionKind| {
            params.context.only.as_ref().is_none_or(|only| {
                only.iter().any(|wanted| {
                    kind.as_str() == wanted.as_str() || kind.as_str().starts_with(&format!("{}.", wanted.as_str()))
                })
            })
        };
        let Some(linted) = self.findings(&url) else {
            return json!([]);
        };
        let (source, findings, format) = (&linted.source, &linted.diagnostics, linted.format);
        let text = source.text();
        let start = offset(source, params.range.start, encoding);
        let end = offset(source, params.range.end, encoding);
        let mut actions: Vec<lsp::CodeActionOrCommand> = Vec::new();
        if wants(&lsp::CodeActionKind::QUICKFIX) {
            for finding in findings {
                let span = finding.span();
                // A finding under the cursor or the selection.
                if span.start > end || span.end < start {
                    continue;
                }
                let shown = to_lsp(finding, &url, source, encoding);
                if let Some(fix) = &finding.fix {
                    let safe = fix.applicability() == Applicability::Safe;
                    let edits = fix
                        .edits()
                        .iter()
                        .map(|edit| text_edit(edit, source, encoding))
                        .collect();
                    actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                        title: format!(
                            "{}{}",
                            if safe { "" } else { "(unsafe) " },
                            match &finding.help {
                                Some(help) => format!("mtlint: {help}"),
                                None => format!("mtlint: fix `{}`", finding.lint),
                            }
                        ),
                        kind: Some(lsp::CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![shown.clone()]),
                        edit: Some(workspace_edit(&url, edits)),
                        is_preferred: Some(safe),
                        ..lsp::CodeAction::default()
                    }));
                }
                for (title, edit) in disable_edits(format, text, finding) {
                    actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                        title,
                        kind: Some(lsp::CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![shown.clone()]),
                        edit: Some(workspace_edit(&url, vec![text_edit(&edit, source, encoding)])),
                        ..lsp::CodeAction::default()
                    }));
                }
            }
        }
        if wants(&fix_all_kind()) {
            for (min, title) in [
                (Applicability::Safe, "mtlint: fix all safe problems in this file"),
                (
                    Applicability::Unsafe,
                    "mtlint: fix all problems in this file, unsafe fixes included",
                ),
            ] {
                let fixed = fix::fix(&linted.linter, source.path(), text.to_owned(), format, min);
                if fixed.text == text {
                    continue;
                }
                let whole = Edit::replace(0..text.len(), fixed.text);
                actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: title.to_owned(),
                    kind: Some(fix_all_kind()),
                    edit: Some(workspace_edit(&url, vec![text_edit(&whole, source, encoding)])),
                    ..lsp::CodeAction::default()
                }));
            }
        }
        json!(actions)
    }

    fn hover(&mut self, params: lsp::HoverParams) -> Value {
        let url = params.text_document_position_params.text_document.uri;
        let position = params.text_document_position_params.position;
        let encoding = self.encoding;
        let Some(linted) = self.findings(&url) else {
            return Value::Null;
        };
        let at = offset(&linted.source, position, encoding);
        let under: Vec<&Diagnostic> = linted
            .diagnostics
            .iter()
            .filter(|d| d.span().start <= at && at <= d.span().end)
            .collect();
        let Some(first) = under.first() else { return Value::Null };
        let mut shown = String::new();
        let mut seen = HashSet::new();
        for finding in &under {
            if !seen.insert(finding.lint) {
                continue;
            }
            if let Some(lint) = crate::registry::get(finding.lint) {
                shown.push_str(&format!(
                    "**mtlint `{}`** ({}): {}\n\n{}\n\n",
                    lint.name,
                    finding.level.severity(),
                    lint.spec.summary,
                    lint.spec.explain.trim_end()
                ));
            } else {
                shown.push_str(&format!("**mtlint `{}`**: {}\n\n", finding.lint, finding.message));
            }
        }
        json!(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: shown.trim_end().to_owned(),
            }),
            range: Some(range_of(&linted.source, first.span().range(), encoding)),
        })
    }
}

fn parse<T: serde::de::DeserializeOwned>(params: Value) -> Result<T, (ErrorCode, String)> {
    serde_json::from_value(params).map_err(|error| (ErrorCode::InvalidParams, error.to_string()))
}

fn fix_all_kind() -> lsp::CodeActionKind {
    lsp::CodeActionKind::new("source.fixAll.mtlint")
}

fn is_config(url: &Url) -> bool {
    url.path_segments()
        .and_then(|mut segments| segments.next_back())
        .is_some_and(|name| config::FILE_NAMES.contains(&name))
}

/// The format of a document: by its language id, else by its extension, else plain text.
fn format_of(language: &str, path: &Path) -> Format {
    let by_language = match language {
        "markdown" | "mdx" => Some(Format::Markdown),
        "html" => Some(Format::Html),
        "po" | "gettext" | "pot" => Some(Format::Po),
        "xliff" => Some(Format::Xliff),
        "srt" | "subrip" | "vtt" | "webvtt" => Some(Format::Subtitles),
        _ => None,
    };
    by_language.or_else(|| Format::from_path(path)).unwrap_or(Format::Plain)
}

/// The position of a byte offset: its line as `Source` counts lines (`\n`, `\r\n` or a lone `\r`,
/// as the protocol does), its character in the negotiated units.
fn position(source: &Source, at: usize, encoding: Encoding) -> lsp::Position {
    let line = source.line_of(at);
    let before = &source.text()[source.line_range(line).start..at];
    let character = match encoding {
        Encoding::Utf8 => before.len(),
        Encoding::Utf16 => before.encode_utf16().count(),
    };
    lsp::Position::new((line - 1) as u32, character as u32)
}

fn range_of(source: &Source, range: std::ops::Range<usize>, encoding: Encoding) -> lsp::Range {
    lsp::Range::new(
        position(source, range.start, encoding),
        position(source, range.end, encoding),
    )
}

/// The byte offset of a position; past a line's end is its end, past the text's end the end.
fn offset(source: &Source, position: lsp::Position, encoding: Encoding) -> usize {
    let text = source.text();
    let line = position.line as usize + 1;
    if line > source.line_of(text.len()) {
        return text.len();
    }
    let range = source.line_range(line);
    let mut counted = 0;
    for (i, c) in text[range.clone()].char_indices() {
        if counted >= position.character as usize {
            return range.start + i;
        }
        counted += match encoding {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        };
    }
    range.end
}

fn to_lsp(d: &Diagnostic, url: &Url, source: &Source, encoding: Encoding) -> lsp::Diagnostic {
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .map(|label| lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(url.clone(), range_of(source, label.span.range(), encoding)),
            message: label.message.as_deref().unwrap_or("related").to_owned(),
        })
        .collect();
    let message = match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    };
    lsp::Diagnostic {
        range: range_of(source, d.span().range(), encoding),
        severity: Some(match d.level {
            Level::Deny => lsp::DiagnosticSeverity::ERROR,
            _ => lsp::DiagnosticSeverity::WARNING,
        }),
        code: Some(lsp::NumberOrString::String(d.lint.to_owned())),
        source: Some("mtlint".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..lsp::Diagnostic::default()
    }
}

fn text_edit(edit: &Edit, source: &Source, encoding: Encoding) -> lsp::TextEdit {
    lsp::TextEdit::new(range_of(source, edit.span.range(), encoding), edit.replacement.clone())
}

fn workspace_edit(url: &Url, edits: Vec<lsp::TextEdit>) -> lsp::WorkspaceEdit {
    lsp::WorkspaceEdit {
        changes: Some(HashMap::from([(url.clone(), edits)])),
        ..lsp::WorkspaceEdit::default()
    }
}

/// "Disable this lint for this line / this file": a suppression comment where the format has
/// comments (Markdown and HTML before the line; PO at the head of the entry).
fn disable_edits(format: Format, text: &str, finding: &Diagnostic) -> Vec<(String, Edit)> {
    if finding.lint == "mtlint" || finding.lint == "unused-suppression" {
        return Vec::new();
    }
    let at = finding.span().start;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let lint = finding.lint;
    let (before_line, file_start, comment): (usize, usize, fn(&str) -> String) = match format {
        Format::Markdown | Format::Html => {
            // After front matter, which must stay first.
            let file_start = match text.strip_prefix("---\n") {
                Some(rest) => rest.find("\n---\n").map_or(0, |i| 4 + i + 5),
                None => 0,
            };
            let indent = text[line_start..].len() - text[line_start..].trim_start_matches([' ', '\t']).len();
            (line_start + indent, file_start, |directive| {
                format!("<!-- mtlint-{directive} -->\n")
            })
        }
        Format::Po => {
            // The entry's first line: after the blank line before it.
            let entry = text[..line_start]
                .trim_end_matches('\n')
                .rfind("\n\n")
                .map_or(0, |i| i + 2);
            (entry, 0, |directive| format!("# mtlint-{directive}\n"))
        }
        _ => return Vec::new(),
    };
    let mut line_comment = comment(&format!("disable-next-line {lint}"));
    if matches!(format, Format::Markdown | Format::Html) {
        // Indented as the line, so that it stays in its list item.
        line_comment.push_str(&text[line_start..before_line]);
    }
    vec![
        (
            format!("mtlint: disable `{lint}` for this line"),
            Edit::insert(before_line, line_comment),
        ),
        (
            format!("mtlint: disable `{lint}` for this file"),
            Edit::insert(file_start, comment(&format!("disable-file {lint}"))),
        ),
    ]
}

/// Ends the server when the client's process is gone (an editor killed without `exit`).
fn watch_client(pid: u32, sender: mpsc::Sender<Incoming>) {
    #[cfg(unix)]
    std::thread::spawn(move || {
        let Some(pid) = i32::try_from(pid).ok().and_then(rustix::process::Pid::from_raw) else {
            return;
        };
        loop {
            std::thread::sleep(Duration::from_secs(1));
            if let Err(error) = rustix::process::test_kill_process(pid)
                && error == rustix::io::Errno::SRCH
            {
                let _ = sender.send(Incoming::Closed);
                return;
            }
        }
    });
    #[cfg(not(unix))]
    let _ = (pid, sender);
}
