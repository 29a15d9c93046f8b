"""Free text in a client's Art. 15 copy that may name other persons (Art. 15 Abs. 4 DSGVO).

Notes of the client, of their cases, appointments and assessments, the wording of goals and
of their agreed steps (what, who) are typed by the case manager and may speak of third
parties (a partner, a neighbour, "Frau K. vom Jobcenter"). Before the copy is issued the
case manager reviews each passage: a passage not released is replaced, in the PDF and in the
JSON alike, by ``WITHHELD`` — the client sees that something was withheld, never what.
Nothing is released unless chosen."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal

WITHHELD: Final = (
    "[Passage zurückgehalten: kann Angaben über andere Personen enthalten (Art. 15 Abs. 4 DSGVO)]"
)

# (array of the copy's document — the interchange arrays and ``goal_steps`` — free-text
# field, date field shown beside it, kind)
FIELDS: Final = (
    ("clients", "notes", None, "client_notes"),
    ("cases", "notes", "opened_on", "case_notes"),
    ("appointments", "notes", "date", "appointment_notes"),
    ("assessments", "notes", "assessed_on", "assessment_notes"),
    ("goals", "title", "agreed_on", "goal_title"),
    ("goal_steps", "what", "due_on", "step_what"),
    ("goal_steps", "who", "due_on", "step_who"),
)
KINDS: Final = tuple(kind for *_rest, kind in FIELDS)

ALL: Final = "all"
# Which passages (by ``Passage.key``) are released; ``ALL`` releases every one.
Release = Collection[str] | Literal["all"]


@dataclass(frozen=True)
class Passage:
    key: str  # "<array>/<record id>/<field>", stable for one read
    kind: str  # one of KINDS
    on: dt.date | None  # the record's date, to find it again
    text: str
    # A step's passages: which step of which goal (its number and the goal's wording), so
    # the review can name it; None for every other kind.
    step: int | None = None
    goal: str | None = None


def _step_places(document: Mapping[str, Any]) -> dict[str, tuple[int, str]]:
    """Each step's number within its goal (from 1) and the goal's wording, by step id."""
    titles = {goal["id"]: goal["title"] for goal in document.get("goals", ())}
    numbers: dict[str, int] = {}
    places: dict[str, tuple[int, str]] = {}
    for step in document.get("goal_steps", ()):
        numbers[step["goal_id"]] = numbers.get(step["goal_id"], 0) + 1
        places[step["id"]] = (numbers[step["goal_id"]], titles.get(step["goal_id"], ""))
    return places


def passages(document: Mapping[str, Any]) -> tuple[Passage, ...]:
    """Every non-empty free-text passage of an interchange document, in document order."""
    found: list[Passage] = []
    places = _step_places(document)
    for array, field, date_field, kind in FIELDS:
        for record in document.get(array, ()):
            text = record.get(field)
            if not text:
                continue
            when = record.get(date_field) if date_field else None
            place = places.get(record["id"]) if array == "goal_steps" else None
            number, goal = place if place is not None else (None, None)
            found.append(
                Passage(
                    f"{array}/{record['id']}/{field}",
                    kind,
                    dt.date.fromisoformat(when) if when else None,
                    text,
                    step=number,
                    goal=goal,
                )
            )
    return tuple(found)


def withhold(document: Mapping[str, Any], released: Release) -> tuple[dict[str, Any], int]:
    """A copy of ``document`` with every passage not released replaced by ``WITHHELD``, and
    how many were replaced. Keys that name no passage are ignored."""
    result = copy.deepcopy(dict(document))
    if released == ALL:
        return result, 0
    chosen = set(released)
    withheld = 0
    for array, field, _date, _kind in FIELDS:
        for record in result.get(array, ()):
            if record.get(field) and f"{array}/{record['id']}/{field}" not in chosen:
                record[field] = WITHHELD
                withheld += 1
    return result, withheld
