//! Properties of linting and fixing on generated text made of the pieces the lints look for:
//! fixing twice equals fixing once, a fix changes no byte outside its edits, and every span
//! lies on character boundaries. Issue 8's fuzzing goes further; this runs in seconds in CI.

use mtlint::diagnostic::{Applicability, Level};
use mtlint::formats::Format;
use mtlint::source::Source;
use mtlint::{Linter, fix, registry};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "the",
    "the",
    "The",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "said",
    "word",
    ".",
    ",",
    "?",
    "!",
    ":",
    ";",
    "\"",
    "“",
    "”",
    "«",
    "»",
    "„",
    "‚",
    "‘",
    "’",
    "¿",
    "¡",
    "Ã©",
    "â€™",
    "â€”",
    "Ã¢â‚¬â„¢",
    "Â\u{a0}",
    "\u{a0}",
    "\u{202f}",
    "\u{200b}",
    "\u{ad}",
    "\u{202e}",
    "\u{200d}",
    "\u{feff}",
    "\u{7}",
    "e\u{301}",
    "A\u{30a}",
    "&nbsp;",
    "&#8217;",
    "&amp;",
    "\\u00e9",
    "said.The",
    "..",
    ",,",
    "...",
    "A fault ?",
    "To print",
    "  • ",
    "- ",
    "0 comment",
    "joe biden",
    "Poutine",
    "Moscou",
    "1,5",
    "14 000",
    "3,2 %",
    "16/03/2023",
    "10h45",
    "1er",
    "5 €",
    "👩\u{200d}👩\u{200d}👧",
    "Élysée",
    "Здравствуйте",
    "नमस्ते",
    "`code ?`",
    "# ",
    "x",
    "la",
    "des",
    "motion of censure",
    "informations",
    "that“No",
    " ”he",
    " :19",
    // Markdown structure: code that holds what would be a finding or a suppression elsewhere.
    "```\n",
    "```markdown\n",
    "~~~\n",
    "    ",
    "<!-- mtlint-disable-next-line space-before-punct -->",
    "<!-- mtlint-disable -->",
    "<!-- mtlint-enable -->",
    "**",
    "*",
    "_",
    "---\n",
    "> ",
    "[link](http://a.b/?x)",
    "<b>",
    "</b>",
    // Runs: nested quotes and repeated words that need many fixes at once.
    "„„„„",
    "““““",
    "””””",
    "««««",
    "»»»»",
    "the the the the the the",
    // Numbers in other scripts and with other separators.
    "３",
    "٣",
    "३०",
    "3\u{a0}000",
    "3\u{202f}000,5",
    "1\u{2009}000",
    "٣٫٥",
    "1'000",
];

fn pieces() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|pieces| pieces.concat())
}

/// Pieces, or pieces nested in up to 16 pairs of marks (`„„„x“““`, `«« the the »»`): nesting
/// is what needs many fixes in one round.
fn text() -> impl Strategy<Value = String> {
    let marks = prop::sample::select(vec!["„", "“", "”", "«", "»", "\"", "‚", "‘", "’", "(", ")", "the "]);
    let nested = (pieces(), 1..16usize, marks.clone(), marks)
        .prop_map(|(inner, depth, open, close)| format!("{}{inner}{}", open.repeat(depth), close.repeat(depth)));
    prop_oneof![3 => pieces(), 1 => nested]
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400)
}

fn all_lints() -> Linter {
    Linter::new(vec![Level::Warn; registry::lints().len()])
}

fn format() -> impl Strategy<Value = Format> {
    prop_oneof![Just(Format::Plain), Just(Format::Markdown)]
}

/// The pulldown-cmark events of `text`, as mtlint reads Markdown, adjacent text joined.
fn markdown_events(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    mtlint::formats::markdown_signature(text)
}

proptest! {
    // 400 cases in CI (under a second); `PROPTEST_CASES=100000` for a longer hunt.
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn fixing_twice_equals_fixing_once(text in text(), format in format()) {
        let linter = all_lints();
        for min in [Applicability::Safe, Applicability::Unsafe] {
            let once = fix::fix(&linter, "p", text.clone(), format, min);
            prop_assert!(once.unconverged.is_empty(), "fixes did not settle for {:?}", once.unconverged);
            let twice = fix::fix(&linter, "p", once.text.clone(), format, min);
            prop_assert_eq!(&twice.text, &once.text);
            // Nothing fixable at that trust is left.
            let left = linter.check(&Source::new("p", once.text.clone()), format);
            let fixable: Vec<&str> = left.iter().filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability() >= min)).map(|d| d.lint).collect();
            prop_assert!(fixable.is_empty(), "still fixable after --fix: {:?}", fixable);
        }
    }

    #[test]
    fn a_fix_changes_only_its_edits_and_spans_are_on_boundaries(text in text(), format in format()) {
        let source = Source::new("p", text.clone());
        for diagnostic in all_lints().check(&source, format) {
            let spans = std::iter::once(&diagnostic.primary).chain(&diagnostic.secondary).map(|l| l.span);
            for span in spans {
                prop_assert!(span.start <= span.end && span.end <= text.len());
                prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
                let _ = (source.line_col(span.start), source.line_col(span.end));
            }
            let Some(fix) = &diagnostic.fix else { continue };
            let (fixed, applied) = fix::apply(&text, vec![(diagnostic.lint, fix)]);
            prop_assert_eq!(applied, 1);
            let (first, last) = (fix.edits()[0].span, fix.edits()[fix.edits().len() - 1].span);
            prop_assert!(text.is_char_boundary(first.start) && text.is_char_boundary(last.end));
            prop_assert_eq!(&fixed[..first.start], &text[..first.start]);
            let tail = text.len() - last.end;
            prop_assert_eq!(&fixed[fixed.len() - tail..], &text[last.end..]);
            // Between the edits, too, every byte is the original's.
            let mut at_fixed = first.start;
            for pair in fix.edits().windows(2) {
                at_fixed += pair[0].replacement.len();
                let between = &text[pair[0].span.end..pair[1].span.start];
                prop_assert_eq!(&fixed[at_fixed..at_fixed + between.len()], between);
                at_fixed += between.len();
            }
        }
    }

    /// On Markdown, one round of fixes leaves every CommonMark event that no edit touches as it
    /// was, at its shifted place: a fix never changes the document's structure around it, and
    /// never edits code.
    #[test]
    fn a_markdown_fix_keeps_the_events_outside_its_edits(text in text()) {
        for min in [Applicability::Safe, Applicability::Unsafe] {
            let source = Source::new("p.md", text.clone());
            let diagnostics = all_lints().check(&source, Format::Markdown);
            let round = fix::round(&text, fix::fixes_at_least(&diagnostics, min), Format::Markdown);
            // `markdown-damage` repairs markup on purpose (it closes a fence).
            if round.applied == 0 || round.repairs_markup {
                continue;
            }
            let (fixed, edits) = (round.text, round.edits);
            let touched = |range: &std::ops::Range<usize>| {
                edits.iter().any(|(edit, _): &(std::ops::Range<usize>, String)| {
                    // An edit at either end may join or split the event: it is the edit's.
                    edit.start <= range.end && range.start <= edit.end
                })
            };
            let shift = |offset: usize| {
                let mut shifted = offset as isize;
                for (edit, inserted) in &edits {
                    if edit.end <= offset {
                        shifted += inserted.len() as isize - edit.len() as isize;
                    }
                }
                shifted as usize
            };
            let after: std::collections::HashSet<(String, std::ops::Range<usize>)> =
                markdown_events(&fixed).into_iter().collect();
            for (event, range) in markdown_events(&text) {
                if touched(&range) {
                    continue;
                }
                let moved = shift(range.start)..shift(range.end);
                prop_assert!(
                    after.contains(&(event.clone(), moved.clone())),
                    "{event} at {range:?} is gone after the fix (looked at {moved:?}) in {fixed:?}"
                );
            }
        }
    }
}

/// The minimised `../shared/repro/nonconverging.txt`: nested pairs whose fixes each span the
/// others took one round per level, more than ten.
#[test]
fn nested_quotes_are_fixed_in_one_round() {
    let linter = all_lints();
    let fixed = fix::fix(
        &linter,
        "p",
        "„„„„„««„To,ń”»»”””\"\"“»".to_owned(),
        Format::Plain,
        Applicability::Safe,
    );
    assert!(fixed.unconverged.is_empty(), "{:?}", fixed.unconverged);
    // The innermost curly pair holds one token with signs in it (`“"To,ń"”`), a literal that
    // `mixed-quotes` leaves in either style.
    assert_eq!(fixed.text, "\"\"\"\"\"““\"To,ń\"””\"\"\"\"\"\"\"");
    // A fixed inner pair `‘’` is not the close of the `‚` around it (found by the nested text).
    let fixed = fix::fix(
        &linter,
        "p",
        "‚‚‚‚‚‚‚‚‚‚&#8217; „„„„„„„„„„".to_owned(),
        Format::Plain,
        Applicability::Safe,
    );
    assert!(fixed.unconverged.is_empty(), "{:?}", fixed.unconverged);
    let again = fix::fix(&linter, "p", fixed.text.clone(), Format::Plain, Applicability::Safe);
    assert_eq!(again.text, fixed.text);
    let words = "the ".repeat(1025);
    let fixed = fix::fix(&linter, "p", words, Format::Plain, Applicability::Unsafe);
    assert!(fixed.unconverged.is_empty(), "{:?}", fixed.unconverged);
    assert_eq!(fixed.text, "the ");
    assert_eq!(fixed.rounds, 1, "a run of repeats is removed whole");
    // `../shared/repro/`'s nestings: every level in the first round.
    let quotes = format!("{}word{}\n", "„".repeat(11), "“".repeat(11));
    let fixed = fix::fix(&linter, "p", quotes, Format::Plain, Applicability::Safe);
    assert_eq!(fixed.text, format!("{}word{}\n", "“".repeat(11), "”".repeat(11)));
    assert_eq!(fixed.rounds, 1, "eleven nested German quotes");
    let guillemets = format!("An example: {}the the{}\n", "«".repeat(10), "»".repeat(10));
    let fixed = fix::fix(&linter, "p", guillemets, Format::Plain, Applicability::Unsafe);
    assert!(fixed.unconverged.is_empty(), "{:?}", fixed.unconverged);
    assert!(
        fixed.rounds <= 2,
        "the guillemets, then the repeat they held: {} rounds",
        fixed.rounds
    );
}
