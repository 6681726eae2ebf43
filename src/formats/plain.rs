//! Plain text: every paragraph (lines between blank lines) is one region and one block.

use super::{BlockKind, Region};

pub fn regions(text: &str) -> Vec<Region> {
    let start_of_content = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut regions = Vec::new();
    let mut paragraph: Option<(usize, usize)> = None;
    let mut line_start = start_of_content;
    for line in text[start_of_content..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let line_end = line_start + content.len();
        if content.trim().is_empty() {
            if let Some((start, end)) = paragraph.take() {
                regions.push(region(start, end, regions.len()));
            }
        } else {
            let start = paragraph.map_or(line_start, |(start, _)| start);
            paragraph = Some((start, line_end));
        }
        line_start += line.len();
    }
    if let Some((start, end)) = paragraph {
        regions.push(region(start, end, regions.len()));
    }
    regions
}

fn region(start: usize, end: usize, block: usize) -> Region {
    Region {
        range: start..end,
        block,
        kind: BlockKind::Paragraph,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_split_on_blank_lines() {
        let text = "\u{feff}one\r\ntwo\r\n \r\nthree";
        let ranges: Vec<_> = regions(text).into_iter().map(|r| &text[r.range]).collect();
        assert_eq!(ranges, ["one\r\ntwo", "three"]);
    }
}
