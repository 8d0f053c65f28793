#!/bin/bash
# texts_test.sh EXE RUBRICS PLUGIN_DIR - ABI 1.1 descriptor texts reach the
# user: the Spanish intake template of the template plugin's sector asks the
# plugin's question in the plugin's Spanish, the English one in English.
set -eu
exe=$1 rubrics=$2 plugdir=$3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/er-texts-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "texts_test: FAIL: $*" >&2; exit 1; }
es='¿Su organismo de control orgánico figura en el anexo II del Reglamento de Ejecución (UE) 2021/1378?'
en='Is your organic control body listed in Annex II of Impl. Reg. (EU) 2021/1378?'
"$exe" template --rubric-dir "$rubrics" --sector example --plugin-dir "$plugdir" --lang es -o "$tmp/es.cfg"
"$exe" template --rubric-dir "$rubrics" --sector example --plugin-dir "$plugdir" --lang en -o "$tmp/en.cfg"
grep -qF "$es" "$tmp/es.cfg" || fail "Spanish help missing from the es template"
grep -qF "$en" "$tmp/es.cfg" && fail "the es template shows the plugin's English help"
grep -qF "$en" "$tmp/en.cfg" || fail "English help missing from the en template"
grep -qF "$es" "$tmp/en.cfg" && fail "the en template shows the Spanish help"
echo "texts_test: ok"
