#!/usr/bin/python3
"""test_catalogue.py - the UI catalogues as data: a language with a
catalogue in a site layer works without C, a missing key shows English and
is reported, an unknown key or a wrong placeholder is an error naming
FILE:LINE and the key, --lang without a catalogue fails clearly."""
import os
import shutil
import subprocess
import sys

import openpyxl

EXE, SRC, PLUGINS, WORK = sys.argv[1:5]
FIRM = os.path.join(SRC, "examples", "firms", "processed-food-nuti.cfg")
fails = []


def check(cond, what):
    if not cond:
        fails.append(what)
        print("FAIL:", what)


def audit(lang, site=None, out="out"):
    args = [EXE, "audit", "--rubric-dir", os.path.join(SRC, "rubrics")]
    if site:
        args += ["--rubric-dir", site]
    args += ["--plugin-dir", PLUGINS, "--lang", lang, "--force", "--no-pdf",
             "-o", os.path.join(WORK, out), FIRM]
    os.makedirs(os.path.join(WORK, out), exist_ok=True)
    return subprocess.run(args, capture_output=True, text=True)


def site_with(name, text):
    d = os.path.join(WORK, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(d, "lang"))
    with open(os.path.join(d, "lang", "fr.cfg"), "w", encoding="utf-8") as f:
        f.write(text)
    return d


shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)

r = audit("fr")
check(r.returncode == 2 and "no UI catalogue for 'fr'" in r.stderr and "en, es" in r.stderr,
      f"--lang fr without a catalogue: exit 2 and a clear message ({r.returncode}: {r.stderr!r})")
r = audit("Spanish")
check(r.returncode != 0 and "not a language code" in r.stderr, f"--lang Spanish refused ({r.stderr!r})")

# French as data: two keys translated, the rest falls back to English.
site = site_with("fr", 'name = "Français";\nlabels = { sheet = { summary = "Résumé"; };\n'
                       '  rank = { due_by = "(avant le {date})"; }; };\n')
r = audit("fr", site, "fr")
check(r.returncode == 0, f"--lang fr with lang/fr.cfg in a site layer audits ({r.stderr!r})")
check("lacks" in r.stderr and "sheet.findings" in r.stderr,
      f"the missing keys are reported ({r.stderr!r})")
book = os.path.join(WORK, "fr", "pe-nuti-alimentos.xlsx")
if os.path.exists(book):
    names = openpyxl.load_workbook(book).sheetnames
    check(names[0] == "Résumé" and "Findings" in names, f"fr sheet names {names}")
else:
    check(False, "no fr workbook")

site = site_with("bad", 'labels = {\n  sheet = { summary = "Résumé";\n    bogus = "x"; };\n'
                        '  rank = { due_by = "(avant le {day})"; };\n  pseudo = 3;\n};\n')
r = audit("fr", site, "bad-out")
check(r.returncode == 3, f"a bad catalogue: exit 3 ({r.returncode})")
check("fr.cfg:3: labels.sheet.bogus: unknown key" in r.stderr, f"unknown key named ({r.stderr!r})")
check("fr.cfg:4: labels.rank.due_by: {day} is not a placeholder" in r.stderr and
      "lacks {date}" in r.stderr, f"wrong placeholder named ({r.stderr!r})")
check("labels.pseudo: must be a group" in r.stderr, f"a non-group named ({r.stderr!r})")
check(not os.listdir(os.path.join(WORK, "bad-out")), "nothing written on a bad catalogue")

# The pseudo language brackets labels and rubric texts alike.
r = audit("xx", os.path.join(SRC, "tests", "i18n", "site"), "xx")
check(r.returncode == 0, f"--lang xx audits ({r.stderr!r})")
book = os.path.join(WORK, "xx", "pe-nuti-alimentos.xlsx")
if os.path.exists(book):
    wb = openpyxl.load_workbook(book)
    check(wb.sheetnames[0] == "\u27e6Summary\u27e7", f"xx sheet names {wb.sheetnames}")
    ws = wb[wb.sheetnames[1]]
    row = [c.value for c in ws[2]]
    check(any(isinstance(v, str) and v.startswith("\u27e6") and "Summary" not in v for v in row),
          f"xx findings row bracketed (rubric titles through er_text_get): {row[:4]}")

print("ok" if not fails else f"{len(fails)} failed")
sys.exit(1 if fails else 0)
