"""The team directory in the window (core/sync/team.py): the coordinator's team list with
enrolling a key card (after comparing its fingerprint) and revoking a key (after a
confirmation naming the person), and the button every file has to write its own key card."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import KimError
from kim_desktop.core.sync import keys, team
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.messages import describe_error
from kim_desktop.gui.operations import run_operation
from kim_desktop.gui.style import as_hint
from kim_desktop.gui.table_model import Column, RowsModel, compact
from kim_desktop.gui.views.figures import (
    ERROR_STYLE,
    FingerprintDialog,
    fit_columns,
)
from kim_desktop.gui.views.sync.common import documents_folder, message_label, safe_name


def _day(timestamp: str) -> str:
    """The local date of a stored UTC timestamp (the time of day says nothing here)."""
    try:
        moment = dt.datetime.fromisoformat(timestamp)
    except ValueError:
        return timestamp
    return date_text((moment.astimezone() if moment.tzinfo else moment).date())


class KeyCardWriter(QWidget):
    """This file's key id and the button that writes its signed key card (``.kimkey``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.casefile: CaseFile | None = None
        self.key_id = QLabel()
        self.key_id.setAccessibleName(self.tr("Key id of this file"))
        self.key_id.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(self.tr("Write &key card …"))
        self.button.setToolTip(
            self.tr(
                "A signed file with your name, role and public keys, for the coordination "
                "office's team list."
            )
        )
        self.result = message_label()
        self.result.setAccessibleName(self.tr("Key card result"))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addWidget(self.key_id, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.result)
        self.button.clicked.connect(self.write_card)

    def set_casefile(self, casefile: CaseFile | None) -> None:
        self.casefile = casefile
        self.result.clear()
        self.result.setStyleSheet("")
        if casefile is None:
            self.key_id.clear()
            return
        own = keys.own_keys(casefile)
        self.key_id.setText(self.tr("Key id: {key_id}").format(key_id=own.signing_key_id))

    def write_card(self) -> None:
        casefile = self.casefile
        if casefile is None:
            return
        suggested = safe_name(casefile.owner or "key") + team.CARD_SUFFIX
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Write key card"),
            str(documents_folder() / suggested),
            self.tr("Key cards (*.kimkey)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            path = Path(name)
            if path.suffix != team.CARD_SUFFIX:
                path = path.with_name(path.name + team.CARD_SUFFIX)
            self.write_card_to(path)

    def write_card_to(self, path: Path) -> None:
        casefile = self.casefile
        if casefile is None:
            return
        self.result.setStyleSheet("")

        def succeeded(card: team.KeyCard) -> None:
            if self.casefile is casefile:
                self.result.setText(
                    self.tr(
                        "Saved {file}. Give it to the coordination office and compare this "
                        "fingerprint by phone: {fingerprint}"
                    ).format(file=path.name, fingerprint=card.fingerprint)
                )

        def failed(error: BaseException) -> None:
            if self.casefile is casefile:
                self.result.setStyleSheet(ERROR_STYLE)
                self.result.setText(describe_error(error))

        # A case manager's card carries the key colleagues encrypt handovers to.
        handovers = casefile.role == "casemanager"
        run_operation(
            self, lambda _report: team.write_card(casefile, path, handovers), succeeded, failed
        )


class TeamPanel(QGroupBox):
    """The coordinator's team: who is enrolled (or revoked), enrolling a key card and
    revoking a key. The list is short (one row per colleague), read in one query."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Team"))
        self.casefile: CaseFile | None = None
        self.enrol_dialog: FingerprintDialog | None = None
        self.revoke_box: QMessageBox | None = None
        self.revoke_button_in_box: QPushButton | None = None
        self.model = RowsModel(
            [
                Column(self.tr("Name"), lambda row: row.name),
                Column(self.tr("Role"), self._role_text),
                Column(self.tr("Key id"), lambda row: row.key_id),
                Column(self.tr("Fingerprint"), lambda row: row.fingerprint),
                Column(self.tr("Status"), self._status_text),
                Column(self.tr("Handovers"), self._handover_text),
            ]
        )
        self.table = compact(QTableView())
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Team members"))
        self.table.setMinimumHeight(140)
        fit_columns(self.table, 5)
        hint = QLabel(
            self.tr(
                "Bundles from enrolled colleagues are imported without asking. A revoked key's "
                "later bundles are rejected; the next district configuration tells the team."
            )
        )
        as_hint(hint)
        hint.setWordWrap(True)
        self.enrol_button = QPushButton(self.tr("&Enrol key card …"))
        self.revoke_button = QPushButton(self.tr("Revoke ke&y …"))
        self.revoke_button.setEnabled(False)
        self.status = message_label()
        self.status.setAccessibleName(self.tr("Team status"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.enrol_button)
        buttons.addWidget(self.revoke_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.enrol_button.clicked.connect(self.enrol_card)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

    def _role_text(self, row: team.TeamRow) -> str:
        return self.tr("case manager") if row.role == "casemanager" else self.tr("coordinator")

    def _handover_text(self, row: team.TeamRow) -> str:
        if row.role != "casemanager":
            return ""
        if row.receives_handovers:
            return self.tr("can receive cases")
        return self.tr("needs a new key card to receive cases")

    def _status_text(self, row: team.TeamRow) -> str:
        if row.revoked_at is None:
            return self.tr("enrolled on {date}").format(date=_day(row.enrolled_at))
        return self.tr("revoked on {date}").format(date=_day(row.revoked_at))

    # -- life cycle -------------------------------------------------------------------------

    def set_casefile(self, casefile: CaseFile | None) -> None:
        self.casefile = casefile
        for dialog in (self.enrol_dialog, self.revoke_box):
            if dialog is not None:
                dialog.reject()
        self.enrol_dialog = self.revoke_box = None
        self.status.clear()
        self.status.setStyleSheet("")
        self.refresh()

    def refresh(self) -> None:
        casefile = self.casefile
        self.model.set_rows(team.members(casefile) if casefile is not None else [])
        self._update_buttons()

    def selected(self) -> team.TeamRow | None:
        rows = self.table.selectionModel().selectedRows()
        row: team.TeamRow | None = self.model.row_at(rows[0].row()) if rows else None
        return row

    def select_key(self, key_id: str) -> None:
        for index, row in enumerate(self.model.rows):
            if row.key_id == key_id:
                self.table.selectRow(index)

    def _update_buttons(self, *_args: Any) -> None:
        member = self.selected()
        self.enrol_button.setEnabled(self.casefile is not None)
        self.revoke_button.setEnabled(member is not None and not member.revoked)

    def _show(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(text)

    # -- enrol ------------------------------------------------------------------------------

    def enrol_card(self) -> None:
        if self.casefile is None:
            return
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Enrol key card"),
            str(documents_folder()),
            self.tr("Key cards (*.kimkey);;All files (*)"),
        )
        if name:
            self.enrol_card_from(Path(name))

    def enrol_card_from(self, path: Path) -> None:
        """Verify the card (nothing is written), then ask for the fingerprint comparison."""
        casefile = self.casefile
        if casefile is None or self.enrol_dialog is not None:
            return
        try:
            card = team.read_card(path)  # one small file (at most 16 KiB): no thread needed
        except (KimError, OSError) as error:
            self._show(describe_error(error), error=True)
            return
        role = self.tr("case manager") if card.role == "casemanager" else self.tr("coordinator")
        details = self.tr("{name} ({role}), district: {district}, key id {key_id}").format(
            name=card.name, role=role, district=card.district or "–", key_id=card.key_id
        )
        dialog = FingerprintDialog(
            self.tr("Enrol key card"),
            self.tr(
                "Call {name} and compare the fingerprint: they see it when they write the key "
                "card. Enrol the key only if all 40 digits are the same."
            ).format(name=card.name),
            card.fingerprint,
            details,
            self.tr("Fingerprint compared, &enrol"),
            self,
        )
        self.enrol_dialog = dialog
        dialog.accepted.connect(lambda: self._enrol_decided(dialog, card, path.name, True))
        dialog.rejected.connect(lambda: self._enrol_decided(dialog, card, path.name, False))
        dialog.open()

    def _enrol_decided(
        self, dialog: FingerprintDialog, card: team.KeyCard, name: str, confirmed: bool
    ) -> None:
        dialog.deleteLater()
        if self.enrol_dialog is not dialog:
            return  # cleared meanwhile (lock)
        self.enrol_dialog = None
        casefile = self.casefile
        if casefile is None:
            return
        if not confirmed:
            self._show(self.tr("Not enrolled."))
            return

        def succeeded(enrolment: team.Enrolment) -> None:
            if self.casefile is not casefile:
                return
            self.refresh()
            self.select_key(card.key_id)
            if enrolment.already:
                self._show(self.tr("{name} is enrolled already.").format(name=card.name))
            else:
                self._show(
                    self.tr(
                        "{name} is enrolled. Export the district configuration again so the "
                        "team learns of it."
                    ).format(name=card.name)
                )

        def failed(error: BaseException) -> None:
            if self.casefile is casefile:
                self._show(describe_error(error), error=True)

        run_operation(
            self, lambda _report: team.enrol_card(casefile, card, name), succeeded, failed
        )

    # -- revoke -----------------------------------------------------------------------------

    def revoke_selected(self) -> None:
        member = self.selected()
        if self.casefile is None or member is None or member.revoked or self.revoke_box:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Revoke key"),
            self.tr(
                "Revoke the key of {name} (key id {key_id})? Bundles they send from now on "
                "are rejected; bundles imported before stay. This cannot be undone."
            ).format(name=member.name, key_id=member.key_id),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        self.revoke_button_in_box = box.addButton(
            self.tr("&Revoke"), QMessageBox.ButtonRole.DestructiveRole
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.revoke_box = box
        box.finished.connect(lambda _result: self._revoke_decided(box, member))
        box.open()

    def _revoke_decided(self, box: QMessageBox, member: team.TeamRow) -> None:
        box.deleteLater()
        if self.revoke_box is not box:
            return
        self.revoke_box = None
        casefile = self.casefile
        if casefile is None or box.clickedButton() is not self.revoke_button_in_box:
            return

        def succeeded(_result: tuple[team.TeamRow, bool]) -> None:
            if self.casefile is casefile:
                self.refresh()
                self._show(
                    self.tr(
                        "The key of {name} is revoked. Export the district configuration again "
                        "so the team learns of it."
                    ).format(name=member.name)
                )

        def failed(error: BaseException) -> None:
            if self.casefile is casefile:
                self._show(describe_error(error), error=True)

        run_operation(self, lambda _report: team.revoke(casefile, member.key_id), succeeded, failed)
