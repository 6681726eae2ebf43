//! GitHub Actions workflow commands: `::error file=…,line=…::message`, one finding a line.

use std::fmt::Write;

use crate::diagnostic::{Diagnostic, Level};
use crate::source::Source;

pub fn render(source: &Source, diagnostics: &[Diagnostic], out: &mut String) {
    for diagnostic in diagnostics {
        let span = diagnostic.span();
        let (line, column) = source.line_col(span.start);
        let (end_line, end_column) = source.line_col(span.end);
        let command = match diagnostic.level {
            Level::Deny => "error",
            _ => "warning",
        };
        let _ = writeln!(
            out,
            "::{command} file={},line={line},col={column},endLine={end_line},endColumn={end_column},title={}::{}",
            property(source.path()),
            property(&format!("mtlint({})", diagnostic.lint)),
            data(&diagnostic.message),
        );
    }
}

/// Escapes a command's message as the runner requires, other control characters made visible
/// (a log shows ESC sequences).
fn data(text: &str) -> String {
    let text = text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    super::visible(&text).into_owned()
}

/// Escapes a command's property value: also `:` and `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(property("a\n::error::x\u{1b}[2J"), "a%0A%3A%3Aerror%3A%3Ax<U+001B>[2J");
    }
}
