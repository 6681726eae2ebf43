//! `glued-words`: a missing space after sentence punctuation or a quotation mark, or a space on
//! the wrong side of one. See `lints/glued-words.toml`.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::engine::in_prose;
use crate::registry;

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Data {
    /// Closed-class words a sentence starts with (`the`, `it`, `however`).
    sentence_starts: Vec<String>,
}

static SENTENCE_STARTS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let data: Data = Context::data(registry::get("glued-words").expect("registered"));
    data.sentence_starts.iter().map(|w| w.to_lowercase()).collect()
});

/// A pattern, the literal a text must hold for it to match, and the compiled pattern, built
/// the first time a text holds that literal.
struct Pattern {
    source: &'static str,
    literal: &'static str,
    compiled: LazyLock<Regex, fn() -> Regex>,
}

macro_rules! pattern {
    ($source:literal, $literal:literal) => {
        Pattern {
            source: $source,
            literal: $literal,
            compiled: LazyLock::new(|| Regex::new($source).expect("glued-words pattern compiles")),
        }
    };
}

/// `said.The`: a lowercase word of two letters or more, `.`/`!`/`?`, a capitalised word.
static AFTER_SENTENCE: Pattern = pattern!(r"[a-z]{2}([.!?])[A-Z][a-z]", "");
/// `that“No`: a letter right before an opening curly quote.
static BEFORE_QUOTE: Pattern = pattern!(r"[A-Za-z](“)[A-Za-z]", "“");
/// `Iglesias, ”he`: a space before a closing curly quote and a letter right after it.
static AROUND_QUOTE: Pattern = pattern!(r"[\w,.;:!?]( ”)[A-Za-z]", " ”");
/// `23:53Modified`: a time glued to the next word.
static AFTER_TIME: Pattern = pattern!(r"\b[0-9]{1,2}:[0-9]{2}()[A-Z][a-z]{2}", ":");
/// `Modified :19/06`: a space before a colon and none after it (two characters after it, so
/// that an emoticon such as `:D` is left alone).
static AROUND_COLON: Pattern = pattern!(r"[A-Za-z]( :)[0-9A-Za-z][0-9A-Za-z/]", " :");

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let text = ctx.text();
    // One scan of the whole text per pattern whose literal it holds; matches outside prose are
    // dropped.
    let found = |pattern: &Pattern| -> Vec<Range<usize>> {
        if !text.contains(pattern.literal) {
            return Vec::new();
        }
        debug_assert!(pattern.source.contains(pattern.literal));
        pattern
            .compiled
            .captures_iter(text)
            .filter(|c| in_prose(ctx.regions, &c.get(0).expect("match").range()))
            .map(|c| c.get(1).expect("group").range())
            .collect()
    };
    for at in found(&AFTER_TIME) {
        out.push(insert_space(ctx, "time", at.start..at.start + 1, at.start, &[]));
    }
    for mark in found(&AFTER_SENTENCE) {
        if !in_token(text, mark.start) && glued_sentences(token_around(text, mark.start)) {
            let fields = [("mark", &text[mark.clone()])];
            out.push(insert_space(ctx, "", mark.clone(), mark.end, &fields));
        }
    }
    for quote in found(&BEFORE_QUOTE) {
        out.push(insert_space(
            ctx,
            "before",
            quote.clone(),
            quote.start,
            &[("mark", "“")],
        ));
    }
    for span in found(&AROUND_QUOTE) {
        out.push(move_space(ctx, "moved", span, "” ", &[("mark", "”")]));
    }
    for span in found(&AROUND_COLON) {
        // `add the :any suffix`: the colon is part of a name the text mentions.
        let word_before = text[..span.start].rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
        if matches!(
            word_before.as_str(),
            "the" | "a" | "an" | "with" | "use" | "add" | "and" | "or"
        ) {
            continue;
        }
        // `fc-list :lang=hi`, `append :short`, `type :help`: a lowercase word after the colon is
        // a name with its sigil (an editor command, a modifier, a selector), not a word whose
        // space went to the wrong side; those are a number or a capitalised word (`Modified
        // :19/06`, `Source :AFP`).
        let after = &text[span.end..];
        if after.starts_with(|c: char| c.is_ascii_lowercase()) {
            continue;
        }
        // A reStructuredText role: `See :doc:`…``.
        let role = after.find(':').is_some_and(|i| {
            after[..i].bytes().all(|b| b.is_ascii_lowercase() || b == b'-') && after[i + 1..].starts_with('`')
        });
        if role {
            continue;
        }
        out.push(move_space(ctx, "moved", span, ": ", &[("mark", ":")]));
    }
}

/// The run of non-space characters around `at`.
fn token_around(text: &str, at: usize) -> &str {
    let start = text[..at]
        .char_indices()
        .rfind(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..].find(char::is_whitespace).map_or(text.len(), |i| at + i);
    &text[start..end]
}

/// Whether `token` is two words of prose glued at a sentence mark (`said.The`), not a dotted
/// name (`fs.ReadStream`, `my_package.Model`, `java.util.List`) or an identifier: letters only
/// on both sides, one mark, the second word capitalised once (not CamelCase) and one a sentence
/// starts with (`the`, `it`; not `Socket`), opening and closing punctuation aside.
fn glued_sentences(token: &str) -> bool {
    let token = token
        .trim_start_matches(['(', '"', '“', '‘', '\'', '«'])
        .trim_end_matches([',', ';', ':', '.', '!', '?', ')', '"', '”', '’', '\'', '»']);
    let Some(at) = token.find(['.', '!', '?']) else {
        return false;
    };
    let (left, right) = (&token[..at], &token[at + 1..]);
    let letters = |s: &str| !s.is_empty() && s.chars().all(char::is_alphabetic);
    let mut right_chars = right.chars();
    letters(left)
        && left.chars().count() >= 2
        && left.chars().all(char::is_lowercase)
        && letters(right)
        && right_chars.next().is_some_and(char::is_uppercase)
        && right_chars.all(char::is_lowercase)
        && SENTENCE_STARTS.contains(&right.to_lowercase())
}

/// Part of a URL, an e-mail address, a file or domain name: the run of non-space characters
/// around `at` has `://`, `@` or `www.`.
fn in_token(text: &str, at: usize) -> bool {
    let token = token_around(text, at);
    token.contains("://") || token.contains('@') || token.contains("www.")
}

fn insert_space(ctx: &Context, key: &str, span: Range<usize>, at: usize, fields: &[(&str, &str)]) -> Diagnostic {
    // Unsafe: a name written that way on purpose (`Yahoo!Mail`) would be changed.
    let fix = Fix::unsafe_(vec![Edit::insert(at, " ")]);
    ctx.report(key, span, fields).with_fix(fix)
}

fn move_space(ctx: &Context, key: &str, span: Range<usize>, replacement: &str, fields: &[(&str, &str)]) -> Diagnostic {
    // Unsafe: the quotation's boundaries are a guess from the spacing.
    let fix = Fix::unsafe_(vec![Edit::replace(span.clone(), replacement)]);
    ctx.report(key, span, fields).with_fix(fix)
}
