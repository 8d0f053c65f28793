#!/usr/bin/env python3
"""selftest.py CHECKER SOURCE_DIR - proves the layer check can fail.

Copies the checked folders and the layer map into a scratch tree, checks
that the copy passes, then breaks it one way at a time (an upward include,
a sideways one, an internal header used from outside, a library linked to
the wrong layer, a file in no layer) and checks that each is reported with
the file and line and a non-zero exit status.
"""
import os
import shutil
import subprocess
import sys
import tempfile

checker, src = sys.argv[1], sys.argv[2]
failures = 0


def run(root):
    r = subprocess.run([sys.executable, checker, "--root", root], capture_output=True, text=True)
    return r.returncode, r.stdout + r.stderr


def expect(label, root, rc_want, *needles):
    global failures
    rc, out = run(root)
    missing = [n for n in needles if n not in out]
    if rc != rc_want or missing:
        failures += 1
        print(f"FAIL {label}: exit {rc} (want {rc_want}), missing {missing}\n{out}")
    else:
        print(f"ok   {label}")


def append(root, rel, text):
    with open(os.path.join(root, rel), "a", encoding="utf-8") as f:
        f.write(text)


def fresh():
    d = tempfile.mkdtemp(prefix="er-layers-")
    for top in ("core", "output", "cli", "plugins", "include"):
        shutil.copytree(os.path.join(src, top), os.path.join(d, top),
                        ignore=shutil.ignore_patterns("*.cfg", "*.md"))
    os.makedirs(os.path.join(d, "cmake"))
    shutil.copy(os.path.join(src, "cmake", "layers.txt"), os.path.join(d, "cmake"))
    return d


def lines(root, rel):
    with open(os.path.join(root, rel), encoding="utf-8") as f:
        return sum(1 for _ in f)


cases = []
d = fresh()
cases.append(d)
expect("the tree as it is", d, 0, "every include and library in order")

d = fresh()
cases.append(d)
n = lines(d, "core/base/er_types.c") + 1
append(d, "core/base/er_types.c", '#include "er_audit.h"\n')
expect("upward include base -> run", d, 1,
       f'core/base/er_types.c:{n}: includes "er_audit.h" (core/run/er_audit.h, layer run)')

d = fresh()
cases.append(d)
n = lines(d, "output/cohort/er_cohort.c") + 1
append(d, "output/cohort/er_cohort.c", '#include "er_output_firm.h"\n')
expect("sideways include cohort -> firm_book", d, 1, f"output/cohort/er_cohort.c:{n}:",
       "layer firm_book")

d = fresh()
cases.append(d)
n = lines(d, "cli/cmd_plugins.c") + 1
append(d, "cli/cmd_plugins.c", '#include "er_plugin_internal.h"\n')
expect("internal header from another folder", d, 1, f"cli/cmd_plugins.c:{n}:",
       "internal to core/plugin_host/")

d = fresh()
cases.append(d)
n = lines(d, "plugins/processed-food/processed_food.c") + 1
append(d, "plugins/processed-food/processed_food.c", '#include "er_types.h"\n')
expect("plugin including a core header", d, 1, f"plugins/processed-food/processed_food.c:{n}:")

d = fresh()
cases.append(d)
p = os.path.join(d, "core/engine/CMakeLists.txt")
with open(p, encoding="utf-8") as f:
    text = f.read()
with open(p, "w", encoding="utf-8") as f:
    f.write(text.replace("BELOW er_load", "BELOW er_plugin_host"))
expect("library linked to the wrong layer", d, 1, "core/engine/CMakeLists.txt:",
       "er_engine BELOW er_plugin_host")

d = fresh()
cases.append(d)
os.makedirs(os.path.join(d, "core/newlayer"))
append(d, "core/newlayer/er_new.c", "int er_new(void);\n")
expect("file in no layer", d, 1, "core/newlayer/er_new.c:1: no layer of the map covers this file")

for d in cases:
    shutil.rmtree(d)
sys.exit(1 if failures else 0)
