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
  - a layer that is not a directory is refused (exit 3), nothing written.
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
    rc, out, err = run("validate", "--rubric-dir", RUBRICS, "--rubric-dir", SITE, RUBRICS)
    expect(rc == 0, "validate with the site layer", err)
    lines = out.splitlines()
    expect(any("site-fixture" in l and "site-fixture.cfg" in l and "(site; added)" in l for l in lines),
           "validate shows the added module as from the site", out)
    expect(any(l.split()[:1] == ["site-fixture"] and "(site)" in l for l in lines),
           "validate shows the added programme as from the site", out)
    expect(any("market-eu" in l and "rubrics/markets/eu.cfg" in l and "(site" not in l for l in lines),
           "validate shows installed modules with their files", out)
    base_n = json.loads(audit())["firms"][0]["findings"]
    with_site = audit(SITE)
    doc = json.loads(with_site)
    for f in doc["firms"]:
        crit = [x for x in f["findings"] if x["criterion"] == "site_fixture_check"]
        expect(len(crit) == 1 and crit[0]["max"] == 1.0, "the site criterion is scored", f["id"])
        progs = [p["id"] for p in f["programmes"]]
        expect(progs == ["cbi", "pum", "site-fixture"], "the site programme is judged after the installed ones", progs)
    expect(len(doc["firms"][0]["findings"]) == len(base_n) + 1, "exactly one criterion added")
    env_out = audit(env={"EXPORTREADY_SITE_RUBRICS": SITE})
    expect(env_out == with_site, "EXPORTREADY_SITE_RUBRICS gives the same bytes as a second --rubric-dir")

    with tempfile.TemporaryDirectory() as tmp:
        layer = os.path.join(tmp, "site")
        os.makedirs(os.path.join(layer, "modules"))
        shutil.copy(os.path.join(RUBRICS, "sectors", "herbs-spices.cfg"),
                    os.path.join(layer, "modules", "my-herbs.cfg"))
        rc, out, err = run("validate", "--rubric-dir", RUBRICS, "--rubric-dir", layer, RUBRICS)
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


if __name__ == "__main__":
    main()
    for f in failures:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)
