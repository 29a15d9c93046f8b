"""Erasure in the window (issue 14, DESIGN.md §10): a case from the case detail, a client
from the register, a line and everything due from the retention view. The confirmation names
what goes and says that figures of periods not yet ended may change; the erase button works
only once the check box is ticked; Escape and Enter erase nothing. Real encrypted files, the
real window driven with qtbot; the figures of ended years and quarters are compared with
core's ``figures.stats.for_casefile`` (what ``kim stats`` prints)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from shiboken6 import Shiboken

from kim_desktop.core import casework as cw
from kim_desktop.core.casefile import drafts as stored_drafts
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import UnknownRecord
from kim_desktop.core.figures import stats
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.gui import i18n
from kim_desktop.gui.erase_dialog import EraseDialog
from kim_desktop.gui.main_window import MainWindow
from kim_desktop.gui.views import registry
from kim_desktop.gui.views.cases import CasesView
from kim_desktop.gui.views.clients import ClientsView
from kim_desktop.gui.views.retention import RetentionView
from tests.conftest import PASSPHRASE
from tests.gui_support import isolated_settings, settle
from tests.test_retention import MOERS, TODAY, build

PERIODS_SENTENCE = "figures of periods that have not ended yet (the current quarter and year) "


@pytest.fixture
def window(qtbot, tmp_path: Path):
    path = tmp_path / "cm.kim"
    ids = build(path)
    with CaseFile.open(path, PASSPHRASE) as casefile:
        # Two persons in one open case whose note names one of them.
        ids["sharer"] = cw.create_client(
            casefile, cw.ClientData(family_name="Sharer", given_name="Lejla")
        )
        ids["stayer"] = cw.create_client(
            casefile, cw.ClientData(family_name="Stayer", given_name="Omar")
        )
        ids["shared_case"] = cw.open_case(
            casefile,
            MOERS,
            "case_management",
            TODAY - dt.timedelta(days=400),
            ids["stayer"],
            [ids["sharer"]],
        )
        cw.set_case_notes(casefile, ids["shared_case"], "Lejla kommt mit zum Jobcenter.")
    i18n.install(QApplication.instance(), "en")  # English with its plural forms
    window = MainWindow(
        CaseFile.open(path, PASSPHRASE), isolated_settings(tmp_path), registry.factories()
    )
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    yield window, ids
    window.close()


def view_of(window: MainWindow, kind: type) -> object:
    for index, view in enumerate(window.views):
        if isinstance(view, kind):
            window.navigation.setCurrentRow(index)
            return view
    raise AssertionError(kind)


def ended_figures(casefile: CaseFile) -> dict[str, object]:
    """``kim stats`` (json) of every year and quarter of the last seven that has ended."""
    figures: dict[str, object] = {}
    for year in range(TODAY.year - 7, TODAY.year + 1):
        for label in (*(f"{year}-Q{q}" for q in range(1, 5)), str(year)):
            period = parse_period(label)
            if period.end < TODAY:
                figures[label] = json.loads(
                    json.dumps(stats.for_casefile(casefile, period), default=str)
                )
    return figures


def confirmation(qtbot, host) -> EraseDialog:
    """The confirmation once its plan has been read in the background."""
    settle(qtbot)
    shown = [d for d in host.findChildren(EraseDialog) if d.isVisible()]
    assert len(shown) == 1
    return shown[0]


def confirm_and_erase(qtbot, dialog: EraseDialog) -> None:
    assert not dialog.erase_button.isEnabled()
    box = dialog.confirm  # a click on the box itself (the widget is as wide as the dialog)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert dialog.erase_button.isEnabled()
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    settle(qtbot)


def test_erase_a_case_from_the_case_detail(qtbot, window) -> None:
    window, ids = window
    casefile = window.casefile
    before = ended_figures(casefile)
    cases = view_of(window, CasesView)
    assert isinstance(cases, CasesView)
    settle(qtbot)
    cases.show_case(ids["exact_case"])
    detail = cases.detail
    assert detail.erase_button.isVisible() and detail.erase_button.text() == "Erase case …"

    # Escape erases nothing.
    qtbot.mouseClick(detail.erase_button, Qt.MouseButton.LeftButton)
    dialog = confirmation(qtbot, detail)
    text = dialog.shown_text()
    assert "Exact, Amina" in text
    assert PERIODS_SENTENCE in text.replace("\n", " ")
    assert "An erasure cannot be undone." in text
    assert dialog.count_labels["cases"].text() == "1"
    assert dialog.count_labels["clients"].text() == "1"
    assert dialog.count_labels["appointments"].text() == "0"
    assert not dialog.passages.isVisibleTo(dialog)
    assert not dialog.erase_button.isEnabled() and not dialog.erase_button.isDefault()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    settle(qtbot)
    assert not dialog.isVisible()
    assert cw.get_case(casefile, ids["exact_case"]).id == ids["exact_case"]

    # Ticked, Enter still erases nothing: Cancel is the default button.
    qtbot.mouseClick(detail.erase_button, Qt.MouseButton.LeftButton)
    dialog = confirmation(qtbot, detail)
    dialog.confirm.setFocus()
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Space)
    assert dialog.confirm.isChecked() and dialog.erase_button.isEnabled()
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    settle(qtbot)
    assert not dialog.isVisible()
    assert cw.get_case(casefile, ids["exact_case"]).id == ids["exact_case"]

    # Confirmed: erased, the case window closes, the list no longer shows it.
    qtbot.mouseClick(detail.erase_button, Qt.MouseButton.LeftButton)
    confirm_and_erase(qtbot, confirmation(qtbot, detail))
    with pytest.raises(UnknownRecord):
        cw.get_case(casefile, ids["exact_case"])
    with pytest.raises(UnknownRecord):
        cw.get_client(casefile, ids["exact"])
    assert detail.case is None and not detail.tabs.isEnabled()
    cases.state.setCurrentIndex(2)  # all cases
    settle(qtbot)
    while cases.model.canFetchMore():
        cases.model.fetchMore()
    assert cases.model.row_of(ids["exact_case"]) is None
    message = window.statusBar().currentMessage()
    assert message.startswith("Erased: 1 case, 1 client.")
    assert "Amina" not in message and "Exact" not in message  # counts only
    assert ended_figures(casefile) == before


def test_erase_a_client_empties_what_names_them_in_a_shared_case(qtbot, window) -> None:
    window, ids = window
    casefile = window.casefile
    before = ended_figures(casefile)
    clients = view_of(window, ClientsView)
    assert isinstance(clients, ClientsView)
    settle(qtbot)
    clients.show_client(ids["sharer"])
    panel = clients.panel
    assert panel.client is not None and panel.client.id == ids["sharer"]
    qtbot.mouseClick(panel.erase_button, Qt.MouseButton.LeftButton)
    dialog = confirmation(qtbot, panel)
    assert "Sharer, Lejla" in dialog.shown_text()
    assert dialog.count_labels["clients"].text() == "1"
    assert dialog.count_labels["cases"].text() == "0"  # the case stays with Omar
    assert dialog.passages.isVisibleTo(dialog)
    assert dialog.passages.text().startswith("1 note or goal text of cases")
    confirm_and_erase(qtbot, dialog)
    assert panel.client is None
    assert clients.model.row_of(ids["sharer"]) is None
    assert [row.id for row in clients.model.rows if row.id == ids["stayer"]] == [ids["stayer"]]
    shared = cw.get_case(casefile, ids["shared_case"])
    assert [m.client.id for m in shared.members] == [ids["stayer"]]
    assert not shared.notes
    assert window.statusBar().currentMessage().startswith("Erased: 1 client.")
    assert ended_figures(casefile) == before


def test_erase_a_line_and_everything_due_from_the_retention_view(qtbot, window) -> None:
    window, ids = window
    casefile = window.casefile
    before = ended_figures(casefile)
    view = view_of(window, RetentionView)
    assert isinstance(view, RetentionView)
    settle(qtbot)
    due = view.due.rowCount()
    assert due > 3 and view.erase_due_button.isEnabled()
    assert not view.erase_selected_button.isEnabled()  # no line chosen yet

    # One line: the withdrawn client.
    table = view.tables["due"]
    row = next(i for i, r in enumerate(view.due.rows) if r.id == ids["withdrawn"])
    table.setFocus()
    table.setCurrentIndex(view.due.index(row, 0))
    assert view.erase_selected_button.isEnabled()
    qtbot.mouseClick(view.erase_selected_button, Qt.MouseButton.LeftButton)
    dialog = confirmation(qtbot, view)
    assert dialog.windowTitle() == "Erase client"
    assert "Withdrawn, Amina" in dialog.shown_text()
    confirm_and_erase(qtbot, dialog)
    assert view.due.rowCount() == due - 1
    assert all(r.id != ids["withdrawn"] for r in view.due.rows)

    # Everything due.
    qtbot.mouseClick(view.erase_due_button, Qt.MouseButton.LeftButton)
    dialog = confirmation(qtbot, view)
    assert dialog.windowTitle() == "Erase everything due"
    text = dialog.shown_text()
    for name in ("Exact, Amina", "Before, Amina", "Four, Amina"):
        assert name in text
    persons = dialog.persons.model().stringList()
    assert "After, Amina" not in text  # due tomorrow
    assert "Both, Amina" not in persons  # in an open case too: only her closed case goes
    assert "Both, Amina" in dialog.cases.model().stringList()
    assert PERIODS_SENTENCE in text.replace("\n", " ")
    confirm_and_erase(qtbot, dialog)
    assert view.due.rowCount() == 0
    assert view.status.text() == "Nothing is due for erasure."
    assert not view.erase_due_button.isEnabled()
    assert view.soon.rowCount() == 2  # falling due soon: untouched
    for name in ("exact", "before", "four"):
        with pytest.raises(UnknownRecord):
            cw.get_client(casefile, ids[name])
    cw.get_client(casefile, ids["both"])  # in an open case too: stays
    clients = view_of(window, ClientsView)
    assert isinstance(clients, ClientsView)
    settle(qtbot)
    while clients.model.canFetchMore():
        clients.model.fetchMore()
    listed = {row.id for row in clients.model.rows}
    assert not listed & {ids["exact"], ids["before"], ids["four"], ids["withdrawn"]}
    assert ids["both"] in listed
    assert ended_figures(casefile) == before


def test_an_open_form_of_the_erased_case_goes_with_it(qtbot, window) -> None:
    window, ids = window
    casefile = window.casefile
    cases = view_of(window, CasesView)
    assert isinstance(cases, CasesView)
    settle(qtbot)
    cases.show_case(ids["four_case"])
    detail = cases.detail
    form = detail.agree_goal()
    assert form is not None and form.isVisible()
    qtbot.keyClicks(form.title_edit, "Deutschkurs B1 abschließen")
    window.drafts.keep_typed()
    assert len(stored_drafts.list_drafts(casefile)) == 1
    erasure = detail.erase_case()  # the form is window-modal: the button is not reachable
    assert erasure is not None
    dialog = confirmation(qtbot, detail)
    assert dialog.count_labels["drafts"].text() == "1"
    confirm_and_erase(qtbot, dialog)
    assert not Shiboken.isValid(form) or not form.isVisible()
    window.drafts.keep_typed()  # the keeper does not keep it again
    assert stored_drafts.list_drafts(casefile) == []
    with pytest.raises(UnknownRecord):
        cw.get_case(casefile, ids["four_case"])


def test_a_file_changed_meanwhile_erases_nothing(qtbot, window) -> None:
    window, ids = window
    casefile = window.casefile
    cases = view_of(window, CasesView)
    assert isinstance(cases, CasesView)
    settle(qtbot)
    cases.show_case(ids["before_case"])
    qtbot.mouseClick(cases.detail.erase_button, Qt.MouseButton.LeftButton)
    dialog = confirmation(qtbot, cases.detail)
    # Another program adds a consent of the person while the confirmation is open.
    with CaseFile.open(casefile.path, PASSPHRASE) as other:
        cw.record_consent(other, ids["before"], "case_documentation", TODAY)
    confirm_and_erase(qtbot, dialog)
    boxes = [
        box
        for box in QApplication.topLevelWidgets()
        if isinstance(box, QMessageBox) and box.isVisible()
    ]
    assert len(boxes) == 1
    assert boxes[0].text().startswith("The records changed since the erasure was shown")
    assert "\n" not in boxes[0].text()
    boxes[0].accept()
    assert cw.get_case(casefile, ids["before_case"]).id == ids["before_case"]
    assert cw.get_client(casefile, ids["before"]).id == ids["before"]
    # Shown again, the new plan erases.
    qtbot.mouseClick(cases.detail.erase_button, Qt.MouseButton.LeftButton)
    dialog = confirmation(qtbot, cases.detail)
    assert dialog.count_labels["consents"].text() == "1"
    confirm_and_erase(qtbot, dialog)
    with pytest.raises(UnknownRecord):
        cw.get_case(casefile, ids["before_case"])


def test_locking_during_the_confirmation_erases_nothing(qtbot, window) -> None:
    window, ids = window
    cases = view_of(window, CasesView)
    assert isinstance(cases, CasesView)
    settle(qtbot)
    cases.show_case(ids["exact_case"])
    qtbot.mouseClick(cases.detail.erase_button, Qt.MouseButton.LeftButton)
    dialog = confirmation(qtbot, cases.detail)
    dialog.confirm.setChecked(True)
    window.lock()
    settle(qtbot)
    assert not Shiboken.isValid(dialog) or not dialog.isVisible()
    path = window.path
    with CaseFile.open(path, PASSPHRASE) as casefile:
        assert cw.get_case(casefile, ids["exact_case"]).id == ids["exact_case"]
    # A new erasure can start after unlocking (the first one ended with the lock).
    window._unlocked(CaseFile.open(path, PASSPHRASE))
    settle(qtbot)
    cases.show_case(ids["exact_case"])
    assert cases.detail.erase_case() is not None
    confirmation(qtbot, cases.detail).reject()
    settle(qtbot)


def test_the_confirmation_speaks_german(qtbot, window) -> None:
    window, ids = window
    app = QApplication.instance()
    i18n.install(app, "de")
    try:
        cases = view_of(window, CasesView)
        assert isinstance(cases, CasesView)
        settle(qtbot)
        cases.show_case(ids["exact_case"])
        cases.detail.erase_button.setText(cases.detail.tr("Erase case …"))
        assert cases.detail.erase_button.text() == "Fall löschen …"
        qtbot.mouseClick(cases.detail.erase_button, Qt.MouseButton.LeftButton)
        dialog = confirmation(qtbot, cases.detail)
        assert dialog.windowTitle() == "Fall löschen"
        text = dialog.shown_text().replace("\n", " ")
        assert (
            "Die Zahlen abgeschlossener Jahre und Quartale bleiben unverändert; Zahlen für "
            "Zeiträume, die noch nicht abgeschlossen sind (das laufende Quartal und Jahr), "
            "können sich ändern." in text
        )
        assert "Das Löschen kann nicht rückgängig gemacht werden." in text
        assert dialog.confirm.text() == "Ich habe geprüft, dass diese Daten gelöscht werden dürfen"
        confirm_and_erase(qtbot, dialog)
        assert window.statusBar().currentMessage().startswith("Gelöscht: 1 Fall, 1 Klient:in.")
    finally:
        i18n.install(app, "en")
