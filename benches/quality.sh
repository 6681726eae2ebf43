#!/usr/bin/env bash
# mtlint's quality (README § Quality): recall on the labelled MT files of ../shared, and false
# positives per 10,000 lines on a clean English corpus this script assembles, at default levels.
#
#   benches/quality.sh               everything (a few minutes the first time; cached after)
#   MAN_PAGES=300 benches/quality.sh fewer man pages (default 2000, picked evenly from the sorted list,
#                                    at most MAN_FAMILY=40 of one family such as gcloud_*)
#   TOP=40 benches/quality.sh        a longer list of the most frequent false positives
#
# The clean corpus goes to target/quality/ (never committed): man pages rendered to text
# (`man -l FILE | col -bx`, MANWIDTH=80), the Markdown, text and HTML of /usr/share/doc, and the
# HTML and Markdown books of the Rust toolchain (`rustc --print sysroot`/share/doc/rust; the API
# pages of std/core/alloc are rustdoc output, not prose, and are left out). As root, it installs
# from Debian's packages what is missing (man-db, manpages, manpages-dev, debian-reference-en,
# developers-reference); it downloads nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
[ -d "$shared/corpus" ] || { echo "quality: $shared/corpus not found" >&2; exit 2; }
out=target/quality
mkdir -p "$out"
have() { command -v "$1" > /dev/null 2>&1; }

packages="man-db manpages manpages-dev debian-reference-en developers-reference"
missing=$(for p in $packages; do dpkg -s "$p" > /dev/null 2>&1 || echo "$p"; done)
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ] && have apt-get; then
        echo "quality: installing $(echo $missing) from Debian's packages" >&2
        apt-get install -y -qq $missing > /dev/null 2>&1 \
            || { apt-get update -qq > /dev/null 2>&1 && apt-get install -y -qq $missing > /dev/null 2>&1; } \
            || echo "quality: could not install $(echo $missing); going on without" >&2
    else
        echo "quality: missing $(echo $missing) (run as root to install); going on without" >&2
    fi
fi

# Man pages: sections 1, 5, 7 and 8, every Nth so that about MAN_PAGES are rendered. One family
# of pages (the part of the name before the first `_`, `-` or `.`: `gcloud_alpha_…` is `gcloud`)
# gives at most MAN_FAMILY of them (default 40), spread over the family, so that one package's
# generated pages (google-cloud-cli ships 16,000) do not make the genre.
man_pages=${MAN_PAGES:-2000}
man_family=${MAN_FAMILY:-40}
man_dir="$out/man-$man_pages-$man_family"
if [ ! -d "$man_dir" ] && have man; then
    mkdir -p "$man_dir.tmp"
    find /usr/share/man/man1 /usr/share/man/man5 /usr/share/man/man7 /usr/share/man/man8 \
        -maxdepth 1 -type f 2> /dev/null | LC_ALL=C sort \
        | awk -v most="$man_family" '
            { n = split($0, path, "/"); family = path[n]; sub(/[-_.].*/, "", family)
              files[family] = files[family] "\n" $0; count[family]++ }
            END { for (family in files) {
                      m = split(substr(files[family], 2), list, "\n")
                      step = m / most; if (step < 1) step = 1
                      for (i = 1; i <= m && i <= most * step; i += step) print list[int(i)]
                  } }' | LC_ALL=C sort > "$out/man-all.list"
    total=$(wc -l < "$out/man-all.list")
    step=$(( total / man_pages )); [ "$step" -ge 1 ] || step=1
    awk -v step="$step" -v most="$man_pages" 'NR % step == 0 && n++ < most' "$out/man-all.list" \
        | MANWIDTH=80 xargs -P "$(nproc)" -I{} sh -c \
            'f="$1"; name=$(basename "$f" | sed "s/\.gz$//"); man -l "$f" 2>/dev/null | col -bx > "$2/$name.txt" || true' _ {} "$man_dir.tmp"
    find "$man_dir.tmp" -type f -empty -delete
    mv "$man_dir.tmp" "$man_dir"
fi

# Copies the files below SRC whose names match the find expression to DST, keeping their paths.
collect() {
    local dst=$1 src=$2; shift 2
    [ -d "$dst" ] && return
    [ -d "$src" ] || return 0
    mkdir -p "$dst.tmp"
    (cd "$src" && find . -type f \( "$@" \) -print0 | xargs -0 -r cp --parents -t "$OLDPWD/$dst.tmp")
    mv "$dst.tmp" "$dst"
}
collect "$out/doc-md" /usr/share/doc -name '*.md' -o -name '*.markdown'
collect "$out/doc-txt" /usr/share/doc -name '*.txt' -o -name 'README' -o -name 'FAQ'
collect "$out/doc-html" /usr/share/doc -name '*.html' -o -name '*.htm'
rust_doc="$(rustc --print sysroot 2> /dev/null)/share/doc/rust"
books="book reference cargo rustc rustdoc nomicon edition-guide rust-by-example embedded-book style-guide unstable-book clippy"
if [ ! -d "$out/rust-html" ] && [ -d "$rust_doc/html" ]; then
    mkdir -p "$out/rust-html.tmp"
    for book in $books; do
        [ -d "$rust_doc/html/$book" ] || continue
        # print.html and toc.html repeat every chapter of a book: left out as duplicates.
        (cd "$rust_doc/html" && find "$book" -name '*.html' ! -name print.html ! -name toc.html -print0 \
            | xargs -0 -r cp --parents -t "$OLDPWD/$out/rust-html.tmp")
    done
    mv "$out/rust-html.tmp" "$out/rust-html"
fi
collect "$out/rust-md" "$rust_doc" -name '*.md'

cargo build --release --quiet --example quality
args=(--shared "$shared" --top "${TOP:-20}")
for genre in "man-$man_pages-$man_family:man" doc-md doc-txt doc-html rust-html rust-md; do
    dir=${genre%%:*}; name=${genre##*:}
    [ -d "$out/$dir" ] && args+=(--clean "$name=$out/$dir")
done
target/release/examples/quality "${args[@]}"
