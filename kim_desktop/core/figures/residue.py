"""The anonymous statistical residue of erased records (DESIGN.md §10, docs/erasure.md).

Figures already counted must not change because a person's data was erased on time. Before
an erasure deletes anything, the figures of every calendar year and quarter that ended
before it, and that the erased records can touch, are computed; after the deletion, in the
same transaction, again; the difference of every additive figure (counts, minutes, the bins
of the appointments-to-positive-close histogram, the demographic counts) is added to the
``statistical_residue`` table, per period label and municipality. Derived figures (an
average, the median) are not stored: they are derived again from the sums.

``figures_with_residue`` is what ``kim stats``, the statistics view, the report and the
bundles ask: the remaining records' figures plus the residue of exactly that year or
quarter. A date range that is neither is counted from the remaining records alone (the
residue cannot be split by day); docs/erasure.md says so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.models import StatisticalResidue
from kim_desktop.core.figures import indicators
from kim_desktop.core.figures.periods import Period, parse_period

TABLE = StatisticalResidue.__tablename__
WHOLE_FILE = ""  # the municipality column's value for the figures of the whole file
HISTOGRAM = "cases.appointments_to_positive_close.histogram"
# Figures that are not sums: derived again from the sums after adding the residue.
_DERIVED = frozenset(
    {"appointments.avg_minutes_case_management", "cases.appointments_to_positive_close.median"}
)
_SCOPE = ("period.", "municipality")
_RESIDUE_LABEL = re.compile(r"^\d{4}(-Q[1-4])?$")


def keeps_residue(period: Period) -> bool:
    """Whether the residue applies: a calendar year or a quarter, named as such."""
    return bool(_RESIDUE_LABEL.match(period.label))


def ended_periods(earliest: dt.date, today: dt.date) -> list[Period]:
    """Every calendar year and quarter from the one holding ``earliest`` on that ended
    before ``today``: the periods whose figures an erasure on ``today`` must not change."""
    found: list[Period] = []
    for year in range(earliest.year, today.year + 1):
        for label in (*(f"{year}-Q{q}" for q in range(1, 5)), str(year)):
            period = parse_period(label)
            if earliest <= period.end < today:
                found.append(period)
    return found


def additive_figures(conn: Connection, period: Period, municipality: str | None) -> dict[str, int]:
    """The additive figures of the records in the file (no residue), flattened, with the
    histogram's bins: what an erasure's difference is taken of."""
    figures = indicators.compute_indicators(conn, period, municipality, cat.file_catalogues(conn))
    flat = {
        key: value
        for key, value in indicators.flatten(figures).items()
        if type(value) is int and key not in _DERIVED and not key.startswith(_SCOPE)
    }
    for bin_, count in indicators.positive_close_histogram(conn, period, municipality).items():
        flat[f"{HISTOGRAM}.{bin_}"] = count
    return flat


def difference(before: Mapping[str, int], after: Mapping[str, int]) -> dict[str, int]:
    """What the erased records added: ``before - after`` for every key that changed."""
    keys = sorted(set(before) | set(after))
    changed = {key: before.get(key, 0) - after.get(key, 0) for key in keys}
    return {key: value for key, value in changed.items() if value}


def add_to_residue(
    conn: Connection, period: Period, municipality: str | None, amounts: Mapping[str, int]
) -> None:
    """Add ``amounts`` to the residue of (period, municipality), inside the erasure's
    transaction."""
    if not amounts:
        return
    statement = insert(StatisticalResidue)
    conn.execute(
        statement.on_conflict_do_update(
            index_elements=["period", "municipality", "key"],
            set_={"value": StatisticalResidue.value + statement.excluded.value},
        ),
        [
            {
                "period": period.label,
                "municipality": municipality or WHOLE_FILE,
                "key": key,
                "value": value,
            }
            for key, value in amounts.items()
        ],
    )


def residue_of(conn: Connection, period: Period, municipality: str | None) -> dict[str, int]:
    if not keeps_residue(period):
        return {}
    rows = conn.execute(
        select(StatisticalResidue.key, StatisticalResidue.value).where(
            StatisticalResidue.period == period.label,
            StatisticalResidue.municipality == (municipality or WHOLE_FILE),
        )
    )
    return {key: value for key, value in rows}


def _nested(figures: dict[str, Any], dotted: str) -> tuple[dict[str, Any], str]:
    *path, last = dotted.split(".")
    node = figures
    for part in path:
        node = node.setdefault(part, {})
    return node, last


def _add_residue(figures: dict[str, Any], residue: Mapping[str, int]) -> dict[str, int]:
    """Add the residue's figures into ``figures`` in place; returns its histogram bins."""
    bins: dict[str, int] = {}
    prefix = HISTOGRAM + "."
    for key, value in residue.items():
        if key.startswith(prefix):
            bins[key[len(prefix) :]] = value
            continue
        node, last = _nested(figures, key)
        node[last] = (node.get(last) or 0) + value
    # A nationality the remaining records no longer have comes back in code order.
    for dimension, cells in figures.get("demographics", {}).items():
        if dimension == "nationality":
            codes = sorted(code for code in cells if code != "_suppressed")
            figures["demographics"][dimension] = {
                **{code: cells[code] for code in codes},
                "_suppressed": cells.get("_suppressed", 0),
            }
    return bins


def merged_histogram(live: Mapping[str, int], residue_bins: Mapping[str, int]) -> dict[str, int]:
    """The histogram of the remaining records plus the residue's, bins in numeric order."""
    merged = dict(live)
    for bin_, count in residue_bins.items():
        merged[bin_] = merged.get(bin_, 0) + count
    return {str(n): merged[str(n)] for n in sorted(int(b) for b in merged) if merged[str(n)]}


def figures_with_residue(
    conn: Connection,
    period: Period,
    municipality: str | None = None,
    catalogues: Mapping[str, cat.Catalogue] | None = None,
    with_histogram: bool = False,
) -> dict[str, Any]:
    """The indicators of a case manager's file for ``period``: the remaining records plus the
    residue of erased ones. ``with_histogram``: also the appointments-to-positive-close
    histogram (``cases.appointments_to_positive_close.histogram``), as the bundles carry it."""
    catalogues = catalogues or cat.file_catalogues(conn)
    figures = indicators.compute_indicators(conn, period, municipality, catalogues)
    residue = residue_of(conn, period, municipality)
    if not residue and not with_histogram:
        return figures
    bins = _add_residue(figures, residue)
    histogram = indicators.positive_close_histogram(conn, period, municipality)
    if residue:
        histogram = merged_histogram(histogram, bins)
        appointments = figures["appointments"]
        appointments["avg_minutes_case_management"] = indicators.one_decimal(
            appointments["minutes_case_management"], appointments["case_management"]
        )
        figures["cases"]["appointments_to_positive_close"]["median"] = (
            indicators.median_of_histogram(histogram)
        )
    if with_histogram:
        figures["cases"]["appointments_to_positive_close"]["histogram"] = histogram
    return figures
