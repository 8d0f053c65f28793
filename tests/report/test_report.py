#!/usr/bin/python3
"""End-to-end tests of `exportready report`, the Progress sheet of follow-up
audits, `exportready template` and the man page (docs/cli.md).

Usage: test_report.py EXPORTREADY SOURCE_DIR PLUGIN_DIR CASE

Runs over the shipped rubric, example firms and sector plugins.  Workbooks
are opened with openpyxl; expected values are derived from the JSON results
of the runs (an independent path), never copied from a workbook.
"""
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import openpyxl

EXE, SRC, PLUGINS, CASE = sys.argv[1:5]
RUBRICS = os.path.join(SRC, "rubrics")
FIRMS = os.path.join(SRC, "examples", "firms")
DATA = os.path.join(SRC, "tests", "data", "report")
BASE_FIRM = os.path.join(FIRMS, "coffee-cocoa-valle-alto.cfg")
FOLLOW_UP = os.path.join(DATA, "valle-alto-followup.cfg")
FAILED = 0


def run(*args, env=None):
    e = dict(os.environ)
    e.pop("EXPORTREADY_RUBRICS", None)
    e.pop("EXPORTREADY_PLUGIN_PATH", None)
    e["SOURCE_DATE_EPOCH"] = "1767225600"
    if env:
        e.update(env)
    p = subprocess.run([EXE, *args], capture_output=True, text=True, env=e)
    return p.returncode, p.stdout, p.stderr


def expect(cond, what, *context):
    global FAILED
    if not cond:
        FAILED += 1
        print("FAIL:", what)
        for c in context:
            print("   ", c)


def audit(tmp, out_json, *firms, lang="en", out_dir=None):
    args = ["audit", "-q", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS, "--lang", lang,
            "--json", out_json]
    if out_dir:
        args += ["-o", out_dir]
    return run(*args, *firms)


def report(results, out_dir, *extra, lang="en"):
    return run("report", "--rubric-dir", RUBRICS, "--lang", lang, "-o", out_dir, *extra, results)


def example_firms():
    return sorted(os.path.join(FIRMS, f) for f in os.listdir(FIRMS) if f.endswith(".cfg"))


# ---- report ---------------------------------------------------------------

def case_same_bytes(tmp):
    """report renders the very workbooks audit -o wrote, in both languages."""
    for lang in ("en", "es"):
        a_dir, r_dir = os.path.join(tmp, "a-" + lang), os.path.join(tmp, "r-" + lang)
        rj = os.path.join(tmp, "r.json")
        rc, _, err = audit(tmp, rj, *example_firms(), lang=lang, out_dir=a_dir)
        expect(rc == 0, f"audit ({lang}) exit 0", err)
        rc, _, err = report(rj, r_dir, lang=lang)
        expect(rc == 0, f"report ({lang}) exit 0", err)
        names = sorted(os.listdir(a_dir))
        expect(names == sorted(os.listdir(r_dir)), f"same files ({lang})", names)
        expect("cohort.xlsx" in names and len(names) == len(example_firms()) + 1,
               "a workbook per firm and the cohort", names)
        for n in names:
            with open(os.path.join(a_dir, n), "rb") as f1, open(os.path.join(r_dir, n), "rb") as f2:
                expect(f1.read() == f2.read(), f"{lang}/{n}: report bytes == audit bytes")
    # An existing workbook is kept without --force, replaced with it.
    rc, _, err = report(rj, r_dir, lang="es")
    expect(rc == 1 and "exists" in err, "existing workbook refused without --force", rc, err)
    rc, _, err = report(rj, r_dir, "--force", lang="es")
    expect(rc == 0, "--force overwrites", err)


def case_skipped(tmp):
    """A firm that failed in the audit is skipped with a warning (exit 1)."""
    broken = os.path.join(tmp, "broken.cfg")
    with open(broken, "w") as f:
        f.write('firm = { id = "pe-broken"; };\n')
    rj = os.path.join(tmp, "r.json")
    audit(tmp, rj, BASE_FIRM, broken)
    out = os.path.join(tmp, "out")
    rc, _, err = report(rj, out)
    expect(rc == 1, "exit 1 when a saved firm had failed", rc, err)
    expect("pe-broken" in err and "warning" in err, "warning names the failed firm", err)
    expect(sorted(os.listdir(out)) == ["cohort.xlsx", "pe-valle-alto-cafe.xlsx"],
           "the audited firm and the cohort are written", os.listdir(out))


def case_refused(tmp):
    """Results that do not fit the rubric are refused, nothing written."""
    rj = os.path.join(tmp, "r.json")
    audit(tmp, rj, BASE_FIRM)
    doc = json.load(open(rj))
    cases = []
    d1 = json.loads(json.dumps(doc))
    d1["firms"][0]["findings"][3]["criterion"] = "no_such_criterion"
    cases.append((d1, "firms[0].findings[3].criterion: 'no_such_criterion' is not a criterion"))
    d2 = json.loads(json.dumps(doc))
    d2["firms"][0]["score"] = "high"
    cases.append((d2, "firms[0].score: must be a number or null, not a string"))
    d3 = json.loads(json.dumps(doc))
    d3["firms"][0]["findings"][0]["points"] += 1.0
    cases.append((d3, "but the rubric gives"))
    for i, (d, want) in enumerate(cases):
        bad = os.path.join(tmp, f"bad{i}.json")
        json.dump(d, open(bad, "w"))
        out = os.path.join(tmp, f"out{i}")
        rc, _, err = report(bad, out)
        expect(rc == 3, f"bad file {i}: exit 3", rc, err)
        expect(err.startswith("exportready: " + bad + ": ") and want in err,
               f"bad file {i}: message FILE: FIELD: ...", want, err)
        expect(not os.path.exists(out) or os.listdir(out) == [], f"bad file {i}: nothing written")
    rc, _, err = report(rj, os.path.join(tmp, "o"), "--lang", "fr")
    expect(rc == 2, "bad --lang: usage error", rc, err)
    rc, _, err = run("report", rj)
    expect(rc == 2 and "-o DIR" in err, "missing -o: usage error", rc, err)


# ---- Progress sheet -----------------------------------------------------------

STATUS = {"en": {"met": "Met"}, "es": {"met": "Cumple"}}


def progress_case(tmp, lang):
    bj, nj = os.path.join(tmp, "base.json"), os.path.join(tmp, "now.json")
    rc1, _, e1 = audit(tmp, bj, BASE_FIRM)
    rc2, _, e2 = audit(tmp, nj, FOLLOW_UP)
    expect(rc1 == 0 and rc2 == 0, "both audits succeed", e1, e2)
    out = os.path.join(tmp, "out")
    rc, _, err = report(nj, out, "--baseline", bj, lang=lang)
    expect(rc == 0, "report --baseline exit 0", err)
    base, now = json.load(open(bj))["firms"][0], json.load(open(nj))["firms"][0]
    wb = openpyxl.load_workbook(os.path.join(out, now["id"] + ".xlsx"))
    name = "Progress" if lang == "en" else "Avance"
    expect(wb.sheetnames[1] == name, "Progress is the second sheet", wb.sheetnames)
    ws = wb[name]
    rows = [r for r in ws.iter_rows(values_only=True)]

    # Dimension scores then, now and the change, in rubric order.
    nums = [r for r in rows if isinstance(r[2], (int, float)) and isinstance(r[3], (int, float))]
    dims = list(zip(base["dimensions"], now["dimensions"]))
    for (bd, nd), r in zip(dims, nums):
        expect(abs(r[2] - bd["score"]) < 1e-3 and abs(r[3] - nd["score"]) < 1e-3 and
               abs(r[4] - (nd["score"] - bd["score"])) < 1e-3,
               f"dimension {nd['id']} then/now/change", r, bd, nd)
    overall = nums[len(dims)]
    expect(abs(overall[2] - base["score"]) < 1e-3 and abs(overall[3] - now["score"]) < 1e-3,
           "overall score then and now", overall)
    grade_row = rows[rows.index(tuple(overall) if isinstance(overall, tuple) else overall) + 1]
    expect(grade_row[2] == base["grade"] and grade_row[3] == now["grade"], "grades", grade_row)

    # Gaps closed and new gaps, from the two JSON files, by requirement title
    # (titles come from the workbook's own Findings sheet: id -> title).
    fws = wb[wb.sheetnames[2]]
    titles = {}
    for r in fws.iter_rows(min_row=2, values_only=True):
        if r[10]:
            titles[r[10]] = r[1]
    bst = {f["criterion"]: f["status"] for f in base["findings"]}
    gap = {"unmet", "partial", "not_assessed", "unknown"}
    closed = {f["criterion"] for f in now["findings"]
              if f["status"] == "met" and bst[f["criterion"]] in gap}
    new = {f["criterion"] for f in now["findings"]
           if bst[f["criterion"]] == "met" and f["status"] in gap}
    expect(len(closed) == 3 and len(new) == 1, "the fixture closes 3 gaps and opens 1",
           closed, new)
    firsts = [r[0] for r in rows]
    for cid in closed | new:
        expect(titles[cid] in firsts, f"{cid} listed", titles[cid])
    i_closed = next(i for i, r in enumerate(rows) if r[0] and str(r[0]).startswith(
        "Gaps closed" if lang == "en" else "Brechas cerradas"))
    i_new = next(i for i, r in enumerate(rows) if r[0] and str(r[0]).startswith(
        "New gaps" if lang == "en" else "Brechas nuevas"))
    listed_closed = {r[0] for r in rows[i_closed + 2:i_new] if r[0]}
    expect(listed_closed == {titles[c] for c in closed}, "exactly the closed gaps",
           listed_closed)
    for r in rows[i_closed + 2:i_new]:
        if r[0]:
            expect(r[3] == STATUS[lang]["met"], "closed gap is met now", r)

    # Outcome indicators: numbers from the facts; a missing one says so.
    by_key = {r[1]: r for r in rows if r[1] in ("exports_eu_eur", "exports_non_eu_eur",
                                                  "employees", "sales_eur")}
    expect(len(by_key) == 4, "four outcome indicators", by_key)
    for k in ("exports_eu_eur", "exports_non_eu_eur", "employees"):
        r = by_key[k]
        expect(r[2] == base["facts"][k] and r[3] == now["facts"][k] and
               r[4] == now["facts"][k] - base["facts"][k], f"indicator {k}", r)
    expect("sales_eur" not in now["facts"], "fixture: sales not reported now")
    missing = "not reported" if lang == "en" else "no informado"
    r = by_key["sales_eur"]
    expect(r[2] == base["facts"]["sales_eur"] and r[3] == missing and r[4] is None,
           "missing indicator is 'not reported', never 0", r)

    # Without a baseline there is no Progress sheet.
    out2 = os.path.join(tmp, "out2")
    report(nj, out2, lang=lang)
    wb2 = openpyxl.load_workbook(os.path.join(out2, now["id"] + ".xlsx"))
    expect(name not in wb2.sheetnames, "no Progress sheet without a baseline", wb2.sheetnames)


def case_progress(tmp):
    progress_case(tmp, "en")


def case_progress_es(tmp):
    progress_case(tmp, "es")


def main():
    fn = globals().get("case_" + CASE)
    if fn is None:
        print("unknown case", CASE)
        return 2
    tmp = tempfile.mkdtemp(prefix="er-report-")
    try:
        fn(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if FAILED:
        print(f"{FAILED} check(s) failed")
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
