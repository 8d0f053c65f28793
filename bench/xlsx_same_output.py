#!/usr/bin/python3
"""Same bytes out: two builds' `validate` and `audit --json -` on many xlsx inputs.

    bench/xlsx_same_output.py --new BUILD --base BUILD [--collect] [--variants COHORT.xlsx]
                              --inputs DIR

For a change to the xlsx reader that must not change what a user sees.
Every DIR/*.xlsx is run through both builds' exportready (`validate`, and
`audit -q --no-isolate --json -`); stdout, stderr and exit code must be
identical.  Exits 1 and names the files that differ.

--collect first fills DIR with the xlsx files the intake, hostile-file and
CLI tests write (ctest of the --new build with TMPDIR under DIR, plus a
sitecustomize that keeps each .xlsx before a test removes its directory),
and the committed ones under tests/ and fuzz/corpus/.
--variants COHORT.xlsx adds hostile variants of a cohort's sheet (e.g. the
one bench/intake_read.py writes with --work): odd <c> attributes (&amp;,
char references, over-long values, prefixes, duplicates, none), cell texts
with CR, CRLF, spaces and 70 000 bytes, cells out of order.
Not a test (it takes minutes); the lead or a reader change runs it.
"""
import argparse
import glob
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)

HOOK = '''
import os, shutil, hashlib
_rm = shutil.rmtree
OUT = os.environ["ER_XLSX_KEEP"]
def rmtree(path, *a, **k):
    try:
        for d, _, fs in os.walk(path):
            for f in fs:
                if f.lower().endswith(".xlsx"):
                    data = open(os.path.join(d, f), "rb").read()
                    dst = os.path.join(OUT, hashlib.sha1(data).hexdigest()[:16] + "-" + f)
                    if not os.path.exists(dst):
                        open(dst, "wb").write(data)
    except Exception:
        pass
    return _rm(path, *a, **k)
shutil.rmtree = rmtree
'''


def keep(path, out):
    data = open(path, "rb").read()
    dst = os.path.join(out, hashlib.sha1(data).hexdigest()[:16] + "-" + os.path.basename(path))
    if not os.path.exists(dst):
        shutil.copyfile(path, dst)


def collect(build, out):
    hook = tempfile.mkdtemp(prefix="er-xlsx-hook-", dir=out)
    tmp = tempfile.mkdtemp(prefix="er-xlsx-tmp-", dir=out)
    with open(os.path.join(hook, "sitecustomize.py"), "w") as f:
        f.write(HOOK)
    env = dict(os.environ, TMPDIR=tmp, PYTHONPATH=hook, ER_XLSX_KEEP=out)
    subprocess.run(["ctest", "--test-dir", build, "-j2", "-R",
                    "intake_|bad_|report_template_xlsx|test_xlsx_read|cli_"], env=env,
                   stdout=subprocess.DEVNULL, check=False)
    for p in glob.glob(os.path.join(tmp, "**", "*.xlsx"), recursive=True):
        keep(p, out)
    for top in ("tests", os.path.join("fuzz", "corpus")):
        for p in glob.glob(os.path.join(SRC, top, "**", "*.xlsx"), recursive=True):
            keep(p, out)
    shutil.rmtree(hook)
    shutil.rmtree(tmp)


def variants(cohort, out):
    def nth(s, old, new, n=1):
        i = -1
        for _ in range(n):
            i = s.find(old, i + 1)
            if i < 0:
                return s
        return s[:i] + new + s[i + len(old):]
    edits = {
        "amp-r": lambda s: nth(s, '<c r="B3"', '<c r="B&amp;3"'),
        "ent38-r": lambda s: nth(s, '<c r="B3"', '<c r="B&#38;3"'),
        "charref-r": lambda s: nth(s, '<c r="B3"', '<c r="B&#51;"'),
        "amp-t": lambda s: nth(s, '<c r="C3"', '<c t="s&amp;" r="C3"'),
        "long-r-zeros": lambda s: nth(s, '<c r="B3"', '<c r="B' + "0" * 80 + '3"'),
        "long-r-letters": lambda s: nth(s, '<c r="B3"', '<c r="' + "Q" * 80 + '3"'),
        "long-s": lambda s: nth(s, '<c r="B3"', '<c s="' + "0" * 70 + '1" r="B3"'),
        "prefix": lambda s: nth(s, '<c r="B3"', '<c x:r="B3" xmlns:x="urn:x"'),
        "dup-r": lambda s: nth(s, '<c r="B3"', '<c r="B3" r="B4"'),
        "empty-r": lambda s: nth(s, '<c r="B3"', '<c r=""'),
        "extra-atts": lambda s: s.replace('<c r="', '<c cm="1" vm="2" ph="1" r="'),
        "no-r": lambda s: s.replace('<c r="', '<c rr="'),
        "unsorted": lambda s: nth(s, '<c r="B3"', '<c r="A3"'),
        "crlf": lambda s: s.replace("<t>basic</t>", "<t>ba&#13;&#10;sic</t>"),
        "cr": lambda s: s.replace("<t>basic</t>", "<t>basic&#13;</t>"),
        "spaces": lambda s: s.replace("<t>yes</t>", "<t> yes  </t>").replace("<t>id</t>", "<t>id </t>"),
        "long-text": lambda s: nth(s, "<t>basic</t>", "<t>" + "x" * 70000 + "</t>", 2),
    }
    zin = zipfile.ZipFile(cohort)
    for name, fn in edits.items():
        with zipfile.ZipFile(os.path.join(out, f"variant-{name}.xlsx"), "w",
                             zipfile.ZIP_DEFLATED) as zout:
            for it in zin.infolist():
                data = zin.read(it.filename)
                if it.filename == "xl/worksheets/sheet1.xml":
                    data = fn(data.decode()).encode()
                zout.writestr(it.filename, data)


def run(build, args):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1795305600")
    p = subprocess.run([os.path.join(build, "cli", "exportready"), *args], capture_output=True,
                       env=env)
    return p.returncode, p.stdout, p.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--new", required=True)
    ap.add_argument("--base", required=True)
    ap.add_argument("--inputs", required=True)
    ap.add_argument("--collect", action="store_true")
    ap.add_argument("--variants", default=None)
    a = ap.parse_args()
    os.makedirs(a.inputs, exist_ok=True)
    if a.collect:
        collect(a.new, a.inputs)
    if a.variants:
        variants(a.variants, a.inputs)
    common = ["--rubric-dir", os.path.join(SRC, "rubrics"),
              "--plugin-dir", os.path.join(a.new, "sector-plugins")]
    files = sorted(glob.glob(os.path.join(a.inputs, "*.xlsx")))
    bad = []
    for f in files:
        for mode in (["validate"], ["audit", "-q", "--no-isolate", "--json", "-"]):
            args = [mode[0], *common, *mode[1:], f]
            if run(a.new, args) != run(a.base, args):
                bad.append(f"{mode[0]} {f}")
    print(f"{len(files)} xlsx inputs, {2 * len(files)} runs, {len(bad)} differ")
    for b in bad:
        print("DIFFERS:", b)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
