#!/usr/bin/python3
"""What the PDF report adds per firm, against what the firm workbook costs (issue 13).

Generates N firms (bench/gen_firms, deterministic) and times, in interleaved
rounds (median of R):
  json     audit --json only (no output directory): the audit itself;
  xlsx     audit -o DIR --no-pdf: the audit and the workbooks;
  xlsx+pdf audit -o DIR: the audit, the workbooks and the PDF reports.
Workbook cost per firm = (xlsx - json) / N; PDF cost per firm =
(xlsx+pdf - xlsx) / N.  The goal: PDF cost below workbook cost.

Usage: bench/pdf_cost.py --build BUILD [--n 300] [--repeat 3] [--jobs 1]
Standard library only; GNU time is not needed (wall time only).
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time


def run(cmd, cwd):
    """(wall seconds, CPU seconds user+sys of the run and its children)."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1795305600")
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.monotonic()
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.monotonic() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit(f"{cmd[:3]}: exit {p.returncode}: {p.stderr.decode()[-800:]}")
    return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", required=True)
    ap.add_argument("--source", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", default="1")
    ap.add_argument("--work", default="/tmp/exportready-pdf-bench")
    a = ap.parse_args()
    build = os.path.abspath(a.build)
    exe = os.path.join(build, "core", "exportready")
    rubrics = os.path.join(a.source, "rubrics")
    plugins = os.path.join(build, "sector-plugins")
    firms = os.path.join(a.work, "firms")
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(firms)
    subprocess.run([os.path.join(build, "bench", "gen_firms"), "--seed", "2026", rubrics, firms,
                    str(a.n)], check=True, stdout=subprocess.DEVNULL)
    names = sorted(os.listdir(firms))
    base = [exe, "audit", "-q", "-j", a.jobs, "--rubric-dir", rubrics, "--plugin-dir", plugins]
    out = os.path.join(a.work, "out")
    configs = {
        "json": base + ["--json", os.path.join(a.work, "r.json")],
        "xlsx": base + ["-o", out, "--no-pdf"],
        "xlsx+pdf": base + ["-o", out],
    }
    times = {k: [] for k in configs}
    cpus = {k: [] for k in configs}
    for _ in range(a.repeat):
        for k, cmd in configs.items():
            shutil.rmtree(out, ignore_errors=True)
            w, c = run(cmd + names, firms)
            times[k].append(w)
            cpus[k].append(c)
    med = {k: statistics.median(v) for k, v in times.items()}
    cpu = {k: statistics.median(v) for k, v in cpus.items()}
    n = a.n
    print(f"N = {n}, -j {a.jobs}, median of {a.repeat} interleaved rounds")
    print("| run | wall_s | cpu_s |")
    print("|---|---|---|")
    for k in configs:
        print(f"| {k} | {med[k]:.3f} | {cpu[k]:.3f} |")
    # CPU is the figure to compare: on a shared machine wall time is mostly
    # waiting for the disk, alike for both outputs.
    wb = (cpu["xlsx"] - cpu["json"]) / n * 1000
    pdf = (cpu["xlsx+pdf"] - cpu["xlsx"]) / n * 1000
    wbw = (med["xlsx"] - med["json"]) / n * 1000
    pdfw = (med["xlsx+pdf"] - med["xlsx"]) / n * 1000
    print(f"CPU per firm: workbook {wb:.2f} ms, PDF report {pdf:.2f} ms "
          f"({pdf / wb * 100:.0f} % of the workbook's)" if wb > 0 else "workbook CPU not measurable")
    print(f"wall per firm: workbook {wbw:.2f} ms, PDF report {pdfw:.2f} ms")
    return 0 if pdf < wb else 1

if __name__ == "__main__":
    sys.exit(main())
