"""Benchmark of the case-work use cases on a large file (not a test: it prints figures).

Builds a case file from ``demo_document(seed=3, clients=10000)`` through the real interchange
import, then times what the case manager's window does most:
- ``count_cases`` + the first page of ``list_cases`` with a text filter (target <= 50 ms
  together), for a frequent, a rare and an accent-folded search text, and without a filter;
- ``get_case`` for the case with the most records (target <= 200 ms);
- ``find_clients``, ``list_appointments`` for a week and ``overview``.

    .venv/bin/python benchmarks/bench_casework.py [--clients 10000] [--repeat 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from kim_desktop.core import casework, interchange
from kim_desktop.core.casefile.models import Appointment
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.interchange.demo import demo_document

PASSPHRASE = "benchmark passphrase, long enough"
TODAY = dt.date(2025, 12, 31)


def timed(action: Callable[[], Any], repeat: int) -> tuple[float, float, float, Any]:
    """First-run, median and worst wall time of ``repeat`` runs (seconds), and a result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return times[0], statistics.median(times), max(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kim-bench-casework-") as folder:
        path = Path(folder) / "large.kim"
        document = demo_document(seed=3, clients=args.clients, today=TODAY)
        started = time.perf_counter()
        with CaseFile.create(path, PASSPHRASE, role="casemanager", owner="Benchmark") as cf:
            interchange.import_document(cf, document, "benchmark")
        import_s = time.perf_counter() - started

        with CaseFile.open(path, PASSPHRASE) as cf:
            print(f"KIM Desktop case-work benchmark ({dt.datetime.now():%Y-%m-%d %H:%M})")
            print(
                f"  data: {len(document['clients']):,} clients, {len(document['cases']):,} "
                f"cases, {len(document['appointments']):,} appointments; import {import_s:.1f} s"
            )
            print(f"  {'operation':<58} {'first':>8} {'median':>8} {'worst':>8}  target")

            def show(label: str, figures: tuple[float, float, float, Any], target: str) -> None:
                first, median, worst, _ = figures
                print(
                    f"  {label:<58} {first * 1000:6.1f}ms {median * 1000:6.1f}ms "
                    f"{worst * 1000:6.1f}ms  {target}"
                )

            searches = {
                "frequent text 'an'": "an",
                "family name 'Kovalenko'": "Kovalenko",
                "accent-folded 'ozturk'": "ozturk",
                "no match 'qqq'": "qqq",
            }
            for label, text in searches.items():
                case_filter = casework.CaseFilter(text=text)

                def count_and_page(case_filter: casework.CaseFilter = case_filter) -> int:
                    total = casework.count_cases(cf, case_filter)
                    casework.list_cases(cf, case_filter, limit=200)
                    return total

                figures = timed(count_and_page, args.repeat)
                show(f"count + page 1, {label} ({figures[3]:,} cases)", figures, "<= 50 ms")

            open_filter = casework.CaseFilter(state="open")
            show(
                "count + page 1, open cases, sorted by name",
                timed(
                    lambda: (
                        casework.count_cases(cf, open_filter),
                        casework.list_cases(cf, open_filter, sort="primary_name"),
                    ),
                    args.repeat,
                ),
                "",
            )
            show(
                "count + page 1, no filter",
                timed(
                    lambda: (
                        casework.count_cases(cf, casework.CaseFilter()),
                        casework.list_cases(cf, casework.CaseFilter()),
                    ),
                    args.repeat,
                ),
                "",
            )

            with cf.reading() as conn:
                busiest = conn.execute(
                    select(Appointment.case_id, func.count())
                    .where(Appointment.case_id.is_not(None))
                    .group_by(Appointment.case_id)
                    .order_by(func.count().desc())
                    .limit(1)
                ).one()
            figures = timed(lambda: casework.get_case(cf, busiest[0]), args.repeat)
            detail = figures[3]
            show(
                f"get_case, busiest case ({len(detail.appointments)} appointments, "
                f"{len(detail.timeline)} timeline entries)",
                figures,
                "<= 200 ms",
            )
            show("find_clients 'an'", timed(lambda: casework.find_clients(cf, "an"), 5), "")
            monday = TODAY - dt.timedelta(days=TODAY.weekday())
            show(
                "list_appointments, one week",
                timed(
                    lambda: casework.list_appointments(cf, monday, monday + dt.timedelta(days=6)),
                    5,
                ),
                "",
            )
            show("overview", timed(lambda: casework.overview(cf, TODAY), 5), "")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
