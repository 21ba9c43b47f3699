#!/usr/bin/env python3
"""Check an input file against the published figures of its year.

An independent re-implementation (Python 3 standard library, exact
decimal.Decimal arithmetic) of what `dti verify INPUT --published FILE` is
meant to check, used to verify the illustrative files of data/:

  * every node is computed exactly and rounded half up to 4 decimals;
  * ranks are competition ranks (1, 2, 2, 4), descending, on the rounded
    values, one ranking per node (main index, pillar, dti);
  * a published value must lie within 1e-4 of the computed rounded value, a
    published rank must equal the computed rank exactly;
  * `mean_dti` is the mean of the exact DTI values of all provinces, rounded.

Methods: Decision 1726 (2020: the three pillars are the inputs, DTI =
0.4*CQS + 0.3*KTS + 0.3*XHS), Decision 922 (2021-2023: eight scored main
indices, pillars = (foundation points + own activity points) / 700 or 650,
DTI = all points / 1000) and the 2024 points inferred from the published
results (foundation 50/50/140/100/100, activities 200/150/150: pillars / 640
or 590, DTI / 940).

A file of 2024 with 34 rows is the 34 units of 2025: its `mean_*` rows are
the national means over the 63 old provinces, each unit weighted by its
number of old provinces (data/provinces.csv, column unit_2025).

Usage: python3 data/tools/check-published.py INPUT.csv PUBLISHED.csv
Prints one line per published row and exits 1 if any row disagrees.
"""

import csv
import sys
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

Q = Decimal("0.0001")
TOL = Decimal("0.0001")

FOUNDATION = {"nhan_thuc_so": 100, "the_che_so": 100, "ha_tang_so": 100,
              "nhan_luc_so": 100, "an_toan_thong_tin": 100}
ACTIVITY = {"hd_chinh_quyen_so": ("chinh_quyen_so", 200),
            "hd_kinh_te_so": ("kinh_te_so", 150),
            "hd_xa_hoi_so": ("xa_hoi_so", 150)}
QD1726 = {"chinh_quyen_so": 400, "kinh_te_so": 300, "xa_hoi_so": 300}
FOUNDATION_2024 = {"nhan_thuc_so": 50, "the_che_so": 50, "ha_tang_so": 140,
                   "nhan_luc_so": 100, "an_toan_thong_tin": 100}


def key(name):
    """Loose name key: lower-case ASCII letters and digits only (diacritics
    removed, đ = d, so "Hoà"/"Hòa" and "Thừa Thiên - Huế"/"Thừa Thiên Huế"
    agree), without a leading "TP.", "Thành phố" or "Tỉnh"."""
    n = unicodedata.normalize("NFD", name).replace("đ", "d").replace("Đ", "d")
    k = "".join(ch for ch in n.lower() if ch.isascii() and ch.isalnum())
    for p in ("thanhpho", "tinh", "tp"):
        if k.startswith(p) and len(k) > len(p):
            return k[len(p):]
    return k


def nodes_foundation(row, foundation):
    v = {k: Decimal(row[k]) for k in list(foundation) + list(ACTIVITY)}
    f = sum(w * v[k] for k, w in foundation.items())
    f_max = sum(foundation.values())
    out = dict(v)
    total = f
    for k, (pillar, w) in ACTIVITY.items():
        out[pillar] = (f + w * v[k]) / (f_max + w)
        total += w * v[k]
    out["dti"] = total / (f_max + sum(w for _, w in ACTIVITY.values()))
    return out


def nodes_922(row):
    return nodes_foundation(row, FOUNDATION)


def nodes_2024(row):
    return nodes_foundation(row, FOUNDATION_2024)


def old_provinces_per_unit():
    """Unit of 2025 (by key) -> how many of the 63 provinces it comprises."""
    here = __file__.rsplit("/", 2)[0] if "/" in __file__ else "."
    count = {}
    with open(f"{here}/provinces.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            count[key(r["unit_2025"])] = count.get(key(r["unit_2025"]), 0) + 1
    return count


def nodes_1726(row):
    v = {k: Decimal(row[k]) for k in QD1726}
    out = dict(v)
    out["dti"] = sum(w * v[k] for k, w in QD1726.items()) / 1000
    return out


def r4(x):
    return x.quantize(Q, rounding=ROUND_HALF_UP)


def main():
    inp, pub = sys.argv[1], sys.argv[2]
    with open(inp, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    with open(pub, encoding="utf-8", newline="") as f:
        published = list(csv.DictReader(f))
    years = {p["year"] for p in published}
    assert len(years) == 1, years
    year = int(years.pop())
    score = nodes_1726 if year == 2020 else nodes_2024 if year == 2024 else nodes_922
    exact = {key(r["province"]): score(r) for r in rows}
    weight = {p: 1 for p in exact}
    if year == 2024 and len(rows) == 34:
        per_unit = old_provinces_per_unit()
        weight = {p: per_unit[p] for p in exact}
    assert len(exact) == len(rows), "duplicate province names"
    node_ids = next(iter(exact.values())).keys()
    rounded = {p: {n: r4(x) for n, x in v.items()} for p, v in exact.items()}
    rank = {}
    for n in node_ids:
        vals = [rounded[p][n] for p in rounded]
        for p in rounded:
            rank.setdefault(p, {})[n] = 1 + sum(1 for w in vals
                                                if w > rounded[p][n])
    bad = 0
    for row in published:
        m = row["measure"]
        if m.startswith("mean_"):
            n = m[len("mean_"):]
            total = sum(weight.values())
            mean = sum(weight[p] * v[n] for p, v in exact.items()) / total
            got_v, got_r, who = r4(mean), None, f"mean of {total}"
            extra = f" (exact {mean:.8f})"
        else:
            p = key(row["province"])
            if p not in exact:
                print(f"MISSING {row['province']}: not in {inp}")
                bad += 1
                continue
            got_v, got_r, who = rounded[p][m], rank[p][m], row["province"]
            extra = f" (exact {exact[p][m]})"
        ok = True
        if row["value"]:
            ok &= abs(got_v - Decimal(row["value"])) <= TOL
        if row["rank"]:
            ok &= got_r == int(row["rank"])
        bad += not ok
        print(f"{'ok ' if ok else 'BAD'} {who} {m}: published "
              f"{row['value'] or '-'} rank {row['rank'] or '-'}; computed "
              f"{got_v} rank {got_r if got_r is not None else '-'}{extra}")
    print(f"{len(published) - bad} of {len(published)} published rows agree")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
