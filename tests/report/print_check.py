#!/usr/bin/env python3
"""print_check.py - check a `dti report` printed to PDF by Chromium, with
poppler-utils (pdfinfo, pdftotext).

Usage:
  print_check.py PDF [--heading TEXT]... [--first-page TEXT]...
                 [--names CSV:COLUMN --times N] [--together TITLE LAST]...

Checks that every page is A4 portrait (595 x 842 pt, 1 pt either way),
that every --heading is in the text, every --first-page text on page 1,
that every name of the CSV column appears unwrapped (on one line of
`pdftotext -layout`) at least N times (once per table and chart that lists
it: a name wrapped in a table cell is found one time fewer), and that each
chart's TITLE and its LAST bar label are on the same page (no chart split
across pages). Exit status 0 if all holds, 1 with a list of problems.
"""
import csv
import re
import subprocess
import sys

problems = []


def run(*cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    pdf = argv[1]
    headings, first, together, names, times = [], [], [], [], 1
    args = argv[2:]
    while args:
        opt = args.pop(0)
        if opt == "--heading":
            headings.append(args.pop(0))
        elif opt == "--first-page":
            first.append(args.pop(0))
        elif opt == "--together":
            together.append((args.pop(0), args.pop(0)))
        elif opt == "--names":
            path, _, column = args.pop(0).rpartition(":")
            with open(path, encoding="utf-8-sig", newline="") as f:
                rows = list(csv.DictReader(f))
            names = [r[column] for r in rows]
        elif opt == "--times":
            times = int(args.pop(0))
        else:
            sys.exit(f"print_check.py: unknown option {opt}")

    info = run("pdfinfo", "-f", "1", "-l", "1000", pdf)
    sizes = re.findall(r"^Page\s+(\d+) size:\s+([0-9.]+) x ([0-9.]+) pts", info, re.M)
    if not sizes:
        problems.append("pdfinfo lists no page sizes")
    for page, w, h in sizes:
        if abs(float(w) - 595) > 1 or abs(float(h) - 842) > 1:
            problems.append(f"page {page} is {w} x {h} pt, not A4 portrait (595 x 842)")
    # One text per page (pdftotext separates pages with a form feed).
    pages = run("pdftotext", "-layout", pdf, "-").split("\f")
    text = "\n".join(pages)
    for h in headings:
        if h not in text:
            problems.append(f"heading {h!r} is not in the printed text")
    for t in first:
        if t not in pages[0]:
            problems.append(f"{t!r} is not on page 1")
    lines = text.split("\n")
    for n in names:
        found = sum(line.count(n) for line in lines)
        if found < times:
            problems.append(f"name {n!r} is on one line {found} times, expected {times} "
                            "(wrapped?)")
    for title, last in together:
        where = [i for i, p in enumerate(pages) if title in p]
        if not where:
            problems.append(f"chart title {title!r} is not in the printed text")
            continue
        if last not in pages[where[0]]:
            problems.append(f"chart {title!r} (page {where[0] + 1}) does not end on its page: "
                            f"{last!r} is not there")
    if problems:
        for p in problems:
            print(f"{pdf}: {p}")
        return 1
    print(f"{pdf}: ok ({len(sizes)} A4 pages, {len(headings)} headings, {len(names)} names, "
          f"{len(together)} charts whole)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
