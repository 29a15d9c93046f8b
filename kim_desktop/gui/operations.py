"""Long work off the GUI thread, with progress and cancel (after Anki's "operations").

``run_operation`` runs ``work(report)`` in Qt's thread pool. ``report(done, total)`` updates
the progress dialog and raises ``Cancelled`` once the user pressed Cancel, which makes core
roll back whatever transaction the work was in. Results and errors come back to the GUI
thread through queued signals."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

Report = Callable[[int, int], None]


class Cancelled(Exception):
    """Raised inside the work when the user cancelled it."""


class Operation(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)
    ended = Signal()

    def __init__(self, work: Callable[[Report], Any]) -> None:
        super().__init__()
        self._work = work
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self.progressed.emit(done, total)

    def run(self) -> None:  # in a pool thread
        try:
            result = self._work(self.report)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)
        finally:
            self.ended.emit()


class _Runner(QRunnable):
    def __init__(self, operation: Operation) -> None:
        super().__init__()
        self.operation = operation

    def run(self) -> None:
        self.operation.run()


# Operations in flight; keeps them alive until they end.
_running: set[Operation] = set()


def run_operation(
    parent: QWidget | None,
    work: Callable[[Report], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None],
    label: str | None = None,
    cancellable: bool = False,
) -> Operation:
    """Run ``work`` off the GUI thread; a progress dialog appears when it takes > 100 ms."""
    operation = Operation(work)
    dialog: QProgressDialog | None = None
    if label is not None:
        dialog = QProgressDialog(label, None, 0, 0, parent)
        dialog.setWindowTitle(label)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(100)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if cancellable:
            dialog.setCancelButtonText(dialog.tr("Cancel"))
            dialog.canceled.connect(operation.cancel)
        else:
            dialog.setCancelButton(None)

        @Slot(int, int)
        def on_progress(done: int, total: int) -> None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, total))

        operation.progressed.connect(on_progress, Qt.ConnectionType.QueuedConnection)

    def finish() -> None:
        _running.discard(operation)
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()

    operation.succeeded.connect(on_success, Qt.ConnectionType.QueuedConnection)
    operation.failed.connect(on_failure, Qt.ConnectionType.QueuedConnection)
    operation.ended.connect(finish, Qt.ConnectionType.QueuedConnection)
    _running.add(operation)
    QThreadPool.globalInstance().start(_Runner(operation))
    return operation


def wait_for_all(timeout_ms: int = 30000) -> bool:
    """Block until background work is done (used on quit and in tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
