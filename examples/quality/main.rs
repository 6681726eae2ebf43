//! The quality harness (README § Quality): recall on the labelled MT files and false positives
//! per 10,000 lines on clean English, at the default lint levels. `benches/quality.sh` assembles
//! the clean corpus and runs this; it can also be run by hand:
//!
//! ```sh
//! cargo run --release --example quality -- --shared ../shared --clean man=target/quality/man
//! ```

mod labels;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use mtlint::Linter;
use mtlint::diagnostic::Level;
use mtlint::formats::Format;
use mtlint::source::Source;
use rayon::prelude::*;

use labels::Score;

struct Args {
    shared: PathBuf,
    /// (genre, folder)
    clean: Vec<(String, PathBuf)>,
    top: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        shared: PathBuf::from("../shared"),
        clean: Vec::new(),
        top: 20,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--shared" => args.shared = PathBuf::from(value()?),
            "--top" => args.top = value()?.parse().map_err(|_| "--top takes a number".to_owned())?,
            "--clean" => {
                let value = value()?;
                let (genre, dir) = value
                    .split_once('=')
                    .ok_or_else(|| format!("--clean takes GENRE=FOLDER, not `{value}`"))?;
                args.clean.push((genre.to_owned(), PathBuf::from(dir)));
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("quality: {err}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let linter = Linter::default();
    let corpus = args.shared.join("corpus");
    for (name, dir) in [
        ("dev/mt", corpus.join("dev")),
        ("mt (shared labels)", corpus.join("mt")),
    ] {
        let rows = labels::read(&dir.join("LABELS.tsv"))?;
        let score = Score::of(&dir, &rows, &linter)?;
        let ambiguous = rows.iter().filter(|r| r.ambiguous).count();
        println!(
            "## Recall on {name} ({} rows, {ambiguous} ambiguous left out)\n",
            rows.len()
        );
        println!("{}", score.table());
        for miss in &score.missed {
            println!("missed: {miss}");
        }
        println!();
    }
    let mut clean = vec![
        ("shared-clean".to_owned(), corpus.join("clean")),
        ("dev-clean".to_owned(), corpus.join("dev/clean")),
    ];
    clean.extend(args.clean);
    false_positives(&linter, &clean, args.top)
}

/// One finding on clean text.
struct Finding {
    genre: String,
    path: String,
    line: usize,
    line_text: String,
    lint: &'static str,
    level: Level,
    /// What groups findings in the most-frequent list: the lint and the flagged text.
    key: String,
}

/// Lines and findings per genre, per lint, and the most frequent findings.
fn false_positives(linter: &Linter, genres: &[(String, PathBuf)], top: usize) -> Result<(), String> {
    let mut files = Vec::new();
    for (genre, dir) in genres {
        if !dir.is_dir() {
            println!("(genre {genre}: {} not found, left out)", dir.display());
            continue;
        }
        for entry in walk(dir) {
            files.push((genre.clone(), entry));
        }
    }
    let results: Vec<(String, usize, Vec<Finding>, bool)> = files
        .par_iter()
        .map(|(genre, path)| {
            let Ok(text) = std::fs::read_to_string(path) else {
                return (genre.clone(), 0, Vec::new(), false);
            };
            let lines = text.lines().count();
            let format = Format::from_path(path).unwrap_or(Format::Plain);
            let source = Source::new(path.display().to_string(), text);
            let findings = linter
                .check(&source, format)
                .into_iter()
                .filter(|d| d.level != Level::Allow)
                .map(|d| {
                    let line = source.line_col(d.span().start).0;
                    let range = source.line_range(line);
                    let line_text = source.text()[range].trim_end().to_owned();
                    let flagged: String = source.text()[d.span().range()].chars().take(40).collect();
                    Finding {
                        genre: genre.clone(),
                        path: source.path().to_owned(),
                        line,
                        line_text,
                        lint: d.lint,
                        level: d.level,
                        key: format!("{} `{}`", d.lint, flagged.trim()),
                    }
                })
                .collect();
            (genre.clone(), lines, findings, true)
        })
        .collect();

    // genre → (files, unreadable, lines, warnings, errors); (genre, lint) → count
    let mut per_genre: BTreeMap<&str, (usize, usize, usize, usize, usize)> = BTreeMap::new();
    let mut per_lint: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut by_key: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for (genre, lines, findings, readable) in &results {
        let entry = per_genre.entry(genre).or_default();
        entry.0 += 1;
        entry.1 += usize::from(!readable);
        entry.2 += lines;
        for finding in findings {
            if finding.level == Level::Deny {
                entry.4 += 1;
            } else {
                entry.3 += 1;
            }
            *per_lint.entry((genre, finding.lint)).or_default() += 1;
            by_key.entry(&finding.key).or_default().push(finding);
        }
    }
    println!("## False positives on clean English, per 10,000 lines\n");
    println!("(folders named as a language code other than English, which hold translations, are left out)\n");
    println!(
        "{:<14} {:>7} {:>10} {:>9} {:>7} {:>9} {:>7}",
        "genre", "files", "lines", "warnings", "errors", "per 10k", "errors/10k"
    );
    let mut all = (0, 0, 0, 0, 0);
    for (genre, (files, unreadable, lines, warnings, errors)) in &per_genre {
        let per = |n: usize| {
            if *lines == 0 {
                0.0
            } else {
                n as f64 * 10_000.0 / *lines as f64
            }
        };
        let skipped = if *unreadable > 0 {
            format!("  ({unreadable} not UTF-8, left out)")
        } else {
            String::new()
        };
        println!(
            "{genre:<14} {files:>7} {lines:>10} {warnings:>9} {errors:>7} {:>9.2} {:>7.2}{skipped}",
            per(warnings + errors),
            per(*errors)
        );
        all = (
            all.0 + files,
            all.1 + unreadable,
            all.2 + lines,
            all.3 + warnings,
            all.4 + errors,
        );
    }
    let per_all = |n: usize| {
        if all.2 == 0 {
            0.0
        } else {
            n as f64 * 10_000.0 / all.2 as f64
        }
    };
    println!(
        "{:<14} {:>7} {:>10} {:>9} {:>7} {:>9.2} {:>7.2}\n",
        "all",
        all.0,
        all.2,
        all.3,
        all.4,
        per_all(all.3 + all.4),
        per_all(all.4)
    );
    println!("### Per lint and genre (findings)\n");
    for ((genre, lint), count) in &per_lint {
        println!("{genre:<14} {lint:<22} {count:>6}");
    }
    let mut frequent: Vec<_> = by_key.into_iter().collect();
    frequent.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    println!("\n### The {top} most frequent\n");
    for (key, findings) in frequent.iter().take(top) {
        let first = findings[0];
        let line: String = first.line_text.chars().take(120).collect();
        println!(
            "{:>5}× {key} [{}]\n       {}:{}: {line}",
            findings.len(),
            first.genre,
            first.path,
            first.line
        );
    }
    Ok(())
}

/// Folders that hold a translation of the docs beside them (`rust-by-example/es/`, `w3m/de/`):
/// not English, so not part of a clean English corpus.
const TRANSLATIONS: &[&str] = &[
    "de", "es", "fr", "it", "pt", "pt-BR", "pt_BR", "ja", "zh", "zh-CN", "zh_CN", "zh-TW", "zh_TW", "ko", "ru", "pl",
    "nl", "sv", "fi", "da", "nb", "cs", "hu", "tr", "uk", "el", "ro", "ca", "id", "vi", "fa", "he", "ar",
];

/// The files below `dir`, sorted, links and translated folders not followed.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                if !TRANSLATIONS.iter().any(|t| entry.file_name() == *t) {
                    stack.push(entry.path());
                }
            } else if kind.is_file() {
                files.push(entry.path());
            }
        }
    }
    files.sort();
    files
}
