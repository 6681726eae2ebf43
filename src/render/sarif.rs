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
/// A path as a relative URI reference (RFC 3986): `/` separates segments, and every byte that
/// is not unreserved or allowed in a segment is percent-encoded (`#` and `?` would start a
/// fragment or a query; spaces, `%`, controls and non-ASCII are not URI characters).
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.replace('\\', "/").bytes() {
        let kept = byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&byte);
        if kept {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_uri_references() {
        assert_eq!(uri("docs/a b#1?.txt"), "docs/a%20b%231%3F.txt");
        assert_eq!(uri("50%/é.md"), "50%25/%C3%A9.md");
        assert_eq!(uri("dir\\file.txt"), "dir/file.txt");
    }
}
