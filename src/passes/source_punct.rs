//! `source-punct`: German low quotation marks and Spanish inverted marks in English text. See
//! `lints/source-punct.toml`.

use std::ops::Range;

use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::formats;
use crate::prose::{self, Mark};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let text = ctx.text();
    if crate::prose::about_quotation_marks(text) {
        return;
    }
    let bytes = text.as_bytes();
    // „ ‚ are E2 80 9E / E2 80 9A; ¿ ¡ are C2 BF / C2 A1.
    let has_low =
        memchr::memmem::find(bytes, "„".as_bytes()).is_some() || memchr::memmem::find(bytes, "‚".as_bytes()).is_some();
    let has_inverted =
        memchr::memmem::find(bytes, "¿".as_bytes()).is_some() || memchr::memmem::find(bytes, "¡".as_bytes()).is_some();
    if !has_low && !has_inverted {
        return;
    }
    let (open, close) = english_quotes(ctx);
    for block in formats::blocks(ctx.regions) {
        if has_low {
            for (first, last) in prose::pair(&prose::quote_marks(text, block)).pairs {
                if first.mark == Mark::LowOpen {
                    let fields = [("open", "„"), ("close", &text[last.range()]), ("english", open)];
                    let fix = Fix::safe(vec![
                        Edit::replace(first.range(), open),
                        Edit::replace(last.range(), close),
                    ]);
                    out.push(ctx.report("", first.offset..last.range().end, &fields).with_fix(fix));
                }
            }
            for (first, last) in single_low_quotes(text, block) {
                let fields = [("open", "‚"), ("close", &text[last.clone()]), ("english", "‘")];
                let fix = Fix::safe(vec![
                    Edit::replace(first.clone(), "‘"),
                    Edit::replace(last.clone(), "’"),
                ]);
                out.push(ctx.report("", first.start..last.end, &fields).with_fix(fix));
            }
        }
        if has_inverted {
            for region in block {
                for (i, c) in text[region.range.clone()]
                    .char_indices()
                    .filter(|(_, c)| matches!(c, '¿' | '¡'))
                {
                    let at = region.range.start + i;
                    let mark = c.to_string();
                    // Safe: English marks only the end of a question or exclamation.
                    let fix = Fix::safe(vec![Edit::delete(at..at + c.len_utf8())]);
                    out.push(
                        ctx.report("inverted", at..at + c.len_utf8(), &[("mark", &mark)])
                            .with_fix(fix),
                    );
                }
            }
        }
    }
}

/// `‚…‘` pairs: a German low single quote and the next `‘` or `’` in the block that is not an
/// apostrophe inside a word.
fn single_low_quotes(text: &str, block: &[formats::Region]) -> Vec<(Range<usize>, Range<usize>)> {
    /// An open mark on the stack: a German `‚`, or an English `‘` (which a fix may have made).
    #[derive(PartialEq)]
    enum Open {
        Low(usize),
        English,
    }
    let mut pairs = Vec::new();
    for region in block {
        let region_text = &text[region.range.clone()];
        // Nested marks are read as a stack: `‚a ‘b’ c‘` pairs the outer marks, so the English
        // pair a fix makes inside is never taken for the close of the mark around it.
        let mut open: Vec<Open> = Vec::new();
        for (i, c) in region_text.char_indices() {
            let at = region.range.start + i;
            let next = region_text[i + c.len_utf8()..].chars().next();
            let opens = next.is_some_and(|n| n.is_alphanumeric() || matches!(n, '‘' | '’' | '“' | '”' | '"' | '\''));
            match c {
                '‚' => open.push(Open::Low(at)),
                '‘' if opens => open.push(Open::English),
                '’' if next.is_some_and(char::is_alphanumeric) => {}
                '’' if open.last() == Some(&Open::English) => {
                    open.pop();
                }
                '‘' | '’' => {
                    if let Some(Open::Low(start)) = open.last() {
                        pairs.push((*start..*start + '‚'.len_utf8(), at..at + c.len_utf8()));
                        open.pop();
                    }
                }
                _ => {}
            }
        }
    }
    pairs
}

/// The quotation marks the document uses most: curly unless straight ones are the majority.
fn english_quotes(ctx: &Context) -> (&'static str, &'static str) {
    let text = ctx.text();
    let (mut straight, mut curly) = (0, 0);
    for block in formats::blocks(ctx.regions) {
        for (first, _) in prose::pair(&prose::quote_marks(text, block)).pairs {
            match first.mark {
                Mark::Straight => straight += 1,
                Mark::CurlyOpen => curly += 1,
                _ => {}
            }
        }
    }
    if straight > curly { ("\"", "\"") } else { ("“", "”") }
}
