"""``kim handover export`` / ``kim handover import``: hand cases over to a colleague of the
team (DESIGN.md §8, §11; core/sync/handover.py, docs/handover.md)."""

from __future__ import annotations

import argparse
from typing import Any

from kim_desktop.cli.common import AddCommand, Parser, open_file, say, warn
from kim_desktop.core.errors import EXIT_OK, UsageError


def cmd_handover_export(args: argparse.Namespace) -> int:
    if args.cover_until is not None:
        raise UsageError("--cover-until: cover is not supported yet; hand over without it.")
    from kim_desktop.core.sync import handover

    with open_file(args.file) as casefile:
        sent = handover.export_handover(casefile, args.case, args.to, args.out, args.yes)
    if sent.without_consent:
        warn(
            f"handed over without a documentation consent in force for {len(sent.without_consent)}"
            f" client(s): {', '.join(sent.without_consent)}."
        )
    say(
        f"Handover {sent.handover_id} written to {args.out}: {len(sent.case_ids)} case(s), "
        f"{len(sent.client_ids)} client(s), for {sent.to.name} ({sent.to.key_id})."
    )
    say(
        "The cases are read-only in this file now; they stay until erased (kim erase). "
        "The file holds personal data, encrypted to the colleague: delete it once imported."
    )
    return EXIT_OK


def cmd_handover_import(args: argparse.Namespace) -> int:
    from kim_desktop.core.sync import handover_import

    with open_file(args.file) as casefile:
        received = handover_import.import_handover(casefile, args.input)
    if received.already:
        say(f"Handover {received.handover_id} was imported already; nothing changed.")
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
    sub.add_argument("--cover-until", metavar="DATE", help="cover for a period (not supported yet)")
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
