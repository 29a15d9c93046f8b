"""The encrypted case file: SQLCipher 4 through ``sqlcipher3``, keyed by Argon2id.

Key derivation: the first 16 bytes of every SQLCipher file are its random, plain salt. We use
that same salt for Argon2id, so the file is self-contained: ``passphrase + salt -> Argon2id ->
raw 256-bit key``, handed to SQLCipher as a raw key (``x'…'``), which skips SQLCipher's own
PBKDF2. The Argon2id parameters are fixed per file format version (``KDF_PARAMETERS``); a
future version with stronger parameters tries the versions newest first.

Safety rules (DESIGN.md section 4):
- a wrong passphrase is detected before anything is written: the key is checked with a read
  of the schema and only then are pragmas set or migrations run;
- changing the passphrase and restoring a backup write a complete new file beside the old
  one, verify it, and then atomically rename it over the old one, so a crash leaves either
  the old or the new file, each complete;
- files are created 0600; temp data stays in memory (``temp_store=MEMORY``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import secrets
import threading
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from kim_desktop.core.casefile import audit
from kim_desktop.core.casefile.models import Meta
from kim_desktop.core.casefile.uses import Uses
from kim_desktop.core.errors import (
    CaseFileLockedError,
    FileBusyError,
    KimError,
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

ROLES = ("casemanager", "coordinator")

# Per-connection settings, applied after the key has been verified (DESIGN.md section 4).
CONNECTION_PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA journal_mode = DELETE",
    "PRAGMA synchronous = FULL",
    "PRAGMA cache_size = -65536",
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
        raise UsageError(
            f"The passphrase is too short: it needs at least {minimum} characters "
            f"(it has {len(passphrase)}). A sentence of several words is easy to remember."
        )


def _quiet_sqlcipher(conn: sqlcipher3.Connection) -> None:
    # SQLCipher logs HMAC failures to stderr by default; the user gets our message instead.
    with contextlib.suppress(sqlcipher3.DatabaseError):
        conn.execute("PRAGMA cipher_log_level = NONE")


def _key_pragma(key: bytes, salt: bytes | None = None) -> str:
    hexed = key.hex() + (salt.hex() if salt else "")
    return f"\"x'{hexed}'\""


def _connect_raw(
    path: Path, key: bytes, salt: bytes | None = None, create: bool = False
) -> sqlcipher3.Connection:
    """Open and key a connection, verify the key, then apply the pragmas.

    Never creates a missing file unless ``create``. Raises ``WrongPassphraseError`` without
    having written anything when the key is wrong, ``FileBusyError`` when another program
    holds the file locked."""
    uri = f"{path.resolve().as_uri()}?mode={'rwc' if create else 'rw'}"
    try:
        conn = sqlcipher3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    except sqlcipher3.OperationalError as exc:
        raise UsageError(f"{path}: cannot be opened ({_reason(exc)}).") from None
    try:
        _quiet_sqlcipher(conn)
        conn.execute(f"PRAGMA key = {_key_pragma(key, salt)}")
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
        return conn
    except BaseException:
        conn.close()
        raise


def _is_busy(error: Exception) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


def _reason(error: Exception) -> str:
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


def _create_private_file(path: Path) -> None:
    """Create an empty file readable only by its owner; fail if it exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not possible on every platform (Windows)
        _fsync_path(path)


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-journal", "-wal", "-shm")]


def remove_case_file(path: Path) -> None:
    """Remove a case file this program has just created (and closed), with its journal."""
    _remove_quietly(path)
    for sidecar in _sidecars(path):
        _remove_quietly(sidecar)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def _temp_sibling(path: Path, purpose: str) -> Path:
    # The process id lets a later open tell a leftover of a killed process from live work.
    return path.with_name(f".{path.name}.{purpose}-{os.getpid()}-{secrets.token_hex(4)}.tmp")


def _make_engine(path: Path, connect: Callable[[], sqlcipher3.Connection]) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        module=sqlcipher3.dbapi2,
        creator=connect,
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
        hide_parameters=True,  # SQL errors must never carry record values (personal data)
    )

    # Let SQLAlchemy own transactions (the driver runs in autocommit mode), so reads inside a
    # transaction see one consistent snapshot and writes are all-or-nothing.
    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:  # noqa: ANN001
        conn.exec_driver_sql("BEGIN")

    return engine


class CaseFile:
    """An unlocked case file. Use ``CaseFile.open`` / ``CaseFile.create``; ``close`` locks it."""

    def __init__(self, path: Path, key: bytes, salt: bytes, create: bool = False) -> None:
        self.path = path
        self._key = key
        self._salt = salt
        self._create = create
        self._uses = Uses(path.name, on_last=self._forget_key)
        self._swapping = threading.Event()
        self.engine = _make_engine(path, self._new_connection)
        self._uses.attach(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.meta: dict[str, str] = {}

    def _new_connection(self) -> sqlcipher3.Connection:
        if self._closed or not self._key:
            raise CaseFileLockedError(f"{self.path.name} is locked.")
        # The salt goes with the key so that the very first write of a new file uses it.
        return _connect_raw(self.path, self._key, self._salt, create=self._create)

    # -- life cycle ---------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path | str,
        passphrase: str,
        *,
        role: str,
        owner: str,
        district: str | None = None,
        min_passphrase_length: int = DEFAULT_MIN_PASSPHRASE_LENGTH,
    ) -> CaseFile:
        path = Path(path)
        if role not in ROLES:
            raise UsageError(f"Unknown role '{role}': use one of {', '.join(ROLES)}.")
        if not owner.strip():
            raise UsageError("The owner's name must not be empty.")
        check_passphrase_strength(passphrase, min_passphrase_length)
        if path.exists():
            raise UsageError(f"{path}: the file already exists; choose another name.")
        if not path.parent.is_dir():
            raise UsageError(f"{path.parent}: no such folder.")
        salt = secrets.token_bytes(SALT_BYTES)
        key = derive_key(passphrase, salt)
        _create_private_file(path)
        try:
            casefile = cls(path, key, salt, create=True)
            casefile._migrate()
            casefile._create = False
            now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
            with casefile._sessions() as session, session.begin():
                facts = {
                    "format_version": str(CURRENT_FORMAT),
                    "file_id": str(uuid.uuid4()),
                    "role": role,
                    "owner": owner.strip(),
                    "created_at": now,
                }
                if district:
                    facts["district"] = district.strip()
                session.add_all(Meta(key=k, value=v) for k, v in facts.items())
                audit.add_entry(session, facts["owner"], "create", "casefile", facts["file_id"])
            casefile._load_meta()
            log.info("case file created (%s)", role)
            return casefile
        except BaseException:
            _remove_quietly(path)
            for sidecar in _sidecars(path):
                _remove_quietly(sidecar)
            raise

    @classmethod
    def open(cls, path: Path | str, passphrase: str) -> CaseFile:
        path = Path(path)
        salt = read_salt(path)
        key = derive_key(passphrase, salt)
        conn = _connect_raw(path, key)  # raises WrongPassphraseError before any write
        try:
            check_is_casefile(conn, path)  # before migrations write anything
        finally:
            conn.close()
        casefile = cls(path, key, salt)
        try:
            casefile._migrate()
            casefile._load_meta()
        except BaseException:
            casefile.close()
            raise
        _cleanup_stale_temps(path)
        log.info("case file unlocked (%s)", casefile.role)
        return casefile

    def close(self) -> None:
        """Lock without waiting: new work is refused, running statements interrupted; the key
        goes when the last running use has ended (``casefile/uses.py``, ``wait_closed``)."""
        if self._uses.close(dispose=self.engine.dispose):
            log.info("case file locked")

    def _forget_key(self) -> None:
        self._key = b""

    @property
    def _closed(self) -> bool:
        return self._uses.closed

    @property
    def is_closed(self) -> bool:
        return self._closed

    def wait_closed(self, timeout: float | None = None) -> bool:
        """Wait until the work running at ``close`` has ended and the key is gone."""
        return self._uses.wait_closed(timeout)

    def __enter__(self) -> CaseFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- sessions -----------------------------------------------------------------------

    def session(self) -> Session:
        if self._closed:
            raise CaseFileLockedError(f"{self.path.name} is locked.")
        if self._swapping.is_set():
            raise FileBusyError(f"{self.path.name} is being re-encrypted; try again shortly.")
        session = self._sessions()
        audit.attach(session, actor=self.meta.get("owner", "unknown"))
        return session

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on any error."""
        with self.session() as session, session.begin():
            yield session

    @property
    def role(self) -> str:
        return self.meta.get("role", "casemanager")

    @property
    def owner(self) -> str:
        return self.meta.get("owner", "")

    def _load_meta(self) -> None:
        with self._sessions() as session:
            self.meta = {row.key: row.value for row in session.scalars(select(Meta))}
        if "role" not in self.meta:
            raise RejectedInputError(f"{self.path.name}: not a KIM case file (no file facts).")

    def _migrate(self) -> None:
        from kim_desktop.core.casefile.migrate import upgrade_to_head

        upgrade_to_head(self.engine)

    # -- whole-file operations ----------------------------------------------------------

    def _export_to(self, target: Path, key: bytes, salt: bytes) -> None:
        """Write a complete, consistent encrypted copy with ``sqlcipher_export``."""
        _create_private_file(target)
        conn = self._new_connection()
        try:
            self._uses.begin(conn, conn)  # a lock interrupts the copy
            conn.execute(
                f"ATTACH DATABASE ? AS target KEY {_key_pragma(key, salt)}", (str(target),)
            )
            conn.execute("BEGIN IMMEDIATE")  # keep writers out while we copy
            conn.execute("SELECT sqlcipher_export('target')").fetchall()
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute(f"PRAGMA target.user_version = {int(version)}")
            conn.execute("COMMIT")
            conn.execute("DETACH DATABASE target")
        except BaseException:
            self._uses.end(conn)  # before closing it
            conn.close()
            _remove_quietly(target)
            raise
        self._uses.end(conn)
        conn.close()
        _fsync_path(target)

    def backup(self, out: Path | str) -> None:
        """An encrypted copy under the same passphrase; opens like the original."""
        out = Path(out)
        if out.exists():
            raise UsageError(f"{out}: the file already exists; choose another name.")
        if not out.parent.is_dir():
            raise UsageError(f"{out.parent}: no such folder.")
        temp = _temp_sibling(out, "backup")
        try:
            with self._uses.use():  # a lock meanwhile keeps the key until the copy is verified
                self._export_to(temp, self._key, self._salt)
                verify_file(temp, self._key)
                _publish_without_overwrite(temp, out)
        finally:
            _remove_quietly(temp)
        _fsync_dir(out.parent)
        self.record("backup", "casefile")
        log.info("backup written and verified")

    def change_passphrase(
        self, new_passphrase: str, min_passphrase_length: int = DEFAULT_MIN_PASSPHRASE_LENGTH
    ) -> None:
        """Re-key: write the file anew under the new passphrase and swap it in atomically.

        A crash before the rename leaves the old file (old passphrase); after it, the new one.
        While it runs, no session can start, and it waits for running ones to finish, so no
        write can land in the old file after the copy was taken."""
        check_passphrase_strength(new_passphrase, min_passphrase_length)
        new_salt = secrets.token_bytes(SALT_BYTES)
        new_key = derive_key(new_passphrase, new_salt)
        self._uses.begin(self._swapping)  # a lock meanwhile forgets the key after the swap
        self._swapping.set()
        try:
            self._wait_for_idle_connections()
            self.engine.dispose()
            temp = _temp_sibling(self.path, "rekey")
            try:
                self._export_to(temp, new_key, new_salt)
                verify_file(temp, new_key)
                with self._uses.lock:  # locked while verifying: keep the old file
                    if self._closed:
                        raise self._uses.locked_error()
                    os.replace(temp, self.path)
                _fsync_dir(self.path.parent)
            finally:
                _remove_quietly(temp)
            self._key, self._salt = new_key, new_salt
        finally:
            self.engine.dispose()
            self._swapping.clear()
            self._uses.end(self._swapping)
        self.record("rekey", "casefile")
        log.info("passphrase changed (file re-encrypted)")

    def _wait_for_idle_connections(self, timeout: float = 30.0) -> None:
        pool = self.engine.pool
        deadline = time.monotonic() + timeout
        while getattr(pool, "checkedout", lambda: 0)() > 0:
            if time.monotonic() > deadline:
                raise FileBusyError(f"{self.path.name} is busy; the passphrase was not changed.")
            time.sleep(0.02)

    def verify(self) -> list[str]:
        return verify_file(self.path, self._key, raise_on_problem=False)

    def record(self, action: str, entity: str, record_id: str | None = None) -> None:
        """Write one audit entry in its own transaction."""
        with self._sessions() as session, session.begin():
            audit.add_entry(session, self.owner, action, entity, record_id)


def verify_file(path: Path, key: bytes, raise_on_problem: bool = True) -> list[str]:
    """Run SQLCipher's page HMAC check and SQLite's integrity and foreign-key checks."""
    read_salt(path)  # refuses missing and too short files (and never creates one)
    conn = _connect_raw(path, key)
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
                problems.append(f"{name}: {_reason(exc)}")
                continue
            if name == "cipher":
                problems += [f"cipher: {_reason(Exception(row[0]))}" for row in rows]
            elif name == "integrity" and [row[0] for row in rows] != ["ok"]:
                problems += [f"integrity: {_reason(Exception(row[0]))}" for row in rows]
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


def verify_path(path: Path | str, passphrase: str) -> list[str]:
    """``kim verify``: check a file without migrating or otherwise writing it."""
    path = Path(path)
    key = derive_key(passphrase, read_salt(path))
    problems = verify_file(path, key, raise_on_problem=False)
    if not problems:
        conn = _connect_raw(path, key)
        try:
            check_is_casefile(conn, path)
        finally:
            conn.close()
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


def restore(backup: Path | str, target: Path | str, passphrase: str) -> None:
    """Verify a backup completely, then atomically put it in place of ``target``."""
    backup, target = Path(backup), Path(target)
    salt = read_salt(backup)
    key = derive_key(passphrase, salt)
    verify_file(backup, key)
    conn = _connect_raw(backup, key)
    try:
        check_is_casefile(conn, backup)
    finally:
        conn.close()
    if not target.parent.is_dir():
        raise UsageError(f"{target.parent}: no such folder.")
    if target.exists() and target.resolve() == backup.resolve():
        raise UsageError(f"{target}: backup and target are the same file.")
    temp = _temp_sibling(target, "restore")
    try:
        _create_private_file(temp)
        with backup.open("rb") as src, temp.open("r+b") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        verify_file(temp, key)
        # A journal left by the file being replaced must not be applied to the restored one.
        for sidecar in _sidecars(target):
            _remove_quietly(sidecar)
        os.replace(temp, target)
        _fsync_dir(target.parent)
    finally:
        _remove_quietly(temp)
    with CaseFile.open(target, passphrase) as restored:
        restored.record("restore", "casefile")


def _publish_without_overwrite(temp: Path, out: Path) -> None:
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


def _cleanup_stale_temps(path: Path) -> None:
    """Remove temp files that a killed re-key, restore or backup left beside the file.

    A temp file of a process that still runs is live work and stays; so does a recent one
    whose process cannot be probed."""
    for leftover in path.parent.glob(f".{path.name}.*-*-*.tmp"):
        with contextlib.suppress(OSError, ValueError):
            pid = int(leftover.name.rsplit("-", 2)[-2])
            age = time.time() - leftover.stat().st_mtime
            if leftover.is_file() and (not _process_alive(pid) or age > STALE_TEMP_SECONDS):
                leftover.unlink()


__all__ = [
    "CURRENT_FORMAT",
    "DEFAULT_MIN_PASSPHRASE_LENGTH",
    "CaseFile",
    "KimError",
    "check_passphrase_strength",
    "derive_key",
    "remove_case_file",
    "restore",
    "verify_file",
    "verify_path",
]
