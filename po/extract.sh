#!/bin/sh
# extract.sh OUT.pot - the messages of dti's sources, as xgettext finds them
# through the marking macros and the printf-style message functions (their
# format argument is translated inside them). Run from the source tree by
# CTest (i18n/extracted) to check that po/ translates every one.
set -eu
cd "$(dirname "$0")/.."
out=$1
git_files=$(ls src/lib/*.c src/cli/*.c src/lib/*.h src/cli/*.h | LC_ALL=C sort)
# shellcheck disable=SC2086
xgettext --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: \
    --package-name=dti --msgid-bugs-address=https://github.com/dti \
    --keyword=_ --keyword=N_ --keyword=P_:1,2 --keyword=C_:1c,2 \
    --keyword=dti_msg_usage:2 --flag=dti_msg_usage:2:c-format \
    --keyword=dti_msg_fail:1 --flag=dti_msg_fail:1:c-format \
    --keyword=dti_msg_warn:1 --flag=dti_msg_warn:1:c-format \
    --keyword=dti_error_set:6 --flag=dti_error_set:6:c-format \
    --keyword=rd_report:5 --flag=rd_report:5:c-format \
    --keyword=xl_fail:5 --flag=xl_fail:5:c-format \
    --keyword=sheet_fail:2 --flag=sheet_fail:2:c-format \
    --keyword=located:5 --flag=located:5:c-format \
    --keyword=bad:2 --flag=bad:2:c-format \
    --keyword=verify_note:2 --flag=verify_note:2:c-format \
    --keyword=method_fail:2 --flag=method_fail:2:c-format \
    --keyword=json_fail_at:5 --flag=json_fail_at:5:c-format \
    --keyword=TR_IF:2 --keyword=TRC_IF:2c,3 --keyword=TRN_IF:2,3 \
    -o "$out" $git_files
