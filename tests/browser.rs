//! `--format html` in a real browser: headless Chromium renders the report of the seed (and of
//! `../shared/corpus/dev/mt/` when it is there), every finding is in the page with its span
//! highlighted, the lint filter hides the others, and a screenshot is made. Skipped, saying so,
//! where Chromium is not installed; on CI (`CI` set) that is a failure, since `.ci/run` installs it.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_mtlint");

fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|name| {
            Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "Chromium is not installed, and CI runs this test (`.ci/run` installs it)"
        );
        eprintln!("skipped: Chromium is not installed (apt-get install chromium to run this test)");
    }
    found
}

fn browse(browser: &str, args: &[&str], page: &str) -> Vec<u8> {
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(page)
        .output()
        .expect("the browser runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    output.stdout
}

/// The report of `files` as a page, and their findings as `--format json` gives them.
fn report(files: &[PathBuf], folder: &Path) -> (PathBuf, Vec<serde_json::Value>) {
    let page = folder.join("report.html");
    let html = Command::new(BIN)
        .args(["check", "--no-config", "--format", "html"])
        .args(files)
        .output()
        .unwrap();
    assert!(
        html.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&html.stderr)
    );
    std::fs::write(&page, &html.stdout).unwrap();
    let json = Command::new(BIN)
        .args(["check", "--no-config", "--format", "json"])
        .args(files)
        .output()
        .unwrap();
    (page, serde_json::from_slice(&json.stdout).unwrap())
}

/// The text of the elements `<tag …>…</tag>` of `dom` whose start tag holds `marker`, unescaped.
fn elements<'a>(dom: &'a str, tag: &str, marker: &str) -> Vec<(&'a str, String)> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut found = Vec::new();
    let mut rest = dom;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start..];
        let tag_end = after.find('>').unwrap();
        let end = after.find(&close).unwrap();
        let start_tag = &after[..tag_end];
        if start_tag.contains(marker) {
            let inner = after[tag_end + 1..end]
                .replace("&nbsp;", "\u{a0}")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
            found.push((start_tag, inner));
        }
        rest = &after[end + close.len()..];
    }
    found
}

fn check_page(browser: &str, files: &[PathBuf]) {
    let folder = tempfile::tempdir().unwrap();
    let (page, findings) = report(files, folder.path());
    assert!(!findings.is_empty());
    let url = format!("file://{}", page.display());
    let dom = String::from_utf8(browse(browser, &["--dump-dom"], &url)).unwrap();
    // Every finding, in order, its span highlighted.
    let shown = elements(&dom, "li", "class=\"finding");
    assert_eq!(shown.len(), findings.len(), "one item per finding");
    let marks = elements(&dom, "mark", "");
    assert_eq!(marks.len(), findings.len());
    for (finding, (_, marked)) in findings.iter().zip(&marks) {
        let text = std::fs::read_to_string(finding["path"].as_str().unwrap()).unwrap();
        let span =
            &text[finding["byte_start"].as_u64().unwrap() as usize..finding["byte_end"].as_u64().unwrap() as usize];
        if span.chars().all(|c| !c.is_control() && !matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')) {
            assert_eq!(marked, span, "{finding}");
        }
    }
    // Without a filter nothing is hidden, and a report this short has every file open.
    assert!(shown.iter().all(|(tag, _)| !tag.contains("hidden")));
    assert!(findings.len() <= 500);
    let files = elements(&dom, "details", "class=\"file\"");
    assert!(
        !files.is_empty() && files.iter().all(|(tag, _)| tag.contains("open")),
        "files open"
    );
    // The filter from the address: one lint shown, the others hidden.
    let lint = findings[0]["code"].as_str().unwrap();
    let filtered = String::from_utf8(browse(browser, &["--dump-dom"], &format!("{url}#lint={lint}"))).unwrap();
    let items = elements(&filtered, "li", "class=\"finding");
    assert_eq!(items.len(), findings.len());
    for (tag, _) in items {
        let hidden = tag.contains("hidden");
        assert_eq!(hidden, !tag.contains(&format!("data-lint=\"{lint}\"")), "{tag}");
    }
}

#[test]
fn the_report_of_the_seed_renders_in_chromium_with_every_finding() {
    let Some(browser) = chromium() else { return };
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed = repo.join("tests/corpus/seed-news-fr-en.txt");
    check_page(browser, std::slice::from_ref(&seed));
    // And a screenshot of it.
    let folder = tempfile::tempdir().unwrap();
    let (page, _) = report(&[seed], folder.path());
    let shot = folder.path().join("report.png");
    browse(
        browser,
        &["--window-size=1200,1600", &format!("--screenshot={}", shot.display())],
        &format!("file://{}", page.display()),
    );
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 10_000,
        "a PNG: {} bytes",
        png.len()
    );
}

#[test]
fn the_report_of_the_dev_set_renders_with_every_finding() {
    let Some(browser) = chromium() else { return };
    let dev = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev/mt");
    let Ok(entries) = std::fs::read_dir(&dev) else {
        assert!(
            std::env::var_os("CI").is_none() || !Path::new("../shared").exists(),
            "no dev set"
        );
        eprintln!("skipped: no ../shared/corpus/dev/mt here");
        return;
    };
    let mut files: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    files.sort();
    check_page(browser, &files);
}
