"""Helpers for the intake round trips (tests/intake/test_intake.py).

- read_cfg: a small reader for the libconfig subset the example firm files
  use (groups, lists of groups, arrays, strings, numbers, booleans,
  comments), so each example firm becomes a Python dict; read_firm: the
  firm less answers its sector is not asked;
- fill_template: types a firm into the template workbook with openpyxl as a
  person in Excel would (numbers as numbers, dates as dates, yes/no and
  choice codes picked from the dropdowns, products as ';' lists);
- kobo_* / odk_*: builds the exports KoboToolbox and ODK Central make of
  a submission to the XLSForm, in their own shapes.
"""
import csv
import datetime
import io
import re

# ---- libconfig subset ---------------------------------------------------------

_TOKEN = re.compile(r'\s+|#[^\n]*|//[^\n]*|/\*.*?\*/|"(?:[^"\\]|\\.)*"|[-+]?\d[\d.eE+-]*'
                    r'|[A-Za-z_][A-Za-z0-9_*-]*|[=:;,{}()\[\]]', re.S)


def _tokens(text):
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() != pos:
            raise ValueError(f"cfg: cannot read at {pos}: {text[pos:pos + 20]!r}")
        pos = m.end()
        t = m.group(0)
        if t.strip() and not t.startswith(("#", "//", "/*")):
            yield t
    if pos != len(text):
        raise ValueError("cfg: trailing text")


def read_cfg(path):
    with open(path, encoding="utf-8") as f:
        toks = list(_tokens(f.read()))
    i = 0

    def value():
        nonlocal i
        t = toks[i]
        i += 1
        if t == "{":
            return group("}")
        if t in "([":
            out = []
            end = ")" if t == "(" else "]"
            while toks[i] != end:
                out.append(value())
                if toks[i] == ",":
                    i += 1
            i += 1
            return out
        if t.startswith('"'):
            s = t[1:-1].encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
            # adjacent strings concatenate
            while i < len(toks) and toks[i].startswith('"'):
                s += toks[i][1:-1]
                i += 1
            return s
        if t in ("true", "false"):
            return t == "true"
        if re.fullmatch(r"[-+]?\d+", t):
            return int(t)
        return float(t)

    def group(end):
        nonlocal i
        out = {}
        while i < len(toks) and toks[i] != end:
            name = toks[i]
            i += 2  # name and = or :
            out[name] = value()
            if i < len(toks) and toks[i] in ";,":
                i += 1
        i += 1
        return out

    return group(None)


# ---- the template, typed in --------------------------------------------------------

def _criteria(d):
    """Every criterion group (an id and an applies group) under d."""
    if isinstance(d, dict):
        if "id" in d and "applies" in d:
            yield d
        for v in d.values():
            yield from _criteria(v)
    elif isinstance(d, list):
        for v in d:
            yield from _criteria(v)


def read_firm(path, rubric_dir):
    """The firm of an example file, less the answers to questions the
    rubric does not ask its sector (applies.sectors): the template and the
    form have no row for those, and the audit of the .cfg ignores them
    (the coffee-cocoa example answers eu_contaminants, which since the
    content review applies to natural ingredients and processed food)."""
    import glob
    import os
    firm = read_cfg(path)["firm"]
    skip = set()
    for p in sorted(glob.glob(os.path.join(rubric_dir, "**", "*.cfg"), recursive=True)):
        for c in _criteria(read_cfg(p)):
            sectors = c["applies"].get("sectors")
            if sectors and firm.get("sector") not in sectors:
                skip.add(c["id"])
    for group in ("answers", "evidence"):
        if isinstance(firm.get(group), dict):
            firm[group] = {k: v for k, v in firm[group].items() if k not in skip}
    return firm


def _typed(v, lang):
    """A value as a person enters it in a cell."""
    if isinstance(v, bool):
        return ("sí" if v else "no") if lang == "es" else ("yes" if v else "no")
    return v


def firm_cells(firm, lang="en"):
    """{CSV column: cell value} for one firm dict (docs/csv-format.md)."""
    out = {}
    for k in ("id", "name", "country", "sector"):
        out[k] = firm[k]
    out["markets"] = ";".join(firm["markets"])
    y, m, d = map(int, firm["audit"]["date"].split("-"))
    out["audit.date"] = datetime.date(y, m, d)
    out["audit.coach"] = firm["audit"]["coach"]
    out["audit.kind"] = firm["audit"]["kind"]
    prods = firm["products"]
    for f in ("name", "hs", "ingredient", "use", "organic"):
        vals = [p.get(f) for p in prods]
        if all(v is None for v in vals):
            continue
        out["products." + f] = ";".join("" if v is None else str(_typed(v, lang)) for v in vals)
    for k, v in firm.get("profile", {}).items():
        out["profile." + k] = _typed(v, lang)
    for k, v in firm.get("answers", {}).items():
        out["answers." + k] = _typed(v, lang)
    for k, v in firm.get("evidence", {}).items():
        out["evidence." + k] = v
    return out


def fill_template(template, filled, firm, lang="en"):
    """Fills the Questionnaire sheet's Answer and Evidence columns.
    Returns the CSV columns the template had no row for (must be none)."""
    import openpyxl
    wb = openpyxl.load_workbook(template)
    ws = wb["Cuestionario" if lang == "es" else "Questionnaire"]
    head = [c.value for c in ws[1]]
    fcol = head.index("Campo" if lang == "es" else "Field") + 1
    acol = head.index("Respuesta" if lang == "es" else "Answer") + 1
    ecol = head.index("Evidencia" if lang == "es" else "Evidence") + 1
    cells = firm_cells(firm, lang)
    used = set()
    for r in range(2, ws.max_row + 1):
        field = ws.cell(r, fcol).value
        if field in cells:
            v = cells[field]
            c = ws.cell(r, acol)
            c.value = v
            if isinstance(v, datetime.date):
                c.number_format = "dd/mm/yyyy" if lang == "es" else "yyyy-mm-dd"
            used.add(field)
        key = field[len("answers."):] if field and field.startswith("answers.") else None
        if key and "evidence." + key in cells:
            ws.cell(r, ecol).value = cells["evidence." + key]
            used.add("evidence." + key)
    wb.save(filled)
    return sorted(set(cells) - used)


def write_cfg(path, firm):
    """Writes a firm dict back as a libconfig firm file."""
    def val(v, ind):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int):
            return str(v)
        if isinstance(v, float):
            return repr(v)
        if isinstance(v, str):
            return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if isinstance(v, dict):
            inner = "".join(f"{ind}  {k} = {val(x, ind + '  ')};\n" for k, x in v.items())
            return "{\n" + inner + ind + "}"
        if isinstance(v, list):
            if v and isinstance(v[0], dict):
                return "(" + ", ".join(val(x, ind + "  ") for x in v) + ")"
            return "[" + ", ".join(val(x, ind) for x in v) + "]"
        raise TypeError(v)
    with open(path, "w", encoding="utf-8") as f:
        f.write("firm = " + val(firm, "") + ";\n")


# ---- what the collection tools export ------------------------------------------------

def form_columns(xlsform):
    """(group path, name, type) of every data question of the XLSForm, in
    form order, as pyxform reads the survey sheet."""
    import openpyxl
    wb = openpyxl.load_workbook(xlsform)
    ws = wb["survey"]
    head = [c.value for c in ws[1]]
    ti, ni = head.index("type"), head.index("name")
    path, out = [], []
    for row in ws.iter_rows(min_row=2, values_only=True):
        t, n = row[ti], row[ni]
        if not t:
            continue
        t = t.strip()
        if t in ("begin group", "begin_group", "begin repeat", "begin_repeat"):
            path.append(n)
        elif t in ("end group", "end_group", "end repeat", "end_repeat"):
            path.pop()
        elif t.split()[0] in ("note",):
            continue
        else:
            out.append((list(path), n, t))
    return out


def _answer_text(v):
    """A value as the collection app stores it (XML values)."""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return repr(v)
    return str(v)


def submission(firm, columns):
    """{question name: stored value} of one submission of the form for firm."""
    v = {"start": "2026-10-14T09:12:03.000-05:00", "end": "2026-10-14T10:40:55.000-05:00",
         "today": "2026-10-14",
         "firm_id": firm["id"], "firm_name": firm["name"], "country": firm["country"],
         "sector": firm["sector"], "markets": " ".join(firm["markets"]),
         "audit_date": firm["audit"]["date"], "audit_coach": firm["audit"]["coach"],
         "audit_kind": firm["audit"]["kind"], "n_products": str(len(firm["products"]))}
    for k, p in enumerate(firm["products"], 1):
        for f, x in p.items():
            v[f"p{k}_{f}"] = _answer_text(x)
    for k, x in firm.get("profile", {}).items():
        v[k] = _answer_text(x)
    for k, x in firm.get("answers", {}).items():
        v[k] = _answer_text(x)
    for k, x in firm.get("evidence", {}).items():
        v[k + "_evidence"] = x
    names = {n for _, n, _ in columns}
    missing = sorted(set(v) - names)
    return v, missing


def _choices(xlsform, list_name):
    import openpyxl
    ws = openpyxl.load_workbook(xlsform)["choices"]
    return [r[1] for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == list_name]


def kobo_rows(xlsform, firms):
    """Header and rows of a KoboToolbox export with 'XML values and headers'
    and the '/' group separator: form columns in form order, a 0/1 column
    per option after each select_multiple, then Kobo's metadata."""
    cols = form_columns(xlsform)
    header = []
    for path, name, t in cols:
        header.append("/".join(path + [name]))
        if t.startswith("select_multiple"):
            for opt in _choices(xlsform, t.split()[1]):
                header.append("/".join(path + [name, opt]))
    meta = ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
            "_submitted_by", "__version__", "_tags", "meta/rootUuid", "_index"]
    rows = []
    for i, firm in enumerate(firms, 1):
        v, missing = submission(firm, cols)
        if missing:
            raise AssertionError(f"the form has no question for {missing}")
        row = []
        for path, name, t in cols:
            val = v.get(name, "")
            row.append(val)
            if t.startswith("select_multiple"):
                chosen = val.split()
                for opt in _choices(xlsform, t.split()[1]):
                    row.append("1" if opt in chosen else "0")
        row += [str(100 + i), f"5f0c{i:04d}-9b1e-4e3a-8f7a-2b1c0d9e8f7a", "2026-10-14T15:41:02",
                "", "", "submitted_via_web", "coach_pe", "vQmZ7kL2xP9aR3tY", "",
                f"uuid:5f0c{i:04d}-9b1e-4e3a-8f7a-2b1c0d9e8f7a", str(i)]
        rows.append(row)
    return header + meta, rows


def write_kobo_csv(path, xlsform, firms, delimiter):
    header, rows = kobo_rows(xlsform, firms)
    with open(path, "w", encoding="utf-8", newline="") as f:
        # formpack's to_csv quotes every field, whatever the separator.
        w = csv.writer(f, delimiter=delimiter, quoting=csv.QUOTE_ALL)
        w.writerow(header)
        w.writerows(rows)


def write_kobo_xlsx(path, xlsform, firms):
    """The XLSX export: the same columns on the first sheet (named after the
    form title, cut to Excel's 31 characters); integer and decimal answers
    as numbers, the rest as text."""
    import openpyxl
    header, rows = kobo_rows(xlsform, firms)
    types = {}
    for p, n, t in form_columns(xlsform):
        types["/".join(p + [n])] = t
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "ExportReady intake"[:31]
    ws.append(header)
    for r in rows:
        out = []
        for h, val in zip(header, r):
            t = types.get(h, "")
            if val != "" and t in ("integer", "decimal"):
                out.append(int(val) if t == "integer" else float(val))
            else:
                out.append(val)
        ws.append(out)
    wb.save(path)


PRODUCT_LEAF = re.compile(r"p\d+_(name|hs|ingredient|use|organic)|n_products")
REPEAT_META = ["_index", "_parent_table_name", "_parent_index", "_submission__id",
               "_submission__uuid", "_submission__submission_time",
               "_submission__validation_status", "_submission__notes", "_submission__status",
               "_submission__submitted_by", "_submission___version__", "_submission__tags"]


def write_kobo_xlsx_repeat(path, xlsform, firms, field=lambda f: "products/" + f):
    """The XLSX export of the form with its numbered product groups turned
    into one repeat group `products`, as a coach would do in KoboToolbox's
    form builder.  formpack (kobotoolbox/formpack, tests/test_exports.py,
    test_nested_repeats_with_copy_fields) writes the main sheet, named after
    the form title, ending with `_index`; and a sheet per repeat, named after
    the group, one row per instance: its fields, then `_index`,
    `_parent_table_name` (the title), `_parent_index` (the main row's
    `_index`) and the submission's `_submission__*` metadata.  field(f)
    names the repeat column of product field f."""
    import openpyxl
    header, rows = kobo_rows(xlsform, firms)
    keep = [i for i, h in enumerate(header) if not PRODUCT_LEAF.fullmatch(h.split("/")[-1])]
    types = {"/".join(p + [n]): t for p, n, t in form_columns(xlsform)}
    title = "ExportReady intake"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append([header[i] for i in keep])
    for r in rows:
        out = []
        for i in keep:
            val, t = r[i], types.get(header[i], "")
            if val != "" and t in ("integer", "decimal"):
                out.append(int(val) if t == "integer" else float(val))
            else:
                out.append(val)
        ws.append(out)
    fields = ["name", "hs", "ingredient", "use", "organic"]
    rs = wb.create_sheet("products")
    rs.append([field(f) for f in fields] + REPEAT_META)
    k = 0
    for i, firm in enumerate(firms, 1):
        for p in firm["products"]:
            k += 1
            rs.append([_answer_text(p[f]) if f in p else "" for f in fields] +
                      [k, title, i, 100 + i, f"5f0c{i:04d}-9b1e-4e3a-8f7a-2b1c0d9e8f7a",
                       "2026-10-14T15:41:02", "", "", "submitted_via_web", "coach_pe",
                       "vQmZ7kL2xP9aR3tY", ""])
    wb.save(path)
    return wb


def write_odk_central_csv(path, xlsform, firms):
    """ODK Central's CSV (submissions.csv.zip): SubmissionDate first, then
    the fields in form order with '-' between group names, the meta group,
    KEY and Central's own columns."""
    cols = form_columns(xlsform)
    header = ["SubmissionDate"] + ["-".join(p + [n]) for p, n, _ in cols] + [
        "meta-instanceID", "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent",
        "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits", "FormVersion"]
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for i, firm in enumerate(firms, 1):
            v, missing = submission(firm, cols)
            if missing:
                raise AssertionError(f"the form has no question for {missing}")
            uuid = f"uuid:0d6c{i:04d}-1f2e-4b5a-9c8d-7e6f5a4b3c2d"
            w.writerow(["2026-10-14T15:41:02.123Z"] + [v.get(n, "") for _, n, _ in cols] +
                       [uuid, uuid, "5", "coach_pe", "0", "0", "", "", "collect:abc123", "0",
                        "2026.11"])
