#!/usr/bin/env bash
# coverage.sh - line coverage of the library (src/lib) by the test suite,
# checked against a floor that may only go up (tests/coverage-floor).
#
# Builds with gcc --coverage in build-cov, runs every CTest test but the
# valgrind and browser ones (they only repeat what the others run), and
# reads the lines covered with gcovr (Debian: gcovr). Exits 1 below the
# floor; says so when the floor could be raised.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build-cov -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_C_FLAGS=--coverage -fprofile-update=atomic" \
    -DCMAKE_EXE_LINKER_FLAGS=--coverage -DCMAKE_SHARED_LINKER_FLAGS=--coverage >/dev/null
cmake --build build-cov -j"$jobs" >/dev/null
find build-cov -name '*.gcda' -delete
ctest --test-dir build-cov -j"$jobs" -E '^(valgrind|report/render)' --output-on-failure >/dev/null
summary=$(gcovr -r . --filter 'src/lib/' --print-summary -o build-cov/coverage.txt build-cov)
echo "$summary"
lines=$(printf '%s\n' "$summary" | sed -n 's/^lines: \([0-9.]*\)%.*/\1/p')
floor=$(sed -n 's/^lines \([0-9.]*\)$/\1/p' tests/coverage-floor)
if [ -z "$lines" ] || [ -z "$floor" ]; then
    echo "coverage.sh: could not read the coverage ('$lines') or the floor ('$floor')" >&2
    exit 1
fi
if awk -v c="$lines" -v f="$floor" 'BEGIN { exit !(c < f) }'; then
    echo "coverage.sh: src/lib line coverage $lines% is below the floor $floor% (tests/coverage-floor)" >&2
    exit 1
fi
if awk -v c="$lines" -v f="$floor" 'BEGIN { exit !(c >= f + 0.5) }'; then
    echo "coverage.sh: $lines% is above the floor $floor%: raise tests/coverage-floor"
fi
echo "coverage.sh: src/lib line coverage $lines% (floor $floor%)"
