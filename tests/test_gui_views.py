"""The overview, appointments, structural gaps and statistics views, driven through their
widgets on real encrypted files (pytest-qt, offscreen)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import DEMO_TODAY, PASSPHRASE
from gui_support import settle
from PySide6.QtCore import Qt

from kim_desktop.core import casework
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.figures import indicators
from kim_desktop.core.figures import stats as figure_stats
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.gui.dialogs import AppointmentDialog
from kim_desktop.gui.formatting import number
from kim_desktop.gui.views.appointments import AppointmentsView
from kim_desktop.gui.views.gaps import GapsView
from kim_desktop.gui.views.overview import OverviewView
from kim_desktop.gui.views.statistics import StatisticsView


@pytest.fixture
def casefile(demo_file: Path):
    casefile = CaseFile.open(demo_file, PASSPHRASE)
    yield casefile
    casefile.close()


def test_statistics_view_shows_what_core_computes(qtbot, casefile: CaseFile) -> None:
    view = StatisticsView()
    qtbot.addWidget(view)
    view.set_casefile(casefile)
    view.picker.kind.setCurrentIndex(1)  # quarter
    view.picker.year.setValue(2025)
    view.picker.quarter.setCurrentIndex(2)
    municipality_index = view.municipality.findData("Siegburg")
    view.municipality.setCurrentIndex(municipality_index)
    view.refresh()
    settle(qtbot)
    expected = indicators.flatten(
        figure_stats.for_casefile(casefile, parse_period("2025-Q3"), "Siegburg")
    )
    assert view.figures is not None and view.figures["period"]["label"] == "2025-Q3"
    for key, label in view.key_labels.items():
        assert label.text() == number(expected[key]), key
    themes = dict(view.tables["themes"].rows)
    assert sum(themes.values()) == sum(v for k, v in expected.items() if k.startswith("themes."))
    assert all(chart.chart().series() for chart in view.charts)
    view.set_casefile(None)
    assert all(label.text() == "–" for label in view.key_labels.values())
    assert view.tables["demographics"].rows == []


def test_overview_lists_follow_ups_and_opens_cases(qtbot, casefile: CaseFile) -> None:
    view = OverviewView(today=DEMO_TODAY)
    qtbot.addWidget(view)
    view.set_casefile(casefile)
    view.refresh()
    expected = casework.overview(casefile, DEMO_TODAY)
    assert view.overdue.rowCount() == len(expected.follow_ups_overdue)
    assert view.week.rowCount() == len(expected.appointments_this_week)
    assert view.drafts.rowCount() == len(expected.draft_gaps)
    open_total = sum(count for _phase, count in view.phases.rows)
    assert open_total == sum(v for k, v in expected.open_cases_by_phase.items() if k != "closed")
    table = view.tables["overdue"] if view.overdue.rowCount() else view.tables["due"]
    if table.model().rowCount():
        with qtbot.waitSignal(view.open_case_requested) as opened:
            table.setCurrentIndex(table.model().index(0, 0))
            table.activated.emit(table.model().index(0, 0))
        assert opened.args[0] == table.model().row_at(0).id
    view.set_casefile(None)
    assert view.overdue.rowCount() == 0 and view.no_consent.rowCount() == 0


def test_appointments_week_view_and_other_work_entry(qtbot, casefile: CaseFile) -> None:
    view = AppointmentsView()
    qtbot.addWidget(view)
    view.set_casefile(casefile)
    monday = dt.date(2025, 11, 10)
    view.show_day(monday)
    start, end = view.span_dates()
    assert (start, end) == (monday, monday + dt.timedelta(days=6))
    before = len(casework.list_appointments(casefile, start, end))
    assert view.model.rowCount() == before

    dialog = AppointmentDialog(casefile, parent=view)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.date.set_value(monday + dt.timedelta(days=2))
    dialog.minutes.setValue(90)
    dialog.other_work_type.setCurrentIndex(dialog.other_work_type.findData("network_meeting"))
    dialog.theme_boxes["housing"].setFocus()
    qtbot.keyClick(dialog.theme_boxes["housing"], Qt.Key.Key_Space)  # keyboard entry
    dialog.municipality.setCurrentText("Troisdorf")
    dialog.accept()
    assert dialog.result_id, dialog.message.text()
    view.refresh()
    assert view.model.rowCount() == before + 1
    added = next(r for r in view.model.rows if r.id == dialog.result_id)
    assert (added.kind, added.other_work_type, added.minutes, added.themes, added.municipality) == (
        "other_work",
        "network_meeting",
        90,
        ("housing",),
        "Troisdorf",
    )
    view.span.setCurrentIndex(1)  # month
    assert view.span_dates() == (dt.date(2025, 11, 1), dt.date(2025, 11, 30))
    view._move(1)
    assert view.span_dates() == (dt.date(2025, 12, 1), dt.date(2025, 12, 31))


def test_appointment_dialog_keeps_input_on_rejection(qtbot, casefile: CaseFile) -> None:
    dialog = AppointmentDialog(casefile)
    qtbot.addWidget(dialog)
    dialog.municipality.setCurrentText("")
    dialog.minutes.setValue(30)
    dialog.other_work_type.setCurrentIndex(0)
    dialog.accept()  # no theme ticked: core refuses, the dialog stays with the reason
    assert dialog.result_id is None
    assert "themes" in dialog.shown_problems()
    assert dialog.minutes.value() == 30


def test_gaps_are_written_saved_as_typed_and_reported(qtbot, casefile: CaseFile) -> None:
    view = GapsView()
    qtbot.addWidget(view)
    view.set_casefile(casefile)
    view.refresh()
    drafts_before = len(casework.list_gaps(casefile, status="draft"))
    view.new_gap()
    assert view.current is not None and view.current.status == "draft"
    gap_id = view.current.id
    view.title_edit.selectAll()
    qtbot.keyClicks(view.title_edit, "Keine Sprachkurse am Abend")
    qtbot.keyClick(view.title_edit, Qt.Key.Key_Tab)  # leaving the field saves it
    view.description.setFocus()
    # (QTest types ASCII only; umlauts are covered by the interchange tests)
    qtbot.keyClicks(view.description, "Wer arbeitet, kann tagsueber nicht teilnehmen.")
    view.flush_edits()
    stored = {g.id: g for g in casework.list_gaps(casefile)}[gap_id]
    assert stored.title == "Keine Sprachkurse am Abend"
    assert stored.description == "Wer arbeitet, kann tagsueber nicht teilnehmen."
    assert len(casework.list_gaps(casefile, status="draft")) == drafts_before + 1
    # The check reads the clients off the GUI thread: marking waits for it, then marks.
    view.mark_reported()
    qtbot.waitUntil(
        lambda: {g.id: g for g in casework.list_gaps(casefile)}[gap_id].status == "reported",
        timeout=5000,
    )
    stored = {g.id: g for g in casework.list_gaps(casefile)}[gap_id]
    assert stored.status == "reported" and stored.reported_on == dt.date.today()
    view.set_casefile(None)
    assert view.title_edit.text() == "" and view.model.rowCount() == 0


def test_a_file_error_in_the_window_is_a_sentence_not_unexpected(qtbot) -> None:
    import errno

    from kim_desktop.gui.messages import describe_error

    full = OSError(errno.ENOSPC, "No space left on device", "/media/stick/bericht.pdf")
    assert describe_error(full).startswith("/media/stick/bericht.pdf: no space left")
    denied = OSError(errno.EACCES, "Permission denied", "/srv/share/export.json")
    assert "cannot be written" in describe_error(denied)
    assert "unexpected" not in describe_error(denied)


def test_a_gap_naming_a_client_is_flagged_while_typing_and_not_reported(
    qtbot, casefile: CaseFile
) -> None:
    client = casework.find_clients(casefile, "", limit=1)[0]
    family = casework.get_client(casefile, client.id).family_name
    view = GapsView()
    qtbot.addWidget(view)
    view.set_casefile(casefile)
    view.refresh()
    view.new_gap()
    gap_id = view.current.id if view.current else None
    view.description.setFocus()
    view.description.insertPlainText(f"Familie {family} bekommt keinen Kitaplatz, Tel 0171 2345678")
    qtbot.waitUntil(lambda: view.findings.isVisibleTo(view), timeout=3000)  # while typing
    shown = view.findings.text()
    assert "a client's name (description)" in shown and "phone number" in shown
    assert family not in shown  # the finding says what, never repeats the data
    view.mark_reported()
    stored = {g.id: g for g in casework.list_gaps(casefile)}[gap_id]
    assert stored.status == "draft" and "Not marked as reported" in view.message.text()
    view.description.selectAll()
    view.description.insertPlainText("Zu wenige Kitaplaetze fuer Kinder unter drei Jahren.")
    assert view.check_text() == [] and not view.findings.isVisibleTo(view)
    view.mark_reported()
    stored = {g.id: g for g in casework.list_gaps(casefile)}[gap_id]
    assert stored.status == "reported"
