"""Benchmark of a district's bundle archive (not a test: it prints figures).

One coordination office over four years: 30 case managers, each sending the bundle of every
quarter and every year 2022-2025 (20 periods), and 100 of those bundles sent again as a second
revision (a corrected quarter) — 700 bundles. The payloads are real (three demo case files,
five municipalities, each period previewed), each sender seals with its own key. Times the
import of all 700 through ``inbox.import_files`` (read, verify, decrypt, strict validation,
write; target <= 5 s) and the district figures of one quarter and one year
(``stats.for_casefile``; target <= 0.2 s). The setup reuses bench_bundles.py's.

    .venv/bin/python benchmarks/bench_district_import.py [--senders 30] [--revisions 100]
        [--profile OUT.prof]
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import tempfile
import time
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kim_desktop.core import interchange
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.figures import stats as figure_stats
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.interchange.demo import MUNICIPALITIES, demo_document
from kim_desktop.core.sync import district, inbox, outbox, wire
from kim_desktop.core.sync.keys import own_keys

PASSPHRASE = "benchmark passphrase, long enough"
YEARS = (2022, 2023, 2024, 2025)
PERIODS = [f"{year}-Q{q}" for year in YEARS for q in (1, 2, 3, 4)] + [str(y) for y in YEARS]


def payloads(folder: Path, config: Path, seeds: tuple[int, ...]) -> list[dict[str, Any]]:
    """Per demo case file, the payload of every period (index: seed, then period)."""
    result: list[dict[str, Any]] = []
    for seed in seeds:
        with CaseFile.create(
            folder / f"cm{seed}.kim", PASSPHRASE, role="casemanager", owner=f"CM {seed}"
        ) as manager:
            interchange.import_document(
                manager, demo_document(seed=seed, clients=120, today=dt.date(2025, 12, 31)), "demo"
            )
            district.import_config(manager, config)
            result.extend(outbox.preview(manager, parse_period(p)) for p in PERIODS)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--senders", type=int, default=30)
    parser.add_argument("--revisions", type=int, default=100)
    parser.add_argument("--profile", metavar="OUT.prof", help="write a cProfile of the import")
    args = parser.parse_args()
    seeds = (11, 12, 13)
    with tempfile.TemporaryDirectory(prefix="kim-bench-district-") as name:
        folder = Path(name)
        with CaseFile.create(
            folder / "office.kim",
            PASSPHRASE,
            role="coordinator",
            owner="Koordination",
            district="Rhein-Sieg-Kreis",
        ) as office:
            district.export_config(office, folder / "rsk.kimdistrict", list(MUNICIPALITIES))
            recipient = own_keys(office).encryption_public
        assert recipient is not None
        started = time.perf_counter()
        previews = payloads(folder, folder / "rsk.kimdistrict", seeds)
        paths: list[Path] = []
        keys = [Ed25519PrivateKey.generate() for _ in range(args.senders)]

        def seal(sender: int, period_index: int, revision: int) -> None:
            signing = keys[sender]
            public = signing.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
            payload = previews[(sender % len(seeds)) * len(PERIODS) + period_index]
            header = wire.new_header(
                "casemanager",
                public,
                recipient,
                "Rhein-Sieg-Kreis",
                payload["period"],
                revision,
                created="2025-12-31T12:00:00+00:00",
            )
            path = folder / f"s{sender:02d}-p{period_index:02d}-r{revision}.kimbundle"
            path.write_bytes(wire.seal(header, payload, signing, recipient))
            paths.append(path)

        for sender in range(args.senders):
            for period_index in range(len(PERIODS)):
                seal(sender, period_index, 1)
        # Corrections arrive after the first revisions, each for another sender and period.
        pairs = [(s, p) for p in range(len(PERIODS)) for s in range(args.senders)]
        for index in range(min(args.revisions, len(pairs))):
            seal(*pairs[index * len(pairs) // args.revisions], 2)
        setup_s = time.perf_counter() - started
        with CaseFile.open(folder / "office.kim", PASSPHRASE) as office:
            profiler = cProfile.Profile() if args.profile else None
            started, cpu_started = time.perf_counter(), time.process_time()
            if profiler is not None:
                profiler.enable()
            outcomes = list(inbox.import_files(office, paths, trust_new_senders=True))
            if profiler is not None:
                profiler.disable()
                profiler.dump_stats(args.profile)
            import_s = time.perf_counter() - started
            # CPU time apart: on a shared machine the wall time also holds waiting for a core
            # and for the disk (each bundle's commit is synced to disk, synchronous = FULL).
            import_cpu_s = time.process_time() - cpu_started
            statuses = {o.status for o in outcomes}
            assert statuses == {inbox.Status.IMPORTED, inbox.Status.SUPERSEDED}, statuses
            timings = {}
            for label in ("2025-Q3", "2025"):
                started = time.perf_counter()
                figures = figure_stats.for_casefile(office, parse_period(label))
                timings[label] = (time.perf_counter() - started, figures)
    print(f"KIM Desktop district bundle archive benchmark ({dt.datetime.now():%Y-%m-%d %H:%M})")
    print(
        f"  {len(paths)} bundles: {args.senders} senders x {len(PERIODS)} periods "
        f"+ {args.revisions} second revisions (setup {setup_s:.0f} s)"
    )
    print(
        f"  import {len(paths)} bundles (read, verify, validate, write)"
        f"   {import_s:7.3f} s   (<= 5 s; CPU {import_cpu_s:.3f} s)"
    )
    for label, (seconds, figures) in timings.items():
        coverage = figures.get("coverage", {})
        print(
            f"  district figures {label:<8} ({coverage.get('bundles', '?')} bundles)"
            f"             {seconds:7.3f} s   (<= 0.2 s)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
