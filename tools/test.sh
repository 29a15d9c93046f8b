#!/usr/bin/env bash
# Install everything KIM Desktop needs into .venv and run the whole test suite.
# This is the one test command: the README gives it and .ci/run runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
  || { echo "KIM Desktop needs Python 3.11 or newer (found $(python3 --version))." >&2; exit 2; }
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy  # strict for core, reports and the CLI; see [tool.mypy] in pyproject.toml
.venv/bin/python -m pytest "$@"
