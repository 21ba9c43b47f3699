#!/usr/bin/env bash
# run-case.sh - run one golden CLI case and compare it with its expectation.
#
# Usage: run-case.sh [--write | --vi-stdout] DTI DATA CASE_DIR
#        run-case.sh [--write] DTI DATA TABLE NAME
#
# A folder case CASE_DIR holds `cmd` (one bash command line), the expected
# `stdout`, `stderr` and `status` (exit code), plus any input files; a missing
# stdout or stderr file expects empty output, a missing status exit status 0.
# A table case is the row NAME of TABLE (errors.tsv): its command line, status
# and the one line it must print on stderr, with nothing on stdout; its input
# files, if any, are in inputs/NAME/ beside the table (see case-lib.sh).
#
# The input files are copied to a fresh scratch directory and the command runs
# there with bash, with $DTI set to the binary and $DATA to the repository's
# data/ folder, so cases that write files (-o) never touch the source tree and
# can run in parallel. Pipelines run with pipefail, so `$DTI ... | jq` fails
# when dti fails. Exit status 0 when stdout, stderr and status all match;
# otherwise 1 and a unified diff of every mismatch.
#
# With --vi-stdout, dti runs in Vietnamese ($DTI is a wrapper that adds
# --lang vi; the other tools of the command stay as they are) and only
# stdout and status are compared: output for machines must not change.
#
# With --write, the actual outputs become the expectation instead (see
# regen.sh): a folder gets stdout and stderr when they are not empty (an empty
# one is removed) and status; a row is rewritten in place and printed. Check
# them before keeping them.
set -u
# shellcheck source-path=SCRIPTDIR source=case-lib.sh
. "$(dirname "$0")/case-lib.sh"

usage() {
    echo "usage: run-case.sh [--write] DTI DATA CASE_DIR" >&2
    echo "       run-case.sh [--write] DTI DATA TABLE NAME" >&2
    exit 2
}

write=0
vi_stdout=0
if [ "${1-}" = "--write" ]; then
    write=1
    shift
elif [ "${1-}" = "--vi-stdout" ]; then
    vi_stdout=1
    shift
fi
if [ $# -eq 3 ] && [ -d "$3" ]; then
    cli_load_dir "$3" || exit 2
elif [ $# -eq 4 ] && [ -f "$3" ]; then
    cli_load_row "$3" "$4" || exit 2
else
    usage
fi
dti=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
data=$(cd "$2" && pwd)
name=$case_name
cmd=$case_cmd

scratch=$(mktemp -d "${TMPDIR:-/tmp}/dti-cli.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/work" "$scratch/out" "$scratch/expected"
if [ "$vi_stdout" = 1 ]; then
    printf '#!/bin/sh\nexec "%s" --lang vi "$@"\n' "$dti" >"$scratch/dti-vi"
    chmod +x "$scratch/dti-vi"
    dti=$scratch/dti-vi
fi
cli_stage "$scratch/work"
cli_expect "$scratch/expected"

(
    cd "$scratch/work" || exit 125
    unset BASH_ENV ENV CDPATH LANGUAGE LANG LC_MESSAGES
    export DTI="$dti" DATA="$data" LC_ALL=C.UTF-8 NO_COLOR=1
    exec bash -o pipefail -c "$cmd" </dev/null >"$scratch/out/stdout" 2>"$scratch/out/stderr"
)
echo $? >"$scratch/out/status"

# --write on a folder: empty outputs are not written.
write_dir() {
    local f written
    for f in stdout stderr; do
        if [ -s "$scratch/out/$f" ]; then
            cp "$scratch/out/$f" "$case_source/$f"
        else
            rm -f "$case_source/$f"
        fi
    done
    cp "$scratch/out/status" "$case_source/status"
    written=""
    for f in stdout stderr; do
        [ ! -f "$case_source/$f" ] || written="$written$f, "
    done
    echo "$name: wrote ${written}status (exit $(cat "$scratch/out/status")) - check them"
}

# --write on a row: only while the output is still one line on stderr and
# nothing on stdout; the other lines of the table are kept byte for byte.
write_row() {
    local message status tmp
    status=$(cat "$scratch/out/status")
    message=$(cat "$scratch/out/stderr")
    if [ -s "$scratch/out/stdout" ] || [ "$(wc -l <"$scratch/out/stderr")" -ne 1 ] ||
        [ "$(tail -c 1 "$scratch/out/stderr")" != "" ] || [ -z "$message" ] ||
        [[ $message == *[$'\t\r']* ]]; then
        echo "$name: the output is no longer one line on stderr and nothing on stdout;" \
            "make it a folder case (see README.md). It printed:" >&2
        sed 's/^/stdout: /' "$scratch/out/stdout" >&2
        sed 's/^/stderr: /' "$scratch/out/stderr" >&2
        echo "status: $status" >&2
        return 1
    fi
    tmp=$(mktemp "$case_source.XXXXXX")
    ROW="$name"$'\t'"$status"$'\t'"$message"$'\t'"$cmd" NAME="$name" LC_ALL=C awk -F'\t' '
        /^#/ || /^$/ || !seen_header++ { print; next }
        $1 == ENVIRON["NAME"] { print ENVIRON["ROW"]; next }
        { print }' "$case_source" >"$tmp" || { rm -f "$tmp"; return 1; }
    chmod --reference="$case_source" "$tmp" 2>/dev/null
    mv "$tmp" "$case_source"
    echo "$name: rewrote its row of $(basename "$case_source") - check it:"
    printf '%s\t%s\t%s\t%s\n' "$name" "$status" "$message" "$cmd"
}

if [ "$write" = 1 ]; then
    if [ "$case_kind" = dir ]; then
        write_dir
    else
        write_row || exit 1
    fi
    exit 0
fi

rc=0
compared="stdout stderr status"
[ "$vi_stdout" = 0 ] || compared="stdout status"
for f in $compared; do
    if ! cmp -s "$scratch/expected/$f" "$scratch/out/$f"; then
        echo "$name: $f differs:"
        diff -u --label "expected/$f" --label "actual/$f" "$scratch/expected/$f" "$scratch/out/$f"
        rc=1
    fi
done
if [ "$rc" = 0 ]; then
    echo "$name: ok"
else
    echo "command: $cmd"
fi
exit "$rc"
