#!/usr/bin/env bash
# Side-by-side throughput of two mtlint binaries (e.g. before and after a change) on the inputs of
# benches/throughput.sh, runs interleaved so both see the same machine load.
# Usage: benches/compare.sh OLD_BINARY NEW_BINARY [RUNS]   (THREADS=2 for two threads; default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1 new=$2 runs=${3:-5} threads=${THREADS:-1}
[ -s target/bench/seed-50mb.txt ] && [ -s target/bench/clean-50mb.md ] || bash benches/throughput.sh 1 > /dev/null

seconds() { local s e; s=$(date +%s.%N); "$@" > /dev/null || true; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

printf '%-16s %10s %10s %8s %8s %7s\n' input "old s" "new s" "old MB/s" "new MB/s" "new/old"
for input in seed-50mb.txt clean-50mb.md; do
    file=target/bench/$input
    mb=$(echo "$(wc -c < "$file") / 1000000" | bc -l)
    old_times=() new_times=()
    "$old" check --threads "$threads" --format short "$file" > /dev/null || true
    "$new" check --threads "$threads" --format short "$file" > /dev/null || true
    for _ in $(seq "$runs"); do
        old_times+=("$(seconds "$old" check --threads "$threads" --format short "$file")")
        new_times+=("$(seconds "$new" check --threads "$threads" --format short "$file")")
    done
    o=$(printf '%s\n' "${old_times[@]}" | median)
    n=$(printf '%s\n' "${new_times[@]}" | median)
    printf '%-16s %10.3f %10.3f %8.1f %8.1f %7.2f\n' "$input" "$o" "$n" "$(echo "$mb / $o" | bc -l)" "$(echo "$mb / $n" | bc -l)" "$(echo "$o / $n" | bc -l)"
done
