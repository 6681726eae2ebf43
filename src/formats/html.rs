//! HTML through `lol_html`, an HTML5 tokenizer that reports the byte range of every text chunk and
//! tag (html5ever gives no byte offsets; tl does not treat `<script>` content as raw text). Prose
//! is the text of the document and the `alt` and `title` attributes; never `script`, `style`,
//! `code`, `pre` and the like. Character references (`&nbsp;`) are decoded for matching through a
//! [`Decoded`] view; inside Markdown, where the view is not built, they are markup that ends a
//! region.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;
use std::sync::LazyLock;

use lol_html::html_content::TextType;
use lol_html::{HtmlRewriter, Settings, doc_comments, doc_text, element, end_tag};
use regex::Regex;

use super::entities::ENTITY;
use super::{BlockKind, Decoded, Document, Region, trim_range};

/// Elements whose text is not prose.
const SKIPPED: &str = "script, style, code, pre, kbd, samp, var, svg, math, template, noscript, textarea";

/// Elements that start a new block of prose.
const BLOCKS: &str = "p, div, li, h1, h2, h3, h4, h5, h6, td, th, blockquote, section, article, header, footer, \
                      nav, aside, dt, dd, figcaption, caption, br, hr, tr, ul, ol, table, title, option, label, button";

#[derive(Default)]
struct Collected {
    /// Text chunks: range, and whether it is ordinary text (not raw text of `<style>` and the like).
    text: Vec<(Range<usize>, bool)>,
    /// Ranges of elements whose content is skipped.
    skipped: Vec<Range<usize>>,
    /// Offsets where blocks start or end.
    block_edges: Vec<usize>,
    /// Start tags that have `alt` or `title`.
    attribute_tags: Vec<Range<usize>>,
    /// Comments, `<!--` to `-->`.
    comments: Vec<Range<usize>>,
}

static ATTRIBUTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)\s(?:alt|title)\s*=\s*(?:"([^"]*)"|'([^']*)')"#).expect("attribute pattern"));

/// An HTML file: its prose, references decoded.
pub fn parse(text: &str) -> Document {
    let mut collected = collect(text);
    let comments = std::mem::take(&mut collected.comments);
    let (regions, attributes) = into_regions(text, collected, false);
    let mut document = Document {
        regions,
        comments,
        ..Document::default()
    };
    document.decoded = Decoded::new(text, &mut document, attributes);
    document.trim_regions(text);
    document
}

/// The prose of an HTML fragment in another format, references cut out.
pub fn regions(text: &str) -> Vec<Region> {
    into_regions(text, collect(text), true).0
}

fn collect(text: &str) -> Collected {
    let collected = Rc::new(RefCell::new(Collected::default()));
    let (text_sink, skip_sink, block_sink, attribute_sink, comment_sink) = (
        collected.clone(),
        collected.clone(),
        collected.clone(),
        collected.clone(),
        collected.clone(),
    );
    let settings = Settings::new()
        .append_element_content_handler(element!(SKIPPED, move |el| {
            let start = el.source_location().bytes().start;
            let sink = skip_sink.clone();
            if let Some(handlers) = el.end_tag_handlers() {
                handlers.push(end_tag!(move |end| {
                    sink.borrow_mut().skipped.push(start..end.source_location().bytes().end);
                    Ok(())
                }));
            }
            Ok(())
        }))
        .append_element_content_handler(element!(BLOCKS, move |el| {
            let location = el.source_location().bytes();
            block_sink.borrow_mut().block_edges.push(location.start);
            let sink = block_sink.clone();
            if let Some(handlers) = el.end_tag_handlers() {
                handlers.push(end_tag!(move |end| {
                    sink.borrow_mut().block_edges.push(end.source_location().bytes().start);
                    Ok(())
                }));
            }
            Ok(())
        }))
        .append_element_content_handler(element!("[alt], [title]", move |el| {
            attribute_sink
                .borrow_mut()
                .attribute_tags
                .push(el.source_location().bytes());
            Ok(())
        }))
        .append_document_content_handler(doc_comments!(move |comment| {
            comment_sink
                .borrow_mut()
                .comments
                .push(comment.source_location().bytes());
            Ok(())
        }))
        .append_document_content_handler(doc_text!(move |chunk| {
            let ordinary = matches!(chunk.text_type(), TextType::Data | TextType::RCData);
            let range = chunk.source_location().bytes();
            if !range.is_empty() {
                text_sink.borrow_mut().text.push((range, ordinary));
            }
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    // An unbalanced document is still tokenised; an error leaves what was seen so far.
    let _ = rewriter.write(text.as_bytes()).and_then(|_| rewriter.end());
    collected.take()
}

/// The regions, and the ranges of the attribute values among them. With `cut_references`, a
/// character reference ends a region.
fn into_regions(text: &str, collected: Collected, cut_references: bool) -> (Vec<Region>, Vec<Range<usize>>) {
    let mut edges = collected.block_edges;
    edges.sort_unstable();
    let block_of = |at: usize| edges.partition_point(|&edge| edge <= at);
    let skipped = crate::source::Covered::new(collected.skipped);
    let mut pieces: Vec<Range<usize>> = Vec::new();
    for (range, ordinary) in collected.text {
        if !ordinary || skipped.contains(range.start) {
            continue;
        }
        let mut start = range.start;
        if cut_references {
            for entity in ENTITY.find_iter(&text[range.clone()]) {
                pieces.push(start..range.start + entity.start());
                start = range.start + entity.end();
            }
        }
        pieces.push(start..range.end);
    }
    let mut regions: Vec<Region> = Vec::new();
    for piece in pieces.into_iter().filter(|p| !text[p.clone()].trim().is_empty()) {
        let block = block_of(piece.start);
        match regions.last_mut() {
            Some(last) if last.range.end == piece.start && last.block == block => last.range.end = piece.end,
            _ => regions.push(Region {
                range: piece,
                block,
                kind: BlockKind::Paragraph,
            }),
        }
    }
    // `alt` and `title` values: each a block of its own, after the text blocks.
    let mut next_block = edges.len() + 1;
    let mut attributes = Vec::new();
    for tag in collected.attribute_tags {
        for captures in ATTRIBUTE.captures_iter(&text[tag.clone()]) {
            let value = captures.get(1).or_else(|| captures.get(2)).expect("a value");
            if !value.as_str().trim().is_empty() {
                let range = tag.start + value.start()..tag.start + value.end();
                attributes.push(range.clone());
                regions.push(Region {
                    range,
                    block: next_block,
                    kind: BlockKind::Paragraph,
                });
                next_block += 1;
            }
        }
    }
    regions.sort_by_key(|r| r.range.start);
    trim(text, &mut regions);
    // An element whose whole text is one region (`<li>Share</li>`, an `alt`) stands alone.
    for i in 0..regions.len() {
        let alone = (i == 0 || regions[i - 1].block != regions[i].block)
            && regions.get(i + 1).is_none_or(|next| next.block != regions[i].block);
        if alone {
            regions[i].kind = BlockKind::Segment;
        }
    }
    (regions, attributes)
}

/// Leading and trailing whitespace is layout, not prose.
fn trim(text: &str, regions: &mut Vec<Region>) {
    for region in regions.iter_mut() {
        region.range = trim_range(text, region.range.clone());
    }
    regions.retain(|r| !r.range.is_empty());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(text: &str) -> Vec<&str> {
        regions(text).into_iter().map(|r| &text[r.range]).collect()
    }

    #[test]
    fn text_and_attributes_are_prose_code_and_scripts_are_not() {
        let html = "<html><head><title>A fault ?</title><style>p::before { content: \" ?\" }</style></head>\
                    <body><p>Hello &amp; bye ?</p><script>if (a < b) { x = \" ?\"; }</script>\
                    <pre>code ?</pre><p>See <code>a ?</code> <img alt=\"To print\" src=\"x.png\"></p></body></html>";
        assert_eq!(prose(html), ["A fault ?", "Hello", "bye ?", "See", "To print"]);
    }

    #[test]
    fn block_elements_separate_blocks() {
        let html = "<ul><li>One</li><li>Two</li></ul>";
        let found = regions(html);
        assert_eq!(found.len(), 2);
        assert_ne!(found[0].block, found[1].block);
    }
}
