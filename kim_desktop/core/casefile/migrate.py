"""Run the Alembic migrations in ``migrations/`` on an unlocked case file."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import AbstractContextManager
from functools import cache
from typing import Protocol

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from kim_desktop.core.errors import RejectedInputError

SCRIPT_LOCATION = "kim_desktop.core.casefile:migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    return config


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


@cache
def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None
    return head


@cache
def known_revisions() -> frozenset[str]:
    return frozenset(script.revision for script in _scripts().walk_revisions())


def is_known_revision(revision: str) -> bool:
    return revision in known_revisions()


class MigratableFile(Protocol):
    """What the migrations need of a case file (``storage.CaseFile``): a read, and a write
    transaction with foreign keys off. Through these, migrations follow the file's rule."""

    def reading(self) -> AbstractContextManager[Connection]: ...

    def migration_transaction(self) -> AbstractContextManager[Connection]: ...


def current_revision(casefile: MigratableFile) -> str | None:
    with casefile.reading() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@contextlib.contextmanager
def migration_connection(casefile: MigratableFile) -> Iterator[Connection]:
    """A connection in one write transaction with foreign-key enforcement off.

    SQLite's batch migrations rebuild a table by copying it and dropping the old one; with
    foreign keys on, that DROP would cascade-delete every child row. Enforcement can only be
    switched off outside a transaction (``migration_transaction`` does that before BEGIN and
    switches it back on afterwards); before COMMIT every reference is checked here."""
    with casefile.migration_transaction() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        yield conn
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RejectedInputError(
                f"schema upgrade stopped: {len(broken)} broken reference(s) in table "
                f"{broken[0][0]}; the file was not changed"
            )


def upgrade_to_head(casefile: MigratableFile) -> None:
    """Bring the schema up to date in one transaction; a no-op when it already is."""
    if current_revision(casefile) == head_revision():
        return
    config = _config()
    with migration_connection(casefile) as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
