"""The assistant that creates a new case file: who it belongs to, where it lives, and its
passphrase (twice, with strength feedback)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from kim_desktop.core.casefile.passphrase import estimate_strength
from kim_desktop.core.casefile.storage import (
    DEFAULT_MIN_PASSPHRASE_LENGTH,
    CaseFile,
    remove_case_file,
)
from kim_desktop.core.errors import UsageError
from kim_desktop.core.platform import policy as machine_policy
from kim_desktop.core.sync import district as district_config
from kim_desktop.core.sync import keys
from kim_desktop.gui.messages import describe_error
from kim_desktop.gui.operations import run_operation
from kim_desktop.gui.passphrase_field import CapsLockWarning, show_passphrase_box
from kim_desktop.gui.settings import Settings


class OwnerPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Who works with this file?"))
        self.setSubTitle(
            self.tr(
                "A case file belongs to one person. Its name appears on "
                "printed documents and in the audit trail."
            )
        )
        self.casemanager = QRadioButton(self.tr("&Case management (Fallmanagement)"))
        self.coordinator = QRadioButton(self.tr("C&oordination office (Koordinierungsstelle)"))
        self.casemanager.setChecked(True)
        self.roles = QButtonGroup(self)
        self.roles.addButton(self.casemanager)
        self.roles.addButton(self.coordinator)
        self.owner = QLineEdit()
        self.owner.setAccessibleName(self.tr("Your name"))
        self.district = QLineEdit()
        self.district.setAccessibleName(self.tr("District"))
        self.district.setPlaceholderText(self.tr("e.g. Rhein-Sieg-Kreis"))
        form = QFormLayout(self)
        form.addRow(self.tr("Role:"), self.casemanager)
        form.addRow("", self.coordinator)
        form.addRow(self.tr("&Your name:"), self.owner)
        form.addRow(self.tr("&District:"), self.district)
        self.district_note = QLabel(
            self.tr("Given by the district configuration your IT department has set.")
        )
        self.district_note.setWordWrap(True)
        self.district_note.setVisible(False)
        form.addRow("", self.district_note)
        self._district_locked = False
        self.owner.textChanged.connect(self.completeChanged)
        self.casemanager.toggled.connect(self._apply_district_lock)

    def preset_district(self, name: str, locked: bool) -> None:
        """The district of the policy's configuration; a locked one cannot be changed for a
        case-manager file (the configuration is imported into it and must match)."""
        self.district.setText(name)
        self._district_locked = locked
        self._apply_district_lock()

    def _apply_district_lock(self) -> None:
        fixed = self._district_locked and self.casemanager.isChecked()
        self.district.setReadOnly(fixed)
        self.district_note.setVisible(fixed)

    def isComplete(self) -> bool:
        return bool(self.owner.text().strip())

    def role(self) -> str:
        return "coordinator" if self.coordinator.isChecked() else "casemanager"


class LocationPage(QWizardPage):
    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.setTitle(self.tr("Where should the file be kept?"))
        self.setSubTitle(
            self.tr(
                "Keep it on this laptop's own disk, not on a shared drive. "
                "Make backups to an encrypted USB stick."
            )
        )
        self.path = QLineEdit()
        self.path.setAccessibleName(self.tr("File name"))
        choose = QPushButton(self.tr("C&hoose …"))
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(choose)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #a40000;")
        self.problem.setWordWrap(True)
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("&File:"))
        label.setBuddy(self.path)
        layout.addWidget(label)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        choose.clicked.connect(self._choose)
        self.path.textChanged.connect(self.completeChanged)

    def initializePage(self) -> None:
        if not self.path.text():
            documents = self.settings.default_folder()
            with contextlib.suppress(OSError, ValueError):  # a policy folder not there yet
                machine_policy.make_private_folder(documents)
            owner_page = self.wizard().page(0)
            assert isinstance(owner_page, OwnerPage)
            stem = "".join(c for c in owner_page.owner.text().strip() if c.isalnum() or c in " -_")
            self.path.setText(str(Path(documents) / f"{stem or 'Fallakte'}.kim"))

    def _choose(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("New case file"),
            self.path.text(),
            self.tr("KIM case files (*.kim);;All files (*)"),
        )
        if name:
            self.path.setText(name if name.endswith(".kim") else name + ".kim")

    def chosen(self) -> Path:
        return Path(self.path.text().strip()).expanduser()

    def isComplete(self) -> bool:
        text = self.path.text().strip()
        if not text:
            self.problem.clear()
            return False
        path = self.chosen()
        if path.exists():
            self.problem.setText(self.tr("This file exists already. Choose another name."))
            return False
        if not path.parent.is_dir():
            self.problem.setText(self.tr("This folder does not exist."))
            return False
        try:
            machine_policy.check_case_file_location(self.settings.policy, path)
        except UsageError:
            if self.settings.policy.locked_but_broken(machine_policy.DEFAULT_FOLDER):
                self.problem.setText(
                    self.tr(
                        "The policy of your IT department fixes the folder for case files "
                        "but names none that can be used. Please tell your IT department."
                    )
                )
                return False
            self.problem.setText(
                self.tr("Your IT department keeps case files in {folder}.").format(
                    folder=str(self.settings.default_folder())
                )
            )
            return False
        self.problem.clear()
        return True


class PassphrasePage(QWizardPage):
    def __init__(self, minimum_length: int) -> None:
        super().__init__()
        self.minimum_length = minimum_length
        self.setTitle(self.tr("Choose a passphrase"))
        self.setSubTitle(
            self.tr(
                "At least {n} characters. A sentence of several words is strong and easy "
                "to remember. Without the passphrase nobody — not even IT — can open "
                "the file."
            ).format(n=minimum_length)
        )
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName(self.tr("Passphrase"))
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName(self.tr("Repeat passphrase"))
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.show_passphrase = show_passphrase_box(
            self.tr("Sho&w passphrase"), self.first, self.second
        )
        self.caps_warning = CapsLockWarning(self.first, self.second)
        form = QFormLayout(self)
        form.addRow(self.tr("&Passphrase:"), self.first)
        form.addRow(self.tr("&Repeat:"), self.second)
        form.addRow("", self.show_passphrase)
        form.addRow("", self.caps_warning)
        form.addRow(self.tr("Strength:"), self.meter)
        form.addRow("", self.verdict)
        self.first.textChanged.connect(self._changed)
        self.second.textChanged.connect(self._changed)
        self._changed()

    def _changed(self) -> None:
        text = self.first.text()
        strength = estimate_strength(text, self.minimum_length)
        self.meter.setValue(strength.score)
        if not text:
            verdict = ""
        elif len(text) < self.minimum_length:
            verdict = self.tr("Too short: {n} more characters needed.").format(
                n=self.minimum_length - len(text)
            )
        else:
            verdict = (
                self.tr("Weak — add more words."),
                self.tr("Fair."),
                self.tr("Good."),
                self.tr("Strong."),
            )[strength.score - 1]
        if text and self.second.text() and self.second.text() != text:
            verdict += " " + self.tr("The two entries differ.")
        self.verdict.setText(verdict)
        self.meter.setAccessibleDescription(verdict)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        text = self.first.text()
        return len(text) >= self.minimum_length and text == self.second.text()


class NewFileWizard(QWizard):
    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        minimum_length: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.casefile: CaseFile | None = None
        self.policy_problem: str | None = None  # the policy's district file did not import
        self.setWindowTitle(self.tr("New case file"))
        self.owner_page = OwnerPage()
        preset = district_config.policy_district(settings.policy)
        if preset:
            locked = settings.policy.is_locked(machine_policy.DISTRICT_CONFIG)
            self.owner_page.preset_district(preset, locked)
        self.location_page = LocationPage(settings)
        self.minimum_length = max(
            minimum_length or DEFAULT_MIN_PASSPHRASE_LENGTH, settings.min_passphrase_length()
        )
        self.passphrase_page = PassphrasePage(self.minimum_length)
        for page in (self.owner_page, self.location_page, self.passphrase_page):
            self.addPage(page)
        self._creating = False

    def accept(self) -> None:
        if self._creating:
            return
        self._creating = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        path = self.location_page.chosen()
        passphrase = self.passphrase_page.first.text()
        role = self.owner_page.role()
        owner = self.owner_page.owner.text().strip()
        district = self.owner_page.district.text().strip() or None
        self.passphrase_page.first.clear()
        self.passphrase_page.second.clear()

        minimum = self.minimum_length
        current_policy = self.settings.policy

        def create(_report: object) -> CaseFile:
            casefile = CaseFile.create(
                path,
                passphrase,
                role=role,
                owner=owner,
                district=district,
                min_passphrase_length=minimum,
            )
            try:
                self.policy_problem = district_config.preload_district(casefile, current_policy)
                keys.own_keys(casefile)  # here, not on the GUI thread when a view first shows
            except BaseException:
                casefile.close()
                remove_case_file(path)
                raise
            return casefile

        def done(casefile: CaseFile) -> None:
            self.casefile = casefile
            self._creating = False
            super(NewFileWizard, self).accept()

        def failed(error: BaseException) -> None:
            self._creating = False
            self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
            QMessageBox.warning(self, self.tr("Case file not created"), describe_error(error))

        run_operation(self, create, done, failed, label=self.tr("Creating the case file …"))
