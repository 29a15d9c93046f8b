"""Writing a validated interchange document into a case file: all records or none."""

from __future__ import annotations

import datetime as dt
import json
import logging
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from kim_desktop.core.casefile.models import (
    Appointment,
    AppointmentTheme,
    Assessment,
    AssessmentRating,
    AuditEntry,
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
from kim_desktop.core.errors import RejectedInputError, ValidationFailed
from kim_desktop.core.interchange.format import (
    ARRAYS,
    DATE_FIELDS,
    MODELS_BY_TABLE,
    PLAIN_FIELDS,
    table,
)
from kim_desktop.core.interchange.reading import load_json
from kim_desktop.core.interchange.rules import ExistingState, validate

log = logging.getLogger(__name__)


@dataclass
class ImportSummary:
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def describe(self) -> str:
        parts = [
            f"{count} {name.replace('_', ' ')}" for name, count in self.counts.items() if count
        ]
        return ", ".join(parts) if parts else "nothing"


ProgressCallback = Callable[[int, int], None]


def _row(name: str, record: Mapping[str, Any]) -> dict[str, Any]:
    row = {key: record.get(key) for key in PLAIN_FIELDS[name]}
    for field_name in DATE_FIELDS[name]:
        value = record.get(field_name)
        row[field_name] = dt.date.fromisoformat(value) if value is not None else None
    return row


def _rows(
    document: Mapping[str, Any], stored_case_municipality: Mapping[str, str]
) -> Iterator[tuple[Table, list[dict[str, Any]]]]:
    """Table rows for every record, with the defaults the schema leaves open filled in."""
    clients = []
    for record in document.get("clients", []):
        row = _row("clients", record)
        row["languages"] = (
            json.dumps(record["languages"], ensure_ascii=False) if "languages" in record else None
        )
        clients.append(row)
    yield table(Client), clients

    cases: list[dict[str, Any]] = []
    members: list[dict[str, Any]] = []
    case_municipality: dict[str, str] = dict(stored_case_municipality)
    for record in document.get("cases", []):
        row = _row("cases", record)
        row["phase"] = record.get("phase") or ("closed" if "closed_on" in record else "intake")
        cases.append(row)
        case_municipality[record["id"]] = record["municipality"]
        has_primary = any(m.get("role") == "primary" for m in record["members"])
        for position, member in enumerate(record["members"]):
            role = member.get("role") or (
                "primary" if position == 0 and not has_primary else "household"
            )
            members.append(
                {
                    "case_id": record["id"],
                    "client_id": member["client_id"],
                    "role": role,
                    "position": position,
                }
            )
    yield table(Case), cases
    yield table(CaseMember), members

    appointments: list[dict[str, Any]] = []
    themes: list[dict[str, Any]] = []
    for record in document.get("appointments", []):
        row = _row("appointments", record)
        if row["municipality"] is None and record.get("case_id") in case_municipality:
            row["municipality"] = case_municipality[record["case_id"]]
        appointments.append(row)
        # The theme rows carry the appointment's date and municipality (migration 0007);
        # written here, the triggers only confirm them instead of updating each row.
        themes.extend(
            {
                "appointment_id": record["id"],
                "theme": theme,
                "position": position,
                "date": row["date"],
                "municipality": row["municipality"],
            }
            for position, theme in enumerate(record.get("themes", []))
        )
    yield table(Appointment), appointments
    yield table(AppointmentTheme), themes

    assessments: list[dict[str, Any]] = []
    ratings: list[dict[str, Any]] = []
    for record in document.get("assessments", []):
        assessments.append(_row("assessments", record))
        ratings.extend(
            {
                "assessment_id": record["id"],
                "life_area": area,
                "rating": value,
                "position": position,
            }
            for position, (area, value) in enumerate(record["ratings"].items())
        )
    yield table(Assessment), assessments
    yield table(AssessmentRating), ratings

    yield table(Goal), [_row("goals", r) for r in document.get("goals", [])]
    yield table(Referral), [_row("referrals", r) for r in document.get("referrals", [])]
    yield table(Consent), [_row("consents", r) for r in document.get("consents", [])]
    gaps = []
    for record in document.get("structural_gaps", []):
        row = _row("structural_gaps", record)
        row["status"] = record.get("status") or ("reported" if "reported_on" in record else "draft")
        gaps.append(row)
    yield table(StructuralGap), gaps


def _stored_case_municipalities(session: Session, document: Mapping[str, Any]) -> dict[str, str]:
    """Municipalities of cases already in the file that new appointments without one belong to."""
    in_document = {c["id"] for c in document.get("cases", [])}
    wanted = {
        a["case_id"]
        for a in document.get("appointments", [])
        if "municipality" not in a and "case_id" in a and a["case_id"] not in in_document
    }
    if not wanted:
        return {}
    rows = session.execute(select(Case.id, Case.municipality))
    return {case_id: name for case_id, name in rows if case_id in wanted}


def normalise_municipalities(document: Any) -> Any:
    """Municipality names compare exactly: strip outer white space and use Unicode NFC, so
    "Bonn " and "Bonn" are one municipality. Returns a shallow copy; the input stays as is."""
    if not isinstance(document, dict):
        return document

    def clean(value: Any) -> Any:
        return unicodedata.normalize("NFC", value).strip() if isinstance(value, str) else value

    result = dict(document)
    if isinstance(document.get("municipalities"), list):
        result["municipalities"] = [clean(name) for name in document["municipalities"]]
    for name in ("cases", "appointments", "structural_gaps"):
        records = document.get(name)
        if isinstance(records, list):
            result[name] = [
                {**r, "municipality": clean(r["municipality"])}
                if isinstance(r, dict) and "municipality" in r
                else r
                for r in records
            ]
    return result


def _municipalities_used(document: Mapping[str, Any]) -> list[str]:
    names: list[str] = list(document.get("municipalities", []))
    names += [c["municipality"] for c in document.get("cases", [])]
    names += [a["municipality"] for a in document.get("appointments", []) if "municipality" in a]
    names += [g["municipality"] for g in document.get("structural_gaps", [])]
    return list(dict.fromkeys(n.strip() for n in names if n.strip()))


CHUNK = 5000


def refuse_unless_case_manager(casefile: CaseFile) -> None:
    """Personal records go into a case manager's file only."""
    if casefile.role != "casemanager":
        raise RejectedInputError(
            "A coordinator's file holds no personal data: interchange files can only be "
            "imported into a case manager's file."
        )


def import_document(
    casefile: CaseFile,
    document: Any,
    source: str = "input",
    progress: ProgressCallback | None = None,
) -> ImportSummary:
    """Validate, then add every record in one transaction (all or nothing).

    ``progress(done, total)`` is called between chunks; an exception raised from it cancels
    the import and rolls everything back."""
    refuse_unless_case_manager(casefile)
    # Validation reads the file in the same transaction that writes, so nothing written by
    # someone else in between can collide with the import.
    with casefile.transaction() as session:
        counts = write_document(session, casefile.owner, document, source, progress)
    log.info("interchange import: %d records", sum(counts.values()))
    return ImportSummary(counts)


def write_document(
    session: Session,
    actor: str,
    document: Any,
    source: str = "input",
    progress: ProgressCallback | None = None,
) -> dict[str, int]:
    """Validate ``document`` against what the session's file holds, then add its records in
    that (write) transaction with their audit entries; returns the records per array. A
    handover's import (core/sync/handover.py) writes more in the same transaction."""
    document = normalise_municipalities(document)
    counts = (
        {name: len(document.get(name, [])) for name in ARRAYS} if isinstance(document, dict) else {}
    )
    total_rows = sum(counts.values())
    done = 0
    existing = ExistingState.of(session)
    problems = validate(document, existing)
    if problems:
        raise ValidationFailed(source, problems)
    stored_case_municipality = _stored_case_municipalities(session, document)
    new_municipalities = [
        {"name": n} for n in _municipalities_used(document) if n not in existing.municipalities
    ]
    if new_municipalities:
        session.execute(insert(Municipality), new_municipalities)
    for target, rows in _rows(document, stored_case_municipality):
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            session.execute(insert(target), chunk)
            if target.name in MODELS_BY_TABLE:
                done += len(chunk)
                if progress:
                    progress(done, total_rows)
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    audit_rows = [
        {
            "at": stamp,
            "actor": actor,
            "action": "import",
            "entity": name,
            "record_id": record["id"],
        }
        for name in ARRAYS
        for record in document.get(name, [])
    ]
    for start in range(0, len(audit_rows), CHUNK * 4):
        session.execute(insert(AuditEntry), audit_rows[start : start + CHUNK * 4])
    return counts


def import_file(
    casefile: CaseFile, path: Path | str, progress: ProgressCallback | None = None
) -> ImportSummary:
    path = Path(path)
    return import_document(casefile, load_json(path), path.name, progress)
