#!/usr/bin/env python3
"""Inputs of the joins benchmark (bench/joins.sh), from a score file.

    joins_data.py SCORES.csv OUTDIR

SCORES.csv is a file of ../shared/bench/gen.py (code,name and the 8 index
values of method qd922, 4 decimals). Writes into OUTDIR:

  published.csv  what a ministry would publish for every unit (verify):
                 year,province,measure,value,rank with the DTI and the three
                 pillars (value and competition rank, computed exactly here,
                 the unit named by its code), the 8 index values of every
                 tenth unit, and the national means. 1% of DTI values are
                 off by 0.0010 (dti explains them from the inputs), 1% of
                 pillar values carry a fifth decimal within the tolerance
                 (dti checks that every input is published), 0.5% of ranks
                 are off by one and 0.1% of rows name a unit not in the input.
  new.csv        the next year's file (compare): the same units with values
                 moved a little, without every hundredth unit, and 1% new units.
  crosswalk.csv  old_code,new_code,new_name (merge): units taken three by
                 three, in file order, into new units M0000001, ...

Python 3 standard library only; deterministic (random.Random(922)).
"""
import csv
import os
import random
import sys

IDS = ["nhan_thuc_so", "the_che_so", "ha_tang_so", "nhan_luc_so", "an_toan_thong_tin",
       "hd_chinh_quyen_so", "hd_kinh_te_so", "hd_xa_hoi_so"]
MAX = [100, 100, 100, 100, 100, 200, 150, 150]  # qd922 max points, in IDS order
# Each measure: the indices it adds (points) over their maximum.
MEASURES = {
    "dti": range(8),
    "chinh_quyen_so": [0, 1, 2, 3, 4, 5],
    "kinh_te_so": [0, 1, 2, 3, 4, 6],
    "xa_hoi_so": [0, 1, 2, 3, 4, 7],
}


def tenths_of_thousandths(text):
    """'0.7024' -> 7024 (values have at most 4 decimals)."""
    whole, _, frac = text.partition(".")
    return int(whole) * 10000 + int((frac + "0000")[:4])


def score(v, idx):
    """The measure over indices idx, in 10^-4, rounded half away from zero."""
    num = sum(v[i] * MAX[i] for i in idx)
    den = sum(MAX[i] for i in idx)
    return (2 * num + den) // (2 * den)


def fmt(q, digits=4):
    return "%d.%0*d" % (q // 10 ** digits, digits, q % 10 ** digits)


def ranks(qs):
    """Competition ranks (1,2,2,4) of the values qs, highest first."""
    order = sorted(range(len(qs)), key=lambda u: -qs[u])
    r = [0] * len(qs)
    for pos, u in enumerate(order):
        r[u] = r[order[pos - 1]] if pos > 0 and qs[order[pos - 1]] == qs[u] else pos + 1
    return r


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: joins_data.py SCORES.csv OUTDIR")
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(922)
    with open(src, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    assert header[2:] == IDS, header
    vals = [[tenths_of_thousandths(c) for c in r[2:]] for r in rows]
    n = len(rows)

    with open(os.path.join(out, "published.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["year", "province", "measure", "value", "rank"])
        for m, idx in MEASURES.items():
            qs = [score(v, idx) for v in vals]
            rk = ranks(qs)
            for u in range(n):
                value, rank, code = fmt(qs[u]), rk[u], rows[u][0]
                x = rng.random()
                if x < 0.01 and m == "dti":
                    value = fmt(qs[u] + 10)
                elif x < 0.01:
                    value = fmt(qs[u] * 10 + 3, 5)
                elif x < 0.015:
                    rank += 1
                elif x < 0.016:
                    code = "XX" + code
                w.writerow([2022, code, m, value, rank])
            w.writerow([2022, "(provincial mean)", "mean_" + m,
                        fmt((2 * sum(qs) + n) // (2 * n)), ""])
        for u in range(0, n, 10):
            for i, ind in enumerate(IDS):
                w.writerow([2022, rows[u][0], ind, fmt(vals[u][i]), ""])

    with open(os.path.join(out, "new.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for u in range(n):
            if u % 100 == 99:
                continue
            moved = [min(10000, max(0, x + int(rng.gauss(0, 300)))) for x in vals[u]]
            w.writerow(rows[u][:2] + [fmt(x) for x in moved])
            if u % 100 == 0:
                w.writerow(["NW" + rows[u][0], "Mới " + rows[u][1]] +
                           [fmt(rng.randrange(10001)) for _ in IDS])

    with open(os.path.join(out, "crosswalk.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["old_code", "new_code", "new_name"])
        for u in range(n):
            w.writerow([rows[u][0], "M%07d" % (u // 3 + 1), "Đơn vị mới %d" % (u // 3 + 1)])


if __name__ == "__main__":
    main()
