"""The encrypted case file: SQLCipher 4 through ``sqlcipher3``, keyed by Argon2id
(``rawfile.py``), reached only through the doors of ``CaseFile`` (``access.py``).

Safety rules (DESIGN.md section 4):
- a wrong passphrase is detected before anything is written: the key is checked with a read
  of the schema and only then are pragmas set or migrations run;
- changing the passphrase and restoring a backup write a complete new file beside the old
  one, verify it, and then atomically rename it over the old one, so a crash leaves either
  the old or the new file, each complete; no other writer, of this process or another, runs
  from the copy until after the swap;
- files are created 0600; temp data stays in memory (``temp_store=MEMORY``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import secrets
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlcipher3
from sqlalchemy import Connection, Engine, create_engine, event, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from kim_desktop.core.casefile import audit, recovery
from kim_desktop.core.casefile.access import (
    WHOLE_FILE_WAIT_SECONDS,
    WRITE_WAIT_SECONDS,
    FileLock,
    UseGate,
    identity,
    translated,
)
from kim_desktop.core.casefile.models import AuditEntry, Meta
from kim_desktop.core.casefile.names import refresh_case_names, refresh_client_names
from kim_desktop.core.casefile.rawfile import (
    CURRENT_FORMAT,
    KDF_PARAMETERS,
    SALT_BYTES,
    KeyedConnection,
    check_is_casefile,
    check_passphrase_strength,
    cleanup_stale_temps,
    connect_raw,
    create_private_file,
    derive_key,
    fsync_dir,
    fsync_path,
    key_pragma,
    publish_without_overwrite,
    read_salt,
    remove_case_file,
    remove_quietly,
    remove_temp,
    sidecars,
    temp_sibling,
    verify_file,
)
from kim_desktop.core.casefile.uses import Uses
from kim_desktop.core.errors import (
    CaseFileLockedError,
    CaseFileReplacedError,
    FileBusyError,
    KimError,
    RejectedInputError,
    UsageError,
    WrongPassphraseError,
    from_os_error,
)
from kim_desktop.core.platform.policy import DEFAULT_MIN_PASSPHRASE_LENGTH

log = logging.getLogger(__name__)

ROLES = ("casemanager", "coordinator")


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
    # transaction see one consistent snapshot and writes are all-or-nothing. Writers begin
    # with ``BEGIN IMMEDIATE`` (CaseFile._use sets which).
    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql(conn.get_execution_options().get("kim_begin", "BEGIN"))

    return engine


class CaseFile:
    """An unlocked case file. Use ``CaseFile.open`` / ``CaseFile.create``; ``close`` locks it.

    Every use goes through one of its doors (``access.py`` has the rule): ``reading()``
    (a connection in one read transaction), ``reading_session()`` (the same as an ORM
    session), ``transaction()`` (a session in one write transaction, audited) and
    ``migration_transaction()`` (the migrations' own). Re-key and backup are exclusive."""

    def __init__(self, path: Path, key: bytes, salt: bytes, create: bool = False) -> None:
        self.path = path
        self._key = key
        self._salt = salt
        self._create = create
        self._uses = Uses(path.name, on_last=self._forget_key)
        self._gate = UseGate(path.name)
        self._file_lock = FileLock(path)
        self._engine = _make_engine(path, self._new_connection)
        self._uses.attach(self._engine)
        self._sessions = sessionmaker(expire_on_commit=False)
        self.meta: dict[str, str] = {}

    def _new_connection(self) -> KeyedConnection:
        if self._closed or not self._key:
            raise CaseFileLockedError(f"{self.path.name} is locked.")
        for _attempt in range(3):
            before = identity(self.path)
            try:
                # The salt goes with the key so that the very first write of a new file uses it.
                conn = connect_raw(self.path, self._key, self._salt, create=self._create)
            except WrongPassphraseError:  # it opened with this key before: replaced since
                raise CaseFileReplacedError(
                    f"{self.path.name} was changed by another program (a new passphrase or a "
                    "restored backup); nothing was written here. Open the file again."
                ) from None
            conn.identity = identity(self.path)
            if conn.identity == before:  # no swap between looking and opening
                return conn
            conn.close()
        raise FileBusyError(f"{self.path.name} is being replaced; try again in a moment.")

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
        try:
            create_private_file(path)
        except OSError as exc:
            raise from_os_error(exc, str(path)) from None
        try:
            casefile = cls(path, key, salt, create=True)
            casefile._migrate()
            casefile._create = False
            now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
            with casefile._writing_session(audited=False) as session:
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
            remove_quietly(path)
            for sidecar in sidecars(path):
                remove_quietly(sidecar)
            raise

    @classmethod
    def open(cls, path: Path | str, passphrase: str) -> CaseFile:
        path = Path(path)
        salt = read_salt(path)
        return cls.open_keyed(path, derive_key(passphrase, salt), salt)

    @classmethod
    def open_keyed(cls, path: Path, key: bytes, salt: bytes) -> CaseFile:
        """``open`` with the raw key (the recovery key's way in, ``recovery.unlock``)."""
        with translated(path):
            conn = connect_raw(path, key)  # raises WrongPassphraseError before any write
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
        cleanup_stale_temps(path.parent, path.name)
        log.info("case file unlocked (%s)", casefile.role)
        return casefile

    def close(self) -> None:
        """Lock without waiting: new work is refused, running statements interrupted; the key
        goes when the last running use has ended (``casefile/uses.py``, ``wait_closed``)."""
        if self._uses.close(dispose=self._engine.dispose):
            log.info("case file locked")

    def _forget_key(self) -> None:
        self._key = b""

    @property
    def _closed(self) -> bool:
        return self._uses.closed

    def wait_closed(self, timeout: float | None = None) -> bool:
        """Wait until the work running at ``close`` has ended and the key is gone."""
        return self._uses.wait_closed(timeout)

    @property
    def is_closed(self) -> bool:
        return self._closed

    def __enter__(self) -> CaseFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the doors: every read and write goes through one of these ------------------------

    def _checkout(self) -> Connection:
        """A pooled connection to the file the name stands for *now*: a connection opened
        before another program swapped the file in (re-key, restore) is dropped, so nothing
        is read from or committed into the replaced file."""
        conn = self._engine.connect()
        raw = conn.connection.driver_connection
        if getattr(raw, "identity", None) == identity(self.path):
            return conn
        conn.invalidate()
        conn.close()
        self._engine.dispose()  # every pooled connection has the old file open
        return self._engine.connect()

    @contextlib.contextmanager
    def _use(
        self, *, write: bool, begin: bool = True, foreign_keys: bool = True
    ) -> Iterator[Connection]:
        if self._closed:
            raise CaseFileLockedError(f"{self.path.name} is locked.")
        refused = "nothing was written; try again when it is done."
        across = (
            self._file_lock.hold(False, WRITE_WAIT_SECONDS, refused)
            if write
            else contextlib.nullcontext()
        )
        with self._gate.shared(), translated(self.path), across:
            conn = self._checkout()
            raw = conn.connection.driver_connection
            assert raw is not None  # a checked-out connection has its driver connection
            try:
                # Writers take SQLite's write lock at BEGIN (waiting for another writer)
                # instead of failing when a read turns into a write; readers cannot write.
                conn.execution_options(kim_begin="BEGIN IMMEDIATE" if write else "BEGIN")
                raw.execute(f"PRAGMA query_only = {'OFF' if write else 'ON'}")
                if not foreign_keys:  # only outside a transaction
                    raw.execute("PRAGMA foreign_keys = OFF")
                    # A table rebuild drops the table and renames its copy; triggers of other
                    # tables that name it (migration 0008) would make the rename fail.
                    raw.execute("PRAGMA legacy_alter_table = ON")
                if begin:
                    with conn.begin():
                        yield conn
                else:
                    yield conn
            finally:
                with contextlib.suppress(sqlcipher3.Error):
                    raw.execute("PRAGMA query_only = OFF")
                    raw.execute("PRAGMA foreign_keys = ON")
                    raw.execute("PRAGMA legacy_alter_table = OFF")
                conn.close()

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection in one read transaction: one consistent snapshot, no writes."""
        with self._use(write=False) as conn:
            yield conn

    @contextlib.contextmanager
    def reading_session(self) -> Iterator[Session]:
        """``reading()`` as an ORM session (for reads by model); it cannot write either."""
        with self._use(write=False) as conn, self._sessions(bind=conn) as session:
            yield session

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session in one write transaction: committed on success, rolled back on any
        error; every change is recorded in the audit trail."""
        with self._writing_session(audited=True) as session:
            yield session

    @contextlib.contextmanager
    def bookkeeping_transaction(self) -> Iterator[Session]:
        """A write transaction for the file's own bookkeeping, not for records (the drafts
        of unsaved forms): not recorded in the audit trail."""
        with self._writing_session(audited=False) as session:
            yield session

    @contextlib.contextmanager
    def _writing_session(self, audited: bool) -> Iterator[Session]:
        with self._use(write=True, begin=False) as conn, self._sessions(bind=conn) as session:
            if audited:
                audit.attach(session, actor=self.meta.get("owner", "unknown"))
            with session.begin():
                yield session
                # Triggers mark the cases whose members changed and the clients whose names
                # changed; the searches need them current.
                session.flush()
                refresh_case_names(session.connection())
                refresh_client_names(session.connection())

    @contextlib.contextmanager
    def migration_transaction(self) -> Iterator[Connection]:
        """For the schema migrations only: a connection in one write transaction with
        foreign-key enforcement off (SQLite's table rebuilds would cascade otherwise)."""
        with self._use(write=True, foreign_keys=False) as conn:
            yield conn

    @contextlib.contextmanager
    def _whole_file(self, refused: str, across_processes: bool) -> Iterator[None]:
        """Exclusive: no read or write of this process runs meanwhile; with
        ``across_processes`` no other process writes either (re-key, restore)."""
        if self._closed:
            raise CaseFileLockedError(f"{self.path.name} is locked.")
        across = (
            self._file_lock.hold(True, WHOLE_FILE_WAIT_SECONDS, refused)
            if across_processes
            else contextlib.nullcontext()
        )
        with self._gate.exclusive(refused), translated(self.path), across:
            self._engine.dispose()  # no pooled connection keeps the old file open
            try:
                yield
            finally:
                self._engine.dispose()

    @property
    def role(self) -> str:
        return self.meta.get("role", "casemanager")

    @property
    def owner(self) -> str:
        return self.meta.get("owner", "")

    def _load_meta(self) -> None:
        with self.reading_session() as session:
            self.meta = {row.key: row.value for row in session.scalars(select(Meta))}
        if "role" not in self.meta:
            raise RejectedInputError(f"{self.path.name}: not a KIM case file (no file facts).")

    def _migrate(self) -> None:
        from kim_desktop.core.casefile.migrate import upgrade_to_head

        upgrade_to_head(self)

    # -- whole-file operations ----------------------------------------------------------

    def _export_to(
        self, target: Path, key: bytes, salt: bytes, entry: dict[str, str | None] | None = None
    ) -> None:
        """Write a complete, consistent encrypted copy with ``sqlcipher_export``; ``entry``:
        an audit entry that goes into the copy only (the re-key's own)."""
        create_private_file(target)
        conn = self._new_connection()
        try:
            self._uses.begin(conn, conn)  # a lock interrupts the copy
            conn.execute(f"ATTACH DATABASE ? AS target KEY {key_pragma(key, salt)}", (str(target),))
            # The copy is scratch until verified and renamed: a journal beside it would only
            # be one more file for a killed re-key or backup to leave behind.
            conn.execute("PRAGMA target.journal_mode = OFF").fetchall()
            conn.execute("BEGIN IMMEDIATE")  # keep other processes' writers out while we copy
            conn.execute("SELECT sqlcipher_export('target')").fetchall()
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute(f"PRAGMA target.user_version = {int(version)}")
            if entry is not None:
                columns = ", ".join(entry)
                conn.execute(
                    f"INSERT INTO target.{AuditEntry.__tablename__} ({columns}) "
                    f"VALUES ({', '.join('?' * len(entry))})",
                    tuple(entry.values()),
                )
            conn.execute("COMMIT")
            conn.execute("DETACH DATABASE target")
        except BaseException:
            self._uses.end(conn)  # before closing it
            conn.close()
            remove_temp(target)
            raise
        self._uses.end(conn)
        conn.close()
        fsync_path(target)

    def backup(self, out: Path | str) -> None:
        """An encrypted copy under the same passphrase; opens like the original."""
        out = Path(out)
        if out.exists():
            raise UsageError(f"{out}: the file already exists; choose another name.")
        if not out.parent.is_dir():
            raise UsageError(f"{out.parent}: no such folder.")
        cleanup_stale_temps(out.parent, purpose="backup")
        temp = temp_sibling(out, "backup")
        with (
            self._whole_file("no backup was written.", across_processes=False),
            self._uses.use(),  # a lock meanwhile keeps the key until the copy is verified
        ):
            try:
                with translated(self.path, written=out):
                    self._export_to(temp, self._key, self._salt)
                verify_file(temp, self._key)
                # The backup's own .recovery first (the key material travels with every
                # backup): a crash then never leaves a backup without it.
                sidecar = recovery.sidecar_path(out)
                existed = sidecar.exists()
                recovery.settle(out, self._key, self._salt, self._recipient())
                try:
                    publish_without_overwrite(temp, out)
                except BaseException:
                    if not existed:
                        remove_quietly(sidecar)
                    raise
            except OSError as exc:
                raise from_os_error(exc, str(out)) from None
            finally:
                remove_temp(temp)
        fsync_dir(out.parent)
        self.record("backup", "casefile")
        log.info("backup written and verified")

    def change_passphrase(
        self, new_passphrase: str, min_passphrase_length: int = DEFAULT_MIN_PASSPHRASE_LENGTH
    ) -> None:
        """Re-key: write the file anew under the new passphrase and swap it in atomically.

        A crash before the rename leaves the old file (old passphrase); after it, the new one.
        It waits for this process's running reads and writes and other processes' writes,
        and refuses new ones until the swap is done, so no write lands in the old file."""
        check_passphrase_strength(new_passphrase, min_passphrase_length)
        # New uses are refused from here on, also while the key is derived (a busy machine
        # takes a second), so that a stream of short writes cannot hold the re-key off.
        with (
            self._whole_file("the passphrase was not changed.", across_processes=True),
            self._uses.use(),  # a lock meanwhile forgets the key after the swap
        ):
            new_salt = secrets.token_bytes(SALT_BYTES)
            new_key = derive_key(new_passphrase, new_salt)
            # The entry is in the copy, so nothing writes the file after the swap: a kill
            # at any moment leaves the old file or the new one with its entry, no journal.
            entry = audit.entry_values(self.owner, "rekey", "casefile")
            recipient = self._recipient()
            self._swap_in_copy(new_key, new_salt, entry, "rekey", recipient)
            self._key, self._salt = new_key, new_salt
            recovery.settle(self.path, new_key, new_salt, recipient)
        log.info("passphrase changed (file re-encrypted)")

    def rewrite(self) -> None:
        """Write the file anew under the same key and swap the copy in (after an erasure):
        the copy holds the records only, so no freed page of the old file, and nothing a
        deleted row left in a page, survives. Exclusive like the re-key; a kill at any moment
        leaves the old file or the new one, both complete."""
        with (
            self._whole_file("the file was not rewritten.", across_processes=True),
            self._uses.use(),
        ):
            self._swap_in_copy(self._key, self._salt, None, "rewrite")
        log.info("file rewritten")

    def _swap_in_copy(
        self,
        key: bytes,
        salt: bytes,
        entry: dict[str, str | None] | None,
        purpose: str,
        recipient: recovery.Recipient | None = None,
    ) -> None:
        temp = temp_sibling(self.path, purpose)
        try:
            self._export_to(temp, key, salt, entry)
            verify_file(temp, key)
            recovery.prepare(self.path, key, salt, recipient)  # fits old and new file
            with self._uses.lock:  # locked while verifying: keep the old file
                if self._closed:
                    raise self._uses.locked_error()
                os.replace(temp, self.path)
            fsync_dir(self.path.parent)
        except OSError as exc:
            raise from_os_error(exc, str(self.path)) from None
        finally:
            remove_temp(temp)

    def _recipient(self) -> recovery.Recipient | None:
        """The recovery public key as stored now (another process may have replaced it)."""
        conn = self._new_connection()
        try:
            return recovery.stored_recipient(conn)
        finally:
            conn.close()

    def install_recovery_key(self, recipient: recovery.Recipient) -> None:
        """Store a new recovery key's public half (replacing an earlier one) and seal this
        file's key to it; the sidecar holds both keys' entries until the meta is committed."""
        with self.transaction() as session:
            replaced = session.get(Meta, recovery.META_PUBLIC) is not None
            for key, value in recipient.meta().items():
                session.merge(Meta(key=key, value=value))
            action = "update" if replaced else "create"
            audit.add_entry(session, self.owner, action, "recovery_key", recipient.key_id)
            session.flush()
            recovery.prepare(self.path, self._key, self._salt, recipient)
        self.meta.update(recipient.meta())
        # Tidy the sidecar to this key's entry alone. Not needed for recovery (the prepared
        # entry fits the file already), so a failure only leaves the older entry beside it.
        # Under the lock a re-key takes, and only if no other program re-keyed since the
        # commit (its own settle left the entry for the new key; ours would be stale).
        try:
            with self._file_lock.hold(True, WHOLE_FILE_WAIT_SECONDS, "not tidied."):
                if read_salt(self.path) == self._salt:
                    recovery.settle(self.path, self._key, self._salt, recipient)
        except (KimError, OSError) as exc:
            log.warning("recovery key stored; tidying its file failed (%s)", type(exc).__name__)
        log.info("recovery key %s", "replaced" if replaced else "created")

    def verify(self) -> list[str]:
        with self._gate.shared(), translated(self.path):
            return verify_file(self.path, self._key, raise_on_problem=False)

    def record(self, action: str, entity: str, record_id: str | None = None) -> None:
        """Write one audit entry in its own transaction."""
        with self._writing_session(audited=False) as session:
            audit.add_entry(session, self.owner, action, entity, record_id)


def verify_path(path: Path | str, passphrase: str) -> list[str]:
    """``kim verify``: check a file without migrating or otherwise writing it."""
    path = Path(path)
    key = derive_key(passphrase, read_salt(path))
    problems = verify_file(path, key, raise_on_problem=False)
    if not problems:
        conn = connect_raw(path, key)
        try:
            check_is_casefile(conn, path)
        finally:
            conn.close()
    return problems


def restore(backup: Path | str, target: Path | str, passphrase: str) -> None:
    """Verify a backup completely, then atomically put it in place of ``target``."""
    backup, target = Path(backup), Path(target)
    salt = read_salt(backup)
    key = derive_key(passphrase, salt)
    verify_file(backup, key)
    conn = connect_raw(backup, key)
    try:
        check_is_casefile(conn, backup)
        recipient = recovery.stored_recipient(conn)
    finally:
        conn.close()
    if not target.parent.is_dir():
        raise UsageError(f"{target.parent}: no such folder.")
    if target.exists() and target.resolve() == backup.resolve():
        raise UsageError(f"{target}: backup and target are the same file.")
    temp = temp_sibling(target, "restore")
    # Every other writer (this file open in the window, another kim) stays out from the copy
    # until after the swap; one that had the old file open notices the swap (CaseFile._checkout).
    refused = "nothing was restored; try again when it is done."
    with translated(target), FileLock(target).hold(True, WHOLE_FILE_WAIT_SECONDS, refused):
        try:
            create_private_file(temp)
            with backup.open("rb") as src, temp.open("r+b") as dst:
                while chunk := src.read(1 << 20):
                    dst.write(chunk)
                dst.flush()
                os.fsync(dst.fileno())
            verify_file(temp, key)
            # A journal left by the file being replaced must not be applied to the restored one.
            for sidecar in sidecars(target):
                remove_quietly(sidecar)
            recovery.prepare(target, key, salt, recipient)  # the backup's recovery key
            os.replace(temp, target)
            fsync_dir(target.parent)
            recovery.settle(target, key, salt, recipient)
        except OSError as exc:
            raise from_os_error(exc, str(target)) from None
        finally:
            remove_temp(temp)
    with CaseFile.open(target, passphrase) as restored:
        restored.record("restore", "casefile")


__all__ = [
    "CURRENT_FORMAT",
    "DEFAULT_MIN_PASSPHRASE_LENGTH",
    "KDF_PARAMETERS",
    "CaseFile",
    "KimError",
    "check_passphrase_strength",
    "derive_key",
    "remove_case_file",
    "restore",
    "verify_file",
    "verify_path",
]
