"""The ``kim`` command (DESIGN.md section 8): a thin shell over ``kim_desktop.core``.

Exit codes: 0 success, 1 unexpected error, 2 usage, 3 wrong passphrase, 4 rejected input.
Errors are one line on stderr; no traceback reaches the user (set ``KIM_DEBUG=1`` to see one).
The passphrase comes from ``KIM_PASSPHRASE`` or is asked on the terminal; ``kim passwd`` takes
the new one from ``KIM_NEW_PASSPHRASE``. The commands live in modules by concern, each with a
``register`` function that adds them to the parser."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from kim_desktop import __version__
from kim_desktop.cli import (
    case_sheet_commands,
    casefile_commands,
    data_commands,
    document_commands,
    dpo_commands,
    erase_commands,
    handover_commands,
    recovery_commands,
    restriction_commands,
    sync_commands,
)
from kim_desktop.cli.common import PASSPHRASE_ENV, Handler, Parser
from kim_desktop.core.errors import (
    EXIT_REJECTED,
    EXIT_UNEXPECTED,
    EXIT_USAGE,
    KimError,
    from_os_error,
)

log = logging.getLogger("kim_desktop.cli")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="kim",
        description="KIM Desktop: encrypted case file for Kommunales Integrationsmanagement.",
        epilog=f"The passphrase is read from {PASSPHRASE_ENV} when set, else asked for.",
    )
    parser.add_argument("--version", action="version", version=f"kim {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def add(name: str, handler: Handler, text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=text, description=text)
        sub.set_defaults(handler=handler)
        return sub

    casefile_commands.register(add)
    document_commands.register(add)
    case_sheet_commands.register(add)
    data_commands.register(add)
    dpo_commands.register(add)
    restriction_commands.register(add)
    erase_commands.register(add)
    recovery_commands.register(add)
    sync_commands.register(commands, add)
    handover_commands.register(commands, add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # --version and --help end here, before logs and policy
    if not getattr(args, "handler", None):
        parser.print_usage(sys.stderr)
        return EXIT_USAGE
    from kim_desktop.core.platform import logs, policy

    logs.console("kim")
    logs.configure("kim")
    sub_command = getattr(args, "bundle_command", None) or getattr(args, "district_command", None)
    command = " ".join(part for part in (args.command, sub_command) if part)
    current_policy = policy.load_policy()
    for problem in current_policy.problems:
        if args.command != "policy":  # `kim policy` prints them itself, once
            sys.stderr.write(f"kim: policy: {problem}\n")
        log.warning("policy problem: %s", problem)
    args.policy = current_policy
    if current_policy.refusal and args.command != "policy":
        # An unusable policy never means "no locks": nothing runs until IT fixes it.
        log.info("kim %s refused: the machine-wide policy cannot be used", command)
        return EXIT_REJECTED
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
