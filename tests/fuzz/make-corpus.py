#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora: corpus/load/, corpus/method/,
corpus/published/, corpus/crosswalk/, corpus/goals/ and corpus/xlsx/.

Seeds are small, valid or nearly valid inputs that reach the interesting
code quickly; libFuzzer mutates them. A load seed is one options byte (see
fuzz_load.c: bit 0 points, bits 1-2 units, bit 3 cp1258, bit 4 ';', bit 5
keep_going, bit 6 decimal comma, bit 7 year 2022) followed by the file.
Run from this folder after changing it: python3 make-corpus.py
"""
import io
import json
import os
import zipfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
IDS = ["nhan_thuc_so", "the_che_so", "ha_tang_so", "nhan_luc_so", "an_toan_thong_tin",
       "hd_chinh_quyen_so", "hd_kinh_te_so", "hd_xa_hoi_so"]
MAX = [100, 100, 100, 100, 100, 200, 100, 100]  # qd922 max points, in IDS order
ROWS = [
    ("48", "TP. Đà Nẵng", "1.0000 0.9000 0.8253 0.8487 0.7578 0.8575 0.7836 0.5197"),
    ("79", "TP. Hồ Chí Minh", "0.8917 0.9000 0.8258 0.6267 0.5580 0.8406 0.7611 0.3590"),
    ("17", "Hòa Bình", "0.4600 0.4000 0.3316 0.2750 0.3071 0.2356 0.2128 0.2455"),
]

VALUES = 0x00
POINTS = 0x01
UNITS_ANY = 0x02
UNITS_34 = 0x04
CP1258 = 0x08
SEMICOLON = 0x10
KEEP_GOING = 0x20
DECIMAL_COMMA = 0x40
YEAR_2022 = 0x80


def read(path):
    with open(os.path.join(ROOT, path), "rb") as f:
        return f.read()


def wide(delim=",", comma=False, eol="\n", rows=ROWS):
    lines = [delim.join(["code", "province"] + IDS)]
    for code, name, vals in rows:
        v = vals.split()
        if comma:
            v = [x.replace(".", ",") for x in v]
        lines.append(delim.join([code, name] + v))
    return eol.join(lines) + eol


def load_seeds():
    five = read("tests/data/five-2022.csv")
    seeds = {
        "wide-2021.csv": (VALUES, b"\n".join(read("data/2021.csv").split(b"\n")[:12]) + b"\n"),
        "wide-five.csv": (VALUES, five),
        "long-year.csv": (YEAR_2022, read("tests/data/five-2022-long.csv")),
        "semicolon-decimal-comma.csv": (VALUES, wide(";", comma=True).encode()),
        "bom-crlf.csv": (VALUES, read("tests/data/five-2022-bom-crlf.csv")),
        "utf16-bom.txt": (VALUES, read("tests/data/five-2022-utf16.txt")),
        "cp1258.csv": (CP1258, read("tests/data/five-2022-cp1258.csv")),
        "nfd.csv": (VALUES, read("tests/data/five-2022-nfd.csv")),
        "quoted.csv": (VALUES, (
            '"code","province",' + ",".join('"%s"' % i for i in IDS) + "\r\n"
            '"48","TP. Đà Nẵng, ""city""",1,0.9,0.8253,0.8487,0.7578,0.8575,0.7836,0.5197\r\n'
            '79,"TP. Hồ\nChí Minh",.8917,0.9,0.8258,0.6267,0.558,0.8406,0.7611,0.359\r\n'
        ).encode()),
        "points.csv": (POINTS, wide(rows=[
            (c, n, " ".join("%.2f" % (float(x) * m) for x, m in zip(v.split(), MAX)))
            for c, n, v in ROWS]).encode()),
        "units-any-tab-comments.csv": (UNITS_ANY, (
            "# exported 2024-01-01\n" + wide("\t").replace("48\t", "X1\t", 1)
            + "\n\n#end\n").encode()),
        "units-34-semicolon.csv": (UNITS_34 | SEMICOLON, (
            "Tỉnh/Thành phố;" + ";".join(IDS) + "\n"
            "Huế;" + ROWS[0][2].replace(".", ",").replace(" ", ";") + "\n"
            "Tỉnh Lâm Đồng;" + ROWS[1][2].replace(" ", ";") + "\n").encode()),
        "long-34-names.csv": (UNITS_34, (
            "tỉnh,giá trị,chỉ số,năm\nHà Nội,0.5,nhan_thuc_so,2025\n"
            "Huế,\"0,7\",the_che_so,2025\n").encode()),
        "keep-going-broken.csv": (KEEP_GOING, (
            wide().rstrip("\n") + "\n99,Nowhere,x,1.5,-1,,0.1e1,1e-19,0,\n48,Đà Nẵng\n").encode()),
        # Longer than the 64 KiB chunks of source.c and dataset.c, so that
        # lines, CRLF pairs and multi-byte characters straddle a boundary
        # (run.sh's -max_len=65536 cuts it; the long run in README.md does not).
        "big-units-any-crlf.csv": (UNITS_ANY, wide(eol="\r\n", rows=[
            ("U%04d" % i, "Tỉnh thử nghiệm số %d" % i, ROWS[i % 3][2]) for i in range(760)]
        ).encode()),
        "broken-quote.csv": (VALUES, five + b'01,"Ha Noi,0.1\n'),
        "broken-nul-invalid-utf8.csv": (VALUES, b"code,province\n01,H\xe0 N\xf4i\x00\n"),
        "empty.csv": (VALUES, b""),
    }
    return {name: bytes([opt]) + data for name, (opt, data) in seeds.items()}


def method_seeds():
    def method(nodes, overall="dti", **extra):
        m = {"id": "fz", "title": "Fuzz", "source": "none", "years": [2022], "precision": 4,
             "overall": overall, "nodes": nodes}
        m.update(extra)
        return json.dumps(m, ensure_ascii=False, indent=1).encode()

    def leaf(i, pts=1, **kw):
        n = {"id": i, "name_vi": "Chỉ số " + i, "max_points": pts}
        n.update(kw)
        return n

    def comp(i, members, **kw):
        n = {"id": i, "name_vi": "Nhóm " + i, "members": members}
        n.update(kw)
        return n

    diamond = [leaf("a", 10), leaf("b", 20.5), leaf("c", 0),
               comp("p", ["a", "b"], role="pillar"), comp("q", ["b", "c"], role="group"),
               comp("dti", ["p", "q", "a"], role="overall")]
    return {
        "qd922.json": read("data/methods/qd922.json"),
        "qd1726.json": read("data/methods/qd1726.json"),
        "minimal.json": method([leaf("x"), comp("dti", ["x"])]),
        "diamond.json": method(diamond),
        "precision9-decimals.json": method([leaf("a", 0.001), leaf("b", 999999.999),
                                            comp("dti", ["a", "b"])], precision=9),
        "cycle.json": method([leaf("a"), comp("p", ["q"]), comp("q", ["p", "a"]),
                              comp("dti", ["p"])]),
        "unknown-member.json": method([leaf("a"), comp("dti", ["a", "zz"])]),
        "duplicate-id.json": method([leaf("a"), leaf("a"), comp("dti", ["a"])]),
        "two-overall.json": method([leaf("a"), comp("p", ["a"], role="overall"),
                                    comp("dti", ["p"])]),
        "zero-points.json": method([leaf("a", 0), comp("dti", ["a"])]),
        "negative-points.json": method([leaf("a", -1), comp("dti", ["a"])]),
        "bad-years.json": method([leaf("a"), comp("dti", ["a"])], years=[2022, 1800.5]),
        "truncated.json": read("data/methods/qd1726.json")[:400],
        "not-an-object.json": b'[{"id": "dti"}]\n',
    }


def published_seeds():
    """Published tables (fuzz_published.c joins them with four units:
    01 Hà Nội, 02 Hà Giang, 03 "Xã 3, Cao Bằng", x1 Tây Ninh)."""
    head = "year,province,measure,value,rank,source\n"
    return {
        "real-2021.csv": read("data/published/2021.csv"),
        "units.csv": (head + "2022,01,dti,0.6625,1,\n2022,Hà Giang,dti,0.5000,3,\n"
                      "2022,x1,chinh_quyen_so,0.3001,,\n2022,x1,nhan_thuc_so,0.1,,\n"
                      "2022,x1,the_che_so,0.2,4,\n2022,(provincial mean),mean_dti,0.6,,\n"
                      "2022,\"Xã 3, Cao Bằng\",dti,0.86,2,s\n").encode(),
        "within-tolerance.csv": (head + "2022,x1,dti,0.47005,,\n" + "".join(
            "2022,x1,%s,0.%d,,\n" % (i, k + 1) for k, i in enumerate(IDS))).encode(),
        "differs-missing.csv": (head + "2022,zz,dti,0.5,1,\n2022,01,nope,1,,\n"
                                "2022,01,dti,abc,x,\n2021,02,dti,0.5,,\n").encode(),
        "no-year-bom-crlf.csv": "\ufeffprovince,measure,value,rank\r\n01,dti,0.6625,1\r\n"
                                .encode(),
        "bad-year.csv": (head + "99999,01,dti,0.5,1,\n").encode(),
        "short-row.csv": (head + "2022,01,dti\n").encode(),
        "no-measure.csv": b"year,province,value\n2022,01,0.5\n",
        "empty.csv": b"",
    }


def crosswalk_seeds():
    """One options byte (bit 0: allow_partial), then a crosswalk of the four
    units 01, 02, 03, x1 of fuzz_crosswalk.c."""
    full = "old_code,new_code,new_name\n01,N1,Đơn vị 1\n02,N1,Đơn vị 1\n03,N2,\nx1,N2,\n"
    return {
        "full.csv": b"\x00" + full.encode(),
        "partial.csv": b"\x01" + b"new_code,old_code\nN1,01\nN1,02\nN2,03\nN2,x1\nN2,99\n",
        "missing-unit.csv": b"\x00" + b"old_code,new_code\n01,A\n02,A\n",
        "twice.csv": b"\x00" + b"old_code,new_code\n01,A\n01,B\n",
        "empty-cell.csv": b"\x00" + b"old_code,new_code\n01,\n",
        "quoted-bom-crlf.csv": b"\x01" + "\ufeffold_code;x,new_code,new_name\r\n\"01\",\"N,1\",\"a \"\"b\"\"\"\r\n"
                               .encode(),
        "no-new-code.csv": b"\x00" + b"old_code,name\n01,x\n",
    }


def cp1258(text):
    """text in Windows-1258 as Excel writes it: a letter the code page lacks
    is its base letter followed by the combining tone mark."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            tone = "".join(c for c in d if c in "\u0300\u0301\u0303\u0309\u0323")
            base = "".join(c for c in d if c not in tone)
            out += (unicodedata.normalize("NFC", base) + tone).encode("cp1258")
    return out


GOALS = 0x00
LIMITS = 0x01
QD1726 = 0x02  # the method of 2020 (pillars given as inputs)
ENC_UTF8 = 0x04
ENC_CP1258 = 0x08


def goals_seeds():
    """One options byte (see fuzz_goals.c: bit 0 limits file, bit 1 method
    qd1726 of 2020, bits 2-3 encoding: 0 auto, 1 UTF-8, 2 Windows-1258),
    then a goals or limits file of dti plan."""
    seeds = {}
    for name in sorted(os.listdir(os.path.join(ROOT, "data", "goals"))):
        seeds["data-" + name] = read("data/goals/" + name)
    limits = read("tests/cli/cases/plan_limits_agencies_markdown/limits.csv")
    group_rows = ("goal,node,condition,kind\n"
                  "Nhóm 1,Chính quyền số,rank<=10,nhóm\n"
                  "Nhóm 2,Chính quyền số,top 30 or value>=0.5,group\n"
                  "CQS,Chính quyền số,group=nhóm 2 or climb>=3,goal\n"
                  ",Chính quyền số,nhóm=Nhóm 1 or >=mean,\n")
    return {k: bytes([o]) + v for k, (o, v) in {
        **{k: (GOALS, v) for k, v in seeds.items()},
        "limits.csv": (LIMITS, limits),
        "limits-2020-semicolon.csv": (LIMITS | QD1726, (
            "node;max;cost\nchinh_quyen_so;0,9;2\nKinh tế số;;\n").encode()),
        "limits-partial-columns.csv": (LIMITS, b"agency,node\nS\xe1\xbb\x9f,ha_tang_so\n"),
        "bom-semicolon-crlf.csv": (GOALS, (
            "\ufeffGoal;Node;Condition\r\nDTI tốp 30;DTI;TOP 30 HOẶC ≥ 0,45\r\n"
            "\"a;b\";Hạ tầng số;value≥0,5\r\n").encode()),
        "cp1258.csv": (GOALS | ENC_CP1258, cp1258(
            "goal,node,condition\nHạ tầng số lên,Hạ tầng số,>=trung bình hoặc top 20\n")),
        "cp1258-looking-utf8.csv": (GOALS | ENC_UTF8, (
            b"goal,node,condition\nx,DTI,rank<=5 ho\xd2\xb7c >=mean\n")),
        "hoac-geq.csv": (GOALS, (
            "goal,node,condition\nTây Ninh,DTI,rank<=25 hoặc >=mean Hoặc ≥0.5 or climb>=1\n"
            "y,Kinh tế số,value ≥ 0.3\n").encode()),
        "group-of-another-node.csv": (GOALS, (
            "goal,node,condition,kind\nkhá,Chính quyền số,top 30,group\nx,DTI,group=khá,\n"
            "y,Kinh tế số,≤ 3\n").encode()),
        "group-rows.csv": (GOALS, group_rows.encode()),
        "group-rows-2020.csv": (GOALS | QD1726, group_rows.encode()),
        "dangling-or.csv": (GOALS, b"goal,node,condition\nx,DTI,rank<=3 or\n"),
        "group-twice.csv": (GOALS, b"goal,node,condition,kind\na,DTI,top 1,group\n"
                            b"A,DTI,top 2,group\n"),
        "short-row-quoted.csv": (GOALS, b'goal,node,condition\n"x\ny",dti\n\n'),
        "empty.csv": (GOALS, b""),
    }.items()}


def xlsx_seeds():
    """Small workbooks (fuzz_xlsx.c), their parts stored uncompressed so that
    mutations reach the XML, and the other files dti recognises."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    def zipped(parts, method=zipfile.ZIP_STORED):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", method) as z:
            for name, text in parts:
                info = zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0))
                info.compress_type = method
                z.writestr(info, text)
        return out.getvalue()

    def book(sheet, sst="", method=zipfile.ZIP_STORED):
        return zipped([
            ("xl/workbook.xml", '<workbook %s xmlns:r="%s"><sheets><sheet name="Số liệu" '
             'sheetId="1" r:id="rId1"/></sheets></workbook>' % (ns, rns)),
            ("xl/_rels/workbook.xml.rels", '<Relationships><Relationship Id="rId1" Type="%s/'
             'worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="%s/'
             'sharedStrings" Target="/xl/sharedStrings.xml"/></Relationships>' % (rns, rns)),
            ("xl/sharedStrings.xml", "<sst %s>%s</sst>" % (ns, sst)),
            ("xl/worksheets/sheet1.xml", "<worksheet %s><sheetData>%s</sheetData></worksheet>"
             % (ns, sheet)),
        ], method)

    head = "".join('<c t="s"><v>%d</v></c>' % i for i in range(10))
    sst = "".join("<si><t>%s</t></si>" % h for h in ["code", "province"] + IDS)
    rows = ""
    for n, (code, name, vals) in enumerate(ROWS):
        cells = '<c r="A%d"><v>%s</v></c><c t="inlineStr"><is><t>%s</t></is></c>' % (
            n + 2, code, name)
        for k, v in enumerate(vals.split()):
            if k == 2:
                cells += '<c t="str"><f>X</f><v>%s</v></c>' % v.replace(".", ",")
            elif k == 5:
                cells += '<c t="e"><f>1/0</f><v>#DIV/0!</v></c>' if n == 2 else \
                    "<c><f>A1</f><v>%.17g</v></c>" % float(v)
            else:
                cells += "<c><v>%.17g</v></c>" % float(v)
        rows += '<row r="%d">%s</row>' % (n + 2, cells)
    ole2 = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    return {
        "wide.xlsx": book('<row r="1">%s</row>%s' % (head, rows), sst),
        "wide-deflated.xlsx": book('<row r="1">%s</row>%s' % (head, rows), sst,
                                   zipfile.ZIP_DEFLATED),
        "no-r-rph.xlsx": book("<row><c t=\"s\"><v>0</v></c><c><v>1</v></c></row><row><c/><c "
                              "s=\"1\"/><c t=\"b\"><v>1</v></c></row>",
                              "<si><r><t>co</t></r><r><t>de</t></r><rPh><t>x</t></rPh></si>"),
        "ods.ods": zipped([("mimetype", "application/vnd.oasis.opendocument.spreadsheet")]),
        "docx.docx": zipped([("word/document.xml", "<w:document/>")]),
        "old.xls": ole2 + bytes(56),
        "locked.xlsx": ole2 + bytes(56) + "EncryptionInfo".encode("utf-16-le"),
    }


def write(folder, seeds):
    path = os.path.join(HERE, "corpus", folder)
    os.makedirs(path, exist_ok=True)
    for name, data in seeds.items():
        with open(os.path.join(path, name), "wb") as f:
            f.write(data)


write("load", load_seeds())
write("method", method_seeds())
write("published", published_seeds())
write("crosswalk", crosswalk_seeds())
write("goals", goals_seeds())
write("xlsx", xlsx_seeds())
