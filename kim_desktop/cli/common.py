"""What every ``kim`` command shares: the one-line usage errors, the passphrase, opening a file,
output lines, and the issue date of documents."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from kim_desktop.core.errors import EXIT_USAGE, UsageError

if TYPE_CHECKING:  # the engine is imported when a command opens a file, not to parse
    from kim_desktop.core.casefile import storage

PASSPHRASE_ENV = "KIM_PASSPHRASE"
NEW_PASSPHRASE_ENV = "KIM_NEW_PASSPHRASE"

Handler = Callable[[argparse.Namespace], int]
# add(name, handler, help text) -> the command's parser (see build_parser)
AddCommand = Callable[[str, Handler, str], argparse.ArgumentParser]


class Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line with exit code 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"kim: {message} (see 'kim --help')\n")
        raise SystemExit(EXIT_USAGE)


def passphrase(
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


def open_file(path: str) -> storage.CaseFile:
    from kim_desktop.core.casefile import storage

    return storage.CaseFile.open(Path(path), passphrase())


def say(message: str) -> None:
    sys.stdout.write(message + "\n")


def warn(message: str) -> None:
    """A warning that does not stop the command (exit code unchanged)."""
    sys.stderr.write(f"kim: warning: {message}\n")


# Said in --help and after writing by every command that writes personal data unencrypted.
PLAIN_DATA = (
    "The output is plain (unencrypted) personal data: keep it only on an encrypted drive "
    "or hand it over at once, and delete it after use."
)


def issue_date() -> dt.date:
    """Today, or the date of ``SOURCE_DATE_EPOCH`` (reproducible documents)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise UsageError("SOURCE_DATE_EPOCH must be seconds since 1970.") from None
    return dt.date.today()


def new_output(path: str) -> Path:
    out = Path(path)
    if out.exists():
        raise UsageError(f"{out}: the file already exists; choose another name.")
    return out
