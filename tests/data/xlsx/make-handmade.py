#!/usr/bin/env python3
"""Writes workbooks by hand (Python's zipfile, XML as text) for what the
spreadsheet programs at hand do not write but Excel and others do:

  handmade-2022.xlsx  tests/data/five-2022.csv as a sheet whose numbers are
                      stored with 17 digits as Excel stores them
                      (0.82530000000000003), names as inline strings and as a
                      shared string with runs and a phonetic reading (<rPh>),
                      rows and cells without r attributes, a boolean and a
                      formula string (t="str") in a column dti ignores, a
                      sheet part named by an absolute target (/xl/...) and
                      elements with a namespace prefix (x:row). It must score
                      as five-2022.csv does (tests/workbook/check.sh).

and, for the golden CLI cases of messages (tests/cli/errors.tsv, bad_xlsx_*):

  problems-2022.xlsx  five-2022.csv twice: in Sheet1 with #DIV/0! (t="e") in
                      D3 and a formula without a saved result in E5, in
                      'Số liệu 2022' with 1.5 in C4
  duplicate-2022.xlsx five-2022.csv with Đà Nẵng again in row 9, after
                      two empty rows
  old.xls             an Excel 97-2003 file: the OLE2 signature, no more
  locked.xlsx         a password-protected workbook as Excel writes it: an
                      OLE2 file whose directory names the EncryptionInfo and
                      EncryptedPackage streams (UTF-16LE); crafted, since
                      neither LibreOffice headless nor libxlsxwriter here
                      encrypts a workbook
  sheet.ods           an OpenDocument spreadsheet's zip (its mimetype entry)
  letter.docx         a zip without xl/workbook.xml (a Word file)
  damaged.xlsx        a zip signature and then nothing of a zip

Run from this folder: python3 make-handmade.py
"""
import csv
import os
import zipfile
from xml.sax.saxutils import escape

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def put(z, name, text):
    """Adds a part with a fixed date, so that the files come out the same."""
    info = zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    z.writestr(info, text)


def book(path, sheets, shared=None, absolute=False, prefix=""):
    """Writes a workbook: sheets is a list of (name, sheetData XML) and shared
    the <si> elements of the shared strings, or None for no such part."""
    p = prefix + ":" if prefix else ""
    xmlns = 'xmlns:%s="%s"' % (prefix, NS) if prefix else 'xmlns="%s"' % NS
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        put(z, "[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"/>')
        put(z, "_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="%s">'
                   '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/>'
                   "</Relationships>" % (PKG, R_NS))
        listed = "".join('<%ssheet name="%s" sheetId="%d" r:id="rId%d"/>'
                         % (p, escape(name, {'"': "&quot;"}), i + 1, i + 1)
                         for i, (name, _) in enumerate(sheets))
        put(z, "xl/workbook.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><%sworkbook %s xmlns:r="%s">'
                   "<%ssheets>%s</%ssheets></%sworkbook>" % (p, xmlns, R_NS, p, listed, p, p))
        rels = "".join('<Relationship Id="rId%d" Type="%s/worksheet" Target="%s"/>'
                       % (i + 1, R_NS, ("/xl/" if absolute else "") + "worksheets/sheet%d.xml"
                          % (i + 1)) for i in range(len(sheets)))
        if shared is not None:
            rels += ('<Relationship Id="rId99" Type="%s/sharedStrings" '
                     'Target="sharedStrings.xml"/>' % R_NS)
            put(z, "xl/sharedStrings.xml",
                       '<?xml version="1.0" encoding="UTF-8"?><%ssst %s>%s</%ssst>'
                       % (p, xmlns, "".join(shared), p))
        put(z, "xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="%s">%s'
                   "</Relationships>" % (PKG, rels))
        for i, (_, data) in enumerate(sheets):
            put(z, "xl/worksheets/sheet%d.xml" % (i + 1),
                       '<?xml version="1.0" encoding="UTF-8"?><%sworksheet %s><%ssheetData>%s'
                       "</%ssheetData></%sworksheet>" % (p, xmlns, p, data, p, p))


def inline(ref, text, p=""):
    r = ' r="%s"' % ref if ref else ""
    return '<%sc%s t="inlineStr"><%sis><%st>%s</%st></%sis></%sc>' % (
        p, r, p, p, escape(text), p, p, p)


def number(ref, value, p=""):
    r = ' r="%s"' % ref if ref else ""
    return "<%sc%s><%sv>%s</%sv></%sc>" % (p, r, p, value, p, p)


def read_rows(here):
    with open(os.path.join(here, "..", "five-2022.csv"), encoding="utf-8") as f:
        return list(csv.reader(f))


def plain_sheet(rows, changes):
    """sheetData of rows from A1, with changes {ref: cell XML} in place."""
    data = ""
    for n, row in enumerate(rows):
        cells = ""
        for c, v in enumerate(row):
            ref = "%s%d" % ("ABCDEFGHIJ"[c], n + 1)
            if ref in changes:
                cells += changes[ref]
            elif n == 0 or c == 1:
                cells += inline(ref, v)
            else:
                cells += number(ref, v)
        data += '<row r="%d">%s</row>' % (n + 1, cells)
    return data


def for_messages(here):
    rows = read_rows(here)
    first = plain_sheet(rows, {"D3": '<c r="D3" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
                               "E5": '<c r="E5"><f>SUM(A1:A2)</f></c>'})
    second = plain_sheet(rows, {"C4": number("C4", "1.5")})
    book(os.path.join(here, "problems-2022.xlsx"), [("Sheet1", first), ("Số liệu 2022", second)])
    # Đà Nẵng again in row 9, after two empty rows: "first on row 2".
    again = plain_sheet(rows, {}) + '<row r="9">%s</row>' % (
        number("A9", "48") + inline("B9", "Đà Nẵng") + "".join(
            number("%s9" % "CDEFGHIJ"[k], v) for k, v in enumerate(rows[1][2:])))
    book(os.path.join(here, "duplicate-2022.xlsx"), [("Sheet1", again)])
    ole2 = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    with open(os.path.join(here, "old.xls"), "wb") as f:
        f.write(ole2 + bytes(504))
    names = b"".join(n.encode("utf-16-le").ljust(64, b"\0") + bytes(64)
                     for n in ("Root Entry", "EncryptionInfo", "EncryptedPackage"))
    with open(os.path.join(here, "locked.xlsx"), "wb") as f:
        f.write(ole2 + bytes(504) + names)
    with zipfile.ZipFile(os.path.join(here, "sheet.ods"), "w") as z:
        put(z, "mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        put(z, "content.xml", "<office:document-content/>")
    with zipfile.ZipFile(os.path.join(here, "letter.docx"), "w") as z:
        put(z, "word/document.xml", "<w:document/>")
    with open(os.path.join(here, "damaged.xlsx"), "wb") as f:
        f.write(b"PK\x03\x04" + b"not a zip at all" * 4)


def handmade(here):
    rows = read_rows(here)
    p = "x:"
    # The header: inline strings, cells without r; then two ignored columns.
    data = "<%srow>" % p + "".join(inline(None, h, p) for h in rows[0])
    data += inline(None, "ghi_chu", p) + inline(None, "kiem_tra", p) + "</%srow>" % p
    shared = ['<si><r><t>TP. Hồ</t></r><r><rPr><b/></rPr><t xml:space="preserve"> Chí Minh'
              '</t></r><rPh sb="0" eb="2"><t>ホ</t></rPh></si>']
    for n, row in enumerate(rows[1:]):
        cells = number(None, row[0], p)
        if row[1] == "TP. Hồ Chí Minh":
            cells += '<%sc t="s"><%sv>0</%sv></%sc>' % (p, p, p, p)
        else:
            cells += inline(None, row[1], p)
        for v in row[2:]:
            cells += number(None, "%.17g" % float(v), p)
        cells += '<%sc t="str"><%sf>"ok"</%sf><%sv>ok</%sv></%sc>' % (p, p, p, p, p, p)
        cells += '<%sc t="b"><%sv>1</%sv></%sc>' % (p, p, p, p)
        # Every other row carries its number; the others count on.
        r = ' r="%d"' % (n + 2) if n % 2 else ""
        data += "<%srow%s>%s</%srow>" % (p, r, cells, p)
    book(os.path.join(here, "handmade-2022.xlsx"), [("Sheet1", data)], shared, absolute=True,
         prefix="x")


if __name__ == "__main__":
    handmade(os.path.dirname(os.path.abspath(__file__)))
    for_messages(os.path.dirname(os.path.abspath(__file__)))
