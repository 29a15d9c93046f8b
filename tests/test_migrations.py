"""Schema changes go through Alembic; a file of the first schema version is upgraded on open."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from kim_desktop.core import interchange
from kim_desktop.core.casefile.migrate import current_revision, head_revision
from kim_desktop.core.casefile.models import Base
from kim_desktop.core.casefile.storage import CaseFile

DATA = Path(__file__).parent / "data"
SCHEMA_ONE_PASSPHRASE = "schema one test passphrase"


def test_migrations_build_exactly_the_models(new_casefile: CaseFile) -> None:
    with new_casefile.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert differences == []
    assert current_revision(new_casefile.engine) == head_revision()


def test_file_of_first_schema_version_is_upgraded_on_open(tmp_path: Path) -> None:
    stored = tmp_path / "old.kim"
    shutil.copyfile(DATA / "casefile-schema-0001.kim", stored)
    expected = json.loads((DATA / "casefile-schema-0001.export.json").read_text("utf-8"))
    assert head_revision() != "0001", "add a migration before changing this test"
    with CaseFile.open(stored, SCHEMA_ONE_PASSPHRASE) as casefile:
        assert current_revision(casefile.engine) == head_revision()
        assert casefile.verify() == []
        with casefile.engine.connect() as conn:
            indexes = {ix["name"] for ix in inspect(conn).get_indexes("cases")}
        assert "ix_cases_follow_up_on" in indexes  # added by migration 0002
        exported = interchange.export_document(casefile)
    exported.pop("exported_at")
    assert exported == expected
    # Opening again is a no-op for the schema.
    with CaseFile.open(stored, SCHEMA_ONE_PASSPHRASE) as casefile:
        assert current_revision(casefile.engine) == head_revision()
