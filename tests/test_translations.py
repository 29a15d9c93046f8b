"""German is the default language: every string is translated, the shipped .qm matches the
.ts sources, and the window really speaks German."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import PASSPHRASE
from gui_support import isolated_settings
from PySide6.QtWidgets import QApplication

from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.gui import i18n
from kim_desktop.gui.main_window import MainWindow
from kim_desktop.gui.views import registry

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "translations/kim_desktop_de.ts"
QM = ROOT / "kim_desktop/gui/i18n/kim_desktop_de.qm"
TOOLS = Path(sys.executable).parent


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    result = {}
    for context in ET.parse(ts).iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            finished = translation is not None and translation.get("type") is None
            result[(name, message.findtext("source") or "")] = (
                translation.text if finished and translation is not None else None
            )
    return result


def test_every_german_string_is_translated() -> None:
    untranslated = [source for key, text in messages(TS).items() if not text for source in [key[1]]]
    assert untranslated == []


def test_ts_is_up_to_date_with_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    sources = sorted(str(p) for p in (ROOT / "kim_desktop/gui").rglob("*.py"))
    subprocess.run(
        [
            str(TOOLS / "pyside6-lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "en",
            "-target-language",
            "de",
            *sources,
            "-ts",
            str(fresh),
        ],
        check=True,
        capture_output=True,
    )
    assert set(messages(fresh)) == set(messages(TS)), "run ./tools/translations.sh"


def test_shipped_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    compiled = tmp_path / "de.qm"
    subprocess.run(
        [str(TOOLS / "pyside6-lrelease"), str(TS), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == QM.read_bytes(), "run ./tools/translations.sh"


def test_window_speaks_german_by_default(qtbot, demo_file: Path, tmp_path: Path) -> None:
    app = QApplication.instance()
    settings = isolated_settings(tmp_path)
    assert settings.language() == "de"
    i18n.install(app, settings.language())
    try:
        window = MainWindow(CaseFile.open(demo_file, PASSPHRASE), settings, registry.factories())
        qtbot.addWidget(window)
        titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
        assert titles == [
            "Übersicht",
            "Fälle",
            "Klient:innen",
            "Termine",
            "Strukturlücken",
            "Statistik",
            "Aufbewahrung",
            "Sync-Bündel",
        ]
        assert window.lock_action.text() == "&Sperren"
        window.close()
    finally:
        i18n.install(app, "en")
