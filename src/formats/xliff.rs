//! XLIFF 1.2 and 2.0 (`.xlf`, `.xliff`) through `quick-xml`: the text of each `<target>` is
//! prose, at its position in the file; its `<source>` is the source of the bilingual checks.
//! Inline codes (`<ph>`, `<bpt>`, `<ept>`, `<it>`, `<x/>`) are markup; text inside `<g>`, `<pc>`
//! or `<mrk>` is prose. Entities and character references are markup too.

use std::ops::Range;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::{BlockKind, Document, Pair, Region, trim_range};

/// Inline elements whose content is native code, not text.
const CODE: [&[u8]; 4] = [b"ph", b"bpt", b"ept", b"it"];

/// Inline codes a target must keep, as its source has them (XLIFF 1.2 and 2.0; `<mrk>` is an
/// annotation a translator may add or drop, so it is not one).
const INLINE: [&[u8]; 11] = [
    b"ph", b"bpt", b"ept", b"it", b"g", b"x", b"bx", b"ex", b"pc", b"sc", b"ec",
];

#[derive(Clone, Copy, PartialEq)]
enum Inside {
    Nothing,
    Source,
    Target,
}

pub fn parse(text: &str) -> Document {
    let mut document = Document::default();
    // A byte-order mark (as CAT tools write) is not XML: the reader starts after it, and its
    // positions are moved back into the file's.
    let base = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let mut reader = Reader::from_str(&text[base..]);
    reader.config_mut().trim_text(false);
    let mut inside = Inside::Nothing;
    let mut code_depth = 0usize;
    let mut source = String::new();
    let mut target = String::new();
    let mut source_codes: Vec<String> = Vec::new();
    let mut target_codes: Vec<String> = Vec::new();
    let mut target_regions: Vec<Range<usize>> = Vec::new();
    let mut target_start = 0usize;
    let mut block = 0usize;
    loop {
        let before = base + reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(event) => event,
            // A malformed file: what was read so far is linted.
            Err(_) => break,
        };
        let after = base + reader.buffer_position() as usize;
        // On malformed input the reader's positions can fall inside a character: stop there,
        // as on any other error (found by the fuzz target; see tests/fuzz.rs).
        if after > text.len() || !text.is_char_boundary(before) || !text.is_char_boundary(after) {
            break;
        }
        match event {
            Event::Start(e) => match local(e.name().into_inner().as_bytes()) {
                b"source" => {
                    inside = Inside::Source;
                    source.clear();
                    source_codes.clear();
                }
                b"target" => {
                    inside = Inside::Target;
                    target.clear();
                    target_codes.clear();
                    target_regions.clear();
                    target_start = after;
                }
                name => {
                    if code_depth == 0 {
                        let codes = match inside {
                            Inside::Source => Some(&mut source_codes),
                            Inside::Target => Some(&mut target_codes),
                            Inside::Nothing => None,
                        };
                        if let Some(codes) = codes.filter(|_| INLINE.contains(&name)) {
                            codes.push(inline_code(&e, false));
                        }
                    }
                    if CODE.contains(&name) {
                        code_depth += 1;
                    }
                }
            },
            Event::End(e) => match local(e.name().into_inner().as_bytes()) {
                b"source" => inside = Inside::Nothing,
                b"target" => {
                    inside = Inside::Nothing;
                    for range in target_regions.drain(..) {
                        let range = trim_range(text, range);
                        if !range.is_empty() {
                            document.regions.push(Region {
                                range,
                                block,
                                kind: BlockKind::Segment,
                            });
                        }
                    }
                    document.pairs.push(Pair {
                        source: source.clone(),
                        target: target.clone(),
                        span: target_start..before,
                        source_codes: source_codes.clone(),
                        target_codes: std::mem::take(&mut target_codes),
                    });
                    block += 1;
                }
                name if CODE.contains(&name) => code_depth = code_depth.saturating_sub(1),
                _ => {}
            },
            // `<target/>` is a target left empty, as `<target></target>` is.
            Event::Empty(e) if local(e.name().into_inner().as_bytes()) == b"target" => {
                document.pairs.push(Pair {
                    source: source.clone(),
                    target: String::new(),
                    span: before..after,
                    source_codes: source_codes.clone(),
                    target_codes: Vec::new(),
                });
                block += 1;
            }
            Event::Empty(e) if code_depth == 0 && INLINE.contains(&local(e.name().into_inner().as_bytes())) => {
                match inside {
                    Inside::Source => source_codes.push(inline_code(&e, true)),
                    Inside::Target => target_codes.push(inline_code(&e, true)),
                    Inside::Nothing => {}
                }
            }
            Event::Text(_) if code_depth == 0 => {
                let raw = &text[before..after];
                match inside {
                    Inside::Source => source.push_str(raw),
                    Inside::Target => {
                        target.push_str(raw);
                        extend(&mut target_regions, before..after);
                    }
                    Inside::Nothing => {}
                }
            }
            Event::CData(_) if code_depth == 0 => {
                // `<![CDATA[` … `]]>`: the content is text (an unterminated section ends with the
                // input; found by the fuzz target).
                let start = if text[before..].starts_with("<![CDATA[") {
                    before + 9
                } else {
                    before
                };
                let end = if text[..after].ends_with("]]>") {
                    after - 3
                } else {
                    after
                };
                let content = start..end.max(start);
                if !text.is_char_boundary(content.start) || !text.is_char_boundary(content.end) {
                    break;
                }
                match inside {
                    Inside::Source => source.push_str(&text[content]),
                    Inside::Target => {
                        target.push_str(&text[content.clone()]);
                        target_regions.push(content);
                    }
                    Inside::Nothing => {}
                }
            }
            Event::GeneralRef(_) if code_depth == 0 => {
                let decoded = html_escape::decode_html_entities(&text[before..after]).into_owned();
                match inside {
                    Inside::Source => source.push_str(&decoded),
                    Inside::Target => {
                        target.push_str(&decoded);
                        extend(&mut target_regions, before..after);
                    }
                    Inside::Nothing => {}
                }
            }
            Event::Comment(_) => document.comments.push(before..after),
            Event::Eof => break,
            _ => {}
        }
    }
    // Character references are decoded for matching (`&amp;` is a reference, not a region break).
    document.decoded = super::Decoded::new(text, &mut document, Vec::new());
    document.trim_regions(text);
    document
}

/// Adds a run of text or a reference to a target's regions, joined to the last one if adjacent.
fn extend(regions: &mut Vec<Range<usize>>, range: Range<usize>) {
    match regions.last_mut() {
        Some(last) if last.end == range.start => last.end = range.end,
        _ => regions.push(range),
    }
}

/// An inline code as a placeholder is compared: its name and the attribute that ties it to the
/// source's (`id`, or `startRef` for 2.0's `<ec>`, `rid` for 1.2's paired codes), as `<x id="1"/>`.
fn inline_code(element: &quick_xml::events::BytesStart, empty: bool) -> String {
    let name = String::from_utf8_lossy(local(element.name().into_inner().as_bytes())).into_owned();
    let mut code = format!("<{name}");
    for attribute in element.attributes().flatten() {
        let key = local(attribute.key.into_inner().as_bytes());
        if matches!(key, b"id" | b"rid" | b"startRef") {
            let value = &attribute.value;
            code.push_str(&format!(" {}=\"{value}\"", String::from_utf8_lossy(key)));
        }
    }
    code.push_str(if empty { "/>" } else { ">" });
    code
}

/// The name without its namespace prefix.
fn local(name: &[u8]) -> &[u8] {
    name.rsplit(|&b| b == b':').next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_prose_in_both_versions() {
        let v12 = r#"<xliff version="1.2"><file><body>
<trans-unit id="1"><source>Print</source><target>To print</target></trans-unit>
<trans-unit id="2"><source>Hi <ph id="1">%s</ph>!</source><target>Hello <ph id="1">%s</ph> &amp; bye ?</target></trans-unit>
</body></file></xliff>"#;
        let document = parse(v12);
        let view = document.decoded.as_ref().expect("a reference to decode").text();
        let prose: Vec<&str> = document.regions.iter().map(|r| &view[r.range.clone()]).collect();
        assert_eq!(prose, ["To print", "Hello", "& bye ?"]);
        assert_eq!(document.pairs[1].source, "Hi !");
        assert_eq!(document.pairs[1].target, "Hello  & bye ?");
        let v20 = r#"<xliff version="2.0"><file><unit id="u"><segment><source>Save</source><target>To safeguard</target></segment></unit></file></xliff>"#;
        let document = parse(v20);
        assert_eq!(&v20[document.regions[0].range.clone()], "To safeguard");
        assert_eq!(document.pairs[0].source, "Save");
    }
}
