//! `unicode-form`: text not in Unicode NFC. See `lints/unicode-form.toml`.

use std::ops::Range;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix};

/// A character NFC never changes nor combines with what precedes it: a boundary between
/// pieces that normalise independently.
fn stable_starter(c: char) -> bool {
    canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
}

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let text = ctx.text();
    // The quick check answers `Yes` for nearly all text, at once.
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return;
    }
    for region in ctx.regions {
        let region_text = &text[region.range.clone()];
        let mut piece_start = 0;
        let mut unstable = false;
        let mut pieces: Vec<Range<usize>> = Vec::new();
        for (i, c) in region_text.char_indices() {
            if stable_starter(c) {
                if unstable {
                    pieces.push(piece_start..i);
                }
                piece_start = i;
                unstable = false;
            } else {
                unstable = true;
            }
        }
        if unstable {
            pieces.push(piece_start..region_text.len());
        }
        for piece in pieces {
            let original = &region_text[piece.clone()];
            let nfc: String = original.nfc().collect();
            if nfc != original {
                let span = region.range.start + piece.start..region.range.start + piece.end;
                out.push(diagnostic(ctx, span, &nfc));
            }
        }
    }
}

fn diagnostic(ctx: &Context, span: Range<usize>, nfc: &str) -> Diagnostic {
    let original = &ctx.text()[span.clone()];
    let points = |s: &str| {
        s.chars()
            .map(|c| format!("U+{:04X}", c as u32))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (from, to) = (points(original), points(nfc));
    let fields = [
        ("text", original),
        ("points", from.as_str()),
        ("nfc", nfc),
        ("nfc-points", to.as_str()),
    ];
    // Safe: NFC is canonically equivalent, so the text reads the same; only this piece changes.
    let fix = Fix::safe(vec![Edit::replace(span.clone(), nfc)]);
    ctx.report("", span, &fields).with_fix(fix)
}
