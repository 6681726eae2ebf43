//! The lint catalogue: every `lints/<name>.toml`, compiled in through one explicit table.

use std::sync::LazyLock;

use crate::spec::{Group, LintSpec};

/// `(name, TOML)` for every lint, the name written once.
macro_rules! catalogue {
    ($($name:literal,)*) => {
        &[$(($name, include_str!(concat!("../lints/", $name, ".toml")))),*]
    };
}

/// `(name, TOML)` for every lint, in the order `mtlint rules` lists them.
const CATALOGUE: &[(&str, &str)] = catalogue![
    "stray-guillemet",
    "source-punct",
    "space-before-punct",
    "mixed-quotes",
    "unbalanced-quote",
    "ui-string",
    "page-chrome",
    "untranslated",
    "translated-name",
    "calque",
    "lowercase-name",
    "source-number-format",
    "false-friend",
    "mojibake",
    "unicode-form",
    "invisible-char",
    "doubled-word",
    "glued-words",
    "markdown-damage",
    "untranslated-segment",
    "number-mismatch",
    "placeholder-mismatch",
    "punct-mismatch",
    "unused-suppression",
];

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
