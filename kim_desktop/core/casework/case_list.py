"""The case list: a filter, its count and one sorted page of rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, func, or_, select
from sqlalchemy.orm import aliased

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.models import Case, CaseMember, Client
from kim_desktop.core.casefile.names import search_text
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework._base import (
    CLOSED,
    OPEN_PHASES,
    PRIMARY,
    _int,
    _matching_clients,
    _reading,
    _text,
    display_name,
)
from kim_desktop.core.errors import InvalidInput

CASE_SORT_KEYS = (
    "primary_name",
    "municipality",
    "track",
    "phase",
    "opened_on",
    "closed_on",
    "follow_up_on",
)
CASE_STATES = ("open", "closed")


# -- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseFilter:
    """What the case list shows. ``text`` matches any member's given or family name
    (case- and accent-insensitive substring); ``state`` is "open", "closed" or None (all)."""

    text: str = ""
    phase: str | None = None
    track: str | None = None
    municipality: str | None = None
    state: str | None = None


@dataclass(frozen=True)
class CaseRow:
    """One line of the case list; ``primary_name`` is the primary member's display name."""

    id: str
    primary_name: str
    member_count: int
    municipality: str
    track: str
    phase: str
    opened_on: dt.date
    closed_on: dt.date | None
    follow_up_on: dt.date | None


# -- case list -------------------------------------------------------------------------------


_PHASE_ORDER = case({p: i for i, p in enumerate((*OPEN_PHASES, CLOSED))}, value=Case.phase)


def _case_conditions(conn: Connection, case_filter: CaseFilter) -> list[ColumnElement[bool]]:
    catalogues = cat.base_catalogues()  # phases and tracks are not extensible
    if not isinstance(case_filter, CaseFilter):
        raise InvalidInput("case_filter", "must be a CaseFilter")
    conditions: list[ColumnElement[bool]] = []
    for name, catalogue, column in (
        ("phase", cat.PHASES, Case.phase),
        ("track", cat.TRACKS, Case.track),
    ):
        value = getattr(case_filter, name)
        if value is not None:
            if value not in catalogues[catalogue]:
                raise InvalidInput(name, f"must be a code of the catalogue '{catalogue}'")
            conditions.append(column == value)
    if case_filter.municipality is not None:
        conditions.append(Case.municipality == case_filter.municipality)
    if case_filter.state is not None:
        if case_filter.state not in CASE_STATES:
            raise InvalidInput("state", "must be 'open' or 'closed'")
        is_open = case_filter.state == "open"
        conditions.append(Case.closed_on.is_(None) if is_open else Case.closed_on.is_not(None))
    needle = search_text(_text("text", case_filter.text) or "")
    if needle:
        conditions.append(_names_contain(conn, needle))
    return conditions


def _names_contain(conn: Connection, needle: str) -> ColumnElement[bool]:
    """Cases with a member whose folded given or family name contains ``needle``: one pass
    over the cases' stored member names (casefile/names.py)."""
    by_stored_names = func.instr(Case.member_names, needle) > 0
    if conn.scalar(select(Case.id).where(Case.member_names.is_(None)).limit(1)) is None:
        return by_stored_names
    # Names a write has not refreshed (none, unless it bypassed the case file's write
    # transaction): clients first, then their cases through ix_case_members_client_id.
    clients = _matching_clients(needle)
    by_members = select(CaseMember.case_id).where(CaseMember.client_id.in_(clients))
    return or_(by_stored_names, and_(Case.member_names.is_(None), Case.id.in_(by_members)))


def _case_rows(
    conn: Connection,
    conditions: Sequence[ColumnElement[bool]],
    sort: str = "opened_on",
    descending: bool = True,
    offset: int = 0,
    limit: int | None = None,
) -> list[CaseRow]:
    """Case rows with their primary member's name; ``sort`` is one of CASE_SORT_KEYS."""

    def ordering(person: Any) -> list[Any]:
        keys: list[Any]
        if sort == "primary_name":
            keys = [func.kim_fold(person.family_name), func.kim_fold(person.given_name)]
        elif sort == "municipality":
            keys = [func.kim_fold(Case.municipality)]
        elif sort == "phase":
            keys = [_PHASE_ORDER]
        else:
            keys = [getattr(Case, sort)]
        # Missing dates last in either direction; the id makes the order total, so pages
        # never overlap or skip a case.
        return [(k.desc() if descending else k.asc()).nulls_last() for k in keys] + [Case.id]

    def with_primary(stmt: Any, person: Any) -> Any:
        primary = aliased(CaseMember)
        return stmt.outerjoin(
            primary, and_(primary.case_id == Case.id, primary.role == PRIMARY)
        ).outerjoin(person, person.id == primary.client_id)

    # First the page's case ids (filter, sort, cut: few columns), then the details of only
    # those; in one statement SQLite would join and count members for every matching case.
    page_person = aliased(Client)
    page = select(Case.id).select_from(Case)
    if sort == "primary_name":
        page = with_primary(page, page_person)
    page_ids = (
        page.where(*conditions).order_by(*ordering(page_person)).offset(offset).limit(limit)
    ).subquery()
    person = aliased(Client)
    members = select(func.count()).where(CaseMember.case_id == Case.id).scalar_subquery()
    stmt = select(
        Case.id,
        person.family_name,
        person.given_name,
        members.label("member_count"),
        Case.municipality,
        Case.track,
        Case.phase,
        Case.opened_on,
        Case.closed_on,
        Case.follow_up_on,
    ).select_from(page_ids.join(Case, Case.id == page_ids.c.id))
    stmt = with_primary(stmt, person).order_by(*ordering(person))
    return [
        CaseRow(
            id=r.id,
            primary_name=display_name(r.family_name, r.given_name),
            member_count=r.member_count,
            municipality=r.municipality,
            track=r.track,
            phase=r.phase,
            opened_on=r.opened_on,
            closed_on=r.closed_on,
            follow_up_on=r.follow_up_on,
        )
        for r in conn.execute(stmt)
    ]


def count_cases(casefile: CaseFile, case_filter: CaseFilter) -> int:
    """How many cases ``list_cases`` would list for this filter (for the pager)."""
    with _reading(casefile) as conn:
        conditions = _case_conditions(conn, case_filter)
        return conn.scalar(select(func.count()).select_from(Case).where(*conditions)) or 0


def list_cases(
    casefile: CaseFile,
    case_filter: CaseFilter,
    sort: str = "opened_on",
    descending: bool = True,
    offset: int = 0,
    limit: int = 200,
) -> list[CaseRow]:
    """One page of the case list, filtered like ``count_cases``. ``sort`` is one of
    ``CASE_SORT_KEYS`` (names and municipalities sort case- and accent-insensitively, phases
    in process order); missing dates sort last in either direction."""
    if sort not in CASE_SORT_KEYS:
        raise InvalidInput("sort", f"must be one of {', '.join(CASE_SORT_KEYS)}")
    offset = _int("offset", offset, 0)
    limit = _int("limit", limit, 1)
    with _reading(casefile) as conn:
        conditions = _case_conditions(conn, case_filter)
        return _case_rows(conn, conditions, sort, bool(descending), offset, limit)
