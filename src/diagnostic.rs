//! Core finding types: spans, levels, fixes and diagnostics. They know no pass and no output.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

/// A byte range into the original text, on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Self {
        Span::new(range.start, range.end)
    }
}

/// How a lint is treated: `allow` hides it, `warn` reports it, `deny` reports it as an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Allow,
    Warn,
    Deny,
}

impl Level {
    pub fn parse(name: &str) -> Option<Level> {
        match name {
            "allow" => Some(Level::Allow),
            "warn" => Some(Level::Warn),
            "deny" => Some(Level::Deny),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Allow => "allow",
            Level::Warn => "warn",
            Level::Deny => "deny",
        }
    }

    /// The word a report uses for a finding at this level.
    pub fn severity(self) -> &'static str {
        match self {
            Level::Deny => "error",
            _ => "warning",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How far a fix can be trusted. Ordered: `Unsafe < Safe`; `--fix` applies only `Safe`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// May change meaning or remove wanted text: applied only with `--unsafe-fixes`.
    Unsafe,
    /// Keeps the meaning; applied by `--fix`.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// Replace the bytes of `span` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

impl Edit {
    pub fn replace(span: impl Into<Span>, replacement: impl Into<String>) -> Self {
        Edit {
            span: span.into(),
            replacement: replacement.into(),
        }
    }

    pub fn delete(span: impl Into<Span>) -> Self {
        Edit::replace(span, "")
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Self {
        Edit::replace(at..at, text)
    }
}

/// A set of edits applied together or not at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    applicability: Applicability,
    edits: Vec<Edit>,
    /// The fix is meant to change the markup (close a fence, join emphasis to its text); other
    /// fixes that would change it lose their fix.
    repairs_markup: bool,
}

impl Fix {
    /// Sorts the edits; panics if two overlap, since that is a bug in the pass that built it.
    pub fn new(applicability: Applicability, mut edits: Vec<Edit>) -> Self {
        edits.sort_by_key(|edit| (edit.span.start, edit.span.end));
        for pair in edits.windows(2) {
            assert!(
                pair[0].span.end <= pair[1].span.start,
                "overlapping edits in one fix: {:?} and {:?}",
                pair[0].span,
                pair[1].span
            );
        }
        Fix {
            applicability,
            edits,
            repairs_markup: false,
        }
    }

    /// A fix whose point is to change the markup.
    pub fn repairing_markup(mut self) -> Self {
        self.repairs_markup = true;
        self
    }

    pub fn repairs_markup(&self) -> bool {
        self.repairs_markup
    }

    pub fn safe(edits: Vec<Edit>) -> Self {
        Fix::new(Applicability::Safe, edits)
    }

    pub fn unsafe_(edits: Vec<Edit>) -> Self {
        Fix::new(Applicability::Unsafe, edits)
    }

    pub fn applicability(&self) -> Applicability {
        self.applicability
    }

    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }

    /// Rewrites each edit (to move it to other coordinates); the mapping must keep their order.
    pub fn map_edits(&mut self, mut map: impl FnMut(&mut Edit)) {
        self.edits.iter_mut().for_each(&mut map);
        debug_assert!(self.edits.windows(2).all(|p| p[0].span.end <= p[1].span.start));
    }

    /// The bytes the fix touches, from its first edit to its last.
    pub fn span(&self) -> Span {
        let first = self.edits.first().map_or(0, |e| e.span.start);
        let last = self.edits.last().map_or(0, |e| e.span.end);
        Span::new(first, last)
    }
}

/// A span with an optional message, pointing at the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    /// Borrowed from the lint's TOML when it has no field to fill in (most labels).
    pub message: Option<Cow<'static, str>>,
}

impl Label {
    pub fn new(span: impl Into<Span>, message: Option<Cow<'static, str>>) -> Self {
        Label {
            span: span.into(),
            message,
        }
    }
}

/// One finding of one lint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The lint's stable name.
    pub lint: &'static str,
    /// Set by the runner from the configuration; passes leave the default.
    pub level: Level,
    pub message: String,
    pub primary: Label,
    pub secondary: Vec<Label>,
    /// Borrowed from the lint's TOML when it has no field to fill in (most helps).
    pub help: Option<Cow<'static, str>>,
    pub fix: Option<Fix>,
    /// An error whenever its lint is on, whatever the lint's level (a bidi control that makes
    /// displayed text differ from stored text).
    pub severe: bool,
    /// A warning at most, whatever its lint's level: found by a classifier's score, not by an
    /// exact phrase (a `deny` lint's error is kept for what is near-certain).
    pub tentative: bool,
}

impl Diagnostic {
    pub fn new(lint: &'static str, span: impl Into<Span>, message: impl Into<String>) -> Self {
        Diagnostic {
            lint,
            level: Level::Warn,
            message: message.into(),
            primary: Label::new(span, None),
            secondary: Vec::new(),
            help: None,
            fix: None,
            severe: false,
            tentative: false,
        }
    }

    pub fn with_label(mut self, label: impl Into<Cow<'static, str>>) -> Self {
        self.primary.message = Some(label.into());
        self
    }

    pub fn with_secondary(mut self, span: impl Into<Span>, message: impl Into<Cow<'static, str>>) -> Self {
        self.secondary.push(Label::new(span, Some(message.into())));
        self
    }

    pub fn with_help(mut self, help: impl Into<Cow<'static, str>>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn span(&self) -> Span {
        self.primary.span
    }
}

/// Sorts findings by span, then lint, keeping the order of equal ones (as a stable sort), in
/// place: a stable sort of the findings themselves would take a buffer of half of them, here an
/// index of four bytes each.
pub fn sort_by_place(diagnostics: &mut [Diagnostic]) {
    let key = |d: &Diagnostic| (d.span(), d.lint);
    if diagnostics.windows(2).all(|pair| key(&pair[0]) <= key(&pair[1])) {
        return;
    }
    let Ok(count) = u32::try_from(diagnostics.len()) else {
        diagnostics.sort_by(|a, b| key(a).cmp(&key(b)));
        return;
    };
    // `order[k]` is the finding that goes to place k; the index breaks ties as a stable sort.
    let mut order: Vec<u32> = (0..count).collect();
    order.sort_unstable_by_key(|&i| (key(&diagnostics[i as usize]), i));
    // Each cycle of the permutation is followed once, its findings swapped along it.
    const PLACED: u32 = u32::MAX;
    for start in 0..diagnostics.len() {
        let mut at = start;
        while order[at] != PLACED {
            let from = order[at] as usize;
            order[at] = PLACED;
            if from == start {
                break;
            }
            diagnostics.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorting_by_place_is_a_stable_sort() {
        // Several findings share a place: their order is kept, whatever the permutation.
        let places = [
            (5, "b"),
            (1, "a"),
            (5, "a"),
            (1, "a"),
            (0, "z"),
            (5, "b"),
            (3, "c"),
            (1, "a"),
        ];
        let diagnostics: Vec<Diagnostic> = places
            .iter()
            .enumerate()
            .map(|(i, &(at, lint))| Diagnostic::new(lint, at..at + 1, format!("#{i}")))
            .collect();
        let mut expected = diagnostics.clone();
        expected.sort_by(|a, b| (a.span(), a.lint).cmp(&(b.span(), b.lint)));
        let mut sorted = diagnostics;
        sort_by_place(&mut sorted);
        assert_eq!(sorted, expected);
        let messages: Vec<&str> = sorted.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, ["#4", "#1", "#3", "#7", "#6", "#2", "#0", "#5"]);
    }

    use super::*;

    #[test]
    fn fix_sorts_its_edits() {
        let fix = Fix::safe(vec![Edit::delete(5..6), Edit::insert(1, "x")]);
        assert_eq!(fix.edits()[0].span, Span::new(1, 1));
        assert_eq!(fix.span(), Span::new(1, 6));
    }

    #[test]
    #[should_panic(expected = "overlapping edits")]
    fn fix_rejects_overlapping_edits() {
        Fix::safe(vec![Edit::delete(1..4), Edit::delete(3..5)]);
    }

    #[test]
    fn safe_is_more_trusted_than_unsafe() {
        assert!(Applicability::Safe > Applicability::Unsafe);
        assert!(Level::Deny > Level::Warn && Level::Warn > Level::Allow);
    }
}
