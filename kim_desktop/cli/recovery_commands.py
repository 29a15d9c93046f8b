"""``kim recovery-key``: create (or replace) a file's recovery key and print its sheet
(docs/recovery.md). ``kim passwd --recovery`` is in casefile_commands."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kim_desktop.cli.common import AddCommand, issue_date, new_output, open_file, say
from kim_desktop.core.errors import EXIT_OK, UsageError

if TYPE_CHECKING:  # imported when the command runs, not to build the parser
    from kim_desktop.core.casefile import recovery

RECOVERY_ENV = "KIM_RECOVERY_KEY"


def recovery_key_text() -> recovery.RecoveryKey:
    """The recovery key from KIM_RECOVERY_KEY or the terminal, its check characters checked
    (a typo is exit 2 naming the group, before anything else runs)."""
    from kim_desktop.core.casefile import recovery

    text = os.environ.get(RECOVERY_ENV)
    if text is None:
        if not sys.stdin.isatty():
            raise UsageError(f"No recovery key: set {RECOVERY_ENV} or run in a terminal.")
        text = getpass.getpass("Recovery key: ")
    return recovery.parse_key(text)


def cmd_recovery_key(args: argparse.Namespace) -> int:
    out = new_output(args.out)  # refuse before asking for the passphrase
    if not out.parent.is_dir():
        raise UsageError(f"{out.parent}: no such folder.")
    from kim_desktop.core.casefile import recovery
    from kim_desktop.reports.recovery_sheet import RecoverySheetData, build_recovery_sheet

    key = recovery.new_key()
    with open_file(args.file) as casefile:
        replaced = recovery.META_PUBLIC in casefile.meta
        recipient = key.recipient()
        sheet = RecoverySheetData(
            file_name=Path(args.file).name,
            owner=casefile.owner,
            district=casefile.meta.get("district"),
            key_id=recipient.key_id,
            created=recipient.created,
            groups=tuple(key.groups),
            issued_on=issue_date(),
        )
        # The sheet first: if it cannot be written, the file keeps its old key (or none).
        build_recovery_sheet(sheet, out)
        try:
            casefile.install_recovery_key(recipient)
        except BaseException:
            out.unlink(missing_ok=True)  # a sheet for a key the file does not have
            raise
    what = (
        "replaced; the old key no longer opens this file or later backups"
        if replaced
        else ("created")
    )
    say(f"Recovery key {what}. Sheet written to {args.out}: print it and keep it sealed.")
    say(f"Keep {recovery.sidecar_path(Path(args.file)).name} beside the file; it is shown once:")
    say(key.text)  # alone on the last line of stdout (DESIGN.md section 8)
    return EXIT_OK


def register(add: AddCommand) -> None:
    sub = add(
        "recovery-key",
        cmd_recovery_key,
        "Create (or replace) the recovery key; print it once, alone on the last line.",
    )
    sub.epilog = (
        "The sheet (PDF) holds the key: print it and keep it sealed. The file "
        "FILE.recovery must stay beside the case file; backups get their own."
    )
    sub.add_argument("file")
    sub.add_argument("--out", required=True, metavar="SHEET.pdf")
