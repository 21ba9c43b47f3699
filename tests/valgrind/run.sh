#!/usr/bin/env bash
# run.sh - run dti under valgrind over a sample of the golden CLI cases.
#
# Usage: tests/valgrind/run.sh BUILD_DIR [CASE...]
#
# BUILD_DIR holds the dti binary of a normal (non-sanitizer) build. Each case
# (a folder of tests/cli/cases or a row of tests/cli/errors.tsv) has its input
# files copied to a scratch directory and its command run there, as
# run-case.sh does, but with $DTI pointing to a wrapper that runs
# the real binary under
#   valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
# Outputs are not compared (the CLI tests do that); only valgrind's verdict
# counts. Exit status: 0 when valgrind reported no error in any run, 1 when it
# did (its logs are printed), 77 when the test cannot run (no valgrind, or a
# sanitizer build, which valgrind cannot check), 2 on a usage error.
# $VALGRIND names the valgrind binary (default: valgrind on PATH).
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=../cli/case-lib.sh
. "$root/tests/cli/case-lib.sh"

# ~8 bad inputs (every reader stage: decoding, iconv, quoting, limits, units,
# keep-going validation) and good ones (Windows-1258 via iconv, long format,
# validate JSON with every kind of problem).
default_cases=(
    bad_field_1mb
    bad_header_10000_columns
    bad_unterminated_quote
    bad_invalid_utf8
    bad_utf16_lone_surrogate
    bad_binary_garbage
    bad_duplicate_province
    bad_ragged_rows_validate
    score_five_2022_cp1258_semicolon
    score_five_2022_long
    validate_several_problems_json
)

if [ $# -lt 1 ]; then
    echo "usage: run.sh BUILD_DIR [CASE...]" >&2
    exit 2
fi
build=$(cd "$1" && pwd) || exit 2
shift
dti="$build/dti"
if [ ! -x "$dti" ]; then
    echo "run.sh: no dti binary in $build" >&2
    exit 2
fi
valgrind=${VALGRIND:-valgrind}
if ! command -v "$valgrind" >/dev/null 2>&1; then
    echo "run.sh: valgrind not found; skipped"
    exit 77
fi
if ldd "$dti" 2>/dev/null | grep -q -e libasan -e libubsan; then
    echo "run.sh: $dti is a sanitizer build, which valgrind cannot check; skipped"
    exit 77
fi
if [ $# -gt 0 ]; then
    cases=("$@")
else
    cases=("${default_cases[@]}")
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/dti-valgrind.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/logs"

# The wrapper the cases run as $DTI.
cat >"$scratch/dti" <<WRAPPER
#!/usr/bin/env bash
n=\$(ls "$scratch/logs" | wc -l)
"$valgrind" -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \\
    --log-file="$scratch/logs/\$CASE_NAME.\$n.log" "$dti" "\$@"
rc=\$?
[ \$rc -ne 99 ] || touch "$scratch/logs/\$CASE_NAME.\$n.log.failed"
exit \$rc
WRAPPER
chmod +x "$scratch/dti"

failed=0
for name in "${cases[@]}"; do
    if ! cli_find "$name"; then
        echo "run.sh: no case $name" >&2
        failed=1
        continue
    fi
    work="$scratch/work-$name"
    mkdir "$work"
    cli_stage "$work"
    (
        cd "$work" || exit 125
        unset BASH_ENV ENV CDPATH
        export DTI="$scratch/dti" DATA="$root/data" LC_ALL=C.UTF-8 NO_COLOR=1 CASE_NAME="$name"
        exec bash -o pipefail -c "$case_cmd" </dev/null >"$scratch/out" 2>&1
    )
    rc=$?
    runs=$(ls "$scratch/logs" | grep -c "^$name\.[0-9]*\.log$")
    bad=$(ls "$scratch/logs" | grep -c "^$name\..*\.failed$")
    if [ "$runs" -eq 0 ]; then
        echo "$name: dti never ran (exit $rc)"
        cat "$scratch/out"
        failed=1
    elif [ "$bad" -gt 0 ]; then
        echo "$name: valgrind reported errors (exit $rc):"
        for log in "$scratch/logs/$name".*.log; do
            cat "$log"
        done
        failed=1
    else
        echo "$name: clean ($runs run(s) under valgrind, exit $rc)"
    fi
done
exit "$failed"
