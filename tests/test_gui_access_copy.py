"""The Art. 15 copy in the window after issue 14: the review dialog lists each free-text
passage unticked (Art. 15(4)) and says that the copy is plain personal data before the file
dialog opens; what is not released never reaches the PDF or JSON bytes; controller and DPO
come from the district configuration. The interchange export warns the same way."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PASSPHRASE
from gui_support import isolated_settings, settle
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from test_access_copy_district import CANARY, CONTROLLER, DPO, canary_document, configured

from kim_desktop.core import casework, interchange
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.gui import main_window as main_window_module
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.main_window import MainWindow
from kim_desktop.gui.views import registry
from kim_desktop.gui.views.case_detail import CaseDetailWidget
from kim_desktop.gui.views.case_detail.access_copy_dialog import AccessCopyReviewDialog


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def casefile(tmp_path: Path) -> Iterator[CaseFile]:
    casefile = CaseFile.create(tmp_path / "file.kim", PASSPHRASE, role="casemanager", owner="E")
    interchange.import_document(casefile, canary_document(), "household.json")
    configured(tmp_path, casefile, controller=CONTROLLER, dpo=DPO)
    yield casefile
    casefile.close()


@pytest.fixture
def widget(qtbot, casefile: CaseFile) -> Iterator[CaseDetailWidget]:
    shown = CaseDetailWidget()
    qtbot.addWidget(shown)
    shown.resize(900, 700)
    shown.show()
    shown.show_case(casefile, "household")
    yield shown
    shown.clear()


def open_review(qtbot, widget: CaseDetailWidget) -> AccessCopyReviewDialog:
    for row in range(widget.members_model.rowCount()):
        widget.members_table.setCurrentIndex(widget.members_model.index(row, 0))
        member = widget.selected_member()
        if member is not None and member.client.id == "subject":
            break
    qtbot.mouseClick(widget.access_copy_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    dialog = widget.access_copy_dialog()
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_review_withholds_by_default_and_warns_before_the_file_dialog(
    qtbot, widget: CaseDetailWidget, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "copy.pdf"
    asked: list[str] = []

    def save_path(title: str, _suggested: str) -> Path:
        asked.append(title)
        return target

    monkeypatch.setattr(widget, "_save_path", save_path)
    dialog = open_review(qtbot, widget)
    assert asked == []  # the warning and the review come before the file dialog
    assert "unencrypted personal data" in dialog.warning.text()
    assert dialog.warning.isVisible()
    texts = [dialog.model.item(r, 2).text() for r in range(dialog.model.rowCount())]
    assert dialog.model.rowCount() == 5 and any(CANARY in t for t in texts)
    assert dialog.released() == frozenset()  # nothing ticked by default

    # Tick the client's own note with the keyboard, as a user does.
    note_row = texts.index("Bevorzugt Termine am Vormittag.")
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(note_row, 0))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert dialog.released() == frozenset({"clients/subject/notes"})
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    settle(qtbot)

    assert asked and target.exists()
    copy_json = tmp_path / "copy.json"
    for out in (target, copy_json):
        assert CANARY.encode("utf-8") not in out.read_bytes(), out
    text = pdf_text(target)
    assert CANARY not in text and "Bevorzugt Termine am Vormittag." in text
    assert "Passage zurückgehalten" in text
    assert "Der Landrat" in text and "datenschutz@example.org" in text
    assert "Siegburg, Kommunales Integrationsmanagement" not in text
    document = json.loads(copy_json.read_text("utf-8"))
    assert document["clients"][0]["notes"] == "Bevorzugt Termine am Vormittag."
    assert "4 free-text passage(s) withheld" in widget.message.text()


def test_release_all_prints_the_free_text(
    qtbot, widget: CaseDetailWidget, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "all.pdf"
    monkeypatch.setattr(widget, "_save_path", lambda _title, _suggested: target)
    dialog = open_review(qtbot, widget)
    qtbot.mouseClick(dialog.release_all_button, Qt.MouseButton.LeftButton)
    assert len(dialog.released()) == 5
    qtbot.mouseClick(dialog.release_none_button, Qt.MouseButton.LeftButton)
    assert dialog.released() == frozenset()
    qtbot.mouseClick(dialog.release_all_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    settle(qtbot)
    assert CANARY in pdf_text(target)
    assert "withheld" not in widget.message.text()


def test_cancelling_the_review_writes_nothing(
    qtbot, widget: CaseDetailWidget, tmp_path: Path, monkeypatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(widget, "_save_path", lambda title, _s: asked.append(title))
    dialog = open_review(qtbot, widget)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    settle(qtbot)
    assert asked == [] and list(tmp_path.glob("*.pdf")) == []
    assert widget.access_copy_dialog() is None


def test_export_everything_warns_before_the_file_dialog(
    qtbot, casefile: CaseFile, tmp_path: Path, monkeypatch
) -> None:
    chosen: list[str] = []

    def no_file(*_args: object, **_kwargs: object) -> tuple[str, str]:
        chosen.append("asked")
        return "", ""

    monkeypatch.setattr(main_window_module.QFileDialog, "getSaveFileName", no_file)
    window = MainWindow(casefile, isolated_settings(tmp_path), registry.factories(casefile.role))
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    questions: list[str] = []

    def answer(yes: bool) -> None:
        def click() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                QTimer.singleShot(10, click)
                return
            questions.append(box.text())
            button = QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No
            box.button(button).click()

        QTimer.singleShot(0, click)

    answer(False)
    window.export_json()
    assert len(questions) == 1 and "unencrypted" in questions[0]
    assert chosen == []  # declined: no file dialog
    answer(True)
    window.export_json()
    assert len(questions) == 2 and chosen == ["asked"]
    window.casefile = None  # the fixture closes the file


def test_steps_are_reviewed_with_readable_labels_and_only_the_ticked_one_printed(
    qtbot, casefile: CaseFile, tmp_path: Path, monkeypatch
) -> None:
    who = "Fliederwanzinger"
    casework.add_step(
        casefile, "g1", "Wohnungsangebote prüfen", f"Frau {who} (Tafel)", dt.date(2025, 3, 14)
    )
    shown = CaseDetailWidget()
    qtbot.addWidget(shown)
    shown.resize(900, 700)
    shown.show()
    shown.show_case(casefile, "household")
    target = tmp_path / "steps.pdf"
    monkeypatch.setattr(shown, "_save_path", lambda _title, _suggested: target)
    dialog = open_review(qtbot, shown)
    places = [dialog.model.item(r, 1).text() for r in range(dialog.model.rowCount())]
    goal = f"Wohnung gemeinsam mit {CANARY} finden"  # the case manager's own view
    due = date_text(dt.date(2025, 3, 14))  # in the window's date format
    what_row = places.index(f"Step 1 of the goal “{goal}”: what, due by {due}")
    assert f"Step 1 of the goal “{goal}”: who, due by {due}" in places
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(what_row, 0))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    settle(qtbot)
    assert target.exists()
    for out in (target, tmp_path / "steps.json"):
        assert who.encode("utf-8") not in out.read_bytes(), out
    text = pdf_text(target)
    assert "Wohnungsangebote prüfen" in text and who not in text
    steps = json.loads((tmp_path / "steps.json").read_text("utf-8"))["goal_steps"]
    assert steps[0]["what"] == "Wohnungsangebote prüfen"
    shown.clear()
