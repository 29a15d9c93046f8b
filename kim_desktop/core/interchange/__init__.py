"""The interchange format (``contracts/casefile-interchange.schema.json``, DESIGN.md section 9).

``kim import-json`` / ``kim export-json``. Import validates everything before it writes: the
schema, every reference between records, the rules of section 5 and the catalogue codes. It
reports every problem with its JSON path and writes either all records or none. Problem
messages name places and rules, never the values found there (they may be personal data)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema
from sqlalchemy import Table, insert, literal_column, select
from sqlalchemy.orm import Session

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.models import (
    Appointment,
    AppointmentTheme,
    Assessment,
    AssessmentRating,
    AuditEntry,
    Case,
    CaseMember,
    CatalogueAddition,
    Client,
    Consent,
    Goal,
    Municipality,
    Referral,
    StructuralGap,
)
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import (
    RejectedInputError,
    UnknownRecord,
    UsageError,
    ValidationFailed,
)
from kim_desktop.core.platform.files import replace_privately

log = logging.getLogger(__name__)

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
MODELS: dict[str, type] = {
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
    "cases": ("id", "municipality", "track", "phase", "closure_reason", "notes"),
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
    ),
    "assessments": ("id", "case_id", "client_id", "notes"),
    "goals": ("id", "case_id", "life_area", "title", "status"),
    "referrals": ("id", "case_id", "target", "organisation", "theme", "outcome"),
    "consents": ("id", "client_id", "kind", "recipient", "form_version", "language"),
    "structural_gaps": ("id", "municipality", "theme", "title", "description", "status"),
}


# -- reading ---------------------------------------------------------------------------------


@cache
def _schema_text() -> str:
    return (
        resources.files("kim_desktop.core.interchange")
        .joinpath("data/casefile-interchange.schema.json")
        .read_text("utf-8")
    )


def schema() -> dict[str, Any]:
    """A fresh copy of the contract (validators may annotate the dict they are given)."""
    return json.loads(_schema_text())


@cache
def _fast_validator() -> Callable[[Any], Any]:
    return fastjsonschema.compile(schema())


def load_json(path: Path | str) -> Any:
    """Read a JSON file; malformed or truncated input is rejected with its position."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"{path}: no such file.")
    if path.stat().st_size > MAX_INPUT_BYTES:
        raise RejectedInputError(f"{path.name}: larger than {MAX_INPUT_BYTES // 1024**2} MiB.")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RejectedInputError(
            f"{path.name}: not UTF-8 text (byte {exc.start} cannot be decoded)."
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise RejectedInputError(
            f"{path.name}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}."
        ) from None
    except RecursionError:
        raise RejectedInputError(f"{path.name}: nested too deeply to be a case file.") from None


# -- validation ------------------------------------------------------------------------------


def json_path(parts: Iterable[str | int]) -> str:
    text = "$"
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def _describe_schema_error(error: jsonschema.ValidationError) -> str:
    """A message naming the rule broken, never the offending value."""
    rule, expected = error.validator, error.validator_value
    place = json_path(error.absolute_path)
    if rule == "required":
        missing = [name for name in expected if name not in (error.instance or {})]
        return f"{place}: missing required field {', '.join(repr(m) for m in missing)}"
    if rule == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        unknown = sorted(str(k) for k in error.instance if k not in allowed)
        return f"{place}: unknown field {', '.join(repr(u) for u in unknown)}"
    if rule == "type":
        return f"{place}: must be of type {expected}"
    if rule == "enum":
        return f"{place}: must be one of {', '.join(map(str, expected))}"
    if rule == "const":
        return f"{place}: must be {json.dumps(expected)}"
    if rule == "pattern":
        hint = "a date YYYY-MM-DD" if "[0-9]{4}" in str(expected) else "a code (a-z, 0-9, _)"
        return f"{place}: must be {hint}"
    if rule in ("minLength", "maxLength", "minItems", "minimum", "maximum"):
        return f"{place}: violates {rule} {expected}"
    return f"{place}: violates schema rule '{rule}'"


def schema_problems(document: Any) -> list[str]:
    try:
        _fast_validator()(document)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    validator = jsonschema.Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    return [_describe_schema_error(e) for e in errors[:MAX_PROBLEMS]]


@dataclass
class ExistingState:
    """What the target case file already holds, as far as validation needs it."""

    ids: dict[str, set[str]] = field(default_factory=lambda: {name: set() for name in ARRAYS})
    municipalities: set[str] = field(default_factory=set)
    catalogues: dict[str, cat.Catalogue] = field(default_factory=cat.base_catalogues)
    case_members: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, session: Session) -> ExistingState:
        state = cls()
        for name, model in MODELS.items():
            state.ids[name] = set(session.scalars(select(model.id)))
        state.municipalities = set(session.scalars(select(Municipality.name)))
        for case_id, client_id in session.execute(select(CaseMember.case_id, CaseMember.client_id)):
            state.case_members.setdefault(case_id, set()).add(client_id)
        additions = [
            cat.Addition(row.catalogue, row.code, row.label_de, row.label_en)
            for row in session.scalars(select(CatalogueAddition))
        ]
        state.catalogues = cat.catalogues_with(additions)
        return state


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, parts: Iterable[str | int], message: str) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(f"{json_path(parts)}: {message}")


def _parse_dates(
    document: Mapping[str, Any], problems: _Problems
) -> dict[tuple[str, int, str], dt.date]:
    parsed: dict[tuple[str, int, str], dt.date] = {}
    for name, fields in DATE_FIELDS.items():
        for index, record in enumerate(document.get(name, [])):
            for field_name in fields:
                if field_name in record:
                    try:
                        parsed[(name, index, field_name)] = dt.date.fromisoformat(
                            record[field_name]
                        )
                    except ValueError:
                        problems.add((name, index, field_name), "not a valid calendar date")
    return parsed


def semantic_problems(document: Mapping[str, Any], existing: ExistingState) -> list[str]:
    """References, the rules of DESIGN.md section 5 and catalogue codes."""
    problems = _Problems()
    catalogues = existing.catalogues
    dates = _parse_dates(document, problems)

    def date_of(name: str, index: int, field_name: str) -> dt.date | None:
        return dates.get((name, index, field_name))

    def check_code(parts: tuple[str | int, ...], catalogue: str, code: Any) -> None:
        if code is not None and code not in catalogues[catalogue]:
            problems.add(parts, f"unknown code for catalogue '{catalogue}'")

    ids: dict[str, set[str]] = {}
    for name in ARRAYS:
        seen: dict[str, int] = {}
        for index, record in enumerate(document.get(name, [])):
            record_id = record["id"]
            if record_id in seen:
                problems.add(
                    (name, index, "id"), f"duplicate id (first at {name}[{seen[record_id]}])"
                )
            elif record_id in existing.ids[name]:
                problems.add((name, index, "id"), "id already in the case file")
            else:
                seen[record_id] = index
        ids[name] = set(seen) | existing.ids[name]

    nationalities = cat.nationality_codes()
    for index, client in enumerate(document.get("clients", [])):
        here = ("clients", index)
        if "nationality" in client and client["nationality"] not in nationalities:
            problems.add(
                (*here, "nationality"), "not an ISO 3166-1 alpha-2 code, 'stateless' or 'unknown'"
            )
        check_code(
            (*here, "residence_status"), cat.RESIDENCE_STATUS, client.get("residence_status")
        )

    for index, case in enumerate(document.get("cases", [])):
        here = ("cases", index)
        if not case["municipality"].strip():
            problems.add((*here, "municipality"), "must not be blank")
        opened, closed = date_of("cases", index, "opened_on"), date_of("cases", index, "closed_on")
        if opened and closed and closed < opened:
            problems.add((*here, "closed_on"), "lies before opened_on")
        if case.get("phase") == "closed" and "closed_on" not in case:
            problems.add((*here, "closed_on"), "required when phase is 'closed'")
        if "closed_on" in case and case.get("phase", "closed") != "closed":
            problems.add((*here, "phase"), "must be 'closed' when closed_on is given")
        if "closure_reason" in case:
            check_code((*here, "closure_reason"), cat.CLOSURE_REASONS, case["closure_reason"])
            if "closed_on" not in case:
                problems.add((*here, "closure_reason"), "only allowed when closed_on is given")
        members_seen: set[str] = set()
        primaries = 0
        for m_index, member in enumerate(case["members"]):
            m_here = (*here, "members", m_index, "client_id")
            if member["client_id"] not in ids["clients"]:
                problems.add(m_here, "refers to a client that does not exist")
            if member["client_id"] in members_seen:
                problems.add(m_here, "client is listed twice in this case")
            members_seen.add(member["client_id"])
            primaries += member.get("role") == "primary"
        if primaries > 1:
            problems.add((*here, "members"), "more than one member has role 'primary'")

    for index, appt in enumerate(document.get("appointments", [])):
        here = ("appointments", index)
        counselling = appt["kind"] != "other_work"
        if counselling and "case_id" not in appt:
            problems.add((*here, "case_id"), f"required for kind '{appt['kind']}'")
        if not counselling and "case_id" in appt:
            problems.add((*here, "case_id"), "not allowed for kind 'other_work'")
        if "case_id" in appt and appt["case_id"] not in ids["cases"]:
            problems.add((*here, "case_id"), "refers to a case that does not exist")
        if "other_work_type" in appt:
            if counselling:
                problems.add((*here, "other_work_type"), "only allowed for kind 'other_work'")
            check_code((*here, "other_work_type"), cat.OTHER_WORK_TYPES, appt["other_work_type"])
        check_code((*here, "channel"), cat.CHANNELS, appt.get("channel"))
        if appt.get("participants", 0) > MAX_PARTICIPANTS:
            problems.add((*here, "participants"), f"violates maximum {MAX_PARTICIPANTS}")
        themes = appt.get("themes", [])
        for t_index, theme in enumerate(themes):
            check_code((*here, "themes", t_index), cat.THEMES, theme)
        if len(set(themes)) != len(themes):
            problems.add((*here, "themes"), "names a theme twice")
        if "municipality" in appt and not appt["municipality"].strip():
            problems.add((*here, "municipality"), "must not be blank")

    case_members = dict(existing.case_members)
    case_members.update(
        {
            case["id"]: {m["client_id"] for m in case["members"]}
            for case in document.get("cases", [])
        }
    )
    for index, assessment in enumerate(document.get("assessments", [])):
        here = ("assessments", index)
        if assessment["case_id"] not in ids["cases"]:
            problems.add((*here, "case_id"), "refers to a case that does not exist")
        client_id = assessment.get("client_id")
        if client_id is not None:
            if client_id not in ids["clients"]:
                problems.add((*here, "client_id"), "refers to a client that does not exist")
            elif (
                assessment["case_id"] in case_members
                and client_id not in case_members[assessment["case_id"]]
            ):
                problems.add((*here, "client_id"), "client is not a member of the case")
        for area in assessment["ratings"]:
            check_code((*here, "ratings", area), cat.LIFE_AREAS, area)

    for index, goal in enumerate(document.get("goals", [])):
        here = ("goals", index)
        if goal["case_id"] not in ids["cases"]:
            problems.add((*here, "case_id"), "refers to a case that does not exist")
        check_code((*here, "life_area"), cat.LIFE_AREAS, goal.get("life_area"))
        agreed, closed = date_of("goals", index, "agreed_on"), date_of("goals", index, "closed_on")
        if agreed and closed and closed < agreed:
            problems.add((*here, "closed_on"), "lies before agreed_on")

    for index, referral in enumerate(document.get("referrals", [])):
        here = ("referrals", index)
        if referral["case_id"] not in ids["cases"]:
            problems.add((*here, "case_id"), "refers to a case that does not exist")
        check_code((*here, "target"), cat.REFERRAL_TARGETS, referral["target"])
        check_code((*here, "theme"), cat.THEMES, referral.get("theme"))

    for index, consent in enumerate(document.get("consents", [])):
        here = ("consents", index)
        if consent["client_id"] not in ids["clients"]:
            problems.add((*here, "client_id"), "refers to a client that does not exist")
        if consent["kind"] == "data_transfer" and "recipient" not in consent:
            problems.add((*here, "recipient"), "required for kind 'data_transfer'")
        check_code((*here, "recipient"), cat.REFERRAL_TARGETS, consent.get("recipient"))
        given, withdrawn = (
            date_of("consents", index, "given_on"),
            date_of("consents", index, "withdrawn_on"),
        )
        if given and withdrawn and withdrawn < given:
            problems.add((*here, "withdrawn_on"), "lies before given_on")

    for index, gap in enumerate(document.get("structural_gaps", [])):
        here = ("structural_gaps", index)
        if not gap["municipality"].strip():
            problems.add((*here, "municipality"), "must not be blank")
        check_code((*here, "theme"), cat.THEMES, gap["theme"])
        if gap.get("status") == "draft" and "reported_on" in gap:
            problems.add((*here, "reported_on"), "a draft has no report date")
        if gap.get("status") == "reported" and "reported_on" not in gap:
            problems.add((*here, "reported_on"), "required when status is 'reported'")

    return problems.items


MAX_PARTICIPANTS = 100_000


def text_problems(value: Any, parts: tuple[str | int, ...] = ()) -> list[str]:
    """Strings that cannot be stored as UTF-8 (lone surrogates from ``\\ud800`` escapes)."""
    problems: list[str] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, parts)]
    while stack and len(problems) < MAX_PROBLEMS:
        item, here = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                problems.append(f"{json_path(here)}: contains an invalid character")
        elif isinstance(item, dict):
            for key, child in item.items():
                if isinstance(key, str) and not _encodable(key):
                    problems.append(
                        f"{json_path(here)}: a field name contains an invalid character"
                    )
                stack.append((child, (*here, str(key))))
        elif isinstance(item, list):
            stack.extend((child, (*here, index)) for index, child in enumerate(item))
    return sorted(problems)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def validate(document: Any, existing: ExistingState) -> list[str]:
    problems = text_problems(document) or schema_problems(document)
    if problems:
        return problems
    return semantic_problems(document, existing)


# -- import ----------------------------------------------------------------------------------


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
    yield Client.__table__, clients

    cases, members = [], []
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
    yield Case.__table__, cases
    yield CaseMember.__table__, members

    appointments, themes = [], []
    for record in document.get("appointments", []):
        row = _row("appointments", record)
        if row["municipality"] is None and record.get("case_id") in case_municipality:
            row["municipality"] = case_municipality[record["case_id"]]
        appointments.append(row)
        themes.extend(
            {"appointment_id": record["id"], "theme": theme, "position": position}
            for position, theme in enumerate(record.get("themes", []))
        )
    yield Appointment.__table__, appointments
    yield AppointmentTheme.__table__, themes

    assessments, ratings = [], []
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
    yield Assessment.__table__, assessments
    yield AssessmentRating.__table__, ratings

    yield Goal.__table__, [_row("goals", r) for r in document.get("goals", [])]
    yield Referral.__table__, [_row("referrals", r) for r in document.get("referrals", [])]
    yield Consent.__table__, [_row("consents", r) for r in document.get("consents", [])]
    gaps = []
    for record in document.get("structural_gaps", []):
        row = _row("structural_gaps", record)
        row["status"] = record.get("status") or ("reported" if "reported_on" in record else "draft")
        gaps.append(row)
    yield StructuralGap.__table__, gaps


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


def import_document(
    casefile: CaseFile,
    document: Any,
    source: str = "input",
    progress: ProgressCallback | None = None,
) -> ImportSummary:
    """Validate, then add every record in one transaction (all or nothing).

    ``progress(done, total)`` is called between chunks; an exception raised from it cancels
    the import and rolls everything back."""
    if casefile.role != "casemanager":
        raise RejectedInputError(
            "A coordinator's file holds no personal data: interchange files can only be "
            "imported into a case manager's file."
        )
    document = normalise_municipalities(document)
    counts = (
        {name: len(document.get(name, [])) for name in ARRAYS} if isinstance(document, dict) else {}
    )
    total_rows = sum(counts.values())
    done = 0
    # Validation reads the file in the same transaction that writes, so nothing written by
    # someone else in between can collide with the import.
    with casefile.transaction() as session:
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
        for table, rows in _rows(document, stored_case_municipality):
            for start in range(0, len(rows), CHUNK):
                chunk = rows[start : start + CHUNK]
                session.execute(insert(table), chunk)
                if table.name in MODELS_BY_TABLE:
                    done += len(chunk)
                    if progress:
                        progress(done, total_rows)
        stamp = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        audit_rows = [
            {
                "at": stamp,
                "actor": casefile.owner,
                "action": "import",
                "entity": name,
                "record_id": record["id"],
            }
            for name in ARRAYS
            for record in document.get(name, [])
        ]
        for start in range(0, len(audit_rows), CHUNK * 4):
            session.execute(insert(AuditEntry), audit_rows[start : start + CHUNK * 4])
    log.info("interchange import: %d records", sum(counts.values()))
    return ImportSummary(counts)


def import_file(
    casefile: CaseFile, path: Path | str, progress: ProgressCallback | None = None
) -> ImportSummary:
    path = Path(path)
    return import_document(casefile, load_json(path), path.name, progress)


# -- export ----------------------------------------------------------------------------------


def _clean(row: Mapping[str, Any]) -> dict[str, Any]:
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

    with casefile.transaction() as session:
        if scoped and session.get(Client, client_id) is None:
            raise UnknownRecord("client_id", "no such record in 'clients'")
        run = session.execute

        clients = []
        for row in run(_in_order(Client.__table__, *only(Client.id == client_id))).mappings():
            record = _clean(row)
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
        for row in run(_in_order(Case.__table__, *only(Case.id.in_(case_ids)))).mappings():
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
            _in_order(Appointment.__table__, *only(Appointment.case_id.in_(case_ids)))
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
        for row in run(_in_order(Assessment.__table__, *assessment_where)).mappings():
            record = _clean(row)
            record["ratings"] = ratings.get(record["id"], {})
            assessments.append(record)

        in_cases = only(Goal.case_id.in_(case_ids))
        goals = [_clean(r) for r in run(_in_order(Goal.__table__, *in_cases)).mappings()]
        in_cases = only(Referral.case_id.in_(case_ids))
        referrals = [_clean(r) for r in run(_in_order(Referral.__table__, *in_cases)).mappings()]
        own = only(Consent.client_id == client_id)
        consents = [_clean(r) for r in run(_in_order(Consent.__table__, *own)).mappings()]
        gaps = (
            []
            if scoped
            else [_clean(r) for r in run(_in_order(StructuralGap.__table__)).mappings()]
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


CASE_KEYS = (
    "id",
    "municipality",
    "track",
    "phase",
    "opened_on",
    "closed_on",
    "closure_reason",
    "follow_up_on",
    "members",
    "notes",
)


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
