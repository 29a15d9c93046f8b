"""The work plan of a case: assessments of need by life area, agreed goals, referrals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.models import Assessment, AssessmentRating, Case, Goal, Referral
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework._base import (
    OPEN_GOAL,
    _date,
    _int,
    _new_id,
    _not_before,
    _required_date,
    _required_text,
    _text,
    _writing,
)
from kim_desktop.core.errors import InvalidInput

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


@dataclass(frozen=True)
class ReferralData:
    id: str
    date: dt.date
    target: str
    organisation: str | None
    theme: str | None
    outcome: str | None


# -- assessments, goals, referrals -----------------------------------------------------------


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
        day = _required_date("assessed_on", assessed_on)
        if client_id is not None and not any(m.client_id == client_id for m in the_case.members):
            raise InvalidInput("client_id", "client is not a member of the case")
        if not isinstance(ratings, Mapping) or not ratings:
            raise InvalidInput("ratings", "at least one life area must be rated")
        assessment = Assessment(
            id=_new_id(),
            case_id=case_id,
            client_id=client_id,
            assessed_on=day,
            notes=_text("notes", notes),
        )
        for position, (area, rating) in enumerate(ratings.items()):
            assessment.ratings.append(
                AssessmentRating(
                    assessment_id=assessment.id,
                    life_area=work.code("ratings", cat.LIFE_AREAS, area),
                    rating=_int("ratings", rating, 0, 3),
                    position=position,
                )
            )
        work.session.add(assessment)
        return assessment.id


def delete_assessment(casefile: CaseFile, assessment_id: str) -> None:
    """Delete an assessment entered by mistake (with its ratings)."""
    with _writing(casefile) as work:
        work.session.delete(work.get(Assessment, assessment_id, "assessment_id"))


def add_goal(
    casefile: CaseFile,
    case_id: str,
    life_area: str | None,
    title: str,
    agreed_on: dt.date,
    due_on: dt.date | None = None,
) -> str:
    """Record an agreed goal (status "open"). In a case-management case the first goal makes
    it a long-term CM process (DESIGN.md section 5). Returns its id."""
    with _writing(casefile) as work:
        work.get(Case, case_id, "case_id")
        agreed = _required_date("agreed_on", agreed_on)
        due = _date("due_on", due_on)
        _not_before("due_on", due, agreed, "agreed_on")
        goal = Goal(
            id=_new_id(),
            case_id=case_id,
            life_area=work.code("life_area", cat.LIFE_AREAS, life_area, required=False),
            title=_required_text("title", title),
            agreed_on=agreed,
            due_on=due,
            status=OPEN_GOAL,
        )
        work.session.add(goal)
        return goal.id


def set_goal_status(
    casefile: CaseFile, goal_id: str, status: str, closed_on: dt.date | None
) -> None:
    """Set a goal's status: "open" has no closing date; any other status needs one, on or
    after the date the goal was agreed."""
    with _writing(casefile) as work:
        goal = work.get(Goal, goal_id, "goal_id")
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
    """Delete a goal entered by mistake."""
    with _writing(casefile) as work:
        work.session.delete(work.get(Goal, goal_id, "goal_id"))


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
        referral = Referral(
            id=_new_id(),
            case_id=case_id,
            date=_required_date("date", date),
            target=work.code("target", cat.REFERRAL_TARGETS, target),
            organisation=_text("organisation", organisation),
            theme=work.code("theme", cat.THEMES, theme, required=False),
            outcome=work.code("outcome", cat.REFERRAL_OUTCOMES, outcome),
        )
        work.session.add(referral)
        return referral.id


def set_referral_outcome(casefile: CaseFile, referral_id: str, outcome: str) -> None:
    """Set whether a referral was taken up ("pending", "taken_up", "not_taken_up")."""
    with _writing(casefile) as work:
        referral = work.get(Referral, referral_id, "referral_id")
        referral.outcome = work.code("outcome", cat.REFERRAL_OUTCOMES, outcome)


def delete_referral(casefile: CaseFile, referral_id: str) -> None:
    """Delete a referral entered by mistake."""
    with _writing(casefile) as work:
        work.session.delete(work.get(Referral, referral_id, "referral_id"))
