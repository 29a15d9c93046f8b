"""Overview: what needs attention today — follow-ups (Wiedervorlagen), this week's
appointments, open cases by phase, clients without documented consent, drafts."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.errors import KimError
from kim_desktop.gui import i18n
from kim_desktop.gui.formatting import date_text, date_time_text, number
from kim_desktop.gui.main_window import CaseFileView
from kim_desktop.gui.style import as_hint
from kim_desktop.gui.table_model import Column, RowsModel, compact
from kim_desktop.gui.views.retention import due_text, retention_now


def _label(catalogue: str, code: str | None) -> str:
    if code is None:
        return ""
    return cat.base_catalogues()[catalogue].label(code, i18n.current_language())


class OverviewView(CaseFileView):
    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self._today = today
        case_columns = [
            Column(self.tr("Follow-up"), lambda r: date_text(r.follow_up_on)),
            Column(self.tr("Client"), lambda r: r.primary_name),
            Column(self.tr("Municipality"), lambda r: r.municipality),
            Column(self.tr("Phase"), lambda r: _label(cat.PHASES, r.phase)),
        ]
        self.overdue = RowsModel(case_columns)
        self.due = RowsModel(case_columns)
        self.week = RowsModel(
            [
                Column(self.tr("Date"), lambda r: date_time_text(r.date, r.start_time)),
                Column(self.tr("Kind"), lambda r: _label(cat.APPOINTMENT_KINDS, r.kind)),
                Column(self.tr("Client"), lambda r: r.primary_name or ""),
                Column(self.tr("Municipality"), lambda r: r.municipality or ""),
            ]
        )
        self.phases = RowsModel(
            [
                Column(self.tr("Phase"), lambda r: _label(cat.PHASES, r[0])),
                Column(self.tr("Open cases"), lambda r: number(r[1]), align_right=True),
            ]
        )
        self.no_consent = RowsModel(
            [
                Column(self.tr("Client"), lambda r: r.display_name),
                Column(self.tr("Born"), lambda r: date_text(r.birth_date)),
            ]
        )
        self.drafts = RowsModel(
            [
                Column(self.tr("Structural gap (draft)"), lambda r: r.title),
                Column(self.tr("Municipality"), lambda r: r.municipality),
            ]
        )
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.heading.setFont(font)
        grid = QGridLayout()
        self.tables: dict[str, QTableView] = {}
        boxes = [
            ("overdue", self.tr("Overdue follow-ups"), self.overdue),
            ("due", self.tr("Follow-ups in the next 7 days"), self.due),
            ("week", self.tr("Appointments this week"), self.week),
            ("phases", self.tr("Open cases by phase"), self.phases),
            ("no_consent", self.tr("Clients without documented consent"), self.no_consent),
            ("drafts", self.tr("Drafts"), self.drafts),
        ]
        for position, (key, title, model) in enumerate(boxes):
            table = QTableView()
            table.setModel(model)
            table.setAccessibleName(title)
            table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
            compact(table)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
            self.tables[key] = table
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(table)
            grid.addWidget(box, position // 2, position % 2)
        for key in ("overdue", "due", "week"):
            self.tables[key].activated.connect(lambda index, k=key: self._activated(k, index))
        # "3 entries are due for erasure", a link to the retention view; hidden when none.
        self.retention = QLabel()
        self.retention.setTextFormat(Qt.TextFormat.RichText)
        self.retention.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.retention.setAccessibleName(self.tr("Due for erasure"))
        self.retention.linkActivated.connect(
            lambda _link: self.open_view_requested.emit("RetentionView")
        )
        self.retention.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.retention)
        hint = QLabel(self.tr("Press Enter or double-click a line to open its case."))
        as_hint(hint)
        layout.addWidget(hint)
        layout.addLayout(grid, 1)

    def title(self) -> str:
        return self.tr("Overview")

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def clear(self) -> None:
        for model in (self.overdue, self.due, self.week, self.phases, self.no_consent, self.drafts):
            model.set_rows([])
        self.heading.clear()
        self.retention.clear()
        self.retention.hide()

    def refresh(self) -> None:
        if self.casefile is None:
            return
        today = self.today()
        overview = casework.overview(self.casefile, today)
        self.heading.setText(self.tr("Today is {date}").format(date=date_text(today)))
        self.overdue.set_rows(overview.follow_ups_overdue)
        self.due.set_rows(overview.follow_ups_due)
        self.week.set_rows(overview.appointments_this_week)
        phases = cat.base_catalogues()[cat.PHASES].codes
        self.phases.set_rows(
            [
                (phase, overview.open_cases_by_phase.get(phase, 0))
                for phase in phases
                if phase != "closed"
            ]
        )
        self.no_consent.set_rows(overview.clients_without_consent)
        self.drafts.set_rows(overview.draft_gaps)
        self._show_retention(today)

    def _show_retention(self, today: dt.date) -> None:
        assert self.casefile is not None
        try:
            due = len(retention_now(self.casefile, today).due)
        except KimError:  # an invalid configuration: the retention view says why
            due = 0
        self.retention.setVisible(due > 0)
        self.retention.setText(f'<a href="retention">{html.escape(due_text(due))}</a>')

    def _activated(self, key: str, index: QModelIndex) -> None:
        model: Any = {"overdue": self.overdue, "due": self.due, "week": self.week}[key]
        row = model.row_at(index.row())
        case_id = getattr(row, "case_id", None) if key == "week" else getattr(row, "id", None)
        if case_id:
            self.open_case_requested.emit(case_id)
