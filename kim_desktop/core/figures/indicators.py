"""The indicators (Kennzahlen) of DESIGN.md section 6 — the one implementation.

The dashboard, ``kim stats``, the PDF report and the bundle export all call
``compute_indicators``; each group of figures is one pass over its table, read from an index
that covers it (migration 0006) and counted without sorting: a count per catalogue code
instead of a GROUP BY (SQLite sorts every row for one). The function takes a plain SQLAlchemy
``Connection`` so that it runs the same on an encrypted file and on a plain SQLite copy (the
benchmark compares the two). tests/test_indicator_queries.py checks the query plans.

Definitions that DESIGN.md leaves open, decided here (and in docs/indicators.md):
- persons are distinct clients: a client in two opened cases counts once;
- ``cases.long_term`` / ``cases.not_continued`` look at goals agreed on or before period.end,
  so long_term + not_continued + (still open without a goal) = opened;
- a goal whose status is not ``open`` but has no closing date counts with its status;
- appointments of other work without a type count in ``other_work`` only, closures without a
  reason in ``closed`` only;
- counselling without a recorded interpreter counts in ``appointments.interpreter._unrecorded``,
  other work without recorded participants in ``appointments.other_work_without_participants``;
- nationality lists the codes that occur (ISO 3166 has 249); the other dimensions list every
  code, plus ``unknown`` for a missing value.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Connection, text

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.figures import holder
from kim_desktop.core.figures.periods import Period

CASE_MANAGEMENT = "case_management"
OTHER_WORK = "other_work"
COUNSELLING_KINDS = ("short_consultation", CASE_MANAGEMENT)
DEMOGRAPHIC_DIMENSIONS = ("gender", "age_band", "nationality", "residence_status")


def _zeroes(codes: tuple[str, ...]) -> dict[str, int]:
    return dict.fromkeys(codes, 0)


def one_decimal(total: int, count: int) -> float | None:
    if not count:
        return None
    value = Decimal(total) / Decimal(count)
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


class _Query:
    """Binds the period and the optional municipality filter into each statement."""

    def __init__(self, conn: Connection, period: Period, municipality: str | None) -> None:
        self.conn = conn
        self.period = period
        self.params: dict[str, Any] = {
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "municipality": municipality,
        }
        self.filtered = municipality is not None
        # Cases handed over or received: counted by the file holding them at period end.
        self.moved = holder.any_moved(conn)

    def where_municipality(self, column: str) -> str:
        return f" AND {column} = :municipality" if self.filtered else ""

    def held_case(self, column: str) -> str:
        """`` AND …`` keeping the rows whose case (``column``) this file counts."""
        return holder.case_id_condition(column) if self.moved else ""

    def moved_rows(self, sql: str, extra: Mapping[str, Any] | None = None) -> list[Any]:
        """The rows of ``sql`` over the appointments of the cases another file counts for
        the period (``{moved}`` in ``sql`` names them), to subtract: none when no case
        moved. A count over the few moved cases' rows, through their case ids."""
        if not self.moved:
            return []
        return self.rows(sql.format(moved=holder.MOVED_AWAY), extra)

    def rows(self, sql: str, extra: Mapping[str, Any] | None = None) -> list[Any]:
        return list(self.conn.execute(text(sql), {**self.params, **(extra or {})}))

    def one(self, sql: str, extra: Mapping[str, Any] | None = None) -> Any:
        return self.conn.execute(text(sql), {**self.params, **(extra or {})}).one()


class _Tally:
    """Counts per catalogue code in the one pass of an aggregation, without GROUP BY.

    A GROUP BY sorts every row of the period (SQLite has no hash aggregation); a
    ``count(*) FILTER (WHERE <expression> = :code)`` per code only compares. The last column
    counts the rows with any code, so a code outside the catalogues (which import and case
    work never write, but a district configuration may drop a code later) is still found:
    ``rest`` then groups just the rows with such codes. ``when`` limits the rows counted;
    ``nullable=False`` says the expression is never NULL."""

    def __init__(
        self,
        name: str,
        expression: str,
        codes: tuple[str, ...],
        when: str | None = None,
        nullable: bool = True,
    ) -> None:
        self.expression = expression
        self.codes = codes
        self.conditions = [
            c for c in (when, f"{expression} IS NOT NULL" if nullable else None) if c
        ]
        self.params = {f"{name}_{i}": code for i, code in enumerate(codes)}

    def columns(self) -> str:
        """The select list: one count per code, then the count of rows with any code."""
        counted = " AND ".join(self.conditions)
        counts = [
            f"count(*) FILTER (WHERE {counted + ' AND ' if counted else ''}"
            f"{self.expression} = :{param})"
            for param in self.params
        ]
        counts.append(f"count(*) FILTER (WHERE {counted})" if counted else "count(*)")
        return ", ".join(counts)

    def read(self, values: Sequence[int], counts: dict[str, int]) -> int:
        """Add the counts of ``values`` (this tally's columns) to ``counts``; returns how
        many rows have a code outside the catalogue."""
        *per_code, counted = values
        for code, count in zip(self.codes, per_code, strict=True):
            counts[code] = counts.get(code, 0) + count
        return counted - sum(per_code)

    def rest(self, q: _Query, from_where: str, counts: dict[str, int]) -> None:
        """Add the codes outside the catalogue (only called when there are some)."""
        conditions = list(self.conditions)
        if self.params:
            listed = ", ".join(f":{param}" for param in self.params)
            conditions.append(f"{self.expression} NOT IN ({listed})")
        for code, count in q.rows(
            f"SELECT {self.expression}, count(*) {from_where}"
            + "".join(f" AND {condition}" for condition in conditions)
            + " GROUP BY 1 ORDER BY 1",
            self.params,
        ):
            counts[code] = counts.get(code, 0) + count


def _tallied(
    q: _Query, head: Sequence[str], tallies: Sequence[_Tally], from_where: str
) -> tuple[list[Any], list[dict[str, int]]]:
    """Run ``SELECT <head>, <tallies> <from_where>`` (one row): the values of the ``head``
    columns, and the counts of each tally, codes outside the catalogues included."""
    params: dict[str, Any] = {}
    for tally in tallies:
        params.update(tally.params)
    columns = ", ".join([*head, *(tally.columns() for tally in tallies)])
    row = list(q.one(f"SELECT {columns} {from_where}", params))
    values, row = row[: len(head)], row[len(head) :]
    counts: list[dict[str, int]] = []
    for tally in tallies:
        found: dict[str, int] = {}
        width = len(tally.codes) + 1
        if tally.read(row[:width], found):
            tally.rest(q, from_where, found)
        counts.append(found)
        row = row[width:]
    return values, counts


def _appointment_groups(
    q: _Query, catalogues: Mapping[str, cat.Catalogue]
) -> list[tuple[str, str | None, str | None, int, int]]:
    """``_all_appointment_groups`` less the appointments of the cases another file counts
    for the period (figures/holder.py)."""
    rows = _all_appointment_groups(q, catalogues)
    moved = q.moved_rows(
        "SELECT a.kind, a.other_work_type, a.channel, count(*), coalesce(sum(a.minutes), 0)"
        " FROM appointments a WHERE a.case_id IN ({moved}) AND a.date BETWEEN :start AND :end"
        + q.where_municipality("a.municipality")
        + " GROUP BY a.kind, a.other_work_type, a.channel"
    )
    if not moved:
        return rows
    counted = {row[:3]: row[3:] for row in rows}
    for *group, count, minutes in moved:
        had_count, had_minutes = counted[tuple(group)]
        counted[tuple(group)] = (had_count - count, had_minutes - minutes)
    return [(*group, count, minutes) for group, (count, minutes) in counted.items() if count]


def _all_appointment_groups(
    q: _Query, catalogues: Mapping[str, cat.Catalogue]
) -> list[tuple[str, str | None, str | None, int, int]]:
    """Appointments of the period per (kind, other-work type, channel): count and minutes.

    Counted per group over a range of ix_appointments_kind_other_work_type_channel_date_…
    (a count of index entries, no table rows, no sorting), for every group the constraints
    and catalogues allow: counselling has no type; a type or channel may be missing. When
    these groups do not add up to all appointments of the period (a code outside the
    catalogues), one GROUP BY over the period answers instead."""
    period = " AND a.date BETWEEN :start AND :end" + q.where_municipality("a.municipality")
    total = q.one("SELECT count(*) FROM appointments a WHERE 1" + period)[0]
    channels = (*catalogues[cat.CHANNELS].codes, None)
    groups: list[tuple[str, str | None, str | None]] = [
        (kind, None, channel) for kind in COUNSELLING_KINDS for channel in channels
    ]
    groups += [
        (OTHER_WORK, work_type, channel)
        for work_type in (*catalogues[cat.OTHER_WORK_TYPES].codes, None)
        for channel in channels
    ]
    params: dict[str, Any] = {}
    for i, group in enumerate(groups):
        params.update(zip((f"k{i}", f"t{i}", f"c{i}"), group, strict=True))
    values = ", ".join(f"(:k{i}, :t{i}, :c{i})" for i in range(len(groups)))
    in_group = (
        " FROM appointments a WHERE a.kind = grp.kind AND a.other_work_type IS grp.type"
        " AND a.channel IS grp.channel" + period
    )
    rows = [
        tuple(row)
        for row in q.rows(
            f"WITH grp(kind, type, channel) AS (VALUES {values})"
            f" SELECT grp.kind, grp.type, grp.channel, (SELECT count(*){in_group}),"
            f" CASE WHEN grp.kind = '{CASE_MANAGEMENT}'"
            f" THEN (SELECT coalesce(sum(a.minutes), 0){in_group}) ELSE 0 END FROM grp",
            params,
        )
        if row[3]
    ]
    if sum(row[3] for row in rows) == total:
        return rows
    return [
        tuple(row)
        for row in q.rows(
            "SELECT a.kind, a.other_work_type, a.channel, count(*),"
            " coalesce(sum(a.minutes), 0) FROM appointments a WHERE 1"
            + period
            + " GROUP BY a.kind, a.other_work_type, a.channel"
        )
    ]


def _appointments(q: _Query, catalogues: Mapping[str, cat.Catalogue]) -> dict[str, Any]:
    by_kind = {"short_consultation": 0, "case_management": 0, "other_work": 0}
    by_type = _zeroes(catalogues[cat.OTHER_WORK_TYPES].codes)
    by_channel = _zeroes(catalogues[cat.CHANNELS].codes)
    cm_minutes = 0
    for kind, work_type, channel, count, minutes in _appointment_groups(q, catalogues):
        by_kind[kind] = by_kind.get(kind, 0) + count
        if kind == OTHER_WORK and work_type is not None:
            by_type[work_type] = by_type.get(work_type, 0) + count
        if channel is not None:
            by_channel[channel] = by_channel.get(channel, 0) + count
        if kind == CASE_MANAGEMENT:
            cm_minutes += minutes
    return {
        "total": sum(by_kind.values()),
        "counselling": by_kind["short_consultation"] + by_kind["case_management"],
        "short_consultation": by_kind["short_consultation"],
        "case_management": by_kind["case_management"],
        "other_work": by_kind["other_work"],
        "other_work_by_type": by_type,
        "minutes_case_management": cm_minutes,
        "avg_minutes_case_management": one_decimal(cm_minutes, by_kind["case_management"]),
        "by_channel": by_channel,
    }


UNRECORDED = "_unrecorded"  # beside the interpreter codes: counselling without the field


def _interpreter_and_participants(
    q: _Query, catalogues: Mapping[str, cat.Catalogue]
) -> dict[str, Any]:
    """Counselling appointments by interpreter use, and the participants of other work.

    Counted per (kind, interpreter) over a date range of
    ix_appointments_kind_interpreter_date_municipality_participants (migration 0011), for
    every interpreter code and for none recorded (the CHECK constraint allows no other).
    Counselling without a recorded interpreter (imported, or entered before the field was
    filled) counts under ``_unrecorded``, so the codes plus ``_unrecorded`` add up to
    ``counselling``. Other work whose participants are not recorded adds nothing to the sum
    and is counted in ``other_work_without_participants``, so a reader sees what the sum
    leaves out."""
    codes = catalogues[cat.INTERPRETER].codes
    groups = [(kind, code) for kind in (*COUNSELLING_KINDS, OTHER_WORK) for code in (*codes, None)]
    params: dict[str, Any] = {}
    for i, group in enumerate(groups):
        params.update(zip((f"k{i}", f"i{i}"), group, strict=True))
    values = ", ".join(f"(:k{i}, :i{i})" for i in range(len(groups)))
    in_group = (
        " FROM appointments a WHERE a.kind = grp.kind AND a.interpreter IS grp.interpreter"
        " AND a.date BETWEEN :start AND :end" + q.where_municipality("a.municipality")
    )
    other_work = f"CASE WHEN grp.kind = '{OTHER_WORK}' THEN (SELECT {{}}{in_group}{{}}) ELSE 0 END"
    interpreter = {**_zeroes(codes), UNRECORDED: 0}
    participants = without_participants = 0
    for kind, code, count, added, unrecorded in q.rows(
        f"WITH grp(kind, interpreter) AS (VALUES {values})"
        f" SELECT grp.kind, grp.interpreter, (SELECT count(*){in_group}),"
        f" {other_work.format('coalesce(sum(a.participants), 0)', '')},"
        f" {other_work.format('count(*)', ' AND a.participants IS NULL')} FROM grp",
        params,
    ):
        if kind == OTHER_WORK:
            participants += added
            without_participants += unrecorded
        else:
            key = UNRECORDED if code is None else code
            interpreter[key] = interpreter.get(key, 0) + count
    # Counselling of the cases another file counts (other work belongs to no case).
    for code, count in q.moved_rows(
        "SELECT a.interpreter, count(*) FROM appointments a WHERE a.case_id IN ({moved})"
        " AND a.date BETWEEN :start AND :end"
        + q.where_municipality("a.municipality")
        + " GROUP BY a.interpreter"
    ):
        key = UNRECORDED if code is None else code
        interpreter[key] -= count
    return {
        "interpreter": interpreter,
        "other_work_participants": participants,
        "other_work_without_participants": without_participants,
    }


# The themes that occur, one index seek each (a loose scan of the index), and for each the
# count of its rows in the period: a count over one range of the index, no row visited twice.
_THEME_COUNTS = (
    "WITH RECURSIVE th(theme) AS (SELECT min(theme) FROM appointment_themes"
    " UNION ALL SELECT (SELECT min(theme) FROM appointment_themes WHERE theme > th.theme)"
    " FROM th WHERE th.theme IS NOT NULL)"
    " SELECT th.theme, (SELECT count(*) FROM appointment_themes t WHERE t.theme = th.theme"
    " AND t.date BETWEEN :start AND :end{municipality}) FROM th WHERE th.theme IS NOT NULL"
)


def _themes(q: _Query, catalogues: Mapping[str, cat.Catalogue]) -> dict[str, int]:
    """Theme rows of the period's appointments per code, counted over
    ix_appointment_themes_theme_date_municipality: each theme row carries its appointment's
    date and municipality (kept equal by the triggers of migration 0007), so no appointment
    is read, and each theme is one range of the index instead of a code compared per row.
    Codes outside the catalogue are listed when they occur in the period, as elsewhere."""
    counts = _zeroes(catalogues[cat.THEMES].codes)
    for theme, count in q.rows(
        _THEME_COUNTS.format(municipality=q.where_municipality("t.municipality"))
    ):
        if count or theme in counts:
            counts[theme] = count
    for theme, count in q.moved_rows(
        "SELECT t.theme, count(*) FROM appointments a"
        " JOIN appointment_themes t ON t.appointment_id = a.id"
        " WHERE a.case_id IN ({moved}) AND t.date BETWEEN :start AND :end"
        + q.where_municipality("t.municipality")
        + " GROUP BY t.theme"
    ):
        counts[theme] -= count
        if not counts[theme] and theme not in catalogues[cat.THEMES].codes:
            del counts[theme]  # a code outside the catalogue, only in the moved cases
    return counts


# Case-management cases opened in the period (case municipality filter).
_OPENED = " FROM cases c WHERE c.track = 'case_management' AND c.opened_on BETWEEN :start AND :end"


def _cases(q: _Query, catalogues: Mapping[str, cat.Catalogue]) -> dict[str, Any]:
    # One pass over the case-management cases opened by period end (index-only through
    # ix_cases_track_opened_on_…): opened in the period, closed in the period (closed_on >=
    # opened_on is a constraint of the table) and open at period end are all among them.
    opened = "c.opened_on >= :start"
    closed = "c.closed_on BETWEEN :start AND :end"
    has_goal = "EXISTS (SELECT 1 FROM goals g WHERE g.case_id = c.id AND g.agreed_on <= :end)"
    reasons = _Tally(
        "reason", "c.closure_reason", catalogues[cat.CLOSURE_REASONS].codes, when=closed
    )
    (opened_count, long_term, not_continued, closed_count, open_at_end), (found,) = _tallied(
        q,
        (
            f"count(*) FILTER (WHERE {opened})",
            f"count(*) FILTER (WHERE {opened} AND {has_goal})",
            f"count(*) FILTER (WHERE {opened} AND c.closed_on <= :end AND NOT {has_goal})",
            f"count(*) FILTER (WHERE {closed})",
            "count(*) FILTER (WHERE c.closed_on IS NULL OR c.closed_on > :end)",
        ),
        (reasons,),
        "FROM cases c WHERE c.track = 'case_management' AND c.opened_on <= :end"
        + q.where_municipality("c.municipality")
        + q.held_case("c.id"),
    )
    persons = q.one(
        "SELECT count(DISTINCT m.client_id) FROM case_members m WHERE m.case_id IN"
        " (SELECT c.id"
        + _OPENED
        + q.where_municipality("c.municipality")
        + q.held_case("c.id")
        + ")"
    )[0]
    per_case = [
        row[0]
        for row in q.rows(
            # ix_appointments_case_id_kind answers each count from the index alone.
            "SELECT (SELECT count(*) FROM appointments a WHERE a.case_id = c.id"
            " AND a.kind = 'case_management')"
            " FROM cases c WHERE c.track = 'case_management'"
            " AND c.closed_on BETWEEN :start AND :end AND c.closure_reason = 'goals_achieved'"
            + q.where_municipality("c.municipality")
            + q.held_case("c.id")
        )
    ]
    median = float(statistics.median(per_case)) if per_case else None
    return {
        "opened": opened_count,
        "persons_in_opened": persons,
        "long_term": long_term,
        "not_continued": not_continued,
        "closed": closed_count,
        "closed_by_reason": {**_zeroes(catalogues[cat.CLOSURE_REASONS].codes), **found},
        "open_at_end": open_at_end,
        "appointments_to_positive_close": {"median": median},
    }


def _referrals(q: _Query, catalogues: Mapping[str, cat.Catalogue]) -> dict[str, Any]:
    targets = _Tally("target", "r.target", catalogues[cat.REFERRAL_TARGETS].codes, nullable=False)
    join = " JOIN cases c ON c.id = r.case_id" if q.filtered else ""
    _, (found,) = _tallied(
        q,
        (),
        (targets,),
        "FROM referrals r"
        + join
        + " WHERE r.date BETWEEN :start AND :end"
        + q.where_municipality("c.municipality")
        + q.held_case("r.case_id"),
    )
    by_target = {**_zeroes(catalogues[cat.REFERRAL_TARGETS].codes), **found}
    return {"total": sum(by_target.values()), "by_target": by_target}


def _goals(q: _Query, catalogues: Mapping[str, cat.Catalogue]) -> dict[str, Any]:
    statuses = _Tally(
        "status",
        "(CASE WHEN g.closed_on IS NOT NULL AND g.closed_on > :end THEN 'open' ELSE g.status END)",
        catalogues[cat.GOAL_STATUS].codes,
    )
    join = " JOIN cases c ON c.id = g.case_id" if q.filtered else ""
    _, (found,) = _tallied(
        q,
        (),
        (statuses,),
        "FROM goals g"
        + join
        + " WHERE g.agreed_on BETWEEN :start AND :end"
        + q.where_municipality("c.municipality")
        + q.held_case("g.case_id"),
    )
    by_status = {**_zeroes(catalogues[cat.GOAL_STATUS].codes), **found}
    return {"agreed": sum(by_status.values()), "by_status": by_status}


def _structural_gaps(q: _Query) -> dict[str, int]:
    reported = q.one(
        "SELECT count(*) FROM structural_gaps s WHERE s.status = 'reported'"
        " AND s.reported_on BETWEEN :start AND :end" + q.where_municipality("s.municipality")
    )[0]
    return {"reported": reported}


# Age bands by birth date. Age on period end is the difference of the years, less one when
# the birthday (month-day) comes later in the year than period end; so someone is at least
# N years old exactly when born on or before "<end year - N>-<end month-day>", compared as
# ISO text (also where that day does not exist, as 29 February). Each band's lower bound is
# the next band's age.
_AGE_BANDS = (("0-5", 6), ("6-17", 18), ("18-26", 27), ("27-44", 45), ("45-64", 65))


def _age_band(end: dt.date) -> tuple[str, dict[str, str]]:
    """The SQL CASE for the age band of ``cl.birth_date`` on ``end``, and its parameters."""
    params = {
        f"born_after_{age}": f"{end.year - age:04d}{end.isoformat()[4:]}" for _, age in _AGE_BANDS
    }
    bands = " ".join(
        f"WHEN cl.birth_date > :born_after_{age} THEN '{band}'" for band, age in _AGE_BANDS
    )
    return (
        f"CASE WHEN cl.birth_date IS NULL OR cl.birth_date > :end THEN 'unknown' {bands}"
        " ELSE '65+' END",
        params,
    )


def _demographics(q: _Query, catalogues: Mapping[str, cat.Catalogue]) -> dict[str, Any]:
    # Each person once (the members of the opened cases as a set of ids, then their client
    # rows in id order), classified in SQL and counted here: no sorting in SQLite.
    age_band, params = _age_band(q.period.end)
    codes = {
        "gender": "coalesce(cl.gender, 'unknown')",
        "age_band": age_band,
        "nationality": "coalesce(cl.nationality, 'unknown')",
        "residence_status": "coalesce(cl.residence_status, 'unknown')",
    }
    cells = Counter(
        tuple(row)
        for row in q.rows(
            "SELECT "
            + ", ".join(codes[dimension] for dimension in DEMOGRAPHIC_DIMENSIONS)
            + " FROM clients cl WHERE cl.id IN (SELECT m.client_id FROM case_members m"
            " JOIN cases c ON c.id = m.case_id WHERE c.track = 'case_management'"
            " AND c.opened_on BETWEEN :start AND :end"
            + q.where_municipality("c.municipality")
            + q.held_case("c.id")
            + ")",
            params,
        )
    )
    found: dict[str, Counter[str]] = {dimension: Counter() for dimension in DEMOGRAPHIC_DIMENSIONS}
    for cell, count in cells.items():
        for dimension, code in zip(DEMOGRAPHIC_DIMENSIONS, cell, strict=True):
            found[dimension][code] += count
    initial: dict[str, dict[str, int]] = {
        "gender": _zeroes(catalogues[cat.GENDERS].codes),
        "age_band": {**_zeroes(catalogues[cat.AGE_BANDS].codes), "unknown": 0},
        "nationality": {},
        "residence_status": _zeroes(catalogues[cat.RESIDENCE_STATUS].codes),
    }
    result: dict[str, Any] = {}
    for dimension in DEMOGRAPHIC_DIMENSIONS:
        counts = initial[dimension]
        for code in sorted(found[dimension]):
            counts[code] = found[dimension][code]
        # Exact in the case manager's own file: nothing is suppressed locally.
        result[dimension] = {**counts, "_suppressed": 0}
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
        "appointments": {
            **_appointments(q, catalogues),
            **_interpreter_and_participants(q, catalogues),
        },
        "cases": _cases(q, catalogues),
        "themes": _themes(q, catalogues),
        "referrals": _referrals(q, catalogues),
        "goals": _goals(q, catalogues),
        "structural_gaps": _structural_gaps(q),
        "demographics": _demographics(q, catalogues),
    }


_PLAIN = (int, float, str, bool, type(None))


def flatten(indicators: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"a": {"b": 1}}`` → ``{"a.b": 1}``: the dotted keys of DESIGN.md section 6."""
    flat: dict[str, Any] = {}
    _flatten_into(flat, indicators, prefix)
    return flat


def _flatten_into(flat: dict[str, Any], indicators: Mapping[str, Any], prefix: str) -> None:
    # Each bundle import flattens some thousand figures: plain values skip the ABC check.
    for key, value in indicators.items():
        name = f"{prefix}{key}"
        kind = type(value)
        if kind is dict or (kind not in _PLAIN and isinstance(value, Mapping)):
            _flatten_into(flat, value, name + ".")
        else:
            flat[name] = value


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
        + q.held_case("c.id")
        + ") GROUP BY n"
    ):
        histogram[str(appointments)] = cases
    return histogram


def median_of_histogram(histogram: dict[str, int]) -> float | None:
    values = sorted((int(n), count) for n, count in histogram.items() if count)
    total = sum(count for _n, count in values)
    if not total:
        return None

    # Walk the cumulative counts instead of expanding the histogram into a list: the time
    # and memory then depend on the number of bins, never on the counts.
    def nth(position: int) -> int:
        seen = 0
        for n, count in values:
            seen += count
            if seen > position:
                return n
        return values[-1][0]

    middle = (total - 1) // 2
    return float((nth(middle) + nth(total // 2)) / 2)
