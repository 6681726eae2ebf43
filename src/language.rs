//! Source languages: which data entries apply to a document, set by `--source-language` or,
//! with `auto`, picked from the document's own residue.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::{LazyLock, OnceLock};

use serde::Deserialize;

use crate::formats::Region;
use crate::registry;

/// A language machine translation into English starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fr,
    De,
    Es,
    It,
    Pt,
}

impl Lang {
    pub const ALL: [Lang; 5] = [Lang::Fr, Lang::De, Lang::Es, Lang::It, Lang::Pt];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::Es => "es",
            Lang::It => "it",
            Lang::Pt => "pt",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Lang::Fr => "French",
            Lang::De => "German",
            Lang::Es => "Spanish",
            Lang::It => "Italian",
            Lang::Pt => "Portuguese",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

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

/// Function words of English and of each source language (not English words), from
/// `lints/untranslated.toml`: the cheap signal for residue and for detection.
pub struct FunctionWords {
    by_word: HashMap<String, Vec<Lang>>,
    english: HashSet<String>,
    weak: HashSet<String>,
}

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
        .data
        .clone()
        .try_into()
        .unwrap_or_else(|err| panic!("lints/untranslated.toml [data]: {err}"));
    let mut by_word: HashMap<String, Vec<Lang>> = HashMap::new();
    for (lang, words) in data.function_words {
        for word in words {
            by_word.entry(word.to_lowercase()).or_default().push(lang);
        }
    }
    let english = data.english.iter().map(|w| w.to_lowercase()).collect();
    let weak = data.weak_words.iter().map(|w| w.to_lowercase()).collect();
    FunctionWords { by_word, english, weak }
});

impl FunctionWords {
    /// The languages `word` (lowercase) is a function word of; an elision such as `l'` or
    /// `dell'` is given with its apostrophe.
    pub fn languages(&self, word: &str) -> &[Lang] {
        self.by_word.get(word).map_or(&[], Vec::as_slice)
    }

    pub fn is_english(&self, word: &str) -> bool {
        self.english.contains(word)
    }
}

/// Whether `text` has more English function words than source-language ones.
pub fn reads_as_english(text: &str) -> bool {
    let words = &*FUNCTION_WORDS;
    let (mut english, mut source) = (0, 0);
    for_each_word(text, |_, word| {
        english += usize::from(words.is_english(word));
        source += usize::from(!words.languages(word).is_empty());
    });
    english > source
}

/// Calls `visit(range, word)` for each word of `text`: its byte range and its lowercase form.
/// A French or Italian elision (`l'état`, `dell'anno`) is a word of its own, and its lowercase
/// form has the apostrophe (`l'`).
pub fn for_each_word(text: &str, mut visit: impl FnMut(std::ops::Range<usize>, &str)) {
    let mut lower = String::new();
    let mut start = None;
    let mut emit = |s: usize, word: &str, elided: bool, lower: &mut String| {
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        if elided {
            lower.push('\'');
        }
        visit(s..s + word.len(), lower);
    };
    for (i, c) in text.char_indices() {
        match (start, c.is_alphanumeric()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let elided = matches!(c, '\'' | '’') && text[i + c.len_utf8()..].starts_with(char::is_alphabetic);
                emit(s, &text[s..i], elided, &mut lower);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        emit(s, &text[s..], false, &mut lower);
    }
}

/// The language with most function words in the document, if it has at least three.
fn detect(text: &str, regions: &[Region]) -> Option<Lang> {
    let words = &*FUNCTION_WORDS;
    let mut counts = [0usize; Lang::ALL.len()];
    for region in regions {
        for_each_word(&text[region.range.clone()], |_, word| {
            for &lang in words.languages(word) {
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
    pub span: std::ops::Range<usize>,
}

/// Counts the words of one clause, fed word by word (a clause may run over several prose
/// regions, around inline code), and says whether it is in a source language.
#[derive(Default)]
pub struct ClauseCounter {
    counts: [usize; Lang::ALL.len()],
    strong: [usize; Lang::ALL.len()],
    total: usize,
    english: usize,
    span: Option<std::ops::Range<usize>>,
}

impl ClauseCounter {
    /// Adds a word: its range and lowercase form.
    pub fn add(&mut self, range: std::ops::Range<usize>, word: &str) {
        let words = &*FUNCTION_WORDS;
        self.total += 1;
        self.english += usize::from(words.is_english(word));
        let weak = words.weak.contains(word);
        for &lang in words.languages(word) {
            self.counts[lang as usize] += 1;
            self.strong[lang as usize] += usize::from(!weak);
        }
        self.span = Some(self.span.as_ref().map_or(range.start, |s| s.start)..range.end);
    }

    /// The verdict, and a fresh counter for the next clause: in a source language when the
    /// clause has three words or more, two or more function words of one source language (one
    /// at least not English-looking) making a quarter of them, and no English function word.
    pub fn finish(&mut self) -> Option<SourceClause> {
        let clause = std::mem::take(self);
        let (index, &count) = clause
            .counts
            .iter()
            .enumerate()
            .max_by_key(|&(i, n)| (*n, std::cmp::Reverse(i)))?;
        if clause.total < 3 || clause.english > 0 || count < 2 || clause.strong[index] == 0 || count * 4 < clause.total
        {
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
    for_each_word(text, |range, word| counter.add(range, word));
    counter.finish()
}
