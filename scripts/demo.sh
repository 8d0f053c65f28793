#!/usr/bin/env bash
# The first screen: installs what running needs (scripts/deps.sh --runtime),
# builds only the CLI and the sector plugins, installs them into
# build/demo/prefix (relocatable: the program finds its rubrics and plugins
# next to itself) and audits the example firms (every market compared).  Prints one line per
# firm, where the files are, and what to type next; the build's own output
# goes to build/demo.log, shown only when something fails.
set -euo pipefail
cd "$(dirname "$0")/.."

build=build/demo
prefix=$PWD/$build/prefix
log=$PWD/build/demo.log
mkdir -p build
scripts/deps.sh --runtime

if ! { cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DER_BUILD_TESTS=OFF -DER_BUILD_BENCH=OFF &&
       cmake --build "$build" -j "$(nproc)" &&
       cmake --install "$build" --prefix "$prefix"; } >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "demo: the build failed; the whole log is in $log" >&2
  exit 1
fi

exe=$prefix/bin/exportready
mkdir -p out
"$exe" audit --compare-markets --force -o out --json out/results.json examples/firms/*.cfg
echo
echo "Workbooks and reports: out/<firm-id>.xlsx and .pdf per firm, out/cohort.xlsx; results: out/results.json"
echo "exportready is installed in $prefix/bin.  Next, try:"
echo
echo "  export PATH=\"$prefix/bin:\$PATH\""
echo "  exportready audit --lang es -o out-es examples/firms/fruit-ingredients-frutos-chanchamayo.cfg"
