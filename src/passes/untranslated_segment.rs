//! `untranslated-segment`: a translation left empty, or a copy of its source. See
//! `lints/untranslated-segment.toml`.

use super::Context;
use crate::diagnostic::Diagnostic;

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for pair in ctx.pairs {
        let (source, target) = (pair.source.trim(), pair.target.trim());
        if source.is_empty() {
            continue;
        }
        if target.is_empty() {
            out.push(ctx.report("", pair.span.clone(), &[("text", source)]));
        } else if target == source && is_prose(source) {
            out.push(ctx.report("copied", pair.span.clone(), &[("text", source)]));
        }
    }
}

/// More than a name, a number or a code: two words or more, one of them a lowercase word of
/// three letters or more.
fn is_prose(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() >= 2
        && words
            .iter()
            .any(|w| w.chars().count() >= 3 && w.chars().all(|c| c.is_lowercase()))
}
