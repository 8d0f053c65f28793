#!/bin/bash
# check_install.sh BUILD_DIR SOURCE_DIR - a relocatable install: install the
# build into a prefix, MOVE the prefix, and the moved program still finds its
# rubrics and all its sector plugins (as many as the build made), audits the examples without
# --rubric-dir or --plugin-dir as the README shows, and the docs, man page,
# schema, completion and a pkg-config file that resolves inside the moved
# prefix are all there.
set -eu
build=$1 src=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/er-install-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
chmod 0755 "$tmp"
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$tmp/first" >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log"; fail "cmake --install"; }
mv "$tmp/first" "$tmp/moved"
p=$tmp/moved
exe=$p/bin/exportready
unset EXPORTREADY_RUBRICS EXPORTREADY_PLUGIN_PATH

want=$(ls "$build"/sector-plugins/*.so | wc -l)
[ "$want" -ge 8 ] || fail "the build made only $want sector plugins"
n=$("$exe" plugins | sed -n 's/^Plugins loaded: //p')
[ "$n" = "$want" ] || { "$exe" plugins; fail "the moved install loads $n plugins, not $want"; }
"$exe" plugins | grep -q "^  $p/lib[^ ]*/exportready/plugins\$" ||
    { "$exe" plugins; fail "plugins are not looked for inside the moved prefix"; }

# The isolation helper comes along, and the audit runs its plugins there.
"$exe" plugins | grep -q "^Isolation helper: $p/libexec/exportready/exportready-zygote\$" ||
    { "$exe" plugins; fail "the isolation helper is not found inside the moved prefix"; }

cd "$tmp"
out=$("$exe" audit "$src"/examples/firms/*.cfg)
[ "$out" = "$(grep '^pe-[a-z-]*: score' "$src/README.md")" ] ||
    fail "the moved install does not print the README's lines: $out"

for f in share/doc/exportready/README.md share/doc/exportready/cli.md \
         share/doc/exportready/examples/firms/processed-food-nuti.cfg \
         share/man/man1/exportready.1 share/exportready/results.schema.json \
         share/bash-completion/completions/exportready share/exportready/rubrics/readiness.cfg \
         share/locale/es/LC_MESSAGES/exportready.mo; do
    [ -s "$p/$f" ] || fail "$f not installed"
done
# The moved program finds its Spanish catalogue beside it (cli/cli_locale.c).
LANGUAGE=es "$exe" help audit | grep -q '^Uso: exportready audit' ||
    fail "the moved install does not find its Spanish messages under share/locale"
/usr/bin/python3 -c "import json,sys,jsonschema; jsonschema.Draft202012Validator.check_schema(json.load(open(sys.argv[1])))" \
    "$p/share/exportready/results.schema.json" || fail "installed schema is not a JSON Schema"

pc=$(find "$p" -name exportready-plugin.pc)
inc=$(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --variable=includedir exportready-plugin)
plugdir=$(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --variable=plugindir exportready-plugin)
[ -f "$inc/exportready/plugin.h" ] || fail "pkg-config includedir $inc has no plugin.h"
[ "$(realpath "$plugdir")" = "$(realpath "$p"/lib*/exportready/plugins)" ] ||
    fail "pkg-config plugindir $plugdir is not where the program looks"
echo ok
