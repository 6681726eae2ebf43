//! The fuzz targets, as property tests on stable Rust (cargo fuzz needs nightly, which this
//! machine cannot install): (1) arbitrary bytes through every front-end with every lint on;
//! (2) arbitrary text linted then fixed: fixing twice equals once, spans on char boundaries,
//! line and column conversion never panics; (3) the configuration parser on arbitrary TOML.
//! CI runs a few hundred cases each; `PROPTEST_CASES=1000000 cargo test --release --test fuzz`
//! is the long hunt. Crash inputs found become the named regression tests at the end.

use std::path::Path;

use annotate_snippets::Renderer;
use mtlint::config::Config;
use mtlint::diagnostic::{Applicability, Level};
use mtlint::formats::Format;
use mtlint::source::Source;
use mtlint::{Linter, fix, registry, render};
use proptest::prelude::*;

const FORMATS: [Format; 6] = [
    Format::Plain,
    Format::Markdown,
    Format::Html,
    Format::Subtitles,
    Format::Po,
    Format::Xliff,
];

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}

fn all_lints() -> Linter {
    Linter::new(vec![Level::Warn; registry::lints().len()])
}

/// Pieces of hostile file names.
const NAME_PIECES: &[&str] = &[
    "a",
    "docs/",
    ".txt",
    "\n",
    "\r",
    "\r\n",
    "\u{1b}[2J",
    "\u{1b}]0;T\u{7}",
    "\u{9d}",
    "\u{9b}31m",
    "\u{202e}",
    "\u{2066}",
    "::error file=x::",
    "%0A",
    "%",
    ",",
    ":",
    " ",
    "\t",
    "\u{7f}",
    "é",
    "\u{200b}",
];

/// Numbers: digits of other scripts, every Unicode space and the separators between them (the
/// pair lints slice around them).
const NUMBER_PIECES: &[&str] = &[
    "３",
    "٣",
    "۳",
    "३",
    "๓",
    "𝟑",
    "٫",
    "٬",
    "'",
    "’",
    "\u{a0}",
    "\u{202f}",
    "\u{2009}",
    "\u{2007}",
    "\u{3000}",
    "\u{1680}",
    "\u{2000}",
    "\u{205f}",
    "3 000",
    "3\u{a0}000 €",
    "3\u{202f}000,50",
    "1.234.567",
    "12%",
];

/// Text biased towards what the front-ends and lints react to.
fn markup() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(
        vec![
            "<",
            ">",
            "</",
            "<p>",
            "</p>",
            "<script>",
            "</script>",
            "<!--",
            "-->",
            "&",
            "&amp;",
            "&nbsp;",
            "&laquo;",
            "&raquo;",
            "&#160;",
            "&#x2019;",
            "&quot;",
            "<img alt=\"",
            "<li>",
            "&#",
            ";",
            "\"",
            "'",
            "«",
            "»",
            "„",
            "“",
            "”",
            "?",
            " ?",
            ":",
            "\n",
            "\r\n",
            "\r",
            "\n\n",
            "  ",
            "\t",
            "#",
            "- ",
            "* ",
            "1. ",
            "```",
            "`",
            "[",
            "]",
            "(",
            ")",
            "!",
            "msgid ",
            "msgstr ",
            "msgstr[0] ",
            "\\",
            "\\\"",
            "-->",
            "00:00:01,000 --> 00:00:02,000",
            "WEBVTT",
            "<target>",
            "</target>",
            "<source>",
            "</source>",
            "<![CDATA[",
            "]]>",
            "<ph>",
            "Ã©",
            "â€™",
            "e\u{301}",
            "\u{200b}",
            "\u{202e}",
            "\u{feff}",
            "\0",
            "word",
            "To print",
            "A fault",
            "1,5",
            "14 000",
            "the the",
            "said.The",
            "👩\u{200d}👧",
        ]
        .into_iter()
        .chain(NUMBER_PIECES.iter().copied())
        .collect::<Vec<_>>(),
    );
    prop_oneof![
        prop::collection::vec(pieces, 0..80).prop_map(|p| p.concat()),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// Target 1: arbitrary bytes, every front-end, every lint: no panic, spans within the text.
    #[test]
    fn arbitrary_bytes_through_every_front_end(bytes in prop::collection::vec(any::<u8>(), 0..1500), markup in markup()) {
        let linter = all_lints();
        for text in [String::from_utf8_lossy(&bytes).into_owned(), markup] {
            for format in FORMATS {
                let source = Source::new("f", text.clone());
                let diagnostics = linter.check(&source, format);
                for d in &diagnostics {
                    prop_assert!(d.span().end <= text.len() && text.is_char_boundary(d.span().start) && text.is_char_boundary(d.span().end));
                    // The human report renders, at the file's line and column (what other
                    // formats give), whatever it had to make visible.
                    let mut report = String::new();
                    render::human::render(&Renderer::plain(), &source, std::slice::from_ref(d), &mut report, &mut |_| {});
                    let (line, column) = source.line_col(d.primary.span.start);
                    let location = format!("--> f:{line}:{column}\n");
                    prop_assert!(report.contains(&location), "{location} in {report}");
                }
            }
        }
    }

    /// Target 1b: file names with control characters, line breaks and workflow-command syntax:
    /// no text output passes a control character on, and GitHub gets one command per finding.
    #[test]
    fn hostile_names_never_reach_a_terminal_or_a_log(name in prop::collection::vec(prop::sample::select(NAME_PIECES.to_vec()), 1..8)) {
        let name = name.concat();
        let source = Source::new(name.clone(), "Why ? The the end\u{1b}[2J \u{9d}0;T\u{9c} \u{202e}exe.\n");
        let diagnostics = all_lints().check(&source, Format::Plain);
        let mut human = String::new();
        render::human::render(&Renderer::plain(), &source, &diagnostics, &mut human, &mut |_| {});
        let mut short = String::new();
        render::short::render(&source, &diagnostics, false, &mut short);
        let mut github = String::new();
        render::github::render(&source, &diagnostics, &mut github);
        for (format, out) in [("human", &human), ("short", &short), ("github", &github)] {
            let acting: Vec<char> = out.chars().filter(|&c| {
                (c.is_control() && !matches!(c, '\t' | '\n')) || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            }).collect();
            prop_assert!(acting.is_empty(), "{format}: {acting:?} in {out}");
        }
        prop_assert_eq!(github.lines().count(), diagnostics.len());
        prop_assert_eq!(short.lines().count(), diagnostics.len());
        prop_assert!(github.lines().all(|l| l.starts_with("::warning file=") || l.starts_with("::error file=")));
    }

    /// Target 2: lint then fix arbitrary text in every format.
    #[test]
    fn fixing_arbitrary_text_is_idempotent(text in markup(), format in prop::sample::select(FORMATS.to_vec())) {
        let linter = all_lints();
        for min in [Applicability::Safe, Applicability::Unsafe] {
            let once = fix::fix(&linter, "f", text.clone(), format, min);
            let twice = fix::fix(&linter, "f", once.text.clone(), format, min);
            prop_assert_eq!(&twice.text, &once.text);
        }
        let source = Source::new("f", text.clone());
        for offset in 0..=text.len() {
            let _ = source.line_col(offset);
        }
    }

    /// Target 2b: PO translations split over lines and full of escapes, linted then fixed
    /// through the decoded view: fixing twice equals once, and the file stays valid PO (every
    /// string line still opens and closes its quotes).
    #[test]
    fn fixing_po_strings_keeps_them_valid(source in po_piece(), pieces in prop::collection::vec(po_piece(), 1..6)) {
        let linter = all_lints();
        let mut text = format!("msgid \"Source ? {source}\"\nmsgstr \"\"\n");
        for piece in &pieces {
            text.push('"');
            text.push_str(piece);
            text.push_str("\"\n");
        }
        for min in [Applicability::Safe, Applicability::Unsafe] {
            let once = fix::fix(&linter, "f.po", text.clone(), Format::Po, min);
            let twice = fix::fix(&linter, "f.po", once.text.clone(), Format::Po, min);
            prop_assert_eq!(&twice.text, &once.text);
            for line in once.text.lines().filter(|l| l.starts_with('"')) {
                prop_assert!(is_one_po_string(line), "{:?} in {:?}", line, once.text);
            }
        }
    }

    /// Target 3: the configuration parser on arbitrary TOML-like text: an answer, never a panic.
    #[test]
    fn arbitrary_configuration_text(text in config_text()) {
        let _ = Config::from_text(Path::new("mtlint.toml"), &text);
    }
}

/// Whether `line` is one quoted string: its first unescaped `"` after the opening one ends it.
fn is_one_po_string(line: &str) -> bool {
    let Some(inner) = line.strip_prefix('"') else {
        return false;
    };
    let mut escaped = false;
    for (i, c) in inner.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return i + 1 == inner.len(),
            _ => escaped = false,
        }
    }
    false
}

/// The text of one line of a PO string: words, artifacts and escape sequences.
fn po_piece() -> impl Strategy<Value = String> {
    let parts = prop::sample::select(
        vec![
            "the",
            "the ",
            " the",
            "To print",
            "A fault",
            " ?",
            "?",
            "\\\"",
            "\\n",
            "\\t",
            "\\\\",
            "«",
            "»",
            " « ",
            " » ",
            "“",
            "”",
            "said.The",
            "1,5",
            "&nbsp;",
            " ",
            "word",
            "Share on Facebook",
        ]
        .into_iter()
        .chain(NUMBER_PIECES.iter().copied())
        .collect::<Vec<_>>(),
    );
    prop::collection::vec(parts, 0..8).prop_map(|p| p.concat())
}

fn config_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "[lints]\n",
        "[[overrides]]\n",
        "[[rules]]\n",
        "[ui-string]\n",
        "paths = [\"",
        "\"]\n",
        "name = \"",
        "message = \"",
        "regex = [{ pattern = '",
        "' }]\n",
        "line = [{ en = \"",
        "\" }]\n",
        "extend = [",
        "]\n",
        "all = \"deny\"\n",
        "source-language = \"fr\"\n",
        "include = [\"**\"]\n",
        "x",
        "a-b",
        "(",
        "[",
        "{",
        "\\",
        "*",
        "?",
        "\n",
        " = ",
        "\"",
        "1",
        "true",
        "level = \"warn\"\n",
        "fix = \"safe\"\n",
        "#",
    ]);
    prop_oneof![
        prop::collection::vec(pieces, 0..40).prop_map(|p| p.concat()),
        any::<String>()
    ]
}

/// Regression: found by the long runs of both text targets: an unterminated `<![CDATA[` made
/// the content's end fall inside a character.
#[test]
fn regression_human_report_of_a_finding_on_a_byte_order_mark() {
    let long = format!(
        "\u{feff}\u{2000}<</<<<00:00:01,000 --> 00:00:02,000msgid <<script></00:00:01,000 --> \
                        00:00:02,000  <<<<<<<  <<<    <<<<{}",
        " word".repeat(30)
    );
    for text in ["\u{feff}\u{2000}#", long.as_str()] {
        let source = Source::new("f", text);
        for format in FORMATS {
            let diagnostics = all_lints().check(&source, format);
            let mut report = String::new();
            render::human::render(&Renderer::plain(), &source, &diagnostics, &mut report, &mut |_| {});
            for d in &diagnostics {
                let (line, column) = source.line_col(d.primary.span.start);
                assert!(report.contains(&format!("--> f:{line}:{column}\n")), "{report}");
            }
        }
    }
}

#[test]
fn regression_xliff_unterminated_cdata() {
    for text in [
        "<target>said.The<![CDATA[\"-->«<<]]><script>",
        "<target>x<![CDATA[â€™:<source>;word <Ã©&#]]>?",
    ] {
        for format in FORMATS {
            let _ = all_lints().check(&Source::new("f", text), format);
        }
        let _ = fix::fix(&all_lints(), "f", text.to_owned(), Format::Xliff, Applicability::Unsafe);
    }
}

/// Regression: found by `arbitrary_bytes_through_every_front_end` at once. quick-xml's position
/// after a malformed end tag fell inside `Ã`, and slicing there panicked.
#[test]
fn regression_xliff_position_inside_a_character() {
    let text = "\u{feff}'Ã©>14 000`1,5Ã©</„é";
    let _ = all_lints().check(&Source::new("f", text), Format::Xliff);
    for format in FORMATS {
        let _ = all_lints().check(&Source::new("f", text), format);
    }
}
