"""The ``kim`` command (DESIGN.md section 8): a thin shell over ``kim_desktop.core``.

Exit codes: 0 success, 1 unexpected error, 2 usage, 3 wrong passphrase, 4 rejected input.
Errors are one line on stderr; no traceback reaches the user (set ``KIM_DEBUG=1`` to see one).
The passphrase comes from ``KIM_PASSPHRASE`` or is asked on the terminal; ``kim passwd`` takes
the new one from ``KIM_NEW_PASSPHRASE``."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from kim_desktop import __version__
from kim_desktop.core import interchange
from kim_desktop.core.casefile import storage
from kim_desktop.core.errors import (
    EXIT_OK,
    EXIT_REJECTED,
    EXIT_UNEXPECTED,
    EXIT_USAGE,
    KimError,
    UsageError,
    from_os_error,
)
from kim_desktop.core.figures import stats as figure_stats
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.figures.stats_text import format_table
from kim_desktop.core.interchange.demo import demo_document
from kim_desktop.core.platform import logs, paths, policy

log = logging.getLogger("kim_desktop.cli")

PASSPHRASE_ENV = "KIM_PASSPHRASE"
NEW_PASSPHRASE_ENV = "KIM_NEW_PASSPHRASE"


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line with exit code 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"kim: {message} (see 'kim --help')\n")
        raise SystemExit(EXIT_USAGE)


def _passphrase(
    prompt: str = "Passphrase: ", confirm: bool = False, env: str = PASSPHRASE_ENV
) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise UsageError(f"No passphrase: set {env} or run in a terminal.")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat passphrase: ") != first:
        raise UsageError("The two passphrases differ; nothing was created.")
    return first


def _open(path: str) -> storage.CaseFile:
    return storage.CaseFile.open(Path(path), _passphrase())


def _say(message: str) -> None:
    sys.stdout.write(message + "\n")


# -- commands ------------------------------------------------------------------------------


def _create(path: Path, args: argparse.Namespace, **facts: str | None) -> storage.CaseFile:
    """A new case file under the machine-wide policy: its folder, passphrase length and
    district configuration. Nothing is left behind when the policy refuses."""
    policy.check_case_file_location(args.policy, path)
    casefile = storage.CaseFile.create(
        path,
        _passphrase(confirm=True),
        min_passphrase_length=args.policy.min_passphrase_length,
        **facts,  # type: ignore[arg-type]
    )
    from kim_desktop.core.sync import district

    try:
        problem = district.preload_district(casefile, args.policy)
    except BaseException:
        casefile.close()
        storage.remove_case_file(path)
        raise
    if problem:
        sys.stderr.write(f"kim: {problem}\n")
    elif policy.DISTRICT_CONFIG in args.policy.values and casefile.role == "casemanager":
        _say("The district configuration named by the machine-wide policy is imported.")
    return casefile


def cmd_init(args: argparse.Namespace) -> int:
    path = Path(args.file)
    with _create(path, args, role=args.role, owner=args.owner, district=args.district):
        pass
    _say(f"Created {args.file} ({args.role}).")
    return EXIT_OK


def cmd_policy(args: argparse.Namespace) -> int:
    """Show the machine-wide policy in force (or check a file before installing it)."""
    current = policy.load_policy(Path(args.file)) if args.file else args.policy
    if current.source is None:
        _say(f"No machine-wide policy ({paths.machine_policy_file()} does not exist).")
        return EXIT_OK
    _say(f"Policy: {current.source}")
    for key in policy.LOCKABLE:
        value = current.get(key)
        shown = "(not set)" if value is None else value
        lock = " (locked)" if current.is_locked(key) else ""
        origin = "" if key in current.values else " [built-in]"
        _say(f"  {key}: {shown}{origin}{lock}")
    for problem in current.problems:
        sys.stderr.write(f"kim: policy: {problem}\n")
    return EXIT_REJECTED if current.problems else EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    if args.clients < 1:
        raise UsageError("--clients must be at least 1.")
    document = demo_document(seed=args.seed, clients=args.clients)
    path = Path(args.file)
    casefile = _create(
        path, args, role="casemanager", owner=document["owner"], district="Rhein-Sieg-Kreis"
    )
    try:
        summary = interchange.import_document(casefile, document, "demo")
    except BaseException:
        casefile.close()
        storage.remove_case_file(path)
        raise
    casefile.close()
    _say(f"Created demo case file {args.file}: {summary.describe()}.")
    return EXIT_OK


def cmd_import_json(args: argparse.Namespace) -> int:
    document = interchange.load_json(args.input)  # reject bad input before asking anything
    with _open(args.file) as casefile:
        summary = interchange.import_document(casefile, document, Path(args.input).name)
    _say(f"Imported {summary.describe()}.")
    return EXIT_OK


def cmd_export_json(args: argparse.Namespace) -> int:
    with _open(args.file) as casefile:
        counts = interchange.export_file(casefile, args.output)
    total = sum(counts.values())
    _say(f"Exported {total} records to {args.output}.")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    period = parse_period(args.period)
    with _open(args.file) as casefile:
        started = time.perf_counter()
        figures = figure_stats.for_casefile(casefile, period, args.municipality)
        log.debug("stats computed in %.3f s", time.perf_counter() - started)
        owner = casefile.owner
    if args.format == "json":
        _say(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        _say(format_table(figures, owner=owner))
    return EXIT_OK


def _issue_date() -> dt.date:
    """Today, or the date of ``SOURCE_DATE_EPOCH`` (reproducible documents)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise UsageError("SOURCE_DATE_EPOCH must be seconds since 1970.") from None
    return dt.date.today()


def cmd_report(args: argparse.Namespace) -> int:
    from kim_desktop.core.documents import report_data
    from kim_desktop.reports.statistics import build_statistics_report

    period = parse_period(args.period)
    out = Path(args.out)
    if out.exists():
        raise UsageError(f"{out}: the file already exists; choose another name.")
    with _open(args.file) as casefile:
        data = report_data.gather(casefile, period, _issue_date())
    try:
        pages = build_statistics_report(data, out)
    except FileExistsError:
        raise UsageError(f"{out}: the file already exists; choose another name.") from None
    _say(f"Statistics report for {period.german()} ({pages} pages) written to {out}.")
    return EXIT_OK


def _new_output(path: str) -> Path:
    out = Path(path)
    if out.exists():
        raise UsageError(f"{out}: the file already exists; choose another name.")
    return out


def cmd_consent_form(args: argparse.Namespace) -> int:
    from kim_desktop.core import casework
    from kim_desktop.core.documents import document_data
    from kim_desktop.reports.consent import available_languages, build_consent_form

    if args.language not in available_languages():
        raise UsageError(
            f"--language: no consent text in {args.language!r}; "
            f"available: {', '.join(available_languages())}."
        )
    out = _new_output(args.out)
    with _open(args.file) as casefile:
        data = document_data.consent_data(
            casefile,
            args.client_id,
            casework.CASE_DOCUMENTATION,
            args.recipient,
            args.language,
            _issue_date(),
        )
    try:
        pages = build_consent_form(data, out)
    except FileExistsError:
        raise UsageError(f"{out}: the file already exists; choose another name.") from None
    _say(f"Consent form ({pages} pages) written to {out}.")
    return EXIT_OK


def cmd_access_copy(args: argparse.Namespace) -> int:
    from kim_desktop.core.documents import access_copy
    from kim_desktop.reports.access_copy import write_copy

    pdf = _new_output(args.out)
    json_out = _new_output(args.json) if args.json else access_copy.json_name(pdf)
    if json_out.exists():
        raise UsageError(f"{json_out}: the file already exists; give --json another name.")
    with _open(args.file) as casefile:
        copy = access_copy.access_copy(casefile, args.client_id, _issue_date())
    pages = write_copy(copy, pdf, json_out)
    _say(
        f"Copy of the client's data ({pages} pages) written to {pdf}; "
        f"the same as JSON to {json_out}."
    )
    return EXIT_OK


def cmd_goal_agreement(args: argparse.Namespace) -> int:
    from kim_desktop.core.documents import document_data
    from kim_desktop.reports.goal_agreement import build_goal_agreement

    out = _new_output(args.out)
    with _open(args.file) as casefile:
        data = document_data.goal_agreement_data(casefile, args.case_id, _issue_date())
    try:
        pages = build_goal_agreement(data, out)
    except FileExistsError:
        raise UsageError(f"{out}: the file already exists; choose another name.") from None
    _say(f"Goal agreement ({pages} pages, {len(data.goals)} goals) written to {out}.")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    with _open(args.file) as casefile:
        casefile.backup(Path(args.output))
    _say(f"Backup written to {args.output} (same passphrase).")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    storage.restore(Path(args.backup), Path(args.file), _passphrase())
    _say(f"Restored {args.file} from {args.backup}.")
    return EXIT_OK


def cmd_passwd(args: argparse.Namespace) -> int:
    with _open(args.file) as casefile:
        new = _passphrase("New passphrase: ", confirm=True, env=NEW_PASSPHRASE_ENV)
        casefile.change_passphrase(new, args.policy.min_passphrase_length)
    _say(f"Passphrase of {args.file} changed.")
    return EXIT_OK


def cmd_bundle_export(args: argparse.Namespace) -> int:
    from kim_desktop.core.sync import outbox

    period = parse_period(args.period)
    with _open(args.file) as casefile:
        result = outbox.export_bundle(casefile, period, Path(args.out))
    _say(
        f"Bundle for {result.period}, revision {result.revision}, written to {args.out} "
        f"({result.municipalities} municipalities, {result.structural_gaps} structural gaps). "
        f"Encrypted to the coordination office with fingerprint {result.recipient_fingerprint}."
    )
    return EXIT_OK


def cmd_bundle_import(args: argparse.Namespace) -> int:
    from kim_desktop.core.sync import inbox

    with _open(args.file) as casefile:
        report = inbox.import_bundles(casefile, args.inputs, args.trust_new_senders)
    for outcome in report.outcomes:
        line = f"{outcome.name}: {outcome.status}"
        if not outcome.refused:  # rejected or unknown sender: reported on stderr below
            line += f" ({outcome.message}; sender {outcome.sender_fingerprint})"
            _say(line)
    if report.rejected:
        reasons = "; ".join(o.message for o in report.rejected)
        sys.stderr.write(f"kim: {len(report.rejected)} bundle(s) rejected: {reasons}\n")
        return EXIT_REJECTED
    return EXIT_OK


def cmd_district_export(args: argparse.Namespace) -> int:
    from kim_desktop.core.sync import district

    with _open(args.file) as casefile:
        settings = district.export_config(casefile, Path(args.out), args.municipality, args.k)
    _say(
        f"District configuration for {settings.district} (serial {settings.serial}, "
        f"{len(settings.municipalities)} municipalities, k={settings.k}) written to "
        f"{args.out}. Coordinator fingerprint: {settings.fingerprint}"
    )
    return EXIT_OK


def cmd_district_import(args: argparse.Namespace) -> int:
    from kim_desktop.core.sync import district

    with _open(args.file) as casefile:
        settings = district.import_config(casefile, Path(args.input))
    _say(
        f"District configuration of {settings.district} (serial {settings.serial}) imported. "
        f"Compare the coordinator's fingerprint by phone: {settings.fingerprint}"
    )
    return EXIT_OK


def cmd_keys(args: argparse.Namespace) -> int:
    from kim_desktop.core.sync.keys import fingerprint, own_keys

    with _open(args.file) as casefile:
        keys = own_keys(casefile)
    _say(f"Signing key fingerprint: {fingerprint(keys.signing_public)}")
    if keys.encryption_public:
        _say(f"Encryption key fingerprint: {fingerprint(keys.encryption_public)}")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    problems = storage.verify_path(Path(args.file), _passphrase())
    if problems:
        sys.stderr.write(
            f"kim: {args.file}: {len(problems)} problem(s): {'; '.join(problems[:5])}\n"
        )
        return EXIT_REJECTED
    _say(f"{args.file}: OK (encryption, integrity and references checked).")
    return EXIT_OK


# -- parser --------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kim",
        description="KIM Desktop: encrypted case file for Kommunales Integrationsmanagement.",
        epilog=f"The passphrase is read from {PASSPHRASE_ENV} when set, else asked for.",
    )
    parser.add_argument("--version", action="version", version=f"kim {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add(
        name: str, handler: Callable[[argparse.Namespace], int], text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=text, description=text)
        sub.set_defaults(handler=handler)
        return sub

    sub = add("init", cmd_init, "Create a new, empty case file.")
    sub.add_argument("file")
    sub.add_argument("--role", required=True, choices=storage.ROLES)
    sub.add_argument("--owner", required=True, help="name of the person the file belongs to")
    sub.add_argument("--district", help="district (Kreis or kreisfreie Stadt)")

    sub = add(
        "policy",
        cmd_policy,
        "Show the machine-wide policy in force, or check a policy file (exit 4 on problems).",
    )
    sub.add_argument("file", nargs="?", metavar="POLICY.json")

    sub = add("demo", cmd_demo, "Create a synthetic case-manager file for trying out.")
    sub.add_argument("file")
    sub.add_argument("--seed", type=int, default=1)
    sub.add_argument("--clients", type=int, default=200)

    sub = add(
        "import-json", cmd_import_json, "Add the records of an interchange file (all or nothing)."
    )
    sub.add_argument("file")
    sub.add_argument("input", metavar="IN.json")

    sub = add("export-json", cmd_export_json, "Write the whole case file as interchange JSON.")
    sub.add_argument("file")
    sub.add_argument("output", metavar="OUT.json")

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
    sub.add_argument("--language", default="en", help="second language (default en)")
    sub.add_argument(
        "--recipient",
        action="extend",
        nargs="+",
        default=[],
        metavar="CODE",
        help="referral-target code for the data-transfer release (repeat)",
    )

    sub = add(
        "access-copy",
        cmd_access_copy,
        "Write a copy of everything stored about one client (Art. 15 GDPR) as PDF and JSON.",
    )
    sub.add_argument("file")
    sub.add_argument("client_id", metavar="CLIENT_ID")
    sub.add_argument("--out", required=True, metavar="OUT.pdf", help="must not exist yet")
    sub.add_argument(
        "--json", metavar="OUT.json", help="the JSON copy (default: OUT.pdf with .json)"
    )

    sub = add("goal-agreement", cmd_goal_agreement, "Write a case's goal agreement as PDF.")
    sub.add_argument("file")
    sub.add_argument("case_id", metavar="CASE_ID")
    sub.add_argument("--out", required=True, metavar="OUT.pdf", help="must not exist yet")

    sub = add("backup", cmd_backup, "Write an encrypted, verified copy.")
    sub.add_argument("file")
    sub.add_argument("output", metavar="OUT")

    sub = add("restore", cmd_restore, "Verify a backup and put it in place of FILE.")
    sub.add_argument("backup", metavar="BACKUP")
    sub.add_argument("file")

    sub = add("passwd", cmd_passwd, "Change the passphrase (re-encrypts the file).")
    sub.add_argument("file")

    sub = add("verify", cmd_verify, "Check encryption, integrity and references.")
    sub.add_argument("file")

    bundle = commands.add_parser("bundle", help="Anonymised sync bundles.")
    bundle_commands = bundle.add_subparsers(
        dest="bundle_command", metavar="COMMAND", parser_class=_Parser, required=True
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

    district_parser = commands.add_parser("district", help="District configuration.")
    district_commands = district_parser.add_subparsers(
        dest="district_command", metavar="COMMAND", parser_class=_Parser, required=True
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
    sub = district_commands.add_parser(
        "import", help="Import the configuration (case manager; a coordinator: the state level's)."
    )
    sub.set_defaults(handler=cmd_district_import)
    sub.add_argument("file")
    sub.add_argument("input", metavar="IN.kimdistrict")

    sub = add("keys", cmd_keys, "Show this file's key fingerprints (to compare by phone).")
    sub.add_argument("file")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logs.console("kim")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_usage(sys.stderr)
        return EXIT_USAGE
    logs.configure("kim")
    sub_command = getattr(args, "bundle_command", None) or getattr(args, "district_command", None)
    command = " ".join(part for part in (args.command, sub_command) if part)
    current_policy = policy.load_policy()
    for problem in current_policy.problems:
        sys.stderr.write(f"kim: policy: {problem}\n")
        log.warning("policy problem: %s", problem)
    args.policy = current_policy
    code = _run(args)
    log.info("kim %s finished with exit code %d", command, code)
    return code


def _run(args: argparse.Namespace) -> int:
    try:
        code: int = args.handler(args)
        return code
    except KimError as exc:
        log.info("rejected: %s", type(exc).__name__)
        sys.stderr.write(f"kim: {exc.message}\n")
        return exc.exit_code
    except OSError as exc:  # a folder that cannot be written, a full disk, …
        log.info("operating-system error: %s", type(exc).__name__)
        error = from_os_error(exc)
        sys.stderr.write(f"kim: {error.message}\n")
        return error.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("kim: interrupted; nothing was changed.\n")
        return EXIT_UNEXPECTED
    except Exception as exc:  # the last net: one line, no traceback, no data
        log.error("unexpected error", exc_info=True)
        if os.environ.get("KIM_DEBUG"):
            raise
        sys.stderr.write(
            f"kim: unexpected error ({type(exc).__name__}). Set KIM_DEBUG=1 to see details.\n"
        )
        return EXIT_UNEXPECTED


if __name__ == "__main__":
    raise SystemExit(main())
