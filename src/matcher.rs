//! Literal phrase sets searched in the way the input size pays for: pattern by pattern with no
//! automaton while the text searched is tiny (a one-line file should not wait for an automaton
//! over thousands of phrases), then a contiguous NFA (built in about a millisecond), then a DFA
//! (built in tens of milliseconds, searching two to three times faster) once a matcher has seen
//! a megabyte. A corpus pays for each automaton once.

use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Input, MatchKind, StartKind};

/// Text searched by one matcher after which its DFA is worth building.
const DFA_AFTER: usize = 1 << 20;

/// Pattern-by-position comparisons a matcher does without an automaton, over all its searches:
/// about a millisecond, what building its NFA costs.
const NAIVE_BUDGET: usize = 1 << 22;

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

    /// The automaton for a search of `len` bytes, or `None` while comparing the patterns one by
    /// one is cheaper than building one.
    fn automaton(&self, len: usize) -> Option<&AhoCorasick> {
        // The last tier: nothing left to count for (threads would only share the counter).
        if let Some(dfa) = self.dfa.get() {
            return Some(dfa);
        }
        let searched = self.searched.fetch_add(len, Ordering::Relaxed) + len;
        if self.nfa.get().is_none()
            && self.dfa.get().is_none()
            && searched.saturating_mul(self.patterns.len()) <= NAIVE_BUDGET
        {
            return None;
        }
        Some(self.built(searched))
    }

    fn built(&self, searched: usize) -> &AhoCorasick {
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
    /// included. Needs [`Phrases::new`].
    pub fn for_each_overlapping(&self, haystack: &str, mut hit: impl FnMut(Range<usize>, usize)) {
        debug_assert_eq!(self.kind, MatchKind::Standard);
        match self.automaton(haystack.len()) {
            Some(automaton) => {
                for found in automaton.find_overlapping_iter(haystack) {
                    hit(found.range(), found.pattern().as_usize());
                }
            }
            None => {
                for start in 0..haystack.len() {
                    for (pattern, len) in self.matching_at(haystack.as_bytes(), start) {
                        hit(start..start + len, pattern);
                    }
                }
            }
        }
    }

    /// Non-overlapping hits, leftmost-longest. Needs [`Phrases::leftmost_longest`].
    pub fn find_iter<'a>(&'a self, haystack: &'a str) -> Box<dyn Iterator<Item = (Range<usize>, usize)> + 'a> {
        match self.automaton(haystack.len()) {
            Some(automaton) => Box::new(
                automaton
                    .find_iter(haystack)
                    .map(|found| (found.range(), found.pattern().as_usize())),
            ),
            None => {
                let mut start = 0;
                Box::new(std::iter::from_fn(move || {
                    while start < haystack.len() {
                        if let Some((pattern, len)) = self.longest_at(haystack.as_bytes(), start) {
                            let range = start..start + len;
                            start += len;
                            return Some((range, pattern));
                        }
                        start += 1;
                    }
                    None
                }))
            }
        }
    }

    /// The longest pattern at the start of `haystack`. Needs [`Phrases::anchored_longest`].
    pub fn find_at_start(&self, haystack: &str) -> Option<(Range<usize>, usize)> {
        match self.automaton(haystack.len()) {
            Some(automaton) => {
                let input = Input::new(haystack).anchored(aho_corasick::Anchored::Yes);
                automaton
                    .find(input)
                    .map(|found| (found.range(), found.pattern().as_usize()))
            }
            None => self
                .longest_at(haystack.as_bytes(), 0)
                .map(|(pattern, len)| (0..len, pattern)),
        }
    }

    /// The patterns that occur at `start`, with their lengths.
    fn matching_at<'a>(&'a self, haystack: &'a [u8], start: usize) -> impl Iterator<Item = (usize, usize)> + 'a {
        let rest = &haystack[start..];
        self.patterns.iter().enumerate().filter_map(move |(index, pattern)| {
            let candidate = rest.get(..pattern.len())?;
            let equal = if self.ascii_case_insensitive {
                candidate.eq_ignore_ascii_case(pattern.as_bytes())
            } else {
                candidate == pattern.as_bytes()
            };
            equal.then_some((index, pattern.len()))
        })
    }

    /// The longest pattern at `start` (the first one on a tie), as the automata choose.
    fn longest_at(&self, haystack: &[u8], start: usize) -> Option<(usize, usize)> {
        self.matching_at(haystack, start)
            .fold(None, |best: Option<(usize, usize)>, (index, len)| match best {
                Some((_, best_len)) if best_len >= len => best,
                _ => Some((index, len)),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each way of searching, forced on a fresh matcher: no automaton, the NFA, the DFA.
    fn each_tier(
        make: impl Fn() -> Phrases,
        search: impl Fn(&Phrases) -> Vec<(Range<usize>, usize)>,
    ) -> [Vec<(Range<usize>, usize)>; 3] {
        let phrases = make();
        let naive = search(&phrases);
        assert!(phrases.nfa.get().is_none(), "a tiny search builds no automaton");
        let phrases = make();
        phrases.built(0);
        let nfa = search(&phrases);
        let phrases = make();
        phrases.built(DFA_AFTER);
        let dfa = search(&phrases);
        [naive, nfa, dfa]
    }

    #[test]
    fn every_tier_finds_the_same() {
        let patterns = || {
            vec![
                "new york".to_owned(),
                "new".into(),
                "york".into(),
                "New".into(),
                "e".into(),
            ]
        };
        let text = "In New York, new yorkers knew";
        for ascii_case_insensitive in [false, true] {
            let make = || Phrases::leftmost_longest(patterns(), ascii_case_insensitive);
            let [naive, nfa, dfa] = each_tier(make, |p| p.find_iter(text).collect());
            assert_eq!(naive, nfa);
            assert_eq!(nfa, dfa);
            let make = || Phrases::new(patterns(), ascii_case_insensitive);
            let [mut naive, mut nfa, mut dfa] = each_tier(make, |p| {
                let mut hits = Vec::new();
                p.for_each_overlapping(text, |range, pattern| hits.push((range, pattern)));
                hits
            });
            for hits in [&mut naive, &mut nfa, &mut dfa] {
                hits.sort_by_key(|(range, pattern)| (range.start, range.end, *pattern));
            }
            assert_eq!(naive, nfa);
            assert_eq!(nfa, dfa);
            let make = || Phrases::anchored_longest(patterns(), ascii_case_insensitive);
            for line in ["new york city", "New", "york", "x new"] {
                let [naive, nfa, dfa] = each_tier(make, |p| p.find_at_start(line).into_iter().collect());
                assert_eq!(naive, nfa, "{line}");
                assert_eq!(nfa, dfa, "{line}");
            }
        }
    }

    #[test]
    fn overlapping_hits_are_all_reported() {
        let phrases = Phrases::new(vec!["The World".into(), "world bank".into()], true);
        let mut hits = Vec::new();
        phrases.for_each_overlapping("the World Bank", |range, pattern| hits.push((range, pattern)));
        assert_eq!(hits, [(0..9, 0), (4..14, 1)]);
    }
}
