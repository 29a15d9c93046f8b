"""Each case file's own keys, key ids and fingerprints people can compare by phone.

A case manager's file has an Ed25519 signing key; a coordinator's file has an Ed25519
signing key and an X25519 key that bundles are encrypted to. Private keys live only inside
the encrypted case file."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)
from sqlalchemy import select

from kim_desktop.core.casefile.models import KeyPair
from kim_desktop.core.casefile.storage import CaseFile

SIGNING = "signing"
ENCRYPTION = "encryption"


def key_id(public_key: bytes) -> str:
    """A short, stable name of a public key (hex of the first 16 bytes of its SHA-256)."""
    return hashlib.sha256(public_key).hexdigest()[:32]


def fingerprint(public_key: bytes) -> str:
    """40 digits in groups of five, to read out and compare over the phone.

    133 bits of SHA-256 over the key; digits because they are read the same in every
    language."""
    digest = hashlib.sha256(b"kim-fingerprint-v1" + public_key).digest()
    number = int.from_bytes(digest[:17], "big") % 10**40
    digits = f"{number:040d}"
    return " ".join(digits[i : i + 5] for i in range(0, 40, 5))


def weak_encryption_key(public_key: bytes) -> bool:
    """Whether an X25519 public key is all-zero or of low order: every shared secret with it
    would be zero (``cryptography`` refuses the exchange), so it is refused where it is read,
    not at the next export."""
    try:
        X25519PrivateKey.generate().exchange(X25519PublicKey.from_public_bytes(public_key))
    except ValueError:
        return True
    return False


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str, length: int | None = None) -> bytes:
    data = base64.b64decode(text.encode("ascii"), validate=True)
    if length is not None and len(data) != length:
        raise ValueError(f"expected {length} bytes, got {len(data)}")
    return data


@dataclass(frozen=True)
class OwnKeys:
    signing: Ed25519PrivateKey
    signing_public: bytes
    encryption: X25519PrivateKey | None
    encryption_public: bytes | None

    @property
    def signing_key_id(self) -> str:
        return key_id(self.signing_public)

    @property
    def encryption_key_id(self) -> str | None:
        return key_id(self.encryption_public) if self.encryption_public else None


def _raw_private(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def _raw_public(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def own_keys(casefile: CaseFile, encryption: bool = False) -> OwnKeys:
    """This file's keys, made on first use (a coordinator also gets an encryption key).

    A case manager's file gets an encryption key only when asked (``encryption``): the key
    colleagues encrypt handovers to (core/sync/handover.py), carried by its key card from
    then on. Once made, keys are only read: a read takes no write lock, so showing a view
    never waits for (or holds back) someone else's write."""
    wanted = [SIGNING, ENCRYPTION] if casefile.role == "coordinator" or encryption else [SIGNING]
    with casefile.reading_session() as session:
        stored = {row.purpose: row for row in session.scalars(select(KeyPair))}
        if all(purpose in stored for purpose in wanted):
            return _own_keys(stored)
    with casefile.transaction() as session:
        stored = {row.purpose: row for row in session.scalars(select(KeyPair))}
        now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        for purpose in wanted:
            if purpose not in stored:
                key = (
                    Ed25519PrivateKey.generate()
                    if purpose == SIGNING
                    else X25519PrivateKey.generate()
                )
                row = KeyPair(
                    purpose=purpose,
                    private_key=_raw_private(key),
                    public_key=_raw_public(key),
                    created_at=now,
                )
                session.add(row)
                stored[purpose] = row
        return _own_keys(stored)


def stored_keys(casefile: CaseFile) -> OwnKeys | None:
    """This file's keys if it has a signing key; never makes one (a read only: for checks
    that must write nothing, such as refusing a handover)."""
    with casefile.reading_session() as session:
        stored = {row.purpose: row for row in session.scalars(select(KeyPair))}
    return _own_keys(stored) if SIGNING in stored else None


def _own_keys(stored: dict[str, KeyPair]) -> OwnKeys:
    signing_row = stored[SIGNING]
    encryption_row = stored.get(ENCRYPTION)
    return OwnKeys(
        signing=Ed25519PrivateKey.from_private_bytes(signing_row.private_key),
        signing_public=bytes(signing_row.public_key),
        encryption=X25519PrivateKey.from_private_bytes(encryption_row.private_key)
        if encryption_row
        else None,
        encryption_public=bytes(encryption_row.public_key) if encryption_row else None,
    )
