"""The file's municipalities: listed in German order, added without duplicates."""

from __future__ import annotations

from sqlalchemy import select

from kim_desktop.core.casefile.models import Municipality
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework._base import _reading, _required_text, _writing, fold
from kim_desktop.core.errors import InvalidInput

_MUNICIPALITY_MAX = 200  # the column's length


# -- municipalities --------------------------------------------------------------------------


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
