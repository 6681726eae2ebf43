//! Front-ends: map a file format to the prose regions that passes see, as byte ranges of the
//! original file, so code, URLs and markup are never linted and spans point at real bytes.

mod entities;
mod guard;
mod html;
mod markdown;
mod plain;
mod po;
mod subtitles;
mod wellformed;
mod xliff;

use std::ops::Range;
use std::path::Path;

pub use entities::{Decoded, Escaping};
pub use guard::FixGuard;
pub use markdown::{
    keeps_events as markdown_keeps_events, signature as markdown_signature, with_events as markdown_events,
};
pub use wellformed::{Malformed, malformed};

/// A contiguous run of prose in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub range: Range<usize>,
    /// Regions with the same block number belong to one paragraph, heading, list item or cell.
    pub block: usize,
    pub kind: BlockKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    TableCell,
    /// A translation unit's target, a subtitle cue.
    Segment,
}

/// A source text and its translation, from a bilingual file (PO, XLIFF).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// The source, decoded (escapes and entities resolved).
    pub source: String,
    /// The target, decoded.
    pub target: String,
    /// Where the target is in the file (its keyword or tags when it is empty).
    pub span: Range<usize>,
    /// The source's inline codes (XLIFF `<x id="1"/>`, `<g id="2">`), which its text leaves out.
    pub source_codes: Vec<String>,
    /// The target's inline codes.
    pub target_codes: Vec<String>,
}

/// What a front-end finds in a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub regions: Vec<Region>,
    pub pairs: Vec<Pair>,
    /// Code blocks and inline code (Markdown), sorted: where markup checks do not look.
    pub code: Vec<Range<usize>>,
    /// What a fix never edits, in file offsets, sorted: code and front matter (Markdown).
    pub verbatim: Vec<Range<usize>>,
    /// Where the file's comments are (HTML and XML comments, Markdown's raw HTML, PO's `#`
    /// lines), sorted: only there is `mtlint-disable` a suppression, never inside code.
    pub comments: Vec<Range<usize>>,
    /// For markup with character references in its prose: the decoded text the regions point
    /// into. Findings on it are moved back to the file with [`Decoded::to_original`].
    pub decoded: Option<Decoded>,
}

impl Document {
    /// Trims each region's leading and trailing whitespace (in the decoded view if there is
    /// one: a `&nbsp;` at an edge is layout too) and drops the empty ones.
    pub(crate) fn trim_regions(&mut self, text: &str) {
        let text = self.decoded.as_ref().map_or(text, Decoded::text);
        for region in &mut self.regions {
            region.range = trim_range(text, region.range.clone());
        }
        self.regions.retain(|r| !r.range.is_empty());
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    Plain,
    Markdown,
    Html,
    /// SubRip and WebVTT.
    Subtitles,
    Po,
    Xliff,
}

/// The extensions a format is known by; a folder walk takes exactly these.
pub const EXTENSIONS: [(&str, Format); 16] = [
    ("txt", Format::Plain),
    ("text", Format::Plain),
    ("md", Format::Markdown),
    ("markdown", Format::Markdown),
    ("mdown", Format::Markdown),
    ("mkd", Format::Markdown),
    ("mdx", Format::Markdown),
    ("html", Format::Html),
    ("htm", Format::Html),
    ("xhtml", Format::Html),
    ("srt", Format::Subtitles),
    ("vtt", Format::Subtitles),
    ("po", Format::Po),
    ("pot", Format::Po),
    ("xlf", Format::Xliff),
    ("xliff", Format::Xliff),
];

impl Format {
    /// The format for a path by its extension, or `None` if mtlint does not read such files
    /// when walking a folder.
    pub fn from_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        EXTENSIONS
            .iter()
            .find(|(name, _)| *name == extension)
            .map(|(_, format)| *format)
    }

    /// A format by name, as in a lint's examples.
    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "plain" | "text" | "txt" => Some(Format::Plain),
            "markdown" | "md" => Some(Format::Markdown),
            "html" => Some(Format::Html),
            "subtitles" | "srt" | "vtt" => Some(Format::Subtitles),
            "po" => Some(Format::Po),
            "xliff" => Some(Format::Xliff),
            _ => None,
        }
    }

    /// Whether the format has comments, which carry suppressions.
    pub fn has_comments(self) -> bool {
        matches!(self, Format::Markdown | Format::Html | Format::Po | Format::Xliff)
    }

    /// The prose regions of `text`, and its source/target pairs if it is bilingual.
    pub fn parse(self, text: &str) -> Document {
        let regions = match self {
            Format::Plain => plain::regions(text),
            Format::Markdown => return markdown::parse(text),
            Format::Html => return html::parse(text),
            Format::Subtitles => subtitles::regions(text),
            Format::Po => return po::parse(text),
            Format::Xliff => return xliff::parse(text),
        };
        Document {
            regions,
            ..Document::default()
        }
    }

    /// The prose regions of `text`, as ranges of `text` (not of a decoded view).
    pub fn regions(self, text: &str) -> Vec<Region> {
        let document = self.parse(text);
        let mut regions = document.regions;
        if let Some(decoded) = &document.decoded {
            for region in &mut regions {
                region.range = decoded.to_file(region.range.clone().into()).range();
            }
        }
        regions
    }
}

/// Groups regions, in file order, into the blocks they belong to.
pub fn blocks(regions: &[Region]) -> impl Iterator<Item = &[Region]> {
    regions.chunk_by(|a, b| a.block == b.block)
}

/// `range` without the whitespace at either end: leading and trailing whitespace is layout, not
/// prose. A range of whitespace only becomes empty.
pub(crate) fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    start..end.max(start)
}
