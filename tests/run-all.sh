#!/usr/bin/env bash
# run-all.sh - the whole test suite, as README.md promises and CI runs it:
# style check, a normal build with every test, and an address+undefined
# sanitizer build with every test, then the src/lib line-coverage floor.
# Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

echo "== clang-format check"
git ls-files '*.c' '*.h' | xargs clang-format --dry-run -Werror

echo "== build and test (RelWithDebInfo)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== build and test (sanitizers: address, undefined)"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DDTI_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j"$jobs"

echo "== line coverage of src/lib (floor in tests/coverage-floor)"
bash tests/coverage.sh

echo "== all tests passed (normal and sanitizer builds, coverage floor)"
