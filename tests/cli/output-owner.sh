#!/bin/bash
# -o replacing another user's file as root keeps the file's owner, group and
# permissions but never its setuid, setgid or sticky bits; as a user who may
# not give the file away, the write still succeeds (issue 12). Needs root:
# skipped (77) otherwise.
# Usage: output-owner.sh DTI DATA
set -u
DTI=$1
DATA=$2
[ "$(id -u)" = 0 ] || { echo "skipped: needs root"; exit 77; }
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
fail() { echo "FAIL: $*"; exit 1; }

printf 'old\n' > out.csv
chown 1234:5678 out.csv
chmod 6751 out.csv
"$DTI" score -f csv --columns rank,code,dti -o out.csv "$DATA/2021.csv" || fail "dti score failed"
got=$(stat -c '%u:%g %a' out.csv)
[ "$got" = "1234:5678 751" ] || fail "owner, group and mode are '$got', expected '1234:5678 751'"
[ "$(head -1 out.csv)" = "rank,code,dti" ] || fail "out.csv was not written"

# A user who may not give the file away: the file becomes that user's.
if command -v setpriv > /dev/null; then
    chmod 777 "$dir"
    printf 'old\n' > other.csv
    chown 1234:5678 other.csv
    chmod 644 other.csv
    setpriv --reuid=4321 --regid=4321 --clear-groups \
        "$DTI" score -f csv --columns rank,code,dti -o other.csv "$DATA/2021.csv" ||
        fail "dti score as user 4321 failed"
    got=$(stat -c '%u:%g %a' other.csv)
    [ "$got" = "4321:4321 644" ] || fail "as user 4321: '$got', expected '4321:4321 644'"
fi
echo "ok"
