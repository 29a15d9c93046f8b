"""The coordinator's received bundles (``kim bundle list`` / ``withdraw``), the coverage of
district figures ("no data" is never zeros) and the export refusal for records outside the
district configuration (DESIGN §6 coverage, §7 trust boundary and "nothing vanishes
silently", §8) — on real encrypted files and real bundles."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import PASSPHRASE, run_kim
from pypdf import PdfReader
from sqlalchemy import func, or_, select

from kim_desktop.core import casework, interchange
from kim_desktop.core.casefile.models import Appointment, BundleFigure, Case, StructuralGap
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.documents import report_data
from kim_desktop.core.figures import indicators
from kim_desktop.core.figures import stats as figure_stats
from kim_desktop.core.figures.district import NoBundlesError
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.figures.stats_text import coverage_sentence
from kim_desktop.core.interchange.demo import demo_document
from kim_desktop.core.sync import district, inbox, outbox, outside, received

TODAY = dt.date(2025, 12, 31)
MUNICIPALITIES = ["Siegburg", "Troisdorf", "Hennef (Sieg)", "Sankt Augustin", "Lohmar"]
PERIOD = "2025-Q3"
ADDITIVE = ["appointments.total", "cases.opened", "referrals.total", "structural_gaps.reported"]


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A coordinator file and two case managers' files; each manager's bundles of 2025-Q3
    (revisions 1 and 2) and 2025-Q2."""
    folder = tmp_path_factory.mktemp("received")
    coordinator = folder / "coordinator.kim"
    with CaseFile.create(
        coordinator,
        PASSPHRASE,
        role="coordinator",
        owner="Koordination",
        district="Rhein-Sieg-Kreis",
    ) as casefile:
        district.export_config(casefile, folder / "rsk.kimdistrict", MUNICIPALITIES)
    managers, bundles = [], {}
    for seed in (1, 2):
        path = folder / f"cm{seed}.kim"
        with CaseFile.create(path, PASSPHRASE, role="casemanager", owner=f"CM {seed}") as cf:
            interchange.import_document(
                cf, demo_document(seed=seed, clients=40, today=TODAY), "demo"
            )
            district.import_config(cf, folder / "rsk.kimdistrict")
            for name, period in (("q3r1", PERIOD), ("q3r2", PERIOD), ("q2", "2025-Q2")):
                out = folder / f"cm{seed}-{name}.kimbundle"
                outbox.export_bundle(cf, parse_period(period), out)
                bundles[f"cm{seed}-{name}"] = out
        managers.append(path)
    return {"folder": folder, "coordinator": coordinator, "managers": managers, **bundles}


def fresh(office: dict[str, Any], folder: Path) -> Path:
    copy = folder / "coordinator.kim"
    copy.write_bytes(office["coordinator"].read_bytes())
    copy.chmod(0o600)
    return copy


def listed(path: Path, *args: str) -> list[dict[str, Any]]:
    result = run_kim("bundle", "list", path, "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document) == {"bundles"}
    return list(document["bundles"])


def test_list_and_withdraw_on_the_command_line(office, tmp_path) -> None:
    path = fresh(office, tmp_path)
    first = [office["cm1-q3r1"], office["cm2-q3r1"], office["cm1-q2"], office["cm2-q2"]]
    done = run_kim("bundle", "import", path, *first, "--trust-new-senders")
    assert done.returncode == 0, done.stderr
    rows = listed(path)
    assert len(rows) == 4
    assert set(rows[0]) == {
        "bundle_id",
        "sender_key_id",
        "sender_fingerprint",
        "sender_name",
        "kind",
        "district",
        "period",
        "revision",
        "status",
        "created",
        "imported",
        "withdrawn",
    }
    assert {r["status"] for r in rows} == {"current"} and {r["kind"] for r in rows} == {
        "casemanager"
    }
    q3 = listed(path, "--period", PERIOD)
    assert len(q3) == 2 and {r["period"] for r in q3} == {PERIOD}
    table = run_kim("bundle", "list", path)
    assert table.returncode == 0 and len(table.stdout.splitlines()) == 4
    assert q3[0]["bundle_id"] in table.stdout and q3[0]["sender_fingerprint"] in table.stdout

    with CaseFile.open(path, PASSPHRASE) as casefile:
        before = figure_stats.for_casefile(casefile, parse_period(PERIOD))
        gaps_before = inbox.collected_gaps(casefile, parse_period(PERIOD))
    assert before["coverage"] == {"bundles": 2, "senders": 2}

    # Withdraw the first manager's Q3 bundle: it no longer counts, its row stays.
    target = next(r for r in q3 if r["bundle_id"] in _ids(office["cm1-q3r1"]))
    done = run_kim("bundle", "withdraw", path, target["bundle_id"])
    assert done.returncode == 0, done.stderr
    assert "withdrawn" in done.stdout and target["sender_fingerprint"] in done.stdout
    after_rows = {r["bundle_id"]: r for r in listed(path, "--period", PERIOD)}
    assert after_rows[target["bundle_id"]]["status"] == "withdrawn"
    assert after_rows[target["bundle_id"]]["withdrawn"]
    assert "withdrawn" in run_kim("bundle", "list", path).stdout
    with CaseFile.open(path, PASSPHRASE) as casefile:
        after = figure_stats.for_casefile(casefile, parse_period(PERIOD))
        gaps_after = inbox.collected_gaps(casefile, parse_period(PERIOD))
        with casefile.reading_session() as session:
            kept = session.scalar(
                select(func.count())
                .select_from(BundleFigure)
                .where(BundleFigure.bundle_id == target["bundle_id"])
            )
        with casefile.reading() as conn:
            audited = conn.exec_driver_sql(
                "SELECT count(*) FROM audit_log WHERE entity = 'received_bundles' "
                "AND action = 'update' AND record_id = ?",
                (target["bundle_id"],),
            ).scalar()
    assert kept == 0 and audited == 1
    assert after["coverage"] == {"bundles": 1, "senders": 1}
    with CaseFile.open(office["managers"][1], PASSPHRASE) as manager:
        own = indicators.flatten(figure_stats.for_casefile(manager, parse_period(PERIOD)))
    flat = indicators.flatten(after)
    for key in ADDITIVE:
        assert flat[key] == own[key], key
    assert len(gaps_after) == own["structural_gaps.reported"] <= len(gaps_before)

    # Again: nothing changes. An unknown id: exit 4 naming it. A superseded one: refused.
    again = run_kim("bundle", "withdraw", path, target["bundle_id"])
    assert again.returncode == 0 and "before" in again.stdout
    unknown = run_kim("bundle", "withdraw", path, "no-such-bundle")
    assert unknown.returncode == 4
    assert unknown.stderr.count("\n") == 1 and "no-such-bundle" in unknown.stderr

    # The withdrawn bundle's own bytes stay withdrawn; the sender's next revision counts.
    replay = run_kim("bundle", "import", path, office["cm1-q3r1"])
    assert replay.returncode == 0 and "stays withdrawn" in replay.stdout
    assert _status(path, target["bundle_id"]) == "withdrawn"
    newer = run_kim("bundle", "import", path, office["cm1-q3r2"])
    assert newer.returncode == 0, newer.stderr
    with CaseFile.open(path, PASSPHRASE) as casefile:
        assert figure_stats.for_casefile(casefile, parse_period(PERIOD))["coverage"] == {
            "bundles": 2,
            "senders": 2,
        }
    # The second manager's revision 2 supersedes revision 1, which cannot be withdrawn.
    assert run_kim("bundle", "import", path, office["cm2-q3r2"]).returncode == 0
    superseded = next(
        r for r in listed(path, "--period", PERIOD) if r["bundle_id"] in _ids(office["cm2-q3r1"])
    )
    assert superseded["status"] == "superseded"
    refused = run_kim("bundle", "withdraw", path, superseded["bundle_id"])
    assert refused.returncode == 4 and "superseded" in refused.stderr
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr


def test_a_replayed_older_revision_stays_stale_after_a_withdrawal(office, tmp_path) -> None:
    """Withdrawing revision 2 does not open the door for revision 1 sent afterwards."""
    path = fresh(office, tmp_path)
    with CaseFile.open(path, PASSPHRASE) as casefile:
        report = inbox.import_bundles(casefile, [office["cm1-q3r2"]], trust_new_senders=True)
        assert not report.rejected
        bundle_id = report.outcomes[0].bundle_id
        assert bundle_id is not None
        result = received.withdraw(casefile, bundle_id)
        assert result.changed and result.row.status == "withdrawn"
        stale = inbox.import_bundles(casefile, [office["cm1-q3r1"]])
        assert stale.outcomes[0].status is inbox.Status.REJECTED
        assert "stale" in stale.outcomes[0].message
        with pytest.raises(NoBundlesError):
            figure_stats.for_casefile(casefile, parse_period(PERIOD))


def test_list_and_withdraw_are_for_coordinators(office) -> None:
    manager = office["managers"][0]
    for args in (("list", manager), ("withdraw", manager, "x")):
        result = run_kim("bundle", *args)
        assert result.returncode == 2, result.stderr
        assert result.stderr.count("\n") == 1


def test_no_bundles_is_no_data_and_coverage_is_reported(office, tmp_path) -> None:
    path = fresh(office, tmp_path)
    bundles = [office["cm1-q3r1"], office["cm2-q3r1"], office["cm1-q2"]]
    assert run_kim("bundle", "import", path, *bundles, "--trust-new-senders").returncode == 0

    # A period without any current bundle: exit 4, one line, no zeros; no report either.
    for period in ("2025-Q1", "2025"):
        result = run_kim("stats", path, "--period", period, "--format", "json")
        assert result.returncode == 4, result.stderr
        assert result.stdout == "" and result.stderr.count("\n") == 1
        assert f"No bundles for {period}" in result.stderr
        assert "no data" in result.stderr
    out = tmp_path / "report.pdf"
    report = run_kim("report", path, "--period", "2025-Q1", "--out", out)
    assert report.returncode == 4 and not out.exists()
    assert "no data" in report.stderr

    # Otherwise: the coverage keys, the sentence in the table.
    stats = run_kim("stats", path, "--period", PERIOD, "--format", "json")
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["coverage"] == {"bundles": 2, "senders": 2}
    table = run_kim("stats", path, "--period", PERIOD)
    assert "Zahlen aus 2 Bündeln von 2 Absender:innen." in table.stdout
    q2 = run_kim("stats", path, "--period", "2025-Q2", "--format", "json")
    assert json.loads(q2.stdout)["coverage"] == {"bundles": 1, "senders": 1}
    assert (
        coverage_sentence({"bundles": 1, "senders": 1}) == "Zahlen aus 1 Bündel von 1 Absender:in."
    )
    assert (
        coverage_sentence({"bundles": 12, "senders": 7, "enrolled": 9, "enrolled_senders": 7})
        == "Zahlen aus 12 Bündeln von 7 der 9 eingetragenen Teammitglieder."
    )
    assert coverage_sentence(
        {"bundles": 12, "senders": 8, "enrolled": 9, "enrolled_senders": 7}
    ) == (
        "Zahlen aus 12 Bündeln von 7 der 9 eingetragenen Teammitglieder "
        "und 1 Absender:in außerhalb des Teams."
    )

    # The state bundle does not carry the coverage (it is no figure of a municipality).
    with CaseFile.open(path, PASSPHRASE) as casefile:
        payload = outbox.build_district_payload(casefile, parse_period(PERIOD), 3)
    assert all("coverage" not in figures for figures in payload["municipalities"].values())


def test_the_report_names_its_coverage_and_shows_a_missing_comparison_as_dashes(
    office, tmp_path
) -> None:
    path = fresh(office, tmp_path)
    with CaseFile.open(path, PASSPHRASE) as casefile:
        report = inbox.import_bundles(
            casefile, [office["cm1-q3r1"], office["cm2-q3r1"]], trust_new_senders=True
        )
        assert not report.rejected
        data = report_data.gather(casefile, parse_period(PERIOD), dt.date(2026, 1, 5))
    assert data.figures["coverage"] == {"bundles": 2, "senders": 2}
    assert data.previous["appointments"]["total"] is None  # 2025-Q2: no bundle, not 0
    assert all(s.previous["cases"]["opened"] is None for s in data.municipalities)
    out = tmp_path / "report.pdf"
    assert run_kim("report", path, "--period", PERIOD, "--out", out).returncode == 0
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    first = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert "Zahlen aus 2 Bündeln von 2 Absender:innen." in first
    assert "Keine Bündel für diesen Zeitraum" in first


def test_export_refuses_records_outside_the_configured_municipalities(tmp_path) -> None:
    office = tmp_path / "office.kim"
    config = tmp_path / "rsk.kimdistrict"
    listed_names = [m for m in MUNICIPALITIES if m != "Hennef (Sieg)"]
    with CaseFile.create(
        office, PASSPHRASE, role="coordinator", owner="K", district="Rhein-Sieg-Kreis"
    ) as casefile:
        district.export_config(casefile, config, listed_names)
    path = tmp_path / "cm.kim"
    period = parse_period("2025")
    with CaseFile.create(path, PASSPHRASE, role="casemanager", owner="CM") as casefile:
        interchange.import_document(casefile, demo_document(seed=4, clients=40, today=TODAY), "")
        district.import_config(casefile, config)
        with casefile.reading_session() as session:
            appointments = session.scalar(
                select(func.count())
                .select_from(Appointment)
                .where(
                    Appointment.municipality == "Hennef (Sieg)",
                    Appointment.date.between(period.start, period.end),
                )
            )
            cases = session.scalar(
                select(func.count())
                .select_from(Case)
                .where(
                    Case.municipality == "Hennef (Sieg)",
                    Case.opened_on <= period.end,
                    or_(Case.closed_on.is_(None), Case.closed_on >= period.start),
                )
            )
            gaps = session.scalar(
                select(func.count())
                .select_from(StructuralGap)
                .where(
                    StructuralGap.municipality == "Hennef (Sieg)",
                    StructuralGap.status == "reported",
                    StructuralGap.reported_on.between(period.start, period.end),
                )
            )
        assert appointments and cases
        with pytest.raises(outside.OutsideDistrictError) as refused:
            outbox.preview(casefile, period)
        (place,) = refused.value.outside
        assert (place.municipality, place.appointments, place.cases, place.structural_gaps) == (
            "Hennef (Sieg)",
            appointments,
            cases,
            gaps,
        )
    out = tmp_path / "cm.kimbundle"
    result = run_kim("bundle", "export", path, "--period", "2025", "--out", out)
    assert result.returncode == 4 and not out.exists()
    assert result.stderr.count("\n") == 1
    assert f'"Hennef (Sieg)": {appointments} appointments, {cases} cases' in result.stderr
    assert "coordination office" in result.stderr

    # An appointment without a municipality is named as well; outside the period nothing is.
    with CaseFile.open(path, PASSPHRASE) as casefile:
        casework.add_appointment(
            casefile,
            casework.AppointmentData(
                None,
                None,
                dt.date(2025, 6, 2),
                90,
                "other_work",
                "network_meeting",
                "in_person",
                12,
                themes=("housing",),
            ),
        )
        with pytest.raises(outside.OutsideDistrictError) as refused:
            outbox.preview(casefile, period)
        assert refused.value.outside[-1] == outside.Outside(None, 1)
        assert "without a municipality: 1 appointments" in refused.value.message
        assert "give those appointments their municipality" in refused.value.message
        with casefile.reading() as conn:
            assert outside.outside_district(conn, parse_period("2019"), listed_names) == []


def test_a_file_of_schema_0010_can_withdraw_after_the_upgrade(tmp_path) -> None:
    stored = Path(__file__).parent / "data" / "casefile-schema-0010-coordinator.kim"
    path = tmp_path / "old.kim"
    shutil.copyfile(stored, path)
    path.chmod(0o600)
    with CaseFile.open(path, "schema one test passphrase") as casefile:
        rows = received.received(casefile)
        current = next(r for r in rows if r.status == "current")
        assert current.withdrawn_at is None
        result = received.withdraw(casefile, current.bundle_id)
        assert result.changed
        assert {r.status for r in received.received(casefile)} == {"superseded", "withdrawn"}
        with pytest.raises(NoBundlesError):
            figure_stats.for_casefile(casefile, parse_period(current.period))


def _ids(bundle: Path) -> set[str]:
    from kim_desktop.core.sync.wire import read_header

    header, _prefix = read_header(bundle.read_bytes())
    return {header["bundle_id"]}


def _status(path: Path, bundle_id: str) -> str:
    with CaseFile.open(path, PASSPHRASE) as casefile:
        return next(r.status for r in received.received(casefile) if r.bundle_id == bundle_id)
