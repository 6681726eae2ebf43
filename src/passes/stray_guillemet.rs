//! `stray-guillemet`: French guillemets left in English text. See `lints/stray-guillemet.toml`.

use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::formats;
use crate::language;
use crate::prose::{self, Mark, QuoteMark};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let text = ctx.text();
    if memchr::memmem::find(text.as_bytes(), "«".as_bytes()).is_none()
        && memchr::memmem::find(text.as_bytes(), "»".as_bytes()).is_none()
    {
        return;
    }
    // A text about guillemets shows them as its subject, not as its quotation marks.
    if prose::about_quotation_marks(text) {
        return;
    }
    let blocks: Vec<_> = formats::blocks(ctx.regions).collect();
    let mut previous_unclosed: Option<QuoteMark> = None;
    for block in blocks {
        let pairing = prose::pair(&prose::quote_marks(text, block));
        let stray = pairing
            .unopened
            .iter()
            .chain(&pairing.unclosed)
            .filter(|m| m.mark.is_guillemet());
        for &mark in stray {
            if !separator(ctx, block, mark) {
                out.push(stray_mark(ctx, mark, previous_unclosed));
            }
        }
        for &(open, close) in &pairing.pairs {
            match (open.mark, close.mark) {
                (Mark::GuillemetOpen, Mark::GuillemetClose) => {
                    let inner = &text[open.range().end..close.offset];
                    if language::reads_as_english(inner) {
                        out.push(english_quotation(ctx, open, close));
                    }
                }
                (Mark::CurlyOpen, Mark::GuillemetClose) | (Mark::GuillemetOpen, Mark::CurlyClose) => {
                    let (guillemet, other) = if open.mark.is_guillemet() {
                        (open, close)
                    } else {
                        (close, open)
                    };
                    let curly = if guillemet.mark == Mark::GuillemetOpen {
                        "“"
                    } else {
                        "”"
                    };
                    let (mark, glyph) = (other.mark.as_char().to_string(), guillemet.mark.as_char().to_string());
                    let fields = [("mark", mark.as_str()), ("guillemet", glyph.as_str()), ("curly", curly)];
                    out.push(
                        ctx.report("mismatched", guillemet.range(), &fields)
                            .with_secondary(other.range(), ctx.message("mismatched-other", &fields))
                            .with_fix(Fix::safe(vec![Edit::replace(with_inner_space(text, guillemet), curly)])),
                    );
                }
                _ => {}
            }
        }
        previous_unclosed = pairing
            .unclosed
            .iter()
            .rev()
            .find(|m| m.mark == Mark::CurlyOpen)
            .copied();
    }
}

/// A guillemet with no partner: alone on its line (removed by the fix) or within text.
fn stray_mark(ctx: &Context, mark: QuoteMark, previous_unclosed: Option<QuoteMark>) -> Diagnostic {
    let source = ctx.source;
    let line = source.line_of(mark.offset);
    let line_range = source.line_range(line);
    let glyph = mark.mark.as_char().to_string();
    let fields = [("mark", glyph.as_str())];
    if source.text()[line_range].trim() != glyph {
        return ctx.report("unmatched", mark.range(), &fields);
    }
    let mut diagnostic = ctx.report("", mark.range(), &fields);
    if let Some(opener) = previous_unclosed.filter(|_| mark.mark == Mark::GuillemetClose) {
        let opener_line = source.line_of(opener.offset);
        let line_text = opener_line.to_string();
        let fields = [("mark", glyph.as_str()), ("line", line_text.as_str())];
        diagnostic = ctx
            .report("closes", mark.range(), &fields)
            .with_secondary(opener.range(), ctx.message("closes-opener", &fields));
    }
    // Safe: a line holding only a guillemet carries no text.
    diagnostic.with_fix(Fix::safe(vec![Edit::delete(source.line_removal(mark.range()))]))
}

/// `« English words »` becomes `“English words”`, spaces inside the guillemets dropped.
fn english_quotation(ctx: &Context, open: QuoteMark, close: QuoteMark) -> Diagnostic {
    let text = ctx.text();
    let fix = Fix::safe(vec![
        Edit::replace(with_inner_space(text, open), "“"),
        Edit::replace(with_inner_space(text, close), "”"),
    ]);
    ctx.report("english", open.offset..close.range().end, &[]).with_fix(fix)
}

/// A guillemet with the space French typography sets on its inner side (`« ` or ` »`).
fn with_inner_space(text: &str, mark: QuoteMark) -> std::ops::Range<usize> {
    match mark.mark {
        Mark::GuillemetOpen => {
            let after = &text[mark.range().end..];
            mark.offset..mark.range().end + after.len() - after.trim_start_matches(SPACES).len()
        }
        _ => {
            let before = &text[..mark.offset];
            before.trim_end_matches(SPACES).len()..mark.range().end
        }
    }
}

const SPACES: [char; 3] = [' ', '\u{a0}', '\u{202f}'];

/// A guillemet used as a separator, as navigation and link lists do (`Home » Guide » Install`,
/// `Manual »`, `» GitHub Repository`): the first or last mark of its block of markup, or one of
/// two or more spaced `»` on a line that has no `«`.
fn separator(ctx: &Context, block: &[crate::formats::Region], mark: QuoteMark) -> bool {
    let text = ctx.text();
    let range = mark.range();
    let start = block[0].range.start;
    let end = block[block.len() - 1].range.end;
    let alone_before = text[start..range.start].trim().is_empty();
    let alone_after = text[range.end..end].trim().is_empty();
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[range.end..].find('\n').map_or(text.len(), |i| range.end + i);
    let line = &text[line_start..line_end];
    let spaced = line.matches(" » ").count() + line.matches(" › ").count();
    // In markup, a mark at one edge of an element's one-line text, spaced from it, is a
    // separator; a lone mark on a line of its own stays a finding (the seed's `»`), and so does
    // one glued to a word (`«Driving on sight`).
    let spaced_from_text = text[..range.start].ends_with(' ') || text[range.end..].starts_with(' ');
    let markup = matches!(
        ctx.format,
        crate::formats::Format::Html | crate::formats::Format::Markdown
    );
    (markup && alone_before != alone_after && spaced_from_text && !text[start..end].contains('\n'))
        || (spaced >= 2 && !line.contains('«'))
}
