#!/usr/bin/env bash
# render.sh - render `dti report` of a data file in headless Chromium and
# check the screenshots: the page (1200x2400) must have that size and not be
# blank, and the DTI bar chart alone (--format svg, 1200x1400) must show its
# bars and its mean line.
#
# Usage: render.sh DTI FILE
#
# Chromium is found as chromium or chromium-browser. Without one the test
# fails (CI installs chromium, see .ci/run), unless DTI_SKIP_BROWSER=1 is set:
# then it is skipped with exit status 77 (CTest's SKIP_RETURN_CODE).
set -euo pipefail
if [ $# -ne 2 ]; then
    echo "usage: render.sh DTI FILE" >&2
    exit 2
fi
dti=$1
input=$2
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
        echo "render.sh: SKIPPED: no chromium or chromium-browser on the PATH (DTI_SKIP_BROWSER=1)"
        exit 77
    fi
    echo "render.sh: FAIL: no chromium or chromium-browser on the PATH; install chromium" \
        "(apt-get install -y chromium), or set DTI_SKIP_BROWSER=1 to skip this test" >&2
    exit 1
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/dti-report-render.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

"$dti" report "$input" -o "$scratch/report.html"
"$dti" report -f svg "$input" -o "$scratch/chart.svg"

# Renders a file to a PNG of the given window size. A fresh profile per run
# keeps parallel runs apart; the browser's own messages are kept for failures.
shoot() {
    local file=$1 png=$2 size=$3
    if ! timeout 50 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --no-first-run --user-data-dir="$scratch/profile" --screenshot="$png" \
        --window-size="$size" "file://$file" >"$scratch/browser.log" 2>&1 || [ ! -s "$png" ]; then
        echo "render.sh: $browser did not write $png:" >&2
        cat "$scratch/browser.log" >&2
        exit 1
    fi
}

start=$(date +%s%N)
shoot "$scratch/report.html" "$scratch/report.png" 1200,2400
shoot "$scratch/chart.svg" "$scratch/chart.png" 1200,1400
end=$(date +%s%N)
echo "render.sh: $("$browser" --version 2>/dev/null | head -n 1), two screenshots in" \
    "$(((end - start) / 1000000)) ms"

# The page: the table's text and rules, the first rows of the chart.
python3 "$here/png_check.py" "$scratch/report.png" 1200 2400 --min-colours 16 --min-ink 5
# The chart: its blue bars and its red mean line (report.c's colours).
python3 "$here/png_check.py" "$scratch/chart.png" 1200 1400 --min-colours 16 --min-ink 5 \
    --colour 1f6fb2:50000 --colour b3261e:200
