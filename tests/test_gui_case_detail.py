"""The case detail: header, persons and consents, assessments, goals, appointments,
referrals, notes and timeline, driven through the real widgets on real encrypted files.

Dialogs open without blocking (``open()``); the tests click the real buttons, take the open
dialog from ``widget.active_dialog()``, fill it and click OK. Yes/no questions are answered
by a timer that clicks the button of the open message box."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PASSPHRASE
from gui_support import settle, type_date
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.gui import i18n
from kim_desktop.gui.dialogs import AppointmentDialog, ClientDialog
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.views import case_detail
from kim_desktop.gui.views.case_detail import (
    AddMemberDialog,
    AssessmentDialog,
    CaseDetailWidget,
    CloseCaseDialog,
    ConsentDialog,
    GoalDialog,
    GoalStatusDialog,
    ReferralDialog,
    ReopenCaseDialog,
    WithdrawConsentDialog,
)

TODAY = dt.date(2025, 3, 10)
OPENED = dt.date(2025, 3, 3)
NAMES = ("Öztürk", "Aylin", "Haddad", "Samir")


@pytest.fixture
def case_id(new_casefile: CaseFile) -> str:
    casework.add_municipality(new_casefile, "Siegburg")
    aylin = casework.create_client(
        new_casefile,
        casework.ClientData(
            family_name="Öztürk",
            given_name="Aylin",
            birth_date=dt.date(1985, 6, 1),
            nationality="TR",
            residence_status="settlement",
        ),
    )
    return casework.open_case(new_casefile, "Siegburg", "case_management", OPENED, aylin)


@pytest.fixture
def widget(qtbot, new_casefile: CaseFile, case_id: str) -> Iterator[CaseDetailWidget]:
    shown = CaseDetailWidget(today=TODAY)
    qtbot.addWidget(shown)
    shown.resize(900, 700)
    shown.show_case(new_casefile, case_id)
    yield shown
    shown.clear()


def ok(dialog: QWidget | None) -> None:
    """Click OK, as the user does (accept() runs the dialog's save)."""
    assert isinstance(dialog, QDialog)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[attr-defined]


def answer(widget: CaseDetailWidget, yes: bool = True) -> list[str]:
    """Answer the next yes/no question of ``widget``; returns (later) the question asked."""
    asked: list[str] = []

    def click() -> None:
        box = widget.active_dialog()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            QTimer.singleShot(10, click)  # not open yet
            return
        asked.append(box.text())
        button = QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No
        box.button(button).click()

    QTimer.singleShot(0, click)
    return asked


def texts_of(model: object) -> list[str]:
    """Every cell and header text of a table model."""
    from PySide6.QtCore import QAbstractItemModel

    assert isinstance(model, QAbstractItemModel)
    found = []
    for column in range(model.columnCount()):
        found.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
    for row in range(model.rowCount()):
        found.append(str(model.headerData(row, Qt.Orientation.Vertical) or ""))
        for column in range(model.columnCount()):
            found.append(str(model.data(model.index(row, column)) or ""))
    return found


def column(model: object, index: int) -> list[str]:
    from PySide6.QtCore import QAbstractItemModel

    assert isinstance(model, QAbstractItemModel)
    return [str(model.data(model.index(row, index))) for row in range(model.rowCount())]


def select_row(view: QAbstractItemView, row: int) -> None:
    view.setCurrentIndex(view.model().index(row, 0))


def choose(combo: QComboBox, code: object) -> None:
    index = combo.findData(code)
    assert index >= 0, code
    combo.setCurrentIndex(index)


# -- header ------------------------------------------------------------------------------------


def test_header_shows_the_case_and_the_phase_combo_records_one_change(
    qtbot, widget: CaseDetailWidget, new_casefile: CaseFile, case_id: str
) -> None:
    assert widget.name_label.text() == "Öztürk, Aylin"
    info = widget.info_label.text()
    assert "Siegburg" in info and date_text(OPENED) in info
    assert widget.phase.currentData() == "intake"
    assert widget.reopen_button.isHidden() and not widget.close_button.isHidden()

    widget.show()
    qtbot.waitExposed(widget)
    widget.phase.setFocus()
    # Two steps down with the keyboard: one phase change (to the last chosen), not two; a
    # change by key is asked about first (here: yes).
    asked = answer(widget)
    with qtbot.waitSignal(widget.changed, timeout=3000):
        qtbot.keyClick(widget.phase, Qt.Key.Key_Down)
        qtbot.keyClick(widget.phase, Qt.Key.Key_Down)
    stored = casework.get_case(new_casefile, case_id)
    assert stored.phase == "agreement"
    assert [(c.from_phase, c.to_phase, c.changed_on) for c in stored.phase_changes] == [
        (None, "intake", OPENED),
        ("intake", "agreement", TODAY),
    ]
    assert widget.phase.currentData() == "agreement"
    assert "Phase changed to" in column(widget.timeline_model, 1)[-1]
    assert len(asked) == 1 and date_text(TODAY) in asked[0]


def test_a_refused_phase_change_is_shown_and_the_combo_returns(
    qtbot, new_casefile: CaseFile, case_id: str
) -> None:
    # "Today" before the opening: core refuses a phase change dated before it.
    early = CaseDetailWidget(today=OPENED - dt.timedelta(days=5))
    qtbot.addWidget(early)
    early.show_case(new_casefile, case_id)
    choose(early.phase, "assessment")
    early.phase.activated.emit(early.phase.currentIndex())
    early.flush_edits()
    assert "phase change" in early.message.text()
    assert early.phase.currentData() == "intake"
    assert casework.get_case(new_casefile, case_id).phase == "intake"


def test_close_with_a_reason_then_reopen(
    qtbot, widget: CaseDetailWidget, new_casefile: CaseFile, case_id: str
) -> None:
    casework.set_follow_up(new_casefile, case_id, dt.date(2025, 4, 1))
    widget.show_case(new_casefile, case_id)
    assert widget.follow_up.value() == dt.date(2025, 4, 1)
    timeline_before = widget.timeline_model.rowCount()

    widget.close_button.click()
    dialog = widget.active_dialog()
    assert isinstance(dialog, CloseCaseDialog) and dialog.isVisible()
    ok(dialog)  # no reason chosen: core refuses, the dialog stays open with the message
    assert dialog.isVisible() and "reason" in dialog.shown_problems()
    assert casework.get_case(new_casefile, case_id).closed_on is None
    choose(dialog.reason, "goals_achieved")
    with qtbot.waitSignal(widget.changed, timeout=3000):
        ok(dialog)

    stored = casework.get_case(new_casefile, case_id)
    assert stored.closed_on == TODAY and stored.closure_reason == "goals_achieved"
    assert stored.follow_up_on is None
    assert widget.phase.currentData() == "closed" and not widget.phase.isEnabled()
    assert widget.close_button.isHidden() and not widget.reopen_button.isHidden()
    assert widget.follow_up.value() is None and not widget.follow_up.isEnabled()
    assert date_text(TODAY) in widget.info_label.text()
    assert widget.timeline_model.rowCount() == timeline_before + 1
    assert column(widget.timeline_model, 1)[-1] == "Case closed: " + widget._label(
        "closure_reasons", "goals_achieved"
    )

    widget.reopen_button.click()
    reopen = widget.active_dialog()
    assert isinstance(reopen, ReopenCaseDialog)
    ok(reopen)
    assert casework.get_case(new_casefile, case_id).closed_on is None
    assert widget.phase.currentData() == "intake" and widget.phase.isEnabled()
    assert column(widget.timeline_model, 1)[-1].startswith("Case reopened")


# -- persons and consents ----------------------------------------------------------------------


def test_add_member_created_in_the_dialog_then_primary_edit_and_remove(
    qtbot, widget: CaseDetailWidget, new_casefile: CaseFile, case_id: str
) -> None:
    widget.add_member_button.click()
    dialog = widget.active_dialog()
    assert isinstance(dialog, AddMemberDialog)
    qtbot.keyClicks(dialog.picker.search, "Haddad")
    assert dialog.picker.results.count() == 0  # not in the file yet: create the client
    client_dialog = dialog.create_client()
    assert isinstance(client_dialog, ClientDialog)
    assert client_dialog.family_name.text() == "Haddad"
    qtbot.keyClicks(client_dialog.given_name, "Samir")
    ok(client_dialog)
    assert dialog.picker.client_id() is not None
    with qtbot.waitSignal(widget.changed, timeout=3000):
        ok(dialog)

    assert column(widget.members_model, 0) == ["Öztürk, Aylin", "Haddad, Samir"]
    assert widget.selected_member().client.given_name == "Samir"  # the new one is selected
    roles = column(widget.members_model, 2)
    assert roles[0] != roles[1]
    # In the window's language (German alone, English after a test switched it).
    assert (
        cat.nationality_label("TR", i18n.current_language()) in column(widget.members_model, 3)[0]
    )

    # Make primary: the header follows.
    widget.primary_button.click()
    assert widget.name_label.text() == "Haddad, Samir"
    assert not widget.primary_button.isEnabled()

    # Edit client: the table follows.
    widget.edit_client_button.click()
    edit = widget.active_dialog()
    assert isinstance(edit, ClientDialog)
    edit.given_name.setText("Samira")
    ok(edit)
    assert "Haddad, Samira" in column(widget.members_model, 0)
    assert widget.name_label.text() == "Haddad, Samira"

    # Remove the primary member: asks first (No keeps them), then the other one takes over.
    select_row(widget.members_table, 1)
    answer(widget, yes=False)
    widget.remove_member_button.click()
    assert widget.members_model.rowCount() == 2
    asked = answer(widget, yes=True)
    widget.remove_member_button.click()
    assert "Haddad, Samira" in asked[0] and "Öztürk, Aylin" in asked[0]
    assert column(widget.members_model, 0) == ["Öztürk, Aylin"]
    assert widget.name_label.text() == "Öztürk, Aylin"
    stored = casework.get_case(new_casefile, case_id)
    assert [(m.client.family_name, m.role) for m in stored.members] == [("Öztürk", "primary")]
    assert not widget.remove_member_button.isEnabled()  # the last member stays


def test_record_and_withdraw_a_consent(
    qtbot, widget: CaseDetailWidget, new_casefile: CaseFile, case_id: str
) -> None:
    assert widget.consents_model.rowCount() == 0
    widget.record_consent_button.click()
    dialog = widget.active_dialog()
    assert isinstance(dialog, ConsentDialog)
    assert not dialog.recipient.isEnabled()
    choose(dialog.kind, "data_transfer")
    assert dialog.recipient.isEnabled()
    ok(dialog)  # a data transfer without recipient is refused by core
    assert "recipient" in dialog.shown_problems() and dialog.isVisible()
    choose(dialog.recipient, "job_centre")
    dialog.given_on.set_value(dt.date(2025, 3, 4))
    qtbot.keyClicks(dialog.form_version, "2024-1")
    qtbot.keyClicks(dialog.language, "tr")
    ok(dialog)

    assert widget.consents_model.rowCount() == 1
    _kind, recipient, given, withdrawn = (column(widget.consents_model, i)[0] for i in range(4))
    assert recipient == widget._label("referral_targets", "job_centre")
    assert given == date_text(dt.date(2025, 3, 4)) and withdrawn == ""
    stored = casework.get_case(new_casefile, case_id).members[0].consents[0]
    assert (stored.kind, stored.recipient, stored.form_version, stored.language) == (
        "data_transfer",
        "job_centre",
        "2024-1",
        "tr",
    )

    select_row(widget.consents_table, 0)
    widget.withdraw_button.click()
    withdraw = widget.active_dialog()
    assert isinstance(withdraw, WithdrawConsentDialog)
    answer(widget, yes=False)  # asks first; No leaves the dialog open and nothing written
    ok(withdraw)
    assert withdraw.isVisible()
    assert casework.get_case(new_casefile, case_id).members[0].consents[0].withdrawn_on is None
    answer(widget, yes=True)
    ok(withdraw)
    assert column(widget.consents_model, 3) == [date_text(TODAY)]
    assert not widget.withdraw_button.isEnabled()
    timeline = column(widget.timeline_model, 1)
    assert any(text.startswith("Consent given") for text in timeline)
    assert timeline[-1].startswith("Consent withdrawn")


# -- assessment, goals, referrals --------------------------------------------------------------


def test_assessments_fill_the_grid_one_column_per_date(
    qtbot, widget: CaseDetailWidget, new_casefile: CaseFile, case_id: str
) -> None:
    model = widget.assessment_model
    assert model.rowCount() == 9 and model.columnCount() == 0
    widget.tabs.setCurrentIndex(case_detail.ASSESSMENT)
    widget.new_assessment_button.click()
    dialog = widget.active_dialog()
    assert isinstance(dialog, AssessmentDialog)
    assert len(dialog.ratings) == 9
    ok(dialog)  # nothing rated: refused
    assert dialog.message.text() == "Please rate at least one life area."
    dialog.assessed_on.set_value(dt.date(2025, 3, 5))
    choose(dialog.ratings["housing"], 3)
    choose(dialog.ratings["language"], 1)
    choose(dialog.ratings["work"], 0)
    choose(dialog.client, widget.case.members[0].client.id)
    dialog.notes.setPlainText("Wohnung zu klein")
    ok(dialog)

    assert model.columnCount() == 1
    areas = [model.headerData(row, Qt.Orientation.Vertical) for row in range(model.rowCount())]
    first = column(model, 0)
    assert first[areas.index(widget._label("life_areas", "housing"))] == "3 – high need"
    assert first[areas.index(widget._label("life_areas", "language"))] == "1 – low need"
    assert first[areas.index(widget._label("life_areas", "work"))] == "0 – no need"
    assert first[areas.index(widget._label("life_areas", "family"))] == ""
    header = model.headerData(0, Qt.Orientation.Horizontal)
    assert date_text(dt.date(2025, 3, 5)) in header and "Öztürk, Aylin" in header

    second = widget.new_assessment_dialog()
    assert second is not None
    choose(second.ratings["housing"], 2)
    second.accept()  # the dialog object works without being shown, too
    assert model.columnCount() == 2
    assert column(model, 1)[areas.index(widget._label("life_areas", "housing"))] == (
        "2 – medium need"
    )
    stored = casework.get_case(new_casefile, case_id).assessments
    assert [a.ratings for a in stored] == [
        {"housing": 3, "language": 1, "work": 0},
        {"housing": 2},
    ]
    assert stored[0].notes == "Wohnung zu klein"
    assert column(widget.timeline_model, 1).count("Assessment") == 2


def test_agree_a_goal_and_set_its_status(
    qtbot, widget: CaseDetailWidget, new_casefile: CaseFile, case_id: str
) -> None:
    widget.agree_goal_button.click()
    dialog = widget.active_dialog()
    assert isinstance(dialog, GoalDialog)
    ok(dialog)  # blank title: refused, stays open
    assert "title_edit" in dialog.shown_problems()
    choose(dialog.life_area, "housing")
    dialog.title_edit.setText("Größere Wohnung finden")  # QTest types ASCII only
    dialog.agreed_on.set_value(dt.date(2025, 3, 5))
    dialog.due_on.set_value(dt.date(2025, 6, 30))
    ok(dialog)
    assert column(widget.goals_model, 1) == ["Größere Wohnung finden"]
    assert column(widget.goals_model, 3) == [date_text(dt.date(2025, 6, 30))]
    assert column(widget.timeline_model, 1)[-1] == "Goal agreed: " + widget._label(
        "life_areas", "housing"
    )
    assert not widget.goal_status_button.isEnabled()

    select_row(widget.goals_table, 0)
    widget.goal_status_button.click()
    status = widget.active_dialog()
    assert isinstance(status, GoalStatusDialog)
    assert not status.closed_on.isEnabled()  # an open goal has no closing date
    choose(status.status, "achieved")
    assert status.closed_on.isEnabled()
    status.closed_on.set_value(dt.date(2025, 3, 4))
    ok(status)  # closed before it was agreed: refused, stays open
    assert "agreement" in status.shown_problems().get("closed_on", "") and status.isVisible()
    status.closed_on.set_value(dt.date(2025, 3, 9))
    ok(status)
    assert column(widget.goals_model, 4) == [widget._label("goal_status", "achieved")]
    assert column(widget.goals_model, 5) == [date_text(dt.date(2025, 3, 9))]
    goal = casework.get_case(new_casefile, case_id).goals[0]
    assert (goal.status, goal.closed_on) == ("achieved", dt.date(2025, 3, 9))
    assert widget.selected_goal() is not None  # the selection survives the reload


def test_refer_and_change_the_outcome(
    qtbot, widget: CaseDetailWidget, new_casefile: CaseFile, case_id: str
) -> None:
    widget.refer_button.click()
    dialog = widget.active_dialog()
    assert isinstance(dialog, ReferralDialog)
    choose(dialog.target, "job_centre")
    qtbot.keyClicks(dialog.organisation, "Jobcenter Siegburg")
    choose(dialog.theme, "work")
    ok(dialog)
    assert column(widget.referrals_model, 2) == ["Jobcenter Siegburg"]
    assert column(widget.referrals_model, 4) == [widget._label("referral_outcomes", "pending")]
    assert column(widget.timeline_model, 1)[-1] == "Referral to " + widget._label(
        "referral_targets", "job_centre"
    )
    assert not widget.outcome.isEnabled()

    select_row(widget.referrals_table, 0)
    assert widget.outcome.isEnabled() and widget.outcome.currentData() == "pending"
    widget.show()
    qtbot.waitExposed(widget)
    widget.tabs.setCurrentIndex(case_detail.REFERRALS)
    widget.outcome.setFocus()
    with qtbot.waitSignal(widget.changed, timeout=3000):
        qtbot.keyClick(widget.outcome, Qt.Key.Key_Down)  # pending → taken up
    assert casework.get_case(new_casefile, case_id).referrals[0].outcome == "taken_up"
    assert column(widget.referrals_model, 4) == [widget._label("referral_outcomes", "taken_up")]
    assert widget.selected_referral() is not None


# -- appointments ------------------------------------------------------------------------------


def test_appointments_new_with_ctrl_t_edit_and_delete(
    qtbot, widget: CaseDetailWidget, new_casefile: CaseFile, case_id: str
) -> None:
    widget.show()
    qtbot.waitExposed(widget)
    widget.tabs.setCurrentIndex(case_detail.APPOINTMENTS)
    widget.activateWindow()
    widget.appointments_table.setFocus()
    qtbot.waitUntil(lambda: widget.appointments_table.hasFocus(), timeout=3000)
    timeline_before = widget.timeline_model.rowCount()
    qtbot.keyClick(widget.appointments_table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialog = widget.active_dialog()
    assert isinstance(dialog, AppointmentDialog)
    assert dialog.case_id == case_id and dialog.date.value() == TODAY
    dialog.date.set_value(dt.date(2025, 3, 7))
    dialog.minutes.setValue(45)
    choose(dialog.channel, "phone")
    ok(dialog)  # no theme ticked: refused
    assert "themes" in dialog.shown_problems()
    dialog.theme_boxes["housing"].setChecked(True)
    dialog.theme_boxes["language"].setChecked(True)
    ok(dialog)

    assert column(widget.appointments_model, 0) == [date_text(dt.date(2025, 3, 7))]
    assert column(widget.appointments_model, 1) == ["45"]
    themes = column(widget.appointments_model, 3)[0]
    assert widget._label("themes", "housing") in themes
    assert widget._label("themes", "language") in themes
    assert column(widget.appointments_model, 4) == [widget._label("channels", "phone")]
    assert widget.timeline_model.rowCount() == timeline_before + 1
    stored = casework.get_case(new_casefile, case_id).appointments
    assert [(a.minutes, a.kind, a.municipality) for a in stored] == [
        (45, "case_management", "Siegburg")
    ]

    select_row(widget.appointments_table, 0)
    widget.edit_appointment_button.click()
    edit = widget.active_dialog()
    assert isinstance(edit, AppointmentDialog) and edit.minutes.value() == 45
    edit.minutes.setValue(90)
    ok(edit)
    assert column(widget.appointments_model, 1) == ["90"]

    select_row(widget.appointments_table, 0)
    answer(widget, yes=False)
    widget.delete_appointment_button.click()
    assert widget.appointments_model.rowCount() == 1
    asked = answer(widget, yes=True)
    widget.delete_appointment_button.click()
    assert date_text(dt.date(2025, 3, 7)) in asked[0]
    assert widget.appointments_model.rowCount() == 0
    assert casework.get_case(new_casefile, case_id).appointments == ()
    assert widget.timeline_model.rowCount() == timeline_before


def test_short_consultation_cases_default_to_short_consultation_appointments(
    qtbot, new_casefile: CaseFile, case_id: str
) -> None:
    client = casework.get_case(new_casefile, case_id).members[0].client.id
    assert client is not None
    short = casework.open_case(new_casefile, "Siegburg", "short_consultation", OPENED, client)
    view = CaseDetailWidget(today=TODAY)
    qtbot.addWidget(view)
    view.show_case(new_casefile, short)
    dialog = view.new_appointment_dialog()
    assert dialog is not None and dialog.kind.currentData() == "short_consultation"


# -- notes and follow-up -----------------------------------------------------------------------


def test_notes_and_follow_up_save_themselves(
    qtbot, widget: CaseDetailWidget, new_casefile: CaseFile, case_id: str
) -> None:
    widget.show()
    qtbot.waitExposed(widget)
    widget.tabs.setCurrentIndex(case_detail.NOTES)
    widget.notes.setFocus()
    qtbot.keyClicks(widget.notes, "Termin beim Jobcenter vorbereiten")
    assert casework.get_case(new_casefile, case_id).notes is None  # still typing
    with qtbot.waitSignal(widget.changed, timeout=3000):
        widget.flush_edits()
    assert casework.get_case(new_casefile, case_id).notes == "Termin beim Jobcenter vorbereiten"

    # A pause in typing saves, too.
    qtbot.keyClicks(widget.notes, ".")
    qtbot.waitUntil(
        lambda: (
            casework.get_case(new_casefile, case_id).notes == "Termin beim Jobcenter vorbereiten."
        ),
        timeout=5000,
    )

    # Follow-up: a date typed is saved when the field is left; an empty field clears it.
    with qtbot.waitSignal(widget.changed, timeout=3000):
        type_date(qtbot, widget.follow_up, "24.3.25")
    assert casework.get_case(new_casefile, case_id).follow_up_on == dt.date(2025, 3, 24)
    assert widget.follow_up.line.text() == "24.03.2025"
    assert date_text(dt.date(2025, 3, 24)) in widget.info_label.text()
    type_date(qtbot, widget.follow_up, "31.02.2025")  # no such day: shown, nothing saved
    assert widget.follow_up.has_problem()
    assert widget.follow_up.line.text() == "31.02.2025"
    assert casework.get_case(new_casefile, case_id).follow_up_on == dt.date(2025, 3, 24)
    type_date(qtbot, widget.follow_up, "")
    assert casework.get_case(new_casefile, case_id).follow_up_on is None
    assert not widget.follow_up.has_problem()

    # Another change reloads the case; the notes being typed stay as they are.
    qtbot.keyClicks(widget.notes, " Unterlagen!")
    widget.primary_button.click()  # disabled: nothing happens
    widget.agree_goal_dialog().accept()  # blank title: refused, nothing reloaded
    widget.flush_edits()
    assert widget.notes.toPlainText() == "Termin beim Jobcenter vorbereiten. Unterlagen!"
    assert casework.get_case(new_casefile, case_id).notes == widget.notes.toPlainText()


def test_switching_cases_saves_the_notes_into_the_case_they_were_typed_for(
    qtbot, widget: CaseDetailWidget, new_casefile: CaseFile, case_id: str
) -> None:
    client = casework.get_case(new_casefile, case_id).members[0].client.id
    assert client is not None
    other = casework.open_case(new_casefile, "Siegburg", "short_consultation", TODAY, client)
    widget.notes.setPlainText("nur für den ersten Fall")  # as typed: the saver sees the change
    widget.show_case(new_casefile, other)
    assert casework.get_case(new_casefile, case_id).notes == "nur für den ersten Fall"
    assert casework.get_case(new_casefile, other).notes is None
    assert widget.notes.toPlainText() == ""


# -- clearing, errors, demo data ---------------------------------------------------------------


def visible_texts(root: QWidget) -> list[str]:
    """Every text a widget tree holds: labels, fields, combo items, table cells, titles."""
    found: list[str] = []
    for child in [root, *root.findChildren(QWidget)]:
        found.append(child.windowTitle())
        found.append(child.toolTip())
        if isinstance(child, QLabel | QLineEdit | QAbstractButton):
            found.append(child.text())
        if isinstance(child, QPlainTextEdit):
            found.append(child.toPlainText())
        if isinstance(child, QComboBox):
            found.extend(child.itemText(i) for i in range(child.count()))
            found.append(child.currentText())
        if isinstance(child, QAbstractItemView) and child.model() is not None:
            found.extend(texts_of(child.model()))
    return found


def test_clear_leaves_nothing_personal_in_any_widget(
    qtbot, widget: CaseDetailWidget, new_casefile: CaseFile, case_id: str
) -> None:
    haddad = casework.create_client(
        new_casefile, casework.ClientData(family_name="Haddad", given_name="Samir")
    )
    casework.add_member(new_casefile, case_id, haddad)
    casework.record_consent(new_casefile, haddad, "case_documentation", TODAY, form_version="v1")
    casework.add_assessment(new_casefile, case_id, TODAY, {"housing": 2}, client_id=haddad)
    casework.add_goal(new_casefile, case_id, "housing", "Wohnung für Samir Haddad", TODAY)
    casework.add_referral(new_casefile, case_id, TODAY, "job_centre", "Team Öztürk")
    casework.set_case_notes(new_casefile, case_id, "Aylin ruft zurück")
    widget.show_case(new_casefile, case_id)
    widget.show()
    select_row(widget.members_table, 1)
    widget.record_consent()  # dialogs open while the file locks
    widget.edit_client()
    open_dialogs = [w for w in widget.findChildren(QDialog) if w.isVisible()]
    assert len(open_dialogs) == 2
    assert any(name in text for text in visible_texts(widget) for name in NAMES)

    widget.clear()

    assert widget.case is None
    assert not any(dialog.isVisible() for dialog in open_dialogs)
    leftovers = [text for text in visible_texts(widget) if any(n in text for n in NAMES)]
    assert leftovers == []
    for text in ("Wohnung", "ruft zurück", "Team", "Siegburg"):
        assert not any(text in shown for shown in visible_texts(widget)), text
    settle(qtbot)  # the closed dialogs are deleted, not only hidden
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog)
                and w.isVisible()]  # fmt: skip
    # Nothing was written by clearing; a later show works again.
    widget.show_case(new_casefile, case_id)
    assert widget.name_label.text() == "Öztürk, Aylin"


def test_a_case_deleted_meanwhile_shows_a_message(
    qtbot, widget: CaseDetailWidget, new_casefile: CaseFile
) -> None:
    widget.show_case(new_casefile, "no-such-case")
    assert widget.case is None
    assert "no longer exists" in widget.message.text()
    assert widget.members_model.rowCount() == 0 and not widget.tabs.isEnabled()


def test_a_demo_case_with_history(qtbot, demo_file: Path) -> None:
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        rows = casework.list_cases(casefile, casework.CaseFilter(), limit=200)
        detail = next(
            d
            for d in (casework.get_case(casefile, r.id) for r in rows)
            if len(d.assessments) >= 2 and d.goals and d.closed_on is not None
        )
        view = CaseDetailWidget(today=dt.date(2025, 12, 31))
        qtbot.addWidget(view)
        view.show_case(casefile, detail.id)
        assert view.assessment_model.columnCount() == len(detail.assessments)
        assert view.goals_model.rowCount() == len(detail.goals)
        assert view.appointments_model.rowCount() == len(detail.appointments)
        assert view.timeline_model.rowCount() == len(detail.timeline)
        assert all(column(view.timeline_model, 1)), "every event has a text"
        assert column(view.timeline_model, 0)[0] == date_text(detail.opened_on)
        assert column(view.timeline_model, 1)[-1].startswith("Case closed")
        assert not view.phase.isEnabled() and not view.reopen_button.isHidden()
        view.clear()


# -- keyboard and accessibility ----------------------------------------------------------------


def test_every_control_has_an_accessible_name_and_labels_have_buddies(
    widget: CaseDetailWidget,
) -> None:
    assert widget.tabs.count() == 7
    assert all("&" in widget.tabs.tabText(i) for i in range(7))
    controls = (QAbstractButton, QComboBox, QAbstractItemView, QLineEdit, QPlainTextEdit,
                QAbstractSpinBox)  # fmt: skip
    for child in widget.findChildren(QWidget):
        # Parts of a control (a combo's list, a spin box's line edit) are named by the control.
        inner, parent = False, child.parentWidget()
        while parent is not None and parent is not widget:
            inner = inner or isinstance(parent, QComboBox | QAbstractSpinBox | QAbstractItemView)
            parent = parent.parentWidget()
        if isinstance(child, controls) and not inner:
            assert child.accessibleName(), type(child).__name__
        if isinstance(child, QLabel) and "&" in child.text():
            assert child.buddy() is not None, child.text()


def test_tab_order_follows_the_layout(widget: CaseDetailWidget) -> None:
    widget.show()
    chain: list[QWidget] = []
    current = widget.phase
    for _ in range(200):
        current = current.nextInFocusChain()
        if current is widget.phase:
            break
        if current.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(current)
    wanted = [
        widget.close_button,
        widget.members_table,
        widget.add_member_button,
        widget.edit_client_button,
        widget.primary_button,
        widget.remove_member_button,
        widget.consents_table,
        widget.record_consent_button,
        widget.withdraw_button,
    ]
    positions = [chain.index(w) for w in wanted]
    assert positions == sorted(positions)
