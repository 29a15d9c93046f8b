"""Appointments (Termine): counselling in a case and other work, with their themes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, literal_column, select
from sqlalchemy.orm import aliased

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.models import Appointment, AppointmentTheme, Case, CaseMember, Client
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework._base import (
    OTHER_WORK,
    PRIMARY,
    _int,
    _new_id,
    _not_before,
    _reading,
    _required_date,
    _sequence,
    _text,
    _Work,
    _writing,
    display_name,
)
from kim_desktop.core.casework.restriction import _refuse_read_only_case
from kim_desktop.core.errors import InvalidInput

# -- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AppointmentData:
    """An appointment (Termin). ``id`` is None for a new one; counselling kinds have a
    ``case_id``, other work has none. ``municipality`` None takes the case's."""

    id: str | None
    case_id: str | None
    date: dt.date
    minutes: int
    kind: str
    other_work_type: str | None = None
    channel: str | None = None
    participants: int | None = None
    themes: tuple[str, ...] = ()
    interpreter: str | None = None
    municipality: str | None = None
    notes: str | None = None
    start_time: dt.time | None = None
    # ISO 639 code of the interpreted language; only with an interpreter.
    interpreter_language: str | None = None


@dataclass(frozen=True)
class AppointmentRow(AppointmentData):
    """An appointment of a list, with its case's primary client (None for other work)."""

    primary_name: str | None = None


# -- appointments ----------------------------------------------------------------------------


def _appointment_values(work: _Work, data: AppointmentData) -> dict[str, Any]:
    """The columns of an appointment, checked against DESIGN.md section 5."""
    if not isinstance(data, AppointmentData):
        raise InvalidInput("data", "must be an AppointmentData")
    kind = work.code("kind", cat.APPOINTMENT_KINDS, data.kind)
    the_case: Case | None = None
    if kind == OTHER_WORK:
        if data.case_id is not None:
            raise InvalidInput("case_id", "other work belongs to no case")
        other_work_type = work.code(
            "other_work_type", cat.OTHER_WORK_TYPES, data.other_work_type, required=False
        )
    else:
        if data.case_id is None:
            raise InvalidInput("case_id", "required for counselling appointments")
        the_case = work.get(Case, data.case_id, "case_id")
        _refuse_read_only_case(work, data.case_id)
        if data.other_work_type is not None:
            raise InvalidInput("other_work_type", "only for kind 'other_work'")
        other_work_type = None
    themes: list[str] = []
    for theme in _sequence("themes", data.themes):
        code = work.code("themes", cat.THEMES, theme)
        if code in themes:
            raise InvalidInput("themes", "names a theme twice")
        themes.append(code or "")
    if not themes:
        raise InvalidInput("themes", "at least one theme is required")
    if data.municipality is not None:
        municipality: str | None = work.municipality("municipality", data.municipality)
    else:
        # Counselling happens where the case is unless said otherwise; other work may have
        # no place (e.g. a district-wide working group).
        municipality = the_case.municipality if the_case is not None else None
    participants = data.participants
    if participants is not None:
        participants = _int("participants", participants, 0)
    interpreter = work.code("interpreter", cat.INTERPRETER, data.interpreter, required=False)
    return {
        "case_id": data.case_id,
        "date": _appointment_date(data.date),
        "minutes": _int("minutes", data.minutes, 1, 1440),
        "kind": kind,
        "other_work_type": other_work_type,
        "channel": work.code("channel", cat.CHANNELS, data.channel, required=False),
        "participants": participants,
        "interpreter": interpreter,
        "municipality": municipality,
        "notes": _text("notes", data.notes),
        "themes": themes,
        "start_time": _start_time(data.start_time),
        "interpreter_language": _interpreter_language(data.interpreter_language, interpreter),
    }


# An appointment further ahead than this is a typing mistake (a wrong year), not a plan.
DAYS_AHEAD_AT_MOST = 730


def _appointment_date(value: object) -> dt.date:
    day = _required_date("date", value)
    if day > dt.date.today() + dt.timedelta(days=DAYS_AHEAD_AT_MOST):
        raise InvalidInput("date", "lies more than two years ahead")
    return day


def _start_time(value: object) -> str | None:
    """Stored as "HH:MM", the interchange form; minutes are the finest unit."""
    if value is None:
        return None
    if not isinstance(value, dt.time) or value.second or value.microsecond or value.tzinfo:
        raise InvalidInput("start_time", "must be a time of day in whole minutes")
    return f"{value:%H:%M}"


def _interpreter_language(value: object, interpreter: str | None) -> str | None:
    if value is None:
        return None
    if not cat.is_language_code(value):
        raise InvalidInput(
            "interpreter_language",
            "must be an ISO 639-1 code (or ISO 639-3 for a language without one)",
        )
    if interpreter == "none":
        raise InvalidInput("interpreter_language", "only when an interpreter took part")
    assert isinstance(value, str)
    return value


def _set_themes(work: _Work, appointment: Appointment, themes: list[str]) -> None:
    """Make the appointment's theme rows ``themes``, in order, touching only rows that change.

    Rows are added and deleted through the session, not the collection, so the audit names
    exactly the theme rows that changed (delete-orphan at flush time would escape it)."""
    existing = {row.theme: row for row in appointment.themes}
    for theme, row in existing.items():
        if theme not in themes:
            work.session.delete(row)
    for position, theme in enumerate(themes):
        kept = existing.get(theme)
        if kept is None:
            work.session.add(
                AppointmentTheme(appointment_id=appointment.id, theme=theme, position=position)
            )
        else:
            kept.position = position


def add_appointment(casefile: CaseFile, data: AppointmentData) -> str:
    """Record an appointment; returns its id. Rules (DESIGN.md section 5): counselling kinds
    belong to a case, other work to none; an other-work type only for other work; 1..n
    themes from the catalogue, none twice; 1..1440 minutes; the municipality defaults to the
    case's (other work may have none)."""
    with _writing(casefile) as work:
        values = _appointment_values(work, data)
        if data.id is not None:
            raise InvalidInput("id", "must be empty for a new appointment")
        themes = values.pop("themes")
        appointment = Appointment(id=_new_id(), **values)
        _set_themes(work, appointment, themes)
        work.session.add(appointment)
        return appointment.id


def update_appointment(casefile: CaseFile, data: AppointmentData) -> None:
    """Replace an appointment's fields (``data.id`` names it), with the rules of
    ``add_appointment``."""
    with _writing(casefile) as work:
        values = _appointment_values(work, data)
        appointment = work.get(Appointment, data.id, "id")
        _refuse_read_only_case(work, appointment.case_id)  # the case it leaves, too
        _set_themes(work, appointment, values.pop("themes"))
        for key, value in values.items():
            setattr(appointment, key, value)


def delete_appointment(casefile: CaseFile, appointment_id: str) -> None:
    """Delete an appointment (and its themes)."""
    with _writing(casefile) as work:
        appointment = work.get(Appointment, appointment_id, "appointment_id")
        _refuse_read_only_case(work, appointment.case_id)
        work.session.delete(appointment)


def _themes_of(conn: Connection, appointment_ids: Any) -> dict[str, tuple[str, ...]]:
    rows = conn.execute(
        select(AppointmentTheme.appointment_id, AppointmentTheme.theme)
        .where(AppointmentTheme.appointment_id.in_(appointment_ids))
        .order_by(AppointmentTheme.appointment_id, AppointmentTheme.position)
    )
    themes: dict[str, list[str]] = {}
    for appointment_id, theme in rows:
        themes.setdefault(appointment_id, []).append(theme)
    return {key: tuple(value) for key, value in themes.items()}


def _appointment_fields(row: Any, themes: Mapping[str, tuple[str, ...]]) -> dict[str, Any]:
    return {
        "id": row.id,
        "case_id": row.case_id,
        "date": row.date,
        "minutes": row.minutes,
        "kind": row.kind,
        "other_work_type": row.other_work_type,
        "channel": row.channel,
        "participants": row.participants,
        "themes": themes.get(row.id, ()),
        "interpreter": row.interpreter,
        "municipality": row.municipality,
        "notes": row.notes,
        "start_time": dt.time.fromisoformat(row.start_time) if row.start_time else None,
        "interpreter_language": row.interpreter_language,
    }


def _appointment_rows(
    conn: Connection, conditions: Sequence[ColumnElement[bool]]
) -> list[AppointmentRow]:
    primary = aliased(CaseMember)
    person = aliased(Client)
    stmt = (
        select(Appointment.__table__, person.family_name, person.given_name)
        .outerjoin(primary, and_(primary.case_id == Appointment.case_id, primary.role == PRIMARY))
        .outerjoin(person, person.id == primary.client_id)
        .where(*conditions)
        .order_by(Appointment.date, Appointment.start_time, literal_column("appointments.rowid"))
    )
    rows = conn.execute(stmt).all()
    themes = _themes_of(conn, select(Appointment.id).where(*conditions))
    return [
        AppointmentRow(
            **_appointment_fields(r, themes),
            primary_name=display_name(r.family_name, r.given_name) if r.case_id else None,
        )
        for r in rows
    ]


def list_appointments(
    casefile: CaseFile, start: dt.date, end: dt.date, case_id: str | None = None
) -> list[AppointmentRow]:
    """Appointments dated ``start``..``end`` (inclusive), optionally of one case, in date
    order (then by start time, then as entered), each with its case's primary client's name."""
    first = _required_date("start", start)
    last = _required_date("end", end)
    _not_before("end", last, first, "start")
    conditions: list[ColumnElement[bool]] = [Appointment.date.between(first, last)]
    if case_id is not None:
        conditions.append(Appointment.case_id == case_id)
    with _reading(casefile) as conn:
        return _appointment_rows(conn, conditions)
