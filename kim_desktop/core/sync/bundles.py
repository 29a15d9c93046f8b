"""Anonymised sync bundles (DESIGN.md section 7; the construction is in docs/bundle-format.md).

A ``.kimbundle`` is::

    MAGIC "KIMBNDL1" | header length (4 bytes, big-endian) | header (canonical JSON)
    | nonce (12 bytes) | AES-256-GCM( Ed25519 signature (64 bytes) | payload (canonical JSON) )

The AES key comes from X25519 between a fresh ephemeral key (its public half is in the header)
and the coordination office's encryption key, through HKDF-SHA256. The signature covers magic,
header and payload; the AEAD authenticates magic and header as associated data. So the plain
header (format, bundle id, sender, recipient, district, period, revision, created) can be read
before decrypting, and any change to any byte is detected.

The payload holds, per municipality, the indicators of DESIGN §6 with the demographic
marginals small-cell suppressed, and the reported structural gaps that passed the
personal-data check — nothing else leaves the laptop."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
import secrets
import struct
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import delete, func, insert, select

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.models import (
    BundleExport,
    BundleFigure,
    BundleGap,
    Client,
    Municipality,
    ReceivedBundle,
    StructuralGap,
    TrustedSender,
)
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import KimError, RejectedInputError, UsageError
from kim_desktop.core.figures import anonymise, indicators
from kim_desktop.core.figures.district import HISTOGRAM_PREFIX, district_indicators
from kim_desktop.core.figures.periods import Period, parse_period
from kim_desktop.core.platform.files import replace_privately
from kim_desktop.core.sync.district import DistrictSettings, canonical, current_settings
from kim_desktop.core.sync.keys import OwnKeys, b64, fingerprint, key_id, own_keys, unb64

log = logging.getLogger(__name__)

MAGIC = b"KIMBNDL1"
FORMAT = "kim-bundle"
PAYLOAD_FORMAT = "kim-bundle-payload"
VERSION = 1
MAX_BUNDLE_BYTES = 8 * 1024 * 1024
MAX_HEADER_BYTES = 16 * 1024
NONCE_BYTES = 12
HKDF_INFO = b"kim-bundle v1"
_KEY_PATTERN = re.compile(r"^[a-z_]+(\.[A-Za-z0-9_+\-]+)+$")


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


# -- building the payload ----------------------------------------------------------------------


class PersonalDataFound(RejectedInputError):
    """A structural gap that would leave the laptop looks like it contains personal data."""

    def __init__(self, findings: Sequence[tuple[str, anonymise.Finding]]) -> None:
        self.findings = list(findings)
        parts = [
            f"gap {gap_id}: {f.field} contains {f.kind} (character {f.position + 1})"
            for gap_id, f in self.findings[:5]
        ]
        more = f" and {len(self.findings) - 5} more" if len(self.findings) > 5 else ""
        super().__init__(
            "Export blocked, edit these structural gaps first: " + "; ".join(parts) + more
        )


def _strip_scope(figures: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in figures.items() if key not in ("period", "municipality")}


def _suppress_demographics(figures: dict[str, Any], k: int) -> None:
    """Suppress small cells in place; ``_suppressed`` is the persons not published."""
    persons = figures["cases"]["persons_in_opened"] or 0
    for dimension, cells in figures["demographics"].items():
        counts = {code: n for code, n in cells.items() if code != anonymise.SUPPRESSED_KEY}
        suppressed = anonymise.suppress(counts, k, open_list=dimension == "nationality")
        published = sum(
            v for c, v in suppressed.items() if c != anonymise.SUPPRESSED_KEY and v is not None
        )
        suppressed[anonymise.SUPPRESSED_KEY] = persons - published
        figures["demographics"][dimension] = suppressed


def _payload(
    period: Period,
    k: int,
    per_municipality: Any,
    gaps: Iterable[Mapping[str, Any]],
) -> dict[str, Any]:
    """The payload document of a case manager's or a district's bundle."""
    return {
        "format": PAYLOAD_FORMAT,
        "version": VERSION,
        "period": {
            "label": period.label,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "k": k,
        "municipalities": per_municipality,
        "structural_gaps": [
            {
                "municipality": g["municipality"],
                "theme": g["theme"],
                "title": g["title"],
                "description": g["description"],
                "reported_on": g["reported_on"].isoformat(),
            }
            for g in gaps
        ],
    }


def build_payload(
    casefile: CaseFile, period: Period, k: int, municipalities: Iterable[str] | None = None
) -> dict[str, Any]:
    """Exactly what leaves the laptop (the preview shows this dict). Raises
    ``PersonalDataFound`` when a structural gap fails the personal-data check."""
    with casefile.engine.connect() as conn, conn.begin():
        catalogues = cat.file_catalogues(conn)
        names = (
            list(municipalities)
            if municipalities is not None
            else list(conn.scalars(select(Municipality.name).order_by(Municipality.name)))
        )
        per_municipality: dict[str, Any] = {}
        for name in names:
            figures = _strip_scope(indicators.compute_indicators(conn, period, name, catalogues))
            _suppress_demographics(figures, k)
            histogram = indicators.positive_close_histogram(conn, period, name)
            figures["cases"]["appointments_to_positive_close"]["histogram"] = histogram
            per_municipality[name] = figures
        gaps = (
            conn.execute(
                select(StructuralGap)
                .where(
                    StructuralGap.status == "reported",
                    StructuralGap.reported_on.between(period.start, period.end),
                    # Only the district's municipalities: the field is free text otherwise.
                    StructuralGap.municipality.in_(names),
                )
                .order_by(StructuralGap.reported_on, StructuralGap.id)
            )
            .mappings()
            .all()
        )
        clients = (
            conn.execute(
                select(
                    Client.given_name,
                    Client.family_name,
                    Client.birth_date,
                    Client.phone,
                    Client.email,
                    Client.address,
                )
            )
            .mappings()
            .all()
        )
    facts = anonymise.personal_facts(
        [
            {**c, "birth_date": c["birth_date"].isoformat() if c["birth_date"] else None}
            for c in clients
        ],
        public_words=names,
    )
    findings = [
        (gap["id"], finding)
        for gap in gaps
        for text_field in ("title", "description")
        for finding in anonymise.check_text(text_field, gap[text_field], facts)
    ]
    if findings:
        raise PersonalDataFound(findings)
    return _payload(period, k, per_municipality, gaps)


# -- sealing and opening -----------------------------------------------------------------------


def _aead_key(shared: bytes, ephemeral_public: bytes, recipient_public: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=None,
        info=HKDF_INFO + ephemeral_public + recipient_public,
    ).derive(shared)


def new_header(
    kind: str,
    sender_signing_key: bytes,
    recipient_key: bytes,
    district: str,
    period: Mapping[str, str],
    revision: int,
    created: str | None = None,
) -> dict[str, Any]:
    """The plain header of a new bundle (``seal`` adds the ephemeral key)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "bundle_id": str(uuid.uuid4()),
        "kind": kind,
        "sender_key_id": key_id(sender_signing_key),
        "sender_signing_key": b64(sender_signing_key),
        "recipient_key_id": key_id(recipient_key),
        "district": district,
        "period": dict(period),
        "revision": revision,
        "created": created or _now(),
    }


def seal(
    header: dict[str, Any], payload: dict[str, Any], signing_key: Any, recipient_public: bytes
) -> bytes:
    """Sign, then encrypt to the recipient. ``header`` gets the ephemeral key added."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    header = {**header, "ephemeral_key": b64(ephemeral_public)}
    header_bytes = canonical(header)
    prefix = MAGIC + struct.pack(">I", len(header_bytes)) + header_bytes
    payload_bytes = canonical(payload)
    signature = signing_key.sign(prefix + payload_bytes)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    nonce = secrets.token_bytes(NONCE_BYTES)
    ciphertext = AESGCM(_aead_key(shared, ephemeral_public, recipient_public)).encrypt(
        nonce, signature + payload_bytes, prefix
    )
    return prefix + nonce + ciphertext


@dataclass(frozen=True)
class OpenedBundle:
    header: dict[str, Any]
    payload: dict[str, Any]
    sha256: str
    sender_signing_key: bytes


class BundleRejected(RejectedInputError):
    """A bundle that is not imported, with the reason."""


def read_header(data: bytes, name: str = "bundle") -> tuple[dict[str, Any], bytes]:
    """The plain header (readable before decrypting) and the authenticated prefix."""
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleRejected(f"{name}: larger than {MAX_BUNDLE_BYTES // 1024**2} MiB.")
    if len(data) < len(MAGIC) + 4 or not data.startswith(MAGIC):
        raise BundleRejected(f"{name}: not a KIM bundle.")
    (length,) = struct.unpack(">I", data[len(MAGIC) : len(MAGIC) + 4])
    end = len(MAGIC) + 4 + length
    if length > MAX_HEADER_BYTES or end + NONCE_BYTES + 16 + 64 > len(data):
        raise BundleRejected(f"{name}: damaged or truncated (header length).")
    try:
        header = json.loads(data[len(MAGIC) + 4 : end].decode("utf-8"))
        if header.get("format") != FORMAT or header.get("version") != VERSION:
            raise ValueError("format")
        for text in (
            "bundle_id",
            "sender_key_id",
            "recipient_key_id",
            "district",
            "created",
            "kind",
        ):
            if not isinstance(header[text], str):
                raise ValueError(text)
        uuid.UUID(header["bundle_id"])
        if header["kind"] not in ("casemanager", "district"):
            raise ValueError("kind")
        if not isinstance(header["revision"], int) or header["revision"] < 1:
            raise ValueError("revision")
        parse_period(header["period"]["label"])
        unb64(header["sender_signing_key"], 32)
        unb64(header["ephemeral_key"], 32)
    except (
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        UnicodeDecodeError,
        RecursionError,
        KimError,
    ):
        raise BundleRejected(f"{name}: damaged header.") from None
    return header, data[:end]


def open_bundle(
    data: bytes, encryption_private: X25519PrivateKey, own_public: bytes, name: str = "bundle"
) -> OpenedBundle:
    """Check everything about a bundle except trust, district and revision."""
    header, prefix = read_header(data, name)
    if header["recipient_key_id"] != key_id(own_public):
        raise BundleRejected(
            f"{name}: addressed to another coordination office (wrong recipient key)."
        )
    sender_key = unb64(header["sender_signing_key"], 32)
    if key_id(sender_key) != header["sender_key_id"]:
        raise BundleRejected(f"{name}: damaged header (sender key id).")
    ephemeral_public = unb64(header["ephemeral_key"], 32)
    body = data[len(prefix) :]
    nonce, ciphertext = body[:NONCE_BYTES], body[NONCE_BYTES:]
    try:
        shared = encryption_private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    except ValueError:  # e.g. an all-zero (low-order) ephemeral key
        raise BundleRejected(f"{name}: damaged header (ephemeral key).") from None
    try:
        plain = AESGCM(_aead_key(shared, ephemeral_public, own_public)).decrypt(
            nonce, ciphertext, prefix
        )
    except InvalidTag:
        raise BundleRejected(f"{name}: changed or damaged (decryption failed).") from None
    signature, payload_bytes = plain[:64], plain[64:]
    try:
        Ed25519PublicKey.from_public_bytes(sender_key).verify(signature, prefix + payload_bytes)
    except InvalidSignature:
        raise BundleRejected(f"{name}: signature invalid.") from None
    try:
        payload = json.loads(payload_bytes.decode("utf-8"))
        _check_payload(payload, header)
    except RecursionError:
        raise BundleRejected(f"{name}: malformed content (nested too deeply).") from None
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise BundleRejected(f"{name}: malformed content ({exc}).") from None
    return OpenedBundle(header, payload, hashlib.sha256(data).hexdigest(), sender_key)


def _check_payload(payload: Any, header: Mapping[str, Any]) -> None:
    if not isinstance(payload, dict) or payload.get("format") != PAYLOAD_FORMAT:
        raise ValueError("not a bundle payload")
    if payload["period"] != header["period"]:
        raise ValueError("period differs from the header")
    if not isinstance(payload["k"], int) or payload["k"] < 2:
        raise ValueError("k")
    municipalities = payload["municipalities"]
    if not isinstance(municipalities, dict) or len(municipalities) > 500:
        raise ValueError("municipalities")
    for name, figures in municipalities.items():
        if not isinstance(name, str) or not 0 < len(name) <= 200:
            raise ValueError("municipality name")
        flat = indicators.flatten(figures)
        if len(flat) > 5000:
            raise ValueError("too many figures")
        for key, value in flat.items():
            if not _KEY_PATTERN.match(key) or len(key) > 120:
                raise ValueError("figure name")
            if value is not None and (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not -1e12 < value < 1e12
            ):
                raise ValueError("figure value")
    gaps = payload["structural_gaps"]
    if not isinstance(gaps, list) or len(gaps) > 1000:
        raise ValueError("structural gaps")
    for gap in gaps:
        for text in ("municipality", "theme", "title"):
            if not isinstance(gap[text], str) or len(gap[text]) > 2000:
                raise ValueError("structural gap text")
        if gap.get("description") is not None and (
            not isinstance(gap["description"], str) or len(gap["description"]) > 20000
        ):
            raise ValueError("structural gap text")
        dt.date.fromisoformat(gap["reported_on"])


# -- export --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportResult:
    bundle_id: str
    revision: int
    period: str
    path: Path
    recipient_fingerprint: str
    municipalities: int
    structural_gaps: int


def _recipient(casefile: CaseFile) -> DistrictSettings:
    settings = current_settings(casefile)
    if settings is None:
        who = "the state level's" if casefile.role == "coordinator" else "the district's"
        raise RejectedInputError(
            f"No district configuration: import {who} configuration first (kim district import)."
        )
    return settings


def preview(casefile: CaseFile, period: Period) -> dict[str, Any]:
    """The payload that an export now would carry (for the preview before saving)."""
    settings = _recipient(casefile)
    if casefile.role == "coordinator":
        return build_district_payload(casefile, period, settings.k)
    return build_payload(casefile, period, settings.k, settings.municipalities)


def export_bundle(
    casefile: CaseFile,
    period: Period,
    out: Path | str,
    previewed: dict[str, Any] | None = None,
) -> ExportResult:
    """Build, sign, encrypt and write a bundle; record it in the export history.

    ``previewed``: the payload the user saw; if the data changed since, nothing is written
    (what leaves the laptop is exactly what was shown)."""
    out = Path(out)
    if out.exists():
        raise UsageError(f"{out}: the file already exists; choose another name.")
    if not out.parent.is_dir():
        raise UsageError(f"{out.parent}: no such folder.")
    settings = _recipient(casefile)
    payload = preview(casefile, period)
    if previewed is not None and canonical(previewed) != canonical(payload):
        raise RejectedInputError("The figures changed since the preview; preview again, then save.")
    keys = own_keys(casefile)
    kind = "district" if casefile.role == "coordinator" else "casemanager"
    district = casefile.meta.get("district") or settings.district
    with casefile.session() as session:
        revision = (
            session.scalar(
                select(func.max(BundleExport.revision)).where(BundleExport.period == period.label)
            )
            or 0
        ) + 1
    header = new_header(
        kind,
        keys.signing_public,
        settings.coordinator_encryption_key,
        district,
        payload["period"],
        revision,
    )
    data = seal(header, payload, keys.signing, settings.coordinator_encryption_key)
    replace_privately(out, data)
    with casefile.transaction() as session:
        session.add(
            BundleExport(
                bundle_id=header["bundle_id"],
                period=period.label,
                revision=revision,
                recipient_key_id=header["recipient_key_id"],
                created=header["created"],
                sha256=hashlib.sha256(data).hexdigest(),
                file_name=out.name,
            )
        )
    log.info(
        "bundle exported (revision %d, %d municipalities)", revision, len(payload["municipalities"])
    )
    return ExportResult(
        header["bundle_id"],
        revision,
        period.label,
        out,
        fingerprint(settings.coordinator_signing_key),
        len(payload["municipalities"]),
        len(payload["structural_gaps"]),
    )


def export_history(casefile: CaseFile) -> list[BundleExportRow]:
    with casefile.session() as session:
        return [
            BundleExportRow(r.bundle_id, r.period, r.revision, r.created, r.file_name)
            for r in session.scalars(select(BundleExport).order_by(BundleExport.created))
        ]


@dataclass(frozen=True)
class BundleExportRow:
    bundle_id: str
    period: str
    revision: int
    created: str
    file_name: str | None


# -- import (coordinator) -----------------------------------------------------------------------


@dataclass(frozen=True)
class ImportOutcome:
    name: str
    status: str  # imported, superseded, duplicate, rejected
    message: str
    bundle_id: str | None = None
    sender_fingerprint: str | None = None


@dataclass
class ImportReport:
    outcomes: list[ImportOutcome] = field(default_factory=list)

    @property
    def rejected(self) -> list[ImportOutcome]:
        return [o for o in self.outcomes if o.status == "rejected"]


def import_bundle_bytes(
    casefile: CaseFile,
    data: bytes,
    name: str,
    trust_new_senders: bool = False,
    keys: OwnKeys | None = None,
) -> ImportOutcome:
    """Verify one bundle completely, then write it in one transaction (or not at all)."""
    if casefile.role != "coordinator":
        raise UsageError("Bundles are imported into a coordinator's file.")
    keys = keys or own_keys(casefile)
    assert keys.encryption is not None and keys.encryption_public is not None
    opened = open_bundle(data, keys.encryption, keys.encryption_public, name)
    header = opened.header
    own_district = casefile.meta.get("district")
    if header["kind"] == "casemanager" and header["district"] != own_district:
        raise BundleRejected(f"{name}: a bundle of another district ({header['district']}).")
    sender = header["sender_key_id"]
    sender_fingerprint = fingerprint(opened.sender_signing_key)
    period = parse_period(header["period"]["label"])
    with casefile.transaction() as session:
        if session.get(TrustedSender, sender) is None:
            if not trust_new_senders:
                raise BundleRejected(
                    f"{name}: unknown sender (fingerprint {sender_fingerprint}); compare it "
                    "with the sender and trust it explicitly."
                )
            session.add(
                TrustedSender(
                    key_id=sender,
                    signing_key=opened.sender_signing_key,
                    label=None,
                    trusted_at=_now(),
                )
            )
        existing = session.get(ReceivedBundle, header["bundle_id"])
        if existing is not None:
            if existing.sha256 == opened.sha256:
                return ImportOutcome(
                    name,
                    "duplicate",
                    "already imported; nothing changed",
                    header["bundle_id"],
                    sender_fingerprint,
                )
            raise BundleRejected(
                f"{name}: a different bundle with the same id was imported before; refused."
            )
        current = session.scalar(
            select(ReceivedBundle).where(
                ReceivedBundle.sender_key_id == sender,
                ReceivedBundle.period == period.label,
                ReceivedBundle.status == "current",
            )
        )
        status = "imported"
        if current is not None:
            if header["revision"] <= current.revision:
                raise BundleRejected(
                    f"{name}: stale (revision {header['revision']} is not newer than the "
                    f"imported revision {current.revision} for {period.label})."
                )
            current.status = "superseded"
            status = "superseded"
            # Only the current revision's figures are kept: comparing two revisions of the
            # same sender could otherwise undo the small-cell suppression.
            session.execute(delete(BundleFigure).where(BundleFigure.bundle_id == current.bundle_id))
        session.add(
            ReceivedBundle(
                bundle_id=header["bundle_id"],
                sender_key_id=sender,
                kind=header["kind"],
                district=header["district"],
                period=period.label,
                period_start=period.start,
                period_end=period.end,
                revision=header["revision"],
                created=header["created"],
                imported_at=_now(),
                sha256=opened.sha256,
                status="current",
                k=opened.payload["k"],
            )
        )
        session.flush()
        rows = [
            {
                "bundle_id": header["bundle_id"],
                "municipality": municipality,
                "key": key,
                "value": value,
            }
            for municipality, figures in opened.payload["municipalities"].items()
            for key, value in indicators.flatten(figures).items()
            # Zeros are not stored (most catalogue codes are zero and the district figures
            # start from all-zero keys); None is, because it marks a suppressed cell.
            if value is None or value != 0
        ]
        if rows:
            session.execute(insert(BundleFigure), rows)
        gaps = [
            {
                "bundle_id": header["bundle_id"],
                "municipality": g["municipality"],
                "theme": g["theme"],
                "title": g["title"],
                "description": g.get("description"),
                "reported_on": dt.date.fromisoformat(g["reported_on"]),
            }
            for g in opened.payload["structural_gaps"]
        ]
        if gaps:
            session.execute(insert(BundleGap), gaps)
        known = set(session.scalars(select(Municipality.name)))
        for municipality in opened.payload["municipalities"]:
            if municipality not in known and header["kind"] == "casemanager":
                session.add(Municipality(name=municipality))
    message = "imported, replacing an older revision" if status == "superseded" else "imported"
    return ImportOutcome(name, status, message, header["bundle_id"], sender_fingerprint)


def import_bundles(
    casefile: CaseFile, paths: Iterable[Path | str], trust_new_senders: bool = False
) -> ImportReport:
    """Each bundle on its own: a rejected one does not stop the others."""
    report = ImportReport()
    keys = own_keys(casefile) if casefile.role == "coordinator" else None
    for path in paths:
        path = Path(path)
        try:
            if not path.is_file():
                raise BundleRejected(f"{path.name}: no such file.")
            if path.stat().st_size > MAX_BUNDLE_BYTES:
                raise BundleRejected(f"{path.name}: larger than {MAX_BUNDLE_BYTES // 1024**2} MiB.")
            outcome = import_bundle_bytes(
                casefile, path.read_bytes(), path.name, trust_new_senders, keys
            )
        except KimError as error:  # one bad bundle never stops the others
            outcome = ImportOutcome(path.name, "rejected", error.message)
        report.outcomes.append(outcome)
    statuses = [outcome.status for outcome in report.outcomes]
    log.info(
        "bundle import: %s", ", ".join(f"{statuses.count(s)} {s}" for s in sorted(set(statuses)))
    )
    return report


def received(casefile: CaseFile) -> list[ReceivedRow]:
    """Every imported bundle with its sender's fingerprint, oldest period first."""
    with casefile.session() as session:
        rows = session.execute(
            select(ReceivedBundle, TrustedSender.signing_key)
            .join(TrustedSender, TrustedSender.key_id == ReceivedBundle.sender_key_id)
            .order_by(ReceivedBundle.period, ReceivedBundle.sender_key_id, ReceivedBundle.revision)
        ).all()
        return [
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
                fingerprint(bytes(signing_key)),
            )
            for r, signing_key in rows
        ]


@dataclass(frozen=True)
class ReceivedRow:
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


def build_district_payload(casefile: CaseFile, period: Period, k: int) -> dict[str, Any]:
    """A coordinator's bundle for the state level: per municipality, the district sums."""
    with casefile.engine.connect() as conn, conn.begin():
        names = sorted(
            set(
                conn.scalars(
                    select(BundleFigure.municipality)
                    .join(ReceivedBundle)
                    .where(
                        ReceivedBundle.status == "current", ReceivedBundle.period == period.label
                    )
                )
            )
        )
        per_municipality = {}
        for name in names:
            figures = _strip_scope(district_indicators(conn, period, name))
            _suppress_demographics(figures, k)  # the state level's k may be higher
            histogram_rows = conn.execute(
                select(BundleFigure.key, func.sum(BundleFigure.value))
                .join(ReceivedBundle)
                .where(
                    ReceivedBundle.status == "current",
                    ReceivedBundle.period == period.label,
                    BundleFigure.municipality == name,
                    BundleFigure.key.like(HISTOGRAM_PREFIX + "%"),
                )
                .group_by(BundleFigure.key)
            )
            figures["cases"]["appointments_to_positive_close"]["histogram"] = {
                key[len(HISTOGRAM_PREFIX) :]: int(total) for key, total in histogram_rows
            }
            per_municipality[name] = figures
        gaps = (
            conn.execute(
                select(BundleGap)
                .join(ReceivedBundle)
                .where(ReceivedBundle.status == "current", ReceivedBundle.period == period.label)
                .order_by(BundleGap.reported_on, BundleGap.id)
            )
            .mappings()
            .all()
        )
    return _payload(period, k, per_municipality, gaps)


def collected_gaps(casefile: CaseFile, period: Period | None = None) -> list[dict[str, Any]]:
    """Structural gaps of the current bundles (all periods, or one)."""
    with casefile.engine.connect() as conn:
        stmt = (
            select(BundleGap, ReceivedBundle.period)
            .join(ReceivedBundle)
            .where(ReceivedBundle.status == "current")
        )
        if period is not None:
            stmt = stmt.where(ReceivedBundle.period == period.label)
        return [dict(row._mapping) for row in conn.execute(stmt.order_by(BundleGap.reported_on))]


def trust_sender(casefile: CaseFile, signing_key: bytes, label: str | None = None) -> str:
    """Trust a sender after its fingerprint was compared (GUI confirmation)."""
    sender = key_id(signing_key)
    with casefile.transaction() as session:
        if session.get(TrustedSender, sender) is None:
            session.add(
                TrustedSender(
                    key_id=sender, signing_key=signing_key, label=label, trusted_at=_now()
                )
            )
    return sender
