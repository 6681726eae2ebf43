#!/usr/bin/env bash
# First throughput figure: `mtlint check` on ~50 MB made by repeating the seed article, and on
# ~50 MB of clean prose, median of RUNS runs after a warm-up. Inputs go to target/bench/ (never
# committed). Usage: benches/throughput.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
corpus=../shared/corpus
out=target/bench
mkdir -p "$out"
cargo build --release --quiet
bin=target/release/mtlint

# Repeats a file (with a blank line between copies) up to ~50 MB.
make_input() {
    local src=$1 dst=$2
    [ -s "$dst" ] && return
    local size copies
    size=$(wc -c < "$src")
    copies=$(( 50 * 1000 * 1000 / (size + 2) + 1 ))
    { for _ in $(seq "$copies"); do cat "$src"; printf '\n\n'; done; } > "$dst"
}
make_input tests/corpus/seed-news-fr-en.txt "$out/seed-50mb.txt"
# Clean prose read as Markdown (the Rust book and TOML chapters are Markdown; the novel reads the
# same either way), so code blocks are not prose.
cat "$corpus"/clean/*.txt "$corpus"/clean/*.md > "$out/clean-once.md"
make_input "$out/clean-once.md" "$out/clean-50mb.md"

median_seconds() {
    local times=()
    "$@" > /dev/null || true
    for _ in $(seq "$runs"); do
        local start end
        start=$(date +%s.%N)
        "$@" > /dev/null || true
        end=$(date +%s.%N)
        times+=("$(echo "$end - $start" | bc -l)")
    done
    printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

printf '%-40s %10s %10s %8s\n' "input / command" "MB" "median s" "MB/s"
for input in seed-50mb.txt clean-50mb.md; do
    file="$out/$input"
    mb=$(echo "$(wc -c < "$file") / 1000000" | bc -l)
    for format in short human; do
        s=$(median_seconds "$bin" check --threads 1 --format "$format" "$file")
        printf '%-40s %10.1f %10.3f %8.1f\n' "$input --format $format -j1" "$mb" "$s" "$(echo "$mb / $s" | bc -l)"
    done
done
