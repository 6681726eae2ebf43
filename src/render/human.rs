//! The rustc-style report, through annotate-snippets: the finding with its source lines and
//! labels, its help, and its fix shown as a diff.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level as SnippetLevel, Patch, Renderer, Snippet};

use crate::diagnostic::{Diagnostic, Level};
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
    let labels = std::iter::once(&diagnostic.primary).chain(&diagnostic.secondary);
    let start = labels.clone().map(|l| l.span.start).min().unwrap_or(0);
    let end = labels.map(|l| l.span.end).max().unwrap_or(0);
    let (shown, line) = window(source, start..end);
    let relative = |r: Range<usize>| r.start - shown.start..r.end - shown.start;
    let mut snippet = Snippet::source(&source.text()[shown.clone()])
        .line_start(line)
        .path(source.path())
        .fold(true)
        .annotation(AnnotationKind::Primary.span(relative(diagnostic.primary.span.range())).label(diagnostic.primary.message.as_deref()));
    for label in &diagnostic.secondary {
        snippet = snippet.annotation(AnnotationKind::Context.span(relative(label.span.range())).label(label.message.as_deref()));
    }
    let title = level.primary_title(&diagnostic.message).id(diagnostic.lint);
    let mut groups = vec![Group::with_title(title).element(snippet)];
    match (&diagnostic.fix, &diagnostic.help) {
        (Some(fix), help) => {
            let span = fix.span();
            let (shown, line) = window(source, span.start..span.end);
            let mut snippet = Snippet::source(&source.text()[shown.clone()]).line_start(line).path(source.path()).fold(true);
            for edit in fix.edits() {
                let range = edit.span.start - shown.start..edit.span.end - shown.start;
                snippet = snippet.patch(Patch::new(range, edit.replacement.as_str()));
            }
            let title = help.as_deref().unwrap_or("apply the fix");
            groups.push(Group::with_title(SnippetLevel::HELP.secondary_title(title)).element(snippet));
        }
        (None, Some(help)) => {
            let first = groups.pop().expect("one group");
            groups.push(first.element(SnippetLevel::HELP.message(help)));
        }
        (None, None) => {}
    }
    groups
}

/// The whole lines around `range` (BOM left out), and the number of the first. An edit that
/// takes a line break is given the break too.
fn window(source: &Source, range: Range<usize>) -> (Range<usize>, usize) {
    let lines = source.lines_covering(range.clone());
    let start = lines.start.max(source.content_start());
    let end = lines.end.max(range.end);
    (start..end, source.line_col(start).0)
}
