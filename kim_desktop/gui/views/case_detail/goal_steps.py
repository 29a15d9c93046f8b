"""The agreed steps of the goal selected in the goals tab (issue 16): listed under the goals
(what, who, by when, done on) and added, corrected, marked done and removed. Enter in the
list corrects a step, Delete removes it (after a question), as in every list of the case."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QTableView, QVBoxLayout, QWidget

from kim_desktop.core import casework
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.table_model import Column, RowsModel
from kim_desktop.gui.views.case_detail.base import CaseDetailBase
from kim_desktop.gui.views.case_detail.common import buddy, on_delete_key, row, shorten, table
from kim_desktop.gui.views.case_detail.step_dialogs import StepDialog, StepDoneDialog


class GoalStepsPart(CaseDetailBase):
    goals_table: QTableView

    def selected_goal(self) -> casework.GoalData | None:
        raise NotImplementedError

    def _steps_part(self) -> QWidget:
        self.steps_model = RowsModel(
            [
                Column(self.tr("Step"), lambda s: s.what),
                Column(self.tr("Who"), lambda s: s.who or ""),
                Column(self.tr("By when"), lambda s: date_text(s.due_on)),
                Column(self.tr("Done on"), lambda s: date_text(s.done_on)),
            ]
        )
        self.steps_table = table(self.steps_model, self.tr("Agreed steps"), stretch=0)
        self.steps_table.setWordWrap(False)
        self.steps_table.activated.connect(lambda _index: self.edit_step())
        on_delete_key(self.steps_table, self.remove_step)
        self.add_step_button = self._button(self.tr("Add step …"), self.add_step)
        self.edit_step_button = self._button(self.tr("Correct step …"), self.edit_step)
        self.step_done_button = self._button(self.tr("Mar&k step done …"), self.mark_step_done)
        self.remove_step_button = self._button(self.tr("Remove step …"), self.remove_step)
        part = QWidget()
        layout = QVBoxLayout(part)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(buddy(self.tr("Steps agreed to&wards this goal:"), self.steps_table))
        layout.addWidget(self.steps_table, 1)
        layout.addLayout(
            row(
                self.add_step_button,
                self.edit_step_button,
                self.step_done_button,
                self.remove_step_button,
            )
        )
        self.steps_table.selectionModel().currentRowChanged.connect(self._update_actions)
        return part

    def _fill_steps(self, keep: str | None = None) -> None:
        """The selected goal's steps (none without a goal), ``keep`` selected again."""
        goal = self.selected_goal()
        self.steps_model.set_rows(goal.steps if goal is not None else ())
        self._reselect(self.steps_table, self.steps_model, lambda s: s.id, keep)

    def selected_step(self) -> casework.StepData | None:
        return self.steps_model.row_at(self.steps_table.currentIndex().row())

    def _update_step_actions(self) -> None:
        has_goal, has_step = self.selected_goal() is not None, self.selected_step() is not None
        self.add_step_button.setEnabled(has_goal)
        for button in (self.edit_step_button, self.step_done_button, self.remove_step_button):
            button.setEnabled(has_step)

    # -- actions -----------------------------------------------------------------------------

    def add_step_dialog(self) -> StepDialog | None:
        goal = self.selected_goal()
        if self.casefile is None or goal is None:
            return None
        return self._prepared(StepDialog(self.casefile, goal.id, self.today(), self))

    def add_step(self) -> QDialog | None:
        return self._open(self.add_step_dialog())

    def edit_step_dialog(self) -> StepDialog | None:
        goal, step = self.selected_goal(), self.selected_step()
        if self.casefile is None or goal is None or step is None:
            return None
        return self._prepared(
            StepDialog(self.casefile, goal.id, self.today(), self, step_id=step.id)
        )

    def edit_step(self) -> QDialog | None:
        return self._open(self.edit_step_dialog())

    def step_done_dialog(self) -> StepDoneDialog | None:
        goal, step = self.selected_goal(), self.selected_step()
        if self.casefile is None or goal is None or step is None:
            return None
        return self._prepared(StepDoneDialog(self.casefile, goal.id, step.id, self))

    def mark_step_done(self) -> QDialog | None:
        return self._open(self.step_done_dialog())

    def remove_step(self) -> None:
        step = self.selected_step()
        if self.casefile is None or step is None:
            return
        casefile, step_id = self.casefile, step.id
        text = self.tr(
            "Remove this step?\n\n{step}\n\nOnly for a step entered by mistake; this cannot "
            "be undone."
        ).format(step=shorten(step.what))
        if self._ask(self.tr("Remove step"), text):
            self._call(lambda: casework.delete_step(casefile, step_id))
