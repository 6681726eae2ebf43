//! Gettext PO (`.po`, `.pot`): the translations (`msgstr`, `msgstr[n]`) are prose, at their
//! position in the file; `msgid` is the source of the bilingual checks. Multi-line strings,
//! plurals, `msgctxt`, flags and obsolete (`#~`) entries are handled; escape sequences are markup.

use std::ops::Range;

use super::{BlockKind, Document, Pair, Region};

#[derive(Default)]
struct Entry {
    id: Vec<Range<usize>>,
    plural: Vec<Range<usize>>,
    /// Each translation (one, or one per plural form), as the ranges of its string pieces, and
    /// where its keyword is.
    translations: Vec<(usize, Vec<Range<usize>>)>,
}

#[derive(Clone, Copy, PartialEq)]
enum Field {
    None,
    Context,
    Id,
    Plural,
    Translation,
}

pub fn parse(text: &str) -> Document {
    let mut document = Document::default();
    let mut entry = Entry::default();
    let mut field = Field::None;
    let mut at = 0;
    for raw_line in text.split_inclusive('\n') {
        let line_start = at;
        at += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            if trimmed.is_empty() || trimmed.starts_with("#~") {
                finish(text, &mut entry, &mut document);
                field = Field::None;
            }
            continue;
        }
        let (keyword, rest_at) = match trimmed.find(|c: char| c.is_whitespace() || c == '"') {
            Some(end) if !trimmed.starts_with('"') => (&trimmed[..end], end),
            _ => ("", 0),
        };
        let string_start = line_start + indent + rest_at;
        let next = match keyword {
            "msgctxt" => {
                finish(text, &mut entry, &mut document);
                Field::Context
            }
            "msgid" => {
                if field == Field::Translation {
                    finish(text, &mut entry, &mut document);
                }
                Field::Id
            }
            "msgid_plural" => Field::Plural,
            k if k == "msgstr" || k.starts_with("msgstr[") => {
                entry.translations.push((line_start + indent, Vec::new()));
                Field::Translation
            }
            "" => field,
            _ => Field::None,
        };
        field = next;
        if let Some(piece) = string_piece(text, string_start, line_start + line.len()) {
            match field {
                Field::Id => entry.id.push(piece),
                Field::Plural => entry.plural.push(piece),
                Field::Translation => entry.translations.last_mut().expect("a msgstr").1.push(piece),
                Field::Context | Field::None => {}
            }
        }
    }
    finish(text, &mut entry, &mut document);
    document
}

/// The content of the quoted string on a line, between its quotes.
fn string_piece(text: &str, from: usize, line_end: usize) -> Option<Range<usize>> {
    let open = from + text[from..line_end].find('"')?;
    let close = open + 1 + closing_quote(&text[open + 1..line_end])?;
    Some(open + 1..close)
}

/// The offset of the first unescaped `"`.
fn closing_quote(s: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(i),
            _ => escaped = false,
        }
    }
    None
}

fn finish(text: &str, entry: &mut Entry, document: &mut Document) {
    let entry = std::mem::take(entry);
    let source = unescape(text, &entry.id);
    if source.is_empty() {
        // The header entry, or nothing.
        return;
    }
    let plural_source = unescape(text, &entry.plural);
    for (form, (keyword, pieces)) in entry.translations.iter().enumerate() {
        let block = document.regions.last().map_or(0, |r| r.block + 1);
        for piece in pieces {
            for part in unescaped_parts(text, piece.clone()) {
                document.regions.push(Region {
                    range: part,
                    block,
                    kind: BlockKind::Segment,
                });
            }
        }
        let span = match (pieces.first(), pieces.last()) {
            (Some(first), Some(last)) if first.start < last.end => first.start..last.end,
            _ => *keyword..*keyword + "msgstr".len(),
        };
        let source = if form > 0 && !plural_source.is_empty() {
            plural_source.clone()
        } else {
            source.clone()
        };
        document.pairs.push(Pair {
            source,
            target: unescape(text, pieces),
            span,
        });
    }
}

/// A string piece without its escape sequences: the parts between them.
fn unescaped_parts(text: &str, piece: Range<usize>) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let mut start = piece.start;
    let bytes = text.as_bytes();
    let mut i = piece.start;
    while i < piece.end {
        if bytes[i] == b'\\' && i + 1 < piece.end {
            parts.push(start..i);
            i += 2;
            start = i;
        } else {
            i += 1;
        }
    }
    parts.push(start..piece.end);
    parts.retain(|p| !text[p.clone()].trim().is_empty());
    parts
}

fn unescape(text: &str, pieces: &[Range<usize>]) -> String {
    let mut out = String::new();
    for piece in pieces {
        let mut chars = text[piece.clone()].chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some(other) => out.push(other),
                None => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translations_are_prose_and_pairs_carry_the_source() {
        let po = "msgid \"\"\nmsgstr \"Content-Type: text/plain\\n\"\n\n#, fuzzy\nmsgctxt \"menu\"\nmsgid \"Print\"\nmsgstr \"To print\"\n\n\
                  msgid \"One file\"\nmsgid_plural \"%d files\"\nmsgstr[0] \"One file ?\"\nmsgstr[1] \"\"\n\"%d files \\\"here\\\" ?\"\n\n\
                  #~ msgid \"Old\"\n#~ msgstr \"Obsolete ?\"\n";
        let document = parse(po);
        let prose: Vec<&str> = document.regions.iter().map(|r| &po[r.range.clone()]).collect();
        assert_eq!(prose, ["To print", "One file ?", "%d files ", "here", " ?"]);
        let pairs: Vec<(&str, &str)> = document
            .pairs
            .iter()
            .map(|p| (p.source.as_str(), p.target.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("Print", "To print"),
                ("One file", "One file ?"),
                ("%d files", "%d files \"here\" ?")
            ]
        );
    }
}
