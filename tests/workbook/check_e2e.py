#!/usr/bin/python3
"""End-to-end: `exportready audit --json -o` on the example firms, then the
workbooks are recalculated by LibreOffice headless and their scores compared
with the JSON results.

The JSON rounds numbers to 4 decimals (core/er_json.c), so each recalculated
number is rounded the same way and must then equal the JSON within 1e-6.
Also: the cached values in the files give the same, a second run gives
byte-identical workbooks, and cohort.xlsx has one row per firm.
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys

import openpyxl

from check_workbooks import SHEETS, COHORT_SHEETS, soffice_convert, whatif_cells

TOL = 1e-6
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def round4(x):
    # Same rounding as er_json_round4: round half away from zero.
    import math
    r = x * 10000.0
    r = math.floor(r + 0.5) if r >= 0 else math.ceil(r - 0.5)
    return r / 10000.0


def same(got, want):
    if want is None:
        return got in (None, "")
    return got not in (None, "") and abs(round4(float(got)) - want) <= TOL


def compare(path, lang, firm, where):
    wb = openpyxl.load_workbook(path, data_only=True)
    dims, total, _ = whatif_cells(wb, lang)
    for d in firm["dimensions"]:
        got = dims.get(d["id"], (None,))[0]
        check(same(got, d.get("score")), f"{where}: {d['id']} {got} vs JSON {d.get('score')}")
    check(same(total["score"], firm["score"]), f"{where}: overall {total['score']} vs {firm['score']}")
    check(total["grade"] == firm["grade"], f"{where}: grade {total['grade']} vs {firm['grade']}")
    check(total["grade_uncapped"] == firm["grade_uncapped"], f"{where}: uncapped grade")
    check(total["blockers"] == len(firm["blockers"]), f"{where}: blockers")


def audit(exe, args, outdir, json_path, lang, env):
    cmd = [exe, "audit", *args, "-o", outdir, "--json", json_path, "--lang", lang]
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    check(p.returncode in (0, 1), f"audit exited {p.returncode}: {p.stderr}")
    return p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--exportready", required=True)
    ap.add_argument("--rubrics", required=True)
    ap.add_argument("--plugin-dir", required=True)
    ap.add_argument("--examples", required=True)
    ap.add_argument("--soffice", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    firms = sorted(glob.glob(os.path.join(a.examples, "*.cfg")))
    check(len(firms) >= 2, "need at least two example firms")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1790000000")
    common = ["--rubric-dir", a.rubrics, "--plugin-dir", a.plugin_dir, *firms]

    to_convert, plan = [], []
    for lang in ("en", "es"):
        out = os.path.join(a.work, lang)
        jp = os.path.join(a.work, f"{lang}.json")
        audit(a.exportready, common, out, jp, lang, env)
        res = json.load(open(jp))
        audited = [f for f in res["firms"] if f.get("score") is not None or f.get("grade")]
        check(audited, f"{lang}: no firm audited")
        for f in audited:
            path = os.path.join(out, f["id"] + ".xlsx")
            check(os.path.exists(path), f"missing {path}")
            if not os.path.exists(path):
                continue
            compare(path, lang, f, f"{path} (cached)")
            tagged = os.path.join(a.work, "lo-in", f"{lang}-{f['id']}.xlsx")
            os.makedirs(os.path.dirname(tagged), exist_ok=True)
            shutil.copyfile(path, tagged)
            to_convert.append(tagged)
            plan.append((lang, f))
            check(openpyxl.load_workbook(path).sheetnames == SHEETS[lang], f"{path}: sheet names")
        cohort = openpyxl.load_workbook(os.path.join(out, "cohort.xlsx"))
        check(cohort.sheetnames == COHORT_SHEETS[lang], f"{lang}: cohort sheets")
        check(cohort[COHORT_SHEETS[lang][0]].max_row == len(audited) + 1, f"{lang}: cohort rows")

    # Same input, same bytes (a second run into a fresh directory).
    again = os.path.join(a.work, "again")
    audit(a.exportready, common, again, os.path.join(a.work, "again.json"), "es", env)
    for p in sorted(glob.glob(os.path.join(a.work, "es", "*.xlsx"))):
        q = os.path.join(again, os.path.basename(p))
        check(os.path.exists(q) and open(p, "rb").read() == open(q, "rb").read(),
              f"{os.path.basename(p)} differs between identical runs")

    outs = soffice_convert(a.soffice, to_convert, os.path.join(a.work, "lo-out"),
                           os.path.join(a.work, "lo-profile"))
    for path, (lang, f) in zip(outs, plan):
        check(os.path.exists(path), f"LibreOffice did not convert {path}")
        if os.path.exists(path):
            compare(path, lang, f, f"{path} (LibreOffice)")

    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print(f"end-to-end workbook checks passed ({len(plan)} workbooks recalculated)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
