"""The district's figures in a coordinator's file: sums over the imported bundles.

A coordinator's case tables are empty; its figures are what the case managers' bundles
carried. ``district_indicators`` adds up the current revision of every bundle of exactly the
asked period on top of an all-zero template, derives the average and the median, and keeps a
demographic cell unpublished when any bundle suppressed it. ``coverage`` counts the bundles
and senders behind a period's figures; a period without any is "no data", never zeros.

Demographics come two ways (docs/bundle-format.md §7 and §11): bundles of this version carry
them for the sender's whole area (stored as ``area.demographics.…`` figures), those of the
previous version per municipality. The whole district adds each bundle's area block, or, for
a bundle without one, its municipalities' cells; a municipality alone has only the previous
version's cells."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, exists, func, select
from sqlalchemy.orm import aliased

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.models import BundleFigure, Meta, ReceivedBundle, TeamMember
from kim_desktop.core.errors import RejectedInputError
from kim_desktop.core.figures import anonymise, indicators
from kim_desktop.core.figures.periods import Period

HISTOGRAM_PREFIX = "cases.appointments_to_positive_close.histogram."
AREA_PREFIX = "area."
# Stored for every area block (zero or not), so it marks the bundles that carry one.
AREA_MARKER = AREA_PREFIX + "demographics.gender." + anonymise.SUPPRESSED_KEY
NATIONALITY_PREFIX = "demographics.nationality."
# Figures a coordinator derives instead of adding up.
DERIVED_KEYS = (
    "appointments.avg_minutes_case_management",
    "cases.appointments_to_positive_close.median",
)

# Figures that bundles of older versions do not carry (issue 13). A bundle that carries them
# has their rows stored even when zero (inbox.py, ``kept_when_zero``), so a missing row means
# "not delivered", not 0. Each group: a key of the group, and the figure that is above zero
# whenever the group could be (a bundle without counselling has no interpreter use to tell).
INTERPRETER_PREFIX = "appointments.interpreter."
PARTICIPANT_KEYS = (
    "appointments.other_work_participants",
    "appointments.other_work_without_participants",
)
_DELIVERED_BY = (
    ("interpreter", INTERPRETER_PREFIX + "none", "appointments.counselling"),
    ("participants", PARTICIPANT_KEYS[0], "appointments.other_work"),
)


def kept_when_zero(key: str) -> bool:
    """Whether a received figure is stored even when it is zero (see ``_DELIVERED_BY``)."""
    return key.startswith(INTERPRETER_PREFIX) or key in PARTICIPANT_KEYS


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
    of unrevoked members of the team directory who send to this file (case managers; district
    coordinators at the state level), ``enrolled_senders`` how many of them delivered; both
    None when the file has no team directory."""

    bundles: int
    senders: int
    enrolled: int | None = None
    enrolled_senders: int | None = None

    def as_figures(self) -> dict[str, int]:
        figures = {"bundles": self.bundles, "senders": self.senders}
        if self.enrolled is not None and self.enrolled_senders is not None:
            figures["enrolled"] = self.enrolled
            figures["enrolled_senders"] = self.enrolled_senders
        return figures


def coverage(conn: Connection, period: Period) -> Coverage:
    """The one count behind ``coverage.*``, the "no data" refusal and the window's and the
    report's sentence about it."""
    current = (ReceivedBundle.status == "current", ReceivedBundle.period == period.label)
    bundles, senders = conn.execute(
        select(func.count(), func.count(ReceivedBundle.sender_key_id.distinct())).where(*current)
    ).one()
    level = conn.scalar(select(Meta.value).where(Meta.key == "level"))
    sending = (
        TeamMember.revoked_at.is_(None),
        TeamMember.role == ("coordinator" if level == "state" else "casemanager"),
    )
    enrolled = conn.scalar(select(func.count()).select_from(TeamMember).where(*sending))
    if not enrolled:
        return Coverage(int(bundles), int(senders))
    delivered = conn.scalar(
        select(func.count(ReceivedBundle.sender_key_id.distinct()))
        .join(TeamMember, TeamMember.key_id == ReceivedBundle.sender_key_id)
        .where(*current, *sending)
    )
    return Coverage(int(bundles), int(senders), int(enrolled), int(delivered or 0))


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
        if key.startswith("demographics.") and (
            municipality is None or key.endswith("." + anonymise.SUPPRESSED_KEY)
        ):
            continue  # the district's from _district_demographics, _suppressed recomputed
        suppressed_somewhere = key.startswith("demographics.") and rows > published
        value: Any = None if suppressed_somewhere else _number(total or 0)
        _unflatten_into(result, key, value)
    _mark_not_delivered(conn, period, municipality, result["appointments"])
    if municipality is None:
        _district_demographics(conn, period, result["demographics"])
    else:
        persons = result["cases"]["persons_in_opened"] or 0
        for cells in result["demographics"].values():
            published_sum = sum(
                v for c, v in cells.items() if c != anonymise.SUPPRESSED_KEY and v is not None
            )
            cells[anonymise.SUPPRESSED_KEY] = _number(persons - published_sum)
    appointments = result["appointments"]
    appointments["avg_minutes_case_management"] = indicators.one_decimal(
        int(appointments["minutes_case_management"] or 0), int(appointments["case_management"] or 0)
    )
    result["cases"]["appointments_to_positive_close"]["median"] = indicators.median_of_histogram(
        histogram
    )
    return result


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _mark_not_delivered(
    conn: Connection, period: Period, municipality: str | None, appointments: dict[str, Any]
) -> None:
    """A group of the later figures becomes None ("not delivered") when a current bundle of
    the period has, for a municipality in scope, appointments the group would count but no
    row of the group: a bundle of an older version. Its sum over the other bundles would
    understate the district, so none is shown (docs/indicators.md)."""
    figure, marker = aliased(BundleFigure), aliased(BundleFigure)
    for group, marker_key, content_key in _DELIVERED_BY:
        stmt = (
            select(func.count())
            .select_from(figure)
            .join(ReceivedBundle, ReceivedBundle.bundle_id == figure.bundle_id)
            .where(
                ReceivedBundle.status == "current",
                ReceivedBundle.period == period.label,
                figure.key == content_key,
                ~exists().where(
                    marker.bundle_id == figure.bundle_id,
                    marker.municipality == figure.municipality,
                    marker.key == marker_key,
                ),
            )
        )
        if municipality is not None:
            stmt = stmt.where(figure.municipality == municipality)
        if not conn.execute(stmt).scalar_one():
            continue
        if group == "interpreter":
            appointments["interpreter"] = dict.fromkeys(appointments["interpreter"])
        else:
            for key in PARTICIPANT_KEYS:
                appointments[key.split(".", 1)[1]] = None


def drop_not_delivered(figures: dict[str, Any]) -> None:
    """Leave out, in place, the later figures that are None: a district's bundle for the
    state level then does not carry them, and the state level sees "not delivered" too."""
    appointments = figures["appointments"]
    if any(value is None for value in appointments.get("interpreter", {}).values()):
        del appointments["interpreter"]
    for key in PARTICIPANT_KEYS:
        name = key.split(".", 1)[1]
        if name in appointments and appointments[name] is None:
            del appointments[name]


def area_rows(bundle_id: str, payload: Mapping[str, Any]) -> list[tuple[str, str, str, Any]]:
    """The figure rows (bundle id, municipality, key, value) of a payload's area demographics
    (validated before): kept under the bundle's first municipality with keys
    ``area.demographics.<dim>.<code>``. Zero cells are left out like other zeros; each
    ``_suppressed`` is kept, so ``AREA_MARKER`` marks the bundle."""
    block = payload.get("demographics")
    names = list(payload["municipalities"])
    if not isinstance(block, dict) or not names:
        return []
    return [
        (bundle_id, names[0], f"{AREA_PREFIX}demographics.{dimension}.{code}", value)
        for dimension, cells in block.items()
        for code, value in cells.items()
        if value is None or value != 0 or code == anonymise.SUPPRESSED_KEY
    ]


def _district_demographics(
    conn: Connection, period: Period, demographics: dict[str, dict[str, Any]]
) -> None:
    """The whole district's demographic cells, in place over the all-zero template.

    Each current bundle counts once: its area block if it has one, else (a bundle of the
    previous version) its municipalities' cells. A cell is ``None`` where any of them is;
    ``_suppressed`` is the persons not in a published cell: the bundles' own ``_suppressed``
    plus what the bundles published for a cell that another one suppressed. Perturbed cells
    are each near their true count, so where area blocks are summed the cells add up to the
    persons only nearly."""
    current = (ReceivedBundle.status == "current", ReceivedBundle.period == period.label)
    with_area = select(BundleFigure.bundle_id).where(BundleFigure.key == AREA_MARKER)
    columns = (
        BundleFigure.key,
        func.sum(BundleFigure.value),
        func.count(BundleFigure.value),
        func.count(),
    )
    joined = select(*columns).join(
        ReceivedBundle, ReceivedBundle.bundle_id == BundleFigure.bundle_id
    )
    area = joined.where(*current, BundleFigure.key.like(AREA_PREFIX + "demographics.%"))
    older = joined.where(
        *current,
        BundleFigure.key.like("demographics.%"),
        BundleFigure.bundle_id.not_in(with_area),
    )
    sums: dict[str, list[float]] = {}
    for stmt in (area.group_by(BundleFigure.key), older.group_by(BundleFigure.key)):
        for key, total, published, rows in conn.execute(stmt):
            parts = key.removeprefix(AREA_PREFIX).split(".")
            if len(parts) != 3:
                continue
            entry = sums.setdefault(f"{parts[1]}.{parts[2]}", [0.0, 0, 0])
            entry[0] += float(total or 0)
            entry[1] += int(published)
            entry[2] += int(rows)
    for dimension, cells in demographics.items():
        for code in cells:
            if code != anonymise.SUPPRESSED_KEY:
                cells[code] = 0
        hidden: float = sums.get(f"{dimension}.{anonymise.SUPPRESSED_KEY}", [0.0, 0, 0])[0]
        for key, (summed, published_rows, all_rows) in sums.items():
            dim, code = key.split(".")
            if dim != dimension or code == anonymise.SUPPRESSED_KEY:
                continue
            if code not in cells and dimension != "nationality":
                continue  # a code this file does not know (stored by an older version)
            if all_rows > published_rows:
                cells[code] = None
                hidden += summed
            else:
                cells[code] = _number(summed)
        cells[anonymise.SUPPRESSED_KEY] = _number(hidden)
