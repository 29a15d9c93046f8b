#!/usr/bin/env bash
# Build the frozen program and the .deb, and test both on this machine (CI runs this after
# the unit tests): PyInstaller build, smoke test of the frozen folder, .deb build, lintian,
# install with dpkg, kim from PATH, uninstall; then a second build of the same commit, which
# must give the same .deb byte for byte (reproducible builds).
set -euo pipefail
cd "$(dirname "$0")/.."
DIST=${1:-dist}

./packaging/build_frozen.sh "$DIST"
./packaging/smoke_test.sh "$DIST/kim-desktop"
rm -f "$DIST"/kim-desktop_*.deb
./packaging/build_deb.sh "$DIST/kim-desktop" "$DIST"
DEB=$(ls "$DIST"/kim-desktop_*.deb)
./packaging/lint_deb.sh "$DEB"
./packaging/test_deb.sh "$DEB"

# Reproducible: the whole way again, into another folder.
AGAIN=$DIST/again
rm -rf "$AGAIN"
./packaging/build_frozen.sh "$AGAIN" >/dev/null
./packaging/build_deb.sh "$AGAIN/kim-desktop" "$AGAIN" >/dev/null
if cmp -s "$DEB" "$AGAIN/$(basename "$DEB")"; then
    echo "reproducible: a second build gives the same .deb ($(sha256sum <"$DEB" | cut -c1-16)…)"
    rm -rf "$AGAIN"
else
    echo "check.sh: FAIL: a second build of the same commit gives another .deb;" \
        "compare with: diffoscope $DEB $AGAIN/$(basename "$DEB")" >&2
    exit 1
fi
