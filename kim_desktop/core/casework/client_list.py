"""The client register's list: a filter, its count and one sorted page of rows; a client's
cases; and the likely duplicates of a client about to be saved.

Names are searched and sorted by ``clients.folded_name`` ("family<US>given", folded;
migration 0010), one pass over its index instead of folding every name in Python."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, func, or_, select

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.models import Appointment, Case, CaseMember, Client
from kim_desktop.core.casefile.names import client_name_key, search_text
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework._base import (
    _int,
    _reading,
    _text,
    display_name,
    fold,
)
from kim_desktop.core.casework.case_list import CaseRow, _case_rows
from kim_desktop.core.casework.clients import ClientData, _has_stale_names, _name_contains
from kim_desktop.core.errors import InvalidInput

CLIENT_SORT_KEYS = ("name", "birth_date", "nationality", "open_cases", "cases")
# ClientFilter.cases: clients without any case, or with at least one open case.
CLIENT_CASE_STATES = ("without_case", "with_open_case")
# At most this many likely duplicates are named (the dialog shows them in a list).
DUPLICATE_LIMIT = 20


# -- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClientFilter:
    """What the client register shows. ``text`` matches the given or family name (case- and
    accent-insensitive substring); ``cases`` is one of CLIENT_CASE_STATES or None (all)."""

    text: str = ""
    cases: str | None = None


@dataclass(frozen=True)
class ClientListRow:
    """One line of the client register; ``display_name`` is "Family, Given"."""

    id: str
    display_name: str
    birth_date: dt.date | None
    nationality: str | None
    open_cases: int
    cases: int
    last_appointment: dt.date | None
    # Since when the client's processing is restricted (Art. 18 GDPR); None: not restricted.
    restricted_on: dt.date | None = None


# -- filter ----------------------------------------------------------------------------------


def _clients_with_open_case() -> Any:
    # From the open cases (ix_cases_closed_on) to their members: one pass, not one
    # look-up per client.
    return (
        select(CaseMember.client_id)
        .join(Case, Case.id == CaseMember.case_id)
        .where(Case.closed_on.is_(None))
    )


def _client_conditions(conn: Connection, client_filter: ClientFilter) -> list[ColumnElement[bool]]:
    if not isinstance(client_filter, ClientFilter):
        raise InvalidInput("client_filter", "must be a ClientFilter")
    conditions: list[ColumnElement[bool]] = []
    if client_filter.cases is not None:
        if client_filter.cases not in CLIENT_CASE_STATES:
            raise InvalidInput("cases", f"must be one of {', '.join(CLIENT_CASE_STATES)}")
        if client_filter.cases == "without_case":
            # EXCEPT merges two index scans once (NOT IN / NOT EXISTS probe the members'
            # index per client: 0.1 s for 100,000 clients instead of 0.01 s).
            without = select(Client.id).except_(select(CaseMember.client_id))
            conditions.append(Client.id.in_(without))
        else:
            conditions.append(Client.id.in_(_clients_with_open_case()))
    needle = search_text(_text("text", client_filter.text) or "")
    if needle:
        conditions.append(_name_contains(conn, needle))
    return conditions


# -- rows ------------------------------------------------------------------------------------


def _case_count(open_only: bool) -> Any:
    """The client's number of (open) cases, for the rows of one page."""
    stmt = select(func.count()).select_from(CaseMember).where(CaseMember.client_id == Client.id)
    if open_only:
        stmt = stmt.join(Case, Case.id == CaseMember.case_id).where(Case.closed_on.is_(None))
    return stmt.scalar_subquery()


def _case_counts(open_only: bool) -> Any:
    """Every client's number of (open) cases in one pass, for sorting by it (a count per
    client would look up the members' index once per client)."""
    stmt = select(CaseMember.client_id, func.count().label("n"))
    if open_only:
        stmt = stmt.join(Case, Case.id == CaseMember.case_id).where(Case.closed_on.is_(None))
    return stmt.group_by(CaseMember.client_id).subquery()


def _last_appointment() -> Any:
    """The date of the last appointment in any of the client's cases (one page's rows:
    for every client of a large file this takes seconds)."""
    return (
        select(func.max(Appointment.date))
        .join(CaseMember, CaseMember.case_id == Appointment.case_id)
        .where(CaseMember.client_id == Client.id)
        .scalar_subquery()
    )


def _nationality_order(conn: Connection, language: str) -> Any:
    """Nationalities as a reader expects them, by the label in ``language`` (folded);
    stateless, unresolved and unknown first, as in the client dialog. SQLite compares a
    CASE's codes one by one, so it names only the codes in the file, the most frequent
    first (over all 250 codes it took 0.15 s for 100,000 clients, over these 0.03 s)."""
    special = [code for code in cat.NATIONALITY_SPECIAL if code in cat.nationality_codes()]
    states = sorted(
        cat.nationality_codes() - set(special),
        key=lambda code: fold(cat.nationality_label(code, language)),
    )
    rank = {code: place for place, code in enumerate((*special, *states))}
    present = conn.scalars(
        select(Client.nationality)
        .where(Client.nationality.is_not(None))
        .group_by(Client.nationality)
        .order_by(func.count().desc())
    )
    whens = {code: rank.get(code, len(rank)) for code in present if code is not None}
    return case(whens, value=Client.nationality) if whens else Client.nationality


def _page_ids(
    conn: Connection,
    conditions: Sequence[ColumnElement[bool]],
    sort: str,
    descending: bool,
    offset: int,
    limit: int | None,
    language: str,
) -> Any:
    """The ids of one page: filtered, sorted, cut."""
    stmt = select(Client.id).where(*conditions)
    if sort == "name":
        # Along ix_clients_folded_name_id, either way (NULLS LAST would make SQLite sort).
        columns: tuple[Any, ...] = (Client.folded_name, Client.id)
        order: list[Any] = [c.desc() if descending else c.asc() for c in columns]
    else:
        key: Any
        if sort == "birth_date":
            key = Client.birth_date
        elif sort == "nationality":
            key = _nationality_order(conn, language)
        else:
            counts = _case_counts(open_only=sort == "open_cases")
            stmt = stmt.outerjoin(counts, counts.c.client_id == Client.id)
            key = func.coalesce(counts.c.n, 0)
        # Missing values last in either direction; then by name and id, so the order is
        # total and pages never overlap or skip a client.
        key = key.desc() if descending else key.asc()
        order = [key.nulls_last(), Client.folded_name.asc(), Client.id.asc()]
    return stmt.order_by(*order).offset(offset).limit(limit)


def _client_rows(
    conn: Connection,
    conditions: Sequence[ColumnElement[bool]],
    sort: str = "name",
    descending: bool = False,
    offset: int = 0,
    limit: int | None = None,
    language: str = "de",
) -> list[ClientListRow]:
    # First the page's ids (by name an index walk that stops after the page), then the
    # details and counts of only those clients, in the page's order.
    page = _page_ids(conn, conditions, sort, descending, offset, limit, language)
    order = {client_id: place for place, client_id in enumerate(conn.scalars(page))}
    if not order:
        return []
    stmt = select(
        Client.id,
        Client.family_name,
        Client.given_name,
        Client.birth_date,
        Client.nationality,
        Client.restricted_on,
        _case_count(open_only=True).label("open_cases"),
        _case_count(open_only=False).label("cases"),
        _last_appointment().label("last_appointment"),
    ).where(Client.id.in_(list(order)))
    rows = sorted(conn.execute(stmt), key=lambda r: order[r.id])
    return [
        ClientListRow(
            id=r.id,
            display_name=display_name(r.family_name, r.given_name),
            birth_date=r.birth_date,
            nationality=r.nationality,
            open_cases=r.open_cases,
            cases=r.cases,
            last_appointment=r.last_appointment,
            restricted_on=r.restricted_on,
        )
        for r in rows
    ]


# -- the register ----------------------------------------------------------------------------


def count_clients(casefile: CaseFile, client_filter: ClientFilter) -> int:
    """How many clients ``list_clients`` would list for this filter (for the pager)."""
    with _reading(casefile) as conn:
        conditions = _client_conditions(conn, client_filter)
        return conn.scalar(select(func.count()).select_from(Client).where(*conditions)) or 0


def list_clients(
    casefile: CaseFile,
    client_filter: ClientFilter,
    sort: str = "name",
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
    language: str = "de",
) -> list[ClientListRow]:
    """One page of the client register, filtered like ``count_clients``. ``sort`` is one of
    ``CLIENT_SORT_KEYS``: names sort case- and accent-insensitively by family, then given
    name; nationalities by their name in ``language``; missing values last either way.
    Sorting by name is an index walk; the other keys sort every matching client (about
    0.03 to 0.05 s for 100,000 clients by birth date or nationality, 0.1 s by case counts)."""
    if sort not in CLIENT_SORT_KEYS:
        raise InvalidInput("sort", f"must be one of {', '.join(CLIENT_SORT_KEYS)}")
    offset = _int("offset", offset, 0)
    limit = _int("limit", limit, 1)
    with _reading(casefile) as conn:
        conditions = _client_conditions(conn, client_filter)
        return _client_rows(conn, conditions, sort, bool(descending), offset, limit, language)


def get_client_row(casefile: CaseFile, client_id: str) -> ClientListRow | None:
    """One client's register line (None if there is no such client)."""
    with _reading(casefile) as conn:
        rows = _client_rows(conn, [Client.id == client_id])
    return rows[0] if rows else None


def client_cases(casefile: CaseFile, client_id: str) -> list[CaseRow]:
    """The cases the client is a member of, newest opened first, as case-list rows."""
    their_cases = select(CaseMember.case_id).where(CaseMember.client_id == client_id)
    with _reading(casefile) as conn:
        return _case_rows(conn, [Case.id.in_(their_cases)], sort="opened_on", descending=True)


def likely_duplicates(casefile: CaseFile, data: ClientData) -> list[ClientListRow]:
    """Clients who may be the one ``data`` describes (a client about to be created, or
    ``data.id`` about to be changed, which is never its own duplicate): the same family and
    given name, folded (so "Öztürk" is "Ozturk"), and the same birth date — or a birth date
    unknown on either side, since that cannot tell two people apart. Those with the same
    birth date come first; at most DUPLICATE_LIMIT; none when the family name is blank."""
    if not isinstance(data, ClientData):
        raise InvalidInput("data", "must be a ClientData")
    if not (data.family_name or "").strip():
        return []
    key = client_name_key(data.given_name, data.family_name)
    birth = data.birth_date
    with _reading(casefile) as conn:
        same_name: ColumnElement[bool] = Client.folded_name == key
        if _has_stale_names(conn):
            stale = and_(
                Client.folded_name.is_(None),
                func.kim_fold(Client.family_name) == fold((data.family_name or "").strip()),
                func.coalesce(func.kim_fold(Client.given_name), "")
                == fold((data.given_name or "").strip()),
            )
            same_name = or_(same_name, stale)
        conditions = [same_name]
        if data.id is not None:
            conditions.append(Client.id != data.id)
        if birth is not None:
            conditions.append(or_(Client.birth_date == birth, Client.birth_date.is_(None)))
        rows = _client_rows(conn, conditions, sort="name", limit=500)
    rows.sort(key=lambda row: row.birth_date != birth)  # stable: same birth date first
    return rows[:DUPLICATE_LIMIT]
