//! `invisible-char`: invisible and control characters, bidi controls, and HTML entities or
//! escapes left as text. See `lints/invisible-char.toml`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix};

/// What an invisible character is, for the message; `None` for a character left alone.
fn describe(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200B}' => "zero-width space (U+200B)",
        '\u{FEFF}' => "zero-width no-break space (U+FEFF) after the start",
        '\u{00AD}' => "soft hyphen (U+00AD)",
        '\u{2060}' => "word joiner (U+2060)",
        '\u{180E}' => "Mongolian vowel separator (U+180E)",
        '\u{200C}' => "zero-width non-joiner (U+200C)",
        '\u{200D}' => "zero-width joiner (U+200D)",
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => "bidirectional control",
        '\t' | '\n' | '\r' => return None,
        c if c.is_control() => "control character",
        _ => return None,
    })
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A joiner between two Latin letters is a stray; elsewhere (emoji sequences, Indic and Arabic
/// scripts) it shapes the text and stays.
fn stray_joiner(text: &str, at: usize, c: char) -> bool {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, 'À'..='ɏ'));
    let before = text[..at].chars().next_back();
    let after = text[at + c.len_utf8()..].chars().next();
    latin(before) && latin(after)
}

/// `&nbsp;`, `&#8217;`, `&#x2019;`, and `\u00e9` escapes left in the text.
static ESCAPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});|\\u[0-9A-Fa-f]{4}")
        .expect("escape pattern compiles")
});

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let text = ctx.text();
    let content_start = ctx.source.content_start();
    let has_escapes = memchr::memchr2(b'&', b'\\', text.as_bytes()).is_some();
    for region in ctx.regions {
        let range = region.range.clone();
        let region_text = &text[range.clone()];
        // Every character `describe` names starts with one of these bytes (C0 controls and DEL;
        // C1 controls and U+00AD; U+180E; U+200B–U+206F; U+FEFF): only there is a character
        // decoded, not across the whole text.
        let lead =
            |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || matches!(b, 0x7F | 0xC2 | 0xE1 | 0xE2 | 0xEF);
        for (i, &b) in region_text.as_bytes().iter().enumerate() {
            if lead(b) {
                let c = region_text[i..].chars().next().expect("a lead byte starts a character");
                let at = range.start + i;
                let Some(name) = describe(c) else { continue };
                if (c == '\u{FEFF}' && at < content_start)
                    || (matches!(c, '\u{200C}' | '\u{200D}') && !stray_joiner(text, at, c))
                {
                    continue;
                }
                let span = at..at + c.len_utf8();
                let key = if is_bidi_control(c) { "bidi" } else { "" };
                let what = if name.ends_with(')') {
                    name.to_owned()
                } else {
                    format!("{name} (U+{:04X})", c as u32)
                };
                let what = what.as_str();
                // Safe: the character shows nothing (or breaks the display); removing it keeps
                // the visible text.
                let fix = Fix::safe(vec![Edit::delete(span.clone())]);
                let mut diagnostic = ctx.report(key, span, &[("what", what)]).with_fix(fix);
                // Bidi controls make the displayed text differ from the stored text.
                diagnostic.severe = is_bidi_control(c);
                out.push(diagnostic);
            }
        }
        if has_escapes {
            for found in ESCAPE.find_iter(region_text) {
                let span = range.start + found.start()..range.start + found.end();
                if let Some(decoded) = decode(found.as_str()) {
                    out.push(escape(ctx, span, &decoded));
                }
            }
        }
    }
}

/// The text an entity or escape stands for, if it is a known one.
fn decode(escape: &str) -> Option<String> {
    if let Some(hex) = escape.strip_prefix("\\u") {
        return char::from_u32(u32::from_str_radix(hex, 16).ok()?).map(String::from);
    }
    let decoded = html_escape::decode_html_entities(escape);
    (decoded != escape).then(|| decoded.into_owned())
}

fn escape(ctx: &Context, span: Range<usize>, decoded: &str) -> Diagnostic {
    let shown = match decoded {
        "\u{a0}" => "a no-break space".to_owned(),
        d => format!("`{d}`"),
    };
    let fields = [("text", &ctx.text()[span.clone()]), ("decoded", shown.as_str())];
    // Safe: the entity was meant to be read as the character it stands for.
    ctx.report("escape", span.clone(), &fields)
        .with_fix(Fix::safe(vec![Edit::replace(span, decoded)]))
}
