"""The case window put together: the header above the seven tabs, and the life cycle of a
shown case (show, show again after a change keeping selections and typing, clear)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QTableView, QTabWidget, QVBoxLayout, QWidget

from kim_desktop.core import casework
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.gui.messages import describe_error
from kim_desktop.gui.open_dialogs import OpenDialogs
from kim_desktop.gui.table_model import RowsModel
from kim_desktop.gui.views.case_detail.appointments import AppointmentsTab
from kim_desktop.gui.views.case_detail.assessments import AssessmentTab
from kim_desktop.gui.views.case_detail.common import plain
from kim_desktop.gui.views.case_detail.goals import GoalsTab
from kim_desktop.gui.views.case_detail.handover import HandoverState
from kim_desktop.gui.views.case_detail.header import CaseHeader
from kim_desktop.gui.views.case_detail.notes import NotesTab
from kim_desktop.gui.views.case_detail.persons import PersonsTab
from kim_desktop.gui.views.case_detail.referrals import ReferralsTab
from kim_desktop.gui.views.case_detail.restriction import RestrictionState
from kim_desktop.gui.views.case_detail.timeline import TimelineTab


class CaseDetailWidget(
    HandoverState,
    RestrictionState,
    CaseHeader,
    PersonsTab,
    AssessmentTab,
    GoalsTab,
    AppointmentsTab,
    ReferralsTab,
    NotesTab,
    TimelineTab,
):
    """Everything about one case. ``show_case`` loads it, ``clear`` forgets it."""

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.casefile = None
        self.case = None
        self._catalogues = {}
        self._windows = OpenDialogs()
        self._build_header()
        self._build_tabs()
        self._build_restriction()
        self._build_handover()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)

        self._changed_timer = QTimer(self)
        self._changed_timer.setSingleShot(True)
        self._changed_timer.setInterval(0)
        self._changed_timer.timeout.connect(self.changed.emit)
        self._start_phase_timer()
        self._start_savers()
        self._add_appointment_shortcut()
        self._show_nothing()

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Parts of the case"))
        pages = [
            (self._persons_page(), self.tr("&Persons")),
            (self._assessment_page(), self.tr("&Assessment")),
            (self._goals_page(), self.tr("&Goals")),
            (self._appointments_page(), self.tr("Appoint&ments")),
            (self._referrals_page(), self.tr("&Referrals")),
            (self._notes_page(), self.tr("No&tes && follow-up")),
            (self._timeline_page(), self.tr("T&imeline")),
        ]
        for page, title in pages:
            page.setAccessibleName(plain(title))
            self.tabs.addTab(page, title)

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

        assessment = self.selected_assessment()
        return {
            "assessment": assessment.id if assessment is not None else None,
            "member": chosen(self.members_table, self.members_model, lambda m: m.client.id),
            "consent": chosen(self.consents_table, self.consents_model, lambda r: r.id),
            "goal": chosen(self.goals_table, self.goals_model, lambda g: g.id),
            "step": chosen(self.steps_table, self.steps_model, lambda s: s.id),
            "appointment": chosen(self.appointments_table, self.appointments_model, lambda a: a.id),
            "referral": chosen(self.referrals_table, self.referrals_model, lambda r: r.id),
        }

    def _fill(self, case: casework.CaseDetail, keep: dict[str, str | None], same: bool) -> None:
        primary = next((m for m in case.members if m.role == casework.PRIMARY), None)
        if primary is None and case.members:
            primary = case.members[0]
        self._lift_blocks()
        self._fill_header(case, primary)
        self._fill_persons(case, keep, primary)
        self._fill_assessment(case, keep)
        self._fill_goals(case, keep)
        self._fill_appointments(case, keep)
        self._fill_referrals(case, keep)
        self._fill_notes(case, same)
        self.timeline_model.set_rows(case.timeline)
        self.header.setEnabled(True)
        self.tabs.setEnabled(True)
        self._update_actions()

    def _show_nothing(self) -> None:
        self.name_label.setText(self.tr("No case chosen"))
        self.header.setEnabled(False)
        self.tabs.setEnabled(False)
        self.close_button.setVisible(True)
        self.reopen_button.setVisible(False)

    def clear(self) -> None:
        """Drop every shown value (on lock): nothing personal remains in any widget."""
        self._phase_timer.stop()
        self._phase_confirm = self._phase_keyed = False
        self.notes_saver.discard()
        self.follow_up_saver.discard()
        self._close_windows()
        self.case = None
        for model in (
            self.members_model,
            self.consents_model,
            self.goals_model,
            self.steps_model,
            self.appointments_model,
            self.referrals_model,
            self.timeline_model,
        ):
            model.set_rows([])
        self.assessment_model.set_grid([], [], [])
        for label in (self.name_label, self.info_label, self.message, self.notes_status):
            label.clear()
        self._clear_notes()
        self.phase.clear()
        self.referred_by.clear()
        self.outcome.clear()
        self._show_nothing()

    def _update_actions(self, *_args: object) -> None:
        self._update_person_actions()
        self._update_assessment_actions()
        self._update_goal_actions()
        self._update_appointment_actions()
        self._update_referral_actions()
        self._apply_restriction()  # Art. 18 GDPR: takes back what a restriction forbids
        self._apply_handover()  # a handed-over case is shown, not changed

    def flush_edits(self) -> None:
        """Save what is pending: typed notes, the follow-up date, a chosen phase (not one
        changed by a key or the wheel and not yet confirmed: that is dropped)."""
        self.notes_saver.flush()
        self.follow_up_saver.flush()
        if self._phase_timer.isActive() and not self._drop_unconfirmed_phase():
            self.apply_phase()
