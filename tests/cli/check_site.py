#!/usr/bin/python3
"""check_site.py EXPORTREADY SOURCE_DIR SECTOR_PLUGIN_DIR - site rubric layers.

A site directory (tests/data/site) over the shipped rubric, given as a second
--rubric-dir or in EXPORTREADY_SITE_RUBRICS, without copying the rubric:
  - validate shows the effective rubric: the added module and programme
    marked as from the site, and where every piece came from;
  - audit scores the added criterion and judges the added programme;
  - both ways of naming the layer give the same bytes;
  - a site module with an installed module's id replaces it (an identical
    copy changes no result, and validate names the file it replaces);
  - a layer that is not a directory is refused (exit 3), nothing written;
  - baselines across rubric versions: last year's results (no site layer,
    an older rubric version) still work as the --baseline of a run with the
    layer (audit and report), compared by criterion id: the Progress sheet
    names both rubric versions, lists the criterion added since as such,
    and a baseline criterion the rubric no longer has as removed, never
    refused.  Reading results (not as a baseline) stays strict.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

EXE, SRC, PLUGINS = sys.argv[1:4]
RUBRICS = os.path.join(SRC, "rubrics")
SITE = os.path.join(SRC, "tests", "data", "site")
FIRMS = sorted(os.path.join(SRC, "examples", "firms", f)
               for f in os.listdir(os.path.join(SRC, "examples", "firms")) if f.endswith(".cfg"))
failures = []


def expect(ok, what, detail=""):
    if not ok:
        failures.append(f"{what}: {str(detail)[:3000]}")


def run(*args, env=None):
    e = {k: v for k, v in os.environ.items() if not k.startswith("EXPORTREADY_")}
    e["SOURCE_DATE_EPOCH"] = "1767225600"
    e.update(env or {})
    p = subprocess.run([EXE, *args], capture_output=True, text=True, env=e)
    return p.returncode, p.stdout, p.stderr


def audit(*layers, env=None):
    args = ["audit", "-q", "--json", "-", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS]
    for layer in layers:
        args += ["--rubric-dir", layer]
    rc, out, err = run(*args, *FIRMS, env=env)
    expect(rc == 0, f"audit with layers {layers} exits 0", err)
    return out


def main():
    rc, out, err = run("validate", "--plugin-dir", PLUGINS, "--rubric-dir", RUBRICS, "--rubric-dir", SITE, RUBRICS)
    expect(rc == 0, "validate with the site layer", err)
    lines = out.splitlines()
    expect(any("site-fixture" in l and "site-fixture.cfg" in l and "(site; added)" in l for l in lines),
           "validate shows the added module as from the site", out)
    expect(any(l.split()[:1] == ["site-fixture"] and "(site)" in l for l in lines),
           "validate shows the added programme as from the site", out)
    expect(any("market-eu" in l and "rubrics/markets/eu.cfg" in l and "(site" not in l for l in lines),
           "validate shows installed modules with their files", out)
    base_doc = json.loads(audit())
    base_n = base_doc["firms"][0]["findings"]
    installed = [p["id"] for p in base_doc["firms"][0]["programmes"]]
    with_site = audit(SITE)
    doc = json.loads(with_site)
    for f in doc["firms"]:
        crit = [x for x in f["findings"] if x["criterion"] == "site_fixture_check"]
        expect(len(crit) == 1 and crit[0]["max"] == 1.0, "the site criterion is scored", f["id"])
        progs = [p["id"] for p in f["programmes"]]
        expect(len(installed) >= 2 and progs == installed + ["site-fixture"],
               "the site programme is judged after the installed ones", progs)
    expect(len(doc["firms"][0]["findings"]) == len(base_n) + 1, "exactly one criterion added")
    env_out = audit(env={"EXPORTREADY_SITE_RUBRICS": SITE})
    expect(env_out == with_site, "EXPORTREADY_SITE_RUBRICS gives the same bytes as a second --rubric-dir")

    with tempfile.TemporaryDirectory() as tmp:
        layer = os.path.join(tmp, "site")
        os.makedirs(os.path.join(layer, "modules"))
        shutil.copy(os.path.join(RUBRICS, "sectors", "herbs-spices.cfg"),
                    os.path.join(layer, "modules", "my-herbs.cfg"))
        rc, out, err = run("validate", "--plugin-dir", PLUGINS, "--rubric-dir", RUBRICS, "--rubric-dir", layer, RUBRICS)
        expect(rc == 0 and any("sector-herbs-spices" in l and "my-herbs.cfg" in l and
                               "replaces " + os.path.join(RUBRICS, "sectors", "herbs-spices.cfg") in l
                               for l in out.splitlines()),
               "a site module with an installed id replaces it, and validate says which", out + err)
        expect(out.count("sector-herbs-spices") == 1, "the replaced module is not loaded too", out)
        expect(audit(layer) == audit(), "replacing a module by an identical copy changes nothing")
        rc, out, err = run("audit", "--rubric-dir", RUBRICS, "--rubric-dir", os.path.join(tmp, "nope"),
                           "-o", os.path.join(tmp, "out"), FIRMS[0])
        expect(rc == 3 and "nope: not a directory" in err and not os.path.exists(os.path.join(tmp, "out")),
               "a missing layer is refused before any work", err)


def progress_rows(path):
    import openpyxl
    ws = openpyxl.load_workbook(path)["Progress"]
    return [[v for v in row if v is not None] for row in ws.iter_rows(values_only=True)]


def baselines():
    with tempfile.TemporaryDirectory() as tmp:
        last = os.path.join(tmp, "last-year.json")
        rc, out, err = run("audit", "-q", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS,
                           "--json", last, *FIRMS)
        expect(rc == 0, "last year's audit", err)
        with open(last, encoding="utf-8") as f:
            doc = json.load(f)
        version = doc["rubric"]["version"]
        doc["rubric"]["version"] = "2025.10"  # written with last year's rubric version
        with open(last, "w", encoding="utf-8") as f:
            json.dump(doc, f)
        site = ["--rubric-dir", RUBRICS, "--rubric-dir", SITE, "--plugin-dir", PLUGINS]
        now = os.path.join(tmp, "now.json")
        rc, out, err = run("audit", "-q", *site, "--baseline", last, "-o", os.path.join(tmp, "fu"),
                           "--json", now, *FIRMS)
        expect(rc == 0, "a baseline from before the site layer and rubric version still works", err)
        rows = progress_rows(os.path.join(tmp, "fu", "pe-nuti-alimentos.xlsx"))
        text = "\n".join(" | ".join(str(v) for v in r) for r in rows)
        expect("Rubric versions compared: readiness 2025.10 (baseline) and readiness " + version +
               " with site additions (this audit)" in text, "the Progress sheet names both rubric versions", text)
        i = next((k for k, r in enumerate(rows) if r[:1] == ["Criteria added since the baseline (not compared)"]), None)
        expect(i is not None and rows[i + 2][:1] == ["Site fixture criterion"],
               "the criterion added since is listed as added", text)
        expect("Site fixture criterion" not in text.split("Criteria added since")[0],
               "the added criterion is not compared as a gap", text)
        overall = next(r for r in rows if r[:1] == ["Overall score"])
        was = next(f for f in doc["firms"] if f["id"] == "pe-nuti-alimentos")["score"]
        expect(abs(overall[1] - was) < 1e-4, "the baseline score is last year's, not re-scored", (overall, was))
        rc, out, err = run("report", *site[:4], "--baseline", last, "-o", os.path.join(tmp, "rep"), now)
        expect(rc == 0, "report --baseline across versions", err)
        # The other way: this year's (with the site criterion) as the baseline
        # of a run without it: the criterion is listed as removed.
        rc, out, err = run("audit", "-q", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS,
                           "--baseline", now, "-o", os.path.join(tmp, "back"), *FIRMS)
        expect(rc == 0, "a baseline with a criterion since removed still works", err)
        text = "\n".join(" | ".join(str(v) for v in r)
                         for r in progress_rows(os.path.join(tmp, "back", "pe-raices-andinas.xlsx")))
        expect("Criteria of the baseline no longer in the rubric (not compared)\nsite_fixture_check" in text,
               "the removed criterion is listed as removed", text)
        # Reading results to render them stays strict: another rubric is refused.
        rc, out, err = run("report", "--rubric-dir", RUBRICS, "-o", os.path.join(tmp, "strict"), now)
        expect(rc == 3 and "site_fixture_check" in err, "report of results from another rubric is refused", err)


if __name__ == "__main__":
    main()
    baselines()
    for f in failures:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)
