"""The pseudonymised case sheet (Fallbesprechungsbogen) from the case window: the free text
of the case is read off the GUI thread, each passage is listed as the sheet would print it
(members' names already replaced by "Person A", "Person B" …; dates, numbers and contact
data removed), unticked; the case manager ticks the passages that may go into the sheet,
then chooses where to save it, and the PDF is written off the GUI thread."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core.documents import case_sheet
from kim_desktop.gui.operations import run_operation
from kim_desktop.gui.views.case_detail.base import CaseDetailBase
from kim_desktop.gui.views.case_detail.common import write_pdf
from kim_desktop.gui.views.case_detail.passages import passage_row, ticked_keys
from kim_desktop.reports.case_sheet import build_case_sheet


class CaseSheetReviewDialog(QDialog):
    """Each free-text passage of the case with a check box, unticked: only ticked ones are
    printed."""

    def __init__(
        self, passages: tuple[case_sheet.Passage, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Case sheet for collegial consultation"))
        self.resize(780, 540)
        kinds = {
            "case_notes": self.tr("Notes on the case"),
            "appointment_notes": self.tr("Appointment note"),
            "assessment_notes": self.tr("Assessment note"),
            "goal_title": self.tr("Goal"),
        }
        intro = QLabel(
            self.tr(
                "The case sheet shows the course of this case without names, birth dates, "
                "contact data or ids: persons as Person A, B …, dates as weeks since the "
                "opening. Free text is left out unless you tick it below. Each passage is "
                "shown as it would be printed: names of the case's members are replaced by "
                "their labels, dates, numbers and e-mail addresses are removed."
            )
        )
        intro.setWordWrap(True)
        hint = QLabel(
            self.tr(
                "Names of other persons (relatives, neighbours, staff of other offices) are "
                "not recognised: never tick a passage that still names or describes someone "
                "recognisably."
            )
        )
        hint.setWordWrap(True)
        hint.setObjectName("namesHint")
        hint.setStyleSheet("font-weight: bold;")
        self.hint = hint
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("Print"), self.tr("Where"), self.tr("Text as printed"), self.tr("Replaced")]
        )
        for passage in passages:
            where = kinds.get(passage.kind, passage.kind)
            if passage.step is not None:  # dated by its goal's agreement, listed below it
                where = (
                    self.tr("Step {number} of the goal: what")
                    if passage.kind == "step_what"
                    else self.tr("Step {number} of the goal: who")
                ).format(number=passage.step)
            if passage.when:
                where = f"{where}, {passage.when}"
            replaced = self.tr("{count} replaced").format(count=passage.replaced)
            cells = [where, passage.text, replaced if passage.replaced else ""]
            self.model.appendRow(passage_row(passage.key, self.tr("Print"), cells))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Free-text passages"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in (0, 1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # Wrapped text needs the row heights again once the columns have their widths.
        header.sectionResized.connect(lambda *_args: self.table.resizeRowsToContents())
        self.empty = QLabel(self.tr("This case has no free text."))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Save …"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        has_text = bool(passages)
        self.table.setVisible(has_text)
        self.empty.setVisible(not has_text)
        hint.setVisible(has_text)
        ok.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()  # the laid-out column widths decide the wrapping

    def released(self) -> frozenset[str]:
        """The keys of the ticked passages."""
        return ticked_keys(self.model)


class CaseSheetPart(CaseDetailBase):
    """The "Case sheet …" action of the case window's header."""

    def print_case_sheet(self) -> None:
        ready = self._ready()
        if ready is None:
            return
        self.flush_edits()  # typed notes are part of the review
        casefile, case = ready
        shown = case.id

        def read(_report: object) -> tuple[case_sheet.Passage, ...]:
            return case_sheet.passages_for_review(casefile, shown)

        def review(passages: tuple[case_sheet.Passage, ...]) -> None:
            if self.case is None or self.case.id != shown:
                return  # locked (or another case shown) meanwhile
            dialog = CaseSheetReviewDialog(passages, self)
            self._prepared(dialog, lambda: self._save_case_sheet(dialog, shown))
            self._open(dialog)

        run_operation(self, read, review, self._show_error)

    def case_sheet_dialog(self) -> CaseSheetReviewDialog | None:
        """The review dialog opened last, if it is still open (tests fill it in)."""
        dialog = self.active_dialog()
        return dialog if isinstance(dialog, CaseSheetReviewDialog) else None

    def _save_case_sheet(self, dialog: CaseSheetReviewDialog, shown: str) -> None:
        casefile, released = self.casefile, dialog.released()
        if casefile is None or self.case is None or self.case.id != shown:
            return
        path = self._save_path(self.tr("Save case sheet"), self.tr("case-sheet.pdf"))
        if path is None or self.case is None or self.case.id != shown:
            return  # cancelled, or locked while the file dialog was open
        today = self.today()
        self.message.setText(self.tr("Creating the case sheet …"))

        def work(_report: object) -> case_sheet.CaseSheetData:
            data = case_sheet.case_sheet(casefile, shown, today, released)
            write_pdf(path, lambda out: build_case_sheet(data, out))
            return data

        def succeeded(data: case_sheet.CaseSheetData) -> None:
            if self.case is None or self.case.id != shown:
                return
            text = self.tr("Saved {path}.").format(path=str(path))
            if data.passages:
                text += " " + self.tr("{released} of {count} free-text passage(s) printed.").format(
                    released=data.released, count=data.passages
                )
            text += " " + self.tr("Pseudonymised, not anonymous: use it only for the consultation.")
            self.message.setText(text)

        run_operation(self, work, succeeded, self._show_error)
