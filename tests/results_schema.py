"""results_schema.py - checks results files against share/results.schema.json.

Imported by the CLI and report suites: every results file their `audit
--json` runs write is validated (check_run), so the schema and the writer
cannot drift apart.  Needs python3-jsonschema (scripts/deps.sh); without it
the suites fail rather than pass without checking.
"""
import json
import os

import jsonschema  # Debian python3-jsonschema

SCHEMA_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "share",
                           "results.schema.json")
with open(SCHEMA_PATH, encoding="utf-8") as _f:
    SCHEMA = json.load(_f)
jsonschema.Draft202012Validator.check_schema(SCHEMA)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
checked = 0


def errors(doc):
    """The schema violations of a parsed results document, as strings."""
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(top)'}: {e.message[:300]}"
            for e in sorted(VALIDATOR.iter_errors(doc), key=lambda e: list(e.absolute_path))]


def check_run(args, stdout):
    """After `exportready ARGS` ran: the errors of the results file it was asked
    to write (--json FILE, '-' = stdout), or [] when it wrote none."""
    global checked
    args = list(args)
    if not args or args[0] != "audit" or "--json" not in args:
        return []
    i = args.index("--json")
    if i + 1 >= len(args):
        return []
    path = args[i + 1]
    if path == "-":
        text = stdout
    elif os.path.isfile(path):
        with open(path, encoding="utf-8") as f:
            text = f.read()
    else:
        return []
    try:
        doc = json.loads(text)
    except ValueError:
        return []  # not written as JSON (the suites check that themselves)
    checked += 1
    return [f"{path}: {e}" for e in errors(doc)]
