#!/usr/bin/env python3
"""Lists every knock-out criterion of the market and sector modules added for
issue 16 (markets/us.cfg, uk.cfg, ch.cfg; sectors/fresh-fruit.cfg,
andean-grains.cfg) with the fact tag it rests on, and fails when one rests on
anything but a [V] fact.

Rules checked (docs/rubric-guide.md, "Only [V] facts knock out"):
  * a knock-out's reference names its source row ("row US1", "fact sheet 1.2")
    and the first confidence tag in it is [V];
  * a market knock-out's first cited review row ("row US1", "rows UK4 and
    UK2": UK4) has tag V in tests/data/markets/review-tags.tsv, the row-by-row
    copy of the content review's tags;
  * every criterion of these modules has a reference and en/es texts, and the
    module is dated.
The checker is also run on a bad module built here (a knock-out on the [BK]
row UK8), which it must refuse, so this test can fail.

Usage: test_market_knockouts.py RUBRIC_DIR TAGS_TSV
"""
import re
import sys

import libconf

MODULES = ["markets/us.cfg", "markets/uk.cfg", "markets/ch.cfg"]
OPTIONAL_SECTORS = ["sectors/fresh-fruit.cfg", "sectors/andean-grains.cfg"]

ROW_RE = re.compile(r"\brows? ((?:US|UK|CH)\d+)")
TAG_RE = re.compile(r"\[(V-?|BK|U)[^\]]*\]")


def load_tags(path):
    tags = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            tags[cols[0]] = cols[1]
    return tags


def check_module(name, module, tags):
    """Returns (knock-out lines, problems) for one parsed module."""
    rows, problems = [], []
    m = module["module"]
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", m.get("valid_as_of", "")):
        problems.append(f"{name}: module has no valid_as_of date")
    for c in m["criteria"]:
        cid = c["id"]
        ref = c.get("reference", "")
        if isinstance(ref, dict):       # a text group (issue 14): tags are read from en
            if ref.get("es") and TAG_RE.findall(ref["es"]) != TAG_RE.findall(ref.get("en", "")):
                problems.append(f"{name}: {cid}: the Spanish reference has other tags")
            ref = ref.get("en", "")
        if not ref:
            problems.append(f"{name}: {cid}: no reference")
        for key in ("title", "recommendation") + (("question",) if c["type"] != "check" else ()):
            t = c.get(key, {})
            if not t.get("en") or not t.get("es"):
                problems.append(f"{name}: {cid}: {key} needs en and es")
        if not c.get("knockout", False):
            continue
        tag = TAG_RE.search(ref)
        first_tag = tag.group(1) if tag else None
        row = ROW_RE.search(ref)
        row_id = row.group(1) if row else None
        row_tag = tags.get(row_id) if row_id else None
        rows.append(f"{name}: {cid}: reference tag [{first_tag}]"
                    + (f", review row {row_id} tag {row_tag}" if row_id else ""))
        if first_tag != "V":
            problems.append(f"{name}: {cid}: knock-out whose first tag is [{first_tag}], not [V]")
        if name.startswith("markets/") and row_id is None:
            problems.append(f"{name}: {cid}: knock-out cites no review row")
        if row_id is not None:
            if row_tag != "V":
                problems.append(f"{name}: {cid}: knock-out rests on row {row_id}, tagged "
                                f"{row_tag}, not V")
    return rows, problems


def main():
    rubric_dir, tags_path = sys.argv[1], sys.argv[2]
    tags = load_tags(tags_path)
    problems, listing = [], []
    names = list(MODULES)
    for s in OPTIONAL_SECTORS:
        try:
            open(f"{rubric_dir}/{s}").close()
            names.append(s)
        except FileNotFoundError:
            pass
    with open(f"{rubric_dir}/readiness.cfg", encoding="utf-8") as fh:
        listed = libconf.load(fh)["rubric"]["modules"]
    for name in names:
        if name not in listed:
            problems.append(f"{name}: not listed in readiness.cfg modules")
        with open(f"{rubric_dir}/{name}", encoding="utf-8") as fh:
            rows, probs = check_module(name, libconf.load(fh), tags)
        listing += rows
        problems += probs

    print("Knock-outs of the new market and sector modules:")
    for line in listing:
        print("  " + line)
    if len([r for r in listing if r.startswith("markets/")]) < 8:
        problems.append(f"expected at least 8 market knock-outs, found {len(listing)}")

    # The checker must refuse a knock-out on a [BK] row.
    bad = {"module": {"valid_as_of": "2026-12-01", "criteria": (
        {"id": "uk_brcgs", "type": "yesno", "knockout": True,
         "title": {"en": "x", "es": "x"}, "question": {"en": "x", "es": "x"},
         "recommendation": {"en": "x", "es": "x"},
         "reference": "BRCGS default GFSI scheme [BK] (content review 2026-12 row UK8)"},)}}
    _, bad_probs = check_module("markets/bad.cfg", bad, tags)
    if len(bad_probs) != 2:
        problems.append(f"the checker did not refuse a [BK] knock-out: {bad_probs}")

    for p in problems:
        print("FAIL: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
