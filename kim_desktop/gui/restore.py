"""File → Restore from backup: what ``kim restore`` does, from the window. The backup is
checked completely (core ``storage.restore``) off the GUI thread while the window is locked;
only then does it replace the open file. Afterwards the lock page asks for the backup's
passphrase."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from kim_desktop.core.casefile import storage
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.gui.messages import describe_error
from kim_desktop.gui.operations import run_operation
from kim_desktop.gui.settings import Settings
from kim_desktop.gui.unlock import PassphrasePanel


class LockPageLike(Protocol):
    @property
    def panel(self) -> PassphrasePanel: ...

    @property
    def other(self) -> QWidget: ...

    def show_for(self, path: Path) -> None: ...


class MainWindow(Protocol):
    """What restoring needs of the main window (main_window.py imports this module)."""

    @property
    def casefile(self) -> CaseFile | None: ...

    @property
    def path(self) -> Path: ...

    @property
    def settings(self) -> Settings: ...

    @property
    def lock_page(self) -> LockPageLike: ...

    def lock(self) -> None: ...


def _parent(window: MainWindow) -> QWidget | None:
    return window if isinstance(window, QWidget) else None


def choose_backup(window: MainWindow) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(
        _parent(window),
        QCoreApplication.translate("Restore", "Restore from backup"),
        str(window.settings.default_folder()),
        QCoreApplication.translate("Restore", "KIM case files (*.kim);;All files (*)"),
    )
    return Path(name) if name else None


def confirm(window: MainWindow, backup: Path) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("Restore", "Restore from backup"),
        QCoreApplication.translate(
            "Restore",
            "Replace the case file {file} with the backup {backup}?\n\n"
            "Everything entered after the backup was made is lost. The backup is checked "
            "completely before anything is replaced; the window is locked meanwhile.",
        ).format(file=window.path.name, backup=backup.name),
        parent=_parent(window),
    )
    restore = box.addButton(
        QCoreApplication.translate("Restore", "&Restore"), QMessageBox.ButtonRole.DestructiveRole
    )
    keep = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is restore


def restore_from_backup(window: MainWindow, backup: Path | None = None) -> None:
    """Ask for the backup, a confirmation and the backup's passphrase; lock; restore in the
    background; then the lock page waits for the backup's passphrase."""
    if window.casefile is None:
        return
    backup = backup or choose_backup(window)
    if backup is None or not confirm(window, backup):
        return
    passphrase, ok = QInputDialog.getText(
        _parent(window),
        QCoreApplication.translate("Restore", "Restore from backup"),
        QCoreApplication.translate("Restore", "Passphrase of the backup:"),
        echo=QLineEdit.EchoMode.Password,
    )
    if not ok or not passphrase:
        return
    target = window.path
    window.lock()  # the open file closes; restore waits for its last use to end
    page = window.lock_page
    page.panel.setEnabled(False)  # no unlocking of a file that is being replaced
    page.other.setEnabled(False)

    def finished() -> None:
        page.panel.setEnabled(True)
        page.other.setEnabled(True)
        page.show_for(target)

    def done(_none: object) -> None:
        finished()
        page.panel.error.setText(
            QCoreApplication.translate(
                "Restore", "The backup was restored. Enter its passphrase to open the file."
            )
        )

    def failed(error: BaseException) -> None:
        finished()
        QMessageBox.warning(
            _parent(window),
            QCoreApplication.translate("Restore", "Backup not restored"),
            describe_error(error)
            + "\n\n"
            + QCoreApplication.translate("Restore", "The case file was not changed."),
        )

    run_operation(
        _parent(window),
        lambda _report: storage.restore(backup, target, passphrase),
        done,
        failed,
        label=QCoreApplication.translate("Restore", "Checking and restoring the backup …"),
    )
