#!/usr/bin/env bash
# Installs the Debian 12 packages ExportReady needs.
#   scripts/deps.sh             everything: build, run, test, CI (the default)
#   scripts/deps.sh --runtime   only what building and running the CLI needs
#                               (what scripts/demo.sh uses: a compiler, CMake,
#                               six libraries and gettext's msgfmt; not LibreOffice, clang or
#                               valgrind)
#   scripts/deps.sh --list [--runtime]   print the package names, install nothing
# Runs apt-get as root, through sudo when not root already.  apt's own
# output goes to a log, shown only when it fails.
set -euo pipefail

runtime=(
  build-essential cmake pkg-config
  libconfig-dev libxlsxwriter-dev libjansson-dev libcsv-dev   # build and run
  zlib1g-dev                  # xlsxwriter.pc links -lz, but libxlsxwriter-dev does not pull it in
  libzip-dev libxml2-dev                                      # build and run: xlsx intake
  libcairo2-dev libpango1.0-dev fonts-dejavu-core             # build and run: PDF report, text measuring
  gettext                     # build: msgfmt compiles po/*.po (the CLI's messages; libintl is in glibc); xgettext for the pot
)
tests=(
  libcmocka-dev python3 python3-openpyxl                      # tests: unit, workbook readers
  python3-jsonschema                                          # tests: results files against share/results.schema.json
  python3-libconf                                             # tests: market knock-out tags (tests/markets)
  locales                                                     # tests: a decimal-comma locale
  libreoffice-calc-nogui                                      # tests: recalculates workbooks; scripts/readme-image.sh
  groff-base                                                  # tests: the man page renders
  poppler-utils                                               # tests: pdftotext reads what LibreOffice prints; pdftoppm
  iso-codes                                                   # tests: profile.cfg's country codes against ISO 3166-1
  dpkg-dev file                                               # tests: cpack -G DEB (dpkg-shlibdeps), the .deb test
  time                                                        # bench: peak RSS (GNU time)
  python3-xlsxwriter                                          # bench: the Python XlsxWriter peer
  clang libclang-rt-14-dev valgrind                           # CI: libFuzzer, memcheck
)

only_runtime=false list=false
for arg in "$@"; do
  case $arg in
    --runtime) only_runtime=true ;;
    --list) list=true ;;
    *) echo "usage: scripts/deps.sh [--runtime] [--list]" >&2; exit 2 ;;
  esac
done
packages=("${runtime[@]}")
$only_runtime || packages+=("${tests[@]}")
if $list; then
  printf '%s\n' "${packages[@]}"
  exit 0
fi

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  log=$(mktemp "${TMPDIR:-/tmp}/exportready-deps-XXXXXX.log")
  if ! { as_root apt-get update -qq &&
         as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "deps: apt-get failed (log: $log)" >&2
    exit 1
  fi
  rm -f "$log"
fi

# Number formatting and parsing must not follow a decimal-comma locale; the
# tests prove it under es_ES.UTF-8 when it exists, so make sure it does.
if ! $only_runtime && ! locale -a 2>/dev/null | grep -qi '^es_ES\.utf-\?8$'; then
  as_root localedef -i es_ES -f UTF-8 es_ES.UTF-8 || echo "deps: could not generate es_ES.UTF-8; locale tests will skip" >&2
fi
