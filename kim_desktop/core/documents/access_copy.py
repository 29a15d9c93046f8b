"""A client's copy of their data (Auskunft nach Art. 15 DSGVO, issue 6).

Two halves from one read: the JSON half is the interchange subset of the client
(``interchange.export_document(casefile, client_id)``); the printed half is built from that
same document, with German labels, plus the phase history of the client's cases (stored, but
not part of the interchange format). Other household members' records are not part of the
copy (Art. 15 Abs. 4 DSGVO): a household case shows only how many further persons it has.

Issue 14: the controller and the data-protection officer are those of the district
configuration in force (never guessed from a municipality: the Kreis may employ the case
managers); where it names none, ``controller``/``dpo`` stay None and the printed copy has a
line to fill in by hand. Free text is withheld unless released (``free_text.py``).

Issue 16: the goals' agreed steps are data about the client too, but the interchange format
has no field for them: the JSON half carries them in an array of its own, ``goal_steps``
(id, goal_id, position, what, who, due_on, done_on), beside the interchange arrays; the
printed half lists them per case under "Vereinbarte Schritte zu den Zielen". ``what`` and
``who`` are free text, withheld unless released like the goals' wording."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from kim_desktop.core import casework, interchange
from kim_desktop.core.casefile import audit
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.models import CaseMember, CasePhaseChange
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework.steps import StepData, steps_by_goal
from kim_desktop.core.documents import free_text
from kim_desktop.core.errors import ValidationFailed
from kim_desktop.core.interchange.importer import ProgressCallback
from kim_desktop.core.sync import carried_steps
from kim_desktop.core.sync import district as district_config

RATING_LABELS = {0: "kein Bedarf", 1: "gering", 2: "mittel", 3: "hoch"}


@dataclass(frozen=True)
class Line:
    """One row of a listing; ``note`` is free text printed below the row across all columns."""

    cells: tuple[str, ...]
    note: str | None = None


@dataclass(frozen=True)
class Listing:
    title: str
    columns: tuple[str, ...]
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class CaseCopy:
    title: str
    facts: tuple[tuple[str, str], ...]
    notes: str | None
    listings: tuple[Listing, ...]
    # The goals' agreed steps: (goal number as in "Ziele", step number, what, who, by when,
    # done on); the report labels the columns in both languages. Shown when the case has goals.
    steps: tuple[Line, ...] = ()
    has_goals: bool = False


@dataclass(frozen=True)
class AccessCopyData:
    """Everything the printed copy shows, already in German words."""

    client_id: str
    client_name: str
    issued_on: dt.date
    case_manager: str
    controller: str | None  # name and address, lines; None: not in the district configuration
    dpo: str | None  # the data-protection officer's contact, lines; None: not configured
    personal: tuple[tuple[str, str], ...]
    client_notes: str | None
    consents: Listing
    cases: tuple[CaseCopy, ...]
    recipients: tuple[str, ...]  # consented data-transfer recipients and referral targets
    record_counts: tuple[tuple[str, int], ...]  # what the JSON half holds, per kind
    sources: tuple[str, ...] = ()  # where the data came from (Art. 15 Abs. 1 Buchst. g)
    withheld: int = 0  # free-text passages not released (Art. 15 Abs. 4)
    retention_years: int = 3  # the district configuration's, as the copy promises deletion


@dataclass(frozen=True)
class AccessCopy:
    document: dict[str, Any]
    data: AccessCopyData


RECORD_KINDS = (
    ("clients", "Personendaten"),
    ("consents", "Einwilligungen"),
    ("cases", "Fälle"),
    ("appointments", "Termine"),
    ("assessments", "Einschätzungen"),
    ("goals", "Ziele"),
    ("goal_steps", "Vereinbarte Schritte"),
    ("referrals", "Vermittlungen"),
)
# The fields of a step in the JSON half, in this order; a step without who, due or done day
# leaves that field out (as the interchange leaves out empty fields).
STEP_FIELDS = ("id", "goal_id", "position", "what", "who", "due_on", "done_on")


def _date(value: str | None) -> str:
    return f"{dt.date.fromisoformat(value):%d.%m.%Y}" if value else "–"


class _Labels:
    def __init__(self, catalogues: Mapping[str, cat.Catalogue]) -> None:
        self.catalogues = catalogues

    def __call__(self, catalogue: str, code: str | None) -> str:
        return self.catalogues[catalogue].label(code, "de") if code else "–"

    def many(self, catalogue: str, codes: list[str] | None) -> str:
        return ", ".join(self(catalogue, code) for code in codes or ()) or "–"

    def referred_by(self, code: str | None) -> str:
        return cat.referred_by_label(code, self.catalogues) if code else "–"

    def interpreter(self, use: str | None, language: str | None) -> str:
        shown = self(cat.INTERPRETER, use)
        return f"{shown}, {cat.language_label(language)}" if language else shown


def _when(appointment: Mapping[str, Any]) -> str:
    day = _date(appointment["date"])
    start = appointment.get("start_time")
    return f"{day} {start} Uhr" if start else day  # wraps after the date in a narrow column


def _personal(client: Mapping[str, Any], label: _Labels) -> tuple[tuple[str, str], ...]:
    nationality = client.get("nationality")
    return (
        ("Familienname", client["family_name"]),
        ("Vorname", client.get("given_name") or "–"),
        ("Geburtsdatum", _date(client.get("birth_date"))),
        ("Geschlecht", label(cat.GENDERS, client.get("gender"))),
        ("Staatsangehörigkeit", cat.nationality_label(nationality) if nationality else "–"),
        ("Sprachen", ", ".join(cat.language_label(c) for c in client.get("languages", [])) or "–"),
        ("Einreise", _date(client.get("arrival_date"))),
        ("Aufenthaltsstatus", label(cat.RESIDENCE_STATUS, client.get("residence_status"))),
        ("Telefon", client.get("phone") or "–"),
        ("E-Mail", client.get("email") or "–"),
        ("Anschrift", client.get("address") or "–"),
        ("Kennung in der Fallakte", client["id"]),
    )


def _consents(consents: list[dict[str, Any]], label: _Labels) -> Listing:
    lines = tuple(
        Line(
            (
                label(cat.CONSENT_KINDS, c["kind"]),
                label(cat.REFERRAL_TARGETS, c.get("recipient")),
                _date(c["given_on"]),
                _date(c.get("withdrawn_on")),
                c.get("form_version") or "–",
                c.get("language") or "–",
            )
        )
        for c in consents
    )
    columns = ("Einwilligung", "Empfänger", "Erteilt", "Widerrufen", "Formular", "Sprache")
    return Listing("Einwilligungen", columns, lines)


def _case(
    case: Mapping[str, Any],
    client_id: str,
    members_in_case: int,
    records: Mapping[str, list[dict[str, Any]]],
    phases: list[CasePhaseChange] | None,
    label: _Labels,
) -> CaseCopy:
    own_role = next(m["role"] for m in case["members"] if m["client_id"] == client_id)
    facts = (
        ("Fallnummer", case["id"]),
        ("Kommune", case["municipality"]),
        ("Art der Begleitung", label(cat.TRACKS, case["track"])),
        ("Phase", label(cat.PHASES, case["phase"])),
        ("Eröffnet am", _date(case["opened_on"])),
        ("Vermittelt durch", label.referred_by(case.get("referred_by"))),
        ("Abgeschlossen am", _date(case.get("closed_on"))),
        ("Abschlussgrund", label(cat.CLOSURE_REASONS, case.get("closure_reason"))),
        ("Wiedervorlage", _date(case.get("follow_up_on"))),
        ("Ihre Rolle im Fall", label(cat.MEMBER_ROLES, own_role)),
        ("Weitere Personen im Fall", str(members_in_case - 1)),
    )
    of_case = {
        kind: [r for r in rows if r.get("case_id") == case["id"]] for kind, rows in records.items()
    }
    history = Listing(
        "Verlauf der Phasen",
        ("Datum", "Von", "Nach", "Abschlussgrund"),
        tuple(
            Line(
                (
                    f"{p.changed_on:%d.%m.%Y}",
                    label(cat.PHASES, p.from_phase),
                    label(cat.PHASES, p.to_phase),
                    label(cat.CLOSURE_REASONS, p.closure_reason),
                )
            )
            for p in phases or ()
        ),
    )
    appointments = Listing(
        "Termine",
        ("Datum", "Art", "Minuten", "Weg", "Themen", "Dolmetschung"),
        tuple(
            Line(
                (
                    _when(a),
                    label(cat.APPOINTMENT_KINDS, a["kind"]),
                    str(a["minutes"]),
                    label(cat.CHANNELS, a.get("channel")),
                    label.many(cat.THEMES, a.get("themes")),
                    label.interpreter(a.get("interpreter"), a.get("interpreter_language")),
                ),
                a.get("notes"),
            )
            for a in sorted(
                of_case["appointments"], key=lambda a: (a["date"], a.get("start_time", ""))
            )
        ),
    )
    assessments = Listing(
        "Einschätzungen nach Lebensbereichen",
        ("Datum", "Bedarf je Lebensbereich"),
        tuple(
            Line(
                (
                    _date(a["assessed_on"]),
                    "; ".join(
                        f"{label(cat.LIFE_AREAS, area)}: {RATING_LABELS.get(value, str(value))}"
                        for area, value in a["ratings"].items()
                    )
                    or "–",
                ),
                a.get("notes"),
            )
            for a in sorted(of_case["assessments"], key=lambda a: a["assessed_on"])
        ),
    )
    goals_in_order = sorted(of_case["goals"], key=lambda g: g["agreed_on"])
    goals = Listing(
        "Ziele",
        ("Nr.", "Lebensbereich", "Ziel", "Vereinbart", "Fällig", "Erledigt", "Stand"),
        tuple(
            Line(
                (
                    str(number),
                    label(cat.LIFE_AREAS, g.get("life_area")),
                    g["title"],
                    _date(g["agreed_on"]),
                    _date(g.get("due_on")),
                    _date(g.get("closed_on")),
                    label(cat.GOAL_STATUS, g["status"]),
                )
            )
            for number, g in enumerate(goals_in_order, start=1)
        ),
    )
    steps = tuple(
        Line(
            (
                str(goal_number),
                str(step_number),
                s["what"],
                s.get("who") or "–",
                _date(s.get("due_on")),
                _date(s.get("done_on")),
            )
        )
        for goal_number, g in enumerate(goals_in_order, start=1)
        for step_number, s in enumerate(
            (s for s in records["goal_steps"] if s["goal_id"] == g["id"]), start=1
        )
    )
    referrals = Listing(
        "Vermittlungen",
        ("Datum", "Stelle", "Organisation", "Thema", "Ergebnis"),
        tuple(
            Line(
                (
                    _date(r["date"]),
                    label(cat.REFERRAL_TARGETS, r["target"]),
                    r.get("organisation") or "–",
                    label(cat.THEMES, r.get("theme")),
                    label(cat.REFERRAL_OUTCOMES, r.get("outcome")),
                )
            )
            for r in sorted(of_case["referrals"], key=lambda r: r["date"])
        ),
    )
    title = f"Fall in {case['municipality']}, eröffnet am {_date(case['opened_on'])}"
    return CaseCopy(
        title,
        facts,
        case.get("notes"),
        (history, appointments, assessments, goals, referrals),
        steps,
        bool(goals_in_order),
    )


def _sources(document: Mapping[str, Any], label: _Labels) -> tuple[str, ...]:
    """Where the stored data came from, true to the records: the client in the counselling
    sessions; the bodies a data-transfer consent allows to exchange data with the case
    management (the consent form's Schweigepflichtentbindung); and the body that referred
    the client to a case."""
    sources = ["von Ihnen selbst, in den Beratungsgesprächen mit dem Case Management"]
    for consent in sorted(document["consents"], key=lambda c: c["given_on"]):
        if not consent.get("recipient"):
            continue
        until = (
            f", widerrufen am {_date(consent['withdrawn_on'])}"
            if consent.get("withdrawn_on")
            else ""
        )
        sources.append(
            f"mit Ihrer Einwilligung vom {_date(consent['given_on'])}{until} "
            f"(Schweigepflichtentbindung) im Austausch mit: "
            f"{label(cat.REFERRAL_TARGETS, consent['recipient'])}"
        )
    for case in sorted(document["cases"], key=lambda c: c["opened_on"]):
        referred = case.get("referred_by")
        if referred and referred != cat.SELF_REFERRAL:
            sources.append(
                f"bei der Vermittlung an das Case Management (Fall vom "
                f"{_date(case['opened_on'])}) durch: {label.referred_by(referred)}"
            )
    return tuple(dict.fromkeys(sources))


def _step_record(step: StepData) -> dict[str, Any]:
    values = {
        "id": step.id,
        "goal_id": step.goal_id,
        "position": step.position,
        "what": step.what,
        "who": step.who,
        "due_on": step.due_on.isoformat() if step.due_on else None,
        "done_on": step.done_on.isoformat() if step.done_on else None,
    }
    return {name: values[name] for name in STEP_FIELDS if values[name] is not None}


def copy_document(casefile: CaseFile, client_id: str) -> dict[str, Any]:
    """The JSON half before withholding: the client's interchange subset and, in
    ``goal_steps``, the agreed steps of its goals (goal by goal, each goal's in order)."""
    document = interchange.export_document(casefile, client_id)
    goal_ids = [goal["id"] for goal in document["goals"]]
    with casefile.reading() as conn:
        steps = steps_by_goal(conn, goal_ids)
    document["goal_steps"] = [
        _step_record(step) for goal_id in goal_ids for step in steps.get(goal_id, ())
    ]
    return document


def interchange_part(document: Mapping[str, Any]) -> dict[str, Any]:
    """The copy's JSON without ``goal_steps``: a schema-valid interchange document."""
    return {key: value for key, value in document.items() if key != "goal_steps"}


def import_document(
    casefile: CaseFile,
    document: Any,
    source: str,
    progress: ProgressCallback | None = None,
) -> interchange.ImportSummary:
    """Import an interchange document (``kim import-json``) or a copy's JSON: the same
    document with the goals' agreed steps beside it (Art. 20 GDPR: the copy moves to another
    file whole). The steps are checked like a handover's (``carried_steps``: every field,
    each of a goal in the same document, no id twice or already in the file) and written in
    the document's transaction, audited like its records; any problem refuses everything."""
    if not isinstance(document, dict) or carried_steps.STEPS_FIELD not in document:
        return interchange.import_document(casefile, document, source, progress)
    interchange.refuse_unless_case_manager(casefile)
    rest = interchange_part(document)
    cases = rest.get("cases")
    case_ids = [
        case["id"]
        for case in (cases if isinstance(cases, list) else [])
        if isinstance(case, dict) and isinstance(case.get("id"), str)
    ]
    try:
        steps = carried_steps.checked_steps(document[carried_steps.STEPS_FIELD], rest, case_ids)
    except carried_steps.StepProblem as problem:
        raise ValidationFailed(source, [str(problem)]) from None
    with casefile.transaction() as session:
        counts = interchange.write_document(session, casefile.owner, rest, source, progress)
        present = carried_steps.first_present(session, steps)
        if present is not None:
            raise ValidationFailed(source, [f"agreed step {present}: id: already in this file"])
        carried_steps.insert_steps(session, steps)
        for step in steps:
            audit.add_entry(session, casefile.owner, "create", "goal_steps", step["id"])
    return interchange.ImportSummary({**counts, "agreed_steps": len(steps)})


def passages_for_review(casefile: CaseFile, client_id: str) -> tuple[free_text.Passage, ...]:
    """The free-text passages the copy of this client would contain, for the review before
    it is issued (nothing leaves the file, so nothing is audited)."""
    return free_text.passages(copy_document(casefile, client_id))


def access_copy(
    casefile: CaseFile,
    client_id: str,
    issued_on: dt.date,
    released: free_text.Release = (),
) -> AccessCopy:
    """The copy of everything stored about one client: the JSON document and the printable
    data, from the same consistent read. Free-text passages whose keys are not in
    ``released`` (``free_text.ALL`` releases all) are withheld in both halves. Records the
    issue in the audit trail."""
    document, withheld = free_text.withhold(copy_document(casefile, client_id), released)
    settings = district_config.current_settings(casefile)
    case_ids = [c["id"] for c in document["cases"]]
    with casefile.transaction() as session:
        phases: dict[str, list[CasePhaseChange]] = {}
        for change in session.scalars(
            select(CasePhaseChange)
            .where(CasePhaseChange.case_id.in_(case_ids))
            .order_by(CasePhaseChange.changed_on, CasePhaseChange.id)
        ):
            session.expunge(change)
            phases.setdefault(change.case_id, []).append(change)
        member_counts: dict[str, int] = {}
        for case_id in session.scalars(
            select(CaseMember.case_id).where(CaseMember.case_id.in_(case_ids))
        ):
            member_counts[case_id] = member_counts.get(case_id, 0) + 1
    label = _Labels(casework.catalogues_of(casefile))
    client = document["clients"][0]
    records = {
        k: document[k] for k in ("appointments", "assessments", "goals", "goal_steps", "referrals")
    }
    cases = tuple(
        _case(case, client_id, member_counts[case["id"]], records, phases.get(case["id"]), label)
        for case in sorted(document["cases"], key=lambda c: c["opened_on"])
    )
    recipients = [
        label(cat.REFERRAL_TARGETS, c["recipient"])
        for c in document["consents"]
        if c.get("recipient")
    ]
    recipients += [label(cat.REFERRAL_TARGETS, r["target"]) for r in document["referrals"]]
    data = AccessCopyData(
        client_id=client_id,
        client_name=casework.display_name(client["family_name"], client.get("given_name")),
        issued_on=issued_on,
        case_manager=casefile.owner,
        controller=settings.controller if settings is not None else None,
        dpo=settings.dpo if settings is not None else None,
        personal=_personal(client, label),
        client_notes=client.get("notes"),
        consents=_consents(document["consents"], label),
        cases=cases,
        recipients=tuple(dict.fromkeys(recipients)),
        record_counts=tuple((title, len(document[kind])) for kind, title in RECORD_KINDS),
        sources=_sources(document, label),
        withheld=withheld,
        retention_years=(
            settings.retention_years
            if settings is not None
            else district_config.DEFAULT_RETENTION_YEARS
        ),
    )
    casefile.record("export", "clients", client_id)
    return AccessCopy(document, data)


def json_name(pdf: Path) -> Path:
    """The JSON half's default name beside the PDF."""
    return pdf.with_suffix(".json")
