//! The lint catalogue: every `lints/<name>.toml`, compiled in through one explicit table.

use std::sync::LazyLock;

use crate::spec::{Group, LintSpec};

/// The lint catalogue, written once: every lint in the order `mtlint rules` lists them, by the
/// name of its `lints/<name>.toml`, and for a lint with code (`engine = "pass"`) the module of
/// its pass in `src/passes/`. `catalogue!(then)` hands the table to the macro `then`: the
/// registry takes the TOML files from it and `passes` the pass functions, so the table lives in
/// one place without the registry depending on the passes (which read their data from it).
macro_rules! catalogue {
    ($then:ident) => {
        $then! {
            "stray-guillemet" => stray_guillemet,
            "source-punct" => source_punct,
            "space-before-punct" => space_before_punct,
            "mixed-quotes" => mixed_quotes,
            "unbalanced-quote" => unbalanced_quote,
            "ui-string",
            "page-chrome",
            "untranslated" => untranslated,
            "translated-name",
            "calque",
            "lowercase-name" => lowercase_name,
            "source-number-format" => source_number_format,
            "false-friend",
            "mojibake" => mojibake,
            "unicode-form" => unicode_form,
            "invisible-char" => invisible_char,
            "doubled-word" => doubled_word,
            "glued-words" => glued_words,
            "markdown-damage" => markdown_damage,
            "untranslated-segment" => untranslated_segment,
            "number-mismatch" => number_mismatch,
            "placeholder-mismatch" => placeholder_mismatch,
            "punct-mismatch" => punct_mismatch,
            "unused-suppression",
        }
    };
}
pub(crate) use catalogue;

/// `(name, TOML)` for every lint.
macro_rules! toml_table {
    ($($name:literal $(=> $pass:ident)?,)*) => {
        &[$(($name, include_str!(concat!("../lints/", $name, ".toml")))),*]
    };
}

const CATALOGUE: &[(&str, &str)] = catalogue!(toml_table);

#[derive(Debug)]
pub struct Lint {
    pub name: &'static str,
    pub spec: LintSpec,
}

static LINTS: LazyLock<Vec<Lint>> = LazyLock::new(|| {
    CATALOGUE
        .iter()
        .map(|&(name, toml)| Lint {
            name,
            spec: LintSpec::parse_deferred(toml).unwrap_or_else(|err| panic!("lints/{name}.toml: {err}")),
        })
        .collect()
});

/// All built-in lints, parsed once.
pub fn lints() -> &'static [Lint] {
    &LINTS
}

pub fn index_of(name: &str) -> Option<usize> {
    lints().iter().position(|lint| lint.name == name)
}

pub fn get(name: &str) -> Option<&'static Lint> {
    index_of(name).map(|i| &lints()[i])
}

/// The names of the built-in TOML files, for the test that the table matches `lints/`.
pub fn catalogue_names() -> impl Iterator<Item = &'static str> {
    CATALOGUE.iter().map(|(name, _)| *name)
}

/// Lint and group names close to `name`, closest first, for "did you mean" hints.
pub fn suggest(name: &str) -> Vec<&'static str> {
    let candidates = lints()
        .iter()
        .map(|lint| lint.name)
        .chain(Group::ALL.iter().map(|group| group.as_str()))
        .chain(["all", "warnings"]);
    closest(name, candidates)
}

/// The candidates close to `name`, closest first, at most three.
pub fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut scored: Vec<(f64, &'a str)> = candidates
        .map(|candidate| (strsim::jaro_winkler(name, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.dedup_by_key(|(_, name)| *name);
    // Only the names about as close as the closest one.
    let best = scored.first().map_or(0.0, |(score, _)| *score);
    scored
        .into_iter()
        .filter(|(score, _)| best - score < 0.03)
        .map(|(_, name)| name)
        .take(3)
        .collect()
}
