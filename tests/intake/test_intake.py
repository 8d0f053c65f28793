#!/usr/bin/python3
"""Field data in (issue 12): round trips through real writers and readers.

Usage: test_intake.py EXPORTREADY RUBRICS PLUGIN_DIR EXAMPLES CASE

Every case builds its input the way the user's tool does (openpyxl typing
into the template as a person in Excel would; the export shapes of
KoboToolbox and ODK Central) and checks that `exportready audit` gives the
same result as the equivalent .cfg firm file.  The .cfg results are the
reference; nothing here is copied from the program's output.
"""
import csv
import io
import json
import os
import re
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


def _zip64_local_headers(path):
    """Entries whose local header carries a ZIP64 extra field (0x0001) and
    a higher "version needed" than the central directory: minizip's way."""
    import struct
    import zipfile
    with open(path, "rb") as f:
        data = f.read()
    odd = []
    for zi in zipfile.ZipFile(path).infolist():
        o = zi.header_offset
        ver, = struct.unpack("<H", data[o + 4:o + 6])
        nlen, elen = struct.unpack("<HH", data[o + 26:o + 30])
        extra = data[o + 30 + nlen:o + 30 + nlen + elen]
        if ver > zi.extract_version and extra[:2] == b"\x01\x00":
            odd.append(zi.filename)
    return odd


def case_own_workbook():
    """The template as `exportready template` writes it (libxlsxwriter,
    whose zip entries have minizip's ZIP64 local headers) is read as a
    workbook, not refused as damaged; blank, it holds no firm."""
    cfg = examples()[0]
    firm = L.read_firm(cfg, RUBRICS)
    for lang in ("en", "es"):
        t = template(firm["sector"], lang)
        expect(_zip64_local_headers(t), f"{lang}: the template has minizip-style local headers "
               "(else this case tests nothing)")
        rc, so, se = run("validate", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS, t)
        expect(rc == 0 and "damaged" not in se + so, f"{lang}: the template opens", rc, so, se)
        # Not filled in, it holds no firm, and audit says so.
        rc, so, se = run("audit", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS, t)
        expect(rc == 3 and "the inputs hold none" in se, f"{lang}: audit of the blank template",
               rc, se)
        # Filled in place with openpyxl (which rewrites the zip), it audits.
        filled = os.path.join(WORK, f"own-{lang}.xlsx")
        L.fill_template(t, filled, firm, lang)
        same_as_cfg(cfg, [filled], f"own template filled ({lang})")


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


# ---- Spanish throughout (issue 14) ------------------------------------------------------

# English words a Spanish intake must not show (codes and proper names are
# taken out before the scan: see _spanish_words).
ENGLISH = set("""the and of or for with from to an is are be by in on at as it its this that
which what how many does has have not yes number text whole list year date name firm audit
product products use food cosmetic pharma pharmaceutical organic baseline follow-up follow up
verified document declared evidence answer answers question help section field allowed values
value one per separated typed shows questions profile coach kind country target markets
trade written where when who shall must your you fill leave empty pick each
employees turnover sales exports share ownership owners live full-time management english
willing invest comply committed child forced labour excluded weapons state-owned joint venture
year founded percent head count sheet annual outside european fairs""".split())
# Codes and proper names that may stand in Spanish text (I14-DESIGN rule 4).
ALLOWED = {"HACCP", "GLOBALG.A.P.", "EUDR", "FSMA", "BRCGS", "IFS", "ISO", "CBI", "PUM", "HS",
           "EORI", "TRACES", "EU", "UK", "US", "SA", "PE", "SENASA", "DIGESA", "RUC", "SUNAT",
           "BPM", "CSV", "Excel", "YYYY-MM-DD", "AAAA-MM", "AAAA-MM-DD", "docs/csv-format.md"}


# Names of standards, as their owners write them.
PROPER = ("BRCGS Food Safety", "IFS Food", "FSSC 22000", "GLOBALG.A.P.", "Organic Integrity Database",
          "Border Target Operating Model", "Fair for Life",
          "(joint venture)")  # the term Peruvian contracts use, beside "empresa conjunta"


def _spanish_words(text):
    """The words of text that are English, less codes (a_b, a.b, "code = "
    before a label) and the allowed names."""
    for p in PROPER:
        text = text.replace(p, " ")
    text = re.sub(r"\b[a-z0-9_-]+ = ", " ", text)        # choice codes before their labels
    bad = []
    for w in re.findall(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ][\w'.\-/*]*", text):
        w = w.rstrip(".")
        if w in ALLOWED or any(ch in w for ch in "_./*"):
            continue
        if w.lower() in ENGLISH:
            bad.append(w)
    return bad


def case_spanish_template():
    """The es xlsx template, read with openpyxl: no English word in the
    instructions, headers, questions, help, allowed values or dropdowns of
    the firm, profile and rubric rows; the en template is English; the CSV
    and cfg templates differ between languages and are Spanish."""
    import openpyxl
    sectors = sorted({L.read_firm(c, RUBRICS)["sector"] for c in examples()})
    plugin_rows = 0
    plugin_fields = {}
    for sector in sectors:
        plugin_fields[sector] = set()
        t = template(sector, "es")
        wb = openpyxl.load_workbook(t)
        expect(wb.sheetnames == ["Instrucciones", "Cuestionario"], "sheet names", wb.sheetnames)
        found = []
        for row in wb["Instrucciones"].iter_rows(values_only=True):
            for v in row:
                if isinstance(v, str):
                    found += [(v, w) for w in _spanish_words(v.split(":", 1)[-1]
                                                             if v.startswith(("Sector", "Rúbrica"))
                                                             else v)]
        ws = wb["Cuestionario"]
        head = [c.value for c in ws[1]]
        expect(head == ["Sección", "Campo", "Pregunta", "Ayuda", "Valores permitidos",
                        "Respuesta", "Evidencia"], "headers", head)
        dv = {}
        for d in ws.data_validations.dataValidation:
            for rng in str(d.sqref).split():
                dv[rng] = d.formula1.strip('"').split(",")
        for r in range(2, ws.max_row + 1):
            section = ws.cell(r, 1).value or ""
            if section.startswith("Preguntas del sector"):
                # SEAM (abi11): ABI 1.0 plugins give English help only; the
                # frame of the row (section, allowed, dropdowns) is checked.
                plugin_rows += 1
                plugin_fields[sector].add(ws.cell(r, 2).value)
                texts = [section.split("(")[0], ws.cell(r, 5).value]
            else:
                texts = [section, ws.cell(r, 3).value, ws.cell(r, 4).value, ws.cell(r, 5).value]
            texts += dv.get(f"F{r}", []) + dv.get(f"G{r}", [])
            for v in texts:
                if isinstance(v, str):
                    found += [(f"{ws.cell(r, 2).value}: {v}", w) for w in _spanish_words(v)]
        expect(not found, f"{sector}: English in the Spanish template", *found[:20])
        rows = {ws.cell(r, 2).value: r for r in range(2, ws.max_row + 1)}
        for field, want in (("answers.eu_haccp", ["Sí", "No"]),
                            ("audit.kind", ["Línea de base", "Seguimiento"]),
                            ("products.use", ["Alimento", "Cosmético", "Farmacéutico"])):
            if field in rows:
                expect(dv.get(f"F{rows[field]}") == want, f"{field} dropdown", dv.get(f"F{rows[field]}"))
        expect(dv.get(f"G{rows['answers.eu_haccp']}") == ["Verificada", "Documento", "Declarada"],
               "evidence dropdown")
        expect(ws.cell(rows["audit.date"], 6).number_format == "dd/mm/yyyy",
               "the audit date cell is a dd/mm/yyyy date", ws.cell(rows["audit.date"], 6).number_format)
        q = ws.cell(rows["profile.employees"], 3).value
        en_q = "Number of employees (head count)"
        expect(q and q != en_q and not _spanish_words(q), "profile question in Spanish", q)
    expect(plugin_rows > 0, "plugin rows were seen")
    # The scan can fail: the English template is caught by it.
    en = openpyxl.load_workbook(template(sectors[0], "en"))["Questionnaire"]
    caught = sum(len(_spanish_words(str(c.value))) for row in en.iter_rows(min_row=2, max_col=5)
                 for c in row if c.value)
    expect(caught > 50, f"the scan finds English in the en template ({caught})")
    # CSV and cfg.
    out = {}
    for lang in ("en", "es"):
        for ext in ("csv", "cfg"):
            path = os.path.join(WORK, f"t-{lang}.{ext}")
            rc, so, se = run("template", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS,
                             "--sector", sectors[0], "--lang", lang, "-o", path, "--force")
            expect(rc == 0, f"template {lang} {ext}", se)
            out[lang, ext] = open(path, encoding="utf-8").read()
    for ext in ("csv", "cfg"):
        expect(out["en", ext] != out["es", ext], f"the es {ext} template differs from the en one")
    en_rows = list(csv.reader(io.StringIO(out["en", "csv"])))
    es_rows = list(csv.reader(io.StringIO(out["es", "csv"])))
    expect(len(es_rows) == 2 and es_rows[0] == en_rows[0], "same header, then a labels row")
    expect(es_rows[1][0] == "# Identificador de la empresa (será el nombre del libro de resultados)",
           "the labels row starts with '# '", es_rows[1][0])
    expect(len(es_rows[1]) == len(es_rows[0]), "one label per column")
    ev = es_rows[0].index("evidence.eu_haccp")
    expect(es_rows[1][ev].startswith("Evidencia: "), "evidence column label", es_rows[1][ev])
    # SEAM (abi11): plugin questions' help is English until ABI 1.1.
    plugin_cols = plugin_fields[sectors[0]]
    plugin_cols |= {"evidence." + c[8:] for c in plugin_cols}
    bad = [(h, w) for h, c in zip(es_rows[0], es_rows[1])
           if h not in plugin_cols for w in _spanish_words(c)]
    expect(not bad, "English in the es CSV labels row", *bad[:20])
    # The cfg names its codes (verified, true ...) for the firm file, which
    # takes codes only; every other comment word is Spanish.
    head_part = out["es", "cfg"].split("# ==== Preguntas del sector")[0]
    prose = [l.split("#", 1)[1] for l in head_part.splitlines()
             if "#" in l and not re.match(r"\s*#\s*[a-z_.]+ = ", l)]
    bad_cfg = [(c, w) for c in prose for w in _spanish_words(c)
               if w not in ("verified", "document", "declared", "true", "false")]
    expect(not bad_cfg, "English in the es cfg comments", *bad_cfg[:20])


def _spanish_firm(firm):
    """The firm with a name a Peruvian firm has (accents, &, quotes)."""
    f = json.loads(json.dumps(firm))
    f["name"] = 'Raíces & "Andinas" Exportaciones S.A.C., Perú'
    f["audit"]["coach"] = "María Ñahui"
    return f


SPANISH_WORDS = {"evidence": {"verified": "Verificada", "document": "Documento",
                              "declared": "Declarada"},
                 "use": {"food": "Alimento", "cosmetic": "Cosmético", "pharma": "Farmacéutico"},
                 "kind": {"baseline": "Línea de base", "follow-up": "Seguimiento"}}


def _spanish_cells(firm):
    """CSV cells as a person picks them from the Spanish dropdowns."""
    cells = L.firm_cells(firm, "es")
    for k, v in list(cells.items()):
        if k.startswith("evidence."):
            cells[k] = SPANISH_WORDS["evidence"][v]
        elif v == "sí":
            cells[k] = "Sí"
    cells["audit.kind"] = SPANISH_WORDS["kind"][cells["audit.kind"]]
    cells["products.use"] = ";".join(SPANISH_WORDS["use"][u]
                                     for u in cells["products.use"].split(";"))
    if "products.organic" in cells:
        cells["products.organic"] = cells["products.organic"].replace("sí", "SÍ")
    return cells


def case_spanish_filled():
    """A filled Spanish xlsx template and a filled Spanish CSV template
    (dropdown words, accents, '&', quotes, "Sí"/"SÍ") audit as the .cfg."""
    import openpyxl
    cfgs = [c for c in examples() if "raices-andinas" in c or "frutos" in c]
    expect(len(cfgs) == 2, "two example firms", cfgs)
    for cfg in cfgs:
        firm = _spanish_firm(L.read_firm(cfg, RUBRICS))
        ref = os.path.join(WORK, f"es-{firm['id']}.cfg")
        L.write_cfg(ref, firm)
        cells = _spanish_cells(firm)
        # xlsx: the template's own dropdown words.
        t = template(firm["sector"], "es")
        wb = openpyxl.load_workbook(t)
        ws = wb["Cuestionario"]
        used = 0
        for r in range(2, ws.max_row + 1):
            field = ws.cell(r, 2).value
            if field in cells:
                v = cells[field]
                ws.cell(r, 6).value = v
                if hasattr(v, "isoformat"):
                    ws.cell(r, 6).number_format = "dd/mm/yyyy"
                used += 1
            key = field[8:] if field and field.startswith("answers.") else None
            if key and "evidence." + key in cells:
                ws.cell(r, 7).value = cells["evidence." + key]
        expect(used == len([c for c in cells if not c.startswith("evidence.")]),
               "every cell has a row")
        filled = os.path.join(WORK, f"es-{firm['id']}.xlsx")
        wb.save(filled)
        same_as_cfg(ref, [filled], f"{firm['id']}: Spanish xlsx with dropdown words")
        # CSV: the Spanish template's header and labels row, one firm under it.
        h = os.path.join(WORK, f"es-{firm['id']}.csv")
        rc, so, se = run("template", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS,
                         "--sector", firm["sector"], "--lang", "es", "-o", h, "--force")
        expect(rc == 0, "es csv template", se)
        with open(h, encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        with open(h, "a", encoding="utf-8", newline="") as f:
            csv.writer(f).writerow([(cells[c].strftime("%Y-%m-%d") if hasattr(cells.get(c), "isoformat")
                                     else cells.get(c, "")) for c in header])
        typed = open(h, encoding="utf-8").read()
        expect(all(w in typed for w in ("Raíces & \"\"Andinas\"\"", "Sí", "María Ñahui"))
               and any(w in typed for w in SPANISH_WORDS["kind"].values())
               and any(w in typed for w in SPANISH_WORDS["evidence"].values())
               and any(w in typed for w in SPANISH_WORDS["use"].values()),
               "the CSV holds the Spanish words", typed[-600:])
        same_as_cfg(ref, [h], f"{firm['id']}: Spanish CSV with its labels row")
        # A wrong word is still an error naming the cell's field.
        word = next(w for w in SPANISH_WORDS["evidence"].values() if w in typed.split("\n", 2)[2])
        with open(h, "w", encoding="utf-8") as f:
            head, labels, data = typed.split("\n", 2)
            f.write("\n".join([head, labels, data.replace(word, word + "s", 1)]))
        rc, so, se = run("validate", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS, h)
        expect(rc == 3 and f'"{word}s" is not an evidence level' in se,
               "a word that is not the dropdown's is refused", se)


def case_xlsform_spanish():
    """The XLSForm's Spanish columns are complete and Spanish: every row
    and choice has label::Español (es); the profile facts differ from the
    English; the Spanish hints of the frame are not English."""
    import openpyxl
    firm = L.read_firm(examples()[0], RUBRICS)
    for lang, want in (("en", "English (en)"), ("es", "Español (es)")):
        st = openpyxl.load_workbook(template(firm["sector"], lang, "xlsform"))["settings"]
        S = dict(zip([c.value for c in st[1]], [c.value for c in st[2]]))
        expect(S["default_language"] == want, f"--lang {lang}: default language", S)
    form = template(firm["sector"], "es", "xlsform")
    check_xlsform(form)
    wb = openpyxl.load_workbook(form)
    ws = wb["survey"]
    head = [c.value for c in ws[1]]
    H = {h: i for i, h in enumerate(head)}
    same = []
    for row in ws.iter_rows(min_row=2, values_only=True):
        t, n = row[H["type"]], row[H["name"]]
        if t in ("start", "end", "today", "end_group"):
            continue
        en, es = row[H["label::English (en)"]], row[H["label::Español (es)"]]
        expect(es, f"{n}: a Spanish label")
        if n in [s for s in L.read_cfg(examples()[0])["firm"].get("profile", {})] or \
                n in ("employees", "turnover_eur", "committed", "state_owned"):
            if es == en:
                same.append(n)
            expect(not _spanish_words(es), f"{n}: Spanish label is Spanish", es)
        hint = row[H["hint::Español (es)"]]
        if hint and not str(t).startswith(("decimal", "select_one yes_no", "text")):
            expect(not _spanish_words(hint), f"{n}: Spanish hint", hint)
    expect(not same, "profile facts with their English label in the Spanish column", same)
    ch = wb["choices"]
    chead = [c.value for c in ch[1]]
    for row in ch.iter_rows(min_row=2, values_only=True):
        expect(row[chead.index("label::Español (es)")], f"choice {row[0]}/{row[1]}: Spanish label")


CASES = {n[5:]: f for n, f in globals().items() if n.startswith("case_")}
if CASE not in CASES:
    sys.exit(f"unknown case {CASE}; known: {' '.join(sorted(CASES))}")
CASES[CASE]()
print("ok", CASE)
