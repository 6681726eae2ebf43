//! The rustc-style report, through annotate-snippets: the finding with its source lines and
//! labels, its help, and its fix shown as a diff.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level as SnippetLevel, Patch, Renderer, Snippet};

use crate::diagnostic::{Diagnostic, Label, Level};
use crate::source::Source;

pub fn render(renderer: &Renderer, source: &Source, diagnostics: &[Diagnostic], out: &mut String) {
    for diagnostic in diagnostics {
        out.push_str(&renderer.render(&report(source, diagnostic)));
        out.push_str("\n\n");
    }
}

fn report<'a>(source: &'a Source, diagnostic: &'a Diagnostic) -> Vec<Group<'a>> {
    let level = match diagnostic.level {
        Level::Deny => SnippetLevel::ERROR,
        _ => SnippetLevel::WARNING,
    };
    let title = level.primary_title(&diagnostic.message).id(diagnostic.lint);
    let mut group = Group::with_title(title);
    for cluster in clusters(source, diagnostic) {
        let start = cluster.iter().map(|(l, _)| l.span.start).min().unwrap_or(0);
        let end = cluster.iter().map(|(l, _)| l.span.end).max().unwrap_or(0);
        let (shown, line) = window(source, start..end);
        let mut snippet = Snippet::source(&source.text()[shown.clone()])
            .line_start(line)
            .path(source.path())
            .fold(true);
        for (label, primary) in cluster {
            let kind = if primary {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            let span = label.span.start - shown.start..label.span.end - shown.start;
            snippet = snippet.annotation(kind.span(span).label(label.message.as_deref()));
        }
        group = group.element(snippet);
    }
    let mut groups = vec![group];
    match (&diagnostic.fix, &diagnostic.help) {
        (Some(fix), help) => {
            let span = fix.span();
            let (shown, line) = window(source, span.start..span.end);
            let mut snippet = Snippet::source(&source.text()[shown.clone()])
                .line_start(line)
                .path(source.path())
                .fold(true);
            for edit in fix.edits() {
                let range = edit.span.start - shown.start..edit.span.end - shown.start;
                snippet = snippet.patch(Patch::new(range, edit.replacement.as_str()));
            }
            let title = help.as_deref().unwrap_or("apply the fix");
            groups.push(Group::with_title(SnippetLevel::HELP.secondary_title(title)).element(snippet));
        }
        (None, Some(help)) => {
            let first = groups.pop().expect("one group");
            groups.push(first.element(SnippetLevel::HELP.message(help.as_ref())));
        }
        (None, None) => {}
    }
    groups
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
        let (first, _) = source.line_col(label.span.start);
        match clusters.last_mut() {
            Some(cluster) if first <= last_line + NEARBY_LINES => cluster.push((label, primary)),
            _ => clusters.push(vec![(label, primary)]),
        }
        last_line = last_line.max(source.line_col(label.span.end).0);
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
    (start..end, source.line_col(start).0)
}
