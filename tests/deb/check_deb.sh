#!/bin/bash
# check_deb.sh SOURCE_DIR BUILD_DIR - the Debian package end to end:
#   - scripts/deb.sh builds it (cpack -G DEB, configured for /usr);
#   - its Depends name the Debian 12 library packages (from dpkg-shlibdeps),
#     and `apt-get install --simulate ./exportready_*.deb` resolves them here;
#   - installed into a scratch root with its own dpkg database
#     (dpkg --root), the program runs from there: loads all its plugins (as many as the build made) from
#     the multiarch directory and audits the installed examples to exactly
#     the README's lines, with no --rubric-dir or --plugin-dir;
#   - the .pc file in the /usr layout resolves to the installed header;
#   - a site rubric layer in the root's /etc/exportready/rubrics applies over
#     the installed rubric, and reinstalling the package (an upgrade) keeps it.
set -eu
src=$1 build=$2
fail() { echo "FAIL: $*" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/er-deb-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
chmod 0755 "$tmp"

deb=$("$src/scripts/deb.sh" "$build") || fail "scripts/deb.sh"
[ -f "$deb" ] || fail "no package: $deb"
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libc6 libconfig9 libjansson4 libxlsxwriter libcsv3 libzip4 libxml2 libcairo2 libpango-1.0-0; do
    grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done
[ "$(dpkg-deb -f "$deb" Package)" = exportready ] || fail "package name"
apt-get install --simulate "$deb" >"$tmp/apt.log" 2>&1 ||
    { cat "$tmp/apt.log"; fail "apt cannot install $deb here"; }
grep -q "^Inst exportready " "$tmp/apt.log" || { cat "$tmp/apt.log"; fail "apt would not install it"; }

root=$tmp/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
install_deb() {
    dpkg --root="$root" --force-depends --force-script-chrootless -i "$deb" >"$tmp/dpkg.log" 2>&1 ||
        { cat "$tmp/dpkg.log"; fail "dpkg --root -i"; }
}
install_deb
exe=$root/usr/bin/exportready
[ -x "$exe" ] || fail "no /usr/bin/exportready"
unset EXPORTREADY_RUBRICS EXPORTREADY_PLUGIN_PATH
want=$(ls "$build"/sector-plugins/*.so | wc -l)
[ "$want" -ge 8 ] || fail "the build made only $want sector plugins"
n=$("$exe" plugins | sed -n 's/^Plugins loaded: //p')
[ "$n" = "$want" ] || { "$exe" plugins; fail "$n plugins loaded, not $want"; }
"$exe" plugins | grep -q "^  $root/usr/lib/[a-z0-9_-]*/exportready/plugins\$" ||
    { "$exe" plugins; fail "plugins not looked for in the multiarch directory"; }
"$exe" plugins | grep -q "^Isolation helper: $root/usr/libexec/exportready/exportready-zygote\$" ||
    { "$exe" plugins; fail "the isolation helper is not in the package's /usr/libexec"; }
[ -s "$root/usr/share/locale/es/LC_MESSAGES/exportready.mo" ] || fail "no Spanish catalogue in the package"
LANGUAGE=es "$exe" help audit | grep -q '^Uso: exportready audit' ||
    fail "the packaged program does not speak Spanish with LANGUAGE=es"

audit_examples() {
    (cd "$tmp" && "$exe" audit --compare-markets -o out --force --json out/results.json \
        "$root"/usr/share/doc/exportready/examples/firms/*.cfg)
}
out=$(audit_examples) || fail "audit from the installed package"
[ "$out" = "$(grep '^pe-[a-z-]*: score' "$src/README.md")" ] ||
    fail "the installed package does not print the README's lines: $out"
[ -s "$tmp/out/cohort.xlsx" ] && [ -s "$tmp/out/pe-nuti-alimentos.xlsx" ] || fail "no workbooks"

pc=$(ls "$root"/usr/lib/*/pkgconfig/exportready-plugin.pc)
inc=$(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --variable=includedir exportready-plugin)
[ "$(realpath "$inc")" = "$root/usr/include" ] || fail "pkg-config includedir $inc"

# A site layer in the root's /etc/exportready/rubrics (tests/data/site: one
# added criterion, one added programme) applies over the installed rubric
# without copying it, and an upgrade (the same package again) keeps it.
mkdir -p "$root/etc/exportready"
cp -r "$src/tests/data/site" "$root/etc/exportready/rubrics"
site_check() {
    "$exe" audit -q --json - "$root"/usr/share/doc/exportready/examples/firms/*.cfg |
        /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
ok = all(any(x["criterion"] == "site_fixture_check" for x in f["findings"]) and
         [p["id"] for p in f["programmes"]][-1] == "site-fixture" for f in d["firms"])
sys.exit(0 if ok and len(d["firms"]) == int(sys.argv[1]) else 1)' "$(ls "$src"/examples/firms/*.cfg | wc -l)"
}
site_check || fail "the site layer in /etc/exportready/rubrics does not apply"
"$exe" validate "$root/usr/share/exportready/rubrics" | grep -q "site-fixture.*(site; added)" ||
    fail "validate does not show the site module"
install_deb
site_check || fail "a reinstall lost the site layer"
rm -rf "$root/etc/exportready"
out2=$(audit_examples) || fail "audit after reinstall"
[ "$out2" = "$out" ] || fail "a reinstall changed the results"
echo "ok: $(basename "$deb"), Depends: $depends"
