#!/usr/bin/env python3
"""check.py - check a `dti report` HTML page or SVG chart (Python 3 standard
library only).

Usage:
  check.py html REPORT.html [--names CSV:COLUMN]... [--units N] [--pillars N]
  check.py svg CHART.svg [--names CSV:COLUMN]... [--units N]

Checks that the document is well-formed (every element closed, in order;
the SVG parses as XML), that it references nothing outside itself (no
http: or https:, no src= or href= to files, no <script>, <link>, <img>,
@import or url()), that it is UTF-8 with lang="vi" (HTML), that every name
of the CSV column(s) appears exactly (as a table cell in the HTML, as SVG
text in the chart), that there is one DTI bar per unit (and one bar per unit
and pillar), and that each DTI bar is value / axis x 600 px long (a pillar
bar: x 160 px; a bar of the main indices chart: x 400 px, one axis for all), where the axis is the smallest multiple of 0.1 at or above
the largest value and mean on it (docs/commands.md), that numbers a
reader sees have a decimal comma ("0,3426", never "0.3426": table cells,
chart text and bar titles), and that no dashed mean line runs through a
value label (a label is 8 px a character wide, 12 px high above its
baseline and 3 px below). Exit status 0 if all holds, 1 with a list of
problems otherwise.
"""
import csv
import html.parser
import re
import sys
import xml.etree.ElementTree as ET
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

SVG_NS = "{http://www.w3.org/2000/svg}"
BAR_PX = Decimal(600)
PILLAR_PX = Decimal(160)
INDEX_PX = Decimal(400)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}
FORBIDDEN_TAGS = {"script", "link", "img", "iframe", "object", "embed", "audio", "video",
                  "source", "image", "use", "foreignobject", "base", "frame"}
FORBIDDEN_TEXT = ["http:", "https:", "url(", "@import", "//fonts", "javascript:"]

problems = []


def problem(msg):
    problems.append(msg)


def read_names(spec):
    path, _, column = spec.rpartition(":")
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = [r for r in csv.reader(f) if r and not r[0].startswith("#")]
    header = rows[0]
    if column not in header:
        sys.exit(f"check.py: {path} has no column {column!r} (has {header})")
    i = header.index(column)
    return [r[i] for r in rows[1:] if len(r) > i]


class Page(html.parser.HTMLParser):
    """Collects the structure of an HTML page and checks its nesting."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.doctype = None
        self.tags = []        # (tag, attrs dict) in document order
        self.cells = []       # text of <td> and <th>
        self.svg_texts = []   # text of SVG <text>
        self.titles = []      # (attributes of the parent element, text of an SVG <title>)
        self.text = None      # collecting text of the current cell/text/title
        self.text_tag = None

    def handle_decl(self, decl):
        self.doctype = decl

    def _check_attrs(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name in ("src", "href", "xlink:href", "srcset", "action", "formaction"):
                if not (name == "href" and value.startswith("#")):
                    problem(f"<{tag}> has {name}={value!r}: an external reference")
            if name.startswith("on"):
                problem(f"<{tag}> has a script attribute {name}")
            low = value.lower()
            for bad in FORBIDDEN_TEXT:
                if bad in low:
                    problem(f"<{tag} {name}=...> contains {bad!r}")

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, closed=True)

    def _start(self, tag, attrs, closed):
        if tag in FORBIDDEN_TAGS:
            problem(f"<{tag}> is not allowed in a self-contained report")
        self._check_attrs(tag, attrs)
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "title" and self.stack and self.stack[-1][0] != "head":
            self.text, self.text_tag = [], ("title", self.stack[-1][1])
        elif tag in ("td", "th"):
            self.text, self.text_tag = [], (tag, "")
        elif tag == "text" and "svg" in [t for t, _ in self.stack]:
            self.text, self.text_tag = [], ("text", "")
        if not closed and tag not in VOID:
            self.stack.append((tag, a))

    def handle_endtag(self, tag):
        if tag in VOID:
            problem(f"</{tag}>: end tag of a void element")
            return
        if not self.stack or self.stack[-1][0] != tag:
            open_tags = [t for t, _ in self.stack]
            problem(f"</{tag}> does not close the open element (open: {open_tags})")
            return
        self.stack.pop()
        if self.text is not None and self.text_tag[0] == tag:
            text = "".join(self.text)
            if tag in ("td", "th"):
                self.cells.append(text)
            elif tag == "text":
                self.svg_texts.append(text)
            else:
                self.titles.append((self.text_tag[1], text))
            self.text = self.text_tag = None

    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)


def axis_of(values):
    top = max(values) if values else Decimal(0)
    axis = (top * 10).to_integral_value(rounding=ROUND_CEILING) / 10
    return max(axis, Decimal("0.1"))


def check_bars(bars, means, units, px=BAR_PX, what="DTI"):
    """bars: list of (width text, title text) of the bars of one axis;
    means: the means marked on it."""
    if units is not None and len(bars) != units:
        problem(f"{len(bars)} {what} bars, expected {units}")
    values = []
    for width, title in bars:
        m = re.search(r": (-?[0-9]+(?:,[0-9]+)?), hạng [0-9]+$", title)
        if not m:
            problem(f"a bar's title has no value (decimal comma) and rank: {title!r}")
            continue
        values.append((Decimal(m.group(1).replace(",", ".")), Decimal(width), title))
    axis = axis_of([v for v, _, _ in values] + means)
    for value, width, title in values:
        want = (value / axis * px).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if width != want:
            problem(f"bar {title!r}: width {width}, expected {value} / {axis} x {px} = {want}")
    return len(values)


DECIMAL_POINT = re.compile(r"(?<![0-9.])[+-]?[0-9]+\.[0-9]+(?![0-9.])")


def check_commas(texts, where):
    """No number with a decimal point in text a reader sees."""
    for t in texts:
        m = DECIMAL_POINT.search(t)
        if m:
            problem(f"{where} {t!r} has a decimal point ({m.group(0)}), not a decimal comma")


def check_label_collisions(root, where):
    """No dashed mean line (x1 == x2) through a value label's box."""
    lines = [(float(l.get("x1")), float(l.get("y1")), float(l.get("y2")))
             for l in root.iter(SVG_NS + "line") if l.get("class") == "mean"]
    for t in root.iter(SVG_NS + "text"):
        text = "".join(t.itertext())
        # Value labels: class value, or any left-aligned number (centred
        # text is the axis ticks and the mean's own label, on the line by
        # design).
        numeric = re.fullmatch(r"[0-9]+[.,][0-9]+", text) and t.get("text-anchor") is None
        if t.get("class") != "value" and not numeric:
            continue
        x, y = float(t.get("x")), float(t.get("y"))
        x1 = x + 8 * len(text)
        for lx, ly1, ly2 in lines:
            if x - 1 <= lx <= x1 + 1 and ly1 <= y + 3 and ly2 >= y - 12:
                problem(f"{where}: the mean line at x={lx} runs through the label {text!r} "
                        f"at x={x}..{x1}, y={y}")


def svg_roots(text):
    """The inline <svg> elements of an HTML page, parsed as SVG."""
    roots = []
    for m in re.finditer(r"<svg\b.*?</svg>", text, re.S):
        src = m.group(0)
        if "xmlns=" not in src[:200]:
            src = src.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"', 1)
        try:
            roots.append(ET.fromstring(src))
        except ET.ParseError as e:
            problem(f"an inline <svg> is not well-formed XML: {e}")
    return roots


def check_names(names, texts, where):
    have = set(texts)
    for n in names:
        if n not in have:
            problem(f"name {n!r} is not {where} exactly as in the input")


def check_html(path, names, units, pillars):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        problem(f"not UTF-8: {e}")
        text = raw.decode("utf-8", "replace")
    low = text.lower()
    for bad in FORBIDDEN_TEXT:
        if bad in low:
            problem(f"the page contains {bad!r}")
    page = Page()
    page.feed(text)
    page.close()
    if page.stack:
        problem(f"elements left open at the end: {[t for t, _ in page.stack]}")
    if page.doctype is None or page.doctype.lower() != "doctype html":
        problem(f"no <!DOCTYPE html> (got {page.doctype!r})")
    htmls = [a for t, a in page.tags if t == "html"]
    if not htmls or htmls[0].get("lang") != "vi":
        problem('no <html lang="vi">')
    metas = [a for t, a in page.tags if t == "meta"]
    if not metas or metas[0].get("charset", "").lower() != "utf-8":
        problem('the first <meta> is not <meta charset="utf-8">')
    styles = [a for t, a in page.tags if t == "style"]
    if "Noto Sans" not in text or "DejaVu Sans" not in text:
        problem("no font stack with Noto Sans and DejaVu Sans")
    if not styles:
        problem("no inline <style>")
    svgs = [a for t, a in page.tags if t == "svg"]
    if len(svgs) < 1:
        problem("no inline <svg>")
    for a in svgs:
        for k in ("width", "height", "viewbox"):  # html.parser lower-cases names
            if k not in a:
                problem(f"an <svg> has no {k}")
    check_names(names, page.cells, "in a table cell")
    check_names(names, page.svg_texts, "in the chart's text")
    check_commas(page.cells, "the table cell")
    check_commas(page.svg_texts, "the chart text")
    check_commas([t for _, t in page.titles], "the bar title")
    for i, root in enumerate(svg_roots(text)):
        check_label_collisions(root, f"chart {i + 1}")
    bars = [(a.get("width"), t) for a, t in page.titles if a.get("class") == "bar"]
    n_bar_rects = sum(1 for t, a in page.tags if t == "rect" and a.get("class") == "bar")
    if len(bars) != n_bar_rects:
        problem(f"{n_bar_rects} DTI bars but {len(bars)} bar titles")
    means = []
    for a, t in page.titles:
        if a.get("class") == "mean":
            m = re.search(r": ([0-9]+(?:,[0-9]+)?)$", t)
            if m:
                means.append(Decimal(m.group(1).replace(",", ".")))
            else:
                problem(f"a mean line's title has no value (decimal comma): {t!r}")
    if not means:
        problem("no mean line (<line class=\"mean\">)")
    if not any(t.startswith("Trung bình ") for t in page.svg_texts):
        problem("the mean line has no label")
    # The DTI chart comes first, with one mean; the pillar panels share an
    # axis with the pillars' means.
    check_bars(bars, means[:1], units)
    pillar_bars = [(a.get("width"), t) for a, t in page.titles if a.get("class") == "pillar-bar"]
    check_bars(pillar_bars, means[1:], pillars * units if pillars is not None and units is not None
               else None, PILLAR_PX, "pillar")
    check_index_bars(page)
    return len(bars), len(pillar_bars)


def check_index_bars(page):
    """The main indices chart: every bar (the province's, the mean's, the
    best's) value / axis x 400 px long, one axis for all of them."""
    bars = []
    for a, t in page.titles:
        if a.get("class") in ("index-bar", "index-mean", "index-best"):
            m = re.search(r": ([0-9]+,[0-9]+)(?:, hạng [0-9]+)?$", t)
            if not m:
                problem(f"an index bar's title has no value: {t!r}")
                continue
            bars.append((Decimal(m.group(1).replace(",", ".")), Decimal(a.get("width")), t))
    if not bars:
        return
    axis = axis_of([v for v, _, _ in bars])
    for value, width, title in bars:
        want = (value / axis * INDEX_PX).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if width != want:
            problem(f"index bar {title!r}: width {width}, expected {value} / {axis} x 400 = {want}")


def check_svg(path, names, units):
    raw = open(path, "rb").read()
    text = raw.decode("utf-8")
    if not text.startswith('<?xml version="1.0" encoding="UTF-8"?>'):
        problem("no XML declaration with encoding UTF-8")
    # The namespace name is the only URI allowed: it is not fetched.
    rest = text.replace('xmlns="http://www.w3.org/2000/svg"', "", 1).lower()
    for bad in FORBIDDEN_TEXT:
        if bad in rest:
            problem(f"the SVG contains {bad!r}")
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as e:
        problem(f"not well-formed XML: {e}")
        return 0
    if root.tag != SVG_NS + "svg":
        problem(f"the root is {root.tag}, not an SVG <svg> in the SVG namespace")
    w, h, vb = root.get("width"), root.get("height"), root.get("viewBox")
    if not (w and h and vb) or vb != f"0 0 {w} {h}":
        problem(f"width/height/viewBox missing or inconsistent: {w} {h} {vb!r}")
    for el in root.iter():
        tag = el.tag.replace(SVG_NS, "").lower()
        if tag in FORBIDDEN_TAGS or not el.tag.startswith(SVG_NS):
            problem(f"element {el.tag} is not allowed")
        for k in el.attrib:
            if "href" in k or k in ("src",):
                problem(f"<{tag}> has {k}: an external reference")
    texts = ["".join(t.itertext()) for t in root.iter(SVG_NS + "text")]
    check_names(names, texts, "in the chart's text")
    check_commas(texts, "the chart text")
    check_label_collisions(root, "the chart")
    bars = []
    for r in root.iter(SVG_NS + "rect"):
        if r.get("class") == "bar":
            t = r.find(SVG_NS + "title")
            bars.append((r.get("width"), t.text if t is not None else ""))
    means = []
    for line in root.iter(SVG_NS + "line"):
        if line.get("class") == "mean":
            m = re.search(r": ([0-9,]+)$", line.find(SVG_NS + "title").text)
            means.append(Decimal(m.group(1).replace(",", ".")))
    if len(means) != 1:
        problem(f"{len(means)} mean lines, expected one")
    check_bars(bars, means, units)
    return len(bars)


def main(argv):
    if len(argv) < 3 or argv[1] not in ("html", "svg"):
        sys.exit(__doc__)
    kind, path = argv[1], argv[2]
    names, units, pillars = [], None, None
    args = argv[3:]
    while args:
        opt = args.pop(0)
        if opt == "--names":
            names += read_names(args.pop(0))
        elif opt == "--units":
            units = int(args.pop(0))
        elif opt == "--pillars":
            pillars = int(args.pop(0))
        else:
            sys.exit(f"check.py: unknown option {opt}")
    if kind == "html":
        n, p = check_html(path, names, units, pillars)
        summary = f"{n} DTI bars, {p} pillar bars"
    else:
        n = check_svg(path, names, units)
        summary = f"{n} DTI bars"
    if problems:
        for p in problems:
            print(f"{path}: {p}")
        return 1
    print(f"{path}: ok ({summary}, {len(names)} names found)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
