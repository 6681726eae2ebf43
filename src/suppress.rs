//! Suppression comments, in every format with comments: `<!-- mtlint-disable NAME, NAME -->` …
//! `<!-- mtlint-enable -->`, `<!-- mtlint-disable-next-line NAME -->` and `<!-- mtlint-disable-file
//! -->` in Markdown, HTML and XLIFF; the same after `#` on a PO comment line (`# mtlint-disable-
//! next-line NAME`). In a bilingual file "the next line" is the next translation, however many
//! lines of source and references lie between. Ones that suppress nothing are reported as
//! `unused-suppression` (see `lints/unused-suppression.toml`). Only real comments count, as the
//! front-end found them: one shown in a code block or inside a translation is an example, not a
//! suppression.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Edit, Fix, Level};
use crate::ruleset::Ruleset;
use crate::source::Source;
use crate::spec::fill;

/// A directive and the lint names after it, up to the end of an HTML comment or of a line.
static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)mtlint-(disable-next-line|disable-file|disable|enable)\b([^>\n]*?)\s*(-->|$)")
        .expect("directive pattern compiles")
});

struct Suppression {
    comment: Range<usize>,
    /// Lints named; empty means all.
    names: Vec<String>,
    /// The bytes it covers.
    covers: Range<usize>,
    used: bool,
}

/// Drops the findings that suppression comments cover and reports the comments that covered
/// none, at `unused_level`.
/// `segments` are a bilingual file's translations, in file offsets and order (empty otherwise).
pub fn apply(
    source: &Source,
    comments: &[Range<usize>],
    segments: &[Range<usize>],
    ruleset: &Ruleset,
    diagnostics: Vec<Diagnostic>,
    unused_level: Level,
) -> Vec<Diagnostic> {
    let text = source.text();
    if !text.contains("mtlint-") {
        return diagnostics;
    }
    let mut suppressions = parse(source, comments, segments);
    let mut kept: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| {
            let at = d.span().start;
            let covering = suppressions
                .iter_mut()
                .find(|s| s.covers.contains(&at) && (s.names.is_empty() || s.names.iter().any(|n| n == d.lint)));
            match covering {
                Some(suppression) => {
                    suppression.used = true;
                    false
                }
                None => true,
            }
        })
        .collect();
    let Some(lint) = ruleset
        .get("unused-suppression")
        .filter(|_| unused_level != Level::Allow)
    else {
        return kept;
    };
    for suppression in suppressions {
        let removal = source.line_removal(suppression.comment.clone());
        let alone = text[removal.clone()].trim() == text[suppression.comment.clone()].trim();
        // Safe: the comment has no effect, so removing it changes no finding.
        let edit = if alone { removal } else { suppression.comment.clone() };
        let unknown: Vec<&String> = suppression.names.iter().filter(|n| ruleset.get(n).is_none()).collect();
        let spec = &lint.spec;
        let mut diagnostic = if let Some(name) = unknown.first() {
            let names = ruleset.lints().iter().map(|l| l.name);
            let help = match crate::registry::closest(name, names).first() {
                Some(close) => format!("did you mean `{close}`?"),
                None => "run `mtlint rules` to list the lints".to_owned(),
            };
            let fields = [("text", name.as_str()), ("help", help.as_str())];
            let mut d = Diagnostic::new(lint.name, suppression.comment.clone(), spec.message("unknown", &fields));
            d.primary.message = spec.messages.get("unknown-label").map(|t| fill(t, &fields).into());
            d.help = spec.messages.get("unknown-help").map(|t| fill(t, &fields).into());
            d
        } else if !suppression.used {
            let names = if suppression.names.is_empty() {
                "any lint".to_owned()
            } else {
                suppression
                    .names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let fields = [("names", names.as_str())];
            let mut d = Diagnostic::new(lint.name, suppression.comment.clone(), spec.message("", &fields));
            d.primary.message = spec.label.as_deref().map(|t| fill(t, &fields).into());
            d.help = spec.help.clone().map(Into::into);
            d
        } else {
            continue;
        };
        diagnostic.level = unused_level;
        diagnostic.fix = Some(Fix::safe(vec![Edit::delete(edit)]));
        kept.push(diagnostic);
    }
    crate::diagnostic::sort_by_place(&mut kept);
    kept
}

fn parse(source: &Source, comments: &[Range<usize>], segments: &[Range<usize>]) -> Vec<Suppression> {
    let text = source.text();
    let mut suppressions: Vec<Suppression> = Vec::new();
    // Open `disable` comments: index into `suppressions`.
    let mut open: Vec<usize> = Vec::new();
    let in_a_comment = |range: &Range<usize>| {
        let after = comments.partition_point(|c| c.start <= range.start);
        after > 0 && comments[after - 1].end >= range.end
    };
    for captures in DIRECTIVE.captures_iter(text) {
        let whole = captures.get(0).expect("match").range();
        // The directive opens its comment: `<!-- mtlint-…` ending in `-->`, or `# mtlint-…` (or
        // `#. mtlint-…`) on a line of its own. Words about mtlint inside a comment are not one.
        let head = text[..whole.start].trim_end_matches([' ', '\t']);
        let comment = if let Some(open) = text[..whole.start].trim_end().strip_suffix("<!--") {
            if &captures[3] != "-->" {
                continue;
            }
            open.len()..whole.end
        } else {
            let hash = head.strip_suffix("#.").or_else(|| head.strip_suffix('#'));
            match hash {
                Some(line) if line.is_empty() || line.ends_with('\n') => line.len()..whole.end,
                _ => continue,
            }
        };
        if !in_a_comment(&comment) {
            continue;
        }
        let names: Vec<String> = captures[2]
            .split([',', ' ', '\t'])
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
            .collect();
        match &captures[1] {
            "disable-next-line" => {
                let line = source.line_of(comment.end);
                let next_segment = segments.iter().find(|s| s.start >= comment.end);
                let covers = match next_segment {
                    Some(segment) => comment.end..segment.end.max(comment.end),
                    None if segments.is_empty() && source.line_of(text.len()) > line => source.line_range(line + 1),
                    None => text.len()..text.len(),
                };
                suppressions.push(Suppression {
                    comment,
                    names,
                    covers,
                    used: false,
                });
            }
            "disable-file" => suppressions.push(Suppression {
                comment,
                names,
                covers: 0..text.len(),
                used: false,
            }),
            "disable" => {
                open.push(suppressions.len());
                suppressions.push(Suppression {
                    comment: comment.clone(),
                    names,
                    covers: comment.end..text.len(),
                    used: false,
                });
            }
            _ => {
                // `enable` closes the open `disable`s it names (all of them if it names none).
                open.retain(|&i| {
                    let s = &mut suppressions[i];
                    let closes = names.is_empty() || s.names.iter().all(|n| names.contains(n));
                    if closes {
                        s.covers.end = comment.start;
                    }
                    !closes
                });
            }
        }
    }
    suppressions
}
