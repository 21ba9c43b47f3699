#!/usr/bin/env python3
"""province_check.py - check the numbers of a `dti report --province` page
against independent figures (Python 3 standard library only).

Usage: province_check.py REPORT.html SCORES.csv INPUT.csv PROVINCE POINTS
                         [--mean VALUE]

SCORES.csv is `dti score -f csv` of INPUT.csv; POINTS the main indices'
maximum points in method order ("100,100,100,100,100,200,150,150"). Checks
that the headline's value and rank and the pillar table are those of dti
score; that the main indices table gives the province's values and ranks,
the best value of each index and, for a file of the 63 provinces, the
national mean (the plain mean of INPUT's column, half up to 4 decimals),
or --mean as the DTI's national mean (a published figure); and that the
gap decomposition is exact: the weight shares are points / total, the
contributions add up to the printed gap, which is the province's exact DTI
minus the exact mean DTI of INPUT (rounded half up to 6 decimals), and each
contribution is its weight x (value - exact mean) within 0.000001 (the
printed ones are apportioned by largest remainders). Exit 0 if all holds.
"""
import csv
import html
import re
import sys
from decimal import ROUND_HALF_UP, Decimal

problems = []


def dec(text):
    return Decimal(text.replace(",", ".").replace("+", ""))


def q(value, places):
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def cells(row):
    return [html.unescape(re.sub(r"<[^>]*>", "", c))
            for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)]


def table(page, cls, index=0):
    tables = re.findall(rf'<table class="{cls}">(.*?)</table>', page, re.S)
    return [cells(r) for r in re.findall(r"<tr[^>]*>(.*?)</tr>", tables[index], re.S)]


def main(argv):
    if len(argv) < 6:
        sys.exit(__doc__)
    page = open(argv[1], encoding="utf-8").read()
    province = argv[4]
    points = [Decimal(p) for p in argv[5].split(",")]
    published_mean = Decimal(argv[7]) if len(argv) > 7 and argv[6] == "--mean" else None
    with open(argv[2], encoding="utf-8") as f:
        scores = list(csv.DictReader(f))
    with open(argv[3], encoding="utf-8-sig") as f:
        inputs = list(csv.DictReader(f))
    row = next(r for r in scores if r["name"] == province)
    n = len(scores)

    m = re.search(r"của ([^:<]+): <strong>([0-9,]+)</strong>, xếp hạng <strong>(\d+)</strong>/(\d+)",
                  page)
    if not m:
        problems.append("no headline with value and rank")
    else:
        if m.group(1) != province:
            problems.append(f"headline names {m.group(1)!r}")
        if dec(m.group(2)) != Decimal(row["dti"]) or m.group(3) != row["rank"] or \
                int(m.group(4)) != n:
            problems.append(f"headline {m.group(2)} rank {m.group(3)}/{m.group(4)}, dti score "
                            f"gives {row['dti']} rank {row['rank']}/{n}")
    overview = table(page, "overview")[1:]
    pillars = [k for k in ("chinh_quyen_so", "kinh_te_so", "xa_hoi_so") if k in row]
    for cellrow, key in zip(overview, ["dti"] + pillars):
        rank = row["rank"] if key == "dti" else row[key + "_rank"]
        if dec(cellrow[1]) != Decimal(row[key]) or cellrow[2] != f"{rank}/{n}":
            problems.append(f"{cellrow[0]}: {cellrow[1]} {cellrow[2]}, dti score gives "
                            f"{row[key]} {rank}/{n}")
    if published_mean is not None and dec(overview[0][3]) != published_mean:
        problems.append(f"national mean DTI {overview[0][3]}, published {published_mean}")

    indices = table(page, "indices")[1:]
    keys = [k for k in ("nhan_thuc_so", "the_che_so", "ha_tang_so", "nhan_luc_so",
                        "an_toan_thong_tin", "hd_chinh_quyen_so", "hd_kinh_te_so",
                        "hd_xa_hoi_so")]
    if len(indices) != len(keys):
        problems.append(f"{len(indices)} main indices, expected {len(keys)}")
    for cellrow, key, pts in zip(indices, keys, points):
        values = [Decimal(r[key]) for r in inputs]
        value = Decimal(row[key])
        rank = 1 + sum(1 for v in values if q(v, 4) > q(value, 4))
        if dec(cellrow[2]) != value or int(cellrow[3].split()[0]) != rank:
            problems.append(f"{cellrow[0]}: {cellrow[2]} rank {cellrow[3]}, expected {value} "
                            f"rank {rank}")
        if Decimal(cellrow[1].replace(".", "")) != pts:
            problems.append(f"{cellrow[0]}: {cellrow[1]} points, expected {pts}")
        if n == 63 and dec(cellrow[4]) != q(sum(values) / len(values), 4):
            problems.append(f"{cellrow[0]}: mean {cellrow[4]}, expected "
                            f"{q(sum(values) / len(values), 4)}")
        if dec(cellrow[6]) != q(max(values), 4):
            problems.append(f"{cellrow[0]}: best {cellrow[6]}, expected {max(values)}")

    # The decomposition of the DTI: the first gap table.
    gap = table(page, "gap")[1:]
    total = sum(points)
    if n == 63:
        def exact(r):
            return sum(p * Decimal(r[k]) for p, k in zip(points, keys)) / total
        mine = next(r for r in inputs if province in r.get("province", r.get("name", "")))
        want_gap = q(exact(mine) - sum(exact(r) for r in inputs) / len(inputs), 6)
    contributions = Decimal(0)
    for cellrow, key, pts in zip(gap[:-1], keys, points):
        w = dec(cellrow[1])
        if w != q(pts / total, 6):
            problems.append(f"{cellrow[0]}: weight {w}, expected {q(pts / total, 6)}")
        c = dec(cellrow[4])
        contributions += c
        if n == 63:
            values = [Decimal(r[key]) for r in inputs]
            want = pts / total * (Decimal(row[key]) - sum(values) / len(values))
            if abs(c - want) > Decimal("0.0000011"):
                problems.append(f"{cellrow[0]}: contribution {c}, expected {want:.8f}")
    printed_gap = dec(gap[-1][4])
    if contributions != printed_gap:
        problems.append(f"contributions add up to {contributions}, the gap is {printed_gap}")
    if n == 63 and printed_gap != want_gap:
        problems.append(f"gap {printed_gap}, expected {want_gap}")
    if problems:
        for p in problems:
            print(f"{argv[1]}: {p}")
        return 1
    print(f"{argv[1]}: ok (headline, {len(overview)} pillar rows, {len(indices)} main indices, "
          f"gap {printed_gap} = sum of {len(gap) - 1} contributions)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
