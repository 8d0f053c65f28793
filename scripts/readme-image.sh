#!/usr/bin/env bash
# Regenerates the README pictures from a real run, as a person sees them:
# audit the Chanchamayo example firm (English and Spanish), print each
# workbook with LibreOffice (headless) to PDF, and render page 1 with
# pdftoppm.  Writes docs/img/firm-workbook.png and firm-workbook-es.png.
#   scripts/readme-image.sh [EXPORTREADY]   (default: the demo's, built if missing)
# Needs libreoffice-calc-nogui and poppler-utils (scripts/deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

exe=${1:-build/demo/prefix/bin/exportready}
[ -x "$exe" ] || scripts/demo.sh >/dev/null
firm=examples/firms/fruit-ingredients-frutos-chanchamayo.cfg
tmp=$(mktemp -d "${TMPDIR:-/tmp}/er-readme-image-XXXXXX")
trap 'rm -rf "$tmp"' EXIT

for lang in en es; do
  suffix=$([ "$lang" = en ] && echo "" || echo "-$lang")
  "$exe" audit -q --lang "$lang" -o "$tmp/$lang" "$firm"
  book=$(ls "$tmp/$lang"/*.xlsx)
  # A profile of its own, so a running LibreOffice does not swallow the job.
  soffice -env:UserInstallation="file://$tmp/profile" --headless --convert-to pdf \
    --outdir "$tmp/$lang" "$book" >"$tmp/soffice.log" 2>&1 ||
    { cat "$tmp/soffice.log" >&2; exit 1; }
  pdf=${book%.xlsx}.pdf
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
  pdftoppm -f 1 -l 1 -png -r 60 -singlefile "$pdf" "$tmp/page"
  mv "$tmp/page.png" "docs/img/firm-workbook$suffix.png"
  echo "docs/img/firm-workbook$suffix.png: page 1 of $pages, from $(basename "$book") ($lang)"
done
