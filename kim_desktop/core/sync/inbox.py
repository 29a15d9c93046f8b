"""What a coordination office receives: the one bundle-import loop of ``kim bundle import``
and the window's inbox, trusted senders and the structural gaps the current bundles carried
(DESIGN.md section 7; docs/bundle-format.md). The list of received bundles and withdrawing
one are in received.py.

Every file is read once and opened (decrypted, verified) once, then written in one
transaction or not at all. Each file gets one typed outcome; a rejected file never stops the
others. A bundle of a sender the office has not trusted is an ``UnknownSenderError`` that
carries the sender's verified signing key, so a window can ask about exactly that key."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select, update

from kim_desktop.core.casefile import audit
from kim_desktop.core.casefile.models import (
    AuditEntry,
    BundleFigure,
    BundleGap,
    Meta,
    Municipality,
    ReceivedBundle,
    TrustedSender,
)
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import KimError, RejectedInputError, UsageError
from kim_desktop.core.figures import district as district_figures
from kim_desktop.core.figures import indicators
from kim_desktop.core.figures.district import kept_when_zero, template_figures
from kim_desktop.core.figures.periods import Period, parse_period
from kim_desktop.core.sync import team, validate
from kim_desktop.core.sync.district import DEFAULT_K
from kim_desktop.core.sync.keys import OwnKeys, fingerprint, key_id, own_keys

# The list of received bundles is in received.py; these names stay for their callers.
from kim_desktop.core.sync.received import ReceivedRow as ReceivedRow
from kim_desktop.core.sync.received import received as received
from kim_desktop.core.sync.text import shown
from kim_desktop.core.sync.wire import (
    MAX_BUNDLE_BYTES,
    BundleRejected,
    now,
    open_sealed,
    read_header,
)

log = logging.getLogger(__name__)

# The tables the import writes in plain statements (below the ORM, for speed).
_FIGURE_TABLE = BundleFigure.metadata.tables[BundleFigure.__tablename__]
_GAP_TABLE = BundleGap.metadata.tables[BundleGap.__tablename__]
_RECEIVED_TABLE = ReceivedBundle.metadata.tables[ReceivedBundle.__tablename__]
_AUDIT_TABLE = AuditEntry.metadata.tables[AuditEntry.__tablename__]
_INSERT_FIGURES = (
    f"INSERT INTO {BundleFigure.__tablename__} (bundle_id, municipality, key, value) "
    "VALUES (?, ?, ?, ?)"
)


class UnknownSenderError(BundleRejected):
    """A bundle that verified completely, from a sender this office has not trusted yet.

    The key comes from the verified signature, never from a message: a window shows its
    fingerprint, asks, and after ``trust_sender`` imports the file again."""

    def __init__(self, name: str, signing_key: bytes) -> None:
        self.signing_key = signing_key
        self.key_id = key_id(signing_key)
        self.fingerprint = fingerprint(signing_key)
        super().__init__(
            f"{name}: unknown sender (fingerprint {self.fingerprint}); compare it with the "
            "sender and trust it explicitly."
        )


class Status(StrEnum):
    """What became of one bundle file."""

    IMPORTED = "imported"
    SUPERSEDED = "superseded"  # imported, replacing an older revision of the same sender
    DUPLICATE = "duplicate"  # the same bundle was imported before; nothing changed
    REJECTED = "rejected"
    UNKNOWN_SENDER = "unknown sender"  # verified, but its sender is not trusted yet


@dataclass(frozen=True)
class ImportOutcome:
    """One file's outcome. ``message`` is one line for people (a rejection's reason).

    ``period`` is the header's period when the header could be read; ``sender_key_id``,
    ``sender_fingerprint`` and ``sender_signing_key`` are set only when the bundle verified."""

    name: str
    status: Status
    message: str
    bundle_id: str | None = None
    sender_fingerprint: str | None = None
    period: str | None = None
    sender_key_id: str | None = None
    sender_signing_key: bytes | None = field(default=None, repr=False)
    path: Path | None = None

    @property
    def refused(self) -> bool:
        """Nothing of this file was written (rejected, or waiting for trust)."""
        return self.status in (Status.REJECTED, Status.UNKNOWN_SENDER)


@dataclass
class ImportReport:
    outcomes: list[ImportOutcome] = field(default_factory=list)

    @property
    def rejected(self) -> list[ImportOutcome]:
        """Every file not imported, unknown senders included."""
        return [o for o in self.outcomes if o.refused]


def _coordinator_keys(casefile: CaseFile, keys: OwnKeys | None) -> OwnKeys:
    if casefile.role != "coordinator":
        raise UsageError("Bundles are imported into a coordinator's file.")
    keys = keys or own_keys(casefile)
    assert keys.encryption is not None and keys.encryption_public is not None
    return keys


def expectations(casefile: CaseFile) -> validate.Expectations:
    """What this file accepts from a bundle (its district, municipalities, k and figures);
    read once per import run."""
    with casefile.reading_session() as session:
        municipalities = set(session.scalars(select(Municipality.name)))
        stored_k = session.get(Meta, "district_k")
        k = int(stored_k.value) if stored_k is not None else DEFAULT_K
    with casefile.reading() as conn:
        template = template_figures(conn)
    return validate.expectations_from(casefile.meta.get("district"), municipalities, k, template)


def import_bundle_bytes(
    casefile: CaseFile,
    data: bytes,
    name: str,
    trust_new_senders: bool = False,
    keys: OwnKeys | None = None,
) -> ImportOutcome:
    """Verify one bundle completely, then write it in one transaction (or not at all).
    Raises ``BundleRejected`` (``UnknownSenderError`` for a sender not trusted yet)."""
    keys = _coordinator_keys(casefile, keys)
    header, prefix = read_header(data, name)
    expect = expectations(casefile)
    return _import_read(casefile, header, prefix, data, name, trust_new_senders, keys, expect)


def _import_read(
    casefile: CaseFile,
    header: dict[str, Any],
    prefix: bytes,
    data: bytes,
    name: str,
    trust_new_senders: bool,
    keys: OwnKeys,
    expect: validate.Expectations,
) -> ImportOutcome:
    """The import of a bundle whose plain header is read: opened once, validated, then
    written."""
    assert keys.encryption is not None and keys.encryption_public is not None
    opened = open_sealed(header, prefix, data, keys.encryption, keys.encryption_public, name)
    try:
        validate.check_bundle(header, opened.payload, expect, opened.flat)
    except validate.ContentRejected as problem:
        # The district text came from the header: shown only made safe and short.
        where = ""
        if problem.field == "district":
            where = f" ({shown(header['district'])})"
        raise BundleRejected(f"{name}: rejected, {problem}{where}.") from None
    sender = header["sender_key_id"]
    sender_fingerprint = fingerprint(opened.sender_signing_key)
    period = parse_period(header["period"]["label"])

    def outcome(status: Status, message: str) -> ImportOutcome:
        return ImportOutcome(
            name,
            status,
            message,
            header["bundle_id"],
            sender_fingerprint,
            period.label,
            sender,
            opened.sender_signing_key,
        )

    with casefile.transaction() as session:
        other_kind = session.scalar(
            select(ReceivedBundle.kind).where(ReceivedBundle.kind != header["kind"]).limit(1)
        )
        if other_kind is not None:
            # A file collects either case managers' bundles (a district) or districts'
            # bundles (the state level), never both.
            raise BundleRejected(
                f"{name}: rejected, kind: this file collects {other_kind} bundles."
            )
        # The team directory (team.py): a revoked key is refused even if trusted before or
        # with the flag; an enrolled member needs no flag.
        member = team.member(session, sender)
        if member is not None and member.revoked_at is not None:
            raise BundleRejected(f"{name}: rejected, key revoked on {member.revoked_at[:10]}.")
        if session.get(TrustedSender, sender) is None:
            if member is None and not trust_new_senders:
                raise UnknownSenderError(name, opened.sender_signing_key)
            session.add(
                TrustedSender(
                    key_id=sender,
                    signing_key=opened.sender_signing_key,
                    label=None,
                    trusted_at=now(),
                )
            )
        # Below in plain statements on the transaction's connection: the ORM's flush and
        # bulk insert cost more than the rest of an import (benchmarks/bench_district_import).
        # The audit entries the ORM would write are written explicitly (_audit).
        session.flush()  # a newly trusted sender first: the bundle's row refers to it
        connection = session.connection()
        bundle_id = header["bundle_id"]
        existing = connection.execute(
            select(ReceivedBundle.sha256, ReceivedBundle.status).where(
                ReceivedBundle.bundle_id == bundle_id
            )
        ).first()
        if existing is not None:
            if existing.sha256 == opened.sha256 and existing.status == "withdrawn":
                return outcome(Status.DUPLICATE, "withdrawn before; it stays withdrawn")
            if existing.sha256 == opened.sha256:
                return outcome(Status.DUPLICATE, "already imported; nothing changed")
            raise BundleRejected(
                f"{name}: a different bundle with the same id was imported before; refused."
            )
        earlier = connection.execute(
            select(ReceivedBundle.bundle_id, ReceivedBundle.revision, ReceivedBundle.status).where(
                ReceivedBundle.sender_key_id == sender, ReceivedBundle.period == period.label
            )
        ).all()
        current = next((r.bundle_id for r in earlier if r.status == "current"), None)
        # Newer than every revision seen, withdrawn ones included: a withdrawn bundle blocks
        # nothing as current, but an older bundle replayed after it stays stale (received.py).
        latest = max((r.revision for r in earlier), default=None)
        if latest is not None and header["revision"] <= latest:
            raise BundleRejected(
                f"{name}: stale (revision {header['revision']} is not newer than the "
                f"imported revision {latest} for {period.label})."
            )
        status = Status.IMPORTED
        actor = casefile.meta.get("owner", "unknown")
        entries = [audit.entry_values(actor, "create", ReceivedBundle.__tablename__, bundle_id)]
        if current is not None:
            connection.execute(
                update(_RECEIVED_TABLE)
                .where(_RECEIVED_TABLE.c.bundle_id == current)
                .values(status="superseded")
            )
            entries.append(
                audit.entry_values(actor, "update", ReceivedBundle.__tablename__, current)
            )
            status = Status.SUPERSEDED
            # Only the current revision's figures are kept: comparing two revisions of the
            # same sender could otherwise undo the small-cell suppression.
            connection.execute(delete(_FIGURE_TABLE).where(_FIGURE_TABLE.c.bundle_id == current))
        connection.execute(
            insert(_RECEIVED_TABLE),
            {
                "bundle_id": bundle_id,
                "sender_key_id": sender,
                "kind": header["kind"],
                "district": header["district"],
                "period": period.label,
                "period_start": period.start,
                "period_end": period.end,
                "revision": header["revision"],
                "created": header["created"],
                "imported_at": now(),
                "sha256": opened.sha256,
                "status": "current",
                "k": opened.payload["k"],
                "withdrawn_at": None,
            },
        )
        connection.execute(insert(_AUDIT_TABLE), entries)
        rows = [
            (bundle_id, municipality, key, value)
            for municipality, figures in opened.payload["municipalities"].items()
            for key, value in (opened.flat.get(municipality) or indicators.flatten(figures)).items()
            # Zeros are not stored (most catalogue codes are zero and the district figures
            # start from all-zero keys); None is, because it marks a suppressed cell. The
            # figures older bundles lack are kept as zeros: their absence is "not delivered".
            if value is None or value != 0 or kept_when_zero(key)
        ]
        rows += district_figures.area_rows(header["bundle_id"], opened.payload)
        if rows:
            # Some hundred rows a bundle: the driver's executemany with plain tuples.
            connection.exec_driver_sql(_INSERT_FIGURES, rows)
        gaps = [
            {
                "bundle_id": bundle_id,
                "municipality": g["municipality"],
                "theme": g["theme"],
                "title": g["title"],
                "description": g.get("description"),
                "reported_on": dt.date.fromisoformat(g["reported_on"]),
            }
            for g in opened.payload["structural_gaps"]
        ]
        if gaps:
            connection.execute(insert(_GAP_TABLE), gaps)
    if status is Status.SUPERSEDED:
        return outcome(status, "imported, replacing an older revision")
    return outcome(status, "imported")


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise BundleRejected(f"{path.name}: no such file.")
    try:
        if path.stat().st_size > MAX_BUNDLE_BYTES:
            raise BundleRejected(f"{path.name}: larger than {MAX_BUNDLE_BYTES // 1024**2} MiB.")
        return path.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise BundleRejected(f"{path.name}: cannot be read ({reason}).") from None


def _import_file(
    casefile: CaseFile,
    path: Path,
    trust_new_senders: bool,
    keys: OwnKeys | None,
    expect: validate.Expectations | None = None,
) -> ImportOutcome:
    name = path.name
    try:
        data = _read(path)
        own = _coordinator_keys(casefile, keys)
        header, prefix = read_header(data, name)
    except KimError as error:
        return ImportOutcome(name, Status.REJECTED, error.message, path=path)
    period = parse_period(header["period"]["label"]).label
    try:
        outcome = _import_read(
            casefile,
            header,
            prefix,
            data,
            name,
            trust_new_senders,
            own,
            expect or expectations(casefile),
        )
    except UnknownSenderError as error:
        return ImportOutcome(
            name,
            Status.UNKNOWN_SENDER,
            error.message,
            header["bundle_id"],
            error.fingerprint,
            period,
            error.key_id,
            error.signing_key,
            path,
        )
    except KimError as error:  # one bad bundle never stops the others
        return ImportOutcome(name, Status.REJECTED, error.message, period=period, path=path)
    except (ValueError, TypeError, KeyError, AttributeError, ArithmeticError, RecursionError) as e:
        # Content the validation did not foresee: this file fails alone, the run goes on.
        log.warning("bundle import: %s refused (%s)", name, type(e).__name__)
        message = f"{name}: rejected, malformed content ({type(e).__name__})."
        return ImportOutcome(name, Status.REJECTED, message, period=period, path=path)
    return replace(outcome, path=path)


def import_files(
    casefile: CaseFile,
    paths: Iterable[Path | str],
    trust_new_senders: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[ImportOutcome]:
    """The import loop of ``kim bundle import`` and the window: one outcome per file, each
    after that file's transaction. ``progress(done, total)`` runs before each file and may
    stop the loop by raising; what was imported so far stays imported."""
    files = [Path(path) for path in paths]
    keys = own_keys(casefile) if casefile.role == "coordinator" else None
    expect = expectations(casefile) if casefile.role == "coordinator" else None
    statuses: Counter[str] = Counter()
    try:
        for done, path in enumerate(files):
            if progress is not None:
                progress(done, len(files))
            outcome = _import_file(casefile, path, trust_new_senders, keys, expect)
            statuses[outcome.status.value] += 1
            yield outcome
    finally:
        log.info("bundle import: %s", ", ".join(f"{statuses[s]} {s}" for s in sorted(statuses)))


def import_bundles(
    casefile: CaseFile, paths: Iterable[Path | str], trust_new_senders: bool = False
) -> ImportReport:
    """Each bundle on its own: a rejected one does not stop the others."""
    return ImportReport(list(import_files(casefile, paths, trust_new_senders)))


def collected_gaps(casefile: CaseFile, period: Period | None = None) -> list[dict[str, Any]]:
    """Structural gaps of the current bundles (all periods, or one)."""
    with casefile.reading() as conn:
        stmt = (
            select(BundleGap, ReceivedBundle.period)
            .join(ReceivedBundle)
            .where(ReceivedBundle.status == "current")
        )
        if period is not None:
            stmt = stmt.where(ReceivedBundle.period == period.label)
        return [dict(row._mapping) for row in conn.execute(stmt.order_by(BundleGap.reported_on))]


def trust_sender(casefile: CaseFile, signing_key: bytes, label: str | None = None) -> str:
    """Trust a sender after its fingerprint was compared (GUI confirmation); a revoked key
    is refused."""
    sender = key_id(signing_key)
    with casefile.transaction() as session:
        member = team.member(session, sender)
        if member is not None and member.revoked_at is not None:
            raise RejectedInputError(
                f"key {sender}: revoked on {member.revoked_at[:10]}; it is not trusted again."
            )
        if session.get(TrustedSender, sender) is None:
            session.add(
                TrustedSender(key_id=sender, signing_key=signing_key, label=label, trusted_at=now())
            )
    return sender
