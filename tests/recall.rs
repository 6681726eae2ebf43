//! Recall over `../shared/corpus/mt/LABELS.tsv`: every labelled artifact (file, line, lint) is
//! looked for among the findings of all lints at `warn` (`-W all`). Prints a table per lint and
//! fails below 95% overall. The lints find the artifacts from their own data; this test only
//! compares what they report with the labels.

use std::collections::{BTreeMap, BTreeSet};

use mtlint::Linter;
use mtlint::diagnostic::Level;
use mtlint::formats::Format;
use mtlint::registry;
use mtlint::source::Source;

mod common;

#[test]
fn recall_over_the_labelled_corpus_is_at_least_95_percent() {
    let corpus = common::manifest_dir().join("../shared/corpus/mt");
    let Ok(labels) = std::fs::read_to_string(corpus.join("LABELS.tsv")) else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "../shared/corpus/mt/LABELS.tsv not found: recall must be measured in CI"
        );
        eprintln!("SKIPPED: ../shared/corpus/mt/LABELS.tsv not found, recall not measured");
        return;
    };
    let linter = Linter::new(vec![Level::Warn; registry::lints().len()]);
    let mut found_by_file: BTreeMap<String, BTreeSet<(usize, &'static str)>> = BTreeMap::new();
    // Per lint: labelled, found.
    let mut table: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut missed = Vec::new();
    for row in labels.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let fields: Vec<&str> = row.split('\t').collect();
        let (file, line, lint) = (fields[0], fields[1].parse::<usize>().unwrap(), fields[2]);
        let found = found_by_file.entry(file.to_owned()).or_insert_with(|| {
            let text = std::fs::read_to_string(corpus.join(file)).unwrap();
            let source = Source::new(file, text);
            let format = Format::from_path(std::path::Path::new(file)).unwrap_or(Format::Plain);
            linter
                .check(&source, format)
                .iter()
                .map(|d| (source.line_col(d.span().start).0, d.lint))
                .collect()
        });
        let hit = found.contains(&(line, lint));
        let entry = table.entry(lint.to_owned()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(hit);
        if !hit {
            missed.push(format!("{file}:{line} {lint} ({})", fields.get(3).unwrap_or(&"")));
        }
    }
    let (labelled, found): (usize, usize) = table.values().fold((0, 0), |(a, b), (l, f)| (a + l, b + f));
    println!("{:<22} {:>9} {:>6} {:>7}", "lint", "labelled", "found", "recall");
    for (lint, (l, f)) in &table {
        let note = if registry::get(lint).is_none() {
            "  (no such lint yet)"
        } else {
            ""
        };
        println!("{lint:<22} {l:>9} {f:>6} {:>6.1}%{note}", 100.0 * *f as f64 / *l as f64);
    }
    let recall = 100.0 * found as f64 / labelled as f64;
    println!("{:<22} {labelled:>9} {found:>6} {recall:>6.1}%", "all");
    for miss in &missed {
        println!("missed: {miss}");
    }
    assert!(
        recall >= 95.0,
        "recall {recall:.1}% is below 95%; missed:\n{}",
        missed.join("\n")
    );
}
