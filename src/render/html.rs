//! `--format html`: one self-contained page for a reviewer (no network, no external asset): the
//! counts first, then each file, collapsed, with its findings in context: the lines around the
//! span, the span highlighted, the message, help and the fix as before and after. Filters by lint
//! and level work with JavaScript (and from the address: `#lint=NAME&level=error`); without it,
//! every finding is shown.

use std::fmt::Write as _;

use super::{LintCounts, Summary};
use crate::diagnostic::Diagnostic;
use crate::source::Source;

/// What a file's section adds to the page's counts.
#[derive(Default)]
pub struct Counts {
    pub summary: Summary,
    pub lints: LintCounts,
}

impl Counts {
    pub fn add(&mut self, other: &Counts) {
        self.summary.merge(&other.summary);
        self.lints.merge(&other.lints);
    }
}

/// Text made safe for HTML, control characters shown as code points.
fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' => out.push(c),
            // What acts on the display, and what shows nothing (zero-width characters), which a
            // reviewer must see.
            c if super::controls_display(c) || matches!(c, '\u{200B}'..='\u{200F}' | '\u{FEFF}') => {
                let _ = write!(out, "<span class=\"cp\">U+{:04X}</span>", c as u32);
            }
            c => out.push(c),
        }
    }
}

fn escaped(text: &str) -> String {
    let mut out = String::new();
    escape(text, &mut out);
    out
}

/// The section of one file, and its counts; empty for a file without findings.
pub fn file_section(source: &Source, diagnostics: &[Diagnostic]) -> (String, Counts) {
    let mut counts = Counts::default();
    counts.summary.add_file(diagnostics);
    counts.lints.add_file(diagnostics);
    if diagnostics.is_empty() {
        return (String::new(), counts);
    }
    let text = source.text();
    let mut items = String::new();
    for d in diagnostics {
        let severity = d.level.severity();
        let span = d.span();
        let (line, column) = source.line_col(span.start);
        let _ = write!(
            items,
            "<li class=\"finding {severity}\" data-lint=\"{lint}\" data-level=\"{severity}\">\
             <p class=\"title\"><span class=\"level\">{severity}</span> <code class=\"lint\">{lint}</code> \
             <span class=\"message\">{message}</span> <a class=\"at\">line {line}, column {column}</a></p>",
            lint = escaped(d.lint),
            message = escaped(&d.message),
        );
        items.push_str("<pre class=\"context\">");
        context(text, span.range(), &mut items);
        items.push_str("</pre>");
        if let Some(help) = &d.help {
            items.push_str("<p class=\"help\">help: ");
            escape(help, &mut items);
            items.push_str("</p>");
        }
        if let Some(fix) = &d.fix {
            let (before, after) = fix_lines(text, fix.edits());
            let _ = write!(
                items,
                "<div class=\"fix\"><p>{} fix</p><pre class=\"before\">{}</pre><pre class=\"after\">{}</pre></div>",
                fix.applicability().as_str(),
                escaped(&before),
                escaped(&after)
            );
        }
        items.push_str("</li>\n");
    }
    let mut section = String::new();
    let _ = write!(
        section,
        "{SECTION_START}<summary><span class=\"path\">{}</span> <span class=\"count\">{} finding(s): {} error(s), {} warning(s)</span></summary>\n<ol>\n{items}</ol></details>\n",
        escaped(source.path()),
        diagnostics.len(),
        counts.summary.errors,
        counts.summary.warnings
    );
    (section, counts)
}

/// The lines of `range`, one before and one after, the range in `<mark>`; long lines cut
/// around it.
fn context(text: &str, range: std::ops::Range<usize>, out: &mut String) {
    const AROUND: usize = 200;
    let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = |at: usize| text[at..].find('\n').map_or(text.len(), |i| at + i);
    let first = line_start(range.start);
    let last = line_end(range.end);
    let before = if first > 0 { line_start(first - 1) } else { first };
    let after = if last < text.len() { line_end(last + 1) } else { last };
    let from = crate::source::floor_char_boundary(text, before.max(range.start.saturating_sub(AROUND)));
    let to = crate::source::ceil_char_boundary(text, after.min(range.end + AROUND));
    if from > before {
        out.push('…');
    }
    escape(&text[from..range.start], out);
    out.push_str("<mark>");
    escape(&text[range.clone()], out);
    out.push_str("</mark>");
    escape(&text[range.end..to], out);
    if to < after {
        out.push('…');
    }
}

/// The lines a fix touches, as they are and as the fix leaves them.
fn fix_lines(text: &str, edits: &[crate::diagnostic::Edit]) -> (String, String) {
    let (Some(first), Some(last)) = (edits.first(), edits.last()) else {
        return (String::new(), String::new());
    };
    let start = text[..first.span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[last.span.end..]
        .find('\n')
        .map_or(text.len(), |i| last.span.end + i);
    let mut after = String::new();
    let mut copied = start;
    for edit in edits {
        after.push_str(&text[copied..edit.span.start]);
        after.push_str(&edit.replacement);
        copied = edit.span.end;
    }
    after.push_str(&text[copied..end]);
    (text[start..end].to_owned(), after)
}

const STYLE: &str = "
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}
h1{font-size:1.4em}table{border-collapse:collapse;margin:.5em 0 1.5em}
td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}td.n{text-align:right}
details.file{border:1px solid #ccc;border-radius:4px;margin:.5em 0;padding:.3em .8em}
summary{cursor:pointer}.path{font-family:monospace;font-weight:bold}.count{color:#555}
ol{padding-left:1.5em}li.finding{margin:.8em 0}.title{margin:.2em 0}
.level{font-weight:bold;text-transform:uppercase;font-size:.8em}.error .level{color:#b00}.warning .level{color:#a60}
pre{background:#f6f6f6;padding:.4em .6em;white-space:pre-wrap;overflow-wrap:anywhere;margin:.2em 0}
mark{background:#ffd54a;outline:1px solid #d4a000}.help{margin:.2em 0;color:#235}
.fix p{margin:.2em 0;font-size:.85em;color:#555}.before{background:#fdecec}.after{background:#e9f7ec}
.cp{font-size:.75em;border:1px solid #999;padding:0 .15em;color:#555}
fieldset{border:1px solid #ccc;margin:.5em 0}label{margin-right:1em;white-space:nowrap}
";

const SCRIPT: &str = "
(function(){
  var boxes=[].slice.call(document.querySelectorAll('#filters input'));
  function apply(){
    var lints={},levels={};
    boxes.forEach(function(b){(b.name==='lint'?lints:levels)[b.value]=b.checked;});
    [].forEach.call(document.querySelectorAll('li.finding'),function(li){
      li.hidden=!(lints[li.dataset.lint]&&levels[li.dataset.level]);
    });
    [].forEach.call(document.querySelectorAll('details.file'),function(d){
      d.hidden=!d.querySelector('li.finding:not([hidden])');
    });
  }
  var wanted={};
  location.hash.replace(/^#/,'').split('&').forEach(function(p){
    var kv=p.split('=');if(kv.length===2){(wanted[kv[0]]=wanted[kv[0]]||[]).push(decodeURIComponent(kv[1]));}
  });
  boxes.forEach(function(b){
    if(wanted[b.name]){b.checked=wanted[b.name].indexOf(b.value)>=0;}
    b.addEventListener('change',apply);
  });
  document.getElementById('filters').hidden=false;
  apply();
})();
";

/// A report of at most this many findings has its files open.
const OPEN_UP_TO: usize = 500;

const SECTION_START: &str = "<details class=\"file\">";

/// The whole page: the counts, the filters, the files' sections.
pub fn document(sections: &[String], counts: &Counts) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\"><title>mtlint report</title><style>",
    );
    out.push_str(STYLE);
    out.push_str("</style></head><body>\n<h1>mtlint report</h1>\n");
    let summary = &counts.summary;
    let findings = summary.errors + summary.warnings;
    let _ = writeln!(
        out,
        "<p id=\"summary\">{findings} finding(s): {} error(s), {} warning(s) in {} of {} file(s); \
         {} fixable with <code>--fix</code>, {} more with <code>--unsafe-fixes</code>.</p>",
        summary.errors,
        summary.warnings,
        summary.files_with_findings,
        summary.files,
        summary.safe_fixes,
        summary.unsafe_fixes
    );
    out.push_str("<table id=\"lints\"><tr><th>lint</th><th>level</th><th>findings</th><th>fix</th></tr>\n");
    for (lint, (count, level, fixable)) in &counts.lints.0 {
        let fix = if *fixable { "yes" } else { "-" };
        let _ = writeln!(
            out,
            "<tr><td><code>{}</code></td><td>{}</td><td class=\"n\">{count}</td><td>{fix}</td></tr>",
            escaped(lint),
            level.severity()
        );
    }
    out.push_str("</table>\n<form id=\"filters\" hidden><fieldset><legend>lints</legend>");
    for lint in counts.lints.0.keys() {
        let lint = escaped(lint);
        let _ = write!(
            out,
            "<label><input type=\"checkbox\" name=\"lint\" value=\"{lint}\" checked> {lint}</label>"
        );
    }
    out.push_str("</fieldset><fieldset><legend>levels</legend>");
    for level in ["error", "warning"] {
        let _ = write!(
            out,
            "<label><input type=\"checkbox\" name=\"level\" value=\"{level}\" checked> {level}</label>"
        );
    }
    out.push_str("</fieldset></form>\n<main>\n");
    // A short report is open; a long one shows its files' counts, each opened on demand.
    let open = findings <= OPEN_UP_TO;
    for section in sections {
        match section.strip_prefix(SECTION_START) {
            Some(rest) if open => {
                out.push_str("<details class=\"file\" open>");
                out.push_str(rest);
            }
            _ => out.push_str(section),
        }
    }
    out.push_str("</main>\n<script>");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Linter;
    use crate::formats::Format;

    #[test]
    fn a_finding_is_shown_in_its_line_with_its_fix_before_and_after() {
        let source = Source::new("a <b>.txt", "Intro.\nWhy ?\nEnd.\n".to_owned());
        let diagnostics = Linter::default().check(&source, Format::Plain);
        let (section, counts) = file_section(&source, &diagnostics);
        assert_eq!(
            section,
            "<details class=\"file\"><summary><span class=\"path\">a &lt;b&gt;.txt</span> <span class=\"count\">1 \
             finding(s): 0 error(s), 1 warning(s)</span></summary>\n<ol>\n<li class=\"finding warning\" \
             data-lint=\"space-before-punct\" data-level=\"warning\"><p class=\"title\"><span class=\"level\">warning\
             </span> <code class=\"lint\">space-before-punct</code> <span class=\"message\">space before `?`</span> \
             <a class=\"at\">line 2, column 4</a></p><pre class=\"context\">Intro.\nWhy<mark> ?</mark>\nEnd.</pre>\
             <p class=\"help\">help: remove the space</p><div class=\"fix\"><p>safe fix</p><pre class=\"before\">Why ?\
             </pre><pre class=\"after\">Why?</pre></div></li>\n</ol></details>\n"
        );
        assert_eq!((counts.summary.warnings, counts.summary.safe_fixes), (1, 1));
        let mut page_counts = Counts::default();
        page_counts.add(&counts);
        page_counts.add(&file_section(&Source::new("b.txt", "Fine.\n".to_owned()), &[]).1);
        let page = document(&[section], &page_counts);
        assert!(page.contains("<details class=\"file\" open>"), "a short report is open");
        assert!(page.contains("1 finding(s): 0 error(s), 1 warning(s) in 1 of 2 file(s)"));
        assert!(!page.contains("http"), "no external asset");
    }
}
