"""Validation of an interchange document before anything is written: the schema, every
reference between records, the rules of DESIGN.md §5 and the catalogue codes. Messages name
the place (JSON path) and the rule, never the value found there (it may be personal data)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import fastjsonschema
import jsonschema
from sqlalchemy import select
from sqlalchemy.orm import Session

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.models import CaseMember, Client, Municipality
from kim_desktop.core.interchange.format import (
    ARRAYS,
    DATE_FIELDS,
    MAX_PARTICIPANTS,
    MAX_PROBLEMS,
    MODELS,
    table,
)
from kim_desktop.core.interchange.reading import _fast_validator, schema


def json_path(parts: Iterable[str | int]) -> str:
    text = "$"
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def _describe_schema_error(error: jsonschema.ValidationError) -> str:
    """A message naming the rule broken, never the offending value."""
    # jsonschema types these as "Any | Unset"; an error from iter_errors always has them.
    rule: Any = error.validator
    expected: Any = error.validator_value
    instance: Any = error.instance
    schema_part: Any = error.schema
    place = json_path(error.absolute_path)
    if rule == "required":
        missing = [name for name in expected if name not in (instance or {})]
        return f"{place}: missing required field {', '.join(repr(m) for m in missing)}"
    if rule == "additionalProperties":
        allowed = set(schema_part.get("properties", {}))
        unknown = sorted(str(k) for k in instance if k not in allowed)
        return f"{place}: unknown field {', '.join(repr(u) for u in unknown)}"
    if rule == "type":
        return f"{place}: must be of type {expected}"
    if rule == "enum":
        return f"{place}: must be one of {', '.join(map(str, expected))}"
    if rule == "const":
        return f"{place}: must be {json.dumps(expected)}"
    if rule == "pattern":
        return f"{place}: must be {_pattern_hint(str(expected))}"
    if rule in ("minLength", "maxLength", "minItems", "minimum", "maximum"):
        return f"{place}: violates {rule} {expected}"
    return f"{place}: violates schema rule '{rule}'"


def _pattern_hint(pattern: str) -> str:
    if "[0-9]{4}" in pattern:
        return "a date YYYY-MM-DD"
    if ":[0-5]" in pattern:
        return "a time of day HH:MM"
    if "{2,3}" in pattern:
        return "a language code (ISO 639, lower case)"
    return "a code (a-z, 0-9, _)"


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
    # Restricted clients (Art. 18 GDPR) and the cases whose every member is restricted: an
    # import adds nothing about them (casework/restriction.py).
    restricted: set[str] = field(default_factory=set)
    read_only_cases: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, session: Session) -> ExistingState:
        state = cls()
        for name, model in MODELS.items():
            state.ids[name] = set(session.scalars(select(table(model).c.id)))
        state.municipalities = set(session.scalars(select(Municipality.name)))
        for case_id, client_id in session.execute(select(CaseMember.case_id, CaseMember.client_id)):
            state.case_members.setdefault(case_id, set()).add(client_id)
        state.catalogues = cat.file_catalogues(session.connection())
        state.restricted = set(
            session.scalars(select(Client.id).where(Client.restricted_on.is_not(None)))
        )
        state.read_only_cases = {
            case_id
            for case_id, members in state.case_members.items()
            if members and members <= state.restricted
        }
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


Place = tuple[str | int, ...]


class _Check:
    """The semantic rules, one method per record array; problems collect in one list."""

    def __init__(self, document: Mapping[str, Any], existing: ExistingState) -> None:
        self.document = document
        self.existing = existing
        self.catalogues = existing.catalogues
        self.problems = _Problems()
        self.dates = _parse_dates(document, self.problems)
        self.ids: dict[str, set[str]] = {}

    def add(self, place: Place, message: str) -> None:
        self.problems.add(place, message)

    def records(self, name: str) -> Iterable[tuple[Place, Mapping[str, Any]]]:
        for index, record in enumerate(self.document.get(name, [])):
            yield (name, index), record

    def date(self, place: Place, field_name: str) -> dt.date | None:
        name, index = place
        return self.dates.get((str(name), int(index), field_name))

    def code(self, place: Place, catalogue: str, code: Any) -> None:
        if code is not None and code not in self.catalogues[catalogue]:
            self.add(place, f"unknown code for catalogue '{catalogue}'")

    def reference(self, place: Place, array: str, record_id: Any) -> None:
        if record_id not in self.ids[array]:
            self.add(place, f"refers to a {array[:-1]} that does not exist")

    def not_before(self, place: Place, record: Mapping[str, Any], later: str, earlier: str) -> None:
        first, second = self.date(place, earlier), self.date(place, later)
        if first and second and second < first:
            self.add((*place, later), f"lies before {earlier}")

    def not_blank(self, place: Place, record: Mapping[str, Any], field_name: str) -> None:
        if field_name in record and not record[field_name].strip():
            self.add((*place, field_name), "must not be blank")

    # -- the rules ---------------------------------------------------------------------------

    def run(self) -> list[str]:
        self.unique_ids()
        self.clients()
        self.cases()
        self.appointments()
        self.assessments()
        self.goals()
        self.referrals()
        self.consents()
        self.structural_gaps()
        self.restricted()
        return self.problems.items

    def unique_ids(self) -> None:
        for name in ARRAYS:
            seen: dict[str, int] = {}
            for index, record in enumerate(self.document.get(name, [])):
                record_id = record["id"]
                if record_id in seen:
                    self.add(
                        (name, index, "id"), f"duplicate id (first at {name}[{seen[record_id]}])"
                    )
                elif record_id in self.existing.ids[name]:
                    self.add((name, index, "id"), "id already in the case file")
                else:
                    seen[record_id] = index
            self.ids[name] = set(seen) | self.existing.ids[name]

    def clients(self) -> None:
        nationalities = cat.nationality_codes()
        for here, client in self.records("clients"):
            if "nationality" in client and client["nationality"] not in nationalities:
                self.add(
                    (*here, "nationality"),
                    "not an ISO 3166-1 alpha-2 code, 'XK', 'stateless', 'unresolved' or 'unknown'",
                )
            self.code(
                (*here, "residence_status"), cat.RESIDENCE_STATUS, client.get("residence_status")
            )

    def cases(self) -> None:
        referred_by = set(cat.referred_by_codes(self.catalogues))
        for here, case in self.records("cases"):
            self.not_blank(here, case, "municipality")
            self.not_before(here, case, "closed_on", "opened_on")
            if case.get("phase") == "closed" and "closed_on" not in case:
                self.add((*here, "closed_on"), "required when phase is 'closed'")
            if "closed_on" in case and case.get("phase", "closed") != "closed":
                self.add((*here, "phase"), "must be 'closed' when closed_on is given")
            if "closure_reason" in case:
                self.code((*here, "closure_reason"), cat.CLOSURE_REASONS, case["closure_reason"])
                if "closed_on" not in case:
                    self.add((*here, "closure_reason"), "only allowed when closed_on is given")
            if "referred_by" in case and case["referred_by"] not in referred_by:
                self.add(
                    (*here, "referred_by"),
                    f"must be a code of catalogue '{cat.REFERRAL_TARGETS}'"
                    f" or '{cat.SELF_REFERRAL}'",
                )
            self.members(here, case["members"])

    def members(self, here: Place, members: list[Mapping[str, Any]]) -> None:
        seen: set[str] = set()
        primaries = 0
        for m_index, member in enumerate(members):
            m_here = (*here, "members", m_index, "client_id")
            self.reference(m_here, "clients", member["client_id"])
            if member["client_id"] in seen:
                self.add(m_here, "client is listed twice in this case")
            seen.add(member["client_id"])
            primaries += member.get("role") == "primary"
        if primaries > 1:
            self.add((*here, "members"), "more than one member has role 'primary'")

    def appointments(self) -> None:
        for here, appt in self.records("appointments"):
            counselling = appt["kind"] != "other_work"
            if counselling and "case_id" not in appt:
                self.add((*here, "case_id"), f"required for kind '{appt['kind']}'")
            if not counselling and "case_id" in appt:
                self.add((*here, "case_id"), "not allowed for kind 'other_work'")
            if "case_id" in appt:
                self.reference((*here, "case_id"), "cases", appt["case_id"])
            if "other_work_type" in appt:
                if counselling:
                    self.add((*here, "other_work_type"), "only allowed for kind 'other_work'")
                self.code((*here, "other_work_type"), cat.OTHER_WORK_TYPES, appt["other_work_type"])
            self.code((*here, "channel"), cat.CHANNELS, appt.get("channel"))
            if appt.get("participants", 0) > MAX_PARTICIPANTS:
                self.add((*here, "participants"), f"violates maximum {MAX_PARTICIPANTS}")
            themes = appt.get("themes", [])
            for t_index, theme in enumerate(themes):
                self.code((*here, "themes", t_index), cat.THEMES, theme)
            if len(set(themes)) != len(themes):
                self.add((*here, "themes"), "names a theme twice")
            self.not_blank(here, appt, "municipality")
            self.interpreter_language(here, appt)

    def interpreter_language(self, here: Place, appt: Mapping[str, Any]) -> None:
        if "interpreter_language" not in appt:
            return
        if not cat.is_language_code(appt["interpreter_language"]):
            self.add(
                (*here, "interpreter_language"),
                "not an ISO 639-1 code (or ISO 639-3 for a language without one)",
            )
        if appt.get("interpreter") == "none":
            self.add((*here, "interpreter_language"), "given, but interpreter is 'none'")

    def assessments(self) -> None:
        case_members = dict(self.existing.case_members)
        case_members.update(
            {
                case["id"]: {m["client_id"] for m in case["members"]}
                for case in self.document.get("cases", [])
            }
        )
        for here, assessment in self.records("assessments"):
            self.reference((*here, "case_id"), "cases", assessment["case_id"])
            client_id = assessment.get("client_id")
            if client_id is not None:
                if client_id not in self.ids["clients"]:
                    self.add((*here, "client_id"), "refers to a client that does not exist")
                elif (
                    assessment["case_id"] in case_members
                    and client_id not in case_members[assessment["case_id"]]
                ):
                    self.add((*here, "client_id"), "client is not a member of the case")
            for area in assessment["ratings"]:
                self.code((*here, "ratings", area), cat.LIFE_AREAS, area)

    def goals(self) -> None:
        for here, goal in self.records("goals"):
            self.reference((*here, "case_id"), "cases", goal["case_id"])
            self.code((*here, "life_area"), cat.LIFE_AREAS, goal.get("life_area"))
            self.not_before(here, goal, "closed_on", "agreed_on")

    def referrals(self) -> None:
        for here, referral in self.records("referrals"):
            self.reference((*here, "case_id"), "cases", referral["case_id"])
            self.code((*here, "target"), cat.REFERRAL_TARGETS, referral["target"])
            self.code((*here, "theme"), cat.THEMES, referral.get("theme"))

    def consents(self) -> None:
        for here, consent in self.records("consents"):
            self.reference((*here, "client_id"), "clients", consent["client_id"])
            if consent["kind"] == "data_transfer" and "recipient" not in consent:
                self.add((*here, "recipient"), "required for kind 'data_transfer'")
            self.code((*here, "recipient"), cat.REFERRAL_TARGETS, consent.get("recipient"))
            self.not_before(here, consent, "withdrawn_on", "given_on")

    def structural_gaps(self) -> None:
        for here, gap in self.records("structural_gaps"):
            self.not_blank(here, gap, "municipality")
            self.code((*here, "theme"), cat.THEMES, gap["theme"])
            if gap.get("status") == "draft" and "reported_on" in gap:
                self.add((*here, "reported_on"), "a draft has no report date")
            if gap.get("status") == "reported" and "reported_on" not in gap:
                self.add((*here, "reported_on"), "required when status is 'reported'")

    def restricted(self) -> None:
        """Nothing new about a restricted client or in a case of restricted members only."""
        if not self.existing.restricted:
            return
        client_rule = "refers to a client whose processing is restricted (Art. 18 GDPR)"
        case_rule = "refers to a case whose every member is restricted (Art. 18 GDPR)"
        for here, case in self.records("cases"):
            for m_index, member in enumerate(case["members"]):
                if member["client_id"] in self.existing.restricted:
                    self.add((*here, "members", m_index, "client_id"), client_rule)
        for name in ("appointments", "assessments", "goals", "referrals"):
            for here, record in self.records(name):
                if record.get("case_id") in self.existing.read_only_cases:
                    self.add((*here, "case_id"), case_rule)
        for name in ("assessments", "consents"):
            for here, record in self.records(name):
                if record.get("client_id") in self.existing.restricted:
                    self.add((*here, "client_id"), client_rule)


def semantic_problems(document: Mapping[str, Any], existing: ExistingState) -> list[str]:
    """References, the rules of DESIGN.md section 5 and catalogue codes."""
    return _Check(document, existing).run()


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
