//! `placeholder-mismatch`: the placeholders of a translation differ from its source's. See
//! `lints/placeholder-mismatch.toml`.

use std::sync::LazyLock;

use regex::Regex;

use super::Context;
use crate::diagnostic::Diagnostic;

/// printf (`%s`, `%1$s`, `%.2f`, `%(name)s`; not the space flag, so that `100% sure` is text), ICU and brace (`{name}`, `{0}`, `{count, plural,
/// …}` by its name), double-brace templates (`{{name}}`), and inline tags (`<b>`, `</b>`).
pub(super) static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"%(?:\d+\$)?[-+#0]*\d*(?:\.\d+)?[sdifuxXoeEgGcp@]|%\([A-Za-z_][A-Za-z0-9_]*\)[sd]",
        r"|\{\{\s*[A-Za-z_][A-Za-z0-9_.]*\s*\}\}",
        r"|\{[A-Za-z0-9_]+\s*,\s*(?:plural|select|selectordinal|number|date|time)\b|\{[A-Za-z0-9_]+(?:,[^{}]*)?\}",
        r"|</?[A-Za-z][A-Za-z0-9]*[^<>]*>",
    ))
    .expect("placeholder pattern compiles")
});

/// The placeholders of `text`, sorted, in a comparable form (ICU arguments by their name alone).
pub fn placeholders(text: &str) -> Vec<String> {
    let mut found: Vec<String> = PLACEHOLDER
        .find_iter(text)
        .map(|m| {
            let p = m.as_str();
            match p.strip_prefix('{').filter(|_| !p.starts_with("{{")) {
                Some(inner) => format!(
                    "{{{}}}",
                    inner.split(',').next().unwrap_or("").trim().trim_end_matches('}')
                ),
                None => p.to_owned(),
            }
        })
        .collect();
    found.sort();
    found
}

/// The placeholders of a text with the inline codes its file format keeps beside it, sorted.
fn with_codes(mut found: Vec<String>, codes: &[String]) -> Vec<String> {
    found.extend_from_slice(codes);
    found.sort();
    found
}

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for pair in ctx.translated_pairs() {
        let (source, target) = (
            with_codes(placeholders(&pair.source), &pair.source_codes),
            with_codes(placeholders(&pair.target), &pair.target_codes),
        );
        if source != target {
            let (source, target) = (super::quoted_list(&source, " "), super::quoted_list(&target, " "));
            out.push(ctx.report(
                "",
                pair.span.clone(),
                &[("source", source.as_str()), ("target", target.as_str())],
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_kinds() {
        assert_eq!(
            placeholders("%1$s has %d {count, plural, one {# file} other {# files}} <b>now</b>"),
            ["%1$s", "%d", "</b>", "<b>", "{count}"]
        );
        assert_eq!(placeholders("100% sure, {{ user.name }}"), ["{{ user.name }}"]);
    }
}
