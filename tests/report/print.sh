#!/usr/bin/env bash
# print.sh - print `dti report` to PDF with headless Chromium and check the
# PDF with poppler-utils (print_check.py): A4 portrait pages, every section
# heading, the province's name and the date on page 1, no name wrapped, no
# chart split across pages. Two reports, two Chromium runs: Tây Ninh 2021
# (--province, --vs 2020, --goals, --limits) and the report of every
# province of 2021 with --vs 2020.
#
# Usage: print.sh DTI DATA LIMITS
#
# Chromium is found as chromium or chromium-browser; without one the test
# fails unless DTI_SKIP_BROWSER=1 (then it is skipped, exit status 77).
set -euo pipefail
if [ $# -ne 3 ]; then
    echo "usage: print.sh DTI DATA LIMITS" >&2
    exit 2
fi
dti=$1
data=$2
limits=$3
here=$(cd "$(dirname "$0")" && pwd)

browser=""
for name in chromium chromium-browser; do
    if command -v "$name" >/dev/null 2>&1; then
        browser=$(command -v "$name")
        break
    fi
done
if [ -z "$browser" ]; then
    if [ "${DTI_SKIP_BROWSER-}" = 1 ]; then
        echo "print.sh: SKIPPED: no chromium or chromium-browser on the PATH (DTI_SKIP_BROWSER=1)"
        exit 77
    fi
    echo "print.sh: FAIL: no chromium or chromium-browser on the PATH; install chromium" \
        "(apt-get install -y chromium), or set DTI_SKIP_BROWSER=1 to skip this test" >&2
    exit 1
fi
for tool in pdfinfo pdftotext; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "print.sh: FAIL: no $tool (apt-get install -y poppler-utils)" >&2
        exit 1
    }
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/dti-report-print.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export SOURCE_DATE_EPOCH=1796612400 # 7 December 2026, 10:00 in Vietnam

"$dti" score -f csv "$data/2021.csv" -o "$scratch/scores.csv"
"$dti" report "$data/2021.csv" --province 'Tây Ninh' --vs "$data/2020.csv" \
    --goals "$data/goals/tay-ninh-2025-top30.csv" --limits "$limits" \
    --issuer 'Sở Khoa học và Công nghệ tỉnh Tây Ninh' -o "$scratch/province.html" 2>/dev/null
"$dti" report "$data/2021.csv" --vs "$data/2020.csv" -o "$scratch/all.html" 2>/dev/null

# Prints a page to PDF. A fresh profile per run keeps parallel runs apart;
# the browser's own messages are kept for failures.
print_pdf() {
    local file=$1 pdf=$2
    if ! timeout 60 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
        --user-data-dir="$scratch/profile" --no-pdf-header-footer --print-to-pdf="$pdf" \
        "file://$file" >"$scratch/browser.log" 2>&1 || [ ! -s "$pdf" ]; then
        echo "print.sh: $browser did not write $pdf:" >&2
        cat "$scratch/browser.log" >&2
        exit 1
    fi
}

start=$(date +%s%N)
print_pdf "$scratch/province.html" "$scratch/province.pdf"
print_pdf "$scratch/all.html" "$scratch/all.pdf"
end=$(date +%s%N)
echo "print.sh: $("$browser" --version 2>/dev/null | head -n 1), two PDFs in" \
    "$(((end - start) / 1000000)) ms"

last=$(tail -n 1 "$scratch/scores.csv" | cut -d, -f3)
dti_title='Chỉ số DTI năm 2021 · 63 tỉnh, thành phố'
pillar_title='Các trụ cột năm 2021 · 63 tỉnh, thành phố'
# Every name: in the ranking table, the DTI chart and the pillar chart.
python3 "$here/print_check.py" "$scratch/province.pdf" \
    --first-page 'Tây Ninh, ngày 07 tháng 12 năm 2026' --first-page 'Chỉ số DTI năm 2021 của Tây Ninh' \
    --first-page 'Nguồn:' --first-page 'tăng 2 bậc' --first-page 'Lưu ý' \
    --heading 'Kết quả chung' --heading '8 chỉ số chính' \
    --heading 'Chênh lệch so với trung bình cả nước' --heading 'Điểm mạnh, điểm yếu' \
    --heading 'Mục tiêu và kế hoạch' --heading 'Kế hoạch theo cơ quan chủ trì' \
    --heading 'Bảng xếp hạng' --heading 'Chỉ số DTI theo tỉnh, thành phố' --heading 'Các trụ cột' \
    --heading 'Thay đổi thứ hạng so với năm 2020' \
    --names "$scratch/scores.csv:name" --times 3 \
    --together 'Các chỉ số chính: Tây Ninh' 'Hoạt động xã hội số' \
    --together "$dti_title" "$last" --together "$pillar_title" "$last"
python3 "$here/print_check.py" "$scratch/all.pdf" \
    --first-page 'Ngày 07 tháng 12 năm 2026' --first-page 'Nguồn:' \
    --first-page 'Chỉ số chuyển đổi số cấp tỉnh (DTI) năm 2021' \
    --heading 'Bảng xếp hạng' --heading 'Chỉ số DTI theo tỉnh, thành phố' --heading 'Các trụ cột' \
    --heading '8 chỉ số chính' --heading 'Thay đổi thứ hạng so với năm 2020' \
    --names "$scratch/scores.csv:name" --times 3 \
    --together 'Các chỉ số chính, trung bình cả nước' 'Hoạt động xã hội số' \
    --together "$dti_title" "$last" --together "$pillar_title" "$last"
