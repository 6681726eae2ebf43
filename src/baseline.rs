//! Baselines: record the findings of a legacy corpus once (`--write-baseline`), then report only
//! new ones (`--baseline`). A finding is matched by path, lint and the text of its line, not by
//! line number, so that edits elsewhere in the file do not bring old findings back.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::source::Source;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Recorded>,
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

fn key(source: &Source, diagnostic: &Diagnostic) -> Key {
    let (line, _) = source.line_col(diagnostic.span().start);
    let text = source.text()[source.line_range(line)].trim().to_owned();
    (source.path().to_owned(), diagnostic.lint.to_owned(), text)
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|err| format!("{}: cannot read the baseline: {err}", path.display()))?;
        let baseline: Baseline =
            serde_json::from_str(&text).map_err(|err| format!("{}: not an mtlint baseline: {err}", path.display()))?;
        if baseline.version != 1 {
            return Err(format!(
                "{}: baseline version {} is not supported",
                path.display(),
                baseline.version
            ));
        }
        Ok(baseline)
    }

    /// Adds the findings of one file.
    pub fn record(&mut self, source: &Source, diagnostics: &[Diagnostic]) {
        self.version = 1;
        let mut counts: HashMap<Key, usize> = HashMap::new();
        for diagnostic in diagnostics {
            *counts.entry(key(source, diagnostic)).or_default() += 1;
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
        std::fs::write(path, text).map_err(|err| format!("{}: cannot write the baseline: {err}", path.display()))
    }

    /// Counts by key, to filter with.
    pub fn filter(&self) -> BaselineFilter {
        let mut counts = HashMap::new();
        for f in &self.findings {
            *counts
                .entry((f.path.clone(), f.code.clone(), f.line.clone()))
                .or_default() += f.count;
        }
        BaselineFilter { counts }
    }
}

/// What is left of a baseline while filtering: each recorded finding hides one finding.
pub struct BaselineFilter {
    counts: HashMap<Key, usize>,
}

impl BaselineFilter {
    /// Drops the findings the baseline records.
    pub fn retain_new(&mut self, source: &Source, diagnostics: &mut Vec<Diagnostic>) {
        diagnostics.retain(|diagnostic| match self.counts.get_mut(&key(source, diagnostic)) {
            Some(count) if *count > 0 => {
                *count -= 1;
                false
            }
            _ => true,
        });
    }
}
