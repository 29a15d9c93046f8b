"""The timeline tab: every event of the case in date order, in words."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.table_model import Column, RowsModel
from kim_desktop.gui.views.case_detail.base import CaseDetailBase
from kim_desktop.gui.views.case_detail.common import buddy, table


class TimelineTab(CaseDetailBase):
    def _timeline_page(self) -> QWidget:
        self.timeline_model = RowsModel(
            [
                Column(self.tr("Date"), lambda e: date_text(e.on)),
                Column(self.tr("What happened"), self.timeline_text),
            ]
        )
        self.timeline_table = table(self.timeline_model, self.tr("Timeline"), stretch=1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(buddy(self.tr("Events in &date order:"), self.timeline_table))
        layout.addWidget(self.timeline_table, 1)
        return page

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
