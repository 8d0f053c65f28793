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

import openpyxl

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import e2e_lib  # noqa: E402  running exportready, counted checks
import results_schema  # noqa: E402  every results file written is checked
from e2e_lib import expect  # noqa: E402

EXE, SRC, PLUGINS, CASE = sys.argv[1:5]
RUBRICS = os.path.join(SRC, "rubrics")
FIRMS = os.path.join(SRC, "examples", "firms")
DATA = os.path.join(SRC, "tests", "data", "report")
BASE_FIRM = os.path.join(FIRMS, "coffee-cocoa-valle-alto.cfg")
FOLLOW_UP = os.path.join(DATA, "valle-alto-followup.cfg")


def run(*args, env=None):
    rc, out, err = e2e_lib.run(EXE, *args, env=env)
    bad = results_schema.check_run(args, out)
    expect(not bad, "the results file matches share/results.schema.json", *bad)
    return rc, out, err


def audit(tmp, out_json, *firms, lang="en", out_dir=None):
    args = ["audit", "-q", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS, "--lang", lang,
            "--json", out_json]
    if out_dir:
        args += ["-o", out_dir]
    return run(*args, *firms)


def report(results, out_dir, *extra, lang="en"):
    return run("report", "--rubric-dir", RUBRICS, "--lang", lang, "-o", out_dir, *extra, results)


def example_firms():
    return e2e_lib.example_firms(FIRMS)


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
        expect("cohort.xlsx" in names and len(names) == 2 * len(example_firms()) + 1,
               "a workbook and a PDF report per firm, and the cohort", names)
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
    expect(sorted(os.listdir(out)) == ["cohort.xlsx", "pe-valle-alto-cafe.pdf",
                                       "pe-valle-alto-cafe.xlsx"],
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
    # They follow the "Indicator" header in this order; the fact ids
    # themselves are internal and never shown (issue 14).
    head = "Indicator" if lang == "en" else "Indicador"
    i_ind = next(i for i, r in enumerate(rows) if r[0] == head)
    keys = ("exports_eu_eur", "exports_non_eu_eur", "employees", "sales_eur")
    by_key = {k: rows[i_ind + 1 + n] for n, k in enumerate(keys)}
    for r in rows:
        expect(not any(isinstance(v, str) and v in keys for v in r), "no fact id shown", r)
    expect(all(r[0] for r in by_key.values()), "four outcome indicators, each named", by_key)
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


# ---- template ---------------------------------------------------------------

SECTORS = ("coffee-cocoa", "natural-ingredients", "processed-food")
SETTING = re.compile(r"^(\s*)# ([a-z0-9_]+) = (.+);$")


def template(out, sector, *extra):
    return run("template", "--sector", sector, "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS,
               "-o", out, *extra)


def examples_from_cfg(text):
    """key -> example value (libconfig literal) of every commented setting;
    the first one, so an answer's evidence line does not replace it."""
    ex = {}
    for m in map(SETTING.match, text.splitlines()):
        if m:
            ex.setdefault(m.group(2), m.group(3))
    return ex


def case_template_cfg(tmp):
    """The skeleton loads as it is, and with every example answer filled in
    it audits (exit 0) with every rubric question answered."""
    for sector in SECTORS:
        cfg = os.path.join(tmp, sector + ".cfg")
        rc, _, err = template(cfg, sector)
        expect(rc == 0, f"{sector}: template .cfg exit 0", err)
        text = open(cfg).read()
        rj = os.path.join(tmp, "empty.json")
        rc, _, err = audit(tmp, rj, cfg)
        expect(rc == 0, f"{sector}: the untouched skeleton audits", err)
        filled = []
        for line in text.splitlines():
            m = SETTING.match(line)
            if m and m.group(3) != '""':
                line = f"{m.group(1)}{m.group(2)} = {m.group(3)};"
            filled.append(line)
        path = os.path.join(tmp, sector + "-filled.cfg")
        open(path, "w").write("\n".join(filled).replace('"pe-example"', '"pe-filled"') + "\n")
        rc, _, err = audit(tmp, rj, path)
        expect(rc == 0, f"{sector}: the filled-in skeleton audits", err)
        firm = json.load(open(rj))["firms"][0]
        expect(firm.get("id") == "pe-filled", "filled firm audited", firm.get("error"))
        assessed = [f for f in firm.get("findings", []) if f["status"] == "not_assessed"]
        expect(not assessed, f"{sector}: every applicable question is in the template",
               [f["criterion"] for f in assessed])
        expect(all(f["evidence"] in (None, "declared") for f in firm.get("findings", [])),
               "evidence lines filled in")


def case_template_comments(tmp):
    """Rubric texts cannot break out of the skeleton's comments (issue 17,
    F11): a dimension title with line breaks stays inside its '#' line and
    the untouched skeleton still loads as it says."""
    rubrics = os.path.join(tmp, "rubrics")
    shutil.copytree(RUBRICS, rubrics)
    main = os.path.join(rubrics, "readiness.cfg")
    text = open(main, encoding="utf-8").read()
    old = 'en = "Management and export strategy"; es = "Gestión y estrategia exportadora";'
    expect(old in text, "the rubric has the dimension this test edits")
    evil = r'en = "Management\n  bogus_en = 1;\n  # ok"; es = "Gestión\n  bogus_es = 1;";'
    open(main, "w", encoding="utf-8").write(text.replace(old, evil))
    for lang in ("en", "es"):
        cfg = os.path.join(tmp, f"t-{lang}.cfg")
        rc, _, err = run("template", "--sector", "coffee-cocoa", "--rubric-dir", rubrics,
                         "--plugin-dir", PLUGINS, "--lang", lang, "-o", cfg)
        expect(rc == 0, f"template with a multi-line title ({lang})", err)
        lines = open(cfg, encoding="utf-8").read().splitlines()
        hits = [l for l in lines if "bogus_" in l]
        expect(hits, f"{lang}: the title is in the template", cfg)
        expect(all(l.lstrip().startswith("#") for l in hits),
               f"{lang}: the title stays inside a comment", hits)
        rc, _, err = run("audit", "-q", "--rubric-dir", rubrics, "--plugin-dir", PLUGINS,
                         "--json", os.path.join(tmp, "r.json"), cfg)
        expect(rc == 0, f"{lang}: the untouched skeleton audits", err)


def case_template_csv(tmp):
    """The header is the CSV cohort format; a row filled in audits."""
    for sector in SECTORS:
        path, cfg = os.path.join(tmp, sector + ".csv"), os.path.join(tmp, sector + ".cfg")
        rc, _, err = template(path, sector)
        expect(rc == 0, f"{sector}: template .csv exit 0", err)
        template(cfg, sector)
        ex = examples_from_cfg(open(cfg).read())
        header = next(csv.reader(open(path, newline="")))
        expect(len(header) == len(set(header)), "no column twice")
        for col in header:
            expect(re.fullmatch(r"(id|name|country|sector|markets|audit\.(date|coach|kind)|"
                                r"products\.(name|hs|ingredient|use|organic)|"
                                r"(profile|answers|evidence)\.[a-z0-9_]+)", col),
                   f"column {col} is of docs/csv-format.md")
        fixed = {"id": "pe-csv", "name": "CSV Example S.A.C.", "country": "PE",
                 "sector": sector, "markets": "EU;US", "audit.date": "2026-03-02",
                 "audit.coach": "Ana Torres", "audit.kind": "baseline",
                 "products.name": "Powder;Flour", "products.hs": "1106.20;1106.20",
                 "products.ingredient": "", "products.use": "food;food",
                 "products.organic": "yes;no"}
        row = []
        for col in header:
            if col in fixed:
                row.append(fixed[col])
            elif col.startswith("evidence."):
                # Evidence only beside an answer (plugin text questions
                # have no example answer).
                answered = ex.get(col.split(".", 1)[1], '""').strip('"') != ""
                row.append("document" if answered else "")
            else:
                v = ex.get(col.split(".", 1)[1], '""').strip('"')
                row.append({"true": "yes", "false": "no"}.get(v, v))
        with open(path, "a", newline="") as f:
            csv.writer(f).writerow(row)
        rj = os.path.join(tmp, "csv.json")
        rc, _, err = audit(tmp, rj, path)
        if "not a valid libconfig file" in err:
            # audit does not read CSV cohorts yet (issue 6 item 1): the header
            # was checked against docs/csv-format.md above.
            print("note: audit does not take .csv yet; header checked only")
            continue
        expect(rc == 0, f"{sector}: the filled-in CSV row audits", err)
        firm = json.load(open(rj))["firms"][0]
        expect(firm.get("id") == "pe-csv" and "error" not in firm, "csv firm audited", firm)


def case_template_xlsx(tmp):
    """One row per question with dropdowns; Spanish texts from the rubric."""
    cfg, x_en, x_es = (os.path.join(tmp, n) for n in ("t.cfg", "t.xlsx", "t-es.xlsx"))
    template(cfg, "coffee-cocoa")
    keys = set(examples_from_cfg(open(cfg).read())) - {"ingredient"}  # a product field
    for path, lang, sheet in ((x_en, "en", "Questionnaire"), (x_es, "es", "Cuestionario")):
        rc, _, err = template(path, "coffee-cocoa", "--lang", lang)
        expect(rc == 0 and err == "", f"template .xlsx ({lang}) exit 0, quiet", err)
        wb = openpyxl.load_workbook(path)
        expect(sheet in wb.sheetnames, f"{sheet} sheet", wb.sheetnames)
        ws = wb[sheet]
        rows = list(ws.iter_rows(min_row=2, values_only=True))
        fields = [r[1] for r in rows]
        answer_keys = {f.split(".", 1)[1] for f in fields if f and "." in f and
                       f.split(".")[0] in ("profile", "answers")}
        expect(answer_keys == keys, "the same questions as the cfg template",
               answer_keys ^ keys)
        dvs = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation
               if dv.type == "list"}

        def values(formula):
            return formula.strip('"').split(",")
        row_of = {r[1]: i + 2 for i, r in enumerate(rows)}
        fss = row_of["answers.food_safety_system"]
        # Choices show their labels in the template's language (the loader
        # maps a label back to its code); yes/no is what the loader reads.
        want = (["Nothing written", "GMP and sanitation programmes", "HACCP plan implemented",
                 "HACCP plan verified by audits"] if lang == "en" else
                ["Nada por escrito", "BPM y programa de higiene y saneamiento",
                 "Plan HACCP implementado", "Plan HACCP verificado con auditorías"])
        expect(values(dvs[f"F{fss}"]) == want,
               "choice dropdown lists the choice labels in order", dvs.get(f"F{fss}"))
        # Dropdowns show words, the firm workbook's for evidence; the loader
        # reads them back (tests/intake: spanish_words).
        expect(values(dvs[f"G{fss}"]) == (["Verified", "Document", "Declared"] if lang == "en"
                                          else ["Verificada", "Documento", "Declarada"]),
               "evidence dropdown", dvs.get(f"G{fss}"))
        yn = row_of["answers.eu_haccp"]
        expect(values(dvs[f"F{yn}"]) == (["Yes", "No"] if lang == "en" else ["Sí", "No"]),
               "yes/no dropdown", dvs.get(f"F{yn}"))
        q = rows[fss - 2][2]
        expect(q.startswith("¿") if lang == "es" else q.endswith("?"),
               f"question in {lang}", q)
        plugin_rows = [r for r in rows if r[1] == "answers.eudr_plots_geolocated_pct"]
        expect(len(plugin_rows) == 1 and plugin_rows[0][2], "plugin question with help",
               plugin_rows)


def case_template_usage(tmp):
    rc, _, err = template(os.path.join(tmp, "x.cfg"), "no-such-sector")
    expect(rc == 2 and "no-such-sector" in err, "unknown sector: usage error", rc, err)
    rc, _, err = template(os.path.join(tmp, "x.txt"), "coffee-cocoa")
    expect(rc == 2 and ".xlsx, .csv or .cfg" in err, "unknown extension", rc, err)
    rc, _, err = run("template", "-o", os.path.join(tmp, "x.cfg"))
    expect(rc == 2 and "--sector" in err, "--sector required", rc, err)
    path = os.path.join(tmp, "x.cfg")
    template(path, "coffee-cocoa")
    rc, _, err = template(path, "coffee-cocoa")
    expect(rc == 1 and "exists" in err, "existing file kept without --force", rc, err)
    rc, _, err = template(path, "coffee-cocoa", "--force")
    expect(rc == 0, "--force overwrites", err)
    expect(os.listdir(tmp) == ["x.cfg"], "no temporary file left", os.listdir(tmp))


# ---- man page -----------------------------------------------------------------

def case_man_page(tmp):
    page = os.path.join(SRC, "docs", "exportready.1")
    p = subprocess.run(["groff", "-man", "-ww", "-z", page], capture_output=True, text=True)
    expect(p.returncode == 0 and p.stderr == "", "groff -man -ww renders without warnings",
           p.stderr)
    text = open(page).read()
    for sec in ("NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "ENVIRONMENT",
                "FILES", "EXIT STATUS", "EXAMPLES", "SEE ALSO"):
        expect(f'.SH "{sec}"' in text or f".SH {sec}" in text, f"section {sec}")
    for cmd in ("audit", "validate", "plugins", "template", "report", "help"):
        expect(re.search(r"^\.TP\n\\fB" + cmd + r"\\fR", text, re.M), f"command {cmd}")
    # Every option the commands' --help shows is documented.
    for cmd in ("audit", "validate", "report", "template"):
        _, out, _ = run(cmd, "--help")
        for opt in set(re.findall(r"--[a-z][a-z-]+", out)):
            expect(opt.replace("-", r"\-") in text, f"{cmd} {opt} in the man page")
    # ... and nothing else: every option the page names, some command's
    # --help shows (a documented option that is refused is worse than none).
    helped = set()
    for cmd in ("audit", "validate", "report", "template", "plugins"):
        _, out, _ = run(cmd, "--help")
        helped |= set(re.findall(r"--[a-z][a-z-]+", out))
    _, out, _ = run("--help")
    helped |= set(re.findall(r"--[a-z][a-z-]+", out))
    paged = {o.replace(r"\-", "-") for o in re.findall(r"\\-\\-[a-z](?:[a-z]|\\-)+", text)}
    expect(paged - helped == set(), f"man page options that no --help shows: {paged - helped}")
    # No placeholder paths: the page says where the files really are.
    expect("<datadir>" not in text and "<libdir>" not in text, "no placeholder paths")
    # Installed with the binary.
    build = os.path.dirname(os.path.dirname(EXE))
    dest = os.path.join(tmp, "inst")
    p = subprocess.run(["cmake", "--install", build, "--prefix", dest],
                       capture_output=True, text=True)
    expect(p.returncode == 0, "cmake --install", p.stderr)
    expect(os.path.exists(os.path.join(dest, "share", "man", "man1", "exportready.1")),
           "installed to share/man/man1")


if __name__ == "__main__":
    sys.exit(e2e_lib.run_case(globals(), CASE))
