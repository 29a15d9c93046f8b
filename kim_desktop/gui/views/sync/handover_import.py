"""Importing a handover from a colleague in the window (core/sync/handover_import.py): a
button in the sync view that reads a ``.kimhandover`` file off the GUI thread and says what
came in (cases, new and linked clients, linked clients whose record differs; a cover and its
last day; what a cover's return merged)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QPushButton, QVBoxLayout, QWidget

from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.sync import handover_import
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.messages import describe_error
from kim_desktop.gui.operations import run_operation
from kim_desktop.gui.views.figures import ERROR_STYLE
from kim_desktop.gui.views.sync.common import documents_folder, message_label


class HandoverImporter(QWidget):
    """ "Import handover …" and the result of the last import."""

    imported = Signal()  # after cases came in (views refresh)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.casefile: CaseFile | None = None
        self.button = QPushButton(self.tr("Import hand&over …"))
        self.button.setToolTip(
            self.tr("Cases a colleague of the team handed over to you (.kimhandover).")
        )
        self.result = message_label()
        self.result.setAccessibleName(self.tr("Handover result"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.result)
        self.button.clicked.connect(self.choose_file)

    def set_casefile(self, casefile: CaseFile | None) -> None:
        self.casefile = casefile
        self.result.clear()
        self.result.setStyleSheet("")
        self.setVisible(casefile is None or casefile.role == "casemanager")

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import handover"),
            str(documents_folder()),
            self.tr("KIM handovers (*.kimhandover);;All files (*)"),
        )
        if name:
            self.import_from(Path(name))

    def import_from(self, path: Path) -> None:
        casefile = self.casefile
        if casefile is None:
            return
        self.result.setStyleSheet("")
        self.result.setText(self.tr("Reading the handover …"))

        def succeeded(received: handover_import.HandoverReceived) -> None:
            if self.casefile is not casefile:
                return
            if received.already:
                self.result.setText(self.tr("This handover was imported already; nothing changed."))
                return
            merged = received.merged
            if merged is not None:
                self.result.setText(
                    self.tr(
                        "Merged what {name} recorded during the cover into {cases} case(s): "
                        "{added} record(s) added, {taken} taken over, {deleted} deleted, "
                        "{side} kept side by side for you to decide in the case window."
                    ).format(
                        name=received.sender_name,
                        cases=len(received.case_ids),
                        added=sum(merged.added.values()),
                        taken=sum(merged.taken.values()),
                        deleted=sum(merged.deleted.values()),
                        side=sum(merged.side_by_side.values()),
                    )
                )
                self.imported.emit()
                return
            if received.cover_until is not None:
                self.result.setText(
                    self.tr(
                        "Cover for {name}: {cases} case(s) to work on until {date}; then give "
                        "them back with “Give back …” in the case window."
                    ).format(
                        name=received.sender_name,
                        cases=len(received.case_ids),
                        date=date_text(received.cover_until),
                    )
                )
                self.imported.emit()
                return
            lines = [
                self.tr(
                    "Imported from {name}: {cases} case(s), {added} new person(s), {linked} "
                    "linked to persons this file has already."
                ).format(
                    name=received.sender_name,
                    cases=len(received.case_ids),
                    added=len(received.clients_added),
                    linked=len(received.clients_linked),
                )
            ]
            for client_id, fields in received.differing.items():
                lines.append(
                    self.tr(
                        "Person {id}: your record was kept; the handover's differs in: {fields}."
                    ).format(id=client_id, fields=", ".join(fields))
                )
            self.result.setText("\n".join(lines))
            self.imported.emit()

        def failed(error: BaseException) -> None:
            if self.casefile is casefile:
                self.result.setStyleSheet(ERROR_STYLE)
                self.result.setText(describe_error(error))

        run_operation(
            self,
            lambda report: handover_import.import_handover(casefile, path, report),
            succeeded,
            failed,
            self.tr("Importing the handover …"),
        )
