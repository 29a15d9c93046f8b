#!/usr/bin/env bash
# Install KIM Desktop into .venv and start the desktop program on a fresh demo case file.
# Without a display it shows the same demo data through the command line instead.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
  || { echo "KIM Desktop needs Python 3.11 or newer (found $(python3 --version))." >&2; exit 2; }
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ "$(uname)" = "Darwin" ]; then
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
