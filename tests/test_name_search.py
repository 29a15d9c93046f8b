"""The name search's SQL (LIKE over an index of names, Python folding only for the names in
the partial index of names beyond ASCII) finds exactly the clients whose folded given or
family name contains the folded search text."""

from __future__ import annotations

from pathlib import Path

from conftest import PASSPHRASE
from sqlalchemy import select

from kim_desktop.core import casework
from kim_desktop.core.casefile.models import Client
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework import _base

TRICKY_NAMES = (
    (None, "Strauß"),
    ("Ayşe", "Öztürk"),
    ("İlkay", "Yılmaz"),
    ("Małgorzata", "Wójcik"),
    ("Олена", "Коваленко"),
    ("Ωmega", "Ϊota"),
    ("Zoë", "D'Arcy"),
    ("Æsa", "Øberg"),
    ("Ana", "100%_sure"),
    (None, "Ｆｕｌｌｗｉｄｔｈ"),
)
NEEDLES = (
    "a", "an", "o", "ozt", "OZTÜRK", "strauss", "ß", "ss", "ilkay", "yilmaz", "malg", "wojcik",
    "олена", "КОВАЛ", "ωmega", "zoe", "d'a", "aesa", "oberg", "%", "_", "100%_", "fullwidth",
    "qqq", "é", "ϊota",
)  # fmt: skip


def test_search_finds_exactly_the_folded_matches(demo_file: Path) -> None:
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        for given, family in TRICKY_NAMES:
            casework.create_client(
                casefile, casework.ClientData(given_name=given, family_name=family)
            )
        with _base._reading(casefile) as conn:
            clients = conn.execute(select(Client.id, Client.given_name, Client.family_name)).all()
            assert len(clients) > 50
            for text in NEEDLES:
                needle = casework.fold(text)
                expected = {
                    c.id
                    for c in clients
                    if needle in casework.fold(c.given_name)
                    or needle in casework.fold(c.family_name)
                }
                found = set(conn.scalars(_base._matching_clients(needle)))
                assert found == expected, text
                if text not in ("qqq", "é"):
                    assert expected, text
