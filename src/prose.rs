//! Helpers that several passes share to read prose: quotation marks and their pairing, lines
//! within a region, words.

use std::ops::Range;

use crate::formats::{BlockKind, Region};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// `"`, which opens or closes.
    Straight,
    CurlyOpen,
    CurlyClose,
    /// German `„`, closed by `“` (or `”`).
    LowOpen,
    GuillemetOpen,
    GuillemetClose,
}

impl Mark {
    pub fn as_char(self) -> char {
        match self {
            Mark::Straight => '"',
            Mark::CurlyOpen => '“',
            Mark::CurlyClose => '”',
            Mark::LowOpen => '„',
            Mark::GuillemetOpen => '«',
            Mark::GuillemetClose => '»',
        }
    }

    pub fn is_guillemet(self) -> bool {
        matches!(self, Mark::GuillemetOpen | Mark::GuillemetClose)
    }
}

/// A double quotation mark at a byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteMark {
    pub offset: usize,
    pub mark: Mark,
}

impl QuoteMark {
    pub fn range(self) -> Range<usize> {
        self.offset..self.offset + self.mark.as_char().len_utf8()
    }
}

/// The double quotation marks of one block, in order. A straight quote right after a digit is
/// an inch or seconds mark (`12" screen`), and a curly one right after `€` is the tail of
/// mojibake (`â€”` is a mis-decoded dash): neither is a quotation mark.
pub fn quote_marks(text: &str, block: &[Region]) -> Vec<QuoteMark> {
    let mut marks = Vec::new();
    let bytes = text.as_bytes();
    for region in block {
        let range = region.range.clone();
        for i in memchr::memchr3_iter(b'"', 0xE2, 0xC2, &bytes[range.clone()]) {
            let offset = range.start + i;
            let mark = match &bytes[offset..bytes.len().min(offset + 3)] {
                [b'"', ..] if offset > 0 && bytes[offset - 1].is_ascii_digit() => continue,
                [b'"', ..] => Mark::Straight,
                [0xE2, ..] if text[..offset].ends_with('€') => continue,
                [0xE2, 0x80, 0x9C] => Mark::CurlyOpen,
                [0xE2, 0x80, 0x9D] => Mark::CurlyClose,
                [0xE2, 0x80, 0x9E] => Mark::LowOpen,
                [0xC2, 0xAB, ..] => Mark::GuillemetOpen,
                [0xC2, 0xBB, ..] => Mark::GuillemetClose,
                _ => continue,
            };
            marks.push(QuoteMark { offset, mark });
        }
    }
    marks
}

/// Quotation marks of a block matched into quotations.
#[derive(Debug, Default)]
pub struct Pairing {
    /// Opening and closing mark, possibly of different styles (`“…»`).
    pub pairs: Vec<(QuoteMark, QuoteMark)>,
    /// Opening marks never closed in the block.
    pub unclosed: Vec<QuoteMark>,
    /// Closing marks with nothing to close.
    pub unopened: Vec<QuoteMark>,
}

/// Matches marks like brackets: a closing curly quote or guillemet closes the innermost open
/// curly quote or guillemet, whatever its style; a straight quote closes an open straight quote
/// and otherwise opens one; `“` closes a German `„` and otherwise opens.
pub fn pair(marks: &[QuoteMark]) -> Pairing {
    let mut pairing = Pairing::default();
    let mut open: Vec<QuoteMark> = Vec::new();
    for &mark in marks {
        let innermost = open.iter().rposition(|m| m.mark != Mark::Straight);
        let closes_german = mark.mark == Mark::CurlyOpen && innermost.is_some_and(|i| open[i].mark == Mark::LowOpen);
        match mark.mark {
            Mark::CurlyOpen if closes_german => {
                let opener = open.remove(innermost.expect("checked"));
                pairing.pairs.push((opener, mark));
            }
            Mark::CurlyOpen | Mark::GuillemetOpen | Mark::LowOpen => open.push(mark),
            Mark::Straight => match open.last() {
                Some(top) if top.mark == Mark::Straight => {
                    let top = open.pop().expect("checked");
                    pairing.pairs.push((top, mark));
                }
                _ => open.push(mark),
            },
            Mark::CurlyClose | Mark::GuillemetClose => {
                match innermost {
                    Some(i) => {
                        let opener = open.remove(i);
                        // Straight quotes opened inside and left open stay open.
                        pairing.pairs.push((opener, mark));
                    }
                    None => pairing.unopened.push(mark),
                }
            }
        }
    }
    pairing.unclosed = open;
    pairing.pairs.sort_by_key(|(open, _)| open.offset);
    pairing
}

/// A line of a region: `text` is the part inside the region; `whole` says whether the line
/// of the file holds nothing else but layout (indentation, bullets, Markdown markers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub range: Range<usize>,
    pub whole: bool,
}

/// Splits a region into its lines, trailing `\r` excluded.
pub fn lines<'a>(text: &'a str, region: &'a Region) -> impl Iterator<Item = Line> + 'a {
    let range = region.range.clone();
    let mut start = range.start;
    std::iter::from_fn(move || {
        if start > range.end || (start == range.end && start != region.range.start) {
            return None;
        }
        let end = memchr::memchr(b'\n', &text.as_bytes()[start..range.end]).map_or(range.end, |i| start + i);
        let content_end = if end > start && text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        // A segment (a translation, a cue, an HTML element's whole text) is a line of its own.
        let segment = region.kind == BlockKind::Segment;
        let opens_line = start != range.start || segment || only_layout(line_prefix(text, start));
        let closes_line = end != range.end || segment || only_layout(line_suffix(text, end));
        let line = Line {
            range: start..content_end,
            whole: opens_line && closes_line,
        };
        start = end + 1;
        Some(line)
    })
}

impl Line {
    /// The bytes to delete to remove this line's text: the whole line of the file when nothing
    /// else but layout is on it, else the text alone (an HTML element's text, a PO `msgstr`),
    /// so that markup sharing the line stays intact.
    pub fn removal(&self, source: &crate::source::Source) -> Range<usize> {
        let text = source.text();
        if only_layout(line_prefix(text, self.range.start)) && only_layout(line_suffix(text, self.range.end)) {
            source.line_removal(self.range.clone())
        } else {
            self.range.clone()
        }
    }
}

fn line_prefix(text: &str, at: usize) -> &str {
    let line_start = memchr::memrchr(b'\n', &text.as_bytes()[..at]).map_or(0, |i| i + 1);
    &text[line_start..at]
}

fn line_suffix(text: &str, at: usize) -> &str {
    let line_end = memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |i| at + i);
    &text[at..line_end]
}

/// Whether the text is about quotation marks (it names guillemets): then the marks it shows
/// are its subject (`„…“`, `« »`, straight beside curly), not its punctuation.
pub fn about_quotation_marks(text: &str) -> bool {
    text.contains("guillemet") || text.contains("Guillemet")
}

/// Whether `s` is only indentation, list bullets or Markdown block and emphasis markers.
fn only_layout(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_whitespace()
            || c.is_ascii_digit()
            || matches!(
                c,
                '\u{feff}' | '>' | '-' | '*' | '+' | '_' | '.' | ')' | '#' | '•' | '·' | '‣' | '◦' | '▪' | '|'
            )
    })
}

/// Skips a leading list bullet (`•`, `-`, `*`, `+`, `·`, `1.`, `2)`) and the spaces around it.
pub fn strip_bullet(text: &str, range: Range<usize>) -> Range<usize> {
    let line = &text[range.clone()];
    let trimmed = line.trim_start();
    let mut rest = trimmed;
    if let Some(c) = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '•' | '-' | '*' | '+' | '·' | '‣' | '◦' | '▪' | '–' | '—'))
    {
        rest = &rest[c.len_utf8()..];
    } else {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(['.', ')']) {
            rest = &rest[digits + 1..];
        }
    }
    // A bullet is only a bullet when a space follows it.
    if rest.len() != trimmed.len() && rest.starts_with(char::is_whitespace) {
        let rest = rest.trim_start();
        return range.end - rest.len()..range.end;
    }
    range.end - trimmed.len()..range.end
}

/// Whether a character is part of a word.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\u{2019}' || c == '\''
}

/// The words of `text`, split at anything that is not a letter or digit.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// A command-line option: `-w`, `-Q`, `--list`, `--`-prefixed or not, a letter after the dashes.
/// A negative number (`-5`) and a dash between words (`--`) are not options.
pub fn is_option(word: &str) -> bool {
    let name = word.strip_prefix("--").or_else(|| word.strip_prefix('-'));
    name.is_some_and(|name| name.starts_with(|c: char| c.is_ascii_alphabetic()))
}

/// A word joined to a name or a path by `-`, `‐`, `_`, `/`, `.`, `=`, `@`, `\`, `<` or `>`
/// (`network-security security-profiles`, `cloud.google.com/com‐⏎pute`) is part of an identifier,
/// not of prose.
pub fn in_identifier(text: &str, word: &Range<usize>) -> bool {
    let joined = |c: Option<char>| c.is_some_and(|c| matches!(c, '-' | '‐' | '_' | '/' | '=' | '@' | '\\' | '<' | '>'));
    let before = text[..word.start].chars().next_back();
    let after = text[word.end..].chars().next();
    let dotted = |c: Option<char>, next: Option<char>| c == Some('.') && next.is_some_and(char::is_alphanumeric);
    joined(before)
        || joined(after)
        || dotted(after, text[word.end..].chars().nth(1))
        || dotted(before, text[..word.start].chars().rev().nth(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::BlockKind;

    fn region(range: Range<usize>) -> Region {
        Region {
            range,
            block: 0,
            kind: BlockKind::Paragraph,
        }
    }

    fn marks(text: &str) -> Pairing {
        pair(&quote_marks(text, &[region(0..text.len())]))
    }

    #[test]
    fn options_are_dashes_then_a_letter() {
        for option in ["-w", "-Q", "--list", "--list-kinds=Sh", "-p3"] {
            assert!(is_option(option), "{option}");
        }
        for word in ["-", "--", "-5", "---x", "—w", "w-", ""] {
            assert!(!is_option(word), "{word}");
        }
    }

    #[test]
    fn pairs_nest_and_mismatch() {
        let p = marks("“a \"b\" c» and 12\" and ”");
        assert_eq!(p.pairs.len(), 2);
        assert_eq!(p.pairs[0].0.mark, Mark::CurlyOpen);
        assert_eq!(p.pairs[0].1.mark, Mark::GuillemetClose);
        assert_eq!(p.unopened.len(), 1);
        assert!(p.unclosed.is_empty());
    }

    #[test]
    fn bullets_are_stripped_only_before_a_space() {
        for (line, content) in [
            ("  • To print", "To print"),
            ("2. Share", "Share"),
            ("-1 comment", "-1 comment"),
            ("0 comment", "0 comment"),
        ] {
            assert_eq!(&line[strip_bullet(line, 0..line.len())], content);
        }
    }

    #[test]
    fn german_quotes_pair() {
        let p = marks("„Wir“ and „sie”");
        assert_eq!(p.pairs.len(), 2);
        assert!(p.unclosed.is_empty() && p.unopened.is_empty());
    }

    #[test]
    fn lines_know_whether_they_stand_alone() {
        let text = "  • To print\nsome text To print\n";
        let bullet_end = text.find(" To").unwrap();
        let found: Vec<_> = lines(text, &region(bullet_end..text.len() - 1)).collect();
        assert_eq!(&text[found[0].range.clone()], " To print");
        assert!(found[0].whole);
        assert_eq!(&text[found[1].range.clone()], "some text To print");
        assert!(found[1].whole);
        let inner = text.rfind("To print").unwrap();
        let found: Vec<_> = lines(text, &region(inner..inner + 2)).collect();
        assert!(!found[0].whole);
    }
}
