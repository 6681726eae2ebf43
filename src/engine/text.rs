//! `text` entries: phrases found anywhere in the prose, at word boundaries. The variants of a
//! lint's phrases are compiled into one Aho-Corasick automaton per lint and case rule (exact
//! case searches faster), so a lint that is off costs nothing.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::{DataEntry, Scope, at_word_boundaries};
use crate::diagnostic::Diagnostic;

/// One literal form of one or more entries, after expanding their `{a|b}` alternatives.
struct Variant {
    /// The entries that share this form (the same English from several source languages):
    /// the first that applies to a document reports.
    entries: Vec<usize>,
    literal: String,
    /// The part to flag, within `literal` (`[…]` in the data; all of it by default).
    flagged: Range<usize>,
}

/// The variants of one lint that share a case rule.
struct Matcher {
    lint: usize,
    /// ASCII case must match exactly.
    exact: bool,
    automaton: AhoCorasick,
    variants: Vec<Variant>,
}

pub struct TextEngine {
    matchers: Vec<Matcher>,
    entries: Vec<DataEntry>,
}

impl TextEngine {
    pub fn new(entries: Vec<DataEntry>) -> Self {
        // Variants by (lint, exact), then by their form.
        let mut groups: Vec<((usize, bool), Vec<Variant>)> = Vec::new();
        let mut by_form: HashMap<(usize, bool, String, Range<usize>), usize> = HashMap::new();
        for (index, entry) in entries.iter().enumerate() {
            let en = entry.entry.en.as_deref().expect("`text` entries have `en`");
            let exact = entry.entry.exact.unwrap_or(entry.spec_lint.spec.exact_case);
            let key = (entry.lint, exact);
            let group = match groups.iter().position(|(k, _)| *k == key) {
                Some(group) => group,
                None => {
                    groups.push((key, Vec::new()));
                    groups.len() - 1
                }
            };
            for (literal, flagged) in expand(en) {
                let variants = &mut groups[group].1;
                match by_form.entry((entry.lint, exact, literal.clone(), flagged.clone())) {
                    Entry::Occupied(existing) => variants[*existing.get()].entries.push(index),
                    Entry::Vacant(slot) => {
                        slot.insert(variants.len());
                        variants.push(Variant {
                            entries: vec![index],
                            literal,
                            flagged,
                        });
                    }
                }
            }
        }
        let matchers = groups
            .into_iter()
            .map(|((lint, exact), variants)| Matcher {
                lint,
                exact,
                automaton: AhoCorasickBuilder::new()
                    .ascii_case_insensitive(!exact)
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(variants.iter().map(|v| &v.literal))
                    .expect("text automaton builds"),
                variants,
            })
            .collect();
        TextEngine { matchers, entries }
    }

    pub fn check(&self, scope: &Scope, out: &mut Vec<Diagnostic>) {
        for matcher in self.matchers.iter().filter(|m| scope.enabled[m.lint]) {
            self.check_with(matcher, scope, out);
        }
    }

    fn check_with(&self, matcher: &Matcher, scope: &Scope, out: &mut Vec<Diagnostic>) {
        let text = scope.source.text();
        for found in matcher.automaton.find_iter(text) {
            let variant = &matcher.variants[found.pattern().as_usize()];
            let range = found.range();
            if !super::in_prose(scope.regions, &range)
                || !at_word_boundaries(text, &range)
                || (matcher.exact && continues_name(text, range.end))
            {
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
