//! `source-number-format`: numbers, dates and times in the source locale's format. See
//! `lints/source-number-format.toml`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Regex, RegexSet};

use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix};

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

struct Patterns {
    /// All the patterns below, in order: which of them match a region at all, in one scan.
    any: RegexSet,
    decimal_comma: Regex,
    space_thousands: Regex,
    dot_thousands: Regex,
    space_percent: Regex,
    currency_after: Regex,
    time: Regex,
    ordinal: Regex,
    roman_century: Regex,
    slash_date: Regex,
    dot_date: Regex,
}

/// ASCII boundaries: the patterns start and end at digits, and a Unicode `\b` would cost a
/// slower engine for nothing.
static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let sources = [
        r"(?-u:\b)\d+,(?:\d{1,2}|\d{4,})(?-u:\b)",
        r"(?-u:\b)\d{1,3}(?:[ \x{a0}\x{202f}]\d{3})+(?-u:\b)",
        r"(?-u:\b)\d{1,3}(?:\.\d{3}){2,}(?-u:\b)",
        r"\d([ \x{a0}\x{202f}])%",
        r"(?-u:\b)(\d+(?:[.,]\d+)?)[ \x{a0}\x{202f}]?(€|\$|£|Md€|Mds€|M€)",
        r"(?-u:\b)([01]?\d|2[0-3]) ?h ?([0-5]\d)(?-u:\b)",
        r"(?-u:\b)(\d+)(er|re|e|ème|eme|º|ª)(?:[^\w]|$)",
        r"(?-u:\b)([IVXL]+)(?:e|ème) (?:siècle|century)(?-u:\b)",
        r"(?-u:\b)(\d{1,2})/(\d{1,2})/(\d{4})(?-u:\b)",
        r"(?-u:\b)(\d{1,2})\.(\d{1,2})\.(\d{4})(?-u:\b)",
    ];
    let [
        decimal_comma,
        space_thousands,
        dot_thousands,
        space_percent,
        currency_after,
        time,
        ordinal,
        roman_century,
        slash_date,
        dot_date,
    ] = sources.map(|p| Regex::new(p).expect("number pattern compiles"));
    Patterns {
        any: RegexSet::new(sources).expect("number patterns compile"),
        decimal_comma,
        space_thousands,
        dot_thousands,
        space_percent,
        currency_after,
        time,
        ordinal,
        roman_century,
        slash_date,
        dot_date,
    }
});

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let text = ctx.text();
    let patterns = &*PATTERNS;
    let day_first_document = ctx.regions.iter().any(|region| {
        patterns
            .slash_date
            .captures_iter(&text[region.range.clone()])
            .any(|c| number(&c[1]) > 12 && number(&c[2]) <= 12)
    });
    for region in ctx.regions {
        let range = region.range.clone();
        let haystack = &text[range.clone()];
        if !haystack.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let matching = patterns.any.matches(haystack);
        if !matching.matched_any() {
            continue;
        }
        // An empty iterator for a pattern the set found no match of.
        let when = |index: usize, pattern: &'static Regex| matching.matched(index).then_some(pattern);
        let mut found: Vec<(Range<usize>, &str, String)> = Vec::new();
        let mut push = |span: Range<usize>, kind: &'static str, fix: String| {
            found.push((range.start + span.start..range.start + span.end, kind, fix));
        };
        for m in when(0, &patterns.decimal_comma)
            .into_iter()
            .flat_map(|p| p.find_iter(haystack))
        {
            let (before, after) = (&haystack[..m.start()], &haystack[m.end()..]);
            let list = before.ends_with(|c: char| c == ',' || c.is_ascii_digit())
                || after.starts_with(',')
                || after.trim_start().starts_with('°')
                || after.starts_with(" and ")
                || after.starts_with(" et ");
            if !list {
                push(m.range(), "decimal-comma", m.as_str().replace(',', "."));
            }
        }
        for m in when(1, &patterns.space_thousands)
            .into_iter()
            .flat_map(|p| p.find_iter(haystack))
        {
            let (before, after) = (&haystack[..m.start()], &haystack[m.end()..]);
            // `2014 200 soldiers` or a phone number: digits before, or a decimal after.
            let joined = before
                .trim_end_matches([' ', '\u{a0}', '\u{202f}'])
                .ends_with(|c: char| c.is_ascii_digit());
            let decimal_after = after.starts_with([',', '.']) && after[1..].starts_with(|c: char| c.is_ascii_digit());
            if !joined && !decimal_after {
                let fixed: String = m
                    .as_str()
                    .chars()
                    .map(|c| if c.is_ascii_digit() { c } else { ',' })
                    .collect();
                push(m.range(), "space-thousands", fixed);
            }
        }
        for m in when(2, &patterns.dot_thousands)
            .into_iter()
            .flat_map(|p| p.find_iter(haystack))
        {
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
        for c in when(3, &patterns.space_percent)
            .into_iter()
            .flat_map(|p| p.captures_iter(haystack))
        {
            push(
                c.get(1).expect("group").start()..c.get(0).expect("match").end(),
                "space-percent",
                "%".to_owned(),
            );
        }
        for c in when(4, &patterns.currency_after)
            .into_iter()
            .flat_map(|p| p.captures_iter(haystack))
        {
            let (amount, sign) = (&c[1], &c[2]);
            let fixed = match sign {
                "Md€" | "Mds€" => format!("€{amount}bn"),
                "M€" => format!("€{amount}m"),
                sign => format!("{sign}{amount}"),
            };
            push(c.get(0).expect("match").range(), "currency-after", fixed);
        }
        for c in when(5, &patterns.time)
            .into_iter()
            .flat_map(|p| p.captures_iter(haystack))
        {
            push(c.get(0).expect("match").range(), "time", format!("{}:{}", &c[1], &c[2]));
        }
        for c in when(6, &patterns.ordinal)
            .into_iter()
            .flat_map(|p| p.captures_iter(haystack))
        {
            let digits = c.get(1).expect("group");
            let span = digits.start()..c.get(2).expect("group").end();
            push(span, "ordinal", english_ordinal(number(digits.as_str())));
        }
        for c in when(7, &patterns.roman_century)
            .into_iter()
            .flat_map(|p| p.captures_iter(haystack))
        {
            if let Some(century) = roman(&c[1]) {
                push(
                    c.get(0).expect("match").range(),
                    "ordinal",
                    format!("{} century", english_ordinal(century)),
                );
            }
        }
        for c in when(8, &patterns.slash_date)
            .into_iter()
            .flat_map(|p| p.captures_iter(haystack))
        {
            let (day, month) = (number(&c[1]), number(&c[2]));
            if (1..=12).contains(&month) && (1..=31).contains(&day) && (day > 12 || day_first_document) {
                push(
                    c.get(0).expect("match").range(),
                    "date",
                    format!("{day} {} {}", MONTHS[month as usize - 1], &c[3]),
                );
            }
        }
        for c in when(9, &patterns.dot_date)
            .into_iter()
            .flat_map(|p| p.captures_iter(haystack))
        {
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
    diagnostic.primary.message = Some(why);
    diagnostic
}

fn number(digits: &str) -> u32 {
    digits.parse().unwrap_or(u32::MAX)
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
