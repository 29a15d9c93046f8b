"""The encrypted file below ``CaseFile``: key derivation, keyed connections, verification,
and the temp copies of whole-file operations with their cleanup.

Key derivation: the first 16 bytes of every SQLCipher file are its random, plain salt. We use
that same salt for Argon2id, so the file is self-contained: ``passphrase + salt -> Argon2id ->
raw 256-bit key``, handed to SQLCipher as a raw key (``x'…'``), which skips SQLCipher's own
PBKDF2. The Argon2id parameters are fixed per file format version (``KDF_PARAMETERS``); a
future version with stronger parameters tries the versions newest first.
"""

from __future__ import annotations

import contextlib
import glob
import logging
import os
import re
import secrets
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import sqlcipher3
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from kim_desktop.core.casefile.access import FileLock, Identity
from kim_desktop.core.errors import (
    FileBusyError,
    PassphraseTooShortError,
    RejectedInputError,
    UsageError,
    WrongPassphraseError,
)
from kim_desktop.core.platform.policy import DEFAULT_MIN_PASSPHRASE_LENGTH

log = logging.getLogger(__name__)

SALT_BYTES = 16
KEY_BYTES = 32
SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class KdfParameters:
    memory_kib: int
    iterations: int
    lanes: int


# Format 1: RFC 9106 section 4, second recommended option (64 MiB, t=3, p=4).
KDF_PARAMETERS: dict[int, KdfParameters] = {1: KdfParameters(65536, 3, 4)}
CURRENT_FORMAT = 1

# Per-connection settings, applied after the key has been verified (DESIGN.md section 4).
CONNECTION_PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA journal_mode = DELETE",
    "PRAGMA synchronous = FULL",
    # A ceiling of 256 MiB of decrypted pages: a year of a very large file fits, so stats do
    # not decrypt the same pages again; a file of usual size never comes near it.
    "PRAGMA cache_size = -262144",
)


def _passphrase_bytes(passphrase: str) -> bytes:
    # NFC: the same passphrase typed on another keyboard or system gives the same key.
    try:
        return unicodedata.normalize("NFC", passphrase).encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(
            "The passphrase contains bytes that are not valid text (check the terminal's or "
            "the environment's character encoding)."
        ) from None


def derive_key(passphrase: str, salt: bytes, format_version: int = CURRENT_FORMAT) -> bytes:
    params = KDF_PARAMETERS[format_version]
    kdf = Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(_passphrase_bytes(passphrase))


def check_passphrase_strength(
    passphrase: str, minimum: int = DEFAULT_MIN_PASSPHRASE_LENGTH
) -> None:
    if len(passphrase) < minimum:
        raise PassphraseTooShortError(minimum, len(passphrase))


def _quiet_sqlcipher(conn: sqlcipher3.Connection) -> None:
    # SQLCipher logs HMAC failures to stderr by default; the user gets our message instead.
    with contextlib.suppress(sqlcipher3.DatabaseError):
        conn.execute("PRAGMA cipher_log_level = NONE")


def key_pragma(key: bytes, salt: bytes | None = None) -> str:
    hexed = key.hex() + (salt.hex() if salt else "")
    return f"\"x'{hexed}'\""


class KeyedConnection(sqlcipher3.Connection):
    """A driver connection that remembers which file (device, inode) it opened."""

    identity: Identity | None = None


def connect_raw(
    path: Path, key: bytes, salt: bytes | None = None, create: bool = False
) -> KeyedConnection:
    """Open and key a connection, verify the key, then apply the pragmas.

    Never creates a missing file unless ``create``. Raises ``WrongPassphraseError`` without
    having written anything when the key is wrong, ``FileBusyError`` when another program
    holds the file locked."""
    uri = f"{path.resolve().as_uri()}?mode={'rwc' if create else 'rw'}"
    try:
        conn = sqlcipher3.connect(
            uri, uri=True, check_same_thread=False, isolation_level=None, factory=KeyedConnection
        )
    except sqlcipher3.OperationalError as exc:
        raise UsageError(f"{path}: cannot be opened ({reason(exc)}).") from None
    try:
        _quiet_sqlcipher(conn)
        conn.execute(f"PRAGMA key = {key_pragma(key, salt)}")
        try:
            conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        except sqlcipher3.DatabaseError as exc:
            if _is_busy(exc):
                raise FileBusyError(
                    f"{path.name}: in use by another program; try again when it is done."
                ) from None
            log.info("unlock refused: wrong passphrase or damaged file")
            raise WrongPassphraseError(
                f"{path.name}: wrong passphrase, or the file is damaged. Nothing was changed."
            ) from None
        for pragma in CONNECTION_PRAGMAS:
            conn.execute(pragma).fetchall()
        return cast(KeyedConnection, conn)
    except BaseException:
        conn.close()
        raise


def _is_busy(error: Exception) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


def reason(error: Exception) -> str:
    """An SQLite error's text on one line (these texts never contain record values)."""
    return " ".join(str(error).split())


def read_salt(path: Path) -> bytes:
    """The file's plain salt; also rejects files that cannot be case files."""
    if not path.exists():
        raise UsageError(f"{path}: no such file.")
    if not path.is_file():
        raise UsageError(f"{path}: not a file.")
    with path.open("rb") as handle:
        head = handle.read(SALT_BYTES)
    if head == SQLITE_PLAIN_HEADER:
        raise RejectedInputError(f"{path.name}: an unencrypted SQLite file, not a KIM case file.")
    if len(head) < SALT_BYTES or path.stat().st_size < 1024:
        raise RejectedInputError(f"{path.name}: too short to be a KIM case file.")
    return head


def create_private_file(path: Path) -> None:
    """Create an empty file readable only by its owner; fail if it exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not possible on every platform (Windows)
        fsync_path(path)


def sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-journal", "-wal", "-shm")]


def remove_case_file(path: Path) -> None:
    """Remove a case file this program has just created (and closed), with its journal."""
    remove_quietly(path)
    for sidecar in sidecars(path):
        remove_quietly(sidecar)


def remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def remove_temp(path: Path) -> None:
    """A temp copy and the journal SQLite may have left beside it."""
    remove_quietly(path)
    for sidecar in sidecars(path):
        remove_quietly(sidecar)


def temp_sibling(path: Path, purpose: str) -> Path:
    # The process id lets a later open tell a leftover of a killed process from live work.
    return path.with_name(f".{path.name}.{purpose}-{os.getpid()}-{secrets.token_hex(4)}.tmp")


def verify_file(path: Path, key: bytes, raise_on_problem: bool = True) -> list[str]:
    """Run SQLCipher's page HMAC check and SQLite's integrity and foreign-key checks."""
    read_salt(path)  # refuses missing and too short files (and never creates one)
    conn = connect_raw(path, key)
    problems: list[str] = []
    try:
        for name, check in (
            ("cipher", "PRAGMA cipher_integrity_check"),
            ("integrity", "PRAGMA integrity_check"),
            ("foreign key", "PRAGMA foreign_key_check"),
        ):
            try:
                rows = conn.execute(check).fetchall()
            except sqlcipher3.DatabaseError as exc:  # a page that cannot be decrypted
                problems.append(f"{name}: {reason(exc)}")
                continue
            if name == "cipher":
                problems += [f"cipher: {reason(Exception(row[0]))}" for row in rows]
            elif name == "integrity" and [row[0] for row in rows] != ["ok"]:
                problems += [f"integrity: {reason(Exception(row[0]))}" for row in rows]
            elif name == "foreign key":
                problems += [
                    f"foreign key: table {row[0]} row {row[1]} refers to missing {row[2]}"
                    for row in rows
                ]
    finally:
        conn.close()
    if problems and raise_on_problem:
        raise RejectedInputError(f"{path.name}: damaged: {problems[0]}")
    return problems


def check_is_casefile(conn: sqlcipher3.Connection, path: Path) -> None:
    """Reject SQLCipher databases that are not KIM case files, and case files written by a
    newer KIM Desktop (unknown schema revision), before anything is written to them."""
    from kim_desktop.core.casefile.migrate import is_known_revision

    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_schema WHERE type='table'")}
    if "meta" not in tables or "alembic_version" not in tables:
        raise RejectedInputError(f"{path.name}: not a KIM case file.")
    revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision is None or not is_known_revision(revision[0]):
        raise RejectedInputError(
            f"{path.name}: written by a newer version of KIM Desktop; update the program."
        )


def publish_without_overwrite(temp: Path, out: Path) -> None:
    """Give ``temp`` the name ``out`` unless a file of that name appeared meanwhile."""
    try:
        os.link(temp, out)  # atomic and never overwrites
    except FileExistsError:
        raise UsageError(f"{out}: the file already exists; choose another name.") from None
    except OSError:
        # No hard links (FAT/exFAT USB sticks, some network shares): check, then rename.
        if out.exists():
            raise UsageError(f"{out}: the file already exists; choose another name.") from None
        os.replace(temp, out)


STALE_TEMP_SECONDS = 6 * 3600


def _process_alive(pid: int) -> bool:
    if os.name != "posix":
        return True  # no safe probe on Windows (os.kill would terminate it): go by age
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_TEMP_NAME = re.compile(
    r"^\..+\.(?:rekey|backup|restore|rewrite|recovery)-(\d+)-[0-9a-f]+\.tmp(?:-journal)?$"
)


def cleanup_stale_temps(folder: Path, name: str | None = None, purpose: str = "*") -> None:
    """Remove what a killed re-key, rewrite, restore or backup left: its temp copy, the
    journal SQLite kept beside that copy, a half-written ``.recovery``, and the lock file
    (``name``: of this case file; else any).

    A temp file of a process that still runs is live work and stays; so does a recent one
    whose process cannot be probed."""
    pattern = f".{glob.escape(name) if name else '*'}.{purpose}-*-*.tmp*"
    for leftover in sorted(folder.glob(pattern)):  # the copy before its journal
        match = _TEMP_NAME.match(leftover.name)
        if match is None:
            continue
        with contextlib.suppress(OSError):
            age = time.time() - leftover.stat().st_mtime
            alive = _process_alive(int(match.group(1)))
            if leftover.is_file() and (not alive or age > STALE_TEMP_SECONDS):
                leftover.unlink()
    if name:
        FileLock(folder / name).remove_if_unused()
        # Super-journals of the copy's multi-database commit (versions before the copy went
        # without a journal); a live one lasts only as long as a commit.
        for leftover in folder.glob(f"{glob.escape(name)}-mj*"):
            with contextlib.suppress(OSError):
                if time.time() - leftover.stat().st_mtime > 60:
                    leftover.unlink()
