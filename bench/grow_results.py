#!/usr/bin/python3
"""bench/grow_results.py - a results JSON of N firms from a smaller one.

    bench/grow_results.py RESULTS.json N OUT.json

Copies the envelope of RESULTS.json and writes N firm objects: its firms in
turn, unchanged the first time round, then with "-rK" appended to the id
(K = the round), so every id is unique and each firm still re-scores to
what it says (the reader checks that).  It lets `report` and
`audit --baseline` be measured on 100 000 firms without auditing 100 000
firm files first (bench/README.md).  Memory: the input file, plus one firm.
"""
import json
import sys


def main():
    src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(src, encoding="utf-8") as fh:
        doc = json.load(fh)
    firms = [f for f in doc["firms"] if "error" not in f]
    doc["firms"] = []
    head = json.dumps(doc, indent=2, ensure_ascii=False)
    cut = head.rindex("[]")
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(head[:cut] + "[\n")
        for i in range(n):
            firm = dict(firms[i % len(firms)])
            k = i // len(firms)
            if k > 0:
                firm["id"] = "%s-r%d" % (firm["id"], k)
            text = json.dumps(firm, indent=2, ensure_ascii=False)
            fh.write(("    " if i == 0 else ",\n    ") + text.replace("\n", "\n    "))
        fh.write("\n  ]" + head[cut + 2:] + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
