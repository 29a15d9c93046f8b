"""Benchmark of the statistics report (not a test: it prints figures).

A district report over 20 municipalities and two years (the report for 2025 with 2024 as
comparison): the report data is made synthetically (no database), then the PDF is built.
Target: <= 5 s.

    .venv/bin/python benchmarks/bench_reports.py [--municipalities 20] [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import time
from typing import Any

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.documents.report_data import (
    DEFAULT_FUNDING_NOTE,
    MunicipalitySection,
    ReportData,
    ReportGap,
)
from kim_desktop.core.figures.periods import Period, parse_period
from kim_desktop.reports.statistics import build_statistics_report

NATIONALITIES = ("SY", "UA", "AF", "TR", "IQ", "ER", "RU", "PL", "RO", "BG", "unknown")


def _counts(rng: random.Random, codes: tuple[str, ...], high: int) -> dict[str, int]:
    return {code: rng.randint(0, high) for code in codes}


def _cells(rng: random.Random, codes: tuple[str, ...], k: int) -> dict[str, int | None]:
    cells: dict[str, int | None] = {}
    hidden = 0
    for code in codes:
        value = rng.randint(0, 25)
        if 0 < value < k:
            cells[code] = None
            hidden += value
        else:
            cells[code] = value
    cells["_suppressed"] = hidden
    return cells


def synthetic_figures(rng: random.Random, period: Period, scale: int = 1) -> dict[str, Any]:
    """Figures of the shape ``indicators.compute_indicators`` returns."""
    catalogues = cat.base_catalogues()
    short, cm, other = (rng.randint(20, 400) * scale for _ in range(3))
    minutes = cm * rng.randint(45, 75)
    opened = rng.randint(10, 120) * scale
    long_term = rng.randint(0, opened)
    not_continued = rng.randint(0, opened - long_term)
    by_reason = _counts(rng, catalogues[cat.CLOSURE_REASONS].codes, 10 * scale)
    by_target = _counts(rng, catalogues[cat.REFERRAL_TARGETS].codes, 12 * scale)
    by_status = _counts(rng, catalogues[cat.GOAL_STATUS].codes, 15 * scale)
    return {
        "period": {
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "label": period.label,
        },
        "municipality": None,
        "appointments": {
            "total": short + cm + other,
            "counselling": short + cm,
            "short_consultation": short,
            "case_management": cm,
            "other_work": other,
            "other_work_by_type": _counts(rng, catalogues[cat.OTHER_WORK_TYPES].codes, 30),
            "minutes_case_management": minutes,
            "avg_minutes_case_management": round(minutes / cm, 1),
            "by_channel": _counts(rng, catalogues[cat.CHANNELS].codes, 200 * scale),
        },
        "cases": {
            "opened": opened,
            "persons_in_opened": opened + rng.randint(0, opened),
            "long_term": long_term,
            "not_continued": not_continued,
            "closed": sum(by_reason.values()),
            "closed_by_reason": by_reason,
            "open_at_end": rng.randint(0, 200) * scale,
            "appointments_to_positive_close": {"median": float(rng.randint(5, 14))},
        },
        "themes": _counts(rng, catalogues[cat.THEMES].codes, 150 * scale),
        "referrals": {"total": sum(by_target.values()), "by_target": by_target},
        "goals": {"agreed": sum(by_status.values()), "by_status": by_status},
        "structural_gaps": {"reported": rng.randint(0, 6)},
        "demographics": {
            "gender": _cells(rng, (*catalogues[cat.GENDERS].codes, "unknown"), 3),
            "age_band": _cells(rng, (*catalogues[cat.AGE_BANDS].codes, "unknown"), 3),
            "nationality": _cells(rng, NATIONALITIES, 3),
            "residence_status": _cells(rng, catalogues[cat.RESIDENCE_STATUS].codes, 3),
        },
    }


def synthetic_data(municipalities: int = 20, seed: int = 7) -> ReportData:
    """A coordinator's report: 2025 against 2024, one section per municipality."""
    rng = random.Random(seed)
    period = parse_period("2025")
    previous = period.previous()
    names = [f"Kommune {n:02d}" for n in range(1, municipalities + 1)]
    sections = tuple(
        MunicipalitySection(name, synthetic_figures(rng, period), synthetic_figures(rng, previous))
        for name in names
    )
    themes = cat.base_catalogues()[cat.THEMES].codes
    gaps = tuple(
        ReportGap(
            municipality=rng.choice(names),
            theme=rng.choice(themes),
            title=f"Fehlendes Angebot Nr. {n}",
            description="Kein erreichbares Angebot im Gemeindegebiet; Wartezeit über sechs Monate.",
            reported_on=dt.date(2025, rng.randint(1, 12), rng.randint(1, 28)),
        )
        for n in range(1, 2 * municipalities + 1)
    )
    return ReportData(
        owner="Koordinierungsstelle Testkreis",
        role="coordinator",
        district="Testkreis",
        funding_note=DEFAULT_FUNDING_NOTE,
        period=period,
        previous_period=previous,
        issued_on=dt.date(2026, 1, 15),
        figures=synthetic_figures(rng, period, scale=municipalities),
        previous=synthetic_figures(rng, previous, scale=municipalities),
        k=3,
        municipalities=sections,
        gaps=gaps,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--municipalities", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    started = time.perf_counter()
    data = synthetic_data(args.municipalities)
    print(f"synthetic data: {time.perf_counter() - started:.3f} s")
    for run in range(1, args.runs + 1):
        buffer = io.BytesIO()
        started = time.perf_counter()
        pages = build_statistics_report(data, buffer)
        elapsed = time.perf_counter() - started
        print(
            f"run {run}: {args.municipalities} municipalities, {pages} pages, "
            f"{len(buffer.getvalue()) / 1024:.0f} KiB in {elapsed:.2f} s (target <= 5 s)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
