"""The recovery key in the window (issue 15): creating it from the File menu's dialog and
"Forgot passphrase?" at unlocking, driven through the real widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PASSPHRASE, sha256
from gui_support import isolated_settings
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from kim_desktop.core.casefile import recovery
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import WrongPassphraseError
from kim_desktop.gui import recovery as gui_recovery
from kim_desktop.gui.recovery import ForgottenPassphraseDialog, RecoveryKeyDialog
from kim_desktop.gui.unlock import StartDialog

NEW = "ein neuer Satz als Passphrase"


def with_key(path: Path) -> recovery.RecoveryKey:
    key = recovery.new_key()
    with CaseFile.open(path, PASSPHRASE) as casefile:
        casefile.install_recovery_key(key.recipient())
    return key


def test_key_dialog_shows_the_key_saves_the_sheet_and_activates_on_confirmation(
    qtbot, demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = tmp_path / "blatt.pdf"
    monkeypatch.setattr(gui_recovery, "ask_pdf_path", lambda *_args: sheet)
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        dialog = RecoveryKeyDialog(casefile)
        qtbot.addWidget(dialog)
        dialog.show()
        shown = dialog.key_label.text()
        assert recovery.parse_key(shown).text == shown
        assert not dialog.activate.isEnabled()
        qtbot.mouseClick(dialog.save_sheet, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: sheet.exists() and dialog.save_sheet.isEnabled(), timeout=10000)
        text = "".join(page.extract_text() for page in PdfReader(sheet).pages)
        assert shown.split("-")[0] in text.replace(" ", "")
        assert not recovery.has_sidecar(demo_file)  # nothing in effect before confirming
        box = dialog.confirmed  # the indicator, at its left
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
        assert dialog.activate.isEnabled()
        qtbot.mouseClick(dialog.activate, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.activated, timeout=10000)
    raw_key, salt = recovery.unlock(demo_file, recovery.parse_key(shown))
    assert salt == demo_file.read_bytes()[:16] and len(raw_key) == 32


def test_cancelling_the_key_dialog_keeps_the_old_key(qtbot, demo_file: Path) -> None:
    old = with_key(demo_file)
    before = recovery.sidecar_path(demo_file).read_bytes()
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        dialog = RecoveryKeyDialog(casefile)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.replacing
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.activated
        assert recovery.sidecar_path(demo_file).read_bytes() == before
    recovery.unlock(demo_file, old)  # still the key in effect


def test_replacing_asks_first(qtbot, demo_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with_key(demo_file)
    asked: list[str] = []

    def answer_no(_parent: object, title: str, _text: str) -> QMessageBox.StandardButton:
        asked.append(title)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer_no)
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        assert gui_recovery.create_recovery_key(None, casefile) is False  # type: ignore[arg-type]
    assert len(asked) == 1


def fill(qtbot, dialog: ForgottenPassphraseDialog, key: str, new: str = NEW) -> None:
    qtbot.keyClicks(dialog.key_field, key)
    qtbot.keyClicks(dialog.passphrase.first, new)
    qtbot.keyClicks(dialog.passphrase.second, new)


def test_forgotten_passphrase_checks_groups_while_typing(qtbot, demo_file: Path) -> None:
    key = with_key(demo_file)
    dialog = ForgottenPassphraseDialog(demo_file, 12)
    qtbot.addWidget(dialog)
    dialog.show()
    groups = key.text.split("-")
    qtbot.keyClicks(dialog.key_field, groups[0].lower() + " ")
    assert "1 of 7" in dialog.key_check.text() or "1 von 7" in dialog.key_check.text()
    wrong = next(
        c
        for c in recovery.ALPHABET
        if recovery.group_states(f"{groups[0]}-{groups[1][:4]}{c}")[1] is False
    )
    qtbot.keyClicks(dialog.key_field, groups[1][:4] + wrong)
    assert "2" in dialog.key_check.text() and dialog.key_check.styleSheet()
    assert not dialog.ok.isEnabled()
    dialog.key_field.clear()
    fill(qtbot, dialog, key.text)
    assert dialog.key_complete() and dialog.ok.isEnabled()


def test_wrong_recovery_key_is_like_a_wrong_passphrase(qtbot, demo_file: Path) -> None:
    with_key(demo_file)
    before = sha256(demo_file), sha256(recovery.sidecar_path(demo_file))
    dialog = ForgottenPassphraseDialog(demo_file, 12)
    qtbot.addWidget(dialog)
    dialog.show()
    fill(qtbot, dialog, recovery.new_key().text)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            "recovery key" in dialog.error.text() or "Wiederherstellungs" in dialog.error.text()
        ),
        timeout=15000,
    )
    assert dialog.casefile is None
    assert (sha256(demo_file), sha256(recovery.sidecar_path(demo_file))) == before


def test_no_sidecar_is_said_at_once(qtbot, demo_file: Path) -> None:
    dialog = ForgottenPassphraseDialog(demo_file, 12)
    qtbot.addWidget(dialog)
    assert "demo.kim.recovery" in dialog.error.text()


def test_forgot_passphrase_from_the_start_dialog_unlocks_with_a_new_one(
    qtbot, demo_file: Path, tmp_path: Path
) -> None:
    key = with_key(demo_file)
    start = StartDialog(isolated_settings(tmp_path))
    qtbot.addWidget(start)
    start.show()
    start.choose(demo_file)
    assert start.panel.forgotten.isEnabled()
    driven: list[ForgottenPassphraseDialog] = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ForgottenPassphraseDialog):
            QTimer.singleShot(50, drive)
            return
        driven.append(dialog)
        fill(qtbot, dialog, key.text.replace("-", " "))
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, drive)
    qtbot.mouseClick(start.panel.forgotten, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: start.casefile is not None, timeout=20000)
    assert driven and driven[0].key_field.text() == ""  # not kept in the widget
    start.casefile.close()
    assert start.casefile.wait_closed(10)
    with CaseFile.open(demo_file, NEW):
        pass
    with pytest.raises(WrongPassphraseError):
        CaseFile.open(demo_file, PASSPHRASE)
    recovery.unlock(demo_file, key)  # the sheet still works after its use
