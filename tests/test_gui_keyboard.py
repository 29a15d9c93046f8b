"""The keyboard (issue 12): every dialog opens on its first input field and Tab reaches every
field and button, Escape closes and Enter presses the default button; Alt shortcuts
(mnemonics) are unique in the main window (per view and case tab) and in every dialog and
menu, in German and English; Tab leaves the case list, arrow keys there only select, Enter
opens; Down or Enter in the search box moves into the list; the passphrase can be shown and
Caps Lock is pointed out. All on real encrypted files with real widgets."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import PASSPHRASE
from gui_support import isolated_settings, settle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QRadioButton,
    QTabBar,
    QTextEdit,
    QWidget,
    QWizard,
)

from kim_desktop.core import casework
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.documents import document_data
from kim_desktop.gui import i18n
from kim_desktop.gui.dialogs import AppointmentDialog, ClientDialog, NewCaseDialog
from kim_desktop.gui.first_steps import FirstStepsDialog
from kim_desktop.gui.keyboard import INPUTS, first_input, focus_chain
from kim_desktop.gui.main_window import MainWindow
from kim_desktop.gui.passphrase_field import CapsLockWarning
from kim_desktop.gui.unlock import StartDialog
from kim_desktop.gui.views import registry
from kim_desktop.gui.views.appointments import CasePickerDialog
from kim_desktop.gui.views.figures import FingerprintDialog
from kim_desktop.gui.wizard import NewFileWizard

# -- mnemonics -------------------------------------------------------------------------------


def mnemonic(text: str) -> str | None:
    """The letter after a single "&" ("&&" is a literal ampersand)."""
    index = 0
    while index < len(text) - 1:
        if text[index] == "&":
            if text[index + 1] == "&":
                index += 2
                continue
            return text[index + 1].lower()
        index += 1
    return None


def active_mnemonics(window: QWidget) -> list[tuple[str, str]]:
    """(letter, where) of every mnemonic Alt can reach in ``window`` as it is shown now:
    buttons, labels with a buddy, tabs, group boxes and the menu bar."""
    found: list[tuple[str, str]] = []

    def add(text: str, kind: str) -> None:
        letter = mnemonic(text)
        if letter:
            found.append((letter, f"{kind} {text!r}"))

    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not widget.isVisible() or isinstance(widget, QMenu):
            continue
        if isinstance(widget, QAbstractButton):
            add(widget.text(), "button")
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            add(widget.text(), "label")
        elif isinstance(widget, QTabBar):
            for tab in range(widget.count()):
                if widget.isTabVisible(tab):
                    add(widget.tabText(tab), "tab")
        elif isinstance(widget, QGroupBox):
            add(widget.title(), "group")
        elif isinstance(widget, QMenuBar):
            for action in widget.actions():
                if action.isVisible():
                    add(action.text(), "menu")
    return found


def clashes(found: list[tuple[str, str]]) -> dict[str, list[str]]:
    by_letter: dict[str, list[str]] = {}
    for letter, where in found:
        by_letter.setdefault(letter, []).append(where)
    return {letter: wheres for letter, wheres in by_letter.items() if len(wheres) > 1}


def menu_clashes(window: MainWindow) -> dict[str, dict[str, list[str]]]:
    result = {}
    for menu in window.menuBar().findChildren(QMenu):
        found = [(mnemonic(a.text()), a.text()) for a in menu.actions() if mnemonic(a.text())]
        problems = clashes([(letter, text) for letter, text in found if letter])
        if problems:
            result[menu.title()] = problems
    return result


# -- fixtures --------------------------------------------------------------------------------


@pytest.fixture(params=["de", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    app = QApplication.instance()
    i18n.install(app, request.param)
    yield request.param
    i18n.install(app, "en")


@pytest.fixture
def window(qtbot, demo_file: Path, tmp_path: Path) -> Iterator[MainWindow]:
    window = MainWindow(
        CaseFile.open(demo_file, PASSPHRASE), isolated_settings(tmp_path), registry.factories()
    )
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    yield window
    window.close()


def rich_case(casefile: CaseFile) -> casework.CaseDetail:
    """A case with several members, goals and a consent not withdrawn (every dialog opens)."""
    for row in casework.list_cases(casefile, casework.CaseFilter(state="open"), limit=200):
        detail = casework.get_case(casefile, row.id)
        if len(detail.members) > 1 and detail.goals and detail.referrals:
            return detail
    raise AssertionError("the demo file has no case with members, goals and referrals")


def open_rich_case(window: MainWindow) -> Any:
    assert window.casefile is not None
    cases = window.views[1]
    window.navigation.setCurrentRow(1)
    cases.show_case(rich_case(window.casefile).id)
    return cases.detail


def case_dialogs(detail: Any) -> dict[str, Callable[[], QDialog | None]]:
    """Every record dialog of the case window, by name; each needs the row it acts on."""

    def selecting(table: Any, make: Callable[[], QDialog | None]) -> Callable[[], QDialog | None]:
        def chosen() -> QDialog | None:
            table.setCurrentIndex(table.model().index(0, 0))
            return make()

        return chosen

    def signed_consent() -> QDialog | None:
        member = detail.selected_member()
        assert member is not None and member.client.id is not None and detail.casefile
        data = document_data.consent_data(
            detail.casefile, member.client.id, "case_documentation", ["job_centre"], "en"
        )
        return detail.signed_consent_dialog(member.client.id, data)

    def consent_to_withdraw() -> QDialog | None:
        table = detail.consents_table
        for row in range(table.model().rowCount()):
            table.setCurrentIndex(table.model().index(row, 0))
            consent = detail.selected_consent()
            if consent is not None and consent.withdrawn_on is None:
                return detail.withdraw_consent_dialog()
        return None

    return {
        "AddMemberDialog": detail.add_member_dialog,
        "ClientDialog (edit)": selecting(detail.members_table, detail.edit_client_dialog),
        "ConsentDialog": selecting(detail.members_table, detail.record_consent_dialog),
        "PrintConsentDialog": selecting(detail.members_table, detail.print_consent_dialog),
        "SignedConsentDialog": selecting(detail.members_table, signed_consent),
        "WithdrawConsentDialog": consent_to_withdraw,
        "AssessmentDialog": detail.new_assessment_dialog,
        "GoalDialog": detail.agree_goal_dialog,
        "GoalStatusDialog": selecting(detail.goals_table, detail.goal_status_dialog),
        "AppointmentDialog (case)": detail.new_appointment_dialog,
        "ReferralDialog": detail.refer_dialog,
        "CloseCaseDialog": detail.close_case_dialog,
    }


def all_dialogs(window: MainWindow, tmp_path: Path) -> dict[str, Callable[[], QWidget | None]]:
    casefile = window.casefile
    assert casefile is not None
    detail = open_rich_case(window)
    dialogs: dict[str, Callable[[], QWidget | None]] = {
        "ClientDialog": lambda: ClientDialog(casefile, parent=window),
        "NewCaseDialog": lambda: NewCaseDialog(casefile, window),
        "AppointmentDialog (other work)": lambda: AppointmentDialog(casefile, parent=window),
        "CasePickerDialog": lambda: CasePickerDialog(casefile, window),
        "StartDialog": lambda: StartDialog(isolated_settings(tmp_path), window),
        "FirstStepsDialog": lambda: FirstStepsDialog(window),
        "FingerprintDialog": lambda: FingerprintDialog(
            "Trust", "Compare.", "12345 " * 8, "Details", "&Trust", window
        ),
    }
    dialogs.update(case_dialogs(detail))
    return dialogs


# -- mnemonics: main window ------------------------------------------------------------------


def test_mnemonics_are_unique_in_the_main_window(qtbot, language: str, demo_file, tmp_path):
    window = MainWindow(
        CaseFile.open(demo_file, PASSPHRASE), isolated_settings(tmp_path), registry.factories()
    )
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    problems = {}
    assert menu_clashes(window) == {}
    for index, view in enumerate(window.views):
        window.navigation.setCurrentRow(index)
        settle(qtbot, 10)
        problems[view.title()] = clashes(active_mnemonics(window))
    detail = open_rich_case(window)
    for closed in (False, True):
        for tab in range(detail.tabs.count()):
            detail.tabs.setCurrentIndex(tab)
            settle(qtbot, 10)
            state = f"case tab {detail.tabs.tabText(tab)} ({'closed' if closed else 'open'})"
            problems[state] = clashes(active_mnemonics(window))
        detail.close_button.hide()
        detail.reopen_button.show()  # as for a closed case
    window.lock()
    settle(qtbot, 10)
    problems["locked"] = clashes(active_mnemonics(window))
    assert {state: found for state, found in problems.items() if found} == {}
    assert len(active_mnemonics(window)) >= 5  # not vacuous: the menus and the lock page
    window.close()


def test_mnemonics_are_unique_in_the_coordinators_window(
    qtbot, language: str, tmp_path: Path
) -> None:
    path = tmp_path / "office.kim"
    CaseFile.create(path, PASSPHRASE, role="coordinator", owner="Koordination").close()
    window = MainWindow(
        CaseFile.open(path, PASSPHRASE),
        isolated_settings(tmp_path),
        registry.factories("coordinator"),
    )
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    problems = {}
    for index, view in enumerate(window.views):
        window.navigation.setCurrentRow(index)
        settle(qtbot, 10)
        problems[view.title()] = clashes(active_mnemonics(window))
    assert {state: found for state, found in problems.items() if found} == {}
    window.close()


def test_mnemonics_are_unique_in_every_dialog(
    qtbot, language: str, window: MainWindow, tmp_path: Path
) -> None:
    problems = {}
    for name, make in all_dialogs(window, tmp_path).items():
        dialog = make()
        assert dialog is not None, name
        dialog.show()
        settle(qtbot, 10)
        problems[name] = clashes(active_mnemonics(dialog))
        dialog.close()
    wizard = NewFileWizard(isolated_settings(tmp_path), window)
    wizard.show()
    for page in range(3):
        settle(qtbot, 10)
        problems[f"wizard page {page + 1}"] = clashes(active_mnemonics(wizard))
        wizard.owner_page.owner.setText("Erika Beispiel")
        wizard.next()
    wizard.close()
    assert {name: found for name, found in problems.items() if found} == {}


def test_the_mnemonic_check_can_fail() -> None:
    assert mnemonic("&Datei") == "d" and mnemonic("Notizen && Wiedervorlage") is None
    assert clashes([("n", "button '&Neuer Fall'"), ("n", "tab '&Notizen'")]) != {}


# -- walking every dialog with the keyboard --------------------------------------------------


def expected_stops(dialog: QWidget) -> list[QWidget]:
    """The fields and buttons Tab must reach: of a group of radio buttons only the one
    checked (Tab enters the group there, the arrow keys move inside)."""
    stops = []
    for widget in focus_chain(dialog):
        if isinstance(widget, QRadioButton) and widget.autoExclusive() and not widget.isChecked():
            continue
        if isinstance(widget, (*INPUTS, QAbstractButton)):
            stops.append(widget)
    return stops


def walk(qtbot, dialog: QWidget, name: str) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    settle(qtbot, 10)
    focused = dialog.focusWidget()
    first = first_input(dialog)
    if first is None:  # nothing to type (a fingerprint to compare): the default button
        assert isinstance(focused, QAbstractButton) and focused.isDefault(), name
        return
    assert focused is first or (focused is not None and first.isAncestorOf(focused)), (
        f"{name}: focus on {type(focused).__name__}, not on {type(first).__name__}"
    )
    buttons = [b for b in dialog.findChildren(QDialogButtonBox) if b.isVisible()]
    # on an input (a check box may be one), never on a push button
    assert isinstance(focused, INPUTS) or not isinstance(focused, QAbstractButton), name
    stops = expected_stops(dialog)
    visited: list[QWidget] = []
    for _ in range(2 * len(stops) + 6):  # round the whole chain, twice
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        visited.append(dialog.focusWidget())
    missing = [
        f"{type(w).__name__} {w.accessibleName() or getattr(w, 'text', str)()}"
        for w in stops
        if w not in visited
    ]
    assert missing == [], name
    for box in buttons:
        for button in box.buttons():
            if button.isEnabled():
                assert button in visited, f"{name}: Tab never reaches {button.text()}"


@pytest.mark.parametrize(
    "name",
    [
        "ClientDialog",
        "NewCaseDialog",
        "AppointmentDialog (other work)",
        "CasePickerDialog",
        "StartDialog",
        "FirstStepsDialog",
        "FingerprintDialog",
        "AddMemberDialog",
        "ClientDialog (edit)",
        "ConsentDialog",
        "PrintConsentDialog",
        "SignedConsentDialog",
        "WithdrawConsentDialog",
        "AssessmentDialog",
        "GoalDialog",
        "GoalStatusDialog",
        "AppointmentDialog (case)",
        "ReferralDialog",
        "CloseCaseDialog",
    ],
)
def test_walk_every_dialog_with_the_keyboard(
    qtbot, window: MainWindow, tmp_path: Path, name: str
) -> None:
    make = all_dialogs(window, tmp_path)[name]
    dialog = make()
    assert dialog is not None
    walk(qtbot, dialog, name)
    # Escape closes a dialog nobody has typed into, as Cancel.
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)
    settle(qtbot, 10)
    assert not dialog.isVisible(), name
    if isinstance(dialog, QDialog):
        assert dialog.result() == QDialog.DialogCode.Rejected, name


@pytest.mark.parametrize("name", ["ClientDialog", "AppointmentDialog (other work)", "GoalDialog"])
def test_enter_presses_the_default_button(
    qtbot, window: MainWindow, tmp_path: Path, name: str
) -> None:
    dialog = all_dialogs(window, tmp_path)[name]()
    assert isinstance(dialog, QDialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    default = next(
        b for b in dialog.findChildren(QAbstractButton) if getattr(b, "isDefault", bool)()
    )
    pressed: list[bool] = []
    default.clicked.connect(lambda *_a: pressed.append(True))
    field = dialog.focusWidget()
    assert not isinstance(field, QPlainTextEdit | QTextEdit)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert pressed, name
    dialog.close()


def test_walk_the_new_file_wizard(qtbot, tmp_path: Path) -> None:
    wizard = NewFileWizard(isolated_settings(tmp_path))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    settle(qtbot, 10)
    assert wizard.focusWidget() is wizard.owner_page.casemanager
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Tab)  # past the other role's button
    assert wizard.focusWidget() is wizard.owner_page.owner
    qtbot.keyClicks(wizard.owner_page.owner, "Erika Beispiel")
    qtbot.keyClick(wizard.owner_page.owner, Qt.Key.Key_Return)  # Enter: next page
    settle(qtbot, 10)
    assert wizard.currentPage() is wizard.location_page
    wizard.location_page.path.setText(str(tmp_path / "neu.kim"))
    wizard.next()
    settle(qtbot, 10)
    page = wizard.passphrase_page
    page.first.setFocus()
    visited = []
    for _ in range(8):
        qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Tab)
        visited.append(wizard.focusWidget())
    assert {page.first, page.second, page.show_passphrase} <= set(visited)
    assert wizard.button(QWizard.WizardButton.BackButton) in visited
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Escape)
    assert not wizard.isVisible() and wizard.casefile is None


# -- lists and search boxes ------------------------------------------------------------------


def test_tab_leaves_the_case_list_and_arrows_do_not_open_cases(qtbot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QAbstractItemView

    lists = window.findChildren(QAbstractItemView)
    assert len(lists) > 20 and not [v for v in lists if v.tabKeyNavigation()]
    window.navigation.setCurrentRow(1)
    cases = window.views[1]
    settle(qtbot)
    assert not cases.table.tabKeyNavigation()
    cases.table.setFocus()
    cases.table.setCurrentIndex(cases.model.index(0, 0))
    assert cases.detail.case is None  # selecting is not opening
    qtbot.keyClick(cases.table, Qt.Key.Key_Down)
    qtbot.keyClick(cases.table, Qt.Key.Key_Down)
    assert cases.detail.case is None
    qtbot.keyClick(cases.table, Qt.Key.Key_Return)
    assert cases.detail.case is not None
    assert cases.detail.case.id == cases.model.row_at(2).id
    cases.table.setFocus()
    qtbot.keyClick(cases.table, Qt.Key.Key_Tab)
    assert window.focusWidget() is not cases.table
    assert cases.detail.case.id == cases.model.row_at(2).id  # Tab opened nothing else


def test_down_and_enter_move_from_the_search_into_the_results(qtbot, window: MainWindow) -> None:
    window.navigation.setCurrentRow(1)
    cases = window.views[1]
    settle(qtbot)
    cases.search.setFocus()
    qtbot.keyClick(cases.search, Qt.Key.Key_Down)
    assert window.focusWidget() is cases.table
    assert cases.table.currentIndex().row() == 0 and cases.detail.case is None
    cases.search.setFocus()
    qtbot.keyClicks(cases.search, cases.model.row_at(1).primary_name.split(",")[0])
    settle(qtbot, 10)
    qtbot.keyClick(cases.search, Qt.Key.Key_Return)
    assert window.focusWidget() is cases.table
    qtbot.keyClick(cases.table, Qt.Key.Key_Return)
    assert cases.detail.case is not None

    assert window.casefile is not None
    dialog = NewCaseDialog(window.casefile, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Down)
    assert dialog.focusWidget() is dialog.picker.results
    dialog.close()


# -- passphrase fields -----------------------------------------------------------------------


def test_passphrase_can_be_shown_and_caps_lock_is_pointed_out(qtbot, tmp_path: Path) -> None:
    start = StartDialog(isolated_settings(tmp_path))
    qtbot.addWidget(start)
    start.show()
    panel = start.panel
    field = panel.passphrase
    assert field.echoMode() == QLineEdit.EchoMode.Password
    panel.show_passphrase.setChecked(True)
    assert field.echoMode() == QLineEdit.EchoMode.Normal
    panel.set_path(tmp_path / "x.kim")  # a new file or the next person: dots again
    assert field.echoMode() == QLineEdit.EchoMode.Password
    warning = panel.caps_warning
    assert isinstance(warning, CapsLockWarning) and not warning.isVisibleTo(start)
    # X11/Wayland: inferred from the typed letters (see passphrase_field.py).
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier)  # "a": off
    assert not warning.isVisibleTo(start)
    qtbot.keyClicks(field, "A")  # upper case without Shift: Caps Lock is on
    assert warning.isVisibleTo(start) and "Caps Lock" in warning.text()
    qtbot.keyClick(field, Qt.Key.Key_CapsLock)  # pressed again: off
    assert not warning.isVisibleTo(start)
    qtbot.keyClicks(field, "b", Qt.KeyboardModifier.ShiftModifier)  # Shift gives "b": on
    assert warning.isVisibleTo(start)

    wizard = NewFileWizard(isolated_settings(tmp_path))
    qtbot.addWidget(wizard)
    page = wizard.passphrase_page
    page.show_passphrase.setChecked(True)
    assert page.first.echoMode() == page.second.echoMode() == QLineEdit.EchoMode.Normal
    assert isinstance(page.caps_warning, CapsLockWarning)


# -- restore and first steps from the window -------------------------------------------------


def answer_modals(qtbot, steps: list[str], passphrase: str, restore: bool = True) -> None:
    """Answer the confirmation and the passphrase question as a user would."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    def answer() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QMessageBox):
            wanted = (
                QMessageBox.ButtonRole.DestructiveRole
                if restore
                else QMessageBox.ButtonRole.RejectRole
            )
            button = next(b for b in modal.buttons() if modal.buttonRole(b) == wanted)
            default = modal.buttonRole(modal.defaultButton())
            steps.append(f"confirm, Cancel default: {default == QMessageBox.ButtonRole.RejectRole}")
            button.click()
            if not restore:
                return  # nothing more is asked
        elif isinstance(modal, QInputDialog):
            steps.append(f"passphrase: {modal.textEchoMode() == QLineEdit.EchoMode.Password}")
            modal.setTextValue(passphrase)
            modal.accept()
            return
        QTimer.singleShot(20, answer)

    QTimer.singleShot(20, answer)


def test_restore_from_backup_in_the_window(qtbot, window: MainWindow, tmp_path: Path) -> None:
    from kim_desktop.gui.restore import restore_from_backup

    casefile = window.casefile
    assert casefile is not None
    backup = tmp_path / "sicherung.kim"
    casefile.backup(backup)
    casework.create_client(casefile, casework.ClientData(family_name="Nachsicherung"))
    assert casework.find_clients(casefile, "Nachsicherung", limit=5)

    steps: list[str] = []
    answer_modals(qtbot, steps, PASSPHRASE, restore=False)  # first the user says no
    restore_from_backup(window, backup)
    assert steps == ["confirm, Cancel default: True"] and not window.is_locked

    steps.clear()
    answer_modals(qtbot, steps, PASSPHRASE)
    restore_from_backup(window, backup)
    assert window.is_locked  # at once; the restore runs in the background
    settle(qtbot)
    assert steps == ["confirm, Cancel default: True", "passphrase: True"]  # Cancel is the default
    panel = window.lock_page.panel
    assert panel.isEnabled() and "restored" in panel.error.text()
    panel.passphrase.setText(PASSPHRASE)
    panel.unlock()
    qtbot.waitUntil(lambda: not window.is_locked, timeout=30000)
    assert window.casefile is not None
    assert casework.find_clients(window.casefile, "Nachsicherung", limit=5) == []


def test_a_wrong_backup_passphrase_changes_nothing(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from kim_desktop.gui.restore import restore_from_backup

    casefile = window.casefile
    assert casefile is not None
    backup = tmp_path / "sicherung.kim"
    casefile.backup(backup)
    before = window.path.read_bytes()
    steps: list[str] = []
    answer_modals(qtbot, steps, "not the passphrase")
    warnings: list[str] = []

    def close_warning() -> None:
        shown = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible() and "not changed" in w.text()
        ]
        if shown:
            warnings.append(shown[0].text())
            shown[0].accept()
        else:
            QTimer.singleShot(50, close_warning)

    restore_from_backup(window, backup)
    QTimer.singleShot(50, close_warning)
    qtbot.waitUntil(lambda: bool(warnings), timeout=30000)
    settle(qtbot)
    assert window.is_locked and window.lock_page.panel.isEnabled()
    assert "passphrase" in warnings[0].lower()
    assert window.path.read_bytes() == before


def test_first_steps_from_the_help_menu(qtbot, window: MainWindow) -> None:
    from kim_desktop.gui.first_steps import FirstStepsDialog

    actions = {a.text(): a for menu in window.menuBar().findChildren(QMenu) for a in menu.actions()}
    assert "&First steps …" in actions and "&Restore from backup …" in actions
    dialog = FirstStepsDialog(window)
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    assert "Ctrl+L" in text and "Restore from backup" in text
    assert dialog.width() < 1366 and dialog.height() < 728
