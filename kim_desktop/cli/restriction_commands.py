"""``kim restrict``: restriction of processing (Art. 18 GDPR) of one client, and lifting it
(casework/restriction.py; docs/retention.md, "Restriction"). Also the sentence the export
says on stderr about the restricted clients it left out."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from kim_desktop.cli.common import AddCommand, open_file, say
from kim_desktop.core.errors import EXIT_OK, InvalidInput, UnknownRecord, UsageError

if TYPE_CHECKING:
    from kim_desktop.core.interchange import ExportSummary

# casework.restriction's reason codes, spelt here so that building the parser does not import
# the engine (a test keeps them equal)
REASONS = (
    "accuracy_contested",
    "unlawful_processing",
    "legal_claims",
    "objection_pending",
    "retention_duty",
    "other",
)
DEFAULT_REASON = "other"


def restricted_left_out(summary: ExportSummary) -> str | None:
    """One line on what an export left out as restricted; None when nothing was."""
    if not summary.restricted_clients and not summary.restricted_cases:
        return None
    clients = summary.restricted_clients
    line = (
        f"{clients} restricted client{'' if clients == 1 else 's'} "
        f"{'was' if clients == 1 else 'were'} left out (Art. 18)"
    )
    cases = summary.restricted_cases
    if cases:
        line += (
            f", with {cases} case{'' if cases == 1 else 's'} whose every member is "
            "restricted and the records of those cases"
        )
    return line + "."


def cmd_restrict(args: argparse.Namespace) -> int:
    from kim_desktop.core import casework
    from kim_desktop.core.casework import restriction

    with open_file(args.file) as casefile:
        if casefile.role == "coordinator":
            raise UsageError(
                "A coordinator's file holds no persons; kim restrict reads a case manager's file."
            )
        try:
            if args.lift:
                casework.lift_restriction(casefile, args.client)
            else:
                casework.restrict_client(casefile, args.client, args.reason)
        except UnknownRecord:
            # The id is what the user typed: naming it is no personal data.
            raise UnknownRecord("--client", f"no client with the id {args.client}") from None
        except InvalidInput as error:
            if error.rule == restriction.ALREADY_RESTRICTED:
                raise InvalidInput(
                    "--client", f"client {args.client} is already restricted; nothing changed"
                ) from None
            if error.rule == restriction.NOT_RESTRICTED:
                raise InvalidInput(
                    "--client", f"client {args.client} is not restricted; nothing to lift"
                ) from None
            raise
    if args.lift:
        say(f"Restriction of client {args.client} lifted: the client's data can be changed again.")
    else:
        say(
            f"Processing of client {args.client} restricted (Art. 18 GDPR, reason {args.reason}): "
            "shown, but not changed, exported or printed except the client's own copy."
        )
    return EXIT_OK


def register(add: AddCommand) -> None:
    """Add ``kim restrict`` to the ``kim`` parser."""
    sub = add(
        "restrict",
        cmd_restrict,
        "Restrict the processing of a client (Art. 18 GDPR), or lift it with --lift.",
    )
    sub.add_argument("file")
    sub.add_argument("--client", required=True, metavar="ID", help="the client's id")
    what = sub.add_mutually_exclusive_group()
    what.add_argument(
        "--reason",
        choices=REASONS,
        default=DEFAULT_REASON,
        help=(
            "why: accuracy_contested, unlawful_processing, legal_claims, objection_pending "
            "(Art. 18(1)(a)-(d)), retention_duty (kept instead of erased), other (default)"
        ),
    )
    what.add_argument("--lift", action="store_true", help="end the restriction")
