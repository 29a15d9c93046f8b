"""Commands that show or print figures and documents: stats, report, consent form, Art. 15
copy, goal agreement."""

from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path

from kim_desktop.cli.common import (
    PLAIN_DATA,
    AddCommand,
    issue_date,
    new_output,
    open_file,
    say,
    warn,
)
from kim_desktop.core.errors import EXIT_OK, UsageError

log = logging.getLogger("kim_desktop.cli")


def cmd_stats(args: argparse.Namespace) -> int:
    from kim_desktop.core.figures import stats as figure_stats
    from kim_desktop.core.figures.periods import parse_period
    from kim_desktop.core.figures.stats_text import format_table

    period = parse_period(args.period)
    with open_file(args.file) as casefile:
        started = time.perf_counter()
        figures = figure_stats.for_casefile(casefile, period, args.municipality)
        log.debug("stats computed in %.3f s", time.perf_counter() - started)
        owner = casefile.owner
    if args.format == "json":
        say(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        say(format_table(figures, owner=owner))
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from kim_desktop.core.documents import report_data
    from kim_desktop.core.figures.periods import parse_period
    from kim_desktop.reports.statistics import build_statistics_report

    period = parse_period(args.period)
    out = Path(args.out)
    if out.exists():
        raise UsageError(f"{out}: the file already exists; choose another name.")
    with open_file(args.file) as casefile:
        data = report_data.gather(casefile, period, issue_date())
    try:
        pages = build_statistics_report(data, out)
    except FileExistsError:
        raise UsageError(f"{out}: the file already exists; choose another name.") from None
    say(f"Statistics report for {period.german()} ({pages} pages) written to {out}.")
    return EXIT_OK


def cmd_consent_form(args: argparse.Namespace) -> int:
    from kim_desktop.core import casework
    from kim_desktop.core.casefile import document_texts
    from kim_desktop.core.documents import document_data
    from kim_desktop.reports.consent import build_consent_form

    if not document_texts.LANGUAGE.fullmatch(args.language):
        raise UsageError(f"--language: {args.language!r} is not a language code such as ar.")
    out = new_output(args.out)
    with open_file(args.file) as casefile:
        # a district may add languages: refused (exit 2) only once its texts are known
        texts = document_data.texts_in_force(casefile)
        document_data.check_language(texts, document_data.CONSENT_TEXTS, args.language)
        data = document_data.consent_data(
            casefile,
            args.client_id,
            casework.CASE_DOCUMENTATION,
            [document_data.parse_recipient(text) for text in args.recipient],
            args.language,
            issue_date(),
        )
    try:
        pages = build_consent_form(data, out, texts=texts)
    except FileExistsError:
        raise UsageError(f"{out}: the file already exists; choose another name.") from None
    say(f"Consent form ({pages} pages) written to {out}.")
    _warn_unconfigured(data.controller, data.dpo)
    unnamed = [r.code for r in data.recipients if r.organisation is None]
    if unnamed:
        warn(
            f"no organisation named for {', '.join(unnamed)} (give CODE=ORGANISATION or "
            "record a referral naming it); the form has a line to write it in."
        )
    return EXIT_OK


def _warn_unconfigured(controller: str | None, dpo: str | None) -> None:
    """Exit 0 all the same: the case manager fills in the marked line by hand rather than
    the client waiting for a district configuration."""
    missing = [
        name
        for name, value in (("controller", controller), ("data-protection officer", dpo))
        if not value
    ]
    if missing:
        warn(
            f"the district configuration names no {' and no '.join(missing)}; "
            "fill in the marked line of the PDF by hand before handing it over."
        )


def cmd_access_copy(args: argparse.Namespace) -> int:
    from kim_desktop.core.documents import access_copy, document_data, free_text
    from kim_desktop.reports.access_copy import write_copy

    pdf = new_output(args.out)
    json_out = new_output(args.json) if args.json else access_copy.json_name(pdf)
    if json_out.exists():
        raise UsageError(f"{json_out}: the file already exists; give --json another name.")
    with open_file(args.file) as casefile:
        texts = document_data.texts_in_force(casefile)
        document_data.check_language(texts, document_data.ACCESS_TEXTS, args.language)
        released = free_text.ALL if args.release_free_text else ()
        copy = access_copy.access_copy(casefile, args.client_id, issue_date(), released)
    pages = write_copy(copy, pdf, json_out, language=args.language, texts=texts)
    say(
        f"Copy of the client's data ({pages} pages) written to {pdf}; "
        f"the same as JSON to {json_out}."
    )
    # The copy is due within a month (Art. 12 Abs. 3 GDPR): a line to fill in, not a wait.
    _warn_unconfigured(copy.data.controller, copy.data.dpo)
    if copy.data.withheld:
        warn(
            f"{copy.data.withheld} free-text passage(s) withheld as possibly naming other "
            "persons (Art. 15(4) GDPR); review them and use --release-free-text to include "
            "them."
        )
    warn(PLAIN_DATA)
    return EXIT_OK


def cmd_goal_agreement(args: argparse.Namespace) -> int:
    from kim_desktop.core.documents import document_data
    from kim_desktop.reports.goal_agreement import build_goal_agreement

    out = new_output(args.out)
    with open_file(args.file) as casefile:
        texts = document_data.texts_in_force(casefile)
        document_data.check_language(texts, document_data.GOAL_AGREEMENT_TEXTS, args.language)
        data = document_data.goal_agreement_data(casefile, args.case_id, issue_date())
    try:
        pages = build_goal_agreement(data, out, language=args.language, texts=texts)
    except FileExistsError:
        raise UsageError(f"{out}: the file already exists; choose another name.") from None
    say(f"Goal agreement ({pages} pages, {len(data.goals)} goals) written to {out}.")
    return EXIT_OK


def register(add: AddCommand) -> None:
    """Add these commands to the ``kim`` parser."""
    sub = add("stats", cmd_stats, "Show the indicators (Kennzahlen) for a period.")
    sub.add_argument("file")
    sub.add_argument("--period", required=True, help="2023, 2023-Q4 or 2023-01-01..2023-06-30")
    sub.add_argument("--municipality")
    sub.add_argument("--format", choices=("json", "table"), default="table")

    sub = add("report", cmd_report, "Write the statistics report of a period as PDF.")
    sub.add_argument("file")
    sub.add_argument("--period", required=True, help="2023, 2023-Q4 or 2023-01-01..2023-06-30")
    sub.add_argument("--out", required=True, metavar="OUT.pdf", help="must not exist yet")

    sub = add(
        "consent-form",
        cmd_consent_form,
        "Write a client's consent form (German plus a second language) as PDF.",
    )
    sub.add_argument("file")
    sub.add_argument("client_id", metavar="CLIENT_ID")
    sub.add_argument("--out", required=True, metavar="OUT.pdf", help="must not exist yet")
    sub.add_argument(
        "--language",
        default="en",
        help="second language beside German: en, ar, fa, uk, ru, tr or one the district adds "
        "(default en; de: German only)",
    )
    sub.add_argument(
        "--recipient",
        action="extend",
        nargs="+",
        default=[],
        metavar="CODE[=ORGANISATION]",
        help="a recipient of the data-transfer release: a referral-target code, with the "
        "organisation to name on the form (job_centre='Jobcenter Kreis Wesel, Moers'); a code "
        "alone names the organisation of the client's latest referral there (repeat)",
    )

    sub.epilog = (
        "Controller and data-protection officer come from the district configuration; "
        "without them the PDF has a line to fill in by hand (warning, exit 0). The form has a "
        "tick box for each recipient, one for health data, and lines for an interpreter and a "
        "legal representative."
    )

    sub = add(
        "access-copy",
        cmd_access_copy,
        "Write a copy of everything stored about one client (Art. 15 GDPR) as PDF and JSON.",
    )
    sub.add_argument("file")
    sub.add_argument("client_id", metavar="CLIENT_ID")
    sub.add_argument("--out", required=True, metavar="OUT.pdf", help="must not exist yet")
    sub.epilog = (
        "Free-text passages (notes, goal wording) may name other persons and are withheld "
        "unless --release-free-text is given; the copy marks each withheld passage. "
        "Controller and data-protection officer come from the district configuration; "
        "without them the PDF has a line to fill in by hand (warning, exit 0). " + PLAIN_DATA
    )
    sub.add_argument(
        "--json", metavar="OUT.json", help="the JSON copy (default: OUT.pdf with .json)"
    )
    sub.add_argument(
        "--language",
        default="de",
        help="the client's language below the German: en, ar, fa, uk, ru, tr or one the "
        "district adds (default de: German only)",
    )
    sub.add_argument(
        "--release-free-text",
        action="store_true",
        help="include all free text, after you have reviewed it for third parties "
        "(Art. 15(4) GDPR); default: each passage is withheld with a marker",
    )

    sub = add("goal-agreement", cmd_goal_agreement, "Write a case's goal agreement as PDF.")
    sub.add_argument("file")
    sub.add_argument("case_id", metavar="CASE_ID")
    sub.add_argument("--out", required=True, metavar="OUT.pdf", help="must not exist yet")
    sub.add_argument(
        "--language",
        default="de",
        help="the client's language below the German: en, ar, fa, uk, ru, tr or one the "
        "district adds (default de: German only)",
    )
