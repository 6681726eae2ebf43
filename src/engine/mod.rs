//! Generic engines that run data lints from their TOML entries alone: `line` phrases standing
//! as a line of their own, `text` phrases anywhere, `regex` patterns anywhere. Each engine
//! compiles the entries of every data lint once, into one matcher.

pub mod line;
pub mod pattern;
pub mod text;

use std::ops::Range;
use std::sync::LazyLock;

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::formats::Region;
use crate::language::Languages;
use crate::registry::{self, Lint};
use crate::source::Source;
use crate::spec::{Engine, Entry, fill};

/// An entry of a data lint, as the engines hold it.
pub struct DataEntry {
    /// Index of the lint in [`registry::lints`].
    pub lint: usize,
    pub entry: &'static Entry,
}

/// What one engine run sees of a document.
pub struct Scope<'a> {
    pub source: &'a Source,
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

static LINE: LazyLock<line::LineEngine> = LazyLock::new(|| line::LineEngine::new(data_entries(|s| &s.line)));
static TEXT: LazyLock<text::TextEngine> = LazyLock::new(|| text::TextEngine::new(data_entries(|s| &s.text)));
static PATTERN: LazyLock<pattern::PatternEngine> =
    LazyLock::new(|| pattern::PatternEngine::new(data_entries(|s| &s.regex)));

fn data_entries(kind: impl Fn(&'static crate::spec::LintSpec) -> &'static Vec<Entry>) -> Vec<DataEntry> {
    registry::lints()
        .iter()
        .enumerate()
        .filter(|(_, lint)| lint.spec.engine == Engine::Data)
        .flat_map(|(index, lint)| {
            kind(&lint.spec)
                .iter()
                .map(move |entry| DataEntry { lint: index, entry })
        })
        .collect()
}

/// Runs the three engines over a document for the enabled data lints.
pub fn check(scope: &Scope, out: &mut Vec<Diagnostic>) {
    let lints = registry::lints();
    let wants = |kind: fn(&crate::spec::LintSpec) -> bool| {
        lints
            .iter()
            .enumerate()
            .any(|(i, lint)| scope.enabled[i] && lint.spec.engine == Engine::Data && kind(&lint.spec))
    };
    if wants(|s| !s.line.is_empty()) {
        LINE.check(scope, out);
    }
    if wants(|s| !s.text.is_empty()) {
        TEXT.check(scope, out);
    }
    if wants(|s| !s.regex.is_empty()) {
        PATTERN.check(scope, out);
    }
}

/// The finding for `entry` matched at `span`, with the lint's message, label and help, and a
/// fix: `fix` if the engine gives one, else the entry's replacement when the lint has fixes.
pub fn diagnostic(entry: &DataEntry, source: &Source, span: Range<usize>, fix: Option<Vec<Edit>>) -> Diagnostic {
    let lint: &'static Lint = &registry::lints()[entry.lint];
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
    let mut described = format!("the {language} `{original}`");
    if let Some(means) = &entry.means {
        described.push_str(&format!(" (`{means}`)"));
    }
    let means = entry.means.as_deref().or(entry.fix.as_deref()).unwrap_or("");
    let replacement = entry.fix.as_deref().map(with_number).unwrap_or_default();
    let fields = [
        ("text", matched),
        ("original", described.as_str()),
        ("source", original.as_str()),
        ("language", language),
        ("means", means),
        ("fix", replacement.as_str()),
    ];
    let spec = &lint.spec;
    let mut diagnostic = Diagnostic::new(
        lint.name,
        span.start..span.start + matched.len(),
        spec.message("", &fields),
    );
    diagnostic.primary.message = spec.label.as_deref().map(|label| fill(label, &fields));
    diagnostic.help = spec.help.as_deref().map(|help| fill(help, &fields));
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
