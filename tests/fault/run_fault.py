#!/usr/bin/env python3
"""Fault injection (docs/security.md).

usage: run_fault.py EXPORTREADY SOURCE_DIR PLUGIN_ROOT CASE [VALGRIND]

Each case breaks one thing the run depends on and checks that the run
reports it precisely (exit status and message naming the file or plugin),
that what was already finished is intact (workbooks open in openpyxl), and
that no temporary or half-written file is left behind.  The techniques work
as root (CI runs as root, and root ignores file permissions): a path whose
parent is a regular file (ENOTDIR), RLIMIT_FSIZE (EFBIG: "disk full" during
the workbook write), missing directories, and plugins that misbehave.
"""
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile

EXE, SRC, PLUGINS = (os.path.abspath(a) for a in sys.argv[1:4])
CASE = sys.argv[4]
DATA = os.path.join(SRC, "tests", "data", "cli")
RUBRIC = os.path.join(DATA, "rubric-plugin")
PLUGIN_FIRM = os.path.join(DATA, "firms", "plugin.cfg")
GOOD = os.path.join(DATA, "firms", "good.cfg")
DEFAULT_PLUGIN_DIR = os.environ.get("ER_DEFAULT_PLUGIN_DIR", "")
SMALL = os.path.join(DATA, "firms", "small.cfg")
failures = []


def expect(cond, what, detail=""):
    if not cond:
        failures.append(f"{what}: {detail}")


def run(args, preexec=None, env=None):
    env = dict(os.environ, LC_ALL="C", SOURCE_DATE_EPOCH="1767225600", **(env or {}))
    p = subprocess.run([EXE] + args, capture_output=True, preexec_fn=preexec, timeout=300,
                       env=env)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def opens(path):
    import openpyxl
    try:
        return len(openpyxl.load_workbook(path).worksheets) > 0
    except Exception as e:  # any reader failure means a broken workbook
        failures.append(f"{path} does not open: {e}")
        return False


def plugin(kind, note):
    """A plugin misbehaving in its check: the firm's check is unknown with a
    precise note, exit 1, the other firm and every output are complete."""
    out = tempfile.mkdtemp(prefix="er-fault-")
    try:
        # exit() in the forked child runs LeakSanitizer there (sanitizer
        # build), which sees the parent's heap as leaked and changes the
        # child's status: leak checks belong to the parent, so off here.
        env = {"ASAN_OPTIONS": "detect_leaks=0"} if kind == "exit" else None
        rc, _, err = run(["audit", "-q", "--plugin-timeout", "1", "--rubric-dir", RUBRIC,
                          "--plugin-dir", os.path.join(PLUGINS, kind), "-o", out,
                          "--json", os.path.join(out, "r.json"), PLUGIN_FIRM, GOOD], env=env)
        expect(rc == 1, "exit status 1", f"{rc}: {err}")
        expect(err == f"exportready: {PLUGIN_FIRM}: a sector plugin failed for this firm; "
               "its checks are unknown\n", "message names the firm", err)
        with open(os.path.join(out, "r.json"), encoding="utf-8") as f:
            firms = json.load(f)["firms"]
        crash = [x for x in firms[0]["findings"] if x["criterion"] == "crash_check"][0]
        expect(crash["status"] == "unknown", "check unknown", crash)
        expect(crash.get("note") == note, "precise note", crash.get("note"))
        expect("error" not in firms[1] and firms[1]["score"] is not None, "other firm audited",
               firms[1])
        expect(sorted(os.listdir(out)) == ["cohort.xlsx", "pe-good.pdf", "pe-good.xlsx",
                                           "pe-plugin.pdf", "pe-plugin.xlsx", "r.json"],
               "outputs", os.listdir(out))
        for b in ("cohort.xlsx", "pe-good.xlsx", "pe-plugin.xlsx"):
            opens(os.path.join(out, b))
    finally:
        shutil.rmtree(out)


def plugin_scribble():
    """A plugin that writes junk to every descriptor 0-1023 it has (issue
    17, F6) costs only its firm: isolated, its process holds nothing of the
    audit's; in-process (--no-isolate) it corrupts only its own worker's
    pipe, which is noticed and costs the firm it was auditing.  The results
    JSON is valid and every other firm is audited, at -j 1 and -j 2."""
    for mode in ([], ["--no-isolate"]):
        for jobs in ("1", "2"):
            out = tempfile.mkdtemp(prefix="er-fault-")
            try:
                js = os.path.join(out, "r.json")
                rc, stdout, err = run(["audit", "-q", "-j", jobs, *mode, "--rubric-dir", RUBRIC,
                                       "--plugin-dir", os.path.join(PLUGINS, "scribble"),
                                       "-o", out, "--json", js, GOOD, PLUGIN_FIRM, SMALL])
                where = f"-j {jobs} {' '.join(mode)}"
                expect(rc == 1, f"{where}: exit status 1", f"{rc}: {err}")
                with open(js, encoding="utf-8") as f:
                    firms = json.load(f)["firms"]  # valid JSON, or this raises
                expect([x["id"] for x in firms] == ["pe-good", "pe-plugin", "pe-small"],
                       f"{where}: every firm listed", [x["id"] for x in firms])
                for x in (firms[0], firms[2]):
                    expect("error" not in x and x["score"] is not None,
                           f"{where}: {x['id']} audited", x.get("error"))
                if mode:  # its own worker's pipe garbled: that firm fails, and says so
                    expect("sent bytes that are not a result" in firms[1].get("error", ""),
                           f"{where}: the scribbling firm fails with why", firms[1])
                else:  # its own result pipe garbled: its check is unknown
                    crash = [x for x in firms[1]["findings"] if x["criterion"] == "crash_check"]
                    expect(crash and crash[0]["status"] == "unknown",
                           f"{where}: the scribbling plugin's check is unknown", crash)
                expect("SCRIBBLED" not in open(js, encoding="utf-8", errors="replace").read(),
                       f"{where}: no junk in the results", "")
                for b in os.listdir(out):
                    if b.endswith(".xlsx"):
                        opens(os.path.join(out, b))
            finally:
                shutil.rmtree(out)


def plugin_print():
    """What a plugin prints (in init and in its check) goes to standard
    error, never into `--json -` on standard output, isolated or not."""
    for mode in ([], ["--no-isolate"]):
        rc, stdout, err = run(["audit", "-q", *mode, "--rubric-dir", RUBRIC,
                               "--plugin-dir", os.path.join(PLUGINS, "print"), "--json", "-",
                               PLUGIN_FIRM, GOOD])
        where = " ".join(mode) or "isolated"
        expect(rc == 0, f"{where}: exit status 0", f"{rc}: {err}")
        try:
            firms = json.loads(stdout)["firms"]
            expect(len(firms) == 2, f"{where}: two firms", firms)
        except json.JSONDecodeError as e:
            failures.append(f"{where}: stdout is not JSON ({e}): {stdout[:200]!r}")
        expect("PLUGIN STDOUT" not in stdout, f"{where}: nothing of the plugin on stdout", "")
        expect("PLUGIN STDOUT FROM CHECK" in err, f"{where}: the plugin's print on stderr", err)


def plugin_init(kind, reason):
    """A plugin whose init exits or crashes (issue 17, F7) is refused with a
    message; the run goes on without it: exit 4 when the rubric needs its
    check, an ordinary audit when it does not."""
    pdir = os.path.join(PLUGINS, kind)
    rc, _, err = run(["audit", "-q", "--rubric-dir", RUBRIC, "--plugin-dir", pdir,
                      "--json", "-", GOOD])
    expect(rc == 4, f"{kind}: exit status 4 (the rubric needs the plugin)", f"{rc}: {err}")
    expect(f"{pdir}/{kind}.so: plugin refused: {reason}" in err, f"{kind}: refusal says why",
           err)
    rc, stdout, err = run(["audit", "--rubric-dir", os.path.join(DATA, "rubric"),
                           "--plugin-dir", pdir, "--json", "-", GOOD])
    expect(rc == 0, f"{kind}: a rubric without its checks audits", f"{rc}: {err}")
    expect(f"plugin refused: {reason}" in err, f"{kind}: warned about", err)
    expect(json.loads(stdout)["firms"][0]["id"] == "pe-good", f"{kind}: results", stdout[:200])


def plugin_dir_missing():
    out = tempfile.mkdtemp(prefix="er-fault-")
    try:
        missing = os.path.join(out, "no-such-dir")
        rc, _, err = run(["audit", "-q", "--rubric-dir", RUBRIC, "--plugin-dir", missing,
                          "-o", os.path.join(out, "o"), GOOD])
        expect(rc == 4, "exit status 4", f"{rc}: {err}")
        expect(err == f"exportready: warning: plugin directory {missing}: No such file or "
               f"directory\nexportready: {RUBRIC}/readiness.cfg:72: check: no loaded plugin "
               "provides check 'segv.crash'\nexportready: the rubric needs checks that no "
               f"loaded plugin provides (plugin directories searched: {missing}, "
               f"{DEFAULT_PLUGIN_DIR}); nothing audited\n", "message", err)
        # The run stops before auditing, so -o is not even created.
        o = os.path.join(out, "o")
        expect(not os.path.exists(o), "no output directory", os.listdir(out))
    finally:
        shutil.rmtree(out)


def output_notdir():
    tmp = tempfile.mkdtemp(prefix="er-fault-")
    try:
        blocker = os.path.join(tmp, "file")
        open(blocker, "w").close()
        target = os.path.join(blocker, "out")
        rc, _, err = run(["audit", "-q", "--rubric-dir", os.path.join(DATA, "rubric"),
                          "-o", target, GOOD])
        expect(rc == 2, "exit status 2", f"{rc}: {err}")
        expect(target in err and "Not a directory" in err, "message names the directory", err)
        expect(os.listdir(tmp) == ["file"], "nothing written", os.listdir(tmp))
    finally:
        shutil.rmtree(tmp)


def output_file_too_big():
    """A workbook write fails half-way (EFBIG, as on a full disk): the run
    says which file, keeps the workbook an earlier run finished, and leaves
    no temporary file."""
    out = tempfile.mkdtemp(prefix="er-fault-")
    try:
        rubric = os.path.join(DATA, "rubric")
        rc, _, err = run(["audit", "-q", "--rubric-dir", rubric, "-o", out, GOOD])
        expect(rc == 0, "first run", err)
        with open(os.path.join(out, "pe-good.xlsx"), "rb") as f:
            before = f.read()

        def limit():
            # SIGXFSZ would kill the process; ignored, write() gets EFBIG.
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

        rc, _, err = run(["audit", "-q", "--rubric-dir", rubric, "-o", out, SMALL],
                         preexec=limit)
        expect(rc == 1, "exit status 1", f"{rc}: {err}")
        expect(os.path.join(out, "pe-small.xlsx") in err, "message names the workbook", err)
        expect(sorted(os.listdir(out)) == ["pe-good.pdf", "pe-good.xlsx"],
               "no partial or temporary file",
               os.listdir(out))
        with open(os.path.join(out, "pe-good.xlsx"), "rb") as f:
            expect(f.read() == before, "earlier workbook unchanged")
        opens(os.path.join(out, "pe-good.xlsx"))
    finally:
        shutil.rmtree(out)


def json_file_too_big():
    """The JSON results stop fitting half-way (EFBIG, as on a full disk):
    the run exits 1 naming the file, an earlier results file survives
    unchanged, and no temporary file is left beside it."""
    out = tempfile.mkdtemp(prefix="er-fault-")
    try:
        rubric = os.path.join(DATA, "rubric")
        js = os.path.join(out, "r.json")
        rc, _, err = run(["audit", "-q", "--rubric-dir", rubric, "--json", js, GOOD])
        expect(rc == 0, "first run", err)
        with open(js, "rb") as f:
            before = f.read()
        expect(len(before) > 1024, "results larger than the limit below", len(before))

        def limit():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

        rc, _, err = run(["audit", "-q", "--rubric-dir", rubric, "--json", js, GOOD, SMALL],
                         preexec=limit)
        expect(rc == 1, "exit status 1", f"{rc}: {err}")
        expect(f"--json {js}" in err, "message names the results file", err)
        expect(os.listdir(out) == ["r.json"], "no partial or temporary file", os.listdir(out))
        with open(js, "rb") as f:
            expect(f.read() == before, "earlier results unchanged")
    finally:
        shutil.rmtree(out)


def json_dir_missing():
    out = tempfile.mkdtemp(prefix="er-fault-")
    try:
        js = os.path.join(out, "missing", "r.json")
        rc, _, err = run(["audit", "-q", "--rubric-dir", os.path.join(DATA, "rubric"),
                          "-o", os.path.join(out, "o"), "--json", js, GOOD])
        expect(rc == 2, "exit status 2", f"{rc}: {err}")
        expect(err.startswith(f"exportready: --json {js}: "), "message names the file", err)
        expect(os.listdir(out) in ([], ["o"]) and not os.path.exists(
            os.path.join(out, "o", "pe-good.xlsx")), "nothing audited", os.listdir(out))
    finally:
        shutil.rmtree(out)


def valgrind():
    """memcheck over the example run with workbooks and JSON.  --no-isolate:
    plugin code then runs in the checked process (with isolation it would
    run in forked children whose exit skips the leak check), so one clean
    report covers core, plugins and output."""
    vg = sys.argv[5]
    out = tempfile.mkdtemp(prefix="er-valgrind-")
    try:
        ex = os.path.join(SRC, "examples", "firms")
        firms = sorted(os.path.join(ex, f) for f in os.listdir(ex) if f.endswith(".cfg"))
        supp = os.path.join(SRC, "tests", "fault", "valgrind-libconfig.supp")
        p = subprocess.run([vg, "-q", "--error-exitcode=99", "--leak-check=full",
                            "--errors-for-leak-kinds=definite", f"--suppressions={supp}",
                            EXE, "audit", "-q", "--no-isolate", "--rubric-dir",
                            os.path.join(SRC, "rubrics"), "--plugin-dir", PLUGINS, "-o", out,
                            "--json", os.path.join(out, "r.json")] + firms,
                           capture_output=True, timeout=850)
        err = p.stderr.decode()
        expect(p.returncode == 0, "valgrind clean", f"{p.returncode}:\n{err[-4000:]}")
        expect(len(os.listdir(out)) == 2 * len(firms) + 2, "all outputs (workbook and PDF per firm)",
               os.listdir(out))
    finally:
        shutil.rmtree(out)


CASES = {
    "plugin_exit": lambda: plugin("exit", "plugin 'segv' exited (status 0) without sending "
                                  "a result"),
    "plugin_abort": lambda: plugin("abort", "plugin 'segv' crashed (signal 6, Aborted)"),
    "plugin_sleep": lambda: plugin("sleep", "plugin 'segv' timed out after 1 s"),
    "plugin_scribble": plugin_scribble,
    "plugin_print": plugin_print,
    "plugin_init_exit": lambda: plugin_init(
        "init_exit", "init or fini ended the process (exit status 7) instead of returning; "
        "tried in a child process"),
    "plugin_init_segv": lambda: plugin_init(
        "init_segv", "init crashed (signal 11, Segmentation fault; tried in a child process)"),
    "plugin_dir_missing": plugin_dir_missing,
    "json_file_too_big": json_file_too_big,
    "output_notdir": output_notdir,
    "output_file_too_big": output_file_too_big,
    "json_dir_missing": json_dir_missing,
    "valgrind": valgrind,
}
CASES[CASE]()
for f in failures:
    print("FAIL " + f)
print(f"fault/{CASE}: {'FAILED' if failures else 'ok'}")
sys.exit(1 if failures else 0)
