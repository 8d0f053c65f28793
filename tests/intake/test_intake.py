#!/usr/bin/python3
"""Field data in (issue 12): round trips through real writers and readers.

Usage: test_intake.py EXPORTREADY RUBRICS PLUGIN_DIR EXAMPLES CASE

Every case builds its input the way the user's tool does (openpyxl typing
into the template as a person in Excel would; the export shapes of
KoboToolbox and ODK Central) and checks that `exportready audit` gives the
same result as the equivalent .cfg firm file.  The .cfg results are the
reference; nothing here is copied from the program's output.
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import intake_lib as L  # noqa: E402

EXE, RUBRICS, PLUGINS, EXAMPLES, CASE = sys.argv[1:6]
WORK = tempfile.mkdtemp(prefix="er-intake-")


def run(*args):
    p = subprocess.run([EXE, *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def expect(cond, what, *context):
    if not cond:
        print("FAIL:", what)
        for c in context:
            print("----\n" + str(c))
        sys.exit(1)


def audit(*inputs):
    """The results JSON of auditing inputs (each firm keyed by id)."""
    out = os.path.join(WORK, "r.json")
    rc, so, se = run("audit", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS, "--json", out,
                     *inputs)
    expect(os.path.exists(out), f"audit {inputs} wrote no JSON", so, se)
    with open(out, encoding="utf-8") as f:
        doc = json.load(f)
    os.unlink(out)
    return rc, doc["firms"], se


def comparable(firm):
    f = dict(firm)
    f.pop("file", None)
    return f


def examples():
    return sorted(os.path.join(EXAMPLES, n) for n in os.listdir(EXAMPLES) if n.endswith(".cfg"))


def same_as_cfg(cfg_path, other_inputs, what):
    rc0, ref, se0 = audit(cfg_path)
    expect(rc0 == 0 and len(ref) == 1 and "error" not in ref[0], f"{cfg_path} audits", se0)
    rc, got, se = audit(*other_inputs)
    expect(rc == 0, f"{what}: exit status {rc}", se)
    expect(len(got) == 1, f"{what}: one firm", got)
    a, b = comparable(ref[0]), comparable(got[0])
    if a != b:
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                print(f"  {k}: cfg={json.dumps(a.get(k))[:400]}\n  {' ' * len(k)}  got={json.dumps(b.get(k))[:400]}")
    expect(a == b, f"{what}: same result as {os.path.basename(cfg_path)}")


def template(sector, lang, fmt=None):
    path = os.path.join(WORK, f"t-{sector}-{lang}-{fmt or 'xlsx'}.xlsx")
    args = ["template", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS, "--sector", sector,
            "--lang", lang, "-o", path, "--force"]
    if fmt:
        args += ["--format", fmt]
    rc, so, se = run(*args)
    expect(rc == 0, f"template {sector} {lang} {fmt}", se)
    return path


# ---- cases ----------------------------------------------------------------------------

def case_questionnaire():
    """Each example firm typed into its sector's template (English and
    Spanish) audits exactly as its .cfg file."""
    for cfg in examples():
        firm = L.read_cfg(cfg)["firm"]
        for lang in ("en", "es"):
            t = template(firm["sector"], lang)
            filled = os.path.join(WORK, f"{firm['id']}-{lang}.xlsx")
            left = L.fill_template(t, filled, firm, lang)
            expect(left == [], f"{cfg}: the {lang} template has no row for {left}")
            same_as_cfg(cfg, [filled], f"{os.path.basename(filled)}")


def case_cohort_xlsx():
    """A cohort sheet (one firm per row, CSV columns) audits as the .cfg
    files, and a bad cell is reported at its cell."""
    import openpyxl
    cfgs = examples()[:3]
    firms = [L.read_cfg(c)["firm"] for c in cfgs]
    rows = [L.firm_cells(f) for f in firms]
    cols = []
    for r in rows:
        cols += [k for k in r if k not in cols]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Cohorte"
    ws.append(cols)
    for r in rows:
        ws.append([r.get(c) for c in cols])
    path = os.path.join(WORK, "cohort.xlsx")
    wb.save(path)
    rc, got, se = audit(path)
    expect(rc == 0 and len(got) == 3, "cohort.xlsx audits 3 firms", se)
    for cfg, g in zip(cfgs, got):
        _, ref, _ = audit(cfg)
        expect(comparable(ref[0]) == comparable(g), f"cohort row of {cfg} differs")
    # A wrong cell: employees typed as text in row 3.
    ci = cols.index("profile.employees") + 1
    ws.cell(3, ci).value = "muchos"
    wb.save(path)
    rc, so, se = run("validate", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS, path)
    ref = openpyxl.utils.get_column_letter(ci)
    want = f'{path}:Cohorte!{ref}3: firm.profile.employees: "muchos" is not an integer'
    expect(rc == 3 and want in se.splitlines(), "validate names the cell", want, se)
    expect(se.strip().endswith("1 problem found"), "validate counts the problems", se)


def case_validate_xlsx():
    """validate reports every problem of a filled questionnaire, one per
    line, FILE:Sheet!CELL: FIELD: what, with a count."""
    import openpyxl
    cfg = examples()[0]
    firm = L.read_cfg(cfg)["firm"]
    t = template(firm["sector"], "en")
    filled = os.path.join(WORK, "bad.xlsx")
    L.fill_template(t, filled, firm)
    wb = openpyxl.load_workbook(filled)
    ws = wb["Questionnaire"]
    rows = {ws.cell(r, 2).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(rows["profile.employees"], 6).value = "many"
    ws.cell(rows["audit.kind"], 6).value = "midterm"
    ws.cell(rows["answers.export_manager"], 7).value = "seen"
    wb.save(filled)
    rc, so, se = run("validate", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS, filled)
    lines = se.splitlines()
    expect(rc == 3, "validate fails", se)
    for want in (f"{filled}:Questionnaire!F{rows['profile.employees']}: firm.profile.employees: ",
                 f"{filled}:Questionnaire!F{rows['audit.kind']}: firm.audit.kind: ",
                 f"{filled}:Questionnaire!G{rows['answers.export_manager']}: "
                 "firm.evidence.export_manager: "):
        expect(any(l.startswith(want) for l in lines), f"a line starts {want}", se)
    expect(lines[-1] == "exportready: 3 problems found", "count", se)


CASES = {n[5:]: f for n, f in globals().items() if n.startswith("case_")}
if CASE not in CASES:
    sys.exit(f"unknown case {CASE}; known: {' '.join(sorted(CASES))}")
CASES[CASE]()
print("ok", CASE)
