#!/usr/bin/env python3
"""A real client reads what dti writes for spreadsheets.

usage: check_workbook.py BUILD_DIR SOURCE_DIR

For each case below, dti writes a workbook (-f xlsx) and a CSV for Excel
(--excel); LibreOffice Calc (soffice --headless, Debian's
libreoffice-calc-nogui) opens them all in one run, the CSV imported as on a
Vietnamese desktop (';', decimal comma, locale vi-VN), and saves them as flat
OpenDocument, which holds each cell's stored value and the text it shows.
Against `dti ... -f csv` of the same command:
- every number is a number cell equal to the CSV's value and shows its
  decimals (0.7670, not 0.767); a percentage is stored as a fraction;
- every code and name is a text cell, exactly as in the CSV (Hà Nội's "01"
  stays "01" in the workbook);
- row 1 holds the Vietnamese headers, row 2 the CSV's ids and is hidden;
- the "Thông tin" sheet has the issue date (from SOURCE_DATE_EPOCH), the
  legal source and the version;
- the Excel CSV imports with the Vietnamese headers, every number read as
  the number the machine CSV says.
"""
import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from decimal import Decimal

BUILD, SOURCE = sys.argv[1], sys.argv[2]
DTI = os.path.join(BUILD, "dti")
DATA = os.path.join(SOURCE, "data")
EPOCH = "1765065600"  # 2025-12-07 00:00 UTC: issued 07/12/2025 in Vietnam

CASES = {
    "score2021": (["score", f"{DATA}/2021.csv"], "Xếp hạng"),
    "score2020": (["score", f"{DATA}/2020.csv"], "Xếp hạng"),
    "score2024": (["score", f"{DATA}/2024.csv"], "Xếp hạng"),
    "compare": (["compare", f"{DATA}/2021.csv", f"{DATA}/2022.csv"], "So sánh"),
    "merge": (["merge", f"{DATA}/2023.csv", "--into", "2025"], "Xếp hạng"),
}
# The Vietnamese headers a reader sees over columns with these ids.
HEADS = {"rank": "Xếp hạng", "code": "Mã", "name": "Tỉnh, thành phố", "dti": "Chỉ số DTI",
         "kinh_te_so": "Kinh tế số", "kinh_te_so_rank": "Xếp hạng Kinh tế số",
         "group": "Nhóm", "dti_change_percent": "Chỉ số DTI: thay đổi (%)",
         "nhan_thuc_so": "Nhận thức số"}
TEXT = ("code", "name", "status", "group")
STATUS = {"both": "cả hai năm", "entered": "chỉ năm sau", "left": "chỉ năm trước"}


def shown(key, w):
    """What a cell of -f csv text w in column key shows in the workbook:
    changes with their sign, percentages with %, the status in words."""
    if key == "status":
        return STATUS[w]
    if w and (key.endswith("_change") or key.endswith("_change_rank")
              or key.endswith("_change_percent")):
        d = Decimal(w)
        w = ("+" + w if d > 0 else w) + ("%" if key.endswith("_percent") else "")
    return w

T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
X = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"

failures = []


def fail(case, msg):
    failures.append(msg)
    print(f"FAIL {case}: {msg}")


def run(args):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    return subprocess.run(args, check=True, capture_output=True, env=env, timeout=600).stdout


def cell_text(cell):
    # The flat file is indented: each paragraph's text is stripped.
    return "\n".join("".join(p.itertext()).strip() for p in cell.iter(X + "p"))


def read_fods(path):
    """{sheet: [(hidden, [(type, value, text), ...]), ...]}"""
    sheets = {}
    for table in ET.parse(path).iter(T + "table"):
        rows = []
        for row in table.iter(T + "table-row"):
            cells = []
            for cell in row:
                if cell.tag not in (T + "table-cell", T + "covered-table-cell"):
                    continue
                item = (cell.get(O + "value-type"), cell.get(O + "value"), cell_text(cell))
                cells += [item] * int(cell.get(T + "number-columns-repeated", "1"))
            while cells and cells[-1][0] is None:
                cells.pop()
            hidden = row.get(T + "visibility") == "collapse"
            rows += [(hidden, cells)] * int(row.get(T + "number-rows-repeated", "1"))
        while rows and not rows[-1][1]:
            rows.pop()
        sheets[table.get(T + "name")] = rows
    return sheets


def is_number_text(s):
    try:
        Decimal(s)
        return True
    except Exception:
        return False


def check_book(case, ref, book, sheet):
    header, rows = ref[0], ref[1:]
    if sheet not in book:
        return fail(case, f"no sheet {sheet!r} in {sorted(book)}")
    got = book[sheet]
    if len(got) != len(ref) + 1:
        fail(case, f"{len(got)} rows in the sheet, expected {len(ref) + 1}")
    heads = [c[2] for c in got[0][1]]
    for key, head in HEADS.items():
        if key in header and heads[header.index(key)] != head:
            fail(case, f"header of {key} is {heads[header.index(key)]!r}, expected {head!r}")
    if got[0][0] or not got[1][0]:
        fail(case, "row 1 must be shown and row 2 (the ids) hidden")
    if [c[2] for c in got[1][1]] != header:
        fail(case, f"row 2 is {[c[2] for c in got[1][1]]}, expected the ids {header}")
    numbers = 0
    for r, ((_, cells), want) in enumerate(zip(got[2:], rows)):
        cells = cells + [(None, None, "")] * (len(want) - len(cells))
        for j, ((typ, value, text), w) in enumerate(zip(cells, want)):
            where = f"row {r + 3} {header[j]}"
            if text != shown(header[j], w):
                fail(case, f"{where}: shows {text!r}, expected {shown(header[j], w)!r} "
                     f"(-f csv: {w!r})")
            if w == "":
                continue
            if header[j] in TEXT or not is_number_text(w):
                if typ != "string":
                    fail(case, f"{where}: a {typ} cell, expected text {w!r}")
                continue
            scale = Decimal(100) if header[j].endswith("_percent") else Decimal(1)
            stored = typ in ("float", "percentage") and Decimal(value) * scale
            if stored != Decimal(w):
                fail(case, f"{where}: stored {typ} {value!r}, expected the number {w}")
            numbers += 1
    if numbers == 0:
        fail(case, "no number was checked")
    info = {c[0][2]: c[1][2] for _, c in book.get("Thông tin", []) if len(c) >= 2}
    if info.get("Ngày lập") != "07/12/2025":
        fail(case, f"Ngày lập is {info.get('Ngày lập')!r}, expected 07/12/2025")
    if "Quyết định" not in info.get("Nguồn", "") and "2024" not in info.get("Nguồn", ""):
        fail(case, f"Nguồn is {info.get('Nguồn')!r}")
    if not info.get("Lập bằng", "").startswith("dti "):
        fail(case, f"Lập bằng is {info.get('Lập bằng')!r}")
    return numbers


def check_excel(case, ref, raw, book):
    header, rows = ref[0], ref[1:]
    if not raw.startswith(b"\xef\xbb\xbf") or raw.count(b"\r\n") != len(ref):
        fail(case, "the Excel CSV needs its byte-order mark and CRLF line ends")
    got = next(iter(book.values()))
    if len(got) != len(ref):
        fail(case, f"the Excel CSV imports as {len(got)} rows, expected {len(ref)}")
    heads = [c[2] for c in got[0][1]]
    for key, head in HEADS.items():
        if key in header and heads[header.index(key)] != head:
            fail(case, f"Excel CSV header of {key} is {heads[header.index(key)]!r}")
    checked = 0
    for r, ((_, cells), want) in enumerate(zip(got[1:], rows)):
        for j, ((typ, value, text), w) in enumerate(zip(cells, want)):
            if header[j] == "name" and text != w:
                fail(case, f"Excel CSV row {r + 2}: name {text!r}, expected {w!r}")
            if header[j] in TEXT or not is_number_text(w):
                continue
            if typ != "float" or Decimal(value) != Decimal(w):
                fail(case, f"Excel CSV row {r + 2} {header[j]}: read {typ} {value!r}, "
                     f"expected the number {w}")
            checked += 1
    if checked == 0:
        fail(case, "no number of the Excel CSV was checked")
    return checked


# Workbooks of commands without -f csv: a sheet holds figures known
# independently (the published DTI 2021 of Tây Ninh and the 2021 mean; the
# plan checked by scipy in tests/plan; dti verify's published 2022 table).
# (case, args, sheet, key column, key, {column: expected cell text})
FACTS = [
    ("explain", ["explain", "Tây Ninh", f"{DATA}/2021.csv"], "Các chỉ số", "id", "dti",
     {"value": "0.3426", "rank": "44", "mean": "0.4014"}),
    ("target", ["target", "Tây Ninh", f"{DATA}/2021.csv", "--rank", "40"], "Phương án kết hợp",
     "id", "hd_chinh_quyen_so", {"from": "0.3283", "to": "0.3611", "change": "+0.0328"}),
    ("plan", ["plan", "Tây Ninh", f"{DATA}/2021.csv", "--goals",
              f"{DATA}/goals/tay-ninh-2025-top30.csv"], "Kế hoạch", "id", "the_che_so",
     {"from": "0.5000", "to": "0.9145", "points": "+41.4500"}),
    ("verify", ["verify", f"{DATA}/2022.csv", "--published", f"{DATA}/published/2022.csv"],
     "Đối chiếu", "line", "10", {"province": "TP. Đà Nẵng", "measure": "dti",
                                "published_value": "0.8002", "computed_value": "0.8002",
                                "status": "khớp"}),
    ("validate", ["validate", f"{DATA}/2021.csv"], "Độ phủ", "id", "hd_kinh_te_so",
     {"present": "63", "units": "63"}),
    # A workbook's problems are named by cell (the formula error at D3).
    ("validate-cells", ["validate", f"{SOURCE}/tests/data/xlsx/problems-2022.xlsx"], "Kiểm tra",
     "cell", "Sheet1!D3", {"severity": "lỗi", "line": "3"}),
]


def check_fact(case, book, sheet, key_col, key, want):
    if sheet not in book:
        return fail(case, f"no sheet {sheet!r} in {sorted(book)}")
    rows = book[sheet]
    ids = [c[2] for c in rows[1][1]]
    if not rows[1][0] or key_col not in ids:
        return fail(case, f"row 2 must hold the ids, hidden: {ids}")
    k = ids.index(key_col)
    found = [cells for _, cells in rows[2:] if len(cells) > k and cells[k][2] == key]
    if len(found) != 1:
        return fail(case, f"{len(found)} rows with {key_col} {key!r}")
    for col, text in want.items():
        typ, value, shown_text = found[0][ids.index(col)]
        if shown_text != text:
            fail(case, f"{col} shows {shown_text!r}, expected {text!r}")
        if is_number_text(text) and (typ != "float" or Decimal(value) != Decimal(text)):
            fail(case, f"{col} is stored as {typ} {value!r}, expected the number {text}")


def main():
    tmp = tempfile.mkdtemp(prefix="dti-office-")
    try:
        refs, files = {}, []
        for case, (args, _) in CASES.items():
            refs[case] = list(csv.reader(io.StringIO(run([DTI, *args, "-f", "csv"]).decode())))
            run([DTI, *args, "-f", "xlsx", "-o", os.path.join(tmp, f"{case}.xlsx")])
            with open(os.path.join(tmp, f"{case}-excel.csv"), "wb") as f:
                f.write(run([DTI, *args, "--excel"]))
            files += [os.path.join(tmp, f"{case}.xlsx"), os.path.join(tmp, f"{case}-excel.csv")]
        for case, args, *_ in FACTS:
            book = os.path.join(tmp, f"{case}.xlsx")
            r = subprocess.run([DTI, *args, "-f", "xlsx", "-o", book], capture_output=True,
                               env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH))
            if r.returncode not in (0, 1, 3) or not os.path.exists(book):
                fail(case, f"exit status {r.returncode}: {r.stderr.decode()}")
            files.append(book)
        out = os.path.join(tmp, "out")
        run(["soffice", "-env:UserInstallation=file://" + os.path.join(tmp, "profile"),
             "--headless", "--infilter=CSV:59,34,76,1,,1066,false,true",
             "--convert-to", "fods", "--outdir", out, *files])
        for case, (_, sheet) in CASES.items():
            n = check_book(case, refs[case], read_fods(os.path.join(out, f"{case}.fods")), sheet)
            with open(os.path.join(tmp, f"{case}-excel.csv"), "rb") as f:
                raw = f.read()
            m = check_excel(case, refs[case], raw,
                            read_fods(os.path.join(out, f"{case}-excel.fods")))
            print(f"{case}: {len(refs[case]) - 1} rows; {n} workbook numbers and {m} Excel CSV "
                  "numbers equal to -f csv")
        for case, _, sheet, key_col, key, want in FACTS:
            check_fact(case, read_fods(os.path.join(out, f"{case}.fods")), sheet, key_col, key,
                       want)
            print(f"{case}: {sheet} checked")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failures else 0


sys.exit(main())
