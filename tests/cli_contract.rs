//! What a CI job, a pre-commit hook and a script rely on: no vacuous pass, no damaged file, no
//! panic, output that tools can read. Each test runs the binary as a user would.

use std::path::Path;
use std::process::{Command, Output, Stdio};

mod common;

/// Runs mtlint in `dir` with `stdin` (none: an empty, non-terminal standard input, as on CI).
fn mtlint_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mtlint"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_ACTIONS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("mtlint runs");
    {
        use std::io::Write;
        let mut pipe = child.stdin.take().unwrap();
        if let Some(input) = stdin {
            // mtlint may refuse its arguments and exit before it reads: a closed pipe is its answer.
            if let Err(error) = pipe.write_all(input) {
                assert_eq!(error.kind(), std::io::ErrorKind::BrokenPipe, "{error}");
            }
        }
    }
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn write(dir: &Path, name: &str, content: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

#[test]
fn no_path_lints_the_current_folder_not_an_empty_piped_stdin() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "page.txt", "Why ?\n");
    // CI runners give an empty, non-terminal standard input.
    let output = mtlint_in(dir.path(), &["check", "--format", "short"], Some(b""));
    assert_eq!(
        text(&output.stdout),
        "page.txt:1:4: warning[space-before-punct] space before `?`\n"
    );
    let output = mtlint_in(dir.path(), &["check"], Some(b"Why ?\n"));
    assert!(text(&output.stdout).ends_with("0 errors, 1 warning in 1 file; 1 fixable with --fix\n"));
    // Standard input is read for `-` only.
    let output = mtlint_in(dir.path(), &["check", "--format", "short", "-"], Some(b"So ?\n"));
    assert_eq!(
        text(&output.stdout),
        "<stdin>:1:3: warning[space-before-punct] space before `?`\n"
    );
}

#[test]
fn an_empty_walk_says_nothing_was_linted() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "image.png", "not text");
    let output = mtlint_in(dir.path(), &["check"], None);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        text(&output.stderr),
        "warning: no file to lint: a folder walk takes .txt, .text, .md, .markdown, .mdown, .mkd, .mdx, \
         .html, .htm, .xhtml, .srt, .vtt, .po, .pot, .xlf and .xliff files (or the configuration's `include`)\n"
    );
}

#[test]
fn jsonl_field_wants_files_or_stdin_and_caps_errors_on_non_jsonl_input() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes.txt", "hello\nworld\nagain\nplain\nlines\n");
    let output = mtlint_in(dir.path(), &["check", "--jsonl-field", "text", "notes.txt"], None);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "error: notes.txt: line 1: not a JSON record: expected value at line 1 column 1\n\
         error: notes.txt: line 2: not a JSON record: expected value at line 1 column 1\n\
         error: notes.txt: line 3: not a JSON record: expected value at line 1 column 1\n\
         error: notes.txt: 2 more records are not JSON; is it JSON Lines?\n"
    );
    let output = mtlint_in(dir.path(), &["check", "--jsonl-field", "text", "."], None);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "error: .: is a folder; --jsonl-field reads files, pass files or `-`\n"
    );
    let output = mtlint_in(
        dir.path(),
        &["check", "--jsonl-field", "text"],
        Some(b"{\"text\": \"a\"}\n"),
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "error: --jsonl-field reads the files named, or `-` for standard input; none was given\n"
    );
}

#[test]
fn a_suppression_shown_in_code_is_an_example_and_fix_never_edits_code() {
    let dir = tempfile::tempdir().unwrap();
    let page = "# Suppressions\n\nWrite this:\n\n```markdown\n<!-- mtlint-disable-next-line ui-string -->\nTo print\n```\n\n\
                Or indent it:\n\n    <!-- mtlint-disable calque -->\n";
    write(dir.path(), "page.md", page);
    let output = mtlint_in(dir.path(), &["check", "--format", "short", "page.md"], None);
    assert_eq!(
        text(&output.stdout),
        "",
        "no suppression is unused: none is a suppression"
    );
    let output = mtlint_in(dir.path(), &["check", "--fix", "--unsafe-fixes", "page.md"], None);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(dir.path().join("page.md")).unwrap(), page);
}

#[test]
fn a_byte_order_mark_or_cr_line_ends_do_not_hide_code_or_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("bom-fence.md", "\u{feff}```\nCafÃ© ?\n```\n"),
        ("bom-front-matter.md", "\u{feff}---\ntitle: CafÃ© ?\n---\n\nok\n"),
        ("cr-fence.md", "para\r\r```\rCafÃ© ?\r```\r"),
    ];
    for (name, content) in files {
        write(dir.path(), name, content);
        let output = mtlint_in(dir.path(), &["check", "--fix", "--format", "short", name], None);
        assert_eq!(text(&output.stdout), "", "{name}: code and front matter are not prose");
        assert_eq!(
            std::fs::read_to_string(dir.path().join(name)).unwrap(),
            content,
            "{name}"
        );
    }
}

#[test]
fn a_fix_that_would_change_the_markup_around_it_is_not_offered() {
    let dir = tempfile::tempdir().unwrap();
    // Removing the `¿` would open a fence that swallows the rest of the page.
    write(dir.path(), "page.md", "¿```\n\nText.\n");
    let output = mtlint_in(dir.path(), &["check", "--fix", "--unsafe-fixes", "page.md"], None);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("page.md")).unwrap(),
        "¿```\n\nText.\n"
    );
    assert!(!text(&output.stdout).contains("fixable"), "{}", text(&output.stdout));
}

#[test]
fn numbers_in_other_scripts_and_with_unicode_spaces_do_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (
            "fullwidth.po",
            "msgid \"x\"\nmsgstr \"３\"\n",
            "fullwidth.po:2:9: warning[number-mismatch] numbers differ from the source: none missing, `3` added\n",
        ),
        ("nbsp.po", "msgid \"3\u{a0}000 €\"\nmsgstr \"€3,000\"\n", ""),
        (
            "arabic.xlf",
            "<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>٣</source><target>3</target></trans-unit></body></file></xliff>\n",
            "",
        ),
        (
            "nnbsp.xlf",
            "<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>3\u{202f}000</source><target>3000</target></trans-unit></body></file></xliff>\n",
            "",
        ),
    ];
    for (name, content, report) in files {
        write(dir.path(), name, content);
        let output = mtlint_in(dir.path(), &["check", "--format", "short", name], None);
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{name}: {}",
            text(&output.stderr)
        );
        assert_eq!(text(&output.stdout), report, "{name}");
    }
}

#[test]
fn a_fix_that_would_break_a_po_file_for_msgfmt_is_not_offered() {
    let dir = tempfile::tempdir().unwrap();
    let header = "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n";
    // Removing the `\u{200b}` or `A fault ?` would leave a translation ending in a line break
    // that its source does not end with: msgfmt --check rejects that.
    let safe = format!("{header}msgid \"Hello\"\nmsgstr \"Hello\\n\u{200b}\"\n");
    let unsafe_ = format!("{header}msgid \"Error: disk full\"\nmsgstr \"Disk full.\\nA fault ?\"\n");
    write(dir.path(), "safe.po", &safe);
    write(dir.path(), "unsafe.po", &unsafe_);
    mtlint_in(dir.path(), &["check", "--fix", "safe.po"], None);
    mtlint_in(dir.path(), &["check", "--fix", "--unsafe-fixes", "unsafe.po"], None);
    assert_eq!(std::fs::read_to_string(dir.path().join("safe.po")).unwrap(), safe);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("unsafe.po")).unwrap(),
        format!("{header}msgid \"Error: disk full\"\nmsgstr \"Disk full.\\nA fault?\"\n"),
        "the space before `?` is still fixed"
    );
}

#[test]
fn a_fix_that_cannot_be_written_still_reports_the_findings() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "page.txt", "Why ?\n");
    let path = dir.path().join("page.txt");
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&path, permissions).unwrap();
    let output = mtlint_in(dir.path(), &["check", "--fix", "page.txt"], None);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "error: page.txt: not fixed: the file is read-only\n"
    );
    let report = text(&output.stdout);
    assert!(
        report.starts_with("warning[space-before-punct]: space before `?`\n"),
        "{report}"
    );
    assert!(
        report.ends_with(
            "mtlint: 0 errors, 1 warning in 1 file; 1 fixable with --fix; 1 file not fixed: could not be written\n"
        ),
        "{report}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "Why ?\n");
}

#[test]
fn malformed_files_are_errors_with_their_line_and_templates_are_not_untranslated() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (
            "open.po",
            "msgid \"a\"\nmsgstr \"b\n",
            "error: open.po:2: a string is never closed: its closing `\"` is missing\n",
        ),
        (
            "tags.xlf",
            "<xliff><file><body><trans-unit id=\"1\">\n<source>a</source><target>b</tar></trans-unit>",
            "error: tags.xlf:2: not well-formed XML: ill-formed document: expected `</target>`, but `</tar>` was found\n",
        ),
        (
            "cut.xlf",
            "<xliff><file><body>\n<trans-unit id=\"1\"><source>a</source>",
            "error: cut.xlf:2: the file is cut short: `<trans-unit>` is never closed\n",
        ),
        (
            "timing.srt",
            "1\n00:00:01,000 --> 00:0x:02,000\nHi\n",
            "error: timing.srt:2: a timing that does not parse: `00:00:01,000 --> 00:0x:02,000`\n",
        ),
    ];
    for (name, content, error) in files {
        write(dir.path(), name, content);
        let output = mtlint_in(dir.path(), &["check", "--fix", name], None);
        assert_eq!(output.status.code(), Some(2), "{name}");
        assert_eq!(text(&output.stderr), error, "{name}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join(name)).unwrap(),
            content,
            "{name}: left as it was"
        );
    }
    write(dir.path(), "messages.pot", "msgid \"Print the page\"\nmsgstr \"\"\n");
    let output = mtlint_in(dir.path(), &["check", "--format", "short", "messages.pot"], None);
    assert_eq!((output.status.code(), text(&output.stdout)), (Some(0), String::new()));
}

#[test]
fn machine_formats_stay_one_document() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "page.txt", "Why ?\n");
    for format in ["json", "sarif"] {
        let output = mtlint_in(
            dir.path(),
            &["check", "--statistics", "--format", format, "page.txt"],
            None,
        );
        serde_json::from_slice::<serde_json::Value>(&output.stdout).expect("standard output is one JSON document");
        assert!(
            text(&output.stderr).contains("space-before-punct"),
            "the table is on standard error"
        );
    }
    let output = mtlint_in(
        dir.path(),
        &["check", "--statistics", "--format", "jsonl", "page.txt"],
        None,
    );
    for line in text(&output.stdout).lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("every line is JSON");
    }
    let output = mtlint_in(dir.path(), &["check", "--diff", "--format", "json", "page.txt"], None);
    assert_eq!((output.status.code(), text(&output.stdout)), (Some(2), String::new()));
    assert!(text(&output.stderr).starts_with("error: --diff prints a unified diff and does not combine with --format"));
}

#[test]
fn an_empty_element_target_is_an_empty_translation() {
    let dir = tempfile::tempdir().unwrap();
    let unit =
        |id: u32, target: &str| format!("<trans-unit id=\"{id}\"><source>Print the page</source>{target}</trans-unit>");
    let xliff = format!(
        "<xliff version=\"1.2\"><file><body>\n{}\n{}\n</body></file></xliff>\n",
        unit(1, "<target/>"),
        unit(2, "<target></target>")
    );
    write(dir.path(), "units.xlf", &xliff);
    let output = mtlint_in(dir.path(), &["check", "--format", "short", "units.xlf"], None);
    assert_eq!(
        text(&output.stdout),
        "units.xlf:2:51: warning[untranslated-segment] translation is empty\n\
         units.xlf:3:59: warning[untranslated-segment] translation is empty\n"
    );
}

#[test]
fn each_file_takes_the_configuration_nearest_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let proj = dir.path().join("proj");
    write(&proj, "mtlint.toml", "[lints]\nspace-before-punct = \"allow\"\n");
    write(&proj, "page.txt", "Why ?\n");
    write(
        &proj,
        "docs/mtlint.toml",
        "[lints]\nspace-before-punct = \"deny\"\n\n[[overrides]]\npaths = [\"old/**\"]\nlints = { space-before-punct = \"warn\" }\n",
    );
    write(&proj, "docs/guide.txt", "How ?\n");
    // From another folder, by an absolute path: proj's configuration, and docs' for docs.
    let absolute = proj.to_str().unwrap();
    let output = mtlint_in(Path::new("/"), &["check", "--format", "short", absolute], None);
    assert_eq!(
        text(&output.stdout),
        format!("{absolute}/docs/guide.txt:1:4: error[space-before-punct] space before `?`\n")
    );
    assert_eq!(output.status.code(), Some(1));
    // A file named alone takes its own folder's configuration, not the working folder's.
    let output = mtlint_in(dir.path(), &["check", "--format", "short", "proj/page.txt"], None);
    assert_eq!(text(&output.stdout), "");
    assert_eq!(output.status.code(), Some(0));
    // `mtlint config PATH`: the file that applies to PATH, and only the overrides that match it.
    let output = mtlint_in(dir.path(), &["config", "proj/docs/guide.txt"], None);
    let shown = text(&output.stdout);
    assert!(shown.starts_with("configuration: proj/docs/mtlint.toml\n"), "{shown}");
    assert!(!shown.contains("override #1"), "{shown}");
    let output = mtlint_in(dir.path(), &["config", "proj/docs/old/a.txt"], None);
    assert!(text(&output.stdout).contains("override #1: old/**\n"));
}

#[test]
fn force_exclude_applies_exclude_to_named_files_and_an_excluded_walk_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "mtlint.toml", "exclude = [\"drafts\", \"**/*.old.txt\"]\n");
    write(dir.path(), "drafts/a.txt", "Why ?\n");
    write(dir.path(), "b.old.txt", "Why ?\n");
    write(dir.path(), "c.txt", "Why ?\n");
    // Named files are linted, excluded or not (as ruff does)...
    let named = ["check", "--format", "short", "drafts/a.txt", "b.old.txt", "c.txt"];
    let output = mtlint_in(dir.path(), &named, None);
    assert_eq!(text(&output.stdout).lines().count(), 3);
    // ... unless --force-exclude, as the pre-commit hooks pass.
    let mut forced = named.to_vec();
    forced.insert(1, "--force-exclude");
    let output = mtlint_in(dir.path(), &forced, None);
    assert_eq!(
        text(&output.stdout),
        "c.txt:1:4: warning[space-before-punct] space before `?`\n"
    );
    // A walk that excludes everything says so, and -v names what was excluded.
    std::fs::remove_file(dir.path().join("c.txt")).unwrap();
    let output = mtlint_in(dir.path(), &["check"], None);
    assert_eq!(
        text(&output.stderr),
        "warning: no file to lint: the configuration's `exclude` ruled out 2 path(s) (-v lists them)\n"
    );
    let output = mtlint_in(dir.path(), &["check", "-v"], None);
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("note: drafts: skipped, matches the configuration's `exclude`\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("note: b.old.txt: skipped, matches the configuration's `exclude`\n"),
        "{stderr}"
    );
}

#[test]
fn a_baseline_matches_paths_however_they_are_typed_and_writing_it_reports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "corpus/a.txt", "Why ?\n");
    write(dir.path(), "corpus/b.txt", "Fine.\n");
    write(dir.path(), "tools/.keep", "");
    let output = mtlint_in(
        dir.path(),
        &["check", "--write-baseline", "base.json", "./corpus"],
        None,
    );
    assert_eq!(text(&output.stdout), "");
    assert_eq!(
        text(&output.stderr),
        "mtlint: wrote 1 finding(s) in 1 file(s) of 2 linted to the baseline base.json\n"
    );
    assert_eq!(output.status.code(), Some(0));
    let stored = std::fs::read_to_string(dir.path().join("base.json")).unwrap();
    assert!(stored.contains("\"path\": \"corpus/a.txt\""), "{stored}");
    // The same file, typed another way, or from another folder: the finding stays hidden.
    let absolute = dir.path().join("corpus/a.txt");
    for (folder, baseline, file) in [
        (dir.path().to_path_buf(), "base.json", "corpus/a.txt"),
        (dir.path().to_path_buf(), "./base.json", absolute.to_str().unwrap()),
        (dir.path().join("tools"), "../base.json", "../corpus/a.txt"),
        (dir.path().join("corpus"), "../base.json", "a.txt"),
    ] {
        let output = mtlint_in(
            &folder,
            &["check", "--format", "short", "--baseline", baseline, file],
            None,
        );
        assert_eq!(text(&output.stdout), "", "{file} from {}", folder.display());
        assert_eq!(output.status.code(), Some(0));
    }
    // A new finding is still reported.
    write(dir.path(), "corpus/a.txt", "Why ?\nAnd now ?\n");
    let output = mtlint_in(
        &dir.path().join("tools"),
        &["check", "--format", "short", "--baseline", "../base.json", "../corpus"],
        None,
    );
    assert_eq!(
        text(&output.stdout),
        "../corpus/a.txt:2:8: warning[space-before-punct] space before `?`\n"
    );
}

#[test]
fn a_description_is_a_note_and_a_phrase_without_source_has_no_empty_label() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        "Conflict Ukraine – Russia LIVE: Kiev denounces a violation\n",
    );
    let output = mtlint_in(dir.path(), &["check", "a.txt"], None);
    let report = text(&output.stdout);
    assert!(
        report.contains("^^^^ put `LIVE:` at the start of the headline\n"),
        "{report}"
    );
    assert!(
        report.contains("= help: rephrase the headline as native English writes it\n"),
        "{report}"
    );
    assert!(!report.contains("rephrase as `"), "{report}");
    write(
        dir.path(),
        "mtlint.toml",
        "[ui-string]\nextend = [\"To bookmark\"]\n\n[calque]\nextend = [\"at the end of the count\"]\n",
    );
    write(
        dir.path(),
        "b.txt",
        "To bookmark\n\nIt was, at the end of the count, a draw.\n",
    );
    let output = mtlint_in(dir.path(), &["check", "b.txt"], None);
    let report = text(&output.stdout);
    assert!(!report.contains("``"), "{report}");
    assert!(
        report.contains("error[ui-string]: literal translation of a UI label: `To bookmark`\n"),
        "{report}"
    );
    assert!(
        report.contains("warning[calque]: calque, a word-for-word translation: `at the end of the count`\n"),
        "{report}"
    );
}

#[test]
fn every_configuration_error_is_reported_in_one_run_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mtlint.toml",
        "source-language = \"frr\"\n\n[lints]\nspac-before-punct = \"allow\"\n\n[[rules]]\nname = \"house\"\nmessage = \"house style: `{text}`\"\nregex = [{ pattern = '(\\d+ pct', fix = \"per cent\" }]\n\n[[overrides]]\nfiles = [\"old/**\"]\n",
    );
    write(dir.path(), "a.txt", "Fine.\n");
    let output = mtlint_in(dir.path(), &["check", "a.txt"], None);
    assert_eq!(output.status.code(), Some(2));
    // A key serde cannot read stops the reading: the first run names it, with the keys it takes.
    let stderr = text(&output.stderr);
    assert!(stderr.contains("unknown field `files`"), "{stderr}");
    assert!(
        stderr.contains("= help: the keys here are `paths`, `lints`, `source-language`"),
        "{stderr}"
    );
    let config = std::fs::read_to_string(dir.path().join("mtlint.toml")).unwrap();
    write(dir.path(), "mtlint.toml", &config.replace("files = ", "paths = "));
    let output = mtlint_in(dir.path(), &["check", "a.txt"], None);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    let expected = [
        "error: unknown source language `frr`\n --> mtlint.toml:1:19",
        "error: unknown lint or group `spac-before-punct`\n --> mtlint.toml:4:1",
        "error: rule `house`: invalid pattern `(\\d+ pct`: unclosed group\n --> mtlint.toml:9:23\n  |\n9 | regex = [{ pattern = '(\\d+ pct', fix = \"per cent\" }]\n  |                       ^^^^^^^^ this pattern",
        "error: the configuration has 3 errors\n",
    ];
    let mut from = 0;
    for part in expected {
        let at = stderr[from..]
            .find(part)
            .unwrap_or_else(|| panic!("{part:?} missing after {from} in\n{stderr}"));
        from += at + part.len();
    }
}

#[test]
fn level_flags_take_comma_lists_allow_warnings_and_explain_takes_a_group() {
    let dir = tempfile::tempdir().unwrap();
    // typography (`?` spacing), chrome (`To print`) and prose (`the the`).
    write(dir.path(), "page.txt", "Why ?\nTo print\nIt is the the end.\n");
    let lints = |args: &[&str]| {
        let mut all = vec!["check", "--format", "short"];
        all.extend_from_slice(args);
        all.push("page.txt");
        let output = mtlint_in(dir.path(), &all, None);
        let found: Vec<String> = text(&output.stdout)
            .lines()
            .map(|line| line.split(['[', ']']).nth(1).unwrap().to_owned())
            .collect();
        (found, output.status.code())
    };
    assert_eq!(
        lints(&[]),
        (
            vec!["space-before-punct".into(), "ui-string".into(), "doubled-word".into()],
            Some(1)
        )
    );
    assert_eq!(
        lints(&["-A", "typography,chrome"]),
        (vec!["doubled-word".into()], Some(0))
    );
    assert_eq!(
        lints(&["-A", "typography,chrome"]),
        lints(&["-A", "typography", "-A", "chrome"])
    );
    // `-A warnings` silences whatever would warn; an error stays.
    assert_eq!(lints(&["-A", "warnings"]), (vec!["ui-string".into()], Some(1)));
    assert_eq!(
        lints(&["-D", "warnings", "-A", "warnings"]),
        (vec!["ui-string".into()], Some(1))
    );
    let output = mtlint_in(dir.path(), &["check", "-A", "typography,chrom", "page.txt"], None);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "error: unknown lint or group `chrom`\n  = help: did you mean `chrome`?\n"
    );

    let output = mtlint_in(dir.path(), &["explain", "chrome"], None);
    let shown = text(&output.stdout);
    assert!(
        shown.starts_with(
            "chrome (group, 2 lints)\n\nPage furniture scraped with the text: buttons, share and \
             subscription widgets, bylines, navigation.\n\nname         level  fix     group       summary\n\
             ui-string    deny   unsafe  chrome      "
        ),
        "{shown}"
    );
    for lint in ["ui-string", "page-chrome"] {
        let alone = text(&mtlint_in(dir.path(), &["explain", lint], None).stdout);
        assert!(
            shown.contains(&format!("\n---\n\n{alone}")),
            "{lint} is explained in full"
        );
    }
    assert_eq!(output.status.code(), Some(0));
}

/// Runs mtlint in `dir` with these environment variables (the colour ones cleared first).
fn mtlint_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mtlint"));
    command.args(args).current_dir(dir).stdin(Stdio::null());
    for name in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "GITHUB_ACTIONS", "CI"] {
        command.env_remove(name);
    }
    command.envs(env.iter().copied()).output().unwrap()
}

#[test]
fn colours_follow_the_flag_then_no_color_clicolor_and_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "page.txt", "Why ?\nTo print\n");
    let coloured = |args: &[&str], env: &[(&str, &str)]| {
        let output = mtlint_env(dir.path(), args, env);
        text(&output.stdout).contains("\u{1b}[")
    };
    let human = ["check", "page.txt"];
    assert!(!coloured(&human, &[]), "a pipe is not a terminal");
    assert!(coloured(&human, &[("CLICOLOR_FORCE", "1")]));
    assert!(!coloured(&human, &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]));
    assert!(coloured(
        &["check", "--color", "always", "page.txt"],
        &[("NO_COLOR", "1")]
    ));
    assert!(!coloured(
        &["check", "--color", "never", "page.txt"],
        &[("CLICOLOR_FORCE", "1")]
    ));
    // The short format is coloured too, as the human report's levels are.
    let output = mtlint_env(
        dir.path(),
        &["check", "--format", "short", "--color", "always", "page.txt"],
        &[],
    );
    assert_eq!(
        text(&output.stdout),
        "\u{1b}[1mpage.txt\u{1b}[0m:1:4: \u{1b}[1m\u{1b}[33mwarning[space-before-punct]\u{1b}[0m space before `?`\n\
         \u{1b}[1mpage.txt\u{1b}[0m:2:1: \u{1b}[1m\u{1b}[91merror[ui-string]\u{1b}[0m literal translation of a UI label: `To print`\n"
    );
    // On a terminal (util-linux `script` gives one): coloured, but not for `TERM=dumb` or `CLICOLOR=0`.
    let on_terminal = |env: &[(&str, &str)]| {
        let command = format!("{} check --format short page.txt", env!("CARGO_BIN_EXE_mtlint"));
        let mut all = vec![("TERM", "xterm-256color")];
        all.extend_from_slice(env);
        let output = Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .current_dir(dir.path())
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("CLICOLOR")
            .env_remove("CI")
            .envs(all)
            .stdin(Stdio::null())
            .output()
            .expect("`script` (util-linux, essential on Debian) runs");
        let shown = text(&output.stdout);
        assert!(shown.contains("page.txt"), "{shown}");
        shown.contains("\u{1b}[")
    };
    assert!(on_terminal(&[]));
    assert!(!on_terminal(&[("TERM", "dumb")]));
    assert!(!on_terminal(&[("CLICOLOR", "0")]));
    assert!(!on_terminal(&[("NO_COLOR", "1")]));
}

#[test]
fn other_encodings_are_named_with_a_conversion_hint_and_never_skipped_as_binary() {
    let dir = tempfile::tempdir().unwrap();
    let put = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    put("docs/u32.txt", &[0xFF, 0xFE, 0, 0, b'W', 0, 0, 0, b'?', 0, 0, 0]);
    put("docs/u16.txt", &[0xFE, 0xFF, 0, b'W', 0, b'?']);
    put(
        "docs/page.html",
        b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">\
          </head><body><p>Caf\xe9 ?</p></body></html>\n",
    );
    put(
        "docs/unit.xlf",
        b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<xliff><file><body><trans-unit id=\"1\">\
          <source>a</source><target>Caf\xe9</target></trans-unit></body></file></xliff>\n",
    );
    // A file of NUL bytes with no byte-order mark is still binary, skipped in a walk.
    put("docs/data.txt", b"\0\0\0");
    let output = mtlint_in(dir.path(), &["check", "docs"], None);
    assert_eq!(
        text(&output.stderr),
        "error: docs/page.html: not valid UTF-8 (invalid byte sequence at line 1, byte offset 105): the file \
         declares the charset `windows-1252`; mtlint reads UTF-8 only: convert it first, e.g. `iconv -f \
         WINDOWS-1252 -t UTF-8`, and declare `utf-8`\n\
         error: docs/u16.txt: UTF-16 text (big-endian byte-order mark); mtlint reads UTF-8 only: convert it \
         first, e.g. `iconv -f UTF-16 -t UTF-8`\n\
         error: docs/u32.txt: UTF-32 text (little-endian byte-order mark); mtlint reads UTF-8 only: convert it \
         first, e.g. `iconv -f UTF-32 -t UTF-8`\n\
         error: docs/unit.xlf: not valid UTF-8 (invalid byte sequence at line 2, byte offset 111): the file \
         declares the charset `ISO-8859-1`; mtlint reads UTF-8 only: convert it first, e.g. `iconv -f \
         ISO-8859-1 -t UTF-8`, and declare `utf-8`\n"
    );
    assert_eq!(
        text(&output.stdout),
        "mtlint: no problems in 0 files; 4 files not linted: see the errors\n"
    );
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn quiet_exit_zero_output_file_and_show_fixes() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "Why ?\nThe end ; so .\n");
    write(dir.path(), "b.txt", "To print\n");
    // --quiet: the findings, no summary.
    let output = mtlint_in(dir.path(), &["check", "-q", "b.txt"], None);
    assert!(text(&output.stdout).starts_with("error[ui-string]"));
    assert!(!text(&output.stdout).contains("mtlint:"), "{}", text(&output.stdout));
    assert_eq!(output.status.code(), Some(1));
    // --exit-zero: findings do not fail the run; an input that cannot be read still does.
    assert_eq!(
        mtlint_in(dir.path(), &["check", "--exit-zero", "b.txt"], None)
            .status
            .code(),
        Some(0)
    );
    let output = mtlint_in(dir.path(), &["check", "--exit-zero", "b.txt", "missing.txt"], None);
    assert_eq!(output.status.code(), Some(2));
    // --output-file: the report there (without colours), nothing on standard output.
    let output = mtlint_in(
        dir.path(),
        &["check", "--format", "short", "--output-file", "report.txt", "b.txt"],
        None,
    );
    assert_eq!(text(&output.stdout), "");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("report.txt")).unwrap(),
        "b.txt:1:1: error[ui-string] literal translation of a UI label: `To print`\n"
    );
    assert_eq!(output.status.code(), Some(1));
    let output = mtlint_in(
        dir.path(),
        &["check", "--output-file", "no/such/folder/r.txt", "b.txt"],
        None,
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).starts_with("error: no/such/folder/r.txt: cannot write the report"));
    // --show-fixes: what --fix changed, per file.
    let output = mtlint_in(dir.path(), &["check", "--fix", "--show-fixes", "a.txt", "b.txt"], None);
    assert_eq!(
        text(&output.stdout),
        "error[ui-string]: literal translation of a UI label: `To print`\n --> b.txt:1:1\n  |\n1 | To print\n  \
         | ^^^^^^^^ the French `Imprimer` (`Print`)\n  |\nhelp: remove it: it is the page's interface, not the \
         article\n  |\n1 - To print\n  |\n\nFixed 3 problems:\n- a.txt:\n    3 × space-before-punct\n\
         mtlint: fixed 3 problems; 1 error, 0 warnings in 1 file; 1 fixable with --fix --unsafe-fixes\n"
    );
    assert_eq!(text(&output.stderr), "");
    let output = mtlint_in(
        dir.path(),
        &["check", "--fix", "--show-fixes", "--format", "json", "a.txt"],
        None,
    );
    assert_eq!(text(&output.stderr), "No fixes applied.\n");
    assert!(serde_json::from_slice::<serde_json::Value>(&output.stdout).is_ok());
    let output = mtlint_in(dir.path(), &["check", "--show-fixes", "a.txt"], None);
    assert_eq!(output.status.code(), Some(2), "--show-fixes needs --fix");
}

#[test]
fn rules_as_json_completions_man_pages_and_the_version() {
    let dir = tempfile::tempdir().unwrap();
    let output = mtlint_in(dir.path(), &["rules", "--format", "json"], None);
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let table = text(&mtlint_in(dir.path(), &["rules"], None).stdout);
    assert_eq!(rules.len(), table.lines().count() - 1);
    for rule in &rules {
        let name = rule["name"].as_str().unwrap();
        let row = table
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap();
        let fix = rule["fix"].as_str().unwrap_or("-");
        let columns: Vec<&str> = row.split_whitespace().take(4).collect();
        assert_eq!(
            columns,
            [
                name,
                rule["level"].as_str().unwrap(),
                fix,
                rule["group"].as_str().unwrap()
            ]
        );
        let explained = text(&mtlint_in(dir.path(), &["explain", name], None).stdout);
        assert!(explained.contains(rule["explanation"].as_str().unwrap()), "{name}");
        assert!(row.ends_with(rule["summary"].as_str().unwrap()), "{name}");
    }
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = mtlint_in(dir.path(), &["completions", shell], None);
        assert_eq!(output.status.code(), Some(0));
        let script = text(&output.stdout);
        assert!(script.contains("mtlint") && script.contains("force-exclude"), "{shell}");
    }
    let page = text(&mtlint_in(dir.path(), &["man"], None).stdout);
    assert!(page.contains(".TH mtlint 1"), "{page}");
    let output = mtlint_in(dir.path(), &["man", "--out-dir", "."], None);
    assert_eq!(output.status.code(), Some(0));
    let check_page = std::fs::read_to_string(dir.path().join("mtlint-check.1")).unwrap();
    assert!(check_page.contains("exit\\-zero"), "{check_page}");
    // Built from git, the version names the commit.
    let version = text(&mtlint_in(dir.path(), &["--version"], None).stdout);
    let head = Command::new("git")
        .args(["rev-parse", "--short=9", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success());
    match head {
        Some(head) => assert!(
            version.starts_with(&format!(
                "mtlint {} ({} ",
                env!("CARGO_PKG_VERSION"),
                text(&head.stdout).trim()
            )),
            "{version}"
        ),
        None => assert_eq!(version, format!("mtlint {}\n", env!("CARGO_PKG_VERSION"))),
    }
}

#[test]
fn fixed_standard_input_owns_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "other.txt", "To safeguard\n");
    let input = "Caf\u{c3}\u{a9} ok.\n\nTo safeguard\n".as_bytes();
    // Statistics and GitHub annotations go to standard error.
    let mut command = Command::new(env!("CARGO_BIN_EXE_mtlint"));
    let output = {
        use std::io::Write;
        let mut child = command
            .args(["check", "--no-config", "--fix", "--statistics", "-"])
            .current_dir(dir.path())
            .env("GITHUB_ACTIONS", "true")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input).unwrap();
        child.wait_with_output().unwrap()
    };
    assert_eq!(text(&output.stdout), "Café ok.\n\nTo safeguard\n");
    let stderr = text(&output.stderr);
    assert!(stderr.contains("::error file=<stdin>,line=3"), "{stderr}");
    assert!(stderr.contains("count  lint"), "{stderr}");
    // Another path beside `-` is refused: its report would land in the fixed text.
    let output = mtlint_in(dir.path(), &["check", "--fix", "-", "other.txt"], Some(input));
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(text(&output.stdout), "");
    assert_eq!(
        text(&output.stderr),
        "error: fixing standard input writes the fixed text to standard output: name no other path with `-`\n"
    );
    // Input that is not UTF-8 passes through unchanged, with an error.
    let output = mtlint_in(dir.path(), &["check", "--fix", "-"], Some(b"caf\xe9 ok\n"));
    assert_eq!(output.stdout, b"caf\xe9 ok\n");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("<stdin>: not valid UTF-8"),
        "{}",
        text(&output.stderr)
    );
    assert!(text(&output.stderr).contains("written to standard output unchanged"));
}

#[test]
fn a_user_rule_that_would_grow_or_rewrite_every_file_is_refused_at_load() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mtlint.toml",
        "[[rules]]\nname = \"house-grow\"\nmessage = \"grow `{text}`\"\nfix = \"safe\"\nregex = [{ pattern = 'a', fix = \"aa\" }]\n\n\
         [[rules]]\nname = \"house-empty\"\nmessage = \"empty `{text}`\"\nfix = \"safe\"\nregex = [{ pattern = \"x*\", fix = \"y\" }]\n",
    );
    write(dir.path(), "g.txt", "a banana\n");
    let output = mtlint_in(dir.path(), &["check", "--fix", "g.txt"], None);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "error: rule `house-grow`: the fix `aa` matches the pattern `a` itself: each --fix would fix it again, and grow the file\n \
         --> mtlint.toml:5:23\n  |\n5 | regex = [{ pattern = 'a', fix = \"aa\" }]\n  |                       ^ this pattern\n\n\
         error: rule `house-empty`: the pattern `x*` can match the empty string: it would flag, and fix, between any two characters\n  \
         --> mtlint.toml:11:23\n   |\n11 | regex = [{ pattern = \"x*\", fix = \"y\" }]\n   |                       ^^ this pattern\n\n\
         error: the configuration has 2 errors\n"
    );
    assert_eq!(std::fs::read_to_string(dir.path().join("g.txt")).unwrap(), "a banana\n");
}
