"""The agreed steps of goals in a handover and a cover (issue 16; docs/handover.md).

The interchange document has no field for them, so the payload carries them beside it
(``goal_steps``, like ``phase_history``): every field of every step of the handed-over cases'
goals. On arrival they are checked strictly before anything is written (``checked_steps``:
types, casework's lengths, dates, that each belongs to a goal of the handed-over cases in the
same payload, no id twice) and written in the import's transaction; in a cover's return they
are merged by record id like every other record (``cover_merge.py``). A handover written
before steps travelled has no ``goal_steps``: it imports with none."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Row, delete, insert, select
from sqlalchemy.orm import Session

from kim_desktop.core.casefile import audit
from kim_desktop.core.casefile.models import Goal, GoalStep
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework.steps import STEP_TEXT_MAX, STEP_WHO_MAX
from kim_desktop.core.errors import ValidationFailed
from kim_desktop.core.sync.text import plain_text

STEPS_FIELD = "goal_steps"  # the payload field (beside "phase_history")
STEP_ENTITY = "goal_steps"  # the record kind in a cover's merge base and its conflicts
MAX_STEPS = 1_000_000
MAX_POSITION = 2**31 - 1
MAX_ID = 64  # the id columns' length
_CHUNK = 10_000  # ids per statement, within SQLite's bound parameters
_FIELDS = frozenset({"id", "goal_id", "position", "what", "who", "due_on", "done_on"})
_REQUIRED = ("id", "goal_id", "position", "what")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class StepProblem(ValueError):
    """A step that does not fit: the message names the step (its id or place) and the
    field, never the text."""


# -- the sender's side ------------------------------------------------------------------------


def step_record(row: Row[Any] | GoalStep) -> dict[str, Any]:
    """A step as a handover carries it: every field, those without a value left out (as the
    interchange does), dates as ISO text."""
    record: dict[str, Any] = {
        "id": row.id,
        "goal_id": row.goal_id,
        "position": row.position,
        "what": row.what,
    }
    if row.who is not None:
        record["who"] = row.who
    if row.due_on is not None:
        record["due_on"] = row.due_on.isoformat()
    if row.done_on is not None:
        record["done_on"] = row.done_on.isoformat()
    return record


def steps_of(casefile: CaseFile, case_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The steps of the cases' goals, each goal's in their order."""
    wanted = list(case_ids)
    found: list[dict[str, Any]] = []
    with casefile.reading() as conn:
        for start in range(0, len(wanted), _CHUNK):
            rows = conn.execute(
                select(GoalStep.__table__)
                .join(Goal, Goal.id == GoalStep.goal_id)
                .where(Goal.case_id.in_(wanted[start : start + _CHUNK]))
            )
            found += [step_record(row) for row in rows]
    return sorted(found, key=lambda s: (s["goal_id"], s["position"], s["id"]))


def normal(step: Mapping[str, Any]) -> dict[str, Any]:
    """A carried step as ``step_record`` writes it (an explicit null is no value), so that
    equal content has an equal digest in a cover's merge."""
    return {key: value for key, value in step.items() if value is not None}


# -- the recipient's checks -------------------------------------------------------------------


def _goals_of(document: Mapping[str, Any], case_ids: Collection[str]) -> set[str]:
    goals = document.get("goals")
    if not isinstance(goals, list):
        return set()
    return {
        g["id"]
        for g in goals
        if isinstance(g, dict) and isinstance(g.get("id"), str) and g.get("case_id") in case_ids
    }


def _text_problem(value: Any, maximum: int) -> str | None:
    if not isinstance(value, str):
        return "must be text"
    if not value.strip():
        return "must not be blank"
    if len(value) > maximum:
        return f"must be at most {maximum:,} characters"
    return None


def _day_problem(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        return "not a date (YYYY-MM-DD)"
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return "not a valid calendar date"
    return None


def _problem(step: dict[str, Any], goals: set[str]) -> tuple[str, str] | None:
    """The first (field, rule) a step breaks, or None."""
    if set(step) - _FIELDS:
        return "fields", "a field that steps do not have"
    for name in _REQUIRED:
        if name not in step:
            return name, "required"
    goal_id = step["goal_id"]
    if not plain_text(goal_id, MAX_ID) or goal_id not in goals:
        return "goal_id", "not a goal of the handed-over cases"
    position = step["position"]
    if type(position) is not int or not 0 <= position <= MAX_POSITION:
        return "position", "must be a whole number from 0"
    checks = (
        ("what", _text_problem(step["what"], STEP_TEXT_MAX)),
        ("who", None if step.get("who") is None else _text_problem(step["who"], STEP_WHO_MAX)),
        ("due_on", _day_problem(step.get("due_on"))),
        ("done_on", _day_problem(step.get("done_on"))),
    )
    return next(((name, rule) for name, rule in checks if rule is not None), None)


def checked_steps(
    value: Any, document: Mapping[str, Any], case_ids: Collection[str]
) -> list[dict[str, Any]]:
    """The payload's steps (None: a handover from before steps travelled, no steps), checked;
    ``StepProblem`` names the first that does not fit. Not checked here: that a step's id
    is new to the file (``first_present``, in the write transaction). A step due or done
    before its goal was agreed is taken as it is: correcting a goal's agreed day leaves its
    steps as they are, so the sender's file may hold such a step."""
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > MAX_STEPS:
        raise StepProblem("agreed steps: not a list of steps")
    goals = _goals_of(document, case_ids)
    seen: set[str] = set()
    for index, step in enumerate(value, start=1):
        if not isinstance(step, dict):
            raise StepProblem(f"agreed step #{index}: not a record")
        step_id = step.get("id")
        if not isinstance(step_id, str) or not plain_text(step_id, MAX_ID):
            raise StepProblem(f"agreed step #{index}: id: not a record id")
        if step_id in seen:
            raise StepProblem(f"agreed step {step_id}: id: listed twice")
        seen.add(step_id)
        found = _problem(step, goals)
        if found is not None:
            raise StepProblem(f"agreed step {step_id}: {found[0]}: {found[1]}")
    return value


# -- writing ----------------------------------------------------------------------------------


def _day(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def step_row(step: Mapping[str, Any]) -> dict[str, Any]:
    """A checked step's table row."""
    return {
        "id": step["id"],
        "goal_id": step["goal_id"],
        "position": step["position"],
        "what": step["what"],
        "who": step.get("who"),
        "due_on": _day(step.get("due_on")),
        "done_on": _day(step.get("done_on")),
    }


def first_present(session: Session, steps: Sequence[Mapping[str, Any]]) -> str | None:
    """The first of the steps' ids this file has already (a step lives in one file)."""
    ids = [step["id"] for step in steps]
    for start in range(0, len(ids), _CHUNK):
        found = session.scalar(
            select(GoalStep.id).where(GoalStep.id.in_(ids[start : start + _CHUNK])).limit(1)
        )
        if found is not None:
            return str(found)
    return None


def insert_steps(session: Session, steps: Iterable[Mapping[str, Any]]) -> None:
    """Write checked steps (a handover's import: audited by the handover's entry)."""
    rows = [step_row(step) for step in steps]
    if rows:
        session.execute(insert(GoalStep), rows)


def replace_step(
    session: Session,
    actor: str,
    step_id: str,
    record: Mapping[str, Any] | None,
    here: bool,
    source: str,
) -> None:
    """A merge's write of one step (record None: delete it), audited by id. Its goal must
    be in the file (else ``ValidationFailed``, naming the step)."""
    bulk = {"synchronize_session": False}
    if here:
        session.execute(delete(GoalStep).where(GoalStep.id == step_id), execution_options=bulk)
    if record is None:
        audit.add_entry(session, actor, "delete", STEP_ENTITY, step_id)
        return
    if session.scalar(select(Goal.id).where(Goal.id == record["goal_id"])) is None:
        raise ValidationFailed(
            source, [f"{STEP_ENTITY}[{step_id}].goal_id: the goal is not in this file"]
        )
    session.execute(insert(GoalStep), [step_row(record)])
    audit.add_entry(session, actor, "update" if here else "create", STEP_ENTITY, step_id)


def delete_steps_of_goal(session: Session, actor: str, goal_id: str) -> None:
    """Before a merge deletes a goal: its steps, each audited (the database's cascade would
    take them unrecorded)."""
    step_ids = list(session.scalars(select(GoalStep.id).where(GoalStep.goal_id == goal_id)))
    if step_ids:
        session.execute(
            delete(GoalStep).where(GoalStep.goal_id == goal_id),
            execution_options={"synchronize_session": False},
        )
    for step_id in step_ids:
        audit.add_entry(session, actor, "delete", STEP_ENTITY, step_id)
