"""The case list's search reads each case's stored, folded member names (migration 0008,
casefile/names.py). Every way a case's members or their names change keeps them current,
and a case whose names are stale is still found."""

from __future__ import annotations

import dataclasses
import random
import shutil
from pathlib import Path

from conftest import PASSPHRASE
from sqlalchemy import Connection, text

from kim_desktop.core import casework, interchange
from kim_desktop.core.casefile.migrate import current_revision, head_revision
from kim_desktop.core.casefile.names import fold
from kim_desktop.core.casefile.storage import CaseFile

DATA = Path(__file__).parent / "data"
SCHEMA_FIXTURE_PASSPHRASE = "schema one test passphrase"  # as in tests/test_migrations.py
TRIGGERS = {
    "tr_case_members_insert_names",
    "tr_case_members_delete_names",
    "tr_case_members_update_names",
    "tr_clients_names",
}


def triggers(conn: Connection) -> set[str]:
    return set(
        conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars()
    )


def stale(conn: Connection) -> int:
    return conn.execute(text("SELECT count(*) FROM cases WHERE member_names IS NULL")).scalar_one()


def found(casefile: CaseFile, needle: str) -> set[str]:
    case_filter = casework.CaseFilter(text=needle)
    rows = casework.list_cases(casefile, case_filter, limit=100_000)
    assert casework.count_cases(casefile, case_filter) == len(rows)
    return {row.id for row in rows}


def expected(casefile: CaseFile, needle: str) -> set[str]:
    """The search's meaning, computed in Python from the members' names."""
    with casefile.reading() as conn:
        rows = conn.execute(
            text(
                "SELECT cm.case_id, c.given_name, c.family_name FROM case_members cm"
                " JOIN clients c ON c.id = cm.client_id"
            )
        ).all()
    folded = fold(needle)
    return {case for case, given, family in rows if folded in fold(given) or folded in fold(family)}


def first_case_with_one_member(casefile: CaseFile) -> tuple[str, str]:
    with casefile.reading() as conn:
        return conn.execute(
            text(
                "SELECT case_id, min(client_id) FROM case_members GROUP BY case_id"
                " HAVING count(*) = 1 ORDER BY case_id LIMIT 1"
            )
        ).one()


def rename(casefile: CaseFile, client_id: str, family_name: str) -> None:
    data = casework.get_client(casefile, client_id)
    casework.update_client(casefile, client_id, dataclasses.replace(data, family_name=family_name))


def test_a_new_file_has_the_triggers(new_casefile: CaseFile) -> None:
    with new_casefile.reading() as conn:
        assert triggers(conn) >= TRIGGERS


def test_the_search_finds_what_the_names_say(demo_file: Path) -> None:
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        with casefile.reading() as conn:
            assert stale(conn) == 0
            names = conn.execute(text("SELECT given_name, family_name FROM clients")).all()
        pieces = {"a", "an", "ö", "OZ", "ş", "qqq", "Ле"}
        for given, family in random.Random(8).sample(names, 20):
            for name in (given, family):
                if name:
                    start = random.Random(name).randrange(len(name))
                    pieces.add(name[start : start + 3])
        for needle in sorted(pieces):
            assert found(casefile, needle) == expected(casefile, needle), needle


def test_renaming_a_client_moves_their_cases_in_the_search(demo_file: Path) -> None:
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        case_id, client_id = first_case_with_one_member(casefile)
        rename(casefile, client_id, "Ğüneşçiqx")
        assert found(casefile, "guneSCIQX") == {case_id}
        rename(casefile, client_id, "Zweiter")
        assert found(casefile, "guneşçiqx") == set()
        assert case_id in found(casefile, "zweiter")
        with casefile.reading() as conn:
            assert stale(conn) == 0


def test_joining_and_leaving_a_case_changes_what_finds_it(demo_file: Path) -> None:
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        case_id, _ = first_case_with_one_member(casefile)
        newcomer = casework.create_client(
            casefile, casework.ClientData(given_name="Ołena", family_name="Qwyzxv")
        )
        assert found(casefile, "olena qwy") == set()  # a match never spans two names
        casework.add_member(casefile, case_id, newcomer)
        assert found(casefile, "olena") >= {case_id}
        assert found(casefile, "QWYZ") == {case_id}
        casework.remove_member(casefile, case_id, newcomer)
        assert found(casefile, "qwyz") == set()


def test_imported_cases_are_found(new_casefile: CaseFile, demo_doc: dict) -> None:
    interchange.import_document(new_casefile, demo_doc, "demo")
    with new_casefile.reading() as conn:
        assert stale(conn) == 0
    assert found(new_casefile, "e") == expected(new_casefile, "e") != set()


def test_stale_names_are_still_found_and_the_next_write_refreshes_them(
    demo_file: Path,
) -> None:
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        case_id, client_id = first_case_with_one_member(casefile)
        # A write that bypassed the refresh: renamed, names marked stale, nothing refreshed.
        with casefile.migration_transaction() as conn:
            conn.execute(
                text("UPDATE clients SET family_name = 'Stalexq' WHERE id = :c"), {"c": client_id}
            )
            assert stale(conn) >= 1
        assert found(casefile, "stalexq") == {case_id}
        assert found(casefile, "a") == expected(casefile, "a")
        casework.create_client(casefile, casework.ClientData(family_name="Anyone"))
        with casefile.reading() as conn:
            assert stale(conn) == 0
        assert found(casefile, "stalexq") == {case_id}


def test_a_stored_old_file_gets_the_names_and_triggers(tmp_path: Path) -> None:
    stored = tmp_path / "old.kim"
    shutil.copyfile(DATA / "casefile-schema-0007.kim", stored)
    with CaseFile.open(stored, SCHEMA_FIXTURE_PASSPHRASE) as casefile:
        assert current_revision(casefile) == head_revision()
        with casefile.reading() as conn:
            assert triggers(conn) >= TRIGGERS
            assert stale(conn) == 0
            cases = conn.execute(text("SELECT count(*) FROM cases")).scalar_one()
        assert cases > 0
        for needle in ("a", "e", "ö", "z"):
            assert found(casefile, needle) == expected(casefile, needle)
