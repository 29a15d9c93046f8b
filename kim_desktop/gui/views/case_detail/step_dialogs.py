"""Dialogs for the agreed steps of a goal (issue 16): add or correct a step (what, who, by
when, done when) and mark one done. Dates are typed (gui/date_field.py): "done on" starts
empty, so a step is never marked done on a day nobody typed. Made from ids, so a lock keeps
them as drafts that open again filled in (gui/drafts.py)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLineEdit, QWidget

from kim_desktop.core import casework
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework.steps import STEP_WHO_MAX
from kim_desktop.core.errors import UnknownRecord
from kim_desktop.gui.dialogs import RecordDialog, optional_date
from kim_desktop.gui.views.case_detail.common import MultiLineText


def _step(casefile: CaseFile, goal_id: str, step_id: str | None) -> casework.StepData | None:
    """The step ``step_id`` of the goal (None for a new one); refused when it is gone."""
    if step_id is None:
        return None
    for step in casework.list_steps(casefile, goal_id):
        if step.id == step_id:
            return step
    raise UnknownRecord("id", "the record no longer exists")


class StepDialog(RecordDialog):
    """A new step of the goal ``goal_id``, or the correction of ``step_id``."""

    def __init__(
        self,
        casefile: CaseFile,
        goal_id: str,
        today: dt.date,
        parent: QWidget | None = None,
        step_id: str | None = None,
    ) -> None:
        step = _step(casefile, goal_id, step_id)
        super().__init__(self.tr("Agree step") if step is None else self.tr("Correct step"), parent)
        self.casefile = casefile
        self.goal_id = goal_id
        self.today = today
        self.step = step
        self.what = MultiLineText(step.what if step else "", lines=2)
        self.what.setPlaceholderText(self.tr("What happens next, in one sentence"))
        self.who = QLineEdit(step.who or "" if step else "")
        self.who.setPlaceholderText(self.tr("e.g. client, case management, Ms K. (job centre)"))
        self.who.setMaxLength(STEP_WHO_MAX)
        self.due_on = optional_date(step.due_on if step else None, self.tr("By when"), "due_on")
        self.done_on = optional_date(step.done_on if step else None, self.tr("Done on"), "done_on")
        self.add_row(self.tr("&Step:"), self.what, required=True)
        self.add_row(self.tr("&Who:"), self.who)
        self.add_row(self.tr("&By when:"), self.due_on)
        self.add_row(self.tr("D&one on:"), self.done_on)
        self.what.setFocus()

    def save(self) -> str:
        what, who = self.what.text(), self.who.text()  # core names a text too long
        due_on, done_on = self.due_on.value(), self.done_on.value()
        if self.step is not None:
            casework.update_step(self.casefile, self.step.id, what, who, due_on, done_on)
            return self.step.id
        return casework.add_step(self.casefile, self.goal_id, what, who, due_on, done_on)


class StepDoneDialog(RecordDialog):
    """Mark the step ``step_id`` done on a typed day; a done step's date can be corrected or
    emptied (not done after all)."""

    def __init__(
        self,
        casefile: CaseFile,
        goal_id: str,
        step_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Step done"), parent)
        step = _step(casefile, goal_id, step_id)
        assert step is not None
        self.casefile = casefile
        self.step = step
        self.step_text = MultiLineText(step.what, lines=2, read_only=True)
        self.done_on = optional_date(step.done_on, self.tr("Done on"), "done_on")
        self.add_row(self.tr("Step:"), self.step_text)
        self.add_row(self.tr("&Done on:"), self.done_on, required=not step.done)
        self.done_on.setFocus()

    def save(self) -> str:
        field = self.done_on
        day = field.value() if self.step.done else field.required_value()
        casework.set_step_done(self.casefile, self.step.id, day)
        return self.step.id
