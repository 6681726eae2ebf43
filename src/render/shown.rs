//! What a snippet shows of the source. annotate-snippets prints text as it is, and a terminal
//! hides what a reader of a report most needs to see: a zero-width space, a bidi control, a
//! no-break space an edit removes. Those are shown as `<U+200B>`. A lone carriage return (a
//! CR-only file) is shown as the line break it is, and an emoji joined by ZWJs is put back whole
//! after annotate-snippets, which drops every joiner, has laid out the report.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// Format characters and line or paragraph separators: nothing or nothing sensible on screen.
static INVISIBLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[\p{Cf}\p{Zl}\p{Zp}]").expect("valid"));

/// An emoji ZWJ sequence (`👨‍👩‍👧`): pictographs, each with its modifiers, joined by U+200D.
static ZWJ_SEQUENCE: LazyLock<Regex> = LazyLock::new(|| {
    let one = r"\p{Extended_Pictographic}[\p{Emoji_Modifier}\x{FE0E}\x{FE0F}]*";
    Regex::new(&format!("{one}(?:\u{200d}{one})+")).expect("valid")
});

/// Private-use characters stand in for a ZWJ sequence while annotate-snippets lays out the
/// report: one from plane 15 numbers the sequence, one from plane 16 makes it two columns wide,
/// as a terminal draws it.
const PLACEHOLDER_BASE: u32 = 0xF0000;
const PLACEHOLDER_WIDTH: char = '\u{10FFFD}';

/// The ZWJ sequences of one report, by placeholder number.
#[derive(Default)]
pub struct Sequences {
    sequences: Vec<String>,
    /// The source holds private-use characters of the planes the placeholders use: no
    /// placeholder is made, so none can be mistaken for one.
    disabled: bool,
}

impl Sequences {
    /// For a report on `source`.
    pub fn new(source: &str) -> Self {
        Sequences {
            sequences: Vec::new(),
            // The lead bytes of planes 13 to 16 in UTF-8: a fast, safe over-approximation.
            disabled: memchr::memchr2(0xF3, 0xF4, source.as_bytes()).is_some(),
        }
    }

    fn placeholder(&mut self, sequence: &str) -> Option<String> {
        let number = char::from_u32(PLACEHOLDER_BASE + self.sequences.len() as u32)
            .filter(|c| !self.disabled && (*c as u32) < 0xFFFFE)?;
        self.sequences.push(sequence.to_owned());
        Some(format!("{number}{PLACEHOLDER_WIDTH}"))
    }

    /// The rendered report with each placeholder replaced by its sequence.
    pub fn restore(&self, rendered: String) -> String {
        if self.sequences.is_empty() {
            return rendered;
        }
        let mut out = String::with_capacity(rendered.len());
        let mut chars = rendered.chars().peekable();
        while let Some(c) = chars.next() {
            let number = (c as u32).wrapping_sub(PLACEHOLDER_BASE) as usize;
            match self.sequences.get(number) {
                Some(sequence) if chars.peek() == Some(&PLACEHOLDER_WIDTH) => {
                    chars.next();
                    out.push_str(sequence);
                }
                _ => out.push(c),
            }
        }
        out
    }
}

/// A stretch of the source as shown, and where each source offset lands in it.
pub struct Shown {
    pub text: String,
    /// Source offset where the stretch starts.
    start: usize,
    /// Bytes shown before the source's first (an ellipsis).
    lead: usize,
    /// Each replaced piece: its source range and the shown range of what replaced it.
    replaced: Vec<(Range<usize>, Range<usize>)>,
}

/// How a stretch is cut and what is made visible in it.
pub struct Showing<'a> {
    /// Ranges where a space other than U+0020 is shown by its code point (what an edit removes
    /// or replaces: `3 000` → `3,000` must not look like a space replaced by a comma).
    pub spaces_in: &'a [Range<usize>],
    /// The stretch starts or ends inside a line: mark the cut.
    pub cut_before: bool,
    pub cut_after: bool,
}

const ELLIPSIS: &str = "...";

impl Shown {
    pub fn new(source: &str, range: Range<usize>, showing: &Showing, sequences: &mut Sequences) -> Self {
        let mut shown = Shown {
            text: String::with_capacity(range.len() + 8),
            start: range.start,
            lead: 0,
            replaced: Vec::new(),
        };
        if showing.cut_before {
            shown.text.push_str(ELLIPSIS);
            shown.lead = ELLIPSIS.len();
        }
        let stretch = &source[range.clone()];
        // The ZWJ sequences, found in one pass (a search from every character was quadratic).
        let mut sequences_here = if stretch.contains('\u{200d}') {
            ZWJ_SEQUENCE.find_iter(stretch).collect::<Vec<_>>()
        } else {
            Vec::new()
        }
        .into_iter()
        .peekable();
        let mut at = 0;
        while at < stretch.len() {
            let offset = range.start + at;
            let c = stretch[at..].chars().next().expect("in bounds");
            let (len, replacement) = match c {
                '\u{200d}' => (c.len_utf8(), Some(escape(c))),
                '\r' if !stretch[at + 1..].starts_with('\n') => (1, Some("\n".to_owned())),
                ' ' => (1, None),
                c if (c as u32) >= 0x80
                    && c.is_whitespace()
                    && showing.spaces_in.iter().any(|r| r.contains(&offset)) =>
                {
                    (c.len_utf8(), Some(escape(c)))
                }
                // C1 controls (U+0080–U+009F) too: annotate-snippets passes them to the terminal.
                c if (c as u32) >= 0x80 && (is_invisible(c) || c.is_control()) => (c.len_utf8(), Some(escape(c))),
                _ => (c.len_utf8(), None),
            };
            while sequences_here.peek().is_some_and(|m| m.start() < at) {
                sequences_here.next();
            }
            let sequence = sequences_here.next_if(|m| m.start() == at);
            let (len, replacement) = match sequence {
                // Without a placeholder, as it is: annotate-snippets drops its joiners.
                Some(m) => (m.len(), sequences.placeholder(m.as_str())),
                None => (len, replacement),
            };
            match replacement {
                Some(replacement) => {
                    let from = shown.text.len();
                    shown.text.push_str(&replacement);
                    shown.replaced.push((offset..offset + len, from..shown.text.len()));
                }
                None => shown.text.push_str(&stretch[at..at + len]),
            }
            at += len;
        }
        if showing.cut_after {
            shown.text.push_str(ELLIPSIS);
        }
        shown
    }

    /// Where the source offset `offset` is shown (one before the stretch, as a label on a BOM
    /// is: at its start).
    pub fn offset(&self, offset: usize) -> usize {
        let offset = offset.max(self.start);
        let before = self.replaced.partition_point(|(source, _)| source.start < offset);
        match before.checked_sub(1).map(|i| &self.replaced[i]) {
            // Inside a replaced piece: its start.
            Some((source, shown)) if offset < source.end => shown.start,
            Some((source, shown)) => shown.end + (offset - source.end),
            None => self.lead + (offset - self.start),
        }
    }

    /// Where a source range is shown: a replaced piece it touches is taken whole.
    pub fn range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.offset(range.start);
        let end = self.offset(range.end);
        let inside = self
            .replaced
            .iter()
            .find(|(source, _)| source.start < range.end && range.end < source.end);
        start..inside.map_or(end, |(_, shown)| shown.end)
    }
}

/// A replacement as shown: what a terminal would not show, escaped.
pub fn replacement(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\r' => "\n".to_owned(),
            c if (c as u32) >= 0x80 && (c.is_whitespace() || is_invisible(c) || c.is_control()) => escape(c),
            c => c.to_string(),
        })
        .collect()
}

fn is_invisible(c: char) -> bool {
    let mut buffer = [0; 4];
    INVISIBLE.is_match(c.encode_utf8(&mut buffer))
}

fn escape(c: char) -> String {
    format!("<U+{:04X}>", c as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str, spaces_in: &[Range<usize>]) -> (Shown, Sequences) {
        let mut sequences = Sequences::new(text);
        let showing = Showing {
            spaces_in,
            cut_before: false,
            cut_after: false,
        };
        (Shown::new(text, 0..text.len(), &showing, &mut sequences), sequences)
    }

    #[test]
    fn invisible_characters_are_named_and_offsets_follow() {
        let (shown, _) = show("a\u{200b}b\u{202e}c", &[]);
        assert_eq!(shown.text, "a<U+200B>b<U+202E>c");
        assert_eq!(shown.offset(1), 1);
        assert_eq!(shown.offset(4), 9);
        assert_eq!(shown.range(1..4), 1..9);
        assert_eq!(shown.offset(8), 18);
    }

    #[test]
    fn special_spaces_are_named_only_where_asked() {
        let text = "3\u{202f}000 and 4\u{a0}000";
        let edited = 0..6;
        let (shown, _) = show(text, std::slice::from_ref(&edited));
        assert_eq!(shown.text, "3<U+202F>000 and 4\u{a0}000");
        assert_eq!(replacement("\u{a0}?\u{200b}"), "<U+00A0>?<U+200B>");
    }

    #[test]
    fn a_lone_carriage_return_is_a_line_break_and_crlf_stays() {
        assert_eq!(show("a\rb\r\nc", &[]).0.text, "a\nb\r\nc");
    }

    #[test]
    fn zwj_sequences_survive_layout_and_a_stray_joiner_is_named() {
        let family = "👨\u{200d}👩\u{200d}👧";
        let text = format!("a {family} b\u{200d}c");
        let (shown, sequences) = show(&text, &[]);
        assert_eq!(shown.text, "a \u{F0000}\u{10FFFD} b<U+200D>c");
        assert_eq!(shown.offset(2 + family.len() + 1), 2 + 8 + 1);
        assert_eq!(sequences.restore(shown.text.clone()), format!("a {family} b<U+200D>c"));
        // Private-use characters in the source: no placeholder, the sequence is shown as it is.
        let text = format!("\u{F0000}{family}");
        assert_eq!(show(&text, &[]).0.text, text);
    }
}
