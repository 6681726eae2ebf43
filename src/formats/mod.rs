//! Front-ends: map a file format to the prose regions that passes see, as byte ranges of the
//! original file, so code, URLs and markup are never linted and spans point at real bytes.

mod markdown;
mod plain;

use std::ops::Range;
use std::path::Path;

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    Plain,
    Markdown,
}

impl Format {
    /// The format for a path by its extension, or `None` if mtlint does not read such files
    /// when walking a folder.
    pub fn from_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "txt" | "text" => Some(Format::Plain),
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            _ => None,
        }
    }

    /// A format by name, as in a lint's examples.
    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "plain" | "text" => Some(Format::Plain),
            "markdown" => Some(Format::Markdown),
            _ => None,
        }
    }

    /// Whether the format has comments, which carry suppressions.
    pub fn has_comments(self) -> bool {
        self == Format::Markdown
    }

    pub fn regions(self, text: &str) -> Vec<Region> {
        match self {
            Format::Plain => plain::regions(text),
            Format::Markdown => markdown::regions(text),
        }
    }
}

/// Groups regions, in file order, into the blocks they belong to.
pub fn blocks(regions: &[Region]) -> impl Iterator<Item = &[Region]> {
    regions.chunk_by(|a, b| a.block == b.block)
}
