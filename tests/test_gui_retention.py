"""The retention view (Aufbewahrung) and the overview's line about what is due (issue 14),
on a real encrypted file, driven with qtbot."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework import retention as core_retention
from kim_desktop.gui.main_window import MainWindow
from kim_desktop.gui.views import registry
from kim_desktop.gui.views.overview import OverviewView
from kim_desktop.gui.views.retention import RetentionView
from tests.conftest import PASSPHRASE
from tests.gui_support import isolated_settings, settle
from tests.test_retention import TODAY, build


@pytest.fixture
def window(qtbot, tmp_path: Path):
    path = tmp_path / "cm.kim"
    ids = build(path)
    window = MainWindow(
        CaseFile.open(path, PASSPHRASE), isolated_settings(tmp_path), registry.factories()
    )
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    yield window, ids
    window.close()


def view_of(window: MainWindow, kind: type) -> tuple[int, object]:
    for index, view in enumerate(window.views):
        if isinstance(view, kind):
            return index, view
    raise AssertionError(kind)


def row_of(table: QTableView, kind: str, record_id: str) -> int:
    model = table.model()
    for row in range(model.rowCount()):
        item = model.row_at(row)  # type: ignore[attr-defined]
        if (item.kind, item.id) == (kind, record_id):
            return row
    raise AssertionError(record_id)


def test_overview_line_leads_to_the_view_which_opens_cases_and_clients(qtbot, window) -> None:
    window, ids = window
    overview_index, overview = view_of(window, OverviewView)
    assert isinstance(overview, OverviewView)
    window.navigation.setCurrentRow(overview_index)
    settle(qtbot)
    assert overview.retention.isVisible()
    due = core_retention.list_retention(window.casefile, TODAY, 3).due
    assert f"{len(due)} entries are due for erasure." in overview.retention.text()
    overview.retention.linkActivated.emit("retention")
    settle(qtbot)
    index, view = view_of(window, RetentionView)
    assert isinstance(view, RetentionView)
    assert window.navigation.currentRow() == index
    assert view.due.rowCount() == len(due)
    assert view.soon.rowCount() == 2  # the case closed a day too late, and its client
    assert "3 years" in view.rule.text()
    assert "figures of years and quarters that have ended stay" in view.erasure_note.text()
    texts = [
        [view.due.data(view.due.index(r, c)) for c in range(view.due.columnCount())]
        for r in range(view.due.rowCount())
    ]
    assert any("Documentation consent withdrawn on" in row[3] for row in texts)
    assert any(row[1] == "Case" and row[2] == "Exact, Amina" for row in texts)
    # Enter on a case opens it in the cases view.
    table = view.tables["due"]
    row = row_of(table, "case", ids["exact_case"])
    table.setFocus()
    table.setCurrentIndex(table.model().index(row, 0))
    with qtbot.waitSignal(view.open_case_requested) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == [ids["exact_case"]]
    settle(qtbot)
    assert type(window.views[window.navigation.currentRow()]).__name__ == "CasesView"
    # A double-click on a client opens the client register.
    window.navigation.setCurrentRow(index)
    settle(qtbot)
    row = row_of(table, "client", ids["withdrawn"])
    table.scrollTo(table.model().index(row, 0))
    rect = table.visualRect(table.model().index(row, 2))
    with qtbot.waitSignal(view.open_client_requested) as opened:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [ids["withdrawn"]]
    settle(qtbot)
    assert type(window.views[window.navigation.currentRow()]).__name__ == "ClientsView"
    # Locked: nothing shown.
    view.set_casefile(None)
    assert view.due.rowCount() == 0 and view.soon.rowCount() == 0


def test_nothing_due_hides_the_line_and_says_so(qtbot, tmp_path: Path) -> None:
    with CaseFile.create(tmp_path / "e.kim", PASSPHRASE, role="casemanager", owner="E") as cf:
        overview = OverviewView(today=TODAY)
        qtbot.addWidget(overview)
        overview.set_casefile(cf)
        overview.refresh()
        assert overview.retention.isHidden()
        view = RetentionView(today=TODAY)
        qtbot.addWidget(view)
        view.set_casefile(cf)
        view.refresh()
        settle(qtbot)
        assert view.status.text() == "Nothing is due for erasure."
        assert view.due.rowCount() == 0
