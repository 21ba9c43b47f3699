# data/2021.csv (63 provinces) as Excel "Unicode text": UTF-16LE with BOM, tabs,
# CRLF, with 40 comment lines of about 1000 characters after the first 10
# provinces, so the file (about 110 KB) is converted in several reads.
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines(keepends=True)
pad = ["# " + "Chuyển đổi số " * 70 + "\n" for _ in range(40)]
text = "".join(lines[:11] + pad + lines[11:]).replace(",", "\t").replace("\n", "\r\n")
open("in.txt", "wb").write(b"\xff\xfe" + text.encode("utf-16-le"))
