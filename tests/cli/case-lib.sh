# shellcheck shell=bash disable=SC2034 # the case_* variables are for the caller
# case-lib.sh - load one golden CLI case; sourced by run-case.sh and
# ../valgrind/run.sh (bash only).
#
# A case is either a folder under cases/ (cmd, stdout, stderr, status and its
# input files) or a row of errors.tsv (a case that prints one error message and
# nothing on stdout), whose input files, if any, are in inputs/NAME/.
#
#   cli_load_dir DIR        load the folder case DIR
#   cli_load_row TABLE NAME load the row NAME of TABLE (inputs/ beside TABLE)
#   cli_find NAME           cases/NAME if that folder exists, else the row NAME
#                           of errors.tsv
#   cli_stage WORK          copy the case's input files into the folder WORK
#   cli_expect OUT          write the expected stdout, stderr and status files
#                           into the folder OUT
#
# Loading sets case_kind (dir or row), case_name, case_cmd and case_source (the
# folder or the table), or prints a message and returns 1. A folder without a
# stdout or stderr file expects that output to be empty, one without a status
# file expects exit status 0.

cli_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cli_table_header=$'case\tstatus\tstderr\tcmd'

cli_load_dir() {
    case_kind=dir
    case_source=$(cd "$1" && pwd) || return 1
    case_name=$(basename "$case_source")
    if [ ! -f "$case_source/cmd" ]; then
        echo "$case_name: no cmd file in $case_source" >&2
        return 1
    fi
    case_cmd=$(cat "$case_source/cmd")
}

# Rows are NAME<TAB>STATUS<TAB>STDERR<TAB>CMD, one a line; lines starting with
# # and blank lines are ignored, the first other line is the header.
cli_load_row() {
    local table=$1 name=$2 row rc
    case_kind=row
    case_name=$name
    case_source=$(cd "$(dirname "$table")" && pwd)/$(basename "$table")
    if [[ ! $name =~ ^[A-Za-z0-9_]+$ ]]; then
        echo "$name: not a case name" >&2
        return 1
    fi
    row=$(LC_ALL=C awk -F'\t' -v name="$name" -v header="$cli_table_header" '
        /^#/ || /^$/ { next }
        !seen_header++ { if ($0 != header) bad_header = 1; next }
        $1 == name { rows++; row = $0 }
        END {
            if (bad_header) exit 4
            if (rows == 0) exit 1
            if (rows > 1) exit 2
            print row
            if (split(row, f, "\t") != 4 || f[2] !~ /^[0-9]+$/ || f[3] == "" || f[4] == "" ||
                row ~ /\r/)
                exit 3
        }' "$table")
    rc=$?
    case $rc in
    0) ;;
    1) echo "$name: no row in $case_source" >&2 ;;
    2) echo "$name: more than one row in $case_source" >&2 ;;
    3) echo "$name: malformed row in $case_source (four fields separated by tabs," \
        "a number as status, no empty field, no carriage return):" >&2
       printf '%s\n' "$row" >&2 ;;
    *) echo "$case_source: the first line that is not a comment must be the header" \
        "case<TAB>status<TAB>stderr<TAB>cmd" >&2 ;;
    esac
    [ "$rc" -eq 0 ] || return 1
    row=${row#*$'\t'}
    case_status=${row%%$'\t'*}
    row=${row#*$'\t'}
    case_stderr=${row%%$'\t'*}
    case_cmd=${row#*$'\t'}
}

cli_find() {
    if [ -d "$cli_here/cases/$1" ]; then
        cli_load_dir "$cli_here/cases/$1"
    else
        cli_load_row "$cli_here/errors.tsv" "$1"
    fi
}

# The input files: the folder minus cmd and the expected outputs, or inputs/NAME/.
cli_stage() {
    local work=$1 inputs
    if [ "$case_kind" = dir ]; then
        cp -pR "$case_source/." "$work/"
        rm -f "$work/cmd" "$work/stdout" "$work/stderr" "$work/status"
    else
        inputs=$(dirname "$case_source")/inputs/$case_name
        if [ -d "$inputs" ]; then
            cp -pR "$inputs/." "$work/"
        fi
    fi
}

cli_expect() {
    local out=$1 f
    if [ "$case_kind" = dir ]; then
        for f in stdout stderr; do
            if [ -f "$case_source/$f" ]; then
                cp "$case_source/$f" "$out/$f"
            else
                : >"$out/$f"
            fi
        done
        if [ -f "$case_source/status" ]; then
            cp "$case_source/status" "$out/status"
        else
            echo 0 >"$out/status"
        fi
    else
        : >"$out/stdout"
        printf '%s\n' "$case_stderr" >"$out/stderr"
        printf '%s\n' "$case_status" >"$out/status"
    fi
}
