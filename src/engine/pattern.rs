//! `regex` entries: regular expressions found anywhere in the prose. Each pattern of an enabled
//! lint searches the whole text once, alone, so the `regex` crate can use the pattern's own literal prefilter (a
//! `RegexSet` cannot, and measured 18% of the whole run on the seed); matching is linear
//! time, so no pattern can make mtlint slow.

use regex::{Regex, RegexBuilder};

/// Bytes a compiled pattern may take (the `regex` crate's own default is 10 MiB).
pub const PATTERN_SIZE_LIMIT: usize = 1 << 20;

use super::{DataEntry, Scope};
use crate::diagnostic::Diagnostic;

pub struct PatternEngine {
    patterns: Vec<Regex>,
    entries: Vec<DataEntry>,
}

impl PatternEngine {
    /// Compiles the patterns, each capped in size so that a user's rule cannot make mtlint
    /// slow or big; an error names the pattern.
    pub fn new(entries: Vec<DataEntry>) -> Result<Self, String> {
        let patterns = entries
            .iter()
            .map(|e| e.entry.pattern.as_deref().expect("`regex` entries have `pattern`"))
            .map(|p| {
                RegexBuilder::new(p)
                    .size_limit(PATTERN_SIZE_LIMIT)
                    .dfa_size_limit(PATTERN_SIZE_LIMIT)
                    .build()
                    .map_err(|err| format!("pattern `{p}`: {err}"))
            })
            .collect::<Result<_, _>>()?;
        Ok(PatternEngine { patterns, entries })
    }

    pub fn check(&self, scope: &Scope, out: &mut Vec<Diagnostic>) {
        let text = scope.source.text();
        for (pattern, entry) in self.patterns.iter().zip(&self.entries) {
            if !scope.applies(entry) {
                continue;
            }
            for captures in pattern.captures_iter(text) {
                let whole = captures.get(0).expect("a match").range();
                if !super::in_prose(scope.regions, &whole) {
                    continue;
                }
                let found = captures.get(1).map_or(whole, |group| group.range());
                out.push(super::diagnostic(entry, scope.source, found, None));
            }
        }
    }
}
