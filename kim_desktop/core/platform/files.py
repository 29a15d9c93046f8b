"""Writing the files the program hands out (exports, bundles, documents) safely."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path


def replace_privately(
    path: Path, payload: bytes, before_replace: Callable[[], None] | None = None
) -> None:
    """Write ``payload`` to ``path`` all at once or not at all: a private (0600) temp file
    beside it, flushed to disk, then renamed over ``path`` (replacing a file there — callers
    decide beforehand whether that is allowed). Nothing is left behind on failure.
    ``before_replace`` runs once the bytes are on disk, just before the rename: what must
    be done before the file may appear (its failure means no file)."""
    temp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.partial")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            if before_replace is not None:
                before_replace()
            os.replace(temp, path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    except OSError as exc:  # name the file the user asked for, not the hidden temp file
        raise OSError(exc.errno, exc.strerror, str(path)) from None
