"""Aufbewahrung (retention): the closed cases and clients due for erasure, and those falling
due soon, with due date and reason (core: ``casework.list_retention``, docs/retention.md).

Enter or a double-click opens the case or the client. "Erase everything due …" and "Erase
selection …" (a line of the due list) erase after the confirmation (gui/erase_dialog.py). A
client due may be restricted instead (Art. 18 GDPR, e.g. where a law requires keeping the
data): the list shows since when, and "Restrict processing …" does it for the chosen client."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QModelIndex
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core import casework
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework import restriction as core_restriction
from kim_desktop.core.casework import retention as core_retention
from kim_desktop.core.sync import district, erasure
from kim_desktop.gui.erase_dialog import Erasure, start_erasure
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.main_window import CaseFileView
from kim_desktop.gui.messages import describe_error
from kim_desktop.gui.operations import run_operation
from kim_desktop.gui.style import as_hint
from kim_desktop.gui.table_model import Column, RowsModel, compact
from kim_desktop.gui.views import restriction

SOON_DAYS = core_retention.DEFAULT_SOON_DAYS


def retention_now(casefile: CaseFile, today: dt.date) -> casework.Retention:
    """What is due on ``today``, with the retention years of the configuration in force."""
    years = district.retention_years_in_force(casefile)
    return casework.list_retention(casefile, today, years, SOON_DAYS)


def kind_text(item: casework.RetentionItem) -> str:
    if item.kind == core_retention.CASE:
        return QCoreApplication.translate("RetentionView", "Case")
    return QCoreApplication.translate("RetentionView", "Client")


def reason_text(item: casework.RetentionItem) -> str:
    since = date_text(item.since)
    if item.reason == core_retention.CASE_CLOSED:
        text = QCoreApplication.translate("RetentionView", "Case closed on {date}")
    elif item.reason == core_retention.COVER_ENDED:
        text = QCoreApplication.translate("RetentionView", "Cover ended on {date}")
    elif item.reason == core_retention.COVER_RETURNED:
        text = QCoreApplication.translate("RetentionView", "Cover copy returned on {date}")
    elif item.reason == core_retention.CONSENT_WITHDRAWN:
        text = QCoreApplication.translate(
            "RetentionView", "Documentation consent withdrawn on {date}"
        )
    else:
        text = QCoreApplication.translate(
            "RetentionView", "All cases are due (the last one closed on {date})"
        )
    return text.format(date=since)


def restricted_text(item: casework.RetentionItem) -> str:
    if item.restricted_on is None:
        return ""
    return QCoreApplication.translate("RetentionView", "Restricted since {date}").format(
        date=date_text(item.restricted_on)
    )


def due_text(count: int) -> str:
    """The line of the view and of the overview: how many entries are due."""
    if count == 1:
        return QCoreApplication.translate("RetentionView", "1 entry is due for erasure.")
    return QCoreApplication.translate(
        "RetentionView", "{count} entries are due for erasure."
    ).format(count=count)


class RetentionView(CaseFileView):
    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._request = 0
        columns = [
            Column(self.tr("Due on"), lambda r: date_text(r.due_on)),
            Column(self.tr("Kind"), kind_text),
            Column(self.tr("Name"), lambda r: r.label),
            Column(self.tr("Reason"), reason_text),
            Column(self.tr("Restriction (Art. 18)"), restricted_text),
        ]
        self.due = RowsModel(columns)
        self.soon = RowsModel(columns)
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.status = QLabel()
        self.erasure_note = note = QLabel(
            self.tr(
                "Erasing removes a case or a client with everything that names them; the "
                "figures of years and quarters that have ended stay as they are."
            )
        )
        note.setWordWrap(True)
        as_hint(note)
        self.erase_due_button = QPushButton(self.tr("Erase everything due …"))
        self.erase_due_button.clicked.connect(lambda _checked=False: self.erase_due())
        self.erase_selected_button = QPushButton(self.tr("Erase selection …"))
        self.erase_selected_button.clicked.connect(lambda _checked=False: self.erase_selected())
        buttons = QHBoxLayout()
        buttons.addWidget(self.erase_due_button)
        buttons.addWidget(self.erase_selected_button)
        buttons.addStretch(1)
        hint = QLabel(self.tr("Press Enter or double-click a line to open its case or client."))
        as_hint(hint)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rule)
        layout.addWidget(note)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        # Actions on the chosen line; erasure will take its place beside restriction here.
        self.restrict_button = QPushButton(self.tr("Restrict processing …"))
        self.restrict_button.setAccessibleName(self.tr("Restrict processing"))
        self.restrict_button.setToolTip(
            self.tr(
                "Instead of erasing: keep the client's data restricted (Art. 18 GDPR), e.g. "
                "when a law requires keeping them. Shown only; not changed, exported or printed."
            )
        )
        self.restrict_button.clicked.connect(lambda _checked=False: self.restrict_selected())
        self.action_row = QHBoxLayout()
        self.action_row.addWidget(self.restrict_button)
        self.action_row.addStretch(1)
        layout.addLayout(self.action_row)
        self._chosen: QTableView | None = None
        self.tables: dict[str, QTableView] = {}
        self.boxes: dict[str, QGroupBox] = {}
        for key, title, model in (
            ("due", self.tr("Due for erasure"), self.due),
            ("soon", self.tr("Due within {days} days").format(days=SOON_DAYS), self.soon),
        ):
            table = QTableView()
            table.setModel(model)
            table.setAccessibleName(title)
            compact(table)
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setStretchLastSection(True)
            table.activated.connect(lambda index, m=model: self._activated(m, index))
            table.selectionModel().currentRowChanged.connect(
                lambda _now, _before, t=table: self._choose(t)
            )
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(table)
            layout.addWidget(box, 1)
            self.tables[key] = table
            self.boxes[key] = box
        self.tables["due"].selectionModel().currentRowChanged.connect(self._update_buttons)
        self.due.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Retention")

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def clear(self) -> None:
        self._request += 1  # an answer still on its way is dropped
        self.due.set_rows([])
        self.soon.set_rows([])
        self.rule.clear()
        self.status.clear()
        self._chosen = None
        self._update_actions()

    def refresh(self) -> None:
        casefile = self.casefile
        if casefile is None:
            return
        today = self.today()
        self._request += 1
        request = self._request
        self.status.setText(self.tr("Reading …"))

        def work(_report: object) -> casework.Retention:
            return retention_now(casefile, today)

        def succeeded(result: casework.Retention) -> None:
            if request == self._request:
                self.show_retention(result)

        def failed(error: BaseException) -> None:
            if request == self._request:
                self.status.setText(describe_error(error))

        run_operation(self, work, succeeded, failed)

    def show_retention(self, result: casework.Retention) -> None:
        self.rule.setText(
            self.tr(
                "Closed cases are kept for {years} years after closing (district "
                "configuration); a withdrawn consent to documentation makes the client due at "
                "once."
            ).format(years=result.retention_years)
        )
        self.due.set_rows(result.due)
        self.soon.set_rows(result.soon)
        self.status.setText(
            due_text(len(result.due)) if result.due else self.tr("Nothing is due for erasure.")
        )
        self._chosen = None
        self._update_actions()

    # -- restricting instead of erasing --------------------------------------------------------

    def _choose(self, table: QTableView) -> None:
        self._chosen = table
        self._update_actions()

    def selected_item(self) -> casework.RetentionItem | None:
        table = self._chosen
        if table is None:
            return None
        model = table.model()
        assert isinstance(model, RowsModel)
        item: casework.RetentionItem | None = model.row_at(table.currentIndex().row())
        return item

    def _update_actions(self) -> None:
        item = self.selected_item()
        self.restrict_button.setEnabled(
            item is not None
            and item.kind == core_retention.CLIENT
            and item.restricted_on is None
            and self.casefile is not None
        )

    def restrict_dialog(self) -> restriction.RestrictDialog | None:
        """The dialog for the chosen client, prepared and unshown (tests fill it in)."""
        item = self.selected_item()
        casefile = self.casefile
        if casefile is None or item is None or item.kind != core_retention.CLIENT:
            return None
        if item.restricted_on is not None:
            return None
        dialog = restriction.RestrictDialog(casefile, item.id, item.label, self.today(), self)
        dialog.choose_reason(core_restriction.RETENTION_DUTY)  # the usual reason here
        dialog.accepted.connect(self.refresh)
        return dialog

    def restrict_selected(self) -> restriction.RestrictDialog | None:
        dialog = self.restrict_dialog()
        if dialog is not None:
            dialog.open()
        return dialog

    def _activated(self, model: RowsModel, index: QModelIndex) -> None:
        item = model.row_at(index.row())
        if item is None:
            return
        if item.kind == core_retention.CASE:
            self.open_case_requested.emit(item.id)
        else:
            self.open_client_requested.emit(item.id)

    # -- erasing -------------------------------------------------------------------------------

    def _update_buttons(self, *_args: object) -> None:
        self.erase_due_button.setEnabled(self.casefile is not None and bool(self.due.rows))
        self.erase_selected_button.setEnabled(self.selected_due() is not None)

    def selected_due(self) -> casework.RetentionItem | None:
        """The line chosen in the list of what is due (not of what falls due soon)."""
        if self.casefile is None:
            return None
        item: casework.RetentionItem | None = self.due.row_at(
            self.tables["due"].currentIndex().row()
        )
        return item

    def erase_due(self) -> Erasure | None:
        """Erase everything due today, after the confirmation."""
        today = self.today()
        return start_erasure(
            self, self.casefile, lambda casefile: erasure.plan_due(casefile, today), today
        )

    def erase_selected(self) -> Erasure | None:
        """Erase the case or the client of the chosen line, after the confirmation."""
        item = self.selected_due()
        if item is None:
            return None
        item_id = item.id
        if item.kind == core_retention.CASE:
            return start_erasure(
                self,
                self.casefile,
                lambda casefile: erasure.plan_case(casefile, item_id),
                self.today(),
            )
        return start_erasure(
            self,
            self.casefile,
            lambda casefile: erasure.plan_client(casefile, item_id),
            self.today(),
        )
