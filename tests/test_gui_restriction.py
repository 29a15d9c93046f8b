"""Restriction of processing (Art. 18 GDPR) in the window, on real encrypted files, driven with
qtbot: the client panel restricts and lifts with confirmations and shows the state; the
register marks the client; the case window disables what may not change and says why; the
retention view offers restriction instead of erasure; the export says what it left out."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget

from kim_desktop.core import casework as cw
from kim_desktop.core import interchange
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework import restriction as core_restriction
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.main_window import MainWindow
from kim_desktop.gui.views import registry
from kim_desktop.gui.views.case_detail import CaseDetailWidget
from kim_desktop.gui.views.client_panel import ClientPanel
from kim_desktop.gui.views.clients import ClientsView
from kim_desktop.gui.views.restriction import RestrictDialog
from kim_desktop.gui.views.retention import RetentionView
from tests.conftest import PASSPHRASE
from tests.gui_support import isolated_settings, settle
from tests.test_restriction import CANARY, DAY, build


@pytest.fixture
def made(new_casefile: CaseFile) -> tuple[CaseFile, dict[str, str]]:
    return new_casefile, build(new_casefile)


def answer(windows_last, yes: bool) -> list[str]:
    """Answer the next yes/no question; returns (later) the question asked."""
    asked: list[str] = []

    def click() -> None:
        box = windows_last()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            QTimer.singleShot(10, click)
            return
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No).click()

    QTimer.singleShot(0, click)
    return asked


def click(qtbot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_the_client_panel_restricts_shows_and_lifts(qtbot, made) -> None:
    casefile, ids = made
    panel = ClientPanel()
    qtbot.addWidget(panel)
    panel._today = DAY
    panel.show()
    panel.show_client(casefile, ids["anna"])
    assert panel.restrict_button.isVisible() and not panel.lift_button.isVisible()
    assert not panel.restriction_banner.isVisible()
    assert panel.edit_button.isEnabled()

    click(qtbot, panel.restrict_button)
    dialog = panel._windows.last()
    assert isinstance(dialog, RestrictDialog) and dialog.isVisible()
    assert CANARY in dialog.explanation.text()  # it names whom it restricts
    assert "left out of every export" in dialog.explanation.text()
    dialog.reason.setFocus()
    # Down from "accuracy contested" to the third reason (legal claims).
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Down)
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    settle(qtbot)
    found = cw.restriction_of(casefile, ids["anna"])
    assert found == cw.Restriction(ids["anna"], DAY, core_restriction.LEGAL_CLAIMS)

    assert panel.restriction_banner.isVisible()
    assert f"Processing restricted (Art. 18 GDPR) since {date_text(DAY)}" in (
        panel.restriction_banner.text()
    )
    assert "legal claims" in panel.restriction_banner.text()
    for button in (panel.edit_button, panel.new_case_button, panel.record_consent_button):
        assert not button.isEnabled()
        assert "lift the restriction" in button.toolTip()
    assert panel.lift_button.isVisible() and not panel.restrict_button.isVisible()
    # Withdrawing a consent stays possible: it is the person's right.
    panel.consents_table.selectRow(0)
    assert panel.withdraw_button.isEnabled()

    asked = answer(panel._windows.last, yes=False)
    assert panel.lift_restriction() is False
    assert "Art. 18(3)" in asked[0] and CANARY in asked[0]
    assert cw.restriction_of(casefile, ids["anna"]) is not None
    answer(panel._windows.last, yes=True)
    click(qtbot, panel.lift_button)
    settle(qtbot)
    assert cw.restriction_of(casefile, ids["anna"]) is None
    assert not panel.restriction_banner.isVisible()
    assert panel.edit_button.isEnabled() and panel.edit_button.toolTip() == ""


def test_the_register_marks_a_restricted_client(qtbot, made, tmp_path: Path) -> None:
    casefile, ids = made
    cw.restrict_client(casefile, ids["anna"], on=DAY)
    window = MainWindow(casefile, isolated_settings(tmp_path), registry.factories())
    qtbot.addWidget(window)
    window.show()
    view = next(v for v in window.views if isinstance(v, ClientsView))
    window.navigation.setCurrentRow(window.views.index(view))
    settle(qtbot)
    qtbot.keyClicks(view.search, CANARY[:6])
    settle(qtbot)
    (row,) = view.model.rows
    index = view.model.index(0, 0)
    assert view.model.data(index) == f"{row.display_name} (restricted)"
    assert f"since {date_text(DAY)}" in view.model.data(index, Qt.ItemDataRole.ToolTipRole)
    view.focus_results()
    settle(qtbot)
    assert view.panel.restriction_banner.isVisible()

    # The export says what it left out, and keeps saying it.
    summary = interchange.export_file(casefile, tmp_path / "all.json")
    window._exported(summary)
    assert "1 restricted client is left out of the export (Art. 18 GDPR)." in (
        window.statusBar().currentMessage()
    )
    window.close()


def test_the_case_window_shows_a_restricted_case_read_only(qtbot, made) -> None:
    casefile, ids = made
    cw.restrict_client(casefile, ids["anna"], on=DAY)
    widget = CaseDetailWidget(today=DAY)
    qtbot.addWidget(widget)
    widget.show()

    widget.show_case(casefile, ids["alone"])
    assert widget.restriction_banner.isVisible()
    assert "every person of this case" in widget.restriction_banner.text()
    for control in widget._editing_controls():
        assert not control.isEnabled(), control
        assert "Art. 18" in control.toolTip()
    assert widget.notes.isReadOnly()
    widget.members_table.selectRow(0)
    assert widget.access_copy_button.isEnabled()  # the person's own copy still works
    assert "(restricted)" in widget.members_model.data(widget.members_model.index(0, 0))

    widget.show_case(casefile, ids["shared"])
    assert CANARY in widget.restriction_banner.text()
    assert "stays workable" in widget.restriction_banner.text()
    assert not widget.notes.isReadOnly() and widget.phase.isEnabled()
    assert widget.new_assessment_button.isEnabled() and widget.agree_goal_button.isEnabled()
    assert not widget.print_goals_button.isEnabled()  # the agreement would name Anna
    names = [m.client.id for m in widget.members_model.rows]
    widget.members_table.selectRow(names.index(ids["anna"]))
    settle(qtbot)
    assert not widget.edit_client_button.isEnabled()
    assert not widget.record_consent_button.isEnabled()
    assert "lift the restriction" in widget.edit_client_button.toolTip()
    widget.members_table.selectRow(names.index(ids["bert"]))
    settle(qtbot)
    assert widget.edit_client_button.isEnabled() and widget.edit_client_button.toolTip() == ""

    # Lifted: the case that was read-only can be changed again.
    cw.lift_restriction(casefile, ids["anna"])
    widget.show_case(casefile, ids["alone"])
    assert not widget.restriction_banner.isVisible()
    assert widget.phase.isEnabled() and widget.agree_goal_button.isEnabled()
    assert not widget.notes.isReadOnly()
    widget.clear()


def test_the_retention_view_offers_restriction_instead_of_erasure(qtbot, made) -> None:
    casefile, ids = made
    cw.withdraw_consent(casefile, ids["anna_doc"], DAY)
    view = RetentionView(today=DAY)
    qtbot.addWidget(view)
    view.show()
    view.set_casefile(casefile)
    view.refresh()
    qtbot.waitUntil(lambda: view.due.rowCount() > 0, timeout=5000)
    table = view.tables["due"]
    row = next(r for r in range(view.due.rowCount()) if view.due.row_at(r).id == ids["anna"])
    table.setFocus()
    table.selectRow(row)
    assert view.restrict_button.isEnabled()
    click(qtbot, view.restrict_button)
    dialog = view.findChild(RestrictDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.reason.currentData() == core_restriction.RETENTION_DUTY
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))

    def anna_restricted() -> bool:
        rows = [view.due.row_at(r) for r in range(view.due.rowCount())]
        return any(item.id == ids["anna"] and item.restricted_on for item in rows)

    qtbot.waitUntil(anna_restricted, timeout=5000)
    row = next(r for r in range(view.due.rowCount()) if view.due.row_at(r).id == ids["anna"])
    restricted = cw.restriction_of(casefile, ids["anna"])
    assert restricted is not None and restricted.reason == core_restriction.RETENTION_DUTY
    texts = [view.due.data(view.due.index(row, c)) for c in range(view.due.columnCount())]
    assert f"Restricted since {date_text(DAY)}" in texts
    view.clear()


def test_a_refused_document_is_one_clear_line(qtbot, made) -> None:
    """Core refuses the consent form; the window's sentence says why, in its language."""
    from kim_desktop.core.documents import document_data
    from kim_desktop.core.errors import RestrictedError
    from kim_desktop.gui.messages import describe_error

    casefile, ids = made
    cw.restrict_client(casefile, ids["anna"], on=DAY)
    with pytest.raises(RestrictedError) as refused:
        document_data.consent_data(casefile, ids["anna"], cw.CASE_DOCUMENTATION, [], "en", DAY)
    text = describe_error(refused.value)
    assert "restricted (Art. 18 GDPR)" in text and "own copy (Art. 15)" in text
    assert "\n" not in text and CANARY not in text


def test_the_window_opens_with_the_passphrase(tmp_path: Path) -> None:
    """The file of these tests is an ordinary case file (the fixture's passphrase)."""
    path = tmp_path / "x.kim"
    with CaseFile.create(path, PASSPHRASE, role="casemanager", owner="X") as casefile:
        build(casefile)
    with CaseFile.open(path, PASSPHRASE) as casefile:
        assert cw.restricted_count(casefile) == 0
