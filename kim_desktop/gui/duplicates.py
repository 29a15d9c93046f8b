"""The client dialog's notice of likely duplicates: before a client is saved, the clients
already in the file with the same folded name and the same (or an unknown) birth date
(``casework.likely_duplicates``), with the choice to open one of them instead. Pressing OK
again with the same name and birth date saves anyway."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kim_desktop.core import casework
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.gui.formatting import date_text


class DuplicateNotice(QWidget):
    """Hidden until ``check`` finds likely duplicates; ``use_existing_requested`` carries
    the id of the existing client chosen instead."""

    use_existing_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #6b4500; font-weight: bold;")  # 7:1 on white
        self.note.setAccessibleName(self.tr("Possible duplicate"))
        self.choice = QComboBox()
        self.choice.setAccessibleName(self.tr("Client already in the file"))
        self.use_existing = QPushButton(self.tr("Open &this client instead"))
        self.use_existing.setAccessibleName(self.tr("Open this client instead"))
        self.use_existing.setAutoDefault(False)  # Enter stays the dialog's OK: save anyway
        self.use_existing.clicked.connect(self._use_existing)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.note)
        line = QHBoxLayout()
        line.addWidget(self.choice, 1)
        line.addWidget(self.use_existing)
        box.addLayout(line)
        self.hide()
        # The name and birth date last warned about: OK again with these saves.
        self._warned_for: tuple[str, str, dt.date | None] | None = None

    def check(self, casefile: CaseFile, data: casework.ClientData) -> bool:
        """True when saving ``data`` must wait: likely duplicates are shown now (and were
        not shown for this name and birth date before)."""
        key = (casework.fold(data.family_name), casework.fold(data.given_name), data.birth_date)
        if key == self._warned_for:
            return False
        try:
            found = casework.likely_duplicates(casefile, data)
        except Exception:  # noqa: BLE001 - saving reports what is wrong with the input
            return False
        if not found:
            return False
        self._warned_for = key
        self.choice.clear()
        for row in found:
            born = date_text(row.birth_date) if row.birth_date else self.tr("birth date unknown")
            if row.cases == 1:
                cases = self.tr("1 case")
            else:
                cases = self.tr("{count} cases").format(count=row.cases)
            self.choice.addItem(f"{row.display_name} · {born} · {cases}", row.id)
        self.note.setText(
            self.tr(
                "This person may already be in the file (same name, same or unknown birth "
                "date). Open the existing client instead, or press “Save anyway” to add a "
                "new client."
            )
        )
        self.show()
        return True

    def _use_existing(self) -> None:
        client_id = self.choice.currentData()
        if client_id:
            self.use_existing_requested.emit(client_id)
