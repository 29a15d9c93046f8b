"""``kim case-sheet``: the pseudonymised case sheet of one case (Fallbesprechungsbogen,
docs/case-sheet.md). Free text is never printed from here: releasing a passage needs the
review in the window, where the case manager reads each one as it would be printed."""

from __future__ import annotations

import argparse

from kim_desktop.cli.common import AddCommand, issue_date, new_output, open_file, say, warn
from kim_desktop.core.errors import EXIT_OK, UsageError


def cmd_case_sheet(args: argparse.Namespace) -> int:
    from kim_desktop.core.documents import case_sheet
    from kim_desktop.reports.case_sheet import build_case_sheet

    out = new_output(args.out)  # refused before the passphrase is asked for
    with open_file(args.file) as casefile:
        data = case_sheet.case_sheet(casefile, args.case_id, issue_date())
    try:
        pages = build_case_sheet(data, out)
    except FileExistsError:
        raise UsageError(f"{out}: the file already exists; choose another name.") from None
    say(
        f"Case sheet ({pages} pages, pseudonymised) written to {out}. Pseudonymised is not "
        "anonymous: hand it only to the colleagues of the consultation."
    )
    if data.passages:
        warn(
            f"{data.passages} free-text passage(s) left out; to include some, review and "
            "release them in the case window (Case sheet …)."
        )
    return EXIT_OK


def register(add: AddCommand) -> None:
    """Add the command to the ``kim`` parser."""
    sub = add(
        "case-sheet",
        cmd_case_sheet,
        "Write a case's pseudonymised case sheet (Fallbesprechungsbogen) for collegial case "
        "consultation as PDF.",
    )
    sub.add_argument("file")
    sub.add_argument("case_id", metavar="CASE_ID")
    sub.add_argument("--out", required=True, metavar="OUT.pdf", help="must not exist yet")
    sub.epilog = (
        "Persons appear as Person A, B, …; dates as weeks since the case opened; no names, "
        "birth dates, contact data or ids. Free text is left out (release passages in the "
        "window). The municipality only if the district configuration allows it. A case with "
        "a restricted member (Art. 18 GDPR) is refused (exit 4)."
    )
