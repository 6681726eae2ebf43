//! The lint catalogue: every `lints/<name>.toml`, compiled in through one explicit table.

use std::sync::LazyLock;

use crate::spec::{Group, LintSpec};

/// `(name, TOML)` for every lint, in the order `mtlint rules` lists them.
const CATALOGUE: &[(&str, &str)] = &[
    ("stray-guillemet", include_str!("../lints/stray-guillemet.toml")),
    ("source-punct", include_str!("../lints/source-punct.toml")),
    ("space-before-punct", include_str!("../lints/space-before-punct.toml")),
    ("mixed-quotes", include_str!("../lints/mixed-quotes.toml")),
    ("unbalanced-quote", include_str!("../lints/unbalanced-quote.toml")),
    ("ui-string", include_str!("../lints/ui-string.toml")),
    ("page-chrome", include_str!("../lints/page-chrome.toml")),
    ("untranslated", include_str!("../lints/untranslated.toml")),
    ("translated-name", include_str!("../lints/translated-name.toml")),
    ("calque", include_str!("../lints/calque.toml")),
    ("lowercase-name", include_str!("../lints/lowercase-name.toml")),
    (
        "source-number-format",
        include_str!("../lints/source-number-format.toml"),
    ),
    ("false-friend", include_str!("../lints/false-friend.toml")),
    ("mojibake", include_str!("../lints/mojibake.toml")),
    ("unicode-form", include_str!("../lints/unicode-form.toml")),
    ("invisible-char", include_str!("../lints/invisible-char.toml")),
    ("doubled-word", include_str!("../lints/doubled-word.toml")),
    ("glued-words", include_str!("../lints/glued-words.toml")),
    ("markdown-damage", include_str!("../lints/markdown-damage.toml")),
    (
        "untranslated-segment",
        include_str!("../lints/untranslated-segment.toml"),
    ),
    ("number-mismatch", include_str!("../lints/number-mismatch.toml")),
    (
        "placeholder-mismatch",
        include_str!("../lints/placeholder-mismatch.toml"),
    ),
    ("punct-mismatch", include_str!("../lints/punct-mismatch.toml")),
    ("unused-suppression", include_str!("../lints/unused-suppression.toml")),
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
            spec: LintSpec::parse(toml).unwrap_or_else(|err| panic!("lints/{name}.toml: {err}")),
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
