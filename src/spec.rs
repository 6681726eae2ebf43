//! The schema of a lint's TOML file (`lints/<name>.toml`), shared by built-in lints and, later,
//! by users' custom rules. Parse errors carry their line and column.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostic::{Applicability, Level};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    Typography,
    Chrome,
    Residue,
    Encoding,
    Prose,
    Markup,
    Pair,
}

impl Group {
    pub const ALL: [Group; 7] = [
        Group::Typography,
        Group::Chrome,
        Group::Residue,
        Group::Encoding,
        Group::Prose,
        Group::Markup,
        Group::Pair,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Group::Typography => "typography",
            Group::Chrome => "chrome",
            Group::Residue => "residue",
            Group::Encoding => "encoding",
            Group::Prose => "prose",
            Group::Markup => "markup",
            Group::Pair => "pair",
        }
    }
}

/// What runs a lint: its own pass in `src/passes/`, or a generic data engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Engine {
    Pass,
    /// Phrases that stand as a whole line or list item (see `src/engine/line_phrase.rs`).
    LinePhrase,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LintSpec {
    pub group: Group,
    pub level: Level,
    /// One line for `mtlint rules`.
    pub summary: String,
    /// The diagnostic's message; `{text}` and other `{fields}` are filled in.
    pub message: String,
    /// Other messages of a pass that reports several kinds of finding, by key.
    #[serde(default)]
    pub messages: BTreeMap<String, String>,
    /// The primary label's text, if any, with the same fields.
    #[serde(default)]
    pub label: Option<String>,
    pub help: Option<String>,
    /// The applicability of the lint's fixes; absent when it has none.
    #[serde(default)]
    pub fix: Option<Applicability>,
    pub engine: Engine,
    /// Long documentation for `mtlint explain`.
    pub explain: String,
    #[serde(default, rename = "example")]
    pub examples: Vec<Example>,
    /// Data of the phrase engines.
    #[serde(default, rename = "phrase")]
    pub phrases: Vec<Phrase>,
    /// Word lists a pass needs, by name.
    #[serde(default)]
    pub words: BTreeMap<String, Vec<String>>,
}

/// An example from the docs, run as a test: `bad` must be flagged (and become `fixed` when
/// fixed), `good` must stay silent.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub bad: Option<String>,
    pub fixed: Option<String>,
    pub good: Option<String>,
    /// `markdown` to read the example as Markdown; plain text otherwise.
    pub format: Option<String>,
}

/// An English phrase and the source-language text it translates.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phrase {
    pub en: String,
    pub fr: Option<String>,
    pub de: Option<String>,
    pub es: Option<String>,
    pub it: Option<String>,
    pub pt: Option<String>,
    /// What a native site would say instead, for the help text.
    pub means: Option<String>,
    /// Also flag the phrase when it opens a line with more after it.
    pub lead: Option<Lead>,
}

/// How a phrase may open a line that goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lead {
    /// As a label before a colon: `Read also: …`.
    Label,
    /// Before anything: the phrase is chrome wherever a line starts with it.
    Any,
}

impl Phrase {
    /// The source-language original and its language's name.
    pub fn source(&self) -> Option<(&'static str, &str)> {
        [
            ("French", &self.fr),
            ("German", &self.de),
            ("Spanish", &self.es),
            ("Italian", &self.it),
            ("Portuguese", &self.pt),
        ]
        .into_iter()
        .find_map(|(language, text)| text.as_deref().map(|text| (language, text)))
    }
}

impl LintSpec {
    pub fn parse(text: &str) -> Result<LintSpec, toml::de::Error> {
        toml::from_str(text)
    }

    /// The message for `key` (`""` is the main one), with `{field}`s filled in.
    pub fn message(&self, key: &str, fields: &[(&str, &str)]) -> String {
        let template = match key {
            "" => &self.message,
            key => self.messages.get(key).unwrap_or(&self.message),
        };
        fill(template, fields)
    }
}

/// Replaces each `{name}` in `template` with its value from `fields`; unknown names stay.
pub fn fill(template: &str, fields: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| {
            let name = &after[..close];
            fields
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (close, *value))
        }) {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_fields_only() {
        assert_eq!(
            fill("`{text}` in {lang} {x}", &[("text", "a"), ("lang", "fr")]),
            "`a` in fr {x}"
        );
    }

    #[test]
    fn unknown_key_is_an_error_with_its_line() {
        let err = LintSpec::parse("group = \"chrome\"\nlevl = \"deny\"\n").unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
    }
}
