//! Issue 5's features end to end, each running the binary in a temporary folder:
//! configuration, suppressions, baselines, SARIF and GitHub output, statistics, safe fixing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod common;

fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mtlint"));
    command
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .env_remove("GITHUB_ACTIONS")
        .env_remove("NO_COLOR");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("mtlint runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// A temporary project: a `.git` folder (so that discovery stops there) and the given files.
fn project(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    std::fs::create_dir(root.join(".git")).unwrap();
    for (name, text) in files {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    (dir, root)
}

const ARTICLE: &str = "Why ?\n\nTo print\n\nThey said \"no\" and “yes”.\n";

#[test]
fn configuration_is_found_upwards_and_sets_levels_by_path() {
    let (_dir, root) = project(&[
        (
            "mtlint.toml",
            "[lints]\nspace-before-punct = \"deny\"\nchrome = \"allow\"\n\n[[overrides]]\npaths = [\"docs/fr/**\"]\nlints = { space-before-punct = \"allow\" }\n",
        ),
        ("a.txt", ARTICLE),
        ("docs/fr/b.txt", ARTICLE),
    ]);
    let sub = root.join("docs");
    let output = run_in(&sub, &["check", "--format", "short", "../a.txt", "fr/b.txt"], &[]);
    let report = stdout(&output);
    assert!(report.contains("../a.txt:1:4: error[space-before-punct]"), "{report}");
    assert!(!report.contains("ui-string"), "chrome is allowed: {report}");
    assert!(
        !report.contains("fr/b.txt:1:4"),
        "the override allows it under docs/fr: {report}"
    );
    assert_eq!(output.status.code(), Some(1));
    // Ignored with --no-config; another file with --config.
    let output = run_in(&sub, &["check", "--no-config", "--format", "short", "../a.txt"], &[]);
    assert!(stdout(&output).contains("error[ui-string]"));
    std::fs::write(root.join("other.toml"), "[lints]\nall = \"allow\"\n").unwrap();
    let output = run_in(
        &root,
        &["check", "--config", "other.toml", "--format", "short", "a.txt"],
        &[],
    );
    assert_eq!((output.status.code(), stdout(&output).as_str()), (Some(0), ""));
    // The command line wins over the file.
    let output = run_in(&root, &["check", "-W", "chrome", "--format", "short", "a.txt"], &[]);
    assert!(stdout(&output).contains("warning[ui-string]"), "{}", stdout(&output));
}

#[test]
fn discovery_stops_at_the_repository_root() {
    let (_dir, root) = project(&[
        ("inner/.git/HEAD", ""),
        ("inner/a.txt", ARTICLE),
        ("mtlint.toml", "[lints]\nall = \"allow\"\n"),
    ]);
    let output = run_in(&root.join("inner"), &["check", "--format", "short", "a.txt"], &[]);
    assert!(
        stdout(&output).contains("ui-string"),
        "the outer file is beyond the repository: {}",
        stdout(&output)
    );
}

#[test]
fn bad_configurations_are_shown_rustc_style() {
    let (_dir, root) = project(&[
        (
            "mtlint.toml",
            "[lints]\nmixed-quotes = \"warn\"\nspac-before-punct = \"allow\"\n",
        ),
        ("a.txt", ARTICLE),
    ]);
    let output = run_in(&root, &["check", "a.txt"], &[]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.starts_with("error: unknown lint or group `spac-before-punct`\n --> "),
        "{err}"
    );
    assert!(err.contains("mtlint.toml:3:1\n"), "{err}");
    assert!(
        err.contains("3 | spac-before-punct = \"allow\"\n  | ^^^^^^^^^^^^^^^^^"),
        "{err}"
    );
    assert!(err.contains("= help: did you mean `space-before-punct`?"), "{err}");
    for (toml, expected) in [
        (
            "source-language = 7\n",
            "invalid configuration: invalid type: integer `7`, expected a string",
        ),
        ("[[overrides]]\npaths = [\"[\"]\n", "invalid glob `[`"),
        (
            "[[rules]]\nname = \"x\"\nmessage = \"m\"\nregex = [{ pattern = \"a{99999}{99999}\" }]\n",
            "size limit",
        ),
        ("[ui-string]\nextend = [3]\n", "invalid `[ui-string]`"),
        ("include = [\"*.md\"]\nexlude = []\n", "did you mean `exclude`?"),
    ] {
        std::fs::write(root.join("mtlint.toml"), toml).unwrap();
        let output = run_in(&root, &["check", "a.txt"], &[]);
        assert_eq!(output.status.code(), Some(2), "{toml}");
        assert!(stderr(&output).contains(expected), "{toml}: {}", stderr(&output));
    }
}

#[test]
fn custom_rules_and_extra_phrases() {
    let config = r#"
[[rules]]
name = "house-newsletter"
level = "deny"
message = "newsletter box left in the text: `{text}`"
help = "remove the line"
fix = "unsafe"
line = [{ en = "Get the Daily Brief" }]

[[rules]]
name = "house-style-percent"
message = "write `per cent` in full: `{text}`"
fix = "safe"
regex = [{ pattern = '(?-u:\b)\d+ ?(pct)(?-u:\b)', fix = "per cent" }]

[page-chrome]
extend = ["Listen to the podcast"]
"#;
    let (_dir, root) = project(&[
        ("mtlint.toml", config),
        (
            "a.txt",
            "Get the Daily Brief\n\nListen to the podcast\n\nUp 5 pct today.\n",
        ),
    ]);
    let output = run_in(&root, &["check", "--format", "short", "a.txt"], &[]);
    assert_eq!(
        stdout(&output),
        "a.txt:1:1: error[house-newsletter] newsletter box left in the text: `Get the Daily Brief`\n\
         a.txt:3:1: warning[page-chrome] page chrome left in the text: `Listen to the podcast`\n\
         a.txt:5:6: warning[house-style-percent] write `per cent` in full: `pct`\n"
    );
    run_in(&root, &["check", "--fix", "a.txt"], &[]);
    assert!(
        std::fs::read_to_string(root.join("a.txt"))
            .unwrap()
            .contains("Up 5 per cent today.")
    );
    let rules = stdout(&run_in(&root, &["rules"], &[]));
    assert!(
        rules
            .lines()
            .any(|l| l.starts_with("house-newsletter") && l.contains("deny") && l.contains("custom")),
        "{rules}"
    );
}

#[test]
fn allowed_phrases_quiet_one_lint_and_only_inside_them() {
    let config = r#"
[untranslated]
allow = ["Tokio"]

[space-before-punct]
allow = ["Note :"]
"#;
    let text = "Tokio is the most widely used async runtime.\n\nNote : this option can only be activated once.\n\nIs it a fault ?\n";
    let (_dir, root) = project(&[("mtlint.toml", config), ("a.txt", text)]);
    let output = run_in(&root, &["check", "--format", "short", "a.txt"], &[]);
    // Allowed where the phrase is, still reported elsewhere: the same mark outside it.
    assert_eq!(
        stdout(&output),
        "a.txt:5:14: warning[space-before-punct] space before `?`\n"
    );
    // Without the configuration, all three are found: the test is not vacuous.
    let output = run_in(&root, &["check", "--no-config", "--format", "short", "a.txt"], &[]);
    assert_eq!(stdout(&output).lines().count(), 3, "{}", stdout(&output));

    // `extend` needs a phrase list; an empty phrase would allow everything.
    let bad = "[mixed-quotes]\nextend = [\"x\"]\n\n[doubled-word]\nallow = [\"  \"]\n";
    let (_dir, root) = project(&[("mtlint.toml", bad), ("a.txt", "Fine.\n")]);
    let output = run_in(&root, &["check", "a.txt"], &[]);
    assert_eq!(output.status.code(), Some(2));
    let errors = stderr(&output);
    assert!(
        errors.contains("error: `mixed-quotes` has no phrase list to extend\n --> mtlint.toml:1:2"),
        "{errors}"
    );
    assert!(
        errors.contains("error: an allowed phrase of `[doubled-word]` is empty"),
        "{errors}"
    );
}

#[test]
fn config_command_says_why_each_level() {
    let (_dir, root) = project(&[(
        "mtlint.toml",
        "source-language = \"fr\"\n[lints]\nmixed-quotes = \"deny\"\n[[overrides]]\npaths = [\"docs/**\"]\nlints = { mixed-quotes = \"allow\" }\n",
    )]);
    let text = stdout(&run_in(&root, &["config", "docs/a.md"], &[]));
    assert!(
        text.contains("configuration: ") && text.contains("mtlint.toml"),
        "{text}"
    );
    assert!(text.contains("source-language: fr"), "{text}");
    let row = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        row("mixed-quotes"),
        "mixed-quotes allow mtlint.toml [[overrides]] #1 (docs/**)"
    );
    assert_eq!(row("stray-guillemet"), "stray-guillemet deny default");
    let text = stdout(&run_in(&root, &["config"], &[]));
    assert!(
        text.lines()
            .any(|l| l.starts_with("mixed-quotes") && l.contains("deny") && l.contains("[lints]")),
        "{text}"
    );
}

#[test]
fn include_and_exclude_globs_steer_the_walk() {
    let (_dir, root) = project(&[
        (
            "mtlint.toml",
            "include = [\"**/*.txt\", \"**/*.text.html\"]\nexclude = [\"drafts/**\"]\n",
        ),
        ("a.txt", ARTICLE),
        ("b.md", ARTICLE),
        ("c.text.html", "Why ?\n"),
        ("drafts/d.txt", ARTICLE),
    ]);
    let output = run_in(&root, &["check", "--format", "short", "."], &[]);
    let files: std::collections::BTreeSet<String> = stdout(&output)
        .lines()
        .map(|l| l.split(':').next().unwrap().to_owned())
        .collect();
    assert_eq!(files.into_iter().collect::<Vec<_>>(), ["a.txt", "c.text.html"]);
}

#[test]
fn suppression_comments_in_markdown() {
    let text = "<!-- mtlint-disable-next-line ui-string -->\nTo print\n\n<!-- mtlint-disable-next-line mixed-quotes -->\nFine.\n";
    let (_dir, root) = project(&[("a.md", text)]);
    let output = run_in(&root, &["check", "--format", "short", "a.md"], &[]);
    assert_eq!(
        stdout(&output),
        "a.md:4:1: warning[unused-suppression] suppression comment suppresses nothing\n"
    );
}

/// PO and XLIFF comments carry suppressions too; there `disable-next-line` covers the next
/// translation, past the references and the source between; a comment-like line inside a
/// translation is text, not a suppression; `disable-file` covers the whole file.
#[test]
fn suppression_comments_in_po_and_xliff_cover_the_next_translation() {
    let po = "# mtlint-disable-next-line space-before-punct\n#: src/main.c:10\nmsgid \"Are you sure?\"\nmsgstr \"Are you sure ?\"\n\n\
              msgid \"Delete?\"\nmsgstr \"\"\n\"# mtlint-disable-file\\n\"\n\"Delete ?\"\n\n\
              #. mtlint-disable-next-line doubled-word\nmsgid \"Save\"\nmsgstr \"Save\"\n";
    let xliff = "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\"><file source-language=\"fr\" target-language=\"en\" datatype=\"plaintext\" original=\"x\"><body>\n\
                 <!-- mtlint-disable-next-line space-before-punct -->\n\
                 <trans-unit id=\"1\">\n<source>Sûr ?</source>\n<target>Are you sure ?</target></trans-unit>\n\
                 <trans-unit id=\"2\"><source>Supprimer ?</source><target>Delete ?</target></trans-unit>\n\
                 </body></file></xliff>\n";
    let whole = "<?xml version=\"1.0\"?>\n<!-- mtlint-disable-file space-before-punct -->\n<xliff version=\"1.2\"><file source-language=\"fr\" target-language=\"en\" datatype=\"plaintext\" original=\"x\"><body>\n\
                 <trans-unit id=\"1\"><source>Sûr ?</source><target>Are you sure ?</target></trans-unit>\n\
                 </body></file></xliff>\n";
    let (_dir, root) = project(&[("a.po", po), ("a.xlf", xliff), ("b.xlf", whole)]);
    let output = run_in(&root, &["check", "--format", "short", "a.po", "a.xlf", "b.xlf"], &[]);
    assert_eq!(
        stdout(&output),
        "a.po:9:8: warning[space-before-punct] space before `?`\n\
         a.po:11:1: warning[unused-suppression] suppression comment suppresses nothing\n\
         a.xlf:7:62: warning[space-before-punct] space before `?`\n"
    );
}

#[test]
fn baselines_hide_recorded_findings_even_when_lines_move() {
    let (_dir, root) = project(&[("a.txt", "Why ?\n\nTo print\n")]);
    let output = run_in(&root, &["check", "--write-baseline", "baseline.json", "a.txt"], &[]);
    assert!(
        stderr(&output).contains("wrote 2 finding(s) in 1 file(s) of 1 linted to the baseline baseline.json"),
        "{}",
        stderr(&output)
    );
    std::fs::write(
        root.join("a.txt"),
        "A new first line.\n\nWhy ?\n\nTo print\n\nAnd now ?\n",
    )
    .unwrap();
    let output = run_in(
        &root,
        &["check", "--baseline", "baseline.json", "--format", "short", "a.txt"],
        &[],
    );
    assert_eq!(
        stdout(&output),
        "a.txt:7:8: warning[space-before-punct] space before `?`\n"
    );
    assert_eq!(output.status.code(), Some(0));
    std::fs::write(root.join("bad.json"), "{").unwrap();
    let output = run_in(&root, &["check", "--baseline", "bad.json", "a.txt"], &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("bad.json: not an mtlint baseline"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let (_dir, root) = project(&[("a.txt", ARTICLE)]);
    std::fs::copy(
        common::manifest_dir().join("tests/corpus/seed-news-fr-en.txt"),
        root.join("seed.txt"),
    )
    .unwrap();
    let output = run_in(&root, &["check", "--format", "sarif", "a.txt", "seed.txt"], &[]);
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::manifest_dir().join("tests/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &log["runs"][0];
    assert_eq!(
        run["tool"]["driver"]["rules"].as_array().unwrap().len(),
        mtlint::registry::lints().len()
    );
    let results = run["results"].as_array().unwrap();
    let guillemet = results.iter().find(|r| r["ruleId"] == "stray-guillemet").unwrap();
    assert_eq!(guillemet["level"], "error");
    assert_eq!(guillemet["locations"][0]["physicalLocation"]["region"]["startLine"], 11);
    assert!(
        guillemet["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]["byteLength"]
            .as_u64()
            .unwrap()
            > 0
    );
}

#[test]
fn github_annotations_are_escaped_and_added_on_actions() {
    let (_dir, root) = project(&[("a,b.txt", "Why ?\n")]);
    let output = run_in(&root, &["check", "--format", "github", "a,b.txt"], &[]);
    assert_eq!(
        stdout(&output),
        "::warning file=a%2Cb.txt,line=1,col=4,endLine=1,endColumn=6,title=mtlint(space-before-punct)::space before `?`\n"
    );
    let output = run_in(&root, &["check", "a,b.txt"], &[("GITHUB_ACTIONS", "true")]);
    let text = stdout(&output);
    assert!(
        text.contains("warning[space-before-punct]: space before `?`"),
        "the human report stays: {text}"
    );
    assert!(
        text.ends_with("title=mtlint(space-before-punct)::space before `?`\n"),
        "{text}"
    );
}

#[test]
fn statistics_count_findings_per_lint() {
    let (_dir, root) = project(&[("a.txt", "Why ?\n\nAnd ?\n\nTo print\n")]);
    let output = run_in(&root, &["check", "--format", "short", "--statistics", "a.txt"], &[]);
    let text = stdout(&output);
    let table: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("count"))
        .collect();
    assert_eq!(
        table,
        [
            " count  lint                level    fix",
            "     2  space-before-punct  warning  yes",
            "     1  ui-string           error    yes"
        ]
    );
}

#[test]
fn read_only_files_are_reported_and_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, root) = project(&[("a.txt", "Why ?\n")]);
    let path = root.join("a.txt");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let output = run_in(&root, &["check", "--fix", "a.txt"], &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("a.txt: not fixed: the file is read-only"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "Why ?\n");
}

#[test]
fn a_file_changed_since_it_was_read_is_not_written() {
    let (_dir, root) = project(&[("a.txt", "Why ?\n")]);
    let path = root.join("a.txt");
    // What --fix read, and the file as another program left it meanwhile.
    let read = b"Why ?\n".to_vec();
    std::fs::write(&path, "Why ? Edited.\n").unwrap();
    let error = mtlint::write::write_fixed(&path, &read, "Why?\n").unwrap_err();
    assert_eq!(error.message, "not fixed: the file changed while it was being linted");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "Why ? Edited.\n");
    let leftovers = std::fs::read_dir(&root)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".mtlint-")
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn pre_commit_hook_definition_ships() {
    let hooks = std::fs::read_to_string(common::manifest_dir().join(".pre-commit-hooks.yaml")).unwrap();
    let parsed = yaml_rust2::YamlLoader::load_from_str(&hooks)
        .expect("valid YAML")
        .remove(0);
    let ids: Vec<&str> = parsed
        .as_vec()
        .unwrap()
        .iter()
        .filter_map(|h| h["id"].as_str())
        .collect();
    assert_eq!(ids, ["mtlint", "mtlint-fix"]);
    for line in [
        "- id: mtlint",
        "entry: mtlint check --force-exclude\n",
        "language: rust",
        "- id: mtlint-fix",
        "entry: mtlint check --force-exclude --fix\n",
    ] {
        assert!(hooks.contains(line), "{line} missing from .pre-commit-hooks.yaml");
    }
    // The hooks take every extension a folder walk takes.
    let files: Vec<&str> = hooks.lines().filter_map(|l| l.trim().strip_prefix("files: ")).collect();
    assert_eq!(files.len(), 2);
    for pattern in files {
        let pattern = regex::Regex::new(pattern).unwrap();
        for (extension, _) in mtlint::formats::EXTENSIONS {
            assert!(
                pattern.is_match(&format!("a/b.{extension}")),
                "the hook skips .{extension}"
            );
        }
        assert!(!pattern.is_match("a/b.rs"));
    }
}

/// The steps of the composite action in `action.yml`, by id.
fn action_steps() -> (yaml_rust2::Yaml, Vec<yaml_rust2::Yaml>) {
    let text = std::fs::read_to_string(common::manifest_dir().join("action.yml")).unwrap();
    let action = yaml_rust2::YamlLoader::load_from_str(&text).unwrap().remove(0);
    let steps = action["runs"]["steps"].as_vec().expect("steps").clone();
    (action, steps)
}

fn step<'a>(steps: &'a [yaml_rust2::Yaml], id: &str) -> &'a yaml_rust2::Yaml {
    steps
        .iter()
        .find(|s| s["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("no step `{id}`"))
}

#[test]
fn the_action_installs_from_its_own_source_and_uploads_sarif_even_on_findings() {
    let (action, steps) = action_steps();
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    let install = steps
        .iter()
        .find(|s| s["name"].as_str() == Some("Install mtlint"))
        .unwrap();
    assert_eq!(
        install["run"].as_str(),
        Some("cargo install --locked --path \"$GITHUB_ACTION_PATH\" --root \"$HOME/.mtlint\"")
    );
    assert_eq!(install["if"].as_str(), Some("steps.cache.outputs.cache-hit != 'true'"));
    assert_eq!(step(&steps, "cache")["uses"].as_str(), Some("actions/cache@v4"));
    // The SARIF log is written and uploaded when the lint step failed on findings.
    assert!(step(&steps, "sarif")["if"].as_str().unwrap().starts_with("always()"));
    let upload = steps.last().unwrap();
    assert_eq!(upload["uses"].as_str(), Some("github/codeql-action/upload-sarif@v3"));
    assert!(upload["if"].as_str().unwrap().starts_with("always()"));
    // No input is spliced into a script: each reaches it as an environment variable.
    for s in &steps {
        if let Some(script) = s["run"].as_str() {
            assert!(!script.contains("${{"), "a script splices an expression: {script}");
            assert_eq!(s["shell"].as_str(), Some("bash"));
        }
    }
}

/// Runs a step's script as the runner would (`bash -e`), with mtlint on the PATH and the step's
/// `env:` given these inputs.
fn run_step(step: &yaml_rust2::Yaml, dir: &Path, inputs: &[(&str, &str)]) -> Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_mtlint")).parent().unwrap();
    let mut command = Command::new("bash");
    command
        .args([
            "--noprofile",
            "--norc",
            "-eo",
            "pipefail",
            "-c",
            step["run"].as_str().unwrap(),
        ])
        .current_dir(dir)
        .env("PATH", format!("{}:{}", bin.display(), std::env::var("PATH").unwrap()))
        .env("GITHUB_ACTIONS", "true")
        .stdin(Stdio::null());
    for (name, value) in step["env"].as_hash().unwrap() {
        let expression = value.as_str().unwrap();
        let input = expression.trim_start_matches("${{ inputs.").trim_end_matches(" }}");
        let value = inputs.iter().find(|(name, _)| *name == input).map_or("", |(_, v)| *v);
        command.env(name.as_str().unwrap(), value);
    }
    command.output().unwrap()
}

#[test]
fn the_action_scripts_lint_and_write_sarif_and_no_input_runs_as_a_command() {
    let (_, steps) = action_steps();
    let (_dir, root) = project(&[("docs/page.txt", "Why ?\n\nTo print\n"), ("notes.txt", "Fine.\n")]);
    let inputs = [("paths", "docs"), ("args", "-D warnings"), ("sarif-file", "out.sarif")];
    let lint = run_step(step(&steps, "lint"), &root, &inputs);
    assert_eq!(lint.status.code(), Some(1), "{}", stderr(&lint));
    assert!(
        stdout(&lint).contains("::error file=docs/page.txt,line=1"),
        "{}",
        stdout(&lint)
    );
    let sarif = run_step(step(&steps, "sarif"), &root, &inputs);
    assert_eq!(
        sarif.status.code(),
        Some(0),
        "findings do not stop the upload: {}",
        stderr(&sarif)
    );
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("out.sarif")).unwrap()).unwrap();
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 2);
    // A hostile input is an argument, never a command.
    let hostile = [
        ("paths", "$(touch injected) `touch injected2`"),
        ("args", ";touch injected3"),
    ];
    let output = run_step(step(&steps, "lint"), &root, &hostile);
    assert_eq!(output.status.code(), Some(2));
    for name in ["injected", "injected2", "injected3"] {
        assert!(!root.join(name).exists(), "{name}");
    }
}

#[cfg(unix)]
#[test]
fn discovery_stops_at_home_and_trusts_only_the_users_own_configuration() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let wipe = "[[rules]]\nname = \"house-wipe\"\nmessage = \"wipe `{text}`\"\nfix = \"safe\"\nregex = [{ pattern = '([A-Za-z ,.0-9]+)', fix = \"\" }]\n";
    // A configuration planted above the home folder is never found from inside it.
    std::fs::write(root.join("mtlint.toml"), wipe).unwrap();
    std::fs::create_dir_all(root.join("home/thesis")).unwrap();
    std::fs::write(root.join("home/thesis/t.txt"), "My thesis, chapter 1.\n").unwrap();
    let home = root.join("home");
    let output = run_in(
        &root.join("home/thesis"),
        &["check", "--fix", "-v", "t.txt"],
        &[("HOME", home.to_str().unwrap())],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(root.join("home/thesis/t.txt")).unwrap(),
        "My thesis, chapter 1.\n"
    );
    assert_eq!(
        stderr(&output),
        format!(
            "note: .: no configuration file from there up to the home folder {}; built-in defaults\n",
            home.display()
        )
    );
    // One anyone may write to is ignored, with a warning, even below the home folder.
    let planted = home.join("mtlint.toml");
    std::fs::write(&planted, wipe).unwrap();
    std::fs::set_permissions(&planted, std::fs::Permissions::from_mode(0o666)).unwrap();
    let output = run_in(
        &root.join("home/thesis"),
        &["check", "--fix", "t.txt"],
        &[("HOME", home.to_str().unwrap())],
    );
    assert_eq!(
        stderr(&output),
        format!(
            "warning: {}: configuration ignored: anyone may write to it (`--config FILE` uses it anyway)\n",
            planted.display()
        )
    );
    assert_eq!(
        std::fs::read_to_string(root.join("home/thesis/t.txt")).unwrap(),
        "My thesis, chapter 1.\n"
    );
    // Another user's: ignored too (root can give it away; others cannot, and skip this part).
    std::fs::set_permissions(&planted, std::fs::Permissions::from_mode(0o644)).unwrap();
    if Command::new("chown")
        .args(["12345:12345", planted.to_str().unwrap()])
        .status()
        .is_ok_and(|s| s.success())
    {
        let output = run_in(
            &root.join("home/thesis"),
            &["check", "--fix", "t.txt"],
            &[("HOME", home.to_str().unwrap())],
        );
        assert!(
            stderr(&output).contains("configuration ignored: it belongs to another user (uid 12345)"),
            "{}",
            stderr(&output)
        );
        assert_eq!(
            std::fs::read_to_string(root.join("home/thesis/t.txt")).unwrap(),
            "My thesis, chapter 1.\n"
        );
    } else {
        eprintln!("SKIPPED: giving the configuration to another user needs root");
    }
}

#[cfg(unix)]
#[test]
fn a_baseline_is_never_written_through_a_symlink() {
    let (_dir, root) = project(&[
        ("corpus/a.txt", "Hello $(echo CODE-RUN >&2) ?\n"),
        ("victim/bashrc", "# my shell rc\n"),
    ]);
    std::os::unix::fs::symlink("victim/bashrc", root.join(".mtlint-baseline.json")).unwrap();
    let output = run_in(
        &root,
        &["check", "--write-baseline", ".mtlint-baseline.json", "corpus"],
        &[],
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: .mtlint-baseline.json: baseline not written: it is a symbolic link; mtlint writes a baseline only as \
         a file of its own\n"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("victim/bashrc")).unwrap(),
        "# my shell rc\n"
    );
    let leftovers = std::fs::read_dir(&root)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".tmp"))
        .count();
    assert_eq!(leftovers, 0);
    // A regular file is replaced whole, and holds the line as data.
    std::fs::remove_file(root.join(".mtlint-baseline.json")).unwrap();
    let output = run_in(&root, &["check", "--write-baseline", "base.json", "corpus"], &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("base.json")).unwrap()).unwrap();
    assert_eq!(written["version"], 2);
}
