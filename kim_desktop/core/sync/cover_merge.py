"""Merging a cover's return at the owner, and deciding what was kept side by side
(DESIGN.md §11 "Cover"; docs/handover.md; the cover itself is ``cover.py``).

The return is a handover from the substitute whose payload names the cover it returns. Its
records are merged by record id against the merge base stored when the cover was sent
(``cover_bases``: a SHA-256 per record), comparing the owner's record now ("mine") and the
substitute's ("theirs"):

- new at the substitute (no base, not here): added;
- changed by the substitute only (mine equals the base): taken over;
- changed by the owner only (theirs equals the base), or equal on both sides: mine stays;
- changed on both sides to different content (or deleted here and changed there): mine stays
  and theirs is kept side by side (``merge_conflicts``) for the owner to decide — never
  overwritten silently;
- deleted by the substitute (a kind case work can delete: appointment, assessment, goal,
  a goal's agreed step, referral, consent): deleted when mine equals the base, else kept side
  by side.

A goal's agreed steps (carried beside the document, ``carried_steps.py``) are records of their
own: merged by these rules, one by one. A goal the substitute deleted stays side by side when
this file has a step of it that the merge would not delete (the owner's change or new step);
a new step of a goal this file no longer has is kept side by side. A goal taken over keeps
its steps (it is written in place).

A client (or a client's consents) missing from the return is not a deletion: the client only
left the case there. Everything is validated before writing (the substitute's whole document
by the interchange's rules against this file) and written in one transaction, or nothing."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kim_desktop.core.casefile import audit
from kim_desktop.core.casefile.models import (
    Case,
    CaseMember,
    CasePhaseChange,
    Client,
    CoverBase,
    CoverSent,
    Goal,
    MergeConflict,
)
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import InvalidInput, UnknownRecord, ValidationFailed
from kim_desktop.core.interchange import write_document
from kim_desktop.core.interchange.format import DATE_FIELDS, MODELS, PLAIN_FIELDS
from kim_desktop.core.interchange.rules import ExistingState, validate
from kim_desktop.core.sync import carried_steps, wire
from kim_desktop.core.sync.carried_steps import STEP_ENTITY, steps_of
from kim_desktop.core.sync.cover import (
    CASE_BOUND,
    COVER_RETURN_ENTRY,
    ENTITIES,
    CoverRejected,
    Key,
    digest,
    keyed_records,
)
from kim_desktop.core.sync.handover import (
    _document,
    phase_history,
    refused_when_misfit,
    remember_received,
)

ADDED, TAKEN, DELETED, SIDE_BY_SIDE = "added", "taken", "deleted", "side_by_side"
_HEADER = ("format", "version", "exported_at", "owner")


@dataclass
class MergeCounts:
    """What a merge did, per outcome and record kind (counts only, never values)."""

    added: dict[str, int] = field(default_factory=dict)
    taken: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    side_by_side: dict[str, int] = field(default_factory=dict)

    def count(self, outcome: str, entity: str) -> None:
        counts: dict[str, int] = getattr(self, outcome)
        counts[entity] = counts.get(entity, 0) + 1


@dataclass(frozen=True)
class _Decision:
    key: Key
    outcome: str
    theirs: dict[str, Any] | None
    case_id: str | None


def _case_of(
    key: Key,
    record: Mapping[str, Any],
    by_client: Mapping[str, str],
    by_goal: Mapping[str, str],
) -> str | None:
    entity, record_id = key
    if entity == "cases":
        return record_id
    if entity in CASE_BOUND:
        return str(record.get("case_id"))
    if entity == STEP_ENTITY:
        return by_goal.get(str(record.get("goal_id")))
    client = record_id if entity == "clients" else str(record.get("client_id"))
    return by_client.get(client)


def _decide(
    base: Mapping[Key, str],
    mine: Mapping[Key, dict[str, Any]],
    theirs: Mapping[Key, dict[str, Any]],
    case_ids: Sequence[str],
) -> list[_Decision]:
    """The merge rules (module docstring) for every record of the base or the return."""
    wanted = set(case_ids)
    by_client: dict[str, str] = {}
    by_goal: dict[str, str] = {}
    for source in (theirs, mine):
        for (entity, record_id), record in source.items():
            if entity == "cases":
                for member in record.get("members", []):
                    by_client.setdefault(member["client_id"], record_id)
            elif entity == "goals":
                by_goal.setdefault(record_id, str(record.get("case_id")))
    found: list[_Decision] = []
    for key in sorted(set(base) | set(theirs)):
        entity, _record_id = key
        b, m, t = base.get(key), mine.get(key), theirs.get(key)
        known = t or m
        if known is None:
            continue  # deleted on both sides
        case_id = _case_of(key, known, by_client, by_goal)
        if t is None:
            # Missing from the return: a deletion only for a kind case work deletes, of a
            # returned case (a client, or their consents, only left the case there).
            if entity in ("clients", "cases") or case_id not in wanted:
                continue
            if entity == "consents" and ("clients", str(known.get("client_id"))) not in theirs:
                continue
            if m is None:
                continue
            found.append(_Decision(key, DELETED if digest(m) == b else SIDE_BY_SIDE, None, case_id))
            continue
        their_digest = digest(t)
        mine_digest = digest(m) if m is not None else None
        if their_digest in (mine_digest, b):
            continue  # the same on both sides, or unchanged there: mine stays
        if b is None and m is None:
            found.append(_Decision(key, ADDED, t, case_id))
        elif b is not None and mine_digest == b:
            found.append(_Decision(key, TAKEN, t, case_id))
        else:
            found.append(_Decision(key, SIDE_BY_SIDE, t, case_id))
    return _with_steps_kept(found, mine)


def _with_steps_kept(
    decisions: list[_Decision], mine: Mapping[Key, dict[str, Any]]
) -> list[_Decision]:
    """No step is lost with its goal, and none is written without it: a goal deleted by the
    substitute while this file has a step of it the merge does not delete stays side by
    side; a new step of a goal this file will not have (deleted here) is kept side by side."""
    outcome = {d.key: d.outcome for d in decisions}
    kept_steps = {
        str(record.get("goal_id"))
        for key, record in mine.items()
        if key[0] == STEP_ENTITY and outcome.get(key) != DELETED
    }
    settled = [
        replace(d, outcome=SIDE_BY_SIDE)
        if d.key[0] == "goals" and d.outcome == DELETED and d.key[1] in kept_steps
        else d
        for d in decisions
    ]
    goals = {record_id for entity, record_id in mine if entity == "goals"}
    goals |= {d.key[1] for d in settled if d.key[0] == "goals" and d.outcome in (ADDED, TAKEN)}
    goals -= {d.key[1] for d in settled if d.key[0] == "goals" and d.outcome == DELETED}
    return [
        replace(d, outcome=SIDE_BY_SIDE)
        if d.key[0] == STEP_ENTITY
        and d.outcome in (ADDED, TAKEN)
        and d.theirs is not None
        and d.theirs.get("goal_id") not in goals
        else d
        for d in settled
    ]


# -- writing records ----------------------------------------------------------------------------


def _columns(entity: str, record: Mapping[str, Any]) -> dict[str, Any]:
    row = {key: record.get(key) for key in PLAIN_FIELDS[entity]}
    for name in DATE_FIELDS[entity]:
        value = record.get(name)
        row[name] = dt.date.fromisoformat(value) if value is not None else None
    return row


def _update_in_place(session: Session, entity: str, record: Mapping[str, Any]) -> None:
    """Replace a client's, a case's or a goal's content where it stands (deleting a case
    would take its appointments along, a client their consents, a goal its steps)."""
    row = _columns(entity, record)
    record_id = row.pop("id")
    bulk = {"synchronize_session": False}
    if entity == "goals":
        session.execute(
            update(Goal).where(Goal.id == record_id).values(row), execution_options=bulk
        )
        return
    if entity == "clients":
        languages = record.get("languages")
        row["languages"] = json.dumps(languages, ensure_ascii=False) if languages else None
        session.execute(
            update(Client).where(Client.id == record_id).values(row), execution_options=bulk
        )
        return
    row["phase"] = record.get("phase") or ("closed" if record.get("closed_on") else "intake")
    session.execute(update(Case).where(Case.id == record_id).values(row), execution_options=bulk)
    session.execute(
        delete(CaseMember).where(CaseMember.case_id == record_id), execution_options=bulk
    )
    members = record.get("members", [])
    has_primary = any(m.get("role") == "primary" for m in members)
    session.execute(
        insert(CaseMember),
        [
            {
                "case_id": record_id,
                "client_id": m["client_id"],
                "role": m.get("role") or ("primary" if i == 0 and not has_primary else "household"),
                "position": i,
            }
            for i, m in enumerate(members)
        ],
    )
    session.execute(
        delete(CasePhaseChange).where(CasePhaseChange.case_id == record_id), execution_options=bulk
    )
    history = [
        {
            "case_id": record_id,
            "changed_on": dt.date.fromisoformat(c["changed_on"]),
            "from_phase": c.get("from_phase"),
            "to_phase": c["to_phase"],
            "closure_reason": c.get("closure_reason"),
        }
        for c in record.get("phase_history", [])
    ]
    if history:
        session.execute(insert(CasePhaseChange), history)


def _check(
    session: Session, document: Mapping[str, Any], replaced: Sequence[Key], name: str
) -> None:
    """Validate ``document`` by the interchange's rules against this file as if the
    ``replaced`` records were not in it yet."""
    state = ExistingState.of(session)
    for entity, record_id in replaced:
        state.ids[entity].discard(record_id)
        if entity == "cases":
            state.case_members.pop(record_id, None)
    problems = validate(dict(document), state)
    if problems:
        raise ValidationFailed(name, problems)


def _apply(
    session: Session,
    actor: str,
    header: Mapping[str, Any],
    writes: Sequence[tuple[Key, dict[str, Any] | None, bool]],
    name: str,
) -> None:
    """Write records in the caller's transaction: (key, record or None to delete, whether
    this file has the record now). Validated first; foreign keys checked at commit."""
    session.execute(text("PRAGMA defer_foreign_keys = ON"))
    bulk = {"synchronize_session": False}
    present = [key for key, _record, here in writes if here and key[0] != STEP_ENTITY]
    document: dict[str, Any] = {**header, "municipalities": list(header.get("municipalities", []))}
    for entity in ENTITIES:
        document[entity] = [
            {k: v for k, v in r.items() if k != "phase_history"}
            for (kind, _), r, _here in writes
            if kind == entity and r is not None
        ]
    _check(session, document, present, name)
    inserted: dict[str, list[dict[str, Any]]] = {entity: [] for entity in ENTITIES}
    steps = [(key[1], record, here) for key, record, here in writes if key[0] == STEP_ENTITY]
    for step_id, record, here in steps:  # deletions first: a goal deleted below takes the rest
        if record is None and here:
            carried_steps.replace_step(session, actor, step_id, None, here, name)
    for (entity, record_id), record, here in writes:
        if entity == STEP_ENTITY:
            continue
        if here and entity in ("clients", "cases", "goals") and record is not None:
            _update_in_place(session, entity, record)
            audit.add_entry(session, actor, "update", entity, record_id)
            continue
        if here and entity == "goals":
            carried_steps.delete_steps_of_goal(session, actor, record_id)
        if here:
            model = MODELS[entity]
            session.execute(delete(model).where(model.id == record_id), execution_options=bulk)  # type: ignore[attr-defined]
            audit.add_entry(session, actor, "update" if record else "delete", entity, record_id)
        if record is not None:
            inserted[entity].append({k: v for k, v in record.items() if k != "phase_history"})
            if entity == "cases":
                raise CoverRejected(f"{name}: a case that is not in this file; nothing imported.")
    if any(inserted.values()):
        write_document(session, actor, {**document, **inserted}, name)
    for step_id, record, here in steps:  # after the goals they belong to
        if record is not None:
            carried_steps.replace_step(session, actor, step_id, record, here, name)


# -- the merge ----------------------------------------------------------------------------------


def merge_return(
    casefile: CaseFile,
    header: Mapping[str, Any],
    payload: Mapping[str, Any],
    name: str,
    file_digest: str,
    seen: Callable[[Session], bool],
) -> MergeCounts | None:
    """Merge a cover's return (checked as a handover already) in one transaction; None when
    these bytes were merged before (a no-op)."""
    cover_id = payload["returns"]
    case_ids = list(payload["case_ids"])
    with casefile.reading_session() as session:
        sent = session.get(CoverSent, cover_id)
        if sent is None:
            raise CoverRejected(
                f"{name}: returns a cover this file did not send; nothing imported."
            )
        if sent.to_key_id != header["sender_key_id"]:
            raise CoverRejected(
                f"{name}: not from the colleague the cover went to; nothing imported."
            )
        if sent.merged_at is not None:
            raise CoverRejected(f"{name}: this cover was merged already; nothing imported.")
        base = {
            (row.entity, row.record_id): row.digest
            for row in session.scalars(select(CoverBase).where(CoverBase.handover_id == cover_id))
        }
        covered = set(
            session.scalars(
                select(Case.id).where(Case.id.in_(case_ids), Case.covered_by.is_not(None))
            )
        )
    if any(("cases", c) not in base or c not in covered for c in case_ids):
        raise CoverRejected(f"{name}: names a case that was not in this cover; nothing imported.")
    try:
        theirs = keyed_records(
            payload["document"],
            payload["phase_history"],
            payload.get(carried_steps.STEPS_FIELD) or [],
        )
    except (KeyError, TypeError, AttributeError):
        raise CoverRejected(f"{name}: malformed content (not a well-formed handover).") from None
    mine = keyed_records(
        _document(casefile, case_ids),
        phase_history(casefile, case_ids),
        steps_of(casefile, case_ids),
    )
    decisions = _decide(base, mine, theirs, case_ids)
    counts = MergeCounts()
    document = payload["document"]
    header_part = {k: document[k] for k in (*_HEADER, "municipalities") if k in document}
    today = dt.date.today()
    with refused_when_misfit(CoverRejected, name), casefile.transaction() as session:
        if seen(session):
            return None
        # The substitute's whole document must fit this file, kept side by side or not.
        _check(session, document, [key for key in theirs if key[0] != STEP_ENTITY], name)
        writes = [
            (d.key, d.theirs, d.key in mine)
            for d in decisions
            if d.outcome in (ADDED, TAKEN, DELETED)
        ]
        _apply(session, casefile.owner, header_part, writes, name)
        for d in decisions:
            counts.count(d.outcome, d.key[0])
            if d.outcome == SIDE_BY_SIDE:
                session.add(
                    MergeConflict(
                        handover_id=cover_id,
                        case_id=d.case_id,
                        entity=d.key[0],
                        record_id=d.key[1],
                        theirs=None
                        if d.theirs is None
                        else json.dumps(d.theirs, ensure_ascii=False),
                        found_on=today,
                    )
                )
        session.execute(
            update(Case)
            .where(Case.id.in_(case_ids))
            .values(covered_by=None, covered_by_name=None, covered_until=None),
            execution_options={"synchronize_session": False},
        )
        stored = session.get(CoverSent, cover_id)
        assert stored is not None
        stored.merged_at = wire.now()
        remember_received(session, casefile.owner, header, file_digest)
        audit.add_entry(session, casefile.owner, "import", COVER_RETURN_ENTRY, cover_id)
    return counts


# -- deciding -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    """A record kept side by side: this file's version (None: not here any more) and the
    substitute's (None: they deleted it). Names and content: for the window only."""

    id: int
    case_id: str | None
    entity: str
    record_id: str
    found_on: dt.date
    mine: dict[str, Any] | None
    theirs: dict[str, Any] | None


def _records_of(casefile: CaseFile, case_id: str | None) -> dict[Key, dict[str, Any]]:
    """This file's records of the case (as a cover carries them); none for a case gone."""
    if case_id is None:
        return {}
    with casefile.reading_session() as session:
        if session.get(Case, case_id) is None:
            return {}
    return keyed_records(
        _document(casefile, [case_id]),
        phase_history(casefile, [case_id]),
        steps_of(casefile, [case_id]),
    )


def conflicts(casefile: CaseFile, case_id: str | None = None) -> list[Conflict]:
    """The undecided records of the case (or of the whole file), oldest first. Reads this
    file's version of each case once (an export: the window calls this off its thread)."""
    with casefile.reading_session() as session:
        query = select(MergeConflict).order_by(MergeConflict.id)
        if case_id is not None:
            query = query.where(MergeConflict.case_id == case_id)
        rows = [
            (r.id, r.case_id, r.entity, r.record_id, r.found_on, r.theirs)
            for r in session.scalars(query)
        ]
    mine = {case: _records_of(casefile, case) for case in dict.fromkeys(r[1] for r in rows)}
    return [
        Conflict(
            row_id,
            case,
            entity,
            record_id,
            found_on,
            mine[case].get((entity, record_id)),
            None if theirs is None else json.loads(theirs),
        )
        for row_id, case, entity, record_id, found_on, theirs in rows
    ]


def conflict_count(casefile: CaseFile, case_id: str) -> int:
    """How many records of the case wait for the owner's decision."""
    with casefile.reading_session() as session:
        count = session.scalar(
            select(func.count()).select_from(MergeConflict).where(MergeConflict.case_id == case_id)
        )
    return int(count or 0)


def decide(casefile: CaseFile, conflict_id: int, take_theirs: bool) -> None:
    """Keep this file's version (the substitute's goes) or take the substitute's (validated,
    written in place of this file's; a deletion deletes). One transaction, audited."""
    with casefile.reading_session() as session:
        row = session.get(MergeConflict, conflict_id)
        if row is None:
            raise UnknownRecord("conflict_id", "no such record in 'merge_conflicts'")
        key: Key = (row.entity, row.record_id)
        case_id, stored = row.case_id, row.theirs
    mine = _records_of(casefile, case_id).get(key) if take_theirs else None
    theirs = None if stored is None else json.loads(stored)
    if take_theirs and theirs is None and key[0] in ("clients", "cases"):
        raise InvalidInput("conflict_id", "a client or case is not deleted by a merge")
    try:
        with casefile.transaction() as session:
            found = session.get(MergeConflict, conflict_id)
            if found is None:
                raise UnknownRecord("conflict_id", "no such record in 'merge_conflicts'")
            if take_theirs and not (theirs is None and mine is None):
                header = {"format": "kim-casefile", "version": 1}
                _apply(
                    session, casefile.owner, header, [(key, theirs, mine is not None)], "decision"
                )
            session.delete(found)
    except ValidationFailed as failed:
        first = failed.problems[0] if failed.problems else ""
        raise CoverRejected(f"The colleague's version does not fit this file ({first}).") from None
    except IntegrityError:
        raise CoverRejected("The colleague's version does not fit this file.") from None
