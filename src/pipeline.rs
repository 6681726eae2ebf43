//! One input through the whole pipeline, as the command runs it: read, decode, check the
//! format, configure, fix and write, lint, baseline, render ([`lint_file`]). The command adds
//! what is about the run: finding the inputs, the order of output, the summary, the exit code.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::baseline::{Baseline, BaselineFilter};
use crate::config::{Config, LevelSettings};
use crate::diagnostic::{Applicability, Level};
use crate::language::SourceLanguage;
use crate::render::emit::{Emitter, Piece, Sink};
use crate::render::{LintCounts, Summary};
use crate::source::Source;
use crate::walk::{self, Input, InputError};
use crate::{Linter, fix, render};

/// Set on Ctrl-C (or SIGTERM, SIGHUP): no new file is started; files being written finish whole
/// (each is replaced by a rename, or not at all).
pub static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// A configuration and the command line's levels checked against its lints.
pub struct Profile {
    pub config: Arc<Config>,
    pub cli_levels: LevelSettings,
}

impl Profile {
    /// The linter for `file` (or a nameless input): its levels and source language after the
    /// configuration's overrides and the command line.
    pub fn linter(&self, file: Option<&Path>, cli_language: Option<SourceLanguage>) -> Linter {
        let resolved = self.config.resolve(file, &self.cli_levels, cli_language);
        Linter::with_ruleset(self.config.ruleset.clone(), resolved.levels)
            .with_source_language(resolved.source_language)
    }
}

/// What the run asks of every file.
pub struct Settings {
    /// By the configuration's number in `Configs`.
    pub profiles: Vec<Profile>,
    pub cli_language: Option<SourceLanguage>,
    /// Fixes of at least this trust are applied (with --fix) or shown (with --diff).
    pub fix: Option<Applicability>,
    /// Write the fixes (--fix without --diff).
    pub write: bool,
    pub diff: bool,
    pub baseline: Option<Mutex<BaselineFilter>>,
    pub record: Option<Mutex<Baseline>>,
}

/// What one input gave: its report, rendered, and the counts.
#[derive(Default)]
pub struct FileOutcome {
    /// The input's name as reported.
    pub path: String,
    /// Standard input that could not be fixed, to write back unchanged.
    pub passthrough: Option<Vec<u8>>,
    pub error: Option<InputError>,
    /// The fixes could not be written: the findings on the file as it is are still reported.
    pub not_fixed: Option<InputError>,
    /// Not linted: binary, or not started after an interrupt.
    pub skipped: bool,
    /// Said under `-v`.
    pub note: Option<String>,
    /// With --diff: the changes the fixes would make.
    pub diff: Option<String>,
    /// Fixed standard input: the text that goes to standard output in place of a report.
    pub fixed_text: Option<String>,
    /// GitHub annotations, printed after the human report on GitHub Actions.
    pub annotations: Vec<Piece>,
    /// The findings counted (they are not kept: their report is written as it is made).
    pub summary: Summary,
    pub per_lint: LintCounts,
    pub fixed: usize,
    /// The fixes written, per lint, for --show-fixes.
    pub fixed_by_lint: BTreeMap<&'static str, usize>,
    pub changed: bool,
}

/// Lints (and with `settings.fix`, fixes) one input, its report rendered by `emitter` and handed
/// to `report` in pieces as it is made, its annotations by `annotations` kept in the outcome.
pub fn lint_file(
    input: &Input,
    profile: &Profile,
    settings: &Settings,
    emitter: &dyn Emitter,
    annotations: Option<&dyn Emitter>,
    report: &mut Sink,
) -> FileOutcome {
    let mut outcome = FileOutcome {
        path: input.display(),
        ..FileOutcome::default()
    };
    if INTERRUPTED.load(Ordering::SeqCst) {
        outcome.skipped = true;
        return outcome;
    }
    let bytes = match read_input(input) {
        Ok(bytes) => bytes,
        Err(error) => {
            outcome.error = Some(error);
            return outcome;
        }
    };
    // A binary file found while walking a folder is not text to lint.
    // (UTF-16 and UTF-32 have NUL bytes, but a byte-order mark: they are named, not skipped.)
    if input.walked() && walk::looks_binary(&bytes) && walk::other_unicode(&bytes).is_none() {
        outcome.note = Some(format!("{}: skipped, looks binary (a NUL byte)", input.display()));
        outcome.skipped = true;
        return outcome;
    }
    // A binary file named on the command line is linted, never fixed: a fix made for text
    // (dropping control characters) would destroy it.
    let binary = walk::looks_binary(&bytes);
    // Fixed standard input is a filter's output: input that cannot be read passes through.
    let passthrough = settings.write && matches!(input, Input::Stdin { .. });
    let raw = passthrough.then(|| bytes.clone());
    let text = match walk::decode(bytes) {
        Ok(text) => text,
        Err(message) => {
            outcome.error = Some(InputError {
                path: input.display(),
                message: if passthrough {
                    format!("{message}; written to standard output unchanged")
                } else {
                    message
                },
            });
            outcome.passthrough = raw;
            return outcome;
        }
    };
    let path = input.display();
    let format = input.format();
    // A file cut short or broken is an error at its place: nothing is linted or fixed in it.
    if let Some(broken) = crate::formats::malformed(format, &text) {
        let line = text[..broken.offset].matches('\n').count() + 1;
        outcome.error = Some(InputError {
            path: format!("{path}:{line}"),
            message: broken.message,
        });
        return outcome;
    }
    let file = match input {
        Input::File { path, .. } => Path::new(path.as_path()),
        Input::Stdin { name, .. } => Path::new(name.as_str()),
    };
    let mut linter = profile.linter(Some(file), settings.cli_language);
    // A `.pot` template is untranslated by design.
    let template = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("pot"));
    if let (true, Some(index)) = (template, linter.ruleset().index_of("untranslated-segment")) {
        let mut levels = linter.levels().to_vec();
        levels[index] = Level::Allow;
        linter = linter.with_levels(levels);
    }
    let mut text = text;
    if settings.fix.is_some() && binary {
        outcome.not_fixed = Some(InputError {
            path: path.clone(),
            message: "not fixed: it looks binary (a NUL byte in its first 8 KiB); mtlint fixes text files only"
                .to_owned(),
        });
    }
    if let (Some(min), false) = (settings.fix, binary) {
        let fixed = fix::fix(&linter, &path, text.clone(), format, min);
        if !fixed.unconverged.is_empty() {
            eprintln!(
                "warning: {path}: fixes did not settle after 10 rounds for {}; this is a bug in mtlint",
                fixed.unconverged.join(", ")
            );
        }
        if fixed.text != text {
            outcome.changed = true;
            if settings.diff {
                outcome.diff = Some(unified_diff(&path, &text, &fixed.text));
                return outcome;
            }
            if settings.write {
                // The text is the file's bytes, as read: valid UTF-8 is kept as it is.
                let written = match input {
                    Input::File { path, .. } => crate::write::write_fixed(path, text.as_bytes(), &fixed.text),
                    Input::Stdin { .. } => Ok(()),
                };
                match written {
                    Err(error) => outcome.not_fixed = Some(error),
                    Ok(()) => {
                        outcome.fixed = fixed.applied;
                        outcome.fixed_by_lint = fixed.by_lint;
                        text = fixed.text;
                    }
                }
            }
        } else if settings.diff {
            return outcome;
        }
    }
    let source = Source::new(path, text);
    let mut diagnostics = linter.check(&source, format);
    if let Some(record) = &settings.record {
        record.lock().expect("no thread panicked").record(&source, &diagnostics);
    }
    if let Some(baseline) = &settings.baseline {
        baseline
            .lock()
            .expect("no thread panicked")
            .retain_new(&source, &mut diagnostics);
    }
    outcome.summary.add_file(&diagnostics);
    outcome.per_lint.add_file(&diagnostics);
    if let Some(annotator) = annotations {
        annotator.file(&source, &diagnostics, None, &mut |piece| {
            outcome.annotations.push(piece)
        });
    }
    // Fixed standard input goes to standard output in place of the report, as ruff does.
    if settings.write && matches!(input, Input::Stdin { .. }) {
        outcome.fixed_text = Some(source.into_text());
    } else if settings.record.is_none() {
        emitter.file(&source, &diagnostics, None, report);
    }
    outcome
}

fn read_input(input: &Input) -> Result<Vec<u8>, InputError> {
    match input {
        Input::File { path, .. } => walk::read_bytes(path),
        Input::Stdin { name, .. } => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).map_err(|err| InputError {
                path: name.clone(),
                message: err.to_string(),
            })?;
            Ok(bytes)
        }
    }
}

/// The diff `--diff` prints, control characters made visible (it is for a terminal).
fn unified_diff(path: &str, old: &str, new: &str) -> String {
    let path = render::visible(path);
    let diff = similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string();
    render::visible_keeping(&diff, &['\t', '\n']).into_owned()
}
