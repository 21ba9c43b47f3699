#!/bin/bash
# Checks that workbooks read back to the scores of the CSV they hold, byte
# for byte in `dti score -f csv`, and that a bad cell is named as Excel
# names it. Usage: check.sh PART DTI MAKE_BOOKS REPO, PART one of
#   committed     the LibreOffice-made and hand-made files of tests/data/xlsx
#   xlsxwriter    workbooks libxlsxwriter writes now (make_books.c), and
#                 dti score -f xlsx's own
#   handmade      make-handmade.py writes the hand-made file again, the same
#   soffice-live  LibreOffice makes the workbooks again now (make-soffice.sh)
#   limits        a zip bomb (a sheet of 513 MiB of spaces in 0.5 MB) is
#                 refused with the limit, nothing on stdout, exit 1
set -u
part=$1 dti=$2 make_books=$3 repo=$4
data=$repo/data
books=$repo/tests/data/xlsx
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

# same BOOK CSV [OPTIONS...]: the workbook scores as the CSV does.
same() {
    local book=$1 csv=$2
    shift 2
    if ! "$dti" score -f csv "$@" "$csv" >"$tmp/want.csv" 2>"$tmp/want.err"; then
        echo "FAIL: $csv does not score: $(cat "$tmp/want.err")"
        fails=$((fails + 1))
        return
    fi
    if ! "$dti" score -f csv "$@" "$book" >"$tmp/got.csv" 2>"$tmp/got.err"; then
        echo "FAIL: $book does not score: $(cat "$tmp/got.err")"
        fails=$((fails + 1))
    elif ! cmp -s "$tmp/want.csv" "$tmp/got.csv"; then
        echo "FAIL: $book scores differently from $csv:"
        diff "$tmp/want.csv" "$tmp/got.csv" | head -20
        fails=$((fails + 1))
    else
        echo "ok: $book = $csv $*"
    fi
}

# made_by_soffice DIR: the four workbooks make-soffice.sh makes.
made_by_soffice() {
    same "$1/2021.xlsx" "$data/2021.csv"
    same "$1/2024.xlsx" "$data/2024.csv"
    same "$1/five-2022-long.xlsx" "$repo/tests/data/five-2022-long.csv"
    same "$1/five-2022-semicolon.xlsx" "$repo/tests/data/five-2022.csv"
    # Standard input holding a workbook (the year is not in a name there).
    "$dti" score -f csv --year 2021 - <"$1/2021.xlsx" >"$tmp/stdin.csv" &&
        "$dti" score -f csv "$data/2021.csv" | cmp -s - "$tmp/stdin.csv" &&
        echo "ok: standard input" || { echo "FAIL: standard input"; fails=$((fails + 1)); }
}

case $part in
committed)
    made_by_soffice "$books"
    same "$books/handmade-2022.xlsx" "$repo/tests/data/five-2022.csv"
    ;;
handmade)
    # The script reads ../five-2022.csv beside its folder: run it in a copy.
    mkdir -p "$tmp/t/xlsx" && cp "$books/make-handmade.py" "$tmp/t/xlsx/" &&
        cp "$repo/tests/data/five-2022.csv" "$tmp/t/" &&
        python3 "$tmp/t/xlsx/make-handmade.py" || { echo "FAIL: make-handmade.py"; exit 1; }
    same "$tmp/t/xlsx/handmade-2022.xlsx" "$repo/tests/data/five-2022.csv"
    ;;
xlsxwriter)
    "$make_books" "$data" "$tmp" || { echo "FAIL: make_books"; exit 1; }
    same "$tmp/writer.xlsx" "$data/2021.csv" --year 2021
    same "$tmp/writer.xlsx" "$data/2024.csv" --year 2024 --sheet "Số liệu 2024"
    # dti's own workbook (-f xlsx: names, then the ids in a hidden row, and
    # escapes such as hd_x005F_xa_hoi_so) reads back to the same scores.
    "$dti" score -f xlsx -o "$tmp/own-2021.xlsx" "$data/2021.csv" &&
        same "$tmp/own-2021.xlsx" "$data/2021.csv" ||
        { echo "FAIL: -f xlsx"; fails=$((fails + 1)); }
    # The bad cell: the CSV's message, at the cell (H47 is line 47, field 8).
    sed '47s/^\(\([^,]*,\)\{7\}\)[^,]*/\11.5/' "$data/2021.csv" >"$tmp/bad.csv"
    (cd "$tmp" && "$dti" score --year 2021 bad.csv) >/dev/null 2>"$tmp/csv.err"
    (cd "$tmp" && "$dti" score --year 2021 bad-h47.xlsx) >"$tmp/out" 2>"$tmp/book.err"
    status=$?
    want=$(sed 's/^dti: bad.csv:47:8: /dti: bad-h47.xlsx:Sheet1!H47: /' "$tmp/csv.err")
    if [ $status -eq 1 ] && [ ! -s "$tmp/out" ] && [ "$(cat "$tmp/book.err")" = "$want" ] &&
        grep -q '^dti: bad.csv:47:8: out of range' "$tmp/csv.err"; then
        echo "ok: $(cat "$tmp/book.err")"
    else
        echo "FAIL: bad cell: status $status, said: $(cat "$tmp/book.err"), wanted: $want"
        fails=$((fails + 1))
    fi
    ;;
soffice-live)
    if ! command -v soffice >/dev/null; then
        echo "FAIL: soffice (LibreOffice Calc) is not installed"
        exit 1
    fi
    bash "$books/make-soffice.sh" "$tmp/made" "$repo" || { echo "FAIL: make-soffice.sh"; exit 1; }
    made_by_soffice "$tmp/made"
    ;;
limits)
    python3 - "$tmp/bomb.xlsx" <<'PY' || { echo "FAIL: making the bomb"; exit 1; }
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("xl/workbook.xml", '<workbook xmlns:r="http://schemas.openxmlformats.org/'
               'officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" '
               'r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<Relationships><Relationship Id="rId1" '
               'Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
        f.write(b"<worksheet><sheetData>")
        for i in range(513):
            f.write(b" " * (1 << 20))
        f.write(b"</sheetData></worksheet>")
PY
    (cd "$tmp" && "$dti" score bomb.xlsx) >"$tmp/out" 2>"$tmp/err"
    status=$?
    want="dti: bomb.xlsx: xl/worksheets/sheet1.xml in the workbook is larger than 512 MiB uncompressed, the most dti reads: save the sheet as CSV UTF-8"
    if [ $status -eq 1 ] && [ ! -s "$tmp/out" ] && [ "$(cat "$tmp/err")" = "$want" ]; then
        echo "ok: $want"
    else
        echo "FAIL: zip bomb: status $status, said: $(cat "$tmp/err")"
        fails=$((fails + 1))
    fi
    ;;
*)
    echo "unknown part $part"
    exit 2
    ;;
esac
[ $fails -eq 0 ]
