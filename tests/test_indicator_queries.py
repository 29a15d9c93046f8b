"""How the indicators are computed, beside what they are (tests/test_indicators.py):

- the cheaper SQL forms give exactly what the plain definitions give (age bands by cut-off
  dates, the themes counted on their own dates, codes outside the catalogues still counted);
- the statements read indexes only and never sort (EXPLAIN QUERY PLAN), which is what keeps
  ``kim stats`` fast on large files (benchmarks/bench_casefile.py measures the time).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3
from conftest import PASSPHRASE
from sqlalchemy import Connection, event

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.figures import indicators
from kim_desktop.core.figures.periods import Period, parse_period
from kim_desktop.core.sync import handover

TWO_YEARS = parse_period("2024-01-01..2025-12-31")
PERIODS = ("2025", "2025-Q2", "2024-07-01..2024-07-31", "2025-12-31..2025-12-31", "2023")


@pytest.fixture
def demo_conn(demo_file_master: Path) -> Iterator[Connection]:
    with CaseFile.open(demo_file_master, PASSPHRASE) as casefile, casefile.reading() as conn:
        yield conn


# The definition of age in whole years on period end, as the indicators computed it before
# (and DESIGN.md §6 states it); the age bands now compare birth dates with cut-off dates.
_AGE_BY_YEARS = (
    "(CAST(strftime('%Y', :end) AS INTEGER) - CAST(strftime('%Y', cl.birth_date) AS INTEGER)"
    " - (strftime('%m-%d', :end) < strftime('%m-%d', cl.birth_date)))"
)
_BAND_BY_AGE = (
    "CASE WHEN cl.birth_date IS NULL OR cl.birth_date > :end THEN 'unknown'"
    f" WHEN {_AGE_BY_YEARS} <= 5 THEN '0-5' WHEN {_AGE_BY_YEARS} <= 17 THEN '6-17'"
    f" WHEN {_AGE_BY_YEARS} <= 26 THEN '18-26' WHEN {_AGE_BY_YEARS} <= 44 THEN '27-44'"
    f" WHEN {_AGE_BY_YEARS} <= 64 THEN '45-64' ELSE '65+' END"
)


def test_age_bands_by_cut_off_dates_equal_age_in_whole_years() -> None:
    ends = [
        dt.date(year, month, day)
        for year in (2023, 2024, 2025)
        for month, day in ((1, 1), (2, 28), (2, 29), (3, 1), (6, 30), (12, 31))
        if not (month == 2 and day == 29 and year != 2024)
    ]
    conn = sqlcipher3.connect(":memory:")
    conn.execute("CREATE TABLE clients (birth_date TEXT)")
    births: set[dt.date | None] = {None}
    for end in ends:
        for age in (0, 5, 6, 17, 18, 26, 27, 44, 45, 64, 65, 90):
            for shift in range(-3, 4):
                # Around each band's birthday, in the leap years near it as well.
                for year in (end.year - age, end.year - age - 1):
                    for month, day in ((end.month, end.day), (2, 28), (2, 29), (3, 1)):
                        with contextlib.suppress(ValueError):  # 29 February
                            births.add(dt.date(year, month, day) + dt.timedelta(days=shift))
        births.add(end + dt.timedelta(days=1))  # born after period end: unknown
    conn.executemany(
        "INSERT INTO clients VALUES (?)",
        [(b.isoformat() if b else None,) for b in sorted(births, key=lambda b: b or dt.date.min)],
    )
    checked = 0
    for end in ends:
        band_sql, params = indicators._age_band(end)
        rows = conn.execute(
            f"SELECT cl.birth_date, {_BAND_BY_AGE}, {band_sql} FROM clients cl",
            {"end": end.isoformat(), **params},
        ).fetchall()
        for birth, by_age, by_cut_off in rows:
            assert by_cut_off == by_age, (birth, end)
            checked += 1
    assert checked > 10_000


def _reduced(catalogues: Mapping[str, cat.Catalogue], drop: Mapping[str, str]) -> dict[str, Any]:
    reduced = dict(catalogues)
    for name, code in drop.items():
        entries = tuple(e for e in catalogues[name].entries if e.code != code)
        reduced[name] = cat.Catalogue(
            name, catalogues[name].extensible, entries, {e.code: e for e in entries}
        )
    return reduced


SECTIONS = {
    cat.THEMES: ("themes",),
    cat.CHANNELS: ("appointments", "by_channel"),
    cat.OTHER_WORK_TYPES: ("appointments", "other_work_by_type"),
    cat.REFERRAL_TARGETS: ("referrals", "by_target"),
    cat.CLOSURE_REASONS: ("cases", "closed_by_reason"),
    cat.GOAL_STATUS: ("goals", "by_status"),
}


def _section(figures: Mapping[str, Any], path: tuple[str, ...]) -> dict[str, int]:
    for key in path:
        figures = figures[key]
    return dict(figures)


def test_codes_outside_the_catalogues_are_counted_all_the_same(demo_conn: Connection) -> None:
    """A file may hold codes its catalogues no longer list (a district configuration that
    dropped an addition): they count under their own code, as a GROUP BY would count them."""
    full = cat.base_catalogues()
    whole = indicators.compute_indicators(demo_conn, TWO_YEARS, None, full)
    # In each catalogue, drop the code counted most often.
    drop = {
        name: max(_section(whole, path).items(), key=lambda item: item[1])[0]
        for name, path in SECTIONS.items()
    }
    assert all(_section(whole, SECTIONS[name])[code] > 0 for name, code in drop.items())
    reduced = _reduced(full, drop)
    for period in (TWO_YEARS, *map(parse_period, PERIODS)):
        for municipality in (None, "Siegburg"):
            expected = indicators.compute_indicators(demo_conn, period, municipality, full)
            found = indicators.compute_indicators(demo_conn, period, municipality, reduced)
            for name, path in SECTIONS.items():
                listed = [c for c in full[name].codes if c != drop[name]]
                counts = _section(found, path)
                assert list(counts)[: len(listed)] == listed
                assert {k: v for k, v in counts.items() if v} == {
                    k: v for k, v in _section(expected, path).items() if v
                }
            assert indicators.flatten(found).keys() >= {
                k for k, v in indicators.flatten(expected).items() if v
            }
            for key in ("appointments", "referrals", "goals"):
                totals = ("total", "agreed", "counselling", "other_work", "case_management")
                for total in totals:
                    if total in expected[key]:
                        assert found[key][total] == expected[key][total]


def test_themes_on_their_own_dates_equal_the_join_with_the_appointments(
    demo_conn: Connection,
) -> None:
    """The themes figure counts theme rows by the date and municipality they carry
    (migration 0007); the definition joins each theme row with its appointment."""
    catalogues = cat.base_catalogues()
    counted = 0
    for period, municipality in itertools.product(
        (TWO_YEARS, *map(parse_period, PERIODS)), (None, "Troisdorf")
    ):
        q = indicators._Query(demo_conn, period, municipality)
        found = indicators._themes(q, catalogues)
        joined = dict.fromkeys(catalogues[cat.THEMES].codes, 0)
        for theme, count in q.rows(
            "SELECT t.theme, count(*) FROM appointments a JOIN appointment_themes t"
            " ON t.appointment_id = a.id WHERE a.date BETWEEN :start AND :end"
            + q.where_municipality("a.municipality")
            + " GROUP BY t.theme"
        ):
            joined[theme] = count
        assert found == joined
        counted += sum(found.values())
    assert counted > 0


def _statements(conn: Connection, period: Period, municipality: str | None) -> list[Any]:
    seen: list[Any] = []

    def remember(conn: Any, cursor: Any, statement: str, params: Any, *_: Any) -> None:
        seen.append((statement, params))

    event.listen(conn, "before_cursor_execute", remember)
    try:
        indicators.compute_indicators(conn, period, municipality)
    finally:
        event.remove(conn, "before_cursor_execute", remember)
    return seen


@pytest.mark.parametrize("municipality", [None, "Siegburg"])
@pytest.mark.parametrize("period", ["2025", "2025-12-01..2025-12-07"])
def test_statements_read_indexes_only_and_never_sort(
    demo_conn: Connection, period: str, municipality: str | None
) -> None:
    text = _checked_plans(demo_conn, period, municipality)
    assert "ix_cases_moved" in text  # one look whether any case moved; none did
    assert "NOT IN" not in text  # so the statements are the plain ones


def _checked_plans(conn: Connection, period: str, municipality: str | None) -> str:
    """The statements' plans, checked: indexes only, no sorting, no whole-index pass."""
    raw = conn.connection.driver_connection
    assert raw is not None
    plans = []
    for statement, params in _statements(conn, parse_period(period), municipality):
        plan = [row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + statement, params)]
        plans.append((statement, plan))
        if "a.case_id IN (SELECT id FROM cases WHERE" in statement:
            # The rows of the moved cases, to subtract: found through their case ids.
            assert any("ix_appointments_case_id_kind (case_id=?)" in line for line in plan)
            assert all("SCAN a " not in f"{line} " for line in plan), plan
            continue
        for line in plan:
            assert "TEMP B-TREE FOR GROUP BY" not in line, (statement, plan)
            assert "TEMP B-TREE FOR ORDER BY" not in line, (statement, plan)
            words = line.split()
            if words[0] not in ("SEARCH", "SCAN") or words[1] in ("cl", "s", "grp", "th"):
                continue  # client rows, gaps, the list of appointment groups, of themes
            if "CONSTANT ROW" in line:
                continue  # the VALUES of that list
            if words[1] == "c" and "(id=?)" in line:
                continue  # a referral's or goal's case, for its municipality
            assert "COVERING INDEX" in line, (statement, plan)
            if "COVERING INDEX ix_cases_moved" in line:
                continue  # a partial index holding the moved cases only (figures/holder.py)
            # No whole-index pass (the themes' join in id order went with migration 0007).
            assert words[0] != "SCAN", (statement, plan)
    text = "\n".join(f"{statement} {' '.join(plan)}" for statement, plan in plans)
    assert "ix_appointments_kind_other_work_type_channel_date_municipality_minutes" in text
    assert "ix_cases_track_opened_on_closed_on_closure_reason_municipality_id" in text
    assert "ix_referrals_date_target_case_id" in text
    assert "ix_goals_agreed_on_closed_on_status_case_id" in text
    assert "ix_appointments_case_id_kind" in text
    assert "ix_appointment_themes_theme_date_municipality" in text
    return text


@pytest.mark.parametrize("municipality", [None, "Siegburg"])
def test_statements_with_moved_cases_still_read_indexes_only(
    demo_file_master: Path, tmp_path: Path, municipality: str | None
) -> None:
    """With cases handed over, every statement leaves them out through a set of row ids
    read from indexes (figures/holder.py): still no table pass and no sorting."""
    copy = tmp_path / "moved.kim"
    shutil.copyfile(demo_file_master, copy)
    with CaseFile.open(copy, PASSPHRASE) as casefile:
        with casefile.reading() as conn:
            case_ids = [
                row[0]
                for row in conn.exec_driver_sql(
                    "SELECT id FROM cases WHERE track = 'case_management' ORDER BY id LIMIT 40"
                )
            ]
        handover.mark_handed_over(
            casefile, case_ids, "0" * 32, "Kollegin", dt.date(2025, 6, 30), "h-1"
        )
        with casefile.reading() as conn:
            for period in ("2025", "2025-12-01..2025-12-07"):
                text = _checked_plans(conn, period, municipality)
                assert text.count("NOT IN") >= 6  # cases, persons, goals, referrals, …
                assert text.count("a.case_id IN (SELECT id FROM cases") == 3  # subtracted
