//! `regex` entries: regular expressions found anywhere in the prose. Each pattern of an enabled
//! lint searches the whole text once, alone, so the `regex` crate can use the pattern's own literal prefilter (a
//! `RegexSet` cannot, and measured 18% of the whole run on the seed); matching is linear
//! time, so no pattern can make mtlint slow.
//!
//! A built-in pattern is compiled the first time a text may hold a match: until then, a small
//! text that holds none of the literals every match starts with (`regex-syntax`'s own prefix
//! extraction) skips it, so a one-line file does not pay for compiling it. A configuration's
//! patterns are compiled at once, so that an error is reported when the configuration loads.

use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};
use regex_syntax::hir::literal::Extractor;

/// Bytes a compiled pattern may take (the `regex` crate's own default is 10 MiB).
pub const PATTERN_SIZE_LIMIT: usize = 1 << 20;

/// Texts up to this size are checked for a pattern's prefixes before it is compiled or run.
const SMALL_TEXT: usize = 64 << 10;

use super::{DataEntry, Scope};
use crate::diagnostic::Diagnostic;

struct Pattern {
    source: &'static str,
    compiled: OnceLock<Regex>,
    /// The literals every match starts with, if they are few and none is empty.
    prefixes: OnceLock<Option<Vec<Vec<u8>>>>,
}

impl Pattern {
    fn compile(source: &str) -> Result<Regex, String> {
        RegexBuilder::new(source)
            .size_limit(PATTERN_SIZE_LIMIT)
            .dfa_size_limit(PATTERN_SIZE_LIMIT)
            .build()
            .map_err(|err| format!("pattern `{source}`: {err}"))
    }

    fn regex(&self) -> &Regex {
        self.compiled
            .get_or_init(|| Pattern::compile(self.source).expect("built-in patterns compile"))
    }

    /// Whether `text` cannot hold a match: it has none of the pattern's prefixes.
    fn cannot_match(&self, text: &str) -> bool {
        let prefixes = self.prefixes.get_or_init(|| {
            let hir = regex_syntax::parse(self.source).ok()?;
            let literals = Extractor::new().extract(&hir).literals()?.to_vec();
            let prefixes: Vec<Vec<u8>> = literals.iter().map(|l| l.as_bytes().to_vec()).collect();
            (!prefixes.is_empty() && prefixes.iter().all(|p| !p.is_empty())).then_some(prefixes)
        });
        prefixes.as_ref().is_some_and(|prefixes| {
            prefixes
                .iter()
                .all(|prefix| memchr::memmem::find(text.as_bytes(), prefix).is_none())
        })
    }
}

pub struct PatternEngine {
    patterns: Vec<Pattern>,
    entries: Vec<DataEntry>,
}

impl PatternEngine {
    /// Takes the patterns; a configuration's are compiled now, each capped in size so that a
    /// user's rule cannot make mtlint slow or big, and an error names the pattern.
    pub fn new(entries: Vec<DataEntry>) -> Result<Self, String> {
        let mut patterns = Vec::with_capacity(entries.len());
        for entry in &entries {
            let source = entry.entry.pattern.as_deref().expect("`regex` entries have `pattern`");
            let compiled = OnceLock::new();
            if !entry.builtin {
                let _ = compiled.set(Pattern::compile(source)?);
            }
            patterns.push(Pattern {
                source,
                compiled,
                prefixes: OnceLock::new(),
            });
        }
        Ok(PatternEngine { patterns, entries })
    }

    pub fn check(&self, scope: &Scope, out: &mut Vec<Diagnostic>) {
        let text = scope.source.text();
        for (pattern, entry) in self.patterns.iter().zip(&self.entries) {
            // Once compiled, the regex's own prefilter skips such a text as fast.
            let uncompiled = pattern.compiled.get().is_none();
            if !scope.applies(entry) || (uncompiled && text.len() <= SMALL_TEXT && pattern.cannot_match(text)) {
                continue;
            }
            for captures in pattern.regex().captures_iter(text) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry;

    #[test]
    fn every_builtin_pattern_compiles_and_skips_only_texts_without_its_prefixes() {
        for lint in registry::lints() {
            for entry in &lint.spec.regex {
                let source = entry.pattern.as_deref().unwrap();
                let pattern = Pattern {
                    source,
                    compiled: OnceLock::new(),
                    prefixes: OnceLock::new(),
                };
                let regex = Pattern::compile(source).unwrap_or_else(|err| panic!("{}: {err}", lint.name));
                // Every example the pattern matches must not be skipped.
                for bad in lint.spec.examples().iter().filter_map(|e| e.bad.as_deref()) {
                    if regex.is_match(bad) {
                        assert!(!pattern.cannot_match(bad), "{source} skips {bad:?}");
                    }
                }
                // A pattern with a leading word is skipped on a text without it.
                if source.starts_with(r"(?i-u)\bsince") {
                    assert!(pattern.cannot_match("A quiet sentence."));
                    assert!(!pattern.cannot_match("Since 3 years."));
                }
            }
        }
    }
}
