"""Take screenshots of every main view on a fresh demo file (for docs/ and for looking).

xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python tools/screenshots.py docs/screenshots
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.gui import i18n
from kim_desktop.gui.app import DEMO_PASSPHRASE, create_demo_file, view_factories
from kim_desktop.gui.main_window import MainWindow
from kim_desktop.gui.operations import wait_for_all
from kim_desktop.gui.settings import Settings


def pump(ms: int = 300) -> None:
    end = dt.datetime.now() + dt.timedelta(milliseconds=ms)
    while dt.datetime.now() < end:
        QApplication.processEvents()
    wait_for_all()
    QApplication.processEvents()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    language = sys.argv[2] if len(sys.argv) > 2 else "de"
    out.mkdir(parents=True, exist_ok=True)
    QCoreApplication.setOrganizationName("KIM Desktop screenshots")
    app = QApplication([])
    i18n.install(app, language)
    folder = Path(tempfile.mkdtemp(prefix="kim-shots-"))
    settings = Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    path = create_demo_file(folder, clients=300, seed=4)
    window = MainWindow(CaseFile.open(path, DEMO_PASSPHRASE), settings, view_factories())
    window.resize(1360, 860)
    window.show()
    pump(800)
    names = ["overview", "cases", "appointments", "gaps", "statistics"]
    for index, name in enumerate(names):
        window.navigation.setCurrentRow(index)
        pump(600)
        if name == "cases":
            view = window.views[index]
            view.table.selectRow(0)
            pump(600)
        window.grab().save(str(out / f"{index + 1}-{name}-{language}.png"))
    cases_view = window.views[1]
    for tab in range(cases_view.detail.tabs.count()) if hasattr(cases_view.detail, "tabs") else []:
        window.navigation.setCurrentRow(1)
        cases_view.detail.tabs.setCurrentIndex(tab)
        pump(300)
        window.grab().save(str(out / f"2-cases-tab{tab + 1}-{language}.png"))
    window.lock()
    pump(300)
    window.grab().save(str(out / f"6-locked-{language}.png"))
    QTimer.singleShot(0, window.close)
    pump(200)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
