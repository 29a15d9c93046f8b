"""The appointments tab: the case's appointments; new (also Ctrl+T), edit, delete."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.gui.dialogs import AppointmentDialog, select_code
from kim_desktop.gui.formatting import date_text, date_time_text, number
from kim_desktop.gui.table_model import Column, RowsModel
from kim_desktop.gui.views.case_detail.base import CaseDetailBase
from kim_desktop.gui.views.case_detail.common import buddy, row, table


class AppointmentsTab(CaseDetailBase):
    def _appointments_page(self) -> QWidget:
        self.appointments_model = RowsModel(
            [
                Column(self.tr("Date"), lambda a: date_time_text(a.date, a.start_time)),
                Column(self.tr("Minutes"), lambda a: number(a.minutes), align_right=True),
                Column(self.tr("Kind"), lambda a: self._label(cat.APPOINTMENT_KINDS, a.kind)),
                Column(
                    self.tr("Themes"),
                    lambda a: ", ".join(self._label(cat.THEMES, t) for t in a.themes),
                ),
                Column(self.tr("Channel"), lambda a: self._label(cat.CHANNELS, a.channel)),
            ]
        )
        self.appointments_table = table(self.appointments_model, self.tr("Appointments"), stretch=3)
        self.appointments_table.activated.connect(lambda _index: self.edit_appointment())
        self.new_appointment_button = self._button(
            self.tr("Ne&w appointment …"), self.new_appointment
        )
        self.new_appointment_button.setToolTip(self.tr("New appointment (Ctrl+T)"))
        self.edit_appointment_button = self._button(self.tr("E&dit …"), self.edit_appointment)
        self.delete_appointment_button = self._button(self.tr("Delete …"), self.delete_appointment)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(buddy(self.tr("Appointments of the case:"), self.appointments_table))
        layout.addWidget(self.appointments_table, 1)
        layout.addLayout(
            row(
                self.new_appointment_button,
                self.edit_appointment_button,
                self.delete_appointment_button,
            )
        )
        self.appointments_table.selectionModel().currentRowChanged.connect(self._update_actions)
        return page

    def _add_appointment_shortcut(self) -> None:
        """Ctrl+T anywhere in the case window: a new appointment of this case."""
        self.new_appointment_shortcut = QShortcut(QKeySequence("Ctrl+T"), self)
        self.new_appointment_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_appointment_shortcut.activated.connect(self.new_appointment)

    def _fill_appointments(self, case: casework.CaseDetail, keep: dict[str, str | None]) -> None:
        self.appointments_model.set_rows(case.appointments)
        self._reselect(
            self.appointments_table,
            self.appointments_model,
            lambda a: a.id,
            keep.get("appointment"),
        )

    def selected_appointment(self) -> casework.AppointmentData | None:
        return self.appointments_model.row_at(self.appointments_table.currentIndex().row())

    def _update_appointment_actions(self) -> None:
        has_appointment = self.selected_appointment() is not None
        self.edit_appointment_button.setEnabled(has_appointment)
        self.delete_appointment_button.setEnabled(has_appointment)

    # -- actions -----------------------------------------------------------------------------

    def new_appointment_dialog(self) -> AppointmentDialog | None:
        ready = self._ready()
        if ready is None:
            return None
        casefile, case = ready
        dialog = AppointmentDialog(casefile, case_id=case.id, parent=self)
        if case.track == "short_consultation":
            select_code(dialog.kind, "short_consultation")  # the usual kind for this track
        dialog.date.set_value(self.today())
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
