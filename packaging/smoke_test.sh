#!/usr/bin/env bash
# Smoke-test a frozen build (FOLDER = the one-folder program, default dist/kim-desktop):
# kim --version, kim demo + stats + report + verify, and kim-desktop starting offscreen and
# quitting by itself, with and without a case file. Prints size and start-up times.
set -euo pipefail
FOLDER=$(cd "${1:-dist/kim-desktop}" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export KIM_DESKTOP_HOME="$WORK/home" QT_QPA_PLATFORM=offscreen
export KIM_PASSPHRASE="smoke test passphrase, not a real one"
fail() { echo "smoke test FAILED: $*" >&2; exit 1; }
seconds() {  # wall time of a command, e.g. 1.234
  local start=${EPOCHREALTIME/./} end
  "$@" >/dev/null 2>&1 || return 1
  end=${EPOCHREALTIME/./}
  printf '%d.%03d' $(((end - start) / 1000000)) $((((end - start) / 1000) % 1000))
}

# Drop the page cache when allowed, so the first start is really cold.
sync; (echo 3 > /proc/sys/vm/drop_caches) 2>/dev/null && COLD=cold || COLD="warm (cache not droppable here)"
first=$(seconds "$FOLDER/kim" --version) || fail "kim --version"
version=$("$FOLDER/kim" --version)
[[ $version == "kim "* ]] || fail "kim --version printed '$version'"

cd "$WORK"
"$FOLDER/kim" demo demo.kim >/dev/null || fail "kim demo"
"$FOLDER/kim" stats demo.kim --period 2025 --format json > stats.json || fail "kim stats"
grep -q '"appointments' stats.json || fail "kim stats printed no figures"
"$FOLDER/kim" stats demo.kim --period 2025 | grep -q "Termine" || fail "kim stats table is not German"
"$FOLDER/kim" report demo.kim --period 2025 --out report.pdf >/dev/null || fail "kim report"
[ "$(head -c 5 report.pdf)" = "%PDF-" ] || fail "report.pdf is no PDF"
"$FOLDER/kim" verify demo.kim >/dev/null || fail "kim verify"
set +e; KIM_PASSPHRASE="a wrong passphrase of length" "$FOLDER/kim" verify demo.kim 2>/dev/null; code=$?; set -e
[ "$code" = 3 ] || fail "a wrong passphrase gave exit $code, not 3"

sync; (echo 3 > /proc/sys/vm/drop_caches) 2>/dev/null || true
gui_start=$(seconds "$FOLDER/kim-desktop" --quit-after 0.1) || fail "kim-desktop (start dialog)"
"$FOLDER/kim-desktop" --demo --quit-after 1 || fail "kim-desktop --demo"
grep -q "case file unlocked" "$KIM_DESKTOP_HOME/logs/kim-desktop.log" || fail "no log entry"
gui_warm=$(seconds "$FOLDER/kim-desktop" --quit-after 0.1) || fail "kim-desktop again"

echo "smoke test passed: $version"
echo "  folder size:            $(du -sh "$FOLDER" | cut -f1)"
echo "  kim --version ($COLD): ${first} s"
echo "  kim-desktop start to window and quit, first: ${gui_start} s, again: ${gui_warm} s"
