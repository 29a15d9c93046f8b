#!/usr/bin/env bash
# Build the frozen program and the .deb, and test both on this machine (CI runs this after
# the unit tests): PyInstaller build, smoke test of the frozen folder, .deb build, install
# with dpkg, kim from PATH, uninstall.
set -euo pipefail
cd "$(dirname "$0")/.."
DIST=${1:-dist}

./packaging/build_frozen.sh "$DIST"
./packaging/smoke_test.sh "$DIST/kim-desktop"
./packaging/build_deb.sh "$DIST/kim-desktop" "$DIST"
./packaging/test_deb.sh "$DIST"/kim-desktop_*.deb
