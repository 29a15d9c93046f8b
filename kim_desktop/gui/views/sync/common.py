"""Small pieces the sync views (and the district keys page) share."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QLabel

BUNDLE_SUFFIX = ".kimbundle"
CONFIG_SUFFIX = ".kimdistrict"


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def safe_name(text: str) -> str:
    """``text`` as a file name: letters, digits, dots and dashes only."""
    return re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-") or "kim"


def value_label(name: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def message_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
