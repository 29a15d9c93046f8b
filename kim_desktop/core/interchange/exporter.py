"""Exporting a case file (or one client's part of it) as an interchange document.

Restriction (Art. 18 GDPR, casework/restriction.py): the whole-file export leaves out every
restricted client with their consents, their memberships and the assessments naming them,
and every case whose every member is restricted with its appointments, assessments, goals
and referrals; ``export_file`` returns how many, and the command and the window say so. A
case with unrestricted members is exported for them (without the restricted member; it may
then have no primary member, which the format allows). The client's own copy (Art. 15,
``client_id``) is never filtered."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Select, Table, func, literal_column, select
from sqlalchemy import case as sql_case

from kim_desktop.core.casefile.models import (
    Appointment,
    AppointmentTheme,
    Assessment,
    AssessmentRating,
    Case,
    CaseMember,
    Client,
    Consent,
    Goal,
    GoalStep,
    Municipality,
    Referral,
    StructuralGap,
)
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import UnknownRecord, UsageError
from kim_desktop.core.interchange.format import ARRAYS, CASE_KEYS, FORMAT, VERSION, table
from kim_desktop.core.platform.files import replace_privately

log = logging.getLogger(__name__)


def _clean(row: Mapping[Any, Any]) -> dict[str, Any]:
    """A record as the schema wants it: no empty optional fields, ISO dates."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if value is None:
            continue
        out[key] = value.isoformat() if isinstance(value, dt.date) else value
    return out


def _in_order(table: Table, *where: Any) -> Any:
    return select(table).where(*where).order_by(literal_column("rowid"))


@dataclass(frozen=True)
class ExportSummary:
    """What ``export_file`` wrote (records per array) and what it left out as restricted."""

    counts: dict[str, int]
    restricted_clients: int
    restricted_cases: int
    # Agreed steps of the exported goals: the interchange format has no field for them.
    steps_left_out: int = 0


def _restricted_clients() -> Select[str]:
    return select(Client.id).where(Client.restricted_on.is_not(None))


def _read_only_cases() -> Select[str]:
    """Cases whose every member is restricted."""
    unrestricted = func.sum(sql_case((Client.restricted_on.is_(None), 1), else_=0))
    return (
        select(CaseMember.case_id)
        .join(Client, Client.id == CaseMember.client_id)
        .group_by(CaseMember.case_id)
        .having(unrestricted == 0)
    )


def export_document(casefile: CaseFile, client_id: str | None = None) -> dict[str, Any]:
    """The whole case file, read in one transaction so the export is consistent; restricted
    clients and the cases of restricted clients only are left out (``export_file`` counts
    them).

    With ``client_id``, only what is stored about that client (the JSON half of a copy under
    Art. 15 GDPR): the client, their consents, the cases they belong to with only their own
    membership, those cases' appointments, goals and referrals, and the assessments of the
    case or of this client — never other household members' records or structural gaps."""
    document, _clients, _cases = _export(casefile, client_id)
    return document


def _export(casefile: CaseFile, client_id: str | None) -> tuple[dict[str, Any], int, int]:
    """The document of ``export_document`` and how many restricted clients and read-only
    cases it left out (none for one client's own copy)."""
    scoped = client_id is not None
    case_ids = select(CaseMember.case_id).where(CaseMember.client_id == client_id)
    assessment_where: tuple[Any, ...] = (
        (
            Assessment.case_id.in_(case_ids),
            (Assessment.client_id.is_(None)) | (Assessment.client_id == client_id),
        )
        if scoped
        else (
            Assessment.case_id.not_in(_read_only_cases()),
            Assessment.client_id.is_(None) | Assessment.client_id.not_in(_restricted_clients()),
        )
    )
    appointment_where = (
        Appointment.case_id.in_(case_ids)
        if scoped
        else Appointment.case_id.is_(None) | Appointment.case_id.not_in(_read_only_cases())
    )
    appointment_ids = select(Appointment.id).where(appointment_where)
    assessment_ids = select(Assessment.id).where(*assessment_where)

    def only(*where: Any) -> tuple[Any, ...]:
        return where if scoped else ()

    def unrestricted(*where: Any) -> tuple[Any, ...]:
        return () if scoped else where

    with casefile.reading_session() as session:
        left_out_clients = left_out_cases = 0
        if not scoped:
            left_out_clients = (
                session.scalar(select(func.count()).select_from(_restricted_clients().subquery()))
                or 0
            )
            left_out_cases = (
                session.scalar(select(func.count()).select_from(_read_only_cases().subquery())) or 0
            )
        if scoped and session.get(Client, client_id) is None:
            raise UnknownRecord("client_id", "no such record in 'clients'")
        run = session.execute

        clients = []
        client_where = (
            *only(Client.id == client_id),
            *unrestricted(Client.restricted_on.is_(None)),
        )
        for row in run(_in_order(table(Client), *client_where)).mappings():
            record = _clean(row)
            # The register's search key and the restriction are no fields of the format.
            for column in ("folded_name", "restricted_on", "restriction_reason"):
                record.pop(column, None)
            if "languages" in record:
                record["languages"] = json.loads(record["languages"])
            clients.append(record)

        members: dict[str, list[dict[str, str]]] = {}
        member_rows = run(
            select(CaseMember.case_id, CaseMember.client_id, CaseMember.role)
            .where(
                *only(CaseMember.client_id == client_id),
                *unrestricted(CaseMember.client_id.not_in(_restricted_clients())),
            )
            .order_by(CaseMember.case_id, CaseMember.position)
        )
        for case_id, member_id, role in member_rows:
            members.setdefault(case_id, []).append({"client_id": member_id, "role": role})
        cases = []
        case_where = (
            *only(Case.id.in_(case_ids)),
            *unrestricted(Case.id.not_in(_read_only_cases())),
        )
        for row in run(_in_order(table(Case), *case_where)).mappings():
            record = _clean(row)
            record["members"] = members.get(record["id"], [])
            cases.append(_ordered(record, CASE_KEYS))

        themes: dict[str, list[str]] = {}
        theme_rows = run(
            select(AppointmentTheme.appointment_id, AppointmentTheme.theme)
            .where(AppointmentTheme.appointment_id.in_(appointment_ids))
            .order_by(AppointmentTheme.appointment_id, AppointmentTheme.position)
        )
        for appointment_id, theme in theme_rows:
            themes.setdefault(appointment_id, []).append(theme)
        appointments = []
        appointment_rows = run(_in_order(table(Appointment), appointment_where))
        for row in appointment_rows.mappings():
            record = _clean(row)
            if record["id"] in themes:
                record["themes"] = themes[record["id"]]
            appointments.append(record)

        ratings: dict[str, dict[str, int]] = {}
        rating_rows = run(
            select(
                AssessmentRating.assessment_id, AssessmentRating.life_area, AssessmentRating.rating
            )
            .where(AssessmentRating.assessment_id.in_(assessment_ids))
            .order_by(AssessmentRating.assessment_id, AssessmentRating.position)
        )
        for assessment_id, area, value in rating_rows:
            ratings.setdefault(assessment_id, {})[area] = value
        assessments = []
        for row in run(_in_order(table(Assessment), *assessment_where)).mappings():
            record = _clean(row)
            record["ratings"] = ratings.get(record["id"], {})
            assessments.append(record)

        in_cases = (
            *only(Goal.case_id.in_(case_ids)),
            *unrestricted(Goal.case_id.not_in(_read_only_cases())),
        )
        goals = [_clean(r) for r in run(_in_order(table(Goal), *in_cases)).mappings()]
        in_cases = (
            *only(Referral.case_id.in_(case_ids)),
            *unrestricted(Referral.case_id.not_in(_read_only_cases())),
        )
        referrals = [_clean(r) for r in run(_in_order(table(Referral), *in_cases)).mappings()]
        own = (
            *only(Consent.client_id == client_id),
            *unrestricted(Consent.client_id.not_in(_restricted_clients())),
        )
        consents = [_clean(r) for r in run(_in_order(table(Consent), *own)).mappings()]
        gaps = (
            [] if scoped else [_clean(r) for r in run(_in_order(table(StructuralGap))).mappings()]
        )
        stored_municipalities = list(
            session.scalars(select(Municipality.name).order_by(literal_column("rowid")))
        )
    if scoped:  # only the municipalities this client's records name
        used = {c["municipality"] for c in cases}
        used |= {a["municipality"] for a in appointments if "municipality" in a}
        stored_municipalities = [name for name in stored_municipalities if name in used]
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "owner": casefile.owner,
        "municipalities": stored_municipalities,
        "clients": clients,
        "cases": cases,
        "appointments": appointments,
        "assessments": assessments,
        "goals": goals,
        "referrals": referrals,
        "consents": consents,
        "structural_gaps": gaps,
    }
    return document, left_out_clients, left_out_cases


def _ordered(record: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: record[key] for key in keys if key in record}


def _may_overwrite(out: Path) -> bool:
    """Only an earlier interchange export may be replaced — never a case file, a backup or
    anything else that happens to have the name."""
    try:
        with out.open("rb") as handle:
            head = handle.read(200)
    except OSError:
        return False
    return head.lstrip().startswith(b"{") and b'"kim-casefile"' in head


def write_json(document: Mapping[str, Any], out: Path | str) -> None:
    """Write atomically and privately: a new 0600 temp file beside the target, then a rename.
    An existing target is replaced only when it is an earlier interchange export."""
    out = Path(out)
    if not out.parent.is_dir():
        raise UsageError(f"{out.parent}: no such folder.")
    if out.is_dir():
        raise UsageError(f"{out}: is a folder; give a file name.")
    if out.exists() and not _may_overwrite(out):
        raise UsageError(f"{out}: exists and is not an interchange export; not overwritten.")
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    replace_privately(out, text.encode("utf-8"))


def export_file(casefile: CaseFile, out: Path | str) -> ExportSummary:
    """Write the whole file as interchange JSON and record the export in the audit trail.
    Restricted clients and cases are left out; the summary says how many."""
    document, clients, cases = _export(casefile, None)
    with casefile.reading() as conn:
        steps = conn.scalar(
            select(func.count())
            .select_from(GoalStep)
            .join(Goal, Goal.id == GoalStep.goal_id)
            .where(Goal.case_id.not_in(_read_only_cases()))
        )
    write_json(document, out)
    casefile.record("export", "casefile")
    log.info("interchange export written (%d restricted clients left out)", clients)
    counts = {name: len(document[name]) for name in ARRAYS}
    return ExportSummary(counts, clients, cases, steps or 0)
