//! `text` entries: phrases found anywhere in the prose, at word boundaries. Every variant of
//! every phrase is compiled into one Aho-Corasick automaton that scans each region once.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::{DataEntry, Scope, at_word_boundaries};
use crate::diagnostic::Diagnostic;
use crate::registry;

/// One literal form of one or more entries, after expanding their `{a|b}` alternatives.
struct Variant {
    /// The entries that share this form (the same English from several source languages):
    /// the first that applies to a document reports.
    entries: Vec<usize>,
    literal: String,
    /// The part to flag, within `literal` (`[…]` in the data; all of it by default).
    flagged: Range<usize>,
    /// ASCII case must match exactly.
    exact: bool,
}

pub struct TextEngine {
    automaton: AhoCorasick,
    variants: Vec<Variant>,
    entries: Vec<DataEntry>,
}

impl TextEngine {
    pub fn new(entries: Vec<DataEntry>) -> Self {
        let mut variants: Vec<Variant> = Vec::new();
        let mut by_form: HashMap<(String, Range<usize>, bool), usize> = HashMap::new();
        for (index, entry) in entries.iter().enumerate() {
            let en = entry.entry.en.as_deref().expect("`text` entries have `en`");
            let exact = entry
                .entry
                .exact
                .unwrap_or(registry::lints()[entry.lint].spec.exact_case);
            for (literal, flagged) in expand(en) {
                match by_form.entry((literal.clone(), flagged.clone(), exact)) {
                    Entry::Occupied(existing) => variants[*existing.get()].entries.push(index),
                    Entry::Vacant(slot) => {
                        slot.insert(variants.len());
                        variants.push(Variant {
                            entries: vec![index],
                            literal,
                            flagged,
                            exact,
                        });
                    }
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(variants.iter().map(|v| &v.literal))
            .expect("text automaton builds");
        TextEngine {
            automaton,
            variants,
            entries,
        }
    }

    pub fn check(&self, scope: &Scope, out: &mut Vec<Diagnostic>) {
        let text = scope.source.text();
        for region in scope.regions {
            let base = region.range.start;
            for found in self.automaton.find_iter(&text[region.range.clone()]) {
                let variant = &self.variants[found.pattern().as_usize()];
                let range = base + found.start()..base + found.end();
                if variant.exact && text[range.clone()] != variant.literal {
                    continue;
                }
                if !at_word_boundaries(text, &range) || (variant.exact && continues_name(text, range.end)) {
                    continue;
                }
                let Some(entry) = variant
                    .entries
                    .iter()
                    .map(|&i| &self.entries[i])
                    .find(|e| scope.applies(e))
                else {
                    continue;
                };
                let flagged = range.start + variant.flagged.start..range.start + variant.flagged.end;
                out.push(super::diagnostic(entry, scope.source, flagged, None));
            }
        }
    }
}

/// A capitalised word right after a name means the name goes on: `The World` in `The World
/// Bank` is another name.
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
