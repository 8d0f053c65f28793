"""notes_test.py EXE SOURCE_DIR PLUGIN_DIR WORK - plugin ABI 1.1 translated
notes and references reach every output (issue 14).

Audits the coffee-cocoa firm in Spanish and in English and reads what a user
gets: the JSON (validated against share/results.schema.json, note_i18n and
reference_i18n present), the Findings sheet and the Coach notes with
openpyxl, the PDF with pdftotext.  The Spanish audit shows the plugin's
Spanish note, the English one its English note; `report --lang es` from
the JSON shows the Spanish again; a file without the _i18n members (written
before them) still reads, in English; a malformed one is refused naming
the member.
"""
import json
import os
import re
import shutil
import subprocess
import sys

import openpyxl  # Debian python3-openpyxl

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import results_schema  # noqa: E402  (tests/results_schema.py)

EXE, SRC, PLUGINS, WORK = sys.argv[1:5]
FIRM = os.path.join(SRC, "examples", "firms", "coffee-cocoa-valle-alto.cfg")
RUBRICS = os.path.join(SRC, "rubrics")
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


def run(*args, ok=True):
    p = subprocess.run([EXE, *args], capture_output=True, text=True)
    if ok and p.returncode != 0:
        sys.exit(f"notes_test: {' '.join(args)} failed ({p.returncode}):\n{p.stderr}")
    return p


def audit(lang):
    out, js = os.path.join(WORK, lang), os.path.join(WORK, f"{lang}.json")
    run("audit", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS, "--lang", lang,
        "-o", out, "--json", js, FIRM)
    return out, js


def load(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    errs = results_schema.errors(doc)
    check(not errs, f"{path} breaks the schema: {errs[:3]}")
    return doc


def book(out):
    [name] = [n for n in os.listdir(out) if n.endswith(".xlsx")]
    return openpyxl.load_workbook(os.path.join(out, name))


def row_note(wb, criterion):
    """The Findings sheet (the second) row of criterion: its cells."""
    ws = wb.worksheets[1]
    for row in ws.iter_rows(values_only=True):
        if criterion in row:
            return [c for c in row if isinstance(c, str)]
    failures.append(f"Findings has no row for {criterion}")
    return []


def pdf_text(out):
    [name] = [n for n in os.listdir(out) if n.endswith(".pdf")]
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", os.path.join(out, name), "-"],
                          check=True, capture_output=True, text=True).stdout
    return " ".join(text.split())


def words(s, n=8):
    """The first n words of s: a PDF paragraph wraps, the words stay."""
    return " ".join(re.sub(r"\s*\[[A-Z]+\]", "", s).split()[:n])


if os.path.isdir(WORK):
    shutil.rmtree(WORK)
os.makedirs(WORK)
es_out, es_json = audit("es")
en_out, en_json = audit("en")
es_doc, en_doc = load(es_json), load(en_json)
check(es_doc["firms"] == en_doc["firms"], "the JSON results depend on --lang")

firm = es_doc["firms"][0]
tr = [f for f in firm["findings"] if f.get("note_i18n", {}).get("es")]
sf_tr = [s for s in firm["sector_findings"] if s.get("note_i18n", {}).get("es")]
check(tr, "no criterion finding has a Spanish note_i18n")
check(sf_tr, "no sector finding has a Spanish note_i18n")
check(any(f.get("reference_i18n", {}).get("es") for f in firm["findings"]),
      "no criterion finding has a Spanish reference_i18n")
if failures:
    sys.exit("notes_test: FAIL:\n  " + "\n  ".join(failures))
f, sf = tr[0], sf_tr[0]
note_en, note_es = f["note"], f["note_i18n"]["es"]
sf_en, sf_es = sf["note"], sf["note_i18n"]["es"]
check(note_en != note_es, "the Spanish note is the English one")

# The workbooks: the Findings row of the criterion.
es_row, en_row = row_note(book(es_out), f["criterion"]), row_note(book(en_out), f["criterion"])
check(note_es in es_row, f"es Findings {f['criterion']}: Spanish note missing ({es_row})")
check(note_en not in es_row, f"es Findings {f['criterion']}: shows the English note")
check(note_en in en_row, f"en Findings {f['criterion']}: English note missing")
check(note_es not in en_row, f"en Findings {f['criterion']}: shows the Spanish note")
ref = [x for x in firm["findings"] if x.get("reference_i18n", {}).get("es")][0]
ref_row = row_note(book(es_out), ref["criterion"])
check(any(c.startswith(words(ref["reference_i18n"]["es"], 6)) for c in ref_row),
      f"es Findings {ref['criterion']}: Spanish reference missing ({ref_row})")
es_coach = [c for ws in [book(es_out).worksheets[-1]] for r in ws.iter_rows(values_only=True)
            for c in r if isinstance(c, str)]
check(sf_es in es_coach, "es Coach notes: Spanish sector note missing")

# The PDF shows the sector findings' notes.
es_pdf, en_pdf = pdf_text(es_out), pdf_text(en_out)
check(words(sf_es) in es_pdf, f"es PDF: Spanish sector note missing ({words(sf_es)!r})")
check(words(sf_en) not in es_pdf, "es PDF: shows the English sector note")
check(words(sf_en) in en_pdf, f"en PDF: English sector note missing ({words(sf_en)!r})")
check(words(sf_es) not in en_pdf, "en PDF: shows the Spanish sector note")

# report from the JSON reproduces the Spanish.
rep = os.path.join(WORK, "report-es")
run("report", "--rubric-dir", RUBRICS, "--lang", "es", "-o", rep, es_json)
check(note_es in row_note(book(rep), f["criterion"]), "report --lang es: Spanish note missing")
check(words(sf_es) in pdf_text(rep), "report --lang es: PDF Spanish sector note missing")


# A file written before the _i18n members still reads (English shown).
def strip(o):
    if isinstance(o, dict):
        return {k: strip(v) for k, v in o.items() if not k.endswith("_i18n")}
    if isinstance(o, list):
        return [strip(v) for v in o]
    return o


old = os.path.join(WORK, "old.json")
with open(old, "w", encoding="utf-8") as fh:
    json.dump(strip(es_doc), fh, ensure_ascii=False)
old_out = os.path.join(WORK, "report-old")
run("report", "--rubric-dir", RUBRICS, "--lang", "es", "-o", old_out, old)
check(note_en in row_note(book(old_out), f["criterion"]), "old file: English note not shown")

# A malformed translation is refused, naming the member.
bad_doc = json.loads(json.dumps(es_doc))
k = firm["findings"].index(f)
bad_doc["firms"][0]["findings"][k]["note_i18n"] = "nota"
bad = os.path.join(WORK, "bad.json")
with open(bad, "w", encoding="utf-8") as fh:
    json.dump(bad_doc, fh, ensure_ascii=False)
p = run("report", "--rubric-dir", RUBRICS, "-o", os.path.join(WORK, "report-bad"), bad, ok=False)
check(p.returncode != 0 and "note_i18n" in p.stderr,
      f"bad note_i18n: not refused by name (rc {p.returncode}: {p.stderr[:300]})")

if failures:
    sys.exit("notes_test: FAIL:\n  " + "\n  ".join(failures))
print("notes_test: ok")
