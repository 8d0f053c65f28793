#!/usr/bin/env python3
"""'Which market first' end to end: the CLI audits two example firms that
target the EU and the US, one closer to each, in English and Spanish, with
and without --compare-markets; the JSON and the workbooks (read back with
openpyxl) must give both markets' requirements, blockers per market and the
same ranking.

  examples/firms/fruit-ingredients-frutos-chanchamayo.cfg  closest US: the
      EU HACCP knock-out (eu_haccp) blocks the EU, the US has no blocker
  examples/firms/processed-food-nuti.cfg  closest EU: no EU blocker; the US
      has three (FDA registration, Prior Notice, FSVP packet)

Then `report` renders the saved results again (same workbooks), and a
results file without the market block (as written before it existed)
still renders.

Usage: check_market_ranking.py EXPORTREADY RUBRICS PLUGIN_DIR EXAMPLES WORK
"""
import json
import os
import shutil
import subprocess
import sys

import openpyxl

FAILS = []


def check(ok, what, detail=""):
    if not ok:
        FAILS.append(f"{what} {detail}")
        print(f"FAIL: {what} {detail}")


FIRMS = {
    "pe-frutos-chanchamayo": {
        "file": "fruit-ingredients-frutos-chanchamayo.cfg",
        "order": ["US", "EU"],
        "blockers": {"US": [], "EU": ["eu_haccp"]},
    },
    "pe-nuti-alimentos": {
        "file": "processed-food-nuti.cfg",
        "order": ["EU", "US"],
        "blockers": {"EU": [], "US": ["us_fda_registration", "us_prior_notice",
                                      "us_fsvp_supplier"]},
    },
}
RANK_SHEET = {"en": "Which market first", "es": "Qué mercado primero"}
MARKET_SHEET = {"en": "Market requirements", "es": "Requisitos de mercado"}
# Market names as the workbooks show them, read from rubrics/profile.cfg
# (main() fills it): {lang: {code: name}}.
NAMES = {}


def read_market_names(rubrics):
    """profile.markets: code -> short name in en and es (libconfig text the
    shipped file writes one entry per `{ code = ...; name = { en; es } }`)."""
    import re
    text = open(os.path.join(rubrics, "profile.cfg"), encoding="utf-8").read()
    out = {"en": {}, "es": {}}
    for code, en, es in re.findall(
            r'code = "([A-Z]+)"; name = \{ en = "([^"]*)"; es = "([^"]*)"; \}', text):
        out["en"][code], out["es"][code] = en, es
    return out


def shown(lang, code):
    return NAMES[lang].get(code, code)
YES = {"en": "Yes", "es": "Sí"}


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True,
                       env=dict(os.environ, SOURCE_DATE_EPOCH="1700000000"))
    check(p.returncode == 0, "command succeeds", f"{cmd}: {p.stderr}")
    return p


def rubric_titles(doc_firm, lang_wb):
    """criterion id -> title, from the workbook's own Findings sheet."""
    ws = lang_wb[lang_wb.sheetnames[1]]
    return {r[10]: r[1] for r in ws.iter_rows(min_row=2, values_only=True) if r[10]}


def check_json(doc, compared):
    for firm in doc["firms"]:
        want = FIRMS[firm["id"]]
        mr = firm["market_readiness"]
        check(mr["compared"] == compared, f"{firm['id']}: compared", mr["compared"])
        ranked = [m["market"] for m in mr["markets"]]
        targeted = [m["market"] for m in mr["markets"] if m["targeted"]]
        check(targeted == want["order"], f"{firm['id']}: targeted markets ranked", ranked)
        check(ranked[:2] == want["order"], f"{firm['id']}: the closest market first", ranked)
        check(mr["closest"] == want["order"][0], f"{firm['id']}: closest", mr["closest"])
        for m in mr["markets"]:
            check(m["rank"] == ranked.index(m["market"]) + 1, f"{firm['id']}: rank numbers")
            if m["market"] in want["blockers"]:
                check(m["blockers"] == want["blockers"][m["market"]],
                      f"{firm['id']} {m['market']}: blockers", m["blockers"])
                # Both markets' requirements are there, each its own.
                prefix = "us_" if m["market"] == "US" else "eu_"
                ids = [f["criterion"] for f in m["findings"]]
                check(any(i.startswith(prefix) for i in ids) and
                      not any(i.startswith("us_" if prefix == "eu_" else "eu_") for i in ids),
                      f"{firm['id']} {m['market']}: its own requirements", ids)
                # Blockers come first among the missing steps.
                check(m["missing"][:len(m["blockers"])] == m["blockers"],
                      f"{firm['id']} {m['market']}: blockers first in missing", m["missing"])
                check(m["assessed"] and m["score"] is not None and 0 <= m["score"] <= 100,
                      f"{firm['id']} {m['market']}: assessed with a score", m)
        if compared == "all":
            check(sorted(ranked) == ["CH", "EU", "UK", "US"], f"{firm['id']}: all modules",
                  ranked)
            for m in mr["markets"][2:]:
                check(not m["targeted"] and not m["assessed"],
                      f"{firm['id']} {m['market']}: untargeted, unanswered, not assessed", m)
        for m in mr["markets"]:
            for f in m["findings"]:
                if f["criterion"] == "us_fda_registration":
                    check(f.get("due") == "2026-12-31", f"{firm['id']}: FDA deadline", f)
        # The per-market blockers are the firm's blockers, market by market.
        all_blockers = sorted(b for m in mr["markets"] if m["targeted"] for b in m["blockers"])
        check(all_blockers == sorted(firm["blockers"]), f"{firm['id']}: blockers add up",
              (all_blockers, firm["blockers"]))


def check_workbook(path, lang, firm_json):
    wb = openpyxl.load_workbook(path)
    want = FIRMS[firm_json["id"]]
    check(RANK_SHEET[lang] in wb.sheetnames, f"{path}: rank sheet", wb.sheetnames)
    ws = wb[RANK_SHEET[lang]]
    rows = [r for r in ws.iter_rows(min_row=7, values_only=True) if r[0] is not None]
    mr = firm_json["market_readiness"]["markets"]
    check([r[1] for r in rows] == [shown(lang, m["market"]) for m in mr], f"{path}: ranked rows",
          [r[1] for r in rows])
    for r, m in zip(rows, mr):
        check(r[0] == m["rank"], f"{path}: rank cell", r)
        check((r[2] == YES[lang]) == m["targeted"], f"{path}: targeted cell", r)
        check(r[3] == f"{m['met']} / {m['requirements']}", f"{path}: met cell", r)
        if m["assessed"]:
            check(abs(r[4] - m["score"]) < 1e-3, f"{path}: score cell", (r[4], m["score"]))
        else:
            check(r[4] == "-", f"{path}: not assessed shows no score", r)
        check(r[5] == len(m["blockers"]), f"{path}: blocker count", r)
        check(isinstance(r[6], str) and r[6], f"{path}: a reason", r)
    check(f": {shown(lang, want['order'][0])}" in str(ws["A4"].value),
          f"{path}: closest market line",
          ws["A4"].value)
    titles = rubric_titles(firm_json, wb)
    # The first blocker of a blocked market is named in its reason and
    # flagged first in its missing steps, in the workbook's language.
    for r, m in zip(rows, mr):
        if m["targeted"] and m["blockers"]:
            first = titles[m["blockers"][0]]
            line = r[7].split("\n")[0]
            check(first in r[6] and line.startswith("! " + first),
                  f"{path}: {m['market']} blocker named", (r[6], r[7]))
            # The FDA renewal carries its legal deadline (us.cfg due).
            if m["blockers"][0] == "us_fda_registration":
                want_due = {"en": " (by 2026-12-31)", "es": " (antes del 2026-12-31)"}[lang]
                check(line == "! " + first + want_due, f"{path}: deadline shown", line)
    # Market requirements: one section per target market, with its summary
    # line and its own requirements under it.
    ms = wb[MARKET_SHEET[lang]]
    col = [r[0] for r in ms.iter_rows(values_only=True)]
    for market in want["order"]:
        head = [i for i, v in enumerate(col)
                if isinstance(v, str) and v.endswith(": " + shown(lang, market))]
        check(len(head) == 1, f"{path}: one section for {market}", head)
        if not head:
            continue
        m = [x for x in mr if x["market"] == market][0]
        summary = col[head[0] + 1]
        check(isinstance(summary, str) and f" {len(m['blockers'])};" in summary and
              f" {m['rank']} " in summary, f"{path}: {market} summary line", summary)
        first_req = col[head[0] + 2]
        check(first_req == titles[m["findings"][0]["criterion"]] or first_req in titles.values(),
              f"{path}: {market} requirement rows", first_req)


def check_cohort(path, lang, doc):
    wb = openpyxl.load_workbook(path)
    ws = wb[wb.sheetnames[0]]
    head = [c.value for c in ws[1]]
    name = "Mercado más cercano" if lang == "es" else "Closest market"
    check(name in head, f"{path}: closest market column", head)
    if name not in head:
        return
    k = head.index(name)
    # The id column by its header (the cohort's first column is the rank).
    idk = head.index("Código" if lang == "es" else "Firm id")
    got = {r[idk]: r[k] for r in ws.iter_rows(min_row=2, values_only=True)}
    for f in doc["firms"]:
        check(got.get(f["id"]) == shown(lang, f["market_readiness"]["closest"]),
              f"{path}: closest market of {f['id']}", got)


def main():
    exe, rubrics, plugins, examples, work = sys.argv[1:6]
    NAMES.update(read_market_names(rubrics))
    # The names are data: Spanish shows its own, not the codes.
    check(NAMES["es"].get("US") == "EE. UU." and NAMES["en"].get("CH") == "Switzerland",
          "market names read from profile.cfg", NAMES)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    files = [os.path.join(examples, v["file"]) for v in FIRMS.values()]
    base = [exe, "audit", "--rubric-dir", rubrics, "--plugin-dir", plugins, "-q"]
    for compare in (False, True):
        for lang in ("en", "es"):
            out = os.path.join(work, f"{lang}-{'all' if compare else 'targeted'}")
            js = out + ".json"
            run(base + (["--compare-markets"] if compare else []) +
                ["--lang", lang, "-o", out, "--json", js] + files)
            with open(js, encoding="utf-8") as fh:
                doc = json.load(fh)
            check_json(doc, "all" if compare else "targeted")
            for f in doc["firms"]:
                check_workbook(os.path.join(out, f["id"] + ".xlsx"), lang, f)
            check_cohort(os.path.join(out, "cohort.xlsx"), lang, doc)
            # report renders the same workbooks from the saved results.
            again = out + "-report"
            run([exe, "report", "--rubric-dir", rubrics, "--lang", lang, "-o", again, js])
            for f in doc["firms"] + [{"id": "cohort"}]:
                a = open(os.path.join(out, f["id"] + ".xlsx"), "rb").read()
                b = open(os.path.join(again, f["id"] + ".xlsx"), "rb").read()
                check(a == b, f"{lang}: report gives the same {f['id']} workbook")
    # A results file from before the market block still renders, and the
    # targeted markets come out as before.
    with open(os.path.join(work, "en-targeted.json"), encoding="utf-8") as fh:
        doc = json.load(fh)
    for f in doc["firms"]:
        del f["market_readiness"]
    old = os.path.join(work, "old.json")
    with open(old, "w", encoding="utf-8") as fh:
        json.dump(doc, fh)
    run([exe, "report", "--rubric-dir", rubrics, "-o", os.path.join(work, "old"), old])
    for fid in FIRMS:
        a = open(os.path.join(work, "en-targeted", fid + ".xlsx"), "rb").read()
        b = open(os.path.join(work, "old", fid + ".xlsx"), "rb").read()
        check(a == b, f"an old results file renders {fid} as the audit did")
    # After the deadline the step is overdue (audited as of 2027-01-15).
    late = os.path.join(work, "late")
    run(base + ["--as-of", "2027-01-15", "-o", late, files[1]])
    wb = openpyxl.load_workbook(os.path.join(late, "pe-nuti-alimentos.xlsx"))
    steps = [r[7] for r in wb[RANK_SHEET["en"]].iter_rows(min_row=7, values_only=True)
             if r[1] == "US"]
    check(steps and "(overdue since 2026-12-31)" in steps[0].split("\n")[0],
          "an unrenewed FDA registration is overdue after 31 Dec 2026", steps)

    # The new sector plugins load and list their checks, and their example
    # firms audit with the closest market their files describe.
    p = run([exe, "plugins", "--plugin-dir", plugins])
    for plugin, check_id in (("fresh-fruit", "us_admissibility"),
                             ("andean-grains", "contaminant_testing")):
        check(f"{plugin} 1.1.0 (ABI 1.1)" in p.stdout and f"{plugin}.{check_id}" in p.stdout,
              f"plugins lists {plugin}", p.stdout[-400:])
    js = os.path.join(work, "sectors.json")
    run(base + ["--compare-markets", "--json", js,
                os.path.join(examples, "fresh-fruit-viru-berries.cfg"),
                os.path.join(examples, "andean-grains-altiplano-puno.cfg")])
    with open(js, encoding="utf-8") as fh:
        doc = json.load(fh)
    got = {f["id"]: f["market_readiness"]["closest"] for f in doc["firms"]}
    check(got == {"pe-viru-berries": "US", "pe-altiplano-granos": "EU"},
          "closest markets of the sector examples", got)
    grains = [f for f in doc["firms"] if f["id"] == "pe-altiplano-granos"][0]
    check([s["id"] for s in grains["sector_findings"]] == ["pseudo_cereal_category"] and
          grains["sector_findings"][0]["status"] == "unknown",
          "the pseudo-cereal question is reported unknown", grains["sector_findings"])
    print(f"{len(FAILS)} check(s) failed" if FAILS else "market ranking: all checks passed")
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main())
