"""The personal-data check of a structural gap's text, against this file's clients.

A structural gap leaves the laptop (in the sync bundle) once it is reported, so its text must
describe the problem, not the person. The bundle export refuses gaps that fail the check
(sync/outbox.py); the window runs the same check while the text is typed and refuses to
mark a gap reported that fails it, so the case manager learns it where the text is written."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, select

from kim_desktop.core.casefile.models import Client, Municipality
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.figures.personal_data import (
    Finding,
    PersonalFacts,
    check_text,
    personal_facts,
)

GAP_TEXT_FIELDS = ("title", "description")


def facts_of(conn: Connection, public_words: Iterable[str] | None = None) -> PersonalFacts:
    """What the check compares against: every client of the file; municipality names (the
    file's, unless given) are public words, not personal."""
    names = (
        list(public_words)
        if public_words is not None
        else list(conn.scalars(select(Municipality.name)))
    )
    clients = (
        conn.execute(
            select(
                Client.given_name,
                Client.family_name,
                Client.birth_date,
                Client.phone,
                Client.email,
                Client.address,
            )
        )
        .mappings()
        .all()
    )
    # Birth dates come as dates; personal_facts reads them through str() (ISO form).
    return personal_facts(clients, public_words=names)


def personal_facts_of(casefile: CaseFile) -> PersonalFacts:
    with casefile.reading() as conn:
        return facts_of(conn)


def gap_findings(facts: PersonalFacts, title: str | None, description: str | None) -> list[Finding]:
    """What in a gap's title and description looks like personal data (none: it may go)."""
    return [
        finding
        for field, text in zip(GAP_TEXT_FIELDS, (title, description), strict=True)
        for finding in check_text(field, text, facts)
    ]
