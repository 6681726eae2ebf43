//! Markdown through pulldown-cmark: prose is the text of paragraphs, headings, list items,
//! table cells and footnotes, link text and image alt text included, and the text of HTML blocks
//! (through the HTML front-end); code, inline HTML, link destinations, autolinks, front matter
//! and MDX-style components (`<Listing …>`) are left out.

use std::collections::HashMap;

use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use unicase::UniCase;

use super::{BlockKind, Region};
use crate::source::{ceil_char_boundary, floor_char_boundary};

/// `text` as pulldown-cmark should read it, and where to start: past a byte-order mark (which
/// would hide a first fence or front matter) when it is a file (`at_file_start`) rather than a
/// part of one, and with lone CRs, line endings to CommonMark but not to pulldown-cmark, made
/// LFs. Offsets are the file's: the view has the same length.
fn parser_view_at(text: &str, at_file_start: bool) -> (std::borrow::Cow<'_, str>, usize) {
    let start = if at_file_start && text.starts_with('\u{feff}') {
        3
    } else {
        0
    };
    let bytes = text.as_bytes();
    let lone_cr = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !memchr::memchr_iter(b'\r', bytes).any(lone_cr) {
        return (std::borrow::Cow::Borrowed(text), start);
    }
    let view: String = text
        .char_indices()
        .map(|(i, c)| if c == '\r' && lone_cr(i) { '\n' } else { c })
        .collect();
    (std::borrow::Cow::Owned(view), start)
}

/// pulldown-cmark's events on `text` with `options`, ranges in file offsets (see
/// [`parser_view_at`]).
pub fn with_events<R>(
    text: &str,
    options: Options,
    read: impl FnOnce(&mut dyn Iterator<Item = (Event<'_>, std::ops::Range<usize>)>) -> R,
) -> R {
    with_events_at(text, true, options, read)
}

fn with_events_at<R>(
    text: &str,
    at_file_start: bool,
    options: Options,
    read: impl FnOnce(&mut dyn Iterator<Item = (Event<'_>, std::ops::Range<usize>)>) -> R,
) -> R {
    with_events_in_parts(text, at_file_start, options, PART_BYTES, read)
}

/// A text at least this long is parsed in parts of about this size: pulldown-cmark builds the
/// tree of all it is given before the first event (about three times the text's size).
const PART_BYTES: usize = 1 << 20;

/// The events of `text` from one parser per part (see [`parts`]), in order. A link to a label
/// defined in another part is resolved from the definitions of every part.
fn with_events_in_parts<R>(
    text: &str,
    at_file_start: bool,
    options: Options,
    part_bytes: usize,
    read: impl FnOnce(&mut dyn Iterator<Item = (Event<'_>, std::ops::Range<usize>)>) -> R,
) -> R {
    let (view, start) = parser_view_at(text, at_file_start);
    let view = &view[..];
    let parts = parts(view, start, part_bytes);
    let mut definitions: HashMap<UniCase<String>, (String, String)> = HashMap::new();
    if parts.len() > 1 && memchr::memmem::find(view.as_bytes(), b"]:").is_some() {
        // The first definition of a label is the one that counts, as in one document.
        for part in &parts {
            let parser = Parser::new_ext(&view[part.clone()], options);
            for (label, definition) in parser.reference_definitions().iter() {
                definitions.entry(UniCase::new(label.to_owned())).or_insert_with(|| {
                    let title = definition.title.as_deref().unwrap_or_default();
                    (definition.dest.to_string(), title.to_owned())
                });
            }
        }
    }
    let definitions = &definitions;
    let mut events = parts.into_iter().flat_map(move |part| {
        let offset = part.start;
        let elsewhere = move |link: BrokenLink<'_>| {
            let (dest, title) = definitions.get(&UniCase::new(link.reference.to_string()))?;
            Some((CowStr::from(dest.clone()), CowStr::from(title.clone())))
        };
        Parser::new_with_broken_link_callback(&view[part], options, Some(elsewhere))
            .into_offset_iter()
            .map(move |(event, range)| (event, range.start + offset..range.end + offset))
    });
    read(&mut events)
}

/// Where `text` (from `start`) can be cut into parts, each about `part_bytes` long, that parse
/// to the events of the whole: before a line that begins with a letter after a blank line (a
/// paragraph; every block before it is closed), outside what a blank line does not close at the
/// top level (a fence, an HTML block of CommonMark's kinds 1 to 5, front matter). Not cut: a
/// text with footnotes (`[^` and `]:`: a reference to a footnote defined in another part would
/// be text), or with a fence or such an HTML block not at the start of its line (in a list or a
/// quote, or indented), where which lines it holds depends on the containers around it.
fn parts(text: &str, start: usize, part_bytes: usize) -> Vec<std::ops::Range<usize>> {
    let whole = std::iter::once(start..text.len()).collect();
    let bytes = text.as_bytes();
    let footnotes = || memchr::memmem::find(bytes, b"[^").is_some() && memchr::memmem::find(bytes, b"]:").is_some();
    if text.len() - start < part_bytes.saturating_mul(2) || footnotes() {
        return whole;
    }
    let mut open = match bytes.get(start..start + 4) {
        Some(b"---\n" | b"---\r") => Some(Open::FrontMatter(b'-')),
        Some(b"+++\n" | b"+++\r") => Some(Open::FrontMatter(b'+')),
        _ => None,
    };
    let mut cuts = vec![start];
    let mut after_blank = false;
    let mut line_start = start;
    if open.is_some() {
        line_start = memchr::memchr(b'\n', &bytes[start..]).map_or(text.len(), |i| start + i + 1);
    }
    while line_start < text.len() {
        let line_end = memchr::memchr(b'\n', &bytes[line_start..]).map_or(text.len(), |i| line_start + i);
        let line = text[line_start..line_end].trim_end_matches('\r');
        let blank = line.trim_matches([' ', '\t']).is_empty();
        let opener = block_opener(line);
        match &open {
            Some(Open::Fence(mark, length)) => {
                let trimmed = line.trim_start_matches(' ');
                let run = trimmed.bytes().take_while(|b| b == mark).count();
                if line.len() - trimmed.len() <= 3 && run >= *length && trimmed[run..].trim().is_empty() {
                    open = None;
                }
            }
            Some(Open::Html(end)) => {
                if contains_ignoring_case(line, end) {
                    open = None;
                }
            }
            Some(Open::FrontMatter(mark)) => {
                // An opener inside it would be read if the parser does not take it for front
                // matter: which one it is cannot be told here.
                if opener.is_some() {
                    return whole;
                }
                let closes = match mark {
                    b'-' => line == "---" || line == "...",
                    _ => line == "+++",
                };
                if closes {
                    open = None;
                }
            }
            None => {
                if after_blank
                    && line.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
                    && line_start - cuts[cuts.len() - 1] >= part_bytes
                {
                    cuts.push(line_start);
                }
                match opener {
                    Some(_) if !line.starts_with(['`', '~', '<']) => return whole,
                    Some(opened) => open = opened,
                    None => {}
                }
            }
        }
        after_blank = blank;
        line_start = line_end + 1;
    }
    // Past the text's end: a part would end inside what is open at the end of the last one.
    if cuts.len() < 2 {
        return whole;
    }
    cuts.push(text.len());
    cuts.windows(2).map(|pair| pair[0]..pair[1]).collect()
}

/// What blank lines do not close at the top level, and what closes it: a fence (its character
/// and length), an HTML block (its end), front matter (its mark).
enum Open {
    Fence(u8, usize),
    Html(&'static str),
    FrontMatter(u8),
}

/// What a line opens that blank lines do not close, found after its indentation and container
/// marks (`>`, list markers): a fence, or an HTML block of kinds 1 to 5; `Some(None)` for such a
/// block that closes on the same line.
fn block_opener(line: &str) -> Option<Option<Open>> {
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start_matches([' ', '\t']);
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        let marked = if let Some(after) = trimmed.strip_prefix('>') {
            Some(after)
        } else if trimmed.starts_with(['-', '*', '+']) {
            Some(&trimmed[1..])
        } else if digits > 0 && trimmed[digits..].starts_with(['.', ')']) {
            Some(&trimmed[digits + 1..])
        } else {
            None
        };
        match marked {
            // A list marker is followed by a space (`*emphasis*` is not one).
            Some(after) if trimmed.starts_with('>') || after.is_empty() || after.starts_with([' ', '\t']) => {
                rest = after
            }
            _ => {
                rest = trimmed;
                break;
            }
        }
    }
    let bytes = rest.as_bytes();
    if rest.starts_with("```") || rest.starts_with("~~~") {
        let mark = bytes[0];
        let length = bytes.iter().take_while(|&&b| b == mark).count();
        // A backtick in a backtick fence's info string makes it inline code.
        if mark == b'`' && rest[length..].contains('`') {
            return None;
        }
        return Some(Some(Open::Fence(mark, length)));
    }
    if !rest.starts_with('<') {
        return None;
    }
    let starts_tag = |tag: &str| {
        bytes[1..]
            .get(..tag.len())
            .is_some_and(|name| name.eq_ignore_ascii_case(tag.as_bytes()))
            && matches!(bytes.get(1 + tag.len()), None | Some(b' ' | b'\t' | b'>'))
    };
    let (opener, end) = if rest.starts_with("<!--") {
        (4, "-->")
    } else if rest.starts_with("<![CDATA[") {
        (9, "]]>")
    } else if rest.starts_with("<?") {
        (2, "?>")
    } else if rest.starts_with("<!") && bytes.get(2).is_some_and(u8::is_ascii_alphabetic) {
        (2, ">")
    } else if let Some((tag, end)) = [
        ("pre", "</pre>"),
        ("script", "</script>"),
        ("style", "</style>"),
        ("textarea", "</textarea>"),
    ]
    .into_iter()
    .find(|(tag, _)| starts_tag(tag))
    {
        (1 + tag.len(), end)
    } else {
        return None;
    };
    Some((!contains_ignoring_case(&rest[opener..], end)).then_some(Open::Html(end)))
}

/// Whether `text` holds `needle` (ASCII), ignoring ASCII case.
fn contains_ignoring_case(text: &str, needle: &str) -> bool {
    text.as_bytes()
        .windows(needle.len())
        .any(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The extensions mtlint reads Markdown with.
pub const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS)
    .union(Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS);

/// Whether applying `edits` (sorted, not overlapping) to `text` leaves every CommonMark event
/// around them as it was: removing a `¿` must not turn `¿``` ` into a fence, nor a mojibake fix
/// undo the emphasis of `*â€™*`. The paragraphs around the edits (to the blank lines), and a
/// paragraph after them, are parsed before and after; each event no edit touches must be found
/// again at its shifted place.
pub fn keeps_events(text: &str, edits: &[(std::ops::Range<usize>, &str)]) -> bool {
    let (Some(first), Some(last)) = (edits.first(), edits.last()) else {
        return true;
    };
    if edits
        .iter()
        .all(|(range, replacement)| inert(text, range.clone(), replacement))
    {
        return true;
    }
    // The edited paragraphs and one on each side: an edit can join its block to a neighbour
    // (a paragraph made indented code merges with the code after it). Within a window, so that
    // a file without blank lines is not parsed whole for each fix.
    const WINDOW: usize = 1 << 16;
    let low = floor_char_boundary(text, first.0.start.saturating_sub(WINDOW));
    let high = ceil_char_boundary(text, (last.0.end + WINDOW).min(text.len()));
    let back = |at: usize| match text[low..at].rfind("\n\n") {
        Some(i) => low + i + 2,
        None if low == 0 => 0,
        None => text[low..at].find('\n').map_or(at, |i| low + i + 1),
    };
    let forward = |at: usize| match text[at..high].find("\n\n") {
        Some(i) => at + i + 2,
        None if high == text.len() => high,
        None => text[at..high].rfind('\n').map_or(at, |i| at + i + 1),
    };
    let start = match back(first.0.start) {
        0 => 0,
        at => back(at - 2),
    };
    let end = match forward(last.0.end) {
        at if at >= high => at,
        at => forward(at),
    };
    // A paragraph after both: a fix that opens a fence or a comment swallows it.
    const SENTINEL: &str = "\n\nx\n";
    let before = format!("{}{SENTINEL}", &text[start..end]);
    let mut after = String::with_capacity(before.len());
    let mut copied = start;
    for (range, replacement) in edits {
        after.push_str(&text[copied..range.start]);
        after.push_str(replacement);
        copied = range.end;
    }
    after.push_str(&text[copied..end]);
    after.push_str(SENTINEL);
    let shift = |offset: usize| {
        let mut shifted = offset as isize;
        for (range, replacement) in edits {
            if range.end - start <= offset {
                shifted += replacement.len() as isize - range.len() as isize;
            }
        }
        shifted as usize
    };
    let touched = |range: &std::ops::Range<usize>| {
        // An edit at either end may join or split the event: it is the edit's.
        edits
            .iter()
            .any(|(edit, _)| edit.start - start <= range.end && range.start <= edit.end - start)
    };
    let found: std::collections::HashSet<_> = signature_at(&after, start == 0).into_iter().collect();
    signature_at(&before, start == 0)
        .into_iter()
        .filter(|(_, range)| !touched(range))
        .all(|(event, range)| found.contains(&(event, shift(range.start)..shift(range.end))))
}

/// Whether an edit cannot change the markup: no markup character in what it removes or inserts
/// or on either side of it, not at the start of a line's text, not before a line end.
fn inert(text: &str, range: std::ops::Range<usize>, replacement: &str) -> bool {
    const MARKUP: &[char] = &[
        '*', '_', '`', '~', '<', '>', '[', ']', '(', ')', '!', '\\', '&', '|', '#', '-', '+', '=', ':', '\n', '\r',
    ];
    let removed = &text[range.clone()];
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[range.end..].find('\n').map_or(text.len(), |i| range.end + i);
    let starts_line = !text[line_start..range.start].contains(char::is_alphanumeric);
    !removed.contains(MARKUP)
        && !replacement.contains(MARKUP)
        && before.is_none_or(|c| !MARKUP.contains(&c))
        && after.is_none_or(|c| !MARKUP.contains(&c))
        && !starts_line
        && !text[range.end..line_end].trim_end().is_empty()
}

/// The events of `text`, adjacent text joined (how the parser splits text is not structure),
/// trailing whitespace left out of the ranges of all but text.
pub fn signature(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    signature_at(text, true)
}

fn signature_at(text: &str, at_file_start: bool) -> Vec<(String, std::ops::Range<usize>)> {
    // Front matter is front matter only at the start of the file.
    let options = match at_file_start {
        true => OPTIONS,
        false => OPTIONS
            .difference(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS),
    };
    with_events_at(text, at_file_start, options, |events| {
        let mut out: Vec<(String, std::ops::Range<usize>)> = Vec::new();
        let mut previous_was_text = false;
        for (event, range) in events {
            let is_text = matches!(event, Event::Text(_));
            match out.last_mut() {
                Some(last) if is_text && previous_was_text && last.1.end == range.start => last.1.end = range.end,
                _ if is_text => out.push((String::new(), range)),
                // Raw HTML by its text, trimmed below like the ranges.
                _ if matches!(event, Event::Html(_) | Event::InlineHtml(_)) => out.push(("Html".to_owned(), range)),
                _ => out.push((format!("{event:?}"), range)),
            }
            previous_was_text = is_text;
        }
        for (name, range) in &mut out {
            if !name.is_empty() {
                // Where trailing blank lines go (a list's, the next block's) is not structure.
                let kept = text[range.clone()].trim_end_matches([' ', '\t', '\r', '\n']).len();
                range.end = range.start + kept;
            }
            if name.is_empty() || name == "Html" {
                *name = format!(
                    "{}({:?})",
                    if name.is_empty() { "Text" } else { "Html" },
                    &text[range.clone()]
                );
            }
        }
        out
    })
}

/// The prose regions, and the code (blocks and inline) the markup checks skip.
pub fn parse(text: &str) -> super::Document {
    parse_in_parts(text, PART_BYTES)
}

fn parse_in_parts(text: &str, part_bytes: usize) -> super::Document {
    let mut code: Vec<std::ops::Range<usize>> = Vec::new();
    let mut comments: Vec<std::ops::Range<usize>> = Vec::new();
    let mut verbatim: Vec<std::ops::Range<usize>> = Vec::new();
    let options = OPTIONS;
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
    with_events_in_parts(text, true, options, part_bytes, |events| {
        for (event, range) in events {
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
                        verbatim.push(range.clone());
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
                Event::Code(_) => {
                    code.push(range.clone());
                    verbatim.push(range.clone());
                }
                Event::Html(_) => {
                    if let Some(block_range) = html_block.as_mut() {
                        block_range.end = range.end;
                    }
                    // An HTML block comes line by line: one comment may span several.
                    match comments.last_mut() {
                        Some(last) if last.end == range.start => last.end = range.end,
                        _ => comments.push(range.clone()),
                    }
                }
                Event::InlineHtml(_) => comments.push(range.clone()),
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
    });
    for region in &mut regions {
        // A hard or soft break at the end belongs to the layout, not the prose.
        while text[region.range.clone()].ends_with(['\n', '\r', '\\']) {
            region.range.end -= 1;
        }
    }
    regions.retain(|region| !region.range.is_empty());
    code.sort_by_key(|r| r.start);
    verbatim.sort_by_key(|r| r.start);
    let mut document = super::Document {
        regions,
        code,
        verbatim,
        comments,
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

    /// Texts of every kind of block, each parsed whole and in parts as small as can be.
    fn part_cases() -> Vec<String> {
        let mut cases: Vec<String> = [
            "Intro ?\n\n```\ncode\n\nnot prose ?\n```\n\nAfter the fence ?\n",
            "Intro\n\n<!-- a comment\n\nstill the comment ?\n-->\n\nProse again ?\n",
            "---\ntitle: x\n\nkey: y\n---\n\nBody ?\n\nMore ?\n",
            "<pre>\nraw\n\nstill raw ?\n</pre>\n\nText ?\n\nText <b>b</b>\n",
            "- item\n\n  ```\n  code\n\nlazy ?\n  ```\n\nPara ?\n",
            "> quote\n\nPara *em\n\nph* ?\n\n1. one\n\n2. two\n\nEnd\n",
            "See [x][ref] and [Ref].\n\nMore [REF] ?\n\n[ref]: http://e.x\n\nAnd [ref][] [*a]* b*\n",
            "Note[^1].\n\nText ?\n\n[^1]: The note.\n",
            "~~~ info\na\n\nb\n~~~~\n\nPara ?\n\n    indented\n\nNext ?\n",
            "``` `not a fence` ```\n\nPara ?\n\n```\nopen\n\nStill code\n```\n\nOut\n",
            "\u{feff}# Title\n\nText &amp; more ?\n\nText\r\rLone CR\n",
            "Para\n\n<div>\nhtml\n\nAfter html ?\n</div>\n\nTail\n",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        let mut files: Vec<_> = std::fs::read_dir(&corpus)
            .expect("tests/corpus is in the repository")
            .map(|entry| entry.expect("readable").path())
            .filter(|path| path.extension().is_some_and(|e| e == "md"))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "Markdown files in tests/corpus");
        let all: String = files
            .iter()
            .map(|path| std::fs::read_to_string(path).expect("UTF-8") + "\n\n")
            .collect();
        cases.push(all.clone());
        cases.push(cases[..12].concat());
        cases
    }

    #[test]
    fn a_text_parsed_in_parts_gives_the_document_of_the_whole() {
        let mut cut = 0;
        for text in part_cases() {
            let (view, start) = parser_view_at(&text, true);
            cut += usize::from(parts(&view, start, 1).len() > 1);
            assert_eq!(parse_in_parts(&text, 1), parse_in_parts(&text, usize::MAX), "{text:?}");
            let events = |part_bytes| {
                with_events_in_parts(&text, true, Options::empty(), part_bytes, |events| {
                    // A link to a label of another part is resolved by the callback, which pulldown-cmark
                    // marks (`ShortcutUnknown`) and whose strings it holds boxed: the same link.
                    events
                        .map(|(event, range)| {
                            format!("{event:?} {range:?}")
                                .replace("Unknown", "")
                                .replace("Boxed(", "Borrowed(")
                        })
                        .collect::<Vec<_>>()
                })
            };
            assert_eq!(events(1), events(usize::MAX), "{text:?}");
        }
        assert!(cut >= 8, "only {cut} texts were cut in parts");
    }

    #[test]
    fn what_a_blank_line_does_not_close_is_not_cut() {
        fn cuts(text: &str) -> Vec<&str> {
            parts(text, 0, 1).into_iter().map(|r| &text[r]).collect()
        }
        assert_eq!(cuts("A\n\nB\n\nC\n"), ["A\n\n", "B\n\n", "C\n"]);
        assert_eq!(
            cuts("A\n\n```\nx\n\nB\n```\n\nC\n"),
            ["A\n\n```\nx\n\nB\n```\n\n", "C\n"]
        );
        assert_eq!(cuts("A\n\n<!--\n\nB -->\n\nC\n"), ["A\n\n<!--\n\nB -->\n\n", "C\n"]);
        assert_eq!(
            cuts("---\na: b\n\nc: d\n---\n\nE\n"),
            ["---\na: b\n\nc: d\n---\n\n", "E\n"]
        );
        // In a list or a quote, or indented, what a fence holds depends on the containers.
        assert_eq!(cuts("A\n\n- ```\n\nB\n"), ["A\n\n- ```\n\nB\n"]);
        assert_eq!(cuts("A\n\n  <pre>\n\nB\n"), ["A\n\n  <pre>\n\nB\n"]);
        // A footnote defined in one part would be text in another.
        assert_eq!(cuts("A [^x]\n\nB\n\n[^x]: note\n").len(), 1);
        assert_eq!(cuts("A [x]\n\nB\n\n[x]: /u\n").len(), 2);
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
