"""Dialogs that add to a case's plan or correct it, or change its state: assessment, goal
and its status, referral, closing and reopening. Given a record, the add dialogs open
filled with it and save a correction (``update_*``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import UnknownRecord
from kim_desktop.gui import i18n
from kim_desktop.gui.dialogs import (
    RecordDialog,
    catalogue_combo,
    date_edit,
    optional_date,
    select_code,
)
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.style import as_hint
from kim_desktop.gui.views.case_detail.common import MultiLineText, member_name, need_text

_R = TypeVar("_R", casework.AssessmentData, casework.GoalData, casework.ReferralData)


def _record(records: Sequence[_R], record_id: str | None) -> _R | None:
    """The record ``record_id`` of a case (None for a new one); refused when it is gone."""
    if record_id is None:
        return None
    for record in records:
        if record.id == record_id:
            return record
    raise UnknownRecord("id", "the record no longer exists")


class AssessmentDialog(RecordDialog):
    """A new assessment, or the correction of ``assessment_id``: one 0–3 rating per life
    area (type the digit), date, optionally the member it concerns, notes."""

    def __init__(
        self,
        casefile: CaseFile,
        case: casework.CaseDetail,
        catalogues: dict[str, cat.Catalogue],
        today: dt.date,
        parent: QWidget | None = None,
        assessment_id: str | None = None,
    ) -> None:
        assessment = _record(case.assessments, assessment_id)
        title = self.tr("New assessment") if assessment is None else self.tr("Correct assessment")
        super().__init__(title, parent)
        self.casefile = casefile
        self.case_id = case.id
        # Records are named by id (a draft of the form remembers ids, not records).
        self.assessment = assessment
        a = assessment
        self.assessed_on = date_edit(a.assessed_on if a else today, self.tr("Assessed on"))
        self.client = QComboBox()
        self.client.addItem(self.tr("(the whole case)"), None)
        for member in case.members:
            self.client.addItem(member_name(member.client), member.client.id)
        if a is not None and a.client_id is not None and self.client.findData(a.client_id) < 0:
            self.client.addItem(self.tr("(a former member)"), a.client_id)  # kept as it was
        select_code(self.client, a.client_id if a else None)
        self.add_row(self.tr("&Date:"), self.assessed_on)
        self.add_row(self.tr("&Concerns:"), self.client)
        language = i18n.current_language()
        self.ratings: dict[str, QComboBox] = {}
        entries = list(catalogues[cat.LIFE_AREAS].entries)
        for code in a.ratings if a else ():
            if code not in catalogues[cat.LIFE_AREAS]:
                entries.append(cat.Entry(code, code, code))  # rated, no longer listed
        for entry in entries:
            combo = QComboBox()
            combo.addItem(self.tr("– not rated"), None)
            for rating in range(4):
                combo.addItem(need_text(rating), rating)
            if a is not None and entry.code in a.ratings:
                combo.setCurrentIndex(combo.findData(a.ratings[entry.code]))
            self.ratings[entry.code] = combo
            self.add_row(entry.label(language) + ":", combo)
        self.notes = MultiLineText(a.notes or "" if a else "", lines=3)
        self.add_row(self.tr("N&otes:"), self.notes)
        self.assessed_on.setFocus()

    def save(self) -> str:
        # In the order entered: the areas rated before first, as the catalogue lists them.
        ratings = {
            code: combo.currentData()
            for code, combo in self.ratings.items()
            if combo.currentData() is not None
        }
        assessed_on = self.assessed_on.required_value()
        notes = self.notes.toPlainText().strip() or None
        if self.assessment is not None:
            casework.update_assessment(
                self.casefile,
                self.assessment.id,
                assessed_on,
                ratings,
                client_id=self.client.currentData(),
                notes=notes,
            )
            return self.assessment.id
        return casework.add_assessment(
            self.casefile,
            self.case_id,
            assessed_on,
            ratings,
            client_id=self.client.currentData(),
            notes=notes,
        )


class GoalDialog(RecordDialog):
    """Agree a goal, or correct the goal ``goal_id``: life area, the goal in a few lines,
    agreed and (optional) due date. The status is the status dialog's."""

    def __init__(
        self,
        casefile: CaseFile,
        case_id: str,
        today: dt.date,
        parent: QWidget | None = None,
        goal_id: str | None = None,
    ) -> None:
        goal = _record(casework.get_case(casefile, case_id).goals, goal_id) if goal_id else None
        super().__init__(self.tr("Agree goal") if goal is None else self.tr("Correct goal"), parent)
        self.casefile = casefile
        self.case_id = case_id
        self.goal = goal
        self.life_area = catalogue_combo(
            casefile, cat.LIFE_AREAS, optional=True, none_text=self.tr("– choose –")
        )
        if goal is not None and goal.life_area and self.life_area.findData(goal.life_area) < 0:
            self.life_area.addItem(goal.life_area, goal.life_area)  # no longer listed
        select_code(self.life_area, goal.life_area if goal else None)
        self.title_edit = MultiLineText(goal.title if goal else "", lines=4)
        self.title_edit.setPlaceholderText(
            self.tr("What the client wants to reach, in one or two sentences")
        )
        self.agreed_on = date_edit(goal.agreed_on if goal else today, self.tr("Agreed on"))
        self.due_on = optional_date(goal.due_on if goal else None, self.tr("Due on"), "due_on")
        self.add_row(self.tr("&Life area:"), self.life_area, required=True)
        self.add_row(self.tr("&Goal:"), self.title_edit, required=True)
        self.add_row(self.tr("&Agreed on:"), self.agreed_on, required=True)
        self.add_row(self.tr("D&ue on:"), self.due_on)
        self.life_area.setFocus()

    def save(self) -> str:
        life_area = self.life_area.currentData()  # required: checked before saving
        title = self.title_edit.text()
        agreed_on, due_on = self.agreed_on.required_value(), self.due_on.value()
        if self.goal is not None:
            casework.update_goal(self.casefile, self.goal.id, life_area, title, agreed_on, due_on)
            return self.goal.id
        return casework.add_goal(self.casefile, self.case_id, life_area, title, agreed_on, due_on)


class GoalStatusDialog(RecordDialog):
    """Set a goal's status; every status but "open" needs the date it was closed. The goal
    is shown in a wrapped, scrolling box: a long goal must not widen the dialog."""

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
        self.goal_text = MultiLineText(goal.title, lines=3, read_only=True)
        self.add_row(self.tr("Goal:"), self.goal_text)
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
    """Refer to a service, or correct the referral ``referral_id``: date, target category,
    organisation, theme, outcome."""

    def __init__(
        self,
        casefile: CaseFile,
        case_id: str,
        today: dt.date,
        parent: QWidget | None = None,
        referral_id: str | None = None,
    ) -> None:
        referral = (
            _record(casework.get_case(casefile, case_id).referrals, referral_id)
            if referral_id
            else None
        )
        title = self.tr("Referral") if referral is None else self.tr("Correct referral")
        super().__init__(title, parent)
        self.casefile = casefile
        self.case_id = case_id
        self.referral = referral
        r = referral
        self.date = date_edit(r.date if r else today, self.tr("Date"))
        self.target = catalogue_combo(casefile, cat.REFERRAL_TARGETS)
        self.organisation = QLineEdit(r.organisation or "" if r else "")
        self.organisation.setPlaceholderText(self.tr("e.g. Jobcenter Rhein-Sieg, Team 3"))
        self.organisation.setMaxLength(200)  # core's ORGANISATION_MAX
        self.theme = catalogue_combo(casefile, cat.THEMES, optional=True)
        self.outcome = catalogue_combo(casefile, cat.REFERRAL_OUTCOMES)
        for combo, code in (
            (self.target, r.target if r else None),
            (self.theme, r.theme if r else None),
            (self.outcome, r.outcome if r and r.outcome else "pending"),
        ):
            if code is not None and combo.findData(code) < 0:
                combo.addItem(code, code)  # a code the catalogue no longer lists
            select_code(combo, code)
        self.add_row(self.tr("&Date:"), self.date)
        self.add_row(self.tr("&Referred to:"), self.target)
        # A data-transfer consent withdrawn for the chosen target: said beside it.
        self._withdrawn = casework.withdrawn_transfers(casefile, case_id)
        self.consent_warning = QLabel()
        self.consent_warning.setWordWrap(True)
        self.consent_warning.setStyleSheet("color: #a40000;")
        self.form.addRow(self.consent_warning)
        self.target.currentIndexChanged.connect(self._show_consent_warning)
        self._show_consent_warning()
        self.add_row(self.tr("&Organisation:"), self.organisation)
        self.add_row(self.tr("&Theme:"), self.theme)
        self.add_row(self.tr("O&utcome:"), self.outcome)
        self.date.setFocus()

    def _show_consent_warning(self) -> None:
        withdrawn = self._withdrawn.get(self.target.currentData())
        if withdrawn is None:
            self.consent_warning.clear()
            self.consent_warning.hide()
            return
        self.consent_warning.setText(
            self.tr(
                "The consent to exchange data with this recipient was withdrawn on {date}: "
                "share no data about the client with it."
            ).format(date=date_text(withdrawn))
        )
        self.consent_warning.show()

    def save(self) -> str:
        values = (
            self.date.required_value(),
            self.target.currentData(),
            self.organisation.text().strip() or None,
            self.theme.currentData(),
            self.outcome.currentData(),
        )
        if self.referral is not None:
            casework.update_referral(self.casefile, self.referral.id, *values)
            return self.referral.id
        return casework.add_referral(self.casefile, self.case_id, *values)


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
