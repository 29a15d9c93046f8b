"""What a passphrase field needs besides dots: a check box that shows the typed text, and a
warning while Caps Lock is on.

Qt cannot ask whether Caps Lock is on. On Windows the program asks the system
(``GetKeyState(VK_CAPITAL)``). Elsewhere (X11, Wayland, macOS) it infers the state from what
is typed: a letter that comes out upper-case without Shift, or lower-case with Shift, means
Caps Lock is on; the opposite means it is off; pressing Caps Lock itself flips a known state.
Until a letter has been typed the state is unknown and no warning is shown."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QWidget

from kim_desktop.gui.style import WARNING_COLOUR


def caps_lock_from_system() -> bool | None:
    """Caps Lock as the system knows it, where it can be asked (Windows); else None."""
    if sys.platform != "win32":
        return None
    try:
        import ctypes

        return bool(ctypes.windll.user32.GetKeyState(0x14) & 1)
    except (AttributeError, OSError):
        return None


def caps_lock_from_key(event: QKeyEvent) -> bool | None:
    """Caps Lock inferred from one typed key: None when the key says nothing (a digit, a
    sign, a letter without case)."""
    text = event.text()
    if len(text) != 1 or not text.isalpha() or text.upper() == text.lower():
        return None
    shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
    return text.isupper() != shift


class CapsLockWarning(QLabel):
    """A visible line under a passphrase field while Caps Lock is (known to be) on."""

    def __init__(self, *fields: QLineEdit) -> None:
        super().__init__()
        self.setText(self.tr("Caps Lock is on."))
        self.setStyleSheet(f"color: {WARNING_COLOUR}; font-weight: bold;")
        self.setAccessibleName(self.tr("Caps Lock warning"))
        self.caps_lock: bool | None = None
        self.setVisible(False)
        for field in fields:
            field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            self._key(event)
        elif event.type() == QEvent.Type.FocusIn:
            system = caps_lock_from_system()
            if system is not None:
                self.set_caps_lock(system)
        return False

    def _key(self, event: QKeyEvent) -> None:
        system = caps_lock_from_system()
        if system is not None:
            # GetKeyState still has the state from before this press of Caps Lock.
            self.set_caps_lock(system != (event.key() == Qt.Key.Key_CapsLock))
            return
        if event.key() == Qt.Key.Key_CapsLock:
            if self.caps_lock is not None:
                self.set_caps_lock(not self.caps_lock)
            return
        inferred = caps_lock_from_key(event)
        if inferred is not None:
            self.set_caps_lock(inferred)

    def set_caps_lock(self, on: bool) -> None:
        self.caps_lock = on
        self.setVisible(on)


def show_passphrase_box(text: str, *fields: QLineEdit, parent: QWidget | None = None) -> QCheckBox:
    """A check box that shows the typed passphrase in ``fields`` while ticked; the fields
    return to dots when they are cleared for the next person (``hide``)."""
    box = QCheckBox(text, parent)

    def toggled(on: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
        for field in fields:
            field.setEchoMode(mode)

    box.toggled.connect(toggled)
    return box
