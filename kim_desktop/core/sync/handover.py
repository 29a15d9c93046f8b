"""Handing cases over to a colleague (DESIGN.md §11; docs/handover.md): the ``.kimhandover``
file and its export. The import is ``handover_import.py``.

A handover is built like a sync bundle (``wire.py``): signed by the sender's Ed25519 key,
encrypted with X25519 + HKDF-SHA256 + AES-256-GCM to the recipient's encryption key, which
the team directory of the district configuration carries (a case manager's key card has it
once written for handovers, ``team.write_card``)::

    MAGIC "KIMHANDOVER1" | header length (4 bytes) | header (canonical JSON)
    | nonce (12 bytes) | AES-256-GCM( Ed25519 signature | payload (canonical JSON) )

Its own magic (covered by the signature and the AEAD's associated data) and its own HKDF
info (``kim-handover v1``) keep a handover from ever being read as a bundle or the other way
round. The payload is an interchange document (``core/interchange``) of the chosen cases and
their clients — every field the interchange carries — plus the cases' phase history and
their goals' agreed steps (``carried_steps.py``), which the interchange does not carry.

After the file is written the sender's cases are marked handed over (migration 0016): read-
only (``casework/restriction._refuse_read_only_case``, which guards their goals' steps too)
until they are erased (with their goals and steps)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import re
import struct
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kim_desktop.core.casefile import audit
from kim_desktop.core.casefile.models import (
    Case,
    CaseMember,
    CasePhaseChange,
    Client,
    Consent,
    ReceivedHandover,
)
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import KimError, RejectedInputError, UsageError, ValidationFailed
from kim_desktop.core.interchange import export_document
from kim_desktop.core.platform.files import replace_privately
from kim_desktop.core.sync import carried_steps, cover, wire
from kim_desktop.core.sync.config_document import MAX_NAME, DistrictSettings, Member
from kim_desktop.core.sync.district import current_settings
from kim_desktop.core.sync.keys import b64, key_id, own_keys, unb64
from kim_desktop.core.sync.team import normal_key_id
from kim_desktop.core.sync.text import plain_text

log = logging.getLogger(__name__)

MAGIC = b"KIMHANDOVER1"
FORMAT = "kim-handover"
PAYLOAD_FORMAT = "kim-handover-payload"
VERSION = 1
HKDF_INFO = b"kim-handover v1"
SUFFIX = ".kimhandover"
MAX_HANDOVER_BYTES = 256 * 1024 * 1024
MAX_HEADER_BYTES = 16 * 1024
# A caseload is some dozens of cases; a whole team's some thousands. The bound keeps every
# IN list of case ids within SQLite's 32,766 bound parameters (other lists go in chunks).
MAX_CASES = 10_000
CHUNK = 10_000


def chunks(ids: Sequence[str]) -> Iterable[list[str]]:
    """``ids`` in lists short enough for one statement's bound parameters."""
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


_HEADER_FIELDS = {
    "format",
    "version",
    "handover_id",
    "district",
    "sender_key_id",
    "sender_signing_key",
    "recipient_key_id",
    "created",
    "cases",
    "ephemeral_key",
}
# Cover (``--cover-until``, cover.py): the last day of the substitute's working copy.
COVER_FIELD = "cover_until"
# The payload field of a cover's return: the handover id of the cover it returns.
RETURNS_FIELD = "returns"
_KEY_ID = re.compile(r"^[0-9a-f]{32}$")

# The entities of the explicit audit entries (record ids only, never content).
HANDOVER_ENTRY = "handover"
CASE_HANDED_OVER_ENTRY = "case_handed_over"


class HandoverRejected(RejectedInputError):
    """A handover that is not written or not imported, with the reason (exit code 4)."""


class ConsentMissing(RejectedInputError):
    """Clients without a documentation consent in force: the sender must confirm."""

    def __init__(self, client_ids: Sequence[str]) -> None:
        self.client_ids = tuple(client_ids)
        super().__init__(
            f"{len(self.client_ids)} client(s) without a documentation consent in force "
            f"({', '.join(self.client_ids)}); confirm to hand over anyway (--yes)."
        )


# -- the bytes ---------------------------------------------------------------------------------


def seal(header: dict[str, Any], payload: dict[str, Any], signing_key: Any, to: bytes) -> bytes:
    """Sign and encrypt a handover (its own magic and key derivation)."""
    return wire.seal(header, payload, signing_key, to, magic=MAGIC, info=HKDF_INFO)


def read_header(data: bytes, name: str) -> tuple[dict[str, Any], bytes]:
    """The plain header, checked strictly, and the authenticated prefix."""
    if len(data) > MAX_HANDOVER_BYTES:
        raise HandoverRejected(f"{name}: larger than {MAX_HANDOVER_BYTES // 1024**2} MiB.")
    if not data.startswith(MAGIC):
        what = " (a sync bundle: kim bundle import)" if data.startswith(wire.MAGIC) else ""
        raise HandoverRejected(f"{name}: not a KIM handover{what}.")
    if len(data) < len(MAGIC) + 4:
        raise HandoverRejected(f"{name}: damaged or truncated (header length).")
    (length,) = struct.unpack(">I", data[len(MAGIC) : len(MAGIC) + 4])
    end = len(MAGIC) + 4 + length
    if length > MAX_HEADER_BYTES or end + wire.NONCE_BYTES + 16 + 64 > len(data):
        raise HandoverRejected(f"{name}: damaged or truncated (header length).")
    try:
        header = json.loads(data[len(MAGIC) + 4 : end].decode("utf-8"))
        if not isinstance(header, dict):
            raise ValueError("header")
        if not set(header) >= _HEADER_FIELDS or not set(header) <= _HEADER_FIELDS | {COVER_FIELD}:
            raise ValueError("fields")
        version = header["version"]
        if header["format"] != FORMAT or type(version) is not int or version != VERSION:
            raise ValueError("format")
        uuid.UUID(header["handover_id"])
        if not plain_text(header["district"], MAX_NAME):
            raise ValueError("district")
        for field in ("sender_key_id", "recipient_key_id"):
            if not isinstance(header[field], str) or not _KEY_ID.fullmatch(header[field]):
                raise ValueError(field)
        created = header["created"]
        if not isinstance(created, str) or len(created) > 40:
            raise ValueError("created")
        dt.datetime.fromisoformat(created)
        cases = header["cases"]
        if type(cases) is not int or not 0 < cases <= MAX_CASES:
            raise ValueError("cases")
        unb64(header["sender_signing_key"], 32)
        unb64(header["ephemeral_key"], 32)
        if COVER_FIELD in header:
            last_day = header[COVER_FIELD]
            if not isinstance(last_day, str) or len(last_day) != 10:
                raise ValueError("cover")
            dt.date.fromisoformat(last_day)
    except (
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        UnicodeDecodeError,
        RecursionError,
        KimError,
    ):
        raise HandoverRejected(f"{name}: damaged header.") from None
    return header, data[:end]


# -- the sender's checks -----------------------------------------------------------------------


@dataclass(frozen=True)
class Colleague:
    """A member of the team in force who can receive handovers (has an encryption key)."""

    key_id: str
    name: str
    fingerprint: str
    encryption_key: bytes


def colleagues(casefile: CaseFile) -> list[Colleague]:
    """The case managers of the district configuration's team a handover can go to: not
    this file's own key, not revoked, with a key for handovers; by name."""
    settings = current_settings(casefile)
    if settings is None:
        return []
    own = own_keys(casefile).signing_key_id
    found = [
        Colleague(m.key_id, m.name, m.fingerprint, m.encryption_key)
        for m in settings.team
        if m.encryption_key is not None
        and m.role == "casemanager"
        and m.key_id != own
        and m.key_id not in settings.revoked
    ]
    return sorted(found, key=lambda c: (c.name.casefold(), c.key_id))


def _settings(casefile: CaseFile) -> DistrictSettings:
    if casefile.role != "casemanager":
        raise UsageError("Only a case manager's file hands cases over or receives them.")
    settings = current_settings(casefile)
    if settings is None:
        raise HandoverRejected(
            "This file has no district configuration; import one first (kim district import)."
        )
    return settings


def recipient(casefile: CaseFile, to: str) -> Member:
    """The team member ``to`` names (a key id), if a handover may go to them."""
    settings = _settings(casefile)
    wanted = normal_key_id(to)
    if wanted in settings.revoked:
        raise HandoverRejected(f"{wanted}: this colleague's key is revoked.")
    member = next((m for m in settings.team if m.key_id == wanted), None)
    if member is None:
        raise HandoverRejected(f"{wanted}: not a member of the team in the district configuration.")
    if member.key_id == own_keys(casefile).signing_key_id:
        raise HandoverRejected(f"{wanted}: this file's own key.")
    if member.role != "casemanager":
        raise HandoverRejected(f"{wanted}: not a case manager.")
    if member.encryption_key is None:
        raise HandoverRejected(
            f"{wanted}: this colleague's key card has no key for handovers; they write a new "
            "card (kim keys --card), the coordinator enrols it and exports the configuration."
        )
    return member


@dataclass(frozen=True)
class HandoverPlan:
    """What a handover would carry, checked: the cases, their clients, and the clients
    without a documentation consent in force (the sender must confirm those)."""

    case_ids: tuple[str, ...]
    client_ids: tuple[str, ...]
    without_consent: tuple[str, ...]
    to: Member


def plan(
    casefile: CaseFile,
    case_ids: Iterable[str],
    to: str,
    today: dt.date | None = None,
    for_cover: bool = False,
) -> HandoverPlan:
    """Check that the cases may be handed over (or given in cover) to ``to``: they exist,
    are not handed over or in cover yet and have no member whose processing is restricted.
    Cover copies go back only to their owner (cover.return_of)."""
    member = recipient(casefile, to)
    wanted = tuple(dict.fromkeys(case_ids))
    if not wanted:
        raise UsageError("Name at least one case (--case ID).")
    if len(wanted) > MAX_CASES:
        raise UsageError(f"At most {MAX_CASES} cases in one handover.")
    day = today or dt.date.today()
    clients: dict[str, None] = {}
    with casefile.reading_session() as session:
        for case_id in wanted:
            found = session.get(Case, case_id)
            if found is None:
                raise HandoverRejected(f"{case_id}: no such case.")
            if found.handed_over_to is not None:
                raise HandoverRejected(f"{case_id}: handed over already on {found.handed_over_on}.")
            if found.covered_by is not None:
                raise HandoverRejected(
                    f"{case_id}: in cover already by {found.covered_by_name} until "
                    f"{found.covered_until}; wait for its return."
                )
            if found.cover_for is not None and for_cover:
                raise HandoverRejected(f"{case_id}: a cover copy only goes back to its owner.")
            rows = session.execute(
                select(CaseMember.client_id, Client.restricted_on)
                .join(Client, Client.id == CaseMember.client_id)
                .where(CaseMember.case_id == case_id)
                .order_by(CaseMember.position)
            ).all()
            if any(restricted is not None for _client, restricted in rows):
                raise HandoverRejected(
                    f"{case_id}: processing of a member is restricted (Art. 18 GDPR); such a "
                    "case is not handed over."
                )
            clients.update((client_id, None) for client_id, _restricted in rows)
        consenting = {
            client_id
            for chunk in chunks(list(clients))
            for client_id in session.scalars(
                select(Consent.client_id).where(
                    Consent.client_id.in_(chunk),
                    Consent.kind == "case_documentation",
                    Consent.given_on <= day,
                    Consent.withdrawn_on.is_(None) | (Consent.withdrawn_on > day),
                )
            )
        }
    without = tuple(c for c in clients if c not in consenting)
    return HandoverPlan(wanted, tuple(clients), without, member)


# -- the payload -------------------------------------------------------------------------------


def _document(casefile: CaseFile, case_ids: Sequence[str]) -> dict[str, Any]:
    """The interchange document of the cases and their clients: the clients with all their
    consents, the cases with their members, appointments, assessments, goals, referrals."""
    whole = export_document(casefile)
    cases = set(case_ids)
    chosen = [c for c in whole["cases"] if c["id"] in cases]
    if len(chosen) != len(cases):  # a case left out as restricted in between
        raise HandoverRejected("A case changed meanwhile; start the handover again.")
    clients = {m["client_id"] for c in chosen for m in c["members"]}
    in_cases = {
        name: [r for r in whole[name] if r.get("case_id") in cases]
        for name in ("appointments", "assessments", "goals", "referrals")
    }
    used = {c["municipality"] for c in chosen}
    used |= {a["municipality"] for a in in_cases["appointments"] if "municipality" in a}
    return {
        **{key: whole[key] for key in ("format", "version", "exported_at", "owner")},
        "municipalities": [name for name in whole["municipalities"] if name in used],
        "clients": [c for c in whole["clients"] if c["id"] in clients],
        "cases": chosen,
        **in_cases,
        "consents": [c for c in whole["consents"] if c["client_id"] in clients],
        "structural_gaps": [],
    }


def phase_history(casefile: CaseFile, case_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The cases' phase history in the order it was written (not in the interchange)."""
    wanted = list(case_ids)
    rows: list[dict[str, Any]] = []
    with casefile.reading_session() as session:
        for start in range(0, len(wanted), 500):  # SQLite's limit on bound parameters
            for change in session.scalars(
                select(CasePhaseChange)
                .where(CasePhaseChange.case_id.in_(wanted[start : start + 500]))
                .order_by(CasePhaseChange.id)
            ):
                row: dict[str, Any] = {
                    "case_id": change.case_id,
                    "changed_on": change.changed_on.isoformat(),
                    "to_phase": change.to_phase,
                }
                if change.from_phase is not None:
                    row["from_phase"] = change.from_phase
                if change.closure_reason is not None:
                    row["closure_reason"] = change.closure_reason
                rows.append(row)
    rows.sort(key=lambda r: wanted.index(r["case_id"]))  # stable: each case's own order kept
    return rows


# -- export ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HandoverSent:
    """What ``export_handover`` did."""

    handover_id: str
    case_ids: tuple[str, ...]
    client_ids: tuple[str, ...]
    without_consent: tuple[str, ...]
    to: Member
    on: dt.date
    cover_until: dt.date | None = None
    returns: str | None = None  # the cover this handover returns (cover copies)


def export_handover(
    casefile: CaseFile,
    case_ids: Iterable[str],
    to: str,
    out: Path | str,
    confirmed: bool = False,
    today: dt.date | None = None,
    cover_until: dt.date | str | None = None,
) -> HandoverSent:
    """Write the handover of ``case_ids`` to colleague ``to`` (a key id) into ``out`` (a new
    file, 0600: it holds personal data until the colleague imports it), then mark the cases
    handed over in one transaction, audited by ids. Clients without a documentation consent
    in force raise ``ConsentMissing`` unless ``confirmed``.

    With ``cover_until`` (today or later) the cases are given in cover instead: marked, still
    writable, with the merge base stored (cover.py). Cover copies handed to their owner are
    the cover's return: the copies are marked returned."""
    out = Path(out)
    if out.exists():
        raise UsageError(f"{out}: the file already exists; choose another name.")
    if not out.parent.is_dir():
        raise UsageError(f"{out.parent}: no such folder.")
    day = today or dt.date.today()
    until = cover.cover_date(cover_until, day) if cover_until is not None else None
    checked = plan(casefile, case_ids, to, day, for_cover=until is not None)
    returns = cover.return_of(casefile, checked.case_ids, checked.to.key_id)
    if checked.without_consent and not confirmed:
        raise ConsentMissing(checked.without_consent)
    settings = _settings(casefile)
    keys = own_keys(casefile)
    handover_id = str(uuid.uuid4())
    assert checked.to.encryption_key is not None  # recipient() refused one without
    header = {
        "format": FORMAT,
        "version": VERSION,
        "handover_id": handover_id,
        "district": settings.district,
        "sender_key_id": keys.signing_key_id,
        "sender_signing_key": b64(keys.signing_public),
        "recipient_key_id": key_id(checked.to.encryption_key),
        # On the handover day: the recipient checks the day against it (a test's ``today``).
        "created": wire.now() if today is None else f"{day.isoformat()}T12:00:00+00:00",
        "cases": len(checked.case_ids),
    }
    if until is not None:
        header[COVER_FIELD] = until.isoformat()
    document = _document(casefile, checked.case_ids)
    history = phase_history(casefile, checked.case_ids)
    steps = carried_steps.steps_of(casefile, checked.case_ids)
    payload: dict[str, Any] = {
        "format": PAYLOAD_FORMAT,
        "handover_id": handover_id,
        "case_ids": list(checked.case_ids),
        "document": document,
        "phase_history": history,
        # The day both files count the cases from (figures/holder.py): this file's mark.
        "handed_over_on": day.isoformat(),
    }
    if steps:  # left out when there are none: such a file reads as before steps travelled
        payload[carried_steps.STEPS_FIELD] = steps
    if returns is not None:
        payload[RETURNS_FIELD] = returns
    data = seal(header, payload, keys.signing, checked.to.encryption_key)
    if len(data) > MAX_HANDOVER_BYTES:
        raise HandoverRejected(
            f"The handover would be {len(data) / 1024**2:.0f} MiB; a colleague's import takes"
            f" at most {MAX_HANDOVER_BYTES // 1024**2} MiB. Hand the cases over in smaller"
            " groups; nothing written."
        )

    def mark() -> None:
        if until is not None:  # in cover: marked, still writable, the merge base kept
            cover.mark_cover_sent(
                casefile,
                checked.case_ids,
                checked.to.key_id,
                checked.to.name,
                until,
                day,
                handover_id,
                cover.keyed_records(document, history, steps),
            )
        elif returns is not None:  # cover copies back to their owner
            cover.mark_returned(casefile, checked.case_ids, day, handover_id)
        else:
            mark_handed_over(
                casefile, checked.case_ids, checked.to.key_id, checked.to.name, day, handover_id
            )

    # The cases are marked once the file's bytes are on disk and before it appears under
    # its name: a failure (or a kill) before the mark's commit leaves no handover, and the
    # file never exists while its cases are still workable here.
    replace_privately(out, data, before_replace=mark)
    log.info("handover written: %d cases", len(checked.case_ids))
    return HandoverSent(
        handover_id,
        checked.case_ids,
        checked.client_ids,
        checked.without_consent,
        checked.to,
        day,
        until,
        returns,
    )


def mark_handed_over(
    casefile: CaseFile,
    case_ids: Sequence[str],
    to_key_id: str,
    to_name: str,
    day: dt.date,
    handover_id: str,
) -> None:
    """Mark the cases handed over (read-only from now on) in one transaction, audited by
    ids: the handover and each case. Refused when one is gone or handed over meanwhile."""
    with casefile.transaction() as session:
        for case_id in case_ids:
            case = session.get(Case, case_id)
            if case is None or case.handed_over_to is not None:
                raise HandoverRejected(f"{case_id}: changed meanwhile; nothing handed over.")
            case.handed_over_to = to_key_id
            case.handed_over_name = to_name
            case.handed_over_on = day
            audit.add_entry(session, casefile.owner, "export", CASE_HANDED_OVER_ENTRY, case_id)
        audit.add_entry(session, casefile.owner, "export", HANDOVER_ENTRY, handover_id)


# -- what every import of a handover file (a handover, a cover, a return) ends with ----------


def remember_received(session: Session, owner: str, header: Mapping[str, Any], digest: str) -> None:
    """Record the imported file (id, sender, SHA-256: the same bytes again are a no-op,
    other bytes under the id a replay) and audit it by id."""
    session.add(
        ReceivedHandover(
            handover_id=header["handover_id"],
            sender_key_id=header["sender_key_id"],
            sha256=digest,
            received_at=wire.now(),
        )
    )
    audit.add_entry(session, owner, "import", HANDOVER_ENTRY, header["handover_id"])


@contextlib.contextmanager
def refused_when_misfit(error: type[RejectedInputError], name: str) -> Iterator[None]:
    """Records that do not fit this file, found in the write transaction: one line with
    how many problems and the first (paths and rules, never values); nothing written."""
    try:
        yield
    except ValidationFailed as failed:
        first = failed.problems[0] if failed.problems else ""
        raise error(
            f"{name}: the records do not fit this file ({len(failed.problems)} problem(s), "
            f"first: {first}); nothing imported."
        ) from None
    except IntegrityError:
        raise error(f"{name}: the records do not fit this file; nothing imported.") from None
