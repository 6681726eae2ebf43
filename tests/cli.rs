//! The `mtlint` binary end to end: reports, formats, exit codes, fixing, bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod common;

const SEED: &str = "tests/corpus/seed-news-fr-en.txt";

fn mtlint(args: &[&str]) -> Output {
    run(args, None)
}

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mtlint"));
    command
        .args(args)
        .current_dir(common::manifest_dir())
        .env_remove("NO_COLOR");
    command.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn().expect("mtlint runs");
    if let Some(input) = stdin {
        use std::io::Write;
        // mtlint may refuse its arguments and exit before it reads: a closed pipe is its answer.
        if let Err(error) = child.stdin.take().unwrap().write_all(input.as_bytes()) {
            assert_eq!(error.kind(), std::io::ErrorKind::BrokenPipe, "{error}");
        }
    }
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn shared_corpus() -> Option<PathBuf> {
    let path = common::manifest_dir().join("../shared/corpus");
    path.is_dir().then_some(path)
}

#[test]
fn seed_report_is_exactly_as_expected() {
    let output = mtlint(&["check", SEED]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    common::report(
        common::compare(
            &common::manifest_dir().join("tests/expected/seed-news-fr-en.out"),
            &stdout(&output),
        )
        .err()
        .into_iter()
        .collect(),
    );
}

/// Every artifact issue 2 names, on its line, in the JSON output with the contract's fields.
#[test]
fn seed_json_has_every_headline_artifact_with_the_contract_fields() {
    let output = mtlint(&["check", "--format", "json", SEED]);
    assert_eq!(output.status.code(), Some(1));
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let fields = [
        "path",
        "code",
        "level",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "byte_start",
        "byte_end",
        "help",
        "fix",
    ];
    for finding in &findings {
        let keys: Vec<&str> = finding.as_object().unwrap().keys().map(String::as_str).collect();
        let mut expected = fields.to_vec();
        expected.sort_unstable();
        let mut keys = keys.clone();
        keys.sort_unstable();
        assert_eq!(keys, expected);
    }
    let has = |code: &str, line: u64| findings.iter().any(|f| f["code"] == code && f["line"] == line);
    let mut expected = vec![
        ("stray-guillemet", 11),
        ("unbalanced-quote", 9),
        ("mixed-quotes", 7),
        ("space-before-punct", 123),
        ("page-chrome", 83),
        ("page-chrome", 87),
    ];
    expected.extend([121, 123, 125].map(|line| ("ui-string", line)));
    expected.extend((103..=119).step_by(2).map(|line| ("page-chrome", line)));
    for (code, line) in expected {
        assert!(has(code, line), "no `{code}` on line {line}");
    }
    let guillemet = findings.iter().find(|f| f["code"] == "stray-guillemet").unwrap();
    assert_eq!(guillemet["level"], "error");
    assert_eq!(
        (guillemet["column"].as_u64(), guillemet["end_column"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(guillemet["fix"]["applicability"], "safe");
    let text = std::fs::read_to_string(common::manifest_dir().join(SEED)).unwrap();
    let start = guillemet["byte_start"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..guillemet["byte_end"].as_u64().unwrap() as usize], "»");
    // Columns count characters, not bytes: the `“` on line 9 is at byte 120 of its line but
    // character 121.
    let quote = findings.iter().find(|f| f["code"] == "unbalanced-quote").unwrap();
    assert_eq!(quote["column"], 121);
}

#[test]
fn jsonl_and_short_formats_carry_the_same_findings() {
    let json: Vec<serde_json::Value> =
        serde_json::from_slice(&mtlint(&["check", "--format", "json", SEED]).stdout).unwrap();
    let jsonl = stdout(&mtlint(&["check", "--format", "jsonl", SEED]));
    let lines: Vec<serde_json::Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines, json);
    let short = stdout(&mtlint(&["check", "--format", "short", SEED]));
    assert_eq!(short.lines().count(), json.len());
    assert!(short.contains("tests/corpus/seed-news-fr-en.txt:11:1: error[stray-guillemet] lone `»` closes the quotation opened on line 9\n"), "{short}");
}

fn temp_copy(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

#[test]
fn fix_changes_only_its_edits_and_converges() {
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read(common::manifest_dir().join(SEED)).unwrap();
    let path = temp_copy(dir.path(), "seed.txt", &original);
    let p = path.to_str().unwrap();
    let output = mtlint(&["check", "--fix", p]);
    assert_eq!(output.status.code(), Some(1), "errors remain: the UI strings");
    assert!(
        stdout(&output).ends_with(
            "mtlint: fixed 3 problems; 3 errors, 17 warnings in 1 file; 18 fixable with --fix --unsafe-fixes\n"
        ),
        "{}",
        stdout(&output)
    );
    let fixed = std::fs::read_to_string(&path).unwrap();
    let expected = String::from_utf8(original.clone())
        .unwrap()
        .replace(
            "a \"violation of Ukrainian sovereignty\" and",
            "a “violation of Ukrainian sovereignty” and",
        )
        .replace("is over.\n\n»\n\n", "is over.\n\n")
        .replace("A fault ?", "A fault?");
    assert_eq!(fixed, expected);
    mtlint(&["check", "--fix", p]);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        fixed,
        "a second --fix changes nothing"
    );

    let output = mtlint(&["check", "--fix", "--unsafe-fixes", p]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "only the unclosed quotation, a warning, remains"
    );
    let fixed = std::fs::read_to_string(&path).unwrap();
    for gone in [
        "To safeguard",
        "A fault",
        "To print",
        "Share on",
        "0 comment",
        "Send by Mail",
        "\nWorld\n",
    ] {
        assert!(!fixed.contains(gone), "`{gone}` is still there");
    }
    assert!(
        fixed.ends_with("  • Russia"),
        "the list ends cleanly: {:?}",
        &fixed[fixed.len() - 40..]
    );
}

#[test]
fn fix_keeps_bom_crlf_and_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = temp_copy(
        dir.path(),
        "crlf.txt",
        "\u{feff}Why ?\r\nBecause\u{a0}!\r\n\r\n»\r\n\r\nThe end.\r\n".as_bytes(),
    );
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let output = mtlint(&["check", "--fix", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "\u{feff}Why?\r\nBecause!\r\n\r\nThe end.\r\n"
    );
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left: {leftovers:?}");
}

#[test]
fn diff_prints_the_change_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_copy(dir.path(), "q.txt", b"Why ?\n");
    let output = mtlint(&["check", "--diff", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let diff = stdout(&output);
    assert!(diff.contains("-Why ?\n+Why?\n"), "{diff}");
    assert_eq!(std::fs::read(&path).unwrap(), b"Why ?\n");
    let clean = temp_copy(dir.path(), "c.txt", b"Fine.\n");
    let output = mtlint(&["check", "--diff", clean.to_str().unwrap()]);
    assert_eq!((output.status.code(), stdout(&output).as_str()), (Some(0), ""));
}

#[test]
fn bad_inputs_are_named_and_the_rest_is_still_linted() {
    let dir = tempfile::tempdir().unwrap();
    let latin1 = temp_copy(dir.path(), "latin1.txt", b"Caf\xe9 ?\n");
    let good = temp_copy(dir.path(), "good.txt", b"A fault ?\n");
    let missing = dir.path().join("missing.txt");
    let output = mtlint(&[
        "check",
        "--format",
        "short",
        latin1.to_str().unwrap(),
        missing.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains(&format!(
            "error: {}: not valid UTF-8: invalid byte sequence at line 1, byte offset 3",
            latin1.display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("error: {}: no such file or folder", missing.display())),
        "{err}"
    );
    assert!(
        stdout(&output).contains("good.txt:1:1: error[ui-string]"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn levels_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_copy(dir.path(), "w.txt", b"Why ?\n");
    let p = path.to_str().unwrap();
    assert_eq!(mtlint(&["check", p]).status.code(), Some(0), "a warning alone exits 0");
    assert_eq!(mtlint(&["check", "-D", "warnings", p]).status.code(), Some(1));
    assert_eq!(mtlint(&["check", "-D", "typography", p]).status.code(), Some(1));
    let allowed = mtlint(&["check", "-A", "all", "--format", "short", SEED]);
    assert_eq!((allowed.status.code(), stdout(&allowed).as_str()), (Some(0), ""));
    let only = mtlint(&["check", "-A", "all", "-W", "ui-string", "--format", "short", SEED]);
    assert_eq!(only.status.code(), Some(0), "ui-string set to warn");
    assert_eq!(stdout(&only).lines().count(), 3);
    let unknown = mtlint(&["check", "-A", "ui-strings", p]);
    assert_eq!(unknown.status.code(), Some(2));
    assert_eq!(
        stderr(&unknown),
        "error: unknown lint or group `ui-strings`\n  = help: did you mean `ui-string`?\n"
    );
}

#[test]
fn folders_are_walked_in_order_honouring_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("b")).unwrap();
    std::fs::create_dir_all(root.join("ignored")).unwrap();
    std::fs::create_dir(root.join(".git")).unwrap();
    std::fs::write(root.join(".gitignore"), "ignored/\n").unwrap();
    for name in ["b/two.md", "a.txt", "ignored/x.txt", "c.markdown", "skip.rs"] {
        std::fs::write(root.join(name), "Why ?\n").unwrap();
    }
    let output = mtlint(&["check", "--format", "short", "-j", "2", root.to_str().unwrap()]);
    let files: Vec<String> = stdout(&output)
        .lines()
        .map(|l| l.split(':').next().unwrap().to_owned())
        .collect();
    let root = root.display();
    assert_eq!(
        files,
        [
            format!("{root}/a.txt"),
            format!("{root}/b/two.md"),
            format!("{root}/c.markdown")
        ]
    );
}

#[test]
fn stdin_is_linted_and_fixed_to_stdout() {
    let output = run(&["check", "--format", "short", "-"], Some("Why ?\n"));
    assert_eq!(
        stdout(&output),
        "<stdin>:1:4: warning[space-before-punct] space before `?`\n"
    );
    let output = run(
        &["check", "--stdin-filename", "page.md", "--format", "short", "-"],
        Some("`a ?` is code\n"),
    );
    assert_eq!(stdout(&output), "", "Markdown rules apply to page.md");
    let output = run(&["check", "--fix", "-"], Some("Why ?\n"));
    assert_eq!(stdout(&output), "Why?\n");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let plain = stdout(&mtlint(&["check", SEED]));
    assert!(!plain.contains('\u{1b}'), "piped output has no colour");
    let coloured = stdout(&mtlint(&["check", "--color", "always", SEED]));
    assert!(coloured.contains('\u{1b}'));
}

#[test]
fn rules_and_explain() {
    let rules = stdout(&mtlint(&["rules"]));
    for lint in mtlint::registry::lints() {
        let row = rules.lines().find(|l| l.split_whitespace().next() == Some(lint.name));
        let columns: Vec<&str> = row
            .unwrap_or_else(|| panic!("{} missing from `mtlint rules`", lint.name))
            .split_whitespace()
            .take(4)
            .collect();
        let fix = lint.spec.fix.map_or("-", |f| f.as_str());
        assert_eq!(
            columns,
            [lint.name, lint.spec.level.as_str(), fix, lint.spec.group.as_str()]
        );
    }
    let explain = mtlint(&["explain", "ui-string"]);
    assert_eq!(explain.status.code(), Some(0));
    let text = stdout(&explain);
    assert!(
        text.starts_with("ui-string (chrome, deny by default, unsafe fix)"),
        "{text}"
    );
    assert!(
        text.contains("## Examples") && text.contains("bad:   The end of the article."),
        "{text}"
    );
    let unknown = mtlint(&["explain", "page-crome"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("did you mean `page-chrome`?"),
        "{}",
        stderr(&unknown)
    );
}

/// Quality bar: well-edited English gives no finding at default levels.
#[test]
fn clean_prose_is_silent() {
    let output = mtlint(&[
        "check",
        "--format",
        "short",
        "tests/corpus/clean-prose.md",
        "tests/corpus/clean-news.txt",
        "tests/corpus/clean-scripts.md",
    ]);
    assert_eq!((output.status.code(), stdout(&output).as_str()), (Some(0), ""));
    let Some(corpus) = shared_corpus() else { return };
    let output = mtlint(&["check", "--format", "short", corpus.join("clean").to_str().unwrap()]);
    assert_eq!((output.status.code(), stdout(&output).as_str()), (Some(0), ""));
}

/// Quality bar: lines 1–19 of the hard negatives are legitimate English.
#[test]
fn hard_negatives_are_silent_but_their_last_line() {
    let Some(corpus) = shared_corpus() else { return };
    let path = corpus.join("mt/syn-hard-negatives.txt");
    let output = mtlint(&["check", "--format", "json", path.to_str().unwrap()]);
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let lines: Vec<u64> = findings.iter().map(|f| f["line"].as_u64().unwrap()).collect();
    assert!(lines.iter().all(|&line| line == 20), "findings on lines {lines:?}");
    assert_eq!(findings.len(), 3, "`A fault ?` and its two spaces before `?`");
}
