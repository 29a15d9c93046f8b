"""The reset of the pinned coordinator key: a configuration signed by another key is imported
only after the person typed in the new fingerprint as the coordination office read it out by
phone. The dialog never shows the configuration's own fingerprint, so it cannot be copied."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class CoordinatorResetDialog(QDialog):
    """Explains the different key and asks for its fingerprint. ``check`` gets the typed text
    and returns a problem to show (the dialog stays open) or None (the dialog accepts)."""

    def __init__(self, check: Callable[[str], str | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = check
        self.setWindowTitle(self.tr("Coordinator key changed"))
        self.message = QLabel(
            self.tr(
                "This district configuration is signed by a different coordinator key than the "
                "one this file trusts. Import it only if your coordination office told you that "
                "its key was replaced (a new person, a new laptop, a lost key).\n\n"
                "Call the coordination office and have them read out their new fingerprint, "
                "then type the 40 digits here. Do not copy them from the file or an e-mail: "
                "whoever changed the file could have changed those too."
            )
        )
        self.message.setWordWrap(True)
        self.fingerprint_edit = QLineEdit()
        self.fingerprint_edit.setAccessibleName(self.tr("New coordinator fingerprint"))
        self.fingerprint_edit.setPlaceholderText("12345 67890 …")
        self.fingerprint_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.fingerprint_edit.setMaxLength(80)
        label = QLabel(self.tr("&New fingerprint (spaces optional):"))
        label.setBuddy(self.fingerprint_edit)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.hide()
        self.buttons = QDialogButtonBox()
        self.accept_button = self.buttons.addButton(
            # Not AcceptRole: the box would make it the default button, pressed by Enter.
            self.tr("&Reset key and import"),
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        for button in (self.accept_button, self.cancel_button):
            # Enter in the field checks the digits; no button is pressed by Enter alone.
            button.setAutoDefault(False)
            button.setDefault(False)
        self.accept_button.setEnabled(False)
        self.fingerprint_edit.textChanged.connect(self._typed)
        self.fingerprint_edit.returnPressed.connect(self._entered)
        self.accept_button.clicked.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(label)
        layout.addWidget(self.fingerprint_edit)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons, 0, Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(560)
        self.fingerprint_edit.setFocus()

    def typed(self) -> str:
        return self.fingerprint_edit.text()

    def _typed(self, text: str) -> None:
        self.problem.hide()
        self.accept_button.setEnabled(any(ch.isdigit() for ch in text))

    def _entered(self) -> None:
        if self.accept_button.isEnabled():
            self._try_accept()

    def _try_accept(self) -> None:
        problem = self.check(self.typed())
        if problem is None:
            self.accept()
            return
        self.problem.setText(problem)
        self.problem.show()
        self.adjustSize()  # room for the problem without squeezing the explanation
        self.fingerprint_edit.setFocus()
