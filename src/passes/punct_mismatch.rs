//! `punct-mismatch`: ending punctuation, edge whitespace or bracket balance differs from the
//! source. See `lints/punct-mismatch.toml`.

use super::Context;
use crate::diagnostic::Diagnostic;

/// The sentence mark a text ends with (`…` and `...` alike), if any.
fn ending(text: &str) -> Option<&'static str> {
    let text = text
        .trim_end()
        .trim_end_matches(['"', '”', '’', '»', ')', ' ', '\u{a0}', '\u{202f}']);
    if text.ends_with("...") || text.ends_with('…') {
        return Some("…");
    }
    match text.chars().next_back()? {
        '.' => Some("."),
        '!' => Some("!"),
        '?' => Some("?"),
        ':' => Some(":"),
        _ => None,
    }
}

/// Opening minus closing brackets.
fn balance(text: &str) -> i64 {
    text.chars()
        .map(|c| match c {
            '(' | '[' => 1,
            ')' | ']' => -1,
            _ => 0,
        })
        .sum()
}

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for pair in ctx.translated_pairs() {
        let (source, target) = (pair.source.as_str(), pair.target.as_str());
        if source.trim().is_empty() {
            continue;
        }
        let (from, to) = (ending(source), ending(target));
        if from != to {
            let show = |e: Option<&str>| e.map_or_else(|| "no mark".to_owned(), |e| format!("`{e}`"));
            let (from, to) = (show(from), show(to));
            out.push(ctx.report(
                "",
                pair.span.clone(),
                &[("source", from.as_str()), ("target", to.as_str())],
            ));
            continue;
        }
        let edges = |t: &str| (t.starts_with(char::is_whitespace), t.ends_with(char::is_whitespace));
        if edges(source) != edges(target) {
            out.push(ctx.report("whitespace", pair.span.clone(), &[]));
            continue;
        }
        if balance(source) != balance(target) {
            out.push(ctx.report("brackets", pair.span.clone(), &[]));
        }
    }
}
