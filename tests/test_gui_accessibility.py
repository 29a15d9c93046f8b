"""BITV 2.0 basics: every control has a name for screen readers, every function is in a menu
or reachable by Tab, and the window still lays out at 200 % text size."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PASSPHRASE
from gui_support import isolated_settings, settle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)

from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.gui.dialogs import AppointmentDialog, ClientDialog, NewCaseDialog
from kim_desktop.gui.main_window import MainWindow
from kim_desktop.gui.views import registry

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QPlainTextEdit,
)


def inside_a_control(widget: QWidget) -> bool:
    parent = widget.parent()
    while parent is not None:
        if isinstance(parent, QAbstractSpinBox | QComboBox | QLineEdit):
            return True
        parent = parent.parent()
    return False


def unnamed_controls(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or isinstance(widget, QTabBar | QHeaderView):
            continue
        if inside_a_control(widget):
            continue  # parts of a combo box, spin box or line edit (popup list, clear button)
        if widget.objectName().startswith("qt_"):
            continue  # Qt's own internals (scroll bars, calendar popups …)
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or text.replace("&", "").strip()):
            owner = widget.parent()
            missing.append(f"{type(widget).__name__} in {type(owner).__name__}")
    return missing


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


def test_every_control_has_an_accessible_name(qtbot, window: MainWindow) -> None:
    for index in range(len(window.views)):
        window.navigation.setCurrentRow(index)
        settle(qtbot)
    cases = window.views[1]
    cases.table.selectRow(0)
    settle(qtbot)
    assert unnamed_controls(window) == []
    casefile = window.casefile
    for dialog in (
        ClientDialog(casefile, parent=window),
        NewCaseDialog(casefile, window),
        AppointmentDialog(casefile, parent=window),
    ):
        assert unnamed_controls(dialog) == [], type(dialog).__name__
        dialog.close()


def test_every_view_and_file_action_has_a_shortcut(window: MainWindow) -> None:
    shortcuts = {
        action.shortcut().toString()
        for menu in window.menuBar().findChildren(QWidget)
        for action in menu.actions()
    }
    for index in range(len(window.views)):
        assert f"Ctrl+{index + 1}" in shortcuts
    assert "Ctrl+L" in shortcuts


def test_tab_moves_through_the_case_list(qtbot, window: MainWindow) -> None:
    window.navigation.setCurrentRow(1)
    cases = window.views[1]
    cases.search.setFocus()
    visited = set()
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.add(QApplication.focusWidget())
    assert cases.table in visited and cases.state in visited


def test_double_text_size_still_lays_out(qtbot, demo_file: Path, tmp_path: Path) -> None:
    app = QApplication.instance()
    original = app.font()
    large = app.font()
    large.setPointSizeF(original.pointSizeF() * 2)
    app.setFont(large)
    try:
        window = MainWindow(
            CaseFile.open(demo_file, PASSPHRASE), isolated_settings(tmp_path), registry.factories()
        )
        qtbot.addWidget(window)
        window.resize(1600, 1000)
        window.show()
        for index in range(len(window.views)):
            window.navigation.setCurrentRow(index)
            settle(qtbot)
            assert window.views[index].isVisible()
        assert window.navigation.font().pointSizeF() >= original.pointSizeF() * 1.9
        window.close()
    finally:
        app.setFont(original)
