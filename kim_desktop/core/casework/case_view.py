"""One case as the case window shows it: every record of it and the merged timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, literal_column, select

from kim_desktop.core.casefile.models import (
    Appointment,
    Assessment,
    AssessmentRating,
    Case,
    CaseMember,
    CasePhaseChange,
    Client,
    Consent,
    Goal,
    MergeConflict,
    Referral,
)
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework._base import CLOSED, _reading
from kim_desktop.core.casework.appointments import AppointmentData, _appointment_fields, _themes_of
from kim_desktop.core.casework.cases import PhaseChangeRow
from kim_desktop.core.casework.clients import ClientData, _client_data
from kim_desktop.core.casework.consents import ConsentRow, _consent_row
from kim_desktop.core.casework.plans import AssessmentData, GoalData, ReferralData
from kim_desktop.core.casework.restriction import Cover, HandedOver, Restriction, cover_of
from kim_desktop.core.casework.steps import steps_by_goal
from kim_desktop.core.errors import UnknownRecord

# Timeline kinds in the order they are shown on the same day (a case opens before anything
# else happens in it and closes after the last appointment of that day).
TIMELINE_KINDS = (
    "case_opened",
    "consent_given",
    "phase_changed",
    "appointment",
    "assessment",
    "goal_agreed",
    "referral",
    "goal_closed",
    "consent_withdrawn",
    "case_closed",
    "case_reopened",
)
_TIMELINE_RANK = {kind: rank for rank, kind in enumerate(TIMELINE_KINDS)}


# -- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberDetail:
    client: ClientData
    role: str
    consents: tuple[ConsentRow, ...]
    # Set while the member's processing is restricted (Art. 18 GDPR).
    restriction: Restriction | None = None


@dataclass(frozen=True)
class TimelineEntry:
    """One event of a case. ``kind`` is one of ``TIMELINE_KINDS``; ``record_id`` names the
    record it comes from (the case itself for opened/closed of cases without phase history);
    ``summary_code`` is a catalogue code that describes it (track, phase, appointment kind,
    goal life area or status, referral target, consent kind, closure reason) or ""."""

    on: dt.date
    kind: str
    record_id: str
    summary_code: str


@dataclass(frozen=True)
class CaseDetail:
    """Everything the case window shows, read in one transaction. Assessments, goals,
    appointments, referrals and phase changes are in date order; so is ``timeline``."""

    id: str
    municipality: str
    track: str
    phase: str
    opened_on: dt.date
    closed_on: dt.date | None
    closure_reason: str | None
    follow_up_on: dt.date | None
    notes: str | None
    members: tuple[MemberDetail, ...]
    assessments: tuple[AssessmentData, ...]
    goals: tuple[GoalData, ...]
    appointments: tuple[AppointmentData, ...]
    referrals: tuple[ReferralData, ...]
    phase_changes: tuple[PhaseChangeRow, ...]
    timeline: tuple[TimelineEntry, ...]
    # Who sent the client: a referral-target code or ``self_referral``.
    referred_by: str | None = None
    # To whom and when the case was handed over (then it is read-only here).
    handed_over: HandedOver | None = None
    # Given in cover (owner) or a colleague's cover copy (substitute), core/sync/cover.py;
    # and how many records a cover's return kept side by side, undecided.
    cover: Cover | None = None
    undecided: int = 0

    @property
    def read_only(self) -> bool:
        """Every member restricted (Art. 18 GDPR), the case handed over to a colleague, or a
        cover copy returned or past its day: nothing of the case changes."""
        if self.handed_over is not None or (self.cover is not None and self.cover.ended()):
            return True
        return bool(self.members) and all(m.restriction for m in self.members)


# -- one case --------------------------------------------------------------------------------


def _phase_events(case_row: Any, changes: Sequence[PhaseChangeRow]) -> list[TimelineEntry]:
    """Opened/closed/reopened/phase entries from the history; cases without history (imported
    from JSON) get their opening and closing from the case's own dates."""
    entries: list[TimelineEntry] = []
    for change in changes:
        if change.from_phase is None:
            kind, code = "case_opened", case_row.track
        elif change.to_phase == CLOSED:
            kind, code = "case_closed", change.closure_reason or ""
        elif change.from_phase == CLOSED:
            kind, code = "case_reopened", change.to_phase
        else:
            kind, code = "phase_changed", change.to_phase
        entries.append(TimelineEntry(change.changed_on, kind, str(change.id), code))
    if not any(e.kind == "case_opened" for e in entries):
        entries.append(
            TimelineEntry(case_row.opened_on, "case_opened", case_row.id, case_row.track)
        )
    closed_on = case_row.closed_on
    if closed_on is not None and not any(
        e.kind == "case_closed" and e.on == closed_on for e in entries
    ):
        entries.append(
            TimelineEntry(closed_on, "case_closed", case_row.id, case_row.closure_reason or "")
        )
    return entries


def get_case(casefile: CaseFile, case_id: str) -> CaseDetail:
    """Everything about one case, read in one transaction: fields, members with their
    consents, assessments, goals, appointments, referrals, phase history and the merged
    timeline (all in date order)."""
    with _reading(casefile) as conn:
        case_row = conn.execute(select(Case.__table__).where(Case.id == case_id)).one_or_none()
        if case_row is None:
            raise UnknownRecord("case_id", "no such record in 'cases'")
        undecided = int(
            conn.scalar(
                select(func.count())
                .select_from(MergeConflict)
                .where(MergeConflict.case_id == case_id)
            )
            or 0
        )
        member_rows = conn.execute(
            select(Client.__table__, CaseMember.role)
            .join(CaseMember, CaseMember.client_id == Client.id)
            .where(CaseMember.case_id == case_id)
            .order_by(CaseMember.position, CaseMember.client_id)
        ).all()
        consent_rows = conn.execute(
            select(Consent.__table__)
            .where(Consent.client_id.in_([r.id for r in member_rows]))
            .order_by(Consent.given_on, literal_column("consents.rowid"))
        ).all()
        assessment_rows = conn.execute(
            select(Assessment.__table__)
            .where(Assessment.case_id == case_id)
            .order_by(Assessment.assessed_on, literal_column("assessments.rowid"))
        ).all()
        rating_rows = conn.execute(
            select(
                AssessmentRating.assessment_id, AssessmentRating.life_area, AssessmentRating.rating
            )
            .join(Assessment, Assessment.id == AssessmentRating.assessment_id)
            .where(Assessment.case_id == case_id)
            .order_by(AssessmentRating.assessment_id, AssessmentRating.position)
        ).all()
        goal_rows = conn.execute(
            select(Goal.__table__)
            .where(Goal.case_id == case_id)
            .order_by(Goal.agreed_on, literal_column("goals.rowid"))
        ).all()
        steps = steps_by_goal(conn, [r.id for r in goal_rows])
        in_case = [Appointment.case_id == case_id]
        appointment_rows = conn.execute(
            select(Appointment.__table__)
            .where(*in_case)
            .order_by(
                Appointment.date, Appointment.start_time, literal_column("appointments.rowid")
            )
        ).all()
        themes = _themes_of(conn, select(Appointment.id).where(*in_case))
        referral_rows = conn.execute(
            select(Referral.__table__)
            .where(Referral.case_id == case_id)
            .order_by(Referral.date, literal_column("referrals.rowid"))
        ).all()
        change_rows = conn.execute(
            select(CasePhaseChange.__table__)
            .where(CasePhaseChange.case_id == case_id)
            .order_by(CasePhaseChange.changed_on, CasePhaseChange.id)
        ).all()

    consents_by_client: dict[str, list[ConsentRow]] = {}
    for row in consent_rows:
        consents_by_client.setdefault(row.client_id, []).append(_consent_row(row))
    members = tuple(
        MemberDetail(
            _client_data(r),
            r.role,
            tuple(consents_by_client.get(r.id, ())),
            Restriction(r.id, r.restricted_on, r.restriction_reason) if r.restricted_on else None,
        )
        for r in member_rows
    )
    ratings: dict[str, dict[str, int]] = {}
    for assessment_id, area, rating in rating_rows:
        ratings.setdefault(assessment_id, {})[area] = rating
    assessments = tuple(
        AssessmentData(r.id, r.assessed_on, r.client_id, ratings.get(r.id, {}), r.notes)
        for r in assessment_rows
    )
    goals = tuple(
        GoalData(
            r.id,
            r.life_area,
            r.title,
            r.agreed_on,
            r.due_on,
            r.closed_on,
            r.status,
            steps.get(r.id, ()),
        )
        for r in goal_rows
    )
    appointments = tuple(
        AppointmentData(**_appointment_fields(r, themes)) for r in appointment_rows
    )
    referrals = tuple(
        ReferralData(r.id, r.date, r.target, r.organisation, r.theme, r.outcome)
        for r in referral_rows
    )
    changes = tuple(
        PhaseChangeRow(r.id, r.changed_on, r.from_phase, r.to_phase, r.closure_reason)
        for r in change_rows
    )

    timeline = _phase_events(case_row, changes)
    timeline += [
        TimelineEntry(c.given_on, "consent_given", c.id, c.kind)
        for member in members
        for c in member.consents
    ]
    timeline += [
        TimelineEntry(c.withdrawn_on, "consent_withdrawn", c.id, c.kind)
        for member in members
        for c in member.consents
        if c.withdrawn_on is not None
    ]
    timeline += [TimelineEntry(a.date, "appointment", a.id or "", a.kind) for a in appointments]
    timeline += [TimelineEntry(a.assessed_on, "assessment", a.id, "") for a in assessments]
    timeline += [TimelineEntry(g.agreed_on, "goal_agreed", g.id, g.life_area or "") for g in goals]
    timeline += [
        TimelineEntry(g.closed_on, "goal_closed", g.id, g.status)
        for g in goals
        if g.closed_on is not None
    ]
    timeline += [TimelineEntry(r.date, "referral", r.id, r.target) for r in referrals]
    # Stable sort: within a day and kind, entries keep their record order.
    timeline.sort(key=lambda e: (e.on, _TIMELINE_RANK[e.kind]))

    return CaseDetail(
        id=case_row.id,
        municipality=case_row.municipality,
        track=case_row.track,
        phase=case_row.phase,
        opened_on=case_row.opened_on,
        closed_on=case_row.closed_on,
        closure_reason=case_row.closure_reason,
        follow_up_on=case_row.follow_up_on,
        notes=case_row.notes,
        referred_by=case_row.referred_by,
        handed_over=HandedOver(
            case_row.handed_over_to, case_row.handed_over_name, case_row.handed_over_on
        )
        if case_row.handed_over_to is not None
        else None,
        cover=cover_of(case_row),
        undecided=undecided,
        members=members,
        assessments=assessments,
        goals=goals,
        appointments=appointments,
        referrals=referrals,
        phase_changes=changes,
        timeline=tuple(timeline),
    )
