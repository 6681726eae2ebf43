//! Literal phrase sets compiled on first use, in the automaton the input size pays for: a
//! contiguous NFA (built in about a millisecond) while little text has been searched, a DFA
//! (built in tens of milliseconds, searching two to three times faster) once a matcher has seen
//! a megabyte. A one-line file never pays for a DFA; a corpus pays for it once.

use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Input, MatchKind, StartKind};

/// Text searched by one matcher after which its DFA is worth building.
const DFA_AFTER: usize = 1 << 20;

pub struct Phrases {
    patterns: Vec<String>,
    ascii_case_insensitive: bool,
    kind: MatchKind,
    anchored: bool,
    nfa: OnceLock<AhoCorasick>,
    dfa: OnceLock<AhoCorasick>,
    searched: AtomicUsize,
}

impl Phrases {
    /// Every occurrence of every pattern, overlapping ones included.
    pub fn new(patterns: Vec<String>, ascii_case_insensitive: bool) -> Self {
        Phrases::build(patterns, ascii_case_insensitive, MatchKind::Standard, false)
    }

    /// At each position the longest pattern, then on after it.
    pub fn leftmost_longest(patterns: Vec<String>, ascii_case_insensitive: bool) -> Self {
        Phrases::build(patterns, ascii_case_insensitive, MatchKind::LeftmostLongest, false)
    }

    /// The longest pattern that starts right at the start of the haystack.
    pub fn anchored_longest(patterns: Vec<String>, ascii_case_insensitive: bool) -> Self {
        Phrases::build(patterns, ascii_case_insensitive, MatchKind::LeftmostLongest, true)
    }

    fn build(patterns: Vec<String>, ascii_case_insensitive: bool, kind: MatchKind, anchored: bool) -> Self {
        Phrases {
            patterns,
            ascii_case_insensitive,
            kind,
            anchored,
            nfa: OnceLock::new(),
            dfa: OnceLock::new(),
            searched: AtomicUsize::new(0),
        }
    }

    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }

    /// The automaton for a search of `len` bytes.
    pub fn automaton(&self, len: usize) -> &AhoCorasick {
        let searched = self.searched.fetch_add(len, Ordering::Relaxed) + len;
        if let Some(dfa) = self.dfa.get() {
            return dfa;
        }
        let (cell, kind) = if searched >= DFA_AFTER {
            (&self.dfa, AhoCorasickKind::DFA)
        } else {
            (&self.nfa, AhoCorasickKind::ContiguousNFA)
        };
        cell.get_or_init(|| {
            AhoCorasickBuilder::new()
                .kind(Some(kind))
                .ascii_case_insensitive(self.ascii_case_insensitive)
                .match_kind(self.kind)
                .start_kind(if self.anchored {
                    StartKind::Anchored
                } else {
                    StartKind::Unanchored
                })
                .build(&self.patterns)
                .expect("phrase automaton builds")
        })
    }

    /// Calls `hit` with the range and pattern index of every occurrence, overlapping ones
    /// included, in the order they end. Needs [`Phrases::new`].
    pub fn for_each_overlapping(&self, haystack: &str, mut hit: impl FnMut(Range<usize>, usize)) {
        debug_assert_eq!(self.kind, MatchKind::Standard);
        for found in self.automaton(haystack.len()).find_overlapping_iter(haystack) {
            hit(found.range(), found.pattern().as_usize());
        }
    }

    /// Non-overlapping hits, leftmost-longest. Needs [`Phrases::leftmost_longest`].
    pub fn find_iter<'a>(&'a self, haystack: &'a str) -> impl Iterator<Item = (Range<usize>, usize)> + 'a {
        self.automaton(haystack.len())
            .find_iter(haystack)
            .map(|found| (found.range(), found.pattern().as_usize()))
    }

    /// The longest pattern at the start of `haystack`. Needs [`Phrases::anchored_longest`].
    pub fn find_at_start(&self, haystack: &str) -> Option<(Range<usize>, usize)> {
        let input = Input::new(haystack).anchored(aho_corasick::Anchored::Yes);
        self.automaton(haystack.len())
            .find(input)
            .map(|found| (found.range(), found.pattern().as_usize()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_automata_find_the_same() {
        let phrases = Phrases::leftmost_longest(vec!["new york".into(), "new".into(), "york".into()], false);
        let small: Vec<_> = phrases.find_iter("in new york, new").collect();
        assert!(phrases.dfa.get().is_none());
        let big = "x".repeat(DFA_AFTER);
        assert_eq!(phrases.find_iter(&big).count(), 0);
        assert!(phrases.dfa.get().is_some());
        assert_eq!(phrases.find_iter("in new york, new").collect::<Vec<_>>(), small);
        assert_eq!(small, [(3..11, 0), (13..16, 1)]);
    }

    #[test]
    fn overlapping_hits_are_all_reported() {
        let phrases = Phrases::new(vec!["The World".into(), "world bank".into()], true);
        let mut hits = Vec::new();
        phrases.for_each_overlapping("the World Bank", |range, pattern| hits.push((range, pattern)));
        assert_eq!(hits, [(0..9, 0), (4..14, 1)]);
    }
}
