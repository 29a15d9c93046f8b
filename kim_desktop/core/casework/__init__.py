"""The case manager's use cases: everything the case-work window reads and changes.

The GUI calls these functions and never builds SQL. Rules:
- every function takes the open ``CaseFile`` first and works in one transaction: changes go
  through ``casefile.transaction()`` as ORM objects, so ``audit.attach`` records each created,
  changed and deleted row (table and id, never values); reads use one read transaction;
- results are frozen dataclasses of plain values (no ORM objects, no lazy loading);
- a value that breaks a rule raises ``InvalidInput`` (or ``UnknownRecord`` for an id naming no
  record) before anything is written; its message names the field and the rule, never the
  value, and the transaction is rolled back, so the file is unchanged;
- catalogue codes are checked against the file's catalogues (base plus district additions).

Optional text (names, notes, contact data) is stripped; blank text is stored as "no value".
Names are searched and sorted case- and accent-insensitively (``fold``): "ozturk" finds
"Öztürk", as case managers often type foreign names on a German keyboard."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Connection,
    LargeBinary,
    and_,
    case,
    cast,
    exists,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.models import (
    Appointment,
    AppointmentTheme,
    Assessment,
    AssessmentRating,
    Base,
    Case,
    CaseMember,
    CasePhaseChange,
    Client,
    Consent,
    Goal,
    Municipality,
    Referral,
    StructuralGap,
)
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import InvalidInput, UnknownRecord

CLOSED = "closed"
OPEN_PHASES = ("intake", "assessment", "agreement", "implementation")
PRIMARY = "primary"
HOUSEHOLD = "household"
OTHER_WORK = "other_work"
CASE_DOCUMENTATION = "case_documentation"
DATA_TRANSFER = "data_transfer"
DRAFT = "draft"
REPORTED = "reported"
OPEN_GOAL = "open"

CASE_SORT_KEYS = (
    "primary_name",
    "municipality",
    "track",
    "phase",
    "opened_on",
    "closed_on",
    "follow_up_on",
)
CASE_STATES = ("open", "closed")

# Timeline kinds in the order they are shown on the same day (a case opens before anything
# else happens in it and closes after the last appointment of that day).
TIMELINE_KINDS = (
    "case_opened",
    "consent_given",
    "phase_changed",
    "appointment",
    "assessment",
    "goal_agreed",
    "referral",
    "goal_closed",
    "consent_withdrawn",
    "case_closed",
    "case_reopened",
)
_TIMELINE_RANK = {kind: rank for rank, kind in enumerate(TIMELINE_KINDS)}

_MUNICIPALITY_MAX = 200  # the column's length
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


# -- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClientData:
    """A client (Klient:in) as the client dialog edits it. ``id`` is None for a new client."""

    id: str | None = None
    given_name: str | None = None
    family_name: str = ""
    birth_date: dt.date | None = None
    gender: str | None = None
    nationality: str | None = None
    languages: tuple[str, ...] = ()
    arrival_date: dt.date | None = None
    residence_status: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class ClientRow:
    """One line of a client list; ``display_name`` is "Family, Given"."""

    id: str
    display_name: str
    birth_date: dt.date | None


@dataclass(frozen=True)
class CaseFilter:
    """What the case list shows. ``text`` matches any member's given or family name
    (case- and accent-insensitive substring); ``state`` is "open", "closed" or None (all)."""

    text: str = ""
    phase: str | None = None
    track: str | None = None
    municipality: str | None = None
    state: str | None = None


@dataclass(frozen=True)
class CaseRow:
    """One line of the case list; ``primary_name`` is the primary member's display name."""

    id: str
    primary_name: str
    member_count: int
    municipality: str
    track: str
    phase: str
    opened_on: dt.date
    closed_on: dt.date | None
    follow_up_on: dt.date | None


@dataclass(frozen=True)
class ConsentRow:
    id: str
    client_id: str
    kind: str
    recipient: str | None
    given_on: dt.date
    withdrawn_on: dt.date | None
    form_version: str | None
    language: str | None


@dataclass(frozen=True)
class MemberDetail:
    client: ClientData
    role: str
    consents: tuple[ConsentRow, ...]


@dataclass(frozen=True)
class AssessmentData:
    """Ratings map life-area codes to 0..3 (no/low/medium/high need), in the order entered."""

    id: str
    assessed_on: dt.date
    client_id: str | None
    ratings: dict[str, int]
    notes: str | None


@dataclass(frozen=True)
class GoalData:
    id: str
    life_area: str | None
    title: str
    agreed_on: dt.date
    due_on: dt.date | None
    closed_on: dt.date | None
    status: str


@dataclass(frozen=True)
class ReferralData:
    id: str
    date: dt.date
    target: str
    organisation: str | None
    theme: str | None
    outcome: str | None


@dataclass(frozen=True)
class PhaseChangeRow:
    """One step of the phase history; ``from_phase`` is None for the opening."""

    id: int
    changed_on: dt.date
    from_phase: str | None
    to_phase: str
    closure_reason: str | None


@dataclass(frozen=True)
class TimelineEntry:
    """One event of a case. ``kind`` is one of ``TIMELINE_KINDS``; ``record_id`` names the
    record it comes from (the case itself for opened/closed of cases without phase history);
    ``summary_code`` is a catalogue code that describes it (track, phase, appointment kind,
    goal life area or status, referral target, consent kind, closure reason) or ""."""

    on: dt.date
    kind: str
    record_id: str
    summary_code: str


@dataclass(frozen=True)
class AppointmentData:
    """An appointment (Termin). ``id`` is None for a new one; counselling kinds have a
    ``case_id``, other work has none. ``municipality`` None takes the case's."""

    id: str | None
    case_id: str | None
    date: dt.date
    minutes: int
    kind: str
    other_work_type: str | None = None
    channel: str | None = None
    participants: int | None = None
    themes: tuple[str, ...] = ()
    interpreter: str | None = None
    municipality: str | None = None
    notes: str | None = None
    start_time: dt.time | None = None
    # ISO 639 code of the interpreted language; only with an interpreter.
    interpreter_language: str | None = None


@dataclass(frozen=True)
class AppointmentRow(AppointmentData):
    """An appointment of a list, with its case's primary client (None for other work)."""

    primary_name: str | None = None


@dataclass(frozen=True)
class CaseDetail:
    """Everything the case window shows, read in one transaction. Assessments, goals,
    appointments, referrals and phase changes are in date order; so is ``timeline``."""

    id: str
    municipality: str
    track: str
    phase: str
    opened_on: dt.date
    closed_on: dt.date | None
    closure_reason: str | None
    follow_up_on: dt.date | None
    notes: str | None
    members: tuple[MemberDetail, ...]
    assessments: tuple[AssessmentData, ...]
    goals: tuple[GoalData, ...]
    appointments: tuple[AppointmentData, ...]
    referrals: tuple[ReferralData, ...]
    phase_changes: tuple[PhaseChangeRow, ...]
    timeline: tuple[TimelineEntry, ...]
    # Who sent the client: a referral-target code or ``self_referral``.
    referred_by: str | None = None


@dataclass(frozen=True)
class GapData:
    """A structural gap (Strukturlücke). ``id`` None for a new one; a draft has no
    ``reported_on``, a reported gap has one."""

    id: str | None
    municipality: str
    theme: str
    title: str
    description: str | None = None
    status: str = DRAFT
    reported_on: dt.date | None = None


@dataclass(frozen=True)
class Overview:
    """The start page. Follow-ups and clients without consent concern open cases only."""

    follow_ups_due: tuple[CaseRow, ...]
    follow_ups_overdue: tuple[CaseRow, ...]
    appointments_this_week: tuple[AppointmentRow, ...]
    open_cases_by_phase: dict[str, int]
    clients_without_consent: tuple[ClientRow, ...]
    draft_gaps: tuple[GapData, ...]


# -- names -----------------------------------------------------------------------------------

# Letters that Unicode does not decompose into a base letter plus accent.
_FOLD_EXTRA = str.maketrans(
    {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe", "þ": "th"}
)


def _fold_slowly(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    # Compatibility decomposition can yield capitals (ϒ → Υ), hence the second casefold.
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.casefold().translate(_FOLD_EXTRA)


# Folding works character by character, so the letters of the names seen here (Latin with
# accents, Greek, Cyrillic, combining accents) are folded once, in advance.
_FOLD_TABLE = {code: _fold_slowly(chr(code)) for code in range(0x80, 0x530)}


def fold(text: str | None) -> str:
    """The form of a name used to search and sort: case-folded, accents removed."""
    if not text:
        return ""
    if not text.isascii():
        text = text.translate(_FOLD_TABLE)
        if not text.isascii():
            return _fold_slowly(text)
    return text.lower()


def _contains(text: str | None, needle: str) -> int:
    return int(needle in fold(text))


def _name_condition(given: Any, family: Any, needle: str) -> ColumnElement[bool]:
    """SQL for "the folded given or family name contains ``needle``" (already folded).

    Calling Python for every row of 10,000 clients is too slow for the case list, so for an
    ASCII needle SQLite's LIKE (case-insensitive for ASCII) decides, and Python folding runs
    only for names that contain non-ASCII letters and did not match already. For ASCII names
    both give the same answer; a LIKE match on any name is also a folded match."""
    if not needle.isascii():
        return or_(func.kim_contains(given, needle) == 1, func.kim_contains(family, needle) == 1)
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"

    def one(column: Any) -> ColumnElement[bool]:
        # Characters and bytes differ in number only when the UTF-8 text is not ASCII.
        non_ascii = func.length(column) != func.length(cast(column, LargeBinary))
        return or_(
            column.like(pattern, escape="\\"),
            and_(non_ascii, func.kim_contains(column, needle) == 1),
        )

    return or_(one(given), one(family))


def display_name(family: str | None, given: str | None) -> str:
    """The name shown in lists: "Family, Given", or the family name alone."""
    family = family or ""
    return f"{family}, {given}" if given else family


def _new_id() -> str:
    return uuid.uuid4().hex


# -- transactions ----------------------------------------------------------------------------


def _register_functions(conn: Connection) -> None:
    # SQLite's lower() and LIKE fold ASCII only; names here are Turkish, Polish, Cyrillic...
    raw = conn.connection.driver_connection
    raw.create_function("kim_fold", 1, fold, deterministic=True)
    raw.create_function("kim_contains", 2, _contains, deterministic=True)


@contextmanager
def _reading(casefile: CaseFile) -> Iterator[Connection]:
    """One read transaction (one consistent snapshot) with the name functions available."""
    with casefile.engine.connect() as conn, conn.begin():
        _register_functions(conn)
        yield conn


_M = TypeVar("_M", bound=Base)


class _Work:
    """A write transaction and what validation needs from the file (loaded once)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._catalogues: dict[str, cat.Catalogue] | None = None

    @property
    def catalogues(self) -> dict[str, cat.Catalogue]:
        if self._catalogues is None:
            self._catalogues = cat.file_catalogues(self.session.connection())
        return self._catalogues

    def code(self, name: str, catalogue: str, value: object, required: bool = True) -> str | None:
        if value is None:
            if required:
                raise InvalidInput(name, "is required")
            return None
        if not isinstance(value, str) or value not in self.catalogues[catalogue]:
            raise InvalidInput(name, f"must be a code of the catalogue '{catalogue}'")
        return value

    def get(self, model: type[_M], record_id: object, name: str) -> _M:
        found = self.session.get(model, record_id) if isinstance(record_id, str) else None
        if found is None:
            raise UnknownRecord(name, f"no such record in '{model.__tablename__}'")
        return found

    def municipality(self, name: str, value: object) -> str:
        if not isinstance(value, str) or self.session.get(Municipality, value) is None:
            raise InvalidInput(name, "must be one of the file's municipalities")
        return value

    def referred_by(self, value: object) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or value not in cat.referred_by_codes(self.catalogues):
            raise InvalidInput(
                "referred_by",
                f"must be a code of the catalogue '{cat.REFERRAL_TARGETS}'"
                f" or '{cat.SELF_REFERRAL}'",
            )
        return value


@contextmanager
def _writing(casefile: CaseFile) -> Iterator[_Work]:
    with casefile.transaction() as session:
        yield _Work(session)


# -- value checks ----------------------------------------------------------------------------


def _text(name: str, value: object, required: bool = False) -> str | None:
    if value is None:
        stripped = ""
    elif isinstance(value, str):
        stripped = value.strip()
    else:
        raise InvalidInput(name, "must be text")
    if not stripped:
        if required:
            raise InvalidInput(name, "is required and must not be blank")
        return None
    return stripped


def _required_text(name: str, value: object) -> str:
    text = _text(name, value, required=True)
    assert text is not None
    return text


def _date(name: str, value: object, required: bool = False) -> dt.date | None:
    if value is None:
        if required:
            raise InvalidInput(name, "is required")
        return None
    # datetime is a date subclass, but a time of day has no place in these fields.
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidInput(name, "must be a date")
    return value


def _required_date(name: str, value: object) -> dt.date:
    day = _date(name, value, required=True)
    assert day is not None
    return day


def _int(name: str, value: object, low: int, high: int | None = None) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidInput(name, "must be a whole number")
    if value < low or (high is not None and value > high):
        bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise InvalidInput(name, f"must be {bounds}")
    return value


def _not_before(name: str, day: dt.date | None, earliest: dt.date | None, what: str) -> None:
    if day is not None and earliest is not None and day < earliest:
        raise InvalidInput(name, f"lies before {what}")


def _sequence(name: str, value: object) -> Sequence[Any]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise InvalidInput(name, "must be a list")
    return value


# -- clients ---------------------------------------------------------------------------------


def _client_values(work: _Work, data: ClientData) -> dict[str, Any]:
    """The columns of a client, checked; raises on the first broken rule."""
    if not isinstance(data, ClientData):
        raise InvalidInput("data", "must be a ClientData")
    birth = _date("birth_date", data.birth_date)
    if birth is not None and birth > dt.date.today():
        raise InvalidInput("birth_date", "lies in the future")
    arrival = _date("arrival_date", data.arrival_date)
    _not_before("arrival_date", arrival, birth, "the birth date")
    nationality = data.nationality
    if nationality is not None and nationality not in cat.nationality_codes():
        raise InvalidInput(
            "nationality",
            "must be an ISO 3166-1 alpha-2 code, 'XK', 'stateless', 'unresolved' or 'unknown'",
        )
    languages: list[str] = []
    for item in _sequence("languages", data.languages):
        language = _text("languages", item, required=True)
        assert language is not None
        if fold(language) in {fold(known) for known in languages}:
            raise InvalidInput("languages", "names a language twice")
        languages.append(language)
    email = _text("email", data.email)
    if email is not None and not _EMAIL.fullmatch(email):
        raise InvalidInput("email", "must be an e-mail address (name@domain)")
    return {
        "given_name": _text("given_name", data.given_name),
        "family_name": _required_text("family_name", data.family_name),
        "birth_date": birth,
        "gender": work.code("gender", cat.GENDERS, data.gender, required=False),
        "nationality": nationality,
        "languages": json.dumps(languages, ensure_ascii=False) if languages else None,
        "arrival_date": arrival,
        "residence_status": work.code(
            "residence_status", cat.RESIDENCE_STATUS, data.residence_status, required=False
        ),
        "phone": _text("phone", data.phone),
        "email": email,
        "address": _text("address", data.address),
        "notes": _text("notes", data.notes),
    }


def _languages(stored: str | None) -> tuple[str, ...]:
    return tuple(json.loads(stored)) if stored else ()


def _client_data(row: Any) -> ClientData:
    """A ClientData from a ``clients`` row or a Client object (same attribute names)."""
    return ClientData(
        id=row.id,
        given_name=row.given_name,
        family_name=row.family_name,
        birth_date=row.birth_date,
        gender=row.gender,
        nationality=row.nationality,
        languages=_languages(row.languages),
        arrival_date=row.arrival_date,
        residence_status=row.residence_status,
        phone=row.phone,
        email=row.email,
        address=row.address,
        notes=row.notes,
    )


def create_client(casefile: CaseFile, data: ClientData) -> str:
    """Add a client; returns the new id. ``data.id`` must be None."""
    with _writing(casefile) as work:
        values = _client_values(work, data)
        if data.id is not None:
            raise InvalidInput("id", "must be empty for a new client")
        client = Client(id=_new_id(), **values)
        work.session.add(client)
        return client.id


def update_client(casefile: CaseFile, client_id: str, data: ClientData) -> None:
    """Replace a client's fields with ``data`` (``data.id`` is None or ``client_id``)."""
    with _writing(casefile) as work:
        client = work.get(Client, client_id, "client_id")
        values = _client_values(work, data)
        if data.id is not None and data.id != client_id:
            raise InvalidInput("id", "differs from the client being changed")
        for key, value in values.items():
            setattr(client, key, value)


def get_client(casefile: CaseFile, client_id: str) -> ClientData:
    """One client's fields."""
    with _reading(casefile) as conn:
        row = conn.execute(select(Client.__table__).where(Client.id == client_id)).one_or_none()
    if row is None:
        raise UnknownRecord("client_id", "no such record in 'clients'")
    return _client_data(row)


def delete_client(casefile: CaseFile, client_id: str) -> None:
    """Delete a client and their consents (erasure). Refused while the client is a member of
    a case or named by an assessment: remove them from their cases first."""
    with _writing(casefile) as work:
        client = work.get(Client, client_id, "client_id")
        session = work.session
        if session.scalar(select(exists().where(CaseMember.client_id == client_id))):
            raise InvalidInput("client_id", "client is a member of a case")
        if session.scalar(select(exists().where(Assessment.client_id == client_id))):
            raise InvalidInput("client_id", "client is named by an assessment")
        for consent in list(client.consents):
            session.delete(consent)  # one by one, so each deletion is audited
        session.delete(client)


def find_clients(casefile: CaseFile, text: str, limit: int = 50) -> list[ClientRow]:
    """Clients whose given or family name contains ``text`` (case- and accent-insensitive),
    sorted by family and given name; all clients (up to ``limit``) for blank text."""
    limit = _int("limit", limit, 1)
    needle = fold(_text("text", text) or "")
    stmt = select(Client.id, Client.family_name, Client.given_name, Client.birth_date)
    if needle:
        stmt = stmt.where(_name_condition(Client.given_name, Client.family_name, needle))
    stmt = stmt.order_by(
        func.kim_fold(Client.family_name), func.kim_fold(Client.given_name), Client.id
    ).limit(limit)
    with _reading(casefile) as conn:
        rows = conn.execute(stmt).all()
    return [ClientRow(r.id, display_name(r.family_name, r.given_name), r.birth_date) for r in rows]


def client_municipality(casefile: CaseFile, client_id: str) -> str | None:
    """The municipality of the client's most recently opened case (None without a case)."""
    stmt = (
        select(Case.municipality)
        .join(CaseMember, CaseMember.case_id == Case.id)
        .where(CaseMember.client_id == client_id)
        .order_by(Case.opened_on.desc(), Case.id)
        .limit(1)
    )
    with _reading(casefile) as conn:
        return conn.scalar(stmt)


# -- catalogues and municipalities -----------------------------------------------------------


def catalogues_of(casefile: CaseFile) -> dict[str, cat.Catalogue]:
    """The file's catalogues (base plus district additions), for combo boxes and labels."""
    with _reading(casefile) as conn:
        return cat.file_catalogues(conn)


def list_municipalities(casefile: CaseFile) -> list[str]:
    """The file's municipalities, sorted as a German reader expects (Ä with A)."""
    with _reading(casefile) as conn:
        names = list(conn.scalars(select(Municipality.name)))
    return sorted(names, key=lambda name: (fold(name), name))


def add_municipality(casefile: CaseFile, name: str) -> str:
    """Add a municipality; returns the stored (stripped) name. A name that differs from a
    known one only in case or accents is refused as a duplicate."""
    with _writing(casefile) as work:
        stripped = _required_text("name", name)
        if len(stripped) > _MUNICIPALITY_MAX:
            raise InvalidInput("name", f"must be at most {_MUNICIPALITY_MAX} characters")
        known = {fold(n) for n in work.session.scalars(select(Municipality.name))}
        if fold(stripped) in known:
            raise InvalidInput("name", "the file already has this municipality")
        work.session.add(Municipality(name=stripped))
        return stripped


# -- cases -----------------------------------------------------------------------------------


def _record_phase(
    work: _Work,
    case_id: str,
    on: dt.date,
    from_phase: str | None,
    to_phase: str,
    reason: str | None = None,
) -> None:
    # An explicit id, so the audit entry written before the insert names the row.
    last = work.session.scalar(select(func.max(CasePhaseChange.id))) or 0
    work.session.add(
        CasePhaseChange(
            id=last + 1,
            case_id=case_id,
            changed_on=on,
            from_phase=from_phase,
            to_phase=to_phase,
            closure_reason=reason,
        )
    )


def _last_change(work: _Work, case: Case) -> dt.date:
    """The date the history must not go back before: the latest change, else the opening."""
    latest = work.session.scalar(
        select(func.max(CasePhaseChange.changed_on)).where(CasePhaseChange.case_id == case.id)
    )
    return max(latest, case.opened_on) if latest else case.opened_on


def _open_case_of(work: _Work, case_id: str) -> Case:
    found = work.get(Case, case_id, "case_id")
    if found.closed_on is not None:
        raise InvalidInput("case_id", "the case is closed; reopen it first")
    return found


def open_case(
    casefile: CaseFile,
    municipality: str,
    track: str,
    opened_on: dt.date,
    primary_client_id: str,
    household_client_ids: Iterable[str] = (),
    referred_by: str | None = None,
) -> str:
    """Open a case in phase "intake" with a primary client and optional household members;
    records the opening in the phase history. Returns the new case id."""
    with _writing(casefile) as work:
        referrer = work.referred_by(referred_by)
        municipality = work.municipality("municipality", municipality)
        track_code = work.code("track", cat.TRACKS, track)
        opened = _required_date("opened_on", opened_on)
        work.get(Client, primary_client_id, "primary_client_id")
        if isinstance(household_client_ids, str):
            raise InvalidInput("household_client_ids", "must be a list of client ids")
        household = list(household_client_ids)
        for client_id in household:
            work.get(Client, client_id, "household_client_ids")
        if len(set(household)) != len(household) or primary_client_id in household:
            raise InvalidInput("household_client_ids", "names a client twice")
        case_id = _new_id()
        new_case = Case(
            id=case_id,
            municipality=municipality,
            track=track_code,
            phase="intake",
            opened_on=opened,
            referred_by=referrer,
        )
        new_case.members = [
            # case_id set here, not at flush, so the audit entry names the row.
            CaseMember(
                case_id=case_id,
                client_id=client_id,
                role=PRIMARY if index == 0 else HOUSEHOLD,
                position=index,
            )
            for index, client_id in enumerate([primary_client_id, *household])
        ]
        work.session.add(new_case)
        _record_phase(work, case_id, opened, None, "intake")
        return case_id


def add_member(casefile: CaseFile, case_id: str, client_id: str, role: str = HOUSEHOLD) -> None:
    """Add a client to a case. With role "primary" the client becomes the primary member and
    the former primary a household member."""
    with _writing(casefile) as work:
        the_case = work.get(Case, case_id, "case_id")
        work.get(Client, client_id, "client_id")
        role = work.code("role", cat.MEMBER_ROLES, role) or HOUSEHOLD
        if any(m.client_id == client_id for m in the_case.members):
            raise InvalidInput("client_id", "client is already a member of the case")
        if role == PRIMARY:
            for member in the_case.members:
                member.role = HOUSEHOLD
        position = max((m.position for m in the_case.members), default=-1) + 1
        # Through the session, not the collection: the audit then names the new member row
        # and does not report an update of the case itself.
        work.session.add(
            CaseMember(case_id=case_id, client_id=client_id, role=role, position=position)
        )


def set_primary_member(casefile: CaseFile, case_id: str, client_id: str) -> None:
    """Make an existing member the case's primary member (the former one becomes household)."""
    with _writing(casefile) as work:
        the_case = work.get(Case, case_id, "case_id")
        if not any(m.client_id == client_id for m in the_case.members):
            raise InvalidInput("client_id", "client is not a member of the case")
        for member in the_case.members:
            member.role = PRIMARY if member.client_id == client_id else HOUSEHOLD


def remove_member(
    casefile: CaseFile, case_id: str, client_id: str, new_primary_id: str | None = None
) -> None:
    """Remove a client from a case. The last member is never removed; removing the primary
    member needs ``new_primary_id``, another member who becomes primary. Refused when the
    client has assessments in this case (an assessed client must be a member)."""
    with _writing(casefile) as work:
        the_case = work.get(Case, case_id, "case_id")
        leaving = next((m for m in the_case.members if m.client_id == client_id), None)
        if leaving is None:
            raise InvalidInput("client_id", "client is not a member of the case")
        if len(the_case.members) == 1:
            raise InvalidInput("client_id", "a case keeps at least one member")
        assessed = select(
            exists().where(Assessment.case_id == case_id, Assessment.client_id == client_id)
        )
        if work.session.scalar(assessed):
            raise InvalidInput("client_id", "client has assessments in this case")
        if leaving.role == PRIMARY:
            successor = next(
                (m for m in the_case.members if m.client_id == new_primary_id and m is not leaving),
                None,
            )
            if successor is None:
                raise InvalidInput(
                    "new_primary_id", "required: another member who becomes the primary member"
                )
            successor.role = PRIMARY
        elif new_primary_id is not None:
            raise InvalidInput("new_primary_id", "only when the primary member is removed")
        # Through the session, not the collection: a row removed by delete-orphan at flush
        # time would escape the audit.
        work.session.delete(leaving)


def set_phase(casefile: CaseFile, case_id: str, phase: str, on: dt.date) -> None:
    """Move an open case to another (open) phase on a date, recorded in the phase history.
    Setting the current phase again changes nothing. Closing goes through ``close_case``."""
    with _writing(casefile) as work:
        the_case = _open_case_of(work, case_id)
        phase_code = work.code("phase", cat.PHASES, phase)
        if phase_code == CLOSED:
            raise InvalidInput("phase", "close a case with close_case")
        day = _required_date("on", on)
        _not_before("on", day, _last_change(work, the_case), "the case's last phase change")
        if phase_code == the_case.phase:
            return
        _record_phase(work, case_id, day, the_case.phase, phase_code)
        the_case.phase = phase_code


def close_case(casefile: CaseFile, case_id: str, closed_on: dt.date, reason: str) -> None:
    """Close an open case with a closure reason; clears its follow-up date (a Wiedervorlage
    belongs to open work). Recorded in the phase history."""
    with _writing(casefile) as work:
        the_case = _open_case_of(work, case_id)
        day = _required_date("closed_on", closed_on)
        reason_code = work.code("reason", cat.CLOSURE_REASONS, reason)
        _not_before("closed_on", day, the_case.opened_on, "the case was opened")
        _not_before("closed_on", day, _last_change(work, the_case), "the last phase change")
        _record_phase(work, case_id, day, the_case.phase, CLOSED, reason_code)
        the_case.phase = CLOSED
        the_case.closed_on = day
        the_case.closure_reason = reason_code
        the_case.follow_up_on = None


def reopen_case(casefile: CaseFile, case_id: str, on: dt.date, phase: str | None = None) -> None:
    """Reopen a closed case on a date: closing date and reason are cleared, the case returns
    to ``phase`` (default: the phase it had when it was closed, else "intake")."""
    with _writing(casefile) as work:
        the_case = work.get(Case, case_id, "case_id")
        if the_case.closed_on is None:
            raise InvalidInput("case_id", "the case is not closed")
        day = _required_date("on", on)
        _not_before("on", day, the_case.closed_on, "the case was closed")
        _not_before("on", day, _last_change(work, the_case), "the last phase change")
        if phase is None:
            before = work.session.scalar(
                select(CasePhaseChange.from_phase)
                .where(CasePhaseChange.case_id == case_id, CasePhaseChange.to_phase == CLOSED)
                .order_by(CasePhaseChange.changed_on.desc(), CasePhaseChange.id.desc())
                .limit(1)
            )
            target = before if before in OPEN_PHASES else "intake"
        else:
            target = work.code("phase", cat.PHASES, phase) or "intake"
            if target == CLOSED:
                raise InvalidInput("phase", "must be an open phase")
        _record_phase(work, case_id, day, CLOSED, target)
        the_case.phase = target
        the_case.closed_on = None
        the_case.closure_reason = None


def set_follow_up(casefile: CaseFile, case_id: str, follow_up_on: dt.date | None) -> None:
    """Set or clear (None) an open case's follow-up date (Wiedervorlage)."""
    with _writing(casefile) as work:
        the_case = _open_case_of(work, case_id)
        the_case.follow_up_on = _date("follow_up_on", follow_up_on)


def set_referred_by(casefile: CaseFile, case_id: str, referred_by: str | None) -> None:
    """Set or clear (None) who sent the client to this case."""
    with _writing(casefile) as work:
        the_case = work.get(Case, case_id, "case_id")
        the_case.referred_by = work.referred_by(referred_by)


def set_case_notes(casefile: CaseFile, case_id: str, notes: str | None) -> None:
    """Replace a case's notes (blank clears them)."""
    with _writing(casefile) as work:
        work.get(Case, case_id, "case_id").notes = _text("notes", notes)


# -- case list -------------------------------------------------------------------------------


_PHASE_ORDER = case({p: i for i, p in enumerate((*OPEN_PHASES, CLOSED))}, value=Case.phase)


def _case_conditions(case_filter: CaseFilter) -> list[ColumnElement[bool]]:
    catalogues = cat.base_catalogues()  # phases and tracks are not extensible
    if not isinstance(case_filter, CaseFilter):
        raise InvalidInput("case_filter", "must be a CaseFilter")
    conditions: list[ColumnElement[bool]] = []
    for name, catalogue, column in (
        ("phase", cat.PHASES, Case.phase),
        ("track", cat.TRACKS, Case.track),
    ):
        value = getattr(case_filter, name)
        if value is not None:
            if value not in catalogues[catalogue]:
                raise InvalidInput(name, f"must be a code of the catalogue '{catalogue}'")
            conditions.append(column == value)
    if case_filter.municipality is not None:
        conditions.append(Case.municipality == case_filter.municipality)
    if case_filter.state is not None:
        if case_filter.state not in CASE_STATES:
            raise InvalidInput("state", "must be 'open' or 'closed'")
        is_open = case_filter.state == "open"
        conditions.append(Case.closed_on.is_(None) if is_open else Case.closed_on.is_not(None))
    needle = fold(_text("text", case_filter.text) or "")
    if needle:
        # Clients first, then their cases through ix_case_members_client_id: SQLite would
        # otherwise walk all memberships and look up each client.
        clients = select(Client.id).where(
            _name_condition(Client.given_name, Client.family_name, needle)
        )
        matching = select(CaseMember.case_id).where(CaseMember.client_id.in_(clients))
        conditions.append(Case.id.in_(matching))
    return conditions


def _case_rows(
    conn: Connection,
    conditions: Sequence[ColumnElement[bool]],
    sort: str = "opened_on",
    descending: bool = True,
    offset: int = 0,
    limit: int | None = None,
) -> list[CaseRow]:
    """Case rows with their primary member's name; ``sort`` is one of CASE_SORT_KEYS."""

    def ordering(person: Any) -> list[Any]:
        keys: list[Any]
        if sort == "primary_name":
            keys = [func.kim_fold(person.family_name), func.kim_fold(person.given_name)]
        elif sort == "municipality":
            keys = [func.kim_fold(Case.municipality)]
        elif sort == "phase":
            keys = [_PHASE_ORDER]
        else:
            keys = [getattr(Case, sort)]
        # Missing dates last in either direction; the id makes the order total, so pages
        # never overlap or skip a case.
        return [(k.desc() if descending else k.asc()).nulls_last() for k in keys] + [Case.id]

    def with_primary(stmt: Any, person: Any) -> Any:
        primary = aliased(CaseMember)
        return stmt.outerjoin(
            primary, and_(primary.case_id == Case.id, primary.role == PRIMARY)
        ).outerjoin(person, person.id == primary.client_id)

    # First the page's case ids (filter, sort, cut: few columns), then the details of only
    # those; in one statement SQLite would join and count members for every matching case.
    page_person = aliased(Client)
    page = select(Case.id).select_from(Case)
    if sort == "primary_name":
        page = with_primary(page, page_person)
    page = (
        page.where(*conditions).order_by(*ordering(page_person)).offset(offset).limit(limit)
    ).subquery()
    person = aliased(Client)
    members = select(func.count()).where(CaseMember.case_id == Case.id).scalar_subquery()
    stmt = select(
        Case.id,
        person.family_name,
        person.given_name,
        members.label("member_count"),
        Case.municipality,
        Case.track,
        Case.phase,
        Case.opened_on,
        Case.closed_on,
        Case.follow_up_on,
    ).select_from(page.join(Case, Case.id == page.c.id))
    stmt = with_primary(stmt, person).order_by(*ordering(person))
    return [
        CaseRow(
            id=r.id,
            primary_name=display_name(r.family_name, r.given_name),
            member_count=r.member_count,
            municipality=r.municipality,
            track=r.track,
            phase=r.phase,
            opened_on=r.opened_on,
            closed_on=r.closed_on,
            follow_up_on=r.follow_up_on,
        )
        for r in conn.execute(stmt)
    ]


def count_cases(casefile: CaseFile, case_filter: CaseFilter) -> int:
    """How many cases ``list_cases`` would list for this filter (for the pager)."""
    with _reading(casefile) as conn:
        conditions = _case_conditions(case_filter)
        return conn.scalar(select(func.count()).select_from(Case).where(*conditions)) or 0


def list_cases(
    casefile: CaseFile,
    case_filter: CaseFilter,
    sort: str = "opened_on",
    descending: bool = True,
    offset: int = 0,
    limit: int = 200,
) -> list[CaseRow]:
    """One page of the case list, filtered like ``count_cases``. ``sort`` is one of
    ``CASE_SORT_KEYS`` (names and municipalities sort case- and accent-insensitively, phases
    in process order); missing dates sort last in either direction."""
    if sort not in CASE_SORT_KEYS:
        raise InvalidInput("sort", f"must be one of {', '.join(CASE_SORT_KEYS)}")
    offset = _int("offset", offset, 0)
    limit = _int("limit", limit, 1)
    with _reading(casefile) as conn:
        conditions = _case_conditions(case_filter)
        return _case_rows(conn, conditions, sort, bool(descending), offset, limit)


# -- appointments ----------------------------------------------------------------------------


def _appointment_values(work: _Work, data: AppointmentData) -> dict[str, Any]:
    """The columns of an appointment, checked against DESIGN.md section 5."""
    if not isinstance(data, AppointmentData):
        raise InvalidInput("data", "must be an AppointmentData")
    kind = work.code("kind", cat.APPOINTMENT_KINDS, data.kind)
    the_case: Case | None = None
    if kind == OTHER_WORK:
        if data.case_id is not None:
            raise InvalidInput("case_id", "other work belongs to no case")
        other_work_type = work.code(
            "other_work_type", cat.OTHER_WORK_TYPES, data.other_work_type, required=False
        )
    else:
        if data.case_id is None:
            raise InvalidInput("case_id", "required for counselling appointments")
        the_case = work.get(Case, data.case_id, "case_id")
        if data.other_work_type is not None:
            raise InvalidInput("other_work_type", "only for kind 'other_work'")
        other_work_type = None
    themes: list[str] = []
    for theme in _sequence("themes", data.themes):
        code = work.code("themes", cat.THEMES, theme)
        if code in themes:
            raise InvalidInput("themes", "names a theme twice")
        themes.append(code or "")
    if not themes:
        raise InvalidInput("themes", "at least one theme is required")
    if data.municipality is not None:
        municipality: str | None = work.municipality("municipality", data.municipality)
    else:
        # Counselling happens where the case is unless said otherwise; other work may have
        # no place (e.g. a district-wide working group).
        municipality = the_case.municipality if the_case is not None else None
    participants = data.participants
    if participants is not None:
        participants = _int("participants", participants, 0)
    interpreter = work.code("interpreter", cat.INTERPRETER, data.interpreter, required=False)
    return {
        "case_id": data.case_id,
        "date": _required_date("date", data.date),
        "minutes": _int("minutes", data.minutes, 1, 1440),
        "kind": kind,
        "other_work_type": other_work_type,
        "channel": work.code("channel", cat.CHANNELS, data.channel, required=False),
        "participants": participants,
        "interpreter": interpreter,
        "municipality": municipality,
        "notes": _text("notes", data.notes),
        "themes": themes,
        "start_time": _start_time(data.start_time),
        "interpreter_language": _interpreter_language(data.interpreter_language, interpreter),
    }


def _start_time(value: object) -> str | None:
    """Stored as "HH:MM", the interchange form; minutes are the finest unit."""
    if value is None:
        return None
    if not isinstance(value, dt.time) or value.second or value.microsecond or value.tzinfo:
        raise InvalidInput("start_time", "must be a time of day in whole minutes")
    return f"{value:%H:%M}"


def _interpreter_language(value: object, interpreter: str | None) -> str | None:
    if value is None:
        return None
    if not cat.is_language_code(value):
        raise InvalidInput(
            "interpreter_language",
            "must be an ISO 639-1 code (or ISO 639-3 for a language without one)",
        )
    if interpreter == "none":
        raise InvalidInput("interpreter_language", "only when an interpreter took part")
    assert isinstance(value, str)
    return value


def _set_themes(work: _Work, appointment: Appointment, themes: list[str]) -> None:
    """Make the appointment's theme rows ``themes``, in order, touching only rows that change.

    Rows are added and deleted through the session, not the collection, so the audit names
    exactly the theme rows that changed (delete-orphan at flush time would escape it)."""
    existing = {row.theme: row for row in appointment.themes}
    for theme, row in existing.items():
        if theme not in themes:
            work.session.delete(row)
    for position, theme in enumerate(themes):
        row = existing.get(theme)
        if row is None:
            work.session.add(
                AppointmentTheme(appointment_id=appointment.id, theme=theme, position=position)
            )
        else:
            row.position = position


def add_appointment(casefile: CaseFile, data: AppointmentData) -> str:
    """Record an appointment; returns its id. Rules (DESIGN.md section 5): counselling kinds
    belong to a case, other work to none; an other-work type only for other work; 1..n
    themes from the catalogue, none twice; 1..1440 minutes; the municipality defaults to the
    case's (other work may have none)."""
    with _writing(casefile) as work:
        values = _appointment_values(work, data)
        if data.id is not None:
            raise InvalidInput("id", "must be empty for a new appointment")
        themes = values.pop("themes")
        appointment = Appointment(id=_new_id(), **values)
        _set_themes(work, appointment, themes)
        work.session.add(appointment)
        return appointment.id


def update_appointment(casefile: CaseFile, data: AppointmentData) -> None:
    """Replace an appointment's fields (``data.id`` names it), with the rules of
    ``add_appointment``."""
    with _writing(casefile) as work:
        values = _appointment_values(work, data)
        appointment = work.get(Appointment, data.id, "id")
        _set_themes(work, appointment, values.pop("themes"))
        for key, value in values.items():
            setattr(appointment, key, value)


def delete_appointment(casefile: CaseFile, appointment_id: str) -> None:
    """Delete an appointment (and its themes)."""
    with _writing(casefile) as work:
        work.session.delete(work.get(Appointment, appointment_id, "appointment_id"))


def _themes_of(conn: Connection, appointment_ids: Any) -> dict[str, tuple[str, ...]]:
    rows = conn.execute(
        select(AppointmentTheme.appointment_id, AppointmentTheme.theme)
        .where(AppointmentTheme.appointment_id.in_(appointment_ids))
        .order_by(AppointmentTheme.appointment_id, AppointmentTheme.position)
    )
    themes: dict[str, list[str]] = {}
    for appointment_id, theme in rows:
        themes.setdefault(appointment_id, []).append(theme)
    return {key: tuple(value) for key, value in themes.items()}


def _appointment_fields(row: Any, themes: Mapping[str, tuple[str, ...]]) -> dict[str, Any]:
    return {
        "id": row.id,
        "case_id": row.case_id,
        "date": row.date,
        "minutes": row.minutes,
        "kind": row.kind,
        "other_work_type": row.other_work_type,
        "channel": row.channel,
        "participants": row.participants,
        "themes": themes.get(row.id, ()),
        "interpreter": row.interpreter,
        "municipality": row.municipality,
        "notes": row.notes,
        "start_time": dt.time.fromisoformat(row.start_time) if row.start_time else None,
        "interpreter_language": row.interpreter_language,
    }


def _appointment_rows(
    conn: Connection, conditions: Sequence[ColumnElement[bool]]
) -> list[AppointmentRow]:
    primary = aliased(CaseMember)
    person = aliased(Client)
    stmt = (
        select(Appointment.__table__, person.family_name, person.given_name)
        .outerjoin(primary, and_(primary.case_id == Appointment.case_id, primary.role == PRIMARY))
        .outerjoin(person, person.id == primary.client_id)
        .where(*conditions)
        .order_by(Appointment.date, Appointment.start_time, literal_column("appointments.rowid"))
    )
    rows = conn.execute(stmt).all()
    themes = _themes_of(conn, select(Appointment.id).where(*conditions))
    return [
        AppointmentRow(
            **_appointment_fields(r, themes),
            primary_name=display_name(r.family_name, r.given_name) if r.case_id else None,
        )
        for r in rows
    ]


def list_appointments(
    casefile: CaseFile, start: dt.date, end: dt.date, case_id: str | None = None
) -> list[AppointmentRow]:
    """Appointments dated ``start``..``end`` (inclusive), optionally of one case, in date
    order (then by start time, then as entered), each with its case's primary client's name."""
    first = _required_date("start", start)
    last = _required_date("end", end)
    _not_before("end", last, first, "start")
    conditions = [Appointment.date.between(first, last)]
    if case_id is not None:
        conditions.append(Appointment.case_id == case_id)
    with _reading(casefile) as conn:
        return _appointment_rows(conn, conditions)


# -- assessments, goals, referrals -----------------------------------------------------------


def add_assessment(
    casefile: CaseFile,
    case_id: str,
    assessed_on: dt.date,
    ratings: Mapping[str, int],
    client_id: str | None = None,
    notes: str | None = None,
) -> str:
    """Record an assessment: a rating 0..3 (no/low/medium/high need) for one or more life
    areas, optionally for one member of the case. Returns its id."""
    with _writing(casefile) as work:
        the_case = work.get(Case, case_id, "case_id")
        day = _required_date("assessed_on", assessed_on)
        if client_id is not None and not any(m.client_id == client_id for m in the_case.members):
            raise InvalidInput("client_id", "client is not a member of the case")
        if not isinstance(ratings, Mapping) or not ratings:
            raise InvalidInput("ratings", "at least one life area must be rated")
        assessment = Assessment(
            id=_new_id(),
            case_id=case_id,
            client_id=client_id,
            assessed_on=day,
            notes=_text("notes", notes),
        )
        for position, (area, rating) in enumerate(ratings.items()):
            assessment.ratings.append(
                AssessmentRating(
                    assessment_id=assessment.id,
                    life_area=work.code("ratings", cat.LIFE_AREAS, area),
                    rating=_int("ratings", rating, 0, 3),
                    position=position,
                )
            )
        work.session.add(assessment)
        return assessment.id


def delete_assessment(casefile: CaseFile, assessment_id: str) -> None:
    """Delete an assessment entered by mistake (with its ratings)."""
    with _writing(casefile) as work:
        work.session.delete(work.get(Assessment, assessment_id, "assessment_id"))


def add_goal(
    casefile: CaseFile,
    case_id: str,
    life_area: str | None,
    title: str,
    agreed_on: dt.date,
    due_on: dt.date | None = None,
) -> str:
    """Record an agreed goal (status "open"). In a case-management case the first goal makes
    it a long-term CM process (DESIGN.md section 5). Returns its id."""
    with _writing(casefile) as work:
        work.get(Case, case_id, "case_id")
        agreed = _required_date("agreed_on", agreed_on)
        due = _date("due_on", due_on)
        _not_before("due_on", due, agreed, "agreed_on")
        goal = Goal(
            id=_new_id(),
            case_id=case_id,
            life_area=work.code("life_area", cat.LIFE_AREAS, life_area, required=False),
            title=_required_text("title", title),
            agreed_on=agreed,
            due_on=due,
            status=OPEN_GOAL,
        )
        work.session.add(goal)
        return goal.id


def set_goal_status(
    casefile: CaseFile, goal_id: str, status: str, closed_on: dt.date | None
) -> None:
    """Set a goal's status: "open" has no closing date; any other status needs one, on or
    after the date the goal was agreed."""
    with _writing(casefile) as work:
        goal = work.get(Goal, goal_id, "goal_id")
        status_code = work.code("status", cat.GOAL_STATUS, status)
        day = _date("closed_on", closed_on)
        if status_code == OPEN_GOAL and day is not None:
            raise InvalidInput("closed_on", "an open goal has no closing date")
        if status_code != OPEN_GOAL and day is None:
            raise InvalidInput("closed_on", "required unless the status is 'open'")
        _not_before("closed_on", day, goal.agreed_on, "agreed_on")
        goal.status = status_code
        goal.closed_on = day


def delete_goal(casefile: CaseFile, goal_id: str) -> None:
    """Delete a goal entered by mistake."""
    with _writing(casefile) as work:
        work.session.delete(work.get(Goal, goal_id, "goal_id"))


def add_referral(
    casefile: CaseFile,
    case_id: str,
    date: dt.date,
    target: str,
    organisation: str | None = None,
    theme: str | None = None,
    outcome: str = "pending",
) -> str:
    """Record a referral (Verweis) to a target category; returns its id."""
    with _writing(casefile) as work:
        work.get(Case, case_id, "case_id")
        referral = Referral(
            id=_new_id(),
            case_id=case_id,
            date=_required_date("date", date),
            target=work.code("target", cat.REFERRAL_TARGETS, target),
            organisation=_text("organisation", organisation),
            theme=work.code("theme", cat.THEMES, theme, required=False),
            outcome=work.code("outcome", cat.REFERRAL_OUTCOMES, outcome),
        )
        work.session.add(referral)
        return referral.id


def set_referral_outcome(casefile: CaseFile, referral_id: str, outcome: str) -> None:
    """Set whether a referral was taken up ("pending", "taken_up", "not_taken_up")."""
    with _writing(casefile) as work:
        referral = work.get(Referral, referral_id, "referral_id")
        referral.outcome = work.code("outcome", cat.REFERRAL_OUTCOMES, outcome)


def delete_referral(casefile: CaseFile, referral_id: str) -> None:
    """Delete a referral entered by mistake."""
    with _writing(casefile) as work:
        work.session.delete(work.get(Referral, referral_id, "referral_id"))


# -- consents --------------------------------------------------------------------------------


def record_consent(
    casefile: CaseFile,
    client_id: str,
    kind: str,
    given_on: dt.date,
    recipient: str | None = None,
    form_version: str | None = None,
    language: str | None = None,
) -> str:
    """Record a client's consent: "case_documentation", or "data_transfer" to a recipient
    (a referral-target code; only for data transfer). Returns its id."""
    with _writing(casefile) as work:
        work.get(Client, client_id, "client_id")
        kind_code = work.code("kind", cat.CONSENT_KINDS, kind)
        if kind_code == DATA_TRANSFER:
            recipient = work.code("recipient", cat.REFERRAL_TARGETS, recipient)
        elif recipient is not None:
            raise InvalidInput("recipient", "only for kind 'data_transfer'")
        consent = Consent(
            id=_new_id(),
            client_id=client_id,
            kind=kind_code,
            recipient=recipient,
            given_on=_required_date("given_on", given_on),
            form_version=_text("form_version", form_version),
            language=_text("language", language),
        )
        work.session.add(consent)
        return consent.id


def withdraw_consent(casefile: CaseFile, consent_id: str, withdrawn_on: dt.date) -> None:
    """Record that a consent was withdrawn (on or after the day it was given)."""
    with _writing(casefile) as work:
        consent = work.get(Consent, consent_id, "consent_id")
        if consent.withdrawn_on is not None:
            raise InvalidInput("consent_id", "the consent is already withdrawn")
        day = _required_date("withdrawn_on", withdrawn_on)
        _not_before("withdrawn_on", day, consent.given_on, "the consent was given")
        consent.withdrawn_on = day


def delete_consent(casefile: CaseFile, consent_id: str) -> None:
    """Delete a consent entered by mistake (a real withdrawal is ``withdraw_consent``)."""
    with _writing(casefile) as work:
        work.session.delete(work.get(Consent, consent_id, "consent_id"))


def _consent_row(row: Any) -> ConsentRow:
    return ConsentRow(
        id=row.id,
        client_id=row.client_id,
        kind=row.kind,
        recipient=row.recipient,
        given_on=row.given_on,
        withdrawn_on=row.withdrawn_on,
        form_version=row.form_version,
        language=row.language,
    )


def list_consents(casefile: CaseFile, client_id: str) -> list[ConsentRow]:
    """A client's consents in the order they were given."""
    with _reading(casefile) as conn:
        rows = conn.execute(
            select(Consent.__table__)
            .where(Consent.client_id == client_id)
            .order_by(Consent.given_on, literal_column("consents.rowid"))
        )
        return [_consent_row(r) for r in rows]


# -- structural gaps -------------------------------------------------------------------------


def _gap_data(row: Any) -> GapData:
    return GapData(
        id=row.id,
        municipality=row.municipality,
        theme=row.theme,
        title=row.title,
        description=row.description,
        status=row.status,
        reported_on=row.reported_on,
    )


def _gaps(conn: Connection, status: str | None) -> list[GapData]:
    stmt = select(StructuralGap.__table__).order_by(literal_column("structural_gaps.rowid"))
    if status is not None:
        stmt = stmt.where(StructuralGap.status == status)
    return [_gap_data(r) for r in conn.execute(stmt)]


def list_gaps(casefile: CaseFile, status: str | None = None) -> list[GapData]:
    """Structural gaps in the order they were written; ``status`` "draft"/"reported"/None."""
    if status is not None and status not in cat.base_catalogues()[cat.GAP_STATUS]:
        raise InvalidInput("status", "must be 'draft' or 'reported'")
    with _reading(casefile) as conn:
        return _gaps(conn, status)


def save_gap(casefile: CaseFile, data: GapData) -> str:
    """Create (``data.id`` None) or update a structural gap; returns its id. A reported gap
    can still be edited. A draft has no report date; a reported gap needs one."""
    with _writing(casefile) as work:
        if not isinstance(data, GapData):
            raise InvalidInput("data", "must be a GapData")
        status = work.code("status", cat.GAP_STATUS, data.status) or DRAFT
        reported_on = _date("reported_on", data.reported_on)
        if status == DRAFT and reported_on is not None:
            raise InvalidInput("reported_on", "a draft has no report date")
        if status == REPORTED and reported_on is None:
            raise InvalidInput("reported_on", "required for a reported gap")
        values = {
            "municipality": work.municipality("municipality", data.municipality),
            "theme": work.code("theme", cat.THEMES, data.theme),
            "title": _required_text("title", data.title),
            "description": _text("description", data.description),
            "status": status,
            "reported_on": reported_on,
        }
        if data.id is None:
            gap = StructuralGap(id=_new_id(), **values)
            work.session.add(gap)
        else:
            gap = work.get(StructuralGap, data.id, "id")
            for key, value in values.items():
                setattr(gap, key, value)
        return gap.id


def mark_gap_reported(casefile: CaseFile, gap_id: str, reported_on: dt.date) -> None:
    """Mark a gap as reported to the coordination on a date (it then counts in
    ``structural_gaps.reported`` and may leave the laptop in a sync bundle)."""
    with _writing(casefile) as work:
        gap = work.get(StructuralGap, gap_id, "gap_id")
        gap.reported_on = _required_date("reported_on", reported_on)
        gap.status = REPORTED


def delete_gap(casefile: CaseFile, gap_id: str) -> None:
    """Delete a structural gap."""
    with _writing(casefile) as work:
        work.session.delete(work.get(StructuralGap, gap_id, "gap_id"))


# -- one case --------------------------------------------------------------------------------


def _phase_events(case_row: Any, changes: Sequence[PhaseChangeRow]) -> list[TimelineEntry]:
    """Opened/closed/reopened/phase entries from the history; cases without history (imported
    from JSON) get their opening and closing from the case's own dates."""
    entries: list[TimelineEntry] = []
    for change in changes:
        if change.from_phase is None:
            kind, code = "case_opened", case_row.track
        elif change.to_phase == CLOSED:
            kind, code = "case_closed", change.closure_reason or ""
        elif change.from_phase == CLOSED:
            kind, code = "case_reopened", change.to_phase
        else:
            kind, code = "phase_changed", change.to_phase
        entries.append(TimelineEntry(change.changed_on, kind, str(change.id), code))
    if not any(e.kind == "case_opened" for e in entries):
        entries.append(
            TimelineEntry(case_row.opened_on, "case_opened", case_row.id, case_row.track)
        )
    closed_on = case_row.closed_on
    if closed_on is not None and not any(
        e.kind == "case_closed" and e.on == closed_on for e in entries
    ):
        entries.append(
            TimelineEntry(closed_on, "case_closed", case_row.id, case_row.closure_reason or "")
        )
    return entries


def get_case(casefile: CaseFile, case_id: str) -> CaseDetail:
    """Everything about one case, read in one transaction: fields, members with their
    consents, assessments, goals, appointments, referrals, phase history and the merged
    timeline (all in date order)."""
    with _reading(casefile) as conn:
        case_row = conn.execute(select(Case.__table__).where(Case.id == case_id)).one_or_none()
        if case_row is None:
            raise UnknownRecord("case_id", "no such record in 'cases'")
        member_rows = conn.execute(
            select(Client.__table__, CaseMember.role)
            .join(CaseMember, CaseMember.client_id == Client.id)
            .where(CaseMember.case_id == case_id)
            .order_by(CaseMember.position, CaseMember.client_id)
        ).all()
        consent_rows = conn.execute(
            select(Consent.__table__)
            .where(Consent.client_id.in_([r.id for r in member_rows]))
            .order_by(Consent.given_on, literal_column("consents.rowid"))
        ).all()
        assessment_rows = conn.execute(
            select(Assessment.__table__)
            .where(Assessment.case_id == case_id)
            .order_by(Assessment.assessed_on, literal_column("assessments.rowid"))
        ).all()
        rating_rows = conn.execute(
            select(
                AssessmentRating.assessment_id, AssessmentRating.life_area, AssessmentRating.rating
            )
            .join(Assessment, Assessment.id == AssessmentRating.assessment_id)
            .where(Assessment.case_id == case_id)
            .order_by(AssessmentRating.assessment_id, AssessmentRating.position)
        ).all()
        goal_rows = conn.execute(
            select(Goal.__table__)
            .where(Goal.case_id == case_id)
            .order_by(Goal.agreed_on, literal_column("goals.rowid"))
        ).all()
        in_case = [Appointment.case_id == case_id]
        appointment_rows = conn.execute(
            select(Appointment.__table__)
            .where(*in_case)
            .order_by(
                Appointment.date, Appointment.start_time, literal_column("appointments.rowid")
            )
        ).all()
        themes = _themes_of(conn, select(Appointment.id).where(*in_case))
        referral_rows = conn.execute(
            select(Referral.__table__)
            .where(Referral.case_id == case_id)
            .order_by(Referral.date, literal_column("referrals.rowid"))
        ).all()
        change_rows = conn.execute(
            select(CasePhaseChange.__table__)
            .where(CasePhaseChange.case_id == case_id)
            .order_by(CasePhaseChange.changed_on, CasePhaseChange.id)
        ).all()

    consents_by_client: dict[str, list[ConsentRow]] = {}
    for row in consent_rows:
        consents_by_client.setdefault(row.client_id, []).append(_consent_row(row))
    members = tuple(
        MemberDetail(_client_data(r), r.role, tuple(consents_by_client.get(r.id, ())))
        for r in member_rows
    )
    ratings: dict[str, dict[str, int]] = {}
    for assessment_id, area, rating in rating_rows:
        ratings.setdefault(assessment_id, {})[area] = rating
    assessments = tuple(
        AssessmentData(r.id, r.assessed_on, r.client_id, ratings.get(r.id, {}), r.notes)
        for r in assessment_rows
    )
    goals = tuple(
        GoalData(r.id, r.life_area, r.title, r.agreed_on, r.due_on, r.closed_on, r.status)
        for r in goal_rows
    )
    appointments = tuple(
        AppointmentData(**_appointment_fields(r, themes)) for r in appointment_rows
    )
    referrals = tuple(
        ReferralData(r.id, r.date, r.target, r.organisation, r.theme, r.outcome)
        for r in referral_rows
    )
    changes = tuple(
        PhaseChangeRow(r.id, r.changed_on, r.from_phase, r.to_phase, r.closure_reason)
        for r in change_rows
    )

    timeline = _phase_events(case_row, changes)
    timeline += [
        TimelineEntry(c.given_on, "consent_given", c.id, c.kind)
        for member in members
        for c in member.consents
    ]
    timeline += [
        TimelineEntry(c.withdrawn_on, "consent_withdrawn", c.id, c.kind)
        for member in members
        for c in member.consents
        if c.withdrawn_on is not None
    ]
    timeline += [TimelineEntry(a.date, "appointment", a.id or "", a.kind) for a in appointments]
    timeline += [TimelineEntry(a.assessed_on, "assessment", a.id, "") for a in assessments]
    timeline += [TimelineEntry(g.agreed_on, "goal_agreed", g.id, g.life_area or "") for g in goals]
    timeline += [
        TimelineEntry(g.closed_on, "goal_closed", g.id, g.status)
        for g in goals
        if g.closed_on is not None
    ]
    timeline += [TimelineEntry(r.date, "referral", r.id, r.target) for r in referrals]
    # Stable sort: within a day and kind, entries keep their record order.
    timeline.sort(key=lambda e: (e.on, _TIMELINE_RANK[e.kind]))

    return CaseDetail(
        id=case_row.id,
        municipality=case_row.municipality,
        track=case_row.track,
        phase=case_row.phase,
        opened_on=case_row.opened_on,
        closed_on=case_row.closed_on,
        closure_reason=case_row.closure_reason,
        follow_up_on=case_row.follow_up_on,
        notes=case_row.notes,
        referred_by=case_row.referred_by,
        members=members,
        assessments=assessments,
        goals=goals,
        appointments=appointments,
        referrals=referrals,
        phase_changes=changes,
        timeline=tuple(timeline),
    )


# -- overview --------------------------------------------------------------------------------


def overview(casefile: CaseFile, today: dt.date) -> Overview:
    """The start page for ``today``: follow-ups due within a week (today..today+7) and
    overdue ones (before today) of open cases, this week's appointments (Monday..Sunday),
    open cases by phase (both tracks), clients in open cases without a valid consent to case
    documentation (given on or before today and not withdrawn by then), draft gaps."""
    day = _required_date("today", today)
    monday = day - dt.timedelta(days=day.weekday())
    is_open = Case.closed_on.is_(None)
    has_consent = exists().where(
        Consent.client_id == Client.id,
        Consent.kind == CASE_DOCUMENTATION,
        Consent.given_on <= day,
        or_(Consent.withdrawn_on.is_(None), Consent.withdrawn_on > day),
    )
    without_consent = (
        select(Client.id, Client.family_name, Client.given_name, Client.birth_date)
        .where(
            Client.id.in_(
                select(CaseMember.client_id)
                .join(Case, Case.id == CaseMember.case_id)
                .where(is_open)
            ),
            ~has_consent,
        )
        .order_by(func.kim_fold(Client.family_name), func.kim_fold(Client.given_name), Client.id)
    )
    with _reading(casefile) as conn:
        due = _case_rows(
            conn,
            [is_open, Case.follow_up_on.between(day, day + dt.timedelta(days=7))],
            "follow_up_on",
            descending=False,
        )
        overdue = _case_rows(
            conn, [is_open, Case.follow_up_on < day], "follow_up_on", descending=False
        )
        week = _appointment_rows(
            conn, [Appointment.date.between(monday, monday + dt.timedelta(days=6))]
        )
        by_phase = dict.fromkeys(OPEN_PHASES, 0)
        for phase, count in conn.execute(
            select(Case.phase, func.count()).where(is_open).group_by(Case.phase)
        ):
            by_phase[phase] = by_phase.get(phase, 0) + count
        clients = tuple(
            ClientRow(r.id, display_name(r.family_name, r.given_name), r.birth_date)
            for r in conn.execute(without_consent)
        )
        drafts = tuple(_gaps(conn, DRAFT))
    return Overview(
        follow_ups_due=tuple(due),
        follow_ups_overdue=tuple(overdue),
        appointments_this_week=tuple(week),
        open_cases_by_phase=by_phase,
        clients_without_consent=clients,
        draft_gaps=drafts,
    )
