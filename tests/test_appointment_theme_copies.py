"""Each theme row carries its appointment's date and municipality (migration 0007), equal to
the appointment's by construction: triggers set them on every write of a theme row and on
every change of an appointment's date or municipality. The themes figure counts over them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

from conftest import PASSPHRASE
from sqlalchemy import Connection, text

from kim_desktop.core import casework, interchange
from kim_desktop.core.casefile.migrate import current_revision, head_revision
from kim_desktop.core.casefile.storage import CaseFile

DATA = Path(__file__).parent / "data"
SCHEMA_FIXTURE_PASSPHRASE = "schema one test passphrase"  # as in tests/test_migrations.py
TRIGGERS = {
    "tr_appointment_themes_insert",
    "tr_appointment_themes_update",
    "tr_appointments_date_municipality",
}
_MISMATCHED = (
    "SELECT count(*) FROM appointment_themes t JOIN appointments a ON a.id = t.appointment_id"
    " WHERE t.date IS NOT a.date OR t.municipality IS NOT a.municipality"
)


def mismatched(conn: Connection) -> int:
    return conn.execute(text(_MISMATCHED)).scalar_one()


def theme_rows(conn: Connection) -> int:
    return conn.execute(text("SELECT count(*) FROM appointment_themes")).scalar_one()


def triggers(conn: Connection) -> set[str]:
    return set(
        conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars()
    )


def test_triggers_exist_in_a_new_file(new_casefile: CaseFile) -> None:
    with new_casefile.reading() as conn:
        assert triggers(conn) >= TRIGGERS


def test_imported_theme_rows_carry_their_appointments_values(demo_file: Path) -> None:
    with CaseFile.open(demo_file, PASSPHRASE) as casefile, casefile.reading() as conn:
        assert theme_rows(conn) > 0
        assert mismatched(conn) == 0
        nulls = conn.execute(
            text("SELECT count(*) FROM appointment_themes WHERE date IS NULL")
        ).scalar_one()
        assert nulls == 0


def test_an_import_into_a_file_with_data_keeps_them_equal(
    new_casefile: CaseFile, demo_doc: dict
) -> None:
    interchange.import_document(new_casefile, demo_doc, "demo")
    with new_casefile.reading() as conn:
        assert theme_rows(conn) > 0
        assert mismatched(conn) == 0


def test_written_theme_rows_take_the_appointments_values(demo_file: Path) -> None:
    """Whatever a writer puts into the copies, the triggers make them the appointment's."""
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        with casefile.transaction() as session:
            appointment_id, theme = session.execute(
                text("SELECT appointment_id, theme FROM appointment_themes LIMIT 1")
            ).one()
            session.execute(
                text(
                    "UPDATE appointment_themes SET date = '1999-01-01', municipality = 'X'"
                    " WHERE appointment_id = :a AND theme = :t"
                ),
                {"a": appointment_id, "t": theme},
            )
            session.execute(
                text("DELETE FROM appointment_themes WHERE appointment_id = :a AND theme = :t"),
                {"a": appointment_id, "t": theme},
            )
            session.execute(
                text(
                    "INSERT INTO appointment_themes (appointment_id, theme, position, date,"
                    " municipality) VALUES (:a, :t, 0, '1999-01-01', 'X')"
                ),
                {"a": appointment_id, "t": theme},
            )
        with casefile.reading() as conn:
            assert mismatched(conn) == 0


def test_case_work_keeps_them_equal(demo_file: Path) -> None:
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        rows = casework.list_appointments(casefile, dt.date(2000, 1, 1), dt.date(2100, 1, 1))
        counselling = next(row for row in rows if row.case_id is not None and row.themes)
        municipalities = {row.municipality for row in rows if row.municipality}
        other = next(m for m in sorted(municipalities) if m != counselling.municipality)
        data = casework.AppointmentData(
            **{
                field.name: getattr(counselling, field.name)
                for field in dataclasses.fields(casework.AppointmentData)
            }
        )
        added = casework.add_appointment(casefile, dataclasses.replace(data, id=None))
        moved = dataclasses.replace(data, date=data.date - dt.timedelta(days=3), municipality=other)
        casework.update_appointment(casefile, moved)
        with casefile.reading() as conn:
            assert mismatched(conn) == 0
            for appointment_id, date, municipality in (
                (added, data.date, data.municipality),
                (data.id, moved.date, other),
            ):
                found = set(
                    conn.execute(
                        text(
                            "SELECT date, municipality FROM appointment_themes"
                            " WHERE appointment_id = :a"
                        ),
                        {"a": appointment_id},
                    )
                )
                assert found == {(date.isoformat(), municipality)}


def test_a_stored_old_file_gets_the_copies_and_triggers(tmp_path: Path) -> None:
    stored = tmp_path / "old.kim"
    shutil.copyfile(DATA / "casefile-schema-0006.kim", stored)
    with CaseFile.open(stored, SCHEMA_FIXTURE_PASSPHRASE) as casefile:
        assert current_revision(casefile) == head_revision()
        with casefile.reading() as conn:
            assert triggers(conn) >= TRIGGERS
            assert theme_rows(conn) > 0
            assert mismatched(conn) == 0
        rows = casework.list_appointments(casefile, dt.date(2000, 1, 1), dt.date(2100, 1, 1))
        row = next(row for row in rows if row.themes)
        data = casework.AppointmentData(
            **{
                field.name: getattr(row, field.name)
                for field in dataclasses.fields(casework.AppointmentData)
            }
        )
        casework.update_appointment(
            casefile, dataclasses.replace(data, date=data.date + dt.timedelta(days=1))
        )
        with casefile.reading() as conn:
            assert mismatched(conn) == 0
