//! The `mtlint` command: arguments → configuration → lint (and fix) each input → output → exit
//! code.

use std::collections::VecDeque;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

use annotate_snippets::Renderer;
use clap::builder::TypedValueParser;
use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use mtlint::baseline::Baseline;
use mtlint::config;
use mtlint::config::{Config, ConfigError, Configs, LevelSettings};
use mtlint::diagnostic::{Applicability, Level};
use mtlint::formats::Format;
use mtlint::language::SourceLanguage;
use mtlint::pipeline::{FileOutcome, INTERRUPTED, Profile, Settings, lint_file};
use mtlint::registry::Lint;
use mtlint::render::emit::{self, EmitOptions, Emitter, Piece, RecordOrigin};
use mtlint::render::{self, LintCounts, OutputFormat, Summary};
use mtlint::spec::Group;
use mtlint::walk::{self, Input};

/// Find machine-translation artifacts in English text and fix the simple ones.
#[derive(Parser)]
#[command(name = "mtlint", version = env!("MTLINT_VERSION"))]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint files, folders or standard input.
    #[command(after_help = format!("A folder walk takes the files named {}.", walk::walked_extensions()))]
    Check(Box<CheckArgs>),
    /// List the lints: name, default level, fix, group, summary.
    Rules {
        /// `human`: a table; `json`: every lint with its explanation, for tools.
        #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
        format: RulesFormat,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Explain a lint, with examples; or a group, with its lints.
    Explain {
        /// The lint's or the group's name, as in `mtlint rules`.
        name: String,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Print the effective configuration: the file found, and each lint's level and why.
    Config {
        /// The file whose levels to show (overrides apply by path).
        path: Option<PathBuf>,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Run a Language Server Protocol server on standard input and output, for editors.
    Server,
    /// Print a shell completion script: `mtlint completions bash > /etc/bash_completion.d/mtlint`.
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff), or write a page for each command into a folder.
    Man {
        /// Write `mtlint.1`, `mtlint-check.1`, … into this folder.
        #[arg(long, value_name = "FOLDER")]
        out_dir: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum RulesFormat {
    Human,
    Json,
}

#[derive(Args, Clone)]
struct ConfigArgs {
    /// Read this configuration file instead of looking for `mtlint.toml` or `.mtlint.toml`.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Use no configuration file.
    #[arg(long)]
    no_config: bool,
}

#[derive(Args)]
struct CheckArgs {
    /// Files and folders to lint (default: the current folder); `-` reads standard input.
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
    /// Output format (default: human; on GitHub Actions, human plus annotations).
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(OutputFormat::NAMES)
        .map(|name| OutputFormat::from_name(&name).expect("a listed name")))]
    format: Option<OutputFormat>,
    /// When to colour the human output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    /// Set lints to allow: names, groups, `all`, or `warnings` for every lint that would warn;
    /// repeat the flag or separate them with commas.
    #[arg(short = 'A', long = "allow", value_name = "LINT", value_delimiter = ',')]
    allow: Vec<String>,
    /// Set lints to warn: names, groups or `all`; repeat the flag or separate them with commas.
    #[arg(short = 'W', long = "warn", value_name = "LINT", value_delimiter = ',')]
    warn: Vec<String>,
    /// Set lints to deny: names, groups, `all`, or `warnings` for every lint that would warn;
    /// repeat the flag or separate them with commas.
    #[arg(short = 'D', long = "deny", value_name = "LINT", value_delimiter = ',')]
    deny: Vec<String>,
    /// The language the text was translated from: `auto`, `fr`, `de`, `es`, `it` or `pt`
    /// (default: the configuration's, else `auto`). Selects which language's data apply.
    #[arg(long, value_name = "LANG", value_parser = parse_source_language)]
    source_language: Option<SourceLanguage>,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record all current findings in this baseline file (paths relative to it) and report
    /// nothing else; exit 0.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "fix", "diff"])]
    write_baseline: Option<PathBuf>,
    /// After the findings, print a table of counts per lint.
    #[arg(long)]
    statistics: bool,
    /// With --fix: after the findings left, list what was fixed in each file.
    #[arg(long, requires = "fix")]
    show_fixes: bool,
    /// Print the findings and nothing else: no summary line, no notes or warnings about the run.
    #[arg(long, short = 'q', conflicts_with = "verbose")]
    quiet: bool,
    /// Exit 0 even with error-level findings (a run that fails to lint an input still exits 2).
    #[arg(long)]
    exit_zero: bool,
    /// Write the report to this file instead of standard output (replaced whole at the end).
    #[arg(long, value_name = "FILE")]
    output_file: Option<PathBuf>,
    /// Read the inputs as JSON Lines and lint this string field of each record, streaming (for
    /// corpora; `--format jsonl` output carries each finding's record number).
    #[arg(long, value_name = "FIELD")]
    jsonl_field: Option<String>,
    /// With --jsonl-field: copy this field of each record (an id) into the findings.
    #[arg(long, value_name = "FIELD", requires = "jsonl_field")]
    jsonl_id: Option<String>,
    /// Read the inputs as this format whatever their names: plain, markdown, html, subtitles,
    /// po, xliff.
    #[arg(long, value_name = "KIND", value_parser = parse_format)]
    format_in: Option<Format>,
    /// Apply the configuration's `exclude` to files named on the command line too (for hooks
    /// and editors, which name every file).
    #[arg(long)]
    force_exclude: bool,
    /// Say more: which files were skipped and why.
    #[arg(long, short = 'v')]
    verbose: bool,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    threads: Option<usize>,
    /// The name to report and pick the format by when reading standard input.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    #[command(flatten)]
    config: ConfigArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

fn parse_format(value: &str) -> Result<Format, String> {
    Format::from_name(value)
        .ok_or_else(|| format!("`{value}` is not one of plain, markdown, html, subtitles, po, xliff"))
}

fn parse_source_language(value: &str) -> Result<SourceLanguage, String> {
    SourceLanguage::parse(value).ok_or_else(|| format!("`{value}` is not one of auto, fr, de, es, it, pt"))
}

/// Where the report goes: standard output, or `--output-file`, written to a temporary file
/// beside it and renamed over it at the end (a run cut short leaves the old report whole).
enum Report {
    Stdout(io::BufWriter<io::StdoutLock<'static>>),
    File(io::BufWriter<tempfile::NamedTempFile>, PathBuf),
}

impl Report {
    fn open(output_file: Option<&Path>) -> Result<Self, Failure> {
        let Some(path) = output_file else {
            return Ok(Report::Stdout(io::BufWriter::new(io::stdout().lock())));
        };
        let folder = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let temp = tempfile::Builder::new()
            .prefix(".mtlint-report-")
            .tempfile_in(folder)
            .map_err(|err| Failure::from(format!("{}: cannot write the report: {err}", path.display())))?;
        Ok(Report::File(io::BufWriter::new(temp), path.to_path_buf()))
    }

    fn finish(self) -> Result<(), Failure> {
        match self {
            Report::Stdout(mut out) => out.flush().map_err(|err| Failure::from(err.to_string())),
            Report::File(out, path) => {
                let failed = |err: String| Failure::from(format!("{}: cannot write the report: {err}", path.display()));
                let temp = out.into_inner().map_err(|err| failed(err.error().to_string()))?;
                temp.persist(&path).map_err(|err| failed(err.error.to_string()))?;
                Ok(())
            }
        }
    }
}

impl Write for Report {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        match self {
            Report::Stdout(out) => out.write(bytes),
            Report::File(out, _) => out.write(bytes),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Report::Stdout(out) => out.flush(),
            Report::File(out, _) => out.flush(),
        }
    }
}

/// Why the run stops early: already rendered for standard error.
struct Failure(String);

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure(format!("error: {message}"))
    }
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
            check(*args, level_flags(check_matches))
        }
        Command::Rules { format, config } => rules(format, &config),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "mtlint", &mut io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Man { out_dir } => man(out_dir.as_deref()),
        Command::Explain { name, config } => explain(&name, &config),
        Command::Config { path, config } => show_config(path.as_deref(), &config),
        Command::Server => Ok(ExitCode::from(mtlint::server::run())),
    };
    match result {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("{}", message.trim_end());
            ExitCode::from(2)
        }
    }
}

/// Whether a stream gets colours when `--color auto`: a terminal, not `TERM=dumb`, unless
/// `NO_COLOR`, `CLICOLOR=0` or `CLICOLOR_FORCE` say otherwise (as cargo and ruff decide).
fn wants_color(stream: &impl anstream::stream::RawStream) -> bool {
    anstream::AutoStream::choice(stream) != anstream::ColorChoice::Never
}

fn stderr_renderer() -> Renderer {
    if wants_color(&io::stderr()) {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
}

fn config_failure(error: ConfigError) -> Failure {
    Failure(render::config_error(&stderr_renderer(), &error))
}

/// The run's configurations: `--config FILE` for every file, none with `--no-config`, else each
/// file's nearest from its folder upwards.
fn configs(args: &ConfigArgs) -> Result<Configs, Failure> {
    let cwd = std::env::current_dir().map_err(|err| Failure::from(format!("no working folder: {err}")))?;
    Ok(match (&args.config, args.no_config) {
        (_, true) => Configs::fixed(Config::builtin(cwd)),
        (Some(path), false) => Configs::fixed(Config::load(path).map_err(config_failure)?),
        (None, false) => Configs::discovered(cwd),
    })
}

/// The configuration that applies to `path` (a file, or with `is_folder` a folder; the working
/// folder when none is given).
fn load_config(args: &ConfigArgs, path: Option<(&Path, bool)>) -> Result<Arc<Config>, Failure> {
    let (path, is_folder) = path.unwrap_or((Path::new("."), true));
    let mut configs = configs(args)?;
    let config = configs.for_path(path, is_folder).map_err(config_failure)?;
    say_notes(&mut configs, false, false);
    Ok(config)
}

/// What configuration discovery said: its warnings (a file ignored) unless `-q`, its notes
/// (which file, and why) with `-v`.
fn say_notes(configs: &mut Configs, verbose: bool, quiet: bool) {
    for note in configs.take_notes() {
        if (note.starts_with("warning") && !quiet) || verbose {
            eprintln!("{note}");
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

fn check(args: CheckArgs, flags: Vec<(Level, String)>) -> Result<ExitCode, Failure> {
    if args.fix {
        // Without a handler, Ctrl-C would kill the process between a temporary file's creation
        // and its rename, and leave the temporary file behind.
        let _ = ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::SeqCst));
    }
    if args.diff && !matches!(args.format, None | Some(OutputFormat::Human)) {
        return Err(Failure::from(
            "--diff prints a unified diff and does not combine with --format; without --diff, each finding in the \
             machine formats carries its fix"
                .to_owned(),
        ));
    }
    if args.fix && args.paths.len() > 1 && args.paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(Failure::from(
            "fixing standard input writes the fixed text to standard output: name no other path with `-`".to_owned(),
        ));
    }
    if args.output_file.is_some() && args.fix && args.paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(Failure::from(
            "--output-file does not combine with fixing standard input: the fixed text goes to standard output"
                .to_owned(),
        ));
    }
    let mut configs = configs(&args.config)?;
    // On GitHub Actions, the human report plus annotations, as ruff does.
    let on_github = std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true");
    let output = args.format.unwrap_or_default();
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => args.output_file.is_none() && wants_color(&io::stdout()),
    };
    let min = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let baseline = match &args.baseline {
        Some(path) => Some(Mutex::new(Baseline::load(path).map_err(Failure::from)?.filter())),
        None => None,
    };
    // Standard input only for `-`, as ruff does: a CI runner's empty stdin is not a file to lint.
    let reads_stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    let stdin_name = args.stdin_filename.clone().unwrap_or_else(|| "<stdin>".to_owned());
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.iter().filter(|p| p.as_os_str() != "-").cloned().collect()
    };
    // Each path is walked with the configuration of its folder, and each file linted with the
    // configuration nearest to it.
    let mut inputs: Vec<(Input, usize)> = Vec::new();
    let mut errors = Vec::new();
    let mut excluded: Vec<PathBuf> = Vec::new();
    if args.jsonl_field.is_none() {
        for path in &paths {
            let root = configs.index_for(path, path.is_dir()).map_err(config_failure)?;
            let collected = walk::collect_with(std::slice::from_ref(path), &configs.loaded()[root], args.force_exclude);
            errors.extend(collected.errors);
            excluded.extend(collected.excluded);
            if !args.quiet {
                for leftover in &collected.leftovers {
                    let leftover = leftover.strip_prefix(".").unwrap_or(leftover);
                    eprintln!(
                        "warning: {}: a temporary file of an `mtlint --fix` that was killed; the file it was for \
                         was left as it was: remove it",
                        leftover.display()
                    );
                }
            }
            for input in collected.inputs {
                let Input::File { path: file, walked, .. } = &input else {
                    continue;
                };
                let index = configs.index_for(file, false).map_err(config_failure)?;
                // A nested configuration's `exclude` rules out what it covers.
                let known = Format::from_path(file).is_some();
                let nested = &configs.loaded()[index];
                if index != root && (*walked || args.force_exclude) && nested.excludes(file) {
                    excluded.push(file.clone());
                    continue;
                }
                if *walked && index != root && !nested.walks(file, known) {
                    continue;
                }
                inputs.push((input, index));
            }
        }
        inputs.sort();
        inputs.dedup();
        // `a.txt ./a.txt /abs/a.txt`, or a folder and a file in it: one file, linted once, and
        // reported by its shortest name.
        let mut unique: Vec<(Input, usize)> = Vec::with_capacity(inputs.len());
        let mut by_file: std::collections::HashMap<PathBuf, usize> = std::collections::HashMap::new();
        for item in inputs.drain(..) {
            let Input::File { path, .. } = &item.0 else {
                unique.push(item);
                continue;
            };
            let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            match by_file.get(&canonical) {
                Some(&i) if item.0.display().len() < unique[i].0.display().len() => unique[i] = item,
                Some(_) => {}
                None => {
                    by_file.insert(canonical, unique.len());
                    unique.push(item);
                }
            }
        }
        unique.sort();
        inputs = unique;
        if reads_stdin {
            let format = Format::from_path(Path::new(&stdin_name)).unwrap_or(Format::Plain);
            let index = configs
                .index_for(Path::new(&stdin_name), false)
                .map_err(config_failure)?;
            inputs.push((
                Input::Stdin {
                    name: stdin_name.clone(),
                    format,
                },
                index,
            ));
        }
    } else {
        for path in &paths {
            configs.index_for(path, false).map_err(config_failure)?;
        }
        if reads_stdin {
            configs
                .index_for(Path::new(&stdin_name), false)
                .map_err(config_failure)?;
        }
    }
    if configs.loaded().is_empty() {
        configs.index_for(Path::new("."), true).map_err(config_failure)?;
    }
    say_notes(&mut configs, args.verbose, args.quiet);
    let mut profiles = Vec::new();
    let mut lints: Vec<&'static Lint> = Vec::new();
    for config in configs.loaded() {
        let cli_levels = config::cli_levels(&config.ruleset, &flags).map_err(config_failure)?;
        for lint in config.ruleset.lints() {
            if !lints.iter().any(|l| l.name == lint.name) {
                lints.push(lint);
            }
        }
        profiles.push(Profile {
            config: config.clone(),
            cli_levels,
        });
    }
    let emit_options = |records| EmitOptions {
        color,
        lints: lints.clone(),
        records,
    };
    let settings = Settings {
        profiles,
        cli_language: args.source_language,
        fix: (args.fix || args.diff).then_some(min),
        write: args.fix && !args.diff,
        diff: args.diff,
        baseline,
        record: args
            .write_baseline
            .as_deref()
            .map(|path| Mutex::new(Baseline::new(path))),
    };

    if let Some(field) = &args.jsonl_field {
        if settings.fix.is_some() {
            return Err(Failure::from(
                "--fix and --diff do not apply to --jsonl-field: mtlint reports on a corpus, your pipeline rewrites it"
                    .to_owned(),
            ));
        }
        let format = args.format_in.unwrap_or(Format::Plain);
        let emitter = emit::emitter(output, emit_options(true));
        return jsonl_check(&args, field, format, reads_stdin, &settings, emitter, &mut configs);
    }
    if args.verbose {
        for path in &excluded {
            let path = path.strip_prefix(".").unwrap_or(path);
            eprintln!(
                "note: {}: skipped, matches the configuration's `exclude`",
                path.display()
            );
        }
    }
    if args.quiet {
        // Findings and errors only.
    } else if inputs.is_empty() && errors.is_empty() && !excluded.is_empty() {
        eprintln!(
            "warning: no file to lint: the configuration's `exclude` ruled out {} path(s){}",
            excluded.len(),
            if args.verbose { "" } else { " (-v lists them)" }
        );
    } else if inputs.is_empty() && errors.is_empty() {
        eprintln!(
            "warning: no file to lint: a folder walk takes {} files (or the configuration's `include`)",
            walk::walked_extensions()
        );
    }
    if let Some(format) = args.format_in {
        for (input, _) in &mut inputs {
            match input {
                Input::File { format: f, .. } | Input::Stdin { format: f, .. } => *f = format,
            }
        }
    }

    // More threads than the machine runs at once only cost memory (and thousands fail).
    let available = std::thread::available_parallelism().map_or(1, usize::from);
    let threads = match args.threads {
        Some(asked) if asked > available => {
            if !args.quiet {
                eprintln!("warning: -j {asked}: using {available} threads, the parallelism available here");
            }
            available
        }
        asked => asked.unwrap_or(0),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|err| Failure::from(err.to_string()))?;
    let emitter = emit::emitter(output, emit_options(false));
    // On GitHub Actions, the human report plus annotations, as ruff does.
    let annotator =
        (on_github && args.format.is_none()).then(|| emit::emitter(OutputFormat::Github, emit_options(false)));
    let mut out = Report::open(args.output_file.as_deref())?;
    let mut summary = Summary::default();
    let mut fixes_shown = String::new();
    let mut report = String::new();
    let mut annotations = String::new();
    let mut any_change = false;
    let mut per_lint = LintCounts::default();
    for error in &errors {
        eprintln!("error: {error}");
    }
    // Writing a baseline records the findings; it does not report them.
    let reports = args.write_baseline.is_none();
    if reports {
        emitter.begin(&mut report);
    }
    // Files are linted in parallel a chunk at a time and reported in order, each chunk's reports
    // dropped once written: memory stays that of a chunk, not of the whole run's findings. The
    // file whose turn it is has its report written as it is rendered; the others' wait.
    let chunk = pool.current_num_threads() * 32;
    for inputs in inputs.chunks(chunk.max(1)) {
        let mut waiting: Vec<VecDeque<Event>> = inputs.iter().map(|_| VecDeque::new()).collect();
        let mut next = 0;
        let (events, received) = std::sync::mpsc::channel::<(usize, Event)>();
        let settings = &settings;
        let (emitter_ref, annotator_ref) = (&*emitter, annotator.as_deref());
        std::thread::scope(|scope| -> Result<(), Failure> {
            scope.spawn(|| {
                pool.install(|| {
                    inputs
                        .par_iter()
                        .enumerate()
                        .for_each_with(events, |events, (i, (input, index))| {
                            let profile = &settings.profiles[*index];
                            let sent = events.clone();
                            let outcome =
                                lint_file(input, profile, settings, emitter_ref, annotator_ref, &mut |piece| {
                                    let _ = sent.send((i, Event::Part(piece)));
                                });
                            let _ = events.send((i, Event::Done(Box::new(outcome))));
                        })
                })
            });
            for (i, event) in received {
                waiting[i].push_back(event);
                // The events of the file in turn, then of those after it that are done.
                while let Some(event) = waiting.get_mut(next).and_then(VecDeque::pop_front) {
                    let outcome = match event {
                        Event::Part(piece) => {
                            if reports {
                                emitter.write(piece, &mut report);
                                write_out(&mut out, &report)?;
                                report.clear();
                            }
                            continue;
                        }
                        Event::Done(outcome) => *outcome,
                    };
                    next += 1;
                    if let (Some(note), true) = (&outcome.note, args.verbose) {
                        eprintln!("note: {note}");
                    }
                    if outcome.skipped {
                        continue;
                    }
                    if let Some(error) = outcome.error {
                        eprintln!("error: {error}");
                        errors.push(error);
                        summary.not_linted += 1;
                        if let Some(bytes) = &outcome.passthrough {
                            out.write_all(bytes).map_err(|err| Failure::from(err.to_string()))?;
                        }
                        continue;
                    }
                    if let Some(error) = outcome.not_fixed {
                        eprintln!("error: {error}");
                        errors.push(error);
                        summary.not_fixed += 1;
                    }
                    summary.merge(&outcome.summary);
                    summary.fixed += outcome.fixed;
                    if args.show_fixes && !outcome.fixed_by_lint.is_empty() {
                        fixes_shown.push_str(&format!("- {}:\n", outcome.path));
                        for (lint, count) in &outcome.fixed_by_lint {
                            fixes_shown.push_str(&format!("    {count} × {lint}\n"));
                        }
                    }
                    any_change |= outcome.changed;
                    per_lint.merge(&outcome.per_lint);
                    if !reports {
                        continue;
                    }
                    if let Some(annotator) = &annotator {
                        for piece in outcome.annotations {
                            annotator.write(piece, &mut annotations);
                        }
                    }
                    if let Some(diff) = outcome.diff {
                        report.push_str(&diff);
                    } else if let Some(text) = outcome.fixed_text {
                        report.push_str(&text);
                    }
                    write_out(&mut out, &report)?;
                    report.clear();
                }
            }
            Ok(())
        })?;
    }
    if let (Some(path), Some(record)) = (&args.write_baseline, settings.record) {
        let mut baseline = record.into_inner().expect("no thread panicked");
        baseline.write(path).map_err(Failure::from)?;
        let files = baseline
            .findings
            .iter()
            .map(|f| &f.path)
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        eprintln!(
            "mtlint: wrote {} finding(s) in {files} file(s) of {} linted to the baseline {}",
            baseline.findings.iter().map(|f| f.count).sum::<usize>(),
            summary.files,
            path.display()
        );
        return Ok(if errors.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(2)
        });
    }
    // Fixed standard input takes standard output, so the summary goes to standard error.
    let stdin_fixed = settings.write && reads_stdin;
    if !stdin_fixed {
        // A document format (JSON, SARIF) closes its document.
        emitter.finish(&mut report);
        write_out(&mut out, &report)?;
    }
    if args.show_fixes {
        // What --fix changed, per file, as ruff's --show-fixes gives it; beside a machine
        // format or fixed standard input, on standard error.
        let fixed = match summary.fixed {
            0 => "No fixes applied.\n".to_owned(),
            1 => "Fixed 1 problem:\n".to_owned(),
            n => format!("Fixed {n} problems:\n"),
        };
        fixes_shown.insert_str(0, &fixed);
        match output {
            OutputFormat::Human | OutputFormat::Short if !stdin_fixed => write_out(&mut out, &fixes_shown)?,
            _ => eprint!("{fixes_shown}"),
        }
    }
    match output {
        _ if args.quiet => {}
        OutputFormat::Human if stdin_fixed => eprintln!("{}", summary.line(args.unsafe_fixes)),
        OutputFormat::Human if !settings.diff => write_out(&mut out, &(summary.line(args.unsafe_fixes) + "\n"))?,
        _ => {}
    }
    if args.statistics {
        // Machine-readable output stays one document: the table goes to standard error.
        match output {
            OutputFormat::Human | OutputFormat::Short if !stdin_fixed => write_out(&mut out, &statistics(&per_lint))?,
            _ => eprint!("{}", statistics(&per_lint)),
        }
    }
    if stdin_fixed {
        // Standard output holds the fixed text and nothing else.
        eprint!("{annotations}");
    } else {
        write_out(&mut out, &annotations)?;
    }
    out.finish()?;

    if INTERRUPTED.load(Ordering::SeqCst) {
        eprintln!("mtlint: interrupted; every file was left whole, fixed or not");
        return Ok(ExitCode::from(130));
    }
    Ok(if !errors.is_empty() {
        ExitCode::from(2)
    } else if (summary.errors > 0 || (settings.diff && any_change)) && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// What a worker hands the thread that writes the output, for the file of its number.
enum Event {
    /// A piece of the file's report.
    Part(Piece),
    /// The file is done: the rest of what it gives.
    Done(Box<FileOutcome>),
}

/// `--jsonl-field`: each input (a file, or standard input) streamed record by record.
fn jsonl_check(
    args: &CheckArgs,
    field: &str,
    format: Format,
    reads_stdin: bool,
    settings: &Settings,
    emitter: Box<dyn Emitter>,
    configs: &mut Configs,
) -> Result<ExitCode, Failure> {
    if args.paths.is_empty() {
        return Err(Failure::from(
            "--jsonl-field reads the files named, or `-` for standard input; none was given".to_owned(),
        ));
    }
    if let Some(folder) = args.paths.iter().find(|p| p.is_dir()) {
        return Err(Failure::from(format!(
            "{}: is a folder; --jsonl-field reads files, pass files or `-`",
            folder.display()
        )));
    }
    let output = args.format.unwrap_or_default();
    let mut out = Report::open(args.output_file.as_deref())?;
    let mut summary = Summary::default();
    let mut failed = false;
    let mut missing = 0usize;
    let mut inputs: Vec<Option<PathBuf>> = args
        .paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .map(Some)
        .collect();
    if reads_stdin {
        inputs.push(None);
    }
    let mut report = String::new();
    emitter.begin(&mut report);
    write_out(&mut out, &report)?;
    for input in inputs {
        // A file that is not JSON Lines would give an error per line: the first few are shown,
        // the rest counted.
        let mut invalid = 0usize;
        let name = input.as_ref().map_or_else(
            || args.stdin_filename.clone().unwrap_or_else(|| "<stdin>".to_owned()),
            |p| p.display().to_string(),
        );
        let config_path = input.as_deref().unwrap_or(Path::new(&name));
        let profile = &settings.profiles[configs.index_for(config_path, false).map_err(config_failure)?];
        let linter = profile.linter(input.as_deref(), settings.cli_language);
        let reader: Box<dyn io::BufRead> = match &input {
            Some(path) => match std::fs::File::open(path) {
                Ok(file) => Box::new(io::BufReader::with_capacity(1 << 20, file)),
                Err(err) => {
                    eprintln!("error: {name}: {err}");
                    failed = true;
                    continue;
                }
            },
            None => Box::new(io::BufReader::with_capacity(1 << 20, io::stdin())),
        };
        let result = mtlint::jsonl::lint_stream(
            reader,
            &name,
            field,
            args.jsonl_id.as_deref(),
            &linter,
            format,
            |records| {
                let mut text = String::new();
                for record in records {
                    let (source, diagnostics) = match record.result {
                        Ok(found) => found,
                        Err(mtlint::jsonl::RecordProblem::NoField) => {
                            missing += 1;
                            continue;
                        }
                        Err(mtlint::jsonl::RecordProblem::Invalid(message)) => {
                            invalid += 1;
                            if invalid <= SHOWN_INVALID_RECORDS {
                                eprintln!("error: {name}: line {}: {message}", record.number);
                            }
                            failed = true;
                            continue;
                        }
                    };
                    summary.add_file(&diagnostics);
                    let origin = RecordOrigin {
                        path: &name,
                        number: record.number,
                        id: record.id.as_ref(),
                    };
                    emitter.file(&source, &diagnostics, Some(&origin), &mut |piece| {
                        emitter.write(piece, &mut text)
                    });
                }
                match out.write_all(text.as_bytes()) {
                    Err(err) if err.kind() == io::ErrorKind::BrokenPipe => std::process::exit(0),
                    result => result,
                }
            },
        );
        if let Err(err) = result {
            eprintln!("error: {name}: {err}");
            failed = true;
        }
        if invalid > SHOWN_INVALID_RECORDS {
            eprintln!(
                "error: {name}: {} more records are not JSON; is it JSON Lines?",
                invalid - SHOWN_INVALID_RECORDS
            );
        }
    }
    report.clear();
    emitter.finish(&mut report);
    write_out(&mut out, &report)?;
    match output {
        OutputFormat::Human if !args.quiet => write_out(
            &mut out,
            &(summary.line(args.unsafe_fixes).replace(" file", " record") + "\n"),
        )?,
        _ => {}
    }
    out.finish()?;
    if missing > 0 && !args.quiet {
        eprintln!("note: {missing} record(s) had no string field `{field}`");
    }
    Ok(if failed {
        ExitCode::from(2)
    } else if summary.errors > 0 && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Errors shown per input for records that are not JSON before the rest are only counted.
const SHOWN_INVALID_RECORDS: usize = 3;

/// `--statistics`: count, lint, level and whether it fixes, most frequent first.
fn statistics(per_lint: &LintCounts) -> String {
    let mut rows: Vec<_> = per_lint.0.iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
    let width = rows.iter().map(|(name, _)| name.len()).max().unwrap_or(4).max(4);
    let mut out = format!("{:>6}  {:width$}  {:7}  fix\n", "count", "lint", "level");
    for (name, (count, level, fixable)) in rows {
        let fix = if *fixable { "yes" } else { "-" };
        out.push_str(&format!("{count:>6}  {name:width$}  {:7}  {fix}\n", level.severity()));
    }
    out
}

fn write_out(out: &mut impl Write, text: &str) -> Result<(), Failure> {
    match out.write_all(text.as_bytes()) {
        // A closed pipe (`mtlint check … | head`) is the reader's choice, not an error.
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => std::process::exit(0),
        result => result.map_err(|err| Failure::from(err.to_string())),
    }
}

fn rules(format: RulesFormat, args: &ConfigArgs) -> Result<ExitCode, Failure> {
    let config = load_config(args, None)?;
    let lints = config.ruleset.lints();
    let text = match format {
        RulesFormat::Human => render::rules(lints),
        RulesFormat::Json => {
            let values = render::json::rules(lints);
            serde_json::to_string_pretty(&values).expect("JSON values serialise") + "\n"
        }
    };
    write_out(&mut io::stdout().lock(), &text)?;
    Ok(ExitCode::SUCCESS)
}

fn man(out_dir: Option<&Path>) -> Result<ExitCode, Failure> {
    let command = Cli::command();
    match out_dir {
        Some(folder) => clap_mangen::generate_to(command, folder)
            .map_err(|err| Failure::from(format!("{}: {err}", folder.display())))?,
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut page)
                .expect("rendering to memory cannot fail");
            write_out(&mut io::stdout().lock(), &String::from_utf8_lossy(&page))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn explain(name: &str, args: &ConfigArgs) -> Result<ExitCode, Failure> {
    let config = load_config(args, None)?;
    let text = if let Some(lint) = config.ruleset.get(name) {
        render::explain(lint)
    } else if let Some(group) = Group::from_name(name) {
        let lints: Vec<&Lint> = config
            .ruleset
            .lints()
            .iter()
            .copied()
            .filter(|l| l.spec.group == group)
            .collect();
        render::explain_group(group, &lints)
    } else {
        return Err(config_failure(config::unknown("lint or group", name, &config.ruleset)));
    };
    write_out(&mut io::stdout().lock(), &text)?;
    Ok(ExitCode::SUCCESS)
}

fn show_config(path: Option<&Path>, args: &ConfigArgs) -> Result<ExitCode, Failure> {
    let config = load_config(args, path.map(|p| (p, p.is_dir())))?;
    let resolved = config.resolve(path, &LevelSettings::default(), None);
    let mut out = String::new();
    match &config.path {
        Some(file) => out.push_str(&format!("configuration: {}\n", file.display())),
        None => out.push_str("configuration: none found; built-in defaults\n"),
    }
    if let Some(path) = path {
        out.push_str(&format!("for: {}\n", path.display()));
    }
    let language = match resolved.source_language {
        SourceLanguage::Auto => "auto".to_owned(),
        SourceLanguage::Only(lang) => lang.code().to_owned(),
    };
    out.push_str(&format!("source-language: {language}\n"));
    // With a path, only the overrides that apply to it.
    for (i, o) in config.overrides.iter().enumerate() {
        if path.is_none_or(|p| config.applies(o, p)) {
            out.push_str(&format!("override #{}: {}\n", i + 1, o.patterns.join(", ")));
        }
    }
    let lints = config.ruleset.lints();
    let width = lints.iter().map(|l| l.name.len()).max().unwrap_or(0);
    out.push_str(&format!("\n{:width$}  {:5}  because\n", "lint", "level"));
    for (i, lint) in lints.iter().enumerate() {
        out.push_str(&format!(
            "{:width$}  {:5}  {}\n",
            lint.name,
            resolved.levels[i].as_str(),
            resolved.origins[i]
        ));
    }
    write_out(&mut io::stdout().lock(), &out)?;
    Ok(ExitCode::SUCCESS)
}
