//! SARIF 2.1.0 for code scanning: one run, the ruleset's rules with their metadata, and the
//! findings with physical locations and fixes.

use serde_json::{Value, json};

use crate::diagnostic::{Diagnostic, Level};
use crate::registry::Lint;
use crate::source::Source;

/// The `results` of one file. Regions count Unicode scalar values (`columnKind` is set on the
/// run); replacements are given in bytes.
pub fn results(source: &Source, diagnostics: &[Diagnostic], lints: &[&'static Lint]) -> Vec<Value> {
    diagnostics
        .iter()
        .map(|diagnostic| {
            let span = diagnostic.span();
            let (start_line, start_column) = source.line_col(span.start);
            let (end_line, end_column) = source.line_col(span.end);
            let location = json!({
                "physicalLocation": {
                    "artifactLocation": { "uri": uri(source.path()) },
                    "region": {
                        "startLine": start_line,
                        "startColumn": start_column,
                        "endLine": end_line,
                        "endColumn": end_column,
                    },
                },
            });
            let mut result = json!({
                "ruleId": diagnostic.lint,
                "ruleIndex": lints.iter().position(|l| l.name == diagnostic.lint),
                "level": sarif_level(diagnostic.level),
                "message": { "text": diagnostic.message },
                "locations": [location],
            });
            if let Some(fix) = &diagnostic.fix {
                let replacements: Vec<Value> = fix
                    .edits()
                    .iter()
                    .map(|edit| {
                        json!({
                            "deletedRegion": { "byteOffset": edit.span.start, "byteLength": edit.span.end - edit.span.start },
                            "insertedContent": { "text": edit.replacement },
                        })
                    })
                    .collect();
                let description = diagnostic.help.as_deref().unwrap_or("apply the fix");
                result["fixes"] = json!([{
                    "description": { "text": format!("{description} ({} fix)", fix.applicability().as_str()) },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri(source.path()) },
                        "replacements": replacements,
                    }],
                }]);
            }
            result
        })
        .collect()
}

/// The whole log.
pub fn log(results: Vec<Value>, lints: &[&'static Lint]) -> Value {
    let rules: Vec<Value> = lints
        .iter()
        .map(|lint| {
            let spec = &lint.spec;
            json!({
                "id": lint.name,
                "name": lint.name,
                "shortDescription": { "text": spec.summary },
                "fullDescription": { "text": spec.explain.trim() },
                "help": { "text": spec.help.clone().unwrap_or_else(|| spec.summary.clone()) },
                "defaultConfiguration": { "level": sarif_level(spec.level) },
                "properties": { "tags": [spec.group.as_str()] },
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "mtlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                },
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Deny => "error",
        Level::Warn => "warning",
        Level::Allow => "none",
    }
}

/// A relative URI for a path: forward slashes, spaces and `%` escaped.
fn uri(path: &str) -> String {
    path.replace('\\', "/").replace('%', "%25").replace(' ', "%20")
}
