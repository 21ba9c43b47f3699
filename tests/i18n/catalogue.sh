#!/bin/sh
# catalogue.sh SRC_DIR - the Vietnamese catalogue (po/*.po, as the build
# compiles it) must pass msgfmt --check and have no untranslated or fuzzy
# message: an English line in the Vietnamese interface is a bug.
set -eu
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
msgcat --use-first -o "$tmp/vi.po" "$src"/po/*.po
if ! msgfmt --check --statistics -o "$tmp/dti.mo" "$tmp/vi.po" 2>"$tmp/stats"; then
    cat "$tmp/stats"
    echo "catalogue.sh: msgfmt --check failed"
    exit 1
fi
cat "$tmp/stats"
if grep -E 'untranslated|fuzzy' "$tmp/stats" >/dev/null; then
    msgattrib --untranslated --only-fuzzy "$tmp/vi.po" 2>/dev/null | head -40 || true
    msgattrib --untranslated "$tmp/vi.po" | grep '^msgid' | head -40
    echo "catalogue.sh: the catalogue has untranslated or fuzzy messages (above)"
    exit 1
fi
