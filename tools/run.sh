#!/usr/bin/env bash
# Install KIM Desktop into .venv and start the desktop program on a fresh demo case file.
# Without a display it shows the same demo data through the command line instead.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
  || { echo "KIM Desktop needs Python 3.11 or newer (found $(python3 --version))." >&2; exit 2; }
if [ ! -x .venv/bin/python ]; then
  python3 -c 'import ensurepip, venv' 2>/dev/null || {  # Debian/Ubuntu ship venv apart
    echo "KIM Desktop needs Python's venv module: sudo apt-get install python3-venv" >&2; exit 2; }
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ "$(uname)" = "Darwin" ]; then
  # Qt's X11 plugin needs system libraries (libxcb-icccm4, …) that a fresh Debian/Ubuntu may
  # lack; without them Qt aborts with no reason given. Name the install command instead.
  if [ "$(uname)" = "Linux" ]; then
    .venv/bin/python -m kim_desktop.gui.system_libraries || exit 2
  fi
  exec .venv/bin/kim-desktop --demo "$@"
fi

echo "No display found: showing the demo through the command line (kim demo + kim stats)."
# Synthetic data only, so a known passphrase is fine here. Never do this with real files.
export KIM_PASSPHRASE="${KIM_PASSPHRASE:-kim demo passphrase}"
demo="demo.kim"
[ -e "$demo" ] || .venv/bin/kim demo "$demo"
.venv/bin/kim stats "$demo" --period "$(date +%Y)" --format table
echo
echo "Demo case file: $demo (passphrase: \"$KIM_PASSPHRASE\"). Try: .venv/bin/kim --help"
