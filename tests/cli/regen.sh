#!/usr/bin/env bash
# regen.sh - write the actual stdout, stderr and status of golden CLI cases.
#
# Usage: tests/cli/regen.sh [-b BUILD_DIR] CASE_NAME...
#
# Only for a case you are creating or deliberately changing: every written
# file must then be checked by hand (numbers recomputed independently, messages
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
    name=${name%/}
    name=${name##*/}
    if [ ! -d "$here/cases/$name" ]; then
        echo "regen.sh: no case folder cases/$name" >&2
        exit 2
    fi
    "$here/run-case.sh" --write "$build/dti" "$root/data" "$here/cases/$name"
done
