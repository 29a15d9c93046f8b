"""``kim dpo-pack``: the papers for the data-protection officer (Art. 30 record, Art. 32
measures, deletion concept) as three German PDFs in a folder (docs/dpo-pack.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kim_desktop.cli.common import AddCommand, issue_date, open_file, say
from kim_desktop.core.errors import EXIT_OK, UsageError


def cmd_dpo_pack(args: argparse.Namespace) -> int:
    from kim_desktop.core.documents import dpo_pack
    from kim_desktop.reports.dpo_pack import write_pack

    folder = Path(args.out)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: not a folder.")
    existing = [folder / name for name in dpo_pack.PAPERS if (folder / name).exists()]
    if existing:  # refused before the passphrase is asked for and the file opened
        raise UsageError(
            "already exist, nothing was written: " + ", ".join(str(p) for p in existing)
        )
    with open_file(args.file) as casefile:
        pack = dpo_pack.gather(casefile, issue_date(), args.policy)
    for path in write_pack(pack, folder):
        say(str(path))
    return EXIT_OK


def register(add: AddCommand) -> None:
    """Add ``dpo-pack`` to the ``kim`` parser."""
    sub = add(
        "dpo-pack",
        cmd_dpo_pack,
        "Write the papers for the data-protection officer (Art. 30 record, Art. 32 measures, "
        "deletion concept) as PDFs.",
    )
    sub.add_argument("file")
    sub.add_argument(
        "--out",
        required=True,
        metavar="DIR",
        help="folder for the three PDFs (created if missing; existing PDFs are not replaced)",
    )
    sub.epilog = (
        "Every number in the papers is the one the program works with: this file's "
        "encryption, the district configuration in force, the machine-wide policy. The "
        "papers name no client."
    )
