"""Cover for a colleague (DESIGN.md §11 "Cover"; docs/handover.md): a handover with
``cover_until`` in its header gives the substitute a working copy until that day; the
substitute's handover of the copy back to the owner is the return, which the owner merges
(``cover_merge.py``). The file format is the handover's (``handover.py``).

The owner's side: the cases are marked "in cover by … until …" and stay writable; every record
sent (client, consent, case with its phase history, appointment, assessment, goal, a goal's
agreed step, referral) is stored as a SHA-256 of its canonical JSON (``cover_bases``): the
merge base. The substitute's side: the cases are a copy marked with the owner and the day
(``cases.cover_for``, ``cover_until``); writable until and including that day, then
read-only and due for erasure (``casework/restriction``, ``casework/retention``); a copy sent
back is marked returned (read-only, due at once)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import select, update

from kim_desktop.core.casefile import audit
from kim_desktop.core.casefile.models import Case, CoverBase, CoverSent
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import RejectedInputError, UsageError
from kim_desktop.core.sync.carried_steps import STEP_ENTITY, normal

# The record kinds a cover carries and merges (interchange array names), parents first.
ENTITIES = ("clients", "cases", "appointments", "assessments", "goals", "referrals", "consents")
# Kinds bound to one case by ``case_id``.
CASE_BOUND = ("appointments", "assessments", "goals", "referrals")
# The entities of the explicit audit entries (record ids only, never content).
COVER_ENTRY = "cover"
CASE_IN_COVER_ENTRY = "case_in_cover"
COVER_RETURN_ENTRY = "cover_return"

Key = tuple[str, str]


class CoverRejected(RejectedInputError):
    """A cover or its return that is not written or not merged (exit code 4)."""


def digest(record: Mapping[str, Any]) -> str:
    """SHA-256 of the record's canonical JSON: equal exactly when the content is equal."""
    text = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def keyed_records(
    document: Mapping[str, Any],
    history: Sequence[Mapping[str, Any]],
    steps: Sequence[Mapping[str, Any]] = (),
) -> dict[Key, dict[str, Any]]:
    """Every record of a handover's document by (kind, id); a case carries its phase history
    (``phase_history``, which the interchange does not), so a phase change is a change.
    The goals' agreed steps (carried beside the document) are records of their own kind."""
    by_case: dict[str, list[dict[str, Any]]] = {}
    for change in history:
        row = {k: v for k, v in change.items() if k != "case_id"}
        by_case.setdefault(str(change["case_id"]), []).append(row)
    found: dict[Key, dict[str, Any]] = {}
    for entity in ENTITIES:
        for record in document.get(entity, []):
            if entity == "cases":
                record = {**record, "phase_history": by_case.get(record["id"], [])}
            found[entity, record["id"]] = record
    for step in steps:
        found[STEP_ENTITY, step["id"]] = normal(step)
    return found


def cover_date(value: str | dt.date, today: dt.date) -> dt.date:
    """The cover's last day: an ISO date, today or later (else ``UsageError``, exit 2)."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise UsageError("--cover-until: not a date (YYYY-MM-DD).") from None
    if value < today:
        raise UsageError("--cover-until: the cover must end today or later.")
    return value


def mark_cover_sent(
    casefile: CaseFile,
    case_ids: Sequence[str],
    to_key_id: str,
    to_name: str,
    until: dt.date,
    day: dt.date,
    handover_id: str,
    bases: Mapping[Key, dict[str, Any]],
) -> None:
    """Mark the cases in cover (writable still) and store the merge base, in one
    transaction audited by ids. Refused when a case is gone, handed over or in cover
    meanwhile."""
    with casefile.transaction() as session:
        for case_id in case_ids:
            case = session.get(Case, case_id)
            if case is None or case.handed_over_to is not None or case.covered_by is not None:
                raise CoverRejected(f"{case_id}: changed meanwhile; nothing given in cover.")
            case.covered_by, case.covered_by_name, case.covered_until = to_key_id, to_name, until
            audit.add_entry(session, casefile.owner, "export", CASE_IN_COVER_ENTRY, case_id)
        session.add(
            CoverSent(
                handover_id=handover_id,
                to_key_id=to_key_id,
                to_name=to_name,
                until=until,
                sent_on=day,
            )
        )
        session.flush()
        session.add_all(
            CoverBase(handover_id=handover_id, entity=entity, record_id=record_id, digest=digest(r))
            for (entity, record_id), r in bases.items()
        )
        audit.add_entry(session, casefile.owner, "export", COVER_ENTRY, handover_id)


def return_of(casefile: CaseFile, case_ids: Iterable[str], to_key_id: str) -> str | None:
    """For a handover of ``case_ids`` to ``to_key_id``: the cover id it returns when the
    cases are cover copies (all of one cover, every case of it still here, to its owner),
    or None for ordinary cases. A mix, another recipient or a copy returned already is
    refused."""
    wanted = list(dict.fromkeys(case_ids))
    with casefile.reading_session() as session:
        rows = session.execute(
            select(
                Case.id, Case.cover_for, Case.cover_for_name, Case.cover_id, Case.cover_returned_on
            ).where(Case.id.in_(wanted))
        ).all()
        copies = [r for r in rows if r.cover_for is not None]
        if not copies:
            return None
        if len(copies) != len(rows) or len({r.cover_id for r in copies}) != 1:
            raise CoverRejected(
                "Cover copies go back on their own: one cover at a time, without other cases."
            )
        first = copies[0]
        if any(r.cover_returned_on is not None for r in copies):
            raise CoverRejected(f"{first.id}: the cover copy was returned already.")
        if first.cover_for != to_key_id:
            raise CoverRejected(
                f"{first.id}: a cover copy goes back only to {first.cover_for_name} "
                f"({first.cover_for}), whom it covers for."
            )
        all_of_cover = set(session.scalars(select(Case.id).where(Case.cover_id == first.cover_id)))
    missing = sorted(all_of_cover - set(wanted))
    if missing:
        raise CoverRejected(f"Return every case of the cover together (also {', '.join(missing)}).")
    return str(first.cover_id)


def mark_returned(
    casefile: CaseFile, case_ids: Sequence[str], day: dt.date, handover_id: str
) -> None:
    """Mark the substitute's copies returned (read-only, due for erasure), audited by ids."""
    with casefile.transaction() as session:
        for case_id in case_ids:
            case = session.get(Case, case_id)
            if case is None or case.cover_for is None or case.cover_returned_on is not None:
                raise CoverRejected(f"{case_id}: changed meanwhile; nothing returned.")
            case.cover_returned_on = day
        audit.add_entry(session, casefile.owner, "export", COVER_RETURN_ENTRY, handover_id)


def mark_cover_copies(
    session: Any,
    case_ids: Sequence[str],
    owner_key_id: str,
    owner_name: str,
    until: dt.date,
    cover_id: str,
) -> None:
    """In the import's transaction: the imported cases are the substitute's cover copy."""
    session.execute(
        update(Case)
        .where(Case.id.in_(list(case_ids)))
        .values(
            cover_for=owner_key_id,
            cover_for_name=owner_name,
            cover_until=until,
            cover_id=cover_id,
        ),
        execution_options={"synchronize_session": False},
    )


def copies_of(casefile: CaseFile, cover_id: str) -> list[str]:
    """The ids of this file's cover copies of one cover (what "Give back …" returns)."""
    with casefile.reading_session() as session:
        return sorted(session.scalars(select(Case.id).where(Case.cover_id == cover_id)))
