"""Structural gaps (Strukturlücken): drafts, and gaps reported to the coordination."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, literal_column, select

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.models import StructuralGap
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework._base import (
    DRAFT,
    REPORTED,
    _date,
    _new_id,
    _reading,
    _required_date,
    _required_text,
    _text,
    _writing,
)
from kim_desktop.core.errors import InvalidInput

# -- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GapData:
    """A structural gap (Strukturlücke). ``id`` None for a new one; a draft has no
    ``reported_on``, a reported gap has one."""

    id: str | None
    municipality: str
    theme: str
    title: str
    description: str | None = None
    status: str = DRAFT
    reported_on: dt.date | None = None


# -- structural gaps -------------------------------------------------------------------------


def _gap_data(row: Any) -> GapData:
    return GapData(
        id=row.id,
        municipality=row.municipality,
        theme=row.theme,
        title=row.title,
        description=row.description,
        status=row.status,
        reported_on=row.reported_on,
    )


def _gaps(conn: Connection, status: str | None) -> list[GapData]:
    stmt = select(StructuralGap.__table__).order_by(literal_column("structural_gaps.rowid"))
    if status is not None:
        stmt = stmt.where(StructuralGap.status == status)
    return [_gap_data(r) for r in conn.execute(stmt)]


def list_gaps(casefile: CaseFile, status: str | None = None) -> list[GapData]:
    """Structural gaps in the order they were written; ``status`` "draft"/"reported"/None."""
    if status is not None and status not in cat.base_catalogues()[cat.GAP_STATUS]:
        raise InvalidInput("status", "must be 'draft' or 'reported'")
    with _reading(casefile) as conn:
        return _gaps(conn, status)


def save_gap(casefile: CaseFile, data: GapData) -> str:
    """Create (``data.id`` None) or update a structural gap; returns its id. A reported gap
    can still be edited. A draft has no report date; a reported gap needs one."""
    with _writing(casefile) as work:
        if not isinstance(data, GapData):
            raise InvalidInput("data", "must be a GapData")
        status = work.code("status", cat.GAP_STATUS, data.status) or DRAFT
        reported_on = _date("reported_on", data.reported_on)
        if status == DRAFT and reported_on is not None:
            raise InvalidInput("reported_on", "a draft has no report date")
        if status == REPORTED and reported_on is None:
            raise InvalidInput("reported_on", "required for a reported gap")
        values = {
            "municipality": work.municipality("municipality", data.municipality),
            "theme": work.code("theme", cat.THEMES, data.theme),
            "title": _required_text("title", data.title),
            "description": _text("description", data.description),
            "status": status,
            "reported_on": reported_on,
        }
        if data.id is None:
            gap = StructuralGap(id=_new_id(), **values)
            work.session.add(gap)
        else:
            gap = work.get(StructuralGap, data.id, "id")
            for key, value in values.items():
                setattr(gap, key, value)
        return gap.id


def mark_gap_reported(casefile: CaseFile, gap_id: str, reported_on: dt.date) -> None:
    """Mark a gap as reported to the coordination on a date (it then counts in
    ``structural_gaps.reported`` and may leave the laptop in a sync bundle)."""
    with _writing(casefile) as work:
        gap = work.get(StructuralGap, gap_id, "gap_id")
        gap.reported_on = _required_date("reported_on", reported_on)
        gap.status = REPORTED


def delete_gap(casefile: CaseFile, gap_id: str) -> None:
    """Delete a structural gap."""
    with _writing(casefile) as work:
        work.session.delete(work.get(StructuralGap, gap_id, "gap_id"))
