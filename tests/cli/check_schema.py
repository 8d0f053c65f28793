#!/usr/bin/python3
"""check_schema.py EXPORTREADY SOURCE_DIR SECTOR_PLUGIN_DIR [SEGV_PLUGIN_DIR]

share/results.schema.json against what audit writes, beyond the CLI and
report suites (which check every results file they write): the example
firms as .cfg and as a CSV cohort, -j 2, --as-of, a cohort with failing
rows and files, and a plugin that crashes (unknown findings with notes).
Then shows the schema is not vacuous: mutated documents are refused.
"""
import copy
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import results_schema  # noqa: E402

EXE, SRC, PLUGINS = sys.argv[1:4]
SEGV = sys.argv[4] if len(sys.argv) > 4 else None
FIRMS = sorted(os.path.join(SRC, "examples", "firms", f)
               for f in os.listdir(os.path.join(SRC, "examples", "firms")) if f.endswith(".cfg"))
CLI = os.path.join(SRC, "tests", "data", "cli")
failures = []


def expect(ok, what, detail=""):
    if not ok:
        failures.append(f"{what}: {detail}"[:3000])


def audit(*args, want=(0, 1)):
    p = subprocess.run([EXE, "audit", "-q", "--json", "-", *args], capture_output=True, text=True)
    expect(p.returncode in want, f"audit {' '.join(args)[:200]} exits {want}", p.stderr)
    try:
        doc = json.loads(p.stdout)
    except ValueError:
        expect(False, "audit wrote JSON", p.stdout[:300])
        return None
    errs = results_schema.errors(doc)
    expect(not errs, f"audit {' '.join(args)[:200]} matches the schema", "\n".join(errs[:10]))
    return doc


def main():
    real = ["--rubric-dir", os.path.join(SRC, "rubrics"), "--plugin-dir", PLUGINS]
    doc = audit(*real, *FIRMS, want=(0,))
    audit(*real, os.path.join(SRC, "examples", "cohort.csv"), want=(0,))
    audit(*real, "-j", "2", "--as-of", "2026-12-01", *FIRMS, want=(0,))
    fixture = ["--rubric-dir", os.path.join(CLI, "rubric")]
    mixed = audit(*fixture, os.path.join(CLI, "firms", "good.cfg"), os.path.join(CLI, "firms", "bad.cfg"),
                  os.path.join(CLI, "firms", "broken.cfg"),
                  os.path.join(SRC, "tests", "data", "csv", "bad_rows.csv"), want=(1,))
    expect(mixed and any("error" in f for f in mixed["firms"]) and any("score" in f for f in mixed["firms"]),
           "the mixed run has audited and failed firms", mixed)
    if SEGV:
        crashed = audit("--rubric-dir", os.path.join(CLI, "rubric-plugin"), "--plugin-dir", SEGV,
                        "--plugin-timeout", "2", os.path.join(CLI, "firms", "plugin.cfg"), os.path.join(CLI, "firms", "good.cfg"), want=(1,))
        expect(crashed and any(f["status"] == "unknown" and f.get("note") for f in crashed["firms"][0]["findings"]),
               "a crashing plugin's checks are unknown", crashed)
    if doc is None:
        return
    # Not vacuous: each of these mutations must be refused.
    def mutated(fn):
        d = copy.deepcopy(doc)
        fn(d)
        return results_schema.errors(d)
    firm = lambda d: d["firms"][0]  # noqa: E731
    cases = {
        "score missing": lambda d: firm(d).pop("score"),
        "score above 100": lambda d: firm(d).update(score=101.0),
        "grade not a letter": lambda d: firm(d).update(grade="B+"),
        "unknown finding status": lambda d: firm(d)["findings"][0].update(status="ok"),
        "unknown key": lambda d: firm(d).update(extra=1),
        "coverage above 1": lambda d: firm(d).update(coverage=1.5),
        "failed firm with a score": lambda d: d["firms"].append({"id": "x", "file": "f", "error": "e", "score": 1}),
        "rubric without version": lambda d: d["rubric"].pop("version"),
        "bad as_of": lambda d: d.update(as_of="01/12/2026"),
        "another tool": lambda d: d.update(tool="other"),
    }
    for what, fn in cases.items():
        expect(mutated(fn), f"the schema refuses a document with {what}")


if __name__ == "__main__":
    main()
    for f in failures:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)
