"""The case file's schema as SQLAlchemy 2.0 typed models (DESIGN.md section 5).

Ids are the interchange ids (strings), so export and import keep them. Every constraint is
named, because Alembic's batch mode for SQLite can only alter what has a name. The schema is
created and changed only by the migrations in ``migrations/``; a test checks that the
migrations and these models agree."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

# The tables of handovers and cover, and goals' steps, live beside (cut along those seams);
# imported here so that the metadata holds them and ``models.X`` names every table.
from kim_desktop.core.casefile.handover_models import (
    CoverBase as CoverBase,
)
from kim_desktop.core.casefile.handover_models import (
    CoverSent as CoverSent,
)
from kim_desktop.core.casefile.handover_models import (
    MergeConflict as MergeConflict,
)
from kim_desktop.core.casefile.handover_models import (
    ReceivedHandover as ReceivedHandover,
)
from kim_desktop.core.casefile.model_base import NAMING_CONVENTION as NAMING_CONVENTION
from kim_desktop.core.casefile.model_base import Base as Base
from kim_desktop.core.casefile.model_base import Id as Id
from kim_desktop.core.casefile.plan_models import GoalStep as GoalStep


class Meta(Base):
    """Key/value facts about the file: role, owner, district, file id, creation time."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Municipality(Base):
    __tablename__ = "municipalities"
    name: Mapped[str] = mapped_column(String(200), primary_key=True)


class CatalogueAddition(Base):
    """A code a district configuration adds to an extensible catalogue."""

    __tablename__ = "catalogue_additions"
    catalogue: Mapped[str] = mapped_column(String(64), primary_key=True)
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    label_de: Mapped[str] = mapped_column(Text)
    label_en: Mapped[str] = mapped_column(Text)


# A name with letters beyond ASCII has more UTF-8 bytes than characters. Only such names need
# Python to fold them when searching (casework); the partial index below lists just those.
NON_ASCII_NAMES = (
    "length(given_name) <> length(CAST(given_name AS BLOB))"
    " OR length(family_name) <> length(CAST(family_name AS BLOB))"
)


class Client(Base):
    __tablename__ = "clients"
    __table_args__ = (
        CheckConstraint(
            "gender IS NULL OR gender IN ('female', 'male', 'diverse', 'unknown')", name="gender"
        ),
        # The case list's name search reads names from these, not from the client rows
        # (migration 0006).
        # In id order, so the matching ids come sorted (cheap to collect for the IN list).
        Index("ix_clients_id_given_name_family_name", "id", "given_name", "family_name"),
        Index(
            "ix_clients_non_ascii_names",
            "id",
            "given_name",
            "family_name",
            sqlite_where=text(NON_ASCII_NAMES),
        ),
        # The client register searches and sorts by the folded name alone (migration 0010).
        Index("ix_clients_folded_name_id", "folded_name", "id"),
        # Restriction of processing (Art. 18 GDPR, migration 0014): a date and a coded reason
        # together, never free text.
        CheckConstraint(
            "(restricted_on IS NULL) = (restriction_reason IS NULL)", name="restriction_complete"
        ),
        CheckConstraint(
            "restriction_reason IS NULL OR restriction_reason IN ("
            "'accuracy_contested', 'unlawful_processing', 'legal_claims', "
            "'objection_pending', 'retention_duty', 'other')",
            name="restriction_reason",
        ),
    )
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    given_name: Mapped[str | None] = mapped_column(Text)
    family_name: Mapped[str] = mapped_column(Text)
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    gender: Mapped[str | None] = mapped_column(String(16))
    nationality: Mapped[str | None] = mapped_column(String(16))
    # JSON array of language names or codes, in the order given.
    languages: Mapped[str | None] = mapped_column(Text)
    arrival_date: Mapped[dt.date | None] = mapped_column(Date)
    residence_status: Mapped[str | None] = mapped_column(String(64))
    phone: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    # "family<US>given", folded (casefile/names.py): NULL when new or renamed, refreshed
    # before each write transaction commits.
    folded_name: Mapped[str | None] = mapped_column(Text)
    # Set while processing is restricted (casework/restriction.py); NULL otherwise.
    restricted_on: Mapped[dt.date | None] = mapped_column(Date)
    restriction_reason: Mapped[str | None] = mapped_column(String(32))

    memberships: Mapped[list[CaseMember]] = relationship(back_populates="client")
    consents: Mapped[list[Consent]] = relationship(back_populates="client")


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        CheckConstraint("track IN ('short_consultation', 'case_management')", name="track"),
        CheckConstraint(
            "phase IN ('intake', 'assessment', 'agreement', 'implementation', 'closed')",
            name="phase",
        ),
        CheckConstraint("closed_on IS NULL OR closed_on >= opened_on", name="closed_after_opened"),
        CheckConstraint(
            "closure_reason IS NULL OR closed_on IS NOT NULL", name="reason_needs_close"
        ),
        # Covers the indicators' pass over the cases (figures/indicators.py, migration 0006).
        Index(
            "ix_cases_track_opened_on_closed_on_closure_reason_municipality_id",
            "track",
            "opened_on",
            "closed_on",
            "closure_reason",
            "municipality",
            "id",
        ),
        Index("ix_cases_closed_on", "closed_on"),
        Index("ix_cases_follow_up_on", "follow_up_on"),  # overview of Wiedervorlagen
        # The cases whose member_names a trigger marked stale (migration 0008).
        Index("ix_cases_member_names_stale", "id", sqlite_where=text("member_names IS NULL")),
        # A handed-over case (migration 0016): recipient, name and day set together.
        CheckConstraint(
            "(handed_over_to IS NULL) = (handed_over_on IS NULL)"
            " AND (handed_over_to IS NULL) = (handed_over_name IS NULL)",
            name="handover_complete",
        ),
        # The cases handed over, received or in cover here (migrations 0017, 0018): what
        # figures/holder.py asks.
        Index(
            "ix_cases_moved",
            "handed_over_on",
            "received_on",
            "cover_until",
            "id",
            sqlite_where=text(
                "(handed_over_on IS NOT NULL OR received_on IS NOT NULL OR cover_until IS NOT NULL)"
            ),
        ),
        # Cover (migration 0018): the owner's mark and the substitute's working copy.
        CheckConstraint(
            "(covered_by IS NULL) = (covered_until IS NULL)"
            " AND (covered_by IS NULL) = (covered_by_name IS NULL)",
            name="cover_sent_complete",
        ),
        CheckConstraint(
            "(cover_for IS NULL) = (cover_until IS NULL)"
            " AND (cover_for IS NULL) = (cover_for_name IS NULL)"
            " AND (cover_for IS NULL) = (cover_id IS NULL)"
            " AND (cover_returned_on IS NULL OR cover_for IS NOT NULL)",
            name="cover_copy_complete",
        ),
    )
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    municipality: Mapped[str] = mapped_column(ForeignKey("municipalities.name"))
    track: Mapped[str] = mapped_column(String(32))
    phase: Mapped[str] = mapped_column(String(32))
    opened_on: Mapped[dt.date] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    closure_reason: Mapped[str | None] = mapped_column(String(64))
    follow_up_on: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    # Who sent the client: a referral-target code or 'self_referral' (migration 0005).
    referred_by: Mapped[str | None] = mapped_column(String(64))
    # The members' folded names for the case-list search (casefile/names.py): NULL when
    # a trigger marked them stale, refreshed before each write transaction commits.
    member_names: Mapped[str | None] = mapped_column(Text)
    # Set once the case was handed over to a colleague (core/sync/handover.py, migration
    # 0016): their key id, their name from the team directory, the day. Then read-only.
    handed_over_to: Mapped[str | None] = mapped_column(String(32))
    handed_over_name: Mapped[str | None] = mapped_column(Text)
    handed_over_on: Mapped[dt.date | None] = mapped_column(Date)
    # The handover day of a case this file received (migration 0017), NULL for one opened
    # here: the figures count it from that day's periods on (core/figures/holder.py).
    received_on: Mapped[dt.date | None] = mapped_column(Date)
    # The owner's side of a cover (core/sync/cover.py, migration 0018): the substitute's key
    # id and name, the last day. The case stays writable here.
    covered_by: Mapped[str | None] = mapped_column(String(32))
    covered_by_name: Mapped[str | None] = mapped_column(Text)
    covered_until: Mapped[dt.date | None] = mapped_column(Date)
    # The substitute's working copy: the owner's key id and name, the last day of the cover
    # (non-NULL exactly on cover copies), the cover's handover id, the day it was returned.
    # Read-only after cover_until or once returned; then due for erasure.
    cover_for: Mapped[str | None] = mapped_column(String(32))
    cover_for_name: Mapped[str | None] = mapped_column(Text)
    cover_until: Mapped[dt.date | None] = mapped_column(Date)
    cover_id: Mapped[str | None] = mapped_column(String(36))
    cover_returned_on: Mapped[dt.date | None] = mapped_column(Date)

    members: Mapped[list[CaseMember]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseMember.position"
    )


class CasePhaseChange(Base):
    """One step of a case's phase history: opening, phase changes, closing and reopening.

    Written by the case-work use cases (``core/casework.py``); the interchange format does not
    carry it, so cases imported from JSON start without history."""

    __tablename__ = "case_phase_changes"
    __table_args__ = (
        CheckConstraint(
            "from_phase IS NULL OR from_phase IN"
            " ('intake', 'assessment', 'agreement', 'implementation', 'closed')",
            name="from_phase",
        ),
        CheckConstraint(
            "to_phase IN ('intake', 'assessment', 'agreement', 'implementation', 'closed')",
            name="to_phase",
        ),
        CheckConstraint(
            "closure_reason IS NULL OR to_phase = 'closed'", name="reason_only_when_closing"
        ),
        Index("ix_case_phase_changes_case_id_changed_on", "case_id", "changed_on"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    changed_on: Mapped[dt.date] = mapped_column(Date)
    from_phase: Mapped[str | None] = mapped_column(String(32))
    to_phase: Mapped[str] = mapped_column(String(32))
    closure_reason: Mapped[str | None] = mapped_column(String(64))


class CaseMember(Base):
    __tablename__ = "case_members"
    __table_args__ = (
        CheckConstraint("role IN ('primary', 'household')", name="role"),
        Index("ix_case_members_client_id", "client_id"),
    )
    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    client_id: Mapped[str] = mapped_column(ForeignKey("clients.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    # Order of the members as entered, so exports reproduce it.
    position: Mapped[int] = mapped_column(Integer, default=0)

    case: Mapped[Case] = relationship(back_populates="members")
    client: Mapped[Client] = relationship(back_populates="memberships")


class Appointment(Base):
    __tablename__ = "appointments"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('short_consultation', 'case_management', 'other_work')", name="kind"
        ),
        CheckConstraint("minutes BETWEEN 1 AND 1440", name="minutes"),
        CheckConstraint("participants IS NULL OR participants >= 0", name="participants"),
        CheckConstraint("(kind = 'other_work') = (case_id IS NULL)", name="counselling_has_case"),
        CheckConstraint(
            "other_work_type IS NULL OR kind = 'other_work'", name="type_only_for_other_work"
        ),
        CheckConstraint(
            "interpreter IS NULL OR interpreter IN ('none', 'professional', 'volunteer', 'device')",
            name="interpreter",
        ),
        # The indicators read appointments from these alone (migration 0006): counts per
        # kind, type and channel over a date range, case-management appointments per case.
        # (0007 dropped the themes' index in id order: theme rows carry the date now.)
        Index("ix_appointments_case_id_kind", "case_id", "kind"),
        Index("ix_appointments_date_municipality_id", "date", "municipality", "id"),
        Index(
            "ix_appointments_kind_other_work_type_channel_date_municipality_minutes",
            "kind",
            "other_work_type",
            "channel",
            "date",
            "municipality",
            "minutes",
        ),
        # Interpreter use of counselling and participants of other work (migration 0011).
        Index(
            "ix_appointments_kind_interpreter_date_municipality_participants",
            "kind",
            "interpreter",
            "date",
            "municipality",
            "participants",
        ),
    )
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    minutes: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    other_work_type: Mapped[str | None] = mapped_column(String(64))
    channel: Mapped[str | None] = mapped_column(String(64))
    participants: Mapped[int | None] = mapped_column(Integer)
    interpreter: Mapped[str | None] = mapped_column(String(16))
    municipality: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    # Migration 0005: "HH:MM" local time, and the ISO 639 code of the interpreted language.
    start_time: Mapped[str | None] = mapped_column(String(5))
    interpreter_language: Mapped[str | None] = mapped_column(String(3))

    themes: Mapped[list[AppointmentTheme]] = relationship(
        cascade="all, delete-orphan", order_by="AppointmentTheme.position"
    )


class AppointmentTheme(Base):
    __tablename__ = "appointment_themes"
    # The themes figure counts per theme over a date range of this index (migration 0007).
    __table_args__ = (
        Index("ix_appointment_themes_theme_date_municipality", "theme", "date", "municipality"),
    )
    appointment_id: Mapped[str] = mapped_column(
        ForeignKey("appointments.id", ondelete="CASCADE"), primary_key=True
    )
    theme: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Copies of the appointment's values, kept equal by the triggers of migration 0007 (they
    # set them on every write, so code never needs to): the themes figure reads no appointment.
    date: Mapped[dt.date | None] = mapped_column(Date)
    municipality: Mapped[str | None] = mapped_column(String(200))


class Assessment(Base):
    __tablename__ = "assessments"
    __table_args__ = (Index("ix_assessments_case_id", "case_id"),)
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    client_id: Mapped[str | None] = mapped_column(ForeignKey("clients.id"))
    assessed_on: Mapped[dt.date] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)

    ratings: Mapped[list[AssessmentRating]] = relationship(
        cascade="all, delete-orphan", order_by="AssessmentRating.position"
    )


class AssessmentRating(Base):
    __tablename__ = "assessment_ratings"
    __table_args__ = (CheckConstraint("rating BETWEEN 0 AND 3", name="rating"),)
    assessment_id: Mapped[str] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    life_area: Mapped[str] = mapped_column(String(64), primary_key=True)
    rating: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Goal(Base):
    __tablename__ = "goals"
    __table_args__ = (
        CheckConstraint(
            "status IN ('open', 'achieved', 'partly_achieved', 'not_achieved', 'dropped')",
            name="status",
        ),
        Index("ix_goals_case_id_agreed_on", "case_id", "agreed_on"),
        Index(
            "ix_goals_agreed_on_closed_on_status_case_id",
            "agreed_on",
            "closed_on",
            "status",
            "case_id",
        ),
    )
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    life_area: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    agreed_on: Mapped[dt.date] = mapped_column(Date)
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(32))


class Referral(Base):
    __tablename__ = "referrals"
    __table_args__ = (
        CheckConstraint(
            "outcome IS NULL OR outcome IN ('pending', 'taken_up', 'not_taken_up')",
            name="outcome",
        ),
        Index("ix_referrals_case_id", "case_id"),
        Index("ix_referrals_date_target_case_id", "date", "target", "case_id"),
    )
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    target: Mapped[str] = mapped_column(String(64))
    organisation: Mapped[str | None] = mapped_column(Text)
    theme: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[str | None] = mapped_column(String(16))


class Consent(Base):
    __tablename__ = "consents"
    __table_args__ = (
        CheckConstraint("kind IN ('case_documentation', 'data_transfer')", name="kind"),
        CheckConstraint(
            "kind <> 'data_transfer' OR recipient IS NOT NULL", name="transfer_has_recipient"
        ),
        CheckConstraint(
            "withdrawn_on IS NULL OR withdrawn_on >= given_on", name="withdrawn_after_given"
        ),
        Index("ix_consents_client_id", "client_id"),
    )
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    recipient: Mapped[str | None] = mapped_column(String(64))
    given_on: Mapped[dt.date] = mapped_column(Date)
    withdrawn_on: Mapped[dt.date | None] = mapped_column(Date)
    form_version: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(32))

    client: Mapped[Client] = relationship(back_populates="consents")


class StructuralGap(Base):
    __tablename__ = "structural_gaps"
    __table_args__ = (CheckConstraint("status IN ('draft', 'reported')", name="status"),)
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    municipality: Mapped[str] = mapped_column(String(200))
    theme: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    reported_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))


class AuditEntry(Base):
    """Who did what to which record, and when. Never the content of the record."""

    __tablename__ = "audit_log"
    __table_args__ = (
        CheckConstraint(
            "action IN ('create', 'update', 'delete', 'import', 'export',"
            " 'rekey', 'backup', 'restore')",
            name="action",
        ),
        Index("ix_audit_log_entity_record_id", "entity", "record_id"),  # a record's timeline
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(16))
    entity: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[str | None] = mapped_column(String(160))


class Draft(Base):
    """What a case manager typed into a form that is not saved yet: kept in the encrypted
    file (never elsewhere) so that a lock or a crash does not lose it (casefile/drafts.py).
    Not a record: not audited, exported, bundled or printed."""

    __tablename__ = "drafts"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))  # which form
    context: Mapped[str] = mapped_column(Text)  # JSON: what the form was opened for (ids)
    input_values: Mapped[str] = mapped_column(Text)  # JSON: field name -> what was typed
    view: Mapped[str | None] = mapped_column(String(64))  # the view the form was opened from
    saved_at: Mapped[str] = mapped_column(String(32))


# -- keys, district configuration and bundles (DESIGN.md section 7) ------------------------


class KeyPair(Base):
    """This file's own keys: Ed25519 for signing; X25519 for receiving (coordinators)."""

    __tablename__ = "key_pairs"
    __table_args__ = (CheckConstraint("purpose IN ('signing', 'encryption')", name="purpose"),)
    purpose: Mapped[str] = mapped_column(String(16), primary_key=True)
    private_key: Mapped[bytes] = mapped_column(LargeBinary)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[str] = mapped_column(String(32))


class DistrictConfig(Base):
    """The signed district configuration as received (case manager) or issued (coordinator);
    one row, replaced by a newer serial of the same coordinator."""

    __tablename__ = "district_config"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document: Mapped[bytes] = mapped_column(LargeBinary)  # the signed payload, as received
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    coordinator_signing_key: Mapped[bytes] = mapped_column(LargeBinary)
    serial: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[str] = mapped_column(String(32))


class BundleExport(Base):
    """A bundle this case file sent: what, when, which revision (the export history)."""

    __tablename__ = "bundle_exports"
    __table_args__ = (Index("ix_bundle_exports_period_revision", "period", "revision"),)
    bundle_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    period: Mapped[str] = mapped_column(String(32))
    revision: Mapped[int] = mapped_column(Integer)
    recipient_key_id: Mapped[str] = mapped_column(String(64))
    created: Mapped[str] = mapped_column(String(32))
    sha256: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str | None] = mapped_column(Text)


class TrustedSender(Base):
    """A sender whose bundles this coordinator file accepts (trusted after comparing the
    fingerprint)."""

    __tablename__ = "trusted_senders"
    key_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    signing_key: Mapped[bytes] = mapped_column(LargeBinary)
    label: Mapped[str | None] = mapped_column(Text)
    trusted_at: Mapped[str] = mapped_column(String(32))


class ReceivedBundle(Base):
    """A bundle imported into a coordinator file; ``status`` current, superseded or withdrawn
    (by the coordinator, at ``withdrawn_at``)."""

    __tablename__ = "received_bundles"
    __table_args__ = (
        CheckConstraint("status IN ('current', 'superseded', 'withdrawn')", name="status"),
        CheckConstraint("kind IN ('casemanager', 'district')", name="kind"),
        Index("ix_received_bundles_sender_period", "sender_key_id", "period"),
        Index("ix_received_bundles_period_status", "period", "status"),
    )
    bundle_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sender_key_id: Mapped[str] = mapped_column(ForeignKey("trusted_senders.key_id"))
    kind: Mapped[str] = mapped_column(String(16))
    district: Mapped[str] = mapped_column(Text)
    period: Mapped[str] = mapped_column(String(32))
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    revision: Mapped[int] = mapped_column(Integer)
    created: Mapped[str] = mapped_column(String(32))
    imported_at: Mapped[str] = mapped_column(String(32))
    sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    k: Mapped[int] = mapped_column(Integer)
    withdrawn_at: Mapped[str | None] = mapped_column(String(32))


class BundleFigure(Base):
    """One figure of a received bundle: municipality, dotted key of DESIGN §6, value (None =
    suppressed in the bundle)."""

    __tablename__ = "bundle_figures"
    # No index on ``key`` (dropped in 0013): a bundle's hundred keys spread over the whole
    # index, so each import dirtied a page per key; the sums read by bundle (primary key).
    bundle_id: Mapped[str] = mapped_column(
        ForeignKey("received_bundles.bundle_id", ondelete="CASCADE"), primary_key=True
    )
    municipality: Mapped[str] = mapped_column(String(200), primary_key=True)
    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    value: Mapped[float | None] = mapped_column(Float)


class BundleGap(Base):
    """A structural gap as a bundle carried it (texts passed the personal-data check)."""

    __tablename__ = "bundle_gaps"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bundle_id: Mapped[str] = mapped_column(
        ForeignKey("received_bundles.bundle_id", ondelete="CASCADE")
    )
    municipality: Mapped[str] = mapped_column(String(200))
    theme: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    reported_on: Mapped[dt.date | None] = mapped_column(Date)


class TeamMember(Base):
    """A colleague whose key card a coordinator enrolled (the team directory, DESIGN §7):
    their bundles need no trust flag; once revoked, their later bundles are rejected."""

    __tablename__ = "team_members"
    __table_args__ = (CheckConstraint("role IN ('casemanager', 'coordinator')", name="role"),)
    key_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16))
    signing_key: Mapped[bytes] = mapped_column(LargeBinary)
    encryption_key: Mapped[bytes | None] = mapped_column(LargeBinary)
    card_created: Mapped[str] = mapped_column(String(32))
    enrolled_at: Mapped[str] = mapped_column(String(32))
    revoked_at: Mapped[str | None] = mapped_column(String(32))


class StatisticalResidue(Base):
    """What erased records added to the figures of an ended calendar year or quarter, summed
    over all erasures (DESIGN §10, migration 0015): counts only, keyed by period label,
    municipality (``""`` for the whole file) and figure key. docs/erasure.md says why this
    is anonymous."""

    __tablename__ = "statistical_residue"
    period: Mapped[str] = mapped_column(String(16), primary_key=True)
    municipality: Mapped[str] = mapped_column(String(200), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)
