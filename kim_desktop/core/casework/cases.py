"""Cases (Fälle): opening, members, phases and their history, closing and reopening, the
follow-up date, notes and who referred the client."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import exists, func, select

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.models import Assessment, Case, CaseMember, CasePhaseChange, Client
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework._base import (
    CLOSED,
    HOUSEHOLD,
    OPEN_PHASES,
    PRIMARY,
    _date,
    _new_id,
    _not_before,
    _required_date,
    _text,
    _Work,
    _writing,
)
from kim_desktop.core.casework.restriction import _refuse_read_only_case, _refuse_restricted_client
from kim_desktop.core.errors import InvalidInput

# -- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhaseChangeRow:
    """One step of the phase history; ``from_phase`` is None for the opening."""

    id: int
    changed_on: dt.date
    from_phase: str | None
    to_phase: str
    closure_reason: str | None


# -- cases -----------------------------------------------------------------------------------


def _record_phase(
    work: _Work,
    case_id: str,
    on: dt.date,
    from_phase: str | None,
    to_phase: str,
    reason: str | None = None,
) -> None:
    # An explicit id, so the audit entry written before the insert names the row.
    last = work.session.scalar(select(func.max(CasePhaseChange.id))) or 0
    work.session.add(
        CasePhaseChange(
            id=last + 1,
            case_id=case_id,
            changed_on=on,
            from_phase=from_phase,
            to_phase=to_phase,
            closure_reason=reason,
        )
    )


def _last_change(work: _Work, case: Case) -> dt.date:
    """The date the history must not go back before: the latest change, else the opening."""
    latest = work.session.scalar(
        select(func.max(CasePhaseChange.changed_on)).where(CasePhaseChange.case_id == case.id)
    )
    return max(latest, case.opened_on) if latest else case.opened_on


def _workable_case(work: _Work, case_id: str) -> Case:
    """The case, unless every member of it is restricted (then it is read-only)."""
    found = work.get(Case, case_id, "case_id")
    _refuse_read_only_case(work, case_id)
    return found


def _open_case_of(work: _Work, case_id: str) -> Case:
    found = _workable_case(work, case_id)
    if found.closed_on is not None:
        raise InvalidInput("case_id", "the case is closed; reopen it first")
    return found


def open_case(
    casefile: CaseFile,
    municipality: str,
    track: str,
    opened_on: dt.date,
    primary_client_id: str,
    household_client_ids: Iterable[str] = (),
    referred_by: str | None = None,
) -> str:
    """Open a case in phase "intake" with a primary client and optional household members;
    records the opening in the phase history. Returns the new case id."""
    with _writing(casefile) as work:
        referrer = work.referred_by(referred_by)
        municipality = work.municipality("municipality", municipality)
        track_code = work.code("track", cat.TRACKS, track)
        opened = _required_date("opened_on", opened_on)
        work.get(Client, primary_client_id, "primary_client_id")
        _refuse_restricted_client(work, primary_client_id, "primary_client_id")
        if isinstance(household_client_ids, str):
            raise InvalidInput("household_client_ids", "must be a list of client ids")
        household = list(household_client_ids)
        for client_id in household:
            work.get(Client, client_id, "household_client_ids")
            _refuse_restricted_client(work, client_id, "household_client_ids")
        if len(set(household)) != len(household) or primary_client_id in household:
            raise InvalidInput("household_client_ids", "names a client twice")
        case_id = _new_id()
        new_case = Case(
            id=case_id,
            municipality=municipality,
            track=track_code,
            phase="intake",
            opened_on=opened,
            referred_by=referrer,
        )
        new_case.members = [
            # case_id set here, not at flush, so the audit entry names the row.
            CaseMember(
                case_id=case_id,
                client_id=client_id,
                role=PRIMARY if index == 0 else HOUSEHOLD,
                position=index,
            )
            for index, client_id in enumerate([primary_client_id, *household])
        ]
        work.session.add(new_case)
        _record_phase(work, case_id, opened, None, "intake")
        return case_id


def add_member(casefile: CaseFile, case_id: str, client_id: str, role: str = HOUSEHOLD) -> None:
    """Add a client to a case. With role "primary" the client becomes the primary member and
    the former primary a household member."""
    with _writing(casefile) as work:
        the_case = _workable_case(work, case_id)
        work.get(Client, client_id, "client_id")
        _refuse_restricted_client(work, client_id)
        role = work.code("role", cat.MEMBER_ROLES, role) or HOUSEHOLD
        if any(m.client_id == client_id for m in the_case.members):
            raise InvalidInput("client_id", "client is already a member of the case")
        if role == PRIMARY:
            for member in the_case.members:
                if member.role == PRIMARY:
                    _refuse_restricted_client(work, member.client_id)
                member.role = HOUSEHOLD
        position = max((m.position for m in the_case.members), default=-1) + 1
        # Through the session, not the collection: the audit then names the new member row
        # and does not report an update of the case itself.
        work.session.add(
            CaseMember(case_id=case_id, client_id=client_id, role=role, position=position)
        )


def set_primary_member(casefile: CaseFile, case_id: str, client_id: str) -> None:
    """Make an existing member the case's primary member (the former one becomes household)."""
    with _writing(casefile) as work:
        the_case = _workable_case(work, case_id)
        if not any(m.client_id == client_id for m in the_case.members):
            raise InvalidInput("client_id", "client is not a member of the case")
        # A restricted member's role is theirs: it changes neither to nor from primary.
        _refuse_restricted_client(work, client_id)
        for member in the_case.members:
            if member.role == PRIMARY and member.client_id != client_id:
                _refuse_restricted_client(work, member.client_id)
        for member in the_case.members:
            member.role = PRIMARY if member.client_id == client_id else HOUSEHOLD


def remove_member(
    casefile: CaseFile, case_id: str, client_id: str, new_primary_id: str | None = None
) -> None:
    """Remove a client from a case. The last member is never removed; removing the primary
    member needs ``new_primary_id``, another member who becomes primary. Refused when the
    client has assessments in this case (an assessed client must be a member)."""
    with _writing(casefile) as work:
        the_case = _workable_case(work, case_id)
        leaving = next((m for m in the_case.members if m.client_id == client_id), None)
        if leaving is None:
            raise InvalidInput("client_id", "client is not a member of the case")
        if len(the_case.members) == 1:
            raise InvalidInput("client_id", "a case keeps at least one member")
        _refuse_restricted_client(work, client_id)
        assessed = select(
            exists().where(Assessment.case_id == case_id, Assessment.client_id == client_id)
        )
        if work.session.scalar(assessed):
            raise InvalidInput("client_id", "client has assessments in this case")
        if leaving.role == PRIMARY:
            successor = next(
                (m for m in the_case.members if m.client_id == new_primary_id and m is not leaving),
                None,
            )
            if successor is None:
                raise InvalidInput(
                    "new_primary_id", "required: another member who becomes the primary member"
                )
            _refuse_restricted_client(work, new_primary_id, "new_primary_id")
            successor.role = PRIMARY
        elif new_primary_id is not None:
            raise InvalidInput("new_primary_id", "only when the primary member is removed")
        # Through the session, not the collection: a row removed by delete-orphan at flush
        # time would escape the audit.
        work.session.delete(leaving)


def set_phase(casefile: CaseFile, case_id: str, phase: str, on: dt.date) -> None:
    """Move an open case to another (open) phase on a date, recorded in the phase history.
    Setting the current phase again changes nothing. Closing goes through ``close_case``."""
    with _writing(casefile) as work:
        the_case = _open_case_of(work, case_id)
        phase_code = work.code("phase", cat.PHASES, phase)
        if phase_code == CLOSED:
            raise InvalidInput("phase", "close a case with close_case")
        day = _required_date("on", on)
        _not_before("on", day, _last_change(work, the_case), "the case's last phase change")
        if phase_code == the_case.phase:
            return
        _record_phase(work, case_id, day, the_case.phase, phase_code)
        the_case.phase = phase_code


def close_case(casefile: CaseFile, case_id: str, closed_on: dt.date, reason: str) -> None:
    """Close an open case with a closure reason; clears its follow-up date (a Wiedervorlage
    belongs to open work). Recorded in the phase history."""
    with _writing(casefile) as work:
        the_case = _open_case_of(work, case_id)
        day = _required_date("closed_on", closed_on)
        reason_code = work.code("reason", cat.CLOSURE_REASONS, reason)
        _not_before("closed_on", day, the_case.opened_on, "the case was opened")
        _not_before("closed_on", day, _last_change(work, the_case), "the last phase change")
        _record_phase(work, case_id, day, the_case.phase, CLOSED, reason_code)
        the_case.phase = CLOSED
        the_case.closed_on = day
        the_case.closure_reason = reason_code
        the_case.follow_up_on = None


def reopen_case(casefile: CaseFile, case_id: str, on: dt.date, phase: str | None = None) -> None:
    """Reopen a closed case on a date: closing date and reason are cleared, the case returns
    to ``phase`` (default: the phase it had when it was closed, else "intake")."""
    with _writing(casefile) as work:
        the_case = _workable_case(work, case_id)
        if the_case.closed_on is None:
            raise InvalidInput("case_id", "the case is not closed")
        day = _required_date("on", on)
        _not_before("on", day, the_case.closed_on, "the case was closed")
        _not_before("on", day, _last_change(work, the_case), "the last phase change")
        if phase is None:
            before = work.session.scalar(
                select(CasePhaseChange.from_phase)
                .where(CasePhaseChange.case_id == case_id, CasePhaseChange.to_phase == CLOSED)
                .order_by(CasePhaseChange.changed_on.desc(), CasePhaseChange.id.desc())
                .limit(1)
            )
            target = before if before in OPEN_PHASES else "intake"
        else:
            target = work.code("phase", cat.PHASES, phase) or "intake"
            if target == CLOSED:
                raise InvalidInput("phase", "must be an open phase")
        _record_phase(work, case_id, day, CLOSED, target)
        the_case.phase = target
        the_case.closed_on = None
        the_case.closure_reason = None


def set_follow_up(casefile: CaseFile, case_id: str, follow_up_on: dt.date | None) -> None:
    """Set or clear (None) an open case's follow-up date (Wiedervorlage)."""
    with _writing(casefile) as work:
        the_case = _open_case_of(work, case_id)
        the_case.follow_up_on = _date("follow_up_on", follow_up_on)


def set_referred_by(casefile: CaseFile, case_id: str, referred_by: str | None) -> None:
    """Set or clear (None) who sent the client to this case."""
    with _writing(casefile) as work:
        the_case = _workable_case(work, case_id)
        the_case.referred_by = work.referred_by(referred_by)


def set_case_notes(casefile: CaseFile, case_id: str, notes: str | None) -> None:
    """Replace a case's notes (blank clears them)."""
    with _writing(casefile) as work:
        _workable_case(work, case_id).notes = _text("notes", notes)
