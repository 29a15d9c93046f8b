"""What every part of the case window shares: the case shown, the dialogs it has open, and
one way to run a change (core call, message on refusal, read the case again, ``changed``).

The header and each tab are classes over this base, each in its own module; ``widget.py``
puts them together into one ``CaseDetailWidget``. One object, so a tab reaches the case,
the message line and the dialog bookkeeping without wiring."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QPushButton, QTableView, QWidget

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.gui.dialogs import ask_pdf_path
from kim_desktop.gui.messages import describe_error
from kim_desktop.gui.open_dialogs import OpenDialogs
from kim_desktop.gui.table_model import RowsModel
from kim_desktop.gui.views.case_detail.common import catalogue_label, plain

_D = TypeVar("_D", bound=QDialog)


class CaseDetailBase(QWidget):
    changed = Signal()  # after every successful change (the case list refreshes its row)

    # Set up by CaseDetailWidget.__init__ before any part is built.
    _today: dt.date | None
    casefile: CaseFile | None
    case: casework.CaseDetail | None
    _catalogues: dict[str, cat.Catalogue]
    _windows: OpenDialogs  # open dialogs and questions; clear() closes them
    _changed_timer: QTimer
    # Built by the header (header.py).
    info_label: QLabel
    message: QLabel

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    # -- provided by the header and the assembled widget --------------------------------------

    def show_case(self, casefile: CaseFile, case_id: str) -> None:
        raise NotImplementedError

    def _update_actions(self, *_args: object) -> None:
        raise NotImplementedError

    def flush_edits(self) -> None:
        raise NotImplementedError

    def _info_text(self, case: casework.CaseDetail) -> str:
        raise NotImplementedError

    # -- building ----------------------------------------------------------------------------

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(plain(text))
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _label(self, name: str, code: str | None) -> str:
        return catalogue_label(self._catalogues, name, code)

    @staticmethod
    def _reselect(
        table: QTableView, model: RowsModel, key: Callable[[Any], str | None], wanted: str | None
    ) -> bool:
        for row, item in enumerate(model.rows):
            if wanted is not None and key(item) == wanted:
                table.setCurrentIndex(model.index(row, 0))
                return True
        return False

    # -- windows -----------------------------------------------------------------------------

    def active_dialog(self) -> QWidget | None:
        """The dialog or question opened last and still open (tests fill it in)."""
        return self._windows.last()

    def _prepared(self, dialog: _D, done: Callable[[], None] | None = None) -> _D:
        """Track ``dialog`` (``clear()`` closes it) and read the case again when it saves.
        Tests fill the returned dialog and call ``accept()`` without showing it."""
        return self._windows.track(dialog, done or self._after_change)

    def _open(self, dialog: QDialog | None) -> QDialog | None:
        """Show a prepared dialog window-modal, without blocking."""
        if dialog is not None:
            dialog.open()
        return dialog

    def _forget(self, dialog: QDialog) -> None:
        self._windows.forget(dialog)

    def _ask(self, title: str, text: str) -> bool:
        """A yes/no question (No is the default); False if the view was cleared meanwhile."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        shown = self.case.id if self.case else None
        self._windows.append(box)
        box.exec()
        if self.case is None or self.case.id != shown:
            return False  # locked (or another case shown) while the question was open
        yes = box.clickedButton() == box.button(QMessageBox.StandardButton.Yes)
        self._forget(box)
        return yes

    def _close_windows(self) -> None:
        self._windows.close_all()

    def _save_path(self, title: str, suggested: str) -> Path | None:
        """Where to write a PDF; None when cancelled. Tests replace this."""
        return ask_pdf_path(self, title, suggested)

    # -- changes -----------------------------------------------------------------------------

    def _after_change(self) -> None:
        if self.casefile is not None and self.case is not None:
            self.show_case(self.casefile, self.case.id)
            self._announce_change()

    def _announce_change(self) -> None:
        """Emit ``changed`` once the current event is handled: the host reloads its list then
        (and may call back into this widget) without re-entering our own handlers."""
        self._changed_timer.start()

    def _show_error(self, error: BaseException) -> None:
        self.message.setText(describe_error(error))

    def _call(self, action: Callable[[], object]) -> bool:
        """Run one core change; show its refusal in the header, else reload and signal."""
        try:
            action()
        except Exception as error:  # noqa: BLE001 - shown to the user
            self._show_error(error)
            return False
        self._after_change()
        return True

    def _ready(self) -> tuple[CaseFile, casework.CaseDetail] | None:
        if self.casefile is None or self.case is None:
            return None
        return self.casefile, self.case
