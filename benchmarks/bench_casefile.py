"""Benchmark of the encrypted case file (not a test: it prints figures, it asserts nothing).

Builds a large case file through the real demo generator and interchange import and reports,
per scale:
- unlock time (Argon2id key derivation + SQLCipher keying + schema check; median),
- bulk import time (of the build; a cached build reports the time it took then),
- ``stats`` time for one year and for one quarter, on the encrypted file and on a plain
  SQLite copy of the same data (runs interleaved), with the encrypted/plain ratio,
- the case-list search per keystroke: ``casework.count_cases`` + the first page of
  ``casework.list_cases`` with a text filter, as ``bench_casework.py`` does it (median per
  text, and the worst of those medians),
- the client register's search per keystroke: ``casework.count_clients`` + the first page
  of ``casework.list_clients`` (as the register view asks for them) for the same texts,
- export time (unless ``--skip-export``).

Scales: ``100k`` = 10,000 clients and 100,000 appointments (the default), ``1m`` = 100,000
clients and 1,000,000 appointments (building that takes a few minutes). With several scales
a last table shows how each figure grows. Built files are kept in ``--cache-dir`` (default
``<temp>/kim-bench-cache``, keyed by size and the generator's source) and copied before use,
so the next run starts at once; ``--no-cache`` builds afresh in a temporary folder.

    .venv/bin/python benchmarks/bench_casefile.py [--scale 100k] [--scale 1m] [--repeat 7]
    .venv/bin/python benchmarks/bench_casefile.py --clients 2000 --appointments 20000
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import inspect
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import sqlcipher3
from sqlalchemy import create_engine

from kim_desktop.core import casework, interchange
from kim_desktop.core.casefile.rawfile import connect_raw, derive_key, read_salt
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.figures import indicators
from kim_desktop.core.figures import stats as figure_stats
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.interchange import demo

PASSPHRASE = "benchmark passphrase, long enough"
TODAY = dt.date(2025, 12, 31)
SCALES = {"100k": (10_000, 100_000), "1m": (100_000, 1_000_000)}
# What the case manager types into the case list's search field (bench_casework.py's texts,
# plus a single letter and a Cyrillic needle, which stays non-ASCII when folded).
SEARCHES = {
    "'a'": "a",
    "'an'": "an",
    "'Kovalenko'": "Kovalenko",
    "'ozturk'": "ozturk",
    "'Оле'": "Оле",
    "'qqq'": "qqq",
}


class Timing(NamedTuple):
    wall: float  # median wall time, seconds
    cpu: float  # median CPU time of this process, seconds (steadier on a shared machine)
    result: Any  # of the last run


def timed(action: Callable[[], Any], repeat: int = 1) -> Timing:
    """Medians of ``repeat`` runs, and the last result."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = action()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu_started)
    return Timing(statistics.median(walls), statistics.median(cpus), result)


def timed_pair(
    first: Callable[[], Any], second: Callable[[], Any], repeat: int
) -> tuple[Timing, Timing]:
    """Medians of two actions run alternately, so load from elsewhere hits both alike."""
    runs: tuple[list[Timing], list[Timing]] = ([], [])
    for _ in range(repeat):
        for action, spent in ((first, runs[0]), (second, runs[1])):
            spent.append(timed(action))

    def median(timings: list[Timing]) -> Timing:
        return Timing(
            statistics.median(t.wall for t in timings),
            statistics.median(t.cpu for t in timings),
            None,
        )

    return median(runs[0]), median(runs[1])


def record(results: dict[str, Any], key: str, timing: Timing) -> Any:
    """Store the wall time under ``key`` and the CPU time under ``key_cpu``."""
    results[key] = timing.wall
    results[f"{key}_cpu"] = timing.cpu
    return timing.result


def sized_document(clients: int, appointments: int, today: dt.date) -> dict[str, Any]:
    """A demo document with exactly ``appointments`` appointments (extra ones trimmed,
    missing ones added as other work) for about ``clients`` clients."""
    density = 1.0
    document = demo.demo_document(seed=7, clients=clients, today=today, density=density)
    # Scale the per-case appointment density until we are close, then trim.
    while len(document["appointments"]) < appointments and density < 16:
        density *= max(1.1, appointments / max(1, len(document["appointments"])))
        document = demo.demo_document(seed=7, clients=clients, today=today, density=density)
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


def build(clients: int, appointments: int, path: Path) -> dict[str, Any]:
    """Generate the document, write it as JSON and import it into a new case file at
    ``path`` with ``kim import-json``'s code; returns the facts of the build."""
    facts: dict[str, Any] = {}
    started = time.perf_counter()
    document = sized_document(clients, appointments, TODAY)
    facts["generate_s"] = time.perf_counter() - started
    facts["clients"] = len(document["clients"])
    facts["appointments"] = len(document["appointments"])
    facts["cases"] = len(document["cases"])
    json_path = path.with_suffix(".json")
    json_path.write_text(json.dumps(document), "utf-8")
    del document
    facts["json_mib"] = json_path.stat().st_size / 2**20
    CaseFile.create(path, PASSPHRASE, role="casemanager", owner="Benchmark").close()
    with CaseFile.open(path, PASSPHRASE) as casefile:
        record(facts, "import_s", timed(lambda: interchange.import_file(casefile, json_path)))
    json_path.unlink()
    return facts


def generator_fingerprint() -> str:
    """Changes whenever the generated data could: the demo generator (``demo*.py`` beside
    it, such as its name lists) or ``sized_document``."""
    digest = hashlib.sha256(inspect.getsource(sized_document).encode("utf-8"))
    for source in sorted(Path(demo.__file__).parent.glob("demo*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def casefile_for(clients: int, appointments: int, cache: Path | None, work: Path) -> Path:
    """A fresh copy of the built case file in ``work`` (built into the cache first if
    needed); the build's facts are in ``<copy>.build.json``."""
    target = work / f"large-{clients}-{appointments}.kim"
    facts_target = target.with_suffix(".build.json")
    if cache is None:
        print(f"  building {clients:,} clients / {appointments:,} appointments …", flush=True)
        facts = build(clients, appointments, target)
        facts_target.write_text(json.dumps(facts), "utf-8")
        return target
    cache.mkdir(mode=0o700, parents=True, exist_ok=True)
    cached = cache / f"casefile-{clients}c-{appointments}a-{generator_fingerprint()}.kim"
    cached_facts = cached.with_suffix(".build.json")
    if not cached_facts.exists():
        print(f"  building {cached} (once; later runs reuse it) …", flush=True)
        cached.unlink(missing_ok=True)
        facts = build(clients, appointments, cached)
        cached_facts.write_text(json.dumps(facts), "utf-8")
    shutil.copyfile(cached, target)
    os.chmod(target, 0o600)
    shutil.copyfile(cached_facts, facts_target)
    return target


def search_figures(casefile: CaseFile, repeat: int) -> dict[str, Timing]:
    """Median time of count + first page per search text (result: the cases found)."""
    figures: dict[str, Timing] = {}
    for label, text in SEARCHES.items():
        case_filter = casework.CaseFilter(text=text)

        def count_and_page(case_filter: casework.CaseFilter = case_filter) -> int:
            total = casework.count_cases(casefile, case_filter)
            casework.list_cases(casefile, case_filter, limit=200)
            return total

        figures[label] = timed(count_and_page, repeat)
    return figures


def register_figures(casefile: CaseFile, repeat: int) -> dict[str, Timing]:
    """Median time of the client register's count + first page per search text (result:
    the clients found)."""
    figures: dict[str, Timing] = {}
    for label, text in SEARCHES.items():
        client_filter = casework.ClientFilter(text=text)

        def count_and_page(client_filter: casework.ClientFilter = client_filter) -> int:
            total = casework.count_clients(casefile, client_filter)
            casework.list_clients(casefile, client_filter, limit=100)
            return total

        figures[label] = timed(count_and_page, repeat)
    return figures


def measure(path: Path, args: argparse.Namespace) -> dict[str, Any]:
    results: dict[str, Any] = json.loads(path.with_suffix(".build.json").read_text("utf-8"))
    year = parse_period("2025")
    quarter = parse_period("2025-Q4")
    results["file_mib"] = path.stat().st_size / 2**20

    # The first open upgrades the schema of a file built by older code.
    record(results, "first_open_s", timed(lambda: CaseFile.open(path, PASSPHRASE))).close()

    def unlock() -> None:
        CaseFile.open(path, PASSPHRASE).close()

    record(results, "unlock_s", timed(unlock, args.repeat))
    casefile = CaseFile.open(path, PASSPHRASE)
    plain = path.with_suffix(".plain.sqlite")
    with casefile:
        plain_copy(casefile, plain)
        engine = create_engine(f"sqlite:///{plain}", module=sqlcipher3.dbapi2)

        def encrypted_stats(period: Any) -> Callable[[], Any]:
            return lambda: figure_stats.for_casefile(casefile, period)

        def plain_stats(period: Any) -> Callable[[], Any]:
            def run() -> Any:
                with engine.connect() as conn:
                    return indicators.compute_indicators(conn, period)

            return run

        figures = record(results, "stats_year_cold_s", timed(encrypted_stats(year)))
        plain_figures = record(results, "plain_stats_year_cold_s", timed(plain_stats(year)))
        for name, period in (("year", year), ("quarter", quarter)):
            encrypted, plain_timing = timed_pair(
                encrypted_stats(period), plain_stats(period), args.repeat
            )
            record(results, f"stats_{name}_s", encrypted)
            record(results, f"plain_stats_{name}_s", plain_timing)
        results["year_appointments"] = figures["appointments"]["total"]
        engine.dispose()
        if plain_figures != figures:
            print("warning: plain and encrypted figures differ", file=sys.stderr)

        searches = search_figures(casefile, args.search_repeat)
        for label, timing in searches.items():
            results[f"search {label} found"] = record(results, f"search {label}_s", timing)
        results["search_worst_s"] = max(timing.wall for timing in searches.values())
        results["search_worst_s_cpu"] = max(timing.cpu for timing in searches.values())
        register = register_figures(casefile, args.search_repeat)
        for label, timing in register.items():
            results[f"register {label} found"] = record(results, f"register {label}_s", timing)
        results["register_worst_s"] = max(timing.wall for timing in register.values())
        results["register_worst_s_cpu"] = max(timing.cpu for timing in register.values())

        if not args.skip_export:
            record(
                results,
                "export_s",
                timed(lambda: interchange.export_file(casefile, path.with_suffix(".export.json"))),
            )
    results["ratio_year"] = results["stats_year_s"] / results["plain_stats_year_s"]
    results["ratio_quarter"] = results["stats_quarter_s"] / results["plain_stats_quarter_s"]
    return results


ROWS = (
    ("unlock (Argon2id + key check + schema, median)", "unlock_s", "<= 1 s"),
    ("first open (+ schema upgrade of a cached build)", "first_open_s", ""),
    ("import-json of the whole file (at build)", "import_s", "<= 60 s at 100k"),
    ("stats, year, encrypted, first run", "stats_year_cold_s", ""),
    ("stats, year, encrypted (median)", "stats_year_s", "<= 0.05 s at 100k, 0.5 s at 1M"),
    ("stats, quarter, encrypted (median)", "stats_quarter_s", ""),
    ("stats, year, plain SQLite, first run", "plain_stats_year_cold_s", ""),
    ("stats, year, plain SQLite (median)", "plain_stats_year_s", ""),
    ("stats, quarter, plain SQLite (median)", "plain_stats_quarter_s", ""),
    *((f"search {label}: count + page 1 (median)", f"search {label}_s", "") for label in SEARCHES),
    ("search per keystroke, worst of the medians", "search_worst_s", "<= 0.05 s"),
    *(
        (f"client register {label}: count + page 1 (median)", f"register {label}_s", "")
        for label in SEARCHES
    ),
    ("client register per keystroke, worst of the medians", "register_worst_s", "<= 0.05 s"),
    ("export-json of the whole file", "export_s", ""),
)


def report(scale: str, results: dict[str, Any]) -> None:
    print(
        f"  [{scale}] {results['clients']:,} clients, {results['cases']:,} cases, "
        f"{results['appointments']:,} appointments ({results['year_appointments']:,} in 2025); "
        f"JSON {results['json_mib']:.1f} MiB, case file {results['file_mib']:.1f} MiB"
    )
    print(f"  {'':<50} {'wall s':>8} {'cpu s':>8}   target")
    for label, key, target in ROWS:
        if key in results:
            found = results.get(key.removesuffix("_s") + " found")
            unit = "clients" if key.startswith("register") else "cases"
            note = f"  ({found:,} {unit})" if found is not None else ""
            cpu = results.get(f"{key}_cpu", float("nan"))
            print(f"  {label:<50} {results[key]:8.3f} {cpu:8.3f}   {target}{note}")
    for name in ("year", "quarter"):
        cpu_ratio = results[f"stats_{name}_s_cpu"] / results[f"plain_stats_{name}_s_cpu"]
        target = "<= 1.1" if name == "year" else ""
        print(
            f"  {'encrypted/plain ratio, ' + name:<50} {results[f'ratio_{name}']:8.2f}"
            f" {cpu_ratio:8.2f}   {target}"
        )


def report_growth(measured: dict[str, dict[str, Any]]) -> None:
    scales = list(measured)
    first, last = measured[scales[0]], measured[scales[-1]]
    print(f"  growth {scales[0]} → {scales[-1]}: wall seconds | CPU seconds")
    header = "".join(f"{scale:>10}" for scale in scales)
    print(f"  {'':<50}{header}  factor |{header}  factor")
    sizes = (("appointments", "appointments"), ("clients", "clients"), ("file MiB", "file_mib"))
    for label, key in sizes:
        values = "".join(f"{results[key]:10,.0f}" for results in measured.values())
        print(f"  {label:<50}{values}  {last[key] / first[key]:5.1f}x |")
    for label, key, _target in ROWS:
        columns = []
        for column in (key, f"{key}_cpu"):
            if all(column in results for results in measured.values()):
                values = "".join(f"{results[column]:10.3f}" for results in measured.values())
                factor = last[column] / first[column] if first[column] else float("nan")
                columns.append(f"{values}  {factor:5.1f}x")
        if columns:
            print(f"  {label:<50}{' |'.join(columns)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale",
        action="append",
        choices=sorted(SCALES),
        help="100k (default) or 1m; repeat the option for several scales and a growth table",
    )
    parser.add_argument("--clients", type=int, help="instead of a scale: this many clients")
    parser.add_argument("--appointments", type=int, help="… and this many appointments")
    parser.add_argument("--repeat", type=int, default=7, help="runs per unlock/stats timing")
    parser.add_argument("--search-repeat", type=int, default=20, help="runs per search text")
    parser.add_argument("--skip-export", action="store_true", help="do not time the export")
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "kim-bench-cache",
        help="where built case files are kept between runs",
    )
    parser.add_argument("--no-cache", action="store_true", help="build afresh, keep nothing")
    args = parser.parse_args()
    if args.clients or args.appointments:
        sizes = {"custom": (args.clients or 10_000, args.appointments or 100_000)}
    else:
        sizes = {scale: SCALES[scale] for scale in args.scale or ["100k"]}

    print(f"KIM Desktop case-file benchmark ({dt.datetime.now():%Y-%m-%d %H:%M})")
    measured: dict[str, dict[str, Any]] = {}
    for scale, (clients, appointments) in sizes.items():
        with tempfile.TemporaryDirectory(prefix="kim-bench-") as folder:
            cache = None if args.no_cache else args.cache_dir
            path = casefile_for(clients, appointments, cache, Path(folder))
            measured[scale] = measure(path, args)
        report(scale, measured[scale])
    if len(measured) > 1:
        report_growth(measured)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
