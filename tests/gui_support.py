"""Helpers for the pytest-qt tests: isolated settings, waiting for background work."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from kim_desktop.gui.date_field import DateField
from kim_desktop.gui.operations import wait_for_all
from kim_desktop.gui.settings import Settings


def isolated_settings(folder: Path) -> Settings:
    """Settings in a private ini file, never the developer's own."""
    return Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))


def settle(qtbot: object, ms: int = 50) -> None:
    """Let background operations finish and their queued results arrive."""
    assert wait_for_all(30000)
    for _ in range(5):
        QApplication.processEvents()
        qtbot.wait(ms)  # type: ignore[attr-defined]
        assert wait_for_all(30000)


def type_date(qtbot: Any, field: DateField, typed: str) -> None:
    """Type into a date field as a user does: select all, type, leave with Tab."""
    field.line.setFocus()
    field.line.selectAll()
    if typed:
        qtbot.keyClicks(field.line, typed)
    else:
        qtbot.keyClick(field.line, Qt.Key.Key_Delete)
    field.line.editingFinished.emit()  # what leaving the field does (offscreen focus is unreliable)
