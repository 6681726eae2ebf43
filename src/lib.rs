//! mtlint: a linter for machine-translation artifacts in English text.
//!
//! The library checks a text ([`Linter::check`]) and fixes it ([`fix::fix`]); the binary
//! adds files, configuration and output.

pub mod config;
pub mod diagnostic;
pub mod engine;
pub mod fix;
pub mod formats;
pub mod passes;
pub mod prose;
pub mod registry;
pub mod render;
pub mod source;
pub mod spec;
pub mod walk;

use std::sync::LazyLock;

use diagnostic::{Diagnostic, Level};
use engine::line_phrase::LinePhraseEngine;
use formats::Format;
use source::Source;
use spec::Engine;

static LINE_PHRASES: LazyLock<LinePhraseEngine> = LazyLock::new(|| LinePhraseEngine::new(registry::lints()));

/// Runs the lints at their configured levels.
#[derive(Debug, Clone)]
pub struct Linter {
    /// The level of each lint, by its index in [`registry::lints`].
    levels: Vec<Level>,
}

impl Default for Linter {
    fn default() -> Self {
        Linter::new(registry::lints().iter().map(|lint| lint.spec.level).collect())
    }
}

impl Linter {
    pub fn new(levels: Vec<Level>) -> Self {
        assert_eq!(levels.len(), registry::lints().len(), "one level per lint");
        Linter { levels }
    }

    /// Only lint `name`, at `level`.
    pub fn only(name: &str, level: Level) -> Option<Self> {
        let index = registry::index_of(name)?;
        let mut levels = vec![Level::Allow; registry::lints().len()];
        levels[index] = level;
        Some(Linter::new(levels))
    }

    pub fn levels(&self) -> &[Level] {
        &self.levels
    }

    /// The findings of every enabled lint on `source`, sorted by position then lint name.
    pub fn check(&self, source: &Source, format: Format) -> Vec<Diagnostic> {
        let lints = registry::lints();
        let regions = format.regions(source.text());
        let mut diagnostics = Vec::new();
        let enabled: Vec<bool> = self.levels.iter().map(|&level| level != Level::Allow).collect();
        let mut phrases_run = false;
        for (index, lint) in lints.iter().enumerate() {
            if !enabled[index] {
                continue;
            }
            match lint.spec.engine {
                Engine::Pass => {
                    let pass =
                        passes::pass_for(lint.name).unwrap_or_else(|| panic!("lint `{}` has no pass", lint.name));
                    pass(
                        &passes::Context {
                            source,
                            regions: &regions,
                            lint,
                        },
                        &mut diagnostics,
                    );
                }
                Engine::LinePhrase if !phrases_run => {
                    phrases_run = true;
                    LINE_PHRASES.check(lints, &enabled, source, &regions, &mut diagnostics);
                }
                Engine::LinePhrase => {}
            }
        }
        for diagnostic in &mut diagnostics {
            let index = registry::index_of(diagnostic.lint).expect("registered lint");
            diagnostic.level = self.levels[index];
        }
        diagnostics.sort_by(|a, b| (a.span(), a.lint).cmp(&(b.span(), b.lint)));
        diagnostics
    }
}
