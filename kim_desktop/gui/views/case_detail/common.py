"""Small pieces every part of the case window uses: texts of ratings, names and catalogue
codes, and the look of tables, labels and button rows."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.platform.files import replace_privately
from kim_desktop.gui import i18n
from kim_desktop.gui.flow import FlowLayout

# Tab indexes, in the order the tabs are shown.
PERSONS, ASSESSMENT, GOALS, APPOINTMENTS, REFERRALS, NOTES, TIMELINE = range(7)


def plain(text: str) -> str:
    """An accessible name from a label text: without mnemonic, colon and ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(" :…").strip()


# The words of the ratings 0..3; QT_TRANSLATE_NOOP marks them for lupdate.
_NEED_WORDS = (
    QT_TRANSLATE_NOOP("CaseDetail", "no need"),
    QT_TRANSLATE_NOOP("CaseDetail", "low need"),
    QT_TRANSLATE_NOOP("CaseDetail", "medium need"),
    QT_TRANSLATE_NOOP("CaseDetail", "high need"),
)


def need_text(rating: int | None) -> str:
    """A rating as number plus word: "2 – medium need"; empty when not rated."""
    if rating is None:
        return ""
    if not 0 <= rating < len(_NEED_WORDS):
        return str(rating)
    return f"{rating} – {QCoreApplication.translate('CaseDetail', str(_NEED_WORDS[rating]))}"


def member_name(client: casework.ClientData) -> str:
    return casework.display_name(client.family_name, client.given_name)


def catalogue_label(catalogues: dict[str, cat.Catalogue], name: str, code: str | None) -> str:
    """The label of ``code`` in the file's catalogue ``name`` (UI language); "" for none."""
    if not code:
        return ""
    catalogue = catalogues.get(name) or cat.base_catalogues()[name]
    return catalogue.label(code, i18n.current_language())


def table(model: QAbstractTableModel, name: str, stretch: int | None = None) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    return view


class MultiLineText(QPlainTextEdit):
    """A text of a few lines, wrapped at the field's width (a goal, a note): Tab moves on,
    the field is as wide as the form gives it and ``lines`` high, and scrolls beyond.
    ``text()``/``setText()`` as a line edit has them, so callers need not care."""

    def __init__(self, text: str = "", lines: int = 4, read_only: bool = False) -> None:
        super().__init__(text)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setReadOnly(read_only)
        if read_only:
            self.setFrameShape(QFrame.Shape.NoFrame)
            self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # selectable, not a Tab stop
        margins = self.contentsMargins()
        height = self.fontMetrics().lineSpacing() * lines + 2 * self.document().documentMargin()
        frame = 2 * self.frameWidth()
        self.setFixedHeight(int(height) + margins.top() + margins.bottom() + frame + 4)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(text)


def shorten(text: str, limit: int = 80) -> str:
    """``text`` on one line, cut after ``limit`` characters with an ellipsis (a question
    names a record by it; the full text is in the record)."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def on_delete_key(view: QTableView, slot: Callable[[], object]) -> QShortcut:
    """The Delete key in ``view`` runs ``slot`` (removal, which asks first)."""
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), view)
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
    shortcut.activated.connect(lambda: slot())
    return shortcut


def buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    if not widget.accessibleName():
        widget.setAccessibleName(plain(text))
    return label


def row(*widgets: QWidget) -> FlowLayout:
    """A row of buttons (or labelled fields) that wraps when the case window is narrow."""
    line = FlowLayout()
    for widget in widgets:
        line.addWidget(widget)
    return line


def write_pdf(path: Path, build: Callable[[io.BytesIO], object]) -> None:
    """Build a document into memory, then write it to ``path`` (replacing a file the save
    dialog has asked about)."""
    buffer = io.BytesIO()
    build(buffer)
    replace_privately(path, buffer.getvalue())
