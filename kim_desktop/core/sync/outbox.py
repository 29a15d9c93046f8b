"""What leaves the laptop: the payload of a bundle, the preview, the export and its history
(DESIGN.md section 7; the construction is in docs/bundle-format.md).

The payload holds, per municipality, the indicators of DESIGN §6 (demographics withheld
there), the demographic marginals of the sender's whole area perturbed with cell keys
(figures/cellkey.py; only for an ended calendar year, and fixed at the year's first export),
and the reported structural gaps that passed the personal-data check — nothing else leaves
the laptop. A coordinator's file builds the same payload from the district sums of its
current bundles, for the state level."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, select

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.models import (
    BundleExport,
    BundleFigure,
    BundleGap,
    Meta,
    Municipality,
    ReceivedBundle,
    StructuralGap,
)
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import RejectedInputError, UsageError
from kim_desktop.core.figures import anonymise, cellkey, gap_check, residue
from kim_desktop.core.figures.district import (
    HISTOGRAM_PREFIX,
    NoBundlesError,
    coverage,
    district_indicators,
    drop_not_delivered,
)
from kim_desktop.core.figures.periods import Period
from kim_desktop.core.platform.files import replace_privately
from kim_desktop.core.sync import outside
from kim_desktop.core.sync.district import DistrictSettings, current_settings
from kim_desktop.core.sync.keys import fingerprint, own_keys
from kim_desktop.core.sync.signed import canonical
from kim_desktop.core.sync.wire import PAYLOAD_FORMAT, VERSION, new_header, seal

log = logging.getLogger(__name__)


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
    return {
        key: value
        for key, value in figures.items()
        if key not in ("period", "municipality", "coverage")
    }


def _withhold_demographics(figures: dict[str, Any]) -> None:
    """A case manager's demographics per municipality are not sent (only the whole area's,
    perturbed): every cell ``None``, ``_suppressed`` = the persons. Per municipality and per
    quarter the groups are small, and each further table would be one more to set against
    the others (docs/bundle-format.md §7)."""
    persons = figures["cases"]["persons_in_opened"] or 0
    if not persons:
        return  # nobody counted: every cell is 0 and says nothing
    for dimension, cells in figures["demographics"].items():
        withheld: dict[str, int | None] = (
            {}
            if dimension == "nationality"
            else {code: None for code in cells if code != anonymise.SUPPRESSED_KEY}
        )
        withheld[anonymise.SUPPRESSED_KEY] = persons
        figures["demographics"][dimension] = withheld


DEMOGRAPHICS_META_PREFIX = "demographics:"


def _frozen_demographics(casefile: CaseFile, period: Period) -> dict[str, Any] | None:
    """The demographics block a year's first export sent, if any: later revisions send it
    again unchanged, so two revisions never differ in who they describe."""
    with casefile.reading_session() as session:
        row = session.get(Meta, DEMOGRAPHICS_META_PREFIX + period.label)
        return None if row is None else dict(json.loads(row.value))


def freeze_demographics(
    conn: Connection,
    periods: Iterable[Period],
    settings: DistrictSettings,
    secret: bytes,
    today: dt.date,
) -> dict[str, str]:
    """The demographics blocks an export now would send for the ended calendar years among
    ``periods`` that have none frozen yet, as meta rows to add (key -> value). An erasure
    freezes them first: the block describes persons, and the persons it describes are about
    to go, so a bundle re-exported for such a year stays the same."""
    rows: dict[str, str] = {}
    catalogues = cat.file_catalogues(conn)
    for period in periods:
        key = DEMOGRAPHICS_META_PREFIX + period.label
        if not cellkey.published_for(period, today) or conn.scalar(
            select(Meta.value).where(Meta.key == key)
        ):
            continue
        block = cellkey.area_block(
            conn, period, settings.municipalities, catalogues, secret, settings.k, today
        )
        rows[key] = canonical(block).decode()
    return rows


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
    gaps: Iterable[Mapping[Any, Any]],
    demographics: Mapping[str, Any],
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
        # The sender's whole area (docs/bundle-format.md §6.2 and §7).
        "demographics": demographics,
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
    casefile: CaseFile,
    period: Period,
    k: int,
    municipalities: Iterable[str] | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Exactly what leaves the laptop (the preview shows this dict). Raises
    ``PersonalDataFound`` when a structural gap fails the personal-data check, and
    ``outside.OutsideDistrictError`` when records of the period lie in a municipality the
    configuration does not list (or in none)."""
    today = today or dt.date.today()
    frozen = _frozen_demographics(casefile, period)
    # Only a block that is published needs the record keys (made on first use: a write).
    wanted = frozen is None and cellkey.published_for(period, today)
    secret = cellkey.record_secret(casefile) if wanted else b""
    with casefile.reading() as conn:
        catalogues = cat.file_catalogues(conn)
        names = (
            list(municipalities)
            if municipalities is not None
            else list(conn.scalars(select(Municipality.name).order_by(Municipality.name)))
        )
        if municipalities is not None:
            # Records outside the configured municipalities refuse the export (outside.py).
            outside.check_nothing_left_out(conn, period, names)
        per_municipality: dict[str, Any] = {}
        for name in names:
            # With the residue of erased records (residue.py), and the histogram.
            figures = _strip_scope(
                residue.figures_with_residue(conn, period, name, catalogues, with_histogram=True)
            )
            _withhold_demographics(figures)
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
        facts = gap_check.facts_of(conn, public_words=names)
        if frozen is not None:
            # A k raised since the first export hides the cells now below it.
            demographics = cellkey.raise_to_k(frozen, k)
        elif wanted:
            demographics = cellkey.area_block(conn, period, names, catalogues, secret, k, today)
        else:
            # Withheld: only the persons, as the municipalities count them (with the residue
            # of erased records, so an erasure does not change an ended quarter's bundle).
            persons = sum(f["cases"]["persons_in_opened"] for f in per_municipality.values())
            demographics = cellkey.withheld_block(cellkey.dimension_codes(catalogues), persons)
    findings = [
        (gap["id"], finding)
        for gap in gaps
        for finding in gap_check.gap_findings(facts, gap["title"], gap["description"])
    ]
    if findings:
        raise PersonalDataFound(findings)
    return _payload(period, k, per_municipality, gaps, demographics)


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
    with casefile.reading_session() as session:
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
        frozen_key = DEMOGRAPHICS_META_PREFIX + period.label
        if (
            kind == "casemanager"
            and cellkey.published_for(period, dt.date.today())
            and session.get(Meta, frozen_key) is None
        ):
            # The year's demographics as first sent: every later revision sends them again.
            session.add(Meta(key=frozen_key, value=canonical(payload["demographics"]).decode()))
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
    with casefile.reading_session() as session:
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


# -- the district's bundle for the state level -----------------------------------------------


def build_district_payload(casefile: CaseFile, period: Period, k: int) -> dict[str, Any]:
    """A coordinator's bundle for the state level: per municipality, the district sums.
    Raises ``NoBundlesError`` for a period without current bundles: "no data" never travels
    to the state level as zeros."""
    with casefile.reading() as conn:
        if not coverage(conn, period).bundles:
            raise NoBundlesError(period)
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
            drop_not_delivered(figures)  # not delivered stays not delivered, never 0
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
                key[len(HISTOGRAM_PREFIX) :]: int(total or 0) for key, total in histogram_rows
            }
            per_municipality[name] = figures
        # The district's whole demographics: the sum of the senders' blocks (each already
        # perturbed or withheld), with cells below the state level's k withheld.
        demographics = cellkey.raise_to_k(district_indicators(conn, period)["demographics"], k)
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
    return _payload(period, k, per_municipality, gaps, demographics)
