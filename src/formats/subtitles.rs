//! Subtitles, SubRip (`.srt`) and WebVTT (`.vtt`): the text of each cue, one block per cue (a cue
//! split over lines is one region); never indices, cue identifiers, timings, cue settings, or
//! WebVTT's header, `NOTE`, `STYLE` and `REGION` blocks. Tags (`<i>`, `<v Name>`, `{\an8}`) are
//! markup.

use super::{BlockKind, Region, trim_range};

pub fn regions(text: &str) -> Vec<Region> {
    let mut regions = Vec::new();
    let mut block = 0;
    // Lines with their start offsets, content without the line ending.
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        lines.push((at, line.trim_end_matches(['\n', '\r'])));
        at += line.len();
    }
    let mut i = 0;
    while i < lines.len() {
        // A block: lines up to a blank one.
        let start = i;
        while i < lines.len() && !lines[i].1.trim().is_empty() {
            i += 1;
        }
        let cue = &lines[start..i];
        i += 1;
        let Some(timing) = cue.iter().position(|(_, line)| line.contains("-->")) else {
            continue;
        };
        let first = cue[0].1.trim_start_matches('\u{feff}');
        if ["WEBVTT", "NOTE", "STYLE", "REGION"]
            .iter()
            .any(|k| first.starts_with(k))
            && timing != 0
        {
            continue;
        }
        let text_lines = &cue[timing + 1..];
        if text_lines.is_empty() {
            continue;
        }
        for (offset, line) in text_lines {
            for piece in untagged(line) {
                let range = offset + piece.start..offset + piece.end;
                match regions.last_mut() {
                    // One region for the cue's lines, unless a tag cuts it.
                    Some(Region {
                        range: last, block: b, ..
                    }) if *b == block
                        && text[last.end..range.start].trim().is_empty()
                        && !text[last.end..range.start].is_empty()
                        && text[last.end..range.start].contains('\n') =>
                    {
                        last.end = range.end;
                    }
                    _ => regions.push(Region {
                        range,
                        block,
                        kind: BlockKind::Segment,
                    }),
                }
            }
        }
        block += 1;
    }
    regions
}

/// The parts of a cue line between tags (`<…>` and `{…}`), trimmed, as ranges in the line.
fn untagged(line: &str) -> Vec<std::ops::Range<usize>> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let close = match c {
            '<' => '>',
            '{' if line[i..].starts_with("{\\") => '}',
            _ => continue,
        };
        if let Some(end) = line[i..].find(close) {
            pieces.push(start..i);
            start = i + end + 1;
            while chars.peek().is_some_and(|(j, _)| *j < start) {
                chars.next();
            }
        }
    }
    pieces.push(start..line.len());
    pieces
        .into_iter()
        .map(|r| trim_range(line, r))
        .filter(|r| !r.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(text: &str) -> Vec<&str> {
        regions(text).into_iter().map(|r| &text[r.range]).collect()
    }

    #[test]
    fn srt_cues_only() {
        let srt = "1\n00:00:01,000 --> 00:00:02,500\nA fault ?\nNo: the printer\n\n2\r\n00:00:03,000 --> 00:00:04,000\r\n<i>To print</i>\r\n";
        assert_eq!(prose(srt), ["A fault ?\nNo: the printer", "To print"]);
    }

    #[test]
    fn vtt_skips_header_notes_and_settings() {
        let vtt = "WEBVTT - a title ?\n\nNOTE a note ?\n\nintro\n00:01.000 --> 00:02.000 align:start\n<v Anna>Why ?</v> Because\n";
        assert_eq!(prose(vtt), ["Why ?", "Because"]);
    }
}
