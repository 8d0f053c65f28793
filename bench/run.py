#!/usr/bin/env python3
"""bench/run.py - times `exportready audit` against the libxlsxwriter floor.

    bench/run.py --build BUILD_DIR [--sizes 100,1000,10000] [--jobs 1,2]
                 [--work DIR] [--report FILE] [--seed S]
                 [--modes audit,report,baseline,peer] [--repeat R]

For each size N it generates N firms (bench/gen_firms, deterministic), then
runs, each in a fresh output directory:
  * the floor (bench/floor): the same workbooks with bare libxlsxwriter;
  * `exportready audit -o DIR` (firm workbooks + cohort workbook), with and
    without plugin isolation (--no-isolate), for each -j value the CLI
    supports (-j is skipped, with a note, when `exportready help audit` does
    not list it);
and, from a results JSON of the same N firms (written once, untimed, by
`audit -j 2 --json`; issue 19):
  * `exportready report -o DIR RESULTS.json` (program "report");
  * `exportready audit -o DIR --baseline RESULTS.json` (program "baseline":
    a follow-up of the same firms, each found in the baseline), isolated,
    for each -j;
  * bench/peer_xlsxwriter.py, the same workbooks with Python XlsxWriter
    (program "peer"; skipped with a note without python3-xlsxwriter).
Per run it reports wall seconds, firms per second, bytes written, peak RSS
(GNU time %M: the process itself, not its forked plugin children) and our time as a ratio to the floor.

The floor is sized from a real audit: a calibration run of the first firms
with --json gives the criteria, dimensions, actions, blockers and programmes
per firm; the rubric files give the mean text lengths (see calibrate()).

Outputs are kept, a directory per run, and deleted in one go when they
pass --out-budget-gib; the run after a deletion waits --settle seconds
(see LAST_DELETE for why).

Only the Python standard library is used.  No timing is asserted: this
prints figures, it does not judge them.
"""
import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time

# The peer runs on Debian's Python, where python3-xlsxwriter installs.
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable

COLUMNS = ["n", "program", "isolate", "jobs", "exit", "wall_s", "firms_per_s", "bytes",
           "peak_rss_mib", "ratio_to_floor", "cpu_s", "cpu_ratio_to_floor"]


def raise_stack():
    # The kernel allows argv up to min(stack limit / 4, 6 MiB): 100 000 file
    # names need more than the default 8 MiB stack gives (2 MiB).
    soft, hard = resource.getrlimit(resource.RLIMIT_STACK)
    want = 64 * 1024 * 1024
    if hard == resource.RLIM_INFINITY or hard >= want:
        resource.setrlimit(resource.RLIMIT_STACK, (want, hard))


def timed(cmd, cwd=None, env=None, rss_file="/tmp/exportready-bench.rss"):
    """Runs cmd; returns (exit status, wall seconds, peak RSS in KiB, CPU
    seconds).

    Peak RSS comes from GNU time's %M (wait4 of its own child): measuring
    our child directly would count Python's RSS, because the kernel keeps the
    high-water mark of the forked Python image across execve.  CPU seconds
    are user + system of the command and every child it waited for (workers,
    plugin children): on a shared machine they move far less than wall
    time, but they do not show what -j gains."""
    start = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", "-o", rss_file] + cmd, cwd=cwd,
                       env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       preexec_fn=raise_stack)
    wall = time.monotonic() - start
    if p.returncode != 0:
        sys.stderr.write(p.stderr.decode("utf-8", "replace")[-2000:])
    with open(rss_file, encoding="ascii") as f:
        user, system, rss = f.read().split()[-3:]
    return p.returncode, wall, int(rss), float(user) + float(system)


def dir_bytes(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(root, f))
    return total


OUT = "<out>"  # in a configuration's command: the run's output directory

# When the bench last deleted files (time.monotonic()).  On a journal-less
# ext4 (this machine's root: `dumpe2fs -h` lists no has_journal), creating a
# file makes the inode allocator step over every inode deleted in the last
# 30 seconds (fs/ext4/ialloc.c, find_inode_bit -> recently_deleted), and each
# step reads an inode-table block.  A run that starts right after the bench
# removed the previous run's 1 000 workbooks paid that for every workbook it
# created: 0.7-1.2 s of a 6-7 s run (audit -j 1 of 1 000 firms, 2026-12-01),
# the same for every program, so it was the bench measuring its own clean-up.
LAST_DELETE = [0.0]


def remove_tree(path):
    if os.path.lexists(path):
        shutil.rmtree(path, ignore_errors=True)
        LAST_DELETE[0] = time.monotonic()


def settle(seconds):
    """Waits until `seconds` have passed since the bench last deleted files."""
    left = LAST_DELETE[0] + seconds - time.monotonic()
    if left > 0:
        time.sleep(left)


def fresh(path):
    remove_tree(path)
    os.makedirs(path)
    return path


class Outputs:
    """A directory of its own for every timed run, kept until the kept ones
    pass budget bytes; then all go at once and the next run waits `settle`
    seconds (see LAST_DELETE), so deleting costs one pause, not every run."""

    def __init__(self, work, budget, settle_s):
        self.work, self.budget, self.settle_s = work, budget, settle_s
        self.kept, self.bytes, self.seq = [], 0, 0
        for name in os.listdir(work):
            if name == "out" or name.startswith("out-"):
                remove_tree(os.path.join(work, name))

    def next_dir(self):
        if self.bytes > self.budget:
            self.clear()
        self.seq += 1
        path = os.path.join(self.work, "out-%d" % self.seq)
        fresh(path)
        settle(self.settle_s)
        return path

    def done(self, path, nbytes):
        self.kept.append(path)
        self.bytes += nbytes

    def clear(self):
        for path in self.kept:
            remove_tree(path)
        self.kept, self.bytes = [], 0


EN_TEXT = re.compile(r'(title|recommendation)\s*=\s*\{\s*en\s*=\s*"((?:[^"\\]|\\.)*)"', re.S)
REFERENCE = re.compile(r'reference\s*=\s*"((?:[^"\\]|\\.)*)"')


def rubric_texts(rubric_dir):
    """Mean lengths of criterion titles, recommendations and references,
    and the number of criteria the Market requirements sheet lists (any in
    a module file, or naming markets)."""
    lens = {"title": [], "recommendation": [], "reference": []}
    market_rows = 0
    for root, _, files in os.walk(rubric_dir):
        if os.path.basename(root) == "programmes":
            continue
        for name in sorted(files):
            if not name.endswith(".cfg"):
                continue
            text = open(os.path.join(root, name), encoding="utf-8").read()
            for kind, s in EN_TEXT.findall(text):
                lens[kind].append(len(s))
            lens["reference"] += [len(s) for s in REFERENCE.findall(text)]
            n_crit = len(re.findall(r'\{\s*id\s*=\s*"', text))
            if name == "readiness.cfg":
                market_rows += len(re.findall(r"markets\s*=\s*\[", text))
            else:
                market_rows += n_crit
    mean = {k: int(sum(v) / len(v)) if v else 40 for k, v in lens.items()}
    return mean, market_rows


def calibrate(exe, rubric_dir, plugin_dir, files, work):
    """Floor options from a real audit of the given firms."""
    out = fresh(os.path.join(work, "calibrate"))
    js = os.path.join(out, "r.json")
    subprocess.run([exe, "audit", "-q", "--rubric-dir", rubric_dir, "--plugin-dir", plugin_dir,
                    "--json", js] + files, check=True)
    firms = [f for f in json.load(open(js, encoding="utf-8"))["firms"] if "error" not in f]
    n = max(len(firms), 1)
    actions = sum(sum(1 for x in f["findings"] if x["status"] not in ("met", "not_applicable"))
                  for f in firms) / n
    blockers = sum(len(f["blockers"]) for f in firms) / n
    lens, market_rows = rubric_texts(rubric_dir)
    opts = {
        "--criteria": len(firms[0]["findings"]),
        "--dims": len(firms[0]["dimensions"]),
        "--programmes": len(firms[0]["programmes"]),
        "--actions": round(actions),
        "--blockers": round(blockers),
        "--market-rows": market_rows,
        "--title-len": lens["title"],
        "--rec-len": lens["recommendation"],
        "--ref-len": lens["reference"],
    }
    args = []
    for k, v in opts.items():
        args += [k, str(v)]
    return args


def supports_jobs(exe):
    r = subprocess.run([exe, "help", "audit"], capture_output=True, text=True)
    return re.search(r"(^|\s)-j\b|--jobs", r.stdout + r.stderr) is not None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", required=True)
    ap.add_argument("--source", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--work", default="/tmp/exportready-bench")
    ap.add_argument("--report", default="-")
    ap.add_argument("--seed", default="2026")
    ap.add_argument("--isolate", default="yes,no", help="yes,no | yes | no")
    ap.add_argument("--keep", action="store_true", help="keep the output directories")
    ap.add_argument("--out-budget-gib", type=float, default=4.0,
                    help="output kept before it is deleted in one go (default 4 GiB)")
    ap.add_argument("--settle", type=float, default=31.0,
                    help="seconds between deleting files and the next timed run "
                         "(default 31: see LAST_DELETE; 0 turns it off)")
    ap.add_argument("--modes", default="audit,report,baseline,peer",
                    help="which programs besides the floor: audit,report,baseline,peer")
    ap.add_argument("--repeat", type=int, default=1,
                    help="R rounds, each running every configuration once in turn; "
                         "wall_s is the median over the rounds, peak RSS the highest")
    a = ap.parse_args()
    # Same timestamps in every workbook, so "bytes" compares content only.
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795305600")

    build = os.path.abspath(a.build)
    exe = os.path.join(build, "cli", "exportready")
    gen = os.path.join(build, "bench", "gen_firms")
    floor = os.path.join(build, "bench", "floor")
    plugin_dir = os.path.join(build, "sector-plugins")
    rubric_dir = os.path.join(a.source, "rubrics")
    sizes = [int(s) for s in a.sizes.split(",") if s]
    jobs = [int(j) for j in a.jobs.split(",") if j]
    if not supports_jobs(exe):
        if any(j != 1 for j in jobs):
            print("note: this exportready has no -j; measuring -j 1 only", file=sys.stderr)
        jobs = [None]
    modes = set(m for m in a.modes.split(",") if m)
    peer = os.path.join(a.source, "bench", "peer_xlsxwriter.py")
    peer_ok = "peer" in modes and subprocess.run([PYTHON, "-c", "import xlsxwriter"],
                                                 capture_output=True).returncode == 0
    if "peer" in modes and not peer_ok:
        print("note: %s has no xlsxwriter (Debian python3-xlsxwriter); no peer run" % PYTHON,
              file=sys.stderr)
    work = os.path.abspath(a.work)
    os.makedirs(work, exist_ok=True)
    rss_file = os.path.join(work, "rss")

    firms_dir = os.path.join(work, "firms")
    fresh(firms_dir)
    subprocess.run([gen, "--seed", a.seed, rubric_dir, firms_dir, str(max(sizes))], check=True)
    names = sorted(os.listdir(firms_dir), key=lambda s: s[-10:])  # by firm number
    floor_opts = calibrate(exe, rubric_dir, plugin_dir,
                           [os.path.join(firms_dir, f) for f in names[:min(60, len(names))]],
                           work)

    outputs = Outputs(work, int(a.out_budget_gib * (1 << 30)), a.settle)
    load_start = os.getloadavg()
    rows = []
    for n in sizes:
        files = names[:n]  # relative to firms_dir: short argv for large N
        out = OUT  # each run's own directory, put in by run_dir() below
        # Every configuration of this size, the floor first.
        configs = [("floor", "-", "-", [floor] + floor_opts + [out, str(n)], None)]
        # Workbooks only, like the floor; bench/pdf_cost.py measures the PDFs.
        common = ["--rubric-dir", rubric_dir, "--plugin-dir", plugin_dir, "-o", out, "--no-pdf"]
        if "audit" in modes:
            for iso in a.isolate.split(","):
                for j in jobs:
                    cmd = [exe, "audit", "-q"] + common
                    if iso == "no":
                        cmd.append("--no-isolate")
                    if j is not None:
                        cmd += ["-j", str(j)]
                    configs.append(("exportready", iso, j if j is not None else 1, cmd + files,
                                    firms_dir))
        if modes & {"report", "baseline", "peer"}:
            results = os.path.join(work, "results-%d.json" % n)
            subprocess.run([exe, "audit", "-q", "-j", "2", "--rubric-dir", rubric_dir,
                            "--plugin-dir", plugin_dir, "--json", results] + files,
                           cwd=firms_dir, check=True, preexec_fn=raise_stack)
            if "report" in modes:
                configs.append(("report", "-", "-", [exe, "report", "-q", "--rubric-dir",
                                                     rubric_dir, "-o", out, "--no-pdf", results],
                                None))
            if "baseline" in modes:
                for j in jobs:
                    cmd = [exe, "audit", "-q"] + common + ["--baseline", results]
                    if j is not None:
                        cmd += ["-j", str(j)]
                    configs.append(("baseline", "yes", j if j is not None else 1, cmd + files,
                                    firms_dir))
            if peer_ok:
                configs.append(("peer", "-", "-", [PYTHON, peer, results, out], None))
        # Rounds run every configuration once, in turn, so a slow spell of
        # this shared machine hits all of them alike; each is reported by
        # its median over the rounds.
        walls = [[] for _ in configs]
        cpus = [[] for _ in configs]
        peak = [0] * len(configs)
        size = [0] * len(configs)
        status = [0] * len(configs)
        for _ in range(max(1, a.repeat)):
            for k, (_, _, _, cmd, cwd) in enumerate(configs):
                if status[k] != 0:
                    continue
                run_out = outputs.next_dir()
                rc, wall, rss, cpu = timed([run_out if c == OUT else c for c in cmd], cwd=cwd,
                                           rss_file=rss_file)
                status[k] = rc
                walls[k].append(wall)
                cpus[k].append(cpu)
                peak[k] = max(peak[k], rss)
                size[k] = dir_bytes(run_out)
                outputs.done(run_out, size[k])
        floor_wall = statistics.median(walls[0])
        floor_cpu = max(statistics.median(cpus[0]), 0.001)
        for k, (prog, iso, j, _, _) in enumerate(configs):
            wall = statistics.median(walls[k])
            cpu = statistics.median(cpus[k])
            rows.append([n, prog, iso, j, status[k], wall, n / wall, size[k], peak[k] / 1024.0,
                         wall / floor_wall, cpu, cpu / floor_cpu])
        if not a.keep:
            outputs.clear()

    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for r in rows:
        cells = [str(r[0]), r[1], r[2], str(r[3]), str(r[4]), "%.3f" % r[5], "%.1f" % r[6],
                 str(r[7]), "%.1f" % r[8], "%.2f" % r[9], "%.2f" % r[10], "%.2f" % r[11]]
        lines.append("| " + " | ".join(cells) + " |")
    # The machine may be shared: say how loaded it was, so a reader can
    # judge the wall times (and -j 2's speed-up) that came out.
    load_end = os.getloadavg()
    text = "floor options: %s\nload average (1, 5, 15 min) at start %s, at end %s\n\n%s\n" % (
        " ".join(floor_opts), " ".join("%.2f" % x for x in load_start),
        " ".join("%.2f" % x for x in load_end), "\n".join(lines))
    if a.report == "-":
        sys.stdout.write(text)
    else:
        with open(a.report, "w", encoding="utf-8") as f:
            f.write(text)
    return 1 if any(r[4] != 0 for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
