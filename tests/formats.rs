//! Front-ends end to end: each fixture in `tests/formats/` has artifacts both in prose and in the
//! parts that must be skipped (code, scripts, URLs, timestamps, msgid, sources, comments). The
//! report must be exactly the expected one, spans must point at the right bytes, and `--fix`
//! must change prose bytes only.

use std::path::Path;
use std::process::Command;

use mtlint::formats::Format;

mod common;

fn mtlint(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(args)
        .current_dir(common::manifest_dir())
        .output()
        .expect("mtlint runs")
}

const FIXTURES: [&str; 6] = [
    "page.html",
    "cues.srt",
    "cues.vtt",
    "messages.po",
    "strings.xlf",
    "doc.md",
];

#[test]
fn each_front_end_reports_exactly_the_prose_findings() {
    let mut failures = Vec::new();
    for name in FIXTURES {
        let path = format!("tests/formats/{name}");
        let output = mtlint(&["check", "--no-config", "--format", "short", &path]);
        let report = String::from_utf8(output.stdout).unwrap();
        let expected = common::manifest_dir().join(format!("tests/formats/{name}.short"));
        failures.extend(common::compare(&expected, &report).err());
    }
    common::report(failures);
}

#[test]
fn spans_point_at_the_source_bytes() {
    for (name, code, expected) in [
        ("page.html", "stray-guillemet", "« denial of democracy »"),
        ("page.html", "space-before-punct", " ?"),
        // Character references are decoded for matching; spans cover them whole.
        ("page.html", "page-chrome", "Share&nbsp;on&nbsp;Flipboard"),
        (
            "page.html",
            "stray-guillemet",
            "&laquo;&nbsp;a denial of rights&nbsp;&raquo;",
        ),
        ("page.html", "space-before-punct", "&#160;?"),
        ("cues.srt", "ui-string", "To print"),
        ("cues.vtt", "source-punct", "„We will not leave anyone alone.“"),
        ("messages.po", "doubled-word", "the the"),
        // A PO string's lines are one text: the repeat spans the join.
        ("messages.po", "doubled-word", "the \"\n\"the"),
        ("strings.xlf", "ui-string", "To safeguard"),
        ("strings.xlf", "page-chrome", "Share&#160;on Facebook"),
        ("doc.md", "page-chrome", "Share on Facebook"),
        ("doc.md", "space-before-punct", "&nbsp;?"),
    ] {
        let path = format!("tests/formats/{name}");
        let output = mtlint(&["check", "--no-config", "--format", "json", &path]);
        let findings: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
        let text = std::fs::read_to_string(common::manifest_dir().join(&path)).unwrap();
        let found = findings.iter().filter(|f| f["code"] == code).map(|f| {
            let (start, end) = (
                f["byte_start"].as_u64().unwrap() as usize,
                f["byte_end"].as_u64().unwrap() as usize,
            );
            &text[start..end]
        });
        assert!(
            found.clone().any(|span| span == expected),
            "{name}: `{code}` spans {:?}, expected {expected:?}",
            found.collect::<Vec<_>>()
        );
    }
}

#[test]
fn fixing_changes_prose_bytes_only() {
    for name in ["doc.md", "messages.po", "page.html", "strings.xlf"] {
        let dir = tempfile::tempdir().unwrap();
        let original = std::fs::read_to_string(common::manifest_dir().join("tests/formats").join(name)).unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, &original).unwrap();
        mtlint(&["check", "--no-config", "--fix", path.to_str().unwrap()]);
        let fixed = std::fs::read_to_string(&path).unwrap();
        assert_ne!(fixed, original, "{name}: the fixture has safe fixes");
        let regions = Format::from_path(Path::new(name)).unwrap().regions(&original);
        let in_prose = |at: usize| regions.iter().any(|r| r.range.start <= at && at <= r.range.end);
        let diff = similar::TextDiff::from_chars(&original, &fixed);
        for op in diff.ops() {
            if op.tag() != similar::DiffTag::Equal {
                let changed = op.old_range();
                let start = original
                    .char_indices()
                    .nth(changed.start)
                    .map_or(original.len(), |(i, _)| i);
                assert!(
                    in_prose(start),
                    "{name}: a fix changed bytes outside prose at {start}: {fixed}"
                );
            }
        }
    }
}
