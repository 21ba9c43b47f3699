#!/usr/bin/env bash
# bench/joins.sh - the joins of dti verify, compare and merge at 10^5 and
# 10^6 units, side by side with DuckDB doing the same joins
# (peers/duckdb_joins.mjs), so that a regression shows as a ratio.
#
#   bench/joins.sh                 both sizes, RUNS=3
#   SIZES=100000 RUNS=1 bench/joins.sh
#
# Inputs: a score file of ../shared/bench/gen.py (the shared harness's
# cached one when there is one) and, from it, joins_data.py's published
# table, next year's file and crosswalk, all under
# $DTI_BENCH_CACHE/joins/N/ (default ~/.cache/dti-bench). DuckDB's node API
# is the one the shared harness installs there (its run.sh setup).
# DTI_BIN overrides the dti measured (default: an optimised build in
# build-release, made here as bench/run.sh makes it).
#
# Prints, per size and command, the median wall time (s), CPU time (user +
# system, s) and peak RSS (MB) of dti and of DuckDB, the ratios dti/DuckDB,
# and a check that both found the same: verify's match/differ/missing counts,
# compare's both/entered/left counts, merge's output byte for byte.
set -euo pipefail
export LC_ALL=C.UTF-8
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
harness=${DTI_BENCH_HARNESS:-$root/../shared/bench}
cache=${DTI_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dti-bench}
export DTI_BENCH_CACHE=$cache
SIZES=${SIZES:-"100000 1000000"}
RUNS=${RUNS:-3}
[ -f "$harness/gen.py" ] || { echo "joins.sh: no harness at $harness" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "joins.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

if [ -z "${DTI_BIN:-}" ]; then
    cmake -S "$root" -B "$root/build-release" -DCMAKE_BUILD_TYPE=Release -DDTI_TESTS=OFF >/dev/null
    cmake --build "$root/build-release" -j"$(nproc 2>/dev/null || echo 2)" >/dev/null
    DTI_BIN=$root/build-release/dti
fi
peer=(node "$here/peers/duckdb_joins.mjs")

# inputs N -> prints the folder holding scores.csv, published.csv, new.csv
# and crosswalk.csv for N units (made once; again when a generator changes).
inputs() {
    local n=$1 dir="$cache/joins/$1"
    mkdir -p "$dir"
    local shared="$cache/data/main_${n}_s922.csv"
    if [ ! -s "$dir/scores.csv" ] || [ "$harness/gen.py" -nt "$dir/scores.csv" ]; then
        if [ -s "$shared" ] && [ "$shared" -nt "$harness/gen.py" ]; then
            cp "$shared" "$dir/scores.csv.tmp"
        else
            python3 "$harness/gen.py" --rows "$n" --seed 922 >"$dir/scores.csv.tmp"
        fi
        mv "$dir/scores.csv.tmp" "$dir/scores.csv"
    fi
    if [ ! -s "$dir/crosswalk.csv" ] || [ "$here/joins_data.py" -nt "$dir/crosswalk.csv" ] ||
        [ "$dir/scores.csv" -nt "$dir/crosswalk.csv" ]; then
        python3 "$here/joins_data.py" "$dir/scores.csv" "$dir"
    fi
    echo "$dir"
}

# measure OUT CMD... -> runs CMD RUNS times (stdout to OUT; exit 0 or 3, a
# verify that found differences, is success) and prints the medians
# "wall cpu rss_kb".
measure() {
    local out=$1 i log
    shift
    log=$(mktemp)
    for ((i = 0; i < RUNS; i++)); do
        local rc=0
        /usr/bin/time -f '%e %U %S %M' -o "$log" "$@" >"$out" 2>"$out.err" || rc=$?
        if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
            echo "joins.sh: exit $rc: $* (see $out.err)" >&2
            exit 1
        fi
        tail -n 1 "$log"
    done | awk '{ w[NR] = $1; c[NR] = $2 + $3; r[NR] = $4 }
        function med(a, n,   i, j, t) {
            for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
                t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
            return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
        END { printf "%.2f %.2f %d\n", med(w, NR), med(c, NR), med(r, NR) }'
    rm -f "$log"
}

# What each found, as one line, for the check column.
verify_counts() { # dti's text report, DuckDB's rows
    local a b
    a=$(tail -n 1 "$1" | sed -E 's/.*: ([0-9]+) match, ([0-9]+) differ, ([0-9]+) missing.*/\1 \2 \3/')
    b=$(python3 -c 'import csv,sys,collections
c = collections.Counter(r["status"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")))
print(c["match"], c["differ"], c["missing"])' "$2")
    [ "$a" = "$b" ] && echo "same counts ($a)" || echo "DIFFERENT: dti $a, DuckDB $b"
}
compare_counts() {
    local a b
    a=$(python3 -c 'import csv,sys,collections
c = collections.Counter(r["status"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")))
print(c["both"], c["entered"], c["left"])' "$1")
    b=$(python3 -c 'import csv,sys,collections
c = collections.Counter(r["status"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")))
print(c["both"], c["entered"], c["left"])' "$2")
    [ "$a" = "$b" ] && echo "same units ($a)" || echo "DIFFERENT: dti $a, DuckDB $b"
}

echo "# bench/joins.sh: $(nproc) cores, RUNS=$RUNS, $(uname -sr), $(date -u +%FT%TZ)," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# medians of RUNS; wall and cpu (user+sys) in s, rss = peak resident MB;" \
    "ratio = dti / DuckDB"
printf '%-8s %-8s %8s %8s %8s %8s %8s %8s %7s %7s %7s  %s\n' units command dti_wall dti_cpu \
    dti_MB duck_wall duck_cpu duck_MB wall_x cpu_x rss_x check
for n in $SIZES; do
    dir=$(inputs "$n")
    out="$dir/out"
    mkdir -p "$out"
    cat "$dir"/*.csv >/dev/null # warm cache
    for cmd in verify compare merge; do
        case $cmd in
        verify)
            d=$(measure "$out/verify.dti.txt" "$DTI_BIN" verify --units any "$dir/scores.csv" \
                --published "$dir/published.csv")
            p=$(measure "$out/verify.duckdb.csv" "${peer[@]}" verify "$dir/scores.csv" \
                "$dir/published.csv")
            check=$(verify_counts "$out/verify.dti.txt" "$out/verify.duckdb.csv")
            ;;
        compare)
            d=$(measure "$out/compare.dti.csv" "$DTI_BIN" compare --units any -f csv \
                "$dir/scores.csv" "$dir/new.csv")
            p=$(measure "$out/compare.duckdb.csv" "${peer[@]}" compare "$dir/scores.csv" \
                "$dir/new.csv")
            check=$(compare_counts "$out/compare.dti.csv" "$out/compare.duckdb.csv")
            ;;
        merge)
            d=$(measure "$out/merge.dti.csv" "$DTI_BIN" merge --units any -f csv \
                --columns rank,code,name,dti,chinh_quyen_so,kinh_te_so,xa_hoi_so \
                "$dir/scores.csv" --map "$dir/crosswalk.csv")
            p=$(measure "$out/merge.duckdb.csv" "${peer[@]}" merge "$dir/scores.csv" \
                "$dir/crosswalk.csv")
            if cmp -s "$out/merge.dti.csv" "$out/merge.duckdb.csv"; then
                check="identical output"
            else
                check="DIFFERENT output"
            fi
            ;;
        esac
        read -r dw dc dr <<<"$d"
        read -r pw pc pr <<<"$p"
        awk -v n="$n" -v c="$cmd" -v dw="$dw" -v dc="$dc" -v dr="$dr" -v pw="$pw" -v pc="$pc" \
            -v pr="$pr" -v k="$check" 'BEGIN {
            printf "%-8s %-8s %8.2f %8.2f %8.0f %8.2f %8.2f %8.0f %7.2f %7.2f %7.2f  %s\n",
                n, c, dw, dc, dr / 1024, pw, pc, pr / 1024, dw / pw, (pc > 0 ? dc / pc : 0),
                dr / pr, k }'
    done
done
