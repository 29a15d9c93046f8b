"""Start: choose a recent file or another one, type the passphrase, unlock — or create a new
case file with the assistant. The passphrase is never stored; recent files are.

The start dialog is the first window: the engine (storage, keys, the record forms) is
imported where it is first used, so that the dialog shows without waiting for it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.gui.messages import describe_error
from kim_desktop.gui.operations import run_operation
from kim_desktop.gui.passphrase_field import CapsLockWarning, show_passphrase_box
from kim_desktop.gui.settings import Settings

if TYPE_CHECKING:
    from kim_desktop.core.casefile.storage import CaseFile


def prepared(casefile: CaseFile) -> CaseFile:
    """Make once, in the background, what the views would otherwise write on the GUI thread
    the first time they show: the file's own keys (views then only read them)."""
    from kim_desktop.core.sync import keys

    try:
        keys.own_keys(casefile)
    except BaseException:
        casefile.close()
        raise
    return casefile


class PassphrasePanel(QWidget):
    """Passphrase field, unlock button and an error line; shared by start and lock page."""

    unlocked = Signal(object)  # CaseFile

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.passphrase.setPlaceholderText(self.tr("Passphrase"))
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setDefault(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a40000;")
        self.error.setAccessibleName(self.tr("Message"))
        label = QLabel(self.tr("&Passphrase:"))
        label.setBuddy(self.passphrase)
        self.show_passphrase = show_passphrase_box(self.tr("Sho&w passphrase"), self.passphrase)
        self.caps_warning = CapsLockWarning(self.passphrase)
        row = QHBoxLayout()
        row.addWidget(self.passphrase, 1)
        row.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addLayout(row)
        layout.addWidget(self.show_passphrase)
        layout.addWidget(self.caps_warning)
        layout.addWidget(self.error)
        self.forgotten = QPushButton(self.tr("Forgo&t passphrase?"))
        layout.addWidget(self.forgotten, 0, Qt.AlignmentFlag.AlignLeft)
        self.unlock_button.clicked.connect(self.unlock)
        self.passphrase.returnPressed.connect(self.unlock)
        self.forgotten.clicked.connect(self.recover)
        self.set_path(None)

    def set_path(self, path: Path | None) -> None:
        self.path = path
        self.show_passphrase.setChecked(False)  # dots again for whoever comes next
        self.unlock_button.setEnabled(path is not None)
        self.forgotten.setEnabled(path is not None)
        self.error.clear()

    def unlock(self) -> None:
        if self.path is None or not self.unlock_button.isEnabled():
            return
        path, passphrase = self.path, self.passphrase.text()
        self.passphrase.clear()  # not kept in the widget longer than needed
        self.unlock_button.setEnabled(False)
        self.error.setText(self.tr("Unlocking …"))

        def failed(error: BaseException) -> None:
            self.unlock_button.setEnabled(True)
            self.error.setText(describe_error(error))
            self.passphrase.setFocus()

        def succeeded(casefile: CaseFile) -> None:
            self.unlock_button.setEnabled(True)
            self.error.clear()
            self.unlocked.emit(casefile)

        def work(_report: object) -> CaseFile:
            # Imported here, in the pool thread: the window never waits for the engine.
            from kim_desktop.core.casefile.storage import CaseFile

            return prepared(CaseFile.open(path, passphrase))

        run_operation(self, work, succeeded, failed)

    def recover(self) -> None:
        """The "Forgot passphrase?" button: recovery key and new passphrase (gui/recovery.py)."""
        from kim_desktop.core.platform.policy import load_policy
        from kim_desktop.gui.recovery import ForgottenPassphraseDialog

        if self.path is None:
            return
        dialog = ForgottenPassphraseDialog(self.path, load_policy().min_passphrase_length, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.casefile is None:
            return
        casefile = dialog.casefile
        self.error.setText(self.tr("New passphrase set. Opening …"))

        def failed(error: BaseException) -> None:
            self.error.setText(describe_error(error))

        run_operation(self, lambda _r: prepared(casefile), self.unlocked.emit, failed)


class StartDialog(QDialog):
    """Recent files, open another, create new; unlock the chosen one."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.casefile: CaseFile | None = None
        self.setWindowTitle(self.tr("KIM Desktop – open case file"))
        self.setMinimumWidth(560)

        intro = QLabel(self.tr("Choose your case file and enter its passphrase."))
        intro.setWordWrap(True)
        self.recent = QListWidget()
        self.recent.setAccessibleName(self.tr("Recent case files"))
        recent_label = QLabel(self.tr("&Recent case files:"))
        recent_label.setBuddy(self.recent)
        for path in settings.recent_files():
            item = QListWidgetItem(path.name + "  —  " + str(path.parent))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            if not path.exists():
                item.setText(item.text() + "  " + self.tr("(not found)"))
            self.recent.addItem(item)
        self.open_other = QPushButton(self.tr("&Open other file …"))
        self.create_new = QPushButton(self.tr("Create &new case file …"))
        self.chosen = QLabel()
        self.chosen.setWordWrap(True)
        self.panel = PassphrasePanel()

        buttons = QHBoxLayout()
        buttons.addWidget(self.open_other)
        buttons.addWidget(self.create_new)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(recent_label)
        layout.addWidget(self.recent, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.chosen)
        layout.addWidget(self.panel)

        self.recent.currentItemChanged.connect(self._recent_chosen)
        self.recent.itemActivated.connect(lambda _item: self.panel.passphrase.setFocus())
        self.open_other.clicked.connect(self._choose_file)
        self.create_new.clicked.connect(self._create_new)
        self.panel.unlocked.connect(self._unlocked)
        self.open_other.setShortcut(QKeySequence.StandardKey.Open)
        if self.recent.count():
            self.recent.setCurrentRow(0)
            self.panel.passphrase.setFocus()
        else:
            self.chosen.setText(
                self.tr("No case file yet: create a new one or open an existing file.")
            )

    def choose(self, path: Path) -> None:
        self.chosen.setText(self.tr("Case file: {path}").format(path=path))
        self.panel.set_path(path)
        self.panel.passphrase.setFocus()

    def _recent_chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.choose(Path(item.data(Qt.ItemDataRole.UserRole)))

    def _choose_file(self) -> None:
        from kim_desktop.gui.dialogs import ask_case_file

        chosen = ask_case_file(self, self.settings.default_folder())
        if chosen:
            self.choose(chosen)

    def _create_new(self) -> None:
        from kim_desktop.gui.wizard import NewFileWizard

        wizard = NewFileWizard(self.settings, self)
        if wizard.exec() == QDialog.DialogCode.Accepted and wizard.casefile is not None:
            if wizard.policy_problem:
                QMessageBox.warning(self, self.tr("District configuration"), wizard.policy_problem)
            self._unlocked(wizard.casefile)

    def _unlocked(self, casefile: CaseFile) -> None:
        self.casefile = casefile
        self.settings.remember_file(casefile.path)
        self.accept()
