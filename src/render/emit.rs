//! Every output format behind one trait: a file's findings are rendered on the worker thread
//! that linted it ([`Emitter::file`]), and the pieces are written in input order
//! ([`Emitter::write`]) between [`Emitter::begin`] and [`Emitter::finish`]. A new format is one
//! implementation and one arm of [`emitter`].

use annotate_snippets::Renderer;
use serde_json::Value;

use super::OutputFormat;
use crate::diagnostic::Diagnostic;
use crate::registry::Lint;
use crate::source::Source;

/// Where a JSON Lines record came from: its input's name, line number and id field.
pub struct RecordOrigin<'a> {
    pub path: &'a str,
    pub number: usize,
    pub id: Option<&'a Value>,
}

/// One file's (or record's) findings, rendered.
pub enum Piece {
    /// Text written as it is.
    Text(String),
    /// Gathered and written at the end, by a format that is one document.
    Values(Vec<Value>),
}

impl Piece {
    pub fn into_text(self) -> String {
        match self {
            Piece::Text(text) => text,
            Piece::Values(_) => String::new(),
        }
    }
}

pub trait Emitter: Send + Sync {
    /// Written before the first piece.
    fn begin(&mut self, _out: &mut String) {}
    /// The findings on `source` (of the record `record`, in a JSON Lines input); called on
    /// worker threads, in any order.
    fn file(&self, source: &Source, diagnostics: &[Diagnostic], record: Option<&RecordOrigin>) -> Piece;
    /// Writes a piece of [`Emitter::file`]; called in input order.
    fn write(&mut self, piece: Piece, out: &mut String) {
        out.push_str(&piece.into_text());
    }
    /// Written after the last piece.
    fn finish(&mut self, _out: &mut String) {}
}

/// How the formats are set up for a run.
pub struct EmitOptions {
    /// Colour the human and short reports.
    pub color: bool,
    /// Every lint of the run, built-in first: SARIF's rules.
    pub lints: Vec<&'static Lint>,
    /// JSON Lines records: `--format json` gives one compact object a line (a corpus' report is
    /// large), not the pretty array of a file run.
    pub records: bool,
}

/// The emitter of `format`.
pub fn emitter(format: OutputFormat, options: EmitOptions) -> Box<dyn Emitter> {
    match format {
        OutputFormat::Human => Box::new(Human {
            renderer: if options.color {
                Renderer::styled()
            } else {
                Renderer::plain()
            },
        }),
        OutputFormat::Short => Box::new(Short { color: options.color }),
        OutputFormat::Github => Box::new(Github),
        OutputFormat::Json => Box::new(Json {
            compact: options.records,
            started: false,
        }),
        OutputFormat::Jsonl => Box::new(Jsonl),
        OutputFormat::Sarif => Box::new(Sarif {
            lints: options.lints,
            results: Vec::new(),
        }),
    }
}

struct Human {
    renderer: Renderer,
}

impl Emitter for Human {
    fn file(&self, source: &Source, diagnostics: &[Diagnostic], _: Option<&RecordOrigin>) -> Piece {
        let mut out = String::new();
        super::human::render(&self.renderer, source, diagnostics, &mut out);
        Piece::Text(out)
    }
}

struct Short {
    color: bool,
}

impl Emitter for Short {
    fn file(&self, source: &Source, diagnostics: &[Diagnostic], _: Option<&RecordOrigin>) -> Piece {
        let mut out = String::new();
        super::short::render(source, diagnostics, self.color, &mut out);
        Piece::Text(out)
    }
}

/// GitHub Actions workflow commands; also the annotations written after a human report on
/// GitHub Actions.
pub struct Github;

impl Emitter for Github {
    fn file(&self, source: &Source, diagnostics: &[Diagnostic], _: Option<&RecordOrigin>) -> Piece {
        let mut out = String::new();
        super::github::render(source, diagnostics, &mut out);
        Piece::Text(out)
    }
}

/// The contract's objects, with a record's origin when there is one.
fn objects(source: &Source, diagnostics: &[Diagnostic], record: Option<&RecordOrigin>) -> Vec<Value> {
    let mut objects = super::json::objects(source, diagnostics);
    if let Some(record) = record {
        for object in &mut objects {
            object["path"] = Value::from(record.path);
            object["record"] = Value::from(record.number);
            if let Some(id) = record.id {
                object["id"] = id.clone();
            }
        }
    }
    objects
}

/// One JSON array, streamed: each piece is its objects joined by `,\n`.
struct Json {
    compact: bool,
    started: bool,
}

impl Emitter for Json {
    fn begin(&mut self, out: &mut String) {
        if self.compact {
            out.push('[');
        }
    }

    fn file(&self, source: &Source, diagnostics: &[Diagnostic], record: Option<&RecordOrigin>) -> Piece {
        let mut out = String::new();
        for object in objects(source, diagnostics, record) {
            if !out.is_empty() {
                out.push_str(",\n");
            }
            if self.compact {
                out.push_str(&object.to_string());
            } else {
                // As an element of a pretty-printed array: indented one level. A JSON string
                // holds no raw line break, so indenting lines indents the object only.
                let pretty = serde_json::to_string_pretty(&object).expect("JSON values serialise");
                for (i, line) in pretty.lines().enumerate() {
                    if i > 0 {
                        out.push('\n');
                    }
                    out.push_str("  ");
                    out.push_str(line);
                }
            }
        }
        Piece::Text(out)
    }

    fn write(&mut self, piece: Piece, out: &mut String) {
        let text = piece.into_text();
        if text.is_empty() {
            return;
        }
        out.push_str(match (self.started, self.compact) {
            (false, false) => "[\n",
            (false, true) => "\n",
            (true, _) => ",\n",
        });
        self.started = true;
        out.push_str(&text);
    }

    fn finish(&mut self, out: &mut String) {
        out.push_str(match (self.started, self.compact) {
            (false, false) => "[]\n",
            _ => "\n]\n",
        });
    }
}

/// One object a line.
struct Jsonl;

impl Emitter for Jsonl {
    fn file(&self, source: &Source, diagnostics: &[Diagnostic], record: Option<&RecordOrigin>) -> Piece {
        let mut out = String::new();
        for object in objects(source, diagnostics, record) {
            out.push_str(&object.to_string());
            out.push('\n');
        }
        Piece::Text(out)
    }
}

/// One SARIF log: its results gathered, written at the end with the rules.
struct Sarif {
    lints: Vec<&'static Lint>,
    results: Vec<Value>,
}

impl Emitter for Sarif {
    fn file(&self, source: &Source, diagnostics: &[Diagnostic], _: Option<&RecordOrigin>) -> Piece {
        Piece::Values(super::sarif::results(source, diagnostics, &self.lints))
    }

    fn write(&mut self, piece: Piece, _: &mut String) {
        if let Piece::Values(values) = piece {
            self.results.extend(values);
        }
    }

    fn finish(&mut self, out: &mut String) {
        let log = super::sarif::log(std::mem::take(&mut self.results), &self.lints);
        out.push_str(&(serde_json::to_string_pretty(&log).expect("SARIF serialises") + "\n"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Linter;
    use crate::formats::Format;

    fn run(format: OutputFormat, texts: &[&str]) -> String {
        let mut emitter = emitter(
            format,
            EmitOptions {
                color: false,
                lints: Vec::new(),
                records: false,
            },
        );
        let mut out = String::new();
        emitter.begin(&mut out);
        for (i, text) in texts.iter().enumerate() {
            let source = Source::new(format!("f{i}.txt"), (*text).to_owned());
            let diagnostics = Linter::default().check(&source, Format::Plain);
            let piece = emitter.file(&source, &diagnostics, None);
            emitter.write(piece, &mut out);
        }
        emitter.finish(&mut out);
        out
    }

    #[test]
    fn streamed_json_is_the_pretty_array_of_every_object() {
        let texts = ["Why ?\n", "All is well.\n", "the the end ?\n"];
        let mut values = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            let source = Source::new(format!("f{i}.txt"), (*text).to_owned());
            values.extend(super::super::json::objects(
                &source,
                &Linter::default().check(&source, Format::Plain),
            ));
        }
        assert!(values.len() >= 3);
        let whole = serde_json::to_string_pretty(&values).unwrap() + "\n";
        assert_eq!(run(OutputFormat::Json, &texts), whole);
        assert_eq!(run(OutputFormat::Json, &["All is well.\n"]), "[]\n");
    }
}
