#!/usr/bin/env python3
"""Generate data/2021.csv: an ILLUSTRATIVE 63-province DTI 2021 input.

The official 2021 main-index values were not published for all provinces, so
this file is synthetic. It is deterministic (fixed seed, Python 3 standard
library only) and meets, and asserts, these constraints:

  * Tây Ninh (72) carries the published 2021 figures (Báo Tây Ninh,
    10/12/2022): nhan_thuc_so 0.7000, the_che_so 0.5000, an_toan_thong_tin
    0.3666, hd_chinh_quyen_so 0.3283, hd_kinh_te_so 0.2479. Its unpublished
    indices are chosen so that its DTI rounds to the published 0.3426 and its
    rank (competition ranking, descending, on the 4-decimal DTI) is 44.
  * Tây Ninh's published per-index ranks hold too (competition ranking,
    descending): nhan_thuc_so 27, the_che_so 23, an_toan_thong_tin 21,
    hd_chinh_quyen_so 50, hd_kinh_te_so 58. They are reached by moving points
    between the main indices of other provinces, each move leaving that
    province's exact DTI unchanged, so the DTI constraints are not disturbed.
  * The mean of the 63 exact DTI values rounds to 0.4014 (published mean).
  * All exact DTI values differ; all rounded DTI values differ except exactly
    one pair, which ties on the rounded value but not on the exact value.
  * No exact DTI lies exactly halfway between two 4-decimal values, so
    half-up and half-even rounding give the same file results.
  * Every value is in [0, 1] with 4 decimals; foundation indices are on
    average higher than activity indices.

DTI (Decision 922/QĐ-BTTTT) = (100*(nt+tc+ht+nl+at) + 200*hd_cqs
+ 150*hd_kts + 150*hd_xhs) / 1000; do_thi_thong_minh is reported, not scored.
Rounding is half up on exact decimals (decimal.Decimal).

Usage: python3 data/tools/make-2021.py [OUTPUT]   (default: data/2021.csv)
"""

import csv
import io
import random
import sys
import unicodedata
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from pathlib import Path

# PROVINCES: GSO code, name as written in reports, and the published DTI 2022
# rank, used only as a loose prior for the illustrative ordering (dtigen.py).
from dtigen import ACTIVITY, FOUNDATION, N, ONE, PROVINCES, Q, ZERO, is_half, q4, r4

SEED = 2021

COLUMNS = ["code", "province", "nhan_thuc_so", "the_che_so", "ha_tang_so",
           "nhan_luc_so", "an_toan_thong_tin", "hd_chinh_quyen_so",
           "hd_kinh_te_so", "hd_xa_hoi_so", "do_thi_thong_minh"]
# Points per unit of each scored main index (Decision 922, 1000 in total).
WEIGHTS = {"nhan_thuc_so": 100, "the_che_so": 100, "ha_tang_so": 100,
           "nhan_luc_so": 100, "an_toan_thong_tin": 100,
           "hd_chinh_quyen_so": 200, "hd_kinh_te_so": 150, "hd_xa_hoi_so": 150}

TAY_NINH = "72"
# Published 2021 values for Tây Ninh (Báo Tây Ninh, 10/12/2022).
TN_PUBLISHED = {"nhan_thuc_so": "0.7000", "the_che_so": "0.5000",
                "an_toan_thong_tin": "0.3666", "hd_chinh_quyen_so": "0.3283",
                "hd_kinh_te_so": "0.2479"}
# Chosen (not published): they make Tây Ninh's exact DTI 0.342600.
TN_CHOSEN = {"ha_tang_so": "0.3512", "nhan_luc_so": "0.2471",
             "hd_xa_hoi_so": "0.1551", "do_thi_thong_minh": "0.2850"}
TN_DTI = Decimal("0.3426")
TN_RANK = 44
# Published 2021 per-index ranks of Tây Ninh (same article).
TN_INDEX_RANKS = {"nhan_thuc_so": 27, "the_che_so": 23,
                  "an_toan_thong_tin": 21, "hd_chinh_quyen_so": 50,
                  "hd_kinh_te_so": 58}
# Indices whose Tây Ninh rank was not published: they absorb the points moved
# by fix_index_ranks so that every exact DTI stays as it was.
FREE = ["ha_tang_so", "nhan_luc_so", "hd_xa_hoi_so"]
MEAN_DTI = Decimal("0.4014")


def dti(row):
    return sum(WEIGHTS[k] * row[k] for k in WEIGHTS) / Decimal(1000)


def ranks(rows):
    """Competition ranks on the rounded DTI, descending: code -> rank."""
    vals = {r["code"]: r4(dti(r)) for r in rows}
    return {c: 1 + sum(1 for w in vals.values() if w > v)
            for c, v in vals.items()}


def shift(row, delta, keys=("ha_tang_so", "nhan_luc_so", "hd_chinh_quyen_so")):
    """Moves row's exact DTI by about delta (Decimal) via the given indices,
    staying inside [0.10, 0.98]."""
    for _ in range(8):
        miss = delta
        if miss == 0:
            return
        free = [k for k in keys
                if (miss > 0 and row[k] < Decimal("0.98"))
                or (miss < 0 and row[k] > Decimal("0.10"))]
        assert free, "no index left to shift"
        wsum = sum(WEIGHTS[k] for k in free)
        before = dti(row)
        for k in free:
            step = (miss * 1000 / wsum).quantize(Q, rounding=ROUND_HALF_UP)
            row[k] = min(Decimal("0.98"), max(Decimal("0.10"), row[k] + step))
        delta -= dti(row) - before
        if abs(delta) < Decimal("0.00001"):
            return


def generate(rng):
    tn = [p for p in PROVINCES if p[0] == TAY_NINH][0]
    others = [p for p in PROVINCES if p[0] != TAY_NINH]

    # 1. Illustrative ordering: 2022 rank plus noise; Tây Ninh at place 44.
    keyed = sorted(others, key=lambda p: p[2] + rng.gauss(0, 8))
    order = keyed[:TN_RANK - 1] + [tn] + keyed[TN_RANK - 1:]

    # 2. Target DTI per place: 43 above Tây Ninh (skewed), 19 below; the top
    #    group is scaled so that the targets have the published mean.
    n_top, n_low = TN_RANK - 1, N - TN_RANK
    low = sorted((rng.uniform(0.215, 0.3386) for _ in range(n_low)),
                 reverse=True)
    shape = sorted((rng.random() ** 1.5 for _ in range(n_top)), reverse=True)
    margin = 0.0040
    need = float(MEAN_DTI) * N - float(TN_DTI) - sum(low) \
        - n_top * (float(TN_DTI) + margin)
    scale = need / sum(shape)
    top = [float(TN_DTI) + margin + scale * u for u in shape]
    targets = top + [float(TN_DTI)] + low

    # 3. Main indices around each target: foundation above activity.
    rows = []
    for (code, name, _), t in zip(order, targets):
        if code == TAY_NINH:
            row = {"code": code, "province": name}
            row.update({k: Decimal(v) for k, v in TN_PUBLISHED.items()})
            row.update({k: Decimal(v) for k, v in TN_CHOSEN.items()})
            rows.append(row)
            continue
        gap = rng.uniform(0.10, 0.24)
        a = t - 0.5 * gap
        f = a + gap
        lo, hi = 0.10, 1.00
        v = {
            "nhan_thuc_so": f + 0.10 + rng.gauss(0, 0.07),
            "the_che_so": round((f + 0.04 + rng.gauss(0, 0.08)) * 20) / 20,
            "ha_tang_so": f + rng.gauss(0, 0.06),
            "nhan_luc_so": f - 0.08 + rng.gauss(0, 0.06),
            "an_toan_thong_tin": f - 0.05 + rng.gauss(0, 0.08),
            "hd_chinh_quyen_so": a + 0.05 + rng.gauss(0, 0.06),
            "hd_kinh_te_so": a - 0.02 + rng.gauss(0, 0.06),
            "hd_xa_hoi_so": a - 0.04 + rng.gauss(0, 0.06),
        }
        row = {"code": code, "province": name}
        for k, x in v.items():
            if x < 0.12:  # soft floor: no pile-up of equal minimum values
                x = 0.12 + rng.uniform(0.0, 0.06)
            row[k] = q4(min(hi, max(lo, x)))
        row["do_thi_thong_minh"] = q4(max(0.0, min(0.95,
                                                   f - 0.20 + rng.gauss(0, 0.12))))
        # Bring the exact DTI close to the target.
        shift(row, Decimal(repr(t)) - dti(row),
              keys=("nhan_thuc_so", "ha_tang_so", "nhan_luc_so",
                    "an_toan_thong_tin", "hd_chinh_quyen_so",
                    "hd_kinh_te_so", "hd_xa_hoi_so"))
        rows.append(row)
    return rows


def fix_unique(rows, tie=None):
    """Makes every rounded DTI unique (except the tie pair) and keeps exact
    values off the rounding halfway points. Tây Ninh and the tie pair are
    never moved; a province that collides with them moves instead."""
    tie = tie or ()
    for _ in range(1000):
        changed = False
        seen = {}
        fixed = (TAY_NINH,) + tuple(tie)
        for r in rows:
            if r["code"] in fixed:
                seen.setdefault(r4(dti(r)), r["code"])
        for r in sorted(rows, key=lambda r: -dti(r)):
            if r["code"] in fixed:
                continue
            d = dti(r)
            if is_half(d):
                r["hd_xa_hoi_so"] += Q if r["hd_xa_hoi_so"] < Decimal("0.98") else -Q
                changed = True
                continue
            k = r4(d)
            other = seen.get(k)
            if other is not None and other != r["code"]:
                # One unit of the 4th decimal: ha_tang_so +/- 0.0010, away
                # from Tây Ninh so that its rank does not change.
                step = Decimal("0.0010")
                up = d > TN_DTI
                r["ha_tang_so"] += step if up else -step
                changed = True
                continue
            seen.setdefault(k, r["code"])
        if not changed:
            return
    raise AssertionError("could not make DTI values unique")


def make_tie(rows):
    """Makes the provinces ranked 15th and 16th tie on the rounded DTI."""
    ordered = sorted(rows, key=lambda r: -dti(r))
    a, b = ordered[14], ordered[15]
    da = dti(a)
    ra = r4(da)
    # b lands on the other side of the rounded value than a, inside its
    # rounding interval, so the exact values still differ.
    want = ra - Decimal("0.00002") if da >= ra else ra + Decimal("0.00002")
    shift(b, want - dti(b), keys=("ha_tang_so", "nhan_luc_so"))
    # Fine step on the 6th decimal via ha_tang_so (0.0001 -> 0.00001).
    for _ in range(200):
        db = dti(b)
        if r4(db) == ra and db != da and not is_half(db):
            break
        b["ha_tang_so"] += Q if db < want else -Q
    return a["code"], b["code"]


def fix_mean(rows, tie):
    """Moves the sum of exact DTI values to 63 * 0.4014 using the province
    with the widest gap to its neighbours (not Tây Ninh, not the tie pair)."""
    target = MEAN_DTI * N
    total = sum(dti(r) for r in rows)
    if abs(total - target) < Decimal("0.0005"):
        return False
    ordered = sorted(rows, key=lambda r: -dti(r))
    best, width = None, Decimal(-1)
    for i, r in enumerate(ordered[:TN_RANK - 2]):
        if r["code"] in tie or r["code"] == TAY_NINH or i == 0:
            continue
        w = min(dti(ordered[i - 1]) - dti(r), dti(r) - dti(ordered[i + 1]))
        if w > width:
            best, width = r, w
    shift(best, target - total)
    return True


def index_rank(rows, key, code=TAY_NINH):
    """Competition rank (descending) of province code on main index key."""
    v = [r for r in rows if r["code"] == code][0][key]
    return 1 + sum(1 for r in rows if r[key] > v)


def compensate(row, units, moved_key, tn):
    """Changes other scored indices of row by -units in total (units of
    0.005 points: 0.0001 of a 100-point index is 2 units, of a 150-point
    index 3, of the 200-point index 4), so that the row's exact DTI is
    unchanged. The change is spread about evenly over the FREE indices and
    those indices of TN_INDEX_RANKS that can move without crossing Tây
    Ninh's value (the_che_so, on its 0.05 grid, never moves here); every
    value stays inside [0.10, 0.98]."""
    lo, hi = Decimal("0.10"), Decimal("0.98")
    w = {k: WEIGHTS[k] // 50 for k in WEIGHTS}
    bounds = {}
    for k in FREE + [k for k in TN_INDEX_RANKS
                     if k not in (moved_key, "the_che_so")]:
        v = row[k]
        n_lo = int((min(v, lo) - v) / Q)
        n_hi = int((max(v, hi) - v) / Q)
        if k in TN_INDEX_RANKS:  # stay on the same side of Tây Ninh
            t = tn[k]
            if v > t:
                n_lo = max(n_lo, int((t - v) / Q) + 1)
            else:
                n_hi = min(n_hi, int((t - v) / Q))
        bounds[k] = (n_lo, n_hi)
    # Water-filling in units: equal shares, clamped at the bounds.
    need = -units
    share = {}
    open_keys = list(bounds)
    rest = Decimal(need)
    while open_keys:
        each = rest / len(open_keys)
        clamped = False
        for k in list(open_keys):
            n_lo, n_hi = bounds[k]
            x = each / w[k]
            if x < n_lo or x > n_hi:
                share[k] = n_lo if x < n_lo else n_hi
                rest -= share[k] * w[k]
                open_keys.remove(k)
                clamped = True
        if not clamped:
            for k in open_keys:
                share[k] = int(each / w[k])  # truncates toward zero
            open_keys = []
    n = {k: int(share.get(k, 0)) for k in bounds}
    resid = need - sum(n[k] * w[k] for k in n)
    # The residual is small: settle it with a 2-unit and a 3-unit index.
    twos = [k for k in n if w[k] == 2]
    threes = [k for k in n if w[k] == 3]
    done = False
    for b in (0, 1, -1, 2, -2, 3, -3):
        if (resid - 3 * b) % 2:
            continue
        a = (resid - 3 * b) // 2
        for k2 in twos:
            for k3 in threes:
                if b and k3 == k2:
                    continue
                n2, n3 = n[k2] + a, n[k3] + b
                if bounds[k2][0] <= n2 <= bounds[k2][1] and \
                        bounds[k3][0] <= n3 <= bounds[k3][1]:
                    n[k2], n[k3] = n2, n3
                    done = True
                    break
            if done:
                break
        if done:
            break
    assert done and sum(n[k] * w[k] for k in n) == need, \
        ("cannot compensate", row["code"], units)
    for k, m in n.items():
        row[k] += m * Q


def fix_index_ranks(rows, rng):
    """Gives Tây Ninh its published rank on each index of TN_INDEX_RANKS:
    exactly rank - 1 provinces strictly above its value. Moves the provinces
    nearest to Tây Ninh's value across it (the_che_so on its 0.05 grid: down
    onto Tây Ninh's value, or up one step), and offsets each move with other
    indices of the same province (see compensate), so its exact DTI does not
    change."""
    tn = [r for r in rows if r["code"] == TAY_NINH][0]
    weight_units = {k: WEIGHTS[k] // 50 for k in WEIGHTS}  # per 0.0001
    moved = {}
    for key, rank in TN_INDEX_RANKS.items():
        t = tn[key]
        others = [r for r in rows if r["code"] != TAY_NINH]
        above = [r for r in others if r[key] > t]
        want = rank - 1
        if len(above) < want:
            pool = sorted((r for r in others if r[key] <= t),
                          key=lambda r: (-r[key], r["code"]))
            picks = pool[:want - len(above)]
            up = True
        else:
            pool = sorted(above, key=lambda r: (r[key], r["code"]))
            picks = pool[:len(above) - want]
            up = False
        for r in picks:
            if key == "the_che_so":
                new = t + Decimal("0.05") if up else t
            else:
                step = q4(rng.uniform(0.0010, 0.0400))
                new = t + step if up else t - step
            assert Decimal("0.10") <= new <= Decimal("0.98"), (key, new)
            before = dti(r)
            units = (new - r[key]) / Q * weight_units[key]
            r[key] = new
            compensate(r, units, key, tn)
            assert dti(r) == before, (r["code"], key)
            moved.setdefault(key, []).append(r["code"])
    return moved


def check(rows, tie):
    out = []
    assert len(rows) == N and len({r["code"] for r in rows}) == N
    for r in rows:
        for k in COLUMNS[2:]:
            v = r[k]
            assert ZERO <= v <= ONE and v == v.quantize(Q), (r["code"], k, v)
    tn = [r for r in rows if r["code"] == TAY_NINH][0]
    for k, v in TN_PUBLISHED.items():
        assert tn[k] == Decimal(v), (k, tn[k])
    d_tn = dti(tn)
    assert r4(d_tn) == TN_DTI, d_tn
    rk = ranks(rows)
    assert rk[TAY_NINH] == TN_RANK, rk[TAY_NINH]
    out.append(f"Tây Ninh: exact DTI {d_tn}, rounded {r4(d_tn)}, "
               f"rank {rk[TAY_NINH]} (published 0.3426, rank 44)")
    got = {k: index_rank(rows, k) for k in TN_INDEX_RANKS}
    assert got == TN_INDEX_RANKS, got
    out.append("Tây Ninh index ranks: " + ", ".join(
        f"{k} {tn[k]} rank {got[k]}" for k in TN_INDEX_RANKS)
        + " (as published)")
    out.append("Tây Ninh unpublished: " + ", ".join(
        f"{k} {tn[k]} rank {index_rank(rows, k)}" for k in FREE))

    exact = [dti(r) for r in rows]
    mean = sum(exact) / N
    assert r4(mean) == MEAN_DTI, mean
    assert r4(mean, ROUND_HALF_EVEN) == MEAN_DTI, mean
    out.append(f"mean of the 63 exact DTI values: {mean:.8f} -> "
               f"{r4(mean)} (published 0.4014)")

    assert len(set(exact)) == N, "two provinces share an exact DTI"
    assert not any(is_half(x) for x in exact), "a DTI lies on a half"
    assert all(r4(x) == r4(x, ROUND_HALF_EVEN) for x in exact)
    rounded = {}
    for r in rows:
        rounded.setdefault(r4(dti(r)), []).append(r)
    ties = [g for g in rounded.values() if len(g) > 1]
    assert len(ties) == 1 and len(ties[0]) == 2, ties
    pair = ties[0]
    assert {r["code"] for r in pair} == set(tie)
    a, b = pair
    out.append(f"tie pair (rounded DTI {r4(dti(a))}, shared rank "
               f"{rk[a['code']]}; next rank {rk[a['code']] + 2}): "
               f"{a['code']} {a['province']} exact {dti(a)}, "
               f"{b['code']} {b['province']} exact {dti(b)}")
    assert rk[a["code"]] == rk[b["code"]]
    assert sorted(rk.values()).count(rk[a["code"]] + 1) == 0

    fnd = sum(r[k] for r in rows for k in FOUNDATION) / (N * len(FOUNDATION))
    act = sum(r[k] for r in rows for k in ACTIVITY) / (N * len(ACTIVITY))
    assert fnd > act, (fnd, act)
    lo = min(r[k] for r in rows for k in COLUMNS[2:10])
    hi = max(r[k] for r in rows for k in COLUMNS[2:10])
    out.append(f"scored indices: foundation mean {fnd:.4f} > activity mean "
               f"{act:.4f}; range {lo}..{hi}")
    out.append(f"DTI range {r4(min(exact))}..{r4(max(exact))}; no exact DTI "
               f"on a rounding half (half-up == half-even)")
    top = sorted(rows, key=lambda r: -dti(r))[:3]
    out.append("top 3: " + ", ".join(
        f"{r['province']} {r4(dti(r))}" for r in top))
    return out


def render(rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    order = {p[0]: i for i, p in enumerate(PROVINCES)}
    for r in sorted(rows, key=lambda r: order[r["code"]]):
        w.writerow([r["code"], r["province"]] +
                   [f"{r[k]:.4f}" for k in COLUMNS[2:]])
    return unicodedata.normalize("NFC", buf.getvalue())


def main():
    out_path = Path(sys.argv[1]) if len(sys.argv) > 1 else \
        Path(__file__).resolve().parent.parent / "2021.csv"
    rng = random.Random(SEED)
    rows = generate(rng)
    fix_unique(rows)
    tie = make_tie(rows)
    for _ in range(20):
        fix_unique(rows, tie)
        if not fix_mean(rows, tie):
            break
    fix_unique(rows, tie)
    moved = fix_index_ranks(rows, rng)
    for line in check(rows, tie):
        print(line)
    data = render(rows)
    with open(out_path, "w", encoding="utf-8", newline="") as f:
        f.write(data)
    print("moved across Tây Ninh (exact DTI unchanged): " + "; ".join(
        f"{k} {len(v)}" for k, v in moved.items()))
    print(f"wrote {out_path} ({len(rows)} rows, seed {SEED})")


if __name__ == "__main__":
    main()
