//! `untranslated`: source-language residue. See `lints/untranslated.toml`.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;

use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::engine::at_word_boundaries;
use crate::formats;
use crate::lang::Lang;
use crate::language;
use crate::matcher::Phrases;
use crate::prose;
use crate::registry;

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Data {
    borrowed: Vec<String>,
    names: BTreeMap<Lang, BTreeMap<String, String>>,
    names_if_source: BTreeMap<Lang, BTreeMap<String, String>>,
}

/// A source spelling and its English name, with the languages it comes from and whether it
/// needs that language set or detected.
struct Name {
    english: String,
    languages: Vec<(Lang, bool)>,
}

struct Tables {
    spellings: Phrases,
    names: Vec<Name>,
    borrowed: Vec<String>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let data: Data = Context::data(registry::get("untranslated").expect("registered"));
    let mut by_spelling: BTreeMap<String, Name> = BTreeMap::new();
    let tables = data
        .names
        .iter()
        .map(|t| (t, false))
        .chain(data.names_if_source.iter().map(|t| (t, true)));
    for ((&lang, table), ambiguous) in tables {
        for (spelling, english) in table {
            let name = by_spelling.entry(spelling.clone()).or_insert_with(|| Name {
                english: english.clone(),
                languages: Vec::new(),
            });
            name.languages.push((lang, ambiguous));
        }
    }
    let spellings = Phrases::leftmost_longest(by_spelling.keys().cloned().collect(), false);
    Tables {
        spellings,
        names: by_spelling.into_values().collect(),
        borrowed: data.borrowed,
    }
});

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let tables = &*TABLES;
    for block in formats::blocks(ctx.regions) {
        let mut names_found: Vec<Range<usize>> = Vec::new();
        for region in block {
            names(ctx, tables, region.range.clone(), &mut names_found, out);
            german_nouns(ctx, tables, region.range.clone(), out);
        }
        clauses(ctx, block, &names_found, out);
    }
}

/// Names in their source spelling.
fn names(
    ctx: &Context,
    tables: &Tables,
    range: Range<usize>,
    found: &mut Vec<Range<usize>>,
    out: &mut Vec<Diagnostic>,
) {
    let text = ctx.text();
    for (hit, pattern) in tables.spellings.find_iter(&text[range.clone()]) {
        let span = range.start + hit.start..range.start + hit.end;
        if !at_word_boundaries(text, &span) {
            continue;
        }
        let name = &tables.names[pattern];
        let Some(&(lang, _)) = name
            .languages
            .iter()
            .find(|&&(lang, ambiguous)| ctx.languages.allows(lang, ambiguous))
        else {
            continue;
        };
        found.push(span.clone());
        let fields = [
            ("text", &text[span.clone()]),
            ("language", lang.name()),
            ("fix", name.english.as_str()),
        ];
        // Unsafe: the same spelling could be another person or place.
        let fix = Fix::unsafe_(vec![Edit::replace(span.clone(), name.english.as_str())]);
        out.push(ctx.report("", span, &fields).with_fix(fix));
    }
}

/// German compound nouns: a capitalised word with `ä ö ü ß`, ending like a German noun.
fn german_nouns(ctx: &Context, tables: &Tables, range: Range<usize>, out: &mut Vec<Diagnostic>) {
    const SUFFIXES: [&str; 7] = ["ung", "ungen", "keit", "heit", "schaft", "erklärung", "ismus"];
    let text = ctx.text();
    let region = &text[range.clone()];
    // `ä ö ü ß` are 0xC3 followed by 0xA4, 0xB6, 0xBC, 0x9F: find them with memchr.
    let bytes = region.as_bytes();
    let umlaut = memchr::memchr_iter(0xC3, bytes).any(|i| matches!(bytes.get(i + 1), Some(0xA4 | 0xB6 | 0xBC | 0x9F)));
    if !umlaut || !ctx.languages.allows(Lang::De, false) {
        return;
    }
    for (offset, word) in word_spans(region) {
        let long = word.chars().count() >= 10;
        if !long
            || !word.starts_with(char::is_uppercase)
            || !word.contains(['ä', 'ö', 'ü', 'ß'])
            || !SUFFIXES.iter().any(|suffix| word.ends_with(suffix))
            || tables.borrowed.iter().any(|b| b == word)
        {
            continue;
        }
        let span = range.start + offset..range.start + offset + word.len();
        out.push(ctx.report("word", span, &[("text", word), ("language", Lang::De.name())]));
    }
}

fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// Clauses in a source language (see `language::ClauseCounter`). A clause ends at sentence
/// punctuation, a quotation mark or a bracket, or a line break before a capital or a bullet; it
/// runs across the regions of its block (around inline code). Quoted words and names already
/// reported are not counted.
fn clauses(ctx: &Context, block: &[formats::Region], names: &[Range<usize>], out: &mut Vec<Diagnostic>) {
    let text = ctx.text();
    let quoted = prose::pair(&prose::quote_marks(text, block))
        .pairs
        .into_iter()
        .map(|(open, close)| open.offset..close.range().end);
    let skipped_ranges = crate::source::Covered::new(quoted.chain(names.iter().cloned()).collect());
    let skipped = |at: usize| !skipped_ranges.is_empty() && skipped_ranges.contains(at);
    let mut counter = language::ClauseCounter::default();
    let mut report = |counter: &mut language::ClauseCounter| {
        let Some(found) = counter.finish() else { return };
        if !ctx.languages.allows(found.lang, false) {
            return;
        }
        let count = found.count.to_string();
        let span = found.span;
        let fields = [
            ("text", &text[span.clone()]),
            ("language", found.lang.name()),
            ("count", count.as_str()),
        ];
        out.push(ctx.report("clause", span, &fields));
    };
    for region in block {
        let (base, region_text) = (region.range.start, &text[region.range.clone()]);
        let mut gap_start = 0;
        language::scan_words(region_text, |range, word| {
            if ends_clause(region_text, gap_start..range.start) {
                report(&mut counter);
            }
            if !skipped(base + range.start) {
                let mut info = if counter.has_english() {
                    language::WordInfo::default()
                } else {
                    word.info()
                };
                // `cloud.google.com/com‐pute`, `--threads-per-core`: a piece of a name or an
                // option is no word of prose (looked at only for the rare source words).
                if info.langs != 0 && prose::in_identifier(region_text, &range) {
                    info = language::WordInfo::default();
                }
                counter.add(base + range.start..base + range.end, info);
            }
            gap_start = range.end;
        });
        if ends_clause(region_text, gap_start..region_text.len()) {
            report(&mut counter);
        }
    }
    report(&mut counter);
}

/// Whether the text between two words ends a clause: sentence punctuation, a quotation mark or
/// a bracket, or a line break before a capital or a bullet (`a byte value, a⏎character` is one
/// sentence, a tag list is not).
fn ends_clause(text: &str, gap: Range<usize>) -> bool {
    // Nearly every gap is one space.
    if gap.is_empty() || (gap.len() == 1 && text.as_bytes()[gap.start] == b' ') {
        return false;
    }
    let between = &text[gap.clone()];
    between.char_indices().any(|(i, c)| match c {
        '.' | '!' | '?' | ';' | ':' | '(' | ')' | '«' | '»' | '"' | '“' | '”' | '„' => true,
        '\n' => text[gap.start + i + 1..]
            .trim_start()
            .starts_with(|c: char| c.is_uppercase() || matches!(c, '•' | '-' | '*')),
        _ => false,
    })
}
