#!/bin/sh
# Prints the path of a Debian 12 (bookworm) minbase root with what the FloorGate packages depend on already in it
# (openjdk-17-jre-headless, systemd for systemd-analyze, adduser), made by debootstrap once and cached, so the
# package tests install only our .deb files and run in seconds. Installs debootstrap with apt-get when missing.
# The tests never change this root: each lays an overlay over it (DebianRoot.java).
#   FLOORGATE_DEBROOT_CACHE  where the root is kept (/var/cache/floorgate-pkgtest)
#   FLOORGATE_DEBIAN_MIRROR  the Debian mirror (http://deb.debian.org/debian)
set -eu
CACHE=${FLOORGATE_DEBROOT_CACHE:-/var/cache/floorgate-pkgtest}
# bump the suffix when the package list changes
ROOT=$CACHE/bookworm-minbase-v1
INCLUDE=openjdk-17-jre-headless,systemd,adduser,procps
if [ -f "$ROOT/.complete" ]; then echo "$ROOT"; exit 0; fi
mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock 9
if [ -f "$ROOT/.complete" ]; then echo "$ROOT"; exit 0; fi
if ! command -v debootstrap >/dev/null 2>&1; then
  echo "debian-root: installing debootstrap with apt-get" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >&2 \
    || { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >&2; }
fi
BUILD=$CACHE/.building
rm -rf "$BUILD"
echo "debian-root: debootstrap bookworm minbase into $ROOT (once; about a minute)" >&2
debootstrap --variant=minbase --include="$INCLUDE" bookworm "$BUILD" \
  "${FLOORGATE_DEBIAN_MIRROR:-http://deb.debian.org/debian}" >&2
chroot "$BUILD" apt-get clean >&2
rm -rf "$ROOT"
touch "$BUILD/.complete"
mv "$BUILD" "$ROOT"
echo "$ROOT"
