"""Benchmark of the encrypted case file (not a test: it prints figures, it asserts nothing).

Builds a large case file (default 10,000 clients and 100,000 appointments) through the real
interchange import and reports, in one run:
- unlock time (Argon2id key derivation + SQLCipher keying + schema check),
- bulk import time,
- ``stats`` time for one year and for one quarter, on the encrypted file and on a plain
  SQLite copy of the same data, with the encrypted/plain ratio,
- export time.

    .venv/bin/python benchmarks/bench_casefile.py [--clients 10000] [--appointments 100000]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import create_engine

from kim_desktop.core import interchange
from kim_desktop.core.casefile.rawfile import connect_raw, derive_key, read_salt
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.figures import indicators
from kim_desktop.core.figures import stats as figure_stats
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.interchange.demo import demo_document

PASSPHRASE = "benchmark passphrase, long enough"


def timed(action: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Median wall time of ``repeat`` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def sized_document(clients: int, appointments: int, today: dt.date) -> dict[str, Any]:
    """A demo document with exactly ``appointments`` appointments (extra ones trimmed,
    missing ones added as other work) for about ``clients`` clients."""
    density = 1.0
    document = demo_document(seed=7, clients=clients, today=today, density=density)
    # Scale the per-case appointment density until we are close, then trim.
    while len(document["appointments"]) < appointments and density < 16:
        density *= max(1.1, appointments / max(1, len(document["appointments"])))
        document = demo_document(seed=7, clients=clients, today=today, density=density)
    kept = document["appointments"]
    if len(kept) > appointments:
        # Drop other-work appointments first, then the newest counselling ones.
        other = [a for a in kept if a["kind"] == "other_work"]
        counselling = [a for a in kept if a["kind"] != "other_work"]
        surplus = len(kept) - appointments
        drop_other = min(surplus, len(other))
        other = other[drop_other:]
        counselling.sort(key=lambda a: a["date"])
        counselling = counselling[: len(counselling) - (surplus - drop_other)]
        kept = counselling + other
    document["appointments"] = kept
    return document


def plain_copy(casefile: CaseFile, target: Path) -> None:
    """Decrypt the case file into a plain SQLite file with ``sqlcipher_export``."""
    # A keyed connection of its own: the case file's doors do not attach other databases.
    key = derive_key(PASSPHRASE, read_salt(casefile.path))
    with contextlib.closing(connect_raw(casefile.path, key)) as raw:
        raw.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target),))
        raw.execute("SELECT sqlcipher_export('plain')")
        raw.execute("DETACH DATABASE plain")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--appointments", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5, help="runs per stats timing")
    args = parser.parse_args()

    today = dt.date(2025, 12, 31)
    year = parse_period("2025")
    quarter = parse_period("2025-Q4")
    results: dict[str, Any] = {}

    with tempfile.TemporaryDirectory(prefix="kim-bench-") as folder:
        work = Path(folder)
        started = time.perf_counter()
        document = sized_document(args.clients, args.appointments, today)
        results["generate_s"] = time.perf_counter() - started
        results["clients"] = len(document["clients"])
        results["appointments"] = len(document["appointments"])
        results["cases"] = len(document["cases"])
        json_path = work / "large.json"
        json_path.write_text(json.dumps(document), "utf-8")
        results["json_mib"] = json_path.stat().st_size / 2**20

        path = work / "large.kim"
        CaseFile.create(path, PASSPHRASE, role="casemanager", owner="Benchmark").close()

        with CaseFile.open(path, PASSPHRASE) as casefile:
            results["import_s"], _ = timed(lambda: interchange.import_file(casefile, json_path))
        results["file_mib"] = path.stat().st_size / 2**20

        results["unlock_s"], casefile = timed(lambda: CaseFile.open(path, PASSPHRASE))
        with casefile:
            plain = work / "plain.sqlite"
            plain_copy(casefile, plain)

            def encrypted_stats(period: Any) -> Callable[[], Any]:
                return lambda: figure_stats.for_casefile(casefile, period)

            results["stats_year_cold_s"], figures = timed(encrypted_stats(year))
            results["stats_year_s"], _ = timed(encrypted_stats(year), args.repeat)
            results["stats_quarter_s"], _ = timed(encrypted_stats(quarter), args.repeat)
            results["year_appointments"] = figures["appointments"]["total"]
            results["export_s"], _ = timed(
                lambda: interchange.export_file(casefile, work / "export.json")
            )

        engine = create_engine(f"sqlite:///{plain}", module=sqlcipher3.dbapi2)

        def plain_stats(period: Any) -> Callable[[], Any]:
            def run() -> Any:
                with engine.connect() as conn:
                    return indicators.compute_indicators(conn, period)

            return run

        results["plain_stats_year_cold_s"], plain_figures = timed(plain_stats(year))
        results["plain_stats_year_s"], _ = timed(plain_stats(year), args.repeat)
        results["plain_stats_quarter_s"], _ = timed(plain_stats(quarter), args.repeat)
        engine.dispose()
        if plain_figures["appointments"] != figures["appointments"]:
            print("warning: plain and encrypted figures differ", file=sys.stderr)

    results["ratio_year"] = results["stats_year_s"] / results["plain_stats_year_s"]
    results["ratio_quarter"] = results["stats_quarter_s"] / results["plain_stats_quarter_s"]
    print(f"KIM Desktop case-file benchmark ({dt.datetime.now():%Y-%m-%d %H:%M})")
    print(
        f"  data: {results['clients']:,} clients, {results['cases']:,} cases, "
        f"{results['appointments']:,} appointments ({results['year_appointments']:,} in 2025); "
        f"JSON {results['json_mib']:.1f} MiB, case file {results['file_mib']:.1f} MiB"
    )
    rows = [
        ("unlock (Argon2id + key check + schema)", "unlock_s", "<= 1 s"),
        ("import-json of the whole file", "import_s", "<= 60 s"),
        ("stats, year, encrypted, first run", "stats_year_cold_s", ""),
        ("stats, year, encrypted (median)", "stats_year_s", "<= 0.5 s"),
        ("stats, quarter, encrypted (median)", "stats_quarter_s", ""),
        ("stats, year, plain SQLite, first run", "plain_stats_year_cold_s", ""),
        ("stats, year, plain SQLite (median)", "plain_stats_year_s", ""),
        ("stats, quarter, plain SQLite (median)", "plain_stats_quarter_s", ""),
        ("export-json of the whole file", "export_s", ""),
    ]
    for label, key, target in rows:
        print(f"  {label:<42} {results[key]:8.3f} s   {target}")
    print(f"  {'encrypted/plain ratio, year':<42} {results['ratio_year']:8.2f}     <= 1.5")
    print(f"  {'encrypted/plain ratio, quarter':<42} {results['ratio_quarter']:8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
