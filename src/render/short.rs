//! `path:line:column: level[name] message`, one finding a line, for editors and grep; coloured
//! as the human report is when asked.

use std::fmt::Write;

use annotate_snippets::renderer::{DEFAULT_ERROR_STYLE, DEFAULT_WARNING_STYLE, Effects, Style};

use super::visible;
use crate::diagnostic::{Diagnostic, Level};
use crate::source::Source;

const PATH_STYLE: Style = Style::new().effects(Effects::BOLD);

pub fn render(source: &Source, diagnostics: &[Diagnostic], color: bool, out: &mut String) {
    let plain = Style::new();
    for diagnostic in diagnostics {
        let (line, column) = source.line_col(diagnostic.span().start);
        let (path, level) = match (color, diagnostic.level) {
            (false, _) => (plain, plain),
            (true, Level::Deny) => (PATH_STYLE, DEFAULT_ERROR_STYLE),
            (true, _) => (PATH_STYLE, DEFAULT_WARNING_STYLE),
        };
        let _ = writeln!(
            out,
            "{path}{}{path:#}:{line}:{column}: {level}{}[{}]{level:#} {}",
            visible(source.path()),
            diagnostic.level.severity(),
            diagnostic.lint,
            visible(&diagnostic.message)
        );
    }
}
