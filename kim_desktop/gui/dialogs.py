"""Dialogs that create or change one record: client, new case, appointment.

Each dialog saves through one core call when accepted and stays open with the message when
core rejects the input, so nothing typed is lost."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import InvalidInput
from kim_desktop.gui import drafts, i18n
from kim_desktop.gui.date_field import DateField
from kim_desktop.gui.fields import LanguageCombo, TimeField
from kim_desktop.gui.keyboard import lead_into_results, prepare_dialog
from kim_desktop.gui.messages import describe_error


def catalogue_combo(
    casefile: CaseFile, name: str, optional: bool = False, none_text: str = "—"
) -> QComboBox:
    """A combo box of a catalogue's labels (current language) carrying the codes."""
    combo = QComboBox()
    if optional:
        combo.addItem(none_text, None)
    catalogue = casework.catalogues_of(casefile)[name]
    language = i18n.current_language()
    for entry in catalogue.entries:
        combo.addItem(entry.label(language), entry.code)
    return combo


def referred_by_combo(casefile: CaseFile) -> QComboBox:
    """Who sent the client (optional): self-referral first, then the file's referral
    targets."""
    combo = QComboBox()
    combo.addItem("—", None)
    catalogues = casework.catalogues_of(casefile)
    language = i18n.current_language()
    for code in cat.referred_by_codes(catalogues):
        combo.addItem(cat.referred_by_label(code, catalogues, language), code)
    return combo


def nationality_combo() -> QComboBox:
    """Nationalities: none chosen, then stateless / unresolved / unknown, then the states (and
    Kosovo) by name as the window's language spells them, sorted as a reader expects
    ("Ägypten" under A). Typing a name's first letters selects it."""
    combo = QComboBox()
    combo.setEditable(False)
    combo.addItem("—", None)
    language = i18n.current_language()
    special = [code for code in cat.NATIONALITY_SPECIAL if code in cat.nationality_codes()]
    states = sorted(
        cat.nationality_codes() - set(special),
        key=lambda code: casework.fold(cat.nationality_label(code, language)),
    )
    for code in special:  # words of the window's language only, no "staatenlos (stateless)"
        combo.addItem(cat.nationality_label(code, language), code)
    for code in states:
        combo.addItem(f"{cat.nationality_label(code, language)} ({code})", code)
    return combo


def select_code(combo: QComboBox, code: str | None) -> None:
    index = combo.findData(code)
    combo.setCurrentIndex(index if index >= 0 else 0)


# Appointments and other event dates further ahead than this are typing mistakes.
FAR_AHEAD = dt.timedelta(days=730)


def date_edit(
    value: dt.date | None = None, accessible_name: str = "", field: str = "date"
) -> DateField:
    """A required date, shown as ``value`` or today; not more than two years ahead."""
    today = dt.date.today()
    return DateField(
        value or today,
        accessible_name,
        field=field,
        latest=today + FAR_AHEAD,
        latest_problem=QCoreApplication.translate(
            "Dialogs", "The date lies more than two years ahead: please check the year."
        ),
    )


def optional_date(value: dt.date | None, accessible_name: str, field: str) -> DateField:
    """A date that may stay empty (a due date, a follow-up)."""
    today = dt.date.today()
    return DateField(
        value,
        accessible_name,
        field=field,
        optional=True,
        latest=today + FAR_AHEAD,
        latest_problem=QCoreApplication.translate(
            "Dialogs", "The date lies more than two years ahead: please check the year."
        ),
    )


def past_date(value: dt.date | None, accessible_name: str, field: str, problem: str) -> DateField:
    """A date that may stay empty (unknown) and cannot lie ahead: birth, arrival."""
    return DateField(
        value,
        accessible_name,
        field=field,
        optional=True,
        past_only=True,
        latest=dt.date.today(),
        latest_problem=problem,
    )


def _text(edit: QLineEdit | QPlainTextEdit) -> str | None:
    value = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
    return value.strip() or None


def known_municipality(casefile: CaseFile, typed: str) -> str:
    """The municipality as the file spells it; a new name is added to the file's list
    (core refuses near-duplicates such as "lohmar" beside "Lohmar")."""
    name = typed.strip()
    existing = casework.list_municipalities(casefile)
    if name in existing or not name:
        return name
    return casework.add_municipality(casefile, name)


class RecordDialog(QDialog):
    """OK saves via ``save()``; a rejection by core keeps the dialog open with the message.

    What is typed is never lost: Escape or Cancel asks before throwing input away, and the
    window's ``DraftKeeper`` keeps the input as a draft in the case file while the form is
    open and when a lock closes it (gui/drafts.py). To open the form again after unlocking,
    the arguments it was made with are remembered (``draft_context``)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        drafts.register(cls)
        init = cls.__dict__.get("__init__")
        if init is None:
            return

        @functools.wraps(init)
        def remembering(self: RecordDialog, *args: Any, **kw: Any) -> None:
            init(self, *args, **kw)
            if type(self) is cls:  # the form's own class, not a base class's __init__
                self.draft_context = drafts.made_with(cls, args, kw)

        cls.__init__ = remembering  # type: ignore[method-assign]

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a40000;")
        self.message.setAccessibleName(self.tr("Message"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.result_id: str | None = None
        self.draft_id = drafts.new_draft_id()
        self.draft_context: dict[str, Any] | None = None
        self.draft_view: str | None = None
        self.kept_for_later = False  # closed by a lock, its input kept as a draft
        self.restored_from_draft = False
        self._baseline: dict[str, Any] | None = None

    def add_row(self, label: str, widget: QWidget) -> QWidget:
        self.form.addRow(label, widget)
        if not widget.accessibleName():
            widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        return widget

    def save(self) -> str | None:
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.result_id = self.save()
        except Exception as error:  # noqa: BLE001 - shown in the dialog
            self.message.setText(describe_error(error))
            return
        super().accept()

    # -- typed input ---------------------------------------------------------------------------

    def set_baseline(self) -> None:
        """What the form shows before anything is typed (to tell typed input from none)."""
        self._baseline = drafts.capture(self)

    def is_dirty(self) -> bool:
        """Whether anything was typed or chosen since the form opened."""
        return self._baseline is not None and (
            self.restored_from_draft or drafts.capture(self) != self._baseline
        )

    def showEvent(self, event: QShowEvent) -> None:
        prepare_dialog(self)  # the first field focused, OK and Cancel last in Tab order
        if self._baseline is None:
            self.set_baseline()
        keeper = drafts.active_keeper()
        if keeper is not None:
            keeper.watch(self)
        super().showEvent(event)

    def reject(self) -> None:
        """Escape, Cancel or the close button: input is thrown away only when confirmed."""
        if not self.kept_for_later and self.is_dirty() and not self._discard_confirmed():
            return
        super().reject()

    def close_keeping_draft(self) -> None:
        """Close without asking; the input stays as a draft (on lock)."""
        self.kept_for_later = True
        super().reject()

    def _discard_confirmed(self) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.windowTitle())
        box.setText(self.tr("Throw away what you typed in this form?"))
        discard = box.addButton(self.tr("&Discard input"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("&Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard


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
        self.add_row(self.tr("&Family name:"), self.family_name)
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

    def data(self) -> casework.ClientData:
        languages = tuple(part.strip() for part in self.languages.text().split(",") if part.strip())
        return casework.ClientData(
            id=self.client.id,
            given_name=_text(self.given_name),
            family_name=self.family_name.text().strip(),
            birth_date=self.birth_date.value(),
            gender=self.gender.currentData(),
            nationality=self.nationality.currentData(),
            languages=languages,
            arrival_date=self.arrival_date.value(),
            residence_status=self.residence_status.currentData(),
            phone=_text(self.phone),
            email=_text(self.email),
            address=_text(self.address),
            notes=_text(self.notes),
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
        self.add_row(self.tr("&Client:"), self.picker)
        self.form.addRow("", self.new_client)
        self.add_row(self.tr("&Municipality:"), self.municipality)
        self.add_row(self.tr("&Track:"), self.track)
        self.add_row(self.tr("&Opened on:"), self.opened_on)
        self.add_row(self.tr("&Referred by:"), self.referred_by)
        self.picker.search.setFocus()

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
        self.channel = catalogue_combo(casefile, cat.CHANNELS)
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
        self.participants.setValue(a.participants if a and a.participants is not None else 1)
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
        self.add_row(self.tr("&Date:"), self.date)
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
            participants=self.participants.value(),
            themes=tuple(code for code, box in self.theme_boxes.items() if box.isChecked()),
            interpreter=interpreter,
            municipality=municipality,
            notes=_text(self.notes),
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


def run_dialog(dialog: RecordDialog, done: Callable[[str], None] | None = None) -> str | None:
    """Show ``dialog`` modally; return (and pass to ``done``) the id it saved, if any."""
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_id:
        if done is not None:
            done(dialog.result_id)
        return dialog.result_id
    return None


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
