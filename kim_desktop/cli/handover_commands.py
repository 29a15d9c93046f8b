"""``kim handover export`` / ``kim handover import``: hand cases over to a colleague of the
team (DESIGN.md §8, §11; core/sync/handover.py, docs/handover.md)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from kim_desktop.cli.common import AddCommand, Parser, open_file, say, warn
from kim_desktop.core.errors import EXIT_OK


def cmd_handover_export(args: argparse.Namespace) -> int:
    from kim_desktop.core.sync import cover, handover

    until = None
    if args.cover_until is not None:  # checked before the file is opened (exit 2)
        until = cover.cover_date(args.cover_until, dt.date.today())
    with open_file(args.file) as casefile:
        sent = handover.export_handover(
            casefile, args.case, args.to, args.out, args.yes, cover_until=until
        )
    if sent.without_consent:
        warn(
            f"handed over without a documentation consent in force for {len(sent.without_consent)}"
            f" client(s): {', '.join(sent.without_consent)}."
        )
    what = "Cover" if sent.cover_until else "Return" if sent.returns else "Handover"
    say(
        f"{what} {sent.handover_id} written to {args.out}: {len(sent.case_ids)} case(s), "
        f"{len(sent.client_ids)} client(s), for {sent.to.name} ({sent.to.key_id})."
    )
    if sent.cover_until:
        say(
            f"The cases are in cover by {sent.to.name} until {sent.cover_until}; they stay "
            "writable here. Their return is merged by kim handover import."
        )
    elif sent.returns:
        say("The cover copies are read-only now and due for erasure (kim erase --due).")
    else:
        say("The cases are read-only in this file now; they stay until erased (kim erase).")
    say("The file holds personal data, encrypted to the colleague: delete it once imported.")
    return EXIT_OK


_KINDS = {
    "clients": "client(s)",
    "cases": "case(s)",
    "appointments": "appointment(s)",
    "assessments": "assessment(s)",
    "goals": "goal(s)",
    "goal_steps": "agreed step(s)",
    "referrals": "referral(s)",
    "consents": "consent(s)",
}


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {_KINDS.get(k, k)}" for k, n in sorted(counts.items())) or "none"


def cmd_handover_import(args: argparse.Namespace) -> int:
    from kim_desktop.core.sync import handover_import

    with open_file(args.file) as casefile:
        received = handover_import.import_handover(casefile, args.input)
    if received.already:
        say(f"Handover {received.handover_id} was imported already; nothing changed.")
        return EXIT_OK
    merged = received.merged
    if merged is not None:
        say(
            f"Return {received.handover_id} from {received.sender_name} merged into "
            f"{len(received.case_ids)} case(s)."
        )
        say(f"Added: {_counts(merged.added)}.")
        say(f"Taken over: {_counts(merged.taken)}.")
        say(f"Deleted: {_counts(merged.deleted)}.")
        say(f"Kept side by side for you to decide: {_counts(merged.side_by_side)}.")
        if merged.side_by_side:
            say("Decide them in the case window or with kim handover conflicts.")
        return EXIT_OK
    if received.cover_until is not None:
        say(
            f"Cover {received.handover_id} from {received.sender_name} imported: "
            f"{len(received.case_ids)} case(s) to work on until {received.cover_until}; "
            "then return them (kim handover export … --to the colleague)."
        )
        return EXIT_OK
    say(
        f"Handover {received.handover_id} from {received.sender_name} imported: "
        f"{len(received.case_ids)} case(s), {len(received.clients_added)} new client(s), "
        f"{len(received.clients_linked)} linked to clients this file has already."
    )
    for client_id, fields in received.differing.items():
        say(
            f"Client {client_id}: this file's record was kept; the handover's differs in "
            f"{', '.join(fields)}."
        )
    return EXIT_OK


def cmd_handover_conflicts(args: argparse.Namespace) -> int:
    from kim_desktop.core.sync import cover_merge

    with open_file(args.file) as casefile:
        if args.take_theirs is not None or args.keep_mine is not None:
            take = args.take_theirs is not None
            chosen = args.take_theirs if take else args.keep_mine
            cover_merge.decide(casefile, chosen, take_theirs=take)
            kept = "the colleague's version taken" if take else "this file's version kept"
            say(f"Decided {chosen}: {kept}.")
            return EXIT_OK
        found = cover_merge.conflicts(casefile)
    if not found:
        say("No records kept side by side.")
    for item in found:
        theirs = "deleted" if item.theirs is None else "changed"
        say(
            f"{item.id}\tcase {item.case_id}\t{item.entity} {item.record_id}\t"
            f"{theirs} by the colleague\tsince {item.found_on}"
        )
    return EXIT_OK


def register(commands: Any, add: AddCommand) -> None:
    """Add ``kim handover`` to the ``kim`` parser."""
    del add  # a group of subcommands, like ``kim bundle``
    parser = commands.add_parser("handover", help="Hand cases over to a colleague.")
    sub_commands = parser.add_subparsers(
        dest="handover_command", metavar="COMMAND", parser_class=Parser, required=True
    )
    sub = sub_commands.add_parser(
        "export",
        help="Write the chosen cases, encrypted to a colleague of the team; they become "
        "read-only here.",
    )
    sub.set_defaults(handler=cmd_handover_export)
    sub.add_argument("file")
    sub.add_argument("--case", action="append", required=True, metavar="ID", help="a case (repeat)")
    sub.add_argument("--to", required=True, metavar="KEY_ID", help="the colleague's key id")
    sub.add_argument("--out", required=True, metavar="OUT.kimhandover")
    sub.add_argument(
        "--cover-until",
        metavar="DATE",
        help="give the cases in cover until DATE (a working copy; they stay writable here)",
    )
    sub.add_argument(
        "--yes",
        action="store_true",
        help="hand over even when a client has no documentation consent in force",
    )
    sub = sub_commands.add_parser(
        "import", help="Import a handover from a colleague of the team (all or nothing)."
    )
    sub.set_defaults(handler=cmd_handover_import)
    sub.add_argument("file")
    sub.add_argument("input", metavar="IN.kimhandover")
    sub = sub_commands.add_parser(
        "conflicts",
        help="List the records a cover's return kept side by side, or decide one.",
    )
    sub.set_defaults(handler=cmd_handover_conflicts)
    sub.add_argument("file")
    choice = sub.add_mutually_exclusive_group()
    choice.add_argument("--take-theirs", type=int, metavar="ID", help="take the colleague's")
    choice.add_argument("--keep-mine", type=int, metavar="ID", help="keep this file's")
