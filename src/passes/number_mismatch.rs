//! `number-mismatch`: the numbers of a translation differ from its source's. See
//! `lints/number-mismatch.toml`.

use std::sync::LazyLock;

use regex::Regex;

use super::Context;
use crate::diagnostic::Diagnostic;

static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d+(?:[ \x{a0}\x{202f}.,]\d+)*").expect("number pattern compiles"));

/// Numbers in one form whatever the locale: thousands separators dropped, a decimal separator
/// (a comma or a dot before one or two final digits) written `.`: `3,5` = `3.5`, `1 200` =
/// `1.200` (German) = `1,200` = `1200`.
pub fn numbers(text: &str) -> Vec<String> {
    let mut found: Vec<String> = NUMBER
        .find_iter(text)
        .map(|m| {
            let s = m.as_str();
            let last_separator = s.rfind(|c: char| !c.is_ascii_digit());
            let (integer, fraction) = match last_separator {
                Some(i) if matches!(&s[i..i + 1], "," | ".") && (1..=2).contains(&(s.len() - i - 1)) => {
                    (&s[..i], Some(&s[i + 1..]))
                }
                _ => (s, None),
            };
            let digits: String = integer.chars().filter(char::is_ascii_digit).collect();
            let digits = digits.trim_start_matches('0');
            let digits = if digits.is_empty() { "0" } else { digits };
            match fraction {
                Some(f) => format!("{digits}.{f}"),
                None => digits.to_owned(),
            }
        })
        .collect();
    found.sort();
    found
}

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for pair in ctx.translated_pairs() {
        let (source, target) = (numbers(&pair.source), numbers(&pair.target));
        if source == target {
            continue;
        }
        let missing = difference(&source, &target);
        let added = difference(&target, &source);
        let (missing, added) = (super::quoted_list(&missing, ", "), super::quoted_list(&added, ", "));
        out.push(ctx.report(
            "",
            pair.span.clone(),
            &[("missing", missing.as_str()), ("added", added.as_str())],
        ));
    }
}

/// What `a` has that `b` has not (both sorted), counting repeats.
fn difference(a: &[String], b: &[String]) -> Vec<String> {
    let mut rest = b.to_vec();
    a.iter()
        .filter(|n| match rest.iter().position(|m| m == *n) {
            Some(i) => {
                rest.remove(i);
                false
            }
            None => true,
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_compare_across_locales() {
        assert_eq!(
            numbers("3,5 millions et 1 200 euros"),
            numbers("3.5 million and 1,200 euros")
        );
        assert_eq!(numbers("1.200.000"), ["1200000"]);
        assert_ne!(numbers("10 files"), numbers("100 files"));
    }
}
