"""Correcting and removing records in the case window: goals, assessments, referrals and
consents open pre-filled on Enter (or the Edit button) and are removed after a question
naming them; the lists refresh. Long goals never make a dialog wider than a 1366-pixel
screen; a typed letter in the phase box asks before the phase changes.

Real encrypted files, real widgets driven with qtbot, as in test_gui_case_detail.py (whose
helpers are used here)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from test_gui_case_detail import OPENED, TODAY, answer, choose, column, ok, select_row

from kim_desktop.core import casework
from kim_desktop.core.casefile.models import Goal
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.gui.dialogs import AppointmentDialog
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.views import case_detail
from kim_desktop.gui.views.case_detail import (
    AssessmentDialog,
    CaseDetailWidget,
    ConsentDialog,
    GoalDialog,
    GoalStatusDialog,
    ReferralDialog,
    WithdrawConsentDialog,
)

SCREEN_WIDTH = 1366
LONG_GOAL = ("Die Klientin findet eine Wohnung mit drei Zimmern in Siegburg. " * 50)[:3000]


@pytest.fixture
def case_id(new_casefile: CaseFile) -> str:
    casework.add_municipality(new_casefile, "Siegburg")
    aylin = casework.create_client(
        new_casefile, casework.ClientData(family_name="Öztürk", given_name="Aylin")
    )
    return casework.open_case(new_casefile, "Siegburg", "case_management", OPENED, aylin)


@pytest.fixture
def widget(qtbot, new_casefile: CaseFile, case_id: str) -> Iterator[CaseDetailWidget]:
    shown = CaseDetailWidget(today=TODAY)
    qtbot.addWidget(shown)
    shown.resize(1000, 700)
    shown.show_case(new_casefile, case_id)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.clear()


def open_dialog(qtbot, widget: CaseDetailWidget, kind: type[QDialog]) -> QDialog:
    qtbot.waitUntil(lambda: isinstance(widget.active_dialog(), kind), timeout=3000)
    dialog = widget.active_dialog()
    assert isinstance(dialog, kind)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()  # a window manager does this; the offscreen platform does not
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    return dialog


def test_edit_a_goal_by_keyboard(
    qtbot, widget: CaseDetailWidget, new_casefile: CaseFile, case_id: str
) -> None:
    casework.add_goal(new_casefile, case_id, "housing", "Wohnung finden", dt.date(2025, 3, 5))
    widget.show_case(new_casefile, case_id)
    widget.tabs.setCurrentIndex(case_detail.GOALS)
    widget.goals_table.setFocus()
    select_row(widget.goals_table, 0)
    assert widget.edit_goal_button.isEnabled() and widget.remove_goal_button.isEnabled()
    qtbot.keyClick(widget.goals_table, Qt.Key.Key_Return)  # Enter corrects the goal

    dialog = open_dialog(qtbot, widget, GoalDialog)
    assert dialog.windowTitle() == "Correct goal"
    assert dialog.life_area.currentData() == "housing"
    assert dialog.title_edit.toPlainText() == "Wohnung finden"
    assert dialog.agreed_on.value() == dt.date(2025, 3, 5)
    assert dialog.title_edit.height() > 2 * dialog.fontMetrics().lineSpacing()  # several lines
    assert QApplication.focusWidget() is dialog.life_area
    qtbot.keyClicks(dialog.life_area, widget._label("life_areas", "work")[:3])  # type-ahead
    assert dialog.life_area.currentData() == "work"
    qtbot.keyClick(dialog.life_area, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.title_edit
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.title_edit, "Ausbildung als Pflegefachfrau beginnen")
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Tab)  # Tab leaves the text, not a tab
    assert QApplication.focusWidget() is dialog.agreed_on.line
    with qtbot.waitSignal(widget.changed, timeout=3000):
        qtbot.keyClick(dialog.agreed_on.line, Qt.Key.Key_Return)  # Enter: OK

    assert column(widget.goals_model, 1) == ["Ausbildung als Pflegefachfrau beginnen"]
    assert column(widget.goals_model, 0) == [widget._label("life_areas", "work")]
    stored = casework.get_case(new_casefile, case_id).goals
    assert [(g.life_area, g.title, g.agreed_on) for g in stored] == [
        ("work", "Ausbildung als Pflegefachfrau beginnen", dt.date(2025, 3, 5))
    ]
    assert widget.selected_goal() is not None  # the row stays selected


def test_correction_forms_can_be_kept_as_drafts(
    qtbot, widget: CaseDetailWidget, new_casefile: CaseFile, case_id: str
) -> None:
    """Each correction form is made from ids, so a lock keeps it as a draft that opens
    again filled in (gui/drafts.py), not only as text to copy."""
    person = casework.get_case(new_casefile, case_id).members[0].client.id
    assert person is not None
    casework.add_goal(new_casefile, case_id, "housing", "Wohnung finden", dt.date(2025, 3, 5))
    casework.add_assessment(new_casefile, case_id, dt.date(2025, 3, 4), {"housing": 3})
    casework.add_referral(new_casefile, case_id, dt.date(2025, 3, 5), "job_centre")
    casework.record_consent(new_casefile, person, "case_documentation", dt.date(2025, 3, 4))
    widget.show_case(new_casefile, case_id)
    select_row(widget.goals_table, 0)
    select_row(widget.referrals_table, 0)
    select_row(widget.consents_table, 0)
    widget.assessment_table.setCurrentIndex(widget.assessment_model.index(0, 0))
    forms = [
        widget.edit_goal_dialog(),
        widget.edit_assessment_dialog(),
        widget.edit_referral_dialog(),
        widget.edit_consent_dialog(),
    ]
    for form in forms:
        assert form is not None
        assert form.draft_context is not None, type(form).__name__
        form.reject()


def test_a_goal_without_life_area_is_refused(
    qtbot, widget: CaseDetailWidget, new_casefile: CaseFile, case_id: str
) -> None:
    dialog = widget.agree_goal_dialog()
    assert isinstance(dialog, GoalDialog)
    dialog.title_edit.setPlainText("Deutschkurs B1")
    ok(dialog)
    assert dialog.shown_problems() == {"life_area": "Please choose an entry of the list."}
    assert casework.get_case(new_casefile, case_id).goals == ()
    choose(dialog.life_area, "language")
    ok(dialog)
    assert column(widget.goals_model, 1) == ["Deutschkurs B1"]


def test_remove_an_assessment_after_confirmation(
    qtbot, widget: CaseDetailWidget, new_casefile: CaseFile, case_id: str
) -> None:
    first = casework.add_assessment(new_casefile, case_id, dt.date(2025, 3, 4), {"housing": 3})
    second = casework.add_assessment(new_casefile, case_id, dt.date(2025, 3, 8), {"work": 1})
    widget.show_case(new_casefile, case_id)
    widget.tabs.setCurrentIndex(case_detail.ASSESSMENT)
    assert widget.assessment_model.columnCount() == 2
    assert not widget.remove_assessment_button.isEnabled()  # no column chosen yet
    model = widget.assessment_model
    widget.assessment_table.setCurrentIndex(model.index(0, 0))
    assert widget.selected_assessment() is not None
    assert widget.selected_assessment().id == first  # type: ignore[union-attr]

    asked = answer(widget, yes=False)
    widget.assessment_table.setFocus()
    qtbot.keyClick(widget.assessment_table, Qt.Key.Key_Delete)  # the Delete key asks too
    assert asked and date_text(dt.date(2025, 3, 4)) in asked[0]
    assert model.columnCount() == 2  # No: kept

    asked = answer(widget, yes=True)
    with qtbot.waitSignal(widget.changed, timeout=3000):
        widget.remove_assessment_button.click()
    assert date_text(dt.date(2025, 3, 4)) in asked[0]
    assert model.columnCount() == 1
    assert date_text(dt.date(2025, 3, 8)) in model.headerData(0, Qt.Orientation.Horizontal)
    assert [a.id for a in casework.get_case(new_casefile, case_id).assessments] == [second]


def test_correct_an_assessment_from_its_column(
    qtbot, widget: CaseDetailWidget, new_casefile: CaseFile, case_id: str
) -> None:
    casework.add_assessment(new_casefile, case_id, dt.date(2025, 3, 4), {"housing": 3}, notes="x")
    widget.show_case(new_casefile, case_id)
    widget.tabs.setCurrentIndex(case_detail.ASSESSMENT)
    widget.assessment_table.setFocus()
    widget.assessment_table.setCurrentIndex(widget.assessment_model.index(2, 0))
    qtbot.keyClick(widget.assessment_table, Qt.Key.Key_Return)
    dialog = open_dialog(qtbot, widget, AssessmentDialog)
    assert dialog.ratings["housing"].currentData() == 3
    assert dialog.notes.toPlainText() == "x"
    choose(dialog.ratings["housing"], 2)
    choose(dialog.ratings["language"], 1)
    ok(dialog)
    stored = casework.get_case(new_casefile, case_id).assessments
    assert [a.ratings for a in stored] == [{"housing": 2, "language": 1}]
    assert widget.assessment_model.columnCount() == 1


def test_correct_and_remove_a_referral(
    qtbot, widget: CaseDetailWidget, new_casefile: CaseFile, case_id: str
) -> None:
    casework.add_referral(new_casefile, case_id, dt.date(2025, 3, 5), "job_centre")
    widget.show_case(new_casefile, case_id)
    widget.tabs.setCurrentIndex(case_detail.REFERRALS)
    widget.referrals_table.setFocus()
    select_row(widget.referrals_table, 0)
    qtbot.keyClick(widget.referrals_table, Qt.Key.Key_Return)
    dialog = open_dialog(qtbot, widget, ReferralDialog)
    assert dialog.target.currentData() == "job_centre"
    choose(dialog.target, "debt_counselling")
    qtbot.keyClicks(dialog.organisation, "Schuldnerberatung Siegburg")
    ok(dialog)
    assert column(widget.referrals_model, 2) == ["Schuldnerberatung Siegburg"]
    stored = casework.get_case(new_casefile, case_id).referrals[0]
    assert (stored.target, stored.outcome) == ("debt_counselling", "pending")

    asked = answer(widget, yes=True)
    widget.remove_referral_button.click()
    assert "Schuldnerberatung Siegburg" in asked[0]
    assert widget.referrals_model.rowCount() == 0
    assert casework.get_case(new_casefile, case_id).referrals == ()


def test_consents_corrected_withdrawn_named_and_removed_only_in_force(
    qtbot, widget: CaseDetailWidget, new_casefile: CaseFile, case_id: str
) -> None:
    person = casework.get_case(new_casefile, case_id).members[0].client.id
    assert person is not None
    casework.record_consent(
        new_casefile, person, "data_transfer", dt.date(2025, 3, 4), recipient="job_centre"
    )
    casework.record_consent(new_casefile, person, "case_documentation", dt.date(2025, 3, 5))
    widget.show_case(new_casefile, case_id)
    select_row(widget.consents_table, 0)

    # Correct: Enter opens the consent filled in.
    widget.consents_table.setFocus()
    qtbot.keyClick(widget.consents_table, Qt.Key.Key_Return)
    dialog = open_dialog(qtbot, widget, ConsentDialog)
    assert dialog.recipient.currentData() == "job_centre"
    choose(dialog.recipient, "social_welfare_office")
    ok(dialog)
    assert column(widget.consents_model, 1)[0] == widget._label(
        "referral_targets", "social_welfare_office"
    )

    # Withdraw: the dialog says which consent.
    widget.withdraw_button.click()
    withdraw = open_dialog(qtbot, widget, WithdrawConsentDialog)
    named = withdraw.consent_label.text()
    assert widget._label("referral_targets", "social_welfare_office") in named
    assert date_text(dt.date(2025, 3, 4)) in named
    answer(widget, yes=True)
    ok(withdraw)
    # A withdrawn consent stays: no removal, only its dates can be corrected.
    select_row(widget.consents_table, 0)
    assert not widget.remove_consent_button.isEnabled()
    correct = widget.edit_consent_dialog()
    assert isinstance(correct, ConsentDialog)
    assert not correct.kind.isEnabled() and not correct.recipient.isEnabled()
    assert correct.withdrawn_on is not None
    correct.reject()

    # The consent in force can be removed after a question naming it.
    select_row(widget.consents_table, 1)
    assert widget.remove_consent_button.isEnabled()
    asked = answer(widget, yes=True)
    widget.remove_consent_button.click()
    assert date_text(dt.date(2025, 3, 5)) in asked[0]
    assert widget.consents_model.rowCount() == 1
    kinds = [c.kind for c in casework.get_case(new_casefile, case_id).members[0].consents]
    assert kinds == ["data_transfer"]


def test_a_long_goal_never_makes_a_dialog_wider_than_the_screen(
    qtbot, widget: CaseDetailWidget, new_casefile: CaseFile, case_id: str
) -> None:
    # Typed into a new goal: core refuses the length, the dialog stays as wide as before.
    new = widget.agree_goal_dialog()
    assert isinstance(new, GoalDialog)
    choose(new.life_area, "housing")
    new.title_edit.setPlainText(LONG_GOAL)
    new.show()
    assert new.sizeHint().width() <= SCREEN_WIDTH
    ok(new)
    assert "000 characters" in new.shown_problems()["title_edit"] and new.isVisible()
    assert new.sizeHint().width() <= SCREEN_WIDTH
    new.reject()

    # A goal that long from an import is shown wrapped in every dialog about it.
    with new_casefile.transaction() as session:
        session.add(
            Goal(
                id="long-goal",
                case_id=case_id,
                life_area="housing",
                title=LONG_GOAL,
                agreed_on=dt.date(2025, 3, 5),
                status="open",
            )
        )
    widget.show_case(new_casefile, case_id)
    select_row(widget.goals_table, 0)
    dialogs: list[QWidget | None] = [widget.goal_status_dialog(), widget.edit_goal_dialog()]
    for dialog in dialogs:
        assert isinstance(dialog, GoalStatusDialog | GoalDialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.sizeHint().width() <= SCREEN_WIDTH, type(dialog).__name__
        assert dialog.width() <= SCREEN_WIDTH and dialog.height() <= 768
        dialog.reject()
    asked: list[str] = []

    def look() -> None:
        box = widget.active_dialog()
        if isinstance(box, QMessageBox) and box.isVisible():
            asked.append(box.text())
            assert box.sizeHint().width() <= SCREEN_WIDTH
            box.button(QMessageBox.StandardButton.No).click()
        else:
            qtbot.wait(10)
            look()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, look)
    widget.remove_goal_button.click()
    assert asked and len(asked[0]) < 400  # named by its start, not all 3,000 characters
    assert casework.get_case(new_casefile, case_id).goals  # No: kept


def test_a_typed_letter_in_the_phase_box_asks_first(
    qtbot, widget: CaseDetailWidget, new_casefile: CaseFile, case_id: str
) -> None:
    widget.phase.setFocus()
    asked = answer(widget, yes=False)
    label = widget._label("phases", "implementation")  # the catalogue's words
    qtbot.keyClicks(widget.phase, label[0])  # one letter jumps to it
    qtbot.waitUntil(lambda: bool(asked), timeout=3000)
    assert label in asked[0]
    qtbot.waitUntil(lambda: widget.phase.currentData() == "intake", timeout=3000)
    assert casework.get_case(new_casefile, case_id).phase == "intake"

    # A letter, then leaving the view (or locking) before the pause ends: nothing written.
    typing_pause = QApplication.keyboardInputInterval() + 100  # a new type-ahead search
    qtbot.wait(typing_pause)
    qtbot.keyClicks(widget.phase, "a")
    widget.flush_edits()
    assert widget.phase.currentData() == "intake"
    assert casework.get_case(new_casefile, case_id).phase == "intake"

    # Yes writes it.
    qtbot.wait(typing_pause)
    asked = answer(widget, yes=True)
    with qtbot.waitSignal(widget.changed, timeout=3000):
        qtbot.keyClicks(widget.phase, "a")
    assert casework.get_case(new_casefile, case_id).phase == "assessment"


def test_editing_an_appointment_keeps_its_time_and_interpreter_language(
    qtbot, widget: CaseDetailWidget, new_casefile: CaseFile, case_id: str
) -> None:
    data = casework.AppointmentData(
        id=None,
        case_id=case_id,
        date=dt.date(2025, 3, 6),
        minutes=60,
        kind="case_management",
        themes=("housing",),
        interpreter="professional",
        interpreter_language="ar",
        start_time=dt.time(9, 30),
    )
    casework.add_appointment(new_casefile, data)
    widget.show_case(new_casefile, case_id)
    select_row(widget.appointments_table, 0)
    dialog = widget.edit_appointment_dialog()
    assert isinstance(dialog, AppointmentDialog)
    assert dialog.start_time.value() == dt.time(9, 30)
    assert dialog.interpreter_language.code() == "ar"
    dialog.minutes.setValue(45)
    ok(dialog)
    stored = casework.get_case(new_casefile, case_id).appointments[0]
    assert stored == dataclasses.replace(data, id=stored.id, minutes=45, municipality="Siegburg")
