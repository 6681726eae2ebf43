//! JSON objects with the fields of the output contract (`--format json` and `jsonl`).

use serde_json::{Value, json};

use crate::diagnostic::Diagnostic;
use crate::registry::Lint;
use crate::source::Source;

/// One object per finding. Columns are 1-based in Unicode scalar values; `end_line` and
/// `end_column` point just past the span, as rustc's JSON does.
pub fn objects(source: &Source, diagnostics: &[Diagnostic]) -> Vec<Value> {
    diagnostics
        .iter()
        .map(|diagnostic| object(source, diagnostic))
        .collect()
}

/// The object of one finding.
pub fn object(source: &Source, diagnostic: &Diagnostic) -> Value {
    let span = diagnostic.span();
    let (line, column) = source.line_col(span.start);
    let (end_line, end_column) = source.line_col(span.end);
    let fix = diagnostic.fix.as_ref().map(|fix| {
        json!({
            "applicability": fix.applicability().as_str(),
            "edits": fix.edits().iter().map(|edit| json!({
                "byte_start": edit.span.start,
                "byte_end": edit.span.end,
                "replacement": edit.replacement,
            })).collect::<Vec<_>>(),
        })
    });
    json!({
        "path": source.path(),
        "code": diagnostic.lint,
        "level": diagnostic.level.severity(),
        "message": diagnostic.message,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "byte_start": span.start,
        "byte_end": span.end,
        "help": diagnostic.help,
        "fix": fix,
    })
}

/// `mtlint rules --format json`: each lint with its group, default level, fix, summary and the
/// explanation `mtlint explain` prints.
pub fn rules(lints: &[&Lint]) -> Vec<Value> {
    lints
        .iter()
        .map(|lint| {
            let spec = &lint.spec;
            json!({
                "name": lint.name,
                "group": spec.group.as_str(),
                "level": spec.level.as_str(),
                "fix": spec.fix.map(|applicability| applicability.as_str()),
                "summary": spec.summary,
                "explanation": spec.explain.trim_end(),
            })
        })
        .collect()
}
