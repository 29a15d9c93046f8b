"""Findings of the first review of the storage and interchange code, each pinned by a test:
races around re-key and temp files, overwriting, schema rebuilds, locked files, odd input."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
import unicodedata
from pathlib import Path

import pytest
import sqlcipher3
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from conftest import PASSPHRASE, minimal_document, run_kim, sha256
from sqlalchemy import Column, String, func, select
from sqlalchemy.exc import IntegrityError

from kim_desktop.core import interchange
from kim_desktop.core.casefile import rawfile, storage
from kim_desktop.core.casefile.migrate import migration_connection
from kim_desktop.core.casefile.models import Appointment, CaseMember, Client, Goal
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import (
    CaseFileLockedError,
    FileBusyError,
    RejectedInputError,
    UsageError,
)
from kim_desktop.core.figures import stats as figure_stats
from kim_desktop.core.figures.periods import parse_period


def test_verify_never_creates_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.kim"
    with pytest.raises(UsageError):
        storage.verify_file(missing, b"\0" * 32)
    assert not missing.exists()


def test_temp_files_of_live_processes_survive_an_open(demo_file: Path) -> None:
    live = demo_file.with_name(f".{demo_file.name}.rekey-{os.getpid()}-aaaa.tmp")
    live.write_bytes(b"work in progress")
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(finished.stdout)
    dead = demo_file.with_name(f".{demo_file.name}.rekey-{dead_pid}-bbbb.tmp")
    dead.write_bytes(b"left by a killed process")
    CaseFile.open(demo_file, PASSPHRASE).close()
    assert live.exists()
    assert not dead.exists()


def test_export_never_overwrites_a_case_file(demo_file: Path, tmp_path: Path) -> None:
    before = sha256(demo_file)
    result = run_kim("export-json", demo_file, demo_file)
    assert result.returncode == 2
    assert "not overwritten" in result.stderr
    assert sha256(demo_file) == before
    out = tmp_path / "export.json"
    assert run_kim("export-json", demo_file, out).returncode == 0
    assert run_kim("export-json", demo_file, out).returncode == 0  # an earlier export: fine
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


def test_table_rebuild_in_a_migration_keeps_child_rows(demo_file: Path) -> None:
    """Batch migrations copy and drop tables; with foreign keys on, the drop would
    cascade-delete members, appointments and goals."""
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:

        def counts() -> tuple[int, int, int]:
            with casefile.reading_session() as session:
                return tuple(
                    session.scalar(select(func.count()).select_from(model))
                    for model in (CaseMember, Appointment, Goal)
                )  # type: ignore[return-value]

        before = counts()
        assert all(before)
        with migration_connection(casefile) as conn:
            operations = Operations(MigrationContext.configure(conn))
            with operations.batch_alter_table("cases", recreate="always") as batch:
                batch.add_column(Column("extra", String(10), nullable=True))
        assert counts() == before
        with casefile.reading() as conn:
            raw = conn.connection.driver_connection
            assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_closed_casefile_refuses_every_access(demo_file: Path) -> None:
    casefile = CaseFile.open(demo_file, PASSPHRASE)
    casefile.close()
    with pytest.raises(CaseFileLockedError), casefile.transaction():
        pass
    with pytest.raises(Exception) as caught, casefile.reading():
        pass
    assert "locked" in str(caught.value)


def test_sql_errors_carry_no_values(new_casefile: CaseFile) -> None:
    with pytest.raises(IntegrityError) as caught, new_casefile.transaction() as session:
        session.add(Client(id="x1", family_name="Geheimname"))
        session.flush()
        session.add(Client(id="x1", family_name="Geheimname"))
        session.flush()
    assert "Geheimname" not in str(caught.value)


def test_writes_during_rekey_are_not_lost(demo_file: Path) -> None:
    casefile = CaseFile.open(demo_file, PASSPHRASE)
    errors: list[BaseException] = []

    def rekey() -> None:
        try:
            casefile.change_passphrase("the passphrase after the swap")
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    worker = threading.Thread(target=rekey)
    with casefile.transaction() as session:
        session.add(Client(id="written-meanwhile", family_name="Spät"))
        session.flush()
        worker.start()
        time.sleep(0.5)  # the re-key waits for the open session
        with pytest.raises(FileBusyError), casefile.reading_session():
            pass
    worker.join(30)
    assert not errors
    casefile.close()
    with (
        CaseFile.open(demo_file, "the passphrase after the swap") as reopened,
        reopened.reading_session() as check,
    ):
        assert check.get(Client, "written-meanwhile") is not None


def test_locked_file_is_not_a_wrong_passphrase(demo_file: Path) -> None:
    holder = CaseFile.open(demo_file, PASSPHRASE)
    key = storage.derive_key(PASSPHRASE, rawfile.read_salt(demo_file))
    with contextlib.closing(rawfile.connect_raw(demo_file, key)) as raw:
        raw.execute("BEGIN EXCLUSIVE")
        with pytest.raises(FileBusyError):
            CaseFile.open(demo_file, PASSPHRASE)
        raw.execute("ROLLBACK")
    holder.close()


def test_passphrase_is_normalised(tmp_path: Path) -> None:
    composed = "Grüße aus Köln am Rhein"
    path = tmp_path / "nfc.kim"
    CaseFile.create(path, composed, role="casemanager", owner="O").close()
    CaseFile.open(path, unicodedata.normalize("NFD", composed)).close()


@pytest.mark.parametrize("text", ["0000", "0000-Q1", "9999-Q4", "2024-13-01..2024-12-31"])
def test_impossible_periods_are_usage_errors(text: str) -> None:
    with pytest.raises(UsageError):
        parse_period(text)


def test_unwritable_output_is_one_line(demo_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = run_kim("backup", demo_file, folder / "b.kim")
    finally:
        folder.chmod(0o700)
    if os.geteuid() == 0:
        assert result.returncode == 0  # root may write anyway
    else:
        assert result.returncode == 1 and result.stderr.count("\n") == 1


# -- interchange input that used to pass validation and fail on insert ----------------------


def import_rejected(target: Path, tmp_path: Path, document: object, raw: str | None = None) -> str:
    source = tmp_path / "in.json"
    source.write_text(raw if raw is not None else json.dumps(document), "utf-8")
    before = sha256(target)
    result = run_kim("import-json", target, source)
    assert result.returncode == 4, result.stderr
    assert sha256(target) == before
    return result.stderr


def small_case(**appointment: object) -> dict:
    return minimal_document(
        clients=[{"id": "c1", "family_name": "A"}],
        cases=[
            {
                "id": "f1",
                "municipality": "Bonn",
                "track": "case_management",
                "opened_on": "2024-01-01",
                "members": [{"client_id": "c1"}],
            }
        ],
        appointments=[
            {
                "id": "t1",
                "case_id": "f1",
                "date": "2024-01-02",
                "minutes": 30,
                "kind": "case_management",
                **appointment,
            }
        ],
    )


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "target.kim"
    CaseFile.create(path, PASSPHRASE, role="casemanager", owner="O").close()
    return path


def test_municipality_names_are_normalised(new_casefile: CaseFile) -> None:
    document = small_case(municipality="Bonn\u00a0")
    document["cases"][0]["municipality"] = " Bonn "
    interchange.import_document(new_casefile, document, "x.json")
    figures = figure_stats.for_casefile(new_casefile, parse_period("2024"), "Bonn")
    assert figures["appointments"]["total"] == 1 and figures["cases"]["opened"] == 1


def test_lone_surrogates_are_rejected(target: Path, tmp_path: Path) -> None:
    raw = json.dumps(small_case()).replace('"family_name": "A"', '"family_name": "A\\ud800"')
    stderr = import_rejected(target, tmp_path, None, raw)
    assert "$.clients[0].family_name: contains an invalid character" in stderr


def test_huge_numbers_are_rejected(target: Path, tmp_path: Path) -> None:
    stderr = import_rejected(target, tmp_path, small_case(participants=10**20))
    assert "$.appointments[0].participants" in stderr


def test_deep_nesting_is_rejected(target: Path, tmp_path: Path) -> None:
    stderr = import_rejected(target, tmp_path, None, "[" * 100000 + "]" * 100000)
    assert "nested too deeply" in stderr


def test_reported_gap_needs_a_date(target: Path, tmp_path: Path) -> None:
    document = minimal_document(
        structural_gaps=[
            {
                "id": "g1",
                "municipality": "Bonn",
                "theme": "housing",
                "title": "T",
                "status": "reported",
            }
        ]
    )
    assert "$.structural_gaps[0].reported_on" in import_rejected(target, tmp_path, document)


def test_assessed_client_must_be_member_of_a_stored_case(new_casefile: CaseFile) -> None:
    interchange.import_document(new_casefile, small_case(), "first")
    second = minimal_document(
        clients=[{"id": "c2", "family_name": "B"}],
        assessments=[
            {
                "id": "a1",
                "case_id": "f1",
                "client_id": "c2",
                "assessed_on": "2024-02-01",
                "ratings": {"housing": 2},
            }
        ],
    )
    with pytest.raises(RejectedInputError, match="not a member of the case"):
        interchange.import_document(new_casefile, second, "second")


def test_coordinator_files_take_no_personal_data(tmp_path: Path) -> None:
    path = tmp_path / "coord.kim"
    assert run_kim("init", path, "--role", "coordinator", "--owner", "K").returncode == 0
    stderr = import_rejected(path, tmp_path, small_case())
    assert "coordinator" in stderr


def test_newer_schema_is_refused_without_writing(demo_file: Path, tmp_path: Path) -> None:
    with CaseFile.open(demo_file, PASSPHRASE) as casefile, casefile.migration_transaction() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    before = sha256(demo_file)
    result = run_kim("stats", demo_file, "--period", "2025")
    assert result.returncode == 4 and "newer version" in result.stderr
    assert sha256(demo_file) == before
    target = tmp_path / "restored.kim"
    target.write_bytes(b"keep")
    assert run_kim("restore", demo_file, target).returncode == 4
    assert target.read_bytes() == b"keep"


def test_other_sqlcipher_databases_are_not_touched(tmp_path: Path) -> None:
    """A SQLCipher database keyed the way we key ours, but without our tables, is refused
    before migrations could write our schema into it."""
    path = tmp_path / "other.kim"
    salt = os.urandom(16)
    key = storage.derive_key(PASSPHRASE, salt)
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}{salt.hex()}'\"")
    conn.execute("CREATE TABLE notes (x TEXT)")
    conn.commit()
    conn.close()
    before = sha256(path)
    with pytest.raises(RejectedInputError, match="not a KIM case file"):
        CaseFile.open(path, PASSPHRASE)
    assert sha256(path) == before


def test_verify_reports_damage_in_one_line(demo_file: Path) -> None:
    data = bytearray(demo_file.read_bytes())
    for offset in (4096 * 5 + 300, 4096 * 9 + 17):
        data[offset] ^= 0x55
    demo_file.write_bytes(bytes(data))
    result = run_kim("verify", demo_file)
    assert result.returncode == 4
    assert result.stderr.count("\n") == 1


def test_birth_after_period_end_counts_as_unknown_age(new_casefile: CaseFile) -> None:
    document = minimal_document(
        clients=[{"id": "baby", "family_name": "Neu", "birth_date": "2024-12-01"}],
        cases=[
            {
                "id": "f1",
                "municipality": "Bonn",
                "track": "case_management",
                "opened_on": "2024-03-01",
                "members": [{"client_id": "baby"}],
            }
        ],
    )
    interchange.import_document(new_casefile, document, "x")
    figures = figure_stats.for_casefile(new_casefile, parse_period("2024-03-01..2024-03-31"))
    assert figures["demographics"]["age_band"]["unknown"] == 1
    assert figures["demographics"]["age_band"]["0-5"] == 0
