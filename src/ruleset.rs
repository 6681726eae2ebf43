//! A ruleset: the built-in lints, plus a configuration's custom rules and extra phrases, with
//! the data engines compiled for them. The built-in one is built once per process.

use std::sync::{Arc, LazyLock};

use crate::engine::{DataEngines, DataEntry, Kind};
use crate::registry::{self, Lint};
use crate::spec::{Engine, Entry};

pub struct Ruleset {
    lints: Vec<&'static Lint>,
    engines: DataEngines,
    /// Per lint (by index), the phrases of the user's own text it leaves alone (`[<lint>] allow`).
    allowed: Vec<Vec<String>>,
}

static BUILTIN: LazyLock<Arc<Ruleset>> =
    LazyLock::new(|| Arc::new(Ruleset::new(Vec::new(), Vec::new()).expect("built-in data compiles")));

impl Ruleset {
    /// The built-in lints alone.
    pub fn builtin() -> Arc<Ruleset> {
        BUILTIN.clone()
    }

    /// The built-in lints, then `custom` ones, with `extra` entries for lints of either (by
    /// name). Lints and entries live as long as the process: a configuration is loaded once.
    pub fn new(custom: Vec<Lint>, extra: Vec<(String, Kind, Entry)>) -> Result<Ruleset, String> {
        let mut lints: Vec<&'static Lint> = registry::lints().iter().collect();
        let builtin = lints.len();
        lints.extend(custom.into_iter().map(|lint| &*Box::leak(Box::new(lint))));
        let mut entries = Vec::new();
        let mut models = Vec::new();
        for (index, &lint) in lints.iter().enumerate() {
            if lint.spec.engine != Engine::Data {
                continue;
            }
            let spec = &lint.spec;
            if let Some(model) = &spec.chrome {
                models.push((index, lint, model));
            }
            for (kind, list) in [
                (Kind::Line, &spec.line),
                (Kind::Text, &spec.text),
                (Kind::Regex, &spec.regex),
            ] {
                entries.extend(list.iter().map(|entry| {
                    (
                        kind,
                        DataEntry {
                            lint: index,
                            spec_lint: lint,
                            entry,
                            builtin: index < builtin,
                        },
                    )
                }));
            }
        }
        for (name, kind, entry) in extra {
            let index = lints
                .iter()
                .position(|l| l.name == name)
                .ok_or_else(|| format!("no lint named `{name}`"))?;
            let entry: &'static Entry = Box::leak(Box::new(entry));
            entries.push((
                kind,
                DataEntry {
                    lint: index,
                    spec_lint: lints[index],
                    entry,
                    builtin: false,
                },
            ));
        }
        let engines = DataEngines::new(lints.len(), entries, models)?;
        let allowed = vec![Vec::new(); lints.len()];
        Ok(Ruleset {
            lints,
            engines,
            allowed,
        })
    }

    /// The same ruleset, with `phrases` allowed for the lint named `name` (as Vale's vocabularies
    /// and typos' `extend-words`): a finding of that lint inside one of them is dropped.
    pub fn allow(&mut self, name: &str, phrases: Vec<String>) -> Result<(), String> {
        let index = self.index_of(name).ok_or_else(|| format!("no lint named `{name}`"))?;
        self.allowed[index].extend(phrases);
        Ok(())
    }

    /// The finding of the lint at `index` over `span` lies inside an allowed phrase of `text`.
    pub fn is_allowed(&self, index: usize, text: &str, span: std::ops::Range<usize>) -> bool {
        self.allowed[index].iter().any(|phrase| {
            // Occurrences of the phrase that could cover the span start at most `phrase.len()`
            // bytes before its end.
            let from = crate::source::floor_char_boundary(text, span.end.saturating_sub(phrase.len()));
            let to = crate::source::ceil_char_boundary(text, (span.start + phrase.len()).min(text.len()));
            text.get(from..to).is_some_and(|window| {
                window.match_indices(phrase.as_str()).any(|(at, _)| {
                    let start = from + at;
                    start <= span.start && span.end <= start + phrase.len()
                })
            })
        })
    }

    /// Some lint has an allow list.
    pub fn has_allowed(&self) -> bool {
        self.allowed.iter().any(|phrases| !phrases.is_empty())
    }

    pub fn lints(&self) -> &[&'static Lint] {
        &self.lints
    }

    pub fn index_of(&self, name: &str) -> Option<usize> {
        // Built-in names are static strings: compare addresses before contents.
        self.lints
            .iter()
            .position(|lint| std::ptr::eq(lint.name, name))
            .or_else(|| self.lints.iter().position(|lint| lint.name == name))
    }

    pub fn get(&self, name: &str) -> Option<&'static Lint> {
        self.index_of(name).map(|i| self.lints[i])
    }

    pub fn engines(&self) -> &DataEngines {
        &self.engines
    }
}
