//! `number-mismatch`: the numbers of a translation differ from its source's. See
//! `lints/number-mismatch.toml`.

use std::sync::LazyLock;

use regex::Regex;

use super::Context;
use crate::diagnostic::Diagnostic;

/// Digits of any script (`\d` is Unicode: `３`, `٣`), grouped by any space, `.`, `,`, an
/// apostrophe (Swiss `1'000`) or the Arabic separators.
static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d+(?:[\p{Zs}.,'\x{2019}\x{66b}\x{66c}]\d+)*").expect("number pattern compiles"));

static DIGIT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d$").expect("digit pattern compiles"));

/// The value of a decimal digit of any script: digits come in runs of ten, zero first.
fn digit_value(c: char) -> u32 {
    if let Some(value) = c.to_digit(10) {
        return value;
    }
    let mut zero = c as u32;
    let mut buffer = [0u8; 4];
    while let Some(previous) = zero.checked_sub(1).and_then(char::from_u32) {
        if !DIGIT.is_match(previous.encode_utf8(&mut buffer)) {
            break;
        }
        zero -= 1;
    }
    (c as u32 - zero) % 10
}

/// Numbers in one form whatever the locale and script: thousands separators dropped, a decimal
/// separator (a comma, a dot or `٫` before one or two final digits) written `.`, digits in
/// ASCII: `3,5` = `3.5`, `1 200` = `1.200` (German) = `1,200` = `1200`, `３` = `٣` = `3`.
pub fn numbers(text: &str) -> Vec<String> {
    let mut found: Vec<String> = NUMBER
        .find_iter(text)
        .map(|m| {
            // Each run of digits, and the separator before it.
            let mut groups: Vec<(Option<char>, String)> = vec![(None, String::new())];
            for c in m.as_str().chars() {
                if is_digit(c) {
                    let digit = char::from_digit(digit_value(c), 10).expect("a digit");
                    groups.last_mut().expect("a group").1.push(digit);
                } else {
                    groups.push((Some(c), String::new()));
                }
            }
            let decimal = match groups.last() {
                Some((Some(',' | '.' | '\u{66b}'), last)) if groups.len() > 1 && (1..=2).contains(&last.len()) => {
                    groups.pop().map(|(_, f)| f)
                }
                _ => None,
            };
            let digits: String = groups.into_iter().map(|(_, g)| g).collect();
            let digits = digits.trim_start_matches('0');
            let digits = if digits.is_empty() { "0" } else { digits };
            match decimal {
                Some(f) => format!("{digits}.{f}"),
                None => digits.to_owned(),
            }
        })
        .collect();
    found.sort();
    found
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && DIGIT.is_match(c.encode_utf8(&mut [0u8; 4])))
}

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for pair in ctx.translated_pairs() {
        let (source, target) = (
            numbers(&super::without_placeholders(&pair.source)),
            numbers(&super::without_placeholders(&pair.target)),
        );
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

    #[test]
    fn digits_of_every_script_and_every_space_as_separator() {
        assert_eq!(numbers("３"), ["3"]);
        assert_eq!(numbers("٣"), ["3"]);
        assert_eq!(numbers("३०"), ["30"]);
        assert_eq!(numbers("3\u{a0}000 €"), ["3000"]);
        assert_eq!(numbers("3\u{202f}000,5"), ["3000.5"]);
        assert_eq!(numbers("1'000"), numbers("1,000"));
        assert_eq!(numbers("٣٫٥"), ["3.5"]);
    }
}
