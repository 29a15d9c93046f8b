"""Appointments: the week (or month) at a glance, and quick entry — for a case or for other
work such as working groups and network meetings."""

from __future__ import annotations

import calendar
import datetime as dt

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.gui import i18n
from kim_desktop.gui.date_field import DateField
from kim_desktop.gui.dialogs import AppointmentDialog, run_dialog
from kim_desktop.gui.formatting import date_text, number, time_text
from kim_desktop.gui.keyboard import lead_into_results
from kim_desktop.gui.main_window import CaseFileView
from kim_desktop.gui.table_model import Column, RowsModel, compact


def _label(name: str, code: str | None) -> str:
    if not code:
        return ""
    return cat.base_catalogues()[name].label(code, i18n.current_language())


class CasePickerDialog(QDialog):
    """Find the case an appointment belongs to by typing part of a name."""

    def __init__(self, casefile: CaseFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.casefile = casefile
        self.setWindowTitle(self.tr("Choose a case"))
        # Room for "name — municipality (track)" without a horizontal scroll bar.
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 64, metrics.height() * 24)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Type part of a name …"))
        self.search.setAccessibleName(self.tr("Search cases"))
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Matching open cases"))
        choose = QPushButton(self.tr("&Choose"))
        choose.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addWidget(choose)
        self.search.textChanged.connect(self._search)
        self.search.returnPressed.connect(self.accept)
        lead_into_results(self.search, self.results, enter=False)  # Enter chooses at once
        self.results.itemActivated.connect(lambda _item: self.accept())
        choose.clicked.connect(self.accept)
        self._search("")

    def _search(self, text: str) -> None:
        self.results.clear()
        rows = casework.list_cases(
            self.casefile,
            casework.CaseFilter(text=text, state="open"),
            sort="primary_name",
            descending=False,
            limit=50,
        )
        for row in rows:
            item = QListWidgetItem(
                f"{row.primary_name} — {row.municipality} ({_label(cat.TRACKS, row.track)})"
            )
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def case_id(self) -> str | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None


class AppointmentsView(CaseFileView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.span = QComboBox()
        self.span.addItems([self.tr("Week"), self.tr("Month")])
        self.span.setAccessibleName(self.tr("Shown span"))
        self.day = DateField(dt.date.today(), self.tr("Shown date"), field="day", earliest=None)
        self.previous = QPushButton(self.tr("◀ &Earlier"))
        self.next = QPushButton(self.tr("&Later ▶"))
        self.today_button = QPushButton(self.tr("&Today"))
        self.heading = QLabel()
        self.new_case_appointment = QPushButton(self.tr("New &counselling appointment …"))
        self.new_other_work = QPushButton(self.tr("New &other work …"))
        self.edit_button = QPushButton(self.tr("Ed&it …"))
        self.delete_button = QPushButton(self.tr("&Delete …"))
        self.model = RowsModel(
            [
                Column(self.tr("Day"), lambda r: self._weekday(r.date)),
                Column(self.tr("Date"), lambda r: date_text(r.date)),
                Column(self.tr("Time"), lambda r: time_text(r.start_time)),
                Column(self.tr("Minutes"), lambda r: str(r.minutes), align_right=True),
                Column(self.tr("Kind"), lambda r: _label(cat.APPOINTMENT_KINDS, r.kind)),
                Column(
                    self.tr("Client or type"),
                    lambda r: r.primary_name or _label(cat.OTHER_WORK_TYPES, r.other_work_type),
                ),
                Column(
                    self.tr("Themes"), lambda r: ", ".join(_label(cat.THEMES, t) for t in r.themes)
                ),
                Column(self.tr("Municipality"), lambda r: r.municipality or ""),
            ]
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Appointments"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        compact(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # a week: few rows
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)  # themes
        self.summary = QLabel()

        navigation = QHBoxLayout()
        for widget in (self.span, self.previous, self.day, self.next, self.today_button):
            navigation.addWidget(widget)
        navigation.addStretch(1)
        actions = QHBoxLayout()
        for widget in (
            self.new_case_appointment,
            self.new_other_work,
            self.edit_button,
            self.delete_button,
        ):
            actions.addWidget(widget)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(navigation)
        layout.addWidget(self.heading)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)

        self.span.currentIndexChanged.connect(self.refresh)
        self.day.committed.connect(lambda _day: self.refresh())
        self.previous.clicked.connect(lambda: self._move(-1))
        self.next.clicked.connect(lambda: self._move(1))
        self.today_button.clicked.connect(lambda: self.show_day(dt.date.today()))
        self.new_case_appointment.clicked.connect(self.add_for_case)
        self.new_other_work.clicked.connect(self.add_other_work)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.activated.connect(lambda _index: self.edit_selected())
        QShortcut(QKeySequence("Ctrl+T"), self, self.add_for_case)
        QShortcut(QKeySequence("Ctrl+Shift+T"), self, self.add_other_work)

    def title(self) -> str:
        return self.tr("Appointments")

    def _weekday(self, day: dt.date) -> str:
        names = (
            self.tr("Mon"),
            self.tr("Tue"),
            self.tr("Wed"),
            self.tr("Thu"),
            self.tr("Fri"),
            self.tr("Sat"),
            self.tr("Sun"),
        )
        return names[day.weekday()]

    # -- span ------------------------------------------------------------------------------

    def shown_day(self) -> dt.date:
        return self.day.committed_value() or dt.date.today()

    def show_day(self, day: dt.date) -> None:
        self.day.set_value(day)
        self.refresh()

    def span_dates(self) -> tuple[dt.date, dt.date]:
        day = self.shown_day()
        if self.span.currentIndex() == 0:
            start = day - dt.timedelta(days=day.weekday())
            return start, start + dt.timedelta(days=6)
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)

    def _move(self, steps: int) -> None:
        day = self.shown_day()
        if self.span.currentIndex() == 0:
            day += dt.timedelta(days=7 * steps)
        else:
            month = day.month - 1 + steps
            year = day.year + month // 12
            day = dt.date(year, month % 12 + 1, 1)
        self.show_day(day)

    # -- life cycle ------------------------------------------------------------------------

    def clear(self) -> None:
        self.model.set_rows([])
        self.heading.clear()
        self.summary.clear()

    def refresh(self) -> None:
        if self.casefile is None:
            return
        start, end = self.span_dates()
        rows = casework.list_appointments(self.casefile, start, end)
        self.model.set_rows(rows)
        self.heading.setText(
            self.tr("{start} – {end}").format(start=date_text(start), end=date_text(end))
        )
        minutes = sum(r.minutes for r in rows)
        self.summary.setText(
            self.tr("%Ln appointment(s), {hours} h", "", len(rows)).format(
                hours=number(round(minutes / 60, 1))
            )
        )

    # -- entry -----------------------------------------------------------------------------

    def _selected(self) -> casework.AppointmentRow | None:
        index: QModelIndex = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def add_for_case(self) -> None:
        if self.casefile is None:
            return
        picker = CasePickerDialog(self.casefile, self)
        if picker.exec() != QDialog.DialogCode.Accepted or not picker.case_id():
            return
        self._enter(AppointmentDialog(self.casefile, case_id=picker.case_id(), parent=self))

    def add_other_work(self) -> None:
        if self.casefile is None:
            return
        self._enter(AppointmentDialog(self.casefile, parent=self))

    def edit_selected(self) -> None:
        row = self._selected()
        if self.casefile is None or row is None:
            return
        self._enter(AppointmentDialog(self.casefile, appointment=row, parent=self))

    def _enter(self, dialog: AppointmentDialog) -> None:
        if dialog.appointment is None:
            dialog.date.set_value(self.shown_day())  # new ones on the shown day
        if run_dialog(dialog):
            self.show_day(dialog.date.required_value())

    def delete_selected(self) -> None:
        row = self._selected()
        if self.casefile is None or row is None or row.id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete appointment"),
            self.tr("Delete the appointment of {date}? This cannot be undone.").format(
                date=date_text(row.date)
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            casework.delete_appointment(self.casefile, row.id)
            self.refresh()
