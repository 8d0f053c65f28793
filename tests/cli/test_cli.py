#!/usr/bin/python3
"""End-to-end tests of the exportready command line (docs/cli.md).

Usage: test_cli.py EXPORTREADY DATA_DIR CASE [SOURCE_DIR]

Each CASE is one ctest test.  Expected numbers for the fixture rubric in
DATA_DIR/rubric are worked out by hand in the comments of each case; they
are not copied from the program's output.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import results_schema  # noqa: E402  every results file written is checked

EXE, DATA = sys.argv[1], sys.argv[2]
RUBRIC = os.path.join(DATA, "rubric")
FIRMS = os.path.join(DATA, "firms")
GOOD = os.path.join(FIRMS, "good.cfg")
SMALL = os.path.join(FIRMS, "small.cfg")
BAD = os.path.join(FIRMS, "bad.cfg")
BROKEN = os.path.join(FIRMS, "broken.cfg")
DIAG_LINE = re.compile(r"^[^:\s][^:]*:\d+: [A-Za-z0-9_.\[\]]+: .+$")


def run(*args, env=None, cwd=None):
    e = dict(os.environ)
    # Keep the test hermetic: no rubric or plugins from the environment.
    e.pop("EXPORTREADY_RUBRICS", None)
    e.pop("EXPORTREADY_PLUGIN_PATH", None)
    if env:
        e.update(env)
    p = subprocess.run([EXE, *args], capture_output=True, text=True, env=e, cwd=cwd)
    bad = results_schema.check_run([a if cwd is None or a == "-" or os.path.isabs(a)
                                    else os.path.join(cwd, a) for a in args], p.stdout)
    expect(not bad, "the results file matches share/results.schema.json", *bad)
    return p.returncode, p.stdout, p.stderr


def expect(cond, what, *context):
    if not cond:
        print("FAIL:", what)
        for c in context:
            print("----\n" + str(c))
        sys.exit(1)


def expect_status(got, want, out="", err=""):
    expect(got == want, f"exit status {got}, expected {want}", out, err)


def close(a, b):
    return a is not None and abs(a - b) < 1e-9


def audit_json(*args):
    rc, out, err = run("audit", "--rubric-dir", RUBRIC, "--json", "-", *args)
    try:
        doc = json.loads(out) if out else None
    except json.JSONDecodeError as ex:
        expect(False, f"stdout is not JSON: {ex}", out, err)
    return rc, doc, err


# ---- cases ------------------------------------------------------------------

def case_help():
    rc, out, err = run("--help")
    expect_status(rc, 0, out, err)
    for cmd in ("audit", "validate", "plugins"):
        expect(cmd in out, f"--help lists {cmd}", out)
    rc, out, err = run("--version")
    expect_status(rc, 0, out, err)
    expect(re.fullmatch(r"exportready \d+\.\d+\.\d+\n", out), "--version format", out)
    for argv in (("help", "audit"), ("audit", "--help")):
        rc, out, err = run(*argv)
        expect_status(rc, 0, out, err)
        for opt in ("--output", "--force", "--json", "--rubric-dir", "--plugin-dir",
                    "--no-isolate", "--plugin-timeout", "--lang", "--as-of", "--quiet"):
            expect(opt in out, f"{' '.join(argv)} documents {opt}", out)
    rc, out, err = run("help", "validate")
    expect_status(rc, 0, out, err)
    expect("--rubric-dir" in out, "help validate documents --rubric-dir", out)


def case_usage():
    for argv in ((), ("frobnicate",), ("--bogus",), ("help", "frobnicate"),
                 ("audit",), ("audit", "--bogus", GOOD), ("audit", "-z", GOOD),
                 ("audit", GOOD, "--json"), ("audit", "--lang", "fr", GOOD),
                 ("audit", "--as-of", "2026-13-01", GOOD), ("audit", "--as-of", "2026-10", GOOD),
                 ("audit", "--plugin-timeout", "-1", GOOD),
                 ("audit", "--plugin-timeout", "5s", GOOD),
                 ("audit", "--force", GOOD), ("validate",), ("validate", "--bogus", RUBRIC)):
        rc, out, err = run(*argv)
        expect_status(rc, 2, " ".join(argv), err)
        expect(err.startswith("exportready") or err.startswith("Usage"),
               f"usage message on stderr for {argv}", err)
    rc, out, err = run("audit", "--bogus", GOOD)
    expect("'--bogus'" in err, "the unknown option is named", err)


def case_missing_file():
    rc, out, err = run("audit", "--rubric-dir", RUBRIC, os.path.join(FIRMS, "nope.cfg"))
    expect_status(rc, 3, out, err)
    expect("nope.cfg" in err, "the missing file is named", err)


def case_bad_rubric():
    with tempfile.TemporaryDirectory() as tmp:
        js = os.path.join(tmp, "out.json")
        rc, out, err = run("audit", "--rubric-dir", os.path.join(DATA, "bad-rubric"),
                           "--json", js, GOOD)
        expect_status(rc, 3, out, err)
        expect("readiness.cfg:18: rubric.criteria[0].weight" in err,
               "rubric problems are reported as FILE:LINE: FIELD", err)
        expect(os.listdir(tmp) == [], "no JSON file written when nothing was audited",
               os.listdir(tmp))


def case_rubric_not_found():
    # A rubric that is not there is not "invalid": every command says where
    # it looked and how to name another, before any work (exit 3).
    with tempfile.TemporaryDirectory() as tmp:
        nowhere = os.path.join(tmp, "no-rubric")
        for args in (["audit", GOOD], ["template", "--sector", "x", "-o", os.path.join(tmp, "t.csv")],
                     ["report", "-o", os.path.join(tmp, "r"), os.path.join(tmp, "x.json")],
                     ["validate", GOOD]):
            rc, out, err = run(args[0], "--rubric-dir", nowhere, *args[1:])
            expect_status(rc, 3, out, err)
            expect(f"no rubric found at {nowhere}" in err and "--rubric-dir" in err,
                   f"{args[0]}: says the rubric is not found and how to give one", err)
            expect("is invalid" not in err, f"{args[0]}: does not call a missing rubric invalid", err)
        # Without --rubric-dir, an uninstalled build names the place it looked.
        rc, out, err = run("audit", GOOD, env={"EXPORTREADY_RUBRICS": nowhere})
        expect_status(rc, 3, out, err)
        expect(f"no rubric found at {nowhere}" in err, "EXPORTREADY_RUBRICS is where it looked", err)
        expect(os.listdir(tmp) == [], "nothing written", os.listdir(tmp))


def case_json_in_output_dir():
    # --json inside the -o directory the run creates is not refused.
    with tempfile.TemporaryDirectory() as tmp:
        outdir = os.path.join(tmp, "new", "out")
        rc, out, err = run("audit", "-q", "--rubric-dir", RUBRIC, "-o", outdir, "--json",
                           os.path.join(outdir, "results.json"), GOOD)
        expect_status(rc, 0, out, err)
        with open(os.path.join(outdir, "results.json"), encoding="utf-8") as f:
            doc = json.load(f)
        expect(len(doc["firms"]) == 1 and "score" in doc["firms"][0], "results written", doc)
        # Elsewhere, a missing directory is still refused before any work.
        rc, out, err = run("audit", "--rubric-dir", RUBRIC, "-o", os.path.join(tmp, "o2"),
                           "--json", os.path.join(tmp, "missing", "r.json"), GOOD)
        expect_status(rc, 2, out, err)
        expect(not os.path.exists(os.path.join(tmp, "o2")), "no -o directory made", err)


def case_plugin_missing():
    rc, out, err = run("audit", "--rubric-dir", os.path.join(DATA, "rubric-check"),
                       "--plugin-dir", os.path.join(DATA, "no-plugins-here"), GOOD)
    expect_status(rc, 4, out, err)
    expect("no-such-plugin.some_check" in err, "the missing check is named", err)
    missing = os.path.join(DATA, "no-plugins-here")
    expect(f"plugin directory {missing}: No such file or directory" in err,
           "a --plugin-dir that does not exist is warned about", err)
    expect(f"plugin directories searched: {missing}" in err,
           "the exit-4 message says where plugins were looked for", err)
    # A run that stops before auditing leaves no new output directory.
    with tempfile.TemporaryDirectory() as tmp:
        outdir = os.path.join(tmp, "never")
        rc, out, err = run("audit", "--rubric-dir", os.path.join(DATA, "rubric-check"),
                           "--plugin-dir", missing, "-o", outdir, GOOD)
        expect_status(rc, 4, out, err)
        expect(not os.path.exists(outdir), "no -o directory made on exit 4", outdir)


def case_json_values():
    rc, doc, err = audit_json(GOOD, SMALL)
    expect_status(rc, 0, "", err)
    expect(list(doc) == ["tool", "version", "rubric", "as_of", "firms"], "top-level keys",
           list(doc))
    expect(doc["tool"] == "exportready", "tool")
    expect(doc["rubric"] == {"id": "cli-fixture", "version": "test.1",
                             "valid_as_of": "2026-11-01"}, "rubric", doc["rubric"])
    expect(doc["as_of"] is None, "no --as-of: top-level as_of is null")
    firms = doc["firms"]
    expect(len(firms) == 2, "two firms")
    g, s = firms
    expect(list(g) == ["id", "name", "sector", "file", "as_of", "score", "grade",
                       "grade_uncapped", "grade_status", "coverage", "dimensions",
                       "programmes", "route", "blockers", "to_verify", "market_readiness",
                       "findings", "sector_findings", "country", "markets", "audit", "products",
                       "facts"], "firm keys", list(g))

    # pe-good.  evidence: verified 1.0, document 0.8, declared 0.5.
    #   management: english_management 2 x 1 x 0.8 = 1.6; years_operating 5 -> band >= 2
    #               (1.0) x 1 x declared 0.5 = 0.5; 2.1 / 3 = 70
    #   food_safety: haccp certified 3 x 1 x 0.8 = 2.4; us_fsma n/a (EU only); 2.4 / 3 = 80
    #   overall (70 x 1 + 80 x 2) / 3 = 76.6667 -> B; all answered: coverage 1
    #   cbi: 40 employees, 100% local -> eligible, route cbi
    expect(g["id"] == "pe-good" and g["file"] == GOOD and g["as_of"] == "2026-10-14",
           "pe-good identity", g)
    expect(close(g["score"], 76.6667), "pe-good score", g["score"])
    expect(g["grade"] == "B" and g["grade_uncapped"] == "B", "pe-good grade", g)
    expect(close(g["coverage"], 1.0), "pe-good coverage", g["coverage"])
    dims = {d["id"]: d for d in g["dimensions"]}
    expect(close(dims["management"]["score"], 70.0), "management 70", dims)
    expect(close(dims["food_safety"]["score"], 80.0), "food_safety 80", dims)
    expect(close(dims["food_safety"]["weight"], 2.0), "food_safety weight 2", dims)
    expect(g["programmes"] == [{"id": "cbi", "eligible": True, "reasons": [],
                                "reason_details": []}], "pe-good cbi", g["programmes"])
    expect(g["route"] == "cbi" and g["blockers"] == [], "pe-good route/blockers", g)
    f = {x["criterion"]: x for x in g["findings"]}
    expect(list(f) == ["haccp_plan", "us_fsma_plan", "english_management", "years_operating"],
           "findings in rubric order", list(f))
    h = f["haccp_plan"]
    expect(h["status"] == "met" and h["answer"] == "certified" and
           h["evidence"] == "document" and close(h["points"], 2.4) and close(h["max"], 3.0),
           "haccp finding", h)
    expect(h["reference"] == "Reg. (EC) 852/2004, Art. 5", "rubric reference", h)
    u = f["us_fsma_plan"]
    expect(u["status"] == "not_applicable" and u["answer"] is None and u["evidence"] is None
           and close(u["max"], 0.0), "us_fsma not applicable", u)
    y = f["years_operating"]
    expect(y["answer"] == "5" and y["evidence"] == "declared" and close(y["points"], 0.5),
           "years finding", y)
    expect(g["sector_findings"] == [], "no plugins: no sector findings")

    # pe-small.  markets EU and US, so us_fsma_plan applies.
    #   food_safety: haccp in_progress 3 x 0.5 x 1.0 = 1.5 (partial -> knock-out blocker);
    #                us_fsma yes verified 1; 2.5 / 4 = 62.5, coverage 1
    #   management: english yes verified 2; years_operating unanswered (max 1);
    #               2 / 3 = 66.6667, coverage 2 / 3
    #   overall (66.6667 + 2 x 62.5) / 3 = 63.8889 -> B, capped to C by the blocker
    #   coverage (2/3 x 1 + 1 x 2) / 3 = 0.8889
    #   cbi: 12 employees fails, local ownership missing -> not eligible; route local
    expect(close(s["score"], 63.8889), "pe-small score", s["score"])
    expect(s["grade_uncapped"] == "B" and s["grade"] == "C", "pe-small capped grade", s)
    expect(close(s["coverage"], 0.8889), "pe-small coverage", s["coverage"])
    dims = {d["id"]: d for d in s["dimensions"]}
    expect(close(dims["management"]["score"], 66.6667) and
           close(dims["management"]["coverage"], 0.6667), "pe-small management", dims)
    expect(close(dims["food_safety"]["score"], 62.5), "pe-small food_safety", dims)
    expect(s["blockers"] == ["haccp_plan"], "pe-small blockers", s["blockers"])
    expect(s["to_verify"] == [] and s["grade_status"] == "final", "pe-small final", s)
    cbi = s["programmes"][0]
    expect(cbi["id"] == "cbi" and cbi["eligible"] is False and len(cbi["reasons"]) == 2,
           "pe-small cbi", cbi)
    expect(cbi["reasons"][0].startswith("25 to 500 employees") and "12" in cbi["reasons"][0],
           "employees reason in English", cbi)
    expect("local_ownership_pct" in cbi["reasons"][1], "missing fact reason", cbi)
    expect(cbi["reason_details"] == [
        {"criterion": "employees", "kind": "failed", "fact": "employees"},
        {"criterion": "local_ownership", "kind": "missing", "fact": "local_ownership_pct"}],
        "reasons as data", cbi["reason_details"])
    # The firm travels with its results, for `report` and `--baseline`.
    expect(s["facts"].get("employees") == 12 and "local_ownership_pct" not in s["facts"],
           "profile facts as given", s["facts"])
    expect(s["audit"]["kind"] in ("baseline", "follow-up") and s["audit"]["date"],
           "audit details", s["audit"])
    expect(s["markets"] and s["products"] and s["country"], "identity details", s)
    expect(s["route"] == "local", "pe-small route", s["route"])
    f = {x["criterion"]: x for x in s["findings"]}
    expect(f["years_operating"]["status"] == "not_assessed", "unanswered", f["years_operating"])
    expect(f["haccp_plan"]["status"] == "partial", "partial", f["haccp_plan"])


def case_some_failed():
    rc, doc, err = audit_json(GOOD, BAD, BROKEN)
    expect_status(rc, 1, json.dumps(doc), err)
    firms = doc["firms"]
    expect([f["id"] for f in firms] == ["pe-good", "pe-bad", "broken.cfg"],
           "every firm is listed, failed ones by id or file name", firms)
    for bad in firms[1:]:
        expect(list(bad) == ["id", "file", "error"], "failed firm keys", bad)
    expect("haccp_plan" in firms[1]["error"] and "no_such_question" in firms[1]["error"],
           "the error lists every problem of the firm", firms[1]["error"])
    expect("bad.cfg:" in err, "errors also on stderr", err)
    expect(firms[0]["score"] is not None, "the good firm is still audited")


def case_include_no_id():
    """A firm file refused for its @include names the firm by its file name:
    no id is read from the file it tried to include (docs/security.md)."""
    with tempfile.TemporaryDirectory() as tmp:
        other = os.path.join(tmp, "other.cfg")
        with open(GOOD, encoding="utf-8") as fh:
            write(other, fh.read().replace('"pe-good"', '"pe-other"'))
        rejected = os.path.join(tmp, "rejected.cfg")
        write(rejected, f'@include "{other}"\n')
        rc, doc, err = audit_json(GOOD, rejected)
        expect_status(rc, 1, json.dumps(doc), err)
        firms = doc["firms"]
        expect([f["id"] for f in firms] == ["pe-good", "rejected.cfg"],
               "the refused file is named by its file name, not by the included id", firms)
        expect("@include" in firms[1]["error"], "the error says why", firms[1]["error"])
        expect("pe-other" not in json.dumps(doc) and "pe-other" not in err,
               "nothing of the included file shows", doc, err)


def case_single_bad():
    with tempfile.TemporaryDirectory() as tmp:
        js = os.path.join(tmp, "out.json")
        rc, out, err = run("audit", "--rubric-dir", RUBRIC, "--json", js, BAD)
        expect_status(rc, 3, out, err)
        expect(not os.path.exists(js), "nothing written when nothing was audited")
    rc, out, err = run("audit", "--rubric-dir", RUBRIC, BAD, BROKEN)
    expect_status(rc, 3, out, err)


def case_json_not_partial():
    with tempfile.TemporaryDirectory() as tmp:
        js = os.path.join(tmp, "out.json")
        with open(js, "w") as fh:
            fh.write("OLD")
        # A failed run leaves the old file as it was and no temporary behind.
        rc, out, err = run("audit", "--rubric-dir", os.path.join(DATA, "bad-rubric"),
                           "--json", js, GOOD)
        expect_status(rc, 3, out, err)
        expect(open(js).read() == "OLD" and os.listdir(tmp) == ["out.json"],
               "old file kept, no temporary", os.listdir(tmp))
        # A good run replaces it whole.
        rc, out, err = run("audit", "--rubric-dir", RUBRIC, "--json", js, GOOD)
        expect_status(rc, 0, out, err)
        expect(json.load(open(js))["firms"][0]["id"] == "pe-good", "new file complete")
        expect(os.listdir(tmp) == ["out.json"], "no temporary left", os.listdir(tmp))
        expect(out.startswith("pe-good: score 76.7, grade B"), "summary on stdout", out)
        # A JSON file in a missing directory is refused before any work.
        rc, out, err = run("audit", "--rubric-dir", RUBRIC, "--json",
                           os.path.join(tmp, "no", "out.json"), GOOD)
        expect_status(rc, 2, out, err)


def case_same_bytes():
    with tempfile.TemporaryDirectory() as tmp:
        outs = []
        for i in range(2):
            js = os.path.join(tmp, f"run{i}.json")
            rc, out, err = run("audit", "-q", "--rubric-dir", RUBRIC, "--json", js,
                               "-o", os.path.join(tmp, f"wb{i}"),
                               GOOD, SMALL, BAD, env={"SOURCE_DATE_EPOCH": "1700000000"})
            expect_status(rc, 1, out, err)
            outs.append(open(js, "rb").read())
        expect(outs[0] == outs[1], "two runs give the same bytes")
        for name in sorted(os.listdir(os.path.join(tmp, "wb0"))):
            a = open(os.path.join(tmp, "wb0", name), "rb").read()
            b = open(os.path.join(tmp, "wb1", name), "rb").read()
            expect(a == b, f"two runs give the same {name}")
        text = outs[0].decode()
        expect(re.search(r"\d\.\d{5,}", text) is None, "numbers have at most 4 decimals")


def case_options():
    # --lang es, --as-of, env rubric dir, --no-isolate, --plugin-timeout, duplicates.
    rc, out, err = run("audit", "--lang", "es", "--as-of", "2027-01-15", "--no-isolate",
                       "--plugin-timeout", "2.5", "--json", "-", GOOD,
                       env={"EXPORTREADY_RUBRICS": RUBRIC})
    expect_status(rc, 0, out, err)
    doc = json.loads(out)
    expect(doc["as_of"] == "2027-01-15" and doc["firms"][0]["as_of"] == "2027-01-15",
           "--as-of is used", doc["as_of"])
    expect("pe-good: score" in err, "summary goes to stderr when JSON is on stdout", err)
    rc, doc, err = audit_json("-q", GOOD, GOOD)
    expect_status(rc, 1, json.dumps(doc), err)
    expect("duplicate firm id 'pe-good'" in doc["firms"][1]["error"], "duplicate id refused",
           doc["firms"][1])
    expect(err.count("exportready:") >= 1, "duplicate reported on stderr", err)


def case_id_collisions():
    """Ids that name one workbook file are refused (issue 17): 'A' and 'a'
    on a case-insensitive file system (a USB stick, macOS), and a firm
    called 'cohort' beside DIR/cohort.xlsx (F2).  The other firms audit."""
    text = open(GOOD, encoding="utf-8").read()
    expect('id = "pe-good";' in text, "fixture firm id")
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for name, fid in (("lower", "pe-good"), ("upper", "PE-Good"), ("cohort", "Cohort")):
            paths[name] = os.path.join(tmp, name + ".cfg")
            with open(paths[name], "w", encoding="utf-8") as f:
                f.write(text.replace('id = "pe-good";', f'id = "{fid}";'))
        outdir = os.path.join(tmp, "out")
        rc, out, err = run("audit", "-q", "--rubric-dir", RUBRIC, "-o", outdir, "--json", "-",
                           paths["lower"], paths["upper"], paths["cohort"])
        expect_status(rc, 1, out, err)
        firms = json.loads(out)["firms"]
        expect([f.get("error") is None for f in firms] == [True, False, False],
               "only the first firm audits", firms)
        expect(f"duplicate firm id 'PE-Good' (also in {paths['lower']}); ids that differ only "
               "in letter case" in firms[1]["error"], "case-only duplicate explained", firms[1])
        expect(f"'Cohort' is the name of the cohort workbook ({outdir}/cohort.xlsx)"
               in firms[2]["error"], "the cohort's name is reserved", firms[2])
        expect(sorted(os.listdir(outdir)) == ["cohort.xlsx", "pe-good.pdf", "pe-good.xlsx"],
               "one workbook (and its PDF report) per file name", os.listdir(outdir))
        # Without -o nothing is overwritten, so 'cohort' is an ordinary id.
        rc, out, err = run("audit", "-q", "--rubric-dir", RUBRIC, "--json", "-", paths["cohort"])
        expect_status(rc, 0, out, err)


def case_id_of_failed_firm():
    """The duplicate rule counts only firms that load (issue 19 reads only the
    ids in the first pass, and loads the colliding firms to tell): a bad
    file with a good firm's id keeps its own error, and the good firm
    audits, whichever comes first."""
    text = open(BAD, encoding="utf-8").read()
    expect('id = "pe-bad";' in text, "fixture firm id")
    with tempfile.TemporaryDirectory() as tmp:
        bad = os.path.join(tmp, "bad-as-good.cfg")
        with open(bad, "w", encoding="utf-8") as f:
            f.write(text.replace('id = "pe-bad";', 'id = "pe-good";'))
        for order in ((bad, GOOD), (GOOD, bad)):
            rc, doc, err = audit_json("-q", *order)
            expect_status(rc, 1, json.dumps(doc), err)
            by_file = {f["file"]: f for f in doc["firms"]}
            expect(by_file[GOOD].get("error") is None, "the firm that loads audits", doc)
            why = by_file[bad]["error"]
            expect("duplicate" not in why and "haccp_plan" in why,
                   "the bad file keeps its own error", why)
        # Two good files: the second is the duplicate, naming file and field;
        # a file without an id beside them fails on its own.
        noid = os.path.join(tmp, "no-id.cfg")
        with open(noid, "w", encoding="utf-8") as f:
            f.write("firm = { name = \"No Id\"; };\n")
        rc, doc, err = audit_json("-q", noid, GOOD, bad, GOOD)
        expect_status(rc, 1, json.dumps(doc), err)
        expect(f"{GOOD}: firm.id: duplicate firm id 'pe-good' (also in {GOOD})"
               in doc["firms"][3]["error"], "file: field: duplicate", doc["firms"][3])
        expect("firm.id" in doc["firms"][0]["error"] and "duplicate" not in doc["firms"][0]["error"],
               "the file without an id has its own error", doc["firms"][0])


def case_parse_once():
    """Each firm file is loaded (er_firm_load) once: by the worker that
    audits it, not also by the first pass, which reads only the ids.
    Counted with callgrind, which follows the worker's fork; skipped
    without valgrind."""
    if shutil.which("valgrind") is None:
        print("SKIP: no valgrind")
        return
    with open(EXE, "rb") as f:
        if b"__asan_init" in f.read():
            print("SKIP: valgrind cannot run an ASan build")
            return
    text = open(GOOD, encoding="utf-8").read()
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for k in range(3):
            files.append(os.path.join(tmp, f"f{k}.cfg"))
            with open(files[-1], "w", encoding="utf-8") as f:
                f.write(text.replace('id = "pe-good";', f'id = "pe-good-{k}";'))
        p = subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=no",
                            "--callgrind-out-file=" + os.path.join(tmp, "cg.%p"),
                            EXE, "audit", "-q", "--no-isolate", "-j", "1",
                            "--rubric-dir", RUBRIC, "--json", os.path.join(tmp, "r.json"),
                            *files], capture_output=True, text=True)
        expect_status(p.returncode, 0, p.stdout, p.stderr)
        # A forked process's file starts from the counts its parent had at
        # the fork (callgrind copies them), so the worker's file counts the
        # first pass too: the largest count over the files is the run's.
        calls = {}
        for name in os.listdir(tmp):
            if not name.startswith("cg."):
                continue
            names, target, mine = {}, None, {}
            for line in open(os.path.join(tmp, name), encoding="utf-8", errors="replace"):
                m = re.match(r"^c?fn=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
                if m:
                    if m.group(2):
                        names[m.group(1)] = m.group(2)
                    target = names.get(m.group(1)) if line.startswith("cfn=") else None
                elif line.startswith("calls=") and target is not None:
                    mine[target] = mine.get(target, 0) + int(line.split()[0][6:])
                    target = None
            for fn, n in mine.items():
                calls[fn] = max(calls.get(fn, 0), n)
        expect(calls.get("er_firm_read_id", 0) == 3, "the first pass reads each id once",
               calls.get("er_firm_read_id"))
        expect(calls.get("er_firm_load", 0) == 3, "each firm file is loaded once",
               calls.get("er_firm_load"))


def case_output_dir():
    with tempfile.TemporaryDirectory() as tmp:
        outdir = os.path.join(tmp, "a", "b")
        rc, out, err = run("audit", "-q", "--rubric-dir", RUBRIC, "-o", outdir, GOOD, SMALL)
        expect(os.path.isdir(outdir), "--output directory is created", err)
        expect(rc in (0, 1), "audit with --output", rc, err)
        if rc == 0:
            names = sorted(os.listdir(outdir))
            expect(names == ["cohort.xlsx", "pe-good.pdf", "pe-good.xlsx", "pe-small.pdf",
                             "pe-small.xlsx"],
                   "one workbook per firm and a cohort workbook", names)
            # Existing workbooks are kept without --force.
            rc, out, err = run("audit", "-q", "--rubric-dir", RUBRIC, "-o", outdir, GOOD)
            expect_status(rc, 1, out, err)
            rc, out, err = run("audit", "-q", "--force", "--rubric-dir", RUBRIC, "-o",
                               outdir, GOOD)
            expect_status(rc, 0, out, err)
        else:
            expect("workbook" in err, "a workbook failure is reported", err)


def case_validate():
    rc, out, err = run("validate", RUBRIC)
    expect_status(rc, 0, out, err)
    expect(out.endswith(f"\n{RUBRIC}: ok\n"), "a good rubric dir is ok", out)
    # ... shown as it is in effect: each file with its criteria, each programme.
    expect(out.startswith("Effective rubric cli-fixture test.1 (valid as of 2026-11-01), 4 criteria:\n")
           and f"4 criteria  {RUBRIC}/readiness.cfg" in out
           and f"{RUBRIC}/programmes/cbi.cfg" in out, "validate shows the effective rubric", out)
    rc, out, err = run("validate", "-q", RUBRIC)
    expect_status(rc, 0, out, err)
    expect(out == "", "-q prints problems only", out)
    for f in ("programmes/cbi.cfg", "programmes/routing.cfg", "readiness.cfg"):
        rc, out, err = run("validate", os.path.join(RUBRIC, f))
        expect_status(rc, 0, out, err)
    rc, out, err = run("validate", "--rubric-dir", RUBRIC, GOOD, SMALL)
    expect_status(rc, 0, out, err)
    # Without --rubric-dir, a rubric directory named on the line is the one
    # firm files are checked against (not the installed default).
    rc, out, err = run("validate", RUBRIC, GOOD)
    expect_status(rc, 0, out, err)
    expect(f"{GOOD}: ok" in out, "firm checked against the named rubric dir", out, err)

    # Every problem of a file, not only the first, as FILE:LINE: FIELD: text.
    bad_rubric = os.path.join(DATA, "bad-rubric", "readiness.cfg")
    rc, out, err = run("validate", bad_rubric)
    expect_status(rc, 3, out, err)
    lines = [l for l in err.splitlines() if not l.startswith("exportready:")]
    expect(len(lines) >= 5, "several problems from one rubric file", err)
    for l in lines:
        expect(DIAG_LINE.match(l) and l.startswith(bad_rubric), "FILE:LINE: FIELD: form", l)
    expect(err.rstrip().endswith(f"{len(lines)} problems found"), "problem count", err)

    rc, out, err = run("validate", "--rubric-dir", RUBRIC, BAD, GOOD)
    expect_status(rc, 3, out, err)
    lines = [l for l in err.splitlines() if l.startswith(BAD)]
    expect(len(lines) >= 2, "both problems of the firm", err)
    expect(f"{GOOD}: ok" in out, "the good firm is still checked", out)

    rc, out, err = run("validate", BROKEN, os.path.join(FIRMS, "absent.cfg"))
    expect_status(rc, 3, out, err)
    expect(re.search(r"broken\.cfg:\d+: ", err) and "absent.cfg" in err,
           "syntax error with its line, and the missing file", err)

    with tempfile.TemporaryDirectory() as tmp:
        odd = os.path.join(tmp, "odd.cfg")
        with open(odd, "w") as fh:
            fh.write("something = 1;\n")
        rc, out, err = run("validate", odd)
        expect_status(rc, 3, out, err)
        expect("unknown kind of file" in err, "unknown kind", err)


def case_plugin_failure():
    # A plugin that crashes for one firm (tests/plugins/src/segv.c, isolated in a
    # child) leaves that firm's check unknown; the firm is still audited; exit 1.
    plugin_dir = sys.argv[4]
    rc, out, err = run("audit", "--rubric-dir", os.path.join(DATA, "rubric-plugin"),
                       "--plugin-dir", plugin_dir, "--json", "-",
                       os.path.join(FIRMS, "plugin.cfg"), GOOD)
    expect_status(rc, 1, out, err)
    doc = json.loads(out)
    p, g = doc["firms"]
    crash = [f for f in p["findings"] if f["criterion"] == "crash_check"][0]
    expect(crash["status"] == "unknown" and crash.get("note"), "crashed check is unknown", crash)
    # food_safety: haccp 2.4 + crash 0 of max 3 + 1 = 60; management 70 as pe-good;
    # overall (70 + 2 x 60) / 3 = 63.3333; coverage (1 + 2 x 3/4) / 3 = 0.8333.
    expect(close(p["score"], 63.3333) and close(p["coverage"], 0.8333), "pe-plugin score", p)
    crash = [f for f in g["findings"] if f["criterion"] == "crash_check"][0]
    expect(crash["status"] == "not_applicable" and close(g["score"], 76.6667),
           "a firm of another sector is unaffected", g)
    expect("plugin.cfg: a sector plugin failed" in err, "the failure is reported", err)


# ---- CSV cohorts, -j, progress, --baseline (docs/csv-format.md, docs/cli.md) ----

CSV_HEADER = ("id,name,country,sector,markets,audit.date,audit.coach,audit.kind,"
              "products.name,products.hs,products.ingredient,products.use,products.organic,"
              "profile.founded,profile.employees,firm.profile.local_ownership_pct,"
              "answers.haccp_plan,answers.english_management,answers.years_operating,"
              "evidence.haccp_plan,evidence.english_management")


def csv_row(firm_id, haccp="certified", english="yes"):
    """The firm of good.cfg (76.6667 by hand, see its header) under another id."""
    return (f'{firm_id},"Good Maca, S.A.C.",PE,natural-ingredients,EU,2026-10-14,'
            f"Ana Torres,baseline,Maca powder,1106.20,maca,food,true,2012,40,100.0,"
            f"{haccp},{english},5,document,document")


def write(path, text, mode="w"):
    with open(path, mode) as fh:
        fh.write(text)
    return path


def case_csv():
    with tempfile.TemporaryDirectory() as tmp:
        cohort = write(os.path.join(tmp, "cohort.csv"), "\n".join([
            CSV_HEADER,
            csv_row("pe-csv-1"),
            csv_row("pe-csv-2", english="maybe"),      # line 3: bad boolean, column 18
            csv_row("pe-csv-3", haccp="in_progress"),
        ]) + "\n")
        rc, doc, err = audit_json("-q", "-j", "1", cohort, GOOD)
        expect_status(rc, 1, json.dumps(doc), err)
        firms = doc["firms"]
        expect([f["id"] for f in firms] == ["pe-csv-1", "pe-csv-2", "pe-csv-3", "pe-good"],
               "one firm per row, in order, then the firm file", firms)
        expect(firms[0]["file"] == cohort + ":2" and firms[1]["file"] == cohort + ":3",
               "a row's file is FILE:LINE", firms[0]["file"], firms[1]["file"])
        expect(close(firms[0]["score"], 76.6667) and firms[0]["grade"] == "B",
               "a row scores like the same firm file", firms[0])
        expect(close(firms[0]["score"], firms[3]["score"]), "same as good.cfg", firms)
        want = (f"{cohort}:3:18: firm.answers.english_management: \"maybe\" is not a boolean")
        expect(firms[1]["error"].startswith(want), "FILE:ROW:COLUMN: FIELD: message",
               firms[1]["error"])
        expect(want in err, "the bad row is reported on stderr", err)
        expect(firms[2]["score"] < firms[0]["score"], "the rows after a bad one go on", firms[2])

        # A row with an id already audited fails, naming the first one.
        rc, doc, err = audit_json("-q", cohort, write(os.path.join(tmp, "dup.csv"),
                                                      CSV_HEADER + "\n" + csv_row("pe-csv-1")))
        expect_status(rc, 1, json.dumps(doc), err)
        expect(f"duplicate firm id 'pe-csv-1' (also in {cohort}:2)" in doc["firms"][-1]["error"],
               "duplicate ids across files", doc["firms"][-1])

        # An unknown column fails the whole file: nothing audited, exit 3.
        bad = write(os.path.join(tmp, "bad.csv"), CSV_HEADER + ",answers.haccp\n" +
                    csv_row("pe-x") + ",yes\n")
        js = os.path.join(tmp, "out.json")
        rc, out, err = run("audit", "--rubric-dir", RUBRIC, "--json", js, bad)
        expect_status(rc, 3, out, err)
        expect(f"{bad}:1:22: answers.haccp: unknown column" in err, "the column is named", err)
        expect(not os.path.exists(js), "nothing written")
        rc, out, err = run("audit", "--rubric-dir", RUBRIC, "--json", "-", bad)
        expect_status(rc, 3, out, err)
        expect(out == "", "nothing on stdout either", out)

        # ';' delimiter, BOM, CRLF, decimal comma, quoted list.
        semi = CSV_HEADER.replace(",", ";") + "\r\n" + csv_row("pe-semi").replace(
            '"Good Maca, S.A.C."', "Good Maca").replace(",", ";").replace("100.0", "100,0") + "\r\n"
        semi_path = write(os.path.join(tmp, "semi.csv"), b"\xef\xbb\xbf" + semi.encode(), "wb")
        rc, doc, err = audit_json("-q", semi_path)
        expect_status(rc, 0, json.dumps(doc), err)
        expect(close(doc["firms"][0]["score"], 76.6667), "';' file scores the same", doc)


def audit_dir(tmp, tag, jobs, *inputs, extra=()):
    out_dir = os.path.join(tmp, tag)
    js = os.path.join(tmp, tag + ".json")
    rc, out, err = run("audit", "-j", str(jobs), "--rubric-dir", RUBRIC, "-o", out_dir,
                       "--json", js, *extra, *inputs, env={"SOURCE_DATE_EPOCH": "1700000000"})
    return rc, out, err, out_dir, js


def case_jobs_identical():
    with tempfile.TemporaryDirectory() as tmp:
        cohort = write(os.path.join(tmp, "c.csv"), "\n".join(
            [CSV_HEADER] + [csv_row(f"pe-r{i}", haccp=("certified", "in_progress", "none")[i % 3])
                            for i in range(7)] + [csv_row("bad", english="?")]) + "\n")
        runs = [audit_dir(tmp, f"j{j}", j, GOOD, SMALL, BAD, cohort) for j in (1, 2, 3)]
        base = runs[0]
        expect_status(base[0], 1, base[1], base[2])
        names = sorted(os.listdir(base[3]))
        expect("cohort.xlsx" in names and len([n for n in names if n.endswith(".xlsx")]) == 10
               and len([n for n in names if n.endswith(".pdf")]) == 9,
               "workbooks and PDF reports written", names)
        for rc, out, err, d, js in runs[1:]:
            expect(rc == base[0] and out == base[1], "same status and summary", out, base[1])
            expect(err == base[2], "same messages in the same order", err, base[2])
            expect(open(js, "rb").read() == open(base[4], "rb").read(), "same JSON bytes", js)
            expect(sorted(os.listdir(d)) == names, "same files", os.listdir(d))
            for n in names:
                expect(open(os.path.join(d, n), "rb").read() ==
                       open(os.path.join(base[3], n), "rb").read(), f"same bytes of {n}", d)


def case_worker_death():
    # The crashing test plugin, not isolated, kills the worker that runs it.
    # It costs exactly that firm (issue 17): the parent starts a fresh worker
    # for the rest of the dead one's firms, so the firm after it (job 2, the
    # same worker's next) is audited, at -j 2 and at -j 1 alike.
    plugin_dir = sys.argv[4]
    for jobs in ("2", "1"):
        rc, out, err = run("audit", "-j", jobs, "--no-isolate",
                           "--rubric-dir", os.path.join(DATA, "rubric-plugin"),
                           "--plugin-dir", plugin_dir, "--json", "-",
                           os.path.join(FIRMS, "plugin.cfg"), GOOD, SMALL)
        expect_status(rc, 1, out, err)
        firms = json.loads(out)["firms"]
        expect([f["id"] for f in firms] == ["pe-plugin", "pe-good", "pe-small"],
               f"-j {jobs}: every firm listed in order, with its id", firms)
        # Killed by SIGSEGV; under ASan its handler reports and exits 1 instead.
        expect(re.search(r"worker process auditing this firm (was killed by signal 11 "
                         r"\(Segmentation fault\)|exited with status 1) before reporting it", firms[0]["error"]),
               f"-j {jobs}: the lost firm says why", firms[0])
        expect(close(firms[1]["score"], 76.6667), f"-j {jobs}: pe-good audited", firms[1])
        expect(close(firms[2]["score"], 63.8889), f"-j {jobs}: the dead worker's next firm is "
               "audited by a fresh worker", firms[2])
        expect(err.count("before reporting it") == 1, f"-j {jobs}: one firm failed", err)


def run_on_pty(*args):
    import pty
    master, slave = pty.openpty()
    p = subprocess.Popen([EXE, *args], stdout=subprocess.DEVNULL, stderr=slave,
                         env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})
    os.close(slave)
    data = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
    p.wait()
    os.close(master)
    return p.returncode, data.decode(errors="replace")


def case_progress():
    firms = [GOOD, SMALL] * 1
    rc, text = run_on_pty("audit", "-j", "1", "--rubric-dir", RUBRIC, *firms)
    expect_status(rc, 0, "", text)
    expect(re.search(r"\r\[ *\d+/2\] [\d.]+ firms/s", text), "progress line on a terminal", text)
    expect(text.endswith("\r") or text.rstrip(" \r") == "" or text.split("\r")[-1].strip() == "",
           "the line is erased at the end", repr(text))
    rc, text = run_on_pty("audit", "-q", "--rubric-dir", RUBRIC, *firms)
    expect("firms/s" not in text, "--quiet: no progress", text)
    rc, out, err = run("audit", "--rubric-dir", RUBRIC, *firms)
    expect("firms/s" not in err and "\r" not in err, "no progress when stderr is a file", err)


def case_baseline():
    import shutil
    with tempfile.TemporaryDirectory() as tmp:
        # The baseline: pe-good a year earlier, HACCP plan only in progress.
        old_good = write(os.path.join(tmp, "good-2025.cfg"), open(GOOD).read().replace(
            'haccp_plan = "certified"', 'haccp_plan = "in_progress"'))
        old_js = os.path.join(tmp, "old.json")
        rc, out, err = run("audit", "-q", "--rubric-dir", RUBRIC, "--json", old_js, old_good)
        expect_status(rc, 0, out, err)
        rc, out, err, out_dir, js = audit_dir(tmp, "follow", 2, GOOD, SMALL,
                                              extra=("--baseline", old_js))
        expect_status(rc, 0, out, err)
        expect("pe-small" in err and "baseline" in err, "a firm without a baseline is named",
               err)
        old = json.load(open(old_js))["firms"][0]
        new = json.load(open(js))["firms"][0]
        expect(new["score"] > old["score"], "the follow-up scores higher", old, new)
        check = os.path.join(tmp, "check.py")
        write(check, r"""
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1], read_only=True).worksheets[0]
rows = list(ws.iter_rows(values_only=True))
head = rows[0]
c = head.index("Score change")
b = head.index("Baseline score")
g = head.index("Baseline grade")
i = head.index("Firm id")
for r in rows[1:]:
    print(r[i], r[b], r[c], r[g])
""")
        p = subprocess.run(["/usr/bin/python3", check, os.path.join(out_dir, "cohort.xlsx")],
                           capture_output=True, text=True)
        expect(p.returncode == 0, "cohort has the change columns", p.stdout, p.stderr)
        got = {l.split()[0]: l.split()[1:] for l in p.stdout.splitlines()}
        b, c, g = got["pe-good"]
        expect(abs(float(b) - old["score"]) < 1e-3 and
               abs(float(c) - (new["score"] - old["score"])) < 1e-3 and g == old["grade"],
               "baseline score, change and grade of pe-good", p.stdout, old, new)
        expect(got["pe-small"] == ["None", "None", "None"], "no baseline: empty cells", p.stdout)
        # The firm with a baseline gets the Progress sheet; the other does not.
        p = subprocess.run(["/usr/bin/python3", "-c",
                            "import sys, openpyxl\n"
                            "for f in sys.argv[1:]:\n"
                            "    print('Progress' in openpyxl.load_workbook(f).sheetnames)",
                            os.path.join(out_dir, "pe-good.xlsx"),
                            os.path.join(out_dir, "pe-small.xlsx")],
                           capture_output=True, text=True)
        expect(p.stdout.split() == ["True", "False"], "Progress sheet only with a baseline",
               p.stdout, p.stderr)
        # Baseline firms come from the checking pass's records in a temporary
        # file; where none can be written they are parsed again: the same
        # bytes either way, and with 2 workers (which inherit the records).
        rc, out, err = run("audit", "-j", "2", "--rubric-dir", RUBRIC, "-o",
                           os.path.join(tmp, "again"), "--baseline", old_js, GOOD, SMALL,
                           env={"SOURCE_DATE_EPOCH": "1700000000",
                                "TMPDIR": os.path.join(tmp, "no-such-dir")})
        expect_status(rc, 0, out, err)
        for name in ("pe-good.xlsx", "pe-good.pdf", "pe-small.xlsx", "cohort.xlsx"):
            a = open(os.path.join(out_dir, name), "rb").read()
            b = open(os.path.join(tmp, "again", name), "rb").read()
            expect(a == b, "the same %s from the records and from the JSON" % name)
        # A baseline file that cannot be read stops the run before any work.
        rc, out, err = run("audit", "--rubric-dir", RUBRIC, "--baseline",
                           write(os.path.join(tmp, "junk.json"), "{"), GOOD)
        expect_status(rc, 3, out, err)
        shutil.rmtree(out_dir)


def case_smoke():
    src = sys.argv[4]
    firms = sorted(os.path.join(src, "examples", "firms", f)
                   for f in os.listdir(os.path.join(src, "examples", "firms"))
                   if f.endswith(".cfg"))
    expect(firms, "example firms exist")
    plugin_dirs = [a for d in sys.argv[5:] for a in ("--plugin-dir", d)]
    rc, out, err = run("audit", "--rubric-dir", os.path.join(src, "rubrics"), *plugin_dirs,
                       "--json", "-", *firms)
    expect_status(rc, 0, out, err)
    doc = json.loads(out)
    expect(len(doc["firms"]) == len(firms), "every example firm audited", err)
    for f in doc["firms"]:
        expect("error" not in f and 0 <= f["score"] <= 100 and f["grade"], "firm scored", f)
        expect(f["route"], "firm routed", f)

    # Each example states "Expected: route R, grade G." in its header; the
    # audit must agree, and together they must show every route and grade.
    by_file = {f["file"]: f for f in doc["firms"]}
    for path in firms:
        with open(path, encoding="utf-8") as fh:
            m = re.search(r"Expected: route (\w+), grade ([A-D])", fh.read())
        expect(m, "example states its expected route and grade", path)
        got = by_file[path]
        expect((got["route"], got["grade"]) == m.groups(),
               "example audits as its header says", path, got["route"], got["grade"])
    expect({f["route"] for f in doc["firms"]} >= {"cbi", "pum", "local"},
           "examples cover every route", doc["firms"])
    expect({f["grade"] for f in doc["firms"]} >= set("ABCD"),
           "examples cover every grade", doc["firms"])

    # The shipped rubric, programmes and firms validate, plugins' questions included.
    progs = os.path.join(src, "rubrics", "programmes")
    rc, out, err = run("validate", *plugin_dirs, os.path.join(src, "rubrics"),
                       *sorted(os.path.join(progs, f) for f in os.listdir(progs)
                               if f.endswith(".cfg")),
                       *firms)
    expect_status(rc, 0, out, err)
    # The dated 2018 PUM criteria are kept as a programme set of their own.
    archive = os.path.join(progs, "archive")
    rc, out, err = run("validate", *sorted(os.path.join(archive, f)
                                           for f in os.listdir(archive) if f.endswith(".cfg")))
    expect_status(rc, 0, out, err)
    expect("pum-2018.cfg: ok" in out, "archived PUM 2018 criteria validate", out)

    # Every route's programme warns where its data is unverified (content
    # review 2026-12, section 2): CBI's terms of 2014, PUM's Peru coverage.
    for f in doc["firms"]:
        if f["route"] in ("cbi", "pum"):
            p = next(p for p in f["programmes"] if p["id"] == f["route"])
            expect("unverified" in p.get("caveat", ""), "route carries its caveat", f["id"], p)
    # SIPPO and PAI are judged alongside the route, never as it; their
    # unpublished selection rule leaves them undecided, never passed.
    for f in doc["firms"]:
        par = {p["id"]: p for p in f["programmes"] if p.get("parallel")}
        expect(set(par) == {"sippo", "pai"}, "parallel programmes listed", f["id"], par)
        for p in par.values():
            expect(p["eligible"] is None and
                   any(d["kind"] == "rule_unknown" for d in p["reason_details"]),
                   "parallel programme undecided on its unpublished rule", f["id"], p)
        expect(f["route"] not in par, "a parallel programme is never the route", f["id"])


if __name__ == "__main__":
    globals()["case_" + sys.argv[3]]()
    print("ok")
