"""Typed access to Qt's application object (PySide6 types ``instance()`` loosely)."""

from __future__ import annotations

from typing import cast

from PySide6.QtWidgets import QApplication


def application() -> QApplication:
    """The running QApplication; the desktop program always makes one before any window."""
    instance = QApplication.instance()
    if instance is None:
        raise RuntimeError("no QApplication yet")
    return cast(QApplication, instance)
