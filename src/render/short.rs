//! `path:line:column: level[name] message`, one finding a line, for editors and grep.

use std::fmt::Write;

use crate::diagnostic::Diagnostic;
use crate::source::Source;

pub fn render(source: &Source, diagnostics: &[Diagnostic], out: &mut String) {
    for diagnostic in diagnostics {
        let (line, column) = source.line_col(diagnostic.span().start);
        let _ = writeln!(
            out,
            "{}:{line}:{column}: {}[{}] {}",
            source.path(),
            diagnostic.level.severity(),
            diagnostic.lint,
            diagnostic.message
        );
    }
}
