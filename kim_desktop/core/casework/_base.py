"""What the record kinds of case work share: the codes several of them use, name folding
(``fold``, ``display_name``), the read and write transactions (``_reading``,
``_writing``, ``_Work``), the file's catalogues and the value checks."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Literal, TypeVar, overload

from sqlalchemy import CompoundSelect, Connection, Select, false, func, or_, select, union_all
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.models import NON_ASCII_NAMES, Base, Client, Municipality
from kim_desktop.core.casefile.names import fold
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


# -- names -----------------------------------------------------------------------------------


def _names_contain(given: str | None, family: str | None, needle: str) -> int:
    """SQL ``kim_names_contain``: 1 when the folded given or family name contains
    ``needle``; one call per client instead of one per name."""
    return int(needle in fold(given) or needle in fold(family))


def _matching_clients(needle: str) -> CompoundSelect[str] | Select[str]:
    """The ids of clients whose folded given or family name contains ``needle`` (folded).

    Calling Python for every client is too slow for the case list, so SQLite's LIKE (case-
    insensitive for ASCII) decides for ASCII names, scanning the names in
    ix_clients_id_given_name_family_name; a LIKE match on any name is also a folded match.
    Python folds only the names beyond ASCII that LIKE did not match, read from the partial
    index ix_clients_non_ascii_names, which lists just those names. A needle beyond ASCII can
    only be in such names (an ASCII name folds to ASCII)."""
    beyond_ascii = [sql_text(f"({NON_ASCII_NAMES})")]
    folded = func.kim_names_contain(Client.given_name, Client.family_name, needle) == 1
    if not needle.isascii():
        return select(Client.id).where(*beyond_ascii, folded)
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    by_like = or_(
        Client.given_name.like(pattern, escape="\\"),
        Client.family_name.like(pattern, escape="\\"),
    )
    return union_all(
        select(Client.id).where(by_like),
        # (a missing given name makes LIKE NULL, not false)
        select(Client.id).where(*beyond_ascii, ~func.coalesce(by_like, false()), folded),
    )


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
    assert raw is not None  # a checked-out connection always has its driver connection
    raw.create_function("kim_fold", 1, fold, deterministic=True)
    raw.create_function("kim_names_contain", 3, _names_contain, deterministic=True)


@contextmanager
def _reading(casefile: CaseFile) -> Iterator[Connection]:
    """One read transaction (one consistent snapshot) with the name functions available."""
    with casefile.reading() as conn:
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

    @overload
    def code(
        self, name: str, catalogue: str, value: object, required: Literal[True] = True
    ) -> str: ...

    @overload
    def code(self, name: str, catalogue: str, value: object, required: bool) -> str | None: ...

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


# -- catalogues ------------------------------------------------------------------------------


def catalogues_of(casefile: CaseFile) -> dict[str, cat.Catalogue]:
    """The file's catalogues (base plus district additions), for combo boxes and labels."""
    with _reading(casefile) as conn:
        return cat.file_catalogues(conn)


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


def _at_most(name: str, text: str | None, maximum: int) -> str | None:
    """``text`` if it has at most ``maximum`` characters (stripped), else refused: the
    window can show such a text, but it belongs in the case notes, not in this field."""
    if text is not None and len(text) > maximum:
        raise InvalidInput(name, f"must be at most {maximum:,} characters")
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
