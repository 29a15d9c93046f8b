"""The interchange contract's shape as this program stores it: record arrays, their tables,
and which fields are dates or plain columns."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table

from kim_desktop.core.casefile.models import (
    Appointment,
    Assessment,
    Base,
    Case,
    Client,
    Consent,
    Goal,
    Referral,
    StructuralGap,
)

FORMAT = "kim-casefile"
VERSION = 1
MAX_PROBLEMS = 1000
MAX_INPUT_BYTES = 2 * 1024**3  # a case file's export is far smaller; guards memory

# Record arrays in the order they are written (parents before children).
ARRAYS = (
    "clients",
    "cases",
    "appointments",
    "assessments",
    "goals",
    "referrals",
    "consents",
    "structural_gaps",
)
MODELS: dict[str, type[Base]] = {
    "clients": Client,
    "cases": Case,
    "appointments": Appointment,
    "assessments": Assessment,
    "goals": Goal,
    "referrals": Referral,
    "consents": Consent,
    "structural_gaps": StructuralGap,
}
MODELS_BY_TABLE = {model.__tablename__ for model in MODELS.values()}


def table(model: type[Base]) -> Table:
    """A model's table (declarative models are typed with a plain ``FromClause``)."""
    return cast(Table, model.__table__)


DATE_FIELDS: dict[str, tuple[str, ...]] = {
    "clients": ("birth_date", "arrival_date"),
    "cases": ("opened_on", "closed_on", "follow_up_on"),
    "appointments": ("date",),
    "assessments": ("assessed_on",),
    "goals": ("agreed_on", "due_on", "closed_on"),
    "referrals": ("date",),
    "consents": ("given_on", "withdrawn_on"),
    "structural_gaps": ("reported_on",),
}
# Plain columns copied one to one between a record and its table row (besides dates).
PLAIN_FIELDS: dict[str, tuple[str, ...]] = {
    "clients": (
        "id",
        "given_name",
        "family_name",
        "gender",
        "nationality",
        "residence_status",
        "phone",
        "email",
        "address",
        "notes",
    ),
    "cases": ("id", "municipality", "track", "phase", "closure_reason", "notes", "referred_by"),
    "appointments": (
        "id",
        "case_id",
        "minutes",
        "kind",
        "other_work_type",
        "channel",
        "participants",
        "interpreter",
        "municipality",
        "notes",
        "start_time",
        "interpreter_language",
    ),
    "assessments": ("id", "case_id", "client_id", "notes"),
    "goals": ("id", "case_id", "life_area", "title", "status"),
    "referrals": ("id", "case_id", "target", "organisation", "theme", "outcome"),
    "consents": ("id", "client_id", "kind", "recipient", "form_version", "language"),
    "structural_gaps": ("id", "municipality", "theme", "title", "description", "status"),
}
MAX_PARTICIPANTS = 100_000

# The order of a case's fields in an export (members between the dates and the notes).
CASE_KEYS = (
    "id",
    "municipality",
    "track",
    "phase",
    "opened_on",
    "closed_on",
    "closure_reason",
    "follow_up_on",
    "referred_by",
    "members",
    "notes",
)
