"""The pseudonymised case sheet (Fallbesprechungsbogen, issue 16; DESIGN §12): the course of
one case for collegial case consultation (kollegiale Fallberatung) and case reconstruction
(Fallrekonstruktion), as plain data that ``reports/case_sheet.py`` lays out.

What it holds: the track, who referred the case (a category), the phase history, the
appointments (kind, channel, minutes, themes, interpreting), the assessments by life area,
the goals (life area and status) with their agreed steps (due and done weeks), the referrals
(category, theme, outcome), the closure reason. Persons are "Person A", "Person B" …
(primary person first, then by client id — never by name), with the age band at the case
opening, gender and residence-status group. Dates are weeks since the opening ("Woche 3").
Never in it: names, birth dates, addresses, telephone numbers, e-mail addresses,
nationality, languages, arrival date, the case's or any client's id, a referral's
organisation, start times, dates. The municipality only when the district configuration
allows it (``case_sheet_municipality``, default off).

Free text (notes of the case, its appointments and assessments, the wording of goals and of
their agreed steps: what and who) is left out unless released: ``passages_for_review`` lists
each passage as it would be printed (``pseudonyms.Pseudonyms.scrub``: members' names become
their labels), the case manager ticks those that may go into the sheet, and ``case_sheet``
takes the ticked keys. Each goal's steps are printed below it with their due and done weeks
whether released or not ("Schritt 1 (Text nicht freigegeben)"), so the course stays
readable. Docs: docs/case-sheet.md."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework import restriction
from kim_desktop.core.documents.pseudonyms import Member, Pseudonyms, person_label, week
from kim_desktop.core.errors import RestrictedError
from kim_desktop.core.figures.cellkey import age_band
from kim_desktop.core.sync import district

RATING_WORDS = {0: "kein Bedarf", 1: "gering", 2: "mittel", 3: "hoch"}
# The kinds of free-text passage, as the review lists them.
KINDS = (
    "case_notes",
    "appointment_notes",
    "assessment_notes",
    "goal_title",
    "step_what",
    "step_who",
)
_ROLE_ORDER = {casework.PRIMARY: 0, casework.HOUSEHOLD: 1}
# Shorter words than the catalogue's for the narrow columns of the appointments table (a
# label must wrap at a space, never inside a word).
SHORT_KINDS = {"short_consultation": "Kurzberatung", "case_management": "Case Management"}
SHORT_INTERPRETER = {
    "none": "keine",
    "professional": "professionell",
    "volunteer": "ehrenamtlich",
    "device": "Gerät/App",
}


@dataclass(frozen=True)
class Passage:
    """A free-text passage of the case, as the sheet would print it once released."""

    key: str  # "<kind>/<record id>": stable for one case, never printed
    kind: str  # one of KINDS
    when: str  # the week of its record ("Woche 3"); "" for the case's notes
    text: str  # scrubbed: members' names as their labels, contact data and dates replaced
    replaced: int  # how many pieces the scrubbing replaced
    step: int | None = None  # a step's passage: its number under its goal (``when``: the goal's)


@dataclass(frozen=True)
class Person:
    label: str
    role: str
    age_band: str  # at the case opening
    gender: str
    residence_status: str


@dataclass(frozen=True)
class Row:
    """One row of a listing; ``note`` is a released passage printed below it, ``steps`` a
    goal's agreed steps, a line each, below that."""

    cells: tuple[str, ...]
    note: str | None = None
    steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class Assessment:
    when: str
    person: str | None  # the label of the member assessed alone; None: the household
    ratings: Mapping[str, int]  # life-area code -> 0..3


@dataclass(frozen=True)
class CaseSheetData:
    """Everything the sheet prints, in German words."""

    facts: tuple[tuple[str, str], ...]
    persons: tuple[Person, ...]
    phases: tuple[Row, ...]
    appointments: tuple[Row, ...]
    appointment_summary: str
    life_areas: tuple[tuple[str, str], ...]  # (code, label) of the rated areas, in order
    assessments: tuple[Assessment, ...]
    assessment_notes: tuple[Row, ...]  # (week,) and the released note
    goals: tuple[Row, ...]
    referrals: tuple[Row, ...]
    case_notes: str | None  # released
    as_of: str  # the week of the date of issue
    passages: int  # free-text passages the case has
    released: int  # of them printed
    municipality_shown: bool


def _members(detail: casework.CaseDetail) -> list[Member]:
    ordered = sorted(detail.members, key=lambda m: (_ROLE_ORDER.get(m.role, 2), m.client.id or ""))
    return [Member(person_label(i), m.client) for i, m in enumerate(ordered)]


_Raw = tuple[str, str, dt.date | None, str, int | None]


def _raw_passages(detail: casework.CaseDetail) -> list[_Raw]:
    """(key, kind, date, text, step number) of every non-empty free-text field of the case;
    a goal's steps follow its wording, dated by the goal's agreement."""
    found: list[_Raw] = []
    if detail.notes:
        found.append(("case_notes/case", "case_notes", None, detail.notes, None))
    for a in detail.appointments:
        if a.notes:
            found.append((f"appointment_notes/{a.id}", "appointment_notes", a.date, a.notes, None))
    for s in detail.assessments:
        if s.notes:
            found.append(
                (f"assessment_notes/{s.id}", "assessment_notes", s.assessed_on, s.notes, None)
            )
    for g in detail.goals:
        if g.title:
            found.append((f"goal_title/{g.id}", "goal_title", g.agreed_on, g.title, None))
        for number, step in enumerate(g.steps, start=1):
            found.append((f"step_what/{step.id}", "step_what", g.agreed_on, step.what, number))
            if step.who:
                found.append((f"step_who/{step.id}", "step_who", g.agreed_on, step.who, number))
    return found


def _passages(detail: casework.CaseDetail, pseudonyms: Pseudonyms) -> tuple[Passage, ...]:
    out: list[Passage] = []
    for key, kind, on, text, step in _raw_passages(detail):
        shown, replaced = pseudonyms.scrub(text)
        when = week(on, detail.opened_on) if on is not None else ""
        out.append(Passage(key, kind, when, shown, replaced, step))
    return tuple(out)


def _step_lines(
    goal: casework.GoalData, opened: dt.date, notes: Mapping[str, str]
) -> tuple[str, ...]:
    """A line per agreed step of ``goal``: its released (scrubbed) what and who, or that
    they are not released; by when and done when as weeks, never dates."""
    lines: list[str] = []
    for number, step in enumerate(goal.steps, start=1):
        what = notes.get(f"step_what/{step.id}")
        line = f"Schritt {number}: {what}" if what else f"Schritt {number} (Text nicht freigegeben)"
        if step.who:
            who = notes.get(f"step_who/{step.id}")
            line += f"; wer: {who}" if who else "; wer: nicht freigegeben"
        if step.due_on is not None:
            line += f"; bis {week(step.due_on, opened)}"
        line += f"; erledigt in {week(step.done_on, opened)}" if step.done_on else "; offen"
        lines.append(line)
    return tuple(lines)


def _read(casefile: CaseFile, case_id: str) -> tuple[casework.CaseDetail, Pseudonyms]:
    detail = casework.get_case(casefile, case_id)
    if any(m.restriction for m in detail.members):
        # Art. 18 GDPR: a restricted client's data is stored, not processed; pseudonymised
        # data is still theirs, so no sheet is printed while any member is restricted.
        raise RestrictedError("case_id", restriction.ONLY_OWN_COPY)
    return detail, Pseudonyms(_members(detail))


def passages_for_review(casefile: CaseFile, case_id: str) -> tuple[Passage, ...]:
    """The free-text passages of the case as the sheet would print them, for the review
    before it is printed (nothing leaves the file, so nothing is audited)."""
    detail, pseudonyms = _read(casefile, case_id)
    return _passages(detail, pseudonyms)


class _Labels:
    def __init__(self, catalogues: Mapping[str, cat.Catalogue]) -> None:
        self.catalogues = catalogues

    def __call__(self, catalogue: str, code: str | None, empty: str = "–") -> str:
        return self.catalogues[catalogue].label(code, "de") if code else empty


def _hours(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} Std. {rest:02d} Min." if hours else f"{rest} Min."


def case_sheet(
    casefile: CaseFile,
    case_id: str,
    issued_on: dt.date,
    released: Collection[str] = (),
) -> CaseSheetData:
    """The sheet's data for one case; passages whose keys are in ``released`` are printed
    (scrubbed), the others left out. Records the issue in the audit trail (an export of the
    case: who printed which case's sheet, never what)."""
    detail, pseudonyms = _read(casefile, case_id)
    label = _Labels(casework.catalogues_of(casefile))
    settings = district.current_settings(casefile)
    show_municipality = settings is not None and settings.case_sheet_municipality
    opened = detail.opened_on
    chosen = set(released)
    notes = {p.key: p.text for p in _passages(detail, pseudonyms) if p.key in chosen}
    labels = {m.client.id: m.label for m in pseudonyms.members}
    roles = {m.client.id: m.role for m in detail.members}

    persons = tuple(
        Person(
            label=m.label,
            role=label(cat.MEMBER_ROLES, roles[m.client.id]),
            age_band=label(cat.AGE_BANDS, band)
            if (band := age_band(m.client.birth_date, opened)) != "unknown"
            else "unbekannt",
            gender=label(cat.GENDERS, m.client.gender, "ohne Angabe"),
            residence_status=label(cat.RESIDENCE_STATUS, m.client.residence_status, "ohne Angabe"),
        )
        for m in pseudonyms.members
    )
    phases = tuple(
        Row(
            (
                week(p.changed_on, opened),
                label(cat.PHASES, p.from_phase, "(Eröffnung)"),
                label(cat.PHASES, p.to_phase),
                label(cat.CLOSURE_REASONS, p.closure_reason, ""),
            )
        )
        for p in detail.phase_changes
    )
    appointments = tuple(
        Row(
            (
                week(a.date, opened),
                SHORT_KINDS.get(a.kind) or label(cat.APPOINTMENT_KINDS, a.kind),
                label(cat.CHANNELS, a.channel),
                str(a.minutes),
                ", ".join(label(cat.THEMES, t) for t in a.themes) or "–",
                SHORT_INTERPRETER.get(a.interpreter or "", "–"),
            ),
            notes.get(f"appointment_notes/{a.id}"),
        )
        for a in detail.appointments
    )
    interpreted = sum(1 for a in detail.appointments if a.interpreter not in (None, "none"))
    total = sum(a.minutes for a in detail.appointments)
    summary = (
        f"{len(detail.appointments)} Termine, zusammen {_hours(total)}; "
        f"mit Sprachmittlung: {interpreted}"
        if detail.appointments
        else "Keine Termine."
    )
    areas = [
        code
        for code in label.catalogues[cat.LIFE_AREAS].codes
        if any(code in s.ratings for s in detail.assessments)
    ]
    areas += sorted({c for s in detail.assessments for c in s.ratings} - set(areas))
    assessments = tuple(
        Assessment(
            week(s.assessed_on, opened),
            labels.get(s.client_id) if s.client_id else None,
            dict(s.ratings),
        )
        for s in detail.assessments
    )
    assessment_notes = tuple(
        Row((week(s.assessed_on, opened),), notes[f"assessment_notes/{s.id}"])
        for s in detail.assessments
        if f"assessment_notes/{s.id}" in notes
    )
    goals = tuple(
        Row(
            (
                label(cat.LIFE_AREAS, g.life_area, "ohne Lebensbereich"),
                week(g.agreed_on, opened),
                week(g.due_on, opened) if g.due_on else "–",
                week(g.closed_on, opened) if g.closed_on else "–",
                label(cat.GOAL_STATUS, g.status),
            ),
            notes.get(f"goal_title/{g.id}"),
            _step_lines(g, opened, notes),
        )
        for g in detail.goals
    )
    referrals = tuple(
        Row(
            (
                week(r.date, opened),
                label(cat.REFERRAL_TARGETS, r.target),
                label(cat.THEMES, r.theme),
                label(cat.REFERRAL_OUTCOMES, r.outcome),
            )
        )
        for r in detail.referrals
    )
    facts: list[tuple[str, str]] = [
        ("Art der Begleitung", label(cat.TRACKS, detail.track)),
        (
            "Zugang",
            cat.referred_by_label(detail.referred_by, label.catalogues)
            if detail.referred_by
            else "ohne Angabe",
        ),
    ]
    if show_municipality:
        facts.append(("Kommune", detail.municipality))
    if detail.closed_on is not None:
        facts.append(("Abgeschlossen", f"in {week(detail.closed_on, opened)}"))
        facts.append(("Abschlussgrund", label(cat.CLOSURE_REASONS, detail.closure_reason)))
    else:
        facts.append(("Aktuelle Phase", label(cat.PHASES, detail.phase)))
    facts.append(("Personen im Fall", str(len(persons))))
    data = CaseSheetData(
        facts=tuple(facts),
        persons=persons,
        phases=phases,
        appointments=appointments,
        appointment_summary=summary,
        life_areas=tuple((code, label(cat.LIFE_AREAS, code)) for code in areas),
        assessments=assessments,
        assessment_notes=assessment_notes,
        goals=goals,
        referrals=referrals,
        case_notes=notes.get("case_notes/case"),
        as_of=week(issued_on, opened),
        passages=len(_raw_passages(detail)),
        released=len(notes),
        municipality_shown=show_municipality,
    )
    casefile.record("export", "cases", case_id)
    return data
