"""The trust boundary (DESIGN.md section 7): a valid signature proves who sent a bundle, not
that its content is sane. ``check_bundle`` validates a decrypted, verified bundle against what
this coordinator's file expects, before anything is written (``text.shown`` makes any text that
came from a bundle or a header safe to print). The rules and bounds are documented in
docs/bundle-format.md ("Validation on import").

Every rejection is one line naming the field, never a value: municipality names, figure names
and texts from a bundle may hold anything, personal data included."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.figures import anonymise, cellkey, indicators
from kim_desktop.core.figures.periods import Period, parse_period

# -- bounds ------------------------------------------------------------------------------------
# One case manager in one year: some 50-150 cases and 1,000-2,000 appointments are usual. The
# bounds are far above that (nobody is wronged by them) and far below what makes sums, the
# median or a report slow (a histogram count of 10^9 once took 53 s and 15.7 GB).
MAX_COUNT_PER_YEAR = 10_000  # cases, persons, appointments, referrals, goals … per bundle
MAX_MINUTES_PER_YEAR = 366 * 24 * 60  # every minute of a year
MAX_APPOINTMENTS_PER_CASE = 10_000  # the largest histogram key
MAX_TEAM = 100  # case managers behind one district bundle (its counts are their sums)
MAX_REVISION = 10_000  # a revision is one more than the sender's previous export
MAX_K = 20

_MINUTES_KEY = "appointments.minutes_case_management"
_AVERAGE_KEY = "appointments.avg_minutes_case_management"
_MEDIAN_KEY = "cases.appointments_to_positive_close.median"
_HISTOGRAM = "cases.appointments_to_positive_close.histogram"
_PERSONS_KEY = "cases.persons_in_opened"
_SCOPE_KEYS = frozenset({"municipality", "period.label", "period.start", "period.end"})
# The figures of issue 13 (bundles of older versions lack them; absent is allowed). The
# window allows 500 participants per appointment; group events and parent trainings have
# some 3-30. A bundle is rejected only when its other-work appointments average more than
# 500 (an import may record one larger event, docs/bundle-format.md).
MAX_PARTICIPANTS_PER_APPOINTMENT = 500
_PARTICIPANTS_KEY = "appointments.other_work_participants"
_WITHOUT_PARTICIPANTS_KEY = "appointments.other_work_without_participants"
_INTERPRETER = "appointments.interpreter."
_HISTOGRAM_DOT = _HISTOGRAM + "."
# Known keys whose values are not counts bounded by the count bound (checked one by one).
_NOT_PLAIN_COUNTS = frozenset({_MINUTES_KEY, _AVERAGE_KEY, _MEDIAN_KEY})


class ContentRejected(ValueError):
    """One problem of a bundle's content: ``field`` names the place, ``reason`` the rule."""

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")


@dataclass(frozen=True)
class Expectations:
    """What this coordinator's file accepts; built once per import run."""

    district: str | None
    municipalities: frozenset[str]
    k: int
    figure_keys: frozenset[str]  # the flat keys of the file's own (all-zero) indicators
    nationalities: frozenset[str]


def figure_keys(template: Mapping[str, Any]) -> frozenset[str]:
    return frozenset(indicators.flatten(template)) - _SCOPE_KEYS


def _years(period: Period) -> int:
    return max(1, math.ceil(((period.end - period.start).days + 1) / 365))


def _integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _count(field: str, value: Any, bound: int) -> int:
    if not _integer(value):
        raise ContentRejected(field, "not a whole number")
    if value < 0:
        raise ContentRejected(field, "negative")
    if value > bound:
        raise ContentRejected(field, f"above the plausible bound {bound}")
    return int(value)


def _number(field: str, value: Any, bound: int, optional: bool = False) -> None:
    if value is None and optional:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ContentRejected(field, "not a number")
    if not 0 <= value <= bound:
        raise ContentRejected(field, f"outside 0 to {bound}")


def check_header(header: Mapping[str, Any], period: Period) -> None:
    """Header rules beyond parsing: bounded revision, dates that match the label."""
    revision = header["revision"]
    if not _integer(revision) or not 1 <= revision <= MAX_REVISION:
        raise ContentRejected("revision", f"outside 1 to {MAX_REVISION}")
    _check_period(header["period"], period)


def _check_period(value: Any, period: Period) -> None:
    if not isinstance(value, dict) or set(value) != {"label", "start", "end"}:
        raise ContentRejected("period", "not a period with label, start and end")
    if value["label"] != period.label:
        raise ContentRejected("period", "a label not in its usual form")
    if value["start"] != period.start.isoformat() or value["end"] != period.end.isoformat():
        raise ContentRejected("period", "dates do not match its label")


def check_bundle(
    header: Mapping[str, Any],
    payload: Mapping[str, Any],
    expect: Expectations,
    flat: Mapping[str, Mapping[str, Any]] | None = None,
) -> None:
    """Raise ``ContentRejected`` for the first rule the bundle breaks (nothing is written
    before this passes). ``flat``: each municipality's figures already flattened (the
    opened bundle's), so that an import flattens them once."""
    kind = header["kind"]
    district = header["district"]
    if kind == "casemanager":
        if district != expect.district:
            raise ContentRejected("district", "a bundle of another district")
    elif district == expect.district or district not in expect.municipalities:
        raise ContentRejected("district", "a district bundle of a district this file does not list")
    k = payload["k"]
    if not _integer(k) or not expect.k <= k <= MAX_K:
        raise ContentRejected("k", f"below the district's k = {expect.k} or above {MAX_K}")
    period = _period_of(header)
    years = _years(period)
    team = MAX_TEAM if kind == "district" else 1
    municipalities = payload["municipalities"]
    if kind == "casemanager":
        unknown = [name for name in municipalities if name not in expect.municipalities]
        if unknown:
            raise ContentRejected(
                "municipalities",
                f"{len(unknown)} not in the district configuration (kept out of the list)",
            )
    for index, (name, figures) in enumerate(municipalities.items(), start=1):
        flat_figures = flat.get(name) if flat is not None else None
        _check_figures(f"municipality {index}", figures, k, years * team, expect, flat_figures)
    if "demographics" in payload:  # bundles of the previous version have none
        bound = MAX_COUNT_PER_YEAR * years * team * max(1, len(municipalities))
        _check_area_demographics(payload["demographics"], k, bound, expect)
    names = set(municipalities)
    for index, gap in enumerate(payload["structural_gaps"], start=1):
        if kind == "casemanager" and gap["municipality"] not in names | expect.municipalities:
            raise ContentRejected(f"structural gap {index}", "municipality not configured")
        reported = dt.date.fromisoformat(gap["reported_on"])
        if not period.start <= reported <= period.end:
            raise ContentRejected(f"structural gap {index}", "reported outside the period")


def _period_of(header: Mapping[str, Any]) -> Period:
    return parse_period(header["period"]["label"])


def _check_figures(
    where: str,
    figures: Any,
    k: int,
    scale: int,
    expect: Expectations,
    flat: Mapping[str, Any] | None = None,
) -> None:
    if not isinstance(figures, dict):
        raise ContentRejected(where, "not a set of figures")
    if flat is None:
        flat = indicators.flatten(figures)
    count_bound = MAX_COUNT_PER_YEAR * scale
    histogram_total = 0
    known = expect.figure_keys
    for key, value in flat.items():
        # The common case first (700 bundles × some 1,000 figures): a known, plain count
        # within its bound; every other case takes the full checks below.
        if (
            type(value) is int
            and 0 <= value <= count_bound
            and key in known
            and key not in _NOT_PLAIN_COUNTS
        ):
            continue
        if key.startswith(_HISTOGRAM_DOT):
            bin_ = key[len(_HISTOGRAM) + 1 :]
            if not bin_.isascii() or not bin_.isdigit() or str(int(bin_)) != bin_:
                raise ContentRejected(f"{where}: {_HISTOGRAM}", "a key that is not a number")
            if not 0 <= int(bin_) <= MAX_APPOINTMENTS_PER_CASE:
                raise ContentRejected(f"{where}: {_HISTOGRAM}", "a key out of range")
            histogram_total += _count(f"{where}: {_HISTOGRAM}", value, count_bound)
            continue
        if key == _HISTOGRAM:  # an empty histogram flattens to nothing; anything else is wrong
            raise ContentRejected(f"{where}: {_HISTOGRAM}", "not a histogram")
        if key.startswith("demographics.nationality."):
            code = key.rsplit(".", 1)[1]
            if code != anonymise.SUPPRESSED_KEY and code not in expect.nationalities:
                raise ContentRejected(f"{where}: demographics.nationality", "an unknown code")
        elif key not in expect.figure_keys:
            raise ContentRejected(f"{where}: {_known_prefix(key, expect)}", "an unknown figure")
        field = f"{where}: {key}"
        if key == _AVERAGE_KEY:
            _number(field, value, MAX_MINUTES_PER_YEAR, optional=True)
        elif key == _MEDIAN_KEY:
            _number(field, value, MAX_APPOINTMENTS_PER_CASE, optional=True)
        elif key.startswith("demographics.") and value is None:
            if key.endswith("." + anonymise.SUPPRESSED_KEY):
                raise ContentRejected(field, "not a whole number")
        else:
            bound = MAX_MINUTES_PER_YEAR * scale if key == _MINUTES_KEY else count_bound
            if key == _PARTICIPANTS_KEY:
                bound = count_bound * MAX_PARTICIPANTS_PER_APPOINTMENT
            _count(field, value, bound)
    _check_later_figures(where, flat, expect)
    _check_demographics(where, figures, k)


def _check_later_figures(where: str, flat: Mapping[str, Any], expect: Expectations) -> None:
    """The interpreter figures add up to the counselling appointments (the codes and
    ``_unrecorded`` together, all or none of them); other work without participants is at
    most the other work, and the participants average at most
    ``MAX_PARTICIPANTS_PER_APPOINTMENT`` over the rest. Values are whole numbers in bounds by
    now."""
    interpreter = {key: value for key, value in flat.items() if key.startswith(_INTERPRETER)}
    if interpreter:
        codes = {key for key in expect.figure_keys if key.startswith(_INTERPRETER)}
        if set(interpreter) != codes:
            raise ContentRejected(f"{where}: appointments.interpreter", "an incomplete set")
        if sum(interpreter.values()) != flat.get("appointments.counselling", 0):
            raise ContentRejected(
                f"{where}: appointments.interpreter", "does not add up to the counselling"
            )
    other_work = flat.get("appointments.other_work", 0)
    without = flat.get(_WITHOUT_PARTICIPANTS_KEY, 0)
    if without > other_work:
        raise ContentRejected(
            f"{where}: {_WITHOUT_PARTICIPANTS_KEY}", "more than the other-work appointments"
        )
    bound = MAX_PARTICIPANTS_PER_APPOINTMENT
    if flat.get(_PARTICIPANTS_KEY, 0) > (other_work - without) * bound:
        raise ContentRejected(
            f"{where}: {_PARTICIPANTS_KEY}",
            f"more than {bound} per other-work appointment on average",
        )


def _known_prefix(key: str, expect: Expectations) -> str:
    """The longest part of ``key`` that is a known figure group (never the unknown rest,
    which came from the bundle)."""
    parts = key.split(".")
    for length in range(len(parts) - 1, 0, -1):
        prefix = ".".join(parts[:length])
        if any(k.startswith(prefix + ".") for k in expect.figure_keys):
            return prefix
    return "figures"


def _check_demographics(where: str, figures: dict[str, Any], k: int) -> None:
    demographics = figures.get("demographics", {})
    if not isinstance(demographics, dict):
        raise ContentRejected(f"{where}: demographics", "not a set of dimensions")
    persons = figures.get("cases", {}).get(_PERSONS_KEY.split(".")[1], 0)
    for dimension, cells in demographics.items():
        field = f"{where}: demographics.{dimension}"
        if not isinstance(cells, dict):
            raise ContentRejected(field, "not a dimension")
        published = 0
        for code, value in cells.items():
            if code == anonymise.SUPPRESSED_KEY or value is None:
                continue
            if 0 < value < k:
                raise ContentRejected(field, f"an unsuppressed cell below k = {k}")
            published += value
        if published + cells.get(anonymise.SUPPRESSED_KEY, 0) != persons:
            raise ContentRejected(field, "cells do not add up to the persons in opened cases")


def _check_area_demographics(block: Any, k: int, bound: int, expect: Expectations) -> None:
    """The sender's whole-area demographics (figures/cellkey.py): exactly the four
    dimensions with known codes; every cell ``None`` or a whole number 0..bound that the
    perturbation can publish (0 or at least k, never 1..k-1); ``_suppressed`` a whole number.
    Perturbed cells add up to the persons only nearly, so no sum is required."""
    field = "demographics"
    if not isinstance(block, dict) or set(block) != set(indicators.DEMOGRAPHIC_DIMENSIONS):
        raise ContentRejected(field, "not the four dimensions")
    for dimension, cells in block.items():
        where = f"{field}.{dimension}"
        if not isinstance(cells, dict) or anonymise.SUPPRESSED_KEY not in cells:
            raise ContentRejected(where, "not a dimension")
        for code, value in cells.items():
            if code == anonymise.SUPPRESSED_KEY:
                _count(f"{where}.{code}", value, bound)
                continue
            if dimension == "nationality":
                known = code in expect.nationalities
            else:
                known = f"demographics.{dimension}.{code}" in expect.figure_keys
            if not known:
                raise ContentRejected(where, "an unknown code")
            if value is None:
                continue
            if not cellkey.can_be_published(_count(where, value, bound), k):
                raise ContentRejected(where, f"a cell between 1 and k - 1 = {k - 1}")


def expectations_from(
    district: str | None,
    municipalities: set[str],
    k: int,
    template: Mapping[str, Any],
) -> Expectations:
    return Expectations(
        district,
        frozenset(municipalities),
        k,
        figure_keys(template),
        cat.nationality_codes(),
    )
