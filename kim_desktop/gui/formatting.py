"""Dates and numbers as the reader's locale writes them (German by default)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale


def number(value: float | int | None) -> str:
    """``1234`` → ``1.234``; ``61.5`` → ``61,5``; ``None`` → ``–``."""
    if value is None:
        return "–"
    locale = QLocale()
    if isinstance(value, float) and not value.is_integer():
        return locale.toString(value, "f", 1)
    return locale.toString(int(value))


def time_text(value: dt.time | None) -> str:
    """``09:30`` (24 hours, both languages); empty for no time."""
    return f"{value:%H:%M}" if value is not None else ""


def date_time_text(day: dt.date, time: dt.time | None) -> str:
    """The date, and the time where one is known: ``07.03.2025 09:30``."""
    return f"{date_text(day)} {time_text(time)}" if time is not None else date_text(day)


def date_text(value: dt.date | None) -> str:
    """``dd.MM.yyyy`` in German, ISO in English; empty for ``None``."""
    if value is None:
        return ""
    if QLocale().language() == QLocale.Language.German:
        return f"{value:%d.%m.%Y}"
    return value.isoformat()


def py_date(value: QDate) -> dt.date:
    """A date edit's date as a Python date (PySide6 types ``toPython`` as ``object``)."""
    return dt.date(value.year(), value.month(), value.day())


def qt_date(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)
