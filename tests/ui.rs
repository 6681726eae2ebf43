//! UI tests, as clippy's: `tests/ui/<lint>[.<case>].{txt,md}` is linted with that lint alone
//! (at its default level, or `warn` for a lint off by default); `.out` holds the exact human report and, for a lint with fixes,
//! `.fixed` the text with every fix applied. `MTLINT_BLESS=1 cargo test` rewrites them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use annotate_snippets::Renderer;
use mtlint::diagnostic::{Applicability, Level};
use mtlint::formats::Format;
use mtlint::source::Source;
use mtlint::spec::Engine;
use mtlint::{Linter, fix, registry, render};

mod common;

fn ui_dir() -> PathBuf {
    common::manifest_dir().join("tests/ui")
}

fn inputs() -> Vec<PathBuf> {
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(ui_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| Format::from_path(path).is_some())
        .collect();
    inputs.sort();
    inputs
}

fn lint_of(input: &Path) -> &str {
    let name = input.file_name().unwrap().to_str().unwrap();
    name.split('.').next().unwrap()
}

fn report(path: &str, text: &str, format: Format, linter: &Linter, lint: &str) -> String {
    let source = Source::new(path, text);
    let mut diagnostics = linter.check(&source, format);
    diagnostics.retain(|d| d.lint == lint);
    let mut out = String::new();
    render::human::render(&Renderer::plain(), &source, &diagnostics, &mut out, &mut |_| {});
    out
}

#[test]
fn ui() {
    let mut failures = Vec::new();
    for input in inputs() {
        let lint_name = lint_of(&input);
        let Some(lint) = registry::get(lint_name) else {
            failures.push(format!("{}: no lint named `{lint_name}`", input.display()));
            continue;
        };
        let linter = match lint.spec.engine {
            // A core lint (suppressions) works with the others: all on, at their defaults.
            Engine::Core => Linter::default(),
            _ => Linter::only(lint_name, lint.spec.level.max(Level::Warn)).unwrap(),
        };
        let format = Format::from_path(&input).unwrap();
        let text = std::fs::read_to_string(&input).unwrap();
        let shown = format!("tests/ui/{}", input.file_name().unwrap().to_str().unwrap());
        let out = report(&shown, &text, format, &linter, lint_name);
        if out.is_empty() {
            failures.push(format!(
                "{}: `{lint_name}` reports nothing; a UI test shows findings",
                input.display()
            ));
        }
        failures.extend(common::compare(&input.with_extension("out"), &out).err());
        let fixed_path = input.with_extension("fixed");
        if lint.spec.fix.is_none() {
            if fixed_path.exists() {
                failures.push(format!("{}: `{lint_name}` has no fix", fixed_path.display()));
            }
            continue;
        }
        let fixed = fix::fix(&linter, &shown, text.clone(), format, Applicability::Unsafe);
        failures.extend(common::compare(&fixed_path, &fixed.text).err());
        // Idempotence: fixing the fixed text changes nothing.
        let again = fix::fix(&linter, &shown, fixed.text.clone(), format, Applicability::Unsafe);
        if again.text != fixed.text {
            failures.push(format!("{}: a second fix changes the text again", input.display()));
        }
    }
    common::report(failures);
}

#[test]
fn every_expected_file_has_its_input_and_every_lint_a_test() {
    let inputs: BTreeSet<PathBuf> = inputs().into_iter().collect();
    let stems: BTreeSet<PathBuf> = inputs.iter().map(|input| input.with_extension("")).collect();
    assert_eq!(
        stems.len(),
        inputs.len(),
        "a .txt and a .md input share a name, so their expected files would too"
    );
    for entry in std::fs::read_dir(ui_dir()).unwrap() {
        let path = entry.unwrap().path();
        if matches!(path.extension().and_then(|e| e.to_str()), Some("out" | "fixed")) {
            let has_input = inputs
                .iter()
                .any(|input| input.with_extension("") == path.with_extension(""));
            assert!(has_input, "{} has no input beside it", path.display());
        }
    }
    let tested: BTreeSet<&str> = inputs.iter().map(|input| lint_of(input)).collect();
    for lint in registry::lints() {
        assert!(
            tested.contains(lint.name),
            "`{}` has no UI test in tests/ui/",
            lint.name
        );
    }
}
