"""What an erasure removes (DESIGN.md §10), and the removal itself.

Erasing a **case** removes it with its appointments, assessments, goals, referrals, phase
history and notes, and every member who is in no other case (with their consents). Erasing a
**client** removes them with their consents, their assessments and their memberships; a case
whose only member they are goes with them (as above); in a case they shared with others,
free text that names them (notes of the case, its appointments and assessments, goal
wording, the what and who of the goals' agreed steps) is emptied — the plan lists how many
passages, so the case manager sees it before confirming. Unsaved form drafts about the
erased records, or naming an erased person, go too.

The plan is made first (``plan_erasure``), shown, and made again inside the erasing write
transaction: if another program changed what it covers meanwhile, the erasure is refused and
nothing is removed. Deletion uses bulk statements (the transaction door audits one entry for
the whole erasure, never the ids or the content); the connection's ``secure_delete`` (always
on, rawfile.py) overwrites the freed bytes, and the caller rewrites the file afterwards.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, func, select, union_all, update
from sqlalchemy.orm import Session

from kim_desktop.core.casefile.models import (
    Appointment,
    Assessment,
    Case,
    CaseMember,
    Client,
    Consent,
    Draft,
    Goal,
    GoalStep,
    Referral,
)
from kim_desktop.core.casefile.names import fold
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework._base import _reading, display_name
from kim_desktop.core.errors import (
    RejectedInputError,
    RestrictedError,
    UnknownRecord,
    UsageError,
)

# Kinds of erasure (the audit entry's record id says which kind, nothing more).
CASE, CLIENT, DUE = "case", "client", "due"
# What a goal's or a step's wording becomes when it named an erased person (the column is
# required); other free text is emptied.
ERASED_TEXT = "[gelöscht]"
_REQUIRED_TEXT = frozenset({("goals", "title"), ("goal_steps", "what")})
# The audit entry of an erasure: this entity, the kind as record id (never ids or names).
AUDIT_ENTITY = "erasure"
# A word of a name this long or longer in a passage says that it names the person.
MIN_NAME_WORD = 3
# Name parts too common to say that a passage names someone.
_PARTICLES = frozenset(
    {"al", "ben", "bin", "da", "de", "del", "della", "den", "der", "des", "di", "do"}
    | {"dos", "du", "el", "ibn", "la", "le", "van", "von", "zu", "zum", "zur", "und"}
)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Passage:
    """A free-text field of a shared case that names an erased person."""

    table: str
    record_id: str
    column: str


@dataclass(frozen=True)
class ErasurePlan:
    """Everything one erasure removes. ``case_labels`` and ``client_names`` name persons:
    for the confirmation in the window and on the terminal only, never for logs."""

    kind: str
    case_ids: tuple[str, ...]
    client_ids: tuple[str, ...]
    passages: tuple[Passage, ...]
    appointments: int
    goals: int
    referrals: int
    assessments: int
    consents: int
    # The earliest date the removed records count on, and the municipalities they count in:
    # which figures the erasure can change (residue.py keeps the ended ones).
    earliest: dt.date | None
    municipalities: tuple[str, ...]
    draft_ids: tuple[str, ...] = field(compare=False)  # a form may save one meanwhile
    case_labels: tuple[str, ...] = field(compare=False)
    client_names: tuple[str, ...] = field(compare=False)
    # Restricted clients (Art. 18) an erasure of everything due leaves out, with their cases.
    restricted_left_out: int = field(default=0, compare=False)

    @property
    def empty(self) -> bool:
        return not self.case_ids and not self.client_ids

    def counts(self) -> dict[str, int]:
        """How many of each kind go (``kim erase`` prints these; no names)."""
        return {
            "cases": len(self.case_ids),
            "clients": len(self.client_ids),
            "appointments": self.appointments,
            "goals": self.goals,
            "referrals": self.referrals,
            "assessments": self.assessments,
            "consents": self.consents,
            "passages_emptied": len(self.passages),
            "drafts": len(self.draft_ids),
        }


def _name_words(given: str | None, family: str | None) -> set[str]:
    words = set(_WORD.findall(fold(given))) | set(_WORD.findall(fold(family)))
    return {word for word in words if len(word) >= MIN_NAME_WORD and word not in _PARTICLES}


def _names_in(text: str | None, names: Iterable[set[str]]) -> bool:
    if not text:
        return False
    words = set(_WORD.findall(fold(text)))
    return any(words & name for name in names)


def _closure(
    conn: Connection, case_ids: set[str], client_ids: set[str]
) -> tuple[set[str], set[str]]:
    """Add the cases whose every member goes and the members of erased cases who are in no
    case that stays, until nothing changes (a case can take another member along)."""
    while True:
        involved = select(CaseMember.case_id).where(CaseMember.client_id.in_(sorted(client_ids)))
        members: dict[str, set[str]] = {}
        for case_id, client_id in conn.execute(
            select(CaseMember.case_id, CaseMember.client_id).where(
                CaseMember.case_id.in_(involved) | CaseMember.case_id.in_(sorted(case_ids))
            )
        ):
            members.setdefault(case_id, set()).add(client_id)
        cases = case_ids | {case_id for case_id, who in members.items() if who <= client_ids}
        candidates = {m for case_id in cases for m in members.get(case_id, set())} - client_ids
        staying = (
            set(
                conn.scalars(
                    select(CaseMember.client_id).where(
                        CaseMember.client_id.in_(sorted(candidates)),
                        CaseMember.case_id.not_in(sorted(cases)),
                    )
                )
            )
            if candidates
            else set()
        )
        clients = client_ids | (candidates - staying)
        if cases == case_ids and clients == client_ids:
            return cases, clients
        case_ids, client_ids = cases, clients


def _in_chunks(ids: Iterable[str], size: int = 500) -> Iterator[list[str]]:
    chunk: list[str] = []
    for record_id in ids:
        chunk.append(record_id)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _count(conn: Connection, column: Any, ids: set[str]) -> int:
    return sum(
        conn.scalar(select(func.count()).where(column.in_(chunk))) or 0
        for chunk in _in_chunks(sorted(ids))
    )


def _shared_passages(
    conn: Connection, cases: set[str], clients: set[str]
) -> tuple[list[Passage], set[str]]:
    """Free text in the cases that stay that names an erased member; the shared cases."""
    shared = set(
        conn.scalars(
            select(CaseMember.case_id).where(
                CaseMember.client_id.in_(sorted(clients)), CaseMember.case_id.not_in(sorted(cases))
            )
        )
    )
    if not shared:
        return [], shared
    names = [
        _name_words(given, family)
        for given, family in conn.execute(
            select(Client.given_name, Client.family_name).where(Client.id.in_(sorted(clients)))
        )
    ]
    names = [words for words in names if words]
    passages: list[Passage] = []
    sources = (
        (Case, Case.id, Case.notes, "notes"),
        (Appointment, Appointment.case_id, Appointment.notes, "notes"),
        (Assessment, Assessment.case_id, Assessment.notes, "notes"),
        (Goal, Goal.case_id, Goal.title, "title"),
    )
    for model, case_column, text_column, column in sources:
        rows = conn.execute(
            select(model.id, text_column).where(
                case_column.in_(sorted(shared)),
                text_column.is_not(None),
                # An assessment of an erased member goes as a whole.
                *(
                    [Assessment.client_id.is_(None) | Assessment.client_id.not_in(sorted(clients))]
                    if model is Assessment
                    else []
                ),
            )
        )
        passages += [
            Passage(model.__tablename__, record_id, column)
            for record_id, text in rows
            if _names_in(text, names)
        ]
    # A step belongs to its goal's case; its what and who are scanned alike.
    for column in ("what", "who"):
        text_column = getattr(GoalStep, column)
        rows = conn.execute(
            select(GoalStep.id, text_column)
            .join(Goal, Goal.id == GoalStep.goal_id)
            .where(Goal.case_id.in_(sorted(shared)), text_column.is_not(None))
        )
        passages += [
            Passage(GoalStep.__tablename__, record_id, column)
            for record_id, text in rows
            if _names_in(text, names)
        ]
    return sorted(passages, key=lambda p: (p.table, p.record_id, p.column)), shared


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _drafts(conn: Connection, record_ids: set[str], names: list[set[str]]) -> list[str]:
    """Drafts opened for an erased record, or whose typed text names an erased person."""
    found: list[str] = []
    for draft_id, context, typed in conn.execute(
        select(Draft.id, Draft.context, Draft.input_values)
    ):
        try:
            ids = set(_strings(json.loads(context)))
            texts = list(_strings(json.loads(typed)))
        except ValueError:
            found.append(draft_id)  # unreadable: it may be about anyone
            continue
        if ids & record_ids or any(_names_in(text, names) for text in texts):
            found.append(draft_id)
    return sorted(found)


def _restricted(conn: Connection, clients: set[str]) -> set[str]:
    return set(
        conn.scalars(
            select(Client.id).where(
                Client.id.in_(sorted(clients)), Client.restricted_on.is_not(None)
            )
        )
    )


def plan_erasure(
    conn: Connection,
    kind: str,
    case_ids: Iterable[str] = (),
    client_ids: Iterable[str] = (),
) -> ErasurePlan:
    """The plan for erasing these cases and clients, read in ``conn``'s transaction.
    Unknown ids raise ``UnknownRecord`` (naming the id, which is no personal data). A client
    whose processing is restricted (Art. 18) is kept: asking for them (or for a case that
    would take them along) raises ``RestrictedError``; everything due leaves them out, and
    the cases they are in."""
    cases_asked, clients_asked = set(case_ids), set(client_ids)
    known_cases = set(conn.scalars(select(Case.id).where(Case.id.in_(sorted(cases_asked)))))
    for case_id in sorted(cases_asked - known_cases):
        raise UnknownRecord("case_id", f"no case '{case_id}' in this file (erased already?)")
    known_clients = set(conn.scalars(select(Client.id).where(Client.id.in_(sorted(clients_asked)))))
    for client_id in sorted(clients_asked - known_clients):
        raise UnknownRecord("client_id", f"no client '{client_id}' in this file (erased already?)")
    left_out = 0
    if kind == DUE:
        members = select(CaseMember.client_id).where(CaseMember.case_id.in_(sorted(cases_asked)))
        kept = _restricted(conn, clients_asked | set(conn.scalars(members)))
        left_out = len(kept)
        clients_asked -= kept
        cases_asked -= set(
            conn.scalars(select(CaseMember.case_id).where(CaseMember.client_id.in_(sorted(kept))))
        )
    cases, clients = _closure(conn, cases_asked, clients_asked)
    if _restricted(conn, clients):
        # The rule names what is refused; the person stays unnamed (as in restriction.py).
        raise RestrictedError(
            "client_id",
            "processing is restricted (Art. 18 GDPR): lift the restriction before erasing",
        )
    passages, shared = _shared_passages(conn, cases, clients)
    dates = union_all(
        select(func.min(Case.opened_on)).where(Case.id.in_(sorted(cases | shared))),
        select(func.min(Appointment.date)).where(Appointment.case_id.in_(sorted(cases))),
        select(func.min(Goal.agreed_on)).where(Goal.case_id.in_(sorted(cases))),
        select(func.min(Referral.date)).where(Referral.case_id.in_(sorted(cases))),
    ).subquery()
    earliest = conn.scalar(select(func.min(dates.c[0])))
    if isinstance(earliest, str):
        earliest = dt.date.fromisoformat(earliest)
    municipalities = set(
        conn.scalars(select(Case.municipality).where(Case.id.in_(sorted(cases | shared))))
    ) | set(
        conn.scalars(
            select(Appointment.municipality)
            .where(Appointment.case_id.in_(sorted(cases)), Appointment.municipality.is_not(None))
            .distinct()
        )
    )
    people = list(
        conn.execute(
            select(Client.id, Client.given_name, Client.family_name).where(
                Client.id.in_(sorted(clients))
            )
        )
    )
    names = [words for _, given, family in people if (words := _name_words(given, family))]
    owned = set(
        conn.scalars(
            union_all(
                select(Appointment.id).where(Appointment.case_id.in_(sorted(cases))),
                select(Goal.id).where(Goal.case_id.in_(sorted(cases))),
                select(GoalStep.id)
                .join(Goal, Goal.id == GoalStep.goal_id)
                .where(Goal.case_id.in_(sorted(cases))),
                select(Referral.id).where(Referral.case_id.in_(sorted(cases))),
                select(Assessment.id).where(
                    Assessment.case_id.in_(sorted(cases))
                    | Assessment.client_id.in_(sorted(clients))
                ),
            )
        )
    )
    labels = [
        display_name(family, given)
        for family, given in conn.execute(
            select(Client.family_name, Client.given_name)
            .join(CaseMember, CaseMember.client_id == Client.id)
            .where(CaseMember.case_id.in_(sorted(cases)), CaseMember.role == "primary")
            .order_by(Client.family_name, Client.given_name)
        )
    ]
    return ErasurePlan(
        kind=kind,
        case_ids=tuple(sorted(cases)),
        client_ids=tuple(sorted(clients)),
        passages=tuple(passages),
        draft_ids=tuple(_drafts(conn, cases | clients | owned, names)),
        appointments=_count(conn, Appointment.case_id, cases),
        goals=_count(conn, Goal.case_id, cases),
        referrals=_count(conn, Referral.case_id, cases),
        assessments=len(
            set(
                conn.scalars(
                    select(Assessment.id).where(
                        Assessment.case_id.in_(sorted(cases))
                        | Assessment.client_id.in_(sorted(clients))
                    )
                )
            )
        ),
        consents=_count(conn, Consent.client_id, clients),
        earliest=earliest,
        municipalities=tuple(sorted(m for m in municipalities if m)),
        case_labels=tuple(labels),
        client_names=tuple(sorted(display_name(f, g) for _, g, f in people)),
        restricted_left_out=left_out,
    )


def plan(
    casefile: CaseFile, kind: str, case_ids: Iterable[str] = (), client_ids: Iterable[str] = ()
) -> ErasurePlan:
    """``plan_erasure`` in a read transaction of its own (to show before confirming)."""
    if casefile.role == "coordinator":
        raise UsageError("A coordinator's file holds no persons; there is nothing to erase.")
    with _reading(casefile) as conn:
        return plan_erasure(conn, kind, case_ids, client_ids)


def remove(session: Session, plan: ErasurePlan) -> None:
    """Remove what ``plan`` covers, in the caller's write transaction."""
    if plan.empty:
        raise RejectedInputError("Nothing to erase.")
    bulk = {"synchronize_session": False}
    for passage in plan.passages:
        models = (Case, Appointment, Assessment, Goal, GoalStep)
        model = {m.__tablename__: m for m in models}[passage.table]
        value = ERASED_TEXT if (passage.table, passage.column) in _REQUIRED_TEXT else None
        session.execute(
            update(model).where(model.id == passage.record_id).values({passage.column: value}),
            execution_options=bulk,
        )
    for chunk in _in_chunks(plan.draft_ids):
        session.execute(delete(Draft).where(Draft.id.in_(chunk)), execution_options=bulk)
    for chunk in _in_chunks(plan.case_ids):
        # Cascades take appointments (and their themes), goals, referrals, assessments
        # (and their ratings), phase history and memberships.
        session.execute(delete(Case).where(Case.id.in_(chunk)), execution_options=bulk)
    for chunk in _in_chunks(plan.client_ids):
        for statement in (
            delete(Assessment).where(Assessment.client_id.in_(chunk)),
            delete(CaseMember).where(CaseMember.client_id.in_(chunk)),
            delete(Consent).where(Consent.client_id.in_(chunk)),
            delete(Client).where(Client.id.in_(chunk)),
        ):
            session.execute(statement, execution_options=bulk)
