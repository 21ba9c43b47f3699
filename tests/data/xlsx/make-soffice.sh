#!/bin/sh
# Makes workbooks the way an analyst does, with a real spreadsheet program:
# LibreOffice Calc opens a CSV fixture and saves it as .xlsx.
#   data/2021.csv, data/2024.csv       wide, ',' and '.' (codes become numbers)
#   tests/data/five-2022-long.csv      long format (province,indicator,value,year)
#   five-2022-semicolon.csv            five-2022.csv with ';' and decimal commas,
#                                      which Calc (English) keeps as text cells
# Usage: make-soffice.sh OUTDIR [REPO]   (REPO: the repository, default: ../../..)
# The committed tests/data/xlsx/*.xlsx were made by this script; tests/xlsx
# runs it again live and checks that dti scores each workbook as its CSV.
set -eu
out=$1
repo=${2:-$(cd "$(dirname "$0")/../../.." && pwd)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
# LibreOffice needs a writable profile; a fresh one keeps the result the same.
run() {
    HOME="$work" soffice -env:UserInstallation="file://$work/profile" --headless \
        --infilter="$1" --convert-to xlsx --outdir "$out" "$2" >"$work/log" 2>&1 ||
        { cat "$work/log" >&2; exit 1; }
    [ -s "$out/$(basename "$2" .csv).xlsx" ] || { cat "$work/log" >&2; exit 1; }
}
# CSV import: separator 44 (,) or 59 (;), quote 34, UTF-8 (76), from line 1.
for f in "$repo/data/2021.csv" "$repo/data/2024.csv" "$repo/tests/data/five-2022-long.csv"; do
    run "CSV:44,34,76,1" "$f"
done
sed -E 's/,/;/g; s/([0-9])[.]([0-9])/\1,\2/g' "$repo/tests/data/five-2022.csv" >"$work/five-2022-semicolon.csv"
run "CSV:59,34,76,1" "$work/five-2022-semicolon.csv"
