//! `regex` entries: regular expressions found anywhere in the prose. One `RegexSet` tells which
//! patterns occur in a region; only those run again to find where. The `regex` crate matches in
//! linear time, so no pattern can make mtlint slow.

use regex::{Regex, RegexSet};

use super::{DataEntry, Scope};
use crate::diagnostic::Diagnostic;

pub struct PatternEngine {
    set: RegexSet,
    patterns: Vec<Regex>,
    entries: Vec<DataEntry>,
}

impl PatternEngine {
    pub fn new(entries: Vec<DataEntry>) -> Self {
        let sources: Vec<&str> = entries
            .iter()
            .map(|e| e.entry.pattern.as_deref().expect("`regex` entries have `pattern`"))
            .collect();
        let patterns = sources
            .iter()
            .map(|p| Regex::new(p).unwrap_or_else(|err| panic!("pattern `{p}`: {err}")))
            .collect();
        let set = RegexSet::new(&sources).expect("patterns compile");
        PatternEngine { set, patterns, entries }
    }

    pub fn check(&self, scope: &Scope, out: &mut Vec<Diagnostic>) {
        let text = scope.source.text();
        for region in scope.regions {
            let base = region.range.start;
            let haystack = &text[region.range.clone()];
            for index in self.set.matches(haystack).iter() {
                let entry = &self.entries[index];
                if !scope.applies(entry) {
                    continue;
                }
                for captures in self.patterns[index].captures_iter(haystack) {
                    let found = captures.get(1).or_else(|| captures.get(0)).expect("a match");
                    out.push(super::diagnostic(
                        entry,
                        scope.source,
                        base + found.start()..base + found.end(),
                        None,
                    ));
                }
            }
        }
    }
}
