//! What the README says, checked against what mtlint does: the formats and the extensions a walk
//! takes, the lints table, suppressions in HTML (a bare one included), bidi controls as errors.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use mtlint::formats::{EXTENSIONS, Format};
use mtlint::registry;

mod common;

fn readme() -> String {
    std::fs::read_to_string(common::manifest_dir().join("README.md")).unwrap()
}

/// The rows of the Markdown table whose header starts with `header`.
fn table(readme: &str, header: &str) -> Vec<Vec<String>> {
    let start = readme.find(header).unwrap_or_else(|| panic!("no table `{header}`"));
    readme[start..]
        .lines()
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .map(|line| {
            line.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_owned())
                .collect()
        })
        .collect()
}

/// The `.ext` names quoted in a cell.
fn extensions(cell: &str) -> BTreeSet<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .filter_map(|quoted| quoted.strip_prefix('.'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_formats_table_lists_every_extension_a_walk_takes() {
    let readme = readme();
    let rows = table(&readme, "| format | files |");
    let names = [
        ("plain text", Format::Plain),
        ("Markdown", Format::Markdown),
        ("HTML", Format::Html),
        ("subtitles", Format::Subtitles),
        ("PO", Format::Po),
        ("XLIFF 1.2, 2.0", Format::Xliff),
    ];
    assert_eq!(rows.len(), names.len());
    for (row, (name, format)) in rows.iter().zip(names) {
        assert_eq!(row[0], name);
        let expected: BTreeSet<String> = EXTENSIONS
            .iter()
            .filter(|(_, f)| *f == format)
            .map(|(e, _)| e.to_string())
            .collect();
        assert_eq!(extensions(&row[1]), expected, "the README's {name} extensions");
    }
}

#[test]
fn the_lints_table_gives_each_lint_its_group_level_and_fix() {
    let readme = readme();
    let rows = table(&readme, "| name | group | default | fix | flags |");
    let listed: BTreeSet<&str> = rows.iter().map(|r| r[0].trim_matches('`')).collect();
    let lints: BTreeSet<&str> = registry::lints().iter().map(|l| l.name).collect();
    assert_eq!(listed, lints);
    assert_eq!(rows.len(), lints.len(), "each lint once");
    for row in &rows {
        let lint = registry::get(row[0].trim_matches('`')).unwrap();
        assert_eq!(row[1], lint.spec.group.as_str(), "{}", lint.name);
        assert!(
            row[2].starts_with(lint.spec.level.as_str()),
            "{}: {}",
            lint.name,
            row[2]
        );
        let fix = lint.spec.fix.map_or("—", |a| a.as_str());
        assert_eq!(row[3], fix, "{}", lint.name);
    }
}

fn mtlint_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(args)
        .current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn short(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn a_walk_takes_the_documented_extensions_whatever_their_case() {
    let dir = tempfile::tempdir().unwrap();
    for (extension, _) in EXTENSIONS {
        let name = format!("f.{}", extension.to_uppercase());
        std::fs::write(dir.path().join(name), "").unwrap();
    }
    std::fs::write(dir.path().join("notes.rst"), "Why ?\n").unwrap();
    let output = mtlint_in(dir.path(), &["check", "."]);
    assert_eq!(
        short(&output),
        format!("mtlint: no problems in {} files\n", EXTENSIONS.len())
    );
}

#[test]
fn suppressions_work_in_html_and_a_bare_one_turns_every_lint_off_on_the_next_line() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<html><body>\n<!-- mtlint-disable-next-line -->\n<p>To print ?</p>\n<p>To print</p>\n\
                <!-- mtlint-disable space-before-punct -->\n<p>So ?</p>\n<!-- mtlint-enable -->\n<p>And ?</p>\n\
                <!-- mtlint-disable-next-line no-such-lint -->\n<p>Fine.</p>\n</body></html>\n";
    std::fs::write(dir.path().join("page.html"), page).unwrap();
    let output = mtlint_in(dir.path(), &["check", "--format", "short", "page.html"]);
    assert_eq!(
        short(&output),
        "page.html:4:4: error[ui-string] literal translation of a UI label: `To print`\n\
         page.html:8:7: warning[space-before-punct] space before `?`\n\
         page.html:9:1: warning[unused-suppression] suppression comment names an unknown lint: `no-such-lint`\n"
    );
}

#[test]
fn bidi_controls_are_errors_even_where_the_lint_only_warns() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "The file \u{202e}gnp.exe is here.\nA zero\u{200b}width.\n",
    )
    .unwrap();
    let output = mtlint_in(
        dir.path(),
        &["check", "--format", "short", "-W", "invisible-char", "a.txt"],
    );
    let shown = short(&output);
    assert!(
        shown.starts_with("a.txt:1:10: error[invisible-char] bidirectional control"),
        "{shown}"
    );
    assert!(shown.contains("a.txt:2:7: warning[invisible-char]"), "{shown}");
    assert_eq!(output.status.code(), Some(1));
}
