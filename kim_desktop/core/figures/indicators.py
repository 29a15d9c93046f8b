"""The indicators (Kennzahlen) of DESIGN.md section 6 — the one implementation.

The dashboard, ``kim stats``, the PDF report and the bundle export all call
``compute_indicators``; each figure is one SQL aggregation over the case file. The function
takes a plain SQLAlchemy ``Connection`` so that it runs the same on an encrypted file and on a
plain SQLite copy (the benchmark compares the two).

Definitions that DESIGN.md leaves open, decided here (and in docs/indicators.md):
- persons are distinct clients: a client in two opened cases counts once;
- ``cases.long_term`` / ``cases.not_continued`` look at goals agreed on or before period.end,
  so long_term + not_continued + (still open without a goal) = opened;
- a goal whose status is not ``open`` but has no closing date counts with its status;
- appointments of other work without a type count in ``other_work`` only, closures without a
  reason in ``closed`` only;
- nationality lists the codes that occur (ISO 3166 has 249); the other dimensions list every
  code, plus ``unknown`` for a missing value.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Connection, text

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.figures.periods import Period

CASE_MANAGEMENT = "case_management"
DEMOGRAPHIC_DIMENSIONS = ("gender", "age_band", "nationality", "residence_status")


def _zeroes(codes: tuple[str, ...]) -> dict[str, int]:
    return dict.fromkeys(codes, 0)


def _one_decimal(total: int, count: int) -> float | None:
    if not count:
        return None
    value = Decimal(total) / Decimal(count)
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


class _Query:
    """Binds the period and the optional municipality filter into each statement."""

    def __init__(self, conn: Connection, period: Period, municipality: str | None) -> None:
        self.conn = conn
        self.params: dict[str, Any] = {
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "municipality": municipality,
        }
        self.filtered = municipality is not None

    def where_municipality(self, column: str) -> str:
        return f" AND {column} = :municipality" if self.filtered else ""

    def rows(self, sql: str) -> list[Any]:
        return list(self.conn.execute(text(sql), self.params))

    def one(self, sql: str) -> Any:
        return self.conn.execute(text(sql), self.params).one()


def _appointments(q: _Query, catalogues: Mapping[str, cat.Catalogue]) -> dict[str, Any]:
    rows = q.rows(
        "SELECT kind, other_work_type, channel, count(*) AS n, sum(minutes) AS minutes"
        " FROM appointments WHERE date BETWEEN :start AND :end"
        + q.where_municipality("municipality")
        + " GROUP BY kind, other_work_type, channel"
    )
    by_kind = {"short_consultation": 0, "case_management": 0, "other_work": 0}
    by_type = _zeroes(catalogues[cat.OTHER_WORK_TYPES].codes)
    by_channel = _zeroes(catalogues[cat.CHANNELS].codes)
    cm_minutes = 0
    for kind, work_type, channel, count, minutes in rows:
        by_kind[kind] = by_kind.get(kind, 0) + count
        if kind == "other_work" and work_type is not None:
            by_type[work_type] = by_type.get(work_type, 0) + count
        if channel is not None:
            by_channel[channel] = by_channel.get(channel, 0) + count
        if kind == CASE_MANAGEMENT:
            cm_minutes += minutes or 0
    return {
        "total": sum(by_kind.values()),
        "counselling": by_kind["short_consultation"] + by_kind["case_management"],
        "short_consultation": by_kind["short_consultation"],
        "case_management": by_kind["case_management"],
        "other_work": by_kind["other_work"],
        "other_work_by_type": by_type,
        "minutes_case_management": cm_minutes,
        "avg_minutes_case_management": _one_decimal(cm_minutes, by_kind["case_management"]),
        "by_channel": by_channel,
    }


def _themes(q: _Query, catalogues: Mapping[str, cat.Catalogue]) -> dict[str, int]:
    counts = _zeroes(catalogues[cat.THEMES].codes)
    rows = q.rows(
        "SELECT t.theme, count(*) FROM appointments a"
        " JOIN appointment_themes t ON t.appointment_id = a.id"
        " WHERE a.date BETWEEN :start AND :end"
        + q.where_municipality("a.municipality")
        + " GROUP BY t.theme"
    )
    for theme, count in rows:
        counts[theme] = count
    return counts


# Case-management cases opened in the period (case municipality filter).
_OPENED = " FROM cases c WHERE c.track = 'case_management' AND c.opened_on BETWEEN :start AND :end"


def _cases(q: _Query, catalogues: Mapping[str, cat.Catalogue]) -> dict[str, Any]:
    filter_case = q.where_municipality("c.municipality")
    has_goal = "EXISTS (SELECT 1 FROM goals g WHERE g.case_id = c.id AND g.agreed_on <= :end)"
    opened, long_term, not_continued = q.one(
        "SELECT count(*),"
        f" coalesce(sum({has_goal}), 0),"
        f" coalesce(sum(c.closed_on IS NOT NULL AND c.closed_on <= :end AND NOT {has_goal}), 0)"
        + _OPENED
        + filter_case
    )
    persons = q.one(
        "SELECT count(DISTINCT m.client_id) FROM case_members m WHERE m.case_id IN"
        " (SELECT c.id" + _OPENED + filter_case + ")"
    )[0]
    by_reason = _zeroes(catalogues[cat.CLOSURE_REASONS].codes)
    closed = 0
    for reason, count in q.rows(
        "SELECT c.closure_reason, count(*) FROM cases c WHERE c.track = 'case_management'"
        " AND c.closed_on BETWEEN :start AND :end" + filter_case + " GROUP BY c.closure_reason"
    ):
        closed += count
        if reason is not None:
            by_reason[reason] = by_reason.get(reason, 0) + count
    open_at_end = q.one(
        "SELECT count(*) FROM cases c WHERE c.track = 'case_management'"
        " AND c.opened_on <= :end AND (c.closed_on IS NULL OR c.closed_on > :end)" + filter_case
    )[0]
    per_case = [
        row[0]
        for row in q.rows(
            "SELECT (SELECT count(*) FROM appointments a WHERE a.case_id = c.id"
            " AND a.kind = 'case_management')"
            " FROM cases c WHERE c.track = 'case_management'"
            " AND c.closed_on BETWEEN :start AND :end AND c.closure_reason = 'goals_achieved'"
            + filter_case
        )
    ]
    median = float(statistics.median(per_case)) if per_case else None
    return {
        "opened": opened,
        "persons_in_opened": persons,
        "long_term": long_term,
        "not_continued": not_continued,
        "closed": closed,
        "closed_by_reason": by_reason,
        "open_at_end": open_at_end,
        "appointments_to_positive_close": {"median": median},
    }


def _referrals(q: _Query, catalogues: Mapping[str, cat.Catalogue]) -> dict[str, Any]:
    by_target = _zeroes(catalogues[cat.REFERRAL_TARGETS].codes)
    join = " JOIN cases c ON c.id = r.case_id" if q.filtered else ""
    for target, count in q.rows(
        "SELECT r.target, count(*) FROM referrals r"
        + join
        + " WHERE r.date BETWEEN :start AND :end"
        + q.where_municipality("c.municipality")
        + " GROUP BY r.target"
    ):
        by_target[target] = count
    return {"total": sum(by_target.values()), "by_target": by_target}


def _goals(q: _Query, catalogues: Mapping[str, cat.Catalogue]) -> dict[str, Any]:
    by_status = _zeroes(catalogues[cat.GOAL_STATUS].codes)
    join = " JOIN cases c ON c.id = g.case_id" if q.filtered else ""
    for status, count in q.rows(
        "SELECT CASE WHEN g.closed_on IS NOT NULL AND g.closed_on > :end THEN 'open'"
        " ELSE g.status END AS status_at_end, count(*) FROM goals g"
        + join
        + " WHERE g.agreed_on BETWEEN :start AND :end"
        + q.where_municipality("c.municipality")
        + " GROUP BY status_at_end"
    ):
        by_status[status] = by_status.get(status, 0) + count
    return {"agreed": sum(by_status.values()), "by_status": by_status}


def _structural_gaps(q: _Query) -> dict[str, int]:
    reported = q.one(
        "SELECT count(*) FROM structural_gaps s WHERE s.status = 'reported'"
        " AND s.reported_on BETWEEN :start AND :end" + q.where_municipality("s.municipality")
    )[0]
    return {"reported": reported}


# Age in whole years on period.end, from ISO date strings.
_AGE = (
    "(CAST(strftime('%Y', :end) AS INTEGER) - CAST(strftime('%Y', p.birth_date) AS INTEGER)"
    " - (strftime('%m-%d', :end) < strftime('%m-%d', p.birth_date)))"
)
_AGE_BAND = (
    "CASE WHEN p.birth_date IS NULL OR p.birth_date > :end THEN 'unknown'"
    f" WHEN {_AGE} <= 5 THEN '0-5' WHEN {_AGE} <= 17 THEN '6-17'"
    f" WHEN {_AGE} <= 26 THEN '18-26' WHEN {_AGE} <= 44 THEN '27-44'"
    f" WHEN {_AGE} <= 64 THEN '45-64' ELSE '65+' END"
)
_DIMENSION_SQL = {
    "gender": "coalesce(p.gender, 'unknown')",
    "age_band": _AGE_BAND,
    "nationality": "coalesce(p.nationality, 'unknown')",
    "residence_status": "coalesce(p.residence_status, 'unknown')",
}


def _demographics(q: _Query, catalogues: Mapping[str, cat.Catalogue]) -> dict[str, Any]:
    persons = (
        "SELECT DISTINCT cl.id, cl.gender, cl.birth_date, cl.nationality, cl.residence_status"
        " FROM clients cl JOIN case_members m ON m.client_id = cl.id"
        " JOIN cases c ON c.id = m.case_id WHERE c.track = 'case_management'"
        " AND c.opened_on BETWEEN :start AND :end" + q.where_municipality("c.municipality")
    )
    initial: dict[str, dict[str, int]] = {
        "gender": _zeroes(catalogues[cat.GENDERS].codes),
        "age_band": {**_zeroes(catalogues[cat.AGE_BANDS].codes), "unknown": 0},
        "nationality": {},
        "residence_status": _zeroes(catalogues[cat.RESIDENCE_STATUS].codes),
    }
    result: dict[str, Any] = {}
    for dimension in DEMOGRAPHIC_DIMENSIONS:
        cells = initial[dimension]
        for code, count in q.rows(
            f"SELECT {_DIMENSION_SQL[dimension]} AS code, count(*) FROM ({persons}) p"
            " GROUP BY code ORDER BY code"
        ):
            cells[code] = count
        # Exact in the case manager's own file: nothing is suppressed locally.
        result[dimension] = {**cells, "_suppressed": 0}
    return result


def compute_indicators(
    conn: Connection,
    period: Period,
    municipality: str | None = None,
    catalogues: Mapping[str, cat.Catalogue] | None = None,
) -> dict[str, Any]:
    """All indicators of DESIGN.md section 6 for a case manager's file, as nested dicts."""
    catalogues = catalogues or cat.base_catalogues()
    q = _Query(conn, period, municipality)
    return {
        "period": {
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "label": period.label,
        },
        "municipality": municipality,
        "appointments": _appointments(q, catalogues),
        "cases": _cases(q, catalogues),
        "themes": _themes(q, catalogues),
        "referrals": _referrals(q, catalogues),
        "goals": _goals(q, catalogues),
        "structural_gaps": _structural_gaps(q),
        "demographics": _demographics(q, catalogues),
    }


def flatten(indicators: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"a": {"b": 1}}`` → ``{"a.b": 1}``: the dotted keys of DESIGN.md section 6."""
    flat: dict[str, Any] = {}
    for key, value in indicators.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


def positive_close_histogram(
    conn: Connection, period: Period, municipality: str | None = None
) -> dict[str, int]:
    """How many positively closed cases needed how many case-management appointments
    ({"7": 2, …}) — what a bundle carries so that the coordinator can compute the district
    median (medians cannot be added up)."""
    q = _Query(conn, period, municipality)
    histogram: dict[str, int] = {}
    for appointments, cases in q.rows(
        "SELECT n, count(*) FROM (SELECT (SELECT count(*) FROM appointments a"
        " WHERE a.case_id = c.id AND a.kind = 'case_management') AS n"
        " FROM cases c WHERE c.track = 'case_management'"
        " AND c.closed_on BETWEEN :start AND :end AND c.closure_reason = 'goals_achieved'"
        + q.where_municipality("c.municipality")
        + ") GROUP BY n"
    ):
        histogram[str(appointments)] = cases
    return histogram


def median_of_histogram(histogram: dict[str, int]) -> float | None:
    values = sorted((int(n), count) for n, count in histogram.items() if count)
    total = sum(count for _n, count in values)
    if not total:
        return None
    expanded = [n for n, count in values for _ in range(count)]
    return float(statistics.median(expanded))
