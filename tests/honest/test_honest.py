#!/usr/bin/python3
"""Issue 13 end to end: not assessed is not failed; the firm workbook; the
cohort; the PDF report; the firm's country by its name.

Usage: test_honest.py EXPORTREADY SOURCE_DIR PLUGIN_DIR CASE

Expected values come from the rubric file and the JSON results (an
independent path from the workbook and PDF writers), never from the files
under test.
"""
import json
import os
import re
import shutil
import subprocess
import sys

import openpyxl

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import e2e_lib  # noqa: E402  running exportready, counted checks, PDFs read back
from e2e_lib import expect, pdf_pages, pdf_text  # noqa: E402

EXE, SRC, PLUGINS, CASE = sys.argv[1:5]
FIT_CHECK = sys.argv[5] if len(sys.argv) > 5 else None
RUBRICS = os.path.join(SRC, "rubrics")
FIRMS = os.path.join(SRC, "examples", "firms")
FRUIT = os.path.join(FIRMS, "fruit-ingredients-frutos-chanchamayo.cfg")


def run(*args, env=None):
    return e2e_lib.run(EXE, *args, env=env)


def audit(out_json, *firms, lang="en", out_dir=None, extra=()):
    args = ["audit", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS, "--lang", lang,
            "--json", out_json, *extra]
    if out_dir:
        args += ["-o", out_dir]
    return run(*args, *firms)


def example_firms():
    return e2e_lib.example_firms(FIRMS)


def rubric_rules():
    """provisional_below and no_grade_below as written in the rubric file."""
    text = open(os.path.join(RUBRICS, "readiness.cfg"), encoding="utf-8").read()
    m = re.search(r"coverage_rules\s*=\s*\{\s*provisional_below\s*=\s*([0-9.]+);\s*"
                  r"no_grade_below\s*=\s*([0-9.]+);", text)
    return float(m.group(1)), float(m.group(2))


def decimal_mark(lang):
    """profile.values.decimal for lang, as the rubric's profile.cfg says:
    the report writes scores with it ("57,1" in Spanish)."""
    text = open(os.path.join(RUBRICS, "profile.cfg"), encoding="utf-8").read()
    m = re.search(r'decimal = \{([^}]*)\}', text)
    marks = dict(re.findall(r'(\w+) = "([^"]*)"', m.group(1))) if m else {}
    return marks.get(lang, marks.get("en", "."))


def score_text(lang, v, fmt=".1f"):
    """A score as the report prints it in lang."""
    return format(v, fmt).replace(".", decimal_mark(lang))


def half_filled(src, dst, keep_every=2, firm_id=None):
    """Copy of a firm file with only every keep_every-th answer kept (and
    the evidence of the dropped ones removed): what a coach brings back
    from a visit cut short."""
    lines = open(src, encoding="utf-8").read().split("\n")
    out, group, k, dropped = [], None, 0, set()
    for ln in lines:
        s = ln.strip()
        if s.endswith("{") and s.split("=")[0].strip() in ("answers", "evidence"):
            group = s.split("=")[0].strip()
        elif group and s.startswith("};"):
            group = None
        elif group and "=" in s and not s.startswith("#"):
            key = s.split("=")[0].strip()
            if group == "answers":
                k += 1
                if k % keep_every != 0:
                    dropped.add(key)
                    continue
            elif key in dropped:
                continue
        if firm_id and s.startswith("id ="):
            ln = f'  id = "{firm_id}";'
        out.append(ln)
    open(dst, "w", encoding="utf-8").write("\n".join(out))


# ---- 1. not assessed is not failed -------------------------------------------

def case_half_filled(tmp):
    prov, nograde = rubric_rules()
    firm = os.path.join(tmp, "half.cfg")
    half_filled(FRUIT, firm, 2, "pe-half")
    rj = os.path.join(tmp, "r.json")
    rc, out, err = audit(rj, firm)
    expect(rc == 0, "audit exit 0", err)
    f = json.load(open(rj))["firms"][0]
    st = {x["criterion"]: x["status"] for x in f["findings"]}
    expect(any(s == "not_assessed" for s in st.values()), "the fixture leaves questions open")
    for b in f["blockers"]:
        expect(st[b] in ("partial", "unmet"), f"blocker {b} was answered", st[b])
    unanswered_ko = [c for c in f["to_verify"]]
    expect(unanswered_ko, "some knock-out is to verify", f["to_verify"])
    for c in unanswered_ko:
        expect(st[c] in ("not_assessed", "unknown"), f"to-verify {c} is unanswered", st[c])
        expect(c not in f["blockers"], f"{c} not a blocker")
    cov = f["coverage"]
    expect(nograde <= cov < prov, f"fixture coverage {cov} is in the provisional range")
    expect(f["grade_status"] == "provisional", "grade is provisional", f["grade_status"])
    expect(f["grade"] is not None, "a provisional grade is still a letter", f["grade"])
    pct = round(cov * 100)
    want = f"grade {f['grade']} (provisional: {pct} % answered)"
    expect(want in out, "CLI line marks the grade provisional", want, out)

    # Below the lower threshold: no grade at all, and the CLI says why.
    thin = os.path.join(tmp, "thin.cfg")
    half_filled(FRUIT, thin, 8, "pe-thin")
    rc, out, err = audit(rj, thin)
    f = json.load(open(rj))["firms"][0]
    expect(f["coverage"] < nograde, "thin fixture below no-grade threshold", f["coverage"])
    expect(f["grade"] is None and f["grade_status"] == "none", "no grade", f["grade"],
           f["grade_status"])
    expect("no grade (" in out and "% answered)" in out, "CLI says no grade", out)

    # A complete firm keeps a final grade and its real blockers.
    rc, out, err = audit(rj, FRUIT)
    f = json.load(open(rj))["firms"][0]
    expect(f["coverage"] >= prov, "complete example above threshold", f["coverage"])
    expect(f["grade_status"] in ("final", "provisional"), "status written", f["grade_status"])
    expect("haccp_plan" in " ".join(f["blockers"]) or f["blockers"], "real blocker kept",
           f["blockers"])


def cohort_gaps(path):
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[2]
    heads = [c.value for c in ws[1]]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    return heads, rows


def case_cohort_apart(tmp):
    """Cohort Common gaps: unmet and not-asked are counted apart, and the
    ranking counts only firms that were asked."""
    firms = []
    for i in range(4):
        p = os.path.join(tmp, f"half{i}.cfg")
        half_filled(FRUIT, p, 2, f"pe-half-{i}")
        firms.append(p)
    rj = os.path.join(tmp, "r.json")
    for lang in ("en", "es"):
        out = os.path.join(tmp, "out-" + lang)
        rc, _, err = audit(rj, *firms, FRUIT, lang=lang, out_dir=out)
        expect(rc == 0, "audit exit 0", err)
        doc = json.load(open(rj))["firms"]
        heads, rows = cohort_gaps(os.path.join(out, "cohort.xlsx"))
        expect(len(heads) >= 6, "gap columns", heads)
        title_of = {}
        unmet, not_asked = {}, {}
        for f in doc:
            for x in f["findings"]:
                c = x["criterion"]
                unmet[c] = unmet.get(c, 0) + (x["status"] in ("partial", "unmet"))
                not_asked[c] = not_asked.get(c, 0) + (x["status"] in ("not_assessed", "unknown"))
        # Titles from the rubric through a Findings sheet of one workbook.
        wb = openpyxl.load_workbook(os.path.join(out, "pe-frutos-chanchamayo.xlsx"))
        fs = wb.worksheets[1]
        hrow = next(r for r in range(1, 12) if fs.cell(r, 1).value in ("Dimension", "Dimensión"))
        idcol = next(c for c in range(1, fs.max_column + 1)
                     if fs.cell(hrow, c).value in ("Criterion", "Criterio"))
        for r in range(hrow + 1, fs.max_row + 1):
            if fs.cell(r, idcol).value:
                title_of[fs.cell(r, 2).value] = fs.cell(r, idcol).value
        counts = []
        for r in rows:
            if not r[0]:
                continue
            cid = title_of.get(r[0])
            if cid is None:
                continue
            expect(r[2] == unmet[cid], f"{lang} {cid}: firms not meeting it (asked)",
                   r[2], unmet[cid])
            expect(r[3] == not_asked[cid], f"{lang} {cid}: firms not asked", r[3], not_asked[cid])
            expect(unmet[cid] > 0, f"{lang} {cid}: ranked only if asked and short")
            counts.append(r[2])
        expect(counts and counts == sorted(counts, reverse=True), "ranked by asked gaps", counts)
        # A question no firm was asked never appears in Common gaps.
        never = [c for c in unmet if unmet[c] == 0 and not_asked[c] == len(doc)]
        listed = {title_of.get(r[0]) for r in rows}
        for c in never:
            expect(c not in listed, f"{lang} {c}: nobody asked, not a common gap")


def case_old_results(tmp):
    """A results file from before grade_status (unanswered knock-outs listed
    as blockers, grade capped for them) still reads, with today's rules."""
    firm = os.path.join(tmp, "half.cfg")
    half_filled(FRUIT, firm, 2, "pe-half")
    rj = os.path.join(tmp, "r.json")
    audit(rj, firm, FRUIT)
    doc = json.load(open(rj))
    order = {}
    for f in doc["firms"]:
        order = {x["criterion"]: i for i, x in enumerate(f["findings"])}
        old = sorted(f["blockers"] + f["to_verify"], key=lambda c: order[c])
        if old and f["grade_uncapped"] is not None and f["grade_uncapped"] < "C":
            f["grade"] = "C"
        elif f["grade"] is None and f["grade_uncapped"] is not None:
            f["grade"] = "C" if old and f["grade_uncapped"] < "C" else f["grade_uncapped"]
        f["blockers"] = old
        del f["grade_status"]
        del f["to_verify"]
    old_file = os.path.join(tmp, "old.json")
    json.dump(doc, open(old_file, "w"))
    out = os.path.join(tmp, "out")
    rc, _, err = run("report", "--rubric-dir", RUBRICS, "-o", out, old_file)
    expect(rc == 0, "old results file accepted", rc, err)
    # A new file that lies about the to-verify list is refused.
    doc = json.load(open(rj))
    doc["firms"][0]["to_verify"] = []
    bad = os.path.join(tmp, "bad.json")
    json.dump(doc, open(bad, "w"))
    rc, _, err = run("report", "--rubric-dir", RUBRICS, "-o", os.path.join(tmp, "o2"), bad)
    expect(rc == 3 and "to_verify" in err, "edited to_verify refused", rc, err)


# ---- 2. the workbook a firm can trust ------------------------------------------

SUMMARY = {"en": "Summary", "es": "Resumen"}
FINDINGS = {"en": "Findings", "es": "Hallazgos"}
MARKETS = {"en": "Market requirements", "es": "Requisitos de mercado"}
ACTIONS = {"en": "Action plan", "es": "Plan de acción"}
NOT_APPLICABLE = {"en": "Not applicable", "es": "No aplica"}


def audit_examples(tmp, lang):
    rj = os.path.join(tmp, f"r-{lang}.json")
    out = os.path.join(tmp, "out-" + lang)
    rc, _, err = audit(rj, *example_firms(), lang=lang, out_dir=out)
    expect(rc == 0, f"audit {lang} exit 0", err)
    return json.load(open(rj))["firms"], out


def case_summary_values(tmp):
    """The Summary holds the audited score and grade as values: no formula
    anywhere on it, and the numbers equal the JSON results."""
    for lang in ("en", "es"):
        firms, out = audit_examples(tmp, lang)
        for f in firms:
            wb = openpyxl.load_workbook(os.path.join(out, f["id"] + ".xlsx"))
            ws = wb[SUMMARY[lang]]
            cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
            formulas = [c.coordinate for c in cells if isinstance(c.value, str)
                        and c.value.startswith("=")]
            expect(not formulas, f"{lang} {f['id']}: Summary formulas", formulas)
            nums = [c.value for c in cells if isinstance(c.value, (int, float))]
            expect(any(abs(n - f["score"]) < 5e-5 for n in nums),
                   f"{lang} {f['id']}: score {f['score']} is a number on Summary", nums[:5])
            texts = [c.value for c in cells if isinstance(c.value, str)]
            expect(f["grade"] in texts, f"{lang} {f['id']}: grade {f['grade']} on Summary")
            cap_note = ("A blocker caps the grade at" if lang == "en"
                        else "Un bloqueo limita la calificación a")
            has_note = any(cap_note in t for t in texts)
            expect(has_note == bool(f["blockers"]),
                   f"{lang} {f['id']}: cap note only with blockers", f["blockers"])


def case_follow_up_title(tmp):
    """A follow-up audit is titled as one, a baseline as a baseline."""
    base = os.path.join(FIRMS, "coffee-cocoa-valle-alto.cfg")
    follow = os.path.join(SRC, "tests", "data", "report", "valle-alto-followup.cfg")
    for lang, want_base, want_follow in (
            ("en", "Export readiness baseline audit", "Export readiness follow-up audit"),
            ("es", "Auditoría de preparación exportadora: línea de base",
             "Auditoría de preparación exportadora: seguimiento")):
        bj = os.path.join(tmp, f"b-{lang}.json")
        audit(bj, base, lang=lang, out_dir=os.path.join(tmp, "b-" + lang))
        out = os.path.join(tmp, "f-" + lang)
        rc, _, err = audit(os.path.join(tmp, "f.json"), follow, lang=lang, out_dir=out,
                           extra=("--baseline", bj))
        expect(rc == 0, f"follow-up audit {lang}", err)
        for d, want in ((os.path.join(tmp, "b-" + lang), want_base), (out, want_follow)):
            ws = openpyxl.load_workbook(os.path.join(d, "pe-valle-alto-cafe.xlsx")).worksheets[0]
            expect(ws["A1"].value == want, f"{lang} title in {d}", ws["A1"].value, want)


def sheet_text(ws):
    return "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)


def case_cofinancing(tmp):
    """CBI's trade-fair co-financing shows only for firms routed to CBI."""
    for lang in ("en", "es"):
        firms, out = audit_examples(tmp, lang)
        word = ("of stand costs for participation no." if lang == "en"
                else "del costo del stand en la participación")
        routes, cbi_shown = set(), 0
        for f in firms:
            wb = openpyxl.load_workbook(os.path.join(out, f["id"] + ".xlsx"))
            text = sheet_text(wb[ACTIONS[lang]])
            fair_open = any(x["criterion"] == "trade_fairs" and x["status"] != "met"
                            for x in f["findings"])
            shown = word in text
            routes.add(f["route"])
            if f["route"] == "cbi" and fair_open:
                expect(shown, f"{lang} {f['id']}: CBI-routed firm sees co-financing")
                cbi_shown += shown
            if f["route"] != "cbi":
                expect(not shown, f"{lang} {f['id']} ({f['route']}): no CBI co-financing")
        expect({"cbi", "pum"} <= routes, "examples cover CBI and PUM routes", routes)
        expect(cbi_shown > 0, f"{lang}: some CBI-routed example shows the share")


def case_applicable_only(tmp):
    """Findings, Market requirements and Action plan list only what applies;
    what does not is one summary line."""
    sector_prefix = {"coffee-cocoa": "cc_", "fruit-ingredients": "fri_",
                     "grains-pulses-nuts": "gpn_", "herbs-spices": "hs_",
                     "natural-ingredients": "ni_", "processed-food": "pf_"}
    for lang in ("en", "es"):
        firms, out = audit_examples(tmp, lang)
        for f in firms:
            wb = openpyxl.load_workbook(os.path.join(out, f["id"] + ".xlsx"))
            na = [x for x in f["findings"] if x["status"] == "not_applicable"]
            title_of = {}
            coach = wb.worksheets[-1]
            for r in coach.iter_rows(min_row=5, values_only=True):
                if r[0]:
                    title_of[r[0]] = r[1]
            for name in (FINDINGS, MARKETS, ACTIONS):
                ws = wb[name[lang]]
                vals = [c.value for row in ws.iter_rows() for c in row]
                expect(NOT_APPLICABLE[lang] not in vals,
                       f"{lang} {f['id']} {name[lang]}: no Not-applicable row")
            fs = wb[FINDINGS[lang]]
            ids = {fs.cell(r, 11).value for r in range(2, fs.max_row + 1)}
            for sector, prefix in sector_prefix.items():
                if sector == f["sector"]:
                    continue
                other = [i for i in ids if isinstance(i, str) and i.startswith(prefix)]
                expect(not other, f"{lang} {f['id']}: no {sector} rows", other)
            if na:
                line = [v for v in (c.value for row in fs.iter_rows() for c in row)
                        if isinstance(v, str) and v.startswith(f"{len(na)} ")]
                expect(line, f"{lang} {f['id']}: one line counts {len(na)} not applicable")
            for x in f["sector_findings"]:
                expect(x["id"] in sheet_text(fs), f"{lang} {f['id']}: sector finding {x['id']}")


# ---- 3. the cohort a coach manages by ----------------------------------------

def case_cohort_manage(tmp):
    """Every firm, failed ones too (with why), ranked by blockers then score,
    with audit date, coach, route and blockers by name."""
    broken = os.path.join(tmp, "broken.cfg")
    open(broken, "w").write('firm = { id = "pe-broken"; };\n')
    for lang in ("en", "es"):
        rj = os.path.join(tmp, f"r-{lang}.json")
        out = os.path.join(tmp, "out-" + lang)
        rc, _, err = audit(rj, *example_firms(), broken, lang=lang, out_dir=out)
        expect(rc == 1, f"{lang}: a failed firm makes exit 1", rc, err)
        doc = json.load(open(rj))["firms"]
        ok = [f for f in doc if "error" not in f]
        ws = openpyxl.load_workbook(os.path.join(out, "cohort.xlsx")).worksheets[0]
        head = [c.value for c in ws[1]]
        col = {h: i for i, h in enumerate(head)}
        rows = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
        expect(len(rows) == len(doc), f"{lang}: one row per firm, failed too", len(rows))
        ids = [r[1] for r in rows]
        expect("pe-broken" in ids and ids[-1] == "pe-broken", f"{lang}: failed firm listed last",
               ids)
        why = rows[-1][-1] if not (len(head) and head[-1] is None) else None
        expect(why and "required field missing" in str(why), f"{lang}: failed firm says why",
               rows[-1])
        want = sorted(ok, key=lambda f: (len(f["blockers"]), -(f["score"] or -1), f["id"]))
        expect(ids[:-1] == [f["id"] for f in want], f"{lang}: ranked by blockers then score",
               ids, [f["id"] for f in want])
        ranks = [r[0] for r in rows[:-1]]
        expect(ranks == sorted(ranks) and ranks[0] == 1, f"{lang}: rank column", ranks)
        by_id = {f["id"]: f for f in ok}
        date_h = "Audit date" if lang == "en" else "Fecha de la auditoría"
        coach_h = "Coach" if lang == "en" else "Asesor(a)"
        blk_h = "Blocked by" if lang == "en" else "Bloqueada por"
        for r in rows[:-1]:
            f = by_id[r[1]]
            src = open(f["file"], encoding="utf-8").read()
            expect(r[col[date_h]] and r[col[date_h]] in src, f"{lang} {r[1]}: audit date")
            expect(r[col[coach_h]] and r[col[coach_h]] in src, f"{lang} {r[1]}: coach")
            names = r[col[blk_h]] or ""
            expect(len([n for n in names.split("; ") if n]) == len(f["blockers"]),
                   f"{lang} {r[1]}: blockers by name", names, f["blockers"])
        expect(ws.auto_filter.ref is not None, f"{lang}: sort-ready (autofilter)")
        expect(not ws.merged_cells.ranges, f"{lang}: no merged cells")


# ---- header widths -------------------------------------------------------------

HEADER_FILL = "FF1F4E78"


def header_cells(path):
    """(sheet, cell, width, lines) for every header-formatted cell."""
    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is None or c.fill is None or c.fill.fgColor is None:
                    continue
                if c.fill.fgColor.rgb != HEADER_FILL:
                    continue
                w = None
                for dim in ws.column_dimensions.values():  # ranges: min..max
                    if dim.min is not None and dim.min <= c.column <= (dim.max or dim.min):
                        w = dim.width
                if w is None:
                    w = ws.sheet_format.defaultColWidth or 8.43
                h = ws.row_dimensions[c.row].height or 15
                out.append((ws.title, c.coordinate, float(w), max(1, int(h // 15)), str(c.value)))
    return out


def case_headers_fit(tmp):
    """For every header cell of every workbook, en and es: its column is wide
    enough for the text (measured with the font LibreOffice prints with)."""
    base = os.path.join(FIRMS, "coffee-cocoa-valle-alto.cfg")
    follow = os.path.join(SRC, "tests", "data", "report", "valle-alto-followup.cfg")
    checked = 0
    for lang in ("en", "es"):
        firms, out = audit_examples(tmp, lang)
        bj = os.path.join(tmp, f"r-{lang}.json")
        fout = os.path.join(tmp, "follow-" + lang)
        audit(os.path.join(tmp, "f.json"), follow, FRUIT, lang=lang, out_dir=fout,
              extra=("--baseline", bj))
        paths = [os.path.join(out, n) for n in sorted(os.listdir(out)) if n.endswith(".xlsx")]
        paths += [os.path.join(fout, n) for n in sorted(os.listdir(fout)) if n.endswith(".xlsx")]
        cells = []
        for p in paths:
            cells += [(p,) + h for h in header_cells(p)]
        text = "".join(f"{w}\t{lines}\t{t.replace(chr(10), chr(92) + 'n')}\n"
                       for (_, _, _, w, lines, t) in cells)
        res = subprocess.run([FIT_CHECK], input=text, capture_output=True, text=True)
        expect(res.returncode == 0, "fit_check ran", res.stderr)
        for cell, verdict in zip(cells, res.stdout.split()):
            p, sheet, coord, w, lines, t = cell
            expect(verdict == "ok", f"{lang} {os.path.basename(p)} {sheet}!{coord}: header "
                   f"'{t}' cut at width {w} ({lines} line(s))")
            checked += 1
    expect(checked > 200, f"header cells checked: {checked}")


# ---- 4. the PDF report -----------------------------------------------------------

def flat(s):
    return " ".join(str(s).split())


def case_pdf_report(tmp):
    """audit -o DIR writes DIR/<id>.pdf: 2-4 pages, in the firm's language,
    with the firm, score, grade, every blocker and the top action; the same
    bytes twice; none with --no-pdf."""
    named = os.path.join(tmp, "named.cfg")
    src = open(FRUIT, encoding="utf-8").read()
    src = src.replace('name = "Frutos del Chanchamayo S.A.C.";',
                      'name = "Frutos & Co <b>Chanchamayo</b> S.A.C.";')
    src = src.replace('id = "pe-frutos-chanchamayo";', 'id = "pe-named";')
    open(named, "w", encoding="utf-8").write(src)
    half = os.path.join(tmp, "half.cfg")
    half_filled(FRUIT, half, 2, "pe-half")
    inputs = example_firms() + [named, half]
    grade_word = {"en": "Grade", "es": "Calificación"}
    for lang in ("en", "es"):
        rj = os.path.join(tmp, f"r-{lang}.json")
        out, again = os.path.join(tmp, "a-" + lang), os.path.join(tmp, "b-" + lang)
        rc, _, err = audit(rj, *inputs, lang=lang, out_dir=out)
        expect(rc == 0, f"{lang}: audit", err)
        rc, _, err = audit(rj, *inputs, lang=lang, out_dir=again, extra=("-j", "2"))
        doc = json.load(open(rj))["firms"]
        for f in doc:
            pdf = os.path.join(out, f["id"] + ".pdf")
            expect(os.path.exists(pdf), f"{lang}: {pdf} written")
            if not os.path.exists(pdf):
                continue
            n = pdf_pages(pdf)
            expect(2 <= n <= 4, f"{lang} {f['id']}: {n} pages (2-4)")
            with open(pdf, "rb") as a, open(os.path.join(again, f["id"] + ".pdf"), "rb") as b:
                expect(a.read() == b.read(), f"{lang} {f['id']}: same bytes twice (-j 1, -j 2)")
            text = pdf_text(pdf)
            expect(flat(f["name"]) in text, f"{lang} {f['id']}: firm name", f["name"])
            expect(score_text(lang, f["score"]) in text,
                   f"{lang} {f['id']}: score {score_text(lang, f['score'])}")
            if f["grade"] is not None:
                expect(f"{grade_word[lang]} {f['grade']}" in text, f"{lang} {f['id']}: grade")
            wb = openpyxl.load_workbook(os.path.join(out, f["id"] + ".xlsx"))
            title = {r[0]: r[1] for r in wb.worksheets[-1].iter_rows(min_row=5, values_only=True)
                     if r[0]}
            for b in f["blockers"]:
                expect(flat(title[b]) in text, f"{lang} {f['id']}: blocker {b}", title[b])
            for v in f["to_verify"]:
                expect(flat(title[v]) in text, f"{lang} {f['id']}: to verify {v}")
            top = wb[ACTIONS[lang]].cell(2, 3).value
            if top:
                expect(flat(top) in text, f"{lang} {f['id']}: top action", top)
            if f["grade_status"] == "provisional":
                word = "provisional"
                expect(word in text, f"{lang} {f['id']}: provisional mark")
            coach = re.search(r'coach = "([^"]*)"', open(f["file"], encoding="utf-8").read())
            expect(coach and flat(coach.group(1)) in text, f"{lang} {f['id']}: coach")
        # Firm text is text, never markup.
        t = pdf_text(os.path.join(out, "pe-named.pdf"))
        expect("Frutos & Co <b>Chanchamayo</b> S.A.C." in t, f"{lang}: name printed literally")
        # Spanish words in the Spanish report.
        t = pdf_text(os.path.join(out, "pe-frutos-chanchamayo.pdf"))
        want = "Qué hacer primero" if lang == "es" else "What to do first"
        expect(want in t, f"{lang}: report in the firm's language")
    out = os.path.join(tmp, "no-pdf")
    rc, _, err = audit(os.path.join(tmp, "n.json"), FRUIT, out_dir=out, extra=("--no-pdf",))
    expect(rc == 0 and os.listdir(out) == ["pe-frutos-chanchamayo.xlsx"], "--no-pdf: workbook only",
           os.listdir(out) if os.path.isdir(out) else None)
    # report renders the same PDFs as audit.
    rj = os.path.join(tmp, "r-en.json")
    rep = os.path.join(tmp, "report")
    rc, _, err = run("report", "--rubric-dir", RUBRICS, "-o", rep, rj)
    expect(rc == 0, "report exit 0", err)
    for n in os.listdir(os.path.join(tmp, "a-en")):
        if n.endswith(".pdf"):
            with open(os.path.join(tmp, "a-en", n), "rb") as a, open(os.path.join(rep, n), "rb") as b:
                expect(a.read() == b.read(), f"report {n}: same bytes as audit")


def profile_countries():
    """{code: {lang: name}} as rubrics/profile.cfg writes its `countries`."""
    text = open(os.path.join(RUBRICS, "profile.cfg"), encoding="utf-8").read()
    block = text[text.index("countries = ("):]
    block = block[:block.index("\n  );")]
    out = {}
    for code, names in re.findall(r'\{ code = "([A-Z]{2})"; name = \{([^}]*)\}', block):
        out[code] = dict(re.findall(r'(\w+) = "([^"]*)"', names))
    return out


COUNTRY = {"en": "Country", "es": "País"}


def case_country_names(tmp):
    """The firm's country by its name in the output language: the Summary's
    Country cell (openpyxl), the report's identity line (pdftotext) and a
    programme reason on the country; the JSON keeps the code.  A Peruvian
    firm reads "Perú" in Spanish and "Peru" in English; a code profile.cfg
    does not name (MX) is shown as it is; a long name (Bolivia's) moves the
    report's markets to a line of their own rather than wrap them."""
    names = profile_countries()
    expect(names.get("PE") == {"en": "Peru", "es": "Perú"}, "profile.cfg names PE", names.get("PE"))
    expect(names.get("CO", {}).get("es") == "Colombia", "profile.cfg names CO", names.get("CO"))
    expect("MX" not in names, "MX stays unnamed (the fallback case)")
    src = open(FRUIT, encoding="utf-8").read()
    firms = [FRUIT]
    for code in ("CO", "BO", "MX"):
        path = os.path.join(tmp, code + ".cfg")
        text = src.replace('country = "PE";', f'country = "{code}";').replace(
            'id = "pe-frutos-chanchamayo";', f'id = "{code.lower()}-frutos";')
        expect(text.count(f'"{code}"') == 1, f"{code} copy of the fruit example")
        open(path, "w", encoding="utf-8").write(text)
        firms.append(path)
    ids = {"PE": "pe-frutos-chanchamayo", "CO": "co-frutos", "BO": "bo-frutos", "MX": "mx-frutos"}
    for lang in ("en", "es"):
        rj = os.path.join(tmp, f"c-{lang}.json")
        out = os.path.join(tmp, "c-" + lang)
        rc, _, err = audit(rj, *firms, lang=lang, out_dir=out)
        expect(rc == 0, f"{lang}: audit", err)
        doc = {f["id"]: f for f in json.load(open(rj))["firms"]}
        for code, fid in ids.items():
            want = names.get(code, {}).get(lang, code)
            expect(doc[fid]["country"] == code, f"{lang} {fid}: JSON keeps the code",
                   doc[fid]["country"])
            wb = openpyxl.load_workbook(os.path.join(out, fid + ".xlsx"))
            ws = wb[SUMMARY[lang]]
            cell = [r[1] for r in ws.iter_rows(max_col=2, values_only=True)
                    if r[0] == COUNTRY[lang]]
            expect(cell == [want], f"{lang} {fid}: Summary {COUNTRY[lang]} cell", cell, want)
            text = pdf_text(os.path.join(out, fid + ".pdf"))
            expect(f"{COUNTRY[lang]}: {want} " in text, f"{lang} {fid}: report says "
                   f"'{COUNTRY[lang]}: {want}'", [t for t in text.splitlines() if "Sector" in t])
            # PAI and SIPPO take only Peruvian firms: the others' reasons name
            # their country, never its code.
            reasons = [v for r in ws.iter_rows(values_only=True) for v in r
                       if isinstance(v, str) and f"({COUNTRY[lang]}: " in v]
            if code == "PE":
                expect(not reasons, f"{lang} {fid}: no country reason for a Peruvian firm",
                       reasons)
            else:
                expect(len(reasons) == 2 and all(f"({COUNTRY[lang]}: {want})" in v
                                                 for v in reasons),
                       f"{lang} {fid}: PAI and SIPPO reasons name {want}", reasons)
        # A long name does not wrap the identity line inside a market's
        # name ("EE. | UU."): the markets go on a line of their own.
        p = subprocess.run(["pdftotext", "-enc", "UTF-8", os.path.join(out, "bo-frutos.pdf"), "-"],
                           capture_output=True, text=True)
        lines = [" ".join(t.split()) for t in p.stdout.splitlines()]
        want = f"{COUNTRY[lang]}: {names['BO'][lang]}"
        expect(any(t.startswith("Sector: ") and t.endswith(want) for t in lines),
               f"{lang}: BO identity line ends with its country", [t for t in lines if "Sector" in t])
        mk = "Target markets: EU, US" if lang == "en" else "Mercados de destino: UE, EE. UU."
        expect(mk in lines, f"{lang}: BO markets on a line of their own",
               [t for t in lines if "UU" in t or "US" in t][:3])
        pe = pdf_text(os.path.join(out, ids["PE"] + ".pdf"))
        expect((" Perú " if lang == "es" else " Peru ") in pe and f"{COUNTRY[lang]}: PE " not in pe,
               f"{lang}: the Peruvian firm's report names Peru in its language")


def case_country_table(tmp):
    """profile.cfg's countries are ISO 3166-1 alpha-2 codes with the name
    of that country: each code is assigned in the ISO 3166-1 list Debian's
    iso-codes carries, and its English name shares a word with that list's
    name for it (a swapped code, NE for NI, fails); every shipped example's
    and programme's country has an entry."""
    iso = json.load(open("/usr/share/iso-codes/json/iso_3166-1.json", encoding="utf-8"))
    by_code = {c["alpha_2"]: c for c in iso["3166-1"]}
    names = profile_countries()
    expect(len(names) >= 25, "the table holds the case study's countries", len(names))
    words = lambda t: set(re.findall(r"[A-Za-z]{3,}", t)) - {"the", "and", "Republic", "State",
                                                             "United", "Plurinational"}
    for code, n in names.items():
        expect(code in by_code, f"{code} is an ISO 3166-1 alpha-2 code")
        if code not in by_code:
            continue
        iso_words = words(by_code[code]["name"]) | words(by_code[code].get("common_name", ""))
        expect(words(n["en"]) & iso_words, f"{code}: '{n['en']}' is {by_code[code]['name']}")
        expect(set(n) == {"en", "es"}, f"{code}: named in en and es", n)
    given = set()
    for d in (FIRMS, os.path.join(SRC, "examples", "follow-up")):
        for f in os.listdir(d):
            given |= set(re.findall(r'country = "([A-Z]{2})"', open(os.path.join(d, f),
                                                                   encoding="utf-8").read()))
    progs = os.path.join(RUBRICS, "programmes")
    for f in os.listdir(progs):
        if f.endswith(".cfg"):
            for vals in re.findall(r'fact = "firm\.country"; op = "in"; values = \[([^]]*)\]',
                                   open(os.path.join(progs, f), encoding="utf-8").read()):
                given |= set(re.findall(r'"([A-Z]{2})"', vals))
    expect("PE" in given and given <= set(names), "every example's and programme's country "
           "is named", sorted(given - set(names)))


def case_pdf_follow_up(tmp):
    """A follow-up's report shows then and now, and is titled a follow-up."""
    base = os.path.join(FIRMS, "coffee-cocoa-valle-alto.cfg")
    follow = os.path.join(SRC, "tests", "data", "report", "valle-alto-followup.cfg")
    for lang, head, title in (("en", "Then and now", "follow-up audit"),
                              ("es", "Antes y ahora", "exportadora: seguimiento")):
        bj = os.path.join(tmp, f"b-{lang}.json")
        audit(bj, base, lang=lang)
        out = os.path.join(tmp, "f-" + lang)
        fj = os.path.join(tmp, f"f-{lang}.json")
        rc, _, err = audit(fj, follow, lang=lang, out_dir=out, extra=("--baseline", bj))
        expect(rc == 0, f"{lang}: follow-up audit", err)
        pdf = os.path.join(out, "pe-valle-alto-cafe.pdf")
        t = pdf_text(pdf)
        old = json.load(open(bj))["firms"][0]
        new = json.load(open(fj))["firms"][0]
        expect(head in t and title in t, f"{lang}: then and now, follow-up title")
        expect(score_text(lang, old["score"]) in t and score_text(lang, new["score"]) in t,
               f"{lang}: both scores", old["score"], new["score"])
        expect(score_text(lang, new["score"] - old["score"], "+.1f") in t, f"{lang}: the change")
        expect(2 <= pdf_pages(pdf) <= 4, f"{lang}: pages")


def case_print_pages(tmp):
    """Printed (LibreOffice -> PDF), a firm workbook's Summary and Action plan
    take at most 4 A4 pages together, in en and es."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("skip: no LibreOffice")
        return
    for lang in ("en", "es"):
        out = os.path.join(tmp, "out-" + lang)
        firms = [FRUIT, os.path.join(FIRMS, "coffee-cocoa-valle-alto.cfg")]
        rc, _, err = audit(os.path.join(tmp, "r.json"), *firms, lang=lang, out_dir=out)
        expect(rc == 0, f"{lang}: audit", err)
        books = [os.path.join(out, n) for n in ("pe-frutos-chanchamayo.xlsx",
                                                "pe-valle-alto-cafe.xlsx")]
        pdf_dir = os.path.join(tmp, "pdf-" + lang)
        p = subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", pdf_dir,
                            *books], capture_output=True, text=True, timeout=240,
                           env=dict(os.environ, HOME=tmp))
        expect(p.returncode == 0, f"{lang}: LibreOffice", p.stderr)
        findings_head = "Requirement" if lang == "en" else "Requisito"
        action_head = "Priority" if lang == "en" else "Prioridad"
        for b in books:
            pdf = os.path.join(pdf_dir, os.path.basename(b)[:-5] + ".pdf")
            n = pdf_pages(pdf)
            summary, actions = 0, 0
            in_summary = True
            for i in range(1, n + 1):
                t = subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), "-layout", pdf, "-"],
                                   capture_output=True, text=True).stdout
                lines = [l.split() for l in t.splitlines() if l.strip()]
                first = lines[1] if len(lines) > 1 else []  # after the page header
                if in_summary and first and first[0] in ("Dimension", "Dimensión"):
                    in_summary = False
                summary += in_summary
                actions += bool(first) and first[0] == action_head
            expect(summary >= 1 and actions >= 1, f"{lang} {b}: pages found", summary, actions)
            print(f"{lang} {os.path.basename(b)}: Summary {summary} page(s), Action plan {actions}")
            expect(summary + actions <= 4, f"{lang} {os.path.basename(b)}: Summary {summary} + "
                   f"Action plan {actions} pages > 4")


if __name__ == "__main__":
    sys.exit(e2e_lib.run_case(globals(), CASE))
