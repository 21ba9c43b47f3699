#!/usr/bin/env bash
# province.sh - the numbers of `dti report --province` against independent
# figures (province_check.py): Tây Ninh in 2021 (63 provinces: means and the
# exact gap recomputed from the input) and in 2024 (the 34 units: the
# national mean DTI 0.6961 published for 2024, over the old provinces).
#
# Usage: province.sh DTI DATA
set -euo pipefail
if [ $# -ne 2 ]; then
    echo "usage: province.sh DTI DATA" >&2
    exit 2
fi
dti=$1
data=$2
here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/dti-report-province.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

for year in 2021 2024; do
    "$dti" score -f csv --columns rank,code,name,dti,chinh_quyen_so,chinh_quyen_so_rank,kinh_te_so,kinh_te_so_rank,xa_hoi_so,xa_hoi_so_rank,nhan_thuc_so,the_che_so,ha_tang_so,nhan_luc_so,an_toan_thong_tin,hd_chinh_quyen_so,hd_kinh_te_so,hd_xa_hoi_so \
        "$data/$year.csv" -o "$scratch/scores-$year.csv"
    "$dti" report "$data/$year.csv" --province 'Tây Ninh' -o "$scratch/$year.html"
done
python3 "$here/province_check.py" "$scratch/2021.html" "$scratch/scores-2021.csv" \
    "$data/2021.csv" 'Tây Ninh' 100,100,100,100,100,200,150,150
python3 "$here/province_check.py" "$scratch/2024.html" "$scratch/scores-2024.csv" \
    "$data/2024.csv" 'Tây Ninh' 50,50,140,100,100,200,150,150 --mean 0.6961
