#!/usr/bin/python3
"""check_runs.py EXPORTREADY SOURCE_DIR SECTOR_PLUGIN_DIR - runs that add up.

  - audit --shard K/N: deterministic (same bytes twice), the shards are
    contiguous parts that together hold every firm once, in order; an empty
    shard says so and writes nothing; a bad K/N is a usage error;
  - report over the shards' results, in order, writes the very bytes of
    one run's workbooks (cohort included; SOURCE_DATE_EPOCH pinned), for 2
    and for 3 shards over .cfg files and a CSV cohort together;
  - report refuses a firm audited in two files, naming both, writing nothing;
  - --json refuses to overwrite when -o holds workbooks that would be kept
    (both follow --force); a run that writes nothing says so; -q is quiet.
"""
import json
import os
import subprocess
import sys
import tempfile

EXE, SRC, PLUGINS = sys.argv[1:4]
RUBRICS = os.path.join(SRC, "rubrics")
FIRMS = sorted(os.path.join(SRC, "examples", "firms", f)
               for f in os.listdir(os.path.join(SRC, "examples", "firms")) if f.endswith(".cfg"))
COHORT = os.path.join(SRC, "examples", "cohort.csv")
failures = []


def expect(ok, what, detail=""):
    if not ok:
        failures.append(f"{what}: {str(detail)[:3000]}")


def run(*args):
    e = {k: v for k, v in os.environ.items() if not k.startswith("EXPORTREADY_")}
    e["SOURCE_DATE_EPOCH"] = "1767225600"
    p = subprocess.run([EXE, *args], capture_output=True, text=True, env=e)
    return p.returncode, p.stdout, p.stderr


R = ["--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS]


def read(path):
    with open(path, "rb") as f:
        return f.read()


def same_dirs(a, b, what):
    na, nb = sorted(os.listdir(a)), sorted(os.listdir(b))
    expect(na == nb and "cohort.xlsx" in na, f"{what}: the same files", (na, nb))
    for n in na:
        if n in nb:
            expect(read(os.path.join(a, n)) == read(os.path.join(b, n)), f"{what}: {n} byte for byte")


def shards(tmp, inputs, n, tag):
    single = os.path.join(tmp, tag + "-single")
    rc, out, err = run("audit", "-q", *R, "-o", single, "--json", single + ".json", *inputs)
    expect(rc == 0, f"{tag}: the single run", err)
    files, ids = [], []
    for k in range(1, n + 1):
        js = os.path.join(tmp, f"{tag}-{k}of{n}.json")
        rc, out, err = run("audit", "-q", *R, "--shard", f"{k}/{n}", "-j", "2" if k == 1 else "1",
                           "--json", js, *inputs)
        expect(rc == 0 and err == "", f"{tag}: shard {k}/{n}, quiet", err)
        again = js + ".again"
        run("audit", "-q", *R, "--shard", f"{k}/{n}", "--json", again, *inputs)
        expect(read(js) == read(again), f"{tag}: shard {k}/{n} is deterministic")
        ids += [f["id"] for f in json.loads(read(js))["firms"]]
        files.append(js)
    whole = [f["id"] for f in json.loads(read(single + ".json"))["firms"]]
    expect(ids == whole, f"{tag}: the shards in order are every firm once, in order", (ids, whole))
    merged = os.path.join(tmp, tag + "-merged")
    rc, out, err = run("report", "--rubric-dir", RUBRICS, "-o", merged, *files)
    expect(rc == 0, f"{tag}: report merges the shards", err)
    same_dirs(single, merged, f"{tag}: {n} shards merged = one run")
    return files


def main():
    with tempfile.TemporaryDirectory() as tmp:
        files = shards(tmp, FIRMS, 2, "cfg")
        # Three firm files and a CSV cohort of the other three.
        import csv
        with open(COHORT, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        part = os.path.join(tmp, "part.csv")
        with open(part, "w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows([rows[0]] + rows[4:])
        shards(tmp, FIRMS[:3] + [part], 3, "mixed")

        rc, out, err = run("audit", *R, "--shard", "1/10", "--json", os.path.join(tmp, "e.json"), *FIRMS)
        expect(rc == 0 and "shard 1/10 has no firms" in err and "nothing written" in err
               and not os.path.exists(os.path.join(tmp, "e.json")), "an empty shard says so", err)
        for bad in ("0/2", "3/2", "2", "a/b", "1/0", "1/2x"):
            rc, out, err = run("audit", *R, "--shard", bad, FIRMS[0])
            expect(rc == 2 and "--shard" in err, f"--shard {bad} is a usage error", err)

        rc, out, err = run("report", "--rubric-dir", RUBRICS, "-o", os.path.join(tmp, "dup"),
                           files[0], files[1], files[0])
        expect(rc == 3 and f"is audited in both {files[0]} and {files[0]}" in err
               and not os.path.exists(os.path.join(tmp, "dup")),
               "a firm in two results files is refused, naming both", err)

        out_dir, js = os.path.join(tmp, "keep"), os.path.join(tmp, "keep.json")
        rc, out, err = run("audit", "-q", *R, "-o", out_dir, "--json", js, FIRMS[0])
        before = read(js)
        rc, out, err = run("audit", "-q", *R, "-o", out_dir, "--json", js, FIRMS[1])
        expect(rc == 2 and "--force" in err and read(js) == before,
               "--json is not overwritten while -o keeps workbooks", err)
        rc, out, err = run("audit", "-q", *R, "-o", out_dir, "--force", "--json", js, FIRMS[1])
        expect(rc == 0 and read(js) != before, "with --force both are overwritten", err)

        rc, out, err = run("audit", *R, FIRMS[0])
        expect(rc == 0 and "nothing was written" in err, "a run without -o or --json says so", err)
        missing = os.path.join(tmp, "no-plugins-here")
        rc, out, err = run("audit", "-q", *R, "--plugin-dir", missing, FIRMS[0])
        expect(rc == 0 and out == "" and err == "", "-q: no summary, no warnings", out + err)
        rc, out, err = run("audit", *R, "--plugin-dir", missing, FIRMS[0])
        expect("plugin directory " + missing in err, "without -q the missing directory is warned about", err)


if __name__ == "__main__":
    main()
    for f in failures:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)
