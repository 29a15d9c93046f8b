"""The recovery key (DESIGN.md section 4 "Recovery", docs/recovery.md).

Every page of an SQLCipher file is encrypted, so nothing that leads from a recovery key to the
file's key can be stored *inside* the file in a form readable before unlocking. Instead:

- The recovery key R is 140 random bits, written as 7 groups of 5 Crockford base32 characters
  (no I, L, O, U): 4 random characters and 1 check character per group, so a typo is named
  before any cryptography runs.
- From R, HKDF-SHA256 derives an X25519 key pair. Only the **public** half and its key id are
  stored, in the encrypted file's meta table (where nobody can swap it without the key).
- The file's raw SQLCipher key K is *sealed* to that public key (ephemeral X25519, HKDF-SHA256,
  ChaCha20-Poly1305; the file's salt, the key id and a purpose string are the associated data)
  and written beside the file as ``<file>.recovery`` (JSON, 0600). Whenever K changes
  (re-key, restore) the unlocked program seals the new K to the stored public key: R is not
  needed for that. Backups get their own ``<backup>.recovery``.
- Entries are keyed by (salt, key id): before a re-key swaps the file, the sidecar gains the
  entry for the new salt; after the swap the others go (``prepare`` / ``settle``). A crash at
  any moment leaves a sidecar with an entry for whichever file is in place.

The passphrase path is untouched: Argon2id as before; opening and verifying ignore the sidecar.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kim_desktop.core.casefile.rawfile import (
    KEY_BYTES,
    check_is_casefile,
    connect_raw,
    fsync_dir,
    read_salt,
    remove_quietly,
    temp_sibling,
)
from kim_desktop.core.errors import RejectedInputError, UsageError, WrongPassphraseError

SUFFIX = ".recovery"
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
GROUPS = 7
DATA_PER_GROUP = 4
GROUP_LENGTH = DATA_PER_GROUP + 1
ENTROPY_BITS = GROUPS * DATA_PER_GROUP * 5  # 140
FORMAT = "kim-recovery"
VERSION = 1
MAX_SIDECAR_BYTES = 64 * 1024
_DERIVE_INFO = b"kim-desktop recovery key v1: x25519"
_SEAL_INFO = b"kim-desktop recovery seal v1"
_PURPOSE = b"kim-desktop recovery v1: sqlcipher key"
# Meta rows of the encrypted file (no migration: the meta table is key/value).
META_PUBLIC = "recovery_public_key"
META_KEY_ID = "recovery_key_id"
META_CREATED = "recovery_created_at"
# Typed lookalikes read as what they must mean (Crockford's decoding rules).
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


class WrongRecoveryKeyError(WrongPassphraseError):
    """A well-formed recovery key that does not open this file (exit 3, like a wrong
    passphrase)."""


class RecoveryKeyTypoError(UsageError):
    """A recovery key with a wrong check character or length (exit 2); names the group."""

    def __init__(self, message: str, group: int | None) -> None:
        super().__init__(message)
        self.group = group


class NoRecoveryKeyError(RejectedInputError):
    """No usable ``.recovery`` beside the file (exit 4)."""


def _check_char(index: int, data: str) -> str:
    # A hash (not a sum) so that any change, also swapped characters or groups, is found
    # with probability 31/32 per group; the key id check catches the rest as a wrong key.
    digest = hashlib.sha256(f"kim-recovery-check:{index}:{data}".encode()).digest()
    return ALPHABET[digest[0] % 32]


@dataclass(frozen=True)
class RecoveryKey:
    """R: its 28 random characters; ``text`` is the printed form."""

    data: str

    @property
    def groups(self) -> list[str]:
        return [
            chunk + _check_char(index, chunk)
            for index, chunk in enumerate(
                self.data[i : i + DATA_PER_GROUP] for i in range(0, len(self.data), DATA_PER_GROUP)
            )
        ]

    @property
    def text(self) -> str:
        return "-".join(self.groups)

    def __repr__(self) -> str:  # never the key itself (logs, tracebacks)
        return "RecoveryKey(…)"

    def private_key(self) -> X25519PrivateKey:
        seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_DERIVE_INFO).derive(
            self.data.encode("ascii")
        )
        return X25519PrivateKey.from_private_bytes(seed)

    def recipient(self, created: str | None = None) -> Recipient:
        public = (
            self.private_key()
            .public_key()
            .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        )
        return Recipient(public, created or _now())


def new_key() -> RecoveryKey:
    return RecoveryKey("".join(secrets.choice(ALPHABET) for _ in range(GROUPS * DATA_PER_GROUP)))


def _normalise(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch not in " -\t\n\r").translate(_LOOKALIKES)


def group_states(text: str) -> list[bool | None]:
    """For typing: per group True (complete and right), False (wrong), None (not complete)."""
    plain = _normalise(text)
    states: list[bool | None] = []
    for index in range(GROUPS):
        group = plain[index * GROUP_LENGTH : (index + 1) * GROUP_LENGTH]
        if len(group) < GROUP_LENGTH:
            states.append(None if all(ch in ALPHABET for ch in group) else False)
        else:
            data, check = group[:DATA_PER_GROUP], group[DATA_PER_GROUP]
            ok = all(ch in ALPHABET for ch in group) and _check_char(index, data) == check
            states.append(ok)
    return states


def parse_key(text: str) -> RecoveryKey:
    """The key as typed (any case, with or without dashes and spaces) or a typo error."""
    plain = _normalise(text)
    for index in range(GROUPS):
        group = plain[index * GROUP_LENGTH : (index + 1) * GROUP_LENGTH]
        if len(group) < GROUP_LENGTH:
            break
        bad = any(ch not in ALPHABET for ch in group)
        if bad or _check_char(index, group[:DATA_PER_GROUP]) != group[DATA_PER_GROUP]:
            raise RecoveryKeyTypoError(
                f"The recovery key has a typo in group {index + 1}; compare it with the sheet.",
                index + 1,
            )
    if len(plain) != GROUPS * GROUP_LENGTH:
        raise RecoveryKeyTypoError(
            f"The recovery key has {GROUPS} groups of {GROUP_LENGTH} characters "
            f"({GROUPS * GROUP_LENGTH} in all); {len(plain)} were given.",
            None,
        )
    return RecoveryKey(
        "".join(plain[i * GROUP_LENGTH : i * GROUP_LENGTH + DATA_PER_GROUP] for i in range(GROUPS))
    )


def key_id(public: bytes) -> str:
    return hashlib.sha256(b"kim-recovery-key-id" + public).hexdigest()[:16]


@dataclass(frozen=True)
class Recipient:
    """The public half of a recovery key, as stored in the encrypted file."""

    public: bytes
    created: str

    @property
    def key_id(self) -> str:
        return key_id(self.public)

    def meta(self) -> dict[str, str]:
        return {
            META_PUBLIC: self.public.hex(),
            META_KEY_ID: self.key_id,
            META_CREATED: self.created,
        }


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def stored_recipient(conn: sqlcipher3.Connection) -> Recipient | None:
    """The recovery public key in an unlocked file's meta table, if it has one."""
    rows = dict(
        conn.execute(
            "SELECT key, value FROM meta WHERE key IN (?, ?)", (META_PUBLIC, META_CREATED)
        ).fetchall()
    )
    if META_PUBLIC not in rows:
        return None
    return Recipient(bytes.fromhex(rows[META_PUBLIC]), rows.get(META_CREATED, ""))


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SUFFIX)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _aad(salt: bytes, kid: str) -> bytes:
    return _PURPOSE + b"\x00" + salt + b"\x00" + kid.encode("ascii")


def _aead_key(shared: bytes, ephemeral: bytes, public: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=ephemeral + public, info=_SEAL_INFO
    ).derive(shared)


def seal(recipient: Recipient, key: bytes, salt: bytes) -> dict[str, str]:
    """One sidecar entry: ``key`` (the file's raw key) sealed to ``recipient``."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient.public))
    nonce = secrets.token_bytes(12)
    sealed = ChaCha20Poly1305(_aead_key(shared, ephemeral_public, recipient.public)).encrypt(
        nonce, key, _aad(salt, recipient.key_id)
    )
    return {
        "key_id": recipient.key_id,
        "created": recipient.created,
        "salt": salt.hex(),
        "ephemeral": _b64(ephemeral_public),
        "nonce": _b64(nonce),
        "sealed": _b64(sealed),
    }


def _unseal(entry: dict[str, str], private: X25519PrivateKey, salt: bytes) -> bytes | None:
    public = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    try:
        ephemeral = base64.b64decode(entry["ephemeral"], validate=True)
        nonce = base64.b64decode(entry["nonce"], validate=True)
        sealed = base64.b64decode(entry["sealed"], validate=True)
        shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral))
        key = ChaCha20Poly1305(_aead_key(shared, ephemeral, public)).decrypt(
            nonce, sealed, _aad(salt, key_id(public))
        )
    except (KeyError, ValueError, binascii.Error, InvalidTag):
        return None
    return key if len(key) == KEY_BYTES else None


# -- the sidecar file ------------------------------------------------------------------------


def read_entries(path: Path) -> list[dict[str, str]]:
    """The entries of ``<path>.recovery``; raises ``NoRecoveryKeyError`` when there is none
    (or it cannot be read as one)."""
    sidecar = sidecar_path(path)
    try:
        with sidecar.open("rb") as handle:
            raw = handle.read(MAX_SIDECAR_BYTES + 1)
    except FileNotFoundError:
        raise NoRecoveryKeyError(
            f"{path.name}: no recovery key for this file ({sidecar.name} missing)."
        ) from None
    except OSError:
        raise NoRecoveryKeyError(f"{sidecar.name}: cannot be read.") from None
    try:
        document = json.loads(raw) if len(raw) <= MAX_SIDECAR_BYTES else None
    except (ValueError, UnicodeDecodeError, RecursionError):
        document = None
    entries = document.get("entries") if isinstance(document, dict) else None
    if (
        not isinstance(document, dict)
        or document.get("format") != FORMAT
        or document.get("version") != VERSION
        or not isinstance(entries, list)
        or not all(
            isinstance(e, dict) and all(isinstance(v, str) for v in e.values()) for e in entries
        )
    ):
        raise NoRecoveryKeyError(f"{sidecar.name}: not a KIM recovery file, or damaged.")
    return entries


def _entries_or_empty(path: Path) -> list[dict[str, str]]:
    try:
        return read_entries(path)
    except NoRecoveryKeyError:
        return []


def _write_entries(path: Path, entries: list[dict[str, str]]) -> None:
    """All at once or not at all (0600 temp file, fsync, rename); a killed process's temp
    file is removed by the next unlock (``rawfile.cleanup_stale_temps``)."""
    sidecar = sidecar_path(path)
    payload = json.dumps(
        {"format": FORMAT, "version": VERSION, "entries": entries}, indent=1
    ).encode("ascii")
    temp = temp_sibling(path, "recovery")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, sidecar)
    finally:
        remove_quietly(temp)
    fsync_dir(path.parent)


def prepare(path: Path, key: bytes, salt: bytes, recipient: Recipient | None) -> None:
    """Before ``path`` gets the key ``key``/``salt`` (a swap, a new recovery key): add its
    entry, keep the others, so the sidecar fits the file before and after."""
    if recipient is None:
        return
    entries = [
        e
        for e in _entries_or_empty(path)
        if (e.get("salt"), e.get("key_id")) != (salt.hex(), recipient.key_id)
    ]
    _write_entries(path, [*entries, seal(recipient, key, salt)])


def settle(path: Path, key: bytes, salt: bytes, recipient: Recipient | None) -> None:
    """After the swap: only the entry for the file in place; no recovery key, no sidecar."""
    if recipient is None:
        remove_quietly(sidecar_path(path))
        return
    _write_entries(path, [seal(recipient, key, salt)])


def has_sidecar(path: Path) -> bool:
    return sidecar_path(path).is_file()


# -- recovery --------------------------------------------------------------------------------


def unlock(path: Path, recovery_key: RecoveryKey) -> tuple[bytes, bytes]:
    """The file's raw key and salt, opened with the recovery key; nothing is written.

    Raises ``NoRecoveryKeyError`` (no sidecar, or none for this version of the file),
    ``WrongRecoveryKeyError`` (a well-formed key that does not open it)."""
    salt = read_salt(path)
    entries = read_entries(path)
    wrong = WrongRecoveryKeyError(
        f"{path.name}: wrong recovery key, or the file is damaged. Nothing was changed."
    )
    mine = [e for e in entries if e.get("salt") == salt.hex()]
    if not mine:
        raise NoRecoveryKeyError(
            f"{path.name}: {sidecar_path(path).name} belongs to another version of this file; "
            "no recovery key for it."
        )
    private = recovery_key.private_key()
    public = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    for entry in mine:
        if entry.get("key_id") != key_id(public):
            continue
        key = _unseal(entry, private, salt)
        if key is None:
            continue
        try:
            conn = connect_raw(path, key)
        except WrongPassphraseError:
            raise wrong from None
        try:
            check_is_casefile(conn, path)
        finally:
            conn.close()
        return key, salt
    raise wrong
