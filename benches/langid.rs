//! Untranslated clauses: mtlint's function-word rule against the `whatlang` language
//! identifier restricted to English and the five source languages, on the same clauses.
//! Prints precision and recall on `tests/corpus/langid.tsv` plus every sentence of
//! `../shared/corpus/clean/` (English), and the speed of each over the clean sentences.
//!
//! `cargo bench --bench langid`

use std::time::Instant;

use whatlang::{Detector, Lang};

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let labelled = std::fs::read_to_string(root.join("tests/corpus/langid.tsv")).expect("tests/corpus/langid.tsv");
    let mut clauses: Vec<(bool, String)> = labelled
        .lines()
        .skip(1)
        .filter_map(|line| line.split_once('\t'))
        .map(|(label, text)| (label != "en", text.to_owned()))
        .collect();
    let mut english = Vec::new();
    if let Ok(entries) = std::fs::read_dir(root.join("../shared/corpus/clean")) {
        for entry in entries.flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            for sentence in text
                .split(['.', '?', '!', '\n'])
                .map(str::trim)
                .filter(|s| s.split_whitespace().count() >= 3)
            {
                english.push(sentence.to_owned());
            }
        }
    }
    clauses.extend(english.iter().map(|s| (false, s.clone())));

    let detector = Detector::with_allowlist(vec![Lang::Eng, Lang::Fra, Lang::Deu, Lang::Spa, Lang::Ita, Lang::Por]);
    let function_words = |text: &str| mtlint::language::source_clause(text).is_some();
    let identifier = |text: &str| {
        detector
            .detect(text)
            .is_some_and(|info| info.lang() != Lang::Eng && info.is_reliable())
    };

    println!(
        "{} clauses: {} in a source language, {} English",
        clauses.len(),
        clauses.iter().filter(|c| c.0).count(),
        clauses.iter().filter(|c| !c.0).count()
    );
    println!(
        "{:<28} {:>5} {:>5} {:>5} {:>10} {:>7} {:>10}",
        "method", "tp", "fp", "fn", "precision", "recall", "MB/s"
    );
    let bytes: usize = english.iter().map(String::len).sum::<usize>().max(1);
    for (name, method) in [
        ("function words (mtlint)", &function_words as &dyn Fn(&str) -> bool),
        ("whatlang, reliable only", &identifier),
    ] {
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for (source, text) in &clauses {
            match (method(text), *source) {
                (true, true) => tp += 1,
                (true, false) => {
                    fp += 1;
                    if std::env::var_os("LANGID_MISSES").is_some() {
                        println!("  wrongly flagged by {name}: {text}");
                    }
                }
                (false, true) => {
                    fn_ += 1;
                    if std::env::var_os("LANGID_MISSES").is_some() {
                        println!("  missed by {name}: {text}");
                    }
                }
                _ => {}
            }
        }
        // Speed over the English sentences, repeated to about 20 MB; median of 5 runs.
        let rounds = (20_000_000 / bytes).max(1);
        let mut times: Vec<f64> = (0..5)
            .map(|_| {
                let start = Instant::now();
                let mut hits = 0usize;
                for _ in 0..rounds {
                    hits += english.iter().filter(|s| method(s)).count();
                }
                std::hint::black_box(hits);
                start.elapsed().as_secs_f64()
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let mb_per_s = (bytes * rounds) as f64 / 1e6 / times[2];
        let precision = 100.0 * tp as f64 / (tp + fp).max(1) as f64;
        let recall = 100.0 * tp as f64 / (tp + fn_).max(1) as f64;
        println!("{name:<28} {tp:>5} {fp:>5} {fn_:>5} {precision:>9.1}% {recall:>6.1}% {mb_per_s:>10.1}");
    }
}
