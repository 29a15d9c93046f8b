"""The bundles a coordination office has received: the list (``kim bundle list``, the
window's inbox) and withdrawing one (``kim bundle withdraw``; DESIGN §7 "The trust
boundary", §8).

A withdrawn bundle no longer counts anywhere: the figures, the collected gaps and the state
bundle read only ``current`` bundles, and its figures are deleted like a superseded
revision's. Its row stays, listed as withdrawn with the time. The rules after a withdrawal:

- the sender may send a new revision for that period: a withdrawn bundle is not current, so
  it does not supersede anything; but the new one must still be newer than every revision of
  that sender and period this file has seen (a replayed older bundle stays stale);
- importing the withdrawn bundle's exact bytes again is a no-op (it stays withdrawn), and a
  different bundle with its id is refused, as for any other id;
- the previous revision does not come back: its figures were deleted when it was superseded,
  and a coordinator cannot tell whether the sender still stands by it. The sender sends a new
  revision instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kim_desktop.core.casefile.models import (
    BundleFigure,
    ReceivedBundle,
    TeamMember,
    TrustedSender,
)
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import RejectedInputError, UsageError
from kim_desktop.core.figures.periods import Period
from kim_desktop.core.sync.keys import fingerprint
from kim_desktop.core.sync.text import shown
from kim_desktop.core.sync.wire import now

STATUSES = ("current", "superseded", "withdrawn")


@dataclass(frozen=True)
class ReceivedRow:
    """One received bundle as the list shows it. Texts that came from a bundle (district,
    period label, the sender's name) are raw here: callers show them through ``shown``."""

    bundle_id: str
    sender_key_id: str
    kind: str
    district: str
    period: str
    revision: int
    status: str
    created: str
    imported_at: str
    sender_fingerprint: str = ""
    sender_name: str | None = None
    withdrawn_at: str | None = None


def _coordinator(casefile: CaseFile) -> None:
    if casefile.role != "coordinator":
        raise UsageError("Received bundles are kept in a coordinator's file only.")


def sender_names(session: Session) -> dict[str, str]:
    """The name of each sender this file knows, by key id: the label given when it was
    trusted, or the name on the key card the team directory enrolled (which wins)."""
    names = {
        key: label
        for key, label in session.execute(select(TrustedSender.key_id, TrustedSender.label))
        if label
    }
    names.update(
        (key, name) for key, name in session.execute(select(TeamMember.key_id, TeamMember.name))
    )
    return names


def received(casefile: CaseFile, period: Period | None = None) -> list[ReceivedRow]:
    """Every imported bundle (or those of exactly one period) with its sender's fingerprint
    and name where known, oldest period first."""
    _coordinator(casefile)
    with casefile.reading_session() as session:
        stmt = (
            select(ReceivedBundle, TrustedSender.signing_key)
            .join(TrustedSender, TrustedSender.key_id == ReceivedBundle.sender_key_id)
            .order_by(ReceivedBundle.period, ReceivedBundle.sender_key_id, ReceivedBundle.revision)
        )
        if period is not None:
            stmt = stmt.where(ReceivedBundle.period == period.label)
        names = sender_names(session)
        prints: dict[str, str] = {}
        rows = []
        for r, signing_key in session.execute(stmt):
            if r.sender_key_id not in prints:
                prints[r.sender_key_id] = fingerprint(bytes(signing_key))
            rows.append(
                ReceivedRow(
                    r.bundle_id,
                    r.sender_key_id,
                    r.kind,
                    r.district,
                    r.period,
                    r.revision,
                    r.status,
                    r.created,
                    r.imported_at,
                    prints[r.sender_key_id],
                    names.get(r.sender_key_id),
                    r.withdrawn_at,
                )
            )
        return rows


def as_json(row: ReceivedRow) -> dict[str, object]:
    """The stable keys of one bundle in ``kim bundle list --format json``."""
    return {
        "bundle_id": row.bundle_id,
        "sender_key_id": row.sender_key_id,
        "sender_fingerprint": row.sender_fingerprint,
        "sender_name": row.sender_name,
        "kind": row.kind,
        "district": row.district,
        "period": row.period,
        "revision": row.revision,
        "status": row.status,
        "created": row.created,
        "imported": row.imported_at,
        "withdrawn": row.withdrawn_at,
    }


@dataclass(frozen=True)
class Withdrawal:
    """What ``withdraw`` did: ``changed`` is False when the bundle was withdrawn before."""

    row: ReceivedRow
    changed: bool


def withdraw(casefile: CaseFile, bundle_id: str) -> Withdrawal:
    """Withdraw a current bundle: it no longer counts, its row stays as withdrawn (audited).

    An unknown id is rejected (naming it), a superseded bundle is refused (it counts no
    longer already; withdraw the current revision), a withdrawn one is left as it is."""
    _coordinator(casefile)
    with casefile.transaction() as session:
        bundle = session.get(ReceivedBundle, bundle_id)
        if bundle is None:
            raise RejectedInputError(f"No received bundle with id {shown(bundle_id)} in this file.")
        if bundle.status == "superseded":
            newer = session.scalar(
                select(ReceivedBundle.revision).where(
                    ReceivedBundle.sender_key_id == bundle.sender_key_id,
                    ReceivedBundle.period == bundle.period,
                    ReceivedBundle.status == "current",
                )
            )
            later = f" by revision {newer}" if newer is not None else ""
            raise RejectedInputError(
                f"Bundle {bundle_id} ({shown(bundle.period)}, revision {bundle.revision}) is "
                f"superseded{later} and counts no longer; withdraw the current revision instead."
            )
        changed = bundle.status == "current"
        if changed:
            bundle.status = "withdrawn"
            bundle.withdrawn_at = now()
            # Like a superseded revision: figures nothing reads are not kept.
            session.execute(delete(BundleFigure).where(BundleFigure.bundle_id == bundle_id))
        sender_key = session.scalar(
            select(TrustedSender.signing_key).where(TrustedSender.key_id == bundle.sender_key_id)
        )
        row = ReceivedRow(
            bundle.bundle_id,
            bundle.sender_key_id,
            bundle.kind,
            bundle.district,
            bundle.period,
            bundle.revision,
            bundle.status,
            bundle.created,
            bundle.imported_at,
            fingerprint(bytes(sender_key)) if sender_key is not None else "",
            sender_names(session).get(bundle.sender_key_id),
            bundle.withdrawn_at,
        )
    return Withdrawal(row, changed)
