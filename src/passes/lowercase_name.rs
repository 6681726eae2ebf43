//! `lowercase-name`: names, days, months and nationalities in lowercase. See
//! `lints/lowercase-name.toml`.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::engine::{at_word_boundaries, in_prose};
use crate::matcher::Phrases;
use crate::prose;
use crate::registry;

#[derive(Deserialize)]
struct Data {
    people: Vec<String>,
    places: Vec<String>,
    calendar: Vec<String>,
    nationalities: Vec<String>,
}

struct Gazetteer {
    /// The lowercase forms.
    automaton: Phrases,
    /// The proper forms, by pattern.
    proper: Vec<String>,
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let data: Data = Context::data(registry::get("lowercase-name").expect("registered"));
    let proper: Vec<String> = [data.people, data.places, data.calendar, data.nationalities].concat();
    let automaton = Phrases::leftmost_longest(proper.iter().map(|name| name.to_lowercase()).collect(), false);
    Gazetteer { automaton, proper }
});

/// The longest run of capitalised words the document is searched for.
const LONGEST_NAME: usize = 4;

/// Longest line, in bytes, that can hold a name of `LONGEST_NAME` words and a bullet.
const LONGEST_LINE: usize = 80;

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let text = ctx.text();
    let mut reported: Vec<Range<usize>> = Vec::new();
    // Lines of lowercase words (a tag list) that the document capitalises elsewhere. The
    // document's names are gathered only if there is such a line, which is rare.
    let mut candidates: Vec<(Range<usize>, String)> = Vec::new();
    for region in ctx.regions {
        for line in prose::lines(text, region).filter(|line| line.whole) {
            if line.range.len() > LONGEST_LINE {
                continue;
            }
            let content = prose::strip_bullet(text, line.range.clone());
            let content = content.start..content.start + text[content.clone()].trim_end().len();
            let name = &text[content.clone()];
            let letters_only = name.chars().all(|c| c.is_lowercase() || matches!(c, ' ' | '-' | '\''));
            if letters_only && (2..=LONGEST_NAME).contains(&name.split_whitespace().count()) {
                candidates.push((content.clone(), fold(name)));
            }
        }
    }
    if !candidates.is_empty() {
        let capitalised = capitalised_names(ctx, &candidates);
        for (content, folded) in candidates {
            if let Some(proper) = capitalised.get(&folded) {
                out.push(diagnostic(ctx, content.clone(), proper, "in-document"));
                reported.push(content);
            }
        }
    }
    // Gazetteer names anywhere.
    let gazetteer = &*GAZETTEER;
    let reported_in_document = crate::source::Covered::new(reported);
    let found: Vec<(Range<usize>, usize)> = gazetteer
        .automaton
        .find_iter(text)
        .filter(|(span, _)| {
            in_prose(ctx.regions, span)
                && at_word_boundaries(text, span)
                && !glued(text, span)
                && !reported_in_document.contains(span.start)
        })
        .collect();
    let listed = in_value_lists(text, &found);
    for ((span, pattern), listed) in found.into_iter().zip(listed) {
        if !listed {
            out.push(diagnostic(ctx, span, &gazetteer.proper[pattern], "in-gazetteer"));
        }
    }
}

/// For each name, whether it is in a list of three or more separated by `,`, `|`, `/` or `or`
/// alone (`must be one of: friday, monday, saturday`): the values of an option, written as the
/// program takes them. A list with `and` (`monday, tuesday and friday`) is prose.
fn in_value_lists(text: &str, found: &[(Range<usize>, usize)]) -> Vec<bool> {
    const SHORTEST_LIST: usize = 3;
    let mut values = vec![false; found.len()];
    let listed = |a: &Range<usize>, b: &Range<usize>| {
        let gap = text.get(a.end..b.start).unwrap_or("").trim();
        matches!(gap, "," | "|" | "/" | "or" | ", or")
    };
    let mut start = 0;
    for i in 1..=found.len() {
        if i < found.len() && listed(&found[i - 1].0, &found[i].0) {
            continue;
        }
        if i - start >= SHORTEST_LIST {
            values[start..i].fill(true);
        }
        start = i;
    }
    values
}

fn diagnostic(ctx: &Context, span: Range<usize>, proper: &str, why: &str) -> Diagnostic {
    let fields = [("text", &ctx.text()[span.clone()]), ("fix", proper)];
    let why = ctx.message(why, &fields);
    // Unsafe: the lowercase text could, rarely, be a common word.
    let fix = Fix::unsafe_(vec![Edit::replace(span.clone(), proper)]);
    ctx.report(
        "",
        span,
        &[("text", fields[0].1), ("fix", proper), ("why", why.as_str())],
    )
    .with_fix(fix)
}

/// Part of a file name, handle or URL: `france.txt`, `@paris`, `/berlin`, `new_york`.
fn glued(text: &str, span: &Range<usize>) -> bool {
    let before = text[..span.start].chars().next_back();
    let mut after = text[span.end..].chars();
    let next = after.next();
    matches!(before, Some('/' | '@' | '.' | '_' | '-' | '#'))
        || matches!(next, Some('/' | '@' | '_' | '-'))
        || (next == Some('.') && after.next().is_some_and(char::is_alphanumeric))
}

/// Runs of two to four capitalised words in the document that fold to one of `candidates`.
fn capitalised_names(ctx: &Context, candidates: &[(Range<usize>, String)]) -> HashMap<String, String> {
    let wanted: std::collections::HashSet<&str> = candidates.iter().map(|(_, folded)| folded.as_str()).collect();
    // Folding keeps the length of ASCII text: an ASCII run of another length is no candidate.
    let lengths: std::collections::HashSet<usize> = wanted.iter().map(|folded| folded.len()).collect();
    let text = ctx.text();
    let mut names = HashMap::new();
    for region in ctx.regions {
        let region_text = &text[region.range.clone()];
        // Words of the current run: their ranges in `region_text`.
        let mut run: Vec<Range<usize>> = Vec::new();
        let mut flush = |run: &mut Vec<Range<usize>>| {
            for start in 0..run.len() {
                for end in start + 2..=run.len().min(start + LONGEST_NAME) {
                    let proper = &region_text[run[start].start..run[end - 1].end];
                    if proper.is_ascii() && !lengths.contains(&proper.len()) {
                        continue;
                    }
                    let folded = fold(proper);
                    if wanted.contains(folded.as_str()) {
                        names.entry(folded).or_insert_with(|| proper.to_owned());
                    }
                }
            }
            run.clear();
        };
        let mut previous_end = 0;
        for word in region_text.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()) {
            let start = word.as_ptr() as usize - region_text.as_ptr() as usize;
            let core = word.trim_end_matches(|c: char| !c.is_alphanumeric());
            let joined = run.is_empty() || region_text[previous_end..start].chars().all(|c| c == ' ');
            if core.starts_with(char::is_uppercase) && core.chars().all(|c| c.is_alphabetic() || c == '-') && joined {
                run.push(start..start + core.len());
            } else {
                flush(&mut run);
                if core.starts_with(char::is_uppercase) && core.chars().all(|c| c.is_alphabetic() || c == '-') {
                    run.push(start..start + core.len());
                }
            }
            if core.len() < word.len() {
                // Punctuation after the word ends the run.
                flush(&mut run);
            }
            previous_end = start + word.len();
        }
        flush(&mut run);
    }
    names
}

/// Lowercase without diacritics, so `elisabeth borne` finds `Élisabeth Borne`.
fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}
