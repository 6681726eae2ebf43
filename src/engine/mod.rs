//! Generic engines that run data lints from their TOML entries alone: `line` phrases standing
//! as a line of their own, `text` phrases anywhere, `regex` patterns anywhere. Each engine
//! compiles the entries of every data lint of a ruleset (built-in lints, a configuration's
//! custom rules and extra phrases) once, into one matcher.

pub mod chrome;
pub mod line;
pub mod pattern;
pub mod text;

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::formats::Region;
use crate::language::Languages;
use crate::registry::Lint;
use crate::source::Source;
use crate::spec::{Entry, fill_static};

/// An entry of a data lint, as the engines hold it.
#[derive(Clone, Copy)]
pub struct DataEntry {
    /// Index of the lint in its ruleset.
    pub lint: usize,
    pub spec_lint: &'static Lint,
    pub entry: &'static Entry,
    /// Shipped with mtlint (its patterns compile in CI, so they are compiled on first need),
    /// not read from a configuration (compiled at load time, to report a bad one there).
    pub builtin: bool,
}

/// Which part of a lint's data an entry belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Line,
    Text,
    Regex,
}

/// The three engines, compiled for one ruleset.
pub struct DataEngines {
    line: line::LineEngine,
    text: text::TextEngine,
    pattern: pattern::PatternEngine,
    chrome: chrome::ChromeEngine,
    /// Which lints (by ruleset index) have entries of each kind.
    has: Vec<[bool; 3]>,
    /// The `text` phrases can run apart from the other engines: no line classifier needs their
    /// findings.
    text_apart: bool,
}

impl DataEngines {
    /// Compiles `entries`; a regular expression that does not compile, or compiles too big, is
    /// an error naming its pattern.
    /// `models` are the lints' `[chrome]` classifiers; an unknown feature name is an error.
    pub fn new(
        lint_count: usize,
        entries: Vec<(Kind, DataEntry)>,
        models: Vec<(usize, &'static Lint, &'static crate::spec::ChromeModel)>,
    ) -> Result<Self, String> {
        for (_, lint, model) in &models {
            if let Some(unknown) = model
                .shape
                .keys()
                .find(|k| chrome::FEATURES.iter().all(|(f, _)| f != k))
            {
                let known: Vec<&str> = chrome::FEATURES.iter().map(|(f, _)| *f).collect();
                return Err(format!(
                    "lint `{}`: `[chrome.shape]` has no feature `{unknown}` (features: {})",
                    lint.name,
                    known.join(", ")
                ));
            }
        }
        let mut has = vec![[false; 3]; lint_count];
        for (kind, entry) in &entries {
            has[entry.lint][*kind as usize] = true;
        }
        let of = |kind: Kind| {
            entries
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, e)| *e)
                .collect::<Vec<_>>()
        };
        let text_apart = models.iter().all(|(index, _, _)| !has[*index][Kind::Text as usize]);
        Ok(DataEngines {
            text_apart,
            line: line::LineEngine::new(of(Kind::Line)),
            text: text::TextEngine::new(of(Kind::Text)),
            pattern: pattern::PatternEngine::new(of(Kind::Regex))?,
            chrome: chrome::ChromeEngine::new(models),
            has,
        })
    }

    /// Runs the engines over a document for the enabled data lints.
    pub fn check(&self, scope: &Scope, out: &mut Vec<Diagnostic>) {
        (0..self.units()).for_each(|unit| self.check_unit(unit, scope, out));
    }

    /// How many parts of [`DataEngines::check`] may run side by side ([`DataEngines::check_unit`]).
    pub fn units(&self) -> usize {
        if self.text_apart { 2 } else { 1 }
    }

    /// One part of [`DataEngines::check`]: the `text` phrases alone when they may run apart,
    /// else everything.
    pub fn check_unit(&self, unit: usize, scope: &Scope, out: &mut Vec<Diagnostic>) {
        let wants = |kind: Kind| {
            self.has
                .iter()
                .enumerate()
                .any(|(i, has)| scope.enabled[i] && has[kind as usize])
        };
        if self.text_apart && unit == 1 {
            if wants(Kind::Text) {
                self.text.check(scope, out);
            }
            return;
        }
        if wants(Kind::Line) {
            self.line.check(scope, out);
        }
        if wants(Kind::Text) && !self.text_apart {
            self.text.check(scope, out);
        }
        if wants(Kind::Regex) {
            self.pattern.check(scope, out);
        }
        // Last: it leaves alone what the phrase entries found.
        if !self.chrome.is_empty() {
            self.chrome.check(scope, out);
        }
    }
}

/// What one engine run sees of a document.
pub struct Scope<'a> {
    pub source: &'a Source,
    pub format: crate::formats::Format,
    pub regions: &'a [Region],
    /// `enabled[i]`: lint `i` runs.
    pub enabled: &'a [bool],
    pub languages: &'a Languages<'a>,
}

impl Scope<'_> {
    /// Whether `entry` applies: its lint is on and its language allowed.
    pub fn applies(&self, entry: &DataEntry) -> bool {
        self.enabled[entry.lint]
            && entry
                .entry
                .source()
                .is_none_or(|(lang, _)| self.languages.allows(lang, entry.entry.ambiguous))
    }
}

/// The finding for `entry` matched at `span`, with the lint's message, label and help, and a
/// fix: `fix` if the engine gives one, else the entry's replacement when the lint has fixes.
pub fn diagnostic(entry: &DataEntry, source: &Source, span: Range<usize>, fix: Option<Vec<Edit>>) -> Diagnostic {
    let lint = entry.spec_lint;
    let entry = entry.entry;
    let matched = source.text()[span.clone()].trim_end();
    // `#` in the data stands for the number the text has.
    let number: String = matched
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    let with_number = |s: &str| {
        if number.is_empty() {
            s.to_owned()
        } else {
            s.replace('#', &number)
        }
    };
    let (language, original) = entry
        .source()
        .map_or(("source", String::new()), |(l, t)| (l.name(), with_number(t)));
    let described = match (entry.source(), &entry.means) {
        (Some(_), Some(means)) => format!("the {language} `{original}` (`{means}`)"),
        (Some(_), None) => format!("the {language} `{original}`"),
        (None, Some(means)) => format!("`{means}`"),
        (None, None) => String::new(),
    };
    let means = entry.means.as_deref().or(entry.fix.as_deref()).unwrap_or("");
    let replacement = entry.fix.as_deref().map(with_number).unwrap_or_default();
    let fields = [
        ("text", matched),
        ("original", described.as_str()),
        ("source", original.as_str()),
        ("language", language),
        ("means", means),
        ("fix", replacement.as_str()),
        ("note", entry.note.as_deref().unwrap_or("")),
    ];
    let spec = &lint.spec;
    // A phrase the configuration added names no original: a message variant that does not
    // quote one, and no label that would show an empty "the source ``".
    let unsourced = entry.source().is_none();
    let key = if unsourced && spec.messages.contains_key("unsourced") {
        "unsourced"
    } else {
        ""
    };
    let mut diagnostic = Diagnostic::new(
        lint.name,
        span.start..span.start + matched.len(),
        spec.message(key, &fields),
    );
    // A `note` says what to do (`put LIVE: at the start of the headline`): it is shown as a
    // note, never quoted as text to put in place.
    let described = entry.note.is_some();
    let variant = |name: &str| spec.messages.get(name).filter(|_| described);
    // A template that quotes a field the entry does not have (a phrase the configuration added
    // has no original, maybe no meaning) is left out rather than shown with an empty quote.
    let complete = |template: &&str| {
        fields
            .iter()
            .all(|(name, value)| !value.is_empty() || !template.contains(&format!("{{{name}}}")))
    };
    diagnostic.primary.message = match variant("described-label") {
        Some(label) => Some(std::borrow::Cow::Owned(crate::spec::fill(label, &fields))),
        None => spec
            .label
            .as_deref()
            .filter(complete)
            .map(|label| fill_static(label, &fields)),
    };
    let unsourced_help = spec.messages.get("unsourced-help").filter(|_| unsourced);
    diagnostic.help = match variant("described-help").or(unsourced_help) {
        Some(help) => Some(std::borrow::Cow::Owned(crate::spec::fill(help, &fields))),
        None => spec
            .help
            .as_deref()
            .filter(complete)
            .map(|help| fill_static(help, &fields)),
    };
    let edits = fix.or_else(|| {
        entry
            .fix
            .as_ref()
            .map(|text| vec![Edit::replace(span.clone(), with_number(text))])
    });
    if let (Some(applicability), Some(edits)) = (spec.fix, edits) {
        diagnostic = diagnostic.with_fix(Fix::new(applicability, edits));
    }
    diagnostic
}

/// Whether `range` lies inside one prose region (regions are sorted and do not overlap). The
/// engines scan the whole text once, which costs less than one search call per region, and
/// keep the matches that fall in prose.
pub fn in_prose(regions: &[Region], range: &Range<usize>) -> bool {
    let after = regions.partition_point(|region| region.range.start <= range.start);
    after > 0 && regions[after - 1].range.end >= range.end
}

/// Whether `range` starts and ends at word boundaries of `text` (Unicode letters and digits).
pub fn at_word_boundaries(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let first = text[range.clone()].chars().next();
    let last = text[range.clone()].chars().next_back();
    let joins = |a: Option<char>, b: Option<char>| {
        a.zip(b)
            .is_some_and(|(a, b)| a.is_alphanumeric() && b.is_alphanumeric())
    };
    !joins(before, first) && !joins(last, after)
}
