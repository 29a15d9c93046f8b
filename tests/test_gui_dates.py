"""Dates are typed as Germans write them and become exactly the date typed, or a message at
the field: never another date (QDateEdit turned "15.03.1988" typed over a date into
"15.11.00003.1988" and saved 15.11.2026)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import PASSPHRASE, run_kim
from gui_support import type_date
from PySide6.QtCore import QDate, Qt

from kim_desktop.core import casework
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import InvalidInput
from kim_desktop.gui.date_field import DateField, DateProblem, parse_date
from kim_desktop.gui.dialogs import AppointmentDialog, ClientDialog

TODAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize(
    ("typed", "past_only", "expected"),
    [
        ("15.03.1988", False, dt.date(1988, 3, 15)),
        (" 15.3.1988 ", False, dt.date(1988, 3, 15)),
        ("15.3.88", True, dt.date(1988, 3, 15)),
        ("15.3.88", False, dt.date(1988, 3, 15)),
        ("1.2.26", False, dt.date(2026, 2, 1)),
        ("1.2.27", True, dt.date(1927, 2, 1)),  # a birth date cannot be ahead
        ("1.2.27", False, dt.date(2027, 2, 1)),
        ("15031988", False, dt.date(1988, 3, 15)),
        ("150388", True, dt.date(1988, 3, 15)),
        ("1988-03-15", False, dt.date(1988, 3, 15)),
        ("15.3.", False, dt.date(2026, 3, 15)),
        ("29.02.2024", False, dt.date(2024, 2, 29)),
        ("", False, None),
        ("   ", True, None),
    ],
)
def test_what_germans_type_is_read_as_meant(
    typed: str, past_only: bool, expected: dt.date | None
) -> None:
    assert parse_date(typed, TODAY, past_only) == expected


@pytest.mark.parametrize(
    ("typed", "in_message"),
    [
        ("31.02.2024", "29"),
        ("31.04.2025", "30"),
        ("29.02.2025", "28"),
        ("15.13.2020", "13"),
        ("00.01.2020", "00.01.2020"),
        ("15.11.00003.1988", "15.03.1988"),
        ("1988", "15.03.1988"),
        ("morgen", "15.03.1988"),
        ("15.3.988", "15.03.1988"),
    ],
)
def test_impossible_dates_are_refused_with_a_reason(typed: str, in_message: str) -> None:
    with pytest.raises(DateProblem) as refused:
        parse_date(typed, TODAY)
    assert in_message in str(refused.value)


def test_typing_over_a_shown_date_gives_the_typed_date(qtbot) -> None:
    field = DateField(dt.date(2026, 11, 30), "Datum")
    qtbot.addWidget(field)
    type_date(qtbot, field, "15.03.1988")
    assert field.value() == dt.date(1988, 3, 15)
    assert field.line.text() == "15.03.1988"
    type_date(qtbot, field, "15.3.88")
    assert field.line.text() == "15.03.1988"  # shown in full: the century can be seen
    type_date(qtbot, field, "31.02.2024")
    assert field.line.text() == "31.02.2024"  # left as typed, never "corrected"
    assert field.has_problem() and "29" in field.problem.text()
    with pytest.raises(InvalidInput):
        field.value()
    qtbot.keyClick(field.line, Qt.Key.Key_Backspace)  # "31.02.202": still wrong
    assert field.has_problem()
    field.line.selectAll()
    qtbot.keyClicks(field.line, "28.02.2024")
    assert not field.has_problem()  # gone as soon as the date is right
    assert field.value() == dt.date(2024, 2, 28)


def test_a_required_date_cannot_be_left_empty(qtbot) -> None:
    field = DateField(dt.date(2025, 1, 1), "Datum", field="opened_on")
    qtbot.addWidget(field)
    type_date(qtbot, field, "")
    assert field.has_problem()
    with pytest.raises(InvalidInput) as refused:
        field.required_value()
    assert refused.value.field == "opened_on"


def test_the_calendar_takes_a_date_and_escape_keeps_the_typed_one(qtbot) -> None:
    field = DateField(None, "Datum", optional=True)
    qtbot.addWidget(field)
    field.show()
    qtbot.keyClicks(field.line, "1.2.2025")
    qtbot.keyClick(field.line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field._calendar
    assert calendar is not None and calendar.isVisible()
    assert calendar.selectedDate() == QDate(2025, 2, 1)  # opens at the typed date
    qtbot.keyClick(calendar, Qt.Key.Key_Escape)
    assert field.line.text() == "1.2.2025"
    field.open_calendar()
    with qtbot.waitSignal(field.committed) as committed:
        calendar.clicked.emit(QDate(2025, 2, 14))
    assert committed.args == [dt.date(2025, 2, 14)]
    assert field.line.text() == "14.02.2025" and not calendar.isVisible()


def test_a_birth_date_typed_in_the_client_dialog_is_saved_as_typed(
    qtbot, new_casefile: CaseFile, tmp_path: Path
) -> None:
    """The blocker, step by step: the birth date typed after the family name."""
    dialog = ClientDialog(new_casefile)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.family_name, "Haddad")
    type_date(qtbot, dialog.birth_date, "15.03.1988")
    dialog.accept()
    assert dialog.result_id, dialog.message.text()
    assert casework.get_client(new_casefile, dialog.result_id).birth_date == dt.date(1988, 3, 15)
    new_casefile.close()
    exported = tmp_path / "export.json"
    result = run_kim("export-json", new_casefile.path, exported)
    assert result.returncode == 0, result.stderr
    clients = json.loads(exported.read_text("utf-8"))["clients"]
    assert [c.get("birth_date") for c in clients] == ["1988-03-15"]


def test_no_date_is_saved_that_was_not_typed(qtbot, new_casefile: CaseFile) -> None:
    dialog = ClientDialog(new_casefile)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.family_name, "Nachname")
    dialog.accept()
    assert dialog.result_id
    saved = casework.get_client(new_casefile, dialog.result_id)
    assert saved.birth_date is None and saved.arrival_date is None


def test_a_future_birth_date_is_refused_at_the_field(qtbot, new_casefile: CaseFile) -> None:
    dialog = ClientDialog(new_casefile)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.family_name, "Haddad")
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    type_date(qtbot, dialog.birth_date, f"{tomorrow:%d.%m.%Y}")
    assert dialog.birth_date.has_problem()
    dialog.accept()
    assert dialog.result_id is None
    assert casework.find_clients(new_casefile, "Haddad") == []
    assert dialog.family_name.text() == "Haddad"  # nothing typed is lost


def test_an_appointment_years_ahead_is_refused(qtbot, demo_file: Path) -> None:
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        case_id = casework.list_cases(casefile, casework.CaseFilter(), limit=1)[0].id
        dialog = AppointmentDialog(casefile, case_id=case_id)
        qtbot.addWidget(dialog)
        before = len(casework.get_case(casefile, case_id).appointments)
        far = dt.date.today().replace(day=1) + dt.timedelta(days=800)
        type_date(qtbot, dialog.date, f"{far:%d.%m.%Y}")
        dialog.theme_boxes[next(iter(dialog.theme_boxes))].setChecked(True)
        dialog.accept()
        assert dialog.result_id is None
        assert (
            "two years" in dialog.date.problem.text() or "zwei Jahre" in dialog.date.problem.text()
        )
        assert len(casework.get_case(casefile, case_id).appointments) == before
        # Core refuses it too, whoever asks.
        data = casework.AppointmentData(
            id=None,
            case_id=case_id,
            date=far,
            minutes=30,
            kind="case_management",
            themes=("housing",),
        )
        with pytest.raises(InvalidInput) as refused:
            casework.add_appointment(casefile, data)
        assert refused.value.field == "date"
