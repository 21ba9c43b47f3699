#!/bin/sh
# man-lint.sh - a man page of dti is well formed and complete: groff reads it
# with every warning on and says nothing, man -l renders it, it has the
# sections it must have, every command that `dti --help` lists has its entry
# under the commands section, and every long option of every command's
# --help is in the page.
#
# Usage: man-lint.sh DTI PAGE SECTION...
#   DTI      the dti binary (its --help lists the commands, in English)
#   PAGE     the man page (docs/dti.1, or docs/vi/dti.1 in UTF-8 with a
#            coding line, read through preconv as man-db does)
#   SECTION  the section headings the page must have, the commands'
#            section first (COMMANDS, or LỆNH)
set -eu
dti=$1
page=$2
shift 2
commands_section=$1
status=0
scratch=$(mktemp -d "${TMPDIR:-/tmp}/dti-man-lint.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# groff: -k runs preconv (the page's coding line), -ww every warning, -z no
# output. Any message is a fault.
groff -k -man -Tutf8 -ww -z "$page" 2>"$scratch/groff.err" || status=1
if [ -s "$scratch/groff.err" ]; then
    echo "$page: groff warns:" >&2
    cat "$scratch/groff.err" >&2
    status=1
fi

# A page written in ASCII (Vietnamese letters as \[uXXXX]) must also read
# on an ASCII terminal (man under LANG=C): every such letter has a .fchar
# fallback.
if ! LC_ALL=C grep -q '[^[:print:][:space:]]' "$page"; then
    groff -man -Tascii -ww -z "$page" 2>"$scratch/ascii.err" || status=1
    if [ -s "$scratch/ascii.err" ]; then
        echo "$page: groff -Tascii warns (a letter without a .fchar fallback?):" >&2
        cat "$scratch/ascii.err" >&2
        status=1
    fi
fi

# man -l, as a user reads it (80 columns, no pager, no formatting bytes).
LC_ALL=C.UTF-8 MANWIDTH=80 MAN_KEEP_FORMATTING= man -l "$page" 2>"$scratch/man.err" |
    col -bx >"$scratch/page.txt" || status=1
if [ -s "$scratch/man.err" ] || [ ! -s "$scratch/page.txt" ]; then
    echo "$page: man -l does not render it:" >&2
    cat "$scratch/man.err" >&2
    status=1
fi
for section in "$@"; do
    if ! grep -qx "$section" "$scratch/page.txt"; then
        echo "$page: no section $section" >&2
        status=1
    fi
done

# Every command of `dti --help` has an entry (a line indented by 7 spaces
# that starts with its name) in the commands section.
awk -v s="$commands_section" '$0 == s {on = 1; next} /^[^ ]/ {on = 0} on' \
    "$scratch/page.txt" >"$scratch/commands.txt"
LC_ALL=C "$dti" --lang en --help |
    awk '/^Commands:/ {on = 1; next} /^$/ {on = 0} on && NF {print $1}' >"$scratch/names.txt"
if [ ! -s "$scratch/names.txt" ]; then
    echo "$page: no command list in '$dti --help'" >&2
    status=1
fi
while read -r name; do
    if ! grep -q "^       $name\( \|$\)" "$scratch/commands.txt"; then
        echo "$page: command '$name' has no entry under $commands_section" >&2
        status=1
    fi
done <"$scratch/names.txt"
# Every long option that a command's --help lists is in the page (as
# troff writes it: \-\-name).
while read -r name; do
    LC_ALL=C "$dti" --lang en "$name" --help | grep -oE '^ +(-[a-zA-Z], )?--[a-z-]+' |
        grep -oE -- '--[a-z-]+' | while read -r option; do
        if ! grep -qF -- "$(printf '%s' "$option" | sed 's/-/\\-/g')" "$page"; then
            echo "$page: option $option of dti $name is not in the page" >&2
            echo x >>"$scratch/missing"
        fi
    done
done <"$scratch/names.txt"
[ -s "$scratch/missing" ] && status=1
[ "$status" = 0 ] && echo "$page: groff quiet, man -l renders it, sections, commands and options complete"
exit "$status"
