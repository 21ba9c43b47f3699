#!/bin/bash
# A signal while `dti score -o` writes its file leaves no temporary file
# behind (issue 12): dti is started on a generated input large enough for the
# write to take a moment, SIGTERM is sent as soon as the temporary file
# .out.csv.XXXXXX exists, and then none may remain and dti must have died of
# SIGTERM (status 143). If dti finishes before the temporary file is seen,
# the run is tried again; after five misses the test is skipped (77).
# Usage: output-signal.sh DTI
set -u
DTI=$1
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1

awk 'BEGIN {
    print "code,name,nhan_thuc_so,the_che_so,ha_tang_so,nhan_luc_so,an_toan_thong_tin," \
          "hd_chinh_quyen_so,hd_kinh_te_so,hd_xa_hoi_so,do_thi_thong_minh"
    for (i = 0; i < 150000; i++)
        printf "U%d,Đơn vị %d,0.%04d,0.5,0.6,0.7,0.4,0.3,0.2,0.1,0.%04d\n", i, i, i % 10000, (i * 7) % 10000
}' > big.csv

for attempt in 1 2 3 4 5; do
    rm -f out.csv
    "$DTI" score --units any -o out.csv big.csv &
    pid=$!
    seen=0
    deadline=$((SECONDS + 120))
    while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do
        if compgen -G '.out.csv.*' > /dev/null; then
            kill -TERM "$pid"
            seen=1
            break
        fi
    done
    wait "$pid"
    status=$?
    if [ "$seen" = 1 ]; then
        left=$(compgen -G '.out.csv.*')
        if [ -n "$left" ]; then
            echo "FAIL: a temporary file was left behind: $left"
            exit 1
        fi
        if [ "$status" != 143 ]; then
            echo "FAIL: dti exited with status $status after SIGTERM, expected 143"
            exit 1
        fi
        echo "ok: SIGTERM during the write (attempt $attempt) left no temporary file, status 143"
        exit 0
    fi
    [ "$status" = 0 ] || { echo "FAIL: dti score failed (status $status)"; exit 1; }
    echo "attempt $attempt: dti finished before its temporary file was seen"
done
echo "skipped: dti was never caught while writing"
exit 77
