//! Gettext PO (`.po`, `.pot`): the translations (`msgstr`, `msgstr[n]`) are prose, at their
//! position in the file; `msgid` is the source of the bilingual checks. Multi-line strings,
//! plurals, `msgctxt`, flags and obsolete (`#~`) entries are handled. A translation is one region
//! of a decoded view: its escape sequences decoded (`\"` is `"`) and the quote-newline-quote
//! between the lines of a multi-line string removed, so a phrase or a doubled word split over
//! lines is seen whole; fixes are escaped back. Comment lines (`# …`, `#. …`, not obsolete `#~`
//! entries) are the file's comments, where suppressions live.

use std::ops::Range;

use super::{BlockKind, Decoded, Document, Escaping, Pair, Region};

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
    // Escape sequences and the joins between string pieces, in file order, with their text.
    let mut replacements: Vec<(Range<usize>, String)> = Vec::new();
    let mut entry = Entry::default();
    let mut field = Field::None;
    let mut at = 0;
    // A byte-order mark is not part of the first line's keyword.
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    for raw_line in text[bom..].split_inclusive('\n') {
        let line_start = bom + at;
        at += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            if trimmed.is_empty() || trimmed.starts_with("#~") {
                finish(text, &mut entry, &mut document, &mut replacements);
                field = Field::None;
            } else {
                // A translator's or extracted comment, which can carry a suppression.
                document.comments.push(line_start + indent..line_start + line.len());
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
                finish(text, &mut entry, &mut document, &mut replacements);
                Field::Context
            }
            "msgid" => {
                if field == Field::Translation {
                    finish(text, &mut entry, &mut document, &mut replacements);
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
    finish(text, &mut entry, &mut document, &mut replacements);
    document.decoded = Decoded::with(text, &mut document, replacements, Escaping::Quoted);
    document.trim_regions(text);
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

fn finish(text: &str, entry: &mut Entry, document: &mut Document, replacements: &mut Vec<(Range<usize>, String)>) {
    let entry = std::mem::take(entry);
    let source = unescape(text, &entry.id);
    if source.is_empty() {
        // The header entry, or nothing.
        return;
    }
    let plural_source = unescape(text, &entry.plural);
    for (form, (keyword, pieces)) in entry.translations.iter().enumerate() {
        let target = unescape(text, pieces);
        if let (Some(first), Some(last), false) = (pieces.first(), pieces.last(), target.trim().is_empty()) {
            let block = document.regions.last().map_or(0, |r| r.block + 1);
            document.regions.push(Region {
                range: first.start..last.end,
                block,
                kind: BlockKind::Segment,
            });
            for (i, piece) in pieces.iter().enumerate() {
                if i > 0 {
                    // The closing quote, the line break and the opening quote between pieces.
                    replacements.push((pieces[i - 1].end..piece.start, String::new()));
                }
                replacements.extend(escapes(text, piece.clone()));
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
            target,
            span,
            source_codes: Vec::new(),
            target_codes: Vec::new(),
        });
    }
}

/// The escape sequences of a string piece, with the text each stands for.
fn escapes(text: &str, piece: Range<usize>) -> Vec<(Range<usize>, String)> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut i = piece.start;
    while i + 1 < piece.end {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let escaped = text[i + 1..].chars().next().expect("a character after `\\`");
        let meaning = match escaped {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            other => other,
        };
        let end = i + 1 + escaped.len_utf8();
        found.push((i..end, meaning.to_string()));
        i = end;
    }
    found
}

/// The text of string pieces, joined, with their escape sequences decoded.
fn unescape(text: &str, pieces: &[Range<usize>]) -> String {
    let mut out = String::new();
    for piece in pieces {
        let mut copied = piece.start;
        for (escape, meaning) in escapes(text, piece.clone()) {
            out.push_str(&text[copied..escape.start]);
            out.push_str(&meaning);
            copied = escape.end;
        }
        out.push_str(&text[copied..piece.end]);
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
        let view = document.decoded.as_ref().expect("escapes and joins to decode").text();
        let prose: Vec<&str> = document.regions.iter().map(|r| &view[r.range.clone()]).collect();
        assert_eq!(prose, ["To print", "One file ?", "%d files \"here\" ?"]);
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
