"""Commands about the life of personal data: ``kim retention`` (what is due for erasure).

The JSON is for scripts: ids, kinds, reason codes and dates, never names (a script acts on
ids; names would only widen where personal data travels). The table is for the case manager
at the terminal and shows the names, as the window does."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import time
from typing import TYPE_CHECKING

from kim_desktop.cli.common import AddCommand, open_file, say
from kim_desktop.core.errors import EXIT_OK, UsageError

if TYPE_CHECKING:  # the engine is imported when the command runs, not to build the parser
    from kim_desktop.core.casework import retention as core_retention

log = logging.getLogger("kim_desktop.cli")

# casework.retention's reason codes and default (a test keeps them equal)
_REASONS = {
    "case_closed": "case closed on {since}",
    "consent_withdrawn": "documentation consent withdrawn on {since}",
    "all_cases_due": "every case due (last closed on {since})",
    "cover_ended": "cover ended on {since}",
    "cover_returned": "cover copy returned on {since}",
}
DEFAULT_SOON_DAYS = 90


def _item(item: core_retention.RetentionItem) -> dict[str, str]:
    fields = {
        "kind": item.kind,
        "id": item.id,
        "reason": item.reason,
        "since": item.since.isoformat(),
        "due_on": item.due_on.isoformat(),
    }
    if item.restricted_on is not None:  # kept restricted instead of erased (kim restrict)
        fields["restricted_on"] = item.restricted_on.isoformat()
    return fields


def _lines(title: str, items: tuple[core_retention.RetentionItem, ...]) -> list[str]:
    if not items:
        return [f"{title}: none."]
    lines = [f"{title} ({len(items)}):", f"  {'due on':<10}  {'kind':<6}  {'name':<30}  reason"]
    for item in items:
        reason = _REASONS[item.reason].format(since=item.since.isoformat())
        if item.restricted_on is not None:
            reason += f"; restricted since {item.restricted_on.isoformat()}"
        name = item.label if len(item.label) <= 30 else item.label[:29] + "…"
        lines.append(f"  {item.due_on.isoformat():<10}  {item.kind:<6}  {name:<30}  {reason}")
        lines.append(f"  {'':<10}  {'':<6}  id {item.id}")
    return lines


def cmd_retention(args: argparse.Namespace) -> int:
    from kim_desktop.core.casework import retention as core_retention
    from kim_desktop.core.sync import district

    with open_file(args.file) as casefile:
        started = time.perf_counter()
        if casefile.role == "coordinator":
            raise UsageError(
                "A coordinator's file holds no persons; kim retention reads a case manager's file."
            )
        years = district.retention_years_in_force(casefile)
        result = core_retention.list_retention(casefile, dt.date.today(), years, args.soon_days)
        log.debug("retention computed in %.3f s", time.perf_counter() - started)
    if args.format == "json":
        document = {
            "retention_years": result.retention_years,
            "today": result.today.isoformat(),
            "soon_days": result.soon_days,
            "due": [_item(item) for item in result.due],
            "soon": [_item(item) for item in result.soon],
        }
        say(json.dumps(document, ensure_ascii=False, indent=2))
        return EXIT_OK
    say(
        f"Retention: {result.retention_years} years after a case is closed; a withdrawn "
        "documentation consent is due at once."
    )
    if not result.due:
        say("Nothing is due for erasure.")
    else:
        for line in _lines("Due for erasure", result.due):
            say(line)
    for line in _lines(f"Due within {result.soon_days} days", result.soon):
        say(line)
    return EXIT_OK


def register(add: AddCommand) -> None:
    """Add these commands to the ``kim`` parser."""
    sub = add(
        "retention",
        cmd_retention,
        "List the closed cases and clients due for erasure, and those due soon.",
    )
    sub.add_argument("file")
    sub.add_argument("--format", choices=("json", "table"), default="table")
    sub.add_argument(
        "--soon-days",
        type=int,
        default=DEFAULT_SOON_DAYS,
        metavar="N",
        help=f"also list what falls due within N days (default {DEFAULT_SOON_DAYS})",
    )
