#!/usr/bin/env bash
# Sets up a Debian 12 machine, builds ExportReady and audits the bundled
# example firms: JSON results on stdout summary, workbooks in out/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release -j "$(nproc)"

mkdir -p out
build/release/cli/exportready audit --rubric-dir rubrics --plugin-dir build/release/sector-plugins \
  --compare-markets --force -o out --json out/results.json examples/firms/*.cfg
echo "Workbooks and results.json written to out/"
