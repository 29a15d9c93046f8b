"""Benchmark of the documents people sign and the case sheet (not a test: it prints figures).

For the household with the most goals in a demo case file: the consent form (with two
named recipients), the goal agreement and the Art. 15 copy in German alone and beside each
built-in language, and the pseudonymised case sheet; per document and language the pages,
the PDF's size and the median time to lay it out and write it (fonts registered before the
first timing, as in a running program).

    .venv/bin/python benchmarks/bench_documents.py [--runs 3] [--clients 200]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kim_desktop.core import casework, interchange
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.documents import access_copy, case_sheet, document_data
from kim_desktop.core.interchange.demo import demo_document
from kim_desktop.core.interchange.demo_steps import add_demo_steps
from kim_desktop.reports import fonts
from kim_desktop.reports.access_copy import build_access_copy
from kim_desktop.reports.case_sheet import build_case_sheet
from kim_desktop.reports.consent import available_languages, build_consent_form
from kim_desktop.reports.goal_agreement import build_goal_agreement

PASSPHRASE = "benchmark passphrase of some length"
ISSUED = dt.date(2026, 12, 1)


def measure(build: Callable[[io.BytesIO], int], runs: int) -> tuple[int, int, float]:
    """Pages, bytes and the median seconds of ``runs`` builds."""
    times: list[float] = []
    pages = size = 0
    for _ in range(runs):
        buffer = io.BytesIO()
        start = time.perf_counter()
        pages = build(buffer)
        times.append(time.perf_counter() - start)
        size = len(buffer.getvalue())
    return pages, size, statistics.median(times)


def row(name: str, language: str, pages: int, size: int, seconds: float) -> None:
    print(f"{name:<16} {language:<8} {pages:>5} {size / 1024:>7.1f} {seconds:>8.3f}")


def richest_case(casefile: CaseFile) -> casework.CaseDetail:
    rows = casework.list_cases(casefile, casework.CaseFilter(), limit=1000)
    details = [casework.get_case(casefile, row.id) for row in rows]
    return max(
        details,
        key=lambda d: (sum(len(g.steps) for g in d.goals), len(d.goals), len(d.members)),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--clients", type=int, default=200)
    args = parser.parse_args()
    fonts.register()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.kim"
        with CaseFile.create(path, PASSPHRASE, role="casemanager", owner="Bench") as casefile:
            document = demo_document(clients=args.clients, today=ISSUED)
            interchange.import_document(casefile, document, "demo")
            add_demo_steps(casefile, document, 1)  # as `kim demo` does
            case = richest_case(casefile)
            client_id = case.members[0].client.id
            assert client_id is not None
            print(
                f"case with {len(case.members)} persons, {len(case.goals)} goals, "
                f"{sum(len(g.steps) for g in case.goals)} agreed steps, "
                f"{len(case.referrals)} referrals; {args.runs} runs each, median"
            )
            print(f"{'document':<16} {'language':<8} {'pages':>5} {'KiB':>7} {'seconds':>8}")
            copy = access_copy.access_copy(casefile, client_id, ISSUED)
            agreement = document_data.goal_agreement_data(casefile, case.id, ISSUED)
            sheet = case_sheet.case_sheet(casefile, case.id, ISSUED)
            for language in available_languages():
                consent = document_data.consent_data(
                    casefile,
                    client_id,
                    casework.CASE_DOCUMENTATION,
                    [
                        ("job_centre", "Jobcenter Kreis Wesel, Moers"),
                        ("foreigners_authority", None),
                    ],
                    language,
                    ISSUED,
                )
                builds: dict[str, Callable[[io.BytesIO], int]] = {
                    "consent form": lambda out, data=consent: build_consent_form(data, out),
                    "goal agreement": lambda out, lang=language: build_goal_agreement(
                        agreement, out, language=lang
                    ),
                    "Art. 15 copy": lambda out, lang=language: build_access_copy(
                        copy.data, out, language=lang
                    ),
                }
                for name, build in builds.items():
                    pages, size, seconds = measure(build, args.runs)
                    print(
                        f"{name:<16} {language:<8} {pages:>5} {size / 1024:>7.1f} {seconds:>8.3f}"
                    )
            pages, size, seconds = measure(lambda out: build_case_sheet(sheet, out), args.runs)
            print(f"{'case sheet':<16} {'de':<8} {pages:>5} {size / 1024:>7.1f} {seconds:>8.3f}")


if __name__ == "__main__":
    main()
