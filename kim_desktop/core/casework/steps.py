"""The agreed steps of a goal (issue 16; migration 0019): what is done, by whom and by when,
stored in the case file and printed on the goal agreement.

A step is added, corrected (``update_step``: every field), marked done or not done again
(``set_step_done``) and removed when entered by mistake. Every write goes through the
guards of the goal's case (restricted, handed over, an ended cover copy: read-only), and the
audit trail names each change (``goal_steps`` and the id), never the content. ``what`` and
``who`` are free text and may name a person at another service; they are printed as
recorded, withheld from the Art. 15 copy unless released, like the wording of goals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from kim_desktop.core.casefile.models import Goal, GoalStep
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework._base import (
    _at_most,
    _date,
    _new_id,
    _not_before,
    _reading,
    _required_text,
    _text,
    _Work,
    _writing,
)
from kim_desktop.core.casework.restriction import _refuse_read_only_case

# The longest texts (characters): a step is one sentence of the agreement ("Bewerbung bei
# der Tafel abgeben"); who is a role or a person and their service.
STEP_TEXT_MAX = 500
STEP_WHO_MAX = 200


@dataclass(frozen=True)
class StepData:
    id: str
    goal_id: str
    position: int
    what: str
    who: str | None
    due_on: dt.date | None
    done_on: dt.date | None

    @property
    def done(self) -> bool:
        return self.done_on is not None


def _step_values(
    goal: Goal, what: object, who: object, due_on: object
) -> tuple[str, str | None, dt.date | None]:
    """The checked text, who and due date of a step of ``goal``; a step is not due before
    its goal was agreed."""
    text = _at_most("what", _required_text("what", what), STEP_TEXT_MAX)
    assert text is not None
    person = _at_most("who", _text("who", who), STEP_WHO_MAX)
    due = _date("due_on", due_on)
    _not_before("due_on", due, goal.agreed_on, "the date the goal was agreed")
    return text, person, due


def _done_value(goal: Goal, done_on: object) -> dt.date | None:
    day = _date("done_on", done_on)
    _not_before("done_on", day, goal.agreed_on, "the date the goal was agreed")
    return day


def _goal_of_step(work: _Work, step: GoalStep) -> Goal:
    goal = work.get(Goal, step.goal_id, "goal_id")
    _refuse_read_only_case(work, goal.case_id)
    return goal


def add_step(
    casefile: CaseFile,
    goal_id: str,
    what: str,
    who: str | None = None,
    due_on: dt.date | None = None,
    done_on: dt.date | None = None,
) -> str:
    """Record a step agreed towards a goal, after its other steps. Returns its id."""
    with _writing(casefile) as work:
        goal = work.get(Goal, goal_id, "goal_id")
        _refuse_read_only_case(work, goal.case_id)
        text, person, due = _step_values(goal, what, who, due_on)
        done = _done_value(goal, done_on)
        last = work.session.scalar(
            select(func.max(GoalStep.position)).where(GoalStep.goal_id == goal.id)
        )
        step = GoalStep(
            id=_new_id(),
            goal_id=goal.id,
            position=0 if last is None else last + 1,
            what=text,
            who=person,
            due_on=due,
            done_on=done,
        )
        work.session.add(step)
        return step.id


def update_step(
    casefile: CaseFile,
    step_id: str,
    what: str,
    who: str | None = None,
    due_on: dt.date | None = None,
    done_on: dt.date | None = None,
) -> None:
    """Correct every field of a step (what, who, by when, done when: None is not done), with
    the rules of ``add_step``. Only marking it done is ``set_step_done``."""
    with _writing(casefile) as work:
        step = work.get(GoalStep, step_id, "step_id")
        goal = _goal_of_step(work, step)
        step.what, step.who, step.due_on = _step_values(goal, what, who, due_on)
        step.done_on = _done_value(goal, done_on)


def set_step_done(casefile: CaseFile, step_id: str, done_on: dt.date | None) -> None:
    """Mark a step done on ``done_on`` (not before its goal was agreed), or not done
    (None)."""
    with _writing(casefile) as work:
        step = work.get(GoalStep, step_id, "step_id")
        goal = _goal_of_step(work, step)
        step.done_on = _done_value(goal, done_on)


def delete_step(casefile: CaseFile, step_id: str) -> None:
    """Delete a step entered by mistake."""
    with _writing(casefile) as work:
        step = work.get(GoalStep, step_id, "step_id")
        _goal_of_step(work, step)
        work.session.delete(step)


def delete_steps_of_goal(work: _Work, goal: Goal) -> None:
    """Delete a goal's steps through the session, so the audit names each (the database's
    cascade would take them unrecorded)."""
    for step in work.session.scalars(select(GoalStep).where(GoalStep.goal_id == goal.id)):
        work.session.delete(step)
    # Without a mapped relationship the flush may delete the goal first (and the cascade
    # its steps); deleting the steps now keeps the order.
    work.session.flush()


def steps_by_goal(conn: Connection, goal_ids: list[str]) -> dict[str, tuple[StepData, ...]]:
    """The steps of the goals ``goal_ids``, each goal's in their order."""
    found: dict[str, list[StepData]] = {}
    if not goal_ids:
        return {}
    rows = conn.execute(
        select(GoalStep.__table__)
        .where(GoalStep.goal_id.in_(goal_ids))
        .order_by(GoalStep.goal_id, GoalStep.position, GoalStep.id)
    ).all()
    for row in rows:
        found.setdefault(row.goal_id, []).append(
            StepData(row.id, row.goal_id, row.position, row.what, row.who, row.due_on, row.done_on)
        )
    return {goal_id: tuple(steps) for goal_id, steps in found.items()}


def list_steps(casefile: CaseFile, goal_id: str) -> tuple[StepData, ...]:
    """A goal's steps in their order (an unknown goal has none)."""
    with _reading(casefile) as conn:
        return steps_by_goal(conn, [goal_id]).get(goal_id, ())
