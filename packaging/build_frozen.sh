#!/usr/bin/env bash
# Build the one-folder frozen program with PyInstaller:
#     DIST/kim-desktop/{kim-desktop,kim,_internal/}      (DIST defaults to dist/)
# Needs the project's .venv (./tools/test.sh creates it) or PYTHON pointing at a Python with
# kim-desktop installed. Build on the oldest system you support: the frozen program needs a
# glibc at least as new as the build machine's.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
DIST=${1:-dist}
# Reproducible: the same commit gives the same bytes (PyInstaller orders base_library.zip by
# hash without a fixed seed, and stamps times from SOURCE_DATE_EPOCH when set; the commit's
# time unless the caller sets one). packaging/check.sh builds twice and compares.
export PYTHONHASHSEED=0
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 1700000000)}
export SOURCE_DATE_EPOCH

"$PYTHON" -m pip install --quiet --disable-pip-version-check "pyinstaller>=6.10,<7"
"$PYTHON" packaging/make_icons.py packaging/build/icons >/dev/null
rm -rf "$DIST/kim-desktop"
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath packaging/build/pyinstaller packaging/kim.spec
echo "Built $DIST/kim-desktop ($(du -sh "$DIST/kim-desktop" | cut -f1))"
