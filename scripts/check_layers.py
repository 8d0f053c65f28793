#!/usr/bin/env python3
"""check_layers.py - checks every #include against the layer map.

Usage: check_layers.py [--root DIR] [--map FILE]

Reads the layer map (cmake/layers.txt; docs/architecture.md explains it),
then every .c and .h file of core/, output/, cli/, plugins/ and include/,
and reports, one line each as FILE:LINE: ...,
  - an include of a header of a layer the file's layer may not use (an
    upward include, or a sideways one such as cohort -> firm_book);
  - an include of a header another folder keeps internal;
  - a quoted include that names no header in the tree;
  - a source file no line of the map covers;
and, for each er_layer_library(NAME BELOW ...) in the CMake files, a BELOW
list that is not the map's "uses" column for that layer.
Exit status: 0 clean, 1 problems found, 2 the map itself is wrong.
"""
import argparse
import fnmatch
import os
import re
import sys

SCANNED = ("core", "output", "cli", "plugins", "include")
INCLUDE_RE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
LAYER_LIB_RE = re.compile(r"er_layer_library\(\s*(\w+)((?:\s+[^\s)]+)*)\s*\)", re.S)


class MapError(Exception):
    pass


def read_map(path):
    layers = []  # (name, target, glob, uses), in file order
    internal = set()
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            words = line.split("#", 1)[0].split()
            if not words:
                continue
            if words[0] == "internal":
                if len(words) != 2:
                    raise MapError(f"{path}:{n}: internal takes one path")
                internal.add(words[1])
                continue
            if len(words) < 3:
                raise MapError(f"{path}:{n}: want: layer target files [uses...]")
            layers.append((words[0], words[1], words[2], words[3:]))
    names = {l[0] for l in layers}
    for name, _, _, uses in layers:
        for u in uses:
            if u not in names:
                raise MapError(f"{path}: layer {name} uses unknown layer {u}")
    return layers, internal


def closure(layers):
    direct = {name: set(uses) for name, _, _, uses in layers}
    out = {}
    for name in direct:
        seen, todo = set(), list(direct[name])
        while todo:
            u = todo.pop()
            if u in seen:
                continue
            if u == name:
                raise MapError(f"layer map: {name} uses itself (a cycle)")
            seen.add(u)
            todo.extend(direct[u])
        out[name] = seen
    return out


def layer_of(rel, layers):
    for name, _, pattern, _ in layers:
        if fnmatch.fnmatchcase(rel, pattern):
            return name
    return None


def include_roots(layers):
    """Folders a header may be found in by name: each layer glob's fixed part."""
    roots = []
    for _, _, pattern, _ in layers:
        d = os.path.dirname(pattern)
        if "*" not in d and d not in roots:
            roots.append(d)
    return roots


def source_files(root):
    for top in SCANNED:
        for d, dirs, files in os.walk(os.path.join(root, top)):
            dirs.sort()
            for fn in sorted(files):
                if fn.endswith((".c", ".h")):
                    yield os.path.relpath(os.path.join(d, fn), root)


def check_includes(root, layers, internal, uses):
    problems = []
    roots = include_roots(layers)
    for rel in source_files(root):
        mine = layer_of(rel, layers)
        if mine is None:
            problems.append(f"{rel}:1: no layer of the map covers this file")
            continue
        here = os.path.dirname(rel)
        allowed = uses[mine] | {mine}
        with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as f:
            lines = f.readlines()
        for n, line in enumerate(lines, 1):
            m = INCLUDE_RE.match(line)
            if not m:
                continue
            quoted, name = m.group(1) == '"', m.group(2)
            if quoted and os.path.isfile(os.path.join(root, here, name)):
                continue  # the same folder: the same layer
            found = [os.path.normpath(os.path.join(r, name)) for r in roots
                     if os.path.isfile(os.path.join(root, r, name))]
            if not found:
                if quoted:
                    problems.append(f"{rel}:{n}: includes \"{name}\", no header of the tree")
                continue  # <system header>
            ok = [p for p in found if layer_of(p, layers) in allowed]
            if not ok:
                p = found[0]
                may = " ".join(sorted(uses[mine])) or "none"
                problems.append(f"{rel}:{n}: includes \"{name}\" ({p}, layer {layer_of(p, layers)}), "
                                f"but layer {mine} may use only: {may}")
                continue
            if ok[0] in internal and os.path.dirname(ok[0]) != here:
                problems.append(f"{rel}:{n}: includes \"{name}\", internal to {os.path.dirname(ok[0])}/")
    return problems


def check_cmake(root, layers):
    problems = []
    by_target = {t: (name, uses) for name, t, _, uses in layers if t != "-"}
    seen = set()
    for top in SCANNED:
        for d, dirs, files in os.walk(os.path.join(root, top)):
            dirs.sort()
            if "CMakeLists.txt" not in files:
                continue
            rel = os.path.relpath(os.path.join(d, "CMakeLists.txt"), root)
            with open(os.path.join(root, rel), encoding="utf-8") as f:
                text = f.read()
            for m in LAYER_LIB_RE.finditer(text):
                target, words = m.group(1), m.group(2).split()
                below = []
                for w in words[words.index("BELOW") + 1:] if "BELOW" in words else []:
                    if w in ("LIBS", "PRIVATE_LIBS"):
                        break
                    below.append(w)
                line = text.count("\n", 0, m.start()) + 1
                if target not in by_target:
                    problems.append(f"{rel}:{line}: library {target} is in no line of the layer map")
                    continue
                seen.add(target)
                name, uses = by_target[target]
                want = {by_target[t][0] if t in by_target else t for t in below}
                have = {u for u in uses if any(l[0] == u and l[1] != "-" for l in layers)}
                if want != have:
                    problems.append(f"{rel}:{line}: {target} BELOW {' '.join(below) or '(nothing)'}, "
                                    f"but the map says layer {name} uses {' '.join(sorted(have)) or 'nothing'}")
    for t in by_target:
        if t not in seen:
            problems.append(f"layer map: no er_layer_library({t} ...) in the CMake files")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--root", default=os.path.dirname(here))
    ap.add_argument("--map", default=None)
    a = ap.parse_args()
    path = a.map or os.path.join(a.root, "cmake", "layers.txt")
    try:
        layers, internal = read_map(path)
        uses = closure(layers)
    except (OSError, MapError) as e:
        print(f"check_layers: {e}", file=sys.stderr)
        return 2
    problems = check_includes(a.root, layers, internal, uses) + check_cmake(a.root, layers)
    for p in problems:
        print(p)
    if problems:
        print(f"check_layers: {len(problems)} problem(s); see docs/architecture.md", file=sys.stderr)
        return 1
    print(f"check_layers: {len(layers)} layers, every include and library in order")
    return 0


if __name__ == "__main__":
    sys.exit(main())
