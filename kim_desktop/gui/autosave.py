"""Save as you go: forms have no save button to forget.

``AutoSaver`` watches a form's fields. A change to a combo box, date or check box is saved at
once; typing in a text field is saved when the field loses focus or after a short pause, so a
crash loses at most the field being typed. Each save is one core call, one transaction."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from kim_desktop.gui.date_field import DateField

TYPING_PAUSE_MS = 1500


class AutoSaver(QObject):
    saved = Signal()
    failed = Signal(object)

    def __init__(self, save: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._suspended = 0
        self._pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.flush)

    def watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(self._typed)
                widget.editingFinished.connect(self.flush)
            elif isinstance(widget, QPlainTextEdit):
                widget.textChanged.connect(self._typed)
                widget.installEventFilter(self)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self._changed)
                line = widget.lineEdit() if widget.isEditable() else None
                if line is not None:
                    line.editingFinished.connect(self._changed)
            elif isinstance(widget, DateField):
                widget.committed.connect(self._changed)
            elif isinstance(widget, QAbstractSpinBox):
                widget.editingFinished.connect(self._changed)
            elif isinstance(widget, QCheckBox):
                widget.toggled.connect(self._changed)

    def eventFilter(self, watched: QObject, event: object) -> bool:
        from PySide6.QtCore import QEvent

        if isinstance(event, QEvent) and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return False

    def suspend(self) -> _Suspension:
        """Use while filling the form from data: those changes are not edits."""
        return _Suspension(self)

    def _typed(self) -> None:
        if self._suspended:
            return
        self._pending = True
        self._timer.start()

    def _changed(self) -> None:
        if self._suspended:
            return
        self._pending = True
        self.flush()

    def flush(self) -> None:
        """Save now if anything changed since the last save."""
        self._timer.stop()
        if not self._pending or self._suspended:
            return
        self._pending = False
        try:
            self._save()
        except Exception as error:  # noqa: BLE001 - shown by the form
            self.failed.emit(error)
        else:
            self.saved.emit()

    def discard(self) -> None:
        """Forget unsaved typing (on lock: the view is cleared, nothing is written)."""
        self._timer.stop()
        self._pending = False


class _Suspension:
    def __init__(self, saver: AutoSaver) -> None:
        self.saver = saver

    def __enter__(self) -> None:
        self.saver._suspended += 1

    def __exit__(self, *exc: object) -> None:
        self.saver._suspended -= 1
