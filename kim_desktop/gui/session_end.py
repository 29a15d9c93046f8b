"""The program ends with the session as it ends with a lock: nothing typed is lost.

At logout and shutdown the system asks programs to end — SIGTERM (and SIGHUP when the
terminal goes) on Linux and macOS, the session manager's end-of-session messages on Windows.
Without a handler Python dies at once (exit 143): forms not yet kept, the case file not
closed, the demo folder left behind and no word in the log. ``SessionEnd`` does instead what
a lock does — every typed form kept as a draft in the encrypted file, running work rolled
back, the file closed — writes one log record without personal data, tidies up (the demo
folder) and ends with exit code 0.

Python runs a signal handler only between two of its own bytecodes, never while Qt waits in
its event loop. So the handler is a no-op and the signal's number travels through a pipe
(``signal.set_wakeup_fd``; a pipe, not a socket pair: the program imports no network
module, as the data-protection papers state) that a ``QSocketNotifier`` watches: the event
loop wakes and the work happens on the GUI thread, between two events, as any other slot.

On Windows, Qt emits ``commitDataRequest`` when the session is about to end (the window is
locked: the user may still cancel the logout) and ``aboutToQuit`` when it ends (the window
closes; Windows ends the process right after, so all of it happens in that call)."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
from collections.abc import Callable
from types import FrameType
from typing import Protocol

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtGui import QSessionManager
from PySide6.QtWidgets import QApplication, QDialog

log = logging.getLogger("kim_desktop.gui")

# The signals that mean "end now, tidily" (POSIX).
SIGNALS = tuple(
    number for name in ("SIGTERM", "SIGHUP") if (number := getattr(signal, name, None)) is not None
)

Handler = Callable[[int, FrameType | None], object] | int | signal.Handlers | None


class Lockable(Protocol):
    """The main window as far as the end of the session needs it."""

    @property
    def is_locked(self) -> bool: ...

    def lock(self) -> None: ...

    def close(self) -> bool: ...


class SessionEnd(QObject):
    """Ends the program on SIGTERM/SIGHUP and at the end of the session, as a lock would."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.window: Lockable | None = None  # set once the main window is shown
        self.reason: str | None = None  # why the program was asked to end, once it was
        self._cleanups: list[Callable[[], None]] = []
        self._tidied = False
        self._previous: dict[int, Handler] = {}
        self._previous_wakeup = -1
        self._pipe: tuple[int, int] | None = None  # (read end, write end)
        self._notifier: QSocketNotifier | None = None
        app.aboutToQuit.connect(self._about_to_quit)
        app.commitDataRequest.connect(self._commit_data)

    # -- what the program registers --------------------------------------------------------

    def on_end(self, cleanup: Callable[[], None]) -> None:
        """Run ``cleanup`` once when the program ends, however it ends (demo folder)."""
        self._cleanups.append(cleanup)

    def watch_signals(self) -> None:
        """Route SIGTERM and SIGHUP into the event loop (POSIX; main thread only)."""
        if os.name != "posix" or self._pipe is not None:
            return
        reader, writer = os.pipe()
        os.set_blocking(reader, False)
        os.set_blocking(writer, False)
        self._pipe = (reader, writer)
        self._previous_wakeup = signal.set_wakeup_fd(writer, warn_on_full_buffer=False)
        for number in SIGNALS:
            self._previous[number] = signal.signal(number, _noted)
        self._notifier = QSocketNotifier(reader, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)

    def stop_watching(self) -> None:
        """Give the signals back (after the event loop has ended, and in tests)."""
        if self._pipe is None:
            return
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        for number, previous in self._previous.items():
            signal.signal(number, previous if previous is not None else signal.SIG_DFL)
        self._previous.clear()
        signal.set_wakeup_fd(self._previous_wakeup)
        for end in self._pipe:
            os.close(end)
        self._pipe = None

    # -- the end ---------------------------------------------------------------------------

    def end(self, reason: str) -> None:
        """Lock, close, tidy up and quit with exit code 0. Once; later calls do nothing."""
        if self.reason is not None:
            return
        self.reason = reason
        self._lock_and_tidy(reason)
        for widget in QApplication.topLevelWidgets():  # the start dialog, a question
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        # From the event loop, not from here: exit() outside a running loop would be lost.
        QTimer.singleShot(0, lambda: self.app.exit(0))

    def _woken(self) -> None:
        reader = self._pipe[0] if self._pipe else None
        if reader is None:
            return
        numbers = b""
        with contextlib.suppress(BlockingIOError, InterruptedError):
            while chunk := os.read(reader, 64):
                numbers += chunk
        for number in numbers:
            if number in SIGNALS:
                self.end(signal.Signals(number).name)
                return

    def _commit_data(self, manager: QSessionManager) -> None:
        """The session is about to end (Windows: WM_QUERYENDSESSION): lock, keep the program.
        The user may still cancel the logout; then the lock page waits for the passphrase."""
        del manager
        window = self.window
        if window is not None and not window.is_locked:
            window.lock()
            log.info("locked on the session manager's request (drafts kept, case file closed)")

    def _about_to_quit(self) -> None:
        """Every way out passes here; on Windows the end of the session too, and the process
        is ended right after this call."""
        window = self.window
        if self.reason is None and window is not None and not window.is_locked:
            self._lock_and_tidy("quit")
        else:
            self._tidy()

    def _lock_and_tidy(self, reason: str) -> None:
        from kim_desktop.gui.operations import abandon_all, wait_for_all

        window = self.window
        if window is not None:
            was_locked = window.is_locked
            window.close()  # the lock: forms kept as drafts, work rolled back, file closed
            what = (
                "the window was locked already"
                if was_locked
                else "case file locked and closed (open forms kept as drafts)"
            )
        else:
            abandon_all()  # an unlock or the demo being made: rolled back, never shown
            wait_for_all()
            what = "no case file was open"
        log.info("session end (%s): %s", reason, what)
        self._tidy()

    def _tidy(self) -> None:
        if self._tidied:
            return
        self._tidied = True
        for cleanup in self._cleanups:
            try:
                cleanup()
            except Exception as error:  # noqa: BLE001 - the others still run
                log.warning("tidying up at the end failed: %s", type(error).__name__)


def _noted(number: int, frame: FrameType | None) -> None:
    """The Python side of SIGTERM/SIGHUP: nothing; the wakeup socket carries the news."""
    del number, frame
