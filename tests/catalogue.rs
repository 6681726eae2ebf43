//! The catalogue's conventions (STYLE.md) and every lint's examples, run as tests.

use std::collections::BTreeSet;

use mtlint::diagnostic::{Applicability, Level};
use mtlint::formats::Format;
use mtlint::source::Source;
use mtlint::spec::Engine;
use mtlint::{Linter, fix, passes, registry};

mod common;

#[test]
fn registry_matches_the_lints_folder() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(common::manifest_dir().join("lints"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .map(|name| {
            name.strip_suffix(".toml")
                .unwrap_or_else(|| panic!("lints/{name} is not a .toml file"))
                .to_owned()
        })
        .collect();
    let registered: BTreeSet<String> = registry::catalogue_names().map(str::to_owned).collect();
    assert_eq!(
        on_disk, registered,
        "src/registry.rs must list exactly the files of lints/"
    );
}

#[test]
fn every_pass_lint_has_a_pass_and_every_pass_a_lint() {
    for lint in registry::lints() {
        let has_pass = passes::pass_for(lint.name).is_some();
        if lint.spec.engine == Engine::Core {
            assert!(!has_pass, "`{}` is reported by the core, not a pass", lint.name);
            continue;
        }
        assert_eq!(
            lint.spec.engine == Engine::Pass,
            has_pass,
            "`{}`: engine = \"pass\" and src/passes/ must agree",
            lint.name
        );
    }
    for (name, _) in passes::PASSES {
        assert!(registry::get(name).is_some(), "pass `{name}` has no lints/{name}.toml");
    }
    let files: BTreeSet<String> = std::fs::read_dir(common::manifest_dir().join("src/passes"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name != "mod.rs")
        .collect();
    let expected: BTreeSet<String> = passes::PASSES
        .iter()
        .map(|(name, _)| format!("{}.rs", name.replace('-', "_")))
        .collect();
    assert_eq!(
        files, expected,
        "one file in src/passes/ per pass, named after the lint"
    );
}

#[test]
fn names_are_kebab_case_nouns_for_the_problem() {
    for lint in registry::lints() {
        let name = lint.name;
        assert!(
            !name.is_empty()
                && name
                    .split('-')
                    .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase())),
            "`{name}` is not kebab-case"
        );
        for cure in ["no-", "avoid-", "use-", "prefer-", "missing-"] {
            assert!(!name.starts_with(cure), "`{name}` names the cure, not the problem");
        }
    }
}

/// Lowercase start (or a backtick), no final period.
fn check_sentence(lint: &str, what: &str, text: &str, failures: &mut Vec<String>) {
    let first = text.chars().next().unwrap_or(' ');
    if !(first.is_lowercase() || first == '`' || first == '{') {
        failures.push(format!("`{lint}` {what} must start lowercase: {text:?}"));
    }
    if text.ends_with('.') {
        failures.push(format!("`{lint}` {what} must not end with a period: {text:?}"));
    }
    for field in ["{text}", "{mark}", "{guillemet}", "{curly}"] {
        if text.contains(field) && !text.contains(&format!("`{field}`")) {
            failures.push(format!("`{lint}` {what} must quote {field} in backticks: {text:?}"));
        }
    }
}

#[test]
fn messages_follow_the_conventions() {
    let mut failures = Vec::new();
    for lint in registry::lints() {
        let spec = &lint.spec;
        check_sentence(lint.name, "summary", &spec.summary, &mut failures);
        check_sentence(lint.name, "message", &spec.message, &mut failures);
        for (key, text) in &spec.messages {
            check_sentence(lint.name, &format!("messages.{key}"), text, &mut failures);
        }
        let helps = spec.help.iter().chain(
            spec.messages
                .iter()
                .filter(|(key, _)| key.ends_with("-help"))
                .map(|(_, text)| text),
        );
        for help in helps {
            let first_word = help.split_whitespace().next().unwrap_or("");
            if ["this", "the", "it", "you", "a", "an", "there", "should", "maybe"].contains(&first_word) {
                failures.push(format!("`{}` help must be imperative: {help:?}", lint.name));
            }
        }
        for section in ["## What it flags", "## Why it matters", "## Fix safety"] {
            if !spec.explain.contains(section) {
                failures.push(format!("`{}` explain text lacks `{section}`", lint.name));
            }
        }
        if !spec.examples().iter().any(|e| e.bad.is_some()) || !spec.examples().iter().any(|e| e.good.is_some()) {
            failures.push(format!(
                "`{}` needs at least one `bad` and one `good` example",
                lint.name
            ));
        }
        let fixes_shown = spec.examples().iter().any(|e| e.fixed.is_some());
        if spec.fix.is_some() != fixes_shown {
            failures.push(format!(
                "`{}` declares fix = {:?} but its examples show {} fixed text",
                lint.name,
                spec.fix,
                if fixes_shown { "a" } else { "no" }
            ));
        }
        for entry in spec.entries() {
            if entry.source_count() != 1 {
                failures.push(format!(
                    "`{}` entry `{:?}` must note exactly one source-language original",
                    lint.name, entry.en
                ));
            }
        }
        for entry in spec.line.iter().chain(&spec.text) {
            if entry.en.is_none() || entry.pattern.is_some() {
                failures.push(format!(
                    "`{}`: `line` and `text` entries have `en`, not `pattern`",
                    lint.name
                ));
            }
        }
        for entry in &spec.regex {
            if entry.pattern.is_none() || entry.en.is_some() {
                failures.push(format!("`{}`: `regex` entries have `pattern`, not `en`", lint.name));
            }
        }
        if spec.fix.is_none() && spec.text.iter().chain(&spec.regex).any(|e| e.fix.is_some()) {
            failures.push(format!("`{}` has entries with a `fix` but declares no fix", lint.name));
        }
    }
    common::report(failures);
}

#[test]
fn examples_are_flagged_fixed_and_silent_as_documented() {
    let mut failures = Vec::new();
    for lint in registry::lints() {
        // A core lint (suppressions) needs the lints it works with on.
        let linter = match lint.spec.engine {
            Engine::Core => Linter::new(vec![Level::Warn; registry::lints().len()]),
            _ => Linter::only(lint.name, Level::Warn).unwrap(),
        };
        for example in lint.spec.examples() {
            let format = example
                .format
                .as_deref()
                .map_or(Format::Plain, |name| Format::from_name(name).expect("known format"));
            if let Some(bad) = &example.bad {
                let mut diagnostics = linter.check(&Source::new("example", bad.clone()), format);
                diagnostics.retain(|d| d.lint == lint.name);
                if diagnostics.is_empty() {
                    failures.push(format!("`{}` does not flag its bad example {bad:?}", lint.name));
                }
                for diagnostic in &diagnostics {
                    let emitted = diagnostic.fix.as_ref().map(|fix| fix.applicability());
                    if emitted.is_some() && emitted != lint.spec.fix {
                        failures.push(format!(
                            "`{}` declares {:?} fixes but emits {emitted:?} ones",
                            lint.name, lint.spec.fix
                        ));
                    }
                }
                if let Some(expected) = &example.fixed {
                    let fixed = fix::fix(&linter, "example", bad.clone(), format, Applicability::Unsafe);
                    if &fixed.text != expected {
                        failures.push(format!(
                            "`{}` fixes {bad:?} into {:?}, its example says {expected:?}",
                            lint.name, fixed.text
                        ));
                    }
                }
            }
            if let Some(good) = &example.good {
                let mut diagnostics = linter.check(&Source::new("example", good.clone()), format);
                diagnostics.retain(|d| d.lint == lint.name);
                if let Some(first) = diagnostics.first() {
                    failures.push(format!(
                        "`{}` flags its good example {good:?}: {}",
                        lint.name, first.message
                    ));
                }
            }
        }
    }
    common::report(failures);
}

#[test]
fn data_entries_are_not_listed_twice_for_one_language() {
    let mut seen = BTreeSet::new();
    for lint in registry::lints() {
        for entry in lint.spec.entries() {
            let english = entry.en.clone().unwrap_or_default().to_lowercase();
            let key = (
                lint.name,
                english,
                entry.pattern.clone(),
                entry.source().map(|(lang, _)| lang),
            );
            assert!(
                seen.insert(key),
                "`{}`: {:?} is listed twice for one language",
                lint.name,
                entry.en
            );
        }
    }
    let ui_and_chrome: usize = ["ui-string", "page-chrome"]
        .iter()
        .map(|name| registry::get(name).unwrap().spec.line.len())
        .sum();
    assert!(
        ui_and_chrome >= 40,
        "the French UI and widget vocabulary starts with at least 40 entries"
    );
}
