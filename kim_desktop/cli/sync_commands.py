"""Commands of the sync between case managers and the coordination office: bundles, the
district configuration, keys."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kim_desktop.cli.common import AddCommand, Parser, new_output, open_file, say
from kim_desktop.core.errors import EXIT_OK, EXIT_REJECTED, RejectedInputError
from kim_desktop.core.sync.text import shown


def cmd_bundle_export(args: argparse.Namespace) -> int:
    from kim_desktop.core.figures.periods import parse_period
    from kim_desktop.core.sync import outbox

    period = parse_period(args.period)
    with open_file(args.file) as casefile:
        result = outbox.export_bundle(casefile, period, Path(args.out))
    say(
        f"Bundle for {result.period}, revision {result.revision}, written to {args.out} "
        f"({result.municipalities} municipalities, {result.structural_gaps} structural gaps). "
        f"Encrypted to the coordination office with fingerprint {result.recipient_fingerprint}."
    )
    return EXIT_OK


def cmd_bundle_import(args: argparse.Namespace) -> int:
    from kim_desktop.core.sync import inbox

    with open_file(args.file) as casefile:
        report = inbox.import_bundles(casefile, args.inputs, args.trust_new_senders)
    for outcome in report.outcomes:
        line = f"{outcome.name}: {outcome.status}"
        if not outcome.refused:  # rejected or unknown sender: reported on stderr below
            line += f" ({outcome.message}; sender {outcome.sender_fingerprint})"
            say(line)
    if report.rejected:
        reasons = "; ".join(o.message for o in report.rejected)
        sys.stderr.write(f"kim: {len(report.rejected)} bundle(s) rejected: {reasons}\n")
        return EXIT_REJECTED
    return EXIT_OK


def cmd_bundle_list(args: argparse.Namespace) -> int:
    from kim_desktop.core.figures.periods import parse_period
    from kim_desktop.core.sync import received

    period = parse_period(args.period) if args.period else None
    with open_file(args.file) as casefile:
        rows = received.received(casefile, period)
    if args.format == "json":
        say(json.dumps({"bundles": [received.as_json(row) for row in rows]}))
        return EXIT_OK
    if not rows:
        say("No bundles received" + (f" for {period.label}." if period else "."))
        return EXIT_OK
    for row in rows:
        # Names and labels came from outside (a header, a label): only made safe and short.
        sender = row.sender_fingerprint
        if row.sender_name:
            sender = f"{shown(row.sender_name, 40)} ({sender})"
        status = row.status
        if row.withdrawn_at:
            status += f" {row.withdrawn_at}"
        say(
            f"{row.bundle_id}  {shown(row.period, 24)}  rev {row.revision}  {status}  "
            f"{row.kind}  sender {row.sender_key_id} {sender}  "
            f"created {shown(row.created, 32)}  imported {row.imported_at}"
        )
    return EXIT_OK


def cmd_bundle_withdraw(args: argparse.Namespace) -> int:
    from kim_desktop.core.sync import received

    with open_file(args.file) as casefile:
        result = received.withdraw(casefile, args.bundle_id)
    row = result.row
    what = (
        f"Bundle {row.bundle_id} ({shown(row.period, 24)}, revision {row.revision}, sender "
        f"{row.sender_fingerprint})"
    )
    if result.changed:
        say(f"{what} withdrawn; it no longer counts in the figures, gaps and state bundle.")
    else:
        say(f"{what} was withdrawn before ({row.withdrawn_at}); nothing changed.")
    return EXIT_OK


def cmd_district_export(args: argparse.Namespace) -> int:
    from kim_desktop.core.casefile import document_texts
    from kim_desktop.core.sync import district, logos, team

    successor = team.read_card(args.successor) if args.successor else None
    # read and checked whole before the file is opened: a bad image is a usage error (exit 2)
    logo, programme_logo = (
        None if path is None else logos.read_logo_file(path, option)
        for path, option in ((args.logo, "--logo"), (args.programme_logo, "--programme-logo"))
    )
    texts = None
    if args.texts is not None:
        try:
            texts = document_texts.read_folder(Path(args.texts))
        except document_texts.TextInvalid as error:
            raise RejectedInputError(f"--texts: {error}") from None
    with open_file(args.file) as casefile:
        settings = district.export_config(
            casefile,
            Path(args.out),
            args.municipality,
            args.k,
            retention_years=args.retention_years,
            controller=args.controller,
            dpo=args.dpo,
            successor=successor,
            case_sheet_municipality=(
                None
                if args.case_sheet_municipality is None
                else args.case_sheet_municipality == "yes"
            ),
            texts=texts,
            logo=logo,
            programme_logo=programme_logo,
        )
    images = sum(image is not None for image in (settings.logo, settings.programme_logo))
    say(
        f"District configuration for {settings.district} (serial {settings.serial}, "
        f"{len(settings.municipalities)} municipalities, k={settings.k}, "
        f"{len(settings.team)} team members, {len(settings.revoked)} revoked keys, retention "
        f"{settings.retention_years} years, {len(settings.texts)} document texts, {images} "
        "logos) written to "
        f"{args.out}. "
        f"Coordinator fingerprint: {settings.fingerprint}"
    )
    if args.successor:
        say(
            "It hands the district over to the new coordinator key above: case managers who "
            "import it accept configurations of the new key only from then on."
        )
    return EXIT_OK


def cmd_district_enrol(args: argparse.Namespace) -> int:
    from kim_desktop.core.sync import team
    from kim_desktop.core.sync.text import shown

    with open_file(args.file) as casefile:
        enrolment = team.enrol(casefile, Path(args.card))
    card = enrolment.card
    if enrolment.already:
        say(f"Key {card.key_id} is enrolled already; nothing changed.")
    else:
        role = "case manager" if card.role == "casemanager" else "coordinator"
        say(f"Enrolled {shown(card.name)} ({role}), key {card.key_id}.")
    say(f"Compare this fingerprint with the card's owner by phone: {card.fingerprint}")
    return EXIT_OK


def cmd_district_revoke(args: argparse.Namespace) -> int:
    from kim_desktop.core.sync import team

    with open_file(args.file) as casefile:
        member, before = team.revoke(casefile, args.key_id)
    if before:
        say(f"Key {member.key_id} was revoked already on {member.revoked_at}; nothing changed.")
    else:
        say(
            f"Key {member.key_id} revoked: its later bundles are rejected; the next "
            "district configuration (kim district export) tells the team."
        )
    return EXIT_OK


def cmd_district_import(args: argparse.Namespace) -> int:
    from kim_desktop.core.sync import district, pin

    typed = args.new_coordinator_fingerprint
    if typed is not None:
        pin.typed_fingerprint(typed)  # a malformed one is refused before the file is opened
    with open_file(args.file) as casefile:
        data = district.read_config_file(args.input)
        settings, step = district.import_config_step(casefile, data, Path(args.input).name, typed)
    say(f"District configuration of {settings.district} (serial {settings.serial}) imported.")
    carried = [
        what
        for what, image in (
            ("the district's logo", settings.logo),
            ("the state programme's logo", settings.programme_logo),
        )
        if image is not None
    ]
    if carried:
        say(f"For the statistics report it carries {' and '.join(carried)}.")
    if step.kind == pin.SUCCESSOR:
        say(
            "The coordinator key in force introduced a new one; from now on only "
            f"configurations of the new key are accepted: {settings.fingerprint}"
        )
    elif step.kind == pin.RESET:
        say(f"The coordinator key was reset to the fingerprint typed in: {settings.fingerprint}")
    else:
        say(f"Compare the coordinator's fingerprint by phone: {settings.fingerprint}")
    return EXIT_OK


def cmd_keys(args: argparse.Namespace) -> int:
    from kim_desktop.core.sync import team
    from kim_desktop.core.sync.keys import fingerprint, own_keys

    with open_file(args.file) as casefile:
        # A case manager's card carries the key colleagues encrypt handovers to.
        handovers = bool(args.card) and casefile.role == "casemanager"
        keys = own_keys(casefile, encryption=handovers)
        card = team.write_card(casefile, new_output(args.card), handovers) if args.card else None
    say(f"Signing key id: {keys.signing_key_id}")
    say(f"Signing key fingerprint: {fingerprint(keys.signing_public)}")
    if keys.encryption_public:
        say(f"Encryption key id: {keys.encryption_key_id}")
        say(f"Encryption key fingerprint: {fingerprint(keys.encryption_public)}")
    if card is not None:
        say(f"Key card written to {args.card}; its fingerprint is the signing key's.")
    return EXIT_OK


def register(commands: Any, add: AddCommand) -> None:
    """Add these commands to the ``kim`` parser."""
    bundle = commands.add_parser("bundle", help="Anonymised sync bundles.")
    bundle_commands = bundle.add_subparsers(
        dest="bundle_command", metavar="COMMAND", parser_class=Parser, required=True
    )
    sub = bundle_commands.add_parser("export", help="Write the anonymised bundle of a period.")
    sub.set_defaults(handler=cmd_bundle_export)
    sub.add_argument("file")
    sub.add_argument("--period", required=True)
    sub.add_argument("--out", required=True, metavar="OUT.kimbundle")
    sub = bundle_commands.add_parser("import", help="Import bundles (coordinator).")
    sub.set_defaults(handler=cmd_bundle_import)
    sub.add_argument("file")
    sub.add_argument("inputs", nargs="+", metavar="IN.kimbundle")
    sub.add_argument(
        "--trust-new-senders",
        action="store_true",
        help="accept senders not seen before (compare fingerprints first)",
    )

    sub = bundle_commands.add_parser("list", help="List the received bundles (coordinator).")
    sub.set_defaults(handler=cmd_bundle_list)
    sub.add_argument("file")
    sub.add_argument("--period", help="only the bundles of exactly this period")
    sub.add_argument("--format", choices=["json", "table"], default="table")
    sub = bundle_commands.add_parser(
        "withdraw", help="Withdraw a received bundle: it no longer counts (coordinator)."
    )
    sub.set_defaults(handler=cmd_bundle_withdraw)
    sub.add_argument("file")
    sub.add_argument("bundle_id", metavar="BUNDLE_ID")

    district_parser = commands.add_parser("district", help="District configuration.")
    district_commands = district_parser.add_subparsers(
        dest="district_command", metavar="COMMAND", parser_class=Parser, required=True
    )
    sub = district_commands.add_parser(
        "export", help="Write the signed configuration (coordinator)."
    )
    sub.set_defaults(handler=cmd_district_export)
    sub.add_argument("file")
    sub.add_argument("--out", required=True, metavar="OUT.kimdistrict")
    sub.add_argument(
        "--municipality",
        action="append",
        default=[],
        help="a municipality of the district (repeat; kept for later exports)",
    )
    sub.add_argument("--k", type=int, help="small-cell threshold (default 3)")
    sub.add_argument(
        "--retention-years",
        type=int,
        metavar="N",
        help="years case records are kept after a case closes (1-30, default 3; kept)",
    )
    sub.add_argument(
        "--controller",
        metavar="TEXT",
        help="the controller (Verantwortliche Stelle): name and address, lines (kept)",
    )
    sub.add_argument("--dpo", metavar="TEXT", help="the data-protection officer's contact (kept)")
    sub.add_argument(
        "--case-sheet-municipality",
        choices=("yes", "no"),
        help="whether pseudonymised case sheets may name the municipality (default no; kept)",
    )
    sub.add_argument(
        "--texts",
        metavar="DIR",
        help="a folder of document texts (consent.ar.json …, docs/document-texts.md) that add "
        "or replace languages; kept; an empty folder removes them",
    )
    sub.add_argument(
        "--logo",
        metavar="IMAGE",
        help="the district's logo for the statistics report: PNG or JPEG, at most 512 KiB and "
        "4000 pixels a side; kept; an empty value removes it",
    )
    sub.add_argument(
        "--programme-logo",
        metavar="IMAGE",
        help="the state programme's logo (KIM, NRW) for the statistics report, like --logo",
    )
    sub.add_argument(
        "--successor",
        metavar="CARD.kimkey",
        help="hand the district over to the new coordinator of this key card",
    )
    sub = district_commands.add_parser(
        "import", help="Import the configuration (case manager; a coordinator: the state level's)."
    )
    sub.set_defaults(handler=cmd_district_import)
    sub.add_argument("file")
    sub.add_argument("input", metavar="IN.kimdistrict")
    sub.add_argument(
        "--new-coordinator-fingerprint",
        metavar="DIGITS",
        help="reset the pinned coordinator key: the 40 digits the coordination office read "
        "out by phone (spaces optional)",
    )

    sub = district_commands.add_parser(
        "enrol", help="Add a team member from their key card (coordinator)."
    )
    sub.set_defaults(handler=cmd_district_enrol)
    sub.add_argument("file")
    sub.add_argument("card", metavar="CARD.kimkey")
    sub = district_commands.add_parser("revoke", help="Revoke a team member's key (coordinator).")
    sub.set_defaults(handler=cmd_district_revoke)
    sub.add_argument("file")
    sub.add_argument("key_id", metavar="KEY_ID")

    sub = add(
        "keys",
        cmd_keys,
        "Show this file's key ids and fingerprints (to compare by phone); write its key card.",
    )
    sub.add_argument("file")
    sub.add_argument("--card", metavar="OUT.kimkey", help="write this file's signed key card")
