"""Benchmark of sync bundles (not a test: it prints figures).

One coordination office receives 700 bundles — the whole state's case managers for a
quarter — each a real payload (five municipalities) sealed by its own sender key. Reports
the time to export one bundle, to import all 700 (verify, decrypt, check, write; target
<= 30 s) and to compute the district figures over them.

    .venv/bin/python benchmarks/bench_bundles.py [--bundles 700]
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundles", type=int, default=700)
    args = parser.parse_args()
    period = parse_period("2025-Q3")
    with tempfile.TemporaryDirectory(prefix="kim-bench-bundles-") as name:
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
        with CaseFile.create(
            folder / "cm.kim", PASSPHRASE, role="casemanager", owner="CM"
        ) as manager:
            interchange.import_document(
                manager, demo_document(seed=5, clients=300, today=dt.date(2025, 12, 31)), "demo"
            )
            district.import_config(manager, folder / "rsk.kimdistrict")
            started = time.perf_counter()
            outbox.export_bundle(manager, period, folder / "one.kimbundle")
            export_s = time.perf_counter() - started
            payload = outbox.preview(manager, period)
        assert recipient is not None
        paths = []
        for index in range(args.bundles):
            signing = Ed25519PrivateKey.generate()
            public = signing.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
            header = wire.new_header(
                "casemanager",
                public,
                recipient,
                "Rhein-Sieg-Kreis",
                payload["period"],
                1,
                created="2025-12-31T12:00:00+00:00",
            )
            path = folder / f"b{index:04d}.kimbundle"
            path.write_bytes(wire.seal(header, payload, signing, recipient))
            paths.append(path)
        size_kib = paths[0].stat().st_size / 1024
        with CaseFile.open(folder / "office.kim", PASSPHRASE) as office:
            started = time.perf_counter()
            report = inbox.import_bundles(office, paths, trust_new_senders=True)
            import_s = time.perf_counter() - started
            assert not report.rejected, report.rejected[:1]
            started = time.perf_counter()
            figures = figure_stats.for_casefile(office, period)
            stats_s = time.perf_counter() - started
    print(f"KIM Desktop bundle benchmark ({dt.datetime.now():%Y-%m-%d %H:%M})")
    print(f"  one bundle: {len(payload['municipalities'])} municipalities, {size_kib:.1f} KiB")
    print(f"  export one bundle (figures, suppression, check, seal)   {export_s:7.3f} s")
    print(
        f"  import {args.bundles} bundles (verify, decrypt, write)          {import_s:7.3f} s"
        "   (<= 30 s)"
    )
    print(f"  district figures over {args.bundles} bundles                   {stats_s:7.3f} s")
    print(f"  district appointments in {period.label}: {figures['appointments']['total']:,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
