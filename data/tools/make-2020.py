#!/usr/bin/env python3
"""Generate data/2020.csv: an ILLUSTRATIVE 63-province DTI 2020 input.

DTI 2020 used Decision 1726/QĐ-BTTTT; the weights inside its pillars were not
found, so a 2020 input gives the three pillar values (method qd1726):
DTI = (400*chinh_quyen_so + 300*kinh_te_so + 300*xa_hoi_so) / 1000.

Only three provinces' 2020 figures were published in the sources we have
(data/published/2020.csv), so this file is synthetic. It is deterministic
(fixed seed, Python 3 standard library only) and meets, and asserts, these
constraints:

  * Bắc Ninh (27) carries its published pillars 0.4449, 0.3668, 0.4052
    (en.dangcongsan.vn); its exact DTI 0.40956 rounds to the published 0.4096.
  * Tây Ninh (72): DTI rounds to the published 0.2686 and ranks 46
    (competition ranking, descending, on the 4-decimal DTI): 45 provinces
    above, 17 below (Báo Tây Ninh, 10/12/2022). Its pillars are not published
    and are chosen.
  * The mean of the 63 exact DTI values rounds to 0.3026 (published mean).
  * All rounded DTI values differ (so rounded and exact ranks agree), and no
    exact DTI lies exactly halfway between two 4-decimal values.
  * Every value is in [0, 1] with 4 decimals.

Usage: python3 data/tools/make-2020.py [OUTPUT]   (default: data/2020.csv)
"""

import random
import sys
from decimal import Decimal
from pathlib import Path

from dtigen import (COLUMNS_1726, DATA, N, NAME, PROVINCES, Q, check_published,
                    check_rounding, check_values, dti_1726, nodes_1726, q4,
                    r4, ranks, render, write)

SEED = 2020
YEAR = 2020
PILLARS = COLUMNS_1726[2:]

BAC_NINH = "27"
BN_PUBLISHED = {"chinh_quyen_so": "0.4449", "kinh_te_so": "0.3668",
                "xa_hoi_so": "0.4052"}
BN_DTI = Decimal("0.4096")
TAY_NINH = "72"
# Chosen (not published): exact DTI 0.26861 -> 0.2686.
TN_CHOSEN = {"chinh_quyen_so": "0.3050", "kinh_te_so": "0.2420",
             "xa_hoi_so": "0.2467"}
TN_DTI = Decimal("0.2686")
TN_RANK = 46
MEAN_DTI = Decimal("0.3026")
FIXED = (BAC_NINH, TAY_NINH)


def realize(code, t, rng):
    """Pillars around the target DTI t (float): digital government a little
    above, digital economy below, digital society close to t; xa_hoi_so is
    solved so that the exact DTI is within 0.000015 of t."""
    for _ in range(100):
        a = q4(t + 0.015 + rng.gauss(0, 0.035))
        b = q4(t - 0.035 + rng.gauss(0, 0.035))
        c = q4((Decimal(repr(t)) - (4 * a + 3 * b) / 10) * 10 / 3)
        if all(Decimal("0.05") <= v <= Decimal("0.95") for v in (a, b, c)) \
                and abs(c - Decimal(repr(t))) < Decimal("0.12"):
            return {"code": code, "province": NAME[code],
                    "chinh_quyen_so": a, "kinh_te_so": b, "xa_hoi_so": c}
    raise AssertionError(("cannot realize", code, t))


def generate(rng):
    free = [p for p in PROVINCES if p[0] not in FIXED]
    # Loose prior for the illustrative order: the 2022 rank plus noise.
    order = [p[0] for p in sorted(free, key=lambda p: p[2] + rng.gauss(0, 8))]
    n_top = TN_RANK - 2          # above Tây Ninh, besides Bắc Ninh
    n_low = N - TN_RANK          # below Tây Ninh
    low = sorted((rng.uniform(0.190, 0.2640) for _ in range(n_low)),
                 reverse=True)
    shape = sorted((rng.random() ** 3.5 for _ in range(n_top)), reverse=True)
    base = float(TN_DTI) + 0.0030
    need = float(MEAN_DTI) * N - float(TN_DTI) - float(BN_DTI) - sum(low) \
        - n_top * base
    scale = need / sum(shape)
    targets = [base + scale * u for u in shape] + low
    rows = [realize(c, t, rng) for c, t in zip(order, targets)]
    for code, vals in ((BAC_NINH, BN_PUBLISHED), (TAY_NINH, TN_CHOSEN)):
        row = {"code": code, "province": NAME[code]}
        row.update({k: Decimal(v) for k, v in vals.items()})
        rows.append(row)
    return rows


def fix_unique(rows):
    """Moves non-fixed provinces until every rounded DTI is distinct and no
    exact DTI is on a half; a move is one step of 0.0003 of
    chinh_quyen_so (0.00012 of DTI), away from Tây Ninh's value."""
    for _ in range(1000):
        changed = False
        seen = {r4(dti_1726(r)): r["code"] for r in rows
                if r["code"] in FIXED}
        for r in sorted(rows, key=lambda r: -dti_1726(r)):
            if r["code"] in FIXED:
                continue
            d = dti_1726(r)
            up = d > TN_DTI
            if d in (r4(d) + Q / 2, r4(d) - Q / 2) or \
                    seen.get(r4(d), r["code"]) != r["code"]:
                r["chinh_quyen_so"] += Decimal("0.0003") * (1 if up else -1)
                changed = True
                continue
            seen[r4(d)] = r["code"]
        if not changed:
            return
    raise AssertionError("could not make DTI values unique")


def fix_mean(rows):
    """Moves the sum of exact DTI values to 63 * 0.3026 (within 0.0001)
    with the xa_hoi_so of the province with the widest gap to its
    neighbours; returns True if it moved one."""
    gap = MEAN_DTI * N - sum(dti_1726(r) for r in rows)
    if abs(gap) < Decimal("0.0001"):
        return False
    ordered = sorted(rows, key=lambda r: -dti_1726(r))
    best, width = None, Decimal(-1)
    for i in range(1, TN_RANK - 2):
        r = ordered[i]
        if r["code"] in FIXED:
            continue
        w = min(dti_1726(ordered[i - 1]) - dti_1726(r),
                dti_1726(r) - dti_1726(ordered[i + 1]))
        if w > width:
            best, width = r, w
    best["xa_hoi_so"] += (gap * 1000 / 300).quantize(Q)
    return True


def check(rows):
    out = []
    check_values(rows, COLUMNS_1726)
    by = {r["code"]: r for r in rows}
    exact = {c: dti_1726(r) for c, r in by.items()}
    rk = ranks(exact)
    bn = by[BAC_NINH]
    for k, v in BN_PUBLISHED.items():
        assert bn[k] == Decimal(v), (k, bn[k])
    assert r4(exact[BAC_NINH]) == BN_DTI
    out.append(f"Bắc Ninh: pillars {', '.join(str(bn[k]) for k in PILLARS)} "
               f"(published), exact DTI {exact[BAC_NINH]} -> "
               f"{r4(exact[BAC_NINH])} (published 0.4096), rank "
               f"{rk[BAC_NINH]} (not published)")
    tn = by[TAY_NINH]
    assert r4(exact[TAY_NINH]) == TN_DTI and rk[TAY_NINH] == TN_RANK
    out.append(f"Tây Ninh: pillars {', '.join(str(tn[k]) for k in PILLARS)} "
               f"(chosen), exact DTI {exact[TAY_NINH]} -> "
               f"{r4(exact[TAY_NINH])}, rank {rk[TAY_NINH]} "
               f"(published 0.2686, rank 46)")
    mean = sum(exact.values()) / N
    assert r4(mean) == MEAN_DTI, mean
    out.append(f"mean of the 63 exact DTI values: {mean:.8f} -> {r4(mean)} "
               f"(published 0.3026)")
    assert len({r4(x) for x in exact.values()}) == N, "a rounded tie"
    check_rounding(exact.values())
    out.append("all 63 rounded DTI values distinct; no exact DTI on a "
               "rounding half (half-up == half-even)")
    means = {k: sum(r[k] for r in rows) / N for k in PILLARS}
    out.append("pillar means: " + ", ".join(
        f"{k} {v:.4f}" for k, v in means.items()))
    out.append(f"DTI range {r4(min(exact.values()))}.."
               f"{r4(max(exact.values()))}; pillar range "
               f"{min(r[k] for r in rows for k in PILLARS)}.."
               f"{max(r[k] for r in rows for k in PILLARS)}")
    top = sorted(rows, key=lambda r: -exact[r["code"]])[:3]
    out.append("top 3: " + ", ".join(
        f"{r['province']} {r4(exact[r['code']])}" for r in top))
    out += check_published(rows, YEAR, nodes_1726)
    return out


def main():
    out_path = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA / "2020.csv"
    rng = random.Random(SEED)
    rows = generate(rng)
    for _ in range(20):
        fix_unique(rows)
        if not fix_mean(rows):
            break
    fix_unique(rows)
    for line in check(rows):
        print(line)
    write(out_path, render(rows, COLUMNS_1726))
    print(f"wrote {out_path} ({len(rows)} rows, seed {SEED})")


if __name__ == "__main__":
    main()
