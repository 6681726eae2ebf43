//! The `mtlint` command: arguments → levels → lint (and fix) each input → output → exit code.

use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use annotate_snippets::Renderer;
use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use mtlint::diagnostic::{Applicability, Diagnostic, Level};
use mtlint::formats::Format;
use mtlint::language::SourceLanguage;
use mtlint::render::{self, OutputFormat, Summary};
use mtlint::source::Source;
use mtlint::walk::{self, Input, InputError};
use mtlint::{Linter, config, fix, registry};

/// Find machine-translation artifacts in English text and fix the simple ones.
#[derive(Parser)]
#[command(name = "mtlint", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint files, folders or standard input.
    Check(CheckArgs),
    /// List the lints: name, default level, fix, summary.
    Rules,
    /// Explain a lint, with examples.
    Explain {
        /// The lint's name, as in `mtlint rules`.
        name: String,
    },
}

#[derive(Args)]
struct CheckArgs {
    /// Files and folders to lint; `-` (or nothing, when input is piped) reads standard input.
    paths: Vec<PathBuf>,
    /// Apply safe fixes to the files.
    #[arg(long)]
    fix: bool,
    /// Also apply unsafe fixes (with --fix or --diff), or count them as fixable.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the changes --fix would make as a unified diff; write nothing.
    #[arg(long)]
    diff: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
    /// When to colour the human output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    /// Set lints (a name, a group or `all`) to allow.
    #[arg(short = 'A', long = "allow", value_name = "LINT")]
    allow: Vec<String>,
    /// Set lints (a name, a group or `all`) to warn.
    #[arg(short = 'W', long = "warn", value_name = "LINT")]
    warn: Vec<String>,
    /// Set lints (a name, a group, `all`, or `warnings` for every warning) to deny.
    #[arg(short = 'D', long = "deny", value_name = "LINT")]
    deny: Vec<String>,
    /// The language the text was translated from: `auto`, `fr`, `de`, `es`, `it` or `pt`.
    /// Selects which language's data (names, calques, UI strings) apply; `auto` applies what is
    /// unambiguous whatever the source, and picks one language for the rest from the text.
    #[arg(long, value_name = "LANG", default_value = "auto", value_parser = parse_source_language)]
    source_language: SourceLanguage,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    threads: Option<usize>,
    /// The name to report and pick the format by when reading standard input.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Short,
    Json,
    Jsonl,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

fn parse_source_language(value: &str) -> Result<SourceLanguage, String> {
    SourceLanguage::parse(value).ok_or_else(|| format!("`{value}` is not one of auto, fr, de, es, it, pt"))
}

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(err) => err.exit(),
    };
    let result = match cli.command {
        Command::Check(args) => {
            let check_matches = matches.subcommand_matches("check").expect("check subcommand");
            check(args, level_flags(check_matches))
        }
        Command::Rules => rules(),
        Command::Explain { name } => explain(&name),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// `-A`, `-W` and `-D` in the order they were given.
fn level_flags(matches: &ArgMatches) -> Vec<(Level, String)> {
    let mut flags = Vec::new();
    for (id, level) in [("allow", Level::Allow), ("warn", Level::Warn), ("deny", Level::Deny)] {
        if let (Some(values), Some(indices)) = (matches.get_many::<String>(id), matches.indices_of(id)) {
            flags.extend(indices.zip(values).map(|(index, value)| (index, level, value.clone())));
        }
    }
    flags.sort_by_key(|(index, _, _)| *index);
    flags.into_iter().map(|(_, level, value)| (level, value)).collect()
}

/// What one input gave: its report, already rendered, and the counts.
struct FileOutcome {
    error: Option<InputError>,
    rendered: String,
    json: Vec<serde_json::Value>,
    diagnostics: Vec<Diagnostic>,
    fixed: usize,
    changed: bool,
}

struct Settings {
    linter: Linter,
    output: OutputFormat,
    renderer: Renderer,
    /// Fixes of at least this trust are applied (with --fix) or shown (with --diff).
    fix: Option<Applicability>,
    write: bool,
    diff: bool,
}

fn check(args: CheckArgs, flags: Vec<(Level, String)>) -> Result<ExitCode, String> {
    let levels = config::levels(&flags).map_err(|err| err.to_string())?;
    let output = match args.format {
        FormatArg::Human => OutputFormat::Human,
        FormatArg::Short => OutputFormat::Short,
        FormatArg::Json => OutputFormat::Json,
        FormatArg::Jsonl => OutputFormat::Jsonl,
    };
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let min = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let settings = Settings {
        linter: Linter::new(levels).with_source_language(args.source_language),
        output,
        renderer: if color { Renderer::styled() } else { Renderer::plain() },
        fix: (args.fix || args.diff).then_some(min),
        write: args.fix && !args.diff,
        diff: args.diff,
    };

    let reads_stdin =
        args.paths.iter().any(|p| p.as_os_str() == "-") || (args.paths.is_empty() && !io::stdin().is_terminal());
    let paths: Vec<PathBuf> = if args.paths.is_empty() && !reads_stdin {
        vec![PathBuf::from(".")]
    } else {
        args.paths.iter().filter(|p| p.as_os_str() != "-").cloned().collect()
    };
    let (mut inputs, mut errors) = walk::collect(&paths);
    if reads_stdin {
        let name = args.stdin_filename.clone().unwrap_or_else(|| "<stdin>".to_owned());
        let format = Format::from_path(std::path::Path::new(&name)).unwrap_or(Format::Plain);
        inputs.push(Input::Stdin { name, format });
    }

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .map_err(|err| err.to_string())?;
    let outcomes: Vec<FileOutcome> =
        pool.install(|| inputs.par_iter().map(|input| process(input, &settings)).collect());

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut summary = Summary::default();
    let mut json = Vec::new();
    let mut any_change = false;
    for error in &errors {
        eprintln!("error: {error}");
    }
    for outcome in outcomes {
        if let Some(error) = outcome.error {
            eprintln!("error: {error}");
            errors.push(error);
            continue;
        }
        summary.add_file(&outcome.diagnostics);
        summary.fixed += outcome.fixed;
        any_change |= outcome.changed;
        json.extend(outcome.json);
        write_out(&mut out, &outcome.rendered)?;
    }
    // Fixed standard input takes standard output, so the summary goes to standard error.
    let stdin_fixed = settings.write && reads_stdin;
    match settings.output {
        OutputFormat::Json if !stdin_fixed => write_out(
            &mut out,
            &(serde_json::to_string_pretty(&json).expect("JSON values serialise") + "\n"),
        )?,
        OutputFormat::Human if stdin_fixed => eprintln!("{}", summary.line(args.unsafe_fixes)),
        OutputFormat::Human if !settings.diff => write_out(&mut out, &(summary.line(args.unsafe_fixes) + "\n"))?,
        _ => {}
    }
    out.flush().map_err(|err| err.to_string())?;

    Ok(if !errors.is_empty() {
        ExitCode::from(2)
    } else if summary.errors > 0 || (settings.diff && any_change) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn write_out(out: &mut impl Write, text: &str) -> Result<(), String> {
    match out.write_all(text.as_bytes()) {
        // A closed pipe (`mtlint check … | head`) is the reader's choice, not an error.
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => std::process::exit(0),
        result => result.map_err(|err| err.to_string()),
    }
}

fn process(input: &Input, settings: &Settings) -> FileOutcome {
    let mut outcome = FileOutcome {
        error: None,
        rendered: String::new(),
        json: Vec::new(),
        diagnostics: Vec::new(),
        fixed: 0,
        changed: false,
    };
    let (original, text) = match read_input(input) {
        Ok(read) => read,
        Err(error) => {
            outcome.error = Some(error);
            return outcome;
        }
    };
    let path = input.display();
    let format = input.format();
    let mut text = text;
    if let Some(min) = settings.fix {
        let fixed = fix::fix(&settings.linter, &path, text.clone(), format, min);
        if !fixed.unconverged.is_empty() {
            eprintln!(
                "warning: {path}: fixes did not settle after 10 rounds for {}; this is a bug in mtlint",
                fixed.unconverged.join(", ")
            );
        }
        if fixed.text != text {
            outcome.changed = true;
            if settings.diff {
                outcome.rendered = unified_diff(&path, &text, &fixed.text);
                return outcome;
            }
            if settings.write {
                let written = match input {
                    Input::File { path, .. } => walk::write_atomically(path, &original, &fixed.text),
                    Input::Stdin { .. } => Ok(()),
                };
                if let Err(error) = written {
                    outcome.error = Some(error);
                    return outcome;
                }
                outcome.fixed = fixed.applied;
                text = fixed.text;
            }
        } else if settings.diff {
            return outcome;
        }
    }
    let source = Source::new(path, text);
    let diagnostics = settings.linter.check(&source, format);
    match settings.output {
        OutputFormat::Human => render::human::render(&settings.renderer, &source, &diagnostics, &mut outcome.rendered),
        OutputFormat::Short => render::short::render(&source, &diagnostics, &mut outcome.rendered),
        OutputFormat::Json => outcome.json = render::json::objects(&source, &diagnostics),
        OutputFormat::Jsonl => {
            for object in render::json::objects(&source, &diagnostics) {
                outcome.rendered.push_str(&object.to_string());
                outcome.rendered.push('\n');
            }
        }
    }
    // Fixed standard input goes to standard output, as ruff does.
    if settings.write && matches!(input, Input::Stdin { .. }) {
        outcome.rendered = source.into_text();
    }
    outcome.diagnostics = diagnostics;
    outcome
}

fn read_input(input: &Input) -> Result<(Vec<u8>, String), InputError> {
    match input {
        Input::File { path, .. } => walk::read(path),
        Input::Stdin { name, .. } => {
            let mut bytes = Vec::new();
            io::stdin().read_to_end(&mut bytes).map_err(|err| InputError {
                path: name.clone(),
                message: err.to_string(),
            })?;
            let text = walk::decode(&bytes).map_err(|message| InputError {
                path: name.clone(),
                message,
            })?;
            Ok((bytes, text))
        }
    }
}

fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

fn rules() -> Result<ExitCode, String> {
    let lints = registry::lints();
    let width = lints.iter().map(|lint| lint.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    out.push_str(&format!(
        "{:width$}  {:5}  {:6}  {:10}  summary\n",
        "name", "level", "fix", "group"
    ));
    for lint in lints {
        let fix = lint.spec.fix.map_or("-", Applicability::as_str);
        out.push_str(&format!(
            "{:width$}  {:5}  {:6}  {:10}  {}\n",
            lint.name,
            lint.spec.level.as_str(),
            fix,
            lint.spec.group.as_str(),
            lint.spec.summary
        ));
    }
    write_out(&mut io::stdout().lock(), &out)?;
    Ok(ExitCode::SUCCESS)
}

fn explain(name: &str) -> Result<ExitCode, String> {
    let Some(lint) = registry::get(name) else {
        return Err(config::unknown("lint", name).to_string());
    };
    write_out(&mut io::stdout().lock(), &mtlint::render::explain(lint))?;
    Ok(ExitCode::SUCCESS)
}
