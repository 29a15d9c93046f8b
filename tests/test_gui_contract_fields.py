"""The interchange contract's new fields in the window: an appointment's start time and
interpreted language, who referred a case, and the nationalities Kosovo and "ungeklärt" —
typed into the real dialogs on real encrypted files, read back through casework and through
the interchange export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from kim_desktop.core import casework, interchange
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.gui import i18n
from kim_desktop.gui.dialogs import AppointmentDialog, ClientDialog, NewCaseDialog
from kim_desktop.gui.fields import parse_time
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.views.appointments import AppointmentsView
from kim_desktop.gui.views.case_detail import CaseDetailWidget

TODAY = dt.date(2025, 3, 10)


@pytest.fixture
def client_id(new_casefile: CaseFile) -> str:
    casework.add_municipality(new_casefile, "Siegburg")
    return casework.create_client(
        new_casefile, casework.ClientData(family_name="Krasniqi", given_name="Arta")
    )


@pytest.fixture
def case_id(new_casefile: CaseFile, client_id: str) -> str:
    return casework.open_case(new_casefile, "Siegburg", "case_management", TODAY, client_id)


@pytest.fixture
def widget(qtbot, new_casefile: CaseFile, case_id: str) -> Iterator[CaseDetailWidget]:
    shown = CaseDetailWidget(today=TODAY)
    qtbot.addWidget(shown)
    shown.resize(1000, 700)
    shown.show_case(new_casefile, case_id)
    yield shown
    shown.clear()


def ok(dialog: object) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[attr-defined]


def choose(combo: object, code: object) -> None:
    index = combo.findData(code)  # type: ignore[attr-defined]
    assert index >= 0, code
    combo.setCurrentIndex(index)  # type: ignore[attr-defined]


def exported_appointment(casefile: CaseFile, appointment_id: str) -> dict[str, object]:
    document = interchange.export_document(casefile)
    assert interchange.schema_problems(document) == []
    return next(a for a in document["appointments"] if a["id"] == appointment_id)


# -- appointments ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("9:30", dt.time(9, 30)),
        ("09:30", dt.time(9, 30)),
        ("930", dt.time(9, 30)),
        ("0930", dt.time(9, 30)),
        ("9.30", dt.time(9, 30)),
        (" 14 ", dt.time(14, 0)),
        ("23:59", dt.time(23, 59)),
        ("", None),
        ("   ", None),
    ],
)
def test_times_as_people_type_them(typed: str, expected: dt.time | None) -> None:
    assert parse_time(typed) == expected


@pytest.mark.parametrize("typed", ["24:00", "9:3", "9:60", "2400", "12345", "halb zehn", "9h"])
def test_what_is_not_a_time_is_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_time(typed)


def test_start_time_and_interpreted_language_are_saved_and_exported(
    qtbot, widget: CaseDetailWidget, new_casefile: CaseFile, case_id: str
) -> None:
    widget.show()
    qtbot.waitExposed(widget)
    dialog = widget.new_appointment()
    assert isinstance(dialog, AppointmentDialog)
    assert dialog.start_time.text() == ""  # no time until one is typed
    assert not dialog.interpreter_language.isEnabled()  # interpreter "none"
    dialog.theme_boxes["work"].setChecked(True)
    dialog.activateWindow()
    dialog.start_time.setFocus()
    qtbot.waitUntil(dialog.start_time.hasFocus, timeout=3000)
    qtbot.keyClicks(dialog.start_time, "930")
    qtbot.keyClick(dialog.start_time, Qt.Key.Key_Tab)
    assert dialog.start_time.text() == "09:30"  # tidied on leaving the field
    choose(dialog.interpreter, "professional")
    assert dialog.interpreter_language.isEnabled()
    choose(dialog.interpreter_language, "ti")
    assert "(ti)" in dialog.interpreter_language.currentText()
    ok(dialog)
    assert not dialog.isVisible(), dialog.message.text()

    stored = casework.get_case(new_casefile, case_id).appointments
    assert [(a.start_time, a.interpreter, a.interpreter_language) for a in stored] == [
        (dt.time(9, 30), "professional", "ti")
    ]
    exported = exported_appointment(new_casefile, str(stored[0].id))
    assert (exported["start_time"], exported["interpreter_language"]) == ("09:30", "ti")
    assert widget.appointments_model.data(widget.appointments_model.index(0, 0)).endswith(" 09:30")

    # Editing shows both again; a code typed by hand (Dari, ISO 639-3) is taken.
    widget.appointments_table.setCurrentIndex(widget.appointments_model.index(0, 0))
    edit = widget.edit_appointment()
    assert isinstance(edit, AppointmentDialog)
    assert edit.start_time.text() == "09:30"
    assert edit.interpreter_language.code() == "ti"
    edit.interpreter_language.setCurrentText("prs")
    ok(edit)
    assert casework.get_case(new_casefile, case_id).appointments[0].interpreter_language == "prs"


def test_an_empty_time_saves_none_and_no_interpreter_saves_no_language(
    qtbot, widget: CaseDetailWidget, new_casefile: CaseFile, case_id: str
) -> None:
    dialog = widget.new_appointment_dialog()
    assert dialog is not None
    dialog.theme_boxes["housing"].setChecked(True)
    choose(dialog.interpreter, "volunteer")
    choose(dialog.interpreter_language, "ar")
    choose(dialog.interpreter, "none")  # changed their mind: the language is not saved
    assert not dialog.interpreter_language.isEnabled()
    dialog.accept()
    assert dialog.result_id, dialog.message.text()
    stored = casework.get_case(new_casefile, case_id).appointments[0]
    assert (stored.start_time, stored.interpreter, stored.interpreter_language) == (
        None,
        "none",
        None,
    )
    exported = exported_appointment(new_casefile, dialog.result_id)
    assert "start_time" not in exported and "interpreter_language" not in exported
    assert widget.appointments_model.data(widget.appointments_model.index(0, 0)) == date_text(TODAY)


def test_a_wrong_time_or_language_keeps_the_dialog_open(
    qtbot, widget: CaseDetailWidget, new_casefile: CaseFile, case_id: str
) -> None:
    dialog = widget.new_appointment_dialog()
    assert dialog is not None
    dialog.show()
    dialog.theme_boxes["housing"].setChecked(True)
    qtbot.keyClicks(dialog.start_time, "25:00")
    ok(dialog)
    assert dialog.isVisible() and "start_time" in dialog.shown_problems()
    dialog.start_time.clear()
    qtbot.keyClicks(dialog.start_time, "8:05")
    choose(dialog.interpreter, "device")
    dialog.interpreter_language.setCurrentText("xx")
    ok(dialog)
    assert dialog.isVisible() and "interpreter_language" in dialog.shown_problems()
    assert casework.get_case(new_casefile, case_id).appointments == ()
    # A label as the list shows it is taken as well as a code.
    dialog.interpreter_language.setCurrentText(cat.language_label("uk", i18n.current_language()))
    ok(dialog)
    assert not dialog.isVisible(), dialog.message.text()
    stored = casework.get_case(new_casefile, case_id).appointments[0]
    assert (stored.start_time, stored.interpreter_language) == (dt.time(8, 5), "uk")


def test_quick_entry_of_other_work_with_a_time_shows_it_in_the_week(
    qtbot, new_casefile: CaseFile, client_id: str
) -> None:
    view = AppointmentsView()
    qtbot.addWidget(view)
    view.set_casefile(new_casefile)
    view.show_day(dt.date(2025, 3, 10))
    dialog = AppointmentDialog(new_casefile, parent=view)
    dialog.date.set_value(dt.date(2025, 3, 12))
    dialog.theme_boxes["language"].setChecked(True)
    qtbot.keyClicks(dialog.start_time, "14:30")
    dialog.accept()
    assert dialog.result_id, dialog.message.text()
    other = AppointmentDialog(new_casefile, parent=view)
    other.date.set_value(dt.date(2025, 3, 11))
    other.theme_boxes["language"].setChecked(True)
    other.accept()
    assert other.result_id, other.message.text()
    view.refresh()
    times = {row.id: view.model.data(view.model.index(i, 2)) for i, row in
             enumerate(view.model.rows)}  # fmt: skip
    assert view.model.headerData(2, Qt.Orientation.Horizontal) == "Time"
    assert times == {dialog.result_id: "14:30", other.result_id: ""}
    assert exported_appointment(new_casefile, dialog.result_id)["start_time"] == "14:30"


# -- referred by -------------------------------------------------------------------------------


def test_referred_by_from_the_new_case_dialog_and_changed_on_the_case(
    qtbot, new_casefile: CaseFile, client_id: str
) -> None:
    dialog = NewCaseDialog(new_casefile)
    qtbot.addWidget(dialog)
    assert dialog.referred_by.currentData() is None
    codes = [dialog.referred_by.itemData(i) for i in range(dialog.referred_by.count())]
    assert codes[:3] == [None, cat.SELF_REFERRAL, "social_welfare_office"]
    qtbot.keyClicks(dialog.picker.search, "Krasn")
    dialog.municipality.setCurrentText("Siegburg")
    choose(dialog.referred_by, "job_centre")
    dialog.accept()
    case_id = dialog.result_id
    assert case_id, dialog.message.text()
    assert casework.get_case(new_casefile, case_id).referred_by == "job_centre"

    view = CaseDetailWidget(today=TODAY)
    qtbot.addWidget(view)
    view.show_case(new_casefile, case_id)
    assert view.referred_by.currentData() == "job_centre"
    with qtbot.waitSignal(view.changed, timeout=3000):
        choose(view.referred_by, cat.SELF_REFERRAL)
        view.referred_by.activated.emit(view.referred_by.currentIndex())
    assert casework.get_case(new_casefile, case_id).referred_by == cat.SELF_REFERRAL
    document = interchange.export_document(new_casefile)
    assert [c.get("referred_by") for c in document["cases"]] == [cat.SELF_REFERRAL]
    choose(view.referred_by, None)
    view.referred_by.activated.emit(view.referred_by.currentIndex())
    assert casework.get_case(new_casefile, case_id).referred_by is None
    view.clear()
    assert view.referred_by.count() == 0


# -- nationalities -----------------------------------------------------------------------------


@pytest.fixture
def german(monkeypatch: pytest.MonkeyPatch) -> None:
    """German labels, as users see them by default ("Kokos-(Keeling-)Inseln" beside
    "Kosovo"), whichever language an earlier test left installed."""
    monkeypatch.setattr(i18n, "_language", "de")


def test_kosovo_is_chosen_by_typing_its_name_and_unresolved_is_listed(
    qtbot, german: None, new_casefile: CaseFile, client_id: str
) -> None:
    client = casework.get_client(new_casefile, client_id)
    dialog = ClientDialog(new_casefile, client)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    combo = dialog.nationality
    codes = [combo.itemData(i) for i in range(combo.count())]
    assert codes[:4] == [None, "stateless", "unresolved", "unknown"]
    # Issue 12: the window's language only, no "ungeklärt (unresolved)".
    assert combo.itemText(codes.index("unresolved")) == "ungeklärt"
    assert combo.itemText(codes.index("XK")) == "Kosovo (XK)"
    assert combo.itemText(codes.index("CC")).startswith("Kokos")  # the near miss
    combo.setFocus()
    qtbot.keyClicks(combo, "Kosovo")
    assert combo.currentData() == "XK", combo.currentText()
    dialog.accept()
    assert dialog.result_id, dialog.message.text()
    assert casework.get_client(new_casefile, client_id).nationality == "XK"
    exported = interchange.export_document(new_casefile)["clients"]
    assert [c.get("nationality") for c in exported] == ["XK"]

    again = ClientDialog(new_casefile, casework.get_client(new_casefile, client_id))
    qtbot.addWidget(again)
    assert again.nationality.currentData() == "XK"
    choose(again.nationality, "unresolved")
    again.accept()
    assert casework.get_client(new_casefile, client_id).nationality == "unresolved"


def test_states_are_sorted_as_a_reader_expects(qtbot, new_casefile: CaseFile) -> None:
    dialog = ClientDialog(new_casefile)
    qtbot.addWidget(dialog)
    combo = dialog.nationality
    texts = [combo.itemText(i) for i in range(4, combo.count())]
    # By the folded name: "Ägypten" among the A's, not after "Zypern".
    folded = [casework.fold(text) for text in texts]
    assert folded == sorted(folded)
