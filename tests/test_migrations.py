"""Schema changes go through Alembic; a stored file of every schema version is upgraded on open.

``tests/data`` holds a real case file of every schema revision (``casefile-schema-NNNN.kim``,
from 0004 on also a coordinator's ``casefile-schema-NNNN-coordinator.kim``), each made with
the code of its revision, beside the interchange export that code produced. A new migration
adds its files with ``tools/make_schema_fixture.py``."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import func, inspect, select

from kim_desktop.core import casework, interchange
from kim_desktop.core.casefile.migrate import current_revision, head_revision, known_revisions
from kim_desktop.core.casefile.models import (
    Base,
    BundleFigure,
    Case,
    CasePhaseChange,
    CoverBase,
    DistrictConfig,
    KeyPair,
    StatisticalResidue,
    TrustedSender,
)
from kim_desktop.core.casefile.storage import CaseFile, derive_key, read_salt
from kim_desktop.core.errors import RestrictedError
from kim_desktop.core.figures import stats
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.sync import district, inbox, keys, outbox

DATA = Path(__file__).parent / "data"
TOOL = Path(__file__).parent.parent / "tools" / "make_schema_fixture.py"
# The passphrase of every stored file (tools/make_schema_fixture.py has it too).
SCHEMA_FIXTURE_PASSPHRASE = "schema one test passphrase"
FIXTURE_NAME = re.compile(r"casefile-schema-(?P<revision>\d{4})(?P<coordinator>-coordinator)?\.kim")
FIXTURES = sorted(DATA.glob("casefile-schema-*.kim"))
# What a revision introduced is in every stored file of that revision or later (as
# tools/make_schema_fixture.py puts it there). Revision ids are four-digit numbers.
PHASE_HISTORY_SINCE = "0003"
KEYS_AND_BUNDLES_SINCE = "0004"  # and with them the coordinator's file
TEAM_SINCE = "0012"  # the coordinator's team directory, carried by the configuration
RESTRICTION_SINCE = "0014"  # one client restricted (Art. 18 GDPR), left out of the export
RESTRICTED_CLIENT = "kl-000012"
ERASURE_SINCE = "0015"  # a case of 2022 erased; its figures kept by the residue
ERASED_CASE = "fa-000003"
HANDOVER_SINCE = "0016"  # a case handed over to a colleague: read-only in this file
HANDED_OVER_CASE = "fa-000002"
RECEIVED_SINCE = "0017"  # a case received by handover: counted from its day on
RECEIVED_CASE = "fa-000004"
RECEIVED_ON = dt.date(2024, 6, 30)
COVER_SINCE = "0018"  # a case in cover (writable, merge base) and a colleague's cover copy
COVERED_CASE = "fa-000004"
COVER_COPY_CASE = "fa-000001"
STEPS_SINCE = "0019"  # agreed steps of a goal, one done (in the case that became a cover copy)
GOAL_WITH_STEPS = "zi-000001"
DISTRICT = "Rhein-Sieg-Kreis"


def since(revision: str, of: str) -> bool:
    return int(of) >= int(revision)


def expected_files(revision: str) -> list[str]:
    stems = [f"casefile-schema-{revision}"]
    if since(KEYS_AND_BUNDLES_SINCE, revision):
        stems.append(f"casefile-schema-{revision}-coordinator")
    return [f"{stem}{suffix}" for stem in stems for suffix in (".kim", ".export.json")]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stored_revision(path: Path) -> str | None:
    """The file's schema revision as stored, read without running the migrations."""
    salt = read_salt(path)
    casefile = CaseFile(path, derive_key(SCHEMA_FIXTURE_PASSPHRASE, salt), salt)
    try:
        return current_revision(casefile)
    finally:
        casefile.close()


def test_migrations_build_exactly_the_models(new_casefile: CaseFile) -> None:
    with new_casefile.reading() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert differences == []
    assert current_revision(new_casefile) == head_revision()


@pytest.mark.parametrize("revision", sorted(known_revisions()))
def test_every_schema_revision_has_a_stored_file(revision: str) -> None:
    missing = [name for name in expected_files(revision) if not (DATA / name).is_file()]
    assert not missing, (
        f"schema revision {revision} has no stored case file in tests/data (missing: "
        f"{', '.join(missing)}). A new migration adds its files: run "
        "`.venv/bin/python tools/make_schema_fixture.py` and commit what it writes."
    )


def test_every_stored_file_is_of_a_known_revision() -> None:
    assert FIXTURES, "no stored case files in tests/data"
    for path in FIXTURES:
        match = FIXTURE_NAME.fullmatch(path.name)
        assert match, f"{path.name}: not a name tools/make_schema_fixture.py gives"
        assert match["revision"] in known_revisions(), f"{path.name}: unknown revision"
        assert path.with_suffix(".export.json").is_file(), f"{path.name}: no export beside it"


def check_phase_history(casefile: CaseFile) -> None:
    """0003: a case opened, moved on, closed and reopened through case work kept its
    history, and the case window's timeline is built from it."""
    with casefile.reading_session() as session:
        case_ids = list(session.scalars(select(CasePhaseChange.case_id).distinct()))
    assert case_ids, "no phase history"
    for case_id in case_ids:
        case = casework.get_case(casefile, case_id)
        changes = case.phase_changes
        opening = changes[0]
        assert (opening.from_phase, opening.to_phase) == (None, "intake")
        assert opening.changed_on == case.opened_on
        for before, after in pairwise(changes):
            assert after.from_phase == before.to_phase
            assert after.changed_on >= before.changed_on
        assert changes[-1].to_phase == case.phase
        assert any(c.to_phase == "closed" and c.closure_reason for c in changes)
        assert any(c.from_phase == "closed" for c in changes)
        kinds = [e.kind for e in case.timeline if e.kind.startswith(("case_", "phase_"))]
        assert kinds[0] == "case_opened"
        assert {"phase_changed", "case_closed", "case_reopened"} <= set(kinds)


def check_own_keys(casefile: CaseFile, purposes: set[str]) -> None:
    """0004: the key pairs stored are the file's keys (not made anew on first use)."""
    with casefile.reading_session() as session:
        stored = {row.purpose: bytes(row.public_key) for row in session.scalars(select(KeyPair))}
    assert set(stored) == purposes
    own = keys.own_keys(casefile)
    assert own.signing_public == stored[keys.SIGNING]
    assert own.encryption_public == stored.get(keys.ENCRYPTION)


def check_district_configuration(casefile: CaseFile) -> None:
    """0004, case manager: the signed district configuration, still verifiable, and the
    export history of the bundles sent to its coordinator."""
    settings = district.current_settings(casefile)
    assert settings is not None
    assert settings.district == DISTRICT
    assert settings.municipalities
    with casefile.reading_session() as session:
        row = session.scalars(select(DistrictConfig)).one()
        Ed25519PublicKey.from_public_bytes(bytes(row.coordinator_signing_key)).verify(
            bytes(row.signature), bytes(row.document)
        )
    assert bytes(row.coordinator_signing_key) == settings.coordinator_signing_key
    sent = outbox.export_history(casefile)
    assert sent
    assert all(bundle.period and bundle.revision >= 1 for bundle in sent)


def check_received_bundles(casefile: CaseFile) -> None:
    """0004, coordinator: bundles from a trusted sender, their figures and gaps."""
    received = inbox.received(casefile)
    assert received
    assert {bundle.status for bundle in received} == {"current", "superseded"}
    with casefile.reading_session() as session:
        trusted = {
            row.key_id: bytes(row.signing_key) for row in session.scalars(select(TrustedSender))
        }
        figures = session.scalar(select(func.count()).select_from(BundleFigure))
    for bundle in received:
        assert keys.key_id(trusted[bundle.sender_key_id]) == bundle.sender_key_id
        assert bundle.district == DISTRICT
    assert figures
    assert inbox.collected_gaps(casefile)


def check_team(casefile: CaseFile, coordinator: bool) -> None:
    """The case manager's card enrolled in the coordinator's directory; the configuration the
    case manager imported carries that member, retention and controller."""
    from kim_desktop.core.sync import team

    if coordinator:
        (member,) = team.members(casefile)
        assert member.role == "casemanager" and not member.revoked
        return
    settings = district.current_settings(casefile)
    assert settings is not None
    (member,) = settings.team
    assert member.signing_key == keys.own_keys(casefile).signing_public
    assert settings.retention_years == 3 and settings.controller and settings.dpo


def check_restriction(casefile: CaseFile, restricted: bool) -> None:
    """0014: the restricted client is still restricted (and no one else); before 0014 nobody
    is restricted after the upgrade."""
    if not restricted:
        assert casework.restricted_count(casefile) == 0
        return
    found = casework.restriction_of(casefile, RESTRICTED_CLIENT)
    assert found is not None and found.reason == "retention_duty"
    assert casework.restricted_count(casefile) == 1


def check_erasure(casefile: CaseFile, erased: bool) -> None:
    """0015: the erased case is gone and 2022 still counts it (the residue); before 0015 the
    case is there and the residue table is empty after the upgrade."""
    with casefile.reading_session() as session:
        present = session.get(Case, ERASED_CASE) is not None
        rows = session.scalar(select(func.count()).select_from(StatisticalResidue))
    assert present is not erased
    assert (rows > 0) is erased
    figures = stats.for_casefile(casefile, parse_period("2022-Q3"))
    assert figures["cases"]["opened"] == 1 and figures["cases"]["persons_in_opened"] == 3


def check_handover(casefile: CaseFile, handed_over: bool) -> None:
    """0016: the handed-over case is marked and refuses writes; before 0016 no case is
    handed over after the upgrade and the case stays workable."""
    marked = casework.case_handover(casefile, HANDED_OVER_CASE)
    with casefile.reading_session() as session:
        count = session.scalar(
            select(func.count()).select_from(Case).where(Case.handed_over_to.is_not(None))
        )
    if not handed_over:
        assert marked is None and count == 0
        return
    assert marked is not None and marked.name == "Kollegin Beispiel" and count == 1
    with pytest.raises(RestrictedError):
        casework.set_case_notes(casefile, HANDED_OVER_CASE, "später")


def check_received(casefile: CaseFile, received: bool) -> None:
    """0017: the received case knows its day and is counted only for periods ending on it
    or later; before 0017 no case is received and every case is counted."""
    with casefile.reading_session() as session:
        days = {
            case_id: day
            for case_id, day in session.execute(
                select(Case.id, Case.received_on).where(Case.received_on.is_not(None))
            )
        }
        opened_on = session.scalar(select(Case.opened_on).where(Case.id == RECEIVED_CASE))
        opened_that_day = session.scalar(
            select(func.count())
            .select_from(Case)
            .where(Case.track == "case_management", Case.opened_on == opened_on)
        )
    assert days == ({RECEIVED_CASE: RECEIVED_ON} if received else {})
    assert opened_on is not None and opened_on < RECEIVED_ON
    before = stats.for_casefile(casefile, parse_period(f"{opened_on}..{opened_on}"))
    until = stats.for_casefile(casefile, parse_period(f"{opened_on}..{RECEIVED_ON}"))
    assert before["cases"]["opened"] == opened_that_day - received
    assert until["cases"]["opened"] >= 1


def check_cover(casefile: CaseFile, in_cover: bool) -> None:
    """0018: the case in cover stays writable and has its merge base; the cover copy ended
    long ago, refuses writes and is due for erasure. Before 0018 no case is in cover."""
    given = casework.case_cover(casefile, COVERED_CASE)
    copy = casework.case_cover(casefile, COVER_COPY_CASE)
    with casefile.reading_session() as session:
        bases = session.scalar(select(func.count()).select_from(CoverBase))
    if not in_cover:
        assert given is None and copy is None and bases == 0
        return
    assert given is not None and not given.copy and given.name == "Kollegin Beispiel"
    assert bases and bases > 1
    casework.set_case_notes(casefile, COVERED_CASE, "in Vertretung, weiter bearbeitet")
    assert copy is not None and copy.copy and copy.ended()
    with pytest.raises(RestrictedError):
        casework.set_case_notes(casefile, COVER_COPY_CASE, "später")
    due = casework.list_retention(casefile, copy.until + dt.timedelta(days=1), 3).due
    assert COVER_COPY_CASE in {item.id for item in due if item.reason == "cover_ended"}
    # A cover copy is the owner's case: never counted here (figures/holder.py).
    with casefile.reading_session() as session:
        opened_on = session.scalar(select(Case.opened_on).where(Case.id == COVER_COPY_CASE))
        opened_that_day = session.scalar(
            select(func.count())
            .select_from(Case)
            .where(Case.track == "case_management", Case.opened_on == opened_on)
        )
    figures = stats.for_casefile(casefile, parse_period(f"{opened_on}..{opened_on}"))
    assert figures["cases"]["opened"] == opened_that_day - 1


def check_steps(casefile: CaseFile, with_steps: bool) -> None:
    """0019: the goal's agreed steps in their order, the first done; the goal agreement data
    carries them. Before 0019 no goal has steps, and a new one can be added (in a case that
    is not read-only)."""
    steps = casework.list_steps(casefile, GOAL_WITH_STEPS)
    if not with_steps:
        assert steps == ()
        # The upgraded file takes steps (the covered case is writable in every revision).
        goal_id = casework.add_goal(
            casefile, COVERED_CASE, "work", "nach dem Upgrade", dt.date(2024, 6, 1)
        )
        step_id = casework.add_step(casefile, goal_id, "Bewerbung schreiben", "Klientin")
        assert [s.id for s in casework.list_steps(casefile, goal_id)] == [step_id]
        return
    assert [(s.what, s.who, s.due_on) for s in steps] == [
        ("Lebenslauf mit der Klientin schreiben", "Case Management", dt.date(2024, 1, 23)),
        ("Beratungstermin bei der Agentur für Arbeit", "Klientin", dt.date(2024, 2, 15)),
    ]
    assert [s.done_on for s in steps] == [dt.date(2024, 1, 22), None]
    goals = casework.get_case(casefile, COVER_COPY_CASE).goals
    assert next(g for g in goals if g.id == GOAL_WITH_STEPS).steps == steps


@pytest.mark.parametrize("stored_file", FIXTURES, ids=[path.stem for path in FIXTURES])
def test_file_of_every_schema_version_is_upgraded_on_open(
    stored_file: Path, tmp_path: Path
) -> None:
    match = FIXTURE_NAME.fullmatch(stored_file.name)
    assert match
    check_upgrade(stored_file, match["revision"], bool(match["coordinator"]), tmp_path)


def check_upgrade(stored_file: Path, revision: str, coordinator: bool, tmp_path: Path) -> None:
    tmp_path.mkdir(parents=True, exist_ok=True)
    stored = tmp_path / "old.kim"
    shutil.copyfile(stored_file, stored)
    expected = json.loads(stored_file.with_suffix(".export.json").read_text("utf-8"))
    # A file of its own revision: not one upgraded by opening it in place.
    assert stored_revision(stored) == revision
    with CaseFile.open(stored, SCHEMA_FIXTURE_PASSPHRASE) as casefile:
        assert current_revision(casefile) == head_revision()
        assert casefile.role == ("coordinator" if coordinator else "casemanager")
        assert casefile.verify() == []
        with casefile.reading() as conn:
            indexes = {ix["name"] for ix in inspect(conn).get_indexes("cases")}
            differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert "ix_cases_follow_up_on" in indexes  # added by migration 0002
        assert differences == []
        exported = interchange.export_document(casefile)
        if since(PHASE_HISTORY_SINCE, revision) and not coordinator:
            check_phase_history(casefile)
        if since(KEYS_AND_BUNDLES_SINCE, revision):
            if coordinator:
                check_own_keys(casefile, {keys.SIGNING, keys.ENCRYPTION})
                check_received_bundles(casefile)
            else:
                check_own_keys(casefile, {keys.SIGNING})
                check_district_configuration(casefile)
        if since(TEAM_SINCE, revision):
            check_team(casefile, coordinator)
        if not coordinator:
            check_restriction(casefile, since(RESTRICTION_SINCE, revision))
            check_erasure(casefile, since(ERASURE_SINCE, revision))
            check_handover(casefile, since(HANDOVER_SINCE, revision))
            check_received(casefile, since(RECEIVED_SINCE, revision))
            check_cover(casefile, since(COVER_SINCE, revision))
            check_steps(casefile, since(STEPS_SINCE, revision))
    exported.pop("exported_at")
    assert exported == expected
    # Opening again is a no-op for the schema, and for the file.
    upgraded = sha256(stored)
    with CaseFile.open(stored, SCHEMA_FIXTURE_PASSPHRASE) as casefile:
        assert current_revision(casefile) == head_revision()
    assert sha256(stored) == upgraded


@pytest.mark.slow
def test_fixture_tool_makes_files_of_the_head_revision(tmp_path: Path) -> None:
    """What tools/make_schema_fixture.py writes for the next migration passes the same
    checks, so it still works with the code as it is now."""
    out = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, str(TOOL), "--out-dir", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    written = sorted(Path(line).name for line in result.stdout.splitlines())
    assert written == sorted(expected_files(head_revision()))
    for path in sorted(out.glob("*.kim")):
        match = FIXTURE_NAME.fullmatch(path.name)
        assert match
        assert match["revision"] == head_revision()
        check_upgrade(path, match["revision"], bool(match["coordinator"]), tmp_path / path.stem)
    # It never overwrites.
    again = subprocess.run(
        [sys.executable, str(TOOL), "--out-dir", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert again.returncode != 0
    assert "exists already" in again.stderr
