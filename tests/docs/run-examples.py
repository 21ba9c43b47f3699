#!/usr/bin/env python3
"""run-examples.py - run the `$ dti ...` examples of one Markdown document and
compare the output each one shows with what the commands print now.

Usage: run-examples.py [-v] [--keep] [--update] DTI_BINARY_DIR REPO_ROOT DOC.md

--update rewrites the shown output of every example that differs with what
the command prints now (for a deliberate change of output; review the diff).

The conventions (what an example is, `$ cat FILE` defining FILE, fixtures,
the `<!-- doc-test: ... -->` comments) are described in README.md beside this
file. Exit status: 0 when every example's output matches, 1 when one differs
(a unified diff is printed for each), 2 for a usage or document error.
"""

import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

COMMAND_TIMEOUT = 60  # seconds for one command

FENCE = re.compile(r"^ *(`{3,}|~{3,})(.*)$")
DIRECTIVE = re.compile(r"^\s*<!--\s*doc-test:\s*(.*?)\s*-->\s*$")
DIRECTIVE_BODY = re.compile(r"^(skip|ignore-output)\s*\((.+)\)$")
# `cat FILE`, optionally followed by a parenthesised note for the reader
# ("(BOM and CR not shown)"): the shown text is then what a terminal shows.
CAT = re.compile(r"^cat\s+([^\s;&|<>()'\"`$\\]+)(?:\s+\((.*)\))?\s*$")


class DocError(Exception):
    pass


class Example:
    def __init__(self, line, command, expected, mode, reason, out_at=None, indent=0):
        self.line = line  # line number of the `$ ` line in the document
        self.out_at = out_at  # 0-based document line of the first shown output line
        self.indent = indent  # the fence's indentation
        self.command = command
        self.expected = expected  # list of lines
        self.mode = mode  # "check" or "ignore-output"
        self.reason = reason


def parse(path):
    """Returns (examples, skipped) where skipped lists (line, reason) of
    blocks marked skip."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    examples, skipped = [], []
    directive = None  # (line, keyword, reason) waiting for its block
    i = 0
    while i < len(lines):
        line = lines[i]
        m = DIRECTIVE.match(line)
        if m:
            body = DIRECTIVE_BODY.match(m.group(1))
            if not body:
                raise DocError(f"{path}:{i + 1}: unknown doc-test comment {m.group(1)!r} "
                               "(expected 'skip (reason)' or 'ignore-output (reason)')")
            if directive:
                raise DocError(f"{path}:{directive[0]}: doc-test comment not followed by a code block")
            directive = (i + 1, body.group(1), body.group(2).strip())
            i += 1
            continue
        m = FENCE.match(line)
        if not m:
            if directive and line.strip():
                raise DocError(f"{path}:{directive[0]}: doc-test comment not followed by a code block")
            i += 1
            continue
        # A fenced block: find its end (same character, at least as long).
        fence = m.group(1)
        indent = len(line) - len(line.lstrip(" "))
        start = i + 1
        j = start
        while j < len(lines):
            c = re.match(r"^ {0,3}(`{3,}|~{3,})\s*$", lines[j].lstrip(" ") if indent else lines[j])
            if c and c.group(1)[0] == fence[0] and len(c.group(1)) >= len(fence):
                break
            j += 1
        # The content loses the fence's indentation (a block in a list item).
        block = [re.sub(r"^ {0,%d}" % indent, "", t) if indent else t for t in lines[start:j]]
        i = j + 1
        cmd_lines = [k for k, text in enumerate(block) if text.startswith("$ ")]
        if not cmd_lines:
            if directive:
                raise DocError(f"{path}:{directive[0]}: doc-test comment on a block without a `$ ` line")
            continue
        mode, reason = "check", None
        if directive:
            mode, reason = directive[1], directive[2]
            directive = None
        if mode == "skip":
            skipped.append((start + 1, reason))
            continue
        if cmd_lines[0] != 0 and any(t.strip() for t in block[:cmd_lines[0]]):
            raise DocError(f"{path}:{start + 1}: text before the first `$ ` line of the block")
        k = cmd_lines[0]
        while k < len(block):
            first = k
            command = block[k][2:]
            while command.endswith("\\") and k + 1 < len(block):
                k += 1
                command += "\n" + block[k]
            k += 1
            expected = []
            while k < len(block) and not block[k].startswith("$ "):
                expected.append(block[k])
                k += 1
            examples.append(Example(start + first + 1, command, expected, mode, reason,
                                    start + k - len(expected), indent))
    if directive:
        raise DocError(f"{path}:{directive[0]}: doc-test comment not followed by a code block")
    return examples, skipped


def normalise(text_lines):
    out = [t.rstrip(" \t") for t in text_lines]
    while out and out[-1] == "":
        out.pop()
    return out


def setup_scratch(repo, doc):
    scratch = tempfile.mkdtemp(prefix="dti-doc-")
    # data/ is copied, so that an example may change a file in it (the
    # README's recalculation script with a mistyped value) without touching
    # the source tree; tests/ and docs/ are only read.
    shutil.copytree(os.path.join(repo, "data"), os.path.join(scratch, "data"), symlinks=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("tests", "docs"):
        os.symlink(os.path.join(repo, name), os.path.join(scratch, name))
    stem = os.path.splitext(os.path.basename(doc))[0]
    fixtures = os.path.join(repo, "tests", "docs", "fixtures", stem)
    if os.path.isdir(fixtures):
        shutil.copytree(fixtures, scratch, symlinks=True, dirs_exist_ok=True)
    return scratch


def environment(bindir, scratch, vietnamese=False):
    env = {k: v for k, v in os.environ.items()
           if not (k.startswith("LC_") or k in ("LANG", "LANGUAGE", "COLUMNS", "LINES", "BASH_ENV",
                                                  "ENV", "CDPATH", "POSIXLY_CORRECT")
                   or k.startswith("DTI_"))}
    env.update(PATH=bindir + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin"),
               LC_ALL="C.UTF-8", TZ="UTC", NO_COLOR="1", HOME=scratch)
    if vietnamese:
        # docs/vi/: as a Vietnamese desktop sets it (the locale need not be
        # generated on this machine).
        del env["LC_ALL"]
        env["LANG"] = "vi_VN.UTF-8"
    return env


def run(command, scratch, env, status):
    """Runs one command; returns (output, exit status)."""
    if "$?" in command:
        # Each command has its own bash: give it the status of the one before.
        command = f"(exit {status}); {command}"
    try:
        p = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=scratch, env=env,
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=COMMAND_TIMEOUT)
        out, status = p.stdout, p.returncode
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"") + f"\n[timed out after {COMMAND_TIMEOUT} s]\n".encode()
        status = 124
    return out.decode("utf-8", errors="backslashreplace"), status


def inside(scratch, name):
    full = os.path.realpath(os.path.join(scratch, name))
    return full == scratch or full.startswith(scratch + os.sep)


def main(argv):
    verbose = keep = update = False
    args = []
    updates = []  # (example, actual lines) to write back with --update
    for a in argv[1:]:
        if a in ("-v", "--verbose"):
            verbose = True
        elif a == "--update":
            update = True
        elif a == "--keep":
            keep = True
        else:
            args.append(a)
    if len(args) != 3:
        print("usage: run-examples.py [-v] [--keep] DTI_BINARY_DIR REPO_ROOT DOC.md", file=sys.stderr)
        return 2
    bindir, repo, doc = (os.path.abspath(a) for a in args)
    if not os.access(os.path.join(bindir, "dti"), os.X_OK):
        print(f"run-examples.py: no executable dti in {bindir}", file=sys.stderr)
        return 2
    shown = os.path.relpath(doc, repo)
    try:
        examples, skipped = parse(doc)
    except (DocError, OSError) as e:
        print(f"run-examples.py: {e}", file=sys.stderr)
        return 2

    scratch = os.path.realpath(setup_scratch(repo, doc))
    env = environment(bindir, scratch, os.path.basename(os.path.dirname(doc)) == "vi")
    passed = failed = defined = ignored = status = 0
    t0 = time.monotonic()
    try:
        for ex in examples:
            where = f"{shown}:{ex.line}"
            cat = CAT.match(ex.command)
            if cat and not os.path.lexists(os.path.join(scratch, cat.group(1))):
                # `$ cat FILE` defines FILE: the shown lines are its content.
                name, note = cat.group(1), cat.group(2)
                if note is not None:
                    print(f"{where}: `cat {name}` has a note ({note}) but no fixture "
                          f"tests/docs/fixtures/{os.path.splitext(os.path.basename(doc))[0]}/{name}")
                    failed += 1
                    continue
                if not inside(scratch, name):
                    print(f"{where}: `cat {name}` names a file outside the scratch directory")
                    failed += 1
                    continue
                target = os.path.join(scratch, name)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "w", encoding="utf-8", newline="") as f:
                    f.write("\n".join(normalise(ex.expected)) + "\n")
                defined += 1
                status = 0
                if verbose:
                    print(f"{where}: defined {name}")
                continue
            command = ex.command
            if cat and cat.group(2) is not None:
                command = "cat " + shlex.quote(cat.group(1))
            actual, status = run(command, scratch, env, status)
            if cat and cat.group(2) is not None:
                # Annotated: compare what a terminal shows (no BOM, no CR).
                actual = actual.replace("\ufeff", "").replace("\r", "")
            if ex.mode == "ignore-output":
                ignored += 1
                if verbose:
                    print(f"{where}: ran, output not compared ({ex.reason})")
                continue
            want, got = normalise(ex.expected), normalise(actual.split("\n"))
            if want == got:
                passed += 1
                if verbose:
                    print(f"{where}: ok: $ {ex.command.splitlines()[0]}")
                continue
            failed += 1
            updates.append((ex, got))
            print(f"{where}: FAILED: $ {ex.command}")
            for d in difflib.unified_diff(want, got, fromfile=f"{where} (shown)",
                                          tofile="actual output", lineterm=""):
                print(d)
            print()
    finally:
        if keep:
            print(f"scratch directory kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    if update and updates:
        with open(doc, encoding="utf-8") as f:
            lines = f.read().split("\n")
        for ex, got in sorted(updates, key=lambda u: -u[0].out_at):
            # Keep blank lines that ended the shown output (before the next
            # `$ ` line or the fence).
            n = len(ex.expected)
            trailing = len(ex.expected) - len(normalise(ex.expected))
            pad = " " * ex.indent
            lines[ex.out_at:ex.out_at + n - trailing] = [pad + t if t else t for t in got]
        with open(doc, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        print(f"{shown}: {len(updates)} example(s) updated")
    for line, reason in skipped:
        print(f"{shown}:{line}: block skipped ({reason})")
    if verbose or ignored:
        print(f"{shown}: {defined} file(s) defined by `$ cat`, {ignored} output(s) not compared, "
              f"{len(skipped)} block(s) skipped, {time.monotonic() - t0:.1f} s")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
