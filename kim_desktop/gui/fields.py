"""Input fields for values that may be left empty: a time of day and a language."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.gui import i18n
from kim_desktop.gui.field_messages import FieldProblem
from kim_desktop.gui.formatting import time_text

# Languages interpreters in NRW's integration work are most often booked for; any other
# ISO 639 code can be typed. Dari (prs), Kurmanji (kmr) and Sorani (ckb) have no 639-1 code.
INTERPRETER_LANGUAGES = (
    "ar", "fa", "prs", "ps", "ku", "kmr", "ckb", "tr", "uk", "ru", "ti", "so", "sq", "ro", "bg",
    "pl", "en", "fr",
)  # fmt: skip
_TIME = re.compile(r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?|(?P<compact>\d{3,4})")


def parse_time(typed: str) -> dt.time | None:
    """A time of day as people type it: "9:30", "09:30", "9.30", "930", "0930", "14" (whole
    hour). None for an empty field; ``ValueError`` for anything else."""
    text = typed.strip()
    if not text:
        return None
    found = _TIME.fullmatch(text)
    if found is None:
        raise ValueError("not a time of day")
    if found["compact"]:
        hour, minute = int(found["compact"][:-2]), int(found["compact"][-2:])
    else:
        hour, minute = int(found["hour"]), int(found["minute"] or 0)
    return dt.time(hour, minute)  # ValueError beyond 23:59


class TimeField(QLineEdit):
    """An optional time of day: empty means none (never a made-up default); on leaving the
    field a time typed as "930" is shown as "09:30"."""

    def __init__(self, value: dt.time | None = None) -> None:
        super().__init__(time_text(value))
        self.setPlaceholderText(self.tr("hh:mm, optional"))
        self.setMaxLength(5)
        # Wide enough for the hint, not the whole row: five characters go in.
        hint = self.fontMetrics().horizontalAdvance(self.placeholderText())
        self.setMaximumWidth(hint + 4 * self.fontMetrics().averageCharWidth())
        self.editingFinished.connect(self._tidy)

    def _tidy(self) -> None:
        try:
            value = parse_time(self.text())
        except ValueError:
            return  # left as typed; saving says what is wrong
        if value is not None:
            self.setText(time_text(value))

    def value(self) -> dt.time | None:
        try:
            return parse_time(self.text())
        except ValueError:
            raise FieldProblem(
                "start_time", self.tr("Please type a time such as 9:30, or leave the field empty.")
            ) from None


class LanguageCombo(QComboBox):
    """An optional language (ISO 639 code): the common interpreter languages by name in the
    window's language, or any code typed ("ti", "prs")."""

    def __init__(self, value: str | None = None) -> None:
        super().__init__()
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem("—", None)
        for code in INTERPRETER_LANGUAGES:
            self._add(code)
        self.set_code(value)

    def _add(self, code: str) -> int:
        self.addItem(cat.language_label(code, i18n.current_language()), code)
        return self.count() - 1

    def set_code(self, code: str | None) -> None:
        index = self.findData(code)
        if index < 0 and code is not None:
            index = self._add(code)  # a language beyond the common ones, stored before
        self.setCurrentIndex(max(index, 0))

    def code(self) -> str | None:
        """The chosen or typed language; ``InvalidInput`` for text that names none."""
        text = self.currentText().strip()
        if not text or text == "—":
            return None
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)  # case-insensitive
        if index >= 0:
            return self.itemData(index)
        code = text.lower()
        if cat.is_language_code(code):
            return code
        raise FieldProblem(
            "interpreter_language",
            self.tr("Please choose a language or type its ISO 639 code, e.g. ar or prs."),
        )
