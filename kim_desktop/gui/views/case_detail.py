"""One case, in full: header with phase and closing, and tabs for the persons and their
consents, the assessment history, goals, appointments, referrals, notes and the timeline.

Hosted by the cases view beside the case list. Every change is one core call (one
transaction); afterwards the case is read again with ``casework.get_case`` (fast) and
``changed`` tells the list to refresh its row. Dialogs are opened with ``open()`` (window
modal, not blocking), are children of this widget and are closed by ``clear()``, so nothing
personal stays on screen after the file is locked."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.documents import access_copy, document_data
from kim_desktop.core.errors import InvalidInput
from kim_desktop.core.platform.files import replace_privately
from kim_desktop.gui import i18n
from kim_desktop.gui.autosave import AutoSaver
from kim_desktop.gui.dialogs import (
    AppointmentDialog,
    ClientDialog,
    ClientPicker,
    OptionalDate,
    RecordDialog,
    ask_pdf_path,
    catalogue_combo,
    date_edit,
    select_code,
)
from kim_desktop.gui.formatting import date_text, number
from kim_desktop.gui.messages import describe_error
from kim_desktop.gui.operations import run_operation
from kim_desktop.gui.table_model import Column, RowsModel
from kim_desktop.reports import access_copy as access_copy_report
from kim_desktop.reports import consent as consent_report
from kim_desktop.reports import goal_agreement

Index = QModelIndex | QPersistentModelIndex
_D = TypeVar("_D", bound=QDialog)

# A phase chosen in the combo is written after this pause (or on focus-out), so stepping
# through the list with the arrow keys records one phase change, not one per step.
PHASE_DELAY_MS = 700

# Tab indexes, in the order the tabs are shown.
PERSONS, ASSESSMENT, GOALS, APPOINTMENTS, REFERRALS, NOTES, TIMELINE = range(7)


def plain(text: str) -> str:
    """An accessible name from a label text: without mnemonic, colon and ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(" :…").strip()


# The words of the ratings 0..3; QT_TRANSLATE_NOOP marks them for lupdate.
_NEED_WORDS = (
    QT_TRANSLATE_NOOP("CaseDetail", "no need"),
    QT_TRANSLATE_NOOP("CaseDetail", "low need"),
    QT_TRANSLATE_NOOP("CaseDetail", "medium need"),
    QT_TRANSLATE_NOOP("CaseDetail", "high need"),
)


def need_text(rating: int | None) -> str:
    """A rating as number plus word: "2 – medium need"; empty when not rated."""
    if rating is None:
        return ""
    if not 0 <= rating < len(_NEED_WORDS):
        return str(rating)
    return f"{rating} – {QCoreApplication.translate('CaseDetail', _NEED_WORDS[rating])}"


def member_name(client: casework.ClientData) -> str:
    return casework.display_name(client.family_name, client.given_name)


def _label(catalogues: dict[str, cat.Catalogue], name: str, code: str | None) -> str:
    if not code:
        return ""
    catalogue = catalogues.get(name) or cat.base_catalogues()[name]
    return catalogue.label(code, i18n.current_language())


def _table(model: QAbstractTableModel, name: str, stretch: int | None = None) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    return table


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    if not widget.accessibleName():
        widget.setAccessibleName(plain(text))
    return label


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


def _write_pdf(path: Path, build: Callable[[io.BytesIO], object]) -> None:
    """Build a document into memory, then write it to ``path`` (replacing a file the save
    dialog has asked about)."""
    buffer = io.BytesIO()
    build(buffer)
    replace_privately(path, buffer.getvalue())


# -- the assessment grid ---------------------------------------------------------------------


class AssessmentGridModel(QAbstractTableModel):
    """Life areas as rows, one column per assessment (oldest first): "2 – medium need"."""

    def __init__(self) -> None:
        super().__init__()
        self.areas: list[tuple[str, str]] = []  # (code, label)
        self.assessments: list[casework.AssessmentData] = []
        self.headers: list[str] = []

    def set_grid(
        self,
        areas: Sequence[tuple[str, str]],
        assessments: Sequence[casework.AssessmentData],
        headers: Sequence[str],
    ) -> None:
        self.beginResetModel()
        self.areas = list(areas)
        self.assessments = list(assessments)
        self.headers = list(headers)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.areas)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.assessments)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if section < len(self.headers) else None
        return self.areas[section][1] if section < len(self.areas) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        assessment = self.assessments[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return need_text(assessment.ratings.get(self.areas[index.row()][0]))
        if role == Qt.ItemDataRole.ToolTipRole:
            return assessment.notes or None
        return None


# -- dialogs ---------------------------------------------------------------------------------


class AddMemberDialog(RecordDialog):
    """Add an existing client to the case, or create one first."""

    def __init__(self, casefile: CaseFile, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add member"), parent)
        self.casefile = casefile
        self.case_id = case_id
        self.picker = ClientPicker(casefile)
        self.new_client_button = QPushButton(self.tr("Create a &new client …"))
        self.new_client_button.setAccessibleName(self.tr("Create a new client"))
        self.new_client_button.clicked.connect(self.create_client)
        self.role = catalogue_combo(casefile, cat.MEMBER_ROLES)
        select_code(self.role, casework.HOUSEHOLD)
        self.add_row(self.tr("&Client:"), self.picker)
        self.form.addRow("", self.new_client_button)
        self.add_row(self.tr("&Role:"), self.role)
        self.picker.search.setFocus()

    def new_client_dialog(self) -> ClientDialog:
        """The dialog for a new client; once saved, the picker shows and selects them."""
        dialog = ClientDialog(self.casefile, parent=self)
        dialog.family_name.setText(self.picker.search.text().strip())
        dialog.accepted.connect(lambda: self._client_created(dialog))
        return dialog

    def create_client(self) -> ClientDialog:
        dialog = self.new_client_dialog()
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _client_created(self, dialog: ClientDialog) -> None:
        if dialog.result_id:
            # Clear first: setText with the text already there would not search again, and
            # the list would not show the new client.
            self.picker.search.clear()
            self.picker.search.setText(dialog.family_name.text().strip())
            self.picker.select_id(dialog.result_id)
            self.picker.results.setFocus()

    def save(self) -> str:
        client_id = self.picker.client_id()
        if client_id is None:
            raise InvalidInput("client", self.tr("Choose or create a client first."))
        casework.add_member(self.casefile, self.case_id, client_id, self.role.currentData())
        return client_id


class ConsentDialog(RecordDialog):
    """Record a client's consent: to case documentation, or to a data transfer to a recipient
    (a referral target)."""

    def __init__(
        self,
        casefile: CaseFile,
        client: casework.ClientData,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Record consent"), parent)
        self.casefile = casefile
        self.client_id = client.id
        self.person = QLabel(member_name(client))
        self.kind = catalogue_combo(casefile, cat.CONSENT_KINDS)
        self.recipient = catalogue_combo(casefile, cat.REFERRAL_TARGETS, optional=True)
        self.given_on = date_edit(today, self.tr("Given on"))
        self.form_version = QLineEdit()
        self.form_version.setPlaceholderText(self.tr("e.g. 2024-1"))
        self.language = QLineEdit()
        self.language.setPlaceholderText(self.tr("language of the form, e.g. de, ar"))
        self.add_row(self.tr("Client:"), self.person)
        self.add_row(self.tr("&Kind:"), self.kind)
        self.add_row(self.tr("&Recipient:"), self.recipient)
        self.add_row(self.tr("&Given on:"), self.given_on)
        self.add_row(self.tr("&Form version:"), self.form_version)
        self.add_row(self.tr("&Language:"), self.language)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.kind.setFocus()

    def _kind_changed(self) -> None:
        # Only a data transfer has a recipient.
        self.recipient.setEnabled(self.kind.currentData() == casework.DATA_TRANSFER)

    def save(self) -> str:
        assert self.client_id is not None
        kind = self.kind.currentData()
        return casework.record_consent(
            self.casefile,
            self.client_id,
            kind,
            self.given_on.date().toPython(),
            recipient=self.recipient.currentData() if kind == casework.DATA_TRANSFER else None,
            form_version=self.form_version.text().strip() or None,
            language=self.language.text().strip() or None,
        )


def language_name(code: str) -> str:
    """A language code with its own name: "English (en)"."""
    name = QLocale(code).nativeLanguageName()
    return f"{name[:1].upper()}{name[1:]} ({code})" if name else code


class PrintConsentDialog(RecordDialog):
    """What the printed consent form covers: its kind, the second language beside German and
    the recipients of a data transfer. OK only checks the choices; the caller prints."""

    def __init__(
        self, casefile: CaseFile, client: casework.ClientData, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Print consent form"), parent)
        self.casefile = casefile
        self.client_id = client.id
        self.person = QLabel(member_name(client))
        self.kind = catalogue_combo(casefile, cat.CONSENT_KINDS)
        select_code(self.kind, casework.CASE_DOCUMENTATION)
        self.language = QComboBox()
        for code in consent_report.available_languages():
            self.language.addItem(language_name(code), code)
        others = [c for c in consent_report.available_languages() if c != "de"]
        if others:
            select_code(self.language, others[0])
        self.recipients = QListWidget()
        self.recipients.setMaximumHeight(140)
        language = i18n.current_language()
        for entry in casework.catalogues_of(casefile)[cat.REFERRAL_TARGETS].entries:
            item = QListWidgetItem(entry.label(language))
            item.setData(Qt.ItemDataRole.UserRole, entry.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.recipients.addItem(item)
        self.add_row(self.tr("Client:"), self.person)
        self.add_row(self.tr("&Kind:"), self.kind)
        self.add_row(self.tr("Second &language:"), self.language)
        self.add_row(self.tr("&Recipients (optional):"), self.recipients)
        self.kind.setFocus()

    def chosen_recipients(self) -> list[str]:
        """The codes of the checked recipients, in catalogue order."""
        chosen = []
        for row in range(self.recipients.count()):
            item = self.recipients.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                chosen.append(item.data(Qt.ItemDataRole.UserRole))
        return chosen

    def set_recipients(self, codes: Sequence[str]) -> None:
        for row in range(self.recipients.count()):
            item = self.recipients.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in codes
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def save(self) -> str | None:
        if self.kind.currentData() == casework.DATA_TRANSFER and not self.chosen_recipients():
            raise InvalidInput(
                "recipients", self.tr("A data transfer needs at least one recipient.")
            )
        return self.client_id


class WithdrawConsentDialog(RecordDialog):
    """The date a consent was withdrawn; OK asks before writing (there is no undo)."""

    def __init__(
        self,
        casefile: CaseFile,
        consent: casework.ConsentRow,
        ask: Callable[[str, str], bool],
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Withdraw consent"), parent)
        self.casefile = casefile
        self.consent = consent
        self._ask = ask
        self.withdrawn_on = date_edit(today, self.tr("Withdrawn on"))
        self.add_row(self.tr("&Withdrawn on:"), self.withdrawn_on)
        self.withdrawn_on.setFocus()

    def accept(self) -> None:
        if not self._ask(
            self.tr("Withdraw consent"),
            self.tr(
                "Record that this consent was withdrawn on {date}? This cannot be undone."
            ).format(date=date_text(self.withdrawn_on.date().toPython())),
        ):
            return
        super().accept()

    def save(self) -> str:
        casework.withdraw_consent(
            self.casefile, self.consent.id, self.withdrawn_on.date().toPython()
        )
        return self.consent.id


class AssessmentDialog(RecordDialog):
    """A new assessment: one 0–3 rating per life area (type the digit), date, optionally the
    member it concerns, notes."""

    def __init__(
        self,
        casefile: CaseFile,
        case: casework.CaseDetail,
        catalogues: dict[str, cat.Catalogue],
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("New assessment"), parent)
        self.casefile = casefile
        self.case_id = case.id
        self.assessed_on = date_edit(today, self.tr("Assessed on"))
        self.client = QComboBox()
        self.client.addItem(self.tr("(the whole case)"), None)
        for member in case.members:
            self.client.addItem(member_name(member.client), member.client.id)
        self.add_row(self.tr("&Date:"), self.assessed_on)
        self.add_row(self.tr("&Concerns:"), self.client)
        language = i18n.current_language()
        self.ratings: dict[str, QComboBox] = {}
        for entry in catalogues[cat.LIFE_AREAS].entries:
            combo = QComboBox()
            combo.addItem(self.tr("– not rated"), None)
            for rating in range(4):
                combo.addItem(need_text(rating), rating)
            self.ratings[entry.code] = combo
            self.add_row(entry.label(language) + ":", combo)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(80)
        self.add_row(self.tr("N&otes:"), self.notes)
        self.assessed_on.setFocus()

    def save(self) -> str:
        ratings = {
            code: combo.currentData()
            for code, combo in self.ratings.items()
            if combo.currentData() is not None
        }
        return casework.add_assessment(
            self.casefile,
            self.case_id,
            self.assessed_on.date().toPython(),
            ratings,
            client_id=self.client.currentData(),
            notes=self.notes.toPlainText().strip() or None,
        )


class GoalDialog(RecordDialog):
    """Agree a goal: life area, title, agreed and (optional) due date."""

    def __init__(
        self, casefile: CaseFile, case_id: str, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Agree goal"), parent)
        self.casefile = casefile
        self.case_id = case_id
        self.life_area = catalogue_combo(casefile, cat.LIFE_AREAS, optional=True)
        self.title_edit = QLineEdit()
        self.agreed_on = date_edit(today, self.tr("Agreed on"))
        self.due_on = OptionalDate(self.tr("due"), None)
        self.due_on.enabled.setAccessibleName(self.tr("Has a due date"))
        self.due_on.edit.setAccessibleName(self.tr("Due on"))
        self.add_row(self.tr("&Life area:"), self.life_area)
        self.add_row(self.tr("&Goal:"), self.title_edit)
        self.add_row(self.tr("&Agreed on:"), self.agreed_on)
        self.add_row(self.tr("D&ue on:"), self.due_on)
        self.life_area.setFocus()

    def save(self) -> str:
        return casework.add_goal(
            self.casefile,
            self.case_id,
            self.life_area.currentData(),
            self.title_edit.text(),
            self.agreed_on.date().toPython(),
            self.due_on.value(),
        )


class GoalStatusDialog(RecordDialog):
    """Set a goal's status; every status but "open" needs the date it was closed."""

    def __init__(
        self,
        casefile: CaseFile,
        goal: casework.GoalData,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Goal status"), parent)
        self.casefile = casefile
        self.goal = goal
        self.status = catalogue_combo(casefile, cat.GOAL_STATUS)
        select_code(self.status, goal.status)
        self.closed_on = date_edit(goal.closed_on or today, self.tr("Closed on"))
        self.add_row(self.tr("Goal:"), QLabel(goal.title))
        self.add_row(self.tr("&Status:"), self.status)
        self.add_row(self.tr("&Closed on:"), self.closed_on)
        self.status.currentIndexChanged.connect(self._status_changed)
        self._status_changed()
        self.status.setFocus()

    def _status_changed(self) -> None:
        self.closed_on.setEnabled(self.status.currentData() != casework.OPEN_GOAL)

    def save(self) -> str:
        status = self.status.currentData()
        closed = None if status == casework.OPEN_GOAL else self.closed_on.date().toPython()
        casework.set_goal_status(self.casefile, self.goal.id, status, closed)
        return self.goal.id


class ReferralDialog(RecordDialog):
    """Refer to a service: date, target category, organisation, theme, outcome."""

    def __init__(
        self, casefile: CaseFile, case_id: str, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Referral"), parent)
        self.casefile = casefile
        self.case_id = case_id
        self.date = date_edit(today, self.tr("Date"))
        self.target = catalogue_combo(casefile, cat.REFERRAL_TARGETS)
        self.organisation = QLineEdit()
        self.organisation.setPlaceholderText(self.tr("e.g. Jobcenter Rhein-Sieg, Team 3"))
        self.theme = catalogue_combo(casefile, cat.THEMES, optional=True)
        self.outcome = catalogue_combo(casefile, cat.REFERRAL_OUTCOMES)
        select_code(self.outcome, "pending")
        self.add_row(self.tr("&Date:"), self.date)
        self.add_row(self.tr("&Referred to:"), self.target)
        self.add_row(self.tr("&Organisation:"), self.organisation)
        self.add_row(self.tr("&Theme:"), self.theme)
        self.add_row(self.tr("O&utcome:"), self.outcome)
        self.date.setFocus()

    def save(self) -> str:
        return casework.add_referral(
            self.casefile,
            self.case_id,
            self.date.date().toPython(),
            self.target.currentData(),
            organisation=self.organisation.text().strip() or None,
            theme=self.theme.currentData(),
            outcome=self.outcome.currentData(),
        )


class CloseCaseDialog(RecordDialog):
    """Close the case on a date with a closure reason."""

    def __init__(
        self, casefile: CaseFile, case_id: str, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Close case"), parent)
        self.casefile = casefile
        self.case_id = case_id
        self.closed_on = date_edit(today, self.tr("Closed on"))
        self.reason = catalogue_combo(casefile, cat.CLOSURE_REASONS, optional=True)
        self.add_row(self.tr("&Closed on:"), self.closed_on)
        self.add_row(self.tr("&Reason:"), self.reason)
        hint = QLabel(self.tr("Closing clears the follow-up date."))
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self.closed_on.setFocus()

    def save(self) -> str:
        # No reason chosen: core names the missing field.
        casework.close_case(
            self.casefile, self.case_id, self.closed_on.date().toPython(), self.reason.currentData()
        )
        return self.case_id


class ReopenCaseDialog(RecordDialog):
    """Reopen a closed case on a date, in the phase it had or another open phase."""

    def __init__(
        self, casefile: CaseFile, case_id: str, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Reopen case"), parent)
        self.casefile = casefile
        self.case_id = case_id
        self.reopened_on = date_edit(today, self.tr("Reopened on"))
        self.phase = QComboBox()
        self.phase.addItem(self.tr("(the phase before closing)"), None)
        catalogue = casework.catalogues_of(casefile)[cat.PHASES]
        for code in casework.OPEN_PHASES:
            self.phase.addItem(catalogue.label(code, i18n.current_language()), code)
        self.add_row(self.tr("&Reopened on:"), self.reopened_on)
        self.add_row(self.tr("&Phase:"), self.phase)
        self.reopened_on.setFocus()

    def save(self) -> str:
        casework.reopen_case(
            self.casefile,
            self.case_id,
            self.reopened_on.date().toPython(),
            phase=self.phase.currentData(),
        )
        return self.case_id


# -- the widget ------------------------------------------------------------------------------


class CaseDetailWidget(QWidget):
    """Everything about one case. ``show_case`` loads it, ``clear`` forgets it."""

    changed = Signal()  # after every successful change (the case list refreshes its row)

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.casefile: CaseFile | None = None
        self.case: casework.CaseDetail | None = None
        self._catalogues: dict[str, cat.Catalogue] = {}
        self._windows: list[QWidget] = []  # open dialogs and questions; clear() closes them
        self._build_header()
        self._build_tabs()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)

        self._changed_timer = QTimer(self)
        self._changed_timer.setSingleShot(True)
        self._changed_timer.setInterval(0)
        self._changed_timer.timeout.connect(self.changed.emit)

        self._phase_timer = QTimer(self)
        self._phase_timer.setSingleShot(True)
        self._phase_timer.setInterval(PHASE_DELAY_MS)
        self._phase_timer.timeout.connect(self.apply_phase)
        self.phase.activated.connect(lambda _index: self._phase_timer.start())
        self.phase.installEventFilter(self)

        self.notes_saver = AutoSaver(self._save_notes, self)
        self.notes_saver.watch(self.notes)
        self.notes_saver.saved.connect(self._notes_saved)
        self.notes_saver.failed.connect(self._autosave_failed)
        # Separate from the notes: a follow-up refused (closed case) must not hold up notes.
        self.follow_up_saver = AutoSaver(self._save_follow_up, self)
        self.follow_up_saver.watch(self.follow_up.enabled, self.follow_up.edit)
        self.follow_up_saver.saved.connect(self._follow_up_saved)
        self.follow_up_saver.failed.connect(self._autosave_failed)

        self.new_appointment_shortcut = QShortcut(QKeySequence("Ctrl+T"), self)
        self.new_appointment_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_appointment_shortcut.activated.connect(self.new_appointment)
        self._show_nothing()

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    # -- building ----------------------------------------------------------------------------

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(plain(text))
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _build_header(self) -> None:
        self.header = QWidget()
        self.name_label = QLabel()
        self.name_label.setAccessibleName(self.tr("Primary person"))
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.name_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.name_label.setFont(font)
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)
        self.info_label.setAccessibleName(self.tr("Case facts"))
        self.phase = QComboBox()
        self.phase.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.phase_label = _buddy(self.tr("P&hase:"), self.phase)
        self.close_button = self._button(self.tr("Close &case …"), self.close_case)
        self.reopen_button = self._button(self.tr("Reop&en …"), self.reopen_case)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a40000;")
        self.message.setAccessibleName(self.tr("Message"))
        layout = QVBoxLayout(self.header)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.name_label)
        layout.addWidget(self.info_label)
        row = _row(self.phase_label, self.phase, self.close_button, self.reopen_button)
        layout.addLayout(row)
        layout.addWidget(self.message)

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Parts of the case"))
        pages = [
            (self._persons_page(), self.tr("&Persons")),
            (self._assessment_page(), self.tr("&Assessment")),
            (self._goals_page(), self.tr("&Goals")),
            (self._appointments_page(), self.tr("Appoint&ments")),
            (self._referrals_page(), self.tr("&Referrals")),
            (self._notes_page(), self.tr("&Notes && follow-up")),
            (self._timeline_page(), self.tr("T&imeline")),
        ]
        for page, title in pages:
            page.setAccessibleName(plain(title))
            self.tabs.addTab(page, title)

    def _persons_page(self) -> QWidget:
        c = self._catalogues
        self.members_model = RowsModel(
            [
                Column(self.tr("Name"), lambda m: member_name(m.client)),
                Column(self.tr("Born"), lambda m: date_text(m.client.birth_date)),
                Column(self.tr("Role"), lambda m: _label(c, cat.MEMBER_ROLES, m.role)),
                Column(self.tr("Nationality"), lambda m: self._nationality(m.client.nationality)),
                Column(
                    self.tr("Residence status"),
                    lambda m: _label(c, cat.RESIDENCE_STATUS, m.client.residence_status),
                ),
            ]
        )
        self.members_table = _table(self.members_model, self.tr("Members"), stretch=0)
        self.members_table.activated.connect(lambda _index: self.edit_client())
        self.add_member_button = self._button(self.tr("A&dd member …"), self.add_member)
        self.edit_client_button = self._button(self.tr("Edit c&lient …"), self.edit_client)
        self.primary_button = self._button(self.tr("Make primar&y"), self.make_primary)
        self.remove_member_button = self._button(self.tr("Remo&ve from case …"), self.remove_member)
        self.access_copy_button = self._button(
            self.tr("Data co&py (Art. 15) …"), self.print_access_copy
        )
        self.consents_model = RowsModel(
            [
                Column(self.tr("Consent"), lambda r: _label(c, cat.CONSENT_KINDS, r.kind)),
                Column(
                    self.tr("Recipient"), lambda r: _label(c, cat.REFERRAL_TARGETS, r.recipient)
                ),
                Column(self.tr("Given"), lambda r: date_text(r.given_on)),
                Column(self.tr("Withdrawn"), lambda r: date_text(r.withdrawn_on)),
            ]
        )
        self.consents_table = _table(
            self.consents_model, self.tr("Consents of the selected member"), stretch=0
        )
        self.record_consent_button = self._button(self.tr("Record con&sent …"), self.record_consent)
        self.withdraw_button = self._button(self.tr("&Withdraw …"), self.withdraw_consent)
        self.print_consent_button = self._button(
            self.tr("Prin&t consent form …"), self.print_consent
        )
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_buddy(self.tr("Mem&bers:"), self.members_table))
        layout.addWidget(self.members_table, 3)
        layout.addLayout(
            _row(
                self.add_member_button,
                self.edit_client_button,
                self.primary_button,
                self.remove_member_button,
                self.access_copy_button,
            )
        )
        layout.addWidget(_buddy(self.tr("C&onsents of the selected member:"), self.consents_table))
        layout.addWidget(self.consents_table, 2)
        layout.addLayout(
            _row(self.record_consent_button, self.withdraw_button, self.print_consent_button)
        )
        self.members_table.selectionModel().currentRowChanged.connect(self._member_chosen)
        self.consents_table.selectionModel().currentRowChanged.connect(self._update_actions)
        return page

    def _assessment_page(self) -> QWidget:
        self.assessment_model = AssessmentGridModel()
        self.assessment_table = QTableView()
        self.assessment_table.setModel(self.assessment_model)
        self.assessment_table.setAccessibleName(self.tr("Needs by life area and date"))
        self.assessment_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.assessment_table.setTabKeyNavigation(False)
        self.assessment_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.new_assessment_button = self._button(self.tr("Ne&w assessment …"), self.new_assessment)
        hint = QLabel(self.tr("0 no need · 1 low · 2 medium · 3 high need; one column per date."))
        hint.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_buddy(self.tr("Needs &by life area:"), self.assessment_table))
        layout.addWidget(self.assessment_table, 1)
        layout.addWidget(hint)
        layout.addLayout(_row(self.new_assessment_button))
        return page

    def _goals_page(self) -> QWidget:
        c = self._catalogues
        self.goals_model = RowsModel(
            [
                Column(self.tr("Life area"), lambda g: _label(c, cat.LIFE_AREAS, g.life_area)),
                Column(self.tr("Goal"), lambda g: g.title),
                Column(self.tr("Agreed"), lambda g: date_text(g.agreed_on)),
                Column(self.tr("Due"), lambda g: date_text(g.due_on)),
                Column(self.tr("Status"), lambda g: _label(c, cat.GOAL_STATUS, g.status)),
                Column(self.tr("Closed"), lambda g: date_text(g.closed_on)),
            ]
        )
        self.goals_table = _table(self.goals_model, self.tr("Goals"), stretch=1)
        self.goals_table.activated.connect(lambda _index: self.set_goal_status())
        self.agree_goal_button = self._button(self.tr("Agree g&oal …"), self.agree_goal)
        self.goal_status_button = self._button(self.tr("&Set status …"), self.set_goal_status)
        self.print_goals_button = self._button(
            self.tr("Prin&t goal agreement …"), self.print_goal_agreement
        )
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_buddy(self.tr("Agreed goa&ls:"), self.goals_table))
        layout.addWidget(self.goals_table, 1)
        layout.addLayout(
            _row(self.agree_goal_button, self.goal_status_button, self.print_goals_button)
        )
        self.goals_table.selectionModel().currentRowChanged.connect(self._update_actions)
        return page

    def _appointments_page(self) -> QWidget:
        c = self._catalogues
        self.appointments_model = RowsModel(
            [
                Column(self.tr("Date"), lambda a: date_text(a.date)),
                Column(self.tr("Minutes"), lambda a: number(a.minutes), align_right=True),
                Column(self.tr("Kind"), lambda a: _label(c, cat.APPOINTMENT_KINDS, a.kind)),
                Column(
                    self.tr("Themes"),
                    lambda a: ", ".join(_label(c, cat.THEMES, t) for t in a.themes),
                ),
                Column(self.tr("Channel"), lambda a: _label(c, cat.CHANNELS, a.channel)),
            ]
        )
        self.appointments_table = _table(
            self.appointments_model, self.tr("Appointments"), stretch=3
        )
        self.appointments_table.activated.connect(lambda _index: self.edit_appointment())
        self.new_appointment_button = self._button(
            self.tr("Ne&w appointment …"), self.new_appointment
        )
        self.new_appointment_button.setToolTip(self.tr("New appointment (Ctrl+T)"))
        self.edit_appointment_button = self._button(self.tr("E&dit …"), self.edit_appointment)
        self.delete_appointment_button = self._button(self.tr("De&lete …"), self.delete_appointment)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_buddy(self.tr("Appointments of the ca&se:"), self.appointments_table))
        layout.addWidget(self.appointments_table, 1)
        layout.addLayout(
            _row(
                self.new_appointment_button,
                self.edit_appointment_button,
                self.delete_appointment_button,
            )
        )
        self.appointments_table.selectionModel().currentRowChanged.connect(self._update_actions)
        return page

    def _referrals_page(self) -> QWidget:
        c = self._catalogues
        self.referrals_model = RowsModel(
            [
                Column(self.tr("Date"), lambda r: date_text(r.date)),
                Column(self.tr("Target"), lambda r: _label(c, cat.REFERRAL_TARGETS, r.target)),
                Column(self.tr("Organisation"), lambda r: r.organisation or ""),
                Column(self.tr("Theme"), lambda r: _label(c, cat.THEMES, r.theme)),
                Column(self.tr("Outcome"), lambda r: _label(c, cat.REFERRAL_OUTCOMES, r.outcome)),
            ]
        )
        self.referrals_table = _table(self.referrals_model, self.tr("Referrals"), stretch=2)
        self.refer_button = self._button(self.tr("Re&fer …"), self.refer)
        self.outcome = QComboBox()
        self.outcome_label = _buddy(self.tr("&Outcome of the selected referral:"), self.outcome)
        self.outcome.activated.connect(lambda _index: self.apply_outcome())
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_buddy(self.tr("Referra&ls:"), self.referrals_table))
        layout.addWidget(self.referrals_table, 1)
        layout.addLayout(_row(self.refer_button, self.outcome_label, self.outcome))
        self.referrals_table.selectionModel().currentRowChanged.connect(self._referral_chosen)
        return page

    def _notes_page(self) -> QWidget:
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.follow_up = OptionalDate(self.tr("set"), None)
        self.follow_up.enabled.setAccessibleName(self.tr("Follow-up date set"))
        self.follow_up.edit.setAccessibleName(self.tr("Follow-up date"))
        self.notes_status = QLabel()
        self.notes_status.setAccessibleName(self.tr("Saving state"))
        hint = QLabel(self.tr("Saved automatically while you type. Closing a case clears its "
                              "follow-up date."))  # fmt: skip
        hint.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_buddy(self.tr("Case no&tes:"), self.notes))
        layout.addWidget(self.notes, 1)
        follow_label = _buddy(self.tr("&Follow-up (Wiedervorlage):"), self.follow_up.enabled)
        layout.addLayout(_row(follow_label, self.follow_up))
        layout.addWidget(hint)
        layout.addWidget(self.notes_status)
        return page

    def _timeline_page(self) -> QWidget:
        self.timeline_model = RowsModel(
            [
                Column(self.tr("Date"), lambda e: date_text(e.on)),
                Column(self.tr("What happened"), self.timeline_text),
            ]
        )
        self.timeline_table = _table(self.timeline_model, self.tr("Timeline"), stretch=1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_buddy(self.tr("Event&s in date order:"), self.timeline_table))
        layout.addWidget(self.timeline_table, 1)
        return page

    # -- texts -------------------------------------------------------------------------------

    def _label(self, name: str, code: str | None) -> str:
        return _label(self._catalogues, name, code)

    def _nationality(self, code: str | None) -> str:
        return cat.nationality_label(code, i18n.current_language()) if code else ""

    def timeline_text(self, entry: casework.TimelineEntry) -> str:
        """ "Goal agreed: Housing" — the kind of event with the label of its summary code."""
        texts: dict[str, tuple[str, str, str | None]] = {
            # kind: (text with the code's label, text without a code, catalogue of the code)
            "case_opened": (self.tr("Case opened: {what}"), self.tr("Case opened"), cat.TRACKS),
            "consent_given": (
                self.tr("Consent given: {what}"),
                self.tr("Consent given"),
                cat.CONSENT_KINDS,
            ),
            "phase_changed": (
                self.tr("Phase changed to {what}"),
                self.tr("Phase changed"),
                cat.PHASES,
            ),
            "appointment": (
                self.tr("Appointment: {what}"),
                self.tr("Appointment"),
                cat.APPOINTMENT_KINDS,
            ),
            "assessment": (self.tr("Assessment"), self.tr("Assessment"), None),
            "goal_agreed": (
                self.tr("Goal agreed: {what}"),
                self.tr("Goal agreed"),
                cat.LIFE_AREAS,
            ),
            "referral": (
                self.tr("Referral to {what}"),
                self.tr("Referral"),
                cat.REFERRAL_TARGETS,
            ),
            "goal_closed": (
                self.tr("Goal closed: {what}"),
                self.tr("Goal closed"),
                cat.GOAL_STATUS,
            ),
            "consent_withdrawn": (
                self.tr("Consent withdrawn: {what}"),
                self.tr("Consent withdrawn"),
                cat.CONSENT_KINDS,
            ),
            "case_closed": (
                self.tr("Case closed: {what}"),
                self.tr("Case closed"),
                cat.CLOSURE_REASONS,
            ),
            "case_reopened": (
                self.tr("Case reopened in phase {what}"),
                self.tr("Case reopened"),
                cat.PHASES,
            ),
        }
        known = texts.get(entry.kind)
        if known is None:
            return entry.kind  # a kind newer than this window: the code beats nothing
        with_code, without_code, catalogue = known
        if catalogue is None or not entry.summary_code:
            return without_code
        return with_code.format(what=self._label(catalogue, entry.summary_code))

    def _info_text(self, case: casework.CaseDetail) -> str:
        parts = [
            case.municipality,
            self._label(cat.TRACKS, case.track),
            self.tr("opened {date}").format(date=date_text(case.opened_on)),
        ]
        if case.closed_on is not None:
            reason = self._label(cat.CLOSURE_REASONS, case.closure_reason)
            closed = self.tr("closed {date}").format(date=date_text(case.closed_on))
            parts.append(f"{closed} ({reason})" if reason else closed)
        else:
            since = case.phase_changes[-1].changed_on if case.phase_changes else case.opened_on
            parts.append(
                self.tr("phase: {phase} since {date}").format(
                    phase=self._label(cat.PHASES, case.phase), date=date_text(since)
                )
            )
            if case.follow_up_on is not None:
                parts.append(self.tr("follow-up {date}").format(date=date_text(case.follow_up_on)))
        return " · ".join(parts)

    # -- showing -----------------------------------------------------------------------------

    def show_case(self, casefile: CaseFile, case_id: str) -> None:
        """Load and show ``case_id``; shows the same case again after a change, keeping the
        selected rows and the text being typed."""
        if self.casefile is casefile:
            self.flush_edits()  # pending typing belongs to the case shown so far
        try:
            detail = casework.get_case(casefile, case_id)
            catalogues = casework.catalogues_of(casefile)
        except Exception as error:  # noqa: BLE001 - e.g. deleted meanwhile: say so
            self.clear()
            self.message.setText(describe_error(error))
            return
        same = self.case is not None and self.case.id == detail.id and self.casefile is casefile
        if not same:
            self._close_windows()  # a dialog of the previous case must not save into it
        keep = self._selection() if same else {}
        self.casefile = casefile
        self.case = detail
        self._catalogues.clear()
        self._catalogues.update(catalogues)
        self.message.clear()
        self._fill(detail, keep, same)

    def _selection(self) -> dict[str, str | None]:
        def chosen(table: QTableView, model: RowsModel, key: Callable[[Any], str]) -> str | None:
            row = model.row_at(table.currentIndex().row())
            return key(row) if row is not None else None

        return {
            "member": chosen(self.members_table, self.members_model, lambda m: m.client.id),
            "consent": chosen(self.consents_table, self.consents_model, lambda r: r.id),
            "goal": chosen(self.goals_table, self.goals_model, lambda g: g.id),
            "appointment": chosen(self.appointments_table, self.appointments_model, lambda a: a.id),
            "referral": chosen(self.referrals_table, self.referrals_model, lambda r: r.id),
        }

    @staticmethod
    def _reselect(
        table: QTableView, model: RowsModel, key: Callable[[Any], str | None], wanted: str | None
    ) -> bool:
        for row, item in enumerate(model.rows):
            if wanted is not None and key(item) == wanted:
                table.setCurrentIndex(model.index(row, 0))
                return True
        return False

    def _fill(self, case: casework.CaseDetail, keep: dict[str, str | None], same: bool) -> None:
        primary = next((m for m in case.members if m.role == casework.PRIMARY), None)
        if primary is None and case.members:
            primary = case.members[0]
        self.name_label.setText(member_name(primary.client) if primary else "")
        self.info_label.setText(self._info_text(case))
        self._fill_phase(case)
        is_closed = case.closed_on is not None
        self.close_button.setVisible(not is_closed)
        self.reopen_button.setVisible(is_closed)

        self.members_model.set_rows(case.members)
        # The member selected before (gone after "Remove"), else the primary person: their
        # consents are shown below.
        if not self._reselect(
            self.members_table, self.members_model, lambda m: m.client.id, keep.get("member")
        ):
            first = primary.client.id if primary else None
            self._reselect(self.members_table, self.members_model, lambda m: m.client.id, first)
        self._fill_consents()
        self._reselect(
            self.consents_table, self.consents_model, lambda r: r.id, keep.get("consent")
        )

        areas = [(e.code, e.label(i18n.current_language())) for e in self._life_areas(case)]
        names = {m.client.id: member_name(m.client) for m in case.members}
        headers = [
            date_text(a.assessed_on) + (f"\n{names[a.client_id]}" if a.client_id in names else "")
            for a in case.assessments
        ]
        self.assessment_model.set_grid(areas, case.assessments, headers)

        self.goals_model.set_rows(case.goals)
        self._reselect(self.goals_table, self.goals_model, lambda g: g.id, keep.get("goal"))
        self.appointments_model.set_rows(case.appointments)
        self._reselect(
            self.appointments_table,
            self.appointments_model,
            lambda a: a.id,
            keep.get("appointment"),
        )
        self._fill_outcomes()
        self.referrals_model.set_rows(case.referrals)
        self._reselect(
            self.referrals_table, self.referrals_model, lambda r: r.id, keep.get("referral")
        )
        self._referral_chosen()

        with self.notes_saver.suspend():
            # The same case again (after a change elsewhere): keep the text being typed, with
            # its cursor, unless the stored notes really differ.
            if not same or (self.notes.toPlainText().strip() or None) != case.notes:
                self.notes.setPlainText(case.notes or "")
        with self.follow_up_saver.suspend():
            self._fill_follow_up(case)
        if not same:
            self.notes_status.clear()
        self.timeline_model.set_rows(case.timeline)
        self.header.setEnabled(True)
        self.tabs.setEnabled(True)
        self._update_actions()

    def _life_areas(self, case: casework.CaseDetail) -> list[cat.Entry]:
        """The catalogue's life areas, plus any rated area the catalogue no longer has."""
        catalogue = self._catalogues.get(cat.LIFE_AREAS) or cat.base_catalogues()[cat.LIFE_AREAS]
        entries = list(catalogue.entries)
        known = set(catalogue.codes)
        for assessment in case.assessments:
            for code in assessment.ratings:
                if code not in known:
                    known.add(code)
                    entries.append(cat.Entry(code, code, code))
        return entries

    def _fill_phase(self, case: casework.CaseDetail) -> None:
        self._phase_timer.stop()
        if not self.phase.count():
            codes = (*casework.OPEN_PHASES, casework.CLOSED)
            for code in codes:
                self.phase.addItem(self._label(cat.PHASES, code), code)
            # "Closed" is shown, not chosen: closing needs a date and a reason (Close case …).
            closed_item = self.phase.model().item(len(codes) - 1)  # type: ignore[attr-defined]
            closed_item.setEnabled(False)
        index = self.phase.findData(case.phase)
        self.phase.setCurrentIndex(max(index, 0))
        self.phase.setEnabled(case.closed_on is None)

    def _fill_outcomes(self) -> None:
        if self.outcome.count():
            return  # filled once per shown file (clear() empties it)
        catalogue = self._catalogues.get(cat.REFERRAL_OUTCOMES)
        if catalogue is None:
            return
        for entry in catalogue.entries:
            self.outcome.addItem(entry.label(i18n.current_language()), entry.code)

    def _fill_follow_up(self, case: casework.CaseDetail) -> None:
        has_date = case.follow_up_on is not None
        self.follow_up.edit.setDate(case.follow_up_on or self.today())
        self.follow_up.enabled.setChecked(has_date)
        self.follow_up.edit.setEnabled(has_date)
        # A closed case has no follow-up (core refuses one).
        self.follow_up.setEnabled(case.closed_on is None)

    def _fill_consents(self) -> None:
        member = self.selected_member()
        self.consents_model.set_rows(member.consents if member else [])

    def _show_nothing(self) -> None:
        self.name_label.setText(self.tr("No case chosen"))
        self.header.setEnabled(False)
        self.tabs.setEnabled(False)
        self.close_button.setVisible(True)
        self.reopen_button.setVisible(False)

    def clear(self) -> None:
        """Drop every shown value (on lock): nothing personal remains in any widget."""
        self._phase_timer.stop()
        self.notes_saver.discard()
        self.follow_up_saver.discard()
        self._close_windows()
        self.case = None
        for model in (
            self.members_model,
            self.consents_model,
            self.goals_model,
            self.appointments_model,
            self.referrals_model,
            self.timeline_model,
        ):
            model.set_rows([])
        self.assessment_model.set_grid([], [], [])
        for label in (self.name_label, self.info_label, self.message, self.notes_status):
            label.clear()
        with self.notes_saver.suspend():
            self.notes.clear()
        with self.follow_up_saver.suspend():
            self.follow_up.enabled.setChecked(False)
            self.follow_up.edit.setDate(self.today())
        self.phase.clear()
        self.outcome.clear()
        self._show_nothing()

    def _close_windows(self) -> None:
        for window in list(self._windows):
            self._windows.remove(window)
            for inner in window.findChildren(QDialog):
                inner.reject()
            if isinstance(window, QDialog):
                window.reject()
            window.hide()
            # Out of the widget tree at once (no waiting for deleteLater), so no name stays.
            window.setParent(None)
            window.deleteLater()

    # -- selection ---------------------------------------------------------------------------

    def selected_member(self) -> casework.MemberDetail | None:
        return self.members_model.row_at(self.members_table.currentIndex().row())

    def selected_consent(self) -> casework.ConsentRow | None:
        return self.consents_model.row_at(self.consents_table.currentIndex().row())

    def selected_goal(self) -> casework.GoalData | None:
        return self.goals_model.row_at(self.goals_table.currentIndex().row())

    def selected_appointment(self) -> casework.AppointmentData | None:
        return self.appointments_model.row_at(self.appointments_table.currentIndex().row())

    def selected_referral(self) -> casework.ReferralData | None:
        return self.referrals_model.row_at(self.referrals_table.currentIndex().row())

    def _member_chosen(self, *_args: object) -> None:
        self._fill_consents()
        self._update_actions()

    def _referral_chosen(self, *_args: object) -> None:
        referral = self.selected_referral()
        if referral is not None:
            select_code(self.outcome, referral.outcome)
        self._update_actions()

    def _update_actions(self, *_args: object) -> None:
        shown = self.case is not None
        member = self.selected_member()
        consent = self.selected_consent()
        self.edit_client_button.setEnabled(member is not None)
        self.primary_button.setEnabled(member is not None and member.role != casework.PRIMARY)
        self.remove_member_button.setEnabled(
            member is not None and shown and len(self.members_model.rows) > 1
        )
        self.record_consent_button.setEnabled(member is not None)
        self.print_consent_button.setEnabled(member is not None)
        self.access_copy_button.setEnabled(member is not None)
        self.withdraw_button.setEnabled(consent is not None and consent.withdrawn_on is None)
        self.goal_status_button.setEnabled(self.selected_goal() is not None)
        has_appointment = self.selected_appointment() is not None
        self.edit_appointment_button.setEnabled(has_appointment)
        self.delete_appointment_button.setEnabled(has_appointment)
        has_referral = self.selected_referral() is not None
        self.outcome.setEnabled(has_referral)
        self.outcome_label.setEnabled(has_referral)

    # -- windows -----------------------------------------------------------------------------

    def active_dialog(self) -> QWidget | None:
        """The dialog or question opened last and still open (tests fill it in)."""
        return self._windows[-1] if self._windows else None

    def _prepared(self, dialog: _D, done: Callable[[], None] | None = None) -> _D:
        """Track ``dialog`` (``clear()`` closes it) and read the case again when it saves.
        Tests fill the returned dialog and call ``accept()`` without showing it."""
        self._windows.append(dialog)
        dialog.accepted.connect(done or self._after_change)
        dialog.finished.connect(lambda _result, d=dialog: self._forget(d))
        return dialog

    def _open(self, dialog: QDialog | None) -> QDialog | None:
        """Show a prepared dialog window-modal, without blocking."""
        if dialog is not None:
            dialog.open()
        return dialog

    def _forget(self, dialog: QDialog) -> None:
        if dialog in self._windows:
            self._windows.remove(dialog)
            dialog.deleteLater()

    def _ask(self, title: str, text: str) -> bool:
        """A yes/no question (No is the default); False if the view was cleared meanwhile."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        shown = self.case.id if self.case else None
        self._windows.append(box)
        box.exec()
        if self.case is None or self.case.id != shown:
            return False  # locked (or another case shown) while the question was open
        yes = box.clickedButton() == box.button(QMessageBox.StandardButton.Yes)
        self._forget(box)
        return yes

    def _after_change(self) -> None:
        if self.casefile is not None and self.case is not None:
            self.show_case(self.casefile, self.case.id)
            self._announce_change()

    def _announce_change(self) -> None:
        """Emit ``changed`` once the current event is handled: the host reloads its list then
        (and may call back into this widget) without re-entering our own handlers."""
        self._changed_timer.start()

    def _show_error(self, error: BaseException) -> None:
        self.message.setText(describe_error(error))

    def _call(self, action: Callable[[], object]) -> bool:
        """Run one core change; show its refusal in the header, else reload and signal."""
        try:
            action()
        except Exception as error:  # noqa: BLE001 - shown to the user
            self._show_error(error)
            return False
        self._after_change()
        return True

    def _ready(self) -> tuple[CaseFile, casework.CaseDetail] | None:
        if self.casefile is None or self.case is None:
            return None
        return self.casefile, self.case

    # -- header actions ----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.phase and event.type() == QEvent.Type.FocusOut:
            self.apply_phase()
        return False

    def apply_phase(self) -> None:
        """Write the phase chosen in the combo (``set_phase`` with today's date)."""
        self._phase_timer.stop()
        ready = self._ready()
        code = self.phase.currentData()
        if ready is None or code is None:
            return
        casefile, case = ready
        if case.closed_on is not None or code == case.phase:
            return
        if not self._call(lambda: casework.set_phase(casefile, case.id, code, self.today())):
            select_code(self.phase, case.phase)

    def close_case_dialog(self) -> CloseCaseDialog | None:
        ready = self._ready()
        if ready is None:
            return None
        return self._prepared(CloseCaseDialog(ready[0], ready[1].id, self.today(), self))

    def close_case(self) -> QDialog | None:
        self.apply_phase()  # a phase still pending is recorded before the closing
        return self._open(self.close_case_dialog())

    def reopen_case_dialog(self) -> ReopenCaseDialog | None:
        ready = self._ready()
        if ready is None:
            return None
        return self._prepared(ReopenCaseDialog(ready[0], ready[1].id, self.today(), self))

    def reopen_case(self) -> QDialog | None:
        return self._open(self.reopen_case_dialog())

    # -- persons and consents ----------------------------------------------------------------

    def add_member_dialog(self) -> AddMemberDialog | None:
        ready = self._ready()
        if ready is None:
            return None
        dialog = AddMemberDialog(ready[0], ready[1].id, self)
        return self._prepared(dialog, lambda: self._after_member_added(dialog))

    def add_member(self) -> QDialog | None:
        return self._open(self.add_member_dialog())

    def _after_member_added(self, dialog: AddMemberDialog) -> None:
        self._after_change()
        # The member just added is selected, so their consent can be recorded next.
        self._reselect(
            self.members_table, self.members_model, lambda m: m.client.id, dialog.result_id
        )

    def edit_client_dialog(self) -> ClientDialog | None:
        member = self.selected_member()
        if self.casefile is None or member is None:
            return None
        return self._prepared(ClientDialog(self.casefile, member.client, parent=self))

    def edit_client(self) -> QDialog | None:
        return self._open(self.edit_client_dialog())

    def make_primary(self) -> None:
        ready, member = self._ready(), self.selected_member()
        if ready is None or member is None or member.client.id is None:
            return
        casefile, case = ready
        client_id = member.client.id
        self._call(lambda: casework.set_primary_member(casefile, case.id, client_id))

    def remove_member(self) -> None:
        ready, member = self._ready(), self.selected_member()
        if ready is None or member is None or member.client.id is None:
            return
        casefile, case = ready
        client_id = member.client.id
        successor = None
        text = self.tr("Remove {name} from this case? The client's record stays in the file.")
        if member.role == casework.PRIMARY:
            # Core needs a new primary member; the next one in the list takes over.
            others = [m for m in case.members if m.client.id != client_id]
            if not others:
                return
            successor = others[0].client.id
            text += " " + self.tr("{other} becomes the primary person.").format(
                other=member_name(others[0].client)
            )
        if not self._ask(self.tr("Remove member"), text.format(name=member_name(member.client))):
            return
        self._call(lambda: casework.remove_member(casefile, case.id, client_id, successor))

    def record_consent_dialog(self) -> ConsentDialog | None:
        member = self.selected_member()
        if self.casefile is None or member is None:
            return None
        return self._prepared(ConsentDialog(self.casefile, member.client, self.today(), self))

    def record_consent(self) -> QDialog | None:
        return self._open(self.record_consent_dialog())

    def withdraw_consent_dialog(self) -> WithdrawConsentDialog | None:
        consent = self.selected_consent()
        if self.casefile is None or consent is None:
            return None
        return self._prepared(
            WithdrawConsentDialog(self.casefile, consent, self._ask, self.today(), self)
        )

    def withdraw_consent(self) -> QDialog | None:
        return self._open(self.withdraw_consent_dialog())

    # -- printed documents -------------------------------------------------------------------

    def _save_path(self, title: str, suggested: str) -> Path | None:
        """Where to write a PDF; None when cancelled. Tests replace this."""
        return ask_pdf_path(self, title, suggested)

    def print_consent_dialog(self) -> PrintConsentDialog | None:
        member = self.selected_member()
        if self.casefile is None or member is None:
            return None
        dialog = PrintConsentDialog(self.casefile, member.client, self)
        return self._prepared(dialog, lambda: self._print_consent_chosen(dialog))

    def print_consent(self) -> QDialog | None:
        return self._open(self.print_consent_dialog())

    def _print_consent_chosen(self, dialog: PrintConsentDialog) -> None:
        casefile, client_id = self.casefile, dialog.client_id
        if casefile is None or client_id is None:
            return
        kind = dialog.kind.currentData()
        language = dialog.language.currentData()
        recipients = dialog.chosen_recipients()
        shown = self.case.id if self.case else None
        path = self._save_path(self.tr("Save consent form"), self.tr("consent-form.pdf"))
        if path is None or self.case is None or self.case.id != shown:
            return  # cancelled, or locked while the file dialog was open
        today = self.today()
        self.message.setText(self.tr("Creating the consent form …"))

        def work(_report: object) -> document_data.ConsentFormData:
            data = document_data.consent_data(
                casefile, client_id, kind, recipients, language, today
            )
            _write_pdf(path, lambda out: consent_report.build_consent_form(data, out))
            return data

        def succeeded(data: document_data.ConsentFormData) -> bool:
            if self.case is None or self.case.id != shown:
                return  # locked (or another case shown) meanwhile
            saved = self.tr("Saved {path}.").format(path=str(path))
            self.message.setText(saved)
            if self._ask(
                self.tr("Record consent"),
                self.tr(
                    "Record the signed consent now? Choose Yes once the client has signed the "
                    "printed form."
                ),
            ) and self._record_printed_consent(client_id, data):
                self.message.setText(saved + " " + self.tr("The consent is recorded."))

        run_operation(self, work, succeeded, self._show_error)

    def _record_printed_consent(self, client_id: str, data: document_data.ConsentFormData) -> None:
        """Record what the printed form covers: the consent of its kind, and one data
        transfer per recipient; given today, with the form's version and language."""
        casefile = self.casefile
        if casefile is None:
            return False
        today = self.today()

        def record() -> None:
            if data.kind == casework.CASE_DOCUMENTATION:
                casework.record_consent(
                    casefile,
                    client_id,
                    casework.CASE_DOCUMENTATION,
                    today,
                    form_version=data.form_version,
                    language=data.language,
                )
            for recipient in data.recipients:
                casework.record_consent(
                    casefile,
                    client_id,
                    casework.DATA_TRANSFER,
                    today,
                    recipient=recipient.code,
                    form_version=data.form_version,
                    language=data.language,
                )

        return self._call(record)

    def print_goal_agreement(self) -> None:
        ready = self._ready()
        if ready is None:
            return
        casefile, case = ready
        case_id = case.id
        path = self._save_path(self.tr("Save goal agreement"), self.tr("goal-agreement.pdf"))
        if path is None or self.case is None or self.case.id != case_id:
            return  # cancelled, or locked while the file dialog was open
        today = self.today()
        self.message.setText(self.tr("Creating the goal agreement …"))

        def work(_report: object) -> None:
            data = document_data.goal_agreement_data(casefile, case_id, today)
            _write_pdf(path, lambda out: goal_agreement.build_goal_agreement(data, out))

        def succeeded(_result: object) -> None:
            if self.case is not None and self.case.id == case_id:
                self.message.setText(self.tr("Saved {path}.").format(path=str(path)))

        run_operation(self, work, succeeded, self._show_error)

    def print_access_copy(self) -> None:
        """The copy of everything stored about the selected member (Art. 15 GDPR): a PDF and,
        beside it, the same data as interchange JSON."""
        ready, member = self._ready(), self.selected_member()
        if ready is None or member is None:
            return
        casefile, case = ready
        client_id, shown = member.client.id, case.id
        path = self._save_path(
            self.tr("Save copy of the client's data"), self.tr("data-copy-art15.pdf")
        )
        if path is None or self.case is None or self.case.id != shown:
            return  # cancelled, or locked while the file dialog was open
        json_out = access_copy.json_name(path)
        if json_out.exists() and not self._ask(
            self.tr("Replace file"),
            self.tr("{name} already exists. Replace it?").format(name=json_out.name),
        ):
            return
        today = self.today()
        self.message.setText(self.tr("Creating the copy of the client's data …"))

        def work(_report: object) -> int:
            copy = access_copy.access_copy(casefile, client_id, today)
            return access_copy_report.write_copy(copy, path, json_out, replace=True)

        def succeeded(_pages: object) -> None:
            if self.case is not None and self.case.id == shown:
                self.message.setText(
                    self.tr(
                        "Saved {pdf} and {json}. Before handing them over, check the notes "
                        "for information about other persons."
                    ).format(pdf=str(path), json=json_out.name)
                )

        run_operation(self, work, succeeded, self._show_error)

    # -- assessment, goals -------------------------------------------------------------------

    def new_assessment_dialog(self) -> AssessmentDialog | None:
        ready = self._ready()
        if ready is None:
            return None
        return self._prepared(
            AssessmentDialog(ready[0], ready[1], self._catalogues, self.today(), self)
        )

    def new_assessment(self) -> QDialog | None:
        return self._open(self.new_assessment_dialog())

    def agree_goal_dialog(self) -> GoalDialog | None:
        ready = self._ready()
        if ready is None:
            return None
        return self._prepared(GoalDialog(ready[0], ready[1].id, self.today(), self))

    def agree_goal(self) -> QDialog | None:
        return self._open(self.agree_goal_dialog())

    def goal_status_dialog(self) -> GoalStatusDialog | None:
        goal = self.selected_goal()
        if self.casefile is None or goal is None:
            return None
        return self._prepared(GoalStatusDialog(self.casefile, goal, self.today(), self))

    def set_goal_status(self) -> QDialog | None:
        return self._open(self.goal_status_dialog())

    # -- appointments ------------------------------------------------------------------------

    def new_appointment_dialog(self) -> AppointmentDialog | None:
        ready = self._ready()
        if ready is None:
            return None
        casefile, case = ready
        dialog = AppointmentDialog(casefile, case_id=case.id, parent=self)
        if case.track == "short_consultation":
            select_code(dialog.kind, "short_consultation")  # the usual kind for this track
        dialog.date.setDate(self.today())
        return self._prepared(dialog)

    def new_appointment(self) -> QDialog | None:
        return self._open(self.new_appointment_dialog())

    def edit_appointment_dialog(self) -> AppointmentDialog | None:
        appointment = self.selected_appointment()
        if self.casefile is None or appointment is None:
            return None
        return self._prepared(
            AppointmentDialog(self.casefile, appointment=appointment, parent=self)
        )

    def edit_appointment(self) -> QDialog | None:
        return self._open(self.edit_appointment_dialog())

    def delete_appointment(self) -> None:
        ready, appointment = self._ready(), self.selected_appointment()
        if ready is None or appointment is None or appointment.id is None:
            return
        casefile = ready[0]
        appointment_id = appointment.id
        question = self.tr("Delete the appointment of {date} ({minutes} min)? This cannot be "
                           "undone.")  # fmt: skip
        text = question.format(date=date_text(appointment.date), minutes=appointment.minutes)
        if self._ask(self.tr("Delete appointment"), text):
            self._call(lambda: casework.delete_appointment(casefile, appointment_id))

    # -- referrals ---------------------------------------------------------------------------

    def refer_dialog(self) -> ReferralDialog | None:
        ready = self._ready()
        if ready is None:
            return None
        return self._prepared(ReferralDialog(ready[0], ready[1].id, self.today(), self))

    def refer(self) -> QDialog | None:
        return self._open(self.refer_dialog())

    def apply_outcome(self) -> None:
        """Write the outcome chosen for the selected referral."""
        ready, referral = self._ready(), self.selected_referral()
        code = self.outcome.currentData()
        if ready is None or referral is None or code is None or code == referral.outcome:
            return
        casefile = ready[0]
        if not self._call(lambda: casework.set_referral_outcome(casefile, referral.id, code)):
            select_code(self.outcome, referral.outcome)

    # -- notes and follow-up -----------------------------------------------------------------

    def flush_edits(self) -> None:
        """Save what is pending: typed notes, the follow-up date, a chosen phase."""
        self.notes_saver.flush()
        self.follow_up_saver.flush()
        if self._phase_timer.isActive():
            self.apply_phase()

    def _save_notes(self) -> None:
        ready = self._ready()
        if ready is None:
            return
        casefile, case = ready
        notes = self.notes.toPlainText().strip() or None
        casework.set_case_notes(casefile, case.id, notes)
        self.case = dataclasses.replace(case, notes=notes)

    def _notes_saved(self) -> None:
        self.notes_status.setText(self.tr("Notes saved."))
        self._announce_change()

    def _save_follow_up(self) -> None:
        ready = self._ready()
        if ready is None:
            return
        casefile, case = ready
        day = self.follow_up.value()
        casework.set_follow_up(casefile, case.id, day)
        self.case = dataclasses.replace(case, follow_up_on=day)

    def _follow_up_saved(self) -> None:
        # Not a full reload: that would reset the date field while it is being typed in.
        if self.case is not None:
            self.info_label.setText(self._info_text(self.case))
        self.notes_status.setText(self.tr("Follow-up saved."))
        self._announce_change()

    def _autosave_failed(self, error: BaseException) -> None:
        self.notes_status.setText(describe_error(error))
