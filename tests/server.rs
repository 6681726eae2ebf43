//! `mtlint server` driven as an editor drives it: the real binary, JSON-RPC on pipes.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_mtlint");

struct Client {
    child: Child,
    input: ChildStdin,
    messages: mpsc::Receiver<Value>,
    next_id: i64,
}

/// mtlint with `args` in `folder`, its standard input and output piped.
fn mtlint(folder: &Path, args: &[&str]) -> Child {
    Command::new(BIN)
        .args(args)
        .current_dir(folder)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("mtlint runs")
}

impl Client {
    fn start(root: &Path, options: Value) -> Client {
        Client::start_for(root, options, Value::Null)
    }

    /// A server for the editor whose process id is `editor`.
    fn start_for(root: &Path, options: Value, editor: Value) -> Client {
        let mut child = mtlint(root, &["server"]);
        let input = child.stdin.take().expect("piped");
        let mut output = BufReader::new(child.stdout.take().expect("piped"));
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || {
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if output.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(value) = line.strip_prefix("Content-Length: ") {
                        length = Some(value.parse::<usize>().expect("a length"));
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                output.read_exact(&mut body).expect("the whole body");
                if sender.send(serde_json::from_slice(&body).expect("JSON")).is_err() {
                    return;
                }
            }
        });
        let mut client = Client {
            child,
            input,
            messages,
            next_id: 0,
        };
        let root_uri = format!("file://{}", root.display());
        let answer = client.request(
            "initialize",
            json!({ "processId": editor, "rootUri": root_uri, "capabilities": {}, "initializationOptions": options }),
        );
        assert_eq!(answer["result"]["capabilities"]["positionEncoding"], "utf-16");
        client.notify("initialized", json!({}));
        client
    }

    fn send_raw(&mut self, body: &[u8]) {
        write!(self.input, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.input.write_all(body).unwrap();
        self.input.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        let message = json!({ "jsonrpc": "2.0", "method": method, "params": params });
        self.send_raw(message.to_string().as_bytes());
    }

    /// Sends a request and returns its answer (other messages on the way are dropped).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let message = json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params });
        self.send_raw(message.to_string().as_bytes());
        self.wait_for(|m| m["id"] == id && m.get("method").is_none())
    }

    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message = self
                .messages
                .recv_timeout(Duration::from_secs(30))
                .expect("the server answers within 30 s");
            if wanted(&message) {
                return message;
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        let uri = uri.to_owned();
        self.wait_for(move |m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)["params"]
            .clone()
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) -> Value {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": language, "version": 1, "text": text } }),
        );
        self.diagnostics(uri)
    }

    fn shutdown(mut self) {
        let answer = self.request("shutdown", Value::Null);
        assert_eq!(answer["result"], Value::Null);
        self.notify("exit", Value::Null);
        let status = self.child.wait().expect("the server exits");
        assert!(status.success(), "exit after shutdown is 0: {status}");
    }
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

/// `mtlint check` on `text` as the file `name`: its stdout.
fn check(folder: &Path, name: &str, text: &str, args: &[&str]) -> String {
    let mut child = mtlint(folder, &[&["check", "--stdin-filename", name], args, &["-"]].concat());
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    String::from_utf8(output.stdout).unwrap()
}

/// Applies LSP text edits (UTF-16 positions, not overlapping) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |position: &Value| {
        let (line, character) = (
            position["line"].as_u64().unwrap(),
            position["character"].as_u64().unwrap(),
        );
        let line_start: usize = text.split_inclusive('\n').take(line as usize).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[line_start..].char_indices() {
            if units >= character as usize || c == '\n' {
                return line_start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut edits: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    edits.sort();
    let mut out = String::new();
    let mut copied = 0;
    for (start, end, new) in edits {
        out.push_str(&text[copied..start]);
        out.push_str(new);
        copied = end;
    }
    out.push_str(&text[copied..]);
    out
}

fn seed() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/seed-news-fr-en.txt"))
        .expect("the seed is in the repository")
}

fn edits_of(action: &Value, uri: &str) -> Vec<Value> {
    action["edit"]["changes"][uri]
        .as_array()
        .expect("edits for the document")
        .clone()
}

#[test]
fn the_seed_gets_the_findings_of_check_and_its_fixes() {
    let folder = temp();
    let text = seed();
    let uri = format!("file://{}/seed.txt", folder.path().display());
    let mut client = Client::start(folder.path(), Value::Null);
    let published = client.open(&uri, "plaintext", &text);
    assert_eq!(published["version"], 1);
    // The same findings as `mtlint check`: lint, line, column (the seed's lines hold no
    // character beyond the BMP, so UTF-16 columns are characters).
    let from_check: Vec<Value> =
        serde_json::from_str(&check(folder.path(), "seed.txt", &text, &["--format", "json"])).unwrap();
    let expected: Vec<(String, u64, u64)> = from_check
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap() - 1,
                f["column"].as_u64().unwrap() - 1,
            )
        })
        .collect();
    let shown: Vec<(String, u64, u64)> = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let start = &d["range"]["start"];
            (
                d["code"].as_str().unwrap().to_owned(),
                start["line"].as_u64().unwrap(),
                start["character"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(expected.len() >= 10, "the seed has findings: {expected:?}");
    assert_eq!(shown, expected);
    let first = &published["diagnostics"][0];
    assert_eq!(first["source"], "mtlint");
    assert!(matches!(first["severity"].as_u64(), Some(1 | 2)));

    // All safe fixes, and all fixes, as source actions: the text of `--fix` and of
    // `--fix --unsafe-fixes`.
    let whole = json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 9999, "character": 0 } });
    let answer = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": whole, "context": { "diagnostics": [], "only": ["source.fixAll"] } }),
    );
    let actions = answer["result"].as_array().unwrap();
    assert_eq!(actions.len(), 2, "{actions:?}");
    assert!(actions.iter().all(|a| a["kind"] == "source.fixAll.mtlint"));
    let fixed_safe = apply(&text, &edits_of(&actions[0], &uri));
    assert_eq!(fixed_safe, check(folder.path(), "seed.txt", &text, &["--fix"]));
    let fixed_all = apply(&text, &edits_of(&actions[1], &uri));
    assert_eq!(
        fixed_all,
        check(folder.path(), "seed.txt", &text, &["--fix", "--unsafe-fixes"])
    );

    // A quick fix at a finding: preferred when safe, applied it removes that finding.
    let fixable = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "space-before-punct")
        .expect("the seed has a space before `?`")
        .clone();
    let answer = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": fixable["range"], "context": { "diagnostics": [fixable], "only": ["quickfix"] } }),
    );
    let quick = answer["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["diagnostics"][0]["code"] == "space-before-punct" && a["isPreferred"] == true)
        .expect("a preferred quick fix")
        .clone();
    let changed = apply(&text, &edits_of(&quick, &uri));
    assert_ne!(changed, text);

    // Hover: the lint's explanation.
    let answer = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": fixable["range"]["start"] }),
    );
    let hover = answer["result"]["contents"]["value"].as_str().expect("a hover");
    assert!(hover.contains("space-before-punct"), "{hover}");
    let explain = Command::new(BIN)
        .args(["explain", "space-before-punct"])
        .output()
        .unwrap();
    let explained = String::from_utf8(explain.stdout).unwrap();
    let flags = explained
        .lines()
        .skip_while(|l| *l != "## What it flags")
        .find(|l| l.len() > 20)
        .expect("an explanation");
    assert!(hover.contains(flags), "the hover holds `mtlint explain`: {hover}");

    // An incremental change: the new version is linted, and it alone is published.
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [
            { "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "text": "The the cat.\n" },
        ] }),
    );
    let changed = client.diagnostics(&uri);
    assert_eq!(changed["version"], 2);
    let codes: Vec<&str> = changed["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"doubled-word"), "{codes:?}");
    assert_eq!(codes.len(), expected.len() + 1, "{codes:?}");

    // Closing clears them.
    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
    assert_eq!(client.diagnostics(&uri)["diagnostics"], json!([]));
    client.shutdown();
}

#[test]
fn bad_messages_and_unknown_methods_are_answered_and_the_server_goes_on() {
    let folder = temp();
    let mut client = Client::start(folder.path(), Value::Null);
    client.send_raw(b"{not json");
    let error = client.wait_for(|m| m.get("error").is_some());
    assert_eq!(error["id"], Value::Null);
    assert_eq!(error["error"]["code"], -32700);
    let answer = client.request("textDocument/definition", json!({}));
    assert_eq!(answer["error"]["code"], -32601, "method not found: {answer}");
    let answer = client.request("textDocument/hover", json!({ "nonsense": true }));
    assert_eq!(answer["error"]["code"], -32602, "invalid params: {answer}");
    // Still serving.
    let uri = format!("file://{}/a.txt", folder.path().display());
    let published = client.open(&uri, "plaintext", "Why ?\n");
    assert_eq!(published["diagnostics"][0]["code"], "space-before-punct");
    client.shutdown();
}

#[test]
fn markdown_is_linted_as_markdown_and_a_lint_can_be_disabled_for_a_line() {
    let folder = temp();
    let mut client = Client::start(folder.path(), Value::Null);
    let uri = format!("file://{}/doc.md", folder.path().display());
    let text = "# Title\n\nSee `a ?` here.\n\nWhy ?\n";
    let published = client.open(&uri, "markdown", text);
    let diagnostics = published["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "code is not prose: {diagnostics:?}");
    assert_eq!(diagnostics[0]["range"]["start"], json!({ "line": 4, "character": 3 }));
    let answer = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": diagnostics[0]["range"], "context": { "diagnostics": [], "only": ["quickfix"] } }),
    );
    let disable = answer["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("for this line"))
        .expect("a disable action")
        .clone();
    let disabled = apply(text, &edits_of(&disable, &uri));
    assert_eq!(
        disabled,
        "# Title\n\nSee `a ?` here.\n\n<!-- mtlint-disable-next-line space-before-punct -->\nWhy ?\n"
    );
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": disabled }] }),
    );
    assert_eq!(client.diagnostics(&uri)["diagnostics"], json!([]));
    client.shutdown();
}

#[test]
fn the_configuration_is_found_reloaded_and_shown_when_broken() {
    let folder = temp();
    std::fs::write(
        folder.path().join("mtlint.toml"),
        "[lints]\nspace-before-punct = \"allow\"\n",
    )
    .unwrap();
    let mut client = Client::start(folder.path(), Value::Null);
    let uri = format!("file://{}/a.txt", folder.path().display());
    let published = client.open(&uri, "plaintext", "Why ? The the end.\n");
    let codes: Vec<&str> = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["doubled-word"],
        "space-before-punct is allowed by the configuration"
    );
    // Broken: shown on the configuration file, the document linted with the defaults.
    std::fs::write(folder.path().join("mtlint.toml"), "[lints]\nno-such-lint = \"allow\"\n").unwrap();
    let config_uri = format!("file://{}/mtlint.toml", folder.path().display());
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    );
    let shown = client.diagnostics(&config_uri);
    let message = shown["diagnostics"][0]["message"]
        .as_str()
        .expect("the configuration's error");
    assert!(message.contains("no-such-lint"), "{message}");
    assert_eq!(shown["diagnostics"][0]["range"]["start"]["line"], 1);
    let published = client.diagnostics(&uri);
    assert_eq!(published["diagnostics"].as_array().unwrap().len(), 2, "{published}");
    client.shutdown();
}

#[test]
fn initialization_options_set_levels() {
    let folder = temp();
    let mut client = Client::start(folder.path(), json!({ "levels": { "space-before-punct": "deny" } }));
    let uri = format!("file://{}/a.txt", folder.path().display());
    let published = client.open(&uri, "plaintext", "Why ?\n");
    assert_eq!(published["diagnostics"][0]["severity"], 1, "an error: {published}");
    client.shutdown();
}

#[test]
fn the_server_ends_when_its_input_ends() {
    let folder = temp();
    let mut client = Client::start(folder.path(), Value::Null);
    drop(client.input);
    let status = client.child.wait().expect("the server exits");
    assert_eq!(status.code(), Some(1), "no shutdown: exit code 1");
}

#[test]
fn the_server_ends_when_the_editor_is_gone() {
    let folder = temp();
    // The "editor": a process that ends at once; the server is told its id.
    let mut editor = Command::new("true").spawn().expect("a process");
    let pid = editor.id();
    editor.wait().unwrap();
    let mut client = Client::start_for(folder.path(), Value::Null, json!(pid));
    // Its input stays open: only the watch on the editor's process can end it.
    for _ in 0..100 {
        if let Some(status) = client.child.try_wait().unwrap() {
            assert_eq!(status.code(), Some(1));
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = client.child.kill();
    panic!("the server still runs 10 s after its editor ended");
}
