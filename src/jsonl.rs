//! JSON Lines corpora: lint one string field of each record, streaming, in batches linted in
//! parallel and reported in order, so that memory stays the same whatever the input's size.

use std::io::BufRead;

use rayon::prelude::*;
use serde_json::Value;

use crate::Linter;
use crate::diagnostic::Diagnostic;
use crate::formats::Format;
use crate::source::Source;

/// Records read and linted together: enough to keep the cores busy, few enough to keep memory
/// small.
pub const BATCH: usize = 4096;

/// One record's outcome.
pub struct Record {
    /// 1-based line number in the input.
    pub number: usize,
    /// The record's id field, if asked for and present.
    pub id: Option<Value>,
    pub result: Result<(Source, Vec<Diagnostic>), RecordProblem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordProblem {
    /// Not JSON, or not UTF-8: the message.
    Invalid(String),
    /// No string field of that name (a record may lack it on purpose).
    NoField,
}

/// Reads `input` line by line and calls `emit` with each batch of linted records, in order.
pub fn lint_stream(
    input: impl BufRead,
    name: &str,
    field: &str,
    id_field: Option<&str>,
    linter: &Linter,
    format: Format,
    mut emit: impl FnMut(Vec<Record>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut lines = input.split(b'\n').enumerate();
    loop {
        let mut batch: Vec<(usize, Vec<u8>)> = Vec::with_capacity(BATCH);
        for (index, line) in lines.by_ref() {
            let mut line = line?;
            // A byte-order mark opens the stream, not the first record.
            if index == 0 && line.starts_with("\u{feff}".as_bytes()) {
                line.drain(..3);
            }
            batch.push((index + 1, line));
            if batch.len() == BATCH {
                break;
            }
        }
        if batch.is_empty() {
            return Ok(());
        }
        let records = batch
            .into_par_iter()
            .filter(|(_, line)| !line.iter().all(u8::is_ascii_whitespace))
            .map(|(number, line)| lint_record(number, &line, name, field, id_field, linter, format))
            .collect();
        emit(records)?;
    }
}

fn lint_record(
    number: usize,
    line: &[u8],
    name: &str,
    field: &str,
    id_field: Option<&str>,
    linter: &Linter,
    format: Format,
) -> Record {
    let value: Value = match serde_json::from_slice(line) {
        Ok(value) => value,
        Err(err) => {
            return Record {
                number,
                id: None,
                result: Err(RecordProblem::Invalid(format!("not a JSON record: {err}"))),
            };
        }
    };
    let id = id_field.and_then(|f| value.get(f)).cloned();
    let Some(text) = value.get(field).and_then(Value::as_str) else {
        return Record {
            number,
            id,
            result: Err(RecordProblem::NoField),
        };
    };
    let source = Source::new(format!("{name}#{number}"), text);
    let diagnostics = linter.check(&source, format);
    Record {
        number,
        id,
        result: Ok((source, diagnostics)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_stream_in_order_with_their_numbers() {
        let input = "{\"text\": \"Why ?\", \"id\": 7}\n\nnot json\n{\"other\": 1}\n{\"text\": \"Fine.\"}\n";
        let mut seen = Vec::new();
        lint_stream(
            input.as_bytes(),
            "c.jsonl",
            "text",
            Some("id"),
            &Linter::default(),
            Format::Plain,
            |records| {
                for r in records {
                    let summary = match &r.result {
                        Ok((_, d)) => format!("{} finding(s)", d.len()),
                        Err(RecordProblem::Invalid(_)) => "invalid".to_owned(),
                        Err(RecordProblem::NoField) => "no field".to_owned(),
                    };
                    seen.push((r.number, r.id.clone(), summary));
                }
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(
            seen,
            [
                (1, Some(Value::from(7)), "1 finding(s)".to_owned()),
                (3, None, "invalid".to_owned()),
                (4, None, "no field".to_owned()),
                (5, None, "0 finding(s)".to_owned()),
            ]
        );
    }
}
