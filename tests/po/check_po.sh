#!/bin/sh
# check_po.sh SOURCE_DIR - the message catalogues are in step with the code.
#  1. po/exportready.pot is what scripts/update-pot.sh extracts now (a
#     message changed in the code without `cmake --build B --target pot`
#     fails here, naming the difference);
#  2. every file (.c, .h) of cli/ and core/ that marks a message (_(, N_(,
#     dngettext) is listed in po/POTFILES;
#  3. each language of po/LINGUAS: msgfmt --check passes, no message is
#     untranslated or fuzzy, and every msgid of the template is there.
set -eu
src=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/er-po-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }

"$src/scripts/update-pot.sh" "$tmp/now.pot"
if ! diff -u "$src/po/exportready.pot" "$tmp/now.pot" >"$tmp/pot.diff"; then
    head -n 60 "$tmp/pot.diff" >&2
    bad "po/exportready.pot is not in step with the sources: run scripts/update-pot.sh (or cmake --build BUILD --target pot) and translate what changed"
fi

cd "$src"
for f in $(grep -l -E '(^|[^A-Za-z0-9_])(N?_|dngettext)\(' cli/*.[ch] core/*/*.[ch] 2>/dev/null); do
    [ "$f" = core/base/er_i18n.h ] && continue # defines them
    grep -qx "$f" po/POTFILES || bad "$f marks messages but is not in po/POTFILES"
done

for lang in $(grep -v '^#' po/LINGUAS); do
    po=po/$lang.po
    [ -f "$po" ] || { bad "$po missing (po/LINGUAS lists $lang)"; continue; }
    if ! msgfmt --check --statistics -o /dev/null "$po" 2>"$tmp/stats"; then
        cat "$tmp/stats" >&2
        bad "$po: msgfmt --check fails"
        continue
    fi
    cat "$tmp/stats"
    grep -q -E 'untranslated|fuzzy' "$tmp/stats" && bad "$po: $(cat "$tmp/stats")"
    msgcmp "$po" po/exportready.pot 2>"$tmp/cmp" || { head -n 20 "$tmp/cmp" >&2; bad "$po lacks messages of the template"; }
done
[ $fail -eq 0 ] && echo ok
exit $fail
