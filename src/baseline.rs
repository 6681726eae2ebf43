//! Baselines: record the findings of a legacy corpus once (`--write-baseline`), then report only
//! new ones (`--baseline`). A finding is matched by path, lint and the text of its line, not by
//! line number, so that edits elsewhere in the file do not bring old findings back. Paths are
//! stored relative to the baseline file's folder, so that `./corpus/a.txt`, `corpus/a.txt`, an
//! absolute path or a run from another folder all name the same file.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::source::Source;

/// The format version written: 2 stores paths relative to the baseline file (1, read still,
/// stored them as typed, relative to the working folder).
const VERSION: u32 = 2;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Recorded>,
    /// The baseline file's folder, which stored paths are relative to.
    #[serde(skip)]
    root: PathBuf,
}

/// One kind of finding on one line, and how many times it occurs there.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Recorded {
    pub path: String,
    pub code: String,
    pub line: String,
    pub count: usize,
}

type Key = (String, String, String);

fn key(path: &str, source: &Source, diagnostic: &Diagnostic) -> Key {
    let (line, _) = source.line_col(diagnostic.span().start);
    let text = source.text()[source.line_range(line)].trim().to_owned();
    (path.to_owned(), diagnostic.lint.to_owned(), text)
}

/// A path made absolute, with symbolic links and `..` resolved where it exists.
fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// `path` from `root`, with `/` between components: `corpus/a.txt`, `../other/b.txt`.
fn relative(root: &Path, path: &Path) -> String {
    let path = absolute(path);
    let (from, to): (Vec<Component>, Vec<Component>) = (root.components().collect(), path.components().collect());
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// The folder of the baseline file `path`, absolute.
fn folder_of(path: &Path) -> PathBuf {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    absolute(parent)
}

impl Baseline {
    /// A new baseline, to be written to `path`.
    pub fn new(path: &Path) -> Baseline {
        Baseline {
            version: VERSION,
            findings: Vec::new(),
            root: folder_of(path),
        }
    }

    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|err| format!("{}: cannot read the baseline: {err}", path.display()))?;
        let mut baseline: Baseline =
            serde_json::from_str(&text).map_err(|err| format!("{}: not an mtlint baseline: {err}", path.display()))?;
        baseline.root = folder_of(path);
        match baseline.version {
            VERSION => {}
            // Version 1 stored paths as typed, from the working folder.
            1 => {
                for finding in &mut baseline.findings {
                    finding.path = relative(&baseline.root, Path::new(&finding.path));
                }
            }
            version => {
                return Err(format!(
                    "{}: baseline version {version} is not supported",
                    path.display()
                ));
            }
        }
        Ok(baseline)
    }

    /// Adds the findings of one file.
    pub fn record(&mut self, source: &Source, diagnostics: &[Diagnostic]) {
        let path = relative(&self.root, Path::new(source.path()));
        let mut counts: HashMap<Key, usize> = HashMap::new();
        for diagnostic in diagnostics {
            *counts.entry(key(&path, source, diagnostic)).or_default() += 1;
        }
        let mut recorded: Vec<Recorded> = counts
            .into_iter()
            .map(|((path, code, line), count)| Recorded {
                path,
                code,
                line,
                count,
            })
            .collect();
        recorded.sort_by(|a, b| (&a.path, &a.code, &a.line).cmp(&(&b.path, &b.code, &b.line)));
        self.findings.extend(recorded);
    }

    pub fn write(&mut self, path: &Path) -> Result<(), String> {
        self.findings
            .sort_by(|a, b| (&a.path, &a.code, &a.line).cmp(&(&b.path, &b.code, &b.line)));
        let text = serde_json::to_string_pretty(self).expect("a baseline serialises") + "\n";
        let refuse = |why: String| format!("{}: baseline not written: {why}", path.display());
        // A repository's `.mtlint-baseline.json` could be a link to the user's shell profile:
        // a baseline is only ever a regular file of its own, replaced whole.
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(refuse(
                    "it is a symbolic link; mtlint writes a baseline only as a file of its own".to_owned(),
                ));
            }
            Ok(meta) if !meta.is_file() => return Err(refuse("it is not a regular file".to_owned())),
            _ => {}
        }
        let folder = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let write = || -> std::io::Result<()> {
            let mut temp = tempfile::Builder::new()
                .prefix(".mtlint-baseline-")
                .suffix(".tmp")
                .tempfile_in(folder)?;
            std::io::Write::write_all(&mut temp, text.as_bytes())?;
            temp.as_file().sync_all()?;
            temp.persist(path).map_err(|err| err.error)?;
            Ok(())
        };
        write().map_err(|err| refuse(err.to_string()))
    }

    /// Counts by key, to filter with.
    pub fn filter(&self) -> BaselineFilter {
        let mut counts = HashMap::new();
        for f in &self.findings {
            *counts
                .entry((f.path.clone(), f.code.clone(), f.line.clone()))
                .or_default() += f.count;
        }
        BaselineFilter {
            counts,
            root: self.root.clone(),
        }
    }
}

/// What is left of a baseline while filtering: each recorded finding hides one finding.
pub struct BaselineFilter {
    counts: HashMap<Key, usize>,
    root: PathBuf,
}

impl BaselineFilter {
    /// Drops the findings the baseline records.
    pub fn retain_new(&mut self, source: &Source, diagnostics: &mut Vec<Diagnostic>) {
        let path = relative(&self.root, Path::new(source.path()));
        diagnostics.retain(
            |diagnostic| match self.counts.get_mut(&key(&path, source, diagnostic)) {
                Some(count) if *count > 0 => {
                    *count -= 1;
                    false
                }
                _ => true,
            },
        );
    }
}
