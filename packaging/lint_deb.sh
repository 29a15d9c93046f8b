#!/usr/bin/env bash
# Run lintian on a kim-desktop .deb and print the counts per severity:
#
#     packaging/lint_deb.sh DEB_FILE
#
# Fails on any error or warning lintian reports (the package's overrides, with their reasons
# in packaging/lintian-overrides, cover what a self-contained build is). Without lintian
# (not a Debian system) it says so and succeeds.
set -euo pipefail
[[ $# -eq 1 && -f $1 ]] || { echo "usage: lint_deb.sh DEB_FILE" >&2; exit 2; }
if ! command -v lintian >/dev/null; then
    echo "lint_deb.sh: lintian not installed; the package was not linted."
    exit 0
fi
REPORT=$(mktemp)
trap 'rm -f "$REPORT"' EXIT
# Exit status 1 only says that tags were found; they are counted below.
lintian --no-tag-display-limit --display-info --show-overrides "$1" >"$REPORT" 2>&1 || true
count() { grep -c "^$1: " "$REPORT" || true; }
errors=$(count E) warnings=$(count W) infos=$(count I) overridden=$(count O)
echo "lintian: $errors errors, $warnings warnings, $infos info, $overridden overridden"
if ((errors + warnings)); then
    grep -E '^(E|W): ' "$REPORT" >&2
    echo "lint_deb.sh: FAIL: lintian found errors or warnings" >&2
    exit 1
fi
