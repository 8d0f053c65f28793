#!/usr/bin/python3
"""cohort-csv.py FIRM.cfg... > cohort.csv - the firm files as one CSV cohort
(docs/csv-format.md): one row per firm, groups flattened to dotted column
names, products as parallel ';' lists.  Makes examples/cohort.csv from
examples/firms/*.cfg (the readme_first_screen test checks that both audit
to the same results):
    scripts/cohort-csv.py examples/firms/*.cfg > examples/cohort.csv
Needs python3-libconf."""
import csv
import io
import sys

import libconf


def cell(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def row(firm):
    out = {}
    for key, value in firm.items():
        if key == "products":
            names = sorted({k for p in value for k in p}, key=lambda k: (k != "name", k))
            for k in names:
                out["products." + k] = ";".join(cell(p[k]) if k in p else "" for p in value)
        elif key == "markets":
            out["markets"] = ";".join(value)
        elif isinstance(value, dict):
            for k, v in value.items():
                out[f"{key}.{k}"] = cell(v)
        else:
            out[key] = cell(value)
    return out


def main():
    rows = []
    for path in sys.argv[1:]:
        with io.open(path, encoding="utf-8") as f:
            rows.append(row(libconf.load(f)["firm"]))
    columns = []
    for r in rows:
        columns += [c for c in r if c not in columns]
    w = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)


main()
