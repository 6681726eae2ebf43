//! The fix engine: applies non-overlapping fixes, re-lints, and repeats to a fixed point.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::Linter;
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::formats::Format;
use crate::source::Source;

/// Rounds before giving up: a lint whose fixes keep producing new fixes is a bug.
const MAX_ROUNDS: usize = 10;

#[derive(Debug)]
pub struct Fixed {
    pub text: String,
    /// Fixes applied over all rounds.
    pub applied: usize,
    /// How many of them each lint made, by lint name.
    pub by_lint: BTreeMap<&'static str, usize>,
    /// Rounds that applied fixes: one when every fix fixes the whole run it reports.
    pub rounds: usize,
    /// Lints that still had fixes to apply after the last round.
    pub unconverged: Vec<&'static str>,
}

/// Fixes `text` with every fix at least as trusted as `min`, until nothing changes.
pub fn fix(linter: &Linter, path: &str, text: String, format: Format, min: Applicability) -> Fixed {
    let mut text = text;
    let mut applied = 0;
    let mut by_lint = BTreeMap::new();
    for rounds in 0..MAX_ROUNDS {
        let source = Source::new(path, text);
        let diagnostics = linter.check(&source, format);
        let round = round(source.text(), fixes_at_least(&diagnostics, min), format);
        if round.applied == 0 {
            return Fixed {
                text: source.into_text(),
                applied,
                by_lint,
                rounds,
                unconverged: Vec::new(),
            };
        }
        applied += round.applied;
        for lint in round.lints {
            *by_lint.entry(lint).or_insert(0) += 1;
        }
        text = round.text;
    }
    let source = Source::new(path, text);
    let diagnostics = linter.check(&source, format);
    let mut unconverged: Vec<&'static str> = diagnostics
        .iter()
        .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability() >= min))
        .map(|d| d.lint)
        .collect();
    unconverged.dedup();
    Fixed {
        text: source.into_text(),
        applied,
        by_lint,
        rounds: MAX_ROUNDS,
        unconverged,
    }
}

/// The fixes to apply, with the lint that proposes each, sorted by where they start.
pub fn fixes_at_least(diagnostics: &[Diagnostic], min: Applicability) -> Vec<(&'static str, &Fix)> {
    let mut fixes: Vec<(&'static str, &Fix)> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref().filter(|f| f.applicability() >= min).map(|f| (d.lint, f)))
        .collect();
    fixes.sort_by_key(|(lint, fix)| (fix.span().start, *lint));
    fixes
}

/// One round of fixing.
pub struct Round {
    pub text: String,
    /// Fixes applied.
    pub applied: usize,
    /// The lint of each.
    pub lints: Vec<&'static str>,
    /// Their edits, in order: the range of the old text, and what replaced it.
    pub edits: Vec<(Range<usize>, String)>,
    /// Whether one of them is meant to change the markup.
    pub repairs_markup: bool,
}

/// One round: the fixes applied together (see [`apply`]). In Markdown, fixes that are each
/// harmless can together change the markup (removing `¿¿` from `<b>¿¿` makes an HTML block):
/// then each fix joins the round only if it keeps the markup with those already taken near it,
/// and the next round re-lints.
pub fn round(text: &str, fixes: Vec<(&'static str, &Fix)>, format: Format) -> Round {
    let all = apply_with_edits(text, fixes.clone());
    if format != Format::Markdown || all.applied < 2 || all.repairs_markup {
        return all;
    }
    let edits: Vec<_> = all.edits.iter().map(|(r, t)| (r.clone(), t.as_str())).collect();
    if crate::formats::markdown_keeps_events(text, &edits) {
        return all;
    }
    // How far apart two fixes can still change each other's markup (a paragraph or so).
    const NEAR: usize = 1 << 12;
    let mut taken: Vec<(&'static str, &Fix)> = Vec::new();
    let mut taken_ranges: Vec<Range<usize>> = Vec::new();
    for (lint, fix) in fixes {
        if clashes(&taken_ranges, fix) {
            continue;
        }
        let span = fix.span();
        let mut edits: Vec<(Range<usize>, &str)> = taken
            .iter()
            .filter(|(_, t)| t.span().end + NEAR >= span.start)
            .flat_map(|(_, t)| t.edits().iter().map(|e| (e.span.range(), e.replacement.as_str())))
            .collect();
        edits.extend(fix.edits().iter().map(|e| (e.span.range(), e.replacement.as_str())));
        edits.sort_by_key(|(range, _)| (range.start, range.end));
        if crate::formats::markdown_keeps_events(text, &edits) {
            taken.push((lint, fix));
            fix.edits().iter().for_each(|e| take(&mut taken_ranges, e.span.range()));
        }
    }
    apply_with_edits(text, taken)
}

/// Applies each fix whole, in order, skipping one with an edit that overlaps an edit already
/// applied (it will be proposed again on the next round). Every byte outside the edits is copied unchanged.
pub fn apply(text: &str, fixes: Vec<(&'static str, &Fix)>) -> (String, usize) {
    let round = apply_with_edits(text, fixes);
    (round.text, round.applied)
}

/// Whether an edit of `fix` overlaps one of `taken` (sorted), inserts inside one, or inserts where
/// one inserts.
fn clashes(taken: &[Range<usize>], fix: &Fix) -> bool {
    fix.edits().iter().any(|edit| {
        let range = edit.span.range();
        let at = taken.partition_point(|t| t.end < range.start);
        taken[at..].iter().take_while(|t| t.start <= range.end).any(|t| {
            let both_insert = t.is_empty() && range.is_empty() && t.start == range.start;
            let overlap = t.start < range.end && range.start < t.end;
            let inserts_inside = (range.is_empty() && t.start < range.start && range.start < t.end)
                || (t.is_empty() && range.start < t.start && t.start < range.end);
            both_insert || overlap || inserts_inside
        })
    })
}

fn take(taken: &mut Vec<Range<usize>>, range: Range<usize>) {
    let at = taken.partition_point(|t| (t.start, t.end) < (range.start, range.end));
    taken.insert(at, range);
}

fn apply_with_edits(text: &str, fixes: Vec<(&'static str, &Fix)>) -> Round {
    // Fixes are taken in order, each if none of its edits overlaps (or inserts inside) an edit
    // already taken: the two ends of nested quotes are fixed in one round.
    let mut taken: Vec<Range<usize>> = Vec::new();
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut applied = 0;
    let mut lints = Vec::new();
    let mut repairs_markup = false;
    for (lint, fix) in fixes {
        if clashes(&taken, fix) {
            continue;
        }
        lints.push(lint);
        for edit in fix.edits() {
            let range = edit.span.range();
            take(&mut taken, range.clone());
            edits.push((range, edit.replacement.clone()));
        }
        repairs_markup |= fix.repairs_markup();
        applied += 1;
    }
    edits.sort_by_key(|(range, _)| (range.start, range.end));
    let mut out = String::with_capacity(text.len());
    let mut copied_to = 0;
    for (range, replacement) in &edits {
        out.push_str(&text[copied_to..range.start]);
        out.push_str(replacement);
        copied_to = range.end;
    }
    out.push_str(&text[copied_to..]);
    Round {
        text: out,
        applied,
        lints,
        edits,
        repairs_markup,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Edit;

    #[test]
    fn overlapping_fixes_wait_for_the_next_round() {
        let a = Fix::safe(vec![Edit::replace(0..3, "x")]);
        let b = Fix::safe(vec![Edit::delete(2..4)]);
        let c = Fix::unsafe_(vec![Edit::insert(5, "!")]);
        let (out, count) = apply("abcdef", vec![("a", &a), ("b", &b), ("c", &c)]);
        assert_eq!((out.as_str(), count), ("xde!f", 2));
    }
}
