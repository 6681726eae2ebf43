//! `[chrome]` models: lines classified as page chrome by their shape, their vocabulary and their
//! place, not only by exact phrases. Each data lint with a `[chrome]` table is one class of a
//! one-vs-rest linear model: a standalone short line gets, per lint, the sum of the weights of
//! the shape features that fire and of the vocabulary families it holds; the best lint whose
//! sum reaches its threshold reports it, naming what fired. A paragraph that opens with a
//! kicker (`POLITICS:`, `COUNTERPOINT –`, a `lead` family's cue) is reported by the lint whose
//! model has `kicker` weights.
//!
//! The weights live in the lints' TOML (`lints/page-chrome.toml`, `lints/ui-string.toml`), set by
//! hand from real machine-translated pages and checked on the clean corpus (`benches/quality.sh`).

use std::collections::HashMap;
use std::ops::Range;

use super::Scope;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::formats::{BlockKind, Format};
use crate::prose;
use crate::registry::Lint;
use crate::source::floor_char_boundary;
use crate::spec::{ChromeModel, fill};

/// Lines of more words than this are prose, whatever else they show.
const MAX_WORDS: usize = 12;

/// The shape features a model may weigh, with the words a finding's label uses for them.
pub const FEATURES: &[(&str, &str)] = &[
    ("short", "a short line"),
    ("no-end-punct", "no closing punctuation"),
    ("ends-colon", "ends with a colon"),
    ("title-case", "every word capitalised"),
    ("repeated", "repeated in the document"),
    ("framed", "framed by separators"),
    ("ellipsis", "opens with an ellipsis"),
    ("numeric", "only numbers, dates or times"),
    ("edge", "at the start or end of the page"),
    ("near-chrome", "next to other chrome"),
    ("sentence", "reads as a sentence"),
    ("ends-period", "ends with a full stop"),
    ("lowercase-start", "starts in lowercase"),
    ("all-caps", "in capitals"),
    ("indented", "indented"),
];

const FEATURE_COUNT: usize = FEATURES.len();

/// What each further cue of a family on the same line adds (up to two): more evidence.
const EXTRA_CUE: f32 = 0.5;

/// One model, compiled: its lint, weights by feature index, families with lowercase cues.
struct Model {
    /// Its place in the engine's list.
    index: usize,
    lint: usize,
    spec_lint: &'static Lint,
    threshold: f32,
    shape: Vec<f32>,
    families: Vec<(&'static str, f32, bool, Vec<String>)>,
    kicker: f32,
}

pub struct ChromeEngine {
    models: Vec<Model>,
    /// Every cue of every family, lowercase, in one automaton; per pattern: (model, family,
    /// whether the cue is anchored at the line's start).
    cues: aho_corasick::AhoCorasick,
    cue_owners: Vec<(usize, usize, bool)>,
}

/// A standalone line of the document and what the classifier learnt of it.
struct Candidate {
    /// The line without bullet and trailing space.
    content: Range<usize>,
    /// The line of the region it stands on (what a fix removes).
    region_line: prose::Line,
    line: usize,
    /// Spaces before the line's text (a bullet counts as text).
    indent: usize,
    lower: String,
    words: usize,
    /// Per model: the families whose cues it holds, with how many of their cues.
    families: Vec<Vec<(usize, usize)>>,
}

impl ChromeEngine {
    /// `models`: (ruleset index, lint, its model). Feature names are checked by the spec.
    pub fn new(models: Vec<(usize, &'static Lint, &'static ChromeModel)>) -> Self {
        let models: Vec<Model> = models
            .into_iter()
            .enumerate()
            .map(|(index, (lint, spec_lint, model))| Model {
                index,
                lint,
                spec_lint,
                threshold: model.threshold,
                shape: FEATURES
                    .iter()
                    .map(|(name, _)| model.shape.get(*name).copied().unwrap_or(0.0))
                    .collect(),
                families: model
                    .families
                    .iter()
                    .map(|f| {
                        let cues = f.cues.iter().map(|c| normalise(c)).collect();
                        (f.name.as_str(), f.weight, f.lead, cues)
                    })
                    .collect(),
                kicker: model.kicker,
            })
            .collect();
        let mut patterns = Vec::new();
        let mut cue_owners = Vec::new();
        for model in &models {
            for (f, family) in model.families.iter().enumerate() {
                for cue in &family.3 {
                    let anchored = cue.starts_with('^');
                    patterns.push(cue.trim_start_matches('^').to_owned());
                    cue_owners.push((model.index, f, anchored));
                }
            }
        }
        // A DFA: it is searched once per candidate line, which is most short lines of a page.
        let cues = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("cue automaton builds");
        ChromeEngine {
            models,
            cues,
            cue_owners,
        }
    }

    /// Per model of the engine, per family: how many distinct cues `lower` holds.
    fn cue_counts(&self, lower: &str) -> Vec<Vec<usize>> {
        let mut counts: Vec<Vec<usize>> = self.models.iter().map(|m| vec![0; m.families.len()]).collect();
        let mut seen = Vec::new();
        for hit in self.cues.find_overlapping_iter(lower) {
            let pattern = hit.pattern().as_usize();
            let (model, family, anchored) = self.cue_owners[pattern];
            if (anchored && hit.start() != 0)
                || !at_cue_boundaries(lower, hit.start(), hit.end())
                || seen.contains(&pattern)
            {
                continue;
            }
            seen.push(pattern);
            counts[model][family] += 1;
        }
        counts
    }

    pub fn is_empty(&self) -> bool {
        self.models.is_empty()
    }

    pub fn check(&self, scope: &Scope, out: &mut Vec<Diagnostic>) {
        let models: Vec<&Model> = self.models.iter().filter(|m| scope.enabled[m.lint]).collect();
        // Markup, catalogues and subtitles mark their structure: a short element or segment there
        // is the author's (a button, a table cell, a cue), not a scraper's leftover.
        if models.is_empty() || !matches!(scope.format, Format::Plain | Format::Markdown) {
            return;
        }
        let (source, text) = (scope.source, scope.source.text());
        // Lines already reported by a phrase entry are not reported twice.
        let mut flagged: Vec<usize> = out
            .iter()
            .filter(|d| models.iter().any(|m| m.spec_lint.name == d.lint))
            .map(|d| d.span().start)
            .collect();
        flagged.sort_unstable();
        let mut candidates = Vec::new();
        for block in crate::formats::blocks(scope.regions) {
            let kind = block[0].kind;
            // Headings and tables are the author's structure; so are a Markdown file's lists.
            if matches!(kind, BlockKind::Heading | BlockKind::TableCell)
                || (scope.format == Format::Markdown && kind == BlockKind::ListItem)
            {
                continue;
            }
            let span = block[0].range.start..block[block.len() - 1].range.end;
            let block_text = &text[span.clone()];
            // A block of several lines is a candidate only as a run of short lines (a widget's
            // lines), never as a hard-wrapped paragraph.
            let alone = !block_text.contains('\n');
            let short_block = block_text.lines().all(|line| line.trim().chars().count() <= 40);
            for region in block {
                for line in prose::lines(text, region) {
                    let first = line.range.start == span.start;
                    // Most lines are neither a paragraph's first nor a candidate: they are not
                    // looked at any further.
                    if !(first || line.whole && short_block) {
                        continue;
                    }
                    let content = unbulleted(text, line.range.clone());
                    let content = content.start..content.start + text[content.clone()].trim_end().len();
                    if content.is_empty() {
                        continue;
                    }
                    if first {
                        self.kicker(scope, &models, content.clone(), &flagged, out);
                    }
                    // A short line glued above a paragraph that opens a new sentence: a widget's
                    // label the scraper did not separate (`Continue Reading` above the next one).
                    let glued =
                        first && line.range.len() <= 120 && text[line.range.clone()].trim().chars().count() <= 30 && {
                            let next = text[line.range.end..span.end].trim_start();
                            next.starts_with(char::is_uppercase)
                                && !text[line.range.clone()].trim_end().ends_with(['.', ':', ',', ';'])
                        };
                    if !line.whole || !(short_block || alone || glued) {
                        continue;
                    }
                    candidates.extend(self.candidate(scope, &models, line, content));
                }
            }
        }
        if candidates.is_empty() {
            return;
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for candidate in &candidates {
            *seen.entry(candidate.lower.as_str()).or_default() += 1;
        }
        let last_line = source.line_of(text.len());
        let features: Vec<[bool; FEATURE_COUNT]> = candidates
            .iter()
            .map(|c| shape(&text[c.content.clone()], c, seen[c.lower.as_str()], last_line))
            .collect();
        // Per candidate, its score for each model from what it shows itself.
        let own: Vec<Vec<f32>> = candidates
            .iter()
            .zip(&features)
            .map(|(candidate, features)| {
                models
                    .iter()
                    .enumerate()
                    .map(|(m, model)| {
                        let shape: f32 = (0..FEATURE_COUNT)
                            .filter(|&f| features[f])
                            .map(|f| model.shape[f])
                            .sum();
                        shape
                            + candidate.families[m]
                                .iter()
                                .map(|&(f, cues)| model.families[f].1 + EXTRA_CUE * (cues.min(3) - 1) as f32)
                                .sum::<f32>()
                    })
                    .collect()
            })
            .collect();
        let chrome_alone = |j: usize| models.iter().enumerate().any(|(m, model)| own[j][m] >= model.threshold);
        for (i, candidate) in candidates.iter().enumerate() {
            let after = flagged.partition_point(|&at| at < candidate.content.start);
            if flagged.get(after).is_some_and(|&at| at < candidate.content.end) {
                continue;
            }
            let slice = &text[candidate.content.clone()];
            // Next to a line (one blank line apart at most) that is chrome by itself.
            let near = |j: usize| candidates[j].line.abs_diff(candidate.line) <= 2 && chrome_alone(j);
            let near_chrome = (i > 0 && near(i - 1)) || (i + 1 < candidates.len() && near(i + 1));
            let mut best: Option<(f32, usize)> = None;
            for (m, model) in models.iter().enumerate() {
                let score = own[i][m] + if near_chrome { model.shape[NEAR] } else { 0.0 };
                if score >= model.threshold && best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, m));
                }
            }
            let Some((_, m)) = best else { continue };
            let model = models[m];
            let mut why: Vec<String> = candidate.families[m]
                .iter()
                .map(|&(f, _)| format!("`{}` words", model.families[f].0))
                .collect();
            for (f, on) in features[i].iter().enumerate() {
                if *on && model.shape[f] > 0.0 {
                    why.push(FEATURES[f].1.to_owned());
                }
            }
            if near_chrome && model.shape[NEAR] > 0.0 {
                why.push(FEATURES[NEAR].1.to_owned());
            }
            out.push(report(
                model.spec_lint,
                "classified",
                candidate.content.clone(),
                slice,
                &why.join(", "),
                Some(vec![Edit::delete(candidate.region_line.removal(source))]),
            ));
        }
    }

    /// The line at `content` as a candidate, unless it is long or looks like code.
    fn candidate(
        &self,
        scope: &Scope,
        models: &[&Model],
        line: prose::Line,
        content: Range<usize>,
    ) -> Option<Candidate> {
        let (source, text) = (scope.source, scope.source.text());
        let slice = &text[content.clone()];
        // Counted up to one past the most a candidate may have: a long line is not read to its end.
        let words = slice.split_whitespace().take(MAX_WORDS + 1).count();
        // A sentence of six words or more that ends with a full stop is prose: no weight set
        // could make it chrome, so it is not scored at all (most lines of a page).
        let sentence = words >= 6 && slice.ends_with('.') && slice.starts_with(char::is_uppercase);
        if words > MAX_WORDS || sentence || looks_like_code(slice) {
            return None;
        }
        let lower = normalise(slice);
        let counts = self.cue_counts(&lower);
        let families = models
            .iter()
            .map(|m| {
                counts[m.index]
                    .iter()
                    .enumerate()
                    .filter(|&(_, &cues)| cues > 0)
                    .map(|(f, &cues)| (f, cues))
                    .collect()
            })
            .collect();
        let line_start = text[..line.range.start].rfind('\n').map_or(0, |i| i + 1);
        let indent = text[line_start..].len() - text[line_start..].trim_start_matches([' ', '\t']).len();
        Some(Candidate {
            indent,
            line: source.line_of(content.start),
            region_line: line,
            content,
            lower,
            words,
            families,
        })
    }

    /// A kicker opening the paragraph at `content`: an ALL-CAPS label before `:` or a spaced en
    /// dash, one to three words with a number before a spaced en dash, or the cue of a `lead`
    /// family, each followed by a sentence.
    fn kicker(
        &self,
        scope: &Scope,
        models: &[&Model],
        content: Range<usize>,
        flagged: &[usize],
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(model) = models
            .iter()
            .filter(|m| m.kicker > 0.0)
            .max_by(|a, b| a.kicker.total_cmp(&b.kicker))
        else {
            return;
        };
        if flagged.binary_search(&content.start).is_ok() {
            return;
        }
        let text = &scope.source.text()[content.clone()];
        let Some((label_len, why)) = kicker_label(text).or_else(|| lead_cue(text, models)) else {
            return;
        };
        out.push(report(
            model.spec_lint,
            "kicker",
            content.start..content.start + label_len,
            text[..label_len].trim_end(),
            why,
            Some(vec![Edit::delete(
                content.start..content.start + label_len + space_after(&text[label_len..]),
            )]),
        ));
    }
}

/// `near-chrome`: scored from the neighbours, not from the line itself.
const NEAR: usize = 9;

/// The shape features of a candidate line (all but `near-chrome`).
fn shape(slice: &str, candidate: &Candidate, seen: usize, last_line: usize) -> [bool; FEATURE_COUNT] {
    let last = slice.chars().next_back().unwrap_or(' ');
    let first = slice.chars().next().unwrap_or(' ');
    let words: Vec<&str> = slice.split_whitespace().collect();
    let lettered: Vec<&&str> = words.iter().filter(|w| w.chars().any(char::is_alphabetic)).collect();
    let is_separator = |c: char| {
        matches!(
            c,
            '-' | '–' | '—' | '|' | '>' | '<' | '»' | '«' | '›' | '*' | '=' | '•' | '~'
        )
    };
    let title_case = lettered.len() >= 2
        && lettered.iter().all(|w| {
            let first = w.chars().find(|c| c.is_alphanumeric());
            first.is_some_and(|c| c.is_uppercase() || c.is_numeric())
        })
        && lettered.iter().any(|w| w.chars().any(char::is_lowercase));
    let numeric = is_date_or_time(&words);
    let sentence = first.is_uppercase() && candidate.words >= 5 && matches!(last, '.' | '!' | '?');
    [
        candidate.words <= 6,
        !matches!(last, '.' | '!' | '?' | '"' | '”' | '’' | ')' | ']' | ':' | ';' | ','),
        last == ':',
        title_case,
        seen >= 2,
        is_separator(first) && is_separator(last) && slice.chars().any(char::is_alphabetic),
        slice.starts_with('…') || slice.starts_with("..."),
        numeric,
        candidate.line <= 3 || candidate.line + 2 >= last_line,
        false,
        sentence,
        last == '.' && !slice.ends_with("..."),
        first.is_lowercase(),
        lettered.len() == words.len() && slice.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase),
        candidate.indent >= 4,
    ]
}

/// A line of dates, times or a temperature only (`Thursday, December 8, 2022`, `23:53`, `9 C`),
/// not any number: versions and table values are the text's.
fn is_date_or_time(words: &[&str]) -> bool {
    let core = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '°').to_owned();
    let clock = |w: &str| {
        let (h, m) = w.split_once(':').unwrap_or(("", ""));
        (1..=2).contains(&h.len()) && m.len() == 2 && (h.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit())
    };
    // 19/06/2022, 31.03.23, 2022-06-19: not a version such as 9.1.1 or 5.6.26 (a dotted date
    // with a two-digit year writes its day and month with two digits too).
    let date = |w: &str| {
        let parts: Vec<&str> = w.split(['/', '.', '-']).collect();
        let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
        let version_like = w.contains('.') && matches!(lens.as_slice(), [1, _, 2] | [_, 1, 2]);
        parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
            && matches!(lens.as_slice(), [1 | 2, 1 | 2, 2 | 4] | [4, 2, 2])
            && !version_like
    };
    let mut dated = false;
    let mut temperature = false;
    for (i, word) in words.iter().enumerate() {
        let w = core(word);
        if w.is_empty() {
            continue;
        }
        if is_month_or_day(&w) || clock(&w) || date(&w) {
            dated = true;
        } else if w.bytes().all(|b| b.is_ascii_digit()) && w.len() <= 4 {
            // a day, a year, or the number of a temperature
        } else if matches!(
            w.to_ascii_lowercase().as_str(),
            "am" | "pm" | "a.m" | "p.m" | "gmt" | "utc" | "cet" | "h"
        ) {
        } else if matches!(w.as_str(), "C" | "F" | "°C" | "°F" | "°")
            && i > 0
            && core(words[i - 1]).bytes().all(|b| b.is_ascii_digit())
        {
            temperature = true;
        } else {
            return false;
        }
    }
    dated || temperature
}

fn is_month_or_day(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphabetic()).to_ascii_lowercase();
    const NAMES: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    NAMES.contains(&word.as_str())
}

/// Words that open a paragraph in capitals before a colon in well-edited English documents:
/// admonitions and headings of plain-text docs, never a newspaper's rubric.
const NOT_KICKERS: &[&str] = &[
    "NOTE",
    "NOTES",
    "WARNING",
    "WARNINGS",
    "CAUTION",
    "IMPORTANT",
    "TIP",
    "TIPS",
    "TODO",
    "FIXME",
    "XXX",
    "HINT",
    "DANGER",
    "ERROR",
    "ERRORS",
    "INFO",
    "DEPRECATED",
    "EXAMPLE",
    "EXAMPLES",
    "USAGE",
    "SYNOPSIS",
    "BUG",
    "BUGS",
    "FIX",
    "FIXED",
    "NEW",
    "UPDATE",
    "EDIT",
    "SECURITY",
    "BREAKING",
    "CHANGED",
    "ADDED",
    "REMOVED",
    "CHANGES",
    "SEE",
    "ALSO",
    "RETURN",
    "RETURNS",
    "VALUE",
    "VALUES",
    "DEFAULT",
    "OPTIONS",
    "AUTHOR",
    "AUTHORS",
    "COPYRIGHT",
    "LICENSE",
    "DESCRIPTION",
    "NAME",
    "ENVIRONMENT",
    "FILES",
    "HISTORY",
    "STANDARDS",
    "DIAGNOSTICS",
    "CAVEATS",
    "SUMMARY",
    "ABSTRACT",
    "WARN",
    "FAQ",
    "API",
    "URL",
    "HTTP",
    "HTTPS",
    "JSON",
    "YAML",
    "TOML",
    "HTML",
    "XML",
    "CSS",
    "SQL",
    "GNU",
    "POSIX",
    "ASCII",
    "UTF",
    "README",
    "INSTALL",
    "PS",
    "NB",
    "RFC",
    "TL",
    "DR",
    "FYI",
    "ATTENTION",
    "REQUIRED",
    "OPTIONAL",
    "DEBUG",
    "TRACE",
    "FATAL",
    "PANIC",
    "FAIL",
    "FAILED",
    "PASS",
    "OK",
    "TEST",
    "TESTS",
    "Q",
    "A",
    "STATUS",
    "ARGS",
    "ENV",
];

/// `POLITICS: …`, `COUNTERPOINT – …`, `20 minutes – …`: the label's length in bytes and why.
fn kicker_label(text: &str) -> Option<(usize, &'static str)> {
    // An ALL-CAPS label of one to three words before `:`, `–`, `—` or ` - `.
    let mut end = 0;
    let mut words = 0;
    for word in text.split(' ') {
        let core = word.trim_end_matches(':');
        let letters = core.chars().filter(|c| c.is_alphabetic()).count();
        if letters >= 3 && core.chars().all(|c| c.is_uppercase() || matches!(c, '-' | '\'' | '’')) {
            words += 1;
            end += word.len() + 1;
            if NOT_KICKERS.contains(&core) {
                return None;
            }
            if word.ends_with(':') || words == 3 {
                break;
            }
        } else {
            break;
        }
    }
    if words > 0 {
        let label = text[..end.min(text.len())].trim_end();
        let rest = &text[label.len()..];
        let (punct_len, dash) = if label.ends_with(':') {
            (0, false)
        } else if let Some(n) = dash_after(rest).filter(|_| rest.starts_with(" – ")) {
            (n, true)
        } else {
            return None;
        };
        let after = rest[punct_len..].trim_start();
        // `DIFFCORE-BREAK: FOR SPLITTING UP REWRITES`: a heading in capitals, not a label glued
        // to a sentence, which has lowercase letters.
        let heading = !after.split('\n').next().unwrap_or("").chars().any(char::is_lowercase);
        if opens_sentence(after) && !heading {
            let why = if dash {
                "a label in capitals before a dash"
            } else {
                "a label in capitals before a colon"
            };
            return Some((label.len() + punct_len, why));
        }
        return None;
    }
    // One to three words (a source's name: `20 minutes`) before an en or em dash.
    // The spaced en dash of French and German typography; an English dateline takes an em dash.
    // A kicker's label is short: only the line's first bytes are looked at.
    let head = floor_char_boundary(text, 60);
    let dash = text[..head].find(" – ")?;
    let label = &text[..dash];
    let count = label.split_whitespace().count();
    // A name with a number (`20 minutes`), not `Ukraine – Russia conflict`.
    let capitalised = label.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && label.chars().any(|c| c.is_ascii_digit());
    if count == 0
        || count > 3
        || !capitalised
        || label.contains(['.', ',', ':', ';', '"', '“', '('])
        || label.split_whitespace().any(is_month_or_day)
    {
        return None;
    }
    let rest = &text[dash..];
    let punct_len = dash_after(rest)?;
    let after = &rest[punct_len..];
    (after.split_whitespace().count() >= 5 && !after.starts_with(|c: char| c.is_ascii_punctuation()))
        .then_some((dash + punct_len, "a source's name before a dash"))
}

/// The line without its bullet, unless the bullet is one of a pair framing it (`- Sponsored -`).
fn unbulleted(text: &str, range: Range<usize>) -> Range<usize> {
    let stripped = prose::strip_bullet(text, range.clone());
    let raw = text[range.clone()].trim();
    let framed = raw.chars().count() > 2
        && raw.starts_with(['-', '–', '—', '•', '*'])
        && raw.ends_with(['-', '–', '—', '•', '*']);
    if framed {
        let start = range.start + (text[range.clone()].len() - text[range].trim_start().len());
        start..start + raw.len()
    } else {
        stripped
    }
}

/// The length of ` – `, ` — ` or ` - ` (with their spaces) at the start of `rest`.
fn dash_after(rest: &str) -> Option<usize> {
    [" – ", " — ", " - "]
        .iter()
        .find(|d| rest.starts_with(**d))
        .map(|d| d.len())
}

/// Whether `text` starts a sentence of five words or more with a capital, a digit or a quote.
fn opens_sentence(text: &str) -> bool {
    let first = text.chars().next();
    first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '«'))
        && text.split_whitespace().count() >= 5
}

/// A `lead` family's cue opening a line that goes on with a sentence (`breaking news “…”`).
fn lead_cue(text: &str, models: &[&Model]) -> Option<(usize, &'static str)> {
    // Cues are short: the line's first few dozen bytes are enough.
    let head = floor_char_boundary(text, 64);
    let lower = normalise(&text[..head]);
    for model in models {
        for (_, _, lead, cues) in &model.families {
            if !lead {
                continue;
            }
            for cue in cues {
                if lower.starts_with(cue.as_str()) && holds(&lower[..cue.len()], cue) {
                    // The normalised text keeps byte lengths for ASCII cues only.
                    if !cue.is_ascii() || !text.is_char_boundary(cue.len()) {
                        continue;
                    }
                    let rest = text[cue.len()..].trim_start_matches([' ', ':', '|', '-', '–']);
                    if opens_sentence(rest)
                        && lower
                            .as_bytes()
                            .get(cue.len())
                            .is_some_and(|b| !b.is_ascii_alphanumeric())
                    {
                        return Some((cue.len(), "an aggregator's label before the text"));
                    }
                }
            }
        }
    }
    None
}

fn space_after(text: &str) -> usize {
    text.len() - text.trim_start().len()
}

/// Options, identifiers, markup and expressions: what a page's chrome never holds.
fn looks_like_code(line: &str) -> bool {
    line.starts_with('-') && line[1..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-')
        || [
            "--", "=", "_", "{", "}", "()", "::", "<", ">", "$", "\\", ";", "`", "[", "]", "@", "#",
        ]
        .iter()
        .any(|s| line.contains(s))
}

/// Lowercase, curly apostrophes straight, runs of space as one.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            continue;
        }
        for c in word.chars() {
            match c {
                '’' | 'ʼ' => out.push('\''),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

/// Whether `lower` holds `cue` at word boundaries (at its start for a cue written `^cue`).
fn holds(lower: &str, cue: &str) -> bool {
    if let Some(cue) = cue.strip_prefix('^') {
        return lower.starts_with(cue) && at_cue_boundaries(lower, 0, cue.len());
    }
    lower
        .match_indices(cue)
        .any(|(start, _)| at_cue_boundaries(lower, start, start + cue.len()))
}

/// Whether the cue at `start..end` of `lower` stands as words of its own: not inside a word, a
/// name or a path (`rfc-email`, `share.html`); a `.` after it may end a sentence.
fn at_cue_boundaries(lower: &str, start: usize, end: usize) -> bool {
    let cue = &lower[start..end];
    let joined = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | '@'));
    let first_is_word = cue.chars().next().is_some_and(char::is_alphanumeric);
    let last_is_word = cue.chars().next_back().is_some_and(char::is_alphanumeric);
    let before = lower[..start].chars().next_back();
    let after = lower[end..].chars().next();
    let after_joined =
        joined(after) && !(after == Some('.') && lower[end + 1..].chars().next().is_none_or(char::is_whitespace));
    !(first_is_word && joined(before) || last_is_word && after_joined)
}

fn report(
    lint: &'static Lint,
    key: &str,
    span: Range<usize>,
    text: &str,
    why: &str,
    edits: Option<Vec<Edit>>,
) -> Diagnostic {
    let spec = &lint.spec;
    let fields = [("text", text), ("why", why)];
    let mut diagnostic = Diagnostic::new(lint.name, span, spec.message(key, &fields));
    diagnostic.tentative = true;
    diagnostic.primary.message = spec
        .messages
        .get(&format!("{key}-label"))
        .map(|t| fill(t, &fields).into());
    diagnostic.help = spec
        .messages
        .get(&format!("{key}-help"))
        .map(|t| fill(t, &fields).into())
        .or_else(|| spec.help.clone().map(Into::into));
    if let (Some(applicability), Some(edits)) = (spec.fix, edits) {
        diagnostic = diagnostic.with_fix(Fix::new(applicability, edits));
    }
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_chrome_is_the_feature_scored_from_neighbours() {
        assert_eq!(FEATURES[NEAR].0, "near-chrome");
    }

    #[test]
    fn dates_and_times_are_numeric_but_versions_are_not() {
        assert!(is_date_or_time(&["Thursday,", "December", "8,", "2022"]));
        assert!(is_date_or_time(&["19/06/2022", "–", "23:53"]));
        assert!(is_date_or_time(&["9", "C"]));
        assert!(!is_date_or_time(&["9.1.1"]));
        assert!(!is_date_or_time(&["v10.0.0"]));
    }
}
