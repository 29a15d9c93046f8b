"""The plain data of the statistics report (issue 6): gathered here from an open case file,
handed to ``kim_desktop.reports``, which never opens the database.

A case manager's report carries the file's own figures; a coordinator's the district figures
(the sums of the imported bundles, ``district_figures.district_indicators``) plus one section per
municipality that appears in the bundles of the period or of the previous period; a period
without bundles is refused (``NoBundlesError``), a comparison period without bundles is
printed as "–". The figures carry ``coverage`` (bundles, senders), named on the first page. Every
figure comes from the one implementation in ``indicators`` / ``figures.district``, so the
report shows exactly what ``kim stats`` shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.models import BundleFigure, Municipality, ReceivedBundle
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.figures import district as district_figures
from kim_desktop.core.figures import residue
from kim_desktop.core.figures.periods import Period
from kim_desktop.core.sync import district, inbox
from kim_desktop.core.sync.district import DEFAULT_K

DEFAULT_FUNDING_NOTE = (
    "Das Kommunale Integrationsmanagement (KIM) wird gefördert vom Ministerium für Kinder, "
    "Jugend, Familie, Gleichstellung, Flucht und Integration des Landes Nordrhein-Westfalen."
)
FUNDING_NOTE_KEY = "funding_note"


@dataclass(frozen=True)
class ReportGap:
    """A structural gap as reported (never personal data: the texts passed the check)."""

    municipality: str
    theme: str
    title: str
    description: str | None
    reported_on: dt.date | None


@dataclass(frozen=True)
class MunicipalitySection:
    name: str
    figures: Mapping[str, Any]
    previous: Mapping[str, Any]


@dataclass(frozen=True)
class ReportData:
    """Everything the statistics report prints; plain values only."""

    owner: str
    role: str  # "casemanager" or "coordinator"
    district: str | None
    funding_note: str
    period: Period
    previous_period: Period
    issued_on: dt.date
    figures: Mapping[str, Any]
    previous: Mapping[str, Any]
    k: int = DEFAULT_K
    municipalities: tuple[MunicipalitySection, ...] = ()
    # Municipalities of the comparison period's bundles that sent nothing for the period: no
    # section (no data is never printed as zeros), one sentence names them.
    without_data: tuple[str, ...] = ()
    # Municipalities whose figures are zero in both periods: no section of zeros either,
    # one sentence names them.
    without_work: tuple[str, ...] = ()
    gaps: tuple[ReportGap, ...] = ()
    catalogues: Mapping[str, cat.Catalogue] = field(default_factory=cat.base_catalogues)
    # PNG or JPEG bytes from the district configuration, for the title page (checked on
    # export and import, core/sync/logos.py)
    logo: bytes | None = field(default=None, repr=False)  # the district's
    programme_logo: bytes | None = field(default=None, repr=False)  # the state programme's


def district_municipalities(conn: Connection, *periods: Period) -> list[str]:
    """Municipalities that appear in the current bundles of any of the periods (sorted)."""
    labels = [period.label for period in periods]
    return sorted(
        set(
            conn.scalars(
                select(BundleFigure.municipality)
                .join(ReceivedBundle, ReceivedBundle.bundle_id == BundleFigure.bundle_id)
                .where(ReceivedBundle.status == "current", ReceivedBundle.period.in_(labels))
            )
        )
    )


def _casemanager_gaps(casefile: CaseFile, period: Period) -> list[ReportGap]:
    return [
        ReportGap(g.municipality, g.theme, g.title, g.description, g.reported_on)
        for g in casework.list_gaps(casefile, casework.REPORTED)
        if g.reported_on is not None and period.start <= g.reported_on <= period.end
    ]


def _coordinator_gaps(casefile: CaseFile, period: Period) -> list[ReportGap]:
    return [
        ReportGap(g["municipality"], g["theme"], g["title"], g["description"], g["reported_on"])
        for g in inbox.collected_gaps(casefile, period)
    ]


def _own_municipalities(
    conn: Connection,
    period: Period,
    previous_period: Period,
    catalogues: Mapping[str, cat.Catalogue],
) -> tuple[list[MunicipalitySection], list[str]]:
    """A case manager's figures per municipality with any work in the period or the
    comparison period, when there are two or more (one would repeat the whole report), and
    the municipalities without any."""
    sections, quiet = [], []
    for name in conn.scalars(select(Municipality.name).order_by(Municipality.name)):
        now = residue.figures_with_residue(conn, period, name, catalogues)
        before = residue.figures_with_residue(conn, previous_period, name, catalogues)
        if _any_work(now) or _any_work(before):
            sections.append(MunicipalitySection(name, now, before))
        else:
            quiet.append(name)
    return (sections, quiet) if len(sections) > 1 else ([], [])


def _any_work(figures: Mapping[str, Any]) -> bool:
    cases = figures["cases"]
    return bool(
        figures["appointments"]["total"]
        or cases["opened"]
        or cases["closed"]
        or cases["open_at_end"]
        or figures["referrals"]["total"]
        or figures["goals"]["agreed"]
    )


def gather(casefile: CaseFile, period: Period, issued_on: dt.date | None = None) -> ReportData:
    """The report's data for an open case file (figures read in one transaction)."""
    previous_period = period.previous()
    settings = district.current_settings(casefile)
    meta = casefile.meta
    sections: list[MunicipalitySection] = []
    without_data: list[str] = []
    without_work: list[str] = []
    with casefile.reading() as conn:
        catalogues = cat.file_catalogues(conn)
        if casefile.role == "coordinator":
            figures = district_figures.district_indicators(conn, period)
            if not figures["coverage"]["bundles"]:
                # No data is never printed as zeros (DESIGN §8).
                raise district_figures.NoBundlesError(period)
            previous = district_figures.district_indicators(conn, previous_period)
            previous_empty = not previous["coverage"]["bundles"]
            if previous_empty:
                previous = district_figures.without_data(previous)
            reported = set(district_municipalities(conn, period))
            for name in district_municipalities(conn, period, previous_period):
                if name not in reported:
                    without_data.append(name)
                    continue
                before = district_figures.district_indicators(conn, previous_period, name)
                now = district_figures.district_indicators(conn, period, name)
                if not (_any_work(now) or _any_work(before)):
                    without_work.append(name)
                    continue
                sections.append(
                    MunicipalitySection(
                        name,
                        now,
                        district_figures.without_data(before) if previous_empty else before,
                    )
                )
        else:
            figures = residue.figures_with_residue(conn, period, None, catalogues)
            previous = residue.figures_with_residue(conn, previous_period, None, catalogues)
            sections, without_work = _own_municipalities(conn, period, previous_period, catalogues)
    if casefile.role == "coordinator":
        k = int(meta.get("district_k", DEFAULT_K))
        gaps = _coordinator_gaps(casefile, period)
        district_name = meta.get("district") or None
    else:
        k = settings.k if settings else DEFAULT_K
        gaps = _casemanager_gaps(casefile, period)
        district_name = meta.get("district") or (settings.district if settings else None)
    logo, programme_logo = district.logos_in_force(casefile)
    return ReportData(
        owner=casefile.owner,
        role=casefile.role,
        district=district_name,
        funding_note=meta.get(FUNDING_NOTE_KEY) or DEFAULT_FUNDING_NOTE,
        period=period,
        previous_period=previous_period,
        issued_on=issued_on or dt.date.today(),
        figures=figures,
        previous=previous,
        k=k,
        municipalities=tuple(sections),
        without_data=tuple(without_data),
        without_work=tuple(without_work),
        gaps=tuple(gaps),
        catalogues=catalogues,
        logo=logo,
        programme_logo=programme_logo,
    )
