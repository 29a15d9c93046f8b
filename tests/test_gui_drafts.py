"""What a case manager typed survives Escape, a lock (Ctrl+L or automatic) and a crash: it is
kept as a draft in the encrypted case file, never anywhere else, and the form comes back
after unlocking over the view it was opened from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import PASSPHRASE
from gui_support import isolated_settings, settle, type_date
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from kim_desktop.core import casework
from kim_desktop.core.casefile import drafts as stored_drafts
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.gui.dialogs import AppointmentDialog, ClientDialog, RecordDialog
from kim_desktop.gui.main_window import MainWindow
from kim_desktop.gui.views import registry
from kim_desktop.gui.views.appointments import AppointmentsView
from kim_desktop.gui.views.case_detail.record_dialogs import GoalStatusDialog

CANARY = "Zyxwvutsrq-Kanarienvogel"


@pytest.fixture
def window(qtbot: Any, demo_file: Path, tmp_path: Path) -> Iterator[MainWindow]:
    casefile = CaseFile.open(demo_file, PASSPHRASE)
    shown = MainWindow(casefile, isolated_settings(tmp_path), registry.factories())
    qtbot.addWidget(shown)
    shown.show()
    settle(qtbot)
    yield shown
    shown.close()


def open_forms() -> list[RecordDialog]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, RecordDialog) and w.isVisible()
    ]


def answer_question(qtbot: Any, button_text: str) -> None:
    """Click the button of the next question box whose text contains ``button_text``."""

    def click() -> None:
        boxes = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()
        ]
        if not boxes:
            QTimer.singleShot(10, click)
            return
        for button in boxes[0].buttons():
            if button_text in button.text().replace("&", ""):
                button.click()
                return
        raise AssertionError(f"no button {button_text!r}")

    QTimer.singleShot(0, click)


def unlock(qtbot: Any, window: MainWindow) -> None:
    qtbot.keyClicks(window.lock_page.panel.passphrase, PASSPHRASE)
    qtbot.keyClick(window.lock_page.panel.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.is_locked, timeout=20000)
    settle(qtbot)


def test_escape_asks_before_throwing_typed_input_away(qtbot, new_casefile: CaseFile) -> None:
    dialog = ClientDialog(new_casefile)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed: closes without asking
    assert not dialog.isVisible()

    dialog = ClientDialog(new_casefile)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.family_name, "Haddad")
    answer_question(qtbot, "Keep editing")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.family_name.text() == "Haddad"
    answer_question(qtbot, "Discard")
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    assert not dialog.isVisible()
    assert casework.find_clients(new_casefile, "Haddad") == []


def test_a_lock_keeps_the_form_in_the_file_and_unlocking_brings_it_back(
    qtbot, window: MainWindow, demo_file: Path, tmp_path: Path
) -> None:
    appointments = next(i for i, v in enumerate(window.views) if isinstance(v, AppointmentsView))
    window.navigation.setCurrentRow(appointments)
    form = ClientDialog(window.casefile, parent=window)
    form.open()
    qtbot.keyClicks(form.family_name, CANARY)
    type_date(qtbot, form.birth_date, "15.3.88")
    form.notes.insertPlainText("Termin beim Ausländeramt")  # (QTest types ASCII only)
    window.navigation.setCurrentRow(0)  # the form was opened over the appointments
    window.lock()
    assert window.is_locked and not form.isVisible()

    # Kept in the encrypted file only: no byte of the canary anywhere in the folders.
    for folder in (demo_file.parent, tmp_path):
        for path in folder.rglob("*"):
            if path.is_file():
                assert CANARY.encode() not in path.read_bytes(), path

    unlock(qtbot, window)
    (restored,) = open_forms()
    assert isinstance(restored, ClientDialog)
    assert restored.family_name.text() == CANARY
    assert restored.birth_date.line.text() == "15.03.1988"
    assert restored.notes.toPlainText() == "Termin beim Ausländeramt"
    assert isinstance(window.views[window.navigation.currentRow()], AppointmentsView)
    answer_question(qtbot, "Keep editing")  # restored input counts as typed: Escape asks
    qtbot.keyClick(restored, Qt.Key.Key_Escape)
    assert restored.isVisible()
    restored.accept()
    assert restored.result_id
    casefile = window.casefile
    assert casefile is not None
    saved = casework.get_client(casefile, restored.result_id)
    assert saved.birth_date == dt.date(1988, 3, 15)
    assert stored_drafts.list_drafts(casefile) == []


def test_ctrl_l_locks_while_a_modal_form_is_open(qtbot, window: MainWindow) -> None:
    casefile = window.casefile
    assert casefile is not None
    case_id = casework.list_cases(casefile, casework.CaseFilter(), limit=1)[0].id
    form = AppointmentDialog(casefile, case_id=case_id, parent=window)

    def type_and_lock() -> None:
        qtbot.keyClicks(form.notes, "Unterlagen mitbringen")
        qtbot.keyClick(form.notes, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    QTimer.singleShot(0, type_and_lock)
    form.exec()  # modal, as the views open their forms
    assert window.is_locked
    unlock(qtbot, window)
    (restored,) = open_forms()
    assert isinstance(restored, AppointmentDialog)
    assert restored.case_id == case_id
    assert restored.notes.toPlainText() == "Unterlagen mitbringen"


def test_input_kept_before_a_crash_comes_back_at_the_next_start(
    qtbot, demo_file: Path, tmp_path: Path
) -> None:
    casefile = CaseFile.open(demo_file, PASSPHRASE)
    first = MainWindow(casefile, isolated_settings(tmp_path), registry.factories())
    qtbot.addWidget(first)
    first.show()
    form = ClientDialog(casefile, parent=first)
    form.open()
    qtbot.keyClicks(form.family_name, "Absturz")
    first.drafts.keep_typed()  # what the timer does every few seconds
    # The program ends here without saving or locking (a crash, a power cut).
    form.hide()
    casefile.close()
    first.hide()

    again = CaseFile.open(demo_file, PASSPHRASE)
    second = MainWindow(again, isolated_settings(tmp_path), registry.factories())
    qtbot.addWidget(second)
    second.show()
    qtbot.waitUntil(lambda: any(isinstance(f, ClientDialog) for f in open_forms()), timeout=5000)
    (restored,) = [f for f in open_forms() if f.parent() is second]
    assert restored.family_name.text() == "Absturz"
    answer_question(qtbot, "Discard")
    restored.reject()
    assert stored_drafts.list_drafts(again) == []
    second.close()


def test_a_form_that_cannot_open_again_shows_its_input_as_text(qtbot, window: MainWindow) -> None:
    casefile = window.casefile
    assert casefile is not None
    case = next(
        casework.get_case(casefile, row.id)
        for row in casework.list_cases(casefile, casework.CaseFilter(), limit=50)
        if casework.get_case(casefile, row.id).goals
    )
    form = GoalStatusDialog(casefile, case.goals[0], dt.date(2025, 6, 1), window)
    form.open()
    form.status.setCurrentIndex((form.status.currentIndex() + 1) % form.status.count())
    window.lock()
    unlock(qtbot, window)
    boxes = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    assert len(boxes) == 1 and boxes[0].detailedText()
    boxes[0].button(QMessageBox.StandardButton.Ok).click()
    assert window.casefile is not None
    assert stored_drafts.list_drafts(window.casefile) == []
