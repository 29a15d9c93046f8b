"""The coordinator's button for the papers of the data-protection officer (docs/dpo-pack.md):
the Art. 30 record, the Art. 32 measures and the deletion concept as three PDFs in a chosen
folder, written off the GUI thread; existing papers are never replaced."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.documents import dpo_pack
from kim_desktop.core.platform import policy as machine_policy
from kim_desktop.gui.messages import describe_error
from kim_desktop.gui.operations import run_operation
from kim_desktop.gui.style import as_hint
from kim_desktop.gui.views.figures import ERROR_STYLE
from kim_desktop.gui.views.sync.common import documents_folder, message_label
from kim_desktop.reports.dpo_pack import write_pack


class DpoPackWriter(QGroupBox):
    """Writes the three papers for the data-protection officer into a folder."""

    def __init__(self, parent: QGroupBox | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Papers for the data-protection officer"))
        self.casefile: CaseFile | None = None
        hint = QLabel(
            self.tr(
                "The record of processing activities (Art. 30 GDPR), the technical and "
                "organisational measures (Art. 32 GDPR) and the deletion concept, as PDFs in "
                "German. They state this program's real settings and those of the district "
                "configuration last exported; they name no client."
            )
        )
        as_hint(hint)
        hint.setWordWrap(True)
        self.button = QPushButton(self.tr("Write &papers for the data-protection officer …"))
        self.result = message_label()
        self.result.setAccessibleName(self.tr("Result of writing the papers"))
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addWidget(self.result)
        self.button.clicked.connect(self.choose_folder)

    def set_casefile(self, casefile: CaseFile | None) -> None:
        self.casefile = casefile
        self.result.clear()
        self.result.setStyleSheet("")

    def choose_folder(self) -> None:
        if self.casefile is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the papers"), str(documents_folder())
        )
        if folder:
            self.write_to(Path(folder))

    def write_to(self, folder: Path) -> None:
        casefile = self.casefile
        if casefile is None:
            return
        existing = [name for name in dpo_pack.PAPERS if (folder / name).exists()]
        if existing:
            self._failed(
                self.tr("Already in this folder, nothing was written: {names}").format(
                    names=", ".join(existing)
                )
            )
            return
        self.result.setStyleSheet("")
        self.result.setText(self.tr("Writing the papers …"))
        today = dt.date.today()

        def work(_report: object) -> tuple[Path, ...]:
            pack = dpo_pack.gather(casefile, today, machine_policy.load_policy())
            return write_pack(pack, folder)

        def succeeded(paths: tuple[Path, ...]) -> None:
            if self.casefile is casefile:
                self.result.setText(
                    self.tr("Saved in {folder}: {names}").format(
                        folder=str(folder), names=", ".join(path.name for path in paths)
                    )
                )

        def failed(error: BaseException) -> None:
            if self.casefile is casefile:
                self._failed(describe_error(error))

        run_operation(self, work, succeeded, failed, label=self.tr("Writing the papers …"))

    def _failed(self, text: str) -> None:
        self.result.setStyleSheet(ERROR_STYLE)
        self.result.setText(text)
