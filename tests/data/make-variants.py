#!/usr/bin/env python3
"""Writes the same five 2022 rows in the encodings and layouts analysts use.

The rows: the two provinces whose main indices dti.gov.vn/xep-hang-2022
published in full (Đà Nẵng, TP. Hồ Chí Minh) and three illustrative rows from
data/2021.csv. Every variant must score to byte-identical JSON (tests/cli).
Run from this folder: python3 make-variants.py
"""
import csv
import io
import unicodedata

IDS = ["nhan_thuc_so", "the_che_so", "ha_tang_so", "nhan_luc_so", "an_toan_thong_tin",
       "hd_chinh_quyen_so", "hd_kinh_te_so", "hd_xa_hoi_so"]
ROWS = [
    ("48", "TP. Đà Nẵng", "1.0000 0.9000 0.8253 0.8487 0.7578 0.8575 0.7836 0.5197"),
    ("79", "TP. Hồ Chí Minh", "0.8917 0.9000 0.8258 0.6267 0.5580 0.8406 0.7611 0.3590"),
    ("17", "Hòa Bình", "0.4600 0.4000 0.3316 0.2750 0.3071 0.2356 0.2128 0.2455"),
    ("46", "Thừa Thiên - Huế", "0.6442 0.6000 0.5583 0.5120 0.4915 0.4488 0.3902 0.4721"),
    ("95", "Bạc Liêu", "0.3521 0.3500 0.2814 0.2102 0.2410 0.1954 0.1766 0.2010"),
]


def wide(delim=",", comma=False, nfd=False):
    out = io.StringIO()
    w = csv.writer(out, delimiter=delim, lineterminator="\n")
    w.writerow(["code", "province"] + IDS)
    for code, name, vals in ROWS:
        if nfd:
            name = unicodedata.normalize("NFD", name)
        vals = vals.split()
        if comma:
            vals = [v.replace(".", ",") for v in vals]
        w.writerow([code, name] + vals)
    return out.getvalue()


def to_cp1258(text):
    """Encodes like Excel on Vietnamese Windows: tone marks as combining bytes."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        # base letter with its circumflex/breve/horn precomposed, tone mark combining
        for split in range(len(d), 0, -1):
            try:
                out += unicodedata.normalize("NFC", d[:split]).encode("cp1258")
                out += d[split:].encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
        else:
            raise ValueError(ch)
    return bytes(out)


def main():
    clean = wide()
    open("five-2022.csv", "w", encoding="utf-8", newline="").write(clean)
    open("five-2022-bom-crlf.csv", "wb").write(b"\xef\xbb\xbf" + clean.replace("\n", "\r\n").encode())
    open("five-2022-nfd.csv", "w", encoding="utf-8", newline="").write(wide(nfd=True))
    excel = wide(delim=";", comma=True).replace("\n", "\r\n")
    open("five-2022-cp1258.csv", "wb").write(to_cp1258(excel))
    tab = wide(delim="\t").replace("\n", "\r\n")
    open("five-2022-utf16.txt", "wb").write(b"\xff\xfe" + tab.encode("utf-16-le"))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["province", "indicator", "value", "year"])
    for code, name, vals in ROWS:
        for ind, v in zip(IDS, vals.split()):
            w.writerow([name, ind, v, "2022"])
    open("five-2022-long.csv", "w", encoding="utf-8", newline="").write(out.getvalue())


main()
