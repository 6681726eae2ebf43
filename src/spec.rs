//! The schema of a lint's TOML file (`lints/<name>.toml`), shared by built-in lints and, later,
//! by users' custom rules. Parse errors carry their line and column.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::diagnostic::{Applicability, Level};
use crate::lang::Lang;

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
    /// A user's rule from `mtlint.toml`.
    Custom,
}

impl Group {
    pub const ALL: [Group; 8] = [
        Group::Typography,
        Group::Chrome,
        Group::Residue,
        Group::Encoding,
        Group::Prose,
        Group::Markup,
        Group::Pair,
        Group::Custom,
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
            Group::Custom => "custom",
        }
    }

    /// What the group's lints have in common, for `mtlint explain GROUP`.
    pub fn summary(self) -> &'static str {
        match self {
            Group::Typography => {
                "Punctuation, spacing and quotation marks set by the source language's rules, not English ones."
            }
            Group::Chrome => {
                "Page furniture scraped with the text: buttons, share and subscription widgets, bylines, navigation."
            }
            Group::Residue => {
                "The source language showing through: words, names, number formats and calques it left behind."
            }
            Group::Encoding => "Characters damaged on the way: mojibake, invisible characters, unnormalised text.",
            Group::Prose => "Slips in the English itself: a word written twice, words glued together.",
            Group::Markup => {
                "Markup the translation damaged, and suppression comments that no longer suppress anything."
            }
            Group::Pair => {
                "A translation checked against its source (PO, XLIFF): placeholders, numbers, punctuation, untranslated text."
            }
            Group::Custom => "Your own rules, from `[[rules]]` in `mtlint.toml`.",
        }
    }

    pub fn from_name(name: &str) -> Option<Group> {
        Group::ALL.into_iter().find(|group| group.as_str() == name)
    }
}

/// What runs a lint: its own pass in `src/passes/`, or the generic data engines on its
/// `line`, `text` and `regex` entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Engine {
    Pass,
    Data,
    /// Reported by mtlint's core itself (suppressions), not by a pass or an engine.
    Core,
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
    /// Read through [`LintSpec::examples`]: a built-in lint's are deferred.
    #[serde(default, rename = "example")]
    pub(crate) examples: Vec<Example>,
    /// Phrases that stand as a line or list item of their own (`src/engine/line.rs`).
    #[serde(default)]
    pub line: Vec<Entry>,
    /// Phrases found anywhere in the prose (`src/engine/text.rs`).
    #[serde(default)]
    pub text: Vec<Entry>,
    /// Regular expressions found anywhere in the prose (`src/engine/pattern.rs`).
    #[serde(default)]
    pub regex: Vec<Entry>,
    /// A line classifier for this lint (`src/engine/chrome.rs`).
    #[serde(default)]
    pub chrome: Option<ChromeModel>,
    /// `text` entries match ASCII case exactly unless they say `exact = false` (names), or
    /// ignore it unless they say `exact = true` (phrases).
    #[serde(default)]
    pub exact_case: bool,
    /// A pass's own data, in the shape it defines.
    /// Read through [`LintSpec::data`]: a built-in lint's is deferred.
    #[serde(default)]
    pub(crate) data: toml::Table,
    /// For a built-in lint: its `[[example]]` and `[data]` sections, parsed on first use (a
    /// third of the catalogue's text, which a run that does not need them should not parse).
    #[serde(skip)]
    pub(crate) deferred: Option<Deferred>,
}

/// The sections of a lint's TOML that are parsed on first use.
#[derive(Debug, Clone)]
pub struct Deferred {
    text: &'static str,
    parsed: OnceLock<Sections>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sections {
    #[serde(default, rename = "example")]
    examples: Vec<Example>,
    #[serde(default)]
    data: toml::Table,
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

/// One data entry: what to find in the English text, the source-language original it comes
/// from (exactly one of `fr`, `de`, `es`, `it`, `pt`), and what to write instead.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The English text as machine translation writes it (`line` and `text` entries). In
    /// `text` entries, `{a|b}` gives alternatives, `[…]` marks the part to flag and a final `$`
    /// asks for the end of a line after it; in `line` entries, `#` stands for any number.
    pub en: Option<String>,
    /// A regular expression (`regex` entries); its first group, if any, is the part to flag.
    pub pattern: Option<String>,
    pub fr: Option<String>,
    pub de: Option<String>,
    pub es: Option<String>,
    pub it: Option<String>,
    pub pt: Option<String>,
    /// What the source means, in plain English, for the label and help.
    pub means: Option<String>,
    /// What to do, when no phrase can stand in for the text (`put LIVE: at the start of the
    /// headline`): shown as it is, never as a replacement.
    #[serde(default)]
    pub note: Option<String>,
    /// The replacement the fix writes (`text` and `regex` entries).
    pub fix: Option<String>,
    /// Also flag a `line` phrase when it opens a line with more after it.
    pub lead: Option<Lead>,
    /// Overrides the lint's `exact-case` for this entry.
    pub exact: Option<bool>,
    /// The English can be right whatever the source: apply only when the source language is
    /// set, or detected from the document.
    #[serde(default)]
    pub ambiguous: bool,
}

/// A lint's line-classifier weights (`src/engine/chrome.rs`): a standalone line is this lint's
/// when the weights of its shape features and vocabulary families add up to `threshold`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ChromeModel {
    pub threshold: f32,
    /// Weight per shape feature, by the names in `chrome::FEATURES`.
    #[serde(default)]
    pub shape: BTreeMap<String, f32>,
    /// Above zero: this lint reports kickers (a rubric glued to a paragraph's start).
    #[serde(default)]
    pub kicker: f32,
    #[serde(default, rename = "family")]
    pub families: Vec<Family>,
}

/// Words of one kind of page furniture (paywall, share, byline…) and what holding one weighs.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Family {
    pub name: String,
    pub weight: f32,
    /// The cue also marks a kicker when it opens a paragraph (`breaking news “…”`).
    #[serde(default)]
    pub lead: bool,
    pub cues: Vec<String>,
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

impl Entry {
    /// The source language and original.
    pub fn source(&self) -> Option<(Lang, &str)> {
        [
            (Lang::Fr, &self.fr),
            (Lang::De, &self.de),
            (Lang::Es, &self.es),
            (Lang::It, &self.it),
            (Lang::Pt, &self.pt),
        ]
        .into_iter()
        .find_map(|(lang, text)| text.as_deref().map(|text| (lang, text)))
    }

    /// How many source-language keys the entry has: exactly one is valid.
    pub fn source_count(&self) -> usize {
        [&self.fr, &self.de, &self.es, &self.it, &self.pt]
            .iter()
            .filter(|t| t.is_some())
            .count()
    }
}

impl LintSpec {
    pub fn parse(text: &str) -> Result<LintSpec, toml::de::Error> {
        toml::from_str(text)
    }

    /// Parses the head of a built-in lint's TOML now, and its `[[example]]` and `[data]`
    /// sections (which must come last) when first asked for.
    pub fn parse_deferred(text: &'static str) -> Result<LintSpec, toml::de::Error> {
        let split = text
            .match_indices('\n')
            .map(|(i, _)| i + 1)
            .find(|&i| text[i..].starts_with("[[example]]") || text[i..].starts_with("[data"))
            .unwrap_or(text.len());
        let mut spec = LintSpec::parse(&text[..split])?;
        spec.deferred = Some(Deferred {
            text: &text[split..],
            parsed: OnceLock::new(),
        });
        Ok(spec)
    }

    fn sections(&self) -> Option<&Sections> {
        self.deferred.as_ref().map(|deferred| {
            deferred.parsed.get_or_init(|| {
                toml::from_str(deferred.text).unwrap_or_else(|err| panic!("a built-in lint's examples or data: {err}"))
            })
        })
    }

    /// The examples from the docs.
    pub fn examples(&self) -> &[Example] {
        self.sections().map_or(&self.examples, |sections| &sections.examples)
    }

    /// A pass's own data.
    pub fn data(&self) -> &toml::Table {
        self.sections().map_or(&self.data, |sections| &sections.data)
    }

    /// Every data entry with its kind, for counts and checks.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.line.iter().chain(&self.text).chain(&self.regex)
    }

    /// The message for `key` (`""` is the main one), with `{field}`s filled in. A key the lint's
    /// TOML does not have is a bug in its pass, so it fails loudly (and in the UI tests) instead
    /// of printing the main message for another finding.
    pub fn message(&self, key: &str, fields: &[(&str, &str)]) -> String {
        let template = match key {
            "" => &self.message,
            key => self
                .messages
                .get(key)
                .unwrap_or_else(|| panic!("the lint \"{}\" has no `messages.{key}` in its TOML", self.summary)),
        };
        fill(template, fields)
    }
}

/// [`fill`] for a template that lives as long as the process (a lint's TOML): borrowed when it
/// has no field, so most labels and helps of a million findings allocate nothing.
pub fn fill_static(template: &'static str, fields: &[(&str, &str)]) -> std::borrow::Cow<'static, str> {
    if template.contains('{') {
        std::borrow::Cow::Owned(fill(template, fields))
    } else {
        std::borrow::Cow::Borrowed(template)
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
