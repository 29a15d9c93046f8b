"""Dialogs that create or change one record: client, new case, appointment.

Each dialog saves through one core call when accepted and stays open with the message when
core rejects the input, so nothing typed is lost."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import InvalidInput
from kim_desktop.gui import field_messages, i18n
from kim_desktop.gui.duplicates import DuplicateNotice
from kim_desktop.gui.fields import LanguageCombo, TimeField
from kim_desktop.gui.form_fields import (
    catalogue_combo as catalogue_combo,
)
from kim_desktop.gui.form_fields import (
    date_edit as date_edit,
)
from kim_desktop.gui.form_fields import (
    entered_text,
    nationality_combo,
    past_date,
    referred_by_combo,
)
from kim_desktop.gui.form_fields import (
    known_municipality as known_municipality,
)
from kim_desktop.gui.form_fields import (
    optional_date as optional_date,
)
from kim_desktop.gui.form_fields import (
    select_code as select_code,
)
from kim_desktop.gui.keyboard import lead_into_results
from kim_desktop.gui.record_dialog import RecordDialog as RecordDialog
from kim_desktop.gui.record_dialog import run_dialog as run_dialog


class ClientDialog(RecordDialog):
    """Create or edit a client (Klient:in)."""

    def __init__(
        self,
        casefile: CaseFile,
        client: casework.ClientData | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Client") if client is None else self.tr("Edit client"), parent)
        self.casefile = casefile
        self.client = client or casework.ClientData()
        c = self.client
        self.family_name = QLineEdit(c.family_name)
        self.given_name = QLineEdit(c.given_name or "")
        self.birth_date = past_date(
            c.birth_date,
            self.tr("Birth date"),
            "birth_date",
            self.tr("A birth date cannot lie in the future."),
        )
        self.gender = catalogue_combo(casefile, cat.GENDERS, optional=True)
        select_code(self.gender, c.gender)
        self.nationality = nationality_combo()
        select_code(self.nationality, c.nationality)
        self.languages = QLineEdit(", ".join(c.languages))
        self.languages.setPlaceholderText(self.tr("e.g. ar, ku, de"))
        self.arrival_date = past_date(
            c.arrival_date,
            self.tr("Arrival date"),
            "arrival_date",
            self.tr("An arrival date cannot lie in the future."),
        )
        self.residence_status = catalogue_combo(casefile, cat.RESIDENCE_STATUS, optional=True)
        select_code(self.residence_status, c.residence_status)
        self.phone = QLineEdit(c.phone or "")
        self.email = QLineEdit(c.email or "")
        self.address = QLineEdit(c.address or "")
        self.notes = QPlainTextEdit(c.notes or "")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(90)
        self.add_row(self.tr("&Family name:"), self.family_name, required=True)
        self.add_row(self.tr("&Given name:"), self.given_name)
        self.add_row(self.tr("&Birth date:"), self.birth_date)
        self.add_row(self.tr("G&ender:"), self.gender)
        self.add_row(self.tr("&Nationality:"), self.nationality)
        self.add_row(self.tr("&Languages:"), self.languages)
        self.add_row(self.tr("&Arrival date:"), self.arrival_date)
        self.add_row(self.tr("&Residence status:"), self.residence_status)
        self.add_row(self.tr("&Phone:"), self.phone)
        self.add_row(self.tr("E-&mail:"), self.email)
        self.add_row(self.tr("A&ddress:"), self.address)
        self.add_row(self.tr("N&otes:"), self.notes)
        # Likely duplicates are pointed out before saving (gui/duplicates.py).
        self.duplicates = DuplicateNotice()
        self.duplicates.use_existing_requested.connect(self._use_existing)
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.insertWidget(outer.indexOf(self.message), self.duplicates)
        self.used_existing = False

    def _use_existing(self, client_id: str) -> None:
        self.result_id = client_id
        self.used_existing = True
        QDialog.accept(self)  # nothing saved: the caller opens the existing client

    def accept(self) -> None:
        try:
            data = self.data()
        except Exception:  # noqa: BLE001 - saving shows what is wrong with the input
            data = None
        if data is not None and self.duplicates.check(self.casefile, data):
            ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
            ok.setText(self.tr("&Save anyway"))
            return
        super().accept()

    def data(self) -> casework.ClientData:
        languages = tuple(part.strip() for part in self.languages.text().split(",") if part.strip())
        return casework.ClientData(
            id=self.client.id,
            given_name=entered_text(self.given_name),
            family_name=self.family_name.text().strip(),
            birth_date=self.birth_date.value(),
            gender=self.gender.currentData(),
            nationality=self.nationality.currentData(),
            languages=languages,
            arrival_date=self.arrival_date.value(),
            residence_status=self.residence_status.currentData(),
            phone=entered_text(self.phone),
            email=entered_text(self.email),
            address=entered_text(self.address),
            notes=entered_text(self.notes),
        )

    def save(self) -> str:
        data = self.data()
        if self.client.id is None:
            return casework.create_client(self.casefile, data)
        casework.update_client(self.casefile, self.client.id, data)
        return self.client.id


class ClientPicker(QWidget):
    """Search clients by name as you type; the chosen one is ``client_id()``."""

    def __init__(self, casefile: CaseFile) -> None:
        super().__init__()
        self.casefile = casefile
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Type part of a name …"))
        self.search.setAccessibleName(self.tr("Search client"))
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Matching clients"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        self.search.textChanged.connect(self._search)
        lead_into_results(self.search, self.results)
        self._search("")

    def _search(self, text: str) -> None:
        self.results.clear()
        for row in casework.find_clients(self.casefile, text, limit=50):
            born = f" ({row.birth_date:%d.%m.%Y})" if row.birth_date else ""
            item = QListWidgetItem(row.display_name + born)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def show_client(self, client_id: str, search_text: str) -> None:
        """Search for ``search_text`` afresh and select ``client_id`` (e.g. one just created)."""
        self.search.blockSignals(True)
        self.search.setText(search_text)
        self.search.blockSignals(False)
        self._search(search_text)
        self.select_id(client_id)

    def select_id(self, client_id: str) -> None:
        for index in range(self.results.count()):
            if self.results.item(index).data(Qt.ItemDataRole.UserRole) == client_id:
                self.results.setCurrentRow(index)
                return

    def client_id(self) -> str | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def draft_value(self) -> dict[str, Any]:
        return {"search": self.search.text(), "client_id": self.client_id()}

    def restore_draft_value(self, value: Any) -> None:
        if isinstance(value, dict) and isinstance(value.get("search"), str):
            self.show_client(str(value.get("client_id") or ""), value["search"])


class NewCaseDialog(RecordDialog):
    """Open a case for a client: choose or create the client, municipality and track."""

    def __init__(self, casefile: CaseFile, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New case"), parent)
        self.casefile = casefile
        self.picker = ClientPicker(casefile)
        self.new_client = QLabel(self.tr('<a href="new">Create a new client …</a>'))
        self.new_client.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.new_client.linkActivated.connect(self._create_client)
        self.municipality = QComboBox()
        self.municipality.setEditable(True)
        self.municipality.addItems(casework.list_municipalities(casefile))
        self.track = catalogue_combo(casefile, cat.TRACKS)
        select_code(self.track, "case_management")
        self.opened_on = date_edit(None, self.tr("Opened on"), "opened_on")
        self.referred_by = referred_by_combo(casefile)
        self.add_row(self.tr("&Client:"), self.picker, required=True)
        self.form.addRow("", self.new_client)
        self.add_row(self.tr("&Municipality:"), self.municipality, required=True)
        self.add_row(self.tr("&Track:"), self.track)
        self.add_row(self.tr("&Opened on:"), self.opened_on, required=True)
        self.add_row(self.tr("&Referred by:"), self.referred_by)
        self.picker.search.setFocus()

    def field_widget(self, field: str) -> QWidget | None:
        if field in {"client", "primary_client_id"}:
            return self.picker
        return super().field_widget(field)

    def _create_client(self, _link: str = "") -> None:
        dialog = ClientDialog(self.casefile, parent=self)
        dialog.family_name.setText(self.picker.search.text().strip())
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_id:
            self.picker.show_client(dialog.result_id, dialog.family_name.text())

    def save(self) -> str:
        client_id = self.picker.client_id()
        if client_id is None:
            raise InvalidInput("client", self.tr("Choose or create a client first."))
        municipality = known_municipality(self.casefile, self.municipality.currentText())
        return casework.open_case(
            self.casefile,
            municipality=municipality,
            track=self.track.currentData(),
            opened_on=self.opened_on.required_value(),
            primary_client_id=client_id,
            referred_by=self.referred_by.currentData(),
        )


class AppointmentDialog(RecordDialog):
    """Quick entry of an appointment, built for the keyboard: date, minutes, kind, themes
    (space to tick), channel, interpreter, participants. From a case or standalone for other
    work (working group, network meeting, …)."""

    def __init__(
        self,
        casefile: CaseFile,
        case_id: str | None = None,
        appointment: casework.AppointmentData | None = None,
        default_municipality: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Appointment"), parent)
        self.casefile = casefile
        self.appointment = appointment
        self.case_id = appointment.case_id if appointment else case_id
        a = appointment
        self.date = date_edit(a.date if a else None, self.tr("Date"))
        self.start_time = TimeField(a.start_time if a else None)
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 1440)
        self.minutes.setSingleStep(15)
        self.minutes.setValue(a.minutes if a else 60)
        self.minutes.setSuffix(self.tr(" min"))
        self.kind = QComboBox()
        catalogue = casework.catalogues_of(casefile)
        language = i18n.current_language()
        kinds = ("short_consultation", "case_management") if self.case_id else ("other_work",)
        for code in kinds:
            self.kind.addItem(catalogue[cat.APPOINTMENT_KINDS].label(code, language), code)
        select_code(self.kind, a.kind if a else kinds[-1] if self.case_id else "other_work")
        self.other_work_type = catalogue_combo(casefile, cat.OTHER_WORK_TYPES)
        select_code(self.other_work_type, a.other_work_type if a else None)
        self.other_work_type.setEnabled(self.case_id is None)
        # An appointment stored without channel or participants (imported) keeps "none"
        # when corrected, instead of taking the defaults of a new one.
        self.channel = catalogue_combo(casefile, cat.CHANNELS, optional=bool(a and not a.channel))
        select_code(self.channel, a.channel if a else "in_person")
        self.themes = QGroupBox(self.tr("Themes"))
        grid = QGridLayout(self.themes)
        self.theme_boxes: dict[str, QCheckBox] = {}
        for index, entry in enumerate(catalogue[cat.THEMES].entries):
            box = QCheckBox(entry.label(language))
            box.setChecked(bool(a and entry.code in a.themes))
            self.theme_boxes[entry.code] = box
            grid.addWidget(box, index // 3, index % 3)
        self.interpreter = catalogue_combo(casefile, cat.INTERPRETER)
        select_code(self.interpreter, a.interpreter if a else "none")
        self.interpreter_language = LanguageCombo(a.interpreter_language if a else None)
        self.interpreter.currentIndexChanged.connect(self._interpreter_changed)
        self._interpreter_changed()
        self.participants = QSpinBox()
        self.participants.setRange(0, 500)
        if a is not None and a.participants is None:
            self.participants.setMinimum(-1)
            self.participants.setSpecialValueText("—")  # -1: not recorded
        self.participants.setValue(
            a.participants if a and a.participants is not None else -1 if a else 1
        )
        self.municipality = QComboBox()
        self.municipality.setEditable(True)
        self.municipality.addItem(
            self.tr("(the case's municipality)") if self.case_id else "", None
        )
        for name in casework.list_municipalities(casefile):
            self.municipality.addItem(name, name)
        chosen = a.municipality if a else default_municipality
        if chosen:
            self.municipality.setCurrentText(chosen)
        self.notes = QPlainTextEdit(a.notes or "" if a else "")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(80)
        self.add_row(self.tr("&Date:"), self.date, required=True)
        self.add_row(self.tr("&Start time:"), self.start_time)
        self.add_row(self.tr("&Minutes:"), self.minutes)
        self.add_row(self.tr("&Kind:"), self.kind)
        if self.case_id is None:
            self.add_row(self.tr("&Type of work:"), self.other_work_type)
        self.add_row(self.tr("&Channel:"), self.channel)
        self.form.addRow(self.themes)
        self.add_row(self.tr("&Interpreting:"), self.interpreter)
        self.add_row(self.tr("Interpreted &language:"), self.interpreter_language)
        self.add_row(self.tr("&Participants:"), self.participants)
        self.add_row(self.tr("M&unicipality:"), self.municipality)
        self.add_row(self.tr("N&otes:"), self.notes)
        self.date.setFocus()

    def more_problems(self) -> list[tuple[QWidget, str]]:
        if any(box.isChecked() for box in self.theme_boxes.values()):
            return []
        return [
            (
                self.themes,
                field_messages.sentence(InvalidInput("themes", "at least one theme is required")),
            )
        ]

    def _interpreter_changed(self) -> None:
        # A language only with an interpreter; "none" keeps what was chosen but saves none.
        self.interpreter_language.setEnabled(self.interpreter.currentData() != "none")

    def data(self) -> casework.AppointmentData:
        kind = self.kind.currentData()
        interpreter = self.interpreter.currentData()
        municipality_text = self.municipality.currentText().strip()
        municipality = (
            None
            if (
                self.municipality.currentIndex() == 0
                and self.case_id
                and municipality_text == self.municipality.itemText(0)
            )
            else (municipality_text or None)
        )
        return casework.AppointmentData(
            id=self.appointment.id if self.appointment else None,
            case_id=self.case_id,
            date=self.date.required_value(),
            minutes=self.minutes.value(),
            kind=kind,
            other_work_type=self.other_work_type.currentData() if kind == "other_work" else None,
            channel=self.channel.currentData(),
            participants=self.participants.value() if self.participants.value() >= 0 else None,
            themes=tuple(code for code, box in self.theme_boxes.items() if box.isChecked()),
            interpreter=interpreter,
            municipality=municipality,
            notes=entered_text(self.notes),
            start_time=self.start_time.value(),
            interpreter_language=(
                None if interpreter == "none" else self.interpreter_language.code()
            ),
        )

    def save(self) -> str:
        data = self.data()
        if data.municipality:
            data = dataclasses.replace(
                data, municipality=known_municipality(self.casefile, data.municipality)
            )
        if self.appointment is None:
            return casework.add_appointment(self.casefile, data)
        casework.update_appointment(self.casefile, data)
        return str(self.appointment.id)


def ask_pdf_path(parent: QWidget, title: str, suggested: str) -> Path | None:
    """Where to write a PDF (a save dialog that asks before replacing); None when cancelled.
    A name without ".pdf" gets it."""
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        title,
        str(Path.home() / suggested),
        QCoreApplication.translate("Dialogs", "PDF documents (*.pdf)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")


def ask_case_file(parent: QWidget, folder: Path) -> Path | None:
    """A case file to open, starting in ``folder``; None when cancelled."""
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("Dialogs", "Open case file"),
        str(folder),
        QCoreApplication.translate("Dialogs", "KIM case files (*.kim);;All files (*)"),
    )
    return Path(name) if name else None
