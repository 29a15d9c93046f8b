"""Write the manual pages kim.1 and kim-desktop.1 from the programs' argparse parsers.

    python tools/make_manpages.py OUT_DIR

The pages are generated at package build time (packaging/build_deb.sh), so every command,
option and help text in them is the one the program has: they cannot drift from ``kim
--help``. The date is SOURCE_DATE_EPOCH's when set (reproducible builds), else today.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kim_desktop import __version__  # noqa: E402

EXIT_STATUS = (
    ("0", "success"),
    ("1", "unexpected error (the log has the details, never personal data)"),
    ("2", "usage error: a wrong option, a missing or existing file, a refused value"),
    ("3", "wrong passphrase or recovery key; the file is unchanged"),
    ("4", "rejected input: a file or record that fails its checks; nothing was written"),
)
ENVIRONMENT = (
    ("KIM_PASSPHRASE", "the case file's passphrase (otherwise asked on the terminal)"),
    ("KIM_NEW_PASSPHRASE", "the new passphrase for kim passwd"),
    ("KIM_RECOVERY_KEY", "the recovery key for kim passwd --recovery"),
    ("KIM_DESKTOP_HOME", "a folder for settings and logs instead of the user's defaults"),
    ("KIM_DEBUG", "1: show a traceback for unexpected errors (never with real case files)"),
    ("SOURCE_DATE_EPOCH", "the date of issue printed on reports, for reproducible output"),
)


def roff(text: str) -> str:
    """Plain text as roff: backslashes and hyphens escaped, no line starting with a dot."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    lines = [("\\&" + line) if line.startswith((".", "'")) else line for line in text.split("\n")]
    return "\n".join(lines)


def _help(action: argparse.Action) -> str:
    if not action.help or action.help == argparse.SUPPRESS:
        return ""
    values = {"default": action.default, "prog": "", "choices": action.choices}
    try:
        return action.help % values
    except (KeyError, TypeError, ValueError):
        return action.help


def _option_label(action: argparse.Action) -> str:
    metavar = action.metavar or (action.dest.upper() if action.option_strings else action.dest)
    if not action.option_strings:
        return str(metavar)
    if action.nargs == 0:
        return ", ".join(action.option_strings)
    if action.choices and not action.metavar:
        metavar = "{" + ",".join(map(str, action.choices)) + "}"
    return ", ".join(f"{option} {metavar}" for option in action.option_strings)


def _options(parser: argparse.ArgumentParser) -> list[str]:
    out: list[str] = []
    for action in parser._actions:  # argparse has no public list of its actions
        if isinstance(action, argparse._SubParsersAction):
            continue
        out += [".TP", f"\\fB{roff(_option_label(action))}\\fR", roff(_help(action))]
    return out


def _usage(parser: argparse.ArgumentParser) -> str:
    usage = parser.format_usage().strip()
    return " ".join(usage.removeprefix("usage:").split())


def _commands(parser: argparse.ArgumentParser, depth: int = 0) -> Iterable[str]:
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        helps = {choice.dest: choice.help for choice in action._choices_actions}
        for name, sub in action.choices.items():
            heading = ".SS" if depth == 0 else ".TP"
            yield heading
            yield f"\\fB{roff(_usage(sub))}\\fR" if depth == 0 else f"\\fB{roff(sub.prog)}\\fR"
            if depth:
                yield ".RS"
                yield roff(_usage(sub))
                yield ".RE"
            yield ".PP" if depth == 0 else ".IP"
            yield roff(sub.description or helps.get(name) or "")
            yield from _options(sub)
            yield from _commands(sub, depth + 1)


def page(
    parser: argparse.ArgumentParser, name: str, summary: str, description: str, date: dt.date
) -> str:
    lines = [
        f'.TH {name.upper()} 1 "{date.isoformat()}" "KIM Desktop {__version__}" "KIM Desktop"',
        ".SH NAME",
        f"{roff(name)} \\- {roff(summary)}",
        ".SH SYNOPSIS",
        f"\\fB{roff(_usage(parser))}\\fR",
        ".SH DESCRIPTION",
        roff(description),
        ".SH OPTIONS",
        *_options(parser),
    ]
    commands = list(_commands(parser))
    if commands:
        lines += [".SH COMMANDS", *commands]
    lines += [".SH EXIT STATUS"]
    for code, meaning in EXIT_STATUS:
        lines += [".TP", f"\\fB{code}\\fR", roff(meaning)]
    lines += [".SH ENVIRONMENT"]
    for variable, meaning in ENVIRONMENT:
        lines += [".TP", f"\\fB{variable}\\fR", roff(meaning)]
    lines += [
        ".SH FILES",
        ".TP",
        "\\fB/etc/xdg/kim\\-desktop/policy.json\\fR",
        roff("the machine-wide policy set by the IT department (see the administrator's guide)"),
        ".SH SEE ALSO",
        "\\fBkim\\fR(1), \\fBkim\\-desktop\\fR(1)",
    ]
    return "\n".join(lines) + "\n"


def build_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("out_dir", type=Path)
    args = cli.parse_args(argv)
    from kim_desktop.cli import build_parser
    from kim_desktop.gui.app import argument_parser

    args.out_dir.mkdir(parents=True, exist_ok=True)
    date = build_date()
    pages = {
        "kim": page(
            build_parser(),
            "kim",
            "command line of KIM Desktop, the encrypted case file for KIM NRW",
            "kim works on the encrypted case files of KIM Desktop without a window: create and "
            "check files, import and export records, count the figures, print documents and "
            "reports, exchange signed and encrypted bundles with the coordination office, "
            "hand cases over, erase what is due. Errors are one line on standard error; the "
            "exit status says what kind.",
            date,
        ),
        "kim-desktop": page(
            argument_parser(),
            "kim-desktop",
            "the window of KIM Desktop, the encrypted case file for KIM NRW",
            "kim-desktop opens the graphical program: the case file of the Kommunales "
            "Integrationsmanagement (clients, cases, appointments, goals, referrals, consents), "
            "its statistics and documents, and the exchange with the coordination office. "
            "Without FILE it starts with the recent case files.",
            date,
        ),
    }
    for name, text in pages.items():
        path = args.out_dir / f"{name}.1"
        path.write_text(text, encoding="utf-8")
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
