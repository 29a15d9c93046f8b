"""Dialogs that add to a case's plan or change its state: assessment, goal and its status,
referral, closing and reopening."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.gui import i18n
from kim_desktop.gui.dialogs import (
    RecordDialog,
    catalogue_combo,
    date_edit,
    optional_date,
    select_code,
)
from kim_desktop.gui.style import as_hint
from kim_desktop.gui.views.case_detail.common import member_name, need_text


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
            self.assessed_on.required_value(),
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
        self.due_on = optional_date(None, self.tr("Due on"), "due_on")
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
            self.agreed_on.required_value(),
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
        closed = None if status == casework.OPEN_GOAL else self.closed_on.required_value()
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
            self.date.required_value(),
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
        as_hint(hint)
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self.closed_on.setFocus()

    def save(self) -> str:
        # No reason chosen: core names the missing field.
        casework.close_case(
            self.casefile, self.case_id, self.closed_on.required_value(), self.reason.currentData()
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
            self.reopened_on.required_value(),
            phase=self.phase.currentData(),
        )
        return self.case_id
