#!/usr/bin/env bash
# mtlint's speed, side by side with rg on the same bytes (README § Performance).
#
#   benches/run.sh            the full benchmark (about 15 minutes on 2 cores)
#   SMOKE=1 benches/run.sh    a few MB and one run: checks that the script works (run by the tests)
#   INPUTS="c d" benches/run.sh   only some rows (a b c d), and no per-lint table unless a or b
#
# Inputs are generated into target/bench/ (never committed): (a) ~200 MB of clean prose from
# ../shared/corpus/clean/ (as Markdown, as mtlint lints it), (b) ~200 MB of MT text from
# ../shared/corpus/mt/, (c) 20,000 small files totalling ~200 MB in a folder tree, (d) a ~1 GB JSONL
# corpus. The reference is rg over the same bytes with benches/rg-patterns.txt (one alternation of
# patterns of the default lints' kind, written by benches/rg_patterns.py), `rg -j1` for one thread.
# Timings: hyperfine, median of RUNS runs after a warm-up; peak RSS: GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
smoke=${SMOKE:-0}
inputs=" ${INPUTS:-a b c d} "
wants() { [[ "$inputs" == *" $1 "* ]]; }
if [ "$smoke" = 1 ]; then size_mb=2; files=200; jsonl_mb=2; runs=1; else size_mb=200; files=20000; jsonl_mb=1000; runs=${RUNS:-5}; fi
out=target/bench
mkdir -p "$out"
bin=${MTLINT_BIN:-}
if [ -z "$bin" ]; then
    cargo build --release --quiet
    bin=target/release/mtlint
fi
have() { command -v "$1" > /dev/null 2>&1; }
if ! have hyperfine || ! have rg; then
    if [ "$(id -u)" = 0 ] && have apt-get && [ "$smoke" != 1 ]; then
        apt-get install -y -qq hyperfine ripgrep > /dev/null 2>&1 || true
    fi
fi
corpus=../shared/corpus
[ -d "$corpus" ] || { echo "no ../shared/corpus: nothing to measure" >&2; exit 0; }

# Repeats the text of SOURCE files (with a blank line between copies) to about MB megabytes.
repeat_to() {
    local dst=$1 mb=$2; shift 2
    [ -s "$dst" ] && return
    local once="$dst.once"
    for f in "$@"; do cat "$f"; printf '\n\n'; done > "$once"
    local size copies
    size=$(wc -c < "$once")
    copies=$(( mb * 1000 * 1000 / size + 1 ))
    for _ in $(seq "$copies"); do cat "$once"; done > "$dst"
    rm -f "$once"
}
clean="$out/a-clean-${size_mb}mb.md"
mt="$out/b-mt-${size_mb}mb.txt"
tree="$out/c-tree-${files}"
jsonl="$out/d-corpus-${jsonl_mb}mb.jsonl"
repeat_to "$clean" "$size_mb" "$corpus"/clean/*
repeat_to "$mt" "$size_mb" "$corpus"/mt/*.txt
if [ ! -d "$tree" ]; then
    mkdir -p "$tree"
    python3 - "$tree" "$files" "$size_mb" "$corpus" <<'PY'
import pathlib, sys
tree, count, mb, corpus = pathlib.Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), pathlib.Path(sys.argv[4])
sources = [p for p in sorted(corpus.glob("*/*")) if p.suffix in (".txt", ".md")]
texts = [(p.suffix, p.read_text(encoding="utf-8")) for p in sources]
per_file = mb * 1_000_000 // count
for i in range(count):
    suffix, text = texts[i % len(texts)]
    body = (text * (per_file // len(text) + 1))[:per_file]
    body = body[: body.rfind("\n") + 1] or body
    folder = tree / f"d{i % 100:02}" / f"e{i % 7}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"f{i}{suffix}").write_text(body, encoding="utf-8")
PY
fi
if [ ! -s "$jsonl" ]; then
    python3 - "$jsonl" "$jsonl_mb" "$corpus" <<'PY'
import json, pathlib, sys
target, size, corpus = sys.argv[1], int(sys.argv[2]) * 1_000_000, pathlib.Path(sys.argv[3])
paragraphs = [p.strip() for f in sorted(corpus.glob("*/*")) if f.suffix in (".txt", ".md")
              for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]
block = "".join(json.dumps({"id": i, "text": p}, ensure_ascii=False) + "\n" for i, p in enumerate(paragraphs)).encode()
with open(target, "wb") as out:
    written = 0
    while written < size:
        out.write(block)
        written += len(block)
PY
fi
python3 benches/rg_patterns.py > /dev/null

mb_of() { du -sb "$1" | awk '{ printf "%.1f", $1 / 1000000 }'; }
# Median seconds of a command: hyperfine if present, else a plain loop.
median() {
    if have hyperfine; then
        hyperfine -N -i --style none --warmup 1 --runs "$runs" --export-json "$out/h.json" "$1" > /dev/null 2>&1 || true
        python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["median"])' "$out/h.json"
    else
        local t=()
        for _ in $(seq "$runs"); do
            local s e; s=$(date +%s.%N); bash -c "$1" > /dev/null 2>&1 || true; e=$(date +%s.%N)
            t+=("$(echo "$e - $s" | bc -l)")
        done
        printf '%s\n' "${t[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
    fi
}
peak_mb() {
    /usr/bin/time -f "%M" -o "$out/rss.txt" bash -c "$1" > /dev/null 2>&1 || true
    tail -n 1 "$out/rss.txt" | awk '{ printf "%.1f", $1 / 1024 }'
}
rate() { echo "$1 $2" | awk '{ printf "%.1f", $1 / $2 }'; }

printf '\n%-24s %8s | %9s %9s | %9s %9s | %7s %7s | %8s\n' input MB "mt 1 MB/s" "mt all" "rg 1 MB/s" "rg all" "ratio 1" "ratio n" "RSS MB"
for input in "$clean" "$mt" "$tree"; do
    case $input in "$clean") row=a ;; "$mt") row=b ;; *) row=c ;; esac
    wants "$row" || continue
    mb=$(mb_of "$input")
    # Findings are written (as rg writes its matching lines), to /dev/null.
    m1=$(median "$bin check --no-config --threads 1 --format short $input")
    mn=$(median "$bin check --no-config --format short $input")
    if have rg; then
        r1=$(median "rg -j1 --no-config -f benches/rg-patterns.txt $input")
        rn=$(median "rg --no-config -f benches/rg-patterns.txt $input")
        rr1=$(rate "$mb" "$r1"); rrn=$(rate "$mb" "$rn")
        ratio1=$(echo "$r1 $m1" | awk '{ printf "%.2f", $1 / $2 }'); ration=$(echo "$rn $mn" | awk '{ printf "%.2f", $1 / $2 }')
    else
        rr1=-; rrn=-; ratio1=-; ration=-
    fi
    rss=$(peak_mb "$bin check --no-config --format short $input")
    printf '%-24s %8s | %9s %9s | %9s %9s | %7s %7s | %8s\n' "$(basename "$input")" "$mb" "$(rate "$mb" "$m1")" "$(rate "$mb" "$mn")" "$rr1" "$rrn" "$ratio1" "$ration" "$rss"
done

if wants d; then
    mb=$(mb_of "$jsonl")
    jn=$(median "$bin check --no-config --jsonl-field text --format jsonl $jsonl")
    printf '%-24s %8s | %9s %9s | %9s %9s | %7s %7s | %8s\n' "$(basename "$jsonl")" "$mb" - "$(rate "$mb" "$jn")" - - - - "$(peak_mb "$bin check --no-config --jsonl-field text --format jsonl $jsonl")"
fi

printf 'one-line file           ' > /dev/null
echo "Why ?" > "$out/one-line.txt"
startup=$(median "$bin check --no-config $out/one-line.txt")
printf '\nstartup on a one-line file: %.1f ms (median)\n' "$(echo "$startup * 1000" | bc -l)"

# The cost of each default lint alone, over a run with every lint off (parsing, walking, output).
if [ "$smoke" != 1 ]; then runs=3; fi
# In smoke mode, two lints show that the loop works.
if [ "$smoke" = 1 ]; then lint_limit=2; else lint_limit=1000; fi
wants a || wants b || exit 0
printf '\n%-22s %14s %14s\n' "lint alone (1 thread)" "a: s over base" "b: s over base"
base_a=$(median "$bin check --no-config --threads 1 -A all --format short $clean")
base_b=$(median "$bin check --no-config --threads 1 -A all --format short $mt")
printf '%-22s %14.2f %14.2f\n' "(no lint: base)" "$base_a" "$base_b"
for lint in $("$bin" rules --no-config | awk 'NR > 1 && $2 != "allow" { print $1 }' | head -n "$lint_limit"); do
    a=$(median "$bin check --no-config --threads 1 -A all -W $lint --format short $clean")
    b=$(median "$bin check --no-config --threads 1 -A all -W $lint --format short $mt")
    printf '%-22s %14.2f %14.2f\n' "$lint" "$(echo "$a - $base_a" | bc -l)" "$(echo "$b - $base_b" | bc -l)"
done
