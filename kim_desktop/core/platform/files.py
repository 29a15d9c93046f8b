"""Writing the files the program hands out (exports, bundles, documents) safely."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def replace_privately(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` all at once or not at all: a private (0600) temp file
    beside it, flushed to disk, then renamed over ``path`` (replacing a file there — callers
    decide beforehand whether that is allowed). Nothing is left behind on failure."""
    temp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.partial")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    except OSError as exc:  # name the file the user asked for, not the hidden temp file
        raise OSError(exc.errno, exc.strerror, str(path)) from None
