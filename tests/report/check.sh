#!/usr/bin/env bash
# check.sh - run `dti report` on every example year of data/, on the 34 units
# of 2025, with --vs, and on units whose names need escaping, and check every
# page and chart with check.py (well-formed, self-contained, every name
# exactly as given, one bar per unit, bar lengths).
#
# Usage: check.sh DTI DATA
set -euo pipefail
if [ $# -ne 2 ]; then
    echo "usage: check.sh DTI DATA" >&2
    exit 2
fi
dti=$1
data=$2
here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/dti-report-check.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export LC_ALL=C.UTF-8

check() {
    python3 "$here/check.py" "$@"
}

# A file's report, its chart and the names dti prints for it.
# Usage: report_and_check NAME PILLARS [dti report options...] FILE (FILE last)
report_and_check() {
    local name=$1 pillars=$2
    shift 2
    "$dti" score -f csv "${@: -1}" -o "$scratch/$name-scores.csv"
    local n=$(($(wc -l <"$scratch/$name-scores.csv") - 1))
    "$dti" report "$@" -o "$scratch/$name.html" 2>"$scratch/$name.err"
    check html "$scratch/$name.html" --names "$scratch/$name-scores.csv:name" --units "$n" \
        --pillars "$pillars"
    "$dti" report -f svg "$@" -o "$scratch/$name.svg" 2>/dev/null
    check svg "$scratch/$name.svg" --names "$scratch/$name-scores.csv:name" --units "$n"
}

for f in "$data"/20[0-9][0-9].csv; do
    report_and_check "$(basename "$f" .csv)" 3 "$f"
done

# DTI 2020's groups (Nhóm 1-4): a column of the ranking, one cell per
# province, the same groups dti score gives.
grep -q '<th>Nhóm</th>' "$scratch/2020.html"
"$dti" score -f csv --columns group "$data/2020.csv" | tail -n +2 | sort | uniq -c >"$scratch/groups-score"
grep -o '<td class="name">Nhóm [1-4]</td>' "$scratch/2020.html" | sed 's/<[^>]*>//g' | sort | uniq -c >"$scratch/groups-report"
cmp "$scratch/groups-score" "$scratch/groups-report"
test "$(wc -l <"$scratch/groups-report")" -eq 4
if grep -q '<th>Nhóm</th>' "$scratch/2021.html"; then
    echo "2021 has no groups, yet its report has a Nhóm column" >&2
    exit 1
fi

# The 34 units of 2025 (dti merge writes them as an input file).
"$dti" merge "$data/2023.csv" --into 2025 --write-csv "$scratch/units-2023.csv" >/dev/null
report_and_check units-2023 3 "$scratch/units-2023.csv"

# Rank changes: across a change of method, and within one.
report_and_check vs-2020-2021 3 --vs "$data/2020.csv" "$data/2021.csv"
grep -q 'scored with qd1726' "$scratch/vs-2020-2021.err"
report_and_check vs-2021-2022 3 --vs "$data/2021.csv" "$data/2022.csv"
grep -q '<th class="num">Hạng 2021</th><th class="num">Thay đổi</th>' "$scratch/vs-2021-2022.html"

# The province report: the same checks, and its main indices chart.
"$dti" score -f csv "$data/2021.csv" -o "$scratch/province-scores.csv"
"$dti" report "$data/2021.csv" --province 'Tây Ninh' --vs "$data/2020.csv" \
    -o "$scratch/province.html" 2>/dev/null
check html "$scratch/province.html" --names "$scratch/province-scores.csv:name" --units 63 \
    --pillars 3
grep -q 'class="index-bar"' "$scratch/province.html"

# Units as given, with every character that must be escaped, and text that
# must survive untouched (NFC letters, combining marks are normalised to NFC
# by the reader).
cat >"$scratch/units.csv" <<'CSV'
code,unit,nhan_thuc_so,the_che_so,ha_tang_so,nhan_luc_so,an_toan_thong_tin,hd_chinh_quyen_so,hd_kinh_te_so,hd_xa_hoi_so
S1,"Sở TT&TT, Hà Nội",0.8000,0.7000,0.6000,0.5000,0.4000,0.3000,0.2000,0.1000
K2,"Khối ""Kinh tế"" <b>đậm</b>",0.5000,0.5000,0.5000,0.5000,0.5000,0.5000,0.5000,0.5000
P3,Phòng 'A' > B,0.9000,0.9000,0.9000,0.9000,0.9000,0.9000,0.9000,0.9000
Đ4,Đắk Lắk & Đắk Nông <script>alert(1)</script>,0.6000,0.6000,0.6000,0.6000,0.6000,0.6000,0.6000,0.6000
CSV
"$dti" report --units any "$scratch/units.csv" -o "$scratch/units.html"
check html "$scratch/units.html" --names "$scratch/units.csv:unit" --units 4 --pillars 3
"$dti" report --units any -f svg "$scratch/units.csv" -o "$scratch/units.svg"
check svg "$scratch/units.svg" --names "$scratch/units.csv:unit" --units 4
if grep -q '<script' "$scratch/units.html" "$scratch/units.svg"; then
    echo "check.sh: a name's <script> reached the output unescaped" >&2
    exit 1
fi
echo "check.sh: all reports checked"
