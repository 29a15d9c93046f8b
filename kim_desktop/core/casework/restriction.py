"""Restriction of processing (Art. 18 GDPR; DESIGN.md section 10): a client can be marked
restricted, and is then shown but not changed, exported or printed except in their own copy
under Art. 15. docs/retention.md ("Restriction") says what is blocked and why.

What a restriction blocks in case work (each refusal is a ``RestrictedError``, exit code 4,
raised before anything is written):
- the client's own record, their consents (record, correct, remove) and their erasure
  (``delete_client``): the restriction is lifted explicitly first;
- what is about the person in any case: assessments naming them, their membership (added,
  removed, made primary or household), and opening a case with them;
- a case whose every member is restricted is read-only as a whole (phase, closing,
  reopening, follow-up, notes, referrer, members, assessments, goals, referrals,
  appointments); a case with at least one unrestricted member stays workable for the others.

Still possible: reading and showing everything, the client's own Art. 15 copy, and
**recording the withdrawal of a consent** — withdrawing is the person's right (Art. 7(3)
GDPR) and never adds processing; refusing to record it would keep a consent looking in force.
Anonymous figures (statistics, bundles) still count the client: they hold no person.

The restriction itself is two columns of ``clients`` (migration 0014): the day it began and a
short reason code, never free text. Restricting and lifting write through the transaction
door (the automatic ``update`` entry of ``clients/<id>``) plus one explicit ``update`` entry
whose entity says which (``client_restricted`` or ``client_restriction_lifted``, like the sync
layer's ``coordinator_key_replaced``; the audit's actions are a fixed list) — never the
reason or any content."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from kim_desktop.core.casefile import audit
from kim_desktop.core.casefile.models import Case, CaseMember, Client
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework._base import _date, _reading, _Work, _writing
from kim_desktop.core.errors import InvalidInput, RestrictedError, UnknownRecord

# Reason codes (migration 0014 checks them): Art. 18(1)(a)–(d) GDPR, a statutory duty to
# keep the data where erasure is due (Art. 17(3)(b) GDPR, § 35(3) BDSG), or another reason.
ACCURACY_CONTESTED = "accuracy_contested"
UNLAWFUL_PROCESSING = "unlawful_processing"
LEGAL_CLAIMS = "legal_claims"
OBJECTION_PENDING = "objection_pending"
RETENTION_DUTY = "retention_duty"
OTHER = "other"
REASONS = (
    ACCURACY_CONTESTED,
    UNLAWFUL_PROCESSING,
    LEGAL_CLAIMS,
    OBJECTION_PENDING,
    RETENTION_DUTY,
    OTHER,
)
DEFAULT_REASON = OTHER

# The entities of the explicit audit entries (record id: the client's id).
RESTRICTED_ENTRY = "client_restricted"
LIFTED_ENTRY = "client_restriction_lifted"

# The rules a refusal names (the window shows a German sentence for each).
CLIENT_RESTRICTED = "processing of the client is restricted (Art. 18 GDPR)"
CASE_RESTRICTED = "processing of every member of the case is restricted (Art. 18 GDPR)"
ALREADY_RESTRICTED = "processing of the client is already restricted"
NOT_RESTRICTED = "processing of the client is not restricted"
CASE_HANDED_OVER = "the case was handed over to a colleague; it is read-only"
# A substitute's cover copy (core/sync/cover.py): read-only once returned or after its day.
COVER_RETURNED = "the cover copy was returned to the colleague; it is read-only"
COVER_ENDED = "the cover ended on {until}; the copy is read-only"
ONLY_OWN_COPY = "processing of the client is restricted (Art. 18 GDPR): only their Art. 15 copy"


@dataclass(frozen=True)
class Restriction:
    """A client's restriction: since when and why (a code of ``REASONS``)."""

    client_id: str
    since: dt.date
    reason: str


@dataclass(frozen=True)
class Cover:
    """A case in cover. On the owner's side (``copy`` False): the substitute's key id and
    name and the last day. On the substitute's (``copy`` True): the owner's key id and name,
    the last day, the cover's handover id and the day the copy was returned (or None)."""

    key_id: str
    name: str
    until: dt.date
    copy: bool
    cover_id: str | None = None
    returned_on: dt.date | None = None

    def ended(self, today: dt.date | None = None) -> bool:
        """A copy is read-only once returned or after its last day."""
        day = today or dt.date.today()
        return self.copy and (self.returned_on is not None or day > self.until)


@dataclass(frozen=True)
class HandedOver:
    """A case handed over to a colleague: their key id and name, and the day."""

    key_id: str
    name: str
    on: dt.date


# -- guards (used by the writes of clients, consents, cases, plans, appointments) -------------


def _refuse_restricted_client(work: _Work, client_id: object, field: str = "client_id") -> None:
    """Refuse when ``client_id`` names a restricted client (an unknown id is left to the
    caller's own check)."""
    if not isinstance(client_id, str):
        return
    since = work.session.scalar(select(Client.restricted_on).where(Client.id == client_id))
    if since is not None:
        raise RestrictedError(field, CLIENT_RESTRICTED)


def _refuse_read_only_case(work: _Work, case_id: object, field: str = "case_id") -> None:
    """Refuse when every member of the case is restricted, or when the case was handed over
    to a colleague (core/sync/handover.py): the case is read-only."""
    if not isinstance(case_id, str):
        return
    marks = work.session.execute(
        select(Case.handed_over_to, Case.cover_until, Case.cover_returned_on).where(
            Case.id == case_id
        )
    ).one_or_none()
    if marks is not None:
        if marks.handed_over_to is not None:
            raise RestrictedError(field, CASE_HANDED_OVER)
        if marks.cover_returned_on is not None:
            raise RestrictedError(field, COVER_RETURNED)
        # Until and including the last day the substitute works on the copy.
        if marks.cover_until is not None and dt.date.today() > marks.cover_until:
            raise RestrictedError(field, COVER_ENDED.format(until=marks.cover_until.isoformat()))
    members, unrestricted = work.session.execute(
        select(
            func.count(),
            func.count().filter(Client.restricted_on.is_(None)),
        )
        .select_from(CaseMember)
        .join(Client, Client.id == CaseMember.client_id)
        .where(CaseMember.case_id == case_id)
    ).one()
    if members and not unrestricted:
        raise RestrictedError(field, CASE_RESTRICTED)


# -- restricting and lifting -----------------------------------------------------------------


def restrict_client(
    casefile: CaseFile, client_id: str, reason: str = DEFAULT_REASON, on: dt.date | None = None
) -> Restriction:
    """Mark a client restricted from ``on`` (default today) for ``reason`` (a code of
    ``REASONS``). Refused for an unknown id and for a client already restricted."""
    if reason not in REASONS:
        raise InvalidInput("reason", "must be a code of the restriction reasons")
    day = _date("on", on) or dt.date.today()
    with _writing(casefile) as work:
        client = work.get(Client, client_id, "client_id")
        if client.restricted_on is not None:
            raise InvalidInput("client_id", ALREADY_RESTRICTED)
        client.restricted_on, client.restriction_reason = day, reason
        audit.add_entry(work.session, casefile.owner, "update", RESTRICTED_ENTRY, client.id)
    return Restriction(client_id, day, reason)


def lift_restriction(casefile: CaseFile, client_id: str) -> None:
    """End a client's restriction (an explicit decision: nothing lifts it by itself).
    Refused for an unknown id and for a client who is not restricted."""
    with _writing(casefile) as work:
        client = work.get(Client, client_id, "client_id")
        if client.restricted_on is None:
            raise InvalidInput("client_id", NOT_RESTRICTED)
        client.restricted_on, client.restriction_reason = None, None
        audit.add_entry(work.session, casefile.owner, "update", LIFTED_ENTRY, client.id)


def restriction_of(casefile: CaseFile, client_id: str) -> Restriction | None:
    """The client's restriction, or None when their processing is not restricted."""
    with _reading(casefile) as conn:
        row = conn.execute(
            select(Client.restricted_on, Client.restriction_reason).where(Client.id == client_id)
        ).one_or_none()
    if row is None:
        raise UnknownRecord("client_id", "no such record in 'clients'")
    if row.restricted_on is None:
        return None
    return Restriction(client_id, row.restricted_on, row.restriction_reason)


def restrictions_of(casefile: CaseFile, client_ids: Iterable[str]) -> dict[str, Restriction]:
    """The restrictions of those of ``client_ids`` that are restricted."""
    wanted = list(dict.fromkeys(client_ids))
    found: dict[str, Restriction] = {}
    with _reading(casefile) as conn:
        for start in range(0, len(wanted), 500):  # SQLite's limit on bound parameters
            rows = conn.execute(
                select(Client.id, Client.restricted_on, Client.restriction_reason).where(
                    Client.id.in_(wanted[start : start + 500]), Client.restricted_on.is_not(None)
                )
            )
            for row in rows:
                found[row.id] = Restriction(row.id, row.restricted_on, row.restriction_reason)
    return found


def case_handover(casefile: CaseFile, case_id: str) -> HandedOver | None:
    """To whom and when the case was handed over (then it is read-only), or None."""
    with _reading(casefile) as conn:
        row = conn.execute(
            select(Case.handed_over_to, Case.handed_over_name, Case.handed_over_on).where(
                Case.id == case_id
            )
        ).one_or_none()
    if row is None:
        raise UnknownRecord("case_id", "no such record in 'cases'")
    if row.handed_over_to is None:
        return None
    return HandedOver(row.handed_over_to, row.handed_over_name, row.handed_over_on)


def case_cover(casefile: CaseFile, case_id: str) -> Cover | None:
    """The case's cover: given in cover (owner) or a cover copy (substitute), or None."""
    with _reading(casefile) as conn:
        row = conn.execute(
            select(
                Case.covered_by,
                Case.covered_by_name,
                Case.covered_until,
                Case.cover_for,
                Case.cover_for_name,
                Case.cover_until,
                Case.cover_id,
                Case.cover_returned_on,
            ).where(Case.id == case_id)
        ).one_or_none()
    if row is None:
        raise UnknownRecord("case_id", "no such record in 'cases'")
    return cover_of(row)


def cover_of(row: Any) -> Cover | None:
    """The cover mark of a case row (its cover columns): the substitute's copy, the
    owner's case in cover, or none."""
    if row.cover_for is not None:
        return Cover(
            row.cover_for,
            row.cover_for_name,
            row.cover_until,
            True,
            row.cover_id,
            row.cover_returned_on,
        )
    if row.covered_by is not None:
        return Cover(row.covered_by, row.covered_by_name, row.covered_until, False)
    return None


def case_is_read_only(casefile: CaseFile, case_id: str) -> bool:
    """Whether every member of the case is restricted (then nothing of it changes)."""
    with _reading(casefile) as conn:
        members, unrestricted = conn.execute(
            select(func.count(), func.count().filter(Client.restricted_on.is_(None)))
            .select_from(CaseMember)
            .join(Client, Client.id == CaseMember.client_id)
            .where(CaseMember.case_id == case_id)
        ).one()
        if not members and conn.scalar(select(Case.id).where(Case.id == case_id)) is None:
            raise UnknownRecord("case_id", "no such record in 'cases'")
    return bool(members) and not unrestricted


def restricted_count(casefile: CaseFile) -> int:
    """How many clients of the file are restricted."""
    with _reading(casefile) as conn:
        count = conn.scalar(
            select(func.count()).select_from(Client).where(Client.restricted_on.is_not(None))
        )
    return int(count or 0)
