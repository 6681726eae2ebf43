//! A ruleset: the built-in lints, plus a configuration's custom rules and extra phrases, with
//! the data engines compiled for them. The built-in one is built once per process.

use std::sync::{Arc, LazyLock};

use crate::engine::{DataEngines, DataEntry, Kind};
use crate::registry::{self, Lint};
use crate::spec::{Engine, Entry};

pub struct Ruleset {
    lints: Vec<&'static Lint>,
    engines: DataEngines,
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
                },
            ));
        }
        let engines = DataEngines::new(lints.len(), entries, models)?;
        Ok(Ruleset { lints, engines })
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
