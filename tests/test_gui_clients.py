"""The client register in the window: find every client (with or without a case), create one
by keyboard and see them at once, open and edit them, their cases and consents, and the
warning about a likely duplicate before saving. Real widgets on a real encrypted file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import PASSPHRASE
from gui_support import isolated_settings, settle, type_date
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QTableWidget

from kim_desktop.core import casework
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.gui.dialogs import ClientDialog
from kim_desktop.gui.main_window import MainWindow
from kim_desktop.gui.views import registry
from kim_desktop.gui.views.cases import CasesView
from kim_desktop.gui.views.clients import ClientsView


@pytest.fixture
def window(qtbot, demo_file: Path, tmp_path: Path):
    window = MainWindow(
        CaseFile.open(demo_file, PASSPHRASE), isolated_settings(tmp_path), registry.factories()
    )
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    yield window
    window.close()


def register(window: MainWindow) -> ClientsView:
    view = next(v for v in window.views if isinstance(v, ClientsView))
    window.navigation.setCurrentRow(window.views.index(view))
    return view


def shown_ids(view: ClientsView) -> list[str]:
    while view.model.canFetchMore():
        view.model.fetchMore()
    return [row.id for row in view.model.rows]


def test_the_register_lists_clients_without_a_case(qtbot, window: MainWindow) -> None:
    casefile = window.casefile
    assert casefile is not None
    loner = casework.create_client(
        casefile, casework.ClientData(given_name="Ayşe", family_name="Öztürkqx")
    )
    view = register(window)
    settle(qtbot)
    # A Qt model over paged core queries, not a widget filled with items.
    assert isinstance(view.model, QAbstractItemModel)
    assert view.findChildren(QTableWidget) == []
    assert view.model.total == casework.count_clients(casefile, casework.ClientFilter())
    assert len(view.model.rows) <= 100 < view.model.total or view.model.total <= 100
    view.search.setFocus()
    qtbot.keyClicks(view.search, "ozturkq")
    assert shown_ids(view) == [loner]
    assert view.count.text() in ("1 client", "1 Klient:in")
    view.cases_filter.setCurrentIndex(view.cases_filter.findData("without_case"))
    assert shown_ids(view) == [loner]
    view.cases_filter.setCurrentIndex(view.cases_filter.findData("with_open_case"))
    assert shown_ids(view) == []


def test_typing_narrows_and_down_moves_into_the_results(qtbot, window: MainWindow) -> None:
    view = register(window)
    settle(qtbot)
    everyone = view.model.total
    view.search.setFocus()
    qtbot.keyClicks(view.search, "a")
    with_a = view.model.total
    qtbot.keyClicks(view.search, "n")
    with_an = view.model.total
    assert everyone >= with_a >= with_an > 0
    assert with_an == casework.count_clients(window.casefile, casework.ClientFilter(text="an"))
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert view.table.hasFocus() or QApplication.focusWidget() is view.table
    assert view.table.currentIndex().row() == 0
    first = view.model.rows[0]
    assert view.panel.client is not None and view.panel.client.id == first.id
    # Sorting by a header asks core again.
    view.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert view.model.sort_key == "birth_date" and view.model.descending
    births = [r.birth_date for r in view.model.rows if r.birth_date is not None]
    assert births == sorted(births, reverse=True)


def test_a_new_client_typed_in_shows_at_once(qtbot, window: MainWindow) -> None:
    view = register(window)
    settle(qtbot)
    view.search.setFocus()
    qtbot.keyClicks(view.search, "Nowakowskaqz")
    assert view.model.total == 0
    dialog = view.create_client()
    assert isinstance(dialog, ClientDialog)
    assert dialog.family_name.text() == "Nowakowskaqz"  # the search text, ready to complete
    qtbot.keyClicks(dialog.given_name, "Zofia")
    qtbot.keyClicks(dialog.phone, "0221 123")
    qtbot.keyClick(dialog.given_name, Qt.Key.Key_Return)  # OK is the default button
    saved = dialog.result_id
    assert saved, dialog.message.text()
    assert not dialog.isVisible()
    settle(qtbot)
    assert shown_ids(view) == [saved]
    assert view.table.currentIndex().row() == 0
    assert view.panel.client is not None and view.panel.client.id == saved
    assert view.panel.heading.text() == "Nowakowskaqz, Zofia"
    assert view.panel.cases_model.rows == []
    assert "0221 123" in view.panel.fact_labels["contact"].text()


def test_open_and_edit_a_client(qtbot, window: MainWindow) -> None:
    casefile = window.casefile
    assert casefile is not None
    view = register(window)
    settle(qtbot)
    qtbot.keyClicks(view.search, "e")
    view.focus_results()
    chosen = view.model.rows[0]
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # Enter opens the client for editing
    dialog = view.panel._windows[-1]
    assert isinstance(dialog, ClientDialog) and dialog.isVisible()
    assert dialog.client.id == chosen.id
    dialog.family_name.setText("Umbenanntqz")
    dialog.accept()
    settle(qtbot)
    assert casework.get_client(casefile, chosen.id).family_name == "Umbenanntqz"
    # The list follows: the renamed client stays chosen and shown.
    assert view.panel.client is not None and view.panel.client.id == chosen.id
    row = view.model.row_at(view.table.currentIndex().row())
    assert row is not None and row.id == chosen.id
    assert row.display_name.startswith("Umbenanntqz")


def test_a_likely_duplicate_is_pointed_out_and_saving_anyway_works(
    qtbot, window: MainWindow
) -> None:
    casefile = window.casefile
    assert casefile is not None
    existing = casework.create_client(
        casefile,
        casework.ClientData(
            given_name="Ayşe", family_name="Öztürkmen", birth_date=dt.date(1988, 3, 15)
        ),
    )
    before = casework.count_clients(casefile, casework.ClientFilter())
    view = register(window)
    settle(qtbot)
    dialog = view.create_client()
    assert isinstance(dialog, ClientDialog)
    qtbot.keyClicks(dialog.family_name, "Ozturkmen")
    qtbot.keyClicks(dialog.given_name, "ayse")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    # Not saved: the dialog names the client already in the file.
    assert dialog.isVisible() and dialog.duplicates.isVisible()
    assert casework.count_clients(casefile, casework.ClientFilter()) == before
    assert dialog.duplicates.choice.currentData() == existing
    assert "Öztürkmen, Ayşe" in dialog.duplicates.choice.currentText()
    assert "15.03.1988" in dialog.duplicates.choice.currentText() or (
        "1988-03-15" in dialog.duplicates.choice.currentText()
    )
    assert dialog.duplicates.note.text()
    assert ok.text().replace("&", "") in ("Save anyway", "Trotzdem speichern")
    # The second OK saves anyway.
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    saved = dialog.result_id
    assert saved and saved != existing and not dialog.used_existing
    settle(qtbot)
    assert casework.count_clients(casefile, casework.ClientFilter()) == before + 1
    assert view.panel.client is not None and view.panel.client.id == saved


def test_opening_the_existing_client_instead_saves_nothing(qtbot, window: MainWindow) -> None:
    casefile = window.casefile
    assert casefile is not None
    existing = casework.create_client(
        casefile, casework.ClientData(given_name="Jan", family_name="Kowalskiqq")
    )
    before = casework.count_clients(casefile, casework.ClientFilter())
    view = register(window)
    settle(qtbot)
    dialog = view.create_client()
    assert isinstance(dialog, ClientDialog)
    qtbot.keyClicks(dialog.family_name, "KOWALSKIQQ")
    qtbot.keyClicks(dialog.given_name, "jan")
    dialog.accept()
    assert dialog.duplicates.isVisible()
    qtbot.mouseClick(dialog.duplicates.use_existing, Qt.MouseButton.LeftButton)
    assert dialog.used_existing and dialog.result_id == existing
    settle(qtbot)
    assert casework.count_clients(casefile, casework.ClientFilter()) == before
    assert view.panel.client is not None and view.panel.client.id == existing


def test_a_changed_name_is_checked_again(qtbot, window: MainWindow) -> None:
    casefile = window.casefile
    assert casefile is not None
    casework.create_client(casefile, casework.ClientData(given_name="Ola", family_name="Nordqx"))
    casework.create_client(casefile, casework.ClientData(given_name="Ola", family_name="Sudqx"))
    view = register(window)
    dialog = view.new_client_dialog()
    assert dialog is not None
    dialog.family_name.setText("Nordqx")
    dialog.given_name.setText("Ola")
    dialog.accept()
    assert "Nordqx" in dialog.duplicates.choice.currentText()
    dialog.family_name.setText("Sudqx")
    dialog.accept()  # another name: a new warning, not the second OK
    assert dialog.result_id is None
    assert "Sudqx" in dialog.duplicates.choice.currentText()
    dialog.family_name.setText("Westqx")
    dialog.accept()  # no duplicate: saved at once
    assert dialog.result_id


def test_cases_and_consents_of_a_client(qtbot, window: MainWindow) -> None:
    casefile = window.casefile
    assert casefile is not None
    view = register(window)
    settle(qtbot)
    view.cases_filter.setCurrentIndex(view.cases_filter.findData("with_open_case"))
    view.focus_results()
    client = view.panel.client
    assert client is not None and client.id is not None
    their_cases = casework.client_cases(casefile, client.id)
    assert [r.id for r in view.panel.cases_model.rows] == [r.id for r in their_cases]

    # Open one of their cases: the window shows it in the cases view.
    view.panel.cases_table.setFocus()
    view.panel.cases_table.selectRow(0)
    qtbot.keyClick(view.panel.cases_table, Qt.Key.Key_Return)
    settle(qtbot)
    cases = next(v for v in window.views if isinstance(v, CasesView))
    assert window.views[window.navigation.currentRow()] is cases
    assert cases.detail.case is not None and cases.detail.case.id == their_cases[0].id

    # A new case for this client, the client already chosen.
    window.navigation.setCurrentRow(window.views.index(view))
    settle(qtbot)
    assert view.panel.client is not None and view.panel.client.id == client.id
    new_case = view.panel.new_case_dialog()
    assert new_case is not None
    assert new_case.picker.client_id() == client.id
    new_case.accept()
    settle(qtbot)
    assert new_case.result_id, new_case.message.text()
    assert cases.detail.case is not None and cases.detail.case.id == new_case.result_id
    assert view.panel.cases_model.rows[0].id == new_case.result_id

    # Record a consent here; it is listed at once.
    window.navigation.setCurrentRow(window.views.index(view))
    consents = len(view.panel.consents_model.rows)
    consent = view.panel.record_consent_dialog()
    assert consent is not None
    consent.kind.setCurrentIndex(consent.kind.findData(casework.CASE_DOCUMENTATION))
    consent.accept()
    settle(qtbot)
    assert consent.result_id, consent.message.text()
    assert len(view.panel.consents_model.rows) == consents + 1
    assert len(casework.list_consents(casefile, client.id)) == consents + 1


def test_locking_empties_the_register(qtbot, window: MainWindow) -> None:
    view = register(window)
    settle(qtbot)
    view.focus_results()
    assert view.panel.client is not None
    window.lock()
    assert view.model.rowCount() == 0
    assert view.panel.client is None and view.panel.cases_model.rows == []
    assert view.search.text() == ""


def test_a_new_case_is_for_this_client_even_among_many_namesakes(qtbot, window: MainWindow) -> None:
    casefile = window.casefile
    assert casefile is not None
    for number in range(55):
        casework.create_client(
            casefile, casework.ClientData(given_name=f"A{number:02}", family_name="Namesakeqx")
        )
    last = casework.create_client(
        casefile, casework.ClientData(given_name="Zuletzt", family_name="Namesakeqx")
    )
    view = register(window)
    view.show_client(last)
    assert view.panel.client is not None and view.panel.client.id == last
    new_case = view.panel.new_case_dialog()
    assert new_case is not None
    assert new_case.picker.client_id() == last  # not the first of the 50 namesakes listed


def test_the_birth_date_typed_decides_whether_it_is_a_likely_duplicate(
    qtbot, window: MainWindow
) -> None:
    casefile = window.casefile
    assert casefile is not None
    existing = casework.create_client(
        casefile,
        casework.ClientData(
            given_name="Rasha", family_name="Haddadqx", birth_date=dt.date(1990, 5, 17)
        ),
    )
    view = register(window)
    same = view.new_client_dialog()
    assert same is not None
    qtbot.keyClicks(same.family_name, "Haddadqx")
    qtbot.keyClicks(same.given_name, "Rasha")
    type_date(qtbot, same.birth_date, "17.5.90")
    same.accept()
    assert same.result_id is None and same.duplicates.choice.currentData() == existing
    same.close_keeping_draft()

    other = view.new_client_dialog()
    assert other is not None
    qtbot.keyClicks(other.family_name, "Haddadqx")
    qtbot.keyClicks(other.given_name, "Rasha")
    type_date(qtbot, other.birth_date, "18.05.1990")
    other.accept()  # another birth date: another person, saved at once
    assert other.result_id and other.result_id != existing
    assert not other.duplicates.isVisible()

    broken = view.new_client_dialog()
    assert broken is not None
    qtbot.keyClicks(broken.family_name, "Haddadqx")
    type_date(qtbot, broken.birth_date, "31.02.1990")
    broken.accept()  # the date's own message, not a duplicate check that fails
    assert broken.result_id is None and broken.message.text()
    broken.close_keeping_draft()


def test_a_client_made_in_the_cases_view_is_shown_in_the_register(
    qtbot, window: MainWindow
) -> None:
    casefile = window.casefile
    assert casefile is not None
    cases = next(v for v in window.views if isinstance(v, CasesView))
    window.navigation.setCurrentRow(window.views.index(cases))
    client_id = casework.create_client(casefile, casework.ClientData(family_name="Ohnefallqx"))
    cases.open_client_requested.emit(client_id)  # what saving "New client …" there does
    settle(qtbot)
    view = next(v for v in window.views if isinstance(v, ClientsView))
    assert window.views[window.navigation.currentRow()] is view
    assert view.panel.client is not None and view.panel.client.id == client_id
    assert view.model.row_at(view.table.currentIndex().row()).id == client_id


def test_a_lock_keeps_what_was_typed_in_the_register_and_asks_nothing(
    qtbot, window: MainWindow
) -> None:
    view = register(window)
    settle(qtbot)
    view.focus_results()
    dialog = view.edit_client()
    assert isinstance(dialog, ClientDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.notes, "Rueckruf am Montag")
    window.lock()  # must not wait for a question
    assert window.is_locked
    assert not dialog.isVisible()
    assert view.panel.client is None and view.panel._windows == []
