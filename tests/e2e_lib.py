"""e2e_lib.py - what the end-to-end case scripts share.

Imported by tests/honest/test_honest.py and tests/report/test_report.py,
each run as SCRIPT EXPORTREADY SOURCE_DIR PLUGIN_DIR CASE:
- run: the exportready under test, with nothing of the caller's
  environment choosing the rubric or the plugins and a fixed
  SOURCE_DATE_EPOCH, so every run writes reproducible bytes;
- expect / failed: checks that are counted, not raised, so one case
  reports every difference it finds;
- pdf_text / pdf_pages: a PDF read back with a real reader (pdftotext,
  pdfinfo, Debian poppler-utils);
- run_case: one named case_<CASE> function in a scratch directory, and the
  exit status of it.
"""
import os
import re
import subprocess
import sys
import tempfile

SOURCE_DATE_EPOCH = "1767225600"  # 2026-01-01 00:00 UTC
_failed = 0


def run(exe, *args, env=None):
    """exe ARGS without $EXPORTREADY_RUBRICS and $EXPORTREADY_PLUGIN_PATH, at
    the fixed SOURCE_DATE_EPOCH, env added on top: (status, stdout, stderr)."""
    e = dict(os.environ)
    e.pop("EXPORTREADY_RUBRICS", None)
    e.pop("EXPORTREADY_PLUGIN_PATH", None)
    e["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    if env:
        e.update(env)
    p = subprocess.run([exe, *args], capture_output=True, text=True, env=e)
    return p.returncode, p.stdout, p.stderr


def expect(cond, what, *context):
    """Counts a failed check and prints it with its context (each item cut
    at 2000 characters)."""
    global _failed
    if not cond:
        _failed += 1
        print("FAIL:", what)
        for c in context:
            print("   ", str(c)[:2000])


def failed():
    """How many checks have failed so far."""
    return _failed


def example_firms(firms_dir):
    """The example firm files (*.cfg) in firms_dir, sorted."""
    return sorted(os.path.join(firms_dir, f) for f in os.listdir(firms_dir)
                  if f.endswith(".cfg"))


def pdf_text(path):
    """The text of the PDF at path, white space folded to single spaces; a
    pdftotext that fails is a failed check."""
    p = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True)
    expect(p.returncode == 0, f"pdftotext {path}", p.stderr)
    return " ".join(p.stdout.split())


def pdf_pages(path):
    """The page count pdfinfo gives for the PDF at path; -1 when it gives none."""
    p = subprocess.run(["pdfinfo", path], capture_output=True, text=True)
    m = re.search(r"^Pages:\s+(\d+)", p.stdout, re.M)
    return int(m.group(1)) if m else -1


def run_case(namespace, case):
    """Runs namespace["case_" + case](tmp) in a fresh scratch directory tmp,
    removed afterwards; returns the exit status: 0 when every check passed,
    1 when one failed, 2 for an unknown case."""
    fn = namespace.get("case_" + case)
    if fn is None:
        known = sorted(n[5:] for n in namespace if n.startswith("case_"))
        print(f"unknown case {case}; known: {', '.join(known)}")
        return 2
    with tempfile.TemporaryDirectory(prefix="er-e2e-") as tmp:
        fn(tmp)
    if _failed:
        print(f"{_failed} check(s) failed")
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit("e2e_lib.py is imported by the end-to-end case scripts, not run")
