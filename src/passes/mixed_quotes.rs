//! `mixed-quotes`: straight and curly double quotes in one document. See
//! `lints/mixed-quotes.toml`.

use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::formats;
use crate::prose::{self, Mark, QuoteMark};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let text = ctx.text();
    if prose::about_quotation_marks(text) {
        return;
    }
    let (mut straight, mut curly) = (Vec::new(), Vec::new());
    for block in formats::blocks(ctx.regions) {
        for (open, close) in prose::pair(&prose::quote_marks(text, block)).pairs {
            match (open.mark, close.mark) {
                (Mark::Straight, Mark::Straight) if !code_like(text, open, close) => straight.push((open, close)),
                (Mark::CurlyOpen, Mark::CurlyClose) if !code_like(text, open, close) => curly.push((open, close)),
                _ => {}
            }
        }
    }
    if straight.is_empty() || curly.is_empty() {
        return;
    }
    // The majority style wins; on a tie, curly, the typographic one.
    let (minority, majority, [open, close], fields) = if straight.len() > curly.len() {
        (
            curly,
            straight,
            ["\"", "\""],
            [("style", "curly"), ("other", "straight")],
        )
    } else {
        (straight, curly, ["“", "”"], [("style", "straight"), ("other", "curly")])
    };
    for (first, last) in minority {
        // Point at the nearest quotation in the majority style.
        let after = majority.partition_point(|(open, _)| open.offset < first.offset);
        let nearest = [after.checked_sub(1), Some(after)]
            .into_iter()
            .flatten()
            .filter_map(|i| majority.get(i))
            .min_by_key(|(open, _)| open.offset.abs_diff(first.offset))
            .copied()
            .expect("the majority has quotations");
        let diagnostic = ctx
            .report("", first.offset..last.range().end, &fields)
            .with_secondary(quotation(nearest), ctx.message("majority", &fields))
            .with_fix(Fix::safe(vec![
                Edit::replace(first.range(), open),
                Edit::replace(last.range(), close),
            ]));
        out.push(diagnostic);
    }
}

fn quotation((open, close): (QuoteMark, QuoteMark)) -> std::ops::Range<usize> {
    open.offset..close.range().end
}

/// A quoted value of a program, not a quotation of prose: `PAGER="less -R"`, `"%a, %d %b"`,
/// `"/usr/bin"`, `"$HOME"`, `".db"`, `“\n”`, `“-W usage”`, `" hello "`, `""`: it follows `=`,
/// holds `%`, `/`, `\`, `$`, `=`, `{` or `<`, is one token with a sign in it, is empty, starts
/// with an option, or has a space inside both marks (a quotation starts and ends with its words).
/// Man pages and generated docs quote code straight and prose curly, on purpose.
fn code_like(text: &str, open: QuoteMark, close: QuoteMark) -> bool {
    let inside = &text[open.range().end..close.offset];
    // `"*"`, `".db"`, `"#!"`: one token with a sign in it is a literal string.
    let literal = !inside.contains(char::is_whitespace) && !inside.chars().all(|c| c.is_alphabetic() || c == '\'');
    // `“-W usage”`, `"ssh -Q kex"`: a command with its options.
    let option = inside.split_whitespace().any(prose::is_option);
    // Both sides: one space before a closing mark (`reliable, ”he said`) is a translation's slip.
    let padded = inside.starts_with(char::is_whitespace) && inside.ends_with(char::is_whitespace);
    text[..open.offset].ends_with('=')
        || inside.contains(['%', '/', '\\', '$', '=', '{', '<'])
        || literal
        || inside.is_empty()
        || option
        || padded
}
