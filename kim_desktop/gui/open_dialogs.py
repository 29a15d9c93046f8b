"""The dialogs and questions a panel has open, so that clearing it (a lock, another record
shown) closes them at once: record forms without asking (the window kept their input as a
draft just before), other dialogs rejected, all out of the widget tree so no name stays."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QDialog, QWidget

from kim_desktop.gui.record_dialog import RecordDialog

_D = TypeVar("_D", bound=QDialog)


class OpenDialogs(list[QWidget]):
    """A list of the open windows (the newest last) that tracks and closes them."""

    def track(self, dialog: _D, done: Callable[[], None]) -> _D:
        """Keep ``dialog`` until it finishes; ``done`` when it was accepted."""
        self.append(dialog)
        dialog.accepted.connect(done)
        dialog.finished.connect(lambda _result, d=dialog: self.forget(d))
        return dialog

    def forget(self, window: QWidget) -> None:
        if window in self:
            self.remove(window)
            window.deleteLater()

    def last(self) -> QWidget | None:
        return self[-1] if self else None

    def close_all(self) -> None:
        for window in list(self):
            self.remove(window)
            for inner in [*window.findChildren(QDialog), window]:
                if isinstance(inner, RecordDialog):
                    inner.close_keeping_draft()  # never asks (a lock is waiting)
                elif isinstance(inner, QDialog):
                    inner.reject()
            window.hide()
            window.setParent(None)  # out of the widget tree at once, not at deleteLater
            window.deleteLater()
