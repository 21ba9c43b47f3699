#!/usr/bin/env bash
# bench/run.sh - build an optimised dti and run the shared benchmark harness
# (../shared/bench/run.sh, see its README.md) with it, side by side with the
# peers (DuckDB, pandas, Miller, gawk) and the exact reference.
#
#   bench/run.sh check     byte-identity with the reference (about 10 s)
#   bench/run.sh           the benchmark (RUNS=5 for the published table)
#
# Environment as for the harness: RUNS, SIZES, PEERS, SEED, DTI_BENCH_CACHE.
# DTI_BENCH_HARNESS overrides where the harness is.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
harness=${DTI_BENCH_HARNESS:-$root/../shared/bench}
[ -x "$harness/run.sh" ] || { echo "bench/run.sh: no harness at $harness" >&2; exit 2; }

cmake -S "$root" -B "$root/build-release" -DCMAKE_BUILD_TYPE=Release -DDTI_TESTS=OFF >/dev/null
cmake --build "$root/build-release" -j"$(nproc 2>/dev/null || echo 2)" >/dev/null

export DTI_BIN="$root/build-release/dti"
# The components workload: 98 component points per unit, scored with the
# method file beside this script (components grouped into the 8 main indices).
export DTI_CMD_COMPONENTS="\$DTI_BIN score --method $here/components-method.json --input points --units any --format csv --columns rank,code,name,dti,chinh_quyen_so,kinh_te_so,xa_hoi_so FILE"
exec "$harness/run.sh" "${1:-bench}"
