"""Drafts: what was typed into a form and not saved yet, kept in the encrypted case file.

A lock closes the file and its forms; a crash ends the program. Neither may throw away what a
case manager typed, and typed personal data may not go anywhere but the encrypted file. So the
window keeps each open form's input here while it is being typed and before locking, opens
the form again after unlocking, and removes the draft once the form is saved or discarded.
A draft is the user's unfinished input, not a record: the audit trail does not record it and
no export, bundle or document carries it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select

from kim_desktop.core.casefile.models import Draft
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import InvalidInput

# A form's input is small; anything far larger is not typed input.
MAX_DRAFT_CHARACTERS = 1_000_000


@dataclass(frozen=True)
class StoredDraft:
    id: str
    kind: str
    context: dict[str, Any]
    values: dict[str, Any]
    view: str | None
    saved_at: dt.datetime


def _json(name: str, value: Mapping[str, Any]) -> str:
    try:
        text = json.dumps(dict(value), ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        raise InvalidInput(name, "must be JSON data") from None
    if len(text) > MAX_DRAFT_CHARACTERS:
        raise InvalidInput(name, f"is longer than {MAX_DRAFT_CHARACTERS} characters")
    return text


def save_draft(
    casefile: CaseFile,
    draft_id: str,
    kind: str,
    context: Mapping[str, Any],
    values: Mapping[str, Any],
    view: str | None = None,
) -> None:
    """Store (or replace) the draft ``draft_id``."""
    if not draft_id or not kind:
        raise InvalidInput("draft", "needs an id and a kind")
    row = {
        "kind": kind,
        "context": _json("context", context),
        "input_values": _json("values", values),
        "view": view,
        "saved_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    with casefile.bookkeeping_transaction() as session:
        stored = session.get(Draft, draft_id)
        if stored is None:
            session.add(Draft(id=draft_id, **row))
        else:
            for key, value in row.items():
                setattr(stored, key, value)


def list_drafts(casefile: CaseFile) -> list[StoredDraft]:
    """Every draft, oldest first."""
    with casefile.reading() as conn:
        rows = conn.execute(select(Draft).order_by(Draft.saved_at, Draft.id)).all()
    return [
        StoredDraft(
            id=row.id,
            kind=row.kind,
            context=json.loads(row.context),
            values=json.loads(row.input_values),
            view=row.view,
            saved_at=dt.datetime.fromisoformat(row.saved_at),
        )
        for row in rows
    ]


def delete_draft(casefile: CaseFile, draft_id: str) -> None:
    """Remove a draft (saved or discarded); nothing happens when there is none."""
    with casefile.bookkeeping_transaction() as session:
        session.execute(delete(Draft).where(Draft.id == draft_id))
