"""The work plan of a case: assessments of need by life area, agreed goals, referrals.

Each kind can be added, corrected (``update_*``: the same rules as adding, every field
replaced) and removed when entered by mistake; nothing else refers to these records, so
removing one never leaves a dangling reference (a goal's steps go with it). The audit trail
names each change (table and id), never the content."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.models import Assessment, AssessmentRating, Case, Goal, Referral
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework._base import (
    OPEN_GOAL,
    _at_most,
    _date,
    _int,
    _new_id,
    _not_before,
    _required_date,
    _required_text,
    _text,
    _Work,
    _writing,
)
from kim_desktop.core.casework.restriction import _refuse_read_only_case, _refuse_restricted_client
from kim_desktop.core.casework.steps import StepData, delete_steps_of_goal
from kim_desktop.core.errors import InvalidInput

# The longest texts these fields take (characters). A goal is one to a few sentences of the
# goal agreement the client signs; an assessment's notes a short paragraph; an organisation a
# name and a team. Longer text belongs in the case notes.
GOAL_TEXT_MAX = 1_000
ASSESSMENT_NOTES_MAX = 4_000
ORGANISATION_MAX = 200

# -- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AssessmentData:
    """Ratings map life-area codes to 0..3 (no/low/medium/high need), in the order entered."""

    id: str
    assessed_on: dt.date
    client_id: str | None
    ratings: dict[str, int]
    notes: str | None


@dataclass(frozen=True)
class GoalData:
    id: str
    life_area: str | None
    title: str
    agreed_on: dt.date
    due_on: dt.date | None
    closed_on: dt.date | None
    status: str
    # The steps agreed towards it, in their order (core/casework/steps.py).
    steps: tuple[StepData, ...] = ()


@dataclass(frozen=True)
class ReferralData:
    id: str
    date: dt.date
    target: str
    organisation: str | None
    theme: str | None
    outcome: str | None


# -- assessments ----------------------------------------------------------------------------


def _assessment_values(
    work: _Work,
    the_case: Case,
    assessed_on: object,
    ratings: object,
    client_id: object,
    notes: object,
) -> tuple[dt.date, list[tuple[str, int]], str | None]:
    """The checked date, ratings (in order) and notes of an assessment of ``the_case``."""
    _refuse_read_only_case(work, the_case.id)
    _refuse_restricted_client(work, client_id)  # an assessment of a restricted person
    day = _required_date("assessed_on", assessed_on)
    if client_id is not None and not any(m.client_id == client_id for m in the_case.members):
        raise InvalidInput("client_id", "client is not a member of the case")
    if not isinstance(ratings, Mapping) or not ratings:
        raise InvalidInput("ratings", "at least one life area must be rated")
    checked = [
        (work.code("ratings", cat.LIFE_AREAS, area), _int("ratings", rating, 0, 3))
        for area, rating in ratings.items()
    ]
    return day, checked, _at_most("notes", _text("notes", notes), ASSESSMENT_NOTES_MAX)


def add_assessment(
    casefile: CaseFile,
    case_id: str,
    assessed_on: dt.date,
    ratings: Mapping[str, int],
    client_id: str | None = None,
    notes: str | None = None,
) -> str:
    """Record an assessment: a rating 0..3 (no/low/medium/high need) for one or more life
    areas, optionally for one member of the case. Returns its id."""
    with _writing(casefile) as work:
        the_case = work.get(Case, case_id, "case_id")
        day, checked, text = _assessment_values(
            work, the_case, assessed_on, ratings, client_id, notes
        )
        assessment = Assessment(
            id=_new_id(), case_id=case_id, client_id=client_id, assessed_on=day, notes=text
        )
        for position, (area, rating) in enumerate(checked):
            assessment.ratings.append(
                AssessmentRating(
                    assessment_id=assessment.id, life_area=area, rating=rating, position=position
                )
            )
        work.session.add(assessment)
        return assessment.id


def update_assessment(
    casefile: CaseFile,
    assessment_id: str,
    assessed_on: dt.date,
    ratings: Mapping[str, int],
    client_id: str | None = None,
    notes: str | None = None,
) -> None:
    """Correct an assessment: its date, the member it concerns, its ratings (replacing all:
    an area left out is no longer rated) and notes, with the rules of ``add_assessment``."""
    with _writing(casefile) as work:
        assessment = work.get(Assessment, assessment_id, "assessment_id")
        _refuse_restricted_client(work, assessment.client_id, "assessment_id")
        the_case = work.get(Case, assessment.case_id, "case_id")
        day, checked, text = _assessment_values(
            work, the_case, assessed_on, ratings, client_id, notes
        )
        assessment.assessed_on = day
        assessment.client_id = client_id
        assessment.notes = text
        # Rows are added and deleted through the session, so the audit names exactly the
        # rating rows that changed (as appointments' themes do).
        existing = {row.life_area: row for row in assessment.ratings}
        wanted = dict(checked)
        for area, row in existing.items():
            if area not in wanted:
                work.session.delete(row)
        for position, (area, rating) in enumerate(checked):
            kept = existing.get(area)
            if kept is None:
                work.session.add(
                    AssessmentRating(
                        assessment_id=assessment.id,
                        life_area=area,
                        rating=rating,
                        position=position,
                    )
                )
            else:
                kept.rating, kept.position = rating, position


def delete_assessment(casefile: CaseFile, assessment_id: str) -> None:
    """Delete an assessment entered by mistake (with its ratings)."""
    with _writing(casefile) as work:
        assessment = work.get(Assessment, assessment_id, "assessment_id")
        _refuse_read_only_case(work, assessment.case_id)
        _refuse_restricted_client(work, assessment.client_id, "assessment_id")
        work.session.delete(assessment)


# -- goals -----------------------------------------------------------------------------------


def _goal_values(
    work: _Work, life_area: object, title: object, agreed_on: object, due_on: object
) -> tuple[str, str, dt.date, dt.date | None]:
    """The checked life area, text, agreed and due date of a goal. The text is checked
    first: it is the field the dialog shows as the goal itself."""
    text = _at_most("title", _required_text("title", title), GOAL_TEXT_MAX)
    assert text is not None
    if life_area is None:
        # Every goal of the agreement belongs to a life area (DESIGN.md section 5); goals
        # imported without one keep it until they are corrected.
        raise InvalidInput("life_area", "is required: choose the life area of the goal")
    area = work.code("life_area", cat.LIFE_AREAS, life_area)
    agreed = _required_date("agreed_on", agreed_on)
    due = _date("due_on", due_on)
    _not_before("due_on", due, agreed, "agreed_on")
    return area, text, agreed, due


def add_goal(
    casefile: CaseFile,
    case_id: str,
    life_area: str | None,
    title: str,
    agreed_on: dt.date,
    due_on: dt.date | None = None,
) -> str:
    """Record an agreed goal (status "open") in a life area. In a case-management case the
    first goal makes it a long-term CM process (DESIGN.md section 5). Returns its id."""
    with _writing(casefile) as work:
        work.get(Case, case_id, "case_id")
        _refuse_read_only_case(work, case_id)
        area, text, agreed, due = _goal_values(work, life_area, title, agreed_on, due_on)
        goal = Goal(
            id=_new_id(),
            case_id=case_id,
            life_area=area,
            title=text,
            agreed_on=agreed,
            due_on=due,
            status=OPEN_GOAL,
        )
        work.session.add(goal)
        return goal.id


def update_goal(
    casefile: CaseFile,
    goal_id: str,
    life_area: str | None,
    title: str,
    agreed_on: dt.date,
    due_on: dt.date | None = None,
) -> None:
    """Correct a goal's life area, text, agreed and due date, with the rules of
    ``add_goal``; a closed goal's closing date stays on or after the agreed date. The
    status is ``set_goal_status``'s."""
    with _writing(casefile) as work:
        goal = work.get(Goal, goal_id, "goal_id")
        _refuse_read_only_case(work, goal.case_id)
        area, text, agreed, due = _goal_values(work, life_area, title, agreed_on, due_on)
        if goal.closed_on is not None and agreed > goal.closed_on:
            raise InvalidInput("agreed_on", "lies after the date the goal was closed")
        goal.life_area, goal.title, goal.agreed_on, goal.due_on = area, text, agreed, due


def set_goal_status(
    casefile: CaseFile, goal_id: str, status: str, closed_on: dt.date | None
) -> None:
    """Set a goal's status: "open" has no closing date; any other status needs one, on or
    after the date the goal was agreed."""
    with _writing(casefile) as work:
        goal = work.get(Goal, goal_id, "goal_id")
        _refuse_read_only_case(work, goal.case_id)
        status_code = work.code("status", cat.GOAL_STATUS, status)
        day = _date("closed_on", closed_on)
        if status_code == OPEN_GOAL and day is not None:
            raise InvalidInput("closed_on", "an open goal has no closing date")
        if status_code != OPEN_GOAL and day is None:
            raise InvalidInput("closed_on", "required unless the status is 'open'")
        _not_before("closed_on", day, goal.agreed_on, "agreed_on")
        goal.status = status_code
        goal.closed_on = day


def delete_goal(casefile: CaseFile, goal_id: str) -> None:
    """Delete a goal entered by mistake, with its steps."""
    with _writing(casefile) as work:
        goal = work.get(Goal, goal_id, "goal_id")
        _refuse_read_only_case(work, goal.case_id)
        delete_steps_of_goal(work, goal)
        work.session.delete(goal)


# -- referrals -------------------------------------------------------------------------------


def _referral_values(
    work: _Work, date: object, target: object, organisation: object, theme: object, outcome: object
) -> dict[str, object]:
    return {
        "date": _required_date("date", date),
        "target": work.code("target", cat.REFERRAL_TARGETS, target),
        "organisation": _at_most(
            "organisation", _text("organisation", organisation), ORGANISATION_MAX
        ),
        "theme": work.code("theme", cat.THEMES, theme, required=False),
        "outcome": work.code("outcome", cat.REFERRAL_OUTCOMES, outcome),
    }


def add_referral(
    casefile: CaseFile,
    case_id: str,
    date: dt.date,
    target: str,
    organisation: str | None = None,
    theme: str | None = None,
    outcome: str = "pending",
) -> str:
    """Record a referral (Verweis) to a target category; returns its id."""
    with _writing(casefile) as work:
        work.get(Case, case_id, "case_id")
        _refuse_read_only_case(work, case_id)
        values = _referral_values(work, date, target, organisation, theme, outcome)
        referral = Referral(id=_new_id(), case_id=case_id, **values)
        work.session.add(referral)
        return referral.id


def update_referral(
    casefile: CaseFile,
    referral_id: str,
    date: dt.date,
    target: str,
    organisation: str | None = None,
    theme: str | None = None,
    outcome: str = "pending",
) -> None:
    """Correct every field of a referral, with the rules of ``add_referral``."""
    with _writing(casefile) as work:
        referral = work.get(Referral, referral_id, "referral_id")
        _refuse_read_only_case(work, referral.case_id)
        for key, value in _referral_values(
            work, date, target, organisation, theme, outcome
        ).items():
            setattr(referral, key, value)


def set_referral_outcome(casefile: CaseFile, referral_id: str, outcome: str) -> None:
    """Set whether a referral was taken up ("pending", "taken_up", "not_taken_up")."""
    with _writing(casefile) as work:
        referral = work.get(Referral, referral_id, "referral_id")
        _refuse_read_only_case(work, referral.case_id)
        referral.outcome = work.code("outcome", cat.REFERRAL_OUTCOMES, outcome)


def delete_referral(casefile: CaseFile, referral_id: str) -> None:
    """Delete a referral entered by mistake."""
    with _writing(casefile) as work:
        referral = work.get(Referral, referral_id, "referral_id")
        _refuse_read_only_case(work, referral.case_id)
        work.session.delete(referral)
