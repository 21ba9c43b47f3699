"""Shared helpers of the generators of the illustrative inputs in data/
(make-2020.py ... make-2023.py). Python 3 standard library only;
exact arithmetic with decimal.Decimal, rounding half up (half away from zero,
as the published values and `dti` do).
"""

import csv
import io
import unicodedata
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from pathlib import Path

Q = Decimal("0.0001")
ONE = Decimal(1)
ZERO = Decimal(0)
N = 63
DATA = Path(__file__).resolve().parent.parent

# GSO code, name as commonly written in Vietnamese reports (and as written in
# data/published/), and the published DTI 2022 rank (dti.gov.vn/xep-hang-2022).
# The same list as in make-2021.py.
PROVINCES = [
    ("01", "TP. Hà Nội", 24), ("02", "Hà Giang", 57), ("04", "Cao Bằng", 61),
    ("06", "Bắc Kạn", 63), ("08", "Tuyên Quang", 48), ("10", "Lào Cai", 38),
    ("11", "Điện Biên", 35), ("12", "Lai Châu", 53), ("14", "Sơn La", 44),
    ("15", "Yên Bái", 15), ("17", "Hòa Bình", 42), ("19", "Thái Nguyên", 8),
    ("20", "Lạng Sơn", 6), ("22", "Quảng Ninh", 3), ("24", "Bắc Giang", 9),
    ("25", "Phú Thọ", 23), ("26", "Vĩnh Phúc", 18), ("27", "Bắc Ninh", 7),
    ("30", "Hải Dương", 13), ("31", "TP. Hải Phòng", 14),
    ("33", "Hưng Yên", 33), ("34", "Thái Bình", 56), ("35", "Hà Nam", 34),
    ("36", "Nam Định", 10), ("37", "Ninh Bình", 21), ("38", "Thanh Hóa", 15),
    ("40", "Nghệ An", 52), ("42", "Hà Tĩnh", 37), ("44", "Quảng Bình", 46),
    ("45", "Quảng Trị", 55), ("46", "Thừa Thiên - Huế", 4),
    ("48", "TP. Đà Nẵng", 1), ("49", "Quảng Nam", 31),
    ("51", "Quảng Ngãi", 26), ("52", "Bình Định", 29), ("54", "Phú Yên", 59),
    ("56", "Khánh Hòa", 41), ("58", "Ninh Thuận", 27),
    ("60", "Bình Thuận", 50), ("62", "Kon Tum", 45), ("64", "Gia Lai", 62),
    ("66", "Đắk Lắk", 47), ("67", "Đắk Nông", 49), ("68", "Lâm Đồng", 22),
    ("70", "Bình Phước", 12), ("72", "Tây Ninh", 40),
    ("74", "Bình Dương", 19), ("75", "Đồng Nai", 43),
    ("77", "Bà Rịa - Vũng Tàu", 28), ("79", "TP. Hồ Chí Minh", 2),
    ("80", "Long An", 11), ("82", "Tiền Giang", 20), ("83", "Bến Tre", 51),
    ("84", "Trà Vinh", 25), ("86", "Vĩnh Long", 30), ("87", "Đồng Tháp", 39),
    ("89", "An Giang", 54), ("91", "Kiên Giang", 32),
    ("92", "TP. Cần Thơ", 5), ("93", "Hậu Giang", 17),
    ("94", "Sóc Trăng", 36), ("95", "Bạc Liêu", 60), ("96", "Cà Mau", 58),
]
NAME = {c: n for c, n, _ in PROVINCES}
CODE = {n: c for c, n, _ in PROVINCES}

# Decision 922/QĐ-BTTTT (DTI 2021-2023).
COLUMNS_922 = ["code", "province", "nhan_thuc_so", "the_che_so", "ha_tang_so",
               "nhan_luc_so", "an_toan_thong_tin", "hd_chinh_quyen_so",
               "hd_kinh_te_so", "hd_xa_hoi_so", "do_thi_thong_minh"]
WEIGHTS_922 = {"nhan_thuc_so": 100, "the_che_so": 100, "ha_tang_so": 100,
               "nhan_luc_so": 100, "an_toan_thong_tin": 100,
               "hd_chinh_quyen_so": 200, "hd_kinh_te_so": 150,
               "hd_xa_hoi_so": 150}
FOUNDATION = ["nhan_thuc_so", "the_che_so", "ha_tang_so", "nhan_luc_so",
              "an_toan_thong_tin"]
ACTIVITY = ["hd_chinh_quyen_so", "hd_kinh_te_so", "hd_xa_hoi_so"]
PILLAR_OF = {"hd_chinh_quyen_so": "chinh_quyen_so",
             "hd_kinh_te_so": "kinh_te_so", "hd_xa_hoi_so": "xa_hoi_so"}

# Decision 1726/QĐ-BTTTT (DTI 2020): the three pillars are the inputs.
COLUMNS_1726 = ["code", "province", "chinh_quyen_so", "kinh_te_so",
                "xa_hoi_so"]
WEIGHTS_1726 = {"chinh_quyen_so": 400, "kinh_te_so": 300, "xa_hoi_so": 300}


def q4(x, lo=ZERO, hi=ONE):
    """Clamps x (float or Decimal) to [lo, hi] and rounds it to 4 decimals."""
    d = Decimal(repr(x)) if isinstance(x, float) else Decimal(x)
    return min(hi, max(lo, d)).quantize(Q, rounding=ROUND_HALF_UP)


def r4(x, mode=ROUND_HALF_UP):
    return x.quantize(Q, rounding=mode)


def is_half(x):
    """True when x lies exactly halfway between two 4-decimal values."""
    return (x * 20000) % 2 == 1


def dti_922(row):
    return sum(w * row[k] for k, w in WEIGHTS_922.items()) / Decimal(1000)


def nodes_922(row):
    """Exact values of every scored node: the main indices, the pillars and
    dti."""
    f = sum(100 * row[k] for k in FOUNDATION)
    out = {k: row[k] for k in WEIGHTS_922}
    for k, p in PILLAR_OF.items():
        w = WEIGHTS_922[k]
        out[p] = (f + w * row[k]) / (500 + w)
    out["dti"] = dti_922(row)
    return out


def dti_1726(row):
    return sum(w * row[k] for k, w in WEIGHTS_1726.items()) / Decimal(1000)


def nodes_1726(row):
    out = {k: row[k] for k in WEIGHTS_1726}
    out["dti"] = dti_1726(row)
    return out


def ranks(values):
    """Competition ranks, descending, on the 4-decimal values:
    {key: value} -> {key: rank}."""
    rounded = {k: r4(v) for k, v in values.items()}
    return {k: 1 + sum(1 for w in rounded.values() if w > v)
            for k, v in rounded.items()}


def read_published(year):
    path = DATA / "published" / f"{year}.csv"
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def check_published(rows, year, nodes):
    """Asserts every row of data/published/YEAR.csv against rows (a list of
    dicts with code, province and Decimal values): values within 1e-4 of the
    rounded computed value, ranks exactly equal, mean_dti within 1e-4 of the
    rounded mean of the exact DTI values. Returns printable lines."""
    exact = {r["code"]: nodes(r) for r in rows}
    by_name = {unicodedata.normalize("NFC", r["province"]): r["code"]
               for r in rows}
    node_ids = next(iter(exact.values())).keys()
    rank = {n: ranks({c: v[n] for c, v in exact.items()}) for n in node_ids}
    out = []
    pub = read_published(year)
    for p in pub:
        m = p["measure"]
        if m == "mean_dti":
            mean = sum(v["dti"] for v in exact.values()) / len(exact)
            got_v, got_r = r4(mean), None
        else:
            c = by_name[unicodedata.normalize("NFC", p["province"])]
            got_v, got_r = r4(exact[c][m]), rank[m][c]
        if p["value"]:
            assert abs(got_v - Decimal(p["value"])) <= Q, (p, got_v)
        if p["rank"]:
            assert got_r == int(p["rank"]), (p, got_r)
    out.append(f"all {len(pub)} rows of data/published/{year}.csv agree "
               f"(values within 1e-4, ranks exact)")
    return out


def render(rows, columns):
    """CSV text in GSO code order, values with 4 decimals, LF, NFC."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    order = {p[0]: i for i, p in enumerate(PROVINCES)}
    for r in sorted(rows, key=lambda r: order[r["code"]]):
        w.writerow([r["code"], r["province"]] +
                   [f"{r[k]:.4f}" for k in columns[2:]])
    return unicodedata.normalize("NFC", buf.getvalue())


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def check_values(rows, columns):
    """Asserts 63 distinct codes and every value in [0, 1] with 4 decimals."""
    assert len(rows) == N and len({r["code"] for r in rows}) == N
    assert {r["code"] for r in rows} == set(NAME)
    for r in rows:
        assert r["province"] == NAME[r["code"]]
        for k in columns[2:]:
            v = r[k]
            assert ZERO <= v <= ONE and v == v.quantize(Q), (r["code"], k, v)


def check_rounding(exact):
    """Asserts that no exact value lies on a rounding half (so half up and
    half to even agree)."""
    assert not any(is_half(x) for x in exact), "a DTI lies on a half"
    assert all(r4(x) == r4(x, ROUND_HALF_EVEN) for x in exact)


# Typical offsets of each main index from the province's foundation level f
# (the five foundation indices) or activity level a (the three activity
# indices), and their spread. Used by realize_922.
PROFILE_922 = {
    "nhan_thuc_so": ("f", 0.08, 0.06),
    "the_che_so": ("f", 0.04, 0.07),     # on a 0.05 grid
    "ha_tang_so": ("f", 0.00, 0.05),
    "nhan_luc_so": ("f", -0.07, 0.05),
    "an_toan_thong_tin": ("f", -0.05, 0.07),
    "hd_chinh_quyen_so": ("a", 0.05, 0.05),
    "hd_kinh_te_so": ("a", -0.03, 0.06),
    "hd_xa_hoi_so": ("a", -0.04, 0.06),
}
# Indices that move to bring a province's DTI onto its target (the_che_so
# stays on its grid).
ADJUST = ["nhan_thuc_so", "ha_tang_so", "nhan_luc_so", "an_toan_thong_tin",
          "hd_chinh_quyen_so", "hd_kinh_te_so", "hd_xa_hoi_so"]


def realize_922(code, target, f, a, rng, lo=Decimal("0.10"),
                hi=Decimal("0.99")):
    """A row of main indices (Decision 922) whose exact DTI is exactly
    target (a Decimal with at most 5 decimals): drawn around the foundation
    level f and activity level a (floats) with PROFILE_922, then moved onto
    the target, first coarsely (all adjustable indices together), then
    0.0001 of a 100-point index (0.00001 of DTI) at a time. Values stay in
    [lo, hi]; the_che_so is a multiple of 0.05."""
    assert target == target.quantize(Decimal("0.00001")), target
    row = {"code": code, "province": NAME[code]}
    for k, (base, off, sd) in PROFILE_922.items():
        x = (f if base == "f" else a) + off + rng.gauss(0, sd)
        if k == "the_che_so":
            x = min(0.95, max(0.10, round(x * 20) / 20))
        row[k] = q4(x, lo, hi)
    row["do_thi_thong_minh"] = q4(f - 0.20 + rng.gauss(0, 0.10), ZERO,
                                  Decimal("0.95"))
    # Coarse: moving every adjustable index by d moves DTI by d*900/1000.
    for _ in range(10):
        diff = target - dti_922(row)
        if abs(diff) < Decimal("0.0005"):
            break
        step = (diff * 1000 / 900).quantize(Q)
        for k in ADJUST:
            row[k] = min(hi, max(lo, row[k] + step))
    # The 6th decimal: one step of hd_kinh_te_so is 0.000015 of DTI.
    if (dti_922(row) * 100000) % 1:
        k = "hd_kinh_te_so"
        row[k] += Q if row[k] < hi else -Q
    # Fine: foundation indices in turn, 0.00001 of DTI per 0.0001.
    fine = ["ha_tang_so", "nhan_luc_so", "nhan_thuc_so", "an_toan_thong_tin"]
    units = int((target - dti_922(row)) * 100000)
    i = 0
    stuck = 0
    while units:
        k = fine[i % len(fine)]
        i += 1
        s = 1 if units > 0 else -1
        n = min(abs(units), max(1, abs(units) // len(fine) + 1))
        room = int(((hi - row[k]) if s > 0 else (row[k] - lo)) / Q)
        n = min(n, room)
        if n <= 0:
            stuck += 1
            assert stuck < 2 * len(fine), ("cannot reach target", code)
            continue
        stuck = 0
        row[k] += s * n * Q
        units -= s * n
    assert dti_922(row) == target, (code, dti_922(row), target)
    return row


def level_pair(t, gap):
    """Foundation and activity levels whose equal-weight mean is t."""
    return t + gap / 2, t - gap / 2
