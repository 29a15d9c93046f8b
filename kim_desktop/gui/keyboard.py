"""Keyboard conventions shared by dialogs and lists: a dialog opens on its first input field
(typing never lands on OK), its buttons come last in the Tab order, and Down or Enter in a
search box moves into the results."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTextEdit,
    QWidget,
)

INPUTS = (
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QPlainTextEdit,
    QTextEdit,
    QCheckBox,
    QRadioButton,
    QAbstractItemView,
)


def focus_chain(window: QWidget) -> list[QWidget]:
    """The widgets Tab visits in ``window``, in order (shown, enabled, taking Tab focus)."""
    chain: list[QWidget] = []
    widget = window.nextInFocusChain()
    while widget is not None and widget is not window and widget not in chain:
        if (
            window.isAncestorOf(widget)
            and widget.isVisibleTo(window)
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.focusProxy() is None
        ):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def _box_buttons(window: QWidget) -> list[QAbstractButton]:
    return [
        button
        for box in window.findChildren(QDialogButtonBox)
        if box.window() is window
        for button in box.buttons()
    ]


def buttons_last(window: QWidget) -> None:
    """Put the OK/Cancel row at the end of the Tab order. A dialog that creates its button
    box before its fields would otherwise start on OK."""
    buttons = _box_buttons(window)
    rest = [w for w in focus_chain(window) if w not in buttons]
    if not buttons or not rest:
        return
    previous: QWidget = rest[-1]
    for button in buttons:
        QWidget.setTabOrder(previous, button)
        previous = button


def first_input(window: QWidget) -> QWidget | None:
    return next((w for w in focus_chain(window) if isinstance(w, INPUTS)), None)


def prepare_dialog(window: QWidget) -> None:
    """Before a dialog is shown: buttons last, and the focus on the first input field unless
    the dialog chose a field itself."""
    buttons_last(window)
    chosen = window.focusWidget()
    if chosen is None or chosen is window or isinstance(chosen, QAbstractButton):
        field = first_input(window)
        if field is not None:
            field.setFocus(Qt.FocusReason.TabFocusReason)


def tab_leaves_lists(root: QWidget) -> None:
    """Tab moves on to the next control from every list and table under ``root`` (Qt's
    tables move from cell to cell by default, and the focus never left them)."""
    for view in root.findChildren(QAbstractItemView):
        view.setTabKeyNavigation(False)


class _IntoResults(QObject):
    def __init__(self, search: QLineEdit, results: QAbstractItemView, enter: bool) -> None:
        super().__init__(search)
        self.search = search
        self.results = results
        self.keys = (
            (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter) if enter else (Qt.Key.Key_Down,)
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() not in self.keys or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        model = self.results.model()
        if model is None or model.rowCount() == 0:
            return False
        if not self.results.currentIndex().isValid():
            self.results.setCurrentIndex(model.index(0, 0))
        self.results.setFocus(Qt.FocusReason.OtherFocusReason)
        return True


def lead_into_results(search: QLineEdit, results: QAbstractItemView, enter: bool = True) -> None:
    """Down (and Enter, unless ``enter`` is false) in ``search`` moves the focus to the first
    (or current) result; it selects, it does not open (Enter in the list opens)."""
    search.installEventFilter(_IntoResults(search, results, enter))
