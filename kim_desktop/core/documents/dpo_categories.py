"""The categories of persons and of personal data a case file holds, for the record of
processing activities (Art. 30 DSGVO) in the data-protection officer's papers
(``dpo_pack.py``).

The data categories are the columns of the domain model (``casefile/models.py``), each named
once with its German label. ``unclassified`` lists every column of the tables that hold
personal data which no category names and which is not a technical key: a new column shows
up on the paper under "not yet classified" (and fails the test) instead of being left out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import inspect

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.models import (
    Appointment,
    AppointmentTheme,
    Assessment,
    AssessmentRating,
    AuditEntry,
    Case,
    CaseMember,
    CasePhaseChange,
    Client,
    Consent,
    Draft,
    Goal,
    GoalStep,
    MergeConflict,
    Referral,
    StructuralGap,
    TeamMember,
)

# The tables that hold data about persons (clients, household members, users). The others
# (meta, catalogues, keys, bundles, district configurations) hold settings, keys or counts.
PERSONAL_MODELS: tuple[type[Any], ...] = (
    Client,
    Case,
    CaseMember,
    CasePhaseChange,
    Appointment,
    AppointmentTheme,
    Assessment,
    AssessmentRating,
    Goal,
    GoalStep,
    Referral,
    Consent,
    StructuralGap,
    MergeConflict,
    AuditEntry,
    Draft,
    TeamMember,
)

# Keys that tie records together (random ids, positions, copies kept for indexes): no
# information about a person beyond the records they link.
TECHNICAL = frozenset(
    {
        (Client, "id"),
        (Case, "id"),
        (MergeConflict, "id"),
        (MergeConflict, "handover_id"),
        (MergeConflict, "case_id"),
        (MergeConflict, "entity"),
        (MergeConflict, "record_id"),
        (CaseMember, "case_id"),
        (CaseMember, "client_id"),
        (CaseMember, "position"),
        (CasePhaseChange, "id"),
        (CasePhaseChange, "case_id"),
        (Appointment, "id"),
        (Appointment, "case_id"),
        (AppointmentTheme, "appointment_id"),
        (AppointmentTheme, "position"),
        (AppointmentTheme, "date"),  # the appointment's date, copied for counting
        (AppointmentTheme, "municipality"),  # likewise
        (Assessment, "id"),
        (Assessment, "case_id"),
        (Assessment, "client_id"),
        (AssessmentRating, "assessment_id"),
        (AssessmentRating, "position"),
        (Goal, "id"),
        (Goal, "case_id"),
        (GoalStep, "id"),
        (GoalStep, "goal_id"),
        (GoalStep, "position"),
        (Referral, "id"),
        (Referral, "case_id"),
        (Consent, "id"),
        (Consent, "client_id"),
        (StructuralGap, "id"),
        (AuditEntry, "id"),
        (Draft, "id"),
        (Draft, "context"),  # which record a form was opened for (ids)
        (Draft, "view"),
        (TeamMember, "key_id"),
    }
)

Field = tuple[type[Any], str, str]  # model, attribute, German label


@dataclass(frozen=True)
class DataCategory:
    key: str
    title: str
    persons: str  # whom the data describe
    fields: tuple[Field, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(label for _model, _name, label in self.fields)


DATA_CATEGORIES: tuple[DataCategory, ...] = (
    DataCategory(
        "identity",
        "Identifikationsdaten",
        "Klient:innen, Haushaltsmitglieder",
        (
            (Client, "family_name", "Familienname"),
            (Client, "given_name", "Vorname"),
            (Client, "birth_date", "Geburtsdatum"),
            (Client, "folded_name", "Suchform des Namens (abgeleitete Kopie)"),
            (Case, "member_names", "Namen der Fallbeteiligten (Suchkopie am Fall)"),
        ),
    ),
    DataCategory(
        "contact",
        "Kontaktdaten",
        "Klient:innen, Haushaltsmitglieder",
        (
            (Client, "phone", "Telefon"),
            (Client, "email", "E-Mail"),
            (Client, "address", "Anschrift"),
        ),
    ),
    DataCategory(
        "social",
        "Soziodemografische Merkmale",
        "Klient:innen, Haushaltsmitglieder",
        (
            (Client, "gender", "Geschlecht"),
            (Client, "nationality", "Staatsangehörigkeit"),
            (Client, "languages", "Sprachen"),
            (Client, "arrival_date", "Einreisedatum"),
            (Client, "residence_status", "Aufenthaltsstatus (Gruppe)"),
        ),
    ),
    DataCategory(
        "case",
        "Fall- und Verlaufsdaten",
        "Klient:innen, Haushaltsmitglieder",
        (
            (Case, "municipality", "Kommune"),
            (Case, "track", "Beratungsform (Kurzberatung/Case Management)"),
            (Case, "phase", "Phase"),
            (Case, "opened_on", "Eröffnungsdatum"),
            (Case, "closed_on", "Abschlussdatum"),
            (Case, "closure_reason", "Abschlussgrund"),
            (Case, "follow_up_on", "Wiedervorlage"),
            (Case, "referred_by", "Zugang (vermittelt durch)"),
            # Migrations 0016, 0017: the colleague a case was handed over to (key id, name,
            # day), the day a case was received.
            (Case, "handed_over_to", "Übergabe: Schlüsselkennung der Kolleg:in"),
            (Case, "handed_over_name", "Übergabe: Name der Kolleg:in"),
            (Case, "handed_over_on", "Übergabe: Datum"),
            (Case, "received_on", "Übernahme per Übergabe: Datum"),
            # Migration 0018: cover — given in cover (owner) or a colleague's cover copy.
            (Case, "covered_by", "Vertretung: Schlüsselkennung der Vertretung"),
            (Case, "covered_by_name", "Vertretung: Name der Vertretung"),
            (Case, "covered_until", "Vertretung: bis"),
            (Case, "cover_for", "Vertretungskopie: Schlüsselkennung der Fallführung"),
            (Case, "cover_for_name", "Vertretungskopie: Name der Fallführung"),
            (Case, "cover_until", "Vertretungskopie: Vertretung bis"),
            (Case, "cover_id", "Vertretungskopie: Kennung der Vertretung"),
            (Case, "cover_returned_on", "Vertretungskopie: zurückgegeben am"),
            (
                MergeConflict,
                "theirs",
                "Vertretung: abweichende Fassung der Vertretung (bis zur Entscheidung)",
            ),
            (MergeConflict, "found_on", "Vertretung: abweichende Fassung seit"),
            (CaseMember, "role", "Rolle im Fall (Hauptperson/Haushaltsmitglied)"),
            (CasePhaseChange, "changed_on", "Phasenwechsel: Datum"),
            (CasePhaseChange, "from_phase", "Phasenwechsel: bisherige Phase"),
            (CasePhaseChange, "to_phase", "Phasenwechsel: neue Phase"),
            (CasePhaseChange, "closure_reason", "Phasenwechsel: Abschlussgrund"),
        ),
    ),
    DataCategory(
        "appointments",
        "Termine",
        "Klient:innen; bei sonstigen Arbeitsterminen keine Einzelpersonen",
        (
            (Appointment, "date", "Datum"),
            (Appointment, "start_time", "Uhrzeit"),
            (Appointment, "minutes", "Dauer (Minuten)"),
            (Appointment, "kind", "Terminart"),
            (Appointment, "other_work_type", "Art der sonstigen Arbeit"),
            (Appointment, "channel", "Kontaktweg"),
            (Appointment, "participants", "Zahl der Teilnehmenden"),
            (Appointment, "interpreter", "Sprachmittlung"),
            (Appointment, "interpreter_language", "Sprache der Sprachmittlung"),
            (Appointment, "municipality", "Kommune"),
            (AppointmentTheme, "theme", "Themen"),
        ),
    ),
    DataCategory(
        "assessment",
        "Einschätzung der Lebensbereiche",
        "Klient:innen, Haushaltsmitglieder",
        (
            (Assessment, "assessed_on", "Datum der Einschätzung"),
            (AssessmentRating, "life_area", "Lebensbereich"),
            (AssessmentRating, "rating", "Unterstützungsbedarf (0–3)"),
        ),
    ),
    DataCategory(
        "plan",
        "Ziele und Verweisungen",
        "Klient:innen, Haushaltsmitglieder",
        (
            (Goal, "life_area", "Ziel: Lebensbereich"),
            (Goal, "agreed_on", "Ziel: vereinbart am"),
            (Goal, "due_on", "Ziel: fällig am"),
            (Goal, "closed_on", "Ziel: abgeschlossen am"),
            (Goal, "status", "Ziel: Stand"),
            (GoalStep, "due_on", "Vereinbarter Schritt: bis wann"),
            (GoalStep, "done_on", "Vereinbarter Schritt: erledigt am"),
            (Referral, "date", "Verweisung: Datum"),
            (Referral, "target", "Verweisung: Stelle (Katalog)"),
            (Referral, "organisation", "Verweisung: Einrichtung"),
            (Referral, "theme", "Verweisung: Thema"),
            (Referral, "outcome", "Verweisung: Ergebnis"),
        ),
    ),
    DataCategory(
        "consent",
        "Einwilligungen",
        "Klient:innen, Haushaltsmitglieder",
        (
            (Consent, "kind", "Art (Dokumentation/Datenübermittlung)"),
            (Consent, "recipient", "Empfangende Stelle"),
            (Consent, "given_on", "erteilt am"),
            (Consent, "withdrawn_on", "widerrufen am"),
            (Consent, "form_version", "Fassung des Formulars"),
            (Consent, "language", "Sprache des Formulars"),
            # Migration 0014: the restriction under Art. 18 DSGVO (date and code, no text).
            (Client, "restricted_on", "Einschränkung der Verarbeitung: seit"),
            (Client, "restriction_reason", "Einschränkung der Verarbeitung: Grund (Code)"),
        ),
    ),
    DataCategory(
        "free_text",
        "Freitexte",
        "Klient:innen, Haushaltsmitglieder, darin genannte Dritte",
        (
            (Client, "notes", "Notizen zur Person"),
            (Case, "notes", "Notizen zum Fall"),
            (Appointment, "notes", "Notizen zum Termin"),
            (Assessment, "notes", "Notizen zur Einschätzung"),
            (Goal, "title", "Wortlaut des Ziels"),
            # Migration 0019: who may name a person at another service.
            (GoalStep, "what", "Vereinbarter Schritt: Wortlaut"),
            (GoalStep, "who", "Vereinbarter Schritt: wer"),
        ),
    ),
    DataCategory(
        "gaps",
        "Strukturlücken",
        "keine Person (vor der Weitergabe auf Personenbezug geprüft)",
        (
            (StructuralGap, "municipality", "Kommune"),
            (StructuralGap, "theme", "Thema"),
            (StructuralGap, "title", "Titel"),
            (StructuralGap, "description", "Beschreibung"),
            (StructuralGap, "reported_on", "gemeldet am"),
            (StructuralGap, "status", "Stand"),
        ),
    ),
    DataCategory(
        "users",
        "Daten der Nutzer:innen",
        "Fallmanager:innen und Koordinator:innen",
        (
            (AuditEntry, "at", "Protokoll: Zeitpunkt"),
            (AuditEntry, "actor", "Protokoll: handelnde Person"),
            (AuditEntry, "action", "Protokoll: Vorgang"),
            (AuditEntry, "entity", "Protokoll: Art des Datensatzes"),
            (AuditEntry, "record_id", "Protokoll: Kennung des Datensatzes"),
            (TeamMember, "name", "Team: Name"),
            (TeamMember, "role", "Team: Rolle"),
            (TeamMember, "signing_key", "Team: öffentlicher Signaturschlüssel"),
            (TeamMember, "encryption_key", "Team: öffentlicher Verschlüsselungsschlüssel"),
            (TeamMember, "card_created", "Team: Schlüsselkarte erstellt am"),
            (TeamMember, "enrolled_at", "Team: aufgenommen am"),
            (TeamMember, "revoked_at", "Team: gesperrt am"),
        ),
    ),
    DataCategory(
        "drafts",
        "Entwürfe (noch nicht gespeicherte Eingaben)",
        "wie die Formulare, zu denen sie gehören",
        (
            (Draft, "kind", "Formular"),
            (Draft, "input_values", "eingegebene Werte"),
            (Draft, "saved_at", "Zeitpunkt"),
        ),
    ),
)


def unclassified() -> tuple[str, ...]:
    """``table.column`` of every column of the personal tables that no category names and that
    is not technical (should be empty; the papers list any there are)."""
    named = {(model, name) for c in DATA_CATEGORIES for model, name, _label in c.fields}
    missing: list[str] = []
    for model in PERSONAL_MODELS:
        for attribute in inspect(model).column_attrs:
            if (model, attribute.key) not in named | TECHNICAL:
                missing.append(f"{model.__tablename__}.{attribute.key}")
    return tuple(missing)


@dataclass(frozen=True)
class SpecialCategory:
    """Catalogue codes whose use reveals data concerning health (Art. 9 Abs. 1 DSGVO)."""

    catalogue: str
    code: str
    where: str  # the records that carry it, in German
    label: str = ""  # the catalogue's German label (filled in from the file's catalogues)


HEALTH_CODES: tuple[SpecialCategory, ...] = (
    SpecialCategory(cat.LIFE_AREAS, "health", "Einschätzungen und Ziele im Lebensbereich"),
    SpecialCategory(cat.THEMES, "health", "Termine mit dem Thema"),
    SpecialCategory(cat.REFERRAL_TARGETS, "health_services", "Verweisungen an"),
)


def special_categories(catalogues: Mapping[str, cat.Catalogue]) -> tuple[SpecialCategory, ...]:
    """The health codes with their labels in the file's catalogues (a code a catalogue lacks
    is left out)."""
    return tuple(
        SpecialCategory(c.catalogue, c.code, c.where, catalogues[c.catalogue].label(c.code))
        for c in HEALTH_CODES
        if c.code in catalogues[c.catalogue]
    )
