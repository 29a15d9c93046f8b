"""Retention (DESIGN.md section 10): what in a case manager's file is due for erasure, and when.

Three things fall due (docs/retention.md says why):
- a **closed case**, ``retention_years`` after its closing date (the consent form promises
  deletion "at the latest three years after the case is closed");
- a **client whose consent to case documentation was withdrawn** (and not given anew since),
  at once: on the day of the withdrawal, open cases or not (the case manager decides whether
  the law requires keeping it; that decision belongs to erasure and restriction);
- a **client whose every case is due**: the client is in at least one case, no open case holds
  them, and the last of their cases has passed its retention; due on that last case's date.
  A client in one due case and one open case is not due.

A substitute's **cover copy** of a colleague's case is due the day after its cover ended, or
on the day it was returned (``cover_ended``, ``cover_returned``): the owner keeps the case.

A client in no case at all is not listed: with no closing date there is nothing to count from
(a register entry made before the case was opened, or a client left behind by an erasure,
which the erasure itself handles).

The retention years are passed in: they come from the district configuration in force, which
the sync layer reads (``district.retention_years_in_force``); casework does not import sync.
Reads only; names stay in the results for the window and never reach logs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import aliased

from kim_desktop.core.casefile.models import Case, CaseMember, Client, Consent
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework._base import (
    CASE_DOCUMENTATION,
    PRIMARY,
    _int,
    _reading,
    _required_date,
    display_name,
)
from kim_desktop.core.errors import UsageError

# Item kinds and reason codes: stable, scripts read them (kim retention --format json).
CASE = "case"
CLIENT = "client"
CASE_CLOSED = "case_closed"
CONSENT_WITHDRAWN = "consent_withdrawn"
ALL_CASES_DUE = "all_cases_due"
# A substitute's cover copy (core/sync/cover.py): due the day after the cover ended, or on
# the day it was returned to the owner, whichever comes first.
COVER_ENDED = "cover_ended"
COVER_RETURNED = "cover_returned"

DEFAULT_SOON_DAYS = 90
# As the district configuration allows (sync/config_document.py; a test keeps them equal).
MAX_RETENTION_YEARS = 30
MAX_SOON_DAYS = 3660


@dataclass(frozen=True)
class RetentionItem:
    """One record due (or soon due). ``since`` is the date the reason counts from: the case's
    closing date, the withdrawal, or the closing date of the client's last case. ``label``
    names a person (the case's primary member, the client): for the window, never for logs."""

    kind: str
    id: str
    label: str
    reason: str
    since: dt.date
    due_on: dt.date
    # A client whose processing is restricted (Art. 18 GDPR) since this day: kept instead of
    # erased for now (casework/restriction.py). Always None for a case.
    restricted_on: dt.date | None = None


@dataclass(frozen=True)
class Retention:
    """What is due on ``today`` (due on or before it) and what falls due within ``soon_days``
    after it, each sorted by due date."""

    retention_years: int
    today: dt.date
    soon_days: int
    due: tuple[RetentionItem, ...]
    soon: tuple[RetentionItem, ...]


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later; 29 February becomes 28 February in a common
    year (the earlier day: never later than the promise of the consent form)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _latest_closing(due_by: dt.date, years: int) -> dt.date:
    """The last closing date whose retention ends on or before ``due_by`` (add_years is
    monotone, so every earlier closing date is due by then too)."""
    latest = add_years(due_by, -years)
    # add_years(latest, years) may fall short of due_by (29 Feb → 28 Feb): step forward
    # while the next day still ends in time.
    while add_years(latest + dt.timedelta(days=1), years) <= due_by:
        latest += dt.timedelta(days=1)
    return latest


def list_retention(
    casefile: CaseFile,
    today: dt.date,
    retention_years: int,
    soon_days: int = DEFAULT_SOON_DAYS,
) -> Retention:
    """What is due for erasure on ``today`` and what falls due in the ``soon_days`` after it,
    with ``retention_years`` from the district configuration in force. A coordinator's file
    holds no persons and is refused (``UsageError``)."""
    if casefile.role == "coordinator":
        raise UsageError("A coordinator's file holds no persons; retention concerns case files.")
    day = _required_date("today", today)
    years = _int("retention_years", retention_years, 1, MAX_RETENTION_YEARS)
    days = _int("soon_days", soon_days, 0, MAX_SOON_DAYS)
    horizon = day + dt.timedelta(days=days)
    closed_by = _latest_closing(horizon, years)
    items: list[RetentionItem] = []
    with _reading(casefile) as conn:
        # Closed cases past (or near) their retention, with the primary member's name.
        primary = aliased(CaseMember)
        person = aliased(Client)
        cases = (
            select(Case.id, Case.closed_on, person.family_name, person.given_name)
            .outerjoin(primary, and_(primary.case_id == Case.id, primary.role == PRIMARY))
            .outerjoin(person, person.id == primary.client_id)
            .where(Case.closed_on.is_not(None), Case.closed_on <= closed_by)
        )
        for r in conn.execute(cases):
            items.append(
                RetentionItem(
                    CASE,
                    r.id,
                    display_name(r.family_name, r.given_name),
                    CASE_CLOSED,
                    r.closed_on,
                    add_years(r.closed_on, years),
                )
            )
        # Cover copies whose cover ended (or that went back to the owner).
        copies = (
            select(
                Case.id,
                Case.cover_until,
                Case.cover_returned_on,
                person.family_name,
                person.given_name,
            )
            .outerjoin(primary, and_(primary.case_id == Case.id, primary.role == PRIMARY))
            .outerjoin(person, person.id == primary.client_id)
            .where(
                Case.cover_until.is_not(None),
                (Case.cover_until < horizon) | (Case.cover_returned_on <= horizon),
            )
        )
        by_case = {item.id: item for item in items}
        for c in conn.execute(copies):
            ended = c.cover_until + dt.timedelta(days=1)
            returned = c.cover_returned_on
            reason, since, due_on = (
                (COVER_RETURNED, returned, returned)
                if returned is not None and returned < ended
                else (COVER_ENDED, c.cover_until, ended)
            )
            earlier = by_case.get(c.id)
            if earlier is None or due_on < earlier.due_on:
                by_case[c.id] = RetentionItem(
                    CASE, c.id, display_name(c.family_name, c.given_name), reason, since, due_on
                )
        items = list(by_case.values())
        # Clients held by no open case whose last case closed long enough ago.
        last_closed = func.max(Case.closed_on)
        held_open = func.sum(case((Case.closed_on.is_(None), 1), else_=0))
        finished = (
            select(CaseMember.client_id, last_closed.label("last_closed"))
            .join(Case, Case.id == CaseMember.case_id)
            .group_by(CaseMember.client_id)
            .having(held_open == 0, last_closed <= closed_by)
        ).subquery()
        by_client: dict[str, RetentionItem] = {}
        rows = conn.execute(
            select(
                Client.id,
                Client.family_name,
                Client.given_name,
                Client.restricted_on,
                finished.c.last_closed,
            ).join(finished, finished.c.client_id == Client.id)
        )
        for row in rows:
            by_client[row.id] = RetentionItem(
                CLIENT,
                row.id,
                display_name(row.family_name, row.given_name),
                ALL_CASES_DUE,
                row.last_closed,
                add_years(row.last_closed, years),
                row.restricted_on,
            )
        # Clients whose documentation consent is withdrawn and was not given anew after.
        renewed = aliased(Consent)
        in_force_again = (
            select(renewed.id)
            .where(
                renewed.client_id == Consent.client_id,
                renewed.kind == CASE_DOCUMENTATION,
                renewed.withdrawn_on.is_(None),
            )
            .exists()
        )
        withdrawn = (
            select(
                Client.id,
                Client.family_name,
                Client.given_name,
                Client.restricted_on,
                func.max(Consent.withdrawn_on).label("withdrawn_on"),
            )
            .join(Consent, Consent.client_id == Client.id)
            .where(
                Consent.kind == CASE_DOCUMENTATION,
                Consent.withdrawn_on.is_not(None),
                Consent.withdrawn_on <= horizon,
                ~in_force_again,
            )
            .group_by(Client.id)
        )
        for w in conn.execute(withdrawn):
            earlier = by_client.get(w.id)
            if earlier is None or w.withdrawn_on <= earlier.due_on:
                by_client[w.id] = RetentionItem(
                    CLIENT,
                    w.id,
                    display_name(w.family_name, w.given_name),
                    CONSENT_WITHDRAWN,
                    w.withdrawn_on,
                    w.withdrawn_on,
                    w.restricted_on,
                )
    items.extend(by_client.values())
    items.sort(key=lambda item: (item.due_on, item.kind, item.label.casefold(), item.id))
    return Retention(
        retention_years=years,
        today=day,
        soon_days=days,
        due=tuple(item for item in items if item.due_on <= day),
        soon=tuple(item for item in items if day < item.due_on <= horizon),
    )
