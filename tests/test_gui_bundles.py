"""Sync bundles in the window, on real encrypted files: a coordination office and two case
managers. The case manager previews (suppressed cells marked, gap texts shown), saves and
sees the history; the office imports (trusting unknown senders through the dialog), sees the
district figures and issues the configuration."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import DEMO_TODAY, PASSPHRASE
from gui_support import isolated_settings, settle
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from test_gui_accessibility import unnamed_controls

from kim_desktop.core import casework, interchange
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.figures import indicators
from kim_desktop.core.figures import stats as figure_stats
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.interchange.demo import demo_document
from kim_desktop.core.sync import district, inbox, keys, outbox
from kim_desktop.gui.formatting import number
from kim_desktop.gui.main_window import MainWindow
from kim_desktop.gui.views import registry
from kim_desktop.gui.views.district import DistrictKeysView, DistrictView
from kim_desktop.gui.views.figures import MISSING
from kim_desktop.gui.views.sync.bundle import SyncBundleView
from kim_desktop.gui.views.sync.gaps import CollectedGapsView
from kim_desktop.gui.views.sync.inbox import BundleInboxView

MUNICIPALITIES = ["Siegburg", "Troisdorf", "Hennef (Sieg)", "Sankt Augustin", "Lohmar"]
PERIOD = "2025-Q3"
ADDITIVE = [
    "appointments.total",
    "appointments.case_management",
    "cases.opened",
    "themes.housing",
    "referrals.total",
    "structural_gaps.reported",
]


def copy_of(path: Path, folder: Path) -> Path:
    copy = folder / path.name
    copy.write_bytes(path.read_bytes())
    copy.chmod(0o600)
    return copy


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A coordinator file with its configuration, two case managers' files that imported
    it, and their bundles for 2025-Q3 and 2025-Q2 (made by core)."""
    folder = tmp_path_factory.mktemp("office")
    coordinator = folder / "coordinator.kim"
    config = folder / "rsk.kimdistrict"
    with CaseFile.create(
        coordinator,
        PASSPHRASE,
        role="coordinator",
        owner="Koordination",
        district="Rhein-Sieg-Kreis",
    ) as casefile:
        district.export_config(casefile, config, municipalities=MUNICIPALITIES)
    managers, exported, fingerprints = [], [], []
    for seed in (1, 2):
        path = folder / f"cm{seed}.kim"
        with CaseFile.create(path, PASSPHRASE, role="casemanager", owner=f"CM {seed}") as cf:
            interchange.import_document(
                cf, demo_document(seed=seed, clients=60, today=DEMO_TODAY), "demo"
            )
            district.import_config(cf, config)
            for period in (PERIOD, "2025-Q2"):
                out = folder / f"cm{seed}-{period}.kimbundle"
                outbox.export_bundle(cf, parse_period(period), out)
                exported.append(out)
            fingerprints.append(keys.fingerprint(keys.own_keys(cf).signing_public))
        managers.append(path)
    return {
        "folder": folder,
        "coordinator": coordinator,
        "config": config,
        "managers": managers,
        "bundles": exported,
        "fingerprints": fingerprints,
    }


@pytest.fixture(scope="module")
def filled_coordinator(office: dict[str, Any]) -> Path:
    """The coordinator file with all bundles imported (by core)."""
    path = office["folder"] / "filled" / "coordinator.kim"
    path.parent.mkdir()
    copy_of(office["coordinator"], path.parent)
    with CaseFile.open(path, PASSPHRASE) as casefile:
        report = inbox.import_bundles(casefile, office["bundles"], trust_new_senders=True)
        assert not report.rejected
    return path


def test_registry_gives_the_views_of_the_role() -> None:
    assert registry.factories()[-1] is SyncBundleView
    assert registry.factories("casemanager") == registry.factories()
    assert registry.factories("coordinator") == [
        DistrictView,
        BundleInboxView,
        CollectedGapsView,
        DistrictKeysView,
    ]


def test_case_manager_previews_saves_and_sees_the_history(
    qtbot, office: dict[str, Any], tmp_path: Path
) -> None:
    path = copy_of(office["managers"][0], tmp_path)
    casefile = CaseFile.open(path, PASSPHRASE)
    view = SyncBundleView()
    qtbot.addWidget(view)
    view.set_casefile(casefile)
    view.refresh()
    settings = district.current_settings(casefile)
    assert settings is not None
    assert view.district_value.text() == "Rhein-Sieg-Kreis"
    assert view.coordinator_fingerprint.digits() == settings.fingerprint.replace(" ", "")
    assert view.own_fingerprint.text() == office["fingerprints"][0]
    history_before = len(view.history.rows)
    assert history_before == 2  # the fixture's two exports

    view.picker.kind.setCurrentIndex(0)  # year: more small cells to suppress
    view.picker.year.setValue(2025)
    assert not view.save_button.isEnabled()  # no preview of this period yet
    view.preview_button.click()
    settle(qtbot)
    expected = outbox.preview(casefile, parse_period("2025"))
    assert view.payload == expected and view.preview_label == "2025"
    assert view.save_button.isEnabled()

    # The demographics leave the laptop for the whole area only (docs/bundle-format.md §7):
    # one column, exactly the payload's cells; per municipality every cell is withheld.
    model = view.demographics_model
    headers = [column.header for column in model.columns]
    assert headers[1:] == ["All your municipalities"]
    for row in model.rows:
        _, dimension, code = row.key.split(".", 2)
        assert row.values == (expected["demographics"][dimension].get(code, MISSING),)
    assert all(value is not None for row in model.rows for value in row.values)
    for figures in expected["municipalities"].values():
        for cells in figures["demographics"].values():
            assert all(v is None for c, v in cells.items() if c != "_suppressed") or not any(
                v for c, v in cells.items()
            )
    assert "changed by up to ±2, 1 to 2 persons are shown as 0 or 3" in view.summary.text()
    # The figures table carries every other figure of every municipality.
    figure_keys = {row.key for row in view.figures_model.rows}
    for figures in expected["municipalities"].values():
        flat = indicators.flatten(figures)
        assert {k for k in flat if not k.startswith("demographics.")} <= figure_keys
    total = next(r for r in view.figures_model.rows if r.key == "appointments.total")
    assert list(total.values) == [
        f["appointments"]["total"] for f in expected["municipalities"].values()
    ]
    # The gap texts that would leave.
    assert [g["title"] for g in view.gaps_model.rows] == [
        g["title"] for g in expected["structural_gaps"]
    ]
    assert expected["structural_gaps"] and expected["structural_gaps"][0]["title"] in (
        view.raw.toPlainText()
    )

    # Changing the period takes the preview away; Save needs a new one.
    view.picker.kind.setCurrentIndex(1)
    assert view.payload is None and not view.save_button.isEnabled()
    view.picker.kind.setCurrentIndex(0)
    view.preview_button.click()
    settle(qtbot)
    out = tmp_path / "out.kimbundle"
    view.save_bundle_to(out)
    settle(qtbot)
    assert out.is_file() and view.last_export is not None
    assert view.last_export.period == "2025" and "out.kimbundle" in view.status.text()
    assert len(view.history.rows) == history_before + 1
    newest = view.history.rows[0]
    assert (newest.period, newest.revision, newest.file_name) == ("2025", 1, "out.kimbundle")

    view.set_casefile(None)  # lock: nothing stays on screen
    assert view.payload is None and view.figures_model.rowCount() == 0
    assert view.history.rowCount() == 0 and view.own_fingerprint.text() == ""
    assert view.raw.toPlainText() == "" and view.summary.text() == ""
    casefile.close()


def test_personal_data_blocks_the_export_and_says_where(
    qtbot, office: dict[str, Any], tmp_path: Path
) -> None:
    path = copy_of(office["managers"][1], tmp_path)
    casefile = CaseFile.open(path, PASSPHRASE)
    client = casework.find_clients(casefile, "", limit=1)[0]
    family = casework.get_client(casefile, client.id).family_name
    gap_id = casework.save_gap(
        casefile,
        casework.GapData(
            id=None,
            municipality="Siegburg",
            theme="housing",
            title="Keine Wohnung",
            description=f"Familie {family} findet seit Monaten keine Wohnung.",
        ),
    )
    casework.mark_gap_reported(casefile, gap_id, dt.date(2025, 8, 1))
    view = SyncBundleView()
    qtbot.addWidget(view)
    view.set_casefile(casefile)
    view.refresh()
    view.picker.kind.setCurrentIndex(1)
    view.picker.year.setValue(2025)
    view.picker.quarter.setCurrentIndex(2)
    view.preview_button.click()
    settle(qtbot)
    assert view.payload is None and not view.save_button.isEnabled()
    assert not view.blocked_box.isHidden()
    finding = next(row for row in view.findings if row.gap_id == gap_id)
    assert (finding.gap_title, finding.municipality, finding.field) == (
        "Keine Wohnung",
        "Siegburg",
        "description",
    )
    texts = [view.findings_model.columns[c].text(finding) for c in range(3, 4)]
    assert texts == ["a client's name"]
    assert "“Keine Wohnung”" in view.blocked_text.text()
    # Rewritten without the name, the preview works again (refresh re-runs it).
    casework.save_gap(
        casefile,
        casework.GapData(
            id=gap_id,
            municipality="Siegburg",
            theme="housing",
            title="Keine Wohnung",
            description="Familien finden seit Monaten keine Wohnung.",
            status="reported",
            reported_on=dt.date(2025, 8, 1),
        ),
    )
    view.refresh()
    settle(qtbot)
    assert view.blocked_box.isHidden() and view.payload is not None
    assert "Keine Wohnung" in [g["title"] for g in view.gaps_model.rows]
    casefile.close()


def test_case_manager_imports_the_configuration_after_comparing(
    qtbot, office: dict[str, Any], tmp_path: Path
) -> None:
    with CaseFile.create(
        tmp_path / "new.kim", PASSPHRASE, role="casemanager", owner="Neu"
    ) as casefile:
        view = SyncBundleView()
        qtbot.addWidget(view)
        view.set_casefile(casefile)
        view.refresh()
        assert "No district configuration yet" in view.config_hint.text()
        assert not view.preview_button.isEnabled()
        view.import_config_from(office["config"])
        dialog = view.config_dialog
        assert dialog is not None and dialog.isVisible()
        settings = district.read_config(office["config"])[0]
        expected = keys.fingerprint(keys.unb64(settings["coordinator"]["signing_key"]))
        assert dialog.fingerprint.digits() == expected.replace(" ", "")
        dialog.cancel_button.click()
        assert district.current_settings(casefile) is None
        view.import_config_from(office["config"])
        view.config_dialog.accept_button.click()
        settle(qtbot)  # imported in the background
        current = district.current_settings(casefile)
        assert current is not None and current.fingerprint == expected
        assert view.district_value.text() == "Rhein-Sieg-Kreis"
        assert view.preview_button.isEnabled()
        # A second import (same key) needs no confirmation.
        view.import_config_from(office["config"])
        settle(qtbot)
        assert view.config_dialog is None and "imported" in view.status.text()


def test_a_configuration_of_another_coordinator_is_refused_without_a_question(
    qtbot, office: dict[str, Any], tmp_path: Path
) -> None:
    """core's preview decides: once a key is pinned, another key's file never reaches the
    fingerprint question, and nothing is written."""
    path = copy_of(office["managers"][0], tmp_path)
    with CaseFile.create(
        tmp_path / "other.kim",
        PASSPHRASE,
        role="coordinator",
        owner="X",
        district="Rhein-Sieg-Kreis",
    ) as other:
        district.export_config(other, tmp_path / "other.kimdistrict", ["Siegburg"])
    casefile = CaseFile.open(path, PASSPHRASE)
    view = SyncBundleView()
    qtbot.addWidget(view)
    view.set_casefile(casefile)
    view.refresh()
    before = district.current_settings(casefile)
    view.import_config_from(tmp_path / "other.kimdistrict")
    assert view.config_dialog is None
    assert "not imported" in view.status.text() and "different coordinator" in view.status.text()
    assert district.current_settings(casefile) == before
    view.import_config_from(tmp_path / "missing.kimdistrict")
    assert view.config_dialog is None and "no such file" in view.status.text()
    casefile.close()


def test_inbox_imports_trusting_senders_only_when_confirmed(
    qtbot, office: dict[str, Any], tmp_path: Path
) -> None:
    casefile = CaseFile.open(copy_of(office["coordinator"], tmp_path), PASSPHRASE)
    view = BundleInboxView()
    qtbot.addWidget(view)
    view.show()
    view.set_casefile(casefile)
    view.refresh()
    q3 = [p for p in office["bundles"] if PERIOD in p.name]
    damaged = tmp_path / "damaged.kimbundle"
    data = bytearray(q3[0].read_bytes())
    data[-5] ^= 1
    damaged.write_bytes(bytes(data))
    view.import_paths([*q3, damaged])
    settle(qtbot)
    by_name = {r.name: r for r in view.results}
    assert by_name["damaged.kimbundle"].status == "rejected"
    assert "decryption failed" in by_name["damaged.kimbundle"].message
    assert [by_name[p.name].status for p in q3] == ["untrusted", "untrusted"]
    assert view.received.rowCount() == 0  # nothing written before trust

    # First sender: declined. Second: trusted after comparing the fingerprint.
    first = view.trust_dialog
    assert first is not None and first.isVisible()
    assert first.fingerprint.text().split() == office["fingerprints"][0].split()
    assert q3[0].name in first.details.text()
    first.cancel_button.click()
    settle(qtbot)
    declined = next(r for r in view.results if r.name == q3[0].name)
    assert declined.status == "rejected" and "not trusted" in declined.message
    second = view.trust_dialog
    assert second is not None and second is not first
    assert second.fingerprint.text().split() == office["fingerprints"][1].split()
    second.accept_button.click()
    settle(qtbot)
    results = {r.name: r.status for r in view.results}
    assert results[q3[1].name] == "imported" and results[q3[0].name] == "rejected"
    assert view.received.rowCount() == 1

    # Again, the first one, by drag and drop; this time trusted.
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(q3[0])), QUrl.fromLocalFile(str(tmp_path / "x.txt"))])
    drop = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.dropEvent(drop)
    settle(qtbot)
    view.trust_dialog.accept_button.click()
    settle(qtbot)
    assert view.results[0].name == q3[0].name and view.results[0].status == "imported"
    rows = view.received.rows
    assert {(r.period, r.status) for r in rows} == {(PERIOD, "current")}
    assert len(rows) == 2
    senders = {view.received.columns[1].text(r) for r in rows}
    assert senders == set(office["fingerprints"])

    # Re-import: already there, nothing changed, no question asked.
    view.import_paths([q3[1]])
    settle(qtbot)
    assert view.results[0].status == "duplicate" and view.trust_dialog is None
    assert view.outcomes.columns[1].text(view.results[0]) == "already imported, nothing changed"
    assert view.received.rowCount() == 2

    view.set_casefile(None)
    assert view.outcomes.rowCount() == 0 and view.received.rowCount() == 0
    casefile.close()


def test_cancelling_an_import_keeps_what_was_imported(
    qtbot, office: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kim_desktop.gui.operations import Cancelled
    from kim_desktop.gui.views.sync import inbox as views

    def cancel_after_first(_parent, work, succeeded, failed, **_options):
        calls = []

        def report(done: int, total: int) -> None:
            calls.append(done)
            if len(calls) > 1:
                raise Cancelled

        try:
            succeeded(work(report))
        except Exception as error:  # noqa: BLE001 - as run_operation does
            failed(error)

    casefile = CaseFile.open(copy_of(office["coordinator"], tmp_path), PASSPHRASE)
    view = BundleInboxView()
    qtbot.addWidget(view)
    view.set_casefile(casefile)
    monkeypatch.setattr(views, "run_operation", cancel_after_first)
    first, *rest = [p for p in office["bundles"] if "cm2" in p.name]
    with CaseFile.open(office["managers"][1], PASSPHRASE) as manager:
        inbox.trust_sender(casefile, keys.own_keys(manager).signing_public)
    view.import_paths([first, *rest])
    statuses = {r.name: r.status for r in view.results}
    assert statuses[first.name] == "imported"
    assert all(statuses[p.name] == "cancelled" for p in rest) and rest
    assert view.received.rowCount() == 1
    casefile.close()


def test_district_view_adds_up_the_bundles(qtbot, office: dict[str, Any], filled_coordinator):
    casefile = CaseFile.open(filled_coordinator, PASSPHRASE)
    view = DistrictView()
    qtbot.addWidget(view)
    view.set_casefile(casefile)
    view.picker.kind.setCurrentIndex(1)
    view.picker.year.setValue(2025)
    view.picker.quarter.setCurrentIndex(2)
    view.refresh()
    settle(qtbot)
    period = parse_period(PERIOD)
    expected = indicators.flatten(figure_stats.for_casefile(casefile, period))
    previous = indicators.flatten(figure_stats.for_casefile(casefile, period.previous()))
    assert view.period == period and "2 bundles" in view.status.text()
    model = view.models["key_figures"]
    assert [c.header for c in model.columns] == ["Figure", "Q3 2025", "Q2 2025", "Change"]
    assert len(model.rows) == 17
    for row in model.rows:
        assert row.values == (expected[row.key], previous[row.key]), row.key
    index = next(i for i, r in enumerate(model.rows) if r.key == "appointments.total")
    assert model.text(index, 1) == number(expected["appointments.total"])

    # Additive figures are the sums of the case managers' own figures.
    own = []
    for path in office["managers"]:
        with CaseFile.open(path, PASSPHRASE) as manager:
            own.append(indicators.flatten(figure_stats.for_casefile(manager, period)))
    for key in ADDITIVE:
        assert expected[key] == sum(figures[key] for figures in own), key
    themes = {r.key: r.values[0] for r in view.models["themes"].rows}
    assert themes["themes.housing"] == expected["themes.housing"]

    # Suppressed cells are marked; the persons in them are shown.
    demographics = view.models["demographics"]
    for index, row in enumerate(demographics.rows):
        assert row.values[0] == expected.get(row.key, MISSING)  # a code only the past had
        if row.values[0] is None:
            assert demographics.text(index, 1) == "suppressed"
    assert any(r.key.endswith("._suppressed") for r in demographics.rows)
    assert all(chart.chart().series() for chart in view.charts)

    # One municipality.
    view.municipality.setCurrentIndex(view.municipality.findData("Troisdorf"))
    settle(qtbot)
    troisdorf = figure_stats.for_casefile(casefile, period, "Troisdorf")
    assert view.figures == troisdorf and "Troisdorf" in view.status.text()

    # A period without bundles says so.
    view.picker.year.setValue(2023)
    settle(qtbot)
    assert "No bundles for Q3 2023" in view.status.text()

    view.set_casefile(None)
    assert view.figures is None and view.models["key_figures"].rowCount() == 0
    assert view.municipality.count() == 0
    casefile.close()


def test_collected_gaps_and_the_keys_page(
    qtbot, office: dict[str, Any], filled_coordinator: Path, tmp_path: Path
) -> None:
    casefile = CaseFile.open(copy_of(filled_coordinator, tmp_path), PASSPHRASE)
    gaps = CollectedGapsView()
    qtbot.addWidget(gaps)
    gaps.set_casefile(casefile)
    gaps.refresh()
    assert [g["title"] for g in gaps.model.rows] == [
        g["title"] for g in inbox.collected_gaps(casefile)
    ]
    gaps.period.setCurrentIndex(gaps.period.findData(PERIOD))
    assert len(gaps.model.rows) == len(inbox.collected_gaps(casefile, parse_period(PERIOD)))
    assert gaps.model.rows[0]["title"] in gaps.text.toPlainText()

    page = DistrictKeysView()
    qtbot.addWidget(page)
    page.set_casefile(casefile)
    page.refresh()
    own = keys.own_keys(casefile)
    assert page.signing_fingerprint.text() == keys.fingerprint(own.signing_public)
    assert page.encryption_fingerprint.text() == keys.fingerprint(own.encryption_public)
    assert page.district_value.text() == "Rhein-Sieg-Kreis"
    assert sorted(page.municipalities.toPlainText().splitlines()) == sorted(MUNICIPALITIES)
    page.municipalities.setPlainText("Siegburg, Troisdorf\nNeunkirchen-Seelscheid")
    # The field offers only what the export accepts (k = 2 would be refused).
    assert (page.k.minimum(), page.k.maximum()) == (district.MIN_K, district.MAX_K)
    page.k.setValue(5)
    out = tmp_path / "new.kimdistrict"
    page.export_config_to(out)
    settle(qtbot)
    document = district.read_config(out)[0]
    assert document["k"] == 5 and "Neunkirchen-Seelscheid" in document["municipalities"]
    assert "Lohmar" in document["municipalities"]  # names are never removed
    assert "Lohmar" in page.result.text() and "issue 2" in page.result.text()
    page.export_config_to(out)  # exists: core refuses, the page says why
    settle(qtbot)
    assert "already exists" in page.result.text()
    page.set_casefile(None)
    assert page.signing_fingerprint.text() == "" and page.municipalities.toPlainText() == ""
    casefile.close()


def test_coordinator_window_and_switching_roles_on_the_lock_page(
    qtbot, office: dict[str, Any], filled_coordinator: Path, tmp_path: Path
) -> None:
    casefile = CaseFile.open(copy_of(filled_coordinator, tmp_path), PASSPHRASE)
    window = MainWindow(
        casefile,
        isolated_settings(tmp_path),
        registry.factories(casefile.role),
        factories_for_role=registry.factories,
    )
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert titles == [
        "District view",
        "Bundle inbox",
        "Structural gaps",
        "District configuration & keys",
    ]
    for index in range(len(window.views)):
        window.navigation.setCurrentRow(index)
        settle(qtbot)
    assert unnamed_controls(window) == []

    window.lock()
    manager = copy_of(office["managers"][0], tmp_path)
    window.lock_page.show_for(manager)
    window.lock_page.panel.passphrase.setText(PASSPHRASE)
    window.lock_page.panel.unlock()
    qtbot.waitUntil(lambda: not window.is_locked, timeout=10000)
    settle(qtbot)
    assert window.role == "casemanager"
    assert [type(v) for v in window.views] == registry.factories()
    assert len(window.view_actions) == 8  # with the retention view (issue 14)
    window.navigation.setCurrentRow(7)
    settle(qtbot)
    assert unnamed_controls(window) == []
    window.close()
