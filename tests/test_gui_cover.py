"""Cover in the window (core/sync/cover.py, cover_merge.py), on real encrypted files driven
with qtbot: the owner gives a case in cover from "Hand over case …" with a typed last day,
the substitute imports it and gives it back, the owner's import merges it and the owner
decides the record kept side by side; a copy past its day is shown read-only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from kim_desktop.core import casework
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.sync import cover_merge, handover, handover_import
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.views.case_detail import CaseDetailWidget
from kim_desktop.gui.views.case_detail.cover import ConflictsDialog
from kim_desktop.gui.views.case_detail.handover import HandoverDialog
from kim_desktop.gui.views.sync.bundle import SyncBundleView
from tests import test_handover
from tests.conftest import PASSPHRASE
from tests.gui_support import settle, type_date
from tests.test_gui_case_detail import answer
from tests.test_handover import records

master = test_handover.master  # the module's setup, shared (made once per module)
TODAY = dt.date.today()


@pytest.fixture
def files(master: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    return test_handover.copies(master, tmp_path)


def click(qtbot: Any, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def case_window(qtbot: Any, casefile: CaseFile, case_id: str) -> CaseDetailWidget:
    widget = CaseDetailWidget()
    qtbot.addWidget(widget)
    widget.show()
    widget.show_case(casefile, case_id)
    return widget


def sync_view(qtbot: Any, casefile: CaseFile) -> SyncBundleView:
    view = SyncBundleView()
    qtbot.addWidget(view)
    view.set_casefile(casefile)
    view.refresh()
    return view


def test_cover_from_the_window_back_and_decided(
    qtbot: Any, files: dict[str, Any], tmp_path: Path
) -> None:
    case_id = files["cases"][0]
    until = TODAY + dt.timedelta(days=14)
    out, back = tmp_path / "vertretung.kimhandover", tmp_path / "zurueck.kimhandover"
    owner = CaseFile.open(files["paths"]["sender"], PASSPHRASE)
    substitute = CaseFile.open(files["paths"]["recipient"], PASSPHRASE)
    try:
        widget = case_window(qtbot, owner, case_id)
        widget._handover_path = lambda _suggested: out  # type: ignore[method-assign]
        click(qtbot, widget.handover_button)
        dialog = widget.active_dialog()
        assert isinstance(dialog, HandoverDialog)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not dialog.cover_until.isEnabled()
        click(qtbot, dialog.cover)
        assert dialog.cover_until.isEnabled() and ok.text() == "&Give in cover …"
        click(qtbot, ok)  # no day typed: the dialog stays, nothing written
        assert dialog.isVisible() and dialog.cover_until.has_problem() and not out.exists()
        type_date(qtbot, dialog.cover_until, date_text(TODAY - dt.timedelta(days=1)))
        assert dialog.cover_until.has_problem()  # before today
        type_date(qtbot, dialog.cover_until, date_text(until))
        click(qtbot, ok)
        settle(qtbot)
        assert out.is_file()
        assert widget.cover_banner.isVisible() and not widget.handover_banner.isVisible()
        text = widget.cover_banner.text()
        assert "In cover by Rita Muster until" in text and date_text(until) in text
        assert not widget.handover_button.isVisible() and not widget.give_back_button.isVisible()
        assert widget.close_button.isEnabled() and not widget.notes.isReadOnly()  # writable
        casework.set_case_notes(owner, case_id, "Notiz der Fallführung")

        view = sync_view(qtbot, substitute)
        importer = view.handover_importer
        importer.import_from(out)
        settle(qtbot)
        assert "Cover for Erika Beispiel: 1 case(s) to work on until" in importer.result.text()
        copy_window = case_window(qtbot, substitute, case_id)
        assert "Cover for Erika Beispiel until" in copy_window.cover_banner.text()
        assert copy_window.give_back_button.isVisible() and copy_window.close_button.isEnabled()
        casework.set_case_notes(substitute, case_id, "Notiz der Vertretung")
        copy_window._handover_path = lambda _suggested: back  # type: ignore[method-assign]
        asked = answer(copy_window)
        click(qtbot, copy_window.give_back_button)
        settle(qtbot)
        assert asked and "Erika Beispiel" in asked[0]
        assert back.is_file()
        assert "Given back to Erika Beispiel on" in copy_window.cover_banner.text()
        assert not copy_window.give_back_button.isVisible()
        assert not copy_window.close_button.isEnabled() and copy_window.notes.isReadOnly()

        owner_view = sync_view(qtbot, owner)
        owner_importer = owner_view.handover_importer
        owner_importer.import_from(back)
        settle(qtbot)
        merged = owner_importer.result.text()
        assert "Merged what Rita Muster recorded during the cover into 1 case(s)" in merged
        assert "1 kept side by side" in merged and "Notiz" not in merged
        widget.show_case(owner, case_id)
        assert not widget.cover_banner.isVisible()
        assert widget.differences_banner.isVisible() and widget.differences_button.isVisible()
        click(qtbot, widget.differences_button)
        differences = widget.active_dialog()
        assert isinstance(differences, ConflictsDialog) and differences.isVisible()
        settle(qtbot)  # read off the GUI thread
        assert differences.records.count() == 1
        cells = {
            differences.fields.item(r, 0).text(): (
                differences.fields.item(r, 1).text(),
                differences.fields.item(r, 2).text(),
            )
            for r in range(differences.fields.rowCount())
        }
        assert cells["Notes"] == ("Notiz der Fallführung", "Notiz der Vertretung")
        assert differences.fields.item(0, 0).text() == "Notes"  # what differs comes first
        click(qtbot, differences.take_button)
        settle(qtbot)
        assert differences.records.count() == 0
        assert cover_merge.conflicts(owner) == []
        assert records(owner, [case_id])["cases"][0]["notes"] == "Notiz der Vertretung"
        assert not widget.differences_banner.isVisible()
        differences.reject()
    finally:
        owner.close()
        substitute.close()


def test_a_copy_past_its_day_is_read_only_and_can_be_given_back(
    qtbot: Any, files: dict[str, Any], tmp_path: Path
) -> None:
    then = TODAY - dt.timedelta(days=30)
    until = then + dt.timedelta(days=7)
    out = tmp_path / "alt.kimhandover"
    with CaseFile.open(files["paths"]["sender"], PASSPHRASE) as owner:
        handover.export_handover(
            owner, files["cases"], files["ids"]["recipient"], out, True, then, cover_until=until
        )
    with CaseFile.open(files["paths"]["recipient"], PASSPHRASE) as substitute:
        handover_import.import_handover(substitute, out, today=then)
        widget = case_window(qtbot, substitute, files["cases"][0])
        text = widget.cover_banner.text()
        assert text == f"Cover ended on {date_text(until)} — please give back to Erika Beispiel."
        assert widget.give_back_button.isVisible() and widget.give_back_button.isEnabled()
        for control in (widget.close_button, widget.phase, widget.new_appointment_button):
            assert not control.isEnabled()
        assert widget.notes.isReadOnly()
        widget.clear()


def test_the_differences_dialog_names_an_agreed_steps_fields(
    qtbot: Any, files: dict[str, Any], tmp_path: Path
) -> None:
    case_id = files["cases"][0]
    out, back = tmp_path / "vertretung.kimhandover", tmp_path / "zurueck.kimhandover"
    agreed = dt.date(2025, 11, 3)
    with CaseFile.open(files["paths"]["sender"], PASSPHRASE) as owner:
        goal = casework.add_goal(owner, case_id, "housing", "Wohnung finden", agreed)
        step = casework.add_step(owner, goal, "Bewerbung abgeben", "Klientin")
        handover.export_handover(
            owner, [case_id], files["ids"]["recipient"], out, True, cover_until=TODAY
        )
        casework.update_step(owner, step, "Bewerbung bei der Tafel abgeben", "Klientin")
    with CaseFile.open(files["paths"]["recipient"], PASSPHRASE) as substitute:
        handover_import.import_handover(substitute, out)
        casework.update_step(substitute, step, "Bewerbung abgeben", "Fallführung", TODAY)
        handover.export_handover(substitute, [case_id], files["ids"]["sender"], back, True)
    with CaseFile.open(files["paths"]["sender"], PASSPHRASE) as owner:
        merged = handover_import.import_handover(owner, back)
        assert merged.merged is not None and merged.merged.side_by_side == {"goal_steps": 1}
        dialog = ConflictsDialog(owner, case_id)
        qtbot.addWidget(dialog)
        dialog.show()
        settle(qtbot)  # read off the GUI thread
        assert dialog.records.count() == 1
        assert dialog.records.item(0).text() == f"Agreed step {step}"
        cells = {
            dialog.fields.item(r, 0).text(): (
                dialog.fields.item(r, 1).text(),
                dialog.fields.item(r, 2).text(),
            )
            for r in range(dialog.fields.rowCount())
        }
        assert cells["Step"] == ("Bewerbung bei der Tafel abgeben", "Bewerbung abgeben")
        assert cells["Who"] == ("Klientin", "Fallführung")
        assert cells["Due on"] == ("", TODAY.isoformat())
        assert cells["Place in the order"] == ("0", "0") and cells["Goal (record id)"][0] == goal
        click(qtbot, dialog.take_button)
        settle(qtbot)
        assert dialog.records.count() == 0
        taken = casework.list_steps(owner, goal)[0]
        assert (taken.what, taken.who, taken.due_on) == ("Bewerbung abgeben", "Fallführung", TODAY)
        dialog.reject()
