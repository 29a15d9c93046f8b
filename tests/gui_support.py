"""Helpers for the pytest-qt tests: isolated settings, waiting for background work."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

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
