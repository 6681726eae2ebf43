//! Labelled artifacts (`LABELS.tsv`) scored against mtlint's findings: shared by the quality
//! harness (`examples/quality.rs`) and the recall test (`tests/quality.rs`).

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use mtlint::Linter;
use mtlint::formats::Format;
use mtlint::source::Source;

/// Classes no target-only linter is expected to catch: scored apart, never in the core figure.
pub const JUDGEMENT: &[&str] = &[
    "other:garbled",
    "other:truncated",
    "other:dropped-text",
    "other:lowercase-headline",
    "other:lowercase-sentence-start",
];

/// The lints that catch a class (the dev set's README); a class that is a lint's name is that lint.
pub fn lints_for(class: &str) -> Vec<&str> {
    match class {
        "other:page-chrome" | "share-boilerplate" | "orphan-label" | "other:mt-footer" => vec!["page-chrome"],
        "other:kicker-label" => vec!["page-chrome", "ui-string"],
        "other:unbalanced-quote" => vec!["unbalanced-quote"],
        "untranslated-word" => vec!["untranslated"],
        "other:translated-proper-noun" => vec!["translated-name"],
        "other:calque" => vec!["calque"],
        "other:date-format" => vec!["source-number-format"],
        "other:broken-markup" | "other:heading-period" | "other:list-number-leak" => vec!["markdown-damage"],
        "other:glued-words" | "other:missing-space" => vec!["glued-words"],
        "other:double-punct" => vec!["doubled-word"],
        lint => vec![lint],
    }
}

/// How a class counts in the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Counted in core recall.
    Core,
    /// Its lint is `allow` by default (`false-friend`): reported apart.
    OffByDefault,
    /// A judgement call (see [`JUDGEMENT`]).
    Judgement,
}

pub struct Row {
    pub file: String,
    pub line: usize,
    pub class: String,
    pub excerpt: String,
    pub ambiguous: bool,
}

impl Row {
    pub fn kind(&self, linter: &Linter) -> Kind {
        if JUDGEMENT.contains(&self.class.as_str()) {
            return Kind::Judgement;
        }
        let enabled = lints_for(&self.class).iter().any(|name| {
            linter
                .ruleset()
                .index_of(name)
                .is_some_and(|i| linter.levels()[i] != mtlint::diagnostic::Level::Allow)
        });
        if enabled { Kind::Core } else { Kind::OffByDefault }
    }
}

/// The rows of a `LABELS.tsv` (header skipped). A malformed row is an error naming its line.
pub fn read(path: &Path) -> Result<Vec<Row>, String> {
    let text = std::fs::read_to_string(path).map_err(|err| format!("{}: {err}", path.display()))?;
    let mut rows = Vec::new();
    for (index, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let parsed = fields.get(1).and_then(|n| n.parse().ok());
        let (Some(line_number), Some(class)) = (parsed, fields.get(2)) else {
            return Err(format!(
                "{}:{}: not `file<TAB>line<TAB>class…`",
                path.display(),
                index + 1
            ));
        };
        let comment = fields.get(4).copied().unwrap_or("");
        rows.push(Row {
            file: fields[0].to_owned(),
            line: line_number,
            class: (*class).to_owned(),
            excerpt: fields.get(3).copied().unwrap_or("").to_owned(),
            ambiguous: comment.contains("ambiguous"),
        });
    }
    Ok(rows)
}

/// Every (line, lint) a finding covers, per file of `rows`, files read from `dir`.
pub fn findings(
    dir: &Path,
    rows: &[Row],
    linter: &Linter,
) -> Result<BTreeMap<String, BTreeSet<(usize, String)>>, String> {
    let mut by_file = BTreeMap::new();
    for row in rows {
        if by_file.contains_key(&row.file) {
            continue;
        }
        let path = dir.join(&row.file);
        let text = std::fs::read_to_string(&path).map_err(|err| format!("{}: {err}", path.display()))?;
        let source = Source::new(row.file.clone(), text);
        let format = Format::from_path(Path::new(&row.file)).unwrap_or(Format::Plain);
        let mut covered = BTreeSet::new();
        for diagnostic in linter.check(&source, format) {
            let span = diagnostic.span();
            let first = source.line_col(span.start).0;
            let last = source.line_col(span.end.max(span.start + 1) - 1).0.max(first);
            for line in first..=last {
                covered.insert((line, diagnostic.lint.to_owned()));
            }
        }
        by_file.insert(row.file.clone(), covered);
    }
    Ok(by_file)
}

/// Found and labelled counts per class, and the rows missed.
#[derive(Default)]
pub struct Score {
    pub classes: BTreeMap<(Kind, String), (usize, usize)>,
    pub missed: Vec<String>,
}

impl Score {
    pub fn of(dir: &Path, rows: &[Row], linter: &Linter) -> Result<Score, String> {
        let found = findings(dir, rows, linter)?;
        let mut score = Score::default();
        for row in rows.iter().filter(|row| !row.ambiguous) {
            let covered = &found[&row.file];
            let hit = lints_for(&row.class)
                .iter()
                .any(|lint| covered.contains(&(row.line, (*lint).to_owned())));
            let entry = score.classes.entry((row.kind(linter), row.class.clone())).or_default();
            entry.0 += 1;
            entry.1 += usize::from(hit);
            if !hit {
                score
                    .missed
                    .push(format!("{}:{} {} `{}`", row.file, row.line, row.class, row.excerpt));
            }
        }
        Ok(score)
    }

    /// (labelled, found) over the classes of `kind`.
    pub fn total(&self, kind: Kind) -> (usize, usize) {
        self.classes
            .iter()
            .filter(|((k, _), _)| *k == kind)
            .fold((0, 0), |(l, f), (_, (a, b))| (l + a, f + b))
    }

    pub fn recall(&self, kind: Kind) -> f64 {
        let (labelled, found) = self.total(kind);
        if labelled == 0 {
            1.0
        } else {
            found as f64 / labelled as f64
        }
    }

    /// The per-class table, as printed by the harness and the test.
    pub fn table(&self) -> String {
        let mut out = format!("{:<34} {:>8} {:>6} {:>7}\n", "class", "labelled", "found", "recall");
        for kind in [Kind::Core, Kind::OffByDefault, Kind::Judgement] {
            for ((k, class), (labelled, found)) in &self.classes {
                if *k == kind {
                    let recall = *found as f64 / *labelled as f64;
                    out += &format!("{class:<34} {labelled:>8} {found:>6} {recall:>7.2}\n");
                }
            }
            let (labelled, found) = self.total(kind);
            if labelled > 0 {
                let name = match kind {
                    Kind::Core => "= core",
                    Kind::OffByDefault => "= off by default (not in core)",
                    Kind::Judgement => "= judgement (not in core)",
                };
                out += &format!("{name:<34} {labelled:>8} {found:>6} {:>7.2}\n", self.recall(kind));
            }
        }
        out
    }
}
