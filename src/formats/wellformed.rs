//! Whether a bilingual or subtitle file is whole enough to lint: a PO string never closed, XML
//! that does not parse or is cut short, a subtitle timing that does not parse are errors with
//! their place, not "no problems".

use std::sync::LazyLock;

use quick_xml::Reader;
use quick_xml::events::Event;
use regex::Regex;

use super::Format;

/// Where the file stops being valid (a byte offset), and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub offset: usize,
    pub message: String,
}

/// The first place `text` is not valid `format`, if any (plain text, Markdown and HTML always
/// are: browsers and CommonMark read anything).
pub fn malformed(format: Format, text: &str) -> Option<Malformed> {
    match format {
        Format::Po => po(text),
        Format::Xliff => xml(text),
        Format::Subtitles => subtitles(text),
        Format::Plain | Format::Markdown | Format::Html => None,
    }
}

fn po(text: &str) -> Option<Malformed> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Some(open) = trimmed.find('"') else {
            if !trimmed.starts_with("msg") {
                return Some(Malformed {
                    offset: start,
                    message: format!(
                        "not a PO keyword or string: `{}`",
                        trimmed.chars().take(40).collect::<String>()
                    ),
                });
            }
            continue;
        };
        let rest = &trimmed[open + 1..];
        let mut escaped = false;
        let closed = rest.char_indices().find(|&(_, c)| {
            let close = c == '"' && !escaped;
            escaped = c == '\\' && !escaped;
            close
        });
        match closed {
            Some((i, _)) if rest[i + 1..].trim().is_empty() => {}
            Some(_) => {
                return Some(Malformed {
                    offset: start,
                    message: "text after the closing quote of a string".to_owned(),
                });
            }
            None => {
                return Some(Malformed {
                    offset: start,
                    message: "a string is never closed: its closing `\"` is missing".to_owned(),
                });
            }
        }
    }
    None
}

fn xml(text: &str) -> Option<Malformed> {
    let mut reader = Reader::from_str(text);
    let mut open: Vec<(String, usize)> = Vec::new();
    loop {
        let before = reader.buffer_position() as usize;
        match reader.read_event() {
            Ok(Event::Start(e)) => open.push((
                String::from_utf8_lossy(e.name().into_inner().as_bytes()).into_owned(),
                before,
            )),
            Ok(Event::End(_)) => {
                open.pop();
            }
            Ok(Event::Eof) => {
                return open.pop().map(|(name, offset)| Malformed {
                    offset,
                    message: format!("the file is cut short: `<{name}>` is never closed"),
                });
            }
            Ok(_) => {}
            Err(err) => {
                let offset = (reader.error_position() as usize).min(text.len());
                let offset = (0..=offset).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
                return Some(Malformed {
                    offset,
                    message: format!("not well-formed XML: {err}"),
                });
            }
        }
    }
}

static TIMING: LazyLock<Regex> = LazyLock::new(|| {
    let time = r"(?:\d+:)?\d{1,2}:\d{2}[,.]\d{1,3}";
    Regex::new(&format!(r"^\s*{time}\s+-->\s+{time}(?:\s.*)?$")).expect("timing pattern compiles")
});

fn subtitles(text: &str) -> Option<Malformed> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.contains("-->") && !TIMING.is_match(content) {
            // `-->` in a cue's text is text; a line that starts like a timing is a timing.
            if content.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
                return Some(Malformed {
                    offset: start,
                    message: format!("a timing that does not parse: `{}`", content.trim()),
                });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_files_are_found_with_their_place() {
        let po = "msgid \"a\"\nmsgstr \"b\n";
        assert_eq!(malformed(Format::Po, po).map(|m| m.offset), Some(10));
        assert_eq!(malformed(Format::Po, "msgid \"a \\\"q\\\"\"\nmsgstr \"\"\n"), None);
        let xliff = "<xliff><file><body><trans-unit id=\"1\"><source>a</source><target>b</tar></trans-unit>";
        assert!(malformed(Format::Xliff, xliff).is_some());
        let cut = "<xliff><file><body><trans-unit id=\"1\"><source>a</source>";
        assert!(malformed(Format::Xliff, cut).unwrap().message.contains("cut short"));
        assert_eq!(malformed(Format::Xliff, "<xliff><target/></xliff>"), None);
        assert!(malformed(Format::Subtitles, "1\n00:00:01,000 --> 00:0x:02,000\nHi\n").is_some());
        assert_eq!(
            malformed(Format::Subtitles, "1\n00:00:01,000 --> 00:00:02,000\nHi --> there\n"),
            None
        );
    }
}
