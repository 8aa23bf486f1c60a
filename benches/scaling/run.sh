#!/usr/bin/env bash
# Scaling and memory of `rensa run`: 1 worker thread against 2, on generated documents.
#
#   cargo build --release -p rensa
#   bash benches/scaling/run.sh                   # 10,000 docs, 2 pairs, then 100,000 docs (RSS)
#   BIG=0 REPS=1 bash benches/scaling/run.sh      # quick: one pair on 10,000 docs only
#
# Settings (environment): RENSA (binary, default target/release/rensa), DOCS (10000),
# BIG (100000; 0 skips the large batch), REPS (2: how many 1-core/2-core pairs), SEED (1),
# WAIT_IDLE (60: seconds to wait, before each run, for the cores to be at most 10% busy),
# WORK (scratch folder, default /tmp/rensa-scaling; generated inputs are kept there and reused
# while their stamp file says the same count and seed).
#
# Each run is `rensa run --jobs J -q DIR -o FILE` under `/usr/bin/time -v` (wall time, max RSS,
# CPU time). Throughput is input bytes / wall time in MB/s (10^6 bytes). The two outputs of
# every pair, and of every repetition, must be byte-identical; the script exits 1 otherwise.
# The machine may be shared: each run waits (up to WAIT_IDLE s) for the cores to go quiet, and
# prints how busy they were just before it started ("others busy before", % of all cores over
# one second) and the CPU share it got ("cpu%", user+system over wall), so a 2-thread run starved
# by other processes shows as cpu% well under 200.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
RENSA=${RENSA:-$repo/target/release/rensa}
DOCS=${DOCS:-10000}
BIG=${BIG:-100000}
REPS=${REPS:-2}
SEED=${SEED:-1}
WAIT_IDLE=${WAIT_IDLE:-60}
WORK=${WORK:-/tmp/rensa-scaling}
TIME=/usr/bin/time

[ -x "$RENSA" ] || { echo "run.sh: $RENSA: not found (cargo build --release -p rensa)" >&2; exit 2; }
[ -x "$TIME" ] || { echo "run.sh: $TIME missing (apt-get install time)" >&2; exit 2; }
mkdir -p "$WORK"

# gen N: generates $WORK/docs-N once (reused while the stamp matches).
gen() {
    local n=$1 dir=$WORK/docs-$1 stamp="count=$1 seed=$SEED gen=$(sha256sum "$repo/benches/scaling/gen_docs.py" | cut -c1-16)"
    if [ "$(cat "$dir/.stamp" 2>/dev/null)" != "$stamp" ]; then
        rm -rf "$dir"
        python3 "$repo/benches/scaling/gen_docs.py" "$dir" --count "$n" --seed "$SEED" >&2
        echo "$stamp" > "$dir/.stamp"   # hidden: rensa skips it
    fi
    echo "$dir"
}

# busy: percent of all cores busy over one second (other processes, before a run).
busy() {
    local a b
    a=($(head -n1 /proc/stat)); sleep 1; b=($(head -n1 /proc/stat))
    local total=0 idle=$(( (b[4] + b[5]) - (a[4] + a[5]) )) i
    for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
    echo $(( total > 0 ? 100 - 100 * idle / total : 0 ))
}

# wait_quiet: waits up to WAIT_IDLE seconds for the cores to be at most 10% busy; prints the
# last busy percentage (the run starts anyway when the wait ends).
wait_quiet() {
    local waited=0 b
    b=$(busy)
    while [ "$b" -gt 10 ] && [ "$waited" -lt "$WAIT_IDLE" ]; do
        waited=$((waited + 1)); b=$(busy)
    done
    echo "$b"
}

# measure JOBS DIR OUT: one timed run; prints "wall_s rss_kb cpu_s busy%".
measure() {
    local jobs=$1 dir=$2 out=$3 log=$WORK/time.log load rc=0
    rm -f "$out" "$out.rensa-partial" "$out.rensa-settings"
    sync
    load="$(wait_quiet)%"
    "$TIME" -v -o "$log" "$RENSA" run --jobs "$jobs" -q "$dir" -o "$out" || rc=$?
    if [ "$rc" -ne 0 ]; then echo "run.sh: rensa --jobs $jobs exited $rc" >&2; exit 1; fi
    awk -v load="$load" '
        /Elapsed \(wall clock\)/ { n = split($NF, t, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + t[i] }
        /Maximum resident set size/ { rss = $NF }
        /User time/ { u = $NF } /System time/ { s = $NF }
        END { printf "%.2f %d %.2f %s\n", w, rss, u + s, load }' "$log"
}

line() { # JOBS BYTES "wall rss cpu busy"
    set -- "$1" "$2" $3
    awk -v j="$1" -v b="$2" -v w="$3" -v r="$4" -v c="$5" -v l="$6" 'BEGIN {
        printf "  --jobs %d  wall %7.2f s  %6.2f MB/s  cpu %6.2f s (%3.0f%%)  max RSS %6.1f MB  others busy before %s\n",
            j, w, b / w / 1e6, c, 100 * c / w, r / 1024, l }'
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "rensa: $RENSA ($(sha256sum "$RENSA" | cut -c1-12))"

dir=$(gen "$DOCS")
bytes=$(find "$dir" -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')
echo "batch: $DOCS documents, $bytes bytes ($dir)"
first=""
for rep in $(seq 1 "$REPS"); do
    m1=$(measure 1 "$dir" "$WORK/out1.jsonl")
    m2=$(measure 2 "$dir" "$WORK/out2.jsonl")
    echo "pair $rep:"
    line 1 "$bytes" "$m1"
    line 2 "$bytes" "$m2"
    if ! cmp -s "$WORK/out1.jsonl" "$WORK/out2.jsonl"; then
        echo "run.sh: --jobs 1 and --jobs 2 outputs differ" >&2; exit 1
    fi
    sum=$(sha256sum < "$WORK/out1.jsonl" | cut -c1-16)
    [ -z "$first" ] && first=$sum
    if [ "$sum" != "$first" ]; then echo "run.sh: output of pair $rep differs from pair 1" >&2; exit 1; fi
    osize=$(stat -c %s "$WORK/out1.jsonl")
    awk -v a="${m1%% *}" -v b="${m2%% *}" -v s="$sum" -v o="$osize" 'BEGIN {
        printf "  2-core / 1-core throughput: %.2fx   outputs byte-identical (%d bytes, sha256 %s...)\n", a / b, o, s }'
done

if [ "$BIG" -gt 0 ]; then
    big=$(gen "$BIG")
    bbytes=$(find "$big" -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')
    echo "large batch: $BIG documents, $bbytes bytes ($big)"
    mb=$(measure 2 "$big" "$WORK/big.jsonl")
    line 2 "$bbytes" "$mb"
    echo "  records: $(wc -l < "$WORK/big.jsonl"), output $(stat -c %s "$WORK/big.jsonl") bytes"
    rm -f "$WORK/big.jsonl" "$WORK/big.jsonl.rensa-settings"
fi
rm -f "$WORK/out1.jsonl" "$WORK/out2.jsonl" "$WORK"/out*.rensa-settings
