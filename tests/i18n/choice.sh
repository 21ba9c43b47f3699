#!/bin/sh
# choice.sh DTI [DATA_DIR] - the language comes from --lang, else LANGUAGE, LC_ALL,
# LC_MESSAGES and LANG as gettext reads them, and Vietnamese works without
# a generated vi_VN locale. Each line below runs `dti scor` (a mistyped
# command) in one environment and checks the language of its message.
set -u
dti=$1
vi="dti: không có lệnh 'scor'; có phải ý bạn là 'score'?"
en="dti: unknown command 'scor'; did you mean 'score'?"
failed=0
check() { # WANT ENV... -- ARGS...
    want=$1
    shift
    envs=""
    while [ "$1" != "--" ]; do
        envs="$envs $1"
        shift
    done
    shift
    # shellcheck disable=SC2086
    got=$(env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG $envs "$dti" "$@" 2>&1 >/dev/null | head -n 1)
    status=$(env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG $envs "$dti" "$@" >/dev/null 2>&1; echo $?)
    if [ "$got" != "$want" ] || [ "$status" != 2 ]; then
        echo "FAIL:$envs dti $*: got '$got' (exit $status), expected '$want' (exit 2)"
        failed=1
    else
        echo "ok:$envs dti $*"
    fi
}
check "$en" -- scor
check "$vi" -- --lang vi scor
check "$vi" -- scor --lang vi
check "$vi" -- --lang=vi scor
check "$en" LANG=vi_VN.UTF-8 -- --lang en scor
check "$vi" LANG=vi_VN.UTF-8 -- scor
check "$vi" LANG=vi_VN -- scor
check "$vi" LC_ALL=vi_VN.UTF-8 -- scor
check "$vi" LC_MESSAGES=vi_VN.UTF-8 -- scor
check "$en" LC_ALL=en_US.UTF-8 LANG=vi_VN.UTF-8 -- scor
check "$vi" LANGUAGE=vi -- scor
check "$vi" LANGUAGE=fr:vi:en LANG=en_US.UTF-8 -- scor
check "$en" LANGUAGE=en:vi LANG=vi_VN.UTF-8 -- scor
check "$vi" LANGUAGE=vi LC_ALL=C.UTF-8 -- scor
check "$en" LANGUAGE=vi LC_ALL=C -- scor
check "$en" LANGUAGE=vi LANG=POSIX -- scor
check "$en" LANG=vie -- scor
# A bad --lang is a usage error, in English (no language was chosen).
got=$("$dti" --lang fr score 2>&1 | head -n 1)
want="dti: invalid value 'fr' for --lang (expected vi or en)"
if [ "$got" != "$want" ]; then
    echo "FAIL: dti --lang fr: got '$got', expected '$want'"
    failed=1
fi
# A --lang after "--" is an argument: the file "--lang" is not found.
got=$("$dti" score -- --lang 2>&1 | head -n 1)
case $got in
*"--lang"*) echo "ok: dti score -- --lang reads a file named --lang" ;;
*) echo "FAIL: dti score -- --lang: $got"; failed=1 ;;
esac
# With a generated vi_VN.UTF-8 locale (made here with localedef when the
# machine can): the same message, and CSV keeps its decimal points (dti never
# sets LC_NUMERIC).
if [ -n "${2-}" ] && command -v localedef >/dev/null 2>&1; then
    loc=$(mktemp -d)
    if localedef -i vi_VN -f UTF-8 "$loc/vi_VN.UTF-8" >/dev/null 2>&1; then
        check "$vi" LOCPATH=$loc LC_ALL=vi_VN.UTF-8 -- scor
        a=$(env -u LANGUAGE LC_ALL=C "$dti" score -f csv "$2/2021.csv" | cksum)
        b=$(env -u LANGUAGE LOCPATH="$loc" LC_ALL=vi_VN.UTF-8 "$dti" score -f csv "$2/2021.csv" | cksum)
        if [ "$a" = "$b" ]; then
            echo "ok: score -f csv is the same bytes under LC_ALL=vi_VN.UTF-8 (generated locale)"
        else
            echo "FAIL: score -f csv differs under LC_ALL=vi_VN.UTF-8"
            failed=1
        fi
    else
        echo "skipped: localedef could not make vi_VN.UTF-8 here"
    fi
    rm -rf "$loc"
fi
exit $failed
