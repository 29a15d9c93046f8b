"""Free text in a client's Art. 15 copy that may name other persons (Art. 15 Abs. 4 DSGVO).

Notes of the client, of their cases, appointments and assessments, and the wording of goals
are typed by the case manager and may speak of third parties (a partner, a neighbour, a
colleague at the Jobcenter). Before the copy is issued the case manager reviews each passage:
a passage not released is replaced, in the PDF and in the JSON alike, by ``WITHHELD`` — the
client sees that something was withheld, never what. Nothing is released unless chosen."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal

WITHHELD: Final = (
    "[Passage zurückgehalten: kann Angaben über andere Personen enthalten (Art. 15 Abs. 4 DSGVO)]"
)

# (array of the interchange document, free-text field, date field shown beside it, kind)
FIELDS: Final = (
    ("clients", "notes", None, "client_notes"),
    ("cases", "notes", "opened_on", "case_notes"),
    ("appointments", "notes", "date", "appointment_notes"),
    ("assessments", "notes", "assessed_on", "assessment_notes"),
    ("goals", "title", "agreed_on", "goal_title"),
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


def passages(document: Mapping[str, Any]) -> tuple[Passage, ...]:
    """Every non-empty free-text passage of an interchange document, in document order."""
    found: list[Passage] = []
    for array, field, date_field, kind in FIELDS:
        for record in document.get(array, ()):
            text = record.get(field)
            if not text:
                continue
            when = record.get(date_field) if date_field else None
            found.append(
                Passage(
                    f"{array}/{record['id']}/{field}",
                    kind,
                    dt.date.fromisoformat(when) if when else None,
                    text,
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
