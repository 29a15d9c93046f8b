"""The signed JSON envelope that district configurations (``.kimdistrict``) and key cards
(``.kimkey``) share: ``{"format", "version", "document": base64(canonical JSON),
"signature": base64(Ed25519 over the document bytes)}`` (docs/bundle-format.md §4).

Read once with a size limit, opened strictly (any malformed envelope is one line naming the
file), written only as a new file; what the document means is each caller's."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kim_desktop.core.errors import KimError, RejectedInputError, UsageError
from kim_desktop.core.sync.keys import b64, unb64


def canonical(document: Any) -> bytes:
    """The one byte form that is signed: sorted keys, no spaces, UTF-8."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def read_bounded(path: Path | str, limit: int, what: str) -> bytes:
    """The bytes of a signed file, read once (missing: usage error; too large: refused)."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"{path}: no such file.")
    if path.stat().st_size > limit:
        raise RejectedInputError(f"{path.name}: too large for a {what}.")
    return path.read_bytes()


def open_envelope(
    data: bytes, name: str, what: str, limit: int, envelope_fits: Callable[[dict[str, Any]], bool]
) -> tuple[Any, bytes, bytes]:
    """(document, document bytes, signature) of an envelope ``envelope_fits`` accepts; the
    signature is not verified here (the signing key is in, or named by, the document)."""
    if len(data) > limit:
        raise RejectedInputError(f"{name}: too large for a {what}.")
    try:
        signed = json.loads(data.decode("utf-8"))
        if not isinstance(signed, dict) or not envelope_fits(signed):
            raise ValueError("envelope")
        body = unb64(signed["document"])
        signature = unb64(signed["signature"], 64)
        return json.loads(body.decode("utf-8")), body, signature
    except (
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        UnicodeDecodeError,
        RecursionError,
        KimError,
    ):
        raise RejectedInputError(f"{name}: not a valid KIM {what}.") from None


def seal_envelope(format_: str, version: int, document: Any, key: Ed25519PrivateKey) -> bytes:
    """The envelope's bytes: the canonical document signed with ``key``."""
    body = canonical(document)
    signed = {
        "format": format_,
        "version": version,
        "document": b64(body),
        "signature": b64(key.sign(body)),
    }
    return json.dumps(signed, indent=1).encode("utf-8")


def write_new(out: Path, data: bytes) -> None:
    """Write public (signed, not secret) bytes to a file that must not exist yet; nothing is
    left behind when writing fails."""
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except BaseException:
        out.unlink(missing_ok=True)
        raise
