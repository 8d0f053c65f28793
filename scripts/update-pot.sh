#!/bin/sh
# update-pot.sh [OUT] - extracts the CLI's messages (po/POTFILES) into
# po/exportready.pot, or into OUT (the ctest po_catalogue compares the two).
# Then, when writing po/exportready.pot: msgmerge brings each po/<code>.po
# up to date; translate what is new or fuzzy (docs/translating.md).
#
# Locations are file names only, and the header has no creation date, so
# the template changes only when a message does, not when code moves.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$src/po/exportready.pot}
cd "$src"
# The keywords: _() and N_() (core/base/er_i18n.h), and the diagnostics'
# own helpers, whose format argument is the message (er_diag_add and the
# loaders' wrappers around er_diag_addv).
grep -v '^#' po/POTFILES | grep . | xgettext --files-from=- --output=- \
    --language=C --from-code=UTF-8 --add-location=file --add-comments=TRANSLATORS: \
    --package-name=exportready --msgid-bugs-address=https://github.com/exportready \
    --keyword=_ --keyword=N_ --keyword=er_diag_add:5 --keyword=er_cli_error:1 \
    --keyword=er_cfg_error:4 --keyword=rr_bad:3 --keyword=add_error:4 --keyword=report:4 --keyword=say:2 --keyword=er_xr_add_error:4 \
    --flag=er_diag_add:5:c-format --flag=er_cli_error:1:c-format \
    --flag=er_cfg_error:4:c-format --flag=rr_bad:3:c-format --flag=add_error:4:c-format \
    --flag=report:4:c-format --flag=format_both:4:c-format --flag=say:2:c-format --flag=er_xr_add_error:4:c-format \
    | sed -e '/^"POT-Creation-Date: /d' \
          -e 's/^"Project-Id-Version: PACKAGE VERSION\\n"$/"Project-Id-Version: exportready\\n"/' \
          -e 's/^"Content-Type: text\/plain; charset=CHARSET\\n"$/"Content-Type: text\/plain; charset=UTF-8\\n"/' \
    >"$out.tmp"
mv "$out.tmp" "$out"
if [ "$out" = "$src/po/exportready.pot" ]; then
    for po in po/*.po; do
        [ -e "$po" ] || continue
        msgmerge --quiet --update --backup=none --add-location=file "$po" "$out"
    done
fi
