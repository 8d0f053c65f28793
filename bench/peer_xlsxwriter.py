#!/usr/bin/python3
"""bench/peer_xlsxwriter.py - what an analyst would script: the same
workbooks as `exportready report`, written with Python XlsxWriter (Debian
python3-xlsxwriter) from a results JSON file.

    bench/peer_xlsxwriter.py RESULTS.json OUT_DIR

Per audited firm one workbook with the sheets ours has (Summary with a
radar chart of the dimensions, Findings, Market requirements, Action plan,
What-if), with the same kinds of formats, formulas, conditional formats,
data validations, autofilters, frozen panes and print set-up, filled from
the firm's JSON; then cohort.xlsx (Firms, Statistics, Common gaps with a
column chart).  Texts are the JSON's own (criterion ids, answers,
references), not the rubric's titles, so the cells are a little shorter
than ours: the ratio is on the kind side for the peer.

Like a quick script, it loads the whole JSON with json.load.  It is a
benchmark peer, not a product: no error handling beyond Python's own.
"""
import json
import os
import sys

import xlsxwriter

STATUS = {"met": "Met", "partial": "Partial", "not_met": "Not met",
          "not_applicable": "Not applicable", "unknown": "Unknown"}


def formats(wb):
    f = {
        "head": wb.add_format({"bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF",
                               "text_wrap": True, "valign": "top", "border": 1}),
        "text": wb.add_format({"text_wrap": True, "valign": "top", "border": 1}),
        "num": wb.add_format({"num_format": "0.0", "valign": "top", "border": 1}),
        "num2": wb.add_format({"num_format": "0.00", "valign": "top", "border": 1}),
        "pct": wb.add_format({"num_format": "0%", "valign": "top", "border": 1}),
        "big": wb.add_format({"bold": True, "font_size": 20, "align": "center",
                              "valign": "vcenter", "border": 2}),
        "title": wb.add_format({"bold": True, "font_size": 14}),
        "fill": wb.add_format({"bg_color": "#FFF9E5", "border": 7, "border_color": "#BFBFBF",
                               "locked": False, "text_wrap": True}),
        "good": wb.add_format({"bg_color": "#C6EFCE", "font_color": "#006100"}),
        "warn": wb.add_format({"bg_color": "#FFEB9C", "font_color": "#9C5700"}),
        "bad": wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"}),
    }
    return f


def print_setup(ws, last_col):
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    ws.set_footer("&L&A&RPage &P of &N")
    ws.print_area(0, 0, 200, last_col)


def status_cf(ws, f, first, last, col):
    for text, fmt in (("Met", "good"), ("Partial", "warn"), ("Not met", "bad")):
        ws.conditional_format(first, col, last, col, {"type": "cell", "criteria": "==",
                                                      "value": '"%s"' % text, "format": f[fmt]})


def summary(wb, ws, f, firm):
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 46)
    ws.set_column(2, 2, 14)
    ws.set_column(3, 3, 24)
    ws.write(0, 0, "Export readiness: %s" % (firm.get("name") or firm["id"]), f["title"])
    rows = [("Firm", firm["id"]), ("Sector", firm["sector"]), ("Country", firm.get("country")),
            ("Audit date", firm["audit"]["date"]), ("Coach", firm["audit"].get("coach")),
            ("Markets", ", ".join(firm["markets"])), ("Route", firm["route"])]
    for i, (k, v) in enumerate(rows):
        ws.write(2 + i, 0, k, f["head"])
        ws.write(2 + i, 1, v if v is not None else "", f["text"])
    head = 2 + len(rows) + 1
    score = firm["score"] if firm["score"] is not None else 0
    ws.write_formula(head, 1, "=ROUND(%r,1)" % score, f["big"], score)
    ws.write(head, 3, firm["grade"] or "-", f["big"])
    for crit, val, fmt in ((">=", 70, "good"), ("between", None, "warn"), ("<", 40, "bad")):
        opt = {"type": "cell", "criteria": crit, "format": f[fmt]}
        if val is None:
            opt.update(minimum=40, maximum=69.99)
        else:
            opt["value"] = val
        ws.conditional_format(head, 1, head, 1, opt)
    row = head + 2
    ws.write_row(row, 0, ["Dimension", "Score", "Weight", "Coverage"], f["head"])
    first = row + 1
    for d in firm["dimensions"]:
        row += 1
        ws.write(row, 0, d["id"], f["text"])
        ws.write_formula(row, 1, "=ROUND(%r,1)" % (d["score"] or 0), f["num"], d["score"] or 0)
        ws.write_number(row, 2, d["weight"], f["num2"])
        ws.write_number(row, 3, d["coverage"], f["pct"])
    row += 2
    ws.write_row(row, 0, ["Programme", "Eligible", "Reasons"], f["head"])
    for p in firm["programmes"]:
        row += 1
        ws.write(row, 0, p["id"], f["text"])
        ws.write(row, 1, {True: "yes", False: "no", None: "unknown"}[p["eligible"]], f["text"])
        ws.write(row, 2, "; ".join(r["criterion"] for r in p["reason_details"]), f["text"])
    chart = wb.add_chart({"type": "radar", "subtype": "with_markers"})
    chart.add_series({"categories": ["Summary", first, 0, first + len(firm["dimensions"]) - 1, 0],
                      "values": ["Summary", first, 1, first + len(firm["dimensions"]) - 1, 1],
                      "name": "Score"})
    chart.set_legend({"none": True})
    ws.insert_chart(3, 4, chart, {"x_scale": 1.2, "y_scale": 1.2})
    print_setup(ws, 11)


def findings_sheet(ws, f, firm):
    cols = ["Criterion", "Dimension", "Status", "Answer", "Evidence", "Points", "Max",
            "Gap", "Reference", "Valid as of", "Note", "Blocker", "Markets", "Owner",
            "Due", "Done", "Weight"]
    for c, w in enumerate([28, 16, 12, 18, 12, 8, 8, 8, 40, 12, 30, 8, 14, 14, 12, 8, 8]):
        ws.set_column(c, c, w)
    ws.write_row(0, 0, cols, f["head"])
    blockers = set(firm["blockers"])
    for i, x in enumerate(firm["findings"]):
        r = i + 1
        ws.write(r, 0, x["criterion"], f["text"])
        ws.write(r, 1, x["dimension"], f["text"])
        ws.write(r, 2, STATUS.get(x["status"], x["status"]), f["text"])
        ws.write(r, 3, x.get("answer") or "", f["text"])
        ws.write(r, 4, x.get("evidence") or "", f["text"])
        ws.write_formula(r, 5, "=%r" % x["points"], f["num2"], x["points"])
        ws.write_formula(r, 6, "=%r" % x["max"], f["num2"], x["max"])
        ws.write_formula(r, 7, "=G%d-F%d" % (r + 1, r + 1), f["num2"], x["max"] - x["points"])
        ws.write(r, 8, x.get("reference") or "", f["text"])
        ws.write(r, 9, x.get("valid_as_of") or "", f["text"])
        ws.write(r, 10, x.get("note") or "", f["text"])
        ws.write(r, 11, "yes" if x["criterion"] in blockers else "", f["text"])
        ws.write(r, 12, ", ".join(firm["markets"]), f["text"])
        ws.write(r, 13, "", f["fill"])
        ws.write(r, 14, "", f["fill"])
        ws.write(r, 15, "", f["fill"])
        ws.write_formula(r, 16, "=IF(G%d=0,0,F%d/G%d)" % (r + 1, r + 1, r + 1), f["pct"], 0)
    n = len(firm["findings"])
    status_cf(ws, f, 1, n, 2)
    ws.data_validation(1, 4, n, 4, {"validate": "list",
                                   "source": ["declared", "document", "verified"]})
    ws.autofilter(0, 0, n, 16)
    ws.freeze_panes(1, 2)
    print_setup(ws, 16)


def markets_sheet(ws, f, firm):
    for c, w in enumerate([28, 12, 14, 40, 12]):
        ws.set_column(c, c, w)
    ws.write_row(0, 0, ["Requirement", "Status", "Market", "Reference", "Valid as of"], f["head"])
    r = 0
    for m in firm["markets"] or ["-"]:
        for x in firm["findings"]:
            if x["dimension"] not in ("market_access", "food_safety", "certification"):
                continue
            r += 1
            ws.write(r, 0, x["criterion"], f["text"])
            ws.write_formula(r, 1, '="%s"' % STATUS.get(x["status"], x["status"]), f["text"],
                             STATUS.get(x["status"], x["status"]))
            ws.write(r, 2, m, f["text"])
            ws.write(r, 3, x.get("reference") or "", f["text"])
            ws.write(r, 4, x.get("valid_as_of") or "", f["text"])
    status_cf(ws, f, 1, max(r, 1), 1)
    ws.freeze_panes(1, 0)
    print_setup(ws, 4)


def actions_sheet(ws, f, firm):
    for c, w in enumerate([6, 28, 16, 12, 8, 40, 30, 14, 12, 12, 12]):
        ws.set_column(c, c, w)
    ws.write_row(0, 0, ["#", "Criterion", "Dimension", "Status", "Gain", "Reference", "Note",
                        "Owner", "Due", "Progress", "Cost"], f["head"])
    todo = [x for x in firm["findings"] if x["status"] not in ("met", "not_applicable")]
    todo.sort(key=lambda x: (x["criterion"] not in firm["blockers"], x["points"] - x["max"]))
    for i, x in enumerate(todo):
        r = i + 1
        ws.write_number(r, 0, r, f["text"])
        ws.write(r, 1, x["criterion"], f["text"])
        ws.write(r, 2, x["dimension"], f["text"])
        ws.write(r, 3, STATUS.get(x["status"], x["status"]), f["text"])
        ws.write_number(r, 4, x["max"] - x["points"], f["num2"])
        ws.write(r, 5, x.get("reference") or "", f["text"])
        ws.write(r, 6, x.get("note") or "", f["text"])
        ws.write(r, 7, "", f["fill"])
        ws.write(r, 8, "", f["fill"])
        ws.write(r, 9, "", f["fill"])
        ws.write(r, 10, "", f["fill"])
    last = max(len(todo), 1)
    ws.data_validation(1, 9, last, 9, {"validate": "list",
                                      "source": ["not started", "started", "done"]})
    ws.data_validation(1, 8, last, 8, {"validate": "date", "criteria": ">=",
                                      "value": __import__("datetime").date(2020, 1, 1)})
    ws.data_validation(1, 10, last, 10, {"validate": "decimal", "criteria": ">=", "value": 0})
    ws.conditional_format(1, 9, last, 9, {"type": "cell", "criteria": "==", "value": '"done"',
                                          "format": f["good"]})
    ws.autofilter(0, 0, last, 10)
    ws.freeze_panes(1, 0)
    print_setup(ws, 10)


def whatif_sheet(ws, f, firm):
    for c, w in enumerate([28, 16, 10, 10, 10, 10, 10, 10]):
        ws.set_column(c, c, w)
    ws.write_row(0, 0, ["Dimension", "Weight", "Points", "Max", "Score", "If met", "Gain", ""],
                 f["head"])
    for i, d in enumerate(firm["dimensions"]):
        r = i + 1
        ws.write(r, 0, d["id"], f["text"])
        ws.write_number(r, 1, d["weight"], f["num2"])
        pts = sum(x["points"] for x in firm["findings"] if x["dimension"] == d["id"])
        mx = sum(x["max"] for x in firm["findings"] if x["dimension"] == d["id"])
        ws.write_number(r, 2, pts, f["fill"])
        ws.write_formula(r, 3, "=%r" % mx, f["num2"], mx)
        ws.write_formula(r, 4, "=IF(D%d=0,0,100*C%d/D%d)" % (r + 1, r + 1, r + 1), f["num"],
                         d["score"] or 0)
        ws.write_formula(r, 5, "=100", f["num2"], 100)
        ws.write_formula(r, 6, "=F%d-E%d" % (r + 1, r + 1), f["num2"], 0)
    o = len(firm["dimensions"]) + 2
    ws.write_formula(o, 4, "=SUMPRODUCT(B2:B%d,E2:E%d)/SUM(B2:B%d)" % (o - 1, o - 1, o - 1),
                     f["num"], firm["score"] or 0)
    ws.write_formula(o + 1, 4, '=IF(E%d>=70,"A",IF(E%d>=40,"B","C"))' % (o + 1, o + 1),
                     f["text"], firm["grade"] or "-")
    ws.write_formula(o + 2, 4, "=%d" % len(firm["blockers"]), f["text"], len(firm["blockers"]))
    print_setup(ws, 7)


def firm_book(path, firm):
    wb = xlsxwriter.Workbook(path)
    f = formats(wb)
    summary(wb, wb.add_worksheet("Summary"), f, firm)
    findings_sheet(wb.add_worksheet("Findings"), f, firm)
    markets_sheet(wb.add_worksheet("Market requirements"), f, firm)
    actions_sheet(wb.add_worksheet("Action plan"), f, firm)
    whatif_sheet(wb.add_worksheet("What-if"), f, firm)
    wb.close()


def cohort_book(path, firms):
    wb = xlsxwriter.Workbook(path, {"constant_memory": True})
    f = formats(wb)
    ws = wb.add_worksheet("Firms")
    cols = ["Firm", "Name", "Sector", "Country", "Score", "Grade", "Coverage", "Route",
            "Blockers"] + [d["id"] for d in firms[0]["dimensions"]]
    ws.write_row(0, 0, cols, f["head"])
    for i, firm in enumerate(firms):
        r = i + 1
        ws.write_row(r, 0, [firm["id"], firm.get("name") or "", firm["sector"],
                            firm.get("country") or ""], f["text"])
        ws.write_number(r, 4, firm["score"] or 0, f["num"])
        ws.write(r, 5, firm["grade"] or "-", f["text"])
        ws.write_number(r, 6, firm["coverage"], f["pct"])
        ws.write(r, 7, firm["route"], f["text"])
        ws.write_number(r, 8, len(firm["blockers"]), f["text"])
        for k, d in enumerate(firm["dimensions"]):
            ws.write_number(r, 9 + k, d["score"] or 0, f["num"])
    last = len(firms)
    ws.conditional_format(1, 4, last, 4, {"type": "3_color_scale"})
    ws.autofilter(0, 0, last, len(cols) - 1)
    ws.freeze_panes(1, 2)
    st = wb.add_worksheet("Statistics")
    st.write_row(0, 0, ["Dimension", "Mean", "Median", "Q1", "Q3", "Min", "Max"], f["head"])
    for k, d in enumerate(firms[0]["dimensions"]):
        c = xlsxwriter.utility.xl_col_to_name(9 + k)
        rng = "Firms!%s2:%s%d" % (c, c, last + 1)
        st.write(k + 1, 0, d["id"], f["text"])
        for j, fn in enumerate(["AVERAGE(%s)", "MEDIAN(%s)", "QUARTILE.INC(%s,1)",
                                "QUARTILE.INC(%s,3)", "MIN(%s)", "MAX(%s)"]):
            st.write_formula(k + 1, 1 + j, "=" + fn % rng, f["num"], 0)
    gp = wb.add_worksheet("Common gaps")
    gp.write_row(0, 0, ["Criterion", "Dimension", "Firms not met", "Share", "Blocker for"],
                 f["head"])
    gaps = {}
    for firm in firms:
        for x in firm["findings"]:
            g = gaps.setdefault(x["criterion"], [x["dimension"], 0, 0])
            g[1] += x["status"] in ("not_met", "partial")
            g[2] += x["criterion"] in firm["blockers"]
    for i, (cid, (dim, n, b)) in enumerate(sorted(gaps.items(), key=lambda kv: -kv[1][1])):
        gp.write_row(i + 1, 0, [cid, dim], f["text"])
        gp.write_number(i + 1, 2, n, f["text"])
        gp.write_number(i + 1, 3, n / len(firms), f["pct"])
        gp.write_number(i + 1, 4, b, f["text"])
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"categories": ["Common gaps", 1, 0, min(len(gaps), 10), 0],
                      "values": ["Common gaps", 1, 2, min(len(gaps), 10), 2]})
    gp.insert_chart(1, 6, chart)
    wb.close()


def main():
    results, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    with open(results, encoding="utf-8") as fh:
        doc = json.load(fh)
    firms = [x for x in doc["firms"] if "error" not in x]
    for firm in firms:
        firm_book(os.path.join(out, firm["id"] + ".xlsx"), firm)
    if len(doc["firms"]) > 1:
        cohort_book(os.path.join(out, "cohort.xlsx"), firms)
    return 0


if __name__ == "__main__":
    sys.exit(main())
