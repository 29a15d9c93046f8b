"""A client's consents: to case documentation, or to a data transfer to a recipient."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import literal_column, select

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.models import Client, Consent
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework._base import (
    DATA_TRANSFER,
    _new_id,
    _not_before,
    _reading,
    _required_date,
    _text,
    _writing,
)
from kim_desktop.core.errors import InvalidInput

# -- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConsentRow:
    id: str
    client_id: str
    kind: str
    recipient: str | None
    given_on: dt.date
    withdrawn_on: dt.date | None
    form_version: str | None
    language: str | None


# -- consents --------------------------------------------------------------------------------


def record_consent(
    casefile: CaseFile,
    client_id: str,
    kind: str,
    given_on: dt.date,
    recipient: str | None = None,
    form_version: str | None = None,
    language: str | None = None,
) -> str:
    """Record a client's consent: "case_documentation", or "data_transfer" to a recipient
    (a referral-target code; only for data transfer). Returns its id."""
    with _writing(casefile) as work:
        work.get(Client, client_id, "client_id")
        kind_code = work.code("kind", cat.CONSENT_KINDS, kind)
        if kind_code == DATA_TRANSFER:
            recipient = work.code("recipient", cat.REFERRAL_TARGETS, recipient)
        elif recipient is not None:
            raise InvalidInput("recipient", "only for kind 'data_transfer'")
        consent = Consent(
            id=_new_id(),
            client_id=client_id,
            kind=kind_code,
            recipient=recipient,
            given_on=_required_date("given_on", given_on),
            form_version=_text("form_version", form_version),
            language=_text("language", language),
        )
        work.session.add(consent)
        return consent.id


def withdraw_consent(casefile: CaseFile, consent_id: str, withdrawn_on: dt.date) -> None:
    """Record that a consent was withdrawn (on or after the day it was given)."""
    with _writing(casefile) as work:
        consent = work.get(Consent, consent_id, "consent_id")
        if consent.withdrawn_on is not None:
            raise InvalidInput("consent_id", "the consent is already withdrawn")
        day = _required_date("withdrawn_on", withdrawn_on)
        _not_before("withdrawn_on", day, consent.given_on, "the consent was given")
        consent.withdrawn_on = day


def delete_consent(casefile: CaseFile, consent_id: str) -> None:
    """Delete a consent entered by mistake (a real withdrawal is ``withdraw_consent``)."""
    with _writing(casefile) as work:
        work.session.delete(work.get(Consent, consent_id, "consent_id"))


def _consent_row(row: Any) -> ConsentRow:
    return ConsentRow(
        id=row.id,
        client_id=row.client_id,
        kind=row.kind,
        recipient=row.recipient,
        given_on=row.given_on,
        withdrawn_on=row.withdrawn_on,
        form_version=row.form_version,
        language=row.language,
    )


def list_consents(casefile: CaseFile, client_id: str) -> list[ConsentRow]:
    """A client's consents in the order they were given."""
    with _reading(casefile) as conn:
        rows = conn.execute(
            select(Consent.__table__)
            .where(Consent.client_id == client_id)
            .order_by(Consent.given_on, literal_column("consents.rowid"))
        )
        return [_consent_row(r) for r in rows]
