#!/usr/bin/env bash
# JSONL corpus mode: generate ~SIZE_MB (default 1000) of JSON Lines from ../shared/corpus (one
# paragraph per record) into target/bench/, stream it through `mtlint check --jsonl-field text`,
# and print wall time, throughput and peak RSS (GNU time). Memory must not grow with the input.
# Usage: benches/jsonl.sh [SIZE_MB] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-1000}
threads=${2:-0}
out=target/bench
mkdir -p "$out"
cargo build --release --quiet
file="$out/corpus-${size_mb}mb.jsonl"
if [ ! -s "$file" ]; then
    python3 - "$file" "$size_mb" <<'PY'
import json, pathlib, sys
target, size = sys.argv[1], int(sys.argv[2]) * 1_000_000
root = pathlib.Path("../shared/corpus")
paragraphs = [p.strip() for f in sorted(root.glob("*/*")) if f.suffix in (".txt", ".md")
              for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]
lines = [json.dumps({"id": i, "text": p}, ensure_ascii=False) + "\n" for i, p in enumerate(paragraphs)]
block = "".join(lines).encode()
with open(target, "wb") as out:
    written = 0
    while written < size:
        out.write(block)
        written += len(block)
PY
fi
bytes=$(wc -c < "$file")
for run in $(seq 3); do
    /usr/bin/time -f "%e %M" -o "$out/jsonl-time.txt" target/release/mtlint check --threads "$threads" \
        --jsonl-field text --format jsonl "$file" > /dev/null || true
    read -r seconds rss_kb < <(tail -n 1 "$out/jsonl-time.txt")
    printf 'run %d: %.0f MB in %.2f s = %.1f MB/s, peak RSS %.1f MB\n' "$run" "$(echo "$bytes / 1000000" | bc -l)" \
        "$seconds" "$(echo "$bytes / 1000000 / $seconds" | bc -l)" "$(echo "$rss_kb / 1024" | bc -l)"
done
