"""Importing a handover (DESIGN.md §11; docs/handover.md; the format is ``handover.py``).

Everything is checked before anything is written: the header, that the file is addressed to
this file's encryption key, that the sender is an enrolled, unrevoked member of this file's
team (the district configuration in force) in the same district, the signature and the
payload — whose interchange document is validated by the interchange's own rules in the
transaction that writes it. Then all of it is written in that one transaction, or nothing.

- The same handover imported again is a no-op (``received_handovers``, migration 0016).
- A client this file has already (same id) is linked: the cases' memberships point to the
  existing record, which is kept as it is here; when the handover's record differs, the
  fields that differ are named (never their values) and the recipient decides.
  Consents of such a client that this file has already (same id) are kept as well.
- A case this file has already is refused: a case lives in one file; so is an agreed step.
- The goals' agreed steps (``goal_steps``, carried beside the document) are checked before
  anything is written (``carried_steps.checked_steps``) and written in the same transaction;
  a handover from before steps travelled has none.
- A cover (``cover_until`` in the header) is written as the substitute's working copy, marked
  with the owner and the day (cover.py); one that ended already is refused.
- A cover's return (``returns`` in the payload) is merged into the owner's cases
  (cover_merge.py)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from kim_desktop.core.casefile.models import (
    Case,
    CasePhaseChange,
    Client,
    Consent,
    ReceivedHandover,
)
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.interchange import export_document, write_document
from kim_desktop.core.sync import carried_steps, cover, cover_merge, wire
from kim_desktop.core.sync.handover import (
    COVER_FIELD,
    HKDF_INFO,
    MAX_HANDOVER_BYTES,
    PAYLOAD_FORMAT,
    RETURNS_FIELD,
    HandoverRejected,
    _settings,
    chunks,
    read_header,
    refused_when_misfit,
    remember_received,
)
from kim_desktop.core.sync.keys import key_id, stored_keys
from kim_desktop.core.sync.signed import read_bounded

log = logging.getLogger(__name__)

PHASES = frozenset({"intake", "assessment", "agreement", "implementation", "closed"})
MAX_PHASE_CHANGES = 1_000_000
HANDED_OVER_ON = "handed_over_on"  # the payload field of the handover day


@dataclass(frozen=True)
class HandoverReceived:
    """What ``import_handover`` did. ``already``: imported before, nothing written."""

    handover_id: str
    sender_name: str
    case_ids: tuple[str, ...]
    clients_added: tuple[str, ...]
    clients_linked: tuple[str, ...]
    # Linked clients whose record in the handover differs from this file's: the field
    # names that differ (this file's record was kept).
    differing: dict[str, tuple[str, ...]]
    already: bool = False
    # A cover: the last day of the working copy written here.
    cover_until: dt.date | None = None
    # A cover's return merged here: what was added, taken over, deleted, kept side by side.
    merged: cover_merge.MergeCounts | None = None


@dataclass(frozen=True)
class _Opened:
    header: dict[str, Any]
    payload: dict[str, Any]
    sender_name: str


def open_handover(casefile: CaseFile, data: bytes, name: str) -> _Opened:
    """Every check that needs no write: header, recipient, sender, district, signature and
    the payload's shape. Raises ``HandoverRejected`` (exit 4) with one line."""
    header, prefix = read_header(data, name)
    settings = _settings(casefile)
    keys = stored_keys(casefile)  # only read: a refusal writes nothing, not even a new key
    if keys is None or keys.encryption is None or keys.encryption_public is None:
        raise HandoverRejected(
            f"{name}: this file has no key for handovers; it is addressed to someone else."
        )
    if header["recipient_key_id"] != key_id(keys.encryption_public):
        raise HandoverRejected(f"{name}: addressed to another colleague (wrong recipient key).")
    if header["district"] != settings.district:
        raise HandoverRejected(f"{name}: from another district; nothing imported.")
    sender = header["sender_key_id"]
    if sender in settings.revoked:
        raise HandoverRejected(f"{name}: the sender's key is revoked; nothing imported.")
    member = next((m for m in settings.team if m.key_id == sender), None)
    if member is None or wire.unb64(header["sender_signing_key"], 32) != member.signing_key:
        raise HandoverRejected(f"{name}: the sender is not a member of this district's team.")
    try:
        payload_bytes, _sender_key = wire.unseal(
            header, prefix, data, keys.encryption, keys.encryption_public, name, HKDF_INFO
        )
    except wire.BundleRejected as problem:  # the same sentence, as a handover's refusal
        raise HandoverRejected(problem.message) from None
    try:
        payload = json.loads(payload_bytes.decode("utf-8"))
        _check_payload(payload, header)
    except RecursionError:
        raise HandoverRejected(f"{name}: malformed content (nested too deeply).") from None
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        # Fixed wording: an exception's text may repeat a value of the payload.
        raise HandoverRejected(
            f"{name}: malformed content (not a well-formed handover); nothing imported."
        ) from None
    try:
        payload[carried_steps.STEPS_FIELD] = carried_steps.checked_steps(
            payload.get(carried_steps.STEPS_FIELD), payload["document"], set(payload["case_ids"])
        )
    except carried_steps.StepProblem as problem:  # names the step and the field, not text
        raise HandoverRejected(f"{name}: {problem}; nothing imported.") from None
    return _Opened(header, payload, member.name)


def _check_payload(payload: Any, header: dict[str, Any]) -> None:
    if not isinstance(payload, dict) or payload.get("format") != PAYLOAD_FORMAT:
        raise ValueError("not a handover payload")
    required = {"format", "handover_id", "case_ids", "document", "phase_history"}
    optional = {HANDED_OVER_ON, RETURNS_FIELD, carried_steps.STEPS_FIELD}
    if not required <= set(payload) <= required | optional:
        raise ValueError("payload fields")
    handover_day(payload, header)
    if RETURNS_FIELD in payload:
        if COVER_FIELD in header or not isinstance(payload[RETURNS_FIELD], str):
            raise ValueError("returns")
        uuid.UUID(payload[RETURNS_FIELD])
    if payload["handover_id"] != header["handover_id"]:
        raise ValueError("handover id differs from the header")
    case_ids = payload["case_ids"]
    if (
        not isinstance(case_ids, list)
        or len(case_ids) != header["cases"]
        or len(set(case_ids)) != len(case_ids)
        or not all(isinstance(c, str) for c in case_ids)
    ):
        raise ValueError("case ids")
    document = payload["document"]
    if not isinstance(document, dict) or not isinstance(document.get("cases"), list):
        raise ValueError("document")
    for array in ("clients", "consents"):
        # Read before the interchange validation runs (linking known clients): plain
        # records with string ids, or the handover is malformed.
        records = document.get(array, [])
        if not isinstance(records, list) or not all(
            isinstance(r, dict) and isinstance(r.get("id"), str) for r in records
        ):
            raise ValueError(array)
        if array == "consents" and not all(
            r.get("client_id") is None or isinstance(r.get("client_id"), str) for r in records
        ):
            raise ValueError(array)
    in_document = [c.get("id") if isinstance(c, dict) else None for c in document["cases"]]
    if sorted(map(str, in_document)) != sorted(case_ids):
        raise ValueError("the document's cases are not the handover's")
    history = payload["phase_history"]
    if not isinstance(history, list) or len(history) > MAX_PHASE_CHANGES:
        raise ValueError("phase history")
    wanted = set(case_ids)
    for change in history:
        if not isinstance(change, dict) or not set(change) <= {
            "case_id",
            "changed_on",
            "from_phase",
            "to_phase",
            "closure_reason",
        }:
            raise ValueError("phase history")
        if change["case_id"] not in wanted or change["to_phase"] not in PHASES:
            raise ValueError("phase history")
        if change.get("from_phase") is not None and change["from_phase"] not in PHASES:
            raise ValueError("phase history")
        reason = change.get("closure_reason")
        if reason is not None and (not isinstance(reason, str) or len(reason) > 64):
            raise ValueError("phase history")
        dt.date.fromisoformat(change["changed_on"])


def handover_day(payload: dict[str, Any], header: dict[str, Any]) -> dt.date:
    """The day the sender marked the cases handed over: the recipient counts them from the
    periods ending on that day on (figures/holder.py). It must be the day the file was
    made (a day either side for time zones), so that a signed but wrong day cannot make the
    district count a case twice or never. A file without it (written before the day was
    carried) is taken as made: the UTC day of ``created``."""
    created = dt.datetime.fromisoformat(header["created"]).date()
    stated = payload.get(HANDED_OVER_ON)
    if stated is None:
        return created
    if not isinstance(stated, str) or len(stated) != 10:
        raise ValueError("handover day")
    day = dt.date.fromisoformat(stated)
    if abs((day - created).days) > 1:
        raise ValueError("handover day is not the day the file was made")
    return day


def count_from(session: Session, case_ids: Sequence[str], day: dt.date) -> None:
    """Mark received cases: this file counts them for the periods ending on ``day`` or later
    (figures/holder.py), the sender's file for the periods before."""
    session.execute(update(Case).where(Case.id.in_(case_ids)).values(received_on=day))


def _linked(
    session: Session, document: dict[str, Any]
) -> tuple[dict[str, Any], list[str], list[str]]:
    """The document without the clients (and their consents) this file has already: (the
    document to write, ids of the clients linked, ids of the clients added)."""
    incoming = [c["id"] for c in document.get("clients", []) if isinstance(c, dict)]
    present = {
        found
        for chunk in chunks(incoming)
        for found in session.scalars(select(Client.id).where(Client.id.in_(chunk)))
    }
    consent_ids = [
        c["id"] for c in document.get("consents", []) if isinstance(c, dict) and "id" in c
    ]
    known_consents = {
        found
        for chunk in chunks(consent_ids)
        for found in session.scalars(select(Consent.id).where(Consent.id.in_(chunk)))
    }
    trimmed = dict(document)
    trimmed["clients"] = [
        c for c in document.get("clients", []) if not isinstance(c, dict) or c["id"] not in present
    ]
    trimmed["consents"] = [
        c
        for c in document.get("consents", [])
        if not (
            isinstance(c, dict) and c.get("client_id") in present and c.get("id") in known_consents
        )
    ]
    return (
        trimmed,
        [c for c in incoming if c in present],
        [c for c in incoming if c not in present],
    )


def _differences(
    casefile: CaseFile, document: dict[str, Any], linked: list[str]
) -> dict[str, tuple[str, ...]]:
    """For each linked client whose record differs: the names of the fields that do."""
    found: dict[str, tuple[str, ...]] = {}
    incoming = {c["id"]: c for c in document.get("clients", []) if c.get("id") in linked}
    for client_id in linked:
        here = export_document(casefile, client_id)["clients"][0]
        theirs = incoming[client_id]
        fields = sorted(k for k in set(here) | set(theirs) if here.get(k) != theirs.get(k))
        if fields:
            found[client_id] = tuple(fields)
    return found


def _seen(session: Session, handover_id: str, digest: str, name: str) -> bool:
    """Whether these bytes were imported before; other bytes under the id are a replay."""
    row = session.get(ReceivedHandover, handover_id)
    if row is None:
        return False
    if row.sha256 != digest:
        raise HandoverRejected(
            f"{name}: a handover with this id was imported before with other content "
            "(replayed); nothing imported."
        )
    return True


def import_handover(
    casefile: CaseFile,
    path: Path | str,
    progress: Callable[[int, int], None] | None = None,
    today: dt.date | None = None,
) -> HandoverReceived:
    """``kim handover import``: check everything, then write all of it in one transaction
    (or nothing). Imported before: a no-op with ``already`` set. A cover is written as a
    working copy; a cover's return is merged (``merged`` says what happened)."""
    path = Path(path)
    name = path.name
    data = read_bounded(path, MAX_HANDOVER_BYTES, "handover")
    opened = open_handover(casefile, data, name)
    header, payload = opened.header, opened.payload
    handover_id = header["handover_id"]
    document = payload["document"]
    case_ids = tuple(payload["case_ids"])
    digest = hashlib.sha256(data).hexdigest()
    with casefile.reading_session() as session:
        if _seen(session, handover_id, digest, name):
            return HandoverReceived(handover_id, opened.sender_name, case_ids, (), (), {}, True)
        _, linked, _added = _linked(session, document)
    if RETURNS_FIELD in payload:
        merged = cover_merge.merge_return(
            casefile,
            header,
            payload,
            name,
            digest,
            lambda session: _seen(session, handover_id, digest, name),
        )
        log.info("cover return merged: %d cases", len(case_ids))
        return HandoverReceived(
            handover_id, opened.sender_name, case_ids, (), (), {}, merged is None, None, merged
        )
    until = dt.date.fromisoformat(header[COVER_FIELD]) if COVER_FIELD in header else None
    if until is not None and until < (today or dt.date.today()):
        raise HandoverRejected(f"{name}: the cover ended on {until}; nothing imported.")
    differing = _differences(casefile, document, linked) if linked else {}
    with refused_when_misfit(HandoverRejected, name), casefile.transaction() as session:
        if _seen(session, handover_id, digest, name):  # meanwhile
            return HandoverReceived(handover_id, opened.sender_name, case_ids, (), (), {}, True)
        present = list(session.scalars(select(Case.id).where(Case.id.in_(case_ids))))
        if present:
            if session.scalar(select(Case.cover_for).where(Case.id == present[0])):
                # An earlier cover's copy: due for erasure once returned or ended.
                raise HandoverRejected(
                    f"{name}: case {present[0]} is still here as the copy of an earlier "
                    "cover; give it back and erase it first (kim erase --due); nothing "
                    "imported."
                )
            raise HandoverRejected(
                f"{name}: case {present[0]} is in this file already; nothing imported."
            )
        steps = payload[carried_steps.STEPS_FIELD]
        present_step = carried_steps.first_present(session, steps)
        if present_step is not None:
            raise HandoverRejected(
                f"{name}: agreed step {present_step}: id: in this file already; nothing imported."
            )
        trimmed, linked, added = _linked(session, document)
        write_document(session, casefile.owner, trimmed, name, progress)
        history = [
            {
                "case_id": change["case_id"],
                "changed_on": dt.date.fromisoformat(change["changed_on"]),
                "from_phase": change.get("from_phase"),
                "to_phase": change["to_phase"],
                "closure_reason": change.get("closure_reason"),
            }
            for change in payload["phase_history"]
        ]
        if history:
            session.execute(insert(CasePhaseChange), history)
        carried_steps.insert_steps(session, steps)
        if until is not None:
            # A cover copy is not received: the owner keeps (and counts) the cases.
            cover.mark_cover_copies(
                session,
                case_ids,
                header["sender_key_id"],
                opened.sender_name,
                until,
                handover_id,
            )
        else:
            count_from(session, case_ids, handover_day(payload, header))
        remember_received(session, casefile.owner, header, digest)
    log.info("handover imported: %d cases", len(case_ids))
    return HandoverReceived(
        handover_id,
        opened.sender_name,
        case_ids,
        tuple(added),
        tuple(linked),
        differing,
        cover_until=until,
    )
