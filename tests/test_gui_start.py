"""Start, unlock, create, lock: driven through the real widgets (pytest-qt, offscreen)."""

from __future__ import annotations

from pathlib import Path

from conftest import PASSPHRASE, sha256
from gui_support import isolated_settings, settle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.gui.main_window import MainWindow
from kim_desktop.gui.unlock import StartDialog
from kim_desktop.gui.views import registry
from kim_desktop.gui.wizard import NewFileWizard


def test_start_dialog_remembers_files_but_not_passphrases(
    qtbot, demo_file: Path, tmp_path: Path
) -> None:
    settings = isolated_settings(tmp_path)
    settings.remember_file(demo_file)
    dialog = StartDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.recent.count() == 1
    assert dialog.panel.path == demo_file.resolve()
    qtbot.keyClicks(dialog.panel.passphrase, PASSPHRASE)
    qtbot.keyClick(dialog.panel.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.casefile is not None, timeout=10000)
    assert dialog.panel.passphrase.text() == ""
    dialog.casefile.close()
    settings.sync()
    stored = (tmp_path / "settings.ini").read_text("utf-8")
    assert PASSPHRASE not in stored and "demo.kim" in stored


def test_wrong_passphrase_in_window_leaves_file_unchanged(
    qtbot, demo_file: Path, tmp_path: Path
) -> None:
    before = sha256(demo_file)
    dialog = StartDialog(isolated_settings(tmp_path))
    qtbot.addWidget(dialog)
    dialog.choose(demo_file)
    qtbot.keyClicks(dialog.panel.passphrase, "not the passphrase at all")
    qtbot.mouseClick(dialog.panel.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            "Wrong passphrase" in dialog.panel.error.text()
            or "Falsche" in dialog.panel.error.text()
        ),
        timeout=10000,
    )
    assert dialog.casefile is None
    assert sha256(demo_file) == before
    assert sorted(
        p.name for p in demo_file.parent.iterdir() if p.suffix == ".kim" or "journal" in p.name
    ) == ["demo.kim"]


def test_wizard_creates_an_encrypted_file(qtbot, tmp_path: Path) -> None:
    wizard = NewFileWizard(isolated_settings(tmp_path))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.owner_page.owner, "Erika Beispiel")
    qtbot.keyClicks(wizard.owner_page.district, "Kreis Wesel")
    wizard.next()
    target = tmp_path / "erika.kim"
    wizard.location_page.path.setText(str(target))
    assert wizard.location_page.isComplete()
    wizard.next()
    page = wizard.passphrase_page
    qtbot.keyClicks(page.first, "short")
    assert (
        not page.isComplete() and "Too short" in page.verdict.text()
    ) or "kurz" in page.verdict.text()
    page.first.clear()
    qtbot.keyClicks(page.first, "Mein Kaffee ist heute kalt 42")
    qtbot.keyClicks(page.second, "Mein Kaffee ist heute kalt 41")
    assert not page.isComplete()
    page.second.clear()
    qtbot.keyClicks(page.second, "Mein Kaffee ist heute kalt 42")
    assert page.isComplete() and page.meter.value() >= 3
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.casefile is not None, timeout=10000)
    wizard.casefile.close()
    with CaseFile.open(target, "Mein Kaffee ist heute kalt 42") as casefile:
        assert casefile.owner == "Erika Beispiel"
        assert casefile.meta["district"] == "Kreis Wesel"
    assert target.stat().st_mode & 0o077 == 0


def test_lock_clears_every_view_and_unlock_restores(qtbot, demo_file: Path, tmp_path: Path) -> None:
    casefile = CaseFile.open(demo_file, PASSPHRASE)
    window = MainWindow(casefile, isolated_settings(tmp_path), registry.factories())
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    window.lock_action.trigger()
    assert window.is_locked
    assert window.pages.currentWidget() is window.lock_page
    for view in window.views:
        assert view.casefile is None
    # The connection is closed: the engine's key is gone.
    assert casefile._key == b""
    qtbot.keyClicks(window.lock_page.panel.passphrase, "wrong wrong wrong wrong")
    qtbot.keyClick(window.lock_page.panel.passphrase, Qt.Key.Key_Return)
    settle(qtbot)
    assert window.is_locked
    qtbot.keyClicks(window.lock_page.panel.passphrase, PASSPHRASE)
    qtbot.keyClick(window.lock_page.panel.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.is_locked, timeout=10000)
    assert all(view.casefile is not None for view in window.views)
    window.close()


def test_idle_time_locks_the_window(qtbot, demo_file: Path, tmp_path: Path) -> None:
    window = MainWindow(
        CaseFile.open(demo_file, PASSPHRASE), isolated_settings(tmp_path), registry.factories()
    )
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    window.idle_timer.setInterval(300)
    window.idle_timer.start()
    with qtbot.waitSignal(window.locked, timeout=5000):
        pass
    assert window.is_locked
    window.close()


def test_lock_closes_open_dialogs(qtbot, demo_file: Path, tmp_path: Path) -> None:
    from kim_desktop.gui.dialogs import ClientDialog

    casefile = CaseFile.open(demo_file, PASSPHRASE)
    window = MainWindow(casefile, isolated_settings(tmp_path), registry.factories())
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    dialog = ClientDialog(casefile, parent=window)
    dialog.family_name.setText("Unsichtbar")
    dialog.show()
    assert dialog.isVisible()
    window.lock()
    assert not dialog.isVisible()
    window.close()
