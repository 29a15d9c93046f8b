"""Long work off the GUI thread, with progress and cancel (after Anki's "operations").

``run_operation`` runs ``work(report)`` in Qt's thread pool. ``report(done, total)`` updates
the progress dialog and raises ``Cancelled`` once the user pressed Cancel, which makes core
roll back whatever transaction the work was in. Results and errors come back to the GUI
thread through queued signals.

``abandon_all`` is for locking: every running operation is cancelled and whatever it ends
with — result or error — is dropped, so nothing of it reaches a view or a message box."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

Report = Callable[[int, int], None]

log = logging.getLogger(__name__)

# Work in the pool is Python too and shares the GIL with the GUI thread, which waits up to the
# switch interval (5 ms by default) for it after every Qt call that releases it. 1 ms keeps
# the window answering (locking during an import: 90-150 ms at 5 ms, 25-50 ms at 1 ms).
GUI_SWITCH_INTERVAL = 0.001


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
        self.abandoned = False  # GUI thread only
        self.dialog: QProgressDialog | None = None

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def abandon(self) -> None:
        """Cancel, close the progress dialog now, and drop whatever the work ends with."""
        self.abandoned = True
        self.cancel()
        self.close_dialog()

    def close_dialog(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.reset()  # stops its timer: a dialog not shown yet never appears
            dialog.close()
            dialog.deleteLater()

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
    if sys.getswitchinterval() > GUI_SWITCH_INTERVAL:
        sys.setswitchinterval(GUI_SWITCH_INTERVAL)
    operation = Operation(work)
    if label is not None:
        # No cancel-button text: no button (the stubs do not allow None, Qt does).
        dialog = QProgressDialog(label, None, 0, 0, parent)  # type: ignore[call-overload]
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
        operation.dialog = dialog

        @Slot(int, int)
        def on_progress(done: int, total: int) -> None:
            shown = operation.dialog
            if shown is not None:
                shown.setMaximum(max(total, 1))
                shown.setValue(min(done, total))

        operation.progressed.connect(on_progress, Qt.ConnectionType.QueuedConnection)

    def succeeded(result: object) -> None:
        if not operation.abandoned:
            on_success(result)

    def failed(error: BaseException) -> None:
        if operation.abandoned:
            log.info("work ended after the lock (%s)", type(error).__name__)
        else:
            on_failure(error)

    def finish() -> None:
        _running.discard(operation)
        operation.close_dialog()

    operation.succeeded.connect(succeeded, Qt.ConnectionType.QueuedConnection)
    operation.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    operation.ended.connect(finish, Qt.ConnectionType.QueuedConnection)
    _running.add(operation)
    QThreadPool.globalInstance().start(_Runner(operation))
    return operation


def abandon_all() -> int:
    """Cancel every running operation and drop its outcome (on lock); returns how many."""
    running = list(_running)
    for operation in running:
        operation.abandon()
    return len(running)


def wait_for_all(timeout_ms: int = 30000) -> bool:
    """Block until background work is done (used on quit and in tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
