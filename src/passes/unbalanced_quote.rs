//! `unbalanced-quote`: a quotation opened and never closed in its paragraph, or closed with
//! nothing open. See `lints/unbalanced-quote.toml`.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::formats;
use crate::prose::{self, Mark, QuoteMark};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let text = ctx.text();
    let blocks: Vec<_> = formats::blocks(ctx.regions).collect();
    let marks: Vec<Vec<QuoteMark>> = blocks.iter().map(|block| prose::quote_marks(text, block)).collect();
    for (i, block_marks) in marks.iter().enumerate() {
        let pairing = prose::pair(block_marks);
        let next_marks = marks.get(i + 1).map_or(&[][..], Vec::as_slice);
        let next_block_start = blocks.get(i + 1).map(|b| b[0].range.start);
        for open in pairing.unclosed.iter().filter(|m| !m.mark.is_guillemet()) {
            // A quotation running over several paragraphs reopens each one (`“…¶“…”`).
            let reopened = next_marks.first().is_some_and(|next| {
                Some(next.offset) == next_block_start.map(|s| s + leading_space(&text[s..])) && next.mark == open.mark
            });
            if reopened || (open.mark == Mark::Straight && straight_quotes_as_symbols(text, blocks[i])) {
                continue;
            }
            let glyph = open.mark.as_char().to_string();
            let mut diagnostic = ctx.report("", open.range(), &[("mark", &glyph)]);
            if let Some(closer) = next_marks.first().filter(|m| m.mark == Mark::GuillemetClose) {
                let closer_glyph = closer.mark.as_char().to_string();
                diagnostic =
                    diagnostic.with_secondary(closer.range(), ctx.message("closer", &[("mark", &closer_glyph)]));
            }
            out.push(diagnostic);
        }
        let unopened: Vec<&QuoteMark> = pairing.unopened.iter().filter(|m| m.mark == Mark::CurlyClose).collect();
        let mut i = 0;
        while i < unopened.len() {
            // `(”%s”)`: a right quote that opens, as Swedish and Finnish typography have it,
            // and the one that closes it.
            if opens(text, unopened[i]) && unopened.get(i + 1).is_some() {
                i += 2;
                continue;
            }
            out.push(ctx.report("unopened", unopened[i].range(), &[("mark", "”")]));
            i += 1;
        }
    }
}

/// The mark stands where a quotation opens: after a space or a bracket, before a word.
fn opens(text: &str, mark: &QuoteMark) -> bool {
    let before = text[..mark.offset].chars().next_back();
    let after = text[mark.range().end..].chars().next();
    before.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[')) && after.is_some_and(|c| !c.is_whitespace())
}

fn leading_space(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

/// The block uses `"` as a symbol somewhere (`U+0022 (")`, `5"`, `"10"`, `'"'`, `x="1"`,
/// `including " and '`, `$/;"`, `load"this`): its straight quotes do not pair as quotations,
/// so an odd one out proves nothing.
fn straight_quotes_as_symbols(text: &str, block: &[formats::Region]) -> bool {
    block.iter().any(|region| {
        let bytes = text.as_bytes();
        memchr::memchr_iter(b'"', &bytes[region.range.clone()]).any(|i| {
            let at = region.range.start + i;
            let before = at.checked_sub(1).map(|j| bytes[j]);
            let after = bytes.get(at + 1).copied();
            let symbolic = |b: Option<u8>| {
                b.is_some_and(|b| {
                    b.is_ascii_digit()
                        || matches!(
                            b,
                            b'(' | b')' | b'\'' | b'=' | b'[' | b']' | b'{' | b'}' | b'<' | b'>' | b'\\' | b'`' | b'"'
                        )
                })
            };
            let space = |b: Option<u8>| b.is_none_or(|b| b.is_ascii_whitespace());
            // Alone between spaces, the mark is named, not used.
            let alone = space(before) && (space(after) || matches!(after, Some(b',' | b'.' | b';')));
            let inside_a_word =
                before.is_some_and(|b| b.is_ascii_alphanumeric()) && after.is_some_and(|b| b.is_ascii_alphanumeric());
            let after_code = matches!(before, Some(b';' | b'/' | b'$' | b'@' | b'|' | b'*'));
            symbolic(before) || symbolic(after) || alone || inside_a_word || after_code
        })
    })
}
