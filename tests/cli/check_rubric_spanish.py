#!/usr/bin/python3
"""check_rubric_spanish.py EXPORTREADY SOURCE_DIR SECTOR_PLUGIN_DIR - a
Spanish audit of every example firm, read back with openpyxl:
  - the Summary ("Resumen") and Findings ("Hallazgos") sheets show no
    profile fact id (management_english, exports_eu_eur, ...) and no
    "id = value" reason;
  - programme reasons name the fact by its Spanish label with the firm's
    value ("(La gerencia se comunica en inglés: no)"), as rubrics/profile.cfg
    words it;
  - the sector is shown by its name ("Ingredientes de fruta"), not its id;
  - the Spanish intake template and the XLSForm ask the profile facts by
    their Spanish labels and help;
  - every reference of readiness.cfg and certifications.cfg is shown in
    Spanish: the Findings cell differs from the English workbook's, and
    names EU acts by their Spanish titles ("Reglamento (CE)").
Markets and sectors are another branch's (rubric-es); their English
references are counted and printed, not failed, until it lands.
"""
import os
import re
import subprocess
import sys
import tempfile

import openpyxl

EXE, SRC, PLUGINS = sys.argv[1:4]
RUBRICS = os.path.join(SRC, "rubrics")
FIRMS = os.path.join(SRC, "examples", "firms")
failures = []


def expect(ok, what, detail=""):
    if not ok:
        failures.append(f"{what}: {str(detail)[:2000]}")


def audit(lang, out):
    firms = sorted(os.path.join(FIRMS, f) for f in os.listdir(FIRMS) if f.endswith(".cfg"))
    e = {k: v for k, v in os.environ.items() if not k.startswith("EXPORTREADY_")}
    p = subprocess.run([EXE, "audit", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS,
                        "--lang", lang, "--no-pdf", "-j", "2", "-o", out, *firms],
                       capture_output=True, text=True, env=e)
    expect(p.returncode in (0, 1), f"audit --lang {lang} runs", p.stderr)


def ids_of(path):
    with open(path, encoding="utf-8") as f:
        return set(re.findall(r'\{ id = "([a-z0-9_]+)"; dimension', f.read()))


def fact_ids():
    with open(os.path.join(SRC, "core", "model", "er_firm.c"), encoding="utf-8") as f:
        return [k for k in re.findall(r'\{"([a-z_]+)", ER_VALUE_', f.read()) if "_" in k]


def sector_names():
    with open(os.path.join(RUBRICS, "profile.cfg"), encoding="utf-8") as f:
        return dict(re.findall(r'\{ id = "([a-z-]+)"; name = \{ en = "[^"]*";\s*es = "([^"]*)"',
                               f.read()))


def findings_refs(path):
    """criterion id -> the Reference cell of the Findings sheet (first sheet 2)."""
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[1]
    head = [c.value for c in ws[1]]
    ref_col = head.index("Reference") if "Reference" in head else head.index("Referencia")
    crit_col = head.index("Criterion") if "Criterion" in head else head.index("Criterio")
    out = {}
    for row in ws.iter_rows(min_row=2, values_only=True):
        if row[crit_col]:
            out[row[crit_col]] = row[ref_col] or ""
    return wb, out


def user_cells(ws, skip_cols=()):
    for row in ws.iter_rows(values_only=True):
        for i, v in enumerate(row):
            if isinstance(v, str) and i not in skip_cols and not v.startswith("="):
                yield v


def main():
    mine = ids_of(os.path.join(RUBRICS, "readiness.cfg")) | ids_of(
        os.path.join(RUBRICS, "certifications.cfg"))
    expect(len(mine) >= 30, "criterion ids found in readiness.cfg and certifications.cfg", mine)
    facts = fact_ids()
    expect("management_english" in facts and "exports_eu_eur" in facts, "fact ids read", facts)
    sectors = sector_names()
    expect(sectors.get("fruit-ingredients") == "Ingredientes de fruta", "sector names read", sectors)
    english_left = []
    with tempfile.TemporaryDirectory() as tmp:
        es_dir, en_dir = os.path.join(tmp, "es"), os.path.join(tmp, "en")
        audit("es", es_dir)
        audit("en", en_dir)
        books = sorted(f for f in os.listdir(es_dir) if f.endswith(".xlsx") and f != "cohort.xlsx"
                       ) if os.path.isdir(es_dir) else []
        expect(len(books) >= 8, "one Spanish workbook per example", books)
        saw_label_reason = False
        for name in books:
            wb, es_refs = findings_refs(os.path.join(es_dir, name))
            if not os.path.exists(os.path.join(en_dir, name)):
                expect(False, f"{name}: an English workbook too")
                continue
            _, en_refs = findings_refs(os.path.join(en_dir, name))
            summary, findings = wb.worksheets[0], wb.worksheets[1]
            head = [c.value for c in findings[1]]
            # The what-if formulas' inputs (criterion id, dimension key, ...)
            # sit, small and grey, right of Note; they are not text to read.
            inputs = set(range(head.index("Nota") + 1, len(head))) if "Nota" in head else set()
            for text in list(user_cells(summary)) + list(user_cells(findings, inputs)):
                for fid in facts:
                    expect(fid not in text, f"{name}: no fact id '{fid}' in a cell", text)
                expect(not re.search(r"\([a-z_]+ = ", text), f"{name}: no 'id = value'", text)
                if "(La gerencia se comunica en inglés: no)" in text or "(Trabajadores: " in text:
                    saw_label_reason = True
            sector_cell = [r for r in summary.iter_rows(values_only=True) if r[0] == "Sector"]
            expect(sector_cell and sector_cell[0][1] in sectors.values(),
                   f"{name}: the sector by its Spanish name", sector_cell)
            for cid, ref in es_refs.items():
                en = en_refs.get(cid, "")
                if cid in mine:
                    expect(ref and ref != en, f"{name}: {cid}: the reference in Spanish", ref)
                    expect("Reg. (E" not in ref, f"{name}: {cid}: Spanish titles of EU acts", ref)
                elif ref and ref == en:
                    english_left.append(cid)
        expect(saw_label_reason, "a programme reason names a fact by its Spanish label")
        # The intake template asks the profile in Spanish, from profile.cfg.
        tpl = os.path.join(tmp, "intake-es.xlsx")
        p = subprocess.run([EXE, "template", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS,
                            "--sector", "fruit-ingredients", "--lang", "es", "-o", tpl],
                           capture_output=True, text=True)
        expect(p.returncode == 0, "template --lang es", p.stderr)
        rows = {r[1]: r for r in openpyxl.load_workbook(tpl)["Cuestionario"].iter_rows(
            values_only=True) if r and isinstance(r[1], str)}
        emp = rows.get("profile.employees")
        expect(emp is not None and emp[2] == "Trabajadores" and "planilla" in (emp[3] or ""),
               "the template asks for employees by the Spanish label and help", emp)
        eng = rows.get("profile.management_english")
        expect(eng is not None and eng[2] == "La gerencia se comunica en inglés",
               "a yes/no profile fact in Spanish", eng)
        form = os.path.join(tmp, "form.xlsx")
        p = subprocess.run([EXE, "template", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS,
                            "--sector", "fruit-ingredients", "--format", "xlsform", "-o", form],
                           capture_output=True, text=True)
        expect(p.returncode == 0, "template --format xlsform", p.stderr)
        survey = openpyxl.load_workbook(form)["survey"]
        head = [c.value for c in survey[1]]
        es = head.index("label::Español (es)")
        labels = {r[1]: r[es] for r in survey.iter_rows(min_row=2, values_only=True)}
        expect(labels.get("exports_eu_eur") == "Exportaciones a la UE",
               "the XLSForm's Spanish label of a profile fact", labels.get("exports_eu_eur"))
    if english_left:
        print(f"note: {len(set(english_left))} market/sector references still English "
              f"(rubric-es): {sorted(set(english_left))[:8]} ...")


if __name__ == "__main__":
    main()
    for f in failures:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)
