"""What is running on an open case file, so that locking it never waits.

A *use* is a connection checked out of the engine's pool, or a whole-file operation (backup,
re-key) with its raw connection. ``close`` refuses new uses at once, interrupts the running
statements (``sqlite3_interrupt`` is safe from any thread), refuses the next statement and
the commit of work that was between two statements, and calls ``on_last`` — which forgets
the key — on the thread of whichever use ends last, never waiting on the caller's thread."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator

import sqlcipher3
from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection

from kim_desktop.core.errors import CaseFileLockedError


class Uses:
    def __init__(self, name: str, on_last: Callable[[], None]) -> None:
        self.name = name
        self.closed = False
        self.lock = threading.Lock()  # held briefly; also keeps a re-key's swap from a close
        self._on_last = on_last
        self._running: dict[object, sqlcipher3.Connection | None] = {}
        self._finishing = False
        self._ended = threading.Event()

    def locked_error(self) -> CaseFileLockedError:
        return CaseFileLockedError(f"{self.name} is locked.")

    def attach(self, engine: Engine) -> None:
        """Count the pool's connections as uses and guard the engine's statements."""

        @event.listens_for(engine, "checkout")
        def _checkout(
            connection: sqlcipher3.Connection,
            record: ConnectionPoolEntry,
            _proxy: PoolProxiedConnection,
        ) -> None:
            try:
                self.begin(record, connection)
            except CaseFileLockedError:
                raise DisconnectionError from None  # the pool asks the creator, which refuses

        @event.listens_for(engine, "checkin")
        def _checkin(_connection: sqlcipher3.Connection, record: ConnectionPoolEntry) -> None:
            self.end(record)  # before closing: an interrupt never meets a closed connection
            if self.closed:
                record.invalidate()  # close it now rather than keep it in a disposed pool

        # Between two statements an interrupt has nothing to stop: refuse the next statement
        # and the commit, so that work running at the lock rolls back.
        @event.listens_for(engine, "before_cursor_execute")
        def _execute(*_args: object) -> None:
            if self.closed:
                raise self.locked_error()

        @event.listens_for(engine, "commit")
        def _commit(_connection: Connection) -> None:
            if self.closed:
                raise self.locked_error()

    def begin(self, token: object, connection: sqlcipher3.Connection | None = None) -> None:
        with self.lock:
            if self.closed:
                raise self.locked_error()
            self._running[token] = connection

    def end(self, token: object) -> None:
        with self.lock:
            self._running.pop(token, None)
            last = self.closed and not self._running and not self._finishing
            self._finishing = self._finishing or last
        if last:
            try:
                self._on_last()
            finally:
                self._ended.set()

    @contextlib.contextmanager
    def use(self) -> Iterator[None]:
        """A whole-file operation: the key stays until it has ended."""
        token = object()
        self.begin(token)
        try:
            yield
        finally:
            self.end(token)

    def close(self, dispose: Callable[[], None]) -> bool:
        """Refuse new uses, interrupt running statements, call ``dispose`` (idle connections);
        ``on_last`` follows when the last use has ended. False when already closed."""
        with self.lock:
            if self.closed:
                return False
            self.closed = True
            for connection in self._running.values():
                if connection is not None:
                    with contextlib.suppress(sqlcipher3.ProgrammingError):
                        connection.interrupt()
            self._running[self] = None  # closing counts as a use until ``dispose`` is done
        try:
            dispose()
        finally:
            self.end(self)
        return True

    def wait_closed(self, timeout: float | None = None) -> bool:
        return self._ended.wait(timeout)
