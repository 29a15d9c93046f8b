"""Measure the main window in every view: ``python layout_probe.py FILE ROLE LANGUAGE`` prints
one JSON line per state (view, case tab) with the window's minimum size in device pixels
(``QT_SCALE_FACTOR`` applies). Run as a subprocess by test_gui_layout.py, so that a real
scale factor can be set; also usable by hand."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.gui import i18n
from kim_desktop.gui.main_window import MainWindow
from kim_desktop.gui.settings import Settings
from kim_desktop.gui.views import registry

PASSPHRASE = "correct horse battery staple"


def states(window: MainWindow, app: QApplication) -> Iterator[tuple[str, QWidget]]:
    """Every view in turn; in the cases view a case opened, each of its tabs."""
    for index, view in enumerate(window.views):
        window.navigation.setCurrentRow(index)
        app.processEvents()
        yield view.title(), view
        model = getattr(view, "model", None)
        detail = getattr(view, "detail", None)
        if detail is not None and model is not None and model.rowCount():
            view.show_case(model.row_at(0).id)  # type: ignore[attr-defined]
            for tab in range(detail.tabs.count()):
                detail.tabs.setCurrentIndex(tab)
                app.processEvents()
                yield f"{view.title()} / {detail.tabs.tabText(tab)}", view


def needed(window: MainWindow, view: QWidget) -> QSize:
    """The window's minimum size as ``view`` demands it. Every view sits in a scroll area
    (the safety net for 150 % and more), which would hide what the view itself needs: the
    area is held at the view's minimum while measuring."""
    holder = window.views_stack.currentWidget()
    assert isinstance(holder, QScrollArea) and holder.widget() is view
    holder.setMinimumSize(view.minimumSizeHint().expandedTo(view.minimumSize()))
    QApplication.processEvents()  # the layouts above take the new minimum on an event
    try:
        return window.minimumSizeHint().expandedTo(window.minimumSize())
    finally:
        holder.setMinimumSize(0, 0)
        QApplication.processEvents()


def measure(path: Path, language: str) -> list[dict[str, object]]:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    i18n.install(app, language)
    folder = Path(tempfile.mkdtemp())
    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    casefile = CaseFile.open(path, PASSPHRASE)
    window = MainWindow(casefile, settings, registry.factories(casefile.role))
    window.show()
    app.processEvents()
    ratio = window.devicePixelRatioF()
    found = []
    for state, view in states(window, app):
        hint = needed(window, view)
        navigation = window.navigation
        room = navigation.viewport().width() - 8  # the item's own text margins
        area = window.screen().availableGeometry()
        found.append(
            {
                "state": state,
                "ratio": ratio,
                "width": round(hint.width() * ratio),
                "height": round(hint.height() * ratio),
                "window": [round(window.width() * ratio), round(window.height() * ratio)],
                "available": [round(area.width() * ratio), round(area.height() * ratio)],
                "navigation_cut": [
                    navigation.item(i).text()
                    for i in range(navigation.count())
                    if navigation.fontMetrics().horizontalAdvance(navigation.item(i).text()) > room
                ],
            }
        )
    window.close()
    return found


if __name__ == "__main__":
    for line in measure(Path(sys.argv[1]), sys.argv[2]):
        print(json.dumps(line))
