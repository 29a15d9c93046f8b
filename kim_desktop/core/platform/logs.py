"""The log files: ``paths.log_file(program)`` (``kim.log``, ``kim-desktop.log``), rotating
(1 MB, five old files), readable only by the user. They record what the program did —
started, unlocked, imported 12 records, exported a bundle, failed with which error class —
never personal data: log messages in this code name counts, kinds and error classes only,
and tracebacks are written without the exception's text (it may quote a value). Third-party
libraries log only warnings and worse."""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import platform
import sys
import traceback
from pathlib import Path
from types import TracebackType

from kim_desktop import __version__
from kim_desktop.core.platform import paths

MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s"
_HANDLER_NAME = "kim-desktop-file"
_CONSOLE_NAME = "kim-desktop-console"

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class _NoValuesFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        cached = record.exc_text  # another handler may have cached the full text
        record.exc_text = None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei: ExcInfo | tuple[None, None, None]) -> str:
        kind, _error, trace = ei
        frames = "".join(traceback.format_tb(trace)) if trace else ""
        name = kind.__name__ if kind else "Exception"
        return f"Traceback (most recent call last):\n{frames}{name} (message withheld)"


def _is_own(record: logging.LogRecord) -> bool:
    return record.name == "kim_desktop" or record.name.startswith("kim_desktop.")


class _OwnOrSerious(logging.Filter):
    """Our own records at INFO and above; other libraries' only from WARNING."""

    def filter(self, record: logging.LogRecord) -> bool:
        return _is_own(record) or record.levelno >= logging.WARNING


def _private_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.close(fd)
    if os.name == "posix":  # also when an older version left them wider
        os.chmod(path.parent, 0o700)
        os.chmod(path, 0o600)


class _PrivateRotatingHandler(logging.handlers.RotatingFileHandler):
    """Rotated files are created 0600 too. A record that cannot be written (full disk, a
    pulled USB stick, a rotation another process blocks) is dropped without a word: the
    standard handler would print the record and the exception being handled to stderr."""

    def _open(self):  # type: ignore[no-untyped-def]  # noqa: ANN202 - stdlib signature
        _private_file(Path(self.baseFilename))
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:
        return None


def configure(program: str) -> Path | None:
    """Attach the log file to the root logger (once per process); returns its path, or None
    when it cannot be written (the program runs on without a log)."""
    root = logging.getLogger()
    for handler in root.handlers:
        if handler.get_name() == _HANDLER_NAME:
            return Path(getattr(handler, "baseFilename", ""))
    path = paths.log_file(program)
    try:
        _private_file(path)
        handler = _PrivateRotatingHandler(
            path,
            maxBytes=MAX_BYTES,
            backupCount=BACKUPS,
            encoding="utf-8",
            delay=True,
            errors="backslashreplace",
        )
    except OSError:
        return None
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(_NoValuesFormatter(FORMAT))
    handler.addFilter(_OwnOrSerious())
    handler.setLevel(logging.INFO)
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    frozen = "frozen" if getattr(sys, "frozen", False) else "source"
    logging.getLogger("kim_desktop").info(
        "%s %s started (%s, Python %s, %s)",
        program,
        __version__,
        frozen,
        platform.python_version(),
        system_name(),
    )
    return path


def system_name() -> str:
    """``Linux 6.8.0 x86_64 glibc 2.39``: what the log needs to place a problem. Not
    ``platform.platform()``, which starts ``uname -p`` in a subprocess at every start."""
    parts = [platform.system(), platform.release(), platform.machine()]
    with contextlib.suppress(AttributeError, ValueError, OSError):  # not on Windows, musl
        libc = os.confstr("CS_GNU_LIBC_VERSION")
        if libc:
            parts.append(libc)
    return " ".join(part for part in parts if part)


class _OneLine(logging.Formatter):
    """The message only: no traceback on a user's terminal."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def format(self, record: logging.LogRecord) -> str:
        return f"{self.prefix}: {record.getMessage()}"


def console(prefix: str) -> None:
    """Other libraries' warnings on stderr as one line ("kim: …"). The program's own records
    go to the log file only: what users must know, it says itself, in its own words."""
    root = logging.getLogger()
    if any(handler.get_name() == _CONSOLE_NAME for handler in root.handlers):
        return
    handler = logging.StreamHandler()
    handler.set_name(_CONSOLE_NAME)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(_OneLine(prefix))
    handler.addFilter(lambda record: not _is_own(record))
    root.addHandler(handler)


def log_uncaught(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """``sys.excepthook`` of the desktop program: an error no slot caught goes to the log
    (without its message) and one line to stderr, never a traceback with values."""
    logging.getLogger("kim_desktop").error("uncaught error", exc_info=(kind, error, trace))
    sys.stderr.write(f"kim-desktop: unexpected error ({kind.__name__}); see the log file.\n")


def detach() -> None:
    """Close and remove the log file handler (tests; a portable home being switched)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
            with contextlib.suppress(OSError):  # a full disk or a vanished folder
                handler.close()
