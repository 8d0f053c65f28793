#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang and runs each for a bounded time.
#
#   fuzz/run.sh [SECONDS] [HARNESS...]     (default 60 s; all harnesses)
#
# FUZZ_BUILD_DIR (default build/fuzz) is the build tree; FUZZ_SKIP a
# space-separated list of harnesses not to run.
#
# Each harness starts from its committed seed corpus fuzz/corpus/<harness>/;
# new inputs go to build/fuzz/corpus/<harness>/ (not committed).  A crash
# leaves build/fuzz/artifacts/<harness>/crash-* and makes the script fail;
# turn it into a regression case under tests/bad/ (docs/security.md).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
build=${FUZZ_BUILD_DIR:-build/fuzz}
CC=clang cmake -S . -B "$build" -DER_FUZZ=ON -DER_BUILD_TESTS=OFF -DER_WERROR=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)" >/dev/null
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
  for f in "$build"/fuzz/fuzz_*; do [ -x "$f" ] && harnesses+=("$(basename "$f" | sed 's/^fuzz_//')"); done
fi

failed=()
for h in "${harnesses[@]}"; do
  # FUZZ_SKIP: harnesses with an open finding in fuzz/known-bugs/ (said loudly).
  if [[ " ${FUZZ_SKIP:-} " == *" $h "* ]]; then
    echo "!! fuzz $h SKIPPED: open finding, see fuzz/known-bugs/README.md" >&2
    continue
  fi
  corpus=$build/fuzz/corpus/$h artifacts=$build/fuzz/artifacts/$h
  mkdir -p "$corpus" "$artifacts"
  echo "== fuzz $h: ${secs}s =="
  # Leaks are real findings too; -rss_limit_mb bounds a memory blow-up.
  if LSAN_OPTIONS=suppressions=$PWD/tests/bad/lsan-libconfig.supp:print_suppressions=0 ASAN_OPTIONS=detect_leaks=1:verify_asan_link_order=0 UBSAN_OPTIONS=print_stacktrace=1 \
     "$build/fuzz/fuzz_$h" -max_total_time="$secs" -max_len=65536 -timeout=10 \
       -rss_limit_mb=2048 -artifact_prefix="$artifacts/" -print_final_stats=1 \
       "$corpus" "fuzz/corpus/$h" >"$build/fuzz/$h.log" 2>&1; then
    grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$build/fuzz/$h.log" | tail -2
  else
    failed+=("$h")
    echo "!! FUZZ FAILURE in $h: see $build/fuzz/$h.log; reproducer(s):" >&2
    ls "$artifacts" >&2
    grep -E 'ERROR: |SUMMARY: ' "$build/fuzz/$h.log" | head -5 >&2
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "!! fuzzing found problems in: ${failed[*]}" >&2
  exit 1
fi
echo "== fuzz: all harnesses clean =="
