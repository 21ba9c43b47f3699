#!/usr/bin/env bash
# run.sh SECONDS [BUILD_DIR] - build the fuzzers with clang and run each of
# the six for SECONDS/6 on a copy of its seed corpus (README.md here).
# FUZZERS="goals load" runs only those, SECONDS shared among them.
#
# BUILD_DIR defaults to build-fuzz in the repository. Inputs the fuzzers
# generate go to a temporary directory, removed at the end; crash, leak and
# timeout reproducers go to BUILD_DIR/fuzz-artifacts/. Nothing is written
# into the repository. Extra libFuzzer flags can be given in FUZZ_FLAGS
# (e.g. FUZZ_FLAGS="-fork=2 -ignore_crashes=1"). Exits 1 if a fuzzer found a
# problem, 2 on bad usage.
set -euo pipefail

usage() {
    echo "usage: tests/fuzz/run.sh SECONDS [BUILD_DIR]" >&2
    exit 2
}
[[ $# -ge 1 && $# -le 2 && $1 =~ ^[0-9]+$ && $1 -ge 1 ]] || usage
seconds=$1
all="load method published crosswalk goals xlsx"
read -r -a fuzzers <<<"${FUZZERS:-$all}"
for name in "${fuzzers[@]}"; do
    [[ " $all " == *" $name "* ]] || { echo "run.sh: no fuzzer '$name' (one of: $all)" >&2; exit 2; }
done
share=$((seconds / ${#fuzzers[@]}))
[[ $share -ge 1 ]] || usage # libFuzzer takes -max_total_time=0 as no limit
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${2:-$root/build-fuzz}
jobs=$(nproc 2>/dev/null || echo 2)

echo "== configure and build the fuzzers in $build"
CC=clang cmake -S "$root" -B "$build" -DDTI_FUZZ=ON -DDTI_TESTS=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$jobs" --target "${fuzzers[@]/#/fuzz_}"

work=$(mktemp -d "${TMPDIR:-/tmp}/dti-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# fuzz NAME MAX_LEN: runs one fuzzer; returns its exit status.
fuzz() {
    local name=$1 max_len=$2
    local exe="$build/tests/fuzz/fuzz_$name" log="$work/$name.log"
    mkdir -p "$work/$name"
    cp "$root/tests/fuzz/corpus/$name/"* "$work/$name/"
    echo "== fuzz_$name for $share s"
    local status=0
    "$exe" -max_total_time=$share -max_len="$max_len" -rss_limit_mb=2048 \
        -timeout=10 -dict="$root/tests/fuzz/$name.dict" -print_final_stats=1 \
        -artifact_prefix="$artifacts/$name-" ${FUZZ_FLAGS:-} "$work/$name" >"$log" 2>&1 ||
        status=$?
    local runs corpus
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    corpus=$(ls "$work/$name" | wc -l)
    echo "fuzz_$name: ${runs:-?} executions, corpus $corpus inputs, exit status $status"
    if [[ $status -ne 0 ]]; then
        # The report: the sanitizer or check message and the stack after it,
        # without libFuzzer's own frames, then where the input was saved.
        awk '/ERROR: (Address|Leak)Sanitizer|runtime error|invalid UTF-8 at|check failed|ALARM|out-of-memory/ \
                 { on = 1 }
             on && !/in fuzzer::|in __sanitizer|in __ubsan|in _start|in __libc|libc\.so|in raise |in abort |pthread_kill/ \
                 { print; if (++n == 40) exit }' "$log"
        grep -o 'Test unit written to .*' "$log" | sort -u || true
        echo "fuzz_$name: FAILED (full log: $artifacts/$name.log)"
        cp "$log" "$artifacts/$name.log"
    fi
    return "$status"
}

failed=0
for name in "${fuzzers[@]}"; do
    # The loader reads 64 KiB chunks (README.md); the rest are small files.
    max_len=16384
    [[ $name == load ]] && max_len=65536
    fuzz "$name" "$max_len" || failed=1
done
if [[ $failed -ne 0 ]]; then
    echo "== a fuzzer found a problem: reproducers in $artifacts"
    exit 1
fi
echo "== no crash, leak or timeout found"
