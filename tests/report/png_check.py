#!/usr/bin/env python3
"""png_check.py - check a screenshot: its size, and that it is not blank
(Python 3 standard library only: the PNG is decoded with zlib and struct).

Usage: png_check.py PNG WIDTH HEIGHT [--min-colours N] [--min-ink PERCENT]
                    [--colour RRGGBB:MIN_PIXELS]...

Prints the size, the number of distinct colours, the share of pixels that
are not white and the pixel count of each --colour; exits 1 if the size
differs, there are fewer than N distinct colours (default 8), less than
PERCENT of the pixels are not white (default 2), or a --colour has fewer
pixels than asked (bars drawn in it).
"""
import struct
import sys
import zlib


def decode(path):
    """Returns (width, height, rows of (r, g, b) tuples) of an 8-bit PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"png_check.py: {path} is not a PNG")
    pos, idat, ihdr = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    width, height, depth, colour_type, _, _, interlace = ihdr
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour_type)
    if depth != 8 or channels is None or interlace != 0:
        sys.exit(f"png_check.py: unsupported PNG (depth {depth}, colour type {colour_type}, "
                 f"interlace {interlace})")
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    prev = bytearray(stride)
    rows = []
    at = 0
    for _ in range(height):
        kind = raw[at]
        line = bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 0xFF
        prev = line
        if channels >= 3:
            rows.append([tuple(line[i:i + 3]) for i in range(0, stride, channels)])
        else:
            rows.append([(v, v, v) for v in line[0:stride:channels]])
    return width, height, rows


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    path, want_w, want_h = argv[1], int(argv[2]), int(argv[3])
    min_colours, min_ink, colours = 8, 2.0, []
    args = argv[4:]
    while args:
        opt = args.pop(0)
        if opt == "--min-colours":
            min_colours = int(args.pop(0))
        elif opt == "--min-ink":
            min_ink = float(args.pop(0))
        elif opt == "--colour":
            rgb, _, least = args.pop(0).partition(":")
            colours.append((tuple(bytes.fromhex(rgb)), rgb, int(least)))
        else:
            sys.exit(f"png_check.py: unknown option {opt}")
    width, height, rows = decode(path)
    counts = {}
    for row in rows:
        for px in row:
            counts[px] = counts.get(px, 0) + 1
    total = width * height
    ink = 100.0 * (total - counts.get((255, 255, 255), 0)) / total
    problems = []
    if (width, height) != (want_w, want_h):
        problems.append(f"size {width}x{height}, expected {want_w}x{want_h}")
    if len(counts) < min_colours:
        problems.append(f"{len(counts)} distinct colours, expected at least {min_colours}")
    if ink < min_ink:
        problems.append(f"{ink:.2f}% of the pixels are not white, expected at least {min_ink}%")
    shown = []
    for rgb, name, least in colours:
        n = counts.get(rgb, 0)
        shown.append(f"#{name}: {n} px")
        if n < least:
            problems.append(f"{n} pixels of #{name}, expected at least {least}")
    print(f"{path}: {width}x{height}, {len(counts)} distinct colours, {ink:.2f}% not white"
          + (", " + ", ".join(shown) if shown else ""))
    for p in problems:
        print(f"{path}: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
