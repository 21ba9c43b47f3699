#!/bin/sh
# extracted.sh SRC_DIR - every message the sources mark (po/extract.sh) has
# a translation in po/*.po: a new English message without Vietnamese fails.
set -eu
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh "$src/po/extract.sh" "$tmp/dti.pot"
msgcat --use-first -o "$tmp/vi.po" "$src"/po/*.po
if ! msgcmp "$tmp/vi.po" "$tmp/dti.pot" 2>"$tmp/out"; then
    head -60 "$tmp/out"
    echo "extracted.sh: $(grep -c 'this message is used but not defined' "$tmp/out") message(s) of the sources are not in po/ (msgcmp above)"
    exit 1
fi
echo "extracted.sh: $(grep -c '^msgid' "$tmp/dti.pot") messages extracted, all translated"
