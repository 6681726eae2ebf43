//! Code lints: one file per lint that needs logic (`engine = "pass"` in its TOML).

mod doubled_word;
mod glued_words;
mod invisible_char;
mod lowercase_name;
mod markdown_damage;
mod mixed_quotes;
mod mojibake;
mod number_mismatch;
mod placeholder_mismatch;
mod punct_mismatch;
mod source_number_format;
mod source_punct;
mod space_before_punct;
mod stray_guillemet;
mod unbalanced_quote;
mod unicode_form;
mod untranslated;
mod untranslated_segment;

use crate::diagnostic::{Diagnostic, Span};
use crate::formats::{Format, Pair, Region};
use crate::language::Languages;
use crate::registry::Lint;
use crate::source::Source;

/// What a pass sees: one source, its prose regions, and its own lint's catalogue entry.
pub struct Context<'a> {
    pub source: &'a Source,
    pub format: Format,
    pub regions: &'a [Region],
    /// Source and target texts of a bilingual file (PO, XLIFF); empty otherwise.
    pub pairs: &'a [Pair],
    /// Code blocks and inline code of a Markdown file, sorted.
    pub code: &'a [std::ops::Range<usize>],
    pub lint: &'static Lint,
    pub languages: &'a Languages<'a>,
}

impl<'a> Context<'a> {
    pub fn text(&self) -> &str {
        self.source.text()
    }

    /// The lint's `[data]`, in the shape the pass defines. Built-in data is checked by the
    /// catalogue tests, so a mismatch is a bug.
    pub fn data<T: serde::de::DeserializeOwned>(lint: &Lint) -> T {
        lint.spec
            .data()
            .clone()
            .try_into()
            .unwrap_or_else(|err| panic!("lints/{}.toml [data]: {err}", lint.name))
    }

    /// A diagnostic of kind `key` from the lint's TOML: `messages.<key>` (the main message
    /// for `""`), with its `<key>-label` and `<key>-help` if given, else the lint's own.
    pub fn report(&self, key: &str, span: impl Into<Span>, fields: &[(&str, &str)]) -> Diagnostic {
        let spec: &'static crate::spec::LintSpec = &self.lint.spec;
        let variant = |suffix: &str, fallback: &'static Option<String>| -> Option<std::borrow::Cow<'static, str>> {
            let own = if key.is_empty() {
                None
            } else {
                spec.messages.get(&format!("{key}-{suffix}"))
            };
            own.or(fallback.as_ref())
                .map(|template| crate::spec::fill_static(template, fields))
        };
        let mut diagnostic = Diagnostic::new(self.lint.name, span, spec.message(key, fields));
        diagnostic.primary.message = variant("label", &spec.label);
        diagnostic.help = variant("help", &spec.help);
        diagnostic
    }

    /// The bilingual pairs whose target is not empty (an empty one is `untranslated-segment`'s).
    pub fn translated_pairs(&self) -> impl Iterator<Item = &'a Pair> {
        self.pairs.iter().filter(|pair| !pair.target.trim().is_empty())
    }

    /// `messages.<key>` of the lint's TOML with `{field}`s filled in: the text of a secondary
    /// label. A missing key is a bug in the built-in catalogue, caught by the UI tests.
    pub fn message(&self, key: &str, fields: &[(&str, &str)]) -> String {
        let template = self
            .lint
            .spec
            .messages
            .get(key)
            .unwrap_or_else(|| panic!("lints/{}.toml has no `messages.{key}`", self.lint.name));
        crate::spec::fill(template, fields)
    }
}

pub type Pass = fn(&Context, &mut Vec<Diagnostic>);

/// A text with its placeholders (`%1$s`, `{0}`, `<b>`) blanked, for the checks that compare
/// what placeholders stand beside: `%2$d` holds no number.
pub fn without_placeholders(text: &str) -> std::borrow::Cow<'_, str> {
    placeholder_mismatch::PLACEHOLDER.replace_all(text, " ")
}

/// Items in backticks, joined by `separator`, or `none`: for messages that list what differs.
pub fn quoted_list(items: &[String], separator: &str) -> String {
    if items.is_empty() {
        return "none".to_owned();
    }
    items
        .iter()
        .map(|item| format!("`{item}`"))
        .collect::<Vec<_>>()
        .join(separator)
}

/// `(name, pass)` for every lint with code.
macro_rules! pass_table {
    ($($name:literal $(=> $pass:ident)?,)*) => {
        &[$($(($name, $pass::check as Pass),)?)*]
    };
}

/// Every code lint and its pass, from the catalogue.
pub const PASSES: &[(&str, Pass)] = crate::registry::catalogue!(pass_table);

pub fn pass_for(name: &str) -> Option<Pass> {
    PASSES.iter().find(|(pass, _)| *pass == name).map(|(_, pass)| *pass)
}
