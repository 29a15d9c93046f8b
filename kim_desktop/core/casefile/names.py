"""Names as the search and the sorting see them: folded (``fold``), each case's folded
member names stored on the case (``cases.member_names``) and each client's folded name
stored on the client (``clients.folded_name``), kept current by triggers that mark them stale
and by ``refresh_case_names`` / ``refresh_client_names`` before every write transaction
commits."""

from __future__ import annotations

import functools
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import Connection
from sqlalchemy import text as sql_text

# Between the folded names in ``cases.member_names``: a search text cannot hold it (the
# search drops control characters), so a match never spans two names.
NAME_SEPARATOR = "\x1f"

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
        return _fold_beyond_ascii(text)
    return text.lower()


# Sorting folds the same names beyond ASCII again and again (ASCII names need only lower());
# 65,536 cached names take at most about 16 MiB.
@functools.lru_cache(maxsize=1 << 16)
def _fold_beyond_ascii(text: str) -> str:
    text = text.translate(_FOLD_TABLE)
    if not text.isascii():
        return _fold_slowly(text)
    return text.lower()


def search_text(text: str) -> str:
    """What a typed search text is looked for as: folded, without control characters."""
    return "".join(ch for ch in fold(text) if ch.isprintable())


def member_names(names: Iterable[tuple[str | None, str | None]]) -> str:
    """The value of ``cases.member_names`` for members' (given, family) names."""
    return NAME_SEPARATOR.join(fold(name) for pair in names for name in pair if name)


def client_name_key(given: str | None, family: str | None) -> str:
    """The value of ``clients.folded_name``: the folded family name, the separator, the
    folded given name. Sorting by it sorts by family, then given name; a search text (which
    cannot hold the separator) found in it is found in one of the two names."""
    return f"{fold((family or '').strip())}{NAME_SEPARATOR}{fold((given or '').strip())}"


# Each statement names only columns that exist since revision 0001, so migration 0008 can
# use this function as it is.
_STALE_MEMBERS = sql_text(
    "SELECT cm.case_id, c.given_name, c.family_name FROM case_members cm"
    " JOIN clients c ON c.id = cm.client_id"
    " WHERE cm.case_id IN (SELECT id FROM cases WHERE member_names IS NULL)"
)
_SET_NAMES = sql_text("UPDATE cases SET member_names = :names WHERE id = :case_id")
_NO_MEMBERS = sql_text("UPDATE cases SET member_names = '' WHERE member_names IS NULL")


def refresh_case_names(conn: Connection) -> int:
    """Store the member names of every case the triggers marked stale (NULL); returns how
    many cases were refreshed. Cheap when none is: ix_cases_member_names_stale lists them."""
    names: dict[str, list[tuple[str | None, str | None]]] = defaultdict(list)
    for case_id, given, family in conn.execute(_STALE_MEMBERS):
        names[case_id].append((given, family))
    if names:
        rows = [{"case_id": case, "names": member_names(pairs)} for case, pairs in names.items()]
        conn.execute(_SET_NAMES, rows)
    return len(names) + conn.execute(_NO_MEMBERS).rowcount


# Since revision 0010; a trigger sets folded_name NULL when a name changes, and new clients
# arrive with NULL (ix_clients_folded_name_id lists those first).
_STALE_CLIENTS = sql_text(
    "SELECT id, given_name, family_name FROM clients WHERE folded_name IS NULL"
)
_SET_CLIENT_NAME = sql_text("UPDATE clients SET folded_name = :name WHERE id = :client_id")


def refresh_client_names(conn: Connection) -> int:
    """Store the folded name of every client that has none (new or renamed); returns how
    many were refreshed. Cheap when none is."""
    rows = [
        {"client_id": client_id, "name": client_name_key(given, family)}
        for client_id, given, family in conn.execute(_STALE_CLIENTS)
    ]
    if rows:
        conn.execute(_SET_CLIENT_NAME, rows)
    return len(rows)
