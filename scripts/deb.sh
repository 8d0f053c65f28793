#!/usr/bin/env bash
# Builds the Debian package: build/deb/exportready_<version>_<arch>.deb.
#   scripts/deb.sh [BUILD_DIR]     (default build/deb)
# Configures for /usr, builds only the CLI and the plugins, and runs
# `cpack -G DEB`.  Install it with: apt install ./build/deb/exportready_*.deb
# Needs the runtime packages and dpkg-dev (scripts/deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/deb}
log=$build.log
mkdir -p "$(dirname "$build")"
if ! { cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
         -DER_BUILD_TESTS=OFF -DER_BUILD_BENCH=OFF &&
       cmake --build "$build" -j "$(nproc)" &&
       (cd "$build" && cpack -G DEB); } >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "deb: failed; the whole log is in $log" >&2
  exit 1
fi
ls "$build"/exportready_*.deb
