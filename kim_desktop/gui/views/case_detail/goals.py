"""The goals tab: agreed goals (agree, correct, remove), their status, the agreed steps of
the selected goal (``goal_steps.py``), and the printed goal agreement."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QSplitter, QVBoxLayout, QWidget

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.document_texts import GERMAN
from kim_desktop.core.documents import document_data
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.operations import run_operation
from kim_desktop.gui.table_model import Column, RowsModel
from kim_desktop.gui.views.case_detail.common import (
    buddy,
    on_delete_key,
    row,
    shorten,
    table,
    write_pdf,
)
from kim_desktop.gui.views.case_detail.document_language import fill_languages
from kim_desktop.gui.views.case_detail.goal_steps import GoalStepsPart
from kim_desktop.gui.views.case_detail.record_dialogs import GoalDialog, GoalStatusDialog
from kim_desktop.reports import goal_agreement


class GoalsTab(GoalStepsPart):
    def _goals_page(self) -> QWidget:
        self.goals_model = RowsModel(
            [
                Column(self.tr("Life area"), lambda g: self._label(cat.LIFE_AREAS, g.life_area)),
                Column(self.tr("Goal"), lambda g: g.title),
                Column(self.tr("Agreed"), lambda g: date_text(g.agreed_on)),
                Column(self.tr("Due"), lambda g: date_text(g.due_on)),
                Column(self.tr("Status"), lambda g: self._label(cat.GOAL_STATUS, g.status)),
                Column(self.tr("Closed"), lambda g: date_text(g.closed_on)),
            ]
        )
        self.goals_table = table(self.goals_model, self.tr("Goals"), stretch=1)
        self.goals_table.setWordWrap(False)  # one line per goal, elided; the dialogs show all
        # Enter or a double click corrects the goal, as in every list of the case.
        self.goals_table.activated.connect(lambda _index: self.edit_goal())
        on_delete_key(self.goals_table, self.remove_goal)
        self.agree_goal_button = self._button(self.tr("Agree goal …"), self.agree_goal)
        self.edit_goal_button = self._button(self.tr("E&dit …"), self.edit_goal)
        self.remove_goal_button = self._button(self.tr("Remove …"), self.remove_goal)
        self.goal_status_button = self._button(self.tr("Set stat&us …"), self.set_goal_status)
        self.print_goals_button = self._button(
            self.tr("Print goal agreement …"), self.print_goal_agreement
        )
        # German alone, or German with the client's language below (the texts in force)
        self.goals_language = QComboBox()
        self.goals_language.setAccessibleName(self.tr("Language of the goal agreement"))
        goals_language_label = QLabel(self.tr("&Beside German:"))
        goals_language_label.setBuddy(self.goals_language)
        goals_part = QWidget()
        goals_layout = QVBoxLayout(goals_part)
        goals_layout.setContentsMargins(0, 0, 0, 0)
        goals_layout.addWidget(buddy(self.tr("Agreed goals:"), self.goals_table))
        goals_layout.addWidget(self.goals_table, 1)
        goals_layout.addLayout(
            row(
                self.agree_goal_button,
                self.edit_goal_button,
                self.goal_status_button,
                self.remove_goal_button,
                goals_language_label,
                self.goals_language,
                self.print_goals_button,
            )
        )
        # The steps of the goal chosen above, below it.
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(goals_part)
        split.addWidget(self._steps_part())
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        page = QWidget()
        QVBoxLayout(page).addWidget(split)
        self.goals_table.selectionModel().currentRowChanged.connect(self._goal_changed)
        return page

    def _goal_changed(self, *_args: object) -> None:
        self._fill_steps()
        self._update_actions()

    def _fill_goals(self, case: casework.CaseDetail, keep: dict[str, str | None]) -> None:
        self.goals_model.set_rows(case.goals)
        if self.casefile is not None:  # one small read: the district's texts, if any
            texts = document_data.texts_in_force(self.casefile)
            fill_languages(self.goals_language, texts, document_data.GOAL_AGREEMENT_TEXTS, GERMAN)
        self._reselect(self.goals_table, self.goals_model, lambda g: g.id, keep.get("goal"))
        self._fill_steps(keep.get("step"))

    def selected_goal(self) -> casework.GoalData | None:
        return self.goals_model.row_at(self.goals_table.currentIndex().row())

    def _update_goal_actions(self) -> None:
        has_goal = self.selected_goal() is not None
        for button in (self.edit_goal_button, self.goal_status_button, self.remove_goal_button):
            button.setEnabled(has_goal)
        self._update_step_actions()

    # -- actions -----------------------------------------------------------------------------

    def agree_goal_dialog(self) -> GoalDialog | None:
        ready = self._ready()
        if ready is None:
            return None
        return self._prepared(GoalDialog(ready[0], ready[1].id, self.today(), self))

    def agree_goal(self) -> QDialog | None:
        return self._open(self.agree_goal_dialog())

    def edit_goal_dialog(self) -> GoalDialog | None:
        ready, goal = self._ready(), self.selected_goal()
        if ready is None or goal is None:
            return None
        return self._prepared(
            GoalDialog(ready[0], ready[1].id, self.today(), self, goal_id=goal.id)
        )

    def edit_goal(self) -> QDialog | None:
        return self._open(self.edit_goal_dialog())

    def remove_goal(self) -> None:
        ready, goal = self._ready(), self.selected_goal()
        if ready is None or goal is None:
            return
        casefile = ready[0]
        goal_id = goal.id
        text = self.tr(
            "Remove this goal ({area}, agreed {date})?\n\n{goal}\n\nOnly for a goal entered "
            "by mistake; this cannot be undone."
        ).format(
            goal=shorten(goal.title),
            area=self._label(cat.LIFE_AREAS, goal.life_area) or "—",
            date=date_text(goal.agreed_on),
        )
        if goal.steps:
            text += "\n\n" + self.tr("Its %n agreed step(s) go with it.", "", len(goal.steps))
        if self._ask(self.tr("Remove goal"), text):
            self._call(lambda: casework.delete_goal(casefile, goal_id))

    def goal_status_dialog(self) -> GoalStatusDialog | None:
        goal = self.selected_goal()
        if self.casefile is None or goal is None:
            return None
        return self._prepared(GoalStatusDialog(self.casefile, goal, self.today(), self))

    def set_goal_status(self) -> QDialog | None:
        return self._open(self.goal_status_dialog())

    def print_goal_agreement(self) -> None:
        ready = self._ready()
        if ready is None:
            return
        casefile, case = ready
        case_id = case.id
        language = self.goals_language.currentData() or GERMAN
        path = self._save_path(self.tr("Save goal agreement"), self.tr("goal-agreement.pdf"))
        if path is None or self.case is None or self.case.id != case_id:
            return  # cancelled, or locked while the file dialog was open
        today = self.today()
        self.message.setText(self.tr("Creating the goal agreement …"))

        def work(_report: object) -> None:
            texts = document_data.texts_in_force(casefile)
            data = document_data.goal_agreement_data(casefile, case_id, today)
            write_pdf(
                path,
                lambda out: goal_agreement.build_goal_agreement(
                    data, out, language=language, texts=texts
                ),
            )

        def succeeded(_result: object) -> None:
            if self.case is not None and self.case.id == case_id:
                self.message.setText(self.tr("Saved {path}.").format(path=str(path)))

        run_operation(self, work, succeeded, self._show_error)
