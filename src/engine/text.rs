//! `text` entries: phrases found anywhere in the prose, at word boundaries. The variants of
//! every lint's phrases share one ASCII-case-insensitive Aho-Corasick automaton, so the text is
//! scanned once whatever the number of lints; each hit is then checked for exact case where its
//! lint asks for it, and each lint keeps its leftmost-longest hits as if it had its own automaton.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;

use super::{DataEntry, Scope, at_word_boundaries};
use crate::diagnostic::Diagnostic;
use crate::matcher::Phrases;

/// One literal form of one or more entries, after expanding their `{a|b}` alternatives.
struct Variant {
    /// The group (lint and case rule) it belongs to.
    group: usize,
    /// The entries that share this form (the same English from several source languages):
    /// the first that applies to a document reports.
    entries: Vec<usize>,
    literal: String,
    /// The part to flag, within `literal` (`[…]` in the data; all of it by default).
    flagged: Range<usize>,
    /// Only at the end of a line (`$` at the end of the data): a credit after a paragraph.
    line_end: bool,
}

/// The variants of one lint that share a case rule.
struct Group {
    lint: usize,
    /// ASCII case must match exactly.
    exact: bool,
}

pub struct TextEngine {
    groups: Vec<Group>,
    variants: Vec<Variant>,
    phrases: Phrases,
    entries: Vec<DataEntry>,
}

impl TextEngine {
    pub fn new(entries: Vec<DataEntry>) -> Self {
        let mut groups: Vec<Group> = Vec::new();
        let mut variants: Vec<Variant> = Vec::new();
        let mut by_form: HashMap<(usize, String, Range<usize>, bool), usize> = HashMap::new();
        for (index, entry) in entries.iter().enumerate() {
            let en = entry.entry.en.as_deref().expect("`text` entries have `en`");
            let exact = entry.entry.exact.unwrap_or(entry.spec_lint.spec.exact_case);
            let group = match groups.iter().position(|g| g.lint == entry.lint && g.exact == exact) {
                Some(group) => group,
                None => {
                    groups.push(Group {
                        lint: entry.lint,
                        exact,
                    });
                    groups.len() - 1
                }
            };
            let (en, line_end) = match en.strip_suffix('$') {
                Some(en) => (en, true),
                None => (en, false),
            };
            for (literal, flagged) in expand(en) {
                match by_form.entry((group, literal.clone(), flagged.clone(), line_end)) {
                    Entry::Occupied(existing) => variants[*existing.get()].entries.push(index),
                    Entry::Vacant(slot) => {
                        slot.insert(variants.len());
                        variants.push(Variant {
                            group,
                            entries: vec![index],
                            literal,
                            flagged,
                            line_end,
                        });
                    }
                }
            }
        }
        let phrases = Phrases::new(variants.iter().map(|v| v.literal.clone()).collect(), true);
        TextEngine {
            groups,
            variants,
            phrases,
            entries,
        }
    }

    pub fn check(&self, scope: &Scope, out: &mut Vec<Diagnostic>) {
        let text = scope.source.text();
        let wanted: Vec<bool> = self.groups.iter().map(|g| scope.enabled[g.lint]).collect();
        if !wanted.contains(&true) {
            return;
        }
        // Every hit of every phrase, per group: (start, end, variant).
        let mut hits: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); self.groups.len()];
        self.phrases.for_each_overlapping(text, |range, pattern| {
            let variant = &self.variants[pattern];
            let group = &self.groups[variant.group];
            if wanted[variant.group] && (!group.exact || text.as_bytes()[range.clone()] == *variant.literal.as_bytes())
            {
                hits[variant.group].push((range.start, range.end, pattern));
            }
        });
        for (group, mut hits) in self.groups.iter().zip(hits) {
            // Leftmost-longest: at each start the longest hit (the first pattern on a tie), then on
            // after its end.
            hits.sort_by_key(|&(start, end, pattern)| (start, std::cmp::Reverse(end), pattern));
            let mut next_free = 0;
            for (start, end, pattern) in hits {
                if start < next_free {
                    continue;
                }
                next_free = end;
                self.report(group, &self.variants[pattern], start..end, scope, out);
            }
        }
    }

    fn report(&self, group: &Group, variant: &Variant, range: Range<usize>, scope: &Scope, out: &mut Vec<Diagnostic>) {
        let text = scope.source.text();
        if !super::in_prose(scope.regions, &range)
            || !at_word_boundaries(text, &range)
            || (variant.line_end && !ends_line(text, range.end))
            || (group.exact
                && text[range.start + variant.flagged.start..range.start + variant.flagged.end]
                    .split(' ')
                    .count()
                    <= 2
                && continues_name(text, range.end))
        {
            return;
        }
        let Some(entry) = variant
            .entries
            .iter()
            .map(|&i| &self.entries[i])
            .find(|e| scope.applies(e))
        else {
            return;
        };
        let flagged = range.start + variant.flagged.start..range.start + variant.flagged.end;
        out.push(super::diagnostic(entry, scope.source, flagged, None));
    }
}

/// Nothing but spaces between `at` and the end of its line.
fn ends_line(text: &str, at: usize) -> bool {
    let rest = text[at..].trim_start_matches([' ', '\t']);
    rest.is_empty() || rest.starts_with(['\n', '\r'])
}

/// A capitalised word right after a short name means the name goes on: `The World` in `The
/// World Bank` is another name (a name of three words or more is distinctive on its own).
fn continues_name(text: &str, end: usize) -> bool {
    let mut after = text[end..].chars();
    after.next() == Some(' ') && after.next().is_some_and(char::is_uppercase)
}

/// Every literal `pattern` stands for, with the range its `[…]` marks: `{a|b} x` gives `a x`
/// and `b x`.
pub fn expand(pattern: &str) -> Vec<(String, Range<usize>)> {
    // Each variant: text so far, and where `[` and `]` fell in it.
    let mut variants: Vec<(String, Option<usize>, Option<usize>)> = vec![(String::new(), None, None)];
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        match c {
            '{' => {
                let close = rest.find('}').unwrap_or_else(|| panic!("unclosed `{{` in `{pattern}`"));
                let options: Vec<&str> = rest[1..close].split('|').collect();
                variants = variants
                    .into_iter()
                    .flat_map(|(text, open, shut)| {
                        options
                            .iter()
                            .map(move |option| (format!("{text}{option}"), open, shut))
                    })
                    .collect();
                rest = &rest[close + 1..];
                continue;
            }
            '[' => variants.iter_mut().for_each(|v| v.1 = Some(v.0.len())),
            ']' => variants.iter_mut().for_each(|v| v.2 = Some(v.0.len())),
            c => variants.iter_mut().for_each(|v| v.0.push(c)),
        }
        rest = &rest[c.len_utf8()..];
    }
    variants
        .into_iter()
        .map(|(text, open, shut)| {
            let flagged = open.unwrap_or(0)..shut.unwrap_or(text.len());
            (text, flagged)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternatives_and_flagged_part_expand() {
        let expanded = expand("according to [The World]");
        assert_eq!(expanded, [("according to The World".to_owned(), 13..22)]);
        let expanded: Vec<String> = expand("engag{e|ed} {its|their} duty")
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        assert_eq!(
            expanded,
            [
                "engage its duty",
                "engage their duty",
                "engaged its duty",
                "engaged their duty"
            ]
        );
        assert_eq!(expand("motion{s|} of censure")[1].0, "motion of censure");
    }
}
