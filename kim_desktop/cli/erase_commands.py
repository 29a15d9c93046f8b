"""``kim erase``: erase a case, a client or everything due, keeping the statistics of ended
periods (DESIGN.md §10, core/sync/erasure.py).

Before anything goes, the command says what goes. At a terminal it names the persons and asks
for ``yes``; with ``--yes`` (scripts) it prints counts only and does not ask. Without a
terminal and without ``--yes`` it refuses (exit 2): an erasure cannot be undone."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from kim_desktop.cli.common import AddCommand, open_file, say, warn
from kim_desktop.core.errors import EXIT_OK, UsageError

if TYPE_CHECKING:  # the engine is imported when the command runs, not to build the parser
    from kim_desktop.core.casework.erasure import ErasurePlan

_COUNTED = (
    ("cases", "case", "cases"),
    ("clients", "client", "clients"),
    ("appointments", "appointment", "appointments"),
    ("goals", "goal", "goals"),
    ("referrals", "referral", "referrals"),
    ("assessments", "assessment", "assessments"),
    ("consents", "consent", "consents"),
    ("drafts", "unsaved form", "unsaved forms"),
)


def summary(counts: dict[str, int]) -> str:
    """``1 case, 2 clients, 34 appointments`` (kinds with none left out)."""
    parts = [
        f"{counts[key]} {one if counts[key] == 1 else many}"
        for key, one, many in _COUNTED
        if counts.get(key)
    ]
    return ", ".join(parts)


def _describe(plan: ErasurePlan, with_names: bool) -> list[str]:
    lines = [f"To be erased: {summary(plan.counts())}."]
    if with_names:
        if plan.client_names:
            lines.append("Persons: " + "; ".join(plan.client_names) + ".")
        if plan.case_labels:
            lines.append("Cases of: " + "; ".join(plan.case_labels) + ".")
    if plan.restricted_left_out:
        lines.append(
            f"{plan.restricted_left_out} restricted clients (Art. 18) and their cases are "
            "left out; lift a restriction to erase them."
        )
    if plan.passages:
        lines.append(
            f"{len(plan.passages)} notes or goal texts of cases that stay name an erased "
            "person and are emptied."
        )
    lines.append(
        "Figures of calendar years and quarters that have ended stay as they are; figures of "
        "periods not yet ended may change. An erasure cannot be undone."
    )
    return lines


def cmd_erase(args: argparse.Namespace) -> int:
    from kim_desktop.core.sync import erasure

    with open_file(args.file) as casefile:
        if args.due:
            plan = erasure.plan_due(casefile)
            if plan.empty:
                say("Nothing is due for erasure.")
                if plan.restricted_left_out:
                    say(
                        f"{plan.restricted_left_out} restricted clients (Art. 18) are due but "
                        "kept while restricted."
                    )
                return EXIT_OK
        elif args.case:
            plan = erasure.plan_case(casefile, args.case)
        else:
            plan = erasure.plan_client(casefile, args.client)
        interactive = not args.yes and sys.stdin.isatty()
        if not args.yes and not interactive:
            raise UsageError("An erasure cannot be undone: confirm it with --yes.")
        for line in _describe(plan, with_names=interactive):
            say(line)
        if interactive:
            sys.stdout.write("Type 'yes' to erase: ")
            sys.stdout.flush()
            if sys.stdin.readline().strip().lower() != "yes":
                say("Nothing was erased.")
                return EXIT_OK
        result = erasure.erase(casefile, plan)
    say(f"Erased: {summary(result.counts)}.")
    if result.periods_kept:
        say(f"The figures of {result.periods_kept} ended years and quarters are kept.")
    if result.rewrite_problem:
        warn(
            "the erased records are gone, but the file could not be rewritten afterwards "
            f"({result.rewrite_problem}); the space they took is overwritten already."
        )
    return EXIT_OK


def register(add: AddCommand) -> None:
    """Add ``kim erase`` to the ``kim`` parser."""
    sub = add(
        "erase",
        cmd_erase,
        "Erase a case, a client or everything due for erasure; the figures of ended years "
        "and quarters are kept.",
    )
    sub.add_argument("file")
    which = sub.add_mutually_exclusive_group(required=True)
    which.add_argument("--case", metavar="ID", help="the case and its records")
    which.add_argument("--client", metavar="ID", help="the client and their records")
    which.add_argument("--due", action="store_true", help="everything kim retention lists as due")
    sub.add_argument("--yes", action="store_true", help="do not ask (scripts)")
