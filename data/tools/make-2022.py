#!/usr/bin/env python3
"""Generate data/2022.csv: an ILLUSTRATIVE 63-province DTI 2022 input.

dti.gov.vn/xep-hang-2022 published the main indices of TP. Đà Nẵng and
TP. Hồ Chí Minh only, and the DTI rank of every province; the other
provinces' values are not in any source we have, so this file is synthetic.
It is deterministic (fixed seed, Python 3 standard library only) and meets,
and asserts, these constraints (data/published/2022.csv):

  * TP. Đà Nẵng and TP. Hồ Chí Minh carry their eight published main
    indices. Their exact DTI are 0.800175 -> 0.8002 (published 0.8002) and
    0.716355 -> 0.7164 (published 0.7163: the published indices are
    themselves rounded; within 1e-4).
  * Every province has its published DTI rank 1..63 (competition ranking,
    descending, on the 4-decimal DTI), including the published tie:
    Thanh Hóa and Yên Bái both 15, Hậu Giang 17. Their exact values differ
    (Thanh Hóa's is higher); every other rounded DTI is distinct.
  * No exact DTI lies exactly halfway between two 4-decimal values.
  * Every value is in [0, 1] with 4 decimals; foundation indices are on
    average higher than activity indices; the_che_so is a multiple of 0.05.

DTI (Decision 922/QĐ-BTTTT) = (100*(nt+tc+ht+nl+at) + 200*hd_cqs
+ 150*hd_kts + 150*hd_xhs) / 1000; do_thi_thong_minh is reported, not scored.
The 2022 provincial mean was not published in our sources: the file's mean is
whatever the illustrative values give.

Usage: python3 data/tools/make-2022.py [OUTPUT]   (default: data/2022.csv)
"""

import random
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

from dtigen import (ACTIVITY, COLUMNS_922, DATA, FOUNDATION, N, NAME,
                    PROVINCES, Q, check_published, check_rounding,
                    check_values, dti_922, level_pair, nodes_922, r4, ranks,
                    read_published, realize_922, render, write)

SEED = 2022
YEAR = 2022
INDICES = COLUMNS_922[2:10]

DA_NANG, HCM = "48", "79"
# The tie as published: "15 Thanh Hóa, 15 Yên Bái, 17 Hậu Giang".
TIE = ("38", "15")     # Thanh Hóa (exact value higher), Yên Bái
# do_thi_thong_minh was not published: chosen, plausible values.
CHOSEN_DTTM = {DA_NANG: Decimal("0.7420"), HCM: Decimal("0.6980")}
TOP_OTHERS = 0.6900    # highest DTI below the two published provinces
LOW = 0.3600           # lowest drawn level
MIN_GAP = Decimal("0.0005")


def published():
    """Published ranks by code, the published indices of Đà Nẵng and
    Hồ Chí Minh, and their published DTI."""
    code = {unicodedata.normalize("NFC", n): c for c, n in NAME.items()}
    rank, values, dti = {}, {}, {}
    for p in read_published(YEAR):
        c = code[unicodedata.normalize("NFC", p["province"])]
        if p["measure"] == "dti":
            rank[c] = int(p["rank"])
            if p["value"]:
                dti[c] = Decimal(p["value"])
        else:
            values.setdefault(c, {})[p["measure"]] = Decimal(p["value"])
    assert len(rank) == N and set(values) == {DA_NANG, HCM}
    # The prior column of PROVINCES is the same published ranking.
    assert rank == {c: r for c, _, r in PROVINCES}
    return rank, values, dti


def targets(rank, rng):
    """Exact target DTI (5 decimals) of every province but the two
    published ones: one rounded level per published rank, decreasing with
    at least MIN_GAP between neighbours, the tie pair on one level."""
    order = sorted((c for c in rank if c not in (DA_NANG, HCM)),
                   key=lambda c: (rank[c], c != TIE[0]))
    levels = []
    while len(levels) < len(set(rank[c] for c in order)):
        x = rng.gauss(0.505, 0.075)
        if LOW <= x <= TOP_OTHERS:   # redraw outside [LOW, TOP_OTHERS]
            levels.append(x)
    levels.sort(reverse=True)
    levels = [Decimal(repr(x)).quantize(Q) for x in levels]
    for i in range(1, len(levels)):
        levels[i] = min(levels[i], levels[i - 1] - MIN_GAP)
    level_of_rank = dict(zip(sorted({rank[c] for c in order}), levels))
    out = {}
    for c in order:
        lv = level_of_rank[rank[c]]
        if c == TIE[0]:
            off = 2
        elif c == TIE[1]:
            off = -3
        else:
            off = rng.choice([-4, -3, -2, -1, 0, 1, 2, 3, 4])
        out[c] = lv + off * Decimal("0.00001")
    return out


def generate(rng):
    rank, values, _ = published()
    rows = []
    for c in (DA_NANG, HCM):
        row = {"code": c, "province": NAME[c]}
        row.update(values[c])
        row["do_thi_thong_minh"] = CHOSEN_DTTM[c]
        rows.append(row)
    for c, t in sorted(targets(rank, rng).items()):
        gap = rng.uniform(0.12, 0.28)
        f, a = level_pair(float(t), gap)
        rows.append(realize_922(c, t, f, a, rng))
    return rows, rank


def check(rows, rank):
    out = []
    check_values(rows, COLUMNS_922)
    by = {r["code"]: r for r in rows}
    exact = {c: dti_922(r) for c, r in by.items()}
    rk = ranks(exact)
    _, values, pub_dti = published()
    for c in (DA_NANG, HCM):
        for k, v in values[c].items():
            assert by[c][k] == v, (c, k)
        assert abs(r4(exact[c]) - pub_dti[c]) <= Q
        out.append(f"{NAME[c]}: the 8 published indices; exact DTI "
                   f"{exact[c]} -> {r4(exact[c])} (published {pub_dti[c]}), "
                   f"rank {rk[c]}")
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
    fnd = sum(r[k] for r in rows for k in FOUNDATION) / (N * len(FOUNDATION))
    act = sum(r[k] for r in rows for k in ACTIVITY) / (N * len(ACTIVITY))
    assert fnd > act
    assert all(r["the_che_so"] % Decimal("0.05") == 0 for r in rows)
    out.append(f"foundation mean {fnd:.4f} > activity mean {act:.4f}; "
               f"index range {min(r[k] for r in rows for k in INDICES)}.."
               f"{max(r[k] for r in rows for k in INDICES)}")
    mean = sum(exact.values()) / N
    out.append(f"DTI range {r4(min(exact.values()))}.."
               f"{r4(max(exact.values()))}; mean {mean:.8f} -> {r4(mean)} "
               f"(no published 2022 mean)")
    out += check_published(rows, YEAR, nodes_922)
    return out


def main():
    out_path = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA / "2022.csv"
    rng = random.Random(SEED)
    rows, rank = generate(rng)
    for line in check(rows, rank):
        print(line)
    write(out_path, render(rows, COLUMNS_922))
    print(f"wrote {out_path} ({len(rows)} rows, seed {SEED})")


if __name__ == "__main__":
    main()
