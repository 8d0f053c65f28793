#!/usr/bin/env bash
# Installs the Debian 12 packages ExportReady needs to build, run and test.
# Runs apt-get as root, through sudo when not root already.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libconfig-dev libxlsxwriter-dev libjansson-dev libcsv-dev   # build
  libzip-dev libexpat1-dev                                    # build: xlsx intake
  libcairo2-dev libpango1.0-dev fonts-dejavu-core             # build: PDF report, text measuring
  libcmocka-dev python3 python3-openpyxl                      # tests: unit, workbook readers
  python3-libconf                                             # tests: market knock-out tags (tests/markets)
  locales                                                     # tests: a decimal-comma locale
  libreoffice-calc-nogui                                      # tests: recalculates workbooks
  groff-base                                                  # tests: the man page renders
  poppler-utils                                               # tests: pdftotext reads what LibreOffice prints
  time                                                        # bench: peak RSS (GNU time)
  python3-xlsxwriter                                          # bench: the Python XlsxWriter peer
  clang libclang-rt-14-dev valgrind                           # CI: libFuzzer, memcheck
)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Number formatting and parsing must not follow a decimal-comma locale; the
# tests prove it under es_ES.UTF-8 when it exists, so make sure it does.
if ! locale -a 2>/dev/null | grep -qi '^es_ES\.utf-\?8$'; then
  as_root localedef -i es_ES -f UTF-8 es_ES.UTF-8 || echo "deps: could not generate es_ES.UTF-8; locale tests will skip" >&2
fi
