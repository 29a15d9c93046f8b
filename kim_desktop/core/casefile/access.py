"""How every use reaches the case file: one rule for reading and writing.

- In this process (``UseGate``): reads and writes are *shared* uses and run side by side;
  a whole-file operation (re-key, backup's copy, restore) is *exclusive*: it refuses new uses
  at once, waits until the running ones have ended, and only then copies and swaps. So no
  read or write of this process runs during a swap, and none lands in the old file.
- Across processes (``FileLock``): a lock file beside the case file. Every write transaction
  holds it shared; re-key and restore hold it exclusive from the copy until after the swap.
  A writer that had the file open before a swap notices (the file's identity changed) once it
  holds its lock, so its commit never goes into the replaced file.
- SQLite's errors become one clear sentence (``database_error``): a full disk, a read-only
  file or folder, a file another program holds locked.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import sqlcipher3

from kim_desktop.core.errors import (
    EXIT_UNEXPECTED,
    DiskFullError,
    FileBusyError,
    KimError,
    ReadOnlyError,
    RejectedInputError,
    StorageError,
    from_os_error,
)

if sys.platform == "win32":  # pragma: no cover - not built here
    import msvcrt
else:
    import fcntl

log = logging.getLogger(__name__)

# How long a write waits for another process's re-key or restore, and how long a whole-file
# operation waits for running writes, before the user is told the file is busy.
WRITE_WAIT_SECONDS = 10.0
WHOLE_FILE_WAIT_SECONDS = 30.0
_POLL_SECONDS = 0.02

Identity = tuple[int, int]


def identity(path: Path) -> Identity | None:
    """Which file the name stands for right now (device and inode); None when it is gone."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino)


class UseGate:
    """This process's shared/exclusive rule for one case file (Calibre's ``db/cache.py``
    wraps every method the same way)."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._changed = threading.Condition()
        self._users = 0
        self._exclusive = False  # a whole-file operation waits or runs

    @property
    def users(self) -> int:
        """Reads and writes running now."""
        with self._changed:
            return self._users

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until no read or write runs (True), or until ``timeout`` passed (False)."""
        with self._changed:
            return self._changed.wait_for(lambda: self._users == 0, timeout)

    def _busy(self) -> FileBusyError:
        return FileBusyError(
            f"{self._name} is being re-encrypted or copied; try again in a moment."
        )

    @contextlib.contextmanager
    def shared(self) -> Iterator[None]:
        with self._changed:
            if self._exclusive:  # refuse at once: the caller may hold another use itself
                raise self._busy()
            self._users += 1
        try:
            yield
        finally:
            with self._changed:
                self._users -= 1
                self._changed.notify_all()

    @contextlib.contextmanager
    def exclusive(self, refused: str, timeout: float = WHOLE_FILE_WAIT_SECONDS) -> Iterator[None]:
        with self._changed:
            if self._exclusive:
                raise self._busy()
            self._exclusive = True
            if not self._changed.wait_for(lambda: self._users == 0, timeout):
                self._exclusive = False
                raise FileBusyError(f"{self._name} is busy; {refused}")
        try:
            yield
        finally:
            with self._changed:
                self._exclusive = False
                self._changed.notify_all()


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def _try_lock(fd: int, exclusive: bool) -> bool:
    try:
        if sys.platform == "win32":  # pragma: no cover - byte-range locks are exclusive only
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
            # A file system without locks (some network shares): SQLite's own locking is
            # all there is; refusing every write there would be worse.
            log.warning("no file locks on this file system (%s)", errno.errorcode[exc.errno])
            return True
        return False
    return True


def _same_file(fd: int, path: Path) -> bool:
    st = os.fstat(fd)
    return identity(path) == (st.st_dev, st.st_ino)


class FileLock:
    """The lock file beside a case file, shared between processes.

    ``flock`` on POSIX (one lock per open file, so threads of one process each hold their
    own); Windows has only exclusive byte-range locks, so there writers take turns. The file
    exists only while someone holds it: the last one out removes it (taking it exclusive
    first), and whoever locked a file that was removed meanwhile locks the new one."""

    def __init__(self, case_path: Path) -> None:
        self.case_path = case_path
        self.path = lock_path(case_path)

    @contextlib.contextmanager
    def hold(self, exclusive: bool, timeout: float, refused: str) -> Iterator[None]:
        fd = self._acquire(exclusive, timeout, refused)
        try:
            yield
        finally:
            self._release(fd)

    def _acquire(self, exclusive: bool, timeout: float, refused: str) -> int:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError as exc:  # a read-only folder: nothing can be written there
                if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                    raise ReadOnlyError(
                        f"{self.case_path.name}: its folder is read-only; the file can be read "
                        "but not changed."
                    ) from None
                raise from_os_error(exc, self.case_path.name) from None
            try:
                while not _try_lock(fd, exclusive):
                    if time.monotonic() > deadline:
                        raise FileBusyError(
                            f"{self.case_path.name}: in use by another program "
                            f"(a passphrase change, restore or import); {refused}"
                        )
                    time.sleep(_POLL_SECONDS)
                if _same_file(fd, self.path):
                    return fd
            except BaseException:
                os.close(fd)
                raise
            os.close(fd)  # removed by its last holder meanwhile: lock the new one

    def _release(self, fd: int) -> None:
        try:
            if sys.platform == "win32":  # pragma: no cover
                with contextlib.suppress(OSError):
                    msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            elif _try_lock(fd, exclusive=True) and _same_file(fd, self.path):
                with contextlib.suppress(OSError):
                    self.path.unlink()  # nobody else holds it: leave no file behind
        finally:
            os.close(fd)

    def remove_if_unused(self) -> None:
        """Remove a lock file left by a killed process (the kernel released its lock)."""
        try:
            fd = os.open(self.path, os.O_RDWR)
        except OSError:
            return
        self._release(fd)


# SQLite's primary result codes (https://sqlite.org/rescode.html).
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26


def database_error(
    error: BaseException, path: Path, written: Path | None = None
) -> KimError | None:
    """The user's sentence for an SQLite error on ``path`` (SQLAlchemy's wrapper or the
    driver's own error), or None when it is not about the file (e.g. a constraint).
    ``written``: the file being written when that is another one (a backup's copy)."""
    orig = getattr(error, "orig", error)
    if not isinstance(orig, sqlcipher3.Error):
        return None
    code = getattr(orig, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(orig).lower()
    if written is not None and primary not in (SQLITE_BUSY, SQLITE_LOCKED):
        path = written
    name = path.name
    if primary == SQLITE_FULL or "disk is full" in text:
        return DiskFullError(
            f"{name}: the disk is full; nothing was written and the file is as before. "
            "Free some space and try again."
        )
    if primary == SQLITE_READONLY or "readonly" in text:
        return ReadOnlyError(
            f"{name}: the file or its folder is read-only; it can be read but not changed."
        )
    if primary in (SQLITE_BUSY, SQLITE_LOCKED) or "database is locked" in text:
        return FileBusyError(f"{name}: in use by another program; try again when it is done.")
    if primary == SQLITE_CANTOPEN:
        if not os.access(path.parent, os.W_OK):
            return ReadOnlyError(
                f"{name}: its folder is read-only; the file can be read but not changed."
            )
        return StorageError(f"{name}: cannot be opened ({' '.join(text.split())}).")
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return RejectedInputError(f"{name}: damaged; restore a backup (kim restore).")
    if primary == SQLITE_IOERR:
        failed = StorageError(
            f"{name}: the disk reported an error while reading or writing; nothing was "
            "written. Check the disk and try again."
        )
        failed.exit_code = EXIT_UNEXPECTED  # a failing disk is not the user's doing
        return failed
    return None


@contextlib.contextmanager
def translated(path: Path, written: Path | None = None) -> Iterator[None]:
    """Turn SQLite's errors about the file into their sentence; others pass unchanged."""
    try:
        yield
    except KimError:
        raise
    except Exception as exc:
        mapped = database_error(exc, path, written)
        if mapped is None:
            raise
        raise mapped from None
