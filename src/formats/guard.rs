//! What a fix may not do to a file's format: in HTML, XLIFF, PO and subtitles a fix edits the
//! text of one prose region and nothing around it (tags, quotes, keywords, timings), brings in no
//! markup character, never empties a translation or a cue, and in PO keeps what `msgfmt --check`
//! checks: a translation begins and ends with a line break exactly when its source does.

use std::ops::Range;

use super::{Document, Format, Region};
use crate::diagnostic::{Diagnostic, Fix};

pub struct FixGuard {
    format: Format,
    regions: Vec<Region>,
    /// PO: each translation's range in the view and its source.
    pairs: Vec<(Range<usize>, String)>,
}

impl FixGuard {
    /// The guard for a parse of a file; `None` for plain text and Markdown, which have their own
    /// rules (see `markdown::keeps_events`). Ranges are those passes see (the decoded view).
    pub fn new(format: Format, document: &Document) -> Option<FixGuard> {
        if matches!(format, Format::Plain | Format::Markdown) {
            return None;
        }
        let pairs = match format {
            Format::Po => document
                .pairs
                .iter()
                .map(|p| (p.span.clone(), p.source.clone()))
                .collect(),
            _ => Vec::new(),
        };
        Some(FixGuard {
            format,
            regions: document.regions.clone(),
            pairs,
        })
    }

    /// Drops the fixes of `diagnostics` that break the format alone, then, block by block, the last fixes of those that together would break it (each removes one of two
    /// `\u{200b}` of a cue: together they empty it).
    pub fn keep_valid(&self, view: &str, diagnostics: &mut [Diagnostic]) {
        let mut by_block: Vec<(usize, usize)> = Vec::new();
        for (index, diagnostic) in diagnostics.iter_mut().enumerate() {
            let Some(fix) = &diagnostic.fix else { continue };
            match self.blocks_of(view, fix) {
                Some(blocks)
                    if blocks
                        .iter()
                        .all(|&b| self.plainly_valid(view, b, fix) || self.block_stays_valid(view, b, &[fix])) =>
                {
                    by_block.extend(blocks.into_iter().map(|b| (b, index)));
                }
                _ => diagnostic.fix = None,
            }
        }
        by_block.sort_unstable();
        for group in by_block.chunk_by(|a, b| a.0 == b.0) {
            let block = group[0].0;
            let mut members: Vec<usize> = group.iter().map(|&(_, i)| i).collect();
            loop {
                let fixes: Vec<&Fix> = members.iter().filter_map(|&i| diagnostics[i].fix.as_ref()).collect();
                if fixes.len() < 2 || self.block_stays_valid(view, block, &fixes) {
                    break;
                }
                let last = members.pop().expect("two or more");
                diagnostics[last].fix = None;
            }
        }
    }

    /// The blocks whose regions hold the edits of `fix`, or `None` if an edit is outside every
    /// region or touches markup.
    fn blocks_of(&self, view: &str, fix: &Fix) -> Option<Vec<usize>> {
        let mut blocks: Vec<usize> = Vec::new();
        for edit in fix.edits() {
            let range = edit.span.range();
            let at = self.regions.partition_point(|r| r.range.end < range.end);
            let region = self.regions.get(at).filter(|r| r.range.start <= range.start)?;
            let markup = ['<', '>', '&'];
            if matches!(self.format, Format::Html | Format::Xliff)
                && (edit.replacement.contains(markup) || view[range].contains(markup))
            {
                return None;
            }
            if blocks.last() != Some(&region.block) {
                blocks.push(region.block);
            }
        }
        Some(blocks)
    }

    /// Whether `block` keeps some text and, in PO, its line breaks at the ends, after `fixes`.
    /// A quick yes for the common fix, without rebuilding its block (which made one 20 MB PO
    /// string quadratic): no line break in or next to its edits, none at a region's first or
    /// last byte, and text that is not space left in the block before the first edit. `false`
    /// means "not sure": `block_stays_valid` decides.
    fn plainly_valid(&self, view: &str, block: usize, fix: &Fix) -> bool {
        let bytes = view.as_bytes();
        let near_break = |at: usize| bytes.get(at) == Some(&b'\n') || (at > 0 && bytes[at - 1] == b'\n');
        let region_of = |range: &Range<usize>| {
            let at = self.regions.partition_point(|r| r.range.end < range.end);
            self.regions
                .get(at)
                .filter(|r| r.block == block && r.range.start <= range.start && range.end <= r.range.end)
        };
        let Some(first) = fix.edits().first().and_then(|e| region_of(&e.span.range())) else {
            return false;
        };
        for edit in fix.edits() {
            let range = edit.span.range();
            let Some(region) = region_of(&range) else { return false };
            if range.start <= region.range.start
                || range.end >= region.range.end
                || edit.replacement.contains('\n')
                || view[range.clone()].contains('\n')
                || near_break(range.start)
                || near_break(range.end)
            {
                return false;
            }
        }
        let first_edit = fix.edits().first().map_or(usize::MAX, |e| e.span.start);
        let kept = &view[first.range.start..first.range.end.min(first_edit)];
        kept.chars().any(|c| !c.is_whitespace())
    }

    fn block_stays_valid(&self, view: &str, block: usize, fixes: &[&Fix]) -> bool {
        let regions = self.regions.iter().filter(|r| r.block == block);
        let left: Vec<String> = regions.map(|r| edited(view, r.range.clone(), fixes)).collect();
        if left.iter().all(|text| text.trim().is_empty()) {
            return false;
        }
        // A blank line ends a cue: a fix may not make one.
        let blank_line = |text: &String| {
            text.starts_with('\n') || text.ends_with('\n') || text.split('\n').any(|l| l.trim().is_empty())
        };
        if self.format == Format::Subtitles && left.iter().any(blank_line) {
            return false;
        }
        if self.format != Format::Po {
            return true;
        }
        let Some(first) = self.regions.iter().find(|r| r.block == block) else {
            return true;
        };
        let pair = self
            .pairs
            .iter()
            .find(|(span, _)| span.start <= first.range.start && first.range.end <= span.end);
        let Some((span, source)) = pair else { return true };
        let (old, new) = (&view[span.clone()], edited(view, span.clone(), fixes));
        [
            (old.starts_with('\n'), new.starts_with('\n'), source.starts_with('\n')),
            (old.ends_with('\n'), new.ends_with('\n'), source.ends_with('\n')),
        ]
        .into_iter()
        .all(|(was, is, wanted)| was != wanted || is == wanted)
    }
}

/// The text of `range` of `view` after the edits of `fixes` that fall inside it (in order,
/// skipping one that overlaps an earlier one, as the fix engine does).
fn edited(view: &str, range: Range<usize>, fixes: &[&Fix]) -> String {
    let mut out = String::new();
    let mut copied = range.start;
    let mut edits: Vec<&crate::diagnostic::Edit> = fixes.iter().flat_map(|f| f.edits()).collect();
    edits.sort_by_key(|e| e.span.start);
    for edit in edits {
        let span = edit.span.range();
        if span.start < range.start || span.end > range.end || span.start < copied {
            continue;
        }
        out.push_str(&view[copied..span.start]);
        out.push_str(&edit.replacement);
        copied = span.end;
    }
    out.push_str(&view[copied..range.end]);
    out
}
