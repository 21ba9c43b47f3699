#!/usr/bin/env python3
"""Generate data/2022.csv: an ILLUSTRATIVE 63-province DTI 2022 input.

dti.gov.vn/xep-hang-2022 published the eight main indices of TP. Đà Nẵng and
TP. Hồ Chí Minh and the DTI value and rank of every province
(data/published/2022.csv); the other provinces' main indices are not in any
source we have, so those are synthetic. The file is deterministic (fixed
seed, Python 3 standard library only) and meets, and asserts, these
constraints:

  * TP. Đà Nẵng and TP. Hồ Chí Minh carry their eight published main
    indices. Their exact DTI are 0.800175 -> 0.8002 (published 0.8002) and
    0.716355 -> 0.7164 (published 0.7163: the published indices are
    themselves rounded; within 1e-4, and rank 2 still holds).
  * Every other province's 4-decimal DTI equals its published value exactly,
    so every province has its published DTI rank 1..63 (competition ranking,
    descending, on the 4-decimal DTI), including the published tie: Thanh Hóa
    and Yên Bái both 0.6350, rank 15, Hậu Giang 17. Their exact values differ
    (Thanh Hóa's is higher).
  * No exact DTI lies exactly halfway between two 4-decimal values.
  * The mean of the 63 exact DTI values rounds to 0.5786, given as the
    published 2022 provincial mean (MEAN_DTI, asserted equal to the mean_dti
    row of data/published/2022.csv). The mean of the 63 published (rounded) values is
    0.578665, so the exact values sit on average a little below their
    rounded values.
  * Every value is in [0, 1] with 4 decimals; foundation indices are higher
    than activity indices; the_che_so is a multiple of 0.05.

Names in data/published/2022.csv are written as published ("Đà Nẵng",
"Thừa Thiên Huế", "Hoà Bình"); they are matched to GSO codes with
data/provinces.csv (names and aliases), folding case, diacritics (đ = d),
punctuation, spaces and the prefixes "TP.", "Thành phố", "Tỉnh".

DTI (Decision 922/QĐ-BTTTT) = (100*(nt+tc+ht+nl+at) + 200*hd_cqs
+ 150*hd_kts + 150*hd_xhs) / 1000; do_thi_thong_minh is reported, not scored.

Usage: python3 data/tools/make-2022.py [OUTPUT]   (default: data/2022.csv)
"""

import csv
import random
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

from dtigen import (ACTIVITY, COLUMNS_922, DATA, FOUNDATION, N, NAME,
                    PROVINCES, Q, check_rounding, check_values, dti_922,
                    is_half, level_pair, nodes_922, r4, ranks,
                    read_published, realize_922, render, write)

SEED = 2022
YEAR = 2022
INDICES = COLUMNS_922[2:10]
UNIT = Decimal("0.00001")      # one unit of the 5th decimal of DTI

DA_NANG, HCM = "48", "79"
# The tie as published: "15 Thanh Hóa, 15 Yên Bái, 17 Hậu Giang".
TIE = ("38", "15")     # Thanh Hóa (exact value higher), Yên Bái
TIE_OFFSET = {"38": 1, "15": -3}
# do_thi_thong_minh was not published: chosen, plausible values.
CHOSEN_DTTM = {DA_NANG: Decimal("0.7420"), HCM: Decimal("0.6980")}
# The published 2022 provincial mean (rounded, 4 decimals).
MEAN_DTI = Decimal("0.5786")
# Offsets of the exact target from the published rounded value, in units of
# the 5th decimal: -4..4 (5 would be a rounding half or the next value).
# Drawn with a downward bias, then moved one unit at a time until their sum
# is SUM_TARGET (drawn in SUM_RANGE): the mean then rounds to MEAN_DTI.
OFFSET_DRAW = [-4, -4, -4, -3, -3, -3, -3, -2, -2, -1, 0, 1]
SUM_RANGE = (-200, -160)


def fold(name):
    """Matching key: lower-case ASCII letters and digits only (diacritics
    removed, đ = d), without a leading "TP.", "Thành phố" or "Tỉnh" (stripped
    after folding, as `dti` does)."""
    s = unicodedata.normalize("NFD", name).replace("đ", "d").replace("Đ", "d")
    key = "".join(ch for ch in s.lower()
                  if ch.isascii() and ch.isalnum())
    for p in ("thanhpho", "tinh", "tp"):
        if key.startswith(p) and len(key) > len(p):
            key = key[len(p):]
            break
    return key


def register():
    """Key -> GSO code from data/provinces.csv (names and aliases)."""
    out = {}
    with open(DATA / "provinces.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            names = [row["name"]] + [a for a in row["aliases"].split("|") if a]
            for n in names:
                k = fold(n)
                assert out.get(k, row["code"]) == row["code"], (n, out[k])
                out[k] = row["code"]
    assert len(set(out.values())) == N
    # The spellings written to data/2022.csv fold to their own codes.
    assert all(out[fold(n)] == c for c, n in NAME.items())
    return out


def published():
    """From data/published/2022.csv: DTI values and ranks by code, the
    published indices of Đà Nẵng and Hồ Chí Minh, and the provincial mean
    (None when the file has no mean_dti row)."""
    reg = register()
    value, rank, indices, mean = {}, {}, {}, None
    for p in read_published(YEAR):
        if p["measure"] == "mean_dti":
            mean = Decimal(p["value"])
            continue
        c = reg[fold(p["province"])]
        if p["measure"] == "dti":
            assert c not in value, ("two dti rows", p["province"])
            value[c], rank[c] = Decimal(p["value"]), int(p["rank"])
        else:
            assert c in (DA_NANG, HCM), p
            indices.setdefault(c, {})[p["measure"]] = Decimal(p["value"])
    assert set(value) == set(NAME), "all 63 provinces matched one to one"
    assert set(indices) == {DA_NANG, HCM}
    assert all(set(v) == set(INDICES) for v in indices.values())
    # The prior column of PROVINCES is the same published ranking.
    assert rank == {c: r for c, _, r in PROVINCES}
    return value, rank, indices, mean


def targets(value, rng):
    """Exact target DTI (5 decimals) of every province but the two with
    published indices: its published value plus an offset of -4..4 units of
    the 5th decimal; the offsets sum to a drawn total in SUM_RANGE."""
    codes = sorted(c for c in value if c not in (DA_NANG, HCM))
    off = {c: TIE_OFFSET.get(c, rng.choice(OFFSET_DRAW)) for c in codes}
    want = rng.randint(*SUM_RANGE)
    free = [c for c in codes if c not in TIE_OFFSET]
    while sum(off.values()) != want:
        c = rng.choice(free)
        if sum(off.values()) > want and off[c] > -4:
            off[c] -= 1
        elif sum(off.values()) < want and off[c] < 4:
            off[c] += 1
    return {c: value[c] + off[c] * UNIT for c in codes}, off


def generate(rng):
    value, rank, indices, mean = published()
    rows = []
    for c in (DA_NANG, HCM):
        row = {"code": c, "province": NAME[c]}
        row.update(indices[c])
        row["do_thi_thong_minh"] = CHOSEN_DTTM[c]
        rows.append(row)
    tgt, off = targets(value, rng)
    for c, t in sorted(tgt.items()):
        gap = rng.uniform(0.12, 0.28)
        f, a = level_pair(float(t), gap)
        rows.append(realize_922(c, t, f, a, rng))
    return rows, off


def check(rows, off):
    out = []
    value, rank, indices, pub_mean = published()
    check_values(rows, COLUMNS_922)
    by = {r["code"]: r for r in rows}
    exact = {c: dti_922(r) for c, r in by.items()}
    rk = ranks(exact)
    out.append(f"{N} published names matched one to one to GSO codes "
               f"(data/provinces.csv, folded)")
    for c in (DA_NANG, HCM):
        for k, v in indices[c].items():
            assert by[c][k] == v, (c, k)
        assert by[c]["do_thi_thong_minh"] == CHOSEN_DTTM[c]
        assert abs(r4(exact[c]) - value[c]) <= Q
        assert rk[c] == rank[c]
        out.append(f"{NAME[c]}: the 8 published indices; exact DTI "
                   f"{exact[c]} -> {r4(exact[c])} (published {value[c]}), "
                   f"rank {rk[c]}")
    others = [c for c in exact if c not in (DA_NANG, HCM)]
    assert all(r4(exact[c]) == value[c] for c in others), \
        {c: (r4(exact[c]), value[c]) for c in others if r4(exact[c]) != value[c]}
    out.append(f"the other {len(others)} provinces: rounded DTI equal to the "
               f"published value (offsets of the exact value "
               f"{min(off.values())}..{max(off.values())} units of 1e-5, "
               f"sum {sum(off.values())})")
    assert rk == rank, {c: (rk[c], rank[c]) for c in rk if rk[c] != rank[c]}
    out.append("DTI ranks of all 63 provinces as published (1..63)")
    a, b = TIE
    assert r4(exact[a]) == r4(exact[b]) and exact[a] > exact[b]
    hg = [c for c in rank if rank[c] == 17]
    out.append(f"tie: {NAME[a]} exact {exact[a]}, {NAME[b]} exact "
               f"{exact[b]}, both {r4(exact[a])}, rank {rk[a]}; next "
               f"{NAME[hg[0]]} {r4(exact[hg[0]])}, rank {rk[hg[0]]}")
    rounded = [r4(x) for x in exact.values()]
    assert len(set(rounded)) == N - 1, "one rounded tie only"
    assert len(set(exact.values())) == N
    check_rounding(exact.values())
    out.append("all other rounded DTI values distinct; no exact DTI on a "
               "rounding half (half-up == half-even)")
    mean = sum(exact.values()) / N
    mean_pub = sum(value.values()) / N
    assert not is_half(mean) and r4(mean) == MEAN_DTI
    assert pub_mean == MEAN_DTI, pub_mean
    out.append(f"mean of the 63 exact DTI {mean:.8f} -> {r4(mean)} "
               f"(published mean {MEAN_DTI}); mean of the published values "
               f"{mean_pub:.6f}")
    fnd = sum(r[k] for r in rows for k in FOUNDATION) / (N * len(FOUNDATION))
    act = sum(r[k] for r in rows for k in ACTIVITY) / (N * len(ACTIVITY))
    assert fnd > act
    assert all(sum(r[k] for k in FOUNDATION) / len(FOUNDATION) >
               sum(r[k] for k in ACTIVITY) / len(ACTIVITY) for r in rows)
    assert all(r["the_che_so"] % Decimal("0.05") == 0 for r in rows)
    out.append(f"foundation mean {fnd:.4f} > activity mean {act:.4f} "
               f"(and in every province); index range "
               f"{min(r[k] for r in rows for k in INDICES)}.."
               f"{max(r[k] for r in rows for k in INDICES)}; DTI range "
               f"{r4(min(exact.values()))}..{r4(max(exact.values()))}")
    out += check_published(rows, value, rank, indices, pub_mean)
    return out


def check_published(rows, value, rank, indices, pub_mean):
    """Every row of data/published/2022.csv against rows: values within 1e-4
    of the rounded computed value, ranks exactly equal (ranks of every node
    computed over the 63 rows)."""
    exact = {r["code"]: nodes_922(r) for r in rows}
    node_rank = {n: ranks({c: v[n] for c, v in exact.items()})
                 for n in next(iter(exact.values()))}
    n = 0
    for c, v in value.items():
        assert abs(r4(exact[c]["dti"]) - v) <= Q and \
            node_rank["dti"][c] == rank[c], c
        n += 1
    for c, idx in indices.items():
        for k, v in idx.items():
            assert abs(r4(exact[c][k]) - v) <= Q, (c, k)
            n += 1
    if pub_mean is not None:
        mean = sum(v["dti"] for v in exact.values()) / len(exact)
        assert abs(r4(mean) - pub_mean) <= Q
        n += 1
    total = len(read_published(YEAR))
    assert n == total, (n, total)
    return [f"all {total} rows of data/published/{YEAR}.csv agree "
            f"(values within 1e-4, ranks exact)"]


def main():
    out_path = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA / "2022.csv"
    rng = random.Random(SEED)
    rows, off = generate(rng)
    for line in check(rows, off):
        print(line)
    write(out_path, render(rows, COLUMNS_922))
    print(f"wrote {out_path} ({len(rows)} rows, seed {SEED})")


if __name__ == "__main__":
    main()
