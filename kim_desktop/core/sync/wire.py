"""The ``.kimbundle`` wire format (DESIGN.md section 7; docs/bundle-format.md)::

    MAGIC "KIMBNDL1" | header length (4 bytes, big-endian) | header (canonical JSON)
    | nonce (12 bytes) | AES-256-GCM( Ed25519 signature (64 bytes) | payload (canonical JSON) )

The AES key comes from X25519 between a fresh ephemeral key (its public half is in the header)
and the coordination office's encryption key, through HKDF-SHA256. The signature covers magic,
header and payload; the AEAD authenticates magic and header as associated data. So the plain
header (format, bundle id, sender, recipient, district, period, revision, created) can be read
before decrypting, and any change to any byte is detected.

This module only builds and checks bytes: it never opens a case file."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import secrets
import struct
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kim_desktop.core.errors import KimError, RejectedInputError
from kim_desktop.core.figures import indicators
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.sync import validate
from kim_desktop.core.sync.keys import b64, key_id, unb64
from kim_desktop.core.sync.signed import canonical

MAGIC = b"KIMBNDL1"
FORMAT = "kim-bundle"
PAYLOAD_FORMAT = "kim-bundle-payload"
VERSION = 1
MAX_BUNDLE_BYTES = 8 * 1024 * 1024
MAX_HEADER_BYTES = 16 * 1024
NONCE_BYTES = 12
AEAD_KEY_BYTES = 32  # AES-256-GCM
HKDF_INFO = b"kim-bundle v1"
_KEY_PATTERN = re.compile(r"^[a-z_]+(\.[A-Za-z0-9_+\-]+)+$")
# Figure names that passed the pattern: the same few thousand recur in every bundle. Bounded,
# so that hostile bundles with ever new names cannot grow it without end.
_KEYS_SEEN: set[str] = set()
_KEYS_REMEMBERED = 50_000


def now() -> str:
    """The time stamps of headers and records: UTC, whole seconds, ISO 8601."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _aead_key(
    shared: bytes, ephemeral_public: bytes, recipient_public: bytes, info: bytes = HKDF_INFO
) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=AEAD_KEY_BYTES,
        salt=None,
        info=info + ephemeral_public + recipient_public,
    ).derive(shared)


def new_header(
    kind: str,
    sender_signing_key: bytes,
    recipient_key: bytes,
    district: str,
    period: Mapping[str, str],
    revision: int,
    created: str | None = None,
) -> dict[str, Any]:
    """The plain header of a new bundle (``seal`` adds the ephemeral key)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "bundle_id": str(uuid.uuid4()),
        "kind": kind,
        "sender_key_id": key_id(sender_signing_key),
        "sender_signing_key": b64(sender_signing_key),
        "recipient_key_id": key_id(recipient_key),
        "district": district,
        "period": dict(period),
        "revision": revision,
        "created": created or now(),
    }


def seal(
    header: dict[str, Any],
    payload: dict[str, Any],
    signing_key: Any,
    recipient_public: bytes,
    *,
    magic: bytes = MAGIC,
    info: bytes = HKDF_INFO,
) -> bytes:
    """Sign, then encrypt to the recipient. ``header`` gets the ephemeral key added.

    ``magic`` and ``info`` separate the kinds of file built this way (a handover has its
    own, core/sync/handover.py): the signature covers the magic and the key derivation
    starts with ``info``, so the bytes of one kind never open as another."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    header = {**header, "ephemeral_key": b64(ephemeral_public)}
    header_bytes = canonical(header)
    prefix = magic + struct.pack(">I", len(header_bytes)) + header_bytes
    payload_bytes = canonical(payload)
    signature = signing_key.sign(prefix + payload_bytes)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    nonce = secrets.token_bytes(NONCE_BYTES)
    ciphertext = AESGCM(_aead_key(shared, ephemeral_public, recipient_public, info)).encrypt(
        nonce, signature + payload_bytes, prefix
    )
    return prefix + nonce + ciphertext


@dataclass(frozen=True)
class OpenedBundle:
    header: dict[str, Any]
    payload: dict[str, Any]
    sha256: str
    sender_signing_key: bytes
    # Each municipality's figures flattened to dotted keys, once (checks and import use it).
    flat: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)


class BundleRejected(RejectedInputError):
    """A bundle that is not imported, with the reason."""


def read_header(data: bytes, name: str = "bundle") -> tuple[dict[str, Any], bytes]:
    """The plain header (readable before decrypting) and the authenticated prefix."""
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleRejected(f"{name}: larger than {MAX_BUNDLE_BYTES // 1024**2} MiB.")
    if len(data) < len(MAGIC) + 4 or not data.startswith(MAGIC):
        raise BundleRejected(f"{name}: not a KIM bundle.")
    (length,) = struct.unpack(">I", data[len(MAGIC) : len(MAGIC) + 4])
    end = len(MAGIC) + 4 + length
    if length > MAX_HEADER_BYTES or end + NONCE_BYTES + 16 + 64 > len(data):
        raise BundleRejected(f"{name}: damaged or truncated (header length).")
    try:
        header = json.loads(data[len(MAGIC) + 4 : end].decode("utf-8"))
        if header.get("format") != FORMAT or header.get("version") != VERSION:
            raise ValueError("format")
        for text in (
            "bundle_id",
            "sender_key_id",
            "recipient_key_id",
            "district",
            "created",
            "kind",
        ):
            if not isinstance(header[text], str):
                raise ValueError(text)
        uuid.UUID(header["bundle_id"])
        if header["kind"] not in ("casemanager", "district"):
            raise ValueError("kind")
        if not isinstance(header["revision"], int) or isinstance(header["revision"], bool):
            raise ValueError("revision")
        period = parse_period(header["period"]["label"])
        unb64(header["sender_signing_key"], 32)
        unb64(header["ephemeral_key"], 32)
    except (
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        UnicodeDecodeError,
        RecursionError,
        KimError,
    ):
        raise BundleRejected(f"{name}: damaged header.") from None
    try:
        validate.check_header(header, period)
    except validate.ContentRejected as problem:
        raise BundleRejected(f"{name}: rejected, header {problem}.") from None
    return header, data[:end]


def open_bundle(
    data: bytes, encryption_private: X25519PrivateKey, own_public: bytes, name: str = "bundle"
) -> OpenedBundle:
    """Check everything about a bundle except trust, district and revision."""
    header, prefix = read_header(data, name)
    return open_sealed(header, prefix, data, encryption_private, own_public, name)


def open_sealed(
    header: dict[str, Any],
    prefix: bytes,
    data: bytes,
    encryption_private: X25519PrivateKey,
    own_public: bytes,
    name: str = "bundle",
) -> OpenedBundle:
    """Decrypt and verify a bundle whose header ``read_header`` already parsed (so that a
    caller that needs the header first opens the bundle only once)."""
    if header["recipient_key_id"] != key_id(own_public):
        raise BundleRejected(
            f"{name}: addressed to another coordination office (wrong recipient key)."
        )
    payload_bytes, sender_key = unseal(header, prefix, data, encryption_private, own_public, name)
    try:
        payload = json.loads(payload_bytes.decode("utf-8"))
        flat = _check_payload(payload, header)
    except RecursionError:
        raise BundleRejected(f"{name}: malformed content (nested too deeply).") from None
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        # Only a rule's own message: a parser's may quote the content it choked on.
        detail = str(exc) if isinstance(exc, _Malformed) else "not a well-formed bundle"
        raise BundleRejected(f"{name}: malformed content ({detail}).") from None
    return OpenedBundle(header, payload, hashlib.sha256(data).hexdigest(), sender_key, flat)


def unseal(
    header: Mapping[str, Any],
    prefix: bytes,
    data: bytes,
    encryption_private: X25519PrivateKey,
    own_public: bytes,
    name: str,
    info: bytes = HKDF_INFO,
) -> tuple[bytes, bytes]:
    """Decrypt and verify the signature: (the payload's bytes, the sender's signing key).
    The header must carry ``sender_signing_key``, ``sender_key_id`` and ``ephemeral_key``
    (checked by the caller's header reader); what the payload means is the caller's."""
    sender_key = unb64(header["sender_signing_key"], 32)
    if key_id(sender_key) != header["sender_key_id"]:
        raise BundleRejected(f"{name}: damaged header (sender key id).")
    ephemeral_public = unb64(header["ephemeral_key"], 32)
    body = data[len(prefix) :]
    nonce, ciphertext = body[:NONCE_BYTES], body[NONCE_BYTES:]
    try:
        shared = encryption_private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    except ValueError:  # e.g. an all-zero (low-order) ephemeral key
        raise BundleRejected(f"{name}: damaged header (ephemeral key).") from None
    try:
        plain = AESGCM(_aead_key(shared, ephemeral_public, own_public, info)).decrypt(
            nonce, ciphertext, prefix
        )
    except InvalidTag:
        raise BundleRejected(f"{name}: changed or damaged (decryption failed).") from None
    signature, payload_bytes = plain[:64], plain[64:]
    try:
        Ed25519PublicKey.from_public_bytes(sender_key).verify(signature, prefix + payload_bytes)
    except InvalidSignature:
        raise BundleRejected(f"{name}: signature invalid.") from None
    return payload_bytes, sender_key


class _Malformed(ValueError):
    """A payload rule broken; its message names the rule, never a value."""


def _check_payload(payload: Any, header: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The payload's structure and bounds; returns each municipality's flattened figures."""
    if not isinstance(payload, dict) or payload.get("format") != PAYLOAD_FORMAT:
        raise _Malformed("not a bundle payload")
    if payload["period"] != header["period"]:
        raise _Malformed("period differs from the header")
    if not isinstance(payload["k"], int) or payload["k"] < 2:
        raise _Malformed("k")
    municipalities = payload["municipalities"]
    if not isinstance(municipalities, dict) or len(municipalities) > 500:
        raise _Malformed("municipalities")
    flattened: dict[str, dict[str, Any]] = {}
    for name, figures in municipalities.items():
        if not isinstance(name, str) or not 0 < len(name) <= 200:
            raise _Malformed("municipality name")
        flat = flattened[name] = indicators.flatten(figures)
        if len(flat) > 5000:
            raise _Malformed("too many figures")
        for key, value in flat.items():
            if key not in _KEYS_SEEN:
                if not _KEY_PATTERN.match(key) or len(key) > 120:
                    raise _Malformed("figure name")
                if len(_KEYS_SEEN) < _KEYS_REMEMBERED:
                    _KEYS_SEEN.add(key)
            kind = type(value)
            if (kind is int or kind is float) and -1e12 < value < 1e12:
                continue  # the common case (bool is not int here: type() is exact)
            if value is not None and (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not -1e12 < value < 1e12
            ):
                raise _Malformed("figure value")
    gaps = payload["structural_gaps"]
    if not isinstance(gaps, list) or len(gaps) > 1000:
        raise _Malformed("structural gaps")
    for gap in gaps:
        for text in ("municipality", "theme", "title"):
            if not isinstance(gap[text], str) or len(gap[text]) > 2000:
                raise _Malformed("structural gap text")
        if gap.get("description") is not None and (
            not isinstance(gap["description"], str) or len(gap["description"]) > 20000
        ):
            raise _Malformed("structural gap text")
        try:
            dt.date.fromisoformat(gap["reported_on"])
        except (ValueError, TypeError):
            raise _Malformed("structural gap date") from None
    return flattened
