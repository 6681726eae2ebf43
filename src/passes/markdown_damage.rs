//! `markdown-damage`: Markdown structure broken by translation. See `lints/markdown-damage.toml`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::formats::Format;

struct Patterns {
    /// A fence of two backticks alone on its line, with an optional info string.
    short_fence: Regex,
    /// An ATX heading.
    heading: Regex,
    /// A line that ends with the next item's number: `… here. 2.`
    glued_number: Regex,
    /// `[ text ]` right before `(`.
    link_text_spaces: Regex,
    /// `** bold **` or `__ bold __` with the spaces inside.
    emphasis_spaces: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let re = |p: &str| Regex::new(p).expect("markdown-damage pattern compiles");
    Patterns {
        short_fence: re(r"(?m)^ {0,3}``[A-Za-z0-9_+-]*[ \t]*\r?$"),
        heading: re(r"(?m)^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*\r?$"),
        glued_number: re(r"(?m)^ {0,3}(\d+)[.)] .*?[.!?:]( (\d+)\.)\r?$"),
        link_text_spaces: re(r"\[( +)[^\]\n]*?( *)\]\("),
        emphasis_spaces: re(r"(\*\*|__)( +)[^*_\n]+?( +)(\*\*|__)"),
    }
});

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.format != Format::Markdown {
        return;
    }
    let text = ctx.text();
    // The front-end's code ranges: a binary search finds the one that could hold an offset.
    let code = crate::source::Covered::new(ctx.code.to_vec());
    let in_code = |at: usize| code.contains(at);
    let patterns = &*PATTERNS;

    // The three line patterns run only on the lines that start as they do (up to three spaces,
    // then a backtick, a `#` or a digit): a regex anchored at every line start has no literal
    // to skip text with, and scanning all of it cost a third of the run on clean Markdown.
    let (mut fences, mut heading_lines, mut item_lines) = (Vec::new(), Vec::new(), Vec::new());
    let mut line_start = 0;
    while line_start < text.len() {
        let line_end = memchr::memchr(b'\n', &text.as_bytes()[line_start..]).map_or(text.len(), |i| line_start + i);
        let line = &text.as_bytes()[line_start..line_end];
        let indent = line.iter().take(4).take_while(|&&b| b == b' ').count();
        match line.get(indent) {
            Some(b'`') => fences.push(line_start..line_end),
            Some(b'#') => heading_lines.push(line_start..line_end),
            Some(b'0'..=b'9') => item_lines.push(line_start..line_end),
            _ => {}
        }
        line_start = line_end + 1;
    }
    let on_lines = |lines: &[Range<usize>], pattern: &'static Regex| {
        lines
            .iter()
            .filter_map(|line| pattern.captures(&text[line.clone()]).map(|c| (line.start, c)))
            .collect::<Vec<_>>()
    };

    for (base, c) in on_lines(&fences, &patterns.short_fence) {
        let m = c.get(0).expect("match");
        let at = base + m.start() + (m.as_str().len() - m.as_str().trim_start().len());
        let line_end = base + m.end();
        // CommonMark reads a two-backtick fence as inline code that runs to the next one: the
        // code the parser saw opens or closes right at this line, it does not hold it.
        let opens_or_closes_code = ctx.code.iter().any(|r| r.start == at || r.end == line_end);
        if in_code(at) && !opens_or_closes_code {
            continue;
        }
        let fence = at..at + 2;
        // Unsafe: the two backticks could open inline code that goes on.
        let fix = Fix::unsafe_(vec![Edit::insert(at, "`")]).repairing_markup();
        out.push(ctx.report("", fence, &[("text", m.as_str().trim())]).with_fix(fix));
    }

    let headings: Vec<(Range<usize>, &str)> = on_lines(&heading_lines, &patterns.heading)
        .into_iter()
        .filter(|(base, c)| !in_code(base + c.get(0).expect("match").start()))
        .map(|(base, c)| {
            let title = c.get(2).expect("group");
            (base + title.start()..base + title.end(), title.as_str())
        })
        .collect();
    let ends_with_period = |t: &str| t.ends_with('.') && !t.ends_with("..") && !t.ends_with("etc.");
    let with_period = headings.iter().filter(|(_, t)| ends_with_period(t)).count();
    if headings.len() >= 2 && with_period * 2 <= headings.len() {
        for (range, title) in headings.iter().filter(|(_, t)| ends_with_period(t)) {
            let period = range.end - 1..range.end;
            let others = (headings.len() - with_period).to_string();
            // Unsafe: the period may belong to an abbreviation.
            let fix = Fix::unsafe_(vec![Edit::delete(period.clone())]);
            out.push(
                ctx.report("heading", period, &[("text", title), ("others", &others)])
                    .with_fix(fix),
            );
        }
    }

    for (base, c) in on_lines(&item_lines, &patterns.glued_number) {
        let whole = c.get(0).expect("match");
        let (number, next) = (c[1].parse::<u64>().unwrap_or(0), c[3].parse::<u64>().unwrap_or(0));
        if in_code(base + whole.start()) || next != number + 1 {
            continue;
        }
        let glued_in_line = c.get(2).expect("group");
        let glued = base + glued_in_line.start()..base + glued_in_line.end();
        let mut edits = vec![Edit::delete(glued.clone())];
        // The next line is the item's text: give it back its number.
        let whole_end = base + whole.end();
        let next_line = text[whole_end..].strip_prefix('\n').map(|_| whole_end + 1);
        if let Some(start) = next_line.filter(|&s| text[s..].starts_with(|c: char| c.is_alphanumeric())) {
            edits.push(Edit::insert(start, format!("{next}. ")));
        }
        let number_text = next.to_string();
        // Unsafe: where the next item's text starts is a guess.
        let fix = Fix::unsafe_(edits).repairing_markup();
        out.push(
            ctx.report("list-number", glued.start + 1..glued.end, &[("number", &number_text)])
                .with_fix(fix),
        );
    }

    for c in patterns.link_text_spaces.captures_iter(text) {
        let (lead, trail) = (c.get(1).expect("group"), c.get(2).expect("group"));
        if in_code(lead.start()) {
            continue;
        }
        let mut edits = vec![Edit::delete(lead.range())];
        if !trail.is_empty() {
            edits.push(Edit::delete(trail.range()));
        }
        let whole = c.get(0).expect("match").range();
        // Unsafe: spaces inside the brackets could be meant.
        out.push(
            ctx.report(
                "spaces",
                whole.start..whole.end - 1,
                &[("text", &text[whole.start..whole.end - 1])],
            )
            .with_fix(Fix::unsafe_(edits).repairing_markup()),
        );
    }

    // The emphasis the parser paired: `**null** or **undefined**` is two, not one with spaces.
    let mut paired: Option<Vec<Range<usize>>> = None;
    for c in patterns.emphasis_spaces.captures_iter(text) {
        let whole = c.get(0).expect("match");
        if in_code(whole.start()) || c[1] != c[4] {
            continue;
        }
        let paired = paired.get_or_insert_with(|| emphasis(text));
        if paired
            .iter()
            .any(|r| r.end == whole.start() + 2 || r.start == whole.end() - 2)
        {
            continue;
        }
        let edits = vec![
            Edit::delete(c.get(2).expect("group").range()),
            Edit::delete(c.get(3).expect("group").range()),
        ];
        out.push(
            ctx.report("spaces", whole.range(), &[("text", whole.as_str())])
                .with_fix(Fix::unsafe_(edits).repairing_markup()),
        );
    }
}

/// The ranges of the emphasis and strong emphasis CommonMark pairs in `text`.
fn emphasis(text: &str) -> Vec<Range<usize>> {
    use pulldown_cmark::{Event, Options, Tag};
    crate::formats::markdown_events(text, Options::empty(), |events| {
        events
            .filter(|(event, _)| matches!(event, Event::Start(Tag::Strong | Tag::Emphasis)))
            .map(|(_, range)| range)
            .collect()
    })
}
