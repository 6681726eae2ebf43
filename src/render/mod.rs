//! Renderers: diagnostics to text. They know no pass.

pub mod emit;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod sarif;
pub mod short;
mod shown;

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::diagnostic::{Applicability, Diagnostic, Level};
use crate::lang::Lang;
use crate::registry::Lint;
use crate::spec::Group;

/// Text from a file or a configuration as a terminal or a CI log may show it: control
/// characters (C0 but tab, DEL, C1) and bidi controls written as `<U+001B>`, so none can move the
/// cursor, set a title, start a workflow command or reorder what is shown. JSON and SARIF carry
/// the text exactly.
pub fn visible(text: &str) -> Cow<'_, str> {
    visible_keeping(text, &['\t'])
}

/// A control character or a bidi control: it acts on the display instead of being shown.
pub fn controls_display(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `visible`, keeping the characters of `keep` (a diff keeps its line breaks).
pub fn visible_keeping<'a>(text: &'a str, keep: &[char]) -> Cow<'a, str> {
    let hidden = |c: char| !keep.contains(&c) && controls_display(c);
    // Most text is printable ASCII: nothing to look at char by char.
    let printable = |b: &u8| (0x20..0x7f).contains(b) || (*b == b'\t' && keep.contains(&'\t'));
    if text.as_bytes().iter().all(printable) || !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if hidden(c) {
                    format!("<U+{:04X}>", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    #[default]
    Human,
    Short,
    Json,
    Jsonl,
    Sarif,
    Github,
    Html,
}

impl OutputFormat {
    /// The names `--format` takes, in the order help lists them.
    pub const NAMES: [&'static str; 7] = ["human", "short", "json", "jsonl", "sarif", "github", "html"];

    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "human" => OutputFormat::Human,
            "short" => OutputFormat::Short,
            "json" => OutputFormat::Json,
            "jsonl" => OutputFormat::Jsonl,
            "sarif" => OutputFormat::Sarif,
            "github" => OutputFormat::Github,
            "html" => OutputFormat::Html,
            _ => return None,
        })
    }
}

/// Per lint: its findings, their highest level, whether one has a fix (`--statistics`, the HTML
/// report's table).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LintCounts(pub BTreeMap<&'static str, (usize, Level, bool)>);

impl LintCounts {
    pub fn add_file(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            self.add(d.lint, 1, d.level, d.fix.is_some());
        }
    }

    /// Adds the counts of other files.
    pub fn merge(&mut self, other: &LintCounts) {
        for (&lint, &(count, level, fixable)) in &other.0 {
            self.add(lint, count, level, fixable);
        }
    }

    fn add(&mut self, lint: &'static str, count: usize, level: Level, fixable: bool) {
        let entry = self.0.entry(lint).or_insert((0, level, false));
        entry.0 += count;
        entry.1 = entry.1.max(level);
        entry.2 |= fixable;
    }
}

/// Counts for the closing line of a human report.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub files_with_findings: usize,
    pub files: usize,
    pub safe_fixes: usize,
    pub unsafe_fixes: usize,
    pub fixed: usize,
    /// Files whose fixes could not be written.
    pub not_fixed: usize,
    /// Inputs that could not be read or parsed (each reported as an error).
    pub not_linted: usize,
}

impl Summary {
    /// Adds the counts of another run (of other files).
    pub fn merge(&mut self, other: &Summary) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.files_with_findings += other.files_with_findings;
        self.files += other.files;
        self.safe_fixes += other.safe_fixes;
        self.unsafe_fixes += other.unsafe_fixes;
        self.fixed += other.fixed;
        self.not_fixed += other.not_fixed;
        self.not_linted += other.not_linted;
    }

    pub fn add_file(&mut self, diagnostics: &[Diagnostic]) {
        self.files += 1;
        self.files_with_findings += usize::from(!diagnostics.is_empty());
        for diagnostic in diagnostics {
            match diagnostic.level {
                Level::Deny => self.errors += 1,
                Level::Warn => self.warnings += 1,
                Level::Allow => {}
            }
            match diagnostic.fix.as_ref().map(|fix| fix.applicability()) {
                Some(Applicability::Safe) => self.safe_fixes += 1,
                Some(Applicability::Unsafe) => self.unsafe_fixes += 1,
                None => {}
            }
        }
    }

    /// `mtlint: 3 errors, 12 warnings in 2 files; 9 fixable with --fix`
    pub fn line(&self, unsafe_fixes: bool) -> String {
        let mut line = self.counts(unsafe_fixes);
        if self.not_fixed > 0 {
            line.push_str(&format!(
                "; {} not fixed: could not be written",
                plural(self.not_fixed, "file")
            ));
        }
        if self.not_linted > 0 {
            line.push_str(&format!(
                "; {} not linted: see the errors",
                plural(self.not_linted, "file")
            ));
        }
        line
    }

    fn counts(&self, unsafe_fixes: bool) -> String {
        let mut line = String::from("mtlint: ");
        if self.fixed > 0 {
            line.push_str(&format!("fixed {}; ", plural(self.fixed, "problem")));
        }
        if self.errors + self.warnings == 0 {
            let left = if self.fixed > 0 { " left" } else { "" };
            line.push_str(&format!("no problems{left} in {}", plural(self.files, "file")));
            return line;
        }
        line.push_str(&format!(
            "{}, {} in {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.files_with_findings, "file")
        ));
        let (safe, all) = (self.safe_fixes, self.safe_fixes + self.unsafe_fixes);
        if safe > 0 && !unsafe_fixes {
            line.push_str(&format!("; {safe} fixable with --fix"));
            if all > safe {
                line.push_str(&format!(" ({} more with --unsafe-fixes)", all - safe));
            }
        } else if all > 0 {
            line.push_str(&format!("; {all} fixable with --fix --unsafe-fixes"));
        }
        line
    }
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// The table of `mtlint rules`: name, default level, fix, group and summary of each lint.
pub fn rules(lints: &[&Lint]) -> String {
    let width = lints.iter().map(|lint| lint.name.len()).max().unwrap_or(0);
    let mut out = format!(
        "{:width$}  {:5}  {:6}  {:10}  summary\n",
        "name", "level", "fix", "group"
    );
    for lint in lints {
        let fix = lint.spec.fix.map_or("-", Applicability::as_str);
        let (level, group) = (lint.spec.level.as_str(), lint.spec.group.as_str());
        out.push_str(&format!(
            "{:width$}  {level:5}  {fix:6}  {group:10}  {}\n",
            lint.name, lint.spec.summary
        ));
    }
    out
}

/// The text of `mtlint explain GROUP`: what the group covers, the table of its lints, then each
/// lint explained.
pub fn explain_group(group: Group, lints: &[&Lint]) -> String {
    let mut out = format!(
        "{} (group, {})\n\n{}\n",
        group.as_str(),
        plural(lints.len(), "lint"),
        group.summary()
    );
    if lints.is_empty() {
        return out;
    }
    out.push('\n');
    out.push_str(&rules(lints));
    for lint in lints {
        out.push_str("\n---\n\n");
        out.push_str(&explain(lint));
    }
    out
}

/// The text of `mtlint explain NAME`: the lint's header, its documentation and its examples.
pub fn explain(lint: &Lint) -> String {
    let spec = &lint.spec;
    let fix = match spec.fix {
        Some(applicability) => format!("{} fix", applicability.as_str()),
        None => "no fix".to_owned(),
    };
    let mut out = format!(
        "{} ({}, {} by default, {})\n\n{}\n",
        lint.name,
        spec.group.as_str(),
        spec.level.as_str(),
        fix,
        spec.summary
    );
    let counts = data_per_language(spec);
    if !counts.is_empty() {
        let counts: Vec<String> = counts.iter().map(|(lang, n)| format!("{} {n}", lang.name())).collect();
        out.push_str(&format!("Data entries per source language: {}.\n", counts.join(", ")));
    }
    out.push('\n');
    out.push_str(spec.explain.trim_end());
    out.push('\n');
    let mut examples = String::new();
    for example in spec.examples() {
        for (label, text) in [
            ("bad:  ", &example.bad),
            ("fixed:", &example.fixed),
            ("good: ", &example.good),
        ] {
            if let Some(text) = text {
                examples.push_str(&format!("    {label} {}\n", text.replace('\n', "\n           ")));
            }
        }
    }
    if !examples.is_empty() {
        out.push_str("\n## Examples\n\n");
        out.push_str(&examples);
    }
    out
}

/// A configuration error, rustc-style: the message, the place in the file, the help.
pub fn config_error(renderer: &annotate_snippets::Renderer, error: &crate::config::ConfigError) -> String {
    let each: Vec<String> = error.each().map(|e| one_config_error(renderer, e)).collect();
    let mut out = each.join("\n\n");
    if each.len() > 1 {
        out.push_str(&format!("\n\nerror: the configuration has {} errors\n", each.len()));
    }
    out
}

fn one_config_error(renderer: &annotate_snippets::Renderer, error: &crate::config::ConfigError) -> String {
    use annotate_snippets::{AnnotationKind, Group, Level as SnippetLevel, Snippet};
    let Some(crate::config::Place {
        span,
        label,
        file: Some((path, text)),
    }) = error.place.as_deref()
    else {
        // Nothing to show: one line, and the help under it.
        return match &error.help {
            Some(help) => format!("error: {}\n  = help: {help}", error.message),
            None => format!("error: {}", error.message),
        };
    };
    let mut group = Group::with_title(SnippetLevel::ERROR.primary_title(&error.message));
    {
        let source = crate::source::Source::new(path.display().to_string(), text.clone());
        let span = span.start.min(text.len())..span.end.min(text.len());
        let lines = source.lines_covering(span.clone());
        let line = source.line_col(lines.start).0;
        let relative = span.start - lines.start..span.end.max(span.start).min(lines.end.max(span.start)) - lines.start;
        let snippet = Snippet::source(&text[lines.clone()])
            .line_start(line)
            .path(path.display().to_string())
            .annotation(AnnotationKind::Primary.span(relative).label(label.as_str()));
        group = group.element(snippet);
    }
    if let Some(help) = &error.help {
        group = group.element(SnippetLevel::HELP.message(help));
    }
    renderer.render(&[group])
}

/// Entries per source language: the data engines' entries, and in a pass's `[data]`, the
/// tables keyed by a language code (word lists, which help detection, are not entries).
fn data_per_language(spec: &crate::spec::LintSpec) -> Vec<(Lang, usize)> {
    fn count(value: &toml::Value, lang: Lang, depth: usize) -> usize {
        match value {
            toml::Value::Table(table) if depth < 3 => table
                .iter()
                .map(|(key, value)| match value {
                    toml::Value::Table(t) if key == lang.code() => t.len(),
                    value => count(value, lang, depth + 1),
                })
                .sum(),
            _ => 0,
        }
    }
    let data = toml::Value::Table(spec.data().clone());
    Lang::ALL
        .into_iter()
        .map(|lang| {
            let entries = spec
                .entries()
                .filter(|e| e.source().is_some_and(|(l, _)| l == lang))
                .count();
            (lang, entries + count(&data, lang, 0))
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_line_counts_and_hints() {
        let mut summary = Summary {
            errors: 3,
            warnings: 12,
            files_with_findings: 2,
            files: 5,
            safe_fixes: 9,
            unsafe_fixes: 4,
            fixed: 0,
            not_fixed: 0,
            not_linted: 0,
        };
        assert_eq!(
            summary.line(false),
            "mtlint: 3 errors, 12 warnings in 2 files; 9 fixable with --fix (4 more with --unsafe-fixes)"
        );
        assert_eq!(
            summary.line(true),
            "mtlint: 3 errors, 12 warnings in 2 files; 13 fixable with --fix --unsafe-fixes"
        );
        summary.safe_fixes = 0;
        assert_eq!(
            summary.line(false),
            "mtlint: 3 errors, 12 warnings in 2 files; 4 fixable with --fix --unsafe-fixes"
        );
        let clean = Summary {
            files: 1,
            fixed: 2,
            ..Summary::default()
        };
        assert_eq!(
            clean.line(false),
            "mtlint: fixed 2 problems; no problems left in 1 file"
        );
    }
}
