//! Plain text: every paragraph (lines between blank lines) is one region and one block. A line
//! of code or of a table (rendered man pages and READMEs hold many) is no prose: it ends the
//! paragraph before it and is left out.

use super::{BlockKind, Region};

pub fn regions(text: &str) -> Vec<Region> {
    let start_of_content = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut regions = Vec::new();
    let mut paragraph: Option<(usize, usize)> = None;
    let mut line_start = start_of_content;
    for line in text[start_of_content..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let line_end = line_start + content.len();
        if content.trim().is_empty() || is_code_or_table(content) {
            if let Some((start, end)) = paragraph.take() {
                regions.push(region(start, end, regions.len()));
            }
        } else {
            let start = paragraph.map_or(line_start, |(start, _)| start);
            paragraph = Some((start, line_end));
        }
        line_start += line.len();
    }
    if let Some((start, end)) = paragraph {
        regions.push(region(start, end, regions.len()));
    }
    regions
}

/// A line of code or a table row, not prose: a shell or REPL prompt (`$ make`, `>>> x`), a line
/// that is mostly syntax (`for (;;) {`, `@@ -1,2 +1,3 @@`, `%1 %2 %3`), a command with its
/// options (`zip -r foo foo`), a file listing or a hex dump, or a row of three columns or more
/// set apart by runs of spaces, two of them numbers (`246   166   A6   »`).
/// `/`, `:`, `-` and `|` are not counted as syntax: dates, times and menus (`19/06/2022 – 23:53`,
/// `Facebook | Twitter`) are page text that other lints read.
pub fn is_code_or_table(line: &str) -> bool {
    let content = line.trim();
    if ["$ ", ">>> ", "% "].iter().any(|prompt| content.starts_with(prompt)) {
        return true;
    }
    // One pass over the bytes (every line of a plain file comes here): a character other than
    // ASCII counts as a letter, which only leans towards prose.
    let (mut visible, mut letters, mut syntax) = (0usize, 0usize, 0usize);
    for &b in content.as_bytes() {
        match b {
            b if b.is_ascii_whitespace() => {}
            0x80..=0xBF => {}
            0xC0.. => {
                visible += 1;
                letters += 1;
            }
            b if b.is_ascii_alphabetic() => {
                visible += 1;
                letters += 1;
            }
            b => {
                visible += 1;
                syntax += usize::from(b"(){}[];=<>$%&\\*#@~^".contains(&b));
            }
        }
    }
    // `p = ustpcpy(p, "Hello ", 6);`: a statement, ended as code ends one.
    let statement = syntax >= 3 && content.ends_with([';', '{']) && letters * 3 < visible * 2;
    if statement || (syntax >= 2 && (letters * 2 < visible || syntax * 4 >= visible)) {
        return true;
    }
    // `-rw-r--r-- 1 root root 723 May 10 notes`: a listing of files.
    let first = content.split_ascii_whitespace().next().unwrap_or("");
    let mode = first.trim_end_matches(['.', '+', '@']);
    let listing = mode.len() == 10
        && mode.starts_with(['-', 'd', 'l', 'c', 'b', 's', 'p'])
        && mode[1..].bytes().all(|b| b"rwxsStT-".contains(&b));
    if listing {
        return true;
    }
    // Most prose lines have neither an option, a hex number first, nor a column gap.
    let maybe =
        content.contains(" -") || content.contains("  ") || first.bytes().all(|b| b.is_ascii_hexdigit() || b == b':');
    if !maybe {
        return false;
    }
    let tokens: Vec<&str> = content.split_whitespace().collect();
    // `zip -r foo foo`, `mount --bind a b`: a command, its options, and no full stop.
    let command = tokens.len() >= 2
        && tokens[0]
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b))
        && tokens[1].starts_with('-')
        && tokens[1][1..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-')
        && !content.ends_with(['.', ':', '?', '!'])
        // `rebase -i" learned …`: the rest of a sentence that quotes a command.
        && !content.contains(['"', '“', '”', '\'', '`', ',']);
    // `0000 - 00 01 ff ff ff`, `0000060: 546f 6e79 204e 7567`: a hex dump, an offset and then
    // groups of two or four hex digits.
    let hex = |t: &str| t.bytes().all(|b| b.is_ascii_hexdigit());
    let offset = first.trim_end_matches(':');
    let groups = tokens
        .iter()
        .skip(1)
        .take_while(|t| **t == "-" || ([2, 4].contains(&t.len()) && hex(t)))
        .filter(|t| **t != "-")
        .count();
    let dump = offset.len() >= 4 && hex(offset) && groups >= 4;
    if command || dump {
        return true;
    }
    let cells: Vec<&str> = content.split("  ").map(str::trim).filter(|c| !c.is_empty()).collect();
    let numbers = cells
        .iter()
        .filter(|c| c.chars().all(|c| c.is_ascii_hexdigit()) && c.chars().any(|c| c.is_ascii_digit()))
        .count();
    cells.len() >= 3 && numbers >= 2
}

fn region(start: usize, end: usize, block: usize) -> Region {
    Region {
        range: start..end,
        block,
        kind: BlockKind::Paragraph,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_split_on_blank_lines() {
        let text = "\u{feff}one\r\ntwo\r\n \r\nthree";
        let ranges: Vec<_> = regions(text).into_iter().map(|r| &text[r.range]).collect();
        assert_eq!(ranges, ["one\r\ntwo", "three"]);
    }

    #[test]
    fn code_and_table_lines_are_no_prose() {
        for code in [
            "           for (;;) {",
            "           p = ustpcpy(p, \"Hello \", 6);",
            "    $ make install",
            "@@ -1,2 +1,3 @@",
            "       sa   Set %1 %2 %3 %4 %5 %6 %7 %8 %9 attributes",
            "       246   166   A6     »     RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK",
            "                     zip -r foo foo -x \\*.o",
            "          mount --bind foo foo",
            "           -rwxr-xr-x  1 root root 2304524 May 30 13:02 /usr/bin/gdb~",
            "               lrwx------. 1 root root 64 Apr 14 16:46 7 -> anon_inode:bpf-map",
            "        0000 - 00 01 ff ff ff ff ff ff-ff ff ff ff ff ff ff ff   ................",
            "       0000060: 546f 6e79 204e 7567 656e 7420  Tony Nugent",
        ] {
            assert!(is_code_or_table(code), "{code}");
        }
        for prose in [
            "Published on : 19/06/2022 – 23:53Modified : 20/06/2022 – 07:35",
            "Facebook | Twitter | Email",
            "»",
            "A fault ?",
            "The minister (AFP) said the bill [on pensions] would pass; he left.",
            "       Note : this option can only be activated when the original",
            "tar -x extracts the files.",
            "The file (or the folder) is read first (see below);",
            "   commit --amend\" is a quick way to do the first stage",
            "It is a deal, a bad one: 2 or 3 a day.",
            "2022  was a bad year: we faced debt.",
        ] {
            assert!(!is_code_or_table(prose), "{prose}");
        }
        let text = "The loop below never ends:\n    for (;;) {\nIt is a bug.";
        let ranges: Vec<_> = regions(text).into_iter().map(|r| &text[r.range]).collect();
        assert_eq!(ranges, ["The loop below never ends:", "It is a bug."]);
    }
}
