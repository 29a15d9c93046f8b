"""Dates and numbers as the reader's locale writes them (German by default)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale


def number(value: float | int | None) -> str:
    """``1234`` → ``1.234``; ``61.5`` → ``61,5``; ``None`` → ``–``."""
    if value is None:
        return "–"
    locale = QLocale()
    if isinstance(value, float) and not value.is_integer():
        return locale.toString(value, "f", 1)
    return locale.toString(int(value))


def date_text(value: dt.date | None) -> str:
    """``dd.MM.yyyy`` in German, ISO in English; empty for ``None``."""
    if value is None:
        return ""
    if QLocale().language() == QLocale.Language.German:
        return f"{value:%d.%m.%Y}"
    return value.isoformat()
