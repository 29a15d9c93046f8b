"""The client register (Klient:innen): add, change, read, erase and find clients, and the
municipality a client's cases are in."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, exists, func, or_, select

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.models import Assessment, Case, CaseMember, Client
from kim_desktop.core.casefile.names import search_text
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework._base import (
    _date,
    _int,
    _matching_clients,
    _new_id,
    _not_before,
    _reading,
    _required_text,
    _sequence,
    _text,
    _Work,
    _writing,
    display_name,
    fold,
)
from kim_desktop.core.casework.restriction import _refuse_restricted_client
from kim_desktop.core.errors import InvalidInput, UnknownRecord

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


# -- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClientData:
    """A client (Klient:in) as the client dialog edits it. ``id`` is None for a new client."""

    id: str | None = None
    given_name: str | None = None
    family_name: str = ""
    birth_date: dt.date | None = None
    gender: str | None = None
    nationality: str | None = None
    languages: tuple[str, ...] = ()
    arrival_date: dt.date | None = None
    residence_status: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class ClientRow:
    """One line of a client list; ``display_name`` is "Family, Given"."""

    id: str
    display_name: str
    birth_date: dt.date | None


# -- clients ---------------------------------------------------------------------------------


def _client_values(work: _Work, data: ClientData) -> dict[str, Any]:
    """The columns of a client, checked; raises on the first broken rule."""
    if not isinstance(data, ClientData):
        raise InvalidInput("data", "must be a ClientData")
    birth = _date("birth_date", data.birth_date)
    if birth is not None and birth > dt.date.today():
        raise InvalidInput("birth_date", "lies in the future")
    arrival = _date("arrival_date", data.arrival_date)
    _not_before("arrival_date", arrival, birth, "the birth date")
    nationality = data.nationality
    if nationality is not None and nationality not in cat.nationality_codes():
        raise InvalidInput(
            "nationality",
            "must be an ISO 3166-1 alpha-2 code, 'XK', 'stateless', 'unresolved' or 'unknown'",
        )
    languages: list[str] = []
    for item in _sequence("languages", data.languages):
        language = _text("languages", item, required=True)
        assert language is not None
        if fold(language) in {fold(known) for known in languages}:
            raise InvalidInput("languages", "names a language twice")
        languages.append(language)
    email = _text("email", data.email)
    if email is not None and not _EMAIL.fullmatch(email):
        raise InvalidInput("email", "must be an e-mail address (name@domain)")
    return {
        "given_name": _text("given_name", data.given_name),
        "family_name": _required_text("family_name", data.family_name),
        "birth_date": birth,
        "gender": work.code("gender", cat.GENDERS, data.gender, required=False),
        "nationality": nationality,
        "languages": json.dumps(languages, ensure_ascii=False) if languages else None,
        "arrival_date": arrival,
        "residence_status": work.code(
            "residence_status", cat.RESIDENCE_STATUS, data.residence_status, required=False
        ),
        "phone": _text("phone", data.phone),
        "email": email,
        "address": _text("address", data.address),
        "notes": _text("notes", data.notes),
    }


def _languages(stored: str | None) -> tuple[str, ...]:
    return tuple(json.loads(stored)) if stored else ()


def _client_data(row: Any) -> ClientData:
    """A ClientData from a ``clients`` row or a Client object (same attribute names)."""
    return ClientData(
        id=row.id,
        given_name=row.given_name,
        family_name=row.family_name,
        birth_date=row.birth_date,
        gender=row.gender,
        nationality=row.nationality,
        languages=_languages(row.languages),
        arrival_date=row.arrival_date,
        residence_status=row.residence_status,
        phone=row.phone,
        email=row.email,
        address=row.address,
        notes=row.notes,
    )


def create_client(casefile: CaseFile, data: ClientData) -> str:
    """Add a client; returns the new id. ``data.id`` must be None."""
    with _writing(casefile) as work:
        values = _client_values(work, data)
        if data.id is not None:
            raise InvalidInput("id", "must be empty for a new client")
        client = Client(id=_new_id(), **values)
        work.session.add(client)
        return client.id


def update_client(casefile: CaseFile, client_id: str, data: ClientData) -> None:
    """Replace a client's fields with ``data`` (``data.id`` is None or ``client_id``)."""
    with _writing(casefile) as work:
        client = work.get(Client, client_id, "client_id")
        _refuse_restricted_client(work, client_id)
        values = _client_values(work, data)
        if data.id is not None and data.id != client_id:
            raise InvalidInput("id", "differs from the client being changed")
        for key, value in values.items():
            setattr(client, key, value)


def get_client(casefile: CaseFile, client_id: str) -> ClientData:
    """One client's fields."""
    with _reading(casefile) as conn:
        row = conn.execute(select(Client.__table__).where(Client.id == client_id)).one_or_none()
    if row is None:
        raise UnknownRecord("client_id", "no such record in 'clients'")
    return _client_data(row)


def delete_client(casefile: CaseFile, client_id: str) -> None:
    """Delete a client and their consents (erasure). Refused while the client is a member of
    a case or named by an assessment: remove them from their cases first; and while their
    processing is restricted (Art. 18 GDPR)."""
    with _writing(casefile) as work:
        client = work.get(Client, client_id, "client_id")
        _refuse_restricted_client(work, client_id)  # lifted explicitly before erasure
        session = work.session
        if session.scalar(select(exists().where(CaseMember.client_id == client_id))):
            raise InvalidInput("client_id", "client is a member of a case")
        if session.scalar(select(exists().where(Assessment.client_id == client_id))):
            raise InvalidInput("client_id", "client is named by an assessment")
        for consent in list(client.consents):
            session.delete(consent)  # one by one, so each deletion is audited
        session.delete(client)


def _has_stale_names(conn: Connection) -> bool:
    # None, unless a write bypassed the case file's write transaction.
    stale = select(Client.id).where(Client.folded_name.is_(None)).limit(1)
    return conn.scalar(stale) is not None


def _name_contains(conn: Connection, needle: str) -> ColumnElement[bool]:
    """Clients whose folded given or family name contains ``needle`` (already folded)."""
    by_stored_name = func.instr(Client.folded_name, needle) > 0
    if not _has_stale_names(conn):
        return by_stored_name
    stale = and_(Client.folded_name.is_(None), Client.id.in_(_matching_clients(needle)))
    return or_(by_stored_name, stale)


def find_clients(casefile: CaseFile, text: str, limit: int = 50) -> list[ClientRow]:
    """Clients whose given or family name contains ``text`` (case- and accent-insensitive),
    sorted by family and given name; all clients (up to ``limit``) for blank text."""
    limit = _int("limit", limit, 1)
    needle = search_text(_text("text", text) or "")
    stmt = select(Client.id, Client.family_name, Client.given_name, Client.birth_date)
    # By the stored folded name: along ix_clients_folded_name_id (migration 0010).
    stmt = stmt.order_by(Client.folded_name, Client.id).limit(limit)
    with _reading(casefile) as conn:
        if needle:
            stmt = stmt.where(_name_contains(conn, needle))
        rows = conn.execute(stmt).all()
    return [ClientRow(r.id, display_name(r.family_name, r.given_name), r.birth_date) for r in rows]


def client_municipality(casefile: CaseFile, client_id: str) -> str | None:
    """The municipality of the client's most recently opened case (None without a case)."""
    stmt = (
        select(Case.municipality)
        .join(CaseMember, CaseMember.case_id == Case.id)
        .where(CaseMember.client_id == client_id)
        .order_by(Case.opened_on.desc(), Case.id)
        .limit(1)
    )
    with _reading(casefile) as conn:
        return conn.scalar(stmt)
