#!/usr/bin/env bash
# run-case.sh - run one golden CLI case and compare it with its expected files.
#
# Usage: run-case.sh [--write] DTI DATA CASE_DIR
#
# CASE_DIR holds `cmd` (one bash command line), `stdout`, `stderr` and
# `status` (the expected exit code), plus any input files. The case folder is
# copied to a fresh scratch directory and `cmd` runs there with bash, with
# $DTI set to the binary and $DATA to the repository's data/ folder, so cases
# that write files (-o) never touch the source tree and can run in parallel.
# Pipelines run with pipefail, so `$DTI ... | jq` fails when dti fails.
# Exit status 0 when stdout, stderr and status all match; otherwise 1 and a
# unified diff of every mismatch. With --write, the actual outputs are written
# to the case folder instead (see regen.sh); check them before keeping them.
set -u

write=0
if [ "${1-}" = "--write" ]; then
    write=1
    shift
fi
if [ $# -ne 3 ]; then
    echo "usage: run-case.sh [--write] DTI DATA CASE_DIR" >&2
    exit 2
fi
dti=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
data=$(cd "$2" && pwd)
case_dir=$(cd "$3" && pwd)
name=$(basename "$case_dir")

if [ ! -f "$case_dir/cmd" ]; then
    echo "$name: no cmd file in $case_dir" >&2
    exit 2
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/dti-cli.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/work" "$scratch/out"
cp -pR "$case_dir/." "$scratch/work/"
rm -f "$scratch/work/cmd" "$scratch/work/stdout" "$scratch/work/stderr" "$scratch/work/status"

cmd=$(cat "$case_dir/cmd")
(
    cd "$scratch/work" || exit 125
    unset BASH_ENV ENV CDPATH
    export DTI="$dti" DATA="$data" LC_ALL=C.UTF-8 NO_COLOR=1
    exec bash -o pipefail -c "$cmd" </dev/null >"$scratch/out/stdout" 2>"$scratch/out/stderr"
)
echo $? >"$scratch/out/status"

if [ "$write" = 1 ]; then
    cp "$scratch/out/stdout" "$scratch/out/stderr" "$scratch/out/status" "$case_dir/"
    echo "$name: wrote stdout, stderr, status (exit $(cat "$scratch/out/status")) - check them"
    exit 0
fi

rc=0
for f in stdout stderr status; do
    if [ ! -f "$case_dir/$f" ]; then
        echo "$name: missing expected file $f" >&2
        rc=1
        continue
    fi
    if ! cmp -s "$case_dir/$f" "$scratch/out/$f"; then
        echo "$name: $f differs:"
        diff -u --label "expected/$f" --label "actual/$f" "$case_dir/$f" "$scratch/out/$f"
        rc=1
    fi
done
if [ "$rc" = 0 ]; then
    echo "$name: ok"
else
    echo "command: $cmd"
fi
exit "$rc"
