"""Which file counts a case that moved between files (DESIGN.md §11, docs/handover.md).

A handed-over case lives in two files: read-only in the sender's until it is erased, and
worked on in the recipient's. Both must not count it, or the district holds it twice once
both send bundles. The rule: **a case is counted by the file that holds it at the end of the
period** — the period's end decides, for every figure of the case (its opening, closing,
appointments, themes, goals, referrals, members). With D the handover day
(``cases.handed_over_on`` in the sender's file, ``cases.received_on`` in the recipient's,
the same day carried by the handover file):

- the sender counts the case for every period that ends before D, as it always did, and
  leaves it out of every period that ends on or after D;
- the recipient leaves it out of every period that ends before D and counts it, with its
  whole history, for every period that ends on or after D.

A substitute's working copy of a case in cover (``cases.cover_until`` set, core/sync/
cover.py) is never counted: the case stays the owner's, whose file counts it and, after the
return, what the substitute recorded.

So for any period exactly one of the two files counts the case, the two files together
show what the sender's file showed before the handover, and every figure of a period that
ended before D (in bundles sent already) stays as it was. A rule that split the records at D
instead would count the case's persons in both files for the period holding D.

Nothing to leave out is the usual case: ``any_moved`` then says so with one look at a partial
index, and the indicator statements stay exactly what they were. Otherwise the statements
over cases, goals and referrals get one more condition (``case_id NOT IN (…)``, the case id
being in the indexes that cover them), and the counts of appointments and themes are taken
as before and the moved cases' rows subtracted: a count over their few rows through their
case ids, instead of a test on each of the period's rows.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

# The cases this file does not count for a period ending on :end.
# Its first term is the WHERE of the partial index ix_cases_moved (migrations 0017, 0018),
# so it reads that small index only, never the table.
MOVED = "(handed_over_on IS NOT NULL OR received_on IS NOT NULL OR cover_until IS NOT NULL)"
MOVED_AWAY = (
    f"SELECT id FROM cases WHERE {MOVED}"
    " AND (handed_over_on <= :end OR received_on > :end OR cover_until IS NOT NULL)"
)
_ANY_MOVED = f"SELECT EXISTS (SELECT 1 FROM cases WHERE {MOVED})"


def any_moved(conn: Connection) -> bool:
    """Whether the file holds a case handed over, received or in cover at all."""
    return bool(conn.execute(text(_ANY_MOVED)).scalar())


def case_id_condition(column: str) -> str:
    """`` AND …``: the row whose case is ``column`` (never NULL; ``c.id`` for a case) is
    counted."""
    return f" AND {column} NOT IN ({MOVED_AWAY})"
