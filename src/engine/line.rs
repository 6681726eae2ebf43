//! Phrases that stand as a line or list item of their own: UI labels and page chrome. All
//! phrases of all such lints are compiled into one anchored Aho-Corasick automaton, tried once
//! at the start of each line that holds nothing else.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use unicode_normalization::UnicodeNormalization;

use super::{DataEntry, Scope};
use crate::diagnostic::{Diagnostic, Edit};
use crate::formats::BlockKind;
use crate::language::{PackedHasher, pack};
use crate::matcher::Phrases;
use crate::prose;
use crate::spec::Lead;

pub struct LineEngine {
    automaton: Phrases,
    entries: Vec<DataEntry>,
    /// Per key of the automaton: the entries with that key (the same English from several
    /// source languages; the first that applies reports), and whether the phrase ends a
    /// sentence (`A fault ?`), so that more text may follow it.
    keys: Vec<(Vec<usize>, bool)>,
    /// Longest key in bytes: how much of a line is worth normalising.
    max_key: usize,
    /// The first `PREFIX` bytes of every key, packed, and the keys shorter than that: a line
    /// whose first normalised bytes no key starts with is not normalised any further (nearly
    /// every line of prose).
    prefixes: PackedSet,
    short_keys: PackedSet,
    /// The lengths of the short keys.
    short_lengths: Vec<usize>,
}

type PackedSet = HashSet<u64, BuildHasherDefault<PackedHasher>>;

/// Bytes of a line normalised before the prefix check.
const PREFIX: usize = 8;

impl LineEngine {
    pub fn new(entries: Vec<DataEntry>) -> Self {
        let mut keys: Vec<String> = Vec::new();
        let mut groups: Vec<(Vec<usize>, bool)> = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            let en = entry.entry.en.as_deref().expect("`line` entries have `en`");
            let mut key = String::new();
            // Data may be typed decomposed; text is matched in NFC.
            let nfc: String = en.nfc().collect();
            normalise(&nfc, usize::MAX, &mut key, &mut Vec::new());
            match keys.iter().position(|k| *k == key) {
                Some(existing) => groups[existing].0.push(index),
                None => {
                    groups.push((vec![index], key.ends_with(['?', '!'])));
                    keys.push(key);
                }
            }
        }
        let max_key = keys.iter().map(String::len).max().unwrap_or(0);
        let mut prefixes = PackedSet::default();
        let mut short_keys = PackedSet::default();
        let mut short_lengths = Vec::new();
        for key in &keys {
            match key.as_bytes().get(..PREFIX) {
                Some(prefix) => {
                    prefixes.insert(pack(prefix).expect("eight bytes"));
                }
                None => {
                    short_keys.insert(pack(key.as_bytes()).expect("under eight bytes"));
                    short_lengths.push(key.len());
                }
            }
        }
        short_lengths.sort_unstable();
        short_lengths.dedup();
        let automaton = Phrases::anchored_longest(keys, true);
        LineEngine {
            automaton,
            entries,
            keys: groups,
            max_key,
            prefixes,
            short_keys,
            short_lengths,
        }
    }

    /// Whether a line whose normalised start is `start` (at most `PREFIX` bytes) may start
    /// with a key.
    fn may_start(&self, start: &[u8]) -> bool {
        // Packing tells keys apart but for NUL bytes, which no key has: a line with one may
        // pass this check wrongly, never fail it wrongly.
        let packed = |bytes: &[u8]| pack(bytes).expect("at most eight bytes");
        start.len() < PREFIX
            || self.prefixes.contains(&packed(start))
            || self
                .short_lengths
                .iter()
                .any(|&len| self.short_keys.contains(&packed(&start[..len])))
    }

    pub fn check(&self, scope: &Scope, out: &mut Vec<Diagnostic>) {
        let (source, text) = (scope.source, scope.source.text());
        let mut norm = String::new();
        let mut map = Vec::new();
        for region in scope.regions {
            // A heading is authored structure, not a widget's label.
            if region.kind == BlockKind::Heading {
                continue;
            }
            for line in prose::lines(text, region) {
                if !line.whole {
                    continue;
                }
                let content = prose::strip_bullet(text, line.range.clone());
                let trimmed_end = content.start + text[content.clone()].trim_end().len();
                let content = content.start..trimmed_end;
                if content.is_empty() {
                    continue;
                }
                normalise(&text[content.clone()], PREFIX, &mut norm, &mut map);
                if !self.may_start(&norm.as_bytes()[..norm.len().min(PREFIX)]) {
                    continue;
                }
                normalise(&text[content.clone()], self.max_key + 4, &mut norm, &mut map);
                let Some((found, pattern)) = self.automaton.find_at_start(&norm) else {
                    continue;
                };
                let (group, ends_sentence) = &self.keys[pattern];
                let Some(entry) = group.iter().map(|&i| &self.entries[i]).find(|e| scope.applies(e)) else {
                    continue;
                };
                let lead = entry.entry.lead;
                let rest = &norm[found.end..];
                let whole_line = map.last() == Some(&(content.end - content.start))
                    && rest.trim_matches([' ', ':', '.', '…', '›']).is_empty();
                let end = if whole_line {
                    content.end
                } else if *ends_sentence && rest.starts_with(' ') {
                    content.start + map[found.end]
                } else if lead == Some(Lead::Label) && rest.starts_with(':') {
                    content.start + map[found.end + 1]
                } else if lead == Some(Lead::Any) && rest.starts_with([' ', ':', ',', '.']) {
                    content.start + map[found.end]
                } else {
                    continue;
                };
                // The fix writes the entry's replacement if it has one, else removes the line.
                let edits = match &entry.entry.fix {
                    Some(_) => None,
                    None => Some(vec![Edit::delete(line.removal(source))]),
                };
                out.push(super::diagnostic(entry, source, content.start..end, edits));
            }
        }
    }
}

/// Writes a matching key for `text` (at most about `limit` bytes of it) into `out`: ASCII
/// lowercase, any run of spaces as one space, no space before `? ! : ;`, digit runs as `#`.
/// `map[i]` is the offset in `text` of `out`'s byte `i`; one more entry marks the end.
fn normalise(text: &str, limit: usize, out: &mut String, map: &mut Vec<usize>) {
    out.clear();
    map.clear();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if out.len() >= limit {
            map.push(i);
            return;
        }
        if c.is_whitespace() {
            while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
            let before_punct = chars.peek().is_some_and(|(_, c)| matches!(c, '?' | '!' | ':' | ';'));
            if !before_punct && chars.peek().is_some() && !out.is_empty() {
                out.push(' ');
                map.push(i);
            }
            continue;
        }
        if c.is_ascii_digit() {
            while chars.next_if(|(_, c)| c.is_ascii_digit()).is_some() {}
            out.push('#');
            map.push(i);
            continue;
        }
        let lower = c.to_ascii_lowercase();
        out.push(lower);
        map.extend(std::iter::repeat_n(i, lower.len_utf8()));
    }
    map.push(text.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_spacing_and_numbers() {
        let (mut out, mut map) = (String::new(), Vec::new());
        normalise("A  fault\u{a0}?", usize::MAX, &mut out, &mut map);
        assert_eq!(out, "a fault?");
        normalise("12 Comments", usize::MAX, &mut out, &mut map);
        assert_eq!(out, "# comments");
        assert_eq!(map, [0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    }
}
