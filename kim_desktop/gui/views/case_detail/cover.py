"""Cover in the case window (core/sync/cover.py, cover_merge.py): the banners "In cover by …
until …" (owner), "Cover for … until …" and, after the day, "Cover ended on … — please give
back to …" (substitute) with the button "Give back …", and the dialog in which the owner
decides the records a return kept side by side ("Keep mine" / "Take theirs"), field by field.
The side-by-side records of one case are few: a plain table, not a model over a query."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core import casework
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.sync import cover_merge
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.messages import describe_error
from kim_desktop.gui.operations import run_operation


def banner_text(cover: casework.Cover, today: dt.date) -> str:
    """The banner of a case in cover (owner) or of a cover copy (substitute)."""
    until = date_text(cover.until)
    if not cover.copy:
        return QCoreApplication.translate(
            "Cover",
            "In cover by {name} until {date}. The case stays workable here; what the colleague "
            "records comes back when they give the case back.",
        ).format(name=cover.name, date=until)
    if cover.returned_on is not None:
        return QCoreApplication.translate(
            "Cover",
            "Given back to {name} on {date}. The copy is shown only; erase it when it is no "
            "longer needed.",
        ).format(name=cover.name, date=date_text(cover.returned_on))
    if cover.ended(today):
        return QCoreApplication.translate(
            "Cover", "Cover ended on {date} — please give back to {name}."
        ).format(date=until, name=cover.name)
    return QCoreApplication.translate(
        "Cover",
        "Cover for {name} until {date}. Give the case back with “Give back …” when the cover ends.",
    ).format(name=cover.name, date=until)


def ended_tip() -> str:
    return QCoreApplication.translate("Cover", "The cover ended: the copy is shown, not changed.")


def undecided_text(count: int) -> str:
    return QCoreApplication.translate(
        "Cover",
        "{count} record(s) differ from the colleague's version from the cover: decide which "
        "one stays.",
    ).format(count=count)


def kind_text(entity: str) -> str:
    kinds = {
        "clients": QCoreApplication.translate("Cover", "Person"),
        "cases": QCoreApplication.translate("Cover", "Case"),
        "appointments": QCoreApplication.translate("Cover", "Appointment"),
        "assessments": QCoreApplication.translate("Cover", "Assessment"),
        "goals": QCoreApplication.translate("Cover", "Goal"),
        "goal_steps": QCoreApplication.translate("Cover", "Agreed step"),
        "referrals": QCoreApplication.translate("Cover", "Referral"),
        "consents": QCoreApplication.translate("Cover", "Consent"),
    }
    return kinds.get(entity, entity)


def field_text(name: str) -> str:
    """A record field's name as the window calls it (the interchange key otherwise)."""
    labels = {
        "notes": QCoreApplication.translate("Cover", "Notes"),
        "title": QCoreApplication.translate("Cover", "Goal"),
        "status": QCoreApplication.translate("Cover", "Status"),
        "date": QCoreApplication.translate("Cover", "Date"),
        "minutes": QCoreApplication.translate("Cover", "Minutes"),
        "kind": QCoreApplication.translate("Cover", "Kind"),
        "themes": QCoreApplication.translate("Cover", "Themes"),
        "phase": QCoreApplication.translate("Cover", "Phase"),
        "phase_history": QCoreApplication.translate("Cover", "Phase history"),
        "members": QCoreApplication.translate("Cover", "Persons"),
        "follow_up_on": QCoreApplication.translate("Cover", "Follow-up"),
        "closed_on": QCoreApplication.translate("Cover", "Closed on"),
        "due_on": QCoreApplication.translate("Cover", "Due on"),
        "outcome": QCoreApplication.translate("Cover", "Outcome"),
        "ratings": QCoreApplication.translate("Cover", "Ratings"),
        "phone": QCoreApplication.translate("Cover", "Phone"),
        "email": QCoreApplication.translate("Cover", "Email"),
        "address": QCoreApplication.translate("Cover", "Address"),
        "withdrawn_on": QCoreApplication.translate("Cover", "Withdrawn on"),
        # An agreed step's fields (core/sync/carried_steps.py), as the goals tab names them.
        "what": QCoreApplication.translate("Cover", "Step"),
        "who": QCoreApplication.translate("Cover", "Who"),
        "done_on": QCoreApplication.translate("Cover", "Done on"),
        "position": QCoreApplication.translate("Cover", "Place in the order"),
        "goal_id": QCoreApplication.translate("Cover", "Goal (record id)"),
    }
    return labels.get(name, name)


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class ConflictsDialog(QDialog):
    """The records of a case kept side by side: both versions field by field; "Keep mine"
    drops the colleague's version, "Take theirs" writes it in place of this file's."""

    decided = Signal()  # after a decision was written (the case window reloads)

    def __init__(self, casefile: CaseFile, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.casefile = casefile
        self.case_id = case_id
        self.setWindowTitle(self.tr("Differences from the cover"))
        self.records = QListWidget()
        self.records.setAccessibleName(self.tr("Records kept side by side"))
        self.records.setMaximumHeight(8 * self.records.fontMetrics().height())
        self.fields = QTableWidget(0, 3)
        self.fields.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Mine (in force)"), self.tr("The colleague's")]
        )
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.fields.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.fields.setWordWrap(True)
        self.fields.verticalHeader().setVisible(False)
        self.fields.setAccessibleName(self.tr("Both versions"))
        self.keep_button = QPushButton(self.tr("&Keep mine"))
        self.take_button = QPushButton(self.tr("&Take theirs"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        intro = QLabel(
            self.tr(
                "During the cover these records were changed here and by the colleague. Yours "
                "is in force; choose for each whether it stays or the colleague's takes its "
                "place."
            )
        )
        intro.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.take_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.records)
        layout.addWidget(self.fields, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.resize(720, 520)
        self.conflicts: list[cover_merge.Conflict] = []
        self.records.currentRowChanged.connect(self._show)
        self.keep_button.clicked.connect(lambda: self.decide(False))
        self.take_button.clicked.connect(lambda: self.decide(True))
        self.reload()

    def reload(self) -> None:
        """Read the side-by-side records off the GUI thread (this file's versions come from
        an export of the case), then list them."""
        casefile, case_id = self.casefile, self.case_id
        self.keep_button.setEnabled(False)
        self.take_button.setEnabled(False)
        self.message.setText(self.tr("Reading the differences …"))
        run_operation(
            self,
            lambda _report: cover_merge.conflicts(casefile, case_id),
            self._listed,
            lambda error: self.message.setText(describe_error(error)),
        )

    def _listed(self, found: list[cover_merge.Conflict]) -> None:
        self.conflicts = found
        self.message.clear()
        self.records.clear()
        for item in self.conflicts:
            what = self.tr("deleted by the colleague") if item.theirs is None else ""
            self.records.addItem(
                " ".join(part for part in (kind_text(item.entity), item.record_id, what) if part)
            )
        if self.conflicts:
            self.records.setCurrentRow(0)
        else:
            self._show(-1)
            self.message.setText(self.tr("Every difference is decided."))

    def _show(self, row: int) -> None:
        self.fields.setRowCount(0)
        chosen = self.conflicts[row] if 0 <= row < len(self.conflicts) else None
        self.keep_button.setEnabled(chosen is not None)
        self.take_button.setEnabled(chosen is not None)
        if chosen is None:
            return
        mine, theirs = chosen.mine or {}, chosen.theirs or {}
        names = [k for k in {**mine, **theirs} if k != "id"]
        # What differs first (in bold), then the fields both versions share.
        names.sort(key=lambda k: _shown(mine.get(k)) == _shown(theirs.get(k)))
        for name in names:
            ours, other = _shown(mine.get(name)), _shown(theirs.get(name))
            row_index = self.fields.rowCount()
            self.fields.insertRow(row_index)
            cells = (field_text(name), ours, other)
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if ours != other:
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.fields.setItem(row_index, column, cell)
        self.fields.resizeRowsToContents()
        if chosen.theirs is None:
            self.message.setText(self.tr("The colleague deleted this record."))
        elif chosen.mine is None:
            self.message.setText(self.tr("This record is no longer in this file."))
        else:
            self.message.clear()

    def decide(self, take_theirs: bool) -> None:
        row = self.records.currentRow()
        if not 0 <= row < len(self.conflicts):
            return
        chosen = self.conflicts[row].id
        casefile = self.casefile
        self.keep_button.setEnabled(False)
        self.take_button.setEnabled(False)

        def done(_result: object) -> None:
            self.reload()
            self.decided.emit()

        def failed(error: BaseException) -> None:
            self.message.setText(describe_error(error))
            self._show(self.records.currentRow())

        run_operation(
            self,
            lambda _report: cover_merge.decide(casefile, chosen, take_theirs),
            done,
            failed,
        )


def make_banner() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setVisible(False)
    return label
