#!/bin/sh
# bench/smoke.sh RUN_PY BUILD_DIR SOURCE_DIR - functional smoke test of the
# benchmark (ctest bench_smoke): N=5, checks that the runner works, every
# run (audit, report, --baseline, the Python peer) exits 0 and the report
# has every column.  It asserts no timing.
set -eu
run=$1 build=$2 src=$3
py=/usr/bin/python3
[ -x "$py" ] || py=python3
work=$(mktemp -d "${TMPDIR:-/tmp}/er-bench-smoke.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$py" "$run" --build "$build" --source "$src" --sizes 5 --jobs 1,2 --work "$work" \
    --report "$work/report.md"
cat "$work/report.md"
header=$(grep '^| n |' "$work/report.md")
for col in n program isolate jobs exit wall_s firms_per_s bytes peak_rss_mib ratio_to_floor \
    cpu_s cpu_ratio_to_floor; do
    case "$header" in
    *"| $col |"*) ;;
    *) echo "bench_smoke: report has no column $col" >&2; exit 1 ;;
    esac
done
# One floor row and at least one row per isolation mode, each with 12 cells.
for what in '| floor |' '| exportready | yes |' '| exportready | no |' '| report |' \
    '| baseline | yes |'; do
    grep -F "$what" "$work/report.md" >/dev/null || { echo "bench_smoke: no row $what" >&2; exit 1; }
done
# The Python XlsxWriter peer, whenever Debian's python3-xlsxwriter is there.
if /usr/bin/python3 -c 'import xlsxwriter' 2>/dev/null; then
    grep -F '| peer |' "$work/report.md" >/dev/null || { echo "bench_smoke: no peer row" >&2; exit 1; }
fi
bad=$(awk -F'|' '/^\| [0-9]/ && NF != 14' "$work/report.md")
[ -z "$bad" ] || { echo "bench_smoke: malformed rows: $bad" >&2; exit 1; }
# The generated firms must be valid for the real rubric: run.py already
# checked every audit exit status (it exits 1 otherwise).
echo "bench_smoke: ok"
