#!/usr/bin/env python3
"""Generate data/2023.csv: an ILLUSTRATIVE 63-province DTI 2023 input.

For 2023 our sources give only the provincial mean DTI, 0.6783
(vneconomy.vn); no province's main indices or rank. This file is synthetic:
its only published anchor is the mean. It is deterministic (fixed seed,
Python 3 standard library only) and meets, and asserts, these constraints:

  * The mean of the 63 exact DTI values rounds to 0.6783 (published mean).
  * A realistic shape: foundation indices average about 0.84, activity
    indices well below them (about 0.52), as the published 2023 and 2024
    national means suggest (METHODOLOGY.md: foundation ~0.84, activities
    ~0.55, DTI below all three pillars); the DTI of every province is below
    each of its pillars.
  * All 63 provinces, all nine main indices (do_thi_thong_minh included), so
    that `dti merge data/2023.csv --into 2025` has every old province of
    every 2025 unit.
  * All rounded DTI values differ and no exact DTI lies exactly halfway
    between two 4-decimal values.
  * Every value is in [0, 1] with 4 decimals; the_che_so is a multiple of
    0.05.

The illustrative order loosely follows the published DTI 2022 ranks plus
random noise; it is not the official 2023 ranking.

Usage: python3 data/tools/make-2023.py [OUTPUT]   (default: data/2023.csv)
"""

import random
import sys
from decimal import Decimal
from pathlib import Path

from dtigen import (ACTIVITY, COLUMNS_922, DATA, FOUNDATION, N, NAME,
                    PILLAR_OF, PROVINCES, Q, WEIGHTS_922, check_published,
                    check_rounding, check_values, dti_922, nodes_922, r4,
                    realize_922, render, write)

SEED = 2023
YEAR = 2023
INDICES = COLUMNS_922[2:10]
MEAN_DTI = Decimal("0.6783")
E5 = Decimal("0.00001")
MIN_GAP = Decimal("0.0002")
F_MAX = 0.955          # foundation level cap: the top saturates


def targets(rng):
    """Exact target DTI (5 decimals) per code: distinct 4-decimal levels
    (at least MIN_GAP apart) in an order loosely following the 2022 ranks,
    plus an offset of -4..4 in the 5th decimal; the total makes the mean
    round to 0.6783."""
    order = [p[0] for p in sorted(PROVINCES,
                                  key=lambda p: p[2] + rng.gauss(0, 8))]
    draws = []
    while len(draws) < N:
        x = rng.gauss(0.675, 0.055)
        if 0.54 <= x <= 0.84:
            draws.append(x)
    levels = sorted((Decimal(repr(x)).quantize(Q) for x in draws),
                    reverse=True)
    for i in range(1, N):
        levels[i] = min(levels[i], levels[i - 1] - MIN_GAP)
    shift = (MEAN_DTI - sum(levels) / N).quantize(Q)
    levels = [v + shift for v in levels]
    offs = [rng.randint(-4, 4) for _ in range(N)]
    # Settle the total within a few 1e-5 of 63 * 0.6783 with the offsets.
    want = int((MEAN_DTI * N - sum(levels)) / E5) + rng.randint(-40, 40)
    resid = want - sum(offs)
    i = 0
    while resid:
        s = 1 if resid > 0 else -1
        if -4 <= offs[i % N] + s <= 4:
            offs[i % N] += s
            resid -= s
        i += 1
        assert i < 100 * N, "cannot settle the mean"
    return {c: v + o * E5 for c, v, o in zip(order, levels, offs)}


def generate(rng):
    rows = []
    for c, t in sorted(targets(rng).items()):
        gap = rng.uniform(0.26, 0.38)
        f = min(F_MAX, float(t) + gap / 2)
        a = 2 * float(t) - f
        rows.append(realize_922(c, t, f, a, rng, hi=Decimal("1.0000")))
    return rows


def check(rows):
    out = []
    check_values(rows, COLUMNS_922)
    exact = {r["code"]: dti_922(r) for r in rows}
    mean = sum(exact.values()) / N
    assert r4(mean) == MEAN_DTI, mean
    out.append(f"mean of the 63 exact DTI values: {mean:.8f} -> {r4(mean)} "
               f"(published 0.6783)")
    assert len({r4(x) for x in exact.values()}) == N, "a rounded tie"
    check_rounding(exact.values())
    out.append("all 63 rounded DTI values distinct; no exact DTI on a "
               "rounding half (half-up == half-even)")
    fnd = sum(r[k] for r in rows for k in FOUNDATION) / (N * len(FOUNDATION))
    act = sum(r[k] for r in rows for k in ACTIVITY) / (N * len(ACTIVITY))
    actw = sum(WEIGHTS_922[k] * r[k] for r in rows for k in ACTIVITY) \
        / (N * 500)
    assert Decimal("0.80") <= fnd <= Decimal("0.88"), fnd
    assert Decimal("0.48") <= act <= Decimal("0.58"), act
    assert all(r["the_che_so"] % Decimal("0.05") == 0 for r in rows)
    out.append(f"foundation mean {fnd:.4f}; activity mean {act:.4f} "
               f"(points-weighted {actw:.4f}); index range "
               f"{min(r[k] for r in rows for k in INDICES)}.."
               f"{max(r[k] for r in rows for k in INDICES)}")
    nodes = [nodes_922(r) for r in rows]
    for nd in nodes:
        assert all(nd["dti"] < nd[p] for p in PILLAR_OF.values())
    pm = {p: sum(nd[p] for nd in nodes) / N for p in PILLAR_OF.values()}
    out.append("pillar means " + ", ".join(f"{p} {v:.4f}"
                                           for p, v in pm.items())
               + "; every province's DTI below each of its pillars")
    out.append(f"DTI range {r4(min(exact.values()))}.."
               f"{r4(max(exact.values()))}")
    top = sorted(rows, key=lambda r: -exact[r["code"]])[:3]
    out.append("top 3: " + ", ".join(
        f"{NAME[r['code']]} {r4(exact[r['code']])}" for r in top))
    out += check_published(rows, YEAR, nodes_922)
    return out


def main():
    out_path = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA / "2023.csv"
    rng = random.Random(SEED)
    rows = generate(rng)
    for line in check(rows):
        print(line)
    write(out_path, render(rows, COLUMNS_922))
    print(f"wrote {out_path} ({len(rows)} rows, seed {SEED})")


if __name__ == "__main__":
    main()
