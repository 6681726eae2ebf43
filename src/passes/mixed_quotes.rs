//! `mixed-quotes`: straight and curly double quotes in one document. See
//! `lints/mixed-quotes.toml`.

use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::formats;
use crate::prose::{self, Mark, QuoteMark};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let text = ctx.text();
    let (mut straight, mut curly) = (Vec::new(), Vec::new());
    for block in formats::blocks(ctx.regions) {
        for (open, close) in prose::pair(&prose::quote_marks(text, block)).pairs {
            match (open.mark, close.mark) {
                (Mark::Straight, Mark::Straight) => straight.push((open, close)),
                (Mark::CurlyOpen, Mark::CurlyClose) => curly.push((open, close)),
                _ => {}
            }
        }
    }
    if straight.is_empty() || curly.is_empty() {
        return;
    }
    // The majority style wins; on a tie, curly, the typographic one.
    let (minority, majority, [open, close], fields) = if straight.len() > curly.len() {
        (curly, straight, ["\"", "\""], [("style", "curly"), ("other", "straight")])
    } else {
        (straight, curly, ["“", "”"], [("style", "straight"), ("other", "curly")])
    };
    let example = majority[0];
    for (first, last) in minority {
        let diagnostic = ctx
            .report("", first.offset..last.range().end, &fields)
            .with_secondary(quotation(example), ctx.message("majority", &fields))
            .with_fix(Fix::safe(vec![Edit::replace(first.range(), open), Edit::replace(last.range(), close)]));
        out.push(diagnostic);
    }
}

fn quotation((open, close): (QuoteMark, QuoteMark)) -> std::ops::Range<usize> {
    open.offset..close.range().end
}
