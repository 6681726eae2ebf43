//! Source languages: which data entries apply to a document, set by `--source-language` or,
//! with `auto`, picked from the document's own residue.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use serde::Deserialize;

use crate::formats::Region;
use crate::lang::Lang;
use crate::registry;

/// `--source-language`: one language's data only, or `auto`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SourceLanguage {
    /// Entries that are unambiguous whatever the source, plus the ambiguous ones of the
    /// language the document's residue points to.
    #[default]
    Auto,
    Only(Lang),
}

impl SourceLanguage {
    pub fn parse(value: &str) -> Option<SourceLanguage> {
        match value {
            "auto" => Some(SourceLanguage::Auto),
            code => Lang::from_code(code).map(SourceLanguage::Only),
        }
    }
}

/// Which entries apply to one document. Detection runs only if an ambiguous entry asks.
pub struct Languages<'a> {
    setting: SourceLanguage,
    text: &'a str,
    regions: &'a [Region],
    detected: OnceLock<Option<Lang>>,
}

impl<'a> Languages<'a> {
    pub fn new(setting: SourceLanguage, text: &'a str, regions: &'a [Region]) -> Self {
        Languages {
            setting,
            text,
            regions,
            detected: OnceLock::new(),
        }
    }

    /// Whether an entry of language `lang` applies; `ambiguous` entries (spellings or phrases
    /// that can be good English) need the language set or detected.
    pub fn allows(&self, lang: Lang, ambiguous: bool) -> bool {
        match self.setting {
            SourceLanguage::Only(only) => lang == only,
            SourceLanguage::Auto => !ambiguous || self.detected() == Some(lang),
        }
    }

    /// The source language the document's residue points to, if it is clear.
    pub fn detected(&self) -> Option<Lang> {
        *self.detected.get_or_init(|| detect(self.text, self.regions))
    }
}

/// What the function-word tables say of one word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordInfo {
    /// An English function word.
    pub english: bool,
    /// A source function word that looks like an English word (`a`, `in`, `as`).
    pub weak: bool,
    /// The source languages it is a function word of, one bit per [`Lang`].
    pub langs: u8,
}

impl WordInfo {
    pub fn languages(self) -> impl Iterator<Item = Lang> {
        Lang::ALL
            .into_iter()
            .filter(move |lang| self.langs & (1 << *lang as u8) != 0)
    }
}

/// Function words of English and of each source language, from `lints/untranslated.toml`: the
/// cheap signal for residue and for detection. Every word is at most 8 bytes, so it is looked
/// up as one packed `u64`, with no allocation and no string hashing.
pub struct FunctionWords {
    table: HashMap<u64, WordInfo, BuildHasherDefault<PackedHasher>>,
}

/// Longest function word, in bytes.
const MAX_WORD: usize = 8;

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct FunctionWordData {
    english: Vec<String>,
    weak_words: Vec<String>,
    #[serde(rename = "function-words")]
    function_words: HashMap<Lang, Vec<String>>,
}

pub static FUNCTION_WORDS: LazyLock<FunctionWords> = LazyLock::new(|| {
    let lint = registry::get("untranslated").expect("registered");
    let data: FunctionWordData = lint
        .spec
        .data()
        .clone()
        .try_into()
        .unwrap_or_else(|err| panic!("lints/untranslated.toml [data]: {err}"));
    let mut table: HashMap<u64, WordInfo, BuildHasherDefault<PackedHasher>> = HashMap::default();
    let key = |word: &str| {
        let lower = word.to_lowercase();
        pack(lower.as_bytes()).unwrap_or_else(|| panic!("function word `{word}` is over {MAX_WORD} bytes"))
    };
    for (lang, words) in &data.function_words {
        for word in words {
            table.entry(key(word)).or_default().langs |= 1 << *lang as u8;
        }
    }
    for word in &data.english {
        table.entry(key(word)).or_default().english = true;
    }
    for word in &data.weak_words {
        table.entry(key(word)).or_default().weak = true;
    }
    FunctionWords { table }
});

impl FunctionWords {
    /// What the tables say of `word` (lowercase; an elision such as `l'` with its apostrophe).
    pub fn get(&self, word: &str) -> WordInfo {
        self.get_bytes(word.as_bytes())
    }

    fn get_bytes(&self, word: &[u8]) -> WordInfo {
        pack(word)
            .and_then(|key| self.table.get(&key).copied())
            .unwrap_or_default()
    }
}

/// Up to 8 bytes as one integer; distinct words give distinct keys (no word has a NUL byte).
pub(crate) fn pack(bytes: &[u8]) -> Option<u64> {
    (bytes.len() <= MAX_WORD).then(|| bytes.iter().rev().fold(0u64, |key, &b| (key << 8) | u64::from(b)))
}

/// A hasher for packed words: one multiply, enough to spread keys over the table.
#[derive(Default)]
pub struct PackedHasher(u64);

impl Hasher for PackedHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = (key ^ (key >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Whether `text` has more English function words than source-language ones (words that look
/// English, such as `a` or `in`, are evidence for neither).
pub fn reads_as_english(text: &str) -> bool {
    let (mut english, mut source) = (0, 0);
    scan_words(text, |_, word| {
        let info = word.info();
        english += usize::from(info.english);
        source += usize::from(info.langs != 0 && !info.weak);
    });
    english > source
}

/// One word of a scan, looked up in the function-word tables only when asked: a clause that
/// already has an English function word needs no more lookups.
pub struct Word<'a> {
    text: &'a str,
    /// A French or Italian elision (`l'`): looked up with its apostrophe.
    elided: bool,
}

impl Word<'_> {
    /// What the function-word tables say of the word.
    pub fn info(&self) -> WordInfo {
        let word = self.text.as_bytes();
        let key_len = word.len() + usize::from(self.elided);
        if key_len > MAX_WORD {
            WordInfo::default()
        } else if word.is_ascii() {
            let mut key = [0u8; MAX_WORD];
            for (slot, b) in key.iter_mut().zip(word) {
                *slot = b.to_ascii_lowercase();
            }
            if self.elided {
                key[word.len()] = b'\'';
            }
            FUNCTION_WORDS.get_bytes(&key[..key_len])
        } else {
            let mut lower = self.text.to_lowercase();
            if self.elided {
                lower.push('\'');
            }
            FUNCTION_WORDS.get(&lower)
        }
    }
}

/// Calls `visit(range, word)` for each word of `text`. A French or Italian elision (`l'état`,
/// `dell'anno`) is a word of its own, looked up with its apostrophe (`l'`). ASCII is handled
/// byte by byte; only other characters are decoded.
pub fn scan_words(text: &str, mut visit: impl FnMut(Range<usize>, Word<'_>)) {
    let bytes = text.as_bytes();
    // The length of the character at `i` if it is part of a word.
    let word_char = |i: usize| -> Option<usize> {
        let b = bytes[i];
        if b < 0x80 {
            return b.is_ascii_alphanumeric().then_some(1);
        }
        let c = text[i..].chars().next()?;
        c.is_alphanumeric().then_some(c.len_utf8())
    };
    let mut i = 0;
    while i < bytes.len() {
        let Some(len) = word_char(i) else {
            i += if bytes[i] < 0x80 {
                1
            } else {
                text[i..].chars().next().map_or(1, char::len_utf8)
            };
            continue;
        };
        let start = i;
        i += len;
        while i < bytes.len() {
            match word_char(i) {
                Some(len) => i += len,
                None => break,
            }
        }
        let after = &bytes[i..];
        let apostrophe_len = match after {
            [b'\'', ..] => 1,
            [0xE2, 0x80, 0x99, ..] => 3,
            _ => 0,
        };
        let elided = apostrophe_len > 0 && text[i + apostrophe_len..].starts_with(char::is_alphabetic);
        visit(
            start..i,
            Word {
                text: &text[start..i],
                elided,
            },
        );
    }
}

/// The language with most function words in the document, if it has at least three.
fn detect(text: &str, regions: &[Region]) -> Option<Lang> {
    let mut counts = [0usize; Lang::ALL.len()];
    for region in regions {
        scan_words(&text[region.range.clone()], |_, word| {
            for lang in word.info().languages() {
                counts[lang as usize] += 1;
            }
        });
    }
    let (index, &count) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(i, n)| (*n, std::cmp::Reverse(i)))?;
    (count >= 3).then_some(Lang::ALL[index])
}

/// A clause found to be in a source language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceClause {
    pub lang: Lang,
    /// Function words of `lang` in the clause.
    pub count: usize,
    /// From the first counted word to the last.
    pub span: Range<usize>,
}

/// Counts the words of one clause, fed word by word (a clause may run over several prose
/// regions, around inline code), and says whether it is in a source language.
#[derive(Default)]
pub struct ClauseCounter {
    counts: [usize; Lang::ALL.len()],
    strong: [usize; Lang::ALL.len()],
    total: usize,
    english: usize,
    span: Option<Range<usize>>,
}

impl ClauseCounter {
    /// Adds a word: its range and what the tables say of it.
    pub fn add(&mut self, range: Range<usize>, info: WordInfo) {
        self.total += 1;
        self.english += usize::from(info.english);
        // Most words are no function word of any source language.
        if info.langs != 0 {
            for lang in info.languages() {
                self.counts[lang as usize] += 1;
                self.strong[lang as usize] += usize::from(!info.weak);
            }
        }
        self.span = Some(self.span.as_ref().map_or(range.start, |s| s.start)..range.end);
    }

    /// Whether the clause has an English function word, which settles it: then the words
    /// that follow need no lookup.
    pub fn has_english(&self) -> bool {
        self.english > 0
    }

    /// The verdict, and a fresh counter for the next clause: in a source language when the
    /// clause has three words or more, two or more function words of one source language (two
    /// at least not English-looking) making a quarter of them, and no English function word.
    pub fn finish(&mut self) -> Option<SourceClause> {
        let clause = std::mem::take(self);
        let (index, &count) = clause
            .counts
            .iter()
            .enumerate()
            .max_by_key(|&(i, n)| (*n, std::cmp::Reverse(i)))?;
        // Two strong words at least: one word shared with English-like spellings (`a`, `in`,
        // `no`) beside a name does not make `Character buffer representing a UTF16-LE` Spanish.
        if clause.total < 3 || clause.english > 0 || count < 2 || clause.strong[index] < 2 || count * 4 < clause.total {
            return None;
        }
        Some(SourceClause {
            lang: Lang::ALL[index],
            count,
            span: clause.span?,
        })
    }
}

/// Whether `text`, one clause, is in a source language (see [`ClauseCounter::finish`]).
pub fn source_clause(text: &str) -> Option<SourceClause> {
    let mut counter = ClauseCounter::default();
    scan_words(text, |range, word| counter.add(range, word.info()));
    counter.finish()
}
