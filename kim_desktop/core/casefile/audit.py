"""Audit trail: who did what to which record, and when — never the content.

Every ORM change through a case-file session is recorded automatically (a ``before_flush``
hook). Bulk operations (interchange import, backup, re-key) record one entry each."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from kim_desktop.core.casefile.models import AuditEntry


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _record_id(obj: Any) -> str:
    identity = inspect(obj).identity or tuple(
        getattr(obj, col.key) for col in inspect(type(obj)).primary_key
    )
    return "/".join(str(part) for part in identity)


def attach(session: Session, actor: str) -> None:
    """Record every create, update and delete flushed through ``session``."""

    def before_flush(session: Session, _context: object, _instances: object) -> None:
        rows: list[dict[str, str]] = []
        stamp = _now()
        for action, objects in (
            ("create", session.new),
            ("update", [o for o in session.dirty if session.is_modified(o)]),
            ("delete", session.deleted),
        ):
            for obj in objects:
                if isinstance(obj, AuditEntry):
                    continue
                rows.append(
                    {
                        "at": stamp,
                        "actor": actor,
                        "action": action,
                        "entity": obj.__tablename__,
                        "record_id": _record_id(obj),
                    }
                )
        if rows:
            session.execute(insert(AuditEntry), rows)

    event.listen(session, "before_flush", before_flush)


def entry_values(
    actor: str, action: str, entity: str, record_id: str | None = None
) -> dict[str, str | None]:
    """One explicit entry's columns (also written into a re-key's copy, before the swap)."""
    return {
        "at": _now(),
        "actor": actor,
        "action": action,
        "entity": entity,
        "record_id": record_id,
    }


def add_entry(
    session: Session, actor: str, action: str, entity: str, record_id: str | None = None
) -> None:
    session.execute(insert(AuditEntry), [entry_values(actor, action, entity, record_id)])
