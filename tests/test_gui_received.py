"""Received bundles and coverage in the window, on real encrypted files: the inbox withdraws
a bundle after a confirmation naming period, sender and revision; the district view says
how many bundles and senders its figures rest on, "no data" for a period without bundles and
"–" for a comparison period without any; the statistics view never shows zeros for no data;
the case manager's bundle view names records outside the configured municipalities."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import DEMO_TODAY, PASSPHRASE
from gui_support import settle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from kim_desktop.core import interchange
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.figures import stats as figure_stats
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.interchange.demo import demo_document
from kim_desktop.core.sync import district, inbox, keys, outbox, received
from kim_desktop.gui.views.district import DistrictView
from kim_desktop.gui.views.figures import NO_DATA
from kim_desktop.gui.views.statistics import StatisticsView
from kim_desktop.gui.views.sync.bundle import SyncBundleView
from kim_desktop.gui.views.sync.inbox import BundleInboxView

MUNICIPALITIES = ["Siegburg", "Troisdorf", "Hennef (Sieg)", "Sankt Augustin", "Lohmar"]
PERIOD = "2025-Q3"


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A coordinator file with the 2025-Q3 bundles of two case managers imported (no
    2025-Q2 bundle), and a case manager's file whose configuration lacks Hennef."""
    folder = tmp_path_factory.mktemp("gui-received")
    coordinator = folder / "coordinator.kim"
    config = folder / "rsk.kimdistrict"
    short = folder / "short.kimdistrict"
    with CaseFile.create(
        coordinator, PASSPHRASE, role="coordinator", owner="K", district="Rhein-Sieg-Kreis"
    ) as casefile:
        district.export_config(casefile, config, municipalities=MUNICIPALITIES)
    bundles, fingerprints = [], []
    for seed in (1, 2):
        with CaseFile.create(
            folder / f"cm{seed}.kim", PASSPHRASE, role="casemanager", owner=f"CM {seed}"
        ) as cf:
            interchange.import_document(
                cf, demo_document(seed=seed, clients=40, today=DEMO_TODAY), "demo"
            )
            district.import_config(cf, config)
            out = folder / f"cm{seed}.kimbundle"
            outbox.export_bundle(cf, parse_period(PERIOD), out)
            bundles.append(out)
            fingerprints.append(keys.fingerprint(keys.own_keys(cf).signing_public))
    with CaseFile.open(coordinator, PASSPHRASE) as casefile:
        assert not inbox.import_bundles(casefile, bundles, trust_new_senders=True).rejected
    # Another district's office, whose configuration lacks Hennef (a coordinator keeps the
    # municipalities it ever listed, so it is a file of its own).
    with CaseFile.create(
        folder / "other.kim", PASSPHRASE, role="coordinator", owner="K2", district="Rhein-Sieg"
    ) as casefile:
        district.export_config(
            casefile, short, municipalities=[m for m in MUNICIPALITIES if m != "Hennef (Sieg)"]
        )
    manager = folder / "short.kim"
    with CaseFile.create(manager, PASSPHRASE, role="casemanager", owner="CM 3") as cf:
        interchange.import_document(cf, demo_document(seed=3, clients=30, today=DEMO_TODAY), "d")
        district.import_config(cf, short)
    return {"coordinator": coordinator, "fingerprints": fingerprints, "short": manager}


def private_copy(path: Path, folder: Path) -> Path:
    copy = folder / path.name
    copy.write_bytes(path.read_bytes())
    copy.chmod(0o600)
    return copy


def choose_quarter(view: Any, year: int, quarter: int) -> None:
    view.picker.kind.setCurrentIndex(1)
    view.picker.year.setValue(year)
    view.picker.quarter.setCurrentIndex(quarter - 1)


def test_the_inbox_withdraws_a_bundle_after_confirmation(qtbot, office, tmp_path) -> None:
    casefile = CaseFile.open(private_copy(office["coordinator"], tmp_path), PASSPHRASE)
    view = BundleInboxView()
    qtbot.addWidget(view)
    view.show()
    view.set_casefile(casefile)
    view.refresh()
    assert view.received.rowCount() == 2
    assert not view.withdraw_button.isEnabled()  # nothing selected
    view.received_table.selectRow(0)
    row = view.selected_bundle()
    assert row is not None and row.status == "current"
    assert view.withdraw_button.isEnabled()

    # Declined: nothing changes.
    qtbot.mouseClick(view.withdraw_button, Qt.MouseButton.LeftButton)
    box = view.withdraw_box
    assert box is not None and box.isVisible()
    assert PERIOD in box.text() and row.sender_fingerprint in box.text()
    assert f"revision {row.revision}" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    settle(qtbot)
    assert {r.status for r in received.received(casefile)} == {"current"}

    # Confirmed: withdrawn, still listed, no longer counted.
    view.received_table.selectRow(0)
    qtbot.mouseClick(view.withdraw_button, Qt.MouseButton.LeftButton)
    assert view.withdraw_box is not None
    view.withdraw_box.button(QMessageBox.StandardButton.Yes).click()
    settle(qtbot)
    statuses = {r.bundle_id: r.status for r in received.received(casefile)}
    assert statuses[row.bundle_id] == "withdrawn"
    assert view.received.rowCount() == 2
    shown = [view.received.data(view.received.index(i, 5)) for i in range(2)]
    assert any(text.startswith("withdrawn") for text in shown)
    assert "withdrawn" in view.status.text()
    coverage = figure_stats.for_casefile(casefile, parse_period(PERIOD))["coverage"]
    assert coverage == {"bundles": 1, "senders": 1}
    withdrawn_index = next(
        i for i in range(2) if view.received.row_at(i).bundle_id == row.bundle_id
    )
    view.received_table.selectRow(withdrawn_index)
    assert not view.withdraw_button.isEnabled()  # only a current bundle can be withdrawn
    view.set_casefile(None)
    casefile.close()


def test_the_district_view_shows_coverage_no_data_and_dashes(qtbot, office) -> None:
    casefile = CaseFile.open(office["coordinator"], PASSPHRASE)
    view = DistrictView()
    qtbot.addWidget(view)
    view.set_casefile(casefile)
    choose_quarter(view, 2025, 3)
    view.refresh()
    settle(qtbot)
    assert "Figures from 2 bundles of 2 senders." in view.status.text()
    assert "No bundles for Q2 2025" in view.status.text()
    model = view.models["key_figures"]
    assert model.rowCount() > 0
    for index, row in enumerate(model.rows):
        assert row.values[1] is NO_DATA
        assert model.text(index, 2) == "–"  # the comparison: no data, never 0
        assert model.text(index, 3) == ""  # no change against nothing

    choose_quarter(view, 2025, 2)  # no bundle at all
    settle(qtbot)
    assert "no data" in view.status.text()
    assert all(m.rowCount() == 0 for m in view.models.values())
    view.set_casefile(None)
    casefile.close()


def test_the_statistics_view_shows_no_zeros_for_no_data(qtbot, office) -> None:
    casefile = CaseFile.open(office["coordinator"], PASSPHRASE)
    view = StatisticsView()
    qtbot.addWidget(view)
    view.set_casefile(casefile)
    choose_quarter(view, 2025, 3)
    view.refresh()
    settle(qtbot)
    assert "Figures from 2 bundles of 2 senders." in view.status.text()
    assert any(label.text() not in ("–", "0") for label in view.key_labels.values())
    choose_quarter(view, 2025, 1)
    view.refresh()
    settle(qtbot)
    assert "no data" in view.status.text()
    assert {label.text() for label in view.key_labels.values()} == {"–"}
    assert all(model.rowCount() == 0 for model in view.tables.values())
    view.set_casefile(None)
    casefile.close()


def test_the_bundle_view_names_records_outside_the_configuration(qtbot, office, tmp_path) -> None:
    casefile = CaseFile.open(private_copy(office["short"], tmp_path), PASSPHRASE)
    view = SyncBundleView()
    qtbot.addWidget(view)
    view.set_casefile(casefile)
    view.refresh()
    view.picker.kind.setCurrentIndex(0)
    view.picker.year.setValue(2025)
    view.preview_button.click()
    settle(qtbot)
    text = view.status.text()
    assert "Hennef (Sieg)" in text and "outside" in text and "coordination office" in text
    assert view.payload is None and not view.save_button.isEnabled()
    assert outbox.export_history(casefile) == []
    view.set_casefile(None)
    casefile.close()
