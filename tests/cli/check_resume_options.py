#!/usr/bin/python3
"""--resume refuses a stopped run written with another --compare-markets.

  check_resume_options.py EXPORTREADY RUBRICS PLUGIN_DIR FIRMS_DIR WORK

The resumed firms' JSON objects and workbooks are kept as they were, so
resuming with the other setting would give a cohort whose firms compare
markets two ways: not what one run writes.  The results file says how its
firms were compared ("market_readiness"."compared"); `audit --resume` with
the other setting exits 3 naming the option, and writes nothing.  With the
same setting it goes on (exit 0).
"""
import glob
import json
import os
import shutil
import subprocess
import sys

EXE, RUBRICS, PLUGINS, FIRMS, WORK = sys.argv[1:6]
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1795305600", LANGUAGE="en")
failures = []


def check(cond, what, *context):
    if not cond:
        failures.append(what)
        print("FAIL:", what, *context)


def audit(out, results, *extra):
    cmd = [EXE, "audit", "-q", "--no-pdf", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS,
           "-o", out, "--json", results] + list(extra) + sorted(glob.glob(FIRMS + "/*.cfg"))
    return subprocess.run(cmd, env=ENV, capture_output=True, text=True)


shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
for first, other in ((False, True), (True, False)):
    tag = "all" if first else "targeted"
    out, res = os.path.join(WORK, "out-" + tag), os.path.join(WORK, tag + ".json")
    opt = ["--compare-markets"] if first else []
    p = audit(out, res, *opt)
    check(p.returncode == 0, f"{tag}: first run exits 0", p.returncode, p.stderr)
    with open(res, encoding="utf-8") as f:
        doc = json.load(f)
    check(all(fi["market_readiness"]["compared"] == tag for fi in doc["firms"]),
          f"{tag}: the file says how its firms were compared")
    before = {n: os.path.getmtime(os.path.join(out, n)) for n in os.listdir(out)}
    with open(res, "rb") as f:
        saved = f.read()
    p = audit(out, res, "--resume", *(["--compare-markets"] if other else []))
    check(p.returncode == 3, f"{tag}: resume with the other setting exits 3", p.returncode)
    want = "resume with --compare-markets too" if first else "resume without --compare-markets"
    check(want in p.stderr, f"{tag}: the message names the option", p.stderr)
    with open(res, "rb") as f:
        check(f.read() == saved, f"{tag}: the results file is untouched")
    after = {n: os.path.getmtime(os.path.join(out, n)) for n in os.listdir(out)}
    check(after == before, f"{tag}: nothing written in -o")
    p = audit(out, res, "--resume", *opt)
    check(p.returncode == 0, f"{tag}: resume with the same setting exits 0", p.returncode,
          p.stderr)
    with open(res, "rb") as f:
        check(f.read() == saved, f"{tag}: a finished run resumed is the same file")

print("check_resume_options:", "FAILED" if failures else "ok")
sys.exit(1 if failures else 0)
