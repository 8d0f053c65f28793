#!/usr/bin/env python3
"""check_readme.py SOURCE_DIR - the README's first screen, as a newcomer meets it.

In a copy of the clone (git's tracked and untracked-but-not-ignored files,
so no build tree and no out/), runs scripts/demo.sh as the README says, then
every command line of the README's "Using it" section, as written, in one
bash with -e.  Checks that:
  - the demo prints exactly the per-firm lines the README shows, where the
    files are, and ends with the commands to type next (and no build noise);
  - each "Using it" line exits 0;
  - the files the lines write hold what they claim (JSON firms, Spanish
    workbook, a CSV cohort that audits to the same results as the .cfg files,
    a follow-up with a Progress sheet).
Needs the runtime packages installed (scripts/deps.sh --runtime) and
python3-openpyxl.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SRC = os.path.abspath(sys.argv[1])
failures = []


def expect(ok, what, detail=""):
    if not ok:
        failures.append(f"{what}\n{detail}".rstrip())


def readme():
    with open(os.path.join(SRC, "README.md"), encoding="utf-8") as f:
        return f.read()


def section(text, heading):
    """The text from '## heading' to the next level-2 heading."""
    m = re.search(r"^## " + re.escape(heading) + r"\n(.*?)(?=^## )", text, re.M | re.S)
    if not m:
        raise SystemExit(f"README has no '## {heading}' section")
    return m.group(1)


def blocks(text, lang):
    """The fenced code blocks of text whose info string is lang."""
    found, cur, info = [], None, None
    for line in text.splitlines():
        if line.startswith("```"):
            if cur is None:
                cur, info = [], line[3:].strip()
            else:
                if info == lang:
                    found.append("\n".join(cur) + "\n")
                cur = None
        elif cur is not None:
            cur.append(line)
    return found


def copy_clone(dest):
    files = subprocess.run(["git", "-C", SRC, "ls-files", "-z", "--cached", "--others",
                            "--exclude-standard"], check=True, capture_output=True).stdout
    for rel in files.decode().split("\0"):
        if not rel or not os.path.isfile(os.path.join(SRC, rel)):
            continue  # deleted in the work tree
        os.makedirs(os.path.join(dest, os.path.dirname(rel)), exist_ok=True)
        shutil.copy2(os.path.join(SRC, rel), os.path.join(dest, rel))


def main():
    text = readme()
    top = text[:text.index("## How it works")]
    # The per-firm lines the README promises: the first block without a language.
    shown = [l for l in blocks(top, "")[0].splitlines() if l.strip()]
    using = section(text, "Using it")
    lines = [l for b in blocks(using, "sh") for l in b.splitlines() if l.strip()]
    expect(len(lines) >= 10, "the Using it section has its command lines", "\n".join(lines))

    with tempfile.TemporaryDirectory(prefix="er-readme-") as tmp:
        clone = os.path.join(tmp, "clone")
        copy_clone(clone)
        demo = subprocess.run(["scripts/demo.sh"], cwd=clone, capture_output=True, text=True)
        expect(demo.returncode == 0, "scripts/demo.sh exits 0", demo.stdout + demo.stderr)
        out = [l for l in demo.stdout.splitlines() if l.strip()]
        expect(out[:len(shown)] == shown, "the demo prints the lines the README shows",
               "README:\n" + "\n".join(shown) + "\ndemo:\n" + "\n".join(out))
        expect(len(out) <= len(shown) + 6, "the demo prints nothing more than a few lines",
               demo.stdout)
        expect(demo.stderr.strip() == "", "the demo is quiet on stderr", demo.stderr)
        expect(out and out[-1].strip().startswith("exportready "),
               "the demo ends with a command to type next", demo.stdout)

        script = "set -euo pipefail\n" + "".join(
            f"echo '+ {i}' >&2\n{l}\n" for i, l in enumerate(lines))
        env = dict(os.environ, MANPAGER="cat", PAGER="cat", MANWIDTH="80")
        for var in ("EXPORTREADY_RUBRICS", "EXPORTREADY_PLUGIN_PATH"):
            env.pop(var, None)
        run = subprocess.run(["bash", "-c", script], cwd=clone, env=env, capture_output=True,
                             text=True)
        last = re.findall(r"^\+ (\d+)$", run.stderr, re.M)
        where = lines[int(last[-1])] if last else "?"
        expect(run.returncode == 0, f"every Using it line exits 0 (failed: {where})",
               run.stderr[-3000:])
        if run.returncode == 0:
            check_outputs(clone, run.stdout)

    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    sys.exit(1 if failures else 0)


def firms(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    for firm in doc["firms"]:
        firm.pop("file", None)
    return doc["firms"]


def check_outputs(clone, stdout):
    import openpyxl
    cfg = firms(os.path.join(clone, "out", "results.json"))
    n = len([f for f in os.listdir(os.path.join(clone, "examples", "firms")) if f.endswith(".cfg")])
    expect(n >= 8 and len(cfg) == n and all(f.get("score") is not None for f in cfg),
           f"out/results.json holds the {n} audited example firms", str(len(cfg)))
    csv = firms(os.path.join(clone, "out-csv", "results.json"))
    expect(csv == cfg, "examples/cohort.csv audits to the same results as examples/firms/*.cfg")
    expect(firms(os.path.join(clone, "out-j2", "results.json")) == cfg, "-j 2 gives the same results")
    es = openpyxl.load_workbook(os.path.join(clone, "out-es", "pe-frutos-chanchamayo.xlsx"))
    cells = " ".join(str(c.value) for row in es.worksheets[0].iter_rows() for c in row
                     if c.value is not None)
    expect("Puntaje" in cells or "puntaje" in cells or "Preparación" in cells,
           "the --lang es workbook is in Spanish", cells[:400])
    intake = openpyxl.load_workbook(os.path.join(clone, "intake.xlsx"))
    expect(max(ws.max_row for ws in intake.worksheets) > 20,
           "the intake template lists questions", str(intake.sheetnames))
    fu = openpyxl.load_workbook(os.path.join(clone, "follow-up", "pe-valle-alto-cafe.xlsx"))
    expect(any("Progr" in n for n in fu.sheetnames), "the follow-up workbook has a Progress sheet",
           str(fu.sheetnames))
    rep = openpyxl.load_workbook(os.path.join(clone, "out-report", "pe-raices-andinas.xlsx"))
    expect(len(rep.sheetnames) >= 4, "report renders the workbooks again", str(rep.sheetnames))
    expect("pe-nuti-alimentos" in stdout and "EXPORTREADY" in stdout.upper(),
           "validate, plugins, help and man print to stdout", stdout[-2000:])


if __name__ == "__main__":
    main()
