#!/usr/bin/env bash
# regen.sh - write the actual output of golden CLI cases as their expectation.
#
# Usage: tests/cli/regen.sh [-b BUILD_DIR] CASE_NAME...
#
# A folder case cases/NAME gets its stdout and stderr files (an empty output
# gets no file, and an old file is removed) and its status file. A row NAME of
# errors.tsv is rewritten in place, its new line printed; a row whose command
# now prints more than one line, or anything on stdout, is left alone and must
# become a folder case.
#
# Only for a case you are creating or deliberately changing: everything written
# must then be checked by hand (numbers recomputed independently, messages
# read) before it is kept. It never runs on all cases at once, so a regression
# cannot be blessed by accident.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build="$root/build"
if [ "${1-}" = "-b" ]; then
    build=$2
    shift 2
fi
if [ $# -eq 0 ]; then
    echo "usage: regen.sh [-b BUILD_DIR] CASE_NAME..." >&2
    exit 2
fi
for name in "$@"; do
    name=${name#cli/}
    name=${name#cli-two-threads/}
    name=${name%/}
    name=${name##*/}
    if [ -d "$here/cases/$name" ]; then
        "$here/run-case.sh" --write "$build/dti" "$root/data" "$here/cases/$name"
    elif cut -f1 "$here/errors.tsv" | grep -qxF -- "$name"; then
        "$here/run-case.sh" --write "$build/dti" "$root/data" "$here/errors.tsv" "$name"
    else
        echo "regen.sh: no case folder cases/$name and no row $name in errors.tsv" >&2
        exit 2
    fi
done
