#!/usr/bin/python3
"""check_validate.py EXPORTREADY SOURCE_DIR SECTOR_PLUGIN_DIR - validate
reports first what audit would refuse or silently miss:
  - a rubric naming checks no loaded plugin provides (audit: exit 4):
    validate exits 3 and says audit would stop;
  - a plugin's number question answered "low": validate names file, line,
    field and the plugin, exit 3;
  - a market code no criterion applies to (GB where the rubric says UK):
    a warning suggesting UK, exit 0 (audit accepts it, and audits nothing
    for that market);
  - a country code the rubric's profile.cfg does not name (MX): a warning
    naming the file (a cohort's file:line), the field and the code, exit 0
    (the outputs show the code); none for PE, which it names;
  - a text lacking a language its rubric declares: a warning naming
    file:line:field, exit 0 (English is shown); without a declaration
    (an old site rubric) no warning.
"""
import shutil
import os
import re
import subprocess
import sys
import tempfile

EXE, SRC, PLUGINS = sys.argv[1:4]
RUBRICS = os.path.join(SRC, "rubrics")
NUTS = os.path.join(SRC, "examples", "firms", "grains-pulses-nuts-castanas-madre-de-dios.cfg")
failures = []


def expect(ok, what, detail=""):
    if not ok:
        failures.append(f"{what}: {str(detail)[:3000]}")


def run(*args):
    e = {k: v for k, v in os.environ.items() if not k.startswith("EXPORTREADY_")}
    p = subprocess.run([EXE, *args], capture_output=True, text=True, env=e)
    return p.returncode, p.stdout, p.stderr


def main():
    with tempfile.TemporaryDirectory() as tmp:
        none = os.path.join(tmp, "no-plugins")
        os.mkdir(none)
        rc_a, _, err_a = run("audit", "--rubric-dir", RUBRICS, "--plugin-dir", none, NUTS)
        rc_v, out, err_v = run("validate", "--plugin-dir", none, RUBRICS)
        expect(rc_a == 4, "audit refuses a rubric whose checks no plugin provides", err_a)
        expect(rc_v == 3 and "no loaded plugin provides check 'grains-pulses-nuts.aflatoxins'" in err_v
               and "audit would stop with exit 4" in err_v, "validate reports it first", err_v)
        rc, out, err = run("validate", "--plugin-dir", PLUGINS, RUBRICS)
        expect(rc == 0, "with the plugins the rubric validates", err)

        with open(NUTS, encoding="utf-8") as f:
            text = f.read()
        bad, n = re.subn(r"gpn_aflatoxin_b1_ug_kg = [0-9.]+;", 'gpn_aflatoxin_b1_ug_kg = "low";', text)
        expect(n == 1, "the example answers gpn_aflatoxin_b1_ug_kg")
        firm = os.path.join(tmp, "nuts.cfg")
        with open(firm, "w", encoding="utf-8") as f:
            f.write(bad)
        line = bad[:bad.index('"low"')].count("\n") + 1
        rc, out, err = run("validate", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS, firm)
        expect(rc == 3 and f"{firm}:{line}: firm.answers.gpn_aflatoxin_b1_ug_kg: plugin "
               "grains-pulses-nuts asks for a number" in err,
               "a number question answered 'low' is a problem, with file, line and field", err)

        gb = text.replace('markets = [ "EU" ];', 'markets = [ "EU", "GB" ];')
        expect(gb != text, "the example lists its markets")
        with open(firm, "w", encoding="utf-8") as f:
            f.write(gb)
        rc, out, err = run("validate", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS, firm)
        expect(rc == 0 and "market 'GB'" in err and "did you mean 'UK'" in err,
               "GB is warned about, with UK suggested", err)
        rc, out, err = run("validate", "-q", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS, firm)
        expect(rc == 0 and err == "" and out == "", "-q: problems only", err)

        # A country profile.cfg does not name: a warning, in a firm file and
        # in a cohort row; the shipped PE example gets none.
        rc, out, err = run("validate", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS, NUTS)
        expect(rc == 0 and "firm.country" not in err, "PE is named: no country warning", err)
        mx = text.replace('country = "PE";', 'country = "MX";')
        expect(mx != text, "the example gives its country")
        with open(firm, "w", encoding="utf-8") as f:
            f.write(mx)
        rc, out, err = run("validate", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS, firm)
        expect(rc == 0 and f"warning: {firm}: firm.country: {RUBRICS}/profile.cfg names no "
               "country 'MX'" in err, "a country with no name is warned about", err)
        with open(os.path.join(SRC, "examples", "cohort.csv"), encoding="utf-8") as f:
            rows = f.read().split("\n")
        cells = rows[2].split(",")
        expect(cells[2] == "PE", "the cohort's second firm is Peruvian", cells[:3])
        cells[2] = "MX"
        rows[2] = ",".join(cells)
        cohort = os.path.join(tmp, "cohort.csv")
        with open(cohort, "w", encoding="utf-8") as f:
            f.write("\n".join(rows))
        rc, out, err = run("validate", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS, cohort)
        expect(rc == 0 and f"warning: {cohort}:3: firm.country:" in err and
               err.count("firm.country") == 1, "a cohort row's country: file:line", err)

        langs = os.path.join(tmp, "rubric_langs")
        shutil.copytree(os.path.join(SRC, "tests", "data", "loaders", "rubric_langs"), langs)
        main_cfg = os.path.join(langs, "readiness.cfg")
        rc, out, err = run("validate", main_cfg)
        expect(rc == 0 and f"warning: {main_cfg}:32: rubric.criteria[0].reference: no 'es' text"
               in err and f"{langs}/markets/eu.cfg:12: module.criteria[0].reference: no 'es' text"
               in err, "a text lacking a declared language is a warning with file:line:field", err)
        with open(main_cfg, encoding="utf-8") as f:
            undeclared = f.read().replace('languages = [ "en", "es" ];', "")
        with open(main_cfg, "w", encoding="utf-8") as f:
            f.write(undeclared)
        rc, out, err = run("validate", main_cfg)
        expect(rc == 0 and "no 'es' text" not in err,
               "without `languages` (an old site rubric) nothing is expected but English", err)


if __name__ == "__main__":
    main()
    for f in failures:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)
