#!/usr/bin/env bash
# check.sh - libdti as an outside program sees it: install the build into a
# scratch prefix, compile examples/top5.c against the installed library with
# pkg-config only, run it, and compare its five units with `dti score`.
#
# Usage: check.sh BUILD_DIR SOURCE_DIR [EXTRA_CFLAGS...]
set -euo pipefail
build=$1
src=$2
shift 2
scratch=$(mktemp -d "${TMPDIR:-/tmp}/dti-install-check.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
cmake --install "$build" --prefix "$scratch/prefix" >/dev/null
lib=$(dirname "$(find "$scratch/prefix" -name 'libdti.so.0' | head -1)")
pc=$(dirname "$(find "$scratch/prefix" -name dti.pc | head -1)")
for f in include/dti/score.h include/dti/version.h share/man/man1/dti.1 share/man/vi/man1/dti.1; do
    test -f "$scratch/prefix/$f" || { echo "not installed: $f" >&2; exit 1; }
done
# The soname and the version of the library.
objdump -p "$lib/libdti.so.0" | grep -q 'SONAME *libdti.so.0$'
export PKG_CONFIG_PATH=$pc
test "$(pkg-config --modversion dti)" = "$("$build/dti" --version | cut -d' ' -f2)"
# shellcheck disable=SC2046 # the flags are words
cc -std=c11 -Wall -Wextra -Werror "$@" "$src/examples/top5.c" $(pkg-config --cflags --libs dti) \
    -o "$scratch/top5"
# Only libdti's public functions are exported (none of its internal dti_ helpers).
if nm -D --defined-only "$lib/libdti.so.0" | grep -qE ' dti_(arena|strmap|columns|render_csv)_'; then
    echo "libdti.so exports internal symbols" >&2
    exit 1
fi
LD_LIBRARY_PATH=$lib "$scratch/top5" 2024 "$src/data/2024.csv" >"$scratch/top5.out"
{
    echo "libdti $("$build/dti" --version | cut -d' ' -f2), method dti2024"
    "$build/dti" score -f csv --columns rank,name,dti "$src/data/2024.csv" | sed -n '2,6p' | tr ',' ' '
} >"$scratch/expected.out"
diff -u "$scratch/expected.out" "$scratch/top5.out"
echo "installed libdti: top5 agrees with dti score"
