#!/usr/bin/env bash
# Sets up a Debian 12 machine and runs every test twice: a Release build with
# -Werror, then an AddressSanitizer + UBSan build.  This is what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh
jobs=$(nproc)

for kind in release asan; do
  case $kind in
    release) flags=(-DCMAKE_BUILD_TYPE=Release -DER_WERROR=ON) ;;
    asan)    flags=(-DCMAKE_BUILD_TYPE=Debug -DER_WERROR=ON -DER_SANITIZE=ON) ;;
  esac
  echo "== $kind build =="
  cmake -S . -B "build/$kind" "${flags[@]}" >/dev/null
  cmake --build "build/$kind" -j "$jobs"
  echo "== $kind tests =="
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir "build/$kind" --output-on-failure -j "$jobs"
done
