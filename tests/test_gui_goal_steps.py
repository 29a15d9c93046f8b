"""The agreed steps of a goal in the case window (issue 16): listed under the selected goal,
added and corrected by keyboard with typed dates, marked done only on a typed day, removed
after a question; refused in a read-only case; kept as drafts that open again filled in.

Real encrypted files, real widgets driven with qtbot (helpers of test_gui_case_detail.py and
test_gui_corrections.py)."""

from __future__ import annotations

import datetime as dt
import uuid

from gui_support import type_date
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_gui_case_detail import answer, column, ok, select_row
from test_gui_corrections import case_id, open_dialog, widget  # noqa: F401 - fixtures

from kim_desktop.core import casework
from kim_desktop.core.casefile import drafts as stored_drafts
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework import restriction
from kim_desktop.gui import drafts
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.views import case_detail
from kim_desktop.gui.views.case_detail import CaseDetailWidget, StepDialog, StepDoneDialog

D = dt.date


def goal_shown(widget: CaseDetailWidget, casefile: CaseFile, case_id: str) -> str:  # noqa: F811
    goal_id = casework.add_goal(casefile, case_id, "housing", "Wohnung finden", D(2025, 3, 5))
    widget.show_case(casefile, case_id)
    widget.tabs.setCurrentIndex(case_detail.GOALS)
    select_row(widget.goals_table, 0)
    return goal_id


def test_add_a_step_by_keyboard_and_mark_it_done_on_a_typed_day(
    qtbot,
    widget: CaseDetailWidget,  # noqa: F811
    new_casefile: CaseFile,
    case_id: str,  # noqa: F811
) -> None:
    goal_id = goal_shown(widget, new_casefile, case_id)
    assert widget.steps_model.rowCount() == 0
    assert widget.add_step_button.isEnabled() and not widget.step_done_button.isEnabled()
    widget.add_step_button.click()

    dialog = open_dialog(qtbot, widget, StepDialog)
    assert dialog.windowTitle() == "Agree step"
    assert QApplication.focusWidget() is dialog.what
    qtbot.keyClicks(dialog.what, "WBS beim Wohnungsamt beantragen")
    qtbot.keyClick(dialog.what, Qt.Key.Key_Tab)  # Tab leaves the text
    assert QApplication.focusWidget() is dialog.who
    qtbot.keyClicks(dialog.who, "Klientin")
    qtbot.keyClick(dialog.who, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.due_on.line
    assert dialog.done_on.line.text() == ""  # never a day nobody typed
    qtbot.keyClicks(dialog.due_on.line, "20.3.25")
    with qtbot.waitSignal(widget.changed, timeout=3000):
        qtbot.keyClick(dialog.due_on.line, Qt.Key.Key_Return)  # Enter: OK

    (step,) = casework.list_steps(new_casefile, goal_id)
    assert (step.what, step.who, step.due_on, step.done_on) == (
        "WBS beim Wohnungsamt beantragen",
        "Klientin",
        D(2025, 3, 20),
        None,
    )
    assert column(widget.steps_model, 0) == ["WBS beim Wohnungsamt beantragen"]
    assert column(widget.steps_model, 2) == [date_text(D(2025, 3, 20))]
    assert widget.selected_goal() is not None  # the goal stays selected

    select_row(widget.steps_table, 0)
    done = widget.step_done_dialog()
    assert isinstance(done, StepDoneDialog)
    assert done.done_on.line.text() == ""
    ok(done)  # nothing typed: refused at the field, nothing saved
    assert done.shown_problems() == {"done_on": "A date is required."}
    assert casework.list_steps(new_casefile, goal_id)[0].done_on is None
    type_date(qtbot, done.done_on, "18.03.2025")
    ok(done)
    assert casework.list_steps(new_casefile, goal_id)[0].done_on == D(2025, 3, 18)
    assert column(widget.steps_model, 3) == [date_text(D(2025, 3, 18))]


def test_correct_by_enter_and_remove_by_delete(
    qtbot,
    widget: CaseDetailWidget,  # noqa: F811
    new_casefile: CaseFile,
    case_id: str,  # noqa: F811
) -> None:
    goal_id = goal_shown(widget, new_casefile, case_id)
    casework.add_step(new_casefile, goal_id, "Unterlagen kopieren", "Case Management")
    casework.add_step(new_casefile, goal_id, "Besichtigung", None, D(2025, 4, 1))
    widget.show_case(new_casefile, case_id)
    assert column(widget.steps_model, 0) == ["Unterlagen kopieren", "Besichtigung"]
    widget.steps_table.setFocus()
    select_row(widget.steps_table, 1)
    qtbot.keyClick(widget.steps_table, Qt.Key.Key_Return)

    dialog = open_dialog(qtbot, widget, StepDialog)
    assert dialog.windowTitle() == "Correct step"
    assert dialog.what.toPlainText() == "Besichtigung" and dialog.due_on.value() == D(2025, 4, 1)
    dialog.who.setText("Frau K. vom Jobcenter")
    type_date(qtbot, dialog.due_on, "")  # no date after all
    type_date(qtbot, dialog.done_on, "2.4.2025")
    ok(dialog)
    second = casework.list_steps(new_casefile, goal_id)[1]
    assert (second.who, second.due_on, second.done_on) == (
        "Frau K. vom Jobcenter",
        None,
        D(2025, 4, 2),
    )
    assert widget.selected_step() == second  # the row stays selected

    select_row(widget.steps_table, 0)
    asked = answer(widget)
    widget.activateWindow()  # back from the dialog (a window manager does this)
    qtbot.waitUntil(widget.isActiveWindow, timeout=3000)
    widget.steps_table.setFocus()
    qtbot.keyClick(widget.steps_table, Qt.Key.Key_Delete)  # the Delete key asks first
    qtbot.waitUntil(lambda: widget.steps_model.rowCount() == 1, timeout=3000)
    assert "Unterlagen kopieren" in asked[0]
    assert [s.what for s in casework.list_steps(new_casefile, goal_id)] == ["Besichtigung"]

    # Removing the goal says its steps go with it.
    select_row(widget.goals_table, 0)
    asked = answer(widget)
    widget.remove_goal_button.click()
    qtbot.waitUntil(lambda: widget.goals_model.rowCount() == 0, timeout=3000)
    assert "1 agreed step(s) go with it" in asked[0]
    assert widget.steps_model.rowCount() == 0 and not widget.add_step_button.isEnabled()


def test_a_blank_step_is_refused_at_its_field(
    qtbot,
    widget: CaseDetailWidget,  # noqa: F811
    new_casefile: CaseFile,
    case_id: str,  # noqa: F811
) -> None:
    goal_id = goal_shown(widget, new_casefile, case_id)
    dialog = widget.add_step_dialog()
    assert isinstance(dialog, StepDialog)
    dialog.who.setText("Klientin")
    ok(dialog)
    assert set(dialog.shown_problems()) == {"what"}
    type_date(qtbot, dialog.due_on, "1.1.2020")  # before the goal was agreed
    dialog.what.setPlainText("Kurs")
    ok(dialog)
    assert set(dialog.shown_problems()) == {"due_on"}
    assert casework.list_steps(new_casefile, goal_id) == ()
    dialog.reject()


def test_steps_of_a_read_only_case_cannot_be_changed(
    qtbot,
    widget: CaseDetailWidget,  # noqa: F811
    new_casefile: CaseFile,
    case_id: str,  # noqa: F811
) -> None:
    goal_id = goal_shown(widget, new_casefile, case_id)
    casework.add_step(new_casefile, goal_id, "Antrag stellen")
    person = casework.get_case(new_casefile, case_id).members[0].client.id
    casework.restrict_client(new_casefile, person, restriction.LEGAL_CLAIMS, D(2025, 3, 9))
    widget.show_case(new_casefile, case_id)
    select_row(widget.steps_table, 0)
    assert column(widget.steps_model, 0) == ["Antrag stellen"]  # shown
    for button in (
        widget.add_step_button,
        widget.edit_step_button,
        widget.step_done_button,
        widget.remove_step_button,
    ):
        assert not button.isEnabled()


def test_step_forms_open_again_from_a_draft(
    qtbot,
    widget: CaseDetailWidget,  # noqa: F811
    new_casefile: CaseFile,
    case_id: str,  # noqa: F811
) -> None:
    goal_id = goal_shown(widget, new_casefile, case_id)
    casework.add_step(new_casefile, goal_id, "Antrag stellen")
    widget.show_case(new_casefile, case_id)
    select_row(widget.steps_table, 0)
    for form in (widget.add_step_dialog(), widget.edit_step_dialog(), widget.step_done_dialog()):
        assert form is not None and form.draft_context is not None, type(form).__name__
        form.reject()

    form = widget.add_step_dialog()
    assert form is not None and form.draft_context is not None
    form.what.setPlainText("Lebenslauf schreiben")
    type_date(qtbot, form.due_on, "31.03.2025")
    stored = stored_drafts.StoredDraft(
        uuid.uuid4().hex,
        "StepDialog",
        form.draft_context,
        drafts.capture(form),
        None,
        dt.datetime(2025, 3, 10, 9, 0),
    )
    form.close_keeping_draft()
    again = drafts.reopen(stored, new_casefile, widget)
    assert isinstance(again, StepDialog) and again.goal_id == goal_id
    assert again.what.toPlainText() == "Lebenslauf schreiben"
    assert again.due_on.value() == D(2025, 3, 31)
    again.close_keeping_draft()  # (rejecting restored input would ask first)
