//! A source text with a lazily built line index: byte offsets to 1-based lines and columns.

use std::ops::Range;
use std::sync::{Mutex, OnceLock};

const BOM: &str = "\u{feff}";

/// The text of one input, as read (BOM and line endings kept), with its display path.
#[derive(Debug)]
pub struct Source {
    path: String,
    text: String,
    line_starts: OnceLock<Vec<usize>>,
    /// The last column computed: (line start, offset, column). Findings are asked for in order,
    /// so on a very long line each column is counted on from the last one, not from the line's
    /// start (which made a 200 MB one-line file quadratic). Behind a lock so that a `Source`
    /// is `Sync` (the lints of one large file run on several threads); they ask for lines only,
    /// the renderer of one file for columns.
    last_column: Mutex<(usize, usize, usize)>,
}

impl Source {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        Source {
            path: path.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
            last_column: Mutex::new((usize::MAX, 0, 0)),
        }
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn into_text(self) -> String {
        self.text
    }

    /// Offset where the content starts: after a byte-order mark, if any.
    pub fn content_start(&self) -> usize {
        if self.text.starts_with(BOM) { BOM.len() } else { 0 }
    }

    /// Built on first use only: a clean file never needs it.
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            // A line ends at `\n`, `\r\n`, or a lone `\r` (a CR-only file is not one line).
            let bytes = self.text.as_bytes();
            let mut starts = vec![0];
            starts.extend(
                memchr::memchr2_iter(b'\n', b'\r', bytes)
                    .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                    .map(|i| i + 1),
            );
            starts
        })
    }

    /// 0-based index of the line holding `offset`.
    fn line_index(&self, offset: usize) -> usize {
        let starts = self.line_starts();
        match starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// 1-based line of a byte offset, without counting columns (cheap on a long line).
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_index(self.floor_char_boundary(offset.min(self.text.len()))) + 1
    }

    /// 1-based line and column of a byte offset; columns count Unicode scalar values, as
    /// rustc does, and a BOM is not counted. An offset past the end maps to the end.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let index = self.line_index(offset);
        let start = self.line_starts()[index].max(self.content_start().min(offset));
        // Another thread counting columns in the same source does without the cache.
        let mut cache = self.last_column.try_lock().ok();
        let column = match cache.as_deref() {
            Some(&(cached_start, cached_offset, cached_column)) if cached_start == start && cached_offset <= offset => {
                cached_column + self.text[cached_offset..offset].chars().count()
            }
            _ => self.text[start..offset].chars().count() + 1,
        };
        if let Some(cache) = cache.as_deref_mut() {
            *cache = (start, offset, column);
        }
        (index + 1, column)
    }

    /// Byte range of the 1-based line `line` without its line ending (`\n`, `\r\n` or `\r`).
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let starts = self.line_starts();
        let start = starts[line - 1];
        let bytes = self.text.as_bytes();
        let mut end = starts.get(line).map_or(self.text.len(), |next| next - 1);
        if end > start && bytes.get(end) == Some(&b'\n') && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// Range of whole lines covering `range`, line endings excluded: what a snippet shows.
    pub fn lines_covering(&self, range: Range<usize>) -> Range<usize> {
        let first = self.line_index(range.start);
        // An empty range or one ending on a line break belongs to the line it starts on.
        let last = self.line_index(range.end.saturating_sub(1).max(range.start));
        self.line_range(first + 1).start..self.line_range(last + 1).end
    }

    /// The bytes to delete to remove the line(s) holding `range` as if they had never been
    /// there: the lines with their ending, plus one blank separator line when the removed
    /// line sits between blank lines (so paragraphs stay one blank line apart); at the end of
    /// the text, the blank lines before it too, so the text does not end in blank lines.
    pub fn line_removal(&self, range: Range<usize>) -> Range<usize> {
        let covering = self.lines_covering(range);
        let first_line = self.line_index(covering.start) + 1;
        let last_line = self.line_index(covering.end) + 1;
        let is_blank = |line: usize| self.text[self.line_range(line)].trim().is_empty();
        let mut start = covering.start;
        let mut end = self.line_end_with_terminator(covering.end);
        if end < self.text.len() {
            let prev_is_blank = first_line == 1 || is_blank(first_line - 1);
            if prev_is_blank && is_blank(last_line + 1) {
                end = self.line_end_with_terminator(self.line_range(last_line + 1).end);
            }
            return start..end;
        }
        let mut line = first_line;
        while line > 1 && is_blank(line - 1) {
            line -= 1;
            start = self.line_range(line).start;
        }
        if end == covering.end && line > 1 {
            // The removed line has no line break of its own: take the one before it.
            start = self.line_range(line - 1).end;
        }
        start.max(self.content_start())..end
    }

    /// Offset just past the line terminator that follows `end` (a line-content end).
    fn line_end_with_terminator(&self, end: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut end = end;
        if bytes.get(end) == Some(&b'\r') {
            end += 1;
        }
        if bytes.get(end) == Some(&b'\n') {
            end += 1;
        }
        end
    }

    pub fn floor_char_boundary(&self, offset: usize) -> usize {
        floor_char_boundary(&self.text, offset)
    }
}

/// The char boundary at or before `at` (`str::floor_char_boundary`, which needs a newer Rust
/// than this crate's minimum).
pub fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The char boundary at or after `at`.
pub fn ceil_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// A set of byte ranges, merged and sorted, asked whether it covers an offset in logarithmic
/// time: a linear scan per word or mark is quadratic on a huge one-paragraph file.
#[derive(Debug, Default, Clone)]
pub struct Covered(Vec<Range<usize>>);

impl Covered {
    pub fn new(mut ranges: Vec<Range<usize>>) -> Self {
        ranges.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for range in ranges {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        Covered(merged)
    }

    pub fn contains(&self, at: usize) -> bool {
        let after = self.0.partition_point(|r| r.start <= at);
        after > 0 && self.0[after - 1].contains(&at)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covered_ranges_merge() {
        let covered = Covered::new(vec![5..10, 0..2, 8..12, 20..21]);
        assert!(covered.contains(0) && covered.contains(11) && covered.contains(20));
        assert!(!covered.contains(2) && !covered.contains(12) && !covered.contains(21));
    }

    #[test]
    fn line_and_column_count_scalar_values() {
        let source = Source::new("t", "ab\n«é» x\r\nz");
        assert_eq!(source.line_col(0), (1, 1));
        assert_eq!(source.line_col(3), (2, 1));
        let x = source.text().find('x').unwrap();
        assert_eq!(source.line_col(x), (2, 5));
        assert_eq!(source.line_col(source.text().len()), (3, 2));
        assert_eq!(source.line_range(2), 3..x + 1);
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let text = "a ?\rb\r\nc\rd";
        let source = Source::new("t", text);
        assert_eq!(source.line_col(4), (2, 1));
        assert_eq!(source.line_col(7), (3, 1));
        assert_eq!(source.line_col(9), (4, 1));
        assert_eq!(source.line_range(1), 0..3);
        assert_eq!(source.line_range(2), 4..5);
        assert_eq!(source.line_range(3), 7..8);
        let removal = source.line_removal(4..5);
        assert_eq!(
            format!("{}{}", &text[..removal.start], &text[removal.end..]),
            "a ?\rc\rd"
        );
    }

    #[test]
    fn bom_is_not_a_column() {
        let source = Source::new("t", "\u{feff}ab");
        assert_eq!(source.line_col(3), (1, 1));
        assert_eq!(source.line_col(4), (1, 2));
    }

    #[test]
    fn line_removal_keeps_paragraph_spacing() {
        let text = "a\n\nx\n\nb\n";
        let source = Source::new("t", text);
        let r = source.line_removal(3..4);
        assert_eq!(format!("{}{}", &text[..r.start], &text[r.end..]), "a\n\nb\n");
        for (text, kept) in [
            ("a\n\nx", "a"),
            ("a\n\nx\n", "a\n"),
            ("a\nx", "a"),
            ("x", ""),
            ("\u{feff}x\n", "\u{feff}"),
        ] {
            let source = Source::new("t", text);
            let x = text.find('x').unwrap();
            let r = source.line_removal(x..x + 1);
            assert_eq!(format!("{}{}", &text[..r.start], &text[r.end..]), kept, "{text:?}");
        }
        let text = "a\r\nx\r\nb";
        let source = Source::new("t", text);
        let r = source.line_removal(3..4);
        assert_eq!(format!("{}{}", &text[..r.start], &text[r.end..]), "a\r\nb");
        let text = "x\n";
        let source = Source::new("t", text);
        assert_eq!(source.line_removal(0..1), 0..2);
    }
}
