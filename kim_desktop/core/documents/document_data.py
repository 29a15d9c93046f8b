"""The plain data of the printable client documents (issue 6): the consent form and the goal
agreement. Gathered here from an open case file through ``casework``, handed to
``kim_desktop.reports``, which never opens the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile import document_texts
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework import restriction
from kim_desktop.core.errors import InvalidInput, RestrictedError, UsageError
from kim_desktop.core.sync import district

FORM_VERSION = "2026-1"  # 2026-1: controller, DPO, health and recipient tick boxes (issue 16)
# what each printed document's texts are called in core/casefile/document_texts.py
CONSENT_TEXTS, GOAL_AGREEMENT_TEXTS, ACCESS_TEXTS = document_texts.DOCUMENTS
CONSENT_KINDS = (casework.CASE_DOCUMENTATION, casework.DATA_TRANSFER)


@dataclass(frozen=True)
class Recipient:
    """A recipient of a data transfer: its code, its label in German and the second language
    (the German label when the catalogue has none in that language) and the organisation
    the client releases ("Jobcenter Kreis Wesel, Standort Moers"); None leaves a line on the
    form to write it in."""

    code: str
    de: str
    other: str
    organisation: str | None = None


@dataclass(frozen=True)
class ConsentFormData:
    """Everything the consent form prints. ``kind`` "case_documentation" prints the consent
    and, for ``recipients``, the data-transfer release; "data_transfer" only the release."""

    client_name: str
    birth_date: dt.date | None
    kind: str
    recipients: tuple[Recipient, ...]
    language: str
    municipality: str | None
    case_manager: str
    issued_on: dt.date
    form_version: str = FORM_VERSION
    # The district configuration's retention years: the deletion the form promises.
    retention_years: int = 3
    # The controller (name and address) and the data-protection officer's contact, lines,
    # from the district configuration; None: not configured, the form has a line to fill in.
    controller: str | None = None
    dpo: str | None = None


@dataclass(frozen=True)
class StepLine:
    """A step agreed towards a goal, as recorded (issue 16)."""

    what: str
    who: str | None
    due_on: dt.date | None
    done_on: dt.date | None


@dataclass(frozen=True)
class GoalLine:
    title: str
    life_area: str | None
    life_area_label: str
    agreed_on: dt.date
    due_on: dt.date | None
    status: str
    status_label: str
    steps: tuple[StepLine, ...] = ()


@dataclass(frozen=True)
class MemberLine:
    name: str
    birth_date: dt.date | None
    role_label: str


@dataclass(frozen=True)
class GoalAgreementData:
    """Everything the goal agreement prints; goals in date order."""

    case_id: str
    members: tuple[MemberLine, ...]
    case_manager: str
    municipality: str
    opened_on: dt.date
    issued_on: dt.date
    goals: tuple[GoalLine, ...]

    def adults(self) -> tuple[MemberLine, ...]:
        """The members who sign: everyone 18 or older on the date of the agreement (or of
        printing, without goals), and everyone whose birth date is not recorded."""
        day = self.agreed_on or self.issued_on
        return tuple(
            m for m in self.members if m.birth_date is None or _age(m.birth_date, day) >= 18
        )

    @property
    def agreed_on(self) -> dt.date | None:
        """The date of the agreement: the day its goals were agreed (the latest, when they
        were agreed on several days), never the day it is printed; None without goals."""
        return max((goal.agreed_on for goal in self.goals), default=None)


def _age(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _full_name(client: casework.ClientData) -> str:
    return casework.display_name(client.family_name, client.given_name)


ORGANISATION_MAX = 200  # characters of an organisation named on the form


def parse_recipient(text: str) -> tuple[str, str | None]:
    """A recipient as the command line gives it: "CODE" or "CODE=Organisation"."""
    code, _sep, organisation = text.partition("=")
    return code.strip(), organisation.strip() or None


def consent_data(
    casefile: CaseFile,
    client_id: str,
    kind: str,
    recipients: Sequence[str | tuple[str, str | None]],
    language: str,
    issued_on: dt.date | None = None,
) -> ConsentFormData:
    """The consent form's data for one client. ``recipients``: referral-target codes, each
    alone or with the organisation to name; a code alone names the organisation of the
    client's latest referral to that target, if any."""
    if kind not in CONSENT_KINDS:
        raise InvalidInput("kind", f"must be one of {', '.join(CONSENT_KINDS)}")
    if kind == casework.DATA_TRANSFER and not recipients:
        raise InvalidInput("recipients", "a data transfer needs at least one recipient")
    client = casework.get_client(casefile, client_id)
    if casework.restriction_of(casefile, client_id) is not None:
        # Art. 18 GDPR: nothing is printed about the client but their own Art. 15 copy.
        raise RestrictedError("client_id", restriction.ONLY_OWN_COPY)
    catalogue = casework.catalogues_of(casefile)[cat.REFERRAL_TARGETS]
    referred = casework.referral_organisations(casefile, client_id)
    chosen: list[Recipient] = []
    for entry in recipients:
        code, organisation = (entry, None) if isinstance(entry, str) else entry
        if code not in catalogue:
            raise InvalidInput("recipient", "must be a referral-target code")
        organisation = organisation.strip() if organisation else referred.get(code)
        if organisation is not None and (
            len(organisation) > ORGANISATION_MAX or not organisation.isprintable()
        ):
            raise InvalidInput(
                "organisation", f"must be one line of at most {ORGANISATION_MAX} characters"
            )
        recipient = Recipient(
            code, catalogue.label(code, "de"), catalogue.label(code, language), organisation
        )
        if recipient not in chosen:  # keep the order, drop repeats
            chosen.append(recipient)
    settings = district.current_settings(casefile)
    return ConsentFormData(
        client_name=_full_name(client),
        birth_date=client.birth_date,
        kind=kind,
        recipients=tuple(chosen),
        language=language,
        municipality=casework.client_municipality(casefile, client_id),
        case_manager=casefile.owner,
        issued_on=issued_on or dt.date.today(),
        retention_years=(
            settings.retention_years if settings is not None else district.DEFAULT_RETENTION_YEARS
        ),
        controller=settings.controller if settings is not None else None,
        dpo=settings.dpo if settings is not None else None,
    )


def goal_agreement_data(
    casefile: CaseFile, case_id: str, issued_on: dt.date | None = None
) -> GoalAgreementData:
    """The goal agreement's data for one case (German labels)."""
    detail = casework.get_case(casefile, case_id)
    if any(m.restriction for m in detail.members):
        # The agreement names every member; a restricted one is printed in no document
        # but their own Art. 15 copy.
        raise RestrictedError("case_id", restriction.ONLY_OWN_COPY)
    catalogues = casework.catalogues_of(casefile)
    areas, statuses = catalogues[cat.LIFE_AREAS], catalogues[cat.GOAL_STATUS]
    roles = catalogues[cat.MEMBER_ROLES]
    members = tuple(
        MemberLine(_full_name(m.client), m.client.birth_date, roles.label(m.role, "de"))
        for m in detail.members
    )
    goals = tuple(
        GoalLine(
            title=g.title,
            life_area=g.life_area,
            life_area_label=areas.label(g.life_area, "de") if g.life_area else "Ohne Lebensbereich",
            agreed_on=g.agreed_on,
            due_on=g.due_on,
            status=g.status,
            status_label=statuses.label(g.status, "de"),
            steps=tuple(StepLine(s.what, s.who, s.due_on, s.done_on) for s in g.steps),
        )
        for g in detail.goals
    )
    return GoalAgreementData(
        case_id=detail.id,
        members=members,
        case_manager=casefile.owner,
        municipality=detail.municipality,
        opened_on=detail.opened_on,
        issued_on=issued_on or dt.date.today(),
        goals=goals,
    )


def texts_in_force(casefile: CaseFile) -> document_texts.Texts:
    """The document texts this file prints with: the built-in ones and those of the imported
    district configuration (which add or replace languages)."""
    settings = district.current_settings(casefile)
    return document_texts.in_force(settings.texts if settings is not None else None)


def check_language(texts: document_texts.Texts, document: str, language: str) -> None:
    """UsageError (one line naming the available languages) for a language ``document``
    has no text in."""
    available = texts.languages(document)
    if language not in available:
        raise UsageError(
            f"--language: no text in {language!r} for this document; "
            f"available: {', '.join(available)}."
        )
