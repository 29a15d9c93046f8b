"""The client register in core: count and pages of clients, filtered by name and by their
cases, sorted five ways; each client's folded name (migration 0010) kept current; a client's
cases; and the likely duplicates of a client about to be saved. Real encrypted files."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import shutil
from pathlib import Path

import pytest
from conftest import PASSPHRASE
from sqlalchemy import Connection, text

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.migrate import current_revision, head_revision
from kim_desktop.core.casefile.names import fold
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import InvalidInput

DATA = Path(__file__).parent / "data"
SCHEMA_FIXTURE_PASSPHRASE = "schema one test passphrase"  # as in tests/test_migrations.py


def stale(conn: Connection) -> int:
    return conn.execute(text("SELECT count(*) FROM clients WHERE folded_name IS NULL")).scalar_one()


def listed(casefile: CaseFile, client_filter: casework.ClientFilter, **sort: object) -> list:
    rows = casework.list_clients(casefile, client_filter, limit=100_000, **sort)  # type: ignore[arg-type]
    assert casework.count_clients(casefile, client_filter) == len(rows)
    return rows


def all_clients(casefile: CaseFile) -> list[tuple[str, str | None, str, dt.date | None]]:
    with casefile.reading() as conn:
        return [
            tuple(r)  # type: ignore[misc]
            for r in conn.execute(
                text("SELECT id, given_name, family_name, birth_date FROM clients")
            )
        ]


def expected(casefile: CaseFile, needle: str) -> set[str]:
    folded = fold(needle)
    return {
        client_id
        for client_id, given, family, _birth in all_clients(casefile)
        if folded in fold(given) or folded in fold(family)
    }


def test_a_client_without_a_case_is_in_the_register(new_casefile: CaseFile) -> None:
    client_id = casework.create_client(
        new_casefile,
        casework.ClientData(
            given_name="Ayşe",
            family_name="Öztürk",
            birth_date=dt.date(1988, 3, 15),
            nationality="TR",
        ),
    )
    everyone = casework.ClientFilter()
    assert casework.count_clients(new_casefile, everyone) == 1
    (row,) = casework.list_clients(new_casefile, everyone)
    assert row == casework.ClientListRow(
        id=client_id,
        display_name="Öztürk, Ayşe",
        birth_date=dt.date(1988, 3, 15),
        nationality="TR",
        open_cases=0,
        cases=0,
        last_appointment=None,
    )
    for typed in ("ozturk", "ÖZTÜ", "  zt ", "ayse", "AYŞE"):
        assert [r.id for r in listed(new_casefile, casework.ClientFilter(text=typed))] == [
            client_id
        ], typed
    assert listed(new_casefile, casework.ClientFilter(text="ozturk ayse")) == []  # one name
    without = casework.ClientFilter(cases="without_case")
    assert [r.id for r in listed(new_casefile, without)] == [client_id]
    assert listed(new_casefile, casework.ClientFilter(cases="with_open_case")) == []
    assert casework.client_cases(new_casefile, client_id) == []
    assert casework.get_client_row(new_casefile, client_id) == row
    assert casework.get_client_row(new_casefile, "no-such-client") is None


def test_the_search_finds_what_the_names_say(demo_file: Path) -> None:
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        with casefile.reading() as conn:
            assert stale(conn) == 0
        names = all_clients(casefile)
        pieces = {"a", "an", "ö", "OZ", "ş", "qqq", "Ле", "%", "_"}
        for _id, given, family, _birth in random.Random(12).sample(names, 20):
            for name in (given, family):
                if name:
                    start = random.Random(name).randrange(len(name))
                    pieces.add(name[start : start + 3])
        for needle in sorted(pieces):
            rows = listed(casefile, casework.ClientFilter(text=needle))
            assert {r.id for r in rows} == expected(casefile, needle), needle


def test_filters_by_cases_and_counts_them(demo_file: Path) -> None:
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        loner = casework.create_client(casefile, casework.ClientData(family_name="Einzeln"))
        rows = {r.id: r for r in listed(casefile, casework.ClientFilter())}
        members: dict[str, list[casework.CaseRow]] = {
            client_id: casework.client_cases(casefile, client_id) for client_id in rows
        }
        for client_id, row in rows.items():
            cases = members[client_id]
            assert row.cases == len(cases)
            assert row.open_cases == sum(1 for c in cases if c.closed_on is None)
            opened = [c.opened_on for c in cases]
            assert opened == sorted(opened, reverse=True)
        without = {r.id for r in listed(casefile, casework.ClientFilter(cases="without_case"))}
        assert loner in without
        assert without == {c for c, row in rows.items() if row.cases == 0}
        open_ones = {r.id for r in listed(casefile, casework.ClientFilter(cases="with_open_case"))}
        assert open_ones == {c for c, row in rows.items() if row.open_cases > 0} != set()
        both = casework.ClientFilter(text="a", cases="with_open_case")
        assert {r.id for r in listed(casefile, both)} == open_ones & expected(casefile, "a")
        with pytest.raises(InvalidInput):
            casework.count_clients(casefile, casework.ClientFilter(cases="sometimes"))


@pytest.mark.parametrize("descending", [False, True])
def test_every_sort_key_orders_the_whole_list_and_pages_add_up(
    demo_file: Path, descending: bool
) -> None:
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        casework.create_client(casefile, casework.ClientData(family_name="Ohne Datum"))
        everyone = casework.ClientFilter()
        for sort in casework.CLIENT_SORT_KEYS:
            rows = listed(casefile, everyone, sort=sort, descending=descending)
            pages = [
                row
                for offset in range(0, len(rows), 7)
                for row in casework.list_clients(
                    casefile, everyone, sort=sort, descending=descending, offset=offset, limit=7
                )
            ]
            assert pages == rows, sort
            known = [r for r in rows if getattr(r, _field(sort)) is not None]
            # Missing values last either way.
            assert rows[: len(known)] == known, sort
            keys = [_key(r, sort) for r in known]
            assert keys == sorted(keys, reverse=descending), sort
        with pytest.raises(InvalidInput):
            casework.list_clients(casefile, everyone, sort="shoe_size")


def _field(sort: str) -> str:
    return "display_name" if sort == "name" else sort


def _key(row: casework.ClientListRow, sort: str) -> object:
    if sort == "name":
        family, _, given = row.display_name.partition(", ")
        return (fold(family), fold(given))
    if sort == "nationality":
        special = list(cat.NATIONALITY_SPECIAL)
        code = row.nationality
        assert code is not None
        if code in special:
            return (0, special.index(code), "")
        return (1, 0, fold(cat.nationality_label(code, "de")))
    return getattr(row, sort)


def test_names_sort_accent_insensitively(new_casefile: CaseFile) -> None:
    for family in ("Zander", "Öztürk", "Ozdemir", "Ali", "Çelik", "celik"):
        casework.create_client(new_casefile, casework.ClientData(family_name=family))
    rows = listed(new_casefile, casework.ClientFilter())
    names = [r.display_name for r in rows]
    assert names[:2] == ["Ali", "Çelik"] or names[:2] == ["Ali", "celik"]
    assert names[-3:] == ["Ozdemir", "Öztürk", "Zander"]


def test_renamed_clients_are_found_under_their_new_name(demo_file: Path) -> None:
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        client_id = listed(casefile, casework.ClientFilter())[0].id
        data = casework.get_client(casefile, client_id)
        casework.update_client(
            casefile, client_id, dataclasses.replace(data, family_name="Ğüneşçiqx")
        )
        found = listed(casefile, casework.ClientFilter(text="guneSCIQX"))
        assert [r.id for r in found] == [client_id]
        with casefile.reading() as conn:
            assert stale(conn) == 0


def test_stale_names_are_still_found_and_the_next_write_refreshes_them(
    demo_file: Path,
) -> None:
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        client_id = listed(casefile, casework.ClientFilter())[0].id
        # A write that bypassed the refresh: renamed, folded name marked stale.
        with casefile.migration_transaction() as conn:
            conn.execute(
                text("UPDATE clients SET family_name = 'Stälexq' WHERE id = :c"),
                {"c": client_id},
            )
            assert stale(conn) == 1
        assert [r.id for r in listed(casefile, casework.ClientFilter(text="stalexq"))] == [
            client_id
        ]
        assert {r.id for r in listed(casefile, casework.ClientFilter(text="a"))} == expected(
            casefile, "a"
        )
        given = casework.get_client(casefile, client_id).given_name
        twin = casework.ClientData(family_name="STALEXQ", given_name=given)
        assert [r.id for r in casework.likely_duplicates(casefile, twin)] == [client_id]
        casework.create_client(casefile, casework.ClientData(family_name="Anyone"))
        with casefile.reading() as conn:
            assert stale(conn) == 0


def test_imported_and_old_files_get_folded_names(tmp_path: Path) -> None:
    stored = tmp_path / "old.kim"
    shutil.copyfile(DATA / "casefile-schema-0008.kim", stored)
    with CaseFile.open(stored, SCHEMA_FIXTURE_PASSPHRASE) as casefile:
        assert current_revision(casefile) == head_revision()
        with casefile.reading() as conn:
            assert stale(conn) == 0
            triggers = set(
                conn.execute(
                    text("SELECT name FROM sqlite_master WHERE type = 'trigger'")
                ).scalars()
            )
        # 0010's trigger, and 0008's on the same table still there.
        assert {"tr_clients_folded_name", "tr_clients_names"} <= triggers
        for needle in ("a", "e", "ö", "z"):
            rows = listed(casefile, casework.ClientFilter(text=needle))
            assert {r.id for r in rows} == expected(casefile, needle)


def test_likely_duplicates(new_casefile: CaseFile) -> None:
    born = dt.date(1990, 5, 17)
    ayse = casework.create_client(
        new_casefile,
        casework.ClientData(given_name="Ayşe", family_name="Öztürk", birth_date=born),
    )
    undated = casework.create_client(
        new_casefile, casework.ClientData(given_name="Ayse", family_name="OZTURK")
    )
    other_day = casework.create_client(
        new_casefile,
        casework.ClientData(
            given_name="Ayşe", family_name="Öztürk", birth_date=dt.date(1991, 1, 1)
        ),
    )
    casework.create_client(
        new_casefile,
        casework.ClientData(given_name="Ayşegül", family_name="Öztürk", birth_date=born),
    )

    def duplicates(**fields: object) -> list[str]:
        data = casework.ClientData(**fields)  # type: ignore[arg-type]
        return [r.id for r in casework.likely_duplicates(new_casefile, data)]

    # Same folded name and birth date first, then the same name with no birth date known.
    assert duplicates(given_name="ayse", family_name=" ozturk ", birth_date=born) == [
        ayse,
        undated,
    ]
    # Without a birth date, anyone of that name may be the one.
    assert set(duplicates(given_name="Ayse", family_name="Ozturk")) == {
        ayse,
        undated,
        other_day,
    }
    assert duplicates(given_name="Ayse", family_name="Ozturk", birth_date=dt.date(2000, 1, 1)) == [
        undated
    ]
    # A client being changed is not their own duplicate.
    assert duplicates(id=ayse, given_name="Ayşe", family_name="Öztürk", birth_date=born) == [
        undated
    ]
    assert duplicates(family_name="Öztürk", birth_date=born) == []  # no given name: other
    assert duplicates(family_name="   ") == []
    row = casework.likely_duplicates(
        new_casefile, casework.ClientData(given_name="Ayşe", family_name="Öztürk", birth_date=born)
    )[0]
    assert (row.display_name, row.birth_date) == ("Öztürk, Ayşe", born)
