#!/usr/bin/env python3
"""Every text a firm reads in the market and sector modules has Spanish, and
the Spanish says what the English says.

For rubrics/markets/*.cfg and rubrics/sectors/*.cfg (issue 14):
  * every text group `{ en = ...; }` has `es` (and every language the module
    or readiness.cfg declares in `languages`, when it declares one);
  * `reference` is a text group, not a plain English string;
  * the Spanish keeps the facts: the same numbers (decimal comma in Spanish,
    "0,02" = "0.02"), the same dates ("15 May 1997" = "15 de mayo de 1997";
    ISO dates as they are) and the same confidence tags ([V], [BK], [U],
    [V-]) as the English, so a translation cannot move a threshold or a tag;
  * the Spanish uses the decimal comma before a unit ("0,10 mg/kg") and
    carries none of the English source shorthand ("Reg. (EU)", "Annex",
    "content review", "so no knock-out").
The checker is also run on a bad module built here (Spanish missing, a
threshold changed, a tag dropped, an English leftover), which it must
refuse, so this test can fail.

Usage: test_texts_es.py RUBRIC_DIR
"""
import glob
import os
import re
import sys

import libconf

EN_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
ES_MONTHS = ("enero febrero marzo abril mayo junio julio agosto septiembre octubre "
             "noviembre diciembre").split()
EN_NAMES = ("January February March April May June July August September October "
            "November December").split()
# "1 Jan 2023", "1 January 2023", "Nov 2025"; not "Decision 2009/827".
_EN = "|".join(EN_NAMES + EN_MONTHS)
EN_DAY = re.compile(r"\b(\d{1,2}) (" + _EN + r")\.? (\d{4})(?![/\d])")
EN_MONTH = re.compile(r"\b(" + _EN + r")\.? (\d{4})(?![/\d])")
ES_DAY = re.compile(r"\b(\d{1,2}) de (" + "|".join(ES_MONTHS) + r") de (\d{4})(?![/\d])")
ES_MONTH = re.compile(r"\b(" + "|".join(ES_MONTHS) + r") de (\d{4})(?![/\d])")
TAG = re.compile(r"\[(V-?|BK|U)\b[^\]]*\]")
NUM = re.compile(r"\d+(?:[./-]\d+)*")

# English shorthand that must not survive in a Spanish text.
LEFTOVERS = [r"\bReg\. \(E[CU]\)", r"\bImpl\. Reg\.", r"\bAnnex\b", r"\bcontent review\b",
             r"\bfact sheet\b", r"\bknock-out\b", r"\bchecked\b", r"\bsee\b", r"\bug/kg\b"]
# A Spanish decimal before a unit is written with a comma.
DOT_DECIMAL = re.compile(r"\b\d+\.\d+ ?(?:mg|µg|ug|g|kg|t|ha|%)\b")


def en_month(name):
    return (EN_NAMES.index(name) if name in EN_NAMES else EN_MONTHS.index(name)) + 1


def facts(text, lang):
    """(tags, dates, numbers) of a text, comparable across languages."""
    tags = sorted(m.group(1) for m in TAG.finditer(text))
    dates = []
    if lang == "en":
        for d, m, y in EN_DAY.findall(text):
            dates.append((int(y), en_month(m), int(d)))
        rest = EN_DAY.sub(" ", text)
        for m, y in EN_MONTH.findall(rest):
            dates.append((int(y), en_month(m), 0))
        rest = EN_MONTH.sub(" ", rest)
        rest = re.sub(r"(\d),(\d{3})\b", r"\1\2", rest)      # 1,000 -> 1000
    else:
        for d, m, y in ES_DAY.findall(text):
            dates.append((int(y), ES_MONTHS.index(m) + 1, int(d)))
        rest = ES_DAY.sub(" ", text)
        for m, y in ES_MONTH.findall(rest):
            dates.append((int(y), ES_MONTHS.index(m) + 1, 0))
        rest = ES_MONTH.sub(" ", rest)
        rest = re.sub(r"(\d),(\d)", r"\1.\2", rest)          # 0,02 -> 0.02
    rest = rest.replace("cm²", "cm").replace("cm2", "cm")
    return tags, sorted(dates), sorted(NUM.findall(rest))


def text_groups(node, path, out):
    """Collects (path, group) for every text group under node."""
    if isinstance(node, dict):
        if "en" in node:
            out.append((path, node))
            return
        for k, v in node.items():
            text_groups(v, f"{path}.{k}" if path else k, out)
    elif isinstance(node, (list, tuple)):
        for i, v in enumerate(node):
            text_groups(v, f"{path}[{i}]", out)


def check_module(name, cfg, languages):
    """Returns the problems of one parsed module; counts[0] += texts seen."""
    problems = []
    m = cfg["module"]
    langs = set(languages) | set(m.get("languages", ())) | {"es"}
    for i, c in enumerate(m["criteria"]):
        cid = c.get("id", f"criteria[{i}]")
        if isinstance(c.get("reference"), str):
            problems.append(f"{name}: {cid}: reference is plain English, needs {{ en; es; }}")
    groups = []
    text_groups(m, "module", groups)
    for path, g in groups:
        for lang in sorted(langs - {"en"}):
            if not g.get(lang):
                problems.append(f"{name}: {path}: no '{lang}' text")
        es = g.get("es")
        if not es:
            continue
        fe, fs = facts(g["en"], "en"), facts(es, "es")
        for what, a, b in zip(("confidence tags", "dates", "numbers"), fe, fs):
            if a != b:
                problems.append(f"{name}: {path}: {what} differ: en {a}, es {b}")
        for pat in LEFTOVERS:
            if re.search(pat, es):
                problems.append(f"{name}: {path}: English left in the Spanish ({pat}): {es}")
        if DOT_DECIMAL.search(es):
            problems.append(f"{name}: {path}: decimal point in Spanish: "
                            f"{DOT_DECIMAL.search(es).group(0)}")
    return problems, len(groups)


def main():
    rubric_dir = sys.argv[1]
    with open(os.path.join(rubric_dir, "readiness.cfg"), encoding="utf-8") as fh:
        languages = libconf.load(fh)["rubric"].get("languages", ())
    files = sorted(glob.glob(os.path.join(rubric_dir, "markets", "*.cfg")) +
                   glob.glob(os.path.join(rubric_dir, "sectors", "*.cfg")))
    problems, n_texts, n_refs = [], 0, 0
    for path in files:
        name = os.path.relpath(path, rubric_dir)
        with open(path, encoding="utf-8") as fh:
            cfg = libconf.load(fh)
        probs, n = check_module(name, cfg, languages)
        problems += probs
        n_texts += n
        n_refs += len(cfg["module"]["criteria"])
    print(f"{len(files)} modules, {n_refs} criteria, {n_texts} texts checked")
    if len(files) < 12 or n_refs < 80:
        problems.append(f"expected the 4 market and 8 sector modules (>= 80 criteria), "
                        f"found {len(files)} files, {n_refs} criteria")

    # The checker must refuse each kind of bad Spanish.
    def crit(cid, ref):
        return {"id": cid, "type": "check",
                "title": {"en": "Lead within 0.10 mg/kg", "es": "Plomo dentro de 0,10 mg/kg"},
                "recommendation": {"en": "Test lead", "es": "Analice el plomo"},
                "reference": ref}
    bad = {"module": {"criteria": (
        crit("plain", "Reg. (EU) 2023/915 [V]"),
        crit("no_es", {"en": "Reg. (EU) 2023/915 [V]"}),
        crit("threshold", {"en": "lead 0.10 mg/kg [V]", "es": "plomo 0,20 mg/kg [V]"}),
        crit("tag", {"en": "lead 0.10 mg/kg [BK], so no knock-out",
                     "es": "plomo 0,10 mg/kg, por eso no es eliminatorio"}),
        crit("date", {"en": "since 1 Jan 2023 [V]", "es": "desde el 1 de febrero de 2023 [V]"}),
        crit("leftover", {"en": "Reg. (EU) 2023/915 Annex I [V]",
                          "es": "Reglamento (UE) 2023/915, Annex I [V]"}),
        crit("decimal", {"en": "lead 0.10 mg/kg [V]", "es": "plomo 0.10 mg/kg [V]"}),
    )}}
    bad_probs, _ = check_module("markets/bad.cfg", bad, ())
    for cid in ("plain", "no_es", "threshold", "tag", "date", "leftover", "decimal"):
        if not any(cid_hit(p, bad, cid) for p in bad_probs):
            problems.append(f"the checker did not refuse the bad '{cid}' reference: {bad_probs}")

    for p in problems:
        print("FAIL: " + p)
    return 1 if problems else 0


def cid_hit(problem, bad, cid):
    """True when problem is about criterion cid of the bad module."""
    idx = [c["id"] for c in bad["module"]["criteria"]].index(cid)
    return f" {cid}:" in problem or f"criteria[{idx}]" in problem


if __name__ == "__main__":
    sys.exit(main())
