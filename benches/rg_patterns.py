#!/usr/bin/env python3
"""Writes benches/rg-patterns.txt: one rg pattern per line (rg ORs them into one alternation),
equivalent in kind to mtlint's default lints, from the lints' own data. ASCII word boundaries
(`(?-u:\\b)`) as DESIGN.md advises; no look-around or back-references (rg's default engine).
Lints whose logic no regex expresses (doubled words, quote pairing, NFC) get the cheap trigger
mtlint's pass also starts from."""
import pathlib
import re
import tomllib

root = pathlib.Path(__file__).resolve().parent.parent
lints = {p.stem: tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted((root / "lints").glob("*.toml"))}
out = []

def literal(s):
    return re.escape(s).replace("\\ ", " ")

# Whole-line phrases (ui-string, page-chrome, calque line entries): anchored lines.
line_phrases = [e["en"] for name, spec in lints.items() if spec.get("level") != "allow" for e in spec.get("line", [])]
line_phrases = [literal(p).replace("\\#", "[0-9]+") for p in line_phrases]
out.append(r"^\s*(?:[•*-]\s+)?(?:" + "|".join(line_phrases) + r")\s*$")
# In-text phrases (calque, translated-name): literals with ASCII boundaries, alternatives expanded.
def expand(p):
    parts = re.split(r"(\{[^}]*\})", p.replace("[", "").replace("]", ""))
    variants = [""]
    for part in parts:
        options = part[1:-1].split("|") if part.startswith("{") else [part]
        variants = [v + o for v in variants for o in options]
    return variants
text_phrases = sorted({v for name, spec in lints.items() if spec.get("level") != "allow"
                       for e in spec.get("text", []) for v in expand(e["en"])})
out.append(r"(?-u:\b)(?:" + "|".join(literal(p) for p in text_phrases) + r")(?-u:\b)")
# untranslated: names in source spelling.
names = sorted({n for table in lints["untranslated"]["data"]["names"].values() for n in table})
out.append(r"(?-u:\b)(?:" + "|".join(literal(n) for n in names) + r")(?-u:\b)")
# lowercase-name gazetteer, lowercase.
gazetteer = sorted({n.lower() for key in ("people", "places", "calendar", "nationalities") for n in lints["lowercase-name"]["data"][key]})
out.append(r"(?-u:\b)(?:" + "|".join(literal(n) for n in gazetteer) + r")(?-u:\b)")
# Typography and encoding triggers.
out += [
    r"[«»„‚¿¡]",                                   # stray-guillemet, source-punct
    r"[ \x{a0}\x{202f}][?!:;.,]",                  # space-before-punct
    '["“”]',                                       # mixed-quotes, unbalanced-quote
    r"[ÃÂâ][\x{80}-\x{bf}€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ ¡-¿]",  # mojibake
    r"[\x{200b}\x{200c}\x{200d}\x{ad}\x{2060}\x{feff}\x{202a}-\x{202e}\x{2066}-\x{2069}]|&[#A-Za-z0-9]+;",  # invisible-char
    r"[a-z]{2}[.!?][A-Z][a-z]|[A-Za-z]“",          # glued-words
    r"(?-u:\b)\d+,\d{1,2}(?-u:\b)|(?-u:\b)\d{1,3}(?: \d{3})+(?-u:\b)|\d ?h ?\d\d|\d{1,2}/\d{1,2}/\d{4}|\d ?€",  # source-number-format
    r"(?-u:\b)(?:le|la|les|des|der|und|el|los|della|não)(?-u:\b)",  # untranslated clauses: function words
]
(root / "benches" / "rg-patterns.txt").write_text("\n".join(out) + "\n", encoding="utf-8")
print(f"{len(out)} patterns, {sum(len(p) for p in out)} bytes")
