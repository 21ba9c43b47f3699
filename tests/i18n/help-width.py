#!/usr/bin/env python3
"""help-width.py DTI - every command's help in Vietnamese (dti --lang vi
COMMAND --help) fits in 80 columns, counted in characters (a Vietnamese
letter is one column), and exits 0. The commands are read from the Commands
section of `dti --help`, so a new command is checked too. (The English help
is pinned byte for byte by the golden cases; a few of its lines have 81-83
columns and are left as they are.)
"""
import subprocess
import sys
import unicodedata

WIDTH = 80


def run(args):
    return subprocess.run(args, capture_output=True, text=True, encoding="utf-8", check=False)


def columns(line):
    return sum(0 if unicodedata.combining(c) else 1 for c in line)


def main():
    dti = sys.argv[1]
    top = run([dti, "--lang", "en", "--help"]).stdout.splitlines()
    start = top.index("Commands:") + 1
    commands = []
    for line in top[start:]:
        if not line.startswith("  "):
            break
        commands.append(line.split()[0])
    if len(commands) < 12:
        print(f"help-width.py: only {len(commands)} commands in dti --help")
        return 1
    bad = 0
    for command in commands:
        r = run([dti, "--lang", "vi", command, "--help"])
        if r.returncode != 0 or r.stderr or not r.stdout.startswith("Cách dùng: "):
            print(f"{command} --help: exit {r.returncode}, stderr {r.stderr!r}, not in Vietnamese")
            bad += 1
            continue
        for n, line in enumerate(r.stdout.splitlines(), 1):
            if columns(line) > WIDTH:
                print(f"{command} --help line {n}: {columns(line)} columns: {line}")
                bad += 1
    print(f"help-width.py: {len(commands)} commands, {bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
