"""Benchmark of erasure on a large file (not a test: it prints figures, it asserts nothing).

Builds a case file of 10,000 clients and 100,000 appointments (``sized_document`` of
bench_casefile.py) through the real interchange import, then times, each on the same file:
- planning and erasing the case opened earliest (the most ended periods to keep), split into
  the erasing transaction (figures before and after, residue) and the rewrite of the file;
- erasing one client of a shared case;
- ``kim stats`` for a year with a residue compared with the same year before any erasure;
- planning and erasing everything due with a retention of one year (``--due``).

    .venv/bin/python benchmarks/bench_erasure.py [--clients 10000] [--appointments 100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import text

from kim_desktop.core import interchange
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework import erasure as plans
from kim_desktop.core.casework import list_retention
from kim_desktop.core.figures import stats
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.sync import erasure

sys.path.insert(0, str(Path(__file__).parent))
from bench_casefile import PASSPHRASE, sized_document

TODAY = dt.date(2025, 12, 31)
ERASED_ON = dt.date(2026, 11, 30)


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--appointments", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kim-bench-erasure-") as folder:
        path = Path(folder) / "large.kim"
        document = sized_document(args.clients, args.appointments, TODAY)
        with CaseFile.create(path, PASSPHRASE, role="casemanager", owner="Benchmark") as cf:
            import_s, _ = timed(lambda: interchange.import_document(cf, document, "benchmark"))
        size_mib = path.stat().st_size / 2**20
        print(f"KIM Desktop erasure benchmark ({dt.datetime.now():%Y-%m-%d %H:%M})")
        print(
            f"  data: {len(document['clients']):,} clients, {len(document['cases']):,} cases, "
            f"{len(document['appointments']):,} appointments; import {import_s:.1f} s, "
            f"{size_mib:.1f} MiB"
        )
        with CaseFile.open(path, PASSPHRASE) as cf:
            with cf.reading() as conn:
                oldest = conn.execute(
                    text("SELECT id FROM cases ORDER BY opened_on, id LIMIT 1")
                ).scalar_one()
                shared = conn.execute(
                    text(
                        "SELECT m.client_id FROM case_members m WHERE m.role != 'primary' AND"
                        " (SELECT count(*) FROM case_members o WHERE o.client_id = m.client_id)"
                        " = 1 ORDER BY m.client_id LIMIT 1"
                    )
                ).scalar_one()
            year = parse_period(str(TODAY.year - 1))
            stats.for_casefile(cf, year)  # warm, as the second measurement will be
            stats_before_s, _ = timed(lambda: stats.for_casefile(cf, year))

            plan_s, plan = timed(lambda: erasure.plan_case(cf, oldest))
            rewrite_times: list[float] = []
            original_rewrite = cf.rewrite

            def timed_rewrite() -> None:
                spent, _ = timed(original_rewrite)
                rewrite_times.append(spent)

            cf.rewrite = timed_rewrite  # type: ignore[method-assign]
            erase_s, result = timed(lambda: erasure.erase(cf, plan, today=ERASED_ON))
            print(f"  {'operation':<62} {'seconds':>8}")
            print(f"  {'plan the erasure of the oldest case':<62} {plan_s:8.3f}")
            scopes = len(plan.municipalities) + 1
            label = f"erase it ({result.periods_kept} ended periods x {scopes} scopes kept)"
            print(f"  {label:<62} {erase_s - rewrite_times[-1]:8.3f}")
            print(f"  {'  then rewrite the file':<62} {rewrite_times[-1]:8.3f}")
            client_s, client_result = timed(
                lambda: erasure.erase(cf, erasure.plan_client(cf, shared), today=ERASED_ON)
            )
            label = f"erase one client of a shared case ({client_result.periods_kept} periods)"
            print(f"  {label:<62} {client_s - rewrite_times[-1]:8.3f}")
            print(f"  {'  then rewrite the file':<62} {rewrite_times[-1]:8.3f}")
            stats_after_s, _ = timed(lambda: stats.for_casefile(cf, year))
            print(f"  {f'kim stats {year.label}, no residue (before)':<62} {stats_before_s:8.3f}")
            print(f"  {f'kim stats {year.label}, with residue (after)':<62} {stats_after_s:8.3f}")

            due = list_retention(cf, ERASED_ON, 1, soon_days=0).due
            due_plan_s, due_plan = timed(
                lambda: plans.plan(
                    cf,
                    plans.DUE,
                    [item.id for item in due if item.kind == "case"],
                    [item.id for item in due if item.kind == "client"],
                )
            )
            counts = due_plan.counts()
            print(
                f"  {'plan everything due after 1 year':<62} {due_plan_s:8.3f}"
                f"   ({counts['cases']:,} cases, {counts['clients']:,} clients, "
                f"{counts['appointments']:,} appointments)"
            )
            due_s, due_result = timed(lambda: erasure.erase(cf, due_plan, today=ERASED_ON))
            print(
                f"  {f'erase them ({due_result.periods_kept} periods)':<62} "
                f"{due_s - rewrite_times[-1]:8.3f}"
            )
            print(f"  {'  then rewrite the file':<62} {rewrite_times[-1]:8.3f}")
        print(f"  file after: {path.stat().st_size / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
