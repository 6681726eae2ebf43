//! Expected-output files for the UI and CLI tests: compared exactly, rewritten with
//! `MTLINT_BLESS=1 cargo test`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn blessing() -> bool {
    std::env::var_os("MTLINT_BLESS").is_some_and(|v| v != "0" && !v.is_empty())
}

/// Compares `actual` with the file at `expected` (or writes it when blessing). Returns a
/// description of the mismatch, with a diff, instead of panicking, so one run lists them all.
pub fn compare(expected: &Path, actual: &str) -> Result<(), String> {
    if blessing() {
        std::fs::write(expected, actual).map_err(|err| format!("{}: {err}", expected.display()))?;
        return Ok(());
    }
    let wanted = std::fs::read_to_string(expected).unwrap_or_default();
    if wanted == actual {
        return Ok(());
    }
    let diff = similar::TextDiff::from_lines(&wanted, actual);
    Err(format!(
        "{} differs from the actual output (- expected, + actual):\n{}\nIf the new output is right, run `MTLINT_BLESS=1 cargo test` and review the diff.",
        expected.display(),
        diff.unified_diff().context_radius(2)
    ))
}

/// Panics listing every failure, if any.
pub fn report(failures: Vec<String>) {
    assert!(
        failures.is_empty(),
        "{} failure(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
