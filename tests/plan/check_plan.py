#!/usr/bin/env python3
"""An independent check of `dti plan` (issue 13) on Tây Ninh's goals for 2025.

The goals (Báo Tây Ninh, 10/12/2022) are written here again, from the
published structure of Decision 922 and not from dti's files: five foundation
indices of 100 points, activity indices of 200, 150 and 150 points; the pillars
are the foundation plus one activity index (700, 650, 650 points), the DTI all
of them (1000). Values are published with 4 decimals, rounded half up; ranks
are competition ranks on the rounded values; the mean is the exact mean of
every province, rounded.

For each reading of "khá" (rank <= 30, or at least the national mean), this
script solves the same least-change problem with scipy's MILP solver (HiGHS)
and checks that dti's plan costs exactly as much, then writes dti's plan into a
copy of the data and checks every goal on what `dti score -f json` prints for
it. Usage: check_plan.py BUILD_DIR SOURCE_DIR
"""
import csv
import json
import math
import os
import subprocess
import sys
import tempfile
from decimal import Decimal, ROUND_HALF_UP
from fractions import Fraction

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

FOUNDATION = ["nhan_thuc_so", "the_che_so", "ha_tang_so", "nhan_luc_so", "an_toan_thong_tin"]
ACTIVITY = {"hd_chinh_quyen_so": 200, "hd_kinh_te_so": 150, "hd_xa_hoi_so": 150}
INDICES = FOUNDATION + list(ACTIVITY)
POINTS = {**{f: 100 for f in FOUNDATION}, **ACTIVITY}
NODES = {
    "dti": {i: POINTS[i] for i in INDICES},
    "chinh_quyen_so": {**{f: 100 for f in FOUNDATION}, "hd_chinh_quyen_so": 200},
    "kinh_te_so": {**{f: 100 for f in FOUNDATION}, "hd_kinh_te_so": 150},
    "xa_hoi_so": {**{f: 100 for f in FOUNDATION}, "hd_xa_hoi_so": 150},
}
PROVINCE = "Tây Ninh"


def rounded(value):
    """10^4 x value rounded half up, as an int."""
    return int((Decimal(value.numerator) / Decimal(value.denominator) * 10000).quantize(
        Decimal(1), rounding=ROUND_HALF_UP))


def node_value(row, node):
    pts = NODES[node]
    return sum(Fraction(row[i]) * p for i, p in pts.items()) / sum(pts.values())


def read(path):
    with open(path, encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def solve(rows, khá):
    """The least total change in points (a Fraction) meeting every goal."""
    me = next(r for r in rows if r["province"] == PROVINCE)
    others = [r for r in rows if r is not me]
    n_units = len(rows)
    cols = list(INDICES)  # x_i: 10^4 x the new value of index i
    lo = [math.ceil(Fraction(me[i]) * 10000) for i in INDICES]
    hi = [10000] * len(INDICES)
    integer = [1] * len(INDICES)
    rows_a, lbs, ubs = [], [], []

    def new_col(lower, upper):
        cols.append(None)
        lo.append(lower)
        hi.append(upper)
        integer.append(1)
        for a in rows_a:
            a.append(0)
        return len(cols) - 1

    def row(coef, lower, upper):
        a = [0] * len(cols)
        for j, c in coef.items():
            a[j] = c
        rows_a.append(a)
        lbs.append(lower)
        ubs.append(upper)

    def least(coef):
        return sum(c * (lo[j] if c > 0 else hi[j]) for j, c in coef.items())

    def most(coef):
        return sum(c * (hi[j] if c > 0 else lo[j]) for j, c in coef.items())

    def at_least(coef, bound, z):
        """sum coef x >= bound, or free when the binary z is 0."""
        if z is not None:
            big = bound - least(coef)
            coef = {**coef, z: -big}
            bound -= big
        row(coef, bound, np.inf)

    def at_most(coef, bound, z):
        if z is not None:
            big = most(coef) - bound
            coef = {**coef, z: big}
            bound += big
        row(coef, -np.inf, bound)

    def x_coef(node):
        return {INDICES.index(i): p for i, p in NODES[node].items()}

    def rank_alt(node, rank, z):
        # round(10^4 value) >= T, T the rank-th rounded value among the others:
        # sum p x >= (T - 1/2) P
        t = sorted((rounded(node_value(o, node)) for o in others), reverse=True)[rank - 1]
        total = sum(NODES[node].values())
        at_least(x_coef(node), math.ceil((Fraction(t) - Fraction(1, 2)) * total), z)

    def mean_alt(node, z):
        # r integer: round(own) >= r and round(mean) <= r, the mean of every
        # province with the new value: sum p x >= (r - 1/2) P and
        # sum p x - P n r < P (n/2 - Y), Y the others' 10^4 x values.
        total = sum(NODES[node].values())
        y = sum(node_value(o, node) for o in others) * 10000
        r = new_col(0, 10000)
        at_least({**x_coef(node), r: -total}, math.ceil(-Fraction(total, 2)), z)
        at_most({**x_coef(node), r: -total * n_units},
                math.ceil(total * (Fraction(n_units, 2) - y)) - 1, z)

    def either(node, rank):
        z1, z2 = new_col(0, 1), new_col(0, 1)
        rank_alt(node, rank, z1)
        mean_alt(node, z2)
        row({z1: 1, z2: 1}, 1, np.inf)

    if khá == "rank":
        rank_alt("dti", 30, None)
    else:
        mean_alt("dti", None)
    either("chinh_quyen_so", 25)
    either("kinh_te_so", 30)
    either("xa_hoi_so", 30)

    c = np.zeros(len(cols))
    for j, i in enumerate(INDICES):
        c[j] = POINTS[i]
    res = milp(c, constraints=LinearConstraint(np.array(rows_a, dtype=float), lbs, ubs),
               integrality=np.array(integer), bounds=Bounds(lo, hi),
               options={"mip_rel_gap": 0})
    assert res.status == 0, res.message
    x = [round(v) for v in res.x[:len(INDICES)]]
    return sum(Fraction(POINTS[i]) * (Fraction(x[j], 10000) - Fraction(me[i]))
               for j, i in enumerate(INDICES))


def check_rescored(dti, rows, plan, khá, csv_path):
    """Writes the plan into a copy of the data; checks every goal with dti score."""
    changed = [dict(r) for r in rows]
    me = next(r for r in changed if r["province"] == PROVINCE)
    for step in plan:
        me[step["id"]] = str(step["to"])
    with open(csv_path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(changed)
    out = json.loads(subprocess.run([dti, "score", "-f", "json", "--year", "2021", csv_path],
                                    check=True, capture_output=True, text=True).stdout)
    unit = next(p for p in out["provinces"] if p["name"] == PROVINCE)
    nodes = unit["nodes"]

    def above_mean(node):
        return Decimal(str(nodes[node]["value"])) >= Decimal(str(out["summary"][node]["mean"]))

    dti_ok = nodes["dti"]["rank"] <= 30 if khá == "rank" else above_mean("dti")
    assert dti_ok, ("DTI", nodes["dti"])
    for node, rank in [("chinh_quyen_so", 25), ("kinh_te_so", 30), ("xa_hoi_so", 30)]:
        assert nodes[node]["rank"] <= rank or above_mean(node), (node, nodes[node])


def main():
    build, source = sys.argv[1], sys.argv[2]
    dti = os.path.join(build, "dti")
    data = os.path.join(source, "data", "2021.csv")
    rows = read(data)
    failures = 0
    for khá, goals in [("rank", "tay-ninh-2025-top30.csv"), ("mean", "tay-ninh-2025-mean.csv")]:
        expected = solve(rows, khá)
        run = subprocess.run([dti, "plan", PROVINCE, data, "-f", "json", "--goals",
                              os.path.join(source, "data", "goals", goals)],
                             capture_output=True, text=True)
        doc = json.loads(run.stdout, parse_float=Decimal)
        got = Fraction(doc["cost"])
        ok = run.returncode == 0 and doc["complete"] and got == expected
        print(f"khá as {khá}: scipy {float(expected):.4f} points, dti {float(got):.4f} "
              f"({'same' if got == expected else 'DIFFERENT'}), exit {run.returncode}")
        if not ok:
            failures += 1
            continue
        with tempfile.TemporaryDirectory() as tmp:
            check_rescored(dti, rows, doc["plan"], khá, os.path.join(tmp, "2021.csv"))
        print(f"khá as {khá}: every goal met when dti score rescores the plan")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
