//! `mojibake`: UTF-8 read as Windows-1252 (or Latin-1) and written again. See
//! `lints/mojibake.toml`.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use encoding_rs::WINDOWS_1252;

use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix};

/// The character each byte 0x80–0xFF decodes to in Windows-1252 (as browsers decode it, with
/// 0x81, 0x8D, 0x8F, 0x90, 0x9D as C1 controls), and back: taken from `encoding_rs`.
static CP1252: LazyLock<HashMap<char, u8>> = LazyLock::new(|| {
    (0x80u8..=0xFF)
        .map(|byte| {
            let bytes = [byte];
            let (decoded, _) = WINDOWS_1252.decode_without_bom_handling(&bytes);
            (decoded.chars().next().expect("one character"), byte)
        })
        .collect()
});

/// The Windows-1252 byte of `c`, for the characters mojibake is made of.
fn cp1252_byte(c: char) -> Option<u8> {
    if c.is_ascii() {
        Some(c as u8)
    } else {
        CP1252.get(&c).copied()
    }
}

/// The length of the UTF-8 sequence a lead byte starts (0xC2–0xF4), if it is one.
fn sequence_length(lead: u8) -> Option<usize> {
    match lead {
        0xC2..=0xDF => Some(2),
        0xE0..=0xEF => Some(3),
        0xF0..=0xF4 => Some(4),
        _ => None,
    }
}

/// At `at`, the end of a mis-decoded UTF-8 sequence (`Ã©`, `â€™`) and the character it was.
fn sequence_at(text: &str, at: usize) -> Option<(usize, char)> {
    let mut chars = text[at..].char_indices();
    let (_, lead) = chars.next()?;
    let length = sequence_length(cp1252_byte(lead).filter(|_| !lead.is_ascii())?)?;
    let mut bytes = vec![cp1252_byte(lead)?];
    let mut end = at + lead.len_utf8();
    for _ in 1..length {
        let (offset, c) = chars.next()?;
        let byte = cp1252_byte(c).filter(|b| (0x80..=0xBF).contains(b) && !c.is_ascii())?;
        bytes.push(byte);
        end = at + offset + c.len_utf8();
    }
    let decoded = std::str::from_utf8(&bytes).ok()?.chars().next()?;
    // A control character is no plausible original; a no-break space is (`Â `). Two Latin-1
    // letters decode to U+0080–U+07FF, of which only Latin letters and punctuation are what
    // English text lost (`Ã©` → `é`): `Ø•` in a name list is not Arabic `ؕ`.
    let plausible = match u32::from(decoded) {
        0x80..=0x24F | 0x2000..=0x206F | 0x20A0..=0x20CF | 0x2100..=0x214F | 0x0300..=0x036F => true,
        0x250..=0x7FF => false,
        _ => true,
    };
    (!decoded.is_control() && plausible).then_some((end, decoded))
}

/// Decodes a mojibake run again and again while the result is itself mojibake (double
/// encoding: `Ã¢â‚¬â„¢` → `â€™` → `’`).
fn redecode(run: &str) -> String {
    let mut current = run.to_owned();
    for _ in 0..3 {
        let bytes: Option<Vec<u8>> = current.chars().map(cp1252_byte).collect();
        match bytes.and_then(|b| String::from_utf8(b).ok()) {
            Some(decoded) if decoded != current => {
                let again_mojibake = !decoded.is_ascii() && whole_mojibake(&decoded);
                current = decoded;
                if !again_mojibake {
                    break;
                }
            }
            _ => break,
        }
    }
    current
}

/// Whether all non-ASCII characters of `text` belong to mis-decoded sequences.
fn whole_mojibake(text: &str) -> bool {
    let mut at = 0;
    while at < text.len() {
        let c = text[at..].chars().next().expect("in bounds");
        if c.is_ascii() {
            at += 1;
            continue;
        }
        match sequence_at(text, at) {
            Some((end, _)) => at = end,
            None => return false,
        }
    }
    true
}

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let text = ctx.text();
    if text.is_ascii() {
        return;
    }
    for region in ctx.regions {
        // Runs of adjacent mis-decoded sequences, then runs grouped by word.
        let mut runs: Vec<Range<usize>> = Vec::new();
        // Every lead character (`Â` to `ô`, U+00C2–U+00F4) is encoded 0xC3 0x82–0xB4 in UTF-8:
        // jump from one 0xC3 byte to the next.
        let bytes = &text.as_bytes()[..region.range.end];
        let mut at = region.range.start;
        while let Some(found) = memchr::memchr(0xC3, &bytes[at..]) {
            at += found;
            match sequence_at(text, at).filter(|(end, _)| *end <= region.range.end) {
                Some((end, _)) => {
                    match runs.last_mut() {
                        Some(run) if run.end == at => run.end = end,
                        _ => runs.push(at..end),
                    }
                    at = end;
                }
                None => at += 2,
            }
        }
        for word in runs.chunk_by(|a, b| text[a.end..b.start].chars().all(char::is_alphanumeric)) {
            out.push(diagnostic(ctx, word));
        }
    }
}

fn diagnostic(ctx: &Context, runs: &[Range<usize>]) -> Diagnostic {
    let text = ctx.text();
    let span = runs[0].start..runs[runs.len() - 1].end;
    let edits: Vec<Edit> = runs
        .iter()
        .map(|run| Edit::replace(run.clone(), redecode(&text[run.clone()])))
        .collect();
    let mut fixed = String::new();
    let mut copied = span.start;
    for (run, edit) in runs.iter().zip(&edits) {
        fixed.push_str(&text[copied..run.start]);
        fixed.push_str(&edit.replacement);
        copied = run.end;
    }
    let fields = [("text", &text[span.clone()]), ("fix", fixed.as_str())];
    // Safe: the replacement is exactly what the bytes were before they were mis-decoded.
    ctx.report("", span, &fields).with_fix(Fix::safe(edits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequences_round_trip_through_windows_1252() {
        assert_eq!(sequence_at("Ã©", 0), Some((4, 'é')));
        assert_eq!(sequence_at("â€™", 0), Some(("â€™".len(), '’')));
        assert_eq!(sequence_at("Â\u{a0}", 0), Some((4, '\u{a0}')));
        assert_eq!(sequence_at("São", 1), None, "a Portuguese ã followed by a letter");
        assert_eq!(sequence_at("Âncora", 0), None, "a Romanian Â");
        assert_eq!(redecode("Ã¢â‚¬â„¢"), "’", "double mojibake");
    }
}
