#!/usr/bin/env python3
"""Validates the JSON that dti writes against the schemas in docs/.

Usage: check.py BINDIR SRCDIR CASES

CASES lists one run a line: the schema file (in docs/), a tab, then the dti
arguments as a shell would split them (no shell runs them). Each run is made
in SRCDIR with BINDIR/dti, must exit 0 or 3 (dti verify: a figure differs)
and write one JSON document that validates against the schema, which may
refer to docs/dti-common.schema.json. A run that must exit with another
status says so before its arguments, as exit=N (then it must exit N):

    dti-validate.schema.json<TAB>exit=1 validate -f json bad.csv

Blank lines and lines starting with # are skipped. Exits 1 listing every
failing run, 0 when all validate.
"""
import json
import os
import shlex
import subprocess
import sys

import jsonschema


def load_schemas(docs):
    schemas = {}
    for name in os.listdir(docs):
        if name.endswith(".schema.json"):
            with open(os.path.join(docs, name), encoding="utf-8") as f:
                schemas[name] = json.load(f)
    return schemas


def validator_for(schemas, name):
    """A draft 2020-12 validator of schemas[name] that resolves references to
    the other schema files by their $id (the file name)."""
    schema = schemas[name]
    cls = jsonschema.Draft202012Validator
    cls.check_schema(schema)
    try:
        from referencing import Registry, Resource

        registry = Registry().with_resources(
            (s["$id"], Resource.from_contents(s)) for s in schemas.values()
        )
        return cls(schema, registry=registry)
    except ImportError:  # jsonschema < 4.18 (Debian bookworm: 4.10)
        store = {s["$id"]: s for s in schemas.values()}
        resolver = jsonschema.RefResolver.from_schema(schema, store=store)
        return cls(schema, resolver=resolver)


def main():
    bindir, srcdir, cases = sys.argv[1:4]
    dti = os.path.join(bindir, "dti")
    schemas = load_schemas(os.path.join(srcdir, "docs"))
    failures = 0
    runs = 0
    with open(cases, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        schema_name, _, args = line.partition("\t")
        where = f"{cases}:{number}"
        if schema_name not in schemas:
            print(f"{where}: no schema docs/{schema_name}")
            failures += 1
            continue
        runs += 1
        words = shlex.split(args)
        expected = (0, 3)
        if words and words[0].startswith("exit="):
            expected = (int(words[0][len("exit="):]),)
            words = words[1:]
        argv = [dti] + words
        p = subprocess.run(argv, cwd=srcdir, capture_output=True)
        if p.returncode not in expected:
            want = " or ".join(str(e) for e in expected)
            print(f"{where}: dti {args}: exit {p.returncode}, expected {want}\n{p.stderr.decode()}")
            failures += 1
            continue
        try:
            doc = json.loads(p.stdout)
        except ValueError as e:
            print(f"{where}: dti {args}: not JSON: {e}")
            failures += 1
            continue
        errors = sorted(validator_for(schemas, schema_name).iter_errors(doc), key=str)
        for e in errors[:5]:
            path = "/".join(str(x) for x in e.absolute_path)
            print(f"{where}: dti {args}: /{path}: {e.message[:300]}")
        if errors:
            failures += 1
    print(f"{runs} runs, {failures} failing")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
