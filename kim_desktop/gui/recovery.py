"""The recovery key in the window (issue 15, docs/recovery.md): creating it for the unlocked
file (shown once, with its sheet) and "Forgot passphrase?" at unlocking."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core.casefile import recovery
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.platform.files import replace_privately
from kim_desktop.gui.dialogs import ask_pdf_path
from kim_desktop.gui.messages import describe_error
from kim_desktop.gui.operations import run_operation
from kim_desktop.gui.wizard import PassphrasePage
from kim_desktop.reports.recovery_sheet import RecoverySheetData, build_recovery_sheet

ERROR_STYLE = "color: #a40000;"


def _key_font(size_factor: float = 1.6) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(max(font.pointSizeF(), 10.0) * size_factor)
    font.setBold(True)
    return font


class RecoveryKeyDialog(QDialog):
    """Shows a new recovery key once. It takes effect only when the user confirms having
    printed or written it down ("Activate key"); cancelling changes nothing."""

    def __init__(self, casefile: CaseFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.casefile = casefile
        self.key = recovery.new_key()
        self.recipient = self.key.recipient()
        self.replacing = recovery.META_PUBLIC in casefile.meta
        self.activated = False
        self.setWindowTitle(self.tr("Recovery key"))
        intro = QLabel(
            self.tr(
                "With this key a new passphrase can be set for {name} and for every backup "
                "made from now on, should the passphrase be forgotten. It is shown only this "
                "once: save the sheet and print it, or write the key down, and keep it sealed "
                "where your district keeps such keys — never with the laptop."
            ).format(name=casefile.path.name)
        )
        intro.setWordWrap(True)
        self.key_label = QLabel(self.key.text)
        self.key_label.setFont(_key_font())
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAccessibleName(self.tr("Recovery key"))
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setStyleSheet("padding: 10px; border: 1px solid #b4b4b4;")
        hint = QLabel(
            self.tr(
                "{groups} groups of 5 characters; the last character of each group is a check "
                "character. Keep {sidecar} beside the case file: the key needs it."
            ).format(groups=recovery.GROUPS, sidecar=recovery.sidecar_path(casefile.path).name)
        )
        hint.setWordWrap(True)
        self.save_sheet = QPushButton(self.tr("&Save sheet …"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.confirmed = QCheckBox(self.tr("I have &printed or written down the key"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.activate = self.buttons.addButton(
            self.tr("&Activate key"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.activate.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.key_label)
        layout.addWidget(hint)
        layout.addWidget(self.save_sheet, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status)
        layout.addWidget(self.confirmed)
        layout.addWidget(self.buttons)
        self.save_sheet.clicked.connect(self._save_sheet)
        self.confirmed.toggled.connect(self.activate.setEnabled)
        self.buttons.accepted.connect(self._activate)
        self.buttons.rejected.connect(self.reject)

    def sheet_data(self) -> RecoverySheetData:
        return RecoverySheetData(
            file_name=self.casefile.path.name,
            owner=self.casefile.owner,
            district=self.casefile.meta.get("district"),
            key_id=self.recipient.key_id,
            created=self.recipient.created,
            groups=tuple(self.key.groups),
            issued_on=dt.date.today(),
        )

    def write_sheet(self, path: Path) -> None:
        """Off the GUI thread; the save dialog has asked before replacing."""
        buffer = io.BytesIO()
        build_recovery_sheet(self.sheet_data(), buffer)
        replace_privately(path, buffer.getvalue())

    def _save_sheet(self) -> None:
        path = ask_pdf_path(
            self, self.tr("Save recovery key sheet"), f"{self.casefile.path.stem}-schluessel.pdf"
        )
        if path is None:
            return
        self.save_sheet.setEnabled(False)

        def done(_none: object) -> None:
            self.save_sheet.setEnabled(True)
            self.status.setStyleSheet("")
            self.status.setText(
                self.tr("Sheet saved as {path}. Print it, then delete the PDF.").format(path=path)
            )

        def failed(error: BaseException) -> None:
            self.save_sheet.setEnabled(True)
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(describe_error(error))

        run_operation(self, lambda _r: self.write_sheet(path), done, failed)

    def _activate(self) -> None:
        if not self.confirmed.isChecked():
            return
        self.activate.setEnabled(False)

        def done(_none: object) -> None:
            self.activated = True
            self.accept()

        def failed(error: BaseException) -> None:
            self.activate.setEnabled(True)
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(
                self.tr("The recovery key was not activated.") + " " + describe_error(error)
            )

        casefile, recipient = self.casefile, self.recipient
        run_operation(self, lambda _r: casefile.install_recovery_key(recipient), done, failed)


def create_recovery_key(parent: QMainWindow, casefile: CaseFile | None) -> bool:
    """Menu entry: ask before replacing a key, then show the new one; True when activated."""
    if casefile is None:
        return False
    if recovery.META_PUBLIC in casefile.meta:
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("RecoveryKeyDialog", "Replace recovery key"),
            QCoreApplication.translate(
                "RecoveryKeyDialog",
                "This file already has a recovery key. A new key replaces it: the old sheet "
                "will no longer open this file or backups made from now on (older backups "
                "still open with it). Create a new key?",
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
    dialog = RecoveryKeyDialog(casefile, parent)
    dialog.exec()
    if dialog.activated:
        parent.statusBar().showMessage(
            QCoreApplication.translate("RecoveryKeyDialog", "Recovery key activated."), 5000
        )
    return dialog.activated


class ForgottenPassphraseDialog(QDialog):
    """Recovery key (checked group by group while typing), then a new passphrase twice; the
    file is re-keyed off the GUI thread and handed over unlocked."""

    def __init__(self, path: Path, minimum_length: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.casefile: CaseFile | None = None
        self.setWindowTitle(self.tr("Forgot passphrase?"))
        self.setMinimumWidth(600)  # the whole key on one line
        intro = QLabel(
            self.tr(
                "Enter the recovery key from the sealed sheet of {name}, then choose a new "
                "passphrase. The old passphrase stops working."
            ).format(name=path.name)
        )
        intro.setWordWrap(True)
        key_label = QLabel(self.tr("Recovery &key:"))
        self.key_field = QLineEdit()
        self.key_field.setFont(_key_font(1.2))
        self.key_field.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.key_field.setAccessibleName(self.tr("Recovery key"))
        key_label.setBuddy(self.key_field)
        self.key_check = QLabel()
        self.key_check.setWordWrap(True)
        self.passphrase = PassphrasePage(minimum_length)
        new_heading = QLabel(
            self.tr("New passphrase (at least {n} characters):").format(n=minimum_length)
        )
        if (inner := self.passphrase.layout()) is not None:
            inner.setContentsMargins(0, 0, 0, 0)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setAccessibleName(self.tr("Message"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(
            self.tr("&Set new passphrase"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(key_label)
        layout.addWidget(self.key_field)
        layout.addWidget(self.key_check)
        layout.addWidget(new_heading)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.key_field.textChanged.connect(self._changed)
        self.passphrase.completeChanged.connect(self._changed)
        self.buttons.accepted.connect(self._recover)
        self.buttons.rejected.connect(self.reject)
        self._changed()
        if not recovery.has_sidecar(path):
            self.error.setText(
                self.tr(
                    "There is no recovery key for this file: {sidecar} is missing beside it."
                ).format(sidecar=recovery.sidecar_path(path).name)
            )

    def key_complete(self) -> bool:
        return recovery.group_states(self.key_field.text()) == [True] * recovery.GROUPS

    def _changed(self) -> None:
        states = recovery.group_states(self.key_field.text())
        wrong = [index + 1 for index, state in enumerate(states) if state is False]
        done = sum(1 for state in states if state)
        if wrong:
            self.key_check.setStyleSheet(ERROR_STYLE)
            self.key_check.setText(
                self.tr("Typo in group {group}: compare it with the sheet.").format(group=wrong[0])
            )
        elif done == recovery.GROUPS:
            self.key_check.setStyleSheet("")
            self.key_check.setText(self.tr("All groups are complete and correct."))
        else:
            self.key_check.setStyleSheet("")
            self.key_check.setText(
                self.tr("{done} of {total} groups correct.").format(
                    done=done, total=recovery.GROUPS
                )
            )
        self.ok.setEnabled(self.key_complete() and self.passphrase.isComplete())

    def _recover(self) -> None:
        if not self.ok.isEnabled():
            return
        path, text = self.path, self.key_field.text()
        new = self.passphrase.first.text()
        minimum = self.passphrase.minimum_length
        self.ok.setEnabled(False)
        self.error.setStyleSheet("")
        self.error.setText(self.tr("Setting the new passphrase …"))

        def work(_report: object) -> CaseFile:
            raw_key, salt = recovery.unlock(path, recovery.parse_key(text))
            casefile = CaseFile.open_keyed(path, raw_key, salt)
            try:
                casefile.change_passphrase(new, minimum)
            except BaseException:
                casefile.close()
                raise
            return casefile

        def done(casefile: CaseFile) -> None:
            self.casefile = casefile
            self.key_field.clear()
            self.passphrase.first.clear()
            self.passphrase.second.clear()
            self.accept()

        def failed(error: BaseException) -> None:
            self.error.setStyleSheet(ERROR_STYLE)
            if isinstance(error, recovery.WrongRecoveryKeyError):
                # Like a wrong passphrase: one sentence, the file untouched.
                self.error.setText(
                    self.tr("Wrong recovery key, or the file is damaged. The file was not changed.")
                )
            else:
                self.error.setText(describe_error(error))
            self._changed()
            self.key_field.setFocus()

        run_operation(self, work, done, failed)
