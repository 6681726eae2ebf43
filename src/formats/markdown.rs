//! Markdown through pulldown-cmark: prose is the text of paragraphs, headings, list items,
//! table cells and footnotes, link text and image alt text included, and the text of HTML blocks
//! (through the HTML front-end); code, inline HTML, link destinations, autolinks, front matter
//! and MDX-style components (`<Listing …>`) are left out.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::{BlockKind, Region};

/// The prose regions, and the code (blocks and inline) the markup checks skip.
pub fn parse(text: &str) -> super::Document {
    let mut code: Vec<std::ops::Range<usize>> = Vec::new();
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut regions: Vec<Region> = Vec::new();
    let mut blocks: Vec<(usize, BlockKind)> = Vec::new();
    let mut next_block = 0;
    // Depth inside constructs whose text is not prose.
    let mut skipped = 0usize;
    // For each open link: whether it is an autolink, whose text is skipped.
    let mut links: Vec<bool> = Vec::new();
    // The HTML block being read: where it starts and ends.
    let mut html_block: Option<std::ops::Range<usize>> = None;
    // Character references in prose, and the text they stand for.
    let mut references: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if let Some(kind) = block_kind(&tag) {
                    blocks.push((next_block, kind));
                    next_block += 1;
                } else if let Tag::Image { .. } = tag {
                    // Alt text is prose of its own, standing alone.
                    blocks.push((next_block, BlockKind::Segment));
                    next_block += 1;
                } else if let Tag::HtmlBlock = tag {
                    skipped += 1;
                    html_block = Some(range.start..range.start);
                } else if let Tag::Link { link_type, .. } = tag {
                    // An autolink's text is its URL or address.
                    let autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
                    skipped += usize::from(autolink);
                    links.push(autolink);
                } else if matches!(tag, Tag::CodeBlock(_) | Tag::MetadataBlock(_)) {
                    skipped += 1;
                    if matches!(tag, Tag::CodeBlock(_)) {
                        code.push(range.clone());
                    }
                }
            }
            Event::End(tag) => {
                if matches!(
                    tag,
                    TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell | TagEnd::Image
                ) {
                    blocks.pop();
                } else if tag == TagEnd::HtmlBlock {
                    skipped -= 1;
                    if let Some(block_range) = html_block.take() {
                        next_block = html_regions(text, block_range, next_block, &mut regions);
                    }
                } else if tag == TagEnd::Link {
                    if links.pop() == Some(true) {
                        skipped -= 1;
                    }
                } else if matches!(tag, TagEnd::CodeBlock | TagEnd::MetadataBlock(_)) {
                    skipped -= 1;
                }
            }
            Event::Code(_) => code.push(range.clone()),
            Event::Html(_) => {
                if let Some(block_range) = html_block.as_mut() {
                    block_range.end = range.end;
                }
            }
            Event::Text(_) | Event::SoftBreak | Event::HardBreak if skipped == 0 => {
                let Some(&(block, kind)) = blocks.last() else { continue };
                // Text that differs from its source: a character reference is prose through the
                // decoded view (`&nbsp;` is a no-break space); anything else is markup.
                if let Event::Text(content) = &event {
                    let source = &text[range.clone()];
                    if content.as_ref() != source {
                        if !(source.starts_with('&') && source.ends_with(';')) {
                            continue;
                        }
                        references.push((range.clone(), content.to_string()));
                    }
                }
                match regions.last_mut() {
                    Some(last) if last.block == block && last.range.end == range.start => {
                        last.range.end = range.end;
                    }
                    _ if matches!(event, Event::Text(_)) => regions.push(Region { range, block, kind }),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    for region in &mut regions {
        // A hard or soft break at the end belongs to the layout, not the prose.
        while text[region.range.clone()].ends_with(['\n', '\r', '\\']) {
            region.range.end -= 1;
        }
    }
    regions.retain(|region| !region.range.is_empty());
    code.sort_by_key(|r| r.start);
    let mut document = super::Document {
        regions,
        code,
        ..super::Document::default()
    };
    let escaping = super::Escaping::Markup { attributes: Vec::new() };
    document.decoded = super::Decoded::with(text, &mut document, references, escaping);
    document
}

/// The prose of an HTML block, through the HTML front-end, in blocks numbered from `next_block`;
/// an MDX-style component (a tag with a capital, `<Listing …>`) is left alone. Returns the next
/// free block number.
fn html_regions(text: &str, range: std::ops::Range<usize>, next_block: usize, regions: &mut Vec<Region>) -> usize {
    let html = &text[range.clone()];
    let component = html.trim_start().strip_prefix('<').is_some_and(|rest| {
        rest.trim_start_matches('/')
            .starts_with(|c: char| c.is_ascii_uppercase())
    });
    // Most HTML blocks in Markdown are tags alone (`<a id="x"></a>`): no tokenizer for them.
    if component || !has_text_outside_tags(html) {
        return next_block;
    }
    let found = super::html::regions(html);
    let used = found.iter().map(|r| r.block + 1).max().unwrap_or(0);
    regions.extend(found.into_iter().map(|r| Region {
        range: range.start + r.range.start..range.start + r.range.end,
        block: next_block + r.block,
        kind: r.kind,
    }));
    next_block + used
}

/// Whether anything but whitespace stands outside `<…>`, or inside an `alt` or `title`.
fn has_text_outside_tags(html: &str) -> bool {
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside && !c.is_whitespace() => return true,
            _ => {}
        }
    }
    html.contains("alt=") || html.contains("title=")
}

fn block_kind(tag: &Tag) -> Option<BlockKind> {
    match tag {
        Tag::Paragraph => Some(BlockKind::Paragraph),
        Tag::Heading { .. } => Some(BlockKind::Heading),
        Tag::Item => Some(BlockKind::ListItem),
        Tag::TableCell => Some(BlockKind::TableCell),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regions(text: &str) -> Vec<Region> {
        parse(text).regions
    }

    fn prose(text: &str) -> Vec<&str> {
        regions(text).into_iter().map(|r| &text[r.range]).collect()
    }

    #[test]
    fn code_and_urls_are_not_prose() {
        let text = "# Title\n\nSee `a ?` and [the docs](http://x.y/?q) or <http://a.b>.\n\n```\ncode ?\n```\n\n<div>raw</div>\n";
        assert_eq!(
            prose(text),
            ["Title", "See ", " and ", "the docs", " or ", ".", "raw"],
            "an HTML block's text is prose"
        );
    }

    #[test]
    fn list_items_and_table_cells_are_blocks() {
        let text = "- one\n- two\n\n| a | b |\n|---|---|\n| c | d |\n";
        let found = regions(text);
        let texts: Vec<_> = found.iter().map(|r| &text[r.range.clone()]).collect();
        assert_eq!(texts, ["one", "two", "a", "b", "c", "d"]);
        assert_eq!(found[0].kind, BlockKind::ListItem);
        assert_eq!(found[2].kind, BlockKind::TableCell);
        assert_ne!(found[0].block, found[1].block);
    }

    #[test]
    fn references_are_decoded_and_escapes_are_markup() {
        // The backslash of an escape is markup; the character it escapes is prose.
        let text = "A &amp; B \\* c, why&nbsp;?\n";
        let document = parse(text);
        let view = document.decoded.as_ref().expect("references to decode").text();
        let prose: Vec<&str> = document.regions.iter().map(|r| &view[r.range.clone()]).collect();
        assert_eq!(prose, ["A & B ", "* c, why\u{a0}?"]);
    }

    #[test]
    fn alt_text_and_html_blocks_are_prose_components_are_not() {
        let text =
            "![A fault ?](x.png)\n\n<div>\n<p>To print</p>\n</div>\n\n<Listing caption=\"x\">\n\nText.\n\n</Listing>\n";
        assert_eq!(prose(text), ["A fault ?", "To print", "Text."]);
    }

    #[test]
    fn soft_breaks_join_a_paragraph() {
        assert_eq!(prose("one\ntwo\n"), ["one\ntwo"]);
        assert_eq!(prose("> one\n> two\n"), ["one", "two"]);
    }
}
