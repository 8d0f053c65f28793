#!/usr/bin/python3
"""Real company names in every place a workbook prints them (issue 17, F1).

Names with '&' crashed libxlsxwriter 1.1.4's header code ("&G" and
"&[Picture]" are picture placeholders there), and with -j 2 the crash took
unrelated firms down with it.  This audits six firms named as real firms are
(A&G Exports S.A.C., Pérez & Hijos, ...) at -j 1 and -j 2, in English and
Spanish, and reads every place the name goes back with a real reader:
- exit status 0, one workbook per firm, the JSON lists all six;
- the Summary sheet and the cohort (openpyxl) hold the name as typed;
- the print header, decoded from the sheet XML with Excel's header grammar,
  prints the name, and LibreOffice renders it so: PDF -> pdftotext;
- the Company document property (docProps/app.xml) is the name;
- the PDF report (DIR/<id>.pdf, Cairo and Pango) shows the name as typed,
  never as markup: pdftotext of each, en and es, -j 1 and -j 2 the same bytes;
- `report` renders the same workbooks and PDFs again from the saved results.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

import openpyxl

NAMES = [
    "A&G Exports S.A.C.",
    "Pérez & Hijos",
    "&[Picture] Foods",
    "X &&G",
    "Trailing &",
    'Agroindustrias "El Sol" <Perú> & Cía',
]
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def cfg_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_firms(example, work):
    text = open(example, encoding="utf-8").read()
    paths = []
    for i, name in enumerate(NAMES, 1):
        t = re.sub(r'(\n  id = )"[^"]*";', lambda m: f'{m.group(1)}"name-{i}";', text, count=1)
        t = re.sub(r'(\n  name = )"[^"]*";', lambda m: f"{m.group(1)}{cfg_string(name)};", t,
                   count=1)
        check(f'"name-{i}"' in t and cfg_string(name) in t, f"could not set name {name!r}")
        p = os.path.join(work, f"name-{i}.cfg")
        with open(p, "w", encoding="utf-8") as f:
            f.write(t)
        paths.append(p)
    return paths


def header_sections(code):
    """What Excel prints in the left, centre and right header sections."""
    sec, cur, i = {"L": "", "C": "", "R": ""}, "C", 0
    while i < len(code):
        c = code[i]
        if c != "&":
            sec[cur] += c
            i += 1
            continue
        nxt = code[i + 1] if i + 1 < len(code) else ""
        check(nxt != "", f"header ends inside a code: {code!r}")
        if nxt in "LCR":
            cur = nxt
            i += 2
        elif nxt == "&":
            sec[cur] += "&"
            i += 2
        elif nxt == '"':
            end = code.find('"', i + 2)
            check(end > 0, f"unterminated font code: {code!r}")
            i = end + 1
        else:
            i += 2  # &P, &N, &D ...: a field, no literal text
    return sec


def check_workbook(path, name, fid, lang):
    wb = openpyxl.load_workbook(path)
    summary = wb.worksheets[0]
    values = [c.value for row in summary.iter_rows(max_row=20) for c in row]
    check(f"{name} ({fid})" in values, f"{path}: Summary does not hold {name!r}")
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml$", n)]
        for s in sheets:
            root = ET.fromstring(z.read(s))
            head = root.find("m:headerFooter/m:oddHeader", NS)
            if head is None:
                continue
            left = header_sections(head.text)["L"]
            check(left == f"{name} ({fid})", f"{path}:{s}: header prints {left!r}")
            check("&G" not in head.text and "&[Picture]" not in head.text,
                  f"{path}:{s}: header holds a picture placeholder")
        app = ET.fromstring(z.read("docProps/app.xml"))
        company = [e.text for e in app if e.tag.endswith("Company")]
        check(company == [name], f"{path}: Company property {company!r}")


def pdf_text(path):
    """The PDF's text with runs of white space made one space (a long line
    may wrap)."""
    p = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True)
    check(p.returncode == 0, f"pdftotext {path} exited {p.returncode}")
    return " ".join(p.stdout.decode("utf-8", "replace").split())


def check_pdf(path, name, fid):
    if not os.path.exists(path):
        check(False, f"missing {path}")
        return
    text = pdf_text(path)
    check(" ".join(name.split()) in text, f"{path}: the text does not show {name!r} literally")
    check(fid in text, f"{path}: the text does not show the id {fid}")


def audit(exe, args, out, jp, lang, jobs, env):
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    cmd = [exe, "audit", *args, "-j", str(jobs), "--lang", lang, "-o", out, "--json", jp]
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    check(p.returncode == 0, f"audit -j {jobs} --lang {lang} exited {p.returncode}: {p.stderr}")
    return p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--exportready", required=True)
    ap.add_argument("--rubrics", required=True)
    ap.add_argument("--plugin-dir", required=True)
    ap.add_argument("--example", required=True)
    ap.add_argument("--soffice", default="")
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1790000000")
    firms = make_firms(a.example, a.work)
    common = ["--rubric-dir", a.rubrics, "--plugin-dir", a.plugin_dir, *firms]

    first = {}
    for lang in ("en", "es"):
        for jobs in (1, 2):
            out = os.path.join(a.work, f"{lang}-j{jobs}")
            jp = out + ".json"
            audit(a.exportready, common, out, jp, lang, jobs, env)
            if not os.path.exists(jp):
                continue
            res = json.load(open(jp, encoding="utf-8"))
            got = {f["id"]: f.get("name") for f in res["firms"]}
            for i, name in enumerate(NAMES, 1):
                fid = f"name-{i}"
                check(got.get(fid) == name, f"{jp}: {fid} name {got.get(fid)!r}")
                path = os.path.join(out, fid + ".xlsx")
                check(os.path.exists(path), f"missing {path}")
                if os.path.exists(path):
                    check_workbook(path, name, fid, lang)
                    data = open(path, "rb").read()
                    if jobs == 1:
                        first[(lang, fid)] = data
                    else:
                        check(first.get((lang, fid)) == data, f"{path}: -j 2 differs from -j 1")
                pdf = os.path.join(out, fid + ".pdf")
                check_pdf(pdf, name, fid)
                if os.path.exists(pdf):
                    data = open(pdf, "rb").read()
                    if jobs == 1:
                        first[(lang, fid, "pdf")] = data
                    else:
                        check(first.get((lang, fid, "pdf")) == data, f"{pdf}: -j 2 differs from -j 1")
            cohort = openpyxl.load_workbook(os.path.join(out, "cohort.xlsx")).worksheets[0]
            cells = {c.value for row in cohort.iter_rows() for c in row}
            for name in NAMES:
                check(name in cells, f"{out}/cohort.xlsx lacks {name!r}")
            check(not [f for f in os.listdir(out) if "tmp" in f], f"{out}: temporary files left")

    # report re-renders the saved results (it died on these names too).
    rep = os.path.join(a.work, "report")
    p = subprocess.run([a.exportready, "report", "--rubric-dir", a.rubrics, "-o", rep,
                        os.path.join(a.work, "en-j1.json")],
                       capture_output=True, text=True, env=env, timeout=300)
    check(p.returncode == 0, f"report exited {p.returncode}: {p.stderr}")
    for i in range(1, len(NAMES) + 1):
        fid = f"name-{i}"
        q = os.path.join(rep, fid + ".xlsx")
        check(os.path.exists(q) and open(q, "rb").read() == first.get(("en", fid)),
              f"report {fid}.xlsx differs from audit's")
        q = os.path.join(rep, fid + ".pdf")
        check(os.path.exists(q) and open(q, "rb").read() == first.get(("en", fid, "pdf")),
              f"report {fid}.pdf differs from audit's")

    # LibreOffice prints the header as the firm typed its name.
    if a.soffice:
        pdf_dir = os.path.join(a.work, "pdf")
        books = [os.path.join(a.work, "es-j2", f"name-{i}.xlsx") for i in range(1, len(NAMES) + 1)]
        p = subprocess.run([a.soffice, f"-env:UserInstallation=file://{a.work}/lo-profile",
                            "--headless", "--norestore", "--convert-to", "pdf", "--outdir",
                            pdf_dir, *books], capture_output=True, text=True, timeout=240)
        check(p.returncode == 0, f"soffice failed: {p.stderr}")
        for i, name in enumerate(NAMES, 1):
            pdf = os.path.join(pdf_dir, f"name-{i}.pdf")
            if not os.path.exists(pdf):
                check(False, f"LibreOffice did not write {pdf}")
                continue
            t = subprocess.run(["pdftotext", "-l", "1", "-layout", pdf, "-"],
                               capture_output=True, text=True).stdout
            first_line = t.strip().splitlines()[0] if t.strip() else ""
            check(first_line.startswith(f"{name} (name-{i})"),
                  f"{pdf}: header line reads {first_line!r}")

    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print(f"names checks passed ({len(NAMES)} names, -j 1 and -j 2, en and es)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
