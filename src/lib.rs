//! mtlint: a linter for machine-translation artifacts in English text.
//!
//! The library checks a text ([`Linter::check`]) and fixes it ([`fix::fix`]); the binary
//! adds files, configuration and output.

pub mod baseline;
pub mod config;
pub mod diagnostic;
pub mod engine;
pub mod fix;
pub mod formats;
pub mod jsonl;
pub mod lang;
pub mod language;
pub mod matcher;
pub mod passes;
pub mod pipeline;
pub mod prose;
pub mod registry;
pub mod render;
pub mod ruleset;
pub mod server;
pub mod source;
pub mod spec;
pub mod suppress;
pub mod walk;
pub mod write;

use std::sync::Arc;

use diagnostic::{Diagnostic, Level};
use formats::Format;
use language::{Languages, SourceLanguage};
use ruleset::Ruleset;
use source::Source;
use spec::Engine;

/// Whether an edit of `edit` changes bytes of `kept`: they overlap, or it inserts inside.
fn touches(kept: &std::ops::Range<usize>, edit: std::ops::Range<usize>) -> bool {
    if edit.is_empty() {
        kept.start < edit.start && edit.start < kept.end
    } else {
        edit.start < kept.end && kept.start < edit.end
    }
}

/// From this size on (bytes), the lints of one text run on several threads.
pub const PARALLEL_TEXT: usize = 256 << 10;

/// Runs the lints of a ruleset at their configured levels.
#[derive(Clone)]
pub struct Linter {
    ruleset: Arc<Ruleset>,
    /// The level of each lint, by its index in the ruleset.
    levels: Vec<Level>,
    source_language: SourceLanguage,
}

impl Default for Linter {
    fn default() -> Self {
        let ruleset = Ruleset::builtin();
        let levels = ruleset.lints().iter().map(|lint| lint.spec.level).collect();
        Linter::with_ruleset(ruleset, levels)
    }
}

impl Linter {
    /// The built-in lints at `levels`.
    pub fn new(levels: Vec<Level>) -> Self {
        Linter::with_ruleset(Ruleset::builtin(), levels)
    }

    pub fn with_ruleset(ruleset: Arc<Ruleset>, levels: Vec<Level>) -> Self {
        assert_eq!(levels.len(), ruleset.lints().len(), "one level per lint");
        Linter {
            ruleset,
            levels,
            source_language: SourceLanguage::Auto,
        }
    }

    /// Which source languages' data apply.
    pub fn with_source_language(mut self, source_language: SourceLanguage) -> Self {
        self.source_language = source_language;
        self
    }

    /// The same lints at other levels.
    pub fn with_levels(&self, levels: Vec<Level>) -> Self {
        assert_eq!(levels.len(), self.levels.len(), "one level per lint");
        Linter { levels, ..self.clone() }
    }

    /// Only the built-in lint `name`, at `level`.
    pub fn only(name: &str, level: Level) -> Option<Self> {
        let ruleset = Ruleset::builtin();
        let index = ruleset.index_of(name)?;
        let mut levels = vec![Level::Allow; ruleset.lints().len()];
        levels[index] = level;
        Some(Linter::with_ruleset(ruleset, levels))
    }

    pub fn ruleset(&self) -> &Arc<Ruleset> {
        &self.ruleset
    }

    pub fn levels(&self) -> &[Level] {
        &self.levels
    }

    /// The findings of every enabled lint on `source`, sorted by position then lint name.
    pub fn check(&self, source: &Source, format: Format) -> Vec<Diagnostic> {
        // A CR-only file (classic Mac OS) is linted with `\n` for its line breaks, which every
        // pass and parser knows: the offsets are the same, and a fix's line breaks become `\r`.
        let bytes = source.text().as_bytes();
        if memchr::memchr(b'\r', bytes).is_some() && memchr::memchr(b'\n', bytes).is_none() {
            let view = Source::new(source.path(), source.text().replace('\r', "\n"));
            let mut diagnostics = self.check(&view, format);
            for fix in diagnostics.iter_mut().filter_map(|d| d.fix.as_mut()) {
                fix.map_edits(|edit| edit.replacement = edit.replacement.replace('\n', "\r"));
            }
            return diagnostics;
        }
        let mut document = format.parse(source.text());
        let comments = std::mem::take(&mut document.comments);
        // Where `disable-next-line` reaches in a bilingual file: the next translation.
        let segments: Vec<_> = document.pairs.iter().map(|pair| pair.span.clone()).collect();
        let verbatim = std::mem::take(&mut document.verbatim);
        let guard = formats::FixGuard::new(format, &document);
        let keep_format = |view: &str, diagnostics: &mut Vec<Diagnostic>| {
            if let Some(guard) = &guard {
                guard.keep_valid(view, diagnostics);
            }
        };
        let mut diagnostics = match document.decoded.take() {
            // Markup with character references: lint the decoded view, report on the file.
            Some(mut decoded) => {
                let view = Source::new(source.path(), decoded.take_text());
                let mut diagnostics = self.run(&view, format, document);
                keep_format(view.text(), &mut diagnostics);
                diagnostics.iter_mut().for_each(|d| decoded.to_original(d));
                diagnostics
            }
            None => {
                let mut diagnostics = self.run(source, format, document);
                keep_format(source.text(), &mut diagnostics);
                diagnostics
            }
        };
        diagnostic::sort_by_place(&mut diagnostics);
        if self.ruleset.has_allowed() {
            let text = source.text();
            diagnostics.retain(|d| {
                self.ruleset
                    .index_of(d.lint)
                    .is_none_or(|index| !self.ruleset.is_allowed(index, text, d.span().range()))
            });
        }
        if format.has_comments() {
            let unused_level = self
                .ruleset
                .index_of("unused-suppression")
                .map_or(Level::Allow, |i| self.levels[i]);
            diagnostics = suppress::apply(source, &comments, &segments, &self.ruleset, diagnostics, unused_level);
        }
        if format == Format::Markdown {
            // Code is never edited, and a fix never changes the markup around it: such a finding
            // keeps its report but loses its fix.
            let text = source.text();
            for diagnostic in &mut diagnostics {
                let changes_markup = |fix: &diagnostic::Fix| {
                    let edits: Vec<_> = fix
                        .edits()
                        .iter()
                        .map(|e| (e.span.range(), e.replacement.as_str()))
                        .collect();
                    edits
                        .iter()
                        .any(|(edit, _)| verbatim.iter().any(|v| touches(v, edit.clone())))
                        || !formats::markdown_keeps_events(text, &edits)
                };
                if diagnostic
                    .fix
                    .as_ref()
                    .is_some_and(|f| !f.repairs_markup() && changes_markup(f))
                {
                    diagnostic.fix = None;
                }
            }
        }
        diagnostics
    }

    /// The findings on the prose of `document`, a parse of `source`, with their levels.
    fn run(&self, source: &Source, format: Format, document: formats::Document) -> Vec<Diagnostic> {
        let lints = self.ruleset.lints();
        let regions = document.regions;
        let languages = Languages::new(self.source_language, source.text(), &regions);
        let enabled: Vec<bool> = self.levels.iter().map(|&level| level != Level::Allow).collect();
        let scope = engine::Scope {
            source,
            format,
            regions: &regions,
            enabled: &enabled,
            languages: &languages,
        };
        // The units of work: each enabled pass, and the data engines' parts (the line classifier
        // reads what the phrase entries found, so it runs after them in its part). Each writes its own findings, which
        // are joined in this order whether the units ran one after another or side by side.
        let passes: Vec<(&'static registry::Lint, passes::Pass)> = lints
            .iter()
            .enumerate()
            .filter(|&(index, lint)| enabled[index] && lint.spec.engine == Engine::Pass)
            .map(|(_, &lint)| {
                let pass = passes::pass_for(lint.name).unwrap_or_else(|| panic!("lint `{}` has no pass", lint.name));
                (lint, pass)
            })
            .collect();
        let engines = self.ruleset.engines();
        let run_unit = |unit: usize, found: &mut Vec<Diagnostic>| match passes.get(unit) {
            Some(&(lint, pass)) => {
                let context = passes::Context {
                    source,
                    format,
                    regions: &regions,
                    pairs: &document.pairs,
                    code: &document.code,
                    lint,
                    languages: &languages,
                };
                pass(&context, found);
            }
            None => engines.check_unit(unit - passes.len(), &scope, found),
        };
        let units = passes.len() + engines.units();
        // A large text is worth the threads; a small one (a record, a short file) is not worth
        // handing out, and files are already linted side by side.
        let mut diagnostics: Vec<Diagnostic> = Vec::new();
        if source.text().len() >= PARALLEL_TEXT && rayon::current_num_threads() > 1 {
            use rayon::prelude::*;
            let found: Vec<Vec<Diagnostic>> = (0..units)
                .into_par_iter()
                .map(|unit| {
                    let mut found = Vec::new();
                    run_unit(unit, &mut found);
                    found
                })
                .collect();
            diagnostics.reserve_exact(found.iter().map(Vec::len).sum());
            found.into_iter().for_each(|mut unit| diagnostics.append(&mut unit));
        } else {
            // In order, into one list: no second copy of the findings.
            (0..units).for_each(|unit| run_unit(unit, &mut diagnostics));
        }
        for diagnostic in &mut diagnostics {
            let index = self.ruleset.index_of(diagnostic.lint).expect("a lint of the ruleset");
            diagnostic.level = if diagnostic.severe {
                Level::Deny
            } else if diagnostic.tentative {
                self.levels[index].min(Level::Warn)
            } else {
                self.levels[index]
            };
        }
        diagnostics
    }
}
