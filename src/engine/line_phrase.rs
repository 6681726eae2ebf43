//! Phrases that stand as a line or list item of their own: UI labels and page chrome. All
//! phrases of all such lints are compiled into one anchored Aho-Corasick automaton, tried once
//! at the start of each line that holds nothing else.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
use unicode_normalization::UnicodeNormalization;

use crate::diagnostic::{Diagnostic, Fix};
use crate::formats::{BlockKind, Region};
use crate::prose;
use crate::registry::Lint;
use crate::source::Source;
use crate::spec::{Engine, Lead, Phrase};

struct Entry {
    /// Index of the lint in the list the engine was built from.
    lint: usize,
    phrase: &'static Phrase,
    /// The phrase ends a sentence (`A fault ?`), so it may be followed by more text.
    ends_sentence: bool,
}

pub struct LinePhraseEngine {
    automaton: AhoCorasick,
    entries: Vec<Entry>,
    /// Longest key in bytes: how much of a line is worth normalising.
    max_key: usize,
}

impl LinePhraseEngine {
    /// Builds the automaton over the phrases of every `line-phrase` lint in `lints`.
    pub fn new(lints: &'static [Lint]) -> Self {
        let mut keys = Vec::new();
        let mut entries = Vec::new();
        for (index, lint) in lints.iter().enumerate() {
            if lint.spec.engine != Engine::LinePhrase {
                continue;
            }
            for phrase in &lint.spec.phrases {
                let mut key = String::new();
                // Data may be typed decomposed; text is matched in NFC.
                let nfc: String = phrase.en.nfc().collect();
                normalise(&nfc, usize::MAX, &mut key, &mut Vec::new());
                let ends_sentence = key.ends_with(['?', '!']);
                keys.push(key);
                entries.push(Entry {
                    lint: index,
                    phrase,
                    ends_sentence,
                });
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&keys)
            .expect("phrase automaton builds");
        let max_key = keys.iter().map(String::len).max().unwrap_or(0);
        LinePhraseEngine {
            automaton,
            entries,
            max_key,
        }
    }

    /// Checks the lines of `regions`; `enabled[i]` says whether lint `i` runs.
    pub fn check(
        &self,
        lints: &'static [Lint],
        enabled: &[bool],
        source: &Source,
        regions: &[Region],
        out: &mut Vec<Diagnostic>,
    ) {
        let text = source.text();
        let mut norm = String::new();
        let mut map = Vec::new();
        for region in regions {
            // A heading is authored structure, not a widget's label.
            if region.kind == BlockKind::Heading {
                continue;
            }
            for line in prose::lines(text, region) {
                if !line.whole {
                    continue;
                }
                let content = strip_bullet(text, line.range.clone());
                let trimmed_end = content.start + text[content.clone()].trim_end().len();
                let content = content.start..trimmed_end;
                if content.is_empty() {
                    continue;
                }
                normalise(&text[content.clone()], self.max_key + 4, &mut norm, &mut map);
                let input = Input::new(&norm).anchored(Anchored::Yes);
                let Some(found) = self.automaton.find(input) else {
                    continue;
                };
                let entry = &self.entries[found.pattern().as_usize()];
                if !enabled[entry.lint] {
                    continue;
                }
                let rest = &norm[found.end()..];
                let whole_line = map.last() == Some(&(content.end - content.start))
                    && rest.trim_matches([' ', ':', '.', '…', '›']).is_empty();
                let end = if whole_line {
                    content.end
                } else if entry.ends_sentence && rest.starts_with(' ') {
                    content.start + map[found.end()]
                } else if entry.phrase.lead == Some(Lead::Label) && rest.starts_with(':') {
                    content.start + map[found.end() + 1]
                } else if entry.phrase.lead == Some(Lead::Any) && rest.starts_with([' ', ':', ',', '.']) {
                    content.start + map[found.end()]
                } else {
                    continue;
                };
                out.push(diagnostic(
                    &lints[entry.lint],
                    entry.phrase,
                    source,
                    content.start..end,
                    line.range.clone(),
                ));
            }
        }
    }
}

fn diagnostic(
    lint: &'static Lint,
    phrase: &Phrase,
    source: &Source,
    span: std::ops::Range<usize>,
    line: std::ops::Range<usize>,
) -> Diagnostic {
    let matched = source.text()[span.clone()].trim_end();
    // `#` in the data stands for the number the text has.
    let number: String = matched
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    let original = match phrase.source() {
        Some((language, text)) => {
            let text = if number.is_empty() {
                text.to_owned()
            } else {
                text.replace('#', &number)
            };
            match &phrase.means {
                Some(means) => format!("the {language} `{text}` (`{means}`)"),
                None => format!("the {language} `{text}`"),
            }
        }
        None => "a source-language label".to_owned(),
    };
    let fields = [("text", matched), ("original", original.as_str())];
    let spec = &lint.spec;
    let mut diagnostic = Diagnostic::new(
        lint.name,
        span.start..span.start + matched.len(),
        spec.message("", &fields),
    );
    if let Some(label) = &spec.label {
        diagnostic = diagnostic.with_label(crate::spec::fill(label, &fields));
    }
    if let Some(help) = &spec.help {
        diagnostic = diagnostic.with_help(crate::spec::fill(help, &fields));
    }
    if let Some(applicability) = spec.fix {
        // Unsafe in the catalogue: the same words could be a real one-line paragraph.
        diagnostic = diagnostic.with_fix(Fix::new(
            applicability,
            vec![crate::diagnostic::Edit::delete(source.line_removal(line))],
        ));
    }
    diagnostic
}

/// Skips a leading list bullet (`•`, `-`, `*`, `+`, `·`, `1.`, `2)`) and the spaces around it.
fn strip_bullet(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let line = &text[range.clone()];
    let trimmed = line.trim_start();
    let mut rest = trimmed;
    if let Some(c) = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '•' | '-' | '*' | '+' | '·' | '‣' | '◦' | '▪' | '–' | '—'))
    {
        rest = &rest[c.len_utf8()..];
    } else {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(['.', ')']) {
            rest = &rest[digits + 1..];
        }
    }
    // A bullet is only a bullet when a space follows it.
    if rest.len() != trimmed.len() && rest.starts_with(char::is_whitespace) {
        let rest = rest.trim_start();
        return range.end - rest.len()..range.end;
    }
    range.end - trimmed.len()..range.end
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

    #[test]
    fn bullets_are_stripped_only_before_a_space() {
        for (line, content) in [
            ("  • To print", "To print"),
            ("2. Share", "Share"),
            ("-1 comment", "-1 comment"),
            ("0 comment", "0 comment"),
        ] {
            assert_eq!(&line[strip_bullet(line, 0..line.len())], content);
        }
    }
}
