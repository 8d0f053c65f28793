#!/usr/bin/python3
"""Bench (issue 12): reading a cohort from .xlsx against the same cohort as .csv.

    bench/intake_read.py --build BUILD [--rows 10000] [--repeat 3] [--work DIR]

Writes one cohort of ROWS firms (the six example firms in turn, each with
its own id) as CSV and as an openpyxl workbook with typed cells (numbers,
dates), then times `exportready validate --quiet` on each: it reads and
checks every row without auditing, so the difference is the reader.
Reports wall and CPU (user + system) seconds, medians of REPEAT runs
interleaved, peak RSS (GNU time) and the xlsx/csv ratios; on a shared
machine the CPU ratio is the steadier one.  The issue's budget is a ratio of 2.  Not a
test: nothing is asserted.
"""
import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SRC, "tests", "intake"))
import intake_lib as L  # noqa: E402


def cohort(rows):
    ex = sorted(os.path.join(SRC, "examples", "firms", n)
                for n in os.listdir(os.path.join(SRC, "examples", "firms")) if n.endswith(".cfg"))
    base = [L.firm_cells(L.read_cfg(p)["firm"]) for p in ex]
    cols = []
    for r in base:
        cols += [k for k in r if k not in cols]
    out = []
    for i in range(rows):
        r = dict(base[i % len(base)])
        r["id"] = f"pe-bench-{i:06d}"
        out.append(r)
    return cols, out


def write_csv(path, cols, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(cols)
        for r in rows:
            w.writerow(["" if r.get(c) is None else
                        (r[c].isoformat() if hasattr(r[c], "isoformat") else r[c]) for c in cols])


def write_xlsx(path, cols, rows):
    import openpyxl
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Cohort")
    ws.append(cols)
    for r in rows:
        ws.append([r.get(c) for c in cols])
    wb.save(path)


def timed(cmd):
    t0 = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", *cmd], capture_output=True, text=True)
    wall = time.monotonic() - t0
    rss_kib, user, sys_s = p.stderr.strip().splitlines()[-1].split()
    return p.returncode, wall, int(rss_kib), float(user) + float(sys_s)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--rows", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", default=None)
    a = ap.parse_args()
    exe = os.path.join(a.build, "cli", "exportready")
    plugins = os.path.join(a.build, "sector-plugins")
    work = a.work or tempfile.mkdtemp(prefix="er-bench-intake-")
    os.makedirs(work, exist_ok=True)
    cols, rows = cohort(a.rows)
    paths = {"csv": os.path.join(work, "cohort.csv"), "xlsx": os.path.join(work, "cohort.xlsx")}
    write_csv(paths["csv"], cols, rows)
    write_xlsx(paths["xlsx"], cols, rows)
    runs = {k: [] for k in paths}
    for _ in range(a.repeat):
        for k, p in paths.items():
            rc, wall, rss, cpu = timed([exe, "validate", "--quiet", "--rubric-dir",
                                   os.path.join(SRC, "rubrics"), "--plugin-dir", plugins, p])
            if rc != 0:
                sys.exit(f"validate {p} exited {rc}")
            runs[k].append((wall, rss, cpu))
    print(f"rows={a.rows} columns={len(cols)} repeat={a.repeat}")
    print("| file | bytes | wall_s (median) | cpu_s (median) | peak_rss_mib |")
    print("|---|---|---|---|---|")
    med, cpu = {}, {}
    for k, p in paths.items():
        med[k] = statistics.median(w for w, _, _ in runs[k])
        cpu[k] = statistics.median(c for _, _, c in runs[k])
        rss = max(r for _, r, _ in runs[k]) / 1024
        print(f"| {os.path.basename(p)} | {os.path.getsize(p)} | {med[k]:.3f} | {cpu[k]:.3f} "
              f"| {rss:.1f} |")
    print(f"xlsx/csv ratio: wall {med['xlsx'] / med['csv']:.2f}, cpu "
          f"{cpu['xlsx'] / cpu['csv']:.2f} (budget 2.00)")


if __name__ == "__main__":
    main()
