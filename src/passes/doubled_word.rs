//! `doubled-word`: a word repeated (`the the`), or sentence punctuation doubled (`procedure..`).
//! See `lints/doubled-word.toml`.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;

use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::{prose, registry};

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Data {
    /// Words English repeats on purpose (`that that`, `had had`, `ha ha`).
    repeatable: Vec<String>,
    /// Abbreviations whose full stop a comma may follow (`etc.,`).
    abbreviations: Vec<String>,
    /// Closed-class words never meant twice (`the the`).
    never_twice: Vec<String>,
}

struct Words {
    repeatable: HashSet<String>,
    abbreviations: HashSet<String>,
    never_twice: HashSet<String>,
}

static DATA: LazyLock<Words> = LazyLock::new(|| {
    let data: Data = Context::data(registry::get("doubled-word").expect("registered"));
    let lower = |words: &[String]| words.iter().map(|w| w.to_lowercase()).collect();
    Words {
        repeatable: lower(&data.repeatable),
        abbreviations: lower(&data.abbreviations),
        never_twice: lower(&data.never_twice),
    }
});

/// `The the`, `the the`: the same word, or a capitalised one and its lowercase (a sentence
/// start), not `COPYRIGHT Copyright` or `region REGION`.
fn same_word(first: &str, second: &str) -> bool {
    if first == second {
        return true;
    }
    let mut chars = first.chars();
    let initial = chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase);
    initial && first.to_lowercase() == second
}

/// The word before `offset` starts a line of three words or fewer: a heading, whose first word
/// the next line may repeat.
fn ends_short_line(text: &str, offset: usize) -> bool {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[start..offset].split_whitespace().count() < 3
}

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let text = ctx.text();
    for region in ctx.regions {
        let region_text = &text[region.range.clone()];
        let base = region.range.start;
        let words: Vec<Range<usize>> = words(region_text).collect();
        let repeats = |before: &Range<usize>, word: &Range<usize>| {
            let (first, second) = (&region_text[before.clone()], &region_text[word.clone()]);
            let gap = &region_text[before.end..word.start];
            let newline = gap.contains('\n');
            same_word(first, second)
                && gap.chars().all(char::is_whitespace)
                && gap.matches('\n').count() <= 1
                // Columns of a table are aligned with runs of spaces.
                && !gap.contains("  ")
                && !gap.contains('\t')
                && !first.chars().all(|c| c.is_ascii_digit())
                // Initials: `Govind K K`.
                && !(first.len() == 1 && first.bytes().all(|b| b.is_ascii_uppercase()))
                && !DATA.repeatable.contains(&first.to_lowercase())
                && !prose::in_identifier(region_text, before)
                && !prose::in_identifier(region_text, word)
                && !(newline && ends_short_line(region_text, before.start))
        };
        let mut i = 1;
        while i < words.len() {
            let before = &words[i - 1];
            if !repeats(before, &words[i]) {
                i += 1;
                continue;
            }
            // A run (`the the the`) is one finding, fixed in one edit.
            let mut last = i;
            while last + 1 < words.len() && repeats(&words[last], &words[last + 1]) {
                last += 1;
            }
            // `initialised initialised initialised`: three or more of a word that is no function
            // word make a table row or a list; `the the the` is still a glitch.
            let function_word = DATA.never_twice.contains(&region_text[before.clone()].to_lowercase());
            if last > i && !function_word {
                i = last + 1;
                continue;
            }
            // `the file file`, `Function::Call call`, `password password`: a content word said
            // twice on one line is mostly a name and the placeholder or mention that follows it,
            // their italics or code marks lost. A segmenter's or a hard wrap's repeat is at a
            // line break; a function word is never meant twice (`the the`, `to to`).
            let across_lines = region_text[before.end..words[i].start].contains('\n');
            if !function_word && !across_lines {
                i = last + 1;
                continue;
            }
            let word = &words[last];
            // `fix "the the" typos`: the repeat is quoted, mentioned rather than used.
            let quoted = region_text[..before.start].ends_with(['"', '“', '\'', '‘', '`'])
                && region_text[word.end..].starts_with(['"', '”', '\'', '’', '`']);
            if quoted {
                i = last + 1;
                continue;
            }
            let second = &region_text[words[i].clone()];
            // Unsafe: a repeat can be meant (a quotation, a name such as `Duran Duran`).
            let fix = Fix::unsafe_(vec![Edit::delete(base + before.end..base + word.end)]);
            let span = base + before.start..base + word.end;
            out.push(ctx.report("", span, &[("text", second)]).with_fix(fix));
            i = last + 2;
        }
        doubled_punctuation(ctx, base, region_text, out);
    }
}

/// The words of `text`: letters, digits and inner apostrophes. ASCII is read byte by byte;
/// only other characters are decoded.
fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    // The length of the character at `i`, and whether it belongs to a word.
    let class = move |i: usize| -> (usize, bool) {
        let b = bytes[i];
        if b < 0x80 {
            return (1, b.is_ascii_alphanumeric());
        }
        let c = text[i..].chars().next().expect("char boundary");
        (c.len_utf8(), c.is_alphanumeric())
    };
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let (len, word) = class(at);
            if !word {
                at += len;
                continue;
            }
            let start = at;
            at += len;
            while at < bytes.len() {
                let (len, word) = class(at);
                // `’` is E2 80 99: look at the bytes only after its first one.
                let apostrophe =
                    !word && (bytes[at] == b'\'' || (bytes[at] == 0xE2 && bytes[at..].starts_with("’".as_bytes())));
                if word || (apostrophe && at + len < bytes.len() && class(at + len).1) {
                    at += len;
                } else {
                    break;
                }
            }
            return Some(start..at);
        }
        None
    })
}

/// `..`, `,,`, `;;`, `.,` and `,.`, but not an ellipsis, a path (`../`) or a range (`1..10`).
fn doubled_punctuation(ctx: &Context, base: usize, text: &str, out: &mut Vec<Diagnostic>) {
    let bytes = text.as_bytes();
    // After a report, the second mark of the pair is not the first of another.
    let mut next_free = 0;
    for i in memchr::memchr3_iter(b'.', b',', b';', bytes) {
        if i < next_free || i + 1 >= bytes.len() {
            continue;
        }
        let (a, b) = (bytes[i], bytes[i + 1]);
        let pair = matches!(
            (a, b),
            (b'.', b'.') | (b',', b',') | (b';', b';') | (b'.', b',') | (b',', b'.')
        );
        if !pair {
            continue;
        }
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let after = bytes.get(i + 2).copied();
        let longer = matches!(before, Some(b'.' | b',' | b';')) || matches!(after, Some(b'.' | b',' | b';'));
        let path = matches!(before, Some(b'/' | b'\\')) || matches!(after, Some(b'/' | b'\\'));
        let range = before.is_some_and(|c| c.is_ascii_digit()) && after.is_some_and(|c| c.is_ascii_digit());
        // Sentence punctuation follows a word, a closing bracket or quote: `M-.,`, `<.,>`, `".."`
        // are keys and literals.
        let starts = before.is_none_or(|c| c.is_ascii() && !(c.is_ascii_alphanumeric() || b")]\"'*_%".contains(&c)));
        let literal = matches!(before, Some(b'"' | b'\'')) && matches!(after, Some(b'"' | b'\''));
        // `e.g.,`, `etc.,`: an abbreviation's full stop before a comma.
        let abbreviation = (a, b) == (b'.', b',') && {
            let word = text[..i]
                .rsplit(|c: char| c.is_whitespace() || c == '(')
                .next()
                .unwrap_or("");
            let word = word.trim_start_matches(['"', '“', '\'']);
            // An initial: `Floyd, S., and Jacobson, V.,`.
            word.contains('.')
                || (word.len() == 1 && word.starts_with(|c: char| c.is_ascii_uppercase()))
                || DATA.abbreviations.contains(&word.to_lowercase())
        };
        // `a..=b`, `x[a..b]`: a range, not doubled punctuation; `procedure..` ends prose.
        // Inside a token (`O=Org,,L=London`, `.a,.b`, `Co.,Ltd`): sentence punctuation is
        // followed by a space, a closing mark or the end.
        let inside_a_token =
            after.is_some_and(|c| !c.is_ascii_whitespace() && !matches!(c, b'"' | b'\'' | b')' | 0xE2));
        let code = inside_a_token
            || (a, b) == (b'.', b'.') && !before.is_some_and(|c| c.is_ascii_alphabetic() || c == b')' || c == b'"');
        if !longer && !path && !range && !starts && !literal && !abbreviation && !code {
            let span = base + i..base + i + 2;
            let mark = &text[i..i + 2];
            // Unsafe: which of the two marks was meant is a guess (the first is kept).
            let fix = Fix::unsafe_(vec![Edit::delete(base + i + 1..base + i + 2)]);
            out.push(ctx.report("punctuation", span, &[("text", mark)]).with_fix(fix));
            next_free = i + 2;
        }
    }
}
