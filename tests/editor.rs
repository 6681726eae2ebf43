//! A real editor: headless Neovim, with the configuration the README documents
//! (`editors/neovim/mtlint.lua`), opens the seed and sees the findings of `mtlint check`.
//! Skipped, saying so, where Neovim is not installed; on CI (`CI` set) that is a failure, since
//! `.ci/run` installs it.

use std::path::Path;
use std::process::Command;

#[test]
fn neovim_shows_the_findings_of_check_on_the_seed() {
    if Command::new("nvim").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "nvim is not installed, and CI runs this test (`.ci/run` installs Neovim)"
        );
        eprintln!("skipped: nvim is not installed (apt-get install neovim to run this test)");
        return;
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let folder = tempfile::tempdir().unwrap();
    let seed = folder.path().join("seed.txt");
    std::fs::copy(repo.join("tests/corpus/seed-news-fr-en.txt"), &seed).unwrap();
    let report = folder.path().join("report.txt");
    let bin = Path::new(env!("CARGO_BIN_EXE_mtlint"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let status = Command::new("nvim")
        .args(["--headless", "-i", "NONE", "-u"])
        .arg(repo.join("editors/neovim/mtlint.lua"))
        .arg("-c")
        .arg(format!("luafile {}", repo.join("tests/editor/report.lua").display()))
        .arg(&seed)
        .current_dir(folder.path())
        .env("PATH", path)
        .env("MTLINT_REPORT", &report)
        .env("XDG_CONFIG_HOME", folder.path().join("config"))
        .env("XDG_DATA_HOME", folder.path().join("data"))
        .env("XDG_STATE_HOME", folder.path().join("state"))
        .status()
        .expect("nvim runs");
    assert!(status.success(), "nvim: {status}");
    let mut seen: Vec<String> = std::fs::read_to_string(&report)
        .expect("the report script wrote its file")
        .lines()
        .map(str::to_owned)
        .collect();
    seen.sort();
    let check = Command::new(bin)
        .args(["check", "--format", "json"])
        .arg(&seed)
        .current_dir(folder.path())
        .output()
        .unwrap();
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&check.stdout).unwrap();
    let mut expected: Vec<String> = findings
        .iter()
        .map(|f| format!("{} {}", f["code"].as_str().unwrap(), f["line"]))
        .collect();
    expected.sort();
    assert!(expected.len() >= 10);
    assert_eq!(seen, expected);
}
