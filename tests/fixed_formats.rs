//! A fixed file stays valid in its format, checked by an oracle: `msgfmt --check` for PO (GNU
//! gettext; `.ci/run` installs it), an XML parser for XLIFF, the cue structure for subtitles, the
//! tags for HTML. Inputs are generated from what the lints fix, around the text of each unit.

use std::process::Command;

use mtlint::diagnostic::{Applicability, Level};
use mtlint::formats::Format;
use mtlint::{Linter, fix, registry};
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(150)
}

fn all_lints() -> Linter {
    Linter::new(vec![Level::Warn; registry::lints().len()])
}

/// Text of one unit: artifacts the lints fix, line breaks, escapes' meanings, invisibles.
fn unit_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Hello",
        "Disk full.",
        "A fault ?",
        "To print",
        "To safeguard",
        "Share",
        "\n",
        "\n",
        "\u{200b}",
        "\u{feff}",
        " ?",
        " !",
        "«",
        "»",
        " « ",
        " » ",
        "“",
        "”",
        "\"",
        "said.The",
        "the the",
        "Ã©",
        "â€™",
        "1,5",
        "3 000 €",
        "\t",
        " ",
        "  ",
        "e\u{301}",
        "joe biden",
        "Poutine",
        "…",
        "..",
        "word",
    ]);
    prop::collection::vec(pieces, 1..8).prop_map(|p| p.concat())
}

fn po_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
        .replace('\t', "\\t")
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn fixed(text: &str, format: Format, min: Applicability) -> String {
    let fixed = fix::fix(&all_lints(), "f", text.to_owned(), format, min);
    assert!(
        fixed.unconverged.is_empty(),
        "fixes did not settle for {:?}",
        fixed.unconverged
    );
    fixed.text
}

/// `msgfmt --check` on `po`: `Ok` or its complaint. `None` when msgfmt is not installed.
fn msgfmt(po: &str) -> Option<Result<(), String>> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.po");
    std::fs::write(&path, po).unwrap();
    let output = Command::new("msgfmt")
        .args(["--check", "-o", "/dev/null"])
        .arg(&path)
        .output()
        .ok()?;
    Some(if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    })
}

fn msgfmt_available() -> bool {
    let found = Command::new("msgfmt").arg("--version").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "msgfmt (gettext) is needed under CI; .ci/run installs it"
        );
        eprintln!("skipped: msgfmt is not installed (apt-get install gettext)");
    }
    found
}

const PO_HEADER: &str = "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n";

#[test]
fn the_msgfmt_reproductions_stay_valid() {
    if !msgfmt_available() {
        return;
    }
    for (target, min) in [
        ("Hello\\n\u{200b}", Applicability::Safe),
        ("Disk full.\\nA fault ?", Applicability::Unsafe),
    ] {
        let po = format!("{PO_HEADER}msgid \"Hello\"\nmsgstr \"{target}\"\n");
        let po = po.replace(
            "msgid \"Hello\"\nmsgstr \"Disk",
            "msgid \"Error: disk full\"\nmsgstr \"Disk",
        );
        assert_eq!(msgfmt(&po), Some(Ok(())), "the input is valid: {po}");
        let fixed = fixed(&po, Format::Po, min);
        assert_eq!(msgfmt(&fixed), Some(Ok(())), "{fixed}");
    }
}

proptest! {
    // Generated files msgfmt rejects, or cues without text, are skipped, not failures: about
    // 6% of cases, so the cap on skips grows with the cases (the default 1,024 stops a long run).
    #![proptest_config(ProptestConfig { cases: cases(), max_global_rejects: cases().max(1024), ..ProptestConfig::default() })]

    #[test]
    fn a_fixed_po_file_passes_msgfmt(source in unit_text(), targets in prop::collection::vec(unit_text(), 1..4)) {
        prop_assume!(msgfmt_available());
        let mut po = String::from(PO_HEADER);
        for (i, target) in targets.iter().enumerate() {
            // msgfmt wants a translation to begin and end with a line break as its source does.
            let mut target = target.clone();
            for (edge, wanted) in [(0, source.starts_with('\n')), (1, source.ends_with('\n'))] {
                let has = if edge == 0 { target.starts_with('\n') } else { target.ends_with('\n') };
                match (wanted, has, edge) {
                    (true, false, 0) => target.insert(0, '\n'),
                    (true, false, _) => target.push('\n'),
                    (false, true, 0) => target = target.trim_start_matches('\n').to_owned(),
                    (false, true, _) => target = target.trim_end_matches('\n').to_owned(),
                    _ => {}
                }
            }
            po.push_str(&format!("msgid \"{}{i}\"\nmsgstr \"{}\"\n\n", po_escape(&source), po_escape(&target)));
        }
        prop_assume!(msgfmt(&po) == Some(Ok(())));
        for min in [Applicability::Safe, Applicability::Unsafe] {
            let fixed = fixed(&po, Format::Po, min);
            prop_assert_eq!(msgfmt(&fixed), Some(Ok(())), "{}", fixed);
        }
    }

    #[test]
    fn a_fixed_xliff_file_stays_well_formed(units in prop::collection::vec((unit_text(), unit_text()), 1..4)) {
        let mut xliff = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\"><file><body>\n");
        for (i, (source, target)) in units.iter().enumerate() {
            xliff.push_str(&format!(
                "<trans-unit id=\"{i}\"><source>{}</source><target>{} <ph id=\"1\">%s</ph> <g id=\"2\">{}</g></target></trans-unit>\n",
                xml_escape(source), xml_escape(target), xml_escape(target)
            ));
        }
        xliff.push_str("</body></file></xliff>\n");
        for min in [Applicability::Safe, Applicability::Unsafe] {
            let fixed = fixed(&xliff, Format::Xliff, min);
            let mut reader = quick_xml::Reader::from_str(&fixed);
            let (mut depth, mut units, expected_units) = (0i32, 0, units.len());
            loop {
                match reader.read_event() {
                    Ok(quick_xml::events::Event::Eof) => break,
                    Ok(quick_xml::events::Event::Start(e)) => {
                        depth += 1;
                        units += usize::from(e.name().into_inner().as_bytes() == b"trans-unit");
                    }
                    Ok(quick_xml::events::Event::End(_)) => depth -= 1,
                    Ok(_) => {}
                    Err(err) => prop_assert!(false, "not well-formed after the fix: {err}\n{fixed}"),
                }
            }
            prop_assert_eq!(depth, 0, "{}", fixed);
            prop_assert_eq!(units, expected_units, "every unit stays");
            prop_assert_eq!(fixed.matches("<ph id=\"1\">%s</ph>").count(), expected_units);
        }
    }

    #[test]
    fn a_fixed_subtitle_file_keeps_every_cue_with_text(cues in prop::collection::vec(unit_text(), 1..5)) {
        let mut srt = String::new();
        for (i, cue) in cues.iter().enumerate() {
            // A cue's text has no blank line: that would end the cue.
            let text: Vec<&str> = cue.split('\n').filter(|l| !l.trim().is_empty()).collect();
            prop_assume!(!text.is_empty());
            srt.push_str(&format!("{}\n00:00:0{i},000 --> 00:00:0{i},900\n{}\n\n", i + 1, text.join("\n")));
        }
        for min in [Applicability::Safe, Applicability::Unsafe] {
            let fixed = fixed(&srt, Format::Subtitles, min);
            let blocks: Vec<&str> = fixed.split("\n\n").filter(|b| !b.trim().is_empty()).collect();
            prop_assert_eq!(blocks.len(), cues.len(), "{}", fixed);
            for block in blocks {
                let lines: Vec<&str> = block.lines().collect();
                prop_assert!(lines.len() >= 3 && lines[1].contains("-->"), "{:?}", block);
                prop_assert!(lines[2..].iter().any(|l| !l.trim().is_empty()), "a cue lost its text: {:?}", block);
            }
        }
    }

    #[test]
    fn a_fixed_html_file_keeps_its_tags(paragraphs in prop::collection::vec(unit_text(), 1..5)) {
        let mut html = String::from("<html><head><title>Page</title></head><body>\n");
        for p in &paragraphs {
            html.push_str(&format!("<p class=\"x\">{}</p>\n<ul><li>{}</li></ul>\n", xml_escape(p), xml_escape(p)));
        }
        html.push_str("</body></html>\n");
        let tags = |text: &str| -> Vec<String> {
            regex::Regex::new(r"<[^>]*>").unwrap().find_iter(text).map(|m| m.as_str().to_owned()).collect()
        };
        for min in [Applicability::Safe, Applicability::Unsafe] {
            let fixed = fixed(&html, Format::Html, min);
            prop_assert_eq!(tags(&fixed), tags(&html), "{}", fixed);
        }
    }
}
