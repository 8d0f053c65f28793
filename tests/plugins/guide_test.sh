#!/bin/bash
# guide_test.sh BUILD_DIR SOURCE_DIR - docs/plugin-guide.md followed as
# written, steps 1 to 5: copy the installed template, rename it to cocoa as
# the guide says (file, .id, CMakeLists.txt lines, the test's id), build,
# run its tests (they must pass), install it, list and --check it, then put
# the guide's own criterion module (taken from the guide text) in a site
# rubric directory and validate the installed rubric with it: exit 0; and
# with a check the plugin lacks: exit 3 naming the file and line, while
# audit refuses with exit 4.
set -eu
build=$1 src=$2
fail() { echo "guide_test: FAIL: $*" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/er-guide-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
chmod 0755 "$tmp"
prefix=$tmp/usr-local
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; fail "install"; }
export PATH=$prefix/bin:$PATH
unset EXPORTREADY_RUBRICS EXPORTREADY_PLUGIN_PATH EXPORTREADY_SITE_RUBRICS
guide=$src/docs/plugin-guide.md
grep -qF 'cp -r /usr/local/share/exportready/plugin-template ~/cocoa-plugin' "$guide" || fail "the guide's step 1 changed"

# 1. Copy the template (the guide's commands, /usr/local being $prefix, ~ being $tmp).
cp -r "$prefix/share/exportready/plugin-template" "$tmp/cocoa-plugin"
cd "$tmp/cocoa-plugin"
mv template.c cocoa.c
# The edits the guide lists.
grep -q '\.id = "template",' cocoa.c || fail "no .id line to edit"
sed -i 's/\.id = "template",/.id = "cocoa",/' cocoa.c
grep -qF 'exportready_add_plugin(template SOURCES template.c ${er_template_install})' CMakeLists.txt ||
    fail "the CMake line the guide names is not in the template"
sed -i 's/exportready_add_plugin(template SOURCES template.c ${er_template_install})/exportready_add_plugin(cocoa SOURCES cocoa.c)/' CMakeLists.txt
grep -qF 'add_executable(test_template test_template.c template.c host_mock.c)' CMakeLists.txt ||
    fail "the test line the guide names is not in the template"
sed -i 's/add_executable(test_template test_template.c template.c host_mock.c)/add_executable(test_template test_template.c cocoa.c host_mock.c)/' CMakeLists.txt
grep -qF 'assert_string_equal(d->id, "template")' test_template.c || fail "the test's id check is not as the guide says"
sed -i 's/assert_string_equal(d->id, "template")/assert_string_equal(d->id, "cocoa")/' test_template.c

# 2. Build; 3. test; 4. install and list.
plugdir=$tmp/plugins
mkdir -m 0755 "$plugdir"
cmake -S . -B build -DCMAKE_PREFIX_PATH="$prefix" -DEXPORTREADY_PLUGIN_INSTALL_DIR="$plugdir" >"$tmp/cfg.log" 2>&1 ||
    { cat "$tmp/cfg.log"; fail "step 2: configure"; }
cmake --build build >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; fail "step 2: build"; }
ctest --test-dir build --output-on-failure >"$tmp/test.log" 2>&1 || { cat "$tmp/test.log"; fail "step 3: the tests fail"; }
cmake --install build >"$tmp/inst2.log" 2>&1 || { cat "$tmp/inst2.log"; fail "step 4: install"; }
[ -f "$plugdir/cocoa.so" ] || fail "step 4: cocoa.so not installed"
exportready plugins --check build/cocoa.so >"$tmp/check.log" 2>&1 || { cat "$tmp/check.log"; fail "step 4: --check"; }
exportready plugins --plugin-dir "$plugdir" | grep -q '^cocoa 1\.1\.0' || fail "step 4: not listed"

# 5. The guide's module, from the guide itself, in a site rubric directory.
mkdir -p "$tmp/site-rubrics/modules"
awk '/^## 5\./ { s = 1 } s && /^```$/ { if (inb) exit; inb = 1; next } s && inb { print }' "$guide" \
    >"$tmp/site-rubrics/modules/cocoa.cfg"
grep -q 'check = "cocoa.organic_control_body"' "$tmp/site-rubrics/modules/cocoa.cfg" || fail "module not extracted"
rubrics=$prefix/share/exportready/rubrics
exportready validate --rubric-dir "$rubrics" --rubric-dir "$tmp/site-rubrics" --plugin-dir build "$rubrics" \
    >"$tmp/v.out" 2>"$tmp/v.err" || { cat "$tmp/v.out" "$tmp/v.err"; fail "step 5: validate"; }
grep -q "site-cocoa .*modules/cocoa.cfg  (site; added)" "$tmp/v.out" || { cat "$tmp/v.out"; fail "step 5: not shown"; }
# A missing check: validate says so first (exit 3), audit refuses (exit 4).
sed -i 's/"cocoa\.organic_control_body"/"cocoa.eudr_geolocation"/' "$tmp/site-rubrics/modules/cocoa.cfg"
line=$(grep -n '{ id = "cocoa_organic_control_body"' "$tmp/site-rubrics/modules/cocoa.cfg" | cut -d: -f1)  # the criterion's line
rc=0
exportready validate --rubric-dir "$rubrics" --rubric-dir "$tmp/site-rubrics" --plugin-dir build "$rubrics" \
    >/dev/null 2>"$tmp/v2.err" || rc=$?
[ "$rc" = 3 ] && grep -q "modules/cocoa.cfg:$line: check: plugin 'cocoa' (build/cocoa.so) has no check 'eudr_geolocation'" "$tmp/v2.err" ||
    { cat "$tmp/v2.err"; fail "validate does not report the missing check (exit $rc)"; }
rc=0
exportready audit --rubric-dir "$rubrics" --rubric-dir "$tmp/site-rubrics" --plugin-dir build \
    "$src/examples/firms/processed-food-nuti.cfg" >/dev/null 2>&1 || rc=$?
[ "$rc" = 4 ] || fail "audit exit $rc, not 4"
echo ok
