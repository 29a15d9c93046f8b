"""A client's consents: to case documentation, or to a data transfer to a recipient.

Corrections follow docs/corrections.md: a consent still in force can be corrected in every
field (the entry must match the signed form); a withdrawn consent keeps what was consented
to and only its two dates can be corrected, and the withdrawal is never taken back (a
renewed consent is a new record). A consent entered by mistake can be removed while it is
in force; a withdrawn one is kept as the proof that processing before the withdrawal was
lawful and the withdrawal was honoured (Art. 7 GDPR) and leaves the file only with its
client."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import literal_column, select

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.models import CaseMember, Client, Consent, Referral
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework._base import (
    DATA_TRANSFER,
    _at_most,
    _new_id,
    _not_before,
    _reading,
    _required_date,
    _text,
    _Work,
    _writing,
)
from kim_desktop.core.casework.restriction import _refuse_restricted_client
from kim_desktop.core.errors import InvalidInput

# A form version is a short label ("2024-1"); the language of the form a code or a name.
FORM_VERSION_MAX = 50
LANGUAGE_MAX = 32

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


def _recipient(work: _Work, kind: str, recipient: object) -> str | None:
    if kind == DATA_TRANSFER:
        return work.code("recipient", cat.REFERRAL_TARGETS, recipient)
    if recipient is not None:
        raise InvalidInput("recipient", "only for kind 'data_transfer'")
    return None


def _form_fields(form_version: object, language: object) -> tuple[str | None, str | None]:
    return (
        _at_most("form_version", _text("form_version", form_version), FORM_VERSION_MAX),
        _at_most("language", _text("language", language), LANGUAGE_MAX),
    )


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
        _refuse_restricted_client(work, client_id)
        kind_code = work.code("kind", cat.CONSENT_KINDS, kind)
        checked_recipient = _recipient(work, kind_code, recipient)
        version, form_language = _form_fields(form_version, language)
        consent = Consent(
            id=_new_id(),
            client_id=client_id,
            kind=kind_code,
            recipient=checked_recipient,
            given_on=_required_date("given_on", given_on),
            form_version=version,
            language=form_language,
        )
        work.session.add(consent)
        return consent.id


def update_consent(
    casefile: CaseFile,
    consent_id: str,
    kind: str,
    given_on: dt.date,
    recipient: str | None = None,
    form_version: str | None = None,
    language: str | None = None,
    withdrawn_on: dt.date | None = None,
) -> None:
    """Correct a mistyped consent entry, with the rules of ``record_consent``.

    A consent in force takes every field; ``withdrawn_on`` must stay None (withdrawing is
    ``withdraw_consent``). A withdrawn consent keeps kind, recipient, form version and
    language as they were; its given and withdrawal dates can be corrected, and
    ``withdrawn_on`` must stay a date (a renewed consent is recorded as a new one)."""
    with _writing(casefile) as work:
        consent = work.get(Consent, consent_id, "consent_id")
        _refuse_restricted_client(work, consent.client_id, "consent_id")
        kind_code = work.code("kind", cat.CONSENT_KINDS, kind)
        checked_recipient = _recipient(work, kind_code, recipient)
        version, form_language = _form_fields(form_version, language)
        given = _required_date("given_on", given_on)
        if consent.withdrawn_on is None:
            if withdrawn_on is not None:
                raise InvalidInput(
                    "withdrawn_on", "a withdrawal is recorded as such, not corrected"
                )
            consent.kind, consent.recipient = kind_code, checked_recipient
            consent.form_version, consent.language = version, form_language
            consent.given_on = given
            return
        if (kind_code, checked_recipient, version, form_language) != (
            consent.kind,
            consent.recipient,
            consent.form_version,
            consent.language,
        ):
            raise InvalidInput(
                "kind", "a withdrawn consent keeps what was consented to; only its dates change"
            )
        withdrawn = _required_date("withdrawn_on", withdrawn_on)
        _not_before("withdrawn_on", withdrawn, given, "the consent was given")
        consent.given_on, consent.withdrawn_on = given, withdrawn


def withdraw_consent(casefile: CaseFile, consent_id: str, withdrawn_on: dt.date) -> None:
    """Record that a consent was withdrawn (on or after the day it was given). Also for a
    client whose processing is restricted: withdrawing is their right (Art. 7(3) GDPR)."""
    with _writing(casefile) as work:
        consent = work.get(Consent, consent_id, "consent_id")
        if consent.withdrawn_on is not None:
            raise InvalidInput("consent_id", "the consent is already withdrawn")
        day = _required_date("withdrawn_on", withdrawn_on)
        _not_before("withdrawn_on", day, consent.given_on, "the consent was given")
        consent.withdrawn_on = day


def delete_consent(casefile: CaseFile, consent_id: str) -> None:
    """Delete a consent entered by mistake (a real withdrawal is ``withdraw_consent``).
    A withdrawn consent is refused: it is the proof of the withdrawal."""
    with _writing(casefile) as work:
        consent = work.get(Consent, consent_id, "consent_id")
        if consent.withdrawn_on is not None:
            raise InvalidInput(
                "consent_id", "a withdrawn consent is kept as proof and cannot be removed"
            )
        _refuse_restricted_client(work, consent.client_id, "consent_id")
        work.session.delete(consent)


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


def withdrawn_transfers(casefile: CaseFile, case_id: str) -> dict[str, dt.date]:
    """Referral targets a member of the case withdrew the data-transfer consent for and has
    not given again: target code -> the latest such withdrawal. A referral to one of them
    must share no data (DESIGN §10: withdrawn consent has consequences the case manager
    sees)."""
    with _reading(casefile) as conn:
        rows = conn.execute(
            select(Consent.client_id, Consent.recipient, Consent.withdrawn_on)
            .join(CaseMember, CaseMember.client_id == Consent.client_id)
            .where(CaseMember.case_id == case_id, Consent.kind == DATA_TRANSFER)
        ).all()
    in_force = {(client, target) for client, target, withdrawn in rows if withdrawn is None}
    found: dict[str, dt.date] = {}
    for client, target, withdrawn in rows:
        if withdrawn is not None and target and (client, target) not in in_force:
            found[target] = max(withdrawn, found.get(target, withdrawn))
    return found


def referral_organisations(casefile: CaseFile, client_id: str) -> dict[str, str]:
    """The organisation of the client's latest referral to each target, over all the
    client's cases: target code -> organisation (targets without a named one left out).
    The consent form names these, so that the client releases an organisation, not a
    category."""
    with _reading(casefile) as conn:
        rows = conn.execute(
            select(Referral.target, Referral.organisation)
            .join(CaseMember, CaseMember.case_id == Referral.case_id)
            .where(CaseMember.client_id == client_id, Referral.organisation.is_not(None))
            .order_by(Referral.date, literal_column("referrals.rowid"))
        ).all()
    found: dict[str, str] = {}
    for target, organisation in rows:
        if organisation and organisation.strip():
            found[target] = organisation.strip()  # later referrals win
    return found
