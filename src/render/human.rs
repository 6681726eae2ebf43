//! The rustc-style report, through annotate-snippets: the finding with its source lines and
//! labels, its help, and its fix shown as a diff.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level as SnippetLevel, Patch, Renderer, Snippet};

use super::shown::{self, Sequences, Showing, Shown};
use super::visible;
use crate::diagnostic::{Diagnostic, Label, Level};
use crate::source::Source;

/// Renders each finding into `out`, calling `rendered` after each (to hand the text on).
pub fn render(
    renderer: &Renderer,
    source: &Source,
    diagnostics: &[Diagnostic],
    out: &mut String,
    rendered: &mut dyn FnMut(&mut String),
) {
    // One for the file: whether it holds private-use characters is found once.
    let mut sequences = Sequences::new(source.text());
    for diagnostic in diagnostics {
        let plan = Plan::new(source, diagnostic, &mut sequences);
        let text = renderer.render(&plan.groups(diagnostic));
        out.push_str(&sequences.restore(plan.true_locations(source, text)));
        out.push_str("\n\n");
        rendered(out);
    }
}

/// A snippet to show: the stretch of source, the number of its first line, and its labels
/// (shown range, primary, message) or patches (shown range, replacement as shown).
struct Shot<T> {
    shown: Shown,
    line: usize,
    /// The offset whose line and column the location gives.
    at: usize,
    marks: Vec<T>,
}

/// A label as shown: its range, whether it is the primary, its message.
type Mark = (Range<usize>, bool, Option<String>);

/// Everything annotate-snippets borrows, built first. Texts from the file or a configuration
/// (the path, messages, help) are made visible: no control character reaches the terminal.
struct Plan {
    path: String,
    title: String,
    help: Option<String>,
    snippets: Vec<Shot<Mark>>,
    fix: Option<Shot<(Range<usize>, String)>>,
}

impl Plan {
    fn new(source: &Source, diagnostic: &Diagnostic, sequences: &mut Sequences) -> Self {
        let whole_lines = Showing {
            spaces_in: &[],
            cut_before: false,
            cut_after: false,
        };
        let snippets = clusters(source, diagnostic)
            .into_iter()
            .map(|cluster| {
                let start = cluster.iter().map(|(l, _)| l.span.start).min().unwrap_or(0);
                let end = cluster.iter().map(|(l, _)| l.span.end).max().unwrap_or(0);
                let (range, line) = window(source, start..end);
                // A long line is cut around the labels, as the fix's diff is: rendering a
                // 200 KB line once per finding made the report quadratic.
                let (range, cut_before, cut_after) = cut_long_line(source, range, start..end, LONG_SNIPPET_LINE);
                let showing = Showing {
                    cut_before,
                    cut_after,
                    ..whole_lines
                };
                let shown = Shown::new(source.text(), range, &showing, sequences);
                let at = cluster
                    .iter()
                    .find(|(_, primary)| *primary)
                    .map_or(start, |(label, _)| label.span.start);
                let marks = cluster
                    .into_iter()
                    .map(|(label, primary)| {
                        let message = label.message.as_deref().map(|m| visible(m).into_owned());
                        (shown.range(label.span.range()), primary, message)
                    })
                    .collect();
                Shot { shown, line, at, marks }
            })
            .collect();
        let fix = diagnostic.fix.as_ref().map(|fix| {
            let edits: Vec<(Range<usize>, &str)> = fix
                .edits()
                .iter()
                .map(|edit| {
                    (
                        shown_edit(source, edit.span.range(), &edit.replacement),
                        edit.replacement.as_str(),
                    )
                })
                .collect();
            let span = edits.first().map_or(0, |e| e.0.start)..edits.last().map_or(0, |e| e.0.end);
            let (range, line) = window(source, span.clone());
            let (range, cut_before, cut_after) = cut_long_line(source, range, span.clone(), LONG_LINE);
            let spaces_in: Vec<Range<usize>> = edits.iter().map(|(edit, _)| edit.clone()).collect();
            let showing = Showing {
                spaces_in: &spaces_in,
                cut_before,
                cut_after,
            };
            let shown = Shown::new(source.text(), range, &showing, sequences);
            let marks = edits
                .into_iter()
                .map(|(edit, replacement)| (shown.range(edit), shown::replacement(replacement)))
                .collect();
            Shot {
                shown,
                line,
                at: span.start,
                marks,
            }
        });
        Plan {
            path: visible(source.path()).into_owned(),
            title: visible(&diagnostic.message).into_owned(),
            help: diagnostic.help.as_deref().map(|h| visible(h).into_owned()),
            snippets,
            fix,
        }
    }

    /// annotate-snippets gives each snippet's location from the shown text, where what was made
    /// visible is longer than in the file: the locations are put back to the file's lines and
    /// columns, as the other formats give them.
    fn true_locations(&self, source: &Source, mut rendered: String) -> String {
        let mut from = 0;
        for shot in &self.snippets {
            let shown_at = shot.shown.offset(shot.at);
            let before = &shot.shown.text[..shown_at];
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let shown = (
                shot.line + before.matches('\n').count(),
                before[line_start..].chars().count() + 1,
            );
            let (line, column) = source.line_col(shot.at);
            let path = &self.path;
            let shown = format!("{path}:{}:{}", shown.0, shown.1);
            if let Some(at) = rendered[from..].find(&shown).map(|i| from + i) {
                let actual = format!("{path}:{line}:{column}");
                rendered.replace_range(at..at + shown.len(), &actual);
                from = at + actual.len();
            }
        }
        rendered
    }

    fn groups<'a>(&'a self, diagnostic: &'a Diagnostic) -> Vec<Group<'a>> {
        let level = match diagnostic.level {
            Level::Deny => SnippetLevel::ERROR,
            _ => SnippetLevel::WARNING,
        };
        let title = level.primary_title(self.title.as_str()).id(diagnostic.lint);
        let mut group = Group::with_title(title);
        for shot in &self.snippets {
            let mut snippet = Snippet::source(shot.shown.text.as_str())
                .line_start(shot.line)
                .path(self.path.as_str())
                .fold(true);
            for (span, primary, message) in &shot.marks {
                let kind = if *primary {
                    AnnotationKind::Primary
                } else {
                    AnnotationKind::Context
                };
                snippet = snippet.annotation(kind.span(span.clone()).label(message.as_deref()));
            }
            group = group.element(snippet);
        }
        let mut groups = vec![group];
        match (&self.fix, &self.help) {
            (Some(shot), help) => {
                let mut snippet = Snippet::source(shot.shown.text.as_str())
                    .line_start(shot.line)
                    .path(self.path.as_str())
                    .fold(true);
                for (range, replacement) in &shot.marks {
                    snippet = snippet.patch(Patch::new(range.clone(), replacement.as_str()));
                }
                let title = help.as_deref().unwrap_or("apply the fix");
                groups.push(Group::with_title(SnippetLevel::HELP.secondary_title(title)).element(snippet));
            }
            (None, Some(help)) => {
                let first = groups.pop().expect("one group");
                groups.push(first.element(SnippetLevel::HELP.message(help.as_str())));
            }
            (None, None) => {}
        }
        groups
    }
}

/// The range an edit is shown at. Removing the last line of a file without a final newline
/// takes the line break before it; shown so, the line before would be removed and added back,
/// so the removal is shown as the last line's alone.
fn shown_edit(source: &Source, span: Range<usize>, replacement: &str) -> Range<usize> {
    let text = source.text();
    let removed = &text[span.clone()];
    let break_len = if removed.starts_with("\r\n") {
        2
    } else {
        usize::from(removed.starts_with(['\n', '\r']))
    };
    let last_lines = span.end == text.len() && !text.ends_with(['\n', '\r']) && removed.len() > break_len;
    if replacement.is_empty() && break_len > 0 && last_lines {
        span.start + break_len..span.end
    } else {
        span
    }
}

/// Lines longer than this are cut around the fix in its diff (annotate-snippets folds the
/// snippet's lines to the terminal, never a diff's).
const LONG_LINE: usize = 100;
/// Lines longer than this are cut around the labels before annotate-snippets folds them, so
/// that a finding's report costs the same on a 200 KB line as on a short one.
const LONG_SNIPPET_LINE: usize = 400;
/// Characters kept either side of the fix when a line is cut.
const CONTEXT: usize = 40;

/// `range` (whole lines) cut to the fix's neighbourhood when it is one long line, and whether
/// it was cut before and after.
fn cut_long_line(source: &Source, range: Range<usize>, fix: Range<usize>, long: usize) -> (Range<usize>, bool, bool) {
    let text = &source.text()[range.clone()];
    // Cheap on a long line: the line numbers by binary search, the length up to LONG_LINE.
    let one_line = source.line_of(range.start) == source.line_of(range.end);
    if !one_line || text.chars().nth(long).is_none() {
        return (range, false, false);
    }
    // A fix may start in a byte-order mark, which the stretch leaves out.
    let fix = fix.start.clamp(range.start, range.end)..fix.end.clamp(range.start, range.end);
    let before = &source.text()[range.start..fix.start];
    let after = &source.text()[fix.end..range.end];
    let start = cut_point(before.char_indices().rev().map(|(i, c)| (c, i))).map_or(range.start, |i| range.start + i);
    let end = cut_point(after.char_indices().map(|(i, c)| (c, i + c.len_utf8()))).map_or(range.end, |i| fix.end + i);
    (start..end, start > range.start, end < range.end)
}

/// Walking away from the fix (`chars`: each character and the offset to cut at if it is there),
/// the cut after `CONTEXT` characters, moved to the next space within 15 more; none if the line
/// ends first.
fn cut_point(chars: impl Iterator<Item = (char, usize)>) -> Option<usize> {
    let mut fallback = None;
    for (n, (c, cut)) in chars.enumerate() {
        if n == CONTEXT {
            fallback = Some(cut);
        }
        if n >= CONTEXT && c == ' ' {
            return Some(cut);
        }
        if n >= CONTEXT + 15 {
            return fallback;
        }
    }
    None
}

/// Lines apart beyond which labels get snippets of their own instead of one that shows
/// everything between them.
const NEARBY_LINES: usize = 6;

/// The labels (and whether each is the primary) in snippets: labels close together share one;
/// the primary's comes first, the others in file order.
fn clusters<'a>(source: &Source, diagnostic: &'a Diagnostic) -> Vec<Vec<(&'a Label, bool)>> {
    let mut labels: Vec<(&'a Label, bool)> = std::iter::once((&diagnostic.primary, true))
        .chain(diagnostic.secondary.iter().map(|label| (label, false)))
        .collect();
    labels.sort_by_key(|(label, _)| label.span.start);
    let mut clusters: Vec<Vec<(&'a Label, bool)>> = Vec::new();
    let mut last_line = 0;
    for (label, primary) in labels {
        let first = source.line_of(label.span.start);
        match clusters.last_mut() {
            Some(cluster) if first <= last_line + NEARBY_LINES => cluster.push((label, primary)),
            _ => clusters.push(vec![(label, primary)]),
        }
        last_line = last_line.max(source.line_of(label.span.end));
    }
    clusters.sort_by_key(|cluster| !cluster.iter().any(|(_, primary)| *primary));
    clusters
}

/// The whole lines around `range` (BOM left out), and the number of the first. An edit that
/// takes a line break is given the break too.
fn window(source: &Source, range: Range<usize>) -> (Range<usize>, usize) {
    let lines = source.lines_covering(range.clone());
    let start = lines.start.max(source.content_start());
    let end = lines.end.max(range.end);
    (start..end, source.line_of(start))
}
