//! Every output format behind one trait: a file's findings are rendered on the worker thread
//! that linted it ([`Emitter::file`]), handed on a piece at a time as the text grows (a large
//! file's report is written while it is rendered, not held whole), and the pieces are written in
//! input order ([`Emitter::write`]) between [`Emitter::begin`] and [`Emitter::finish`]. A new
//! format is one implementation and one arm of [`emitter`].

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

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
    /// A file's section of an HTML page, and its counts, gathered for the page.
    Section(String, super::html::Counts),
}

impl Piece {
    pub fn into_text(self) -> String {
        match self {
            Piece::Text(text) => text,
            Piece::Values(_) | Piece::Section(..) => String::new(),
        }
    }
}

/// Where [`Emitter::file`] hands its pieces, in order.
pub type Sink<'a> = dyn FnMut(Piece) + 'a;

/// A piece is handed on once its text reaches this size.
const PIECE_BYTES: usize = 64 * 1024;

/// Hands `out` on as a piece once it is large enough (or, with `last`, whatever it holds).
fn hand_on(out: &mut String, last: bool, sink: &mut Sink) {
    if out.len() >= PIECE_BYTES || (last && !out.is_empty()) {
        sink(Piece::Text(std::mem::take(out)));
    }
}

/// Shared by the threads of a run: [`Emitter::file`] on the workers, the rest on the thread
/// that writes the output.
pub trait Emitter: Send + Sync {
    /// Written before the first piece.
    fn begin(&self, _out: &mut String) {}
    /// The findings on `source` (of the record `record`, in a JSON Lines input), handed to `sink`
    /// in pieces; called on worker threads, in any order.
    fn file(&self, source: &Source, diagnostics: &[Diagnostic], record: Option<&RecordOrigin>, sink: &mut Sink);
    /// Writes a piece of [`Emitter::file`]; called in input order.
    fn write(&self, piece: Piece, out: &mut String) {
        out.push_str(&piece.into_text());
    }
    /// Written after the last piece.
    fn finish(&self, _out: &mut String) {}

    /// The findings on `source` rendered whole, as one text.
    fn render(&self, source: &Source, diagnostics: &[Diagnostic], record: Option<&RecordOrigin>) -> String {
        let mut out = String::new();
        self.file(source, diagnostics, record, &mut |piece| self.write(piece, &mut out));
        out
    }
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
            started: AtomicBool::new(false),
        }),
        OutputFormat::Jsonl => Box::new(Jsonl),
        OutputFormat::Html => Box::new(Html {
            page: Mutex::new(Page::default()),
        }),
        OutputFormat::Sarif => Box::new(Sarif {
            lints: options.lints,
            results: Mutex::new(Vec::new()),
        }),
    }
}

struct Human {
    renderer: Renderer,
}

impl Emitter for Human {
    fn file(&self, source: &Source, diagnostics: &[Diagnostic], _: Option<&RecordOrigin>, sink: &mut Sink) {
        let mut out = String::new();
        super::human::render(&self.renderer, source, diagnostics, &mut out, &mut |out| {
            hand_on(out, false, sink)
        });
        hand_on(&mut out, true, sink);
    }
}

struct Short {
    color: bool,
}

impl Emitter for Short {
    fn file(&self, source: &Source, diagnostics: &[Diagnostic], _: Option<&RecordOrigin>, sink: &mut Sink) {
        let mut out = String::new();
        for diagnostic in diagnostics {
            super::short::render(source, std::slice::from_ref(diagnostic), self.color, &mut out);
            hand_on(&mut out, false, sink);
        }
        hand_on(&mut out, true, sink);
    }
}

/// GitHub Actions workflow commands; also the annotations written after a human report on
/// GitHub Actions.
pub struct Github;

impl Emitter for Github {
    fn file(&self, source: &Source, diagnostics: &[Diagnostic], _: Option<&RecordOrigin>, sink: &mut Sink) {
        let mut out = String::new();
        for diagnostic in diagnostics {
            super::github::render(source, std::slice::from_ref(diagnostic), &mut out);
            hand_on(&mut out, false, sink);
        }
        hand_on(&mut out, true, sink);
    }
}

/// The contract's object of each finding, with a record's origin when there is one, made one
/// at a time (a file's findings as values would take ten times the size of their text).
fn each_object(
    source: &Source,
    diagnostics: &[Diagnostic],
    record: Option<&RecordOrigin>,
    mut each: impl FnMut(Value),
) {
    for diagnostic in diagnostics {
        let mut object = super::json::object(source, diagnostic);
        if let Some(record) = record {
            object["path"] = Value::from(record.path);
            object["record"] = Value::from(record.number);
            if let Some(id) = record.id {
                object["id"] = id.clone();
            }
        }
        each(object);
    }
}

/// One JSON array, streamed: each piece is its objects joined by `,\n`.
struct Json {
    compact: bool,
    started: AtomicBool,
}

impl Emitter for Json {
    fn begin(&self, out: &mut String) {
        if self.compact {
            out.push('[');
        }
    }

    fn file(&self, source: &Source, diagnostics: &[Diagnostic], record: Option<&RecordOrigin>, sink: &mut Sink) {
        let mut out = String::new();
        each_object(source, diagnostics, record, |object| {
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
            // Pieces are joined by `,\n` (in `write`): a piece ends after an object.
            if out.len() >= PIECE_BYTES {
                sink(Piece::Text(std::mem::take(&mut out)));
            }
        });
        hand_on(&mut out, true, sink);
    }

    fn write(&self, piece: Piece, out: &mut String) {
        let text = piece.into_text();
        if text.is_empty() {
            return;
        }
        let started = self.started.swap(true, Ordering::Relaxed);
        out.push_str(match (started, self.compact) {
            (false, false) => "[\n",
            (false, true) => "\n",
            (true, _) => ",\n",
        });
        out.push_str(&text);
    }

    fn finish(&self, out: &mut String) {
        out.push_str(match (self.started.load(Ordering::Relaxed), self.compact) {
            (false, false) => "[]\n",
            _ => "\n]\n",
        });
    }
}

/// One object a line.
struct Jsonl;

impl Emitter for Jsonl {
    fn file(&self, source: &Source, diagnostics: &[Diagnostic], record: Option<&RecordOrigin>, sink: &mut Sink) {
        let mut out = String::new();
        each_object(source, diagnostics, record, |object| {
            out.push_str(&object.to_string());
            out.push('\n');
            hand_on(&mut out, false, sink);
        });
        hand_on(&mut out, true, sink);
    }
}

/// One SARIF log: its results gathered, written at the end with the rules.
struct Sarif {
    lints: Vec<&'static Lint>,
    results: Mutex<Vec<Value>>,
}

impl Emitter for Sarif {
    fn file(&self, source: &Source, diagnostics: &[Diagnostic], _: Option<&RecordOrigin>, sink: &mut Sink) {
        sink(Piece::Values(super::sarif::results(source, diagnostics, &self.lints)));
    }

    fn write(&self, piece: Piece, _: &mut String) {
        if let Piece::Values(values) = piece {
            self.results.lock().expect("no thread panicked").extend(values);
        }
    }

    fn finish(&self, out: &mut String) {
        let results = std::mem::take(&mut *self.results.lock().expect("no thread panicked"));
        let log = super::sarif::log(results, &self.lints);
        out.push_str(&(serde_json::to_string_pretty(&log).expect("SARIF serialises") + "\n"));
    }
}

/// One HTML page: the files' sections gathered in input order, written at the end after the
/// counts.
struct Html {
    page: Mutex<Page>,
}

#[derive(Default)]
struct Page {
    sections: Vec<String>,
    counts: super::html::Counts,
}

impl Emitter for Html {
    fn file(&self, source: &Source, diagnostics: &[Diagnostic], _: Option<&RecordOrigin>, sink: &mut Sink) {
        let (section, counts) = super::html::file_section(source, diagnostics);
        sink(Piece::Section(section, counts));
    }

    fn write(&self, piece: Piece, _: &mut String) {
        if let Piece::Section(section, counts) = piece {
            let mut page = self.page.lock().expect("no thread panicked");
            page.counts.add(&counts);
            if !section.is_empty() {
                page.sections.push(section);
            }
        }
    }

    fn finish(&self, out: &mut String) {
        let page = std::mem::take(&mut *self.page.lock().expect("no thread panicked"));
        out.push_str(&super::html::document(&page.sections, &page.counts));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Linter;
    use crate::formats::Format;

    fn run(format: OutputFormat, texts: &[&str]) -> String {
        let emitter = emitter(
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
            emitter.file(&source, &diagnostics, None, &mut |piece| emitter.write(piece, &mut out));
        }
        emitter.finish(&mut out);
        out
    }

    #[test]
    fn a_large_report_is_handed_on_in_pieces_that_join_to_the_whole() {
        let text = "Why ? the the end ?\n".repeat(5_000);
        let source = Source::new("big.txt", text);
        let diagnostics = Linter::default().check(&source, Format::Plain);
        for format in [
            OutputFormat::Human,
            OutputFormat::Short,
            OutputFormat::Json,
            OutputFormat::Jsonl,
        ] {
            let make = || {
                emitter(
                    format,
                    EmitOptions {
                        color: false,
                        lints: Vec::new(),
                        records: false,
                    },
                )
            };
            let emitter = make();
            let mut pieces = Vec::new();
            emitter.file(&source, &diagnostics, None, &mut |piece| pieces.push(piece.into_text()));
            assert!(pieces.len() > 2, "{format:?}: {} piece(s)", pieces.len());
            assert!(
                pieces.iter().all(|p| p.len() < 2 * PIECE_BYTES),
                "{format:?}: a piece is held too long"
            );
            let mut whole = String::new();
            for piece in pieces {
                emitter.write(Piece::Text(piece), &mut whole);
            }
            assert_eq!(whole, make().render(&source, &diagnostics, None), "{format:?}");
        }
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
