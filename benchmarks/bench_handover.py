"""Benchmark of the figures of moved cases (not a test: it prints figures, it asserts nothing).

Builds a case file of 10,000 clients and 100,000 appointments (``sized_document`` of
bench_casefile.py) through the real interchange import, then times ``kim stats`` (the
figures of a year, a quarter and a week, whole file and one municipality) before any case
moved, and again after marking cases handed over and others received (``--moved`` of each,
as ``kim handover export`` and ``import`` mark them): the figures then leave out the cases
another file counts for the period (core/figures/holder.py).

    .venv/bin/python benchmarks/bench_handover.py [--clients 10000] [--appointments 100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from kim_desktop.core import interchange
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.figures import stats
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.sync import handover, handover_import

sys.path.insert(0, str(Path(__file__).parent))
from bench_casefile import PASSPHRASE, sized_document

TODAY = dt.date(2025, 12, 31)
HANDOVER_DAY = dt.date(2025, 6, 15)
PERIODS = ("2025", "2025-Q2", "2025-06-09..2025-06-15")


def median_seconds(cf: CaseFile, label: str, municipality: str | None, runs: int = 5) -> float:
    period = parse_period(label)
    stats.for_casefile(cf, period, municipality)  # warm
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        stats.for_casefile(cf, period, municipality)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--appointments", type=int, default=100_000)
    parser.add_argument("--moved", type=int, default=500, help="cases handed over, and received")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kim-bench-handover-") as folder:
        path = Path(folder) / "large.kim"
        document = sized_document(args.clients, args.appointments, TODAY)
        with CaseFile.create(path, PASSPHRASE, role="casemanager", owner="Benchmark") as cf:
            interchange.import_document(cf, document, "benchmark")
        print(f"KIM Desktop handover figures benchmark ({dt.datetime.now():%Y-%m-%d %H:%M})")
        print(
            f"  data: {len(document['clients']):,} clients, {len(document['cases']):,} cases, "
            f"{len(document['appointments']):,} appointments"
        )
        with CaseFile.open(path, PASSPHRASE) as cf:
            with cf.reading() as conn:
                municipality = conn.execute(
                    text("SELECT municipality FROM cases GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
                ).scalar_one()
                ids = list(
                    conn.execute(
                        text("SELECT id FROM cases ORDER BY id LIMIT :n"), {"n": 2 * args.moved}
                    ).scalars()
                )
            scopes = [(label, scope) for label in PERIODS for scope in (None, municipality)]
            before = {scope: median_seconds(cf, *scope) for scope in scopes}
            handover.mark_handed_over(
                cf, ids[: args.moved], "0" * 32, "Kollegin", HANDOVER_DAY, "bench"
            )
            with cf.transaction() as session:
                handover_import.count_from(session, ids[args.moved :], HANDOVER_DAY)
            after = {scope: median_seconds(cf, *scope) for scope in scopes}
        print(
            f"  kim stats, median of 5 (s): no case moved vs. {args.moved:,} handed over"
            f" and {args.moved:,} received on {HANDOVER_DAY}"
        )
        for label, scope in scopes:
            name = f"{label}, {scope or 'whole file'}"
            print(
                f"  {name:<40} {before[(label, scope)]:7.3f} {after[(label, scope)]:7.3f}"
                f"  x{after[(label, scope)] / before[(label, scope)]:.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
