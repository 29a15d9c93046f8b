"""One client of the register (views/clients.py): their data, their cases (open one, open a
new one), their consents (record, withdraw) and the restriction of their processing
(Art. 18 GDPR: shown as a banner; restrict, lift; editing disabled while restricted).
Dialogs open window-modal without blocking; the ``*_dialog`` methods return them prepared
and unshown, so tests can fill them in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.sync import erasure
from kim_desktop.gui import i18n
from kim_desktop.gui.dialogs import ClientDialog, NewCaseDialog
from kim_desktop.gui.erase_dialog import Erasure, start_erasure
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.messages import describe_error
from kim_desktop.gui.open_dialogs import OpenDialogs
from kim_desktop.gui.table_model import Column, RowsModel
from kim_desktop.gui.views import restriction
from kim_desktop.gui.views.case_detail.common import buddy, catalogue_label, plain, row, table
from kim_desktop.gui.views.case_detail.person_dialogs import ConsentDialog, WithdrawConsentDialog

_D = TypeVar("_D", bound=QDialog)


class ClientPanel(QWidget):
    """The client chosen in the register. ``changed`` (with the client's id) after anything
    of theirs was saved; ``open_case_requested`` to show one of their cases; ``client_chosen``
    when a dialog chose another client (an existing one instead of a duplicate)."""

    changed = Signal(str)
    open_case_requested = Signal(str)
    client_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.casefile: CaseFile | None = None
        self.client: casework.ClientData | None = None
        self.restriction: casework.Restriction | None = None
        self._catalogues: dict[str, cat.Catalogue] = {}
        self._windows = OpenDialogs()
        self._today: dt.date | None = None  # tests fix "today"

        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.facts = QFormLayout()
        self.fact_labels: dict[str, QLabel] = {}
        for key, text in (
            ("birth_date", self.tr("Born:")),
            ("gender", self.tr("Gender:")),
            ("nationality", self.tr("Nationality:")),
            ("languages", self.tr("Languages:")),
            ("arrival_date", self.tr("Arrived:")),
            ("residence_status", self.tr("Residence status:")),
            ("contact", self.tr("Contact:")),
            ("notes", self.tr("Notes:")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            self.fact_labels[key] = value
            self.facts.addRow(text, value)
        self.edit_button = self._button(self.tr("&Edit client …"), self.edit_client)
        self.restriction_banner = QLabel()
        self.restriction_banner.setWordWrap(True)
        self.restriction_banner.setStyleSheet(restriction.BANNER_STYLE)
        self.restriction_banner.setAccessibleName(self.tr("Restriction of processing"))
        self.restrict_button = self._button(
            self.tr("Restrict &processing …"), self.restrict_processing
        )
        self.lift_button = self._button(self.tr("&Lift restriction …"), self.lift_restriction)
        self.erase_button = self._button(self.tr("Erase client …"), self.erase_client)

        self.cases_model = RowsModel(
            [
                Column(self.tr("Opened"), lambda r: date_text(r.opened_on)),
                Column(self.tr("Municipality"), lambda r: r.municipality),
                Column(self.tr("Track"), lambda r: self._label(cat.TRACKS, r.track)),
                Column(self.tr("Phase"), lambda r: self._label(cat.PHASES, r.phase)),
                Column(self.tr("Closed"), lambda r: date_text(r.closed_on)),
            ]
        )
        self.cases_table = table(self.cases_model, self.tr("Cases of the client"))
        self.cases_table.activated.connect(lambda _index: self.open_selected_case())
        self.open_case_button = self._button(self.tr("&Open case"), self.open_selected_case)
        self.new_case_button = self._button(self.tr("New c&ase …"), self.new_case)

        self.consents_model = RowsModel(
            [
                Column(self.tr("Consent"), lambda r: self._label(cat.CONSENT_KINDS, r.kind)),
                Column(
                    self.tr("Recipient"), lambda r: self._label(cat.REFERRAL_TARGETS, r.recipient)
                ),
                Column(self.tr("Given"), lambda r: date_text(r.given_on)),
                Column(self.tr("Withdrawn"), lambda r: date_text(r.withdrawn_on)),
            ]
        )
        self.consents_table = table(self.consents_model, self.tr("Consents of the client"))
        self.record_consent_button = self._button(self.tr("Recor&d consent …"), self.record_consent)
        self.withdraw_button = self._button(self.tr("&Withdraw consent …"), self.withdraw_consent)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.restriction_banner)
        layout.addLayout(self.facts)
        layout.addLayout(
            row(self.edit_button, self.restrict_button, self.lift_button, self.erase_button)
        )
        layout.addWidget(buddy(self.tr("&Cases:"), self.cases_table))
        layout.addWidget(self.cases_table, 3)
        layout.addLayout(row(self.open_case_button, self.new_case_button))
        layout.addWidget(buddy(self.tr("Co&nsents:"), self.consents_table))
        layout.addWidget(self.consents_table, 2)
        layout.addLayout(row(self.record_consent_button, self.withdraw_button))
        self.cases_table.selectionModel().currentRowChanged.connect(self._update_actions)
        self.consents_table.selectionModel().currentRowChanged.connect(self._update_actions)
        self.clear()

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(plain(text))
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _label(self, name: str, code: str | None) -> str:
        return catalogue_label(self._catalogues, name, code)

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    # -- showing ---------------------------------------------------------------------------

    def show_client(self, casefile: CaseFile, client_id: str) -> None:
        self.casefile = casefile
        self._catalogues = casework.catalogues_of(casefile)
        client = casework.get_client(casefile, client_id)
        self.client = client
        self.restriction = casework.restriction_of(casefile, client_id)
        language = i18n.current_language()
        self.heading.setText(casework.display_name(client.family_name, client.given_name))
        contact = [part for part in (client.phone, client.email, client.address) if part]
        facts = {
            "birth_date": date_text(client.birth_date),
            "gender": self._label(cat.GENDERS, client.gender),
            "nationality": (
                cat.nationality_label(client.nationality, language) if client.nationality else ""
            ),
            "languages": ", ".join(client.languages),
            "arrival_date": date_text(client.arrival_date),
            "residence_status": self._label(cat.RESIDENCE_STATUS, client.residence_status),
            "contact": " · ".join(contact),
            "notes": client.notes or "",
        }
        for key, value in facts.items():
            self.fact_labels[key].setText(value or "–")
        self.cases_model.set_rows(casework.client_cases(casefile, client_id))
        if self.cases_model.rows:
            self.cases_table.selectRow(0)
        self.consents_model.set_rows(casework.list_consents(casefile, client_id))
        self._update_actions()

    def reload(self) -> None:
        if self.casefile is not None and self.client is not None and self.client.id:
            self.show_client(self.casefile, self.client.id)

    def clear(self) -> None:
        """Nothing shown (no client chosen, or locked): personal data and dialogs go."""
        self._close_windows()
        self.casefile = None
        self.client = None
        self.restriction = None
        self.heading.setText(self.tr("No client chosen"))
        for label in self.fact_labels.values():
            label.clear()
        self.cases_model.set_rows([])
        self.consents_model.set_rows([])
        self._update_actions()

    def _update_actions(self, *_args: object) -> None:
        shown = self.client is not None
        restricted = self.restriction is not None
        consent = self.selected_consent()
        # While restricted the data are shown, not changed: the controls say why.
        for button in (
            self.edit_button,
            self.erase_button,
            self.new_case_button,
            self.record_consent_button,
        ):
            button.setEnabled(shown and not restricted)
            button.setToolTip(restriction.disabled_tip() if restricted else "")
        self.open_case_button.setEnabled(self.selected_case() is not None)
        # Withdrawing stays possible: it is the person's right (Art. 7(3) GDPR).
        self.withdraw_button.setEnabled(consent is not None and consent.withdrawn_on is None)
        self.restrict_button.setVisible(not restricted)
        self.restrict_button.setEnabled(shown)
        self.lift_button.setVisible(restricted)
        if self.restriction is not None:
            self.restriction_banner.setText(
                restriction.state_text(self.restriction) + "\n" + restriction.meaning()
            )
        self.restriction_banner.setVisible(restricted)

    def selected_case(self) -> casework.CaseRow | None:
        row_at: casework.CaseRow | None = self.cases_model.row_at(
            self.cases_table.currentIndex().row()
        )
        return row_at

    def selected_consent(self) -> casework.ConsentRow | None:
        row_at: casework.ConsentRow | None = self.consents_model.row_at(
            self.consents_table.currentIndex().row()
        )
        return row_at

    # -- dialogs ---------------------------------------------------------------------------

    def _prepared(self, dialog: _D, done: Callable[[], None] | None = None) -> _D:
        """Track ``dialog`` (``clear()`` closes it); ``done`` (or a reload) when it saves."""
        return self._windows.track(dialog, done or self._saved)

    def _open(self, dialog: QDialog | None) -> QDialog | None:
        if dialog is not None:
            dialog.open()
        return dialog

    def _forget(self, dialog: QDialog) -> None:
        self._windows.forget(dialog)

    def _close_windows(self) -> None:
        self._windows.close_all()

    def _saved(self) -> None:
        if self.client is not None and self.client.id:
            self.reload()
            self.changed.emit(self.client.id)

    def edit_client_dialog(self) -> ClientDialog | None:
        if self.casefile is None or self.client is None:
            return None
        dialog = ClientDialog(self.casefile, self.client, parent=self)
        dialog.family_name.setFocus()  # typing goes into the first field, not onto OK
        return self._prepared(dialog, lambda: self._client_dialog_done(dialog))

    def _client_dialog_done(self, dialog: ClientDialog) -> None:
        if dialog.used_existing and dialog.result_id:
            self.client_chosen.emit(dialog.result_id)  # the other one, not saved
        else:
            self._saved()

    def edit_client(self) -> QDialog | None:
        return self._open(self.edit_client_dialog())

    def erase_client(self) -> Erasure | None:
        """Erase this client after the confirmation (gui/erase_dialog.py)."""
        client = self.client
        if client is None or client.id is None:
            return None
        client_id = client.id
        return start_erasure(
            self,
            self.casefile,
            lambda casefile: erasure.plan_client(casefile, client_id),
            self.today(),
        )

    def new_case_dialog(self) -> NewCaseDialog | None:
        client = self.client
        if self.casefile is None or client is None or client.id is None:
            return None
        dialog = NewCaseDialog(self.casefile, self)
        picker = dialog.picker
        picker.show_client(client.id, client.family_name)
        if picker.client_id() != client.id:
            # More namesakes than the picker lists: put this client first, never another.
            born = f" ({client.birth_date:%d.%m.%Y})" if client.birth_date else ""
            item = QListWidgetItem(casework.display_name(client.family_name, client.given_name))
            item.setText(item.text() + born)
            item.setData(Qt.ItemDataRole.UserRole, client.id)
            picker.results.insertItem(0, item)
            picker.results.setCurrentRow(0)
        municipality = casework.client_municipality(self.casefile, client.id)
        if municipality:
            dialog.municipality.setCurrentText(municipality)
        dialog.municipality.setFocus()
        return self._prepared(dialog, lambda: self._case_opened(dialog))

    def _case_opened(self, dialog: NewCaseDialog) -> None:
        self._saved()
        if dialog.result_id:
            self.open_case_requested.emit(dialog.result_id)

    def new_case(self) -> QDialog | None:
        return self._open(self.new_case_dialog())

    def open_selected_case(self) -> None:
        case = self.selected_case()
        if case is not None:
            self.open_case_requested.emit(case.id)

    def record_consent_dialog(self) -> ConsentDialog | None:
        if self.casefile is None or self.client is None:
            return None
        return self._prepared(ConsentDialog(self.casefile, self.client, self.today(), self))

    def record_consent(self) -> QDialog | None:
        return self._open(self.record_consent_dialog())

    def withdraw_consent_dialog(self) -> WithdrawConsentDialog | None:
        consent = self.selected_consent()
        if self.casefile is None or consent is None or consent.withdrawn_on is not None:
            return None
        dialog = WithdrawConsentDialog(self.casefile, consent, self._ask, self.today(), self)
        return self._prepared(dialog)

    def withdraw_consent(self) -> QDialog | None:
        return self._open(self.withdraw_consent_dialog())

    def restrict_dialog(self) -> restriction.RestrictDialog | None:
        client = self.client
        if self.casefile is None or client is None or client.id is None:
            return None
        if self.restriction is not None:
            return None
        name = casework.display_name(client.family_name, client.given_name)
        dialog = restriction.RestrictDialog(self.casefile, client.id, name, self.today(), self)
        return self._prepared(dialog)

    def restrict_processing(self) -> QDialog | None:
        return self._open(self.restrict_dialog())

    def lift_restriction(self) -> bool:
        """Ask, then lift; True when lifted."""
        client = self.client
        if self.casefile is None or client is None or client.id is None:
            return False
        name = casework.display_name(client.family_name, client.given_name)
        lifted = restriction.lift(self.casefile, client.id, name, self._ask, self._show_error)
        if lifted:
            self._saved()
        return lifted

    def _show_error(self, error: BaseException) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Not possible"), "", parent=self)
        box.setText(describe_error(error))
        self._windows.append(box)
        box.open()

    def _ask(self, title: str, text: str) -> bool:
        """Yes/no (No is the default); False if the panel was cleared meanwhile."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        shown = self.client.id if self.client else None
        self._windows.append(box)
        box.exec()
        if self.client is None or self.client.id != shown:
            return False
        yes = box.clickedButton() == box.button(QMessageBox.StandardButton.Yes)
        self._forget(box)
        return yes
