"""Helpers for the intake round trips (tests/intake/test_intake.py).

- read_cfg: a small reader for the libconfig subset the example firm files
  use (groups, lists of groups, arrays, strings, numbers, booleans,
  comments), so each example firm becomes a Python dict;
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
