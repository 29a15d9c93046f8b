"""Handover in the window (core/sync/handover.py), on real encrypted files driven with qtbot:
the case window hands a case over to a colleague chosen from the team (consent question,
save dialog, off the GUI thread) and then shows it read-only with the banner; the sync view
imports the handover in the colleague's file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from kim_desktop.core import casework
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.sync import handover
from kim_desktop.gui.views.case_detail import CaseDetailWidget
from kim_desktop.gui.views.case_detail.handover import HandoverDialog
from kim_desktop.gui.views.sync.bundle import SyncBundleView
from tests import test_handover
from tests.conftest import PASSPHRASE
from tests.gui_support import settle
from tests.test_handover import records

master = test_handover.master  # the module's setup, shared (made once per module)


@pytest.fixture
def files(master: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    return test_handover.copies(master, tmp_path)


def click(qtbot: Any, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_a_case_is_handed_over_from_the_window_and_imported_by_the_colleague(
    qtbot: Any, files: dict[str, Any], tmp_path: Path
) -> None:
    case_id = files["cases"][0]
    out = tmp_path / "aus-dem-fenster.kimhandover"
    sender = CaseFile.open(files["paths"]["sender"], PASSPHRASE)
    recipient = CaseFile.open(files["paths"]["recipient"], PASSPHRASE)
    try:
        before = records(sender, [case_id])
        widget = CaseDetailWidget()
        qtbot.addWidget(widget)
        widget.show()
        widget.show_case(sender, case_id)
        assert widget.handover_button.isVisible() and not widget.handover_banner.isVisible()
        widget._handover_path = lambda _suggested: out  # type: ignore[method-assign]

        click(qtbot, widget.handover_button)
        dialog = widget.active_dialog()
        assert isinstance(dialog, HandoverDialog) and dialog.isVisible()
        names = [dialog.colleague.itemText(i) for i in range(dialog.colleague.count())]
        assert names == ["Rita Muster", "Tom Dritter"]  # not the sender, by name
        rita = dialog.colleagues[0]
        assert rita.fingerprint in dialog.fingerprint.text()
        assert not dialog.confirm.isVisible()  # every person has consented
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok.isEnabled()
        click(qtbot, ok)
        settle(qtbot)
        assert out.is_file()
        assert widget.handover_banner.isVisible()
        assert "Rita Muster" in widget.handover_banner.text()
        assert not widget.handover_button.isVisible()
        for control in (widget.close_button, widget.phase, widget.new_appointment_button):
            assert not control.isEnabled()
        assert widget.notes.isReadOnly()
        assert widget.erase_button.isEnabled()  # it may still be erased
        assert casework.case_handover(sender, case_id) is not None

        view = SyncBundleView()
        qtbot.addWidget(view)
        view.set_casefile(recipient)
        view.refresh()
        importer = view.handover_importer
        assert importer.isVisibleTo(view)
        importer.import_from(out)
        settle(qtbot)
        assert "Imported from Erika Beispiel: 1 case(s)" in importer.result.text()
        assert records(recipient, [case_id]) == before
        importer.import_from(out)
        settle(qtbot)
        assert "imported already" in importer.result.text()
    finally:
        sender.close()
        recipient.close()


def test_missing_consent_must_be_confirmed_in_the_dialog(qtbot: Any, files: dict[str, Any]) -> None:
    with CaseFile.open(files["paths"]["sender"], PASSPHRASE) as sender:
        case_id = next(
            c["id"]
            for c in files["document"]["cases"]
            if handover.plan(sender, [c["id"]], files["ids"]["recipient"]).without_consent
        )
        widget = CaseDetailWidget()
        qtbot.addWidget(widget)
        widget.show()
        widget.show_case(sender, case_id)
        dialog = widget.handover_dialog()
        assert dialog is not None
        dialog.show()
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert dialog.confirm.isVisible() and not ok.isEnabled()
        assert "no consent to documentation" in dialog.warning.text()
        click(qtbot, dialog.confirm)
        assert ok.isEnabled()
        dialog.reject()
        widget.clear()


@pytest.mark.parametrize("role", ["office"])
def test_the_import_button_is_for_case_managers_only(
    qtbot: Any, files: dict[str, Any], role: str
) -> None:
    with CaseFile.open(files["paths"][role], PASSPHRASE) as office:
        view = SyncBundleView()
        qtbot.addWidget(view)
        view.handover_importer.set_casefile(office)
        assert not view.handover_importer.isVisibleTo(view)
