#!/bin/sh
# sdk_test.sh BUILD_DIR TEMPLATE_DIR CMAKE - the plugin SDK end to end:
# install ExportReady into a temporary prefix, build the template plugin as a
# project of its own against that SDK (find_package + exportready_add_plugin),
# run its unit test, install it, and have the INSTALLED CLI check and list it.
set -eu
build=$1 template=$2 cmake=$3

# Created 0700 by mktemp; the plugin directories inside are made 0755 so the
# host's "writable by others" guard is satisfied.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/er-sdk-test-XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
chmod 0755 "$tmp"
prefix=$tmp/prefix
fail() { echo "sdk_test: FAIL: $*" >&2; exit 1; }

"$cmake" --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log" >&2; fail "cmake --install"; }
test -f "$prefix/include/exportready/plugin.h" || fail "header not installed"
test -f "$prefix/lib/cmake/ExportReady/ExportReadyConfig.cmake" ||
    test -f "$prefix/lib64/cmake/ExportReady/ExportReadyConfig.cmake" ||
    ls "$prefix"/lib/*/cmake/ExportReady/ExportReadyConfig.cmake >/dev/null 2>&1 ||
    fail "CMake package not installed"
exe=$prefix/bin/exportready
test -x "$exe" || fail "CLI not installed"

# The pkg-config file must resolve to the installed header.
pc=$(find "$prefix" -name exportready-plugin.pc | head -n 1)
test -n "$pc" || fail "pkg-config file not installed"
if command -v pkg-config >/dev/null 2>&1; then
    cflags=$(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --cflags exportready-plugin)
    echo '#include <exportready/plugin.h>
int main(void) { return ER_PLUGIN_ABI_MAJOR == 1 ? 0 : 1; }' >"$tmp/pc.c"
    cc $cflags -o "$tmp/pc" "$tmp/pc.c" || fail "pkg-config cflags do not find the header"
    "$tmp/pc" || fail "pkg-config build"
fi

# A BSO's copy of the template, outside the ExportReady tree.
cp -r "$template" "$tmp/my-plugin"
plugdir=$tmp/plugins
mkdir -m 0755 "$plugdir"
"$cmake" -S "$tmp/my-plugin" -B "$tmp/my-build" -DCMAKE_PREFIX_PATH="$prefix" \
    -DEXPORTREADY_PLUGIN_INSTALL_DIR="$plugdir" >"$tmp/configure.log" 2>&1 ||
    { cat "$tmp/configure.log" >&2; fail "configure out of tree"; }
"$cmake" --build "$tmp/my-build" >"$tmp/build.log" 2>&1 ||
    { cat "$tmp/build.log" >&2; fail "build out of tree"; }
if [ -x "$tmp/my-build/test_template" ]; then
    "$tmp/my-build/test_template" >"$tmp/unit.log" 2>&1 ||
        { cat "$tmp/unit.log" >&2; fail "template unit test"; }
fi
"$cmake" --install "$tmp/my-build" >"$tmp/install2.log" 2>&1 ||
    { cat "$tmp/install2.log" >&2; fail "install the plugin"; }
so=$plugdir/template.so
test -f "$so" || fail "plugin not installed into $plugdir"

# Nothing but the entry point is exported, and no core symbol is needed.
if command -v nm >/dev/null 2>&1; then
    exported=$(nm -D --defined-only "$so" | awk '$2 == "T" { print $3 }')
    [ "$exported" = "exportready_plugin_v1" ] || fail "exports: $exported"
fi

"$exe" plugins --check "$so" >"$tmp/check.out" 2>&1 ||
    { cat "$tmp/check.out" >&2; fail "installed CLI refused the plugin"; }
grep -q "^$so: ok" "$tmp/check.out" || fail "--check output: $(cat "$tmp/check.out")"

"$exe" plugins --plugin-dir "$plugdir" >"$tmp/list.out" 2>&1 || fail "plugins --plugin-dir"
grep -q "^template 1.1.0 (ABI 1.1)" "$tmp/list.out" || fail "not listed: $(cat "$tmp/list.out")"
grep -q "template.organic_control_body" "$tmp/list.out" || fail "check not listed"
grep -q "Plugins refused: 0" "$tmp/list.out" || fail "refusals: $(cat "$tmp/list.out")"

# EXPORTREADY_PLUGIN_PATH finds it too.
EXPORTREADY_PLUGIN_PATH=$plugdir "$exe" plugins | grep -q "^template 1.1.0" ||
    fail "not found through EXPORTREADY_PLUGIN_PATH"

# And a world-writable copy is refused with exit 4 and a one-line reason.
cp "$so" "$tmp/bad.so"
chmod 0666 "$tmp/bad.so"
set +e
"$exe" plugins --check "$tmp/bad.so" 2>"$tmp/bad.err"
rc=$?
set -e
[ $rc -eq 4 ] || fail "--check on a world-writable plugin exited $rc, want 4"
grep -qx "$tmp/bad.so: plugin refused: writable by others (mode 0666)" "$tmp/bad.err" ||
    fail "refusal message: $(cat "$tmp/bad.err")"
echo "sdk_test: ok"
