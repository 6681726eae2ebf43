//! The benchmark script still works: `SMOKE=1 benches/run.sh` on a few MB with this build's
//! binary, one run each. It checks that the script runs and prints its tables, not speed.

use std::process::Command;

mod common;

#[test]
fn the_benchmark_script_runs_on_a_few_megabytes() {
    let root = common::manifest_dir();
    if !root.join("../shared/corpus").is_dir() || Command::new("python3").arg("--version").output().is_err() {
        eprintln!("no ../shared/corpus or no python3: the benchmark cannot run here");
        return;
    }
    let output = Command::new("bash")
        .arg("benches/run.sh")
        .current_dir(&root)
        .env("SMOKE", "1")
        .env("MTLINT_BIN", env!("CARGO_BIN_EXE_mtlint"))
        .output()
        .expect("bash runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for row in [
        "a-clean-2mb.md",
        "b-mt-2mb.txt",
        "c-tree-200",
        "d-corpus-2mb.jsonl",
        "startup on a one-line file",
        "stray-guillemet",
    ] {
        assert!(
            text.contains(row),
            "`{row}` missing from the benchmark's output:\n{text}"
        );
    }
}
