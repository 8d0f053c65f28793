#!/usr/bin/env bash
# CI step (needs root and the Debian mirror): the .deb on a fresh Debian 12.
#   scripts/check-deb-chroot.sh [--demo] [CHROOT_DIR]   (default build/chroot-bookworm)
# Makes a minimal Debian 12 root with debootstrap (once; reused after), then
# in it, exactly as the README says: `apt install ./exportready_*.deb`, and
# `exportready audit` on the installed examples must print the README's lines.
# Also `apt install` again (an upgrade) keeps /etc/exportready.  With
# --demo, also the README's first command: a copy of the clone (tracked
# files) in the root, and scripts/demo.sh there must print the README's lines.
set -euo pipefail
cd "$(dirname "$0")/.."
demo=false
if [ "${1:-}" = --demo ]; then demo=true; shift; fi
root=${1:-build/chroot-bookworm}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
fail() { echo "check-deb-chroot: FAIL: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "run as root (debootstrap and chroot)"
command -v debootstrap >/dev/null ||
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
deb=$(scripts/deb.sh)
if [ ! -x "$root/usr/bin/apt-get" ]; then
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.log" 2>&1 ||
    { tail -n 30 "$root.log"; fail "debootstrap"; }
fi
# The program finds its rubrics through /proc/self/exe, as on any booted system.
mountpoint -q "$root/proc" || mount -t proc proc "$root/proc" || fail "cannot mount /proc in $root"
trap 'umount "$root/proc" 2>/dev/null || true' EXIT
cp "$deb" "$root/tmp/"
name=$(basename "$deb")
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
in_root apt-get update -qq >/dev/null
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "/tmp/$name" >/dev/null ||
  fail "apt install ./$name in a fresh Debian 12"
want=$(grep '^pe-[a-z-]*: score' README.md)
got=$(in_root sh -c 'cd /tmp && exportready audit --compare-markets -o out --force --json out/results.json /usr/share/doc/exportready/examples/firms/*.cfg')
[ "$got" = "$want" ] || fail "the installed exportready prints: $got"
mkdir -p "$root/etc/exportready/rubrics/modules"
echo '# kept' >"$root/etc/exportready/rubrics/modules/README"
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --reinstall "/tmp/$name" >/dev/null
[ -f "$root/etc/exportready/rubrics/modules/README" ] || fail "a reinstall removed /etc/exportready"
rm -rf "$root/etc/exportready"
if $demo; then
  rm -rf "$root/tmp/clone" && mkdir -p "$root/tmp/clone"
  git ls-files -z --cached --others --exclude-standard | xargs -0 cp -a --parents -t "$root/tmp/clone"
  out=$(in_root sh -c 'cd /tmp/clone && scripts/demo.sh') || fail "scripts/demo.sh in a fresh Debian 12"
  [ "$(grep '^pe-[a-z-]*: score' <<<"$out")" = "$want" ] || fail "the demo prints: $out"
  echo "check-deb-chroot: ok: scripts/demo.sh in a fresh Debian 12 prints the README's lines"
fi
echo "check-deb-chroot: ok: apt install ./$name on a fresh Debian 12 audits the examples as the README says"
