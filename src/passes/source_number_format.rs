//! `source-number-format`: numbers, dates and times in the source locale's format. See
//! `lints/source-number-format.toml`.

use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use regex::{Regex, RegexSet};

use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::source::floor_char_boundary;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// ASCII digits and boundaries: the patterns start and end at digits, and Unicode `\d` and
/// `\b` would cost a bigger automaton (4 ms more to start) for digits `number` cannot read.
const SOURCES: [&str; 10] = [
    r"(?-u:\b)[0-9]+,(?:[0-9]{1,2}|[0-9]{4,})(?-u:\b)",
    r"(?-u:\b)[0-9]{1,3}(?:[ \x{a0}\x{202f}][0-9]{3})+(?-u:\b)",
    r"(?-u:\b)[0-9]{1,3}(?:\.[0-9]{3}){2,}(?-u:\b)",
    r"[0-9]([ \x{a0}\x{202f}])%",
    // The amount may be grouped (`3 000 €`): all of it moves behind the sign, not its last group.
    r"(?-u:\b)([0-9]{1,3}(?:[ \x{a0}\x{202f}][0-9]{3})+(?:,[0-9]{1,2})?|[0-9]+(?:[.,][0-9]+)?)[ \x{a0}\x{202f}]?(€|\$|£|Md€|Mds€|M€)",
    r"(?-u:\b)([01]?[0-9]|2[0-3]) ?h ?([0-5][0-9])(?-u:\b)",
    // Longest suffixes first; the word must end there (checked after: a Unicode `\W` class is
    // a large automaton).
    r"(?-u:\b)([0-9]+)(ème|eme|er|re|e|º|ª)",
    r"(?-u:\b)([IVXL]+)(?:e|ème) (?:siècle|century)(?-u:\b)",
    r"(?-u:\b)([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})(?-u:\b)",
    r"(?-u:\b)([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})(?-u:\b)",
];

const DECIMAL_COMMA: usize = 0;
const SPACE_THOUSANDS: usize = 1;
const DOT_THOUSANDS: usize = 2;
const SPACE_PERCENT: usize = 3;
const CURRENCY_AFTER: usize = 4;
const TIME: usize = 5;
const ORDINAL: usize = 6;
const ROMAN_CENTURY: usize = 7;
const SLASH_DATE: usize = 8;
const DOT_DATE: usize = 9;

/// The patterns, each compiled when a region first needs it, and the set of all of them, which
/// says in one scan which ones match a region at all.
struct Patterns {
    any: RegexSet,
    each: [OnceLock<Regex>; SOURCES.len()],
}

impl Patterns {
    fn get(&self, index: usize) -> &Regex {
        self.each[index].get_or_init(|| Regex::new(SOURCES[index]).expect("number pattern compiles"))
    }
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| Patterns {
    any: RegexSet::new(SOURCES).expect("number patterns compile"),
    each: Default::default(),
});

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let text = ctx.text();
    let patterns = &*PATTERNS;
    let day_first_document = ctx.regions.iter().any(|region| {
        let region_text = &text[region.range.clone()];
        region_text.contains('/')
            && patterns
                .get(SLASH_DATE)
                .captures_iter(region_text)
                .any(|c| number(&c[1]) > 12 && number(&c[2]) <= 12)
    });
    for region in ctx.regions {
        let range = region.range.clone();
        let haystack = &text[range.clone()];
        // Every pattern has a digit but the Roman century (`XIXe siècle`).
        let century = haystack.contains("siècle") || haystack.contains("century");
        if !century && !haystack.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let matching = patterns.any.matches(haystack);
        if !matching.matched_any() {
            continue;
        }
        // An empty iterator for a pattern the set found no match of.
        let when = |index: usize| matching.matched(index).then(|| patterns.get(index));
        let mut found: Vec<(Range<usize>, &str, String)> = Vec::new();
        let mut push = |span: Range<usize>, kind: &'static str, fix: String| {
            found.push((range.start + span.start..range.start + span.end, kind, fix));
        };
        for m in when(DECIMAL_COMMA).into_iter().flat_map(|p| p.find_iter(haystack)) {
            let (before, after) = (&haystack[..m.start()], &haystack[m.end()..]);
            // A list, a pair or a range (`1,2,3`, `[1,86400]`, `--worker=0,1`, `file{1,2}`,
            // `(3,4)`, `0-2,6`, `1,5/2,11`, `-p 3,4`), not an amount.
            let list = before.ends_with(|c: char| matches!(c, ',' | '=' | '[' | '-' | '/' | ':' | '.' | '%') || c.is_ascii_digit())
                || after.starts_with([',', ']', '}', ')', '-', '/', ':'])
                || after_an_option(before)
                // `a comma-separated list with no space: 0,1`: the sentence is about the syntax.
                || before[floor_char_boundary(before, before.len().saturating_sub(80))..].contains("comma")
                || after.trim_start().starts_with('°')
                || after.starts_with(" and ")
                || after.starts_with(" et ");
            if !list {
                push(m.range(), "decimal-comma", m.as_str().replace(',', "."));
            }
        }
        for m in when(SPACE_THOUSANDS).into_iter().flat_map(|p| p.find_iter(haystack)) {
            let (before, after) = (&haystack[..m.start()], &haystack[m.end()..]);
            // `2014 200 soldiers` or a phone number: digits before, or a decimal after.
            let joined = before
                .trim_end_matches([' ', '\u{a0}', '\u{202f}'])
                .ends_with(|c: char| c.is_ascii_digit());
            let decimal_after = after.starts_with([',', '.']) && after[1..].starts_with(|c: char| c.is_ascii_digit());
            // `248 239 0:4 /`: a row of numbers, as in a table.
            let row = after.starts_with(' ') && after[1..].starts_with(|c: char| c.is_ascii_digit());
            if !joined && !decimal_after && !row {
                let fixed: String = m
                    .as_str()
                    .chars()
                    .map(|c| if c.is_ascii_digit() { c } else { ',' })
                    .collect();
                push(m.range(), "space-thousands", fixed);
            }
        }
        for m in when(DOT_THOUSANDS).into_iter().flat_map(|p| p.find_iter(haystack)) {
            let before = haystack[..m.start()].to_ascii_lowercase();
            let parts: Vec<u32> = m.as_str().split('.').map(number).collect();
            let version = before.ends_with('v') || before.trim_end().ends_with("version");
            let address = parts.len() == 4 && parts.iter().all(|&p| p <= 255);
            let continues = haystack[m.end()..].starts_with('.')
                && haystack[m.end() + 1..].starts_with(|c: char| c.is_ascii_digit());
            if !version && !address && !continues && !before.ends_with('.') {
                push(m.range(), "dot-thousands", m.as_str().replace('.', ","));
            }
        }
        for c in when(SPACE_PERCENT).into_iter().flat_map(|p| p.captures_iter(haystack)) {
            let whole = c.get(0).expect("match");
            // `i32 %v`, `%h %p`: a variable or a format, not a percentage of a number.
            let number_before = haystack[..whole.start() + 1]
                .rsplit(|c: char| !c.is_alphanumeric() && c != '.')
                .next()
                .is_some_and(|word| word.bytes().all(|b| b.is_ascii_digit() || b == b'.'));
            let format_after = haystack[whole.end()..].starts_with(|c: char| c.is_alphanumeric() || c == '_');
            if !number_before || format_after {
                continue;
            }
            push(
                c.get(1).expect("group").start()..c.get(0).expect("match").end(),
                "space-percent",
                "%".to_owned(),
            );
        }
        for c in when(CURRENCY_AFTER).into_iter().flat_map(|p| p.captures_iter(haystack)) {
            let (amount, sign) = (&c[1], &c[2]);
            let whole = c.get(0).expect("match");
            // A grouped amount is written as English groups it: `3 000,50 €` → `€3,000.50`.
            let amount = &if amount.contains([' ', '\u{a0}', '\u{202f}']) {
                amount.replace(',', ".").replace([' ', '\u{a0}', '\u{202f}'], ",")
            } else {
                amount.to_owned()
            };
            // `%1$s` is a printf argument by position, `$1$salt` a crypt prefix, `/^x=1$/` a
            // regular expression's end: code, not a dollar amount, which a word or a space follows.
            let before = &haystack[..whole.start()];
            let code = before.ends_with(['%', '$', '=', '{'])
                || haystack[whole.end()..]
                    .starts_with(|c: char| c.is_ascii_alphanumeric() || matches!(c, '/' | '$' | '{' | '\'' | '"'));
            if sign == "$" && code {
                continue;
            }
            let fixed = match sign {
                "Md€" | "Mds€" => format!("€{amount}bn"),
                "M€" => format!("€{amount}m"),
                sign => format!("{sign}{amount}"),
            };
            push(whole.range(), "currency-after", fixed);
        }
        for c in when(TIME).into_iter().flat_map(|p| p.captures_iter(haystack)) {
            push(c.get(0).expect("match").range(), "time", format!("{}:{}", &c[1], &c[2]));
        }
        for c in when(ORDINAL)
            .into_iter()
            .flat_map(|p| p.captures_iter(haystack))
            .filter(|c| {
                let whole = c.get(0).expect("match");
                let after = haystack[whole.end()..].chars().next();
                // `2e arrondissement`, not a hash (`59807616e`), a version (`1.0.2e`) or an
                // exponent (`1e-04`): at most three digits, standing as a word of its own.
                let digits = c.get(1).expect("group");
                let before = haystack[..digits.start()].chars().next_back();
                after.is_none_or(|c| !c.is_alphanumeric() && !matches!(c, '_' | '-' | '+' | '.'))
                    && digits.len() <= 3
                    && before.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '«' | '"' | '“'))
                    && !among_hex_bytes(haystack, whole.range())
            })
        {
            let digits = c.get(1).expect("group");
            let span = digits.start()..c.get(2).expect("group").end();
            push(span, "ordinal", english_ordinal(number(digits.as_str())));
        }
        for c in when(ROMAN_CENTURY).into_iter().flat_map(|p| p.captures_iter(haystack)) {
            if let Some(century) = roman(&c[1]) {
                push(
                    c.get(0).expect("match").range(),
                    "ordinal",
                    format!("{} century", english_ordinal(century)),
                );
            }
        }
        for c in when(SLASH_DATE).into_iter().flat_map(|p| p.captures_iter(haystack)) {
            let (day, month) = (number(&c[1]), number(&c[2]));
            if (1..=12).contains(&month) && (1..=31).contains(&day) && (day > 12 || day_first_document) {
                push(
                    c.get(0).expect("match").range(),
                    "date",
                    format!("{day} {} {}", MONTHS[month as usize - 1], &c[3]),
                );
            }
        }
        for c in when(DOT_DATE).into_iter().flat_map(|p| p.captures_iter(haystack)) {
            let (day, month) = (number(&c[1]), number(&c[2]));
            if (1..=12).contains(&month) && (1..=31).contains(&day) {
                push(
                    c.get(0).expect("match").range(),
                    "date",
                    format!("{day} {} {}", MONTHS[month as usize - 1], &c[3]),
                );
            }
        }
        found.sort_by_key(|(span, _, _)| (span.start, span.end));
        for (span, kind, fixed) in found {
            out.push(diagnostic(ctx, span, kind, &fixed));
        }
    }
}

/// `ps -p 3,4`, `zdump -c 1970,2070`: the word before is a command-line option.
fn after_an_option(before: &str) -> bool {
    let word = before.trim_end_matches(' ').rsplit(' ').next().unwrap_or("");
    before.ends_with(' ') && crate::prose::is_option(word)
}

fn diagnostic(ctx: &Context, span: Range<usize>, kind: &str, fixed: &str) -> Diagnostic {
    let kind_text = ctx.message(kind, &[]);
    let fields = [
        ("text", &ctx.text()[span.clone()]),
        ("kind", kind_text.as_str()),
        ("fix", fixed),
    ];
    let why = format!("English writes `{fixed}`");
    // Unsafe: the house style may want another English form.
    let fix = Fix::unsafe_(vec![Edit::replace(span.clone(), fixed)]);
    let mut diagnostic = ctx.report("", span, &fields).with_fix(fix);
    diagnostic.primary.message = Some(why.into());
    diagnostic
}

fn number(digits: &str) -> u32 {
    digits.parse().unwrap_or(u32::MAX)
}

/// `new NOP codes: 66 66 2e 0f 1f`: the word before or after `span` is hexadecimal too (digits
/// and `a`–`f`, a digit among them), so `2e` is a byte, not an ordinal. Whole hex dumps in plain
/// text never reach the lint (the front-end leaves them out); this is hex inside prose.
fn among_hex_bytes(text: &str, span: Range<usize>) -> bool {
    let hex = |word: Option<&str>| {
        word.is_some_and(|w| {
            w.len() >= 2 && w.bytes().all(|b| b.is_ascii_hexdigit()) && w.bytes().any(|b| b.is_ascii_digit())
        })
    };
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.end..].find('\n').map_or(text.len(), |i| span.end + i);
    hex(text[line_start..span.start].split_whitespace().next_back())
        || hex(text[span.end..line_end].split_whitespace().next())
}

fn english_ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn roman(numeral: &str) -> Option<u32> {
    let value = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        _ => None,
    };
    let digits: Vec<u32> = numeral.chars().map(value).collect::<Option<_>>()?;
    let mut total: i64 = 0;
    for (i, &d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|&next| next > d) {
            total -= d as i64;
        } else {
            total += d as i64;
        }
    }
    u32::try_from(total).ok().filter(|&n| (1..=30).contains(&n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_and_centuries() {
        assert_eq!(english_ordinal(1), "1st");
        assert_eq!(english_ordinal(12), "12th");
        assert_eq!(english_ordinal(22), "22nd");
        assert_eq!(roman("XIX"), Some(19));
        assert_eq!(roman("XXI"), Some(21));
        assert_eq!(roman("IV"), Some(4));
    }
}
