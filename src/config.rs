//! Configuration: `mtlint.toml` (or `.mtlint.toml`) found from each file's folder upwards, and
//! the command line's `-A`, `-W`, `-D`. Every error carries its position in the file.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Applicability, Level};
use crate::engine::Kind;
use crate::engine::pattern::PATTERN_SIZE_LIMIT;
use crate::language::SourceLanguage;
use crate::registry::{self, Lint};
use crate::ruleset::Ruleset;
use crate::spec::{Engine, Entry, Example, Group, LintSpec};

pub const FILE_NAMES: [&str; 2] = ["mtlint.toml", ".mtlint.toml"];

/// A problem with the run's settings: reported on stderr, exit 2. When it comes from a file,
/// it has the file's text and the span of the offending part, to be shown rustc-style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub message: String,
    pub help: Option<String>,
    pub place: Option<Box<Place>>,
    /// More errors found in the same run: all are reported at once.
    pub also: Vec<ConfigError>,
}

/// Where in a configuration file an error is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub span: Range<usize>,
    pub label: String,
    /// The file's path and text, once known.
    pub file: Option<(PathBuf, String)>,
}

impl ConfigError {
    pub fn new(message: impl Into<String>) -> Self {
        ConfigError {
            message: message.into(),
            help: None,
            place: None,
            also: Vec::new(),
        }
    }

    /// The first of `errors`, carrying the others; `None` when there is none.
    fn all(mut errors: Vec<ConfigError>) -> Option<ConfigError> {
        if errors.is_empty() {
            return None;
        }
        // In the file's order, as a compiler reports them.
        errors.sort_by_key(|e| e.span().map(|s| s.start));
        let mut first = errors.remove(0);
        first.also.extend(errors);
        Some(first)
    }

    /// Every error: this one, then those found with it.
    pub fn each(&self) -> impl Iterator<Item = &ConfigError> {
        std::iter::once(self).chain(&self.also)
    }

    fn help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    fn at(mut self, span: Range<usize>, label: impl Into<String>) -> Self {
        self.place = Some(Box::new(Place {
            span,
            label: label.into(),
            file: None,
        }));
        self
    }

    pub fn span(&self) -> Option<Range<usize>> {
        self.place.as_ref().map(|p| p.span.clone())
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)?;
        if let Some(Place {
            span,
            file: Some((path, text)),
            ..
        }) = self.place.as_deref()
        {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            write!(f, "\n  --> {}:{line}", path.display())?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        for other in &self.also {
            write!(f, "\n{other}")?;
        }
        Ok(())
    }
}

/// Why a lint has its level, for `mtlint config`.
pub type Origin = String;

/// Lint levels set by name, group or `all`, with where each setting comes from.
#[derive(Debug, Clone, Default)]
pub struct LevelSettings {
    pub settings: Vec<(String, Level, Origin)>,
}

/// One `[[overrides]]` table: levels for paths that match its globs.
#[derive(Debug, Clone)]
pub struct Override {
    pub patterns: Vec<String>,
    globs: GlobSet,
    pub levels: LevelSettings,
    pub source_language: Option<SourceLanguage>,
}

/// The effective configuration of a run.
pub struct Config {
    /// The file it was read from, if any.
    pub path: Option<PathBuf>,
    /// Paths in globs are relative to this folder: the file's, or the working folder.
    pub root: PathBuf,
    pub source_language: Option<SourceLanguage>,
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
    pub levels: LevelSettings,
    pub overrides: Vec<Override>,
    pub ruleset: Arc<Ruleset>,
}

/// What looking for a configuration file found.
#[derive(Debug, Default)]
pub struct Discovery {
    pub found: Option<PathBuf>,
    /// Files passed over, and why: another user's, or writable by anyone.
    pub skipped: Vec<(PathBuf, String)>,
    /// Where the search stopped without finding one.
    pub stopped: String,
}

/// The device a folder is on, to keep the search on one file system.
fn device_of(folder: &Path) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(folder).ok().map(|m| m.dev())
    }
    #[cfg(not(unix))]
    {
        let _ = folder;
        None
    }
}

/// Why a configuration file is not to be trusted, if it is not (as git's `safe.directory`
/// judges a repository): it belongs to another user than the caller or root, or anyone may
/// write to it. A configuration can fix files, so it must be the user's own.
fn distrust(file: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(file).ok()?;
        let caller = rustix::process::geteuid().as_raw();
        if meta.uid() != caller && meta.uid() != 0 {
            return Some(format!(
                "it belongs to another user (uid {}), not to you (uid {caller})",
                meta.uid()
            ));
        }
        if meta.mode() & 0o002 != 0 {
            return Some("anyone may write to it".to_owned());
        }
        None
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        None
    }
}

/// The configurations of a run: each file's is the nearest `mtlint.toml` from its folder
/// upwards (as ruff's is), or one for every file with `--config` or `--no-config`. Each file
/// is read once and each folder looked up once; they are numbered in the order first used.
pub struct Configs {
    /// `--config FILE` or `--no-config`: no discovery.
    fixed: bool,
    /// Paths in the built-in configuration's globs are relative to this folder.
    working_folder: PathBuf,
    loaded: Vec<Arc<Config>>,
    by_file: HashMap<PathBuf, usize>,
    by_folder: HashMap<PathBuf, usize>,
    builtin: Option<usize>,
    /// What discovery did: warnings (files ignored) and, for `-v`, notes (which file, why).
    notes: Vec<String>,
    warned: std::collections::HashSet<PathBuf>,
}

impl Configs {
    /// One configuration for every path.
    pub fn fixed(config: Config) -> Configs {
        Configs {
            fixed: true,
            working_folder: config.root.clone(),
            loaded: vec![Arc::new(config)],
            by_file: HashMap::new(),
            by_folder: HashMap::new(),
            builtin: None,
            notes: Vec::new(),
            warned: std::collections::HashSet::new(),
        }
    }

    /// Each path's nearest configuration file, else the built-in one rooted at `working_folder`.
    pub fn discovered(working_folder: PathBuf) -> Configs {
        Configs {
            fixed: false,
            working_folder,
            loaded: Vec::new(),
            by_file: HashMap::new(),
            by_folder: HashMap::new(),
            builtin: None,
            notes: Vec::new(),
            warned: std::collections::HashSet::new(),
        }
    }

    /// The number of the configuration for a file (or, with `is_folder`, a folder).
    pub fn index_for(&mut self, path: &Path, is_folder: bool) -> Result<usize, ConfigError> {
        if self.fixed {
            return Ok(0);
        }
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let folder = if is_folder {
            absolute.as_path()
        } else {
            absolute.parent().unwrap_or(Path::new("/"))
        };
        if let Some(&index) = self.by_folder.get(folder) {
            return Ok(index);
        }
        let discovery = Config::discover(folder);
        for (file, reason) in &discovery.skipped {
            if self.warned.insert(file.clone()) {
                self.notes.push(format!(
                    "warning: {}: configuration ignored: {reason} (`--config FILE` uses it anyway)",
                    file.display()
                ));
            }
        }
        let shown_folder = folder.strip_prefix(&self.working_folder).unwrap_or(folder);
        let shown_folder = if shown_folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            shown_folder
        };
        let index = match discovery.found {
            Some(file) => match self.by_file.get(&file) {
                Some(&index) => index,
                None => {
                    // Named as the user would type it: relative to the working folder if under it.
                    let shown = file.strip_prefix(&self.working_folder).unwrap_or(&file);
                    self.notes.push(format!(
                        "note: {}: configuration of the files in {}, the nearest from there upwards",
                        shown.display(),
                        shown_folder.display()
                    ));
                    let config = Config::load(shown)?;
                    self.loaded.push(Arc::new(config));
                    self.by_file.insert(file, self.loaded.len() - 1);
                    self.loaded.len() - 1
                }
            },
            None => {
                self.notes.push(format!(
                    "note: {}: no configuration file from there up to {}; built-in defaults",
                    shown_folder.display(),
                    discovery.stopped
                ));
                *self.builtin.get_or_insert_with(|| {
                    self.loaded.push(Arc::new(Config::builtin(self.working_folder.clone())));
                    self.loaded.len() - 1
                })
            }
        };
        self.by_folder.insert(folder.to_path_buf(), index);
        Ok(index)
    }

    /// The configuration for a file (or, with `is_folder`, a folder).
    pub fn for_path(&mut self, path: &Path, is_folder: bool) -> Result<Arc<Config>, ConfigError> {
        let index = self.index_for(path, is_folder)?;
        Ok(self.loaded[index].clone())
    }

    /// What discovery has said since last asked: `warning: …` lines (always shown) and
    /// `note: …` lines (shown with `-v`).
    pub fn take_notes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notes)
    }

    /// The configurations used so far, by number.
    pub fn loaded(&self) -> &[Arc<Config>] {
        &self.loaded
    }
}

/// Each lint's level for one path, and why.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub levels: Vec<Level>,
    pub origins: Vec<Origin>,
    pub source_language: SourceLanguage,
}

impl Config {
    /// No file: built-in lints at their default levels.
    pub fn builtin(root: PathBuf) -> Config {
        Config {
            path: None,
            root,
            source_language: None,
            include: None,
            exclude: None,
            levels: LevelSettings::default(),
            overrides: Vec::new(),
            ruleset: Ruleset::builtin(),
        }
    }

    /// The first `mtlint.toml` or `.mtlint.toml` from `start` upwards that can be trusted,
    /// stopping after a repository root (a folder with `.git`) or the user's home folder, and
    /// before another file system. A file mtlint does not trust is skipped, with the reason.
    pub fn discover(start: &Path) -> Discovery {
        let home = std::env::var_os("HOME").map(PathBuf::from).filter(|h| h.is_absolute());
        let device = device_of(start);
        let mut discovery = Discovery::default();
        for folder in start.ancestors() {
            if device.is_some() && device_of(folder) != device {
                discovery.stopped = format!("the file system boundary at {}", folder.display());
                return discovery;
            }
            for file in FILE_NAMES.iter().map(|name| folder.join(name)).filter(|p| p.is_file()) {
                match distrust(&file) {
                    None => {
                        discovery.found = Some(file);
                        return discovery;
                    }
                    Some(reason) => discovery.skipped.push((file, reason)),
                }
            }
            if folder.join(".git").exists() {
                discovery.stopped = format!("the repository root {}", folder.display());
                return discovery;
            }
            if home.as_deref() == Some(folder) {
                discovery.stopped = format!("the home folder {}", folder.display());
                return discovery;
            }
        }
        discovery.stopped = "the file system root".to_owned();
        discovery
    }

    /// Whether a file found by walking a folder is linted: `include` globs if given (else
    /// mtlint's extensions), minus `exclude` globs.
    pub fn walks(&self, path: &Path, known_format: bool) -> bool {
        let relative = self.relative(path);
        let included = match &self.include {
            Some(include) => include.is_match(&relative),
            None => known_format,
        };
        included && !self.excludes(path)
    }

    /// Whether `exclude` rules a path (a file or a folder) out.
    pub fn excludes(&self, path: &Path) -> bool {
        self.exclude
            .as_ref()
            .is_some_and(|exclude| exclude.is_match(self.relative(path)))
    }

    /// `excludes`, as a closure that owns what it needs (for the walker's folder filter).
    pub fn exclude_filter(&self) -> impl Fn(&Path) -> bool + Send + Sync + 'static {
        let (root, exclude) = (self.root.clone(), self.exclude.clone());
        move |path| {
            exclude
                .as_ref()
                .is_some_and(|exclude| exclude.is_match(relative_to(&root, path)))
        }
    }

    fn relative(&self, path: &Path) -> PathBuf {
        relative_to(&self.root, path)
    }

    /// Whether an override's globs match `path`.
    pub fn applies(&self, o: &Override, path: &Path) -> bool {
        o.globs.is_match(self.relative(path))
    }

    /// Levels for `path`: defaults, then `[lints]`, then each matching override in order, then
    /// the command line; within each, `all` first, then groups, then lints by name.
    pub fn resolve(&self, path: Option<&Path>, cli: &LevelSettings, cli_language: Option<SourceLanguage>) -> Resolved {
        let lints = self.ruleset.lints();
        let mut levels: Vec<Level> = lints.iter().map(|lint| lint.spec.level).collect();
        let mut origins: Vec<Origin> = vec!["default".to_owned(); lints.len()];
        let mut source_language = self.source_language.unwrap_or_default();
        apply(lints, &self.levels, &mut levels, &mut origins);
        if let Some(path) = path {
            let relative = self.relative(path);
            for o in self.overrides.iter().filter(|o| o.globs.is_match(&relative)) {
                apply(lints, &o.levels, &mut levels, &mut origins);
                source_language = o.source_language.unwrap_or(source_language);
            }
        }
        apply(lints, cli, &mut levels, &mut origins);
        Resolved {
            levels,
            origins,
            source_language: cli_language.unwrap_or(source_language),
        }
    }
}

/// `path` relative to `root` if it is under it, else as an absolute path.
fn relative_to(root: &Path, path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    absolute.strip_prefix(root).map(Path::to_path_buf).unwrap_or(absolute)
}

/// Applies settings already checked against the ruleset.
fn apply(lints: &[&'static Lint], settings: &LevelSettings, levels: &mut [Level], origins: &mut [Origin]) {
    let rank = |name: &str| match name {
        "all" => 0,
        "warnings" => 3,
        name if Group::ALL.iter().any(|g| g.as_str() == name) => 1,
        _ => 2,
    };
    let mut ordered: Vec<&(String, Level, Origin)> = settings.settings.iter().collect();
    ordered.sort_by_key(|(name, _, _)| rank(name));
    // The lints that warn once every other setting is applied: what `warnings` selects.
    let mut warned: Option<Vec<bool>> = None;
    for (name, level, origin) in ordered {
        if name == "warnings" {
            // Like rustc: `-D warnings` makes whatever ends up a warning an error, `-A warnings`
            // silences it; the last of them wins.
            let warned = warned.get_or_insert_with(|| levels.iter().map(|l| *l == Level::Warn).collect());
            for (i, _) in warned.iter().enumerate().filter(|(_, warns)| **warns) {
                levels[i] = *level;
                origins[i] = origin.clone();
            }
            continue;
        }
        for (i, lint) in lints.iter().enumerate() {
            if name == "all" || lint.name == name || lint.spec.group.as_str() == name {
                levels[i] = *level;
                origins[i] = origin.clone();
            }
        }
    }
}

/// Checks a selector (lint, group, `all`, or `warnings` where allowed) against the ruleset.
fn check_selector(ruleset: &Ruleset, name: &str, warnings_allowed: bool) -> Result<(), ConfigError> {
    let known = name == "all"
        || (warnings_allowed && name == "warnings")
        || ruleset.get(name).is_some()
        || Group::ALL.iter().any(|g| g.as_str() == name);
    if known {
        Ok(())
    } else {
        Err(unknown("lint or group", name, ruleset))
    }
}

/// An unknown `what` named `name`, with the closest names as a hint.
pub fn unknown(what: &str, name: &str, ruleset: &Ruleset) -> ConfigError {
    let names = ruleset
        .lints()
        .iter()
        .map(|l| l.name)
        .chain(Group::ALL.iter().map(|g| g.as_str()))
        .chain(["all", "warnings"]);
    ConfigError::new(format!("unknown {what} `{name}`")).help(Some(did_you_mean(name, names)))
}

fn did_you_mean<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    let suggestions = registry::closest(name, candidates);
    match suggestions.as_slice() {
        [] => "run `mtlint rules` to list the lints".to_owned(),
        names => format!(
            "did you mean {}?",
            names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" or ")
        ),
    }
}

/// `-A`, `-W`, `-D` flags (level and selector, in command-line order), checked.
pub fn cli_levels(ruleset: &Ruleset, flags: &[(Level, String)]) -> Result<LevelSettings, ConfigError> {
    let mut settings = LevelSettings::default();
    for (level, name) in flags {
        check_selector(ruleset, name, true)?;
        let flag = match level {
            Level::Allow => "-A",
            Level::Warn => "-W",
            Level::Deny => "-D",
        };
        settings
            .settings
            .push((name.clone(), *level, format!("command line `{flag} {name}`")));
    }
    Ok(settings)
}

/// Each lint's level after applying `flags` to the built-in defaults (no configuration file).
pub fn levels(flags: &[(Level, String)]) -> Result<Vec<Level>, ConfigError> {
    let config = Config::builtin(PathBuf::from("."));
    let cli = cli_levels(&config.ruleset, flags)?;
    Ok(config.resolve(None, &cli, None).levels)
}

// ---- The file ----

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct File {
    source_language: Option<Spanned<String>>,
    #[serde(default)]
    include: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    lints: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    overrides: Vec<OverrideFile>,
    #[serde(default)]
    rules: Vec<Spanned<RuleFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct OverrideFile {
    paths: Vec<Spanned<String>>,
    #[serde(default)]
    lints: BTreeMap<Spanned<String>, Spanned<String>>,
    source_language: Option<Spanned<String>>,
}

/// A user's rule: the schema of `lints/*.toml` for data lints, with a name.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RuleFile {
    name: Spanned<String>,
    #[serde(default = "default_rule_level")]
    level: Level,
    group: Option<Group>,
    summary: Option<String>,
    message: String,
    label: Option<String>,
    help: Option<String>,
    fix: Option<Applicability>,
    explain: Option<String>,
    #[serde(default)]
    line: Vec<Entry>,
    #[serde(default)]
    text: Vec<Entry>,
    #[serde(default)]
    regex: Vec<Entry>,
    #[serde(default)]
    exact_case: bool,
    #[serde(default, rename = "example")]
    examples: Vec<Example>,
}

fn default_rule_level() -> Level {
    Level::Warn
}

/// `[ui-string] extend = [...]`: more entries for a data lint; a string is an `en` phrase.
/// `[<lint>] allow = [...]`: phrases of the user's text that any lint leaves alone.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Extension {
    #[serde(default)]
    extend: Vec<ExtensionEntry>,
    #[serde(default)]
    allow: Vec<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum ExtensionEntry {
    Phrase(String),
    Entry(Box<Entry>),
}

const TOP_LEVEL_KEYS: [&str; 6] = ["source-language", "include", "exclude", "lints", "overrides", "rules"];

impl Config {
    /// Reads and checks a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|err| ConfigError::new(format!("cannot read the configuration {}: {err}", path.display())))?;
        let in_file = |mut err: ConfigError| {
            for error in std::iter::once(&mut err.place).chain(err.also.iter_mut().map(|e| &mut e.place)) {
                if let Some(place) = error.as_mut() {
                    place.file = Some((path.to_path_buf(), text.clone()));
                }
            }
            err
        };
        Config::parse(path, &text).map_err(in_file)
    }

    /// Reads a configuration from its text; `path` places it (globs are relative to its folder).
    pub fn from_text(path: &Path, text: &str) -> Result<Config, ConfigError> {
        Config::parse(path, text)
    }

    fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let toml_error = |err: toml::de::Error| {
            let message = format!("invalid configuration: {}", err.message().trim_end_matches('\n'));
            let hint = unknown_field_hint(err.message());
            let error = ConfigError::new(message).help(hint);
            match err.span() {
                Some(span) => error.at(span, "here"),
                None => error,
            }
        };
        // Top-level keys with their spans: the known sections, and `[<lint>]` extension tables.
        let table = toml::de::DeTable::parse(text).map_err(toml_error)?;
        let builtin = Ruleset::builtin();
        let file: File = toml::from_str(text).map_err(toml_error)?;
        let rule_names: Vec<&str> = file.rules.iter().map(|r| r.get_ref().name.get_ref().as_str()).collect();
        // Every error of the file is reported in one run, as a compiler does: each part is
        // checked on its own, and the run stops only when one cannot be read at all.
        let mut errors = Vec::new();
        let mut extension_keys = Vec::new();
        for (key, _) in table.get_ref() {
            let name = key.get_ref().as_ref();
            if TOP_LEVEL_KEYS.contains(&name) {
                continue;
            }
            let is_lint = builtin.get(name).is_some() || rule_names.contains(&name);
            if !is_lint {
                let candidates = TOP_LEVEL_KEYS
                    .iter()
                    .copied()
                    .chain(builtin.lints().iter().map(|l| l.name));
                errors.push(
                    ConfigError::new(format!("unknown key `{name}`"))
                        .help(Some(did_you_mean(name, candidates)))
                        .at(key.span(), "not a setting, nor a lint to extend or allow phrases for"),
                );
                continue;
            }
            extension_keys.push((name.to_owned(), key.span()));
        }

        // Custom rules.
        let mut custom = Vec::new();
        for rule in &file.rules {
            match rule_lint(rule, text, &builtin, &custom) {
                Ok(lint) => custom.push(lint),
                Err(error) => errors.push(error),
            }
        }
        // Extra entries for data lints, and phrases any lint allows.
        let mut extra = Vec::new();
        let mut allowed = Vec::new();
        if !extension_keys.is_empty() {
            let values: BTreeMap<String, toml::Value> = toml::from_str(text).map_err(toml_error)?;
            for (name, span) in extension_keys {
                let extension: Extension = match values[&name].clone().try_into() {
                    Ok(extension) => extension,
                    Err(err) => {
                        let err: toml::de::Error = err;
                        errors.push(
                            ConfigError::new(format!("invalid `[{name}]`: {}", err.message()))
                                .at(span.clone(), "in this table"),
                        );
                        continue;
                    }
                };
                let is_data_lint = builtin.get(&name).is_some_and(|l| l.spec.engine == Engine::Data)
                    || rule_names.contains(&name.as_str());
                if !extension.extend.is_empty() && !is_data_lint {
                    errors.push(
                        ConfigError::new(format!("`{name}` has no phrase list to extend"))
                            .help(Some("`extend` is for the data lints (`ui-string`, `page-chrome`, `calque`, `translated-name`, `false-friend`, your rules); `allow` is for any lint".to_owned()))
                            .at(span.clone(), "in this table"),
                    );
                    continue;
                }
                if let Some(empty) = extension.allow.iter().find(|phrase| phrase.trim().is_empty()) {
                    errors.push(
                        ConfigError::new(format!("an allowed phrase of `[{name}]` is empty: `{empty:?}`"))
                            .help(Some(format!("an empty phrase would allow every finding; use a level (`[lints] {name} = \"allow\"`) to turn the lint off")))
                            .at(span.clone(), "in this table"),
                    );
                    continue;
                }
                allowed.push((name.clone(), extension.allow));
                let kind = data_kind(
                    builtin
                        .get(&name)
                        .map(|l| &l.spec)
                        .or_else(|| custom.iter().find(|l: &&Lint| l.name == name).map(|l| &l.spec)),
                );
                for item in extension.extend {
                    let entry = match item {
                        ExtensionEntry::Phrase(en) => phrase(en),
                        ExtensionEntry::Entry(entry) => *entry,
                    };
                    match check_entry(&entry, kind) {
                        Ok(()) => extra.push((name.clone(), kind, entry)),
                        Err(message) => {
                            let place = pattern_place(text, span.start..text.len(), &entry)
                                .map_or((span.clone(), "in this table"), |p| (p, "this pattern"));
                            errors.push(ConfigError::new(message).at(place.0, place.1));
                        }
                    }
                }
            }
        }
        let ruleset = match Ruleset::new(custom, extra).and_then(|mut ruleset| {
            for (name, phrases) in allowed {
                ruleset.allow(&name, phrases)?;
            }
            Ok(ruleset)
        }) {
            Ok(ruleset) => Arc::new(ruleset),
            Err(message) => {
                errors.push(ConfigError::new(message));
                return Err(ConfigError::all(errors).expect("an error"));
            }
        };

        let mut level_settings = |table: &BTreeMap<Spanned<String>, Spanned<String>>, origin: &str| {
            let mut settings = LevelSettings::default();
            for (name, level) in table {
                if let Err(error) = check_selector(&ruleset, name.get_ref(), false) {
                    errors.push(error.at(name.span(), "not a lint, group or `all`"));
                    continue;
                }
                match Level::parse(level.get_ref()) {
                    Some(parsed) => settings
                        .settings
                        .push((name.get_ref().clone(), parsed, origin.to_owned())),
                    None => errors.push(
                        ConfigError::new(format!("unknown level `{}`", level.get_ref()))
                            .help(Some("use `allow`, `warn` or `deny`".to_owned()))
                            .at(level.span(), "not a level"),
                    ),
                }
            }
            settings
        };
        let file_name = path
            .file_name()
            .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let levels = level_settings(&file.lints, &format!("{file_name} [lints]"));
        let mut overrides = Vec::new();
        for (index, o) in file.overrides.iter().enumerate() {
            let patterns: Vec<String> = o.paths.iter().map(|p| p.get_ref().clone()).collect();
            let origin = format!("{file_name} [[overrides]] #{} ({})", index + 1, patterns.join(", "));
            let levels = level_settings(&o.lints, &origin);
            overrides.push((patterns, &o.paths, levels, &o.source_language));
        }
        let overrides: Vec<Override> = overrides
            .into_iter()
            .filter_map(|(patterns, paths, levels, language)| {
                let globs = keep(&mut errors, globs(paths));
                let source_language = keep(&mut errors, language.as_ref().map(source_language).transpose());
                Some(Override {
                    globs: globs?,
                    patterns,
                    levels,
                    source_language: source_language?,
                })
            })
            .collect();
        let root = std::path::absolute(path)
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| PathBuf::from("."));
        let language = keep(
            &mut errors,
            file.source_language.as_ref().map(source_language).transpose(),
        );
        let include = keep(
            &mut errors,
            (!file.include.is_empty()).then(|| globs(&file.include)).transpose(),
        );
        let exclude = keep(
            &mut errors,
            (!file.exclude.is_empty()).then(|| globs(&file.exclude)).transpose(),
        );
        if let Some(error) = ConfigError::all(errors) {
            return Err(error);
        }
        Ok(Config {
            path: Some(path.to_path_buf()),
            root,
            source_language: language.flatten(),
            include: include.flatten(),
            exclude: exclude.flatten(),
            levels,
            overrides,
            ruleset,
        })
    }
}

/// The value of a check that passed; a failed one's error joins the others.
fn keep<T>(errors: &mut Vec<ConfigError>, result: Result<T, ConfigError>) -> Option<T> {
    result.map_err(|error| errors.push(error)).ok()
}

/// Where an entry's `pattern` is written in the file, searched from `within`'s start: the
/// pattern as a literal string (`'…'`), else as a basic one (`"…"`, with `\\` and `\"`).
fn pattern_place(text: &str, within: Range<usize>, entry: &Entry) -> Option<Range<usize>> {
    let pattern = entry.pattern.as_deref()?;
    let haystack = text.get(within.clone())?;
    let escaped = pattern.replace('\\', "\\\\").replace('"', "\\\"");
    // The pattern as a TOML string, quoted (so that a short pattern is not found inside a key):
    // a literal string as written, or a basic one escaped. The range is the pattern's.
    [
        format!("'''{pattern}'''"),
        format!("'{pattern}'"),
        format!("\"{escaped}\""),
    ]
    .iter()
    .find_map(|quoted| {
        let at = haystack.find(quoted.as_str())?;
        let quote = if quoted.starts_with("'''") { 3 } else { 1 };
        Some(within.start + at + quote..within.start + at + quoted.len() - quote)
    })
}

fn source_language(value: &Spanned<String>) -> Result<SourceLanguage, ConfigError> {
    SourceLanguage::parse(value.get_ref()).ok_or_else(|| {
        ConfigError::new(format!("unknown source language `{}`", value.get_ref()))
            .help(Some("use `auto`, `fr`, `de`, `es`, `it` or `pt`".to_owned()))
            .at(value.span(), "not a source language")
    })
}

fn globs(patterns: &[Spanned<String>]) -> Result<GlobSet, ConfigError> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(pattern.get_ref()).map_err(|err| {
            ConfigError::new(format!("invalid glob `{}`: {}", pattern.get_ref(), err.kind()))
                .at(pattern.span(), "this glob")
        })?;
        builder.add(glob);
    }
    builder
        .build()
        .map_err(|err| ConfigError::new(format!("invalid globs: {err}")))
}

/// The engine a lint's extra entries go to: the one most of its own entries use (`line` for
/// `ui-string`, `text` for `calque`; `line`, then `text`, on a tie).
fn data_kind(spec: Option<&LintSpec>) -> Kind {
    let Some(spec) = spec else { return Kind::Text };
    let counts = [
        (Kind::Line, spec.line.len()),
        (Kind::Text, spec.text.len()),
        (Kind::Regex, spec.regex.len()),
    ];
    let most = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
    match counts.iter().find(|(_, n)| *n == most) {
        Some((kind, n)) if *n > 0 => *kind,
        _ => Kind::Text,
    }
}

fn phrase(en: String) -> Entry {
    Entry {
        en: Some(en),
        pattern: None,
        fr: None,
        de: None,
        es: None,
        it: None,
        pt: None,
        means: None,
        note: None,
        fix: None,
        lead: None,
        exact: None,
        ambiguous: false,
    }
}

/// An entry of the right shape for its kind; a pattern that compiles within the size limit,
/// cannot match the empty string, and whose fix does not re-create its own match (either would
/// make `--fix` rewrite, or grow, the file on every run).
fn check_entry(entry: &Entry, kind: Kind) -> Result<(), String> {
    match (kind, &entry.en, &entry.pattern) {
        (Kind::Line | Kind::Text, Some(_), None) => Ok(()),
        (Kind::Regex, None, Some(pattern)) => {
            let regex = compile_pattern(pattern)?;
            let empty = regex_syntax::Parser::new()
                .parse(pattern)
                .is_ok_and(|hir| hir.properties().minimum_len() == Some(0));
            if empty {
                return Err(format!(
                    "the pattern `{pattern}` can match the empty string: it would flag, and fix, between any two characters"
                ));
            }
            match &entry.fix {
                Some(fix) if regex.is_match(fix) => Err(format!(
                    "the fix `{fix}` matches the pattern `{pattern}` itself: each --fix would fix it again, and grow the file"
                )),
                _ => Ok(()),
            }
        }
        (Kind::Regex, _, _) => Err("a `regex` entry has a `pattern` and no `en`".to_owned()),
        _ => Err("a `line` or `text` entry has an `en` phrase and no `pattern`".to_owned()),
    }
}

fn compile_pattern(pattern: &str) -> Result<regex::Regex, String> {
    regex::RegexBuilder::new(pattern)
        .size_limit(PATTERN_SIZE_LIMIT)
        .dfa_size_limit(PATTERN_SIZE_LIMIT)
        .build()
        .map_err(|err| {
            // The crate's message draws the pattern over several lines; keep its last.
            let message = err.to_string();
            let reason = message
                .lines()
                .last()
                .unwrap_or_default()
                .trim()
                .trim_start_matches("error: ")
                .to_owned();
            format!("invalid pattern `{pattern}`: {reason}")
        })
}

/// A `[[rules]]` table as a lint of its own.
fn rule_lint(rule: &Spanned<RuleFile>, text: &str, builtin: &Ruleset, earlier: &[Lint]) -> Result<Lint, ConfigError> {
    let span = rule.span();
    let rule = rule.get_ref();
    let name = rule.name.get_ref();
    let at_name = |error: ConfigError, label: &str| error.at(rule.name.span(), label);
    let kebab = !name.is_empty()
        && name
            .split('-')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
    if !kebab {
        return Err(at_name(
            ConfigError::new(format!("rule name `{name}` is not kebab-case")),
            "use lowercase words joined by `-`",
        ));
    }
    if builtin.get(name).is_some()
        || earlier.iter().any(|l| l.name == name)
        || Group::ALL.iter().any(|g| g.as_str() == name)
    {
        return Err(at_name(
            ConfigError::new(format!("rule name `{name}` is taken")),
            "a lint, group or earlier rule has it",
        ));
    }
    if rule.line.is_empty() && rule.text.is_empty() && rule.regex.is_empty() {
        return Err(
            ConfigError::new(format!("rule `{name}` has no `line`, `text` or `regex` entry")).at(span, "this rule"),
        );
    }
    for (kind, entries) in [
        (Kind::Line, &rule.line),
        (Kind::Text, &rule.text),
        (Kind::Regex, &rule.regex),
    ] {
        for entry in entries {
            check_entry(entry, kind).map_err(|message| {
                let error = ConfigError::new(format!("rule `{name}`: {message}"));
                // A rule's span is its `[[rules]]` header: its pattern comes after.
                match pattern_place(text, span.start..text.len(), entry) {
                    Some(place) => error.at(place, "this pattern"),
                    None => error.at(span.clone(), "this rule"),
                }
            })?;
        }
    }
    let spec = LintSpec {
        group: rule.group.unwrap_or(Group::Custom),
        level: rule.level,
        summary: rule.summary.clone().unwrap_or_else(|| rule.message.clone()),
        message: rule.message.clone(),
        messages: BTreeMap::new(),
        label: rule.label.clone(),
        help: rule.help.clone(),
        fix: rule.fix,
        engine: Engine::Data,
        explain: rule.explain.clone().unwrap_or_default(),
        examples: rule.examples.clone(),
        line: rule.line.clone(),
        text: rule.text.clone(),
        regex: rule.regex.clone(),
        chrome: None,
        exact_case: rule.exact_case,
        data: toml::Table::new(),
        deferred: None,
    };
    Ok(Lint {
        name: Box::leak(name.clone().into_boxed_str()),
        spec,
    })
}

/// `did you mean` for serde's "unknown field `x`, expected one of `a`, `b`".
fn unknown_field_hint(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    let suggestions = registry::closest(field, expected.iter().copied());
    Some(match suggestions.as_slice() {
        [] => format!(
            "the keys here are {}",
            expected.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
        ),
        _ => did_you_mean(field, expected.into_iter()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level_of(levels: &[Level], name: &str) -> Level {
        levels[registry::index_of(name).unwrap()]
    }

    #[test]
    fn flags_apply_in_order_and_warnings_last() {
        let flags = [
            (Level::Allow, "all".to_owned()),
            (Level::Warn, "typography".to_owned()),
            (Level::Deny, "warnings".to_owned()),
            (Level::Allow, "mixed-quotes".to_owned()),
        ];
        let levels = levels(&flags).unwrap();
        assert_eq!(level_of(&levels, "space-before-punct"), Level::Deny);
        assert_eq!(level_of(&levels, "mixed-quotes"), Level::Allow);
        assert_eq!(level_of(&levels, "page-chrome"), Level::Allow);
    }

    #[test]
    fn allow_warnings_silences_what_would_warn_and_the_last_warnings_flag_wins() {
        let flags = [
            (Level::Deny, "mixed-quotes".to_owned()),
            (Level::Allow, "warnings".to_owned()),
        ];
        let levels = levels(&flags).unwrap();
        assert_eq!(level_of(&levels, "mixed-quotes"), Level::Deny);
        assert_eq!(level_of(&levels, "doubled-word"), Level::Allow);
        assert_eq!(
            level_of(&levels, "ui-string"),
            Level::Deny,
            "an error by default stays one"
        );
        let flags = [
            (Level::Deny, "warnings".to_owned()),
            (Level::Allow, "warnings".to_owned()),
        ];
        assert_eq!(level_of(&super::levels(&flags).unwrap(), "doubled-word"), Level::Allow);
        let flags = [
            (Level::Allow, "warnings".to_owned()),
            (Level::Deny, "warnings".to_owned()),
        ];
        assert_eq!(level_of(&super::levels(&flags).unwrap(), "doubled-word"), Level::Deny);
    }

    #[test]
    fn unknown_names_suggest_the_closest() {
        let err = levels(&[(Level::Allow, "stray-guilemet".to_owned())]).unwrap_err();
        assert_eq!(err.message, "unknown lint or group `stray-guilemet`");
        assert_eq!(err.help.as_deref(), Some("did you mean `stray-guillemet`?"));
    }

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("mtlint.toml"), text)
    }

    #[test]
    fn errors_point_at_their_place() {
        let err = parse("[lints]\nspac-before-punct = \"allow\"\n").err().unwrap();
        assert_eq!(err.message, "unknown lint or group `spac-before-punct`");
        assert_eq!(err.span(), Some(8..25));
        assert_eq!(err.help.as_deref(), Some("did you mean `space-before-punct`?"));
        let err = parse("[lints]\nmixed-quotes = \"deny!\"\n").err().unwrap();
        assert_eq!(err.message, "unknown level `deny!`");
        let err = parse("sorce-language = \"fr\"\n").err().unwrap();
        assert_eq!(err.help.as_deref(), Some("did you mean `source-language`?"));
        let err = parse("[[overrides]]\npaths = [\"a/[\"]\n").err().unwrap();
        assert!(err.message.starts_with("invalid glob `a/[`"), "{}", err.message);
        let err = parse("[[rules]]\nname = \"x\"\nmessage = \"m\"\nregex = [{ pattern = \"(\" }]\n")
            .err()
            .unwrap();
        assert!(
            err.message.starts_with("rule `x`: invalid pattern `(`"),
            "{}",
            err.message
        );
        let err = parse("[[rules]]\nname = \"x\"\nmesage = \"m\"\n").err().unwrap();
        assert!(err.message.contains("unknown field `mesage`"), "{}", err.message);
        assert_eq!(err.help.as_deref(), Some("did you mean `message`?"));
    }

    #[test]
    fn a_huge_pattern_is_refused() {
        let text =
            "[[rules]]\nname = \"x\"\nmessage = \"m\"\nregex = [{ pattern = \"\\\\w{1000}\\\\w{1000}\\\\w{1000}\" }]\n";
        let err = parse(text).err().unwrap();
        assert!(err.message.contains("size limit"), "{}", err.message);
    }

    #[test]
    fn overrides_and_lints_resolve_in_order() {
        let config = parse(
            "source-language = \"fr\"\n[lints]\ntypography = \"allow\"\nmixed-quotes = \"deny\"\n\
             [[overrides]]\npaths = [\"docs/**\"]\nlints = { mixed-quotes = \"allow\" }\nsource-language = \"de\"\n",
        )
        .unwrap();
        let cli = LevelSettings::default();
        let root = config.root.clone();
        let here = config.resolve(Some(&root.join("a.md")), &cli, None);
        assert_eq!(level_of(&here.levels, "space-before-punct"), Level::Allow);
        assert_eq!(level_of(&here.levels, "mixed-quotes"), Level::Deny);
        assert_eq!(here.source_language, SourceLanguage::parse("fr").unwrap());
        let docs = config.resolve(Some(&root.join("docs/x/b.md")), &cli, None);
        assert_eq!(level_of(&docs.levels, "mixed-quotes"), Level::Allow);
        assert_eq!(
            docs.origins[registry::index_of("mixed-quotes").unwrap()],
            "mtlint.toml [[overrides]] #1 (docs/**)"
        );
        assert_eq!(docs.source_language, SourceLanguage::parse("de").unwrap());
    }

    #[test]
    fn rules_and_extensions_join_the_ruleset() {
        let config = parse(
            "[[rules]]\nname = \"house-newsletter\"\nmessage = \"our newsletter box: `{text}`\"\nline = [{ en = \"Get the Daily Brief\" }]\n\
             [ui-string]\nextend = [\"To bookmark\", { en = \"To annotate\", fr = \"Annoter\" }]\n",
        )
        .unwrap();
        assert!(config.ruleset.get("house-newsletter").is_some());
        let linter = crate::Linter::with_ruleset(
            config.ruleset.clone(),
            config.resolve(None, &LevelSettings::default(), None).levels,
        );
        let source = crate::source::Source::new("t", "Get the Daily Brief\n\nTo bookmark\n\nTo annotate\n");
        let found: Vec<&str> = linter
            .check(&source, crate::formats::Format::Plain)
            .iter()
            .map(|d| d.lint)
            .collect();
        assert_eq!(found, ["house-newsletter", "ui-string", "ui-string"]);
    }
}
