//! `space-before-punct`: French and Spanish typography's space before `? ! : ;`, before `.`
//! and `,`, and inside a closing quotation mark. See `lints/space-before-punct.toml`.

use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::formats;
use crate::prose::{self, Mark};
use crate::source::{ceil_char_boundary, floor_char_boundary};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let text = ctx.text();
    let bytes = text.as_bytes();
    for block in formats::blocks(ctx.regions) {
        // French quoted on purpose (`« Vraiment ? »`) keeps French spacing; English text
        // inside guillemets is `stray-guillemet`'s finding.
        let mut quoted: Option<crate::source::Covered> = None;
        for region in block {
            let range = region.range.clone();
            let region_bytes = &bytes[range.clone()];
            let hits = memchr::memchr3_iter(b'?', b'!', b':', region_bytes)
                .chain(memchr::memchr3_iter(b';', b'.', b',', region_bytes))
                .map(|i| range.start + i);
            for punct in hits {
                // Cheap first: the byte before is a space, or the last byte of a no-break,
                // narrow no-break or thin space.
                if punct == range.start || !matches!(bytes[punct - 1], b' ' | b'\t' | 0xA0 | 0xAF | 0x89) {
                    continue;
                }
                let Some(space) = space_before(text, range.start, punct) else {
                    continue;
                };
                if !follows_word(text, range.start, space.start) || !ends_punctuation(text, punct, range.end) {
                    continue;
                }
                if !after_prose_word(text, range.start, space.start, punct)
                    || names_the_mark(text, space.start, punct, range.end)
                    || aligned(text, space.clone(), punct, range.end)
                    || after_an_address(text, range.start, space.start)
                    || text[punct + 1..].starts_with(" .")
                    || (ctx.format == formats::Format::Plain && on_a_code_line(text, punct))
                    || in_a_definition_list(
                        text,
                        if ctx.format == formats::Format::Plain {
                            0..text.len()
                        } else {
                            range.clone()
                        },
                        punct,
                    )
                {
                    continue;
                }
                let quoted = quoted.get_or_insert_with(|| guillemet_quotations(ctx, block));
                if quoted.contains(punct) {
                    continue;
                }
                out.push(diagnostic(ctx, space, punct));
            }
        }
        inside_closing_quotes(ctx, block, out);
    }
}

/// `offense ",`: a space before a closing quotation mark that punctuation or a space follows.
/// Guillemets keep their French spacing here: they are `stray-guillemet`'s.
fn inside_closing_quotes(ctx: &Context, block: &[formats::Region], out: &mut Vec<Diagnostic>) {
    let text = ctx.text();
    if !block.iter().any(|r| text[r.range.clone()].contains([' ', '\u{a0}'])) {
        return;
    }
    for (open, close) in prose::pair(&prose::quote_marks(text, block)).pairs {
        if !matches!(close.mark, Mark::Straight | Mark::CurlyClose) {
            continue;
        }
        // `begins with "From " to`, `the "author " line`: a short straight-quoted string that
        // punctuation does not follow is a literal whose spaces are part of it.
        let punctuated = text[close.range().end..].starts_with([',', '.', ';', ':', '!', '?']);
        if close.mark == Mark::Straight
            && !punctuated
            && text[open.range().end..close.offset].split_whitespace().count() <= 2
        {
            continue;
        }
        let floor = block
            .iter()
            .find(|r| r.range.contains(&close.offset))
            .map_or(0, |r| r.range.start);
        let Some(space) = space_before(text, floor, close.offset) else {
            continue;
        };
        let next = text[close.range().end..].chars().next();
        let closes = next.is_none_or(|c| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')'));
        if follows_word(text, floor, space.start) && closes {
            let quote = &text[close.range()];
            let fields = [("mark", quote), ("space", "space")];
            let fix = Fix::safe(vec![Edit::delete(space.clone())]);
            out.push(
                ctx.report("quote", space.start..close.range().end, &fields)
                    .with_fix(fix),
            );
        }
    }
}

fn diagnostic(ctx: &Context, space: std::ops::Range<usize>, punct: usize) -> Diagnostic {
    let text = ctx.text();
    let mark = &text[punct..punct + 1];
    let kind = match &text[space.clone()] {
        s if s.chars().all(|c| c == ' ') => "space",
        s if s.chars().all(|c| c == '\u{a0}') => "no-break space",
        s if s.chars().all(|c| c == '\u{202f}') => "narrow no-break space",
        _ => "spacing",
    };
    ctx.report("", space.start..punct + 1, &[("mark", mark), ("space", kind)])
        .with_fix(Fix::safe(vec![Edit::delete(space)]))
}

/// The run of spaces (including no-break and thin ones) that ends at `at`, if any.
fn space_before(text: &str, floor: usize, at: usize) -> Option<std::ops::Range<usize>> {
    let before = &text[floor..at];
    let trimmed = before.trim_end_matches([' ', '\t', '\u{a0}', '\u{202f}', '\u{2009}']);
    (trimmed.len() < before.len()).then(|| floor + trimmed.len()..at)
}

/// `write to perl-thanks@perl.org .`, `see https://x.org/a .`, `. . .`: the space keeps the
/// mark apart from an address, a path or another mark, on purpose.
fn after_an_address(text: &str, floor: usize, at: usize) -> bool {
    let before = &text[floor..at];
    let token = before.rsplit(char::is_whitespace).next().unwrap_or(before);
    token == "." || token.contains(['@', '/', '\\']) || (token.contains('.') && token.contains('_'))
}

/// The space follows a word, a number or closing punctuation on the same line, not a bullet
/// or the start of a line.
fn follows_word(text: &str, floor: usize, at: usize) -> bool {
    text[floor..at]
        .chars()
        .next_back()
        .is_some_and(|c| prose::is_word_char(c) || matches!(c, ')' | ']' | '"' | '”' | '»' | '.' | '%' | '*' | '_'))
}

/// The token before the space is a word of prose (`noticed .`, `Saint-Martin :`, `facts" .`)
/// or a number (`in 2022 .`), not a symbol, a key or a name from code (`* :`, `D :`,
/// `__STRICT_ANSI__ .`, `expr1 ,`, `1.4 .`), which keep their spacing on purpose. A full stop
/// also needs a second word before it on its line: `cpan .` alone is a command.
fn after_prose_word(text: &str, floor: usize, at: usize, punct: usize) -> bool {
    // Within reach: a one-line text is not scanned back to its start for each mark.
    let window = floor.max(floor_char_boundary(text, at.saturating_sub(CODE_REACH)));
    let line_start = memchr::memrchr(b'\n', &text.as_bytes()[window..at]).map(|i| window + i + 1);
    let before = &text[line_start.unwrap_or(window)..at];
    let token = before.rsplit(char::is_whitespace).next().unwrap_or(before);
    let token = token.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»', '*', '_']);
    let inner = |c: char| matches!(c, '-' | '\'' | '’');
    let word = token.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && token.chars().all(|c| c.is_alphabetic() || inner(c))
        && !token.starts_with(inner)
        && !token.ends_with(inner);
    let number = !token.is_empty() && token.chars().all(|c| c.is_ascii_digit() || c == '%');
    // A line longer than the reach has more than one word.
    let sentence = text.as_bytes()[punct] != b'.'
        || (line_start.is_none() && window > floor)
        || before.split_whitespace().nth(1).is_some();
    (word || number) && sentence
}

/// The mark ends a clause (`? ! : ;` then a space, the end, a quote or more punctuation; `.`
/// and `,` then a space, the end or a quote), so it is not an emoticon (`:)`), an operator
/// (`!=`, `::`), a query (`?id=3`), an ellipsis (` ...`), a decimal (` .5`) or a file
/// extension (` .txt`).
fn ends_punctuation(text: &str, punct: usize, region_end: usize) -> bool {
    let mark = text.as_bytes()[punct];
    // The end of the prose region is an end, whatever markup follows.
    let next = text[punct + 1..region_end.max(punct + 1)].chars().next();
    if matches!(mark, b'.' | b',') {
        return next.is_none_or(|c| c.is_whitespace() || matches!(c, '"' | '”' | '’' | ')'));
    }
    let emoticon = matches!(mark, b':' | b';')
        && matches!(
            next,
            Some(')' | '(' | '-' | 'D' | 'P' | 'p' | '/' | '|' | '3' | '*' | 'O' | 'o' | ']' | '[')
        );
    match next {
        _ if emoticon => false,
        None => true,
        Some(c) if c.is_whitespace() => true,
        Some('?' | '!' | '"' | '”' | '’' | '»' | ')' | ']' | '.' | '…') => true,
        Some(':') => mark != b':',
        _ => false,
    }
}

/// The mark is the subject of the text, not its punctuation: `remove the prepended ? from`,
/// `with . and ..`, `Delimit NODE_PATH with ; on Windows`, `fix missing trailing ,`: a word such
/// as `the`, `with` or `trailing` before it, or a lowercase word after `?`, `!` or `.`.
fn names_the_mark(text: &str, space_start: usize, punct: usize, region_end: usize) -> bool {
    const BEFORE: &[&str] = &[
        "the",
        "a",
        "an",
        "with",
        "of",
        "by",
        "remove",
        "removed",
        "removes",
        "add",
        "added",
        "adds",
        "trailing",
        "leading",
        "single",
        "double",
        "unnecessary",
        "extra",
        "missing",
        "use",
        "uses",
        "using",
        "like",
        "as",
        "no",
        "each",
        "any",
        "prepended",
        "appended",
        "between",
        "than",
        "type",
        "typing",
        "press",
        "enter",
        "character",
        "operator",
        "delimiter",
        "separator",
        "literal",
        "optional",
        "final",
        // The mark named: `a colon :`, `set to ?`.
        "colon",
        "semicolon",
        "comma",
        "period",
        "dot",
        "mark",
        "sign",
        "symbol",
        "characters",
        "to",
    ];
    let word = text[..space_start]
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    // `the ^ and , expansions`, `^N or !`; but `And ?` is a question of its own.
    if BEFORE.contains(&word.to_lowercase().as_str()) || matches!(word, "and" | "or") {
        return true;
    }
    let after = text[punct + 1..region_end.max(punct + 1)].trim_start_matches([' ', '\t']);
    // `the delimiter is ?.`: a question ends with one mark.
    let named = matches!(text.as_bytes()[punct], b'?' | b'!')
        && text[punct + 1..].starts_with('.')
        && !text[punct + 1..].starts_with("..");
    named || (matches!(text.as_bytes()[punct], b'?' | b'!' | b'.') && after.starts_with(char::is_lowercase))
}

/// Layout, not typography: a run of two spaces or more (justified or aligned text), a mark
/// after a bracket (`empty(default) :`), between words in capitals (`STRING : REGEXP`), or
/// before an option (`RelWithDebInfo : -O2`), after a path, between a key and its value.
fn aligned(text: &str, space: std::ops::Range<usize>, punct: usize, region_end: usize) -> bool {
    let before = &text[..space.start];
    let after = text[punct + 1..region_end.max(punct + 1)].trim_start_matches([' ', '\t']);
    let capitals = |word: &str| word.len() >= 2 && word.chars().all(|c| c.is_ascii_uppercase() || c == '_');
    let word_before = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    let word_after = after.split(|c: char| c.is_whitespace()).next().unwrap_or("");
    let columns_after = text[punct + 1..region_end.max(punct + 1)].starts_with("  ");
    text[space.clone()].matches(' ').count() >= 2
        || columns_after
        || text[space].contains('\t')
        || before.ends_with([')', ']'])
        || (capitals(word_before) && capitals(word_after))
        || after.starts_with(['-', '/', '$', '%', '<', '[', '+', '*', '~', '|', '&', '^'])
        // A path (`/bin : Essential binaries`) or a key and its value (`"value" : "x"`).
        || word_before.starts_with('/')
        || (before.ends_with('"') && after.starts_with(['"', '{']))
}

/// How far either side of the mark a code line is looked at: code is a line's, not a
/// paragraph's, and a one-line 1 MB text must not be scanned whole for each finding.
const CODE_REACH: usize = 200;

/// In plain text, where nothing marks code: the line holds code (`b ? True() : False()`, `"--list-kinds=Sh" : No such file`), where
/// spacing is the syntax's, not typography.
fn on_a_code_line(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    let floor = floor_char_boundary(text, at.saturating_sub(CODE_REACH));
    let ceiling = ceil_char_boundary(text, (at + CODE_REACH).min(text.len()));
    let start = memchr::memrchr(b'\n', &bytes[floor..at]).map_or(floor, |i| floor + i + 1);
    let end = memchr::memchr(b'\n', &bytes[at..ceiling]).map_or(ceiling, |i| at + i);
    let line = &text[start..end];
    // An option (`perl -w -T 1.pl .`, `git add -u .`) makes the line a command.
    line.split_whitespace().any(prose::is_option)
        || ["()", "::", "--", "=", "{", "}", "`", "$", "\\", "->", "=>", "&&", "||"]
            .iter()
            .any(|code| line.contains(code))
}

/// `us : time running user processes` over `sy : time running kernel processes`: a column of
/// terms and their definitions, one per line, is layout. One such line alone is not (`Published
/// on : 19/06/2022` is French typography).
fn in_a_definition_list(text: &str, within: std::ops::Range<usize>, at: usize) -> bool {
    let bytes = text.as_bytes();
    // A term is a few words: a line that starts farther back than the reach is no term's.
    let window = within
        .start
        .max(floor_char_boundary(text, at.saturating_sub(CODE_REACH)));
    let start = match memchr::memrchr(b'\n', &bytes[window..at]) {
        Some(i) => window + i + 1,
        None if window == within.start => window,
        None => return false,
    };
    let end = memchr::memchr(b'\n', &bytes[at..within.end]).map_or(within.end, |i| at + i);
    if !defines_a_term(&text[start..end], at - start) {
        return false;
    }
    // The nearest line with text on each side, in the same region (the whole text in plain
    // text, where a region is a paragraph): list items are often a blank line apart.
    let previous = text[within.start..start]
        .lines()
        .rev()
        .find(|line| !line.trim().is_empty());
    let next = text[end..within.end]
        .lines()
        .skip(1)
        .find(|line| !line.trim().is_empty());
    [previous, next]
        .into_iter()
        .flatten()
        .any(|line| line.find(" : ").is_some_and(|colon| defines_a_term(line, colon + 1)))
}

/// The line is a term of at most three words, then ` : ` at `colon`, then its definition.
fn defines_a_term(line: &str, colon: usize) -> bool {
    let term = line[..colon]
        .trim_start()
        .trim_start_matches(['•', '-', '*', '·'])
        .trim();
    let definition = line[colon + 1..].trim();
    line[..colon].ends_with(' ')
        && !term.is_empty()
        && !term.contains(':')
        && term.split_whitespace().count() <= 3
        && !definition.is_empty()
}

fn guillemet_quotations(ctx: &Context, block: &[formats::Region]) -> crate::source::Covered {
    let pairing = prose::pair(&prose::quote_marks(ctx.text(), block));
    let ranges = pairing
        .pairs
        .iter()
        .filter(|(open, close)| open.mark == Mark::GuillemetOpen && close.mark == Mark::GuillemetClose)
        .map(|(open, close)| open.offset..close.range().end);
    crate::source::Covered::new(ranges.collect())
}
