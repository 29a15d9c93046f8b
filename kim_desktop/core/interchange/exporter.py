"""Exporting a case file (or one client's part of it) as an interchange document."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Table, literal_column, select

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


def export_document(casefile: CaseFile, client_id: str | None = None) -> dict[str, Any]:
    """The whole case file, read in one transaction so the export is consistent.

    With ``client_id``, only what is stored about that client (the JSON half of a copy under
    Art. 15 GDPR): the client, their consents, the cases they belong to with only their own
    membership, those cases' appointments, goals and referrals, and the assessments of the
    case or of this client — never other household members' records or structural gaps."""
    scoped = client_id is not None
    case_ids = select(CaseMember.case_id).where(CaseMember.client_id == client_id)
    appointment_ids = select(Appointment.id).where(Appointment.case_id.in_(case_ids))
    assessment_where: tuple[Any, ...] = (
        (
            Assessment.case_id.in_(case_ids),
            (Assessment.client_id.is_(None)) | (Assessment.client_id == client_id),
        )
        if scoped
        else ()
    )
    assessment_ids = select(Assessment.id).where(*assessment_where)

    def only(*where: Any) -> tuple[Any, ...]:
        return where if scoped else ()

    with casefile.reading_session() as session:
        if scoped and session.get(Client, client_id) is None:
            raise UnknownRecord("client_id", "no such record in 'clients'")
        run = session.execute

        clients = []
        for row in run(_in_order(table(Client), *only(Client.id == client_id))).mappings():
            record = _clean(row)
            record.pop("folded_name", None)  # the register's search key, not a record field
            if "languages" in record:
                record["languages"] = json.loads(record["languages"])
            clients.append(record)

        members: dict[str, list[dict[str, str]]] = {}
        member_rows = run(
            select(CaseMember.case_id, CaseMember.client_id, CaseMember.role)
            .where(*only(CaseMember.client_id == client_id))
            .order_by(CaseMember.case_id, CaseMember.position)
        )
        for case_id, member_id, role in member_rows:
            members.setdefault(case_id, []).append({"client_id": member_id, "role": role})
        cases = []
        for row in run(_in_order(table(Case), *only(Case.id.in_(case_ids)))).mappings():
            record = _clean(row)
            record["members"] = members.get(record["id"], [])
            cases.append(_ordered(record, CASE_KEYS))

        themes: dict[str, list[str]] = {}
        theme_rows = run(
            select(AppointmentTheme.appointment_id, AppointmentTheme.theme)
            .where(*only(AppointmentTheme.appointment_id.in_(appointment_ids)))
            .order_by(AppointmentTheme.appointment_id, AppointmentTheme.position)
        )
        for appointment_id, theme in theme_rows:
            themes.setdefault(appointment_id, []).append(theme)
        appointments = []
        appointment_rows = run(
            _in_order(table(Appointment), *only(Appointment.case_id.in_(case_ids)))
        )
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
            .where(*only(AssessmentRating.assessment_id.in_(assessment_ids)))
            .order_by(AssessmentRating.assessment_id, AssessmentRating.position)
        )
        for assessment_id, area, value in rating_rows:
            ratings.setdefault(assessment_id, {})[area] = value
        assessments = []
        for row in run(_in_order(table(Assessment), *assessment_where)).mappings():
            record = _clean(row)
            record["ratings"] = ratings.get(record["id"], {})
            assessments.append(record)

        in_cases = only(Goal.case_id.in_(case_ids))
        goals = [_clean(r) for r in run(_in_order(table(Goal), *in_cases)).mappings()]
        in_cases = only(Referral.case_id.in_(case_ids))
        referrals = [_clean(r) for r in run(_in_order(table(Referral), *in_cases)).mappings()]
        own = only(Consent.client_id == client_id)
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
    return {
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


def export_file(casefile: CaseFile, out: Path | str) -> dict[str, int]:
    """Write the whole file as interchange JSON and record the export in the audit trail."""
    document = export_document(casefile)
    write_json(document, out)
    casefile.record("export", "casefile")
    log.info("interchange export written")
    return {name: len(document[name]) for name in ARRAYS}
