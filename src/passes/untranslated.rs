//! `untranslated`: source-language residue. See `lints/untranslated.toml`.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;

use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::engine::at_word_boundaries;
use crate::formats;
use crate::language::{self, FUNCTION_WORDS, Lang};
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
    spellings: AhoCorasick,
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
    let spellings = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(by_spelling.keys())
        .expect("names automaton builds");
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
    for hit in tables.spellings.find_iter(&text[range.clone()]) {
        let span = range.start + hit.start()..range.start + hit.end();
        if !at_word_boundaries(text, &span) {
            continue;
        }
        let name = &tables.names[hit.pattern().as_usize()];
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
    if !region.contains(['ä', 'ö', 'ü', 'ß']) || !ctx.languages.allows(Lang::De, false) {
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

/// Clauses in a source language: two or more of its function words, a quarter of the words,
/// and no English function word. Quoted text and names already reported are left out.
fn clauses(ctx: &Context, block: &[formats::Region], names: &[Range<usize>], out: &mut Vec<Diagnostic>) {
    let text = ctx.text();
    let words = &*FUNCTION_WORDS;
    let quoted: Vec<Range<usize>> = prose::pair(&prose::quote_marks(text, block))
        .pairs
        .iter()
        .map(|(open, close)| open.offset..close.range().end)
        .collect();
    let skipped = |at: usize| quoted.iter().chain(names).any(|r| r.contains(&at));
    for region in block {
        let region_text = &text[region.range.clone()];
        let mut start = 0;
        for (i, c) in region_text
            .char_indices()
            .chain(std::iter::once((region_text.len(), '\n')))
        {
            if !matches!(
                c,
                '.' | '!' | '?' | ';' | ':' | '\n' | '(' | ')' | '«' | '»' | '"' | '“' | '”' | '„'
            ) {
                continue;
            }
            let clause = region.range.start + start..region.range.start + i;
            start = i + c.len_utf8();
            let mut counts = [0usize; Lang::ALL.len()];
            let (mut total, mut english) = (0, 0);
            let mut span: Option<Range<usize>> = None;
            language::for_each_word(&text[clause.clone()], |range, word| {
                let at = clause.start + range.start;
                if skipped(at) {
                    return;
                }
                total += 1;
                english += usize::from(words.is_english(word));
                for &lang in words.languages(word) {
                    counts[lang as usize] += 1;
                }
                span = Some(span.as_ref().map_or(at, |s| s.start)..clause.start + range.end);
            });
            let Some((index, &count)) = counts
                .iter()
                .enumerate()
                .max_by_key(|&(i, n)| (*n, std::cmp::Reverse(i)))
            else {
                continue;
            };
            let lang = Lang::ALL[index];
            if total < 3 || english > 0 || count < 2 || count * 4 < total || !ctx.languages.allows(lang, false) {
                continue;
            }
            let Some(span) = span else { continue };
            let count_text = count.to_string();
            let fields = [
                ("text", &text[span.clone()]),
                ("language", lang.name()),
                ("count", count_text.as_str()),
            ];
            out.push(ctx.report("clause", span, &fields));
        }
    }
}
