//! Hostile and unusual input, each through the binary: mtlint reports clearly, never hangs,
//! never crashes, and lints the other inputs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn mtlint_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("mtlint runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    std::fs::create_dir(root.join(".git")).unwrap();
    (dir, root)
}

fn write(root: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = root.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn utf16_is_refused_with_a_hint_and_the_rest_is_linted() {
    let (_dir, root) = folder();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("Why ?".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    write(&root, "wide.txt", &utf16);
    write(&root, "ok.txt", b"Why ?\n");
    let output = mtlint_in(&root, &["check", "--format", "short", "wide.txt", "ok.txt"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr)
            .contains("error: wide.txt: UTF-16 text (little-endian byte-order mark); mtlint reads UTF-8 only"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(
        text(&output.stdout),
        "ok.txt:1:4: warning[space-before-punct] space before `?`\n"
    );
}

#[test]
fn binary_files_in_a_folder_are_skipped_with_a_note_under_verbose() {
    let (_dir, root) = folder();
    write(&root, "docs/image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR ?");
    write(&root, "docs/a.txt", b"Why ?\n");
    let output = mtlint_in(&root, &["check", "--format", "short", "docs"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        text(&output.stdout),
        "docs/a.txt:1:4: warning[space-before-punct] space before `?`\n"
    );
    assert_eq!(text(&output.stderr), "");
    let output = mtlint_in(&root, &["check", "-v", "--format", "short", "docs"]);
    let root_shown = root.canonicalize().unwrap_or(root.clone());
    let stopped = [root.display().to_string(), root_shown.display().to_string()];
    let notes = text(&output.stderr);
    assert!(
        stopped.iter().any(|r| notes
            == format!(
                "note: docs: no configuration file from there up to the repository root {r}; built-in defaults\n\
                 note: docs/image.txt: skipped, looks binary (a NUL byte)\n"
            )),
        "{notes}"
    );
}

#[test]
fn empty_files_and_a_lone_bom_are_clean() {
    let (_dir, root) = folder();
    write(&root, "empty.txt", b"");
    write(&root, "bom.txt", "\u{feff}".as_bytes());
    write(&root, "bom.md", "\u{feff}".as_bytes());
    let output = mtlint_in(&root, &["check", "--fix", "empty.txt", "bom.txt", "bom.md"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(std::fs::read(root.join("bom.txt")).unwrap(), "\u{feff}".as_bytes());
}

#[test]
fn line_endings_of_every_kind_survive_a_fix() {
    let (_dir, root) = folder();
    let input = b"Why ?\r\nLone CR ?\rMixed ?\nEnd ?";
    write(&root, "endings.txt", input);
    let output = mtlint_in(&root, &["check", "--fix", "endings.txt"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        std::fs::read(root.join("endings.txt")).unwrap(),
        b"Why?\r\nLone CR?\rMixed?\nEnd?"
    );
}

#[test]
fn nul_bytes_in_a_named_file_are_control_characters() {
    let (_dir, root) = folder();
    write(&root, "nul.txt", b"A\0B and more ?\n");
    let output = mtlint_in(&root, &["check", "--format", "short", "nul.txt"]);
    let report = text(&output.stdout);
    assert!(
        report.contains(
            "nul.txt:1:2: warning[invisible-char] invisible character in the text: control character (U+0000)"
        ),
        "{report}"
    );
}

#[test]
fn a_ten_megabyte_line() {
    let (_dir, root) = folder();
    // 10 MB of distinct neighbouring words (a repeated word would be `doubled-word`'s finding).
    let mut line = "alpha beta gamma delta ".repeat(10_000_000 / 23 + 1);
    line.push_str("Why ?");
    let column = line.chars().count() - 1;
    write(&root, "long.txt", line.as_bytes());
    let output = mtlint_in(&root, &["check", "--format", "short", "long.txt"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        text(&output.stdout),
        format!("long.txt:1:{column}: warning[space-before-punct] space before `?`\n")
    );
}

#[test]
fn missing_paths_symlink_loops_and_fifos_are_errors_not_hangs() {
    let (_dir, root) = folder();
    std::os::unix::fs::symlink(root.join("b"), root.join("a")).unwrap();
    std::os::unix::fs::symlink(root.join("a"), root.join("b")).unwrap();
    let fifo = root.join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    write(&root, "ok.txt", b"Fine.\n");
    let mut args = vec!["check", "missing.txt", "a", "ok.txt"];
    if made {
        args.push("pipe.txt");
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(&args)
        .current_dir(&root)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A hang would be the bug: wait at most ten seconds.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        assert!(std::time::Instant::now() < deadline, "mtlint hangs");
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = text(&output.stderr);
    assert!(err.contains("error: missing.txt: no such file or folder"), "{err}");
    assert!(err.contains("error: a: "), "{err}");
    if made {
        assert!(err.contains("error: pipe.txt: not a regular file"), "{err}");
    }
    assert!(
        text(&output.stdout).contains("no problems in 1 file"),
        "{}",
        text(&output.stdout)
    );
    // A symlink loop inside a walked folder is not followed.
    let output = mtlint_in(&root, &["check", "--format", "short", "."]);
    assert_ne!(output.status.code(), None);
}

#[test]
fn an_unreadable_folder_is_reported_or_read() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, root) = folder();
    write(&root, "locked/a.txt", b"Why ?\n");
    std::fs::set_permissions(root.join("locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let output = mtlint_in(&root, &["check", "--format", "short", "locked"]);
    std::fs::set_permissions(root.join("locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
    // Root reads it anyway; anyone else gets an error naming it.
    match output.status.code() {
        Some(2) => assert!(text(&output.stderr).contains("locked"), "{}", text(&output.stderr)),
        Some(0) => assert!(text(&output.stdout).contains("space-before-punct")),
        other => panic!("exit {other:?}: {}", text(&output.stderr)),
    }
}

#[test]
fn ten_thousand_files_in_one_folder() {
    let (_dir, root) = folder();
    for i in 0..10_000 {
        write(
            &root,
            &format!("many/f{i:05}.txt"),
            if i % 1000 == 0 { b"Why ?\n" } else { b"Fine.\n" },
        );
    }
    let output = mtlint_in(&root, &["check", "--format", "short", "many"]);
    let report = text(&output.stdout);
    assert_eq!(report.lines().count(), 10, "{report}");
    assert!(report.starts_with("many/f00000.txt:1:4:"), "in path order: {report}");
}

#[test]
fn markdown_nested_ten_thousand_lists_deep() {
    let (_dir, root) = folder();
    let mut doc = String::new();
    for depth in 0..10_000 {
        doc.push_str(&"  ".repeat(depth.min(2000)));
        doc.push_str("- item ?\n");
    }
    write(&root, "deep.md", doc.as_bytes());
    let output = mtlint_in(&root, &["check", "--format", "short", "deep.md"]);
    assert!(matches!(output.status.code(), Some(0 | 1)), "{}", text(&output.stderr));
}

#[test]
fn a_ten_megabyte_config_and_hostile_patterns() {
    let (_dir, root) = folder();
    let mut config = String::from("[ui-string]\nextend = [\n");
    while config.len() < 10_000_000 {
        config.push_str(&format!("  \"To press button number {}\",\n", config.len()));
    }
    config.push_str(
        "]\n[[rules]]\nname = \"slow\"\nmessage = \"m\"\nregex = [{ pattern = '(a+)+$' }, { pattern = '(x|x)*y' }]\n",
    );
    write(&root, "mtlint.toml", config.as_bytes());
    write(&root, "a.txt", format!("{}!\n", "a".repeat(100_000)).as_bytes());
    let output = mtlint_in(&root, &["check", "--format", "short", "a.txt"]);
    assert!(matches!(output.status.code(), Some(0 | 1)), "{}", text(&output.stderr));
}

/// `--fix` on a full disk: the original is intact, no temporary file is left, exit 2. A small
/// tmpfs makes the disk full; where mounting is not allowed (not root), the test says so and
/// passes, since it cannot make the fault.
#[test]
fn fixing_on_a_full_disk_keeps_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let mount = dir.path().join("small");
    std::fs::create_dir(&mount).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&mount)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("cannot mount a tmpfs here: the full-disk case is not exercised");
        return;
    }
    // 40 KB with a fix: the temporary copy does not fit beside it in 64 KB.
    let original = format!("Why ?\n{}", "Fine words here.\n".repeat(2400));
    std::fs::write(mount.join("a.txt"), &original).unwrap();
    let output = mtlint_in(&mount, &["check", "--fix", "a.txt"]);
    let leftovers: Vec<_> = std::fs::read_dir(&mount)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let kept = std::fs::read_to_string(mount.join("a.txt")).unwrap();
    let _ = Command::new("umount").arg(&mount).status();
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    assert!(
        text(&output.stderr).contains("a.txt: not fixed: cannot write it"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(kept, original);
    assert_eq!(leftovers.len(), 1, "no temporary file is left: {leftovers:?}");
}

/// Ctrl-C during a long `--fix` run: every file is the old or the new version, never a mix, and
/// no temporary file is left.
#[test]
fn an_interrupted_fix_leaves_whole_files_and_no_temporary_files() {
    let (_dir, root) = folder();
    let original = format!(
        "Why ?\n\n{}",
        "A longer paragraph of ordinary words, to give each file some weight.\n".repeat(300)
    );
    let fixed = original.replacen("Why ?", "Why?", 1);
    for i in 0..3000 {
        write(&root, &format!("many/f{i:04}.txt"), original.as_bytes());
    }
    let child = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(["check", "--fix", "--threads", "2", "many"])
        .current_dir(&root)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let _ = Command::new("kill").args(["-INT", &child.id().to_string()]).status();
    let output = child.wait_with_output().unwrap();
    let (mut old, mut new) = (0, 0);
    for entry in std::fs::read_dir(root.join("many")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.starts_with(".mtlint-"), "temporary file left: {name}");
        let content = std::fs::read_to_string(&path).unwrap();
        if content == original {
            old += 1;
        } else {
            assert_eq!(content, fixed, "{name} is neither the old nor the new version");
            new += 1;
        }
    }
    assert_eq!(old + new, 3000);
    // Interrupted (130), or finished before the signal (0).
    assert!(
        matches!(output.status.code(), Some(130 | 0)),
        "{:?}: {}",
        output.status,
        text(&output.stderr)
    );
}

#[cfg(unix)]
#[test]
fn fixing_through_a_symlink_fixes_its_target_and_hard_links_are_never_split() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let (_dir, root) = folder();
    write(&root, "real/target.txt", b"Why ?\n");
    std::os::unix::fs::symlink("real/target.txt", root.join("link.txt")).unwrap();
    let output = mtlint_in(&root, &["check", "--fix", "--format", "short", "link.txt"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(
        std::fs::symlink_metadata(root.join("link.txt"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(root.join("real/target.txt")).unwrap(), "Why?\n");

    let a = write(&root, "a.txt", b"Why ?\n");
    std::fs::set_permissions(&a, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::fs::hard_link(&a, root.join("b.txt")).unwrap();
    let output = mtlint_in(&root, &["check", "--fix", "--format", "short", "a.txt"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "error: a.txt: not fixed: it has 2 hard links, and writing a new file would split them; fix a copy\n"
    );
    assert_eq!(
        text(&output.stdout),
        "a.txt:1:4: warning[space-before-punct] space before `?`\n"
    );
    assert_eq!(std::fs::metadata(&a).unwrap().nlink(), 2);
    assert_eq!(std::fs::read_to_string(root.join("b.txt")).unwrap(), "Why ?\n");
    // Once alone, the file is fixed and keeps its mode.
    std::fs::remove_file(root.join("b.txt")).unwrap();
    let output = mtlint_in(&root, &["check", "--fix", "a.txt"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(std::fs::metadata(&a).unwrap().permissions().mode() & 0o7777, 0o640);
}

#[test]
fn a_temporary_file_left_by_a_killed_fix_is_reported_by_the_next_walk() {
    let (_dir, root) = folder();
    write(&root, "docs/a.txt", b"Fine.\n");
    write(&root, "docs/.a.txt.mtlint-Xy12Ab.tmp", b"Fine, half");
    write(&root, "docs/.hidden.txt", b"Why ?\n");
    let output = mtlint_in(&root, &["check", "--format", "short", "docs"]);
    assert_eq!(
        text(&output.stderr),
        "warning: docs/.a.txt.mtlint-Xy12Ab.tmp: a temporary file of an `mtlint --fix` that was killed; the \
         file it was for was left as it was: remove it\n"
    );
    assert_eq!(text(&output.stdout), "", "hidden files are still not linted");
    assert_eq!(output.status.code(), Some(0));
}

#[cfg(unix)]
#[test]
fn sigterm_during_a_fix_leaves_every_file_whole_and_no_temporary_file() {
    let (_dir, root) = folder();
    let line = "Caf\u{c3}\u{a9} is a word in this sentence, which goes on for a while.\n";
    let original = line.repeat(20_000);
    write(&root, "f.txt", original.as_bytes());
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(["check", "--no-config", "--fix", "--format", "short", "f.txt"])
        .current_dir(&root)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let temporary = |root: &Path| {
        std::fs::read_dir(root)
            .unwrap()
            .any(|e| e.unwrap().file_name().to_string_lossy().contains(".mtlint-"))
    };
    let mut signalled = false;
    while child.try_wait().unwrap().is_none() {
        if temporary(&root) {
            let pid = child.id().to_string();
            signalled = Command::new("kill").args(["-TERM", &pid]).status().unwrap().success();
            break;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    let output = child.wait_with_output().unwrap();
    assert!(!temporary(&root), "a temporary file was left");
    let now = std::fs::read_to_string(root.join("f.txt")).unwrap();
    let fixed = "Café is a word in this sentence, which goes on for a while.\n".repeat(20_000);
    assert!(now == original || now == fixed, "the file is the old or the new text");
    if signalled {
        // The file being written finished whole; the run says it was interrupted.
        assert_eq!(output.status.code(), Some(130), "{}", text(&output.stderr));
        assert!(text(&output.stderr).contains("interrupted; every file was left whole"));
    } else {
        eprintln!("NOTE: the fix finished before the signal could be sent");
    }
}

#[test]
fn a_binary_file_named_on_the_command_line_is_linted_but_never_fixed() {
    let (_dir, root) = folder();
    let bytes = b"\0\x01\x02HDR\0\0\x10\0data\0\x07\x1b\0".to_vec();
    // UTF-16 without a byte-order mark: NUL bytes between the letters.
    let wide: Vec<u8> = "Why ?\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let path = write(&root, "blob.dat", &bytes);
    let wide_path = write(&root, "wide.txt", &wide);
    let output = mtlint_in(&root, &["check", "--fix", "--format", "short", "blob.dat", "wide.txt"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "error: blob.dat: not fixed: it looks binary (a NUL byte in its first 8 KiB); mtlint fixes text files only\n\
         error: wide.txt: not fixed: it looks binary (a NUL byte in its first 8 KiB); mtlint fixes text files only\n"
    );
    assert!(text(&output.stdout).starts_with("blob.dat:1:1: warning[invisible-char]"));
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    assert_eq!(std::fs::read(&wide_path).unwrap(), wide);
}

/// Control characters a terminal or a CI log would act on (tab and line breaks aside).
fn acting_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && !matches!(c, '\t' | '\n'))
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn no_control_character_of_a_file_or_its_name_reaches_the_terminal_or_the_ci_log() {
    let (_dir, root) = folder();
    let name = "a\n::error file=x::pwned\u{1b}[2J\u{9d}.txt";
    write(
        &root,
        name,
        "The the minister \u{1b}]0;TITLE\u{7} said \u{1b}[31mRED Caf\u{c3}\u{a9} \u{9d}0;T\u{9c} \u{202e}txt.exe ?\n"
            .as_bytes(),
    );
    for args in [
        vec!["check", name],
        vec!["check", "--color", "always", name],
        vec!["check", "--format", "short", name],
        vec!["check", "--format", "github", name],
        vec!["check", "--diff", "--unsafe-fixes", name],
        vec!["check", "--statistics", name],
    ] {
        let output = mtlint_in(&root, &args);
        let stdout = text(&output.stdout);
        // Colours are mtlint's own `ESC [ … m`; nothing else.
        let without_colours = regex_free_colours(&stdout);
        assert_eq!(
            acting_controls(&without_colours),
            Vec::<char>::new(),
            "{args:?}: {stdout}"
        );
        assert_eq!(acting_controls(&text(&output.stderr)), Vec::<char>::new(), "{args:?}");
        assert!(
            !stdout.lines().any(|l| l.starts_with("::error file=x")),
            "{args:?}: a workflow command was injected"
        );
    }
    // JSON keeps the name exactly.
    let output = mtlint_in(&root, &["check", "--format", "json", name]);
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(findings[0]["path"], name);
}

/// `text` without the SGR colour sequences mtlint writes itself.
fn regex_free_colours(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\u{1b}[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let end = after
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(after.len());
        if after[end..].starts_with('m') {
            rest = &after[end + 1..];
        } else {
            out.push('\u{1b}');
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn the_human_report_of_a_long_line_is_windowed_around_each_finding() {
    let (_dir, root) = folder();
    // One 90 KB line with 1,000 findings: each report shows its neighbourhood, not the line.
    let line = "Le mot est là ? ".repeat(1000) + "\n";
    write(&root, "long.txt", line.as_bytes());
    let output = mtlint_in(&root, &["check", "--no-config", "-A", "untranslated", "long.txt"]);
    let report = text(&output.stdout);
    let findings = report.matches("warning[space-before-punct]").count();
    assert_eq!(findings, 1000, "{}", &report[..report.len().min(2000)]);
    assert!(
        report.len() < findings * 1500,
        "{} bytes for {findings} findings: the line is printed whole",
        report.len()
    );
    // The locations are the file's, however the line is cut.
    assert!(report.contains(" --> long.txt:1:14\n"));
    assert!(report.contains(&format!(" --> long.txt:1:{}\n", 999 * 16 + 14)));
}

#[cfg(unix)]
#[test]
fn a_file_swapped_for_a_fifo_after_the_walk_is_refused_not_waited_on() {
    let (_dir, root) = folder();
    let fifo = root.join("f.txt");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    // What the walk's reader does with the path it listed: open without blocking, then check.
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || sender.send(mtlint::walk::read_bytes(&fifo)).unwrap());
    let result = receiver
        .recv_timeout(Duration::from_secs(10))
        .expect("the read returns, it does not block");
    assert_eq!(
        result.unwrap_err().message,
        "not a regular file (a FIFO, socket or device); mtlint reads files, folders and `-`"
    );
}

#[test]
fn a_thread_count_beyond_the_machine_is_clamped_with_a_warning() {
    let (_dir, root) = folder();
    write(&root, "a.txt", b"Why ?\n");
    let output = mtlint_in(
        &root,
        &["check", "-j", "18446744073709551615", "--format", "short", "a.txt"],
    );
    assert_eq!(
        text(&output.stdout),
        "a.txt:1:4: warning[space-before-punct] space before `?`\n"
    );
    assert!(
        text(&output.stderr).starts_with("warning: -j 18446744073709551615: using "),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn nothing_is_skipped_silently_boms_duplicates_and_uris() {
    let (_dir, root) = folder();
    let unit = "<trans-unit id=\"1\"><source>a</source><target>Caf\u{c3}\u{a9}</target></trans-unit>";
    write(
        &root,
        "unit.xlf",
        format!("\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\"><file><body>{unit}</body></file></xliff>\n")
            .as_bytes(),
    );
    write(
        &root,
        "strings.po",
        "\u{feff}msgid \"a\"\nmsgstr \"Caf\u{c3}\u{a9}\"\n".as_bytes(),
    );
    write(&root, "a#1.txt", b"Why ?\n");
    let output = mtlint_in(
        &root,
        &[
            "check",
            "--format",
            "short",
            "unit.xlf",
            "strings.po",
            "a#1.txt",
            "./a#1.txt",
            ".",
        ],
    );
    assert_eq!(
        text(&output.stdout),
        "a#1.txt:1:4: warning[space-before-punct] space before `?`\n\
         strings.po:2:12: error[mojibake] mojibake: `Ã©` reads `é`\n\
         unit.xlf:2:82: error[mojibake] mojibake: `Ã©` reads `é`\n"
    );
    let output = mtlint_in(&root, &["check", "--format", "sarif", "a#1.txt"]);
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let uri = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri, "a%231.txt");
    // JSON Lines: a byte-order mark opens the stream, the first record is a record.
    write(&root, "c.jsonl", "\u{feff}{\"t\":\"Why ?\"}\n".as_bytes());
    let output = mtlint_in(&root, &["check", "--jsonl-field", "t", "--format", "short", "c.jsonl"]);
    assert_eq!(
        text(&output.stdout),
        "c.jsonl#1:1:4: warning[space-before-punct] space before `?`\n"
    );
    assert_eq!(text(&output.stderr), "");
}
