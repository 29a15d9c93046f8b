"""The district's figures in a coordinator's file: sums over the imported bundles.

A coordinator's case tables are empty; its figures are what the case managers' bundles
carried. ``district_indicators`` adds up the current revision of every bundle of exactly the
asked period on top of an all-zero template, derives the average and the median, and keeps a
demographic cell unpublished when any bundle suppressed it. ``coverage`` counts the bundles
and senders behind a period's figures; a period without any is "no data", never zeros."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.models import BundleFigure, ReceivedBundle
from kim_desktop.core.errors import RejectedInputError
from kim_desktop.core.figures import anonymise, indicators
from kim_desktop.core.figures.periods import Period

HISTOGRAM_PREFIX = "cases.appointments_to_positive_close.histogram."
NATIONALITY_PREFIX = "demographics.nationality."
# Figures a coordinator derives instead of adding up.
DERIVED_KEYS = (
    "appointments.avg_minutes_case_management",
    "cases.appointments_to_positive_close.median",
)


def template_figures(conn: Connection) -> dict[str, Any]:
    """Every figure key a bundle may carry (the file's own all-zero indicators)."""
    return _template(conn, Period(dt.date(2000, 1, 1), dt.date(2000, 12, 31), "2000"))


def _template(conn: Connection, period: Period) -> dict[str, Any]:
    """All keys with zero values: the indicators of the coordinator file's own (empty)
    case tables."""
    return indicators.compute_indicators(conn, period, None, cat.file_catalogues(conn))


def _unflatten_into(target: dict[str, Any], key: str, value: Any) -> None:
    parts = key.split(".")
    node = target
    for part in parts[:-1]:
        node = node.setdefault(part, {})
        if not isinstance(node, dict):
            return
    node[parts[-1]] = value


@dataclass(frozen=True)
class Coverage:
    """What a coordinator's figures of a period rest on: the current bundles of exactly that
    period and their distinct senders (DESIGN §6 ``coverage.*``). ``enrolled`` is the number
    of case managers in the team directory, when the file has one (None: unknown)."""

    bundles: int
    senders: int
    enrolled: int | None = None

    def as_figures(self) -> dict[str, int]:
        figures = {"bundles": self.bundles, "senders": self.senders}
        if self.enrolled is not None:
            figures["enrolled"] = self.enrolled
        return figures


def coverage(conn: Connection, period: Period) -> Coverage:
    """The one count behind ``coverage.*``, the "no data" refusal and the window's and the
    report's sentence about it."""
    bundles, senders = conn.execute(
        select(func.count(), func.count(ReceivedBundle.sender_key_id.distinct())).where(
            ReceivedBundle.status == "current", ReceivedBundle.period == period.label
        )
    ).one()
    # The team directory's enrolled case managers (core/sync/team.py) join here as
    # ``enrolled`` once the file keeps them.
    return Coverage(int(bundles), int(senders))


class NoBundlesError(RejectedInputError):
    """A coordinator's figures asked for a period no current bundle covers: no data, which
    is never shown as zeros (DESIGN §8)."""

    def __init__(self, period: Period) -> None:
        self.period = period
        super().__init__(
            f"No bundles for {period.label} ({period.start.isoformat()} to "
            f"{period.end.isoformat()}) in this file: no data. District figures come from "
            "the current bundles of exactly this period ('kim bundle list' shows them)."
        )


def without_data(figures: dict[str, Any]) -> dict[str, Any]:
    """The same keys with every figure ``None``: a comparison period without bundles shown
    as "–", never as zeros (period, municipality and coverage stay)."""

    def blank(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: blank(value) for key, value in node.items()}
        return None

    return {
        key: value if key in ("period", "municipality", "coverage") else blank(value)
        for key, value in figures.items()
    }


def district_indicators(
    conn: Connection, period: Period, municipality: str | None = None
) -> dict[str, Any]:
    """The district's figures for exactly this period: the sums over the current revision
    of every imported bundle. A demographic cell is published only where no bundle
    suppressed it (else it is ``None``: its true value is unknown), and each dimension's
    ``_suppressed`` is the rest of the persons, so cells plus ``_suppressed`` add up to
    ``cases.persons_in_opened``. Averages and the median are derived from the sums."""
    result = _template(conn, period)
    result["municipality"] = municipality
    result["coverage"] = coverage(conn, period).as_figures()
    stmt = (
        select(
            BundleFigure.key,
            func.sum(BundleFigure.value),
            func.count(BundleFigure.value),
            func.count(),
        )
        .join(ReceivedBundle, ReceivedBundle.bundle_id == BundleFigure.bundle_id)
        .where(ReceivedBundle.status == "current", ReceivedBundle.period == period.label)
        .group_by(BundleFigure.key)
    )
    if municipality is not None:
        stmt = stmt.where(BundleFigure.municipality == municipality)
    histogram: dict[str, int] = {}
    known = set(indicators.flatten(result))
    for key, total, published, rows in conn.execute(stmt):
        if key.startswith(HISTOGRAM_PREFIX):
            bin_ = key[len(HISTOGRAM_PREFIX) :]
            count = int(total or 0)
            if bin_.isascii() and bin_.isdigit() and count > 0:
                histogram[bin_] = count
            continue
        if key in DERIVED_KEYS:
            continue
        nationality = key.startswith(NATIONALITY_PREFIX) and key.count(".") == 2
        if key not in known and not nationality:
            # Bundles are validated on import (sync/validate.py); a figure stored by an older
            # version that this file does not know is left out rather than breaking the sums.
            continue
        if key.startswith("demographics.") and key.endswith("." + anonymise.SUPPRESSED_KEY):
            continue  # recomputed below from the published cells
        suppressed_somewhere = key.startswith("demographics.") and rows > published
        value: Any = None if suppressed_somewhere else _number(total or 0)
        _unflatten_into(result, key, value)
    persons = result["cases"]["persons_in_opened"] or 0
    for cells in result["demographics"].values():
        published_sum = sum(
            v for c, v in cells.items() if c != anonymise.SUPPRESSED_KEY and v is not None
        )
        cells[anonymise.SUPPRESSED_KEY] = _number(persons - published_sum)
    appointments = result["appointments"]
    appointments["avg_minutes_case_management"] = indicators._one_decimal(
        int(appointments["minutes_case_management"] or 0), int(appointments["case_management"] or 0)
    )
    result["cases"]["appointments_to_positive_close"]["median"] = indicators.median_of_histogram(
        histogram
    )
    return result


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value
