"""The start page (``overview``): follow-ups, this week's appointments, open cases by
phase, clients without consent and draft gaps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import exists, func, or_, select

from kim_desktop.core.casefile.models import Appointment, Case, CaseMember, Client, Consent
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework._base import (
    CASE_DOCUMENTATION,
    DRAFT,
    OPEN_PHASES,
    _reading,
    _required_date,
    display_name,
)
from kim_desktop.core.casework.appointments import AppointmentRow, _appointment_rows
from kim_desktop.core.casework.case_list import CaseRow, _case_rows
from kim_desktop.core.casework.clients import ClientRow
from kim_desktop.core.casework.gaps import GapData, _gaps

# -- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Overview:
    """The start page. Follow-ups and clients without consent concern open cases only."""

    follow_ups_due: tuple[CaseRow, ...]
    follow_ups_overdue: tuple[CaseRow, ...]
    appointments_this_week: tuple[AppointmentRow, ...]
    open_cases_by_phase: dict[str, int]
    clients_without_consent: tuple[ClientRow, ...]
    draft_gaps: tuple[GapData, ...]


# -- overview --------------------------------------------------------------------------------


def overview(casefile: CaseFile, today: dt.date) -> Overview:
    """The start page for ``today``: follow-ups due within a week (today..today+7) and
    overdue ones (before today) of open cases, this week's appointments (Monday..Sunday),
    open cases by phase (both tracks), clients in open cases without a valid consent to case
    documentation (given on or before today and not withdrawn by then), draft gaps."""
    day = _required_date("today", today)
    monday = day - dt.timedelta(days=day.weekday())
    is_open = Case.closed_on.is_(None)
    has_consent = exists().where(
        Consent.client_id == Client.id,
        Consent.kind == CASE_DOCUMENTATION,
        Consent.given_on <= day,
        or_(Consent.withdrawn_on.is_(None), Consent.withdrawn_on > day),
    )
    without_consent = (
        select(Client.id, Client.family_name, Client.given_name, Client.birth_date)
        .where(
            Client.id.in_(
                select(CaseMember.client_id)
                .join(Case, Case.id == CaseMember.case_id)
                .where(is_open)
            ),
            ~has_consent,
        )
        .order_by(func.kim_fold(Client.family_name), func.kim_fold(Client.given_name), Client.id)
    )
    with _reading(casefile) as conn:
        due = _case_rows(
            conn,
            [is_open, Case.follow_up_on.between(day, day + dt.timedelta(days=7))],
            "follow_up_on",
            descending=False,
        )
        overdue = _case_rows(
            conn, [is_open, Case.follow_up_on < day], "follow_up_on", descending=False
        )
        week = _appointment_rows(
            conn, [Appointment.date.between(monday, monday + dt.timedelta(days=6))]
        )
        by_phase = dict.fromkeys(OPEN_PHASES, 0)
        for phase, count in conn.execute(
            select(Case.phase, func.count()).where(is_open).group_by(Case.phase)
        ):
            by_phase[phase] = by_phase.get(phase, 0) + count
        clients = tuple(
            ClientRow(r.id, display_name(r.family_name, r.given_name), r.birth_date)
            for r in conn.execute(without_consent)
        )
        drafts = tuple(_gaps(conn, DRAFT))
    return Overview(
        follow_ups_due=tuple(due),
        follow_ups_overdue=tuple(overdue),
        appointments_this_week=tuple(week),
        open_cases_by_phase=by_phase,
        clients_without_consent=clients,
        draft_gaps=drafts,
    )
