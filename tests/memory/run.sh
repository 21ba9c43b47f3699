#!/bin/bash
# run.sh DTI - dti score -f json on 20,000 generated units under ulimit -v.
#
# A tree of the whole document took about 6.5 KB a unit (130 MB here) and,
# when an allocation failed, cJSON's printer returned NULL and dti crashed
# (exit 139). Streamed, the document needs about 20 MB: under 100 MB the
# output must be that of a run without a limit; under 20 MB, too little to
# hold the scores (the shared libraries alone take about 13 MB of address
# space: libxlsxwriter and libzip bring libcrypto), dti must print the documented message
# "dti: out of memory (asked for N bytes)", abort (exit 134) and write
# nothing, neither on standard output nor to an -o file.
set -u
dti=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# 20,000 units with the nine pillar values of qd922, deterministic.
awk 'BEGIN {
    print "code,name,nhan_thuc_so,the_che_so,ha_tang_so,nhan_luc_so,an_toan_thong_tin," \
          "hd_chinh_quyen_so,hd_kinh_te_so,hd_xa_hoi_so"
    x = 922
    for (i = 1; i <= 20000; i++) {
        line = sprintf("U%05d,\"Đơn vị %d, tỉnh \"\"thử\"\"\"", i, i)
        for (k = 0; k < 8; k++) {
            x = (x * 1103515245 + 12345) % 2147483648
            line = line sprintf(",%.4f", (x % 10001) / 10000)
        }
        print line
    }
}' > "$work/in.csv"

"$dti" score --units any --method qd922 -f json "$work/in.csv" > "$work/expected.json" ||
    fail "dti score -f json without a limit exited $?"
[ "$(grep -c '"code":' "$work/expected.json")" = 20000 ] || fail "expected 20000 units"

# Enough for the streamed document, far too little for a tree of it.
(ulimit -v 200000 && exec "$dti" score --units any --method qd922 -f json "$work/in.csv") \
    > "$work/limited.json" 2> "$work/limited.err"
rc=$?
[ $rc = 0 ] || fail "under ulimit -v 200000: exit $rc, $(head -c 300 "$work/limited.err")"
cmp -s "$work/expected.json" "$work/limited.json" || fail "under ulimit -v 200000: other output"

# Too little for the scores: the message, exit 134, no output.
check_oom() { # what rc stdout-file
    [ "$2" = 134 ] || fail "$1: exit $2 (expected 134), $(head -c 300 "$work/oom.err")"
    grep -Eqx 'dti: out of memory \(asked for [0-9]+ bytes\)' "$work/oom.err" ||
        fail "$1: stderr was: $(head -c 300 "$work/oom.err")"
    [ ! -s "$3" ] || fail "$1: partial output"
}
(ulimit -v 20000 && ulimit -c 0 && exec "$dti" score --units any --method qd922 -f json \
    "$work/in.csv") > "$work/oom.json" 2> "$work/oom.err"
check_oom "under ulimit -v 20000" $? "$work/oom.json"
(ulimit -v 20000 && ulimit -c 0 && exec "$dti" score --units any --method qd922 -f json \
    -o "$work/out.json" "$work/in.csv") > /dev/null 2> "$work/oom.err"
check_oom "under ulimit -v 20000 with -o" $? "$work/out.json"
[ -z "$(ls -A "$work" | grep -v -x -e in.csv -e expected.json -e limited.json -e limited.err \
    -e oom.json -e oom.err)" ] || fail "a file was left behind: $(ls "$work")"
echo ok
