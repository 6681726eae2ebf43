//! A decoded view of a file: its character references (`&nbsp;`, `&#8217;`) or string escapes
//! (`\"` in PO, and the joins between the lines of a PO string) replaced by what they stand for
//! inside prose, so that `Share&nbsp;on Flipboard` matches the phrase `Share on Flipboard`.
//! Passes run on the view; their spans and fixes are mapped back to the bytes of the file, and
//! fix text is escaped again for where it lands.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::Document;
use crate::diagnostic::{Diagnostic, Span};

/// A named, decimal or hexadecimal character reference.
pub(crate) static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});").expect("entity pattern")
});

/// One reference replaced: where it is in the file and where its characters are in the view.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Replaced {
    original: Range<usize>,
    decoded: Range<usize>,
}

/// The text passes see, and how to get back to the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    text: String,
    /// In file order.
    replaced: Vec<Replaced>,
    escaping: Escaping,
}

/// How a fix's text is written back into the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Escaping {
    /// HTML or XML: `&` and `<` always; quotes inside the attribute values (file offsets).
    Markup { attributes: Vec<Range<usize>> },
    /// A C-style quoted string (PO): `\`, `"`, line breaks and tabs.
    Quoted,
}

impl Decoded {
    /// Decodes the character references inside the regions of `document` (file offsets,
    /// sorted, not overlapping) and moves the document to the view. `None` when there is
    /// nothing to decode: the file is its own view.
    pub fn new(text: &str, document: &mut Document, attributes: Vec<Range<usize>>) -> Option<Decoded> {
        // Most files have no reference at all.
        memchr::memchr(b'&', text.as_bytes())?;
        let mut replacements = Vec::new();
        for region in &document.regions {
            let start = region.range.start;
            for found in ENTITY.find_iter(&text[region.range.clone()]) {
                let decoded = html_escape::decode_html_entities(found.as_str());
                // An unknown name is left as it is (and `invisible-char` can report it).
                if decoded != found.as_str() {
                    replacements.push((start + found.start()..start + found.end(), decoded.into_owned()));
                }
            }
        }
        Decoded::with(text, document, replacements, Escaping::Markup { attributes })
    }

    /// The view of `text` with each range of `replacements` (sorted, not overlapping, inside
    /// the document's regions) replaced by its text, `document` moved to it. `None` when there
    /// is nothing to replace.
    pub fn with(
        text: &str,
        document: &mut Document,
        replacements: Vec<(Range<usize>, String)>,
        escaping: Escaping,
    ) -> Option<Decoded> {
        if replacements.is_empty() {
            return None;
        }
        let mut view = String::with_capacity(text.len());
        let mut replaced = Vec::with_capacity(replacements.len());
        let mut copied = 0;
        for (original, decoded) in replacements {
            view.push_str(&text[copied..original.start]);
            let at = view.len();
            view.push_str(&decoded);
            copied = original.end;
            replaced.push(Replaced {
                original,
                decoded: at..view.len(),
            });
        }
        view.push_str(&text[copied..]);
        let decoded = Decoded {
            text: view,
            replaced,
            escaping,
        };
        for region in &mut document.regions {
            region.range = decoded.to_view(region.range.clone());
        }
        for pair in &mut document.pairs {
            pair.span = decoded.to_view(pair.span.clone());
        }
        for code in &mut document.code {
            *code = decoded.to_view(code.clone());
        }
        Some(decoded)
    }

    /// The text passes see.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Takes the text passes see (no copy of a large file); mapping back does not need it.
    pub fn take_text(&mut self) -> String {
        std::mem::take(&mut self.text)
    }

    /// A file range (not cutting a reference) in the view.
    fn to_view(&self, range: Range<usize>) -> Range<usize> {
        let shift = |offset: usize| {
            let before = self.replaced.partition_point(|r| r.original.end <= offset);
            match before.checked_sub(1).map(|i| &self.replaced[i]) {
                Some(last) => offset - last.original.end + last.decoded.end,
                None => offset,
            }
        };
        shift(range.start)..shift(range.end)
    }

    /// A view range in the file. A range that starts or ends inside the characters of one
    /// reference grows to the whole reference.
    pub fn to_file(&self, span: Span) -> Span {
        let start = {
            // The last reference starting at or before `start`.
            let i = self.replaced.partition_point(|r| r.decoded.start <= span.start);
            match i.checked_sub(1).map(|i| &self.replaced[i]) {
                Some(r) if span.start < r.decoded.end => r.original.start,
                Some(r) => span.start - r.decoded.end + r.original.end,
                None => span.start,
            }
        };
        let end = {
            // The last reference starting before `end`.
            let i = self.replaced.partition_point(|r| r.decoded.start < span.end);
            match i.checked_sub(1).map(|i| &self.replaced[i]) {
                Some(r) if span.end <= r.decoded.end => r.original.end,
                Some(r) => span.end - r.decoded.end + r.original.end,
                None => span.end,
            }
        };
        Span::new(start, end.max(start))
    }

    /// Moves a finding made on the view to the file: its labels, and its fix with the
    /// replacement text escaped for where it lands.
    pub fn to_original(&self, diagnostic: &mut Diagnostic) {
        diagnostic.primary.span = self.to_file(diagnostic.primary.span);
        for label in &mut diagnostic.secondary {
            label.span = self.to_file(label.span);
        }
        if let Some(fix) = &mut diagnostic.fix {
            fix.map_edits(|edit| {
                edit.span = self.to_file(edit.span);
                let escaped = match &self.escaping {
                    Escaping::Markup { attributes } => {
                        let in_attribute = attributes
                            .iter()
                            .any(|a| a.start <= edit.span.start && edit.span.end <= a.end);
                        escape(&edit.replacement, in_attribute)
                    }
                    Escaping::Quoted => escape_quoted(&edit.replacement),
                };
                if let Cow::Owned(escaped) = escaped {
                    edit.replacement = escaped;
                }
            });
        }
    }
}

/// `text` with each character that `escape_of` gives an escape for replaced by it; borrowed
/// when there is none.
fn escape_with(text: &str, escape_of: impl Fn(char) -> Option<&'static str>) -> Cow<'_, str> {
    if !text.chars().any(|c| escape_of(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match escape_of(c) {
            Some(escape) => escaped.push_str(escape),
            None => escaped.push(c),
        }
    }
    Cow::Owned(escaped)
}

/// Text made safe to write inside a quoted string.
fn escape_quoted(text: &str) -> Cow<'_, str> {
    escape_with(text, |c| match c {
        '\\' => Some("\\\\"),
        '"' => Some("\\\""),
        '\n' => Some("\\n"),
        '\r' => Some("\\r"),
        '\t' => Some("\\t"),
        _ => None,
    })
}

/// Text made safe to write into markup: `&` and `<` always, quotes in attribute values.
fn escape(text: &str, in_attribute: bool) -> Cow<'_, str> {
    escape_with(text, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '"' if in_attribute => Some("&quot;"),
        '\'' if in_attribute => Some("&#39;"),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Edit, Fix};
    use crate::formats::{BlockKind, Region};

    fn document(ranges: &[Range<usize>]) -> Document {
        let regions = ranges.iter().map(|range| Region {
            range: range.clone(),
            block: 0,
            kind: BlockKind::Paragraph,
        });
        Document {
            regions: regions.collect(),
            ..Document::default()
        }
    }

    #[test]
    fn references_in_prose_are_decoded_and_spans_map_back() {
        let text = "<p>Share&nbsp;on &amp; off &bogus; x</p>";
        let mut document = document(&[Range { start: 3, end: 36 }]);
        let decoded = Decoded::new(text, &mut document, Vec::new()).expect("something to decode");
        let regions = document.regions;
        assert_eq!(decoded.text(), "<p>Share\u{a0}on & off &bogus; x</p>");
        assert_eq!(
            &decoded.text()[regions[0].range.clone()],
            "Share\u{a0}on & off &bogus; x"
        );
        // `Share on` in the view is `Share&nbsp;on` in the file.
        let view = decoded.text().find("Share").unwrap()..decoded.text().find(" &").unwrap();
        assert_eq!(&text[decoded.to_file(view.into()).range()], "Share&nbsp;on");
        // The no-break space alone is the whole reference; the text after it shifts back.
        let nbsp = decoded.text().find('\u{a0}').unwrap();
        assert_eq!(&text[decoded.to_file((nbsp..nbsp + 2).into()).range()], "&nbsp;");
        let bogus = decoded.text().find("&bogus;").unwrap();
        assert_eq!(&text[decoded.to_file((bogus..bogus + 7).into()).range()], "&bogus;");
        // An insertion right after a reference lands after it.
        assert_eq!(decoded.to_file((nbsp + 2..nbsp + 2).into()), Span::new(14, 14));
    }

    #[test]
    fn fixes_are_escaped_for_where_they_land() {
        let text = "<img alt=\"Tom &amp; Jerry\"><p>A&nbsp;b</p>";
        let mut document = document(&[10..25, 30..38]);
        let decoded =
            Decoded::new(text, &mut document, vec![Range { start: 10, end: 25 }]).expect("something to decode");
        let tom = decoded.text().find("Tom").unwrap();
        let mut diagnostic = Diagnostic::new("x", tom..tom + 3, "m")
            .with_fix(Fix::safe(vec![Edit::replace(tom..tom + 3, "\"Tom\" & co")]));
        decoded.to_original(&mut diagnostic);
        let edit = &diagnostic.fix.as_ref().unwrap().edits()[0];
        assert_eq!(edit.replacement, "&quot;Tom&quot; &amp; co");
        let a = decoded.text().find("A\u{a0}").unwrap();
        let mut diagnostic =
            Diagnostic::new("x", a + 1..a + 3, "m").with_fix(Fix::safe(vec![Edit::replace(a + 1..a + 3, "\"")]));
        decoded.to_original(&mut diagnostic);
        assert_eq!(&text[diagnostic.span().range()], "&nbsp;");
        assert_eq!(diagnostic.fix.as_ref().unwrap().edits()[0].replacement, "\"");
    }

    #[test]
    fn quoted_strings_escape_backslashes_quotes_and_breaks() {
        assert_eq!(escape_quoted("plain “curly”"), "plain “curly”");
        assert_eq!(escape_quoted("a \"b\" \\ c\nd"), "a \\\"b\\\" \\\\ c\\nd");
    }
}
