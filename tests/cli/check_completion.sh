#!/bin/bash
# check_completion.sh EXPORTREADY COMPLETION_FILE - the bash completion
# offers the commands, each command's options as its --help lists them, the
# languages, and the sectors of the plugins found.
set -eu
exe=$1
. "$2"
fail() { echo "FAIL: $*" >&2; exit 1; }
complete_words() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _exportready; echo "${COMPREPLY[*]}"; }

got=$(complete_words "$exe" "")
for c in audit validate plugins report template help; do
    [[ " $got " == *" $c "* ]] || fail "command $c not offered: $got"
done
got=$(complete_words "$exe" audit --j)
[[ $got == "--jobs --json" ]] || fail "audit --j: '$got'"
got=$(complete_words "$exe" audit --lang "")
[[ $got == "en es" ]] || fail "--lang: '$got'"
for cmd in audit validate report template plugins; do
    want=$("$exe" "$cmd" --help | grep -o -- '--[a-z][a-z-]*' | sort -u | tr '\n' ' ')
    got=$(complete_words "$exe" "$cmd" --)
    [[ "$(tr ' ' '\n' <<<"$got" | sort -u | tr '\n' ' ')" == "$want" ]] ||
        fail "$cmd options: '$got' vs --help '$want'"
done
echo ok
