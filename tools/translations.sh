#!/usr/bin/env bash
# Update translations/*.ts from the source code, then compile them into the package.
#   ./tools/translations.sh          (after changing user-visible strings)
# Edit translations/kim_desktop_de.ts with Qt Linguist (pyside6-linguist) or any editor.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t sources < <(find kim_desktop/gui -name '*.py' | sort)
.venv/bin/pyside6-lupdate -no-obsolete -locations none -source-language en \
  -target-language de "${sources[@]}" -ts translations/kim_desktop_de.ts
.venv/bin/pyside6-lrelease translations/kim_desktop_de.ts -qm kim_desktop/gui/i18n/kim_desktop_de.qm
# English is the source language; its file only holds the plural forms ("%n case(s)").
.venv/bin/pyside6-lupdate -pluralonly -no-obsolete -locations none -source-language en \
  -target-language en "${sources[@]}" -ts translations/kim_desktop_en.ts
.venv/bin/pyside6-lrelease translations/kim_desktop_en.ts -qm kim_desktop/gui/i18n/kim_desktop_en.qm
