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
        firm = L.read_firm(cfg, RUBRICS)
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
    firms = [L.read_firm(c, RUBRICS) for c in cfgs]
    rows = [L.firm_cells(f) for f in firms]
    cols = []
    for r in rows:
        cols += [k for k in r if k not in cols]
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Notas"  # a coach's notes sheet first: the cohort is found anyway
    notes.append(["Cohorte 2026, Ruta Exportadora"])
    ws = wb.create_sheet("Cohorte")
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
    firm = L.read_firm(cfg, RUBRICS)
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


def export_roundtrip(write, ext, what):
    """Every example firm submitted through its sector's XLSForm and
    exported by write() audits exactly as its .cfg file."""
    for cfg in examples():
        firm = L.read_firm(cfg, RUBRICS)
        form = template(firm["sector"], "en", "xlsform")
        out = os.path.join(WORK, f"{firm['id']}-{what}.{ext}")
        write(out, form, [firm])
        same_as_cfg(cfg, [out], f"{what} export of {firm['id']}")


def case_kobo_csv_semicolon():
    export_roundtrip(lambda o, f, fs: L.write_kobo_csv(o, f, fs, ";"), "csv", "kobo-csv-semicolon")


def case_kobo_csv_comma():
    export_roundtrip(lambda o, f, fs: L.write_kobo_csv(o, f, fs, ","), "csv", "kobo-csv-comma")


def case_kobo_xlsx():
    export_roundtrip(L.write_kobo_xlsx, "xlsx", "kobo-xlsx")


def case_kobo_xlsx_repeat():
    """Products collected in a repeat group: KoboToolbox puts them on a
    sheet of their own, linked by _parent_index; the audit is the .cfg's.
    A cohort export (two firms, products interleaved by _index) too, and
    the repeat's field names with a p_ prefix.  A row whose parent is
    missing and a column that is not a product field are errors naming the
    repeat sheet's cell."""
    export_roundtrip(L.write_kobo_xlsx_repeat, "xlsx", "kobo-xlsx-repeat")
    export_roundtrip(lambda o, f, fs: L.write_kobo_xlsx_repeat(o, f, fs, lambda x: "grp/p_" + x),
                     "xlsx", "kobo-xlsx-repeat-prefixed")
    cfgs = examples()
    # A cohort export: two submissions (the second a copy of the first firm
    # under another id, with one product fewer), their products interleaved.
    import copy
    first = L.read_firm(cfgs[0], RUBRICS)
    second = copy.deepcopy(first)
    second["id"], second["name"] = first["id"] + "-2", first["name"] + " & Hijos"
    if len(second["products"]) > 1:
        second["products"] = second["products"][:-1]
    ref2 = os.path.join(WORK, "second.cfg")
    L.write_cfg(ref2, second)
    form = template(first["sector"], "en", "xlsform")
    out = os.path.join(WORK, "repeat-cohort.xlsx")
    wb = L.write_kobo_xlsx_repeat(out, form, [first, second])
    rs = wb["products"]
    rows = [list(r) for r in rs.iter_rows(min_row=2, values_only=True)]
    rows.sort(key=lambda r: (r[5 + 0] % 2, r[5]))  # by _index parity: interleave the firms
    for i, r in enumerate(rows, 2):
        for k, v in enumerate(r, 1):
            rs.cell(i, k).value = v
    wb.save(out)
    rc, got, se = audit(out)
    expect(rc == 0 and len(got) == 2, "a two-firm repeat export audits two firms", se)
    for cfg, firm in ((cfgs[0], first), (ref2, second)):
        _, ref, _ = audit(cfg)
        mine = [g for g in got if g["id"] == firm["id"]]
        expect(mine and comparable(mine[0]) == comparable(ref[0]),
               f"{firm['id']} in the cohort export audits as its .cfg", mine, ref)
    import openpyxl
    cfg = cfgs[0]
    firm = L.read_firm(cfg, RUBRICS)
    form = template(firm["sector"], "en", "xlsform")
    bad = os.path.join(WORK, "repeat-bad.xlsx")
    L.write_kobo_xlsx_repeat(bad, form, [firm])
    wb = openpyxl.load_workbook(bad)
    rs = wb["products"]
    head = [c.value for c in rs[1]]
    parent = head.index("_parent_index") + 1
    rs.cell(2, parent).value = 99
    col = rs.max_column + 1
    rs.cell(1, col).value = "products/colour"
    wb.save(bad)
    rc, so, se = run("validate", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS, bad)
    ref = openpyxl.utils.get_column_letter(parent)
    expect(rc != 0, "a broken repeat sheet fails", se)
    expect(f"{bad}:products!{ref}2: _parent_index: '99' names no row" in se,
           "the orphan row is named by its cell", se)
    expect(f"{bad}:products!{openpyxl.utils.get_column_letter(col)}1: products/colour: "
           in se, "the stray column is named by its cell", se)


def case_odk_central_csv():
    export_roundtrip(L.write_odk_central_csv, "csv", "odk-central")


def case_export_cohort():
    """Several submissions in one export are several firms, and a column
    that is neither a field nor metadata is an error with a suggestion."""
    cfgs = examples()
    firms = [L.read_firm(c, RUBRICS) for c in cfgs]
    sectors = sorted({f["sector"] for f in firms})
    form = os.path.join(WORK, "mixed.xlsx")
    args = ["template", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS, "--format", "xlsform",
            "-o", form, "--force"]
    for s in sectors:
        args += ["--sector", s]
    rc, so, se = run(*args)
    expect(rc == 0, "mixed-sector form", se)
    out = os.path.join(WORK, "mixed.csv")
    L.write_kobo_csv(out, form, firms, ";")
    rc, got, se = audit(out)
    expect(rc == 0 and len(got) == len(firms), "every submission audits", se)
    for cfg, g in zip(cfgs, got):
        _, ref, _ = audit(cfg)
        expect(comparable(ref[0]) == comparable(g), f"{cfg} differs in the mixed export")
    # A misspelt column (as after a hand edit of the form).
    with open(out, encoding="utf-8") as f:
        text = f.read()
    text = text.replace('"g_firm/firm_name"', '"g_firm/firm_nme"', 1)
    text = text.replace('"g_audit/audit_coach"', '"g_audit/coach"', 1)
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
    rc, so, se = run("validate", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS, out)
    expect(rc == 3 and 'g_firm/firm_nme: unknown column' in se and
           'did you mean "firm_name"?' in se and 'did you mean "audit_coach"?' in se,
           "unknown columns with suggestions", se)
    # audit prints each problem on its own line, not joined.
    rc, so, se = run("audit", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS, "-o",
                     os.path.join(WORK, "out-bad"), out)
    lines = [l for l in se.splitlines() if "unknown column" in l]
    expect(rc == 3 and len(lines) == 2 and all(l.startswith(f"exportready: {out}:1:")
                                                for l in lines),
           "one line per problem", se)


def case_xlsform_structure():
    """The XLSForm, read with openpyxl, against the XLSForm specification
    (xlsform.org; docs.getodk.org/form-language): survey/choices/settings
    sheets, required columns, known types, valid unique names, balanced
    groups, every select list in choices, both languages everywhere,
    ${} references to existing names, settings with form_id and version."""
    form = template("natural-ingredients", "en", "xlsform")
    check_xlsform(form)
    mixed = os.path.join(WORK, "all-form.xlsx")
    rc, so, se = run("template", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS,
                     "--all-sectors", "--format", "xlsform", "-o", mixed)
    expect(rc == 0, "--all-sectors xlsform", se)
    check_xlsform(mixed)


def check_xlsform(form):
    import re
    import openpyxl
    wb = openpyxl.load_workbook(form)
    expect({"survey", "choices", "settings"} <= set(wb.sheetnames), "sheets", wb.sheetnames)
    langs = ("English (en)", "Español (es)")
    sv = wb["survey"]
    head = [c.value for c in sv[1]]
    for col in ["type", "name"] + [f"label::{l}" for l in langs]:
        expect(col in head, f"survey column {col}", head)
    H = {h: i for i, h in enumerate(head)}
    choices = {}
    ch = wb["choices"]
    chead = [c.value for c in ch[1]]
    for col in ["list_name", "name"] + [f"label::{l}" for l in langs]:
        expect(col in chead, f"choices column {col}", chead)
    C = {h: i for i, h in enumerate(chead)}
    for r in ch.iter_rows(min_row=2, values_only=True):
        lst, name = r[C["list_name"]], r[C["name"]]
        expect(name not in choices.setdefault(lst, []), f"choice {lst}/{name} unique")
        expect(re.fullmatch(r"[A-Za-z0-9_.-]+", str(name)), f"choice name {name} has no spaces")
        for l in langs:
            expect(r[C[f"label::{l}"]], f"choice {lst}/{name} label {l}")
        choices[lst].append(name)
    name_re = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*$")
    meta = {"start", "end", "today", "deviceid", "username", "phonenumber", "audit"}
    plain = {"text", "integer", "decimal", "date", "time", "dateTime", "note", "calculate",
             "geopoint", "image", "acknowledge", "hidden"}
    names, stack, refs = set(), [], []
    for i, r in enumerate(sv.iter_rows(min_row=2, values_only=True), 2):
        t, n = (r[H["type"]] or "").strip(), r[H["name"]]
        if not t:
            continue
        if t in ("end_group", "end group", "end_repeat", "end repeat"):
            expect(stack and stack.pop() == n, f"row {i}: end of group {n} matches its begin")
            continue
        expect(n and name_re.match(n), f"row {i}: valid name {n!r}")
        expect(n not in names, f"row {i}: unique name {n}")
        names.add(n)
        word = t.split()
        if word[0] in ("select_one", "select_multiple"):
            expect(len(word) == 2 and word[1] in choices, f"row {i}: list of {t} in choices")
        elif t in ("begin_group", "begin group", "begin_repeat", "begin repeat"):
            stack.append(n)
        else:
            expect(t in plain or t in meta, f"row {i}: known type {t}")
        if t not in meta:
            for l in langs:
                expect(r[H[f"label::{l}"]], f"row {i}: {n} has a label in {l}")
        req = r[H["required"]] if "required" in H else None
        expect(req in (None, "yes"), f"row {i}: required is yes or empty")
        for col in ("relevant", "constraint"):
            if col in H and r[H[col]]:
                refs += [(i, x) for x in re.findall(r"\$\{([^}]*)\}", r[H[col]])]
    expect(not stack, "every group ends", stack)
    expect(len(refs) > 20, f"relevant/constraint expressions were checked ({len(refs)})")
    for i, x in refs:
        expect(x in names, f"row {i}: ${{{x}}} names a question")
    st = wb["settings"]
    sh = [c.value for c in st[1]]
    sr = [c.value for c in st[2]]
    S = dict(zip(sh, sr))
    expect(S.get("form_id") and name_re.match(S["form_id"]), "settings form_id", S)
    expect(S.get("version"), "settings version", S)
    expect(S.get("default_language") in langs, "default_language is one of the languages", S)
    # Choice names are what the loader accepts.
    expect(choices["yes_no"] == ["yes", "no"], "yes_no", choices["yes_no"])
    expect(choices["evidence"] == ["verified", "document", "declared"], "evidence")
    expect(choices["use"] == ["food", "cosmetic", "pharma"], "use")
    expect(choices["audit_kind"] == ["baseline", "follow-up"], "audit_kind")


def case_mixed_template():
    """One template for every sector (--all-sectors): each example firm,
    whatever its sector, typed into the same workbook audits as its .cfg;
    the CSV header of the mixed template takes the whole cohort."""
    import csv
    t = os.path.join(WORK, "all.xlsx")
    rc, so, se = run("template", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS,
                     "--all-sectors", "-o", t)
    expect(rc == 0, "template --all-sectors", se)
    for cfg in examples():
        firm = L.read_firm(cfg, RUBRICS)
        filled = os.path.join(WORK, f"all-{firm['id']}.xlsx")
        left = L.fill_template(t, filled, firm)
        expect(left == [], f"the mixed template has no row for {left}")
        same_as_cfg(cfg, [filled], f"mixed template, {firm['sector']}")
    h = os.path.join(WORK, "all.csv")
    args = ["template", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS, "-o", h]
    firms = [L.read_firm(c, RUBRICS) for c in examples()]
    for sector in sorted({f["sector"] for f in firms}):
        args += ["--sector", sector]
    rc, so, se = run(*args)
    expect(rc == 0, "template --sector x6 -o .csv", se)
    with open(h, encoding="utf-8") as f:
        header = next(csv.reader(f))
    with open(h, "a", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        for firm in firms:
            cells = L.firm_cells(firm)
            missing = set(cells) - set(header)
            expect(not missing, f"the mixed CSV header lacks {missing}")
            w.writerow([(cells[c].isoformat() if hasattr(cells.get(c), "isoformat")
                         else cells.get(c, "")) for c in header])
    rc, got, se = audit(h)
    expect(rc == 0 and len(got) == len(firms), "the mixed cohort audits", se)
    for cfg, g in zip(examples(), got):
        _, ref, _ = audit(cfg)
        expect(comparable(ref[0]) == comparable(g), f"{cfg} differs in the mixed CSV")


def case_hostile_cohort():
    """A small workbook whose 600 cells all name one 30 000-character
    shared string (18 MB of text in one row): refused with the row named,
    in bounded memory."""
    import zipfile
    path = os.path.join(WORK, "amplify.xlsx")
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    cols = 600
    header = '<c t="s"><v>0</v></c>' * cols  # the header row itself is the bomb
    row = '<c t="inlineStr"><is><t>x</t></is></c>' 
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
        z.writestr("xl/workbook.xml",
                   f'<workbook {ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
                   '2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/>'
                   '</sheets></workbook>')
        rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   f'relationships"><Relationship Id="rId1" Type="{rel}worksheet" '
                   f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
                   f'Type="{rel}sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        z.writestr("xl/sharedStrings.xml", f'<sst {ns}><si><t>{"a" * 30000}</t></si></sst>')
        z.writestr("xl/worksheets/sheet1.xml",
                   f'<worksheet {ns}><sheetData><row r="1">{header}</row><row r="2">{row}</row>'
                   '</sheetData></worksheet>')
    p = subprocess.run(["/usr/bin/time", "-f", "%M", EXE, "validate", "--rubric-dir", RUBRICS,
                        "--plugin-dir", PLUGINS, path], capture_output=True, text=True)
    rss_kib = int(p.stderr.strip().splitlines()[-1])
    expect(p.returncode == 3 and f"{path}:S!1: a row holds more than 16777216 bytes of text; "
           "refused" in p.stderr, "the row is refused", p.stderr[:2000])
    expect(rss_kib < 200 * 1024, f"bounded memory ({rss_kib} KiB)")


def case_spreadsheet_habits():
    """What Excel in Spanish writes: the es template filled with choice
    labels from its dropdowns, sí/no, a percentage cell; a ';' CSV with
    1.250.000,50, 100% and dd/mm/yyyy dates.  Each audits as the .cfg; an
    ambiguous date and an HS code without its leading zero are errors that
    say how to fix them."""
    import openpyxl
    cfg = [c for c in examples() if "raices-andinas" in c][0]
    firm = L.read_firm(cfg, RUBRICS)
    t = template(firm["sector"], "es")
    filled = os.path.join(WORK, "habits.xlsx")
    L.fill_template(t, filled, firm, "es")
    wb = openpyxl.load_workbook(filled)
    ws = wb["Cuestionario"]
    rows = {ws.cell(r, 2).value: r for r in range(2, ws.max_row + 1)}
    labels = {}
    tf = openpyxl.load_workbook(t)["Cuestionario"]
    for dv in tf.data_validations.dataValidation:
        for rng in str(dv.sqref).split():
            labels[rng] = dv.formula1.strip('"').split(",")
    # Pick every choice answer by its Spanish label, as the dropdown shows it.
    import re
    picked = 0
    for field, r in rows.items():
        if not field or not field.startswith("answers."):
            continue
        allowed = tf.cell(r, 5).value or ""
        pairs = dict(re.findall(r"([a-z0-9_]+) = ([^;]+)", allowed))
        v = ws.cell(r, 6).value
        if isinstance(v, str) and v in pairs and f"F{r}" in labels and \
                pairs[v].strip() in labels[f"F{r}"]:
            ws.cell(r, 6).value = pairs[v].strip()
            picked += 1
    expect(picked >= 10, f"labels typed for {picked} choice answers")
    r = rows["profile.local_ownership_pct"]
    ws.cell(r, 6).value = firm["profile"]["local_ownership_pct"] / 100
    ws.cell(r, 6).number_format = "0%"
    expect(tf.cell(rows["products.hs"], 6).number_format == "@",
           "the template's HS answer cell is formatted as Text")
    wb.save(filled)
    same_as_cfg(cfg, [filled], "es template filled with labels")
    # The HS code typed into a General cell (the number 1106.2): refused.
    ws.cell(rows["products.hs"], 6).value = 1106.2
    ws.cell(rows["products.hs"], 6).number_format = "General"
    numeric = os.path.join(WORK, "hs-number.xlsx")
    wb.save(numeric)
    rc, so, se = run("validate", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS, numeric)
    expect(rc == 3 and f"{numeric}:Cuestionario!F{rows['products.hs']}: firm.products[0].hs: "
           "the HS code cell holds the number 1106.2" in se and "format the column as Text" in se,
           "a number cell for the HS code is refused", se)

    cells = L.firm_cells(firm, "es")
    cols = list(cells)

    def es(v):
        if hasattr(v, "isoformat"):
            return v.strftime("%d/%m/%Y")
        if isinstance(v, float):
            whole, frac = f"{v:,.2f}".split(".")
            return whole.replace(",", ".") + "," + frac
        return str(v)
    row = {c: es(cells[c]) for c in cols}
    row["profile.local_ownership_pct"] = f"{firm['profile']['local_ownership_pct']:.0f}%"
    expect(row["profile.turnover_eur"] == "4.200.000,00", "thousands written", row)

    def write(path, r):
        import csv
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, delimiter=";")
            w.writerow(cols)
            w.writerow([r[c] for c in cols])
    es_csv = os.path.join(WORK, "es.csv")
    write(es_csv, row)
    same_as_cfg(cfg, [es_csv], "es-PE habits CSV")

    amb = dict(row, **{"audit.date": "03/11/2026"})
    amb["products.hs"] = "901.11;1515.90"
    amb_csv = os.path.join(WORK, "ambiguous.csv")
    write(amb_csv, amb)
    rc, so, se = run("validate", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS, amb_csv)
    expect(rc == 3, "ambiguous date and lost zero fail", se)
    expect('firm.audit.date: "03/11/2026" is ambiguous (3 November or 11 March 2026?)' in se
           and "--day-first" in se, "the date error says how to fix it", se)
    expect("firm.products[0].hs" in se and "looks like 0901.11" in se and
           "format the column as Text" in se, "the HS code error gives the hint", se)
    rc, so, se = run("validate", "--day-first", "--rubric-dir", RUBRICS, "--plugin-dir",
                     PLUGINS, amb_csv)
    expect("audit.date" not in se and se.strip().endswith("1 problem found"),
           "--day-first reads 03/11/2026; only the HS code is left", se)


CASES = {n[5:]: f for n, f in globals().items() if n.startswith("case_")}
if CASE not in CASES:
    sys.exit(f"unknown case {CASE}; known: {' '.join(sorted(CASES))}")
CASES[CASE]()
print("ok", CASE)
