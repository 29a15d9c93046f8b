"""Erasure that keeps the statistics (issue 14, DESIGN.md §10) on real encrypted files:
the figures and bundles of ended periods stay the same, the erased persons are in no byte of
the file (decrypted page by page), a backup or an export, and bad input erases nothing."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from sqlalchemy import func, select, text

from kim_desktop.core import casework as cw
from kim_desktop.core import interchange
from kim_desktop.core.casefile.models import (
    Appointment,
    AuditEntry,
    Case,
    Client,
    Draft,
    StatisticalResidue,
)
from kim_desktop.core.casefile.rawfile import derive_key, read_salt
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework import erasure as core_erasure
from kim_desktop.core.errors import RejectedInputError, UnknownRecord, UsageError
from kim_desktop.core.figures import residue, stats
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.interchange.demo import MUNICIPALITIES, demo_document
from kim_desktop.core.sync import district, erasure, outbox
from tests.conftest import PASSPHRASE, in_municipalities, run_kim

DEMO_TODAY = dt.date(2025, 12, 31)
LABELS = [f"{y}-Q{q}" for y in (2023, 2024, 2025) for q in range(1, 5)] + [
    "2023",
    "2024",
    "2025",
]
KIM = (sys.executable, "-m", "kim_desktop")
CANARY_FAMILY = "Zqxvembrandt"
CANARY_GIVEN = "Quillonara"
CANARIES = (
    CANARY_FAMILY,
    CANARY_GIVEN,
    "1987-03-14",
    "+49 2241 5550199",
    "quillonara.zqx@example.org",
    "Krummgasse 77b",
    "CANARY-NOTE-7731",
    "CANARY-APPOINTMENT-8842",
    "CANARY-GOAL-9953",
)


@pytest.fixture(scope="module")
def master(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A case manager's file with a district configuration, the demo records and a planted
    canary client in a case of their own; the coordinator's file beside it."""
    folder = tmp_path_factory.mktemp("erasure")
    coordinator = folder / "coordinator.kim"
    with CaseFile.create(
        coordinator, PASSPHRASE, role="coordinator", owner="Koordination", district="RSK"
    ) as casefile:
        district.export_config(casefile, folder / "rsk.kimdistrict", list(MUNICIPALITIES))
    path = folder / "cm.kim"
    document = in_municipalities(
        demo_document(seed=5, clients=90, today=DEMO_TODAY), list(MUNICIPALITIES)
    )
    with CaseFile.create(path, PASSPHRASE, role="casemanager", owner="CM Erase") as casefile:
        interchange.import_document(casefile, document, "demo")
        district.import_config(casefile, folder / "rsk.kimdistrict")
        canary = cw.create_client(
            casefile,
            cw.ClientData(
                family_name=CANARY_FAMILY,
                given_name=CANARY_GIVEN,
                birth_date=dt.date(1987, 3, 14),
                phone="+49 2241 5550199",
                email="quillonara.zqx@example.org",
                address="Krummgasse 77b",
                notes="CANARY-NOTE-7731",
                gender="female",
                nationality="SY",
            ),
        )
        case_id = cw.open_case(
            casefile, MUNICIPALITIES[0], "case_management", dt.date(2024, 2, 5), canary, []
        )
        for day in (dt.date(2024, 2, 12), dt.date(2024, 5, 6), dt.date(2025, 1, 20)):
            cw.add_appointment(
                casefile,
                cw.AppointmentData(
                    id=None,
                    case_id=case_id,
                    date=day,
                    minutes=45,
                    kind="case_management",
                    channel="in_person",
                    municipality=MUNICIPALITIES[0],
                    themes=("housing",),
                    notes="CANARY-APPOINTMENT-8842",
                ),
            )
        cw.add_goal(casefile, case_id, "housing", "CANARY-GOAL-9953", dt.date(2024, 3, 1))
        cw.close_case(casefile, case_id, dt.date(2025, 2, 3), "goals_achieved")
    return {"folder": folder, "path": path, "canary": canary, "canary_case": case_id}


@pytest.fixture
def cm(master: dict[str, Any], tmp_path: Path) -> Path:
    copy = tmp_path / "cm.kim"
    copy.write_bytes(master["path"].read_bytes())
    copy.chmod(0o600)
    return copy


def all_figures(casefile: CaseFile) -> dict[tuple[str, str | None], Any]:
    """``kim stats`` of every ended year and quarter, whole file and per municipality."""
    return {
        (label, municipality): stats.for_casefile(casefile, parse_period(label), municipality)
        for label in LABELS
        for municipality in (None, *MUNICIPALITIES)
    }


def payloads(casefile: CaseFile) -> dict[str, bytes]:
    """What a bundle re-exported for every ended year and quarter would carry."""
    settings = district.current_settings(casefile)
    assert settings is not None
    return {
        label: outbox.canonical(
            outbox.build_payload(casefile, parse_period(label), settings.k, settings.municipalities)
        )
        for label in LABELS
    }


def decrypted_pages(path: Path, passphrase: str = PASSPHRASE) -> bytes:
    """Every page of a case file decrypted with its key (SQLCipher 4: AES-256-CBC, the IV
    in each page's reserved tail): what someone holding the passphrase could read from it,
    freed pages and the unused space of pages included."""
    key = derive_key(passphrase, read_salt(path))
    data = path.read_bytes()
    page, reserve = 4096, 80
    plain = bytearray()
    for offset in range(0, len(data), page):
        chunk = data[offset : offset + page]
        start = 16 if offset == 0 else 0
        iv = chunk[page - reserve : page - reserve + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        plain += decryptor.update(chunk[start : page - reserve]) + decryptor.finalize()
    # The first page's header decrypts to SQLite's: page size 4096 at offset 16, the fixed
    # payload fractions 64/32/32 at 21..23. Otherwise the key or the layout is wrong.
    assert plain[0:2] == b"\x10\x00" and plain[5:8] == b"\x40\x20\x20", "not decrypted"
    return bytes(plain)


def found_canaries(blob: bytes) -> list[str]:
    return [canary for canary in CANARIES if canary.encode() in blob]


def test_case_erasure_keeps_the_figures_and_bundles_of_ended_periods(cm: Path) -> None:
    with CaseFile.open(cm, PASSPHRASE) as casefile:
        with casefile.reading() as conn:
            # Cases of every kind of ending, in several municipalities and quarters.
            chosen = list(
                conn.scalars(
                    text(
                        "SELECT id FROM cases WHERE track = 'case_management' AND id IN"
                        " (SELECT case_id FROM appointments) ORDER BY closure_reason, opened_on"
                    )
                )
            )[::4][:6]
        assert len(chosen) >= 4
        figures, bundles = all_figures(casefile), payloads(casefile)
        for case_id in chosen:
            plan = erasure.plan_case(casefile, case_id)
            assert plan.counts()["cases"] >= 1
            result = erasure.erase(casefile, plan, today=dt.date(2026, 1, 15))
            assert result.rewritten and result.periods_kept > 0
        after_figures, after_bundles = all_figures(casefile), payloads(casefile)
        with casefile.reading_session() as session:
            gone = session.scalar(select(func.count()).where(Case.id.in_(chosen)))
    assert gone == 0
    assert [key for key in figures if figures[key] != after_figures[key]] == []
    assert json.dumps(after_figures[("2024", None)]) == json.dumps(figures[("2024", None)])
    assert [label for label in bundles if bundles[label] != after_bundles[label]] == []


def test_residue_holds_counts_only(cm: Path, master: dict[str, Any]) -> None:
    with CaseFile.open(cm, PASSPHRASE) as casefile:
        erasure.erase(casefile, erasure.plan_client(casefile, master["canary"]))
        with casefile.reading_session() as session:
            rows = session.scalars(select(StatisticalResidue)).all()
    assert rows
    figure_key = re.compile(r"^[a-z_]+(\.[A-Za-z0-9_+\-]+)+$")
    for row in rows:
        assert re.match(r"^\d{4}(-Q[1-4])?$", row.period)
        assert row.municipality in ("", *MUNICIPALITIES)
        assert figure_key.match(row.key), row.key
        assert isinstance(row.value, int)
        for forbidden in (master["canary"], master["canary_case"], *CANARIES):
            assert forbidden not in row.key
    # No period that had not ended on the day of the erasure.
    assert all(parse_period(row.period).end < dt.date.today() for row in rows)


def test_erased_client_is_in_no_byte_of_the_file_backup_or_export(
    cm: Path, master: dict[str, Any], tmp_path: Path
) -> None:
    assert found_canaries(decrypted_pages(cm))  # the search finds them while they are there
    result = run_kim("erase", cm, "--client", master["canary"], "--yes")
    assert result.returncode == 0, result.stderr
    assert "Erased: 1 case, 1 client, 3 appointments, 1 goal" in result.stdout
    assert CANARY_FAMILY not in result.stdout + result.stderr  # --yes: counts, no names
    assert found_canaries(decrypted_pages(cm)) == []
    assert found_canaries(cm.read_bytes()) == []
    assert not Path(f"{cm}-journal").exists() and not Path(f"{cm}-wal").exists()
    backup = tmp_path / "after.kim"
    assert run_kim("backup", cm, backup).returncode == 0
    assert found_canaries(decrypted_pages(backup)) == []
    export = tmp_path / "after.json"
    assert run_kim("export-json", cm, export).returncode == 0
    assert found_canaries(export.read_bytes()) == []
    bundle = tmp_path / "2024.kimbundle"
    assert run_kim("bundle", "export", cm, "--period", "2024", "--out", bundle).returncode == 0
    with CaseFile.open(cm, PASSPHRASE) as casefile, casefile.reading_session() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.entity == "erasure")).all()
        audit_text = " ".join(
            f"{e.actor} {e.action} {e.entity} {e.record_id}"
            for e in session.scalars(select(AuditEntry))
        )
    assert [(e.actor, e.action, e.record_id) for e in entries] == [("CM Erase", "delete", "client")]
    assert found_canaries(audit_text.encode()) == []


def test_client_in_a_shared_case_goes_alone_and_texts_naming_them_are_emptied(
    cm: Path,
) -> None:
    with CaseFile.open(cm, PASSPHRASE) as casefile:
        with casefile.reading() as conn:
            case_id, member, family = conn.execute(
                text(
                    "SELECT m.case_id, m.client_id, cl.family_name FROM case_members m"
                    " JOIN clients cl ON cl.id = m.client_id WHERE m.role != 'primary'"
                    " AND (SELECT count(*) FROM case_members o WHERE o.client_id = m.client_id)"
                    " = 1 ORDER BY m.case_id LIMIT 1"
                )
            ).one()
        case = cw.get_case(casefile, case_id)
        cw.set_case_notes(casefile, case_id, f"Gespräch mit Frau {family} und dem Sohn.")
        draft_context = {"case_id": case_id}
        with casefile.bookkeeping_transaction() as session:
            session.add(
                Draft(
                    id="draft-about-member",
                    kind="appointment",
                    context=json.dumps(draft_context),
                    input_values=json.dumps({"notes": f"{family} kommt nächste Woche"}),
                    view=None,
                    saved_at="2025-12-01T10:00:00+00:00",
                )
            )
        figures = all_figures(casefile)
        plan = erasure.plan_client(casefile, member)
        assert plan.case_ids == () and plan.client_ids == (member,)
        assert len(plan.passages) == 1 and plan.draft_ids == ("draft-about-member",)
        erasure.erase(casefile, plan)
        after = cw.get_case(casefile, case_id)
        assert all_figures(casefile) == figures
        with casefile.reading_session() as session:
            assert session.get(Client, member) is None
            assert session.get(Draft, "draft-about-member") is None
    assert len(after.members) == len(case.members) - 1
    assert not after.notes


def test_everything_due_goes_with_kim_erase_due(cm: Path, master: dict[str, Any]) -> None:
    # A configuration with one year's retention makes the cases closed before 2025-11-30 due.
    folder = master["folder"]
    with CaseFile.open(folder / "coordinator.kim", PASSPHRASE) as coordinator:
        district.export_config(
            coordinator, folder / "short.kimdistrict", list(MUNICIPALITIES), retention_years=1
        )
    with CaseFile.open(cm, PASSPHRASE) as casefile:
        district.import_config(casefile, folder / "short.kimdistrict")
        figures = all_figures(casefile)
    listed = json.loads(run_kim("retention", cm, "--format", "json").stdout)
    assert listed["due"]
    result = run_kim("erase", cm, "--due", "--yes")
    assert result.returncode == 0, result.stderr
    assert json.loads(run_kim("retention", cm, "--format", "json").stdout)["due"] == []
    with CaseFile.open(cm, PASSPHRASE) as casefile:
        assert all_figures(casefile) == figures
    again = run_kim("erase", cm, "--due", "--yes")
    assert again.returncode == 0 and "Nothing is due for erasure." in again.stdout


def test_bad_input_erases_nothing(cm: Path, master: dict[str, Any], tmp_path: Path) -> None:
    before = decrypted_pages(cm)
    unknown = run_kim("erase", cm, "--case", "no-such-case", "--yes")
    assert unknown.returncode == 4
    assert "no-such-case" in unknown.stderr and "Traceback" not in unknown.stderr
    assert len(unknown.stderr.strip().splitlines()) == 1
    unconfirmed = run_kim("erase", cm, "--client", master["canary"])  # no terminal, no --yes
    assert unconfirmed.returncode == 2 and "--yes" in unconfirmed.stderr
    neither = run_kim("erase", cm, "--yes")
    assert neither.returncode == 2
    assert decrypted_pages(cm) == before
    assert run_kim("erase", cm, "--client", master["canary"], "--yes").returncode == 0
    twice = run_kim("erase", cm, "--client", master["canary"], "--yes")
    assert twice.returncode == 4 and "erased already?" in twice.stderr
    wrong = run_kim("erase", cm, "--due", "--yes", passphrase="not the passphrase at all")
    assert wrong.returncode == 3
    coordinator = tmp_path / "coord.kim"
    coordinator.write_bytes((master["folder"] / "coordinator.kim").read_bytes())
    refused = run_kim("erase", coordinator, "--due", "--yes")
    assert refused.returncode == 2 and "coordinator" in refused.stderr


def test_a_plan_that_no_longer_fits_erases_nothing(cm: Path, master: dict[str, Any]) -> None:
    with CaseFile.open(cm, PASSPHRASE) as casefile:
        plan = erasure.plan_client(casefile, master["canary"])
        # Meanwhile (another window, another program) the case gains an appointment.
        cw.add_appointment(
            casefile,
            cw.AppointmentData(
                id=None,
                case_id=master["canary_case"],
                date=dt.date(2025, 1, 27),
                minutes=30,
                kind="case_management",
                themes=("housing",),
                municipality=MUNICIPALITIES[0],
            ),
        )
        with pytest.raises(RejectedInputError, match="nothing was erased"):
            erasure.erase(casefile, plan)
        with casefile.reading_session() as session:
            assert session.get(Client, master["canary"]) is not None
            assert session.scalar(select(func.count()).select_from(StatisticalResidue)) == 0
        with pytest.raises(UnknownRecord):
            erasure.plan_case(casefile, "no-such-case")
        with pytest.raises(RejectedInputError):
            erasure.erase(
                casefile,
                core_erasure.ErasurePlan("case", (), (), (), 0, 0, 0, 0, 0, None, (), (), (), ()),
            )


def test_coordinator_files_have_nothing_to_erase(master: dict[str, Any]) -> None:
    coordinator = master["folder"] / "coordinator.kim"
    with CaseFile.open(coordinator, PASSPHRASE) as casefile, pytest.raises(UsageError):
        erasure.plan_due(casefile)


def test_kill_during_erasure_leaves_all_or_nothing(master: dict[str, Any], tmp_path: Path) -> None:
    """``kill -9`` while ``kim erase`` writes (its journal exists) and while it rewrites the
    file (its copy exists): the file opens, verifies, and either holds the client with
    everything or nothing of them, with the ended periods' figures either way."""
    with CaseFile.open(master["path"], PASSPHRASE) as casefile:
        figures = all_figures(casefile)
        with casefile.reading_session() as session:
            appointments = session.scalar(select(func.count()).select_from(Appointment))
    outcomes: list[str] = []
    for attempt, (sign, delay) in enumerate(
        (("journal", 0.0), ("journal", 0.03), ("journal", 0.1), ("rewrite", 0.0), ("rewrite", 0.05))
    ):
        folder = tmp_path / str(attempt)
        folder.mkdir()
        path = folder / "cm.kim"
        path.write_bytes(master["path"].read_bytes())
        path.chmod(0o600)
        env = {k: v for k, v in os.environ.items() if not k.startswith("KIM_")}
        env["KIM_PASSPHRASE"] = PASSPHRASE
        process = subprocess.Popen(
            [*KIM, "erase", str(path), "--client", master["canary"], "--yes"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        pattern = "cm.kim-journal" if sign == "journal" else ".cm.kim.rewrite-*.tmp"
        deadline = time.monotonic() + 60
        while (
            not list(folder.glob(pattern))
            and process.poll() is None
            and time.monotonic() < deadline
        ):
            time.sleep(0.002)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        with CaseFile.open(path, PASSPHRASE) as casefile:
            assert casefile.verify() == []
            with casefile.reading_session() as session:
                canary = session.get(Client, master["canary"])
                count = session.scalar(select(func.count()).select_from(Appointment))
                residue_rows = session.scalar(select(func.count()).select_from(StatisticalResidue))
            if canary is not None:
                assert (count, residue_rows) == (appointments, 0)
                outcomes.append(f"{sign}: kept")
            else:
                assert count == appointments - 3 and residue_rows > 0
                outcomes.append(f"{sign}: erased")
            assert all_figures(casefile) == figures
        # Opening removed what a killed rewrite left behind (SQLite keeps a journal that
        # was cut off before its header was written: it is not hot, the next write reuses it).
        assert {p.name for p in folder.iterdir()} <= {"cm.kim", "cm.kim-journal"}
    assert "journal: kept" in outcomes  # killed inside the erasing transaction
    assert "rewrite: erased" in outcomes  # killed while the file was being rewritten


def test_another_writer_makes_the_erasure_wait_then_refuse(
    cm: Path, master: dict[str, Any]
) -> None:
    from kim_desktop.core.casefile.rawfile import connect_raw

    key = derive_key(PASSPHRASE, read_salt(cm))
    holder = connect_raw(cm, key)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = run_kim("erase", cm, "--client", master["canary"], "--yes")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 4, result.stderr
    assert "in use by another program" in result.stderr
    with CaseFile.open(cm, PASSPHRASE) as casefile, casefile.reading_session() as session:
        assert session.get(Client, master["canary"]) is not None


def test_a_full_disk_erases_nothing(cm: Path, master: dict[str, Any]) -> None:
    """The journal cannot be written (a file-size limit stands in for a full disk): the
    erasure fails with one line, and the file still holds everything."""
    import resource

    limit = 8192

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (cm.stat().st_size + limit,) * 2)

    env = {k: v for k, v in os.environ.items() if not k.startswith("KIM_")}
    env["KIM_PASSPHRASE"] = PASSPHRASE
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kim_desktop",
            "erase",
            str(cm),
            "--client",
            master["canary"],
            "--yes",
        ],
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=small_files,
        timeout=120,
    )
    assert result.returncode != 0 and "nothing was written" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    with CaseFile.open(cm, PASSPHRASE) as casefile:
        assert casefile.verify() == []
        with casefile.reading_session() as session:
            assert session.get(Client, master["canary"]) is not None
            assert session.scalar(select(func.count()).select_from(StatisticalResidue)) == 0


def test_ranges_and_running_periods_count_the_remaining_records(
    cm: Path, master: dict[str, Any]
) -> None:
    """Only ended years and quarters keep a residue; a date range counts what remains."""
    with CaseFile.open(cm, PASSPHRASE) as casefile:
        window = parse_period("2024-01-01..2024-12-31")
        before = stats.for_casefile(casefile, window)
        erasure.erase(casefile, erasure.plan_client(casefile, master["canary"]))
        after = stats.for_casefile(casefile, window)
        assert residue.keeps_residue(parse_period("2024")) and not residue.keeps_residue(window)
    assert after["appointments"]["total"] == before["appointments"]["total"] - 2
    assert after["cases"]["opened"] == before["cases"]["opened"] - 1


def test_a_restricted_client_is_not_erased_until_the_restriction_is_lifted(
    cm: Path, master: dict[str, Any]
) -> None:
    """Art. 18: restriction instead of erasure (e.g. the person needs the data for a legal
    claim). Erasing them, or a case that would take them along, is refused; everything due
    leaves them and their cases out and says so."""
    with CaseFile.open(cm, PASSPHRASE) as casefile:
        cw.restrict_client(casefile, master["canary"], "legal_claims")
    for which in (("--client", master["canary"]), ("--case", master["canary_case"])):
        refused = run_kim("erase", cm, *which, "--yes")
        assert refused.returncode == 4, refused.stderr
        assert "restricted (Art. 18" in refused.stderr and CANARY_FAMILY not in refused.stderr
    # A year's retention makes the canary's case (closed 2025-02-03) due.
    folder = master["folder"]
    with CaseFile.open(folder / "coordinator.kim", PASSPHRASE) as coordinator:
        district.export_config(
            coordinator, folder / "one-year.kimdistrict", list(MUNICIPALITIES), retention_years=1
        )
    with CaseFile.open(cm, PASSPHRASE) as casefile:
        district.import_config(casefile, folder / "one-year.kimdistrict")
        plan = erasure.plan_due(casefile)
        assert plan.restricted_left_out == 1
        assert master["canary"] not in plan.client_ids
        assert master["canary_case"] not in plan.case_ids
    due = run_kim("erase", cm, "--due", "--yes")
    assert due.returncode == 0, due.stderr
    assert "1 restricted clients (Art. 18) and their cases are left out" in due.stdout
    with CaseFile.open(cm, PASSPHRASE) as casefile:
        with casefile.reading_session() as session:
            assert session.get(Client, master["canary"]) is not None
        cw.lift_restriction(casefile, master["canary"])
    assert run_kim("erase", cm, "--client", master["canary"], "--yes").returncode == 0


def test_steps_of_a_shared_case_naming_the_erased_client_are_emptied(cm: Path) -> None:
    """The what and who of a goal's agreed steps are scanned like the goal's wording: a step
    naming the erased member keeps its place, its what becomes "[gelöscht]", its who empty."""
    with CaseFile.open(cm, PASSPHRASE) as casefile:
        with casefile.reading() as conn:
            member, given, goal_id = conn.execute(
                text(
                    "SELECT m.client_id, cl.given_name, g.id"
                    " FROM case_members m JOIN clients cl ON cl.id = m.client_id"
                    " JOIN goals g ON g.case_id = m.case_id WHERE m.role != 'primary'"
                    " AND (SELECT count(*) FROM case_members o WHERE o.client_id = m.client_id)"
                    " = 1 ORDER BY m.case_id, g.id LIMIT 1"
                )
            ).one()
        naming_what = cw.add_step(casefile, goal_id, f"{given} meldet sich beim Sportverein an")
        naming_who = cw.add_step(casefile, goal_id, "Antrag abgeben", f"{given} mit Begleitung")
        harmless = cw.add_step(casefile, goal_id, "Unterlagen sortieren", "Case Management")
        plan = erasure.plan_client(casefile, member)
        steps = {(p.record_id, p.column) for p in plan.passages if p.table == "goal_steps"}
        assert steps == {(naming_what, "what"), (naming_who, "who")}
        erasure.erase(casefile, plan)
        after = {s.id: s for s in cw.list_steps(casefile, goal_id)}
    assert (after[naming_what].what, after[naming_what].who) == (core_erasure.ERASED_TEXT, None)
    assert (after[naming_who].what, after[naming_who].who) == ("Antrag abgeben", None)
    assert (after[harmless].what, after[harmless].who) == (
        "Unterlagen sortieren",
        "Case Management",
    )
